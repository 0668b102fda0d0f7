"""The admin tab: pure helpers (token, upload checks, removal) and a browser run.

The browser test starts its own ``rag serve`` on a temporary corpus (a copy of the
plan and one regulation) and a temporary index, with ``RAG_ADMIN_TOKEN=secret``:
it uploads a new document, rebuilds, and asks a question only that document answers.
Uploads land in the temporary corpus, never in the repository.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.config import Config
from tests.ui_server import PLAN_DIR, REG_DIR, UIServer, _wait_ready, free_port, rag_command, server_env
from ui.admin import AdminError, check_token, document_rows, remove_upload, save_upload, token_ok, uploads_dir

CHROMIUM = Path(os.environ.get("RAG_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REGULATION = REG_DIR / "gongping-jingzheng-shencha-tiaoli.md"
TOKEN = "secret"
UNIQUE_RULE = "每年三月十五日前报送青稞台账"
NEW_DOC = f"""青稞示范条例

第一条 为了规范测试专用的“青稞示范条例”的实施，制定本条例。

第二条 青稞种植合作社应当{UNIQUE_RULE}，由旗农牧局汇总。

第三条 本条例自2024年1月1日起施行。
"""


def _cfg(tmp_path: Path, token: str = TOKEN) -> Config:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    return Config(corpus_dirs=[corpus], index_dir=tmp_path / "index", admin_token=token)


def _seeded_cfg(tmp_path: Path, built_index: Path, *extra: Path) -> Config:
    """``_cfg`` with the plan (and ``extra`` files) in its corpus and the session's embedding cache."""
    cfg = _cfg(tmp_path)
    for p in (*PLAN_DIR.glob("*.md"), *extra):
        shutil.copy(p, cfg.corpus_dirs[0] / p.name)
    if (built_index / "cache").is_dir():
        shutil.copytree(built_index / "cache", cfg.index_dir / "cache")
    return cfg


# -- pure helpers ------------------------------------------------------------------------------


def test_token_check():
    cfg = Config(admin_token=TOKEN)
    assert token_ok(cfg, TOKEN)
    assert not token_ok(cfg, "wrong")
    assert not token_ok(Config(admin_token=""), "")
    with pytest.raises(AdminError, match="不正确"):
        check_token(cfg, "wrong")
    with pytest.raises(AdminError, match="请先输入"):
        check_token(cfg, "")


def test_upload_keeps_name_and_lands_in_uploads(tmp_path):
    cfg = _cfg(tmp_path)
    src = tmp_path / "in.txt"
    src.write_text(NEW_DOC, encoding="utf-8")
    msg = save_upload(cfg, src, "../../etc/青稞 示范条例.txt")
    assert "已上传" in msg
    saved = uploads_dir(cfg) / "青稞 示范条例.txt"
    assert saved.read_text(encoding="utf-8") == NEW_DOC
    assert uploads_dir(cfg) == cfg.corpus_dirs[0] / "uploads"
    # Listed before the rebuild, and removable.
    assert any(r[4] == str(saved) and r[5] == "是" for r in document_rows(cfg))
    with pytest.raises(AdminError, match="同名"):
        save_upload(cfg, src, "青稞 示范条例.txt")
    assert "已删除" in remove_upload(cfg, "青稞 示范条例.txt")
    assert not saved.exists()


def test_unreadable_upload_is_rejected_and_not_kept(tmp_path):
    cfg = _cfg(tmp_path)
    empty = tmp_path / "空文件.txt"
    empty.write_bytes(b"")
    with pytest.raises(AdminError, match="无法使用") as exc:
        save_upload(cfg, empty)
    assert "空文件.txt" in str(exc.value) and len(str(exc.value)) > len("文件“空文件.txt”无法使用：")
    assert [p.name for p in uploads_dir(cfg).iterdir()] == []  # nothing left, hidden temp file included
    bad = tmp_path / "旧文档.doc"
    bad.write_bytes(b"x")
    with pytest.raises(AdminError, match="不支持"):
        save_upload(cfg, bad)


