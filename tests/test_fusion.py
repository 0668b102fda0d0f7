"""Pure scoring pieces: fusion, query expansion and routing cues, direct clause references."""

from __future__ import annotations

import pytest

from rag.expansion import (
    asks_about_term,
    defined_terms,
    expand,
    has_figure,
    law_subject,
    spell_out,
    translations,
    wants_figure,
    wants_plan,
)
from rag.fusion import minmax, ranks, rrf, weighted
from rag.intent import (
    asks_in_force,
    asks_scope,
    breached_articles,
    defines_only,
    imposes_sanction,
    states_own_force,
    term_asked,
    unknown_law,
    wants_contents,
    wants_penalty,
)
from rag.lawnames import held_matches, name_forms
from rag.lookup import ClauseLookup, MissingClause
from rag.records import Clause


def test_rrf_rewards_agreement_between_legs():
    legs = {"bm25": {"a": 9.0, "b": 5.0, "c": 1.0}, "dense": {"b": 0.9, "a": 0.5, "d": 0.4}}
    fused = rrf(legs, {"bm25": 1.0, "dense": 1.0}, k=60)
    assert set(fused) == {"a", "b", "c", "d"}
    assert fused["a"] == fused["b"] > fused["c"]  # a and b are 1st and 2nd once each
    assert fused["c"] > fused["d"] or fused["c"] == fused["d"]


def test_weighted_fusion_keeps_score_gaps_and_respects_weights():
    legs = {"bm25": {"a": 10.0, "b": 1.0, "c": 0.0}, "dense": {"a": 0.50, "b": 0.52, "c": 0.10}}
    fused = weighted(legs, {"bm25": 1.0, "dense": 0.7})
    assert fused["a"] > fused["b"] > fused["c"]  # a's large BM25 lead is not flattened to one rank step
    only_dense = weighted(legs, {"bm25": 0.0, "dense": 1.0})
    assert only_dense["b"] > only_dense["a"]


def test_minmax_and_ranks_edge_cases():
    assert minmax({}) == {}
    assert minmax({"a": 3.0, "b": 3.0}) == {"a": 1.0, "b": 1.0}
    assert ranks({"x": 0.1, "y": 0.9}) == {"y": 1, "x": 2}


def test_translations_name_the_colloquial_phrase_each_expansion_came_from():
    found = dict(translations("矛盾刚冒头的时候能不能就解决掉？"))
    assert "源头" in found["冒头"]
    assert translations("行政复议法第二十条") == []


def test_a_phrase_inside_a_longer_translated_phrase_is_not_translated_again():
    # "领导……去法院" is 负责人出庭应诉; its "法院" alone (人民法院) pulled the answer to the court sentences.
    found = dict(translations("政府被起诉时领导要不要亲自去法院"))
    assert "出庭应诉" in found["领导要不要亲自去法院"] and "法院" not in found
    assert "起诉" in found  # beside the longer phrase, not inside it
    assert "人民法院" in dict(translations("去法院起诉要交钱吗"))["法院"]  # alone, it is still translated


def test_shorthand_is_spelt_out_for_the_model_legs_and_colloquial_words_are_not():
    assert "简政放权" in spell_out("放管服改革有什么要求？") and "简政放权" in expand("放管服改革有什么要求？")
    assert spell_out("罚款交不起怎么办") == "罚款交不起怎么办"  # colloquial: BM25's alone (expand)
    assert "暂缓 分期" in expand("罚款交不起怎么办")
    assert "先向行政复议机关申请行政复议" in spell_out("哪些案子要复议前置？")
    # 处罚时效 is the textbook name of 行政处罚法第三十六条's two years, a name the law never uses
    assert "二年内未被发现" in spell_out("处罚时效") and "二年内未被发现" in expand("行政处罚的追责时效是几年")
    assert "二年内未被发现" not in expand("劳动仲裁的时效是多久")  # another law's limitation period


def test_an_entry_fires_on_what_it_means_not_on_a_word_it_shares():
    # "还有效" asks after a document (现行有效, the plan's public list) or after a penalty (无效): not both
    assert "公开查询" in expand("想查旗里眼下还管用的红头文件") and "公开查询" in expand("这个规定还有效吗")
    assert "公开查询" not in expand("没亮证，处罚决定还有效吗") and "行政处罚无效" in expand("没亮证，处罚决定还有效吗")
    # "不能复议" says a thing is outside review; "能不能复议" only asks
    assert "不属于行政复议范围" in expand("哪些事项不能申请行政复议")
    assert "不属于行政复议范围" not in expand("对罚款能不能申请复议")
    # the kinds of evidence, without the list's words: those would pick one item of it as the answer
    assert expand("行政处罚的证据有哪些种类").endswith("证据包括") and "行政处罚的种类" in expand("警告算不算行政处罚")
    assert "拒绝调解" in expand("当事人不同意调解怎么办") and "书面答复" in expand("被申请人不提交答辩")
    assert "谋取交易机会或者竞争优势" in spell_out("什么行为属于商业贿赂")
    # the same matter brought again is 同一事实和理由 (不再受理); a fine for the same act is another article
    assert "不再受理" in expand("拿同样的事再来反映，还受理吗") and "不再受理" in expand("他反复上访怎么办")
    assert "不再受理" not in expand("同一个违法行为能不能罚两次款")
    # "有异议" of a penalty is 不服; of a 督查结论 it is the regulation's own word, left alone
    assert "申请行政复议" in expand("我对处罚有异议") and "申请行政复议" not in expand("督查对象对督查结论有异议怎么办")
    assert "行政诉讼" in expand("没给补偿，能告吗") and "行政诉讼" not in expand("要告知当事人什么")


def test_a_word_with_two_senses_expands_to_the_one_meant():
    # a paper sent to a person is served (送达); goods sent to a disaster area are shipped
    assert "送达" in expand("决定书多少天内要送到当事人手上") and "调拨" not in expand("决定书多少天内要送到当事人手上")
    assert "调拨 运输 配送" in expand("帐篷怎么送到灾区") and "送达" not in expand("帐篷怎么送到灾区")
    # a business secret leaked is 侵犯商业秘密; a complainant's name leaked is 透露 to the accused
    assert "侵犯商业秘密" in expand("泄露竞争对手商业秘密") and "检举" not in expand("泄露竞争对手商业秘密")
    assert "检举" in expand("举报人的信息被泄露了") and "侵犯商业秘密" not in expand("举报人的信息被泄露了")
    # a review under way: does the decision still have to be carried out
    assert "不停止执行" in expand("申请了复议，处罚决定还要不要先执行") and "不停止执行" not in expand("复议决定怎么执行")
    # "接着告" after a death is who carries the suit on, not whether the decision is stayed
    assert "近亲属" in expand("行政诉讼中原告死了谁来接着告") and "不停止执行" not in expand("行政诉讼中原告死了谁来接着告")
    # one act fined by two bodies is 一事不再罚; the same petition brought again is 不再受理
    assert "一事不再罚" in expand("同一件事两个部门都想罚怎么办") and "不再受理" not in expand("同一件事两个部门都想罚怎么办")
    assert "查阅 复制" in expand("复议申请人可以查看对方提交的材料吗")
    # a review's outcome asked for is its 决定; "复议还没出结果" tells that one is under way
    assert "作出行政复议决定" in expand("复议机关最长多少天要给结论")
    assert "作出行政复议决定" not in expand("复议还没出结果这段时间查封是不是得先解除")
    # a receipt for a fine is a 专用票据; papers handed in get a 书面凭证
    assert "专用票据" in expand("被城管罚了五十块，当场就交了，他们得给我什么凭证")
    assert "专用票据" not in expand("递交起诉状后法院要给什么凭证")
    assert "书面凭证" in expand("申请许可交了材料有没有收件凭证") and "专用票据" not in expand("申请许可交了材料有没有收件凭证")
    # a warning before a penalty is soft enforcement; 提醒督办 is the plan's reminders of its tasks
    assert "警示告诫" in expand("执法的时候能不能先提醒再处罚") and "警示告诫" not in expand("法治建设任务提醒督办谁牵头")
    # a fine paid late is 加处罚款; a report handed in late or a tax's 滞纳金 is not
    assert "加处罚款" in expand("罚款晚交了会怎么样")
    assert "加处罚款" not in expand("年度报告迟交了会怎么样") and "加处罚款" not in expand("欠税滞纳金按每天万分之几算")



