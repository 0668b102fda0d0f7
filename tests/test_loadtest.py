"""The load script (``eval/loadtest.py``): it may only touch this machine, and its figures must be real.

The README's load figures come from this script, so it is run here against a
real ``rag serve``: a short, small run must see every request answered and
count them, and a server-side error must be counted as an error, not a success.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ui_server import UIServer, ui_server_fixture  # noqa: F401  (the ui_server fixture)

SCRIPT = ROOT / "eval" / "loadtest.py"


def _load_module():
    spec = importlib.util.spec_from_file_location("loadtest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["loadtest"] = module
    spec.loader.exec_module(module)
    return module


loadtest = _load_module()


@pytest.mark.parametrize("url", ["http://example.com:7860", "http://10.0.0.5:7860", "ftp://127.0.0.1/", "http://127.0.0.1.nip.io/"])
def test_refuses_anything_but_this_machine(url):
    proc = subprocess.run([sys.executable, str(SCRIPT), "--url", url, "--seconds", "1"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "本机" in proc.stderr or "http/https" in proc.stderr


@pytest.mark.parametrize("url", ["http://127.0.0.1:7860", "http://localhost:7860/", "http://[::1]:7860"])
def test_accepts_loopback(url):
    assert loadtest.check_loopback(url) == url


def test_sse_complete_event_gives_the_answer_and_error_event_raises():
    answer = {"answer": "旗司法局", "abstained": False}
    stream = f"event: generating\ndata: null\n\nevent: complete\ndata: {json.dumps([answer])}\n\n"
    assert loadtest.parse_sse(stream) == answer
    with pytest.raises(RuntimeError, match="服务端报错"):
        loadtest.parse_sse("event: error\ndata: \"boom\"\n\n")
    with pytest.raises(RuntimeError, match="没有结果"):
        loadtest.parse_sse("event: heartbeat\ndata: null\n\n")


def test_percentile_is_nearest_rank():
    values = [float(x) for x in range(1, 101)]
    assert loadtest.percentile(values, 50) == 50.0
    assert loadtest.percentile(values, 95) == 95.0
    assert loadtest.percentile([3.0], 95) == 3.0


def test_short_run_against_a_real_server_counts_every_request(ui_server: UIServer, tmp_path: Path):
    out = tmp_path / "load.json"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--url", ui_server.url, "--streams", "3", "--seconds", "3",
         "--max-requests", "5", "--json", str(out)],
        capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["errors"] == 0 and summary["error_samples"] == []
    assert 1 <= summary["ok"] <= 3 * 5  # the per-stream cap bounds the run
    assert summary["requests"] == summary["ok"]
    assert 0 < summary["latency_ms"]["p50"] <= summary["latency_ms"]["p95"] <= summary["latency_ms"]["max"]
    assert summary["server_timing_ms"]["p50"] > 0  # the server's own timing came back in each answer
    assert "吞吐量" in proc.stdout


def test_unreachable_server_is_an_error_not_a_success():
    from tests.ui_server import free_port

    summary = loadtest.run(f"http://127.0.0.1:{free_port()}", streams=2, seconds=1, scope="all", max_requests=2, timeout=5)
    assert summary["ok"] == 0
    assert summary["errors"] == 2 and all("连接失败" in e for e in summary["error_samples"])
