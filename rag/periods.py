"""What a period in a clause governs: the action written right after it.

A deadline question names the action it asks about ("多长时间内可以申请行政复议"), and
articles that share the question's words often carry a period for another action:
行政复议法第三十四条 has "十五日内，依法向人民法院提起行政诉讼", 第二十条 has
"六十日内提出行政复议申请". Scoring the question's words against the text that follows
each period, not against the whole article, tells the two apart. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# A count of time units, not a year ("2024年") or a year-part ("年度", "年底").
_COUNT = r"(?<![0-9０-９])(?:[0-9０-９]{1,3}|[零〇一二两三四五六七八九十百千]+)"
# The action runs to the end of its phrase; a comma straight after the period is skipped
# ("十五日内，依法向人民法院提起行政诉讼").
_PERIOD_ACTION_RE = re.compile(
    rf"{_COUNT}\s*(?:个工作日|个月|日|天|小时|周|年(?!度|底|初))(?:以内|之内|内|前)?[，,]?([^。；;，,：:\n]*)"
)


def period_actions(text: str) -> list[str]:
    """The text after each period in ``text``: what must be done within it."""
    return [m.group(1) for m in _PERIOD_ACTION_RE.finditer(text) if m.group(1).strip()]


def period_action_overlap(text: str, question_words: Iterable[str], tokenize: Callable[[str], list[str]]) -> float:
    """The largest share of the question's words found in one action after a period in ``text`` (0..1)."""
    words = set(question_words)
    if not words:
        return 0.0
    best = 0
    for action in period_actions(text):
        best = max(best, len(words.intersection(tokenize(action))))
    return best / len(words)
