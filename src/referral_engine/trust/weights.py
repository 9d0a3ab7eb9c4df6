"""How much trust one interaction carries: weights per kind, decay, repetition, reciprocity.

The rules (``docs/trust.md`` gives the formulas and the reasons):

- **kind**: a reply costs effort and starts a conversation, a like costs a tap. ``KIND_WEIGHTS``
  orders them: reply 1.0, quote 0.8, mention 0.6, repost 0.6, follow 0.5, like 0.3.
- **time**: each interaction counts ``2 ** (-age / half_life)`` (RealGraph's exponentially decayed
  sum per pair), its age measured to ``as_of``: by default the latest interaction of the platform
  in the store, so an old dataset is not decayed to nothing. A follow is a standing relation (it
  holds until undone), so it is not decayed. An undated interaction counts as one half-life old.
- **repetition**: the decayed count ``c`` of one kind between two accounts counts
  ``R · c / (c + R − 1)``: 1 for one interaction, growing with more but never past ``R`` (4), so
  a thousand mentions (at most 0.6 × 4 = 2.4) are worth less than five replies (1.0 × 2.5).
- **reciprocity**: the edge ``A → B`` is multiplied by ``1 + b · min(1, w(B → A) / w(A → B))``,
  ``b`` = 0.5: trust answered in kind is worth up to half as much again.
- **bulk mentions**: a mention in a post that mentions ``m`` accounts counts ``min(1, (3 / m)²)``:
  one of three counts fully, one of twenty almost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model import InteractionKind

#: Trust carried by one interaction of each kind (before decay, repetition and reciprocity).
KIND_WEIGHTS: Mapping[str, float] = MappingProxyType({
    InteractionKind.REPLY: 1.0,
    InteractionKind.QUOTE: 0.8,
    InteractionKind.MENTION: 0.6,
    InteractionKind.REPOST: 0.6,
    InteractionKind.FOLLOW: 0.5,
    InteractionKind.LIKE: 0.3,
})


@dataclass(frozen=True)
class TrustWeights:
    """The parameters of edge weights and of the two rankings (defaults: :data:`WEIGHTS`)."""

    #: Trust carried by one interaction of each kind; kinds not listed carry none.
    kinds: Mapping[str, float] = field(default_factory=lambda: KIND_WEIGHTS)
    #: Days after which an interaction counts half (RealGraph keeps such decayed sums per pair).
    half_life_days: float = 90.0
    #: Kinds that are standing relations, not events: counted 1 while they hold, never decayed.
    standing: frozenset[str] = frozenset({InteractionKind.FOLLOW})
    #: What an undated interaction counts (as if one half-life old).
    undated: float = 0.5
    #: Repetition saturates: a pair's decayed count ``c`` of one kind counts ``R·c/(c+R−1)`` ≤ ``R``.
    repetition_cap: float = 4.0
    #: An edge answered in kind gains up to this share of its weight.
    reciprocity_bonus: float = 0.5
    #: A post may mention this many accounts with full weight; beyond, each mention counts ``(free/m)²``.
    bulk_free_mentions: int = 3
    #: Probability that the global walk follows an edge rather than jumping to the prior (PageRank's d).
    damping: float = 0.85
    #: Restart probability of the personal walk (back to the asker).
    personal_alpha: float = 0.15
    #: Precision of the personal push: residual left per out-edge of a touched account.
    personal_epsilon: float = 1e-5

    @property
    def half_life_seconds(self) -> float:
        """The half-life in seconds (what the SQL measures ages in)."""
        return self.half_life_days * 86_400.0


#: The default weights.
WEIGHTS = TrustWeights()

__all__ = ["KIND_WEIGHTS", "WEIGHTS", "TrustWeights"]
