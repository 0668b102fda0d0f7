#!/usr/bin/env python3
"""Check eval/questions.jsonl against the corpus it is about.

The question set is only worth something if every gold reference is real, so
this script re-reads the corpus (standard library only) and verifies:

* schema: id / question / gold / answer_contains / category / doc / split, with
  the right types; ids unique and of the form q0001; no duplicate questions;
* gold: every {doc, clause} names a document by its front-matter ``short`` name
  and a clause that exists in it — a plan item such as "（十八）" or an article
  such as "第二十条" (Chinese numerals, as written in the text);
* answer_contains: 1–3 phrases, each found verbatim in the text of at least one
  gold clause; for plan ``responsibility`` questions each phrase must lie in the
  item's 牵头单位 list (or its 责任单位 list when the item has no 牵头单位);
* categories: out_of_scope has gold [], answer_contains [] and doc ""; cross
  questions cite the plan and at least one regulation and use the regulation
  as ``doc``; otherwise ``doc`` is one of the gold documents;
* split: follows the deterministic rule (see ``assign_splits``), and every
  category and every document has both dev and test questions;
* coverage: every plan item has a responsibility question and a content or
  paraphrase question; every regulation has ≥ 5 questions; category minimums.

Usage::

    python eval/check_questions.py                 # check, exit 1 on any problem
    python eval/check_questions.py --stats         # also print count tables (Markdown)
    python eval/check_questions.py --corpus DIR …  # read the corpus from DIR(s)

By default the corpus is read from ``corpus/`` in the project and from the
shared folder ``../shared/corpus`` beside it (as rag/config.py does).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
DEFAULT_QUESTIONS = HERE / "questions.jsonl"
DEFAULT_CORPUS = [PROJECT_ROOT / "corpus", PROJECT_ROOT.parent / "shared" / "corpus"]

PLAN_SHORT = "2024年法治政府建设工作计划"
CATEGORIES = ("responsibility", "content", "paraphrase", "deadline", "lookup", "cross", "out_of_scope")
SPLITS = ("dev", "test")
FIELDS = ("id", "question", "gold", "answer_contains", "category", "doc", "split")
MINIMUMS = {"total": 230, "paraphrase": 50, "lookup": 15, "cross": 8, "out_of_scope": 30}
MIN_PER_REGULATION = 5
MIN_REGULATION_TOTAL = 75

NUM = "零〇一二两三四五六七八九十百千"
ARTICLE_RE = re.compile(rf"^第([{NUM}]+)条(?:[\s\u3000]+|$)")
ITEM_RE = re.compile(rf"^（([{NUM}]+)）")
HEADING_RE = re.compile(r"^#")
UNITS_RE = re.compile(r"（((?:牵头单位|责任单位)：[^（）]*)）\s*$")
ID_RE = re.compile(r"^q\d{4}$")


def doc_order(questions: list[dict]) -> dict[str, int]:
    """Rank each ``doc`` by its first appearance (smallest id) in the set.

    Questions are only ever appended with higher ids, so a document's rank never
    changes once it has a question.
    """
    first: dict[str, str] = {}
    for q in questions:
        d, qid = q.get("doc", ""), q.get("id", "")
        if d not in first or qid < first[d]:
            first[d] = qid
    return {d: i for i, d in enumerate(sorted(first, key=lambda d: first[d]))}


def expected_split(category: str, doc_rank: int, rank: int) -> str:
    """The split rule: alternate dev/test within each (category, doc) group.

    Questions of a group are ranked by id (0, 1, 2 …). The group's first
    question goes to dev or test in a checkerboard over (category index in
    CATEGORIES, doc rank from ``doc_order``) so that small groups of one
    category spread over both splits. Everything depends only on ids, so adding
    a question (with a new, higher id) never moves another one.
    """
    offset = (CATEGORIES.index(category) + doc_rank) % 2 if category in CATEGORIES else 0
    return SPLITS[(rank + offset) % 2]


def assign_splits(questions: list[dict]) -> dict[str, str]:
    """{id: split} for a whole set, by ``expected_split``."""
    order = doc_order(questions)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for q in questions:
        groups[(q.get("category", ""), q.get("doc", ""))].append(q)
    out: dict[str, str] = {}
    for (cat, doc), qs in groups.items():
        for rank, q in enumerate(sorted(qs, key=lambda x: x.get("id", ""))):
            out[q.get("id", "")] = expected_split(cat, order.get(doc, 0), rank)
    return out


# --------------------------------------------------------------------------- corpus


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---`` YAML front matter (flat ``key: "value"`` lines) from the body."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for i in range(1, len(lines)):
        line = lines[i]
        if line.strip() == "---":
            return meta, "\n".join(lines[i + 1 :])
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip('"').strip("'")
    return {}, text


def parse_clauses(body: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return ({label: clause text}, {plan label: units parenthesis}) for one document.

    Articles start a line with 第X条 and run until the next article or heading;
    plan items start a line with （X） and run until the next item, heading or
    section line (一、…).
    """
    clauses: dict[str, str] = {}
    units: dict[str, str] = {}
    label = ""
    buf: list[str] = []
    lines = [raw.strip() for raw in body.split("\n")]
    # A statute's articles hold enumerations （一）…; only a document without
    # articles (the plan) is split at （X） lines.
    statute = any(ARTICLE_RE.match(line) for line in lines)

    def flush() -> None:
        if label:
            clauses[label] = "\n".join(buf).strip()

    for line in lines:
        am = ARTICLE_RE.match(line) if statute else None
        im = None if statute else ITEM_RE.match(line)
        if am or im:
            flush()
            label = f"第{am.group(1)}条" if am else f"（{im.group(1)}）"
            buf = [line]
        elif HEADING_RE.match(line) or (not statute and re.match(rf"^[{NUM}]+、", line)):
            flush()
            label, buf = "", []
        elif not statute and buf and UNITS_RE.search(buf[-1]):
            # a plan item ends with its units; loose text after it is the closing paragraph
            flush()
            label, buf = "", []
        elif label and line:
            buf.append(line)
    flush()
    for lab, text in clauses.items():
        if lab.startswith("（"):
            m = UNITS_RE.search(text)
            if m:
                units[lab] = m.group(1)
    return clauses, units


