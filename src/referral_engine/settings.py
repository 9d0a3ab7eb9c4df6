"""Where the store lives, the environment variables that tune it, and the defaults the CLI shows.

Cheap to import on purpose (no DuckDB, Arrow or scipy): the ``refer`` command reads these to
build its options before it knows which command runs, and most commands need only some of the
heavy libraries. :mod:`referral_engine.store` re-exports every name here.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The environment variable that overrides the default store location.
DB_ENV = "REFERRAL_ENGINE_DB"
#: The environment variable that caps DuckDB's worker threads (default: all cores).
THREADS_ENV = "REFERRAL_ENGINE_THREADS"
#: The environment variable that caps DuckDB's memory (e.g. ``512MB``; default: DuckDB's, 80% of RAM).
MEMORY_ENV = "REFERRAL_ENGINE_MEMORY_LIMIT"

#: Tables a user may export (``refer export``).
TABLES = (
    "accounts", "posts", "interactions", "snapshots", "deletions", "quarantine", "forgotten", "ingest_progress",
    "judgements", "requests", "endorsements", "trust_scores", "trust_discounts",
)

#: Records per batch of an ingest unless told otherwise (``refer ingest --batch-size``). A batch is merged
#: set-based, so bigger batches cost less per record (fewer merges, commits and checkpoints) and hold
#: more in memory while staged.
BATCH_SIZE = 500_000


def default_path() -> Path:
    """Where the store lives unless told otherwise: ``$REFERRAL_ENGINE_DB``, else the XDG data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "referral-engine" / "referral.duckdb"
