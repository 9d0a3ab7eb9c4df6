"""The people of the demo city: neighbourhoods, residents and local businesses.

Everything here is invented: names are combined from common first and last
names, businesses from name patterns, so no real person or business is
described. All randomness comes from the ``random.Random`` passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from .categories import CATEGORIES, NAME_WORDS, TRADES, Category

#: Behaviours a business can have; the trust audit ranks good citizens above broadcasters.
GOOD, BROADCASTER, MIXED = "good_citizen", "broadcaster", "mixed"


@dataclass(frozen=True)
class Area:
    """A neighbourhood of the city and the names people use for it."""

    name: str
    aliases: tuple[str, ...]
    short: str  # for business names ("Mueller Plumbing Co")


CITY = "Austin"
AREAS: tuple[Area, ...] = (
    Area("East Austin", ("East Austin", "East Cesar Chavez"), "East Side"),
    Area("Hyde Park", ("Hyde Park",), "Hyde Park"),
    Area("Mueller", ("Mueller", "the Mueller area"), "Mueller"),
    Area("South Congress", ("South Congress", "SoCo"), "SoCo"),
    Area("Zilker", ("Zilker", "the Zilker area"), "Zilker"),
    Area("Travis Heights", ("Travis Heights",), "Travis Heights"),
    Area("North Loop", ("North Loop",), "North Loop"),
    Area("Crestview", ("Crestview",), "Crestview"),
    Area("Cherrywood", ("Cherrywood",), "Cherrywood"),
    Area("Bouldin Creek", ("Bouldin Creek", "Bouldin"), "Bouldin"),
    Area("Windsor Park", ("Windsor Park",), "Windsor Park"),
    Area("Allandale", ("Allandale",), "Allandale"),
)

FIRST_NAMES = (
    "Maria", "James", "Sofia", "Daniel", "Priya", "Marcus", "Elena", "David", "Aisha", "Kevin", "Lucia", "Ryan",
    "Mei", "Carlos", "Hannah", "Andre", "Grace", "Luis", "Emily", "Omar", "Rosa", "Tyler", "Nadia", "Jorge",
    "Katie", "Samuel", "Ana", "Brandon", "Leah", "Miguel", "Jasmine", "Ethan", "Gabriela", "Noah", "Tanya",
    "Victor", "Chloe", "Diego", "Rachel", "Hiroshi", "Camila", "Ben", "Yasmin", "Alex", "Olivia", "Raj",
    "Monica", "Chris", "Isabel", "Jamal", "Megan", "Tomas", "Fatima", "Eric", "Valeria", "Nate", "Keisha",
    "Paul", "Ines", "Caleb", "Linh", "Derek", "Teresa", "Sam", "Ruth", "Kenji", "Bianca", "Owen", "Dana", "Ivan",
)
LAST_NAMES = (
    "Garcia", "Nguyen", "Johnson", "Martinez", "Patel", "Smith", "Hernandez", "Kim", "Williams", "Lopez",
    "Brown", "Gonzalez", "Chen", "Davis", "Rodriguez", "Okafor", "Miller", "Perez", "Wilson", "Sanchez",
    "Anderson", "Ramirez", "Thomas", "Torres", "Jackson", "Flores", "White", "Rivera", "Harris", "Gomez",
    "Clark", "Diaz", "Lewis", "Reyes", "Walker", "Cruz", "Hall", "Morales", "Young", "Ortiz", "King",
    "Gutierrez", "Wright", "Chavez", "Scott", "Ramos", "Green", "Vargas", "Baker", "Castillo", "Adams",
    "Mendoza", "Nelson", "Ruiz", "Hill", "Alvarez", "Campbell", "Jimenez", "Mitchell", "Moreno", "Tran",
    "Singh", "Cohen", "Murphy", "Shah", "Park", "Novak", "Fischer", "Dubois", "Rossi",
)

_ROLES = (
    "Teacher", "Nurse", "Software dev", "Mom of two", "Dad of three", "Grad student at UT", "Retired engineer",
    "Small business owner", "Musician", "Designer", "Realtor", "Home cook", "Cyclist", "Dog mom", "Runner",
    "Barista", "Lawyer by day", "Librarian", "Photographer", "New to Austin", "Native Austinite", "Writer",
)
_INTERESTS = (
    "tacos", "trails", "live music", "gardening", "breakfast tacos", "Longhorns football", "board games",
    "rescue dogs", "vintage shopping", "coffee", "swimming at Barton Springs", "BBQ", "books", "birding",
    "home repair fails", "kayaking Lady Bird Lake", "farmers markets", "thrifting", "craft beer",
)


@dataclass(eq=False)
class Person:
    """A resident account (or an inorganic one: spammer, brand-new sock puppet)."""

    handle: str
    name: str
    area: Area
    bio: str
    created_at: datetime
    activity: float  # relative chance of posting on a given day
    role: str = "resident"  # resident | spammer | new_account
    followers: int = 0
    following: int = 0
    posts_before: int = 0  # posts made before the demo window (for posts_count)


@dataclass(eq=False)
class Business:
    """A local business account with its category, neighbourhood and behaviour."""

    handle: str
    name: str
    category: Category
    area: Area
    behaviour: str
    bio: str
    created_at: datetime
    followers: int
    following: int
    posts_before: int
    #: Weekly follower growth outside the community the demo shows (good citizens grow faster).
    growth: float
    phone: str
    churner: bool = False
    #: Posts nothing but pitches (not even a thank-you): the purest broadcaster.
    pitch_only: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def handle_of(text: str, taken: set[str], *, limit: int = 24) -> str:
    """A lowercase ``[a-z0-9_]`` handle from ``text``, unique within ``taken``."""
    base = re.sub(r"[^a-z0-9_]", "", text.lower().replace("&", "and").replace(" ", ""))[:limit] or "user"
    handle, n = base, 2
    while handle in taken:
        handle = f"{base[: limit - 2]}{n}"
        n += 1
    taken.add(handle)
    return handle


def _resident_handle(rng: Random, first: str, last: str, area: Area, taken: set[str]) -> str:
    f, la = first.lower(), last.lower()
    pattern = rng.randrange(7)
    raw = (
        f"{f}{la}", f"{f}_{la[0]}", f"{f}atx", f"{f[0]}{la}", f"{f}_{area.short.lower()}",
        f"{la}{rng.randrange(70, 99)}", f"{f}{la[:3]}_tx",
    )[pattern]
    return handle_of(raw, taken)


def make_residents(rng: Random, count: int, now: datetime, taken: set[str]) -> list[Person]:
    """``count`` residents spread over the neighbourhoods, with a long tail of activity."""
    people = []
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        area = rng.choice(AREAS)
        handle = _resident_handle(rng, first, last, area, taken)
        interests = rng.sample(_INTERESTS, 2)
        bio = rng.choice((
            f"{rng.choice(_ROLES)} in {area.name}. {interests[0].capitalize()} and {interests[1]}.",
            f"{rng.choice(_ROLES)}. {area.name}, {CITY}. Into {interests[0]}.",
            f"{area.name} neighbor. {rng.choice(_ROLES)}. Opinions on {interests[0]}.",
            f"{interests[0].capitalize()}, {interests[1]}, and {area.name}.",
        ))
        created = now - timedelta(days=rng.randrange(400, 5000))
        # A Pareto tail: most people post now and then, a few post every day.
        activity = min(rng.paretovariate(1.6), 12.0)
        people.append(Person(handle, f"{first} {last}", area, bio, created, activity,
                             followers=rng.randrange(20, 900), following=rng.randrange(40, 700),
                             posts_before=rng.randrange(10, 3000)))
    return people


def _behaviours(n: int, rng: Random) -> list[str]:
    """Behaviours for ``n`` businesses of one category: at least one good citizen and one
    broadcaster (two of each and a mixed one from five businesses up), so the trust audit has
    pairs to rank."""
    kinds = [GOOD, BROADCASTER, GOOD, BROADCASTER, MIXED] if n >= 5 else [GOOD, BROADCASTER]
    while len(kinds) < n:
        kinds.append(rng.choice((GOOD, BROADCASTER, MIXED)))
    kinds = kinds[:n]
    rng.shuffle(kinds)
    return kinds


_TAGLINES = {
    GOOD: ("Family owned since {year}.", "Neighbors helping neighbors.", "Ask us anything, happy to help.",
           "Proudly local, proudly {area}.", "Honest work, fair prices."),
    BROADCASTER: ("#1 in Austin! Call now!", "Best prices guaranteed!!", "Deals every week. Follow for offers!",
                  "Top rated. Book today!", "Fast. Cheap. Call {phone}."),
    MIXED: ("Serving {area} since {year}.", "Quality you can trust.", "Local and growing."),
}


def make_businesses(rng: Random, count: int, now: datetime, taken: set[str]) -> list[Business]:
    """``count`` businesses spread evenly over the categories, each with a neighbourhood and behaviour."""
    per_category = [count // len(CATEGORIES) + (1 if i < count % len(CATEGORIES) else 0)
                    for i in range(len(CATEGORIES))]
    businesses: list[Business] = []
    names_taken: set[str] = set()
    for category, n in zip(CATEGORIES, per_category, strict=True):
        areas = rng.sample(AREAS, min(n, len(AREAS)))
        for i, behaviour in enumerate(_behaviours(n, rng)):
            area = areas[i % len(areas)]
            name = _business_name(rng, category, area, names_taken)
            year = rng.randrange(1978, 2022)
            phone = f"512-555-{rng.randrange(100, 200):04d}"
            tagline = rng.choice(_TAGLINES[behaviour]).format(year=year, area=area.name, phone=phone)
            bio = f"{TRADES[category.key]} in {area.name}, ATX. {tagline}"
            # Broadcasters often start with more followers (bought or from ads): raw
            # follower counts must not be what ranks them.
            followers = rng.randrange(900, 4000) if behaviour == BROADCASTER else rng.randrange(150, 1500)
            growth = {GOOD: 0.012, MIXED: 0.005, BROADCASTER: 0.0015}[behaviour] * rng.uniform(0.7, 1.3)
            businesses.append(Business(
                handle=handle_of(name, taken), name=name, category=category, area=area, behaviour=behaviour,
                bio=bio, created_at=now - timedelta(days=rng.randrange(200, 4500)), followers=followers,
                following=rng.randrange(30, 400), posts_before=rng.randrange(50, 2500), growth=growth, phone=phone,
            ))
    return businesses


def _business_name(rng: Random, category: Category, area: Area, taken: set[str]) -> str:
    for _ in range(50):
        last, last2 = rng.sample(LAST_NAMES, 2)
        name = rng.choice(category.names).format(
            last=last, last2=last2, first=rng.choice(FIRST_NAMES), area=area.short, word=rng.choice(NAME_WORDS),
        )
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("ran out of business names")  # pragma: no cover - 50 tries never all collide


def make_inorganic(rng: Random, now: datetime, taken: set[str], *, new_accounts: int = 4) -> list[Person]:
    """The accounts a trust score must discount: a bulk-mention spammer and brand-new sock puppets."""
    spammer = Person(
        handle_of("atx_deals_blast", taken), "ATX Deals Blast", rng.choice(AREAS),
        "Best deals in Austin!!! Follow for daily offers. DM for promo.", now - timedelta(days=rng.randrange(60, 120)),
        activity=0.0, role="spammer", followers=rng.randrange(40, 120), following=rng.randrange(1500, 3000),
        posts_before=rng.randrange(500, 900),
    )
    puppets = []
    for _ in range(new_accounts):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        handle = handle_of(f"{first.lower()}{last.lower()}{rng.randrange(1000, 9999)}", taken)
        puppets.append(Person(
            handle, f"{first} {last[0]}.", rng.choice(AREAS), "", now - timedelta(days=rng.randrange(5, 14),
                                                                                hours=rng.randrange(24)),
            activity=0.0, role="new_account", followers=rng.randrange(0, 4), following=rng.randrange(5, 30),
        ))
    return [spammer, *puppets]
