"""An embedding cache keyed by model and text hash.

Rebuilding after one document changes must not embed the other documents
again, and identical texts (the same article in two files) are embedded once.
The cache lives beside the index generations so it survives rebuilds.

On disk, per model: ``meta.json`` (the dimension), ``vectors.f32`` (raw
float32 rows) and ``keys.txt`` (the text hash of each row, one per line, in
row order). Both data files are append-only, so a checkpoint costs the new
rows only: the first format rewrote the whole cache at every checkpoint, which
is quadratic and at 65,000 clauses wrote gigabytes. Vectors are appended
before keys, and a reader trusts only the common prefix of complete rows and
complete lines, so a crash at any point loses at most the rows being written.
``embed(..., checkpoint=N)`` appends every N new vectors, so a build that is
killed halfway keeps what it had already computed and the next one resumes.
A cache in the first format (``vectors.npy``) is converted when it is opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

_TEMP_GLOBS = (".vectors.*.npy", ".keys.*.txt", ".meta.*.json", ".vectors.*.f32")
_FILES = ("meta.json", "vectors.f32", "keys.txt", "vectors.npy")


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
    whose texts are all cached never needs the model at all. Only one process
    writes a cache at a time (builds hold the index lock).
    """

    def __init__(self, folder: Path, model_id: str, dim: int | None = None) -> None:
        self.folder = model_folder(folder, model_id)
        self.dim: int | None = dim
        self.hits = 0
        self.misses = 0
        self.warning = ""  # set when stored files were unusable and the cache starts empty
        self._rows: dict[str, int] = {}
        self._keys: list[str] = []  # row order
        self._blocks: list[np.ndarray] = []  # joined only when vectors are read, not per append
        self._saved_rows = 0
        self._read()

    # -- reading --------------------------------------------------------------------------------

    def _read(self) -> None:
        try:
            loaded = self._read_npy() if (self.folder / "vectors.npy").exists() else self._read_raw()
        except (OSError, ValueError, EOFError, KeyError, TypeError) as exc:
            self._discard(f"向量缓存文件已损坏（{type(exc).__name__}），已忽略并重新计算")
            return
        if loaded is None:
            return
        keys, vectors = loaded
        if vectors.ndim != 2 or (self.dim is not None and vectors.shape[1] != self.dim):
            self._discard("向量缓存与当前模型的维度不符，已忽略并重新计算")
            return
        n = min(len(keys), len(vectors))  # a cache cut short by a crash is trusted up to its shorter part
        self.dim = int(vectors.shape[1])
        self._keys = keys[:n]
        self._rows = {k: i for i, k in enumerate(self._keys)}
        self._blocks = [np.ascontiguousarray(vectors[:n], dtype=np.float32)]
        self._saved_rows = n

    def _read_raw(self) -> tuple[list[str], np.ndarray] | None:
        meta_path, vec_path, keys_path = (self.folder / n for n in ("meta.json", "vectors.f32", "keys.txt"))
        if not meta_path.exists():
            return None
        dim = int(json.loads(meta_path.read_text(encoding="utf-8"))["dim"])
        if dim <= 0:
            raise ValueError("dim")
        text = keys_path.read_text(encoding="utf-8") if keys_path.exists() else ""
        keys = text.split("\n")[:-1]  # the piece after the last newline is a line cut short, or ""
        row_bytes = 4 * dim
        size = vec_path.stat().st_size if vec_path.exists() else 0
        n = min(len(keys), size // row_bytes)
        vectors = np.fromfile(vec_path, dtype=np.float32, count=n * dim).reshape(n, dim) if n else np.zeros((0, dim), np.float32)
        # Drop a torn tail now, so that the next append lines keys and rows up again.
        if size != n * row_bytes:
            os.truncate(vec_path, n * row_bytes)
        if len(keys) != n or (text and not text.endswith("\n")):
            _write_atomic(keys_path, "".join(k + "\n" for k in keys[:n]))
        return keys[:n], vectors

    def _read_npy(self) -> tuple[list[str], np.ndarray]:
        """A cache in the first format: read it and convert it to the append-only one."""
        keys_path = self.folder / "keys.txt"
        keys = keys_path.read_text(encoding="utf-8").split() if keys_path.exists() else []
        vectors = np.load(self.folder / "vectors.npy", allow_pickle=False)
        if vectors.ndim != 2 or vectors.dtype != np.float32:
            raise ValueError("vectors.npy")
        n = min(len(keys), len(vectors))
        keys, vectors = keys[:n], np.ascontiguousarray(vectors[:n])
        tmp = self.folder / f".vectors.{os.getpid()}.f32"
        with open(tmp, "wb") as f:
            vectors.tofile(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.folder / "vectors.f32")
        _write_atomic(self.folder / "keys.txt", "".join(k + "\n" for k in keys))
        _write_atomic(self.folder / "meta.json", json.dumps({"dim": int(vectors.shape[1])}))
        (self.folder / "vectors.npy").unlink()
        return keys, vectors

    def _discard(self, why: str) -> None:
        """Forget unusable stored files; they are deleted so a later save cannot mix with them."""
        self.warning = why
        self._keys, self._rows, self._blocks, self._saved_rows = [], {}, [], 0
        for name in _FILES:
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()

    # -- lookups --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def set_dim(self, dim: int) -> None:
        """Fix the dimension once the model is loaded; stored vectors of another size are dropped."""
        if self.dim == dim:
            return
        if self._rows:
            self._discard("向量缓存与当前模型的维度不符，已忽略并重新计算")
        self.dim = dim

    def missing(self, texts: list[str]) -> list[str]:
        """The distinct texts not in the cache, in first-seen order."""
        out: dict[str, str] = {}
        for t in texts:
            k = text_key(t)
            if k not in self._rows and k not in out:
                out[k] = t
        return list(out.values())

    def _matrix(self) -> np.ndarray:
        if len(self._blocks) != 1:
            self._blocks = [np.concatenate(self._blocks) if self._blocks else np.zeros((0, self.dim or 0), np.float32)]
        return self._blocks[0]

    def embed(
        self,
        texts: list[str],
        encode: Callable[[list[str]], np.ndarray],
        checkpoint: int = 0,
    ) -> np.ndarray:
        """Vectors for ``texts``, calling ``encode`` only for texts not seen before.

        With ``checkpoint`` > 0 the missing texts are encoded ``checkpoint`` at a
        time and appended to the files after each group, so an interrupted build
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
            self._append([k for k, _ in group], new.reshape(-1, self.dim))
            if checkpoint > 0:
                self.save()
        if not keys:
            return np.zeros((0, self.dim or 0), dtype=np.float32)
        return self._matrix()[[self._rows[k] for k in keys]]

    def _append(self, keys: list[str], vectors: np.ndarray) -> None:
        start = len(self._keys)
        self._blocks.append(np.ascontiguousarray(vectors, dtype=np.float32))
        self._keys.extend(keys)
        for i, k in enumerate(keys):
            self._rows[k] = start + i

    # -- writing --------------------------------------------------------------------------------

    def save(self) -> None:
        """Append the rows added since the last read or save: vectors first, then their keys.

        Nothing is written when no row was added.
        """
        n = len(self._keys)
        if n == self._saved_rows or self.dim is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.folder / "meta.json").exists():
            _write_atomic(self.folder / "meta.json", json.dumps({"dim": self.dim}))
        new = self._matrix()[self._saved_rows : n]
        with open(self.folder / "vectors.f32", "ab") as f:
            new.tofile(f)
            f.flush()
            os.fsync(f.fileno())
        with open(self.folder / "keys.txt", "a", encoding="utf-8") as f:
            f.write("".join(k + "\n" for k in self._keys[self._saved_rows : n]))
            f.flush()
            os.fsync(f.fileno())
        self._saved_rows = n


def _write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` through a temporary file in the same folder."""
    stem = path.name.split(".")[0]
    tmp = path.with_name(f".{stem}.{os.getpid()}.{path.suffix.lstrip('.')}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
