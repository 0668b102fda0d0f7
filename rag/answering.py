"""Composing the answer from retrieved clauses (minimal: the best clause)."""

from __future__ import annotations

from .records import Answer, Citation
from .search import Retriever, Scope

NO_BASIS = "未在已收录的文件中找到依据。"


def compose(question: str, retriever: Retriever, scope: Scope | None = None, mode: str | None = None) -> Answer:
    hits = retriever.search(question, k=retriever.cfg.top_k, mode=mode, scope=scope)
    if not hits:
        return Answer(question=question, answer=NO_BASIS, abstained=True)
    meta = retriever.index.manifest.documents
    cites = [Citation.from_hit(h, meta[h.clause.doc_id].meta if h.clause.doc_id in meta else None) for h in hits]
    best = hits[0].clause
    text = best.text
    if best.lead_units:
        text = f"{best.title}由{'、'.join(best.lead_units)}牵头。"
    return Answer(question=question, answer=f"{text}（{best.citation}）", abstained=False, citations=cites)
