"""The store's side of understanding: which posts need judging, and writing judgements.

Judgements are derived data: re-judging a post (a newer classifier ``version``)
replaces its rows; forgetting an account removes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

#: Columns of the posts handed to the classifier.
UNJUDGED_COLUMNS = ("platform", "id", "text", "author_id", "created_at", "reply_to_id", "repost_of_id",
                    "parent_text", "parent_request_sought", "author_handle")


def iter_unjudged(con: duckdb.DuckDBPyConnection, version: int, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of posts not yet judged by classifier ``version``, with their parent's text and their author's
    handle (what a post's text calls its author: "RT @acme: thanks @acme").

    Read in one pass (a cursor), so a large store streams in bounded memory.
    """
    cursor = con.cursor()
    cursor.execute(
        """
        SELECT p.platform, p.id, p.text, p.author_id, p.created_at, p.reply_to_id, p.repost_of_id,
               parent.text, r.sought, author.handle
        FROM posts p
        LEFT JOIN accounts author ON author.platform = p.platform AND author.id = p.author_id
        LEFT JOIN posts parent ON parent.platform = p.platform AND parent.id = p.reply_to_id
        LEFT JOIN requests r ON r.platform = p.platform AND r.post_id = p.reply_to_id
        WHERE NOT EXISTS (SELECT 1 FROM judgements j WHERE j.platform = p.platform AND j.post_id = p.id
                          AND j.version = ?)
        ORDER BY p.created_at NULLS FIRST, p.platform, p.id
        """,
        [version],
    )
    try:
        while batch := cursor.fetchmany(batch_size):
            yield batch
    finally:
        cursor.close()


def write_judgements(
    con: duckdb.DuckDBPyConnection,
    judged: Sequence[tuple[str, str, str, float | None, bool, int]],
    requests: Sequence[tuple[Any, ...]],
    endorsements: Sequence[tuple[Any, ...]],
    version: int,
) -> None:
    """Replace the judgements of the posts in ``judged`` (one transaction).

    ``judged``: (platform, post_id, post_kind, score, is_request, endorsements);
    ``requests``: rows of the ``requests`` table; ``endorsements``: rows of
    ``endorsements`` without ``target_account_id`` (resolved here).
    """
    now = datetime.now(UTC)
    keys = pa.table({"platform": [j[0] for j in judged], "post_id": [j[1] for j in judged]})
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("judged_keys", keys)
        for table in ("judgements", "requests", "endorsements"):
            con.execute(
                f"DELETE FROM {table} USING judged_keys k WHERE {table}.platform = k.platform "
                f"AND {table}.post_id = k.post_id"
            )
        con.unregister("judged_keys")
        if judged:
            _insert_arrow(con, "judgements", [(*row[:2], version, *row[2:], now) for row in judged],
                          _JUDGEMENT_TYPES)
        if requests:
            _insert_arrow(con, "requests", list(requests), _REQUEST_TYPES)
        if endorsements:
            _insert_arrow(con, "endorsements", [(*e[:6], None, *e[6:]) for e in endorsements], _ENDORSEMENT_TYPES)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


TS = pa.timestamp("us", tz="UTC")
_JUDGEMENT_TYPES = [("platform", pa.string()), ("post_id", pa.string()), ("version", pa.int32()),
                    ("post_kind", pa.string()), ("post_kind_score", pa.float64()), ("is_request", pa.bool_()),
                    ("endorsements", pa.int32()), ("judged_at", TS)]
_REQUEST_TYPES = [("platform", pa.string()), ("post_id", pa.string()), ("author_id", pa.string()),
                  ("created_at", TS), ("sought", pa.string()), ("category", pa.string()),
                  ("location", pa.string()), ("kind", pa.string()), ("score", pa.float64())]
_ENDORSEMENT_TYPES = [("platform", pa.string()), ("post_id", pa.string()), ("position", pa.int32()),
                      ("author_id", pa.string()), ("created_at", TS), ("target", pa.string()),
                      ("target_account_id", pa.string()), ("for_what", pa.string()), ("category", pa.string()),
                      ("polarity", pa.string()), ("score", pa.float64()), ("in_reply_to", pa.string())]


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]],
                  types: list[tuple[str, pa.DataType]]) -> None:
    batch = pa.Table.from_struct_array(pa.array(rows, type=pa.struct(types)))
    con.register("judgement_batch", batch)
    con.execute(f"INSERT INTO {table} SELECT * FROM judgement_batch")
    con.unregister("judgement_batch")


def resolve_endorsement_targets(con: duckdb.DuckDBPyConnection) -> None:
    """Credit the endorsed account: an ``@handle`` target by handle, a name by the account's display name."""
    con.execute(
        """
        UPDATE endorsements SET target_account_id = a.id
        FROM (SELECT platform, lower(handle) AS key, min(id) AS id FROM accounts WHERE handle IS NOT NULL GROUP BY ALL
              UNION ALL
              SELECT platform, lower(name), min(id) FROM accounts WHERE name IS NOT NULL GROUP BY ALL
              HAVING count(*) = 1) a
        WHERE endorsements.target_account_id IS NULL AND a.platform = endorsements.platform
          AND a.key = lower(ltrim(endorsements.target, '@'))
        """
    )


