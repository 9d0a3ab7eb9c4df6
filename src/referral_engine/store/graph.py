"""The store's side of trust: the interaction graph as arrays, account features, persisted scores.

Everything is set-based SQL: the interactions of one platform are aggregated per (source,
target, kind) into time-decayed counts and then into one weight per pair inside DuckDB, and come
back as numpy arrays of integer indices. The index of an account is its position in the sorted
list of the platform's account ids (:func:`account_ids`), registered as the view ``trust_nodes``
while a query runs. ``referral_engine.trust`` holds the meaning; this module only the SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    from . import Store

def connection(store: Store) -> duckdb.DuckDBPyConnection:
    """The store's connection, for the functions below (the store package shares it)."""
    return store._con


def fingerprint(con: duckdb.DuckDBPyConnection, platform: str) -> str:
    """A digest of what the trust of ``platform`` depends on; it changes when any of it does.

    Counts and latest times of interactions (and how many are resolved), of accounts (with the
    latest sighting and how many have counts and creation dates: the discounts read them), of
    posts, judgements and snapshots. Cheap (about a millisecond on millions of rows: table
    statistics answer most of it), so it is checked on every query to keep cached graphs and
    persisted scores honest. What it cannot see: a profile's counts rewritten by a sighting no
    newer than the stored one.
    """
    rows = con.execute(
        """
        SELECT * FROM
          (SELECT count(*), count(target_id), max(created_at) FROM interactions WHERE platform = $p),
          (SELECT count(*), max(seen_at), count(followers), count(following), count(created_at), min(created_at)
           FROM accounts WHERE platform = $p),
          (SELECT count(*) FROM posts WHERE platform = $p),
          (SELECT count(*), max(judged_at) FROM judgements WHERE platform = $p),
          (SELECT count(*), max(observed_at) FROM snapshots WHERE platform = $p)
        """,
        {"p": platform},
    ).fetchall()
    return "|".join(str(v) for v in rows[0])


def store_fingerprint(store: Store, platform: str) -> str:
    """:func:`fingerprint` of the store's platform, read once while a read-only store is open (:meth:`Store.state`)."""
    return store.state(("trust fingerprint", platform), lambda: fingerprint(store._con, platform))


def interactions_part(fingerprint: str) -> str:
    """The part of a :func:`fingerprint` that describes the interactions (count, resolved, latest)."""
    return "|".join(fingerprint.split("|")[:3])


def last_fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Every platform with interactions, accounts or trust runs, and the fingerprint of its last run."""
    rows = con.execute(
        """
        SELECT p.platform, r.fingerprint FROM (
            SELECT platform FROM interactions UNION SELECT platform FROM accounts UNION SELECT platform FROM trust_runs
        ) p LEFT JOIN (SELECT platform, arg_max(fingerprint, computed_at) AS fingerprint FROM trust_runs GROUP BY 1) r
        ON r.platform = p.platform ORDER BY 1
        """
    ).fetchall()
    return {str(p): None if f is None else str(f) for p, f in rows}


def latest_interaction(con: duckdb.DuckDBPyConnection, platform: str) -> datetime | None:
    """When the platform's latest interaction happened (the default ``as_of`` of decay)."""
    [(latest,)] = con.execute("SELECT max(created_at) FROM interactions WHERE platform = ?", [platform]).fetchall()
    return latest if isinstance(latest, datetime) else None


@dataclass(frozen=True)
class GraphRows:
    """What the trust graph is built from: the interactions aggregated per (source, target, kind)
    on integer indices, and the features of each account."""

    #: Every account of the platform (profiles and interaction ends), sorted: position = index.
    ids: pa.Array
    src: np.ndarray
    dst: np.ndarray
    #: Position of the kind in the ``kinds`` asked for, from 1; 0 for a kind not among them.
    kind: np.ndarray
    #: The decayed, bulk-scaled count of the (source, target, kind).
    amount: np.ndarray
    #: How many interactions of the (source, target, kind) there are, as stored (no decay, no scaling).
    count: np.ndarray
    #: :data:`FEATURES`, one array each, aligned with ``ids``.
    features: dict[str, np.ndarray]


