"""The documents a plan cites: "计划提到了哪些法律法规？" answered from its 《…》 titles.

Searched, that question got item （十） ("凡没有法律法规规章依据的一律取消"): every item shares its
words and none answers it. The plan names what it carries out in book-title marks, and the
assistant knows which of those it holds, so the answer lists each title with the items that
cite it and says which ones can be asked about here. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .records import Clause

_TITLE_RE = re.compile(r"《([^《》]{2,60})》")
_ASKED_RE = re.compile(
    r"(?:提到|提及|引用|援引|依据|根据|贯彻|执行|落实|涉及|列出|点名|要求学习|要求执行)(?:了|到)?(?:哪些|什么|几部|多少部|哪几部)"
    r"(?:法律法规|法律|法规|条例|规章|文件|规定|政策文件|上位法)"
)
_FILLER_RE = re.compile(
    r"乌拉特中旗|今年|本年|2024年|法治政府建设|工作计划|计划|里面|里|中|当中|一共|总共|共|都|的|了|到|请问|要求|需要|要|"
    r"[，,。？?！!、\s]"
)


@dataclass
class Cited:
    """One title the plan cites, the plan items (or preamble) citing it, and whether it is held."""

    title: str
    clauses: list[Clause] = field(default_factory=list)
    held: bool = False


def cited_asked(question: str) -> bool:
    """Does the question ask which laws or documents the plan cites, and nothing more?"""
    m = _ASKED_RE.search(question)
    if not m:
        return False
    return not _FILLER_RE.sub("", question[: m.start()] + question[m.end():])


# What a clause citing a document says of it: its number or year, who issued it, or the duty to carry it out.
# "计划里提到的《内蒙古自治区重大行政决策目录管理办法》文号是什么" is answered by the plan's own sentence
# ("……（内政办发〔2024〕14号），依法公开……"), though the 办法 itself is not held.
_CITATION_ASKS = (
    ("number", re.compile(r"文号|发文字号|字号|哪(?:一)?年|(?:什么时候|何时)(?:印发|出台|发布|制定)")),
    ("issuer", re.compile(r"谁(?:印发|制定|发布|出台)|(?:哪个|什么)(?:部门|机关|单位)(?:印发|制定|发布|出台)")),
    ("mention", re.compile(r"(?:计划|文件|方案)(?:里|中|当中)?(?:提到|提及|引用|点名|要求执行|要求落实)(?:了)?的")),
)
# How a citing sentence tells each: "（内政办发〔2024〕14号）", "党中央、国务院印发的《……》".
_CITATION_TELLS = {
    "number": re.compile(r"〔\d{4}〕|\d+号|\d{4}年"),
    "issuer": re.compile(r"(?:印发|发布|制定|出台)的《"),
}
_ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")


def citation_asked(question: str) -> str:
    """What the question asks of a document as the citing text gives it: number, issuer, mention; "" for none.

    Not when it asks for one of the document's articles, nor what it rules: those are in the document alone.
    """
    if _ARTICLE_RE.search(question):
        return ""
    return next((kind for kind, pattern in _CITATION_ASKS if pattern.search(question)), "")


def citation_tells(sentence: str, asked: str) -> bool:
    """Does a sentence citing a document say what was asked of it (any mention answers "提到的……")?"""
    pattern = _CITATION_TELLS.get(asked)
    # the title's own years ("（2021—2025年）") are no date of issue
    return pattern is None or bool(pattern.search(_TITLE_RE.sub("《》", sentence)))


MIN_TITLE_TAIL = 8  # the fewest characters of a title's end that name it ("自治区重大行政决策目录管理办法")


def names_title(question: str, title: str) -> bool:
    """Does the question name ``title``, whole or by its end (the region before it left out)?"""
    # Every end long enough ends with the last few characters: one search rules out most of a large corpus' titles.
    if title[-MIN_TITLE_TAIL:] not in question:
        return False
    return any(title[start:] in question for start in range(max(1, len(title) - MIN_TITLE_TAIL + 1)))


def cited_titles(clauses: Iterable[Clause]) -> dict[str, str]:
    """Every 《title》 the clauses cite, as asked (NFKC, as questions are read: （） become ()) → as written."""
    return {unicodedata.normalize("NFKC", m.group(1)): m.group(1)
            for clause in clauses for m in _TITLE_RE.finditer(clause.text)}


def cited_documents(clauses: Iterable[Clause], held: set[str], key: Callable[[str], str] = str) -> list[Cited]:
    """Each 《title》 in the plan's clauses, in order of first mention; ``held`` holds ``key(title)`` of held ones."""
    out: dict[str, Cited] = {}
    for clause in clauses:
        for m in _TITLE_RE.finditer(clause.text):
            title = m.group(1).replace("<", "〈").replace(">", "〉")
            entry = out.setdefault(title, Cited(title=title, held=key(title) in held))
            if clause not in entry.clauses:
                entry.clauses.append(clause)
    return list(out.values())


def describe_cited(plan_title: str, cited: list[Cited]) -> str:
    """A line per title with the items citing it; the held ones are marked, as they can be asked about."""
    lines = []
    for c in cited:
        where = "、".join(cl.label for cl in c.clauses)
        lines.append(f"《{c.title}》，见{where}" + ("；已收录，可直接提问" if c.held else ""))
    held = sum(c.held for c in cited)
    head = f"《{plan_title}》提到 {len(cited)} 部法律法规和文件，其中 {held} 部已收录："
    return head + "".join(f"\n{line}" for line in lines)
