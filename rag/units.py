"""A unit's own tasks: "司法局今年牵头了哪些工作？" answered from the plan's 牵头单位 / 责任单位.

Staff ask what their bureau is charged with. Retrieval finds one item at best, while the
plan's parsed unit lists answer exactly: every item whose 牵头单位 or 责任单位 names the unit.
The plan writes a unit in full once and shortened in lists (旗司法局, then 司法局; 旗委编办,
then 编办), so units are compared by a key without the 旗 / 旗委 / 各 prefix. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .records import Clause

# "旗司法局及政府其他部门" lists two units.
_SPLIT_RE = re.compile(r"及|和")
# Not a unit of its own: "旗政府各部门", "旗政府有关部门", "政府其他有关部门".
_GENERIC_RE = re.compile(r"各部门|有关部门|其他")
# The question asks for a list of tasks ...
_TASKS_RE = re.compile(
    r"(?:哪些|什么|啥|哪几项|几项|多少项|哪项|哪一项)(?:法治)?(?:工作|任务|事项)|(?:工作|任务|事项)(?:都)?有哪些|承担了?哪些|"
    r"(?:干|做)(?:些)?(?:什么|啥|哪些)"
)
# ... and nothing but the unit, its role and such filler words.
_FILLER_RE = re.compile(
    r"今年|本年|2024年|旗里|我旗|全旗|法治建设|法治|工作计划|计划|里面|里|中|在|都|共同|一共|总共|共|有|了|的|是|主要|具体|要|需要|"
    r"干|做|些|啥|"
    r"承担|负责|责任|牵头|参与|配合|协助|作为|单位|部门|分别|一起|联合|同时|和|与|及|、|哪些|什么|哪几项|几项|多少项|工作|任务|事项|"
    r"请问|我们|列出|列一下|被列为|列为|哪一项|哪项|给|分配|安排|布置|交给|"
    r"[，,。？?！!、\s]"
)
_PLAN_SUBJECT_RE = re.compile(r"法治政府(?:建设)?")
# Staff name a bureau in full or by another short form than the plan's: 政务服务和数据管理局 is the
# plan's 政数局, 市场监督管理局 its 市监局. Longest first, so a full name is not read as a part of it.
UNIT_ALIASES: dict[str, str] = {
    "政务服务和数据管理局": "政数局", "政务服务与数据管理局": "政数局", "政务服务局": "政数局", "数据局": "政数局",
    "市场监督管理局": "市监局", "市场监管局": "市监局",
    "发展和改革委员会": "发改委", "发展改革委": "发改委", "发改局": "发改委",
    "政府办公室": "政府办",
    "人力资源和社会保障局": "人社局", "人力资源社会保障局": "人社局",
    "住房和城乡建设局": "住建局", "住房城乡建设局": "住建局",
    "卫生健康委员会": "卫健委", "卫生健康委": "卫健委", "卫健局": "卫健委",
    "工业和信息化局": "工信局",
    "林业和草原局": "林草局",
    "应急局": "应急管理局",
    "生态环境局": "生态环境分局", "环保局": "生态环境分局",
    "投资促进中心": "投促中心",
    "交通运输局": "交通局",
    # the plan's 中国人民银行乌拉特中旗支行, as staff say it
    "人民银行乌拉特中旗支行": "中国人民银行乌拉特中旗支行", "人民银行中旗支行": "中国人民银行乌拉特中旗支行",
    "人行乌拉特中旗支行": "中国人民银行乌拉特中旗支行", "人行中旗支行": "中国人民银行乌拉特中旗支行",
}
_ALIAS_RE = re.compile("|".join(sorted(map(re.escape, UNIT_ALIASES), key=len, reverse=True)))
# "司法局和信访局共同负责哪些工作": the items that name every unit asked, not each unit's own list.
JOINT_RE = re.compile(r"共同|一起|联合|同时|都(?:是|参与|参加|负责|牵头|有份|在)")
LEAD_ROLE_RE = re.compile(r"牵头")
# "参与" is any part in an item, leading included; 责任单位 / 配合 / 协助 name the second role only.
RESPONSIBLE_ROLE_RE = re.compile(r"责任单位|配合|协助")


def plan_unit_names(text: str) -> str:
    """``text`` with other names of a unit written as the plan writes them (市场监督管理局 → 市监局)."""
    return _ALIAS_RE.sub(lambda m: UNIT_ALIASES[m.group(0)], text)


def units_named(text: str, units: dict[str, str]) -> list[str]:
    """The full names of the plan's units ``text`` names, in full or by another name (longest key first)."""
    text = plan_unit_names(text)
    return [units[key] for key in sorted(units, key=len, reverse=True) if key in text]


