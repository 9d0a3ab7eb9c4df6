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
import operator
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import msgspec

from ..collector import collector_paused
from ..model import Post
from ..sources import detect, get_source
from ..sources.base import rewound
from . import understand, understand_screened
from .model import Judgement
from .screen import KIND_BITS, KINDS, UNHANDLED, screen

_KIND_VALUES = tuple(kind.value for kind in KINDS)


class Item(msgspec.Struct, frozen=True, gc=False):
    """What classification needs of a post.

    A plain JSONL line whose ids are strings decodes straight into one; ``is_repost`` is no field of the
    plain format, so its JSON name is one that no input uses.
    """

    id: str
    text: str
    reply_to: str | None = None
    author: str | None = None
    is_repost: bool = msgspec.field(default=False, name="referral_engine:is_repost")


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
        yield from _plain_blocks(stream, name)
        return
    for _, records in get_source(fmt).iter_records(stream):
        posts = [Item(record.id, record.text, record.reply_to_id, record.author_id, record.repost_of_id is not None)
                 for record in records if isinstance(record, Post)]
        if posts:
            yield posts


_ROWS = msgspec.json.Decoder(_PlainRow)
_ITEMS = msgspec.json.Decoder(Item)


def _plain_blocks(stream: IO[bytes], name: str, block: int = 1 << 20) -> Iterator[list[Item]]:
    """The posts of plain JSONL, decoded a block of lines at a time (one call for thousands of lines).

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


def _decoded(lines: bytes, first_line: int, name: str) -> Iterator[list[Item]]:
    """The posts of a block of whole lines (none when it holds none); at a line that cannot be read,
    the posts before it, then ``ValueError`` naming the line."""
    expected = lines.count(b"\n") + (not lines.endswith(b"\n"))
    try:  # string ids, the common case: straight into items
        items = _ITEMS.decode_lines(lines)
        if len(items) == expected:
            if items:
                yield items
            return
    except (msgspec.DecodeError, UnicodeDecodeError):
        pass
    try:  # ids that are numbers, made strings
        rows = _ROWS.decode_lines(lines)
        if len(rows) == expected:
            if rows:
                yield [_item(row) for row in rows]
            return
    except (msgspec.DecodeError, UnicodeDecodeError):
        pass
    items = []
    for number, line in enumerate(lines.split(b"\n"), first_line):
        if not line or line.isspace():
            continue
        try:
            items.append(_item(_ROWS.decode(line)))
        except (msgspec.DecodeError, UnicodeDecodeError) as error:
            if items:
                yield items
            raise ValueError(f"{name}, line {number}: {error}") from error
    if items:
        yield items


def _item(row: _PlainRow) -> Item:
    """The item of a plain row, its ids as strings."""
    return Item(post_id if (post_id := row.id).__class__ is str else str(post_id), row.text,
                reply_to if (reply_to := row.reply_to) is None or reply_to.__class__ is str else str(reply_to),
                author if (author := row.author) is None or author.__class__ is str else str(author))


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
    """The texts of the last posts read, by id: the last ``keep`` of them at least, and at most ``keep`` plus
    one batch (batches are dropped whole, oldest first).

    Batches are held as they were added, and indexed by id only from the first look-up on: a stream in
    which no post replies to another never pays for the index (0.4 µs a post, measured).
    """

    def __init__(self, keep: int = RECENT_KEPT) -> None:
        self.keep = keep
        self._batches: deque[list[Item]] = deque()
        self._held = 0
        self._texts: dict[str, str] | None = None

    def add(self, items: Iterable[Item]) -> None:
        batch = items if isinstance(items, list) else list(items)
        if not batch:
            return
        self._batches.append(batch)
        self._held += len(batch)
        texts = self._texts
        if texts is not None:
            for item in batch:
                texts[item.id] = item.text
        while self._held - len(self._batches[0]) >= self.keep:
            old = self._batches.popleft()
            self._held -= len(old)
            if texts is not None:
                for item in old:
                    if texts.get(item.id) is item.text:  # not when a later post came with the same id
                        del texts[item.id]

    def get(self, post_id: str) -> str | None:
        texts = self._texts
        if texts is None:
            texts = self._texts = {item.id: item.text for batch in self._batches for item in batch}
        return texts.get(post_id)

    def __len__(self) -> int:
        return self._held


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
        kinds = _KIND_VALUES
        with collector_paused():
            # the compiled first pass judges most posts whole (understand/screen.py); without it, Python all
            codes = _screened(items)
            # no request, no endorsement: the kind alone (the rest, found by one scan of the codes, just after)
            out: list[_Output | None] = [_Output(item.id, None, none, kinds[code]) if code < UNHANDLED else None
                                         for item, code in zip(items, codes, strict=True)]
            for unsettled in _UNSETTLED.finditer(codes):
                at = unsettled.start()
                item, code = items[at], codes[at]
                judgement = _judged(item, code, parent_text)
                if judgement is None:
                    out[at] = _Output(item.id, None, none, kinds[code & KIND_BITS])
                    continue
                request = judgement.request
                out[at] = _Output(
                    item.id,
                    None if request is None else _RequestOut(request.sought, request.category, request.location,
                                                              request.kind, round(request.score, 4)),
                    [_EndorsementOut(e.target, e.for_, e.polarity, round(e.score, 4))
                     for e in judgement.endorsements] if judgement.endorsements else none,
                    judgement.post_kind)
        return self._encode_lines(out)


# The codes of posts the first pass did not settle alone (a flag, or not judged there); found by one scan.
_UNSETTLED = re.compile(rb"[\x07-\xff]")


_REPLY_TO = operator.attrgetter("reply_to")
_IS_REPOST = operator.attrgetter("is_repost")
_AUTHOR = operator.attrgetter("author")


# Marks a reply's code as unsettled by the first pass alone: its thread may hold what it endorses.
_REPLY = 64


def _screened(items: list[Item]) -> bytes:
    """The first pass's codes for a chunk, told which posts are replies or reposts and who wrote them (only
    where some are: the plain stream of the bench has none); replies' codes marked :data:`_REPLY`."""
    replies = [*map(_REPLY_TO, items)]
    reposts = [*map(_IS_REPOST, items)]
    authors = [*map(_AUTHOR, items)]
    threaded = replies.count(None) != len(items)
    codes = screen([item.text for item in items],
                   replies=[reply is not None for reply in replies] if threaded else None,
                   reposts=reposts if any(reposts) else None,
                   authors=authors if authors.count(None) != len(items) else None)
    if threaded:
        codes = bytes(code | _REPLY if reply is not None else code
                      for reply, code in zip(replies, codes, strict=True))
    return codes


def _judged(item: Item, code: int, parent_text: Callable[[str], str | None]) -> Judgement | None:
    """The judgement of a post the first pass did not settle alone (``code``, from ``screen``); ``None`` when
    the readers its flags name, or its thread, find no request and no endorsement, so that its kind is
    ``code``'s."""
    parent = parent_text(item.reply_to) if item.reply_to else None
    if code & KIND_BITS != UNHANDLED:
        return understand_screened(item.text, code, author=item.author, parent_text=parent,
                                   is_reply=item.reply_to is not None, is_repost=item.is_repost)
    return understand(item.text, parent_text=parent, is_reply=item.reply_to is not None,
                      is_repost=item.is_repost, author=item.author, with_cues=False)


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
