"""The store's side of referral answers (``refer who``, ``refer opportunities``): every query they need.

Reads only. The queries start from the small judgement tables (``endorsements``, ``requests``)
and touch the large record tables only through them (the profiles of endorsers and endorsed),
so the referral index they fill costs about the same to read on a large store as on a small one.
``referral_engine.refer`` holds the meaning; this module only the SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Store

#: Columns of :func:`all_endorsements` rows.
ENDORSEMENT_COLUMNS = ("platform", "post_id", "author_id", "created_at", "target", "target_account_id", "for_what",
                       "category", "polarity", "score", "in_reply_to", "request_sought", "request_category",
                       "request_kind", "request_location", "request_author")


def referral_state(store: Store) -> tuple[Any, ...]:
    """What the in-memory referral index depends on, cheaply (table statistics answer most of it):
    counts of endorsements and requests, count and latest time of judgements, count and latest
    sighting of accounts. Any change to it means the index must be read again. Read once while a
    read-only store is open (:meth:`Store.state`)."""
    return store.state("referral state", lambda: _referral_state(store))


def _referral_state(store: Store) -> tuple[Any, ...]:
    rows = store.query(
        """
        SELECT (SELECT count(*) FROM endorsements), (SELECT count(*) FROM requests),
               (SELECT count(*) FROM judgements), (SELECT max(judged_at) FROM judgements),
               (SELECT count(*) FROM accounts), (SELECT max(seen_at) FROM accounts),
               (SELECT count(target_account_id) FROM endorsements)
        """
    )
    return tuple(rows[0])


def all_endorsements(store: Store) -> list[tuple[Any, ...]]:
    """Every endorsement (and warning), with the request it replied to, if any
    (:data:`ENDORSEMENT_COLUMNS`), in a stable order. Self-endorsements (an account vouching for
    itself) are left out."""
    return store.query(
        """
        SELECT e.platform, e.post_id, e.author_id, e.created_at, e.target, e.target_account_id, e.for_what,
               e.category, e.polarity, e.score, e.in_reply_to, r.sought, r.category, r.kind, r.location, r.author_id
        FROM endorsements e
        LEFT JOIN requests r ON r.platform = e.platform AND r.post_id = e.in_reply_to
        WHERE e.target_account_id IS NULL OR e.author_id IS NULL OR e.target_account_id <> e.author_id
        ORDER BY e.platform, e.post_id, e.target
        """
    )


def endorsement_profiles(store: Store) -> dict[tuple[str, str], tuple[Any, ...]]:
    """``(platform, id) -> (handle, name, description, location)`` of every account that wrote an
    endorsement or was endorsed: all the profiles a referral answer shows or places."""
    rows = store.query(
        """
        WITH wanted AS (SELECT platform, author_id AS id FROM endorsements WHERE author_id IS NOT NULL
                        UNION SELECT platform, target_account_id FROM endorsements
                        WHERE target_account_id IS NOT NULL)
        SELECT a.platform, a.id, a.handle, a.name, a.description, a.location
        FROM accounts a SEMI JOIN wanted w ON a.platform = w.platform AND a.id = w.id
        """
    )
    return {(str(r[0]), str(r[1])): tuple(r[2:]) for r in rows}


def request_phrases(store: Store) -> list[tuple[str, str]]:
    """``(platform, sought in lower case)`` of every request (what request words are counted over)."""
    rows = store.query("SELECT platform, lower(coalesce(sought, '')) FROM requests ORDER BY platform, post_id")
    return [(str(p), str(t)) for p, t in rows]


def newest_endorsements(store: Store) -> dict[str, datetime]:
    """When each platform's newest endorsement was posted."""
    rows = store.query("SELECT platform, max(created_at) FROM endorsements GROUP BY 1 "
                       "HAVING max(created_at) IS NOT NULL")
    return {str(p): t for p, t in rows}


