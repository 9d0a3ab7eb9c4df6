"""The compiled push of personal trust (``_kernel.personal_push``): the same scores as the numpy
rounds it replaces (``rank._Push``), memory-safe whatever it is given, off the GIL while it runs."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from referral_engine.trust import _kernel, rank
from referral_engine.trust.rank import personal_rank

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import trust_data
from conftest import shared
from gil import assert_runs_without_the_gil
from trust import numpy_iteration as numpy_push  # the module put aside, as where it is not built

Graph = tuple[np.ndarray, np.ndarray, np.ndarray]


def strength_of(graph: Graph) -> np.ndarray:
    indptr, _, weights = graph
    n = len(indptr) - 1
    return np.bincount(np.repeat(np.arange(n), np.diff(indptr)), weights=weights, minlength=n)


def agree(graph: Graph, seeds: dict[int, float], *, strength: bool = True, **options: float) -> dict[int, float]:
    """The compiled and the numpy push from ``seeds``: the same nodes scored, each score within
    1e-12 (relative) of numpy's (only the order of float additions differs). Returns C's."""
    given = strength_of(graph) if strength else None
    compiled = personal_rank(*graph, seeds, out_strength=given, **options)  # type: ignore[arg-type]
    with numpy_push():
        numpy = personal_rank(*graph, seeds, out_strength=given, **options)  # type: ignore[arg-type]
    assert compiled.keys() == numpy.keys()
    for node, score in numpy.items():
        assert compiled[node] == pytest.approx(score, rel=1e-12, abs=0)
    return compiled


def csr(n: int, edges: list[tuple[int, int, float]], wide: bool = False) -> Graph:
    """CSR of out-edges from (source, target, weight) triples, in the order given per source."""
    edges = sorted(edges, key=lambda e: e[0])
    kind = np.int64 if wide else np.int32
    indptr = np.zeros(n + 1, dtype=kind)
    np.cumsum(np.bincount([u for u, _, _ in edges], minlength=n), out=indptr[1:])
    indices = np.array([v for _, v, _ in edges], dtype=kind)
    return indptr, indices, np.array([w for _, _, w in edges], dtype=np.float64)


def test_the_install_built_the_push_and_personal_rank_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert rank._kernel is _kernel and callable(_kernel.personal_push)
    calls = []
    push = _kernel.personal_push

    def counted(*args: object) -> tuple[bytes, bytes]:
        calls.append(args)
        return push(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_kernel, "personal_push", counted)
    graph = csr(3, [(0, 1, 1.0), (1, 2, 1.0)])
    assert set(personal_rank(*graph, {0: 1.0})) == {0, 1, 2}
    assert len(calls) == 1


# 0 → 1 → 2 → 3 with 3 dangling; 4 has a self-loop and an edge back to 0; 5 is reached only by a
# zero-weight edge; 6's only edge weighs 0 (no out-weight: it restarts at the seeds like 3);
# 7 → 8 is a repeated pair; 9 is unreachable.
HAND = [
    (0, 1, 1.0),
    (0, 4, 2.0),
    (0, 5, 0.0),
    (1, 2, 1.0),
    (1, 6, 0.5),
    (2, 3, 3.0),
    (4, 4, 5.0),
    (4, 0, 1.0),
    (4, 7, 1.0),
    (6, 5, 0.0),
    (7, 8, 1.0),
    (7, 8, 2.0),
    (8, 7, 1.0),
    (8, 2, 0.25),
    (9, 0, 1.0),
]


@pytest.mark.parametrize(
    "seeds",
    [{0: 1.0}, {3: 1.0}, {6: 1.0}, {4: 1.0}, {0: 1.0, 7: 3.0}, {3: 2.0, 6: 1.0, 8: 0.5}, {2: 1.0, 5: 0.0, 9: 1.0}],
)
@pytest.mark.parametrize("alpha", [0.15, 0.5, 1.0])
@pytest.mark.parametrize("epsilon", [1e-3, 1e-6])
@pytest.mark.parametrize("strength", [True, False])
def test_compiled_and_numpy_agree_on_a_hand_graph(
    seeds: dict[int, float], alpha: float, epsilon: float, strength: bool
) -> None:
    graph = csr(10, HAND)
    found = agree(graph, seeds, strength=strength, alpha=alpha, epsilon=epsilon)
    assert 5 not in found  # only zero-weight edges lead there, and its own seed mass is 0
    assert (9 in found) == (9 in seeds)  # no edge leads there
    assert set(found) >= {s for s, mass in seeds.items() if mass > 0}
    assert 0 < sum(found.values()) <= 1 + 1e-12
    if alpha == 1.0:  # nothing is passed on: the scores are the seeds' shares
        total = sum(seeds.values())
        assert found == pytest.approx({s: m / total for s, m in seeds.items() if m > 0}, rel=1e-15)


def test_a_dangling_node_restarts_at_the_seeds() -> None:
    # 0 → 1, 1 dangling: the walk alternates 0, 1, 0, ... so the exact scores are 1/(2 - α) and
    # (1 - α)/(2 - α); the push gets within epsilon of them.
    graph = csr(2, [(0, 1, 1.0)])
    found = agree(graph, {0: 1.0}, epsilon=1e-12)
    assert found[0] == pytest.approx(1 / 1.85, abs=1e-10)
    assert found[1] == pytest.approx(0.85 / 1.85, abs=1e-10)


def test_the_index_widths_give_the_same_scores() -> None:
    narrow, wide = csr(10, HAND), csr(10, HAND, wide=True)
    seeds = {0: 1.0, 7: 3.0}
    expected = personal_rank(*narrow, seeds, epsilon=1e-7)
    for mixed in ((wide[0], narrow[1], narrow[2]), (narrow[0], wide[1], narrow[2]), wide):
        assert personal_rank(*mixed, seeds, epsilon=1e-7) == expected


def test_arrays_the_kernel_cannot_read_as_they_are_take_the_numpy_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = csr(10, HAND)
    expected = personal_rank(*graph, {0: 1.0})

    def refused(*args: object) -> None:
        raise AssertionError("the kernel was given arrays it does not read")

    monkeypatch.setattr(_kernel, "personal_push", refused)
    indptr, indices, weights = graph
    strided = np.repeat(weights, 2)[::2]
    misaligned = np.frombuffer(b"\0" + weights.tobytes(), dtype=np.float64, offset=1)
    for changed in (
        (indptr, indices, weights.astype(np.float32)),
        (indptr, indices, strided),
        (indptr, indices, misaligned),
        (indptr.astype(np.int16), indices, weights),
        (indptr, indices.astype(np.uint32), weights),
    ):
        found = personal_rank(*changed, {0: 1.0})  # type: ignore[arg-type]
        assert found.keys() == expected.keys()
        assert list(found.values()) == pytest.approx(list(expected.values()), rel=1e-6)
    found = personal_rank(*graph, {0: 1.0}, out_strength=strength_of(graph).astype(np.float32))
    assert found.keys() == expected.keys()


def test_compiled_and_numpy_agree_on_a_generated_graph_from_many_seeds() -> None:
    generated = trust_data.generate(100_000, 1_000_000, seed=5)
    graph = (generated.indptr, generated.indices, generated.weights)
    degree = np.diff(generated.indptr)
    rng = np.random.default_rng(3)
    singles = rng.choice(np.flatnonzero(degree > 0), size=20, replace=False).tolist()
    hubs = np.argsort(-degree, kind="stable")[:3].tolist()
    scored = []
    for i, seed in enumerate(singles + hubs):
        scored.append(len(agree(graph, {seed: 1.0}, strength=i % 3 != 0)))
    for size in (2, 5, 40):  # several seeds, unequal masses, some without out-edges
        chosen = rng.choice(generated.nodes, size=size, replace=False).tolist()
        agree(graph, {s: float(rng.uniform(0.1, 3.0)) for s in chosen})
    assert min(scored) > 0 and max(scored) > 1_000  # the hubs reach far


def test_compiled_and_numpy_agree_on_higgs() -> None:
    higgs = trust_data.higgs(shared("graph", "higgs-twitter"))
    graph = (higgs.indptr, higgs.indices, higgs.weights)
    degree = np.diff(higgs.indptr)
    rng = np.random.default_rng(8)
    seeds = rng.choice(np.flatnonzero(degree > 0), size=20, replace=False).tolist()
    seeds += np.argsort(-degree, kind="stable")[:3].tolist()
    for i, seed in enumerate(seeds):
        agree(graph, {seed: 1.0}, strength=i % 2 == 0, epsilon=1e-6)
    agree(graph, dict.fromkeys(seeds, 1.0))


def test_queries_from_threads_give_the_answers_of_one_thread() -> None:
    """No state is kept between calls: concurrent queries cannot see each other's nodes."""
    generated = trust_data.generate(20_000, 200_000, seed=6)
    graph = (generated.indptr, generated.indices, generated.weights)
    seeds = np.flatnonzero(np.diff(generated.indptr) > 0)[:24].tolist()
    alone = {seed: personal_rank(*graph, {seed: 1.0}, epsilon=1e-6) for seed in seeds}
    together: dict[int, dict[int, float]] = {}

    def work(part: list[int]) -> None:
        for seed in part:
            together[seed] = personal_rank(*graph, {seed: 1.0}, epsilon=1e-6)

    threads = [threading.Thread(target=work, args=(seeds[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert together == alone


def valid() -> dict[str, object]:
    """Arguments of personal_push on HAND from seeds 0 and 7."""
    indptr, indices, weights = csr(10, HAND)
    return {
        "indptr": indptr,
        "indices": indices,
        "weights": weights,
        "out_strength": strength_of((indptr, indices, weights)),
        "seeds": np.array([0, 7], dtype=np.int64),
        "seed_mass": np.array([0.25, 0.75]),
        "alpha": 0.15,
        "epsilon": 1e-4,
    }


def call(arrays: dict[str, object]) -> tuple[bytes, bytes]:
    return _kernel.personal_push(*arrays.values())  # type: ignore[arg-type]


def changed(name: str, at: int, value: float) -> np.ndarray:
    array = np.array(valid()[name])
    array[at] = value
    return array


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        ({"indices": changed("indices", 3, 10)}, ValueError, "outside the graph"),
        ({"indices": changed("indices", 3, -1)}, ValueError, "outside the graph"),
        ({"indptr": changed("indptr", 1, 20)}, ValueError, "indptr"),  # row 0 ends past the edges
        ({"indptr": changed("indptr", 2, 1)}, ValueError, "indptr"),  # row 1 ends before it starts
        ({"indptr": changed("indptr", 0, 1)}, ValueError, "indptr"),
        ({"indptr": changed("indptr", 10, 14)}, ValueError, "indptr"),
        ({"weights": changed("weights", 0, float("nan"))}, ValueError, "weights"),
        ({"weights": changed("weights", 1, -2.0)}, ValueError, "weights"),
        ({"out_strength": changed("out_strength", 0, float("inf"))}, ValueError, "out_strength"),
        ({"out_strength": changed("out_strength", 0, -1.0)}, ValueError, "out_strength"),
        ({"out_strength": changed("out_strength", 0, 0.5)}, ValueError, "passed the seeds' mass"),
        ({"seeds": np.array([0, 10], dtype=np.int64)}, ValueError, "seeds"),
        ({"seeds": np.array([-1, 7], dtype=np.int64)}, ValueError, "seeds"),
        ({"seeds": np.array([7, 7], dtype=np.int64)}, ValueError, "distinct"),
        ({"seed_mass": np.array([0.25, float("nan")])}, ValueError, "seed_mass"),
        ({"seed_mass": np.array([0.25, -0.75])}, ValueError, "seed_mass"),
        ({"seed_mass": np.array([1.0])}, ValueError, "lengths"),
        ({"weights": np.ones(14)}, ValueError, "lengths"),
        ({"out_strength": np.ones(9)}, ValueError, "lengths"),
        ({"indptr": np.zeros(0, dtype=np.int32)}, ValueError, "lengths"),
        ({"alpha": 0.0}, ValueError, "alpha"),
        ({"alpha": 1.5}, ValueError, "alpha"),
        ({"epsilon": 0.0}, ValueError, "epsilon"),
        ({"epsilon": float("nan")}, ValueError, "epsilon"),
        ({"indices": np.array(valid()["indices"], dtype=np.float64)}, TypeError, "indices"),
        ({"indices": np.array(valid()["indices"], dtype=np.uint32)}, TypeError, "indices"),
        ({"indptr": np.array(valid()["indptr"], dtype=np.int16)}, TypeError, "indptr"),
        ({"weights": np.ones(15, dtype=np.float32)}, TypeError, "weights"),
        ({"weights": np.ones(15, dtype=">f8")}, TypeError, "weights"),
        ({"out_strength": np.ones(20)[::2]}, TypeError, "out_strength"),
        ({"seeds": np.array([0, 7], dtype=np.int32)}, TypeError, "seeds"),
        ({"seed_mass": [0.25, 0.75]}, TypeError, "seed_mass"),
    ],
)
def test_the_push_refuses_what_it_cannot_read_safely(
    change: dict[str, object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        call({**valid(), **change})


def test_the_push_checks_what_it_reads_and_runs_on_what_is_valid() -> None:
    """A bad row is found when the push reads it; one it never reaches costs no check."""
    arrays = valid()
    nodes, scores = call(arrays)
    found = dict(zip(np.frombuffer(nodes, np.int64).tolist(), np.frombuffer(scores).tolist(), strict=True))
    assert set(found) == {0, 1, 2, 3, 4, 6, 7, 8}
    assert call({**arrays, "seeds": np.zeros(0, dtype=np.int64), "seed_mass": np.zeros(0)}) == (b"", b"")
    unreached = {**arrays, "weights": changed("weights", 14, float("nan"))}  # 9 → 0, 9 unreachable
    assert call(unreached) == (nodes, scores)
    unreached["out_strength"] = None
    assert set(np.frombuffer(call(unreached)[0], np.int64).tolist()) == set(found)
    with pytest.raises(ValueError, match="weights"):  # summed when pushed, as node 9 is from there
        call({**unreached, "seeds": np.array([9], dtype=np.int64), "seed_mass": np.ones(1)})


def test_personal_rank_checks_the_arrays_before_either_push() -> None:
    graph = csr(10, HAND)
    with pytest.raises(ValueError, match="CSR"):
        personal_rank(graph[0][:-1], graph[1], graph[2], {0: 1.0})
    with pytest.raises(ValueError, match="CSR"):
        personal_rank(graph[0], graph[1], graph[2][:-1], {0: 1.0})
    with pytest.raises(ValueError, match="out_strength"):
        personal_rank(*graph, {0: 1.0}, out_strength=np.ones(3))
    with pytest.raises(ValueError, match="epsilon"):
        personal_rank(*graph, {0: 1.0}, epsilon=float("inf"))
    with pytest.raises(ValueError, match="passed the seeds' mass"):  # a strength below the row's sum
        personal_rank(*graph, {0: 1.0}, out_strength=np.full(10, 0.1))


def test_the_push_runs_without_the_gil() -> None:
    """While one thread pushes, another keeps running Python: with the GIL held it would stall
    for the whole call."""
    rng = np.random.default_rng(4)
    n, per_row = 200_000, 10
    indptr = np.arange(0, n * per_row + 1, per_row, dtype=np.int32)
    indices = rng.integers(0, n, n * per_row).astype(np.int32)
    weights, seed, mass = np.ones(n * per_row), np.zeros(1, dtype=np.int64), np.ones(1)
    # epsilon small enough for the push to reach most of the graph
    assert_runs_without_the_gil(lambda: _kernel.personal_push(indptr, indices, weights, None, seed, mass, 0.15, 3e-7))


def test_the_bench_times_both_pushes(monkeypatch: pytest.MonkeyPatch) -> None:
    """bench/trust.py's numpy row for personal trust times the numpy rounds, its other row the C push."""
    import trust

    rounds = []
    run = rank._Push.run

    def counted(self: rank._Push, *args: np.ndarray) -> dict[int, float]:
        rounds.append(self)
        return run(self, *args)

    monkeypatch.setattr(rank._Push, "run", counted)
    graph = trust_data.generate(500, 3000, seed=4)
    result = trust.personal(graph, argparse.Namespace(seed=1, queries=6, hub_queries=2))
    assert len(rounds) == 8  # once per query: the other time was the compiled push
    assert rank._kernel is _kernel  # put back after each numpy query
    assert result["all"]["queries"] == result["numpy"]["all"]["queries"] == 8
    assert result["agreement"]["same_accounts_scored"]
    assert result["agreement"]["max_relative_difference"] < 1e-12
