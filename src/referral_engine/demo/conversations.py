"""What people post, day by day: requests and their threads, shout-outs, chat, pitches.

Each function simulates one kind of activity on one day and records posts in
the :class:`~.world.World`. Rates scale with the size of the community, so a
smaller demo (tests) has the same shape as the full one.
"""

from __future__ import annotations

from .categories import CATEGORIES
from .people import AREAS, BROADCASTER, CITY, GOOD, MIXED, Area, Business, Person
from .phrases import (
    business_chat,
    business_promo,
    chat,
    following,
    gentle_pitch,
    information,
    offer,
    opinion_request,
    pitch,
    praise,
    puppet_praise,
    question,
    reply,
    shout_out,
    spam,
    thanks_customer,
    thanks_thread,
    tip,
    warning,
)
from .phrases import request as request_text
from .world import DAY, HOUR, PRAISE_WEIGHT, WARNING_WEIGHT, DemoPost, World, endorsement, ref

_DEMAND = [c.demand for c in CATEGORIES]
#: How likely a business thanks a customer who praised it, by behaviour.
_THANKS_RATE = {GOOD: 0.85, MIXED: 0.4, BROADCASTER: 0.05}
_OFFER_WEIGHT = {GOOD: 5.0, MIXED: 1.5, BROADCASTER: 0.3}


def _count(world: World, rate: float) -> int:
    """How many events happen today at ``rate`` per day (whole part, plus a chance of one more)."""
    whole = int(rate)
    return whole + (1 if world.rng.random() < rate - whole else 0)


def _first(person: Person) -> str:
    return person.name.split(" ")[0]


def day_of_residents(world: World, day: int, scale: float) -> None:
    """One day of resident activity: requests, shout-outs, chat, news and near-miss questions."""
    for _ in range(_count(world, 3.0 * scale)):
        request_thread(world, day)
    for _ in range(_count(world, 0.7 * scale)):
        person = world.resident()
        category = world.rng.choices(CATEGORIES, weights=_DEMAND)[0]
        business = world.provider(person, category.key)
        if business is not None:
            _shout_out(world, world.time(day), person, business)
    for _ in range(_count(world, 6.0 * scale)):
        _chat_thread(world, day)
    for _ in range(_count(world, 1.8 * scale)):
        person = world.resident()
        world.post(world.time(day), person, information(world.rng, person.area.name), "information")
    for _ in range(_count(world, 0.25 * scale)):
        person = world.resident()
        world.post(world.time(day), person, question(world.rng, person.area.name), "question")


def request_thread(world: World, day: int) -> None:
    """A referral request and its answers: recommendations, warnings, offers, thanks, a shout-out."""
    rng = world.rng
    asker = world.resident()
    category = rng.choices(CATEGORIES, weights=_DEMAND)[0]
    ts = world.time(day)
    roll = rng.random()
    area = asker.area if roll < 0.65 else rng.choice(AREAS) if roll < 0.75 else None
    location = area.name if area else CITY if roll < 0.85 else None
    if rng.random() < 0.08:
        _opinion_thread(world, ts, asker, category.key)
        return
    noun = rng.choice(category.nouns)
    alias = rng.choice(area.aliases) if area else (CITY if location else None)
    # Openers like "Okay Mueller folks:" only when the request is about the asker's own area.
    text, sought = request_text(rng, category, noun, alias, area.name if area is asker.area else None)
    root = world.post(ts, asker, text, "request",
                      request={"sought": sought, "category": category.key, "location": location,
                               "kind": "recommendation"})
    n = rng.choices(range(8), weights=(5, 10, 16, 20, 18, 13, 9, 9))[0]
    times = sorted(t for t in (world.later(ts, 3.0) for _ in range(n)) if t is not None)
    answered: set[str] = set()
    praised: list[Business] = []
    for moment in times:
        kind = rng.random()
        if kind < 0.55:
            responder = world.resident(area or asker.area, exclude=asker.handle)
            business = world.provider(responder, category.key) if rng.random() < 0.8 else \
                world.business(category.key, PRAISE_WEIGHT, area)
            if business is None:
                continue
            _praise_reply(world, moment, responder, business, root, asker)
            praised.append(business)
        elif kind < 0.63:
            responder = world.resident(area or asker.area, exclude=asker.handle)
            business = world.business(category.key, WARNING_WEIGHT, area)
            if business is None:
                continue
            named, by, mentions = ref(rng, business, 0.5)
            world.post(moment, responder, warning(rng, named, rng.choice(business.category.complaints)), "warning",
                       reply_to=root, mentions=mentions,
                       endorsements=[endorsement(business, category.service, "negative", by)])
        elif kind < 0.76:
            business = world.business(category.key, _OFFER_WEIGHT, area, exclude=answered)
            if business is None:
                continue
            answered.add(business.handle)
            if business.behaviour == BROADCASTER:
                text = pitch(rng, category, business.name, business.area.name, business.phone, _url(business))
                world.post(moment, business, text, "pitch", reply_to=root)
            else:
                world.post(moment, business, offer(rng, category, _first(asker), business.area.name, business.phone),
                           "offer", reply_to=root)
        elif kind < 0.83:
            _promo_reply(world, moment, root, category.key, area)
        else:
            world.post(moment, world.resident(asker.area, exclude=asker.handle), following(rng), "chatter",
                       reply_to=root)
    if praised and times and rng.random() < 0.6:
        chosen = max(dict.fromkeys(praised), key=lambda b: (praised.count(b), b.handle))
        thanked = world.later(times[-1], 6.0)
        if thanked is not None:
            named, _by, mentions = ref(rng, chosen, 0.8)
            world.post(thanked, asker, thanks_thread(rng, named), "thanks_thread", reply_to=root, mentions=mentions)
            world.follow(thanked + rng.randrange(HOUR), asker.handle, chosen.handle)
            later = world.later(thanked, 24.0 * 6)
            if later is not None and rng.random() < 0.45:
                world.providers[(asker.handle, category.key)] = chosen
                _shout_out(world, later, asker, chosen)


