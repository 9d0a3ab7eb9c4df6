"""A small community for the coach's tests, where every audit figure is known by construction.

The records are plain JSONL, ingested without judging; the judgements (post kinds, requests,
endorsements) are then written as the classifier would write them, so the audit is tested on
its own arithmetic, not on the classifier's reading of the texts.

Joe (``joe``, a plumber) is audited over three weeks, ``SINCE`` (Monday 5 October 2026) to
``UNTIL`` (Monday 26 October). What it holds, and the figures it must give, are listed in
:data:`EXPECTED`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from referral_engine import Interaction, Post, Store
from referral_engine.coach.plan import PER_DAY, PER_WEEK, Plan
from referral_engine.understand import CLASSIFIER_VERSION

SINCE = datetime(2026, 10, 5, tzinfo=UTC)
UNTIL = datetime(2026, 10, 26, tzinfo=UTC)
P = "plain"


def _post(pid: str, author: str, when: str, text: str, reply_to: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"id": pid, "author": author, "created_at": f"2026-{when}Z", "text": text}
    if reply_to:
        row["reply_to"] = reply_to
    return row


def _account(handle: str, bio: str, location: str, followers: int | None = None, when: str = "09-01T00:00:00"
             ) -> dict[str, Any]:
    row: dict[str, Any] = {"type": "account", "id": handle, "handle": handle, "name": handle.title(),
                           "description": bio, "location": location, "observed_at": f"2026-{when}Z"}
    if followers is not None:
        row["followers"] = followers
    return row


ROWS: list[dict[str, Any]] = [
    _account("joe", "Plumbing in Hyde Park, Austin. Licensed plumber.", "Hyde Park, Austin, TX", 100, "10-01T00:00:00"),
    _account("joe", "Plumbing in Hyde Park, Austin. Licensed plumber.", "Hyde Park, Austin, TX", 110, "10-08T00:00:00"),
    _account("joe", "Plumbing in Hyde Park, Austin. Licensed plumber.", "Hyde Park, Austin, TX", 130, "10-22T00:00:00"),
    _account("rosa", "Electrician in Mueller, Austin.", "Mueller, Austin, TX"),
    _account("drsmile", "Family dentist in Austin.", "Austin, TX"),
    *(_account(h, "Neighbour.", "Austin, TX") for h in ("ana", "ben", "cat", "dan", "eve", "fay", "spam")),
    # before the period: Joe talks with Cat (so Cat is not new to him later)
    _post("c0", "cat", "09-18T10:00:00", "Anyone else lose water pressure today?"),
    _post("j0", "joe", "09-20T10:00:00", "Probably the city main, should be back tonight.", "c0"),
    # week of 5 October
    _post("r1", "ana", "10-05T08:00:00", "Does anyone know a good plumber in Hyde Park?"),
    _post("j1", "joe", "10-05T10:00:00", "20% off drain cleaning this week! Call now."),
    _post("ro1", "rosa", "10-06T09:00:00", "Storm tip: unplug the TV before the lightning starts."),
    _post("j2", "joe", "10-06T12:00:00", "Tip: flush your water heater once a year."),
    _post("j3", "joe", "10-07T09:00:00", "We can come tomorrow, free estimate.", "r1"),
    _post("a2", "ana", "10-08T09:00:00", "How much would that be?", "j3"),
    _post("b2", "ben", "10-08T11:00:00", "Call @joe, great plumber.", "r1"),
    _post("c2", "cat", "10-09T11:00:00", "maybe @joe", "r1"),
    _post("s1", "spam", "10-10T11:00:00", "Deals!!! @joe @rosa @ana @ben @cat @dan"),
    # week of 12 October
    _post("j4", "joe", "10-13T09:00:00", "Shout-out to @rosa for the rewiring next door."),
    _post("j5", "joe", "10-14T09:00:00", "If your breaker trips, @rosa is who we call."),
    _post("e1", "eve", "10-15T09:00:00", "Great work @joe, thank you."),
    _post("c1", "cat", "10-16T09:00:00", "Agreed!", "j4"),
    _post("r2", "dan", "10-16T10:00:00", "Can anyone recommend a dentist near Mueller?"),
    # week of 19 October
    _post("b1", "ben", "10-19T10:00:00", "@joe thanks again for the help, all good now?"),
    _post("j6", "joe", "10-19T12:00:00", "All good, glad it worked out.", "b1"),
    _post("ro2", "rosa", "10-20T09:00:00", "@joe is the best plumber around."),
    _post("j7", "joe", "10-21T09:00:00", "Our plumbers are the best, book now.", "r2"),
    _post("d2", "dan", "10-22T09:00:00", "Avoid @joe, never showed up."),
    # for the plan: two open requests in Joe's field (one his trade), and a dentist Ben vouches for
    _post("bd", "ben", "10-18T09:00:00", "Go see @drsmile, best dentist in town."),
    _post("ed", "eve", "10-18T10:00:00", "Seconding @drsmile, painless filling."),
    _post("r3", "eve", "10-23T09:00:00", "Need a plumber in Hyde Park this week, any recs?"),
    _post("r4", "cat", "10-24T09:00:00", "Can anyone recommend an electrician?"),
    # ... someone Joe's circle talks with and he never has, and a tip from his circle worth passing on
    _post("fy1", "fay", "10-17T09:00:00", "The community garden opens Saturday."),
    _post("bn2", "ben", "10-21T09:00:00", "Outage map for the storm: city.example/outages"),
    # quiet signals
    {"type": "repost", "author": "joe", "post": "ro1", "target": "rosa", "created_at": "2026-10-06T10:00:00Z"},
    {"type": "repost", "author": "ana", "post": "j2", "target": "joe", "created_at": "2026-10-07T10:00:00Z"},
    {"type": "like", "author": "joe", "post": "e1", "target": "eve", "created_at": "2026-10-15T12:00:00Z"},
    {"type": "like", "author": "joe", "post": "c1", "target": "cat", "created_at": "2026-10-16T12:00:00Z"},
    {"type": "follow", "author": "joe", "target": "dan", "created_at": "2026-10-16T12:00:00Z"},
    {"type": "like", "author": "ben", "post": "fy1", "target": "fay", "created_at": "2026-10-17T12:00:00Z"},
    {"type": "like", "author": "eve", "post": "fy1", "target": "fay", "created_at": "2026-10-17T13:00:00Z"},
    {"type": "like", "author": "ana", "post": "bn2", "target": "ben", "created_at": "2026-10-21T12:00:00Z"},
    {"type": "repost", "author": "cat", "post": "bn2", "target": "ben", "created_at": "2026-10-21T13:00:00Z"},
]

#: Post kinds as the classifier would judge them (Joe's posts, and Rosa's for her own score).
KINDS = {"j0": "conversation", "j1": "pitch", "j2": "information", "j3": "pitch", "j4": "promoting_others",
         "j5": "information", "j6": "conversation", "j7": "pitch", "ro1": "information", "ro2": "promoting_others",
         "r1": "conversation", "r2": "conversation", "r3": "conversation", "r4": "conversation",
         "b2": "promoting_others", "e1": "promoting_others", "bd": "promoting_others", "ed": "promoting_others",
         "fy1": "information", "bn2": "information"}
#: Referral requests: post -> (sought, category).
REQUESTS = {"r1": ("plumber", "trades"), "r2": ("dentist", "health"), "r3": ("plumber", "trades"),
            "r4": ("electrician", "trades")}
#: Endorsements: post -> [(target, polarity)].
ENDORSEMENTS = {"b2": [("@joe", "positive")], "e1": [("@joe", "positive")], "ro2": [("@joe", "positive")],
                "d2": [("@joe", "negative")], "j4": [("@rosa", "positive")], "j5": [("@rosa", "positive")],
                "bd": [("@drsmile", "positive")], "ed": [("@drsmile", "positive")]}

EXPECTED: dict[str, Any] = {
    "posts": 7,  # j1..j7 (j0 is before the period)
    "kinds": {"pitch": 3 / 7, "promoting_others": 2 / 7, "conversation": 1 / 7, "information": 1 / 7, "other": 0.0},
    "pitches": {"total": 3, "asked_for": 1, "unsolicited": 2},  # j3 answers a plumbing request; j7 a dental one
    # addressed to Joe: a2 (reply to j3), c1 (reply to j4), b2, c2, e1, b1, ro2, d2 (mentions); s1 is a bulk
    # mention. Joe answered b1 only, two hours later. Questions: a2, b1.
    "addressed": 8, "answered": 1, "questions": 2, "questions_answered": 1, "median_hours": 2.0,
    # new people: rosa (repost, week 1), eve (like, week 2), ben (reply j6, week 3); cat was known before,
    # ana and dan were reached only by pitches, dan's follow does not count
    "new_people_by_week": [1, 1, 1],
    "sweet_spot": [  # weeks of 5, 12 and 19 October
        {"week": "2026-10-05", "followers": 110, "reposts": 1, "quotes": 0, "mentions": 2, "endorsements": 1,
         "referral_mentions": 2},
        {"week": "2026-10-12", "followers": 110, "reposts": 0, "quotes": 1, "mentions": 1, "endorsements": 1,
         "referral_mentions": 1},
        {"week": "2026-10-19", "followers": 130, "reposts": 0, "quotes": 0, "mentions": 3, "endorsements": 1,
         "referral_mentions": 1},
    ],
    # who Joe promotes (endorsements j4, j5 and a repost, all of Rosa) and who promotes Joe
    "promotes": {"@rosa": (2, 1, 0)},
    "promoted_by": {"@ben": (1, 0, 0), "@eve": (1, 0, 0), "@rosa": (1, 0, 0), "@ana": (0, 1, 0), "@cat": (0, 0, 1)},
    # 0.35 × (1 − 2/7) + 0.25 × min(1, 2/7 ÷ 0.2) + 0.25 × 1/8 + 0.15 × min(1, 3/3 ÷ 2)
    "citizenship": 0.35 * (1 - 2 / 7) + 0.25 * 1.0 + 0.25 * (1 / 8) + 0.15 * 0.5,
    # Rosa: 2 posts, no pitch, 1 promoting (ro2), answered 0 of 2 (j4, j5; s1 is bulk), 1 new person (joe)
    "rosa": 0.35 * 1.0 + 0.25 * 1.0 + 0.25 * 0.0 + 0.15 * (1 / 3 / 2),
}


def build(store: Store, tmp_path: Path, rows: list[dict[str, Any]] | None = None) -> None:
    """Ingest the community into ``store`` and write its judgements."""
    path = tmp_path / "coach-community.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (rows or ROWS)) + "\n")
    store.ingest(path, format="plain-jsonl", understand=False)
    # The plain format has no quotes: Cat quotes Joe's tip, written as an X source would.
    quoted = datetime(2026, 10, 13, 15, tzinfo=UTC)
    with store.writer() as writer:
        writer.add(Post(P, "q1", "cat", "This is so useful", created_at=quoted, quote_of_id="j2"))
        writer.add(Interaction(P, "quote:q1::", "quote", "cat", target_id="joe", post_id="q1", target_post_id="j2",
                               created_at=quoted))
    created = dict(store.query("SELECT id, created_at FROM posts"))
    authors = dict(store.query("SELECT id, author_id FROM posts"))
    parents = dict(store.query("SELECT id, reply_to_id FROM posts"))
    judged = [(P, pid, kind, 0.9, pid in REQUESTS, len(ENDORSEMENTS.get(pid, ()))) for pid, kind in KINDS.items()]
    judged += [(P, pid, "other", 0.5, True, 0) for pid in REQUESTS if pid not in KINDS]
    requests = [(P, pid, authors[pid], created[pid], sought, category, None, "service", 0.9)
                for pid, (sought, category) in REQUESTS.items()]
    endorsements = [(P, pid, n, authors[pid], created[pid], target, None, None, polarity, 0.9, parents[pid])
                    for pid, found in ENDORSEMENTS.items() for n, (target, polarity) in enumerate(found)]
    store.write_judgements(judged, requests, endorsements, version=CLASSIFIER_VERSION)
    store.resolve_endorsement_targets()


def check_plan_rules(week: Plan, store: Store, start: date) -> None:
    """What every plan must respect, whatever the account and the trust: seven days from ``start``,
    the caps, one action per account, no mass mention, no follow, and a pitch only in an answer to
    someone else's request in the account's own categories."""
    actions = week.actions
    own = {account for _, account in week.subject.keys}
    assert week.start == start
    assert all(start <= a.day < start + timedelta(days=7) for a in actions)
    assert max(Counter(a.day for a in actions).values(), default=0) <= PER_DAY
    for kind, n in Counter(a.kind for a in actions).items():
        assert kind in PER_WEEK and n <= PER_WEEK[kind]
    assert len({a.target for a in actions}) == len(actions)
    assert [a.day for a in actions] == sorted(a.day for a in actions)
    for a in actions:
        assert len(re.findall(r"@\w+", a.action)) <= 1, a.action
        assert "follow" not in a.action.lower()
        assert a.reason and a.target.lstrip("@") not in own
        if a.pitch:
            assert a.kind == "answer"
            [(author, category)] = store.query("SELECT author_id, category FROM requests WHERE post_id = ?", [a.post])
            assert author not in own and category in week.subject.categories
