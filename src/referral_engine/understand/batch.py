"""Classifying many posts at once: from any input format (or the store) to judgements in input order.

``refer classify`` reads posts in any supported format, including the plain
JSONL with just ``id`` and ``text`` (``reply_to`` gives a reply its context when
the parent is in the input or the store), and writes one JSON object per post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import msgspec

from ..model import Post
from ..sources import detect, get_source
from ..sources.base import iter_lines, rewound
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
        decode = msgspec.json.Decoder(_PlainRow).decode
        for number, line in iter_lines(stream):
            try:
                row = decode(line)
            except (msgspec.DecodeError, UnicodeDecodeError) as error:
                raise ValueError(f"{name}, line {number}: {error}") from error
            yield Item(str(row.id), row.text, None if row.reply_to is None else str(row.reply_to),
                       None if row.author is None else str(row.author))
        return
    for _, records in get_source(fmt).iter_records(stream):
        for record in records:
            if isinstance(record, Post):
                yield Item(record.id, record.text, record.reply_to_id, record.author_id,
                           record.repost_of_id is not None)


def judge(items: Iterable[Item], parent_text: Callable[[str], str | None]) -> Iterator[tuple[Item, Judgement]]:
    """Each item with its judgement; ``parent_text`` finds a parent's text by id (input, then store)."""
    for item in items:
        parent = parent_text(item.reply_to) if item.reply_to else None
        yield item, understand(item.text, parent_text=parent, is_reply=item.reply_to is not None,
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
