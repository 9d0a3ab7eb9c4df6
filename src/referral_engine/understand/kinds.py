"""The kind of a post: pitch, promoting others, conversation, information, other. (placeholder)"""

from __future__ import annotations

from .model import Cue, PostKind


def classify_kind(
    text: str, *, is_reply: bool = False, is_repost: bool = False, author: str | None = None,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """The kind of ``text``, a score in [0, 1] and the cues that decided it."""
    return PostKind.OTHER, 0.0, ()