# (term, a question meaning it, a question using the same word in another sense) — session 35's entries
_SENSES = (
    # a firm from elsewhere kept out is 外地经营者; one that breaks the law here is a question of 管辖
    ("外地经营者", "给外地企业设置更高的准入门槛合法吗", "外地企业在我们旗违法经营，哪里管辖"),
    ("管辖", "外地企业在我们旗违法经营，哪里管辖", "给外地企业设置更高的准入门槛合法吗"),
    # who decides alone (集体讨论) is not who answers for a decision later (终身责任追究)
    ("集体讨论", "决策机关负责人能不能直接拍板", "拍板的人出了问题要不要追究"),
    # contract staff enforcing the law lack the status; their social insurance is another matter
    ("行政执法资格", "合同工能不能上街执法", "合同工的社保怎么交"),
    # a fine left unpaid is 逾期不履行; a tax left unpaid is not this law's
    ("逾期不履行", "罚款决定一直不交怎么办", "企业欠税一直不交怎么办"),
    # technical papers sold to a rival are a business secret; exported, they are not
    ("商业秘密", "员工把公司的技术资料卖给了竞争对手", "技术资料出口要审批吗"),
    # a foreign investor entering a trade meets the negative list; its profits sent home do not
    ("负面清单", "外国公司来旗里投资，哪些行业不让进", "外国老板在这边赚的钱能不能汇回国"),
    # a county-level government sued goes to the intermediate court; one asked to review the case is not sued
    ("中级人民法院", "对县政府的行为起诉去哪个法院", "旗里的局罚了我，我想让旗政府复议，能不能直接去法院告"),
    # suing the government is 行政诉讼; reporting to it (报告政府) is not
    ("行政诉讼", "老百姓告县政府去哪个法院", "发现突发事件要报告政府吗"),
    # a document challenged with a decision (一并请求); a 广告 is no suit
    ("一并请求", "我们局出台的文件被群众认为违法，他能直接去法院告这个文件吗", "我们县局想发个红头文件，规定乱贴小广告一律罚五百，可以吗"),
    # what is done once an emergency is over is 恢复重建; counselling after a disaster is another article
    ("恢复重建", "应急救援结束后政府还要做什么", "灾后好多人晚上睡不着，有没有人管心理这块"),
    # a foreign-invested firm raising money (外商投资法第十七条); a private firm's is 优化营商环境条例's
    ("公开发行股票", "外商投资企业可以在国内上市融资吗", "民营企业想发股票、发债券筹钱，国家支持不支持"),
    # a case that may be a crime goes to the police; a lead on a bribed official goes elsewhere
    ("向公安机关移送", "查到的案子够判刑了，要移交给谁", "发现执法人员收了钱，这条线索该交给谁"),
    # the sum above which a hearing is due; the days before it are the procedure
    ("较大数额罚款", "罚款超过多少要听证", "听证要在多少天前通知当事人"),
    # the four grades of an emergency, not of a warning, nor what counts as a 较大事故
    ("特别重大", "突发事件分哪几级", "突发事件的预警分几级"),
    # the answer to a refusal to disclose is a complaint, review or suit
    ("政府信息公开工作主管部门", "申请政府信息公开被拒绝了怎么办", "政府信息公开申请要写哪些内容"),
    # who may mediate (人民调解法第十四条), not what a mediator is paid (第十六条)
    ("成年公民", "调解员有什么条件", "调解员误工补贴怎么给"),
    # mediation is free (第四条); a mediator taking money is misconduct (第十五条)
    ("不收取任何费用", "调解要不要收费", "人民调解员可以收钱吗"),
    # what a penalty ticket must state (行政处罚法第五十九条), not when it is paid
    ("行政处罚决定书", "罚款单子上要写明哪些东西", "罚单多少天内要交"),
    # owning up lessens a penalty (第三十二条); a muddled account does not
    ("主动供述", "主动交代问题能不能少罚", "问题交代不清楚怎么办"),
    # rebuilding is the local government's (突发事件应对法第八十八条); the Wenchuan regulation is another law
    ("受突发事件影响地区的人民政府", "灾后重建政府有什么责任", "汶川地震灾后重建怎么规定的"),
    # a revoked licence may be taken to court (行政诉讼法第十二条); whether a hearing is due is 行政处罚法's
    ("吊销许可证和执照", "执照被吊销了可以起诉吗", "吊销营业执照要听证吗"),
    # many people visiting together send representatives (信访工作条例第二十条); blocking gates is 第二十六条
    ("推选代表", "村里二十几户想一起去县里上访，能都去吗", "几户牧民去旗政府反映问题，有人说把门口堵住、拦下领导的车，行不行"),
    ("拦截公务车辆", "有人说把政府门口堵住、拦下领导的车", "车辆被查扣了怎么办"),
    # time gone by is a time bar, of a penalty, a review or a suit, though no period is named
    ("不再给予行政处罚", "三年前搭过一个棚子，过了这么久还能罚吗", "罚款过了期限还能交吗"),
    ("申请期限", "开罚单时没说能复议，都八个多月了，我还能去复议吗", "复议决定出来都八个多月了，还能起诉吗"),
    ("起诉期限", "复议决定出来都八个多月了，还能起诉吗", "开罚单时没说能复议，都八个多月了，我还能去复议吗"),
    # a suit without a review first (行政诉讼法第四十六条); one on the spot is reviewed first (行政复议法第二十三条)
    ("直接向人民法院提起诉讼", "不走复议直接去法院告，期限多长", "对复议决定不服去法院告，期限多长"),
    ("对当场作出的行政处罚决定不服", "城管当场罚了我一百块，能不能直接去法院告", "城管当场收了我罚款却不给票据，能不能告他"),
    # an agency that does nothing when asked to protect (行政诉讼法第四十七条), or sued by the procuratorate (第二十五条)
    ("履行保护其人身权、财产权等合法权益的法定职责", "草场被占了找部门处理一直没人管，能去法院告吗",
     "法院判了以后政府一直不履行判决怎么办"),
    ("国家利益或者社会公共利益受到侵害", "检察院能不能把不作为的环保局告上法院", "支持检察院行政公益诉讼是哪个部门的事"),
    # the form is free (行政许可法第五十八条); arguing back earns no heavier penalty (行政处罚法第四十五条)
    ("申请书格式文本", "窗口说申请表要花二十块钱买", "申请许可要交哪些材料"),
    ("不得因当事人陈述、申辩而给予更重的处罚", "我申辩了几句就说要加重处罚", "复议以后会不会加重处罚"),
    # firms' money held back, and contests they are pushed into (优化营商环境条例第三十二条, 第十七条)
    ("拖欠", "工程款拖了两年还不给结", "工程拖了两年还没完工"),
    ("任何单位和个人不得强制", "协会非让我们店参加星级评比，还要交钱", "评比先进个人怎么评"),
    # what the major-decision procedure leaves out (第三条) and who follows it by analogy (第四十二条)
    ("突发事件应急处置决策", "疫情紧急处置决定要不要走重大决策的听证", "重大决策要不要听证"),
    ("参照本条例规定执行", "苏木镇政府做重大决策要不要照着这个条例来", "旗政府做重大决策要听证吗"),
    # a third party asked before its secrets are disclosed (政府信息公开条例第三十二条)
    ("书面征求第三方的意见", "申请公开的材料涉及别家企业的商业秘密，那家企业不同意怎么办", "商业秘密被员工泄露了怎么办"),
    ("严禁重复督查", "好几拨督查组轮着来查，有没有限制", "督查组由谁派出"),
    ("就调解协议的履行或者内容发生争议", "调解协议签了，对方不按协议给钱，能起诉吗", "调解协议要写哪些内容"),
    # who reviews a government's own measure for fair competition (第十四条), and where anyone reports one (第二十二条)
    ("本级人民政府市场监督管理部门会同起草单位", "以旗政府名义出台的政策，公平竞争审查谁来做", "部门出台的政策由谁审查"),
    ("任何单位和个人可以向市场监督管理部门举报", "部门的文件排斥外地企业，能向哪里举报", "隔壁店搞虚假宣传能向哪里举报"),
    ("作出批准移送或者不批准移送的决定", "涉嫌犯罪的案子报给局长后几天内要批", "局长审批许可要几天"),
    ("第一责任人", "部门一把手在法治政府建设上算什么角色", "一把手要不要亲自出庭"),
    # a local bureau's act is reviewed by the county government (行政复议法第二十四条), a ministry's by itself (第二十五条)
    ("县级以上地方各级人民政府管辖", "对县市场监管局的决定不服向哪个机关申请复议", "对国务院部门的行为不服向谁申请复议"),
    ("不属于行政复议范围", "单位给了我一个记过处分，能申请复议吗", "罚款决定能申请复议吗"),
    # the petition office passes letters on (信访工作条例第二十二条); a complaint about someone never reaches them (第三十条)
    ("予以登记", "信访局收到来信后多久要转给有关部门", "群众投诉了我们单位的工作人员，信访部门会转给我们吗"),
    ("本民族语言文字", "我汉语说得不好，能用蒙古语打官司吗", "蒙古国的商人能在旗里打官司吗"),
    ("不停止执行", "复议期间罚款还交吗", "复议期间能撤回申请吗"),
    ("哄抬价格", "雪灾那几天商户把面粉价翻倍卖，政府能管吗", "面粉价格是多少"),
    ("判决变更", "告了政府以后法院会不会判得比原来罚得更重", "复议以后会不会加重处罚"),
    ("更为不利的变更决定", "复议以后会不会加重处罚", "告了政府以后法院会不会判得比原来罚得更重"),
    ("哄抬价格", "暴雪封路时小超市把方便面价格翻了三倍，政府能管吗", "方便面价格是多少"),
    # a refused information request is reviewed before any suit (行政复议法第二十三条第四项)
    ("申请政府信息公开，行政机关不予公开", "申请公开征地方案被拒了，能不能直接去法院起诉", "申请公开征地方案要写哪些内容"),
    ("不停止执行", "起诉了拆除决定，官司还没打完，他们能先拆吗", "官司打完了多久能拆"),
    # false papers at the application (行政许可法第七十八条), not found after the grant (第八十条)
    ("行政许可申请人隐瞒有关情况或者提供虚假材料申请行政许可", "申请许可时交了假材料，被查出来会怎样", "拿到许可证后被发现弄虚作假会怎样"),
    ("提请作出不予立案决定的公安机关复议", "移送的案子公安不立案，我们还能怎么办", "公安不立案的理由要写明吗"),
    ("有效期届满未延续的", "许可有效期到了没办延续，会怎么处理", "许可有效期到了怎么延续"),
    ("一次性告知申请人作出补正", "信息公开申请写得不清楚，政府要我补正", "复议申请材料不全要补正吗"),
    ("送达行政许可证件", "许可批了多久发证", "发证机关是哪个"),
    ("不服从", "要求牧户转移，有一户死活不走，会怎么处理", "牧户转移到哪里安置"),
    ("参照本条例规定执行", "重大行政决策程序暂行条例对苏木镇政府适用吗", "重大行政决策程序暂行条例对哪些事项适用"),
    # round 39: each entry reads its own case, not a neighbour's
    ("毁损 灭失", "防汛时征用的拖拉机还回来时已经坏了，谁来赔", "防汛时能不能征用牧民的拖拉机"),
    ("应对工作结束后予以销毁", "疫情时登记的身份证号，疫情结束以后怎么处理", "疫情时要不要登记身份证号"),
    ("联合检查", "一家饭馆好几个部门轮流来查，能不能合并检查", "好几个部门轮流到苏木来检查工作，有没有限制"),
    ("导入相应程序处理", "来上访的事其实能走复议，信访部门该怎么办", "复议和上访有什么不同"),
    ("政府信息公开工作年度报告", "政府信息公开年报什么时候交", "企业年报什么时候交"),
    ("适宜通过人民调解方式解决的纠纷", "派出所接到邻居吵架，能不能让他们先去调解", "行政官司在法院能不能调解"),
    ("纠纷有可能激化", "调解时有一方扬言要拿刀上门，调解员怎么办", "调解员调解时能不能打电话"),
    ("设立人民调解委员会", "街道能不能成立自己的调解委员会", "调解委员会由几个人组成"),
    ("公共企事业单位", "供电公司的收费信息能不能申请公开", "政府的收费信息能不能申请公开"),
    ("不作为政府信息公开申请处理", "有人把投诉写成信息公开申请交上来，怎么办", "有人投诉我们信息公开不及时，怎么办"),
    ("能够作区分处理的", "申请公开的文件有一部分涉密，剩下的给不给", "涉密的文件能不能公开"),
    ("视听障碍", "申请信息公开的老人眼睛看不清，要不要帮他", "申请信息公开的老人要不要本人来"),
    ("不得自行收缴罚款", "执法队员让把罚款转到他个人微信上，合法吗", "罚款能不能在网上缴纳"),
    ("实行垂直领导的行政机关", "对税务局的决定不服，复议找谁", "对市场监管局的决定不服，复议找谁"),
    ("牵头制作的行政机关负责公开", "两个局联合印发的文件，公开找哪个局", "一个局印发的文件，公开找哪个局"),
    ("书面征求第三方的意见", "申请公开的材料涉及企业商业秘密，要不要先征求企业意见", "企业的问题文件会公开吗"),
    ("多数人的意见不一致", "常务会上旗长的意见跟大多数人不一样怎么办", "常务会上旗长什么时候发言"),
    ("双证运行", "执法证现在用纸质的还是电子的", "执法证丢了怎么办"),
    ("撤回已经生效的行政许可 造成财产损失", "政策调整后旗里收回了发给企业的许可，损失谁来补", "行政机关自己撤销了许可要赔钱吗"),
    ("不实行征收", "政府要征收外资企业的厂房，补偿怎么算", "政府要征收牧民的草场，补偿怎么算"),
    # round 40
    ("五日内转送行政复议机关", "当场罚款的复议申请交到了我们执法队，怎么办", "复议申请交到了司法局，怎么办"),
    ("当场收缴罚款", "罚了二十块钱，执法人员能当场收钱吗", "头一回摆摊被查到，当场就收了摊，要罚吗"),
    ("一百元以下罚款", "执法人员能不能当场收缴罚款", "执法人员当场收缴罚款要给收据吗"),
    ("交通不便地区", "牧区离银行太远，罚款能不能交给执法人员", "罚款能不能在网上交"),
    ("共同被告", "复议维持了原处罚，起诉时被告写谁", "直接起诉时被告写谁"),
    ("委托行政机关相应的工作人员出庭", "开庭那天局长出差去不了，怎么办", "开庭那天原告去不了，怎么办"),
    ("不动产所在地人民法院管辖", "征收草场不服，去哪个法院起诉", "罚款不服，去哪个法院起诉"),
    ("即为受理", "许可申请材料不全，窗口过了一个星期才通知补", "复议申请材料不全，过了一个星期才通知补"),
    ("不得转让", "许可证能转让给别人吗", "许可证丢了怎么办"),
    ("法人或者其他组织依法终止的", "公司破产了，名下的许可证怎么办", "公司的许可证到期了怎么办"),
    ("简易程序办理注销", "店一直没开张，注销能简单点吗", "店欠了账，怎么注销"),
    ("5个工作日内提出异议", "信访局转来的事不归我们管，能退回吗", "信访局转来的事归我们管，多久答复"),
    ("宅基地使用情况审核", "苏木镇政府要主动公开哪些信息", "旗政府要主动公开哪些信息"),
    ("如实入账", "给客户的返点怎么才合法", "给客户打电话推销合法吗"),
    ("拒绝、阻碍调查", "查虚假宣传时老板锁门不让进，怎么处理", "查户口时老板锁门不让进，怎么处理"),
    ("适当的误工补贴", "调解员有没有补贴", "调解要不要收费"),
    ("未经本级人民政府指定", "旗里的局能不能自己搞督查", "旗政府能不能搞督查"),
    ("约谈", "文件没做公平竞争审查，督促了也没改，怎么办", "文件没做公平竞争审查，怎么办"),
    ("留取证据", "查扣的羊肉放不住，怎么办", "查扣的羊肉放在哪"),
    ("信息报告员", "嘎查里谁负责报送突发事件信息", "旗里谁负责发布突发事件信息"),
    ("明确专门工作力量", "苏木镇应对突发事件要配备什么人员", "苏木镇要配备几个司法助理员"),
    ("告知后五日内提出", "要吊销执照，当事人要求听证，几天内提", "许可申请人要求听证，几天内提"),
    ("行政处罚权交由能够有效承接的乡镇人民政府", "旗里的执法权能不能下放给苏木镇", "旗里的执法权归哪个部门"),
    ("一方明确拒绝调解", "一方不愿意调解，还能调吗", "调解要多长时间"),
    ("提供办公条件和必要的工作经费", "调委会没有办公室，谁来解决", "调委会由几个人组成"),
    ("法人或者其他组织", "对个人和对公司罚款一样吗", "对公司罚款多少"),
    ("对下一级人民政府作出的行政行为不服的", "对苏木镇政府的决定不服，复议找谁", "对旗林草局的决定不服，复议找谁"),
    ("上一级司法行政部门", "对旗司法局的决定不服，复议找谁", "对旗林草局的决定不服，复议找谁"),
    ("有效期届满三十日前", "许可证要提前多少天申请延续", "许可证有效期是多少年"),
    ("涉法涉诉", "案子在法院审着，他又来信访局反映，怎么办", "他来信访局反映草场的事，怎么办"),
    # round 41
    ("行政处罚权交由能够有效承接的乡镇人民政府", "苏木镇能不能行使旗直部门的处罚权", "旗直部门的处罚权有哪些"),
    ("行政处罚权交由能够有效承接的乡镇人民政府", "旗直部门的处罚权，苏木镇能不能行使", "苏木镇的处罚决定不服找谁"),
    ("一次告知", "窗口每次都说缺不同的东西", "窗口说材料齐了"),
    ("其他规范性文件一律不得设定行政许可", "旗里发个红头文件设定一个审批事项行不行", "旗里发个红头文件要备案吗"),
    ("不动产所在地人民法院管辖", "草场被征收，能在呼和浩特的法院起诉吗", "在呼和浩特打工被欠薪，能起诉吗"),
    ("统一公开查询", "红头文件能不能在一个地方全查到", "红头文件能不能在网上公开"),
    ("养犬管理", "遛狗不拴绳归谁管", "放羊不看管归谁管"),
    ("普法", "这种规定老百姓都不清楚，谁来讲给大家听", "牧民不知道复议期限，过了还能复议吗"),
    # round 42
    ("执法人员不得少于两人", "来查羊的就来了一个人，这样查合规吗", "一个人能查几次政府信息"),
    ("简易程序", "罚款才一千块，复议能走个快点的程序吗", "复议程序是怎么走的"),
    ("获悉突发事件信息的公民", "看见草原上冒烟像要着火，应该报给谁", "看见有人违规放牧，应该向谁举报"),
    ("外商投资企业投诉工作机制", "外资企业被局里刁难了，还能找哪儿反映", "本地企业被局里刁难了，还能找哪儿反映"),
    ("向市场监督管理部门举报", "有文件排挤外地商户，去哪举报", "有文件排挤外地商户，算不算违法"),
    ("依申请公开", "想找政府要点文件看看，行不行", "政府的文件在哪里公开"),
    ("隐瞒有关情况", "申请许可时瞒了点情况被查出来了", "申请许可时材料不全"),
    ("延续", "许可证快到期了，得提前多久去续上", "许可证丢了怎么补"),
    ("摊派", "镇上让我们个体户摊钱修路", "镇上修路占了我家的地"),
    ("直接向人民法院提起诉讼", "被罚款两个月了，还能去法院告吗", "被罚款两个月了，能分期交吗"),
    ("申请期限", "收到决定书快五十天了，现在申请行政复议还来得及吗", "收到决定书快五十天了，还没交罚款"),
    ("奖惩、任免", "单位给我记了大过，能去法院起诉吗", "我登记过的草场被征收了，能去法院起诉吗"),
    # round 43: taking it to the body above is 行政复议; arguing one's case to the one deciding is 陈述申辩
    ("申请行政复议", "被罚了两千，想找上级说理，该找谁", "执法的不让我说理就罚了"),
    ("陈述 申辩", "执法的不让我说理就罚了", "去上级那儿说理，会不会罚得更重"),
    ("推选代表", "去旗里上访，人多的话得选代表吗", "去旗里上访，要带什么材料"),
    ("延续", "证快到期了，得提前多少天去续", "办这个手续要多少天"),
    ("公开 公示", "新文件多久之内得挂出来让大家看", "新文件多久之内得报去备案"),
    # round 44
    ("延续", "许可证快到期了想续，得提前多久去办", "许可证想补办，得多久"),
    ("不实行征收", "政府能不能把外国老板的厂子收归国有", "政府能不能把外国老板的厂子关掉"),
    ("执法人员不得少于两人", "出去查案子一个人去行不行", "出去查案子要带什么"),
    ("提交决策机关讨论前", "决策草案没过法制审核能不能直接上常务会", "决策草案要不要过法制审核"),
    ("一次告知", "材料没带齐，窗口能不能一次把缺的都说清楚？", "材料没带齐，窗口能不能先收下"),
    ("行政复议委员会", "旗里搞复议会不会请专家学者一起参与？", "旗里搞决策会不会请专家学者一起参与？"),
    ("合力", "各种监督拧成一股绳，这条谁牵头？", "各种监督怎么开展，这条谁牵头？"),
    ("信访代办制", "老百姓上访不会弄材料，有没有人帮着跑？", "老百姓办事不想跑腿，能网上办吗？"),
    ("立案追诉标准", "什么样的案子要移送公安？", "移送公安要带哪些材料？"),
    ("县级以上地方人民政府", "行政处罚一般由哪一级的行政机关管辖？", "行政诉讼一审由哪一级法院管辖？"),
    ("高效办成一件事", "去大厅办事想一次办完，归谁牵头抓？", "去大厅办事想网上预约，归谁牵头抓？"),
    # round 45: the limit of a fine decided on the spot, not of one collected there
    ("三千元以下", "执法人员当场作出罚款决定，罚款额度上限是多少？", "当场收缴罚款最多能收多少"),
    ("当场作出行政处罚决定", "当场作出罚款决定要填什么文书", "当场收缴罚款要给什么票据"),
    # round 46: mediating every dispute that can be (the plan's 应调尽调), not mediation in court; a dispute
    # settled while it is new (解决在萌芽状态), not a conflict of laws
    ("应调尽调", "行政争议能调的就都尽量调掉吗", "法院审行政案件能调解吗"),
    ("萌芽状态", "矛盾纠纷刚冒头就得化解吗", "矛盾纠纷多元化解条例是哪年的"),
    # round 47: one's own record kept wrong (更正), not a wrong decision (撤销); civil liability first when
    # the assets cannot pay both, not a fine alone
    ("更正", "政府那边把我的身份信息登错了，能要求改过来吗", "行政机关的处罚决定错了怎么办"),
    ("优先用于承担民事责任", "企业又要赔钱又要交罚款，钱不够先顾哪头", "企业不交罚款怎么办"),
    # a permit officer's price (行政许可法第七十三条), not a mediator's favours
    ("索取或者收受他人财物", "审批窗口的人要红包才给办证，怎么处理", "调解员收了一方的好处怎么办"),
    # round 48: the time to apply for a review (行政复议法第二十条), not the time the review takes
    ("申请期限", "对罚单不服，最晚多少天内能申请行政复议", "申请复议后多少天出结果"),
    ("直接向人民法院提起诉讼", "对罚款不服，不想复议，直接去法院告，最晚多久", "对罚款不服，想先复议再去法院告"),
    ("奖惩、任免", "单位给我记了个过，我能不能申请行政复议", "我登记过的草场被征收了，能申请复议吗"),
    ("应急演练", "平时要不要搞应急方面的实战演习", "平时要不要准备应急物资"),
    ("当事人选择", "调解员是调委会给派，还是我们自己能挑", "调解员要具备什么条件"),
    ("投诉工作机制", "外资企业觉得被政府部门刁难了，有啥渠道反映", "外资企业能享受哪些优惠"),
    ("不得干预", "有领导打招呼让法院别立案", "法院多久决定立不立案"),
    ("陈述权", "办许可证被拒了，申请人都有哪些权利", "办许可证要交哪些材料"),
    ("以公开为常态", "政府信息原则上是公开还是不公开", "政府信息公开要收费吗"),
    ("上级行政执法机关举报", "该移送公安的案子压着不交，可以向哪里反映", "移送公安的案子要交哪些材料"),
    ("群防群治", "出了突发情况，老百姓自己怎么组织起来应对", "出了突发情况，政府怎么组织救援"),
    ("矛盾不上交", "怎样让矛盾不上交、在村里就化解掉", "矛盾纠纷多元化解由谁牵头"),
    ("业务知识和法律法规培训", "执法队员一年下来至少得培训多少个学时", "领导干部学法一年多少学时"),
    ("混淆", "隔壁店把我们的奶茶包装照着仿了一套", "隔壁店把我们的奶茶价格压得很低"),
    ("准入前国民待遇", "外国公司来旗里投资，进入市场享受什么待遇", "外资准入负面清单以外怎么管理"),
    ("及时调解处理", "两个村为草场吵得厉害，怕闹成群体事件，谁去调处", "两个村为草场吵架，能找人民调解委员会吗"),
    ("及时督办", "信访部门发现有单位推诿、拖着不办，能怎么处理", "有单位推诿、拖着不办信访事项，要追什么责任"),
    ("工资待遇和福利不变", "单位职工去抗洪抢险了，这段时间工资照发吗", "单位职工的工资标准谁定"),
    ("需要补正的全部内容", "申请许可时材料不齐，窗口得几天内告诉我要补啥", "申请政府信息公开，材料不全怎么办"),
    # round 49: an agreement made by word of mouth, not a decision left unsigned; a mediated agreement binding,
    # not a government's promise
    ("口头协议", "调解成了，双方都说不用签书面的东西，嘴上答应就行吗", "处罚决定书当事人不签字怎么办"),
    ("法律约束力", "村里调委会调解签的那个协议，到底算不算数", "政府招商时答应的优惠政策算不算数"),
    ("第一责任人", "各部门一把手在法治政府建设里担的是啥责任", "一把手拍板的决策出了问题要担什么责任"),
    ("社会监督员", "想请些老百姓来专门盯着执法部门，计划里有没有", "老百姓对政府信息公开工作有意见，能监督吗"),
    ("越级上报", "情况紧急，能不能不按层级直接往更上面报", "有人越级上访，我们怎么处理"),
    ("协商受理", "一个信访件同时涉及住建局和自然资源局，到底该谁受理", "信访件多少天内要告知受不受理"),
    ("就地", "调解员去处理邻里矛盾，是不是得赶紧去、在当地就调", "调解员能不能收当事人的钱"),
    ("专业技术组织", "设备的检验检测，能不能委托给第三方做", "检验检测要不要收费"),
    ("机会平等", "国企和民营企业在法律保护上是不是一视同仁", "外资企业能享受哪些优惠"),
    ("政务失信记录", "政府要是自己不讲信用，有没有记黑账的办法", "企业被列入失信名单怎么办"),
    ("社会保险", "外资企业用工要不要遵守社保规定", "外资企业能不能在国内上市"),
    ("信访代办制", "老人腿脚不便跑不了上访，能不能有人替他去办", "上访能不能网上办"),
    ("法律职业资格考试", "单位年轻同事想去考法考，旗里支持吗", "单位年轻同事想去考公务员"),
    ("负责解释", "信访条例谁来解释", "复议机关要向申请人解释什么"),
    ("加处罚款", "个体户一直不交罚款，每天能加处多少", "个体户每天营业额多少算大"),
    ("市场监督管理部门会同起草单位", "旗政府要出的政策，谁来审它公不公平", "旗里的部门出台政策，公平竞争审查谁来做"),
    ("工商行政管理职责", "不正当竞争归哪个部门查", "不正当竞争行为罚多少钱"),
    ("本级人民政府工作部门", "对旗市监局的罚款决定不服，复议机关是旗政府吗", "对旗市监局的罚款决定不服，能直接去法院告吗"),
    ("形式主义", "下去督查要防着哪些不良作风", "工作作风好的执法人员有没有奖励"),
    ("一站式", "调解纠纷能不能一条龙办完", "调解纠纷能不能分几次办完"),
    ("恢复审理", "复议机关把案子搁着不审了怎么办", "复议机关审案子要多长时间"),
    ("不得出台", "政策文件的公平竞争审查还没做完，能先发吗", "公平竞争审查一般多长时间做完"),
)


