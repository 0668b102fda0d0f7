"""Questions for people, phone numbers or addresses, which no law or work plan holds.

"旗司法局局长叫什么名字？" was answered with plan item （二十二） about 司法所 staffing, and
"司法局在哪里办公？" the same: the words 司法 matched, and the clause was quoted as if it
answered. Staff asking these want a directory, not a clause, so they are told plainly where
the answer is not and what the assistant can say about that unit instead. Pure functions.
"""

from __future__ import annotations

import re

_TITLES = (r"副?(?:旗长|县长|市长|镇长|乡长|局长|处长|科长|所长|院长|检察长|部长|主任|书记|主席|"
           r"苏木达|嘎查达|队长|站长|馆长)")
_PERSON_RE = re.compile(
    rf"{_TITLES}(?:现在|目前|现任)?(?:是谁|是哪位|叫什么|叫啥|姓什么|是什么人)|"
    rf"谁是.{{0,12}}{_TITLES}|(?:现任|现在的|目前的).{{0,12}}{_TITLES}|"
    # "法律顾问是哪家律师事务所", "复议委员会的委员名单有哪些人": names the documents never list.
    r"是哪家(?:律师事务所|律所|公司)|名单(?:里|上|中)?(?:都|一共|具体)?(?:有|是)?(?:哪些人|谁|哪几位)|(?:成员|委员|人员)名单[？?]*$"
)
_CONTACT_RE = re.compile(
    r"(?:电话|联系电话|手机号?|联系方式|邮箱|传真|地址|办公地点|办公室)(?:号码|号)?(?:是|在)?(?:多少|什么|哪|几)|"
    r"(?:局|院|委|办|所|中心|大厅|政府|窗口)(?:的办公室)?在(?:哪里|哪儿|哪|什么地方)(?:办公|上班|办事)?[？?]*$|"
    r"(?:局|院|委|办|所|中心|大厅|政府|窗口)怎么(?:走|去)[？?]*$|"
    r"(?:几点|什么时候|啥时候)(?:上班|下班|开门|关门|办公)|"
    r"(?:地址|门牌)(?:是|在)?(?:哪里|哪儿|哪|什么|多少)?[？?]*$|哪条(?:街|路)|"
    # a bank account's number ("罚款缴款账号是多少"); which bank to pay at is 行政处罚法第六十七条's
    r"(?:账号|卡号)(?:是|为)?(?:多少|几)?[？?]*$|"
    r"(?:假期|晚上)(?:开门|上班|办公)"  # weekends and holidays: ``_WEEKEND_RE``
)
# A number no law states, whatever the question tells of its case ("去递复议申请……咨询电话是多少").
_NUMBER_RE = re.compile(r"(?:电话|手机|邮箱|传真)(?:号码|号)?(?:是|为)?(?:多少|几)")
# Where to download a form, and whether an office is staffed at weekends: a website's or a directory's answer,
# whatever law the question names ("复议申请书在哪能下载", "信访局周六周日有没有人值班接访").
_SITE_RE = re.compile(
    r"(?:在哪|哪里|哪儿|哪个网站|什么网站|哪个网址|哪个平台)(?:能|可以|去)?(?:下载|下到)|下载(?:地址|链接|网址)|"
    r"(?:网址|网站)(?:是|在)?(?:多少|什么|哪)|网址[？?]*$|"
    # "在哪个网站能查到" a decision: not 平台, as the documents name their 政务服务平台
    r"(?:哪个|什么)(?:网站|网页|公众号|APP|app|小程序)上?(?:能|可以|去)?(?:查|看|找|搜)|"
    # where a list or a form is posted ("赋权清单在哪看"): not 公开目录, whose places 政府信息公开条例 names
    r"(?:名单|清单|模板|表格|范本|样本)[^。？?，,]{0,6}(?:在哪|哪里|哪儿|什么地方)(?:能|可以|去)?(?:查|看|找|下载|领)"
)
_WEEKEND_RE = re.compile(r"(?:周六|周日|周末|双休日|节假日|星期[六天日])[^。？?]{0,10}(?:值班|开门|上班|办公|开不开|接访|窗口)"
                         # which weekdays an office receives: "信访局星期几接访" (the documents name no weekday)
                         r"|(?:星期|礼拜|周)几[^。？?，,]{0,4}(?:接访|接待|办公|上班|开门|值班|受理)"
                         r"|(?:接访|接待|办公|上班|开门|值班)[^。？?，,]{0,4}(?:星期|礼拜|周)几")
# "信访人可以到哪里反映问题" asks where the law sends a petition: that is a clause, not an address.
_LAW_WHERE_RE = re.compile(r"向|到哪|去哪|提出|申请|反映|投诉|举报|起诉|复议|管辖")


def asks_for_contact(question: str) -> str:
    """ "person" for a name behind a post, "contact" for a phone number, address or opening hours,
    "site" for a website or a form to download, else ""."""
    q = re.sub(r"\s+", "", question)
    if _PERSON_RE.search(q):
        return "person"
    if _SITE_RE.search(q):
        return "site"
    if _WEEKEND_RE.search(q) or _NUMBER_RE.search(q) or (_CONTACT_RE.search(q) and not _LAW_WHERE_RE.search(q)):
        return "contact"
    return ""


def contact_note(kind: str, units: list[str]) -> str:
    """What the user is told: where the answer is not, where to look, and what can be asked instead."""
    what = {"person": "人员的姓名、任职和受聘机构", "site": "网站和表格的下载地址"}.get(kind, "电话、地址和办公时间")
    text = f"已收录的文件是法律法规和工作计划的条文，不载有{what}；请查阅单位公布的通讯录或政务服务网站。"
    if units:
        text += f"如需了解{units[0]}在计划中的分工，可以问“{units[0]}牵头了哪些工作？”"
    return text
