"""X API v1.1 statuses: timelines, search results, stream lines, saved API responses.

Accepted shapes, told apart by their first line:

* JSONL: one status per line (the streaming API, most collectors), or one
  search response ``{"statuses": [...]}`` or one timeline page ``[...]`` per
  line; stream notices (``delete`` becomes a post deletion, ``limit`` and the
  like are skipped). Positions are line numbers; resumable by line.
* one JSON array of statuses (a saved timeline, ``statuses.json``), on one
  line or pretty-printed. Positions are 1-based element indices, so a resumed
  ingest skips the elements already committed. A truncated array keeps every
  complete element and quarantines the cut one.
* one pretty-printed object (a single status or search response): position 1.

A status yields its Post, its author's Account (with a Snapshot of the counts),
and its interactions: a retweet only its repost (its mentions are the
original's), anything else its reply, quote and mentions. Embedded retweeted
and quoted statuses are read the same way, as posts of their own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import IO, Any

import msgspec

from ..model import Account, Deletion, Interaction, Post, Record, Snapshot, interaction_id
from .base import Batch, as_int, describe, iter_lines, parse_time, reject
from .json_array import DECODE_ERRORS, decode_raws, iter_elements, split_array

FORMAT = "x-v1.1"
PLATFORM = "x"

_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                         "Nov", "Dec"), 1)}
#: Stream notices that carry no records (and are not errors either).
_NOTICES = frozenset({"limit", "scrub_geo", "status_withheld", "user_withheld", "warning", "disconnect",
                      "friends", "friends_str", "event", "control"})
_STATUS_KEYS = re.compile(rb'"id_str"\s*:')
_USER_OBJECT = re.compile(rb'"user"\s*:\s*\{|"created_at"\s*:\s*"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d ')
_RT_PREFIX = re.compile(r"^RT @(\w{1,30}):")

_decode = msgspec.json.Decoder().decode


class V1Error(ValueError):
    """A status that breaks the format; the message is the quarantine reason."""


# -- field access with clear reasons ---------------------------------------------------------


def field_object(parent: dict[str, Any], name: str, path: str, *, required: bool = False) -> dict[str, Any] | None:
    """The object in ``name``, checked (a v1.1 status and an archive tweet share these readers)."""
    value = parent.get(name)
    if value is None:
        if required:
            raise V1Error(f"missing field '{path}{name}'")
        return None
    if not isinstance(value, dict):
        raise V1Error(f"field '{path}{name}' must be an object")
    return value


def field_id(parent: dict[str, Any], name: str, path: str, *, fallback: str | None = None,
        required: bool = False) -> str | None:
    """An id from ``name`` (a ``*field_text`` field), else from its numeric twin ``fallback``."""
    for key in (name, fallback):
        if key is None:
            continue
        value = parent.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise V1Error(f"field '{path}{key}' must be an id (text or integer)")
        return str(value)
    if required:
        raise V1Error(f"missing field '{path}{name}'")
    return None


def field_text(parent: dict[str, Any], name: str, path: str) -> str | None:
    value = parent.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise V1Error(f"field '{path}{name}' must be text")
    return value


def _count(parent: dict[str, Any], name: str, path: str) -> int | None:
    try:
        return as_int(parent.get(name))
    except ValueError:
        raise V1Error(f"field '{path}{name}' must be a count") from None


def parse_v1_time(value: object, field: str = "created_at") -> datetime | None:
    """``Sat Feb 18 19:45:15 +0000 2023`` (or ISO 8601) as an aware UTC datetime; ``None`` when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise V1Error(f"field '{field}' must be a timestamp")
    parts = value.split()
    try:
        if len(parts) == 6 and parts[1] in _MONTHS:
            # a hand-rolled parse: strptime is slow and depends on the locale for day/month names
            hour, minute, second = (int(p) for p in parts[3].split(":"))
            offset = parts[4]
            sign = -1 if offset[0] == "-" else 1
            delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])) * sign
            moment = datetime(int(parts[5]), _MONTHS[parts[1]], int(parts[2]), hour, minute, second,
                              tzinfo=timezone(delta))
            return moment.astimezone(UTC)
        return parse_time(value)
    except (ValueError, IndexError):
        raise V1Error(f"field '{field}' is not a timestamp: {value[:40]!r}") from None


# -- statuses -> records ---------------------------------------------------------------------


