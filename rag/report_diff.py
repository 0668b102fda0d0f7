"""Two eval reports side by side: which metrics moved, which questions got better or worse.

A change to the thesaurus, the fusion or the documents moves a handful of
questions, often some up and some down; the summary rows alone hide that a
gain of two came with a loss of one. ``rag eval --compare OLD/report.json``
says which questions changed and how, in the terminal and in ``report.md``.
Reports are compared question by question on the ids they share; questions
only one of them has are counted, not judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .evaluation import METRICS

# setup rows that say what was measured (from ``run_setup``); a change there explains a difference
_SETUP_KEYS = ("代码版本", "题集", "向量模型", "索引", "混合检索", "口语词扩展", "问句适配器", "拒答", "参考法规库")


@dataclass(frozen=True)
class QuestionChange:
    """One question whose outcome differs between the reports, in one retrieval mode."""

    qid: str
    mode: str
    before: str  # "第 2 位，答错" as ``describe`` writes it
    after: str
    better: bool
    answer: str  # the new answer, for reading the change without rerunning


@dataclass
class ReportDiff:
    """Metric deltas per mode, the questions that changed, and what the two runs differed in."""

    metrics: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)  # mode → metric → (old, new)
    changes: list[QuestionChange] = field(default_factory=list)
    setup: list[tuple[str, str, str]] = field(default_factory=list)  # (row, old, new) where they differ
    unmatched_modes: list[str] = field(default_factory=list)  # run in only one of the two
    only_before: int = 0
    only_after: int = 0
    split: tuple[str, str] = ("", "")

    def counts(self, mode: str) -> tuple[int, int]:
        """How many questions got better and worse in ``mode``."""
        mine = [c for c in self.changes if c.mode == mode]
        return sum(c.better for c in mine), sum(not c.better for c in mine)


def _standing(o: dict[str, Any]) -> tuple[int, float, int]:
    """How good an outcome is, to order two of them: answer right, then rank of the first gold clause."""
    rank = o.get("rank")
    if o.get("out_of_scope"):
        return (int(bool(o.get("answer_ok"))), 0.0, 0)
    return (int(bool(o.get("answer_ok"))), 1.0 / rank if rank else 0.0, int(not o.get("abstained")))


def describe(o: dict[str, Any]) -> str:
    """An outcome in a few words: "第 1 位，答对" / "未进前十，拒答" / "题集外，拒答（对）"."""
    if o.get("out_of_scope"):
        return "题集外，" + ("拒答（对）" if o.get("abstained") else "作答（错）")
    where = f"第 {o['rank']} 位" if o.get("rank") else "未进前十"
    said = "拒答" if o.get("abstained") else ("答对" if o.get("answer_ok") else "答错")
    return f"{where}，{said}"


def compare_reports(before: dict[str, Any], after: dict[str, Any]) -> ReportDiff:
    """Compare two ``report.json`` contents (as ``rag eval`` writes them); pure."""
    diff = ReportDiff(split=(str(before.get("split", "")), str(after.get("split", ""))))
    diff.unmatched_modes = sorted(set(before.get("summary") or {}) ^ set(after.get("summary") or {}))
    old_setup, new_setup = before.get("setup") or {}, after.get("setup") or {}
    diff.setup = [(k, str(old_setup.get(k) or "—"), str(new_setup.get(k) or "—")) for k in _SETUP_KEYS
                  if old_setup.get(k) != new_setup.get(k)]
    old_summary, new_summary = before.get("summary") or {}, after.get("summary") or {}
    old_outcomes, new_outcomes = before.get("outcomes") or {}, after.get("outcomes") or {}
    for mode in (m for m in new_summary if m in old_summary):
        diff.metrics[mode] = {k: (float(old_summary[mode][k]), float(new_summary[mode][k])) for k in METRICS
                              if k in old_summary[mode] and k in new_summary[mode]}
        old = {o["qid"]: o for o in old_outcomes.get(mode, [])}
        new = {o["qid"]: o for o in new_outcomes.get(mode, [])}
        if mode == next(iter(new_summary)):  # the question sets are the same for every mode
            diff.only_before = len(old.keys() - new.keys())
            diff.only_after = len(new.keys() - old.keys())
        for qid, o in new.items():
            p = old.get(qid)
            if p is None or describe(p) == describe(o):
                continue
            diff.changes.append(QuestionChange(qid, mode, describe(p), describe(o), _standing(o) > _standing(p),
                                               str(o.get("answer") or "")))
    return diff


def render_diff(diff: ReportDiff, before_name: str) -> list[str]:
    """The comparison as Markdown, for ``report.md``."""
    lines = [f"## 与之前的报告比较（{before_name}）", ""]
    if diff.split[0] != diff.split[1]:
        lines += [f"注意：两次评测的题集部分不同（之前 {diff.split[0]}，现在 {diff.split[1]}），只比较两边都有的题。", ""]
    if diff.only_before or diff.only_after:
        lines += [f"只在之前的报告里的题 {diff.only_before} 道，只在这次的 {diff.only_after} 道，不参与逐题比较。", ""]
    if diff.unmatched_modes:
        lines += [f"只有一次评测用了的检索方式（不比较）：{'、'.join(diff.unmatched_modes)}。", ""]
    if diff.setup:
        lines += ["| 运行配置中不同的项 | 之前 | 现在 |", "|---|---|---|"]
        lines += [f"| {k} | {a} | {b} |" for k, a, b in diff.setup]
        lines.append("")
    if not diff.metrics:
        return [*lines, "两份报告没有相同的检索方式，无从比较。", ""]
    lines += ["| 方式 | " + " | ".join(METRICS) + " | 变好 | 变差 |", "|---" * (len(METRICS) + 3) + "|"]
    for mode, values in diff.metrics.items():
        cells = [_delta(*values[m]) if m in values else "—" for m in METRICS]
        up, down = diff.counts(mode)
        lines.append(f"| {mode} | " + " | ".join(cells) + f" | {up} | {down} |")
    if diff.changes:
        lines += ["", "| 方式 | id | 之前 | 现在 | 现在的回答（截断） |", "|---|---|---|---|---|"]
        for c in sorted(diff.changes, key=lambda c: (c.mode, c.better, c.qid)):
            answer = c.answer.replace("|", "｜").replace("\n", " ")[:60]
            lines.append(f"| {c.mode} | {c.qid} | {c.before} | {'↑' if c.better else '↓'} {c.after} | {answer} |")
    else:
        lines += ["", "逐题结果与之前完全相同。"]
    return [*lines, ""]


def summary_lines(diff: ReportDiff) -> list[str]:
    """A few lines for the terminal: per mode, the metrics that moved and the questions that went down."""
    if not diff.metrics:
        return ["与之前的报告没有相同的检索方式，无从比较。"]
    out = []
    for mode, values in diff.metrics.items():
        moved = [f"{m} {a:.3f}→{b:.3f}" for m, (a, b) in values.items() if round(a, 3) != round(b, 3)]
        up, down = diff.counts(mode)
        out.append(f"{mode}：变好 {up} 题，变差 {down} 题" + (f"；{'，'.join(moved)}" if moved else "；各项指标不变"))
        out += [f"  ↓ {c.qid}：{c.before} → {c.after}" for c in diff.changes if c.mode == mode and not c.better]
    return out


def _delta(old: float, new: float) -> str:
    if round(old, 3) == round(new, 3):
        return f"{new:.3f}"
    return f"{old:.3f} → **{new:.3f}**"
