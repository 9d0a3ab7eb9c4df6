"""Numeric trust kernels: global PageRank with a prior, and local personalized PageRank.

Both work on a graph given as CSR arrays of **out-edges**: row ``u`` lists the accounts ``u``
interacted with (``indices[indptr[u]:indptr[u + 1]]``) and how strongly (``weights``, positive,
not normalised). A walker at ``u`` follows an edge with probability proportional to its weight.

- :func:`global_rank` is weighted PageRank whose random jump, and the mass of accounts with no
  out-edges, go to a ``prior`` (TweepCred's quality prior; TrustRank's trusted seeds).
- :func:`personal_rank` is the push method of Andersen, Chung and Lang (2006): personalized
  PageRank from a few seed accounts, approximated by touching only their neighbourhood.

Both loops are compiled (``_kernel.c``, ``_push.c``: built by ``pip install``); the numpy versions here are
the fallback when it is missing, and what the tests compare it with.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

try:  # the power iteration and the push compiled (_kernel.c, _push.c), built by `pip install`; numpy otherwise
    from referral_engine.trust import _kernel
except ImportError:  # pragma: no cover - an install that could not compile it
    _kernel = None  # type: ignore[assignment]

try:  # y += A @ x into a buffer we own: no allocation per iteration (scipy's own kernel).
    from scipy.sparse._sparsetools import csr_matvec as _csr_matvec
except ImportError:  # pragma: no cover - a scipy without it falls back to A @ x
    _csr_matvec = None

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.integer]

__all__ = ["Ranking", "global_rank", "personal_rank"]


@dataclass(frozen=True)
class Ranking:
    """The result of :func:`global_rank`.

    ``scores`` (float64, one per node) sum to 1; ``iterations`` is how many power iterations ran;
    ``residual`` is the L1 change of the last iteration (below ``tol`` when it converged).
    """

    scores: FloatArray
    iterations: int
    residual: float


def _check_csr(indptr: IntArray, indices: IntArray, weights: npt.NDArray[np.floating]) -> int:
    n = len(indptr) - 1
    if n < 0 or indptr[0] != 0 or indptr[-1] != len(indices) or len(weights) != len(indices):
        raise ValueError("indptr, indices and weights do not form a CSR matrix")
    if len(indices) and (int(indices.min()) < 0 or int(indices.max()) >= n):
        raise ValueError("an edge points outside the graph")
    if len(weights) and not (np.all(np.isfinite(weights)) and float(weights.min()) >= 0):
        raise ValueError("weights must be finite and non-negative")
    return n


def _normalised(vector: npt.ArrayLike, n: int, name: str) -> FloatArray:
    out = np.array(vector, dtype=np.float64, copy=True).reshape(-1)
    if out.shape != (n,):
        raise ValueError(f"{name} has {out.shape[0]} entries for {n} nodes")
    if not np.all(np.isfinite(out)) or np.any(out < 0):
        raise ValueError(f"{name} must be finite and non-negative")
    total = out.sum()
    if total <= 0:
        raise ValueError(f"{name} must have some positive mass")
    out /= total
    return out


@dataclass(frozen=True)
class _Walk:
    """One damped walk step as a CSR of in-edges, over the nodes renumbered for speed.

    Row ``i`` holds ``damping · w(u, v) / strength(u)`` for each in-edge ``u → v`` of node
    ``v = order[i]``, so a step is one sequential CSR product. Nodes are renumbered by in-degree
    (then out-degree), most first: rows of equal length come together, which keeps the product's
    inner loop predictable (about 1.5× faster than the input order on a power-law graph).

    Nodes without in-edges sort last: their rows are empty, so a step's product runs over the
    first ``rows`` rows only, and those nodes keep the restart mass the step starts them with.
    On a mention graph most accounts are never mentioned (74 % of Higgs), and visiting their empty
    rows cost a sixth of an iteration there.
    """

    matrix: sp.csr_matrix
    order: npt.NDArray[np.int64]  # new number → node
    dangling: npt.NDArray[np.int64]  # new numbers of nodes whose out-weights sum to 0
    rows: int  # rows 0..rows-1 hold every in-edge; the rest are empty


def _walk(indptr: IntArray, indices: IntArray, weights: npt.NDArray[np.floating], damping: float) -> _Walk:
    n = len(indptr) - 1
    out_degree = np.diff(indptr)
    w = np.asarray(weights, dtype=np.float64)
    strength = np.bincount(np.repeat(np.arange(n, dtype=np.int32), out_degree), weights=w, minlength=n)
    flows = strength > 0
    scale = np.zeros(n)
    np.divide(damping, strength, out=scale, where=flows)
    order = np.lexsort((-out_degree, -np.bincount(indices, minlength=n)))
    renumber = np.empty(n, dtype=np.int32)
    renumber[order] = np.arange(n, dtype=np.int32)
    # The edges listed by new source number, so that the counting sort by target below leaves
    # each row's columns sorted (scipy then has nothing to sort).
    counts = out_degree[order].astype(np.int64)
    starts = indptr[order].astype(np.int64)
    edge = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(len(indices), dtype=np.int64)
    sources = np.repeat(np.arange(n, dtype=np.int32), counts)
    targets = renumber[indices[edge]]
    data = w[edge] * np.repeat(scale[order], counts)
    del edge
    keep = data > 0  # zero-weight edges carry nothing: don't read them every iteration
    if not keep.all():
        data, targets, sources = data[keep], targets[keep], sources[keep]
    # COO → CSR keyed on the target; repeated (u, v) pairs are summed, as a walk should.
    matrix = sp.csr_matrix((data, (targets, sources)), shape=(n, n), dtype=np.float64)
    matrix.sum_duplicates()
    filled = np.flatnonzero(np.diff(matrix.indptr))
    rows = int(filled[-1]) + 1 if filled.size else 0
    return _Walk(matrix, order, renumber[~flows].astype(np.int64), rows)


def global_rank(
    indptr: IntArray,
    indices: IntArray,
    weights: npt.NDArray[np.floating],
    prior: npt.ArrayLike,
    *,
    damping: float = 0.85,
    tol: float = 1e-10,
    max_iter: int = 200,
    start: npt.ArrayLike | None = None,
) -> Ranking:
    """Weighted PageRank whose random jump and dangling mass go to ``prior``.

    ``indptr``/``indices``/``weights``: CSR of out-edges (row = source); each row is normalised
    by its weight sum here (a row summing to 0 counts as dangling). ``prior``: non-negative,
    normalised here. ``damping``: probability of following an edge. Iterates until the L1 change
    is below ``tol`` or ``max_iter`` steps; ``start`` (e.g. the previous scores, after an ingest)
    warm-starts the iteration.
    """
    if not 0.0 <= damping < 1.0:
        raise ValueError("damping must be in [0, 1)")
    n = _check_csr(indptr, indices, weights)
    if n == 0:
        return Ranking(np.zeros(0), 0, 0.0)
    jump = _normalised(prior, n, "prior")
    initial = jump if start is None else _normalised(start, n, "start")
    walk = _walk(indptr, indices, weights, damping)
    ranking = _iterate(walk, jump[walk.order], damping, tol, max_iter, initial[walk.order])
    scores = np.empty(n)
    scores[walk.order] = ranking.scores
    return Ranking(scores, ranking.iterations, ranking.residual)


def _iterate(walk: _Walk, jump: FloatArray, damping: float, tol: float, max_iter: int, x: FloatArray) -> Ranking:
    """Power iteration in the walk's numbering; ``x`` (normalised) is overwritten.

    The compiled loop when it is installed (``_kernel.c``: the same steps fused into one pass per
    iteration, with the scores' random reads prefetched), numpy and scipy's product otherwise.
    """
    if _kernel is not None and jump.shape[0] <= np.iinfo(np.int32).max:  # it numbers nodes in int32
        return _iterate_compiled(walk, jump, damping, tol, max_iter, x)
    return _iterate_numpy(walk, jump, damping, tol, max_iter, x)  # pragma: no cover - tests run both


def _iterate_compiled(
    walk: _Walk, jump: FloatArray, damping: float, tol: float, max_iter: int, x: FloatArray
) -> Ranking:
    """:func:`_iterate` in C. Only arrays of the exact types it reads are passed: the kernel checks
    them again (types, lengths, every pointer and index in range) before it reads through them."""
    matrix = walk.matrix
    indptr = np.ascontiguousarray(matrix.indptr[: walk.rows + 1])
    if indptr.dtype not in (np.int32, np.int64):
        indptr = indptr.astype(np.int64)
    indices = np.ascontiguousarray(matrix.indices, dtype=np.int32)  # node numbers < n < 2^31
    data = np.ascontiguousarray(matrix.data, dtype=np.float64)
    jump = np.ascontiguousarray(jump, dtype=np.float64)
    dangling = np.ascontiguousarray(walk.dangling, dtype=np.int64)
    if x.dtype != np.float64 or not x.flags.c_contiguous or not x.flags.writeable:
        raise ValueError("x must be a writable contiguous float64 array")
    y = np.empty_like(x)
    iterations, residual, in_y = _kernel.power_iterate(
        indptr, indices, data, jump, dangling, x, y, float(damping), float(tol), int(max_iter)
    )
    return Ranking(y if in_y else x, iterations, residual)


def _iterate_numpy(walk: _Walk, jump: FloatArray, damping: float, tol: float, max_iter: int, x: FloatArray) -> Ranking:
    """:func:`_iterate` with numpy vector passes around scipy's CSR product (four passes a step)."""
    n = jump.shape[0]
    y = np.empty(n)
    matrix, rows = walk.matrix, walk.rows
    # Only the rows with in-edges (they come first): the rest of y keeps its restart mass.
    mptr, mind, mdata = matrix.indptr[: rows + 1], matrix.indices, matrix.data
    residual = float("inf")
    iterations = 0
    while iterations < max_iter:
        # What does not follow an edge restarts at the prior: the jump (1 − d) and the walkers
        # on dangling nodes (d · their mass). Known before the product, so y starts from it and
        # the product adds into it; taking sum(x) as 1 lets rounding drift decay, not build up.
        restart = 1.0 - damping * (1.0 - float(x[walk.dangling].sum()))
        np.multiply(jump, restart, out=y)
        if _csr_matvec is not None:
            _csr_matvec(rows, n, mptr, mind, mdata, x, y[:rows])
        else:  # pragma: no cover
            y += matrix @ x
        x -= y  # x is spent: reuse it for the change
        residual = float(np.abs(x, out=x).sum())
        x, y = y, x
        iterations += 1
        if residual < tol:
            break
    return Ranking(x, iterations, residual)


def personal_rank(
    indptr: IntArray,
    indices: IntArray,
    weights: npt.NDArray[np.floating],
    seeds: dict[int, float],
    *,
    alpha: float = 0.15,
    epsilon: float = 1e-5,
    out_strength: npt.NDArray[np.floating] | None = None,
) -> dict[int, float]:
    """Approximate personalized PageRank from ``seeds`` by pushing residual mass along out-edges.

    ``seeds`` maps node → weight (normalised here); ``alpha`` is the restart probability. A node
    is pushed while its residual is at least ``epsilon`` × its out-degree (number of out-edges,
    1 for a node without), so the work is at most ``1 / (alpha * epsilon)`` edge visits whatever
    the graph's size, and only nodes reachable from the seeds are touched. A node without
    out-weight restarts its walkers at the seeds (as :func:`global_rank` sends them to the prior).

    Returns node → score for every node pushed at least once (score > 0); nodes only reached hold
    residual mass, no score. Each score is at most the exact personalized PageRank, and the scores
    fall short of it by less than ``epsilon`` × the summed out-degree of the touched nodes in total
    (L1). ``out_strength``: the rows' weight sums, when the caller has them (saves summing each
    pushed row). No array the size of the graph is made: a query costs its neighbourhood only.

    The pushes run compiled (``_push.c``) when the module is built and the arrays are of the
    types it reads as they are (int32/int64 ``indptr`` and ``indices``, contiguous float64
    ``weights`` and ``out_strength``); otherwise in numpy (:class:`_Push`), with the same result
    up to the order of float additions. Converting the arrays per query would cost the graph's size.
    """
    if not 0.0 < alpha <= 1.0:
        raise ValueError("alpha must be in (0, 1]")
    if not 0 < epsilon < float("inf"):
        raise ValueError("epsilon must be positive")
    n = len(indptr) - 1
    if n < 0 or indptr[0] != 0 or indptr[-1] != len(indices) or len(weights) != len(indices):
        raise ValueError("indptr, indices and weights do not form a CSR matrix")
    if out_strength is not None and len(out_strength) != n:
        raise ValueError(f"out_strength has {len(out_strength)} entries for {n} nodes")
    seed_ids = np.fromiter(seeds.keys(), dtype=np.int64, count=len(seeds))
    seed_mass = np.fromiter(seeds.values(), dtype=np.float64, count=len(seeds))
    if seed_ids.size == 0:
        return {}
    if np.any(seed_ids < 0) or np.any(seed_ids >= n):
        raise ValueError("a seed is outside the graph")
    if not np.all(np.isfinite(seed_mass)) or np.any(seed_mass < 0) or seed_mass.sum() <= 0:
        raise ValueError("seed weights must be non-negative with some positive mass")
    seed_mass = seed_mass / seed_mass.sum()
    arrays = (indptr, indices, weights, out_strength)
    if _kernel is not None and hasattr(_kernel, "personal_push") and all(map(_readable, arrays, _PUSH_TYPES)):
        # The kernel checks every row pointer, column and weight it reads, and stops a push whose
        # mass grows (an out_strength below a row's sum); it holds no state between calls.
        nodes, scores = _kernel.personal_push(*arrays, seed_ids, seed_mass, float(alpha), float(epsilon))
        return dict(zip(np.frombuffer(nodes, dtype=np.int64).tolist(), np.frombuffer(scores).tolist(), strict=True))
    return _Push(indptr, indices, weights, out_strength, alpha, epsilon).run(seed_ids, seed_mass)


# What personal_push reads: indptr and indices of either integer width, float64 weights and strength.
_PUSH_TYPES = ((np.int32, np.int64), (np.int32, np.int64), (np.float64,), (np.float64,))


def _readable(array: npt.NDArray[np.generic] | None, types: tuple[type[np.generic], ...]) -> bool:
    """Whether the kernel takes ``array`` as it is (None is an absent ``out_strength``)."""
    if array is None:
        return True
    return (
        isinstance(array, np.ndarray)
        and array.ndim == 1
        and array.flags.c_contiguous
        and array.flags.aligned
        and array.dtype.isnative
        and any(array.dtype == t for t in types)
    )


class _Push:
    """One personalized PageRank query in numpy (``_kernel.personal_push`` is the same rounds in C,
    about six times faster): local arrays over the touched nodes only.

    Nodes get local numbers in the order they are reached (``nodes[local] = global``); a sorted
    copy of ``nodes`` maps global ids back with ``searchsorted``, so nothing is sized by the graph.
    Pushes run in rounds: every node over its threshold is pushed at once, with numpy (the
    synchronous variant of the push: the same invariant and the same work bound).
    """

    def __init__(
        self,
        indptr: IntArray,
        indices: IntArray,
        weights: npt.NDArray[np.floating],
        out_strength: npt.NDArray[np.floating] | None,
        alpha: float,
        epsilon: float,
    ) -> None:
        self.indptr = indptr
        self.indices = indices
        self.weights = weights
        self.out_strength = out_strength
        self.alpha = alpha
        self.epsilon = epsilon

    def run(self, seed_ids: npt.NDArray[np.int64], seed_mass: FloatArray) -> dict[int, float]:
        indptr, indices, weights, alpha = self.indptr, self.indices, self.weights, self.alpha
        order = np.argsort(seed_ids)
        seed_ids, seed_mass = seed_ids[order], seed_mass[order]
        size = seed_ids.size
        seed_local = np.arange(size)
        # Local arrays grow by doubling; [:size] is in use. nodes[local] is the global id.
        self.nodes = np.empty(max(1024, 2 * size), dtype=np.int64)
        self.p = np.zeros(self.nodes.size)
        self.r = np.zeros(self.nodes.size)
        self.threshold = np.empty(self.nodes.size)
        self.nodes[:size], self.r[:size], self.threshold[:size] = seed_ids, seed_mass, self._threshold(seed_ids)
        sorted_nodes = seed_ids.copy()  # the global ids in order, and their local numbers
        sorted_local = np.arange(size)
        while True:
            active = np.flatnonzero(self.r[:size] >= self.threshold[:size])
            if active.size == 0:
                break
            mass = self.r[active]
            self.r[active] = 0.0
            self.p[active] += alpha * mass
            g = self.nodes[active]
            starts = indptr[g].astype(np.int64)
            counts = indptr[g + 1].astype(np.int64) - starts
            total = int(counts.sum())
            offsets = np.cumsum(counts) - counts
            edge = np.repeat(starts - offsets, counts) + np.arange(total, dtype=np.int64)
            w = weights[edge].astype(np.float64)
            if self.out_strength is not None:
                strength = np.asarray(self.out_strength[g], dtype=np.float64)
            else:
                strength = np.zeros(g.size)
                has = counts > 0
                strength[has] = np.add.reduceat(w, offsets[has])
            flows = strength > 0
            # Walkers at a node with no out-weight restart at the seeds.
            stuck = float(mass[~flows].sum())
            if stuck:
                self.r[seed_local] += (1.0 - alpha) * stuck * seed_mass
            if not total:
                continue
            per_weight = np.zeros(g.size)
            np.divide((1.0 - alpha) * mass, strength, out=per_weight, where=flows)
            # Sum the shares per distinct target first: hubs are hit by many edges in one round.
            targets, inverse = np.unique(indices[edge], return_inverse=True)
            shares = np.bincount(inverse, weights=np.repeat(per_weight, counts) * w, minlength=targets.size)
            targets = targets.astype(np.int64)
            pos = np.searchsorted(sorted_nodes, targets)
            known = pos < sorted_nodes.size
            known[known] = sorted_nodes[pos[known]] == targets[known]
            if not known.all():
                new = targets[~known]
                self._grow(size + new.size)
                self.nodes[size : size + new.size] = new
                self.threshold[size : size + new.size] = self._threshold(new)
                at = np.searchsorted(sorted_nodes, new)
                sorted_nodes = np.insert(sorted_nodes, at, new)
                sorted_local = np.insert(sorted_local, at, np.arange(size, size + new.size))
                size += new.size
                pos = np.searchsorted(sorted_nodes, targets)
            self.r[sorted_local[pos]] += shares  # distinct targets: no repeated index
        keep = np.flatnonzero(self.p[:size] > 0)
        return dict(zip(self.nodes[keep].tolist(), self.p[keep].tolist(), strict=True))

    def _grow(self, needed: int) -> None:
        if needed <= self.nodes.size:
            return
        capacity = max(needed, 2 * self.nodes.size)
        for name, fill in (("nodes", None), ("p", 0.0), ("r", 0.0), ("threshold", None)):
            old = getattr(self, name)
            grown = np.empty(capacity, dtype=old.dtype) if fill is None else np.full(capacity, fill, dtype=old.dtype)
            grown[: old.size] = old
            setattr(self, name, grown)

    def _threshold(self, nodes: IntArray) -> FloatArray:
        degree = (self.indptr[nodes + 1] - self.indptr[nodes]).astype(np.float64)
        return self.epsilon * np.maximum(degree, 1.0)
