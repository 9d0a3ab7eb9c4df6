"""Types of the compiled power iteration (``_kernel.c``): it takes any buffer of the right type."""

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
