"""Query expansion: colloquial words staff use → the terms the documents use.

Staff ask "要不要交钱" where the statute says "不得收取费用", or "政府被告了领导去不去法院"
where the plan says "负责人出庭应诉". BM25 cannot bridge that gap and the small
embedding model bridges it only partly, so the lexical query gets the
documents' terms appended. The table is a general thesaurus of this domain,
not a list of eval questions; it was extended by reading misses on the dev
split and the tuning files (tune, train), never the test split.
"""

from __future__ import annotations

import re

# How the documents write any deadline. Added to a question that asks for one, they find the clauses
# that set deadlines, but they tell nothing of which deadline is asked (``answering.missing_figure``).
DEADLINE_TERMS = "期限 日内 之日起"
YEARS_TERMS = "年内"

# 告 as in suing: not 广告, 报告, 公告, 警告, 通告, 预告, 布告, 控告 or 转告 ("报告政府" reports to it).
SUE = r"(?<![广报公警通预布控转])告"

# Time gone by since a thing was done: "过了这么久", "都八个多月了", "三年前".
_LAPSE = (r"(?:过了|过去|隔了|时隔|都|已经|快)[^。？，]{0,6}(?:这么久|那么久|好久|很久|多年|几年|半年"
          r"|[一二两三四五六七八九十几多半0-9]+多?个?半?(?:年|月|天))了?|(?:[一二两三四五六七八九十几0-9]+|好几|多)年(?:前|以前)")
# ... and whether it can still be done ("过了这么久还能罚吗").
_STILL = rf"(?:{_LAPSE})[^。？]{{0,40}}还"
# Suing without a review first ("不走复议，直接去法院告").
_SUIT_WITHOUT_REVIEW = r"(?:不走|不经过?|没走|没经过?|跳过|不申请|没申请|不先)(?:行政)?复议[^。？]{0,12}(?:法院|起诉|" + SUE + r"|打官司)"
# Where to apply for a review ("向哪个机关申请复议", "复议找谁").
_WHERE_REVIEW = (r"(?:向|去|找|到)(?:哪个|哪一?级|哪家|哪里|哪儿|谁)[^，。？]{0,6}(?:申请)?(?:行政)?复议"
                 r"|复议[^。？]{0,14}(?:向|去|找|到)(?:哪个|哪一?级|哪家|哪里|哪儿|谁)")

