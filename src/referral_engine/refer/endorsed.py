"""The endorsements that referral answers read, held in memory per process and state of the store.

For each query, ``refer who`` asks which endorsements may be on its topic: those whose category
or whose request's category is one of the query's, whose request was for a kind of thing
(``product``), that replied to one of the earlier questions most like the query, or whose
``for`` or request's ``sought`` has a word starting with a word of the query ("dentist" finds
"dentists" and "dentistry"). Scanning the table for that on every query costs tens of
milliseconds on a large store, most of it turning rows into Python objects, and the profiles of
the endorsers and the endorsed cost a pass over the accounts table more.

:class:`EndorsementIndex` reads the endorsements (with the request each replied to) and those
profiles once, and answers the question from inverted indexes. :func:`endorsement_index` keeps
one per store and process, and reads it again when the judgements or accounts change
(:func:`referral_engine.store.referrals.referral_state`).
"""

from __future__ import annotations

import bisect
import re
import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..store import Store
from ..store import referrals as sql

#: What the store's word test (``\b`` in a regular expression) counts as a word: ASCII letters,
#: digits and underscore; a query word matches a word of a phrase that starts with it.
_WORD = re.compile(r"[0-9a-z_]+")
#: How request phrases are cut into words when counting them (as the store's SQL did).
_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass
class EndorsementIndex:
    """Every endorsement (:data:`referral_engine.store.referrals.ENDORSEMENT_COLUMNS` rows) with
    inverted indexes on what a query's topic is matched against, and the profiles of the accounts
    that endorsed or were endorsed."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    profiles: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    by_category: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_kind: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_thread: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_word: dict[str, tuple[int, ...]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    #: Per platform (and ``None``: all), how many requests there are and how many use each word in
    #: what they seek; and when the newest endorsement was posted.
    requests: dict[str | None, int] = field(default_factory=dict)
    sought_words: dict[str | None, Counter[str]] = field(default_factory=dict)
    newest: dict[str | None, datetime] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[Any, ...]], profiles: dict[tuple[str, str], tuple[Any, ...]],
              sought: Iterable[tuple[str, str]] = (), newest: Mapping[str, datetime] | None = None,
              ) -> EndorsementIndex:
        """The index of endorsement rows (in the order given) and profiles; ``sought``: ``(platform,
        sought phrase in lower case)`` of every request; ``newest``: each platform's newest endorsement."""
        index = cls(rows=list(rows), profiles=profiles)
        for platform, phrase in sought:
            words = set(_SPLIT.split(phrase))
            for key in (platform, None):
                index.requests[key] = index.requests.get(key, 0) + 1
                index.sought_words.setdefault(key, Counter()).update(words)
        index.newest = {platform: moment for platform, moment in (newest or {}).items()}
        if index.newest:
            index.newest[None] = max(index.newest.values())
        by_category: dict[str, list[int]] = {}
        by_kind: dict[str, list[int]] = {}
        by_thread: dict[str, list[int]] = {}
        by_word: dict[str, list[int]] = {}
        for i, row in enumerate(index.rows):
            for_what, category, in_reply_to = row[6], row[7], row[10]
            sought, request_category, request_kind = row[11], row[12], row[13]
            for value in {category, request_category} - {None}:
                by_category.setdefault(str(value), []).append(i)
            if request_kind is not None:
                by_kind.setdefault(str(request_kind), []).append(i)
            if in_reply_to is not None:
                by_thread.setdefault(str(in_reply_to), []).append(i)
            text = f"{for_what or ''} {sought or ''}".lower()
            for word in set(_WORD.findall(text)):
                by_word.setdefault(word, []).append(i)
        index.vocabulary = sorted(by_word)
        # tuples of numbers, not lists: a kept index the garbage collector stops scanning (a full
        # collection walks every list, every time)
        index.by_category, index.by_kind, index.by_thread, index.by_word = (
            {key: tuple(found) for key, found in postings.items()}
            for postings in (by_category, by_kind, by_thread, by_word))
        return index

    def matching(self, *, platform: str | None, categories: Sequence[str] = (), words: Sequence[str] = (),
                 kinds: Sequence[str] = (), threads: Sequence[str] = ()) -> list[tuple[Any, ...]]:
        """The rows whose topic may match, in the index's order: category (theirs or their request's)
        in ``categories``, request kind in ``kinds``, replying to a post id in ``threads``, or a word
        of what they were for (or their request sought) starting with one of ``words``
        (``[a-z0-9]`` words; others are ignored)."""
        hits: set[int] = set()
        for category in categories:
            hits.update(self.by_category.get(category, ()))
        for kind in kinds:
            hits.update(self.by_kind.get(kind, ()))
        for thread in threads:
            hits.update(self.by_thread.get(thread, ()))
        for word in {w for w in words if w.isalnum() and w.isascii()}:
            at = bisect.bisect_left(self.vocabulary, word)
            while at < len(self.vocabulary) and self.vocabulary[at].startswith(word):
                hits.update(self.by_word[self.vocabulary[at]])
                at += 1
        return [self.rows[i] for i in sorted(hits) if platform is None or self.rows[i][0] == platform]

    def sought_frequencies(self, platform: str | None, words: Iterable[str]) -> tuple[int, dict[str, int]]:
        """How many requests' ``sought`` use each of ``words`` (those used at all), and how many there are."""
        counts = self.sought_words.get(platform, Counter())
        return self.requests.get(platform, 0), {w: counts[w] for w in set(words) if w and counts[w]}

    def newest_endorsement(self, platform: str | None) -> datetime | None:
        """When the newest endorsement (of ``platform``, or any) was posted."""
        return self.newest.get(platform)

    def profile(self, platform: str, account_id: str) -> tuple[Any, ...] | None:
        """``(handle, name, description, location)`` of an endorser or endorsed account, if known."""
        return self.profiles.get((platform, account_id))


_INDEXES: weakref.WeakKeyDictionary[Store, tuple[tuple[Any, ...], EndorsementIndex]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def endorsement_index(store: Store) -> EndorsementIndex:
    """The endorsement index of ``store``: read on first use, kept while the store's judgements and
    accounts stay the same."""
    state = sql.referral_state(store)
    with _LOCK:
        cached = _INDEXES.get(store)
    if cached is not None and cached[0] == state:
        return cached[1]
    index = EndorsementIndex.build(sql.all_endorsements(store), sql.endorsement_profiles(store),
                                   sql.request_phrases(store), sql.newest_endorsements(store))
    with _LOCK:
        _INDEXES[store] = (state, index)
    return index
