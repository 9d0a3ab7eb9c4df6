"""The one write path: records are buffered, then upserted a batch at a time.

Each flush is one transaction that writes every table touched by the batch and,
with it, the ingest's progress mark. An ingest killed at any moment therefore
leaves the store as it was after some whole batch, and re-running it resumes
from the mark; upserts keyed on platform ids make any overlap harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import msgspec
import pyarrow as pa

from ..model import Account, Deletion, Interaction, Post, Record, Rejected, Snapshot

if TYPE_CHECKING:
    import duckdb

TS = pa.timestamp("us", tz="UTC")

_ACCOUNT_COLUMNS = [
    ("platform", pa.string()), ("id", pa.string()), ("handle", pa.string()), ("name", pa.string()),
    ("description", pa.string()), ("location", pa.string()), ("url", pa.string()), ("created_at", TS),
    ("followers", pa.int64()), ("following", pa.int64()), ("posts_count", pa.int64()), ("seen_at", TS),
]
_POST_COLUMNS = [
    ("platform", pa.string()), ("id", pa.string()), ("author_id", pa.string()), ("text", pa.string()),
    ("created_at", TS), ("lang", pa.string()), ("reply_to_id", pa.string()),
    ("reply_to_account_id", pa.string()), ("conversation_id", pa.string()),
    ("quote_of_id", pa.string()), ("repost_of_id", pa.string()), ("url", pa.string()),
]
_INTERACTION_COLUMNS = [
    ("platform", pa.string()), ("id", pa.string()), ("kind", pa.string()), ("source_id", pa.string()),
    ("target_id", pa.string()), ("target_handle", pa.string()), ("post_id", pa.string()),
    ("target_post_id", pa.string()), ("created_at", TS),
]
_SNAPSHOT_COLUMNS = [
    ("platform", pa.string()), ("account_id", pa.string()), ("observed_at", TS),
    ("followers", pa.int64()), ("following", pa.int64()), ("posts_count", pa.int64()),
]
_DELETION_COLUMNS = [
    ("platform", pa.string()), ("kind", pa.string()), ("id", pa.string()),
    ("account_id", pa.string()), ("deleted_at", TS),
]
_QUARANTINE_COLUMNS = [
    ("source", pa.string()), ("line", pa.int64()), ("format", pa.string()),
    ("reason", pa.string()), ("raw", pa.string()),
]

# Accounts merge: a later sighting fills in what an earlier one lacked, and the
# latest counts win. The batch holds one row per account (folded in Python).
_MERGE_ACCOUNTS = """
MERGE INTO accounts USING (
    SELECT * FROM batch_accounts b
    WHERE NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform AND f.account_id = b.id)
) AS b
ON accounts.platform = b.platform AND accounts.id = b.id
WHEN MATCHED AND (
    -- only a sighting that changes something is written: updates are DuckDB's costliest write,
    -- and most sightings of an account repeat what the store knows
    (b.handle IS NOT NULL AND b.handle IS DISTINCT FROM accounts.handle)
    OR (b.name IS NOT NULL AND b.name IS DISTINCT FROM accounts.name)
    OR (b.description IS NOT NULL AND b.description IS DISTINCT FROM accounts.description)
    OR (b.location IS NOT NULL AND b.location IS DISTINCT FROM accounts.location)
    OR (b.url IS NOT NULL AND b.url IS DISTINCT FROM accounts.url)
    OR (b.created_at IS NOT NULL AND accounts.created_at IS NULL)
    OR (b.followers IS NOT NULL AND b.followers IS DISTINCT FROM accounts.followers)
    OR (b.following IS NOT NULL AND b.following IS DISTINCT FROM accounts.following)
    OR (b.posts_count IS NOT NULL AND b.posts_count IS DISTINCT FROM accounts.posts_count)
) THEN UPDATE SET
    handle = CASE WHEN b.seen_at >= accounts.seen_at OR accounts.handle IS NULL OR accounts.seen_at IS NULL
                  THEN coalesce(b.handle, accounts.handle) ELSE accounts.handle END,
    name = CASE WHEN b.seen_at >= accounts.seen_at OR accounts.name IS NULL OR accounts.seen_at IS NULL
                THEN coalesce(b.name, accounts.name) ELSE accounts.name END,
    description = coalesce(b.description, accounts.description),
    location = coalesce(b.location, accounts.location),
    url = coalesce(b.url, accounts.url),
    created_at = coalesce(accounts.created_at, b.created_at),
    followers = CASE WHEN b.seen_at >= accounts.seen_at OR accounts.followers IS NULL OR accounts.seen_at IS NULL
                     THEN coalesce(b.followers, accounts.followers) ELSE accounts.followers END,
    following = CASE WHEN b.seen_at >= accounts.seen_at OR accounts.following IS NULL OR accounts.seen_at IS NULL
                     THEN coalesce(b.following, accounts.following) ELSE accounts.following END,
    posts_count = CASE WHEN b.seen_at >= accounts.seen_at OR accounts.posts_count IS NULL OR accounts.seen_at IS NULL
                       THEN coalesce(b.posts_count, accounts.posts_count) ELSE accounts.posts_count END,
    seen_at = greatest(accounts.seen_at, b.seen_at)
