"""``rag eval``: the question set run through the answer path, with retrieval and answer metrics.

Metrics are clause-level (sub-chunks of one clause count once because the
ranking is of clauses). The ranking judged is the one a user sees: the cited
clauses followed by the "may be related" ones.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .config import Config

METRICS = ("hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "answer_acc", "abstain_p", "abstain_r")


@dataclass
class Question:
    id: str
    question: str
    gold: list[tuple[str, str]]  # (doc short name, clause label)
    answer_contains: list[str]
    category: str
    doc: str
    split: str

    @property
    def out_of_scope(self) -> bool:
        return not self.gold


def load_questions(path: Path, split: str = "all") -> list[Question]:
    out: list[Question] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        q = Question(
            id=d["id"], question=d["question"], gold=[(g["doc"], g["clause"]) for g in d.get("gold", [])],
            answer_contains=list(d.get("answer_contains", [])), category=d.get("category", ""),
            doc=d.get("doc", ""), split=d.get("split", "dev"),
        )
        if split == "all" or q.split == split:
            out.append(q)
    return out


def norm_label(s: str) -> str:
    """A clause label or answer text as compared: NFKC (（十八） = (十八)), without spaces."""
    return unicodedata.normalize("NFKC", s).replace(" ", "")


@dataclass
class Outcome:
    """One question's result in one mode."""

    qid: str
    rank: int | None  # 1-based rank of the first gold clause, None if not in the top 10
    gains: list[int]  # 1 where the ranked clause is gold, for nDCG
    n_gold: int
    abstained: bool
    answer_ok: bool
    out_of_scope: bool
    category: str
    doc: str
    answer: str = ""
    ranking: list[str] = field(default_factory=list)


def judge(q: Question, answer: dict) -> Outcome:
    """Score one answer (the JSON contract) against its question: pure."""
    ranked: list[tuple[str, str]] = []
    for c in [*answer.get("citations", []), *answer.get("related", [])]:
        key = (c["doc_short"], norm_label(c["clause"]))
        if key not in ranked:
            ranked.append(key)
    ranked = ranked[:10]
    gold = {(d, norm_label(c)) for d, c in q.gold}
    gains = [1 if r in gold else 0 for r in ranked]
    rank = next((i + 1 for i, g in enumerate(gains) if g), None)
    abstained = bool(answer.get("abstained"))
    if q.out_of_scope:
        ok = abstained
    else:
        text = norm_label(answer.get("answer", ""))
        ok = (not abstained) and all(norm_label(p) in text for p in q.answer_contains)
    return Outcome(q.id, rank, gains, len(gold), abstained, ok, q.out_of_scope, q.category, q.doc,
                   answer.get("answer", ""), [f"{d}{c}" for d, c in ranked])


def aggregate(outcomes: list[Outcome]) -> dict[str, float]:
    """hit@k, MRR@10, nDCG@10 and answer accuracy over in-scope questions; abstention P/R over all."""
    ins = [o for o in outcomes if not o.out_of_scope]
    res: dict[str, float] = {"n": float(len(outcomes)), "n_in_scope": float(len(ins))}
    if ins:
        for k in (1, 3, 5):
            res[f"hit@{k}"] = sum(1 for o in ins if o.rank and o.rank <= k) / len(ins)
        res["mrr@10"] = sum(1 / o.rank for o in ins if o.rank) / len(ins)
        nd = []
        for o in ins:
            dcg = sum(g / math.log2(i + 2) for i, g in enumerate(o.gains))
            ideal = sum(1 / math.log2(i + 2) for i in range(min(o.n_gold, 10)))
            nd.append(dcg / ideal if ideal else 0.0)
        res["ndcg@10"] = sum(nd) / len(nd)
        res["answer_acc"] = sum(1 for o in ins if o.answer_ok) / len(ins)
    predicted = [o for o in outcomes if o.abstained]
    actual = [o for o in outcomes if o.out_of_scope]
    tp = sum(1 for o in predicted if o.out_of_scope)
    res["abstain_p"] = tp / len(predicted) if predicted else 1.0
    res["abstain_r"] = tp / len(actual) if actual else 1.0
    return res


