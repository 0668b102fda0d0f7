"""Clause-aware chunking: plan items, statute articles, and a paragraph fallback.

A clause is the unit a user cites, so chunks follow the documents' own
structure instead of fixed-size windows. Long clauses are also indexed sentence
by sentence (sub-chunks point back to their clause) because plan items mix
several topics and a whole-item vector blurs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import CN_NUMERAL_CHARS, cn_to_int
from .records import Chunk, Clause, Document

CHUNKER_VERSION = "4"

_N = f"[{CN_NUMERAL_CHARS}]+"
ARTICLE_RE = re.compile(rf"^第({_N}|\d+)条(?:之({_N}))?(?:[\s\u3000]+|$)")
# PDF text layers sometimes lose the space after 第X条; accept it when what follows
# cannot be the start of a cross-reference such as "第十条规定的" or "第十条第二款".
# The PDF re-flow in loading.py uses the same two patterns, so both agree on where an article starts.
ARTICLE_LOOSE_RE = re.compile(rf"^第({_N}|\d+)条(?![规的中第所之、，,款项和或及至])")
HEADING_RE = re.compile(rf"^(?:#+\s*)?(第{_N}[编章节])[\s\u3000]*(.*)$")
MD_HEADING_RE = re.compile(r"^(#+)\s*(.+)$")
SECTION_RE = re.compile(rf"^({_N})、(.+)$")
ITEM_RE = re.compile(rf"^（({_N})）(.+)$")
UNITS_RE = re.compile(r"[（(]((?:牵头单位|责任单位)[：:][^（）()]*)[）)]\s*$")
SENTENCE_END_RE = re.compile(r"(?<=[。！？；])")
_LEVEL = {"编": 0, "章": 1, "节": 2}


@dataclass
class ChunkedDocument:
    """The clauses of one document and the chunks that index them."""

    clauses: list[Clause]
    chunks: list[Chunk]
    warnings: list[str]


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences at 。！？；, keeping the punctuation."""
    parts: list[str] = []
    for line in text.split("\n"):
        parts.extend(p.strip() for p in SENTENCE_END_RE.split(line))
    return [p for p in parts if p]


def split_units(field_text: str) -> list[str]:
    """Split a 牵头单位/责任单位 list into unit names as written."""
    units = re.split(r"[、，,]", field_text)
    return [u.strip() for u in units if u.strip()]


def parse_units(text: str) -> tuple[list[str], list[str], str]:
    """Pull the trailing （牵头单位：…；责任单位：…） off a plan item.

    Returns (lead units, responsible units, the text without the parenthesis).
    """
    m = UNITS_RE.search(text)
    if not m:
        return [], [], text
    lead: list[str] = []
    resp: list[str] = []
    for part in re.split(r"[；;]", m.group(1)):
        key, _, value = part.partition("：") if "：" in part else part.partition(":")
        if key.strip() == "牵头单位":
            lead = split_units(value)
        elif key.strip() == "责任单位":
            resp = split_units(value)
    return lead, resp, text[: m.start()].rstrip()


def _tidy_heading(text: str) -> str:
    # "第一章 总 则" → "第一章 总则": the spaces inside short headings are typesetting
    head, _, rest = text.partition(" ")
    rest = re.sub(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])", "", rest.strip())
    return f"{head} {rest}".strip()


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n")]


def detect_kind(doc: Document) -> str:
    """Guess the document's structure: "statute", "plan" or "plain"."""
    lines = _lines(doc.text)
    articles = sum(1 for ln in lines if ARTICLE_RE.match(ln))
    if articles >= 2:
        return "statute"
    if sum(1 for ln in lines if ARTICLE_LOOSE_RE.match(ln)) >= 2:
        return "statute"
    items = sum(1 for ln in lines if ITEM_RE.match(ln))
    sections = sum(1 for ln in lines if SECTION_RE.match(ln))
    if items >= 2 and sections >= 1:
        return "plan"
    return "plain"


