"""An embedding cache keyed by model and text hash.

Rebuilding after one document changes must not embed the other documents
again, and identical texts (the same article in two files) are embedded once.
The cache lives beside the index generations so it survives rebuilds.

On disk, per model: ``vectors.npy`` (one row per text) and ``keys.txt`` (the
text hash of each row, in row order). Rows are only ever appended, so the keys
and the vectors agree on their common prefix even when a crash lands between
the two writes; each file is replaced atomically through a temporary file.
``embed(..., checkpoint=N)`` saves every N new vectors, so a build that is
killed halfway keeps what it had already computed and the next one resumes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

_TEMP_GLOBS = (".vectors.*.npy", ".keys.*.txt")


def text_key(text: str) -> str:
    """The cache key of one text (SHA-1 of its UTF-8 bytes)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def model_folder(root: Path, model_id: str) -> Path:
    """The cache folder of one model under ``root``."""
    return root / re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[-80:]


def remove_temp_files(root: Path) -> int:
    """Delete temporary files that a killed ``save`` left under ``root``; returns how many.

    Only safe while no other process saves into ``root`` (the build lock).
    """
    removed = 0
    if not root.is_dir():
        return 0
    for pattern in _TEMP_GLOBS:
        for p in root.glob(f"*/{pattern}"):
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed


class EmbeddingCache:
    """Vectors for texts already embedded with one model; counts hits and misses.

    ``dim`` may be left out when the model has not been loaded: it is then read
    from the stored vectors (``None`` while the cache is empty), so a rebuild
    whose texts are all cached never needs the model at all.
    """

    def __init__(self, folder: Path, model_id: str, dim: int | None = None) -> None:
        self.folder = model_folder(folder, model_id)
        self.dim: int | None = dim
        self.hits = 0
        self.misses = 0
        self.warning = ""  # set when stored files were unusable and the cache starts empty
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, dim or 0), dtype=np.float32)
        self._saved_rows = 0
        self._read()

    def _read(self) -> None:
        keys_path, vec_path = self.folder / "keys.txt", self.folder / "vectors.npy"
        if not (keys_path.exists() and vec_path.exists()):
            return
        try:
            keys = keys_path.read_text(encoding="utf-8").split()
            vectors = np.load(vec_path, allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            self._discard(f"向量缓存文件已损坏（{type(exc).__name__}），已忽略并重新计算")
            return
        if vectors.ndim != 2 or vectors.dtype != np.float32 or (self.dim is not None and vectors.shape[1] != self.dim):
            self._discard("向量缓存与当前模型的维度不符，已忽略并重新计算")
            return
        # A cache cut short by a crash is only trusted up to its shorter part.
        n = min(len(keys), len(vectors))
        self.dim = int(vectors.shape[1])
        self._rows = {k: i for i, k in enumerate(keys[:n])}
        self._vectors = np.ascontiguousarray(vectors[:n])
        self._saved_rows = n

    def _discard(self, why: str) -> None:
        """Forget unusable stored files; they are deleted so a later save cannot mix with them."""
        self.warning = why
        for name in ("keys.txt", "vectors.npy"):
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()

    def __len__(self) -> int:
        return len(self._rows)

    def set_dim(self, dim: int) -> None:
        """Fix the dimension once the model is loaded; stored vectors of another size are dropped."""
        if self.dim == dim:
            return
        if self._rows:
            self._discard("向量缓存与当前模型的维度不符，已忽略并重新计算")
            self._rows = {}
            self._saved_rows = 0
        self.dim = dim
        self._vectors = np.zeros((0, dim), dtype=np.float32)

    def missing(self, texts: list[str]) -> list[str]:
        """The distinct texts not in the cache, in first-seen order."""
        out: dict[str, str] = {}
        for t in texts:
            k = text_key(t)
            if k not in self._rows and k not in out:
                out[k] = t
        return list(out.values())

    def embed(
        self,
        texts: list[str],
        encode: Callable[[list[str]], np.ndarray],
        checkpoint: int = 0,
    ) -> np.ndarray:
        """Vectors for ``texts``, calling ``encode`` only for texts not seen before.

        With ``checkpoint`` > 0 the missing texts are encoded ``checkpoint`` at a
        time and the cache is saved after each group, so an interrupted build
        loses at most one group of work.
        """
        keys = [text_key(t) for t in texts]
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self._rows and k not in missing:
                missing[k] = t
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        items = list(missing.items())
        step = checkpoint if checkpoint > 0 else max(1, len(items))
        for start in range(0, len(items), step):
            group = items[start : start + step]
            new = np.asarray(encode([t for _, t in group]), dtype=np.float32)
            if self.dim is None:
                self.dim = int(new.shape[-1])
                self._vectors = np.zeros((0, self.dim), dtype=np.float32)
            self._append([k for k, _ in group], new.reshape(-1, self.dim))
            if checkpoint > 0:
                self.save()
        if not keys:
            return np.zeros((0, self.dim or 0), dtype=np.float32)
        return self._vectors[[self._rows[k] for k in keys]]

    def _append(self, keys: list[str], vectors: np.ndarray) -> None:
        start = len(self._vectors)
        self._vectors = np.vstack([self._vectors, vectors])
        for i, k in enumerate(keys):
            self._rows[k] = start + i

    def save(self) -> None:
        """Write atomically: vectors first, keys last, each through a temporary file.

        Nothing is written when no row was added since the last read or save.
        """
        if len(self._rows) == self._saved_rows and (self.folder / "keys.txt").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._rows, key=self._rows.__getitem__)
        tmp_vec = self.folder / f".vectors.{os.getpid()}.npy"
        with open(tmp_vec, "wb") as f:
            np.save(f, self._vectors)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_vec, self.folder / "vectors.npy")
        tmp_keys = self.folder / f".keys.{os.getpid()}.txt"
        with open(tmp_keys, "w", encoding="utf-8") as f:
            f.write("\n".join(keys))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_keys, self.folder / "keys.txt")
        self._saved_rows = len(self._rows)
