"""The earlier questions most like a query: TF-IDF over the posts whose replies endorsed someone.

A recommendation answers the question it replied to, so the whole question ("British schools in
doha / I am looking for a primary school ... British curriculum") says what it was for better
than the short phrase the request detector kept ("primary school"). :class:`ThreadIndex` holds,
for every post that endorsements replied to, its content words (:func:`.query.content_words`:
no function, quality or place words) weighted by TF-IDF over those posts, the subject line
counting :data:`TITLE_WEIGHT` times. A query is read the same way, and the most similar
questions are found through an inverted index (only the posts sharing a word are touched).

The index is built once per store and process (:func:`thread_index`) and rebuilt when the
store's endorsements change, so a query never scans the posts.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..store import Store
from ..store import referrals as sql
from ..understand.text import clean
from .query import content_words

#: A word of the subject line counts this many times a word of the body.
TITLE_WEIGHT = 2.0
#: A word only the replies use counts this share of a word of the question's body: what the
#: answers talk about ("souvenir shops" under a question about fridge magnets) is part of the topic.
REPLY_WEIGHT = 0.5
#: Words in more than this share of the indexed questions say nothing about which one is meant.
MAX_SHARE = 0.2
#: Names written in the replies to this many of the most similar questions are weak candidates
#: (:meth:`ThreadIndex.mentioned`).
MENTION_THREADS = 10

# A word written as a name is: capitalised ("Carrefour", "QNB"), not "gold" or "colors".
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9&'\-]*")


def _weights(text: str, replies: str = "") -> dict[str, float]:
    """Term weights of a question: its subject line (first line) counts :data:`TITLE_WEIGHT`, its
    body 1, a word only its ``replies`` use :data:`REPLY_WEIGHT`."""
    body = clean(text)
    title, _, rest = body.partition("\n")
    found = dict.fromkeys(content_words(clean(replies)), REPLY_WEIGHT) if replies else {}
    found.update(dict.fromkeys(content_words(rest), 1.0))
    for word in content_words(title):
        found[word] = TITLE_WEIGHT
    return found


@dataclass
class ThreadIndex:
    """Questions that endorsements replied to, searchable by similarity to a query (cosine of TF-IDF)."""

    keys: list[tuple[str, str]] = field(default_factory=list)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    postings: dict[str, Sequence[tuple[int, float]]] = field(default_factory=dict)
    #: Per question, the words its replies capitalise. Tuples (of a few words each), not sets, and
    #: postings as tuples: a kept index the garbage collector stops scanning.
    named: list[tuple[str, ...]] = field(default_factory=list)
    position: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str, str]]) -> ThreadIndex:
        """The index of ``(platform, post_id, text, replies)`` rows."""
        index = cls()
        docs = []
        for platform, post_id, text, replies in rows:
            index.position[(platform, post_id)] = len(index.keys)
            index.keys.append((platform, post_id))
            index.titles[(platform, post_id)] = clean(text).split("\n", 1)[0][:80]
            docs.append(_weights(text, replies))
            index.named.append(tuple(sorted(_name_words(replies))))
        df: dict[str, int] = {}
        for doc in docs:
            for word in doc:
                df[word] = df.get(word, 0) + 1
        n = len(docs)
        # a word in most questions ("school" in a schools forum) still says a little; one in a
        # fifth or more of all of them says nothing (a forum's "doha", "qatar", "expat")
        index.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items() if n < 20 or c <= MAX_SHARE * n}
        postings: dict[str, list[tuple[int, float]]] = {}
        for d, doc in enumerate(docs):
            vector = {w: tf * index.idf[w] for w, tf in doc.items() if w in index.idf}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for word, value in vector.items():
                postings.setdefault(word, []).append((d, value / norm))
        index.postings = {word: tuple(found) for word, found in postings.items()}
        return index

    def unseen(self) -> float:
        """The weight of a word no indexed question uses (the rarest possible)."""
        return math.log(1 + len(self.keys)) + 1.0

    def similar(self, text: str, *, platform: str | None = None, limit: int = 30,
                floor: float = 0.05) -> dict[tuple[str, str], float]:
        """The ``limit`` questions most like ``text`` (cosine similarity at least ``floor``), by key."""
        weights = _weights(text)
        # a word the index never saw still counts in the query's length: a query about something
        # no earlier question asked is not very like any of them
        vector = {w: tf * self.idf.get(w, self.unseen()) for w, tf in weights.items()
                  if w in self.idf or w not in self.postings}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        scores: dict[int, float] = {}
        for word, value in vector.items():
            for d, weight in self.postings.get(word, ()):
                scores[d] = scores.get(d, 0.0) + value / norm * weight
        ranked = sorted(((s, d) for d, s in scores.items() if s >= floor
                         and (platform is None or self.keys[d][0] == platform)), reverse=True)[:limit]
        return {self.keys[d]: s for s, d in ranked}

    def mentioned(self, similar: Mapping[tuple[str, str], float], names: Mapping[str, tuple[str, ...]], *,
                  limit: int = MENTION_THREADS, by_word: Mapping[str, list[str]] | None = None,
                  ) -> list[tuple[tuple[str, str], str, float]]:
        """The ``names`` written in the replies to the ``limit`` most ``similar`` questions (:meth:`similar`),
        as ``(question key, name, similarity)``.

        ``names`` maps each known provider name to its distinctive words (:meth:`.providers.NameRule.distinctive`);
        a name is written there when all its distinctive words are, capitalised as a name is ("Carrefour",
        not "gold"). A reply that names a provider without the words of a recommendation ("Carrefour has
        them") is still an answer to its question: the endorsement detector misses many of these.
        """
        if by_word is None:
            by_word = names_by_word(names)
        found: list[tuple[tuple[str, str], str, float]] = []
        for key, sim in sorted(similar.items(), key=lambda kv: -kv[1])[:limit]:
            d = self.position.get(key)
            if d is None:
                continue
            written = self.named[d]
            for word in sorted(by_word.keys() & written):
                found.extend((key, name, sim) for name in by_word[word] if all(w in written for w in names[name]))
        return found

    def title(self, key: tuple[str, str]) -> str:
        """The subject line of an indexed question (for reasons)."""
        return self.titles.get(key, "")


def names_by_word(names: Mapping[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """The ``names`` (with their distinctive words) filed under their first distinctive word, as
    :meth:`ThreadIndex.mentioned` looks them up."""
    by_word: dict[str, list[str]] = {}
    for name, words in names.items():
        if words:
            by_word.setdefault(words[0], []).append(name)
    return by_word


def _name_words(text: str) -> set[str]:
    """The words of ``text`` written capitalised, lowercased and split as names are compared (``normalise``)."""
    return {w for m in _CAPITALISED.findall(text) for w in re.findall(r"[a-z0-9]+", m.lower().replace("'", ""))}


_INDEXES: weakref.WeakKeyDictionary[Store, tuple[int, ThreadIndex]] = weakref.WeakKeyDictionary()


def thread_index(store: Store) -> ThreadIndex:
    """The thread index of ``store``, built on first use and kept while its endorsements stay the same."""
    count = sql.endorsement_count(store)
    cached = _INDEXES.get(store)
    if cached is not None and cached[0] == count:
        return cached[1]
    index = ThreadIndex.build(sql.endorsed_threads(store))
    _INDEXES[store] = (count, index)
    return index
