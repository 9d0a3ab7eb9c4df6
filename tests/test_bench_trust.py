"""bench/trust.py's generators and measurements on tiny inputs, so the bench does not rot."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from referral_engine import Store
from referral_engine.trust.rank import global_rank, personal_rank

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import trust_data
from conftest import shared


def test_generated_graph_is_seeded_power_law_csr() -> None:
    graph = trust_data.generate(2_000, 20_000, seed=3)
    again = trust_data.generate(2_000, 20_000, seed=3)
    assert np.array_equal(graph.indptr, again.indptr) and np.array_equal(graph.weights, again.weights)
    assert graph.nodes == 2_000 and graph.indptr[-1] == graph.edges == len(graph.weights)
    sources = np.repeat(np.arange(graph.nodes), np.diff(graph.indptr))
    assert not np.any(sources == graph.indices)  # no self-loops
    keys = sources * graph.nodes + graph.indices
    assert np.all(np.diff(keys) > 0)  # rows sorted, repeated pairs summed into one edge
    assert graph.weights.sum() == pytest.approx(
        sum(trust_data.KIND_WEIGHTS[k] for k in trust_data.interactions_of(2_000, 20_000, 3)[2])
    )
    in_degree = np.bincount(graph.indices, minlength=graph.nodes)
    assert in_degree.max() > 20 * np.median(in_degree)  # skewed: hubs exist


def test_higgs_loads_as_one_weighted_graph() -> None:
    folder = shared("graph", "higgs-twitter")
    graph = trust_data.higgs(folder)
    assert graph.nodes > 100_000 and graph.edges > 100_000
    ranking = global_rank(graph.indptr, graph.indices, graph.weights, np.ones(graph.nodes))
    assert ranking.residual < 1e-10 and ranking.scores.sum() == pytest.approx(1.0)


def test_bench_runs_quick_on_a_tiny_graph(tmp_path: Path) -> None:
    import trust

    result = trust.main(
        [
            "--accounts",
            "3000",
            "--interactions",
            "20000",
            "--quick",
            "--skip-higgs",
            "--skip-store",
            "--networkx-limit",
            "0",
            "--repeats",
            "1",
            "--queries",
            "20",
            "--hub-queries",
            "3",
            "--bandwidth-mb",
            "16",
            "--work",
            str(tmp_path),
        ]
    )
    [graph] = result["global"]
    mine = graph["rows"][0]
    assert mine["iterations"] > 5 and mine["per_iteration_s"] > 0 and graph["floor_s"] > 0
    for row in graph["rows"][1:]:  # the libraries that are installed agree with us
        if "skipped" not in row and "igraph" in row["library"]:
            assert row["agreement"]["l1"] < 1e-6
    assert result["personal"]["all"]["queries"] == 23
    assert (tmp_path / "trust.json").exists()


def test_store_generator_fills_the_tables_who_and_trust_read(tmp_path: Path) -> None:
    import trust_store

    path = tmp_path / "bench.duckdb"
    made = trust_store.build_store(path, 2_000, 10_000, seed=2)
    with Store(path, read_only=True) as store:
        counts = dict(
            store.query(
                "SELECT 'accounts', count(*) FROM accounts UNION ALL SELECT 'interactions', count(*) FROM interactions "
                "UNION ALL SELECT 'endorsements', count(*) FROM endorsements UNION ALL SELECT 'requests', count(*) "
                "FROM requests UNION ALL SELECT 'orphans', count(*) FROM endorsements e "
                "LEFT JOIN requests r ON r.post_id = e.in_reply_to WHERE r.post_id IS NULL"
            )
        )
    assert counts == {
        "accounts": 2_000,
        "interactions": made["interactions"],
        "endorsements": made["endorsements"],
        "requests": made["requests"],
        "orphans": 0,
    }


def test_personal_rank_on_the_generated_graph_touches_little() -> None:
    graph = trust_data.generate(5_000, 50_000, seed=1)
    found = personal_rank(graph.indptr, graph.indices, graph.weights, {0: 1.0}, epsilon=1e-3)
    assert 0 < len(found) < graph.nodes // 2
