"""The plan: a week of concrete actions for one account (or profile), each with its reason.

What goes in (``docs/coach.md`` has the rules):

- **answer**: open referral requests in its field that it has not replied to, newest first,
  nearer askers first. It may mention its own service there, because it was asked.
- **thank**: people who endorsed, reposted or quoted it and whom it has not acted towards since.
- **promote**: accounts its own circle vouches for, in other categories than its own, trusted.
- **engage**: trusted accounts near its circle that it has never acted towards.
- **share**: information worth passing on (a well-received tip from its circle, credited) and a
  tip about what its field is asked for most.

Nothing else: no offer, no announcement, no pitch outside an answer to a request in its field,
never more than one account per action (no mass mentions) and never a follow. At most
:data:`PER_DAY` actions a day and :data:`PER_WEEK` of each kind a week; one action per account
a week.

Trust comes in through a :class:`Trust` object (global trust and personal trust, the
questions :class:`referral_engine.refer.circle.StoreTrust` answers); :class:`InteractionTrust`
answers them from direct interaction counts when the trust layer is not wanted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from ..store import Store
from ..store import coach as sql
from ..understand.taxonomy import lookup
from .audit import period
from .profiles import Subject, resolve

#: Actions a day, at most.
PER_DAY = 3
#: Actions of each kind a week, at most.
PER_WEEK = {"answer": 5, "thank": 4, "promote": 2, "engage": 3, "share": 2}
#: The order kinds are taken in each day: the time-sensitive first.
ORDER = ("answer", "thank", "engage", "promote", "share")
#: How far back a request is still open, and how far back the rest looks.
OPEN_FOR = timedelta(days=14)
LOOK_BACK = timedelta(days=60)
#: Without the trust layer, an account that this many people act towards counts as averagely trusted.
ORGANIC_REACH = 2


class Trust(Protocol):
    """The two questions the plan asks of trust (the shape of ``refer.circle.TrustView``)."""

    def global_(self, platform: str, ids: Iterable[str]) -> Mapping[str, float]:
        """Global trust of ``ids`` (1.0 = an average account; a missing id counts as average)."""
        ...

    def personal(self, platform: str, account_id: str) -> Mapping[str, float]:
        """Personal trust from ``account_id``: the trust it places in the accounts it reaches."""
        ...


class InteractionTrust:
    """Trust from direct interaction counts, for a store without (or a caller not wanting) the trust layer.

    Global: the number of distinct accounts that acted towards an account (likes, replies,
    mentions, reposts, quotes), over :data:`ORGANIC_REACH`: an account that at least that many
    people deal with counts as average (1.0); the accounts inorganic behaviour builds (spammers,
    sock puppets) are dealt with by almost nobody. Personal:
    nothing beyond direct interactions (an empty mapping), so the plan takes its circle from the
    partners of its partners (:func:`referral_engine.store.coach.second_circle`).
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def global_(self, platform: str, ids: Iterable[str]) -> Mapping[str, float]:
        """Distinct people acting towards each id, over :data:`ORGANIC_REACH`."""
        wanted = [(platform, i) for i in ids]
        counts = sql.reach(self.store, wanted)
        return {i: counts.get((platform, i), 0) / ORGANIC_REACH for _, i in wanted}

    def personal(self, platform: str, account_id: str) -> Mapping[str, float]:
        """Nothing: the plan falls back to the partners' partners."""
        return {}


def default_trust(store: Store) -> Trust:
    """The trust layer's view when it is installed (``refer.circle.StoreTrust``), else :class:`InteractionTrust`."""
    try:
        from ..refer.circle import StoreTrust
    except ImportError:  # pragma: no cover - the trust layer ships with the package
        return InteractionTrust(store)
    trust: Trust = StoreTrust(store)
    return trust


@dataclass(frozen=True)
class Action:
    """One thing to do on one day, and why; ``post`` is the post it concerns, if any.

    ``pitch`` says whether the action may mention the account's own service: only an answer
    to a request in its field.
    """

    day: date
    kind: str
    action: str
    target: str
    reason: str
    post: str | None = None
    pitch: bool = False

    def as_dict(self) -> dict[str, Any]:
        """``{"day", "action", "target", "reason"}`` and ``kind``, ``post``, ``pitch``."""
        return {"day": self.day.isoformat(), "action": self.action, "target": self.target, "reason": self.reason,
                "kind": self.kind, "post": self.post, "pitch": self.pitch}


