"""The one write path: records are staged as Arrow tables and merged a batch at a time, set-based.

Records arrive as objects (``add``, ``add_many``) or as whole columns
(``add_columns``, the bulk path of large inputs); either way they are staged, in
input order, as one Arrow table per record table. ``flush`` merges a batch in one
transaction that also carries the ingest's progress mark: a few set-based
statements per table, whatever the batch's size. An ingest killed at any moment
therefore leaves the store as it was after some whole batch, and re-running it
resumes from the mark; upserts keyed on platform ids make any overlap harmless.

What a batch holds twice is settled the same way whatever the batch boundaries,
so an interrupted and resumed ingest gives the store an uninterrupted one gives
(but see accounts):

* posts and interactions: the first in input order is kept, and a key already in
  the store is never rewritten;
* accounts: each attribute takes the value of the latest sighting that has one
  (by ``seen_at``, then input order); the earliest creation time and the latest
  sighting time are kept. The store keeps one sighting time per account, not one
  per attribute, so sightings out of time order that lack an attribute can make
  it depend on which of them shared a batch;
* snapshots: one per account per UTC day, the first in input order. Every
  account sighting with counts and a time is also a snapshot, staged with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pyarrow as pa

from ..columns import TABLE_OF, Columns, to_table
from ..model import Account, Interaction, Post, Record, Rejected, Snapshot
from ..settings import BATCH_SIZE, MEMORY_ENV

if TYPE_CHECKING:
    import duckdb

#: DuckDB's memory while a writer is open on a store file, unless ``REFERRAL_ENGINE_MEMORY_LIMIT``
#: sets one: this many bytes per record of a batch (enough for its merge), at least 256 MB. It caps
#: DuckDB's cache of table blocks, which would otherwise grow with the store during a long ingest.
WRITE_MEMORY_PER_RECORD = 256
WRITE_MEMORY_MIN = 256 << 20

#: The tables staged per batch, in the order ``flush`` merges them.
STAGED = ("accounts", "posts", "interactions", "snapshots", "deletions")

_QUARANTINE = pa.schema([
    ("source", pa.string()), ("line", pa.int64()), ("format", pa.string()),
    ("reason", pa.string()), ("raw", pa.string()),
])

# One row per (platform, id) of a staged table: the first in input order.
_FIRST = "b.seq IN (SELECT min(seq) FROM {table} GROUP BY platform, id)"

_INSERT_POSTS = f"""
INSERT INTO posts
SELECT platform, id, author_id, text, created_at, lang, reply_to_id, reply_to_account_id, conversation_id,
       quote_of_id, repost_of_id, url
FROM batch_posts b
WHERE {_FIRST.format(table="batch_posts")}
  AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = b.platform AND p.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM deletions d WHERE d.kind = 'post' AND d.platform = b.platform AND d.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform AND f.account_id = b.author_id)
"""

_INSERT_INTERACTIONS = f"""
INSERT INTO interactions
SELECT platform, id, kind, source_id, target_id, target_handle, post_id, target_post_id, created_at
FROM batch_interactions b
WHERE {_FIRST.format(table="batch_interactions")}
  AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.platform = b.platform AND i.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM deletions d WHERE d.kind = 'interaction' AND d.platform = b.platform AND d.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM deletions d WHERE d.kind = 'post' AND d.platform = b.platform AND d.id = b.post_id)
  AND NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform
                  AND (f.account_id = b.source_id OR f.account_id = b.target_id))
