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

import math
import re
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..store import Store
from ..store import referrals as sql
from ..understand.names import COMMON, CONNECTORS, proper
from ..understand.text import clean, singular, wordset
from .circle import StoreTrust, TrustView, relative
from .endorsed import EndorsementIndex, endorsement_index
from .providers import AFFIXES, FREQUENT_SHARE, Group, NameRule, group_names, normalise
from .query import Query, content_words, parse_query
from .threads import ThreadIndex, names_by_word, thread_index
from .topic import Topic, idf_from

if TYPE_CHECKING:
    from ..trust import TrustGraph

#: An endorsement loses half its weight every this many days.
HALF_LIFE_DAYS = 365.0
#: "Recent" in reasons: endorsements within this many days of now.
RECENT_DAYS = 60
#: Extra weight for each further endorsement by the same endorser (the first counts fully).
REPEAT = 0.25
#: What the second and later endorsers in one thread add, each (the first counts fully).
SAME_THREAD = 0.5
#: A topic match below this is loose (a category, a kind): one thread then counts once.
LOOSE = 0.5
#: How many of the earlier questions most like the query lend their endorsements (:mod:`.threads`).
THREADS = 30
#: A question this similar to the query (cosine of TF-IDF) counts as the very topic; less, in proportion.
FULL_SIMILARITY = 0.3
#: How much more a provider counts whose own name has a word of what is asked ("British schools" and
#: "Doha British School", "Parker pen" and "Parker"): the asker named it, or its speciality.
NAME_BOOST = 1.0
#: How much more a provider known to be in the wanted place counts.
PLACE_BOOST = 0.5
#: What a provider known to be somewhere else counts (a share of its score).
ELSEWHERE = 0.5
#: The most that global trust multiplies an endorsement (or a provider) by. Global trust piles up on a
#: forum's hubs (the most active member holds 50 times an average account's): being heard widely says
#: little about judging plumbers, so a hub's every word may count half again, not twice or more.
TRUST_CAP = 1.5
#: The least it multiplies by (an account that others barely engage with).
TRUST_FLOOR = 0.5
#: How much a provider named in a reply to an earlier question like the query counts, as an
#: endorsement's score (a detected endorsement scores 0.1 to 1): a weak candidate (:func:`mention_rows`).
MENTION_SCORE = 0.5
#: The polarity of such a row: neither an endorsement nor a warning.
MENTION = "mention"


