"""Optional generative answers through an OpenAI-compatible chat endpoint, checked against the clauses.

Off by default: it runs only when ``cfg.llm_base_url`` and ``cfg.llm_model`` are
set. The model sees the question and the retrieved clauses, numbered, and is
told to use nothing else and to cite them as [1], [2]. Its reply is used only if
it cites at least one clause and every citation is one of the numbered clauses;
otherwise — or on any HTTP error, timeout or malformed reply — the extractive
answer stands, and ``Answer.intent`` records why (``+llm`` when the reply was
used, ``+llm_fallback:<reason>`` when it was not).

Only the standard library is used (``urllib``), so the mode needs no extra package.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import replace

from .records import Answer, Citation

NO_BASIS = "未在已收录的文件中找到依据。"
MAX_CLAUSES = 5  # clauses shown to the model (the cited ones first, then the related ones)
MAX_CLAUSE_CHARS = 1200  # long articles are cut so the prompt stays small
MAX_REPLY_CHARS = 1500

SYSTEM_PROMPT = (
    "你是乌拉特中旗法治政府建设法规检索问答助手，回答政府工作人员的问题。"
    "只能依据用户消息中列出的编号条款作答，严禁使用条款以外的任何事实、数字、机构名称或推测。"
    "请用一到两句简洁的中文回答，每句话末尾用方括号标注所依据条款的编号，例如[1]或[1][2]；"
    "每一句都必须有编号，编号只能是所列条款的编号。"
    f"如果所列条款不能回答这个问题，只回答“{NO_BASIS}”，不要编造。"
)
_CITE_RE = re.compile(r"\[(\d{1,2})\]")


def build_messages(question: str, clauses: list[Citation]) -> list[dict[str, str]]:
    """The chat messages: the rules as system prompt, then the question and the numbered clauses."""
    lines = [f"问题：{question}", "", "可依据的条款："]
    for i, c in enumerate(clauses, 1):
        text = c.text if len(c.text) <= MAX_CLAUSE_CHARS else c.text[:MAX_CLAUSE_CHARS] + "……"
        lines.append(f"[{i}] {c.label}：{text}")
    lines += ["", "请依据上述条款回答，并在每句话后标注条款编号。"]
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(lines)}]


class ReplyError(ValueError):
    """A reply that cannot be used; the message is the short reason recorded on the answer."""


def parse_reply(content: str, n_clauses: int) -> tuple[str, list[int]]:
    """Check a reply; return (text, cited clause numbers in order of first use, 1-based).

    Rejected: empty, too long, "no basis" (the extractive answer had one), no citation,
    or a citation of a clause that was not given.
    """
    text = (content or "").strip()
    if not text:
        raise ReplyError("empty")
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyError("too_long")
    if NO_BASIS.rstrip("。") in text:
        raise ReplyError("no_basis")
    cited = [int(m) for m in _CITE_RE.findall(text)]
    if not cited:
        raise ReplyError("uncited")
    if any(not 1 <= n <= n_clauses for n in cited):
        raise ReplyError("invalid_citation")
    return text, list(dict.fromkeys(cited))


def render_reply(text: str, clauses: list[Citation]) -> str:
    """Replace [n] markers by the clause labels in parentheses: ……（《行政复议法》第二十条）."""
    def label(m: re.Match[str]) -> str:
        return f"（{clauses[int(m.group(1)) - 1].label}）"

    out = _CITE_RE.sub(label, text)
    return out.replace("）（", "；")


def call_chat(base_url: str, model: str, messages: list[dict[str, str]], api_key: str = "",
              timeout: float = 30.0) -> str:
    """POST to ``{base_url}/chat/completions`` and return the first choice's message content."""
    url = base_url.rstrip("/") + "/chat/completions"
    body = json.dumps({"model": model, "messages": messages, "temperature": 0, "stream": False},
                      ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        data = json.loads(resp.read().decode("utf-8"))
    try:
        return str(data["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError) as exc:
        raise ReplyError("malformed") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ReplyError):
        return str(exc)
    if isinstance(exc, urllib.error.HTTPError):
        return f"http_{exc.code}"
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return "timeout"
    if isinstance(exc, (urllib.error.URLError, ConnectionError, OSError)):
        return "unreachable"
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
        return "malformed"
    return type(exc).__name__


def generate(extractive: Answer, cfg: object) -> Answer:
    """The LLM's answer from the extractive answer's clauses, or the extractive answer with the reason it stands."""
    clauses = [*extractive.citations, *extractive.related][:MAX_CLAUSES]
    if extractive.abstained or not clauses:
        return extractive
    messages = build_messages(extractive.question, clauses)
    try:
        content = call_chat(str(getattr(cfg, "llm_base_url", "")), str(getattr(cfg, "llm_model", "")), messages,
                            api_key=str(getattr(cfg, "llm_api_key", "") or ""),
                            timeout=float(getattr(cfg, "llm_timeout", 30.0)))
        text, cited = parse_reply(content, len(clauses))
    except Exception as exc:  # any failure of the optional mode leaves the extractive answer in place
        return replace(extractive, intent=f"{extractive.intent}+llm_fallback:{_reason(exc)}")
    used = [clauses[i - 1] for i in cited]
    used_keys = {(c.doc_id, c.clause) for c in used}
    rest = [c for c in [*extractive.citations, *extractive.related] if (c.doc_id, c.clause) not in used_keys]
    return replace(extractive, answer=render_reply(text, clauses), citations=used, related=rest,
                   intent=f"{extractive.intent}+llm")
