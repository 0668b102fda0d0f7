"""Building, persisting and loading the index.

Layout of ``index/``::

    current -> gen-20261124-183000-1234   (symlink, swapped atomically)
    gen-…/manifest.json   model id and dimension, chunker version, per-document hashes
    gen-…/clauses.jsonl   the clause store
    gen-…/chunks.jsonl    what was indexed, pointing back to clauses
    gen-…/dense.faiss     FAISS index of the chunk vectors
    gen-…/bm25/           bm25s state
    gen-…/userdict.txt    jieba user words, so queries are cut like the corpus
    cache/                embeddings keyed by model and text hash (survives rebuilds)
    .build.lock           held while a build runs

A build writes a new generation beside the old one and only then swaps the
``current`` link, so a crash mid-build leaves the old index serving and intact.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from .chunking import CHUNKER_VERSION, chunk_document
from .config import Config
from .records import Chunk, Clause, Document

MANIFEST_VERSION = 1


class IndexError_(RuntimeError):
    """An index that is missing or does not fit the configuration; the message says what to do."""


@dataclass
class DocEntry:
    doc_id: str
    path: str
    title: str
    short: str
    sha256: str
    clauses: int
    meta: dict[str, str] = field(default_factory=dict)
    added_at: str = ""


@dataclass
class Manifest:
    model: str
    model_id: str
    dim: int
    chunker_version: str
    manifest_version: int
    built_at: str
    build_seconds: float
    documents: dict[str, DocEntry]
    clauses: int
    chunks: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["documents"] = {k: DocEntry(**v) for k, v in data["documents"].items()}
        return cls(**data)


@dataclass
class BuildReport:
    """What a build did, for the CLI, the admin page and the tests."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    documents: int = 0
    clauses: int = 0
    chunks: int = 0
    embedded: int = 0  # texts sent to the model (cache misses)
    cache_hits: int = 0
    seconds: float = 0.0
    skipped_build: bool = False  # nothing changed, the current index was kept

    def summary(self) -> str:
        if self.skipped_build:
            return f"索引已是最新：{self.documents} 个文件，{self.clauses} 个条款，无需重建。"
        parts = [
            f"索引已重建：{self.documents} 个文件，{self.clauses} 个条款，{self.chunks} 个检索块，用时 {self.seconds:.1f} 秒。",
            f"新增 {len(self.added)}，修改 {len(self.changed)}，删除 {len(self.removed)}，未变 {len(self.unchanged)}。",
            f"新计算向量 {self.embedded} 个，缓存命中 {self.cache_hits} 个。",
        ]
        for name, items in (("新增", self.added), ("修改", self.changed), ("删除", self.removed)):
            if items:
                parts.append(f"{name}：{'、'.join(items)}")
        return "\n".join(parts)


def current_dir(index_dir: Path) -> Path:
    return index_dir / "current"


def read_manifest(index_dir: Path) -> Manifest | None:
    path = current_dir(index_dir) / "manifest.json"
    if not path.exists():
        return None
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError):
        return None


def _lock(index_dir: Path, wait: bool):
    from filelock import FileLock

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".build.lock"))
    return lock, (None if wait else 0)


class BuildLockedError(IndexError_):
    pass


def build_index(
    cfg: Config,
    full: bool = False,
    progress: bool = True,
    wait: bool = False,
    on_progress: Callable[[float, str], None] | None = None,
) -> BuildReport:
    """Build (or incrementally rebuild) the index for ``cfg`` and swap it in.

    Only texts not already in the embedding cache are embedded. With nothing
    changed (same documents, model and chunker) the current index is kept.
    ``wait`` decides whether a second concurrent build waits for the first or
    refuses at once.
    """
    from filelock import Timeout

    lock, timeout = _lock(cfg.index_dir, wait)
    try:
        with lock.acquire(timeout=-1 if timeout is None else timeout):
            return _build_locked(cfg, full, progress, on_progress)
    except Timeout as exc:
        raise BuildLockedError("另一个索引构建正在进行，请等它完成后再试（或使用 --wait 排队等待）。") from exc


