"""Composing the answer from retrieved clauses: extractive, cited, or an honest abstention.

The answer is built only from text of the clauses it cites (plus a few
connective words), and ends with their labels in parentheses:

* responsibility — the parsed 牵头单位 / 责任单位 of the best plan item;
* lookup — the named clause's text;
* number — the sentence carrying the figure (六十日, 60学时, 100%);
* general — the one to three sentences that best answer the question;
* two-part plan + law questions — one answer per part, citing both documents.

When the retrieval gives too little evidence (see ``confidence``), the answer is
“未在已收录的文件中找到依据。” with the nearest clauses in ``related``. The
optional LLM mode (``rag.generation``) rewrites the answer from the same
clauses and falls back to the extractive one whenever its reply cannot be trusted.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from .answerability import AnswerabilityModel, shipped_model
from .chunking import parse_units
from .cited import (
    citation_asked,
    citation_tells,
    cited_asked,
    cited_documents,
    cited_titles,
    describe_cited,
    names_title,
)
from .comparison import Comparison, compared
from .contacts import asks_for_contact, contact_note
from .docfacts import describe_fact, facts_asked, facts_missing, in_force_sentence
from .expansion import DEADLINE_TERMS, YEARS_TERMS, translations, wants_plan
from .index import DocEntry
from .intent import (
    NUMBER_CUE_RE,
    PLAN_CUE_RE,
    SCOPE_CLAUSE_RE,
    Intent,
    asked_parts,
    asks_conditions,
    asks_how_to_apply,
    asks_in_force,
    asks_list,
    asks_standard,
    case_asked,
    case_stated,
    detect_intent,
    figure_kind,
    figure_setter_sentence,
    gives_figure,
    has_figure_of,
    has_month_length,
    has_number,
    listed_noun,
    names_figure_setter,
    opening_asked,
    other_place_plan,
    other_year_plan,
    paragraphs_asked,
    past_results,
    rate_asked,
    responsibility_topic,
    restates_figure,
    states_conditions,
    states_list,
    states_no_fee,
    states_own_force,
    states_purpose,
    states_sanction,
    states_standard,
    term_asked,
    unknown_law,
    unstated_detail,
    wants_approval,
    wants_classification,
    wants_contents,
    wants_definition,
    wants_penalty,
    without_plan_name,
)
from .lawnames import is_subsequence, law_mentions
from .lookup import PLAN_WORDS
from .numerals import int_to_cn
from .outline import (
    ITEM_IN_SECTION_RE,
    describe_overview,
    describe_section,
    number_item,
    outline_asked,
    sections,
    topic_asked,
    topic_section,
)
from .records import Answer, Citation, Clause, Hit
from .reference import HINT_MIN_SCORE, MIN_SCORE, law_key, mentioned_law
from .search import Retriever, Scope
from .simplified import corpus_characters, to_simplified
from .smalltalk import reply as talk_reply
from .smalltalk import small_talk, strip_greeting
from .structure import (
    PROCEDURE_CUE_RE,
    STRUCTURE_CUE_RE,
    chapters,
    describe_chapter,
    describe_law,
    describe_procedures,
    procedure_asked,
    procedure_steps,
    structure_asked,
)
from .tokenization import QUESTION_WORDS, content_tokens, spelled_by
from .typos import correct_law_names, notice
from .units import (
    JOINT_RE,
    asked_units,
    describe,
    describe_shared,
    known_units,
    roles_asked,
    shared_tasks,
    tasks_of,
    units_named,
    unknown_unit,
)

NO_BASIS = "未在已收录的文件中找到依据。"
NO_BASIS_IN_SCOPE = "在当前的检索范围内没有找到依据。"

# -- abstention constants (calibrated on the dev split; cfg fields of the same name override) ----------
# A question is abstained on when the retrieval carries too little evidence: few of its content
# words (IDF-weighted) are found in the best clauses *and* the best dense cosine is low. Named
# clauses always answer; laws the corpus lacks, plans of other years and figures the candidate
# clauses do not carry abstain whatever the scores (see ``out_of_corpus``, ``missing_figure``).
ABSTAIN_MIN_COVERAGE = 0.6  # IDF-weighted share of the question's words found in the top clauses
ABSTAIN_MIN_DENSE = 0.88  # top cosine below this, with low coverage, abstains
ABSTAIN_MIN_COVERAGE_LEXICAL = 0.05  # the same share when there is no dense leg (``--mode bm25``)
PLAN_TOPIC_MIN_COVERAGE = 0.3  # share of a who-leads question's subject the plan item found first must have
# A figure's sentence must share this (weighted) share of a number question's words. 0.1 was set on dev
# while the generic deadline terms still counted; without them, 0.09 refuses as few answerable
# questions of the tune/train/per-clause sets as 0.1 did before and 5 more out-of-scope ones.
NUMBER_MIN_OVERLAP = 0.09
CREDIT_MIN_IDF = 3.0  # the least IDF of a document term that credits a colloquial phrase (``missing_figure``)
STRICT_CREDIT_MIN_IDF = 4.5  # … for a sum or a share: a rare term (贿赂, 混淆), never 罚款 or 费用
# The kinds of figure a colloquial phrase is not credited for (``missing_figure``): sums, shares, any figure.
STRICT_KINDS = frozenset({"money", "fee", "percent", ""})
# Figures a clause may leave to another body ("罚款的限额由国务院规定", "分级标准由国务院……制定"):
# asked for one of these, such a clause names who sets it, not the figure.
SETTER_KINDS = frozenset({"money", "fee", "percent", "people", "score", "age", "area", "items"})
# How often, too: "每年要学几次" shares 每年 with any yearly duty ("每年对信访工作情况进行考核").
FIGURE_FRAME_TERMS = "最长 最短 最多 最少 最高 最低 超过 不超过 不得 不少于 以内 以上 以下 多长 时间 小时 每年 每月 每季度 至少"

# -- sentence scoring weights (tuned on the dev split) ---------------------------------------------
W_RANK = 0.5  # prior from the clause's retrieval rank: 1 / (1 + rank)
W_LEXICAL = 1.0  # IDF-weighted share of the question's words in the sentence
W_HIT = 0.1  # the sentence the retriever matched best in that clause
W_CUE = 0.3  # the sentence carries what the intent asks for (a figure, a department)
FIGURE_LEAD = 1.05  # a clause this far ahead of the next is where a figure question's figure is quoted from
# A sentence that only hands the matter on ("……的具体办法，由国务院行政复议机构制定") shares the
# question's words but answers nothing, unless the question asks who sets the rules.
W_DELEGATION = 0.3
_DELEGATION_UNIT_RE = re.compile(r"办法[，,]?由[^。；]{0,40}(?:制定|规定)|另行规定")
_ASKS_RULE_MAKER_RE = re.compile(r"办法|制定|规定|谁定")
CANDIDATE_CLAUSES = 4  # how many top clauses offer sentences
# A second sentence of the same clause joins at this share of the best score. 0.85 (set on dev)
# left out the sentence that answers as often as the one quoted ("诉讼费用由败诉方承担" after
# "应当收取诉讼费用"); 0.7 was chosen on the tune, train and per-clause sets, dev unchanged.
SECOND_SENTENCE_RATIO = 0.7
MAX_NAMED = 3  # clauses a question names one by one ("第二十条和第四十六条") that are each answered
MAX_LIST_ITEMS = 8  # "下列事项……：" is followed by at most this many listed items
MAX_ANSWER_CHARS = 320
# "采取哪些措施" asks for the whole list: cut to its two best items, 突发事件应对法第六十七条 left out
# four of six measures. A list so asked may run this long before it is cut.
MAX_LIST_CHARS = 720
CASE_MIN_OVERLAP = 0.6  # share of the case's words (by IDF) a sentence's opening case must have to be that case
# A sub-question's own best unit joins the answer (``_cover_parts``) when it holds this share of the
# part's words, and at least as much as any unit already quoted (a tie: the words cannot tell which
# unit answers the part, and a second sentence costs less than a part left unanswered).
PART_MIN_OVERLAP = 0.1
PART_MARGIN = 0.0
_WHO_WORDS = frozenset({"牵头单位", "责任单位", "牵头部门", "责任部门", "主管部门", "牵头", "单位", "部门"})
EVIDENCE_MIN_WEIGHT = 5.0  # IDF of the question's words, beyond the item's title, that a quoted sentence of it holds
EVIDENCE_MIN_SHARE = 0.35  # … and their share of all such words
# A sub-question asking who ("换不换谁说了算", "报送给谁") is answered by the unit naming who acts.
_ASKS_WHO_RE = re.compile(r"谁|哪个(?:部门|机关|单位|机构)|哪一级|哪级")
# The act whose doer a question asks: "不正当竞争行为归哪个部门查处" → 查处.
_WHO_ACT_RE = re.compile(r"(?:谁|哪个(?:部门|机关|单位|机构)|哪一级(?:机关|政府)?|哪级(?:机关|政府)?)"
                         r"(?:来|去|负责|主管|能|可以|有权|依法)?([\u4e00-\u9fff]{2})")
_ACTOR_UNIT_RE = re.compile(r"由[^，,。；;]{2,24}(?:决定|负责|批准|确定|实施|办理)|负责(?:具体)?(?:实施|办理)|"
                            r"向[^，,。；;]{2,30}(?:报告|报送|提出|申请)")
LONG_SENTENCE = 120  # a sentence longer than this is quoted by its ；-parts
W_DENSE = 0.2  # the sentence is among the nearest in meaning to the question (embedded sentences only)
DENSE_SPREAD = 0.03  # cosine below the best sentence's at which that bonus has fallen to nothing
W_EXPANSION = 0.5  # weight of the retriever's colloquial-expansion terms relative to the question's own words
_LIST_ITEM_RE = re.compile(r"^[（(][零〇一二两三四五六七八九十\d]+[）)]")
_FULL_STOP_RE = re.compile(r"(?<=[。！？!?])")
_DEFINITION_UNIT_RE = re.compile(r"是指|所称|指的是")
_CLASSIFICATION_UNIT_RE = re.compile(r"分为|分成|划分为")
_APPROVAL_UNIT_RE = re.compile(r"批准|审批|核准")

_CN = "零〇一二两三四五六七八九十百千"
_LABEL_RE = re.compile(rf"^(?:第[{_CN}\d]+条(?:之[{_CN}]+)?[\s\u3000]*|（[{_CN}\d]+）)")
_DEPARTMENT_RE = re.compile(r"部门|机关|机构|委员会|人民政府|办公厅|负责|主管|指导|查处|组织实施")
# "负责合法性审查的部门应当……" names the body by the very task asked about: no answer to "由哪个部门负责".
_SELF_NAMED_BODY_RE = re.compile(r"^负责[^，,。；;]{1,16}的(?:部门|机关|机构|单位|人员)")


# -- per-retriever tables ---------------------------------------------------------------------------


@dataclass
class _Tables:
    """Derived from one index generation, built once: document names, plan items, sentence splits.

    Word IDF and each clause's words are the retriever's (``Retriever.word_weights``), which ranks by them too.
    """

    doc_names: tuple[str, ...]
    plan_docs: frozenset[str]
    plan_titles: tuple[str, ...]
    plan_items: tuple[Clause, ...] = ()  # in plan order
    doc_clauses: dict[str, tuple[Clause, ...]] = field(default_factory=dict)  # doc id → its clauses, in order
    plan_units: dict[str, str] = field(default_factory=dict)  # unit key → full name (rag/units.py)
    units: dict[str, list[Unit]] = field(default_factory=dict)
    unit_tokens: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    chars: frozenset[str] = frozenset()  # every character of the documents (rag/simplified.py)
    # The tokens of the words that frame any figure question (期限, 之日起, 最长, 小时): they tell no figure from another.
    frame_words: frozenset[str] = frozenset()
    # the 《titles》 the documents cite and the corpus does not hold, as asked → as written (``_compose_citation``)
    cited: dict[str, str] = field(default_factory=dict)


_TABLES: weakref.WeakKeyDictionary[Retriever, _Tables] = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.Lock()


def _tables(retriever: Retriever) -> _Tables:
    """The tables of this retriever's index, built on first use (a new index generation gets its own)."""
    tables = _TABLES.get(retriever)
    if tables is None:
        with _TABLES_LOCK:
            tables = _TABLES.get(retriever)
            if tables is None:
                tables = _build_tables(retriever)
                _TABLES[retriever] = tables
    return tables


def frame_words(retriever: Retriever) -> frozenset[str]:
    """The tokens of the words that frame any figure question (期限, 之日起, 最长, 小时), read once per index."""
    return _tables(retriever).frame_words


def prepare(retriever: Retriever) -> None:
    """Build the answer tables, read the clauses' words and load the reference library now (≈0.3 s
    and ≈1 s once per index generation) rather than on the first question."""
    _tables(retriever)
    _ = retriever.word_weights
    _ = retriever.reference


