"""Question understanding: what kind of answer a question wants, by transparent rules.

Staff ask four kinds of questions, and each is answered differently:

* ``responsibility`` — 谁牵头 / 哪个部门负责 / 责任单位是谁: the answer is the
  parsed 牵头单位 / 责任单位 of a plan item (or, for a law, the sentence naming the
  competent department);
* ``lookup`` — 行政复议法第二十条 / 计划第十八项 (and nothing more specific): the
  clause text itself;
* ``number`` — 多少日 / 几天 / 期限 / 多少学时 / 比例: the sentence carrying the figure;
* ``general`` — everything else: the best sentences of the best clauses.

A question may also span the plan and a law ("计划要求……，法律规定的期限是多少？");
``split_cross`` cuts it into the plan part and the law part. Everything here is
a pure function of the question text, so it is cheap and easy to test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chunking import split_sentences
from .lawnames import LAW_NAME_RE, MIN_NAME_CHARS, is_subsequence, law_mentions, name_forms
from .lookup import ARTICLE_REF_RE, ITEM_REF_RE, PLAN_WORDS
from .numerals import cn_to_int
from .records import Clause

# -- cue lexicons ---------------------------------------------------------------------------------

# "Who is in charge" phrasings. 谁 alone is not enough ("向谁汇报" asks for a recipient), and
# "部门之间谁管什么" asks how the work is divided, not who leads it. 哪些办法 / 哪个办理 / 哪些委托 name no office.
RESPONSIBILITY_RE = re.compile(
    r"牵头|挑头|责任单位|主责单位|责任部门|主管部门|负责部门|"
    r"(?:哪个|哪些|哪一个|哪家|什么|啥)(?:部门|单位|机关|机构)|(?:哪个|哪些|哪一个|哪家)(?:局(?!面)|办(?![法理事])|委(?!托))|谁负总责|"
    r"(?:由谁|谁)(?:来|去)?(?:负责|牵头|主管|管理|管|抓|推进|落实|查处|组织实施|组织|指导|建立|建设|建|搞)"
    r"(?![^，,。？?！!]{0,2}(?:什么|啥))|归谁|"
    r"归(?:哪个|哪些|哪一个|什么)"
)
# Cues that name an office rather than ask for one, and the words that ask for one.
_OFFICE_NAMES = frozenset({"主管部门", "负责部门", "责任部门"})
_WHO_ASKED_RE = re.compile(r"谁|哪个|哪些|哪家|哪一个|哪一级|什么部门|啥部门")
# The question asks specifically about 责任单位 (not the lead).
RESPONSIBLE_ONLY_RE = re.compile(r"责任单位|责任部门|配合单位|参与单位")
# Wording that points at a plan item rather than a statute.
PLAN_CUE_RE = re.compile(r"牵头|挑头|责任单位|计划|今年|2024年|这项工作|这项任务|工作任务|旗里|我旗|全旗")
# Wording that points at a statute's competent authority (主管/查处/指导 are statute verbs).
LAW_CUE_RE = re.compile(
    r"主管|查处|指导|监督管理|组织实施|县级|县里|县一级|市级|省级|国务院|法律|法规|条例|[^办做说方立违合依执守普]法(?![治人官院])|"
    # where one applies or sues ("行政复议应该向哪个机关申请"): a statute's jurisdiction, not a plan item's lead unit
    r"向(?:哪个|哪一?级|哪家|谁|哪里|哪儿)[^，。？]{0,8}(?:申请|提出|起诉|提起)"
    r"|(?:申请|提出|提起)[^，。？]{0,8}(?:向|找|到)(?:哪个|哪一?级|哪家|谁|哪里|哪儿)"
)

# An amount asked for: "金额标准是多少", not "罚款数额大的话可以要求听证吗", which names one and asks for none.
_AMOUNT_ASKED = r"(?:金额|数额)[^，,。？?]{0,4}?(?:多少|多大)"
# "有几个人自称执法的来我店里，……能不让他们查吗": a piece that opens with 有几 and goes on past a comma
# tells of some people; "有几个责任单位？" asks how many.
_SOME_RE = r"(?!(?:(?<=^有)|(?<=[，,。？?；;！!]有))几[^，,。？?；;！!]*[，,；;])"
# Questions that ask for a figure: a period, a count, an amount, a ratio, a level, a date. "分几次交" asks
# whether one may pay in parts, not how many; "那几天没上班" names some days and "二十几天" about how
# many, neither asks how many; nor do "连续几年", "过了几天" and "前几年" (but "提前几天" does), which tell
# of time gone by.
# A day asked ("推进会定在哪天召开"); not "从哪天起生效", which asks the event it starts from, nor
# "怕政府哪天把厂子征收了" or "万一哪天出了事", which fear a day to come.
_DAY_ASKED = r"(?<!万一)(?<!要是)(?<!如果)(?<!说不定)哪一?[天日](?![起开把])"
# "多少有点限制竞争" is "somewhat", as is "多多少少"; not a figure.
NUMBER_CUE_RE = re.compile(
    rf"(?<!多)多少(?!少|有点|有些|带点|沾点|会有)|(?<![那这好十哪续着近])(?<!过了)(?<![^提]前)(?<!^前){_SOME_RE}几(?:天|日|个|年|月|级|名|倍|小时|周|类|种)(?![来的])|(?<![分那这好十]){_SOME_RE}几次|"
    r"(?<!没)多久|多长|期限|时限|时效|学时|比例|百分之|"
    rf"几成|什么时候|啥时候|何时|哪一年|哪年|{_DAY_ASKED}|截止|不少于|不超过|最多|最少|最长|最短|罚多少|{_AMOUNT_ASKED}|分为几|"
    r"几点|第几名|排第几|排名第几"
)
_NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万]+"
_CALENDAR_YEAR = r"(?:[0-9０-９]{4}|[零〇一二三四五六七八九]{4})年"
# A figure as the documents write it: 六十日, 60学时, 100%, 20个工作日, ３日内, 五万元, 四级, 年底前.
NUMBER_RE = re.compile(
    rf"(?:{_NUM})\s*(?:个工作日|个月|日|天|小时|周|年|学时|课时|%|％|万元|元|级|名|倍|次|人|个)|"
    r"百分之[零一二三四五六七八九十百点]+|年底前|年内|月底前|当日"
)

# A question that names a clause and asks nothing more than "what does it say".
LOOKUP_REST_RE = re.compile(
    r"^(?:的)?(?:内容|规定|条文|原文|全文|讲|说|写|规定了|讲了|说了|写了|讲的|说的|写的|是|的是|指|主要|具体|有)*"
    r"(?:什么|啥|哪些|些什么|什么内容|哪些内容|的内容|内容是什么|是什么内容|怎么规定|如何规定|怎么说|讲什么)?"
    # "（二十二）讲了哪些任务": the item's tasks are the item
    r"(?:内容|规定|任务|工作|要求)?[吗呢啊呀]?$"
)
_REF_STRIP_RE = re.compile(r"[《》“”\"'‘’（）()？?！!。，,、；;：:\s]")

# Splits a question into clauses of speech for two-part (plan + law) questions.
_PART_SPLIT_RE = re.compile(r"[，,；;？?。！!]")
# Sub-questions are split at "、" too: "年度报告报送给谁、包括哪些内容" asks two things; a list before
# a question ("罚款、没收违法所得有什么区别") asks nothing in its first piece, which joins the next.
_ASKED_SPLIT_RE = re.compile(r"[，,；;？?。！!、]")
# A law part names a law ("行政诉讼法对……", "反不正当竞争法又规定……", "按条例", "法律上") or asks for a figure.
_BY_NAME = r"[\u4e00-\u9fff]{2}法(?:[又也还则就]?规定|对|中|里|上|怎么|如何|第|是|关于)"
_LAW_PART_RE = re.compile(rf"法律|法规|条例|规章|按照?(?:有关|相关|国家)?规定|{_BY_NAME}")
# A law named outright: "法律上", "按照《……条例》", "行政复议法规定"; not 法律顾问 or 法律援助, which the plan speaks of.
_LAW_NAMED_RE = re.compile(rf"法律(?:上|规定|里|中|对|是)|法规|条例|规章|《[^》]*(?:法|条例|规定|办法)》|{_BY_NAME}")
# This year's work of the banner's own: "旗里今年定的出庭应诉率目标"; not "今年有变化吗".
_OWN_WORK_RE = re.compile(r"旗里|我旗|全旗|咱旗|目标|任务")
# "我们……今年要公开什么目录": staff speaking of their own work this year, which is the plan's.
_WE_RE = re.compile(r"我们|咱们")
# "按照行政复议法，……", "按国务院规定，……", "那按复议法，……": what follows is asked of a law.
_BY_LAW_RE = re.compile(r"^(?:那|另外|再|还)?(?:按照?|依照?|根据|依据)[^，。？]{0,16}(?:法|条例|规定|办法)$")
_QUESTION_RE = re.compile(r"什么|怎么|怎样|如何|多少|多久|多长|哪|几|吗|是否|谁|能否|能不能|要不要|啥|有何|何种|何时|为何")


@dataclass(frozen=True)
class Intent:
    """What a question asks for, with the cue words that decided it (shown in the UI and tests)."""

    kind: str  # "responsibility" | "lookup" | "number" | "general"
    cues: tuple[str, ...] = ()  # the matched cue words, in question order
    target: str = ""  # responsibility: "lead" | "responsible"; else ""
    plan: bool = False  # responsibility: the question is about a plan item (search the plan)
    reference: bool = False  # the question names a clause (第二十条, 第十八项, （五）)
    parts: tuple[str, ...] = ()  # cross questions: (plan part, law part)

    @property
    def cross(self) -> bool:
        return len(self.parts) == 2


def _cues(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)]


def has_reference(question: str) -> bool:
    """Does the question name a clause by number (第二十条, 第十八项, （五）)?"""
    return bool(ARTICLE_REF_RE.search(question) or ITEM_REF_RE.search(question))


def reference_rest(question: str, doc_names: tuple[str, ...] = ()) -> str:
    """The question with the clause reference and document names removed: what else it asks."""
    q = question
    for name in sorted({*doc_names, *law_mentions(question)}, key=len, reverse=True):
        q = q.replace(name, "")
    # Shortened names too (复议法第二十条, 行诉法第四十六条): with the reference they only say where to look.
    q = LAW_NAME_RE.sub("", q)
    q = _ARTICLE_PARAGRAPHS_RE.sub(lambda m: "" if "款" in m.group(2) else m.group(0), q)
    q = ARTICLE_REF_RE.sub("", q)
    q = PARAGRAPH_REF_RE.sub("", q)
    q = ITEM_REF_RE.sub("", q)
    for w in sorted(PLAN_WORDS, key=len, reverse=True):
        q = q.replace(w, "")
    q = re.sub(r"20\d\d年?(?:的)?", "", q)
    q = re.sub(r"^(?:请问|请|麻烦)?(?:查|看|看看|查一下|查查|查询)?(?:一下)?", "", q)
    # What joined two references ("第一款和第二款", "第二十条、第二十一条") asks nothing itself.
    return re.sub(r"^(?:和|及|与|以及|、|，|,|\s)+", "", _REF_STRIP_RE.sub("", q))


# "第二十条第二款": the paragraph (款) of the article named just before it.
_PARAGRAPH_NUM = r"[零〇一二两三四五六七八九十]+|\d+"
PARAGRAPH_REF_RE = re.compile(rf"第\s*({_PARAGRAPH_NUM})\s*款")
_CONNECTOR = r"\s*(?:和|及|与|以及|、|，|,)\s*"
# "第二十条第一款和第二款", "第二十条第一、二款": several 款 of one article.
_ARTICLE_PARAGRAPHS_RE = re.compile(
    rf"{ARTICLE_REF_RE.pattern}\s*(第\s*(?:{_PARAGRAPH_NUM})\s*款?(?:{_CONNECTOR}第?\s*(?:{_PARAGRAPH_NUM})\s*款?)*)"
)
_PARAGRAPH_NUM_RE = re.compile(_PARAGRAPH_NUM)


def paragraphs_asked(question: str) -> tuple[int, ...]:
    """The 款 a question names right after an article (第二十条第二款 → (2,); 第一款和第二款 → (1, 2))."""
    m = _ARTICLE_PARAGRAPHS_RE.search(question)
    if not m or "款" not in m.group(2):
        return ()
    numbers = (cn_to_int(n) for n in _PARAGRAPH_NUM_RE.findall(m.group(2)))
    return tuple(dict.fromkeys(n for n in numbers if n))


def is_plain_lookup(question: str, doc_names: tuple[str, ...] = ()) -> bool:
    """A reference with nothing more specific asked: "行政复议法第二十条", "计划第十八项讲了什么"."""
    if not has_reference(question):
        return False
    rest = reference_rest(question, doc_names)
    rest = re.sub(r"^(?:中|里|里面|的|中的)", "", rest)
    rest = re.sub(r"^(?:这一?条|这一?项|该条|该项)", "", rest)
    return bool(LOOKUP_REST_RE.match(rest))


# What makes a piece of a question ask something; wider than _QUESTION_RE, which finds a cross question's law part.
# Any "X不X" asks too: "组不组织应急演练", "赔不赔", "算不算数".
# 啥 and 咋 are 什么 and 怎么 as spoken: "对行政争议调解提的要求是啥" asks as much as "……是什么".
# So does a piece ending in 不 or 没, as spoken: "今年旗里组织应急演练不" is "组不组织应急演练".
_ASKS_RE = re.compile(_QUESTION_RE.pattern + r"|会不会|有没有|可不可以|需不需要|呢|啥|咋|([\u4e00-\u9fff])不\1|[不没]$")


def asked_parts(question: str) -> tuple[str, ...]:
    """The sub-questions of a question that asks two things at once, each with its own question word.

    "人民调解委员会由几名委员组成，成员构成上有什么要求？" → ("人民调解委员会由几名委员组成",
    "成员构成上有什么要求"); a single question gives (). A part that asks nothing ("我家被罚了三万块")
    joins the next part, as the situation that part asks about.
    """
    parts: list[str] = []
    pending = ""
    for piece in _ASKED_SPLIT_RE.split(question):
        piece = piece.strip()
        if not piece:
            continue
        if _ASKS_RE.search(piece):
            parts.append(f"{pending}，{piece}" if pending else piece)
            pending = ""
        else:
            pending = f"{pending}，{piece}" if pending else piece
    return tuple(parts) if len(parts) >= 2 else ()


def split_cross(question: str) -> tuple[str, str] | None:
    """(plan part, law part) when one part speaks of the plan and another asks about a law.

    "计划要求发挥行政复议主渠道作用，法律规定的复议申请期限是多少？" →
    ("计划要求发挥行政复议主渠道作用", "法律规定的复议申请期限是多少"). The law may be named in the piece
    before the one that asks ("按照《重大行政决策程序暂行条例》，什么情况下可以组织决策后评估"); a plan
    part that asks itself ("计划对出庭应诉率提了什么目标？法律上负责人不能出庭的怎么办") needs a law named
    in the other part, as does a law part asked first ("行政复议法规定的期限是多久？计划里这项工作谁牵头").
    """
    parts = [p.strip() for p in _PART_SPLIT_RE.split(question) if p.strip()]
    if len(parts) < 2:
        return None
    plan_idx = next((i for i, p in enumerate(parts) if any(w in p for w in PLAN_WORDS)), None)
    if plan_idx is None:
        lead = _split_who_leads(parts)
        if lead is not None:
            return lead
        # "……法律上是怎么要求的？旗里今年定的出庭应诉率目标是多少？": this year's target is the plan's,
        # asked after a part that names a law, or before it ("……目标是多少？如果负责人出不了庭，行政诉讼法怎么规定？").
        this_year = next((i for i, p in enumerate(parts)
                          if "今年" in p and _QUESTION_RE.search(p) and (_OWN_WORK_RE.search(p) or _WE_RE.search(p))), None)
        if this_year is None:
            return None
        law = [j for j in range(len(parts))
               if j != this_year and _QUESTION_RE.search(parts[j])
               and (_LAW_NAMED_RE.search(parts[j]) or _asks_of_its_own(parts[j]))]
        if not law:
            return None
        j = max((i for i in law if i < this_year), default=law[0])
        # a law part after it takes the pieces before it that tell its case ("如果负责人出不了庭")
        return _cut(parts, _case_start(parts, j, this_year) if j > this_year else j, j)
    # The plan part usually states what the plan requires and does not itself ask.
    plan_asks = bool(_QUESTION_RE.search(parts[plan_idx]))
    for j in range(len(parts) - 1, plan_idx, -1):
        part = parts[j]
        if any(w in part for w in PLAN_WORDS) or not _QUESTION_RE.search(part):
            continue
        start = j
        while (start - 1 > plan_idx and not _QUESTION_RE.search(parts[start - 1])
               and (plan_asks or _LAW_NAMED_RE.search(parts[start - 1]) or _BY_LAW_RE.match(parts[start - 1]))):
            start -= 1
        law = "，".join(parts[start:j + 1])
        named = _LAW_NAMED_RE.search(law) or any(_BY_LAW_RE.match(p) for p in parts[start:j + 1])
        if named or (not plan_asks and (_LAW_PART_RE.search(part) or NUMBER_CUE_RE.search(part))):
            return _cut(parts, start, j)
    for j in range(plan_idx):
        if _QUESTION_RE.search(parts[j]) and _LAW_NAMED_RE.search(parts[j]):
            return _cut(parts, j, j)
    # "……这项工作计划里谁牵头？公安收到我们移送的案件后几天内要审查？": a who-leads plan part that asks, beside
    # a figure asked of something else, as without the word 计划.
    return _split_who_leads(parts)


# The characters a law part has besides its question words, for a subject of its own ("多长时间完成" has 4).
_OWN_SUBJECT_CHARS = 6


def _split_who_leads(parts: list[str]) -> tuple[str, str] | None:
    """(plan part, law part) when one part asks who leads a work (牵头 is the plan's word) and another asks
    a figure or a law of something else: "旗里推进行政复议工作由哪个单位牵头？老百姓对行政行为不服，申请复议的
    期限一般是多少天？". A part on this year's work of the banner ("今年要办结多少件") is the plan's too."""
    lead = next((i for i, p in enumerate(parts) if "牵头" in p and _QUESTION_RE.search(p)), None)
    if lead is None:
        return None
    for j in range(len(parts) - 1, -1, -1):
        part = parts[j]
        if j == lead or "牵头" in part or not _QUESTION_RE.search(part) or "今年" in part or _OWN_WORK_RE.search(part):
            continue
        # the pieces before it that ask nothing tell its case ("老百姓对行政行为不服") or name its law ("另外按行政复议法")
        start = _case_start(parts, j, lead)
        law = "，".join(parts[start:j + 1])
        if not (NUMBER_CUE_RE.search(part) or _LAW_PART_RE.search(law)
                or any(_BY_LAW_RE.match(p) for p in parts[start:j + 1])):
            continue
        # A part with no subject of its own ("谁牵头，多长时间完成") asks about the same work.
        if not _has_own_subject(law):
            return None
        return _cut(parts, start, j)
    return None


def _asks_of_its_own(part: str) -> bool:
    """Does ``part`` ask a figure or a rule of a subject of its own, not of this year's work of the banner?

    "……今年要公开什么目录？送合法性审查的话一般要留出多少审查时间": the time is 条例第二十六条's, though no law
    is named; "……谁牵头，多长时间完成" asks the same work's time.
    """
    if "今年" in part or _OWN_WORK_RE.search(part) or not (NUMBER_CUE_RE.search(part) or _LAW_PART_RE.search(part)):
        return False
    return _has_own_subject(part)


def _has_own_subject(part: str) -> bool:
    """Has ``part`` enough words of its own besides its question and figure words ("多长时间完成" has not)?"""
    return len(_QUESTION_RE.sub("", NUMBER_CUE_RE.sub("", part))) >= _OWN_SUBJECT_CHARS


def _case_start(parts: list[str], j: int, stop: int) -> int:
    """Where the law part ending at ``parts[j]`` starts: the pieces before it that ask nothing are its case,
    back to the first piece or to ``stop``, the plan part's piece."""
    start = j
    while start - 1 >= 0 and start - 1 != stop and not _QUESTION_RE.search(parts[start - 1]):
        start -= 1
    return start


def _cut(parts: list[str], start: int, end: int) -> tuple[str, str]:
    """(the other pieces, pieces ``start``..``end``), each joined as one part."""
    return "，".join(p for i, p in enumerate(parts) if not start <= i <= end), "，".join(parts[start:end + 1])


def detect_intent(question: str, doc_names: tuple[str, ...] = ()) -> Intent:
    """Classify a (cleaned) question; ``doc_names`` are the corpus' document names, longest first.

    Order matters: a two-part question is split first; a plain clause reference is a
    lookup; then who-is-responsible, then figures; the rest is general.
    """
    ref = has_reference(question)
    cross = split_cross(question)
    if cross is not None:
        law_kind = detect_intent(cross[1], doc_names)
        return Intent(kind=law_kind.kind, cues=law_kind.cues, target=law_kind.target, plan=False,
                      reference=ref, parts=cross)
    if ref and is_plain_lookup(question, doc_names):
        return Intent(kind="lookup", cues=tuple(_cues(ARTICLE_REF_RE, question) + _cues(ITEM_REF_RE, question)),
                      reference=True)
    resp = _cues(RESPONSIBILITY_RE, question)
    if (resp and set(resp) <= _OFFICE_NAMES and (wants_yes_no(question) or number_cues(question))
            and not _WHO_ASKED_RE.search(question)):
        # "我找旗里主管部门申请处理……，能告他们不作为吗", "……他们拖多久不处理，我就可以去法院告": the office
        # is in the story; the question asks whether or how long
        resp = []
    if resp and wants_penalty(question) and not any("牵头" in c for c in resp):
        # "哪个部门瞒报了信息，……相关负责人会怎么样": what befalls them, whoever they are. Not "这项谁牵头？
        # 投促中心要不要担责任": 牵头 is the plan's word, and the 责任 is the item's 责任单位.
        resp = []
    if resp:
        target = "responsible" if RESPONSIBLE_ONLY_RE.search(question) and "牵头" not in question else "lead"
        return Intent(kind="responsibility", cues=tuple(resp), target=target,
                      plan=is_plan_responsibility(question, doc_names), reference=ref)
    nums = number_cues(question)
    if nums:
        return Intent(kind="number", cues=tuple(nums), reference=ref)
    return Intent(kind="general", reference=ref)


_A_FEW_RE = re.compile(r"几(?:个|名|位)")
# "村里几个小伙子抗洪时……，有没有表彰奖励" and "几个局联合发文件的时候，……由谁来做": 几个 opening a
# piece, or after a place or a companion, tells who took part when a later piece asks the question.
_A_FEW_BEFORE = "里们和与跟同及"


# "办理期限是按日历天数算还是按工作日算": how a period is counted, which the law states in words
# ("以工作日计算，不含法定节假日"); asked as a figure, the figure check refused that clause for having none.
_PERIOD_NAMES = frozenset({"期限", "时限", "时效"})
_COUNTING_RE = re.compile(r"怎么算|怎样算|如何算|怎么计算|如何计算|算不算|按[^，,。？?；;]{1,8}算|包不包括|是否包括|含不含|算在里面")


# The A-not-A forms of a yes-or-no question (not 是否, not 吗: see ``number_cues``).
_A_NOT_A_RE = re.compile(r"能不能|可不可以|能否|可否|要不要|需不需要|用不用|行不行|会不会|有没有")
_YES_NO_RE = re.compile(rf"吗[？?！!。\s]*$|是否|{_A_NOT_A_RE.pattern}")


def wants_yes_no(question: str) -> bool:
    """Is it a yes-or-no question (可以委托其他组织实施行政处罚吗, 要不要经过合法性审查)?"""
    return bool(_YES_NO_RE.search(question))


def number_cues(question: str) -> list[str]:
    """The words that ask for a figure, by piece of the question.

    几个 in a piece that ``wants_yes_no`` reads as yes-or-no means "a few" ("能不能把我舅舅和几个老邻居
    也叫来"), not "how many", and a piece that ends in 吗 asks whether ("罚多少能由局长一个人拍板吗").
    Not 是否 for the others: "多少天内决定是否受理" asks how many days. 几个 opening a piece that
    another piece follows tells who took part ("几个局联合发文件的时候，由谁审查").
    """
    cues: list[str] = []
    for m in NUMBER_CUE_RE.finditer(question):  # the whole question: 有几…， reads past its piece
        start = max((p.end() for p in _PART_SPLIT_RE.finditer(question, 0, m.start())), default=0)
        end = _PART_SPLIT_RE.search(question, m.end())
        piece = question[start : end.start() if end else len(question)]
        a_few = _A_FEW_RE.fullmatch(m.group(0)) is not None
        goes_on = end is not None and end.group() in "，,；;" and _PART_SPLIT_RE.sub("", question[end.end():]).strip() != ""
        told = a_few and goes_on and (m.start() == start or question[m.start() - 1] in _A_FEW_BEFORE)
        if piece.endswith("吗") or (a_few and wants_yes_no(piece)) or told:
            continue
        if m.group(0) in _PERIOD_NAMES and _COUNTING_RE.search(question):
            continue
        # "办理时限能不能压缩" asks whether, as "时限能压缩吗" does; 是否 is left out for the reason above.
        if m.group(0) in _NARRATIVE_NOUNS and _A_NOT_A_RE.search(piece):
            continue
        if m.group(0) in _NARRATIVE_NOUNS and not _ASKS_RE.search(piece) and _ASKS_RE.search(question):
            continue
        cues.append(m.group(0))
    return cues


# Nouns that ask for a figure only in the piece that asks: "过了期限也没办完，会受到什么处理" tells the
# story with 期限 and asks the sanction; "财政把罚款按比例返给他们，怎么追责" the same with 比例.
_NARRATIVE_NOUNS = frozenset({"期限", "时限", "时效", "比例", "学时"})


def is_plan_responsibility(question: str, doc_names: tuple[str, ...] = ()) -> bool:
    """Is a who-is-responsible question about a plan item (vs. a statute's competent department)?

    牵头/责任单位/计划 speak of the plan; 主管/查处/指导/县级/a law's name speak of a
    statute. Plain "哪个部门负责" defaults to the plan: that is what staff mostly ask.
    """
    if PLAN_CUE_RE.search(question):
        return True
    q = question.replace("《", "").replace("》", "")
    if any(name in q for name in doc_names):
        return False
    return not LAW_CUE_RE.search(question)


def has_number(text: str) -> bool:
    """Does a sentence carry a figure (a period, an amount, a ratio, a level, a date)?"""
    return bool(NUMBER_RE.search(text))


# -- what the corpus cannot cover: laws it does not hold, plans of other years, figures it lacks ---

_YEAR_RE = re.compile(r"(20\d\d)\s*年")


def unknown_law(question: str, known_names: tuple[str, ...]) -> str:
    """The first law the question names that is not in the corpus ("" when none).

    A name counts as known when it contains a document's name (按行政复议法), or when one of its
    forms (``lawnames.name_forms``: the whole mention, or its tail after a lead word such as 根据)
    is part of a document's name or shortens it (复议法, 信访条例 for 信访工作条例). 刑事诉讼法 is
    unknown although it ends in 诉讼法: what precedes the tail is the head of another name.
    """
    joined = None
    for name in law_mentions(question):
        name = name.removeprefix("中华人民共和国")
        if name in PLAN_WORDS:  # "《计划》（十八）": the plan by its generic name, not a law
            continue
        if len(name) < MIN_NAME_CHARS:  # 宪法, 刑法: too short to shorten anything, so known only as themselves
            if name not in known_names:
                return name
            continue
        forms = [form for _, form in name_forms(name)] or [name]
        # A plain substring is the usual case and one C-level search over all names; the
        # character-by-character subsequence test is only for shortened names, as it costs
        # milliseconds against the thousands of names of a large corpus.
        joined = joined if joined is not None else "\n".join(known_names)
        if any(f in joined for f in forms) or any(k in name for k in known_names if len(k) >= 3):
            continue
        if not any(is_subsequence(f, k) for f in forms for k in known_names):
            return forms[-1]
    return ""


# Years said relative to the plan staff work on: 今年 is its year (``QUESTION_FRAME_WORDS``), so 明年 is the next.
_RELATIVE_YEARS = {"明年": 1, "下一年": 1, "后年": 2, "去年": -1, "上一年": -1, "前年": -2}
_RELATIVE_YEAR_RE = re.compile("|".join(sorted(_RELATIVE_YEARS, key=len, reverse=True)))
_THIS_YEAR_RE = re.compile(r"今年|本年")


def _names_plan(after: str, plan_titles: tuple[str, ...]) -> bool:
    """Does a relative year name a plan: is it followed by 计划 with only a plan title's words between?

    "去年的法治政府建设计划" does; "去年有两个案子败诉了，计划对败诉有什么要求" sets a scene and asks this
    year's plan.
    """
    words = set("".join(plan_titles)) | set("的度")
    head = after.split("计划", 1)[0]
    return "计划" in after and all(ch in words for ch in head)


# A year's 法治政府建设 is that year's plan and report, without the word 计划: "2025年……法治政府建设有哪些新任务".
_YEAR_OF_WORK_RE = re.compile(_YEAR_RE.pattern + r"[^，,。？?]{0,10}法治政府建设")


def other_year_plan(question: str, plan_titles: tuple[str, ...]) -> str:
    """A year's plan the question asks about that the corpus does not hold ("2025" for a 2024 plan).

    "明年的计划什么时候出" asks for the year after the newest plan held; "今年的计划比去年多了什么" asks
    about this year's, which is held, so a relative year beside 今年 is not the one asked.
    """
    if "计划" not in question and not _YEAR_OF_WORK_RE.search(question):
        return ""
    years = _YEAR_RE.findall(question)
    held = [int(y) for t in plan_titles for y in _YEAR_RE.findall(t)]
    if held and not _THIS_YEAR_RE.search(question):
        years += [str(max(held) + _RELATIVE_YEARS[m.group(0)]) for m in _RELATIVE_YEAR_RE.finditer(question)
                  if _names_plan(question[m.end():], plan_titles)]
    for year in years:
        if not any(year in t for t in plan_titles):
            return year
    return ""


# A past year's results: "2023年全旗复议案件收了多少件", "去年出庭应诉率实际是多少". A plan states
# targets and laws state rules; neither counts what was done. The plan's own year is not past.
# So are the plan year's own results so far: "今年上半年出庭应诉率实际达到了多少" (the plan sets 100% as the aim).
_SO_FAR = "上半年|下半年|[一二三四]季度|前三季度|今年以来|截至目前|(?:到)?目前为止"
_PAST_YEAR_RE = re.compile("|".join([_YEAR_RE.pattern, *(y for y, step in _RELATIVE_YEARS.items() if step < 0), "上年度",
                                     _SO_FAR]))
_RESULT_RE = re.compile(r"实际|完成了|达到了|(?:多少|几)(?:件|起|个案|宗)")


def past_results(question: str, plan_titles: tuple[str, ...]) -> str:
    """The past year (or the part of this one gone by) whose results (counts, rates achieved) are asked, or ""."""
    for m in _PAST_YEAR_RE.finditer(question):
        year = m.group(0)
        if year[:4].isdigit() and any(year[:4] in t for t in plan_titles):
            continue
        if _RESULT_RE.search(question, m.end(), m.end() + 30):
            return year.replace(" ", "")
    return ""


# "巴彦淖尔市法治政府建设计划": a place's plan. 全旗, 本市 and the like are the held plan's own place.
_PLACE_PLAN_RE = re.compile(
    r"([\u4e00-\u9fff]{2,9}?(?:自治区|自治州|自治县|自治旗|省|市|盟|县|区|旗))(?:的)?(?:20\d\d年度?)?(?:的)?"
    r"(?:法治政府建设|法治建设|依法行政)?(?:工作)?(?:计划|规划|方案|要点)"
)
_PLACE_LEAD_RE = re.compile(r"^(?:请问|关于|根据|按照|对于|对|在|和|与|跟|同|那|这|看看|查查|查)+")
_NOT_A_PLACE_RE = re.compile(r"^[全我本各该此同上下其]")
# "内政办发〔2024〕14号在咱们旗的计划里": our own banner, told after something else.
_OWN_PLACE_RE = re.compile(r"咱|我们|俺|本旗|我旗")


def other_place_plan(question: str, plan_titles: tuple[str, ...]) -> str:
    """A place whose plan the question asks about when the corpus holds no plan of that place ("巴彦淖尔市")."""
    for m in _PLACE_PLAN_RE.finditer(question):
        place = _PLACE_LEAD_RE.sub("", m.group(1))
        if len(place) < 3 or _NOT_A_PLACE_RE.match(place) or _OWN_PLACE_RE.search(place):
            continue
        if not any(place in t for t in plan_titles):
            return place
    return ""


# An article as stored opens with its label ("第二条 "), which is not part of what it says.
_ARTICLE_LABEL = r"(?:第[^条\s]{1,8}条\s*)?"
# A length of time in any unit ("15个工作日", "六十日", "60学时"), which both "how long" and "when" accept.
_LENGTH = rf"(?:{_NUM})\s*(?:个工作日|个月|日|天|小时|周|年|学时|课时)"
# The kind of figure a number question asks for, and how the documents write that kind.
# "多少" after a fee or a fine asks a sum unless a unit follows: "罚款在多少天内缴纳" asks a period.
_NOT_A_SUM = r"(?!天|日|个|年|小时|次|人|名)"
_FIGURE_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    # A document's number: "那个管理办法文号是多少" is answered by "（内政办发〔2024〕14号）" alone.
    ("docno", re.compile(r"文号|发文字号|几号文|哪一?号文"), re.compile(r"[〔\[［(（]\s*[0-9０-９]{4}\s*[〕\]］)）]\s*[0-9０-９]+\s*号")),
    # A named fee: "律师费一般收多少", "要交多少案件受理费", "信息处理费……收多少钱". Only a sum answers it:
    # "依申请提供政府信息，不收取费用" is no answer to what 信息处理费 costs. Not 党费的比例 (a share).
    ("fee", re.compile(r"(?<![交收付缴])费(?!用)[^。？?比率]{0,16}(?:多少|几)" + _NOT_A_SUM +
                       r"|(?:交|收|付|缴)多少(?:钱)?[^。？?，,]{0,6}费(?!用)"), re.compile(r"元")),
    # "罚款超过多少要听证" asks a sum; "罚款要在多少天内缴纳" a period, which names its unit.
    # So is a sum paid out: "社会监督员有没有补贴，一个月给多少" is not answered by a plan item with no sum.
    # "每天加罚多少" asks the surcharge's rate (每日按罚款数额的百分之三), not a sum.
    ("money", re.compile(rf"多少钱|(?<!加)罚多少|{_AMOUNT_ASKED}|多少元|几元|多少万|多少亿|"
                         r"罚款(?:超过|达到|满|高于|低于|不超过|在)多少" + _NOT_A_SUM + r"|"
                         # "情节严重的，罚款最高能到多少"
                         r"罚款[^，,。？?]{0,4}(?:最高|最多|最低|上限|下限)[^，,。？?]{0,4}多少" + _NOT_A_SUM + r"|"
                         r"(?:经费|预算|补贴|补助|津贴|工资|报酬|奖金|奖励金)[^。？?]{0,10}(?:多少|几)(?:钱|元|万)?(?=[？?]|$)|"
                         # "安排了多少专项经费"
                         r"(?:多少|几)(?:万元?|元)?的?[\u4e00-\u9fff]{0,2}(?:经费|预算|资金|补贴|补助|津贴|工资|报酬|奖金)|"
                         # what it costs: "复议要交多少费用" (``states_no_fee`` may answer it)
                         r"费用[^。？?，,比率]{0,4}(?:多少|几)" + _NOT_A_SUM + r"|(?:交|收|付|缴)多少(?:钱)?[^。？?，,]{0,6}费用"),
     re.compile(r"元")),
    # A share is written "%", "百分之" or "三成"; a bare 成 is 组成, 成员, 完成 ("组成人员……多少比例" found none).
    # So is a surcharge per day ("过了期限不交罚款，每天能加处多少": 每日按罚款数额的百分之三), not a period.
    ("percent", re.compile(r"比例|百分之|百分比|几成|[^效]率(?:是|为|有)?多少|(?:每天|每日|一天)[^，,。？?]{0,6}加[^，,。？?]{0,3}多少"),
     re.compile(r"%|％|百分之|[一二两三四五六七八九十]成")),
    # A head count is written with its measure word: "60学时" or "2023—2025年" does not say how many people.
    # Not "第几名" (a rank) nor "选几个人出面" (a few people); "配了几个人？", ending the question, is a count.
    # So is a count of a kind of staff ("司法所至少要配几个工作人员") or of casualties ("死亡几个人的事故").
    # 第三人 is a party to a case, not three people.
    ("people", re.compile(r"(?<!第)(?:多少(?:个)?|几)(?:名|人|位)(?!民)|几个(?:人|名)(?=[？?！!。]|$)"
                          r"|(?:多少|几)(?:个|名)?(?:工作人员|委员|专家|律师|监督员|调解员|执法人员|干部)"
                          r"|(?:死亡|死了|伤亡|受伤|遇难|失踪)(?:多少|几)(?:个)?人"),
     re.compile(rf"(?<!第)(?:{_NUM})\s*(?:名|人|位)")),
    # A score: "考核里依法行政占多少分", "执法资格考试多少分算合格". Not 多少分钟 or 几分之几.
    ("score", re.compile(r"(?:多少|几)分(?![钟之])|满分|及格线|合格线|分数线"),
     re.compile(rf"(?:{_NUM})\s*分(?![之钟别类局析工配布级解开管散批期])")),
    # A unit the documents write only with its number: "几周岁" is not answered by "三日", "多少平方米" by
    # "二十日" or "几月份" by "2023年". Not 小时: "多少小时内发送" is rightly answered by "三日内".
    ("age", re.compile(r"(?:多少|几)(?:周)?岁"), re.compile(rf"(?:{_NUM})\s*(?:周)?岁")),
    ("area", re.compile(r"多少平方(?:米|公里)|几平方(?:米|公里)|多少亩|几亩"), re.compile(r"平方米|平方公里|亩")),
    ("month_of_year", re.compile(r"几月份|哪个月"), re.compile(rf"(?:{_NUM})\s*月(?!内)|月底|月初")),
    # A time of day, a ranking, a count of things: "几点到几点接待" is not answered by "60日内",
    # "储备多少顶帐篷" not by a fine, "提多少件申请" not by "7个工作日". Not 好几件 or 哪几家 (no question).
    ("clock", re.compile(r"几点"), re.compile(rf"(?:{_NUM})\s*(?:点|时)(?![内前后限效])|上午|下午|夜间")),
    ("rank", re.compile(r"第几名|排第几|排名第几"), re.compile(rf"第(?:{_NUM})名")),
    ("items", re.compile(r"(?<![好哪这那十])(?:多少|几)(?:个)?(?:件|顶|台|辆|座|所|张|本)"),
     re.compile(rf"(?:{_NUM})\s*(?:件|顶|台|辆|座|所|张|本)(?!事)")),  # "办成一件事" counts nothing
    # A year or a day: "推进会定在哪天召开" is not answered by a plan item that names no date, nor
    # "民告官第一案是哪一年立案的" by 行政诉讼法's rule on which court hears a case.
    ("calendar_year", re.compile(r"哪一年|哪年|哪个年份"), re.compile(_CALENDAR_YEAR)),
    ("date", re.compile(rf"{_DAY_ASKED}|几月几[日号]"),
     re.compile(rf"(?:{_NUM})\s*月\s*(?:{_NUM})\s*[日号]|之日|当日|当天|年底|月底")),
    # How many times a year: a count, which "定期" or "年度" does not give ("一年至少要培训几次"), nor
    # "分为一级、二级、三级和四级" ("每年至少要搞几次应急演练").
    ("times", re.compile(r"(?:每|一)(?:年|季度|季|半年|月|个月|周)[^，,。？?]{0,8}(?:几|多少)次"),
     re.compile(rf"(?:{_NUM})\s*次(?!性)")),
    # Which of the periods the question offers: "按季度还是按半年通报" is not answered by "定期通报".
    ("cadence", re.compile(r"(?:季度|半年|每年|每月|一年|一个月)[^，,。？?]{0,8}还是[^，,。？?]{0,4}(?:季度|半年|一年|每年|每月|一个月)"),
     re.compile(rf"每(?:年|季度|季|半年|月|周)|(?:{_NUM})\s*(?:个)?(?:月|年|季度)(?:通报|公布|开展|报告)?一次")),
    # How often: "村务公开多长时间公开一次" is not answered by a deadline ("7个工作日内"). Not 一次性告知.
    # "多少天内能申请再核一次" asks a deadline: 再……一次 is once more, not how often.
    ("frequency", re.compile(r"(?:多长时间|多久|几年|几个月|几天|多少天)[^，,。？?]{0,6}(?<!再.)(?<!再)一次(?!性)|隔多久|每隔多长时间"),
     # "年度评查" is a yearly one: "案卷多久评查一次" is answered by it.
     re.compile(rf"每(?:年|季度|季|半年|月|周|天|日|(?:{_NUM})\s*(?:个)?(?:年|月|周|天|日))|一次(?!性)|定期|适时|年度")),
    # A question that names its unit wants that unit: "有效期是几年" is not answered by "三十日前".
    # Not a calendar year ("2023—2025年", "二〇二四年") nor a programme's name ("三年行动计划").
    ("years", re.compile(r"几年|多少年"),
     re.compile(rf"(?<![0-9０-９零〇一二两三四五六七八九十百千万])(?!{_CALENDAR_YEAR})(?:{_NUM})\s*(?:个)?年"
                r"(?!度|底|初|行动|计划|规划)")),
    ("months", re.compile(r"几个月|多少个月"), re.compile(rf"(?:{_NUM})\s*个月")),
    ("days", re.compile(r"几天|多少天|多少日|几日|几个工作日|多少个工作日"),
     re.compile(rf"(?:{_NUM})\s*(?:个工作日|日|天)|当日|当天|当场")),
    # After the kinds that ask for their unit: "60学时的培训安排在几月份" names 学时 and asks for a month.
    ("hours", re.compile(r"学时|课时"), re.compile(r"学时|课时")),
    # When something happens may be told by an event, not a length: "复议决定书什么时候发生法律效力" is
    # answered by "一经送达，即发生法律效力", and the periods of other articles are no answer. Nor by a
    # time at all: where the law sets none, "及时立案" or "事先告知" is what it says of when.
    # "最晚什么时候提出" asks the deadline, a length: the period kind below.
    ("when", re.compile(r"(?<!最晚)(?<!最迟)(?<!最晚到)(?<!最迟到)(?<!最晚在)(?<!最迟在)(?:什么时候|啥时候|何时|几时)"),
     # Nor only by a time: "决策后评估什么时候开展" is answered by the cases a rule opens with ("有下列情形之一的，
     # 决策机关可以组织决策后评估"); a list in mid-sentence ("……有下列情形之一，执法人员可以当场收缴罚款") says who or what.
     # Nor by a time but by an order: "讨论决策时旗长什么时候发言" is answered by "行政首长最后发表意见".
     re.compile(rf"{_LENGTH}|年底|年内|月底|当日|当天|一经|之日|之时|时起|起施行|起生效|届满|以前|之前|立即|即时|及时|事先|事前"
                r"|最后|首先|最先"
                # or by a stage: "公平竞争审查什么时候做" is answered by "在起草阶段开展"
                r"|阶段"
                rf"|^{_ARTICLE_LABEL}有下列情形之一")),
    ("period",
     # Questions naming 年/月/日 were taken by the kinds above; these ask for a length of any unit.
     re.compile(r"多久|多长时间|多长期限|期限|时限|时效|最晚|最迟"),
     # A length of study is counted in 学时: "一年要学习多长时间" is answered by "不少于60学时".
     re.compile(rf"{_LENGTH}|年底前|年内|月底前|当日")),
)


