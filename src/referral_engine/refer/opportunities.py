"""Opportunities: the open requests that a business could answer, newest first.

"Open" means recent (within :data:`OPEN_DAYS` of now) and not yet answered by the business. A
request fits when its category is one of the business's (:mod:`.business`) and, when both name a
place, it is in the business's area. Each comes with how close its asker is to the business in
the graph (personal trust from the business, and direct interactions either way) and guidance
for a helpful reply: answer the question; pitch only because it was asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..store import Store
from ..store import referrals as sql
from .business import Business, infer_business, same_trade, trade_words
from .circle import StoreTrust, TrustView, relative
from .providers import normalise
from .who import resolve_account

#: A request is open for this many days after it was posted.
OPEN_DAYS = 30


@dataclass
class Opportunity:
    """One open request a business could answer."""

    post_id: str
    asker: str
    asker_handle: str | None
    text: str
    sought: str
    category: str | None
    location: str | None
    created_at: datetime | None
    replies: int
    closeness: float
    interactions: int
    how_close: str
    guidance: str
    #: Is what they ask the business's own trade (``False``: a neighbouring one in its category, a
    #: chance to name someone good, not to pitch)?
    own_trade: bool = True

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape (``refer opportunities --json``)."""
        created = self.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z") if self.created_at else None
        return {
            "post_id": self.post_id, "asker": self.asker, "asker_handle": self.asker_handle, "text": self.text,
            "sought": self.sought, "category": self.category, "location": self.location, "created_at": created,
            "replies": self.replies, "closeness": round(self.closeness, 4), "interactions": self.interactions,
            "how_close": self.how_close, "guidance": self.guidance, "own_trade": self.own_trade,
        }


def opportunities(
    store: Store, account: str, *, platform: str | None = None, days: int = OPEN_DAYS, limit: int = 20,
    now: datetime | None = None, trust: TrustView | None = None, config: dict[str, Any] | None = None,
) -> tuple[Business, list[Opportunity]]:
    """The business behind ``account`` (id or handle) and the open requests it could answer, newest first.

    ``now``: the time "recent" is measured from (default: the newest request in the store);
    ``config``: the parsed config file (default: read it, see :mod:`.business`).
    """
    found_platform, account_id = resolve_account(store, account, platform)
    business = infer_business(store, found_platform, account_id, config=config)
    if not business.categories:
        return business, []
    now = now or sql.newest_request(store, found_platform) or datetime.now(UTC)
    rows = sql.open_requests(store, found_platform, account_id, since=now - timedelta(days=days),
                             categories=business.categories, limit=max(limit * 5, 100))
    rows = [r for r in rows if _in_area(business.area, r[7])][:limit]
    if not rows:
        return business, []
    trust = trust or StoreTrust(store)
    circle = relative(trust.personal(found_platform, account_id), account_id)
    from ..trust import interaction_counts

    counts = interaction_counts(store, found_platform, account_id, sorted({str(r[1]) for r in rows if r[1]}))
    found = []
    for post_id, asker, handle, created, text, sought, category, location, _kind, replies in rows:
        asker = str(asker)
        ties = counts.get(asker, {})
        n = sum(ties.values())
        close = circle.get(asker, 0.0)
        how = _how_close(close, ties, handle or asker)
        asked = trade_words(str(sought))
        own = not business.services or not asked or same_trade(business.services, asked)
        found.append(Opportunity(
            post_id=str(post_id), asker=asker, asker_handle=handle, text=str(text), sought=str(sought),
            category=category, location=location, created_at=created, replies=int(replies), closeness=close,
            interactions=n, how_close=how, own_trade=own,
            guidance=_guidance(business, str(sought), location, int(replies), close, n, own=own),
        ))
    return business, found


def _in_area(area: str | None, location: str | None) -> bool:
    """A request with no place, or a business with no area, fits; else the place must share a word."""
    if not area or not location:
        return True
    want = set(normalise(location.lstrip("#")).split()) - {"the", "near", "me", "here", "area", "in"}
    have = set(normalise(area).split())
    return not want or bool(want & have)


def _how_close(close: float, ties: dict[str, int], name: str) -> str:
    who = f"@{name}" if not name.startswith("@") else name
    talked = ties.get("reply", 0) + ties.get("mention", 0) + ties.get("quote", 0)
    heard = ties.get("reply_back", 0) + ties.get("mention_back", 0) + ties.get("quote_back", 0)
    if talked and heard:
        return f"you and {who} talk with each other ({talked + heard} replies and mentions)"
    if heard:
        return f"{who} has replied to or mentioned you ({heard}×)"
    if talked:
        return f"you have replied to or mentioned {who} ({talked}×)"
    if ties:
        return f"you know {who} ({', '.join(sorted(k.replace('_back', ' (them)') for k in ties))})"
    if close >= 1.0:
        return f"{who} is in your wider circle (people you talk with talk with them)"
    if close > 0:
        return f"{who} is at the edge of your network"
    return f"{who} is not connected to you yet"


def _guidance(business: Business, sought: str, location: str | None, replies: int, close: float,
              interactions: int, *, own: bool = True) -> str:
    where = f" in {location}" if location else ""
    if own:
        parts = [f"Answer the question first: they want {sought}{where}. Say what you would honestly recommend, "
                 "other providers included, and what to look out for.",
                 "Mention your own business once, because it was asked, with one way to reach you; no offers "
                 "or hashtags."]
    else:
        parts = [f"Not your own trade: they want {sought}{where}. If you know someone good, name them and say "
                 "why: promoting others is how a network learns to name you back. Do not pitch your own services."]
    if replies:
        parts.append(f"{replies} repl{'ies' if replies > 1 else 'y'} already: add what they miss rather than "
                     "repeat them.")
    if interactions or close >= 1.0:
        parts.append("You know each other: write as a neighbour, not a salesperson.")
    else:
        parts.append("You have not talked before: be brief, helpful and specific.")
    return " ".join(parts)
