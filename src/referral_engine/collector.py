"""Pausing Python's cyclic garbage collector around bounded, allocation-heavy work.

A full collection walks every object the collector tracks; in a process holding large caches
(a trust graph, referral indexes) one costs tens of milliseconds, and allocation-heavy work (judging a
batch of posts, answering a referral question) triggers them often. That work makes only
short-lived objects without reference cycles, which reference counting frees, so the collector is
paused while it runs and resumes after: its pauses fall between answers instead of inside them.
Nesting and threads are counted, so the collector resumes only when the last paused work ends, and
only if it was running before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_DEPTH = 0
_WAS_ENABLED = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector paused (see the module's doc)."""
    global _DEPTH, _WAS_ENABLED
    with _LOCK:
        if _DEPTH == 0:
            _WAS_ENABLED = gc.isenabled()
            gc.disable()
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0 and _WAS_ENABLED:
                gc.enable()


__all__ = ["collector_paused"]