"""

# The attributes of an account that later sightings overwrite (when they carry a value).
_ATTRIBUTES = ("handle", "name", "description", "location", "url", "followers", "following", "posts_count")


def _merge_accounts() -> str:
    """The accounts MERGE: the batch folded to one row per account, then merged with the store.

    Each attribute of the folded row comes with the time of the sighting that gave it
    (``x_seen``): it replaces the stored value only when at least as recent as the
    store's latest sighting, or when the store has none. Comparing with the fold's
    overall latest time instead would let an old value ride on a newer sighting that
    lacked it, and a second ingest of the same file could then change the store.
    """
    # latest first: by sighting time (undated ones count as oldest), then input order
    key = "epoch_us(coalesce(seen_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'))::HUGEINT * 4294967296 + seq"
    folded = ",\n        ".join(
        f"arg_max({a}, k) FILTER (WHERE {a} IS NOT NULL) AS {a}, "
        f"arg_max(seen_at, k) FILTER (WHERE {a} IS NOT NULL) AS {a}_seen"
        for a in _ATTRIBUTES
    )

    def take(a: str) -> str:
        return (f"(b.{a} IS NOT NULL AND (b.{a}_seen >= accounts.seen_at OR accounts.{a} IS NULL "
                f"OR accounts.seen_at IS NULL))")

    columns = ", ".join(["platform", "id", *_ATTRIBUTES, "created_at"])
    changed = "\n        OR ".join(f"({take(a)} AND b.{a} IS DISTINCT FROM accounts.{a})" for a in _ATTRIBUTES)
    sets = ",\n        ".join(f"{a} = CASE WHEN {take(a)} THEN b.{a} ELSE accounts.{a} END" for a in _ATTRIBUTES)
    return f"""
MERGE INTO accounts USING (
    SELECT platform, id,
        {folded},
        min(created_at) AS created_at,
        max(seen_at) AS seen_at
    FROM (
        -- sightings that repeat each other exactly (most do) fold first, cheaply: the latest stands for them
        SELECT {columns}, max(seen_at) AS seen_at, max({key}) AS k
        FROM batch_accounts GROUP BY ALL
    ) b
    WHERE NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform AND f.account_id = b.id)
    GROUP BY platform, id
) AS b
ON accounts.platform = b.platform AND accounts.id = b.id
WHEN MATCHED AND (
        -- only a sighting that changes something rewrites the row: updates are DuckDB's costliest
        -- write, and most sightings of an account repeat what the store knows
        {changed}
        OR (b.created_at IS NOT NULL AND (accounts.created_at IS NULL OR b.created_at < accounts.created_at))
    ) THEN UPDATE SET
        {sets},
        created_at = least(accounts.created_at, b.created_at),
        seen_at = greatest(accounts.seen_at, b.seen_at)
WHEN MATCHED AND b.seen_at > coalesce(accounts.seen_at, TIMESTAMPTZ '-infinity') THEN UPDATE SET
        seen_at = b.seen_at
WHEN NOT MATCHED THEN INSERT VALUES (b.platform, b.id, b.handle, b.name, b.description, b.location, b.url,
    b.created_at, b.followers, b.following, b.posts_count, b.seen_at)
"""


_MERGE_ACCOUNTS = _merge_accounts()

# A snapshot's day is its UTC date, whatever the session's time zone.
_DAY = "(({0}) AT TIME ZONE 'UTC')::DATE"

# Snapshots: the first of each account's day is kept.
_INSERT_SNAPSHOTS = f"""
INSERT INTO snapshots
SELECT platform, account_id, observed_at, followers, following, posts_count
FROM batch_snapshots b
WHERE b.seq IN (SELECT min(seq) FROM batch_snapshots GROUP BY platform, account_id, {_DAY.format("observed_at")})
  AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.platform = b.platform AND s.account_id = b.account_id
                  AND {_DAY.format("s.observed_at")} = {_DAY.format("b.observed_at")})
  AND NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform AND f.account_id = b.account_id)