@dataclass(frozen=True)
class Plan:
    """A week of actions for ``subject``, from ``start`` (the day after the data's "now")."""

    subject: Subject
    start: date
    actions: tuple[Action, ...]

    def as_list(self) -> list[dict[str, Any]]:
        """What ``refer plan --json`` prints: one dict per action, in day order."""
        return [a.as_dict() for a in self.actions]


def plan(store: Store, who: str | Subject, *, now: datetime | None = None, trust: Trust | None = None) -> Plan:
    """Plan a week for ``who`` (a profile name, ``@handle``, account id, or a :class:`Subject`).

    ``now`` defaults to the data's own "now" (just after its newest post); ``trust`` to
    :func:`default_trust`.
    """
    subject = resolve(store, who) if isinstance(who, str) else who
    _, until = period(store, subject, None, now)
    trust = trust if trust is not None else default_trust(store)
    since = until - LOOK_BACK
    with sql.subjects(store, subject.rows(), since, likes=True) as q:
        replied = q.replied_to()
        unthanked = q.unthanked(since, until)
        partners = q.partners()
        engaged = q.engaged()
        promoted = q.promoted_recently(since)
        vouched = q.endorsed_by([(p, a) for p, a, _ in partners], since, until)
        asks = _topics(q.frequent_asks(until - timedelta(days=30), until, subject.categories, limit=50), subject)
        tips = q.popular_information([(p, a) for p, a, _ in partners[:200]], until - OPEN_FOR, until)
    requests = [r for r in open_requests(store, subject, until, trust) if (r["platform"], r["post_id"]) not in replied]
    circle = _circle(store, subject, trust, partners)
    handles = sql.handles(store, [(c["platform"], c["account"]) for c in circle])
    # One question to global trust for everyone the plan might name (one scan, not one per kind).
    fresh = [c for c in circle if (c["platform"], c["account"]) not in engaged]
    pool = [v for v in vouched if (v["platform"], v["account"]) not in promoted
            and (v["category"] is None or v["category"] not in subject.categories)]
    trusted = _global(trust, sorted({(c["platform"], c["account"]) for c in fresh}
                                    | {(v["platform"], v["account"]) for v in pool}))
    candidates: dict[str, list[Action]] = {
        "answer": _answers(subject, requests, until),
        "thank": _thanks(unthanked),
        "promote": _promotions(pool, trusted),
        "engage": _engagements(fresh, handles, trusted),
        "share": _shares(tips, asks),
    }
    start = (until - timedelta(microseconds=1)).astimezone(UTC).date() + timedelta(days=1)
    return Plan(subject, start, tuple(schedule(candidates, start)))


def open_requests(store: Store, subject: Subject, now: datetime, trust: Trust) -> list[dict[str, Any]]:
    """The open requests the subject could answer, as ``refer opportunities`` finds them
    (:func:`referral_engine.refer.opportunities.opportunities`), for each of its accounts: from the
    last :data:`OPEN_FOR`, in its categories and area (the profile's, given to it as the config
    override), not answered by that account, with how close each asker is."""
    from ..refer.opportunities import opportunities

    found: dict[tuple[str, str], dict[str, Any]] = {}
    for platform, account, _ in subject.accounts:
        override: dict[str, Any] = {"categories": list(subject.categories)} if subject.categories else {}
        if subject.area:
            override["area"] = subject.area
        config = {"business": {account: override}} if override else None
        _, found_here = opportunities(store, account, platform=platform, days=OPEN_FOR.days, limit=30, now=now,
                                      trust=trust, config=config)
        for o in found_here:
            found.setdefault((platform, o.post_id), {
                "platform": platform, "post_id": o.post_id, "author": o.asker, "handle": o.asker_handle,
                "created_at": o.created_at or now, "sought": o.sought, "category": o.category,
                "location": o.location, "replies": o.replies, "how_close": o.how_close})
    return list(found.values())


def schedule(candidates: Mapping[str, Sequence[Action]], start: date) -> list[Action]:
    """Spread candidate actions over seven days from ``start``: each day takes one action of each
    kind in :data:`ORDER` in turn, at most :data:`PER_DAY` a day and :data:`PER_WEEK` of a kind,
    and one action per target in the week."""
    queues = {kind: list(candidates.get(kind, ())) for kind in ORDER}
    used = dict.fromkeys(ORDER, 0)
    targets: set[str] = set()
    out: list[Action] = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        today = 0
        progress = True
        while today < PER_DAY and progress:
            progress = False
            for kind in ORDER:
                queue = queues[kind]
                while queue and queue[0].target in targets:
                    queue.pop(0)
                if today >= PER_DAY or not queue or used[kind] >= PER_WEEK[kind]:
                    continue
                action = queue.pop(0)
                targets.add(action.target)
                used[kind] += 1
                today += 1
                progress = True
                out.append(Action(day, action.kind, action.action, action.target, action.reason, action.post,
                                  action.pitch))
    return out