_KIND_PATTERNS = {k: pattern for k, _, pattern in _FIGURE_KINDS}


# A length in days of a month or more: "起诉期限几个月" is answered by "六个月" or "九十日", never by "十日内"
# (行政诉讼法第四十八条's 申请延长, put first for its words "起诉期限", beside 第四十六条's 六个月).
MONTH_DAYS = 28
_DAYS_RE = re.compile(rf"({_NUM})\s*(?:个工作日|日|天)")


def has_month_length(text: str) -> bool:
    """Does ``text`` carry a length of a month or more (in months, years or at least ``MONTH_DAYS`` days)?

    What a question that asks "几个月" accepts from the clause the retriever clearly prefers, when
    one behind it has the asked unit (``answering.pick_passage``). Whether the candidates hold any
    answer at all stays the asked unit's (``has_figure_of``): "申请法院强制执行的期限是几个月" is in no
    document, and 人民调解法's "三十日内" is no answer to it.
    """
    if _KIND_PATTERNS["months"].search(text) or _KIND_PATTERNS["years"].search(text):
        return True
    return any((n := cn_to_int(m.group(1))) is not None and n >= MONTH_DAYS for m in _DAYS_RE.finditer(text))


def figure_kind(question: str) -> str:
    """The kind of figure wanted: a key of ``_FIGURE_KINDS`` ("money", "days", "period" …), or "" for any."""
    for kind, cue, _ in _FIGURE_KINDS:
        if cue.search(question):
            return kind
    return ""