def test_only_uploads_can_be_removed(tmp_path):
    cfg = _cfg(tmp_path)
    builtin = cfg.corpus_dirs[0] / "plan.md"
    builtin.write_text("# 计划\n", encoding="utf-8")
    for name in (str(builtin), "../plan.md"):
        with pytest.raises(AdminError, match="只读"):
            remove_upload(cfg, name)
    assert builtin.exists()


@pytest.mark.needs_shared
@pytest.mark.slow
def test_read_only_document_is_switched_off_and_on_not_deleted(built_index, tmp_path):
    """停用 and 恢复: what the list shows at each step, what is refused, and that rebuilds follow."""
    from ui.admin import exclude_document, include_document, run_rebuild, switch_choices

    cfg = _seeded_cfg(tmp_path, built_index, REGULATION)
    reg = cfg.corpus_dirs[0] / REGULATION.name
    run_rebuild(cfg)
    in_use = dict((label, path) for label, path in switch_choices(cfg))
    assert "《公平竞争审查条例》（在用）" in in_use

    assert "已停用" in exclude_document(cfg, in_use["《公平竞争审查条例》（在用）"])
    row = next(r for r in document_rows(cfg) if r[0] == "公平竞争审查条例")
    assert row[5] == "已停用（重建后生效）"
    with pytest.raises(AdminError, match="已经停用"):
        exclude_document(cfg, str(reg))
    assert "已停用、不进索引" in run_rebuild(cfg)
    row = next(r for r in document_rows(cfg) if r[0] == "公平竞争审查条例")
    assert row[5] == "已停用" and reg.is_file()
    assert ("《公平竞争审查条例》（已停用）", str(reg.resolve())) in switch_choices(cfg)

    assert "已恢复" in include_document(cfg, str(reg))
    with pytest.raises(AdminError, match="没有被停用"):
        include_document(cfg, str(reg))
    assert "新增 1" in run_rebuild(cfg)
    assert next(r for r in document_rows(cfg) if r[0] == "公平竞争审查条例")[5] == "否（只读，可停用）"

    # Uploads are deleted, not switched off; unknown paths are refused.
    src = tmp_path / "in.txt"
    src.write_text(NEW_DOC, encoding="utf-8")
    save_upload(cfg, src, "青稞示范条例.txt")
    run_rebuild(cfg)
    with pytest.raises(AdminError, match="直接删除"):
        exclude_document(cfg, str(uploads_dir(cfg) / "青稞示范条例.txt"))
    with pytest.raises(AdminError, match="索引中没有"):
        exclude_document(cfg, str(tmp_path / "nowhere.md"))
    with pytest.raises(AdminError, match="请先选择"):
        exclude_document(cfg, "")


def test_feedback_rows_list_wrong_answers_newest_first(tmp_path):
    from rag.feedback import BAD, GOOD, Feedback, FeedbackLog
    from ui.admin import feedback_rows

    cfg = Config(corpus_dirs=[tmp_path], index_dir=tmp_path / "index", feedback_path=tmp_path / "fb.jsonl")
    assert feedback_rows(cfg) == []  # no file yet: an empty table, no error
    log = FeedbackLog(cfg.feedback_path)
    log.add(Feedback(BAD, "谁牵头行政复议工作？", answer_id="a1", answer="由旗司法局牵头。" * 40,
                     citations=["《2024年法治政府建设工作计划》六（十八）"]))
    log.add(Feedback(GOOD, "行政复议法第二十条", answer_id="a2", citations=["《行政复议法》第二十条"]))
    log.add(Feedback(BAD, "明天天气怎么样", answer_id="a3", answer="未在已收录的文件中找到依据。", abstained=True,
                     note="拒答是对的"))
    rows = feedback_rows(cfg)
    assert rows[0][4] == "拒答是对的" and rows[1][4] == ""  # staff's note, where they left one
    assert [r[1] for r in rows] == ["明天天气怎么样", "谁牵头行政复议工作？"]  # newest first, wrong ones only
    assert rows[0][2] == "未找到依据" and rows[1][2] == "《2024年法治政府建设工作计划》六（十八）"
    assert rows[1][3].endswith("…") and len(rows[1][3]) == 201  # a long answer is cut for the table
    assert [r[1] for r in feedback_rows(cfg, limit=1)] == ["明天天气怎么样"]


