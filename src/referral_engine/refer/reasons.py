"""Referral answers in words: the :class:`Answer` a person reads, and why it is given.

Reasons ("vouched for by @ana and @ben, whom you reply to often; 3 endorsements in the last 60
days; based in Austin") are built from the same evidence that scored the answer, and only for
the answers returned: they read the asker's direct ties to the endorsers (:class:`Ties`, from the
trust graph's pair counts) and the profiles of endorsers and endorsed (:class:`Profiles`, from
the endorsement index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..store import Store
from .circle import StoreTrust
from .endorsed import EndorsementIndex
from .evidence import MENTION, Row
from .providers import Group
from .query import Query

if TYPE_CHECKING:
    from ..trust import TrustGraph

#: "Recent" in reasons: endorsements within this many days of now.
RECENT_DAYS = 60


@dataclass
class Answer:
    """One provider that the network would refer, with why."""

    name: str
    account: str | None
    platform: str
    score: float
    reasons: list[str]
    endorsers: list[str]
    handle: str | None = None
    endorsements: int = 0
    warnings: int = 0
    aliases: list[str] = field(default_factory=list)
    last_endorsed: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape (``refer who --json``): name, account, score, reasons, endorsers, and more."""
        return {
            "name": self.name, "account": self.account, "score": round(self.score, 4), "reasons": self.reasons,
            "endorsers": self.endorsers, "platform": self.platform, "handle": self.handle,
            "endorsements": self.endorsements, "warnings": self.warnings, "aliases": self.aliases,
            "last_endorsed": None if self.last_endorsed is None
            else self.last_endorsed.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        }


class Profiles(Mapping[str, tuple[Any, ...]]):
    """``id -> (handle, name, description, location)`` of the platform's endorsers and endorsed,
    looked up in the endorsement index as the answer needs them."""

    def __init__(self, endorsed: EndorsementIndex, platform: str) -> None:
        self.endorsed, self.platform = endorsed, platform

    def __getitem__(self, account: str) -> tuple[Any, ...]:
        found = self.endorsed.profile(self.platform, account)
        if found is None:
            raise KeyError(account)
        return found

    def get(self, account: str, default: Any = None) -> Any:
        found = self.endorsed.profile(self.platform, account)
        return default if found is None else found

    def __iter__(self) -> Iterator[str]:
        return (i for p, i in self.endorsed.profiles if p == self.platform)

    def __len__(self) -> int:
        return sum(1 for p, _ in self.endorsed.profiles if p == self.platform)


class Ties(Mapping[str, Mapping[str, int]]):
    """The asker's interactions with each endorser, by kind (``*_back``: the endorser's towards the
    asker), read from the trust graph on first access of each endorser."""

    def __init__(self, store: Store, platform: str, asker: str | None, trust: StoreTrust | None) -> None:
        self.store, self.platform, self.asker, self.trust = store, platform, asker, trust
        self._read: dict[str, Mapping[str, int]] = {}
        self._graph: TrustGraph | None = None

    def __getitem__(self, account: str) -> Mapping[str, int]:
        if account not in self._read:
            if self.asker is None:
                self._read[account] = {}
            else:
                from ..trust import trust_graph
                from ..trust.pairs import counts_between

                if self._graph is None:
                    self._graph = self.trust.graph(self.platform) if self.trust else trust_graph(self.store,
                                                                                                 self.platform)
                self._read[account] = counts_between(self._graph, self.asker, account)
        return self._read[account]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read)

    def __len__(self) -> int:
        return len(self._read)


def who_is(account: str | None, known: Mapping[str, tuple[Any, ...]]) -> str:
    if account is None:
        return "someone"
    handle = known.get(account, (None,))[0]
    return f"@{handle}" if handle else account


def display_name(group: Group, known: Mapping[str, tuple[Any, ...]]) -> str:
    """How an answer names a provider: its @handle, else its account's display name, else the name
    most often written."""
    handle = known.get(group.account, (None,))[0] if group.account else None
    if handle:
        return f"@{handle}"
    if group.account and known.get(group.account, (None, None))[1]:
        return str(known[group.account][1])
    return group.account if group.account and not group.names else group.label


