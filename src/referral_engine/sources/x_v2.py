"""X API v2 as twarc2 writes it: raw response pages, flattened tweets, filtered-stream lines.

All three shapes are one JSON object per line and share this source:

* a raw page: ``data`` (a list of tweets or users) with ``includes`` (the users
  and referenced tweets the tweets point to), ``meta``, partial ``errors`` and
  twarc's ``__twarc`` stamp;
* a filtered-stream line: the same with ``data`` a single tweet and ``matching_rules``;
* a flattened tweet (``twarc2 flatten``): one tweet per line with its ``author``
  and its ``referenced_tweets`` inlined.

Also accepted on the same lines: compliance events (``{"id", "action": "delete"}``,
read as post deletions) and pages of counts or lists (no records, not errors).

Pages are decoded straight into typed structs (msgspec). A page whose shape
breaks the types is decoded again loosely and taken apart tweet by tweet, so one
bad tweet goes to quarantine while the rest of its page is stored.

For the ingest of large files, :meth:`XV2.iter_columns` reads well-formed pages
and stream lines straight into Arrow columns (``x_v2_columns.py``), with no record
object per row; every other line takes the record path, and both give the store
the same records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

import msgspec

from ..model import Account, Deletion, Interaction, Post, Record
from .base import Batch, ColumnBatch, describe, first_json_value, iter_lines, reject

FORMAT = "x-v2"
PLATFORM = "x"


class _Metrics(msgspec.Struct, gc=False):
    followers_count: int | None = None
    following_count: int | None = None
    tweet_count: int | None = None


class _Mention(msgspec.Struct, gc=False):
    username: str | None = None
    id: str | None = None


class _Entities(msgspec.Struct, gc=False):
    mentions: list[_Mention] | None = None


class _Ref(msgspec.Struct, gc=False):
    type: str
    id: str
    # Flattened tweets inline the referenced tweet; only its author matters here.
    author_id: str | None = None


class _User(msgspec.Struct, gc=False):
    id: str
    username: str | None = None
    name: str | None = None
    description: str | None = None
    location: str | None = None
    url: str | None = None
    created_at: datetime | None = None
    public_metrics: _Metrics | None = None


class _NoteTweet(msgspec.Struct, gc=False):
    text: str | None = None


class _Item(msgspec.Struct, gc=False):
    """A ``data`` element: a tweet (has ``text``), a user (has ``username``) or something else."""

    id: str | None = None
    text: str | None = None
    username: str | None = None
    author_id: str | None = None
    created_at: datetime | None = None
    conversation_id: str | None = None
    lang: str | None = None
    in_reply_to_user_id: str | None = None
    referenced_tweets: list[_Ref] | None = None
    entities: _Entities | None = None
    note_tweet: _NoteTweet | None = None
    # user fields, when the item is a user
    name: str | None = None
    description: str | None = None
    location: str | None = None
    url: str | None = None
    public_metrics: _Metrics | None = None
    # compliance events
    action: str | None = None
    # a referenced tweet inlined by ``twarc2 flatten``: how it is referenced, and its author
    type: str | None = None
    author: _User | None = None


class _FlatMention(msgspec.Struct, gc=False):
    """A mention in a flattened tweet: twarc inlines the mentioned user."""

    username: str | None = None
    id: str | None = None
    name: str | None = None
    description: str | None = None
    location: str | None = None
    url: str | None = None
    created_at: datetime | None = None
    public_metrics: _Metrics | None = None


class _FlatEntities(msgspec.Struct, gc=False):
    mentions: list[_FlatMention] | None = None


class _Flat(msgspec.Struct, gc=False):
    """One flattened tweet per line."""

    id: str
    text: str
    author_id: str | None = None
    created_at: datetime | None = None
    conversation_id: str | None = None
    lang: str | None = None
    in_reply_to_user_id: str | None = None
    referenced_tweets: list[_Item] | None = None  # inlined, each with its ``type`` and ``author``
    entities: _FlatEntities | None = None
    note_tweet: _NoteTweet | None = None
    author: _User | None = None
    in_reply_to_user: _User | None = None


class _Includes(msgspec.Struct, gc=False):
    users: list[_User] | None = None
    tweets: list[_Item] | None = None


class _Stamp(msgspec.Struct, gc=False):
    retrieved_at: datetime | None = None


class _Line(msgspec.Struct, gc=False):
    data: list[_Item] | _Item | None = None
    includes: _Includes | None = None
    # a flattened tweet or compliance event is itself the line
    id: str | None = None
    text: str | None = None
    author_id: str | None = None
    action: str | None = None
    twarc: _Stamp | None = msgspec.field(default=None, name="__twarc")


_decode_line = msgspec.json.Decoder(_Line).decode
_decode_flat = msgspec.json.Decoder(_Flat).decode
_decode_any = msgspec.json.Decoder().decode


def latest(times: Iterable[datetime | None]) -> datetime | None:
    """The latest of ``times`` (``None`` when there is none); one without a time zone is UTC, as stored."""
    return max((t for t in times if t is not None), key=_utc, default=None)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _account(user: _User, seen: datetime | None) -> Account:
    # The store derives follower snapshots from accounts seen with counts and a time.
    metrics = user.public_metrics
    if metrics is None:
        return Account(PLATFORM, user.id, user.username, user.name, user.description, user.location,
                       user.url or None, user.created_at, None, None, None, seen)
    return Account(PLATFORM, user.id, user.username, user.name, user.description, user.location,
                   user.url or None, user.created_at, metrics.followers_count, metrics.following_count,
                   metrics.tweet_count, seen)


def references(refs: Any, authors: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """``(replied_to, quoted, retweeted)`` ids of a tweet's ``referenced_tweets``; the referenced
    tweets' authors, where the payload names them, are noted in ``authors``."""
    reply_to = quote_of = repost_of = None
    for ref in refs or ():
        kind = ref.type
        if kind == "replied_to":
            reply_to = ref.id
        elif kind == "quoted":
            quote_of = ref.id
        elif kind == "retweeted":
            repost_of = ref.id
        if ref.author_id is not None:
            authors[ref.id] = ref.author_id
    return reply_to, quote_of, repost_of

