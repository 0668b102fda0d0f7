"""Law names in questions: bracketed, bare, and shortened the way staff write them.

Staff write 复议法 for 行政复议法, 行诉法 for 行政诉讼法, 营商环境条例 for 优化营商环境条例 and
信访条例 for 信访工作条例. A shortened name may also be the tail of another law's name:
刑事诉讼法 ends in 诉讼法 and 治安管理处罚法 in 处罚法, yet neither is 行政诉讼法 or 行政处罚法.
So a tail of a mention stands for a held document only when what precedes it in the question
is a word that leads into a name (根据, 按照, 违反 …), never when it could be part of the name.
Pure functions of the text and the held names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .numerals import CN_NUMERAL_CHARS

BRACKETED_RE = re.compile(r"《([^《》]{2,40})》")
# An unbracketed law name ends in 法/条例 and is followed by what a law is followed by in a question.
LAW_NAME_RE = re.compile(
    r"([\u4e00-\u9fff]{2,20}?(?:法|条例)|[\u4e00-\u9fff]{1,20}?法典)"
    r"(?=规定|第|对|中|里|上|关于|怎么|如何|是|有|要求|[^\u4e00-\u9fff]|$)"
)
# Words ending in 法 that are not law names (依法, 执法, 行政执法, 方法 …).
NOT_LAW_SUFFIXES = ("执法", "依法", "违法", "合法", "守法", "普法", "立法", "司法", "方法", "办法", "做法", "说法",
                    "看法", "想法", "用法", "手法", "非法", "枉法", "犯法", "无法", "设法", "于法", "有法", "按法",
                    "叫法", "写法", "讲法", "打法", "玩法", "疗法", "技法", "学法", "懂法", "尊法", "知法",
                    "释法", "送法", "宣法", "述法", "书法", "语法", "算法", "王法", "护法", "章法", "家法", "国法",
                    "兵法")
# Connective characters a law's name does not contain ("各部门叫法", "要依法"), nor words that ask
# ("贯彻哪个条例", "依据什么法").
NOT_IN_LAW_NAME = re.compile(r"[的各了都要在把被让和与或就也还吗呢哪啥什]")
# "这种事条例怎么规定", "这种做法条例里允许吗": a pointer to the case told, then the regulation meant; no
# name starts with it.
POINTER_RE = re.compile(r"^.*?[这那此该](?:种|类|件|个|样)?(?:事|做法|情况|情形|行为)")
# Words after which a shortened name starts ("根据复议法", "违反营商环境条例"). Anything else before
# a tail may be the head of another law's name (刑事|诉讼法, 治安管理|处罚法), so it is not cut off.
LEAD_WORDS = (
    "根据", "依据", "依照", "按照", "遵照", "参照", "对照", "按", "依", "据", "关于", "对于", "对", "请问", "问",
    "查", "查询", "查一下", "看", "看看", "比如", "例如", "在", "从", "用", "以", "由", "和", "与", "及", "同",
    "是", "这", "该", "本", "新", "新版", "现行", "最新", "修订后", "的", "了", "落实", "执行", "贯彻", "学习",
    "宣传", "适用", "违反", "遵守", "实施", "解读", "理解", "介绍", "讲讲", "说说",
)
MIN_NAME_CHARS = 3
# Two-character law names are ordinary words elsewhere ("根据宪法制定", "依照刑法追究"), so they count only
# when an article of theirs, or what they say, is asked for: "宪法第一条" must not be answered with
# 行政诉讼法第一条, nor "刑法规定盗窃罪……" with a 行政处罚法 article. 人民法院 holds 民法.
SHORT_LAW_ARTICLE_RE = re.compile(
    rf"(?<!人)(宪法|刑法|民法)(?!典)(?=\s*第\s*[{CN_NUMERAL_CHARS}\d]+\s*条|规定|里|中(?!的))")


def is_subsequence(short: str, name: str) -> bool:
    """"信访条例" ⊂ "信访工作条例": the characters of ``short`` appear in ``name`` in order."""
    it = iter(name)
    return all(ch in it for ch in short)


def looks_like_name(text: str) -> bool:
    """Could ``text`` be a law's name, rather than 执法, 依法 or a phrase with 的 in it?"""
    return (len(text) >= MIN_NAME_CHARS and not text.endswith(NOT_LAW_SUFFIXES)
            and not NOT_IN_LAW_NAME.search(text))


def law_mentions(question: str) -> list[str]:
    """Law and document names a question mentions: 《…》 titles and bare "…法" / "…条例" names."""
    out = [m.group(1).strip() for m in BRACKETED_RE.finditer(question)]
    rest = BRACKETED_RE.sub("，", question)
    out += [m.group(1) for m in SHORT_LAW_ARTICLE_RE.finditer(rest)]
    for m in LAW_NAME_RE.finditer(rest):
        name = POINTER_RE.sub("", m.group(1))
        # A code (民法典) is a law by its ending alone; other names need four characters to tell 某某法 from 执法.
        long_enough = len(name) >= 4 or name.endswith("法典")
        if long_enough and looks_like_name(name):
            out.append(name)
    return out


def name_forms(mention: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of the names a mention may stand for, longest first.

    The whole mention, then each tail that follows a lead word: "根据复议法" → 复议法, while
    "刑事诉讼法" yields only itself.
    """
    for i in range(len(mention) - MIN_NAME_CHARS + 1):
        if i and not mention[:i].endswith(LEAD_WORDS):
            continue
        tail = mention[i:]
        if looks_like_name(tail) or (i == 0 and len(tail) >= MIN_NAME_CHARS and tail.endswith("法典")):
            yield i, tail


def held_matches(form: str, names: Iterable[tuple[str, str]]) -> set[str]:
    """Ids of the documents whose name contains ``form``, else whose name it shortens (行诉法 → 行政诉讼法)."""
    names = list(names)
    found = {doc for name, doc in names if form in name}
    return found or {doc for name, doc in names if is_subsequence(form, name)}