def erase_account(con: duckdb.DuckDBPyConnection, platform: str, account_id: str) -> None:
    """Forget an account's judgements: of its posts, and endorsements of it."""
    con.execute("DELETE FROM requests WHERE platform = ? AND author_id = ?", [platform, account_id])
    con.execute("DELETE FROM endorsements WHERE platform = ? AND (author_id = ? OR target_account_id = ?)",
                [platform, account_id, account_id])
    con.execute(
        "DELETE FROM judgements WHERE platform = ? AND NOT EXISTS "
        "(SELECT 1 FROM posts p WHERE p.platform = judgements.platform AND p.id = judgements.post_id)",
        [platform],
    )


def list_requests(
    con: duckdb.DuckDBPyConnection, *, category: str | None = None, near: str | None = None,
    platform: str | None = None, since: datetime | None = None, limit: int = 50,
) -> list[dict[str, Any]]:
    """Stored referral requests, newest first, with their author and how many replies they drew."""
    where: list[str] = ["true"]
    params: list[Any] = []
    if category:
        where.append("r.category = ?")
        params.append(category)
    if near:
        where.append("(r.location ILIKE ? OR p.text ILIKE ?)")
        params += [f"%{near}%", f"%{near}%"]
    if platform:
        where.append("r.platform = ?")
        params.append(platform)
    if since:
        where.append("r.created_at >= ?")
        params.append(since)
    rows = con.execute(
        f"""
        SELECT r.platform, r.post_id, r.author_id, a.handle, r.created_at, p.text, r.sought, r.category,
               r.location, r.kind, r.score,
               (SELECT count(*) FROM posts c WHERE c.platform = r.platform AND c.reply_to_id = r.post_id) AS replies
        FROM requests r
        JOIN posts p ON p.platform = r.platform AND p.id = r.post_id
        LEFT JOIN accounts a ON a.platform = r.platform AND a.id = r.author_id
        WHERE {' AND '.join(where)}
        ORDER BY r.created_at DESC NULLS LAST, r.post_id
        LIMIT ?
        """,
        [*params, limit],
    ).fetchall()
    names = ("platform", "post_id", "author", "handle", "created_at", "text", "sought", "category", "location",
             "kind", "score", "replies")
    return [dict(zip(names, row, strict=True)) for row in rows]


def list_endorsements(
    con: duckdb.DuckDBPyConnection, *, target: str | None = None, category: str | None = None,
    platform: str | None = None, limit: int = 50,
) -> list[dict[str, Any]]:
    """Stored endorsements, newest first; ``target`` matches the endorsed name, handle or account id."""
    where: list[str] = ["true"]
    params: list[Any] = []
    if target:
        key = target.lstrip("@").lower()
        where.append("(lower(ltrim(e.target, '@')) = ? OR e.target_account_id = ? OR lower(t.handle) = ? "
                     "OR lower(e.target) LIKE ?)")
        params += [key, target, key, f"%{key}%"]
    if category:
        where.append("e.category = ?")
        params.append(category)
    if platform:
        where.append("e.platform = ?")
        params.append(platform)
    rows = con.execute(
        f"""
        SELECT e.platform, e.post_id, e.author_id, a.handle, e.created_at, e.target, e.target_account_id,
               t.handle, e.for_what, e.category, e.polarity, e.score, p.text, e.in_reply_to
        FROM endorsements e
        JOIN posts p ON p.platform = e.platform AND p.id = e.post_id
        LEFT JOIN accounts a ON a.platform = e.platform AND a.id = e.author_id
        LEFT JOIN accounts t ON t.platform = e.platform AND t.id = e.target_account_id
        WHERE {' AND '.join(where)}
        ORDER BY e.created_at DESC NULLS LAST, e.post_id, e.position
        LIMIT ?
        """,
        [*params, limit],
    ).fetchall()
    names = ("platform", "post_id", "author", "handle", "created_at", "target", "target_account",
             "target_handle", "for", "category", "polarity", "score", "text", "in_reply_to")
    return [dict(zip(names, row, strict=True)) for row in rows]


def post_with_parent(
    con: duckdb.DuckDBPyConnection, post_id: str, platform: str | None = None,
) -> list[tuple[Any, ...]]:
    """``(platform, id, text, author_id, reply_to_id, repost_of_id, parent_text)`` of posts with this id."""
    return con.execute(
        """
        SELECT p.platform, p.id, p.text, p.author_id, p.reply_to_id, p.repost_of_id, parent.text
        FROM posts p LEFT JOIN posts parent ON parent.platform = p.platform AND parent.id = p.reply_to_id
        WHERE p.id = ? AND (? IS NULL OR p.platform = ?)
        ORDER BY p.platform
        """,
        [post_id, platform, platform],
    ).fetchall()
