"""Direct references in a question: "行政复议法第二十条", "计划第十八项".

When a user names a clause, retrieval should not guess: the clause goes
straight to the top. Parsing is pure; resolution needs the clause table.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lawnames import LAW_NAME_RE, held_matches, name_forms
from .numerals import CN_NUMERAL_CHARS, cn_to_int
from .records import Clause

_N = f"[{CN_NUMERAL_CHARS}]+|\\d+"
ARTICLE_REF_RE = re.compile(rf"第\s*({_N})\s*条")
# "第（十九）项" is written too: the brackets with the 第 and 项 around them are one reference.
ITEM_REF_RE = re.compile(rf"第\s*({_N})\s*(?:项|条任务|项任务|项工作)|(?:第\s*)?[（(]\s*({_N})\s*[）)](?:\s*项(?!目))?")
PLAN_WORDS = ("计划", "工作计划", "法治政府建设工作计划")
# Only plan items have 牵头单位 and 责任单位: "（十八）的责任单位" is the plan's item 18.
PLAN_ITEM_CUES = ("牵头", "责任单位")
_BRACKET_REF_RE = re.compile(rf"[（(]\s*(?:[{CN_NUMERAL_CHARS}]+|\d{{1,2}})\s*[）)]")


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
        self._mentions_cached = functools.lru_cache(maxsize=256)(self._doc_mentions)

    def doc_mentions(self, question: str) -> tuple[tuple[int, str], ...]:
        """(position, doc id) of each document the question names, in the order named.

        Full and short titles first, longest first so 行政复议法实施条例 is not read as 行政复议法;
        then shortened names (复议法, 行诉法, 营商环境条例) that stand for exactly one document.
        One question asks this several times (routing, references, missing clauses), and matching a
        shortened name against the 3,000 names of a large corpus takes about 4 ms: answers are kept.
        """
        return self._mentions_cached(question)

    def _doc_mentions(self, question: str) -> tuple[tuple[int, str], ...]:
        q = question.replace("《", " ").replace("》", " ")
        claimed: list[tuple[int, int]] = []
        found: list[tuple[int, str]] = []

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in claimed)

        for name, doc_id in self._names:
            start = q.find(name)
            while start >= 0:
                end = start + len(name)
                if free(start, end):
                    claimed.append((start, end))
                    found.append((start, doc_id))
                start = q.find(name, end)
        for m in LAW_NAME_RE.finditer(q):
            if not free(m.start(), m.end()):
                continue
            for offset, form in name_forms(m.group(1)):
                docs = held_matches(form, self._names)
                if docs:
                    if len(docs) == 1:  # 处罚法 with two 处罚法 held names nothing
                        found.append((m.start() + offset, docs.pop()))
                    break
        return tuple(sorted(found))

    def find_doc(self, question: str) -> str | None:
        """The document a question names first, by full, short or shortened title."""
        mentions = self.doc_mentions(question)
        return mentions[0][1] if mentions else None

    def _article_refs(self, question: str, allowed_docs: set[str] | None = None) -> list[tuple[str, int, str]]:
        """(doc id, number, as written) for each 第N条 and the document it belongs to.

        The document named before it (or after, if none before); with none named, the one law in
        scope ("第十八条" with the scope set to 行政复议法), or the one law that has that many articles.
        """
        mentions = self.doc_mentions(question)
        refs: list[tuple[str, int, str]] = []
        for m in ARTICLE_REF_RE.finditer(question):
            n = cn_to_int(m.group(1))
            if n is None:
                continue
            before = [doc for pos, doc in mentions if pos < m.start()]
            doc_id = before[-1] if before else (mentions[0][1] if mentions else None)
            if doc_id is None:
                doc_id = self._implied_doc(n, allowed_docs)
            if doc_id:
                refs.append((doc_id, n, re.sub(r"\s+", "", m.group(0))))
        return refs

    def _implied_doc(self, number: int, allowed_docs: set[str] | None) -> str | None:
        """The law a 第N条 naming no document belongs to: the one law in scope, or the one law that has it."""
        if allowed_docs is not None and len(allowed_docs) == 1:
            only = next(iter(allowed_docs))
            return None if only in self.plan_docs else only
        holders = self.holders(number, allowed_docs)
        return holders[0] if len(holders) == 1 else None

    def _only_plans(self, doc_id: str | None, allowed_docs: set[str] | None, question: str = "") -> bool:
        """Every number is a plan item's: a plan is named ("计划第十八条"), or none is and only plans are in scope."""
        if doc_id in self.plan_docs or (doc_id is None and any(w in question for w in PLAN_WORDS)):
            return True  # the plan has no articles: its 第十八条 is its item 18
        return doc_id is None and bool(allowed_docs) and allowed_docs <= set(self.plan_docs)

    def article(self, doc_id: str, number: int) -> str | None:
        """The clause id of article ``number`` of ``doc_id``, or None when it has none."""
        return self._by_doc_number.get((doc_id, "article", number))

    def holders(self, number: int, allowed_docs: set[str] | None = None) -> list[str]:
        """The documents (not plans) in scope that have article ``number``, in corpus order."""
        return [d for d in self._short if d not in self.plan_docs and (d, "article", number) in self._by_doc_number
                and (allowed_docs is None or d in allowed_docs)]

    def _plan_meant(self, question: str, doc_id: str | None, allowed_docs: set[str] | None) -> bool:
        """Does a bare number in the question (（十八）, 第十八条) refer to a plan item?

        Yes when the question speaks of the plan or of 牵头/责任单位, or names a plan; also when it
        names no document at all and either only plans are in scope or the number is written （十八）,
        which is how the plan numbers its items (a law's （一） list items are asked with their article).
        """
        if any(w in question for w in (*PLAN_WORDS, *PLAN_ITEM_CUES)) or doc_id in self.plan_docs:
            return True
        if doc_id is not None:
            return False
        if self._only_plans(doc_id, allowed_docs):
            return True
        return not ARTICLE_REF_RE.search(question) and bool(_BRACKET_REF_RE.search(question))

    def resolve(self, question: str, allowed_docs: set[str] | None = None) -> list[str]:
        """Clause ids the question names explicitly (empty when it names none)."""
        out: list[str] = []
        doc_id = self.find_doc(question)
        mentions_plan = self._plan_meant(question, doc_id, allowed_docs)
        only_plans = self._only_plans(doc_id, allowed_docs, question)
        if not only_plans:
            for ref_doc, n, _ in self._article_refs(question, allowed_docs):
                cid = self.article(ref_doc, n)
                if cid:
                    out.append(cid)
        if out and not mentions_plan:
            # "第二十条第一项" is an article's 项, not plan item 一.
            return self._filter(out, allowed_docs)
        plan_ids = [doc_id] if doc_id in self.plan_docs else self.plan_docs
        for n, explicit_item in self._item_numbers(question, only_plans):
            if not n or not (explicit_item or mentions_plan):
                continue
            for pid in plan_ids:
                cid = self._by_doc_number.get((pid, "plan_item", n))
                if cid:
                    out.append(cid)
        return self._filter(out, allowed_docs)

    @staticmethod
    def _item_numbers(question: str, articles_too: bool) -> list[tuple[int | None, bool]]:
        """(number, written as 第N项) of each item reference; with ``articles_too`` 第N条 counts as 第N项."""
        found = [(m.start(), cn_to_int(m.group(1) or m.group(2)), m.group(1) is not None)
                 for m in ITEM_REF_RE.finditer(question)]
        if articles_too:  # only plans in scope: "第十八条" can only mean item 18
            found += [(m.start(), cn_to_int(m.group(1)), True) for m in ARTICLE_REF_RE.finditer(question)]
        return [(n, explicit) for _, n, explicit in sorted(found, key=lambda x: x[0])]

    def ambiguous(self, question: str, allowed_docs: set[str] | None = None) -> tuple[str, list[str]]:
        """("第十八条", clause ids) when a 第N条 names no document and several laws in scope have it.

        Asked on its own ("第十八条"), the user is asked which law is meant, with each candidate listed;
        asked with more ("第四十六条规定的起诉期限"), the search lets the question's words pick among
        the candidates. ("", []) when the reference is not ambiguous.
        """
        doc_id = self.find_doc(question)
        m = ARTICLE_REF_RE.search(question)
        n = cn_to_int(m.group(1)) if m else None
        if doc_id is not None or n is None or self._only_plans(doc_id, allowed_docs, question) or self._implied_doc(n, allowed_docs):
            return "", []
        holders = self.holders(n, allowed_docs)
        if len(holders) < 2:
            return "", []
        return re.sub(r"\s+", "", m.group(0)), [self._by_doc_number[(d, "article", n)] for d in holders]

    def missing(self, question: str, allowed_docs: set[str] | None = None) -> MissingClause | None:
        """A clause the question names that its document lacks: "行政复议法第一百条" (the law has 90).

        Without this the nearest articles answer, and staff would read 第三十九条 as 第一百条.
        """
        # Present but out of scope is not missing: "（十八）" with the scope set to one law.
        if self.resolve(question) or (allowed_docs is not None and self.resolve(question, allowed_docs)):
            return None
        doc_id = self.find_doc(question)
        only_plans = self._only_plans(doc_id, allowed_docs, question)
        if not only_plans:
            for ref_doc, _, asked in self._article_refs(question, allowed_docs):
                last = self._last.get((ref_doc, "article"))
                if ref_doc not in self.plan_docs and last is not None:
                    return MissingClause(self._short[ref_doc], asked, last.label, "article")
        if doc_id and doc_id not in self.plan_docs:
            return None
        plan_ids = [doc_id] if doc_id in self.plan_docs else self.plan_docs
        if len(plan_ids) != 1 or not self._plan_meant(question, doc_id, allowed_docs):
            return None
        m = ITEM_REF_RE.search(question) or (ARTICLE_REF_RE.search(question) if only_plans else None)
        raw = next((g for g in m.groups() if g), "") if m else ""
        last = self._last.get((plan_ids[0], "plan_item"))
        if raw and last is not None and cn_to_int(raw):
            asked = f"第{raw.strip()}项"  # （三十） and 第三十项 alike
            return MissingClause(self._short[plan_ids[0]], asked, last.label, "plan_item")
        return None

    @staticmethod
    def _filter(out: list[str], allowed_docs: set[str] | None) -> list[str]:
        if allowed_docs is not None:
            out = [cid for cid in out if cid.split("#", 1)[0] in allowed_docs]
        return list(dict.fromkeys(out))
