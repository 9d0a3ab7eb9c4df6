"""The demo community (``refer demo``): a generated Austin to ingest and explore.

::

    from referral_engine import Store
    from referral_engine.demo import first_look, generate

    demo = generate("demo-data")          # community.jsonl + truth.json, seeded
    with Store("demo.duckdb") as store:
        demo.ingest(store)
        print(first_look(store, platform="demo"))
"""

from __future__ import annotations

from ..store.overview import first_look, request_condition
from .generator import DEFAULT_NOW, PLATFORM, TRUTH_SCHEMA, DemoCommunity, generate

__all__ = [
    "DEFAULT_NOW",
    "PLATFORM",
    "TRUTH_SCHEMA",
    "DemoCommunity",
    "first_look",
    "generate",
    "request_condition",
]
