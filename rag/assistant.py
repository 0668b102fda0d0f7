"""The one answer function that the CLI, the web UI, its API and the eval all call.

``Assistant.ask`` checks the question, retrieves, and composes the answer. It
also notices when a rebuild has swapped in a new index generation and reloads,
so a running server never needs a restart and never reads a half-written index.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata

from .config import Config
from .errors import UsageError
from .index import IndexError_
from .records import Answer
from .search import Retriever, Scope

NO_BASIS = "未在已收录的文件中找到依据。"
ANSWER_FAILED = "回答这个问题时出错了，请换个问法再试；如果一再出现，请把问题告诉管理员。"
log = logging.getLogger(__name__)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_TAG_RE = re.compile(r"<[^>]{0,200}>")


def clean_question(raw: object, max_chars: int) -> tuple[str, str]:
    """Normalise a question; return (question, error message or "")."""
    if not isinstance(raw, str):
        return "", "请输入文字问题。"
    q = unicodedata.normalize("NFKC", raw)
    # NFKC turns full-width （） into (); clause labels are matched on either form.
    q = _CONTROL_RE.sub("", q)
    q = _TAG_RE.sub(" ", q)
    q = re.sub(r"\s+", " ", q).strip()
    if not q:
        return "", "问题为空，请输入要查询的问题，例如“谁牵头行政复议工作？”。"
    if not re.search(r"[\w\u4e00-\u9fff]", q):
        return "", "没有看懂这个问题（只有标点或符号），请用一句中文描述要查询的内容。"
    return q, ""


class Assistant:
    """Holds the retriever for the current index generation and answers questions."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self._retriever: Retriever | None = None
        self._generation: str = ""
        self._lock = threading.Lock()

    @property
    def retriever(self) -> Retriever:
        """The retriever for the newest complete index; reloaded after a rebuild swapped it."""
        from .index import current_dir

        link = current_dir(self.cfg.index_dir)
        gen = str(link.resolve()) if link.exists() else ""
        if self._retriever is None or gen != self._generation:
            with self._lock:
                if self._retriever is None or gen != self._generation:
                    old = self._retriever
                    try:
                        new = Retriever(self.cfg)
                    except IndexError_ as exc:
                        if old is None:
                            raise
                        # A generation that cannot be loaded must not take the service down:
                        # keep answering from the one already loaded and try again next time.
                        log.warning("新索引无法加载，继续使用旧索引：%s", exc)
                        return old
                    if old is not None:  # same models: keep them warm
                        new._encoder = old._encoder
                        new._second_encoder = old._second_encoder
                    from .answering import prepare

                    prepare(new)  # build the answer tables now, not on the first user's question
                    self._retriever = new
                    self._generation = str(new.index.folder)
        return self._retriever

    def reload(self) -> None:
        self._generation = ""

    def ask(self, question: object, scope: Scope | None = None, mode: str | None = None) -> Answer:
        """Answer one question. Never raises for bad input: the message is in ``Answer.error``."""
        from .answering import compose

        t0 = time.perf_counter()
        q, err = clean_question(question, self.cfg.max_question_chars)
        if err:
            return Answer(question=str(question)[:200] if isinstance(question, str) else "", answer=err,
                          abstained=True, intent="invalid", error=err)
        retriever = self.retriever
        truncated = len(q) > self.cfg.max_question_chars
        if truncated:
            q = q[: self.cfg.max_question_chars]
        try:
            answer = compose(q, retriever, scope=scope, mode=mode)
        except UsageError:
            raise  # a mode or leg this index lacks: its message tells the user what to do
        except Exception:
            # A defect met by one question must not end a batch of 300 or show a traceback;
            # the log keeps it for whoever fixes it.
            log.exception("answering %r failed", q)
            return Answer(question=str(question).strip()[: self.cfg.max_question_chars], answer=ANSWER_FAILED,
                          abstained=True, intent="error", error=ANSWER_FAILED,
                          timing_ms=(time.perf_counter() - t0) * 1000)
        if truncated:
            answer.answer = f"（问题较长，仅按前 {self.cfg.max_question_chars} 字检索。）{answer.answer}"
        # Echo what the user typed (normalisation is internal), so batch output lines up with input.
        answer.question = str(question).strip()[: self.cfg.max_question_chars]
        answer.timing_ms = (time.perf_counter() - t0) * 1000
        return answer
