"""Who would my network refer for X near Y? Ranked providers, each with its reasons in words.

:func:`who` reads a query (a phrase or a whole request post, :mod:`.query`), gathers the
endorsements whose topic matches, groups their targets into providers (:mod:`.providers`) and
scores each provider (``docs/referrals.md`` has the formula):

- **endorsements**: each counts by how well its topic matches the query (the earlier question it
  answered, read whole through :mod:`.threads`; what it was for; the request's sought phrase; the
  category, a soft prior), how recent it is (half-life :data:`HALF_LIFE_DAYS`), its
  polarity (a warning subtracts) and who wrote it (global trust, and the asker's personal trust
  with ``--for``); one endorser counts once per provider, with a little extra for repeating;
- **the provider's breadth**: the i-th strongest thread counts 1/i (a popularity penalty), and for
  a product, category-only matches need several threads;
- **the provider's name**: a word of it among the words asked ("British" in "Doha British School");
- **the provider's own trust** (an account): global trust, and the asker's personal trust in it;
- **place**: a provider known to be where the query wants it counts more; one known to be
  elsewhere, less.
"""

from __future__ import annotations

import re
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import chain
from typing import Any

from ..collector import collector_paused
from ..store import Store
from ..store import referrals as sql
from ..understand.names import proper
from .circle import StoreTrust, TrustView, relative
from .endorsed import EndorsementIndex, endorsement_index
from .evidence import (
    ELSEWHERE,
    MENTION,
    MENTION_SCORE,
    NAME_BOOST,
    PLACE_BOOST,
    PlaceFacts,
    Row,
    asked_words,
    breadth,
    circle_factor,
    decay,
    evidence,
    name_words,
    names_asked,
    place_facts,
    place_of,
    request_places,
    trust_factor,
    wanted_place,
)
from .providers import FREQUENT_SHARE, Group, NameRule, group_names
from .query import Query, parse_query
from .reasons import Answer, Profiles, Ties, answer_for, display_name
from .threads import ThreadIndex, names_by_word, thread_index
from .topic import Topic, idf_from

#: How many of the earlier questions most like the query lend their endorsements (:mod:`.threads`).
THREADS = 30
#: A question this similar to the query (cosine of TF-IDF) counts as the very topic; less, in proportion.
FULL_SIMILARITY = 0.3


def resolve_account(store: Store, account: str, platform: str | None = None) -> tuple[str, str]:
    """``(platform, id)`` of an account named by id or handle (:meth:`Store.account`)."""
    found_platform, account_id, _ = store.account(account, platform=platform)
    return found_platform, account_id


_RULES: weakref.WeakKeyDictionary[Store, tuple[int, NameRule]] = weakref.WeakKeyDictionary()


def name_rule(store: Store) -> NameRule:
    """The name rule of this store: the stop list, plus the words common in its posts.

    Kept for the store while its posts stay the same (one sample of the posts per process).
    """
    posts = sql.post_count(store)
    cached = _RULES.get(store)
    if cached is not None and cached[0] == posts:
        return cached[1]
    total, frequency = sql.frequent_words(store, share=FREQUENT_SHARE)
    rule = NameRule(frequency=frequency, posts=total)
    _RULES[store] = (posts, rule)
    return rule


#: How many groupings of endorsement targets a store keeps per process (:func:`_grouped`).
GROUPINGS_KEPT = 16
_GROUPINGS: weakref.WeakKeyDictionary[Store, tuple[NameRule, OrderedDict[Any, tuple[list[Group], list[int]]]]] = \
    weakref.WeakKeyDictionary()


def _grouped(store: Store, rule: NameRule, targets: list[tuple[str, str | None]],
             account_names: Mapping[str, list[str]]) -> tuple[list[Group], list[int]]:
    """:func:`group_names`, remembered for the store's name rule: queries on one topic gather the
    same endorsements, and grouping their names is the costliest step of an answer."""
    # flat tuples of plain values: a kept key the garbage collector visits once, not once per pair
    key = (tuple(chain.from_iterable(targets)),
           tuple(chain.from_iterable((a, len(n), *n) for a, n in sorted(account_names.items()))))
    cached = _GROUPINGS.get(store)
    if cached is None or cached[0] is not rule:
        cached = _GROUPINGS[store] = (rule, OrderedDict())
    memo = cached[1]
    found = memo.get(key)
    if found is None:
        found = memo[key] = group_names(targets, rule, account_names)
        while len(memo) > GROUPINGS_KEPT:
            memo.popitem(last=False)
    else:
        memo.move_to_end(key)
    return found


