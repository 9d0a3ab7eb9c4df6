"""Providers: endorsement targets grouped by name, and the one rule for when two names are the same.

A provider is an account (an endorsement whose target resolved to one) or a named business that
was endorsed but has no account. People write the same business many ways ("Commercial Bank",
"commercial bank of qatar", "CBQ"), so names are compared through their **distinctive words**:
words that are neither on the stop list (common words, business and category words such as
"bank", "hospital", places such as "Doha", "the") nor frequent in the store's own posts (a word in
1% or more of them says little about which business is meant). Two names match when

- they share a distinctive word, allowing the forum's spelling: a prefix of 4+ letters that
  differs by at most two letters ("corniche"/"cornich"), one edit in words of 5+ letters;
- one is the other's initials ("QNB" and "Qatar National Bank", "CBQ" and "Commercial Bank of
  Qatar"), or one is the other written as one word with only generic words added ("lulucentre",
  "@joesplumbing" and "Joe's Plumbing");
- neither has a distinctive word and they are the same words ("Doha Clinic"): a name made only of
  generic words matches nothing else, so "bank" or "doha" match nothing.

:class:`NameRule` holds the rule for one store; the evaluation (``eval/referrals.py``) uses the
same rule to decide whether an answer names the provider that was endorsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..understand.names import BUSINESS, COMMON, CONNECTORS, GENERIC, PLACE_TYPES
from ..understand.places import _GAZETTEER as PLACE_NAMES
from ..understand.taxonomy import TERMS
from ..understand.text import singular, wordset

# Words that describe many businesses rather than name one ("Doha International School",
# "Qatar International School" are two schools), web parts, and honorifics.
_DESCRIPTIVE = wordset("""
international national public private general global united modern grand royal golden star first quality
standard super central main local city new world premier prime regional family friendly best top air gulf
east west north south middle
www com net org http https html qa co uk ae info biz
""")

#: Words that may be written onto a name ("lulucentre", "joesplumbing"): business, category and place words.
AFFIXES: frozenset[str] = (BUSINESS | PLACE_TYPES | PLACE_NAMES | frozenset(t for t in TERMS if " " not in t)
                           | wordset("qatar doha uk us usa online shop store inc ltd llc co hq"))
#: The stop list: no word here ever makes two names the same.
STOP: frozenset[str] = COMMON | GENERIC | CONNECTORS | _DESCRIPTIVE | AFFIXES
#: A word in at least this share of the store's posts is generic there.
FREQUENT_SHARE = 0.01
#: Document frequencies are trusted only from stores with at least this many posts.
MIN_POSTS_FOR_DF = 500
# Short words joining the words of a name, skipped when reading its initials ("Bank of Qatar" -> BQ).
_INITIAL_SKIP = wordset("of the and & for de du la le al el")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s+")
_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """A name as compared: lowercased, "@" and list marks ("3. ") off, possessives joined, "the" dropped."""
    text = _LIST_MARK.sub("", name.strip().lower()).lstrip("@")
    text = re.sub(r"^(?:https?://)?(?:www\.)?([a-z0-9\-]+)\.(?:com|net|org|qa|co\.uk|ae|info|biz)\b.*$", r"\1",
                  text)
    text = text.replace("'", "").replace("’", "")
    tokens = _TOKEN.findall(text)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) <= 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _same_word(x: str, y: str) -> bool:
    if x == y:
        return True
    if x[0] != y[0]:
        return False  # misspellings keep a name's first letter ("ahmad" is not "hamad")
    shorter, longer = sorted((x, y), key=len)
    if len(shorter) >= 4 and len(longer) - len(shorter) <= 2 and longer.startswith(shorter):
        return True
    return len(shorter) >= 5 and _one_edit(x, y)


@dataclass
class NameRule:
    """When two names mean the same provider, in one store (see the module's doc).

    ``frequency`` maps words to the number of the store's posts holding them (``posts`` in all);
    words not in it count as rare. Build one with :func:`referral_engine.refer.who.name_rule` or
    directly in tests.
    """

    frequency: Mapping[str, int] = field(default_factory=dict)
    posts: int = 0
    stop: frozenset[str] = STOP
    _keys: dict[str, NameKey] = field(default_factory=dict, repr=False, compare=False)
    #: Decisions of :func:`group_names` on pairs of normalised names, kept with the rule: a store's
    #: queries compare the same names again and again (bounded: cleared at :data:`_PAIRS_KEPT`).
    _pairs: dict[tuple[bool, str, str], bool] = field(default_factory=dict, repr=False, compare=False)
    #: :func:`_match_keys` of normalised names, kept with the rule.
    _match_keys: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def generic(self, word: str) -> bool:
        """Is ``word`` too common or too general to tell one provider from another?"""
        if len(word) < 2 or word.isdigit() or word in self.stop or singular(word) in self.stop:
            return True
        if self.posts >= MIN_POSTS_FOR_DF:
            count = self.frequency.get(word, 0)
            return count >= 5 and count >= FREQUENT_SHARE * self.posts
        return False

    def key(self, name: str) -> NameKey:
        """What matching needs of ``name``, computed once per rule."""
        found = self._keys.get(name)
        if found is None:
            norm = normalise(name)
            tokens = tuple(norm.split())
            found = NameKey(norm, tokens, tuple(w for w in tokens if not self.generic(w)), "".join(tokens))
            self._keys[name] = found
        return found

    def distinctive(self, name: str) -> tuple[str, ...]:
        """The distinctive words of ``name`` (normalised), in order."""
        return self.key(name).distinct

    def matches(self, a: str, b: str) -> bool:
        """Do names ``a`` and ``b`` name the same provider?"""
        return self.keys_match(self.key(a), self.key(b))

    def keys_match(self, ka: NameKey, kb: NameKey) -> bool:
        """:meth:`matches` on keys."""
        if not ka.norm or not kb.norm:
            return False
        da, db = ka.distinct, kb.distinct
        if ka.norm == kb.norm:
            return bool(da) or len(ka.tokens) > 1
        if da and db and any(_same_word(x, y) for x in da for y in db):
            return True
        return self.spelled(ka, kb)

    def spelled(self, ka: NameKey, kb: NameKey) -> bool:
        """One name spells the other differently: its initials, or written as one word ("HMC", "lulucentre")."""
        da, db = ka.distinct, kb.distinct
        if _initials_of(ka, kb) or _initials_of(kb, ka):
            return True
        if len(ka.tokens) == 1 and any(_compound(ka.norm, y) for y in db):
            return True
        if len(kb.tokens) == 1 and any(_compound(kb.norm, x) for x in da):
            return True
        return len(ka.joined) >= 5 and ka.joined == kb.joined and bool(da or db)


@dataclass(frozen=True)
class NameKey:
    """A name as matching reads it: normalised, its tokens, distinctive words, and written as one word."""

    norm: str
    tokens: tuple[str, ...]
    distinct: tuple[str, ...]
    joined: str


def _compound(token: str, word: str) -> bool:
    """``token`` is ``word`` with business, category or place words written on ("lulucentre", "joesplumbing")."""
    if len(word) < 3 or len(token) <= len(word) or word not in token:
        return False
    at = token.index(word)
    return _splits(token[:at], AFFIXES) and _splits(token[at + len(word):], AFFIXES)


def _initials_of(short_key: NameKey, long_key: NameKey) -> bool:
    """``short`` (one token, 3 to 6 letters) is the initials of ``long``'s words."""
    short, words = short_key.norm, long_key.tokens
    if len(short_key.tokens) != 1 or not 3 <= len(short) <= 6 or not short.isalpha() or len(words) < 2:
        return False
    full = "".join(w[0] for w in words)
    skipped = "".join(w[0] for w in words if w not in _INITIAL_SKIP)
    return short in (full, skipped)


@lru_cache(maxsize=4096)
def _splits_cached(text: str, stop: frozenset[str]) -> bool:
    if not text:
        return True
    return any(text[:i] in stop and _splits_cached(text[i:], stop) for i in range(len(text), 2, -1))


def _splits(text: str, stop: frozenset[str]) -> bool:
    """Is ``text`` empty or a run of words of ``stop`` (3+ letters each) written together ("plumbingaustin")?"""
    return len(text) <= 30 and _splits_cached(text, stop)


@dataclass
class Group:
    """Names grouped as one provider: ``key`` is the account id, or the first name seen."""

    key: str
    account: str | None
    names: dict[str, int] = field(default_factory=dict)
    members: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The name most often written (among equals: capitalised as a name is, then the longest)."""
        if not self.names:
            return self.key
        return max(self.names.items(), key=lambda kv: (kv[1], kv[0] != kv[0].lower(), len(kv[0]), kv[0]))[0]


def group_names(
    targets: Iterable[tuple[str, str | None]], rule: NameRule,
    account_names: Mapping[str, Iterable[str]] | None = None,
) -> tuple[list[Group], list[int]]:
    """Group endorsement targets into providers.

    ``targets``: ``(target as written, resolved account id or None)`` per endorsement;
    ``account_names``: for resolved accounts, their handle and display name, so an unresolved
    name ("Joe's Plumbing") joins its account (@joesplumbing). Returns the groups and, per target,
    the index of its group. A name joins the group whose *first* name it matches (most endorsed
    first), or one of whose names it spells differently (initials: "HMC" joins "Hamad Medical
    Corporation" wherever that went); never a chain of shared words, so "Al Jazeera Sports" and
    "Aspire Sports" do not meet through "Al Jazeera".
    """
    rows = list(targets)
    groups: list[Group] = []
    by_account: dict[str, int] = {}
    heads: list[list[str]] = []  # per group, the names it is matched against
    index = [-1] * len(rows)
    for target, account in rows:
        if account is not None and account not in by_account:
            by_account[account] = len(groups)
            groups.append(Group(account, account))
            known = [n for n in (account_names or {}).get(account, ()) if n]
            heads.append(known or [target])
    counts: dict[str, int] = {}
    for target, account in rows:
        if account is None:
            key = normalise(target)
            counts[key] = counts.get(key, 0) + 1
    order = sorted(counts, key=lambda k: (-counts[k], k))
    # Each name is compared only with the groups it could match: those filed under one of its
    # match keys (:func:`_match_keys`: every pair the rule matches meets there).
    filed: dict[str, list[int]] = {}
    for g, names in enumerate(heads):
        for name in names:
            _file(rule, rule.key(name), g, filed)
    joined: list[list[str]] = [[] for _ in heads]  # per group, the names that joined it
    by_name: dict[str, int] = {}
    for key in order:
        own = rule.key(key)
        if not own.norm:
            continue
        near = sorted(set().union(*[filed[k] for k in _match_keys(rule, own) if k in filed]))
        found = next((g for g in near if any(_decided(rule, True, own, n) for n in heads[g])
                      or any(_decided(rule, False, own, n) for n in joined[g])), None)
        if found is None:
            found = len(groups)
            groups.append(Group(key, None))
            heads.append([key])
            joined.append([])
        else:
            joined[found].append(key)
        _file(rule, own, found, filed)
        by_name[key] = found
    for i, (target, account) in enumerate(rows):
        g = by_account[account] if account is not None else by_name.get(normalise(target), -1)
        if g < 0:
            continue
        index[i] = g
        groups[g].members.append(i)
        shown = target.strip()
        groups[g].names[shown] = groups[g].names.get(shown, 0) + 1
    return groups, index


_PAIRS_KEPT = 1_000_000


def _decided(rule: NameRule, head: bool, own: NameKey, name: str) -> bool:
    """``rule.keys_match`` (``head``) or ``rule.spelled`` of ``own`` and ``name``, remembered by the rule."""
    other = rule.key(name)
    pair = (head, own.norm, other.norm)
    found = rule._pairs.get(pair)
    if found is None:
        if len(rule._pairs) >= _PAIRS_KEPT:
            rule._pairs.clear()
        found = rule._pairs[pair] = rule.keys_match(own, other) if head else rule.spelled(own, other)
    return found


def _file(rule: NameRule, key: NameKey, group: int, filed: dict[str, list[int]]) -> None:
    """File ``group`` under the match keys of one of its names."""
    for k in _match_keys(rule, key):
        filed.setdefault(k, []).append(group)


def _match_keys(rule: NameRule, key: NameKey) -> tuple[str, ...]:
    """Keys any two names the rule matches have in common; a name is filed under its keys and looks
    for the names it may match under them (remembered by the rule).

    - the same normalised name ``n:``, or written as one word ``j:``;
    - a shared distinctive word in :func:`_same_word`'s sense: the same word ``c:``, the same first
      four letters ``p:`` (one a prefix of the other), or, for words of 5+ letters, one edit apart:
      the same word once one letter is taken out of one or both ``d:`` (a letter changed, added,
      dropped, or two neighbours swapped);
    - initials ``i:``: a one-word name under itself, a longer one under its initials of 3 to 6
      letters (:func:`_initials_of`);
    - a one-word name written with affixes ``c:``: a distinctive word under itself, a one-word name
      under every part of it left once affixes are taken off its ends (:func:`_compound`).
    """
    found = rule._match_keys.get(key.norm)
    if found is not None:
        return found
    keys = {"n:" + key.norm, "j:" + key.joined}
    for w in key.distinct:
        keys.add("c:" + w)
        if len(w) >= 4:
            keys.add("p:" + w[:4])
        if len(w) >= 5:  # the word, and the word less each one of its letters in turn
            keys.update("d:" + w[:i] + w[i + 1:] for i in range(len(w) + 1))
    if len(key.tokens) == 1:
        keys.add("i:" + key.norm)
        keys.update("c:" + core for core in _cores(key.norm))
    elif key.tokens:
        full = "".join(w[0] for w in key.tokens)
        skipped = "".join(w[0] for w in key.tokens if w not in _INITIAL_SKIP)
        keys.update("i:" + i for i in (full, skipped) if 3 <= len(i) <= 6)
    found = rule._match_keys[key.norm] = tuple(keys)
    return found


def _cores(token: str) -> list[str]:
    """The parts of ``token`` (3+ letters) left when affix words are taken off its ends ("lulucentre" → "lulu")."""
    n = len(token)
    starts, ends = [0], [n]  # where runs of affix words from the start end, and from the end begin
    for p in starts:
        starts.extend(p + k for k in range(3, min(n - p, 30) + 1)
                      if p + k <= 30 and p + k not in starts and token[p:p + k] in AFFIXES)
    for q in ends:
        ends.extend(q - k for k in range(3, min(q, 30) + 1)
                    if n - q + k <= 30 and q - k not in ends and token[q - k:q] in AFFIXES)
    return [token[i:j] for i in starts for j in ends if 3 <= j - i < n]


def any_match(rule: NameRule, names: Iterable[str], wanted: Iterable[str]) -> bool:
    """Does any of ``names`` match any of ``wanted``?"""
    pool = list(wanted)
    return any(rule.matches(n, w) for n in names for w in pool)