def load_corpus(dirs: list[Path]) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], list[str]]:
    """Read every Markdown file with a ``short`` name; the first copy of a short name wins."""
    docs: dict[str, dict[str, str]] = {}
    units: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(d.rglob("*.md")):
            meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
            short = meta.get("short", "")
            if not short or short in docs:
                continue
            clauses, doc_units = parse_clauses(body)
            declared = meta.get("articles", "")
            articles = sum(1 for k in clauses if k.startswith("第"))
            if declared.isdigit() and int(declared) != articles:
                problems.append(f"{path}: front matter says {declared} articles, parsed {articles}")
            docs[short] = clauses
            units[short] = doc_units
    return docs, units, problems


# --------------------------------------------------------------------------- checks


def check(questions: list[dict], docs: dict[str, dict[str, str]], units: dict[str, dict[str, str]]) -> list[str]:
    errors: list[str] = []
    seen_ids: set[str] = set()
    seen_q: dict[str, str] = {}

    for n, q in enumerate(questions, 1):
        where = f"line {n} ({q.get('id', '?')})"
        missing = [f for f in FIELDS if f not in q]
        if missing:
            errors.append(f"{where}: missing fields {missing}")
            continue
        extra = set(q) - set(FIELDS)
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")
        qid, text, gold, ans = q["id"], q["question"], q["gold"], q["answer_contains"]
        cat, doc, split = q["category"], q["doc"], q["split"]
        if not isinstance(qid, str) or not ID_RE.match(qid):
            errors.append(f"{where}: bad id {qid!r}")
        if qid in seen_ids:
            errors.append(f"{where}: duplicate id")
        seen_ids.add(qid)
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: empty question")
        elif text in seen_q:
            errors.append(f"{where}: same question as {seen_q[text]}")
        else:
            seen_q[text] = qid
        if cat not in CATEGORIES:
            errors.append(f"{where}: unknown category {cat!r}")
        if split not in SPLITS:
            errors.append(f"{where}: bad split {split!r}")
        if not isinstance(gold, list) or not isinstance(ans, list) or not isinstance(doc, str):
            errors.append(f"{where}: gold/answer_contains must be lists, doc a string")
            continue

        if cat == "out_of_scope":
            if gold or ans or doc:
                errors.append(f'{where}: out_of_scope needs gold [], answer_contains [] and doc ""')
            continue

        if not gold:
            errors.append(f"{where}: no gold clause")
            continue
        if not 1 <= len(ans) <= 3 or not all(isinstance(a, str) and a for a in ans):
            errors.append(f"{where}: answer_contains must hold 1–3 non-empty strings")
        texts: list[str] = []
        gold_docs: list[str] = []
        seen_gold: set[tuple[str, str]] = set()
        for g in gold:
            if not isinstance(g, dict) or set(g) != {"doc", "clause"}:
                errors.append(f"{where}: gold entry must be {{doc, clause}}: {g!r}")
                continue
            key = (g["doc"], g["clause"])
            if key in seen_gold:
                errors.append(f"{where}: gold {key} listed twice")
            seen_gold.add(key)
            if g["doc"] not in docs:
                errors.append(f"{where}: unknown doc {g['doc']!r}")
                continue
            clause_text = docs[g["doc"]].get(g["clause"])
            if clause_text is None:
                errors.append(f"{where}: {g['doc']} has no clause {g['clause']!r}")
                continue
            texts.append(clause_text)
            gold_docs.append(g["doc"])
        for a in ans:
            if isinstance(a, str) and texts and not any(a in t for t in texts):
                errors.append(f"{where}: phrase {a!r} not found in its gold clause(s)")

        if cat == "cross":
            laws = [d for d in gold_docs if d != PLAN_SHORT]
            if PLAN_SHORT not in gold_docs or not laws:
                errors.append(f"{where}: cross needs a plan item and a regulation in gold")
            if doc not in laws:
                errors.append(f"{where}: cross doc should be the regulation's short name, got {doc!r}")
            # one phrase from each side
            plan_texts = [t for d, t in zip(gold_docs, texts, strict=True) if d == PLAN_SHORT]
            law_texts = [t for d, t in zip(gold_docs, texts, strict=True) if d != PLAN_SHORT]
            for side in (plan_texts, law_texts):
                if not any(a in t for a in ans for t in side):
                    errors.append(f"{where}: cross answer_contains should hold a phrase from each side")
                    break
        elif gold_docs and doc not in gold_docs:
            errors.append(f"{where}: doc {doc!r} is not one of its gold documents")

        if cat == "responsibility" and gold_docs == [PLAN_SHORT] * len(gold_docs):
            for g in gold:
                unit_text = units.get(PLAN_SHORT, {}).get(g["clause"], "")
                lead = re.search(r"牵头单位：([^；]*)", unit_text)
                scope = lead.group(1) if lead else unit_text
                for a in ans:
                    if a not in scope:
                        errors.append(f"{where}: {a!r} is not in the units of {g['clause']} ({scope})")

    errors.extend(check_splits(questions))
    errors.extend(check_coverage(questions, docs))
    return errors


