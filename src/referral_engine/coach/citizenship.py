"""The citizenship score: how much an account behaves like a good citizen of its network.

The score is a weighted mean of four components, each in [0, 1] and each shown with the counts
behind it (``docs/coach.md`` has the formula):

============== ====== ==========================================================================
component      weight value
============== ====== ==========================================================================
restraint      0.35   1 − unsolicited pitches ÷ own posts (a pitch that answers a request in its
                      field was asked for, and costs nothing)
promotes       0.25   min(1, posts promoting others ÷ own posts ÷ 0.20): one post in five
                      promoting someone else earns the whole component
answers        0.25   posts addressed to it (replies to its posts, mentions) that it replied to
                      ÷ posts addressed to it
reaches_out    0.15   min(1, new people it acted towards per week ÷ 2)
============== ====== ==========================================================================

A component with nothing to measure (no own posts, nothing addressed to it) is left out and the
weights of the others scale up to sum to one; with nothing at all to measure the score is
``None``. The inputs are tallied from the store's rows by :func:`tally`, the same way for the
audited account and for each of its peers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

WEIGHTS = {"restraint": 0.35, "promotes": 0.25, "answers": 0.25, "reaches_out": 0.15}
#: The share of posts promoting others that earns the whole ``promotes`` component.
PROMOTION_TARGET = 0.20
#: New people a week that earn the whole ``reaches_out`` component.
NEW_PEOPLE_TARGET = 2.0


@dataclass(frozen=True)
class Inputs:
    """The counts the score is made of, for one subject over one period."""

    posts: int = 0  # own posts with a judged kind
    unsolicited: int = 0  # of which pitches not asked for
    promoting: int = 0  # of which promoting others
    addressed: int = 0  # posts by others addressed to it
    answered: int = 0  # of which it replied to
    new_people: int = 0  # accounts it first acted towards in the period
    weeks: float = 1.0  # length of the period in weeks


@dataclass(frozen=True)
class Component:
    """One part of the score: its value in [0, 1] (``None``: nothing to measure), weight and counts."""

    name: str
    value: float | None
    weight: float
    measured: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {"name": self.name, "value": None if self.value is None else round(self.value, 3),
                "weight": self.weight, "measured": self.measured}


@dataclass(frozen=True)
class Citizenship:
    """The score (``None`` when nothing could be measured) and its components."""

    score: float | None
    components: tuple[Component, ...]
    inputs: Inputs


def score(inputs: Inputs) -> Citizenship:
    """The citizenship score of ``inputs``, with every component shown."""
    i = inputs
    weekly = i.new_people / max(i.weeks, 1e-9)
    parts = (
        Component("restraint", 1 - i.unsolicited / i.posts if i.posts else None, WEIGHTS["restraint"],
                  f"{i.unsolicited} unsolicited pitches in {i.posts} posts"),
        Component("promotes", min(1.0, i.promoting / i.posts / PROMOTION_TARGET) if i.posts else None,
                  WEIGHTS["promotes"], f"{i.promoting} of {i.posts} posts promote others"),
        Component("answers", i.answered / i.addressed if i.addressed else None, WEIGHTS["answers"],
                  f"answered {i.answered} of {i.addressed} posts addressed to it"),
        Component("reaches_out", min(1.0, weekly / NEW_PEOPLE_TARGET), WEIGHTS["reaches_out"],
                  f"{i.new_people} new people in {i.weeks:.1f} weeks ({weekly:.1f} a week)"),
    )
    measured = [c for c in parts if c.value is not None]
    if not i.posts and not i.addressed:
        return Citizenship(None, parts, inputs)
    total = sum(c.weight for c in measured)
    value = sum(c.weight * (c.value or 0.0) for c in measured) / total
    return Citizenship(round(value, 4), parts, inputs)


def tally(posts: Iterable[Sequence[Any]], incoming: Iterable[Sequence[Any]], contacts: Iterable[Sequence[Any]],
          since: datetime, until: datetime) -> dict[str, Inputs]:
    """Per subject, the :class:`Inputs` of the rows read by :class:`referral_engine.store.coach.Subjects`
    (``posts``, ``incoming`` and ``first_contacts``) over ``since <= t < until``."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for subject, _platform, _id, _at, kind, _score, _judged, asked, _text in posts:
        if kind is None:
            continue  # not judged yet
        c = counts[subject]
        c["posts"] += 1
        c["unsolicited"] += kind == "pitch" and not asked
        c["promoting"] += kind == "promoting_others"
    for subject, *_rest, answered_at in incoming:
        c = counts[subject]
        c["addressed"] += 1
        c["answered"] += answered_at is not None
    for subject, _platform, _account, first in contacts:
        if first is not None and since <= first < until:
            counts[subject]["new_people"] += 1
    weeks = max((until - since) / timedelta(weeks=1), 1.0)
    return {subject: Inputs(weeks=weeks, **c) for subject, c in counts.items()}
