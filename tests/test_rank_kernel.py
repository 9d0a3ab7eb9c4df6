"""The compiled power iteration (trust/_kernel.c): built by the install, the same answers as the
numpy iteration it replaces, memory-safe whatever it is given, and off the GIL while it runs."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from referral_engine.trust import _kernel, rank
from referral_engine.trust.rank import global_rank

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import trust_data
from conftest import shared
from gil import assert_runs_without_the_gil


def csr(n: int, rng: np.random.Generator, edges: int, zero: float = 0.0) -> tuple[np.ndarray, ...]:
    """A random CSR of out-edges (repeated pairs and self-loops allowed), some weights zero."""
    sources = np.sort(rng.integers(0, n, edges))
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(sources, minlength=n), out=indptr[1:])
    weights = rng.uniform(0.1, 3.0, edges) * (rng.random(edges) >= zero)
    return indptr, rng.integers(0, n, edges).astype(np.int32), weights


def both(walk: rank._Walk, jump: np.ndarray, x: np.ndarray, **options: float) -> tuple[rank.Ranking, rank.Ranking]:
    damping, tol, max_iter = options.get("damping", 0.85), options.get("tol", 1e-12), int(options.get("max_iter", 500))
    compiled = rank._iterate_compiled(walk, jump, damping, tol, max_iter, x.copy())
    numpy = rank._iterate_numpy(walk, jump, damping, tol, max_iter, x.copy())
    return compiled, numpy


def test_the_install_built_the_kernel_and_global_rank_uses_it() -> None:
    assert rank._kernel is _kernel
    assert callable(_kernel.power_iterate)


@pytest.mark.parametrize(
    ("n", "edges", "zero", "damping", "warm", "max_iter"),
    [
        (1, 0, 0.0, 0.85, False, 500),
        (7, 3, 0.0, 0.85, False, 500),  # most nodes without in-edges
        (50, 400, 0.2, 0.85, True, 500),  # zero-weight rows: dangling
        (300, 200, 0.0, 0.5, False, 500),
        (2000, 20_000, 0.05, 0.95, True, 500),
        (2000, 20_000, 0.0, 0.85, False, 3),  # stopped by max_iter
        (2000, 20_000, 0.0, 0.85, False, 0),  # no step at all: the start comes back
    ],
)
def test_compiled_and_numpy_iterations_agree(
    n: int, edges: int, zero: float, damping: float, warm: bool, max_iter: int
) -> None:
    rng = np.random.default_rng(n + edges)
    indptr, indices, weights = csr(n, rng, edges, zero)
    walk = rank._walk(indptr, indices, weights, damping)
    prior = rng.uniform(0.5, 1.5, n)
    jump = (prior / prior.sum())[walk.order]
    start = rng.uniform(0, 1, n) if warm else jump
    compiled, numpy = both(walk, jump, start / start.sum(), damping=damping, max_iter=max_iter)
    assert compiled.iterations == numpy.iterations <= max_iter
    assert np.abs(compiled.scores - numpy.scores).sum() < 1e-13
    if max_iter:
        assert compiled.residual == pytest.approx(numpy.residual, rel=1e-6, abs=1e-15)
    else:
        assert compiled.residual == numpy.residual == float("inf")


def test_64_bit_row_pointers_give_the_same_scores() -> None:
    rng = np.random.default_rng(5)
    n = 500
    walk = rank._walk(*csr(n, rng, 4000), 0.85)
    jump = np.full(n, 1.0 / n)
    wide = rank._Walk(walk.matrix.copy(), walk.order, walk.dangling, walk.rows)
    wide.matrix.indptr = wide.matrix.indptr.astype(np.int64)
    narrow = rank._iterate_compiled(walk, jump, 0.85, 1e-12, 500, jump.copy())
    assert rank._iterate_compiled(wide, jump, 0.85, 1e-12, 500, jump.copy()).scores.tolist() == narrow.scores.tolist()


@pytest.mark.parametrize("source", ["generated", "higgs"])
def test_compiled_and_numpy_agree_on_higgs_sized_graphs(source: str) -> None:
    if source == "higgs":
        graph = trust_data.higgs(shared("graph", "higgs-twitter"))
    else:  # as many accounts and interactions as Higgs, power-law
        graph = trust_data.generate(116_408, 150_000, seed=2)
    prior = np.random.default_rng(1).uniform(0.5, 1.5, graph.nodes)
    walk = rank._walk(graph.indptr, graph.indices, graph.weights, 0.85)
    jump = (prior / prior.sum())[walk.order]
    compiled, numpy = both(walk, jump, jump, tol=1e-10, max_iter=200)
    assert compiled.residual < 1e-10 and compiled.iterations == numpy.iterations >= 20
    assert np.abs(compiled.scores - numpy.scores).sum() < 1e-12
    # ... and through the public call, against the fallback the tests otherwise never take
    ours = global_rank(graph.indptr, graph.indices, graph.weights, prior)
    scores = np.empty(graph.nodes)
    scores[walk.order] = numpy.scores
    assert np.abs(ours.scores - scores).sum() < 1e-12


def test_global_rank_without_the_kernel_is_the_same_pagerank(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(9)
    graph = csr(400, rng, 3000, zero=0.1)
    prior = rng.uniform(0.5, 1.5, 400)
    compiled = global_rank(*graph, prior, tol=1e-13, max_iter=1000)
    monkeypatch.setattr(rank, "_kernel", None)
    fallback = global_rank(*graph, prior, tol=1e-13, max_iter=1000)
    assert np.abs(compiled.scores - fallback.scores).sum() < 1e-13


def valid() -> dict[str, np.ndarray]:
    """Arguments of power_iterate for the chain 0 → 1 → 2 → 3 (in-edge CSR: row v lists v's
    source), node 3 dangling, a uniform prior."""
    return {
        "indptr": np.array([0, 0, 1, 2, 3], dtype=np.int32),
        "indices": np.array([0, 1, 2], dtype=np.int32),
        "data": np.full(3, 0.85),
        "jump": np.full(4, 0.25),
        "dangling": np.array([3], dtype=np.int64),
        "x": np.full(4, 0.25),
        "y": np.zeros(4),
    }


def call(arrays: dict[str, object], damping: float = 0.85) -> tuple[int, float, bool]:
    order = ("indptr", "indices", "data", "jump", "dangling", "x", "y")
    return _kernel.power_iterate(*(arrays[k] for k in order), damping, 1e-12, 100)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        ({"indices": np.array([0, 1, 4], dtype=np.int32)}, ValueError, "not a node"),
        ({"indices": np.array([0, -1, 2], dtype=np.int32)}, ValueError, "not a node"),
        ({"dangling": np.array([4], dtype=np.int64)}, ValueError, "not a node"),
        ({"dangling": np.array([-1], dtype=np.int64)}, ValueError, "not a node"),
        ({"indptr": np.array([0, 2, 1, 2, 3], dtype=np.int32)}, ValueError, "indptr"),
        ({"indptr": np.array([1, 1, 1, 2, 3], dtype=np.int32)}, ValueError, "indptr"),
        ({"indptr": np.array([0, 0, 1, 2, 4], dtype=np.int32)}, ValueError, "indptr"),
        ({"indptr": np.array([0, 0, 0, 1, 2, 3], dtype=np.int32)}, ValueError, "lengths"),
        ({"data": np.full(2, 0.85)}, ValueError, "lengths"),
        ({"x": np.full(5, 0.2)}, ValueError, "lengths"),
        ({"indices": np.array([0, 1, 2], dtype=np.int64)}, TypeError, "indices"),
        ({"indices": np.array([0.0, 1.0, 2.0])}, TypeError, "indices"),
        ({"data": np.full(3, 0.85, dtype=np.float32)}, TypeError, "data"),
        ({"jump": np.full(4, 0.25, dtype=">f8")}, TypeError, "jump"),
        ({"x": np.full(8, 0.25)[::2]}, TypeError, "x"),
        ({"y": [0.0, 0.0, 0.0, 0.0]}, TypeError, "y"),
        ({"indptr": np.array([0.0, 1.0, 2.0, 3.0, 4.0])}, TypeError, "indptr"),
    ],
)
def test_the_kernel_refuses_what_it_cannot_read_safely(
    change: dict[str, object], error: type[Exception], match: str
) -> None:
    arrays: dict[str, object] = {**valid(), **change}
    with pytest.raises(error, match=match):
        call(arrays)


def test_the_kernel_refuses_read_only_or_overlapping_scores() -> None:
    arrays = valid()
    frozen = arrays["x"].copy()
    frozen.flags.writeable = False
    with pytest.raises(TypeError, match="x"):
        call({**arrays, "x": frozen})
    both = np.full(8, 0.25)
    with pytest.raises(ValueError, match="overlap"):
        call({**arrays, "x": both[:4], "y": both[2:6]})
    with pytest.raises(ValueError, match="overlap"):
        call({**arrays, "y": arrays["jump"]})
    with pytest.raises(ValueError, match="damping"):
        call(arrays, damping=1.0)
    iterations, residual, in_y = call(arrays)  # the valid arguments do run, to the exact PageRank
    walk = np.zeros((4, 4))
    walk[[0, 1, 2], [1, 2, 3]] = 1.0
    walk[3] = 0.25  # the dangling node's walkers restart at the prior
    exact = np.linalg.solve(np.eye(4) - 0.85 * walk.T, np.full(4, 0.15 * 0.25))
    assert 0 < iterations < 100 and residual < 1e-12
    np.testing.assert_allclose(arrays["y" if in_y else "x"], exact, atol=1e-12)


def test_the_loop_runs_without_the_gil() -> None:
    """While one thread iterates, another keeps running Python: with the GIL held it would stall
    for the whole call."""
    rng = np.random.default_rng(4)
    n, per_row = 200_000, 10
    arrays = {
        "indptr": np.arange(0, n * per_row + 1, per_row, dtype=np.int32),
        "indices": rng.integers(0, n, n * per_row).astype(np.int32),
        "data": np.full(n * per_row, 0.85 / per_row),
        "jump": np.full(n, 1.0 / n),
        "dangling": np.zeros(0, dtype=np.int64),
        "x": np.full(n, 1.0 / n),
        "y": np.empty(n),
    }
    assert_runs_without_the_gil(lambda: _kernel.power_iterate(*arrays.values(), 0.85, 0.0, 60))


def test_the_bench_measures_both_iterations(monkeypatch: pytest.MonkeyPatch) -> None:
    """bench/trust.py's row for the numpy iteration times that iteration, not the compiled one."""
    import trust

    graph = trust_data.generate(500, 3000, seed=4)
    prior = np.ones(graph.nodes)
    compiled = trust.ours(graph, prior, 1)
    fallback = trust.ours(graph, prior, 1, compiled=False)
    assert rank._kernel is _kernel  # put back after the fallback's run
    assert "C iteration" in compiled["library"] and "numpy" in fallback["library"]
    assert np.abs(compiled["scores"] - fallback["scores"]).sum() < 1e-13
    assert compiled["probe"](3).iterations == 3

    def compiled_called(*args: object) -> None:
        raise AssertionError("the fallback's probe ran the compiled iteration")

    monkeypatch.setattr(rank, "_iterate_compiled", compiled_called)
    monkeypatch.setattr(_kernel, "power_iterate", compiled_called)
    assert fallback["probe"](3).iterations == 3
