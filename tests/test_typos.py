"""Held law names mistyped by one character are read as the held law, and the answer says so."""

from __future__ import annotations

import re
import tarfile
from pathlib import Path

import pytest

from rag.simplified import corpus_characters, to_simplified
from rag.typos import correct_law_names, notice

from .conftest import REFERENCE

HELD = (
    "中华人民共和国行政复议法", "行政复议法", "中华人民共和国行政许可法", "行政许可法", "中华人民共和国行政处罚法",
    "行政处罚法", "中华人民共和国行政诉讼法", "行政诉讼法", "中华人民共和国人民调解法", "人民调解法",
    "优化营商环境条例", "营商环境条例", "信访工作条例", "2024年法治政府建设工作计划",
)


@pytest.mark.parametrize(
    ("typed", "meant", "fixed"),
    [
        ("行政复义法第二十条是什么", "行政复议法", "行政复议法第二十条是什么"),
        ("根据行政复义法，申请期限多久", "行政复议法", "根据行政复议法，申请期限多久"),
        ("《行政许克法》第三条", "行政许可法", "《行政许可法》第三条"),
        ("优化营商环竟条例第十条", "优化营商环境条例", "优化营商环境条例第十条"),
        ("中华人民共和国人民调节法第一条", "人民调解法", "中华人民共和国人民调解法第一条"),
        ("行政处罚法和行政许克法有什么区别", "行政许可法", "行政处罚法和行政许可法有什么区别"),
    ],
)
def test_one_character_slips_are_read_as_the_held_name(typed, meant, fixed):
    question, fixes = correct_law_names(typed, HELD)
    assert question == fixed
    assert [m for _, m in fixes] == [meant]
    assert meant in notice(fixes) and fixes[0][0] in notice(fixes)


@pytest.mark.parametrize(
    "question",
    [
        "行政复议法第二十条",  # already right
        "复议法第二十条", "信访条例第十条",  # shortened names are another module's job
        "刑事诉讼法第十条", "行政强制法第十条", "治安管理处罚法规定的罚款",  # real laws the corpus lacks
        "依法行政，严格执法的方法",  # 法 in ordinary words
        "行政复议发第二十条", "政府信息公开条理第十条",  # a slip in the ending is not read as a name
        "行政法第一条",  # too short to tell from an ordinary phrase
    ],
)
def test_other_names_and_words_are_left_alone(question):
    assert correct_law_names(question, HELD) == (question, [])
    assert notice([]) == ""


def test_a_slip_close_to_two_held_names_is_not_guessed():
    held = ("甲乙丙丁法", "甲乙丙戊法")
    assert correct_law_names("甲乙丙己法第一条", held) == ("甲乙丙己法第一条", [])


@pytest.mark.needs_shared
def test_no_national_law_in_the_reference_library_is_taken_for_a_held_one(regulation_paths):
    """The 1,400-odd laws a question may name instead: none of them may be "corrected" into a held one."""
    held = []
    for path in regulation_paths:
        head = path.read_text(encoding="utf-8")[:2000]
        held += [m.group(1) for m in re.finditer(r'^(?:title|short):\s*"?([^"\n]+)', head, re.M)]
    held_names = tuple(held)
    assert len(held_names) == 30
    with tarfile.open(REFERENCE) as tar:
        names = {Path(m.name).stem for m in tar.getmembers() if m.name.endswith(".md")}
    assert len(names) > 1400
    for name in names:
        question = f"{name}第一条"
        if any(h in question for h in held_names):
            continue
        assert correct_law_names(question, held_names) == (question, []), name


@pytest.mark.needs_shared
@pytest.mark.parametrize(
    ("question", "label"),
    [("行政复义法第二十条是什么", "《行政复议法》第二十条"), ("根据行政复义法，申请期限多久？", "《行政复议法》第二十条")],
)
def test_the_answer_cites_the_held_law_and_says_how_the_name_was_read(assistant, question, label):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert answer.citations[0].label == label
    assert answer.answer.startswith("（问题中的“行政复义法”按《行政复议法》理解。）")
    assert "六十日" in answer.answer
    assert answer.question == question  # the user's own words are echoed


def test_traditional_characters_the_documents_lack_are_read_as_simplified():
    known = corpus_characters(["行政复议申请期限", "显著 著作"])
    assert to_simplified("行政復議的申請期限", known) == "行政复议的申请期限"  # 的 is unknown: kept
    # A character the documents use is kept as typed, though zhconv would write 著 as 着.
    assert to_simplified("显著", known) == "显著"
    # No simplified form the documents use: kept (乾 would become 干, which they lack).
    assert to_simplified("乾", known) == "乾"
    assert to_simplified("", known) == ""


@pytest.mark.slow
def test_a_question_in_traditional_characters_is_answered(assistant):
    # Refused before as "figures unrelated": no word of 行政復議 or 申請 is in the documents.
    ans = assistant.ask("行政復議的申請期限是多久？")
    assert not ans.abstained and "六十日" in ans.answer
    assert ans.citations[0].label == "《行政复议法》第二十条"
    lead = assistant.ask("誰牽頭行政復議工作？")
    assert "旗司法局" in lead.answer and lead.citations[0].label.endswith("（十八）")
