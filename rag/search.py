"""Hybrid retrieval: BM25, dense, second-model and latent-term legs over chunks, aggregated to clauses and fused.

Sub-chunks of one clause count once: each leg scores a clause by its best
chunk, the legs are fused at clause level, and the best-matching sentence is
kept for highlighting.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import TypeVar

import numpy as np

from .adapter import QueryAdapter, leg_adapters
from .config import Config
from .deadlines import Frame, asks_period, frame_match, frames, named_period, split_question
from .errors import UsageError
from .expansion import (
    asks_about_term,
    defined_terms,
    expand,
    has_figure,
    law_subject,
    spell_out,
    translations,
    wants_figure,
    wants_plan,
)
from .fusion import rrf, weighted
from .index import LoadedIndex, load_index, second_in_use, sparse_in_use
from .intent import (
    PERMISSION_MODAL_RE,
    SCOPE_CLAUSE_RE,
    asks_in_force,
    asks_scope,
    breached_articles,
    defines_only,
    imposes_sanction,
    opening_asked,
    permission_asked,
    states_own_force,
    states_purpose,
    term_asked,
    wants_definition,
    wants_penalty,
)
from .lookup import ClauseLookup
from .records import Clause, Hit
from .reference import MIN_SCORE, ReferenceLibrary, held_keys, outside_law
from .selection import top_n
from .tokenization import content_tokens

MODES = ("hybrid", "bm25", "dense", "second", "sparse")
QUERY_VECTORS_KEPT = 64
_T = TypeVar("_T")
# How much farther in meaning (cosine) a reference-library law's title may be from the question than the
# corpus' best clause, for the law to be named (Retriever.outside_law). On dev and the tuning set, the
# apt library laws lie from 0.055 below to 0.048 above; the stray ones 0.004 to 0.076 below.
LIBRARY_TITLE_MARGIN = 0.03
OPENING_ARTICLES = 5  # where a statute says what it covers ("……，适用本法"): 第二条 or 第三条, rarely later
W_TERMS = 0.5  # a document term for the colloquial act asked about, against the act's own words (1)
PERMISSION_WINDOW = 12  # characters after 可以/不得 in which the act asked about must be written
# Leading clauses the period and permission routes read: the legs have found the subject; a route tells
# apart the clauses about it (Retriever._period_route, Retriever._permission_route).
ROUTE_CANDIDATES = 20
SANCTION_LEAD = 0.01  # how far above the rule it sanctions a sanction article is put (a share of the rule's score)
SECOND_MISSING = ("索引中没有所配置的第二路向量模型的向量：请运行 `rag build`（会按 RAG_SECOND_MODEL / --second-model 计算），"
                  "或把第二路权重设为 0（RAG_SECOND_WEIGHT=0 / --second-weight 0）。")


@dataclass
class Scope:
    """Which documents a search may return: all, the plan, the regulations, or some doc ids."""

    name: str = "all"  # "all" | "plan" | "regulations" | "doc"
    doc_ids: tuple[str, ...] = ()


GROUP_SCOPES = {"all": "all", "plan": "plan", "regulations": "regulations",
                "全部文件": "all", "仅工作计划": "plan", "仅法律法规": "regulations"}


def resolve_scope(value: str | None, documents: list[tuple[str, str, str]]) -> Scope:
    """A scope from a name: all/plan/regulations (or their Chinese labels), or a document.

    ``documents`` is (doc_id, short, title) for each indexed document; a document
    is named by id (optionally ``doc:<id>``), short name or title. Raises
    ValueError naming the choices, for the CLI and the web page alike.
    """
    name = str(value or "all").strip()
    if name in GROUP_SCOPES:
        return Scope(name=GROUP_SCOPES[name])
    key = name.removeprefix("doc:").strip().strip("《》")
    ids = tuple(d for d, short, title in documents if key in (d, short, title, title.removeprefix("中华人民共和国")))
    if not ids:
        names = "、".join(short for _, short, _ in documents) or "（尚无文件）"
        raise UsageError(f"没有名为“{name}”的文件或范围。可用：all、plan、regulations，或文件简称：{names}")
    return Scope(name="doc", doc_ids=ids)


@dataclass(frozen=True)
class WordWeights:
    """How telling each word is (IDF over clauses), and each clause's words."""

    idf: dict[str, float]
    unseen: float  # the IDF of a word no clause has
    clause_tokens: dict[str, frozenset[str]]

    @classmethod
    def of(cls, clause_tokens: dict[str, frozenset[str]]) -> WordWeights:
        df = Counter(chain.from_iterable(clause_tokens.values()))
        n = max(1, len(clause_tokens))
        idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        return cls(idf=idf, unseen=math.log(1 + (n + 0.5) / 0.5), clause_tokens=clause_tokens)


