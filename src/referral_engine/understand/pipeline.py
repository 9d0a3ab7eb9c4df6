"""Judging the store: every post not yet judged by this classifier version gets its judgement.

Runs after each ingest (registered in ``referral_engine/__init__.py``), in
batches, oldest posts first so a reply's parent request is known. Posts take the
compiled first pass (``screen``) as ``refer classify`` does: only those a
prefilter passes, and replies in a thread, are read in Python.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from ..store import Store
from . import CLASSIFIER_VERSION, screen, understand, understand_screened

_FLAGS = screen.MAY_REQUEST | screen.MAY_ENDORSE
_KIND_VALUES = tuple(kind.value for kind in screen.KINDS)


def _screened(batch: list[tuple[Any, ...]]) -> tuple[bytes, array[float]]:
    """The compiled first pass's codes and kind scores for a batch of ``iter_unjudged`` rows (``screen``)."""
    scores = array("d", bytes(8 * len(batch)))
    codes = screen.screen([row[2] for row in batch], scores, replies=[row[5] is not None for row in batch],
                          reposts=[row[6] is not None for row in batch], authors=[row[9] or row[3] for row in batch])
    return codes, scores


def judge_store(
    store: Store, *, batch_size: int = 20_000, progress: Callable[[int], None] | None = None,
) -> int:
    """Judge every unjudged post; returns how many were judged."""
    total = 0
    # The read cursor has its own snapshot: batches stream while each one is written.
    for batch in store.iter_unjudged(CLASSIFIER_VERSION, batch_size=batch_size):
        judged: list[tuple[str, str, str, float | None, bool, int]] = []
        requests: list[tuple[Any, ...]] = []
        endorsements: list[tuple[Any, ...]] = []
        codes, scores = _screened(batch)
        for at, (platform, post_id, text, author, created, reply_to, repost_of, parent_text, _, handle) in enumerate(
                batch):
            code = codes[at]
            # the judges compare the author with names in the text ("RT @acme: thanks @acme" praises its own
            # author): its handle, not the platform's id ("783214", a DID)
            who = handle or author
            if code & screen.KIND_BITS != screen.UNHANDLED:
                # a post the compiled pass judged: its kind alone, unless a prefilter passed or it replies in a thread
                screened = understand_screened(
                    text, code, author=who, parent_text=parent_text, is_reply=reply_to is not None,
                    is_repost=repost_of is not None) if code & _FLAGS or parent_text else None
                if screened is None:
                    judged.append((platform, post_id, _KIND_VALUES[code & screen.KIND_BITS], round(scores[at], 4),
                                   False, 0))
                    continue
                judgement = screened
            else:
                judgement = understand(text, parent_text=parent_text, is_reply=reply_to is not None,
                                       is_repost=repost_of is not None, author=who, with_cues=False)
            request = judgement.request
            if request is not None:
                requests.append((platform, post_id, author, created, request.sought, request.category,
                                 request.location, request.kind, request.score))
            for position, endorsement in enumerate(judgement.endorsements):
                endorsements.append((platform, post_id, position, author, created, endorsement.target,
                                     endorsement.for_, endorsement.category, endorsement.polarity,
                                     endorsement.score, reply_to))
            judged.append((platform, post_id, judgement.post_kind, judgement.post_kind_score,
                           request is not None, len(judgement.endorsements)))
        store.write_judgements(judged, requests, endorsements, version=CLASSIFIER_VERSION)
        total += len(judged)
        if progress is not None:
            progress(total)
    if total:
        store.resolve_endorsement_targets()
    return total
