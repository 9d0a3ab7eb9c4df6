"""How much each endorsement, and each provider, counts in a referral answer (``docs/referrals.md``).

A :class:`Row` is one endorsement (or warning, or mention) as an answer reads it, with how well
its topic matches the query and its weight. The functions here are the scoring rules that
:func:`referral_engine.refer.who` applies: decay with age, the endorser's trust, one endorser
once per provider and one thread as one piece of evidence (:func:`evidence`), loose matches needing
several threads (:func:`breadth`), the provider's name among the words asked (:func:`names_asked`)
and its place (:func:`place_of`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from ..understand.names import COMMON, CONNECTORS
from ..understand.text import clean, singular, wordset
from .providers import AFFIXES, Group, normalise
from .query import Query, content_words

#: An endorsement loses half its weight every this many days.
HALF_LIFE_DAYS = 365.0
#: Extra weight for each further endorsement by the same endorser (the first counts fully).
REPEAT = 0.25
#: What the second and later endorsers in one thread add, each (the first counts fully).
SAME_THREAD = 0.5
#: A topic match below this is loose (a category, a kind): one thread then counts once.
LOOSE = 0.5
#: How much more a provider counts whose own name has a word of what is asked ("British schools" and
#: "Doha British School", "Parker pen" and "Parker"): the asker named it, or its speciality.
NAME_BOOST = 1.0
#: How much more a provider known to be in the wanted place counts.
PLACE_BOOST = 0.5
#: What a provider known to be somewhere else counts (a share of its score).
ELSEWHERE = 0.5
#: The most that global trust multiplies an endorsement (or a provider) by. Global trust piles up on a
#: forum's hubs (the most active member holds 50 times an average account's): being heard widely says
#: little about judging plumbers, so a hub's every word may count half again, not twice or more.
TRUST_CAP = 1.5
#: The least it multiplies by (an account that others barely engage with).
TRUST_FLOOR = 0.5
#: How much a provider named in a reply to an earlier question like the query counts, as an
#: endorsement's score (a detected endorsement scores 0.1 to 1): a weak candidate (:func:`mention_rows`).
MENTION_SCORE = 0.5
#: The polarity of such a row: neither an endorsement nor a warning.
MENTION = "mention"



class Row(NamedTuple):
    """One endorsement, warning or mention as an answer reads it, with the request it replied to.

    A tuple of plain values: answers keep many of them per topic (:class:`referral_engine.refer.who`),
    and the garbage collector stops scanning tuples that hold no containers. Change one with
    ``_replace``.
    """

    platform: str
    post_id: str
    author: str | None
    created: datetime | None
    target: str
    account: str | None
    for_what: str | None
    category: str | None
    polarity: str
    score: float
    in_reply_to: str | None
    request_sought: str | None
    request_category: str | None
    request_kind: str | None
    request_location: str | None
    request_author: str | None
    topic: float = 0.0
    topic_why: str = ""
    weight: float = 0.0
    loose: bool = False  # matched only by category or kind, not by what it was for


def decay(created: datetime | None, now: datetime) -> float:
    if created is None:
        return 0.5
    age = max(0.0, (now - created).total_seconds() / 86400)
    return float(0.5 ** (age / HALF_LIFE_DAYS))


def trust_factor(value: float | None) -> float:
    """Global trust (1.0 = average) as a factor: its square root in [:data:`TRUST_FLOOR`, :data:`TRUST_CAP`]."""
    if value is None:
        return 1.0
    return min(TRUST_CAP, max(TRUST_FLOOR, math.sqrt(max(value, 0.0))))


def circle_factor(value: float | None) -> float:
    """Relative personal trust as a factor in [1, 3]: accounts close to the asker count up to three times."""
    if not value:
        return 1.0
    return 1.0 + min(2.0, math.log1p(value))


def asked_words(query: Query) -> frozenset[str]:
    """The words that say what is asked: the sought phrase's and the subject line's (a request's first line)."""
    return query.words | content_words(clean(query.text).split("\n", 1)[0])


def name_words(names: Iterable[str]) -> tuple[str, ...]:
    """The words of a provider's names that can say what is asked: singular, three letters or more,
    not a number, not a business, category, common or connecting word ("british" of "Doha British
    School"; :func:`names_asked`)."""
    found = set()
    for name in names:
        for word in normalise(name).split():
            if len(word) >= 3 and not word.isdigit() and word not in _NOT_NAME:
                base = singular(word)
                if base not in _NOT_NAME:
                    found.add(base)
    return tuple(sorted(found))


def names_asked(asked: frozenset[str], words: Sequence[str]) -> bool:
    """Does a word of the provider's own name (``words``: :func:`name_words`) say what is asked
    (``asked``: :func:`asked_words`; "british" in "Doha British School" for "British schools")?"""
    return any(w in asked for w in words)


_NOT_NAME = AFFIXES | COMMON | CONNECTORS


def breadth(members: Sequence[Row]) -> list[Row]:
    """When a product is sought, credit loose matches (only the category, or "where can I buy")
    only to providers named under several such requests.

    A category shared says the provider fits the category, not the query: a general shop named
    under many requests of the category likely sells this too, but a specialist named under one
    other request ("Yamaha" for a guitar) says nothing about souvenirs or a pen.
    One such request counts nothing, two half, three or more fully. Returns the members reweighed.
    """
    loose = [r for r in members if r.loose]
    if not loose:
        return list(members)
    threads = len({r.in_reply_to or r.post_id for r in loose})
    share = min(1.0, (threads - 1) / 2)
    return [r._replace(weight=r.weight * share) if r.loose else r for r in members]


def evidence(members: Sequence[Row]) -> float:
    """The endorsements' weights summed: one endorser counts once per provider (its strongest, plus
    :data:`REPEAT` of each further one), and within one thread the second and later endorsers count
    :data:`SAME_THREAD` (a thread agreeing is one piece of evidence more than several), or nothing
    when the thread's topic matches the query's less than :data:`LOOSE`."""
    # a provider named in a thread where it was also endorsed counts once there (:func:`mention_rows`)
    endorsed = {r.in_reply_to or r.post_id for r in members if r.polarity != MENTION}
    members = [r for r in members if r.polarity != MENTION or r.in_reply_to not in endorsed]
    by_author: dict[str, Row] = {}
    extra = 0.0
    for row in sorted(members, key=lambda r: -abs(r.weight)):
        key = row.author or row.post_id
        if key in by_author:
            extra += REPEAT * row.weight
        else:
            by_author[key] = row
    by_thread: dict[str, list[Row]] = {}
    for row in by_author.values():
        by_thread.setdefault(row.in_reply_to or row.post_id, []).append(row)
    per_thread = []
    for thread in by_thread.values():
        thread.sort(key=lambda r: -abs(r.weight))
        # a thread that matches only loosely (its category, the kind of thing) counts once: its
        # agreement is about its own question; how many different asks name a provider is what counts
        per_thread.append(thread[0].weight + SAME_THREAD * sum(r.weight for r in thread[1:] if r.topic >= LOOSE))
    # the i-th best thread counts 1/i: a provider named under many loosely related questions (the
    # big shop under every "where can I buy") gains only logarithmically from their number, so one
    # question just like the query can outweigh them (a popularity penalty, like IDF over providers)
    per_thread.sort(reverse=True)
    return extra + sum(w / (1 + i) if w > 0 else w for i, w in enumerate(per_thread))


#: Where a provider is, as :func:`place_of` reads it: its account's own location as written (or None),
#: that location's words, its bio's words, and the words of each place it was recommended for.
PlaceFacts = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]]