def graph_rows(
    con: duckdb.DuckDBPyConnection,
    platform: str,
    *,
    as_of: datetime,
    kinds: Sequence[str],
    standing: Sequence[str],
    half_life_seconds: float,
    undated: float,
    bulk_free_mentions: int,
    bulk_threshold: int,
) -> GraphRows:
    """Aggregate the platform's interactions per (source, target, kind) into decayed counts,
    and read the accounts' features (:func:`_features`, with ``bulk_threshold``).

    Each interaction counts ``2^(-age/half_life)`` with its age measured to ``as_of`` (1 for a
    ``standing`` kind, ``undated`` without a date); a mention in a post that mentions ``m``
    accounts is further scaled by ``min(1, (free/m)²)``. Interactions after ``as_of`` and
    self-interactions are left out. The accounts are numbered first (in id order), then the
    interactions are joined to those numbers and aggregated on them, in one pass.
    """
    params: dict[str, Any] = {
        "p": platform, "as_of": as_of, "half_life": half_life_seconds, "undated": undated,
        "free": float(bulk_free_mentions), "kinds": list(kinds), "standing": list(standing),
    }
    counted = """
        i.platform = $p AND i.target_id IS NOT NULL AND i.source_id <> i.target_id
        AND (i.created_at IS NULL OR i.created_at <= $as_of::TIMESTAMPTZ)
    """
    # The accounts first, numbered in id order; then the interactions are aggregated on those numbers.
    # (Aggregating on the ids, then numbering the pairs, held every pair's two ids in a temporary table:
    # 0.9 GB more at the peak for 10M interactions, and slower.)
    ids = con.sql(
        f"""
        SELECT id FROM (
            SELECT id FROM accounts WHERE platform = $p
            UNION SELECT i.source_id FROM interactions i WHERE {counted}
            UNION SELECT i.target_id FROM interactions i WHERE {counted}
        ) ORDER BY id
        """,
        params={"p": platform, "as_of": as_of},
    ).to_arrow_table().column("id").combine_chunks()
    with _nodes(con, ids):
        found = con.execute(
            f"""
            WITH mentions AS (
                SELECT post_id, count(*) AS n FROM interactions
                WHERE platform = $p AND kind = 'mention' AND post_id IS NOT NULL GROUP BY post_id
            )
            SELECT s.idx AS src, t.idx AS dst, coalesce(list_position($kinds, i.kind), 0)::TINYINT AS kind,
                   sum(CASE WHEN list_contains($standing, i.kind) THEN 1.0
                            WHEN i.created_at IS NULL THEN $undated
                            ELSE pow(0.5, greatest(0.0, epoch($as_of::TIMESTAMPTZ) - epoch(i.created_at)) / $half_life)
                       END
                       * CASE WHEN m.n > $free THEN pow($free / m.n, 2) ELSE 1.0 END) AS amount,
                   count(*) AS n
            FROM interactions i
            LEFT JOIN mentions m ON i.kind = 'mention' AND m.post_id = i.post_id
            JOIN trust_nodes s ON s.id = i.source_id
            JOIN trust_nodes t ON t.id = i.target_id
            WHERE {counted}
            GROUP BY ALL ORDER BY 1, 2, 3
            """,
            params,
        ).fetchnumpy()
        features = _features(con, platform, bulk_threshold)
    return GraphRows(ids, np.asarray(found["src"], dtype=np.int64), np.asarray(found["dst"], dtype=np.int64),
                     np.asarray(found["kind"], dtype=np.int8), np.asarray(found["amount"], dtype=np.float64),
                     np.asarray(found["n"], dtype=np.int64), features)


@contextmanager
def _nodes(con: duckdb.DuckDBPyConnection, ids: pa.Array) -> Iterator[None]:
    """``trust_nodes(id, idx)`` visible to the queries inside the block."""
    nodes = pa.table({"id": ids, "idx": pa.array(np.arange(len(ids), dtype=np.int64))})
    con.register("trust_nodes", nodes)
    try:
        yield
    finally:
        con.unregister("trust_nodes")


#: Columns of :func:`_features`, one array each, aligned with the account index.
FEATURES = (
    "created", "followers", "following", "posts", "mention_posts", "bulk_posts", "most_mentions", "judged",
    "pitches", "unfollowed", "mean_following", "snapshots",
)


