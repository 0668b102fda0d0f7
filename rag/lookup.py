"""Direct references in a question: "行政复议法第二十条", "计划第十八项".

When a user names a clause, retrieval should not guess: the clause goes
straight to the top. Parsing is pure; resolution needs the clause table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import CN_NUMERAL_CHARS, cn_to_int
from .records import Clause

_N = f"[{CN_NUMERAL_CHARS}]+|\\d+"
ARTICLE_REF_RE = re.compile(rf"第\s*({_N})\s*条")
ITEM_REF_RE = re.compile(rf"第\s*({_N})\s*(?:项|条任务|项任务|项工作)|[（(]\s*({_N})\s*[）)]")
PLAN_WORDS = ("计划", "工作计划", "法治政府建设工作计划")


@dataclass(frozen=True)
class MissingClause:
    """A clause a question names by number that the named document does not have."""

    doc_short: str
    asked: str  # as the user wrote it: "第一百条", "第30项"
    last: str  # the document's last clause of that kind: "第九十条", "（二十八）"
    kind: str  # "article" | "plan_item"


@dataclass
class Reference:
    """A clause named in a question: a document (by short name) or the plan, and a number."""

    doc_short: str  # "" when only the plan is meant or no document is named
    number: int
    kind: str  # "article" | "plan_item"


class ClauseLookup:
    """Resolves references against the indexed clauses."""

    def __init__(self, clauses: list[Clause]) -> None:
        self._by_doc_number: dict[tuple[str, str, int], str] = {}
        self._last: dict[tuple[str, str], Clause] = {}
        self._short: dict[str, str] = {}
        names: dict[str, str] = {}
        self.plan_docs: list[str] = []
        for c in clauses:
            key = (c.doc_id, c.kind, c.number)
            self._by_doc_number.setdefault(key, c.clause_id)
            last = self._last.get((c.doc_id, c.kind))
            if last is None or c.number > last.number:
                self._last[(c.doc_id, c.kind)] = c
            self._short.setdefault(c.doc_id, c.doc_short)
            names[c.doc_short] = c.doc_id
            names[c.doc_title] = c.doc_id
            names[c.doc_title.removeprefix("中华人民共和国")] = c.doc_id
            if c.kind == "plan_item" and c.doc_id not in self.plan_docs:
                self.plan_docs.append(c.doc_id)
        # Longest names first so 行政复议法实施条例 is not read as 行政复议法.
        self._names = sorted(((n, d) for n, d in names.items() if len(n) >= 3), key=lambda x: -len(x[0]))

    def find_doc(self, question: str) -> str | None:
        """The document a question names, by full or short title."""
        q = question.replace("《", "").replace("》", "")
        for name, doc_id in self._names:
            if name in q:
                return doc_id
        return None

    def resolve(self, question: str, allowed_docs: set[str] | None = None) -> list[str]:
        """Clause ids the question names explicitly (empty when it names none)."""
        out: list[str] = []
        doc_id = self.find_doc(question)
        for m in ARTICLE_REF_RE.finditer(question):
            n = cn_to_int(m.group(1))
            if n and doc_id:
                cid = self._by_doc_number.get((doc_id, "article", n))
                if cid:
                    out.append(cid)
        mentions_plan = any(w in question for w in PLAN_WORDS) or (doc_id in self.plan_docs)
        if out and not mentions_plan:
            # "第二十条第一项" is an article's 项, not plan item 一.
            return self._filter(out, allowed_docs)
        for m in ITEM_REF_RE.finditer(question):
            raw = m.group(1) or m.group(2)
            n = cn_to_int(raw)
            explicit_item = m.group(1) is not None
            if not n or not (explicit_item or mentions_plan):
                continue
            plan_ids = [doc_id] if doc_id in self.plan_docs else self.plan_docs
            for pid in plan_ids:
                cid = self._by_doc_number.get((pid, "plan_item", n))
                if cid:
                    out.append(cid)
        return self._filter(out, allowed_docs)

    def missing(self, question: str) -> MissingClause | None:
        """A clause the question names that its document lacks: "行政复议法第一百条" (the law has 90).

        Without this the nearest articles answer, and staff would read 第三十九条 as 第一百条.
        """
        if self.resolve(question):
            return None
        doc_id = self.find_doc(question)
        if doc_id and doc_id not in self.plan_docs:
            m = ARTICLE_REF_RE.search(question)
            last = self._last.get((doc_id, "article"))
            if m and last is not None and cn_to_int(m.group(1)):
                return MissingClause(self._short[doc_id], re.sub(r"\s+", "", m.group(0)), last.label, "article")
            return None
        plan_ids = [doc_id] if doc_id in self.plan_docs else self.plan_docs
        if len(plan_ids) != 1 or not (doc_id or any(w in question for w in PLAN_WORDS)):
            return None
        m = ITEM_REF_RE.search(question)
        last = self._last.get((plan_ids[0], "plan_item"))
        if m and last is not None and cn_to_int(m.group(1) or m.group(2)):
            return MissingClause(self._short[plan_ids[0]], re.sub(r"\s+", "", m.group(0)), last.label, "plan_item")
        return None

    @staticmethod
    def _filter(out: list[str], allowed_docs: set[str] | None) -> list[str]:
        if allowed_docs is not None:
            out = [cid for cid in out if cid.split("#", 1)[0] in allowed_docs]
        return list(dict.fromkeys(out))
