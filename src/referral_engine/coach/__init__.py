"""The coach: an account (or a business's profile) as a citizen of its network, and its next week.

Library first::

    from referral_engine import Store
    from referral_engine.coach import add_profile, audit, plan

    store = Store("community.duckdb")
    add_profile(store, "Joe's Plumbing", ["@joesplumbing", "bluesky:did:plc:..."], categories=["plumber"])
    audit(store, "Joe's Plumbing").as_dict()     # post mix, reciprocity, sweet spot, citizenship, peers
    plan(store, "Joe's Plumbing").as_list()      # [{"day", "action", "target", "reason", ...}]

``docs/coach.md`` describes every figure, the citizenship formula and the plan's rules.
"""

from __future__ import annotations

from .audit import Audit, audit, citizenship_scores
from .citizenship import WEIGHTS, Citizenship, Component
from .plan import Action, InteractionTrust, Plan, plan
from .profiles import Subject, add_profile, add_profiles, list_profiles, remove_profile, resolve, show_profile

__all__ = [
    "WEIGHTS",
    "Action",
    "Audit",
    "Citizenship",
    "Component",
    "InteractionTrust",
    "Plan",
    "Subject",
    "add_profile",
    "add_profiles",
    "audit",
    "citizenship_scores",
    "list_profiles",
    "plan",
    "remove_profile",
    "resolve",
    "show_profile",
]
