"""Inorganic interaction: per-account discounts, each with its reason in words.

Trust is earned through genuine interaction; some accounts act in ways that only look like it.
Each rule below looks at one account's features (``store.graph.features``), and when it fires
gives a factor in (0, 1] and a sentence saying why. A factor lowers the account's **prior**
(where PageRank's random jump lands: how much trust it starts with), its **outgoing** trust
(the share of what it passes on along its edges; the rest returns to the random jump), or both:

===============  ===================  ====================================================================
kind             applies to           fires when
===============  ===================  ====================================================================
bulk_mention     prior, outgoing      ≥ 2 posts, and ≥ 25% of its posts, mention ≥ 5 accounts at once
one_way          prior, outgoing      it addressed ≥ 15 accounts (reply, mention, quote) and < 20% of
                                      them ever interacted back
follow_ratio     prior, outgoing      follows ≥ 1,000 accounts and > 2× as many as follow it (TweepCred)
follow_churn     prior, outgoing      its profile snapshots show ≥ 100 unfollows, ≥ half its following
new_account      prior, outgoing      created less than 30 days before ``as_of``
pitch_only       prior                ≥ 5 judged posts and ≥ 80% of them pitches
===============  ===================  ====================================================================

The factors multiply. ``docs/trust.md`` gives every formula.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

PRIOR, OUTGOING, BOTH = "prior", "outgoing", "prior+outgoing"


@dataclass(frozen=True)
class InorganicRules:
    """Thresholds of the inorganic discounts (defaults: :data:`RULES`)."""

    #: A post mentioning at least this many accounts is a bulk-mention post.
    bulk_threshold: int = 5
    bulk_min_posts: int = 2
    bulk_min_share: float = 0.25
    #: Interaction kinds that address someone in words (one-way blasting counts these).
    addressing: frozenset[str] = frozenset({"reply", "mention", "quote"})
    #: One-way blasting: addressed at least this many accounts ...
    blast_min_targets: int = 15
    #: ... and fewer than this share of them ever interacted back; factor = share / this.
    blast_answered: float = 0.2
    #: Follow ratio (TweepCred's penalty): following at least this many ...
    ratio_min_following: int = 1_000
    #: ... and more than this many times its followers; divisor = exp(k·(ratio − this)·ln ln following).
    ratio_threshold: float = 2.0
    ratio_steepness: float = 0.5
    ratio_max_divisor: float = 50.0
    #: Follow churn seen in snapshots: at least this many unfollows ...
    churn_min_unfollowed: int = 100
    #: ... amounting to at least this share of its mean following; factor = 1 / (1 + unfollowed / mean).
    churn_min_share: float = 0.5
    #: Accounts younger than this (days before ``as_of``) are new; factor = min(1, ln(1 + age / 15)).
    new_days: float = 30.0
    #: Pitch-only: at least this many judged posts, and at least this share of pitches.
    pitch_min_posts: int = 5
    pitch_share: float = 0.8
    #: No single discount takes an account below this factor (it stays in the graph, just quiet).
    floor: float = 0.02


#: The default rules.
RULES = InorganicRules()


@dataclass(frozen=True)
class Assessment:
    """The discounts of every account of a graph (arrays aligned with its index)."""

    #: Factor on each account's prior (1 = none).
    prior: np.ndarray
    #: Share of each account's outgoing trust kept on its edges (1 = all).
    outgoing: np.ndarray
    #: ``(index, kind, factor, applies_to, reason)`` of each discount that fired.
    reasons: list[tuple[int, str, float, str, str]]


def assess(features: dict[str, np.ndarray], as_of: float, rules: InorganicRules = RULES) -> Assessment:
    """Apply every rule to every account at once; ``as_of`` in epoch seconds (for account ages).

    Vectorised: the rules are array expressions, and only the accounts a rule fires on are
    visited in Python (to write their reasons).
    """
    f = features
    n = len(f["created"])
    prior = np.ones(n)
    outgoing = np.ones(n)
    reasons: list[tuple[int, str, float, str, str]] = []

    def apply(kind: str, fired: np.ndarray, factor: np.ndarray, applies: str, say: Callable[[int], str]) -> None:
        factor = np.clip(factor, rules.floor, 1.0)
        hit = np.flatnonzero(fired & (factor < 1.0))
        if applies in (PRIOR, BOTH):
            prior[hit] *= factor[hit]
        if applies in (OUTGOING, BOTH):
            outgoing[hit] *= factor[hit]
        for i in hit.tolist():
            reasons.append((i, kind, float(factor[i]), applies, say(i)))

    with np.errstate(divide="ignore", invalid="ignore"):
        # Bulk mentions: most of what it posts is a list of handles.
        posts = np.maximum(f["posts"], f["mention_posts"])
        bulk_share = np.where(posts > 0, f["bulk_posts"] / posts, 0.0)
        apply("bulk_mention", (f["bulk_posts"] >= rules.bulk_min_posts) & (bulk_share >= rules.bulk_min_share),
              1.0 - bulk_share, BOTH,
              lambda i: (f"{int(f['bulk_posts'][i]):,} of its {int(posts[i]):,} posts mention "
                         f"{rules.bulk_threshold} or more accounts at once (up to {int(f['most_mentions'][i])}): "
                         "bulk mentions"))

        # One-way blasting: it addresses many, almost nobody answers.
        answered = np.where(f["targets"] > 0, f["answered"] / f["targets"], 1.0)
        apply("one_way", (f["targets"] >= rules.blast_min_targets) & (answered < rules.blast_answered),
              answered / rules.blast_answered, BOTH,
              lambda i: (f"replied to, mentioned or quoted {int(f['targets'][i]):,} accounts; only "
                         f"{int(f['answered'][i]):,} ever interacted back: one-way blasting"))

        # Follow ratio, as TweepCred's reputation adjustment: far more followed than following back.
        following = np.where(f["following"] >= 0, f["following"], f["following_seen"])
        followers = np.where(f["followers"] >= 0, f["followers"], f["followers_seen"])
        ratio = (1.0 + following) / (1.0 + followers)
        loglog = np.log(np.log(np.maximum(following, 3.0)))
        divisor = np.exp(np.minimum(rules.ratio_steepness * (ratio - rules.ratio_threshold) * loglog,
                                    np.log(rules.ratio_max_divisor)))
        apply("follow_ratio", (following >= rules.ratio_min_following) & (ratio > rules.ratio_threshold),
              1.0 / np.maximum(divisor, 1.0), BOTH,
              lambda i: (f"follows {int(following[i]):,} accounts but is followed by {int(followers[i]):,} "
                         f"({ratio[i]:.0f}× as many): follow-churn"))

        # Follow churn in the profile history: mass follows undone again and again.
        mean = np.maximum(f["mean_following"], 1.0)
        apply("follow_churn",
              (f["unfollowed"] >= rules.churn_min_unfollowed) & (f["unfollowed"] >= rules.churn_min_share * mean),
              1.0 / (1.0 + f["unfollowed"] / mean), BOTH,
              lambda i: (f"unfollowed {int(f['unfollowed'][i]):,} accounts across {int(f['snapshots'][i])} "
                         f"profile snapshots (following {mean[i]:,.0f} on average): follow-churn"))

        # Brand-new accounts (TweepCred's age factor): sock puppets are made the week they are used.
        age = (as_of - f["created"]) / 86_400.0
        young = np.isfinite(age) & (age < rules.new_days)
        apply("new_account", young, np.log1p(np.maximum(age, 0.0) / 15.0), BOTH,
              lambda i: f"created {_days(age[i])} before the latest activity: a brand-new account")

        # Nearly all pitches: it talks at the community, not with it.
        pitch = np.where(f["judged"] > 0, f["pitches"] / f["judged"], 0.0)
        apply("pitch_only", (f["judged"] >= rules.pitch_min_posts) & (pitch >= rules.pitch_share),
              (1.0 - pitch) / (1.0 - rules.pitch_share), PRIOR,
              lambda i: (f"{int(f['pitches'][i]):,} of its {int(f['judged'][i]):,} posts are pitches "
                         f"({pitch[i]:.0%})"))
    return Assessment(prior, outgoing, reasons)


def _days(days: float) -> str:
    if days < 1:
        return "less than a day"
    return "1 day" if days < 2 else f"{int(days)} days"


__all__ = ["BOTH", "OUTGOING", "PRIOR", "RULES", "Assessment", "InorganicRules", "assess"]
