"""The `rag` command as a user runs it: JSON contract, batch mode, help and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import PLAN_DIR, REG_DIR

CONTRACT = {"question", "answer", "abstained", "citations", "timing_ms"}
CITATION = {"doc", "doc_short", "clause", "label", "path", "text", "score"}


def _rag(args: list[str], index_dir, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "RAG_INDEX_DIR": str(index_dir), "RAG_CORPUS": f"{PLAN_DIR}{os.pathsep}{REG_DIR}"}
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=300)


def test_ask_json_follows_the_contract(built_index):
    out = _rag(["ask", "--json", "谁牵头行政复议工作？"], built_index)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= CONTRACT
    assert data["abstained"] is False and "旗司法局" in data["answer"]
    assert data["citations"] and set(data["citations"][0]) >= CITATION
    assert any(c["clause"] == "（十八）" and c["doc_short"] == "2024年法治政府建设工作计划" for c in data["citations"])
    scores = [c["score"] for c in data["citations"]]
    assert all(isinstance(s, float) for s in scores)


def test_batch_from_stdin_answers_each_line_in_order(built_index):
    questions = ["行政复议法第二十条", "", "谁牵头行政复议工作？", "明天会下雨吗？"]
    out = _rag(["ask", "--json", "--batch", "-"], built_index, stdin="\n".join(questions) + "\n")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["question"] for x in lines] == questions  # one line out per line in, same order
    assert lines[0]["citations"][0]["label"] == "《行政复议法》第二十条"
    assert lines[1]["error"] and not lines[1]["citations"]
    assert "旗司法局" in lines[2]["answer"]
    assert lines[3]["abstained"] is True


def test_a_reader_that_quits_early_gets_no_traceback(built_index):
    # `rag ask --json … | head` closes the pipe before the answer is written.
    env = {**os.environ, "RAG_INDEX_DIR": str(built_index), "RAG_CORPUS": f"{PLAN_DIR}{os.pathsep}{REG_DIR}"}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "--json", "谁牵头行政复议工作？"],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=300)
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr


def test_plain_ask_prints_answer_and_sources(built_index):
    out = _rag(["ask", "行政复议法第二十条"], built_index)
    assert out.returncode == 0
    assert "六十日" in out.stdout and "《行政复议法》第二十条" in out.stdout


def test_help_explains_the_commands():
    out = subprocess.run([sys.executable, "-m", "rag.cli", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    for word in ("build", "ask", "serve", "eval", "RAG_MODEL"):
        assert word in out.stdout


def test_missing_question_and_unknown_scope_are_clear_errors(built_index):
    out = _rag(["ask"], built_index)
    assert out.returncode == 2 and "请给出问题" in out.stderr
    out = _rag(["ask", "--scope", "不存在的法", "行政复议"], built_index)
    assert out.returncode != 0 and "Traceback" not in out.stderr and "没有名为" in out.stderr


def test_a_batch_file_that_is_missing_or_not_utf8_is_a_clear_error(built_index, tmp_path):
    missing = _rag(["ask", "--batch", str(tmp_path / "questions.txt")], built_index)
    assert missing.returncode == 2 and "找不到问题文件" in missing.stderr and "Traceback" not in missing.stderr
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("行政复议的期限是多久？\n".encode("gbk"))
    wrong = _rag(["ask", "--batch", str(gbk)], built_index)
    assert wrong.returncode == 2 and "不是 UTF-8 编码" in wrong.stderr and "Traceback" not in wrong.stderr
    good = tmp_path / "utf8.txt"
    good.write_text("行政复议法第二十条\n谁牵头行政复议工作？\n", encoding="utf-8-sig")  # a BOM is fine
    out = _rag(["ask", "--batch", str(good)], built_index)
    assert out.returncode == 0, out.stderr
    assert [json.loads(x)["question"] for x in out.stdout.splitlines()] == ["行政复议法第二十条", "谁牵头行政复议工作？"]


def test_eval_refuses_modes_it_cannot_run_before_asking_anything(built_index, tmp_path):
    out = _rag(["eval", "--split", "dev", "--modes", "bogus,hybrid", "--out", str(tmp_path)], built_index)
    assert out.returncode == 2 and "未知的检索方式：bogus" in out.stderr and "Traceback" not in out.stderr
    # The session index has no latent-term vectors: say how to build them.
    out = _rag(["eval", "--split", "dev", "--modes", "sparse", "--out", str(tmp_path)], built_index)
    assert out.returncode == 2 and "rag build --sparse-weight" in out.stderr
    assert not (tmp_path / "report.md").exists() and "%|" not in out.stderr  # no run, no progress bar
    # The second leg is in the session index, but not for a model it was not built with.
    out = _rag(["eval", "--split", "dev", "--modes", "second", "--second-model", "/no/such/model", "--out", str(tmp_path)],
               built_index)
    assert out.returncode == 2 and "无法评测 second" in out.stderr and "rag build" in out.stderr


def test_eval_compares_with_an_earlier_report_it_then_overwrites(built_index, tmp_path):
    args = ["eval", "--split", "dev", "--modes", "bm25", "--out", str(tmp_path)]
    assert _rag(args, built_index).returncode == 0
    report = tmp_path / "report.json"
    earlier = json.loads(report.read_text(encoding="utf-8"))
    first = next(o for o in earlier["outcomes"]["bm25"] if o["rank"] == 1 and o["answer_ok"])
    first.update(rank=4, answer_ok=False)  # as if that question had been missed before
    report.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    out = _rag([*args, "--compare", str(report)], built_index)  # the report it reads is the one it writes
    assert out.returncode == 0, out.stderr
    assert "bm25：变好 1 题，变差 0 题" in out.stdout
    written = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"| bm25 | {first['qid']} | 第 4 位，答错 | ↑ 第 1 位，答对 |" in written
    assert json.loads(report.read_text(encoding="utf-8"))["compared_with"]["changes"][0]["qid"] == first["qid"]
    # a report that is not one is refused before anything is asked
    (tmp_path / "notes.json").write_text("[1, 2]", encoding="utf-8")
    bad = _rag([*args, "--compare", str(tmp_path / "notes.json")], built_index)
    assert bad.returncode == 2 and "不是 rag eval 写出的 report.json" in bad.stderr and "%|" not in bad.stderr
    missing = _rag([*args, "--compare", str(tmp_path / "none.json")], built_index)
    assert missing.returncode == 2 and "找不到要比较的报告" in missing.stderr and "Traceback" not in missing.stderr


def test_reference_flag_reaches_the_build_and_off_switches_it_off(tmp_path, plan_path):
    missing = tmp_path / "nowhere.tar.gz"
    args = ["build", "--corpus", str(plan_path.parent), "--index-dir", str(tmp_path / "index")]
    named = subprocess.run([sys.executable, "-m", "rag.cli", *args, "--reference", str(missing)],
                           capture_output=True, text=True, timeout=600)
    assert named.returncode == 0, named.stderr
    assert "参考法规库未能建立" in named.stdout and "nowhere.tar.gz" in named.stdout
    off = subprocess.run([sys.executable, "-m", "rag.cli", *args, "--reference", "off"],
                         capture_output=True, text=True, timeout=600)
    assert off.returncode == 0 and "参考法规库" not in off.stdout
