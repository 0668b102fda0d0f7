"""Law names mistyped by one character: 行政复义法 for 行政复议法.

Staff type with pinyin input, so the usual slip is a homophone (复义/复议, 许克/许可)
in an otherwise exact name. Unchanged, such a name was read as a law the corpus does
not hold: "行政复义法第二十条" was refused. Now a stretch of the question that ends in
法 or 条例 is read as a held name when it has the same length, differs from it in
exactly one character before that ending, and no other held name is that close. No
stretch of any of the 1,400-odd national law names in the reference library is one
character from a held name (``tests/test_typos.py`` keeps it so), so real laws the
corpus lacks are still reported as such; the answer says how the name was read.
Pure functions of the question and the held names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# A shorter name is too often one character away from an ordinary phrase.
MIN_CHARS = 4
ENDINGS = ("条例", "法")
CN_PREFIX = "中华人民共和国"


@dataclass(frozen=True)
class _NearIndex:
    """Each held name under each of its "one character blanked" keys, outside the ending.

    A typed stretch is one off a name exactly when they share such a key, so a question is
    checked with a few dictionary lookups rather than against thousands of names.
    """

    keys: dict[tuple[str, str], frozenset[str]]
    lengths: tuple[int, ...]  # of the names indexed, longest first
    joined: str  # every held name, to test "part of a held name" in one search


@functools.lru_cache(maxsize=4)
def _near_index(held_names: tuple[str, ...]) -> _NearIndex:
    keys: dict[tuple[str, str], set[str]] = {}
    for name in {n.removeprefix(CN_PREFIX) for n in held_names}:
        ending = next((e for e in ENDINGS if name.endswith(e)), "")
        if not ending or len(name) < MIN_CHARS:
            continue
        for j in range(len(name) - len(ending)):
            keys.setdefault((ending, name[:j] + "?" + name[j + 1 :]), set()).add(name)
    lengths = tuple(sorted({len(k) for _, k in keys}, reverse=True))
    return _NearIndex({k: frozenset(v) for k, v in keys.items()}, lengths, "\n".join(held_names))


def correct_law_names(question: str, held_names: tuple[str, ...]) -> tuple[str, list[tuple[str, str]]]:
    """The question with mistyped held law names put right, and the (typed, meant) pairs.

    Every stretch of the question that ends in 法 or 条例 is compared with the held names of
    its length. A stretch that is itself a held name, or part of one, is left alone.
    """
    index = _near_index(held_names)
    fixes: list[tuple[str, str]] = []
    for ending in ENDINGS:
        at = question.find(ending)
        while at >= 0:
            end = at + len(ending)
            for length in index.lengths:
                typed = question[max(0, end - length) : end]
                if len(typed) < length or typed in index.joined:
                    continue
                meant = {n for j in range(length - len(ending))
                         for n in index.keys.get((ending, typed[:j] + "?" + typed[j + 1 :]), ())}
                if len(meant) == 1:
                    name = meant.pop()
                    fixes.append((typed, name))
                    question = question[: end - length] + name + question[end:]
                    break
            at = question.find(ending, end)
    return question, fixes


def notice(fixes: list[tuple[str, str]]) -> str:
    """The line that tells the user how a name was read: "（问题中的“行政复义法”按《行政复议法》理解。）"."""
    if not fixes:
        return ""
    read = "，".join(f"“{typed}”按《{meant}》" for typed, meant in fixes)
    return f"（问题中的{read}理解。）"
