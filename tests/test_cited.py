"""The documents the plan cites ("计划提到了哪些法律法规？"), read from its 《…》 titles."""

from __future__ import annotations

import pytest

from rag.chunking import chunk_document
from rag.cited import citation_asked, cited_asked, cited_documents, describe_cited, names_title
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


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("计划里提到的《内蒙古自治区重大行政决策目录管理办法》文号是什么？", True),
        ("《法治政府建设实施纲要（2021—2025年）》是谁印发的", True),
        ("《内蒙古自治区重大行政决策目录管理办法》是哪一年印发的？", True),
        ("计划中提到的《内蒙古自治区行政执法证件管理办法》要求什么", True),
        ("《内蒙古自治区行政执法证件管理办法》第五条规定了什么", False),  # the document's own article
        ("《内蒙古自治区行政规范性文件管理办法》规定有效期是几年？", False),  # what it rules
    ],
)
def test_a_question_about_what_a_citation_says_is_told_from_one_about_the_cited_rules(question, asked):
    assert bool(citation_asked(question)) is asked


def test_a_cited_document_the_corpus_lacks_is_answered_from_the_sentence_citing_it(assistant):
    # The 办法 is not held, but the plan's sentence gives its 文号: refused as an unknown law, staff never saw it.
    number = assistant.ask("计划里提到的《内蒙古自治区重大行政决策目录管理办法》文号是什么？")
    assert not number.abstained and "内政办发〔2024〕14号" in number.answer
    assert [c.clause for c in number.citations] == ["（七）"]
    # Asked by its year, a search found another item's "（2023—2025年）".
    year = assistant.ask("《内蒙古自治区重大行政决策目录管理办法》是哪一年的文件？")
    assert "〔2024〕14号" in year.answer and year.citations[0].clause == "（七）"
    issued = assistant.ask("《法治政府建设实施纲要（2021—2025年）》是谁印发的")
    assert "党中央、国务院印发" in issued.answer and issued.citations[0].clause == "前言"
    # A citing sentence that gives no date says nothing of the year asked: the 办法 itself would.
    undated = assistant.ask("《内蒙古自治区行政规范性文件管理办法》是哪一年印发的")
    assert undated.abstained and "内蒙古自治区行政规范性文件管理办法" in undated.answer
    assert assistant.ask("《法治政府建设实施纲要（2021—2025年）》是哪一年印发的").abstained  # its title's years are not it
    # Named by the end of its title, as staff shorten it; not taken for the plan's own 文号.
    short = assistant.ask("2024年法治政府建设工作计划里提到的自治区重大行政决策目录管理办法，文号是多少？")
    assert "内政办发〔2024〕14号" in short.answer
    # What the cited document itself rules is in that document alone.
    assert assistant.ask("《内蒙古自治区行政执法证件管理办法》第五条规定了什么").abstained
    assert assistant.ask("《内蒙古自治区行政规范性文件管理办法》规定有效期是几年？").abstained


def test_a_title_is_named_whole_or_by_its_end():
    title = "内蒙古自治区重大行政决策目录管理办法"
    assert names_title("计划里提到的内蒙古自治区重大行政决策目录管理办法文号", title)
    assert names_title("自治区重大行政决策目录管理办法的文号", title)  # the region left out
    assert not names_title("目录管理办法的文号", title)  # too little of it to tell which
    assert not names_title("重大行政决策程序规定的文号", title)
    assert names_title("宪法是哪年的", "宪法") and not names_title("宪章是哪年的", "宪法")  # short ones whole
