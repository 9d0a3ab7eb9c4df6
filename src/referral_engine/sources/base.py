"""The one small interface every platform source implements, and helpers they share."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeAlias

import msgspec

from ..model import Record, Rejected

if TYPE_CHECKING:
    from ..columns import Columns  # Arrow: loaded only by the sources that build columns

#: How many bytes of raw text a quarantined record keeps (the rest is elided).
RAW_LIMIT = 20_000


#: What a source yields: the position (line number) of a payload and the records it held.
Batch = tuple[int, list[Record]]

#: What a source's bulk path (``iter_columns``, where it has one) yields: a payload's records as
#: above, or the records of a run of payloads as columns, ``line`` being the run's last line.
ColumnBatch: TypeAlias = "tuple[int, list[Record] | Columns]"


class Source(Protocol):
    """A platform format: recognises its payloads and turns them into records.

    ``iter_records`` reads a binary stream and yields, in input order, one
    ``(line, records)`` pair per payload, ``line`` being the 1-based number of the
    payload's last line. A payload it cannot understand becomes a
    :class:`Rejected` record carrying the line and the reason: a source never
    raises for bad input, only for an unreadable stream.

    A ``resumable`` source honours ``start_line``: lines before it are skipped
    without being decoded, so an interrupted ingest resumes where its last batch
    was committed. Other sources (a JSON array, CSV) re-read from the start and
    rely on the store's upserts.
    """

    format: str
    resumable: bool

    def sniff(self, head: bytes) -> bool:
        """True when ``head`` (the first bytes of a stream) looks like this format."""
        ...

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        """Yield ``(line, records)`` for each payload of ``stream`` in input order."""
        ...


class Container(Protocol):
    """A folder or .zip whose files together make one input (the X personal archive)."""

    label: str

    def names(self) -> list[str]:
        """Paths of the files inside, with ``/`` separators, relative to the container."""
        ...

    def open(self, name: str) -> IO[bytes]:
        """A binary stream of one file inside."""
        ...


def iter_lines(stream: IO[bytes], start_line: int = 1) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line_number, line)`` for the non-blank lines of ``stream``, from ``start_line``.

    Lines keep their trailing newline (JSON decoders ignore it): stripping would
    copy every line, and twarc pages run to hundreds of kilobytes.
    """
    numbered: Iterator[tuple[int, bytes]] = enumerate(stream, 1)
    if start_line > 1:
        numbered = itertools.islice(numbered, start_line - 1, None)
    for number, line in numbered:
        if not line.isspace():
            yield number, line


def reject(line: int, reason: str, raw: bytes | str | object) -> Rejected:
    """A quarantine record for ``raw`` (bytes, text or an already decoded object)."""
    if isinstance(raw, bytes):
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
    elif isinstance(raw, str):
        text = raw.rstrip("\r\n")
    else:
        try:
            text = msgspec.json.encode(raw).decode()
        except (TypeError, msgspec.EncodeError):
            text = repr(raw)
    if len(text) > RAW_LIMIT:
        text = text[:RAW_LIMIT] + "…"
    return Rejected(line=line, reason=reason, raw=text)


def first_json_value(head: bytes) -> object | None:
    """Decode the first JSON line of ``head`` (possibly truncated), or ``None``."""
    for line in head.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            value: object = msgspec.json.decode(line)
            return value
        except ValueError:  # msgspec.DecodeError, or invalid UTF-8
            return None
    return None


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 timestamp (``Z`` or offset) as an aware UTC datetime; ``None`` when absent.

    Raises ``ValueError`` for text that is not a timestamp, so callers can quarantine.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        moment = datetime.fromtimestamp(float(value), tz=UTC)
    else:
        raise ValueError(f"not a timestamp: {value!r}")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def as_str(value: object) -> str | None:
    """Ids arrive as numbers or strings; the store keeps them as strings."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not an id: {value!r}")
    if isinstance(value, (str, int)):
        return str(value)
    raise ValueError(f"not an id: {value!r}")


def as_int(value: object) -> int | None:
    """Counts arrive as numbers or (in the X archive) as strings."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a count: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value)
    raise ValueError(f"not a count: {value!r}")


def describe(error: BaseException) -> str:
    """A one-line reason for quarantine."""
    name = type(error).__name__
    message = str(error).splitlines()[0] if str(error) else ""
    if isinstance(error, KeyError):
        return f"missing field {message}"
    return f"{name}: {message}" if message else name


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were read for detection, served again before the rest.

    ``eager``: a read returns what the stream has delivered so far (``readinto1``), rather than
    waiting for a buffer's worth (a pipe's lines are not held back)."""

    def __init__(self, head: bytes, rest: IO[bytes], *, eager: bool = False) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._readinto = getattr(rest, "readinto1" if eager else "readinto", None) or getattr(rest, "readinto", None)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._readinto is not None:  # straight into the reader's buffer: no copy on the way
            return int(self._readinto(buffer) or 0)
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def rewound(stream: IO[bytes], size: int = 64 * 1024, *, eager: bool = False) -> tuple[bytes, io.BufferedReader[Any]]:
    """The first ``size`` bytes of ``stream`` (to detect its format) and a reader of all of it.

    ``eager`` (a live stream, ``refer classify -``): the head is what has arrived once it holds a whole
    line (or ``size`` bytes, or the end), and the reader's ``read1`` returns what has arrived, so that
    nothing waits for more input than it needs.
    """
    read1 = getattr(stream, "read1", None) if eager else None
    if read1 is None:
        head = stream.read(size)
    else:
        head = b""
        while len(head) < size and b"\n" not in head:
            more = read1(size - len(head))
            if not more:
                break
            head += more
    return head, io.BufferedReader(_Rewound(head, stream, eager=eager), buffer_size=1 << 20)
