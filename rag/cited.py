"""The documents a plan cites: "计划提到了哪些法律法规？" answered from its 《…》 titles.

Searched, that question got item （十） ("凡没有法律法规规章依据的一律取消"): every item shares its
words and none answers it. The plan names what it carries out in book-title marks, and the
assistant knows which of those it holds, so the answer lists each title with the items that
cite it and says which ones can be asked about here. Pure functions.
"""

from __future__ import annotations

import re
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
