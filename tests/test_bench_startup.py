"""bench/startup.py on one round, so the bench does not rot: every command it times runs and succeeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_startup_bench_times_every_command(tmp_path: Path) -> None:
    out = tmp_path / "startup.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "startup.py"), "--rounds", "1", "--work", str(tmp_path),
                    "--json", str(out)], check=True, capture_output=True, timeout=300)
    timed = json.loads(out.read_text())["now"]
    assert set(timed) == {"import referral_engine", "refer --help", "refer classify (one post)",
                          "refer stats --json (small store)", "refer who --json (small store)"}
    assert all(0 < run["cpu_s"] < 60 and run["wall_s"] > 0 for run in timed.values())
