"""Benchmark: ``refer classify`` over a realistic stream, reading and writing JSONL, on one core.

The stream is the 49,785 real tweets of the dev data (``../shared/data/dev``),
repeated to the size asked for (ids made unique), as plain JSONL ``{"id", "text"}``.
The command runs pinned to one core (``taskset -c 0``); we time it whole (start-up
included) and report posts per second, the best of ``--runs`` runs (the machine is
shared: the best run is the one least disturbed). Start-up alone is timed on a
one-post stream, so that the cost per post can be given without it. Target: at least
200,000 posts/s.

    python bench/classify.py [--posts 500000] [--runs 3] [--work bench/out]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REFERRAL_ENGINE_SHARED", ROOT.parent / "shared")) / "data"
DEV = SHARED / "dev" / "tweets_sentiment140_2009.jsonl"


def build_stream(path: Path, posts: int) -> int:
    """Write ``posts`` plain JSONL posts cycling through the real tweets; returns how many were written."""
    texts = [json.loads(line)["text"] for line in DEV.read_text().splitlines() if line.strip()]
    with path.open("w") as out:
        for i in range(posts):
            out.write(json.dumps({"id": f"b{i}", "text": texts[i % len(texts)]}) + "\n")
    return posts


def run(stream: Path, output: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``refer classify`` on one core."""
    refer = Path(sys.executable).with_name("refer")
    command = [str(refer), "classify", str(stream)]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    env = {**os.environ, "REFERRAL_ENGINE_THREADS": "1", "REFERRAL_ENGINE_DB": str(output.parent / "none.duckdb")}
    before = os.times()
    start = time.perf_counter()
    with output.open("wb") as sink:
        subprocess.run(command, stdout=sink, check=True, env=env)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3, help="runs to time; the best is reported")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    stream = args.work / f"classify-{args.posts}.jsonl"
    if not stream.exists():
        build_stream(stream, args.posts)
    output = args.work / "classify-out.jsonl"
    timed = [run(stream, output) for _ in range(max(1, args.runs))]
    wall, cpu = min(t[0] for t in timed), min(t[1] for t in timed)
    one = args.work / "classify-1.jsonl"
    build_stream(one, 1)
    start_cpu = min(run(one, args.work / "classify-1-out.jsonl")[1] for _ in range(max(1, args.runs)))
    lines = sum(1 for _ in output.open("rb"))
    assert lines == args.posts, f"{lines} outputs for {args.posts} posts"
    requests = sum(1 for line in output.open("rb") if b'"request":{' in line)
    result = {
        "posts": args.posts,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "posts_per_s_wall": round(args.posts / wall),
        "posts_per_s_cpu": round(args.posts / cpu),
        "startup_cpu_s": round(start_cpu, 2),
        "us_per_post_cpu_after_startup": round((cpu - start_cpu) / args.posts * 1e6, 2),
        "requests_found": requests,
        "machine": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=2))
    (args.work / "classify.json").write_text(json.dumps(result, indent=2))
    target = 200_000
    print(
        f"refer classify: {result['posts_per_s_wall']:,} posts/s wall, {result['posts_per_s_cpu']:,} per CPU-second "
        f"(target {target:,}): {'met' if result['posts_per_s_wall'] >= target else 'not met'}"
    )


if __name__ == "__main__":
    main()