def chunk_document(doc: Document) -> ChunkedDocument:
    """Split a document into clauses by its structure, then into index chunks."""
    kind = detect_kind(doc)
    warnings: list[str] = []
    if kind == "statute":
        clauses = chunk_statute(doc)
    elif kind == "plan":
        clauses = chunk_plan(doc)
    else:
        clauses = []
    if not clauses:
        clauses = chunk_paragraphs(doc)
        warnings.append(f"{doc.path}: 未识别出条款结构（第X条 / （一）），已按段落切分")
    return ChunkedDocument(clauses=clauses, chunks=make_chunks(clauses), warnings=warnings)


def _citation(doc: Document, label: str, section_no: str = "") -> str:
    return f"《{doc.short}》{section_no}{label}"


def _make_clause(doc: Document, label: str, number: int, kind: str, text: str, *, path: list[str] | None = None,
                 title: str = "", section_no: str = "", clause_id: str = "", **units: list[str]) -> Clause:
    """A clause of ``doc``: the id, document names and citation label follow from the label."""
    return Clause(
        clause_id=clause_id or f"{doc.doc_id}#{label}", doc_id=doc.doc_id, doc_title=doc.title, doc_short=doc.short,
        label=label, number=number, kind=kind, path=list(path or []), title=title, text=text,
        citation=_citation(doc, label, section_no), **units,
    )


def chunk_plan(doc: Document) -> list[Clause]:
    """Plan items （一）…（二十八） under sections 一、…九、, with their units parsed.

    Text before the first section and after the last item (preamble, closing
    words) become paragraph clauses so that nothing in the document is lost.
    """
    clauses: list[Clause] = []
    section = ""
    section_no = ""
    current: list[str] | None = None
    item_label = ""
    item_no = 0
    preamble: list[str] = []
    trailer: list[str] = []

    def flush() -> None:
        if current is None:
            return
        body = "\n".join(current).strip()
        # The units parenthesis may sit on the item's last line only.
        lead, resp, _ = parse_units(body)
        title = re.split(r"(?<=。)", body, maxsplit=1)[0]
        label = f"（{item_label}）"
        clauses.append(
            _make_clause(doc, label, item_no, "plan_item", f"{label}{body}", path=[section] if section else [],
                         title=title.rstrip("。"), section_no=section_no, lead_units=lead, responsible_units=resp)
        )

    for line in _lines(doc.text):
        if not line:
            continue
        sm = SECTION_RE.match(line)
        im = ITEM_RE.match(line)
        if sm and not im:
            flush()
            current = None
            section = line
            section_no = sm.group(1)
            continue
        if im:
            flush()
            item_label = im.group(1)
            item_no = cn_to_int(item_label) or 0
            current = [im.group(2)]
            continue
        if current is None:
            (preamble if not clauses else trailer).append(line)
        elif UNITS_RE.search(current[-1]):
            # An item ends with its units; a later loose line is closing text.
            trailer.append(line)
        else:
            current.append(line)
    flush()
    extra: list[Clause] = []
    for name, lines in (("前言", preamble), ("结语", trailer)):
        if lines:
            text = "\n".join(lines)
            extra.append(_make_clause(doc, name, 0, "paragraph", text, title=name))
    return ([extra[0]] if preamble else []) + clauses + ([extra[-1]] if trailer else [])