WHEN NOT MATCHED THEN INSERT VALUES (b.platform, b.id, b.handle, b.name, b.description, b.location, b.url,
    b.created_at, b.followers, b.following, b.posts_count, b.seen_at)
"""

_INSERT_POSTS = """
INSERT INTO posts
SELECT * FROM batch_posts b
WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = b.platform AND p.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM deletions d WHERE d.kind = 'post' AND d.platform = b.platform AND d.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform AND f.account_id = b.author_id)
"""

_INSERT_INTERACTIONS = """
INSERT INTO interactions
SELECT * FROM batch_interactions b
WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.platform = b.platform AND i.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM deletions d WHERE d.kind = 'interaction' AND d.platform = b.platform AND d.id = b.id)
  AND NOT EXISTS (SELECT 1 FROM deletions d WHERE d.kind = 'post' AND d.platform = b.platform AND d.id = b.post_id)
  AND NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform
                  AND (f.account_id = b.source_id OR f.account_id = b.target_id))
"""

# Snapshots come from sources that report counts alone and from every account
# sighting that carries counts and a time; one per account per day is kept.
_INSERT_SNAPSHOTS = """
INSERT INTO snapshots
SELECT DISTINCT ON (platform, account_id, observed_at::DATE) platform, account_id, observed_at,
       followers, following, posts_count
FROM batch_snapshots b
WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.platform = b.platform AND s.account_id = b.account_id
                  AND s.observed_at::DATE = b.observed_at::DATE)
  AND NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.platform = b.platform AND f.account_id = b.account_id)
