"""Questions about a document itself are answered from its front matter or its own 施行 article."""

from __future__ import annotations

import pytest

from rag.docfacts import describe_fact, facts_asked, in_force_sentence

FY = ["中华人民共和国行政复议法", "行政复议法"]
META = {"issuer": "全国人民代表大会常务委员会", "adopted": "1999-04-29（2023-09-01修订）", "effective": "2024-01-01",
        "doc_number": "中华人民共和国主席令第九号（2023年修订）"}


@pytest.mark.parametrize(
    ("question", "names", "facts"),
    [
        ("行政复议法是哪一年通过的？", FY, ("adopted",)),
        ("《行政复议法》是由谁制定的", FY, ("issuer",)),
        ("行政复议法什么时候开始施行？", FY, ("effective",)),
        ("行政复议法的文号是什么", FY, ("doc_number",)),
        ("行政复议法的发文字号是多少", FY, ("doc_number",)),
        ("计划是哪个单位印发的？", [], ("issuer",)),
        ("修订后的行政复议法从哪天起实施？", FY, ("effective",)),  # 从……起 and 修订后 ask nothing more
        ("这份计划的印发文号是什么？", [], ("doc_number",)),  # 印发 only says which number
        # two facts at once, each answered
        ("行政复议法是哪天通过的，文号是多少？", FY, ("doc_number", "adopted")),
        # something else is asked about: searched as usual
        ("行政复议法规定复议决定什么时候生效", FY, ()),
        ("行政复议决定什么时候生效", [], ()),
        ("行政复议申请什么时候提出", [], ()),
        ("行政复议法的文号是多少，复议期限是多久？", FY, ()),
    ],
)
def test_only_questions_about_the_document_itself_are_facts(question, names, facts):
    assert facts_asked(question, names) == facts


def test_facts_read_from_the_front_matter_in_chinese_dates():
    assert describe_fact("adopted", "中华人民共和国行政复议法", META) == (
        "《中华人民共和国行政复议法》的通过（公布）日期：1999年4月29日（2023年9月1日修订）；施行日期：2024年1月1日。")
    assert describe_fact("issuer", "中华人民共和国行政复议法", META).endswith("全国人民代表大会常务委员会。")
    assert describe_fact("doc_number", "信访工作条例", {"doc_number": "null"}) == ""  # not recorded: nothing made up
    inferred = describe_fact("issuer", "计划", {"issuer": "乌拉特中旗人民政府（推定）"})
    assert "推定" in inferred and "原文没有标题行" in inferred


def test_the_sentence_that_puts_a_document_in_force():
    text = "第四十二条 本法自2020年1月1日起施行。《中华人民共和国中外合资经营企业法》同时废止。"
    assert in_force_sentence(text) == "本法自2020年1月1日起施行。"
    assert in_force_sentence("第二十条 公民可以自知道之日起六十日内提出申请。") == ""
