"""Bad input never breaks anything: bad files are skipped with a named warning, bad questions get a clear message.

Files: a corrupt PDF, a scanned PDF without a text layer, empty files, a binary
file renamed .txt, a file over the 50 MB limit, a GBK text file, a document
without recognisable clauses, duplicates, and a file name with spaces and
Chinese characters. Each goes through ``load_corpus`` on its own, and all of
them together through one real build whose good documents must still answer.

Questions: empty, whitespace, 10,000 characters, control characters, HTML and
script, only punctuation, not a string: through ``Assistant.ask`` and the
``rag ask`` command (exit 0 or a clear message, never a traceback).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.config import Config
from rag.index import BuildReport, build_index, load_index
from rag.loading import load_corpus

from .conftest import PDF_DIR, PLAN_DIR, REG_DIR, ROOT, SMALL_REGULATIONS

if not REG_DIR.is_dir():
    pytest.skip(f"shared regulations not found at {REG_DIR}", allow_module_level=True)

pytestmark = pytest.mark.slow

RAG = [sys.executable, "-m", "rag.cli"]

GBK_NAME = "caoyuan-fanghuo-guiding.txt"
GBK_TEXT = """乌拉特中旗草原防火管理规定

第一条 为了加强本旗草原防火工作，保护草原资源和牧民生命财产安全，制定本规定。

第二条 每年三月十五日至六月十五日为本旗草原春季防火期，防火期内禁止在草原上野外用火。

第三条 旗林业和草原局负责草原防火的监督检查，各苏木镇人民政府负责本辖区的草原防火宣传。
"""
SPACED_NAME = "乌拉特中旗 牧民 合作社 扶持办法（试行）.md"
SPACED_TEXT = """# 乌拉特中旗牧民合作社扶持办法（试行）

第一条 为了扶持牧民专业合作社发展，促进牧民增收，制定本办法。

第二条 对新成立并规范运行的牧民专业合作社，旗财政给予一次性启动补助两万元。

第三条 旗农牧局负责合作社扶持资金的审核和发放。
"""
PLAIN_NAME = "fazhi-xuanchuanyue-shuoming.md"
PLAIN_TEXT = """# 关于开展法治宣传月活动的说明

今年的法治宣传月定于九月举行，各苏木镇应当组织普法骆驼队深入嘎查开展宣讲。

活动结束后，请各单位于十月十日前报送活动总结材料。
"""


def _write_corrupt_pdf(folder: Path) -> Path:
    data = (PDF_DIR / "renmin-tiaojie-fa.pdf").read_bytes()
    path = folder / "损坏的 文件.pdf"
    path.write_bytes(data[: len(data) // 3])  # cut short, as an interrupted download
    return path


def _write_scanned_pdf(folder: Path) -> Path:
    path = folder / "scanned-no-text-layer.pdf"
    shutil.copy(PDF_DIR / "scanned-no-text-layer.pdf", path)
    return path


def _write_empty(folder: Path) -> Path:
    path = folder / "empty.md"
    path.write_bytes(b"")
    return path


def _write_blank(folder: Path) -> Path:
    path = folder / "blank.txt"
    path.write_text(" \n\u3000\n\t\n", encoding="utf-8")
    return path


def _write_binary(folder: Path) -> Path:
    path = folder / "photo-renamed.txt"
    path.write_bytes(random.Random(7).randbytes(8192))
    return path


def _write_huge(folder: Path) -> Path:
    path = folder / "huge-export.txt"
    with open(path, "wb") as f:  # sparse: 51 MB on paper, nothing on disk
        f.truncate(51 * 1024 * 1024)
    return path


def _write_duplicate(folder: Path) -> Path:
    sub = folder / "副本"
    sub.mkdir(exist_ok=True)
    path = sub / "zhengfu-ducha-gongzuo-tiaoli.md"
    shutil.copy(REG_DIR / "zhengfu-ducha-gongzuo-tiaoli.md", path)
    return path


def _write_recoded_duplicate(folder: Path) -> Path:
    """The same regulation saved as GB18030 with Windows line ends: other bytes, same text."""
    text = (REG_DIR / "gongping-jingzheng-shencha-tiaoli.md").read_text(encoding="utf-8")
    path = folder / "gongping-jingzheng-shencha-tiaoli-gbk.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    return path


# name -> (writer, words the warning must contain)
BAD_FILES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "corrupt_pdf": (_write_corrupt_pdf, ("PDF 文件已损坏",)),
    "scanned_pdf": (_write_scanned_pdf, ("没有文字层", "OCR")),
    "empty": (_write_empty, ("文件为空",)),
    "blank": (_write_blank, ("文件为空",)),
    "binary_txt": (_write_binary, ("不是文本",)),
    "huge": (_write_huge, ("文件过大", "50 MB")),
    "duplicate": (_write_duplicate, ("内容完全相同",)),
}


def _small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in PLAN_DIR.glob("*.md"):
        shutil.copy(p, folder / p.name)
    for name in SMALL_REGULATIONS:
        shutil.copy(REG_DIR / name, folder / name)
    for p in folder.iterdir():
        p.chmod(0o644)
    return folder


def _seed_cache(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Copy a warm embedding cache in: this session's small-corpus cache, else the developer's index/."""
    for source in (_session_cache(tmp_path_factory), ROOT / "index" / "cache"):
        if source.is_dir():
            shutil.copytree(source, index_dir / "cache")
            return


