"""Questions for a person, a phone number or an address: no law or plan holds them, so they are told so."""

from __future__ import annotations

import pytest

from rag.contacts import asks_for_contact, contact_note


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("乌拉特中旗旗长是谁？", "person"),
        ("旗司法局局长叫什么名字？", "person"),
        ("谁是现任司法局局长", "person"),
        ("旗司法局的电话是多少？", "contact"),
        ("司法局在哪里办公？", "contact"),
        ("人民法院在哪里？", "contact"),
        ("信访局几点上班？", "contact"),
        ("政务服务大厅怎么走", "contact"),
        ("旗司法局在哪条街上办公，具体地址是？", "contact"),
        ("政务服务中心周末开门吗？", "contact"),
        ("旗政府的法律顾问是哪家律师事务所？", "person"),
        ("复议委员会的委员名单有哪些人？", "person"),
        # whatever they are asked of: a form to download, weekend duty (round 39)
        ("行政复议申请书模板在哪能下载？", "site"),
        ("信息公开申请表去哪个网站下载？", "site"),
        ("信访局周六周日有没有人值班接访？", "contact"),
        # typed into a search box (round 41)
        ("复议委员会 成员名单", "person"),
        ("我旗的行政复议委员会成员名单都有谁？", "person"),  # 都 had let it through (round 44)
        ("罚款缴款账号是多少", "contact"),
        ("要去递复议申请，受理窗口的咨询电话是多少？", "contact"),  # the case told is a law's, the number is not
        ("行政复议 网上申请网址", "site"),
        # which weekdays an office receives (round 43): the documents name none
        ("信访局接待大厅在哪、星期几接访？", "contact"),
        ("旗信访局接访时间是周几？", "contact"),
    ],
)
def test_a_question_for_a_name_phone_or_address_is_recognised(question, kind):
    assert asks_for_contact(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "谁牵头行政复议工作？",  # a unit's duty: the plan answers
        "推进法治建设第一责任人是谁？",  # a role the plan names
        "信访人可以到哪里反映问题？",  # where the law sends a petition
        "行政复议申请向哪里提出？",
        "各级机关应当向社会公布哪些信访联系方式？",  # what the law requires to be published
        "信访工作机构设在哪里？",
        "村委会主任可以担任人民调解员吗？",
        "人民调解委员会成员有哪些人？",  # its make-up, which 人民调解法 states
        "复议申请书要写明申请人的地址吗？",
        "罚款缴到哪个账户？",  # 行政处罚法第六十七条: at the bank the decision names
        "名单要公示几天？",
        "信访事项几周内办结？",  # a length, which a law may state
    ],
)
def test_questions_the_documents_answer_are_left_alone(question):
    assert asks_for_contact(question) == ""


def test_the_note_says_where_to_look_and_what_to_ask_instead():
    note = contact_note("contact", ["旗司法局"])
    assert "不载有电话、地址和办公时间" in note and "通讯录" in note
    assert "可以问“旗司法局牵头了哪些工作？”" in note
    assert "不载有人员的姓名、任职和受聘机构" in contact_note("person", [])
    assert "不载有网站和表格的下载地址" in contact_note("site", [])
