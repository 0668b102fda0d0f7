"""A query adapter: a learned linear correction of the question's embedding for the dense leg.

Staff ask "开会的花销得我自己掏吗" where the statute says "当事人不承担……听证的费用". The
small e5 model places such colloquial questions far from the clause that answers them,
and no larger Chinese model installs offline here. The adapter is a residual linear map
``q + q @ M`` (renormalised) learned from labelled questions, each with its gold clause:
it moves questions towards the clauses they ask about, in the model's own space, so the
passage vectors and the index stay as they are. It is small (384 × 384) and is applied
only to the model it was trained for.

Only the dense leg's *ranking* uses it. The cosine that abstention and the other checks
read (``Hit.legs["dense"]``) stays the plain model's: the adapter sharpens which clause is
nearest, not how near the nearest one is (its cosines run higher for every question).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import UsageError

FORMAT = 1
SHIPPED = Path(__file__).resolve().parent / "adapters"  # <model name>.npz, for the models named in config
_OFF = ("", "off", "none", "0", "false", "no")


@dataclass(frozen=True)
class QueryAdapter:
    """``q + q @ matrix``, renormalised; trained for one embedding model (``model``)."""

    model: str
    matrix: np.ndarray  # [dim, dim] float32
    trained_on: str = ""  # what it learned from, for the eval report

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[0])

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        """Adapted, L2-normalised copies of ``vectors`` (``[dim]`` or ``[n, dim]``)."""
        v = np.asarray(vectors, dtype=np.float32)
        out = v + v @ self.matrix
        norms = np.linalg.norm(out, axis=-1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)

    def save(self, path: Path) -> None:
        """Written to a temporary file first, so that a reader never sees half an adapter."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, matrix=self.matrix.astype(np.float16), model=np.array(self.model),
                                trained_on=np.array(self.trained_on), format=np.array(FORMAT))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> QueryAdapter:
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format"]) != FORMAT:
                    raise UsageError(f"格式版本 {int(data['format'])} 不受支持")
                matrix = data["matrix"].astype(np.float32)
                model, trained_on = str(data["model"]), str(data["trained_on"])
        except (OSError, KeyError, ValueError) as exc:
            raise UsageError(f"无法读取问句适配器 {path}（{exc}）；可用 RAG_QUERY_ADAPTER=off 关闭它") from None
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise UsageError(f"问句适配器 {path} 的矩阵形状 {matrix.shape} 不是方阵")
        return cls(model=model, matrix=matrix, trained_on=trained_on)


def resolve_adapter(setting: str, model: str, other_models: tuple[str, ...] = ()) -> QueryAdapter | None:
    """The adapter ``Config.query_adapter`` asks for with ``model``: "auto", "off" or a file.

    "auto" is the shipped adapter of that model when there is one (none for a model folder).
    A file trained for another model is refused: its matrix means nothing in that model's space,
    unless it was trained for one of ``other_models`` (another leg's model), which then uses it.
    """
    setting = (setting or "").strip()
    if setting.lower() in _OFF:
        return None
    if setting.lower() == "auto":
        path = SHIPPED / f"{model}.npz"
        if "/" in model or "\\" in model or not path.is_file():
            return None
    else:
        path = Path(setting)
        if not path.is_file():
            raise UsageError(f"找不到问句适配器 {path}；请检查 RAG_QUERY_ADAPTER，或设为 off / auto")
    adapter = QueryAdapter.load(path)
    if adapter.model != model and adapter.model in other_models:
        return None
    if adapter.model != model:
        raise UsageError(f"问句适配器 {path.name} 是为模型 {adapter.model} 训练的，当前模型是 {model}；"
                         "请设 RAG_QUERY_ADAPTER=off，或用 eval/train_adapter.py 为这个模型训练一个")
    return adapter


def leg_adapters(setting: str, model: str, second_model: str) -> tuple[QueryAdapter | None, QueryAdapter | None]:
    """The adapters of the dense leg (``model``) and of the second leg: a file reaches the leg whose model it names."""
    return (resolve_adapter(setting, model, other_models=(second_model,)),
            resolve_adapter(setting, second_model, other_models=(model,)))


def train_adapter(questions: np.ndarray, golds: Sequence[Sequence[int]], chunks: np.ndarray,
                  chunk_clause: np.ndarray, *, epochs: int = 200, lr: float = 1e-3, temperature: float = 0.02,
                  decay: float = 0.03, seed: int = 0) -> np.ndarray:
    """The matrix M that makes each question's gold clause the nearest (full-batch Adam).

    ``questions``: question vectors ``[n, d]``; ``golds``: for each, the indices of its gold
    clauses; ``chunks``: the index's passage vectors ``[m, d]``; ``chunk_clause``: the clause
    index of each chunk. A clause scores by its best chunk, as in search. The loss is the
    cross-entropy of the gold clauses over all clauses; ``decay`` keeps M small, so that a
    question unlike any seen keeps roughly its own vector.
    """
    import torch

    torch.manual_seed(seed)
    n_clauses = int(chunk_clause.max()) + 1
    width = int(np.bincount(chunk_clause, minlength=n_clauses).max())
    slots = np.full((n_clauses, width), -1, dtype=np.int64)
    filled = np.zeros(n_clauses, dtype=np.int64)
    for i, c in enumerate(chunk_clause.tolist()):
        slots[c, filled[c]] = i
        filled[c] += 1
    empty = torch.from_numpy(slots < 0)
    slot_ids = torch.from_numpy(np.where(slots < 0, 0, slots))
    passages = torch.from_numpy(np.asarray(chunks, dtype=np.float32))
    q = torch.from_numpy(np.asarray(questions, dtype=np.float32))
    matrix = torch.zeros(q.shape[1], q.shape[1], requires_grad=True)
    opt = torch.optim.Adam([matrix], lr=lr)
    for _ in range(epochs):
        adapted = q + q @ matrix
        adapted = adapted / adapted.norm(dim=1, keepdim=True)
        by_chunk = adapted @ passages.T
        by_clause = by_chunk[:, slot_ids].masked_fill(empty[None], -1e9).amax(dim=2) / temperature
        logp = by_clause.log_softmax(dim=1)
        loss = -torch.stack([logp[i, list(g)].logsumexp(0) for i, g in enumerate(golds)]).mean()
        loss = loss + decay * (matrix**2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return matrix.detach().numpy().astype(np.float32)