def figure_pattern(question: str) -> re.Pattern[str] | None:
    """The pattern of the figure the question asks for, or None when it asks for any figure."""
    return _KIND_PATTERNS.get(figure_kind(question))


# A rate the question names by its two characters before 率 (应诉率, 纠错率), not 比率 or 效率.
_RATE_ASKED_RE = re.compile(r"([\u4e00-\u9fff]{2}率)(?:是|为|有|要求|要|能|应|需|得|达到|达|大概|一般|至少|最低|不低于)*多少")


def rate_asked(question: str) -> str:
    """The rate whose figure the question asks for ("败诉率是多少" → "败诉率"), or ""."""
    m = _RATE_ASKED_RE.search(question)
    return m.group(1) if m else ""


# A figure the text leaves to another body: "罚款的限额由国务院规定" answers "规章可以设定多少罚款".
_FIGURE_SETTER_RE = re.compile(r"(?:数额|限额|金额|幅度|比例|标准)[^。；;，,]{0,4}由[^。；;]{2,30}(?:规定|确定|制定)")


def names_figure_setter(text: str) -> bool:
    """Does ``text`` say who sets the figure instead of giving it ("罚款的限额由国务院规定")?"""
    return bool(_FIGURE_SETTER_RE.search(text))


def figure_setter_sentence(text: str) -> str:
    """The sentence of ``text`` that says who sets a figure ("罚款的限额由国务院规定。"), or ""."""
    return next((s for s in split_sentences(text) if _FIGURE_SETTER_RE.search(s)), "")


