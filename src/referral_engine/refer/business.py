"""What a business does and where: inferred from its profile and posts, overridable in a config file.

Evidence for a category, strongest first: what others vouched for it for (endorsements it got),
its bio, the requests it answered, the taxonomy terms in its own posts. Its area is its profile's
location. A config file (TOML) overrides both::

    [business."@joesplumbing"]
    categories = ["trades"]
    area = "Austin"

The file is ``$REFERRAL_ENGINE_CONFIG``, else ``~/.config/referral-engine/config.toml``; a key is
an ``@handle``, a handle, or an account id.
"""

from __future__ import annotations

import os
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import Store, StoreError
from ..store import referrals as sql
from ..understand.taxonomy import CATEGORIES, TERMS, category_of, terms_in
from ..understand.text import STOPWORDS, singular, words

#: The environment variable naming the config file.
CONFIG_ENV = "REFERRAL_ENGINE_CONFIG"
# Weight of each source of evidence for a category.
_WEIGHTS = {"endorsed": 3.0, "bio": 3.0, "answered": 1.5, "posts": 1.0}
#: A category needs at least this much weighted evidence...
MIN_EVIDENCE = 2.0
#: ... and at least this share of the strongest category's.
MIN_SHARE = 0.34


class ConfigError(StoreError):
    """The config file cannot be read, or names an unknown category."""


@dataclass
class Business:
    """A business account: what it does (categories), where (area), and how that was decided."""

    platform: str
    account: str
    handle: str | None
    categories: list[str]
    area: str | None
    source: str  # "config" or "inferred"
    evidence: dict[str, list[str]] = field(default_factory=dict)
    #: Its trade, finer than a category: the taxonomy's words in its name and bio ("plumber"), or the
    #: config's ``services``. Empty when unknown.
    services: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"platform": self.platform, "account": self.account, "handle": self.handle,
                "categories": self.categories, "area": self.area, "source": self.source, "evidence": self.evidence,
                "services": self.services}


#: Words of the taxonomy's terms ("plumber", "emergency", "plumbing"...), singular.
_TERM_WORDS = frozenset(w for term in TERMS for w in term.split())
#: Words that name no trade on their own, though they appear in terms ("good", "shop", "service").
_GENERIC = frozenset([
    "service", "services", "shop", "store", "company", "place", "centre", "center", "repair", "good", "best",
    "local", "cheap", "someone", "person", "emergency", "professional", "clinic", "office", "agency", "studio",
])


def trade_words(text: str | None) -> set[str]:
    """The words of ``text`` that name a trade in the taxonomy ("Mockingbird Pipe & Drain, plumbing" ->
    {"pipe"?, "plumbing"}): singular, generic words left out."""
    found = (singular(t) for t in words(text or ""))
    return {w for w in found if w in _TERM_WORDS and w not in _GENERIC and w not in STOPWORDS}


def same_trade(ours: set[str] | list[str], theirs: set[str]) -> bool:
    """Do two sets of trade words name the same trade? Words match by a shared stem ("plumber" and
    "plumbing", "roofer" and "roofing"): a common prefix of 4+ letters covering most of the shorter."""
    for a in ours:
        for b in theirs:
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            if a == b or (n >= 4 and n >= 0.6 * min(len(a), len(b))):
                return True
    return False


def config_path() -> Path:
    """Where the config file is: ``$REFERRAL_ENGINE_CONFIG``, else ``~/.config/referral-engine/config.toml``."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "referral-engine" / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The config file as a dict (empty when there is none); raises :class:`ConfigError` when unreadable."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"config {path}: {error}") from error


def _override(config: dict[str, Any], account: str, handle: str | None) -> dict[str, Any] | None:
    section = config.get("business", {})
    if not isinstance(section, dict):
        raise ConfigError("config: [business] must be a table of accounts")
    keys = [account] + ([f"@{handle}", handle] if handle else [])
    lowered = {str(k).lower(): v for k, v in section.items()}
    for key in keys:
        found = section.get(key, lowered.get(key.lower()))
        if found is not None:
            if not isinstance(found, dict):
                raise ConfigError(f"config: [business.{key!r}] must be a table")
            return found
    return None


def infer_business(store: Store, platform: str, account: str, *, config: dict[str, Any] | None = None) -> Business:
    """The categories and area of ``account``: from the config file if it names the account, else inferred."""
    known = sql.accounts(store, platform, [account]).get(account, (None, None, None, None))
    handle, _, bio, location = known
    override = _override(load_config() if config is None else config, account, handle)
    inferred, evidence = _infer_categories(store, platform, account, bio)
    area = str(location).strip() if location else None
    if override is not None:
        categories = override.get("categories")
        if categories is not None:
            if isinstance(categories, str):
                categories = [categories]
            unknown = [c for c in categories if c not in CATEGORIES]
            if unknown:
                raise ConfigError(f"config: unknown categor{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)}; "
                                  f"choose from {', '.join(CATEGORIES)}")
            inferred = [str(c) for c in categories]
        if override.get("area"):
            area = str(override["area"])
        services = override.get("services")
        trade = sorted(trade_words(" ".join([services] if isinstance(services, str) else services))) if services \
            else sorted(trade_words(f"{handle or ''} {bio or ''}"))
        return Business(platform, account, handle, inferred, area, "config", evidence, trade)
    return Business(platform, account, handle, inferred, area, "inferred", evidence,
                    sorted(trade_words(f"{handle or ''} {bio or ''}")))


def _infer_categories(store: Store, platform: str, account: str,
                      bio: str | None) -> tuple[list[str], dict[str, list[str]]]:
    score: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}

    def add(category: str | None, source: str, weight: float, why: str) -> None:
        if category is None or category == "other":
            return
        score[category] = score.get(category, 0.0) + _WEIGHTS[source] * weight
        notes = evidence.setdefault(category, [])
        if why not in notes and len(notes) < 5:
            notes.append(why)

    for category, _ in terms_in(bio or ""):
        add(category, "bio", 1.0, "its bio")
    for source, value, n in sql.answered_topics(store, platform, account):
        if source == "endorsed_for":
            add(category_of(value or ""), "endorsed", min(n, 3) / 2, f'vouched for "{value}"')
        elif source == "endorsed":
            add(value, "endorsed", min(n, 3) / 2, f"vouched for {n}× in this category")
        else:
            add(value, "answered", min(n, 4) / 2, f"answered {n} request{'s' if n > 1 else ''}")
    posts = sql.recent_posts(store, platform, account)
    named: Counter[str] = Counter(c for text in posts for c in {c for c, _ in terms_in(text)})
    for category, n in named.items():
        if n >= 2:
            add(category, "posts", min(1.0, n / max(4.0, 0.1 * len(posts))) * 2, f"{n} of its posts")
    if not score:
        return [], evidence
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    chosen = [c for c, s in ranked[:3] if s >= MIN_EVIDENCE and s >= MIN_SHARE * top]
    return chosen, {c: evidence[c] for c in chosen}
