"""Plain records passed between the loaders, chunkers, indexes and the answer layer.

They are dataclasses so that they serialise to JSON without ceremony and stay
easy to build in tests.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Document:
    """One source file, decoded to text, with its metadata."""

    doc_id: str  # stable id derived from the file name (e.g. "xingzheng-fuyi-fa")
    path: str  # where it was read from
    title: str  # full title, e.g. 中华人民共和国行政复议法
    short: str  # short name used in citations, e.g. 行政复议法
    text: str  # body text, front matter removed
    meta: dict[str, str] = field(default_factory=dict)  # issuer, level, effective...
    sha256: str = ""  # hash of the raw bytes, for incremental rebuilds
    warnings: list[str] = field(default_factory=list)


def _shallow(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


@dataclass
class Clause:
    """A citable unit: a plan item or a statute article (or a paragraph as fallback)."""

    clause_id: str  # "<doc_id>#<label>", stable across rebuilds
    doc_id: str
    doc_title: str
    doc_short: str
    label: str  # "（十八）", "第二十条", "第3段"
    number: int  # ordinal of the item/article; 0 when unknown
    kind: str  # "plan_item" | "article" | "paragraph"
    path: list[str]  # headings above it: ["六、健全社会矛盾纠纷多元化解工作体系"]
    title: str  # plan item title sentence; "" for articles
    text: str  # full clause text as it stands in the document
    lead_units: list[str] = field(default_factory=list)  # 牵头单位
    responsible_units: list[str] = field(default_factory=list)  # 责任单位
    citation: str = ""  # human label: 《行政复议法》第二十条

    def to_dict(self) -> dict[str, Any]:
        # Fields are flat (strings, ints, lists of strings): copying the lists is enough, and
        # dataclasses.asdict's recursive deep copy took 10 s a build at 67,000 clauses.
        return {f.name: _shallow(getattr(self, f.name)) for f in _CLAUSE_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clause:
        return cls(**data)


_CLAUSE_FIELDS = fields(Clause)


@dataclass
class Chunk:
    """A piece of a clause that is indexed on its own (the clause or one of its sentences)."""

    clause_id: str
    text: str  # what the lexical and dense legs see
    kind: str = "clause"  # "clause" | "sentence" | "units" (a plan item's 牵头/责任单位 list)
    sentence: str = ""  # for sentence chunks: the sentence alone, for highlighting

    def to_dict(self) -> dict[str, str]:
        return {"clause_id": self.clause_id, "text": self.text, "kind": self.kind, "sentence": self.sentence}


@dataclass
class Hit:
    """A clause found by retrieval, with the sentence that matched best."""

    clause: Clause
    score: float
    sentence: str = ""  # best-matching sentence of the clause, for highlighting
    legs: dict[str, float] = field(default_factory=dict)  # per-leg scores, for debugging
    firsts: tuple[str, ...] = ()  # the legs that ranked this clause first
    # The question's best plain-model cosine with any clause the search read (the same on every hit of
    # one search). Abstention reads it: with a query adapter the nearest clause may rank outside the hits.
    nearest: float = 0.0


@dataclass
class Citation:
    """A cited clause as the JSON contract shows it."""

    doc: str
    doc_short: str
    clause: str
    label: str
    path: list[str]
    text: str
    score: float
    sentence: str = ""
    doc_id: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_hit(cls, hit: Hit, meta: dict[str, str] | None = None) -> Citation:
        c = hit.clause
        return cls(
            doc=c.doc_title,
            doc_short=c.doc_short,
            clause=c.label,
            label=c.citation,
            path=list(c.path),
            text=c.text,
            score=round(float(hit.score), 4),
            sentence=hit.sentence,
            doc_id=c.doc_id,
            meta=dict(meta or {}),
        )


@dataclass
class Answer:
    """The reply to one question: the contract shared by the CLI, the UI, its API and the eval."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)  # shown as "may be related" on abstention
    intent: str = "general"
    timing_ms: float = 0.0
    error: str = ""  # user-facing message for bad input; empty when fine

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [asdict(c) for c in self.citations],
            "related": [asdict(c) for c in self.related],
            "intent": self.intent,
            "timing_ms": round(self.timing_ms, 2),
            "error": self.error,
        }
