"""The store's side of the coach: the per-account reads behind audits and plans (profiles: ``profiles.py``).

Every read here is about a few accounts (a *subject*: one account, or a profile's accounts), so
each query starts from those accounts and joins outwards: the big tables are filtered on the
subject's ids (``author_id``, ``source_id``, ``target_id``) before anything is joined to them.
Several subjects can be read in one pass (the peers of a category), which is how the
citizenship scores of a whole category cost one scan per table rather than one per peer.

Subjects are handed to DuckDB as a small Arrow table registered as ``coach_subjects``
(``subject, platform, account_id, categories``) for the duration of a :class:`Subjects` block.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    from . import Store

#: A mention in a post naming more accounts than this is a bulk mention: not a conversation.
BULK_MENTIONS = 5
#: The start of time, for "since the beginning".
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_WEEK = "CAST(date_trunc('week', {col} AT TIME ZONE 'UTC') AS DATE)"


def _con(store: Store) -> duckdb.DuckDBPyConnection:
    return store._con  # the store package's own connection


def latest_post(store: Store, platforms: Sequence[str]) -> datetime | None:
    """The time of the newest post on these platforms: the data's "now"."""
    rows = _con(store).execute("SELECT max(created_at) FROM posts WHERE list_contains(?::VARCHAR[], platform)",
                               [list(platforms)]).fetchall()
    return rows[0][0] if rows else None


# -- reads about subjects ------------------------------------------------------------------------------
#
# On entering a :func:`subjects` block, the rows that concern the subjects' accounts are copied
# once into small temporary tables (two filtered scans of interactions, two of posts, one of
# judgements):
#
#   coach_acts   interactions from or to a subject account
#   coach_posts  posts by a subject account, replies to one, and posts mentioning one; with
#                ``handles``, the number of distinct @handles in the text (bulk mentions)
#   coach_kinds  the judged kind of the subject accounts' own posts
#
# Every read of the audit then runs on those tables.


def _not_own(s: str, platform: str, account: str) -> str:
    """SQL: ``account`` (on ``platform``) is not one of the subject ``s``'s own accounts."""
    return (f"NOT EXISTS (SELECT 1 FROM coach_subjects o WHERE o.subject = {s}.subject AND o.platform = {platform} "
            f"AND o.account_id = {account})")


_HANDLES = "len(list_distinct(regexp_extract_all(lower(p.text), '@([a-z0-9_.]+)', 1)))"
_COPIES: tuple[tuple[str, int], ...] = (
    # Each copy reads as few columns as it can: a scan decompresses every column it returns for
    # each block of rows holding a match, and a subject's rows are spread over the whole table.
    # Filtering on the account id alone keeps each copy one scan with a hash probe; the platform
    # is matched later, when the copies are joined to coach_subjects.
    # Interactions from a subject account (over all its history: whom it has ever acted towards)...
    ("""CREATE TEMP TABLE coach_acts AS
        SELECT i.platform, i.kind, i.source_id, i.target_id, i.post_id, i.target_post_id, i.created_at
        FROM interactions i SEMI JOIN coach_accounts s ON s.account_id = i.source_id
        WHERE i.kind <> 'follow'""", 0),
    # ... and to one, since the period began (likes received only when asked for: the plan's circle).
    ("""INSERT INTO coach_acts
        SELECT i.platform, i.kind, i.source_id, i.target_id, i.post_id, i.target_post_id, i.created_at
        FROM interactions i SEMI JOIN coach_accounts s ON s.account_id = i.target_id
        WHERE i.created_at >= ? AND i.kind <> 'follow' AND (? OR i.kind <> 'like')
          AND NOT EXISTS (SELECT 1 FROM coach_accounts o
                          WHERE o.platform = i.platform AND o.account_id = i.source_id)""", 2),
    # Posts by a subject account (with their text: the audit's examples)...
    (f"""CREATE TEMP TABLE coach_posts AS
        SELECT p.platform, p.id, p.author_id, p.text, p.created_at, p.reply_to_id, p.reply_to_account_id,
               {_HANDLES} AS handles, contains(p.text, '?') AS question
        FROM posts p SEMI JOIN coach_accounts s ON s.account_id = p.author_id""", 0),
    # ... replies to one and posts mentioning one, since the period began (what their text says).
    (f"""INSERT INTO coach_posts
        SELECT p.platform, p.id, p.author_id, NULL, p.created_at, p.reply_to_id, p.reply_to_account_id,
               {_HANDLES}, contains(p.text, '?')
        FROM posts p
        WHERE p.created_at >= ? AND (p.reply_to_account_id IN (SELECT account_id FROM coach_accounts)
                                     OR p.id IN (SELECT post_id FROM coach_acts WHERE kind = 'mention'))
          AND NOT EXISTS (SELECT 1 FROM coach_accounts o
                          WHERE o.platform = p.platform AND o.account_id = p.author_id)""",
     1),
    # The judged kinds of its own posts (probed by post id alone; the platform is matched on use).
    ("""CREATE TEMP TABLE coach_kinds AS
        SELECT j.platform, j.post_id, j.post_kind, j.post_kind_score FROM judgements j
        SEMI JOIN (SELECT p.id FROM coach_posts p WHERE p.text IS NOT NULL) o ON o.id = j.post_id""", 0),
)
_TEMP = ("coach_acts", "coach_posts", "coach_kinds")


