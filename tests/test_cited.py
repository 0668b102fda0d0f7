"""The documents the plan cites ("计划提到了哪些法律法规？"), read from its 《…》 titles."""

from __future__ import annotations

import pytest

from rag.chunking import chunk_document
from rag.cited import cited_asked, cited_documents, describe_cited
from rag.loading import load_document
from rag.reference import law_key


@pytest.fixture(scope="module")
def plan(plan_path):
    return chunk_document(load_document(plan_path)).clauses


def test_every_title_the_plan_names_is_found_once_in_order(plan):
    cited = cited_documents(plan, {law_key(t) for t in ("中华人民共和国行政复议法", "优化营商环境条例")}, key=law_key)
    titles = [c.title for c in cited]
    assert len(titles) == 17 and len(set(titles)) == 17
    assert titles[0] == "法治政府建设实施纲要（2021—2025年）"
    # a title quoted inside another keeps its inner marks, as 〈〉
    assert "内蒙古自治区贯彻〈法治政府建设实施纲要（2021—2025年）〉实施方案" in titles
    fuyi = next(c for c in cited if c.title == "行政复议法")
    assert fuyi.held and [cl.label for cl in fuyi.clauses] == ["（十八）"]
    assert not next(c for c in cited if c.title == "重大行政决策程序暂行条例").held  # not in this held set


def test_the_answer_lists_each_title_with_where_and_whether_held(plan):
    cited = cited_documents(plan, {law_key("行政复议法")}, key=law_key)
    lines = describe_cited("2024年法治政府建设工作计划", cited).split("\n")
    assert lines[0] == "《2024年法治政府建设工作计划》提到 17 部法律法规和文件，其中 1 部已收录："
    assert "《行政复议法》，见（十八）；已收录，可直接提问" in lines
    assert "《法治政府建设实施纲要（2021—2025年）》，见前言" in lines


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("计划中提到了哪些法律法规？", True),
        ("今年计划依据哪些法规？", True),
        ("计划要求贯彻哪些文件？", True),
        ("计划提到哪些法规是关于行政执法的？", False),  # asks about a topic: searched
        ("行政复议法规定了哪些期限？", False),
    ],
)
def test_only_a_question_for_the_cited_documents_is_taken(question, asked):
    assert cited_asked(question) is asked
