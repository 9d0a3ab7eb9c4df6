"""The numeric trust kernels against exact answers from dense linear algebra."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referral_engine.trust.rank import Ranking, global_rank, personal_rank


def csr(n: int, edges: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR of out-edges from (source, target, weight) triples."""
    edges = sorted(edges)
    indptr = np.zeros(n + 1, dtype=np.int32)
    for u, _, _ in edges:
        indptr[u + 1] += 1
    indptr = np.cumsum(indptr).astype(np.int32)
    indices = np.array([v for _, v, _ in edges], dtype=np.int32)
    weights = np.array([w for _, _, w in edges], dtype=np.float64)
    return indptr, indices, weights


def random_graph(rng: np.random.Generator, n: int, m: int, zero_rows: int = 0) -> list[tuple[int, int, float]]:
    sources = rng.integers(0, n, m)
    targets = rng.integers(0, n, m)
    weights = rng.uniform(0.1, 5.0, m)
    edges = [(int(u), int(v), float(w)) for u, v, w in zip(sources, targets, weights, strict=True)]
    # A few rows whose weights are all zero: they must behave as dangling nodes.
    for u in rng.choice(n, size=zero_rows, replace=False):
        edges = [(a, b, 0.0 if a == u else w) for a, b, w in edges]
    return edges


def exact_pagerank(n: int, edges: list[tuple[int, int, float]], prior: np.ndarray, damping: float) -> np.ndarray:
    """Solve x = d·(Pᵀx + (dangling·x)·prior) + (1−d)·prior exactly (dense)."""
    weight = np.zeros((n, n))
    for u, v, w in edges:
        weight[u, v] += w
    strength = weight.sum(axis=1)
    dangling = strength <= 0
    walk = np.zeros((n, n))
    walk[~dangling] = weight[~dangling] / strength[~dangling, None]
    jump = prior / prior.sum()
    walk[dangling] = jump
    return np.linalg.solve(np.eye(n) - damping * walk.T, (1 - damping) * jump)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 30),
    density=st.floats(0.0, 4.0),
    damping=st.sampled_from([0.5, 0.85, 0.95]),
    seed=st.integers(0, 2**32 - 1),
)
def test_global_rank_is_exact_pagerank(n: int, density: float, damping: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    edges = random_graph(rng, n, int(density * n), zero_rows=min(2, n) if rng.random() < 0.3 else 0)
    prior = rng.uniform(0, 1, n) * (rng.random(n) < 0.7)
    prior[rng.integers(n)] += 0.5
    ranking = global_rank(*csr(n, edges), prior, damping=damping, tol=1e-13, max_iter=2000)
    assert isinstance(ranking, Ranking)
    assert ranking.scores.dtype == np.float64
    assert ranking.residual < 1e-13
    assert ranking.scores.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(ranking.scores, exact_pagerank(n, edges, prior, damping), atol=1e-11)


def test_global_rank_matches_networkx() -> None:
    nx = pytest.importorskip("networkx")
    rng = np.random.default_rng(7)
    n = 60
    edges = random_graph(rng, n, 240)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for u, v, w in edges:  # networkx keeps one edge per pair: sum duplicates as our CSR does
        graph.add_edge(u, v, weight=graph.get_edge_data(u, v, {"weight": 0.0})["weight"] + w)
    prior = rng.uniform(0, 1, n)
    ours = global_rank(*csr(n, edges), prior, tol=1e-12).scores
    jump = dict(enumerate(prior / prior.sum()))
    theirs = nx.pagerank(graph, alpha=0.85, personalization=jump, dangling=jump, tol=1e-13, max_iter=1000)
    np.testing.assert_allclose(ours, [theirs[i] for i in range(n)], atol=1e-9)


def test_dangling_and_zero_weight_rows_restart_at_the_prior() -> None:
    # 0 → 1 → 2, node 2 has no out-edges, node 3 has only a zero-weight edge to 0.
    edges = [(0, 1, 1.0), (1, 2, 2.0), (3, 0, 0.0)]
    prior = np.array([0.0, 0.0, 0.0, 1.0])
    scores = global_rank(*csr(4, edges), prior, tol=1e-14, max_iter=1000).scores
    # Node 3 is only reached by jumps; it passes nothing on, so node 0 gets nothing.
    np.testing.assert_allclose(scores, exact_pagerank(4, edges, prior, 0.85), atol=1e-12)
    assert scores[0] == pytest.approx(0.0, abs=1e-15)
    assert scores[3] == pytest.approx(1.0)


def test_warm_start_converges_in_fewer_iterations() -> None:
    rng = np.random.default_rng(3)
    n = 2000
    edges = random_graph(rng, n, 10_000)
    prior = np.ones(n)
    before = global_rank(*csr(n, edges), prior)
    more = edges + random_graph(rng, n, 50)  # a small ingest: 0.5% more interactions
    cold = global_rank(*csr(n, more), prior)
    warm = global_rank(*csr(n, more), prior, start=before.scores)
    assert warm.iterations < cold.iterations
    np.testing.assert_allclose(warm.scores, cold.scores, atol=1e-9)


def test_global_rank_rejects_bad_input() -> None:
    indptr, indices, weights = csr(3, [(0, 1, 1.0)])
    with pytest.raises(ValueError, match="prior"):
        global_rank(indptr, indices, weights, np.zeros(3))
    with pytest.raises(ValueError, match="prior"):
        global_rank(indptr, indices, weights, np.array([1.0, -1.0, 1.0]))
    with pytest.raises(ValueError, match="prior"):
        global_rank(indptr, indices, weights, np.ones(4))
    with pytest.raises(ValueError, match="outside"):
        global_rank(indptr, np.array([5], dtype=np.int32), weights, np.ones(3))
    with pytest.raises(ValueError, match="weights"):
        global_rank(indptr, indices, np.array([-1.0]), np.ones(3))
    with pytest.raises(ValueError, match="weights"):
        global_rank(indptr, indices, np.array([np.nan]), np.ones(3))
    assert global_rank(np.zeros(1, dtype=np.int32), indices[:0], weights[:0], np.zeros(0)).scores.size == 0


def reachable(indptr: np.ndarray, indices: np.ndarray, seeds: list[int]) -> set[int]:
    seen, stack = set(seeds), list(seeds)
    while stack:
        u = stack.pop()
        for v in indices[indptr[u] : indptr[u + 1]].tolist():
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return seen


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 40),
    density=st.floats(0.0, 5.0),
    alpha=st.sampled_from([0.15, 0.3, 0.6]),
    epsilon=st.sampled_from([1e-2, 1e-3, 1e-5]),
    seed=st.integers(0, 2**32 - 1),
    pass_strength=st.booleans(),
)
def test_personal_rank_is_within_its_bound_of_exact_ppr(
    n: int, density: float, alpha: float, epsilon: float, seed: int, pass_strength: bool
) -> None:
    rng = np.random.default_rng(seed)
    edges = random_graph(rng, n, int(density * n), zero_rows=1 if rng.random() < 0.3 else 0)
    indptr, indices, weights = csr(n, edges)
    chosen = rng.choice(n, size=int(rng.integers(1, 3)), replace=False).tolist()
    seeds = {int(s): float(rng.uniform(0.5, 2.0)) for s in chosen}
    strength = np.bincount(np.repeat(np.arange(n), np.diff(indptr)), weights=weights, minlength=n)
    found = personal_rank(
        indptr, indices, weights, seeds, alpha=alpha, epsilon=epsilon, out_strength=strength if pass_strength else None
    )
    prior = np.zeros(n)
    for s, w in seeds.items():
        prior[s] = w
    exact = exact_pagerank(n, edges, prior, 1 - alpha)
    approx = np.zeros(n)
    for node, score in found.items():
        approx[node] = score
    assert set(found) <= reachable(indptr, indices, list(seeds))
    assert np.all(approx <= exact + 1e-12)  # pushing never overshoots
    touched = reachable(indptr, indices, list(seeds))
    bound = epsilon * sum(max(int(indptr[u + 1] - indptr[u]), 1) for u in touched)
    assert np.abs(exact - approx).sum() <= bound + 1e-12
    if epsilon <= 1e-5:
        np.testing.assert_allclose(approx, exact, atol=epsilon * max(np.diff(indptr).max(), 1) * n)