@pytest.mark.parametrize(("term", "meant", "other"), _SENSES)
def test_a_new_entry_reads_only_its_own_sense(term, meant, other):
    assert term in expand(meant) and term not in expand(other)


def test_who_runs_a_procedure_is_not_who_leads_a_plan_item():
    # "听证由谁主持" asks a statute's procedure; 牵头单位 took it to plan items (session 34)
    for question in ("行政处罚听证由谁主持", "行政诉讼由谁来举证", "听证费用由谁承担"):
        assert "牵头单位" not in expand(question), question
    for question in ("这个计划的落实由谁来督促", "法治政府建设由谁总负责", "矛盾纠纷多元化解由谁牵头", "普法工作由谁负责"):
        assert "牵头单位" in expand(question), question
    # the verb is looked at, not matched: as a matched phrase its words would count as found (``confidence``)
    assert ("由谁", "牵头单位 责任单位") in translations("这个计划的落实由谁来督促")


def test_having_a_view_is_not_challenging_a_decision():
    # "有意见" is a complaint or a suggestion (信访, 投诉, 监督); it had been read as 不服 and sent
    # "对办事环境有意见想反映" to the articles on applying for 行政复议.
    assert "申请行政复议" not in expand("企业对办事环境有意见想反映，政府得给个投诉口子吗")
    assert "申请行政复议" in expand("对处罚决定不服怎么办") and "申请行政复议" in expand("对结果不满意能复议吗")


