"""Load test for a running ``rag serve``: concurrent question streams against its ``/ask`` API.

Each stream is a thread with its own keep-alive HTTP connection that asks one
question, waits for the answer, and asks the next, until the time is up. The
questions are a fixed list of realistic ones, so two runs are comparable.
Reports throughput, latency percentiles (as the client sees them, and the
server's own ``timing_ms``) and every error.

Safety and bounds: only a server on this machine is accepted (127.0.0.1,
localhost or ::1; anything else is refused before a single request); every
loop is bounded by the deadline, by ``--max-requests`` per stream and by a
per-request timeout, so the script always stops by itself.

    rag serve --port 7861 &
    python eval/loadtest.py --url http://127.0.0.1:7861 --streams 20 --seconds 30

Exit status: 0 when every request succeeded (and p95 is within ``--max-p95``
when given), 1 otherwise, 2 for a refused URL.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

# What staff ask: responsibilities in the plan, articles, deadlines, procedures.
QUESTIONS = [
    "谁牵头行政复议工作？",
    "行政复议法第二十条规定了什么？",
    "重大行政决策需要经过哪些程序？",
    "如何规范涉企行政检查？",
    "政府信息公开申请应在多少日内答复？",
    "行政执法“三项制度”由哪个部门牵头落实？",
    "公平竞争审查由谁负责？",
    "政府督查的对象包括哪些？",
    "行政机关发现涉嫌犯罪案件应当如何移送？",
    "人民调解委员会由哪些人组成？",
    "行政处罚的追责时效是多长时间？",
    "申请行政许可需要提交哪些材料？",
    "信访事项应当在多长时间内办结？",
    "突发事件应对中政府有哪些职责？",
    "优化营商环境条例对政务服务有什么要求？",
    "2024年法治政府建设工作计划中关于法治宣传教育的任务有哪些？",
    "行政诉讼的起诉期限是多久？",
    "外商投资企业的合法权益如何保护？",
    "滥用行政权力排除限制竞争有什么法律责任？",
    "旗司法局负责哪些工作？",
]


@dataclass
class StreamResult:
    """What one stream saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    server_ms: list[float] = field(default_factory=list)
    abstained: int = 0
    errors: list[str] = field(default_factory=list)


def check_loopback(url: str) -> str:
    """Return the URL if its host is this machine; raise ``ValueError`` naming the rule otherwise."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"只支持 http/https 地址：{url}")
    host = (parts.hostname or "").lower()
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"拒绝对 {host or url!r} 施压：负载测试只允许本机地址（127.0.0.1、localhost、::1）。")
    return parts.geturl()


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class AskClient:
    """Gradio's documented REST protocol over one keep-alive connection (stdlib only).

    ``POST /gradio_api/call/ask`` queues the question and returns an event id;
    ``GET /gradio_api/call/ask/<id>`` streams server-sent events until
    ``complete`` (the answer) or ``error``. This is the same queue path as the
    chat and ``gradio_client``, but costs the load generator almost no CPU:
    ``gradio_client`` used more than a core on its own for 20 streams, on the
    same 2 cores as the server, and so measured itself as much as the server.
    """

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.https = parts.scheme == "https"
        self.base = parts.path.rstrip("/")
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
            self._conn = cls(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _request(self, method: str, path: str, body: bytes | None = None) -> bytes:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            conn = self._connection()
            conn.request(method, self.base + path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException):
            self.close()  # a broken keep-alive connection is not reused
            raise
        if resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status}: {data[:200].decode('utf-8', 'replace')}")
        return data

    def ask(self, question: str, scope: str) -> dict[str, Any]:
        """The answer dict of ``/ask``; raises on transport errors and on an ``error`` event."""
        body = json.dumps({"data": [question, scope]}).encode("utf-8")
        event_id = json.loads(self._request("POST", "/gradio_api/call/ask", body))["event_id"]
        return parse_sse(self._request("GET", f"/gradio_api/call/ask/{event_id}").decode("utf-8"))


def parse_sse(stream: str) -> dict[str, Any]:
    """The result of a Gradio ``/call`` event stream: the ``complete`` event's first output."""
    event = ""
    for line in stream.splitlines():
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:") and event in ("complete", "error"):
            data = line[5:].strip()
            if event == "error":
                raise RuntimeError(f"服务端报错：{data[:200]}")
            out = json.loads(data)
            return out[0] if isinstance(out, list) and out else out
    raise RuntimeError(f"事件流没有结果：{stream[:200]}")


