"""Profiles: a business as one subject, holding its accounts on several platforms.

A profile has a name, its accounts (an X handle, a Bluesky DID, a Mastodon ``user@host``...),
its provider categories (keys of the taxonomy in :mod:`referral_engine.understand.taxonomy`) and
its area, and its trade words ("plumber": finer than a category, to tell a plumbing request from
an electrician's in the same ``trades`` category). Categories and area left out are inferred
the way ``refer opportunities`` infers them (:func:`infer`, reusing
:mod:`referral_engine.refer.business`); trade words, from the taxonomy terms in the accounts'
names and bios.

:func:`resolve` turns what a person types (a profile name, ``@handle``, an account id, or
``platform:id``) into a :class:`Subject`: the accounts an audit or a plan reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..refer.business import Business
from ..refer.opportunities import Opportunity
from ..store import NoSuchAccount, Store, StoreError
from ..store import profiles as sql
from ..understand.taxonomy import CATEGORIES, TERMS, category_of
from ..understand.text import STOPWORDS, singular, words


class UnknownCategory(StoreError):
    """A category that is neither a taxonomy key nor a word the taxonomy knows."""


@dataclass(frozen=True)
class Subject:
    """What an audit or a plan is about: a profile, or one account standing alone.

    ``label`` is how it is shown (the profile's name, or ``@handle``); ``accounts`` are
    ``(platform, id, handle)``.
    """

    label: str
    accounts: tuple[tuple[str, str, str | None], ...]
    categories: tuple[str, ...] = ()
    area: str | None = None
    #: Its trade words ("plumber", "emergency plumbing"): finer than a category.
    services: tuple[str, ...] = ()
    profile: str | None = None
    inferred: dict[str, bool] = field(default_factory=dict)

    @property
    def keys(self) -> list[tuple[str, str]]:
        """``(platform, id)`` of its accounts."""
        return [(p, i) for p, i, _ in self.accounts]

    @property
    def platforms(self) -> list[str]:
        """The platforms its accounts are on."""
        return sorted({p for p, _, _ in self.accounts})

    def rows(self) -> list[tuple[str, str, str, tuple[str, ...]]]:
        """Its rows for :func:`referral_engine.store.coach.subjects`."""
        return [(self.label, p, i, self.categories) for p, i, _ in self.accounts]

    def as_dict(self) -> dict[str, Any]:
        """Plain data: label, profile, accounts, categories, area, and which of them were inferred."""
        return {"account": self.label, "profile": self.profile,
                "accounts": [{"platform": p, "id": i, "handle": h} for p, i, h in self.accounts],
                "categories": list(self.categories), "services": list(self.services), "area": self.area,
                "inferred": dict(self.inferred)}

    def in_trade(self, sought: str | None) -> bool | None:
        """Whether ``sought`` names its own trade (``None``: it has no trade words to compare).

        A sought word and a trade word match when they share their first four letters
        ("plumbing" and "emergency plumber"; "dental" and "dentist").
        """
        if not self.services:
            return None
        mine = {w[:4] for w in _content(" ".join(self.services))}
        return bool(mine & {w[:4] for w in _content(sought or "")})


def _content(text: str) -> set[str]:
    """The content words of ``text`` (singular, four letters or more)."""
    return {singular(w) for w in words(text) if len(w) >= 4 and w not in STOPWORDS}


# -- inference -------------------------------------------------------------------------------------


def infer(store: Store, accounts: Sequence[tuple[str, str]]) -> tuple[list[str], str | None]:
    """The categories and area of a business holding ``accounts``.

    Each account is read by :func:`referral_engine.refer.business.infer_business` (what others
    vouched for it for, its bio, the requests it answered, its posts; or the config file's
    override); a profile gets the categories of all its accounts, in order of first appearance,
    and the first area found.
    """
    from ..refer.business import infer_business

    categories: list[str] = []
    area: str | None = None
    for platform, account in accounts:
        business = infer_business(store, platform, account)
        categories += [c for c in business.categories if c not in categories]
        area = area or business.area
    return categories, area


def infer_services(bios: Sequence[tuple[str | None, str | None]], categories: Sequence[str]) -> list[str]:
    """The taxonomy terms of its main category (the first of ``categories``) that the accounts' names
    and bios (``bios``) use ("plumbing")."""
    found: list[str] = []
    categories = list(categories[:1])
    for name, bio in bios:
        toks = [singular(w) for w in words(f"{name or ''} . {bio or ''}")]
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                term = " ".join(toks[i:i + n])
                if term in TERMS and TERMS[term][0] in categories and term not in found:
                    found.append(term)
    return found


def service_words(given: Iterable[str]) -> list[str]:
    """The trade words among what a person typed as categories: every word that is not a bare
    taxonomy key ("plumber" is kept, ``trades`` is not)."""
    return [w.strip().lower() for w in given if w.strip().lower().replace(" ", "_") not in CATEGORIES]


def normalise_categories(given: Iterable[str]) -> list[str]:
    """Taxonomy keys for what a person typed ("plumbing" -> ``trades``); raises :class:`UnknownCategory`."""
    keys: list[str] = []
    for word in given:
        key = word.strip().lower().replace(" ", "_")
        if key not in CATEGORIES or key == "other":
            found = category_of(word)
            if found is None:
                raise UnknownCategory(f"unknown category {word!r}: name a trade (plumber, dentist...) or one of "
                                      f"{', '.join(c for c in CATEGORIES if c != 'other')}")
            key = found
        if key not in keys:
            keys.append(key)
    return keys


# -- resolving ---------------------------------------------------------------------------------------


def find_account(store: Store, key: str) -> tuple[str, str, str | None]:
    """The one account ``key`` names: ``@handle``, an id, or ``platform:id`` (:meth:`Store.account`)."""
    return store.account(key)


def resolve(store: Store, who: str) -> Subject:
    """The subject ``who`` names: a stored profile by name first, else a single account.

    A single account gets its categories and area inferred (not stored).
    """
    stored = sql.profiles(store, who)
    if stored:
        return _subject(stored[0])
    account = find_account(store, who)
    label = f"@{account[2]}" if account[2] else account[1]
    categories, area = infer(store, [account[:2]])
    return Subject(label, (account,), tuple(categories), area,
                   services=tuple(infer_services(sql.account_bios(store, [account[:2]]), categories)),
                   inferred={"categories": True, "area": True})


def _subject(profile: dict[str, Any]) -> Subject:
    return Subject(profile["name"], tuple(profile["accounts"]), tuple(profile["categories"]), profile["area"],
                   services=tuple(profile["services"]), profile=profile["name"],
                   inferred={"categories": profile["categories_inferred"], "area": profile["area_inferred"]})


# -- the profile commands' library calls --------------------------------------------------------------


def add_profile(store: Store, name: str, accounts: Sequence[str], *, categories: Sequence[str] = (),
                area: str | None = None) -> Subject:
    """Store a profile holding ``accounts`` (each ``@handle``, id or ``platform:id``).

    Categories (any words the taxonomy knows) and area left out are inferred from the accounts.
    Raises :class:`NoSuchAccount` for an account not in the store, :class:`UnknownCategory`, and
    :class:`referral_engine.store.profiles.ProfileExists`.
    """
    return add_profiles(store, [(name, accounts, categories, area)])[0]


def add_profiles(store: Store, specs: Sequence[tuple[str, Sequence[str], Sequence[str], str | None]]
                 ) -> list[Subject]:
    """Store several profiles at once, ``(name, accounts, categories, area)`` each, as
    :func:`add_profile` does (one transaction: all or none)."""
    rows = []
    for name, accounts, categories, area in specs:
        if not name.strip():
            raise StoreError("a profile needs a name")
        if not accounts:
            raise StoreError(f"profile {name!r} needs at least one account")
        found = list(dict.fromkeys(find_account(store, a) for a in accounts))
        keys = [(p, i) for p, i, _ in found]
        chosen = normalise_categories(categories)
        services = service_words(categories)
        inferred_categories, inferred_area = not chosen, area is None
        if inferred_categories or inferred_area:
            guessed, guessed_area = infer(store, keys)
            if inferred_categories:
                chosen = guessed
                services = infer_services(sql.account_bios(store, keys), chosen)
            area = guessed_area if inferred_area else area
        rows.append({"name": name, "accounts": keys, "categories": chosen, "services": services, "area": area,
                     "categories_inferred": inferred_categories, "area_inferred": inferred_area})
    sql.add_profiles(store, rows)
    stored = {p["name"]: p for p in sql.profiles(store)}
    return [_subject(stored[name]) for name, *_ in specs]


def list_profiles(store: Store) -> list[Subject]:
    """Every stored profile."""
    return [_subject(p) for p in sql.profiles(store)]


def show_profile(store: Store, name: str) -> Subject:
    """One stored profile; raises :class:`NoSuchAccount` when there is none of that name."""
    stored = sql.profiles(store, name)
    if not stored:
        raise NoSuchAccount(f"no profile {name!r} in the store")
    return _subject(stored[0])


def remove_profile(store: Store, name: str) -> None:
    """Delete a profile (its accounts and their data stay); raises :class:`NoSuchAccount` when absent."""
    if not sql.remove_profile(store, name):
        raise NoSuchAccount(f"no profile {name!r} in the store")


def profile_opportunities(store: Store, name: str, *, days: int = 30, limit: int = 20,
                          now: datetime | None = None) -> tuple[Business, list[Opportunity]] | None:
    """``refer opportunities`` for a stored profile: the open requests any of its accounts could
    answer, with the profile's categories and area, newest first; ``None`` when ``name`` is no profile.

    Each account keeps its own platform's graph for how close an asker is; a request is listed once.
    """
    from ..refer.opportunities import opportunities

    stored = sql.profiles(store, name)
    if not stored:
        return None
    subject = _subject(stored[0])
    override: dict[str, Any] = {"categories": list(subject.categories)}
    if subject.services:
        override["services"] = list(subject.services)
    if subject.area:
        override["area"] = subject.area
    found: dict[tuple[str, str], Opportunity] = {}
    for platform, account, _ in subject.accounts:
        _, here = opportunities(store, account, platform=platform, days=days, limit=limit, now=now,
                                config={"business": {account: override}})
        for o in here:
            found.setdefault((platform, o.post_id), o)
    ordered = sorted(found.values(), key=lambda o: o.created_at or datetime.min.replace(tzinfo=UTC), reverse=True)
    business = Business(platform=",".join(subject.platforms), account=subject.label, handle=None,
                        categories=list(subject.categories), area=subject.area, source="profile")
    return business, ordered[:limit]