def _opinion_thread(world: World, ts: int, asker: Person, category: str) -> None:
    """'Has anyone used @x?': the answers are about that one business, as its reputation says."""
    rng = world.rng
    target = world.business(category, {GOOD: 1.0, MIXED: 1.0, BROADCASTER: 1.0})
    if target is None:
        return
    named, by, mentions = ref(rng, target, 0.75)
    root = world.post(ts, asker, opinion_request(rng, target.category, named), "opinion_request",
                      mentions=mentions, request={"sought": target.category.nouns[0], "category": category,
                                                  "location": None, "kind": "opinion", "target": target.handle})
    good_odds = {GOOD: 0.95, MIXED: 0.6, BROADCASTER: 0.25}[target.behaviour]
    for _ in range(rng.randrange(1, 5)):
        moment = world.later(ts, 4.0)
        if moment is None:
            continue
        responder = world.resident(asker.area, exclude=asker.handle)
        if rng.random() < good_odds:
            _praise_reply(world, moment, responder, target, root, asker)
        else:
            named, by, mentions = ref(rng, target, 0.3)
            world.post(moment, responder, warning(rng, named, rng.choice(target.category.complaints)), "warning",
                       reply_to=root, mentions=mentions,
                       endorsements=[endorsement(target, target.category.service, "negative", by)])


def _praise_reply(world: World, ts: int, responder: Person, business: Business, root: DemoPost,
                  asker: Person) -> None:
    rng = world.rng
    what, job = rng.choice(business.category.jobs)
    named, by, mentions = ref(rng, business)
    item = world.post(ts, responder, praise(rng, named, job, _first(responder)), "praise", reply_to=root,
                      mentions=mentions, endorsements=[endorsement(business, what, "positive", by)])
    world.follow(ts - rng.randrange(30, 120) * DAY, responder.handle, business.handle)
    world.likes.append((ts + rng.randrange(60, 6 * HOUR), asker.handle, item))
    if business.behaviour == GOOD and rng.random() < 0.3:
        moment = world.later(ts, 5.0)
        if moment is not None:
            world.post(moment, business, thanks_customer(rng, _first(responder)), "thanks_customer", reply_to=item)


def _promo_reply(world: World, ts: int, root: DemoPost, category: str, area: Area | None) -> None:
    """A business of another trade answering a request with a neighbour it trusts."""
    rng = world.rng
    others = [b for b in world.businesses if b.category.key != category and b.behaviour == GOOD]
    target = world.business(category, PRAISE_WEIGHT, area)
    if not others or target is None:
        return
    speaker = rng.choice(others)
    what, job = rng.choice(target.category.jobs)
    named, by, mentions = ref(rng, target, 0.85)
    text = business_promo(rng, named, job, target.category.service, target.area.name)
    world.post(ts, speaker, text, "promo", reply_to=root, mentions=mentions,
               endorsements=[endorsement(target, what, "positive", by)])


def _shout_out(world: World, ts: int, person: Person, business: Business) -> None:
    """A customer's public thank-you, and the business's reply when it is the replying kind."""
    rng = world.rng
    what, job = rng.choice(business.category.jobs)
    named, by, mentions = ref(rng, business, 0.8)
    item = world.post(ts, person, shout_out(rng, named, job, business.area.name), "shout_out", mentions=mentions,
                      endorsements=[endorsement(business, what, "positive", by)])
    world.follow(ts + rng.randrange(HOUR), person.handle, business.handle)
    if not business.pitch_only and rng.random() < _THANKS_RATE[business.behaviour]:
        moment = world.later(ts, 3.0)
        if moment is not None:
            tag = rng.random() < 0.5
            text = thanks_customer(rng, _first(person))
            world.post(moment, business, f"@{person.handle} {text}" if tag else text, "thanks_customer",
                       reply_to=item, mentions=(person.handle,) if tag else ())
            world.likes.append((moment + rng.randrange(60, 3 * HOUR), business.handle, item))


