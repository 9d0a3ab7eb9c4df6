"""Endorsements: a post that vouches for (or warns against) a specific provider.

A pure function of a post's text and, for a reply, its parent's. Two situations:

- **a reply to a request** (the parent asks for a provider): any specific name the
  reply offers is a candidate, even a bare lowercase one ("commercial bank" under
  "which is a good bank?"); recommendation verbs, evaluative words, first-hand
  experience and "you can find it at X" raise its score, questions back,
  thanks and self-promotion lower it. ``for`` is what the parent asks for.
- **anything else** (a tweet, a forum post): a cheap prefilter first (most posts
  stop there), then a name must be tied to a recommendation or warning cue
  ("highly recommend @joesplumbing", "go to Smart Baby Care", "avoid Al Shoof
  Garage", "Karwa is the best").

Names are @handles, web domains, capitalised (multi)word names, "Dr X", lowercase
phrases ending in a place-type word ("al khulood nursery"). A name needs a distinctive
word: not a stopword, generic place (Doha), business word alone ("bank") or asked-for word.

Each judgement's score is a logistic of its cues' weights; only those scoring at least
:data:`MIN_SCORE` are returned (in a thread, above it: even odds are not enough there, where a
name with nothing said of it reaches them), with their cues (explainable).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from . import endorsement_cues as pat
from .model import Cue, Endorsement, Request
from .names import BUSINESS, COMMON, PLACE_TYPES, Name, candidates, distinct, proper, words_of
from .taxonomy import TERMS, category_of
from .text import singular

MIN_SCORE = 0.5
_BIAS = -2.0




# -- the parent -----------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _parent_ask(parent_text: str) -> tuple[bool, str | None]:
    """Does ``parent_text`` ask for something, and what (a small fallback when no request was detected)?"""
    if not pat.ASK.search(parent_text):
        return False, None
    match = pat.SOUGHT.search(parent_text)
    sought = None
    if match:
        words = [w for w in match.group(1).lower().split()]
        while words and words[0] in COMMON and words[0] not in BUSINESS:
            words.pop(0)
        kept: list[str] = []
        for word in words:
            if word in COMMON and word not in BUSINESS:
                break
            kept.append(word)
        sought = " ".join(kept) or None
    if sought is None:
        subject = parent_text.split("\n", 1)[0].strip(" ?!.:").lower()
        if 0 < len(subject.split()) <= 3:
            sought = subject
    return True, sought


def _context(parent_text: str | None, parent_request: Request | None) -> tuple[bool, str | None, float, str | None]:
    """(in a request thread, what is sought, weight of that evidence, the sought provider's category)."""
    if parent_request is not None:
        sought = parent_request.sought or None
        return True, sought, 1.2, parent_request.category or (category_of(sought) if sought else None)
    if parent_text:
        asks, sought = _parent_ask(parent_text)
        if asks:
            return True, sought, 1.0, category_of(sought) if sought else None
    return False, None, 0.0, None



# -- scoring ------------------------------------------------------------------------------------
_SHAPE = {"handle": 1.0, "business": 0.9, "doctor": 0.9, "name": 0.7, "domain": 0.6, "bare": 0.9, "called": 1.0,
          "model": 0.5, "sibling": 0.6,
          "word": 0.6, "subject": 0.5, "lower": 0.3, "object": 0.3, "initial": 0.1}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0:
        c = text[left - 1]
        if c in "!?\n|" or (c == "." and (left == len(text) or text[left:left + 1] in " \n\t.")
                           and text[max(0, left - 3):left - 1].lower() not in ("dr", "mr", "st")):
            break
        left -= 1
    right = end
    while right < len(text):
        c = text[right]
        if c in "!?\n|" or (c == "." and text[right + 1:right + 2] in (" ", "\n", "\t", ".", "")):
            break
        right += 1
    return left, right


def _score(cues: list[Cue]) -> float:
    z = _BIAS + sum(c.weight for c in cues)
    return 1.0 / (1.0 + math.exp(-z))


def detect_endorsements(
    text: str, *, parent_text: str | None = None, parent_request: Request | None = None,
    mentions: Sequence[str] = (),
) -> list[Endorsement]:
    """The endorsements made by ``text`` (a reply to ``parent_text`` when given), in order of appearance."""
    if parent_request is None and not parent_text:  # the fast path: most posts stop at the first regex
        return _detect_standalone(text, mentions) if _quick(text) else []
    in_thread, sought, thread_weight, category = _context(parent_text, parent_request)
    if not in_thread:
        return _detect_standalone(text, mentions) if _quick(text) else []
    return _detect(text, in_thread, sought, thread_weight, category, mentions)


def endorsements_of_candidate(text: str) -> list[Endorsement]:
    """``detect_endorsements`` of a post outside a thread known to pass ``_quick`` (the compiled first pass of
    classify computes that test exactly: understand/screen.py)."""
    return _detect_standalone(text, ())


#: What QUICK's first stage also lets through (no rare first letter to key them on).
QUICK_LITERALS = ("sent you", "clients to", "friends to")


def _quick(text: str) -> bool:
    """The prefilter of posts outside a request thread: could a cue be there?"""
    return ((pat.QUICK.search(text) is not None or "sent you" in text or "clients to" in text or "friends to" in text)
            and pat.PREFILTER.search(text) is not None)  # (QUICK_LITERALS, spelt out: no loop on every post)


def _detect_standalone(text: str, mentions: Sequence[str]) -> list[Endorsement]:
    """Outside a request thread: a name right after a recommendation verb, or right before a verdict."""
    text = _clean(text)
    found: list[tuple[int, str, str, bool]] = []  # (position, name, cue, negative)
    lowered = text.lower()
    verb_matches = (pat.VERB_NAME.match(text, at.start()) for at in pat.VERB_AT.finditer(lowered))
    for match in filter(None, verb_matches):
        verb, name = match.group(1), match.group(2)
        strong = pat.STRONG_VERB.search(verb) is not None
        imperative = (pat.CLAUSE_START.search(text, 0, match.start())
                      and not pat.NOT_ADVICE.search(text, 0, match.end(1) + 1))
        if not strong and not imperative:
            continue
        found.append((match.start(2), name, verb, bool(pat.NEGATIVE.match(verb))))
    judged = any(v in lowered for v in (" is ", " are ", " was ", " were "))
    verdicts = pat.NAME_VERDICT.finditer(text) if judged else ()
    for match in verdicts:
        found.append((match.start(1), match.group(1), match.group(2), bool(pat.NEGATIVE.search(match.group(2)))))
    referred = pat.REFERRED.search(text) if "sent you" in lowered else None
    if referred is not None:
        found.extend((match.start(1), match.group(1), match.group(2), False) for match in pat.NAME_MILD.finditer(text))
    need = pat.IF_NEED.search(text) if "if " in lowered else None
    results: list[Endorsement] = []
    seen: set[str] = set()
    handles = {m.lower().lstrip("@"): m.lstrip("@") for m in mentions}
    for position, name, cue, negative in sorted(found):
        name = name.strip(" .,'")
        words = name.split()
        while words and words[0].lower() in COMMON:
            words.pop(0)
        for index, word in enumerate(words):
            if word.lower().split("'")[0] in pat.PRONOUNS:
                words = words[:index]
                break
        name = " ".join(words)
        if not name or (not name.startswith("@") and not distinct(name, frozenset()) and not proper(name)):
            continue
        key = re.sub(r"\W", "", name.lower())
        if key in seen:
            continue
        seen.add(key)
        if not name.startswith("@") and key in handles:
            name = "@" + handles[key]
        cues = [Cue("name:handle" if name.startswith("@") else "name", name, 1.0 if name.startswith("@") else 0.6),
                Cue("recommendation" if position > text.find(cue) else "verdict", cue, 1.6)]
        extra = pat.STRONG_EXTRA.search(text)
        if extra:
            cues.append(Cue("strong_words", extra.group(), 0.6))
        if referred is not None:
            cues.append(Cue("referred", referred.group(), 0.6))
        if pat.JOKING.search(text) or text.rstrip().endswith("?"):
            cues.append(Cue("joking_or_question", "", -0.8))
        score = _score(cues)
        if score >= MIN_SCORE:
            for_ = _for(need.group(1).strip().lower() if need is not None and need.start() < position else None, name)
            results.append(Endorsement(name, for_, "negative" if negative else "positive",
                                       round(score, 4), _category(for_, name, None), tuple(cues)))
    return results


def _clean(text: str) -> str:
    if "&" in text:
        text = text.replace("&amp;", "&").replace("&quot;", '"').replace("&#039;", "'").replace("&#39;", "'")
    if "<" in text:
        text = pat.SIGNATURE.sub("", text)
        text = pat.TAG.sub(" ", text)
    elif "\n" in text:
        text = pat.SIGNATURE.sub("", text)
    return text


def _detect(text: str, in_thread: bool, sought: str | None, thread_weight: float, category: str | None,
            mentions: Sequence[str]) -> list[Endorsement]:
    text = _clean(text)
    avoid = frozenset(re.findall(r"[a-z0-9]+", sought.lower())) if sought else frozenset()
    n_words = len(text.split())
    names = candidates(text, avoid, mentions, in_thread, terse=n_words <= 6)
    if any(n.kind == "handle" for n in names):
        # an ordinary capitalised word opening a sentence ("Booked @x") is no name beside a real handle
        names = [n for n in names if n.kind != "initial"]
    if not names:
        return []
    promo = pat.SELF_PROMO.search(text)
    ask_back = pat.ASK_BACK.search(text)
    joking = pat.JOKING.search(text)
    name_words = sum(len(n.text.split()) for n in names)
    alone = len(names) == 1
    placed = [_placed(text, n) for n in names]
    provider_named = not all(placed)
    follow_up = pat.FOLLOW_UP.search(text)
    results: list[Endorsement] = []
    advised_end = -1  # where the last name advised by a verb ends ("try Dr Sonia| at Al Emadi Hospital")
    for index, name in enumerate(names):
        before = text[max(0, name.start - 60):name.start]
        leading = not text[:name.start].strip()
        addressed = name.kind == "handle" and leading and re.match(r"\s*(?:,|\.{2,}|:|-)", text[name.end:]) is not None
        if addressed and not alone:
            continue  # "@silkversion... W hotel": a leading @handle, then a pause, addresses the person replied to
        if placed[index] and provider_named and not pat.REC_VERB.search(before[-45:]):
            continue  # a landmark or location beside the provider named: "X near Al Ahli Hospital, Salwa Road"
        if index and name.kind in ("name", "word") and not set(words_of(name.text)) & BUSINESS \
                and pat.WHERE_GAP.fullmatch(text, names[index - 1].end, name.start):
            continue  # "Elder Tree at Markhiyah", "Air Arabia to Sharjah": where the provider is, or goes
        if name.kind != "handle" and _quoted_line(text, name):
            continue  # '"Real Love has no Enemies"': a quotation, most often a signature
        if name.kind in ("word", "name", "bare") and _signed_off(text, name):
            continue  # "...loses the signal upstairs.\nMandi": the writer's name under the post
        if leading and name.kind != "handle" and pat.VOCATIVE_AFTER.match(text, name.start + len(name.text)):
            continue  # "lemon, i am fine"
        if name.kind not in ("handle", "domain") and pat.SELF_PLACE.search(before):
            continue  # "We're just down the road in Hyde Park": the writer's own place
        if name.kind not in ("handle", "bare") and pat.VOCATIVE_BEFORE.search(before):
            continue  # "thanks a lot Iqbal", "hi Kidi"
        if name.kind != "handle" and " " not in name.text and before.rstrip().endswith(",") \
                and not set(words_of(name.text)) & BUSINESS \
                and pat.ADDRESS_AFTER.match(text, name.start + len(name.text)) \
                and pat.WE.search(text[_sentence_bounds(text, name.start, name.end)[0]:name.start]):
            continue  # "Happy to help, Ben!": a business answers the asker by name
        if name.kind != "handle" and name.start <= 2 and not set(words_of(name.text)) & BUSINESS \
                and re.match(r"\s*,\s*(?!and\b|or\b)[a-z]", text[name.end:]) \
                and len(names) > 1 and names[1].start > name.end + 3:
            continue  # "Kidi, if you ..." addresses a person
        cues: list[Cue] = []
        if in_thread:
            cues.append(Cue("reply_to_request", sought or "", thread_weight))
        weight = _SHAPE.get(name.kind, 0.5)
        if name.kind == "handle" and leading and (addressed or not in_thread):
            weight = 0.3  # a leading @handle addresses someone; it needs a cue of its own
        cues.append(Cue(f"name:{name.kind}", name.text, weight))
        s_start, s_end = _sentence_bounds(text, name.start, name.end)
        sentence = text[s_start:s_end]
        nxt = text[s_end + 1:s_end + 200]
        if pat.PRONOUN_START.match(nxt):
            n_end = _sentence_bounds(text, s_end + 2, s_end + 2)[1] if s_end + 2 < len(text) else len(text)
            sentence = text[s_start:n_end]
        scope = text if alone and in_thread else sentence
        verb = pat.REC_VERB.search(before[-45:])
        if verb and not pat.NOT_ADVICE.search(before[-60:]):
            lead = before[:len(before) - len(verb.group())]
            imperative = in_thread or pat.STRONG_VERB.search(verb.group()) or pat.CLAUSE_START.search(lead)
            cues.append(Cue("recommendation_verb", verb.group().strip(), 1.6 if imperative else 0.6))
        after = text[name.end:name.end + 60]
        landmark = pat.LANDMARK.search(before[-30:]) if not alone else None
        if landmark and not verb:
            cues.append(Cue("landmark", landmark.group().strip(), -1.2))
        elif placed[index] and not verb and (_located(name) or
                                             pat.STRONG_LANDMARK.search(text, max(0, name.start - 30), name.start)):
            cues.append(Cue("location", name.text, -0.8))
        if pat.LIKEWISE.search(before[-20:]):
            cues.append(Cue("likewise", before[-20:].strip(), 1.2))
        if pat.IDENTIFIED.search(before[-20:]):
            cues.append(Cue("identified", before[-20:].strip(), 0.8))
        line_start = text.rfind("\n", 0, name.start) + 1
        if name.kind not in ("initial", "object", "subject", "model", "handle") and \
                pat.FRAGMENT_LEAD.fullmatch(text, line_start, name.start) and pat.FRAGMENT_NEXT.match(text, name.end):
            cues.append(Cue("answer_first", text[line_start:name.end].strip()[:40], 0.8))
        offers = pat.OFFERS_AFTER.match(after)
        if offers and in_thread:
            cues.append(Cue("offers", offers.group().strip(), 0.8))
        elif in_thread and not placed[index] and pat.LOCATED_AFTER.match(after):
            cues.append(Cue("located", after.strip()[:30], 0.6))  # telling where a provider is answers "where"
        common = singular(name.text.lower()) in TERMS or pat.WORD_SUFFIX.search(name.text)
        if name.kind in ("word", "initial", "object") and " " not in name.text and common:
            # "Turkeys", "Coach", "Consultants", "try swimming"
            cues.append(Cue("common_noun", name.text, -2.5 if name.kind == "object" else -1.5))
        if pat.DEFINES.search(before[-20:]):
            cues.append(Cue("definition", before[-20:].strip(), -1.5))
        warned = pat.WARNED_BEFORE.search(text, max(0, name.start - 20), name.start) is not None \
            and text[name.end:name.end + 3].lstrip()[:1] == "!"
        if warned:
            cues.append(Cue("warned_off", before[-12:].strip(), 1.2))
        if advised_end >= 0 and not verb and set(words_of(name.text)) & BUSINESS \
                and pat.WHERE_GAP.fullmatch(text, advised_end, name.start):
            # "try Dr Sonia at Al Emadi Hospital": where the advised provider works is advised with them
            cues.append(Cue("where_advised", text[advised_end:name.start].strip(), 0.8))
        evaluated = None if landmark and not verb else pat.EVAL_AFTER.match(after)
        negative = pat.NEGATIVE.search(scope)
        if evaluated:
            cues.append(Cue("evaluated", evaluated.group().strip(" ,-:"), 1.4))
        else:
            positive = pat.POSITIVE.search(scope)
            if positive:
                cues.append(Cue("positive_words", positive.group(), 0.8 if in_thread else 0.5))
        if negative:
            cues.append(Cue("negative_words", negative.group(), 1.2))
        experience = pat.EXPERIENCE.search(scope)
        if experience:
            cues.append(Cue("experience", experience.group(), 0.7))
        if in_thread:
            available = pat.AVAILABLE.search(scope)
            if available:
                cues.append(Cue("availability", available.group(), 0.6))
            if n_words <= 12:
                coverage = name_words / max(1, n_words)
                cues.append(Cue("terse_answer", f"{coverage:.0%} names", 0.9 if coverage >= 0.5 else 0.3))
            if _listed(text, names, name):
                cues.append(Cue("listed", "", 0.5))
        # the sentence ends where its "?" stands (bounds exclude the mark); a pronoun sentence joined on may end in one
        asked = text[s_end:s_end + 1] == "?" or sentence.rstrip().endswith("?")
        if asked or pat.QUESTION_WORDS.match(sentence):
            cues.append(Cue("question", sentence.strip()[:40], -1.6))
        if ask_back:
            cues.append(Cue("asks_back", ask_back.group(), -1.6))
        if promo:
            cues.append(Cue("self_promotion", promo.group(), -2.5))
        if joking and (n_words <= 30 or pat.JOKING.search(sentence)):
            cues.append(Cue("joking", joking.group(), -0.8))
        if follow_up and not experience:
            cues.append(Cue("asker_follow_up", follow_up.group(), -1.5))
        anecdote = pat.ANECDOTE.search(sentence)
        if anecdote and not any(c.name in pat.ADVICE for c in cues):
            # "One of my friends hired a Honda City": someone else's story, named but not advised
            cues.append(Cue("anecdote", anecdote.group(), -1.0))
        score = _score(cues)
        if score <= MIN_SCORE:  # even odds are no endorsement: a name in a thread with nothing said of it
            continue
        if verb:
            advised_end = name.end
        negative_here = pat.NEGATIVE.search(sentence) or warned
        verdict_bad = evaluated is not None and pat.BAD_VERDICT.search(evaluated.group()) is not None
        overruled = evaluated is not None and not verdict_bad
        polarity = "negative" if (negative_here and not overruled) or verdict_bad else "positive"
        for_ = _for(sought, name.text)
        results.append(Endorsement(name.text, for_, polarity, round(score, 4),
                                   _category(for_, name.text, category), tuple(cues)))
    return results


def _listed(text: str, names: list[Name], name: Name) -> bool:
    """Is ``name`` one of a list of names ("Hempel or Jotun", "Gulf Air, Etihad")?"""
    for other in names:
        if other is name:
            continue
        gap = text[name.end:other.start] if other.start >= name.end else text[other.end:name.start]
        if len(gap) <= 6 and re.fullmatch(r"[\s,/&.]*(?:or|and|&)?[\s,/&.]*", gap, pat.F):
            return True
    return False


def _for(sought: str | None, target: str) -> str | None:
    """What the target is recommended for: what was asked for, else the place-type word in its name."""
    if sought:
        return sought
    words = target.lower().split()
    if len(words) > 1 and words[-1] in PLACE_TYPES:
        return words[-1]
    return None



def _category(for_: str | None, target: str, asked: str | None) -> str | None:
    """The provider category: the parent request's, else that of ``for``, else of the target's business word."""
    if asked:
        return asked
    if for_:
        found = category_of(for_)
        if found:
            return found
    words = words_of(target)
    return category_of(words[-1]) if words and words[-1] in BUSINESS else None


def _placed(text: str, name: Name) -> bool:
    """Does ``name`` place something (a landmark after near/behind/opposite..., or a road, street, area)?"""
    if name.kind in ("handle", "domain", "doctor", "called"):
        return False
    if _located(name):
        return True
    return pat.LANDMARK.search(text, max(0, name.start - 30), name.start) is not None or \
        pat.PLACES_IN.search(text, max(0, name.start - 40), name.start) is not None


def _located(name: Name) -> bool:
    """Is ``name`` a location (a road, street, area, roundabout) or set among them?"""
    words = name.text.lower().replace("/", " ").split()
    return bool(words) and (words[-1] in pat.LOCATION_WORDS or words[-2:] == ["r", "a"])


def _signed_off(text: str, name: Name) -> bool:
    """Is ``name`` a signature: alone on the last line, under a line of prose that ends a sentence?"""
    line_start = text.rfind("\n", 0, name.start) + 1
    if text[line_start:name.start].strip() or text[name.end:].strip(" \t\n.!") or len(name.text.split()) > 2:
        return False
    previous = text[:line_start].rstrip().rsplit("\n", 1)[-1]
    return len(previous.split()) >= 6 and previous.rstrip()[-1:] in ".!?)" and not pat.REC_VERB.search(previous[-45:])


def _quoted_line(text: str, name: Name) -> bool:
    """Is ``name`` inside a line that is one quotation ('"He who dares wins"')?"""
    line_start = text.rfind("\n", 0, name.start) + 1
    line_end = text.find("\n", name.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    return len(line) > 2 and line[0] in "\"\u201c" and line[-1] in "\"\u201d" and line.count('"') <= 2
