"""Follow-up questions in the chat: when to combine a question with the previous one.

Every question is answered on its own, so an earlier turn can never pull
retrieval off course. Only a short question that clearly points back ("那它的
期限呢？", "这一项由谁牵头") is rewritten, by putting the previous question's
topic in place of the pointer, before it goes to ``Assistant.ask``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_FOLLOWUP_CHARS = 16  # longer questions are taken as standalone

# A pointer at the start: an optional "那/那么" and then a pronoun or "这一项"-like phrase.
_LEAD_RE = re.compile(r"^(?:那么|那)?\s*(?:它们|它|这一项|这一条|这项|这条|这些|这个|该项|该条|此项|其|这|该)?\s*")
_STARTS_RE = re.compile(r"^(?:那|它|这|该|此项|其)")
# Names a document or an article on its own: self-contained even when it starts with 那.
_SELF_CONTAINED_RE = re.compile(r"《|第[一二三四五六七八九十百零〇\d]+条|[（(][一二三四五六七八九十]+[）)]")
_QUESTION_WORDS_RE = re.compile(r"由谁|是谁|谁|什么|哪些|哪个|哪里|哪|如何|怎么样|怎么|怎样|是否|有没有|多少|几")
_PUNCT = r"\s？?！!。．.，,、；;：:“”\"'"
_TAIL_RE = re.compile(rf"(?:[{_PUNCT}]|吗|呢|呀|啊|吧)+$")
_HEAD_RE = re.compile(rf"^[{_PUNCT}]+")
_ALL_PUNCT_RE = re.compile(rf"[{_PUNCT}（）()]+")


def _trim(text: str) -> str:
    """Text without leading punctuation and trailing punctuation or particles (inside is kept: “（十八）”)."""
    return _HEAD_RE.sub("", _TAIL_RE.sub("", text.strip()))


def _core(text: str) -> str:
    """What a question says, for measuring its length: no punctuation, no trailing particles."""
    return _TAIL_RE.sub("", _ALL_PUNCT_RE.sub("", text))


def is_followup(question: str, names: Iterable[str] = ()) -> bool:
    """True when the question is short, starts with a pointer word and names nothing itself.

    ``names`` are document names (e.g. the short names in the index); a question
    that mentions one ("那行政处罚法呢？") is taken as standalone.
    """
    q = question.strip()
    core = _core(q)
    if not core or len(core) > MAX_FOLLOWUP_CHARS:
        return False
    if not _STARTS_RE.match(q):
        return False
    if _SELF_CONTAINED_RE.search(q):
        return False
    return not any(n and n in q for n in names)


def topic_of(question: str) -> str:
    """The subject of a question: the question without its pointers, question words and particles."""
    q = _LEAD_RE.sub("", question.strip(), count=1)
    q = _QUESTION_WORDS_RE.sub("", q)
    return _trim(_trim(q).strip("的是由"))


_ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")


def carry_document(question: str, previous: str, names: Iterable[str] = ()) -> str:
    """ "那第二十一条呢？" after a question on 行政复议法 → "行政复议法第二十一条呢？" ("" when not such a question).

    A short question naming an article but no document means the document asked about last.
    """
    names = [n for n in names if n]
    q = question.strip()
    if len(_core(q)) > MAX_FOLLOWUP_CHARS or not _ARTICLE_RE.search(q) or any(n in q for n in names):
        return ""
    named = [(previous.rfind(n), n) for n in sorted(names, key=len, reverse=True) if n in previous]
    if not named:
        return ""
    _, name = max(named)  # the document named last, e.g. the second of two
    rest = re.sub(r"^(?:那么|那)\s*", "", q)
    return f"{name}{rest}"


def rewrite_followup(question: str, previous: str | None, names: Iterable[str] = ()) -> str:
    """The question to search for: ``question`` itself, or combined with ``previous``'s topic.

    ``previous`` is the question actually searched last turn (itself possibly
    rewritten), so a chain of follow-ups keeps its subject.
    """
    q = question.strip()
    if previous:
        names = list(names)
        carried = carry_document(q, previous, names)
        if carried:
            return carried
    if not previous or not is_followup(q, names):
        return q
    topic = topic_of(previous)
    if not topic:
        return q
    rest = _HEAD_RE.sub("", _LEAD_RE.sub("", q, count=1).strip())
    if not rest or not _core(rest):
        return topic
    joiner = "" if rest.startswith(("的", "由", "是", "在", "有")) else "，"
    return f"{topic}{joiner}{rest}"