"""

_INSERT_QUARANTINE = """
INSERT INTO quarantine
SELECT source, line, md5(raw), format, reason, raw, ? FROM batch_quarantine
ON CONFLICT DO NOTHING
"""


class Writer:
    """Stages records and merges them a batch at a time; see the module docstring.

    ``batch_size`` is how many records a batch holds before the ingest driver
    flushes it (``pending``); the writer itself never flushes on its own. Used as
    a context manager, it caps DuckDB's memory while open (:data:`WRITE_MEMORY_MIN`)
    and flushes what is left on a clean exit.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        batch_size: int = BATCH_SIZE,
        on_deleted_account: Callable[[str, str], None] | None = None,
    ) -> None:
        self._con = con
        self.batch_size = batch_size
        self._on_deleted_account = on_deleted_account
        self._capped = False
        # Record objects not yet turned into columns, and the columns staged so far, per table.
        self._records: dict[str, list[Any]] = {name: [] for name in STAGED}
        self._pieces: dict[str, list[pa.Table]] = {name: [] for name in STAGED}
        self._staged: dict[str, int] = dict.fromkeys(STAGED, 0)
        self._quarantine: list[tuple[str, int, str | None, str, str]] = []
        self._pending = 0
        self._progress: tuple[str, int | None, int | None, str | None, int, bool] | None = None
        self.counts: dict[str, int] = {
            "posts": 0, "accounts": 0, "interactions": 0, "snapshots": 0, "deletions": 0, "quarantined": 0,
        }

    def __enter__(self) -> Writer:
        # (an in-memory store holds all its data in that memory: it is never capped)
        [(path,)] = self._con.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
        self._capped = path is not None and not os.environ.get(MEMORY_ENV)
        if self._capped:
            limit = max(WRITE_MEMORY_MIN, WRITE_MEMORY_PER_RECORD * self.batch_size)
            self._con.execute("SET memory_limit = ?", [f"{limit >> 20}MiB"])
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        try:
            if kind is None:
                self.flush()
        finally:
            if self._capped:
                self._con.execute("RESET memory_limit")

    # -- staging -----------------------------------------------------------------------------
    def add(self, record: Record, *, source: str = "<input>", format: str | None = None) -> None:
        """Stage one record."""
        self.add_many([record], source=source, format=format)

    def add_many(self, records: list[Record], *, source: str = "<input>", format: str | None = None) -> None:
        """Stage several records (one call per payload)."""
        buckets = self._records
        for record in records:
            kind = type(record)
            if kind is Post:
                buckets["posts"].append(record)
            elif kind is Interaction:
                buckets["interactions"].append(record)
            elif kind is Account:
                account = cast(Account, record)
                buckets["accounts"].append(account)
                seen = account.seen_at
                if seen is not None and (account.followers is not None or account.following is not None
                                         or account.posts_count is not None):
                    buckets["snapshots"].append(Snapshot(account.platform, account.id, seen, account.followers,
                                                         account.following, account.posts_count))
            elif kind is Rejected:
                assert isinstance(record, Rejected)
                origin = f"{source}!{record.origin}" if record.origin else source
                self._quarantine.append((origin, record.line, format, record.reason, record.raw))
            elif kind in TABLE_OF:
                buckets[TABLE_OF[kind]].append(record)
            else:
                raise TypeError(f"not a record: {record!r}")
        self._pending += len(records)

    def add_columns(self, columns: Columns) -> None:
        """Stage records given as columns (tables of :data:`~referral_engine.columns.SCHEMAS`)."""
        for name, table in columns.tables.items():
            if not table.num_rows:
                continue
            if self._records[name]:  # record objects staged before these rows come first
                self._stage_records(name)
            self._pieces[name].append(table)
            self._staged[name] += table.num_rows
        self._pending += columns.rows

    def _stage_records(self, name: str) -> None:
        records = self._records[name]
        self._pieces[name].append(to_table(records, name))
        self._staged[name] += len(records)
        self._records[name] = []

    def buffered(self) -> dict[str, int]:
        """Records staged since the last flush, by type (the keys of :attr:`counts`)."""
        result = {name: self._staged[name] + len(self._records[name]) for name in STAGED}
        result["quarantined"] = len(self._quarantine)
        return result

    @property
    def pending(self) -> int:
        """Records staged since the last flush."""
        return self._pending

    def mark(
        self, source: str, line: int, *, size: int | None = None, mtime_ns: int | None = None,
        format: str | None = None, complete: bool = False,
    ) -> None:
        """Record that ``source`` is done up to ``line``: written with the next flush, atomically."""
        self._progress = (source, size, mtime_ns, format, line, complete)

    # -- merging -----------------------------------------------------------------------------
    def _batch(self, name: str) -> pa.Table | None:
        """The staged rows of one table, with ``seq``: their position in input order."""
        if self._records[name]:
            self._stage_records(name)
        pieces = self._pieces[name]
        if not pieces:
            return None
        table = pa.concat_tables(pieces) if len(pieces) > 1 else pieces[0]
        return table.append_column("seq", pa.array(np.arange(table.num_rows, dtype=np.int64)))

    def flush(self) -> None:
        """Merge everything staged (and the progress mark) in one transaction."""
        if not self._pending and self._progress is None:
            return
        con = self._con
        now = datetime.now(UTC)
        batches = {name: self._batch(name) for name in STAGED}
        registered: list[str] = []
        deleted_accounts: list[tuple[str, str]] = []
        con.execute("BEGIN TRANSACTION")
        try:
            for name, batch in batches.items():
                if batch is not None:
                    con.register(f"batch_{name}", batch)
                    registered.append(f"batch_{name}")
            if batches["accounts"] is not None:
                con.execute(_MERGE_ACCOUNTS)
            if batches["posts"] is not None:
                con.execute(_INSERT_POSTS)
            if batches["interactions"] is not None:
                con.execute(_INSERT_INTERACTIONS)
            if batches["snapshots"] is not None:
                con.execute(_INSERT_SNAPSHOTS)
            if batches["deletions"] is not None:
                deleted_accounts = self._apply_deletions()
            if self._quarantine:
                columns = list(zip(*self._quarantine, strict=True))
                con.register("batch_quarantine", pa.Table.from_arrays(
                    [pa.array(c, type=f.type) for c, f in zip(columns, _QUARANTINE, strict=True)],
                    schema=_QUARANTINE,
                ))
                registered.append("batch_quarantine")
                con.execute(_INSERT_QUARANTINE, [now])
            if self._progress is not None:
                source, size, mtime_ns, fmt, line, complete = self._progress
                con.execute(
                    "INSERT OR REPLACE INTO ingest_progress VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [source, size, mtime_ns, fmt, line, complete, now],
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            for view in registered:
                con.unregister(view)
        for name in STAGED:
            self.counts[name] += self._staged[name]
            self._staged[name] = 0
            self._pieces[name] = []
        self.counts["quarantined"] += len(self._quarantine)
        self._quarantine = []
        self._pending = 0
        self._progress = None
        for platform, account_id in deleted_accounts:
            if self._on_deleted_account is not None:
                self._on_deleted_account(platform, account_id)

    def _apply_deletions(self) -> list[tuple[str, str]]:
        con = self._con
        con.execute(
            "INSERT INTO deletions SELECT DISTINCT ON (platform, kind, id) platform, kind, id, account_id, deleted_at "
            "FROM batch_deletions ORDER BY platform, kind, id, seq ON CONFLICT DO NOTHING"
        )
        con.execute(
            "DELETE FROM posts USING batch_deletions d "
            "WHERE d.kind = 'post' AND posts.platform = d.platform AND posts.id = d.id"
        )
        con.execute(
            "DELETE FROM interactions USING batch_deletions d "
            "WHERE interactions.platform = d.platform AND "
            "((d.kind = 'interaction' AND interactions.id = d.id) OR (d.kind = 'post' AND interactions.post_id = d.id))"
        )
        accounts = con.execute(
            "SELECT DISTINCT platform, id FROM batch_deletions WHERE kind = 'account' ORDER BY 1, 2"
        ).fetchall()
        return [(str(p), str(i)) for p, i in accounts]

