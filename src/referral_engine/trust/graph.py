"""The trust graph of one platform: accounts as integers, interactions as a weighted CSR matrix.

Built from the store in one pass of set-based SQL (``store/graph.py``) and a few numpy steps, so
a graph of millions of accounts needs no Python loop over its edges. An edge ``A → B`` means A
gave trust to B (replied to, mentioned, reposted, quoted, liked or followed B); its weight is
described in :mod:`.weights`, the inorganic discounts in :mod:`.inorganic`.

The graph has one node more than the platform has accounts: the **sink** (index ``accounts``).
A discounted account's edges keep only part of its outgoing trust; the rest goes to the sink,
which has no edges and no prior, so the walk jumps from it to the prior like from any dead end.
(Scaling a row down would not do: PageRank normalises each row.)
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..model import InteractionKind
from ..store import Store
from ..store import graph as sql
from .inorganic import RULES, InorganicRules, assess
from .pairs import PairCounts
from .weights import WEIGHTS, TrustWeights


@dataclass(frozen=True, slots=True)
class Discount:
    """One inorganic discount of one account, and why."""

    account_id: str
    #: bulk_mention, one_way, follow_ratio, follow_churn, new_account or pitch_only
    kind: str
    #: What the account keeps (0 < factor < 1).
    factor: float
    #: ``prior``, ``outgoing`` or ``prior+outgoing``.
    applies_to: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"kind": self.kind, "factor": round(self.factor, 4), "applies_to": self.applies_to,
                "reason": self.reason}


@dataclass(frozen=True, eq=False)
class TrustGraph:
    """Who gives trust to whom on one platform, as CSR arrays of out-edges.

    ``ids[i]`` is the account of index ``i`` (sorted); row ``i`` of (``indptr``, ``indices``,
    ``weights``) lists the accounts it gives trust to and how much. Index ``sink`` (=
    ``len(ids)``) is the sink of discounted trust (see the module's docstring). ``prior`` (one
    per node, 0 for the sink) is where the random jump lands before normalisation: 1 for an
    account without discounts.
    """

    platform: str
    as_of: datetime | None
    fingerprint: str
    #: A tuple (not a list): the garbage collector stops scanning a tuple of strings, and a graph of
    #: a million accounts would otherwise add tens of milliseconds to every full collection.
    ids: Sequence[str]
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    prior: np.ndarray
    #: Share of each account's outgoing trust its edges keep (1 = undiscounted).
    outgoing: np.ndarray
    #: Every discount as a plain ``(account_id, kind, factor, applies_to, reason)`` tuple: a graph
    #: is kept per process, and the garbage collector stops scanning plain tuples of plain values
    #: (tens of thousands of objects otherwise, walked by every full collection).
    discount_rows: tuple[tuple[str, str, float, str, str], ...] = field(default=())
    #: Interaction counts per pair and kind (for reasons in words: :mod:`.pairs`).
    pairs: PairCounts | None = None

    @property
    def accounts(self) -> int:
        """Number of accounts (the sink not counted)."""
        return len(self.ids)

    @property
    def sink(self) -> int:
        """Index of the sink node."""
        return len(self.ids)

    @property
    def edges(self) -> int:
        """Number of edges between accounts (edges into the sink not counted)."""
        return int(len(self.indices) - np.count_nonzero(self.indices == self.sink))

    @cached_property
    def _index(self) -> dict[str, int]:
        return {account: i for i, account in enumerate(self.ids)}

    def index(self, account_id: str) -> int | None:
        """The index of an account, or None when it is not in the graph."""
        return self._index.get(account_id)

    def weight(self, source: str, target: str) -> float:
        """The weight of the edge ``source → target`` after discounts (0 when there is none)."""
        i, j = self.index(source), self.index(target)
        if i is None or j is None:
            return 0.0
        row = slice(int(self.indptr[i]), int(self.indptr[i + 1]))
        hit = np.flatnonzero(self.indices[row] == j)
        return float(self.weights[row][hit[0]]) if hit.size else 0.0

    @cached_property
    def out_strength(self) -> np.ndarray:
        """Each node's summed out-weight (the sink's share included)."""
        rows = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))
        return np.bincount(rows, weights=self.weights, minlength=len(self.indptr) - 1)

    @property
    def discounts(self) -> tuple[Discount, ...]:
        """Every discount of every account."""
        return tuple(Discount(*row) for row in self.discount_rows)

    def discounts_of(self, account_id: str) -> list[Discount]:
        """The discounts of one account, strongest first."""
        return sorted((Discount(*row) for row in self.discount_rows if row[0] == account_id),
                      key=lambda d: (d.factor, d.kind))


def build_graph(
    store: Store,
    platform: str,
    *,
    as_of: datetime | None = None,
    weights: TrustWeights = WEIGHTS,
    rules: InorganicRules = RULES,
    fingerprint: str | None = None,
) -> TrustGraph:
    """Build the trust graph of ``platform`` from the store (uncached: see :func:`trust_graph`).

    ``as_of`` is when ages are measured for decay and for new accounts: by default the
    platform's latest interaction (an old dataset is not decayed to nothing); interactions after
    it are left out.
    """
    con = sql.connection(store)
    if fingerprint is None:
        fingerprint = sql.store_fingerprint(store, platform)
    if as_of is None:
        as_of = sql.latest_interaction(con, platform)
    moment = as_of if as_of is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    kinds = sorted(set(weights.kinds) | {str(k) for k in InteractionKind})
    rows = sql.graph_rows(
        con, platform, as_of=moment, kinds=kinds, standing=sorted(weights.standing),
        half_life_seconds=weights.half_life_seconds, undated=weights.undated,
        bulk_free_mentions=weights.bulk_free_mentions, bulk_threshold=rules.bulk_threshold,
    )
    n = len(rows.ids)
    edges, seen = _edges(rows, n, kinds, weights, rules)
    features = {**rows.features, **seen}
    found = assess(features, moment.timestamp(), rules)
    ids: tuple[str, ...] = tuple(rows.ids.to_pylist())
    indptr, indices, data = _with_sink(edges, found.outgoing)
    prior = np.append(found.prior, 0.0)
    discounts = tuple((ids[i], kind, float(factor), applies, reason)
                      for i, kind, factor, applies, reason in found.reasons)
    counts = PairCounts.build(n, rows.src, rows.dst, rows.kind, rows.count, kinds)
    return TrustGraph(platform, as_of, fingerprint, ids, indptr, indices, data, prior, found.outgoing, discounts,
                      counts)


def _edges(
    pairs: sql.GraphRows, n: int, kinds: list[str], weights: TrustWeights, rules: InorganicRules,
) -> tuple[sp.csr_matrix, dict[str, np.ndarray]]:
    """The weighted edges as an n × n CSR matrix (sorted), and what the pairs tell the discounts.

    Per kind: ``kind weight × R·c/(c+R−1)`` of its decayed count ``c``; summed over kinds (the
    CSR conversion sums them); then ``w + bonus · min(w, reverse)``, which is
    ``w · (1 + bonus · min(1, reverse / w))``. Also returns, per account, ``targets`` (accounts
    it addressed by reply, mention or quote), ``answered`` (those that interacted back in any
    way), and the follows seen either way. Sparse-matrix operations all: linear in the pairs.
    """
    code_weight = np.array([0.0, *(weights.kinds.get(k, 0.0) for k in kinds)])
    addressing = np.zeros(len(kinds) + 1, dtype=bool)
    addressing[[kinds.index(k) + 1 for k in rules.addressing if k in kinds]] = True
    follow = pairs.kind == kinds.index(InteractionKind.FOLLOW) + 1
    active = addressing[pairs.kind]
    cap, c = weights.repetition_cap, pairs.amount
    value = code_weight[pairs.kind] * cap * c / (c + cap - 1.0)

    def matrix(data: np.ndarray, mask: np.ndarray | None = None) -> sp.csr_matrix:
        rows, cols = (pairs.src, pairs.dst) if mask is None else (pairs.src[mask], pairs.dst[mask])
        built = sp.csr_matrix((data, (rows, cols)), shape=(n, n), dtype=np.float64)
        built.sum_duplicates()
        return built

    ones = np.ones(len(pairs.src))
    anything = matrix(ones)  # every pair that interacted, in any kind
    answered_by = anything.T.tocsr()  # row a: the accounts that interacted with a
    addressed = matrix(ones[active], active)
    follows = matrix(ones[follow], follow)
    seen = {
        "targets": addressed.getnnz(axis=1).astype(np.float64),
        "answered": addressed.multiply(answered_by).tocsr().getnnz(axis=1).astype(np.float64),
        "following_seen": follows.getnnz(axis=1).astype(np.float64),
        "followers_seen": follows.getnnz(axis=0).astype(np.float64),
    }
    w = matrix(value)
    w.eliminate_zeros()
    edges = (w + weights.reciprocity_bonus * w.minimum(w.T.tocsr())).tocsr()
    edges.sort_indices()
    return edges, seen


def _with_sink(edges: sp.csr_matrix, outgoing: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays of the accounts plus the sink, from the accounts' edge matrix.

    An account keeping a share ``f`` of its outgoing trust has its edges scaled by ``f`` and one
    more edge, to the sink, of weight ``(1 − f) ×`` its original strength: after PageRank
    normalises the row, its edges carry ``f`` of what it passes on.
    """
    n = edges.shape[0]
    counts = np.diff(edges.indptr).astype(np.int64)
    rows = np.repeat(np.arange(n), counts)
    strength = np.bincount(rows, weights=edges.data, minlength=n)
    leak = strength * (1.0 - outgoing)
    leaking = np.flatnonzero(leak > 0)
    ends = edges.indptr[1:][leaking]
    indices = np.insert(edges.indices, ends, n).astype(np.int32 if n < 2**31 - 1 else np.int64)
    data = np.insert(edges.data * outgoing[rows], ends, leak[leaking])
    counts[leaking] += 1
    indptr = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(counts, out=indptr[1 : n + 1])
    indptr[n + 1] = indptr[n]  # the sink's row is empty
    return indptr, indices, data


