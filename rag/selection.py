"""Taking the best n of a score array, the step every leg ends with."""

from __future__ import annotations

import numpy as np


def top_n(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` highest scores, best first, ties in index order.

    A partial sort: only the head is read, and a full sort of 200,000 BM25 scores
    was a visible part of a query on the large corpus.
    """
    if n >= len(scores):
        return np.argsort(-scores, kind="stable")
    head = np.argpartition(-scores, n)[:n]
    return head[np.argsort(-scores[head], kind="stable")]
