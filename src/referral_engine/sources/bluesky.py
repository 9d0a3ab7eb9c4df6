"""Bluesky through Jetstream v1: one JSON event per line (``commit``, ``identity``, ``account``).

Identities are DIDs; a post's id is its at-uri ``at://{did}/app.bsky.feed.post/{rkey}``.
Likes, reposts and follows are keyed by their own record's at-uri, so the
matching delete event (which carries no record) can name them.

What each event becomes:

* post create: a :class:`Post`, plus a reply, mention (facets) and quote
  (``app.bsky.embed.record`` / ``recordWithMedia``) interaction where present;
* like / repost / follow create: one interaction;
* profile create/update: the account's display name and description;
* post delete: ``Deletion(kind="post")``; like / repost / follow delete:
  ``Deletion(kind="interaction")``;
* identity: the account with its handle;
* account with ``active: false`` and ``status: "deleted"``: ``Deletion(kind="account")``,
  which makes the store forget the account. Takedowns, suspensions and
  deactivations are reversible, so they erase nothing.

Each handled event also yields the acting account. Events about other
collections (blocks, statuses, other lexicons) yield nothing: they are not
errors. A post's time is its ``createdAt`` (falling back to the event's
``time_us`` when it is absent or unreadable); a deletion's is ``time_us``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import IO, Any

import msgspec

from ..model import Account, Deletion, Interaction, Post, Record, interaction_id
from .base import Batch, describe, first_json_value, iter_lines, parse_time, reject

FORMAT = "bluesky-jetstream"
PLATFORM = "bluesky"

POST = "app.bsky.feed.post"
PROFILE = "app.bsky.actor.profile"
#: Collections whose records are one interaction each, keyed by the record's at-uri.
ACTS = {"app.bsky.feed.like": "like", "app.bsky.feed.repost": "repost", "app.bsky.graph.follow": "follow"}
MENTION_FEATURE = "app.bsky.richtext.facet#mention"
EMBED_RECORD = "app.bsky.embed.record"
EMBED_RECORD_WITH_MEDIA = "app.bsky.embed.recordWithMedia"
EVENT_KINDS = ("commit", "identity", "account")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class JetstreamError(ValueError):
    """An event that breaks the Jetstream shape; the message is the quarantine reason."""


def _field(obj: Mapping[str, Any], name: str, where: str) -> str:
    value = obj.get(name)
    if value is None:
        raise JetstreamError(f"{where} without '{name}'")
    if not isinstance(value, str) or not value:
        raise JetstreamError(f"{where} '{name}' must be a non-empty string, not {type(value).__name__}")
    return value


def _object(obj: Mapping[str, Any], name: str, where: str) -> Mapping[str, Any]:
    value = obj.get(name)
    if value is None:
        raise JetstreamError(f"{where} without '{name}'")
    if not isinstance(value, dict):
        raise JetstreamError(f"{where} '{name}' must be an object, not {type(value).__name__}")
    return value


def _time_us(value: object) -> datetime:
    # Integer arithmetic: a float of 16 digits would lose the microseconds.
    if isinstance(value, bool) or not isinstance(value, int):
        raise JetstreamError(f"event 'time_us' must be an integer, not {type(value).__name__}")
    return _EPOCH + timedelta(microseconds=value)


def _created(record: Mapping[str, Any], fallback: datetime) -> datetime:
    # createdAt is written by the client: absent, naive or odd ones are common and
    # not worth losing a post over, the relay's time is a close stand-in.
    try:
        return parse_time(record.get("createdAt")) or fallback
    except (ValueError, TypeError, OverflowError):
        return fallback


def did_of(uri: str) -> str:
    """The DID (authority) of an at-uri such as ``at://did:plc:x/app.bsky.feed.post/rkey``."""
    if not uri.startswith("at://did:"):
        raise JetstreamError(f"not an at-uri with a DID: {uri[:80]!r}")
    return uri[5:].split("/", 1)[0]


def _is_post_uri(uri: str) -> bool:
    parts = uri[5:].split("/") if uri.startswith("at://did:") else []
    return len(parts) == 3 and parts[1] == POST and bool(parts[2])


