"""Chinese numerals as used in legal texts: 第二十条, （十八）, 第一百零六条.

Clause labels are written in Chinese numerals while users type either form
("第20条", "第十八项"), so both directions are needed.
"""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int | None:
    """Parse a Chinese numeral (一 … 九千九百九十九) or Arabic digits; None if it is neither."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            # "十" alone at the start means 10 (十八 = 18)
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def int_to_cn(n: int) -> str:
    """Write 1 … 9999 as legal texts do: 20 → 二十, 18 → 十八, 106 → 一百零六."""
    if n <= 0:
        raise ValueError(f"only positive numbers have a Chinese clause numeral: {n}")
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    units = [(1000, "千"), (100, "百"), (10, "十")]
    rest = n
    zero_pending = False
    for value, unit in units:
        d, rest = divmod(rest, value)
        if d:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(digits[d] + unit)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零")
        parts.append(digits[rest])
    out = "".join(parts)
    # 10-19 are written 十, 十一 … not 一十一 when they stand alone
    if out.startswith("一十"):
        out = out[1:]
    return out
