"""The compiled modules: the trust kernels and classify's first pass (everything else is in pyproject.toml).

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
        ),
        Extension(
            "referral_engine.understand._screen",
            sources=["src/referral_engine/understand/_screen.c", "src/referral_engine/understand/_screen_kind.c",
                     "src/referral_engine/understand/_screen_prefilters.c"],
            depends=["src/referral_engine/understand/_screen.h"],
            # -ffp-contract=off: the post kind's totals must be the same doubles as Python's (no fused
            # multiply-adds, which compilers may otherwise emit on arm64).
            extra_compile_args=[] if sys.platform == "win32" else ["-O3", "-ffp-contract=off"],
            # Without it classify judges every post in Python (understand/screen.py: AVAILABLE).
            optional=True,
        ),
    ]
)