ORDER BY platform, account_id, observed_at::DATE, observed_at DESC
"""

_INSERT_QUARANTINE = """
INSERT INTO quarantine
SELECT source, line, md5(raw), format, reason, raw, ? FROM batch_quarantine
ON CONFLICT DO NOTHING
"""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _fold(old: Account | None, new: Account) -> Account:
    """Two sightings of one account in a batch, merged field by field.

    The newer sighting's handle, name and counts win where it has them; a profile
    field (bio, location, url) is filled in from whichever sighting has it; the
    earliest creation time and the latest sighting time are kept.
    """
    if old is None:
        return new
    if (new.seen_at or _EPOCH) < (old.seen_at or _EPOCH):
        old, new = new, old
    if new.name is not None and new.followers is not None and new.description is not None:
        return new  # a full profile, newer: nothing to take from the older sighting but its creation time
    return Account(
        new.platform, new.id,
        new.handle if new.handle is not None else old.handle,
        new.name if new.name is not None else old.name,
        new.description if new.description is not None else old.description,
        new.location if new.location is not None else old.location,
        new.url if new.url is not None else old.url,
        old.created_at if new.created_at is None else new.created_at if old.created_at is None
        else min(old.created_at, new.created_at),
        new.followers if new.followers is not None else old.followers,
        new.following if new.following is not None else old.following,
        new.posts_count if new.posts_count is not None else old.posts_count,
        new.seen_at if new.seen_at is not None else old.seen_at,
    )


def _table(records: Iterable[Any], columns: list[tuple[str, pa.DataType]]) -> pa.Table:
    """Records (msgspec structs whose fields are ``columns``, in order) as an Arrow table.

    Arrow converts the tuples in C++, field by field: the cheapest way found from
    Python objects to columns (about a third faster than transposing in Python).
    """
    rows = list(map(msgspec.structs.astuple, records))
    return pa.Table.from_struct_array(pa.array(rows, type=pa.struct(columns)))


class Writer:
    """Buffers records and upserts them a batch at a time; see the module docstring.

    ``on_flush`` is called with the number of records written after each commit,
    so a progress display can follow the store rather than the parser.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        batch_size: int = 50_000,
        on_deleted_account: Callable[[str, str], None] | None = None,
    ) -> None:
        self._con = con
        self.batch_size = batch_size
        self._on_deleted_account = on_deleted_account
        self._accounts: dict[tuple[str, str], Account] = {}
        # keyed by (platform, id): a batch holds each post and interaction once
        self._posts: dict[tuple[str, str], Post] = {}
        self._interactions: dict[tuple[str, str], Interaction] = {}
        self._snapshots: list[Snapshot] = []
        # the latest counted sighting of each account per day, turned into snapshots at flush
        self._counted: dict[tuple[str, str, date], Account] = {}
        self._deletions: list[Deletion] = []
        self._quarantine: list[tuple[str, int, str | None, str, str]] = []
        self._pending = 0
        self._progress: tuple[str, int | None, int | None, str | None, int, bool] | None = None
        self.counts: dict[str, int] = {
            "posts": 0, "accounts": 0, "interactions": 0, "snapshots": 0, "deletions": 0, "quarantined": 0,
        }

    def add(self, record: Record, *, source: str = "<input>", format: str | None = None) -> None:
        """Buffer one record; flushes by itself when the batch is full (without a progress mark)."""
        kind = type(record)
        if kind is Post:
            assert isinstance(record, Post)
            self._posts[record.platform, record.id] = record
        elif kind is Interaction:
            assert isinstance(record, Interaction)
            self._interactions[record.platform, record.id] = record
        elif kind is Account:
            assert isinstance(record, Account)
            key = (record.platform, record.id)
            self._accounts[key] = _fold(self._accounts.get(key), record)
            seen = record.seen_at
            if seen is not None and (
                record.followers is not None or record.following is not None or record.posts_count is not None
            ):
                day = (record.platform, record.id, seen.date())
                counted = self._counted.get(day)
                if counted is None or counted.seen_at is None or counted.seen_at <= seen:
                    self._counted[day] = record
        elif kind is Snapshot:
            self._snapshots.append(record)  # type: ignore[arg-type]
        elif kind is Deletion:
            self._deletions.append(record)  # type: ignore[arg-type]
        elif kind is Rejected:
            assert isinstance(record, Rejected)
            origin = f"{source}!{record.origin}" if record.origin else source
            self._quarantine.append((origin, record.line, format, record.reason, record.raw))
        else:
            raise TypeError(f"not a record: {record!r}")
        self._pending += 1

    def add_many(self, records: list[Record], *, source: str = "<input>", format: str | None = None) -> None:
        """Buffer several records (the fast path: one call per payload)."""
        posts, interactions = self._posts, self._interactions
        for record in records:
            kind = type(record)
            if kind is Post:
                posts[record.platform, record.id] = record  # type: ignore[union-attr,assignment]
            elif kind is Interaction:
                interactions[record.platform, record.id] = record  # type: ignore[union-attr,assignment]
            else:
                self.add(record, source=source, format=format)
                continue
            self._pending += 1

    def buffered(self) -> dict[str, int]:
        """Records held since the last flush, by type (the keys of :attr:`counts`)."""
        return {
            "posts": len(self._posts), "accounts": len(self._accounts), "interactions": len(self._interactions),
            "snapshots": len(self._snapshots), "deletions": len(self._deletions),
            "quarantined": len(self._quarantine),
        }

    @property
    def pending(self) -> int:
        """Records buffered since the last flush."""
        return self._pending

    def mark(
        self, source: str, line: int, *, size: int | None = None, mtime_ns: int | None = None,
        format: str | None = None, complete: bool = False,
    ) -> None:
        """Record that ``source`` is done up to ``line``: written with the next flush, atomically."""
        self._progress = (source, size, mtime_ns, format, line, complete)

    def flush(self) -> None:
        """Write everything buffered (and the progress mark) in one transaction."""
        if not self._pending and self._progress is None:
            return
        con = self._con
        now = datetime.now(UTC)
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("batch_accounts", _table(self._accounts.values(), _ACCOUNT_COLUMNS))
            if self._accounts:
                con.execute(_MERGE_ACCOUNTS)
            if self._posts:
                con.register("batch_posts", _table(self._posts.values(), _POST_COLUMNS))
                con.execute(_INSERT_POSTS)
                con.unregister("batch_posts")
            if self._interactions:
                con.register("batch_interactions", _table(self._interactions.values(), _INTERACTION_COLUMNS))
                con.execute(_INSERT_INTERACTIONS)
                con.unregister("batch_interactions")
            if self._counted:
                self._snapshots.extend(
                    Snapshot(a.platform, a.id, a.seen_at, a.followers, a.following, a.posts_count)
                    for a in self._counted.values() if a.seen_at is not None
                )
                self._counted.clear()
            if self._snapshots:
                con.register("batch_snapshots", _table(self._snapshots, _SNAPSHOT_COLUMNS))
                con.execute(_INSERT_SNAPSHOTS)
                con.unregister("batch_snapshots")
            con.unregister("batch_accounts")
            deleted_accounts: list[tuple[str, str]] = []
            if self._deletions:
                deleted_accounts = self._apply_deletions()
            if self._quarantine:
                columns = list(zip(*self._quarantine, strict=False))
                batch = pa.Table.from_arrays(
                    [pa.array(c, type=t) for c, (_, t) in zip(columns, _QUARANTINE_COLUMNS, strict=False)],
                    names=[n for n, _ in _QUARANTINE_COLUMNS],
                )
                con.register("batch_quarantine", batch)
                con.execute(_INSERT_QUARANTINE, [now])
                con.unregister("batch_quarantine")
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
        self.counts["accounts"] += len(self._accounts)
        self._accounts.clear()
        for name, buffered in (
            ("posts", self._posts), ("interactions", self._interactions),
            ("snapshots", self._snapshots), ("deletions", self._deletions), ("quarantined", self._quarantine),
        ):
            self.counts[name] += len(buffered)
            buffered.clear()
        self._pending = 0
        self._progress = None
        for platform, account_id in deleted_accounts:
            if self._on_deleted_account is not None:
                self._on_deleted_account(platform, account_id)

    def _apply_deletions(self) -> list[tuple[str, str]]:
        con = self._con
        con.register("batch_deletions", _table(self._deletions, _DELETION_COLUMNS))
        con.execute(
            "INSERT INTO deletions SELECT DISTINCT ON (platform, kind, id) * FROM batch_deletions "
            "ON CONFLICT DO NOTHING"
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
            "SELECT DISTINCT platform, id FROM batch_deletions WHERE kind = 'account'"
        ).fetchall()
        con.unregister("batch_deletions")
        return [(str(p), str(i)) for p, i in accounts]