# That nothing is charged: the answer to "复议要交多少钱" (``answering.missing_figure``).
_NO_FEE_RE = re.compile(r"不得[^。；，,]{0,8}收取[^。；]{0,4}费用|不收取[^。；]{0,4}费用|免费|不收费|无偿")


def states_no_fee(text: str) -> bool:
    """Does ``text`` say that nothing is charged ("不得向申请人收取任何费用")?"""
    return bool(_NO_FEE_RE.search(text))


def has_figure_of(text: str, kind: str) -> bool:
    """Does ``text`` carry a figure of that kind (any figure when the kind is "")?"""
    pattern = _KIND_PATTERNS.get(kind)
    return bool(pattern.search(text)) if pattern is not None else has_number(text)


# The kinds of figure question that ask how long or by when (``deadlines.asks_period``).
PERIOD_KINDS = frozenset({"days", "months", "years", "period"})
_LENGTH_RE = re.compile(_LENGTH)


def gives_figure(text: str, kind: str) -> bool:
    """Does a quoted passage answer a figure question of that kind: its figure, or any length for a length?

    "二审要在多少天内审结" is answered by "三个月内".
    """
    return has_figure_of(text, kind) or (kind in PERIOD_KINDS and bool(_LENGTH_RE.search(text)))


# A figure as written: a number (digits or Chinese numerals) and its unit. 日 and 天 are one unit.
_STATED_FIGURE_RE = re.compile(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*"
                               r"(%|个?工作日|日|天|学时|小时|个?月|年|万元|元|人|次|名)")