# (pattern in the question, terms to add). Patterns are regular expressions.
COLLOQUIAL: tuple[tuple[str, str], ...] = (
    (r"交钱|收钱|收费|花钱|要钱|掏钱|交费|缴费|付费|费用|花销|开销|(?:交|花|要|收|掏|付)(?:多少|几个)钱|(?:审查|手续|工本|办证|服务)费",
     "收取费用 收费 费用"),
    (r"打官司|" + SUE + r"(?:旗|县|市|盟|区|镇|乡)?政府|告到法院|被告|起诉|" + SUE + r"了|(?:能|可以|能不能|去|想)告(?!知|诉)",
     "行政诉讼 起诉 诉讼"),
    # a leader who must appear in court ("领导要不要去法院", "局长要不要到场")
    (r"(?:领导|一把手|局长|县长|旗长|负责人).{0,8}(?:去|到|上|出).{0,3}(?:法院|法庭)|出庭|(?:亲自|自己|本人)(?:到庭|上法庭)"
     r"|(?:领导|一把手|局长|县长|旗长|负责人).{0,6}(?:到场|到庭|出面|露面)",
     "负责人 出庭应诉"),
    (r"法院|法庭", "人民法院"),
    (r"不服|不满意|不认可|对(?:处罚|罚款|决定|行政行为)[^，。？]{0,6}有异议", "不服 申请行政复议 提起行政诉讼"),
    (r"不罚|免罚|免于处罚", "不予行政处罚 免罚清单"),
    (r"少罚|轻罚|从轻", "从轻 减轻 行政处罚 轻罚清单"),
    (r"加重|罚得更重|罚得更多|更重|反而", "更为不利 不利"),
    # a court that changes a penalty may not make it heavier (行政诉讼法第七十七条); nor a review (行政复议法第六十三条)
    (r"(?:法院|判|" + SUE + r"|起诉|打官司)[^。？]{0,16}(?:更重|还重|加重|罚得更多|更不利)", "判决变更 不得加重原告的义务"),
    (r"复议[^。？]{0,20}(?:更重|还重|加重|罚得更多|更不利)", "更为不利的变更决定 行政复议机关决定变更"),
    # a heavier penalty for arguing back (行政处罚法第四十五条), not a review's (更为不利, 行政复议法第六十三条)
    (r"(?:申辩|辩解|辩了|陈述|解释|顶嘴|顶了|态度不好|态度差)[^。？]{0,20}(?:加重|罚得更重|更重|多罚|加罚)",
     "不得因当事人陈述、申辩而给予更重的处罚"),
    (r"小错|轻微|初次|头一回|第一次", "违法行为轻微 初次违法 首违不罚"),
    (r"当场.{0,2}改|及时改|马上改", "及时改正"),
    (r"(?:网上|线上)(?:把事)?办|不用(来回)?跑|跑一次|跑腿|来回跑", "一网通办 线上线下 网上办理 政务服务"),
    (r"赚的钱|利润|收益|分红", "出资 利润 资本收益"),
    (r"汇(回|出|到)|转(回|出)", "汇入 汇出 自由汇入、汇出"),
    (r"外国|外商|外资|老外", "外国投资者 外商投资"),
    # technology handed over as the price of a permit (外商投资法第二十二条)
    (r"(?:转让|转给|交出|交给|让出)[^，。？]{0,6}技术|技术[^，。？]{0,4}(?:转让|转给)", "强制转让技术 技术合作"),
    # whether a foreign investor may enter a trade at all: the negative list (外商投资法第二十八条)
    # (only where it invests or enters: "外国老板赚的钱能不能汇回去" asks about profits)
    (r"(?:外国|外商|外资|老外)(?![^。？]*负面清单)[^。？]{0,10}(?:投资|开矿|开厂|办厂|设厂|建厂|进入|进来|准入)"
     r"[^。？]{0,10}(?:限制|能不能|可不可以|允许|禁止|不让|哪些行业)",
     "外国投资者 外商投资准入负面清单 限制投资 禁止投资"),
    (r"冒头|苗头|萌芽|刚出现|源头", "源头 预防 化解 矛盾纠纷"),
    (r"赔不赔|赔偿|补偿|赔钱|坏了", "补偿 赔偿 征用"),
    (r"征用|借用|调用|设备|车辆|物资", "征用 应急救援"),
    (r"(?:物资|粮食|药品|帐篷).{0,8}(?:存|备|囤)|存放|储存|囤", "储备"),
    (r"送到|运到|送过去|运过去|运送|怎么送", "调拨 运输 配送"),
    # a paper handed to a person is served, not shipped ("决定书多久送到当事人手上")
    (r"送(?:到|给|交)?(?:当事人|本人|申请人|家里|手上|手里)|(?:决定书|通知书|文书)[^，。？]{0,10}(?:送(?:到|给|交)?|寄(?:到|给)?|交到|拿到)",
     "送达"),
    (r"抗灾|救灾|防灾|受灾|灾害", "自然灾害 应急"),
    # lifting emergency measures once the threat is over (突发事件应对法第八十六条)
    (r"(?:措施|管控|封控|管制)[^，。？]{0,8}(?:撤|解除|取消|停止|结束)|(?:撤|解除|取消)(?:管控|封控|管制|措施)",
     "停止执行 应急处置措施 威胁和危害得到控制或者消除"),
    (r"还不还|要不要还|归还|返还", "返还"),
    # (not 企业 again: the question has it, and doubled it made 优化营商环境条例第十四条, which says 企业 and
    # 市场主体 most, first for any firm's question)
    (r"商家|企业|公司|老板", "经营者 市场主体"),
    (r"刷单|虚假宣传|吹牛|骗顾客", "虚假 引人误解的商业宣传 虚假交易"),
    (r"好评|差评|刷.{0,2}评", "用户评价 虚假交易"),
    # prices driven up in an emergency (突发事件应对法第七十三条第八项)
    (r"哄抬|囤积|趁机涨价|(?:价|价格|价钱)[^。？，]{0,4}(?:翻倍|翻番|暴涨|猛涨|(?:翻|涨)了[一二两三四五六七八九十几0-9]+倍)|翻倍卖|高价卖|坐地起价",
     "囤积居奇 哄抬价格 牟取暴利 扰乱市场秩序"),
    (r"造谣|谣言|传谣|乱传|瞎传|(?:转发|转了|传了|发了)[^。？]{0,24}(?:假的|不实|没核实|未经核实|虚假)|(?:假|不实)(?:消息|信息|新闻)",
     "编造 传播 虚假信息"),
    (r"同行|竞争者|隔壁.{0,3}(?:店|家|厂|公司)", "竞争对手 经营者"),
    (r"投诉|举报|热线|12345", "投诉 举报 监督"),
    (r"上访|信访|反映问题", "信访 信访事项"),
    # what the petition office does with what it receives: registers it and passes it on in 15 days (信访工作条例
    # 第二十二条); an office petitioned directly tells the petitioner (第二十三条)
    # (not a complaint about someone, which must not reach them: 第三十条, and the leak entry's)
    (r"^(?![^。？]*(?:投诉|举报|检举|揭发|控告))[^。？]*?(?:信访局|信访办|信访部门|信访科)[^。？]{0,40}"
     r"(?:转给|转交|转到|转送|交给|转去|转走)(?![^。？]{0,4}(?:本人|被举报|对方))",
     "各级党委和政府信访部门收到信访事项 予以登记 转送有权处理的机关"),
    # many people going together: they must send representatives, five at most (信访工作条例第二十条)
    # (not how they go about it: "几户牧民去旗政府反映……把门口堵住、拦下领导的车" is 第二十六条's)
    (r"(?![^。]*(?:堵|拦|闹|冲击|横幅|静坐|围))"
     r"(?:一起|一块儿?|一道|集体|组团|结伴|大伙|大家|好多人|很多人|一群人|多人|[几十二三四五六七八九百]+[十几多]*(?:户|个人|人|家|位))"
     r"[^。？]{0,12}(?:上访|去[^。？]{0,8}(?:反映|信访)|走访)|集体上访|群访|(?:上访|走访)[^。？]{0,10}人数",
     "多人 走访 共同的信访事项 推选代表 代表人数"),
    (r"调解|和解|说和|私了|坐下来|协商", "调解"),
    # a mediated agreement the other side does not keep: sue on it (人民调解法第三十二条)
    (r"协议[^。？]{0,20}(?:不履行|不按|不给|不还|反悔|不认|不算数|耍赖|赖账|一分没给)[^。？]{0,24}(?:起诉|" + SUE + r"|法院|打官司)",
     "就调解协议的履行或者内容发生争议 一方当事人可以向人民法院提起诉讼"),
    (r"村里|村委会|居委会|社区", "村民委员会 居民委员会 基层 嘎查村"),
    # the banner's own words for township and village (苏木镇, 嘎查村) are what its plan uses
    (r"乡镇|乡里|镇里|镇上|乡政府|镇政府|街道", "苏木镇"),
    (r"(?<![审检调督])查.{0,4}文件|文件.{0,8}(?:(?<![审检调督])查|找)"
     r"|(?:文件|规定|办法|通知|政策|条例).{0,6}还(?:有效|管用)|还(?:有效|管用).{0,6}(?:文件|规定|办法|通知|政策|条例)",
     "现行有效 规范性文件 公开查询"),
    # whether a penalty stands: 行政处罚法 says when one is void (a document "还有效" is the entry above)
    (r"处罚(?:决定)?[^，。？]{0,4}(?:还|是否|是不是)?(?:有效|无效|作废|算数|站得住)", "行政处罚无效 违反法定程序"),
    (r"亮证|出示.{0,4}证件|(?:没|不)带.{0,2}证", "出示执法证件"),
    (r"督查|检查工作", "督查 政府督查"),
    # the same work inspected again and again, by several teams (政府督查工作条例第十五条)
    (r"(?:好几|几|多|三|两|四|五)(?:拨|批|路|轮)[^。？，]{0,8}督查|督查[^。？，]{0,12}(?:轮着|轮番|反复|重复|一拨|一趟|没完|频繁|太多|太勤)"
     r"|(?:轮着|轮番|反复|重复|一遍遍|一趟趟)[^。？]{0,8}(?:来查|检查|督查)",
     "严禁重复督查 多头督查 严格控制督查频次"),
    (r"下属部门|部门自己|自行", "政府部门 所属部门 自行"),
    (r"行贿|骗(取|到)|欺骗|(?:送钱|送礼|塞钱|找关系|走后门)[^。？]{0,8}(?:拿到|办下|批下|取得|弄到)", "欺骗 贿赂 不正当手段"),
    (r"多少年|几年", YEARS_TERMS),
    (r"多久|多长时间|几天|多少天|多少日|期限|时限|截止", DEADLINE_TERMS),
    (r"开会|会议|讨论记录|过程稿|草稿", "过程性信息 讨论记录 过程稿"),
    (r"不给看|不公开|能不给|不提供", "不予公开 可以不予公开"),
    (r"换届|上一届|前任|换了(?:一届|届|新?领导|班子)|领导换了|新官不理旧账|新领导", "换届 领导人员更替 政策承诺"),
    (r"算不算数|说话算话|兑现|承诺", "政策承诺 守信践诺 履行"),
    (r"培训|学习|上课", "培训 学时 法治教育培训"),
    # law-enforcement staff's own training (plan item （二十八）: 60学时 of 业务知识和法律法规培训), not leaders' 学法
    (r"执法(?:人员|队员|队伍)[^，。？]{0,6}(?:培训|学习|上课)", "行政执法队伍 业务知识和法律法规培训 学时"),
    # who holds which power, listed: 权责清单 (plan item （一）)
    (r"权力边界|权力清单|职责边界|谁管什么|职责不清|权责", "权责清单 职能 权限"),
    # a permit granted on the applicant's promise, papers to follow: 告知承诺制 (plan item （二）)
    (r"先承诺|承诺制|容缺|后补(?:材料|手续)|先办后补", "告知承诺制 容缺受理"),
    # Not every 由谁: "听证由谁主持", "由谁来举证" ask a statute's procedure, and 牵头单位 took them to plan
    # items. The verb is looked at, not matched: a matched word counts as found in ``confidence``.
    (r"谁管|哪个部门|哪个单位|由谁(?=来?总?(?:抓|管|督促|推进|推动|落实|统筹|负责))|谁负责|谁牵头|归谁|哪家", "牵头单位 责任单位"),
    (r"请律师|法律顾问|律师", "法律顾问 公职律师"),
    (r"(?:(?<!申)请|找|委托)(?:个)?律师|(?:找|请)人代|代理人", "委托 代理人 律师"),
    # what an officer must hand over for a fine (行政处罚法第七十条: 专用票据): a 凭证 or 单据 only where a
    # fine is spoken of, since papers handed in get a 书面凭证 (the next entry)
    (r"收据|收条|发票|票据|(?:不给|没给|不)开票|罚[^。？]{0,20}(?:凭证|单据|条子)", "票据 专用票据"),
    # proof that papers were received ("收了材料不给回执")
    (r"回执|收件凭证|受理凭证|受理单|收件单", "书面凭证 注明日期"),
    # paying a fine late: 每日加处罚款 (行政处罚法第七十二条)
    # (a tax's 滞纳金 or a report handed in late is another law's: only where a fine is spoken of)
    (r"加罚|罚上加罚|罚[^。？]{0,12}(?:晚交|迟交|滞纳金)|过了?[^，。？]{0,6}(?:交款|缴款|缴费|交费)(?:日期|期限)", "加处罚款 逾期"),
    # a tax rebate for one firm is the 税收优惠 that 公平竞争审查条例第十条 forbids (not one's own 退税)
    (r"返还税收|税收返还|返税|(?:给|对)(?!我)[^，。？]{0,10}(?:减免税|免税|减税)", "税收优惠"),
    (r"拒交|拒缴|(?:可以|能|能不能)不交", "拒绝缴纳"),
    (r"解释|辩解|分辩|说理|不让.{0,2}说|不听", "陈述 申辩"),
    (r"小孩|孩子|未成年|不满十四|未满十四|十四岁", "未成年人 不满十四周岁"),
    (r"外地|外省|外市|跨地区|跨区域", "管辖 违法行为发生地"),
    # a firm or goods from elsewhere is the other sense: 外地经营者, kept out by local rules (公平竞争审查条例第九条)
    # ("外地的企业在这里违法了谁来罚" is the jurisdiction sense still; a licence that keeps them out is
    # 行政许可法第十五条's)
    (r"(?:外地|外省|外市)(?:的)?(?:企业|商家|公司|商品|产品|货物|经营者|老板)(?![^。？]{0,12}(?:违法|违章|违规|罚))(?![^。？]*许可)"
     r"|(?:要求|必须)[^，。？]{0,8}本地(?:注册|设立|有)",
     "外地经营者 本地 限制商品、要素自由流动"),
    (r"公示|公布|晒出来", "公开 公示"),
    (r"罚款|罚多少|罚钱", "罚款 处罚"),
    # a decision made on the spot (简易程序), not the fine collected on the spot (当场收缴罚款, 第六十八条)
    (r"(?:当场|现场)(?:[^。？，收缴交]{0,10})(?:处罚|开罚单|作出?处罚|就罚)", "当场作出行政处罚决定"),
    # an agency asked to protect someone that does nothing: suable after two months (行政诉讼法第四十七条)
    (r"(?:没人管|没人理|不管不问|不理不睬|一直不管|一直不理|不给处理|不处理|拖着不办|迟迟不办|不作为|不履行(?:职责)?)"
     r"(?:(?!检察)[^。？]){0,30}(?:法院|起诉|(?<!被)" + SUE + r"|打官司)"  # one the procuratorate sues is the next entry's
     # (not a court's finding that the defendant, 被告, failed its duty: 第七十二条)
     r"|(?:起诉|(?<!被)" + SUE + r"|打官司)[^。？]{0,10}(?:不作为|不履行(?:法定)?职责|不管不问)",
     "履行保护其人身权、财产权等合法权益的法定职责 接到申请之日起两个月内不履行"),
    # a procuratorate suing an agency that fails the public interest (行政诉讼法第二十五条第四款), not
    # supervising a trial (第九十三条)
    (r"(?:检察院|检察机关|检察官)(?:能|可以|能不能|可不可以|会|有权|出面|去|要)[^。？]{0,12}(?:" + SUE + r"|起诉|提起)",
     "负有监督管理职责的行政机关违法行使职权或者不作为 国家利益或者社会公共利益受到侵害 生态环境和资源保护"),
    # information asked for that touches another's interests: the third party is asked first (政府信息公开条例第三十二条)
    (r"^(?=[^。？]*(?:公开|信息|申请))[^。？]*(?:另一家|别家|其他|第三方|那家)[^。？]{0,12}(?:不同意|同不同意|反对|有意见)"
     r"|(?:商业秘密|个人隐私)[^。]{0,30}(?:不同意|同不同意|征求|反对)",
     "书面征求第三方的意见 第三方不同意公开且有合理理由"),
    # a measure issued in a government's own name is reviewed by its market regulator with the drafter
    # (公平竞争审查条例第十四条), one of a department by the drafter alone (第十三条)
    (r"(?:以|用)?(?:旗|县|市|盟|区|镇)?(?:人民)?政府(?:的)?名义[^。？]{0,24}(?:审查|审核|谁审|谁来|由谁)"
     r"|(?:旗|县|市)政府[^。？]{0,6}(?:出台|发|印发|制定)[^。？]{0,24}公平竞争审查",
     "拟由县级以上人民政府出台 本级人民政府市场监督管理部门会同起草单位"),
    # a measure that shuts out outside firms, reported by anyone (公平竞争审查条例第二十二条)
    (r"^(?=[^。？]*(?:文件|政策|规定|措施))[^。？]*(?:排斥|限制|歧视|不让|只让|只准)[^。？]{0,16}(?:外地|本地|外来|外省|其他地方)"
     r"[^。？]*(?:举报|投诉|反映|找谁|向哪)",
     "违反本条例规定的政策措施 任何单位和个人可以向市场监督管理部门举报"),
    # the head's approval of a transfer to the police, and the hours after it (移送涉嫌犯罪案件的规定第五条)
    (r"^(?=[^。？]*(?:移送|移交|移给|转给|公安|犯罪|判刑))[^。？]*(?:负责人|局长|领导|一把手)[^。？]{0,12}(?:批|审批|批准|签字)"
     r"|(?:批了|批准后|批完)[^。？]{0,12}(?:移送|移交|移给|转给|送到?公安)",
     "正职负责人或者主持工作的负责人 作出批准移送或者不批准移送的决定"),
    # a township's or a department's own major decisions follow the regulation by analogy (重大行政决策程序暂行条例第四十二条)
    (r"决策[^。？]{0,16}(?:对|在)(?:乡镇|乡级|苏木镇?|镇政府|乡政府)[^。？]{0,6}(?:适用|管用|有效)"
     r"|(?:乡镇|乡级|苏木镇?|镇政府|乡政府|镇里|乡里|(?:旗|县)(?:里)?(?:的)?(?:各)?(?:部门|局))[^。？]{0,16}决策[^。？]{0,24}"
     r"(?:参照|照着|适用|(?:要不要|按不按|也得|也要|得|要|也)(?:按|照))",
     "县级以上人民政府部门和乡级人民政府重大行政决策 参照本条例规定执行"),
    # the head of a government or department answers first for rule of law (plan item （二十六）)
    (r"(?:一把手|主要负责人|主要领导|局长|旗长|县长|部门领导|单位领导|一号人物)[^。？]{0,16}(?:角色|责任人|第一责任|头号|带头|主体责任|牵头抓)",
     "主要负责人 履行推进法治政府建设第一责任人职责"),
    # an emergency's measures are decided outside the major-decision procedure (重大行政决策程序暂行条例第三条)
    (r"(?:疫情|突发|紧急|应急)[^。？]{0,12}(?:决定|决策|处置)[^。？]{0,24}(?:重大行政决策|决策程序|听证|专家论证|风险评估)",
     "突发事件应急处置决策 不适用本条例"),
    # contests, ratings and courses a firm is pushed into (优化营商环境条例第十七条)
    (r"(?:评比|评优|评选|星级|达标|表彰|考评|评奖)[^。？]{0,20}(?:参加|交|收|费|不去|强制|非让|必须|硬要)"
     r"|(?:参加|非让|必须|硬要|强制|逼)[^。？]{0,12}(?:评比|评优|评选|星级|达标|表彰|考评)",
     "任何单位和个人不得强制 变相强制 评比 达标 表彰"),
    # the language a case is heard in (行政诉讼法第九条)
    (r"蒙古语|蒙语|蒙文|蒙古文|民族语言|少数民族语言|母语|(?:汉语|汉话|普通话)[^。？，]{0,6}(?:不好|不会|听不懂|不太好|不行)|听不懂汉",
     "本民族语言文字 翻译"),
    # the application form itself is free (行政许可法第五十八条第二款)
    (r"(?:申请表|表格|申请书)[^。？]{0,12}(?:钱|费|买|收)|(?:买|花钱|收费)[^。？]{0,8}(?:申请表|表格)",
     "申请书格式文本 不得收费"),
    # a refused information request goes to review before any suit (行政复议法第二十三条第四项)
    (r"(?:申请)?(?:信息)?公开[^。？]{0,16}(?:被拒|不给|不公开|拒绝)[^。？]{0,16}(?:法院|起诉|" + SUE + r")",
     "申请政府信息公开，行政机关不予公开 应当先向行政复议机关申请行政复议"),
    # a suit brought without a review first: its own period (行政诉讼法第四十六条, not 第四十五条's after a review)
    (_SUIT_WITHOUT_REVIEW, "直接向人民法院提起诉讼"),
    (_SUIT_WITHOUT_REVIEW + r"[^。？]{0,16}(?:期限|多久|多长时间|几个月|最晚|最迟)",
     "直接向人民法院提起诉讼 知道或者应当知道作出行政行为之日起六个月内"),
    # 行政复议法第二十三条: a decision made on the spot is reviewed before any suit
    (r"当场[^。？收缴交]{0,12}罚[^。？]{0,30}(?:直接|能不能|可不可以|能否)[^。？]{0,6}(?:法院|起诉|" + SUE + r")",
     "对当场作出的行政处罚决定不服 应当先向行政复议机关申请行政复议"),
    # the ticket itself: what a penalty decision must state (行政处罚法第五十九条); not paying it
    (r"(?:罚单|罚款单|处罚单)(?:子)?[^。？]{0,6}(?:写|载明|记载|内容|哪些|什么)|(?:罚|处罚)[^。？]{0,4}(?:单子|通知书)[^。？]{0,6}(?:写|载明|内容|哪些|什么)",
     "行政处罚决定书 应当载明 下列事项"),
    # owning up (行政处罚法第三十二条: 主动供述行政机关尚未掌握的违法行为)
    (r"主动(?:交代|坦白|承认|说出|供述|讲清)|如实交代", "主动供述 行政机关尚未掌握的违法行为 从轻 减轻"),
    # a licence or business licence revoked, taken to court (行政诉讼法第十二条第一项)
    (r"(?:(?:吊销|暂扣|扣了|收了)[^。？]{0,6}(?:执照|许可证|证照|驾照|证)|(?:执照|许可证|证照|驾照)[^。？]{0,4}(?:吊销|暂扣|扣|收))"
     r"[^。？]{0,12}(?:告|起诉|打官司|法院)",
     "吊销许可证和执照 不服 提起诉讼 人民法院受理"),
    # the payer's words, not the officer's 收缴 (当场收缴罚款 is another article)
    (r"(?<!收)(?:交|缴|付)(?:罚款|罚金|钱)|罚款[^收]{0,8}(?<!收)(?:交|缴|付)", "缴纳 缴纳罚款"),
    # "罚款的人没钱交" is also read as paying the fine (缴纳罚款) over the same span, which keeps both entries
    (r"罚款[^收。？]{0,8}(?:没钱|交不起|付不起|拿不出)(?:交|缴|付)|(?:交|付|赔)不起|没钱|拿不出", "确有经济困难 暂缓 分期"),
    (r"执法证|持证", "行政执法证件 持证上岗"),
    (r"拍照|录像|记录仪", "执法全过程记录"),
    (r"决策.{0,6}(听|征求)|问问群众|听取意见", "公众参与 征求意见 听证"),
    (r"专家", "专家论证"),
    # rules that touch business are drafted after hearing business (优化营商环境条例第六十二条)
    # (征求意见 is the documents' own phrase: "征求企业和社会意见……挂多少天" needs no terms that dilute its figure's words)
    (r"(?:听|问问?)(?:一下|一听|听)?(?:企业|商家|市场主体|行业协会|商会|老板)[^，。？]{0,3}?(?:的)?(?:意见|想法|建议)",
     "充分听取 市场主体 行业协会商会 意见"),
    (r"风险", "风险评估"),
    (r"审核.{0,4}合法|合不合法", "合法性审查 合法性审核"),
    (r"警察|公安", "公安机关"),
    # a party who died, and the family acting for them
    (r"去世|过世|死了|死亡|不在了", "死亡 近亲属"),
    (r"家属|家里人|亲属|子女|儿子|女儿|老伴", "近亲属"),
    # what is in dispute: a house or land is 不动产, with courts of its own
    (r"房子|房屋|宅基地|违建|土地", "不动产"),
    # a review or suit under way does not stop the decision ("复议还没出结果，征收能照样推进吗")
    # ("诉讼中原告死了谁来接着告" is who carries the suit on: the death entry's)
    # ("复议结果没出来之前，罚款是不是可以先不交" names the fine between: a look ahead, so that the span
    # matched stays short and the fine's own entry still adds 缴纳罚款)
    (r"(?:复议|起诉|诉讼|官司)(?:(?!死|去世|过世).){0,12}(?:照样|继续|接着|先不|停下|停止|暂停|推进|(?:还要|要不要|还得|先)先?(?:执行|(?:交|缴)(?:罚款|罚金)|把[^，。？]{0,4}(?:交|缴))|执行吗)"
     r"|(?:复议|起诉|诉讼|官司)(?=[^。？]{0,20}(?:先不交|先不缴|不用交|不用缴|可以不交|还交|还缴|还(?:要|得|用)(?:交|缴)|(?:要|得)先(?:交|缴)"
     r"|先(?:拆|执行|征收|查封|扣押|收走)))",
     "不停止执行 停止执行"),
    (r"拖着不|一直不给|赖着不|不按(?:照)?判决|不(?:履行|执行)判决", "拒绝履行 不履行 判决"),
    # a decision the executing unit stalls on is 拖延执行, not a judgment unpaid (重大行政决策程序暂行条例第四十条)
    # (a 复议决定 left unperformed is the review law's: "决定" alone is not this entry's)
    (r"决策[^。？]{0,14}(?:拖着不|推着不|不执行|拖延|推诿)", "拒不执行 推诿执行 拖延执行"),
    (r"借给|租给|卖给别人", "出租 出借 转让 倒卖"),
    (r"假材料|假的材料|弄虚作假|假证明", "虚假材料 隐瞒有关情况"),
    # at the application, not after the grant (行政许可法第七十八条, not 第八十条's licensee)
    (r"申请[^。？]{0,12}(?:假材料|假的材料|虚假材料|造假|假证明)",
     "行政许可申请人隐瞒有关情况或者提供虚假材料申请行政许可 不予受理或者不予行政许可"),
    (r"指定(?:的)?(?:公司|机构|中介|商家|店|厂家)|买.{0,6}服务", "指定 购买指定商品 接受有偿服务"),
    # a complainant's identity leaked; a business secret leaked is the next entry's
    (r"转给|转到.{0,6}手|(?:泄露|透露)(?![^，。？]{0,8}秘密)|告诉被举报|(?:给|交给|拿给)了?被举报",
     "透露 转给 检举 控告"),
    (r"(?:泄露|透露|泄密|外泄|卖给)[^，。？]{0,8}秘密", "披露 侵犯商业秘密"),
    (r"堵|拉横幅|横幅|闹事|静坐|聚集", "围堵 冲击 非法聚集 扰乱秩序"),
    (r"拦[^。？，]{0,6}车", "拦截公务车辆"),
    # one who will not leave when told to in an emergency (突发事件应对法第九十八条)
    (r"(?:转移|撤离|疏散|搬离)[^。？]{0,16}(?:不走|不撤|不搬|不听|不配合|拒绝)", "不服从 决定、命令 不配合 依法采取的措施"),
    # a licence or registration that "变了" is 变更 in the statutes (行政许可法第四十九条)
    (r"变了|有变化|发生(?:了)?变化|有变动|变动|改名|换名", "变更"),
    # soft enforcement as the plan names it (item （十二）: 说服教育、劝导示范、警示告诫), where a penalty
    # follows ("先提醒再处罚"), not a reminder of anything ("提醒督办")
    (r"(?:提醒|劝(?:一劝|说|导))(?=[^。？]{0,8}(?:罚|处罚|整改|改正))", "警示告诫 说服教育 劝导示范"),
    # a request by phone is an oral one where a law allows only 书面 or 口头 (复议申请, 信息公开申请)
    (r"打电话|电话|写信", "信息网络 书信 电话 传真 口头"),
    # a review's outcome is its 决定 ("复议机关最长多少天要给结论"); a petition's is 办结 (next entry).
    # Not "复议还没出结果": a review under way is the stay entry's.
    (r"复议[^，。？]{0,10}(?<![没未])(?:给|出|下)(?:个)?(?:结论|结果|说法)", "作出行政复议决定"),
    (r"处理结果|处理完|办完|办结|给个说法|给个结果", "办结 处理意见"),
    # the same matter brought again after it was settled (信访工作条例第三十六条: 不再受理)
    (r"(?:同样|同一)的?(?:件)?(?:事|事情|问题|理由)(?![^，。？]{0,10}罚)|(?:反复|重复|一再|再次|又)(?:来)?(?:上访|来访|反映|信访|投诉)",
     "同一事实和理由 不再受理"),
    # one act fined twice, or by two bodies (行政处罚法第二十九条): not the same petition brought again
    (r"(?:同样|同一|一)(?:个|件)?(?:事|事情|违法行为|行为)[^，。？]{0,10}罚|(?:两个|多个|几个)(?:部门|单位|机关)[^，。？]{0,6}罚"
     r"|罚两次|重复罚|两次罚|罚了又罚",
     "同一个违法行为 两次以上罚款 一事不再罚"),
    (r"移交|移送|交给公安", "移送 涉嫌犯罪案件"),
    # a case the police would not take: the law's words are 不予立案, and what the sender may do next
    (r"(?:公安|警察|派出所)[^，。？]{0,8}(?:不接受?|不接收|不收|不立案|不受理|拒收|不管|退回)", "不予立案 立案监督"),
    # and what the sender may do: ask the police to reconsider (移送涉嫌犯罪案件的规定第九条)
    (r"(?:公安|警察|派出所)[^，。？]{0,8}(?:不立案|不予立案)[^。？]{0,12}(?:怎么办|还能|能不能|可以)",
     "不予立案 立案监督 不予立案的决定 提请作出不予立案决定的公安机关复议"),
    # business and competition, in a shopkeeper's or a clerk's words
    (r"跳槽|拷走|拷贝走|带走.{0,6}(?:名单|资料|配方|图纸)|客户(?:名单|资料|信息)|配方|图纸"
     r"|(?:卖|泄露|透露|偷|拷|拿走|带走|给了)[^，。？]{0,8}技术(?:资料|信息|数据)"
     r"|技术(?:资料|信息|数据)[^，。？]{0,4}(?:卖|泄露|透露|给了|带走|拿走|拷)", "商业秘密 侵犯商业秘密"),
    (r"指定(?:的)?(?:某一家|某家|一家|那家)|统一从|只能从|只许.{0,4}(?:买|进货)|(?:买|用|进)(?:他们|政府)?指定的?(?:产品|商品|东西|品牌|货)",
     "限定 特定经营者"),
    (r"注册.{0,4}(?:子公司|分公司)|子公司|分公司|办事处", "设立分支机构"),
    (r"挤压|排挤|限制竞争|排除竞争|不公平竞争", "排除、限制竞争"),
    # oversight and mediation
    (r"偷偷|暗中|悄悄|不打招呼|事先不通知|突击|摸底", "暗访"),
    (r"好处|收礼|送礼|收了.{0,6}(?:钱|东西|礼)|收受?(?:当事人|群众|企业|老板|人家|别人|对方)的?(?:礼|东西|财物)|向着|偏向|拉偏架",
     "偏袒一方 收受财物"),
    (r"反悔|不认账|不认了|赖账|说话不算|不照着?办|不按.{0,4}(?:办|做|执行)|不执行协议|不遵守", "法律约束力 履行"),
    (r"汇总|做成报表|统计分析|整理成", "加工、分析"),
    # who must prove what in a suit
    (r"证明.{0,6}(?:错|没错|对不对)|拿出.{0,4}(?:证据|东西)|谁.{0,3}(?:举证|拿证据|出证据)", "举证责任 提供证据"),
    # sent back again and again for papers: the office must say at once all that is missing
    # an unclear information request: the office asks for it to be made clear (政府信息公开条例第三十条)
    (r"(?:信息公开|公开)(?:的)?申请[^。？]{0,12}(?:补正|不清楚|不明确|不够清楚|补充)", "申请内容不明确的 一次性告知申请人作出补正"),
    (r"补了.{0,4}(?:趟|次|回)|缺的.{0,6}不一样|一次说不清|来回补|回去补|每次只说|只说缺|白跑", "一次告知 补正"),
    # everyday names of what the documents name formally
    (r"红头文件|(?:政府|部门|旗里|上面|上级)(?:发|出|下|印发)的?文件", "规范性文件"),
    (r"一(?:起|并|块)(?:提|告|审|请求|起诉)", "一并请求 一并审查"),
    # the defendant gathering evidence once sued (行政诉讼法第三十五条 forbids it)
    (r"(?:自己|自行|私自|再)(?:去|到处)?(?:找|搜集|收集|补)证据|补充证据", "自行 收集证据"),
    (r"民告官|告官", "行政诉讼"),
    # a document behind a decision is challenged with the decision, not alone (行政诉讼法第五十三条)
    # (a question that says 规范性文件 needs no translation, and may ask something else of it)
    (r"(?:" + SUE + r"(?!知|示|诫)|起诉|复议|打官司)[^。？]{0,10}(?<!规范性)(?:文件|红头文件)"
     r"|(?<!规范性)(?:文件|红头文件)[^。？]{0,14}(?:" + SUE + r"(?!知|示|诫)|起诉|复议|打官司)",
     "一并请求 审查 不合法 行政行为所依据"),
    # a fine left unpaid: 逾期不履行, with the surcharge and enforcement by the court (行政处罚法第七十二条)
    # (from 罚 on, as the 缴纳 entry's span, which would otherwise hide this one)
    (r"罚[^，。？]{0,10}?(?:一直|迟迟|就是|始终|硬是|拖着)不(?:交|缴)|不交罚款也不", "逾期不履行 加处罚款 申请人民法院强制执行"),
    # who may enforce: staff without the status (contract staff, auxiliaries) may not (行政处罚法第四十二条)
    (r"(?:合同工|临时工|协管员|辅警|编外人员|聘用人员|没有编制)(?=[^。？]{0,12}(?:执法|罚|检查|查处|扣押|开单))",
     "具有行政执法资格 执法人员 持证上岗"),
    # who may set a fine at all: 设定 (行政处罚法第十至十六条; a mere document may not, 第十六条)
    (r"(?:制定|出台|定|发|搞)[^，。？]{0,8}(?:罚款|处罚)的?(?:规定|文件|标准|办法)|自己(?:设|定|规定)(?:罚款|处罚)",
     "设定行政处罚 规范性文件不得设定"),
    # court-room shorthand: 二审 is the appeal (第二审, 上诉)
    (r"二审|第二审", "上诉 第二审 终审判决"),
    # which court: jurisdiction ("对县政府的行为起诉去哪个法院")
    (r"(?:哪个|哪一?级|哪家|什么)(?:的)?(?:法院|人民法院)", "管辖 人民法院"),
    # which body hears a review (行政复议法第二十四条至第二十七条)
    (_WHERE_REVIEW, "行政复议机关 管辖"),
    # a local bureau's or government's act is reviewed by the county-level government (第二十四条); not a
    # vertically run one (税务, 海关: 第二十七条), nor a State Council department's (第二十五条)
    (r"(?:旗|县|市|盟|区|乡|镇|苏木)(?![^。？，]{0,4}(?:税务|海关|金融|外汇|国家安全))[^。？，]{0,10}(?:局|政府|部门|委员会|办)"
     rf"[^。？]{{0,24}}(?:{_WHERE_REVIEW})",
     "行政复议机关 管辖 县级以上地方各级人民政府管辖 本级人民政府工作部门"),
    # a suit against a county-level government goes to the intermediate court (行政诉讼法第十五条)
    # (only where that government is the one sued: "让旗政府复议，能不能直接去法院告" sues the bureau)
    (r"(?:" + SUE + r"|起诉)[^，。？]{0,2}(?:县|旗|市|盟|区)级?(?:人民)?政府"
     r"|对(?:县|旗|市|盟|区)级?(?:人民)?政府[^，。？]{0,8}(?:起诉|告|打官司)|(?:县|旗|市|盟|区)级?(?:人民)?政府被(?:告|起诉)",
     "县级以上地方人民政府 中级人民法院"),
    # a fine standing in for a criminal case that should have been sent on
    (r"以罚代刑|以罚代移|罚了(?:就)?(?:不|没)移送|罚款了事|罚了了事|一罚了之|罚(?:款|了)?就算了",
     "以行政处罚代替刑事处罚 以行政处罚代替移送"),
    # what may not be brought at all: each law lists it as outside its scope ("能不能复议" asks, it does not say)
    (r"(?<![能可])不(?:能|可以|让|许)(?:申请)?(?:行政)?复议|复议(?:不管|不受理)", "不属于行政复议范围"),
    (r"判刑|坐牢|够(?:得)?上.{0,3}(?:犯罪|判)|构成犯罪|刑事案件", "涉嫌犯罪 刑事责任"),
    (r"低保", "最低生活保障"),
    # how public money is spent is published as 财政预算、决算 (政府信息公开条例第二十条)
    (r"(?:政府|财政|公家)的?钱[^，。？]{0,4}(?:怎么|如何)?(?:花|用)|财政(?:资金|收支)|预算|决算", "财政预算、决算信息 主动公开"),
    (r"拍板|大决定", "重大行政决策 决策"),
    # one person deciding alone: the head decides after the collective discussion (重大行政决策程序暂行条例第三十条);
    # "拍板的人出了问题要追究" is the other sense, accountability (plan item （八）)
    (r"(?:直接|一个人|自己|单独|独自|个人)(?:就)?拍板|一个人说了算|一言堂", "集体讨论 行政首长 作出决定"),
    # a decision taken without the procedure, and who answers for it (plan item （八）: 终身责任追究)
    (r"拍脑袋|拍脑门", "重大行政决策 终身责任追究 责任倒查"),
    (r"(?:一个人|一名|就一个|只来了?一个).{0,6}(?:执法|检查|处罚|罚|开.{0,2}单)", "执法人员不得少于两人"),
    (r"是.{0,10}的?亲戚|亲戚关系|有过节|熟人|避嫌|沾亲带故", "回避 利害关系"),
    (r"孕妇|残疾|瘫痪|行动不便|老弱病残", "孕产期 残疾人 老年人 特殊、优先保护"),
    (r"捐款|捐物|善款|捐了", "捐赠"),
    (r"地方保护|排挤外地", "外地经营者 排除、限制竞争"),
    (r"涨价|限产|统一定价|串通", "垄断行为 价格"),
    (r"穿小鞋|报复", "打击报复"),
    (r"聊天记录|截图|录音|微信记录", "电子数据 视听资料"),
    # which kinds of evidence there are: the article that lists them, not the one on kinds of penalty
    (r"证据.{0,6}(?:种类|类型|几种|几类|哪几|哪些)|(?:哪些|什么|几种)(?:东西|材料)?(?:可以|能)?(?:作为|当作?|算)证据", "证据包括"),
    # whether a measure is a penalty at all: the article that lists the kinds of penalty
    (r"(?:是不是|算不算|属不属于|属于不属于|是否属于|算是|属于)(?:一种)?(?:行政)?处罚", "行政处罚的种类"),
    # the respondent's answer in a review is 书面答复 (答辩状 is a court's word)
    (r"被申请人.{0,10}答辩|复议.{0,10}答辩", "书面答复 提交作出行政行为的证据"),
    (r"塞钱|红包|回扣|好处费", "贿赂"),
    (r"仿冒|山寨|照着抄|抄袭|模仿|冒充", "混淆"),
    (r"(?:冒用|盗用|假冒|借用|乱用|擅自用)[^，。？]{0,6}(?:名字|名义|名号|牌子|字号|商号|招牌|商标|名称)", "混淆 擅自使用 企业名称"),
    # a shop sign, a brand name or packaging like another's: 混淆 by name, 名称 or 装潢 (第六条)
    (r"(?:招牌|牌匾|门头|店名|字号|商号|包装|装潢|商标|名字)[^，。？]{0,10}(?:一样|相同|相似|差不多|雷同)", "混淆 企业名称 包装 装潢"),
    (r"不识字|写不了|写不好|不会写|字也不认识|眼睛看不清", "口头 代为填写"),
    (r"续期|续办|续证", "延续 有效期届满"),
    # the document issued after the grant (行政许可法第四十四条)
    (r"(?:多久|几天|多长时间|什么时候)[^。？]{0,4}(?:发证|颁证|拿证|拿到证|领证)|(?:发证|颁证|拿证|领证)[^。？]{0,6}(?:多久|几天|多长时间)",
     "颁发 送达行政许可证件"),
    # one that lapsed unrenewed is cancelled (行政许可法第七十条)
    (r"(?:到期|过期|有效期(?:到了|届满|满了|过了))[^。？]{0,10}(?:没|未|不)(?:办|申请|去办)?(?:延续|续期|续)",
     "有效期届满未延续的 注销手续"),
    # working without a licence at all (行政许可法第八十一条)
    (r"没(?:办|有|拿|取得)[^，。？]{0,4}(?:许可|证|执照)[^，。？]{0,6}(?:就|私自|擅自)|无证(?:经营|开|生产|营业)|私自开",
     "未经行政许可 擅自从事"),
    # working on after a licence lapsed is working without one (行政许可法第八十一条)
    (r"(?:许可|证|执照)[^，。？]{0,6}(?:到期|过期)[^，。？]{0,8}(?:还在|继续|照样|仍在|接着)", "有效期届满 未经行政许可 擅自从事"),
    # a licence granted stands though the rules change, unless revoked by law (行政许可法第八条)
    (r"(?:之前|以前|原来|已经)(?:发|批|办|颁发|取得|拿到)的?(?:许可|证|执照)|许可(?:证)?[^，。？]{0,10}(?:还有效|还算数|作废|收回|撤回)",
     "已经生效的行政许可 擅自改变 变更或者撤回"),
    # a licence application is answered by a decision (行政许可法第四十二条), not a 答复 as information is
    (r"许可[^，。？]{0,8}(?:答复|回复|批下来|办下来|给(?:个)?(?:结果|说法)|出结果)", "作出行政许可决定"),
    # an application turned down: a licence refused must be refused in writing, with reasons
    (r"不给(?:我们?)?(?:办|批|发)(?:营业)?(?:证|照|执照|许可)|不予?批准", "不予行政许可 说明理由"),
    (r"押金", "保证金 涉企保证金"),
    # ("款拖了两年还不给结": the debt said backwards)
    (r"尾款|欠款|拖欠|欠.{0,3}(?:钱|账|款)|(?:钱|账|款|工程款|货款)[^。？，]{0,3}拖|不给结|不结账|不给(?:钱|付款)", "拖欠 账款"),
    (r"征地", "土地征收"),
    (r"罚没(?:收入|款)|罚款.{0,6}(?:奖励|奖金|绩效|挂钩|提成)|罚(?:款|来|到)的?钱[^，。？]{0,6}(?:去哪|哪儿|哪里|归谁|交给谁|怎么用)",
     "上缴国库 截留 私分"),
    (r"申请.{0,8}公开|依申请", "依申请公开"),
    (r"(?:判|官司).{0,4}(?:输|赢)|(?:执行|履行|按)判决", "履行 生效裁判 判决"),
    (r"(?:判|判决|裁定|败诉)[^。？]{0,10}不(?:执行|履行|照办|理会|认)", "拒绝履行 判决 裁定"),
    (r"罚得(?:轻|重).{0,10}罚得(?:轻|重)|(?:处罚|罚款)的?(?:尺度|标准)|同样的违(?:规|法)", "行政裁量权基准 裁量"),
    (r"(?:每家|每户|商户|企业).{0,4}(?:出|交|凑|摊).{0,4}(?:钱|块|元)|摊派|集资|赞助费", "摊派 有权拒绝"),
    (r"非(?:要|说|得).{0,6}(?:本人|现场|窗口)|必须本人|必须到现场|只能(?:去|到)窗口", "不得限定办理渠道 自主选择"),
    (r"谈不拢|调不成|说不拢|调解不成|调不好", "调解不成 终止调解 途径 维护自己的权利"),
    (r"不(?:同意|愿意?|想|肯|接受)(?:接受|参加)?调解|拒绝调解", "拒绝调解 不得调解"),
    (r"中院", "中级人民法院"),
    (r"基层法院|县法院|区法院|旗法院", "基层人民法院"),
    (r"(?:记过|记大过|处分|降级|撤职|开除|辞退).{0,14}(?:法院|起诉|打官司|行政诉讼)", "奖惩 任免 受案范围"),
    # nor a review: an employer's sanction of its own staff is outside it (行政复议法第十二条)
    (r"(?:记过|记大过|处分|降级|撤职|开除|辞退).{0,14}复议", "奖惩 任免 不属于行政复议范围"),
    # hurt on duty: 致伤致残 of a mediator (人民调解法第十六条), 伤亡 of a rescuer (突发事件应对法第九十一条)
    (r"受(?:了)?伤|伤残|致残|牺牲", "致伤致残 伤亡"),
    (r"(?:出了?意外|受伤|伤亡).{0,12}保险|保险.{0,8}(?:意外|受伤)|买保险|上保险", "人身意外伤害保险"),
    (r"复印|拍下来|抄一份|(?:查看|看看|看一下|翻看|调阅)[^，。？]{0,8}(?:材料|证据|答复|卷宗|案卷)", "查阅 复制"),
    (r"转给.{0,6}(?:用|接着)|(?:给|让)(?:别人|亲戚|表弟|朋友).{0,4}(?:用|接着)", "转让 出租 出借"),
    (r"烟酒|吃拿卡要|请吃饭", "索取 收受 财物"),
    (r"撤离|不想走|不愿(?:意)?走", "依法服从 配合"),
    # a body that obstructs an inspection ("被督查的单位不配合会怎么样")
    (r"不配合|不让查|不让进|刁难|阻挠|拦着不让", "阻碍 拒绝 隐瞒"),
    # heard in person ("复议的时候可以要求见面谈吗")
    (r"见面|面谈|面对面|当面(?:说|谈|讲)", "当面 听取意见"),
    (r"诋毁|抹黑|说坏话|污蔑|到处.{0,2}说", "商业信誉 商品声誉 虚假信息 误导性信息"),
    (r"各管一摊|配合不起来|互相推|推来推去|踢皮球", "协调联动 协作机制"),
    (r"数据不互通|重复(?:交|提交|提供)材料|材料.{0,4}重复", "政务数据 共享 重复提交"),
    (r"(?:一个地方|一站).{0,6}(?:解决|了结|搞定)", "一站式"),
    (r"吃饭都成问题|生活困难|家里.{0,4}困难", "社会救助 帮扶"),
    (r"托(?:朋友|亲戚|别人|熟人|人)|让(?:朋友|亲戚|别人).{0,2}(?:替|帮|代)|替我(?:交|办|去|跑)", "委托 代理人"),
    # the statutes say a decision 发生法律效力 (一经送达，即发生法律效力); staff say 生效
    (r"生效|起效|开始有效", "发生法律效力"),
    (r"(?:有|具有)?什么(?:法律)?效力|效力(?:如何|怎么样|有多大)|有没有(?:法律)?效力|有效力吗", "法律约束力 法律效力 效力"),
    (r"把关|把把关|过一遍|审一审|法制口|法制科|法制部门", "合法性审核 备案审查"),
    (r"人大(?!代表)", "人民代表大会 常务委员会"),
    (r"人大代表", "人民代表大会代表"),
    # after an emergency: the loss is assessed and recovery planned (突发事件应对法第八十七条)
    # (only what is to be done then: "灾后好多人睡不着" is about counselling, 第八十一条; lifting the measures
    # taken is 第八十六条's, with its own entry)
    (r"^(?![^。？]*(?:撤|解除|取消|停止|管控))[^。？]*(?:处置|救援|应急|灾害|灾情|事故|突发事件|疫情)[^。？]{0,6}(?:结束|过去|平息|过后)"
     r"[^。？]{0,8}(?:做什么|干什么|要做|做哪些|干啥|还要|怎么办)",
     "应急处置工作结束后 调查评估 恢复重建"),
    # rebuilding after a disaster (突发事件应对法第八十七条、第八十八条); not the Wenchuan regulation's own name
    (r"^(?![^。？]*汶川)[^。？]*(?:灾后|震后|洪灾后|受灾后)[^。？]{0,2}(?:重建|恢复|修复)|重建家园",
     "恢复重建 受突发事件影响地区的人民政府"),
    # the ways a petition may be made (信访工作条例第十七条)
    (r"(?:哪些|什么|几种)(?:方式|形式|渠道|途径)[^。？]{0,6}(?:反映|信访|上访|投诉)|(?:怎么|如何|通过什么)(?:去)?(?:反映|信访|上访)",
     "信息网络 书信 电话 传真 走访 形式"),
    # a firm raising money on the market (外商投资法第十七条)
    # (a foreign-invested one: "民营企业想发股票筹钱" is 优化营商环境条例第二十七条's)
    (r"(?:外商|外资|外国)[^。？]{0,12}(?:上市|发(?:行)?股票|发债|融资)", "公开发行股票 公司债券 证券 融资"),
    # an office that will not do what the court ruled: the first-instance court's measures (行政诉讼法第九十六条)
    (r"(?:行政机关|政府|局|被告|机关)[^。？]{0,6}(?:不|拒不|拒绝)(?:履行|执行|照办|理会|认)(?:法院的?)?(?:判决|裁定|调解书|判)"
     r"|法院[^。？]{0,12}(?:行政机关|政府|机关|局长|负责人)[^。？]{0,6}罚",
     "行政机关拒绝履行 划拨 按日 负责人 罚款 司法建议"),
    # the defendant bears the burden of proof in a suit (行政诉讼法第三十四条); the plaintiff proves loss (第三十八条)
    (r"被告[^。？]{0,8}举证|举证责任[^。？]{0,6}(?:谁|哪一?方|被告)(?![^。？]*(?:赔偿|补偿|原告))", "被告 负有举证责任 规范性文件"),
    # how many officers an investigation needs (行政处罚法第四十二条)
    # (people: "一年搞多少检查" counts inspections)
    (r"(?:几个|几名|多少|几位)(?:人|执法人员)[^。？]{0,4}(?:执法|调查|检查|取证|办案)|(?:执法|调查|检查|取证|办案)[^。？]{0,8}(?:几个|几名|多少|几位)人",
     "执法人员不得少于两人"),
    # who may create a licence (行政许可法第十四条至第十七条)
    (r"设定权|(?:谁|哪[个级些]|什么)[^。？]{0,6}(?:能|可以|有权)设(?:定|立)?[^。？]{0,2}(?:许可|审批)|许可[^。？]{0,4}(?:由谁|谁来|谁能|谁可以)设定",
     "可以设定行政许可 法律 行政法规 地方性法规"),
    # a licence application sent from afar (行政许可法第二十九条)
    (r"^(?=[^。？]*(?:许可|审批|执照|办证))[^。？]*(?:(?:网上|线上|网络|邮寄|快递|传真|电子邮件|邮件)[^。？]{0,4}(?:提交|申请|提出|递交|报送|办)"
     r"|(?:提交|申请|提出|递交)[^。？]{0,4}(?:网上|线上))",
     "信函 电报 电传 传真 电子数据交换 电子邮件 方式提出"),
    # who guides the mediation committees (人民调解法第五条)
    (r"调解[^。？]{0,10}(?:谁|哪个部门|哪个单位|哪家)[^。？]{0,4}(?:指导|管)|(?:谁|哪个部门)[^。？]{0,4}(?:指导|管理)[^。？]{0,6}调解",
     "司法行政部门 负责指导 人民调解工作 业务指导"),
    # who may serve as a mediator (人民调解法第十四条); not what a mediator must do or is paid
    (r"调解员[^。？]{0,6}(?:有什么|有哪些|要什么|需要什么|啥)?(?:条件|资格|门槛)|(?:谁|什么人|哪些人)[^。？]{0,4}(?:能|可以)当[^。？]{0,4}调解员",
     "公道正派 热心人民调解工作 成年公民 担任"),
    # mediation is free (人民调解法第四条); not a mediator taking money (第十五条), nor a review's or a court's fee
    (r"^(?![^。？]*(?:复议|诉讼|仲裁|法院))[^。？]*(?:调解(?!员)[^。？]{0,8}(?:收费|收钱|要钱|交钱|花钱|费用)"
     r"|(?:收费|收钱|要钱|交钱)[^。？]{0,6}调解(?!员))",
     "人民调解委员会 调解民间纠纷 不收取任何费用"),
    # a rival's online service disrupted (反不正当竞争法第十二条)
    (r"(?:网上|网络|线上|网店|店铺|平台|APP|App|app|软件|小程序|链接|流量)[^。？]{0,12}(?:恶意|下架|屏蔽|拦截|跳转|劫持|卸载|不兼容)",
     "利用技术手段 妨碍 破坏 网络产品或者服务 正常运行"),
    # a policy promised to firms and then changed (优化营商环境条例第三十一条)
    (r"政策[^。？]{0,8}(?:说变就变|变来变去|朝令夕改|随意(?:变|改|调整)|突然(?:变|改|取消|停))|说变就变|朝令夕改|新官不理旧账",
     "政策承诺 履行 不得以 政府换届 违约毁约"),
    # refused information: complaint, review or suit (政府信息公开条例第五十一条)
    (r"(?:信息|申请)[^。？]{0,8}公开[^。？]{0,6}(?:被拒|被驳回|不予公开|不给|拒绝)|不(?:给|予)公开[^。？]{0,6}(?:怎么办|咋办)",
     "侵犯其合法权益 上一级行政机关 政府信息公开工作主管部门 申请行政复议 提起行政诉讼"),
    # one applicant asking again and again (政府信息公开条例第三十五条)
    (r"^(?=[^。？]*公开)[^。？]*(?:(?:反复|重复|多次|频繁|大量|批量)[^。？]{0,6}申请|申请[^。？]{0,6}(?:太多|过多|特别多|一大堆))",
     "数量、频次明显超过合理范围 说明理由"),
    # what an office must tell before it fines (行政处罚法第四十四条)
    (r"处罚(?:决定)?(?:前|之前|以前)[^。？]{0,8}(?:告诉|告知|通知|说明)|(?:告诉|告知)[^。？]{0,6}(?:理由|依据)",
     "作出行政处罚决定之前 告知当事人 拟作出的行政处罚内容 事实、理由、依据"),
    # the sums above which a hearing is due (行政处罚法第六十三条)
    # (a sum, not a day: "听证要在多少天前通知" is the procedure, 第六十四条)
    (r"^(?![^。？]*(?:天|日|几号))[^。？]*(?:(?:罚款|罚|金额|数额)[^。？]{0,4}(?:超过)?(?:多少|多大|多高)[^。？]{0,8}听证"
     r"|听证[^。？]{0,6}(?:数额|金额|标准))",
     "较大数额罚款 没收较大数额违法所得 要求听证的权利"),
    # a review body that finds a decision's content wrong alters it (行政复议法第六十三条)
    (r"^(?=[^。？]*复议)[^。？]*(?:明显不当|不适当|不恰当|不合理|畸重|过重)", "内容不适当 决定变更"),
    # to whom a criminal case goes (行政执法机关移送涉嫌犯罪案件的规定第三条)
    # (a case, not a lead on an official: that goes to the 监察机关, 第十八条 and 第十九条)
    (r"^(?=[^。？]*(?:判刑|犯罪|刑事|坐牢))(?![^。？]*线索)[^。？]*(?:(?:移交|移送|交)给?(?:谁|哪个部门|哪个机关|哪里)"
     r"|向(?:谁|哪个部门|哪个机关)移送)", "向公安机关移送"),
    # a document touching firms, reviewed for fair competition before it is issued (公平竞争审查条例第二条)
    (r"(?:出台|制定|起草|发)[^。？]{0,8}(?:涉及|关于|有关)?(?:企业|经营者|市场|收费)[^。？]{0,8}(?:文件|政策|措施)[^。？]{0,10}(?:审查|审核)",
     "公平竞争审查 起草单位 政策措施"),
    # the four grades of an emergency (突发事件应对法第三条)
    # (not the grades of a warning or a response: 第六十三条, 第七十一条; nor what counts as a 较大事故)
    (r"^(?=[^。？]*(?:突发|自然灾害|公共卫生事件|事故灾难))(?![^。？]*(?:预警|响应|警报|死亡|算))[^。？]*(?:(?:分|划分|分成|分为)(?:哪|几)[几个]?(?:级|等级|个级别)|几个(?:级别|等级)|等级(?:划分|怎么分))",
     "特别重大 重大 较大 一般 四级"),
    # Time gone by, and can it still be done: a time bar, though the question names no period. "三年前……
    # 过了这么久还能罚吗" is 行政处罚法第三十六条 (二年), "都八个多月了，还能去复议吗" 行政复议法第二十条.
    (_STILL + r"(?:能|可以|可不可以|会|要)[^。？]{0,4}(?:罚|处罚|处理)",
     "违法行为在二年内未被发现的 不再给予行政处罚"),
    (_STILL + r"(?:能|可以|可不可以|来得及)[^。？]{0,6}复议", "申请期限 之日起 提出行政复议申请"),
    (_STILL + rf"(?:能|可以|可不可以|来得及)[^。？]{{0,6}}(?:{SUE}|起诉|打官司)", "起诉期限 之日起 提起诉讼"),
)
# The shorthand of government work, spelt out as the documents write it. The embedding model reads
# colloquial words half right but these not at all: for "行政执法三项制度是什么" it put three plan items on
# 行政执法 before 优化营商环境条例第五十八条, which lists the three. So they are spelt out for the model
# legs too (``spell_out``, applied by ``Retriever`` where a query is encoded), not only for BM25.
SHORTHAND: tuple[tuple[str, str], ...] = (
    (r"放管服", "简政放权 放管结合 优化服务"),
    (r"三项制度", "行政执法公示 全过程记录 重大行政执法决定法制审核"),
    (r"过罚相当|罚当其过|过罚相适应", "违法行为的事实 性质 情节 社会危害程度 相当"),
    (r"跨省通办|异地通办|全国通办|跨域通办", "跨地区 跨部门 跨层级 协同办理 异地可办"),
    (r"[七八九]五普法", "普法 法治宣传教育"),
    (r"复议前置|先复议(?:后|再)", "先向行政复议机关申请行政复议"),
    (r"收支两条线", "上缴国库 截留 私分"),
    (r"减证便民|减证", "证明事项 从严控制"),
    # 反不正当竞争法第七条 forbids the bribe without ever calling it 商业贿赂
    (r"商业贿赂", "贿赂 谋取交易机会或者竞争优势"),
    # the limitation period of 行政处罚法第三十六条, which never names itself
    (r"(?:处罚|追责|追究|追诉)时效", "违法行为在二年内未被发现的 不再给予行政处罚"),
)
_SHORTHAND = tuple((re.compile(p), terms) for p, terms in SHORTHAND)
_COMPILED = tuple((re.compile(p), terms) for p, terms in COLLOQUIAL) + _SHORTHAND


