"""Comparison questions ("行政复议和行政诉讼有什么区别？"): read into two sides, each answered and cited."""

from __future__ import annotations

import pytest

from rag.comparison import Comparison, compared


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("行政复议和行政诉讼有什么区别？", Comparison("行政复议", "行政诉讼")),
        ("行政处罚与行政强制措施有什么不同", Comparison("行政处罚", "行政强制措施")),
        ("请问行政复议跟信访有啥区别呢？", Comparison("行政复议", "信访")),
        ("行政复议和行政诉讼之间有什么区别", Comparison("行政复议", "行政诉讼")),
        ("行政许可和行政处罚有区别吗", Comparison("行政许可", "行政处罚")),
        # an aspect named after the sides is what each side is asked about
        ("行政复议与行政诉讼的期限有什么不同", Comparison("行政复议", "行政诉讼", "期限")),
        ("行政复议和行政诉讼在受理范围上有哪些差异？", Comparison("行政复议", "行政诉讼", "受理范围")),
        ("行政复议法和行政诉讼法对期限的规定有什么不同？", Comparison("行政复议法", "行政诉讼法", "期限")),
        # "which is quicker" compares their time limits
        ("信访和行政复议哪个更快？", Comparison("信访", "行政复议", "期限")),
        ("行政复议还是行政诉讼哪个时间短", Comparison("行政复议", "行政诉讼", "期限")),
    ],
)
def test_a_comparison_is_read_into_its_two_sides(question, expected):
    assert compared(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "司法局和信访局哪个好",  # a judgement the documents do not make: searched as it is
        "这个和那个有什么区别",  # no things named
        "司法局和信访局分别牵头哪些工作",
        "行政复议的期限是多少",
        "谁和谁有什么区别",
    ],
)
def test_other_questions_are_not_comparisons(question):
    assert compared(question) is None


def test_each_side_is_asked_on_its_own():
    assert Comparison("行政许可", "行政处罚").side_question("行政许可") == "什么是行政许可"
    assert Comparison("行政复议", "行政诉讼", "期限").side_question("行政诉讼") == "行政诉讼的期限是什么"


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        # one question asked of each of two procedures, the setting kept
        ("同一个行政争议，走行政复议普通程序和打行政诉讼一审，法定办理期限分别是多长？",
         "同一个行政争议，走行政复议普通程序，法定办理期限是多长？",
         "同一个行政争议，打行政诉讼一审，法定办理期限是多长？"),
        # an aspect after the second side is each side's
        ("复议和诉讼的期限分别是多少", "复议的期限是多少", "诉讼的期限是多少"),
        ("遇上突发事件，苏木镇政府和嘎查村委会各自该干什么？",
         "遇上突发事件，苏木镇政府该干什么？", "遇上突发事件，嘎查村委会该干什么？"),
    ],
)
def test_a_question_asked_of_each_of_two_things_is_asked_of_each(question, first, second):
    each = compared(question)
    assert each is not None
    assert (each.side_question(each.first), each.side_question(each.second)) == (first, second)


def test_a_question_with_each_but_no_pair_is_not_split():
    assert compared("信访部门收到信访事项后，多少日内要分别处理？") is None
    # one article's parties, not two things: "对个人……对单位……"
    assert compared("拒绝、阻碍不正当竞争调查，个人和单位分别最多罚多少？") is None
    assert compared("有人阻挠调查，对个人和单位分别能罚多少？") is None
