"""Trust from organic interaction: the interaction graph, global trust, personal trust.

Library first::

    from referral_engine import Store
    from referral_engine.trust import global_trust, personal_trust, trust_report

    store = Store("community.duckdb")
    global_trust(store, "x", ["12", "34"])          # {"12": 2.4, "34": 0.7}: 1.0 = an average account
    personal_trust(store, "x", "12", limit=20)      # whom account 12 trusts, as a walk from it sees it
    trust_report(store, "x", "12").to_dict()        # the same, explained

``docs/trust.md`` describes the weights, the discounts and both rankings.
"""

from __future__ import annotations

from .graph import Discount, TrustGraph, trust_graph
from .inorganic import RULES, InorganicRules
from .pairs import PairCounts, interaction_counts
from .report import Tie, TrustReport, find_account, trust_report
from .scores import global_trust, personal_trust, refresh_trust
from .weights import WEIGHTS, TrustWeights

__all__ = [
    "RULES",
    "WEIGHTS",
    "Discount",
    "InorganicRules",
    "PairCounts",
    "Tie",
    "TrustGraph",
    "TrustReport",
    "TrustWeights",
    "find_account",
    "global_trust",
    "interaction_counts",
    "personal_trust",
    "refresh_trust",
    "trust_graph",
    "trust_report",
]
