"""Answerability: a logistic model that says how likely an answer about to be given is to a question
the documents do not answer.

It is fitted (``eval/fit_answerability.py``) on the staff question set (never the eval's test
split) over the features of ``rag/evidence.py``, and shipped as ``rag/answerability.json``. The
features include cosines, so a model is used only with the embedding models it was fitted
with; with any other model, or a single-leg search, the hand-made checks decide alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("answerability.json")
FORMAT = 1
L2 = 1.0  # the inverse strength of the weights' penalty (scikit-learn's C), on standardised features
NEWTON_STEPS = 50


@dataclass(frozen=True)
class AnswerabilityModel:
    """Standardise, weigh, add, squash: P(out of scope) from a feature dict."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    model: str  # the embedding models the cosines came from
    second_model: str
    trained_on: str  # which questions, for whoever refits it
    format: int = FORMAT

    def probability(self, values: dict[str, float]) -> float:
        """P(out of scope) for one answer's features; a missing feature counts as its mean."""
        z = self.intercept
        for name, mu, sd, w in zip(self.features, self.mean, self.scale, self.weights, strict=True):
            z += w * (values.get(name, mu) - mu) / sd
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def fits(self, model: str, second_model: str) -> bool:
        """Were the cosines it reads made by these models?"""
        return (model, second_model) == (self.model, self.second_model)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_model(path: Path) -> AnswerabilityModel | None:
    """The model in ``path``, or None when there is none or it is of another format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return AnswerabilityModel(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
    except (OSError, ValueError, TypeError):
        return None


@lru_cache(maxsize=1)
def shipped_model() -> AnswerabilityModel | None:
    """The model shipped with the package (read once)."""
    return read_model(MODEL_FILE)


def fit(rows: list[dict[str, float]], labels: list[int], names: tuple[str, ...], l2: float = L2,
        **meta: str) -> AnswerabilityModel:
    """Fit an L2-penalised logistic regression by Newton's method (no dependency beyond numpy).

    ``labels``: 1 for an out-of-scope question, 0 for one the documents answer. Deterministic: the
    same rows give the same weights, so a refit is reviewable as a diff of the JSON.
    """
    if not rows or len(set(labels)) < 2:
        raise ValueError("fitting needs answered questions of both kinds (in scope and out of scope)")
    x = np.array([[r[n] for n in names] for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0  # a constant feature carries no evidence; keep it harmless
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], 1.0 / l2)
    penalty[0] = 0.0  # the intercept is not penalised
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return AnswerabilityModel(features=tuple(names), mean=tuple(float(v) for v in mean),
                              scale=tuple(float(v) for v in scale), weights=tuple(float(v) for v in w[1:]),
                              intercept=float(w[0]), model=meta.get("model", ""),
                              second_model=meta.get("second_model", ""), trained_on=meta.get("trained_on", ""))