# -- candidates ----------------------------------------------------------------------------------------


def _at(handle: str | None, account: str) -> str:
    return f"@{handle}" if handle else account


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _ago(moment: datetime, now: datetime) -> str:
    days = (now - moment).days
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"


def _near(location: str | None, area: str | None) -> bool | None:
    """Whether a request's place is the subject's area (``None``: either is unknown)."""
    if not location or not area:
        return None
    place, home = location.lstrip("#").lower(), area.lower()
    parts = [p.strip() for p in home.split(",") if p.strip()]
    return place in home or any(p in place for p in parts)


def _answers(subject: Subject, requests: Sequence[dict[str, Any]], now: datetime) -> list[Action]:
    """One answer per open request: its own trade first, then nearer askers, newer, fewer replies.

    The pitch is allowed only in its own trade (a request in its category whose sought shares a
    trade word with it, or any in its category when it has no trade words)."""
    def rank(r: dict[str, Any]) -> tuple[Any, ...]:
        trade = subject.in_trade(r["sought"])
        return (trade is False, trade is None, _near(r["location"], subject.area) is False,
                -r["created_at"].timestamp(), r["replies"], r["post_id"])

    out = []
    for r in sorted(requests, key=rank):
        asker = _at(r["handle"], r["author"])
        where = f" in {r['location']}" if r["location"] else ""
        trade = subject.in_trade(r["sought"])
        pitch = r["category"] in subject.categories and trade is not False
        replies = f"{r['replies']} {'reply' if r['replies'] == 1 else 'replies'}, none yours"
        reason = f"Asked {_ago(r['created_at'], now)}; {replies}; {r['how_close']}. "
        if pitch:
            reason += ("Your trade: answer the question first (what to look for, what it should cost), then "
                       "mention your service once, since it was asked.")
        elif r["category"] in subject.categories:
            reason += "Not your trade: recommend someone you trust; no pitch."
        else:
            reason += "Recommend someone you trust; no pitch (your field is unknown: add --category)."
        if pitch and _near(r["location"], subject.area) is False:
            reason += f" If {r['location']} is too far for you, point them to someone nearer."
        out.append(Action(date.min, "answer", f"Answer {asker}'s request for {r['sought']}{where}", asker, reason,
                          r["post_id"], pitch=pitch))
    return out


def _thanks(unthanked: Sequence[dict[str, Any]]) -> list[Action]:
    out = []
    for u in unthanked:
        who = _at(u["handle"], u["account"])
        when = u["at"].astimezone(UTC).date().isoformat()
        if u["how"] == "endorsement":
            what = f"recommended you{' for ' + u['for'] if u['for'] else ''} on {when}"
            if u["request_by"] and u["request_by"] == u["handle"]:
                what += f", after asking for {u['request_sought']}"
            elif u["request_by"]:
                what += f", answering @{u['request_by']}'s request for {u['request_sought']}"
        else:
            what = f"{'reposted' if u['how'] == 'repost' else 'quoted'} your post on {when}"
        out.append(Action(date.min, "thank", f"Thank {who} publicly, in a reply to their post", who,
                          f"{what[0].upper()}{what[1:]}; you have not engaged with them since.", u["post_id"]))
    return out


def _promotions(pool: Sequence[dict[str, Any]], trusted: Mapping[tuple[str, str], float]) -> list[Action]:
    """Accounts the subject's circle vouches for (``pool``: outside its own categories, not promoted
    lately), at least as trusted as an average account; most endorsers × trust first."""
    ranked = sorted(pool, key=lambda v: (-v["people"] * trusted.get((v["platform"], v["account"]), 1.0),
                                         v["account"]))
    out = []
    for v in ranked:
        value = trusted.get((v["platform"], v["account"]), 1.0)
        if value < 1.0:
            continue  # less trusted than an average account: not one to vouch for
        who = _at(v["handle"], v["account"])
        field = f" ({v['category']})" if v["category"] else ""
        names = ", ".join(f"@{e}" for e in v["endorsers"][:3])
        out.append(Action(
            date.min, "promote", f"Give {who}{field} a shout-out: say what they do well", who,
            f"{_people(v['people'])} you deal with {'vouches' if v['people'] == 1 else 'vouch'} for them ({names}); "
            f"trust {value:.1f} (1 = average). "
            "Promote trusted neighbours in other trades and they name you back."))
    return out


