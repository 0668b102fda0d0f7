"""Comparison questions: "行政复议和行政诉讼有什么区别？" asks about two things side by side.

Searched as one question, it found the one clause that names both (行政处罚法第七条: one may
申请行政复议或者提起行政诉讼) and quoted it, which compares nothing. Each side is asked on its
own instead — "什么是行政复议", or "行政复议的期限" when the question names an aspect — and the
answer puts the two cited passages one after the other. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_THING = r"[\u4e00-\u9fffA-Za-z0-9]{2,12}?"
_LEAD = rf"^(?:请问|请|想问一下|想问)?(?P<a>{_THING})"  # the first side, up to the word joining the two
_COMPARE_RE = re.compile(
    rf"{_LEAD}(?:和|与|跟|同)(?P<rest>.+?)"
    r"(?:有|存在)?(?:什么|哪些|啥|何)?(?:区别|不同|差别|差异|异同)(?:吗|呢)?(?:是什么|有哪些|在哪里?|在哪儿)?[？?。！!]*$"
)
# "信访和行政复议哪个更快": which is quicker is a question of their time limits.
_WHICH_RE = re.compile(
    rf"{_LEAD}(?:和|与|跟|同|还是)(?P<b>{_THING})"
    r"(?:相比|比较|比)?(?:哪个|哪一个|哪种|谁)(?:更|比较)?(?:快|慢|省时|耗时|时间短|时间长|期限短|期限长)(?:一些|一点|些)?(?:呢|吗)?[？?。！!]*$"
)
# The second side ends where an aspect starts: "行政诉讼在受理范围上", "行政诉讼的期限".
_SECOND_RE = re.compile(rf"^(?P<b>{_THING})(?:两者|二者|之间|相比)*(?:(?:在|的|对|关于|就)(?P<aspect>.*))?$")
# Words that make a "side" a question rather than a thing: "谁和谁", "这个和那个".
_NOT_A_SIDE_RE = re.compile(r"什么|哪|谁|怎么|如何|多少|几|这个|那个|它们|他们|这些|那些")
_ASPECT_FILLER_RE = re.compile(
    r"^(?:的|在|上|中|方面|有|存在)+|(?:的|上|中|方面|有|存在|两者|二者|之间|规定|要求)+$"
)


# "走行政复议普通程序和打行政诉讼一审，法定办理期限分别是多长": one question asked of each of two things.
_EACH_RE = re.compile(r"分别|各自")
_JOIN_RE = re.compile(r"和|与|跟|同|以及")
# The parties one article treats in turn ("对个人……对单位……"): asked of each, both sides find that article,
# and the two extra searches were spent for nothing.
_PARTIES = frozenset({"个人", "单位", "企业", "公民", "法人", "组织", "双方", "一方", "当事人", "申请人", "被申请人",
                      "原告", "被告", "牵头单位", "责任单位"})
_RUN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9《》“”]{2,16}")


@dataclass(frozen=True)
class Comparison:
    """The two things a question compares, and the aspect it compares them in ("" for none).

    ``template`` is the question with ``{side}`` for the pair, when each is asked the same question.
    """

    first: str
    second: str
    aspect: str = ""
    template: str = ""

    def side_question(self, side: str) -> str:
        """What is asked of one side: "行政复议的期限是什么", or "什么是行政复议"."""
        if self.template:
            return self.template.replace("{side}", side)
        return f"{side}的{self.aspect}是什么" if self.aspect else f"什么是{side}"


def each_asked(question: str) -> Comparison | None:
    """ "A和B……分别……": the question asked of A and of B, the rest of it kept as it is.

    "行政处罚法和移送涉嫌犯罪案件的规定分别怎么追责" → "行政处罚法的规定怎么追责" and
    "移送涉嫌犯罪案件的规定怎么追责"; either side may be a phrase ("走行政复议普通程序").
    """
    each = _EACH_RE.search(question)
    # "司法局和信访局分别牵头哪些工作": the plan's unit lists answer both sides at once.
    if not each or "牵头" in question:
        return None
    before = question[:each.start()]
    joins = list(_JOIN_RE.finditer(before))
    if not joins:
        return None
    join = joins[-1]
    first = _RUN_RE.search(before[:join.start()][::-1])
    second = _RUN_RE.match(before, join.end())
    if not first or first.start() != 0 or not second:
        return None
    a = first.group(0)[::-1]
    b = second.group(0)
    middle = before[second.end():]
    if "的" in b:  # "复议和诉讼的期限分别是多少": the aspect is each side's
        b, _, tail = b.partition("的")
        middle = "的" + tail + middle
    start = join.start() - len(a)
    template = question[:start] + "{side}" + middle + question[each.end():]
    if (a == b or len(b) < 2 or any(_NOT_A_SIDE_RE.search(x) for x in (a, b))
            or any(x.endswith(party) for x in (a, b) for party in _PARTIES)):
        return None
    return Comparison(first=a, second=b, template=template)


def compared(question: str) -> Comparison | None:
    """The comparison a question asks for, or None when it asks something else."""
    text = re.sub(r"\s+", "", question)
    which = _WHICH_RE.match(text)
    if which:
        return _sides(which.group("a"), which.group("b"), "期限")
    m = _COMPARE_RE.match(text)
    if not m:
        return each_asked(text)
    rest = _SECOND_RE.match(m.group("rest"))
    if not rest:
        return None
    return _sides(m.group("a"), rest.group("b"), _ASPECT_FILLER_RE.sub("", rest.group("aspect") or ""))


def _sides(first: str, second: str, aspect: str) -> Comparison | None:
    """The comparison, unless its two sides are one thing or a part of it is itself a question ("谁和谁")."""
    if first == second or any(_NOT_A_SIDE_RE.search(x) for x in (first, second, aspect)):
        return None
    return Comparison(first=first, second=second, aspect=aspect)
