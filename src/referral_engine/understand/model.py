"""What understanding a post produces: judgements that carry their score and the cues behind them.

Judgements are pure functions of a post's text (and, for a reply, its parent's):
easy to test, to batch, to run inside a Spark UDF, and to explain.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


class PostKind(StrEnum):
    """What a post mainly does, from its author's point of view (for auditing an account)."""

    PITCH = "pitch"
    PROMOTING_OTHERS = "promoting_others"
    CONVERSATION = "conversation"
    INFORMATION = "information"
    OTHER = "other"


class RequestKind(StrEnum):
    """What a referral request seeks."""

    SERVICE = "service"
    PRODUCT = "product"
    PLACE = "place"
    MEDIA = "media"
    OTHER = "other"


class Cue(msgspec.Struct, frozen=True, gc=False):
    """One piece of evidence: what was seen (``name``), the text that showed it, and its weight."""

    name: str
    text: str
    weight: float


class Request(msgspec.Struct, frozen=True, gc=False):
    """The author asks others to name a provider: what is sought, where, and how sure we are."""

    sought: str
    category: str | None
    location: str | None
    kind: str
    score: float
    cues: tuple[Cue, ...] = ()


class Endorsement(msgspec.Struct, frozen=True, gc=False):
    """The post vouches for (or warns against) ``target``, for ``for_`` (what it is recommended for)."""

    target: str
    for_: str | None = msgspec.field(default=None, name="for")
    polarity: str = "positive"
    score: float = 0.0
    category: str | None = None
    cues: tuple[Cue, ...] = ()


class Judgement(msgspec.Struct, frozen=True, gc=False):
    """Everything understood about one post."""

    request: Request | None
    endorsements: tuple[Endorsement, ...]
    post_kind: str
    post_kind_score: float = 0.0
    post_kind_cues: tuple[Cue, ...] = ()
