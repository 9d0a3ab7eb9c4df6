"""Endorsements: a post that vouches for (or warns against) a provider. (placeholder, being written)"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Endorsement, Request


def detect_endorsements(
    text: str, *, parent_text: str | None = None, parent_request: Request | None = None,
    mentions: Sequence[str] = (),
) -> list[Endorsement]:
    """The endorsements made by ``text`` (a reply to ``parent_text`` when given)."""
    return []