def test_colloquial_words_are_expanded_to_document_terms():
    assert "收取费用" in expand("申请行政复议要不要交钱？") and "收取费用" in expand("行政复议需要交费吗？")
    assert "出庭应诉" in expand("政府被起诉时领导要不要亲自去法院")
    assert expand("行政复议法第二十条") == "行政复议法第二十条"  # nothing to expand: unchanged
    assert "缴纳罚款" in expand("罚款要在多少天内交？") and "暂缓 分期" in expand("罚款交不起怎么办")
    assert "缴纳" not in expand("哪些情况下可以当场收缴罚款？")  # the officer collects: another article
    assert "不满十四周岁" in expand("小孩子违法了要不要罚？") and "违法行为发生地" in expand("在外地违法了归哪里管")
    assert "专用票据" in expand("没给收据能不交吗") and "陈述 申辩" in expand("没听我解释就罚我")
    assert "委托 代理人" in expand("复议的时候能不能请律师？") and "收取费用" in expand("打官司要交多少钱")
    assert "最低生活保障" in expand("低保被停了能复议吗") and "电子数据 视听资料" in expand("聊天记录能当证据吗")
    assert "规范性文件" in expand("红头文件要不要审核") and "公开查询" in expand("文件在哪里能统一查到")
    assert "公开查询" not in expand("产业扶持文件，公平竞争审查谁来做")  # 审查 is not looking a document up
    assert "储备" in expand("防汛物资平时放在哪里存着？") and "调拨 运输 配送" in expand("帐篷怎么送到灾区")
    assert "近亲属" in expand("我爸去世了家属能替他申请吗") and "不动产" in expand("宅基地的官司在哪个法院打")
    assert "不停止执行" in expand("起诉以后拆迁还会继续吗") and "围堵" in expand("上访的人堵大门怎么处理")
    assert "不停止执行" not in expand("起诉期限是多久")  # a suit named, nothing said of it going on
    assert "委托" not in expand("复议机关可以加重对申请人的处罚吗？")  # 申请人 is not 请人
    assert "苏木镇" in expand("今年对乡镇执法有什么要求？") and "嘎查村" in expand("村里的纠纷谁来调解")
    assert "更为不利" in expand("复议机关可以加重对申请人的处罚吗？")
    assert "编造 传播 虚假信息" in expand("有人散布谣言说要地震") and "竞争对手" in expand("同行说我们的坏话")
    assert "用户评价" in expand("雇人刷好评违法吗")
    assert "摊派" in expand("让每家商户出两千块钱") and "中级人民法院" in expand("去中院起诉")
    assert "终止调解" in expand("调了几次还是谈不拢") and "查阅 复制" in expand("能不能复印案卷")
    assert "出庭应诉" in expand("一把手要亲自上法庭吗") and "不停止执行" in expand("官司没打完能接着拆吗")
    assert "一站式" not in expand("能不能在一个窗口一起办完")  # one window for several steps is 一窗受理
    assert "委托 代理人" in expand("能托朋友替我交申请吗") and "人民代表大会 常务委员会" in expand("人大能监督吗")
    assert "人民代表大会 常务委员会" not in expand("人大代表能提建议吗")
    assert "合法性审核" in expand("发文件前要不要让法制科把关")
    assert "商业秘密" in expand("员工跳槽把配方带走了") and "设立分支机构" in expand("必须在本地开分公司才能投标吗")
    assert "暗访" in expand("督查能不能不打招呼直接下去") and "法律约束力" in expand("调解协议签了对方又反悔")
    assert "偏袒一方" in expand("调解员拉偏架怎么办") and "加工、分析" in expand("能要求政府把数据汇总给我吗")
    assert "举证责任" in expand("打行政官司谁来拿证据？") and "出庭应诉" in expand("开庭时局长要不要到场？")
    assert "一次告知" in expand("窗口让我回去补材料，补了好几回")
    # online is where a rumour spread, not a service: only doing one's business online is 一网通办
    assert "一网通办" not in expand("有人在网上造谣怎么办") and "一网通办" in expand("能不能在网上把事办完")


