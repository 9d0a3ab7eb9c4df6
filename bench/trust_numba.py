"""The global-trust step in numba beside ours, for docs/dependencies.md (why a C extension).

    pip install --target /tmp/numba_only numba   # then drop numpy from it: the venv's is used
    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/numba_only python bench/trust_numba.py

The same loop as ``trust/_kernel.c`` (one fused pass, two accumulators per row, no GIL), less the
software prefetch numba does not expose, on bench/trust.py's generated 1M graph: numba's import
and first-call compile time (wall), then CPU seconds per step of numba, our C iteration and the
numpy/scipy one, measured as bench/trust.py measures them (interleaved rounds, best of 7).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from referral_engine.trust import rank
from trust import CLOCK, DAMPING, copy_bandwidth, run_pair
from trust_data import generate

began = time.perf_counter()
import numba  # noqa: E402

IMPORT_S = time.perf_counter() - began


@numba.njit(nogil=True)
def iterate(
    ptr: Any,
    ind: Any,
    w: Any,
    jump: Any,
    dangling: Any,
    x: Any,
    y: Any,
    rows: int,
    damping: float,
    tol: float,
    max_iter: int,
) -> Any:
    n = x.shape[0]
    steps, change, in_y = 0, np.inf, False
    while steps < max_iter:
        stuck = 0.0
        for k in range(dangling.shape[0]):
            stuck += x[dangling[k]]
        restart = 1.0 - damping * (1.0 - stuck)
        total = 0.0
        for i in range(rows):
            s0, s1, j, b = 0.0, 0.0, ptr[i], ptr[i + 1]
            while j + 1 < b:
                s0 += w[j] * x[ind[j]]
                s1 += w[j + 1] * x[ind[j + 1]]
                j += 2
            if j < b:
                s0 += w[j] * x[ind[j]]
            v = restart * jump[i] + (s0 + s1)
            total += abs(x[i] - v)
            y[i] = v
        for i in range(rows, n):
            v = restart * jump[i]
            total += abs(x[i] - v)
            y[i] = v
        x, y = y, x
        in_y, change, steps = not in_y, total, steps + 1
        if change < tol:
            break
    return steps, change, in_y


def main() -> None:
    graph = generate(1_000_000, 10_000_000, 1)
    prior = np.random.default_rng(1).uniform(0.5, 1.5, graph.nodes)
    walk = rank._walk(graph.indptr, graph.indices, graph.weights, DAMPING)
    jump = (prior / prior.sum())[walk.order]
    matrix = walk.matrix
    ptr, ind, data = matrix.indptr[: walk.rows + 1], matrix.indices, matrix.data
    args = (ptr, ind, data, jump, walk.dangling)
    began = time.perf_counter()
    iterate(*args, jump.copy(), np.empty_like(jump), walk.rows, DAMPING, 0.0, 1)
    compile_s = time.perf_counter() - began
    x, y = jump.copy(), np.empty_like(jump)
    steps, _, in_y = iterate(*args, x, y, walk.rows, DAMPING, 1e-10, 200)
    ours = rank._iterate_compiled(walk, jump, DAMPING, 1e-10, 200, jump.copy())
    l1 = np.abs((y if in_y else x) - ours.scores).sum()
    print(
        f"numba {numba.__version__}: import {IMPORT_S:.2f} s, first call {compile_s:.2f} s; "
        f"{steps} iterations (ours {ours.iterations}), L1 to ours {l1:.1e}"
    )
    probes = {
        "numba": lambda k: iterate(*args, jump.copy(), np.empty_like(jump), walk.rows, DAMPING, 0.0, k),
        "ours, C iteration": lambda k: rank._iterate_compiled(walk, jump, DAMPING, 0.0, k, jump.copy()),
        "ours, numpy iteration": lambda k: rank._iterate_numpy(walk, jump, DAMPING, 0.0, k, jump.copy()),
    }
    apart = 20
    pairs: dict[str, list[tuple[float, float]]] = {name: [] for name in probes}
    bandwidths = []
    for _ in range(7):
        bandwidths.append(copy_bandwidth(512, repeats=2))
        for name, probe in probes.items():
            pairs[name].append(run_pair(probe, apart))
    floor = (ptr.nbytes + ind.nbytes + data.nbytes + 16 * graph.nodes) / max(bandwidths)
    print(f"floor {floor * 1e3:.2f} ms, load average {os.getloadavg()[0]:.1f}, {CLOCK.__name__}")
    for name, runs in pairs.items():
        lows, highs = zip(*runs, strict=True)
        per = (min(highs) - min(lows)) / apart
        print(f"  {name:<22} {per * 1e3:6.2f} ms per step, {per / floor:.2f}× the floor")


if __name__ == "__main__":
    main()
