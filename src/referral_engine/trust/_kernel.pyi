"""Types of the compiled trust kernels (``_kernel.c``): they take any buffer of the right type."""

from typing import Any

import numpy.typing as npt

def power_iterate(
    indptr: npt.NDArray[Any],
    indices: npt.NDArray[Any],
    data: npt.NDArray[Any],
    jump: npt.NDArray[Any],
    dangling: npt.NDArray[Any],
    x: npt.NDArray[Any],
    y: npt.NDArray[Any],
    damping: float,
    tol: float,
    max_iter: int,
    /,
) -> tuple[int, float, bool]: ...
def personal_push(
    indptr: npt.NDArray[Any],
    indices: npt.NDArray[Any],
    weights: npt.NDArray[Any],
    out_strength: npt.NDArray[Any] | None,
    seeds: npt.NDArray[Any],
    seed_mass: npt.NDArray[Any],
    alpha: float,
    epsilon: float,
    /,
) -> tuple[bytes, bytes]: ...