def user_records(user: dict[str, Any], path: str, seen: datetime | None, out: list[Record]) -> tuple[str, str | None]:
    """Append a v1.1 user object's Account (and Snapshot); return its id and handle."""
    user_id = field_id(user, "id_str", path, fallback="id", required=True)
    assert user_id is not None
    handle = field_text(user, "screen_name", path)
    url = _expanded_url(user) or field_text(user, "url", path)
    followers = _count(user, "followers_count", path)
    following = _count(user, "friends_count", path)
    posts = _count(user, "statuses_count", path)
    out.append(Account(
        PLATFORM, user_id, handle=handle, name=field_text(user, "name", path),
        description=field_text(user, "description", path),
        location=field_text(user, "location", path), url=url,
        created_at=parse_v1_time(user.get("created_at"), f"{path}created_at"),
        followers=followers, following=following, posts_count=posts, seen_at=seen,
    ))
    if seen is not None and (followers is not None or following is not None or posts is not None):
        out.append(Snapshot(PLATFORM, user_id, seen, followers, following, posts))
    return user_id, handle


def _expanded_url(user: dict[str, Any]) -> str | None:
    # the profile link is a t.co redirect; the expanded one is what a person reads
    entities = user.get("entities")
    links = entities.get("url") if isinstance(entities, dict) else None
    urls = links.get("urls") if isinstance(links, dict) else None
    if isinstance(urls, list) and urls and isinstance(urls[0], dict):
        expanded = urls[0].get("expanded_url")
        return expanded if isinstance(expanded, str) and expanded else None
    return None


def _text_and_entities(status: dict[str, Any], path: str) -> tuple[str, dict[str, Any] | None]:
    entities = field_object(status, "entities", path)
    field, text = "full_text", status.get("full_text")
    extended = field_object(status, "extended_tweet", path)
    if text is None and extended is not None and extended.get("full_text") is not None:
        # a streamed status over 140 characters: the full text and its entities live here
        field, text = "extended_tweet.full_text", extended["full_text"]
        entities = field_object(extended, "entities", f"{path}extended_tweet.") or entities
    if text is None:
        field, text = "text", status.get("text")
    if text is None:
        raise V1Error(f"missing field '{path}text'")
    if not isinstance(text, str):
        raise V1Error(f"field '{path}{field}' must be text")
    return text, entities


def _mentions(entities: dict[str, Any] | None, path: str) -> list[tuple[str, str | None, str | None]]:
    """Distinct ``(screen_name, id, name)`` of the users a status mentions, in order."""
    if entities is None or entities.get("user_mentions") is None:
        return []
    listed = entities["user_mentions"]
    if not isinstance(listed, list):
        raise V1Error(f"field '{path}entities.user_mentions' must be a list")
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for mention in listed:
        if not isinstance(mention, dict):
            raise V1Error(f"field '{path}entities.user_mentions' must hold objects")
        handle = field_text(mention, "screen_name", f"{path}entities.user_mentions.")
        if handle:
            found.setdefault(handle.lower(), (
                handle, field_id(mention, "id_str", f"{path}entities.user_mentions.", fallback="id"),
                field_text(mention, "name", f"{path}entities.user_mentions."),
            ))
    return list(found.values())


def status_records(
    status: object,
    *,
    owner: tuple[str, str | None] | None = None,
    text: str | None = None,
) -> list[Record]:
    """The records of one v1.1 status and the statuses it embeds. Raises ``ValueError`` with the reason.

    ``owner`` (id, handle) is the author of a status without a ``user`` object
    (the personal archive's tweets, whose "RT @user:" text is then read as a
    retweet); ``text`` replaces the status's own (an archive's long note tweet).
    """
    out: list[Record] = []
    _status(status, owner, text, None, "", out)
    return out


