"""The plain format: JSONL (or CSV, see :mod:`.plain_csv`) for any other community.

One object per line. A post needs ``id``, ``author``, ``text`` and ``created_at``;
``reply_to``, ``mentions`` (a list, or a comma/space separated string, of
handles), ``url``, ``platform`` (default ``plain``) and ``author_name`` are
optional. Our extension for richer exports: a ``type`` field (default ``post``)
may also say ``like`` or ``repost`` (``author`` acts on the post ``post``),
``follow`` (``author`` follows ``target``) or ``account`` (``id`` with ``name``,
``description``, ``location``, ``followers``, ``following``, ``created_at``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import IO, Any

import msgspec

from ..model import Account, Interaction, Post, Record, Snapshot, interaction_id
from .base import Batch, as_int, describe, first_json_value, iter_lines, parse_time, reject

FORMAT = "plain-jsonl"
POST_FIELDS = ("id", "author", "text", "created_at")
_HANDLE = re.compile(r"@?([\w.\-@]+)")
_INLINE_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.\-]+)?)")


class PlainError(ValueError):
    """A plain record that breaks the format; the message is the quarantine reason."""


def _text(row: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    value = row.get(name)
    if value is None or value == "":
        if required:
            raise PlainError(f"missing field '{name}'")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PlainError(f"field '{name}' must be text, not {type(value).__name__}")
    return str(value)


def _mentions(value: object, text: str) -> list[str]:
    if value is None or value == "":
        handles = _INLINE_MENTION.findall(text)
    elif isinstance(value, str):
        handles = [m.group(1) for m in _HANDLE.finditer(value.replace(",", " "))]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        handles = [v.lstrip("@") for v in value if v.strip("@ ")]
    else:
        raise PlainError("field 'mentions' must be a list of handles or a string")
    seen: dict[str, None] = {}
    for handle in handles:
        seen.setdefault(handle, None)
    return list(seen)


def records_from_row(row: Mapping[str, Any]) -> list[Record]:
    """The records of one plain row (a decoded JSON object or a CSV row). Raises ``PlainError``."""
    if not isinstance(row, Mapping):
        raise PlainError(f"expected an object, got {type(row).__name__}")
    kind = _text(row, "type") or "post"
    platform = _text(row, "platform") or "plain"
    try:
        if kind == "post":
            return _post(row, platform)
        if kind in ("like", "repost"):
            return _act(row, platform, kind)
        if kind == "follow":
            return _follow(row, platform)
        if kind == "account":
            return _account(row, platform)
    except ValueError as error:
        if isinstance(error, PlainError):
            raise
        raise PlainError(str(error)) from error
    raise PlainError(f"unknown type {kind!r} (post, like, repost, follow or account)")


def _post(row: Mapping[str, Any], platform: str) -> list[Record]:
    post_id = _text(row, "id", required=True)
    author = _text(row, "author", required=True)
    text = _text(row, "text", required=True)
    assert post_id is not None and author is not None and text is not None
    created = parse_time(_text(row, "created_at", required=True))
    reply_to = _text(row, "reply_to")
    records: list[Record] = [
        Account(platform, author, handle=author, name=_text(row, "author_name"), seen_at=created),
        Post(platform, post_id, author, text, created_at=created, reply_to_id=reply_to, url=_text(row, "url"),
             lang=_text(row, "lang")),
    ]
    if reply_to:
        records.append(Interaction(platform, interaction_id("reply", post_id, None), "reply", author,
                                   post_id=post_id, target_post_id=reply_to, created_at=created))
    for handle in _mentions(row.get("mentions"), text):
        records.append(Interaction(platform, interaction_id("mention", post_id, handle.lower()), "mention", author,
                                   target_handle=handle, post_id=post_id, created_at=created))
    return records


def _act(row: Mapping[str, Any], platform: str, kind: str) -> list[Record]:
    author = _text(row, "author", required=True)
    target_post = _text(row, "post", required=True)
    assert author is not None and target_post is not None
    created = parse_time(_text(row, "created_at"))
    key = _text(row, "id") or interaction_id(kind, author, None, target_post)
    return [
        Account(platform, author, handle=author, name=_text(row, "author_name"), seen_at=created),
        Interaction(platform, key, kind, author, target_id=_text(row, "target"), target_post_id=target_post,
                    created_at=created),
    ]


def _follow(row: Mapping[str, Any], platform: str) -> list[Record]:
    author = _text(row, "author", required=True)
    target = _text(row, "target", required=True)
    assert author is not None and target is not None
    created = parse_time(_text(row, "created_at"))
    return [
        Account(platform, author, handle=author, seen_at=created),
        Account(platform, target, handle=target, seen_at=created),
        Interaction(platform, _text(row, "id") or interaction_id("follow", author, target), "follow", author,
                    target_id=target, created_at=created),
    ]


def _account(row: Mapping[str, Any], platform: str) -> list[Record]:
    account_id = _text(row, "id", required=True)
    assert account_id is not None
    seen = parse_time(_text(row, "observed_at")) or parse_time(_text(row, "created_at"))
    followers, following = as_int(row.get("followers")), as_int(row.get("following"))
    posts = as_int(row.get("posts_count"))
    records: list[Record] = [Account(
        platform, account_id, handle=_text(row, "handle") or account_id, name=_text(row, "name"),
        description=_text(row, "description"), location=_text(row, "location"), url=_text(row, "url"),
        created_at=parse_time(_text(row, "created_at")), followers=followers, following=following,
        posts_count=posts, seen_at=seen,
    )]
    observed = parse_time(_text(row, "observed_at"))
    if observed is not None and (followers is not None or following is not None or posts is not None):
        records.append(Snapshot(platform, account_id, observed, followers, following, posts))
    return records


class PlainJsonl:
    """Plain JSONL: one post (or like, repost, follow, account) per line."""

    format = FORMAT
    resumable = True

    def sniff(self, head: bytes) -> bool:
        value = first_json_value(head)
        if not isinstance(value, dict):
            return False
        kind = value.get("type", "post")
        if kind == "post":
            return all(k in value for k in ("id", "author", "text"))
        return kind in ("like", "repost", "follow", "account") and ("author" in value or "id" in value)

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        decode = msgspec.json.Decoder().decode
        for number, line in iter_lines(stream, start_line):
            try:
                yield number, records_from_row(decode(line))
            except (msgspec.DecodeError, ValueError, TypeError) as error:
                yield number, [reject(number, describe(error), line)]


SOURCE = PlainJsonl()