def _build_tables(retriever: Retriever) -> _Tables:
    clauses = list(retriever.clauses.values())
    names: set[str] = set()
    for c in clauses:
        names.update({c.doc_short, c.doc_title, c.doc_title.removeprefix("中华人民共和国")})
    doc_names = tuple(sorted((x for x in names if len(x) >= 3), key=len, reverse=True))
    plan_titles = tuple(sorted({t for c in clauses if c.doc_id in retriever.plan_docs for t in (c.doc_title, c.doc_short)}))
    plan_items = tuple(c for c in retriever.index.clauses if c.kind == "plan_item")
    # A document's own clauses, for answers about its structure and facts: one pass here, not a scan of
    # a large corpus' 67,000 clauses per such question.
    by_doc: dict[str, list[Clause]] = {}
    for c in retriever.index.clauses:
        by_doc.setdefault(c.doc_id, []).append(c)
    return _Tables(doc_names=doc_names, plan_docs=frozenset(retriever.plan_docs), plan_titles=plan_titles,
                   plan_items=plan_items, plan_units=known_units(plan_items),
                   doc_clauses={d: tuple(cs) for d, cs in by_doc.items()},
                   chars=corpus_characters(c.text for c in clauses),
                   cited={t: w for t, w in cited_titles(clauses).items() if law_key(t) not in retriever.held_laws},
                   frame_words=frozenset(retriever.tokenizer.tokenize(
                       f"{DEADLINE_TERMS} {YEARS_TERMS} {FIGURE_FRAME_TERMS}")))


def is_lead_in(text: str) -> bool:
    """Does a sentence open a list ("……有下列情形之一的：")? Such a sentence is quoted with its items."""
    return text.endswith(("：", ":"))


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a clause: a sentence, or a list item with the lead-in it belongs to."""

    text: str
    lead: int = -1  # for a list item: index of its lead-in ("……下列措施："), else -1
    item: bool = False
    para: int = -1  # which line (款) of the clause it stands on; -1 when not known


def split_long(line: str, limit: int = LONG_SENTENCE) -> list[str]:
    """Sentences of a line at 。！？; a very long one is cut further at ；."""
    out: list[str] = []
    for s in (p.strip() for p in _FULL_STOP_RE.split(line)):
        if not s:
            continue
        # A list's lead-in ("……的罚款：") stays whole: it is quoted with its items.
        if len(s) > limit and "；" in s[:-1] and not is_lead_in(s):
            out.extend(p for p in re.split(r"(?<=；)", s) if p.strip())
        else:
            out.append(s)
    return out


def clause_units(clause: Clause) -> list[Unit]:
    """The clause's quotable units in order, without its label and (for plan items) its unit list."""
    body = clause.text
    if clause.kind == "plan_item":
        _, _, body = parse_units(body)
    body = _LABEL_RE.sub("", body.strip(), count=1)
    units: list[Unit] = []
    lead = -1
    for para, line in enumerate(body.split("\n")):
        line = line.strip()
        if not line:
            continue
        if _LIST_ITEM_RE.match(line):
            units.append(Unit(line, lead, True, para))
            continue
        units.extend(Unit(p.strip(), para=para) for p in split_long(line))
        lead = len(units) - 1 if units and is_lead_in(units[-1].text) else -1
    return units


def list_items(units: list[Unit], lead: int) -> list[int]:
    """The positions of the items listed under the lead-in at ``lead``, in order."""
    return [j for j, u in enumerate(units) if u.item and u.lead == lead]


def _units(tables: _Tables, clause: Clause) -> list[Unit]:
    out = tables.units.get(clause.clause_id)
    if out is None:
        out = clause_units(clause)
        tables.units[clause.clause_id] = out
    return out


def _unit_tokens(tables: _Tables, retriever: Retriever, clause: Clause, i: int) -> frozenset[str]:
    """A unit's words; a list item also carries its lead-in's words (it reads as lead-in + item)."""
    key = (clause.clause_id, i)
    toks = tables.unit_tokens.get(key)
    if toks is None:
        units = _units(tables, clause)
        toks = frozenset(retriever.tokenizer.tokenize(units[i].text))
        if units[i].lead >= 0:
            toks |= _unit_tokens(tables, retriever, clause, units[i].lead)
        tables.unit_tokens[key] = toks
    return toks


# -- pure scoring helpers ---------------------------------------------------------------------------


def weighted_overlap(query: list[str], found: frozenset[str] | set[str], idf: dict[str, float], unseen: float) -> float:
    """IDF-weighted share of ``query`` words present in ``found`` (0 … 1)."""
    total = sum(idf.get(t, unseen) for t in query)
    if total <= 0:
        return 0.0
    return sum(idf.get(t, unseen) for t in query if t in found) / total


def strip_label(sentence: str) -> str:
    return _LABEL_RE.sub("", sentence.strip(), count=1)


def finish(text: str) -> str:
    """End a quoted passage with a full stop (clauses are cut at ；and ：)."""
    text = text.strip()
    if not text:
        return text
    if text[-1] in "；;，,：:、":
        text = text[:-1]
    if text[-1] not in "。！？!?”）)":
        text += "。"
    return text


def join_units(units: list[str]) -> str:
    return "、".join(units)


def responsibility_text(clause: Clause, target: str = "lead") -> str:
    """“<item title>”由<lead units>牵头，责任单位为<responsible units>。 — from the parsed fields only."""
    topic = f"“{clause.title}”" if clause.title else clause.label
    lead, resp = join_units(clause.lead_units), join_units(clause.responsible_units)
    if not lead and not resp:
        return ""
    if not lead:
        return f"{topic}未列牵头单位，责任单位为{resp}。"
    if not resp:
        return f"{topic}由{lead}牵头。"
    if target == "responsible":
        return f"{topic}的责任单位为{resp}，牵头单位为{lead}。"
    return f"{topic}由{lead}牵头，责任单位为{resp}。"


# -- sentence selection -----------------------------------------------------------------------------


@dataclass
class Candidate:
    """One unit of a retrieved clause, scored against the question."""

    rank: int  # the clause's rank in the hits (0 = best)
    hit: Hit
    index: int  # unit position in the clause
    text: str
    score: float
    item: bool = False


def query_weights(question: str, retriever: Retriever, context: str = "") -> dict[str, float]:
    """Words to look for in sentences, by IDF: the question's own; at half weight the documents'
    terms the retriever's colloquial expansion adds (交钱 → 收取费用) and the words of ``context``
    (the other half of a two-part question)."""
    words = retriever.word_weights
    tokens = retriever.tokenizer.tokenize(question)
    weights = {t: words.idf.get(t, words.unseen) for t in content_tokens(tokens) if t not in QUESTION_WORDS}
    # A number the documents also write is a name here ("打12345反映" → the sentence on the 12345 hotline);
    # one they do not ("孩子12岁") tells no sentence from another.
    weights.update({t: words.idf[t] for t in number_names(tokens, retriever)})
    extra = context
    if getattr(retriever.cfg, "expand_queries", False):
        try:
            from .expansion import expand
        except ImportError:  # retrieval without the expansion table
            expand = None
        if expand is not None:
            extra += " " + expand(question)[len(question):]
    for t in content_tokens(retriever.tokenizer.tokenize(extra)) if extra.strip() else []:
        if t not in weights and t in words.idf:
            weights[t] = W_EXPANSION * words.idf[t]
    return weights


_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


def number_names(tokens: Iterable[str], retriever: Retriever) -> list[str]:
    """The numbers among ``tokens`` that the documents use as names (12345, the hotline), not as amounts or years."""
    idf = retriever.word_weights.idf
    return [t for t in tokens if t.isdigit() and len(t) >= 3 and t in idf and not _YEAR_RE.match(t)]


def overlap(weights: dict[str, float], found: frozenset[str] | set[str]) -> float:
    """Weighted share of the looked-for words present in ``found`` (0 … 1)."""
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in found) / total if total > 0 else 0.0


def score_sentences(
    question: str, hits: list[Hit], retriever: Retriever, intent: Intent, max_clauses: int = CANDIDATE_CLAUSES,
    context: str = "", searched: str = "",
) -> list[Candidate]:
    """Every unit of the top clauses, scored: clause rank + word overlap + retriever's pick + cue + meaning.

    ``searched`` is the text the hits were retrieved with (default ``question``): its
    embedding is already computed, so judging sentences by meaning costs no second encoding.
    """
    tables = _tables(retriever)
    weights = query_weights(question, retriever, context)
    definition, classification = wants_definition(question), wants_classification(question)
    contents = wants_contents(question)
    noun = listed_noun(question)  # only read at a list's lead-in, which counts only when ``contents``
    asked_term = term_asked(question) if definition else ""
    opening = opening_asked(question)
    case = case_weights(question, retriever)
    delegation_counts = not _ASKS_RULE_MAKER_RE.search(question)
    # "不正当竞争行为归哪个部门查处": the sentence whose body does the act ("……的部门对不正当竞争行为进行
    # 查处") answers it, not one that names the act otherwise ("监督检查部门……应当将查处结果……公开").
    act = _who_act(question) if intent.kind == "responsibility" else ""
    # "仿冒知名商品名称会受什么处罚": the rule (反不正当竞争法第六条) shares the question's words; the
    # article that sanctions breaking it (第十八条, "违反本法第六条规定……") says what the question asks.
    # Only such an article: "救人砸开了院门要担责任吗" is answered by 紧急避险, not by a general "依法追究刑事责任".
    sanctioning = ({s for h in hits[:max_clauses] for s in retriever.sanctions_for.get(h.clause.clause_id, ())}
                   if wants_penalty(question) else set())
    out: list[Candidate] = []
    closeness = _closeness(searched or question, hits[:max_clauses], retriever)
    for rank, hit in enumerate(hits[:max_clauses]):
        units = _units(tables, hit.clause)
        picked = _picked_unit(hit, units)
        # "什么是行政诉讼": the law's own 第二条 says what it is about, in words other than "是指".
        # It stands for the term too, so the term's words count as found there ("提起诉讼" for 行政诉讼).
        subject = bool(asked_term) and hit.clause.clause_id in retriever.subject_articles(asked_term)
        extra = frozenset(retriever.tokenizer.tokenize(asked_term)) if subject else frozenset()
        # "决定书要写哪些内容": the list the statute gives, through its lead-in ("应当载明下列事项：",
        # "必须符合以下条件：", "具体职能是：").
        leads = {u.lead for u in units if u.item} if contents else set()
        for i, u in enumerate(units):
            found = _unit_tokens(tables, retriever, hit.clause, i) | extra
            score = W_RANK / (1 + rank) + W_LEXICAL * overlap(weights, found)
            score += W_DENSE * closeness.get((hit.clause.clause_id, i), 0.0)
            if picked in (i, -1):  # the retriever's sentence; every unit when it matched the clause as a whole
                score += W_HIT
            if intent.kind == "number" and has_number(u.text):
                score += W_CUE
            elif intent.kind == "responsibility" and _DEPARTMENT_RE.search(u.text):
                score += W_CUE
                if act and does_act(u.text, act):
                    score += W_CUE
            if delegation_counts and _DELEGATION_UNIT_RE.search(u.text):
                score -= W_DELEGATION
            if definition and (subject or _DEFINITION_UNIT_RE.search(u.text)):
                score += W_CUE
            if classification and _CLASSIFICATION_UNIT_RE.search(u.text):
                score += W_CUE
            if hit.clause.clause_id in sanctioning and states_sanction(u.text):
                score += W_CUE
            # "立法目的" is no word of "为了……，制定本法", nor "适用范围" of "……，适用本法"
            if (opening == "purpose" and states_purpose(u.text)) or (opening == "scope" and SCOPE_CLAUSE_RE.search(u.text)):
                score += W_CUE
            if i in leads:
                score += W_CUE
                # "采取哪些方式" is answered by the list "可以采取以下方式：", not any list
                if noun and noun in u.text:
                    score += W_CUE
            # Only in the first clause: the case chooses what of the clause to quote, not the clause.
            if case and rank == 0 and states_case(case, u.text, retriever):
                score += W_CUE
            out.append(Candidate(rank, hit, i, u.text, score, u.item))
    out.sort(key=lambda c: -c.score)
    return out


# Words after "谁" that say who is in charge rather than name an act: the plan's units answer those.
_NOT_AN_ACT = frozenset({"牵头", "负责", "来管", "管理", "主管", "说了", "规定", "决定"})


def _who_act(question: str) -> str:
    """The act whose doer the question asks ("查处" in "归哪个部门查处"), or "" when it names none."""
    m = _WHO_ACT_RE.search(question)
    act = m.group(1) if m else ""
    return "" if act in _NOT_AN_ACT else act


def does_act(text: str, act: str) -> bool:
    """Does ``text`` give ``act`` to a doer ("……部门对……进行查处", "由……查处", "负责查处")?"""
    act = re.escape(act)
    return bool(re.search(rf"(?:进行|负责|依法|组织){act}|由[^，,。；;]{{1,30}}{act}(?!结果|情况)", text))


def idf_weights(text: str, retriever: Retriever) -> dict[str, float]:
    """The content words of ``text``, each weighted by its IDF in the corpus (unseen words the most)."""
    idf, unseen = retriever.word_weights.idf, retriever.word_weights.unseen
    return {t: idf.get(t, unseen) for t in content_tokens(retriever.tokenizer.tokenize(text))}


def case_weights(question: str, retriever: Retriever) -> dict[str, float]:
    """The words of the case the question sets out (``case_asked``); empty when it sets none."""
    case = case_asked(question)
    return idf_weights(case, retriever) if case else {}


def states_case(case: dict[str, float], text: str, retriever: Retriever) -> bool:
    """Does the sentence open with the question's case, most of the words (by IDF) of each in the other?

    The sentence that states the case is the rule for it; the one that shares most words with the whole
    question is often the situation before it ("汇总分析监测信息" before "认为可能发生……的，应当立即报告").
    Both ways: "对处罚决定不服" is not the case of "……规定应当先向行政复议机关申请行政复议、对行政复议决定
    不服再向人民法院提起行政诉讼", which holds its words among many more.
    """
    opening = case_stated(strip_label(text))
    if not opening:
        return False
    stated = idf_weights(opening, retriever)
    return (overlap(case, frozenset(stated)) >= CASE_MIN_OVERLAP
            and overlap(stated, frozenset(case)) >= CASE_MIN_OVERLAP)


