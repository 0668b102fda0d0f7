"""A law's structure ("行政复议法有几章？", "第三章讲什么") from the real law's headings."""

from __future__ import annotations

import pytest

from rag.chunking import chunk_document
from rag.loading import load_document
from rag.structure import (
    chapters,
    describe_chapter,
    describe_law,
    describe_procedures,
    procedure_asked,
    procedure_steps,
    structure_asked,
)

FY = ["中华人民共和国行政复议法", "行政复议法"]


@pytest.fixture(scope="module")
def fuyi(regulation_paths):
    path = next(p for p in regulation_paths if p.name == "xingzheng-fuyi-fa.md")
    return [c for c in chunk_document(load_document(path)).clauses if c.kind == "article"]


@pytest.mark.needs_shared
def test_the_law_has_seven_chapters_holding_its_90_articles_in_order(fuyi):
    parts = chapters(fuyi)
    assert [c.number for c in parts] == list(range(1, 8))
    assert sum(len(c.articles) for c in parts) == 90
    assert parts[2].heading == "行政复议受理" and parts[2].articles[0].label == "第三十条"
    assert parts[1].sections[0][0] == "第一节 行政复议范围"


@pytest.mark.needs_shared
def test_the_answers_name_every_chapter_and_range(fuyi):
    parts = chapters(fuyi)
    lines = describe_law("中华人民共和国行政复议法", parts, len(fuyi)).split("\n")
    assert lines[0] == "《中华人民共和国行政复议法》共七章、90 条：" and len(lines) == 8
    assert lines[3] == "第三章 行政复议受理：第三十条至第三十五条"
    two = describe_chapter("中华人民共和国行政复议法", parts[1]).split("\n")
    assert two[0].endswith("共 19 条（第十一条至第二十九条），分四节：") and two[1] == "第一节 行政复议范围：第十一条至第十三条"
    # each article by its opening words, under its section: statutes have no article titles
    assert two[2] == "第十一条 有下列情形之一的，公民、法人或者其他组织可以依照本法申请行政……"
    assert two[3] == "第十二条 下列事项不属于行政复议范围" and two[5] == "第二节 行政复议参加人：第十四条至第十九条"
    three = describe_chapter("中华人民共和国行政复议法", parts[2]).split("\n")
    assert three[0].endswith("共 6 条（第三十条至第三十五条）：") and len(three) == 7
    assert three[1] == "第三十条 行政复议机关收到行政复议申请后，应当在五日内进行审查"
    assert describe_law("政府督查工作条例", [], 28) == "《政府督查工作条例》不分章，共 28 条。"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("行政复议法有几章", ("overview", 0)),
        ("行政复议法一共多少条？", ("overview", 0)),
        ("行政复议法分为哪几章", ("overview", 0)),
        ("行政复议法第三章讲什么", ("chapter", 3)),
        ("《行政复议法》第3章有哪些内容", ("chapter", 3)),
        # more is asked than the structure: searched as usual
        ("行政复议法第三章关于受理的规定有哪些", ("", 0)),
        ("行政复议法规定了多少条申请途径", ("", 0)),
        ("行政复议法第二十条", ("", 0)),
    ],
)
def test_only_questions_about_the_structure_are_taken(question, asked):
    assert structure_asked(question, FY) == asked


def _law(regulation_paths, name):
    path = next(p for p in regulation_paths if p.name == name)
    return [c for c in chunk_document(load_document(path)).clauses if c.kind == "article"]


@pytest.mark.needs_shared
def test_a_laws_procedures_are_the_headings_that_say_so(regulation_paths):
    # 重大行政决策程序暂行条例 is named after its procedure: every chapter but the frame, by section
    articles = _law(regulation_paths, "zhongda-xingzheng-juece-chengxu-zanxing-tiaoli.md")
    juece = procedure_steps("重大行政决策程序暂行条例", chapters(articles))
    assert [name for name, _ in juece] == ["决策启动", "公众参与", "专家论证", "风险评估", "合法性审查",
                                          "集体讨论决定和决策公布", "决策执行和调整"]
    text = describe_procedures("重大行政决策程序暂行条例", juece).split("\n")
    assert text[0] == "《重大行政决策程序暂行条例》规定的程序，按条文顺序：" and text[2] == "公众参与：第十四条至第十八条"
    # elsewhere only the sections and chapters headed 程序
    chufa = procedure_steps("中华人民共和国行政处罚法", chapters(_law(regulation_paths, "xingzheng-chufa-fa.md")))
    assert [name for name, _ in chufa] == ["简易程序", "普通程序", "听证程序"]
    xuke = procedure_steps("中华人民共和国行政许可法", chapters(_law(regulation_paths, "xingzheng-xuke-fa.md")))
    assert [name for name, _ in xuke][:2] == ["申请与受理", "审查与决定"] and len(xuke) == 6
    # a law whose headings say nothing of procedure has none to list: the question is searched
    assert procedure_steps("政府督查工作条例", chapters(_law(regulation_paths, "zhengfu-ducha-gongzuo-tiaoli.md"))) == []


@pytest.mark.parametrize(
    ("question", "subject", "asked"),
    [
        ("重大行政决策需要经过哪些程序？", "重大行政决策", True),
        ("作出重大行政决策要走哪些程序", "重大行政决策", True),
        ("重大行政决策程序有哪些？", "重大行政决策", True),
        ("行政处罚的程序有哪几种", "行政处罚", True),
        ("行政许可要经过哪些步骤？", "行政许可", True),
        ("重大行政决策听证会按什么程序举行？", "重大行政决策", False),  # the hearing's procedure: searched
        ("行政复议有哪些程序？", "行政处罚", False),  # another law's subject
        ("行政处罚有哪些种类？", "行政处罚", False),
    ],
)
def test_a_question_for_the_steps_of_a_laws_subject_is_recognised(question, subject, asked):
    assert procedure_asked(question, subject) is asked
