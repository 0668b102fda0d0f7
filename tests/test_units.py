"""A unit's own tasks ("司法局今年牵头了哪些工作？"), from the real plan's parsed unit lists."""

from __future__ import annotations

import pytest

from rag.chunking import chunk_document
from rag.loading import load_document
from rag.units import (
    JOINT_RE,
    UNIT_ALIASES,
    asked_units,
    describe,
    describe_shared,
    known_units,
    roles_asked,
    shared_tasks,
    tasks_of,
    unit_key,
    units_named,
)


@pytest.fixture(scope="module")
def items(plan_path):
    return [c for c in chunk_document(load_document(plan_path)).clauses if c.kind == "plan_item"]


@pytest.fixture(scope="module")
def units(items):
    return known_units(items)


def test_a_unit_written_in_full_and_shortened_is_one_unit(units):
    assert unit_key("旗司法局") == unit_key("司法局") == "司法局"
    assert unit_key("旗委编办") == unit_key("编办") == "编办"
    assert unit_key("各苏木镇政府") == "苏木镇政府"
    assert units["司法局"] == "旗司法局"  # the fullest name the plan writes
    assert "政府各部门" not in units and "政府有关部门" not in units  # generic entries are not units


def test_every_item_naming_the_unit_is_listed_by_role(items, units):
    tasks = tasks_of("司法局", items, units["司法局"])
    lead = [c.label for c in tasks.lead]
    # 旗司法局 in full (（十）, （十八）) and shortened in lists (（五） "旗政府办、司法局") alike
    assert {"（五）", "（十）", "（十八）", "（二十）", "（二十八）"} <= set(lead)
    assert "（一）" not in lead and "（二）" not in lead
    assert lead == sorted(lead, key=lambda label: next(i for i, c in enumerate(items) if c.label == label))
    # "旗司法局及政府其他部门" names it as a responsible unit of （七）
    assert "（七）" in [c.label for c in tasks.responsible]


def test_only_a_question_about_the_units_tasks_is_taken(units):
    assert asked_units("司法局今年牵头了哪些工作？", units) == ["司法局"]
    assert asked_units("旗政数局负责哪些任务", units) == ["政数局"]
    assert asked_units("财政局是哪些工作的责任单位？", units) == ["财政局"]
    assert asked_units("信访局的任务有哪些", units) == ["信访局"]
    assert asked_units("司法局在普法方面有哪些工作？", units) == []  # asks about 普法 only
    assert asked_units("行政复议工作谁牵头？", units) == []  # names no unit
    assert asked_units("司法局的电话是多少", units) == []  # not about tasks
    assert asked_units("司法局和信访局分别牵头哪些工作？", units) == ["司法局", "信访局"]
    assert asked_units("司法局和普法有哪些工作", units) == []
    # the unit's name alone asks for its tasks (before: one item's sentence about 司法所)
    assert asked_units("旗司法局", units) == ["司法局"] and asked_units("司法局的工作", units) == ["司法局"]
    assert asked_units("司法局负责什么？", units) == ["司法局"]
    # without a tasks cue nothing else may be asked
    assert asked_units("司法局是谁", units) == [] and asked_units("司法局牵头吗", units) == []
    # plain words for tasks (before: one sentence of item （十三） for 公安局)
    assert asked_units("公安局今年负责哪些法治工作？", units) == ["公安局"]
    assert asked_units("司法局要干什么？", units) == ["司法局"] and asked_units("信访局今年做哪些事？", units) == ["信访局"]
    # the 政府 of 法治政府建设 is the plan's subject, not the unit 政府
    assert asked_units("2024年法治政府建设工作计划有哪些主要任务？", units) == []
    assert asked_units("旗长在法治政府建设中要做什么？", units) == []


