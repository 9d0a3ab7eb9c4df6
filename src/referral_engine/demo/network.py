"""The quiet signals around the posts: likes, reposts, follows and profile snapshots.

These are what a trust score is built from, so they follow the behaviours on
purpose: helpful posts and good-citizen businesses draw likes, reposts and
followers from many independent neighbours; pitches draw almost nothing; the
inorganic accounts leave tell-tale shapes (a follow count that swings by
hundreds week to week, brand-new accounts that only praise one business).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Any

from .people import AREAS, BROADCASTER, GOOD, MIXED, Business, Person
from .world import DAY, HOUR, World

WEEK = 7 * DAY
MONTH = 30 * DAY

#: Mean likes a post draws, by intent; pitches are scaled down further by behaviour below.
_LIKES = {
    "request": 0.8, "opinion_request": 0.6, "praise": 1.2, "warning": 1.5, "shout_out": 4.0, "puppet_praise": 0.0,
    "promo": 3.0, "offer": 0.7, "pitch": 0.5, "gentle_pitch": 1.5, "spam": 0.0, "chatter": 0.2,
    "thanks_thread": 1.0, "thanks_customer": 1.2, "chat": 2.2, "reply": 0.4, "question": 0.6,
    "business_chat": 2.5, "information": 3.5, "tip": 4.5,
}
#: One knob for the overall like volume, tuned so the demo stays near 30k records (fast to ingest).
_LIKE_SCALE = 0.55
_PITCH_LIKES = {GOOD: 1.0, MIXED: 0.8, BROADCASTER: 0.35}
_REPOSTABLE = {"information": 0.3, "tip": 0.35, "promo": 0.2, "shout_out": 0.25, "business_chat": 0.1}
#: How much a behaviour attracts follows from residents who have not (yet) hired the business.
_FOLLOW_PULL = {GOOD: 3.0, MIXED: 1.5, BROADCASTER: 0.6}
_AREA = {a.name: a for a in AREAS}


def interact(world: World) -> None:
    """Add likes, reposts and follows to everything the simulation posted."""
    by_handle: dict[str, Business] = {b.handle: b for b in world.businesses}
    _likes_and_reposts(world, by_handle)
    _follows(world)
    _inorganic(world)


def _likes_and_reposts(world: World, by_handle: dict[str, Business]) -> None:
    rng = world.rng
    for post in world.posts:
        mean = _LIKES[post.intent] * _LIKE_SCALE
        author = by_handle.get(post.author)
        if author is not None and post.intent == "pitch":
            mean *= _PITCH_LIKES[author.behaviour]
        area = _AREA.get(post.area or "")
        if mean > 0:
            for _ in range(min(int(rng.expovariate(1.0 / mean) + 0.5), 40)):
                liker = world.resident(area, exclude=post.author)
                world.likes.append((post.ts + 60 + int(rng.expovariate(1.0 / (4 * HOUR))), liker.handle, post))
        # A business notices when it is praised: good citizens like it, broadcasters rarely look.
        for handle in post.mentions:
            business = by_handle.get(handle)
            if business is not None and post.intent in ("praise", "shout_out", "promo", "thanks_thread"):
                odds = {GOOD: 0.7, MIXED: 0.3, BROADCASTER: 0.05}[business.behaviour]
                if rng.random() < odds:
                    world.likes.append((post.ts + rng.randrange(120, 8 * HOUR), handle, post))
                    if post.intent == "shout_out" and business.behaviour == GOOD and rng.random() < 0.5:
                        world.reposts.append((post.ts + rng.randrange(300, 10 * HOUR), handle, post))
        share = _REPOSTABLE.get(post.intent, 0.0)
        while share > 0 and rng.random() < share:
            reposter = world.resident(area, exclude=post.author)
            world.reposts.append((post.ts + 120 + int(rng.expovariate(1.0 / (6 * HOUR))), reposter.handle, post))
            share *= 0.3


def _follows(world: World) -> None:
    rng = world.rng
    for person in world.residents:
        for _ in range(rng.randrange(2, 10)):
            other = world.resident(person.area, exclude=person.handle)
            world.follow(rng.randrange(world.span), person.handle, other.handle)
    weights = [_FOLLOW_PULL[b.behaviour] for b in world.businesses]
    for _ in range(int(1.5 * len(world.residents))):
        business = rng.choices(world.businesses, weights=weights)[0]
        world.follow(rng.randrange(world.span), world.resident(business.area).handle, business.handle)
    for business in world.businesses:
        if business.behaviour == GOOD:
            peers = [b for b in world.businesses if b is not business and b.behaviour != BROADCASTER]
            for peer in rng.sample(peers, min(len(peers), rng.randrange(3, 9))):
                world.follow(rng.randrange(world.span), business.handle, peer.handle)


def _inorganic(world: World) -> None:
    """The churner follows hundreds in waves; the spammer follows at random; puppets back their business."""
    rng = world.rng
    everyone = [p.handle for p in world.residents] + [b.handle for b in world.businesses]
    churner = next((b for b in world.businesses if b.churner), None)
    if churner is not None:
        for handle in rng.sample(everyone, min(400, len(everyone) - 1)):
            # Follows land at the start of even weeks; the odd weeks are the mass unfollows.
            wave = rng.randrange(0, max(1, world.span // WEEK), 2)
            world.follow(min(wave * WEEK + rng.randrange(2 * DAY), world.span - 1), churner.handle, handle)
    target = next(b for b in world.businesses if b.behaviour == BROADCASTER)
    target_posts = [p for p in world.posts if p.author == target.handle]
    puppets = [p for p in world.inorganic if p.role == "new_account"]
    for person in world.inorganic:
        if person.role == "spammer":
            for handle in rng.sample(everyone, min(150, len(everyone))):
                world.follow(rng.randrange(world.span), person.handle, handle)
            continue
        born = int((person.created_at - world.start).total_seconds())
        world.follow(born + rng.randrange(HOUR), person.handle, target.handle)
        for other in puppets:
            world.follow(born + rng.randrange(2 * HOUR, DAY), person.handle, other.handle)
        for post in target_posts:
            if post.ts > born:
                world.likes.append((post.ts + rng.randrange(60, 2 * HOUR), person.handle, post))


# -- profile snapshots ---------------------------------------------------------------------------


def snapshots(world: World) -> list[tuple[int, Person | Business, int, int, int]]:
    """``(moment, account, followers, following, posts_count)`` for every profile observation.

    Businesses and the spammer are observed weekly (the growth chart Maria wants),
    residents monthly, brand-new accounts when created and now. Counts combine a
    base (followers from outside the community) with the follows and posts the
    demo itself contains, so the numbers agree with the records.
    """
    followers_at: dict[str, list[int]] = defaultdict(list)
    following_at: dict[str, list[int]] = defaultdict(list)
    for (source, target), ts in world.follows.items():
        followers_at[target].append(ts)
        following_at[source].append(ts)
    posts_at: dict[str, list[int]] = defaultdict(list)
    for post in world.posts:
        posts_at[post.author].append(post.ts)
    for table in (followers_at, following_at, posts_at):
        for times in table.values():
            times.sort()

    def before(table: dict[str, list[int]], handle: str, ts: int) -> int:
        return bisect.bisect_right(table.get(handle, []), ts)

    rows: list[tuple[int, Any, int, int, int]] = []
    weekly = range(0, world.span, WEEK)
    for business in world.businesses:
        for week, ts in enumerate(weekly):
            grown = round(business.followers * (1 + business.growth) ** week)
            followers = grown + before(followers_at, business.handle, ts)
            following = business.following + before(following_at, business.handle, ts)
            if business.churner:
                # Mass follow on even weeks, mass unfollow on odd ones; follow-backs come and go with it.
                if week % 2:
                    following = business.following + week
                else:
                    followers += 40
            posts = business.posts_before + before(posts_at, business.handle, ts)
            rows.append((ts, business, followers, following, posts))
    for person in world.inorganic:
        born = int((person.created_at - world.start).total_seconds())
        moments = list(weekly) if person.role == "spammer" else [max(born, 0), world.span - 1]
        for ts in moments:
            rows.append((ts, person, person.followers + before(followers_at, person.handle, ts),
                         person.following + before(following_at, person.handle, ts),
                         person.posts_before + before(posts_at, person.handle, ts)))
    for person in world.residents:
        for ts in [*range(0, world.span, MONTH), world.span - 1]:
            rows.append((ts, person, person.followers + before(followers_at, person.handle, ts),
                         person.following + before(following_at, person.handle, ts),
                         person.posts_before + before(posts_at, person.handle, ts)))
    return rows