def answer_for(ties: Mapping[str, Mapping[str, int]], query: Query, platform: str, group: Group,
               members: Callable[[], Sequence[Row]], score: float,
               known: Mapping[str, tuple[Any, ...]], circle: Mapping[str, float], me: tuple[str, str] | None,
               place: str | None, glob: Mapping[str, float], now: datetime,
               ) -> tuple[Answer, Callable[[Answer], None]]:
    """The answer for one provider (name and score), and how to complete it with its endorsers and
    reasons (called only for the answers shown; ``members`` gives the provider's rows then)."""
    handle = known.get(group.account, (None,))[0] if group.account else None
    answer = Answer(name=display_name(group, known), account=group.account, platform=platform, score=score,
                    reasons=[], endorsers=[], handle=handle)

    def complete(answer: Answer) -> None:
        rows = members()
        positive = [r for r in rows if r.polarity not in ("negative", MENTION)]
        negative = [r for r in rows if r.polarity == "negative"]
        # named in answers to a similar question where nobody endorsed it: what the mention added
        endorsed_in = {r.in_reply_to for r in rows if r.polarity != MENTION}
        named = sorted({r.topic_why for r in rows
                        if r.polarity == MENTION and r.topic_why and r.in_reply_to not in endorsed_in})
        # endorsers, most weighty first
        weight: dict[str, float] = {}
        for row in positive:
            if row.author:
                weight[row.author] = weight.get(row.author, 0.0) + row.weight
        ordered = sorted(weight, key=lambda a: (-weight[a], a))
        answer.endorsers = [who_is(a, known) for a in ordered]
        answer.endorsements, answer.warnings = len(positive), len(negative)
        answer.aliases = sorted(group.names, key=lambda n: (-group.names[n], n))
        answer.last_endorsed = max((r.created for r in positive if r.created), default=None)
        answer.reasons = _reasons(ties, query, platform, ordered, positive, negative, known, circle, me, place,
                                  group, glob, now)
        if named:  # written in answers to earlier questions like this one, without the words of a referral
            more = f" and {len(named) - 1} more like it" if len(named) > 1 else ""
            answer.reasons.append(f'named in replies to "{named[0]}"{more}')

    return answer, complete


def _listing(names: Sequence[str], more: int) -> str:
    if more > 0:
        return ", ".join(names) + f" and {more} other{'s' if more > 1 else ''}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _how_close(counts: Mapping[str, int]) -> str | None:
    """Direct interaction between the asker and an endorser, in words."""
    replies = counts.get("reply", 0)
    back = counts.get("reply_back", 0) + counts.get("mention_back", 0)
    if replies >= 3:
        return "whom you reply to often"
    if replies or counts.get("mention", 0) or counts.get("quote", 0):
        return "whom you talk with" if back else "whom you reply to"
    if counts.get("follow", 0) or counts.get("like", 0) or counts.get("repost", 0):
        return "whom you follow"
    if back:
        return "who talk with you"
    return None


def _reasons(ties: Mapping[str, Mapping[str, int]], query: Query, platform: str, ordered: Sequence[str],
             positive: Sequence[Row],
             negative: Sequence[Row], known: Mapping[str, tuple[Any, ...]], circle: Mapping[str, float],
             me: tuple[str, str] | None, place: str | None, group: Group, glob: Mapping[str, float],
             now: datetime) -> list[str]:
    reasons: list[str] = []
    shown = ordered[:3]
    if shown:
        text = "vouched for by " + _listing([who_is(a, known) for a in shown], len(ordered) - len(shown))
        if me is not None:
            counts = ties
            close = [a for a in shown if _how_close(counts.get(a, {}))]
            if close:
                phrases = {_how_close(counts[a]) for a in close}
                named = [who_is(a, known) for a in close]
                if len(close) == len(shown) and len(phrases) == 1:
                    text += f", {phrases.pop()}"
                else:
                    text += f" ({_listing(named, 0)}: {', '.join(sorted(p for p in phrases if p))})"
            elif any(circle.get(a, 0.0) >= 1.0 for a in shown):
                text += ", in your circle of trust"
        reasons.append(text)
    recent = [r for r in positive if r.created and (now - r.created).days <= RECENT_DAYS]
    if recent:
        reasons.append(f"{len(recent)} endorsement{'s' if len(recent) > 1 else ''} in the last {RECENT_DAYS} days")
    elif positive:
        latest = max((r.created for r in positive if r.created), default=None)
        when = f", the latest on {latest.date().isoformat()}" if latest else ""
        reasons.append(f"{len(positive)} endorsement{'s' if len(positive) > 1 else ''}{when}")
    topics = sorted({r.topic_why for r in positive if r.topic_why and r.topic >= 1.0})
    if topics:
        reasons.append("recommended for " + _listing([f'"{t}"' for t in topics[:2]], len(topics) - 2))
    elif positive:
        best = max(positive, key=lambda r: r.topic)
        if best.topic_why:
            reasons.append(f'recommended for "{best.topic_why}", close to what you ask')
    if negative:
        who_warned = sorted({who_is(r.author, known) for r in negative})
        reasons.append(f"warned against by {_listing(who_warned[:2], len(who_warned) - 2)}")
    if group.account is not None:
        if me is not None and circle.get(group.account, 0.0) >= 1.0:
            reasons.append("in your own circle of trust")
        g = glob.get(group.account)
        if g is not None and g >= 2.0:
            reasons.append(f"widely trusted ({g:.1f}× an average account)")
    if place:
        reasons.append(place)
    return reasons