def _features(con: duckdb.DuckDBPyConnection, platform: str, bulk_threshold: int) -> dict[str, np.ndarray]:
    """What the inorganic discounts read from profiles and posts, per account (``trust_nodes`` order).

    ``created``: creation time in epoch seconds (NaN when unknown); ``followers``/``following``:
    the profile's counts (-1 when unknown); ``posts``, ``mention_posts`` (posts with a mention),
    ``bulk_posts`` (posts mentioning at least ``bulk_threshold`` accounts), ``most_mentions``;
    ``judged`` and ``pitches``: its judged posts and those judged ``pitch``; ``unfollowed``: the
    drops in its following count between consecutive snapshots, summed, and ``mean_following``.
    (What the interactions themselves say, the trust package reads from the pairs.)
    """
    sql = """
        WITH posts_of AS (SELECT author_id AS id, count(*) AS n FROM posts WHERE platform = $p GROUP BY 1),
        mention_posts AS (
            SELECT source_id AS id, post_id, count(*) AS n FROM interactions
            WHERE platform = $p AND kind = 'mention' AND post_id IS NOT NULL GROUP BY 1, 2
        ),
        bulk AS (
            SELECT id, count(*) AS posts, count(*) FILTER (WHERE n >= $bulk) AS bulk_posts, max(n) AS most
            FROM mention_posts GROUP BY 1
        ),
        pitch AS (
            SELECT p.author_id AS id, count(*) AS judged, count(*) FILTER (WHERE j.post_kind = 'pitch') AS pitches
            FROM judgements j JOIN posts p ON p.platform = j.platform AND p.id = j.post_id
            WHERE j.platform = $p GROUP BY 1
        ),
        churn AS (
            SELECT account_id AS id, sum(greatest(0, prev - following)) AS unfollowed,
                   avg(following) AS mean_following, count(*) AS snapshots
            FROM (SELECT account_id, following,
                         lag(following) OVER (PARTITION BY account_id ORDER BY observed_at) AS prev
                  FROM snapshots WHERE platform = $p AND following IS NOT NULL)
            GROUP BY 1
        )
        SELECT coalesce(epoch(a.created_at), 'NaN'::DOUBLE) AS created,
               coalesce(a.followers, -1) AS followers, coalesce(a.following, -1) AS following,
               coalesce(po.n, 0) AS posts, coalesce(bu.posts, 0) AS mention_posts,
               coalesce(bu.bulk_posts, 0) AS bulk_posts, coalesce(bu.most, 0) AS most_mentions,
               coalesce(pi.judged, 0) AS judged, coalesce(pi.pitches, 0) AS pitches,
               coalesce(ch.unfollowed, 0) AS unfollowed, coalesce(ch.mean_following, 0) AS mean_following,
               coalesce(ch.snapshots, 0) AS snapshots
        FROM trust_nodes n
        LEFT JOIN accounts a ON a.platform = $p AND a.id = n.id
        LEFT JOIN posts_of po ON po.id = n.id
        LEFT JOIN bulk bu ON bu.id = n.id
        LEFT JOIN pitch pi ON pi.id = n.id
        LEFT JOIN churn ch ON ch.id = n.id
        ORDER BY n.idx
    """
    result = con.execute(sql, {"p": platform, "bulk": bulk_threshold}).fetchnumpy()
    return {name: np.asarray(result[name], dtype=np.float64) for name in FEATURES}


# -- persisted scores ------------------------------------------------------------------------------


def previous_scores(con: duckdb.DuckDBPyConnection, platform: str, ids: pa.Array) -> np.ndarray | None:
    """The persisted scores laid out on the index of ``ids`` (0 for new accounts); None if none."""
    with _nodes(con, ids):
        result = con.execute(
            "SELECT n.idx, s.score FROM trust_nodes n JOIN trust_scores s "
            "ON s.platform = $p AND s.account_id = n.id",
            {"p": platform},
        ).fetchnumpy()
    if len(result["idx"]) == 0:
        return None
    start = np.zeros(len(ids))
    start[np.asarray(result["idx"], dtype=np.int64)] = np.asarray(result["score"], dtype=np.float64)
    return start


SCORE_TYPES = [("account_id", pa.string()), ("score", pa.float64()), ("trust", pa.float64()),
               ("rank", pa.int64()), ("percentile", pa.float64()), ("prior", pa.float64()),
               ("outgoing", pa.float64())]
DISCOUNT_TYPES = [("account_id", pa.string()), ("kind", pa.string()), ("factor", pa.float64()),
                  ("applies_to", pa.string()), ("reason", pa.string())]


def write_trust(
    con: duckdb.DuckDBPyConnection,
    platform: str,
    scores: pa.Table,
    discounts: pa.Table,
    run: Mapping[str, Any],
) -> None:
    """Replace the platform's persisted trust (one transaction) and record the run.

    ``scores`` has the columns of :data:`SCORE_TYPES`, ``discounts`` of :data:`DISCOUNT_TYPES`;
    ``run``: computed_at, as_of, fingerprint, accounts, edges, iterations, residual, warm, seconds.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM trust_scores WHERE platform = ?", [platform])
        con.execute("DELETE FROM trust_discounts WHERE platform = ?", [platform])
        con.register("trust_batch", scores)
        con.execute("INSERT INTO trust_scores SELECT ?, * FROM trust_batch", [platform])
        con.unregister("trust_batch")
        if discounts.num_rows:
            con.register("trust_batch", discounts)
            con.execute("INSERT INTO trust_discounts SELECT ?, * FROM trust_batch", [platform])
            con.unregister("trust_batch")
        con.execute(
            "INSERT INTO trust_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [platform, run["computed_at"], run["as_of"], run["fingerprint"], run["accounts"], run["edges"],
             run["iterations"], run["residual"], run["warm"], run["seconds"]],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def last_run(con: duckdb.DuckDBPyConnection, platform: str) -> dict[str, Any] | None:
    """The latest recorded computation of the platform's trust."""
    cursor = con.execute(
        "SELECT * FROM trust_runs WHERE platform = ? ORDER BY computed_at DESC LIMIT 1", [platform]
    )
    rows = cursor.fetchall()
    if not rows:
        return None
    row = rows[0]
    names = [d[0] for d in cursor.description or ()]
    return dict(zip(names, row, strict=True))


