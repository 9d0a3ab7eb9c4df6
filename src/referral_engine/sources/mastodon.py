"""Mastodon REST entities: statuses, accounts and notifications, as the API returns them.

Input: a JSON array (a timeline, ``/notifications``; positions are 1-based
element numbers), one entity, a wrapper (``/api/v2/search``, ``/context``: its
``accounts``, ``statuses``, ``ancestors``, ``descendants``, ``notifications``),
or JSONL with one entity per line. A malformed element is quarantined alone.

An account is ``user@host`` lowercased (``acct`` names the host of remote
accounts only; a local one's comes from its profile ``url``). A post's id is
the status ``uri``; its text is ``content`` as plain text (``spoiler_text`` is
left out) without the ``quote-inline`` "RE: link" fallback of a quote.

* A boost is a :class:`Post` with empty text (its words are the original's:
  repeating them would count them twice) and ``repost_of_id`` pointing at the
  original, stored too. Boosts and favourites are keyed by ``(actor, original
  uri)``: one account boosts a status at most once, so the same act seen through
  a status and through a notification is one record.
* ``in_reply_to_id`` / ``in_reply_to_account_id`` are ids local to the server that
  answered. They resolve from the status (its author, its mentions) and from the
  other entities of the input (an array, or a JSONL file, is scanned first; from
  a pipe only earlier lines count); an id seen with two meanings is not used.
  An unresolved parent leaves ``reply_to_id`` empty; a reply whose parent post
  and account are both unknown yields no reply interaction (it would point nowhere).
* Notifications: ``favourite`` and ``reblog`` are a like or repost by the
  notifying account of the attached status, whose author is the target; every
  type stores its attached status. The notified user is never named, so a
  ``follow`` yields only the follower's account, no interaction.
* Account counts become a :class:`Snapshot` observed at the enclosing status's
  or notification's time; a bare account (no time) gets none.
"""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Iterator, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import IO, Any
from urllib.parse import urlsplit

import msgspec

from ..model import Account, Interaction, Post, Record, Snapshot, interaction_id
from .base import Batch, as_int, as_str, describe, first_json_value, parse_time, reject
from .json_array import DECODE_ERRORS, decode_raws, iter_elements

FORMAT = "mastodon"
PLATFORM = "mastodon"
#: Wrapper objects whose lists hold entities (search results, thread context, grouped notifications).
WRAPPER_KEYS = ("statuses", "accounts", "notifications", "ancestors", "descendants")
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed"})
_HIDDEN_CLASSES = frozenset({"quote-inline", "reblog-inline"})
_decode = msgspec.json.Decoder().decode