def _chat_thread(world: World, day: int) -> None:
    rng = world.rng
    person = world.resident()
    root = world.post(world.time(day), person, chat(rng, person.area.name), "chat")
    last = root
    for _ in range(rng.choices((0, 1, 2, 3, 5), weights=(50, 28, 12, 7, 3))[0]):
        moment = world.later(last.ts, 2.0)
        if moment is None:
            return
        # Now and then the original poster answers back, which deepens the thread.
        if last is not root and rng.random() < 0.3:
            last = world.post(moment, person, reply(rng), "reply", reply_to=last)
        else:
            last = world.post(moment, world.resident(person.area, exclude=person.handle), reply(rng), "reply",
                              reply_to=root)


# -- businesses and inorganic accounts ---------------------------------------------------------

#: Chance a business posts on a given day, and what it posts, by behaviour.
_POST_RATE = {GOOD: 0.17, MIXED: 0.18, BROADCASTER: 0.3}
_MIX = {
    GOOD: (("tip", 0.35), ("promo", 0.25), ("gentle_pitch", 0.12), ("business_chat", 0.28)),
    MIXED: (("pitch", 0.5), ("tip", 0.25), ("promo", 0.08), ("business_chat", 0.17)),
    BROADCASTER: (("pitch", 0.93), ("business_chat", 0.07)),
}


def _url(business: Business) -> str:
    return f"https://{business.handle}.example.com"


def day_of_businesses(world: World, day: int) -> None:
    """One day of business posts, each business by its behaviour."""
    rng = world.rng
    for business in world.businesses:
        if rng.random() >= _POST_RATE[business.behaviour]:
            continue
        intents, weights = zip(*_MIX[business.behaviour], strict=True)
        intent = "pitch" if business.pitch_only else rng.choices(intents, weights=weights)[0]
        ts = world.time(day)
        category = business.category
        if intent == "pitch":
            world.post(ts, business, pitch(rng, category, business.name, business.area.name, business.phone,
                                           _url(business)), "pitch")
        elif intent == "gentle_pitch":
            world.post(ts, business, gentle_pitch(rng, category), "gentle_pitch")
        elif intent == "tip":
            world.post(ts, business, tip(rng, category), "tip")
        elif intent == "business_chat":
            world.post(ts, business, business_chat(rng, business.area.name, rng.choice(("Sam", "Rosa", "Dev"))),
                       "business_chat")
        else:
            others = [b for b in world.businesses if b.category is not category and b.behaviour != BROADCASTER]
            neighbours = [b for b in others if b.area is business.area] or others
            target = rng.choice(neighbours)
            what, job = rng.choice(target.category.jobs)
            named, by, mentions = ref(rng, target, 0.9)
            world.post(ts, business, business_promo(rng, named, job, target.category.service, target.area.name),
                       "promo", mentions=mentions, endorsements=[endorsement(target, what, "positive", by)])
            world.follow(ts - rng.randrange(DAY, 60 * DAY), business.handle, target.handle)


def day_of_inorganic(world: World, day: int) -> None:
    """The spammer's bulk mentions and the sock puppets' praise for the business that made them."""
    rng = world.rng
    everyone = [p.handle for p in world.residents] + [b.handle for b in world.businesses]
    for person in world.inorganic:
        if person.role == "spammer" and rng.random() < 0.35:
            tagged = rng.sample(everyone, min(20, len(everyone)))
            world.post(world.time(day), person, spam(rng, tagged), "spam", mentions=tuple(tagged))
        elif person.role == "new_account":
            created = int((person.created_at - world.start).total_seconds())
            if day * DAY >= created and rng.random() < 0.3:
                target = _puppet_target(world)
                named, by, mentions = ref(rng, target, 0.9)
                ts = max(world.time(day), created + HOUR)
                if ts < world.span:
                    world.post(ts, person, puppet_praise(rng, named, target.category.nouns[0]), "puppet_praise",
                               mentions=mentions,
                               endorsements=[endorsement(target, target.category.service, "positive", by)])


def _puppet_target(world: World) -> Business:
    """The broadcaster that the sock puppets promote (the first one, so all puppets agree)."""
    return next(b for b in world.businesses if b.behaviour == BROADCASTER)


def simulate(world: World, days: int) -> None:
    """Run every day of the window."""
    scale = len(world.residents) / 300
    for day in range(days):
        day_of_residents(world, day, scale)
        day_of_businesses(world, day)
        day_of_inorganic(world, day)

