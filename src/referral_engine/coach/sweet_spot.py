"""The sweet spot, week by week: followers, reposts and quotes, mentions, and referral mentions.

The seed's sweet spot is "more followers, more retweets, and your name in replies to *Does
anyone know a good…*". Each is a weekly series over the audit's period, on the same weeks as
the mix of the account's own posts, so a chart (or a reader) can see whether referral mentions
follow a change of habits.

Weeks start on Monday, UTC, and are named by that Monday's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

#: The weekly measures, in the order a table or chart shows them.
MEASURES = ("followers", "reposts", "quotes", "mentions", "endorsements", "referral_mentions")


def week_of(moment: datetime) -> date:
    """The Monday (UTC) of the week holding ``moment``."""
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def weeks_between(since: datetime, until: datetime) -> list[date]:
    """Every week touching ``since <= t < until``."""
    first, last = week_of(since), week_of(until - timedelta(microseconds=1))
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def followers_by_week(rows: Iterable[Sequence[Any]], weeks: Sequence[date]) -> list[int | None]:
    """Followers at the end of each week: each account's latest count observed by then, summed over
    the subject's accounts (``None`` for a week before any account was observed).

    ``rows``: ``(subject, platform, account_id, observed_at, followers)``, oldest first.
    """
    latest: dict[tuple[str, str], int] = {}
    ordered = sorted(((r[3], r[1], r[2], r[4]) for r in rows), key=lambda r: (r[0], r[1], r[2]))
    out: list[int | None] = []
    n = 0
    for week in weeks:
        end = datetime.combine(week + timedelta(days=7), datetime.min.time(), tzinfo=UTC)
        while n < len(ordered) and ordered[n][0] < end:
            _, platform, account, followers = ordered[n]
            latest[(platform, account)] = int(followers)
            n += 1
        out.append(sum(latest.values()) if latest else None)
    return out


def series(weeks: Sequence[date], received: Iterable[Sequence[Any]], followers: Iterable[Sequence[Any]]
           ) -> list[dict[str, Any]]:
    """The weekly sweet-spot series: one dict per week, ``week`` (ISO date) and every measure.

    ``received``: ``(subject, week, reposts, quotes, mentions, endorsements, referral_mentions)``
    from :meth:`referral_engine.store.coach.Subjects.received_by_week`.
    """
    by_week = {row[1]: row[2:] for row in received}
    counts = zip(weeks, followers_by_week(followers, weeks), strict=True)
    out = []
    for week, follower_count in counts:
        got = by_week.get(week, (0, 0, 0, 0, 0))
        out.append({"week": week.isoformat(), "followers": follower_count,
                    **{name: int(value) for name, value in zip(MEASURES[1:], got, strict=True)}})
    return out