def run_eval(cfg: Config, questions: list[Question], modes: list[str], progress: bool = True):
    """Ask every question in every mode through ``Assistant.ask``; return outcomes per mode."""
    from tqdm import tqdm

    from .assistant import Assistant

    cfg = cfg.with_overrides(top_k=10)
    assistant = Assistant(cfg)
    results: dict[str, list[Outcome]] = {}
    timings: dict[str, list[float]] = {}
    for mode in modes:
        outs: list[Outcome] = []
        times: list[float] = []
        for q in tqdm(questions, desc=f"评测 {mode}", unit="题", disable=not progress, file=sys.stderr):
            ans = assistant.ask(q.question, mode=mode).to_dict()
            times.append(ans["timing_ms"])
            outs.append(judge(q, ans))
        results[mode] = outs
        timings[mode] = times
    return results, timings


def breakdown(outcomes: list[Outcome], key: str) -> dict[str, dict[str, float]]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[getattr(o, key) or "（无）"].append(o)
    return {g: aggregate(v) for g, v in sorted(groups.items())}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def run_setup(cfg: Config, questions: Path, n_questions: int) -> dict[str, str]:
    """What a report was measured with (code, index, legs, weights), so two reports can be compared."""
    from .index import read_manifest, second_in_use, sparse_in_use

    m = read_manifest(cfg.index_dir)
    sparse = sparse_in_use(m, cfg)
    second = second_in_use(m, cfg)
    legs = "BM25 + 向量" + (f" + 第二路向量（{m.second_model_id}）" if second and m else "") + (" + 潜在词" if sparse else "")
    weights = (f"BM25 {cfg.bm25_weight:g}，向量 {cfg.dense_weight:g}" + (f"，第二路向量 {cfg.second_weight:g}" if second else "")
               + (f"，潜在词 {cfg.sparse_weight:g}" if sparse else ""))
    return {
        "代码版本": _commit(),
        "题集": f"{questions.name}（{n_questions} 题）",
        "向量模型": (m.model_id if m else cfg.model),
        "索引": (f"{len(m.documents)} 个文件，{m.clauses} 个条款，{m.chunks} 个检索块，切分程序第 {m.chunker_version} 版，"
                 f"{'句子也有向量' if m.dense_sentences else '只为条款计算向量'}") if m else "（无）",
        "混合检索": f"{legs}；{cfg.fusion} 融合（{weights}）",
        "口语词扩展": "开" if cfg.expand_queries else "关",
        "问句适配器": _adapter_setup(cfg),
        "拒答": f"词覆盖率 < {cfg.abstain_min_coverage:g} 且向量余弦 < {cfg.abstain_min_dense:g}",
        "参考法规库": _reference_setup(cfg),
    }


def _adapter_setup(cfg: Config) -> str:
    from .adapter import leg_adapters

    found = [a for a in leg_adapters(cfg.query_adapter, cfg.model, cfg.second_model) if a]
    return "；".join(f"开（{a.model}，训练题：{a.trained_on}）" for a in found) or "关"


def _reference_setup(cfg: Config) -> str:
    from .reference import MAX_HELD_RATIO, read_manifest
    from .search import LIBRARY_TITLE_MARGIN

    if cfg.reference is None:
        return "关"
    m = read_manifest(cfg.index_dir)
    if m is None:
        return f"已配置（{cfg.reference.name}）但未建立：运行 rag build 后才生效"
    return (f"{m.documents} 部法规（{Path(m.source).name}）；已收录法规的最佳匹配不到其他法规的 "
            f"{MAX_HELD_RATIO:g} 倍、且那部法规的标题与问题的向量余弦不低于语料最佳余弦减 {LIBRARY_TITLE_MARGIN:g} 时拒答")


