"""bench/classify.py on a small stream, so the bench does not rot: it builds its stream from the real tweets,
times ``refer classify`` on it and checks that every post was answered."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import shared

ROOT = Path(__file__).resolve().parents[1]


def test_classify_bench_answers_every_post(tmp_path: Path) -> None:
    shared("dev", "tweets_sentiment140_2009.jsonl")  # skips without the shared data
    subprocess.run([sys.executable, str(ROOT / "bench" / "classify.py"), "--posts", "3000", "--runs", "1",
                    "--work", str(tmp_path)], check=True, capture_output=True, timeout=300)
    result = json.loads((tmp_path / "classify.json").read_text())
    assert result["posts"] == 3000 and result["posts_per_s_cpu"] > 0 and result["requests_found"] >= 1
    lines = (tmp_path / "classify-out.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"b{i}" for i in range(3000)]