class Retriever:
    """Loads an index once and answers searches against it (thread-safe for reads)."""

    def __init__(self, cfg: Config, index: LoadedIndex | None = None) -> None:
        from .tokenization import Tokenizer

        self.cfg = cfg
        self.index = index or load_index(cfg)
        self.clauses: dict[str, Clause] = {c.clause_id: c for c in self.index.clauses}
        self.tokenizer = Tokenizer(self.index.user_words)
        self.lookup = ClauseLookup(self.index.clauses)
        chunk_clause = [ch.clause_id for ch in self.index.chunks]
        ids = list(dict.fromkeys(chunk_clause))  # first-seen order, in linear time
        self._clause_pos = {cid: i for i, cid in enumerate(ids)}
        self._clause_ids = ids
        self._chunk_to_clause = np.array([self._clause_pos[c] for c in chunk_clause], dtype=np.int64)
        # Documents as small integer codes: a scope mask is then one table lookup per chunk,
        # where comparing 200,000 strings took ~70 ms a search on a large corpus.
        doc_of_chunk = [c.split("#", 1)[0] for c in chunk_clause]
        self._doc_code = {d: i for i, d in enumerate(dict.fromkeys(doc_of_chunk))}
        self._chunk_doc = np.array([self._doc_code[d] for d in doc_of_chunk], dtype=np.int32)
        self._clause_chunks: dict[str, list[int]] = {}
        for i, cid in enumerate(chunk_clause):
            self._clause_chunks.setdefault(cid, []).append(i)
        self._encoder = None
        self._second_encoder = None
        self._encoder_lock = threading.Lock()
        # what was computed for the last few queries: vectors, and the reference library's matches
        self._query_vectors: OrderedDict[tuple[str, str], object] = OrderedDict()
        self.plan_docs = set(self.lookup.plan_docs)
        self._defined: dict[str, frozenset[str]] = {}
        self._defines_only: dict[str, bool] = {}
        self._own_force: dict[str, bool] = {}
        self._subjects: dict[str, frozenset[str]] = {}
        self._openings: dict[tuple[str, str], str | None] = {}
        self._frames: dict[str, list[Frame]] = {}
        self._title_vectors: dict[str, np.ndarray] = {}

    # -- the reference library ------------------------------------------------------------------

    @cached_property
    def reference(self) -> ReferenceLibrary | None:
        """Other laws, to recognise questions about them (rag/reference.py); None when off or not built."""
        if self.cfg.reference is None:
            return None
        return ReferenceLibrary.load(self.cfg.index_dir)

    @cached_property
    def held_laws(self) -> set[str]:
        docs = self.index.manifest.documents.values()
        return held_keys([name for d in docs for name in (d.title, d.short)])

    @cached_property
    def word_weights(self) -> WordWeights:
        """Each clause's words and every word's IDF over clauses, read once per index generation."""
        from .index import read_clause_tokens

        clauses = self.index.clauses
        # The build stored every clause's tokens; cutting 67,000 clauses again took a minute at load.
        stored = read_clause_tokens(self.index.folder, self.tokenizer.fingerprint)
        if stored is None or len(stored) != len(clauses):
            stored = [frozenset(self.tokenizer.tokenize(c.text)) for c in clauses]
        return WordWeights.of({c.clause_id: toks for c, toks in zip(clauses, stored, strict=True)})

    @cached_property
    def sanctions_for(self) -> dict[str, tuple[str, ...]]:
        """Clause id → the ids of the articles of its law that sanction breaking it (``breached_articles``)."""
        out: dict[str, list[str]] = {}
        for clause in self.index.clauses:
            for number in breached_articles(clause):
                rule = self.lookup.article(clause.doc_id, number)
                if rule:
                    out.setdefault(rule, []).append(clause.clause_id)
        return {cid: tuple(ids) for cid, ids in out.items()}

    @cached_property
    def law_subjects(self) -> dict[str, str]:
        """Document id → what the law is named after (行政诉讼法 → 行政诉讼), for laws named "……法" / "……条例"."""
        docs = self.index.manifest.documents.items()
        return {doc_id: subject for doc_id, entry in docs if (subject := law_subject(entry.short))}

    @cached_property
    def subject_forms(self) -> dict[str, tuple[str, ...]]:
        """Document id → how a question may name what the law is about: 行政复议 and 复议, 信访."""
        return {doc_id: (subject, subject[2:]) if subject.startswith("行政") and len(subject) >= 4 else (subject,)
                for doc_id, subject in self.law_subjects.items()}

    def subject_docs(self, question: str) -> frozenset[str]:
        """The laws whose subject the question names without naming the law ("复议期间……" → 行政复议法)."""
        return frozenset(d for d, forms in self.subject_forms.items() if any(f in question for f in forms))

    def outside_law(self, question: str, min_score: float = MIN_SCORE, dense: float = 0.0) -> str:
        """The law outside the corpus that ``question`` is about, by the reference library ("" for none).

        ``min_score``: how well that law must match (raw BM25) to be named at all.
        ``dense``: the best cosine of the question with the corpus (0 without a dense leg). The
        library matches words only, and everyday words stray: "拉肚子" found 人体损伤程度鉴定标准,
        "城管局……证明" 看守所条例. A law is named only when the question is about as near in meaning
        to its title as to the corpus' best clause (``LIBRARY_TITLE_MARGIN``).
        """
        if self.reference is None:
            return ""
        law = outside_law(self.library_matches(question), self.held_laws, min_score=min_score)
        if law and dense > 0 and self.title_similarity(question, law) < dense - LIBRARY_TITLE_MARGIN:
            return ""
        return law

    def library_matches(self, question: str) -> list[tuple[str, float]]:
        """(law title, BM25 score) of the reference library's clauses nearest to the question, as expanded for
        the search; [] without a library. Kept like the query vectors: the answerability features ask again."""
        library = self.reference
        if library is None:
            return []
        return self._remembered(
            "library", question, lambda: library.nearest(expand(question) if self.cfg.expand_queries else question))

    def title_similarity(self, question: str, title: str) -> float:
        """Cosine of the question with a law's title, both by the main model (titles embedded once each)."""
        vector = self._title_vectors.get(title)
        if vector is None:
            vector = self._title_vectors[title] = self.encoder.encode_passages([title])[0]
        return float(vector @ self.query_vector(question))

    # -- legs -----------------------------------------------------------------------------------

    @cached_property
    def _adapters(self) -> tuple[QueryAdapter | None, QueryAdapter | None]:
        return leg_adapters(self.cfg.query_adapter, self.cfg.model, self.cfg.second_model)

    @property
    def query_adapter(self) -> QueryAdapter | None:
        """The dense leg's question adapter (rag/adapter.py), or None."""
        return self._adapters[0]

    @property
    def second_adapter(self) -> QueryAdapter | None:
        """The second leg's question adapter: a file given for the main model leaves this leg without one."""
        return self._adapters[1]

    @property
    def encoder(self):
        """The main embedding model (Config.model), loaded on first use."""
        return self._loaded("_encoder", self.cfg.model)

    @property
    def second_encoder(self):
        """The second dense leg's model (Config.second_model), loaded on first use."""
        return self._loaded("_second_encoder", self.cfg.second_model)

    def _loaded(self, attr: str, model: str):
        if getattr(self, attr) is None:
            with self._encoder_lock:
                if getattr(self, attr) is None:
                    from .embedding import load_encoder

                    setattr(self, attr, load_encoder(model))
        return getattr(self, attr)

    def allowed_docs(self, scope: Scope | None) -> set[str] | None:
        if scope is None or scope.name == "all":
            return None
        all_docs = set(self.index.manifest.documents)
        if scope.name == "plan":
            return set(self.plan_docs)
        if scope.name == "regulations":
            return all_docs - self.plan_docs
        return set(scope.doc_ids) & all_docs

    def _mask(self, allowed: set[str] | None) -> np.ndarray | None:
        if allowed is None:
            return None
        wanted = np.zeros(len(self._doc_code) + 1, dtype=bool)
        wanted[[self._doc_code[d] for d in allowed if d in self._doc_code]] = True
        return wanted[self._chunk_doc]

    def bm25_chunks(self, query: str, mask: np.ndarray | None) -> np.ndarray:
        scores = self.index.lexical.scores(self.tokenizer.tokenize(query))
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        return scores

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding; the last few are kept, as the answer layer asks again for the same one."""
        return self._remembered("dense", query, lambda: self.encoder.encode_queries([self._model_text(query)])[0])

    def query_second(self, query: str) -> np.ndarray:
        """The query's embedding by the second model."""
        return self._remembered("second", query, lambda: self.second_encoder.encode_queries([self._model_text(query)])[0])

    def query_sparse(self, query: str) -> np.ndarray:
        """The query's latent-term vector, over the features of the index's sparse leg."""
        sparse = self.index.sparse
        return self._remembered(
            "sparse", query, lambda: sparse.query_vector(self.encoder.encode_sparse([self._model_text(query)])[0]))

    def _model_text(self, query: str) -> str:
        """What a model encodes for ``query``: its government shorthand spelt out (the models cannot read it).

        Here, where text becomes a vector, so the search and the answer layer's sentence and title
        similarities read the same text and share one encoding.
        """
        return spell_out(query) if self.cfg.expand_queries else query

    def _remembered(self, kind: str, query: str, compute: Callable[[], _T]) -> _T:
        key = (kind, query)
        with self._encoder_lock:
            qv = self._query_vectors.get(key)
            if qv is not None:
                self._query_vectors.move_to_end(key)
                return qv
        qv = compute()
        with self._encoder_lock:
            self._query_vectors[key] = qv
            while len(self._query_vectors) > QUERY_VECTORS_KEPT:
                self._query_vectors.popitem(last=False)
        return qv

    @property
    def has_sparse(self) -> bool:
        """Whether searches use the latent-term leg: the index has it and its weight is not 0."""
        return sparse_in_use(self.index.manifest, self.cfg)  # loading guarantees index.sparse then

    @property
    def has_second(self) -> bool:
        """Whether searches use the second dense leg: the index has it, for the configured model, at a weight above 0."""
        return second_in_use(self.index.manifest, self.cfg)

    def _model_leg(self, index, vector: np.ndarray, adapter: QueryAdapter | None, k: int,
                   mask: np.ndarray | None) -> tuple[dict[str, float], dict[str, int], dict[str, float] | None]:
        """One embedding leg: (clause scores, best sentence chunks, plain cosines or None without an adapter).

        An adapter decides the ranking; the plain model's cosines are what the hits report and what
        abstention reads, over the plain model's own nearest chunks too.
        """
        if adapter is None:
            ids, sims = index.search(vector, k, mask)
            scores, best = self._best_per_clause(ids, sims)
            return scores, best, None
        ids, sims = index.search(adapter.apply(vector), k, mask)
        scores, best = self._best_per_clause(ids, sims)
        plain_ids, plain_sims = index.search(vector, k, mask)
        stored, found = index.vectors(ids.tolist())
        pos = {c: i for i, c in enumerate(ids.tolist())}
        again = np.zeros(len(ids), dtype=np.float32)
        if found:
            again[[pos[c] for c in found]] = stored @ vector
        plain, _ = self._best_per_clause(np.concatenate([plain_ids, ids]), np.concatenate([plain_sims, again]))
        return scores, best, plain

    def sentence_similarities(self, query: str, clause_id: str) -> dict[str, float]:
        """Cosine of the query with each embedded sentence of one clause (sentence text → cosine).

        Empty when the index holds clause vectors only: the answer layer then goes by words alone.
        """
        ids = [i for i in self._clause_chunks.get(clause_id, []) if self.index.chunks[i].sentence]
        if not ids:
            return {}
        vectors, found = self.index.dense.vectors(ids)
        if not found:
            return {}
        sims = vectors @ self.query_vector(query)
        return {self.index.chunks[i].sentence: float(s) for i, s in zip(found, sims.tolist(), strict=True)}

    # -- search ---------------------------------------------------------------------------------

    def _best_per_clause(self, chunk_ids: np.ndarray, scores: np.ndarray) -> tuple[dict[str, float], dict[str, int]]:
        """Each clause's score is its best chunk's; also returns each clause's best *sentence* chunk.

        The sentence is kept apart from the score because the whole-clause chunk often
        wins the score while the user still needs the sentence that matched highlighted.
        """
        best: dict[str, float] = {}
        best_sentence: dict[str, tuple[float, int]] = {}
        chunks = self.index.chunks
        for cid_idx, s in zip(chunk_ids.tolist(), scores.tolist(), strict=True):
            cid = self._clause_ids[self._chunk_to_clause[cid_idx]]
            if cid not in best or s > best[cid]:
                best[cid] = float(s)
            if chunks[cid_idx].sentence and (cid not in best_sentence or s > best_sentence[cid][0]):
                best_sentence[cid] = (float(s), int(cid_idx))
        return best, {cid: idx for cid, (_, idx) in best_sentence.items()}

    def search(self, query: str, k: int | None = None, mode: str | None = None, scope: Scope | None = None,
               embed: str | None = None) -> list[Hit]:
        """The best clauses for ``query``, best first; named clauses come first.

        ``embed``: the text the model legs embed, when not ``query`` itself. A two-part question
        searches its plan part's words with the whole question's vectors, embedded once for both parts.
        """
        k = k or self.cfg.top_k
        embed = embed or query
        mode = mode or self.cfg.mode
        if mode not in MODES:
            raise UsageError(f"未知的检索模式 {mode!r}，可选：{', '.join(MODES)}")
        if mode == "sparse" and self.index.sparse is None:
            raise UsageError("索引中没有潜在词向量：请在 RAG_SPARSE_WEIGHT 大于 0 时用默认模型运行 `rag build`。")
        if mode == "second" and not self.has_second:
            raise UsageError(SECOND_MISSING)
        allowed = self.allowed_docs(scope)
        mask = self._mask(allowed)
        # The depth each leg is read to must not grow with k: min-max normalisation runs over what was
        # read, so a deeper read lowered every floor and reordered the top ("信访工作今年怎么抓" put
        # plan item （二十） first when 30 clauses were asked for, 信访工作条例第四十一条 when 5 were).
        n_cand = max(self.cfg.candidates, k)
        legs: dict[str, dict[str, float]] = {}
        best_chunk: dict[str, dict[str, int]] = {}
        plain: dict[str, dict[str, float]] = {}  # the plain model's cosines of the legs an adapter ranks
        if mode in ("hybrid", "bm25"):
            lexical_query = expand(query) if self.cfg.expand_queries else query
            scores = self.bm25_chunks(lexical_query, mask)
            top = top_n(scores, n_cand * 3)
            top = top[scores[top] > 0]
            legs["bm25"], best_chunk["bm25"] = self._best_per_clause(top, scores[top])
        if mode in ("hybrid", "dense"):
            legs["dense"], best_chunk["dense"], plain_dense = self._model_leg(
                self.index.dense, self.query_vector(embed), self.query_adapter, n_cand * 3, mask)
            if plain_dense is not None:
                plain["dense"] = plain_dense
        if mode == "second" or (mode == "hybrid" and self.has_second):
            legs["second"], best_chunk["second"], plain_second = self._model_leg(
                self.index.second, self.query_second(embed), self.second_adapter, n_cand * 3, mask)
            if plain_second is not None:
                plain["second"] = plain_second
        if mode == "sparse" or (mode == "hybrid" and self.has_sparse):
            ids, sims = self.index.sparse.search(self.query_sparse(embed), n_cand * 3, mask)
            legs["sparse"], best_chunk["sparse"] = self._best_per_clause(ids, sims)
        weights = {"bm25": self.cfg.bm25_weight, "dense": self.cfg.dense_weight, "sparse": self.cfg.sparse_weight,
                   "second": self.cfg.second_weight}
        if len(legs) == 1:
            fused = next(iter(legs.values()))
        elif self.cfg.fusion == "weighted":
            fused = weighted(legs, weights)
        else:
            fused = rrf(legs, weights, k=self.cfg.rrf_k)
        asked_term = term_asked(query) if self.cfg.definition_boost else ""
        for cid in self.subject_articles(asked_term) if asked_term else ():
            # "什么是行政诉讼": no article defines it, and no word of 行政诉讼法第二条 is 行政诉讼, so the
            # legs may not find it; it is what the law itself says it is about, and the route puts it first.
            if cid not in fused and (allowed is None or self.clauses[cid].doc_id in allowed):
                fused[cid] = 0.0
        scale = max(fused.values()) if fused else 1.0
        penalty = bool(self.cfg.penalty_boost) and wants_penalty(query)
        fused = self._route(query, fused, scale=scale, asked_term=asked_term, penalty=penalty)
        if self.cfg.period_boost and asks_period(query):
            fused = self._period_route(query, fused, scale)
        if self.cfg.permission_boost:
            fused = self._permission_route(query, fused, scale)
        if penalty:
            fused = self._sanction_route(fused)
        named = self.lookup.resolve(query, allowed)
        opening = opening_asked(query) if self.cfg.opening_route and not named else ""
        if opening:
            # "行政诉讼法的立法目的是什么" names the article that states it, as "第一条" would.
            named = [cid for cid in (self.opening_clause(query, opening, allowed),) if cid]
        if not named:
            # "第四十六条规定的起诉期限": the article is named but not its law; the words pick among the laws that have it.
            _, candidates = self.lookup.ambiguous(query, allowed)
            best = max((cid for cid in candidates if cid in fused), key=fused.__getitem__, default=None)
            named = [best] if best else []
        order = sorted(fused, key=lambda cid: -fused[cid])
        order = named + [cid for cid in order if cid not in named]
        top_score = max(fused.values()) if fused else 1.0
        # Which clause each leg puts first is evidence for abstention (``unanimous``): by the plain cosine too.
        reported = {**legs, **plain}
        nearest = max(reported.get("dense", {}).values(), default=0.0)
        leaders = {name: max(scores, key=scores.__getitem__) for name, scores in reported.items() if scores}
        hits: list[Hit] = []
        for cid in order[:k]:
            clause = self.clauses[cid]
            leg_scores = {name: reported[name].get(cid, 0.0) for name in legs}
            if cid in named:
                leg_scores["lookup"] = 1.0
            score = fused.get(cid, 0.0) if cid not in named else max(top_score, fused.get(cid, 0.0))
            chunk_idx = None
            for name in ("dense", "bm25", "second", "sparse"):
                if name in best_chunk and cid in best_chunk[name]:
                    chunk_idx = best_chunk[name][cid]
                    break
            firsts = tuple(name for name, leader in leaders.items() if leader == cid)
            hits.append(Hit(clause=clause, score=score, sentence=self._sentence(chunk_idx), legs=leg_scores, firsts=firsts,
                            nearest=nearest))
        return hits

    def _route(self, query: str, fused: dict[str, float], scale: float, asked_term: str = "",
               penalty: bool = False) -> dict[str, float]:
        """Nudge the fused scores by what the question is about (plan, a named law, a figure, a definition, a sanction).

        ``asked_term``: the term a definition question asks about (``term_asked``), and ``penalty``: whether it
        asks the sanction (``wants_penalty``, with the boost on), both worked out once by ``search``.
        """
        named_doc = self.lookup.find_doc(query) if self.cfg.doc_boost else None
        plan = wants_plan(query, names_law=bool(named_doc) and named_doc not in self.plan_docs) and self.cfg.plan_boost
        figure = wants_figure(query) and self.cfg.figure_boost
        definition = wants_definition(query) and self.cfg.definition_boost
        subjects = self.subject_docs(query) if self.cfg.subject_boost and not named_doc else frozenset()
        demote = self.cfg.scope_demotion if self.cfg.scope_demotion and not asks_scope(query) else 0.0
        # A commencement article is demoted as a scope article is, for sharing a repealed law's name.
        late = self.cfg.scope_demotion if self.cfg.scope_demotion and not asks_in_force(query) else 0.0
        if not (plan or figure or named_doc or definition or penalty or subjects or demote or late):
            return fused
        out: dict[str, float] = {}
        for cid, s in fused.items():
            clause = self.clauses[cid]
            if plan and clause.doc_id in self.plan_docs:
                s += self.cfg.plan_boost * scale
            if clause.doc_id in subjects:
                s += self.cfg.subject_boost * scale
            if named_doc and clause.doc_id == named_doc:
                s += self.cfg.doc_boost * scale
            if figure and has_figure(clause.text):
                s += self.cfg.figure_boost * scale
            if definition and (asks_about_term(query, self.defined_terms(cid))
                               or (asked_term and cid in self.subject_articles(asked_term))):
                s += self.cfg.definition_boost * scale
            if penalty:
                s += self.cfg.penalty_boost * scale * imposes_sanction(clause)
            if demote and self.defines_only(cid):
                s -= demote * scale
            if late and self.own_force(cid):
                s -= late * scale
            out[cid] = s
        return out

    def _period_route(self, query: str, fused: dict[str, float], scale: float) -> dict[str, float]:
        """Raise the leading clauses whose period is for what the question asks (rag/deadlines.py).

        Only the ``ROUTE_CANDIDATES`` best are read: the legs have found the subject; this tells
        apart the clauses about it by what their periods are for.
        """
        weights = self._substring_weights
        before, after = split_question(query)
        after_words, either_side = weights(after), False
        if not after_words:
            # "起诉期限是多久": the period's name is the act (起诉), on either side of a clause's period.
            before, act = named_period(query)
            after_words, either_side = weights(act), True
            if not after_words:
                return fused
        before_words = weights(before)
        out = dict(fused)
        for cid in heapq.nlargest(ROUTE_CANDIDATES, fused, key=fused.__getitem__):
            match = frame_match(before_words, after_words, self.frames(cid), either_side=either_side)
            if match:
                out[cid] += self.cfg.period_boost * scale * match
        return out

    def _sanction_route(self, fused: dict[str, float]) -> dict[str, float]:
        """Put the article that sanctions breaking a leading rule just above that rule.

        "别家软件老弹窗骗用户卸载我们的App，会被怎么罚": the legs put 反不正当竞争法第十二条 (the rule) first;
        第二十四条 ("违反本法第十二条规定……处十万元以上……罚款") says what happens, in none of the question's words.
        """
        out = dict(fused)
        for cid in heapq.nlargest(ROUTE_CANDIDATES, fused, key=fused.__getitem__):
            for sanction in self.sanctions_for.get(cid, ()):
                own = out.get(sanction, 0.0)
                # its own score orders two articles that sanction the same rule (damages, then the fine)
                out[sanction] = max(own, fused[cid] * (1 + SANCTION_LEAD) + SANCTION_LEAD * own)
        return out

    def _permission_route(self, query: str, fused: dict[str, float], scale: float) -> dict[str, float]:
        """Raise the leading clauses that say with a modal whether the act asked about is allowed.

        "罚款能不能分期缴纳": 行政处罚法第六十六条 says "可以暂缓或者分期缴纳"; 第七十二条, which the legs
        put first, names 分期缴纳罚款 only as a case already approved.
        """
        act = permission_asked(query)
        if not act:
            return fused
        words = self._substring_weights(act)
        total = sum(words.values())
        # "政府能收钱吗": the documents say the act in their own terms ("不得收取任何费用"); each term the
        # colloquial expansion gives for it is one way of saying it, worth half the act's own words.
        terms = ([t for _, said in translations(act) for t in said.split() if len(t) >= 2]
                 if self.cfg.expand_queries else [])
        if total <= 0 and not terms:
            return fused
        out = dict(fused)
        for cid in heapq.nlargest(ROUTE_CANDIDATES, fused, key=fused.__getitem__):
            text = self.clauses[cid].text
            said = [text[m.end():m.end() + PERMISSION_WINDOW] for m in PERMISSION_MODAL_RE.finditer(text)]
            own = max((sum(w for t, w in words.items() if t in after) / total for after in said), default=0.0) if total else 0.0
            termed = W_TERMS if any(t in after for after in said for t in terms) else 0.0
            share = max(own, termed)
            if share:
                out[cid] += self.cfg.permission_boost * scale * share
        return out

    def _substring_weights(self, text: str) -> dict[str, float]:
        """IDF of the words of ``text`` that a route looks for as substrings of a clause's phrases.

        One-character words match too much as substrings; words no clause has cannot match.
        """
        idf = self.word_weights.idf
        return {t: idf[t] for t in content_tokens(self.tokenizer.tokenize(text)) if len(t) >= 2 and t in idf}

    def opening_clause(self, query: str, kind: str, allowed: set[str] | None) -> str | None:
        """The clause stating the purpose or the scope (``kind``) of the document the question names, or None."""
        doc = self.lookup.find_doc(query)
        if doc is None and "计划" in query and len(self.plan_docs) == 1:  # "计划是为什么制定的": the one plan held
            doc = next(iter(self.plan_docs))
        if doc is None or (allowed is not None and doc not in allowed):
            return None
        key = (doc, kind)
        if key not in self._openings:
            self._openings[key] = self._opening_article(doc, kind)
        return self._openings[key]

    def _opening_article(self, doc_id: str, kind: str) -> str | None:
        """Purpose: the first clause saying "为了……，制定本法". Scope: the first of the opening articles
        saying "……，适用本法", else 第二条, where statutes say what they cover after their purpose."""
        clauses = [c for c in self.index.clauses if c.doc_id == doc_id and c.kind in ("article", "paragraph")]
        if kind == "purpose":
            return next((c.clause_id for c in clauses if states_purpose(c.text)), None)
        articles = [c for c in clauses if c.kind == "article"][:OPENING_ARTICLES]
        found = next((c for c in articles if SCOPE_CLAUSE_RE.search(c.text)), None)
        found = found or next((c for c in articles if c.label == "第二条"), None)
        return found.clause_id if found else None

    def frames(self, clause_id: str) -> list[Frame]:
        """The periods a clause writes, with their phrases (rag/deadlines.py), cut once per clause and kept."""
        found = self._frames.get(clause_id)
        if found is None:
            found = self._frames[clause_id] = frames(self.clauses[clause_id].text)
        return found

    def defines_only(self, clause_id: str) -> bool:
        """Whether a clause only defines terms or scopes its law (``intent.defines_only``), read once and kept."""
        found = self._defines_only.get(clause_id)
        if found is None:
            found = self._defines_only[clause_id] = defines_only(self.clauses[clause_id].text)
        return found

    def own_force(self, clause_id: str) -> bool:
        """Whether a clause says from when its law applies (``intent.states_own_force``), read once and kept."""
        found = self._own_force.get(clause_id)
        if found is None:
            found = self._own_force[clause_id] = states_own_force(self.clauses[clause_id].text)
        return found

    def defined_terms(self, clause_id: str) -> frozenset[str]:
        """The terms a clause defines, read once per clause and kept (a definition question reads ~100)."""
        terms = self._defined.get(clause_id)
        if terms is None:
            terms = self._defined[clause_id] = defined_terms(self.clauses[clause_id].text)
        return terms

    def subject_articles(self, term: str) -> frozenset[str]:
        """The 第二条 of each law named after ``term`` that no article of it defines (kept per term).

        Statutes open with their purpose (第一条) and then say what they cover or define (第二条):
        行政诉讼法第二条 is who may sue, 行政复议法第二条 who may apply. "什么是行政诉讼" is best answered
        there, and was answered with 第六十一条 (a civil dispute joined to an administrative suit).
        Only the laws named after the term are read, so a large corpus pays nothing up front.
        """
        found = self._subjects.get(term)
        if found is None:
            laws = {d for d, subject in self.law_subjects.items() if subject == term}
            out: set[str] = set()
            for doc_id in laws:
                articles = [c for c in self.index.clauses if c.doc_id == doc_id and c.kind == "article"]
                second = next((c for c in articles if c.label == "第二条"), None)
                if second is not None and not any(asks_about_term(term, defined_terms(c.text)) for c in articles):
                    out.add(second.clause_id)
            found = self._subjects[term] = frozenset(out)
        return found

    def _sentence(self, chunk_idx: int | None) -> str:
        if chunk_idx is None:
            return ""
        chunk = self.index.chunks[chunk_idx]
        return chunk.sentence

