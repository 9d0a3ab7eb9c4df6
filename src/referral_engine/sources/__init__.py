"""Platform sources behind one small interface, and format detection.

A stream format is a module with a ``SOURCE`` object implementing
:class:`~referral_engine.sources.base.Source`. The X personal archive is a
container format (a folder or .zip of several files) with its own reader.
Detection looks at the first bytes of a stream, never at the file name.
"""

from __future__ import annotations

import importlib
from typing import cast

from .base import Source

#: Stream formats, in the order detection tries them: name -> module.
STREAM_FORMATS: dict[str, str] = {
    "x-v2": "x_v2",
    "x-v1.1": "x_v1",
    "bluesky-jetstream": "bluesky",
    "mastodon": "mastodon",
    "plain-jsonl": "plain",
    "plain-csv": "plain_csv",
}

#: Container formats: a folder or .zip of several files read together.
CONTAINER_FORMATS: tuple[str, ...] = ("x-archive",)

#: Every format name ``--format`` accepts.
FORMATS: tuple[str, ...] = (*STREAM_FORMATS, *CONTAINER_FORMATS)

#: How many bytes detection reads before deciding.
SNIFF_BYTES = 64 * 1024


class UnknownFormat(ValueError):
    """No source recognises the input; the message names it."""


def get_source(name: str) -> Source:
    """The source registered under ``name`` (one of :data:`FORMATS`)."""
    if name in CONTAINER_FORMATS:
        raise UnknownFormat(f"{name!r} is read from a folder or .zip, not a single stream")
    try:
        module = STREAM_FORMATS[name]
    except KeyError:
        raise UnknownFormat(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None
    return cast(Source, importlib.import_module(f"{__name__}.{module}").SOURCE)


def detect(head: bytes) -> str | None:
    """The name of the first format whose source recognises ``head``, or ``None``."""
    head = head.lstrip(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark says nothing about the format
    for name in STREAM_FORMATS:
        if get_source(name).sniff(head):
            return name
    return None


__all__ = ["CONTAINER_FORMATS", "FORMATS", "STREAM_FORMATS", "Source", "UnknownFormat", "detect", "get_source"]