def chunk_statute(doc: Document) -> list[Clause]:
    """Articles 第X条 with their 款 and 项, under 编/章/节 headings."""
    lines = _lines(doc.text)
    strict = sum(1 for ln in lines if ARTICLE_RE.match(ln)) >= 2
    art_re = ARTICLE_RE if strict else ARTICLE_LOOSE_RE
    clauses: list[Clause] = []
    path: list[str] = []
    levels: list[int] = []
    current: list[str] | None = None
    label = ""
    number = 0
    art_path: list[str] = []

    def flush() -> None:
        if current is None:
            return
        text = "\n".join(x for x in current if x).strip()
        cid = f"{doc.doc_id}#{label}"
        # 条之一 articles and repeated numbers in appended texts must stay unique
        n = 2
        while any(c.clause_id == cid for c in clauses):
            cid = f"{doc.doc_id}#{label}-{n}"
            n += 1
        clauses.append(_make_clause(doc, label, number, "article", text, path=art_path, clause_id=cid))

    for line in lines:
        hm = HEADING_RE.match(line)
        if hm and not art_re.match(line):
            flush()
            current = None
            heading = _tidy_heading(f"{hm.group(1)} {hm.group(2)}")
            level = _LEVEL[hm.group(1)[-1]]
            while levels and levels[-1] >= level:
                levels.pop()
                path.pop()
            levels.append(level)
            path.append(heading)
            continue
        am = art_re.match(line)
        if am:
            flush()
            raw = am.group(0).strip()
            label = raw
            number = cn_to_int(am.group(1)) or 0
            art_path = list(path)
            current = [line]
            continue
        if current is None:
            continue  # preamble: title, dates, table of contents
        if MD_HEADING_RE.match(line):
            # Other Markdown headings (e.g. 附件) end the article but are not in the path.
            flush()
            current = None
            continue
        current.append(line)
    flush()
    return clauses


def chunk_paragraphs(doc: Document) -> list[Clause]:
    """Fallback for documents without recognisable clauses: one clause per paragraph."""
    paras: list[str] = []
    buf: list[str] = []
    for line in doc.text.split("\n"):
        if line.strip():
            buf.append(line.strip())
        elif buf:
            paras.append("\n".join(buf))
            buf = []
    if buf:
        paras.append("\n".join(buf))
    clauses: list[Clause] = []
    # Merge very short paragraphs (titles, dates) into the next one.
    merged: list[str] = []
    carry = ""
    for p in paras:
        p = (carry + "\n" + p).strip() if carry else p
        if len(p) < 20:
            carry = p
            continue
        carry = ""
        merged.append(p)
    if carry:
        merged.append(carry)
    for i, text in enumerate(merged, start=1):
        label = f"第{i}段"
        clauses.append(_make_clause(doc, label, i, "paragraph", text))
    return clauses


def clause_context(clause: Clause) -> str:
    """Short context prefix for a clause's chunks: document, heading and item title.

    Sentences on their own lose what they are about ("该项工作…"), so each
    sub-chunk carries where it sits.
    """
    parts = [clause.doc_short]
    if clause.path:
        parts.append(clause.path[-1])
    if clause.kind == "plan_item":
        parts.append(f"{clause.label}{clause.title}")
    else:
        parts.append(clause.label)
    return " ".join(parts)


def make_chunks(clauses: list[Clause]) -> list[Chunk]:
    """One chunk per clause, plus one per sentence for clauses of several sentences."""
    chunks: list[Chunk] = []
    for clause in clauses:
        ctx = clause_context(clause)
        chunks.append(Chunk(clause_id=clause.clause_id, text=f"{ctx}\n{clause.text}", kind="clause"))
        body = clause.text
        if clause.kind == "plan_item":
            _, _, body = parse_units(clause.text)
        sentences = split_sentences(body)
        if len(sentences) > 1:
            for s in sentences:
                if len(s) >= 6:
                    chunks.append(Chunk(clause_id=clause.clause_id, text=f"{ctx} {s}", kind="sentence", sentence=s))
        units_match = UNITS_RE.search(clause.text) if clause.kind == "plan_item" else None
        if units_match:
            # Responsibility questions match the unit list best as its own chunk; its
            # sentence is the text as written, so it can be highlighted in the clause.
            units = units_match.group(1)
            chunks.append(Chunk(clause_id=clause.clause_id, text=f"{ctx} {units}", kind="units", sentence=units))
    return chunks
