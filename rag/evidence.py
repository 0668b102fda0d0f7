"""Evidence features of an answer about to be given, for the answerability model (rag/answerability.py).

Each hand-made refusal check reads one signal: word coverage, the best cosine, whether the
quoted passage has the asked figure, whether another law of the reference library matches
better. Out-of-scope questions that slip past all of them ("法院发来的司法建议，多少天之内反馈",
"国家赔偿 被错误拘留一天赔多少钱") are weak on several at once; a logistic model over all of
them together tells those from answerable questions better than any single bar.

Only called for an answer ``answering._compose_single`` is about to give, so the features
describe the quoted passage as well as the search.
"""

from __future__ import annotations

import re

from .answering import content_tokens, frame_words, overlap, query_weights
from .intent import NUMBER_RE, figure_pattern
from .records import Hit
from .reference import held_and_outside
from .search import Retriever

TOP_CLAUSES = 3  # the clauses whose words count as found, as in ``answering.confidence``
SENTENCE_ENDS = "。；;"
NO_LIBRARY_RATIO = 1.5  # the held-to-outside score ratio when no outside law matches at all
LIBRARY_SCORE_SCALE = 40.0  # raw BM25 of the library, capped and scaled to 0 … 1
NO_LIBRARY_MARGIN = -0.1  # the title-minus-corpus cosine margin when no outside law matches
RANK_CAP = 5  # the quoted clause's rank among the hits, capped


def _share(weights: list[float], total: float) -> float:
    return sum(weights) / total if total > 0 else 0.0


def figure_sentence_overlap(body: str, pattern: re.Pattern[str], weights: dict[str, float], retriever: Retriever) -> float:
    """The best overlap of the question's words with a sentence of ``body`` that carries a figure.

    For a number question: "法院发来的司法建议，多少天之内反馈" quoted 行政诉讼法第八十五条, whose sentence
    with 十五日内 is about 上诉, not 司法建议.
    """
    best = 0.0
    for m in pattern.finditer(body):
        start = max(body.rfind(c, 0, m.start()) for c in SENTENCE_ENDS) + 1
        ends = [i for i in (body.find(c, m.end()) for c in SENTENCE_ENDS) if i >= 0]
        sentence = body[start:min(ends) if ends else len(body)]
        found = set(retriever.tokenizer.tokenize(sentence)) | {t for t in weights if len(t) >= 2 and t in sentence}
        best = max(best, overlap(weights, found))
    return best


def library_evidence(question: str, dense: float, retriever: Retriever) -> tuple[float, float, float]:
    """(held-to-outside score ratio, outside score, title margin) from the reference library.

    A question about 国家赔偿 matches 国家赔偿法 in the library far better than any law the corpus
    holds; ``answering.out_of_corpus`` refuses only past a fixed ratio, here the ratio is one feature.
    Without a library (a checkout without ../shared) the no-match values stand in.
    """
    best_held, outside = held_and_outside(retriever.library_matches(question), retriever.held_laws)
    if not outside or outside[0][1] <= 0:
        return NO_LIBRARY_RATIO, 0.0, NO_LIBRARY_MARGIN
    title, score = outside[0]
    return (min(NO_LIBRARY_RATIO, best_held / score), min(score, LIBRARY_SCORE_SCALE) / LIBRARY_SCORE_SCALE,
            retriever.title_similarity(question, title) - dense)


