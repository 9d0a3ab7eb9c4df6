"""Global and personal trust, and the refresh that keeps the global scores current after ingest.

- **Global trust** is PageRank over the trust graph whose random jump (and every dead end) lands
  on the quality prior, TweepCred's way; TrustRank's way, distrust is not propagated, only trust
  withheld. Scores are persisted per platform (``trust_scores``) with ``trust = score ×
  accounts``, so 1.0 is an average account, 3.0 three times as trusted.
- **Refresh** (:func:`refresh_trust`, run after every ingest) recomputes a platform only when
  what its trust depends on changed (a fingerprint of the data), and starts the power iteration
  from the persisted scores: after a small ingest the old scores are near the new ones, so it
  converges in fewer iterations (each run is recorded in ``trust_runs``).
- **Personal trust** is personalized PageRank seeded at one account, approximated by pushing
  mass along its out-edges (Andersen, Chung and Lang): it touches only the neighbourhood.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyarrow as pa

from ..store import Store
from ..store import graph as sql
from .graph import DROP_HOOKS, TrustGraph, graph_of_state, store_key, trust_graph
from .rank import Ranking, global_rank, personal_rank
from .weights import WEIGHTS


def rank_graph(graph: TrustGraph, *, start: np.ndarray | None = None) -> Ranking:
    """Global PageRank of a graph; ``start``: previous scores per account (warm start), or None.

    Returns the scores of the accounts only (the sink's share removed, renormalised to 1).
    """
    if graph.accounts == 0:
        return Ranking(np.zeros(0), 0, 0.0)
    warm = None
    if start is not None and start.sum() > 0:
        # The sink's share at the fixed point is what discounted accounts leak into it.
        leak = graph.weights[graph.indices == graph.sink]
        rows = np.repeat(np.arange(graph.accounts + 1), np.diff(graph.indptr))[graph.indices == graph.sink]
        strength = graph.out_strength[rows]
        sink = WEIGHTS.damping * float(np.sum(start[rows] / start.sum() * leak / strength))
        warm = np.append(start / start.sum() * (1.0 - sink), sink)
    ranking = global_rank(graph.indptr, graph.indices, graph.weights, graph.prior, damping=WEIGHTS.damping,
                          start=warm)
    scores = ranking.scores[: graph.accounts]
    total = scores.sum()
    return Ranking(scores / total if total > 0 else scores, ranking.iterations, ranking.residual)


def refresh_trust(store: Store) -> None:
    """Recompute and persist the global trust of each platform whose interactions changed (the AFTER_INGEST step).

    Cheap when they did not (one fingerprint query per platform); warm-started from the
    persisted scores when they did. Other changes (a profile's counts, new judgements) are
    picked up when trust is next asked for. Does nothing on a read-only store.
    """
    con = sql.connection(store)
    if store.read_only:
        return
    for platform, last in sql.last_fingerprints(con).items():
        fingerprint = sql.fingerprint(con, platform)
        if last is None:
            changed = int(fingerprint.split("|")[0]) > 0  # never computed: only once it has interactions
        else:
            changed = sql.interactions_part(last) != sql.interactions_part(fingerprint)
        if changed:
            _recompute(store, platform, fingerprint, persist=True, warm=last is not None)


#: The columns of a score row, after the account id.
COLUMNS = ("score", "trust", "rank", "percentile", "prior", "outgoing")
ScoreRow = tuple[float, float, int, float, float, float]


@dataclass(frozen=True)
class _Known:
    """Every account's score row, held in memory for one state of one platform."""

    ids: Sequence[str]
    index: Callable[[str], int | None]
    rows: np.ndarray  # one row per account, columns as COLUMNS

    def get(self, wanted: Iterable[str] | None) -> dict[str, ScoreRow]:
        accounts, block = self._gather(wanted, slice(None))
        return {account: (r[0], r[1], int(r[2]), r[3], r[4], r[5]) for account, r in zip(accounts, block, strict=True)}

    def column(self, wanted: Iterable[str] | None, column: int) -> dict[str, float]:
        """One column of :meth:`get` (``COLUMNS[column]``): no row tuples made."""
        accounts, values = self._gather(wanted, column)
        return dict(zip(accounts, values, strict=True))

    def _gather(self, wanted: Iterable[str] | None, columns: Any) -> tuple[list[str], list[Any]]:
        index = self.index
        accounts = list(self.ids if wanted is None else wanted)
        positions = [index(account) for account in accounts]
        if None in positions:
            kept = [(a, i) for a, i in zip(accounts, positions, strict=True) if i is not None]
            accounts, positions = [a for a, _ in kept], [i for _, i in kept]
        if not accounts:
            return [], []
        # one gather and one conversion for all: per-row numpy indexing costs microseconds each
        return accounts, self.rows[np.array(positions, dtype=np.int64), columns].tolist()


# Score rows kept per (store, platform, fingerprint): those computed in this process, and those
# read back from the store once asked for twice (a one-shot command reads only what it needs).
_KNOWN: OrderedDict[tuple[Any, ...], _Known] = OrderedDict()
_ASKED: set[tuple[Any, ...]] = set()


def _key(store: Store, platform: str, fingerprint: str) -> tuple[Any, ...]:
    return (store_key(store), platform, fingerprint)


def _drop(store: Any) -> None:
    for old in [k for k in (*_KNOWN, *_ASKED) if k[0] == store]:
        _KNOWN.pop(old, None)
        _ASKED.discard(old)


DROP_HOOKS.append(_drop)


def _keep(key: tuple[Any, ...], known: _Known) -> None:
    for old in [k for k in _KNOWN if k[:2] == key[:2]]:
        del _KNOWN[old]
    _KNOWN[key] = known
    while len(_KNOWN) > 4:
        _KNOWN.popitem(last=False)


def _recompute(store: Store, platform: str, fingerprint: str, *, persist: bool, warm: bool = True) -> _Known:
    """Build the graph, rank it (warm-started from the persisted scores, if any and ``warm``),
    persist (if asked), keep."""
    began = time.perf_counter()
    con = sql.connection(store)
    graph = graph_of_state(store, platform, fingerprint)
    start = None
    if warm and graph.accounts:
        start = sql.previous_scores(con, platform, pa.array(graph.ids, pa.string()))
    ranking = rank_graph(graph, start=start)
    columns = _columns(graph, ranking.scores)
    if persist:
        scores = pa.table({"account_id": pa.array(graph.ids, pa.string()), **columns},
                          schema=pa.schema(sql.SCORE_TYPES))
        sql.write_trust(con, platform, scores, _discount_table(graph), {
            "computed_at": datetime.now(UTC), "as_of": graph.as_of, "fingerprint": fingerprint,
            "accounts": graph.accounts, "edges": graph.edges, "iterations": ranking.iterations,
            "residual": ranking.residual, "warm": start is not None, "seconds": time.perf_counter() - began,
        })
    rows = np.column_stack([columns[name] for name in COLUMNS]) if graph.accounts else np.zeros((0, 6))
    known = _Known(graph.ids, graph.index, rows)
    _keep(_key(store, platform, fingerprint), known)
    return known


def _columns(graph: TrustGraph, scores: np.ndarray) -> dict[str, np.ndarray]:
    from scipy.stats import rankdata  # here, not at import: scipy.stats costs ~1 s of start-up for every command

    n = graph.accounts
    below = rankdata(scores, method="min") - 1 if n else np.zeros(0)  # accounts strictly less trusted
    rank = rankdata(-scores, method="min") if n else np.zeros(0)
    return {"score": scores, "trust": scores * n, "rank": rank.astype(np.int64),
            "percentile": 100.0 * below / max(n - 1, 1), "prior": graph.prior[:n], "outgoing": graph.outgoing}


def _discount_table(graph: TrustGraph) -> pa.Table:
    rows = list(graph.discount_rows)
    return pa.Table.from_struct_array(pa.array(rows, type=pa.struct(sql.DISCOUNT_TYPES)))


def current_scores(store: Store, platform: str, account_ids: Iterable[str] | None = None, *,
                   fingerprint: str | None = None) -> dict[str, ScoreRow]:
    """``account → (score, trust, rank, percentile, prior, outgoing)``, recomputed first if stale.

    Persisted scores are used while the data is unchanged since they were computed; otherwise
    they are recomputed (and persisted unless the store is read-only). Accounts not in the
    platform's graph are left out. ``fingerprint``: the store's state, when the caller has just
    read it (:func:`referral_engine.store.graph.fingerprint`).
    """
    wanted = None if account_ids is None else list(account_ids)
    known = _known(store, platform, wanted, fingerprint)
    return known.get(wanted) if isinstance(known, _Known) else known


def _known(store: Store, platform: str, wanted: list[str] | None, fingerprint: str | None
           ) -> _Known | dict[str, ScoreRow]:
    """The platform's score rows in memory, or, the first time a state is asked for a few accounts,
    just their rows read from the store."""
    con = sql.connection(store)
    if fingerprint is None:
        fingerprint = sql.store_fingerprint(store, platform)
    key = _key(store, platform, fingerprint)
    known = _KNOWN.get(key)
    if known is None:
        run = sql.last_run(con, platform)
        if run is None or run["fingerprint"] != fingerprint:
            known = _recompute(store, platform, fingerprint, persist=not store.read_only, warm=run is not None)
        elif key in _ASKED or wanted is None:
            ids, rows = sql.all_scores(con, platform)
            known = _Known(ids, dict(zip(ids, range(len(ids)), strict=True)).get, rows)
            _keep(key, known)
        else:
            _ASKED.difference_update([k for k in _ASKED if k[:2] == key[:2]])
            _ASKED.add(key)
            return sql.read_scores(con, platform, wanted)
    return known


def global_trust(store: Store, platform: str, account_ids: Iterable[str] | None = None, *,
                 fingerprint: str | None = None) -> dict[str, float]:
    """Global trust of some accounts (all when ``account_ids`` is None): 1.0 = an average account.

    Accounts not in the platform's graph are left out of the result. ``fingerprint``: as for
    :func:`current_scores`.
    """
    wanted = None if account_ids is None else list(account_ids)
    known = _known(store, platform, wanted, fingerprint)
    if isinstance(known, _Known):
        return known.column(wanted, COLUMNS.index("trust"))
    return {account: row[1] for account, row in known.items()}


def personal_trust(store: Store, platform: str, account_id: str, *, limit: int | None = None,
                   fingerprint: str | None = None) -> dict[str, float]:
    """How much ``account_id`` trusts each account it reaches: its personalized PageRank.

    A walk that starts at the account, follows its trust edges, and returns home with
    probability 0.15 at each step; a score is the share of time spent at an account. The
    account itself is **excluded**, so the scores sum to less than 1 (what remains is the
    time at home, and the push's approximation error). Largest first; ``limit`` keeps the
    first ones. An account not in the graph trusts nobody (empty result). ``fingerprint``: as for
    :func:`current_scores`.
    """
    graph = trust_graph(store, platform) if fingerprint is None else graph_of_state(store, platform, fingerprint)
    seed = graph.index(account_id)
    if seed is None:
        return {}
    found = personal_rank(graph.indptr, graph.indices, graph.weights, {seed: 1.0}, alpha=WEIGHTS.personal_alpha,
                          epsilon=WEIGHTS.personal_epsilon, out_strength=graph.out_strength)
    found.pop(seed, None)
    found.pop(graph.sink, None)
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    if limit is not None:
        ranked = ranked[:limit]
    return {graph.ids[i]: score for i, score in ranked}


__all__ = ["current_scores", "global_trust", "personal_trust", "rank_graph", "refresh_trust"]
