"""Taking the best n: the partial sort the legs use must agree with a full sort."""

from __future__ import annotations

import numpy as np
import pytest

from rag.selection import top_n


@pytest.mark.parametrize("n", [1, 5, 99, 100, 250])
def test_top_matches_full_sort(n: int) -> None:
    scores = np.random.default_rng(n).permutation(100).astype(np.float32)  # distinct scores
    expected = np.argsort(-scores)[:n]
    assert top_n(scores, n).tolist() == expected.tolist()


def test_top_keeps_ties_in_chunk_order() -> None:
    # Equal BM25 scores are common (short sentences): inside the head they come out in chunk order.
    scores = np.array([1.0, 3.0, 3.0, 0.0, 3.0, 2.0])
    assert top_n(scores, 3).tolist() == [1, 2, 4]
    assert top_n(scores, 6).tolist() == [1, 2, 4, 5, 0, 3]


def test_top_of_empty_scores() -> None:
    assert top_n(np.zeros(0), 5).tolist() == []