def check_splits(questions: list[dict]) -> list[str]:
    errors: list[str] = []
    complete = [q for q in questions if all(f in q for f in FIELDS)]
    wanted = assign_splits(complete)
    for q in complete:
        if q["split"] != wanted[q["id"]]:
            group = f"{q['category']}/{q['doc'] or '-'}"
            errors.append(f"{q['id']}: split should be {wanted[q['id']]} by the split rule (group {group})")
    for field in ("category", "doc"):
        seen: dict[str, set[str]] = defaultdict(set)
        for q in questions:
            if field in q and "split" in q:
                seen[q[field]].add(q["split"])
        for key, splits in seen.items():
            if set(SPLITS) - splits:
                errors.append(f"{field} {key or '(none)'!r} has no {sorted(set(SPLITS) - splits)} question")
    return errors


def check_coverage(questions: list[dict], docs: dict[str, dict[str, str]]) -> list[str]:
    errors: list[str] = []
    qs = [q for q in questions if all(f in q for f in FIELDS)]
    cats = Counter(q["category"] for q in qs)
    if len(qs) < MINIMUMS["total"]:
        errors.append(f"only {len(qs)} questions (want ≥ {MINIMUMS['total']})")
    for cat in ("paraphrase", "lookup", "cross", "out_of_scope"):
        if cats[cat] < MINIMUMS[cat]:
            errors.append(f"only {cats[cat]} {cat} questions (want ≥ {MINIMUMS[cat]})")
    plan_items = [k for k in docs.get(PLAN_SHORT, {}) if k.startswith("（")]
    resp: set[str] = set()
    content: set[str] = set()
    for q in qs:
        for g in q["gold"]:
            if isinstance(g, dict) and g.get("doc") == PLAN_SHORT:
                if q["category"] == "responsibility":
                    resp.add(g.get("clause", ""))
                if q["category"] in ("content", "paraphrase"):
                    content.add(g.get("clause", ""))
    for item in plan_items:
        if item not in resp:
            errors.append(f"plan item {item} has no responsibility question")
        if item not in content:
            errors.append(f"plan item {item} has no content/paraphrase question")
    by_doc = Counter(q["doc"] for q in qs)
    regs = [d for d in docs if d != PLAN_SHORT]
    for d in regs:
        if by_doc[d] < MIN_PER_REGULATION:
            errors.append(f"regulation {d} has only {by_doc[d]} questions (want ≥ {MIN_PER_REGULATION})")
    reg_total = sum(by_doc[d] for d in regs)
    if reg_total < MIN_REGULATION_TOTAL:
        errors.append(f"regulations have only {reg_total} questions in all (want ≥ {MIN_REGULATION_TOTAL})")
    return errors


