"""The probe comparison (``eval/probe_diff.py``): it must report every changed answer and nothing else."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = ROOT / "eval" / "probe_diff.py"


def _module():
    spec = importlib.util.spec_from_file_location("probe_diff", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answer(q: str, text: str, cited: list[str]) -> dict:
    return {"question": q, "answer": text, "citations": [{"label": c} for c in cited]}


def test_a_changed_answer_or_citation_is_reported_and_an_unchanged_one_is_not():
    before = [_answer("甲", "六十日", ["《行政复议法》第二十条"]), _answer("乙", "旗司法局", ["（十八）"]),
              _answer("丙", "同一句", ["第一条"])]
    after = [_answer("甲", "六十日", ["《行政复议法》第二十条"]), _answer("乙", "旗政府办", ["（十八）"]),
             _answer("丙", "同一句", ["第二条"]), _answer("丁", "新题", [])]
    changed = _module().changes(before, after)
    assert [new["question"] for _, new in changed] == ["乙", "丙"]  # 丁 was not asked before


def test_the_script_prints_the_changes(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps(_answer("谁牵头？", "旗司法局", ["（十八）"]), ensure_ascii=False) + "\n", encoding="utf-8")
    b.write_text(json.dumps(_answer("谁牵头？", "旗政府办", ["（七）"]), ensure_ascii=False) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCRIPT), str(a), str(b)], capture_output=True, text=True, check=True)
    assert "问：谁牵头？" in out.stdout and "旗政府办" in out.stdout and "1 题的回答有变化" in out.stderr


def test_the_probe_questions_are_not_eval_questions():
    # The probes are read freely while working; the eval's test split must not be among them.
    probes = {q.strip() for q in (ROOT / "eval" / "probes.txt").read_text(encoding="utf-8").splitlines() if q.strip()}
    asked = {json.loads(line)["question"].strip() for line in (ROOT / "eval" / "questions.jsonl").open(encoding="utf-8")}
    assert len(probes) > 400 and not probes & asked