def run_stream(
    index: int,
    url: str,
    scope: str,
    start: threading.Barrier,
    deadline_box: list[float],
    max_requests: int,
    timeout: float,
) -> StreamResult:
    """One closed-loop stream: ask, wait, ask the next, until the deadline or the request cap."""
    result = StreamResult()
    client = AskClient(url, timeout)
    try:  # one warm-up request per stream, outside the clock: connection refused, not a Gradio app...
        client.ask(QUESTIONS[index % len(QUESTIONS)], scope)
    except Exception as exc:
        result.errors.append(f"连接失败：{type(exc).__name__}: {exc}"[:300])
        client.close()
        client = None
    with contextlib.suppress(threading.BrokenBarrierError):
        start.wait(timeout=120)
    if client is None:
        return result
    deadline = deadline_box[0]
    for n in range(max_requests):
        if time.monotonic() >= deadline:
            break
        question = QUESTIONS[(index * 7 + n) % len(QUESTIONS)]
        t0 = time.perf_counter()
        try:
            out = client.ask(question, scope)
        except Exception as exc:
            result.errors.append(f"{question}: {type(exc).__name__}: {exc}"[:300])
            continue
        elapsed = time.perf_counter() - t0
        if not isinstance(out, dict) or not out.get("answer") or out.get("error"):
            result.errors.append(f"{question}: 意外的回答 {str(out)[:200]}")
            continue
        result.latencies.append(elapsed)
        result.server_ms.append(float(out.get("timing_ms") or 0.0))
        result.abstained += bool(out.get("abstained"))
    client.close()
    return result


def run(url: str, streams: int, seconds: float, scope: str, max_requests: int, timeout: float) -> dict[str, Any]:
    """Run the streams and return the summary (see ``main`` for the printed form)."""
    results: list[StreamResult] = [StreamResult() for _ in range(streams)]
    deadline_box = [math.inf]

    def started() -> None:  # runs once, when every client is connected: the clock starts now
        deadline_box[0] = time.monotonic() + seconds

    start = threading.Barrier(streams + 1, action=started)

    def target(i: int) -> None:
        results[i] = run_stream(i, url, scope, start, deadline_box, max_requests, timeout)

    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(streams)]
    for t in threads:
        t.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        start.wait(timeout=120)
    t0 = time.monotonic()
    for t in threads:
        t.join(timeout=seconds + timeout + 30)
    wall = time.monotonic() - t0
    hung = sum(t.is_alive() for t in threads)

    latencies = [x for r in results for x in r.latencies]
    server = [x for r in results for x in r.server_ms]
    errors = [e for r in results for e in r.errors] + [f"{hung} 个线程未按时结束"] * bool(hung)
    ms = 1000.0
    return {
        "url": url,
        "streams": streams,
        "seconds": round(wall, 2),
        "requests": len(latencies) + len(errors),
        "ok": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:10],
        "abstained": sum(r.abstained for r in results),
        "throughput_rps": round(len(latencies) / wall, 2) if wall > 0 else 0.0,
        "latency_ms": {
            "p50": round(percentile(latencies, 50) * ms, 1),
            "p95": round(percentile(latencies, 95) * ms, 1),
            "p99": round(percentile(latencies, 99) * ms, 1),
            "max": round(max(latencies, default=math.nan) * ms, 1),
            "mean": round(sum(latencies) / len(latencies) * ms, 1) if latencies else math.nan,
        },
        "server_timing_ms": {"p50": round(percentile(server, 50), 1), "p95": round(percentile(server, 95), 1)},
    }


def format_summary(s: dict[str, Any]) -> str:
    lat, srv = s["latency_ms"], s["server_timing_ms"]
    lines = [
        f"负载测试：{s['url']}，{s['streams']} 路并发，{s['seconds']} 秒",
        f"请求 {s['requests']} 个：成功 {s['ok']}，错误 {s['errors']}（其中拒答 {s['abstained']} 个，不算错误）",
        f"吞吐量 {s['throughput_rps']} 个/秒",
        f"客户端延迟 p50 {lat['p50']} ms，p95 {lat['p95']} ms，p99 {lat['p99']} ms，最大 {lat['max']} ms",
        f"服务端 timing_ms p50 {srv['p50']} ms，p95 {srv['p95']} ms",
    ]
    lines += [f"  错误：{e}" for e in s["error_samples"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="对本机运行的 rag serve 的 /ask 接口做并发负载测试。")
    parser.add_argument("--url", default="http://127.0.0.1:7860", help="服务地址，只允许本机（默认 http://127.0.0.1:7860）")
    parser.add_argument("--streams", type=int, default=20, help="并发提问流数（默认 20）")
    parser.add_argument("--seconds", type=float, default=30.0, help="测试时长，秒（默认 30）")
    parser.add_argument("--scope", default="all", help="检索范围（默认 all）")
    parser.add_argument("--max-requests", type=int, default=1000, help="每路请求数上限（默认 1000）")
    parser.add_argument("--timeout", type=float, default=30.0, help="单个请求的超时，秒（默认 30）")
    parser.add_argument("--max-p95", type=float, help="p95 延迟上限（毫秒）；超过时以状态 1 退出")
    parser.add_argument("--json", type=str, metavar="FILE", help="另把结果写成 JSON 文件")
    args = parser.parse_args(argv)
    try:
        url = check_loopback(args.url)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if not (1 <= args.streams <= 200) or not (0 < args.seconds <= 600) or args.max_requests < 1:
        print("错误：--streams 取 1–200，--seconds 取 0–600，--max-requests 至少为 1。", file=sys.stderr)
        return 2
    summary = run(url, args.streams, args.seconds, args.scope, args.max_requests, args.timeout)
    print(format_summary(summary))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=2)
    too_slow = args.max_p95 is not None and not summary["latency_ms"]["p95"] <= args.max_p95
    return 1 if summary["errors"] or too_slow or not summary["ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