_SAME_UNIT = {"天": "日", "个工作日": "工作日", "个月": "月"}


def stated_figures(text: str, years: bool = False) -> set[tuple[float, str]]:
    """The figures a text states, as (value, unit); a year (2024年) is a date, counted only with ``years``."""
    out: set[tuple[float, str]] = set()
    for m in _STATED_FIGURE_RE.finditer(text):
        number, unit = m.group(1), m.group(2)
        if not years and unit == "年" and number.isdigit() and len(number) == 4:
            continue
        value = float(number) if number[0].isdigit() else cn_to_int(number)
        if value is not None:
            out.add((float(value), _SAME_UNIT.get(unit, unit)))
    return out


_ASKS_NUMBER_RE = re.compile(r"多少|(?<!第)几|多久|多长")  # "第几项" asks where, not how many


def restates_figure(question: str, passage: str) -> bool:
    """Does the passage give no figure but ones the question already states?

    "执法人员那60学时的培训里，线上学习最多能算多少学时" was answered with the plan's "不少于60学时": the
    question knows that figure and asks another. Only a question that asks a number (多少, 几) counts.
    """
    if not _ASKS_NUMBER_RE.search(question):
        return False
    given = stated_figures(question)
    # a year the passage gives is an answer too: "执法质量三年行动是哪几年" is told "2023—2025年"
    quoted = stated_figures(passage, years=True)
    return bool(given) and bool(quoted) and quoted <= given