def mentioned(entities: Any) -> Iterator[tuple[str, str, str | None]]:
    """Each account a tweet's entities mention, once and in order: ``(username as written, in lower
    case, user id when the payload gives it)``."""
    if entities is None or not entities.mentions:
        return
    seen: set[str] = set()
    for mention in entities.mentions:
        name = mention.username
        if not name:
            continue
        key = name.lower()
        if key in seen:
            continue
        seen.add(key)
        yield name, key, mention.id or None


def _tweet(item: _Item, authors: dict[str, str], handles: dict[str, str], out: list[Record]) -> None:
    """Append the records of one tweet: the post and the interactions it makes."""
    post_id = item.id
    author = item.author_id
    if post_id is None or author is None or item.text is None:
        missing = "id" if post_id is None else "author_id" if author is None else "text"
        raise ValueError(f"tweet lacks field '{missing}'")
    created = item.created_at
    text = item.note_tweet.text if item.note_tweet is not None and item.note_tweet.text else item.text
    reply_to, quote_of, repost_of = references(item.referenced_tweets, authors)
    out.append(Post(PLATFORM, post_id, author, text, created, item.lang, reply_to, item.in_reply_to_user_id,
                    item.conversation_id, quote_of, repost_of, None))
    if repost_of is not None:
        # A retweet's only act is the repost: its mentions are the original's.
        target = authors.get(repost_of)
        handle = None
        if target is None and text.startswith("RT @"):
            handle = text[4:].split(":", 1)[0]
        out.append(Interaction(PLATFORM, f"repost:{post_id}::", "repost", author, target, handle, post_id,
                               repost_of, created))
        return
    if reply_to is not None or item.in_reply_to_user_id is not None:
        out.append(Interaction(PLATFORM, f"reply:{post_id}::", "reply", author, item.in_reply_to_user_id, None,
                               post_id, reply_to, created))
    if quote_of is not None:
        out.append(Interaction(PLATFORM, f"quote:{post_id}::", "quote", author, authors.get(quote_of), None,
                               post_id, quote_of, created))
    for name, key, target in mentioned(item.entities):
        out.append(Interaction(PLATFORM, f"mention:{post_id}:{key}:", "mention", author,
                               target or handles.get(key), name, post_id, None, created))


