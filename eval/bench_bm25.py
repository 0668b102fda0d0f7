"""bm25s against rank-bm25 on the built-in corpus: index time, query time, and clause hit@1/hit@5.

Both get the same jieba tokens (with the corpus user dictionary and query
expansion), so the comparison is of the BM25 libraries alone. Uses the dev
split only.

    python eval/bench_bm25.py            # needs a built index (rag build)
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from rank_bm25 import BM25Okapi

    from rag.config import load_config
    from rag.evaluation import load_questions
    from rag.expansion import expand
    from rag.lexical import LexicalIndex
    from rag.search import Retriever

    cfg = load_config()
    retriever = Retriever(cfg)
    chunks = retriever.index.chunks
    tok = retriever.tokenizer
    corpus_tokens = tok.tokenize_many([c.text for c in chunks])
    questions = [q for q in load_questions(ROOT / "eval" / "questions.jsonl", "dev") if q.gold]
    q_tokens = [tok.tokenize(expand(q.question)) for q in questions]

    t = time.perf_counter()
    lex = LexicalIndex()
    lex.index(corpus_tokens)
    bm25s_index_s = time.perf_counter() - t
    t = time.perf_counter()
    bm25s_scores = [lex.scores(qt) for qt in q_tokens]
    bm25s_query_ms = (time.perf_counter() - t) / len(q_tokens) * 1000

    t = time.perf_counter()
    okapi = BM25Okapi([ct or [""] for ct in corpus_tokens], k1=1.2, b=0.75)
    rank_index_s = time.perf_counter() - t
    t = time.perf_counter()
    rank_scores = [np.asarray(okapi.get_scores(qt)) for qt in q_tokens]
    rank_query_ms = (time.perf_counter() - t) / len(q_tokens) * 1000

    def hits(all_scores: list[np.ndarray]) -> tuple[float, float]:
        h1 = h5 = 0
        for q, scores in zip(questions, all_scores, strict=True):
            order: list[tuple[str, str]] = []
            for i in np.argsort(-scores)[:200]:
                c = retriever.clauses[chunks[i].clause_id]
                key = (c.doc_short, unicodedata.normalize("NFKC", c.label))
                if key not in order:
                    order.append(key)
            gold = {(d, unicodedata.normalize("NFKC", c)) for d, c in q.gold}
            h1 += bool(order[:1] and order[0] in gold)
            h5 += any(k in gold for k in order[:5])
        return h1 / len(questions), h5 / len(questions)

    result = {
        "chunks": len(chunks), "dev_questions": len(questions),
        "bm25s": {"index_s": round(bm25s_index_s, 3), "query_ms": round(bm25s_query_ms, 2), "hit@1,hit@5": hits(bm25s_scores)},
        "rank_bm25": {"index_s": round(rank_index_s, 3), "query_ms": round(rank_query_ms, 2), "hit@1,hit@5": hits(rank_scores)},
    }
    text = json.dumps(result, ensure_ascii=False, indent=2)
    (ROOT / "eval" / "bench-bm25.json").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