def _commit() -> str:
    """The git commit of the code, marked when the working tree has changes ("" outside a checkout)."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head}（有未提交的改动）" if dirty else head


def render_report(results: dict[str, list[Outcome]], timings: dict[str, list[float]], split: str,
                  setup: dict[str, str] | None = None) -> str:
    lines = [f"# 评测报告（split = {split}）", "", "由 `rag eval` 生成。指标按条款计：同一条款的句子子块只算一次。", ""]
    if setup:
        lines += ["## 运行配置", "", "| 项目 | 值 |", "|---|---|"]
        lines += [f"| {k} | {v or '—'} |" for k, v in setup.items()]
        lines.append("")
    lines.append("## 各检索方式总体")
    lines.append("")
    lines.append("| 方式 | 题数 | " + " | ".join(METRICS) + " | p50 ms | p95 ms |")
    lines.append("|---" * (len(METRICS) + 4) + "|")
    for mode, outs in results.items():
        agg = aggregate(outs)
        ts = sorted(timings[mode])
        p50 = ts[len(ts) // 2] if ts else 0
        p95 = ts[min(len(ts) - 1, int(len(ts) * 0.95))] if ts else 0
        lines.append(f"| {mode} | {int(agg['n'])} | " + " | ".join(_pct(agg.get(m)) for m in METRICS)
                     + f" | {p50:.1f} | {p95:.1f} |")
    for key, title in (("category", "按题型"), ("doc", "按文件")):
        lines += ["", f"## {title}", ""]
        modes = list(results)
        lines.append(f"| {title[1:]} | 题数 | " + " | ".join(f"{m} hit@1" for m in modes)
                     + " | hybrid hit@5 | hybrid 答案正确率 | hybrid 拒答召回 |")
        lines.append("|---" * (len(modes) + 5) + "|")
        per_mode = {m: breakdown(results[m], key) for m in modes}
        ref = per_mode.get("hybrid") or per_mode[modes[0]]
        for g, agg in ref.items():
            row = [g, str(int(agg["n"]))]
            row += [_pct(per_mode[m][g].get("hit@1")) for m in modes]
            row += [_pct(agg.get("hit@5")), _pct(agg.get("answer_acc")), _pct(agg.get("abstain_r"))]
            lines.append("| " + " | ".join(row) + " |")
    misses = [o for o in results.get("hybrid", next(iter(results.values()))) if not o.answer_ok or
              (not o.out_of_scope and o.rank != 1)]
    if misses:
        lines += ["", "## hybrid 未答对或首位未命中的题", "", "| id | 题型 | 命中位次 | 拒答 | 答案（截断） |", "|---|---|---|---|---|"]
        for o in misses:
            ans = o.answer.replace("|", "｜").replace("\n", " ")[:60]
            lines.append(f"| {o.qid} | {o.category} | {o.rank or '—'} | {'是' if o.abstained else '否'} | {ans} |")
    lines += ["", "![hit@k](hitk.png)", ""]
    return "\n".join(lines)


def plot_hitk(results: dict[str, list[Outcome]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
    ks = [1, 3, 5]
    for mode, outs in results.items():
        agg = aggregate(outs)
        ax.plot(ks, [agg.get(f"hit@{k}", 0) for k in ks], marker="o", label=mode)
    ax.set_xticks(ks)
    ax.set_xlabel("k")
    ax.set_ylabel("hit@k")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title("hit@k by retrieval mode")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def read_report(path: Path) -> dict:
    """A ``report.json`` written by ``rag eval``; ValueError saying what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"找不到要比较的报告 {path}：请给出之前 rag eval 写出的 report.json。") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"无法读取要比较的报告 {path}（{exc}）：它应是 rag eval 写出的 report.json。") from None
    if not isinstance(data, dict) or not isinstance(data.get("summary"), dict) or not isinstance(data.get("outcomes"), dict):
        raise ValueError(f"{path} 不是 rag eval 写出的 report.json（缺少 summary 或 outcomes）。")
    return data


