"""The BM25 leg: bm25s over jieba tokens.

bm25s keeps the index as a sparse matrix, so scoring every chunk for a query is
one sparse row-sum; it was measured faster than rank-bm25 at equal scores (see
``eval/bench_bm25.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


class LexicalIndex:
    """BM25 scores for token lists; knows its vocabulary so unknown query words are dropped."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        import bm25s

        self._bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        self.size = 0

    def index(self, corpus_tokens: list[list[str]]) -> None:
        # bm25s cannot index an empty document list; a placeholder keeps shapes consistent.
        self._bm25.index([toks or [""] for toks in corpus_tokens], show_progress=False)
        self.size = len(corpus_tokens)

    @property
    def vocab(self) -> dict[str, int]:
        return self._bm25.vocab_dict

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every indexed chunk (zeros when no token is known)."""
        known = [t for t in query_tokens if t in self.vocab and t]
        if not known or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        import bm25s

        obj = cls.__new__(cls)
        obj._bm25 = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        obj.size = size
        return obj
