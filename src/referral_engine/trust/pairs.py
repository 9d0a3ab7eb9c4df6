"""Who interacted with whom, and how often: every pair's interactions by kind, in memory.

Reasons in words need the direct ties between an asker and a few accounts ("vouched for by @ana,
whom you reply to often"; "you and @ben talk with each other (5 replies and mentions)"). Asking the
store each time means scanning every interaction for two ids (hundreds of milliseconds on a store
of 10M). The trust graph's build already aggregates the interactions per (source, target, kind)
in one pass, so :class:`PairCounts` keeps those counts, sorted by source then target: a lookup is two
binary searches in one account's row.

What it counts is what the trust graph reads: interactions up to the graph's ``as_of``, between
two different accounts, with a known target.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..store import Store

if TYPE_CHECKING:
    from .graph import TrustGraph


@dataclass(frozen=True, eq=False)
class PairCounts:
    """Interaction counts per (source, target, kind) as a CSR sorted by source, target and kind.

    Row ``a`` (``indptr[a]:indptr[a + 1]``) lists, for each account ``a`` acted towards
    (``targets``, ascending), each kind (``kind``: 1-based position in ``kinds``; 0 for a kind not
    in it) and how many times (``count``).
    """

    kinds: tuple[str, ...]
    indptr: np.ndarray
    targets: np.ndarray
    kind: np.ndarray
    count: np.ndarray

    @classmethod
    def build(cls, n: int, src: np.ndarray, dst: np.ndarray, kind: np.ndarray, count: np.ndarray,
              kinds: Sequence[str]) -> PairCounts:
        """The ties of ``n`` accounts from aggregated rows (any order; sorted here unless they are)."""
        src = np.asarray(src, dtype=np.int64)
        dst = np.asarray(dst, dtype=np.int64)
        kind = np.asarray(kind, dtype=np.int8)
        key = (src * max(n, 1) + dst) * 128 + kind  # exact while n² · 128 < 2⁶³ (n < 2.6e8)
        if len(key) > 1 and not bool(np.all(key[1:] >= key[:-1])):
            order = np.argsort(key, kind="stable")
            src, dst, kind, count = src[order], dst[order], kind[order], np.asarray(count)[order]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n)[:n], out=indptr[1:])
        return cls(tuple(str(k) for k in kinds), indptr, dst.astype(np.int32), kind,
                   np.minimum(np.asarray(count, dtype=np.int64), np.iinfo(np.int32).max).astype(np.int32))

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return int(self.indptr.nbytes + self.targets.nbytes + self.kind.nbytes + self.count.nbytes)

    def between(self, a: int, b: int) -> dict[str, int]:
        """How many times account ``a`` acted towards ``b``, by kind (indices of the graph)."""
        lo, hi = int(self.indptr[a]), int(self.indptr[a + 1])
        if lo == hi:
            return {}
        row = self.targets[lo:hi]
        first = lo + int(np.searchsorted(row, b, side="left"))
        last = lo + int(np.searchsorted(row, b, side="right"))
        found: dict[str, int] = {}
        for code, n in zip(self.kind[first:last].tolist(), self.count[first:last].tolist(), strict=True):
            if 0 < code <= len(self.kinds):
                name = self.kinds[code - 1]
                found[name] = found.get(name, 0) + n
        return found


def interaction_counts(
    store: Store, platform: str, account_id: str, others: Iterable[str],
) -> dict[str, dict[str, int]]:
    """How often ``account_id`` interacted with each of ``others``, by direction and kind.

    ``{other: {"reply": n, "mention": n, ..., "reply_back": n, ...}}``: plain kinds are from the
    account to the other, ``*_back`` kinds from the other to the account; an account with no
    interaction either way is left out. Read from the platform's trust graph (built once per
    process and state of the store, :func:`referral_engine.trust.trust_graph`).
    """
    from .graph import trust_graph

    wanted = [o for o in dict.fromkeys(others) if o != account_id]
    if not wanted:
        return {}
    graph = trust_graph(store, platform)
    found = {other: counts_between(graph, account_id, other) for other in wanted}
    return {other: counts for other, counts in found.items() if counts}


def counts_between(graph: TrustGraph, account_id: str, other: str) -> dict[str, int]:
    """How often ``account_id`` interacted with ``other`` in ``graph``, by kind, and (``*_back``
    kinds) ``other`` with it; empty when neither is known or they never interacted."""
    me, them = graph.index(account_id), graph.index(other)
    if me is None or them is None or graph.pairs is None or me == them:
        return {}
    counts = graph.pairs.between(me, them)
    counts.update({f"{k}_back": n for k, n in graph.pairs.between(them, me).items()})
    return counts


__all__ = ["PairCounts", "counts_between", "interaction_counts"]