def test_admin_tab_only_with_token(tmp_path):
    from ui.app import build_app

    class NoAssistant:
        def ask(self, *a, **k):  # pragma: no cover - never called here
            raise AssertionError

    def ids(demo) -> set[str]:
        return {getattr(b, "elem_id", None) for b in demo.blocks.values()}

    assert "rag-admin-tab" not in ids(build_app(_cfg(tmp_path, token=""), NoAssistant()))
    assert "rag-admin-tab" in ids(build_app(_cfg(tmp_path), NoAssistant()))


@pytest.mark.needs_shared
@pytest.mark.slow
def test_rebuild_reports_progress_in_order_to_the_end(built_index, tmp_path):
    """The admin's progress bar is fed by these calls: they must rise, say what is happening, and finish."""
    from ui.admin import run_rebuild

    cfg = _seeded_cfg(tmp_path, built_index)
    calls: list[tuple[float, str]] = []
    text = run_rebuild(cfg, on_progress=lambda frac, msg: calls.append((frac, msg)))
    assert "新增 1" in text
    fracs = [f for f, _ in calls]
    assert fracs == sorted(fracs) and all(0.0 <= f <= 1.0 for f in fracs)
    assert fracs[-1] == 1.0 and calls[-1][1] == "完成"
    assert any(msg.startswith("计算向量") for _, msg in calls) and any("BM25" in msg for _, msg in calls)


# -- in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def admin_server(built_index: Path, tmp_path_factory) -> Iterator[UIServer]:
    """``rag serve`` with RAG_ADMIN_TOKEN on a temporary corpus (plan + one regulation) and index."""
    import subprocess

    from rag.index import build_index

    if not REGULATION.is_file():
        pytest.skip(f"shared regulation not found at {REGULATION}")
    base = tmp_path_factory.mktemp("admin")
    corpus = base / "corpus"
    corpus.mkdir()
    for p in PLAN_DIR.glob("*.md"):
        shutil.copy(p, corpus / p.name)
    shutil.copy(REGULATION, corpus / REGULATION.name)
    index_dir = base / "index"
    index_dir.mkdir()
    if (built_index / "cache").is_dir():
        shutil.copytree(built_index / "cache", index_dir / "cache")
    build_index(Config(corpus_dirs=[corpus], index_dir=index_dir), progress=False)

    port = free_port()
    env = server_env(index_dir, port)
    env.update(RAG_CORPUS=str(corpus), RAG_ADMIN_TOKEN=TOKEN, RAG_FEEDBACK_PATH=str(base / "feedback.jsonl"))
    log_path = base / "rag-serve.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            rag_command("serve", "--host", "127.0.0.1", "--port", str(port)),
            cwd=PLAN_DIR.parent.parent, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    server = UIServer(url=f"http://127.0.0.1:{port}/", port=port, env=env, log_path=log_path, proc=proc)
    try:
        _wait_ready(server, 180.0)
        server.corpus = corpus  # type: ignore[attr-defined]
        yield server
    finally:
        server.stop()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}")
