"""The embedded store: one DuckDB file, append-only migrations, one write path.

This package is the only code that writes SQL against the store's tables;
everything else asks :class:`Store` for what it needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

import duckdb

from ..settings import BATCH_SIZE, DB_ENV, MEMORY_ENV, TABLES, THREADS_ENV, default_path
from . import graph, judgements, profiles
from .schema import MIGRATIONS
from .writer import Writer

_T = TypeVar("_T")


class StoreError(Exception):
    """Something about the store itself went wrong (its file, a table name)."""


class NoSuchAccount(StoreError):
    """The account named is not in the store."""


class Store:
    """One DuckDB file holding every record, judgement and derived table.

    ``Store(":memory:")`` gives an in-memory store (tests, notebooks). ``Store()``
    opens :func:`default_path`. Migrations run on open.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        if path is None:
            path = default_path()
        self.path = str(path)
        self.read_only = read_only
        self._states: dict[Any, Any] = {}
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"cannot open store {self.path}: {error}") from error
        threads = os.environ.get(THREADS_ENV)
        if threads:
            self._con.execute(f"SET threads = {int(threads)}")
        memory = os.environ.get(MEMORY_ENV)
        if memory:
            self._con.execute("SET memory_limit = ?", [memory])
        if not read_only:
            # Checkpoint by size of work rather than after every small WAL: an ingest's
            # batches then cost one write of the tables, not one per batch.
            self._con.execute("SET checkpoint_threshold = '64MB'")
            self._migrate()

    def state(self, key: Any, read: Callable[[], _T]) -> _T:
        """A reading of the store's state (counts, latest times) that in-memory caches are checked
        against: ``read()`` every time, except on a read-only store, where it is read once per ``key``.

        A store opened read-only cannot change while it is open: DuckDB's file lock keeps every
        writer out, other processes and this one alike. Answers from a read-only store (a
        dashboard, a notebook, the benchmarks) then skip the few milliseconds of checks per call.
        """
        if not self.read_only:
            return read()
        if key not in self._states:
            self._states[key] = read()
        return cast(_T, self._states[key])

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        con = self._con
        con.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
            "applied_at TIMESTAMPTZ NOT NULL)"
        )
        done = {row[0] for row in con.execute("SELECT version FROM migrations").fetchall()}
        for version, (name, sql) in enumerate(MIGRATIONS, 1):
            if version in done:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql)
                con.execute(
                    "INSERT INTO migrations VALUES (?, ?, ?)", [version, name, datetime.now(UTC)]
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @property
    def migrations(self) -> list[str]:
        """Names of the migrations applied, in order."""
        return [r[0] for r in self._con.execute("SELECT name FROM migrations ORDER BY version").fetchall()]

    # -- writing ---------------------------------------------------------------------
    @contextmanager
    def writer(self, *, batch_size: int = BATCH_SIZE) -> Iterator[Writer]:
        """The write path: records added inside the block are flushed in batches, the last on exit."""
        with Writer(self._con, batch_size=batch_size, on_deleted_account=self._forget_deleted) as writer:
            yield writer

    def ingest(self, *paths: str | os.PathLike[str], format: str | None = None, **options: Any) -> Any:
        """Ingest files, folders, archives or ``-`` (stdin); see :func:`referral_engine.ingest.ingest`."""
        from ..ingest import ingest

        return ingest(self, list(paths), format=format, **options)

    def progress_of(self, source: str) -> tuple[int | None, int | None, int, bool] | None:
        """``(size, mtime_ns, line, complete)`` recorded for ``source`` by an earlier ingest."""
        row = self._con.execute(
            "SELECT size, mtime_ns, line, complete FROM ingest_progress WHERE source = ?", [source]
        ).fetchone()
        return None if row is None else (row[0], row[1], int(row[2]), bool(row[3]))

    def resolve_references(self) -> int:
        """Fill in what a payload named only indirectly; returns how many interactions gained a target.

        A mention known by handle gets the account with that handle; a reply, like,
        repost or quote known by its target post gets that post's author; a post
        replying to a known post gets the parent's author.
        """
        unresolved = "interactions WHERE target_id IS NULL"
        before = self._count(unresolved)
        if before:
            self._con.execute(
                """
                UPDATE interactions SET target_id = a.id
                FROM (SELECT platform, lower(handle) AS h, min(id) AS id FROM accounts
                      WHERE handle IS NOT NULL GROUP BY ALL) a
                WHERE interactions.target_id IS NULL AND interactions.target_handle IS NOT NULL
                  AND a.platform = interactions.platform AND a.h = lower(interactions.target_handle)
                """
            )
            self._con.execute(
                """
                UPDATE interactions SET target_id = p.author_id
                FROM posts p
                WHERE interactions.target_id IS NULL AND interactions.target_post_id IS NOT NULL
                  AND p.platform = interactions.platform AND p.id = interactions.target_post_id
                """
            )
        self._con.execute(
            """
            UPDATE posts SET reply_to_account_id = parent.author_id
            FROM posts parent
            WHERE posts.reply_to_account_id IS NULL AND posts.reply_to_id IS NOT NULL
              AND parent.platform = posts.platform AND parent.id = posts.reply_to_id
            """
        )
        return before - self._count(unresolved)

    # -- reading ---------------------------------------------------------------------
    def _count(self, what: str, params: list[Any] | None = None) -> int:
        row = self._con.execute(f"SELECT count(*) FROM {what}", params or []).fetchone()
        return int(row[0]) if row else 0

    def stats(self) -> dict[str, Any]:
        """Counts of every record type, overall and per platform."""
        result: dict[str, Any] = {
            "posts": self._count("posts"),
            "accounts": self._count("accounts"),
            "interactions": self._count("interactions"),
            "snapshots": self._count("snapshots"),
            "deletions": self._count("deletions"),
            "quarantined": self._count("quarantine"),
            "forgotten": self._count("forgotten"),
        }
        platforms: dict[str, dict[str, Any]] = {}
        for table in ("posts", "accounts", "snapshots"):
            for platform, n in self._con.execute(f"SELECT platform, count(*) FROM {table} GROUP BY 1").fetchall():
                platforms.setdefault(platform, {})[table] = n
        for platform, kind, n in self._con.execute(
            "SELECT platform, kind, count(*) FROM interactions GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall():
            entry = platforms.setdefault(platform, {})
            entry.setdefault("interactions", {})[kind] = n
        result["platforms"] = {p: platforms[p] for p in sorted(platforms)}
        result["interactions_by_kind"] = dict(
            self._con.execute("SELECT kind, count(*) FROM interactions GROUP BY 1 ORDER BY 1").fetchall()
        )
        return result

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a read query with bound parameters and return its rows (for notebooks and tests)."""
        return self._con.execute(sql, params or []).fetchall()

    def sql(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        """A DuckDB relation for a read query (``.df()``, ``.to_arrow_table()``, ``.fetchall()``)."""
        return self._con.sql(sql, params=params)

    def table(self, name: str) -> Any:
        """A whole table as an Arrow table."""
        if name not in TABLES:
            raise StoreError(f"no table {name!r}; choose one of {', '.join(TABLES)}")
        return self._con.sql(f"SELECT * FROM {name}").to_arrow_table()

    def export(self, table: str, path: str | os.PathLike[str], *, format: str = "parquet") -> int:
        """Write one table to a Parquet or CSV file; returns the number of rows written."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r}; choose one of {', '.join(TABLES)}")
        if format not in ("parquet", "csv"):
            raise StoreError(f"unknown export format {format!r}; choose parquet or csv")
        target = str(Path(path))
        option = "(FORMAT parquet)" if format == "parquet" else "(FORMAT csv, HEADER true)"
        escaped = target.replace("'", "''")
        self._con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{escaped}' {option}")
        return self._count(table)

    def find_accounts(self, name: str) -> list[tuple[str, str, str | None]]:
        """Accounts whose id, else whose handle (case aside), is ``name``: ``(platform, id, handle)``.

        ``@name`` is read as a handle first, then as an id. One test at a time: a test on one column
        lets the scan skip blocks by their statistics, which an ``OR`` of both would not.
        """
        key = name[1:] if name.startswith("@") else name
        by_id = "SELECT platform, id, handle FROM accounts WHERE id = ? ORDER BY 1, 2"
        by_handle = "SELECT platform, id, handle FROM accounts WHERE lower(handle) = lower(?) ORDER BY 1, 2"
        for sql in (by_handle, by_id) if name.startswith("@") else (by_id, by_handle):
            rows = self._con.execute(sql, [key]).fetchall()
            if rows:
                return [(str(p), str(i), h) for p, i, h in rows]
        return []

    def account(self, name: str, *, platform: str | None = None) -> tuple[str, str, str | None]:
        """The one account ``name`` names: an id, an ``@handle``, or ``PLATFORM:ID``; ``(platform, id, handle)``.

        An author known only from its posts (no profile seen) counts too. Raises :class:`NoSuchAccount`,
        or :class:`StoreError` when the name fits accounts on several platforms.
        """
        prefix, _, rest = name.partition(":")
        if rest and platform is None and prefix in self.stats()["platforms"]:
            found = [m for m in self._accounts_named(rest) if m[0] == prefix]
            if found:
                return found[0]
        matches = [m for m in self._accounts_named(name) if platform is None or m[0] == platform]
        if not matches:
            raise NoSuchAccount(f"no account {name!r} in the store")
        if len({(p, i) for p, i, _ in matches}) > 1:
            options = ", ".join(f"{p}:{i}" for p, i, _ in matches)
            raise StoreError(f"{name!r} is ambiguous ({options}); pass --platform or name it as PLATFORM:ID")
        return matches[0]

    def _accounts_named(self, name: str) -> list[tuple[str, str, str | None]]:
        found = self.find_accounts(name)
        if found:
            return found
        rows = self._con.execute("SELECT DISTINCT platform, author_id FROM posts WHERE author_id = ? ORDER BY 1",
                                 [name.lstrip("@")]).fetchall()
        return [(str(p), str(i), None) for p, i in rows]

    # -- judgements ------------------------------------------------------------------------
    def iter_unjudged(self, version: int, *, batch_size: int = 20_000) -> Iterator[list[tuple[Any, ...]]]:
        """Posts not yet judged by classifier ``version``: see :func:`.judgements.iter_unjudged`."""
        return judgements.iter_unjudged(self._con, version, batch_size)

    def write_judgements(self, judged: Any, requests: Any, endorsements: Any, *, version: int) -> None:
        """Replace the judgements of a batch of posts: see :func:`.judgements.write_judgements`."""
        judgements.write_judgements(self._con, judged, requests, endorsements, version)

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Stored referral requests (filters: category, near, platform, since, limit)."""
        return judgements.list_requests(self._con, **filters)

    def endorsements(self, **filters: Any) -> list[dict[str, Any]]:
        """Stored endorsements (filters: target, category, platform, limit)."""
        return judgements.list_endorsements(self._con, **filters)

    def post(self, post_id: str, *, platform: str | None = None) -> list[tuple[Any, ...]]:
        """The posts with this id (one per platform at most), each with its parent's text."""
        return judgements.post_with_parent(self._con, post_id, platform)

    def resolve_endorsement_targets(self) -> None:
        """Credit endorsed accounts (by handle, or by an unambiguous display name)."""
        judgements.resolve_endorsement_targets(self._con)

    # -- forgetting --------------------------------------------------------------------
    def forget(self, account: str, *, platform: str | None = None) -> dict[str, int]:
        """Erase an account: its posts, its interactions either way, its snapshots and profile.

        The account is remembered as forgotten, so ingesting old files again does not
        bring it back. ``account`` is an id or handle; raises :class:`NoSuchAccount`
        when it matches nothing, and :class:`StoreError` when it is ambiguous.
        """
        matches = [m for m in self.find_accounts(account) if platform is None or m[0] == platform]
        if not matches:
            # Known only as the author of posts (no profile seen yet)?
            key = account.lstrip("@")
            rows = self._con.execute(
                "SELECT DISTINCT platform, author_id FROM posts WHERE author_id = ?", [key]
            ).fetchall()
            matches = [(str(p), str(i), None) for p, i in rows if platform is None or p == platform]
        if not matches:
            raise NoSuchAccount(f"no account {account!r} in the store")
        if len({(p, i) for p, i, _ in matches}) > 1:
            options = ", ".join(f"{p}:{i}" for p, i, _ in matches)
            raise StoreError(f"{account!r} is ambiguous ({options}); pass --platform")
        platform_, account_id, _ = matches[0]
        return self._erase(platform_, account_id)

    def _forget_deleted(self, platform: str, account_id: str) -> None:
        self._erase(platform, account_id)

    def _erase(self, platform: str, account_id: str) -> dict[str, int]:
        con = self._con
        counts: dict[str, int] = {}
        con.execute("BEGIN TRANSACTION")
        try:
            key = [platform, account_id]
            statements = {
                "interactions": "DELETE FROM interactions WHERE platform = ? AND (source_id = ? OR target_id = ? "
                "OR post_id IN (SELECT id FROM posts WHERE platform = ? AND author_id = ?))",
                "posts": "DELETE FROM posts WHERE platform = ? AND author_id = ?",
                "snapshots": "DELETE FROM snapshots WHERE platform = ? AND account_id = ?",
                "accounts": "DELETE FROM accounts WHERE platform = ? AND id = ?",
            }
            for name, statement in statements.items():
                params = [platform, account_id, account_id, platform, account_id] if name == "interactions" else key
                row = con.execute(statement + " RETURNING 1", params).fetchall()
                counts[name] = len(row)
            for hook in FORGET_HOOKS:
                hook(con, platform, account_id)
            con.execute(
                "INSERT OR REPLACE INTO forgotten VALUES (?, ?, ?)", [platform, account_id, datetime.now(UTC)]
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return counts


#: Derived tables register here how to erase an account (judgements, trust, profiles...).
FORGET_HOOKS: list[Any] = [judgements.erase_account, graph.erase_account, profiles.erase_account]

__all__ = [
    "BATCH_SIZE", "DB_ENV", "FORGET_HOOKS", "MEMORY_ENV", "TABLES", "THREADS_ENV", "NoSuchAccount", "Store",
    "StoreError", "Writer", "default_path",
]
