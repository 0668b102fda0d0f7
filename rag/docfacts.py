"""Questions about a document itself: who issued it, when it was adopted, its number.

"行政复议法是哪一年通过的？" was searched like any question and answered with 第二十二条; "计划是
哪个单位印发的？" looked like a who-leads question and got one item's 牵头单位. No clause says
these things, but each document's front matter does (issuer, adopted, doc_number), and the chat
already shows it under every citation. When a law took effect its own article says ("本法自
2020年1月1日起施行"), and that sentence answers; a search did not always find it, as every
article of 外商投资法 names 外商投资. Pure functions.
"""

from __future__ import annotations

import re

from .chunking import ARTICLE_RE
from .lawnames import LAW_NAME_RE

# (fact, how a question asks for it), in the order tried: "什么时候印发" asks for a date, not an issuer.
_FACT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("doc_number", re.compile(r"发文字号|文号|字号|令号|第几号令|哪号令|几号令")),
    ("effective", re.compile(r"(?:哪一?年|什么时候|何时|哪天|哪一天|几月几[日号])(?:开始|起)?(?:施行|实施|生效)|"
                             r"(?:施行|实施|生效)(?:时间|日期|日子)")),
    ("adopted", re.compile(r"(?:哪一?年|什么时候|何时|哪天|哪一天|几月几[日号])(?:通过|制定|颁布|出台|公布|发布|印发|修订|修正)|"
                           r"(?:通过|制定|颁布|公布|发布|印发|修订)(?:时间|日期|年份)")),
    ("issuer", re.compile(r"(?:哪个|哪家|哪一个|什么|哪级|哪一级)(?:单位|机关|部门|机构)(?:印发|发布|制定|颁布|出台|通过)|"
                          r"由谁(?:印发|发布|制定|颁布|出台|通过)|谁(?:印发|发布|制定|颁布|出台)|发文(?:机关|单位)|"
                          r"(?:制定|发布|印发|颁布)(?:机关|单位|部门)")),
)
# What may surround the cue and a document's name without asking anything else.
_FILLER_RE = re.compile(r"请问|这部|这个|这份|这一份|该|本|的|是|在|了|吗|呢|啊|一下|由|被|最早|最初|从|自|印发|"
                        r"修订后|修改后|新版|新|现行|"
                        r"计划|工作计划|法律|法规|条例|多少|什么|啥|20\d\d年|[《》“”\"'（）()？?！!。，,、\s]")


_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def facts_asked(question: str, doc_names: list[str]) -> tuple[str, ...]:
    """The facts ("issuer", "effective", "adopted", "doc_number") a question asks of a document, and nothing else.

    Empty when it asks anything besides. ``doc_names`` are the names the question was found to use
    for the document (removed before checking that nothing else is asked: "行政复议法规定复议决定
    什么时候生效" asks of a decision). "计划是哪天印发的，文号是多少" asks two facts at once.
    """
    facts: list[str] = []
    rest = question
    for fact, cue in _FACT_CUES:
        if cue.search(rest):
            facts.append(fact)
            rest = cue.sub("", rest)
    if not facts:
        return ()
    for name in sorted(doc_names, key=len, reverse=True):
        rest = rest.replace(name, "")
    rest = LAW_NAME_RE.sub("", rest)  # shortened names too: 复议法什么时候施行
    return tuple(facts) if not _FILLER_RE.sub("", rest) else ()


def describe_fact(fact: str, title: str, meta: dict[str, str]) -> str:
    """The answer from the document's front matter ("" when it does not record that fact)."""
    issuer, adopted, effective = meta.get("issuer", ""), meta.get("adopted", ""), meta.get("effective", "")
    number = meta.get("doc_number", "")
    if fact == "effective" and effective:
        text = f"《{title}》的施行日期：{effective}"
    elif fact == "issuer" and issuer:
        text = f"《{title}》的发文（制定）机关是{issuer}"
    elif fact == "adopted" and adopted:
        text = f"《{title}》的通过（公布）日期：{adopted}" + (f"；施行日期：{effective}" if effective else "")
    elif fact == "doc_number" and number and number != "null":
        text = f"《{title}》的文号：{number}"
    else:
        return ""
    text = _ISO_DATE_RE.sub(lambda m: f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", text)
    # The plan's title and issuer are inferred (the text has no title line): say so, not state them as fact.
    return f"{text}。" + ("原文没有标题行，这是推定的。" if "推定" in text else "")


_IN_FORCE_RE = re.compile(r"[^。；]*(?:起施行|起实施|起生效)[^。；]*[。；]?")


def in_force_sentence(text: str) -> str:
    """The sentence of a clause that says from when the document applies ("本法自…起施行。"), else ""."""
    m = _IN_FORCE_RE.search(text)
    # The article's own label (as the chunker found it) is not part of the sentence.
    return ARTICLE_RE.sub("", m.group(0).strip(), count=1) if m else ""


def facts_missing(facts: list[str], title: str) -> str:
    """What the user is told when the front matter lacks these facts ("" for none)."""
    names = {"issuer": "发文机关", "effective": "施行日期", "adopted": "通过或印发日期", "doc_number": "文号"}
    lacking = "、".join(names.get(f, "这一项") for f in facts)
    return f"《{title}》的文件信息中没有记载{lacking}。" if facts else ""