class MastodonError(ValueError):
    """An entity that breaks the Mastodon shape; the message is the quarantine reason."""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside an element a client would hide

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            self.hidden += tag not in _VOID
            return
        classes = next((v or "" for k, v in attrs if k == "class"), "").split()
        if tag not in _VOID and _HIDDEN_CLASSES.intersection(classes):
            self.hidden = 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and tag not in _VOID:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of Mastodon HTML: ``<br>`` is a newline, paragraphs a blank line, entities unescaped."""
    if "<" not in html and "&" not in html:
        return html.strip()
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip()


def account_id(acct: str, url: object) -> tuple[str, str]:
    """``(id, handle)`` of an account: ``user@host`` lowercased, and as written."""
    acct = acct.strip().lstrip("@")
    user, _, host = acct.partition("@")
    if not host:
        host = urlsplit(url).netloc if isinstance(url, str) else ""
        if not host:
            raise MastodonError(f"account {acct!r} has no host and no profile 'url' to take it from")
    if not user:
        raise MastodonError(f"account 'acct' {acct!r} has no user name")
    handle = f"{user}@{host.lower()}"
    return handle.lower(), handle


def entity_kind(value: object) -> str | None:
    """``status``, ``account``, ``notification`` or ``None`` for a decoded entity."""
    if not isinstance(value, dict):
        return None
    if "uri" in value and "account" in value and ("content" in value or "reblog" in value):
        return "status"
    if "type" in value and "account" in value:
        return "notification"
    if "acct" in value and "username" in value:
        return "account"
    return None


def _text_field(obj: Mapping[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MastodonError(f"'{name}' must be a string, not {type(value).__name__}")
    return value


def _required(obj: Mapping[str, Any], name: str, what: str) -> str:
    value = _text_field(obj, name)
    if value is None:
        raise MastodonError(f"{what} without '{name}'")
    return value


class Context:
    """Server-local ids (of accounts and statuses) seen in one input, for resolving replies."""

    def __init__(self) -> None:
        self.accounts: dict[str, str | None] = {}
        self.statuses: dict[str, str | None] = {}

    @staticmethod
    def _note(table: dict[str, str | None], key: object, value: str) -> None:
        if isinstance(key, (str, int)) and not isinstance(key, bool):
            known = table.setdefault(str(key), value)
            if known != value:
                table[str(key)] = None  # two meanings: the id came from different servers

    def learn(self, entity: object) -> None:
        """Remember the local ids of every account and status inside ``entity``; never raises."""
        try:
            self._learn(entity)
        except Exception:  # best effort: a malformed entity is quarantined when read for real
            return

    def _learn(self, entity: object) -> None:
        if isinstance(entity, list):  # a page of entities (one JSONL line)
            for inner in entity:
                self._learn(inner)
            return
        if isinstance(entity, dict) and entity_kind(entity) is None:
            for inner in _entities(entity):
                if inner is not entity:
                    self._learn(inner)
            return
        kind = entity_kind(entity)
        if kind is None:
            return
        assert isinstance(entity, dict)
        if kind == "account":
            self._account(entity)
        elif kind == "notification":
            self._account(entity.get("account"))
            self._learn(entity.get("status"))
        else:
            self._account(entity.get("account"))
            uri = entity.get("uri")
            if isinstance(uri, str) and uri:
                self._note(self.statuses, entity.get("id"), uri)
            mentions = entity.get("mentions")
            for mention in mentions if isinstance(mentions, list) else ():
                self._account(mention)
            self._learn(entity.get("reblog"))
            quote = entity.get("quote")
            self._learn(quote.get("quoted_status") if isinstance(quote, dict) and "state" in quote else quote)

    def _account(self, account: object) -> None:
        if isinstance(account, dict) and isinstance(account.get("acct"), str):
            with contextlib.suppress(MastodonError):  # quarantined when read for real
                self._note(self.accounts, account.get("id"), account_id(account["acct"], account.get("url"))[0])


class _Builder:
    """Turns one entity into records, collecting them in ``out``."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.out: list[Record] = []

    def entity(self, entity: object) -> list[Record]:
        kind = entity_kind(entity)
        if kind is None:
            raise MastodonError("not a Mastodon status, account or notification")
        assert isinstance(entity, dict)
        if kind == "account":
            self.account(entity, None)
        elif kind == "notification":
            self.notification(entity)
        else:
            self.status(entity, parse_time(_required(entity, "created_at", "status")))
        return self.out

    def account(self, account: object, observed: datetime | None) -> str:
        """Add an account (and a snapshot of its counts when ``observed``); return its id."""
        if not isinstance(account, dict):
            raise MastodonError(f"'account' must be an object, not {type(account).__name__}")
        key, handle = account_id(_required(account, "acct", "account"), account.get("url"))
        followers = as_int(account.get("followers_count"))
        following = as_int(account.get("following_count"))
        posts = as_int(account.get("statuses_count"))
        note = _text_field(account, "note")
        self.out.append(Account(
            PLATFORM, key, handle=handle, name=_text_field(account, "display_name"),
            description=html_to_text(note) or None if note else None, url=_text_field(account, "url"),
            created_at=parse_time(account.get("created_at")), followers=followers, following=following,
            posts_count=posts, seen_at=observed,
        ))
        if observed is not None and (followers is not None or following is not None or posts is not None):
            self.out.append(Snapshot(PLATFORM, key, observed, followers, following, posts))
        return key

    def status(self, status: Mapping[str, Any], observed: datetime | None) -> tuple[str, str]:
        """Add a status with everything it holds; return ``(uri, author id)``."""
        uri = _required(status, "uri", "status")
        created = parse_time(status.get("created_at"))
        observed = observed or created
        author = self.account(status.get("account"), observed)
        local_author = as_str(status["account"].get("id"))
        reblog = status.get("reblog")
        if reblog is not None:
            if not isinstance(reblog, dict):
                raise MastodonError("'reblog' must be a status object")
            original, original_author = self.status(reblog, observed)
            self.out.append(Post(PLATFORM, uri, author, "", created_at=created, repost_of_id=original,
                                 url=_text_field(status, "url")))
            self.out.append(Interaction(PLATFORM, interaction_id("repost", author, None, original), "repost", author,
                                        target_id=original_author, post_id=uri, target_post_id=original,
                                        created_at=created))
            return uri, author
        mentioned = self._mentions(status, uri, author, created)
        parent = as_str(status.get("in_reply_to_id"))
        parent_uri = self.context.statuses.get(parent) if parent else None
        parent_author = None
        local_parent_author = as_str(status.get("in_reply_to_account_id"))
        if local_parent_author is not None:
            if local_parent_author == local_author:
                parent_author = author
            else:
                parent_author = mentioned.get(local_parent_author) or self.context.accounts.get(local_parent_author)
        if parent is not None and (parent_uri or parent_author):
            self.out.append(Interaction(PLATFORM, interaction_id("reply", uri, None), "reply", author,
                                        target_id=parent_author, post_id=uri, target_post_id=parent_uri,
                                        created_at=created))
        quoted = self._quote(status.get("quote"), uri, author, created, observed)
        content = _text_field(status, "content")
        self.out.append(Post(
            PLATFORM, uri, author, html_to_text(content) if content else "", created_at=created,
            lang=_text_field(status, "language"), reply_to_id=parent_uri, reply_to_account_id=parent_author,
            quote_of_id=quoted, url=_text_field(status, "url"),
        ))
        return uri, author

    def _mentions(self, status: Mapping[str, Any], uri: str, author: str, created: datetime | None) -> dict[str, str]:
        mentions = status.get("mentions") or []
        if not isinstance(mentions, list):
            raise MastodonError("'mentions' must be a list")
        local: dict[str, str] = {}
        for mention in mentions:
            if not isinstance(mention, dict):
                raise MastodonError("a mention must be an object")
            key, handle = account_id(_required(mention, "acct", "mention"), mention.get("url"))
            local_id = as_str(mention.get("id"))
            if local_id is not None:
                local[local_id] = key
            self.out.append(Account(PLATFORM, key, handle=handle, url=_text_field(mention, "url")))
            self.out.append(Interaction(PLATFORM, interaction_id("mention", uri, key), "mention", author,
                                        target_id=key, target_handle=handle, post_id=uri, created_at=created))
        return local

    def _quote(self, quote: object, uri: str, author: str, created: datetime | None,
               observed: datetime | None) -> str | None:
        if quote is None:
            return None
        if not isinstance(quote, dict):
            raise MastodonError("'quote' must be an object")
        target_author = None
        quoted_uri: str | None
        if "state" in quote or "quoted_status_id" in quote:
            # Mastodon 4.4+: a quote wrapper; its status is absent unless the quote was accepted.
            quoted = quote.get("quoted_status")
            if isinstance(quoted, dict):
                quoted_uri, target_author = self.status(quoted, observed)
            else:
                local = as_str(quote.get("quoted_status_id"))
                quoted_uri = self.context.statuses.get(local) if local else None
        elif entity_kind(quote) == "status":  # older servers (Fedibird): the quoted status itself
            quoted_uri, target_author = self.status(quote, observed)
        else:
            return None
        if quoted_uri is None:
            return None
        self.out.append(Interaction(PLATFORM, interaction_id("quote", uri, None), "quote", author,
                                    target_id=target_author, post_id=uri, target_post_id=quoted_uri,
                                    created_at=created))
        return quoted_uri

    def notification(self, notification: Mapping[str, Any]) -> None:
        kind = _required(notification, "type", "notification")
        created = parse_time(_required(notification, "created_at", "notification"))
        actor = self.account(notification.get("account"), created)
        status = notification.get("status")
        if status is None:
            return
        if not isinstance(status, dict):
            raise MastodonError("notification 'status' must be an object")
        uri, status_author = self.status(status, created)
        if kind in ("favourite", "reblog"):
            act = "like" if kind == "favourite" else "repost"
            self.out.append(Interaction(PLATFORM, interaction_id(act, actor, None, uri), act, actor,
                                        target_id=status_author, target_post_id=uri, created_at=created))


