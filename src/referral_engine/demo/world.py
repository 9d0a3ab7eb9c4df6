"""The demo community's shared state: who exists, what was posted, who did what to whom.

The simulation modules (:mod:`.conversations`, :mod:`.network`) append to one
:class:`World`; the generator then orders everything by time and writes it.
Times are whole seconds after the window's start, so ordering and formatting
are cheap and nothing depends on the wall clock.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from random import Random
from typing import Any

from .people import AREAS, BROADCASTER, GOOD, MIXED, Area, Business, Person

DAY = 86_400
HOUR = 3_600

#: Intent -> post kind, the label a classifier is scored against.
KIND_OF_INTENT = {
    "request": "request", "opinion_request": "request",
    "praise": "endorsement", "warning": "endorsement", "shout_out": "endorsement", "puppet_praise": "endorsement",
    "promo": "promoting_others",
    "offer": "pitch", "pitch": "pitch", "gentle_pitch": "pitch", "spam": "pitch",
    "chatter": "conversation", "thanks_thread": "conversation", "thanks_customer": "conversation",
    "chat": "conversation", "reply": "conversation", "question": "conversation", "business_chat": "conversation",
    "information": "information", "tip": "information",
}

#: How likely a business of each behaviour is to be recommended, warned about, or to answer.
PRAISE_WEIGHT = {GOOD: 6.0, MIXED: 2.0, BROADCASTER: 0.4}
WARNING_WEIGHT = {GOOD: 0.1, MIXED: 2.0, BROADCASTER: 5.0}


@dataclass(eq=False)
class DemoPost:
    """A post before it has its final id (ids follow time order, like real platforms)."""

    ts: int
    author: str
    author_name: str
    text: str
    intent: str
    reply_to: DemoPost | None = None
    mentions: tuple[str, ...] = ()
    label: dict[str, Any] = field(default_factory=dict)
    area: str | None = None  # the author's neighbourhood, for who is likely to see and like it
    id: str = ""


@dataclass
class World:
    """Everyone in the demo city and everything they did, in no particular order yet."""

    rng: Random
    start: datetime
    span: int  # seconds from start to now
    residents: list[Person]
    businesses: list[Business]
    inorganic: list[Person]
    posts: list[DemoPost] = field(default_factory=list)
    likes: list[tuple[int, str, DemoPost]] = field(default_factory=list)
    reposts: list[tuple[int, str, DemoPost]] = field(default_factory=list)
    follows: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Each resident's own provider per category: who they have used and keep recommending.
    providers: dict[tuple[str, str], Business] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_area: dict[str, list[Person]] = {a.name: [] for a in AREAS}
        for person in self.residents:
            self.by_area[person.area.name].append(person)
        self.by_category: dict[str, list[Business]] = {}
        for business in self.businesses:
            self.by_category.setdefault(business.category.key, []).append(business)
        self._activity = list(itertools.accumulate(p.activity for p in self.residents))

    # -- choosing people ------------------------------------------------------------------
    def resident(self, area: Area | None = None, *, exclude: str | None = None) -> Person:
        """A resident, more often an active one; from ``area`` half the time when given."""
        for _ in range(10):
            if area is not None and self.by_area[area.name] and self.rng.random() < 0.5:
                person = self.rng.choice(self.by_area[area.name])
            else:
                person = self.rng.choices(self.residents, cum_weights=self._activity)[0]
            if person.handle != exclude:
                return person
        return next(p for p in self.residents if p.handle != exclude)

    def business(self, category: str, weights: dict[str, float], area: Area | None = None,
                 *, exclude: set[str] | None = None) -> Business | None:
        """A business of ``category`` weighted by behaviour, three times likelier in ``area``."""
        pool = [b for b in self.by_category.get(category, ()) if not exclude or b.handle not in exclude]
        if not pool:
            return None
        w = [weights[b.behaviour] * (3.0 if area is not None and b.area is area else 1.0) for b in pool]
        return self.rng.choices(pool, weights=w)[0]

    def provider(self, person: Person, category: str) -> Business | None:
        """The business ``person`` uses for ``category``: chosen once, by reputation and distance."""
        key = (person.handle, category)
        if key not in self.providers:
            chosen = self.business(category, PRAISE_WEIGHT, person.area)
            if chosen is None:
                return None
            self.providers[key] = chosen
        return self.providers[key]

    # -- recording --------------------------------------------------------------------------
    def time(self, day: int) -> int:
        """A moment on ``day`` in waking hours, Austin time (UTC-5), inside the window."""
        local_hour = self.rng.choice((7, 8, 8, 9, 10, 11, 12, 12, 13, 15, 17, 18, 19, 20, 20, 21, 22))
        return self.clamp(day * DAY + (local_hour + 5) * HOUR + self.rng.randrange(HOUR))

    def clamp(self, ts: int) -> int:
        """``ts`` kept inside the window (the last moments spill over to just before now)."""
        return ts if ts < self.span else self.span - 1 - self.rng.randrange(HOUR)

    def later(self, ts: int, mean_hours: float) -> int | None:
        """A moment some time after ``ts`` (exponential delay), or ``None`` past the window."""
        moment = ts + 60 + int(self.rng.expovariate(1.0 / (mean_hours * HOUR)))
        return moment if moment < self.span else None

    def post(self, ts: int, author: Person | Business, text: str, intent: str, *,
             reply_to: DemoPost | None = None, mentions: tuple[str, ...] = (), **label: Any) -> DemoPost:
        """Record a post with its intended label."""
        label["kind"] = KIND_OF_INTENT[intent]
        label["intent"] = intent
        item = DemoPost(ts, author.handle, author.name, text, intent, reply_to, mentions, label, author.area.name)
        self.posts.append(item)
        return item

    def follow(self, ts: int, source: str, target: str) -> None:
        """``source`` follows ``target`` at ``ts`` (the first time only: follows are unique)."""
        if source != target and 0 <= ts < self.span:
            self.follows.setdefault((source, target), ts)


def ref(rng: Random, business: Business, by_handle: float = 0.7) -> tuple[str, str, tuple[str, ...]]:
    """How a post names a business: ``(text, "handle"|"name", mentions)``."""
    if rng.random() < by_handle:
        return f"@{business.handle}", "handle", (business.handle,)
    return business.name, "name", ()


def endorsement(business: Business, what: str, polarity: str, by: str) -> dict[str, Any]:
    """The ground-truth record of one endorsement."""
    return {"target": business.handle, "category": business.category.key, "for": what, "polarity": polarity,
            "by": by}