def _is_tweet(item: _Item) -> bool:
    # a tweet that lost its text is still a tweet (to quarantine), unlike a user, a list or a count
    return item.text is not None or item.author_id is not None


def _page_records(number: int, line: _Line) -> list[Record]:
    """The records of one well-typed page or stream line; a tweet lacking an essential field is
    quarantined alone."""
    out: list[Record] = []
    stamp = line.twarc.retrieved_at if line.twarc is not None else None
    data = line.data
    if data is None:
        if line.action is not None and line.id is not None:  # a compliance event
            return [Deletion(PLATFORM, "post", line.id)] if line.action == "delete" else []
        return out
    items = data if isinstance(data, list) else [data]
    includes = line.includes
    users = includes.users if includes is not None and includes.users else []
    tweets = [i for i in items if _is_tweet(i)]
    if includes is not None and includes.tweets:
        tweets.extend(includes.tweets)
    seen = stamp if stamp is not None or not tweets else latest(t.created_at for t in tweets)
    handles = {u.username.lower(): u.id for u in users if u.username}
    authors = {t.id: t.author_id for t in tweets if t.id is not None and t.author_id is not None}
    for user in users:
        out.append(_account(user, seen))
    for item in items:
        if not _is_tweet(item) and item.username is not None and item.id is not None:  # a users page
            out.append(_account(_as_user(item), seen))
    for tweet in tweets:
        try:
            _tweet(tweet, authors, handles, out)
        except ValueError as error:
            out.append(reject(number, describe(error), msgspec.json.encode(tweet)))
    return out


def _as_user(item: _Item) -> _User:
    return _User(item.id or "", item.username, item.name, item.description, item.location, item.url,
                 item.created_at, item.public_metrics)


def _flat_records(flat: _Flat, stamp: datetime | None) -> list[Record]:
    """A flattened tweet: the tweet itself plus the users and tweets it inlines."""
    out: list[Record] = []
    seen = stamp or flat.created_at
    handles: dict[str, str] = {}
    users = [flat.author, flat.in_reply_to_user, *(ref.author for ref in flat.referenced_tweets or ())]
    for mention in flat.entities.mentions or () if flat.entities is not None else ():
        if mention.id is not None and mention.username is not None:
            users.append(_User(mention.id, mention.username, mention.name, mention.description, mention.location,
                               mention.url, mention.created_at, mention.public_metrics))
    for user in users:
        if user is not None:
            out.append(_account(user, seen))
            if user.username:
                handles[user.username.lower()] = user.id
    refs = flat.referenced_tweets or []
    for ref in refs:
        if ref.type is None or ref.id is None:
            raise ValueError(f"referenced tweet lacks field '{'type' if ref.type is None else 'id'}'")
    known = {ref.id: author for ref in refs if ref.id is not None
             and (author := ref.author_id or (ref.author.id if ref.author else None)) is not None}
    mentions = None
    if flat.entities is not None and flat.entities.mentions is not None:
        mentions = _Entities([_Mention(m.username, m.id) for m in flat.entities.mentions])
    item = _Item(flat.id, flat.text, None, flat.author_id or (flat.author.id if flat.author else None),
                 flat.created_at, flat.conversation_id, flat.lang, flat.in_reply_to_user_id,
                 [_Ref(ref.type, ref.id) for ref in refs if ref.type and ref.id] or None, mentions, flat.note_tweet)
    _tweet(item, known, handles, out)
    for ref in refs:
        if ref.text is not None:
            if ref.author_id is None and ref.author is not None:
                ref.author_id = ref.author.id
            _tweet(ref, known, handles, out)
    return out


