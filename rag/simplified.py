"""Traditional characters in a question, read as the simplified ones the documents are written in.

"行政復議的申請期限是多久" shares no word with 行政复议法 for BM25 or for the figure check, and was
refused for it. Only characters the documents never use are converted, one by one, and only to a
character they do use: a simplified question is left exactly as typed (著, 乾 and 後 all stay what
the user wrote whenever the documents have them).
"""

from __future__ import annotations

from collections.abc import Iterable


def corpus_characters(texts: Iterable[str]) -> frozenset[str]:
    """Every character the documents use."""
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    return frozenset(chars)


def to_simplified(question: str, known: frozenset[str]) -> str:
    """``question`` with each character absent from ``known`` replaced by its simplified form in ``known``."""
    if all(c in known for c in question):
        return question
    from zhconv import convert

    out = []
    for c in question:
        if c not in known and "\u4e00" <= c <= "\u9fff":
            s = convert(c, "zh-hans")
            c = s if len(s) == 1 and s in known else c
        out.append(c)
    return "".join(out)
