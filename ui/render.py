"""Pure functions that turn answers and index facts into the chat's HTML.

Everything that comes from a document or from the user is passed through
``html.escape`` here, and the markup around it is written by hand, so a clause
that contains ``<script>`` or Markdown shows as plain text. The HTML is kept on
one line: the chat renders messages as Markdown, and a single-line block that
starts with ``<div`` is passed through as raw HTML without Markdown processing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

ABSTAIN_BADGE = "未找到依据"
RELATED_TITLE = "可能相关的条款（仅供参考，不能作为答案的依据）"
CLARIFY_BADGE = "请说明是哪一部"
CANDIDATES_TITLE = "各部文件的这一条"
CITES_TITLE = "依据条款"
MORE_TITLE = "其他可能相关的条款"
_NBSP_RE = re.compile(r"[ \t\u3000]+")


def esc(text: object) -> str:
    """Escape any value for HTML text and attribute positions (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def esc_lines(text: object) -> str:
    """Escape text and keep its line breaks as ``<br>`` (no raw newlines remain)."""
    lines = str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(esc(line) for line in lines)


def _find(text: str, sentence: str) -> tuple[int, int] | None:
    """Where ``sentence`` sits in ``text``; tolerant to whitespace differences."""
    if not sentence:
        return None
    i = text.find(sentence)
    if i >= 0:
        return i, i + len(sentence)
    s = sentence.strip()
    if s and (i := text.find(s)) >= 0:
        return i, i + len(s)
    # Fall back to a match that ignores whitespace and full/half-width or 、/， differences
    # (the indexed sentence may be normalised), mapping positions back to ``text``.
    keep = [k for k, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(_canon(text[k]) for k in keep)
    target = "".join(_canon(ch) for ch in sentence if not ch.isspace())
    if not target or (j := squeezed.find(target)) < 0:
        return None
    return keep[j], keep[j + len(target) - 1] + 1


_PUNCT_CLASSES = {"、": ",", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"}


def _canon(ch: str) -> str:
    """One character in a width- and comma-insensitive form (always one character)."""
    c = unicodedata.normalize("NFKC", ch)
    c = c if len(c) == 1 else ch
    return _PUNCT_CLASSES.get(c, _PUNCT_CLASSES.get(ch, c))


def highlight(text: str, sentence: str) -> str:
    """The clause text, escaped, with the matched sentence wrapped in ``<mark>``."""
    span = _find(text or "", sentence or "")
    if span is None:
        return esc_lines(text)
    a, b = span
    return f"{esc_lines(text[:a])}<mark>{esc_lines(text[a:b])}</mark>{esc_lines(text[b:])}"


def meta_line(meta: Mapping[str, Any] | None) -> str:
    """Issuer · level · date of a document, as plain text (empty when unknown)."""
    meta = meta or {}
    parts = [str(meta[k]).strip() for k in ("issuer", "level") if str(meta.get(k) or "").strip()]
    if str(meta.get("effective") or "").strip():
        parts.append(f"施行日期 {str(meta['effective']).strip()}")
    elif str(meta.get("adopted") or "").strip():
        parts.append(f"通过日期 {str(meta['adopted']).strip()}")
    elif str(meta.get("year") or "").strip():
        parts.append(f"{str(meta['year']).strip()}年")
    return " · ".join(parts)


def citation_label(cite: Mapping[str, Any]) -> str:
    """The human label of a citation, built from its parts when the label is missing."""
    label = str(cite.get("label") or "").strip()
    if label:
        return label
    short = str(cite.get("doc_short") or cite.get("doc") or "").strip()
    return f"《{short}》{cite.get('clause') or ''}" if short else str(cite.get("clause") or "")


def render_citation(cite: Mapping[str, Any], number: int, open_: bool = False) -> str:
    """One citation: label and document facts always visible, full clause text in ``<details>``."""
    label = citation_label(cite)
    meta = meta_line(cite.get("meta"))
    path = " › ".join(str(p) for p in (cite.get("path") or []) if str(p).strip())
    text = str(cite.get("text") or "")
    sentence = str(cite.get("sentence") or "")
    title = str(cite.get("doc") or "")
    head = (
        f'<span class="rag-cite-no">{number}</span>'
        f'<span class="rag-cite-head"><span class="rag-cite-label" title="{esc(title)}">{esc(label)}</span>'
        + (f'<span class="rag-cite-meta">{esc(meta)}</span>' if meta else "")
        + "</span>"
    )
    body = (f'<div class="rag-cite-path">{esc(path)}</div>' if path else "") + (
        f'<div class="rag-cite-text">{highlight(text, sentence)}</div>'
    )
    hint = '<span class="rag-cite-toggle">原文</span>'
    return (
        f'<details class="rag-cite"{" open" if open_ else ""}>'
        f"<summary>{head}{hint}</summary>{body}</details>"
    )


def render_citations(cites: Sequence[Mapping[str, Any]], title: str, css: str, open_first: bool) -> str:
    """A titled list of citations (empty string when there are none)."""
    if not cites:
        return ""
    items = "".join(render_citation(c, i + 1, open_=open_first and i == 0) for i, c in enumerate(cites))
    return f'<div class="{css}"><div class="rag-cites-title">{esc(title)}（{len(cites)}）</div>{items}</div>'


def render_answer(answer: Mapping[str, Any], rewritten_from: str = "") -> str:
    """The assistant's chat message for one ``Answer.to_dict()``: text, then its citations.

    An abstention is drawn as such (badge, muted text) and lists the "related"
    clauses as suggestions, never as an answer. With an answer, "related"
    clauses not already cited are offered in a collapsed block. ``rewritten_from`` is the
    question as the user typed it when the UI combined it with the previous
    question; the rewritten form is shown so the user sees what was searched.
    """
    error = str(answer.get("error") or "")
    abstained = bool(answer.get("abstained"))
    text = str(answer.get("answer") or "")
    note = ""
    if rewritten_from:
        note = f'<div class="rag-note">结合上文，按“{esc(answer.get("question") or "")}”检索</div>'
    if error:
        return _notice("无法检索", error)
    intent = str(answer.get("intent") or "")
    if intent.startswith("help"):  # a greeting or "你能做什么": the reply itself, no badge or clauses
        return f'<div class="rag-msg rag-help">{note}<div class="rag-text">{esc_lines(text)}</div></div>'
    if abstained:
        related = answer.get("related") or answer.get("citations") or []
        clarify = intent == "clarify"  # "第十八条" of which law: the candidates, to pick from
        badge = CLARIFY_BADGE if clarify else ABSTAIN_BADGE
        title = CANDIDATES_TITLE if clarify else RELATED_TITLE
        return (
            '<div class="rag-msg rag-abstain">'
            f'<div class="rag-badge rag-badge-none">{badge}</div>{note}'
            f'<div class="rag-text">{esc_lines(text)}</div>'
            + render_citations(related, title, "rag-cites rag-related", open_first=False)
            + "</div>"
        )
    cites = answer.get("citations") or []
    shown = {citation_label(c) for c in cites}
    more = [c for c in answer.get("related") or [] if citation_label(c) not in shown]
    extra = ""
    if more:
        items = "".join(render_citation(c, i + 1) for i, c in enumerate(more))
        extra = (
            f'<details class="rag-more"><summary>{esc(MORE_TITLE)}（{len(more)}）</summary>'
            f'<div class="rag-cites rag-related">{items}</div></details>'
        )
    return (
        f'<div class="rag-msg rag-answer">{note}<div class="rag-text">{esc_lines(text)}</div>'
        + render_citations(cites, CITES_TITLE, "rag-cites", open_first=True)
        + extra
        + "</div>"
    )


def render_question(question: str) -> str:
    """The user's chat message, escaped so that tags and Markdown show literally."""
    return f'<div class="rag-q">{esc_lines(_NBSP_RE.sub(" ", question.strip()))}</div>'


def render_failure(message: str) -> str:
    """A message for an unexpected failure while answering (the question can be asked again)."""
    return _notice("出错了", message)


def _notice(badge: str, message: str) -> str:
    return (
        f'<div class="rag-msg rag-error"><div class="rag-badge rag-badge-warn">{esc(badge)}</div>'
        f'<div class="rag-text">{esc_lines(message)}</div></div>'
    )


def _when(iso: str) -> str:
    """``2026-11-24T18:56:02`` → ``2026-11-24 18:56``."""
    iso = (iso or "").strip()
    if "T" in iso:
        day, clock = iso.split("T", 1)
        return f"{day} {clock[:5]}"
    return iso


def render_header(title: str, documents: int) -> str:
    """The page title and a one-line description of what the answers are drawn from."""
    what = f"已收录的 {documents} 个文件" if documents else "已收录的文件"
    return (
        f'<div class="rag-header"><h1>{esc(title)}</h1>'
        f"<p>依据《乌拉特中旗2024年法治政府建设工作计划》及相关法律法规（{esc(what)}）作答，每个回答都注明出处条款。</p></div>"
    )


def render_status(documents: int, clauses: int, built_at: str, build_seconds: float, model: str,
                  sparse: bool = False, reference_laws: int = 0, second_model: str = "",
                  second_pending: str = "") -> str:
    """The status line: what is indexed, when and how long the build took, which model and legs.

    ``reference_laws``: laws in the reference library (0: none), which only tells staff that a
    question about another law is recognised as such. ``second_model``: the second dense leg's
    model id ("" when it is not in use). ``second_pending``: the configured second model when the
    index holds no vectors of it yet, so staff see why that leg is off and how to switch it on.
    """
    reference = (f"<span>另有 {reference_laws} 部参考法规，仅用于识别问的是否是未收录的法规</span>"
                 if reference_laws else "")
    return (
        '<div class="rag-status">'
        f"<span>已收录 <b>{documents}</b> 个文件、<b>{clauses}</b> 个条款</span>"
        f"<span>索引建立于 {esc(_when(built_at))}（用时 {build_seconds:.1f} 秒）</span>"
        f"<span>向量模型 {esc(model)}{f' + {esc(second_model)}' if second_model else ''}{'，含潜在词检索' if sparse else ''}</span>"
        f"{reference}"
        + (f"<span>第二路向量模型 {esc(second_pending)} 尚未建立向量，暂未使用："
           "运行 <code>rag build</code>（或在管理页重建索引）后启用</span>" if second_pending else "")
        + "</div>"
    )


def render_status_missing() -> str:
    """The status line when no index has been built yet."""
    return '<div class="rag-status rag-status-missing"><span>尚未建立索引：请先运行 <code>rag build</code>。</span></div>'


def doc_choices(docs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Dropdown choices for the scope: the three groups, then each document by short name.

    ``docs`` is (doc_id, short name) pairs; values are ``all``/``plan``/``regulations``
    or ``doc:<doc_id>``.
    """
    out = [("全部文件", "all"), ("仅工作计划", "plan"), ("仅法律法规", "regulations")]
    out += [(f"《{short}》", f"doc:{doc_id}") for doc_id, short in docs]
    return out
