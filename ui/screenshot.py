"""Screenshots of the running web chat for the docs (laptop and phone width).

Usage, with ``rag serve`` running::

    python -m ui.screenshot --url http://127.0.0.1:7860/ --out docs/

Drives Debian's Chromium through Playwright (a dev dependency), asks one
question, and writes ``screenshot.png`` (1280×900) and ``screenshot-mobile.png``
(390×844). Requests that leave 127.0.0.1 are blocked.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = {"screenshot.png": (1280, 900, 1), "screenshot-mobile.png": (390, 844, 2)}


def take(url: str, out: Path, question: str, chromium: str = CHROMIUM) -> list[Path]:
    """Ask ``question`` at each size and save the page; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, (width, height, scale) in SIZES.items():
            ctx = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                      device_scale_factor=scale, is_mobile=width < 600, has_touch=width < 600)
            page = ctx.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("http://127.0.0.1", "http://localhost"))
                       else r.abort())
            page.goto(url, wait_until="load")
            page.wait_for_selector("#rag-input textarea", timeout=60_000)
            page.locator("#rag-input textarea").fill(question)
            page.locator("#rag-send").click()
            page.wait_for_selector("#rag-chat .rag-msg", timeout=60_000)
            page.wait_for_timeout(600)  # let the chat finish scrolling
            page.evaluate("window.scrollTo(0, 0)")
            path = out / name
            page.screenshot(path=str(path))
            written.append(path)
            ctx.close()
        browser.close()
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description="网页问答截图（笔记本与手机宽度）")
    ap.add_argument("--url", default="http://127.0.0.1:7860/")
    ap.add_argument("--out", type=Path, default=Path("docs"))
    ap.add_argument("--question", default="谁牵头行政复议工作？")
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args()
    for path in take(args.url, args.out, args.question, args.chromium):
        print(path)


if __name__ == "__main__":
    main()