_DEFINITION_RE = re.compile(r"是指|什么是|什么意思|啥意思|含义|定义|怎么解释|如何解释|指的是|什么叫|何为|何谓|怎么理解|如何理解")


# "行政许可法的立法目的是什么", "信访工作条例是为什么制定的": a law's purpose, which its first article states.
# 目的 and 适用范围 count only when said of the law itself: "行政处罚法中简易程序的适用范围" asks of a procedure.
_LAW_END = r"(?:法|条例|规定|办法|计划|方案)》?(?:的)?"
_PURPOSE_RE = re.compile(
    rf"立法目的|立法宗旨|立法意图|制定(?:的)?(?:目的|宗旨)|为(?:了)?什么(?:要)?(?:制定|出台)|"
    rf"(?:根据|依据|依照)什么(?:来)?(?:制定|出台)|{_LAW_END}(?:目的|宗旨)|"
    # "……条例是出于什么目的制定的", "……法是为了什么而制定的"
    r"(?:出于|为了|基于)(?:什么|啥|何种)(?:目的|原因|考虑)?(?:而|才)?(?:制定|出台)"
)
# How a document states its purpose: "为了规范行政许可的设定和实施，……，制定本法。", and the plan's preamble,
# whose "为……提供坚强法治保障。根据……，制定本计划。" takes two sentences.
PURPOSE_CLAUSE_RE = re.compile(
    "^" + _ARTICLE_LABEL + r"为了?[^。]{2,300}?。?[^。]{0,400}?制定本(?:法|条例|规定|办法|决定|细则|计划|方案)")
# "行政许可法的适用范围是什么": what a law covers, which it says near its start ("……，适用本法").
_SCOPE_RE = re.compile(rf"{_LAW_END}(?:适用范围|调整范围|适用对象)|{_LAW_END}(?:适用于|适用|管)(?:哪些|什么)")
SCOPE_CLAUSE_RE = re.compile(r"(?<!不)适用本(?:法|条例|规定|办法)")


# A question about what a law covers or what its words mean, in staff's words: "外国老板收购股权，这也算外商投资吗",
# "包不包括我们局自己做的台账", "移送规定管得着我们吗", "碰上周末算不算在里面". The articles that only define
# or scope (``defines_only``) answer these and little else.
_SCOPE_ASK_RE = re.compile(
    r"算不算|算是|也算|还算|算作|算做|算[^。？?，,]{0,16}吗|包不包括|包括不包括|是否包括|包括哪些|包括什么|包含|"
    r"管得着|管不着|管不管|管得到|归.{0,8}管|属不属于|是否属于|属于[^。？?，,]{0,16}(?:吗|范围|范畴)|范围|范畴|"
    r"适用|按.{0,16}(?:法|条例|规定)办还是|还是按|哪部法|哪个法|哪一部|什么法律|"
    r"工作日|节假日|休息日|自然日|周末|外国人|外国组织|无国籍|"
    # what a word means, asked plainly: "营商环境到底指啥", "负面清单是什么？"
    r"指啥|指什么|是啥|啥叫|(?:是|叫)什么[？?。]?$"
)
# The first sentence of an article that defines a term or says what the law covers, and the modals of an
# article that also sets a rule: 行政诉讼法第二条 (有权……提起诉讼) is a rule, 外商投资法第二条 is not.
_DEFINES_RE = re.compile(r"所称|是指|" + SCOPE_CLAUSE_RE.pattern)
_RULE_MODAL_RE = re.compile(r"应当|不得|可以|有权|必须|禁止|负责")
_FIRST_SENTENCE_RE = re.compile(rf"^{_ARTICLE_LABEL}([^。]*)")


# A question of when a law applies, or of what came before it ("以前按中外合资经营企业法设立的企业").
_IN_FORCE_ASKED_RE = re.compile(r"施行|生效|实施|以前|之前|原来|原有|过渡|保留|废止|旧|老")
# A law's own commencement article: "本法自2020年1月1日起施行".
_OWN_FORCE_RE = re.compile(r"本(?:法|条例|规定|办法|决定)自[^。；]{0,16}起?施行")


def asks_in_force(question: str) -> bool:
    """Does the question ask when a law applies, or of the laws and firms that came before it?"""
    return bool(_IN_FORCE_ASKED_RE.search(question))


def states_own_force(text: str) -> bool:
    """Does this clause say from when its own law applies ("本法自……起施行")?

    Such an article speaks of nothing else of its law's subject, but may name the laws it repeals:
    外商投资法第四十二条 names 《外资企业法》 three times, so BM25 put it first for any "外资企业" question.
    """
    return bool(_OWN_FORCE_RE.search(text))


def asks_scope(question: str) -> bool:
    """Does the question ask what a law covers or what a term means (so a defining article may answer it)?"""
    return bool(wants_definition(question) or opening_asked(question) == "scope" or _SCOPE_ASK_RE.search(question))


def defines_only(text: str) -> bool:
    """Does this article only define terms or say what its law covers (外商投资法第二条, 行政许可法第二条)?

    Such an article shares the law's key words with every question about it ("外商投资企业可以上市融资吗"
    → 外商投资法第二条 defines 外商投资企业), so it comes first for questions it does not answer.
    """
    m = _FIRST_SENTENCE_RE.match(text.strip())
    return bool(m and _DEFINES_RE.search(m.group(1)) and not _RULE_MODAL_RE.search(text))


def opening_asked(question: str) -> str:
    """What a question asks that a document says in its opening articles: "purpose", "scope" or ""."""
    if _PURPOSE_RE.search(question):
        return "purpose"
    return "scope" if _SCOPE_RE.search(question) else ""


def states_purpose(text: str) -> bool:
    """Is this the article in which a law states its purpose ("为了……，制定本法")?"""
    return bool(PURPOSE_CLAUSE_RE.match(text.strip()))


# A statute states the rule for a case as "<case>的，<rule>" ("认为可能发生重大或者特别重大突发事件的，应当
# 立即向上级人民政府报告"); staff ask it the same way ("认为可能发生重大突发事件的，应当怎么做").
_CASE_RE = re.compile(r"([^，,。？?；;！!：:]{4,60}?)的[，,]")


def case_asked(question: str) -> str:
    """The last case a question sets out before it asks what then ("……的，应当怎么做" → the case), else ""."""
    cases = [m for m in _CASE_RE.finditer(question) if _ASKS_RE.search(question, m.end())]
    return cases[-1].group(1) if cases else ""


def case_stated(text: str) -> str:
    """The case a sentence opens with ("认为可能发生……的，应当……" → "认为可能发生……"), else ""."""
    m = _CASE_RE.match(text.strip())
    return m.group(1) if m else ""


def wants_definition(question: str) -> bool:
    """Does the question ask what a term means (……是指, 怎么解释)?"""
    return bool(_DEFINITION_RE.search(question))


_TERM_FILLER_RE = re.compile(
    r"请问|法律上|所谓|所说|是指|什么是|是什么|什么意思|啥意思|含义|定义|怎么解释|如何解释|指的是|什么叫|何为|何谓|"
    r"怎么理解|如何理解|意思|什么|啥|的|呢|啊|[？?。！!，,\s]"
)