def translations(question: str) -> list[tuple[str, str]]:
    """Each colloquial phrase of the question, with the documents' terms it stands for ("冒头" → "源头 预防 …").

    A phrase inside a longer one that was translated is not translated again: "领导要不要亲自去法院"
    stands for 负责人出庭应诉, and its "法院" does not also add 人民法院, which pulled the answer to the
    article's sentence on courts accepting cases.
    """
    found = [(m.span(), m.group(0), terms) for pattern, terms in _COMPILED for m in pattern.finditer(question)]
    kept: list[tuple[int, int]] = []
    for (start, end), _, _ in sorted(found, key=lambda f: f[0][0] - f[0][1]):
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in kept):
            kept.append((start, end))
    return [(phrase, terms) for span, phrase, terms in found if span in kept]


def expand(question: str) -> str:
    """The question with the documents' terms for its colloquial words appended, once per entry."""
    extra = dict.fromkeys(terms for _, terms in translations(question))  # each entry's terms are its own
    return question if not extra else f"{question} {' '.join(extra)}"


def spell_out(question: str) -> str:
    """The question with its shorthand spelt out ("放管服" → 简政放权 放管结合 优化服务), for the model legs."""
    extra = dict.fromkeys(terms for pattern, terms in _SHORTHAND if pattern.search(question))
    return question if not extra else f"{question}（{' '.join(extra)}）"


