"""The optional LLM mode against a local OpenAI-compatible server: protocol, checks and fallbacks."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rag.generation import SYSTEM_PROMPT, ReplyError, build_messages, generate, parse_reply, render_reply
from rag.records import Citation

QUESTION = "行政复议申请期限是多少天？"
GOOD = "公民、法人或者其他组织可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请[1]。"


class FakeChat(ThreadingHTTPServer):
    """Answers POST /v1/chat/completions with ``self.reply`` (text, status, delay) and records requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.content = GOOD
        self.status = 200
        self.delay = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: FakeChat

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length).decode("utf-8"))
        self.server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        time.sleep(self.server.delay)
        if self.server.status != 200:
            self.send_response(self.server.status)
            self.end_headers()
            return
        payload = {"id": "x", "object": "chat.completion", "model": body.get("model"),
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": self.server.content},
                                "finish_reason": "stop"}]}
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def chat():
    server = FakeChat()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _llm_cfg(base_cfg, base_url: str, timeout: float = 5.0):
    return replace(base_cfg, llm_base_url=base_url, llm_model="test-model", llm_api_key="sk-test", llm_timeout=timeout)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- pure parts -------------------------------------------------------------------------------------


def _cite(label: str, text: str) -> Citation:
    return Citation(doc="d", doc_short="d", clause=label, label=label, path=[], text=text, score=1.0)


def test_messages_number_the_clauses_and_forbid_outside_facts():
    msgs = build_messages("问？", [_cite("《甲法》第一条", "第一条 甲。"), _cite("《乙法》第二条", "第二条 乙。")])
    assert msgs[0]["role"] == "system" and msgs[0]["content"] == SYSTEM_PROMPT
    assert "严禁使用条款以外" in SYSTEM_PROMPT and "[1]" in SYSTEM_PROMPT
    assert "[1] 《甲法》第一条：第一条 甲。" in msgs[1]["content"]
    assert "[2] 《乙法》第二条：第二条 乙。" in msgs[1]["content"]


def test_parse_reply_accepts_only_cited_valid_replies():
    assert parse_reply("答案[2]。另一句[1][2]。", 3) == ("答案[2]。另一句[1][2]。", [2, 1])
    for bad, reason in (("", "empty"), ("没有引用的回答。", "uncited"), ("答案[4]。", "invalid_citation"),
                        ("答案[0]。", "invalid_citation"), ("未在已收录的文件中找到依据。", "no_basis")):
        with pytest.raises(ReplyError, match=reason):
            parse_reply(bad, 3)


def test_render_reply_puts_labels_in_parentheses():
    clauses = [_cite("《甲法》第一条", ""), _cite("《乙法》第二条", "")]
    assert render_reply("甲乙[1][2]。", clauses) == "甲乙（《甲法》第一条；《乙法》第二条）。"


# -- against the local server -----------------------------------------------------------------------


@pytest.mark.slow
def test_request_protocol_and_a_good_cited_reply_is_used(assistant, chat):
    extractive = assistant.ask(QUESTION)
    cfg = _llm_cfg(assistant.cfg, chat.base_url)
    ans = generate(extractive, cfg)
    req = chat.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["Authorization"] == "Bearer sk-test"
    body = req["body"]
    assert body["model"] == "test-model"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    user = body["messages"][1]["content"]
    assert QUESTION in user
    assert "[1] 《行政复议法》第二十条：" in user and "六十日内提出行政复议申请" in user
    assert ans.intent.endswith("+llm")
    assert ans.answer == GOOD.replace("[1]", "（《行政复议法》第二十条）")
    assert [c.label for c in ans.citations] == ["《行政复议法》第二十条"]
    assert ans.related and all(c.label != "《行政复议法》第二十条" for c in ans.related)


@pytest.mark.slow
def test_llm_mode_through_compose(assistant, chat):
    from rag.answering import compose
    from rag.search import Retriever

    base = assistant.retriever
    retriever = Retriever(_llm_cfg(base.cfg, chat.base_url), index=base.index)
    retriever._encoder = base.encoder  # same model: reuse the loaded one
    ans = compose(QUESTION, retriever)
    assert chat.requests and ans.intent == "number+llm"
    assert "六十日" in ans.answer and ans.answer.endswith("。")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "status", "reason"),
    [
        ("申请期限是六十日。", 200, "uncited"),
        ("申请期限是六十日[7]。", 200, "invalid_citation"),
        (GOOD, 500, "http_500"),
    ],
)
def test_unusable_replies_fall_back_to_the_extractive_answer(assistant, chat, content, status, reason):
    extractive = assistant.ask(QUESTION)
    chat.content, chat.status = content, status
    ans = generate(extractive, _llm_cfg(assistant.cfg, chat.base_url))
    assert ans.answer == extractive.answer and ans.citations == extractive.citations
    assert ans.intent == f"{extractive.intent}+llm_fallback:{reason}"


@pytest.mark.slow
def test_dead_endpoint_falls_back_quickly(assistant):
    extractive = assistant.ask(QUESTION)
    t0 = time.perf_counter()
    ans = generate(extractive, _llm_cfg(assistant.cfg, f"http://127.0.0.1:{_closed_port()}/v1"))
    assert time.perf_counter() - t0 < 3
    assert ans.answer == extractive.answer
    assert ans.intent.endswith("+llm_fallback:unreachable")


@pytest.mark.slow
def test_slow_endpoint_times_out_and_falls_back(assistant, chat):
    extractive = assistant.ask(QUESTION)
    chat.delay = 2.0
    t0 = time.perf_counter()
    ans = generate(extractive, _llm_cfg(assistant.cfg, chat.base_url, timeout=0.3))
    assert time.perf_counter() - t0 < 1.5
    assert ans.answer == extractive.answer
    assert ans.intent.endswith("+llm_fallback:timeout")


@pytest.mark.slow
def test_llm_mode_is_off_by_default_and_skips_abstentions(assistant, chat):
    assert not assistant.cfg.llm_base_url and not assistant.cfg.llm_model
    abstained = assistant.ask("明天会下雨吗？")
    assert generate(abstained, _llm_cfg(assistant.cfg, chat.base_url)) is abstained
    assert not chat.requests
