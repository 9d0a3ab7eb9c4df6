"""Items per CPU second of several tools on the same input: the runner ``bench/libraries.py`` uses.

Each tool is a function that processes the whole input once and returns how many outputs it
made (a sanity check). :func:`measure` times it in rounds of a minimum CPU time, best round
kept; :class:`Bench` runs one tool, prints its line and keeps its :class:`Result` (a library that
fails on the input is a finding, kept with its error).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class Result:
    group: str
    input: str
    tool: str
    unit: str
    items: int  # units per pass
    outputs: int  # what one pass produced (records, dicts, rows): a sanity check
    seconds: float  # best pass, process CPU time
    rate: float  # items per CPU second
    wall_rate: float  # items per wall-clock second (lower when other processes share the core)
    note: str = ""


def count(values: Iterable[object]) -> int:
    """How many values an iterator yields, without keeping them (a kept list would make the GC work)."""
    return sum(1 for _ in values)


def measure(fn: Callable[[], int], *, min_time: float, rounds: int) -> tuple[float, float, int]:
    """Best CPU seconds and wall seconds per call of ``fn``, over ``rounds`` rounds of ``min_time`` CPU each.

    CPU time (``time.process_time``) is what the rates use: on a shared machine the
    wall clock also counts the time other processes held the core.
    """
    out = fn()  # warm-up (imports, caches)
    best_cpu = best_wall = float("inf")
    for _ in range(rounds):
        calls = 0
        cpu0, wall0 = time.process_time(), time.perf_counter()
        while True:
            out = fn()
            calls += 1
            cpu = time.process_time() - cpu0
            if cpu >= min_time:
                break
        best_cpu = min(best_cpu, cpu / calls)
        best_wall = min(best_wall, (time.perf_counter() - wall0) / calls)
    return best_cpu, best_wall, out


class Bench:
    def __init__(self, quick: bool) -> None:
        self.min_time = 0.2 if quick else 1.0
        self.rounds = 1 if quick else 3
        self.results: list[Result] = []

    def run(
        self, group: str, input: str, tool: str, unit: str, items: int, fn: Callable[[], int], note: str = ""
    ) -> Result | None:
        try:
            seconds, wall, out = measure(fn, min_time=self.min_time, rounds=self.rounds)
        except Exception as error:  # a library that cannot read the input is a finding
            print(f"  {group:9} {input:22} {tool:44} FAILED: {type(error).__name__}: {error}"[:200], flush=True)
            self.results.append(
                Result(
                    group, input, tool, unit, items, 0, 0.0, 0.0, 0.0, f"failed: {type(error).__name__}: {error}"[:300]
                )
            )
            return None
        result = Result(group, input, tool, unit, items, out, seconds, items / seconds, items / wall, note)
        self.results.append(result)
        print(
            f"  {group:9} {input:22} {tool:44} {result.rate:>12,.0f} {unit}/s  ({items:,} {unit}, {out:,} out)",
            flush=True,
        )
        return result
