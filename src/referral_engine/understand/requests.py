"""Referral requests: does the author ask others to name a provider to use, hire, buy from or visit?

Method: a cascade of weighted cues, chosen by measurement on the dev data (``eval/requests.py``).

1. ``might_be_request`` — a cheap prefilter that every request passes: a question mark or one of a
   few stems of asking or seeking ("recom", "sugg", "looking for", "need", ...), then one compiled
   pattern of the *ask cues* on the few posts left.
2. ``detect_request`` — reads the ask (recommend/suggest, "know a good …", "where can I buy …",
   "looking for …", "need a …", "what's the best …", "who do you use for …"), extracts what is
   sought (the shortest phrase after the ask), its category and kind (``taxonomy``) and location
   (``places``), and weighs hard negatives: advertisements phrased as questions, hiring and job
   seeking, factual questions, customer-service questions to a company, rhetorical questions,
   jokes and asking for company. The log-odds of every cue add up to ``score`` (logistic); a
   request needs ``score >= THRESHOLD`` and something sought. Every cue, positive or negative,
   is returned in ``cues``.

General rules (from ``dev/LABELING.md``, checked on hand-written sentences in the tests):

- a *strong* ask says the author wants to use, buy or hire the thing ("where can I buy X", "recommend a
  X", "place to get X", "who can fix X"); a *weak* one ("looking for X", "what's the best X", "any good
  X", "is there a X") counts only when X is provider-like (a taxonomy term or a general provider head:
  shop, app, company, clinic, class, "-ist"/"-ian" professionals);
- a bare statement ("looking for music", "going to buy X") with no question or plea in the post asks
  no one, unless it names a professional or place somewhere ("I need a dentist in Leeds");
- a request for ideas, advice or help names no provider by itself: what the post talks about counts
  only when a wanting or choosing word stands before it ("I need cheap video software... Ideas?");
- polls of taste ("what's your favourite song?"), rhetorical questions, invitations ("coffee
  anyone?"), questions to a vendor about its range, about someone's own things ("ur blog"), about
  existence only, about information (prices, laws, facts) or errands (pay a fine) are not requests;
  an ask inside quotation marks is someone else's;
- a pronoun object ("where can I get one?", "somewhere to change them") takes its antecedent from the
  post's other asks, its provider terms or a forum post's subject line;
- ``sought`` names the provider as the author would search for it: "someone who can install X" ->
  "X installer", "get my laptop fixed" -> "laptop repair", "a dentist who can do braces" -> "dentist",
  "shops selling X" -> "X", a bare head refined by a fuller later mention ("a club" ... "judo club");
- ``kind`` follows the head's role: a service head ("translation service", "laptop repair", "-ist"), a
  place named by a service done there ("tailor shop") -> service; "where can I get X" -> product.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from . import request_cues as lexicon
from .model import Cue, Request
from .places import find_location
from .taxonomy import lookup, terms_in
from .text import (
    PREPOSITIONS,
    STOPWORDS,
    clean,
    norm_phrase,
    sentences,
    singular,
    strip_leading_mentions,
    words,
    wordset,
)

THRESHOLD = 0.5
_BIAS = -2.5
_MAX_LATER = 0.0  # the most the cues weighed after the fast-path check can add (all are negative)

# ---------------------------------------------------------------- prefilter
# Questions pass on a word that a question-only ask needs ("which", "best", "where", "any good", "is
# there" comes with "?"); other posts need one of the stems of asking below, written or pleaded.
# stage 1: a few substring tests on the lowercased text (most posts fail them all); stage 2: for each
# stem found, one small pattern (each runs only on the few posts holding its stem, and starts with a
# literal, so the average cost stays well under a microsecond).
# The compiled first pass of classify (understand/_screen.c, might_request) mirrors this prefilter: the
# question gate and each stem's gate, in this order; tests/test_screen.py checks that they agree.
_STEM_GATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rec", re.compile(r"recomm?end|recc?om|\brecs?\b")),
    ("sugg", re.compile(r"sugg?est")),
    ("advi", re.compile(r"advi[cs]e")),
    ("idea", re.compile(r"\bideas?\b")),
    ("tips", re.compile(r"\btips\b")),
    ("look", re.compile(r"look(?:ing|in'?|ig) (?:for|4)")),
    ("search", re.compile(r"search(?:ing)? for|in search of")),
    ("seek", re.compile(r"\bseeking\b")),
    ("hunt", re.compile(r"hunt(?:ing)? for|on the hunt")),
    ("need", re.compile(r"needs? (?:a|an|some|new|good|another|cheap|free|\w+ (?:in|near))\b|in need of"
                        r"|need to (?:find|buy|rent|hire)")),
    ("know", re.compile(r"know (?:a|an|any|of|about|where|wer|were|who|which|some|if|"
                        r"\w+ (?:who|that) can)\b|let me know")),
    ("where", re.compile(r"where(?:'s| is| are|'re)? (?:can|could|do|does|should|would|to|is|are|r|i|we|the best|"
                         r"a good|\w+ (?:can|could))\b")),
    ("wer ", re.compile(r"\bwer (?:can|could|do|to|i)\b")),
    ("hmu", re.compile(r"\bhmu\b")),
    ("point me", re.compile(r"point me")),
    ("to find", re.compile(r"(?:trying|need|want|wanting|hoping) to find")),
    ("tell me", re.compile(r"tell me")),
    ("inform", re.compile(r"(?:please|pls|plz|kindly) inform")),
    ("want", re.compile(r"wants? (?:a|an|some|another)\b|want to (?:buy|find|purchase|rent|hire)")),
    ("any", re.compile(r"any ?(?:one|body) (?:here )?(?:doing|offering|selling|teaching|providing)\b")),
    ("to buy", re.compile(r"to buy")),
)
# a question passes when it holds what a question-only ask needs ("which", "best", "any good", "who", ...)
_QUESTION_GATE = re.compile(r"\b(?:which|best|top|fav\w*|favou?rite|nearest|cheapest|who|where|wer|help|thoughts"
                            r"|(?:is|are) there|available"
                            r"|any (?:good|decent|nice|reliable|recommended|cheap|reasonable|affordable|private"
                            r"|cheaper)"
                            r"|any [a-z]+(?: [a-z]+)? (?:in|near|around)"
                            r"|should (?:i|we) (?:buy|get|watch|read|play|listen|use|try|choose|go|visit|hire|download"
                            r"|see))\b")


#: Stems of asking or seeking: a post without a "?" asks for nothing unless its lowercase holds one of these.
ASK_HINTS = tuple(stem for stem, _ in _STEM_GATES)


def might_be_request(text: str) -> bool:
    """A cheap test that every request passes (most posts fail it in well under a microsecond)."""
    return _might(text, text.lower())


def _might(text: str, low: str) -> bool:
    """``might_be_request`` of ``text``, given its lowercase ``low``."""
    if "?" in text and _QUESTION_GATE.search(low) is not None:
        return True
    for stem, gate in _STEM_GATES:  # noqa: SIM110 - a loop, not any(generator): it runs on a sixth of all posts
        if stem in low and gate.search(low) is not None:
            return True
    return False


def _refine(obj: str, lead: str = "") -> tuple[str, bool]:
    """What ``obj`` seeks, and whether it came through a place or person to get it from ("place to buy X").

    ``lead``: the words of the ask before ``obj`` ("where can we take", "who can install").
    """
    via = lexicon.VIA_PLACE.match(obj) or lexicon.VIA_DIRECT.match(obj)
    if via is not None and via.group("rest").split()[0] not in lexicon.PRONOUNS:
        found = _refine(via.group("rest"))[0]
        by = next((w for w in obj.split()[:4] if w in _FIRMS), None)
        # "a company that does website design" -> "website design company"; "a shop selling X" -> "X"
        return (f"{found} {singular(by)}" if by is not None and found else found), True
    done = lexicon.PARTICIPLE.match(obj)
    if done is not None and done.group("x").split()[0] not in lexicon.PRONOUNS:
        # "get my laptop fixed" -> "laptop repair", "have tinted film removed" -> "tinted film removal"
        return norm_phrase(f"{_trim(done.group('x'))} {lexicon.PARTICIPLES[done.group('v')]}"), True
    if lead.endswith(("take ", "bring ")):
        took = lexicon.TAKE_FOR.match(obj)
        if took is not None:
            return _trim(took.group("rest")), False  # "take our baby for swimming lessons"
    if lead.startswith(("who ", "someone who", "somebody who", "anyone who")):
        agent = next((lexicon.AGENT_NOUNS[w] for w in reversed(lead.split()) if w in lexicon.AGENT_NOUNS), None)
        obj = _OWN_LEAD.sub("", obj)
        if agent is not None:
            return norm_phrase(f"{_trim(obj)} {agent}"), False  # "someone who can install a dish" -> "dish installer"
    return _trim(obj), False


_OWN_LEAD = re.compile(r"^(?:my|our) ")
_FIRMS = wordset("company companies firm firms agency agencies")


def _trim(obj: str) -> str:
    """The shortest phrase of ``obj`` that names what is sought."""
    obj = lexicon.GERUND_LEAD.sub("", obj)
    toks = [t.removesuffix("/s").strip("'\"-/") for t in lexicon.WORDS_SPLIT.split(obj.strip())]
    toks = [t for t in toks if t]
    out: list[str] = []
    for i, tok in enumerate(toks):
        if i and tok in ("for", "to") and out[-1] in lexicon.KEEP_AFTER and i + 1 < len(toks):
            out.append(tok)
            continue
        if i and (tok in lexicon.CUT or (tok in ("for", "to", "of") and out[-1] not in lexicon.KEEP_AFTER)):
            break
        if i and tok == "close" and i + 1 < len(toks) and toks[i + 1] in ("to", "by"):
            break  # "a plumber close to Mueller", "close by": where, not what
        if tok.startswith(("#", "@", "(")) and i:
            break
        out.append(tok)
        if len(out) >= 6:
            break
    while len(out) > 1 and out[-1] in ("a", "an", "the", "for", "to", "of", "some", "any", "good", "my"):
        out.pop()
    return norm_phrase(" ".join(out))


def _provider_before(low: str, at: int, obj: str, lead: str) -> str | None:
    """The provider named before "who can ..." ("a good dentist who can do braces" -> "dentist")."""
    if not lead.startswith(("who ", "that ")):
        prov = lead.split()[0]
    else:
        before = words(low[max(0, at - 40):at])
        if not before:
            return None
        prov = before[-1]
    if prov in ("company", "companies", "firm", "firms", "agency", "agencies") and obj:
        return f"{obj} {singular(prov)}"  # "company who can do business plans" -> "business plan company"
    if prov in STOPWORDS or prov in lexicon.GENERIC or prov in lexicon.BARE_PLACES or prov in lexicon.CUT:
        return None
    if lookup(prov) is not None or prov.endswith(lexicon.AGENT_SUFFIXES):
        return prov
    return None


def _fuller(sought: str, cands: list[str]) -> str | None:
    """A later mention of the same one-word head with modifiers ("a club" ... "a judo club" -> "judo club")."""
    head = _head(sought)
    if len(head) != 1:
        return None
    last = singular(head[0])
    for cand in cands:
        toks = _head(cand)
        if 1 < len(toks) <= 3 and singular(toks[-1]) == last and lookup(" ".join(toks)) is not None \
                and not any(t in STOPWORDS or t in lexicon.CUT for t in toks):
            return " ".join(toks)
    return None


_WANTING = wordset("need needs want wants looking searching seeking any which good best decent cheap "
                   "recommend suggest buy recommended reliable")
_VERBS = wordset("need want buy get find watch read play listen try use hire visit see recommend suggest "
                 "good new another other better best great")
_BAD_START = STOPWORDS | lexicon.CUT | wordset("of for to and or about up out into")
_SELF = re.compile(r"\b(?:i'?m|i am|as|work as|working as) (?:a|an)\s+$")


def _context_sought(low: str, *, wanted: bool) -> str | None:
    """A provider/product/place/media term named in ``low`` (with up to two modifiers before it).

    ``wanted``: only a term that a wanting or choosing word stands just before counts ("I need cheap
    video editing software... Ideas?", "do any cordless phones work here? any thoughts?"), for weak
    solicitations (ideas, advice, help) that name no provider themselves; never one that describes the
    author ("I'm a nurse") or that the author or addressee already has ("my blog").
    """
    pieces = sentences(low) if wanted else [low]
    for piece in reversed(pieces):
        # the author's (or addressee's) own things are not sought: "my blog", "your new cd"
        toks = words(lexicon.OWN.sub(" ", piece))
        found = lookup(" ".join(toks))
        if found is None:
            continue
        term = found[0].split()
        sing = [singular(t) for t in toks]
        for i in range(len(sing) - len(term), -1, -1):
            if sing[i:i + len(term)] == term:
                if _SELF.search(" ".join(toks[max(0, i - 3):i]) + " ") or (
                        wanted and _WANTING.isdisjoint(toks[max(0, i - 5):i])):
                    break
                mods: list[str] = []
                for w in reversed(toks[max(0, i - 2):i]):
                    if w in STOPWORDS or w in lexicon.CUT or w in lexicon.GENERIC or w in _VERBS or not w.isalpha():
                        break
                    mods.insert(0, w)
                return norm_phrase(" ".join([*mods, *toks[i:i + len(term)]]))
    return None


def _subject_sought(body: str) -> str | None:
    """A forum post's subject line when it is a short noun phrase ("Piano", "Avery Labels")."""
    if "\n" not in body:
        return None
    subject = body.split("\n", 1)[0].strip(" ?!.:-").lower()
    toks = words(subject)
    if not 0 < len(toks) <= 5 or toks[0] in _BAD_START or toks[0].endswith("ing") \
            or any(t in _ASK_WORDS for t in toks):
        return None
    return norm_phrase(" ".join(toks))


_ASK_WORDS = wordset("where which what who how need needed wanted want looking recommend suggestion suggestions "
                     "help anyone any is are can cost price prices")


def _asked(low: str, at: int) -> bool:
    """Whether the sentence around ``at`` is a question or a plea."""
    start = max(low.rfind(c, 0, at) for c in ".!?\n")
    ends = [i for i in (low.find(c, at) for c in ".!\n") if i >= 0]
    end = min(ends) if ends else len(low)
    q = low.find("?", at)
    if 0 <= q <= end or lexicon.ASKED_BEFORE.search(low[start + 1:at]) is not None:
        return True
    # a forum subject line is a title: a question without its "?"
    return start < 0 and 0 <= low.find("\n") == end and lexicon.QUESTION_START.match(low) is not None


def _head(sought: str) -> list[str]:
    """The words of ``sought`` before its first preposition."""
    toks = sought.split()
    for i, tok in enumerate(toks):
        if i and tok in PREPOSITIONS:
            return toks[:i]
    return toks


def _provider_like(sought: str, found: tuple[str, str, str] | None) -> bool:
    head = _head(sought)
    if not head:
        return False
    last = head[-1]
    if lookup(" ".join(head)) is not None:
        return True
    return (last in lexicon.PROVIDER_HEADS or last.endswith(lexicon.AGENT_SUFFIXES)
            or (found is not None and len(head) == 1))


def _absurd(sought: str) -> str | None:
    head = _head(sought)
    if not head:
        return None
    phrase = " ".join(head)
    if phrase in lexicon.ABSURD_PHRASES or ((head[-1] in lexicon.ABSURD or singular(head[-1]) in lexicon.ABSURD)
                                     and lookup(phrase) is None):
        return phrase
    return None


_SERVICE_HEADS = wordset("service services company companies firm firms agency agencies provider providers "
                         "someone somebody person contractor contractors")


def _kind(sought: str, low: str, term_kind: str | None, ask: str) -> str:
    if ask == "who_can":
        return "service"  # "who can fix a cracked screen": someone to do it
    head = _head(sought)
    last = head[-1] if head else ""
    if last in _SERVICE_HEADS or last in lexicon.ACTION_NOUNS or (
            term_kind is None and len(last) > 5 and last.endswith(lexicon.AGENT_SUFFIXES)):
        return "service"  # "translation service", "laptop repair", "tattooist"
    if term_kind == "place" and any(kind == "service" and category != "fitness"
                                    for category, kind in terms_in(" ".join(head))):
        # a place named by the service done there ("tailor shop", "dog kennel/hotel"); a sport names a
        # place to play it ("judo club")
        return "service"
    if term_kind is not None:
        return term_kind
    if ask in ("where_to_get", "know_where", "plan_to_buy", "available", "where_passive") and re.search(
            r"\b(?:buy|purchase|order|get hold of|for sale|find|sell|sells|selling|get)\b", low):
        return "product"
    if re.search(r"\b(?:buy|purchase|order|get hold of|for sale)\b", low):
        return "product"
    if re.search(r"\b(?:place|spot|where to (?:go|eat|stay)|somewhere)\b", sought):
        return "place"
    if re.search(r"\b(?:someone|somebody|company|service|person|guy|firm|agency|provider|who can)\b", sought) \
            or sought.split()[-1].endswith(lexicon.AGENT_SUFFIXES) or ask == "who_can":
        return "service"
    return "other"


def detect_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The request in ``text``, or ``None``: what is sought, its category, location, kind, score and cues."""
    return request_of(text, text.lower())


def request_of(text: str, low: str) -> Request | None:
    """``detect_request`` of ``text``, given its lowercase ``low`` (shared with the other judges)."""
    if not _might(text, low):
        return None
    found = _judge(text, fast=True)
    return found if found is not None and found.score >= THRESHOLD else None


def request_of_candidate(text: str) -> Request | None:
    """``detect_request`` of a post known to pass ``might_be_request`` (the compiled first pass of classify
    computes that test exactly: understand/screen.py)."""
    found = _judge(text, fast=True)
    return found if found is not None and found.score >= THRESHOLD else None


def judge_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The best reading of ``text`` as a request, *whatever its score* (``None`` when nothing is asked for).

    ``detect_request`` keeps it when ``score >= THRESHOLD``; this shows why a post was rejected.
    """
    return _judge(text, fast=False)


# Each ask's stems by its place in ``lexicon.ASKS``, and every stem once.
_ASK_STEMS = tuple(frozenset(lexicon.ASK_STEMS[name]) for name, *_ in lexicon.ASKS)
_ALL_STEMS = tuple(sorted(frozenset().union(*_ASK_STEMS)))
_STEM_ASKS = {stem: tuple(order for order, stems in enumerate(_ASK_STEMS) if stem in stems) for stem in _ALL_STEMS}
_ASKS_OF_STEM = tuple(_STEM_ASKS[stem] for stem in _ALL_STEMS)


def _no_stems_found(low: str) -> int | None:
    return None


#: Which of ``_ALL_STEMS`` a lowercase text holds, as a mask (bit i: the i-th), or ``None`` to test them one by
#: one here: the compiled first pass of classify provides it (``understand/screen.py``, ``_screen.stems``).
stems_found: Callable[[str], int | None] = _no_stems_found


def _search_if(pattern: re.Pattern[str], keys: tuple[str, ...], low: str) -> re.Match[str] | None:
    """``pattern.search(low)``, skipped when none of the literals it needs (``keys``) is in ``low``."""
    for key in keys:
        if key in low:
            return pattern.search(low)
    return None


def _judge(text: str, *, fast: bool) -> Request | None:
    """``judge_request``; with ``fast``, ``None`` as soon as the score can no longer reach ``THRESHOLD``."""
    body = clean(strip_leading_mentions(text))
    low = body.lower()
    if '"' in low:
        # an ask inside quotation marks is someone else's ("needs a new app. any suggestions?" I love X)
        low = lexicon.QUOTED.sub(" ", low)
    cues: list[Cue] = []
    sought: str | None = None
    z = _BIAS
    ask_weight = 0.0
    ask_name = ""
    strong = False
    possessive = False
    statement = False
    solicit = _search_if(lexicon.SOLICIT, lexicon.SOLICIT_KEYS, low)
    advice = _search_if(lexicon.ADVICE, lexicon.ADVICE_KEYS, low)
    plea = solicit is not None or advice is not None
    pending: tuple[str, float, bool, str] | None = None  # an ask whose object is a pronoun ("where to buy one")
    best: tuple[int, int, str, float, str, bool, bool, bool, str] | None = None
    cands: list[str] = []
    asks: set[int] = set()  # the asks one of whose stems is in the post, found once rather than once per ask
    present = stems_found(low)
    if present is None:
        for stem in _ALL_STEMS:
            if stem in low:
                asks.update(_STEM_ASKS[stem])
    else:
        while present:  # the bits of the stems present, lowest first
            bit = present & -present
            asks.update(_ASKS_OF_STEM[bit.bit_length() - 1])
            present ^= bit
    for order in sorted(asks):
        name, weight, must_ask, is_strong, pattern = lexicon.ASKS[order]
        for m in pattern.finditer(low):
            asked = _asked(low, m.start())
            if must_ask and not solicit and not asked:
                continue
            raw = m.group("obj")
            lead = low[m.start():m.start("obj")].lstrip(" .!?\n")
            cand, via = _refine(raw, lead)
            if name == "who_can":
                cand = _provider_before(low, m.start(), cand, lead) or cand
            first = cand.split()[0] if cand else ""
            if cand in lexicon.PRONOUNS or (cand and cand.split()[-1] in lexicon.PRONOUNS) \
                    or lexicon.TO_PRONOUN.match(raw):
                if pending is None and is_strong and (asked or plea):
                    pending = (name, weight, False, m.group(0)[:80])
                continue
            if not cand or first in _BAD_START or (first in lexicon.GENERIC and " " not in cand) or (
                    name == "x_recs" and cand.split()[-1] in lexicon.NOT_NOUN):
                continue
            cands.append(cand)
            strong_here = is_strong or via
            # the earliest ask wins among those that seek something provider-like (a forum post's
            # subject line or a tweet's first ask is its main one); otherwise the first in lexicon.ASKS order
            rank = m.start() if strong_here or _provider_like(cand, None) else 10**6 + order
            if best is None or rank < best[0]:
                best = (rank, order, cand, weight, name, strong_here, raw.split()[0] in lexicon.POSSESSIVE,
                        name in lexicon.WEAK_STATEMENT, m.group(0)[:80])
            break
    if best is not None:
        _, _, sought, ask_weight, ask_name, strong, possessive, statement, matched = best
        if pending is not None and not strong:
            # "looking for Avery labels ... where could I buy them?": the strong ask names it by pronoun
            ask_name, ask_weight, strong, statement, matched = pending[0], max(ask_weight, pending[1]), True, \
                False, pending[3]
        cues.append(Cue(ask_name, matched, ask_weight))
        fuller = _fuller(sought, cands)
        if fuller is not None:
            sought = fuller
            cues.append(Cue("sought_refined", fuller, 0.0))
    if sought is None and pending is not None:
        sought = _context_sought(low, wanted=False) or _subject_sought(body)
        if sought:
            name, ask_weight, statement, matched = pending
            ask_name, strong = name, True
            cues.append(Cue(name, matched, ask_weight))
            cues.append(Cue("sought_from_context", sought, 0.0))
    if sought is not None and (sought in lexicon.BARE_PLACES or lexicon.GENERIC_PROVIDER.fullmatch(sought)):
        # "any places where I can find them?", "which store?": the subject line names what they want
        alt = _subject_sought(body)
        if alt and alt.split()[-1] not in lexicon.BARE_PLACES and (strong or _provider_like(alt, None)):
            sought = alt
            cues.append(Cue("sought_from_subject", alt, 0.0))
    names_wanted = solicit is not None
    if solicit:
        w = 1.0 if ask_weight else 2.5
        cues.append(Cue("solicits_names", solicit.group(0), w))
        z += w
    else:
        solicit = advice
        if solicit is not None:
            w = 0.5 if ask_weight else 1.5
            cues.append(Cue("asks_advice", solicit.group(0), w))
            z += w
    if sought is None and solicit:
        # names wanted ("any suggestions?"): what the post talks about; advice or help wanted: only a
        # provider term inside a question sentence
        sought = _context_sought(low, wanted=not names_wanted)
        if sought:
            cues.append(Cue("sought_from_context", sought, 0.0))
            ask_name = "context"
    if sought is None:
        return None
    z += ask_weight
    found = lookup(sought)
    if found is not None:
        cues.append(Cue("provider_term", f"{found[0]} ({found[1]})", 1.0))
        z += 1.0
    elif strong or _provider_like(sought, found):
        cues.append(Cue("no_provider_term", sought, -0.7))
        z -= 0.7
    else:
        cues.append(Cue("not_provider_like", sought, -3.0))
        z -= 3.0
    if fast and z + 2.2 < 0.0:
        return None  # even a question to the audience for a good one, somewhere, would not reach THRESHOLD
    if "?" in body:
        cues.append(Cue("question", "?", 0.5))
        z += 0.5
    audience = lexicon.AUDIENCE.search(low)
    if audience:
        cues.append(Cue("asks_audience", audience.group(0), 0.7))
        z += 0.7
    quality = lexicon.QUALITY.search(low)
    if quality:
        cues.append(Cue("quality_wanted", quality.group(0), 0.5))
        z += 0.5
    location = find_location(body)
    if location:
        cues.append(Cue("location", location, 0.5))
        z += 0.5
    if ask_name in ("is_there", "any_x_in") and not (quality or location or audience):
        # "is there a Flickr group?" asks whether something exists, not where to find a good one
        cues.append(Cue("existence_only", sought, -2.0))
        z -= 2.0
    if statement and not names_wanted and solicit is None and "?" not in body \
            and not (location and found is not None and found[2] in ("service", "place")):
        # "looking for music", "i need new music", "going to buy a X": a statement that asks no one
        # ("I need a dentist in Leeds" still solicits names: a professional or place, somewhere)
        cues.append(Cue("statement_asks_no_one", sought, -1.5))
        z -= 1.5
    if possessive:
        cues.append(Cue("asks_about_their_own", sought, -4.0))
        z -= 4.0
    if fast and z + _MAX_LATER < 0.0:
        return None  # only negative cues are left: the score cannot reach THRESHOLD
    intent = lexicon.INTENT.search(low) is not None
    for name, weight, pattern in (("reacts_to_advice", -3.0, lexicon.REACT), ("offer_to_seekers", -3.0, lexicon.OFFER),
                                  *lexicon.NEGATIVES):
        if name in lexicon.CANCELLED_BY_INTENT and intent:
            continue
        if name == "we_are_looking" and names_wanted:
            continue
        target = text.lower() if name == "customer_service" else low
        hit = pattern.search(target)
        if hit is not None:
            if name == "factual_question" and ask_weight >= 3.0:
                weight = -0.5
            cues.append(Cue(name, hit.group(0)[:80], weight))
            z += weight
    head = _absurd(sought)
    if head is not None:
        cues.append(Cue("absurd_or_personal_object", head, -4.0))
        z -= 4.0
    score = 1.0 / (1.0 + math.exp(-z))
    return Request(sought=sought, category=found[1] if found else None, location=location,
                   kind=_kind(sought, low, found[2] if found else None, ask_name), score=score, cues=tuple(cues))