# 安排 only as what is arranged ("有什么安排"): "不听安排", "安排人手", "安排经费" are the law's (of 7 such
# training questions with no other cue, 6 are a statute's, and the plan had come first in 4).
PLAN_CUES = re.compile(r"计划|今年|本年|2024年|牵头|责任单位|(?:什么|怎么|怎样|如何|哪些|有何)安排|任务|工作要求")
# The banner's own places speak of its plan only while no law is named: "旗里……，按突发事件应对法允许吗"
# asks what that law allows, and plan item （十四）, which cites the law, had come first.
LOCAL_CUES = re.compile(r"旗里|我旗|咱们旗|咱旗|本旗|全旗|旗政府|旗委|苏木镇|嘎查")
# Nor while it asks whether something is allowed: the plan says what the banner will do, the law what
# it may do. "旗里发个红头文件，规定……得先到我们这审批，可以吗" asks 行政许可法, not item （五）.
LEGALITY_CUES = re.compile(
    r"能不能|可不可以|可以吗|行不行|能否|可否|合法|违法|合理吗|允许|符合规定|法律依据|法律上|算不算|"
    r"谁(?:来)?(?:担责|负责任|承担)|怎么办|"
    # "是不是大家都能去", "有没有人数限制": a limit the law may set, not a measure the banner takes
    r"是不是(?:都|也)?(?:能|可以)|有没有[^，。？]{0,6}(?:限制|上限|限额)"
)
# And only when it asks what the banner has or does ("旗里有没有统一的标准", "苏木镇有什么措施"): a place
# that only sets the scene ("嘎查有户牧民对旗里的征收决定不服，多久之内得去法院起诉") asks the law. Of the
# per-clause questions (all answered by a statute), 33 name a local place without a plan cue; the plan came
# first in 12 of them, 7 without this. Of the 10 plan questions of dev, tune and train that name one, 8 ask
# this way; the other 2 find their item without the boost.
MEASURE_CUES = re.compile(
    r"有没有|有什么(?:办法|措施|举措|标准|要求)|打算|怎么(?:推进|做好|做|抓|落实|化解)|如何|发挥什么|"
    r"采取|做了|负责哪些|哪些工作|"
    # what the place itself has: "旗里现在一共有多少名行政执法人员" (not "嘎查有户牧民……")
    rf"(?:{LOCAL_CUES.pattern})(?:现在|目前|一共|总共|共|都|还)*有(?:多少|几|没有|哪些|什么)"
)
DEADLINE_CUES = re.compile(
    r"多久|多长时间|几天|多少天|多少日|几日|期限|时限|多少年|几年|几个月|多少个工作日|多少学时|几学时|比例|百分之|多少"
)
FIGURE_RE = re.compile(r"[0-9０-９]+|[一二三四五六七八九十百两]+(?:日|天|个月|年|小时|个工作日|学时|周)|%|百分之")


