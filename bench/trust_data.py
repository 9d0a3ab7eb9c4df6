"""Graphs for bench/trust.py: a generated power-law interaction graph, and the real Higgs graph.

    python bench/trust_data.py --accounts 1000000 --interactions 10000000 --seed 1

A generated graph: ``interactions`` (source, target) pairs, self-loops dropped, where how often an
account acts and how often it is the target are both Zipf-skewed (activity ∝ rank^-0.8 and
popularity ∝ rank^-0.9, each over its own random order of the accounts, so hubs are scattered
across the id space as in a real store), each pair weighted by an interaction kind (reply 3,
mention 2, repost 1.5, like 1, follow 1, drawn 20/20/15/35/10 %). Repeated pairs are summed into
one weighted edge, as the trust graph does. Deterministic for a seed; about 5 s for 10M pairs.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

KINDS = ("reply", "mention", "repost", "like", "follow")
KIND_WEIGHTS = np.array([3.0, 2.0, 1.5, 1.0, 1.0])
KIND_SHARES = np.array([0.20, 0.20, 0.15, 0.35, 0.10])


@dataclass(frozen=True)
class Graph:
    """A weighted directed graph as CSR of out-edges (row = source), like the trust graph's."""

    name: str
    indptr: np.ndarray  # int32 (int64 beyond 2^31 edges)
    indices: np.ndarray  # int32
    weights: np.ndarray  # float64
    interactions: int  # input pairs before repeated ones were summed

    @property
    def nodes(self) -> int:
        return len(self.indptr) - 1

    @property
    def edges(self) -> int:
        return len(self.indices)


def _zipf_sampler(rng: np.random.Generator, n: int, exponent: float, size: int) -> np.ndarray:
    """``size`` draws of accounts 0..n-1 with P(account of rank k) ∝ k^-exponent, ranks shuffled."""
    cdf = np.cumsum(np.arange(1, n + 1, dtype=np.float64) ** -exponent)
    cdf /= cdf[-1]
    ranks = np.searchsorted(cdf, rng.random(size), side="right")
    np.minimum(ranks, n - 1, out=ranks)
    return rng.permutation(n).astype(np.int32)[ranks]


def from_pairs(name: str, n: int, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray) -> Graph:
    """Sum repeated (source, target) pairs into a CSR of out-edges (targets sorted in each row)."""
    interactions = len(sources)
    keys = sources.astype(np.int64) * n + targets.astype(np.int64)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(first)
    summed = np.add.reduceat(weights[order], starts) if len(starts) else np.zeros(0)
    unique = keys[starts]
    rows = (unique // n).astype(np.int64)
    index_type = np.int32 if len(unique) < 2**31 else np.int64
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return Graph(name, indptr.astype(index_type), (unique % n).astype(np.int32), summed, interactions)


def interactions_of(accounts: int, interactions: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The generated interactions, self-loops dropped: (sources, targets, kinds as indexes of ``KINDS``)."""
    rng = np.random.default_rng(seed)
    sources = _zipf_sampler(rng, accounts, 0.8, interactions)
    targets = _zipf_sampler(rng, accounts, 0.9, interactions)
    kinds = np.searchsorted(np.cumsum(KIND_SHARES), rng.random(interactions), side="right")
    kinds = np.minimum(kinds, len(KINDS) - 1).astype(np.int8)
    keep = sources != targets
    return sources[keep], targets[keep], kinds[keep]


def generate(accounts: int, interactions: int, seed: int = 1) -> Graph:
    """A seeded power-law interaction graph (see the module docstring)."""
    sources, targets, kinds = interactions_of(accounts, interactions, seed)
    return from_pairs(f"generated-{accounts}-{interactions}-s{seed}", accounts, sources, targets, KIND_WEIGHTS[kinds])


def higgs(folder: Path) -> Graph:
    """The Higgs Twitter mention and reply graphs (SNAP), one weighted graph: ``source target weight``.

    Node ids are renumbered densely (0..n-1) in order of first appearance; the two files' weights
    (counts of mentions, of replies) are summed per pair, self-loops dropped.
    """
    parts = [
        np.loadtxt(folder / name, dtype=np.int64).reshape(-1, 3)
        for name in ("higgs-mention_network.edgelist", "higgs-reply_network.edgelist")
    ]
    table = np.concatenate(parts)
    ids, dense = np.unique(table[:, :2].ravel(), return_inverse=True)
    dense = dense.reshape(-1, 2)
    keep = dense[:, 0] != dense[:, 1]
    return from_pairs(
        "higgs mention+reply", len(ids), dense[keep, 0], dense[keep, 1], table[keep, 2].astype(np.float64)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--interactions", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = time.perf_counter()
    graph = generate(args.accounts, args.interactions, args.seed)
    out_degree = np.diff(graph.indptr)
    in_degree = np.bincount(graph.indices, minlength=graph.nodes)
    print(
        f"{graph.name}: {graph.nodes:,} nodes, {graph.edges:,} edges from {graph.interactions:,} interactions, "
        f"max out-degree {out_degree.max():,}, max in-degree {in_degree.max():,}, "
        f"{(out_degree == 0).mean():.1%} without out-edges, in {time.perf_counter() - began:.1f} s"
    )


if __name__ == "__main__":
    main()
