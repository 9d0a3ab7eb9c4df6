"""``collector_paused``: the cyclic garbage collector is paused inside, restored after, nested or not."""

from __future__ import annotations

import gc
import threading

from referral_engine.collector import collector_paused


def test_paused_inside_and_restored_after_nesting() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_restored_after_an_error_and_across_threads() -> None:
    inside = threading.Event()
    release = threading.Event()

    def work() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=work)
    thread.start()
    inside.wait(5)
    try:
        with collector_paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert not gc.isenabled()  # the other thread's block is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()
