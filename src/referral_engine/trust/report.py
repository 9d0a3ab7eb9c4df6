"""An account's trust explained: how trusted it is, by whom, whom it trusts, and what was discounted."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..store import NoSuchAccount, Store
from ..store import graph as sql
from .graph import Discount, trust_graph
from .scores import current_scores
from .weights import WEIGHTS


@dataclass(frozen=True)
class Tie:
    """One account on the other end of trust: whom the account trusts, or who trusts it."""

    account_id: str
    handle: str | None
    #: Trusted: the share of the account's outgoing trust that goes to this one (0..1).
    #: Trusting: the trust it passes to the account, in the same unit as global trust.
    strength: float
    #: Interactions behind the tie, by kind, in its direction.
    kinds: dict[str, int]
    #: Whether the other also interacted with the account.
    reciprocal: bool


@dataclass(frozen=True)
class TrustReport:
    """What ``refer trust ACCOUNT`` shows: :func:`trust_report`."""

    platform: str
    account_id: str
    handle: str | None
    #: Global trust: 1.0 = an average account of the platform.
    trust: float
    #: 1 = the most trusted.
    rank: int
    accounts: int
    #: Share of accounts less trusted (100 = the most trusted).
    percentile: float
    #: The account's quality prior (1 = undiscounted) and the share of outgoing trust it keeps.
    prior: float
    outgoing: float
    #: When decay was measured to (the platform's latest interaction).
    as_of: str | None
    discounts: list[Discount] = field(default_factory=list)
    #: Whom it trusts most (by share of its outgoing trust).
    trusts: list[Tie] = field(default_factory=list)
    #: Who trusts it most (by trust passed to it).
    trusted_by: list[Tie] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (``refer trust --json``)."""
        data = asdict(self)
        data["discounts"] = [d.to_dict() for d in self.discounts]
        for name in ("trust", "percentile", "prior", "outgoing"):
            data[name] = round(data[name], 4)
        for name in ("trusts", "trusted_by"):
            for tie in data[name]:
                tie["strength"] = round(tie["strength"], 4)
        return data


def find_account(store: Store, name: str, platform: str | None = None) -> tuple[str, str]:
    """``(platform, account id)`` of an id or @handle (:meth:`Store.account`)."""
    found_platform, account_id, _ = store.account(name, platform=platform)
    return found_platform, account_id


def trust_report(store: Store, platform: str, account_id: str, *, limit: int = 5) -> TrustReport:
    """The trust of one account, explained; ``limit`` ties listed each way.

    Raises :class:`NoSuchAccount` when the account is not in the platform's graph.
    """
    scores = current_scores(store, platform, [account_id])
    graph = trust_graph(store, platform)
    index = graph.index(account_id)
    if account_id not in scores or index is None:
        raise NoSuchAccount(f"no account {account_id!r} on {platform} in the trust graph")
    _, trust, rank, percentile, prior, outgoing = scores[account_id]
    con = sql.connection(store)

    # Whom it trusts: its edges, by share of what it passes on (the sink's share is the discount).
    start, end = int(graph.indptr[index]), int(graph.indptr[index + 1])
    targets, weights = graph.indices[start:end], graph.weights[start:end]
    keep = targets != graph.sink
    strength = float(graph.out_strength[index]) or 1.0
    order = np.argsort(-weights[keep], kind="stable")[:limit]
    trusted = [(graph.ids[int(t)], float(w) / strength) for t, w in zip(targets[keep][order], weights[keep][order],
                                                                          strict=True)]

    # Who trusts it: every in-edge, by the trust it carries (d × score × edge share), in trust units.
    positions = np.flatnonzero(graph.indices == index)
    sources = np.searchsorted(graph.indptr, positions, side="right") - 1
    source_ids = [graph.ids[int(s)] for s in sources]
    source_scores = current_scores(store, platform, source_ids)
    passed = np.array([source_scores.get(a, (0.0,))[0] for a in source_ids]) if source_ids else np.zeros(0)
    passed = WEIGHTS.damping * passed * graph.weights[positions] / graph.out_strength[sources] * graph.accounts
    order = np.argsort(-passed, kind="stable")[:limit]
    trusting = [(source_ids[int(i)], float(passed[i])) for i in order]

    others = [a for a, _ in trusted] + [a for a, _ in trusting]
    names = sql.handles(con, platform, [account_id, *others])
    kinds = sql.ties(con, platform, account_id, others)

    def tie(other: str, value: float, direction: str) -> Tie:
        back = "in" if direction == "out" else "out"
        return Tie(other, names.get(other), value, kinds.get((direction, other), {}), (back, other) in kinds)

    return TrustReport(
        platform=platform, account_id=account_id, handle=names.get(account_id), trust=trust, rank=rank,
        accounts=graph.accounts, percentile=percentile, prior=prior, outgoing=outgoing,
        as_of=graph.as_of.isoformat() if graph.as_of is not None else None,
        discounts=graph.discounts_of(account_id),
        trusts=[tie(a, v, "out") for a, v in trusted],
        trusted_by=[tie(a, v, "in") for a, v in trusting],
    )


__all__ = ["Tie", "TrustReport", "find_account", "trust_report"]