def term_asked(question: str) -> str:
    """The term a definition question asks about and nothing more ("什么是行政复议" → 行政复议), else ""."""
    if not wants_definition(question):
        return ""
    return _TERM_FILLER_RE.sub("", question)


# The question asks what happens to who breaks the rules (``imposes_sanction`` finds the articles that say).
_PENALTY_RE = re.compile(
    r"怎么罚|怎样罚|如何罚|怎么处罚|怎样处罚|如何处罚|罚多少|罚款多少|什么处罚|哪些处罚|处罚标准|"
    r"承担什么(?:法律)?责任|承担哪些(?:法律)?责任|什么法律责任|哪些法律责任|法律后果|"
    r"追责|问责|追究.{0,4}责任|追(?:什么|啥|哪些)责|(?:什么|哪些)处分|受到什么处理|"
    # Staff ask it plainly too: "要担啥责任", "会有什么后果", "会受什么处理", "经办人会挨处分吗". Not a bare
    # "会怎么处理" ("法院会怎么处理" asks the procedure), nor "没造成什么后果" (a circumstance).
    r"担(?:啥|什么|哪些)?责任|担责|负(?:啥|什么|哪些)责任|(?<!造成)(?:什么|啥)后果|后果是(?:啥|什么)|"
    r"会被怎么|什么下场|受(?:到)?(?:啥|什么)处(?:理|分)|被处理吗|挨处分|"
    # what befalls the people in charge: "不移送案件负责人怎么处理" (not "案件怎么处理", the procedure)
    r"(?:负责人|责任人|工作人员|经办人|干部)(?:要|会|该|应)?(?:被)?(?:怎么|如何|怎样)(?:处理|样)|"
    # what befalls one who obstructs ("被督查的单位不配合会怎么样"); not a missed payment ("不交罚款会怎么样"),
    # which the law meets with enforcement, not a sanction
    r"(?:不配合|拒不|拒绝|阻碍|刁难|不让查|不让进|拦着|不听指挥|不服从|不走|不撤离|不转移)[^。？]{0,6}(?:会|将)(?:被)?"
    r"(?:怎么样|怎样|如何|怎么处理)|"
    # what befalls a wrong told as a story: "供电公司强迫企业接受不合理的报装条件，还乱收费，怎么处理", "收了
    # 信访件没书面告诉人家受不受理，单位会怎么样". Not a bare "怎么处理" after a plain case ("材料不全怎么处理"),
    # nor 虚假信息 (a rumour the government answers by publishing the facts), nor a bribe or a favour (红包, 徇私),
    # whose taker decides the law: "调解员徇私舞弊" is 人民调解法第十五条's, and 行政复议法's 徇私舞弊 came first.
    r"(?:乱收费|乱罚款|乱摊派|强迫|不合理的?费用|截留|私分|挪用|弄虚作假|假材料|推诿|敷衍"
    r"|拖着不办|刁难|瞒报|谎报|没(?:有)?书面(?:告诉|告知|答复)|返还|挂钩|没走银行|揣[^。？]{0,4}兜里|借给|出租|出借)"
    r"[^。？]{0,30}(?:怎么处理|如何处理|怎样处理|咋处理|会怎么样|会怎样)"
)


def wants_penalty(question: str) -> bool:
    """Does the question ask what the sanction is (怎么罚, 罚多少, 承担什么责任, 要追责吗)?"""
    return bool(_PENALTY_RE.search(question))


# The question asks for a standard: "补偿标准是怎么计算的", "需要满足什么经济困难标准".
_STANDARD_ASKED_RE = re.compile(r"(?:什么|哪些|啥|哪种)[^，,。？?；;]{0,6}标准|标准(?:是|为|有)?(?:多少|什么|怎么|如何|怎样|多高)")
# How a clause states one: a figure, the word, or the body that sets it ("具体办法由国务院……制定").
_STANDARD_STATED_RE = re.compile(r"标准|基准|办法|由[^。；;]{1,30}(?:制定|规定)|另行规定")


# The question asks what a named list holds: "免罚清单具体列了哪些违法行为", "决策目录里有哪些事项".
# Or asks which entries it holds a few words on: "负面清单里禁止外资进入哪些行业", not "……有哪些后果".
_LIST_ASKED_RE = re.compile(r"(?:清单|目录|名录|名单)[”\"』」]?(?:里|中|上)?(?:面)?(?:都)?(?:具体)?(?:都)?"
                            r"(?:包括|包含|有|列了|列的|写了|含|规定了|涵盖)(?:哪些|什么|哪几)"
                            r"|(?:清单|目录|名录|名单)[^。？?；;]{0,12}(?:哪些|哪几)(?!(?:后果|影响|部门|单位|机关))")
# How a clause lists things: "下列事项", numbered items, or "包括……、……".
_LIST_STATED_RE = re.compile(r"下列|[（(][一二三四五六七八九十][）)]|(?:包括|列明|载明|写明|注明)[^。；]{0,30}、")


# The question asks what it takes to get or become something: "申领公职律师证需要满足什么条件".
_CONDITIONS_ASKED_RE = re.compile(r"(?:什么|哪些|啥|哪几个|哪几项)(?:样的)?条件|条件(?:是|有)(?:什么|哪些|啥)"
                                  r"|(?:申领|申请|报名|报考|申办|领取|取得)条件")  # terse: "公职律师证 申领条件"
# How a clause states conditions: a list of cases, what one must have or be, or "……的，可以".
# "支持符合条件的公职人员申领" and "提供办公条件" only name conditions.
_CONDITIONS_STATED_RE = re.compile(r"下列|以下|具备|具有|担任|应当符合|符合[^。；，,]{1,10}(?:规定|要求|标准)|条件[:：为是]"
                                   r"|[的时][，,](?:可以|方可|才能)")


def asks_conditions(question: str) -> bool:
    """Does the question ask for the conditions of something (需要满足什么条件)?"""
    return bool(_CONDITIONS_ASKED_RE.search(question))


def states_conditions(text: str) -> bool:
    """Does a clause state conditions, rather than only mention the thing ("推行公职律师制度")?"""
    return bool(_CONDITIONS_STATED_RE.search(text))


# The question asks how a person goes about something: signing up, applying, being chosen, what to bring.
_HOW_TO_APPLY_RE = re.compile(r"(?:怎么|如何|怎样|去哪|到哪)[^。？?，,]{0,3}"
                              r"(?:报名|申请|申领|领取|补办|参选|选出|选拔|选的|登记|报考|应聘|加入|当上|开通|注册|开户)"
                              r"|带(?:什么|哪些|啥)(?:材料|证件|资料)"
                              r"|(?:报名|申请|补办|办理|领取|申领|换发|换证)的?(?:流程|手续|方式|渠道)")


def asks_how_to_apply(question: str) -> bool:
    """Does the question ask how one applies, signs up or is chosen (怎么报名, 带什么材料)?

    The plan names work to be done ("选聘行政执法社会监督员"), never how a resident takes part in it.
    """
    return bool(_HOW_TO_APPLY_RE.search(question))


def asks_list(question: str) -> bool:
    """Does the question ask for the entries of a list or catalogue it names?"""
    return bool(_LIST_ASKED_RE.search(question))


def states_list(text: str) -> bool:
    """Does a clause list things, rather than only name the list ("公开重大行政决策事项年度目录")?"""
    return bool(_LIST_STATED_RE.search(text))


def asks_standard(question: str) -> bool:
    """Does the question ask what a standard is (补偿标准是多少, 按什么标准)?"""
    return bool(_STANDARD_ASKED_RE.search(question))


def states_standard(text: str) -> bool:
    """Does a clause (with its headings) state a standard, a figure, or who sets it?

    "给予公平、合理的补偿" promises compensation and says nothing of how much: no answer to "补偿标准".
    """
    return has_number(text) or bool(_STANDARD_STATED_RE.search(text))


# Details a clause can mention a matter without stating, each as (name, how a question asks it, how a
# clause states it). Papers: "要带哪些材料", "附什么证明材料" (not 手续: "要办什么手续" asks the procedure,
# which a clause may state without naming a paper). Form: "有没有统一的格式", "盖公章还是专用章".
# Pay: "代办员有没有补贴", "误工补贴标准多少"; not a story's "因为补贴问题上访".
_DETAILS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("papers", re.compile(r"(?:哪些|什么|啥|哪几样|哪几种)(?:证明)?(?:材料|资料|证件)|材料清单|要带(?:啥|什么)"),
     re.compile(r"材料|资料|证件|证明|申请书|委托书|[诉辩]状|副本|文件|下列|提交|递交|出示|附有")),
    ("form", re.compile(r"格式|样式|模板|范本|式样|表格|(?:哪|什么|啥)(?:个|张|种)?表(?![示达述明彰])|一式几份"
                        r"|(?:盖|用)(?:什么|哪个|哪种|啥|的是)?[^，,。？?第]{0,3}章(?!程)"),
     re.compile(r"格式|样式|式样|范本|模板|表格|章(?!程)")),
    ("pay", re.compile(r"(?:有没有|有无|有|给不给|发不发)(?:啥|什么)?(?:误工)?(?:补贴|补助|津贴|报酬|劳务费)"
                       r"|(?:补贴|补助|津贴|报酬|劳务费|误工费)[^，,。？?]{0,4}(?:多少|怎么定|怎么算|标准|吗|没有)"),
     re.compile(r"补贴|补助|津贴|报酬|劳务|误工|经费|待遇")),
    # Rank: "信访督查专员是什么职级" — a post the texts set up without its grade or who appoints to it.
    # A person's grade only: "什么级别的突发事件" asks the event's level, which 突发事件应对法 states.
    ("rank", re.compile(r"(?:专员|主任|负责人|局长|干部|人员|委员|代办员|调解员|督查员|监督员)[^，,。？?]{0,4}"
                        r"(?:什么|啥|哪个|哪一|多高的?)(?:职级|级别|行政级别)|职级(?:是|有)?(?:多少|多高|什么|啥)"
                        r"|(?:几个|多少|有没有|有无)编制|编制(?:是|有)?(?:多少|几个)"),
     re.compile(r"职级|级别|职务|编制|任命|任免")),
)


