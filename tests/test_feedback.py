"""Staff feedback on answers: the log the web chat writes, and `rag feedback` that reads it.

The answers marked here are real ones, from `rag ask --json` on the test index; the
browser test (test_ui_browser.py) clicks the thumbs in the chat itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rag.feedback import BAD, GOOD, WITHDRAWN, Feedback, FeedbackLog, export_questions

from .conftest import PLAN_DIR, REG_DIR

QUESTIONS = ["谁牵头行政复议工作？", "明天乌拉特中旗的天气怎么样？", "行政复议法第二十条"]


@pytest.fixture(scope="module")
def answers(built_index) -> dict[str, dict]:
    """Real answers, as the chat gets them (``Answer.to_dict()``)."""
    env = {**os.environ, "RAG_INDEX_DIR": str(built_index), "RAG_CORPUS": f"{PLAN_DIR}{os.pathsep}{REG_DIR}"}
    out = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "--json", "--batch", "-"], env=env, text=True,
                         input="\n".join(QUESTIONS) + "\n", capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return {d["question"]: d for d in map(json.loads, out.stdout.splitlines())}


def _feedback_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rag.cli", "feedback", *args], capture_output=True, text=True,
                          timeout=60)


def test_a_mark_keeps_what_was_answered_and_cited(answers, tmp_path):
    log = FeedbackLog(tmp_path / "fb" / "feedback.jsonl")  # the folder is made on the first mark
    written = log.add(Feedback.from_answer(BAD, "谁牵头行政复议工作？", answers["谁牵头行政复议工作？"], answer_id="a1"))
    assert written.time  # stamped when written
    [item], problems = log.read()
    assert problems == []
    assert item.verdict == BAD and item.question == "谁牵头行政复议工作？" and item.answer_id == "a1"
    assert "旗司法局" in item.answer and any("（十八）" in c for c in item.citations)
    assert item.abstained is False and item.searched == ""


def test_follow_up_keeps_the_question_the_chat_answered(answers, tmp_path):
    # The chat answered "那它的期限呢" as the combined question: both are kept, the draft uses the answered one.
    item = Feedback.from_answer(BAD, "那它的第二十条呢", answers["行政复议法第二十条"])
    assert item.question == "那它的第二十条呢" and item.searched == "行政复议法第二十条"
    [draft] = export_questions([item])
    assert draft["question"] == "行政复议法第二十条"


def test_a_note_with_a_mark_reaches_the_draft_question(answers, tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    item = Feedback.from_answer(BAD, "谁牵头行政复议工作？", answers["谁牵头行政复议工作？"], answer_id="n1")
    assert len(item.with_note("很长" * 1000).note) == 1000  # bounded, whoever writes it
    item = item.with_note("  还应列出责任单位 ")
    log.add(item)
    [kept], _ = log.read()
    assert kept.note == "还应列出责任单位"
    [draft] = export_questions([kept])
    assert draft["feedback"]["note"] == "还应列出责任单位" and draft["gold"] == []
    # a line written before notes existed still reads, with no note
    (tmp_path / "old.jsonl").write_text('{"verdict": "bad", "question": "问", "answer_id": "o"}\n', encoding="utf-8")
    [old], problems = FeedbackLog(tmp_path / "old.jsonl").read()
    assert old.note == "" and problems == []


def test_an_api_client_cannot_flood_the_log_with_citations():
    # /feedback takes the answer JSON from the client: a mark keeps a bounded list of labels, and no junk
    sent = {"answer": "答。", "citations": [{"label": "《某法》第一条" * 100}] * 500 + ["不是条款", None]}
    item = Feedback.from_answer(BAD, "问", sent)
    assert len(item.citations) == 20 and all(len(c) <= 200 for c in item.citations)


def test_later_mark_replaces_earlier_and_withdrawal_removes_it(answers, tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    weather = answers["明天乌拉特中旗的天气怎么样？"]
    lead = answers["谁牵头行政复议工作？"]
    log.add(Feedback.from_answer(BAD, "谁牵头行政复议工作？", lead, answer_id="a1"))
    log.add(Feedback.from_answer(BAD, "明天乌拉特中旗的天气怎么样？", weather, answer_id="a2"))
    log.add(Feedback.from_answer(GOOD, "谁牵头行政复议工作？", lead, answer_id="a1"))
    items, _ = log.read()
    assert [(i.answer_id, i.verdict) for i in items] == [("a2", BAD), ("a1", GOOD)]
    log.add(Feedback.from_answer(WITHDRAWN, "谁牵头行政复议工作？", lead, answer_id="a1"))
    assert [(i.answer_id, i.verdict) for i in log.read()[0]] == [("a2", BAD)]
    # An abstention marked wrong says so: the draft shows nothing was cited.
    [draft] = export_questions(log.read()[0])
    assert draft["feedback"]["abstained"] is True and draft["feedback"]["citations"] == []


def test_broken_lines_are_skipped_with_their_line_number(answers, tmp_path):
    path = tmp_path / "feedback.jsonl"
    log = FeedbackLog(path)
    log.add(Feedback.from_answer(BAD, "谁牵头行政复议工作？", answers["谁牵头行政复议工作？"], answer_id="a1"))
    with path.open("a", encoding="utf-8") as f:
        f.write('{"verdict": "bad", "question": "半行\n')  # a write cut off by a crash
        f.write('{"verdict": "maybe", "question": "x"}\n')
        f.write("\n")
    log.add(Feedback.from_answer(GOOD, "行政复议法第二十条", answers["行政复议法第二十条"], answer_id="a2"))
    items, problems = log.read()
    assert [i.answer_id for i in items] == ["a1", "a2"]
    assert len(problems) == 2 and "第 2 行" in problems[0] and "第 3 行" in problems[1]


def test_concurrent_marks_never_interleave(answers, tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    result = answers["行政复议法第二十条"]  # a long answer: lines of a few KB, written from many threads

    def mark(t: int) -> None:
        for n in range(25):
            log.add(Feedback.from_answer(BAD, f"问题{t}-{n}", result, answer_id=f"{t}-{n}"))

    threads = [threading.Thread(target=mark, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    items, problems = log.read()
    assert problems == [] and len(items) == 200
    assert {i.answer_id for i in items} == {f"{t}-{n}" for t in range(8) for n in range(25)}


def test_export_drafts_one_eval_question_per_wrong_answer(answers, tmp_path):
    lead = answers["谁牵头行政复议工作？"]
    items = [
        Feedback.from_answer(BAD, "谁牵头行政复议工作？", lead, answer_id="a1"),
        Feedback.from_answer(BAD, "谁牵头行政复议工作？", lead, answer_id="a2"),  # asked again in another chat
        Feedback.from_answer(GOOD, "行政复议法第二十条", answers["行政复议法第二十条"], answer_id="a3"),
    ]
    drafts = export_questions(items)
    assert [d["id"] for d in drafts] == ["f0001"]
    eval_fields = set(json.loads(Path("eval/questions.jsonl").read_text(encoding="utf-8").splitlines()[0]))
    assert set(drafts[0]) >= eval_fields  # the evaluator fills them in and appends the line to the set
    assert drafts[0]["gold"] == [] and drafts[0]["question"] == "谁牵头行政复议工作？"


def test_cli_lists_wrong_answers_newest_first_and_exports(answers, tmp_path):
    path = tmp_path / "feedback.jsonl"
    log = FeedbackLog(path)
    log.add(Feedback.from_answer(BAD, "谁牵头行政复议工作？", answers["谁牵头行政复议工作？"], answer_id="a1"))
    log.add(Feedback.from_answer(GOOD, "行政复议法第二十条", answers["行政复议法第二十条"], answer_id="a2"))
    weather = Feedback.from_answer(BAD, "明天乌拉特中旗的天气怎么样？", answers["明天乌拉特中旗的天气怎么样？"],
                                   answer_id="a3")
    weather.note = "拒答是对的，误点了"
    log.add(weather)
    out = _feedback_cli("--file", str(path))
    assert out.returncode == 0, out.stderr
    assert "共 3 条反馈：有用 1，有误 2" in out.stdout and "说明：拒答是对的，误点了" in out.stdout
    assert out.stdout.index("天气") < out.stdout.index("谁牵头行政复议工作")  # newest first
    assert "行政复议法第二十条" not in out.stdout  # only the wrong ones unless --all
    assert "未找到依据" in out.stdout and "（十八）" in out.stdout
    assert "行政复议法第二十条" in _feedback_cli("--file", str(path), "--all").stdout
    as_json = [json.loads(x) for x in _feedback_cli("--file", str(path), "--json").stdout.splitlines()]
    assert [(d["answer_id"], d["verdict"]) for d in as_json] == [("a3", BAD), ("a1", BAD)]
    export = tmp_path / "drafts" / "feedback-questions.jsonl"
    out = _feedback_cli("--file", str(path), "--export", str(export))
    assert out.returncode == 0 and "2 道评测题草稿" in out.stderr
    assert [json.loads(x)["question"] for x in export.read_text(encoding="utf-8").splitlines()] == [
        "谁牵头行政复议工作？", "明天乌拉特中旗的天气怎么样？"]


def test_cli_without_feedback_says_where_it_comes_from(tmp_path):
    path = tmp_path / "none.jsonl"
    out = _feedback_cli("--file", str(path))
    assert out.returncode == 0 and "还没有反馈" in out.stdout and str(path) in out.stdout
    path.write_text("不是 JSON\n", encoding="utf-8")
    out = _feedback_cli("--file", str(path))
    assert out.returncode == 0 and "第 1 行无法读取" in out.stderr and "还没有反馈" in out.stdout
