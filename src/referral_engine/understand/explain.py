"""Why a post was judged as it was: the cues behind each decision, in words and weights."""

from __future__ import annotations

from typing import Any

from . import understand
from .model import Cue
from .requests import THRESHOLD, judge_request, might_be_request


def _cues(cues: tuple[Cue, ...]) -> list[dict[str, Any]]:
    return [{"cue": c.name, "text": c.text, "weight": round(c.weight, 3)} for c in cues]


def explain(
    text: str, *, parent_text: str | None = None, is_reply: bool = False, is_repost: bool = False,
    author: str | None = None,
) -> dict[str, Any]:
    """The judgement of a post with, for each part, the cues that decided it."""
    judgement = understand(text, parent_text=parent_text, is_reply=is_reply, is_repost=is_repost, author=author)
    request = judgement.request
    if request is not None:
        request_part: dict[str, Any] = {
            "decision": "request", "sought": request.sought, "category": request.category,
            "location": request.location, "kind": request.kind, "score": round(request.score, 4),
            "cues": _cues(request.cues),
        }
    elif is_repost:
        request_part = {"decision": "not a request", "why": "a repost repeats someone else's post"}
    elif not might_be_request(text):
        request_part = {"decision": "not a request", "why": "no asking phrase found (the cheap first filter)"}
    else:
        candidate = judge_request(text, is_reply=is_reply)
        if candidate is None:
            request_part = {"decision": "not a request", "why": "an asking phrase, but nothing sought in it"}
        else:
            request_part = {
                "decision": "not a request",
                "why": f"read as asking for {candidate.sought!r}, but its score {candidate.score:.2f} is under "
                       f"{THRESHOLD}",
                "cues": _cues(candidate.cues),
            }
    return {
        "text": text,
        "parent_text": parent_text,
        "request": request_part,
        "endorsements": [
            {"target": e.target, "for": e.for_, "polarity": e.polarity, "score": round(e.score, 4),
             "category": e.category, "cues": _cues(e.cues)}
            for e in judgement.endorsements
        ],
        "post_kind": {"kind": judgement.post_kind, "score": round(judgement.post_kind_score, 4),
                      "cues": _cues(judgement.post_kind_cues)},
    }
