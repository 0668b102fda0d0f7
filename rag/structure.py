"""A law's structure: its chapters (第一章 总则 …), their sections, and the articles in each.

"行政复议法有几章？" and "行政复议法一共多少条？" were searched and answered with 第四条 and
第六十二条; "行政复议法第三章讲什么" got 第三十条, and "第九章" (it has seven) got 第九条. No
article answers these, but each article's heading path holds the structure exactly, as the
plan's items hold its outline (``outline.py``). Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lawnames import LAW_NAME_RE
from .numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn
from .records import Clause

_N = f"[{CN_NUMERAL_CHARS}]+|\\d+"
_HEADING_RE = re.compile(rf"^第\s*({_N})\s*(章|节)\s*(.*)$")
# A law named, "第三部分" is its third chapter: laws have no other parts (the plan's are ``outline``'s).
_CHAPTER_ASKED_RE = re.compile(rf"第\s*({_N})\s*(?:章|部分)")
# Cheap first test, so most questions pay nothing: a chapter, or a count of chapters or articles.
STRUCTURE_CUE_RE = re.compile(r"章|部分|多少条|几条|条文|结构|目录|框架|大纲|分为哪几|分成哪几|分哪几")
_OVERVIEW_RE = re.compile(
    r"(?:几|多少|哪几|哪些)(?:个)?章|(?:一共|总共|共)(?:有)?(?:多少|几)条|多少条|几条|几个条文|多少个条文|"
    r"章节|结构|目录|框架|大纲|分为哪几|分成哪几|分哪几"
)
# Words around the cue that ask nothing more: "行政复议法一共有多少条呢？"
_FILLER_RE = re.compile(
    r"请问|里面|里|中|的|都|一共|总共|共|有|了|是|主要|具体|分为|分成|分|包括|包含|哪些|哪几个|哪几|几个|多少个|多少|几|"
    r"章节|章|部分|条文|条|个|内容|规定|结构|目录|框架|大纲|讲|说|写|什么|啥|关于|这部|该|本|法律|法规|"
    rf"第\s*(?:{_N})|列出|列一下|介绍|一下|[《》，,。？?！!、\s]"
)


@dataclass
class Chapter:
    """One chapter of a law: its number, heading, articles in order, and its sections (节) if any."""

    number: int
    heading: str  # "行政复议申请"
    articles: list[Clause] = field(default_factory=list)
    sections: list[tuple[str, list[Clause]]] = field(default_factory=list)  # ("第一节 行政复议范围", articles)


def structure_asked(question: str, names: Iterable[str] = ()) -> tuple[str, int]:
    """("overview", 0), ("chapter", n), or ("", 0) when the question asks something else of the law.

    ``names`` are the names the question uses for the law; they and the cue are removed, and what
    is left must ask nothing more ("第三章关于受理的规定" asks about 受理, so it is searched).
    """
    chapter = _CHAPTER_ASKED_RE.search(question)
    if not chapter and not _OVERVIEW_RE.search(question):
        return "", 0
    rest = question
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, "")
    rest = _FILLER_RE.sub("", LAW_NAME_RE.sub("", rest))
    if rest:
        return "", 0
    if chapter:
        return "chapter", cn_to_int(chapter.group(1)) or 0
    return "overview", 0


def chapters(articles: Iterable[Clause]) -> list[Chapter]:
    """A law's chapters in order, from each article's heading path; empty when it has none."""
    out: list[Chapter] = []
    for art in articles:
        top = _HEADING_RE.match(art.path[0].strip()) if art.path else None
        if top is None or top.group(2) != "章":
            continue
        number = cn_to_int(top.group(1)) or 0
        if not out or out[-1].number != number:
            out.append(Chapter(number=number, heading=top.group(3).strip()))
        out[-1].articles.append(art)
        section = art.path[1].strip() if len(art.path) > 1 else ""
        if section:
            if not out[-1].sections or out[-1].sections[-1][0] != section:
                out[-1].sections.append((section, []))
            out[-1].sections[-1][1].append(art)
    return out


def _span(articles: list[Clause]) -> str:
    return articles[0].label if len(articles) == 1 else f"{articles[0].label}至{articles[-1].label}"


def describe_law(title: str, parts: list[Chapter], n_articles: int) -> str:
    """"《…》共七章、90 条：" and a line per chapter: "第二章 行政复议申请：第十一条至第二十九条"."""
    if not parts:
        return f"《{title}》不分章，共 {n_articles} 条。"
    listing = "".join(f"\n第{int_to_cn(c.number)}章 {c.heading}：{_span(c.articles)}" for c in parts)
    return f"《{title}》共{int_to_cn(len(parts))}章、{n_articles} 条：{listing}"


def describe_chapter(title: str, chapter: Chapter) -> str:
    """"《…》第三章“…”共 5 条（第三十条至第三十四条）：" and a line per article (``gist``), under its section if any."""
    head = (f"《{title}》第{int_to_cn(chapter.number)}章“{chapter.heading}”共 {len(chapter.articles)} 条"
            f"（{_span(chapter.articles)}）")
    if not chapter.sections:
        return f"{head}：" + "".join(f"\n{gist(a)}" for a in chapter.articles)
    listing = "".join(f"\n{name}：{_span(arts)}" + "".join(f"\n{gist(a)}" for a in arts)
                      for name, arts in chapter.sections)
    return f"{head}，分{int_to_cn(len(chapter.sections))}节：{listing}"


_LABEL_RE = re.compile(rf"^第\s*(?:{_N})\s*条\s*")
GIST_CHARS = 30


def gist(article: Clause) -> str:
    """ "第三十条 对符合下列规定的，行政复议机关应当予以受理……": the label and the opening words.

    Statutes have no article titles, and "第三章讲什么" wants more than a range of numbers.
    """
    body = _LABEL_RE.sub("", article.text.strip()).replace("\n", "")
    first = re.split(r"(?<=[。；：:])", body, maxsplit=1)[0].rstrip("。；：:")
    return f"{article.label} {first[:GIST_CHARS]}……" if len(first) > GIST_CHARS else f"{article.label} {first}"


# "重大行政决策需要经过哪些程序？" / "行政处罚有哪几种程序": the steps of what a law is about.
PROCEDURE_CUE_RE = re.compile(r"程序|步骤|环节|流程")  # cheap first test
_PROCEDURE_ASKED_RE = re.compile(
    r"^(?:请问)?(?P<x>.+?)(?:一般|都|需要|要|应当|应该|得|必须)*(?:经过|经|走|履行|遵循|有|包括|分为|分)?"
    r"(?:哪些|什么|哪几个|哪几种|哪几|几个|几种)(?:法定)?(?:程序|步骤|环节|流程)(?:吗|呢)?[？?。！!\s]*$|"
    r"^(?:请问)?(?P<y>.+?)(?:的)?(?:法定)?(?:程序|步骤|环节|流程)(?:一般|都|主要)?(?:有|包括|分为)"
    r"(?:哪些|什么|哪几个|哪几种|哪几|几个|几种)(?:吗|呢)?[？?。！!\s]*$"
)
# What may stand around the law's subject and ask nothing more: "作出重大行政决策", "办理行政许可".
_SUBJECT_FILLER_RE = re.compile(r"作出|做出|办理|申请|进行|开展|实施|一个|一项|一件|的|在|对|中|上|时")
_FRAME_RE = re.compile(r"总则|法律责任|附则")
_SECTION_NAME_RE = re.compile(rf"^第\s*(?:{_N})\s*节\s*")


def procedure_asked(question: str, subject: str) -> bool:
    """Does the question ask for the steps of ``subject`` (a law's subject: 重大行政决策) and nothing more?"""
    m = _PROCEDURE_ASKED_RE.match(re.sub(r"\s+", "", question))
    thing = (m.group("x") or m.group("y")) if m else ""
    if not subject or subject not in thing:
        return False
    return not _SUBJECT_FILLER_RE.sub("", thing.replace(subject, "", 1))


def procedure_steps(title: str, parts: list[Chapter]) -> list[tuple[str, list[Clause]]]:
    """A law's procedures as its headings lay them out: (step name, its articles), in order.

    The chapters and sections whose headings say 程序 (行政处罚法: 简易程序, 普通程序, 听证程序;
    行政许可法's 第四章 实施程序 by its sections); for a law named after its procedure (重大行政决策
    程序暂行条例) every chapter but 总则, 法律责任 and 附则, by section where it has them. Empty when
    the headings say nothing of procedure, and the question is searched instead.
    """
    def split(chapter: Chapter) -> list[tuple[str, list[Clause]]]:
        if chapter.sections:
            return [(_step_name(name), arts) for name, arts in chapter.sections]
        return [(_step_name(chapter.heading), chapter.articles)]

    steps: list[tuple[str, list[Clause]]] = []
    for chapter in parts:
        if "程序" in chapter.heading:
            steps += split(chapter)
        else:
            steps += [(_step_name(name), arts) for name, arts in chapter.sections if "程序" in name]
    if steps or "程序" not in title:
        return steps
    return [step for chapter in parts if not _FRAME_RE.search(_step_name(chapter.heading)) for step in split(chapter)]


def _step_name(heading: str) -> str:
    return re.sub(r"\s+", "", _SECTION_NAME_RE.sub("", heading.strip()))


def describe_procedures(title: str, steps: list[tuple[str, list[Clause]]]) -> str:
    """"《…》规定的程序，按条文顺序：" and a line per step: "公众参与：第十四条至第十六条"."""
    listing = "".join(f"\n{name}：{_span(arts)}" for name, arts in steps)
    return f"《{title}》规定的程序，按条文顺序：{listing}"