def check_thresholds(agg: dict[str, float], mins: list[str]) -> list[str]:
    """Failures of ``METRIC=VALUE`` floors, as readable lines (empty when all pass)."""
    failures = []
    for spec in mins:
        name, _, value = spec.partition("=")
        if name not in agg:
            failures.append(f"未知指标 {name!r}（可选：{', '.join(METRICS)}）")
            continue
        if agg[name] < float(value):
            failures.append(f"{name} = {agg[name]:.3f}，低于底线 {float(value):.3f}")
    return failures


def _modes_problem(cfg: Config, modes: list[str]) -> str:
    """Why these retrieval modes cannot be compared on this index ("" when they can)."""
    from .index import read_manifest, second_in_use
    from .search import MODES, SECOND_MISSING

    unknown = [m for m in modes if m not in MODES]
    if unknown or not modes:
        return f"未知的检索方式：{'、'.join(unknown) or '（空）'}。可选：{'、'.join(MODES)}，用逗号分隔。"
    manifest = read_manifest(cfg.index_dir)
    if "sparse" in modes and not (manifest and manifest.sparse_vectors):
        return "索引中没有潜在词向量，无法评测 sparse：请先运行 `rag build --sparse-weight 0.5`。"
    if "second" in modes and not second_in_use(manifest, cfg):
        return f"无法评测 second。{SECOND_MISSING}"
    return ""


def default_modes(cfg: Config) -> str:
    """Each leg alone and the hybrid: bm25, dense, the second model's leg when the index has it, hybrid."""
    from .index import read_manifest, second_in_use

    return "bm25,dense," + ("second," if second_in_use(read_manifest(cfg.index_dir), cfg) else "") + "hybrid"


def run_eval_cli(cfg: Config, args: argparse.Namespace) -> int:
    from .report_diff import compare_reports, render_diff, summary_lines

    questions = load_questions(args.questions, args.split)
    if not questions:
        print(f"题集 {args.questions} 中没有 split={args.split} 的题目。", file=sys.stderr)
        return 2
    modes = [m.strip() for m in (args.modes or default_modes(cfg)).split(",") if m.strip()]
    problem = _modes_problem(cfg, modes)
    if problem:  # said before the run starts, not after the first question fails
        print(problem, file=sys.stderr)
        return 2
    compare = getattr(args, "compare", None)
    try:  # read now: the run may be about to overwrite it (eval/report.json is the default output)
        before = read_report(compare) if compare else None
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    results, timings = run_eval(cfg, questions, modes)
    out = args.out or Path(__file__).resolve().parent.parent / "eval"
    out.mkdir(parents=True, exist_ok=True)
    setup = run_setup(cfg, args.questions, len(questions))
    summary = {mode: aggregate(outs) for mode, outs in results.items()}
    detail = {
        "split": args.split,
        "setup": setup,
        "summary": summary,
        "by_category": {m: breakdown(o, "category") for m, o in results.items()},
        "by_doc": {m: breakdown(o, "doc") for m, o in results.items()},
        "outcomes": {m: [o.__dict__ for o in outs] for m, outs in results.items()},
    }
    report = render_report(results, timings, args.split, setup)
    diff = compare_reports(before, detail) if before is not None else None
    if diff is not None:
        report += "\n" + "\n".join(render_diff(diff, str(compare)))
        detail["compared_with"] = {"report": str(compare), "changes": [asdict(c) for c in diff.changes]}
    (out / "report.md").write_text(report, encoding="utf-8")
    (out / "report.json").write_text(json.dumps(detail, ensure_ascii=False, indent=1), encoding="utf-8")
    plot_hitk(results, out / "hitk.png")
    print(f"{'方式':<8}" + "".join(f"{m:>11}" for m in METRICS))
    for mode, agg in summary.items():
        print(f"{mode:<8}" + "".join(f"{agg.get(m, float('nan')):>11.3f}" for m in METRICS))
    if diff is not None:
        print(f"与 {compare} 相比：")
        for line in summary_lines(diff):
            print(f"  {line}")
    print(f"报告：{out / 'report.md'}")
    target = summary.get("hybrid") or next(iter(summary.values()))
    failures = check_thresholds(target, args.min)
    for f in failures:
        print(f"未达标：{f}", file=sys.stderr)
    return 1 if failures else 0