def _closeness(question: str, hits: list[Hit], retriever: Retriever) -> dict[tuple[str, int], float]:
    """How near in meaning each unit is to the question, 1 for the nearest unit of these clauses, falling to 0.

    Word overlap cannot tell "企业能不能不给" is answered by "有权拒绝"; the embedding can.
    Only hits the dense leg scored take part, so ``--mode bm25`` never loads the model here.
    """
    tables = _tables(retriever)
    sims: dict[tuple[str, int], float] = {}
    for hit in hits:
        if "dense" not in hit.legs:
            continue
        by_sentence = retriever.sentence_similarities(question, hit.clause.clause_id)
        if not by_sentence:
            continue
        for i, u in enumerate(_units(tables, hit.clause)):
            found = [v for s, v in by_sentence.items() if u.text in s or s in u.text]
            if found:
                sims[(hit.clause.clause_id, i)] = max(found)
    if not sims:
        return {}
    best = max(sims.values())
    return {key: max(0.0, 1.0 - (best - v) / DENSE_SPREAD) for key, v in sims.items()}


# A sentence that only qualifies the one before it: a proviso (但……), or the cases other than its (除前款……).
_QUALIFIER_RE = re.compile(r"\s*(?:但(?:是)?[，,]?(?!书)|除前[款项])")


def _picked_unit(hit: Hit, units: list[Unit]) -> int:
    """Index of the unit holding the sentence the retriever matched best, or -1 for none."""
    picked = strip_label(hit.sentence) if hit.sentence else ""
    if len(picked) < 4:
        return -1
    for i, u in enumerate(units):
        if picked in u.text or (len(u.text) >= 8 and u.text in picked):
            return i
    return -1


def _of_leading_clause(pool: list[Candidate]) -> list[Candidate]:
    """The candidates of the best-ranked clause in ``pool``, when the retriever clearly prefers it; else ``pool``.

    Which clause's figure is asked is what the ranking (its period route included) decided; the sentence
    sharing most words often says another act's figure. "涉嫌犯罪的案件行政机关要在几天内移送" found
    移送规定第五条 (批准后24小时内移送) first, while 第八条's "公安机关应当自接受……移送的涉嫌犯罪案件之日起３日内"
    has more of its words. Near-tied clauses ("行政复议申请期限": 第三十条, 第二十条) are left to the words.
    """
    if not pool:  # "几个工作日办完" with no period among the candidates: nothing to prefer
        return pool
    first = min(c.rank for c in pool)
    lead = next(c.hit.score for c in pool if c.rank == first)
    rest = [c.hit.score for c in pool if c.rank != first]
    if rest and lead < FIGURE_LEAD * max(rest):
        return pool
    return [c for c in pool if c.rank == first]


def pick_passage(cands: list[Candidate], intent: Intent, units_of: dict[str, list[Unit]],
                 figure: str = "", approval: bool = False,
                 list_chars: int = MAX_ANSWER_CHARS) -> tuple[Hit, list[int]] | None:
    """The best clause and which of its units to quote.

    One unit, plus up to two more of the same clause scoring nearly as well; a list
    lead-in comes with its items, an item with its lead-in (and its siblings when short).
    An article's unit comes with the rest of its 款 and the 款 after it when they fit.
    A number question quotes a unit that carries a figure when there is one, of the
    ``figure`` kind it asks for when there is one (the kind ``missing_figure`` checked),
    from the clause the retriever put clearly first (``_of_leading_clause``).
    A question about who approves quotes a unit that names an approval when there is one:
    the words of its subject ("查封、扣押财物") otherwise pull the answer to the list of measures.
    """
    if not cands:
        return None
    pool = cands
    if intent.kind == "number":
        free = [c for c in cands if says_free(c.text, figure, c.rank == 0)]
        pool = _of_leading_clause([c for c in cands if has_figure_of(c.text, figure)] or free
                                  or [c for c in cands if has_number(c.text)] or cands)
        # "规章可以设定多少罚款": 行政处罚法第十三条, first, sets no sum but says who does ("罚款的限额由国务院规定");
        # 第二十九条's "两次以上", behind it, is a figure of something else.
        setters = [c for c in cands if names_figure_setter(c.text)]
        if setters and (first := min(c.rank for c in setters)) < min(c.rank for c in pool):
            pool = [c for c in setters if c.rank == first]
        if figure in ("days", "months"):
            # "二审要在多少天内审结": the law says 三个月 (行政诉讼法第八十八条, put clearly first); the 四十五日
            # of 简易程序 in the next article answers another question. A length in another unit from the
            # clause the retriever clearly prefers beats the asked unit from a clause behind it. For
            # "几个月", only a length of a month or more: "起诉期限几个月" is not answered by "十日内".
            lengths = _of_leading_clause([c for c in cands if (has_figure_of(c.text, "period") if figure == "days"
                                                                else has_month_length(c.text))])
            if len({c.rank for c in lengths}) == 1 and lengths[0].rank < min(c.rank for c in pool):
                pool = lengths
    elif approval:
        pool = [c for c in cands if _APPROVAL_UNIT_RE.search(c.text)] or cands
    best = pool[0]
    units = units_of[best.hit.clause.clause_id]
    same = [c for c in cands if c.hit is best.hit]
    score_of = {c.index: c.score for c in same}
    lead = best.index if is_lead_in(best.text) else units[best.index].lead
    if lead >= 0:
        every = list_items(units, lead)
        items = every[:MAX_LIST_ITEMS]
        # "低保被停了能复议吗": the item that answers may lie past the first few (行政复议法第十一条's 第十项).
        asked = max(every, key=lambda j: score_of.get(j, 0.0), default=-1)
        if asked >= 0 and asked not in items and score_of.get(asked, 0.0) > max(score_of.get(j, 0.0) for j in items):
            items = [*items[:-1], asked]
        chosen = [lead, *items]
        if sum(len(units[j].text) for j in chosen) > list_chars:
            top_items = sorted(items, key=lambda j: -score_of.get(j, 0.0))[:2]
            chosen = [lead, *top_items]
        return best.hit, sorted(set(chosen))
    chosen = [best.index]
    for c in same:
        if len(chosen) >= 3:
            break
        if c.item or is_lead_in(c.text) or c.index in chosen:
            continue  # list parts only come together, through the lead-in
        length = sum(len(units[j].text) for j in chosen) + len(c.text)
        if c.score >= SECOND_SENTENCE_RATIO * best.score and length <= MAX_ANSWER_CHARS:
            chosen.append(c.index)
    if best.hit.clause.kind == "article":
        # A sentence out of its 款 can say less than the law, or the opposite: "可以委托其他组织实施行政处罚吗"
        # must not get "行政机关不得委托其他组织……" without the "可以……委托符合条件的组织" before it, nor
        # "十五日内向人民法院提起诉讼" come without "法律另有规定的除外". So the rest of the article from the
        # 款 comes too when short: the 款 after it often say what follows ("……受到损害的，有权依法提出赔偿
        # 要求"), those before it other matters ("不得干预、阻碍人民法院受理行政案件" before "负责人应当出庭
        # 应诉"). Else the rest of the 款. A lead-in of the 款 ("但有下列情形之一的，裁定停止执行：") comes
        # with its items or not at all: alone it promises a list it does not give.
        para = units[best.index].para
        # A 款 not known (-1) has neither a rest nor a start: the choice stands.
        in_para = [j for j, u in enumerate(units) if u.para == para] if para >= 0 else []
        onward = sorted({*chosen, *range(in_para[0] if in_para else len(units), len(units))})
        rest = [j for j in in_para if not units[j].item and j not in chosen]
        with_lists = sorted({*chosen, *(k for j in rest for k in _with_list(units, j))})
        sentences = sorted({*chosen, *(j for j in rest if not is_lead_in(units[j].text))})
        # Too long with the other 款's sentences, the 款 itself comes whole before them: "一并提出行政赔偿请求的，
        # 如何处理" is 第七十二条第一款's two branches (驳回 / 依法给予赔偿), not its first and the 第二款 on
        # a request not made, which shares more of the question's words.
        own = sorted({best.index, *(j for j in rest if not is_lead_in(units[j].text))})
        for whole in (onward, with_lists, sentences, own):
            if sum(len(units[j].text) for j in whole) <= MAX_ANSWER_CHARS:
                chosen = whole
                break
    return best.hit, sorted(chosen)


def passage_text(clause: Clause, indices: list[int], retriever: Retriever, limit: int = MAX_ANSWER_CHARS) -> str:
    """The chosen units in clause order (a gap closes the sentence before it), cut to a readable length."""
    units = _units(_tables(retriever), clause)
    parts: list[str] = []
    prev = None
    for i in indices:
        if prev is not None and i != prev + 1:
            parts[-1] = finish(parts[-1])
        parts.append(units[i].text.strip())
        prev = i
    text = "".join(parts)
    if len(text) > limit:
        text = text[:limit].rstrip("，、；：") + "……"
    return finish(text)


# -- confidence and abstention ----------------------------------------------------------------------


def confidence(question: str, hits: list[Hit], retriever: Retriever, top: int = 3) -> dict[str, float]:
    """Evidence that the corpus answers the question, from the retrieval alone.

    ``coverage``: IDF-weighted share of the question's content words found in the top
    clauses (words the corpus never uses weigh most, so a question about 个人所得税
    scores low); ``dense``: best cosine; ``bm25``: best raw BM25; ``lookup``: a named clause.
    """
    words = retriever.word_weights
    q = content_tokens(retriever.tokenizer.tokenize(question))
    # Search mode gives a term of the domain's dictionary ("免罚清单") with its parts; where the
    # documents write the parts apart (“免罚”清单), the term is unseen but nothing of the question
    # is missing. Only the dictionary's terms: "刑事诉讼" is unseen because no clause is about it.
    seen = {t for t in q if t in words.idf}
    dictionary = retriever.tokenizer.terms
    q = [t for t in q if t in seen or t not in dictionary or not spelled_by(t, seen)]
    found: set[str] = set()
    for h in hits[:top]:
        found |= words.clause_tokens.get(h.clause.clause_id, frozenset())
    # A colloquial word whose documents' terms were found is found: "冒头" is said "源头" there.
    credit_phrases(found, q, phrase_terms(question, retriever))
    return {
        "coverage": weighted_overlap(q, found, words.idf, words.unseen) if q else 0.0,
        "unseen": (sum(1 for t in q if t not in words.idf) / len(q)) if q else 1.0,
        "dense": best_dense(hits),
        "bm25": max((h.legs.get("bm25", 0.0) for h in hits), default=0.0),
        "lookup": 1.0 if any(h.legs.get("lookup") for h in hits) else 0.0,
        "unanimous": 1.0 if hits and unanimous(hits[0]) else 0.0,
    }


def phrase_terms(question: str, retriever: Retriever, min_idf: float = 0.0,
                 drop: frozenset[str] = frozenset()) -> list[tuple[str, frozenset[str]]]:
    """Each colloquial phrase of the question with the tokens of the documents' terms it stands for.

    Only terms of at least ``min_idf`` and not in ``drop`` count, for a check that must not be
    satisfied by a word every clause of a law has.
    """
    idf = retriever.word_weights.idf
    return [(phrase, frozenset(t for t in retriever.tokenizer.tokenize(terms) if idf.get(t, 0.0) >= min_idf) - drop)
            for phrase, terms in translations(question)]


def credit_phrases(found: set[str], words: Iterable[str], phrases: list[tuple[str, frozenset[str]]]) -> set[str]:
    """Add to ``found`` the ``words`` inside each phrase whose documents' terms are in it; returns ``found``.

    In order, as each phrase credited may supply the term of a later one.
    """
    words = list(words)
    for phrase, terms in phrases:
        if found & terms:
            found.update(t for t in words if t in phrase)
    return found


def best_dense(hits: list[Hit]) -> float:
    """The best cosine of the question with the clauses searched (0 without a dense leg).

    The plain model's, not the query adapter's: the thresholds were set on it, and the adapter
    may rank the clause nearest in plain meaning outside the hits.
    """
    return max((max(h.nearest, h.legs.get("dense", 0.0)) for h in hits), default=0.0)


def unanimous(hit: Hit) -> bool:
    """Every leg of the search (three at least) ranked this clause first; a single-leg mode never is."""
    legs = set(hit.legs) - {"lookup"}
    return len(legs) >= 3 and legs <= set(hit.firsts)


def min_coverage(cfg: object) -> float:
    """The share of the question's words the top clauses must have to count as answering it."""
    return float(getattr(cfg, "abstain_min_coverage", ABSTAIN_MIN_COVERAGE))


