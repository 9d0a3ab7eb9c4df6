"""Generate the demo community: a seeded, deterministic Austin in the plain JSONL format.

:func:`generate` writes two files into a folder:

``community.jsonl``
    Accounts (profile snapshots), posts, replies, mentions, likes, reposts and
    follows, in time order, platform ``demo``; what ``refer ingest`` reads.
``truth.json``
    What the generator meant: each business's category, neighbourhood and
    behaviour, the inorganic accounts, and each post's intended label
    (request, endorsement, kind). Classifiers, trust and the audit are scored
    against it; see :data:`TRUTH_SCHEMA`.

The same seed, size and ``now`` give byte-identical files: every random choice
comes from one ``random.Random(seed)``, nothing reads the clock, and output is
ordered by (time, creation order) with ids assigned in that order.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from typing import TYPE_CHECKING, Any

import msgspec

from .categories import CATEGORIES
from .conversations import simulate
from .network import interact, snapshots
from .people import AREAS, BROADCASTER, CITY, Business, Person, make_businesses, make_inorganic, make_residents
from .world import DAY, DemoPost, World

if TYPE_CHECKING:
    from ..ingest import IngestSummary
    from ..store import Store

#: The demo's platform name: its records never mix with a user's real ones.
PLATFORM = "demo"
#: The default "now" of the demo: fixed, so the demo never depends on the day it is run.
DEFAULT_NOW = datetime(2026, 11, 1, tzinfo=UTC)
COMMUNITY_FILE = "community.jsonl"
TRUTH_FILE = "truth.json"
#: Post ids follow time order, like platform ids do.
_FIRST_ID = 1_000_000

TRUTH_SCHEMA = """\
{
  "schema": 1, "seed": int, "platform": "demo", "city": "Austin",
  "start": ISO time, "now": ISO time, "areas": [neighbourhood, ...],
  "categories": {key: {"nouns": [...], "service": str}},
  "businesses": {handle: {"name", "category", "area", "behaviour": "good_citizen"|"broadcaster"|"mixed"}},
  "residents": {handle: {"name", "area"}},
  "inorganic": {"bulk_mention_spammers": [handle], "follow_churners": [handle],
                "new_accounts": [handle], "pitch_only": [handle]},
  "posts": {post_id: {"kind": "request"|"endorsement"|"pitch"|"promoting_others"|"conversation"|"information",
                      "intent": finer label (praise, warning, shout_out, offer, tip, chat, question, spam, ...),
                      "request"?: {"sought", "category", "location": area|"Austin"|null,
                                   "kind": "recommendation"|"opinion", "target"?: handle},
                      "endorsements"?: [{"target": handle, "category", "for", "polarity": "positive"|"negative",
                                         "by": "handle"|"name"}]}},
  "counts": {name: int}
}"""


@dataclass(frozen=True)
class DemoCommunity:
    """Where the generated files are and what they hold."""

    directory: Path
    community: Path
    truth: Path
    seed: int
    now: datetime
    #: posts, replies, requests, endorsements, mentions, likes, reposts, follows, snapshots, accounts,
    #: residents, businesses, lines.
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def expected_interactions(self) -> int:
        """The interactions an ingest of :attr:`community` yields (replies, mentions, likes, reposts, follows)."""
        c = self.counts
        return c["replies"] + c["mentions"] + c["likes"] + c["reposts"] + c["follows"]

    def load_truth(self) -> dict[str, Any]:
        """The ground truth as written to :attr:`truth`."""
        return dict(json.loads(self.truth.read_text(encoding="utf-8")))

    def ingest(self, store: Store) -> IngestSummary:
        """Ingest the community into ``store``, naming the format so detection cannot guess wrong."""
        summary: IngestSummary = store.ingest(self.community, format="plain-jsonl")
        return summary


def generate(
    out_dir: Path | str,
    *,
    seed: int = 7,
    now: datetime = DEFAULT_NOW,
    months: int = 6,
    residents: int = 300,
    businesses: int = 90,
) -> DemoCommunity:
    """Write ``community.jsonl`` and ``truth.json`` for a demo city into ``out_dir``.

    ``months`` of activity end at ``now``. At least two businesses per category
    are needed (a good citizen and a broadcaster each, for the trust audit).
    """
    if businesses < 2 * len(CATEGORIES):
        raise ValueError(f"need at least {2 * len(CATEGORIES)} businesses (two per category)")
    if residents < 10 or months < 1:
        raise ValueError("need at least 10 residents and 1 month")
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    rng = Random(seed)
    days = 30 * months
    start = now - timedelta(days=days)
    taken: set[str] = set()
    world = World(
        rng, start, days * DAY,
        make_residents(rng, residents, now, taken),
        make_businesses(rng, businesses, now, taken),
        make_inorganic(rng, now, taken),
    )
    # The second broadcaster churns follows (the first is the one the sock puppets promote).
    broadcasters = [b for b in world.businesses if b.behaviour == BROADCASTER]
    broadcasters[1 % len(broadcasters)].churner = True
    for business in broadcasters[2::3]:
        business.pitch_only = True
    simulate(world, days)
    interact(world)

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lines, counts = _render(world)
    community = out / COMMUNITY_FILE
    community.write_bytes(b"\n".join(lines) + b"\n")
    truth = out / TRUTH_FILE
    truth.write_bytes(msgspec.json.format(msgspec.json.encode(_truth(world, seed, now, counts)), indent=1) + b"\n")
    return DemoCommunity(out, community, truth, seed, now, counts)


# -- rendering -----------------------------------------------------------------------------------


def _render(world: World) -> tuple[list[bytes], dict[str, int]]:
    """Every record as a JSONL line, in time order, and how many of each there are."""
    # Post ids in time order; ties keep creation order so the result is stable.
    ordered = sorted(enumerate(world.posts), key=lambda pair: (pair[1].ts, pair[0]))
    for rank, (_, post) in enumerate(ordered):
        post.id = str(_FIRST_ID + rank)

    stamp = _Stamper(world.start)
    events: list[tuple[int, int, dict[str, Any]]] = []
    seq = 0

    def add(ts: int, row: dict[str, Any]) -> None:
        nonlocal seq
        events.append((ts, seq, row))
        seq += 1

    counts: Counter[str] = Counter()
    for ts, account, followers, following, posts_count in snapshots(world):
        add(ts, _account_row(account, stamp(ts), followers, following, posts_count))
        counts["snapshots"] += 1
    for _, post in ordered:
        row: dict[str, Any] = {"id": post.id, "platform": PLATFORM, "author": post.author,
                               "author_name": post.author_name, "created_at": stamp(post.ts), "text": post.text}
        if post.reply_to is not None:
            row["reply_to"] = post.reply_to.id
            counts["replies"] += 1
        if post.mentions:
            row["mentions"] = list(post.mentions)
            counts["mentions"] += len(set(post.mentions))
        add(post.ts, row)
        counts["posts"] += 1
    for kind, acts in (("like", world.likes), ("repost", world.reposts)):
        seen: set[tuple[str, str]] = set()
        for ts, actor, post in sorted(acts, key=lambda a: (a[0], a[1], a[2].id)):
            key = (actor, post.id)
            if ts >= world.span or actor == post.author or key in seen:
                continue
            seen.add(key)
            add(ts, {"type": kind, "platform": PLATFORM, "author": actor, "post": post.id, "target": post.author,
                     "created_at": stamp(ts)})
            counts[kind + "s"] += 1
    for (source, target), ts in sorted(world.follows.items(), key=lambda f: (f[1], f[0])):
        add(ts, {"type": "follow", "platform": PLATFORM, "author": source, "target": target,
                 "created_at": stamp(ts)})
        counts["follows"] += 1
    events.sort(key=lambda e: (e[0], e[1]))
    encode = msgspec.json.encode
    lines = [encode(row) for _, _, row in events]
    counts["lines"] = len(lines)
    counts["residents"] = len(world.residents)
    counts["businesses"] = len(world.businesses)
    counts["accounts"] = len(world.residents) + len(world.businesses) + len(world.inorganic)
    counts["requests"] = sum(1 for p in world.posts if p.label["kind"] == "request")
    counts["endorsements"] = sum(len(p.label.get("endorsements", ())) for p in world.posts)
    return lines, dict(sorted(counts.items()))


class _Stamper:
    """ISO timestamps for offsets from the start; the date part is cached per day (strftime is slow)."""

    def __init__(self, start: datetime) -> None:
        self.start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        self._offset = int((start - self.start).total_seconds())
        self._days: dict[int, str] = {}

    def __call__(self, ts: int) -> str:
        day, rest = divmod(ts + self._offset, DAY)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = (self.start + timedelta(days=day)).strftime("%Y-%m-%dT")
            self._days[day] = prefix
        hour, rest = divmod(rest, 3600)
        minute, second = divmod(rest, 60)
        return f"{prefix}{hour:02d}:{minute:02d}:{second:02d}Z"


def _account_row(account: Person | Business, observed: str, followers: int, following: int,
                 posts_count: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "type": "account", "platform": PLATFORM, "id": account.handle, "handle": account.handle,
        "name": account.name, "description": account.bio, "location": f"{account.area.name}, {CITY}, TX",
        "created_at": account.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"), "observed_at": observed,
        "followers": followers, "following": following, "posts_count": posts_count,
    }
    if isinstance(account, Business):
        row["url"] = f"https://{account.handle}.example.com"
    return row


# -- ground truth ----------------------------------------------------------------------------------


def _truth(world: World, seed: int, now: datetime, counts: dict[str, int]) -> dict[str, Any]:
    by_author: dict[str, list[DemoPost]] = {}
    for post in world.posts:
        by_author.setdefault(post.author, []).append(post)
    pitch_only = [b.handle for b in world.businesses
                  if by_author.get(b.handle) and all(p.label["kind"] == "pitch" for p in by_author[b.handle])]
    posts = sorted(world.posts, key=lambda p: int(p.id))
    return {
        "schema": 1,
        "seed": seed,
        "platform": PLATFORM,
        "city": CITY,
        "start": world.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "now": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "areas": [a.name for a in AREAS],
        "categories": {c.key: {"nouns": list(c.nouns), "service": c.service} for c in CATEGORIES},
        "businesses": {b.handle: {"name": b.name, "category": b.category.key, "area": b.area.name,
                                  "behaviour": b.behaviour} for b in world.businesses},
        "residents": {p.handle: {"name": p.name, "area": p.area.name} for p in world.residents},
        "inorganic": {
            "bulk_mention_spammers": [p.handle for p in world.inorganic if p.role == "spammer"],
            "follow_churners": [b.handle for b in world.businesses if b.churner],
            "new_accounts": [p.handle for p in world.inorganic if p.role == "new_account"],
            "pitch_only": pitch_only,
        },
        "posts": {p.id: p.label for p in posts},
        "counts": counts,
    }
