"""The admin tab: upload, list and remove documents, and rebuild the index with a progress bar.

The tab exists only when ``cfg.admin_token`` (``RAG_ADMIN_TOKEN``) is set, and every
action first checks the token typed on the page (``hmac.compare_digest``).

Uploaded files go to ``cfg.corpus_dirs[0] / "uploads"``, which the build scans
(corpus folders are read recursively). Only files in that folder can be deleted
here; the built-in plan and the shared regulations are read-only files, so they
are switched off instead (停用, listed in ``index/excluded.json``) and can be
switched back on (恢复): a repealed regulation, or one replaced by an uploaded
revision, stops answering without its file being touched.
A change takes effect after 重建索引; the chat picks up the new index by itself.
Below the documents, the answers staff marked wrong in the chat (👎, ``rag.feedback``),
newest first, so whoever keeps the documents also sees where the answers fall short.

The helpers (``save_upload``, ``document_rows``, ``remove_upload``, ``exclude_document``,
``include_document``, ``run_rebuild``, ``feedback_rows``)
are plain functions so they can be tested without a browser; ``admin_tab`` wires them.
"""

from __future__ import annotations

import hmac
import logging
import shutil
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from rag.config import Config
from rag.exclusions import Exclusions
from rag.feedback import BAD, FeedbackLog
from rag.index import BuildLockedError, build_index, read_manifest
from rag.loading import MAX_FILE_BYTES, MAX_FILE_MB, SUPPORTED, LoadError, load_document

log = logging.getLogger(__name__)

UPLOADS = "uploads"
UPLOAD_TYPES = (".pdf", ".docx", ".txt", ".md")  # what the page offers; SUPPORTED also takes .markdown
TOKEN_MISSING = "请先输入管理口令。"
TOKEN_WRONG = "管理口令不正确，未执行任何操作。"
COLUMNS = ["简称", "标题", "条款数", "加入时间", "路径", "可删除 / 状态"]
FEEDBACK_COLUMNS = ["标记时间", "问题", "引用条款", "回答", "说明"]
FEEDBACK_ROWS = 50


class AdminError(Exception):
    """An action that was refused; the message is Chinese and says why."""


def uploads_dir(cfg: Config) -> Path:
    """Where uploads go: the ``uploads`` folder inside the first corpus folder (scanned by the build)."""
    if not cfg.corpus_dirs:
        raise AdminError("未配置语料目录（RAG_CORPUS），无法上传文件。")
    return Path(cfg.corpus_dirs[0]) / UPLOADS


def token_ok(cfg: Config, token: str | None) -> bool:
    """True when admin is enabled and ``token`` matches it (constant-time comparison)."""
    expected = cfg.admin_token or ""
    return bool(expected) and hmac.compare_digest((token or "").encode("utf-8"), expected.encode("utf-8"))


def check_token(cfg: Config, token: str | None) -> None:
    if not (token or "").strip():
        raise AdminError(TOKEN_MISSING)
    if not token_ok(cfg, token):
        raise AdminError(TOKEN_WRONG)