def _build_locked(
    cfg: Config, full: bool, progress: bool, on_progress: Callable[[float, str], None] | None
) -> BuildReport:
    from .cache import EmbeddingCache
    from .embedding import encoder_id, load_encoder
    from .lexical import LexicalIndex
    from .loading import load_corpus
    from .tokenization import Tokenizer, user_words_from_clauses

    def tell(frac: float, msg: str) -> None:
        if on_progress:
            on_progress(frac, msg)

    t0 = time.perf_counter()
    report = BuildReport()
    tell(0.02, "读取文件")
    docs, warnings = load_corpus(cfg.corpus_dirs, progress=progress)
    report.warnings.extend(warnings)
    docs = _drop_duplicates(docs, report)
    old = read_manifest(cfg.index_dir)
    model_id = encoder_id(cfg.model)
    old_docs = old.documents if old else {}
    same_setup = bool(old and old.model_id == model_id and old.chunker_version == CHUNKER_VERSION)
    for d in docs:
        prev = old_docs.get(d.doc_id)
        if prev is None:
            report.added.append(d.short)
        elif prev.sha256 != d.sha256 or not same_setup:
            report.changed.append(d.short)
        else:
            report.unchanged.append(d.short)
    new_ids = {d.doc_id for d in docs}
    report.removed = [e.short for k, e in old_docs.items() if k not in new_ids]
    if not docs:
        raise IndexError_(
            "没有找到可用的文件。请把文件放进 corpus/（或用 --corpus 指定文件夹），支持 .md .txt .pdf .docx。"
            + ("\n" + "\n".join(report.warnings) if report.warnings else "")
        )
    if same_setup and not full and not (report.added or report.changed or report.removed):
        report.skipped_build = True
        report.documents = len(docs)
        report.clauses = old.clauses if old else 0
        report.chunks = old.chunks if old else 0
        report.seconds = time.perf_counter() - t0
        return report

    tell(0.1, "切分条款")
    clauses: list[Clause] = []
    chunks: list[Chunk] = []
    entries: dict[str, DocEntry] = {}
    for d in docs:
        cd = chunk_document(d)
        report.warnings.extend(cd.warnings)
        clauses.extend(cd.clauses)
        chunks.extend(cd.chunks)
        prev = old_docs.get(d.doc_id)
        added_at = prev.added_at if prev and prev.sha256 == d.sha256 else datetime.now().isoformat(timespec="seconds")
        entries[d.doc_id] = DocEntry(
            doc_id=d.doc_id, path=d.path, title=d.title, short=d.short, sha256=d.sha256,
            clauses=len(cd.clauses), meta=dict(d.meta), added_at=added_at,
        )

    tell(0.15, "计算向量")
    encoder = load_encoder(cfg.model)
    cache = EmbeddingCache(cfg.index_dir / "cache", model_id, encoder.dim)
    texts = [c.text for c in chunks]

    def encode(batch: list[str]) -> np.ndarray:
        return _encode_with_progress(encoder, batch, progress, tell)

    vectors = cache.embed(texts, encode)
    cache.save()
    report.embedded, report.cache_hits = cache.misses, cache.hits

    tell(0.9, "建立 BM25 索引")
    words = user_words_from_clauses(clauses)
    tokenizer = Tokenizer(words)
    lexical = LexicalIndex()
    lexical.index(tokenizer.tokenize_many(texts))

    from .dense import DenseIndex

    dense = DenseIndex(encoder.dim)
    dense.add(vectors)

    elapsed = time.perf_counter() - t0
    manifest = Manifest(
        model=cfg.model, model_id=model_id, dim=encoder.dim, chunker_version=CHUNKER_VERSION,
        manifest_version=MANIFEST_VERSION, built_at=datetime.now().isoformat(timespec="seconds"),
        build_seconds=round(elapsed, 2), documents=entries, clauses=len(clauses), chunks=len(chunks),
    )
    tell(0.95, "写入索引")
    _write_generation(cfg.index_dir, manifest, clauses, chunks, lexical, dense, words)
    report.documents, report.clauses, report.chunks = len(docs), len(clauses), len(chunks)
    report.seconds = time.perf_counter() - t0
    tell(1.0, "完成")
    return report


def _encode_with_progress(encoder, texts: list[str], progress: bool, tell) -> np.ndarray:
    from tqdm import tqdm

    out: list[np.ndarray] = []
    step = 64
    bar = tqdm(total=len(texts), desc="计算向量", unit="块", disable=not progress)
    for i in range(0, len(texts), step):
        out.append(encoder.encode_passages(texts[i : i + step]))
        bar.update(min(step, len(texts) - i))
        tell(0.15 + 0.75 * min(1.0, (i + step) / max(1, len(texts))), f"计算向量 {min(i + step, len(texts))}/{len(texts)}")
    bar.close()
    return np.vstack(out) if out else np.zeros((0, encoder.dim), dtype=np.float32)