def should_abstain(conf: dict[str, float], cfg: object) -> bool:
    """Too little evidence: the best cosine is low *and* few of the question's words are found.

    A named clause always answers, and so does a clause that BM25, e5 and the second model each
    rank first: three retrievers that share neither words nor training agreeing is evidence the
    coverage and cosine bars miss in colloquial questions. On the dev split no out-of-scope question
    had all legs agree (0 of 29; nor 25 fresh probes), and one wrongly refused paraphrase did.
    Without a dense leg (``--mode bm25``) coverage decides alone.
    """
    if conf.get("lookup") or conf.get("unanimous"):
        return False
    if conf["dense"] <= 0:  # no dense leg: only the words can tell, so only very low coverage abstains
        return conf["coverage"] < float(getattr(cfg, "abstain_min_coverage_lexical", ABSTAIN_MIN_COVERAGE_LEXICAL))
    min_cov = min_coverage(cfg)
    min_dense = float(getattr(cfg, "abstain_min_dense", ABSTAIN_MIN_DENSE))
    return conf["coverage"] < min_cov and conf["dense"] < min_dense


def out_of_corpus(question: str, tables: _Tables) -> str:
    """Why the corpus cannot hold the answer, from the question alone ("" when it may).

    It names a law the corpus does not contain (行政强制法), or a plan of another year or another place.
    Not a law a document cites when what that citation says is asked: its 文号 is in the citing sentence.
    """
    law = unknown_law(question, tables.doc_names)
    if law and not (citation_asked(question) and _cited_named(question, tables)):  # ``_compose_citation`` answers
        return f"unknown_law:{law}"
    year = other_year_plan(question, tables.plan_titles)
    if year:
        return f"other_year:{year}"
    place = other_place_plan(question, tables.plan_titles)
    if place:
        return f"other_place:{place}"
    past = past_results(question, tables.plan_titles)
    return f"past_results:{past}" if past else ""


def library_law(question: str, retriever: Retriever, tables: _Tables) -> str:
    """``unknown_law:<name>`` for a law of the reference library the question names and the corpus lacks.

    Not when the question also names a held document: "传染病防治法还是突发事件应对法" asks about the held one.
    """
    library = retriever.reference
    if library is None or any(n in question for n in tables.doc_names):
        return ""
    name = mentioned_law(question, library.law_keys, tables.doc_names)
    return f"unknown_law:{name}" if name else ""


def missing_clause(question: str, retriever: Retriever, scope: Scope | None = None) -> str:
    """``no_clause:<document>:<asked>:<last>`` when the question names a clause its document lacks."""
    gap = retriever.lookup.missing(question, retriever.allowed_docs(scope))
    return f"no_clause:{gap.doc_short}:{gap.asked}:{gap.last}" if gap else ""


def beyond_scope(question: str, retriever: Retriever, scope: Scope | None) -> str:
    """``out_of_scope:<clause>`` when the clause the question names exists but the chosen scope leaves it out.

    Searching the scope would answer "（十八）" with whatever 行政复议法 article matches best.
    """
    if scope is None or scope.name == "all":
        return ""
    found = retriever.lookup.resolve(question)
    return f"out_of_scope:{retriever.clauses[found[0]].citation}" if found else ""


def unplanned_work(topic: str, hits: list[Hit], retriever: Retriever) -> str:
    """``not_in_plan:<law>`` when a who-leads question asks about work no plan item takes up ("" otherwise).

    Every plan item ends with its 牵头单位, so a question shaped "……由哪个单位牵头" is near all of them in
    meaning whatever its subject: "社区矫正工作谁牵头" found （十六） on 应急处置 at cosine 0.90. Two signs
    together tell work the plan leaves out: the item found first has little of the subject's words, and
    a national law outside the corpus is about that subject (社区矫正法, 禁毒法). A paraphrase of an
    item's work ("老百姓吵架找谁调解") has no law of its own; an item's work that has one (野生动物保护)
    has the item's words.
    """
    if not hits or hits[0].clause.kind != "plan_item":
        return ""
    if confidence(topic, hits, retriever, top=1)["coverage"] >= PLAN_TOPIC_MIN_COVERAGE:
        return ""
    law = retriever.outside_law(topic)
    return f"not_in_plan:{law}" if law else ""


def says_free(text: str, kind: str, first: bool) -> bool:
    """Does ``text``, of the clause found first, answer a sum asked by saying nothing is charged?

    "复议要交多少钱" is answered so by 行政复议法第八十七条; another law's "不得收取任何费用" is no answer
    to "打官司要交多少钱" (行政许可法第五十八条 was quoted for it), so only the first clause counts.
    """
    return first and kind == "money" and states_no_fee(text)


def missing_figure(question: str, hits: list[Hit], retriever: Retriever) -> str:
    """Why a number question has no answer in the candidate clauses ("" when it has one).

    ``no_figure:<kind>``: no unit carries a figure of the kind asked for (money, a period, a
    ratio, hours); ``unrelated_figure``: the units that carry figures share (almost) none of
    the question's words — "GDP增长目标是多少" must not be answered with "60学时".
    """
    tables = _tables(retriever)
    kind = figure_kind(question)
    # "败诉率是多少" is not answered by "出庭应诉率100%": a rate the question names is the one to quote.
    rate = rate_asked(question) if kind in ("percent", "") else ""
    # "多长时间" adds "日内 之日起" for the search; every deadline has them, related or not. At half
    # weight they were a tenth of the words, enough alone for "补办身份证要多长时间" to take 二十日内.
    # So are the words that frame any figure question: "最长不能超过多少小时" shares 最长, 超过 and 小时 with
    # limits of anything ("延长的期限最长不得超过20个工作日", "24小时内移送").
    generic = tables.frame_words
    weights = {t: w for t, w in query_weights(question, retriever).items() if t not in generic}
    # "行政复议法规定……多少学时": the figure must be that law's; the plan's 60学时 is not what it says.
    named = {doc for _, doc in retriever.lookup.doc_mentions(question)}
    # A colloquial phrase whose documents' terms a unit has is found there, as in ``confidence``: "现在过去一个
    # 半月了，还能申请复议吗" is the time bar that 行政复议法第二十条's "申请期限" states. For a sum or a share
    # (``STRICT_KINDS``) only by a rare term: any fine shares 罚款 with "打麻将赌钱被抓了，罚款标准是多少" (no law
    # of the corpus's), while "塞红包拿订单罚多少" is 贿赂's fine. Otherwise by a term of some weight: 信访 is in
    # every article of 信访工作条例, so "写信反映问题" is not found by it.
    phrases = phrase_terms(question, retriever, STRICT_CREDIT_MIN_IDF if kind in STRICT_KINDS else CREDIT_MIN_IDF,
                           generic)
    # "企业给采购方的经办人员塞好处拉业务……罚款幅度": 第十九条's fine ("违反本法第七条规定贿赂他人的") is for
    # breaking 第七条, which the question's words found; a fine's sentence that names its rule has the rule's words.
    rules: dict[str, list[Clause]] = {}
    if wants_penalty(question) or "罚" in question:  # "罚款幅度是多少" asks the sanction's figure
        for h in hits[:CANDIDATE_CLAUSES]:
            for s in retriever.sanctions_for.get(h.clause.clause_id, ()):
                rules.setdefault(s, []).append(h.clause)
    best = 0.0
    found_kind = False
    # A law's 施行 article gives figures of its own coming into force ("施行后五年内可以继续保留原企业组织形式"),
    # not of anything else of its subject: "外商投资企业设立时注册资本最低要求是多少" is not answered by it.
    in_force = asks_in_force(question)
    for hit in hits[:CANDIDATE_CLAUSES]:
        if len(named) == 1 and hit.clause.doc_id not in named:
            continue
        if not in_force and states_own_force(hit.clause.text):
            continue
        if hit is hits[0] and names_figure_setter(hit.clause.text):
            # the clause found first says who sets the figure: that is the answer, unless a sum or count of
            # ``SETTER_KINDS`` is asked, which ``_compose_single`` refuses quoting who sets it
            return ""
        units = _units(tables, hit.clause)
        first = hit is hits[0]
        for i, u in enumerate(units):
            if not (has_figure_of(u.text, kind) or says_free(u.text, kind, first)) or (rate and rate not in u.text):
                continue
            found_kind = True
            toks = set(_unit_tokens(tables, retriever, hit.clause, i))
            text = u.text
            for j, other in enumerate(units):
                if other.item and other.lead == i:  # a lead-in is quoted with its items
                    toks |= _unit_tokens(tables, retriever, hit.clause, j)
                    text += other.text
            # jieba cuts 行政复议申请 whole, so the question's 复议申请 is found in the text, not the tokens.
            toks |= {t for t in weights if len(t) >= 2 and t in text}
            for rule in rules.get(hit.clause.clause_id, ()):
                if rule.label in text:
                    toks |= retriever.word_weights.clause_tokens.get(rule.clause_id, frozenset())
            best = max(best, overlap(weights, credit_phrases(toks, weights, phrases)))
    if not found_kind:
        return f"no_figure:{kind or 'any'}"
    min_overlap = float(getattr(retriever.cfg, "number_min_overlap", NUMBER_MIN_OVERLAP))
    return "" if best >= min_overlap else "unrelated_figure"


# -- composing --------------------------------------------------------------------------------------


MIN_TERM_CHARS = 4  # the shortest run of the question's characters that counts as a term of the documents
MAX_TERM_CHARS = 8  # … and the longest looked for
MAX_TERM_CLAUSES = 3  # … in at most this many clauses of the corpus: 罚款 or 行政机关 are no one clause's term
_THRESHOLD_ASKED_RE = re.compile(r"(?:多少|几)[^，,。？?]{0,8}(?:算|属于)|(?:算|属于)[^，,。？?]{0,8}(?:多少|几)|指(?:的是)?多少")


def unstated_term(question: str, quoted: Clause, hits: list[Hit], kind: str,
                  retriever: Retriever) -> tuple[str, str] | None:
    """(term, citation) when a figure question names a rare term of a candidate clause that states no figure
    of the kind asked, and the clause about to be quoted for its figure lacks the term; else None.

    Sums, shares and counts (``SETTER_KINDS``) asked as a threshold ("多少钱以上算较大数额") look at every
    candidate: what counts as the term. Asked plainly, a term of another clause of the same law is often
    just the question's wording ("执法人员当场开罚单……有没有上限" is 第五十一条's, though 第七十一条 writes
    执法人员当场), so only a term of another document counts, and only while no clause of the corpus with
    the term states such a figure: "外商投资企业投诉工作机构受理投诉后多少日内办结" names 外商投资法第二十六条's
    term, which sets no days, and 信访工作条例's 60日 is the figure of something else; "当事人要求听证，几天内
    提出" names 行政处罚法第六十三条's words, but 第六十四条 has them with its 五日内.
    Not a clause the quoted one sanctions ("违反本法第六条规定……罚款" answers "仿冒包装罚多少").
    """
    threshold = kind in SETTER_KINDS and bool(_THRESHOLD_ASKED_RE.search(question))
    words = retriever.word_weights
    has = words.clause_tokens.get(quoted.clause_id, frozenset())

    def foreign(run: str) -> bool:
        # Whole words of the documents ("业秘密被侵" cuts 商业秘密 apart), one of which the quoted clause lacks:
        # "商业秘密被侵犯" (第三十二条's words) is still the subject of 第二十一条, which has 商业秘密 and 侵犯;
        # 第七十二条's 罚款数额 is not 较大数额罚款.
        tokens = retriever.tokenizer.tokenize(run)
        return bool(tokens) and all(len(t) >= 2 and t in words.idf for t in tokens) and any(t not in has for t in tokens)

    def unstated(run: str) -> bool:
        # the corpus-wide reading last: it reads every clause
        having = [c for c in retriever.clauses.values() if run in c.text]
        return len(having) <= MAX_TERM_CLAUSES and (threshold or not any(has_figure_of(c.text, kind) for c in having))

    asked = question
    parts = asked_parts(question) if not threshold else ()
    figure_parts = [p for p in parts if NUMBER_CUE_RE.search(p)]
    if figure_parts and any(w in p for p in parts if p not in figure_parts for w in PLAN_WORDS):
        # A part that asks of the plan by name is the plan's question, not the figure's subject: "……加大公众参与，
        # 计划里提到用哪些形式？听证会材料要提前几天送到" names the plan item's words there. Otherwise the figure's
        # subject may be told in another part ("想申请电子印章，要带哪些材料？多久能制好").
        asked = "，".join(figure_parts)
    text = re.sub(r"[^\u4e00-\u9fff]", " ", asked)
    for hit in hits[:CANDIDATE_CLAUSES]:
        other = hit.clause
        if (other.clause_id == quoted.clause_id or quoted.clause_id in retriever.sanctions_for.get(other.clause_id, ())
                or has_figure_of(other.text, kind) or (not threshold and other.doc_id == quoted.doc_id)):
            continue
        for size in range(min(MAX_TERM_CHARS, len(text)), MIN_TERM_CHARS - 1, -1):
            for start in range(len(text) - size + 1):
                run = text[start:start + size]
                if " " in run or run not in other.text or run in quoted.text or not foreign(run):
                    continue
                if unstated(run):
                    return run, other.citation
    return None


def _cite(hit: Hit, retriever: Retriever) -> Citation:
    docs = retriever.index.manifest.documents
    entry = docs.get(hit.clause.doc_id)
    return Citation.from_hit(hit, entry.meta if entry is not None else None)


