"""Greetings and "what can you do" are answered as such, not searched as questions (pure, no index)."""

from __future__ import annotations

import pytest

from rag.smalltalk import EXAMPLE_QUESTIONS, reply, small_talk, strip_greeting


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("你好", "greeting"), ("您好！", "greeting"), ("你好呀～", "greeting"), ("Hello", "greeting"), ("在吗？", "greeting"),
        ("谢谢", "thanks"), ("谢谢你！", "thanks"), ("好的", "thanks"), ("收到了", "thanks"),
        ("再见", "bye"),
        ("你是谁？", "about"), ("你能做什么", "about"), ("你能回答哪些问题？", "about"), ("怎么用", "about"), ("帮助", "about"),
    ],
)
def test_small_talk_is_recognised(message, kind):
    assert small_talk(message) == kind


@pytest.mark.parametrize(
    "question",
    ["谁牵头行政复议工作？", "你好，谁牵头行政复议工作？", "行政复议是什么", "感谢信访人的来信应当怎么处理", "帮助企业纾困有哪些规定"],
)
def test_questions_are_not_small_talk(question):
    assert small_talk(question) == ""


def test_a_greeting_in_front_of_a_question_is_dropped():
    assert strip_greeting("你好，谁牵头行政复议工作？") == "谁牵头行政复议工作？"
    assert strip_greeting("您好请问行政复议的期限") == "请问行政复议的期限"
    assert strip_greeting("你好") == "你好"  # nothing would be left
    assert strip_greeting("high speed") == "high speed"  # "hi" is a greeting only as a word


def test_the_reply_says_what_is_held_and_how_to_ask():
    text = reply("greeting", ["乌拉特中旗2024年法治政府建设工作计划"], 15)
    assert text.startswith("您好") and "《乌拉特中旗2024年法治政府建设工作计划》" in text and "15 部法律法规" in text
    assert all(q in text for q in EXAMPLE_QUESTIONS)
    assert reply("thanks", [], 15).startswith("不客气")