def test_routing_cues():
    assert wants_plan("今年旗里在政务公开方面有什么安排？")
    assert not wants_plan("行政复议的申请期限是多少？") or wants_figure("行政复议的申请期限是多少？")
    # The banner's place names point at its plan, but not past a law the question names; 今年 still does.
    assert wants_plan("旗里有没有统一的执法证件管理办法？") and wants_plan("苏木镇在应急方面有什么措施？")
    # A place that only sets the scene of a question about one's rights does not.
    assert not wants_plan("嘎查有户牧民对旗里的征收决定不服，多久之内得去法院起诉？")
    # What the place itself has is its own: no statute says how many officers the banner has.
    assert wants_plan("旗里现在一共有多少名行政执法人员？") and wants_plan("全旗有几个苏木镇？")
    assert not wants_plan("旗里的执法队员没有执法证能上路检查吗？行政处罚法怎么说", names_law=True)
    assert wants_plan("今年旗里怎样落实行政复议法", names_law=True)
    # Whether something is allowed is the law's to say, wherever it happens; the plan's 今年 still counts.
    assert not wants_plan("旗里发个红头文件，规定开店得先到我们这审批，合法吗？")
    assert not wants_plan("嘎查两家闹矛盾谈不拢，怎么办？")
    assert wants_plan("今年旗里有没有安排，能不能把免罚清单公布出来？")
    # 安排 is the plan's as what is arranged, not as an order one obeys.
    assert wants_plan("领导干部学法有什么安排？") and not wants_plan("防汛期间不服从政府安排的，会受什么处罚？")
    assert wants_figure("多少日内作出决定？") and not wants_figure("行政复议机关是谁")
    assert has_figure("自收到申请之日起六十日内") and has_figure("不少于60学时") and not has_figure("依法行政")