def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this session keeps a cache of every small-corpus text (test_lifecycle uses it too)."""
    return tmp_path_factory.getbasetemp() / "small-corpus-cache"


def _cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env["PYTHONPATH"] = str(ROOT)
    return env


# -- each bad file on its own ------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_skipped_with_a_named_warning(kind: str, tmp_path: Path) -> None:
    """``load_corpus`` skips the file, names it and says why; the good file beside it loads."""
    writer, words = BAD_FILES[kind]
    shutil.copy(REG_DIR / "zhengfu-ducha-gongzuo-tiaoli.md", tmp_path / "zhengfu-ducha-gongzuo-tiaoli.md")
    bad = writer(tmp_path)
    docs, warnings = load_corpus([tmp_path])
    assert [d.short for d in docs] == ["政府督查工作条例"]
    mine = [w for w in warnings if str(bad) in w]
    assert len(mine) == 1, warnings
    for word in words:
        assert word in mine[0]


def test_gbk_text_file_loads_as_text(tmp_path: Path) -> None:
    """A GBK-encoded .txt (as saved by Windows Notepad) is decoded, not rejected or garbled."""
    (tmp_path / GBK_NAME).write_bytes(GBK_TEXT.replace("\n", "\r\n").encode("gbk"))
    docs, warnings = load_corpus([tmp_path])
    assert warnings == []
    (doc,) = docs
    assert doc.title == "乌拉特中旗草原防火管理规定"
    assert "三月十五日至六月十五日" in doc.text and "\r" not in doc.text


def test_file_name_with_spaces_and_chinese(tmp_path: Path) -> None:
    """Spaces, full-width brackets and Chinese in the file name: loaded, with a usable id and the path kept."""
    path = tmp_path / SPACED_NAME
    path.write_text(SPACED_TEXT, encoding="utf-8")
    docs, warnings = load_corpus([tmp_path])
    assert warnings == []
    (doc,) = docs
    assert doc.path == str(path)
    assert doc.title == "乌拉特中旗牧民合作社扶持办法（试行）"
    assert doc.doc_id and " " not in doc.doc_id


# -- all of them in one build -------------------------------------------------------------------


@dataclass
class EdgeIndex:
    corpus: Path
    index: Path
    cfg: Config
    report: BuildReport
    bad: dict[str, Path]


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> EdgeIndex:
    """The small corpus plus every bad and unusual file, built once."""
    work = tmp_path_factory.mktemp("edge")
    corpus = _small_corpus(work / "corpus")
    bad = {kind: writer(corpus) for kind, (writer, _) in BAD_FILES.items()}
    bad["recoded_duplicate"] = _write_recoded_duplicate(corpus)
    (corpus / GBK_NAME).write_bytes(GBK_TEXT.encode("gbk"))
    (corpus / SPACED_NAME).write_text(SPACED_TEXT, encoding="utf-8")
    (corpus / PLAIN_NAME).write_text(PLAIN_TEXT, encoding="utf-8")
    index_dir = work / "index"
    index_dir.mkdir()
    _seed_cache(index_dir, tmp_path_factory)
    cfg = Config(corpus_dirs=[corpus], index_dir=index_dir)
    report = build_index(cfg, progress=False)
    if not _session_cache(tmp_path_factory).is_dir():  # a clean checkout (CI) embeds the small corpus once
        shutil.copytree(index_dir / "cache", _session_cache(tmp_path_factory))
    return EdgeIndex(corpus, index_dir, cfg, report, bad)


@pytest.fixture(scope="module")
def edge_assistant(edge: EdgeIndex) -> Assistant:
    return Assistant(edge.cfg)


def test_build_skips_bad_files_and_goes_on(edge: EdgeIndex) -> None:
    """One build over everything: each bad file is named in a warning, the seven good documents are indexed."""
    report = edge.report
    for kind, path in edge.bad.items():
        words = BAD_FILES[kind][1] if kind in BAD_FILES else ("内容相同",)
        mine = [w for w in report.warnings if str(path) in w]
        assert len(mine) == 1, (kind, report.warnings)
        assert all(word in mine[0] for word in words), mine[0]
    assert report.documents == 7
    shorts = {e.short for e in load_index(edge.cfg).manifest.documents.values()}
    assert {"政府督查工作条例", "公平竞争审查条例", "乌拉特中旗草原防火管理规定"} <= shorts
    assert not any(s.startswith("scanned") or "损坏" in s for s in shorts)


def test_document_without_clauses_falls_back_to_paragraphs(edge: EdgeIndex, edge_assistant: Assistant) -> None:
    """No 第X条 or （一）: a warning names the file and its paragraphs are indexed and cited."""
    assert any(PLAIN_NAME in w and "按段落切分" in w for w in edge.report.warnings)
    clauses = [c for c in load_index(edge.cfg).clauses if c.doc_id == "fazhi-xuanchuanyue-shuoming"]
    assert clauses and all(c.kind == "paragraph" for c in clauses)
    answer = edge_assistant.ask("普法骆驼队到哪里宣讲？")
    assert answer.citations and answer.citations[0].doc_id == "fazhi-xuanchuanyue-shuoming"
    assert "普法骆驼队" in answer.citations[0].text


def test_gbk_and_spaced_name_documents_answer(edge: EdgeIndex, edge_assistant: Assistant) -> None:
    """The GBK file and the file with spaces in its name are searchable like any other."""
    answer = edge_assistant.ask("草原春季防火期是什么时候？")
    assert answer.citations and answer.citations[0].doc_short == "乌拉特中旗草原防火管理规定"
    assert "三月十五日至六月十五日" in answer.citations[0].text
    answer = edge_assistant.ask("新成立的牧民专业合作社能得到多少启动补助？")
    top = answer.citations[0]
    assert top.doc == "乌拉特中旗牧民合作社扶持办法（试行）" and top.clause == "第二条"
    assert "两万元" in top.text


def test_duplicates_are_indexed_once(edge: EdgeIndex) -> None:
    """A byte copy and a re-encoded copy are both skipped: each article exists once."""
    index = load_index(edge.cfg)
    ducha = [c for c in index.clauses if c.doc_short == "政府督查工作条例" and c.label == "第一条"]
    gongping = [c for c in index.clauses if c.doc_short == "公平竞争审查条例" and c.label == "第一条"]
    assert len(ducha) == 1 and len(gongping) == 1


# -- bad questions -------------------------------------------------------------------------------

LONG_QUESTION = "政府督查的对象包括哪些？" * 834  # 10,008 characters
BAD_QUESTIONS: dict[str, tuple[object, str]] = {
    # name -> (question, expected error text; "" when it is answered after cleaning)
    "empty": ("", "问题为空"),
    "whitespace": (" \t\n\u3000 ", "问题为空"),
    "punctuation": ("？？？！！……。。、", "只有标点"),
    "html_only": ("<script></script><b></b>", "问题为空"),
    "not_a_string": (None, "请输入文字问题"),
    "long": (LONG_QUESTION, ""),
    "control": ("政府督查\x00的对象\x07包括\x1b[31m哪些\u200b？\x7f", ""),
    "html_script": ("<script>alert('x')</script><b>政府督查</b>的对象包括哪些？", ""),
}


@pytest.mark.parametrize("name", sorted(BAD_QUESTIONS))
def test_bad_question_through_assistant(name: str, edge_assistant: Assistant) -> None:
    """Never raises; invalid input gets the message in ``error``, the rest is answered from the cleaned text."""
    question, expected = BAD_QUESTIONS[name]
    answer = edge_assistant.ask(question)
    json.dumps(answer.to_dict(), ensure_ascii=False)  # the API's JSON can always be written
    assert answer.answer
    if expected:
        assert expected in answer.error and answer.answer == answer.error
        assert answer.abstained and not answer.citations
    else:
        assert not answer.error
        # The question is echoed as typed (the UI escapes it); what the system wrote is clean.
        assert len(answer.question) <= edge_assistant.cfg.max_question_chars
        written = [answer.answer, *(c.text for c in answer.citations + answer.related)]
        assert not any("<script" in t or "\x00" in t or "\x1b" in t for t in written)
        assert answer.citations or answer.related


@pytest.mark.parametrize("defect", [TypeError("unhashable type: 'Clause'"), ValueError("min() arg is an empty sequence")])
def test_a_defect_met_by_one_question_is_an_answer_not_a_crash(defect: Exception, edge_assistant: Assistant,
                                                               monkeypatch, caplog) -> None:
    """A bug in answering one question (injected: no real question triggers one on purpose) is logged, and the
    user, a batch or the eval gets a plain message and goes on: one such bug used to end `rag ask --batch`,
    and a ValueError from one (an empty ``min()``) ended `rag eval` at its 100th question."""
    import rag.answering

    real = rag.answering.compose

    def broken(question, *args, **kwargs):
        if "督查" in question:
            raise defect
        return real(question, *args, **kwargs)

    monkeypatch.setattr(rag.answering, "compose", broken)
    failed = edge_assistant.ask("政府督查的对象包括哪些？")
    assert failed.intent == "error" and failed.abstained and not failed.citations
    assert failed.error == failed.answer and "出错" in failed.answer and "Traceback" not in failed.answer
    assert "answering" in caplog.text and str(defect) in caplog.text  # the log keeps the cause
    assert edge_assistant.ask("行政复议的申请期限是多少？").intent != "error"  # the next question is answered


def test_a_mode_the_index_lacks_is_told_not_answered(edge_assistant: Assistant) -> None:
    """What the user can fix (a search mode that does not exist) reaches them as its message, not as 出错."""
    from rag.errors import UsageError

    with pytest.raises(UsageError, match="未知的检索模式"):
        edge_assistant.ask("行政复议的申请期限是多少？", mode="nonsense")


def _ask_cli(edge: EdgeIndex, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*RAG, "ask", "--corpus", str(edge.corpus), "--index-dir", str(edge.index), *args],
        input=stdin, capture_output=True, text=True, env=_cli_env(), timeout=180,
    )


@pytest.mark.parametrize("name", ["empty", "whitespace", "punctuation", "html_only"])
def test_invalid_question_through_cli(name: str, edge: EdgeIndex) -> None:
    """``rag ask`` with an unusable question prints the message; no traceback."""
    question, expected = BAD_QUESTIONS[name]
    assert isinstance(question, str)
    done = _ask_cli(edge, question)
    assert "Traceback" not in done.stderr
    if name == "empty":  # argparse-level: nothing to ask
        assert done.returncode == 2 and "请给出问题" in done.stderr
    else:
        assert done.returncode == 0 and expected in done.stdout


def test_cleaned_questions_through_cli(edge: EdgeIndex) -> None:
    """A 10,000-character question on the command line, and control/HTML/invalid lines in ``--batch``."""
    done = _ask_cli(edge, LONG_QUESTION)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and done.stdout.strip()

    lines = [BAD_QUESTIONS[n][0] for n in ("control", "html_script", "punctuation", "html_only")]
    done = _ask_cli(edge, "--batch", "-", stdin="\n".join(str(q) for q in lines) + "\n")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 4
    assert not rows[0]["error"] and not rows[1]["error"]
    assert "<script" not in rows[1]["answer"]
    assert "只有标点" in rows[2]["error"] and "问题为空" in rows[3]["error"]


def test_option_like_question_through_cli(edge: EdgeIndex) -> None:
    """A question that looks like an option is an argparse message (exit 2), not a crash."""
    done = _ask_cli(edge, "--什么")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "usage" in done.stderr.lower()
