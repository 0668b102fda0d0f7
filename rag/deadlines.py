"""Deadline frames: what a period written in a clause is the period *for*.

"对行政处罚不服，多长时间内可以申请行政复议？" shares 申请行政复议 and 不服 with
行政复议法第三十四条, yet the period there (十五日内) is for 提起行政诉讼; the answer is
第二十条, whose 六十日内 is for 提出行政复议申请. Statutes write a period as
"自<from when>之日起<period>内<what>" or "<what>的期限一般不少于<period>": the phrase
right after the period names what must be done within it, the phrase before it
when it runs or what it limits. A deadline question is matched against those two
phrases, not against every word of the clause, which is what the legs did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .intent import PERIOD_KINDS, figure_kind

_NUM = r"[0-9０-９]+|[零〇一二两三四五六七八九十百千]+"
# A length of time as the documents write it: 六十日内, 20个工作日内, 三十日前, 24小时内, 六个月内, 二年内.
PERIOD_RE = re.compile(rf"(?:{_NUM})\s*(?:个工作日|个月|日|天|小时|周|年)(?:以内|之内|内|以前|之前|前|后)?")
_YEAR_RE = re.compile(r"^[0-9０-９]{4}\s*年")  # 2024年 is a date, not a period
_SENTENCE_RE = re.compile(r"[^。；;\n]+")
_PHRASE_BREAKS = "，,：:"
SHORT_PHRASE = 6  # a phrase before a period this short is a fragment ("应当在"); the one before it joins
# Where a question asks how long: the words before name the subject, the words after what is done.
# "期限" only where no "多久"-word is: in "征求意见期限一般不少于多少天" nothing after 多少天 is an act.
_ASKS_HOW_LONG_RES = (
    re.compile(r"在?(?:多长时间|多久|几天|多少天|多少日|几日|几个工作日|多少个工作日|几个月|多少个月|几年|多少年|"
               r"什么时候|何时)(?:以内|之内|内|前|以前)?"),
    re.compile(r"(?:多长)?(?:期限|时限|时效)(?:以内|之内|内)?"),
)
# "行政诉讼的起诉期限是多久": nothing after 多久 is an act; the period's name says what it is for (起诉).
_NAMED_PERIOD_RE = re.compile(r"([^，,。？?！!；;：:]+?)的?(?:期限|时限|时效|期间|有效期)")
_NOT_AN_ACT = "，,。？?！!；;：: 的是呢吗呀啊了"


@dataclass(frozen=True)
class Frame:
    """One period in a clause and the two phrases around it."""

    before: str  # the phrase the period closes: "自收到申请之日起", "公开征求意见的期限一般不少于"
    after: str  # the phrase it opens: "提出行政复议申请", "通知当事人及有关人员听证的时间、地点"


def asks_period(question: str) -> bool:
    """Does the question ask how long something may take or by when it must be done?"""
    return figure_kind(question) in PERIOD_KINDS


def frames(text: str) -> list[Frame]:
    """Every period in ``text`` with the phrase before it and the phrase after it.

    A phrase ends at a comma or colon, except that a period ending its phrase
    ("十五日内，依法向人民法院提起行政诉讼") takes the next phrase as what it is for.
    """
    out: list[Frame] = []
    for sentence in _SENTENCE_RE.finditer(text):
        s = sentence.group()
        for m in PERIOD_RE.finditer(s):
            if _YEAR_RE.match(m.group()):
                continue
            start = max(s.rfind(c, 0, m.start()) for c in _PHRASE_BREAKS) + 1
            if len(s[start:m.start()].strip()) < SHORT_PHRASE:  # "……收到申请后，应当在五日内": the phrase is "应当在"
                start = max(s.rfind(c, 0, max(start - 1, 0)) for c in _PHRASE_BREAKS) + 1
            rest = s[m.end():].lstrip("，, ")
            ends = [i for i in (rest.find(c) for c in _PHRASE_BREAKS) if i >= 0]
            out.append(Frame(before=s[start:m.start()].strip(), after=rest[:min(ends)] if ends else rest))
    return out


def _how_long(question: str) -> re.Match[str] | None:
    """Where the question asks how long: its first "多久"-word, else its 期限 (``_ASKS_HOW_LONG_RES``)."""
    for cue in _ASKS_HOW_LONG_RES:
        m = cue.search(question)
        if m is not None:
            return m
    return None


def split_question(question: str) -> tuple[str, str]:
    """The question before and after the words that ask how long ("信访部门收到信访事项后" | "要分别处理")."""
    m = _how_long(question)
    return (question[:m.start()], question[m.end():]) if m is not None else (question, "")


def named_period(question: str) -> tuple[str, str]:
    """(subject, act) of a question that names the period it asks for: ("", "行政诉讼的起诉") for
    "行政诉讼的起诉期限是多久". ("", "") when there is none. For questions whose words after
    their 多久 name no act (``split_question``).

    The act of such a period may be written on either side of a clause's period ("公开征求意见的期限一般
    不少于30日"), so ``frame_match`` looks for it in both phrases (``either_side``).
    """
    m = _how_long(question)
    if m is None:
        return "", ""
    named = [n for n in _NAMED_PERIOD_RE.finditer(question[:m.end()]) if n.group(1).strip(_NOT_AN_ACT)]
    return (question[:named[-1].start()], named[-1].group(1)) if named else ("", "")


def frame_match(before_words: dict[str, float], after_words: dict[str, float], framed: list[Frame],
                before_weight: float = 0.25, either_side: bool = False) -> float:
    """How well the best of a clause's frames fits a deadline question (0 … 1).

    ``after_words``: the question's words after its "多长时间内", which name what is to be done;
    the share of them found right after a period is the evidence. ``before_words``: the words
    before it, the subject or the starting point, add ``before_weight`` times their share found
    in the phrase before that period, to tell apart periods for the same act. Words weigh their
    IDF and are found as substrings, so the jieba cut of a clause ("复议申请") does not hide a
    word of the question ("行政复议"). ``either_side``: the act is looked for in both phrases (``named_period``).
    """
    total_after, total_before = sum(after_words.values()), sum(before_words.values())
    if total_after <= 0 or not framed:
        return 0.0
    best = 0.0
    for frame in framed:
        acts = frame.before + frame.after if either_side else frame.after
        got = sum(w for t, w in after_words.items() if t in acts) / total_after
        if got and total_before > 0:  # the starting point tells periods for the act apart, nothing more
            got += before_weight * sum(w for t, w in before_words.items() if t in frame.before) / total_before
        best = max(best, got)
    return best / (1.0 + before_weight)