def _clause(doc_id: str, short: str, label: str, number: int, kind: str) -> Clause:
    return Clause(f"{doc_id}#{label}", doc_id, short, short, label, number, kind, [], "", label)


def test_direct_references_resolve_to_clauses():
    clauses = [
        _clause("plan", "2024年法治政府建设工作计划", "（十八）", 18, "plan_item"),
        _clause("fy", "行政复议法", "第二十条", 20, "article"),
        _clause("fy", "行政复议法", "第一条", 1, "article"),
        _clause("ss", "行政诉讼法", "第二十条", 20, "article"),
    ]
    lk = ClauseLookup(clauses)
    assert lk.resolve("行政复议法第二十条讲了什么") == ["fy#第二十条"]
    assert lk.resolve("《行政复议法》第20条") == ["fy#第二十条"]
    assert lk.resolve("行政诉讼法第二十条") == ["ss#第二十条"]  # 行政诉讼法 is not read as 行政复议法
    assert lk.resolve("计划第十八项是什么") == ["plan#（十八）"]
    assert lk.resolve("第十八项工作由谁牵头") == ["plan#（十八）"]
    assert lk.resolve("行政复议法第二十条第一项") == ["fy#第二十条"]  # an article's 项, not plan item 一
    assert lk.resolve("谁牵头行政复议工作") == []
    assert lk.resolve("行政复议法第九百条") == []
    assert lk.resolve("计划第十八项", allowed_docs={"fy"}) == []


def test_a_named_clause_beyond_the_document_is_missing():
    clauses = [
        _clause("plan", "2024年法治政府建设工作计划", "（二十八）", 28, "plan_item"),
        _clause("plan", "2024年法治政府建设工作计划", "（一）", 1, "plan_item"),
        _clause("fy", "行政复议法", "第九十条", 90, "article"),
        _clause("fy", "行政复议法", "第一条", 1, "article"),
    ]
    lk = ClauseLookup(clauses)
    assert lk.missing("行政复议法第一百条") == MissingClause("行政复议法", "第一百条", "第九十条", "article")
    assert lk.missing("《行政复议法》第 91 条讲什么") == MissingClause("行政复议法", "第91条", "第九十条", "article")
    assert lk.missing("计划第三十项") == MissingClause("2024年法治政府建设工作计划", "第三十项", "（二十八）", "plan_item")
    assert lk.missing("行政复议法第九十条") is None  # present
    assert lk.missing("行政复议法第一条和第一百条") is None  # one of them exists and answers
    assert lk.missing("第一百条讲什么") is None  # no document named: searched as usual
    assert lk.missing("行政复议法规定的期限") is None  # no clause named
    assert lk.missing("第三十项是什么") is None  # neither the plan nor a document named


HELD = (("行政复议法", "fy"), ("行政诉讼法", "ss"), ("行政处罚法", "cf"), ("优化营商环境条例", "ys"), ("信访工作条例", "xf"))


def test_shortened_names_stand_for_the_one_document_they_shorten():
    assert held_matches("复议法", HELD) == {"fy"}
    assert held_matches("行诉法", HELD) == {"ss"}  # first characters of 行政 and 诉讼
    assert held_matches("营商环境条例", HELD) == {"ys"}
    assert held_matches("信访条例", HELD) == {"xf"}
    assert held_matches("行政法", HELD) == {"fy", "ss", "cf"}  # ambiguous: the caller takes none


def test_a_tail_is_cut_off_only_after_a_word_that_leads_into_a_name():
    assert [f for _, f in name_forms("根据复议法")] == ["根据复议法", "复议法"]
    assert [f for _, f in name_forms("违反营商环境条例")][-1] == "营商环境条例"
    # 刑事 and 治安管理 are heads of other laws' names, not words before one
    assert [f for _, f in name_forms("刑事诉讼法")] == ["刑事诉讼法"]
    assert [f for _, f in name_forms("治安管理处罚法")] == ["治安管理处罚法"]


def test_laws_sharing_a_tail_with_a_held_law_are_unknown():
    known = tuple(name for name, _ in HELD)
    assert unknown_law("刑事诉讼法第十条", known) == "刑事诉讼法"
    assert unknown_law("治安管理处罚法规定的拘留期限是多久？", known) == "治安管理处罚法"
    assert unknown_law("请问民事诉讼法怎么规定上诉期限？", known) == "民事诉讼法"  # the lead word is left out
    assert unknown_law("根据复议法，申请期限多久？", known) == ""
    # two-character names count when an article of theirs is asked for, and only as themselves
    assert unknown_law("宪法第一条", known) == "宪法"
    assert unknown_law("民法第十条讲什么", (*known, "人民调解法")) == "民法"  # 民…法 is not 人民调解法
    assert unknown_law("行政诉讼法是根据宪法制定的吗？", known) == ""
    # or what they say: the corpus cites 刑法 ("依照刑法追究") but does not hold it
    assert unknown_law("刑法规定盗窃罪数额较大的起点是多少？", known) == "刑法"
    assert unknown_law("刑法里醉驾判几个月？", known) == "刑法"
    assert unknown_law("人民法院规定的期限", known) == ""
    assert unknown_law("构成犯罪的，要依照刑法追究刑事责任吗？", known) == ""
    assert unknown_law("旗里落实行政复议法的情况", known) == ""  # a held name inside the mention
    # 学法 / 尊法学法守法用法 are what officials do, not a law (before: 《领导干部学法》 was "not held")
    assert unknown_law("领导干部学法有什么安排？", known) == ""
    assert unknown_law("领导干部要尊法学法守法用法吗？", known) == ""
    assert unknown_law("以案释法怎么开展？", known) == ""  # 以案释法 is how law is taught; 案释法 was "not held"
    assert unknown_law("领导干部述法怎么搞？", known) == ""  # 述法: leaders report on their legal duties
    assert unknown_law("《计划》（十八）", known) == ""  # the plan by its generic name in title marks


