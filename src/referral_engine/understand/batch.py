"""Classifying many posts at once: from any input format (or the store) to judgements in input order.

``refer classify`` reads posts in any supported format, including the plain
JSONL with just ``id`` and ``text`` (``reply_to`` gives a reply its context when
the parent is in the input or the store), and writes one JSON object per post.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import msgspec

from ..collector import collector_paused
from ..model import Post
from ..sources import detect, get_source
from ..sources.base import rewound
from . import understand
from .model import Judgement


class Item(msgspec.Struct, frozen=True, gc=False):
    """What classification needs of a post."""

    id: str
    text: str
    reply_to: str | None = None
    author: str | None = None
    is_repost: bool = False


class _PlainRow(msgspec.Struct, gc=False):
    id: str | int
    text: str
    reply_to: str | int | None = None
    author: str | int | None = None


def read_items(stream: IO[bytes], *, format: str | None = None, name: str = "<stdin>") -> Iterator[Item]:
    """The posts of ``stream`` as classification items, in input order.

    Plain JSONL needs only ``id`` and ``text``. Other formats go through their
    source; only posts are kept. A line that cannot be read raises ``ValueError``
    naming the input, the line and the reason.
    """
    head, stream = rewound(stream)
    fmt = format or detect(head) or ("plain-jsonl" if head.lstrip().startswith(b"{") else None)
    if fmt is None:
        raise ValueError(f"{name}: unknown format; pass --format")
    if fmt == "plain-jsonl":
        for row in _plain_rows(stream, name):
            post_id, reply_to, author = row.id, row.reply_to, row.author
            yield Item(post_id if post_id.__class__ is str else str(post_id), row.text,
                       reply_to if reply_to is None or reply_to.__class__ is str else str(reply_to),
                       author if author is None or author.__class__ is str else str(author))
        return
    for _, records in get_source(fmt).iter_records(stream):
        for record in records:
            if isinstance(record, Post):
                yield Item(record.id, record.text, record.reply_to_id, record.author_id,
                           record.repost_of_id is not None)


_ROWS = msgspec.json.Decoder(_PlainRow)


def _plain_rows(stream: IO[bytes], name: str, block: int = 1 << 20) -> Iterator[_PlainRow]:
    """The rows of plain JSONL, decoded a block of lines at a time (one call for thousands of lines).

    A block whose lines are not exactly one row each (a blank line, two values on a line, a bad line) is
    decoded again line by line, so that blank lines are skipped and an error names its line.
    """
    first_line = 1
    rest = b""
    while True:
        data = stream.read(block)
        if not data:
            if rest:
                yield from _decode_rows(rest, first_line, name)
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if not cut:
            rest = data
            continue
        rest = data[cut:]
        yield from _decode_rows(data[:cut], first_line, name)
        first_line += data.count(b"\n", 0, cut)


def _decode_rows(lines: bytes, first_line: int, name: str) -> list[_PlainRow]:
    expected = lines.count(b"\n") + (not lines.endswith(b"\n"))
    try:
        rows = _ROWS.decode_lines(lines)
        if len(rows) == expected:
            return rows
    except (msgspec.DecodeError, UnicodeDecodeError):
        pass
    rows = []
    for number, line in enumerate(lines.split(b"\n"), first_line):
        if not line or line.isspace():
            continue
        try:
            rows.append(_ROWS.decode(line))
        except (msgspec.DecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"{name}, line {number}: {error}") from error
    return rows


def judge(items: Iterable[Item], parent_text: Callable[[str], str | None]) -> Iterator[tuple[Item, Judgement]]:
    """Each item with its judgement; ``parent_text`` finds a parent's text by id (input, then store)."""
    for item in items:
        parent = parent_text(item.reply_to) if item.reply_to else None
        yield item, understand(item.text, parent_text=parent, is_reply=item.reply_to is not None,
                               is_repost=item.is_repost, author=item.author, with_cues=False)


class _RequestOut(msgspec.Struct, gc=False):
    sought: str
    category: str | None
    location: str | None
    kind: str
    score: float


class _EndorsementOut(msgspec.Struct, gc=False):
    target: str
    for_: str | None = msgspec.field(name="for")
    polarity: str = "positive"
    score: float = 0.0


class _Output(msgspec.Struct, gc=False):
    """``as_output``'s shape as a struct: msgspec writes it, field for field in this order, many at a time."""

    id: str
    request: _RequestOut | None
    endorsements: list[_EndorsementOut]
    post_kind: str


def classify_lines(
    items: Iterable[Item], parent_text: Callable[[str], str | None], *, chunk: int = 4096,
) -> Iterator[bytes]:
    """``refer classify``'s output: the JSON line of each item (the shape of :func:`as_output`), in input order.

    Lines come in chunks of up to ``chunk`` posts, each chunk one ``bytes``: encoding many posts in one call
    costs a fraction of encoding each alone. The cyclic garbage collector is paused while a chunk is judged:
    judging makes only short-lived, acyclic objects, and each collection would walk every object alive
    (about 8% of the time, measured).
    """
    encode_lines = msgspec.json.Encoder().encode_lines
    none: list[_EndorsementOut] = []  # shared by the posts that endorse no one: encoded, never changed
    judged = judge(items, parent_text)
    while True:
        out: list[_Output] = []
        add = out.append
        with collector_paused():
            for item, judgement in itertools.islice(judged, chunk):
                request = judgement.request
                add(_Output(
                    item.id,
                    None if request is None else _RequestOut(request.sought, request.category, request.location,
                                                              request.kind, round(request.score, 4)),
                    [_EndorsementOut(e.target, e.for_, e.polarity, round(e.score, 4))
                     for e in judgement.endorsements] if judgement.endorsements else none,
                    judgement.post_kind))
        if not out:
            return
        yield encode_lines(out)


def as_output(item: Item, judgement: Judgement) -> dict[str, Any]:
    """The public JSON shape of one classified post (``refer classify``)."""
    request = judgement.request
    return {
        "id": item.id,
        "request": None if request is None else {
            "sought": request.sought, "category": request.category, "location": request.location,
            "kind": request.kind, "score": round(request.score, 4),
        },
        "endorsements": [
            {"target": e.target, "for": e.for_, "polarity": e.polarity, "score": round(e.score, 4)}
            for e in judgement.endorsements
        ],
        "post_kind": judgement.post_kind,
    }
