"""Fusing the BM25 and dense rankings into one clause ranking.

Pure functions over ``{clause_id: score}`` maps so they are easy to test and to
compare in the eval (RRF vs weighted sum of normalised scores).
"""

from __future__ import annotations


def ranks(scores: dict[str, float]) -> dict[str, int]:
    """1-based ranks, best first; ties keep insertion order."""
    ordered = sorted(scores.items(), key=lambda kv: -kv[1])
    return {cid: i for i, (cid, _) in enumerate(ordered, start=1)}


def rrf(legs: dict[str, dict[str, float]], weights: dict[str, float], k: int = 60) -> dict[str, float]:
    """Reciprocal-rank fusion: sum of weight / (k + rank) over the legs that found a clause."""
    fused: dict[str, float] = {}
    for name, scores in legs.items():
        w = weights.get(name, 1.0)
        for cid, r in ranks(scores).items():
            fused[cid] = fused.get(cid, 0.0) + w / (k + r)
    return fused


def minmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-12:
        return {cid: 1.0 for cid in scores}
    return {cid: (s - lo) / (hi - lo) for cid, s in scores.items()}


def weighted(legs: dict[str, dict[str, float]], weights: dict[str, float]) -> dict[str, float]:
    """Weighted sum of min-max normalised scores; a leg that missed a clause adds 0."""
    fused: dict[str, float] = {}
    for name, scores in legs.items():
        w = weights.get(name, 1.0)
        for cid, s in minmax(scores).items():
            fused[cid] = fused.get(cid, 0.0) + w * s
    return fused