def _drop_duplicates(docs: list[Document], report: BuildReport) -> list[Document]:
    """The same text twice (a copy under another name) would double every hit."""
    seen: dict[str, Document] = {}
    kept: list[Document] = []
    for d in docs:
        key = d.sha256 or d.text
        if key in seen:
            report.warnings.append(f"{d.path}: 与 {seen[key].path} 内容相同，已跳过重复文件")
            continue
        seen[key] = d
        kept.append(d)
    return kept


def _write_generation(index_dir: Path, manifest: Manifest, clauses, chunks, lexical, dense, words) -> None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    gen = index_dir / f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 100000}"
    tmp = index_dir / f".tmp-{gen.name}"
    tmp.mkdir(parents=True)
    try:
        with open(tmp / "clauses.jsonl", "w", encoding="utf-8") as f:
            for c in clauses:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
            for ch in chunks:
                f.write(json.dumps(asdict(ch), ensure_ascii=False) + "\n")
        dense.save(tmp / "dense.faiss")
        lexical.save(tmp / "bm25")
        (tmp / "userdict.txt").write_text("\n".join(words), encoding="utf-8")
        # The manifest is written last: a generation without one is incomplete.
        (tmp / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
        os.replace(tmp, gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    link_tmp = index_dir / f".current-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    os.symlink(gen.name, link_tmp)
    old_target = os.readlink(current_dir(index_dir)) if current_dir(index_dir).is_symlink() else None
    os.replace(link_tmp, current_dir(index_dir))
    _clean_old(index_dir, keep={gen.name, old_target or ""})


def _clean_old(index_dir: Path, keep: set[str]) -> None:
    """Remove generations other than the current and the previous one (a reader may still hold it)."""
    for p in index_dir.iterdir():
        if p.name.startswith("gen-") and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".tmp-gen-"):
            # Left by a build that was killed; no build runs now since we hold the lock.
            shutil.rmtree(p, ignore_errors=True)


@dataclass
class LoadedIndex:
    """Everything a search needs, read from one generation."""

    folder: Path
    manifest: Manifest
    clauses: list[Clause]
    chunks: list[Chunk]
    lexical: object
    dense: object
    user_words: list[str]


def load_index(cfg: Config) -> LoadedIndex:
    """Read the current generation; refuse one built with another model or chunker."""
    from .dense import DenseIndex
    from .embedding import encoder_id
    from .lexical import LexicalIndex

    folder = current_dir(cfg.index_dir)
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        raise IndexError_(f"在 {cfg.index_dir} 没有找到索引。请先运行 `rag build`。")
    folder = folder.resolve()
    manifest = Manifest.from_json(manifest_path.read_text(encoding="utf-8"))
    if manifest.chunker_version != CHUNKER_VERSION:
        raise IndexError_(
            f"索引由切分程序第 {manifest.chunker_version} 版建立，当前为第 {CHUNKER_VERSION} 版。请运行 `rag build --full` 重建。"
        )
    wanted = encoder_id(cfg.model)
    if manifest.model_id != wanted:
        raise IndexError_(
            f"索引用模型 {manifest.model_id}（{manifest.dim} 维）建立，当前配置的模型是 {wanted}。"
            f"请用 `rag build --model {cfg.model}` 重建，或把 --model / RAG_MODEL 设回 {manifest.model}。"
        )
    clauses = [Clause.from_dict(json.loads(line)) for line in _read_lines(folder / "clauses.jsonl")]
    chunks = [Chunk(**json.loads(line)) for line in _read_lines(folder / "chunks.jsonl")]
    dense = DenseIndex.load(folder / "dense.faiss")
    if dense.dim != manifest.dim or dense.size != len(chunks):
        raise IndexError_("索引文件不完整或已损坏。请运行 `rag build --full` 重建。")
    lexical = LexicalIndex.load(folder / "bm25", size=len(chunks))
    words = (folder / "userdict.txt").read_text(encoding="utf-8").split("\n")
    return LoadedIndex(folder, manifest, clauses, chunks, lexical, dense, [w for w in words if w])


def _read_lines(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
