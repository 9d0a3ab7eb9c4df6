"""The field's graph libraries' PageRank on our graphs, for ``bench/trust.py``: networkx, igraph
(PRPACK) and scikit-network, each with the same damping, prior and tolerance as ours, timed in CPU
seconds (``measure.timed``); each returns its scores, its build and total times, and (where the
library exposes iterations) a ``probe`` that runs ``k`` of them."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

import numpy as np

from measure import CLOCK, timed, version
from trust_data import Graph

DAMPING = 0.85
TOL = 1e-10  # L1 change between iterations, for every library


def sources_of(graph: Graph) -> np.ndarray:
    return np.repeat(np.arange(graph.nodes, dtype=np.int32), np.diff(graph.indptr))


def networkx_rank(graph: Graph, prior: np.ndarray, repeats: int) -> dict[str, Any]:
    """networkx's pagerank (scipy inside); it converts the graph to a sparse matrix in every call,
    which its time includes, so no time per iteration can be separated from it."""
    import networkx as nx

    began = CLOCK()
    digraph = nx.DiGraph()
    digraph.add_nodes_from(range(graph.nodes))
    digraph.add_weighted_edges_from(
        zip(sources_of(graph).tolist(), graph.indices.tolist(), graph.weights.tolist(), strict=True)
    )
    build = CLOCK() - began
    jump = dict(enumerate((prior / prior.sum()).tolist()))

    def run(max_iter: int, tol: float) -> Any:
        try:  # networkx stops when the L1 change < N·tol
            return nx.pagerank(
                digraph,
                alpha=DAMPING,
                personalization=jump,
                max_iter=max_iter,
                tol=tol / graph.nodes,
                nstart=jump,
                weight="weight",
                dangling=jump,
            )
        except nx.PowerIterationFailedConvergence:
            return None

    best, median, found = timed(lambda: run(1000, TOL), repeats)
    out: dict[str, Any] = {
        "library": f"networkx {nx.__version__} (pagerank)",
        "build_s": build,
        "total_s": best,
        "total_median_s": median,
        "scores": np.array([found[i] for i in range(graph.nodes)]),
    }
    return out


def networkx_limited(graph: Graph, prior: np.ndarray, limit: float) -> dict[str, Any]:
    """networkx once, in a forked child killed after ``limit`` seconds (it needs ~4 GB per 10M edges)."""
    if limit <= 0:
        return {"library": "networkx (pagerank)", "skipped": "--networkx-limit 0"}
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        send.send(networkx_rank(graph, prior, 1))

    began = time.perf_counter()
    process = context.Process(target=child)
    process.start()
    result = receive.recv() if receive.poll(limit) else None
    process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join()
    if result is None:
        return {
            "library": "networkx (pagerank)",
            "skipped": f"did not finish in {limit:.0f} s (killed)",
            "elapsed_s": time.perf_counter() - began,
        }
    return dict(result)


def igraph_rank(graph: Graph, prior: np.ndarray, repeats: int) -> dict[str, Any]:
    import igraph

    began = CLOCK()
    network = igraph.Graph(n=graph.nodes, edges=np.column_stack([sources_of(graph), graph.indices]), directed=True)
    weights = graph.weights.tolist()
    reset = prior.tolist()
    build = CLOCK() - began
    best, median, found = timed(
        lambda: network.personalized_pagerank(damping=DAMPING, reset=reset, weights=weights, implementation="prpack"),
        repeats,
    )
    return {
        "library": f"igraph {igraph.__version__} (personalized_pagerank, PRPACK)",
        "build_s": build,
        "total_s": best,
        "total_median_s": median,
        "scores": np.array(found),
    }


def sknetwork_rank(graph: Graph, prior: np.ndarray, repeats: int) -> dict[str, Any]:
    import scipy.sparse as sp
    from sknetwork.ranking import PageRank

    began = CLOCK()
    adjacency = sp.csr_matrix((graph.weights, graph.indices, graph.indptr), shape=(graph.nodes, graph.nodes))
    build = CLOCK() - began
    seeds = prior / prior.sum()

    def run(n_iter: int, tol: float) -> np.ndarray:
        model = PageRank(damping_factor=DAMPING, solver="piteration", n_iter=n_iter, tol=tol)
        return np.asarray(model.fit_predict(adjacency, weights=seeds))

    best, median, found = timed(lambda: run(1000, TOL), repeats)
    return {
        "library": f"scikit-network {version('scikit-network')} (PageRank, piteration)",
        "build_s": build,
        "total_s": best,
        "total_median_s": median,
        "scores": found,
        "probe": lambda k: run(k, 0.0),
    }