def who(
    store: Store, query: str, *, asker: str | None = None, near: str | None = None, platform: str | None = None,
    limit: int = 10, now: datetime | None = None, trust: TrustView | None = None,
) -> list[Answer]:
    """Providers the network would refer for ``query``, best first, each with its reasons.

    ``asker``: the account asking (id or handle), whose circle weighs the endorsers; ``near``: the
    place wanted (else the query's own); ``platform``: only this platform; ``now``: the time that
    recency is measured from (default: the newest endorsement in the store); ``trust``: the trust
    to use (default: :class:`StoreTrust`; :class:`NoTrust` scores from endorsements alone).

    What does not depend on the asker (the endorsements on the topic, their weights, the providers
    they name) is a :class:`_Plan`, kept per process for the topics asked lately; the asker's circle
    then reweighs only the providers it touches.
    """
    with collector_paused():  # an answer makes many short-lived objects: no collection walks the caches meanwhile
        return _who(store, query, asker=asker, near=near, platform=platform, limit=limit, now=now, trust=trust)


def _who(store: Store, query: str, *, asker: str | None, near: str | None, platform: str | None, limit: int,
         now: datetime | None, trust: TrustView | None) -> list[Answer]:
    parsed = parse_query(query, near=near)
    me: tuple[str, str] | None = resolve_account(store, asker, platform) if asker else None
    if me is not None:
        platform = me[0]
    view = trust if trust is not None else StoreTrust(store)
    plan = _plan(store, parsed, platform, now, view)
    scored = [_Scored(store, part, parsed, me, view) for part in plan.parts]
    # plain tuples while ranking every provider; answers, with endorsers and reasons, only for those shown
    ranked = sorted((-score, name.lower(), k, g, name) for k, sc in enumerate(scored) for score, name, g in sc.found)
    answers = []
    for _, _, k, g, _ in ranked[:limit]:
        answer, complete = scored[k].answer(g)
        complete()
        answers.append(answer)
    return answers


@dataclass
class _Part:
    """The asker-free side of an answer on one platform: the endorsements on the topic (weights with
    no circle of trust), the providers they name, and each provider's evidence."""

    platform: str
    now: datetime
    groups: list[Group]
    #: Every provider's rows, their values one after the other in one plain tuple, provider by
    #: provider; provider ``g``'s are rows ``offsets[g]`` to ``offsets[g + 1]`` (:meth:`rows_of` makes
    #: them ``Row`` again). A plan is kept: the garbage collector visits one tuple of plain values
    #: once, where it would visit every ``Row`` every time, and a plain tuple per row once each.
    flat: tuple[Any, ...]
    offsets: tuple[int, ...]
    evidence: list[float]
    #: Per provider, what does not change from query to query: its name as answers give it, its
    #: account's trust factor, the words of its names (:func:`.evidence.name_words`), where it is
    #: (:func:`.evidence.place_facts`).
    names: list[str]
    trusted: list[float]
    words: list[tuple[str, ...]]
    places: list[PlaceFacts]
    named: list[bool]  # a provider with an account, or a name with a word of its own
    by_author: dict[str, tuple[int, ...]]  # endorser -> the providers (group indices) it spoke of
    glob: Mapping[str, float]
    known: Profiles

    def rows_of(self, g: int) -> list[Row]:
        """Provider ``g``'s rows."""
        flat, width = self.flat, _WIDTH
        return [_ROW(flat[i:i + width]) for i in range(self.offsets[g] * width, self.offsets[g + 1] * width, width)]


@dataclass
class _Plan:
    """The asker-free side of an answer to one topic, per platform, and the state it was read in."""

    parts: list[_Part]
    fingerprints: dict[str, str] = field(default_factory=dict)


#: How many topics' plans a store keeps per process (:func:`_plan`).
PLANS_KEPT = 64
_PLANS: weakref.WeakKeyDictionary[Store, tuple[tuple[Any, ...], OrderedDict[Any, _Plan]]] = \
    weakref.WeakKeyDictionary()