def wants_plan(question: str, names_law: bool = False) -> bool:
    """Does the question ask about the county's own plan rather than national law?

    ``names_law``: the question names a law the corpus holds, so its local words alone do not point at the plan.
    """
    if PLAN_CUES.search(question):
        return True
    return bool(not names_law and LOCAL_CUES.search(question) and MEASURE_CUES.search(question)
                and not LEGALITY_CUES.search(question))


def wants_figure(question: str) -> bool:
    """Does the question ask for a deadline, a count or a ratio?"""
    return bool(DEADLINE_CUES.search(question))


def has_figure(text: str) -> bool:
    return bool(FIGURE_RE.search(text))


# A clause that defines a term: "本法所称行政许可，是指……", "违法所得是指……", "本条例所称重大行政决策事项(……)包括".
_DEFINED_AFTER_RE = re.compile(r"所称的?([\u4e00-\u9fff]{2,14})")
# The article's own label may come first: "第二条 行政处罚是指……" defines 行政处罚.
_DEFINED_BEFORE_RE = re.compile(r"(?:^(?:第[^条\s]{1,8}条)?|[。；;\n])\s*([\u4e00-\u9fff]{2,14})[，,]?是指")


def defined_terms(text: str) -> frozenset[str]:
    """The terms a clause defines (行政许可, 商业秘密, 重大行政决策事项)."""
    terms = {m.group(1) for m in _DEFINED_AFTER_RE.finditer(text)}
    terms |= {m.group(1) for m in _DEFINED_BEFORE_RE.finditer(text)}
    return frozenset(t for t in terms if not t.startswith("的") and "所称" not in t)


# What a law is named after: 行政诉讼法 → 行政诉讼, 信访工作条例 → 信访, 重大行政决策程序暂行条例 → 重大行政决策.
_SUBJECT_SUFFIX_RE = re.compile(r"(?:工作)?(?:程序)?(?:暂行)?(?:条例|法)$")


def law_subject(short_name: str) -> str:
    """The thing a law is named after ("" for a name that is not "……法" / "……条例")."""
    name = short_name.removeprefix("中华人民共和国")
    subject = _SUBJECT_SUFFIX_RE.sub("", name)
    return subject if subject != name and len(subject) >= 2 else ""


def asks_about_term(question: str, terms: frozenset[str]) -> bool:
    """Does the question name one of the defined terms? 重大行政决策 names 重大行政决策事项 too."""
    return any(t in question or (len(t) >= 6 and t[:-2] in question) for t in terms)
