"""The bulk path of X API v2 input: runs of well-formed pages read straight into Arrow columns.

A twarc2 file holds a page of a hundred tweets per line, with the users and tweets
they reference. Turning each into a record object, and the objects into columns,
costs more than decoding the page: here a page's typed structs (the decoder of
``x_v2``) go straight into rows of the store's tables, and every few thousand rows
into Arrow (:class:`~referral_engine.columns.Columns`).

A line takes this path only when the record path would read it without a doubt:
it decodes with the strict types, its ``data`` holds tweets only, and every tweet
has its id, author and text. Any other line (a users page, a compliance event, a
flattened tweet, a tweet to quarantine, a line that is not JSON or not UTF-8) is
read by :func:`~referral_engine.sources.x_v2.records_from_line`, so both paths give
the store the same records, in the same order (tested side by side).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

import msgspec
import pyarrow as pa
import pyarrow.compute as pc

from ..columns import SCHEMAS, TS, Columns
from .base import ColumnBatch
from .x_v2 import PLATFORM, _decode_line, _Line, _User, latest, mentioned, records_from_line, references

#: Bytes read at a time (a longer line grows the buffer).
BLOCK = 1 << 23
#: Rows gathered before they are turned into Arrow: bounded memory, few conversions.
ROWS = 20_000

_SPACE = frozenset(b" \t\n\r\x0b\x0c")


def _row(table: str, names: str, *extra: tuple[str, pa.DataType]) -> pa.StructType:
    schema = SCHEMAS[table]
    return pa.struct([*extra, *(schema.field(name) for name in names.split())])


# The rows _Rows gathers: the table's columns less those shared by many rows.
_POST_ROW = _row("posts", "id author_id text created_at lang reply_to_id reply_to_account_id conversation_id "
                 "quote_of_id repost_of_id")
_ACT_ROW = _row("interactions", "target_id target_handle target_post_id",
                ("post", pa.int64()), ("kind", pa.string()), ("key", pa.string()))
_USER_ROW = _row("accounts", "id handle name description location url created_at followers following posts_count")


def iter_columns(stream: IO[bytes], start_line: int = 1) -> Iterator[ColumnBatch]:
    """``(line, records)`` for lines the bulk path leaves to the record path, and
    ``(line, Columns)`` for the runs of pages between them, in input order."""
    rows = _Rows()
    last = start_line - 1
    for number, view, ascii_ in _lines(stream, start_line):
        line: _Line | None = None
        if ascii_ or _utf8(view):  # otherwise the record path quarantines it, with its reason
            try:
                line = _decode_line(view)
            except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
                line = None
        if line is not None and rows.add(line):
            last = number
            if rows.count >= ROWS:
                yield last, rows.take()
            continue
        if rows.pages:
            yield last, rows.take()
        yield number, records_from_line(number, bytes(view))
        last = number
    if rows.pages:
        yield last, rows.take()


def _lines(stream: IO[bytes], start_line: int) -> Iterator[tuple[int, memoryview, bool]]:
    """``(number, line, ascii)`` for the non-blank lines of ``stream`` from ``start_line``.

    Like ``base.iter_lines`` (the newline is kept), but the line is a view into a
    buffer reused from block to block, valid until the next line is asked for: no
    copy of each line. ``ascii`` is true when the whole buffer is ASCII, which is
    checked once a block; otherwise the caller checks the line.
    """
    buf = bytearray(BLOCK)
    view = memoryview(buf)
    end = pos = number = 0
    eof = False
    ascii_ = True
    while True:
        newline = buf.find(b"\n", pos, end)
        if newline < 0:
            if eof:
                number += 1
                if pos < end and number >= start_line and not _blank(buf, pos, end):
                    yield number, view[pos:end], ascii_
                return
            rest = end - pos
            if pos == 0 and end == len(buf):  # one line fills the buffer: a bigger one
                bigger = bytearray(2 * len(buf))
                bigger[:end] = buf
                buf, view = bigger, memoryview(bigger)
            elif pos:
                buf[:rest] = buf[pos:end]
            pos, end = 0, rest
            read = stream.readinto(view[end:])  # type: ignore[attr-defined]
            if not read:
                eof = True
            else:
                end += read
                ascii_ = buf.isascii()  # stale bytes past ``end`` can only make this false: then lines are checked
            continue
        number += 1
        if number >= start_line and not _blank(buf, pos, newline + 1):
            yield number, view[pos:newline + 1], ascii_
        pos = newline + 1


def _utf8(line: memoryview) -> bool:
    # JSON text is UTF-8; msgspec does not check the strings it skips (as in x_v2.records_from_line)
    raw = bytes(line)
    if raw.isascii():
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _blank(buf: bytearray, start: int, stop: int) -> bool:
    return buf[start] in _SPACE and buf[start:stop].isspace()


class _Rows:
    """Rows gathered from whole pages, as tuples, turned into the store's tables by :meth:`take`.

    What many rows share is not repeated per row: an interaction refers to its
    post's row (author, id, time), an account sighting to its page (time). Arrow
    gathers them (``take``) when the tables are made.
    """

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        # (id, author_id, text, created_at, lang, reply_to_id, reply_to_account_id, conversation_id,
        #  quote_of_id, repost_of_id)
        self.posts: list[tuple[Any, ...]] = []
        # (post row, kind, mentioned handle in lower case or "", target_id, target_handle, target_post_id)
        self.acts: list[tuple[Any, ...]] = []
        # (id, handle, name, description, location, url, created_at, followers, following, posts_count)
        self.users: list[tuple[Any, ...]] = []
        self.user_page: list[int] = []
        self.seen: list[datetime | None] = []  # per page
        self.pages = 0

    @property
    def count(self) -> int:
        return len(self.posts) + len(self.acts) + len(self.users)

    def take(self) -> Columns:
        """The rows gathered so far as tables of the store's schemas; the builder starts afresh."""
        tables: dict[str, pa.Table] = {}
        seen = pa.array(self.seen, type=TS)
        if self.posts:
            posts = pa.array(self.posts, type=_POST_ROW)
            n = len(posts)
            tables["posts"] = pa.Table.from_arrays(
                [pa.repeat(PLATFORM, n), *posts.flatten(), pa.nulls(n, pa.string())], schema=SCHEMAS["posts"])
            if self.acts:
                acts = pa.array(self.acts, type=_ACT_ROW)
                row, kind, key, target, handle, target_post = acts.flatten()
                post_id = posts.field("id").take(row)
                tables["interactions"] = pa.Table.from_arrays([
                    pa.repeat(PLATFORM, len(acts)), pc.binary_join_element_wise(kind, post_id, key, "", ":"), kind,
                    posts.field("author_id").take(row), target, handle, post_id, target_post,
                    posts.field("created_at").take(row),
                ], schema=SCHEMAS["interactions"])
        if self.users:
            users = pa.array(self.users, type=_USER_ROW)
            accounts = pa.Table.from_arrays(
                [pa.repeat(PLATFORM, len(users)), *users.flatten(), seen.take(pa.array(self.user_page, pa.int64()))],
                schema=SCHEMAS["accounts"])
            tables["accounts"] = accounts
            # every sighting with counts and a time is a snapshot (the store keeps the first of each day)
            counted = pc.and_(pc.is_valid(accounts["seen_at"]), pc.or_(pc.or_(
                pc.is_valid(accounts["followers"]), pc.is_valid(accounts["following"])),
                pc.is_valid(accounts["posts_count"])))
            tables["snapshots"] = accounts.filter(counted).select(
                ["platform", "id", "seen_at", "followers", "following", "posts_count"]).rename_columns(
                SCHEMAS["snapshots"].names)
        self._clear()
        return Columns(tables)

    def add(self, line: _Line) -> bool:
        """Gather the records of one page or stream line, as ``x_v2._page_records`` makes them.

        Returns false, having gathered nothing, when the line needs the record path.
        """
        data = line.data
        if data is None:
            return False
        items = data if isinstance(data, list) else [data]
        includes = line.includes
        tweets = items + includes.tweets if includes is not None and includes.tweets else items
        for tweet in tweets:
            if tweet.id is None or tweet.author_id is None or tweet.text is None:
                return False
        users = includes.users if includes is not None and includes.users else []
        seen = line.twarc.retrieved_at if line.twarc is not None else None
        if seen is None and tweets:
            seen = latest(t.created_at for t in tweets)
        if users:
            page = len(self.seen)
            rows = self.users
            for user in users:
                metrics = user.public_metrics
                if metrics is None:
                    rows.append((user.id, user.username, user.name, user.description, user.location,
                                 user.url or None, user.created_at, None, None, None))
                else:
                    rows.append((user.id, user.username, user.name, user.description, user.location,
                                 user.url or None, user.created_at, metrics.followers_count,
                                 metrics.following_count, metrics.tweet_count))
            self.user_page.extend([page] * len(users))
        self.seen.append(seen)
        if tweets:
            self._tweets(tweets, users)
        self.pages += 1
        return True

    def _tweets(self, tweets: list[Any], users: list[_User]) -> None:
        # Mirrors x_v2._tweet line for line: the same posts and interactions, in the same order.
        rows = self.posts
        act = self.acts.append
        authors = {t.id: t.author_id for t in tweets}
        handles: dict[str, str] | None = None
        for t in tweets:
            post_id = t.id
            note = t.note_tweet
            text = note.text if note is not None and note.text else t.text
            reply_to, quote_of, repost_of = references(t.referenced_tweets, authors)
            replied = t.in_reply_to_user_id
            row = len(rows)
            rows.append((post_id, t.author_id, text, t.created_at, t.lang, reply_to, replied, t.conversation_id,
                         quote_of, repost_of))
            if repost_of is not None:
                target = authors.get(repost_of)
                handle = text[4:].split(":", 1)[0] if target is None and text.startswith("RT @") else None
                act((row, "repost", "", target, handle, repost_of))
                continue
            if reply_to is not None or replied is not None:
                act((row, "reply", "", replied, None, reply_to))
            if quote_of is not None:
                act((row, "quote", "", authors.get(quote_of), None, quote_of))
            for name, key, target in mentioned(t.entities):
                if not target:
                    if handles is None:
                        handles = {u.username.lower(): u.id for u in users if u.username}
                    target = handles.get(key)
                act((row, "mention", key, target, name, None))

