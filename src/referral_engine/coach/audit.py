"""The audit: an account (or a profile) as a citizen of its network, in figures.

:func:`audit` reads the store once per kind of fact (own posts, posts addressed to it, whom it
acted towards, what it received, follower counts) for the subject's accounts only, and returns an
:class:`Audit` whose :meth:`Audit.as_dict` is what ``refer audit --json`` prints. Every figure is
described in ``docs/coach.md``.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..store import Store
from ..store import coach as sql
from ..store import profiles as stored
from . import sweet_spot
from .citizenship import Citizenship, Inputs, score, tally
from .profiles import Subject, resolve

#: The post kinds of the audit, in the order they are shown.
KINDS = ("pitch", "promoting_others", "conversation", "information", "other")
#: The period audited when no ``since`` is given.
DEFAULT_PERIOD = timedelta(weeks=26)


@dataclass(frozen=True)
class Audit:
    """One subject's audit over ``since <= t < until``; :meth:`as_dict` is the public JSON shape."""

    subject: Subject
    since: datetime
    until: datetime
    posts: int
    judged: int
    kinds: dict[str, float]
    examples: dict[str, list[dict[str, Any]]]
    kinds_by_week: list[dict[str, Any]]
    pitches: dict[str, Any]
    reciprocity: dict[str, Any]
    sweet_spot: list[dict[str, Any]]
    citizenship: Citizenship
    peers: dict[str, Any] | None
    halves: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain data, ready for JSON: ``account``, ``posts``, ``kinds``, ``citizenship``, ``sweet_spot``, …"""
        return {
            **self.subject.as_dict(),
            "since": _iso(self.since), "until": _iso(self.until),
            "posts": self.posts, "judged": self.judged,
            "kinds": self.kinds, "examples": self.examples, "kinds_by_week": self.kinds_by_week,
            "pitches": self.pitches, "reciprocity": self.reciprocity, "sweet_spot": self.sweet_spot,
            "citizenship": self.citizenship.score,
            "citizenship_components": [c.as_dict() for c in self.citizenship.components],
            "peers": self.peers, "halves": self.halves,
        }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def period(store: Store, subject: Subject, since: datetime | None, now: datetime | None
           ) -> tuple[datetime, datetime]:
    """``(since, until)``, the period ``since <= t < until``: until is ``now``, by default the second
    after the newest post on the subject's platforms (the data's own "now"); since defaults to
    :data:`DEFAULT_PERIOD` before it."""
    if now is None:
        latest = sql.latest_post(store, subject.platforms)
        # the next whole second: the newest post falls inside the half-open period
        now = latest.replace(microsecond=0) + timedelta(seconds=1) if latest else datetime.now(UTC)
    until = now if now.tzinfo else now.replace(tzinfo=UTC)
    start = since if since is not None else until - DEFAULT_PERIOD
    return (start if start.tzinfo else start.replace(tzinfo=UTC)), until


def audit(store: Store, who: str | Subject, *, since: datetime | None = None, now: datetime | None = None,
          peers: bool = True, examples: int = 3) -> Audit:
    """Audit ``who`` (a profile name, ``@handle``, account id, or a :class:`Subject`).

    ``since``/``now`` bound the period (see :func:`period`); ``peers`` compares the citizenship
    score with the stored profiles sharing a category; ``examples`` is how many example posts
    are kept per kind.
    """
    subject = resolve(store, who) if isinstance(who, str) else who
    since, until = period(store, subject, since, now)
    weeks = sweet_spot.weeks_between(since, until)
    others = peer_profiles(store, subject) if peers else []
    rows = subject.rows() + [(p["name"], a[0], a[1], tuple(p["categories"])) for p in others for a in p["accounts"]]
    label = subject.label

    def own(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [r for r in found if r[0] == label]

    # One copy of what concerns the subject and its peers; every figure is read from it.
    with sql.subjects(store, rows, since) as q:
        posts = q.posts(since, until, text=True)
        incoming = q.incoming(since, until)
        contacts = q.first_contacts(until)
        promotes = own(q.promotions(since, until, received=False))
        promoted_by = own(q.promotions(since, until, received=True))
        received = own(q.received_by_week(since, until))
        followers = own(q.followers(until))
    inputs = tally(posts, incoming, contacts, since, until)
    citizenship = score(inputs.get(label, Inputs(weeks=_weeks(since, until))))
    posts, incoming, contacts = own(posts), own(incoming), own(contacts)
    judged = [r for r in posts if r[4] is not None]
    kind_counts = Counter(r[4] for r in judged)
    by_week = _kinds_by_week(judged, weeks)
    sweet = sweet_spot.series(weeks, received, followers)
    return Audit(
        subject=subject, since=since, until=until, posts=len(posts), judged=len(judged),
        kinds={k: round(kind_counts[k] / len(judged), 4) if judged else 0.0 for k in KINDS},
        examples=_examples(judged, examples),
        kinds_by_week=by_week,
        pitches=_pitches(judged, examples),
        reciprocity=_reciprocity(incoming, contacts, promotes, promoted_by, weeks, since, until),
        sweet_spot=sweet,
        citizenship=citizenship,
        peers=standing(subject, citizenship, {n: i for n, i in inputs.items() if n != label}) if peers else None,
        halves=_halves(by_week, sweet),
    )


def _weeks(since: datetime, until: datetime) -> float:
    return max((until - since) / timedelta(weeks=1), 1.0)


def _examples(judged: Sequence[Sequence[Any]], n: int) -> dict[str, list[dict[str, Any]]]:
    """The ``n`` most clearly judged posts of each kind (highest kind score, then newest)."""
    by_kind: dict[str, list[Sequence[Any]]] = defaultdict(list)
    for row in judged:
        by_kind[row[4]].append(row)
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        rows = sorted(by_kind.get(kind, ()), key=lambda r: (-(r[5] or 0.0), -r[3].timestamp(), r[2]))[:n]
        out[kind] = [_post(r) for r in rows]
    return out


def _post(row: Sequence[Any]) -> dict[str, Any]:
    return {"platform": row[1], "id": row[2], "created_at": _iso(row[3]), "text": row[8]}


def _kinds_by_week(judged: Sequence[Sequence[Any]], weeks: Sequence[Any]) -> list[dict[str, Any]]:
    counts: dict[Any, Counter[str]] = {week: Counter() for week in weeks}
    for row in judged:
        week = sweet_spot.week_of(row[3])
        if week in counts:
            counts[week][row[4]] += 1
    return [{"week": week.isoformat(), "posts": sum(c.values()), **{k: c[k] for k in KINDS}}
            for week, c in counts.items()]


def _pitches(judged: Sequence[Sequence[Any]], n: int) -> dict[str, Any]:
    """Pitches split into asked for (a reply to someone's request in its field) and unsolicited."""
    pitches = [r for r in judged if r[4] == "pitch"]
    asked = [r for r in pitches if r[7]]
    unsolicited = [r for r in pitches if not r[7]]
    newest = sorted(asked, key=lambda r: r[3], reverse=True)[:n]
    return {"total": len(pitches), "asked_for": len(asked), "unsolicited": len(unsolicited),
            "unsolicited_share_of_posts": round(len(unsolicited) / len(judged), 4) if judged else 0.0,
            "asked_for_examples": [_post(r) for r in newest]}


def _reciprocity(incoming: Sequence[Sequence[Any]], contacts: Sequence[Sequence[Any]],
                 promotes: Sequence[Sequence[Any]], promoted_by: Sequence[Sequence[Any]], weeks: Sequence[Any],
                 since: datetime, until: datetime) -> dict[str, Any]:
    answered = [r for r in incoming if r[6] is not None]
    questions = [r for r in incoming if r[5]]
    hours = [(r[6] - r[4]) / timedelta(hours=1) for r in answered]
    new_by_week: Counter[Any] = Counter(sweet_spot.week_of(r[3]) for r in contacts
                                        if r[3] is not None and since <= r[3] < until)

    def people(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
        return [{"account": f"@{r[4]}" if r[4] else r[3], "endorsements": r[5], "reposts": r[6], "quotes": r[7],
                 "total": r[8]} for r in rows]

    gave, got = people(promotes), people(promoted_by)
    return {
        "addressed": len(incoming), "answered": len(answered),
        "answered_share": round(len(answered) / len(incoming), 4) if incoming else None,
        "questions": len(questions), "questions_answered": sum(1 for r in questions if r[6] is not None),
        "questions_answered_share": (round(sum(1 for r in questions if r[6] is not None) / len(questions), 4)
                                     if questions else None),
        "median_hours_to_answer": round(statistics.median(hours), 2) if hours else None,
        "promotes": gave, "promoted_by": got,
        "mutual": sorted({p["account"] for p in gave} & {p["account"] for p in got}),
        "new_people": sum(new_by_week.values()),
        "new_people_by_week": [{"week": w.isoformat(), "people": new_by_week.get(w, 0)} for w in weeks],
    }


def _halves(by_week: Sequence[dict[str, Any]], sweet: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Habits and referral mentions in the first and second half of the period, side by side."""
    if len(by_week) < 2:
        return {}
    middle = len(by_week) // 2
    out = {}
    for name, part in (("first", slice(0, middle)), ("second", slice(middle, None))):
        weeks, got = by_week[part], sweet[part]
        posts = sum(w["posts"] for w in weeks)
        out[name] = {
            "from": weeks[0]["week"], "weeks": len(weeks), "posts": posts,
            "pitch_share": round(sum(w["pitch"] for w in weeks) / posts, 4) if posts else None,
            "promoting_share": round(sum(w["promoting_others"] for w in weeks) / posts, 4) if posts else None,
            "referral_mentions_per_week": round(sum(g["referral_mentions"] for g in got) / len(got), 3),
        }
    return out


def citizenship_scores(store: Store, names: Sequence[str] | None = None, *, since: datetime | None = None,
                       now: datetime | None = None) -> dict[str, Citizenship]:
    """The citizenship of stored profiles (``names``, or all), over one period, read in one pass.

    The same figures as each profile's :func:`audit` gives (the audit's peers are scored this way).
    """
    profiles = [p for p in stored.profiles(store) if (names is None or p["name"] in names) and p["accounts"]]
    rows = [(p["name"], a[0], a[1], tuple(p["categories"])) for p in profiles for a in p["accounts"]]
    if not rows:
        return {}
    everyone = Subject("", tuple((r[1], r[2], None) for r in rows))
    since, until = period(store, everyone, since, now)
    with sql.subjects(store, rows, since) as q:
        inputs = tally(q.posts(since, until), q.incoming(since, until), q.first_contacts(until), since, until)
    empty = Inputs(weeks=_weeks(since, until))
    return {p["name"]: score(inputs.get(p["name"], empty)) for p in profiles}


def peer_profiles(store: Store, subject: Subject) -> list[dict[str, Any]]:
    """The stored profiles sharing a category with ``subject`` (not itself, nor holding its accounts)."""
    if not subject.categories:
        return []
    own = set(subject.keys)
    return [p for p in stored.profiles_in_categories(store, subject.categories)
            if p["name"] != subject.profile and p["name"] != subject.label and p["accounts"]
            and not own & {(a[0], a[1]) for a in p["accounts"]}]


def standing(subject: Subject, mine: Citizenship, peers: dict[str, Inputs]) -> dict[str, Any] | None:
    """How the subject's citizenship compares with its peers' (``peers``: their inputs by name).

    ``None`` when the subject has no category; ``rank`` 1 is the best; peers with no score
    (nothing to measure in the period) are left out.
    """
    if not subject.categories:
        return None
    scores = {name: value for name, counted in peers.items() if (value := score(counted).score) is not None}
    result: dict[str, Any] = {"categories": list(subject.categories), "peers": len(scores)}
    if mine.score is None or not scores:
        return {**result, "rank": None, "of": len(scores), "median": None, "ahead_of_share": None, "table": []}
    everyone = sorted([*scores.items(), (subject.label, mine.score)], key=lambda kv: (-kv[1], kv[0]))
    rank = next(n for n, (name, _) in enumerate(everyone, 1) if name == subject.label)
    table = [{"rank": n, "name": name, "citizenship": value, "you": name == subject.label}
             for n, (name, value) in enumerate(everyone, 1)]
    return {**result, "rank": rank, "of": len(everyone),
            "median": round(statistics.median(scores.values()), 4),
            "ahead_of_share": round(sum(1 for v in scores.values() if v < mine.score) / len(scores), 4),
            "table": table}
