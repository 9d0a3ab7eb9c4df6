"""Benchmark: how long the ``refer`` command and ``import referral_engine`` take to start.

Every command runs in a fresh process (as a user's shell or script runs it), pinned to one core,
``--rounds`` times; we report the best wall and CPU time of each (the machine is shared: the best
round is the least disturbed). ``--baseline SRC`` also times another tree's ``src`` folder (a git
worktree of an older commit) in the same rounds, alternating with this one, and prints the ratios.

    python bench/startup.py [--rounds 9] [--baseline /tmp/old/src] [--json bench/out/startup.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REFERRAL_ENGINE_SHARED", ROOT.parent / "shared")) / "data"
SAMPLE = SHARED / "formats" / "x-v2-twarc" / "noflat.jsonl"

CLI = "from referral_engine.cli import main; import sys; sys.argv[0] = 'refer'; main()"


def commands(work: Path) -> dict[str, list[str]]:
    """The timed commands: each a Python invocation, so that PYTHONPATH picks the tree."""
    post = work / "startup-one-post.jsonl"
    post.write_text(json.dumps({"id": "1", "text": "Does anyone know a good plumber in Austin?"}) + "\n")
    store = work / "startup.duckdb"
    return {
        "import referral_engine": ["-c", "import referral_engine"],
        "refer --help": ["-c", CLI, "--help"],
        "refer classify (one post)": ["-c", CLI, "classify", str(post)],
        "refer stats --json (small store)": ["-c", CLI, "stats", "--json", "--db", str(store)],
        "refer who --json (small store)": ["-c", CLI, "who", "a good plumber", "--json", "--db", str(store)],
    }


def prepare(work: Path) -> None:
    """A small store to query: one recorded twarc2 file, judged and ranked (made with this tree)."""
    store = work / "startup.duckdb"
    if store.exists():
        store.unlink()
    subprocess.run([sys.executable, "-c", CLI, "ingest", str(SAMPLE), "--db", str(store), "--json"],
                   check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def timed(args: list[str], src: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``python ARGS`` with ``src`` first on the path, on one core."""
    command = [sys.executable, *args]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    env = {**os.environ, "PYTHONPATH": str(src), "REFERRAL_ENGINE_THREADS": "1",
           "REFERRAL_ENGINE_DB": str(src.parent / "no-such-store.duckdb")}
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--baseline", type=Path, help="another tree's src folder, timed alternately")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "startup.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    prepare(args.work)
    trees = {"now": ROOT / "src"} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    best: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in trees}
    for label, command in commands(args.work).items():
        for _ in range(args.rounds):
            for name, src in trees.items():  # alternating, so that both see the same moments of the machine
                wall, cpu = timed(command, src)
                old = best[name].get(label, (float("inf"), float("inf")))
                best[name][label] = (min(old[0], wall), min(old[1], cpu))
    print(f"{'command':36} " + " ".join(f"{name + ' wall':>14} {name + ' CPU':>13}" for name in trees)
          + ("   baseline ÷ now (CPU)" if args.baseline else ""))
    for label in best["now"]:
        row = " ".join(f"{best[name][label][0]:13.3f}s {best[name][label][1]:12.3f}s" for name in trees)
        ratio = f"   {best['baseline'][label][1] / best['now'][label][1]:.2f}×" if args.baseline else ""
        print(f"{label:36} {row}{ratio}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({name: {label: {"wall_s": round(w, 4), "cpu_s": round(c, 4)}
                                            for label, (w, c) in runs.items()} for name, runs in best.items()},
                                    indent=1))


if __name__ == "__main__":
    main()
