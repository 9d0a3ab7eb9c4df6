"""Referral answers: who the network would refer for a query, and the requests a business could answer.

Library first::

    from referral_engine import Store
    from referral_engine.refer import who, opportunities

    store = Store("community.duckdb")
    for answer in who(store, "a good dentist", asker="@ana", near="Austin"):
        print(answer.name, answer.score, answer.reasons)
    business, open_requests = opportunities(store, "@joesplumbing")

``docs/referrals.md`` describes the scoring.
"""

from __future__ import annotations

from .business import Business, ConfigError, config_path, infer_business, load_config
from .circle import NoTrust, StoreTrust, TrustView
from .opportunities import Opportunity, opportunities
from .providers import NameRule, group_names
from .query import Query, parse_query
from .reasons import Answer
from .who import name_rule, resolve_account, who

__all__ = [
    "Answer",
    "Business",
    "ConfigError",
    "NameRule",
    "NoTrust",
    "Opportunity",
    "Query",
    "StoreTrust",
    "TrustView",
    "config_path",
    "group_names",
    "infer_business",
    "load_config",
    "name_rule",
    "opportunities",
    "parse_query",
    "resolve_account",
    "who",
]
