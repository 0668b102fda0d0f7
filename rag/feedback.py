"""Staff feedback on answers: the web chat's 👍/👎, kept as a JSON-lines log.

A wrong answer that staff mark is the most valuable eval question there is: it is
asked the way staff ask, about what they need. The log keeps what the assistant
said and cited, so an evaluator can judge it later (``rag feedback``) and turn it
into a question of the eval set (``rag feedback --export``).

Each mark is one line appended under an exclusive lock, written in one call, so
concurrent chats never interleave and a crash loses at most the line being
written; a line that cannot be read is reported and skipped, never fatal.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

GOOD, BAD, WITHDRAWN = "good", "bad", "withdrawn"  # a second click on the same thumb withdraws the mark
MAX_TEXT = 4000  # an answer is at most a few hundred characters; this bounds a hostile client
MAX_CITED, MAX_LABEL = 20, 200  # an answer cites a handful of clauses; an API client may send anything
MAX_NOTE = 1000  # a few sentences: what is wrong, which clause would answer


@dataclass
class Feedback:
    """One mark on one answer, with what the answer was."""

    verdict: str  # GOOD | BAD | WITHDRAWN
    question: str  # as typed
    answer_id: str = ""  # one answer in one chat: its later marks replace the earlier ones
    searched: str = ""  # the question answered, when the chat combined a follow-up with the previous one
    scope: str = "all"
    answer: str = ""
    citations: list[str] = field(default_factory=list)  # "《行政复议法》第二十条"
    abstained: bool = False
    intent: str = ""
    time: str = ""  # ISO 8601, local time of the server
    note: str = ""  # staff's words with a 👎: what is wrong, where the answer is ("应是第二十条")

    @classmethod
    def from_answer(cls, verdict: str, question: str, result: dict[str, Any], scope: str = "all",
                    answer_id: str = "") -> Feedback:
        """A mark on ``result`` (``Answer.to_dict()``, as the chat and ``rag ask --json`` give it)."""
        searched = str(result.get("question") or "")
        return cls(
            verdict=verdict,
            question=question[:MAX_TEXT],
            answer_id=answer_id,
            searched=searched[:MAX_TEXT] if searched != question else "",
            scope=scope,
            answer=str(result.get("answer") or "")[:MAX_TEXT],
            citations=[str(c.get("label") or "")[:MAX_LABEL] for c in (result.get("citations") or [])[:MAX_CITED]
                       if isinstance(c, dict)],
            abstained=bool(result.get("abstained")),
            intent=str(result.get("intent") or ""),
        )

    def with_note(self, text: str) -> Feedback:
        """This mark with staff's words on it, bounded: the chat's box and the API both write notes."""
        return replace(self, note=text.strip()[:MAX_NOTE])

    @property
    def cited(self) -> str:
        """The clauses the answer cited, as one line; 未找到依据 for an abstention, "" for neither."""
        return "、".join(self.citations) or ("未找到依据" if self.abstained else "")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Feedback:
        if data.get("verdict") not in (GOOD, BAD, WITHDRAWN) or not isinstance(data.get("question"), str):
            raise ValueError("缺少 verdict 或 question")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


class FeedbackLog:
    """The feedback file: appended to by the chat, read by ``rag feedback``."""

    _lock = threading.Lock()  # one writer at a time within the server; flock covers other processes

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def add(self, item: Feedback) -> Feedback:
        """Append ``item`` (stamped with the time now) as one line; returns what was written."""
        if not item.time:
            item.time = datetime.now().astimezone().isoformat(timespec="seconds")
        line = (json.dumps(asdict(item), ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)  # closing releases the lock
        return item

    def read(self) -> tuple[list[Feedback], list[str]]:
        """The standing marks, oldest first, and a note for each line that could not be read.

        An answer marked twice (👍 then 👎, or a thumb clicked off) counts by its last mark;
        a withdrawn mark is no mark.
        """
        if not self.path.exists():
            return [], []
        items: list[Feedback] = []
        problems: list[str] = []
        with self.path.open(encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    items.append(Feedback.from_dict(json.loads(line)))
                except (ValueError, TypeError) as exc:
                    problems.append(f"{self.path.name} 第 {n} 行无法读取，已跳过：{exc}")
        return latest_marks(items), problems


def latest_marks(items: list[Feedback]) -> list[Feedback]:
    """Each answer's last mark (in the order those were made), withdrawn ones left out."""
    last: dict[str, Feedback] = {}
    for n, item in enumerate(items):
        last.pop(item.answer_id or f"#{n}", None)  # re-insert: a changed mark moves to when it was changed
        last[item.answer_id or f"#{n}"] = item
    return [i for i in last.values() if i.verdict != WITHDRAWN]


def export_questions(items: list[Feedback], start: int = 1) -> list[dict[str, Any]]:
    """Draft eval questions (``eval/questions.jsonl``'s fields) from the answers marked wrong, one per question.

    gold, answer_contains and category are left for the evaluator: only a person who
    reads the documents can say which clause answers it. ``feedback`` keeps what the
    assistant said, so the draft can be judged without asking again.
    """
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for item in items:
        question = item.searched or item.question
        if item.verdict != BAD or question in seen:
            continue
        seen.add(question)
        out.append({
            "id": f"f{start + len(out):04d}", "question": question, "gold": [], "answer_contains": [],
            "category": "", "doc": "", "split": "",
            "feedback": {"time": item.time, "answer": item.answer, "citations": item.citations,
                         "abstained": item.abstained, "scope": item.scope, "note": item.note},
        })
    return out
