"""The dense leg: normalised sentence embeddings in a FAISS inner-product index.

Vectors are L2-normalised, so inner product is cosine similarity, which the
answer layer reads as an absolute confidence signal.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


class DenseIndex:
    """Exact (flat) inner-product search; at a few hundred thousand chunks it stays under tens of ms.

    Vectors carry their chunk ids (an ``IndexIDMap``), so an index may embed only
    some chunks (whole clauses on a large corpus) and still answer in chunk ids.
    """

    def __init__(self, dim: int) -> None:
        import faiss

        self.dim = dim
        self._index = faiss.IndexIDMap(faiss.IndexFlatIP(dim))
        self._row_of: np.ndarray | None = None  # chunk id → row, built on first vectors() call

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray, ids: np.ndarray | None = None) -> None:
        """Add vectors under ``ids`` (default: the next positions, 0, 1, 2, ...)."""
        if not len(vectors):
            return
        if ids is None:
            ids = np.arange(self.size, self.size + len(vectors), dtype=np.int64)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(vectors)} vectors but {len(ids)} ids")
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.ascontiguousarray(ids, dtype=np.int64))
        self._row_of = None  # new rows: the id → row map is rebuilt when next needed

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (ids, cosine scores); ``allowed`` (a boolean mask over chunk ids) restricts the search."""
        import faiss

        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            if not allowed.any():
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            # A bitmap costs one bit per chunk and one lookup per vector; a batch selector
            # hashed every allowed id first (tens of ms for a 200,000-chunk scope).
            bits = np.packbits(np.asarray(allowed, dtype=bool), bitorder="little")
            selector = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))  # n counts bytes
            params = faiss.SearchParameters(sel=selector)
        # One query is a memory-bound scan that a second thread hardly speeds up (67,000
        # vectors: 10 ms on one, 10 on two), while waking FAISS's OpenMP threads against the
        # embedding engine's still-spinning ones cost 1-2 ms a search and slowed the next
        # query's encoding: one thread took a built-in question's p50 from 34 to 30 ms and its
        # p95 from 58 to 49 ms (five paired runs of eval/bench.py --phase queries).
        # The setting is per calling thread, so each server worker sets it for itself.
        faiss.omp_set_num_threads(1)
        scores, ids = self._index.search(q, k, params=params)
        keep = ids[0] >= 0
        if allowed is not None:  # ids past the mask's end (none in a consistent index) are not allowed
            keep &= ids[0] < len(allowed)
        return ids[0][keep], scores[0][keep]

    def vectors(self, ids: list[int]) -> tuple[np.ndarray, list[int]]:
        """The stored vectors of those chunk ids that have one, and which ids those are."""
        import faiss

        rows = self._rows()
        found = [i for i in ids if 0 <= i < len(rows) and rows[i] >= 0]
        if not found:
            return np.zeros((0, self.dim), dtype=np.float32), []
        # An index from before chunk ids (a bare flat index) stores chunk i at row i.
        flat = faiss.downcast_index(self._index.index) if hasattr(self._index, "id_map") else self._index
        return flat.reconstruct_batch(rows[found]), found

    def _rows(self) -> np.ndarray:
        """Chunk id → row in the flat index (-1: no vector), built once on first use."""
        rows = self._row_of
        if rows is None:
            import faiss

            ids = (faiss.vector_to_array(self._index.id_map) if hasattr(self._index, "id_map")
                   else np.arange(self.size, dtype=np.int64))
            rows = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.int64)
            rows[ids] = np.arange(len(ids), dtype=np.int64)
            self._row_of = rows
        return rows

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        import faiss

        index = faiss.read_index(str(path))
        obj = cls.__new__(cls)
        obj._index = index
        obj.dim = index.d
        obj._row_of = None
        return obj
