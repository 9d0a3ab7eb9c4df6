"""Referral requests: does the author ask others to name a provider? (placeholder, being written)"""

from __future__ import annotations

from .model import Request


def might_be_request(text: str) -> bool:
    """A cheap test that every request passes (most posts fail it)."""
    return "?" in text


def detect_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The request in ``text``, or ``None``."""
    return None
