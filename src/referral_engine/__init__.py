"""Referral Engine: turn social media into a referral engine, on your own machine.

Library first: open a :class:`Store`, ingest files, query records::

    from referral_engine import Store
    store = Store("community.duckdb")
    store.ingest("tweets.jsonl", "archive.zip")
    store.stats()
"""

from __future__ import annotations

from .ingest import AFTER_INGEST, IngestError, IngestSummary, ingest
from .model import Account, Deletion, Interaction, InteractionKind, Platform, Post, Record, Rejected, Snapshot
from .sources import FORMATS, UnknownFormat, detect
from .store import NoSuchAccount, Store, StoreError, default_path

__version__ = "0.1.0"

# Built-in steps after every ingest, wired the way a plugin would be: judging first, then
# global trust (its pitch discount reads the judgements; it warm-starts from the last scores).
from .trust.scores import refresh_trust
from .understand.pipeline import judge_store

for _step in (judge_store, refresh_trust):
    if _step not in AFTER_INGEST:
        AFTER_INGEST.append(_step)
del judge_store, refresh_trust, _step

__all__ = [
    "AFTER_INGEST",
    "FORMATS",
    "Account",
    "Deletion",
    "IngestError",
    "IngestSummary",
    "Interaction",
    "InteractionKind",
    "NoSuchAccount",
    "Platform",
    "Post",
    "Record",
    "Rejected",
    "Snapshot",
    "Store",
    "StoreError",
    "UnknownFormat",
    "__version__",
    "default_path",
    "detect",
    "ingest",
]