def records_from_event(event: object) -> list[Record]:
    """The records of one decoded Jetstream event. Raises :class:`JetstreamError` when malformed."""
    if not isinstance(event, dict):
        raise JetstreamError(f"expected an event object, got {type(event).__name__}")
    did = _field(event, "did", "event")
    if not did.startswith("did:"):
        raise JetstreamError(f"event 'did' is not a DID: {did[:80]!r}")
    kind = _field(event, "kind", "event")
    if kind not in EVENT_KINDS:
        raise JetstreamError(f"unknown event kind {kind!r} (commit, identity or account)")
    time = _time_us(event.get("time_us"))
    if kind == "commit":
        return _commit(did, time, _object(event, "commit", "commit event"))
    if kind == "identity":
        identity = _object(event, "identity", "identity event")
        handle = identity.get("handle")
        if handle is not None and not isinstance(handle, str):
            raise JetstreamError(f"identity 'handle' must be a string, not {type(handle).__name__}")
        # "handle.invalid" is the network's placeholder for a handle that failed verification.
        known = handle if handle and handle != "handle.invalid" else None
        return [Account(PLATFORM, did, handle=known, seen_at=time)]
    account = _object(event, "account", "account event")
    active = account.get("active")
    if not isinstance(active, bool):
        raise JetstreamError("account event 'active' must be true or false")
    if not active and account.get("status") == "deleted":
        return [Deletion(PLATFORM, "account", did, account_id=did, deleted_at=time)]
    return [Account(PLATFORM, did, seen_at=time)]


def _commit(did: str, time: datetime, commit: Mapping[str, Any]) -> list[Record]:
    operation = _field(commit, "operation", "commit")
    collection = _field(commit, "collection", "commit")
    rkey = _field(commit, "rkey", "commit")
    if operation not in ("create", "update", "delete"):
        raise JetstreamError(f"unknown commit operation {operation!r}")
    uri = f"at://{did}/{collection}/{rkey}"
    actor = Account(PLATFORM, did, seen_at=time)
    if operation == "delete":
        if collection == POST:
            return [actor, Deletion(PLATFORM, "post", uri, account_id=did, deleted_at=time)]
        if collection in ACTS:
            return [actor, Deletion(PLATFORM, "interaction", uri, account_id=did, deleted_at=time)]
        return []
    if collection != POST and collection not in ACTS and collection != PROFILE:
        return []
    record = _object(commit, "record", f"{operation} of {collection}")
    if collection == POST:
        return [actor, *_post(did, rkey, uri, time, record)]
    if collection == PROFILE:
        name, about = record.get("displayName"), record.get("description")
        return [Account(PLATFORM, did, name=name if isinstance(name, str) and name else None,
                        description=about if isinstance(about, str) and about else None, seen_at=time)]
    kind = ACTS[collection]
    created = _created(record, time)
    subject = record.get("subject")
    if kind == "follow":
        if not isinstance(subject, str) or not subject.startswith("did:"):
            raise JetstreamError("follow record 'subject' must be a DID")
        return [actor, Interaction(PLATFORM, uri, kind, did, target_id=subject, created_at=created)]
    target_post = subject.get("uri") if isinstance(subject, dict) else None
    if not isinstance(target_post, str):
        raise JetstreamError(f"{kind} record without 'subject.uri'")
    return [actor, Interaction(PLATFORM, uri, kind, did, target_id=did_of(target_post),
                               target_post_id=target_post, created_at=created)]