class Subjects:
    """Reads about the registered subjects; made by :func:`subjects`.

    Every method returns rows for all subjects at once, keyed by the subject's name first.
    Periods are half-open: ``since <= created_at < until``.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, params).fetchall()

    def _with_keys(self, name: str, keys: Sequence[tuple[Any, ...]], columns: Sequence[str], sql: str,
                   params: list[Any]) -> list[tuple[Any, ...]]:
        return _with_keys(self._con, name, keys, columns, sql, params)

    # -- for the audit ----------------------------------------------------------------------------

    def posts(self, since: datetime, until: datetime, *, text: bool = False) -> list[tuple[Any, ...]]:
        """The subjects' own posts: ``(subject, platform, id, created_at, kind, kind_score, judged_kind,
        asked, text|None)``, oldest first.

        ``kind`` is the audit's kind: the judged post kind, except that a post positively endorsing
        another account counts as ``promoting_others``; ``asked``: a reply to someone else's
        referral request in the subject's categories (in any category when either is unknown).
        """
        return self._rows(
            f"""
            SELECT s.subject, p.platform, p.id, p.created_at,
                   CASE WHEN en.post_id IS NOT NULL THEN 'promoting_others' ELSE j.post_kind END,
                   j.post_kind_score, j.post_kind,
                   rq.post_id IS NOT NULL AND (len(s.categories) = 0 OR rq.category IS NULL
                                               OR list_contains(s.categories, rq.category)),
                   {"p.text" if text else "NULL"}
            FROM coach_subjects s
            JOIN coach_posts p ON p.platform = s.platform AND p.author_id = s.account_id
            LEFT JOIN coach_kinds j ON j.platform = p.platform AND j.post_id = p.id
            LEFT JOIN requests rq ON rq.platform = p.platform AND rq.post_id = p.reply_to_id
                                  AND rq.author_id IS DISTINCT FROM p.author_id
            LEFT JOIN (SELECT DISTINCT s2.subject, e.platform, e.post_id
                       FROM coach_subjects s2
                       JOIN endorsements e ON e.platform = s2.platform AND e.author_id = s2.account_id
                       WHERE e.polarity = 'positive' AND e.target_account_id IS NOT NULL
                         AND e.created_at >= ? AND e.created_at < ?
                         AND {_not_own("s2", "e.platform", "e.target_account_id")}) en
                   ON en.subject = s.subject AND en.platform = p.platform AND en.post_id = p.id
            WHERE p.created_at >= ? AND p.created_at < ?
            ORDER BY s.subject, p.created_at, p.id
            """,
            [since, until, since, until],
        )

    def incoming(self, since: datetime, until: datetime) -> list[tuple[Any, ...]]:
        """Posts by others addressed to a subject (a reply to its post, or a mention), bulk mentions
        aside: ``(subject, platform, id, author, created_at, is_question, first_answer_at)``.

        ``first_answer_at`` is the time of the subject's first reply to that post, or ``None``.
        """
        return self._rows(
            f"""
            WITH inc AS (
                SELECT s.subject, p.platform, p.id AS post_id
                FROM coach_subjects s
                JOIN coach_posts p ON p.platform = s.platform AND p.reply_to_account_id = s.account_id
                WHERE p.created_at >= ? AND p.created_at < ?
                UNION
                SELECT s.subject, i.platform, i.post_id
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.target_id = s.account_id
                WHERE i.kind = 'mention' AND i.post_id IS NOT NULL AND i.created_at >= ? AND i.created_at < ?
            ),
            answers AS (
                SELECT s.subject, r.platform, r.reply_to_id, min(r.created_at) AS moment
                FROM coach_subjects s JOIN coach_posts r ON r.platform = s.platform AND r.author_id = s.account_id
                WHERE r.reply_to_id IS NOT NULL AND r.created_at >= ?
                GROUP BY ALL
            )
            SELECT inc.subject, p.platform, p.id, p.author_id, p.created_at, p.question, a.moment
            FROM inc
            JOIN coach_posts p ON p.platform = inc.platform AND p.id = inc.post_id
            LEFT JOIN answers a ON a.subject = inc.subject AND a.platform = p.platform AND a.reply_to_id = p.id
            WHERE {_not_own("inc", "p.platform", "p.author_id")} AND p.handles <= ?
            ORDER BY inc.subject, p.created_at, p.id
            """,
            [since, until, since, until, since, BULK_MENTIONS],
        )

    def first_contacts(self, until: datetime) -> list[tuple[Any, ...]]:
        """Everyone each subject has ever acted towards (reply, mention, repost, quote, like), with
        the first time: ``(subject, platform, account_id, first_at)``.

        Follows do not count (they cost nothing), nor bulk mentions, nor replies and mentions
        carried by a post judged a pitch.
        """
        return self._rows(
            f"""
            SELECT s.subject, i.platform, i.target_id, min(i.created_at)
            FROM coach_subjects s
            JOIN coach_acts i ON i.platform = s.platform AND i.source_id = s.account_id
            LEFT JOIN coach_posts p ON p.platform = i.platform AND p.id = i.post_id
            LEFT JOIN coach_kinds j ON j.platform = i.platform AND j.post_id = i.post_id
            WHERE i.kind IN ('reply', 'mention', 'repost', 'quote', 'like') AND i.target_id IS NOT NULL
              AND i.created_at < ? AND {_not_own("s", "i.platform", "i.target_id")}
              AND j.post_kind IS DISTINCT FROM 'pitch' AND coalesce(p.handles, 0) <= ?
            GROUP BY ALL ORDER BY 1, 4, 3
            """,
            [until, BULK_MENTIONS],
        )

    def promotions(self, since: datetime, until: datetime, *, received: bool, limit: int = 10
                   ) -> list[tuple[Any, ...]]:
        """Who the subjects promote (``received=False``) or who promotes them (``True``): positive
        endorsements, reposts and quotes. ``(subject, platform, account_id, account_id, handle,
        endorsements, reposts, quotes, total)``, most first, ``limit`` per subject.
        """
        mine, theirs = ("target_account_id", "author_id") if received else ("author_id", "target_account_id")
        acting, acted = ("target_id", "source_id") if received else ("source_id", "target_id")
        return self._rows(
            f"""
            WITH acts AS (
                SELECT s.subject, e.platform, e.{theirs} AS who, 'endorsement' AS how
                FROM coach_subjects s JOIN endorsements e ON e.platform = s.platform AND e.{mine} = s.account_id
                WHERE e.polarity = 'positive' AND e.{theirs} IS NOT NULL
                  AND e.created_at >= ? AND e.created_at < ? AND {_not_own("s", "e.platform", f"e.{theirs}")}
                UNION ALL
                SELECT s.subject, i.platform, i.{acted}, i.kind
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.{acting} = s.account_id
                WHERE i.kind IN ('repost', 'quote') AND i.{acted} IS NOT NULL
                  AND i.created_at >= ? AND i.created_at < ? AND {_not_own("s", "i.platform", f"i.{acted}")}
            ),
            totals AS (
                SELECT subject, platform, who,
                       count(*) FILTER (how = 'endorsement') AS endorsements,
                       count(*) FILTER (how = 'repost') AS reposts, count(*) FILTER (how = 'quote') AS quotes,
                       count(*) AS total
                FROM acts GROUP BY ALL
            ),
            ranked AS (SELECT *, row_number() OVER (PARTITION BY subject ORDER BY total DESC, who) AS n FROM totals)
            SELECT r.subject, r.platform, r.who, r.who, a.handle, r.endorsements, r.reposts, r.quotes, r.total
            FROM ranked r LEFT JOIN accounts a ON a.platform = r.platform AND a.id = r.who
            WHERE r.n <= ? ORDER BY r.subject, r.n
            """,
            [since, until, since, until, limit],
        )

    def received_by_week(self, since: datetime, until: datetime) -> list[tuple[Any, ...]]:
        """What each subject received per week (Monday, UTC): ``(subject, week, reposts, quotes,
        mentions, endorsements, referral_mentions)``.

        ``mentions`` leave bulk mentions out; ``endorsements`` are positive endorsements of it by
        others; ``referral_mentions`` are the posts by others that endorse it or name it (mention
        it) in a reply to a referral request, each counted once.
        """
        week = _WEEK.format(col="moment")
        return self._rows(
            f"""
            WITH got AS (
                SELECT s.subject, i.platform, i.post_id, i.kind AS what, i.created_at AS moment
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.target_id = s.account_id
                WHERE i.kind IN ('repost', 'quote', 'mention') AND i.created_at >= ? AND i.created_at < ?
                  AND {_not_own("s", "i.platform", "i.source_id")}
            ),
            mentions AS (
                SELECT g.*, p.reply_to_id FROM got g
                JOIN coach_posts p ON p.platform = g.platform AND p.id = g.post_id
                WHERE g.what = 'mention' AND p.handles <= ?
            ),
            endorsed AS (
                SELECT DISTINCT s.subject, e.platform, e.post_id, e.created_at AS moment
                FROM coach_subjects s
                JOIN endorsements e ON e.platform = s.platform AND e.target_account_id = s.account_id
                WHERE e.polarity = 'positive' AND e.created_at >= ? AND e.created_at < ?
                  AND {_not_own("s", "e.platform", "e.author_id")}
            ),
            referral AS (
                SELECT DISTINCT subject, platform, post_id, moment FROM (
                    SELECT subject, platform, post_id, moment FROM endorsed
                    UNION ALL
                    SELECT m.subject, m.platform, m.post_id, m.moment FROM mentions m
                    SEMI JOIN requests rq ON rq.platform = m.platform AND rq.post_id = m.reply_to_id)
            ),
            everything AS (
                SELECT subject, what, moment FROM got WHERE what <> 'mention'
                UNION ALL SELECT subject, what, moment FROM mentions
                UNION ALL SELECT subject, 'endorsement', moment FROM endorsed
                UNION ALL SELECT subject, 'referral', moment FROM referral
            )
            SELECT subject, {week} AS week,
                   count(*) FILTER (what = 'repost'), count(*) FILTER (what = 'quote'),
                   count(*) FILTER (what = 'mention'), count(*) FILTER (what = 'endorsement'),
                   count(*) FILTER (what = 'referral')
            FROM everything GROUP BY ALL ORDER BY 1, 2
            """,
            [since, until, BULK_MENTIONS, since, until],
        )

    def followers(self, until: datetime) -> list[tuple[Any, ...]]:
        """Follower counts observed: ``(subject, platform, account_id, observed_at, followers)``, oldest first."""
        return self._rows(
            """
            SELECT s.subject, n.platform, n.account_id, n.observed_at, n.followers
            FROM coach_subjects s JOIN snapshots n ON n.platform = s.platform AND n.account_id = s.account_id
            WHERE n.observed_at < ? AND n.followers IS NOT NULL
            ORDER BY 1, 4, 2, 3
            """,
            [until],
        )

    # -- for the plan -----------------------------------------------------------------------------

    def replied_to(self) -> set[tuple[str, str]]:
        """``(platform, post id)`` of every post a subject account has replied to."""
        rows = self._rows("SELECT DISTINCT p.platform, p.reply_to_id FROM coach_subjects s JOIN coach_posts p "
                          "ON p.platform = s.platform AND p.author_id = s.account_id WHERE p.reply_to_id IS NOT NULL",
                          [])
        return {(r[0], r[1]) for r in rows}

    def unthanked(self, since: datetime, until: datetime, limit: int = 30) -> list[dict[str, Any]]:
        """People who endorsed, reposted or quoted a subject account since ``since`` and whom it has not
        acted towards since: ``{platform, account, handle, how, at, post_id, for, request_by,
        request_sought}``, endorsements first, newest first."""
        rows = self._rows(
            f"""
            WITH got AS (
                SELECT e.platform, e.author_id AS who, 'endorsement' AS how, e.created_at AS moment, e.post_id,
                       e.for_what, e.in_reply_to
                FROM coach_subjects s
                JOIN endorsements e ON e.platform = s.platform AND e.target_account_id = s.account_id
                WHERE e.polarity = 'positive' AND e.created_at >= ? AND e.created_at < ?
                  AND {_not_own("s", "e.platform", "e.author_id")}
                UNION ALL
                SELECT i.platform, i.source_id, i.kind, i.created_at, i.target_post_id, NULL, NULL
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.target_id = s.account_id
                WHERE i.kind IN ('repost', 'quote') AND i.created_at >= ? AND i.created_at < ?
                  AND {_not_own("s", "i.platform", "i.source_id")}
            ),
            back AS (
                SELECT i.platform, i.target_id, max(i.created_at) AS last
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.source_id = s.account_id
                WHERE i.kind <> 'follow' AND i.target_id IS NOT NULL
                GROUP BY ALL
            ),
            latest AS (
                SELECT g.*, row_number() OVER (PARTITION BY g.platform, g.who
                                               ORDER BY g.how = 'endorsement' DESC, g.moment DESC, g.post_id) AS n
                FROM got g LEFT JOIN back b ON b.platform = g.platform AND b.target_id = g.who
                WHERE b.last IS NULL OR b.last < g.moment
            )
            SELECT l.platform, l.who, a.handle, l.how, l.moment, l.post_id, l.for_what, ra.handle, rq.sought
            FROM latest l
            LEFT JOIN accounts a ON a.platform = l.platform AND a.id = l.who
            LEFT JOIN requests rq ON rq.platform = l.platform AND rq.post_id = l.in_reply_to
            LEFT JOIN accounts ra ON ra.platform = rq.platform AND ra.id = rq.author_id
            WHERE l.n = 1
            ORDER BY (l.how = 'endorsement') DESC, l.moment DESC, l.who LIMIT ?
            """,
            [since, until, since, until, limit],
        )
        names = ("platform", "account", "handle", "how", "at", "post_id", "for", "request_by", "request_sought")
        return [dict(zip(names, r, strict=True)) for r in rows]

    def partners(self) -> list[tuple[str, str, int]]:
        """Everyone a subject account has interacted with, either way, follows and bulk mentions aside:
        ``(platform, account_id, interactions)``, most first."""
        return self._rows(
            f"""
            WITH acts AS (
                SELECT i.platform, i.target_id AS other, i.post_id, i.kind
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.source_id = s.account_id
                WHERE i.kind <> 'follow' AND i.target_id IS NOT NULL AND {_not_own("s", "i.platform", "i.target_id")}
                UNION ALL
                SELECT i.platform, i.source_id, i.post_id, i.kind
                FROM coach_subjects s JOIN coach_acts i ON i.platform = s.platform AND i.target_id = s.account_id
                WHERE i.kind <> 'follow' AND {_not_own("s", "i.platform", "i.source_id")}
            )
            SELECT a.platform, a.other, count(*) FROM acts a
            LEFT JOIN coach_posts p ON p.platform = a.platform AND p.id = a.post_id
            WHERE a.kind <> 'mention' OR coalesce(p.handles, 0) <= ?
            GROUP BY ALL ORDER BY 3 DESC, 2
            """,
            [BULK_MENTIONS],
        )

    def engaged(self) -> set[tuple[str, str]]:
        """Every account a subject account has ever acted towards (follows aside)."""
        rows = self._rows(
            "SELECT DISTINCT i.platform, i.target_id FROM coach_subjects s JOIN coach_acts i "
            "ON i.platform = s.platform AND i.source_id = s.account_id "
            "WHERE i.kind <> 'follow' AND i.target_id IS NOT NULL", [])
        return {(r[0], r[1]) for r in rows}

    def promoted_recently(self, since: datetime) -> set[tuple[str, str]]:
        """Accounts a subject account endorsed, reposted or quoted since ``since``."""
        rows = self._rows(
            """
            SELECT e.platform, e.target_account_id FROM coach_subjects s
            JOIN endorsements e ON e.platform = s.platform AND e.author_id = s.account_id
            WHERE e.target_account_id IS NOT NULL AND e.created_at >= ?
            UNION
            SELECT i.platform, i.target_id FROM coach_subjects s
            JOIN coach_acts i ON i.platform = s.platform AND i.source_id = s.account_id
            WHERE i.kind IN ('repost', 'quote') AND i.target_id IS NOT NULL AND i.created_at >= ?
            """,
            [since, since],
        )
        return {(r[0], r[1]) for r in rows}

    def endorsed_by(self, people: Sequence[tuple[str, str]], since: datetime, until: datetime,
                    limit: int = 30) -> list[dict[str, Any]]:
        """Accounts that ``people`` positively endorsed in the period (not the subjects' own):
        ``{platform, account, handle, name, category, people, endorsers}``, most endorsers first."""
        if not people:
            return []
        rows = self._with_keys(
            "coach_people", people, ("platform", "id"),
            """
            SELECT e.platform, e.target_account_id, any_value(t.handle), any_value(t.name), mode(e.category),
                   count(DISTINCT e.author_id) AS people,
                   list(DISTINCT coalesce(w.handle, e.author_id) ORDER BY coalesce(w.handle, e.author_id))
            FROM endorsements e
            JOIN coach_people k ON k.platform = e.platform AND k.id = e.author_id
            LEFT JOIN accounts t ON t.platform = e.platform AND t.id = e.target_account_id
            LEFT JOIN accounts w ON w.platform = e.platform AND w.id = e.author_id
            WHERE e.polarity = 'positive' AND e.target_account_id IS NOT NULL
              AND e.created_at >= ? AND e.created_at < ?
              AND NOT EXISTS (SELECT 1 FROM coach_subjects o WHERE o.platform = e.platform
                              AND o.account_id = e.target_account_id)
            GROUP BY e.platform, e.target_account_id ORDER BY people DESC, e.target_account_id LIMIT ?
            """,
            [since, until, limit],
        )
        names = ("platform", "account", "handle", "name", "category", "people", "endorsers")
        return [dict(zip(names, r, strict=True)) for r in rows]

    def frequent_asks(self, since: datetime, until: datetime, categories: Sequence[str], limit: int = 3
                      ) -> list[tuple[str, int]]:
        """What is asked for most in ``categories`` on the subjects' platforms: ``(sought, requests)``."""
        if not categories:
            return []
        return [(str(r[0]), int(r[1])) for r in self._rows(
            """
            SELECT lower(sought), count(*) FROM requests
            WHERE created_at >= ? AND created_at < ? AND list_contains(?::VARCHAR[], category)
              AND platform IN (SELECT platform FROM coach_subjects)
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
            """,
            [since, until, list(categories), limit],
        )]

    def popular_information(self, authors: Sequence[tuple[str, str]], since: datetime, until: datetime,
                            limit: int = 3) -> list[dict[str, Any]]:
        """The most liked, reposted or quoted posts judged ``information`` by ``authors`` in the period
        that no subject account has reposted or quoted: ``{platform, post_id, account, handle, text,
        engagement}``."""
        if not authors:
            return []
        rows = self._with_keys(
            "coach_authors", authors, ("platform", "id"),
            """
            WITH theirs AS (
                SELECT p.platform, p.id, p.author_id, p.text FROM posts p
                SEMI JOIN coach_authors k ON k.platform = p.platform AND k.id = p.author_id
                WHERE p.created_at >= ? AND p.created_at < ? AND p.reply_to_id IS NULL
            ),
            informative AS (
                SELECT t.* FROM theirs t
                SEMI JOIN judgements j ON j.platform = t.platform AND j.post_id = t.id AND j.post_kind = 'information'
            ),
            engagement AS (
                SELECT i.platform, i.target_post_id, count(*) AS n FROM interactions i
                SEMI JOIN informative t ON t.platform = i.platform AND t.id = i.target_post_id
                WHERE i.kind IN ('like', 'repost', 'quote') AND i.created_at >= ?
                GROUP BY ALL
            )
            SELECT t.platform, t.id, t.author_id, a.handle, t.text, g.n
            FROM informative t
            JOIN engagement g ON g.platform = t.platform AND g.target_post_id = t.id
            LEFT JOIN accounts a ON a.platform = t.platform AND a.id = t.author_id
            -- not already passed on, and not about the subject itself (a repost of praise is a pitch)
            WHERE NOT EXISTS (SELECT 1 FROM coach_acts r JOIN coach_subjects s ON r.platform = s.platform
                              AND r.source_id = s.account_id
                              WHERE r.platform = t.platform AND r.target_post_id = t.id
                                AND r.kind IN ('repost', 'quote'))
              AND NOT EXISTS (SELECT 1 FROM coach_acts m JOIN coach_subjects s ON m.platform = s.platform
                              AND m.target_id = s.account_id
                              WHERE m.platform = t.platform AND m.post_id = t.id AND m.kind = 'mention')
              AND NOT EXISTS (SELECT 1 FROM endorsements e JOIN coach_subjects s ON e.platform = s.platform
                              AND e.target_account_id = s.account_id
                              WHERE e.platform = t.platform AND e.post_id = t.id)
            ORDER BY g.n DESC, t.id LIMIT ?
            """,
            [since, until, since, limit],
        )
        names = ("platform", "post_id", "account", "handle", "text", "engagement")
        return [dict(zip(names, r, strict=True)) for r in rows]


def _with_keys(con: duckdb.DuckDBPyConnection, name: str, keys: Sequence[tuple[Any, ...]], columns: Sequence[str],
               sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run ``sql`` with ``keys`` registered as the table ``name`` (``columns``)."""
    table = pa.table({c: [k[n] for k in keys] for n, c in enumerate(columns)})
    con.register(name, table)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.unregister(name)


def second_circle(store: Store, partners: Sequence[tuple[str, str, int]], exclude: Sequence[tuple[str, str]],
                  limit: int = 50) -> list[dict[str, Any]]:
    """Accounts that ``partners`` act towards (replies, reposts, quotes, likes), weighted by each
    partner's weight, ``exclude`` left out: ``{platform, account, handle, weight, via, through}``,
    reached through most partners first. The direct-interaction stand-in for personal trust."""
    if not partners:
        return []
    keys = [(p, i, float(w), False) for p, i, w in partners] + [(p, i, 0.0, True) for p, i in exclude]
    rows = _with_keys(
        _con(store), "coach_partners", keys, ("platform", "id", "w", "excluded"),
        """
        WITH acts AS (
            SELECT i.platform, i.source_id, i.target_id, k.w
            FROM interactions i JOIN coach_partners k ON k.platform = i.platform AND k.id = i.source_id
            WHERE NOT k.excluded AND i.kind IN ('reply', 'repost', 'quote', 'like') AND i.target_id IS NOT NULL
              AND i.target_id <> i.source_id
        )
        SELECT a.platform, a.target_id, any_value(t.handle), sum(a.w) AS weight,
               count(DISTINCT a.source_id) AS via,
               list(DISTINCT coalesce(h.handle, a.source_id) ORDER BY coalesce(h.handle, a.source_id))[:3]
        FROM acts a
        LEFT JOIN accounts t ON t.platform = a.platform AND t.id = a.target_id
        LEFT JOIN accounts h ON h.platform = a.platform AND h.id = a.source_id
        WHERE NOT EXISTS (SELECT 1 FROM coach_partners o WHERE o.excluded AND o.platform = a.platform
                          AND o.id = a.target_id)
        GROUP BY a.platform, a.target_id ORDER BY via DESC, weight DESC, a.target_id LIMIT ?
        """,
        [limit],
    )
    names = ("platform", "account", "handle", "weight", "via", "through")
    return [dict(zip(names, r, strict=True)) for r in rows]


def reach(store: Store, accounts: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """How many distinct accounts have acted towards each of ``accounts`` (follows aside): the
    direct-interaction stand-in for global trust."""
    if not accounts:
        return {}
    rows = _with_keys(
        _con(store), "coach_reach", accounts, ("platform", "id"),
        "SELECT i.platform, i.target_id, count(DISTINCT i.source_id) FROM interactions i "
        "SEMI JOIN coach_reach k ON k.platform = i.platform AND k.id = i.target_id "
        "WHERE i.kind <> 'follow' AND i.source_id <> i.target_id GROUP BY ALL", [])
    return {(r[0], r[1]): int(r[2]) for r in rows}


def handles(store: Store, accounts: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The handles of these accounts."""
    if not accounts:
        return {}
    rows = _with_keys(_con(store), "coach_handles", accounts, ("platform", "id"),
                      "SELECT a.platform, a.id, a.handle FROM accounts a JOIN coach_handles k "
                      "ON a.platform = k.platform AND a.id = k.id", [])
    return {(r[0], r[1]): r[2] for r in rows}


@contextmanager
def subjects(store: Store, rows: Sequence[tuple[str, str, str, Sequence[str]]], since: datetime, *,
             likes: bool = False) -> Iterator[Subjects]:
    """Register ``(subject, platform, account_id, categories)`` rows, copy what concerns their
    accounts into small temporary tables, and read about them; the tables go on leaving.

    What others did towards the subjects is copied from ``since`` on (the start of the period
    read); what the subjects did, over all their history. ``likes``: copy the likes they received
    too (who likes an account is part of its circle; the audit does not need them).
    """
    con = _con(store)
    table = pa.table({
        "subject": pa.array([r[0] for r in rows], pa.string()),
        "platform": pa.array([r[1] for r in rows], pa.string()),
        "account_id": pa.array([r[2] for r in rows], pa.string()),
        "categories": pa.array([list(r[3]) for r in rows], pa.list_(pa.string())),
    })
    keys = sorted({(r[1], r[2]) for r in rows})
    accounts = pa.table({"platform": pa.array([k[0] for k in keys], pa.string()),
                         "account_id": pa.array([k[1] for k in keys], pa.string())})
    con.register("coach_subjects", table)
    con.register("coach_accounts", accounts)
    try:
        for statement, dated in _COPIES:
            con.execute(statement, [since, likes][:dated])
        yield Subjects(con)
    finally:
        for name in _TEMP:
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
        con.unregister("coach_accounts")
        con.unregister("coach_subjects")