def all_scores(con: duckdb.DuckDBPyConnection, platform: str) -> tuple[tuple[str, ...], np.ndarray]:
    """Every persisted score row of the platform: the account ids, and a matrix with one row each
    (score, trust, rank, percentile, prior, outgoing)."""
    found = con.execute(
        "SELECT account_id, score, trust, rank, percentile, prior, outgoing FROM trust_scores WHERE platform = ?",
        [platform],
    ).fetchnumpy()
    ids = tuple(found["account_id"].tolist())  # a tuple of strings: the garbage collector skips it
    columns = [np.asarray(found[c], dtype=np.float64) for c in ("score", "trust", "rank", "percentile", "prior",
                                                                 "outgoing")]
    return ids, np.column_stack(columns).reshape(len(ids), 6)


def read_scores(
    con: duckdb.DuckDBPyConnection, platform: str, account_ids: Sequence[str] | None = None,
) -> dict[str, tuple[float, float, int, float, float, float]]:
    """Persisted ``account → (score, trust, rank, percentile, prior, outgoing)``, for some or all accounts."""
    sql = ("SELECT s.account_id, s.score, s.trust, s.rank, s.percentile, s.prior, s.outgoing FROM trust_scores s "
           "WHERE s.platform = ?")
    if account_ids is None:
        rows = con.execute(sql, [platform]).fetchall()
    else:
        con.register("trust_wanted", pa.table({"id": pa.array(list(account_ids), pa.string())}))
        try:
            rows = con.execute(sql + " AND s.account_id IN (SELECT id FROM trust_wanted)", [platform]).fetchall()
        finally:
            con.unregister("trust_wanted")
    return {str(r[0]): (float(r[1]), float(r[2]), int(r[3]), float(r[4]), float(r[5]), float(r[6])) for r in rows}


def ties(
    con: duckdb.DuckDBPyConnection, platform: str, account_id: str, others: Sequence[str],
) -> dict[tuple[str, str], dict[str, int]]:
    """Interaction counts by kind between an account and ``others``: ``(direction, other) → {kind: n}``.

    ``direction`` is ``out`` (the account acted towards the other) or ``in``.
    """
    if not others:
        return {}
    con.register("trust_wanted", pa.table({"id": pa.array(list(others), pa.string())}))
    try:
        rows = con.execute(
            """
            SELECT CASE WHEN source_id = $a THEN 'out' ELSE 'in' END AS direction,
                   CASE WHEN source_id = $a THEN target_id ELSE source_id END AS other, kind, count(*)
            FROM interactions
            WHERE platform = $p AND ((source_id = $a AND target_id IN (SELECT id FROM trust_wanted))
                                  OR (target_id = $a AND source_id IN (SELECT id FROM trust_wanted)))
            GROUP BY ALL ORDER BY ALL
            """,
            {"p": platform, "a": account_id},
        ).fetchall()
    finally:
        con.unregister("trust_wanted")
    found: dict[tuple[str, str], dict[str, int]] = {}
    for direction, other, kind, n in rows:
        found.setdefault((str(direction), str(other)), {})[str(kind)] = int(n)
    return found


def handles(con: duckdb.DuckDBPyConnection, platform: str, account_ids: Sequence[str]) -> dict[str, str]:
    """``id → handle`` for the accounts that have one."""
    if not account_ids:
        return {}
    con.register("trust_wanted", pa.table({"id": pa.array(list(account_ids), pa.string())}))
    try:
        rows = con.execute(
            "SELECT id, handle FROM accounts WHERE platform = ? AND handle IS NOT NULL "
            "AND id IN (SELECT id FROM trust_wanted)",
            [platform],
        ).fetchall()
    finally:
        con.unregister("trust_wanted")
    return {str(i): str(h) for i, h in rows}


def erase_account(con: duckdb.DuckDBPyConnection, platform: str, account_id: str) -> None:
    """Forget an account's trust rows (a forget hook; the next refresh recomputes the rest)."""
    con.execute("DELETE FROM trust_scores WHERE platform = ? AND account_id = ?", [platform, account_id])
    con.execute("DELETE FROM trust_discounts WHERE platform = ? AND account_id = ?", [platform, account_id])
