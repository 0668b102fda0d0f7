"""What the second dense leg (Config.second_model, USE multilingual by default) costs on a large corpus.

The full benchmark (eval/bench.py) needs every e5 vector of the corpus, over two hours on this
machine for the LawRefBook collection. The second leg's own costs can be measured alone: embed
every text the build would give it (whole clauses, as with --clause-vectors-only), then time a
question's encoding plus an exact search over all of them.

    python eval/bench_second.py --corpus /tmp/scale/laws      # the unpacked LawRefBook collection

Figures go to eval/bench-second-scale.json and are printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    import numpy as np

    from rag.chunking import chunk_document
    from rag.config import Config
    from rag.dense import DenseIndex
    from rag.embedding import load_encoder
    from rag.index import second_text
    from rag.loading import load_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="文件夹（如解压后的 LawRefBook 合集）")
    ap.add_argument("--model", default=Config().second_model, help="第二路向量模型，默认同 rag/config.py")
    ap.add_argument("--queries", type=int, default=300, help="计时的问题数（取自 eval/questions.jsonl）")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "bench-second-scale.json")
    args = ap.parse_args()

    docs, _ = load_corpus([args.corpus], progress=True)
    rows = [ch for d in docs for ch in chunk_document(d).chunks if ch.kind != "sentence"]
    texts = list(dict.fromkeys(second_text(ch) for ch in rows))  # the cache embeds each text once
    encoder = load_encoder(args.model)
    t0 = time.perf_counter()
    vectors = encoder.encode_passages(texts, show_progress=True)
    embed_s = time.perf_counter() - t0
    position = {t: i for i, t in enumerate(texts)}
    index = DenseIndex(encoder.dim)
    index.add(vectors[[position[second_text(ch)] for ch in rows]])
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()][: args.queries]
    times = []
    for q in questions:
        t = time.perf_counter()
        index.search(encoder.encode_queries([q])[0], 150)
        times.append((time.perf_counter() - t) * 1000)
    result = {
        "model": encoder.id, "documents": len(docs), "vectors": index.size, "unique_texts": len(texts),
        "embed_s": round(embed_s, 1), "texts_per_s": round(len(texts) / embed_s, 1),
        "encode_and_search_p50_ms": round(float(np.percentile(times, 50)), 2),
        "encode_and_search_p95_ms": round(float(np.percentile(times, 95)), 2),
        "index_mb": round(index.size * encoder.dim * 4 / 2**20),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