def _interleave(*lists: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    seen: set[str] = set()
    for i in range(max((len(x) for x in lists), default=0)):
        for lst in lists:
            if i < len(lst) and lst[i].clause.clause_id not in seen:
                seen.add(lst[i].clause.clause_id)
                out.append(lst[i])
    return out


def _build(question: str, pieces: list[tuple[str, Hit]], ranked: list[Hit], intent: str,
           retriever: Retriever) -> Answer:
    """Answer text = each piece followed by its citation; citations = used clauses, related = the rest."""
    used: list[Hit] = []
    text = ""
    for body, hit in pieces:
        text += f"{body}（{hit.clause.citation}）"
        if all(h.clause.clause_id != hit.clause.clause_id for h in used):
            used.append(hit)
    used_ids = {h.clause.clause_id for h in used}
    related = [h for h in ranked if h.clause.clause_id not in used_ids]
    return Answer(question=question, answer=text, abstained=False,
                  citations=[_cite(h, retriever) for h in used],
                  related=[_cite(h, retriever) for h in related], intent=intent)


_DETAIL_NAMES = {"papers": "材料", "form": "格式或用章", "pay": "补贴或报酬", "rank": "职级或编制"}
_FIGURE_NAMES = {"docno": "文号", "money": "金额", "fee": "收费金额", "percent": "比例", "hours": "学时数", "people": "人数",
                 "age": "年龄", "area": "面积", "month_of_year": "月份", "clock": "时间点", "rank": "名次",
                 "items": "数量", "score": "分数", "calendar_year": "年份", "date": "日期", "frequency": "频次（多久一次）",
                 "times": "次数", "cadence": "具体周期", "when": "时间",
                 "years": "以年计的期限",
                 "months": "以月计的期限", "days": "以日计的期限", "period": "期限"}


# A committee a question names by what it does ("行政复议委员会"); the two characters before 委员会 say which.
_COMMITTEE_RE = re.compile(r"([\u4e00-\u9fff]{2})委员会")
_NOT_A_NAME = set("的了个这那该各本其此某什么哪啥几谁")
# The banner's words for the bodies the laws name: a 嘎查委员会 is a 村民委员会, a 社区's a 居民委员会.
_LOCAL_BODY = {"嘎查": "村民", "社区": "居民"}
_NON_CJK_RE = re.compile(r"[^\u4e00-\u9fff]")


def other_body(question: str, passage: str) -> tuple[str, str] | tuple[()]:
    """(committee asked, committee quoted) when the passage speaks only of other committees than the one asked.

    "行政复议委员会一般由几名委员组成" took 人民调解法第八条's "人民调解委员会由委员三至九人组成": the
    figure is another committee's. "调解委员会有几个人" is 人民调解委员会's, as its name has 调解 in it.
    """
    for m in _COMMITTEE_RE.finditer(question):
        which = m.group(1)
        if _NOT_A_NAME & set(which) or m.group(0) in passage:
            continue
        spoken = [_NON_CJK_RE.split(passage[max(0, n.start() - 4):n.start()])[-1]
                  for n in re.finditer("委员会", passage)]
        alias = _LOCAL_BODY.get(which, which)
        if spoken and not any(is_subsequence(which, s) or is_subsequence(alias, s) for s in spoken):
            return m.group(0), spoken[0] + "委员会"
    return ()


def abstain_note(reason: str) -> str:
    """What the user is told besides "no basis", so they know whether to rephrase or ask elsewhere.

    ``reason`` is the code ``out_of_corpus`` / ``missing_figure`` give; weak evidence says nothing more,
    as the nearest clauses are listed as possibly related anyway.
    """
    code, _, detail = reason.partition(":")
    if code == "unknown_law" and detail:
        return f"问题提到的《{detail}》不在已收录的文件中；如需依据它作答，请管理员把它加入文件库并重建索引。"
    if code == "other_law" and detail:
        return (f"与问题最接近的条文出自《{detail}》，它不在已收录的文件中；"
                "如需依据它作答，请管理员把它加入文件库并重建索引。")
    if code == "not_in_plan":
        return "工作计划的各项任务中没有写到问题所说的这项工作，也就没有写明由哪个单位牵头或负责。"
    if code == "other_year" and detail:
        return f"已收录的文件中没有{detail}年的工作计划。"
    if code == "past_results" and detail:
        return f"已收录的是工作计划和法律法规，没有{detail}实际办理的数量或完成情况。"
    if code == "other_place" and detail:
        return f"已收录的文件中没有{detail}的工作计划。"
    if code == "no_figure":
        return f"最相关的条款中没有问题所问的{_FIGURE_NAMES.get(detail, '数字')}。"
    if code == "no_clause" and detail.count(":") == 2:
        doc, asked, last = detail.split(":")
        noun = "项" if last.startswith(("（", "(")) else "条"
        return f"已收录的《{doc}》没有{asked}，最后一{noun}是{last}；请核对{noun}号。"
    if code == "out_of_scope" and detail:
        return f"问题所指的{detail}不在当前的检索范围内；请把检索范围改为“全部文件”再问。"
    if code == "unrelated_figure":
        return "最相关的条款中的数字与问题所问的内容无关。"
    if code == "no_standard":
        return "最相关的条款只提到这件事，没有写明问题所问的标准。"
    if code == "no_conditions":
        return "最相关的条款只提到这件事，没有写明问题所问的条件。"
    if code == "no_how_to":
        return "最相关的条款只提到这项工作，没有写明问题所问的办理方法（怎样申请、报名或登记）。"
    if code == "no_detail" and detail in _DETAIL_NAMES:
        return f"最相关的条款只提到这件事，没有写明问题所问的{_DETAIL_NAMES[detail]}。"
    if code == "set_elsewhere":
        return f"最相关的条款没有写明问题所问的{_FIGURE_NAMES.get(detail, '数字')}，而是交由其他机关规定——"
    if code == "unstated_term":
        return f"最相关的条款没有写明问题所问的{_FIGURE_NAMES.get(detail, '数字')}："
    if code == "restated_figure":
        return "最相关的条款中的数字就是问题里已经说到的那个，没有问题所问的数。"
    if code == "other_body" and detail.count(":") == 1:
        asked, spoken = detail.split(":")
        return f"最相关的条款说的是{spoken}，不是问题所问的{asked}，拿它作答会答非所问。"
    if code == "unnamed" and detail:
        return f"最相关的条款没有提到问题所说的“{detail}”，拿它作答会答非所问。"
    if code == "no_list":
        return "最相关的条款只提到这份清单（目录），没有列出其中的具体内容。"
    if code == "unlikely":
        return "找到的条文与问题所问的对不上，问的像是已收录文件没有写到的内容。"
    return ""


def _abstain(question: str, hits: list[Hit], intent: str, retriever: Retriever, reason: str = "",
             quote: str = "") -> Answer:
    """No basis: the nearest clauses go to ``related`` ("may be related").

    The reason is told to the user in words (``abstain_note``), with ``quote`` (what the nearest clause
    does say) after it, and kept as a code in ``intent``.
    """
    tag = f"{intent}+abstain:{reason}" if reason else intent
    lead = NO_BASIS_IN_SCOPE if reason.startswith("out_of_scope:") else NO_BASIS
    return Answer(question=question, answer=lead + abstain_note(reason) + quote, abstained=True, citations=[],
                  related=[_cite(h, retriever) for h in hits], intent=tag)


def _extract(question: str, hits: list[Hit], retriever: Retriever, intent: Intent,
             context: str = "", searched: str = "") -> tuple[str, Hit] | None:
    """One cited passage for a question of kind general / number / (statute) responsibility."""
    cands = score_sentences(question, hits, retriever, intent, context=context, searched=searched)
    tables = _tables(retriever)
    units_of = {h.clause.clause_id: _units(tables, h.clause) for h in hits[:CANDIDATE_CLAUSES]}
    limit = MAX_LIST_CHARS if wants_contents(question) else MAX_ANSWER_CHARS
    picked = pick_passage(cands, intent, units_of, figure=figure_kind(question), approval=wants_approval(question),
                          list_chars=limit)
    if picked is None:
        return None
    hit, idx = picked
    units = units_of[hit.clause.clause_id]
    idx = _with_rule(units, _cover_parts(question, hit.clause, idx, retriever, context))
    return passage_text(hit.clause, idx, retriever, limit) + _items_left_out(units, idx), hit


def _items_left_out(units: list[Unit], chosen: list[int]) -> str:
    """"（本条共列六项，这里摘录其中两项。）" when a quoted list lost items to the length limit."""
    for lead in sorted({units[i].lead for i in chosen if units[i].item}):
        items = list_items(units, lead)
        quoted = [j for j in items if j in chosen]
        if len(quoted) < len(items):
            return f"（本条共列{int_to_cn(len(items))}项，这里摘录其中{int_to_cn(len(quoted))}项。）"
    return ""


def _cover_parts(question: str, clause: Clause, chosen: list[int], retriever: Retriever, context: str = "") -> list[int]:
    """Add, for each sub-question the chosen units leave unanswered, the clause's unit that answers it.

    "由几名委员组成，成员构成上有什么要求" is answered by two sentences of one article: the best unit
    for the whole question is the first, and the second (妇女成员) scored too far below it to join.
    A unit joins only when it matches its part at least as well as every unit already quoted.
    """
    parts = asked_parts(question)
    if not parts:
        return chosen
    tables = _tables(retriever)
    units = _units(tables, clause)
    out = list(chosen)
    # Longest first: "中华人民共和国行政复议法" goes whole, not leaving 中华人民共和国 behind.
    names = sorted({clause.doc_title, clause.doc_title.removeprefix("中华人民共和国"), clause.doc_short} - {""},
                   key=len, reverse=True)
    for part in parts:
        # The law the part names is where the clause comes from: its words tell no sentence from another.
        for name in names:
            part = part.replace(name, "")
        # What a part tells of the case before it asks ("开发区推行区域评估，评估费用由谁负担") is shared
        # by the sentence already quoted: the one that answers the part has the words it asks about.
        asked = part.rpartition("，")[2]
        weights = query_weights(asked, retriever, context) or query_weights(part, retriever, context)
        scores = [overlap(weights, _unit_tokens(tables, retriever, clause, i)) for i in range(len(units))]
        if _ASKS_WHO_RE.search(asked):
            scores = [s + (W_CUE if _ACTOR_UNIT_RE.search(u.text) else 0.0) for s, u in zip(scores, units, strict=True)]
        # The best unit not yet quoted: "什么情况下又可以公开" matches "不得公开" and "但是……予以公开"
        # alike, and the first being quoted already must not leave the second out.
        best = max((i for i in range(len(units)) if i not in out), key=scores.__getitem__, default=-1)
        if best < 0 or scores[best] < PART_MIN_OVERLAP:
            continue
        if scores[best] < max(scores[i] for i in out) + PART_MARGIN:
            continue
        added = _with_list(units, best)
        if sum(len(units[j].text) for j in {*out, *added}) <= MAX_ANSWER_CHARS:
            out = sorted({*out, *added})
    return out


def _with_rule(units: list[Unit], chosen: list[int]) -> list[int]:
    """``chosen`` with the sentence each quoted proviso (但……) qualifies.

    "但有下列情形之一的，裁定停止执行" alone says the opposite of 行政诉讼法第五十六条, whose rule is the
    sentence before it: "诉讼期间，不停止行政行为的执行". So does a 款 for the cases other than the
    previous one's ("除前款规定以外的……可以适用简易程序"): alone it never says which those are.
    """
    out = set(chosen)
    for i in chosen:
        if units[i].item or not _QUALIFIER_RE.match(units[i].text):
            continue
        rule = next((j for j in range(i - 1, -1, -1) if not units[j].item), -1)
        if rule >= 0 and rule not in out:
            out.update(_with_list(units, rule))
    return sorted(out)


def _with_list(units: list[Unit], i: int) -> list[int]:
    """A unit as it is quoted: an item with its lead-in, a lead-in ("……下列情形之一的：") with its items."""
    if units[i].item and units[i].lead >= 0:
        return [units[i].lead, i]
    if is_lead_in(units[i].text):
        return [i, *list_items(units, i)[:MAX_LIST_ITEMS]]
    return [i]


def _plan_responsibility(hits: list[Hit], intent: Intent) -> tuple[str, Hit] | None:
    for hit in hits:
        if hit.clause.kind == "plan_item" and (hit.clause.lead_units or hit.clause.responsible_units):
            return responsibility_text(hit.clause, intent.target), hit
    return None


def _with_asked_content(question: str, piece: tuple[str, Hit], retriever: Retriever) -> tuple[str, Hit]:
    """A who-leads answer with the item's own words for what else the question asks of it.

    "信访方面要深入推行什么制度？哪两个单位牵头？" asks the item's content too: its units alone
    leave half the question unanswered.
    """
    text, hit = piece
    doc_names = _tables(retriever).doc_names
    quoted: list[str] = []
    # "旗投促中心要不要担责任": a part that names one of the item's units is answered by the units.
    units = [u.removeprefix("旗") for u in (*hit.clause.lead_units, *hit.clause.responsible_units)]
    for part in asked_parts(question):
        intent = detect_intent(part, doc_names)
        if intent.kind == "responsibility" or _ASKS_WHO_RE.search(part) or any(u and u in part for u in units):
            continue
        found = _extract(part, [hit], retriever, intent, context=question)
        if found is not None and found[0] not in quoted:
            quoted.append(found[0])
    if not quoted:
        quoted = [s for s in (_evidence(question, hit.clause, retriever),) if s]
    return (text + "".join(f"计划原文：{q}" for q in quoted), hit) if quoted else piece


def _evidence(question: str, clause: Clause, retriever: Retriever) -> str:
    """The item's sentence that names what the question is about, when the item's title does not
    (and a second one for a second work the question names that the first leaves out).

    "吹风会制度谁牵头" is answered by the units of “全面主动落实政务公开”: the sentence on 吹风会
    shows the reader why that item, and that the work asked about is really in it.
    """
    words = retriever.word_weights
    told = set(retriever.tokenizer.tokenize(responsibility_text(clause)))
    # Only the documents' words count: "这项" or "归谁" could never be found in a sentence.
    # Nor the words any who-leads question has ("牵头单位", added for the search): they name no work.
    rest = {t: w for t, w in query_weights(question, retriever).items()
            if t not in told and t not in _WHO_WORDS and t in words.idf}
    total = sum(rest.values())
    tables = _tables(retriever)
    units = _units(tables, clause)
    found = {i: _unit_tokens(tables, retriever, clause, i) for i, unit in enumerate(units)
             if not (clause.title and unit.text.startswith(clause.title))}

    def gain(i: int, left: dict[str, float]) -> float:
        return sum(w for t, w in left.items() if t in found[i])

    best = max(found, key=lambda i: gain(i, rest), default=-1)
    best_got = gain(best, rest) if best >= 0 else 0.0
    if best_got < EVIDENCE_MIN_WEIGHT or best_got < EVIDENCE_MIN_SHARE * total:
        return ""
    chosen = [best]
    # "政务服务“一网通办”、服务事项应进必进……谁牵头": two works of the item, each in its own sentence.
    left = {t: w for t, w in rest.items() if t not in found[best]}
    second = max((i for i in found if i != best), key=lambda i: gain(i, left), default=-1)
    if second >= 0 and gain(second, left) >= EVIDENCE_MIN_WEIGHT:
        chosen.append(second)
    return "".join(finish(units[i].text) for i in sorted(chosen))


def _lookup_text(hit: Hit, asked: tuple[int, ...] = ()) -> str:
    """The clause's text without its label; only the ``asked`` 款 when some are asked and exist."""
    body = _LABEL_RE.sub("", hit.clause.text.strip(), count=1).strip()
    paragraphs = article_paragraphs(body) if hit.clause.kind == "article" else []
    whole = finish(body.replace("\n", ""))
    if not asked or not paragraphs:
        return whole
    present = [n for n in asked if 1 <= n <= len(paragraphs)]
    absent = [n for n in asked if n > len(paragraphs)]
    if not present:
        return f"本条共{int_to_cn(len(paragraphs))}款，没有第{int_to_cn(absent[0])}款。全文：{whole}"
    # Several 款 are each labelled, so the reader knows which is which.
    text = (finish(paragraphs[present[0] - 1]) if len(present) == 1 and not absent else
            "".join(f"第{int_to_cn(n)}款：{finish(paragraphs[n - 1])}" for n in present))
    if absent:
        text += f"（本条共{int_to_cn(len(paragraphs))}款，没有第{int_to_cn(absent[0])}款。）"
    return text


def article_paragraphs(body: str) -> list[str]:
    """An article's 款 (paragraphs), each with its list items, from its text without the label.

    A list item (（一）…) continues the 款 it belongs to; any other line starts a new 款.
    """
    paragraphs: list[str] = []
    for line in (ln.strip() for ln in body.splitlines()):
        if not line:
            continue
        if paragraphs and _LIST_ITEM_RE.match(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return paragraphs


def _scope_allows(scope: Scope | None, name: str) -> bool:
    return scope is None or scope.name in ("all", name)


def compose(question: str, retriever: Retriever, scope: Scope | None = None, mode: str | None = None) -> Answer:
    """Understand, retrieve, decide whether to answer, and compose the cited answer."""
    tables = _tables(retriever)
    talk = small_talk(question)
    if talk:
        titles = sorted({c.doc_title for c in tables.plan_items})
        laws = len(set(retriever.index.manifest.documents) - retriever.plan_docs)
        return Answer(question=question, answer=talk_reply(talk, titles, laws), abstained=True, intent=f"help:{talk}")
    # "行政复义法": read as the held law it is one keystroke from, and say so in the answer.
    question, fixes = correct_law_names(to_simplified(strip_greeting(question), tables.chars), tables.doc_names)
    contact = asks_for_contact(question)
    if contact:
        units = units_named(question, tables.plan_units)
        return Answer(question=question, answer=NO_BASIS + contact_note(contact, units), abstained=True,
                      intent=f"general+abstain:{contact}")
    answer = _compose_question(question, retriever, scope, mode)
    if fixes:
        answer.answer = notice(fixes) + answer.answer
    return answer


def _compose_question(question: str, retriever: Retriever, scope: Scope | None, mode: str | None) -> Answer:
    """``compose`` once small talk, greetings and mistyped law names are dealt with."""
    cfg = retriever.cfg
    k = cfg.top_k
    tables = _tables(retriever)
    question, missing = _number_plan_item(question, retriever, scope)
    if missing is not None:
        return missing
    intent = detect_intent(question, tables.doc_names)

    # Asked once: reading a question's law names costs milliseconds against a large corpus' names.
    outside = out_of_corpus(question, tables) or library_law(question, retriever, tables)
    # Questions about the plan as a whole or a unit's share of it, unless they ask of another year's plan.
    if not outside:
        whole_doc = (_compose_unit_tasks(question, retriever, scope) or _compose_outline(question, retriever, scope)
                     or _compose_citation(question, retriever, scope)
                     or _compose_facts(question, retriever, scope) or _compose_structure(question, retriever, scope)
                     or _compose_procedures(question, retriever, scope) or _compose_cited(question, retriever, scope))
        if whole_doc is not None:
            return whole_doc
    comparison = None if outside else compared(question)
    answer = _compose_comparison(question, comparison, retriever, k, mode, scope) if comparison else None
    if answer is None:
        if intent.cross and (scope is None or scope.name == "all"):
            answer = _compose_cross(question, intent, retriever, k, mode, outside)
        else:
            answer = _compose_single(question, intent, retriever, k, mode, scope, outside)
    if not answer.abstained and getattr(cfg, "llm_base_url", "") and getattr(cfg, "llm_model", ""):
        from .generation import generate

        answer = generate(answer, cfg)
    return answer


def _compose_unit_tasks(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "司法局今年牵头了哪些工作？": every plan item naming the unit, from the parsed unit lists.

    None when the question is not of this kind, so it is searched and answered as usual.
    """
    tables = _tables(retriever)
    if not tables.plan_units or not _scope_allows(scope, "plan"):
        return None
    keys = asked_units(question, tables.plan_units)
    if not keys:
        unknown = unknown_unit(question, tables.plan_units)
        if unknown:
            note = f"《{tables.plan_items[0].doc_short}》的牵头单位和责任单位中没有{unknown}。"
            return Answer(question=question, answer=NO_BASIS + note, abstained=True,
                          intent="unit_tasks+abstain:unknown_unit")
        return None
    lead, responsible = roles_asked(question)
    tasks = [tasks_of(key, tables.plan_items, tables.plan_units[key]) for key in keys]
    if len(tasks) > 1 and JOINT_RE.search(question):
        shared = shared_tasks(tasks, lead, responsible)
        return _listing(describe_shared(tasks, shared, lead, responsible), shared, question, retriever, "unit_tasks")
    texts: list[str] = []
    items: list[Clause] = []
    for unit in tasks:  # "司法局和信访局分别牵头哪些工作": one answer per unit, in the order named
        unit_text, unit_items = describe(unit, lead, responsible)
        texts.append(unit_text)
        items += [c for c in unit_items if c not in items]
    return _listing("\n".join(texts), items, question, retriever, "unit_tasks")


def _listing(text: str, items: list[Clause], question: str, retriever: Retriever, intent: str) -> Answer:
    """An answer that lists plan items it read directly, not by retrieval: each one is cited."""
    hits = [Hit(clause=c, score=1.0, legs={"lookup": 1.0}) for c in items]
    return Answer(question=question, answer=text, abstained=False,
                  citations=[_cite(h, retriever) for h in hits], intent=intent)


def _compose_outline(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "计划分为哪几个部分？" / "计划第六部分讲的是什么？": the outline from the items' headings.

    None when the question is not of this kind, or when several plans are indexed and it names none.
    """
    kind, number = outline_asked(question)
    topic = "" if kind else topic_asked(question)  # "计划在行政执法方面有哪些任务": that part
    if not (kind or topic):
        return None
    items = _only_plan(question, retriever, scope)  # none for "行政复议法第三部分": a law's chapter
    parts = sections(items)
    area = topic_section(topic, parts)
    if not parts or not (kind or area):
        return None
    title = items[0].doc_short
    if area is not None:
        text, cited = describe_section(title, area), area.items
    elif kind == "overview":
        text, cited = describe_overview(title, parts), items
    else:
        part = next((p for p in parts if p.number == number), None)
        if part is None:
            note = f"已收录的《{title}》共{int_to_cn(len(parts))}个部分，没有第{int_to_cn(number) if number else number}部分。"
            return Answer(question=question, answer=NO_BASIS + note, abstained=True, intent="outline+abstain:no_section")
        text, cited = describe_section(title, part), part.items
    return _listing(text, cited, question, retriever, "outline")


def _only_plan(question: str, retriever: Retriever, scope: Scope | None) -> list[Clause]:
    """The items of the one plan a question can be about; none when it names a law or several plans are held."""
    if not _scope_allows(scope, "plan"):
        return []
    named = retriever.lookup.find_doc(question)
    if named is not None and named not in retriever.plan_docs:
        return []
    plans = [named] if named in retriever.plan_docs else sorted(retriever.plan_docs)
    if len(plans) != 1:
        return []
    return [c for c in _tables(retriever).plan_items if c.doc_id == plans[0]]


def _number_plan_item(question: str, retriever: Retriever, scope: Scope | None) -> tuple[str, Answer | None]:
    """ "第五部分第二项……" asked as "第十五项……"; an abstention when the plan has no such item."""
    if not ITEM_IN_SECTION_RE.search(question):  # every question passes here: the plan is looked up only when needed
        return question, None
    items = _only_plan(question, retriever, scope)
    if not items:
        return question, None
    rewritten, missing = number_item(question, sections(items))
    if missing:
        note = f"已收录的《{items[0].doc_short}》{missing}"
        return question, Answer(question=question, answer=NO_BASIS + note, abstained=True,
                                intent="outline+abstain:no_item")
    return rewritten, None


# A document the plan mentions: "计划里提到的目录管理办法，文号是多少" asks that document's number, not the plan's.
_PLAN_CITES_RE = re.compile(r"(?:提到|提及|说的|引用|落实|执行|依据)的?[^，,。？?]{0,24}(?:办法|规定|条例|意见|通知|方案|规划|细则)")


def _named_document(question: str, retriever: Retriever, scope: Scope | None, plans: bool) -> DocEntry | None:
    """The one document a question names (a plan too when ``plans``: "计划是哪个单位印发的"), or the one in scope."""
    mentions = {doc for _, doc in retriever.lookup.doc_mentions(question)}
    allowed = retriever.allowed_docs(scope)
    if (not mentions and plans and len(retriever.plan_docs) == 1 and any(w in question for w in PLAN_WORDS)
            and not _PLAN_CITES_RE.search(question)):
        mentions = set(retriever.plan_docs)
    if not mentions and allowed is not None and len(allowed) == 1:
        mentions = set(allowed)
    if len(mentions) != 1:
        return None
    doc_id = mentions.pop()
    if (doc_id in retriever.plan_docs and not plans) or (allowed is not None and doc_id not in allowed):
        return None
    return retriever.index.manifest.documents.get(doc_id)


# A document named by the end of its title only ("这个工作计划") is named by at least this much of it.
MIN_TAIL_CHARS = 4


def _names_used(entry: DocEntry, question: str) -> list[str]:
    """What the question may call the document: its titles and their tails (法治政府建设工作计划 for the
    banner's 2024 plan), and the law names it writes (复议法)."""
    tails = [name[i:] for name in (entry.title, entry.short) for i in range(len(name) - MIN_TAIL_CHARS + 1)]
    return [*tails, *law_mentions(question)]


def _articles(retriever: Retriever, doc_id: str) -> list[Clause]:
    return [c for c in _tables(retriever).doc_clauses.get(doc_id, ()) if c.kind == "article"]


def _compose_structure(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "行政复议法有几章？" / "行政复议法第三章讲什么？": the chapters, from the articles' heading paths."""
    if not STRUCTURE_CUE_RE.search(question):
        return None
    entry = _named_document(question, retriever, scope, plans=False)
    if entry is None:
        return _which_law_chapter(question, retriever, scope)
    kind, number = structure_asked(question, _names_used(entry, question))
    if not kind:
        return None
    articles = _articles(retriever, entry.doc_id)
    parts = chapters(articles)
    if kind == "overview":
        text = describe_law(entry.title, parts, len(articles))
        cited = [c.articles[0] for c in parts] or articles[:1]
    else:
        chapter = next((c for c in parts if c.number == number), None)
        if chapter is None:
            held = f"共{int_to_cn(len(parts))}章" if parts else "不分章"
            note = f"已收录的《{entry.short}》{held}，没有第{int_to_cn(number) if number else number}章。"
            return Answer(question=question, answer=NO_BASIS + note, abstained=True, intent="structure+abstain:no_chapter")
        text, cited = describe_chapter(entry.title, chapter), chapter.articles
    return _listing(text, cited, question, retriever, "structure")


def _compose_cited(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "计划提到了哪些法律法规？": the plan's 《…》 titles, each with the items citing it, held ones marked."""
    if not cited_asked(question):
        return None
    items = _only_plan(question, retriever, scope)
    if not items:
        return None
    clauses = list(_tables(retriever).doc_clauses.get(items[0].doc_id, ()))
    cited = cited_documents(clauses, retriever.held_laws, key=law_key)
    if not cited:
        return None
    used = {c.clause_id: c for entry in cited for c in entry.clauses}  # each citing clause once, in order
    return _listing(describe_cited(items[0].doc_short, cited), list(used.values()), question, retriever, "outline")


def _cited_named(question: str, tables: _Tables) -> list[str]:
    """The titles the documents cite, and the corpus does not hold, that the question names."""
    return [t for t in tables.cited if names_title(question, t)]


def _compose_citation(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "计划里提到的《……办法》文号是什么": the sentences of the documents citing a title the corpus does not hold.

    The 办法 itself is not held, but the plan's sentence gives its 文号 ("（内政办发〔2024〕14号）") and what
    is to be done with it. Searched, the question found another item's "（2023—2025年）" for the year asked.
    """
    asked = citation_asked(question)
    if not asked:
        return None
    tables = _tables(retriever)
    titles = _cited_named(question, tables)
    if not titles:
        return None
    marks = [f"《{tables.cited[t]}》" for t in titles]
    allowed = retriever.allowed_docs(scope)
    pieces: list[tuple[str, Hit]] = []
    for doc_id, clauses in tables.doc_clauses.items():
        if allowed is not None and doc_id not in allowed:
            continue
        for clause in clauses:
            if not any(m in clause.text for m in marks):
                continue
            quoted = [finish(u.text) for u in _units(tables, clause) if any(m in u.text for m in marks)]
            if quoted:
                pieces.append(("".join(quoted), Hit(clause=clause, score=1.0, legs={"lookup": 1.0})))
    # Cited only in documents the scope leaves out, or without the 文号 asked ("严格执行《……办法》"):
    # the document itself would say, and it is not held.
    if not any(citation_tells(text, asked) for text, _ in pieces):
        return _abstain(question, [h for _, h in pieces], "cited", retriever, f"unknown_law:{tables.cited[titles[0]]}")
    return _build(question, pieces[:MAX_NAMED], [h for _, h in pieces], "cited", retriever)


def _compose_procedures(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "重大行政决策需要经过哪些程序？": the steps, from the headings of the law named after it.

    No one article lists them (第八条 on oversight was quoted); the law's chapters and sections do.
    """
    if not PROCEDURE_CUE_RE.search(question):
        return None
    allowed = retriever.allowed_docs(scope)
    asked = [(subject, d) for d, subject in retriever.law_subjects.items()
             if (allowed is None or d in allowed) and procedure_asked(question, subject)]
    if not asked:
        return None
    _, doc_id = max(asked, key=lambda x: len(x[0]))
    title = retriever.index.manifest.documents[doc_id].title
    steps = procedure_steps(title, chapters(_articles(retriever, doc_id)))
    if not steps:
        return None
    return _listing(describe_procedures(title, steps), [arts[0] for _, arts in steps], question, retriever, "structure")


def _which_law_chapter(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "第三章讲什么" naming no law: the one law in scope that has it, or ask which, listing each one's chapter."""
    kind, number = structure_asked(question)
    if kind != "chapter" or retriever.lookup.doc_mentions(question) or any(w in question for w in PLAN_WORDS):
        return None
    allowed = retriever.allowed_docs(scope)
    laws = [d for d in _tables(retriever).doc_clauses
            if d not in retriever.plan_docs and (allowed is None or d in allowed)]
    found = [c for d in laws for c in chapters(_articles(retriever, d)) if c.number == number]
    if len(found) == 1:
        only = found[0]
        return _listing(describe_chapter(only.articles[0].doc_title, only), only.articles, question, retriever,
                        "structure")
    if not found:
        return None
    return _which_document(question, f"第{int_to_cn(number)}章", [c.articles[0] for c in found], retriever,
                           "各部这一章的第一条")


def _compose_facts(question: str, retriever: Retriever, scope: Scope | None) -> Answer | None:
    """ "行政复议法是哪一年通过的？": the document's front matter answers, citing its 施行 clause (or first clause).

    The citation carries the front matter (issuer, level, dates) the chat shows with every clause.

    None when the question is not of this kind, names no single document, or the scope leaves it out.
    """
    entry = _named_document(question, retriever, scope, plans=True)
    facts = facts_asked(question, _names_used(entry, question)) if entry is not None else ()
    if entry is None or not facts:
        return None
    clauses = _tables(retriever).doc_clauses.get(entry.doc_id, ())
    stated = next((c for c in reversed(clauses) if in_force_sentence(c.text)), clauses[0] if clauses else None)
    told = {fact: _fact_text(fact, entry, stated) for fact in facts}
    # "哪天印发的，文号是多少": what the front matter records is said, and what it lacks is named.
    missing = facts_missing([f for f, text in told.items() if not text], entry.title)
    known = "".join(text for text in told.values() if text)
    if stated is None or not known:
        return Answer(question=question, answer=NO_BASIS + missing, abstained=True,
                      intent="docfacts+abstain:no_fact:" + ",".join(facts))
    hit = Hit(clause=stated, score=1.0, legs={"lookup": 1.0})
    return Answer(question=question, answer=f"{known}（{stated.citation}）{missing}", abstained=False,
                  citations=[_cite(hit, retriever)], intent="docfacts")


def _of_named_doc(question: str, hits: list[Hit], retriever: Retriever) -> list[Hit]:
    """The hits from the one document a question names, when it has any; else all of them.

    "行政处罚法中简易程序的适用范围" found 行政处罚法第五十一条 first, yet the quoted sentence came from
    行政复议法第五十三条, which says 适用简易程序 in more of the question's words.
    """
    docs = {doc for _, doc in retriever.lookup.doc_mentions(question)}
    if len(docs) != 1 or (not docs <= retriever.plan_docs and wants_plan(question, names_law=True)):
        return hits  # "计划要求的……和行政复议法规定的……一样吗" asks of the plan too
    return [h for h in hits if h.clause.doc_id in docs] or hits


def _fact_text(fact: str, entry: DocEntry, stated: Clause | None) -> str:
    """One fact of a document in a sentence ("" when neither its front matter nor its 施行 article says it)."""
    # When it took effect, the document says itself: "本法自2020年1月1日起施行。"
    own_words = in_force_sentence(stated.text) if stated is not None and fact == "effective" else ""
    text = own_words or describe_fact(fact, entry.title, entry.meta)
    if own_words:
        # A later amendment, or "自公布之日起": the front matter has the date that applies now.
        recorded = describe_fact("effective", entry.title, entry.meta).split("：", 1)[-1].rstrip("。")
        text += f"（文件信息中的施行日期：{recorded}）" if recorded and recorded not in text else ""
    return text


# A statute that comes first for a plain who-question answers it when it is this near in meaning
# (plain e5 cosine), whatever words it shares: "应急预案各写各的，由哪个部门统筹衔接" is 突发事件应对法第二十七条's
# (0.916) in words of its own. The training questions so answered score 0.902 to 0.946; the everyday
# question that every leg put at 反不正当竞争法第二十条 (乱贴小广告……谁来负责宣传) scores 0.888.
STATUTE_MIN_DENSE = 0.9


def _statute_answers(question: str, hits: list[Hit], retriever: Retriever) -> bool:
    """Do ``hits``, searched for among all documents, answer a plain who-is-responsible question with a statute?"""
    if not hits or hits[0].clause.kind == "plan_item":
        return False
    if hits[0].legs.get("dense", 0.0) >= STATUTE_MIN_DENSE:
        return True
    return confidence(question, hits, retriever)["coverage"] >= min_coverage(retriever.cfg)


def _compose_single(question: str, intent: Intent, retriever: Retriever, k: int, mode: str | None,
                    scope: Scope | None, outside: str, plan_only: bool = False) -> Answer:
    """One search (the plan first for a who-leads question) and one answer; ``outside`` is ``out_of_corpus``'s.

    ``plan_only``: a plain who-question whose statute answer named no body is asked of the plan alone.
    """
    if intent.kind == "lookup" and not outside:  # "刑事诉讼法第十条" names a law, one the corpus lacks
        asked, candidates = retriever.lookup.ambiguous(question, retriever.allowed_docs(scope))
        if candidates:
            return _which_document(question, asked, [retriever.clauses[c] for c in candidates], retriever, "各部的这一条")
    plan_first = intent.kind == "responsibility" and intent.plan and _scope_allows(scope, "plan")
    everywhere: list[Hit] = []
    if plan_first and not plan_only and not PLAN_CUE_RE.search(question):
        # A plain "由谁负责" is mostly asked of the plan, but not always: "决策草案由谁负责拟订" is
        # 重大行政决策程序暂行条例第十一条's, which the plan alone never reaches. Asked of everything,
        # a statute that comes first answers instead when it has the question's words (the coverage
        # bar of ``should_abstain``); a statute merely nearer than the plan to an everyday question
        # ("乱贴小广告的规定大家都不知道，谁来负责宣传", which every leg put at 反不正当竞争法第二十条) does not.
        everywhere = retriever.search(question, k=k, mode=mode, scope=scope)
        plan_first = not _statute_answers(question, everywhere, retriever)
    search_scope = Scope(name="plan") if plan_first else scope
    # A plan item is found by its subject: the cue words (牵头单位, 责任单位) match every item alike.
    # A question that names its item ("（十八）的责任单位") keeps the words that make it a reference.
    by_topic = plan_first and not retriever.lookup.resolve(question, retriever.allowed_docs(search_scope))
    query = _who_leads_subject(question, retriever) if by_topic else question
    # The statute's answer was found by the search of everything just made: the same question and scope.
    hits = everywhere if everywhere and not plan_first else retriever.search(query, k=k, mode=mode, scope=search_scope)
    if not hits:
        return Answer(question=question, answer=NO_BASIS, abstained=True, intent=intent.kind)
    named = [h for h in hits if h.legs.get("lookup")]
    reason = outside or missing_clause(question, retriever, scope) or (not named and beyond_scope(question, retriever, scope))
    conf = {} if reason else confidence(question, hits, retriever)
    if conf and should_abstain(conf, retriever.cfg):
        reason = "low_evidence"
    # Also asked when the evidence is weak: naming the law the question is about tells staff where to look,
    # if the library matches it well enough to be a hint rather than a stray word (天气, 星期).
    # A clause every leg ranks first is the corpus answering (should_abstain): a library law that
    # shares the question's everyday words (抽奖 → 教学成果奖励条例) does not overrule it.
    if (reason in ("", "low_evidence") and not named and not unanimous(hits[0])
            and not _about_plan(question, intent, hits, scope, conf.get("coverage", 0.0) >= min_coverage(retriever.cfg))):
        law = retriever.outside_law(question, min_score=HINT_MIN_SCORE if reason else MIN_SCORE, dense=best_dense(hits))
        reason = f"other_law:{law}" if law else reason
    if not reason and intent.kind == "number" and not named:
        reason = missing_figure(question, hits, retriever)
    if not reason and not named and intent.kind == "responsibility" and intent.plan:
        reason = unplanned_work(query if by_topic else _who_leads_subject(question, retriever), hits, retriever)
    if reason:
        return _abstain(question, hits, intent.kind, retriever, reason)
    if len(named) > 1:
        # "行政复议法第二十条和行政诉讼法第四十六条……": each named clause answers for itself.
        pieces = [p for p in (_named_piece(question, hit, retriever, intent, query) for hit in named[:MAX_NAMED])
                  if p is not None]
        if pieces:
            return _build(question, pieces, hits, intent.kind, retriever)
    piece: tuple[str, Hit] | None = None
    if intent.kind == "lookup" and named:
        piece = _lookup_text(named[0], paragraphs_asked(question)), named[0]
    elif intent.kind == "responsibility" and (hits[0].clause.kind == "plan_item" or plan_first):
        # Searched in the plan first, or worded like a statute's question ("……监督管理谁负总责") and
        # answered best by the plan: a plan item's answer is its units, not a sentence of it. The plan's
        # preamble names no unit: "今年乌拉特中旗的行政复议案件由哪个单位办理" found it by the banner's name.
        piece = _plan_responsibility(hits, intent)
        if piece is not None:
            piece = _with_asked_content(question, piece, retriever)
    if piece is None:
        # A named clause is the one the question asks about ("第二十条规定的期限是多少").
        piece = _extract(question, named[:1] or _of_named_doc(question, hits, retriever), retriever, intent,
                         searched=query)
    if piece is None:
        return _abstain(question, hits, intent.kind, retriever)
    clause = piece[1].clause
    # "内蒙古的规章最高能罚多少钱": 行政处罚法第十四条 says only who sets the limit ("罚款的限额由……规定");
    # the sum itself is in no document. Asked who sets it ("限额谁来定"), the clause is the answer.
    kind = figure_kind(question)
    sets_elsewhere = names_figure_setter(clause.text)
    if (not named and kind in SETTER_KINDS and sets_elsewhere
            and not has_figure_of(clause.text, kind) and not _ASKS_WHO_RE.search(question)):
        return _abstain(question, hits, intent.kind, retriever, f"set_elsewhere:{kind}",
                        quote=f"{clause.citation}：“{figure_setter_sentence(clause.text)}”")
    # "对个人罚多少钱以上算较大数额": 较大数额罚款 is 行政处罚法第六十三条's term, and that article sets no sum;
    # 突发事件应对法's fines, quoted for sharing 罚款, are the sums of something else. So are 人民调解法's 三十日
    # for "行政强制执行前催告后几日内不履行": 行政处罚法第七十二条 names 行政强制执行 and gives no days.
    term = "" if named or intent.kind != "number" else unstated_term(question, clause, hits, kind, retriever)
    if term:
        return _abstain(question, hits, intent.kind, retriever, f"unstated_term:{kind}",
                        quote=f"{term[1]}写到“{term[0]}”，但没有写明具体的数。")
    # ``missing_figure`` found the asked figure in some candidate, but the passage chosen may lack it
    # ("12345转来的投诉几个工作日内回复" quoted the plan's 12345 sentence, which sets no days). A clause
    # saying who sets the figure stays the answer to "限额是多少", as there.
    if (not named and intent.kind == "number" and kind != "when" and not sets_elsewhere
            and not gives_figure(piece[0], kind) and not says_free(piece[0], kind, piece[1] is hits[0])):
        return _abstain(question, hits, intent.kind, retriever, f"no_figure:{kind or 'any'}")
    # "12345热线转来的工单几个工作日内办结": only the plan names the hotline, and it sets no days; 信访工作条例's
    # 60日内办结 is for another matter. A figure about a thing named by its number is in a passage that names it.
    unnamed = [] if named or intent.kind != "number" else [
        t for t in number_names(retriever.tokenizer.tokenize(question), retriever) if t not in piece[0]]
    if unnamed:
        return _abstain(question, hits, intent.kind, retriever, f"unnamed:{unnamed[0]}")
    if not named and restates_figure(question, piece[0]):
        return _abstain(question, hits, intent.kind, retriever, "restated_figure")
    body = () if named else other_body(question, piece[0])
    if body:
        return _abstain(question, hits, intent.kind, retriever, f"other_body:{body[0]}:{body[1]}")
    if not named and asks_standard(question) and not states_standard(" ".join([*clause.path, clause.text])):
        return _abstain(question, hits, intent.kind, retriever, "no_standard")
    # The plan says the banner publishes its 决策目录; what the catalogue holds is not in any document.
    if not named and asks_list(question) and not states_list(strip_label(clause.text)):
        return _abstain(question, hits, intent.kind, retriever, "no_list")
    # "公职律师证需要什么条件": the plan item that mentions 公职律师 states none. Only the plan's text, which
    # names work to be done: an article found for "在什么条件下可以当场处罚" is a neighbour of the one that answers.
    if not named and clause.kind != "article" and asks_conditions(question) and not states_conditions(clause.text):
        return _abstain(question, hits, intent.kind, retriever, "no_conditions")
    detail = "" if named else unstated_detail(question, clause.text, article=clause.kind == "article")
    if detail:
        return _abstain(question, hits, intent.kind, retriever, f"no_detail:{detail}")
    # "社会监督员怎么报名": the plan item that mentions the work says nothing of how to take part.
    if not named and clause.kind == "plan_item" and _asks_how_to_take_part(question):
        return _abstain(question, hits, intent.kind, retriever, "no_how_to")
    if everywhere and not plan_first and _SELF_NAMED_BODY_RE.match(strip_label(piece[0])):
        # The statute says only "负责合法性审查的部门应当……"; the plan names the banner's units for the work.
        return _compose_single(question, intent, retriever, k, mode, scope, outside, plan_only=True)
    if not named and unlikely(question, intent.kind, hits, piece, conf, retriever):
        return _abstain(question, hits, intent.kind, retriever, "unlikely")
    pieces = [piece]
    if not named and intent.kind in ("general", "number"):
        pieces += _other_parts(question, piece[1], hits, retriever, mode)
    return _build(question, pieces, hits, intent.kind, retriever)


# Set to a list to collect (question, features) of every answer the gate reads: eval/fit_answerability.py does.
RECORDER: list[tuple[str, dict[str, float]]] | None = None


def _who_leads_subject(question: str, retriever: Retriever) -> str:
    """What a who-leads question asks about, without its cue phrase or the plan's own place and year."""
    topic = responsibility_topic(question) or question
    return without_plan_name(topic, _tables(retriever).plan_titles) or topic


def gate_model(retriever: Retriever) -> AnswerabilityModel | None:
    """The answerability model, if it was fitted with the embedding models this retriever uses."""
    model = shipped_model()
    cfg = retriever.cfg
    return model if model is not None and model.fits(cfg.model, cfg.second_model) else None


def unlikely(question: str, intent: str, hits: list[Hit], piece: tuple[str, Hit], conf: dict[str, float],
             retriever: Retriever) -> bool:
    """Does the answerability model judge the answer about to be given one to a question out of scope?

    The hand-made checks above each read one signal; this reads them all at once (rag/evidence.py).
    Only a search with every leg: the model reads each leg's scores.
    """
    if not conf or not hits or not {"bm25", "dense", "second"} <= set(hits[0].legs):
        return False
    gate = float(getattr(retriever.cfg, "answer_gate", 1.0))
    model = gate_model(retriever) if gate < 1.0 else None
    if model is None and RECORDER is None:
        return False
    from .evidence import features

    values = features(question, intent, hits, piece[0], piece[1], conf, retriever)
    if RECORDER is not None:
        RECORDER.append((question, values))
    return model is not None and model.probability(values) >= gate


def _other_parts(question: str, chosen: Hit, hits: list[Hit], retriever: Retriever,
                 mode: str | None) -> list[tuple[str, Hit]]:
    """A passage of another clause for a part of a two-part question that the chosen clause leaves to it.

    "简易程序适用于哪些案件？多少天审完？" is answered by 行政诉讼法第八十二条 and 第八十三条 together.
    A part counts as another clause's when, searched alone in the chosen clause's document, it finds
    that clause first, and the whole question found it among its candidates too. Another document's
    clause found so was as often a stray as an answer. The whole question's vectors serve the part's
    search: a second encoding would cost the slowest questions their speed, and the part's words decide.
    """
    parts = asked_parts(question)
    if not parts:
        return []
    doc_names = _tables(retriever).doc_names
    near = {h.clause.clause_id for h in hits[:CANDIDATE_CLAUSES] if h.clause.doc_id == chosen.clause.doc_id}
    if not near - {chosen.clause.clause_id}:
        return []
    within = Scope(name="doc", doc_ids=(chosen.clause.doc_id,))
    for part in parts:
        found = retriever.search(part, k=CANDIDATE_CLAUSES, mode=mode, scope=within, embed=question)
        if not found or found[0].clause.clause_id == chosen.clause.clause_id or found[0].clause.clause_id not in near:
            continue
        part_intent = detect_intent(part, doc_names)
        if part_intent.kind not in ("general", "number"):
            continue
        if part_intent.kind == "number" and missing_figure(part, found[:1], retriever):
            continue
        extra = _extract(part, found[:1], retriever, part_intent, context=question)
        if extra is not None:
            return [extra]
    return []


def _asks_how_to_take_part(question: str) -> bool:
    """Does some part of the question ask how to apply or sign up, without asking which unit?

    "到哪个单位申请复议" is answered by the unit that leads the work; "去哪个部门登记，得带什么材料"
    also asks what to bring.
    """
    return any(asks_how_to_apply(p) and not _ASKS_WHO_RE.search(p) for p in asked_parts(question) or (question,))


def _which_document(question: str, asked: str, candidates: list[Clause], retriever: Retriever, shown: str) -> Answer:
    """ "第十八条" / "第三章" with no law named and several in scope: ask which, listing each law's ``candidates``."""
    hits = [Hit(clause=c, score=0.0, legs={"lookup": 1.0}) for c in candidates]
    text = (f"已收录的文件中有 {len(hits)} 部都有{asked}，请写明是哪一部，例如“{candidates[0].doc_short}{asked}”，"
            f"或在检索范围中只选这一部文件。{shown}列在下面。")
    return Answer(question=question, answer=text, abstained=True, related=[_cite(h, retriever) for h in hits],
                  intent="clarify")


def _named_piece(question: str, hit: Hit, retriever: Retriever, intent: Intent, query: str) -> tuple[str, Hit] | None:
    if intent.kind == "lookup":
        return _lookup_text(hit), hit
    if intent.kind == "responsibility" and hit.clause.kind == "plan_item":
        return _plan_responsibility([hit], intent) or _extract(question, [hit], retriever, intent, searched=query)
    return _extract(question, [hit], retriever, intent, searched=query)


def _about_plan(question: str, intent: Intent, hits: list[Hit], scope: Scope | None, covered: bool) -> bool:
    """The question is about the county's plan, which no library of national laws holds.

    A plan item found first speaks for the plan only when it has the question's words (``covered``):
    "年底前要完成哪些工作" is; "结婚登记要带哪些证件", whose nearest item is about 执法证件, is 婚姻登记条例's.
    """
    return (intent.plan or wants_plan(question) or (scope is not None and scope.name == "plan")
            or (hits[0].clause.kind == "plan_item" and covered))


def _compose_comparison(question: str, comparison: Comparison, retriever: Retriever, k: int, mode: str | None,
                        scope: Scope | None) -> Answer | None:
    """ "行政许可和行政处罚有什么区别": each side asked on its own, the two cited answers one after the other.

    None unless each side has a clause of its own: the question is then answered as it stands, so
    "刑法和民法典" (neither held, one article naming both) gets what any question would, hint included.
    """
    tables = _tables(retriever)
    if all(asked_units(side, tables.plan_units) for side in (comparison.first, comparison.second)):
        # "司法局和信访局的职责有什么不同": two units of the plan, compared by the items each leads or shares.
        both = _compose_unit_tasks(f"{comparison.first}和{comparison.second}分别承担哪些工作", retriever, scope)
        if both is not None:
            both.question = question
            return both
    names = tables.doc_names
    sides: list[tuple[str, Answer]] = []
    for side in (comparison.first, comparison.second):
        asked = comparison.side_question(side)
        sides.append((side, _compose_single(asked, detect_intent(asked, names), retriever, k, mode, scope, "")))
    cited = [{(c.doc_id, c.clause) for c in ans.citations} for _, ans in sides]
    if any(ans.abstained for _, ans in sides) or cited[0] == cited[1]:
        return None
    text = "\n".join(f"关于“{side}”：{ans.answer}" for side, ans in sides)
    citations = _dedupe([c for _, ans in sides for c in ans.citations])
    used = {(c.doc_id, c.clause) for c in citations}
    related = [c for c in _dedupe([c for _, ans in sides for c in ans.related]) if (c.doc_id, c.clause) not in used]
    return Answer(question=question, answer=text, abstained=False, citations=citations, related=related,
                  intent="compare")


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, str]] = set()
    out: list[Citation] = []
    for c in citations:
        if (c.doc_id, c.clause) not in seen:
            seen.add((c.doc_id, c.clause))
            out.append(c)
    return out


def _compose_cross(question: str, intent: Intent, retriever: Retriever, k: int, mode: str | None,
                   outside: str) -> Answer:
    """A plan part and a law part: search each where it belongs and answer both, citing both."""
    plan_part, law_part = intent.parts
    # The plan part's own words go to BM25, but the models embed the whole question, once for both
    # searches: a second encoding was the slowest step of the slowest 5% of questions (46-62 ms
    # a two-part question, against 42 ms for the next slowest), and on the dev split's two-part
    # questions the plan part's own vectors gave the very same answers.
    plan_hits = retriever.search(plan_part, k=k, mode=mode, scope=Scope(name="plan"), embed=question)
    law_hits = retriever.search(question, k=k, mode=mode, scope=Scope(name="regulations"))
    all_hits = _interleave(law_hits, plan_hits)
    if not all_hits:
        return Answer(question=question, answer=NO_BASIS, abstained=True, intent="cross")
    reason = outside or missing_clause(question, retriever)
    if not reason and should_abstain(confidence(question, all_hits, retriever, top=4), retriever.cfg):
        reason = "low_evidence"
    if reason:
        return _abstain(question, all_hits, "cross", retriever, reason)
    general = Intent(kind="general")
    law_intent = Intent(kind=intent.kind, cues=intent.cues, target=intent.target)
    pieces: list[tuple[str, Hit]] = []
    # "……旗里这项工作谁牵头？": the plan's side is the item's units, then its words on the rest.
    plan_intent = detect_intent(plan_part, _tables(retriever).doc_names)
    who = (_plan_responsibility(plan_hits[:1], plan_intent)
           if plan_hits and plan_intent.kind == "responsibility" else None)
    if who is not None:
        plan_piece = _with_asked_content(plan_part, who, retriever)
    else:
        plan_piece = (_extract(plan_part, plan_hits, retriever, general, context=law_part, searched=question)
                      if plan_hits else None)
    law_piece = (_extract(law_part, law_hits, retriever, law_intent, context=plan_part, searched=question)
                 if law_hits else None)
    if plan_piece is not None:
        # "计划要求严格执行重大行政决策程序，条例规定公开征求意见的期限是多久": the item's sentence on what the
        # law part asks of (its 征求意见 and 公众参与) is the plan's side of that question too.
        also = _evidence(law_part, plan_piece[1].clause, retriever)
        if also and strip_label(also).rstrip("。") not in plan_piece[0]:
            plan_piece = (plan_piece[0] + "……" + also, plan_piece[1])
        pieces.append(("计划方面：" + plan_piece[0], plan_piece[1]))
    if law_piece is not None:
        pieces.append(("法规方面：" + law_piece[0], law_piece[1]))
    if not pieces:
        return _abstain(question, all_hits, "cross", retriever)
    return _build(question, pieces, all_hits, "cross", retriever)
