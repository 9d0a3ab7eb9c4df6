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
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import IO, Any
from urllib.parse import urlsplit

import msgspec

from ..model import Account, Interaction, Post, Record, Snapshot, interaction_id
from .base import Batch, as_int, as_str, describe, first_json_value, parse_time, reject

FORMAT = "mastodon"
PLATFORM = "mastodon"
#: Wrapper objects whose lists hold entities (search results, thread context, grouped notifications).
WRAPPER_KEYS = ("statuses", "accounts", "notifications", "ancestors", "descendants")
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed"})
_HIDDEN_CLASSES = frozenset({"quote-inline", "reblog-inline"})


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
        if isinstance(entity, dict) and entity_kind(entity) is None:
            for inner in _entities(entity):
                if inner is not entity:
                    self.learn(inner)
            return
        kind = entity_kind(entity)
        if kind is None:
            return
        assert isinstance(entity, dict)
        if kind == "account":
            self._account(entity)
        elif kind == "notification":
            self._account(entity.get("account"))
            self.learn(entity.get("status"))
        else:
            self._account(entity.get("account"))
            uri = entity.get("uri")
            if isinstance(uri, str) and uri:
                self._note(self.statuses, entity.get("id"), uri)
            for mention in entity.get("mentions") or ():
                self._account(mention)
            self.learn(entity.get("reblog"))
            quote = entity.get("quote")
            self.learn(quote.get("quoted_status") if isinstance(quote, dict) and "state" in quote else quote)

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


def _learn_ahead(stream: IO[bytes], context: Context, decode: Callable[[bytes], Any]) -> bool:
    """Learn the ids of every remaining line, then rewind; ``False`` when the stream cannot rewind."""
    try:
        if not stream.seekable():
            return False
        position = stream.tell()
    except (OSError, ValueError, AttributeError):
        return False
    for raw in stream:
        try:
            context.learn(decode(raw))
        except msgspec.DecodeError:
            continue  # quarantined when read for real
    stream.seek(position)
    return True


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
        value = first_json_value(head)
        if value is None and start.startswith(b"{"):
            try:
                value = msgspec.json.decode(head)
            except msgspec.DecodeError:
                return False
        return entity_kind(value) is not None or (isinstance(value, dict) and any(
            isinstance(value.get(k), list) and value[k] and entity_kind(value[k][0]) for k in WRAPPER_KEYS))

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        """Yield ``(position, records)`` per entity: its element number, or its line in JSONL."""
        decode = msgspec.json.Decoder().decode
        first = stream.readline()
        number = 1
        while first and not first.strip():
            first, number = stream.readline(), number + 1
        if not first:
            return
        first = first.removeprefix(b"\xef\xbb\xbf")
        if first.lstrip().startswith(b"{"):
            try:
                value = decode(first)
            except msgspec.DecodeError:
                pass  # an object spread over several lines: one document
            else:
                yield from self._jsonl(stream, value, first, number, start_line)
                return
        yield from self._document(first + stream.read(), start_line)

    def _document(self, data: bytes, start_line: int) -> Iterator[Batch]:
        try:
            entities = _entities(msgspec.json.decode(data))
        except msgspec.DecodeError as error:
            yield 1, [reject(1, f"not JSON: {describe(error)}", data)]
            return
        context = Context()
        for entity in entities:  # the whole input is in memory: every reference can resolve
            context.learn(entity)
        for position, entity in enumerate(entities, 1):
            if position >= start_line:
                yield position, self._records(position, entity, context)

    def _jsonl(self, stream: IO[bytes], first: object, first_raw: bytes, first_number: int,
               start_line: int) -> Iterator[Batch]:
        decode = msgspec.json.Decoder().decode
        context = Context()
        context.learn(first)
        # A file can be read twice: learning every line first lets a reply resolve a
        # parent on a later line, as in an array. A pipe only teaches earlier lines.
        learned = _learn_ahead(stream, context, decode)
        if first_number >= start_line:
            yield first_number, self._records(first_number, first, context, first_raw)
        # The first line is already read: number the rest after it.
        for number, raw in enumerate(stream, first_number + 1):
            line = raw.strip()
            if not line:
                continue
            try:
                entity = decode(line)
            except msgspec.DecodeError as error:
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
        entities = _entities(value) if isinstance(value, dict) else [value]
        records: list[Record] = []
        for entity in entities:  # a wrapper on one JSONL line holds several; each stands alone
            try:
                records.extend(records_from_entity(entity, context))
            except (ValueError, TypeError, OverflowError) as error:
                keep = raw if raw is not None and len(entities) == 1 else entity
                records.append(reject(position, describe(error), keep))
        return records


SOURCE = MastodonSource()