@dataclass
class Answer:
    """One provider that the network would refer, with why."""

    name: str
    account: str | None
    platform: str
    score: float
    reasons: list[str]
    endorsers: list[str]
    handle: str | None = None
    endorsements: int = 0
    warnings: int = 0
    aliases: list[str] = field(default_factory=list)
    last_endorsed: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape (``refer who --json``): name, account, score, reasons, endorsers, and more."""
        return {
            "name": self.name, "account": self.account, "score": round(self.score, 4), "reasons": self.reasons,
            "endorsers": self.endorsers, "platform": self.platform, "handle": self.handle,
            "endorsements": self.endorsements, "warnings": self.warnings, "aliases": self.aliases,
            "last_endorsed": None if self.last_endorsed is None
            else self.last_endorsed.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        }


@dataclass(slots=True)
class _Row:
    platform: str
    post_id: str
    author: str | None
    created: datetime | None
    target: str
    account: str | None
    for_what: str | None
    category: str | None
    polarity: str
    score: float
    in_reply_to: str | None
    request_sought: str | None
    request_category: str | None
    request_kind: str | None
    request_location: str | None
    request_author: str | None
    topic: float = 0.0
    topic_why: str = ""
    weight: float = 0.0
    loose: bool = False  # matched only by category or kind, not by what it was for


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
    key = (tuple(targets), tuple(sorted((a, tuple(n)) for a, n in account_names.items())))
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
    """
    parsed = parse_query(query, near=near)
    me: tuple[str, str] | None = resolve_account(store, asker, platform) if asker else None
    if me is not None:
        platform = me[0]
    if trust is None:
        trust = StoreTrust(store)
    categories = sorted(parsed.categories)
    kinds = [parsed.kind] if parsed.kind == "product" else []
    words = sorted(parsed.words | parsed.context)
    index = thread_index(store)
    similar = index.similar(_without_place(parsed.text, parsed.location), platform=platform, limit=THREADS)
    endorsed = endorsement_index(store)
    rows = [_Row(*r) for r in endorsed.matching(
        platform=platform, categories=categories, words=_written(words), kinds=kinds,
        threads=sorted({post_id for _, post_id in similar}))]
    rule = name_rule(store)
    names = _provider_names(store, endorsed, rule)
    rows += [row for row in _mention_rows(index, similar, names) if platform is None or row.platform == platform]
    topic = Topic(parsed, _idf(endorsed, platform, words))
    matched: dict[tuple[str | None, ...], tuple[float, str]] = {}  # many rows share their phrases
    for row in rows:
        fields = (row.for_what, row.category, row.request_sought, row.request_category, row.request_kind)
        found = matched.get(fields)
        if found is None:
            found = matched[fields] = topic.match(*fields)
        row.topic, row.topic_why = found
        # for a product, a shared category ("retail") spans unrelated specialities; for a service
        # it names the trade ("leaking tap" and "plumber" meet in trades)
        row.loose = parsed.kind == "product" and row.topic > 0 and row.topic_why not in (row.for_what,
                                                                                          row.request_sought)
        # the earlier question it answered, read whole, may match better than any phrase of it
        sim = similar.get((row.platform, row.in_reply_to or ""), 0.0)
        if min(1.0, sim / FULL_SIMILARITY) > row.topic:
            row.topic = min(1.0, sim / FULL_SIMILARITY)
            # say what was asked, short ("plumbing company"), else the question's subject line
            row.topic_why = row.request_sought or index.title((row.platform, row.in_reply_to or ""))
            row.loose = False
    rows = [r for r in rows if r.topic > 0 and (me is None or r.account != me[1])]
    if not rows:
        return []
    now = now or endorsed.newest_endorsement(platform) or datetime.now(UTC)
    return _rank(store, endorsed, parsed, rows, me, trust, now, limit)