def test_personal_rank_stays_in_the_seed_component() -> None:
    # Two components: {0, 1, 2} and {3, 4}; node 2 → 0 closes a cycle.
    edges = [(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0), (4, 3, 1.0)]
    found = personal_rank(*csr(5, edges), {0: 1.0}, epsilon=1e-8)
    assert set(found) == {0, 1, 2}
    assert found[0] > found[1] > found[2]
    assert sum(found.values()) == pytest.approx(1.0, abs=1e-6)


def test_personal_rank_allocates_nothing_graph_sized() -> None:
    # Two million accounts, of which the seed's neighbourhood is a 200-node ring.
    n, ring = 2_000_000, 200
    indptr = np.zeros(n + 1, dtype=np.int32)
    indptr[1 : ring + 1] = 2
    indptr = np.cumsum(indptr, dtype=np.int64).astype(np.int32)
    indices = np.array([[(u + 1) % ring, (u + 7) % ring] for u in range(ring)], dtype=np.int32).ravel()
    weights = np.ones(indices.size)
    tracemalloc.start()
    found = personal_rank(indptr, indices, weights, {0: 1.0}, epsilon=1e-6)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert set(found) == set(range(ring))
    assert peak < 1_000_000  # bytes; one float array over the graph would be 16 MB


def test_personal_rank_rejects_bad_seeds() -> None:
    graph = csr(3, [(0, 1, 1.0)])
    assert personal_rank(*graph, {}) == {}
    with pytest.raises(ValueError, match="outside"):
        personal_rank(*graph, {3: 1.0})
    with pytest.raises(ValueError, match="seed weights"):
        personal_rank(*graph, {0: 0.0})
    with pytest.raises(ValueError, match="alpha"):
        personal_rank(*graph, {0: 1.0}, alpha=0.0)
