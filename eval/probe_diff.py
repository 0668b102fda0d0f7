"""Which answers changed between two runs over the probe questions (eval/probes.txt).

The eval set scores retrieval; the probes are 450-odd questions written as staff ask them,
outside the eval set and with no gold answers, kept to see what a change does to answers
people will read. Run them before and after a change and compare:

    .venv/bin/rag ask --json --batch eval/probes.txt > before.jsonl   # on the old commit
    .venv/bin/rag ask --json --batch eval/probes.txt > after.jsonl    # on the new one
    .venv/bin/python eval/probe_diff.py before.jsonl after.jsonl

Each changed answer is printed with what it cited before and after; the exit status is 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def changes(before: list[dict], after: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (before, after) whose answer text or citations differ, matched by question."""
    old = {a["question"]: a for a in before}
    out = []
    for new in after:
        prev = old.get(new["question"])
        if prev is None:
            continue
        if prev["answer"] != new["answer"] or _cited(prev) != _cited(new):
            out.append((prev, new))
    return out


def _cited(answer: dict) -> list[str]:
    return [c["label"] for c in answer.get("citations", [])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="比较两次运行探查问题（eval/probes.txt）的回答，列出变化的题。")
    parser.add_argument("before", type=Path, help="改动前 `rag ask --json --batch eval/probes.txt` 的输出")
    parser.add_argument("after", type=Path, help="改动后的输出")
    parser.add_argument("--chars", type=int, default=150, help="每个回答显示的字数（默认 150）")
    args = parser.parse_args(argv)
    changed = changes(_load(args.before), _load(args.after))
    for prev, new in changed:
        print(f"问：{new['question']}")
        print(f"  前：{_cited(prev)} {prev['answer'][: args.chars]}".replace("\n", " "))
        print(f"  后：{_cited(new)} {new['answer'][: args.chars]}".replace("\n", " "))
    print(f"{len(changed)} 题的回答有变化。", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