def _status(
    status: object, owner: tuple[str, str | None] | None, text: str | None, seen: datetime | None, path: str,
    out: list[Record],
) -> Post:
    """Append the records of ``status`` to ``out`` and return its Post.

    ``seen`` is the time of the payload carrying an embedded status (its users' counts are from then).
    """
    if not isinstance(status, dict):
        where = f"field '{path[:-1]}'" if path else "a status"
        raise V1Error(f"{where} must be an object, not {type(status).__name__}")
    post_id = field_id(status, "id_str", path, fallback="id", required=True)
    assert post_id is not None
    own_text, entities = _text_and_entities(status, path)
    text = text or own_text
    created = parse_v1_time(status.get("created_at"), f"{path}created_at")
    seen = seen or created
    if owner is None:
        user = field_object(status, "user", path, required=True)
        assert user is not None
        author, _handle = user_records(user, f"{path}user.", seen, out)
    else:
        author = owner[0]
    lang = field_text(status, "lang", path)
    retweeted = field_object(status, "retweeted_status", path)
    if retweeted is not None:
        # a retweet's only act is the repost: its mentions, reply and quote are the original's
        original = _status(retweeted, None, None, seen, f"{path}retweeted_status.", out)
        post = Post(PLATFORM, post_id, author, text, created, lang, repost_of_id=original.id)
        out.append(post)
        out.append(Interaction(PLATFORM, interaction_id("repost", post_id, None), "repost", author,
                               target_id=original.author_id, post_id=post_id, target_post_id=original.id,
                               created_at=created))
        return post
    mentions = _mentions(entities, path)
    retweet_of = _RT_PREFIX.match(text) if owner is not None else None
    if retweet_of is not None:
        # the archive keeps a retweet only as its text: the original's id is lost, its author named
        handle = retweet_of.group(1)
        target = next((m[1] for m in mentions if m[0].lower() == handle.lower()), None)
        post = Post(PLATFORM, post_id, author, text, created, lang)
        out.append(post)
        out.append(Interaction(PLATFORM, interaction_id("repost", post_id, None), "repost", author,
                               target_id=target, target_handle=handle, post_id=post_id, created_at=created))
        _mention_accounts(mentions, author, seen, out)
        return post
    reply_to = field_id(status, "in_reply_to_status_id_str", path, fallback="in_reply_to_status_id")
    reply_user = field_id(status, "in_reply_to_user_id_str", path, fallback="in_reply_to_user_id")
    reply_handle = field_text(status, "in_reply_to_screen_name", path)
    quoted = field_object(status, "quoted_status", path)
    quote_of = field_id(status, "quoted_status_id_str", path, fallback="quoted_status_id")
    quote_author = None
    if quoted is not None:
        embedded = _status(quoted, None, None, seen, f"{path}quoted_status.", out)
        quote_of, quote_author = quote_of or embedded.id, embedded.author_id
    post = Post(PLATFORM, post_id, author, text, created, lang, reply_to_id=reply_to,
                reply_to_account_id=reply_user, quote_of_id=quote_of)
    out.append(post)
    if reply_to is not None or reply_user is not None:
        if reply_user is not None and reply_user != author:
            out.append(Account(PLATFORM, reply_user, handle=reply_handle, seen_at=seen))
        out.append(Interaction(PLATFORM, interaction_id("reply", post_id, None), "reply", author,
                               target_id=reply_user, target_handle=reply_handle, post_id=post_id,
                               target_post_id=reply_to, created_at=created))
    if quote_of is not None:
        out.append(Interaction(PLATFORM, interaction_id("quote", post_id, None), "quote", author,
                               target_id=quote_author, post_id=post_id, target_post_id=quote_of,
                               created_at=created))
    for handle, user_id, _name in mentions:
        out.append(Interaction(PLATFORM, interaction_id("mention", post_id, handle.lower()), "mention", author,
                               target_id=user_id, target_handle=handle, post_id=post_id, created_at=created))
    _mention_accounts(mentions, author, seen, out)
    return post


def _mention_accounts(mentions: list[tuple[str, str | None, str | None]], author: str, seen: datetime | None,
                      out: list[Record]) -> None:
    # a mention names the user's id and handle as of the status: enough to resolve other sources' handles
    # (the author's own sighting says more, so a self-mention adds nothing)
    for handle, user_id, name in mentions:
        if user_id is not None and user_id != author:
            out.append(Account(PLATFORM, user_id, handle=handle, name=name, seen_at=seen))


def payload_records(line: int, value: object) -> list[Record]:
    """The records of one decoded payload: a status, a page of them, a search response or a notice.

    Never raises: a bad status becomes one Rejected record, the others in its page are kept.
    """
    if isinstance(value, list):
        return [r for status in value for r in _guarded(line, status)]
    if isinstance(value, dict):
        statuses = value.get("statuses")
        if statuses is not None and "id_str" not in value:
            if not isinstance(statuses, list):
                return [reject(line, "field 'statuses' must be a list", value)]
            return [r for status in statuses for r in _guarded(line, status)]
        if "delete" in value and "id_str" not in value:
            return _guarded(line, value, _deletion)
        if "id_str" not in value and "id" not in value and _NOTICES.intersection(value):
            return []
    return _guarded(line, value)


def _guarded(line: int, value: object, build: Any = status_records) -> list[Record]:
    try:
        return list(build(value))
    except Exception as error:  # any malformed shape (wrong types deep inside) quarantines this status only
        return [reject(line, reason(error), value)]