def _plan(store: Store, parsed: Query, platform: str | None, now: datetime | None, trust: TrustView) -> _Plan:
    """The plan for ``parsed`` (its place aside: that is scored per query), from the cache when the
    store is as it was; only plans made with the store's own trust are kept."""
    endorsed, index, rule = endorsement_index(store), thread_index(store), name_rule(store)
    topic_text = _without_place(parsed.text, parsed.location)
    key = (platform, now, topic_text, parsed.sought, parsed.category, parsed.kind, parsed.words, parsed.context,
           parsed.terms, parsed.is_request)
    state = (endorsed, index, rule)
    memo: OrderedDict[Any, _Plan] | None = None
    if isinstance(trust, StoreTrust):
        cached = _PLANS.get(store)
        if cached is None or any(a is not b for a, b in zip(cached[0], state, strict=True)):
            cached = _PLANS[store] = (state, OrderedDict())
        memo = cached[1]
        found = memo.get(key)
        if found is not None and all(trust.fingerprint(p) == f for p, f in found.fingerprints.items()):
            memo.move_to_end(key)
            return found
    plan = _make_plan(store, parsed, topic_text, platform, now, trust, endorsed, index, rule)
    if memo is not None:
        memo[key] = plan
        while len(memo) > PLANS_KEPT:
            memo.popitem(last=False)
    return plan


def _make_plan(store: Store, parsed: Query, topic_text: str, platform: str | None, now: datetime | None,
               trust: TrustView, endorsed: EndorsementIndex, index: ThreadIndex, rule: NameRule) -> _Plan:
    categories = sorted(parsed.categories)
    kinds = [parsed.kind] if parsed.kind == "product" else []
    words = sorted(parsed.words | parsed.context)
    similar = index.similar(topic_text, platform=platform, limit=THREADS)
    rows: list[tuple[Any, ...]] = endorsed.matching(
        platform=platform, categories=categories, words=_written(words), kinds=kinds,
        threads=sorted({post_id for _, post_id in similar}))
    names = _provider_names(store, endorsed, rule)
    rows += [row[:16] for row in _mention_rows(index, similar, names) if platform is None or row.platform == platform]
    topic = Topic(parsed, _idf(endorsed, platform, words))
    matched: dict[tuple[str | None, ...], tuple[float, str]] = {}  # many rows share their phrases
    on_topic: list[Row] = []
    for plain in rows:  # the index's plain rows; a whole Row (topic, weight) only for those on the topic
        row = _ROW(plain)
        fields = (row.for_what, row.category, row.request_sought, row.request_category, row.request_kind)
        found = matched.get(fields)
        if found is None:
            found = matched[fields] = topic.match(*fields)
        score, why = found
        # for a product, a shared category ("retail") spans unrelated specialities; for a service
        # it names the trade ("leaking tap" and "plumber" meet in trades)
        loose = parsed.kind == "product" and score > 0 and why not in (row.for_what, row.request_sought)
        # the earlier question it answered, read whole, may match better than any phrase of it
        sim = similar.get((row.platform, row.in_reply_to or ""), 0.0)
        if min(1.0, sim / FULL_SIMILARITY) > score:
            score = min(1.0, sim / FULL_SIMILARITY)
            # say what was asked, short ("plumbing company"), else the question's subject line
            why = row.request_sought or index.title((row.platform, row.in_reply_to or ""))
            loose = False
        if score > 0:
            on_topic.append(_ROW((*plain[:16], score, why, 0.0, loose)))
    moment = now or endorsed.newest_endorsement(platform) or datetime.now(UTC)
    by_platform: dict[str, list[Row]] = {}
    for row in on_topic:
        by_platform.setdefault(row.platform, []).append(row)
    parts = [_part(store, endorsed, rule, p, its, trust, moment) for p, its in by_platform.items()]
    fingerprints = {p: trust.fingerprint(p) for p in by_platform} if isinstance(trust, StoreTrust) else {}
    return _Plan(parts, fingerprints)