# -- the per-process cache ---------------------------------------------------------------------------

_CACHE: OrderedDict[tuple[Any, ...], TrustGraph] = OrderedDict()
_CACHE_SIZE = 4
_LOCK = threading.Lock()


def store_key(store: Store) -> Any:
    """What identifies a store in the caches: its file, whichever object opened it; an in-memory
    store is only itself (and its entries go when it does, so a later store reusing its id
    cannot see them)."""
    if store.path != ":memory:":
        return store.path
    key = ("memory", id(store))
    if key not in _MEMORY_STORES:
        _MEMORY_STORES.add(key)
        weakref.finalize(store, _drop_store, key)
    return key


_MEMORY_STORES: set[Any] = set()
#: Other per-store caches register here how to drop a store's entries.
DROP_HOOKS: list[Callable[[Any], None]] = []


def _drop_store(key: Any) -> None:
    _MEMORY_STORES.discard(key)
    with _LOCK:
        for old in [k for k in _CACHE if k[0] == key]:
            del _CACHE[old]
    for hook in DROP_HOOKS:
        hook(key)


def trust_graph(store: Store, platform: str, *, as_of: datetime | None = None) -> TrustGraph:
    """The trust graph of ``platform``, built once per process and per state of the store.

    Cached by (store, platform, ``as_of``, fingerprint of the data): repeated queries reuse
    it, and any change to what trust depends on (an ingest, a forget) builds a fresh one.
    """
    return graph_of_state(store, platform, sql.store_fingerprint(store, platform), as_of=as_of)


def graph_of_state(store: Store, platform: str, fingerprint: str, *, as_of: datetime | None = None) -> TrustGraph:
    """The graph for a fingerprint just computed: from the cache, or built and cached."""
    key = (store_key(store), platform, as_of, fingerprint)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return cached
    graph = build_graph(store, platform, as_of=as_of, fingerprint=fingerprint)
    _remember(store, graph, as_of=as_of)
    return graph


def _remember(store: Store, graph: TrustGraph, *, as_of: datetime | None = None) -> None:
    """Cache a graph, dropping the older states of the same store and platform."""
    key = (store_key(store), graph.platform, as_of, graph.fingerprint)
    with _LOCK:
        # Older states of the same store and platform are stale for good: drop them.
        for old in [k for k in _CACHE if k[:3] == key[:3] and k != key]:
            del _CACHE[old]
        _CACHE[key] = graph
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def clear_cache() -> None:
    """Forget every cached graph (tests, and callers that know better)."""
    with _LOCK:
        _CACHE.clear()


__all__ = ["Discount", "TrustGraph", "build_graph", "clear_cache", "graph_of_state", "store_key",
           "trust_graph"]
