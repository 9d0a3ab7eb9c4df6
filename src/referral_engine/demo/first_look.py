"""What a new user wants to see first after an ingest: who is here, what is asked, who is named.

:func:`first_look` computes it with SQL over the store's record tables and
returns plain data (dicts, lists, ISO strings) for the CLI to render or print
as JSON. Request detection is a regular expression for now, kept in
:func:`request_condition` alone so the classifier can replace it in one place.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

#: Phrases people use to ask for a referral. Crude on purpose: a stand-in until the
#: classifier lands (it also catches "does anyone know when the market opens?").
REQUEST_PATTERN = (
    r"(?i)\b(anyone|anybody|someone|somebody)\b[^.?!]{0,25}\b(know|recommend|recommendation|recs?|suggest)\b"
    r"|\blooking for (a|an|some|recommendations)\b"
    r"|\b(recs|recommendations|suggestions)\b[^.!]{0,40}\?"
    r"|\bwho do (you|y'all|you all|people) use\b"
)
_REQUEST_RE = re.compile(REQUEST_PATTERN)

#: Advertisements phrased as questions ("Looking for a plumber? Call us!") are not requests.
AD_PATTERN = (
    r"(?i)\b(call|book|order|visit|dm|message|contact|text) (us|now|today)\b|\bis here for you\b"
    r"|\bwe('re| are) (here|open|ready)\b|https?://"
)
_AD_RE = re.compile(AD_PATTERN)


def looks_like_request(text: str, *, is_reply: bool = False) -> bool:
    """The Python twin of :func:`request_condition` (for tests and for data not in a store)."""
    return not is_reply and _REQUEST_RE.search(text) is not None and _AD_RE.search(text) is None


def request_condition(alias: str = "p") -> tuple[str, list[Any]]:
    """A SQL condition on posts aliased ``alias`` that holds for referral requests, and its parameters.

    Only top-level posts count: a reply saying "looking for one too" joins a
    request rather than making a new one.
    """
    return (
        f"({alias}.reply_to_id IS NULL AND regexp_matches({alias}.text, ?) AND NOT regexp_matches({alias}.text, ?))",
        [REQUEST_PATTERN, AD_PATTERN],
    )


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
               (SELECT count(*) FROM posts r WHERE r.platform = p.platform AND r.reply_to_id = p.id) AS replies
        FROM posts p LEFT JOIN accounts a ON a.platform = p.platform AND a.id = p.author_id
        WHERE {is_request} {where}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ?
        """,
        [*request_params, *params, limit],
    )
    return [{"platform": r[0], "post_id": r[1], "account": r[2], "handle": r[3], "text": r[4],
             "created_at": _iso(r[5]), "replies": r[6]} for r in rows]


def _most_recommended(store: Store, platform: str | None, limit: int) -> list[dict[str, Any]]:
    """Accounts mentioned in replies to requests (not the asker, not the replier): who the community names."""
    is_request, request_params = request_condition("p")
    where, params = _only("p", platform)
    rows = store.query(
        f"""
        WITH requests AS (SELECT p.platform, p.id, p.author_id FROM posts p WHERE {is_request} {where}),
        answers AS (
            SELECT r.platform, r.id, r.author_id, q.id AS request_id, q.author_id AS asker
            FROM posts r JOIN requests q ON r.platform = q.platform AND r.reply_to_id = q.id
        )
        SELECT i.platform, i.target_id, a.handle, a.name, count(*) AS mentions,
               count(DISTINCT x.request_id) AS requests, count(DISTINCT x.author_id) AS people
        FROM interactions i
        JOIN answers x ON x.platform = i.platform AND x.id = i.post_id
        LEFT JOIN accounts a ON a.platform = i.platform AND a.id = i.target_id
        WHERE i.kind = 'mention' AND i.target_id IS NOT NULL AND i.target_id <> x.asker
              AND i.target_id <> x.author_id
        GROUP BY ALL ORDER BY mentions DESC, people DESC, i.target_id LIMIT ?
        """,
        [*request_params, *params, limit],
    )
    return [{"platform": r[0], "account": r[1], "handle": r[2], "name": r[3], "mentions": r[4],
             "requests": r[5], "people": r[6]} for r in rows]


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
