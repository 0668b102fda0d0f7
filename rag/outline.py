"""The plan's outline: its parts (一、… 九、) and the numbered items under each.

"计划分为哪几个部分？", "计划一共有多少项任务？" and "计划第六部分讲的是什么？" ask about the
plan as a whole or one of its parts. No single clause answers them, so retrieval either found a
stray sentence (the plan's closing words) or, for 第六部分, an article of another law. The items'
heading paths hold the outline exactly. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .chunking import SECTION_RE
from .lawnames import is_subsequence
from .numerals import cn_to_int, int_to_cn
from .records import Clause

_NUM = r"[一二三四五六七八九十]+|\d+"
_SECTION_RE = re.compile(rf"第\s*({_NUM})\s*(?:个)?(?:部分|方面|板块)")
# "第五部分第二项": an item counted within its part, as staff read the printed plan.
ITEM_IN_SECTION_RE = re.compile(
    rf"第\s*({_NUM})\s*(?:个)?(?:部分|方面|板块)(?:的|中的|里的|里|中)?第\s*({_NUM})\s*(?:项|条|个)"
)
_OVERVIEW_RE = re.compile(
    r"(?:哪些|哪几个?|几个?|多少个?)大?(?:部分|方面|板块|块)|(?:一共|总共|共)(?:有)?(?:多少|几)大?(?:项|条|个部分|部分)|"
    r"(?:多少|几)大?项(?:任务|工作|内容)?|(?:主要|重点)(?:任务|内容|工作)|框架|结构|目录|提纲|大纲"
)
_PLAN_RE = re.compile(r"(?:20\d\d年)?(?:法治政府建设)?(?:工作)?计划")
# Words around the cue that ask nothing more: "计划里一共有哪些主要任务呢？"
_FILLER_RE = re.compile(
    r"乌拉特中旗|今年|本年|旗里|我旗|全旗|里面|里|中|的|都|一共|总共|共|有|了|是|主要|重点|具体|分为|分成|分|包括|包含|"
    r"哪些|哪几个|哪几|几个|多少个|多少|几|大|项|条|个|部分|方面|板块|块|任务|工作|内容|框架|结构|目录|提纲|大纲|讲|说|写|什么|"
    r"第\s*(?:[一二三四五六七八九十]+|\d+)|请问|请|列出|列一下|介绍|一下|概括|[，,。？?！!、\s]"
)


@dataclass
class Section:
    """One part of the plan: its number, its heading and its items in order."""

    number: int
    heading: str  # "健全社会矛盾纠纷多元化解工作体系"
    items: list[Clause] = field(default_factory=list)


def sections(items: Iterable[Clause]) -> list[Section]:
    """The plan's parts in order, from the top heading of each item's path."""
    out: list[Section] = []
    for item in items:
        top = item.path[0] if item.path else ""
        m = SECTION_RE.match(top.strip())  # the pattern the chunker found the heading by
        number, heading = (cn_to_int(m.group(1)) or 0, m.group(2)) if m else (0, top)
        if not out or out[-1].heading != heading:
            out.append(Section(number=number, heading=heading))
        out[-1].items.append(item)
    return out


def outline_asked(question: str) -> tuple[str, int]:
    """("overview", 0), ("section", n), or ("", 0) when the question asks something else of the plan.

    "第五部分有哪些工作" need not say 计划: statutes are cut into 章 and 节, only the plan into
    parts. The caller still turns it down when the question names a law.
    """
    section = _SECTION_RE.search(question)
    if not _PLAN_RE.search(question) and not section:
        return "", 0
    if not section and not _OVERVIEW_RE.search(question):
        return "", 0
    rest = _FILLER_RE.sub("", _PLAN_RE.sub("", question))
    # "计划中行政执法方面有哪些主要任务" asks about 行政执法: that is searched, not outlined.
    if len(rest) > 1:
        return "", 0
    if section:
        return "section", cn_to_int(section.group(1)) or 0
    return "overview", 0


def number_item(question: str, parts: list[Section]) -> tuple[str, str]:
    """ "第五部分第二项的牵头单位" → ("第十五项的牵头单位", ""): the item by its own number, as the plan labels it.

    Items are numbered through the whole plan, so "第二项" alone is item （二）; counted within a
    part it is another. The second value says why nothing was rewritten when that item does not exist.
    """
    m = ITEM_IN_SECTION_RE.search(question)
    if not m:
        return question, ""
    number, place = cn_to_int(m.group(1)) or 0, cn_to_int(m.group(2)) or 0
    part = next((p for p in parts if p.number == number), None)
    if part is None:
        return question, f"共{int_to_cn(len(parts))}个部分，没有第{int_to_cn(number)}部分。"
    if not 1 <= place <= len(part.items):
        return question, f"第{int_to_cn(number)}部分只有{int_to_cn(len(part.items))}项，没有第{int_to_cn(place)}项。"
    label = part.items[place - 1].label.strip("（）()")
    return f"{question[:m.start()]}第{label}项{question[m.end():]}", ""


# "计划在行政执法方面有哪些任务": a topic named as an area of the plan, and a list asked for.
_AREA_RE = re.compile(r"([\u4e00-\u9fff]+?)(?:方面|部分|板块|领域|体系)")
_TOPIC_LEAD_RE = re.compile(r"^(?:乌拉特中旗|今年|本年|旗里|我旗|全旗|的|在|关于|对于|对|中|里)+")
_LIST_CUE_RE = re.compile(r"(?:哪些|什么|几项|多少项)(?:主要|重点|具体)?(?:任务|工作|内容|举措|措施|安排)")
_QUESTION_WORD_RE = re.compile(r"哪|什么|几|多少|谁")


def topic_asked(question: str) -> str:
    """The area of the plan a question asks for a list of ("计划在行政执法方面有哪些任务" → "行政执法"), else ""."""
    if not _PLAN_RE.search(question) or not _LIST_CUE_RE.search(question):
        return ""
    m = _AREA_RE.search(_PLAN_RE.sub(" ", question))
    topic = _TOPIC_LEAD_RE.sub("", m.group(1)) if m else ""
    return "" if len(topic) < 2 or _QUESTION_WORD_RE.search(topic) else topic


def topic_section(topic: str, parts: list[Section]) -> Section | None:
    """The one part whose heading names ``topic`` ("行政执法" → 四), else None.

    The topic is part of the heading, or (four characters or more) its characters appear there
    in order ("矛盾纠纷化解" in "健全社会矛盾纠纷多元化解工作体系"). Two parts matching is None.
    """
    found = [p for p in parts if topic and topic in p.heading]
    if not found and len(topic) >= 4:
        found = [p for p in parts if is_subsequence(topic, p.heading)]
    return found[0] if len(found) == 1 else None


def _span(items: list[Clause]) -> str:
    return items[0].label if len(items) == 1 else f"{items[0].label}至{items[-1].label}"


def describe_overview(title: str, parts: list[Section]) -> str:
    """"《…》分九个部分、共 28 项：" and a line per part: "一、…：（一）至（四）". """
    n_items = sum(len(p.items) for p in parts)
    listing = "".join(f"\n{int_to_cn(p.number)}、{p.heading}：{_span(p.items)}" if p.number else f"\n{p.heading}"
                      for p in parts)
    return f"《{title}》分{int_to_cn(len(parts))}个部分、共 {n_items} 项：{listing}"


def describe_section(title: str, part: Section) -> str:
    """"《…》第六部分“…”有 4 项：" and a line per item: "（十七）加强行政调解工作". """
    listing = "".join(f"\n{c.label}{c.title}" for c in part.items)
    return f"《{title}》第{int_to_cn(part.number)}部分“{part.heading}”有 {len(part.items)} 项：{listing}"