def _loose_records(number: int, raw: bytes) -> list[Record]:
    """Fallback for a line that breaks the typed shape: salvage element by element."""
    try:
        value = _decode_any(raw)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        return [reject(number, f"invalid JSON: {error}", raw)]
    if not isinstance(value, dict):
        return [reject(number, f"expected a JSON object, got {type(value).__name__}", raw)]
    data = value.get("data")
    if data is None:
        if "text" in value or "author_id" in value:  # a flattened tweet with a bad field
            try:
                return _flat_records(msgspec.convert(value, _Flat), None)
            except (msgspec.ValidationError, TypeError, ValueError) as error:
                return [reject(number, f"bad tweet: {describe(error)}", raw)]
        return [reject(number, "not an X v2 payload: no 'data', tweet or compliance fields", raw)]
    items = data if isinstance(data, list) else [data]
    out: list[Record] = []
    good: list[Any] = []
    for element in items:
        try:
            good.append(msgspec.convert(element, _Item))
        except (msgspec.ValidationError, TypeError) as error:
            out.append(reject(number, f"bad tweet in page: {describe(error)}", element))
    includes = value.get("includes")
    users: list[_User] = []
    tweets: list[_Item] = []
    if includes is not None and not isinstance(includes, dict):
        out.append(reject(number, "field 'includes' must be an object", includes))
    elif includes is not None:
        for name in ("users", "tweets"):
            if not isinstance(includes.get(name) or [], list):
                out.append(reject(number, f"field 'includes.{name}' must be a list", includes[name]))
                includes = {**includes, name: []}
        for element in includes.get("users") or []:
            try:
                users.append(msgspec.convert(element, _User))
            except (msgspec.ValidationError, TypeError) as error:
                out.append(reject(number, f"bad user in includes: {describe(error)}", element))
        for element in includes.get("tweets") or []:
            try:
                tweets.append(msgspec.convert(element, _Item))
            except (msgspec.ValidationError, TypeError) as error:
                out.append(reject(number, f"bad tweet in includes: {describe(error)}", element))
    stamp = None
    if isinstance(value.get("__twarc"), dict):
        try:
            stamp = msgspec.convert(value["__twarc"], _Stamp).retrieved_at
        except (msgspec.ValidationError, TypeError):
            stamp = None
    out.extend(_page_records(number, _Line(data=good, includes=_Includes(users, tweets), twarc=_Stamp(stamp))))
    return out


def records_from_line(number: int, raw: bytes) -> list[Record]:
    """The records of one line; never raises (bad payloads come back as ``Rejected``)."""
    if not raw.isascii():
        # JSON text is UTF-8; msgspec does not check the strings it skips, so check here
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [reject(number, f"invalid JSON: not UTF-8 ({error.reason} at byte {error.start})", raw)]
    try:
        line = _decode_line(raw)
    except msgspec.ValidationError:
        return _loose_records(number, raw)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        return [reject(number, f"invalid JSON: {error}", raw)]
    try:
        if line.data is None and (line.text is not None or line.author_id is not None):
            return _flat_records(_decode_flat(raw), line.twarc.retrieved_at if line.twarc is not None else None)
        return _page_records(number, line)
    except (ValueError, msgspec.ValidationError):
        return _loose_records(number, raw)


class XV2:
    """twarc2 output: raw pages, flattened tweets and filtered-stream lines, one JSON object per line."""

    format = FORMAT
    resumable = True

    def sniff(self, head: bytes) -> bool:
        first = head.lstrip()[:200_000].split(b"\n", 1)[0]
        if first.startswith(b"{") and (b'"__twarc"' in first or b'"matching_rules"' in first):
            return True
        value = first_json_value(head)
        if not isinstance(value, dict):
            # a long first line cut by the sniff window: judge by the keys it opens with
            compact = first[:64].replace(b" ", b"")
            return compact.startswith((b'{"data":[{', b'{"data":{')) and (
                b'"author_id"' in first or b'"username"' in first
            )
        data = value.get("data")
        if isinstance(data, list) and data and isinstance(data[0], dict):
            return "author_id" in data[0] or ("username" in data[0] and "includes" in value)
        if isinstance(data, dict):
            return "author_id" in data
        if "author_id" in value and "text" in value and "conversation_id" in value:
            return True
        return set(value) <= {"id", "action", "created_at", "redacted_at", "reason"} and "action" in value

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        for number, line in iter_lines(stream, start_line):
            yield number, records_from_line(number, line)

    def iter_columns(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[ColumnBatch]:
        """Like :meth:`iter_records`, but runs of well-formed pages come as columns (the bulk path)."""
        from .x_v2_columns import iter_columns

        return iter_columns(stream, start_line)


SOURCE = XV2()