def _post(did: str, rkey: str, uri: str, time: datetime, record: Mapping[str, Any]) -> list[Record]:
    text = record.get("text")
    if not isinstance(text, str):
        raise JetstreamError("post record 'text' must be a string")
    created = _created(record, time)
    langs = record.get("langs")
    lang = langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None
    out: list[Record] = []
    parent = root = parent_did = None
    reply = record.get("reply")
    if reply is not None:
        if not isinstance(reply, dict):
            raise JetstreamError("post record 'reply' must be an object")
        parent = _field(_object(reply, "parent", "reply"), "uri", "reply parent")
        root = _field(_object(reply, "root", "reply"), "uri", "reply root")
        parent_did = did_of(parent)
        out.append(Interaction(PLATFORM, interaction_id("reply", uri, None), "reply", did, target_id=parent_did,
                               post_id=uri, target_post_id=parent, created_at=created))
    for target, handle in _mentions(text, record.get("facets")):
        out.append(Account(PLATFORM, target, handle=handle))
        out.append(Interaction(PLATFORM, interaction_id("mention", uri, target), "mention", did, target_id=target,
                               target_handle=handle, post_id=uri, created_at=created))
    quoted = _quoted(record.get("embed"))
    if quoted is not None:
        out.append(Interaction(PLATFORM, interaction_id("quote", uri, None), "quote", did, target_id=did_of(quoted),
                               post_id=uri, target_post_id=quoted, created_at=created))
    post = Post(PLATFORM, uri, did, text, created_at=created, lang=lang, reply_to_id=parent,
                reply_to_account_id=parent_did, conversation_id=root or uri, quote_of_id=quoted,
                url=f"https://bsky.app/profile/{did}/post/{rkey}")
    return [post, *out]


def _mentions(text: str, facets: object) -> list[tuple[str, str | None]]:
    """``(did, handle)`` of each account a post's facets mention, in order, once each.

    Facet indices count UTF-8 bytes, not characters, so the handle is cut from
    the encoded text. A malformed facet is skipped: the post itself is sound.
    """
    if not isinstance(facets, list):
        return []
    encoded: bytes | None = None
    found: dict[str, str | None] = {}
    for facet in facets:
        if not isinstance(facet, dict) or not isinstance(facet.get("features"), list):
            continue
        for feature in facet["features"]:
            if not isinstance(feature, dict) or feature.get("$type") != MENTION_FEATURE:
                continue
            target = feature.get("did")
            if not isinstance(target, str) or not target.startswith("did:"):
                continue
            handle = None
            index = facet.get("index")
            if isinstance(index, dict):
                start, end = index.get("byteStart"), index.get("byteEnd")
                if encoded is None:
                    encoded = text.encode("utf-8")
                if (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                        and not isinstance(end, bool) and 0 <= start < end <= len(encoded)):
                    handle = encoded[start:end].decode("utf-8", "replace").strip().lstrip("@") or None
            if found.get(target) is None:
                found[target] = handle
    return list(found.items())


def _quoted(embed: object) -> str | None:
    """The at-uri of the post a post quotes, or ``None`` (other embeds, quoted lists or feeds)."""
    if not isinstance(embed, dict):
        return None
    kind = embed.get("$type")
    ref = embed.get("record")
    if kind == EMBED_RECORD_WITH_MEDIA:
        ref = ref.get("record") if isinstance(ref, dict) else None
    elif kind != EMBED_RECORD:
        return None
    uri = ref.get("uri") if isinstance(ref, dict) else None
    return uri if isinstance(uri, str) and _is_post_uri(uri) else None


class Jetstream:
    """Jetstream v1 JSONL: one event per line; resumable by line."""

    format = FORMAT
    resumable = True

    def sniff(self, head: bytes) -> bool:
        """True when the first line is a Jetstream event (``did``, ``time_us``, ``kind``)."""
        value = first_json_value(head)
        if isinstance(value, dict):
            return isinstance(value.get("did"), str) and value.get("kind") in EVENT_KINDS and "time_us" in value
        # A first line longer than the sniffed head cannot be decoded: judge its opening.
        opening = head.lstrip()[:200]
        return opening.startswith(b'{"did":"did:') and b'"time_us"' in opening and b'"kind"' in opening

    def iter_records(self, stream: IO[bytes], *, start_line: int = 1) -> Iterator[Batch]:
        """Yield ``(line, records)`` per event; a malformed event yields one ``Rejected``."""
        decode = msgspec.json.Decoder().decode
        for number, line in iter_lines(stream, start_line):
            try:
                yield number, records_from_event(decode(line))
            except (msgspec.DecodeError, ValueError, TypeError) as error:
                yield number, [reject(number, describe(error), line)]


SOURCE = Jetstream()
