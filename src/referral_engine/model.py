"""The records every source is normalised into: the only shapes the rest of the code sees.

Every platform (X, Bluesky, Mastodon, the plain format) turns its raw payloads into
these few typed records. Identities are the platform's own: an X user id, a Bluesky
DID, a Mastodon ``user@host``; handles and names are attributes that may change.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import msgspec


class Platform(StrEnum):
    """Where a record comes from. ``plain`` covers any other community (forums, exports)."""

    X = "x"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    PLAIN = "plain"


class InteractionKind(StrEnum):
    """The ways one account acts towards another."""

    REPLY = "reply"
    MENTION = "mention"
    REPOST = "repost"
    QUOTE = "quote"
    LIKE = "like"
    FOLLOW = "follow"



class Account(msgspec.Struct, frozen=True, gc=False):
    """One identity on one platform. Attributes left ``None`` keep what the store knows."""

    platform: str
    id: str
    handle: str | None = None
    name: str | None = None
    description: str | None = None
    location: str | None = None
    url: str | None = None
    created_at: datetime | None = None
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None
    seen_at: datetime | None = None


class Post(msgspec.Struct, frozen=True, gc=False):
    """A post, reply, quote or repost. ``id`` is the platform's own (tweet id, at-uri, status uri)."""

    platform: str
    id: str
    author_id: str
    text: str
    created_at: datetime | None = None
    lang: str | None = None
    reply_to_id: str | None = None
    reply_to_account_id: str | None = None
    conversation_id: str | None = None
    quote_of_id: str | None = None
    repost_of_id: str | None = None
    url: str | None = None


class Interaction(msgspec.Struct, frozen=True, gc=False):
    """``source_id`` did ``kind`` towards ``target_id`` (or ``target_handle`` until resolved).

    ``id`` is deterministic, so re-reading the same payload yields the same key:
    the platform's record id where it has one (a Bluesky like's at-uri), else one
    built from the acting post, the kind and the target.
    """

    platform: str
    id: str
    kind: str
    source_id: str
    target_id: str | None = None
    target_handle: str | None = None
    post_id: str | None = None
    target_post_id: str | None = None
    created_at: datetime | None = None


class Snapshot(msgspec.Struct, frozen=True, gc=False):
    """An account's public counts as observed at one moment."""

    platform: str
    account_id: str
    observed_at: datetime
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None


class Deletion(msgspec.Struct, frozen=True, gc=False):
    """A record withdrawn by its author: ``kind`` is ``post``, ``interaction`` or ``account``."""

    platform: str
    kind: str
    id: str
    account_id: str | None = None
    deleted_at: datetime | None = None


class Rejected(msgspec.Struct, frozen=True, gc=False):
    """A raw record that could not be understood; it goes to quarantine with its reason."""

    line: int
    reason: str
    raw: str
    #: The file inside a container (an archive's ``data/tweets.js``) when not the input itself.
    origin: str | None = None


Record = Account | Post | Interaction | Snapshot | Deletion | Rejected


def interaction_id(kind: str, actor: str, target: str | None, ref: str | None = None) -> str:
    """The deterministic key of an interaction without a platform id of its own."""
    return f"{kind}:{actor}:{target or ''}:{ref or ''}"
