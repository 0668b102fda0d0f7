"""The plan's outline ("计划分为哪几个部分？", "第六部分讲的是什么？") from the real plan's headings."""

from __future__ import annotations

import pytest

from rag.chunking import chunk_document
from rag.loading import load_document
from rag.outline import (
    describe_overview,
    describe_section,
    number_item,
    outline_asked,
    sections,
    topic_asked,
    topic_section,
)


@pytest.fixture(scope="module")
def parts(plan_path):
    items = [c for c in chunk_document(load_document(plan_path)).clauses if c.kind == "plan_item"]
    return sections(items)


def test_the_plan_has_nine_parts_holding_its_28_items_in_order(parts):
    assert [p.number for p in parts] == list(range(1, 10))
    assert sum(len(p.items) for p in parts) == 28
    assert parts[5].heading == "健全社会矛盾纠纷多元化解工作体系"
    assert [c.label for c in parts[5].items] == ["（十七）", "（十八）", "（十九）", "（二十）"]
    assert [c.label for c in parts[1].items] == ["（五）"]


def test_only_questions_about_the_whole_plan_or_a_part_are_outlined():
    assert outline_asked("计划分为哪几个部分？") == ("overview", 0)
    assert outline_asked("2024年法治政府建设工作计划有哪些主要任务？") == ("overview", 0)
    assert outline_asked("计划一共有多少项任务？") == ("overview", 0)
    assert outline_asked("计划一共有几大项？") == ("overview", 0)  # 几大项, 几大部分: the parts
    assert outline_asked("计划有几大部分") == ("overview", 0)
    assert outline_asked("计划第六部分讲的是什么？") == ("section", 6)
    assert outline_asked("计划第6部分有哪些任务") == ("section", 6)
    assert outline_asked("计划中行政执法方面有哪些主要任务？") == ("", 0)  # a topic: see below
    # only the plan has parts (laws have 章): "第五部分" need not say 计划
    assert outline_asked("第五部分有哪些工作？") == ("section", 5)
    assert outline_asked("第五部分的牵头单位是谁") == ("", 0)  # asks more than the outline
    assert outline_asked("计划第十八项讲什么") == ("", 0)  # an item: looked up
    assert outline_asked("行政复议法分为几个部分") == ("", 0)  # not the plan
    assert outline_asked("计划里关于普法有什么安排？") == ("", 0)


def test_the_outline_answers_name_every_part_and_item(parts):
    text = describe_overview("2024年法治政府建设工作计划", parts)
    lines = text.split("\n")  # a line per part
    assert lines[0] == "《2024年法治政府建设工作计划》分九个部分、共 28 项："
    assert lines[1] == "一、健全政府机构职能体系：（一）至（四）" and lines[2] == "二、健全依法行政制度体系：（五）"
    assert lines[-1] == "九、强化组织实施：（二十六）至（二十八）" and len(lines) == 10
    text = describe_section("2024年法治政府建设工作计划", parts[5])
    assert text.split("\n")[:2] == ["《2024年法治政府建设工作计划》第六部分“健全社会矛盾纠纷多元化解工作体系”有 4 项：",
                                    "（十七）加强行政调解工作"]


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("计划中行政执法方面有哪些主要任务？", 4),
        ("今年计划在行政决策方面有什么安排？", 3),
        ("计划关于矛盾纠纷化解方面有哪些工作？", 6),  # its characters in order in the heading
        ("计划中科技保障方面有哪些举措", 8),
    ],
)
def test_an_area_of_the_plan_is_the_part_whose_heading_names_it(parts, question, part):
    # Before, "计划中行政执法方面有哪些主要任务" was answered with one sentence of one item.
    found = topic_section(topic_asked(question), parts)
    assert found is not None and found.number == part


@pytest.mark.parametrize(
    "question",
    [
        "计划在政务公开方面有哪些工作？",  # an item's subject, not a part's: searched
        "计划提出重点对哪些方面开展监督检查？",  # 方面 is what is asked, not an area named
        "行政执法方面有哪些任务",  # not about the plan
        "计划里关于普法有什么安排？",
        "计划在行政方面有哪些任务",  # several parts' headings say 行政
    ],
)
def test_other_questions_are_not_taken_for_an_area(parts, question):
    assert topic_section(topic_asked(question), parts) is None


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("第五部分第二项是什么？", "第十五项是什么？"),
        ("计划第五部分第二项的牵头单位是谁", "计划第十五项的牵头单位是谁"),
        ("第一部分的第三项讲什么", "第三项讲什么"),
        ("第九部分第3项", "第二十八项"),
        ("第十八项是什么", "第十八项是什么"),  # numbered through the plan already
    ],
)
def test_an_item_counted_within_its_part_is_asked_by_its_own_number(parts, question, rewritten):
    assert number_item(question, parts) == (rewritten, "")


def test_an_item_a_part_does_not_have_is_named_as_missing(parts):
    assert number_item("第五部分第五项是什么", parts) == ("第五部分第五项是什么", "第五部分只有三项，没有第五项。")
    assert number_item("第十二部分第一项", parts)[1] == "共九个部分，没有第十二部分。"
