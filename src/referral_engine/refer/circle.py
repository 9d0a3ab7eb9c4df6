"""Trust as the referral answers see it: injected, so scoring can be tested with any trust.

:class:`TrustView` is the two questions scoring asks: how trusted is each of these accounts
overall (global trust, 1.0 = an average account), and how much trust does one account place in
others (personal trust: personalized PageRank mass from it). :class:`StoreTrust` answers them
with :mod:`referral_engine.trust`; tests may pass any object with the same two methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from ..store import Store

if TYPE_CHECKING:
    from ..trust import TrustGraph


class TrustView(Protocol):
    """The trust that referral scoring reads."""

    def global_(self, platform: str, ids: Iterable[str]) -> Mapping[str, float]:
        """Global trust of ``ids`` (1.0 = an average account; a missing id counts as average)."""
        ...

    def personal(self, platform: str, account_id: str) -> Mapping[str, float]:
        """Personal trust from ``account_id``: the trust mass it places on each account it reaches."""
        ...


class StoreTrust:
    """Trust computed by :mod:`referral_engine.trust` over the store's interaction graph.

    One view answers one question: it reads the store's state (its fingerprint) once per platform
    and holds it, so make a new view after the store changes (:func:`referral_engine.refer.who`
    makes one per call).
    """

    def __init__(self, store: Store, *, personal_limit: int | None = 2000) -> None:
        self.store = store
        self.personal_limit = personal_limit
        self._personal: dict[tuple[str, str], Mapping[str, float]] = {}
        self._fingerprints: dict[str, str] = {}

    def fingerprint(self, platform: str) -> str:
        """The state of the store's ``platform`` as this view reads it (read once)."""
        if platform not in self._fingerprints:
            from ..store.graph import store_fingerprint

            self._fingerprints[platform] = store_fingerprint(self.store, platform)
        return self._fingerprints[platform]

    def graph(self, platform: str) -> TrustGraph:
        """The platform's trust graph (cached per process and state of the store)."""
        from ..trust.graph import graph_of_state

        return graph_of_state(self.store, platform, self.fingerprint(platform))

    def global_(self, platform: str, ids: Iterable[str]) -> Mapping[str, float]:
        """Global trust of ``ids`` on ``platform``."""
        from ..trust import global_trust

        wanted = list(ids)
        return global_trust(self.store, platform, wanted, fingerprint=self.fingerprint(platform)) if wanted else {}

    def personal(self, platform: str, account_id: str) -> Mapping[str, float]:
        """Personal trust from ``account_id`` (cached per view: one walk per asker)."""
        from ..trust import personal_trust

        key = (platform, account_id)
        if key not in self._personal:
            self._personal[key] = personal_trust(self.store, platform, account_id, limit=self.personal_limit,
                                                 fingerprint=self.fingerprint(platform))
        return self._personal[key]


class NoTrust:
    """Every account average, nobody in anyone's circle: scoring from endorsements alone."""

    def global_(self, platform: str, ids: Iterable[str]) -> Mapping[str, float]:
        """Nothing known: every account counts as average."""
        return {}

    def personal(self, platform: str, account_id: str) -> Mapping[str, float]:
        """Nothing known: an empty circle."""
        return {}


def relative(personal: Mapping[str, float], me: str) -> dict[str, float]:
    """Personal trust rescaled so that 1.0 is the average account reached (``me`` left out).

    Mass from a personalized walk sums to one over what it reached; how much one account holds
    depends on the size of the neighbourhood, so scoring reads it relative to the average.
    """
    others = {k: v for k, v in personal.items() if k != me and v > 0}
    if not others:
        return {}
    mean = sum(others.values()) / len(others)
    return {k: v / mean for k, v in others.items()}
