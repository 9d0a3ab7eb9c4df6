"""Referral Engine: turn social media into a referral engine, on your own machine.

Library first: open a :class:`Store`, ingest files, query records::

    from referral_engine import Store
    store = Store("community.duckdb")
    store.ingest("tweets.jsonl", "archive.zip")
    store.stats()

The names below load on first use (PEP 562), so that importing one part of the package
(``referral_engine.understand`` for ``refer classify``, the CLI for ``refer --help``) does not
pay for DuckDB, Arrow and scipy it does not touch.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

# ``ingest`` is both a submodule and its main function: importing the module here, before anything
# else can, leaves the name bound to the function. The module itself is light (it loads the store
# and the steps after ingest when they run).
from .ingest import AFTER_INGEST, IngestError, IngestSummary, ingest

if _typing.TYPE_CHECKING:
    from .model import Account, Deletion, Interaction, InteractionKind, Platform, Post, Record, Rejected, Snapshot
    from .sources import FORMATS, UnknownFormat, detect
    from .store import NoSuchAccount, Store, StoreError, default_path

__version__ = "0.1.0"

# Each public name -> the module that defines it.
_HOMES = {
    **dict.fromkeys(("Account", "Deletion", "Interaction", "InteractionKind", "Platform", "Post", "Record",
                     "Rejected", "Snapshot"), ".model"),
    **dict.fromkeys(("FORMATS", "UnknownFormat", "detect"), ".sources"),
    **dict.fromkeys(("NoSuchAccount", "Store", "StoreError"), ".store"),
    "default_path": ".settings",
}


def __getattr__(name: str) -> _typing.Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'referral_engine' has no attribute {name!r}")
    value = getattr(_importlib.import_module(home, __name__), name)
    globals()[name] = value  # the next look-up is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


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