def _part(store: Store, endorsed: EndorsementIndex, rule: NameRule, platform: str, rows: list[Row],
          trust: TrustView, now: datetime) -> _Part:
    endorsers = sorted({r.author for r in rows if r.author})
    targets = sorted({r.account for r in rows if r.account})
    known = Profiles(endorsed, platform)
    account_names = {a: [n for n in (known.get(a, (None, None))[:2]) if n] for a in targets}
    groups, index = _grouped(store, rule, [(r.target, r.account) for r in rows], account_names)
    glob = trust.global_(platform, sorted(set(endorsers) | set(targets)))
    # what an endorser's word weighs before the asker's circle: its global trust
    credit = {a: trust_factor(glob.get(a)) for a in endorsers}
    # topic squared: one endorsement on the very topic outweighs several that only share its category
    rows = [_ROW((*row[:18], (-1.0 if row.polarity == "negative" else 1.0) * max(row.score, 0.1) * row.topic ** 2
                  * decay(row.created, now) * credit.get(row.author or "", 1.0), row.loose)) for row in rows]
    flat: list[Any] = []
    offsets = [0]
    strengths, named, shown, trusted, words, places = [], [], [], [], [], []
    by_author: dict[str, set[int]] = {}
    for g, group in enumerate(groups):
        its = breadth([rows[i] for i in group.members if index[i] == g])
        # "the hospital", "pet shop", "events": no name; a name needs a word of its own
        named.append(group.account is not None or any(rule.distinctive(n) or proper(n) for n in group.names))
        strengths.append(evidence(its) if named[-1] else 0.0)
        offsets.append(offsets[-1] + len(its))
        shown.append(display_name(group, known))
        trusted.append(trust_factor(glob.get(group.account)) if group.account is not None else 1.0)
        words.append(name_words((*group.names, *account_names.get(group.account or "", []))))
        places.append(place_facts(group, request_places(its), known))
        for row in its:
            flat.extend(row)
            if row.author:
                by_author.setdefault(row.author, set()).add(g)
    # tuples of ints, not sets: the garbage collector need not scan them while the plan is kept
    return _Part(platform=platform, now=now, groups=groups, flat=tuple(flat), offsets=tuple(offsets),
                 evidence=strengths, names=shown,
                 trusted=trusted, words=words, places=places, named=named,
                 by_author={a: tuple(g) for a, g in by_author.items()}, glob=glob, known=known)


#: A Row from a plain tuple of its 20 values, at C speed (``Row._make`` and ``_replace`` run Python code).
_ROW: Callable[[Iterable[Any]], Row] = partial(tuple.__new__, Row)
_WIDTH = len(Row._fields)


class _Scored:
    """The providers of one platform's plan scored for one asker and place: ``found`` holds
    ``(score, name, provider index)``; :meth:`answer` makes one into an :class:`Answer`."""

    def __init__(self, store: Store, part: _Part, query: Query, me: tuple[str, str] | None,
                 trust: TrustView) -> None:
        self.part, self.query, self.me = part, query, me
        platform = part.platform
        mine = me[1] if me is not None and me[0] == platform else None
        self.circle = relative(trust.personal(platform, mine), mine) if mine is not None else {}
        # the asker's direct ties to endorsers, read only for those the reasons name ("whom you reply to")
        self.ties = Ties(store, platform, mine, trust if isinstance(trust, StoreTrust) else None)
        self.reweighed: dict[int, list[Row]] = {}  # providers whose endorsers the asker trusts: their rows
        self.places: dict[int, str | None] = {}
        self.found: list[tuple[float, str, int]] = []
        touched = {g for a in self.circle for g in part.by_author.get(a, ())}
        asked = asked_words(query)
        wanted = wanted_place(query)
        for g, group in enumerate(part.groups):
            if not part.named[g] or (me is not None and group.account == me[1]):
                continue
            strength = part.evidence[g]
            if g in touched:  # endorsers in the asker's circle count more (the plan's rows stay as they are)
                rows = [_ROW((*r[:18], r[18] * circle_factor(self.circle.get(r[2] or "")), r[19]))
                        for r in part.rows_of(g)]
                strength = evidence(rows)
                self.reweighed[g] = rows
            if strength <= 0:
                continue
            factor = part.trusted[g]
            if group.account is not None and self.circle:
                factor *= circle_factor(self.circle.get(group.account))
            if names_asked(asked, part.words[g]):
                factor *= 1.0 + NAME_BOOST
            placed, place = place_of(query, wanted, part.places[g])
            if placed is not None:
                factor *= 1.0 + PLACE_BOOST if placed else ELSEWHERE
                self.places[g] = place
            self.found.append((strength * factor, part.names[g], g))

    def answer(self, g: int) -> tuple[Answer, Callable[[], None]]:
        """The answer for provider ``g`` of :attr:`found`, and how to complete it."""
        part = self.part
        rows = self.reweighed.get(g)
        members: Callable[[], list[Row]] = partial(part.rows_of, g) if rows is None else partial(list, rows)
        score = next(s for s, _, i in self.found if i == g)
        answer, complete = answer_for(self.ties, self.query, part.platform, part.groups[g], members, score,
                                      part.known, self.circle, self.me, self.places.get(g), part.glob, part.now)
        return answer, partial(complete, answer)


