"""An overview of a community: who is here, what is asked, who is vouched for (the demo's first look).

:func:`first_look` computes it with SQL over the store's record tables and
returns plain data (dicts, lists, ISO strings) for the CLI to render or print
as JSON. Requests and endorsements are the classifier's judgements, stored at ingest.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Store

def request_condition(alias: str = "p") -> tuple[str, list[Any]]:
    """A SQL condition on posts aliased ``alias`` that holds for judged referral requests, and its parameters."""
    return (f"EXISTS (SELECT 1 FROM requests rq WHERE rq.platform = {alias}.platform AND rq.post_id = {alias}.id)",
            [])


def _only(alias: str, platform: str | None) -> tuple[str, list[Any]]:
    """The condition (and parameters) restricting ``alias`` to one platform, or nothing."""
    return (f"AND {alias}.platform = ?", [platform]) if platform else ("", [])


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return None if value is None else str(value)


def first_look(store: Store, *, platform: str | None = None, limit: int = 5) -> dict[str, Any]:
    """Totals, the most active and most engaged accounts, the busiest conversations, recent
    requests and the accounts most recommended in answers to them.

    ``platform`` restricts everything to one platform (``"demo"``); ``limit`` is
    the length of each list.
    """
    where, params = _only("p", platform)
    is_request, request_params = request_condition("p")
    stats = store.stats()
    span = store.query(f"SELECT min(created_at), max(created_at) FROM posts p WHERE true {where}", params)[0]
    requests = store.query(f"SELECT count(*) FROM posts p WHERE {is_request} {where}", request_params + params)[0][0]
    scope = stats["platforms"].get(platform, {}) if platform else stats
    totals = {
        "posts": scope.get("posts", 0),
        "accounts": scope.get("accounts", 0),
        "interactions": (sum(scope.get("interactions", {}).values()) if platform else stats["interactions"]),
        "interactions_by_kind": scope.get("interactions", {}) if platform else stats["interactions_by_kind"],
        "snapshots": scope.get("snapshots", 0),
        "quarantined": stats["quarantined"],
        "platforms": sorted(stats["platforms"]),
        "requests": int(requests),
        "first_post": _iso(span[0]),
        "last_post": _iso(span[1]),
    }
    return {
        "totals": totals,
        "most_active": _most_active(store, platform, limit),
        "most_engaged": _most_engaged(store, platform, limit),
        "busiest_conversations": _busiest(store, platform, limit),
        "recent_requests": _recent_requests(store, platform, limit),
        "most_recommended": _most_recommended(store, platform, limit),
        "by_month": _by_month(store, platform),
    }


def _most_active(store: Store, platform: str | None, limit: int) -> list[dict[str, Any]]:
    where, params = _only("p", platform)
    rows = store.query(
        f"""
        SELECT p.platform, p.author_id, a.handle, a.name, count(*) AS posts,
               count(*) FILTER (p.reply_to_id IS NOT NULL) AS replies
        FROM posts p LEFT JOIN accounts a ON a.platform = p.platform AND a.id = p.author_id
        WHERE true {where}
        GROUP BY ALL ORDER BY posts DESC, p.author_id LIMIT ?
        """,
        [*params, limit],
    )
    return [{"platform": r[0], "account": r[1], "handle": r[2], "name": r[3], "posts": r[4], "replies": r[5]}
            for r in rows]


def _most_engaged(store: Store, platform: str | None, limit: int) -> list[dict[str, Any]]:
    """Accounts others act towards the most (likes, reposts, replies, mentions, quotes), follows aside."""
    where, params = _only("i", platform)
    rows = store.query(
        f"""
        SELECT i.platform, i.target_id, a.handle, a.name,
               count(*) FILTER (i.kind = 'like') AS likes,
               count(*) FILTER (i.kind = 'repost') AS reposts,
               count(*) FILTER (i.kind = 'reply') AS replies,
               count(*) FILTER (i.kind = 'mention') AS mentions,
               count(*) AS total,
               count(DISTINCT i.source_id) AS people
        FROM interactions i LEFT JOIN accounts a ON a.platform = i.platform AND a.id = i.target_id
        WHERE i.kind <> 'follow' AND i.target_id IS NOT NULL AND i.target_id <> i.source_id
              {where}
        GROUP BY ALL ORDER BY total DESC, i.target_id LIMIT ?
        """,
        [*params, limit],
    )
    return [{"platform": r[0], "account": r[1], "handle": r[2], "name": r[3], "likes": r[4], "reposts": r[5],
             "replies": r[6], "mentions": r[7], "total": r[8], "people": r[9]} for r in rows]


def _busiest(store: Store, platform: str | None, limit: int) -> list[dict[str, Any]]:
    """Threads with the most replies at any depth, found by walking replies down from each root."""
    where, params = _only("p", platform)
    rows = store.query(
        f"""
        WITH RECURSIVE thread(platform, id, root, author_id) AS (
            SELECT p.platform, p.id, p.id, p.author_id FROM posts p WHERE p.reply_to_id IS NULL {where}
            UNION ALL
            SELECT c.platform, c.id, t.root, c.author_id
            FROM posts c JOIN thread t ON c.platform = t.platform AND c.reply_to_id = t.id
        ),
        sizes AS (
            SELECT platform, root, count(*) - 1 AS replies, count(DISTINCT author_id) AS people
            FROM thread GROUP BY ALL HAVING count(*) > 1
        )
        SELECT s.platform, s.root, p.author_id, a.handle, p.text, p.created_at, s.replies, s.people
        FROM sizes s
        JOIN posts p ON p.platform = s.platform AND p.id = s.root
        LEFT JOIN accounts a ON a.platform = p.platform AND a.id = p.author_id
        ORDER BY s.replies DESC, p.created_at DESC, s.root LIMIT ?
        """,
        [*params, limit],
    )
    return [{"platform": r[0], "post_id": r[1], "account": r[2], "handle": r[3], "text": r[4],
             "created_at": _iso(r[5]), "replies": r[6], "people": r[7]} for r in rows]


def _recent_requests(store: Store, platform: str | None, limit: int) -> list[dict[str, Any]]:
    is_request, request_params = request_condition("p")
    where, params = _only("p", platform)
    rows = store.query(
        f"""
        SELECT p.platform, p.id, p.author_id, a.handle, p.text, p.created_at,
               (SELECT count(*) FROM posts r WHERE r.platform = p.platform AND r.reply_to_id = p.id) AS replies,
               rq.sought, rq.category, rq.location
        FROM posts p LEFT JOIN accounts a ON a.platform = p.platform AND a.id = p.author_id
        JOIN requests rq ON rq.platform = p.platform AND rq.post_id = p.id
        WHERE {is_request} {where}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ?
        """,
        [*request_params, *params, limit],
    )
    return [{"platform": r[0], "post_id": r[1], "account": r[2], "handle": r[3], "text": r[4],
             "created_at": _iso(r[5]), "replies": r[6], "sought": r[7], "category": r[8], "location": r[9]}
            for r in rows]


def _most_recommended(store: Store, platform: str | None, limit: int) -> list[dict[str, Any]]:
    """Who the community vouches for: endorsements received, the requests they answered, by how many people."""
    where, params = _only("e", platform)
    rows = store.query(
        f"""
        SELECT e.platform, coalesce(e.target_account_id, lower(e.target)) AS who, any_value(a.handle),
               coalesce(any_value(a.name), any_value(e.target)),
               count(*) FILTER (e.polarity = 'positive') AS endorsements,
               count(DISTINCT e.in_reply_to) FILTER (e.polarity = 'positive' AND rq.post_id IS NOT NULL) AS requests,
               count(DISTINCT e.author_id) FILTER (e.polarity = 'positive') AS people,
               count(*) FILTER (e.polarity = 'negative') AS warnings,
               mode(e.for_what) AS for_what
        FROM endorsements e
        LEFT JOIN accounts a ON a.platform = e.platform AND a.id = e.target_account_id
        LEFT JOIN requests rq ON rq.platform = e.platform AND rq.post_id = e.in_reply_to
        WHERE e.author_id IS DISTINCT FROM e.target_account_id {where}
        GROUP BY e.platform, who
        ORDER BY endorsements DESC, people DESC, who LIMIT ?
        """,
        [*params, limit],
    )
    return [{"platform": r[0], "account": r[1], "handle": r[2], "name": r[3], "endorsements": r[4],
             "requests": r[5], "people": r[6], "warnings": r[7], "for": r[8]} for r in rows]


def _by_month(store: Store, platform: str | None) -> list[dict[str, Any]]:
    """Posts and requests per calendar month (UTC): the shape of the community over time."""
    where, params = _only("p", platform)
    is_request, request_params = request_condition("p")
    rows = store.query(
        f"""
        SELECT strftime(p.created_at AT TIME ZONE 'UTC', '%Y-%m') AS month, count(*) AS posts,
               count(*) FILTER ({is_request}) AS requests
        FROM posts p WHERE p.created_at IS NOT NULL {where}
        GROUP BY 1 ORDER BY 1
        """,
        [*request_params, *params],
    )
    return [{"month": r[0], "posts": r[1], "requests": r[2]} for r in rows]
