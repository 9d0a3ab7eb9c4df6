"""Classifying many posts at once: from any input format (or the store) to judgements in input order.

``refer classify`` reads posts in any supported format, including the plain
JSONL with just ``id`` and ``text`` (``reply_to`` gives a reply its context when
the parent is in the input or the store), and writes one JSON object per post.

It streams: posts are judged and written a block at a time as they arrive (a pipe's
lines are answered as soon as they are read, not at the end of the input), and memory
does not grow with the input. A reply finds its parent among the posts of its own
block (before or after it), the :data:`RECENT_KEPT` posts read before that, or the store.
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
    for block in read_blocks(stream, format=format, name=name):
        yield from block


def read_blocks(stream: IO[bytes], *, format: str | None = None, name: str = "<stdin>") -> Iterator[list[Item]]:
    """:func:`read_items`, a block at a time: the posts of what the input has delivered so far (up to a
    megabyte of plain JSONL; one payload of another format), so that a pipe's posts are not held back."""
    head, stream = rewound(stream, eager=True)
    fmt = format or detect(head) or ("plain-jsonl" if head.lstrip().startswith(b"{") else None)
    if fmt is None:
        raise ValueError(f"{name}: unknown format; pass --format")
    if fmt == "plain-jsonl":
        for rows in _plain_blocks(stream, name):
            yield [Item(post_id if (post_id := row.id).__class__ is str else str(post_id), row.text,
                        reply_to if (reply_to := row.reply_to) is None or reply_to.__class__ is str else str(reply_to),
                        author if (author := row.author) is None or author.__class__ is str else str(author))
                   for row in rows]
        return
    for _, records in get_source(fmt).iter_records(stream):
        posts = [Item(record.id, record.text, record.reply_to_id, record.author_id, record.repost_of_id is not None)
                 for record in records if isinstance(record, Post)]
        if posts:
            yield posts


_ROWS = msgspec.json.Decoder(_PlainRow)


def _plain_blocks(stream: IO[bytes], name: str, block: int = 1 << 20) -> Iterator[list[_PlainRow]]:
    """The rows of plain JSONL, decoded a block of lines at a time (one call for thousands of lines).

    A block is what one read returns, up to ``block`` bytes: a file's next megabyte, or what a pipe has
    delivered (``read1``: it waits only while nothing has come). A block whose lines are not exactly one
    row each (a blank line, two values on a line, a bad line) is decoded again line by line, so that blank
    lines are skipped and an error names its line.
    """
    read = getattr(stream, "read1", stream.read)
    first_line = 1
    rest = b""
    while True:
        data = read(block)
        if not data:
            if rest:
                yield from _decoded(rest, first_line, name)
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if not cut:
            rest = data
            continue
        rest = data[cut:]
        yield from _decoded(data[:cut], first_line, name)
        first_line += data.count(b"\n", 0, cut)


def _decoded(lines: bytes, first_line: int, name: str) -> Iterator[list[_PlainRow]]:
    """The rows of a block of whole lines (none when it holds none); at a line that cannot be read,
    the rows before it, then ``ValueError`` naming the line."""
    expected = lines.count(b"\n") + (not lines.endswith(b"\n"))
    try:
        rows = _ROWS.decode_lines(lines)
        if len(rows) == expected:
            if rows:
                yield rows
            return
    except (msgspec.DecodeError, UnicodeDecodeError):
        pass
    rows = []
    for number, line in enumerate(lines.split(b"\n"), first_line):
        if not line or line.isspace():
            continue
        try:
            rows.append(_ROWS.decode(line))
        except (msgspec.DecodeError, UnicodeDecodeError) as error:
            if rows:
                yield rows
            raise ValueError(f"{name}, line {number}: {error}") from error
    if rows:
        yield rows


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
    costs a fraction of encoding each alone. ``parent_text`` finds a reply's parent by id.
    """
    encode = _Encoder()
    iterator = iter(items)
    while piece := list(itertools.islice(iterator, chunk)):
        yield encode(piece, parent_text)


#: How many of the posts read before a block a reply may find its parent among (:class:`RecentTexts`).
RECENT_KEPT = 200_000


class RecentTexts:
    """The texts of the last posts read, by id: at most ``keep`` of them (the oldest go first)."""

    def __init__(self, keep: int = RECENT_KEPT) -> None:
        self.keep = keep
        self._texts: dict[str, str] = {}

    def add(self, items: Iterable[Item]) -> None:
        texts = self._texts
        for item in items:
            texts[item.id] = item.text
        if len(texts) > self.keep + self.keep // 8:  # dropped in bulk, not one by one
            for post_id in list(itertools.islice(texts, len(texts) - self.keep)):
                del texts[post_id]

    def get(self, post_id: str) -> str | None:
        return self._texts.get(post_id)

    def __len__(self) -> int:
        return len(self._texts)


def classify_stream(
    blocks: Iterable[list[Item]], stored_text: Callable[[str], str | None] | None = None, *,
    chunk: int = 4096, keep: int = RECENT_KEPT,
) -> Iterator[bytes]:
    """``refer classify``'s output for blocks of posts as they are read (:func:`read_blocks`), chunk by chunk.

    A reply's parent is looked for among the posts of its own chunk (before or after it), the last ``keep``
    posts read before, then with ``stored_text`` (the store). Memory stays bounded whatever the input's size.
    """
    recent = RecentTexts(keep)

    def parent_text(post_id: str) -> str | None:
        found = recent.get(post_id)
        if found is None and stored_text is not None:
            found = stored_text(post_id)
        return found

    encode = _Encoder()
    for block in blocks:
        for start in range(0, len(block), chunk):
            piece = block[start:start + chunk]
            recent.add(piece)  # first: a reply may come before its parent in a chunk
            yield encode(piece, parent_text)


class _Encoder:
    """Judges a chunk of posts and encodes their lines in one call: encoding many posts at once costs a
    fraction of encoding each alone. The cyclic garbage collector is paused while a chunk is judged: judging
    makes only short-lived, acyclic objects, and each collection would walk every object alive (about 8%
    of the time, measured)."""

    def __init__(self) -> None:
        self._encode_lines = msgspec.json.Encoder().encode_lines
        self._none: list[_EndorsementOut] = []  # shared by the posts that endorse no one: encoded, never changed

    def __call__(self, items: list[Item], parent_text: Callable[[str], str | None]) -> bytes:
        none = self._none
        out: list[_Output] = []
        add = out.append
        with collector_paused():
            for item, judgement in judge(items, parent_text):
                request = judgement.request
                add(_Output(
                    item.id,
                    None if request is None else _RequestOut(request.sought, request.category, request.location,
                                                              request.kind, round(request.score, 4)),
                    [_EndorsementOut(e.target, e.for_, e.polarity, round(e.score, 4))
                     for e in judgement.endorsements] if judgement.endorsements else none,
                    judgement.post_kind))
        return self._encode_lines(out)


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
