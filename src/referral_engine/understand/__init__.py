"""Understanding posts: referral requests, endorsements, and the kind of each post.

Every judgement is a pure function of a post's text (and its parent's, for a
reply), carries a score, and lists the cues that decided it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .endorsements import detect_endorsements, endorsements_of_candidate
from .kinds import classify_kind, kind_of
from .model import Cue, Endorsement, Judgement, PostKind, Request, RequestKind
from .requests import detect_request, might_be_request, request_of, request_of_candidate
from .screen import MAY_ENDORSE, MAY_REQUEST

#: Bumped whenever a detector changes what it decides: stored judgements of older versions are redone.
CLASSIFIER_VERSION = 8  # 8: the store judges with the author's handle, not the platform's id


@lru_cache(maxsize=4096)
def _parent_request(text: str) -> Request | None:
    # a request thread's replies all ask the same question of the same parent
    return detect_request(text)


def understand(
    text: str,
    *,
    parent_text: str | None = None,
    is_reply: bool = False,
    is_repost: bool = False,
    author: str | None = None,
    mentions: Sequence[str] = (),
    with_cues: bool = True,
) -> Judgement:
    """Everything understood about one post (``with_cues=False`` skips the post kind's explanation)."""
    # one lowercasing and one split, shared by the request filter and the post kind
    low = text.lower()
    words = low.split()
    request = None
    endorsements: tuple[Endorsement, ...] = ()
    if not is_repost:
        request = request_of(text, low)
        found = detect_endorsements(text, parent_text=parent_text,
                                    parent_request=_parent_request(parent_text) if parent_text else None,
                                    mentions=mentions)
        if found:
            endorsements = tuple(found)
    kind, score, cues = kind_of(text.strip(), low.strip(), words, is_reply=is_reply, is_repost=is_repost,
                                author=author, with_cues=with_cues)
    if request is not None and kind is not PostKind.CONVERSATION:
        # asking the community to name someone is talk with it ("can anyone recommend…" is no shout-out)
        kind, score = PostKind.CONVERSATION, max(score, request.score)
        if with_cues:
            cues = (Cue("referral_request", request.sought, request.score), *cues)
    elif not is_reply and kind is not PostKind.PROMOTING_OTHERS and (vouched := _vouched_for(endorsements, author)):
        # vouching for a provider unasked is promoting others ("@x is who we'd call"); in a reply it answers
        kind, score = PostKind.PROMOTING_OTHERS, max(score, vouched.score)
        if with_cues:
            cues = (Cue("endorsing", vouched.target, vouched.score), *cues)
    return Judgement(request, endorsements, _VALUES[kind], score, cues)


def understand_screened(
    text: str, code: int, *, author: str | None = None, parent_text: str | None = None, is_reply: bool = False,
    is_repost: bool = False,
) -> Judgement | None:
    """``understand(text, …, with_cues=False)`` for a post the compiled first pass screened with the same
    context (``screen.screen``, ``code``): ``None`` when the post holds no request and no endorsement, so that
    its judgement is the post kind in ``code`` alone (a repost's always is)."""
    if is_repost:
        return None
    if parent_text or (code & MAY_REQUEST and request_of_candidate(text) is not None) or (
            code & MAY_ENDORSE and endorsements_of_candidate(text)):
        # a reply in a thread is read whole: what it endorses depends on the thread, and reading it is the
        # cost (reading twice to learn that it endorses someone would double it)
        return understand(text, parent_text=parent_text, is_reply=is_reply, author=author, with_cues=False)
    return None


def _vouched_for(endorsements: tuple[Endorsement, ...], author: str | None) -> Endorsement | None:
    """The first positive endorsement of someone other than the author (a business pointing at itself
    promotes no one else; ``author`` is a handle, as the plain format and the store give it)."""
    me = author.lstrip("@").lower() if author else None
    return next((e for e in endorsements if e.polarity == "positive" and e.target.lstrip("@").lower() != me), None)


_VALUES = {kind: kind.value for kind in PostKind}  # an enum's .value is a slow property on the hot path


__all__ = [
    "CLASSIFIER_VERSION", "Cue", "Endorsement", "Judgement", "PostKind", "Request", "RequestKind", "classify_kind",
    "detect_endorsements", "detect_request", "might_be_request", "understand", "understand_screened",
]
