"""Speed and scale benchmark: build, no-op rebuild, incremental rebuild, warm query latency, memory.

Run on the built-in corpus (plan + 15 regulations) or on the LawRefBook scale
corpus unpacked to a folder. Every phase uses the real loaders, chunker, model
and indexes; the corpus is copied to a temporary folder so that one document
can be changed for the incremental phase without touching the originals.

    python eval/bench.py --name builtin
    python eval/bench.py --name scale --corpus /tmp/scale --model <model folder>
    python eval/bench.py --phase queries --index-dir index   # latency only, on an existing index

Figures go to eval/bench-<name>.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _copy_corpus(dirs: list[Path], dest: Path, limit: int | None) -> list[Path]:
    from rag.loading import discover

    files = discover(dirs)
    if limit:
        files = files[:limit]
    for i, f in enumerate(files):
        target = dest / f"{i:05d}-{f.name}"
        shutil.copyfile(f, target)
    return sorted(dest.iterdir())


def _questions(path: Path) -> list[str]:
    return [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def phase_queries(args: argparse.Namespace) -> dict:
    """Warm latency of the full answer path (Assistant.ask) and of retrieval alone, in a fresh process."""
    from rag.assistant import Assistant
    from rag.config import load_config

    cfg = load_config().with_overrides(index_dir=Path(args.index_dir), model=args.model)
    t0 = time.perf_counter()
    assistant = Assistant(cfg)
    assistant.ask("谁牵头行政复议工作？")  # loads index and model
    load_s = time.perf_counter() - t0
    qs = _questions(Path(args.questions))[: args.max_queries]
    ask_ms, search_ms = [], []
    for q in qs:
        t = time.perf_counter()
        assistant.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
    retriever = assistant.retriever
    for q in qs:
        t = time.perf_counter()
        retriever.search(q, k=5)
        search_ms.append((time.perf_counter() - t) * 1000)

    def pct(xs: list[float], p: float) -> float:
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(len(xs) * p))], 1)

    return {
        "queries": len(qs),
        "load_s": round(load_s, 2),
        "ask_p50_ms": pct(ask_ms, 0.5), "ask_p95_ms": pct(ask_ms, 0.95), "ask_mean_ms": round(statistics.mean(ask_ms), 1),
        "search_p50_ms": pct(search_ms, 0.5), "search_p95_ms": pct(search_ms, 0.95),
        "serving_peak_rss_mb": round(_peak_mb(), 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="builtin", help="名称，用于输出文件 eval/bench-<name>.json")
    ap.add_argument("--corpus", nargs="+", type=Path, help="文件夹；默认为内置语料（计划 + 15 部法规）")
    ap.add_argument("--model", default=None, help="向量模型；默认同 rag/config.py")
    ap.add_argument("--limit-docs", type=int, help="只取前 N 个文件（按路径排序）")
    ap.add_argument("--questions", default=str(ROOT / "eval" / "questions.jsonl"))
    ap.add_argument("--max-queries", type=int, default=300)
    ap.add_argument("--clause-vectors-only", action="store_true",
                    help="只为整条条款计算向量（同 rag build --clause-vectors-only），大语料用")
    ap.add_argument("--keep", type=Path, help="工作文件夹（复制的语料、索引和向量缓存）放在这里并保留，便于中断后复查")
    ap.add_argument("--cache-from", type=Path, help="复制已有的向量缓存（index/cache），只测非向量部分时用")
    ap.add_argument("--phase", choices=["all", "queries"], default="all",
                    help="queries：只在 --index-dir 的现有索引上测载入和热查询延迟（打印一行 JSON），不建索引")
    ap.add_argument("--index-dir", default=str(ROOT / "index"), help="--phase queries 用的索引文件夹，默认 index/")
    args = ap.parse_args()

    from rag.config import load_config

    if args.phase == "queries":
        print(json.dumps(phase_queries(args)))
        return 0

    from rag.index import build_index

    cfg = load_config()
    corpus = args.corpus or cfg.corpus_dirs
    args.model = args.model or cfg.model
    if args.clause_vectors_only:
        cfg = cfg.with_overrides(dense_sentences=False)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
    work = args.keep or Path(tempfile.mkdtemp(prefix="rag-bench-"))
    try:
        corpus_dir = work / "corpus"
        corpus_dir.mkdir()
        files = _copy_corpus(corpus, corpus_dir, args.limit_docs)
        index_dir = work / "index"
        if args.cache_from:
            shutil.copytree(args.cache_from, index_dir / "cache")
        run_cfg = cfg.with_overrides(corpus_dirs=[corpus_dir], index_dir=index_dir, model=args.model)
        result: dict = {"name": args.name, "model": args.model, "files": len(files),
                        "cpus": os.cpu_count(), "cache_seeded": bool(args.cache_from),
                        "dense_sentences": run_cfg.dense_sentences}

        rep = build_index(run_cfg, full=True, progress=True)
        result.update(full_build_s=round(rep.seconds, 1), documents=rep.documents, clauses=rep.clauses,
                      chunks=rep.chunks, embedded=rep.embedded, build_peak_rss_mb=round(_peak_mb(), 1))
        print(json.dumps(result, ensure_ascii=False), flush=True)  # the long phase's figures, should a later one fail
        if rep.seconds and rep.embedded:
            result["embed_rate_per_s"] = round(rep.embedded / rep.seconds, 1)

        rep = build_index(run_cfg, progress=False)
        result["noop_rebuild_s"] = round(rep.seconds, 2)

        # Change one document: append a sentence, as an administrator would when a text is revised.
        victim = files[len(files) // 2]
        with open(victim, "a", encoding="utf-8") as f:
            f.write("\n\n第九百九十九条 本条为基准测试追加的条款，用于测量增量重建。\n")
        rep = build_index(run_cfg, progress=False)
        result.update(incremental_rebuild_s=round(rep.seconds, 1), incremental_embedded=rep.embedded,
                      incremental_changed=rep.changed)

        out = subprocess.run(
            [sys.executable, __file__, "--phase", "queries", "--index-dir", str(index_dir), "--model", args.model,
             "--questions", args.questions, "--max-queries", str(args.max_queries)],
            capture_output=True, text=True, check=True,
            env={**os.environ, "RAG_INDEX_DIR": str(index_dir), "RAG_DENSE_SENTENCES": str(int(run_cfg.dense_sentences))},
        )
        result.update(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    dest = ROOT / "eval" / f"bench-{args.name}.json"
    dest.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    width = max(len(k) for k in result)
    for k, v in result.items():
        print(f"{k:<{width}}  {v}")
    print(f"→ {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