def unit_key(name: str) -> str:
    """旗司法局 → 司法局, 旗委编办 → 编办, 各苏木镇政府 → 苏木镇政府: one key for a unit's forms."""
    name = name.strip().removeprefix("各")
    if name.startswith("旗委") and len(name) >= 4:
        return name[2:]
    return name.removeprefix("旗") if len(name) > 3 else name


def _unit_names(entry: str) -> list[str]:
    return [part for part in _SPLIT_RE.split(entry) if part]


@dataclass
class UnitTasks:
    """The plan items that name one unit, by role."""

    unit: str  # as the plan writes it in full: 旗司法局
    lead: list[Clause] = field(default_factory=list)
    responsible: list[Clause] = field(default_factory=list)


def known_units(items: Iterable[Clause]) -> dict[str, str]:
    """Unit key → the unit's fullest name in the plan (旗司法局 over 司法局); generic entries left out."""
    names: dict[str, str] = {}
    for item in items:
        for entry in (*item.lead_units, *item.responsible_units):
            for name in _unit_names(entry):
                if _GENERIC_RE.search(name):
                    continue
                key = unit_key(name)
                if len(key) >= 2 and len(name) > len(names.get(key, "")):
                    names[key] = name
    return names


def asked_units(question: str, units: dict[str, str]) -> list[str]:
    """The unit keys a "what are X's (and Y's) tasks" question is about, in the order named; [] otherwise.

    The question may also be the unit's name alone ("旗司法局", "司法局的工作"): nothing else is asked.
    """
    # 法治政府建设 is what the whole plan is about: its 政府 is not the unit 政府.
    question = _PLAN_SUBJECT_RE.sub("", plan_unit_names(question))
    rest, found = question, []
    for key in sorted(units, key=len, reverse=True):  # 旗委政法委 before 政法委
        pos = rest.find(key)
        if pos >= 0:
            found.append((question.find(key), key))
            rest = rest[:pos] + "\0" + rest[pos + len(key):]
    rest = _FILLER_RE.sub("", rest.replace("\0", "").replace("旗委", "").replace("旗", ""))
    # "司法局在普法方面有哪些工作" asks about 普法, not every task of the bureau. Without a tasks
    # cue nothing at all may be left ("司法局的工作"), so "司法局是谁" and "司法局牵头吗" are not taken.
    if not found or len(rest) > (1 if _TASKS_RE.search(question) else 0):
        return []
    return [key for _, key in sorted(found)]


# A unit as staff name one of the banner's: 旗教育局, 旗委组织部, 旗退役军人事务局. Not 旗里哪个局.
_UNIT_SHAPE_RE = re.compile(r"旗(?:委)?[\u4e00-\u9fff]{1,7}?(?:局|委|办|部|中心)")
_NOT_A_NAME_RE = re.compile(r"哪|什么|啥|个|些|里|各|有关|政府")