# --------------------------------------------------------------------------- stats


def stats(questions: list[dict]) -> str:
    """Markdown tables: category × split, doc × split, and gold documents cited."""
    out: list[str] = []

    def table(title: str, key: str, order: list[str]) -> None:
        counts: dict[str, Counter] = defaultdict(Counter)
        for q in questions:
            counts[q[key]][q["split"]] += 1
        out.append(f"### {title}\n")
        out.append(f"| {key} | dev | test | 合计 |")
        out.append("|---|---:|---:|---:|")
        for k in order:
            if k in counts:
                c = counts[k]
                out.append(f"| {k or '（无，out_of_scope）'} | {c['dev']} | {c['test']} | {c['dev'] + c['test']} |")
        dev = sum(c["dev"] for c in counts.values())
        test = sum(c["test"] for c in counts.values())
        out.append(f"| **合计** | {dev} | {test} | {dev + test} |\n")

    table("按类别 (category)", "category", list(CATEGORIES))
    docs_in_order = [PLAN_SHORT, *sorted({q["doc"] for q in questions} - {PLAN_SHORT, ""}), ""]
    table("按主文档 (doc)", "doc", docs_in_order)

    cited: Counter = Counter()
    for q in questions:
        for d in {g["doc"] for g in q["gold"]}:
            cited[d] += 1
    out.append("### 按金标准引用的文档（一题可引用多个文档）\n")
    out.append("| 文档 | 题数 |")
    out.append("|---|---:|")
    for d in [PLAN_SHORT, *sorted(set(cited) - {PLAN_SHORT})]:
        out.append(f"| {d} | {cited[d]} |")
    multi = sum(1 for q in questions if len(q["gold"]) > 1)
    out.append(f"\n多金标准题（gold ≥ 2 条）：{multi} 题。")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", nargs="?", type=Path, default=DEFAULT_QUESTIONS)
    ap.add_argument("--corpus", nargs="+", type=Path, help="corpus folder(s); default: corpus/ and ../shared/corpus")
    ap.add_argument("--stats", action="store_true", help="print count tables (Markdown) after checking")
    args = ap.parse_args(argv)

    docs, units, problems = load_corpus(args.corpus or DEFAULT_CORPUS)
    if PLAN_SHORT not in docs:
        print(f"error: the plan ({PLAN_SHORT}) was not found in the corpus folders", file=sys.stderr)
        return 2
    questions: list[dict] = []
    for n, line in enumerate(args.questions.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            questions.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
    errors = problems + check(questions, docs, units)
    n_clauses = sum(len(c) for c in docs.values())
    if errors:
        for e in errors:
            print(f"FAIL {e}", file=sys.stderr)
        print(f"{len(errors)} problem(s) in {len(questions)} questions", file=sys.stderr)
    else:
        print(f"OK: {len(questions)} questions; {len(docs)} documents, {n_clauses} clauses checked")
    if args.stats and questions:
        print()
        print(stats([q for q in questions if all(f in q for f in FIELDS)]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
