"""Gradio wiring for the web chat: ``build_app`` makes the Blocks, ``serve`` runs them.

The chat, its API endpoint (``/ask``) and the CLI all answer through the one
``Assistant.ask``. The chat adds only presentation (``ui.render``) and the
follow-up rewrite (``ui.followup``); the API returns ``Answer.to_dict()``
unchanged, the same JSON as ``rag ask --json``.

Layout: a header with the status line, then ``gr.Tabs`` whose first tab is the
chat. Another tab (e.g. an admin page) is added in ``build_app``: write a
``_xxx_tab(service)`` function that lays out its components inside
``with gr.Tab(...)`` and call it inside ``gr.Tabs`` after ``_chat_tab``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import gradio as gr

from rag.assistant import Assistant
from rag.config import Config
from rag.feedback import BAD, GOOD, WITHDRAWN, Feedback, FeedbackLog
from rag.index import Manifest, current_dir, read_manifest, second_in_use, second_pending, sparse_in_use
from rag.records import Answer
from rag.reference import read_manifest as read_reference_manifest
from rag.search import Scope, resolve_scope
from rag.smalltalk import EXAMPLE_QUESTIONS

from .admin import admin_tab
from .followup import rewrite_followup
from .render import (
    doc_choices,
    render_answer,
    render_failure,
    render_header,
    render_question,
    render_status,
    render_status_missing,
)

GRADIO_QUEUE_ANALYTICS = {"GRADIO_ANALYTICS_CACHE_FREQUENCY": "1000", "GRADIO_ANALYTICS_MAX_EVENTS": "1000"}
log = logging.getLogger(__name__)

APP_TITLE = "乌拉特中旗法治政府建设问答助手"
CSS_PATH = Path(__file__).with_name("style.css")
EXAMPLES = list(EXAMPLE_QUESTIONS)  # shared with the greeting reply (rag/smalltalk.py)
# Answers can be long: instead of jumping to the bottom of the chat, bring the newest
# question to the top of the chat area so its answer is read from the start.
SCROLL_TO_QUESTION_JS = """() => {
  setTimeout(() => {
    const qs = document.querySelectorAll('#rag-chat .rag-q');
    if (!qs.length) return;
    const row = qs[qs.length - 1].closest('.message-row') || qs[qs.length - 1];
    let box = row.parentElement;
    while (box && box.id !== 'rag-chat' && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement;
    if (!box || box.id === 'rag-chat') return;
    box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
  }, 60);
}"""
# what /feedback accepts as a verdict: the log's words, the chat's labels, the thumbs themselves
API_VERDICTS = {"good": GOOD, "有用": GOOD, "👍": GOOD, "bad": BAD, "有误": BAD, "👎": BAD,
                "withdrawn": WITHDRAWN, "撤回": WITHDRAWN}
MARKABLE = 50  # answers a chat keeps for their 👍/👎; an older one's thumbs are a no-op
FONT_STACK = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB",
              "WenQuanYi Micro Hei", "Source Han Sans SC", "system-ui", "sans-serif"]


class ChatService:
    """What the page needs from the index: scopes, status, and answers (chat and API)."""

    def __init__(self, cfg: Config, assistant: Assistant) -> None:
        self.cfg = cfg
        self.assistant = assistant
        self._manifest: Manifest | None = None
        self._manifest_key = ""
        self._lock = threading.Lock()

    # -- index facts ------------------------------------------------------------------------

    def manifest(self) -> Manifest | None:
        """The current index's manifest, re-read only when a rebuild swapped the generation."""
        link = current_dir(self.cfg.index_dir)
        key = str(link.resolve()) if link.exists() else ""
        with self._lock:
            if key != self._manifest_key or (self._manifest is None and key):
                self._manifest = read_manifest(self.cfg.index_dir) if key else None
                self._manifest_key = key
            return self._manifest

    def documents(self) -> list[tuple[str, str, str]]:
        """(doc_id, short name, title) of the indexed documents, plan first."""
        m = self.manifest()
        if m is None:
            return []
        docs = [(d, e.short, e.title) for d, e in m.documents.items()]
        is_plan = {d: "计划" in e.short or "工作计划" in str(e.meta.get("level", "")) for d, e in m.documents.items()}
        return sorted(docs, key=lambda t: 0 if is_plan[t[0]] else 1)

    def scope_choices(self) -> list[tuple[str, str]]:
        return doc_choices((d, short) for d, short, _ in self.documents())

    def status_html(self) -> str:
        """The status line: documents and clauses indexed, build time, model."""
        m = self.manifest()
        if m is None:
            return render_status_missing()
        model = m.model_id or m.model
        reference = read_reference_manifest(self.cfg.index_dir) if self.cfg.reference is not None else None
        return render_status(len(m.documents), m.clauses, m.built_at, m.build_seconds, model, sparse_in_use(m, self.cfg),
                             reference_laws=reference.documents if reference else 0,
                             second_model=m.second_model_id if second_in_use(m, self.cfg) else "",
                             second_pending=self.cfg.second_model if second_pending(m, self.cfg) else "")

    def header_html(self) -> str:
        """Title, one line on what the assistant answers from, and the status line."""
        return render_header(APP_TITLE, len(self.documents())) + self.status_html()

    def resolve_scope(self, value: str | None) -> Scope:
        """A scope from a dropdown value or an API string; raises ValueError naming the choices.

        Accepts ``all``/``plan``/``regulations`` (or their Chinese labels),
        ``doc:<doc_id>``, or a document's id, short name or title (as ``rag ask --scope``).
        """
        return resolve_scope(value, self.documents())

    # -- answering --------------------------------------------------------------------------

    def ask(self, question: str, scope: str = "all") -> dict[str, Any]:
        """Answer one question; the same dict as ``rag ask --json`` (``Answer.to_dict()``)."""
        try:
            sc = self.resolve_scope(scope)
        except ValueError as exc:
            msg = str(exc)
            q = question if isinstance(question, str) else ""
            return Answer(question=q[:200], answer=msg, abstained=True, intent="invalid", error=msg).to_dict()
        return self.assistant.ask(question, scope=sc).to_dict()

    def reply(self, message: str, scope: str, asked: list[str]) -> tuple[str, list[str], dict[str, Any] | None]:
        """The assistant's chat message for ``message``, the updated list of searched questions, and
        the answer itself (None when answering failed), kept for the 👍/👎 on it."""
        names = [n for _, short, title in self.documents() for n in (short, title, title.removeprefix("中华人民共和国"))]
        previous = asked[-1] if asked else None
        searched = rewrite_followup(message, previous, names)
        try:
            result = self.ask(searched, scope)
        except Exception:  # the page must stay usable; the log has the traceback
            log.exception("answering %r failed", searched)
            return render_failure("回答这个问题时出错了，请稍后再试或换个问法。"), asked, None
        html = render_answer(result, rewritten_from=message if searched != message else "")
        if not result.get("error"):
            asked = [*asked, result.get("question") or searched]
        return html, asked[-20:], result

    def mark(self, answered: Feedback | None, liked: bool | str) -> str:
        """Record staff's 👍 (``liked`` True) or 👎 (False) on one answer, or its withdrawal (""); returns the toast.

        ``answered`` is the answer as ``Feedback.from_answer`` kept it when it was given, verdict still open.
        """
        if answered is None:
            return ""
        verdict = GOOD if liked is True else BAD if liked is False else WITHDRAWN
        return self._record(replace(answered, verdict=verdict, time=""))[1]

    def note(self, answered: Feedback | None, text: str) -> tuple[bool, str]:
        """Staff's words on an answer they marked wrong (the box under the chat after a 👎): kept?, and the toast.

        Kept as that answer's mark again, now with the note, so the note and the 👎 stand or fall together.
        """
        text = (text or "").strip()
        if answered is None:
            return False, "找不到要补充说明的回答，请先在回答下方点“踩”。"
        if not text:
            return False, "请先写下哪里不对，再提交。"
        recorded, message = self._record(replace(answered, verdict=BAD, time="").with_note(text))
        return recorded, "谢谢，说明已记录，我们会据此核对。" if recorded else message

    def feedback(self, question: str, verdict: str, answer: dict[str, Any] | None = None,
                 scope: str = "all", note: str = "") -> dict[str, Any]:
        """A mark from a script (the ``/feedback`` API), as the chat's 👍/👎 record it.

        ``answer`` is what ``/ask`` returned for ``question``; without it the question is
        answered again, by the same function, so the log still holds what was said. The
        same question, scope and answer marked again replaces the earlier mark.
        """
        v = API_VERDICTS.get(str(verdict).strip().lower())
        if v is None:
            return {"recorded": False, "answer_id": "", "message": "verdict 应为 good（有用）、bad（有误）或 withdrawn（撤回）。"}
        if not isinstance(question, str) or not question.strip():
            return {"recorded": False, "answer_id": "", "message": "请给出被评价的问题（question）。"}
        given = isinstance(answer, dict) and isinstance(answer.get("answer"), str) and answer["answer"].strip()
        result = answer if given else self.ask(question, scope)
        if result.get("error"):  # a scope that does not exist, a question that is not one: nothing was answered
            return {"recorded": False, "answer_id": "", "message": str(result["error"])}
        item = Feedback.from_answer(v, question.strip(), result, scope or "all").with_note(str(note or ""))
        key = json.dumps([item.question, item.scope, item.answer, item.citations], ensure_ascii=False)
        item.answer_id = "api-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        recorded, message = self._record(item)
        return {"recorded": recorded, "answer_id": item.answer_id if recorded else "", "message": message}

    def _record(self, item: Feedback) -> tuple[bool, str]:
        """Append one mark to the feedback log; whether it was kept, and the words for the user."""
        try:
            FeedbackLog(self.cfg.feedback_path).add(item)
        except OSError as exc:
            log.error("feedback not recorded in %s: %s", self.cfg.feedback_path, exc)
            return False, "反馈未能保存，请告知管理员（服务器日志中有原因）。"
        return True, {GOOD: "谢谢，已记录：这个回答有用。", BAD: "谢谢，已记录：这个回答有误，我们会核对改进。",
                      WITHDRAWN: "已撤回对这个回答的评价。"}[item.verdict]


# -- Gradio wiring ------------------------------------------------------------------------------


def _chat_tab(service: ChatService) -> gr.Dropdown:
    """The chat tab: scope, conversation, input, example questions. Returns the scope dropdown."""
    with gr.Tab("问答", id="chat", elem_id="rag-chat-tab"):
        return _chat_body(service)


def _chat_body(service: ChatService) -> gr.Dropdown:
    with gr.Row(elem_classes="rag-toolbar", equal_height=True):
        gr.HTML("<span class='rag-scope-label'>检索范围</span>", elem_classes="rag-scope-label-wrap")
        scope = gr.Dropdown(
            choices=service.scope_choices(), value="all", show_label=False, container=False, interactive=True,
            elem_id="rag-scope", scale=1, min_width=160,
        )
        clear = gr.Button("清空对话", variant="secondary", size="sm", elem_id="rag-clear", scale=0, min_width=90)
    chatbot = gr.Chatbot(
        value=[], label="问答", show_label=False, elem_id="rag-chat", height="calc(100vh - 420px)", min_height=320,
        render_markdown=True, sanitize_html=True, allow_tags=False, latex_delimiters=[], line_breaks=False,
        feedback_options=("Like", "Dislike"), buttons=[], layout="bubble", autoscroll=False,
        placeholder=(
            "<div class='rag-welcome'><b>您好！</b>请就《乌拉特中旗2024年法治政府建设工作计划》及相关法律法规提问。"
            "<br>每个回答都注明出处条款，点开可查看原文；文件中没有的内容会明确说明“未找到依据”。</div>"
        ),
    )
    # After a 👎: an optional line on what is wrong, for whoever checks the answer (rag feedback shows it).
    with gr.Row(visible=False, elem_id="rag-note-row", equal_height=True) as note_row:
        note = gr.Textbox(
            placeholder="这个回答哪里不对？正确的依据或答案是……（可选，写给核对的人，回车提交）", show_label=False,
            lines=1, max_lines=3, elem_id="rag-note", scale=6, container=False,
        )
        note_send = gr.Button("提交说明", variant="secondary", size="sm", elem_id="rag-note-send", scale=1, min_width=80)
        note_skip = gr.Button("不用了", size="sm", elem_id="rag-note-skip", scale=0, min_width=70)
    noting = gr.State(None)  # the chat index of the answer the note is about
    with gr.Row(elem_classes="rag-input-row", equal_height=True):
        msg = gr.Textbox(
            placeholder="请输入问题，回车发送", show_label=False, lines=1, max_lines=4,
            elem_id="rag-input", scale=6, submit_btn=False, container=False,
        )
        send = gr.Button("提问", variant="primary", elem_id="rag-send", scale=1, min_width=80)
    with gr.Row(elem_classes="rag-example-row"):
        gr.HTML("<span class='rag-examples-title'>试试：</span>", elem_classes="rag-examples-title-wrap")
        example_buttons = [gr.Button(q, size="sm", elem_classes="rag-example") for q in EXAMPLES]

    asked = gr.State([])
    pending = gr.State("")
    # chat position of an answer → what was asked and answered, for its 👍/👎 (the latest MARKABLE answers)
    answered = gr.State({})

    def add_question(message: str, history: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str, str]:
        """Show the question at once and clear the input; the answer follows."""
        message = (message or "").strip()
        if not message:
            return history, "", ""
        return [*history, {"role": "user", "content": render_question(message)}], "", message

    def answer(message: str, scope_value: str, history: list[dict[str, Any]], asked_list: list[str],
               answers: dict[int, Feedback]):
        if not message:
            return history, asked_list, answers
        html, asked_list, result = service.reply(message, scope_value, list(asked_list or []))
        history = [*history, {"role": "assistant", "content": html}]
        if result is not None:
            kept = Feedback.from_answer("", message, result, scope_value, answer_id=uuid.uuid4().hex)
            answers = dict([*(answers or {}).items(), (len(history) - 1, kept)][-MARKABLE:])
        return history, asked_list, answers

    def mark(answers: dict[int, Feedback], data: gr.LikeData) -> tuple[Any, int | None]:
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        toast = service.mark((answers or {}).get(index), data.liked)
        if toast:
            gr.Info(toast, duration=3)
        wrong = data.liked is False and index in (answers or {})
        return gr.Row(visible=wrong), (index if wrong else None)

    def send_note(answers: dict[int, Feedback], index: int | None, text: str) -> tuple[Any, str, int | None]:
        kept, toast = service.note((answers or {}).get(index) if index is not None else None, text)
        (gr.Info if kept else gr.Warning)(toast, duration=3)
        return (gr.Row(visible=False), "", None) if kept else (gr.Row(visible=True), text, index)

    def wire(event: Any) -> None:
        event.then(None, None, None, js=SCROLL_TO_QUESTION_JS, queue=False, api_visibility="undocumented").then(
            answer, [pending, scope, chatbot, asked, answered], [chatbot, asked, answered], api_visibility="undocumented",
            show_progress="minimal",
        ).then(None, None, None, js=SCROLL_TO_QUESTION_JS, queue=False, api_visibility="undocumented")

    common = {"queue": False, "api_visibility": "undocumented"}
    wire(msg.submit(add_question, [msg, chatbot], [chatbot, msg, pending], **common))
    wire(send.click(add_question, [msg, chatbot], [chatbot, msg, pending], **common))
    for btn, q in zip(example_buttons, EXAMPLES, strict=True):
        wire(btn.click(lambda h, q=q: add_question(q, h), [chatbot], [chatbot, msg, pending], **common))
    closed = (gr.Row(visible=False), "", None)  # the note box hidden, emptied, about no answer
    clear.click(lambda: ([], [], "", {}, *closed), None, [chatbot, asked, msg, answered, note_row, note, noting],
                **common)
    chatbot.clear(lambda: ([], {}, *closed), None, [asked, answered, note_row, note, noting], **common)  # its trash icon
    note_skip.click(lambda: closed, None, [note_row, note, noting], **common)
    # Queued, unlike the events above: a toast (gr.Info) reaches the page only through the queue. One at a time,
    # in the order clicked: a quick 👎 then 👍 run side by side could be logged, or shown, the other way round.
    queued = {"api_visibility": "undocumented", "show_progress": "hidden", "concurrency_limit": 1,
              "concurrency_id": "feedback"}
    chatbot.like(mark, [answered], [note_row, noting], **queued)
    note_send.click(send_note, [answered, noting, note], [note_row, note, noting], **queued)
    note.submit(send_note, [answered, noting, note], [note_row, note, noting], **queued)
    return scope


def build_app(cfg: Config, assistant: Assistant | None = None) -> gr.Blocks:
    """The web app: header and status line, the chat tab, and the ``/ask`` and ``/feedback`` API endpoints."""
    service = ChatService(cfg, assistant or Assistant(cfg))
    with gr.Blocks(title=APP_TITLE, analytics_enabled=False) as demo:
        status = gr.HTML(service.header_html(), elem_id="rag-status")
        with gr.Tabs(elem_id="rag-tabs"):
            scope = _chat_tab(service)
            # Further tabs go here, each a function that opens its own `gr.Tab`.
            rebuilt = admin_tab(cfg, service) if cfg.admin_token else None  # only with RAG_ADMIN_TOKEN set

        def ask(question: str, scope: str = "all") -> dict[str, Any]:
            """Answer a question with the clauses it rests on; the same JSON as `rag ask --json`.

            Args:
                question: the question in Chinese, e.g. 谁牵头行政复议工作？
                scope: all (default), plan, regulations, or one document's short name such as 行政复议法
            Returns:
                question, answer, abstained, citations, related, intent, timing_ms, error
            """
            return service.ask(question, scope)

        gr.api(ask, api_name="ask")

        def feedback(question: str, verdict: str, answer: dict | None = None, scope: str = "all",
                     note: str = "") -> dict[str, Any]:
            """Mark an answer right or wrong, as the chat's 👍/👎 do; it goes to the feedback log (`rag feedback`).

            Args:
                question: the question that was asked
                verdict: good (有用), bad (有误) or withdrawn (撤回)
                answer: the JSON /ask returned for it; left out, the question is answered again and that is kept
                scope: the scope it was asked in, all by default
                note: what is wrong, or where the answer is (optional), e.g. 应是行政复议法第二十条
            Returns:
                recorded, answer_id (the same answer marked again replaces its mark), message
            """
            return service.feedback(question, verdict, answer, scope, note)

        gr.api(feedback, api_name="feedback")

        def refresh() -> tuple[str, Any]:
            """Status line and scope choices as of now (an index rebuild may have happened)."""
            return service.header_html(), gr.Dropdown(choices=service.scope_choices())

        demo.load(refresh, None, [status, scope], queue=False, api_visibility="undocumented")
        if rebuilt is not None:  # the chat's status line and scope list follow a rebuild without a page reload
            rebuilt.then(refresh, None, [status, scope], queue=False, api_visibility="undocumented")
    # Gradio's queue rebuilds a pandas summary of its last 10,000 events after every
    # event, for a monitoring page this app does not open: measured at 14% of the
    # server's CPU under load, and growing with uptime. Summarise rarely, keep less.
    for var, value in GRADIO_QUEUE_ANALYTICS.items():
        os.environ.setdefault(var, value)
    demo.queue(default_concurrency_limit=max(1, cfg.concurrency), max_size=max(64, cfg.concurrency * 32))
    return demo


def launch_options() -> dict[str, Any]:
    """Theme, CSS and footer for ``launch`` (Gradio 6 takes them there, not in ``Blocks``)."""
    theme = gr.themes.Soft(
        primary_hue="blue", secondary_hue="slate", neutral_hue="slate",
        font=FONT_STACK, font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"],
    )
    return {
        "theme": theme,
        "css": CSS_PATH.read_text(encoding="utf-8"),
        "footer_links": ["api"],
        "ssr_mode": False,
        "mcp_server": False,
        "pwa": False,
    }


def serve(cfg: Config) -> None:
    """Run the web chat on ``cfg.host:cfg.port`` until interrupted (no share link, quiet)."""
    assistant = Assistant(cfg)
    try:  # load the index and the model now, so the first visitor does not wait for them
        assistant.ask("行政复议", scope=Scope())
    except Exception:
        log.exception("warm-up failed; the first question will load the index")
    demo = build_app(cfg, assistant)
    print(f"网页问答已启动：http://{cfg.host}:{cfg.port}/（API：/ask）", flush=True)
    demo.launch(
        server_name=cfg.host, server_port=cfg.port, share=False, quiet=True, inbrowser=False,
        max_threads=max(40, cfg.concurrency * 10), show_error=False, **launch_options(),
    )
