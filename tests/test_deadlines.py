"""Deadline frames (rag/deadlines.py): what a period in a clause is for, and how a question is matched to it."""

from __future__ import annotations

from rag.deadlines import Frame, asks_period, frame_match, frames, named_period, split_question

# 行政复议法第二十条 and 第三十四条 as the corpus writes them.
ARTICLE_20 = ("公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内"
              "提出行政复议申请；但是法律规定的申请期限超过六十日的除外。")
ARTICLE_34 = ("法律、行政法规规定应当先向行政复议机关申请行政复议、对行政复议决定不服再向人民法院提起行政诉讼的，"
              "公民、法人或者其他组织可以自收到决定书之日起或者行政复议期限届满之日起十五日内，依法向人民法院提起行政诉讼。")


def test_each_period_is_framed_by_the_phrase_before_and_the_act_after():
    assert frames(ARTICLE_20)[0] == Frame(before="可以自知道或者应当知道该行政行为之日起", after="提出行政复议申请")
    # a period closing its phrase is for the next phrase
    assert frames(ARTICLE_34)[0].after == "依法向人民法院提起行政诉讼"
    # a period written as a limit has nothing after it
    assert frames("公开征求意见的期限一般不少于30日；因情况紧急需要缩短的，应当说明。") == [
        Frame(before="公开征求意见的期限一般不少于", after="")]


def test_a_fragment_before_the_period_takes_the_phrase_before_it():
    frame = frames("行政复议机关收到行政复议申请后，应当在五日内进行审查。")[0]
    assert frame.before == "行政复议机关收到行政复议申请后，应当在" and frame.after == "进行审查"


def test_units_of_time_are_periods_and_years_of_the_calendar_are_not():
    found = [f.after for f in frames("应当在24小时内移送；20个工作日内予以答复；三十日前提出申请；2024年底前完成。")]
    assert found == ["移送", "予以答复", "提出申请"]
    assert frames("第一条 为了规范行政处罚的设定和实施，制定本法。") == []


def test_the_question_is_split_where_it_asks_how_long():
    assert split_question("对行政处罚不服，多长时间内可以申请行政复议？") == ("对行政处罚不服，", "可以申请行政复议？")
    assert split_question("信访部门收到信访事项后，多少日内要分别处理？") == ("信访部门收到信访事项后，", "要分别处理？")
    # a "多久" word is preferred to the noun 期限, after which nothing is an act
    assert split_question("征求意见的期限一般不少于多少天？") == ("征求意见的期限一般不少于", "？")
    assert split_question("行政复议申请期限") == ("行政复议申请", "")
    assert split_question("谁负责行政复议？") == ("谁负责行政复议？", "")


def test_a_question_that_names_its_period_says_the_act_by_that_name():
    assert named_period("行政诉讼的起诉期限是多久") == ("", "行政诉讼的起诉")
    assert named_period("行政复议申请期限") == ("", "行政复议申请")
    assert named_period("请问劳动争议申请仲裁的时效期间是多久？") == ("", "请问劳动争议申请仲裁")
    # the period's name alone, after a comma, names nothing
    assert named_period("现在才想申请复议还来得及吗？期限一般是多少天？") == ("", "")
    assert named_period("谁负责行政复议？") == ("", "")


def test_an_act_named_by_the_period_is_found_on_either_side_of_a_clause_period():
    limit = frames("公开征求意见的期限一般不少于30日。")
    assert frame_match({}, {"征求意见": 3.0}, limit) == 0.0  # after the period: nothing
    assert frame_match({}, {"征求意见": 3.0}, limit, either_side=True) > 0.75
    # 第四十八条's 十日内 is for asking more time, not for suing
    extension = frames("因前款规定以外的其他特殊情况耽误起诉期限的，在障碍消除后十日内，可以申请延长期限。")
    assert frame_match({}, {"起诉": 3.0}, extension, either_side=True) == 0.0


def test_a_period_question_is_recognised():
    assert asks_period("罚款要在多少天内交？") and asks_period("起诉期限是多久") and asks_period("许可有效期几年")
    assert not asks_period("罚款最多罚多少钱？") and not asks_period("行政复议由谁牵头？")


def test_the_frame_whose_act_is_asked_for_matches_best():
    before, after = {"行政处罚": 2.4, "不服": 3.5}, {"申请": 1.7, "行政复议": 2.2}
    right = frame_match(before, after, frames(ARTICLE_20))
    wrong = frame_match(before, after, frames(ARTICLE_34))
    # 第三十四条 shares 申请行政复议 and 不服 with the question, but its period is for suing
    assert right > 0.7 > 0.2 > wrong
    assert frame_match(before, after, []) == 0.0
    assert frame_match(before, {}, frames(ARTICLE_20)) == 0.0  # no act asked: nothing to tell apart


def test_the_starting_point_counts_only_beside_the_act():
    framed = [Frame(before="自行政复议申请受理之日起", after="将申请书副本发送被申请人")]
    assert frame_match({"行政复议申请": 3.9}, {"受理": 3.0}, framed) == 0.0
    framed_act = [Frame(before="自收到复查请求之日起", after="提出复查意见")]
    with_start = frame_match({"复查请求": 3.0}, {"复查意见": 3.0}, framed_act)
    without = frame_match({"复核请求": 3.0}, {"复查意见": 3.0}, framed_act)
    assert with_start == 1.0 and 0 < without < with_start
