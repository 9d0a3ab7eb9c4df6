"""Judging the store: every post not yet judged by this classifier version gets its judgement.

Runs after each ingest (registered in ``referral_engine/__init__.py``), in
batches, oldest posts first so a reply's parent request is known.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..store import Store
from . import CLASSIFIER_VERSION, understand


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
        for platform, post_id, text, author, created, reply_to, repost_of, parent_text, _ in batch:
            judgement = understand(text, parent_text=parent_text, is_reply=reply_to is not None,
                                   is_repost=repost_of is not None, author=author, with_cues=False)
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
