"""Greetings, thanks and "what can you do": messages that are not questions about the documents.

Searched like questions, "你好" found a traffic-police regulation in the reference library
and was told that law is not held. A chat assistant greets back and says what it can answer,
with the same example questions the web page offers. A greeting in front of a real question
("你好，谁牵头行政复议工作？") is dropped, so only the question is searched.
"""

from __future__ import annotations

import re

# The example questions offered on the web page and in a greeting's reply: one list for both.
EXAMPLE_QUESTIONS = (
    "谁牵头行政复议工作？",
    "行政复议法第二十条规定了什么？",
    "重大行政决策需要经过哪些程序？",
    "政府信息公开申请应在多少日内答复？",
    "司法局牵头了哪些工作？",
)

_GREETING = r"你好|您好|你们好|大家好|哈喽|哈罗|嗨|hi|hello|hey|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|早安"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("greeting", re.compile(rf"(?:{_GREETING})+", re.I)),
    ("thanks", re.compile(r"(?:谢谢|多谢|感谢|谢了|辛苦了|好的|明白了|知道了|懂了|收到|ok|okay|thanks|thank you)+"
                          r"(?:你|您|啦|了)*", re.I)),
    ("bye", re.compile(r"再见|拜拜|bye|byebye|回头见", re.I)),
    ("about", re.compile(r"(?:你|您)?(?:是谁|是什么|叫什么)|(?:你|您)?(?:能|会|可以)(?:做|干|回答|问)(?:些)?(?:什么|啥|哪些)(?:问题)?|"
                         r"(?:怎么|如何)(?:用|使用|提问)|使用说明|帮助|help|有(?:什么|哪些)功能", re.I)),
)
_PUNCT_RE = re.compile(r"[\s，,。.！!？?、~～…]+")
_PARTICLES_RE = re.compile(r"(?<=.)[呀啊呢吧哈哦]+$")
# A greeting ends at punctuation or where the Chinese question starts: "hi" must not eat "high".
_LEADING_GREETING_RE = re.compile(rf"^(?:{_GREETING})(?:呀|啊)?(?:[\s，,。.！!、~～]+|(?=[\u4e00-\u9fff]))", re.I)


def small_talk(message: str) -> str:
    """ "greeting" | "thanks" | "bye" | "about" when the whole message is only that, else ""."""
    core = _PARTICLES_RE.sub("", _PUNCT_RE.sub("", message))
    core = re.sub(r"^(?:请问|请)", "", core)
    for kind, pattern in _KINDS:
        if core and pattern.fullmatch(core):
            return kind
    return ""


def strip_greeting(question: str) -> str:
    """The question without a greeting in front: "你好，谁牵头行政复议工作？" → "谁牵头行政复议工作？"."""
    rest = _LEADING_GREETING_RE.sub("", question, count=1)
    return rest if rest.strip() else question


def reply(kind: str, plan_titles: list[str], laws: int) -> str:
    """What the assistant says back: a greeting or help names what it can answer and how to ask."""
    if kind == "thanks":
        return "不客气。还有问题可以继续问。"
    if kind == "bye":
        return "再见。"
    docs = "、".join(f"《{t}》" for t in plan_titles)
    held = f"{docs}和已收录的 {laws} 部法律法规" if docs else f"已收录的 {laws} 部法律法规"
    opening = "您好！" if kind == "greeting" else ""
    examples = "\n".join(EXAMPLE_QUESTIONS)
    return (f"{opening}我回答关于{held}的问题，每个回答都注明所依据的条款；找不到依据时会直说。"
            f"可以这样问：\n{examples}")