def records_from_entity(entity: object, context: Context | None = None) -> list[Record]:
    """The records of one decoded entity. Raises :class:`MastodonError` (or ``ValueError``) when malformed."""
    try:
        return _Builder(context or Context()).entity(entity)
    except (KeyError, AttributeError, TypeError) as error:
        raise MastodonError(describe(error)) from error


def _entities(document: object) -> list[object]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and entity_kind(document) is None and any(k in document for k in WRAPPER_KEYS):
        return [e for k in WRAPPER_KEYS if isinstance(document.get(k), list) for e in document[k]]
    return [document]


def _learn_ahead(stream: IO[bytes], context: Context) -> bool:
    """Learn the ids of every remaining line, then rewind; ``False`` when the stream cannot rewind."""
    try:
        if not stream.seekable():
            return False
        position = stream.tell()
    except (OSError, ValueError, AttributeError):
        return False
    for raw in stream:
        try:
            context.learn(_decode(raw))
        except DECODE_ERRORS:
            continue  # quarantined when read for real
    stream.seek(position)
    return True


def _is_jsonl(first: bytes, second: bytes | None) -> bool:
    """Whether a stream opening with these non-blank lines is JSONL, not one (pretty-printed) document.

    Told from their first and last bytes, without decoding: a broken first line
    must not turn a JSONL file into one document, lost whole.
    """
    first = first.strip()
    if first.startswith(b"["):
        return False  # an array (a page per line is told apart later)
    if (first.startswith(b"{") and first.endswith(b"}")) or second is None:
        return True  # one object per line (or a single line: the same either way)
    # the first line is broken, or opens an object spread over several lines (whose second is a key)
    return second.lstrip().startswith(b"{")