def test_admin_upload_rebuild_and_ask(admin_server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    new_doc = tmp_path / "青稞 示范条例.txt"
    new_doc.write_text(NEW_DOC, encoding="utf-8")
    external: list[str] = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
            page.route("**/*", route)
            page.goto(admin_server.url, wait_until="load")
            status = page.locator("#rag-status")
            sync_api.expect(status).to_contain_text("已收录 2 个文件", timeout=20_000)
            page.get_by_role("tab", name="管理").click()
            msg = page.locator("#rag-admin-msg")
            token = page.locator("#rag-admin-token input")

            # A wrong token is refused and shows nothing.
            token.fill("wrong")
            page.locator("#rag-admin-login").click()
            sync_api.expect(msg).to_contain_text("管理口令不正确", timeout=20_000)
            sync_api.expect(page.locator("#rag-admin-docs")).not_to_contain_text("公平竞争审查条例")
            page.locator("#rag-admin-file input[type=file]").set_input_files(str(new_doc))
            sync_api.expect(page.locator("#rag-admin-file")).to_contain_text(new_doc.stem, timeout=20_000)
            page.locator("#rag-admin-upload").click()
            page.wait_for_timeout(1500)
            sync_api.expect(msg).to_contain_text("管理口令不正确", timeout=20_000)
            assert not (admin_server.corpus / "uploads" / new_doc.name).exists()

            # The right token: the list shows the documents with clause counts.
            token.fill(TOKEN)
            page.locator("#rag-admin-login").click()
            sync_api.expect(msg).to_contain_text("口令正确", timeout=20_000)
            sync_api.expect(page.locator("#rag-admin-docs")).to_contain_text("公平竞争审查条例", timeout=20_000)

            # Upload, rebuild, and the new document is listed.
            # The file chosen before the refused upload is still selected; choose it again if not.
            if page.locator("#rag-admin-file input[type=file]").count():
                page.locator("#rag-admin-file input[type=file]").set_input_files(str(new_doc))
            sync_api.expect(page.locator("#rag-admin-file")).to_contain_text(new_doc.stem, timeout=20_000)
            page.locator("#rag-admin-upload").click()
            sync_api.expect(msg).to_contain_text("已上传", timeout=30_000)
            assert (admin_server.corpus / "uploads" / new_doc.name).is_file()
            page.locator("#rag-admin-rebuild").click()
            sync_api.expect(page.locator("#rag-admin-report textarea")).to_have_value(
                re.compile("索引已重建"), timeout=120_000
            )
            assert "新增 1" in page.locator("#rag-admin-report textarea").input_value()
            sync_api.expect(page.locator("#rag-admin-docs")).to_contain_text("青稞示范条例", timeout=20_000)

            # The chat's status line and scope list follow the rebuild without a page reload.
            sync_api.expect(status).to_contain_text("已收录 3 个文件", timeout=20_000)
            page.get_by_role("tab", name="问答").click()
            page.locator("#rag-scope input").click()
            sync_api.expect(page.get_by_role("option", name="《青稞示范条例》")).to_be_visible(timeout=20_000)
            page.keyboard.press("Escape")

            # The chat answers from it at once.
            page.locator("#rag-input textarea").fill("青稞台账什么时候报送？")
            page.locator("#rag-send").click()
            answer = page.locator("#rag-chat .rag-msg").first
            answer.wait_for(timeout=60_000)
            sync_api.expect(answer).to_contain_text("三月十五日", timeout=60_000)
            sync_api.expect(answer.locator(".rag-cite-label").first).to_contain_text("青稞示范条例")

            # Staff mark the answer wrong; the admin tab lists it for whoever keeps the documents.
            page.locator("#rag-chat button[aria-label='踩']").first.click()
            sync_api.expect(page.get_by_text("已记录：这个回答有误").first).to_be_visible(timeout=20_000)
            page.get_by_role("tab", name="管理").click()
            page.locator("#rag-admin-login").click()
            marked = page.locator("#rag-admin-feedback")
            sync_api.expect(marked).to_contain_text("青稞台账什么时候报送？", timeout=20_000)
            sync_api.expect(marked).to_contain_text("《青稞示范条例》")
        finally:
            browser.close()
    assert external == [], f"the page tried to reach outside: {external}"