def safe_filename(name: str) -> str:
    """The file's own name without any folder part; spaces and Chinese are kept."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip().lstrip(".").strip()
    if not base or base in (".", ".."):
        raise AdminError("文件名无效，请重命名后再上传。")
    if len(base.encode("utf-8")) > 200:
        raise AdminError("文件名过长，请改短后再上传。")
    return base


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def save_upload(cfg: Config, src: str | Path, original_name: str | None = None) -> str:
    """Check an uploaded file and copy it into the uploads folder; returns a message.

    Refused (``AdminError``, nothing left in uploads) when the type is not supported,
    the file is too large, a file of that name already exists, or it cannot be read
    (``load_document``'s ``LoadError`` reason is shown).
    """
    src = Path(src)
    name = safe_filename(original_name or src.name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise AdminError(f"不支持的文件类型“{suffix or '无扩展名'}”；请上传 PDF、DOCX、TXT 或 MD 文件。")
    try:
        size = src.stat().st_size
    except OSError as e:
        raise AdminError(f"无法读取上传的文件（{e.strerror or e}）。") from None
    if size > MAX_FILE_BYTES:
        raise AdminError(f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_FILE_MB} MB），请拆分后再上传。")
    folder = uploads_dir(cfg)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists():
        raise AdminError(f"上传目录中已有同名文件“{name}”；如需替换，请先删除它再上传。")
    # Checked under a hidden name (the build skips hidden files), then renamed into place.
    tmp = folder / f".upload-{uuid.uuid4().hex}{suffix}"
    try:
        shutil.copyfile(src, tmp)
        try:
            doc = load_document(tmp)
        except LoadError as e:
            raise AdminError(f"文件“{name}”无法使用：{e}") from None
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return f"已上传“{name}”（{doc.title or name}）。点击“重建索引”后生效。"


def _fmt_time(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return value or ""


def feedback_rows(cfg: Config, limit: int = FEEDBACK_ROWS) -> list[list[str]]:
    """The answers marked wrong in the chat, newest first (what ``rag feedback`` lists)."""
    items, problems = FeedbackLog(cfg.feedback_path).read()
    for p in problems:
        log.warning("%s", p)
    rows = []
    for item in [i for i in reversed(items) if i.verdict == BAD][:limit]:
        answer = item.answer if len(item.answer) <= 200 else item.answer[:200] + "…"
        rows.append([_fmt_time(item.time), item.searched or item.question, item.cited, answer, item.note])
    return rows


def _uploads_or_none(cfg: Config) -> Path | None:
    try:
        return uploads_dir(cfg)
    except AdminError:
        return None


def document_rows(cfg: Config) -> list[list[Any]]:
    """One row per indexed document, then uploads not indexed yet, then switched-off files.

    Columns: short, title, clauses, added, path, and what can be done (是 = can be deleted).
    """
    rows: list[list[Any]] = []
    seen: set[Path] = set()
    folder = _uploads_or_none(cfg)
    off = Exclusions(cfg.index_dir)
    m = read_manifest(cfg.index_dir)
    for e in (m.documents.values() if m else []):
        p = Path(e.path)
        removable = folder is not None and _inside(p, folder)
        seen.add(p.resolve())
        state = "是" if removable else ("已停用（重建后生效）" if p in off else "否（只读，可停用）")
        rows.append([e.short, e.title, e.clauses, _fmt_time(e.added_at), e.path, state])
    if folder is not None and folder.is_dir():
        for p in sorted(folder.iterdir()):
            if p.is_file() and not p.name.startswith(".") and p.resolve() not in seen:
                rows.append([p.stem, "（尚未重建索引）", 0, "", str(p), "是"])
    for item in off.items.values():
        if Path(item.path).resolve() not in seen:
            rows.append([item.short, "（已停用）", 0, _fmt_time(item.at), item.path, "已停用"])
    return rows


def switch_choices(cfg: Config) -> list[tuple[str, str]]:
    """(label, path) of read-only documents that can be switched off, and of those switched off."""
    folder = _uploads_or_none(cfg)
    off = Exclusions(cfg.index_dir)
    out: list[tuple[str, str]] = []
    m = read_manifest(cfg.index_dir)
    for e in (m.documents.values() if m else []):
        if (folder is None or not _inside(Path(e.path), folder)) and Path(e.path) not in off:
            out.append((f"《{e.short}》（在用）", str(Path(e.path).resolve())))
    out += [(f"《{item.short or Path(item.path).stem}》（已停用）", item.path) for item in off.items.values()]
    return out


def exclude_document(cfg: Config, path: str | None) -> str:
    """Switch an indexed read-only document off (uploads are deleted instead)."""
    if not (path or "").strip():
        raise AdminError("请先选择要停用的文件。")
    m = read_manifest(cfg.index_dir)
    entry = next((e for e in (m.documents.values() if m else []) if Path(e.path).resolve() == Path(path).resolve()), None)
    if entry is None:
        raise AdminError(f"索引中没有文件“{path}”。")
    folder = _uploads_or_none(cfg)
    if folder is not None and _inside(Path(entry.path), folder):
        raise AdminError(f"“{entry.short}”是上传的文件，请直接删除。")
    off = Exclusions(cfg.index_dir)
    if Path(entry.path) in off:
        raise AdminError(f"《{entry.short}》已经停用。")
    off.add(entry.path, entry.short)
    return f"已停用《{entry.short}》（文件本身未改动）。点击“重建索引”后不再用它回答问题。"


def include_document(cfg: Config, path: str | None) -> str:
    """Switch a switched-off document back on."""
    if not (path or "").strip():
        raise AdminError("请先选择要恢复的文件。")
    off = Exclusions(cfg.index_dir)
    item = off.get(path)
    if item is None or not off.remove(path):
        raise AdminError(f"“{path}”没有被停用。")
    return f"已恢复《{item.short or Path(item.path).stem}》。点击“重建索引”后重新用它回答问题。"


def removable_choices(cfg: Config) -> list[str]:
    """File names in the uploads folder (what the remove button accepts)."""
    try:
        folder = uploads_dir(cfg)
    except AdminError:
        return []
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def remove_upload(cfg: Config, name: str | None) -> str:
    """Delete one uploaded file (by file name or path); files outside uploads are refused as read-only."""
    if not (name or "").strip():
        raise AdminError("请先选择要删除的文件。")
    folder = uploads_dir(cfg)
    raw = Path(str(name).strip())
    candidate = raw if raw.is_absolute() or len(raw.parts) > 1 else folder / raw.name
    if not _inside(candidate, folder):
        raise AdminError(f"“{name}”不在上传目录中：内置的工作计划和共享法规文件是只读的，不能在此删除。")
    if not candidate.is_file():
        raise AdminError(f"上传目录中没有文件“{raw.name}”。")
    candidate.unlink()
    return f"已删除“{candidate.name}”。点击“重建索引”后从问答中移除。"


def run_rebuild(cfg: Config, on_progress: Callable[[float, str], None] | None = None) -> str:
    """Rebuild the index (incrementally); the report's summary and warnings as text."""
    try:
        report = build_index(cfg, progress=False, wait=False, on_progress=on_progress)
    except BuildLockedError:
        raise AdminError("另一个索引构建正在进行，请等它完成后再点“重建索引”。") from None
    text = report.summary()
    if report.warnings:
        text += "\n\n提示：\n" + "\n".join(f"- {w}" for w in report.warnings)
    return text


# -- Gradio wiring ------------------------------------------------------------------------------


def _msg(text: str, ok: bool) -> str:
    return f"{'✅' if ok else '⚠️'} {text}"


def admin_tab(cfg: Config, service: Any = None) -> Any:
    """The 管理 tab (call inside ``gr.Tabs`` only when ``cfg.admin_token`` is set).

    Returns the rebuild event, so the app can chain what depends on the index to it.
    """
    with gr.Tab("管理", id="admin", elem_id="rag-admin-tab"):
        gr.Markdown("管理页面：上传、删除、停用或恢复文件后，点击“重建索引”使问答生效。操作前请输入管理口令。")
        with gr.Row(equal_height=True):
            token = gr.Textbox(label="管理口令", type="password", elem_id="rag-admin-token", scale=3)
            login = gr.Button("进入 / 刷新列表", elem_id="rag-admin-login", scale=1)
        message = gr.Markdown("", elem_id="rag-admin-msg")
        with gr.Row():
            upload = gr.File(
                label="上传文件（PDF、DOCX、TXT、MD）", file_types=list(UPLOAD_TYPES), type="filepath",
                file_count="single", elem_id="rag-admin-file",
            )
        upload_btn = gr.Button("上传", variant="primary", elem_id="rag-admin-upload")
        docs = gr.Dataframe(
            headers=COLUMNS, value=[], interactive=False, wrap=True, elem_id="rag-admin-docs", label="文件列表",
        )
        with gr.Row(equal_height=True):
            to_remove = gr.Dropdown(choices=[], label="删除上传的文件（内置文件只读）", elem_id="rag-admin-remove-choice",
                                    allow_custom_value=False, scale=3)
            remove_btn = gr.Button("删除", variant="stop", elem_id="rag-admin-remove", scale=1)
        with gr.Row(equal_height=True):
            to_switch = gr.Dropdown(choices=[], label="停用或恢复内置/共享文件（文件本身不改动）",
                                    elem_id="rag-admin-switch-choice", allow_custom_value=False, scale=3)
            exclude_btn = gr.Button("停用", elem_id="rag-admin-exclude", scale=1)
            include_btn = gr.Button("恢复", elem_id="rag-admin-include", scale=1)
        rebuild_btn = gr.Button("重建索引", variant="primary", elem_id="rag-admin-rebuild")
        report = gr.Textbox(label="构建结果", lines=6, interactive=False, elem_id="rag-admin-report")
        marked = gr.Dataframe(
            headers=FEEDBACK_COLUMNS, value=[], interactive=False, wrap=True, elem_id="rag-admin-feedback",
            label=f"问答中被标为“有误”的回答（最新的 {FEEDBACK_ROWS} 条；全部与导出：rag feedback）",
        )

    def empty() -> tuple[list[list[Any]], Any, Any, list[list[str]]]:
        return [], gr.Dropdown(choices=[], value=None), gr.Dropdown(choices=[], value=None), []

    def listing() -> tuple[list[list[Any]], Any, Any, list[list[str]]]:
        return (document_rows(cfg), gr.Dropdown(choices=removable_choices(cfg), value=None),
                gr.Dropdown(choices=switch_choices(cfg), value=None), feedback_rows(cfg))

    def do_login(tok: str):
        try:
            check_token(cfg, tok)
        except AdminError as e:
            return _msg(str(e), False), *empty()
        return _msg("口令正确，可以管理文件。", True), *listing()

    def do_upload(tok: str, path: str | None):
        try:
            check_token(cfg, tok)
            if not path:
                raise AdminError("请先选择要上传的文件。")
            text = save_upload(cfg, path)
        except AdminError as e:
            ok_token = token_ok(cfg, tok)
            return _msg(str(e), False), *(listing() if ok_token else empty()), gr.File()
        except Exception:
            log.exception("upload failed")
            return _msg("上传失败，请查看服务日志。", False), *listing(), gr.File()
        return _msg(text, True), *listing(), gr.File(value=None)

    def guarded(action: Callable[[Config, str | None], str]):
        """A click handler: check the token, run ``action`` on the chosen file, refresh the lists."""

        def handler(tok: str, path: str | None):
            try:
                check_token(cfg, tok)
                text = action(cfg, path)
            except AdminError as e:
                return _msg(str(e), False), *(listing() if token_ok(cfg, tok) else empty())
            return _msg(text, True), *listing()

        return handler

    def do_rebuild(tok: str, progress=gr.Progress()):
        try:
            check_token(cfg, tok)
        except AdminError as e:
            return _msg(str(e), False), "", *empty()
        progress(0.0, desc="开始重建索引")
        try:
            text = run_rebuild(cfg, on_progress=lambda frac, msg: progress(frac, desc=msg))
        except AdminError as e:
            return _msg(str(e), False), "", *listing()
        except Exception as e:
            log.exception("rebuild failed")
            return _msg(f"重建索引失败：{e}", False), "", *listing()
        return _msg("重建完成，问答已使用新索引。", True), text, *listing()

    common = {"api_visibility": "private"}
    lists = [docs, to_remove, to_switch, marked]
    login.click(do_login, [token], [message, *lists], queue=False, **common)
    token.submit(do_login, [token], [message, *lists], queue=False, **common)
    upload_btn.click(do_upload, [token, upload], [message, *lists, upload], **common)
    remove_btn.click(guarded(remove_upload), [token, to_remove], [message, *lists], **common)
    exclude_btn.click(guarded(exclude_document), [token, to_switch], [message, *lists], **common)
    include_btn.click(guarded(include_document), [token, to_switch], [message, *lists], **common)
    return rebuild_btn.click(do_rebuild, [token], [message, report, *lists], concurrency_limit=1,
                             concurrency_id="rag-admin-rebuild", show_progress="full", **common)