def unknown_unit(question: str, units: dict[str, str]) -> str:
    """The unit a tasks question names that the plan's unit lists never do ("旗教育局有哪些任务"), or "".

    Such a question would otherwise be searched, and an item about anything else quoted as the bureau's task.
    """
    question = plan_unit_names(question)
    for m in _UNIT_SHAPE_RE.finditer(question):
        name = m.group(0)
        key = unit_key(name)
        if _NOT_A_NAME_RE.search(key) or any(key in k or k in key for k in units):
            continue
        if asked_units(question, {**units, key: name}) == [key]:
            return name
    return ""


def tasks_of(key: str, items: Iterable[Clause], full_name: str) -> UnitTasks:
    """Every plan item whose 牵头单位 or 责任单位 names the unit, in plan order."""
    found = UnitTasks(unit=full_name)
    for item in items:
        if any(unit_key(n) == key for e in item.lead_units for n in _unit_names(e)):
            found.lead.append(item)
        elif any(unit_key(n) == key for e in item.responsible_units for n in _unit_names(e)):
            found.responsible.append(item)
    return found


def roles_asked(question: str) -> tuple[bool, bool]:
    """(lead, responsible): which roles the question asks about; both when it names neither."""
    lead, responsible = bool(LEAD_ROLE_RE.search(question)), bool(RESPONSIBLE_ROLE_RE.search(question))
    return (lead, responsible) if (lead or responsible) else (True, True)


def describe(tasks: UnitTasks, lead: bool, responsible: bool) -> tuple[str, list[Clause]]:
    """The answer text, listing the items by role as （N）title a line each, and the items it lists in that order.

    When the role asked has no item, the other role's items are told, so the answer is still of use.
    """
    def listing(items: list[Clause]) -> str:
        # One item a line: a list of sixteen reads as a list in the chat and in a terminal.
        return "".join(f"\n{c.label}{c.title}" for c in items)

    lead_part = (f"牵头 {len(tasks.lead)} 项：{listing(tasks.lead)}", tasks.lead) if tasks.lead else ("没有牵头的事项。", [])
    resp_part = ((f"作为责任单位参与 {len(tasks.responsible)} 项：{listing(tasks.responsible)}", tasks.responsible)
                 if tasks.responsible else ("没有被列为责任单位的事项。", []))
    if lead and responsible:
        parts = [lead_part] + ([resp_part] if tasks.responsible else [])
    elif lead:
        parts = [lead_part] + ([("但" + resp_part[0], resp_part[1])] if not tasks.lead and tasks.responsible else [])
    else:
        parts = [resp_part] + ([("但" + lead_part[0], lead_part[1])] if not tasks.responsible and tasks.lead else [])
    text = tasks.unit + "\n".join(body for body, _ in parts)
    return text, [c for _, items in parts for c in items]


def shared_tasks(tasks: list[UnitTasks], lead: bool, responsible: bool) -> list[Clause]:
    """The items every unit of ``tasks`` takes part in, in the role asked (either when both), in plan order."""
    def of(t: UnitTasks) -> list[Clause]:
        return (t.lead if lead else []) + (t.responsible if responsible else [])

    common = [c for c in of(tasks[0]) if all(c in of(t) for t in tasks[1:])]
    return sorted(common, key=lambda c: c.number)


def describe_shared(tasks: list[UnitTasks], items: list[Clause], lead: bool, responsible: bool) -> str:
    """ "旗司法局、信访局共同参与 3 项：" and a line per item saying each unit's role in it."""
    names = "、".join(t.unit for t in tasks)
    role = "牵头" if lead and not responsible else "作为责任单位参与" if responsible and not lead else "参与"
    if not items:
        return f"{names}没有共同{role}的事项；可以分别问各单位牵头了哪些工作。"

    def roles(c: Clause) -> str:
        return "，".join(f"{t.unit}{'牵头' if c in t.lead else '为责任单位'}" for t in tasks)

    lines = "".join(f"\n{c.label}{c.title}（{roles(c)}）" for c in items)
    return f"{names}共同{role} {len(items)} 项：{lines}"
