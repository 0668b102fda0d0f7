"""Fit the answerability model (rag/answerability.json) on a question set, and report what it would withhold.

    .venv/bin/python eval/fit_answerability.py                  # fit on eval/staff.jsonl, write the model
    .venv/bin/python eval/fit_answerability.py --dry-run        # only the cross-validated table

Every question is asked through the one answer function with the gate off; the features of
each answer about to be given (rag/evidence.py) are recorded, labelled by whether the question
is out of scope (no gold clause), and a logistic regression is fitted. Never fit on
eval/questions.jsonl: its test split must stay untouched by tuning.

The table is cross-validated (each fold's model scores questions it was not fitted on): for
each threshold, the out-of-scope answers it withholds and the in-scope answers it would lose.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)

if TYPE_CHECKING:
    from rag.config import Config


def record(questions: list[dict], progress: bool = True) -> tuple[list[tuple[dict, dict[str, float], bool]], Config]:
    """(question record, features, answer has the key phrases) for each question the assistant answers,
    and the config it was asked with."""
    from tqdm import tqdm

    from rag import answering
    from rag.assistant import Assistant
    from rag.config import load_config

    cfg = load_config()
    cfg.answer_gate = 1.0  # record, never withhold: the model is what is being fitted
    assistant = Assistant(cfg)
    answering.RECORDER = []
    out = []
    try:
        for q in tqdm(questions, desc="提问", unit="题", disable=not progress):
            before = len(answering.RECORDER)
            answer = assistant.ask(q["question"])
            if answer.abstained or len(answering.RECORDER) == before:
                continue
            phrases = q.get("answer_contains") or []
            out.append((q, answering.RECORDER[-1][1], bool(phrases) and all(p in answer.answer for p in phrases)))
    finally:
        answering.RECORDER = None
    return out, cfg


def cross_validated(rows: list[dict[str, float]], labels: list[int], names: tuple[str, ...], folds: int,
                    l2: float) -> list[float]:
    """Each row's probability from a model fitted on the other folds (rows dealt to folds in turn)."""
    from rag.answerability import fit

    probs = [0.0] * len(rows)
    for k in range(folds):
        train = [i for i in range(len(rows)) if i % folds != k]
        model = fit([rows[i] for i in train], [labels[i] for i in train], names, l2=l2)
        for i in range(k, len(rows), folds):
            probs[i] = model.probability(rows[i])
    return probs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="拟合可答性模型（rag/answerability.json），并报告交叉验证下会拒答哪些回答。")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "staff.jsonl",
                        help="用来拟合的问题集（JSONL，含 gold；不得用 eval/questions.jsonl）")
    parser.add_argument("--out", type=Path, default=ROOT / "rag" / "answerability.json", help="模型写到哪里")
    parser.add_argument("--l2", type=float, default=1.0, help="权重惩罚的倒数（越小越保守）")
    parser.add_argument("--folds", type=int, default=5, help="交叉验证的折数")
    parser.add_argument("--dry-run", action="store_true", help="只打印交叉验证表，不写模型")
    args = parser.parse_args(argv)
    if args.questions.name == "questions.jsonl":
        parser.error("eval/questions.jsonl 是评测集（含 test 划分），不能用来拟合；请用 eval/staff.jsonl。")

    from rag.answerability import fit
    from rag.evidence import FEATURES

    questions = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    recorded, cfg = record(questions)
    rows = [f for _, f, _ in recorded]
    labels = [0 if q.get("gold") else 1 for q, _, _ in recorded]
    probs = cross_validated(rows, labels, FEATURES, args.folds, args.l2)
    oos = sum(labels)
    print(f"{len(questions)} 题，作答 {len(recorded)} 题，其中集外 {oos} 题（应拒答而作答）")
    print("阈值  拒下的集外题  误拒的集内题（其中答对的）")
    for th in THRESHOLDS:
        caught = sum(1 for p, y in zip(probs, labels, strict=True) if p >= th and y)
        lost = [ok for p, y, (_, _, ok) in zip(probs, labels, recorded, strict=True) if p >= th and not y]
        print(f"{th:.1f}   {caught:4d} / {oos}     {len(lost):4d}（{sum(lost)}）")
    if args.dry_run:
        return 0
    model = fit(rows, labels, FEATURES, l2=args.l2, model=cfg.model, second_model=cfg.second_model,
                trained_on=f"{args.questions.name}: {len(questions)} questions, {len(recorded)} answered, {oos} out of scope")
    model.save(args.out)
    print(f"已写入 {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
