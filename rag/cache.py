"""An embedding cache keyed by model and text hash.

Rebuilding after one document changes must not embed the other documents
again, and identical texts (the same article in two files) are embedded once.
The cache lives beside the index generations so it survives rebuilds.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors for texts already embedded with one model; counts hits and misses."""

    def __init__(self, folder: Path, model_id: str, dim: int) -> None:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[-80:]
        self.folder = folder / safe
        self.dim = dim
        self.hits = 0
        self.misses = 0
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, dim), dtype=np.float32)
        keys_path, vec_path = self.folder / "keys.txt", self.folder / "vectors.npy"
        if keys_path.exists() and vec_path.exists():
            keys = keys_path.read_text(encoding="utf-8").split()
            vectors = np.load(vec_path)
            # A cache cut short by a crash is only trusted up to its shorter part.
            n = min(len(keys), len(vectors))
            if vectors.ndim == 2 and vectors.shape[1] == dim:
                self._rows = {k: i for i, k in enumerate(keys[:n])}
                self._vectors = vectors[:n]

    def __len__(self) -> int:
        return len(self._rows)

    def embed(self, texts: list[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Vectors for ``texts``, calling ``encode`` only for texts not seen before."""
        keys = [text_key(t) for t in texts]
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self._rows and k not in missing:
                missing[k] = t
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        if missing:
            new = np.asarray(encode(list(missing.values())), dtype=np.float32).reshape(-1, self.dim)
            start = len(self._vectors)
            self._vectors = np.vstack([self._vectors, new])
            for i, k in enumerate(missing):
                self._rows[k] = start + i
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._vectors[[self._rows[k] for k in keys]]

    def save(self) -> None:
        """Write atomically: vectors first, keys last, each through a temporary file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._rows, key=self._rows.__getitem__)
        tmp_vec = self.folder / f".vectors.{os.getpid()}.npy"
        np.save(tmp_vec, self._vectors)
        os.replace(tmp_vec, self.folder / "vectors.npy")
        tmp_keys = self.folder / f".keys.{os.getpid()}.txt"
        tmp_keys.write_text("\n".join(keys), encoding="utf-8")
        os.replace(tmp_keys, self.folder / "keys.txt")
