"""A check that a compiled call releases the GIL, for the kernels' tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from itertools import pairwise


def assert_runs_without_the_gil(call: Callable[[], object]) -> None:
    """Run ``call`` in a thread while this one keeps stamping the clock: with the GIL held for the
    whole call, the stamps would stop for as long as it lasts."""
    span: list[float] = []

    def work() -> None:
        began = time.perf_counter()
        call()
        span.append(time.perf_counter() - began)

    worker = threading.Thread(target=work)
    stamps = [time.perf_counter()]
    worker.start()
    while worker.is_alive():
        stamps.append(time.perf_counter())
    worker.join()
    assert span[0] > 0.1  # long enough for a held GIL to show
    assert max(b - a for a, b in pairwise(stamps)) < span[0] / 2