def _engagements(fresh: Sequence[dict[str, Any]], handles: Mapping[tuple[str, str], str | None],
                 trusted: Mapping[tuple[str, str], float]) -> list[Action]:
    """Accounts near its circle that it never acted towards (``fresh``), at least as trusted as an
    average account."""
    out = []
    for c in fresh:
        key = (c["platform"], c["account"])
        if trusted.get(key, 1.0) < 1.0:
            continue
        who = _at(handles.get(key), c["account"])
        through = ", ".join(f"@{t}" for t in c["through"][:2])
        via = (f"{_people(c['via'])} you deal with ({through}) {'interacts' if c['via'] == 1 else 'interact'} with "
               "them" if c["via"] else "Close to your circle")
        out.append(Action(
            date.min, "engage", f"Start a conversation with {who}: reply where you have something useful to add",
            who, f"{via}; you never have. Be useful: no pitch, no follow-for-follow."))
    return out


def _shares(tips: Sequence[dict[str, Any]], asks: Sequence[tuple[str, int]]) -> list[Action]:
    out = []
    for t in tips:
        who = _at(t["handle"], t["account"])
        text = " ".join(t["text"].split())
        text = text if len(text) <= 70 else text[:69] + "…"
        out.append(Action(date.min, "share", f"Repost {who}'s post, crediting them", who,
                          f"“{text}” drew {t['engagement']} likes and reposts in your circle; useful news from people "
                          "you know builds trust.", t["post_id"]))
    for sought, n in asks:
        # The target is the topic: one tip per topic a week.
        out.append(Action(date.min, "share", f"Post a short, useful tip for anyone looking for {_a(sought)} (no offer)",
                          f"tip:{sought}", f"{n} {'request' if n == 1 else 'requests'} in your field asked for "
                          f"{_a(sought)} in the last 30 days; answering the common question gets you remembered when "
                          "the next one comes."))
    return out


def _topics(asks: Sequence[tuple[str, int]], subject: Subject, limit: int = 2) -> list[tuple[str, int]]:
    """What is asked for, grouped by the taxonomy term each ask names ("honest plumber" and
    "emergency plumber" are both "plumber"), most asked first; only its own trade's when it has any."""
    counts: dict[str, int] = {}
    for sought, n in asks:
        found = lookup(sought)
        topic = found[0] if found else sought
        counts[topic] = counts.get(topic, 0) + n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    own = [kv for kv in ranked if subject.in_trade(kv[0]) is not False]
    return (own or ranked)[:limit]


# -- trust -----------------------------------------------------------------------------------------------


def _global(trust: Trust, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], float]:
    by_platform: dict[str, list[str]] = {}
    for platform, account in keys:
        by_platform.setdefault(platform, []).append(account)
    out: dict[tuple[str, str], float] = {}
    for platform, ids in by_platform.items():
        for account, value in trust.global_(platform, ids).items():
            out[(platform, account)] = float(value)
    return out


def _circle(store: Store, subject: Subject, trust: Trust, partners: Sequence[tuple[str, str, int]]
            ) -> list[dict[str, Any]]:
    """Accounts near the subject's circle, most trusted by it first: its personal trust when the
    trust layer knows it, else its partners' partners."""
    found: dict[tuple[str, str], float] = {}
    for platform, account, _ in subject.accounts:
        for other, value in trust.personal(platform, account).items():
            key = (platform, other)
            if other != account and value > found.get(key, 0.0):
                found[key] = float(value)
    own = set(subject.keys)
    second = sql.second_circle(store, partners[:500], subject.keys, limit=100)
    via = {(s["platform"], s["account"]): s for s in second}
    if not found:
        found = {key: float(s["weight"]) for key, s in via.items()}
    ranked = sorted((k for k in found if k not in own), key=lambda k: (-found[k], k))
    return [{"platform": p, "account": a, "trust": found[(p, a)], "via": via.get((p, a), {}).get("via", 0),
             "through": via.get((p, a), {}).get("through", [])} for p, a in ranked[:50]]
