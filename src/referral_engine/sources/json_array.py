"""A top-level JSON array read element by element, keeping what is whole when the array is damaged.

A saved timeline (X v1.1 ``statuses.json``, a Mastodon ``/notifications``
dump, an X archive's ``tweets.js``) is one array. One bad element, or a file
cut short, must not cost the others: :func:`iter_elements` decodes the
elements one by one and reports the damaged ones (and the unfinished tail of
a truncated array) with their 1-based element number, for quarantine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

#: What decoding bytes that are not JSON raises: msgspec's error, or a ``UnicodeDecodeError``
#: for invalid UTF-8 inside a string (which msgspec does not wrap in its own).
DECODE_ERRORS: tuple[type[Exception], ...] = (msgspec.DecodeError, UnicodeDecodeError)

#: A string, or one structural character of JSON: enough to cut an array into elements
#: without decoding it (strings are matched whole so their brackets don't count).
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{},]', re.DOTALL)

_decode = msgspec.json.Decoder().decode
_decode_elements = msgspec.json.Decoder(list[msgspec.Raw]).decode


def decode_raws(data: bytes | memoryview) -> list[msgspec.Raw] | None:
    """The raw elements of ``data`` when it is one well-formed JSON array, else ``None``.

    Cheap: the elements are only delimited, not decoded (their strings' UTF-8 is not checked).
    """
    try:
        return _decode_elements(data)
    except (msgspec.DecodeError, UnicodeDecodeError):  # ValidationError is a DecodeError
        return None


def split_array(data: bytes, start: int = 0) -> tuple[list[bytes], bytes | None]:
    """Cut the JSON array opening at ``data[start]`` into its elements' raw bytes.

    Returns the complete elements and, when the array is cut short (a truncated
    file, a sniffing window), the unfinished last one (``b""`` if nothing of it
    was read). Used where decoding the whole array failed, to keep what is whole.
    """
    elements: list[bytes] = []
    depth = 0
    begin = -1
    for match in _TOKEN.finditer(data, start):
        char = data[match.start()]
        if char == 0x22:  # a string
            continue
        if char in b"[{":
            depth += 1
            if depth == 1:
                begin = match.end()
        elif char in b"]}":
            depth -= 1
            if depth == 0:
                last = data[begin:match.start()].strip()
                if last:
                    elements.append(last)
                return elements, None
        elif depth == 1:  # a comma between elements
            elements.append(data[begin:match.start()].strip())
            begin = match.end()
    return elements, data[begin:].strip() if begin >= 0 else b""


def iter_elements(
    data: bytes, start: int = 0, *, raws: list[msgspec.Raw] | None = None
) -> Iterator[tuple[int, object | None, bytes, str | None]]:
    """Yield ``(index, value, raw, error)`` for each element of the JSON array at ``data[start]``.

    ``index`` is 1-based; ``error`` is set (and ``value`` ``None``) for an element
    that does not decode (broken JSON, invalid UTF-8), or for the unfinished tail
    of a truncated array. ``raws`` are the elements when the caller already cut
    the array. Never raises for bad content.
    """
    elements: list[bytes] | list[msgspec.Raw]
    tail: bytes | None = None
    if raws is None:
        raws = decode_raws(memoryview(data)[start:])
    if raws is not None:
        elements = raws
    else:
        elements, tail = split_array(data, start)
    for index, raw in enumerate(elements, 1):
        try:
            yield index, _decode(raw), bytes(raw), None
        except DECODE_ERRORS as error:
            yield index, None, bytes(raw), f"invalid JSON: {error}"
    if tail is not None:
        reason = "truncated: the input ends inside this element" if tail else "truncated: the array is not closed"
        yield len(elements) + 1, None, tail, reason