def test_each_article_reference_goes_with_the_document_named_before_it():
    clauses = [
        _clause("fy", "行政复议法", "第二十条", 20, "article"),
        _clause("ss", "行政诉讼法", "第四十六条", 46, "article"),
        _clause("ss", "行政诉讼法", "第二十条", 20, "article"),
        _clause("ys", "优化营商环境条例", "第十条", 10, "article"),
        _clause("plan", "2024年法治政府建设工作计划", "（十八）", 18, "plan_item"),
    ]
    lk = ClauseLookup(clauses)
    assert lk.resolve("行政复议法第二十条和行政诉讼法第四十六条分别规定了什么期限？") == ["fy#第二十条", "ss#第四十六条"]
    assert lk.resolve("行诉法第二十条") == ["ss#第二十条"]
    assert lk.resolve("复议法第20条") == ["fy#第二十条"]
    assert lk.resolve("营商环境条例第十条") == ["ys#第十条"]
    assert lk.resolve("刑事诉讼法第二十条") == []  # another law, not 行政诉讼法
    assert lk.find_doc("行政复议法和行政诉讼法有什么区别") == "fy"  # the first one named
    # only plan items have 牵头单位 / 责任单位, so a bare （十八） is the plan's item
    assert lk.resolve("（十八）的责任单位有哪些") == ["plan#（十八）"]
    assert lk.resolve("优化营商环境条例第十条（十八）") == ["ys#第十条"]


def test_a_question_for_the_sanction_is_recognised():
    assert wants_penalty("商业秘密被侵犯怎么罚？") and wants_penalty("拒不配合督查要承担什么责任")
    assert wants_penalty("虚假宣传罚多少钱") and wants_penalty("违反规定有什么法律后果")
    assert not wants_penalty("行政处罚的种类有哪些") and not wants_penalty("罚款要在多少天内交")
    assert wants_penalty("重大决策出错了要追责吗？") and wants_penalty("政府信息公开做得不好会被问责吗")
    assert wants_penalty("被督查的单位不配合会怎么样") and not wants_penalty("逾期不交罚款会怎么样")
    assert wants_penalty("违反条例的工作人员会受到什么处分？")
    # asked plainly
    assert wants_penalty("复议机关推着不办，领导要担啥责任？") and wants_penalty("私分罚款会有什么后果？")
    assert wants_penalty("经办人会挨处分吗") and wants_penalty("这样的调解员会被怎么处理？")
    assert wants_penalty("部门乱用职权闹出事来，谁来担责？") and wants_penalty("目录几年不更新，后果是啥？")
    # the procedure of a court, and a circumstance, are not a sanction
    assert not wants_penalty("被告不来开庭，法院会怎么处理？") and not wants_penalty("没造成什么后果，还会被罚款吗？")
    # a wrong told as a story, then "怎么处理": the duty's article had been quoted, not its sanction's
    assert wants_penalty("供电公司强迫企业接受不合理的报装条件，还乱收费，怎么处理？")
    assert wants_penalty("收了群众的信访件，过了期限也没书面告诉人家受不受理，单位会怎么样？")
    # ... but not a plain case, nor a rumour (answered by publishing the facts)
    assert not wants_penalty("群众提交的信息公开申请写得不清楚，我们应该怎么处理？")
    assert not wants_penalty("发现网上流传扰乱社会秩序的虚假信息，政府部门应当怎么处理？")
    assert not wants_penalty("调解员徇私舞弊会怎么处理？")  # whose favour it is decides the law


def test_a_question_for_contents_is_recognised():
    assert wants_contents("行政处罚决定书上要写哪些内容？") and wants_contents("政府信息公开申请应当包括什么")
    assert wants_contents("申请行政许可要提交哪些材料")
    # the conditions or cases a statute lists ("有下列情形之一的")
    assert wants_contents("受理复议申请要符合哪些条件？") and wants_contents("哪些情况下可以当场收缴罚款")
    # the duties, powers or tasks it lists, in a statute's words or plainly
    assert wants_contents("政府督查机构有哪些职责？") and wants_contents("信访人有哪些权利和义务")
    assert wants_contents("这个机构平时要干哪些活？")
    # who makes up a body is not a list of the statute's
    assert not wants_contents("行政复议委员会由哪些人组成？") and not wants_contents("哪些人可以申请复议")


def _article(text: str, chapter: str = "") -> Clause:
    return Clause("d#第一条", "d", "某条例", "某条例", "第一条", 1, "article", [chapter] if chapter else [], "", text)


def test_an_article_imposes_a_sanction_by_its_chapter_or_its_own_words():
    assert imposes_sanction(_article("有下列情形之一的，责令改正。", chapter="第七章 法律责任"))
    assert imposes_sanction(_article("……的，依法依规追究责任。", chapter="第五章 监督和追责"))
    # no chapter says so: the words do (政府督查工作条例第二十五条, 行政诉讼法第五十九条)
    assert imposes_sanction(_article("督查对象不得阻碍督查工作。有上述情形的，由政府督查机构责令改正；情节严重的，依法依规追究责任。"))
    assert imposes_sanction(_article("人民法院可以……处一万元以下的罚款、十五日以下的拘留。", chapter="第七章 审理和判决"))
    assert imposes_sanction(_article("对其正职负责人给予记过以上的行政处分。"))
    # a test for 立案 and the enforcement of a fine are not sanctions
    assert not imposes_sanction(_article("认为有犯罪事实，需要追究刑事责任，依法决定立案的，应当书面通知。"))
    assert not imposes_sanction(_article("到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。"))
    # in the 法律责任 chapter, the article that fines ranks above one on who must prove what
    fines = _article("侵犯商业秘密的，处十万元以上一百万元以下的罚款。", chapter="第四章 法律责任")
    proof = _article("涉嫌侵权人应当证明其不存在侵犯商业秘密的行为。", chapter="第四章 法律责任")
    assert imposes_sanction(fines) > imposes_sanction(proof) > 0
    plan_item = Clause("p#（一）", "p", "计划", "计划", "（一）", 1, "plan_item", [], "", "依法依规追究责任。")
    assert not imposes_sanction(plan_item)


def test_a_sanction_article_names_the_rules_whose_breach_it_sanctions():
    chapter = "第四章 法律责任"
    fine = _article("经营者违反本法第十条规定进行有奖销售的，由监督检查部门责令停止违法行为，处五万元以上五十万元以下的罚款。",
                    chapter=chapter)
    assert breached_articles(fine) == (10,)
    # several rules, by 款 and 项 too, each once
    both = _article("经营者违反本法第六条、第九条第一款第二项规定的，违反本法第六条规定的，依法承担民事责任。", chapter=chapter)
    assert breached_articles(both) == (6, 9)
    # a rule cited without a sanction, and a sanction of no numbered rule, name none
    assert breached_articles(_article("违反本法第十条规定的，应当予以纠正。", chapter="第二章 规定")) == ()
    assert breached_articles(_article("依照本法第十条规定处理。", chapter=chapter)) == ()
    assert breached_articles(_article("违反本法规定的，处一万元以下的罚款。", chapter=chapter)) == ()


