"""A real ``rag serve`` process for the UI tests, shared by test_ui_browser.py and test_ui_api.py.

Both modules import the ``ui_server`` fixture (``ui_server_fixture``) from here. A fixture imported
into two modules is two fixtures to pytest, so the process itself is kept in a
module-level registry: the first user starts it, the last one's teardown stops it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN_DIR = ROOT / "corpus" / "plan"
REG_DIR = ROOT.parent / "shared" / "corpus" / "regulations"
START_TIMEOUT_S = 180.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(index_dir: Path, port: int) -> dict[str, str]:
    """Environment for ``rag serve`` / ``rag ask`` on the test index: same corpus, no analytics."""
    env = dict(os.environ)
    env.update(
        RAG_INDEX_DIR=str(index_dir),
        RAG_CORPUS=os.pathsep.join([str(PLAN_DIR), str(REG_DIR)]),
        RAG_HOST="127.0.0.1",
        RAG_PORT=str(port),
        GRADIO_ANALYTICS_ENABLED="False",
        TOKENIZERS_PARALLELISM="false",
        NO_PROXY="127.0.0.1,localhost",
    )
    return env


def rag_command(*args: str) -> list[str]:
    """The ``rag`` console script of this environment (or ``python -m rag.cli`` without one)."""
    script = Path(sys.executable).with_name("rag")
    if script.exists():
        return [str(script), *args]
    found = shutil.which("rag")
    return [found, *args] if found else [sys.executable, "-m", "rag.cli", *args]


@dataclass
class UIServer:
    """A running ``rag serve``: its URL, port, environment and log."""

    url: str
    port: int
    env: dict[str, str]
    log_path: Path
    proc: subprocess.Popen = field(repr=False)
    feedback_path: Path | None = None  # where the chat's 👍/👎 go (RAG_FEEDBACK_PATH), never eval/
    startup_s: float = 0.0
    users: int = 0

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


_RUNNING: dict[str, UIServer] = {}


def _wait_ready(server: UIServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"rag serve exited with {server.proc.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"rag serve did not answer on {server.url} within {timeout:.0f} s:\n{server.log_tail()}")


def start_server(index_dir: Path, log_dir: Path) -> UIServer:
    """Start ``rag serve`` on a free port and wait until the page answers with HTTP 200."""
    port = free_port()
    env = server_env(index_dir, port)
    env["RAG_FEEDBACK_PATH"] = str(log_dir / "feedback.jsonl")
    log_path = log_dir / f"rag-serve-{port}.log"
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            rag_command("serve", "--host", "127.0.0.1", "--port", str(port)),
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    server = UIServer(url=f"http://127.0.0.1:{port}/", port=port, env=env, log_path=log_path, proc=proc,
                      feedback_path=log_dir / "feedback.jsonl")
    _wait_ready(server, START_TIMEOUT_S)
    server.startup_s = time.monotonic() - t0
    return server


@pytest.fixture(scope="session", name="ui_server")
def ui_server_fixture(built_index: Path, tmp_path_factory) -> Iterator[UIServer]:
    """One ``rag serve`` on the session's test index, shared by all UI test modules."""
    if not REG_DIR.is_dir():
        pytest.skip(f"shared regulations not found at {REG_DIR}")
    key = str(built_index)
    server = _RUNNING.get(key)
    if server is None or server.proc.poll() is not None:
        server = start_server(built_index, tmp_path_factory.mktemp("ui-server"))
        _RUNNING[key] = server
    server.users += 1
    try:
        yield server
    finally:
        server.users -= 1
        if server.users <= 0:
            server.stop()
            _RUNNING.pop(key, None)
