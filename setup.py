"""The one compiled module, the global-trust power iteration (everything else is in pyproject.toml).

Built by ``pip install -e '.[dev]'`` like the rest of the package; rank.py falls back to numpy
and scipy when it is missing. Why a C extension of our own: docs/dependencies.md.
"""

import sys

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "referral_engine.trust._kernel",
            sources=["src/referral_engine/trust/_kernel.c", "src/referral_engine/trust/_push.c"],
            depends=["src/referral_engine/trust/_kernel.h"],
            # -O3 whatever Python was built with; no -march: the module must run on any x86-64 or
            # arm64 machine the package is installed on, and the loop is bound by memory, not SIMD.
            extra_compile_args=[] if sys.platform == "win32" else ["-O3"],
            # Without a C compiler the install still succeeds and rank.py runs numpy's iteration;
            # tests/test_rank_kernel.py fails then, so CI cannot lose the module unnoticed.
            optional=True,
        )
    ]
)
