"""The plain format as CSV: a header row naming the same fields as the JSONL form."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from .base import Batch, describe, reject
from .plain import POST_FIELDS, records_from_row

FORMAT = "plain-csv"


class PlainCsv:
    """Plain CSV with a header; quoted fields may span lines, so the whole file is re-read on resume."""

    format = FORMAT
    resumable = False

    def sniff(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
        if first.startswith("{") or first.startswith("["):
            return False
        try:
            header = next(csv.reader([first]))
        except (csv.Error, StopIteration):
            return False
        names = {h.strip() for h in header}
        return set(POST_FIELDS[:3]) <= names or {"type", "author"} <= names

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
        reader = csv.DictReader(text)
        if reader.fieldnames is not None:
            reader.fieldnames = [f.strip().lower() for f in reader.fieldnames]
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                yield reader.line_num, [reject(reader.line_num, f"bad CSV: {error}", "")]
                continue
            number = reader.line_num
            if None in row:  # more cells than the header names
                yield number, [reject(number, "more fields than the header", ",".join(map(str, row.values())))]
                continue
            clean = {k: v for k, v in row.items() if v not in (None, "")}
            try:
                yield number, records_from_row(clean)
            except (ValueError, TypeError) as error:
                yield number, [reject(number, describe(error), ",".join(str(v) for v in row.values()))]


SOURCE = PlainCsv()