def test_a_law_is_named_after_its_subject():
    assert law_subject("行政诉讼法") == "行政诉讼"
    assert law_subject("中华人民共和国行政复议法") == "行政复议"
    assert law_subject("信访工作条例") == "信访"
    assert law_subject("重大行政决策程序暂行条例") == "重大行政决策"
    assert law_subject("行政执法机关移送涉嫌犯罪案件的规定") == ""  # not "……法" / "……条例"
    assert law_subject("2024年法治政府建设工作计划") == ""


def test_the_term_a_definition_question_asks_about():
    assert term_asked("什么是行政诉讼？") == "行政诉讼"
    assert term_asked("行政复议的含义是什么") == "行政复议"
    assert term_asked("法律上的信访是什么意思") == "信访"
    assert term_asked("什么是行政复议机关") == "行政复议机关"  # a narrower term, not the law's subject
    assert term_asked("行政复议的期限是多少") == ""  # not a definition question


def test_an_article_that_only_defines_or_scopes_is_told_from_one_that_sets_a_rule():
    assert defines_only("第二条 在中华人民共和国境内的外商投资，适用本法。\n本法所称外商投资，是指外国的自然人……")
    assert defines_only("第二条 本法所称行政许可，是指行政机关根据……准予其从事特定活动的行为。")
    assert defines_only("第八十五条 本法中“二日”“三日”的规定是指工作日，不含法定节假日。")
    # a rule that also defines: the right to sue, the duty not to infringe a trade secret
    assert not defines_only("第二条 公民、法人或者其他组织认为……有权依照本法向人民法院提起诉讼。\n前款所称行政行为，包括……")
    assert not defines_only("第九条 经营者不得实施下列侵犯商业秘密的行为：……本法所称的商业秘密，是指……")
    # a definition later in an article that opens with a rule
    assert not defines_only("第二十八条 行政机关实施行政处罚时，应当责令当事人改正。违法所得是指实施违法行为所取得的款项。")
    assert not defines_only("第十七条 外商投资企业可以依法通过公开发行股票、公司债券等证券和其他方式进行融资。")


def test_a_commencement_article_is_told_and_so_is_a_question_about_when_a_law_applies():
    assert states_own_force("第四十二条 本法自2020年1月1日起施行。《中华人民共和国外资企业法》同时废止。")
    assert not states_own_force("第二十条 公民、法人或者其他组织……可以自知道该行政行为之日起六十日内提出行政复议申请")
    assert asks_in_force("外商投资法施行以前设立的外资企业还能保留原来的组织形式吗？")
    assert not asks_in_force("外资企业内部设什么机构，按哪部法律来？")


def test_a_question_about_what_a_law_covers_is_told_from_one_about_what_it_requires():
    for asked in ("外国老板收购了我们旗里一家企业的股权，这也算外商投资吗？", "开饭店要办的证算不算行政许可？",
                  "政府信息包不包括我们局自己做的台账？", "移送涉嫌犯罪案件的规定管得着我们吗？",
                  "复议法里说的五日碰上周末算不算在里面？", "什么是行政许可？", "行政许可法的适用范围是什么？",
                  "疫情该按传染病防治法办，还是按突发事件应对法办？", "营商环境到底指啥？是不是就是办事快",
                  "负面清单是什么？"):
        assert asks_scope(asked), asked
    for asked in ("外商投资企业可以在国内上市融资吗？", "国家对外商投资企业能征收吗？", "行政许可申请材料不全怎么处理？"):
        assert not asks_scope(asked), asked


def test_the_terms_a_clause_defines_are_found():
    assert defined_terms("第二条 本法所称行政许可，是指行政机关根据……的行为。") == {"行政许可"}
    assert defined_terms("本法所称的商业秘密，是指不为公众所知悉……") == {"商业秘密"}
    assert defined_terms("违法所得是指实施违法行为所取得的款项。") == {"违法所得"}
    # the article's label before the term (行政处罚法第二条 was missed, so "什么是行政处罚" got 第十一条)
    assert defined_terms("第二条 行政处罚是指行政机关依法对……予以惩戒的行为。") == {"行政处罚"}
    assert "重大行政决策事项" in defined_terms("第三条 本条例所称重大行政决策事项(以下简称决策事项)包括：")
    assert defined_terms("行政机关应当依法作出决定。") == frozenset()
    assert asks_about_term("什么是重大行政决策？", frozenset({"重大行政决策事项"}))
    assert asks_about_term("商业秘密是指什么", frozenset({"商业秘密"}))
    assert not asks_about_term("什么是行政复议", frozenset({"行政许可"}))


def test_a_number_naming_no_document_goes_where_only_one_reading_fits():
    clauses = [
        _clause("plan", "2024年法治政府建设工作计划", "（十八）", 18, "plan_item"),
        _clause("fy", "行政复议法", "第十八条", 18, "article"),
        _clause("fy", "行政复议法", "第九十条", 90, "article"),
        _clause("ss", "行政诉讼法", "第十八条", 18, "article"),
        _clause("ss", "行政诉讼法", "第一百零三条", 103, "article"),
    ]
    lk = ClauseLookup(clauses)
    # （十八） is how the plan numbers its items; before, a bare （十八） went to retrieval and got 第四十八条
    assert lk.resolve("（十八）") == ["plan#（十八）"]
    assert lk.resolve("（十八）讲的是什么") == ["plan#（十八）"]
    # several laws have 第十八条: none is picked by the lookup, and the caller is told which ones
    assert lk.resolve("第十八条") == []
    assert lk.ambiguous("第十八条") == ("第十八条", ["fy#第十八条", "ss#第十八条"])
    assert lk.ambiguous("行政复议法第十八条") == ("", [])
    # one law in scope, or one law that has the article: that law's
    assert lk.resolve("第十八条", allowed_docs={"fy"}) == ["fy#第十八条"]
    assert lk.ambiguous("第十八条", allowed_docs={"fy"}) == ("", [])
    assert lk.resolve("第一百零三条") == ["ss#第一百零三条"]
    # only the plan in scope, or the plan named: 第十八条 can only be its item 18
    assert lk.resolve("第十八条", allowed_docs={"plan"}) == ["plan#（十八）"]
    assert lk.resolve("计划第十八条") == ["plan#（十八）"] and lk.ambiguous("计划第十八条") == ("", [])
    # an article's list item is not a plan item
    assert lk.resolve("行政复议法第十八条（三）") == ["fy#第十八条"]


def test_missing_clauses_are_judged_within_the_scope():
    clauses = [
        _clause("plan", "2024年法治政府建设工作计划", "（二十八）", 28, "plan_item"),
        _clause("plan", "2024年法治政府建设工作计划", "（十八）", 18, "plan_item"),
        _clause("fy", "行政复议法", "第九十条", 90, "article"),
        _clause("fy", "行政复议法", "第十一条", 11, "article"),
    ]
    lk = ClauseLookup(clauses)
    assert lk.missing("第一百条", allowed_docs={"fy"}) == MissingClause("行政复议法", "第一百条", "第九十条", "article")
    assert lk.missing("（三十）") == MissingClause("2024年法治政府建设工作计划", "第三十项", "（二十八）", "plan_item")
    # there, only outside the scope: not missing
    assert lk.missing("（十八）", allowed_docs={"fy"}) is None
    assert lk.missing("行政复议法第十一条", allowed_docs={"plan"}) is None


def test_kept_tokens_are_not_shared_between_callers():
    """A question's tokens are kept for its next cut; a caller that changes its list must not change them."""
    from rag.tokenization import Tokenizer

    tok = Tokenizer(["牵头单位"])
    first = tok.tokenize("谁是牵头单位？")
    assert "牵头单位" in first
    first.append("变了")
    assert tok.tokenize("谁是牵头单位？") == first[:-1]
    assert tok.tokenize_many(["谁是牵头单位？"]) == [first[:-1]]


def test_a_plan_term_is_cut_the_same_in_the_plan_and_in_a_question():
    """jieba cut the plan's "多元化解和诉源治理" as 多元化 | 解和诉 | 源 | 治理: "诉源治理" matched no word of it."""
    from rag.tokenization import Tokenizer

    tok = Tokenizer()
    plan = set(tok.tokenize("加强矛盾纠纷多元化解和诉源治理。"))
    for question in ("诉源治理今年怎么推进？", "矛盾纠纷多元化解怎么搞？"):
        asked = set(tok.tokenize(question)) - {"今年", "推进", "怎么", "搞"}
        assert asked <= plan, question