def mention_rows(index: ThreadIndex, similar: Mapping[tuple[str, str], float], rule: NameRule,
                 names: Iterable[str]) -> list[Row]:
    """Weak candidates: the known provider ``names`` (endorsement targets) written in the replies to the
    questions most like the query (``similar``: :meth:`.ThreadIndex.similar`), as rows of polarity
    :data:`MENTION` and score :data:`MENTION_SCORE`, one per question and name, that :func:`who` scores
    like endorsements (their topic: that question's similarity).

    A reply naming a provider without the words of a recommendation ("Carrefour has them") still
    answers its question; a provider endorsed under one topic and merely named under the query's
    gains from it. :func:`evidence` counts a mention only in a thread where the provider has no
    endorsement, so a name both endorsed and named there counts once.
    """
    return _mention_rows(index, similar, _ProviderNames.of(rule, names))


@dataclass(frozen=True)
class _ProviderNames:
    """Known provider names with their distinctive words, filed for :meth:`.ThreadIndex.mentioned`."""

    distinctive: dict[str, tuple[str, ...]]
    by_word: dict[str, list[str]]

    @classmethod
    def of(cls, rule: NameRule, names: Iterable[str]) -> _ProviderNames:
        distinctive = {name: rule.distinctive(name) for name in sorted(set(names))}
        return cls(distinctive, names_by_word(distinctive))


def _mention_rows(index: ThreadIndex, similar: Mapping[tuple[str, str], float], names: _ProviderNames) -> list[Row]:
    return [Row(platform, f"{post_id}#{name}", None, None, name, None, None, None, MENTION, MENTION_SCORE, post_id,
                 None, None, None, None, None)
            for (platform, post_id), name, _ in index.mentioned(similar, names.distinctive, by_word=names.by_word)]


_NAMES: weakref.WeakKeyDictionary[Store, tuple[EndorsementIndex, NameRule, _ProviderNames]] = \
    weakref.WeakKeyDictionary()


def _provider_names(store: Store, endorsed: EndorsementIndex, rule: NameRule) -> _ProviderNames:
    """Every endorsement target's name, filed once per state of the store (its index and name rule)."""
    cached = _NAMES.get(store)
    if cached is not None and cached[0] is endorsed and cached[1] is rule:
        return cached[2]
    names = _ProviderNames.of(rule, (str(row[4]) for row in endorsed.rows))
    _NAMES[store] = (endorsed, rule, names)
    return names


def _without_place(text: str, location: str | None) -> str:
    """``text`` without the place it names: where is the place match's business, not the topic's (a
    plumber near North Loop is not like an electrician near North Loop)."""
    if not location:
        return text
    return re.sub(r"(?i)" + r"\W+".join(re.escape(w) for w in location.lstrip("#").split()), " ", text)


def _written(words: Sequence[str]) -> list[str]:
    """Singular words as they may be written (plurals too): "school" -> "school", "schools"."""
    return sorted({f for w in words for f in (w, w + "s", w + "es", w[:-1] + "ies" if w.endswith("y") else w)})


def _idf(endorsed: EndorsementIndex, platform: str | None, words: Sequence[str]) -> dict[str, float]:
    """How rare each query word is among the store's requests' ``sought`` (plural forms counted as one)."""
    total, counts = endorsed.sought_frequencies(platform, _written(words))
    merged = {w: sum(counts.get(f, 0) for f in {w, w + "s", w + "es", w[:-1] + "ies"}) for w in words}
    return idf_from(merged, total)