def reason(error: BaseException) -> str:
    """The quarantine reason for ``error``: our own messages as they are, others described."""
    return str(error) if isinstance(error, V1Error) else describe(error)


def _deletion(value: dict[str, Any]) -> list[Record]:
    notice = field_object(value, "delete", "", required=True)
    assert notice is not None
    status = field_object(notice, "status", "delete.", required=True)
    assert status is not None
    post_id = field_id(status, "id_str", "delete.status.", fallback="id", required=True)
    assert post_id is not None
    stamp = notice.get("timestamp_ms")
    deleted = parse_time(int(stamp) / 1000) if isinstance(stamp, (str, int)) and str(stamp).isdigit() else None
    return [Deletion(PLATFORM, "post", post_id, field_id(status, "user_id_str", "delete.status.", fallback="user_id"),
                     deleted)]


# -- the source --------------------------------------------------------------------------------


def _looks_v1(value: object) -> bool:
    if isinstance(value, list):
        return bool(value) and _looks_v1(value[0])
    if not isinstance(value, dict):
        return False
    statuses = value.get("statuses")
    if isinstance(statuses, list):
        return _looks_v1(statuses) or (not statuses and "search_metadata" in value)
    delete = value.get("delete")
    if isinstance(delete, dict) and isinstance(delete.get("status"), dict):
        return True
    return "id_str" in value and ("text" in value or "full_text" in value) and isinstance(value.get("user"), dict)


class XV1:
    """X API v1.1 statuses as JSONL, a JSON array, or one pretty-printed object."""

    format = FORMAT
    resumable = True

    def sniff(self, head: bytes) -> bool:
        """Decode the first status (the head may end mid-array); fall back to its opening keys."""
        body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if body[:1] == b"[":
            elements, _tail = split_array(body)
            if elements:
                try:
                    return _looks_v1(_decode(elements[0]))
                except DECODE_ERRORS:
                    return False
        elif body[:1] == b"{":
            first = body.split(b"\n", 1)[0]
            for candidate in (first, body):
                try:
                    return _looks_v1(_decode(candidate))
                except DECODE_ERRORS:
                    continue
        else:
            return False
        # the first status is longer than the window: judge by its keys (and v1.1's own date format)
        window = body[:16_384]
        return bool(_STATUS_KEYS.search(window) and _USER_OBJECT.search(window)) and b'"author_id"' not in window

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        """Yield ``(position, records)`` per payload; see the module docstring for positions."""
        lines = iter_lines(stream)
        first = next(lines, None)
        if first is None:
            return
        number, line = first
        line = line.lstrip(b"\xef\xbb\xbf")
        second = next(lines, None) if line.strip() == b"{" else None
        lines = itertools.chain([second] if second else [], lines)
        if line.startswith(b"[") or (line.strip() == b"{" and not (second and second[1].lstrip()[:1] == b"{")):
            # a whole document (not a JSONL file whose first line is cut to its "{"): read it at once
            yield from _document([(number, line), *lines], start_line)
            return
        if number >= start_line:
            yield number, _line_records(number, line)
        for number, line in lines:
            if number >= start_line:
                yield number, _line_records(number, line)


def _document(lines: list[tuple[int, bytes]], start: int) -> Iterator[Batch]:
    """A JSON array (or one pretty-printed object), or one timeline page per line."""
    data = b"\n".join(line for _n, line in lines)
    if lines[0][1].strip() == b"{":
        try:
            value = _decode(data)
        except DECODE_ERRORS as error:
            yield 1, [reject(1, f"invalid JSON: {error}", data)]
        else:
            yield 1, payload_records(1, value)
        return
    raws = decode_raws(data)
    if raws is None and len(lines) > 1:
        try:
            _decode(lines[0][1])
        except DECODE_ERRORS:
            pass
        else:  # not one array but one page per line
            for number, line in lines:
                if number >= start:
                    yield number, _line_records(number, line)
            return
    for index, value, raw, problem in iter_elements(data, raws=raws):
        if index < start:
            continue
        if problem is not None:
            yield index, [reject(index, problem, raw)]
        else:
            yield index, _guarded(index, value)


def _line_records(number: int, line: bytes) -> list[Record]:
    try:
        value = _decode(line)
    except DECODE_ERRORS as error:
        return [reject(number, f"invalid JSON: {error}", line)]
    return payload_records(number, value)


SOURCE = XV1()