def mention_rows(index: ThreadIndex, similar: Mapping[tuple[str, str], float], rule: NameRule,
                 names: Iterable[str]) -> list[_Row]:
    """Weak candidates: the known provider ``names`` (endorsement targets) written in the replies to the
    questions most like the query (``similar``: :meth:`.ThreadIndex.similar`), as rows of polarity
    :data:`MENTION` and score :data:`MENTION_SCORE`, one per question and name, that :func:`who` scores
    like endorsements (their topic: that question's similarity).

    A reply naming a provider without the words of a recommendation ("Carrefour has them") still
    answers its question; a provider endorsed under one topic and merely named under the query's
    gains from it. :func:`_evidence` counts a mention only in a thread where the provider has no
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


def _mention_rows(index: ThreadIndex, similar: Mapping[tuple[str, str], float], names: _ProviderNames) -> list[_Row]:
    return [_Row(platform, f"{post_id}#{name}", None, None, name, None, None, None, MENTION, MENTION_SCORE, post_id,
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


def _decay(created: datetime | None, now: datetime) -> float:
    if created is None:
        return 0.5
    age = max(0.0, (now - created).total_seconds() / 86400)
    return float(0.5 ** (age / HALF_LIFE_DAYS))


def _trust_factor(value: float | None) -> float:
    """Global trust (1.0 = average) as a factor: its square root in [:data:`TRUST_FLOOR`, :data:`TRUST_CAP`]."""
    if value is None:
        return 1.0
    return min(TRUST_CAP, max(TRUST_FLOOR, math.sqrt(max(value, 0.0))))


def _circle_factor(value: float | None) -> float:
    """Relative personal trust as a factor in [1, 3]: accounts close to the asker count up to three times."""
    if not value:
        return 1.0
    return 1.0 + min(2.0, math.log1p(value))


def _rank(store: Store, endorsed: EndorsementIndex, query: Query, rows: list[_Row], me: tuple[str, str] | None,
          trust: TrustView, now: datetime, limit: int) -> list[Answer]:
    by_platform: dict[str, list[_Row]] = {}
    for row in rows:
        by_platform.setdefault(row.platform, []).append(row)
    ranked: list[tuple[Answer, Callable[[Answer], None]]] = []
    for platform, its in by_platform.items():
        ranked.extend(_rank_platform(store, endorsed, query, platform, its, me, trust, now))
    ranked.sort(key=lambda found: (-found[0].score, found[0].name.lower()))
    # endorsers and reasons only for the answers shown: reasons read the asker's ties to the endorsers
    for answer, complete in ranked[:limit]:
        complete(answer)
    return [answer for answer, _ in ranked[:limit]]


def _rank_platform(store: Store, endorsed: EndorsementIndex, query: Query, platform: str, rows: list[_Row],
                   me: tuple[str, str] | None, trust: TrustView, now: datetime
                   ) -> list[tuple[Answer, Callable[[Answer], None]]]:
    endorsers = sorted({r.author for r in rows if r.author})
    targets = sorted({r.account for r in rows if r.account})
    known = _Profiles(endorsed, platform)
    rule = name_rule(store)
    account_names = {a: [n for n in (known.get(a, (None, None))[:2]) if n] for a in targets}
    groups, index = _grouped(store, rule, [(r.target, r.account) for r in rows], account_names)
    glob = trust.global_(platform, sorted(set(endorsers) | set(targets)))
    circle = relative(trust.personal(platform, me[1]), me[1]) if me is not None and me[0] == platform else {}
    # the asker's direct ties to endorsers, read only for those the reasons name ("whom you reply to")
    ties = _Ties(store, platform, me[1] if me is not None and me[0] == platform else None,
                 trust if isinstance(trust, StoreTrust) else None)
    # what an endorser's word weighs: its global trust, and the asker's trust in it
    credit = {a: _trust_factor(glob.get(a)) * _circle_factor(circle.get(a)) for a in endorsers}
    unknown = _trust_factor(None) * _circle_factor(None)
    for row in rows:
        sign = -1.0 if row.polarity == "negative" else 1.0
        # topic squared: one endorsement on the very topic outweighs several that only share its category
        row.weight = (sign * max(row.score, 0.1) * row.topic ** 2 * _decay(row.created, now)
                      * credit.get(row.author or "", unknown))
    answers = []
    asked = _asked_words(query)
    for g, group in enumerate(groups):
        members = [rows[i] for i in group.members if index[i] == g]
        _breadth(members)
        if me is not None and group.account == me[1]:
            continue
        if group.account is None and not any(rule.distinctive(n) or proper(n) for n in group.names):
            continue  # "the hospital", "pet shop", "events": no name, a name needs a word of its own
        evidence = _evidence(members)
        if evidence <= 0:
            continue
        factor = 1.0
        if group.account is not None:
            factor *= _trust_factor(glob.get(group.account)) * _circle_factor(circle.get(group.account))
        if _names_asked(asked, group.names, account_names.get(group.account or "", [])):
            factor *= 1.0 + NAME_BOOST
        placed, place = _place(query, group, members, known)
        if placed is not None:
            factor *= 1.0 + PLACE_BOOST if placed else ELSEWHERE
        answers.append(_answer(ties, query, platform, group, members, evidence * factor, known, circle, me,
                               place, glob, now))
    return answers


class _Profiles(Mapping[str, tuple[Any, ...]]):
    """``id -> (handle, name, description, location)`` of the platform's endorsers and endorsed,
    looked up in the endorsement index as the answer needs them."""

    def __init__(self, endorsed: EndorsementIndex, platform: str) -> None:
        self.endorsed, self.platform = endorsed, platform

    def __getitem__(self, account: str) -> tuple[Any, ...]:
        found = self.endorsed.profile(self.platform, account)
        if found is None:
            raise KeyError(account)
        return found

    def get(self, account: str, default: Any = None) -> Any:  # type: ignore[override]
        found = self.endorsed.profile(self.platform, account)
        return default if found is None else found

    def __iter__(self) -> Iterator[str]:
        return (i for p, i in self.endorsed.profiles if p == self.platform)

    def __len__(self) -> int:
        return sum(1 for p, _ in self.endorsed.profiles if p == self.platform)


class _Ties(Mapping[str, Mapping[str, int]]):
    """The asker's interactions with each endorser, by kind (``*_back``: the endorser's towards the
    asker), read from the trust graph on first access of each endorser."""

    def __init__(self, store: Store, platform: str, asker: str | None, trust: StoreTrust | None) -> None:
        self.store, self.platform, self.asker, self.trust = store, platform, asker, trust
        self._read: dict[str, Mapping[str, int]] = {}
        self._graph: TrustGraph | None = None

    def __getitem__(self, account: str) -> Mapping[str, int]:
        if account not in self._read:
            if self.asker is None:
                self._read[account] = {}
            else:
                from ..trust import trust_graph
                from ..trust.pairs import counts_between

                if self._graph is None:
                    self._graph = self.trust.graph(self.platform) if self.trust else trust_graph(self.store,
                                                                                                 self.platform)
                self._read[account] = counts_between(self._graph, self.asker, account)
        return self._read[account]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read)

    def __len__(self) -> int:
        return len(self._read)


def _asked_words(query: Query) -> frozenset[str]:
    """The words that say what is asked: the sought phrase's and the subject line's (a request's first line)."""
    return query.words | content_words(clean(query.text).split("\n", 1)[0])


def _names_asked(asked: frozenset[str], names: Mapping[str, int], more: Sequence[str]) -> bool:
    """Does a word of the provider's own name, other than business, category and place words, say
    what is asked (``asked``: :func:`_asked_words`; "british" in "Doha British School" for "British schools")?"""
    for name in (*names, *more):
        for word in normalise(name).split():
            if len(word) >= 3 and not word.isdigit() and word not in _NOT_NAME and singular(word) not in _NOT_NAME \
                    and singular(word) in asked:
                return True
    return False


_NOT_NAME = AFFIXES | COMMON | CONNECTORS


def _breadth(members: Sequence[_Row]) -> None:
    """When a product is sought, credit loose matches (only the category, or "where can I buy")
    only to providers named under several such requests.

    A category shared says the provider fits the category, not the query: a general shop named
    under many requests of the category likely sells this too, but a specialist named under one
    other request ("Yamaha" for a guitar) says nothing about souvenirs or a pen.
    One such request counts nothing, two half, three or more fully.
    """
    loose = [r for r in members if r.loose]
    if not loose:
        return
    threads = len({r.in_reply_to or r.post_id for r in loose})
    share = min(1.0, (threads - 1) / 2)
    for row in loose:
        row.weight *= share


def _evidence(members: Sequence[_Row]) -> float:
    """The endorsements' weights summed: one endorser counts once per provider (its strongest, plus
    :data:`REPEAT` of each further one), and within one thread the second and later endorsers count
    :data:`SAME_THREAD` (a thread agreeing is one piece of evidence more than several), or nothing
    when the thread's topic matches the query's less than :data:`LOOSE`."""
    # a provider named in a thread where it was also endorsed counts once there (:func:`mention_rows`)
    endorsed = {r.in_reply_to or r.post_id for r in members if r.polarity != MENTION}
    members = [r for r in members if r.polarity != MENTION or r.in_reply_to not in endorsed]
    by_author: dict[str, _Row] = {}
    extra = 0.0
    for row in sorted(members, key=lambda r: -abs(r.weight)):
        key = row.author or row.post_id
        if key in by_author:
            extra += REPEAT * row.weight
        else:
            by_author[key] = row
    by_thread: dict[str, list[_Row]] = {}
    for row in by_author.values():
        by_thread.setdefault(row.in_reply_to or row.post_id, []).append(row)
    per_thread = []
    for thread in by_thread.values():
        thread.sort(key=lambda r: -abs(r.weight))
        # a thread that matches only loosely (its category, the kind of thing) counts once: its
        # agreement is about its own question; how many different asks name a provider is what counts
        per_thread.append(thread[0].weight + SAME_THREAD * sum(r.weight for r in thread[1:] if r.topic >= LOOSE))
    # the i-th best thread counts 1/i: a provider named under many loosely related questions (the
    # big shop under every "where can I buy") gains only logarithmically from their number, so one
    # question just like the query can outweigh them (a popularity penalty, like IDF over providers)
    per_thread.sort(reverse=True)
    return extra + sum(w / (1 + i) if w > 0 else w for i, w in enumerate(per_thread))


def _place(query: Query, group: Group, members: Sequence[_Row],
           known: Mapping[str, tuple[Any, ...]]) -> tuple[bool | None, str | None]:
    """Is the provider where the query wants it (``True``), known to be elsewhere (``False``), or
    unknown (``None``); and the place, as the reason will say it.

    An account's own location (or bio) says where it is; a named business is placed by the
    requests it was recommended under ("a plumber in Austin").
    """
    if not query.location:
        return None, None
    wanted = set(normalise(query.location.lstrip("#")).split()) - _NOT_PLACE
    if not wanted:
        return None, None
    profile = known.get(group.account, ()) if group.account is not None else ()
    own = [str(p) for p in profile[3:4] if p]
    if own:
        at = set(normalise(own[0]).split())
        bio = set(normalise(str(profile[2] or "")).split())
        if wanted <= at or wanted <= bio:
            return True, f"based in {_title(query.location)}"
        return False, f"based in {own[0]}, not {_title(query.location)}"
    for row in members:
        if row.request_location and row.polarity != "negative" and \
                wanted <= set(normalise(row.request_location.lstrip("#")).split()):
            return True, f"recommended for {_title(query.location)}"
    return None, None


_NOT_PLACE = wordset("the near me here area around in my our town city")


def _title(place: str) -> str:
    return place.title() if place.islower() else place


def _who_is(account: str | None, known: Mapping[str, tuple[Any, ...]]) -> str:
    if account is None:
        return "someone"
    handle = known.get(account, (None,))[0]
    return f"@{handle}" if handle else account


def _answer(ties: Mapping[str, Mapping[str, int]], query: Query, platform: str, group: Group,
            members: Sequence[_Row], score: float,
            known: Mapping[str, tuple[Any, ...]], circle: Mapping[str, float], me: tuple[str, str] | None,
            place: str | None, glob: Mapping[str, float], now: datetime) -> tuple[Answer, Callable[[Answer], None]]:
    """The answer for one provider (name and score), and how to complete it with its endorsers and
    reasons (called only for the answers shown)."""
    handle = known.get(group.account, (None,))[0] if group.account else None
    name = f"@{handle}" if handle else (group.account if group.account and not group.names else group.label)
    if group.account and not handle and known.get(group.account, (None, None))[1]:
        name = str(known[group.account][1])
    answer = Answer(name=name, account=group.account, platform=platform, score=score, reasons=[], endorsers=[],
                    handle=handle)

    def complete(answer: Answer) -> None:
        positive = [r for r in members if r.polarity not in ("negative", MENTION)]
        negative = [r for r in members if r.polarity == "negative"]
        named = sorted({r.topic_why for r in members if r.polarity == MENTION and r.topic_why})
        # endorsers, most weighty first
        weight: dict[str, float] = {}
        for row in positive:
            if row.author:
                weight[row.author] = weight.get(row.author, 0.0) + row.weight
        ordered = sorted(weight, key=lambda a: (-weight[a], a))
        answer.endorsers = [_who_is(a, known) for a in ordered]
        answer.endorsements, answer.warnings = len(positive), len(negative)
        answer.aliases = sorted(group.names, key=lambda n: (-group.names[n], n))
        answer.last_endorsed = max((r.created for r in positive if r.created), default=None)
        answer.reasons = _reasons(ties, query, platform, ordered, positive, negative, known, circle, me, place,
                                  group, glob, now)
        if named:  # written in answers to earlier questions like this one, without the words of a referral
            more = f" and {len(named) - 1} more like it" if len(named) > 1 else ""
            answer.reasons.append(f'named in replies to "{named[0]}"{more}')

    return answer, complete


def _listing(names: Sequence[str], more: int) -> str:
    if more > 0:
        return ", ".join(names) + f" and {more} other{'s' if more > 1 else ''}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _how_close(counts: Mapping[str, int]) -> str | None:
    """Direct interaction between the asker and an endorser, in words."""
    replies = counts.get("reply", 0)
    back = counts.get("reply_back", 0) + counts.get("mention_back", 0)
    if replies >= 3:
        return "whom you reply to often"
    if replies or counts.get("mention", 0) or counts.get("quote", 0):
        return "whom you talk with" if back else "whom you reply to"
    if counts.get("follow", 0) or counts.get("like", 0) or counts.get("repost", 0):
        return "whom you follow"
    if back:
        return "who talk with you"
    return None


def _reasons(ties: Mapping[str, Mapping[str, int]], query: Query, platform: str, ordered: Sequence[str],
             positive: Sequence[_Row],
             negative: Sequence[_Row], known: Mapping[str, tuple[Any, ...]], circle: Mapping[str, float],
             me: tuple[str, str] | None, place: str | None, group: Group, glob: Mapping[str, float],
             now: datetime) -> list[str]:
    reasons: list[str] = []
    shown = ordered[:3]
    if shown:
        text = "vouched for by " + _listing([_who_is(a, known) for a in shown], len(ordered) - len(shown))
        if me is not None:
            counts = ties
            close = [a for a in shown if _how_close(counts.get(a, {}))]
            if close:
                phrases = {_how_close(counts[a]) for a in close}
                named = [_who_is(a, known) for a in close]
                if len(close) == len(shown) and len(phrases) == 1:
                    text += f", {phrases.pop()}"
                else:
                    text += f" ({_listing(named, 0)}: {', '.join(sorted(p for p in phrases if p))})"
            elif any(circle.get(a, 0.0) >= 1.0 for a in shown):
                text += ", in your circle of trust"
        reasons.append(text)
    recent = [r for r in positive if r.created and (now - r.created).days <= RECENT_DAYS]
    if recent:
        reasons.append(f"{len(recent)} endorsement{'s' if len(recent) > 1 else ''} in the last {RECENT_DAYS} days")
    elif positive:
        latest = max((r.created for r in positive if r.created), default=None)
        when = f", the latest on {latest.date().isoformat()}" if latest else ""
        reasons.append(f"{len(positive)} endorsement{'s' if len(positive) > 1 else ''}{when}")
    topics = sorted({r.topic_why for r in positive if r.topic_why and r.topic >= 1.0})
    if topics:
        reasons.append("recommended for " + _listing([f'"{t}"' for t in topics[:2]], len(topics) - 2))
    elif positive:
        best = max(positive, key=lambda r: r.topic)
        if best.topic_why:
            reasons.append(f'recommended for "{best.topic_why}", close to what you ask')
    if negative:
        who_warned = sorted({_who_is(r.author, known) for r in negative})
        reasons.append(f"warned against by {_listing(who_warned[:2], len(who_warned) - 2)}")
    if group.account is not None:
        if me is not None and circle.get(group.account, 0.0) >= 1.0:
            reasons.append("in your own circle of trust")
        g = glob.get(group.account)
        if g is not None and g >= 2.0:
            reasons.append(f"widely trusted ({g:.1f}× an average account)")
    if place:
        reasons.append(place)
    return reasons
