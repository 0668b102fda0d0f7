#!/usr/bin/env bash
# One-command install: a virtual environment in .venv with the package, its CPU-only
# torch and the test tools; Debian's chromium for the browser tests when run as root.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# torch is pinned to the CPU build provided on these machines; anything else pulls CUDA.
.venv/bin/pip install --disable-pip-version-check -q -e ".[dev]"
# Chinese fonts so that screenshots of the page show characters, not boxes.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium and CJK fonts for the browser tests…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "note: chromium is not installed; the browser tests will be skipped (apt-get install chromium)." >&2
  fi
fi
echo "installed. Activate with: . .venv/bin/activate   then: rag ask \"谁牵头行政复议工作？\""
