"""Trust kernels against the memory-bandwidth floor and the field's graph libraries.

    python bench/trust.py [--accounts 1000000 --interactions 10000000] [--quick] [--json OUT]

1. **Global trust** (``global_rank``) on the real Higgs mention+reply graph (SNAP, from
   ``shared/data/graph/higgs-twitter``) and on a generated power-law graph (``bench/trust_data.py``):
   seconds per iteration against the memory-bandwidth floor (the bytes one iteration must move ÷
   the copy bandwidth of a large numpy copy measured in the same run), and against networkx,
   igraph (PRPACK) and scikit-network on the same graph, in the same run, with the same prior.
   Agreement with ours: L1 distance and top-100 overlap.
2. **Personal trust** (``personal_rank``) from 1,000 random seeds and the 50 most active accounts
   of the generated graph: p50/p95/p99 query time, with the compiled push (``_kernel.c``) and
   with the numpy rounds it replaced, each query both ways in turn.
3. **The library on a store** (``bench/trust_store.py``): a DuckDB store of as many accounts,
   filled by set-based SQL; trust graph build, global-trust refresh, ``personal_trust`` and
   ``refer who`` p95.

Ours is measured twice in the same run: with the compiled power iteration
(``trust/_kernel.c``, what ``global_rank`` uses when it is built) and with the numpy/scipy
iteration it replaced (kept as the fallback), so the two compare on the same machine state.

Per-iteration seconds come from the difference of two runs (``max_iter`` 5 and 25, tolerance 0:
(T(25) − T(5)) / 20), so each library's preparation cancels out: ours, scikit-network's power
iteration, and networkx's on graphs small enough to run it several times. igraph's PRPACK solves
the whole system (no iterations exposed): its total time is reported. The machine is shared, so
throughput is measured in **CPU seconds** of this process (``time.process_time``), best of
``--repeats``; the per-iteration runs and the copy bandwidth are measured in interleaved rounds
(best of each). Query latencies are given as wall-clock and CPU percentiles. Prints a table and
writes everything to ``--json`` (default ``bench/out/trust.json``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import CLOCK, cpu_model, memory_gib, percentiles, timed, version
from referral_engine.trust import rank
from referral_engine.trust.rank import global_rank, personal_rank
from trust_data import Graph, generate, higgs
from trust_libraries import DAMPING, TOL, igraph_rank, networkx_limited, networkx_rank, sknetwork_rank

ROOT = Path(__file__).resolve().parents[1]


def find_higgs() -> Path | None:
    """The Higgs folder: ../shared next to the repository, else /work/shared."""
    for base in (Path(os.environ.get("REFERRAL_ENGINE_SHARED", ROOT.parent / "shared")), Path("/work/shared")):
        folder = base / "data" / "graph" / "higgs-twitter"
        if (folder / "higgs-mention_network.edgelist").exists():
            return folder
    return None


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gib": memory_gib(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
        "trust_kernel": "compiled" if rank._kernel is not None else "numpy (the C kernel is not built)",
        **{name: version(name) for name in ("numpy", "scipy", "networkx", "igraph", "scikit-network", "duckdb")},
    }


def copy_bandwidth(megabytes: int = 512, repeats: int = 5) -> float:
    """Bytes moved per second (read + written, STREAM's convention) by a large numpy copy."""
    source = np.ones(megabytes * 2**20 // 8)
    target = np.empty_like(source)
    best, _, _ = timed(lambda: np.copyto(target, source), repeats)
    return 2 * source.nbytes / best


def agreement(ours: np.ndarray, theirs: np.ndarray | None) -> dict[str, float] | None:
    if theirs is None:
        return None
    theirs = np.asarray(theirs, dtype=np.float64)
    theirs = theirs / theirs.sum()
    top = min(100, len(ours))
    overlap = len(set(np.argsort(-ours)[:top].tolist()) & set(np.argsort(-theirs)[:top].tolist())) / top
    return {"l1": float(np.abs(ours - theirs).sum()), "top100_overlap": overlap}


LOW = 5  # iterations of the shorter of the two runs whose difference gives the time per iteration


def iterations_apart(edges: int) -> int:
    """How many more iterations the longer run does: enough for ~0.2 s of work on a small graph."""
    return int(max(20, min(200, 20_000_000 // max(edges, 1))))


def run_pair(probe: Callable[[int], Any], apart: int) -> tuple[float, float]:
    """CPU seconds of ``probe(LOW)`` and ``probe(LOW + apart)``."""
    low, _, _ = timed(lambda: probe(LOW), 1)
    high, _, _ = timed(lambda: probe(LOW + apart), 1)
    return low, high


# -- the libraries ------------------------------------------------------------------------------


@contextlib.contextmanager
def numpy_iteration() -> Iterator[None]:
    """``global_rank`` with its numpy/scipy iteration (the fallback), not the compiled one; and
    ``personal_rank`` with its numpy rounds."""
    kernel = rank._kernel
    rank._kernel = None
    try:
        yield
    finally:
        rank._kernel = kernel


def ours(graph: Graph, prior: np.ndarray, repeats: int, compiled: bool = True) -> dict[str, Any]:
    """``global_rank`` end to end; its preparation (renumbering, in-edge CSR) timed apart; and a
    probe that runs only its power iteration, for the time per iteration. ``compiled``: with the
    C iteration (when built), else with the numpy/scipy one it replaced."""
    args = (graph.indptr, graph.indices, graph.weights, prior)
    compiled = compiled and rank._kernel is not None
    with contextlib.nullcontext() if compiled else numpy_iteration():
        best, median, ranking = timed(lambda: global_rank(*args, damping=DAMPING, tol=TOL), repeats)
    prepare, _, walk = timed(lambda: rank._walk(graph.indptr, graph.indices, graph.weights, DAMPING), repeats)
    jump = (prior / prior.sum())[walk.order]
    matrix = walk.matrix
    iterate = rank._iterate_compiled if compiled else rank._iterate_numpy
    return {
        "library": "ours (global_rank, C iteration)" if compiled else "ours, numpy/scipy iteration (fallback)",
        "total_s": best,
        "total_median_s": median,
        "iterations": ranking.iterations,
        "residual": ranking.residual,
        "prepare_s": prepare,
        # The pointers of the rows the product visits (those with in-edges), not the empty tail.
        "floor_bytes": int(
            matrix.indptr[: walk.rows + 1].nbytes + matrix.indices.nbytes + matrix.data.nbytes + 16 * graph.nodes
        ),
        "scores": ranking.scores,
        "probe": lambda k: iterate(walk, jump, DAMPING, 0.0, k, jump.copy()),
    }


def diagnose(graph: Graph, repeats: int) -> dict[str, float]:
    """Where an iteration's time goes: CPU seconds of scipy's sparse product alone (the numpy
    iteration's), in the input numbering, in ours (rows by in-degree), and in ours with every
    column index folded into the first 1,024 nodes (same loop, same bytes streamed, but every
    gathered score is in L1 cache); and a whole step of the compiled iteration, as it is and with
    the same folded indices."""
    from scipy.sparse._sparsetools import csr_matvec

    walk = rank._walk(graph.indptr, graph.indices, graph.weights, DAMPING)
    plain = rank._walk(graph.indptr, graph.indices, graph.weights, DAMPING).matrix
    inverse = np.empty_like(walk.order)
    inverse[walk.order] = np.arange(graph.nodes)
    plain = plain[inverse][:, inverse].tocsr()  # back to the input numbering
    plain.sort_indices()
    matrix = walk.matrix
    folded = (matrix.indices % min(1024, graph.nodes)).astype(np.int32)
    x, y = np.full(graph.nodes, 1.0 / graph.nodes), np.empty(graph.nodes)

    def product(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray) -> float:
        best, _, _ = timed(lambda: csr_matvec(graph.nodes, graph.nodes, indptr, indices, data, x, y), repeats + 2)
        return best

    out = {
        "product_input_order_s": product(plain.indptr, plain.indices, plain.data),
        "product_s": product(matrix.indptr, matrix.indices, matrix.data),
        "product_cached_gathers_s": product(matrix.indptr, folded, matrix.data),
    }
    if rank._kernel is not None:
        jump = np.full(graph.nodes, 1.0 / graph.nodes)
        indptr = matrix.indptr[: walk.rows + 1]
        apart = iterations_apart(graph.edges)

        def step(indices: np.ndarray) -> float:
            """CPU seconds per compiled step: (best T(LOW + apart) − best T(LOW)) / apart."""
            args = (indptr, indices, matrix.data, jump, walk.dangling)

            def probe(k: int) -> Any:
                return rank._kernel.power_iterate(*args, jump.copy(), np.empty_like(jump), DAMPING, 0.0, k)

            lows, highs = zip(*(run_pair(probe, apart) for _ in range(repeats + 2)), strict=True)
            return max(min(highs) - min(lows), 0.0) / apart

        out["compiled_step_s"] = step(matrix.indices)
        out["compiled_step_cached_gathers_s"] = step(folded)
    return out


def compare(graph: Graph, args: argparse.Namespace, small: bool) -> dict[str, Any]:
    """Every library on one graph, our kernel first; agreement measured against ours."""
    prior = np.random.default_rng(args.seed).uniform(0.5, 1.5, graph.nodes)  # a quality prior, not uniform
    print(f"\n{graph.name}: {graph.nodes:,} nodes, {graph.edges:,} edges", flush=True)
    mine = ours(graph, prior, args.repeats)
    rows = [mine]
    if rank._kernel is not None:  # the iteration the C one replaced, in the same run
        rows.append(ours(graph, prior, args.repeats, compiled=False))
    runners: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        (
            "networkx",
            lambda: (
                networkx_rank(graph, prior, args.repeats)
                if small
                else networkx_limited(graph, prior, args.networkx_limit)
            ),
        ),
        ("igraph", lambda: igraph_rank(graph, prior, args.repeats)),
        ("sknetwork", lambda: sknetwork_rank(graph, prior, args.repeats)),
    ]
    for module, run in runners:
        if args.skip_libraries:
            break
        try:
            __import__(module)
        except ImportError:
            rows.append({"library": module, "skipped": "not installed (pip install '.[bench]')"})
            continue
        rows.append(run())
        print(f"  {rows[-1]['library']}: done", flush=True)
    reference = mine["scores"]
    for row in rows:
        scores = row.pop("scores", None)
        if row is not mine:
            row["agreement"] = agreement(reference, scores)
    # Per-iteration times and the bandwidth, measured in interleaved rounds: the machine is shared,
    # so each round sees the same neighbours; the best of the rounds is reported for each.
    # Per iteration = (best T(LOW + apart) − best T(LOW)) / apart: the preparation cancels out.
    probes = [(row, row.pop("probe")) for row in rows if "probe" in row]
    apart = iterations_apart(graph.edges)
    bandwidths: list[float] = []
    pairs: dict[int, list[tuple[float, float]]] = {id(row): [] for row, _ in probes}
    for _ in range(args.repeats + 2):
        bandwidths.append(copy_bandwidth(args.bandwidth_mb, repeats=2))
        for row, probe in probes:
            pairs[id(row)].append(run_pair(probe, apart))
    for row, _ in probes:
        lows, highs = zip(*pairs[id(row)], strict=True)
        row["per_iteration_s"] = max(min(highs) - min(lows), 0.0) / apart
        row["per_iteration_median_s"] = max(float(np.median(highs) - np.median(lows)), 0.0) / apart
        row["iterations_apart"] = apart
    bandwidth = max(bandwidths)
    return {
        "graph": graph.name,
        "nodes": graph.nodes,
        "edges": graph.edges,
        "bandwidth_gbs": bandwidth / 1e9,
        "floor_bytes": mine["floor_bytes"],
        # What one iteration must move: the in-edge CSR (int32 pointers of the rows with in-edges,
        # int32 indices, float64 weights) read once, the scores read once, the new scores written once.
        # Both of our iterations read exactly these arrays (and the prior, 8 bytes a node, and the
        # dangling nodes' scores, which the floor leaves out: it is a lower bound, not our count).
        "floor_s": mine["floor_bytes"] / bandwidth,
        "rows": rows,
    }


# -- personal trust -----------------------------------------------------------------------------


def personal(graph: Graph, args: argparse.Namespace) -> dict[str, Any]:
    """``personal_rank`` from each seed, with the compiled push (``_kernel.personal_push``, what it
    runs when built) and with the numpy rounds it replaced, in turn per query (which goes first
    alternates, so neither finds the other's rows in cache more often): the same machine state
    for both. The top-level rows are the compiled push's; ``numpy`` holds the fallback's, and
    ``agreement`` whether the two scored the same accounts and how far apart their scores are."""
    rows = np.repeat(np.arange(graph.nodes), np.diff(graph.indptr))
    strength = np.bincount(rows, weights=graph.weights, minlength=graph.nodes)
    rng = np.random.default_rng(args.seed + 1)
    active = np.flatnonzero(np.diff(graph.indptr) > 0)  # an account with no out-edges trusts nobody
    sets = {
        "random": rng.choice(active, size=min(args.queries, active.size), replace=False),
        "most active": np.argsort(-np.diff(graph.indptr), kind="stable")[: args.hub_queries],
    }
    compiled = rank._kernel is not None and hasattr(rank._kernel, "personal_push")
    ways = ["compiled", "numpy"] if compiled else ["numpy"]
    out: dict[str, Any] = {
        "graph": graph.name,
        "alpha": 0.15,
        "epsilon": 1e-5,
        "push": "C (_kernel.personal_push)" if compiled else "numpy (the C kernel is not built)",
    }
    every: dict[str, tuple[list[float], list[float]]] = {way: ([], []) for way in ways}
    same, worst = True, 0.0
    for name, seeds in sets.items():
        times: dict[str, tuple[list[float], list[float]]] = {way: ([], []) for way in ways}
        touched = []
        for i, seed in enumerate(seeds.tolist()):
            found: dict[str, dict[int, float]] = {}
            for way in ways if i % 2 == 0 else ways[::-1]:
                with contextlib.nullcontext() if way == "compiled" else numpy_iteration():
                    began, began_cpu = time.perf_counter(), CLOCK()
                    found[way] = personal_rank(
                        graph.indptr, graph.indices, graph.weights, {seed: 1.0}, out_strength=strength
                    )
                    times[way][0].append(time.perf_counter() - began)
                    times[way][1].append(CLOCK() - began_cpu)
            touched.append(len(found[ways[0]]))
            if compiled:
                ours, theirs = found["compiled"], found["numpy"]
                same = same and ours.keys() == theirs.keys()
                worst = max([worst, *(abs(ours.get(k, 0.0) - v) / v for k, v in theirs.items())])
        for way in ways:
            every[way][0].extend(times[way][0])
            every[way][1].extend(times[way][1])
            row = {**percentiles(times[way][0]), "cpu": percentiles(times[way][1])}
            if way == ways[0]:
                out[name] = {**row, "scored_median": int(np.median(touched)), "scored_max": max(touched)}
            else:
                out.setdefault("numpy", {})[name] = row
    for way in ways:
        row = {**percentiles(every[way][0]), "cpu": percentiles(every[way][1])}
        if way == ways[0]:
            out["all"] = row
        else:
            out["numpy"]["all"] = row
    if compiled:
        out["agreement"] = {"same_accounts_scored": same, "max_relative_difference": worst}
    return out


# -- report -------------------------------------------------------------------------------------


def fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1e3:.2f} ms" if value < 1 else f"{value:.2f} s"


def table(result: dict[str, Any]) -> str:
    lines = []
    for graph in result["global"]:
        lines.append(
            f"\n{graph['graph']}: {graph['nodes']:,} nodes, {graph['edges']:,} edges; floor "
            f"{graph['floor_bytes'] / 1e6:.1f} MB / {graph['bandwidth_gbs']:.1f} GB/s = {fmt_s(graph['floor_s'])}"
        )
        mine = graph["rows"][0]
        lines.append(
            f"  {'library':<58} {'per iter':>10} {'× floor':>8} {'total':>10} {'× ours':>7} {'build':>9}"
            f" {'L1':>8} {'top100':>6}"
        )
        for row in graph["rows"]:
            if "skipped" in row:
                lines.append(f"  {row['library']:<58} skipped: {row['skipped']}")
                continue
            per = row.get("per_iteration_s")
            agree = row.get("agreement") or {}
            lines.append(
                f"  {row['library']:<58} {fmt_s(per):>10} "
                f"{(per / graph['floor_s'] if per else float('nan')):>8.2f} {fmt_s(row['total_s']):>10} "
                f"{row['total_s'] / mine['total_s']:>7.1f} {fmt_s(row.get('build_s', row.get('prepare_s'))):>9} "
                f"{agree.get('l1', float('nan')):>8.1e} {agree.get('top100_overlap', float('nan')):>6.2f}"
            )
        lines.append(
            f"  ours: {mine['iterations']} iterations to L1 change < {TOL:g} (residual {mine['residual']:.1e})"
        )
    if "diagnosis" in result:
        d = result["diagnosis"]
        lines.append(
            f"\nour product alone (generated graph): input order {fmt_s(d['product_input_order_s'])}, "
            f"rows by in-degree {fmt_s(d['product_s'])}, same with every gather in cache "
            f"{fmt_s(d['product_cached_gathers_s'])}"
        )
        if "compiled_step_s" in d:
            lines.append(
                f"our compiled step (generated graph): {fmt_s(d['compiled_step_s'])}, same with every gather "
                f"in cache {fmt_s(d['compiled_step_cached_gathers_s'])}"
            )
    if "personal" in result:
        p = result["personal"]
        lines.append(f"\npersonal_rank on {p['graph']} (alpha {p['alpha']}, epsilon {p['epsilon']}):")
        for way, rows in (("push " + p.get("push", ""), p), ("numpy rounds (fallback)", p.get("numpy"))):
            if rows is None:
                continue
            lines.append(f"  {way}:")
            for name in ("random", "most active", "all"):
                q = rows[name]
                c = q["cpu"]
                lines.append(
                    f"    {name:<12} {q['queries']:>5} queries, wall: p50 {q['p50_ms']:.2f} ms, p95 {q['p95_ms']:.2f} "
                    f"ms, p99 {q['p99_ms']:.2f} ms, max {q['max_ms']:.2f} ms; CPU: p50 {c['p50_ms']:.2f} ms, "
                    f"p95 {c['p95_ms']:.2f} ms, p99 {c['p99_ms']:.2f} ms"
                )
        if "agreement" in p:
            agreed = p["agreement"]
            lines.append(
                f"  C against numpy: same accounts scored: {agreed['same_accounts_scored']}, largest relative "
                f"difference {agreed['max_relative_difference']:.1e}"
            )
    if "store" in result:
        lines.append("\nlibrary on a store:")
        for key, value in result["store"].items():
            lines.append(f"  {key}: {value}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--interactions", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="a small smoke run: 20,000 accounts, 200,000 interactions")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--queries", type=int, default=1000, help="personal-trust queries from random seeds")
    parser.add_argument("--hub-queries", type=int, default=50, help="... and from the most active accounts")
    parser.add_argument(
        "--networkx-limit",
        type=float,
        default=240.0,
        help="seconds networkx may take on the generated graph (0: skip it there)",
    )
    parser.add_argument("--skip-libraries", action="store_true", help="our kernels only")
    parser.add_argument("--skip-higgs", action="store_true")
    parser.add_argument("--skip-store", action="store_true", help="no store, trust graph or refer who")
    parser.add_argument("--store-queries", type=int, default=200)
    parser.add_argument("--store-budget", type=float, default=120.0, help="seconds for the store's query phase")
    parser.add_argument("--bandwidth-mb", type=int, default=512, help="size of the copy that measures bandwidth")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--json", type=Path, default=None, help="default: WORK/trust.json")
    args = parser.parse_args(argv)
    # Every library on one thread, as ours runs: igraph's PRPACK is built with OpenMP (read when
    # igraph is first imported, below), and CPU seconds would count a second thread's spinning.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.quick:
        args.accounts, args.interactions = min(args.accounts, 20_000), min(args.interactions, 200_000)
        args.queries, args.hub_queries, args.store_queries = min(args.queries, 100), min(args.hub_queries, 10), 20
        args.repeats = min(args.repeats, 2)
        args.bandwidth_mb = min(args.bandwidth_mb, 128)
    args.work.mkdir(parents=True, exist_ok=True)

    result: dict[str, Any] = {
        "command": " ".join(["python", "bench/trust.py", *(argv or sys.argv[1:])]),
        "machine": machine(),
    }
    graphs = []
    folder = None if args.skip_higgs else find_higgs()
    if folder is not None:
        graphs.append((higgs(folder), True))
    began = time.perf_counter()
    generated = generate(args.accounts, args.interactions, args.seed)
    result["generate_s"] = time.perf_counter() - began
    graphs.append((generated, args.quick))
    result["global"] = [compare(graph, args, small) for graph, small in graphs]
    result["diagnosis"] = diagnose(generated, args.repeats)
    result["personal"] = personal(generated, args)
    if not args.skip_store:
        from trust_store import bench_store

        result["store"] = bench_store(
            args.accounts, args.interactions, args.seed, args.work, args.store_queries, args.store_budget
        )
    result["load_average_after"] = os.getloadavg()
    print(table(result))
    out = args.json or args.work / "trust.json"
    out.write_text(json.dumps(result, indent=2, default=float))
    print(f"\nwritten: {out}")
    return result


if __name__ == "__main__":
    main()