def accounts(store: Store, platform: str, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """``id -> (handle, name, description, location)`` of the accounts in ``ids`` that the store knows."""
    if not ids:
        return {}
    # a semi-join on the ids (hashed once) reads the accounts table once; list_contains per row
    # costs twice as much with thousands of ids on a 1M-account store
    rows = store.query(
        """
        SELECT a.id, a.handle, a.name, a.description, a.location
        FROM accounts a SEMI JOIN (SELECT unnest(?) AS id) wanted ON a.id = wanted.id
        WHERE a.platform = ?
        """,
        [list(ids), platform],
    )
    return {str(r[0]): tuple(r[1:]) for r in rows}


def frequent_words(store: Store, *, share: float, sample: int = 20_000) -> tuple[int, dict[str, int]]:
    """The words in at least ``share`` of the posts (of at most ``sample``, in storage order, and at
    least 5 of them), with how many posts hold each; and how many posts were read.

    A bounded sample keeps the cost flat on a large store: word shares settle long before 20,000 posts.
    """
    rows = store.query(
        """
        WITH sample AS (SELECT row_number() OVER () AS n, lower(text) AS text FROM (SELECT text FROM posts LIMIT $k)),
             tokens AS (SELECT DISTINCT n, unnest(regexp_split_to_array(text, '[^a-z0-9]+')) AS word FROM sample),
             total AS (SELECT count(*) AS posts FROM sample)
        SELECT word, count(*) FROM tokens, total WHERE word <> '' GROUP BY word, posts
        HAVING count(*) >= greatest(5, $share * posts)
        UNION ALL SELECT NULL, posts FROM total
        """,
        {"k": sample, "share": share},  # type: ignore[arg-type]
    )
    total = next((int(n) for w, n in rows if w is None), 0)
    return total, {str(w): int(n) for w, n in rows if w is not None}


def post_count(store: Store) -> int:
    """How many posts the store holds (a cheap count: it tells a cache that the store changed)."""
    row = store.state("post count", lambda: store.query("SELECT count(*) FROM posts"))
    return int(row[0][0]) if row else 0


def newest_request(store: Store, platform: str | None) -> datetime | None:
    """When the newest referral request was posted."""
    row = store.query("SELECT max(created_at) FROM requests WHERE ($p IS NULL OR platform = $p)",
                      {"p": platform})  # type: ignore[arg-type]
    return row[0][0] if row and row[0][0] is not None else None


# -- opportunities --------------------------------------------------------------------------------


def recent_posts(store: Store, platform: str, account_id: str, *, limit: int = 500) -> list[str]:
    """The texts of the account's newest posts (not reposts)."""
    rows = store.query(
        """
        SELECT text FROM posts WHERE platform = ? AND author_id = ? AND repost_of_id IS NULL
        ORDER BY created_at DESC NULLS LAST LIMIT ?
        """,
        [platform, account_id, limit],
    )
    return [str(r[0]) for r in rows]


def answered_topics(store: Store, platform: str, account_id: str) -> list[tuple[str, str | None, int]]:
    """What the account is known for, from judgements: ``(source, category or sought, count)``.

    ``source`` is ``"answered"`` (the categories of requests it replied to), ``"endorsed"`` (the
    categories it was vouched for) or ``"endorsed_for"`` (what it was vouched for, as written).
    """
    rows = store.query(
        """
        SELECT 'answered', r.category, count(*)
        FROM posts c JOIN requests r ON r.platform = c.platform AND r.post_id = c.reply_to_id
        WHERE c.platform = $p AND c.author_id = $a AND r.category IS NOT NULL AND r.author_id <> $a
        GROUP BY ALL
        UNION ALL
        SELECT 'endorsed', category, count(*) FROM endorsements
        WHERE platform = $p AND target_account_id = $a AND polarity = 'positive' AND category IS NOT NULL
        GROUP BY ALL
        UNION ALL
        SELECT 'endorsed_for', for_what, count(*) FROM endorsements
        WHERE platform = $p AND target_account_id = $a AND polarity = 'positive' AND for_what IS NOT NULL
        GROUP BY ALL
        """,
        {"p": platform, "a": account_id},  # type: ignore[arg-type]
    )
    return [(str(s), None if c is None else str(c), int(n)) for s, c, n in rows]


#: Columns of :func:`open_requests` rows.
REQUEST_COLUMNS = ("post_id", "author_id", "handle", "created_at", "text", "sought", "category", "location", "kind",
                   "replies")


def open_requests(
    store: Store, platform: str, account_id: str, *, since: datetime | None, categories: Sequence[str],
    limit: int,
) -> list[tuple[Any, ...]]:
    """Requests since ``since`` in ``categories`` that the account neither wrote nor answered, newest first."""
    return store.query(
        """
        SELECT r.post_id, r.author_id, a.handle, r.created_at, p.text, r.sought, r.category, r.location, r.kind,
               (SELECT count(*) FROM posts c WHERE c.platform = r.platform AND c.reply_to_id = r.post_id)
        FROM requests r
        JOIN posts p ON p.platform = r.platform AND p.id = r.post_id
        LEFT JOIN accounts a ON a.platform = r.platform AND a.id = r.author_id
        WHERE r.platform = $p AND r.author_id IS DISTINCT FROM $a
          AND ($since IS NULL OR r.created_at >= $since)
          AND list_contains($categories, r.category)
          AND NOT EXISTS (SELECT 1 FROM posts c WHERE c.platform = r.platform AND c.reply_to_id = r.post_id
                          AND c.author_id = $a)
        ORDER BY r.created_at DESC NULLS LAST, r.post_id
        LIMIT $limit
        """,
        {"p": platform, "a": account_id, "since": since, "categories": list(categories),  # type: ignore[arg-type]
         "limit": limit},
    )


# -- the thread index of ``refer who`` -----------------------------------------------------------


def endorsed_threads(store: Store) -> list[tuple[str, str, str, str]]:
    """``(platform, post_id, text, replies)`` of every post that endorsements replied to (the
    questions whose replies named providers), with the text of its direct replies joined by
    newlines; read once per store and process to build the thread index."""
    rows = store.query(
        """
        WITH q AS (SELECT DISTINCT platform, in_reply_to AS id FROM endorsements WHERE in_reply_to IS NOT NULL)
        SELECT p.platform, p.id, p.text,
               coalesce((SELECT string_agg(c.text, chr(10)) FROM posts c
                         WHERE c.platform = p.platform AND c.reply_to_id = p.id), '')
        FROM q JOIN posts p ON p.platform = q.platform AND p.id = q.id
        ORDER BY p.platform, p.id
        """
    )
    return [(str(p), str(i), str(t), str(r)) for p, i, t, r in rows]


def endorsement_count(store: Store) -> int:
    """How many endorsements the store holds (a cheap count: it tells a cache that they changed)."""
    row = store.state("endorsement count", lambda: store.query("SELECT count(*) FROM endorsements"))
    return int(row[0][0]) if row else 0
