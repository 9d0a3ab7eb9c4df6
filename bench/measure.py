"""What every benchmark reports beside its figures: the machine, library versions, latency percentiles,
and CPU time of repeated calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo ("unknown" elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def memory_gib() -> float | None:
    """The machine's memory in GiB, from /proc/meminfo (``None`` elsewhere)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def version(package: str) -> str | None:
    """The installed version of ``package``, or ``None``."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds of ``seconds``, and how many."""
    ms = np.array(seconds) * 1e3
    return {
        "queries": len(ms),
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "p99_ms": float(np.percentile(ms, 99)),
        "max_ms": float(ms.max()),
    }


# The machine is shared (2 cores, other jobs running): throughput is measured in CPU seconds of
# this process, which waiting for a core does not inflate; query latencies are given both ways.
CLOCK = time.process_time


def timed(func: Callable[[], Any], repeats: int) -> tuple[float, float, Any]:
    """Best and median CPU seconds of ``repeats`` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        began = CLOCK()
        result = func()
        times.append(CLOCK() - began)
    return min(times), float(np.median(times)), result