def features(question: str, intent: str, hits: list[Hit], body: str, quoted: Hit,
             conf: dict[str, float], retriever: Retriever) -> dict[str, float]:
    """The evidence that the passage ``body`` of ``quoted`` answers ``question`` (names: ``FEATURES``).

    ``conf``: ``answering.confidence`` of the same hits; ``intent``: the intent's kind.
    """
    words = retriever.word_weights
    weights = query_weights(question, retriever)
    found_in_body = set(retriever.tokenizer.tokenize(body)) | {t for t in weights if len(t) >= 2 and t in body}
    generic = frame_words(retriever)
    specific = {t: w for t, w in weights.items() if t not in generic}
    asked = content_tokens(retriever.tokenizer.tokenize(question))
    idf = [words.idf.get(t, words.unseen) for t in asked]
    total = sum(idf)
    top: set[str] = set()
    for h in hits[:TOP_CLAUSES]:
        top |= words.clause_tokens.get(h.clause.clause_id, frozenset())
    clause_text = quoted.clause.text
    in_clause = words.clause_tokens.get(quoted.clause.clause_id, frozenset())
    missing_top = [w for t, w in zip(asked, idf, strict=True) if t not in top and not (len(t) >= 2 and t in clause_text)]
    missing_clause = [w for t, w in zip(asked, idf, strict=True) if t not in in_clause and not (len(t) >= 2 and t in clause_text)]
    missing_body = [w for t, w in zip(asked, idf, strict=True) if not (t in found_in_body or t in body)]
    first = hits[0]
    rank = next((i for i, h in enumerate(hits) if h.clause.clause_id == quoted.clause.clause_id), len(hits))
    best_bm25 = max((h.legs.get("bm25", 0.0) for h in hits), default=0.0)
    number = intent == "number"
    specific_overlap = overlap(specific, found_in_body) if specific else 0.0
    sentence = 0.0
    if number and specific:
        sentence = figure_sentence_overlap(body, figure_pattern(question) or NUMBER_RE, specific, retriever)
    ratio, score, margin = library_evidence(question, conf["dense"], retriever)
    return {
        "coverage": conf["coverage"],
        "unseen_share": conf["unseen"],
        "best_cosine": conf["dense"],
        "best_bm25": conf["bm25"],
        "unanimous": conf["unanimous"],
        "first_legs": float(len(first.firsts)),
        "top_gap": (first.score - hits[1].score) / first.score if len(hits) > 1 and first.score > 0 else 1.0,
        "body_overlap": overlap(weights, found_in_body),
        "body_overlap_specific": specific_overlap,
        "missing_top_max_idf": max(missing_top, default=0.0),
        "missing_top_share": _share(missing_top, total),
        "missing_clause_share": _share(missing_clause, total),
        "missing_body_max_idf": max(missing_body, default=0.0),
        "missing_body_share": _share(missing_body, total),
        "unseen_words": float(sum(1 for t in asked if t not in words.idf and len(t) >= 2)),
        "quoted_first": 1.0 if rank == 0 else 0.0,
        "quoted_plan_item": 1.0 if quoted.clause.kind == "plan_item" else 0.0,
        "quoted_rank": min(rank, RANK_CAP) / RANK_CAP,
        "quoted_bm25_share": quoted.legs.get("bm25", 0.0) / best_bm25 if best_bm25 else 0.0,
        "quoted_cosine": quoted.legs.get("dense", 0.0),
        "quoted_second_cosine": quoted.legs.get("second", 0.0),
        "best_second_cosine": max((h.legs.get("second", 0.0) for h in hits), default=0.0),
        "quoted_legs_first": float(len(quoted.firsts)),
        "library_held_ratio": ratio,
        "library_score": score,
        "library_title_margin": margin,
        "number_sentence_overlap": sentence,
        "number_overlap_specific": specific_overlap if number else 0.0,
        "number_coverage": conf["coverage"] if number else 0.0,
        "intent_general": 1.0 if intent == "general" else 0.0,
        "intent_number": 1.0 if number else 0.0,
        "intent_responsibility": 1.0 if intent == "responsibility" else 0.0,
    }


FEATURES = (
    "coverage", "unseen_share", "best_cosine", "best_bm25", "unanimous", "first_legs", "top_gap",
    "body_overlap", "body_overlap_specific", "missing_top_max_idf", "missing_top_share", "missing_clause_share",
    "missing_body_max_idf", "missing_body_share", "unseen_words", "quoted_first", "quoted_plan_item",
    "quoted_rank", "quoted_bm25_share", "quoted_cosine", "quoted_second_cosine", "best_second_cosine",
    "quoted_legs_first", "library_held_ratio", "library_score", "library_title_margin",
    "number_sentence_overlap", "number_overlap_specific", "number_coverage",
    "intent_general", "intent_number", "intent_responsibility",
)