def _read_line(stream: IO[bytes], number: int) -> tuple[int, bytes] | None:
    """The next non-blank line after line ``number``, and its number; ``None`` at the end."""
    while raw := stream.readline():
        number += 1
        if raw.strip():
            return number, raw
    return None


class MastodonSource:
    """Mastodon REST entities as a JSON array, one JSON document, or JSONL; resumable by position."""

    format = FORMAT
    resumable = True

    def sniff(self, head: bytes) -> bool:
        """True for an array, object or JSONL whose first entity is a status, account or notification."""
        start = head.lstrip()
        if start.startswith(b"["):
            # A large first element is cut off by the sniff limit: look for the keys themselves.
            body = start[1:].lstrip()
            return body.startswith(b"{") and b'"acct"' in head and (
                (b'"uri"' in head and b'"content"' in head) or b'"username"' in head or b'"type"' in head)
        try:
            value = first_json_value(head)
            if value is None and start.startswith(b"{"):
                value = _decode(head)
        except DECODE_ERRORS:
            return False
        return entity_kind(value) is not None or (isinstance(value, dict) and any(
            isinstance(value.get(k), list) and value[k] and entity_kind(value[k][0]) for k in WRAPPER_KEYS))

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        """Yield ``(position, records)`` per entity: its element number, or its line in JSONL."""
        first = _read_line(stream, 0)
        if first is None:
            return
        head = [(first[0], first[1].removeprefix(b"\xef\xbb\xbf"))]
        opening = head[0][1].strip()
        if not opening.startswith(b"["):
            second = _read_line(stream, first[0])  # JSONL or one object: the second line tells
            head += [second] if second is not None else []
        if _is_jsonl(opening, head[1][1] if len(head) > 1 else None):
            yield from self._jsonl(stream, head, head[-1][0], start_line)
            return
        data = b"".join(raw for _n, raw in head) + stream.read()
        if not opening.startswith(b"["):  # one object (an entity or a wrapper), or not JSON at all
            try:
                entities = _entities(_decode(data))
            except DECODE_ERRORS as error:
                yield 1, [reject(1, f"not JSON: {describe(error)}", data)]
                return
            yield from self._elements([(i, e, b"", None) for i, e in enumerate(entities, 1)], start_line)
            return
        raws = decode_raws(data)
        if raws is None and data.strip().count(b"\n"):
            try:
                _decode(head[0][1])
            except DECODE_ERRORS:
                pass
            else:  # not one array but one page per line
                yield from self._jsonl(io.BytesIO(data), [], first[0] - 1, start_line)
                return
        yield from self._elements(list(iter_elements(data, raws=raws)), start_line)

    def _elements(self, elements: list[tuple[int, object | None, bytes, str | None]],
                  start_line: int) -> Iterator[Batch]:
        """The entities of a document held whole, as ``(position, value, raw, error)`` from :func:`iter_elements`."""
        context = Context()
        for _position, entity, _raw, problem in elements:  # in memory: every reference can resolve
            if problem is None:
                context.learn(entity)
        for position, entity, raw, problem in elements:
            if position < start_line:
                continue
            if problem is not None:
                yield position, [reject(position, problem, raw)]
            else:
                yield position, self._records(position, entity, context)

    def _jsonl(self, stream: IO[bytes], head: list[tuple[int, bytes]], after: int,
               start_line: int) -> Iterator[Batch]:
        """One entity (or wrapper, or page) per line: ``head`` the lines already read, ``after`` the last one."""
        context = Context()
        for _number, raw in head:
            with contextlib.suppress(*DECODE_ERRORS):
                context.learn(_decode(raw))
        # A file can be read twice: learning every line first lets a reply resolve a
        # parent on a later line, as in an array. A pipe only teaches earlier lines.
        learned = _learn_ahead(stream, context)
        rest = ((number, raw) for number, raw in enumerate(stream, after + 1) if raw.strip())
        for number, raw in itertools.chain(head, rest):
            line = raw.strip()
            try:
                entity = _decode(line)
            except DECODE_ERRORS as error:
                if number >= start_line:
                    yield number, [reject(number, f"not JSON: {describe(error)}", line)]
                continue
            # Lines before start_line are decoded too, only to learn their ids, so a
            # resumed ingest resolves replies exactly as a complete one does.
            if not learned:
                context.learn(entity)
            if number >= start_line:
                yield number, self._records(number, entity, context, line)

    @staticmethod
    def _records(position: int, value: object, context: Context, raw: bytes | None = None) -> list[Record]:
        entities = _entities(value) if isinstance(value, (dict, list)) else [value]
        records: list[Record] = []
        for entity in entities:  # a wrapper on one JSONL line holds several; each stands alone
            try:
                records.extend(records_from_entity(entity, context))
            except Exception as error:  # any malformed shape quarantines this entity only
                keep = raw if raw is not None and len(entities) == 1 else entity
                records.append(reject(position, describe(error), keep))
        return records


SOURCE = MastodonSource()
