"""Stage timers for the ingest benchmark: where the CPU time of an ingest goes.

``python bench/ingest.py --stages ...`` runs each Referral Engine child with these
timers installed: process CPU seconds spent in each stage of the X v2 bulk path
(reading lines, msgspec decoding, gathering rows, building Arrow columns, the
record path for other lines, staging) and in each kind of DuckDB statement
(merges per table, commits, the queries before and after). The timers wrap
functions and the store's connection from outside; they cost a few percent.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any


def install(store: Any) -> Counter[str]:
    """Wrap the bulk path's functions and ``store``'s connection; return the CPU seconds per stage."""
    from referral_engine.sources import x_v2_columns
    from referral_engine.store import writer

    spent: Counter[str] = Counter()
    _wrap(x_v2_columns, "_decode_line", "decode JSON (msgspec)", spent)
    _wrap(x_v2_columns, "records_from_line", "record path (lines left to it)", spent)
    _wrap(x_v2_columns._Rows, "add", "gather rows (Python)", spent)
    _wrap(x_v2_columns._Rows, "take", "build Arrow columns", spent)
    _wrap(writer.Writer, "add_columns", "stage batches", spent)
    _wrap(writer.Writer, "add_many", "stage batches", spent)
    _wrap(writer.Writer, "_batch", "stage batches", spent)
    lines = x_v2_columns._lines

    def timed_lines(*args: Any) -> Iterator[Any]:
        it = lines(*args)
        while True:
            start = time.process_time()
            try:
                item = next(it)
            except StopIteration:
                spent["read lines"] += time.process_time() - start
                return
            spent["read lines"] += time.process_time() - start
            yield item

    x_v2_columns._lines = timed_lines  # type: ignore[assignment]
    store._con = _Timed(store._con, spent)
    return spent


def _wrap(owner: Any, name: str, stage: str, spent: Counter[str]) -> None:
    function: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    setattr(owner, name, timed)


_TABLE = re.compile(r"^\s*(MERGE INTO|INSERT OR REPLACE INTO|INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)", re.I)


class _Timed:
    """A DuckDB connection whose statements are timed by kind (``merge accounts``, ``commit``...)."""

    def __init__(self, con: Any, spent: Counter[str]) -> None:
        self._con = con
        self._spent = spent

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: str, *args: Any) -> Any:
        start = time.process_time()
        try:
            return self._con.execute(sql, *args)
        finally:
            self._spent[_kind(sql)] += time.process_time() - start


def _kind(sql: str) -> str:
    found = _TABLE.match(sql)
    if found:
        verb = found.group(1).split()[0].lower()
        return f"DuckDB: {'merge' if verb == 'merge' else verb} {found.group(2)}"
    word = sql.split(None, 1)[0].upper()
    if word == "COMMIT":
        return "DuckDB: commit (compression, checkpoints)"
    return "DuckDB: other statements (stats, progress, settings)"