def test_the_answer_lists_the_role_asked_and_falls_back_to_the_other(items, units):
    assert roles_asked("司法局牵头了哪些工作") == (True, False)
    assert roles_asked("红十字会是哪些工作的责任单位") == (False, True)
    assert roles_asked("人民法院参与哪些工作") == (True, True)  # leading an item is taking part in it too
    assert roles_asked("司法局负责哪些任务") == (True, True)
    text, cited = describe(tasks_of("编办", items, units["编办"]), True, False)
    # （二十八） writes it "编办" in a list after "旗人大机关、旗委组织部"
    assert text.split("\n") == ["旗委编办牵头 3 项：", "（一）推进政府机构职能优化协同高效", "（九）持续深化行政执法体制改革",
                                "（二十八）全面加强依法行政能力建设"]
    assert [c.label for c in cited] == ["（一）", "（九）", "（二十八）"]
    # 财政局 is never a responsible unit: the answer says so and tells what it leads
    text, cited = describe(tasks_of("财政局", items, units["财政局"]), False, True)
    assert text.startswith("财政局没有被列为责任单位的事项。\n但牵头 4 项：\n（十一）")
    assert len(cited) == 4


def test_a_unit_named_in_full_or_by_another_short_form_is_the_plans_unit(units):
    """The plan writes 政数局 and 市监局; staff also say 政务服务和数据管理局, 市场监管局."""
    assert asked_units("政务服务和数据管理局牵头哪些工作？", units) == ["政数局"]
    assert asked_units("政务服务局有哪些任务", units) == ["政数局"]
    assert asked_units("发展和改革委员会和市场监督管理局分别负责什么工作？", units) == ["发改委", "市监局"]
    assert asked_units("应急局承担哪些工作？", units) == ["应急管理局"]  # the plan's own name is the longer one
    bank = ["中国人民银行乌拉特中旗支行"]
    assert asked_units("人民银行中旗支行在计划里有啥任务", units) == asked_units("人行中旗支行参与哪些工作", units) == bank
    assert asked_units("中国人民银行乌拉特中旗支行有哪些任务？", units) == bank
    assert all(alias not in units for alias in UNIT_ALIASES)  # an alias is never one of the plan's names
    assert set(UNIT_ALIASES.values()) <= set(units)  # and always stands for one


def test_a_contact_question_names_the_unit_by_any_of_its_names(units):
    """"市场监督管理局的电话" gets the same hint to ask for 市监局's tasks as "市监局的电话"."""
    assert units_named("市场监督管理局的电话是多少？", units) == units_named("市监局的电话是多少？", units) == ["市监局"]
    assert units_named("旗司法局在哪里办公？", units) == ["旗司法局"]
    assert units_named("乌拉特中旗旗长是谁？", units) == []


def test_units_asked_together_get_the_items_they_share(items, units):
    # Before, "共同" was left over as a topic: the question was searched and one item's sentence quoted,
    # and "都参与" listed each unit's sixteen and three items apart.
    question = "司法局和公安局共同负责的有哪些？"
    keys = asked_units(question, units)
    assert keys == ["司法局", "公安局"] and JOINT_RE.search(question)
    assert not JOINT_RE.search("司法局和信访局分别牵头哪些工作？")
    tasks = [tasks_of(k, items, units[k]) for k in keys]
    either = shared_tasks(tasks, lead=True, responsible=True)
    assert [c.label for c in either] == ["（十三）", "（十六）", "（十七）"]
    assert [c.label for c in shared_tasks(tasks, lead=True, responsible=False)] == ["（十三）", "（十七）"]
    text = describe_shared(tasks, either, lead=True, responsible=True)
    assert text.startswith("旗司法局、旗公安局共同参与 3 项：")
    assert "（十六）引导、规范基层组织和社会力量参与突发事件应对（旗司法局为责任单位，旗公安局牵头）" in text
    none = describe_shared(tasks, [], lead=False, responsible=True)
    assert none.startswith("旗司法局、旗公安局没有共同作为责任单位参与的事项")
