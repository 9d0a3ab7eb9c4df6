"""The global-trust walk's layout: nodes without in-edges sort last and the product skips them."""

from __future__ import annotations

import numpy as np
import pytest

from referral_engine.trust import rank
from referral_engine.trust.rank import global_rank


def csr(n: int, edges: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    edges = sorted(edges)
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.add.at(indptr, [u + 1 for u, _, _ in edges], 1)
    return (
        np.cumsum(indptr).astype(np.int32),
        np.array([v for _, v, _ in edges], dtype=np.int32),
        np.array([w for _, _, w in edges], dtype=np.float64),
    )


def exact(n: int, edges: list[tuple[int, int, float]], prior: np.ndarray, damping: float) -> np.ndarray:
    """x = d·(Pᵀx + (dangling·x)·prior) + (1−d)·prior, solved densely."""
    weight = np.zeros((n, n))
    for u, v, w in edges:
        weight[u, v] += w
    strength = weight.sum(axis=1)
    jump = prior / prior.sum()
    walk = np.where(strength[:, None] > 0, weight / np.maximum(strength, 1e-300)[:, None], jump)
    return np.linalg.solve(np.eye(n) - damping * walk.T, (1 - damping) * jump)


def mention_graph(rng: np.random.Generator, n: int, mentioned: int) -> list[tuple[int, int, float]]:
    """Most accounts mention a few of ``mentioned`` popular ones and are never mentioned back;
    a few are reached only by zero-weight edges (empty rows that do not sort last)."""
    edges = [(int(u), int(v), float(rng.uniform(0.5, 3))) for u in range(n) for v in rng.choice(mentioned, 3)]
    edges = [(u, v, w) for u, v, w in edges if u != v]
    edges += [(0, n - 1, 0.0), (1, n - 2, 0.0)]
    return edges


def test_only_the_rows_with_in_edges_are_multiplied() -> None:
    rng = np.random.default_rng(11)
    n = 300
    edges = mention_graph(rng, n, 20)
    walk = rank._walk(*csr(n, edges), 0.85)
    row_lengths = np.diff(walk.matrix.indptr)
    has_in_edge = np.zeros(n, dtype=bool)
    has_in_edge[[v for _, v, w in edges if w > 0]] = True
    assert walk.rows == has_in_edge.sum() <= 20
    assert np.all(row_lengths[walk.rows :] == 0)
    assert np.all(row_lengths[: walk.rows] > 0)
    assert np.array_equal(np.sort(walk.order[: walk.rows]), np.flatnonzero(has_in_edge))


@pytest.mark.parametrize("warm", [False, True])
def test_a_mention_graph_gives_exact_pagerank(warm: bool) -> None:
    rng = np.random.default_rng(12)
    n = 250
    edges = mention_graph(rng, n, 15)
    prior = rng.uniform(0.5, 1.5, n)
    truth = exact(n, edges, prior, 0.85)
    start = rng.uniform(0, 1, n) if warm else None  # not proportional to the prior
    ranking = global_rank(*csr(n, edges), prior, tol=1e-14, max_iter=1000, start=start)
    np.testing.assert_allclose(ranking.scores, truth, atol=1e-13)
    # A node nobody points at holds exactly what restarts there: restart mass × its prior.
    never = np.setdiff1d(np.arange(n), [v for _, v, w in edges if w > 0])
    jump = prior / prior.sum()
    ratio = ranking.scores[never] / jump[never]
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-12)


def test_graphs_without_usable_edges() -> None:
    prior = np.array([1.0, 2.0, 3.0])
    nothing = global_rank(np.zeros(4, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0), prior)
    np.testing.assert_allclose(nothing.scores, prior / prior.sum())
    zero = global_rank(*csr(3, [(0, 1, 0.0), (1, 2, 0.0)]), prior)
    np.testing.assert_allclose(zero.scores, prior / prior.sum())
    assert rank._walk(*csr(3, [(0, 1, 0.0)]), 0.85).rows == 0