def unstated_detail(question: str, text: str, article: bool = False) -> str:
    """The detail (papers, form, pay, rank) the question asks that a clause's text does not state, or "".

    "草场确权要交哪些材料" finds item （二十）, which only names the work. Papers are judged so in the
    plan only, which never lists any: an ``article`` names them in too many ways (起诉状, 证据, 凭证……)
    for a list of words to tell one that names none.
    """
    return next((name for name, asked, stated in _DETAILS
                 if asked.search(question) and not stated.search(text) and not (article and name == "papers")), "")


# The chapter a statute puts its sanctions in: 法律责任, or 信访工作条例's 监督和追责.
_SANCTION_CHAPTER_RE = re.compile(r"法律责任|追责|责任追究|罚则")
# A sanction in an article's own words: regulations without chapters (政府督查工作条例) and chapters
# that mix them with other duties (政府信息公开条例's 监督和保障) say it only there.
# "需要追究刑事责任" (a test for 立案) and "加处罚款" (enforcing a fine) are not sanctions.
_SANCTION_TEXT_RE = re.compile(
    r"依法(?:依规)?追究[^，。；]{0,6}责任|给予[^，。；]{0,12}处分|依法依规给予处理|处(?:以)?[^，。；]{1,12}(?:以下|以上)的?罚款"
)


def imposes_sanction(clause: Clause) -> float:
    """How plainly the clause says what happens to who breaks the rules: 0, or 1 by its chapter or in its
    own words, 1.5 by both (of 反不正当竞争法's 法律责任 chapter, 第二十一条 fines whoever infringes a
    trade secret; 第三十二条 only says who must prove what)."""
    if clause.kind != "article":
        return 0.0
    chapter = bool(clause.path) and bool(_SANCTION_CHAPTER_RE.search(clause.path[0]))
    words = bool(_SANCTION_TEXT_RE.search(clause.text))
    return 1.5 if chapter and words else 1.0 if chapter or words else 0.0


# "违反本法第十条规定进行有奖销售的，……罚款": the articles whose breach an article punishes.
_BREACH_RE = re.compile(
    r"违反本(?:法|条例|规定|办法)((?:第[零〇一二两三四五六七八九十百]+条(?:第[一二三四五六七八九十]+[款项])*[、，,和及或者与]*)+)"
)


# What a sentence does to who broke the rules, said by itself: the fine, the licence revoked, the goods taken.
_SANCTION_UNIT_RE = re.compile(_SANCTION_TEXT_RE.pattern + r"|并处|吊销|没收违法|责令停止违法行为")


def states_sanction(text: str) -> bool:
    """Does this sentence impose a sanction ("处……以下的罚款", "给予处分", "吊销营业执照")?"""
    return bool(_SANCTION_UNIT_RE.search(text))


def breached_articles(clause: Clause) -> tuple[int, ...]:
    """The numbers of the articles of its own law (第十条 → 10) whose breach ``clause`` sanctions; () when none."""
    found = [cn_to_int(n) for m in _BREACH_RE.finditer(clause.text) for n in ARTICLE_REF_RE.findall(m.group(1))]
    if not found or not imposes_sanction(clause):
        return ()
    return tuple(dict.fromkeys(n for n in found if n is not None and n != clause.number))


# What a statute's list is of, as a question names it ("符合哪些条件") and a lead-in states it ("以下条件：").
_LIST_ASKERS = "哪些|哪几种|哪几类|哪几项"
_LISTED_KINDS = "条件|情形|情况|措施|方式|职责|职能|权利|义务"
_CONTENTS_RE = re.compile(
    r"(?:写|载明|包括|包含|列明|注明)(?:哪些|什么)|(?:哪些|什么)(?:内容|事项|材料)|"
    rf"(?:{_LIST_ASKERS})(?:{_LISTED_KINDS}|活|事|案子|案件)"
)


def wants_contents(question: str) -> bool:
    """Does the question ask for what a statute lists (要写哪些内容, 包括什么, 符合哪些条件, 有哪些职责)?"""
    return bool(_CONTENTS_RE.search(question))


_LISTED_NOUN_RE = re.compile(rf"(?:{_LIST_ASKERS})({_LISTED_KINDS}|内容|事项|材料)")


def listed_noun(question: str) -> str:
    """The kind of thing a list question asks for ("采取哪些方式" → 方式); "" when it names none."""
    m = _LISTED_NOUN_RE.search(question)
    return m.group(1) if m else ""


_CLASSIFICATION_RE = re.compile(r"怎么划分|如何划分|怎样划分|怎么分级|如何分级|分为几|分成几|分几级|分几类|哪几级|哪几类")


def wants_classification(question: str) -> bool:
    """Does the question ask how something is graded or classified (预警级别怎么划分)?"""
    return bool(_CLASSIFICATION_RE.search(question))


# "罚款能不能分期缴纳", "行政复议可以撤回吗": whether an act is allowed, which a clause says with a modal
# right before it ("可以暂缓或者分期缴纳", "可以撤回"); one that names the act in passing ("批准……分期缴纳
# 罚款的") does not answer it.
_PERMISSION_ASKED_RE = re.compile(r"(?:能不能|可不可以|能否|可否|可以|能)(?:先)?([^，,。？?！!；;吗呢]{2,12}?)(?:吗|呢|[？?！!。]|$)")
PERMISSION_MODAL_RE = re.compile(r"可以|不得|有权|应当|不能|必须")


# "办理行政许可要收费吗", "办许可 收不收费": whether a fee is charged, which a clause says with a modal
# ("不得收取任何费用"); the article on how fees that are charged are handled (行政许可法第五十九条) does not.
_FEE_ASKED_RE = re.compile(r"(?:收费|收钱|交钱|交费|缴费|付费|要钱|掏钱)(?:吗|么|不)|(?:收|交|要)不(?:收|交|要)(?:费|钱)"
                           r"|(?:要|用)不(?:要|用)(?:交|收|掏|花)(?:钱|费)")


def permission_asked(question: str) -> str:
    """The act a question asks to be allowed ("分期缴纳" in "罚款能不能分期缴纳？"), else "".

    Also in "哪些行政复议案件可以适用简易程序审理": the clause that says 可以适用简易程序 lists them.
    And whether a fee is charged ("要收费吗"): the act is 收费.
    """
    m = _PERMISSION_ASKED_RE.search(question)
    if m:
        return m.group(1)
    return "收费" if _FEE_ASKED_RE.search(question) else ""


_APPROVAL_RE = re.compile(r"谁(?:来)?(?:批准|审批|核准|签批)|"
                          r"(?:哪个|哪一级|哪级|什么)(?:部门|机关|单位|领导|负责人)?(?:的)?(?:负责人|领导)?(?:批准|审批|核准)|"
                          r"(?:批准|审批|核准)(?:机关|部门)")


def wants_approval(question: str) -> bool:
    """Does the question ask who must approve something (查封账户需要经过谁批准)?"""
    return bool(_APPROVAL_RE.search(question))


_RESPONSIBILITY_PHRASE_RE = re.compile(
    r"(?:这项|该项|这个|此项)?(?:工作|任务)?(?:是|应当|应该|要)?(?:由|归)?(?:哪个|哪些|哪一个|哪家|什么|啥)(?:部门|单位|机关|机构|局|办|委)"
    r"(?:在)?(?:来|去)?(?:牵头负责|牵头|负责|主管|推进|落实|管|抓|弄|搞)?|谁负总责|"
    r"(?:的)?(?:牵头单位|责任单位|牵头部门|责任部门|主责单位)(?:都)?(?:是|有|为)?(?:谁|哪些|哪个|什么|哪几个)?|"
    r"(?:这项|该项)?(?:工作|任务)?(?:(?:由|归)谁|谁(?:来|去)?(?=牵头|负责|主管|管理|管|抓|推进|落实))(?:来|去)?"
    r"(?:牵头|负责|主管|管理|管|抓|推进|落实)?|牵头负责|牵头|"
    r"^(?:请问|请)|[？?。！!，,、\s]+$"
)


def responsibility_topic(question: str) -> str:
    """What a who-is-responsible question is about: the question without its cue phrase.

    "行政复议工作由哪个部门牵头？" → "行政复议工作"; "政务公开的牵头单位是谁" → "政务公开".
    """
    topic = _RESPONSIBILITY_PHRASE_RE.sub("", question)
    topic = re.sub(r"^[，,、\s]+|[，,、的\s]+$", "", topic)
    return topic


_TITLE_PLACE_YEAR_RE = re.compile(r"^(.+?)((?:19|20)\d\d年)")


def without_plan_name(text: str, plan_titles: tuple[str, ...]) -> str:
    """``text`` without the place and year of the plan's own title: within the plan they tell no item apart.

    "今年乌拉特中旗的行政复议案件由哪个单位办理" otherwise found the preamble and （十）, the items that name
    the banner, before （十八）, the item on 行政复议.
    """
    for title in plan_titles:
        m = _TITLE_PLACE_YEAR_RE.match(title)
        if m:
            for word in m.groups():
                text = text.replace(word, "")
    return text.strip("，,、的 ")