def place_facts(group: Group, locations: Sequence[str], known: Mapping[str, tuple[Any, ...]]) -> PlaceFacts:
    """What says where a provider is: an account's own location (or bio); for a named business, the
    places of the requests it was recommended under (``locations``: :func:`request_places`)."""
    profile = known.get(group.account, ()) if group.account is not None else ()
    own = next((str(p) for p in profile[3:4] if p), None)
    if own is not None:
        return own, tuple(normalise(own).split()), tuple(normalise(str(profile[2] or "")).split()), ()
    return None, (), (), tuple(tuple(normalise(place.lstrip("#")).split()) for place in locations)


def wanted_place(query: Query) -> frozenset[str]:
    """The words of the place the query wants (none: no place)."""
    if not query.location:
        return frozenset()
    return frozenset(normalise(query.location.lstrip("#")).split()) - _NOT_PLACE


def place_of(query: Query, wanted: frozenset[str], facts: PlaceFacts) -> tuple[bool | None, str | None]:
    """Is the provider where the query wants it (``True``), known to be elsewhere (``False``), or
    unknown (``None``); and the place, as the reason will say it.

    ``wanted``: :func:`wanted_place` of the query; ``facts``: :func:`place_facts` of the provider. An
    account's own location (or bio) says where it is; a named business is placed by the requests
    it was recommended under ("a plumber in Austin").
    """
    if not wanted or not query.location:
        return None, None
    own, at, bio, places = facts
    if own is not None:
        if wanted.issubset(at) or wanted.issubset(bio):
            return True, f"based in {_title(query.location)}"
        return False, f"based in {own}, not {_title(query.location)}"
    for place in places:
        if wanted.issubset(place):
            return True, f"recommended for {_title(query.location)}"
    return None, None


def request_places(members: Sequence[Row]) -> tuple[str, ...]:
    """The places of the requests that ``members`` answered, warnings left out (for :func:`place_of`)."""
    return tuple(sorted({r.request_location for r in members if r.request_location and r.polarity != "negative"}))


_NOT_PLACE = wordset("the near me here area around in my our town city")


def _title(place: str) -> str:
    return place.title() if place.islower() else place
