"""The kind of a post: pitch, promoting others, conversation, information, other.

A transparent cue-weighted scorer. Each kind gathers evidence from small
lexicons of words and phrases (from the labelling guideline: calls to buy, book
or sign up, offers and prices, self-congratulation; thanks, congratulations,
shout-outs, reposts and credits; replies, greetings, apologies, questions to a
person; news, reports, studies, tips, quotes and links without a sell). The kind
with the most evidence wins; its score is its softmax share of the evidence, and
its cues are the evidence that decided it.

Cost: one lower-casing, one ``str.translate``, one split, one set intersection
and a handful of substring tests, so a few microseconds per post.
"""

from __future__ import annotations

import math
import re

from .model import Cue, PostKind

_PITCH = PostKind.PITCH
_OTHERS = PostKind.PROMOTING_OTHERS
_TALK = PostKind.CONVERSATION
_INFO = PostKind.INFORMATION
_OTHER = PostKind.OTHER

# Evidence every kind starts with: information is what a plain statement is;
# ``other`` wins only when a post holds almost nothing (see ``_content_words``).
_PRIOR: dict[PostKind, float] = {_PITCH: 0.0, _OTHERS: 0.0, _TALK: 0.0, _INFO: 0.5, _OTHER: -0.5}

# Punctuation (apostrophes and hashtag signs included) becomes space, so that
# "we're" reads "we re", "#sale" reads "sale" and phrases match on word bounds.
# "@" is kept: a handle is its own token.
_SEPARATORS = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?[\\]^_`{|}~'’‘“”«»…–—•·|¡¿"})
_URL = re.compile(r"(?:https?://|www\.)\S+")
_PRICE = re.compile(r"[$£€¥₹]\s?\d|\d\s?(?:€|eur|usd|gbp)\b|\d+\s?%\s?off\b|\bhalf[ -]price\b|\b\d+\s?for\s?\d+\b")
_PERCENT = re.compile(r"\d\s?%")
_POSSESSIVE = re.compile(r"\.?@\w+['’]s\b")
_SPEAKER = re.compile(r"^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}\s?:\s")

# (word or phrase, cue name, kind, weight). Phrases are written as plain words;
# they are normalised like the text and matched on word boundaries.
_LEXICON: tuple[tuple[str, str, PostKind, float], ...] = (
    # -- pitch: offers, prices, calls to buy/book/sign up/attend, self-congratulation
    ("sale", "offer", _PITCH, 1.2), ("sales event", "offer", _PITCH, 0.3), ("discount", "offer", _PITCH, 1.2),
    ("discounts", "offer", _PITCH, 1.2), ("deal", "offer", _PITCH, 0.6), ("deals", "offer", _PITCH, 0.8),
    ("offer", "offer", _PITCH, 0.7), ("offers", "offer", _PITCH, 0.6), ("promo", "offer", _PITCH, 1.0),
    ("promotion", "offer", _PITCH, 0.5), ("coupon", "offer", _PITCH, 1.2), ("voucher", "offer", _PITCH, 1.0),
    ("giveaway", "offer", _PITCH, 1.0), ("free", "offer", _PITCH, 0.6), ("bogo", "offer", _PITCH, 1.2),
    ("special offer", "offer", _PITCH, 0.6), ("limited time", "offer", _PITCH, 1.0),
    ("today only", "offer", _PITCH, 1.2), ("this weekend only", "offer", _PITCH, 1.0),
    ("last chance", "offer", _PITCH, 1.0), ("while stocks last", "offer", _PITCH, 1.2),
    ("gift card", "offer", _PITCH, 0.8), ("gift cards", "offer", _PITCH, 0.8),
    ("free delivery", "offer", _PITCH, 0.8), ("free shipping", "offer", _PITCH, 0.8),
    ("order", "call_to_buy", _PITCH, 0.8), ("orders", "call_to_buy", _PITCH, 0.5), ("preorder", "call_to_buy", _PITCH, 1.2),
    ("pre order", "call_to_buy", _PITCH, 1.2), ("order now", "call_to_buy", _PITCH, 1.0),
    ("buy", "call_to_buy", _PITCH, 0.8), ("shop", "call_to_buy", _PITCH, 0.7), ("shop now", "call_to_buy", _PITCH, 1.0),
    ("book", "call_to_book", _PITCH, 0.5), ("book now", "call_to_book", _PITCH, 1.2), ("booking", "call_to_book", _PITCH, 1.0),
    ("bookings", "call_to_book", _PITCH, 1.0), ("reserve", "call_to_book", _PITCH, 0.9),
    ("reservations", "call_to_book", _PITCH, 0.9), ("appointments", "call_to_book", _PITCH, 0.8),
    ("tickets", "call_to_book", _PITCH, 0.8), ("rsvp", "call_to_book", _PITCH, 1.0),
    ("register", "call_to_sign_up", _PITCH, 0.8), ("registration", "call_to_sign_up", _PITCH, 0.8),
    ("sign up", "call_to_sign_up", _PITCH, 1.2), ("signup", "call_to_sign_up", _PITCH, 1.2),
    ("subscribe", "call_to_sign_up", _PITCH, 1.0), ("enroll", "call_to_sign_up", _PITCH, 1.0),
    ("enrol", "call_to_sign_up", _PITCH, 1.0), ("download", "call_to_sign_up", _PITCH, 0.8),
    ("apply", "call_to_sign_up", _PITCH, 0.7), ("apply now", "call_to_sign_up", _PITCH, 0.8),
    ("join us", "call_to_attend", _PITCH, 1.4), ("come join", "call_to_attend", _PITCH, 1.2),
    ("come and", "call_to_attend", _PITCH, 0.8), ("come see", "call_to_attend", _PITCH, 1.2),
    ("come visit", "call_to_attend", _PITCH, 1.2), ("stop by", "call_to_attend", _PITCH, 1.2),
    ("pop in", "call_to_attend", _PITCH, 1.0), ("visit us", "call_to_attend", _PITCH, 1.4),
    ("tune in", "call_to_attend", _PITCH, 1.2), ("follow live", "call_to_attend", _PITCH, 1.0),
    ("live webcast", "call_to_attend", _PITCH, 1.0), ("webcast", "call_to_attend", _PITCH, 1.0),
    ("webinar", "call_to_attend", _PITCH, 1.0), ("livestream", "call_to_attend", _PITCH, 0.8),
    ("don t miss", "call_to_attend", _PITCH, 1.0), ("see you there", "call_to_attend", _PITCH, 1.0),
    ("call us", "call_to_buy", _PITCH, 1.0), ("call now", "call_to_buy", _PITCH, 1.2),
    ("link in bio", "call_to_buy", _PITCH, 1.2), ("dm to order", "call_to_buy", _PITCH, 1.5),
    ("check out our", "own_offer", _PITCH, 1.2), ("try our", "own_offer", _PITCH, 1.2), ("our new", "own_offer", _PITCH, 0.8),
    ("now open", "own_offer", _PITCH, 1.2), ("grand opening", "own_offer", _PITCH, 1.2),
    ("we re open", "own_offer", _PITCH, 1.2), ("we are open", "own_offer", _PITCH, 1.2),
    ("open today", "own_offer", _PITCH, 0.8), ("available now", "own_offer", _PITCH, 1.0),
    ("now available", "own_offer", _PITCH, 1.0), ("in stock", "own_offer", _PITCH, 1.0),
    ("back in stock", "own_offer", _PITCH, 0.5), ("new menu", "own_offer", _PITCH, 1.0),
    ("specials", "own_offer", _PITCH, 0.8), ("menu", "own_offer", _PITCH, 0.5),
    ("launch", "own_launch", _PITCH, 0.6), ("launches", "own_launch", _PITCH, 0.8), ("launched", "own_launch", _PITCH, 0.6),
    ("launching", "own_launch", _PITCH, 0.8), ("introducing", "own_launch", _PITCH, 1.0),
    ("we re hiring", "jobs", _PITCH, 1.4), ("now hiring", "jobs", _PITCH, 1.4), ("hiring", "jobs", _PITCH, 0.8),
    ("join our team", "jobs", _PITCH, 1.4), ("vacancies", "jobs", _PITCH, 1.0), ("vacancy", "jobs", _PITCH, 1.0),
    ("career", "jobs", _PITCH, 0.5), ("careers", "jobs", _PITCH, 0.7), ("opportunities", "jobs", _PITCH, 0.4),
    ("proud to", "self_congratulation", _PITCH, 1.2), ("proud", "self_congratulation", _PITCH, 0.8), ("proudly", "self_congratulation", _PITCH, 1.0),
    ("we re proud", "self_congratulation", _PITCH, 0.6), ("we are proud", "self_congratulation", _PITCH, 0.6),
    ("honored to", "self_congratulation", _PITCH, 1.2), ("honoured to", "self_congratulation", _PITCH, 1.2),
    ("delighted to", "self_congratulation", _PITCH, 1.0), ("thrilled to", "self_congratulation", _PITCH, 1.0),
    ("excited to", "self_congratulation", _PITCH, 1.0), ("pleased to", "self_congratulation", _PITCH, 0.8),
    ("happy to announce", "self_congratulation", _PITCH, 1.0),
    ("wins", "award", _PITCH, 1.0), ("won", "award", _PITCH, 0.8), ("win", "award", _PITCH, 0.5),
    ("award", "award", _PITCH, 0.8), ("awards", "award", _PITCH, 0.8), ("awarded", "award", _PITCH, 0.6), ("winner", "award", _PITCH, 0.3),
    ("voted", "award", _PITCH, 0.5), ("best in", "award", _PITCH, 0.5), ("named best", "award", _PITCH, 1.0),
    ("sponsor", "sponsorship", _PITCH, 0.6), ("sponsors", "sponsorship", _PITCH, 0.6),
    ("sponsored", "sponsorship", _PITCH, 0.5), ("sponsoring", "sponsorship", _PITCH, 0.7),
    ("find out more", "call_to_consume", _PITCH, 0.6), ("find out", "call_to_consume", _PITCH, 0.4),
    ("watch", "call_to_consume", _PITCH, 0.6), ("follow our", "call_to_consume", _PITCH, 0.8),
    ("join", "call_to_attend", _PITCH, 0.6), ("our video", "call_to_consume", _PITCH, 0.8),
    ("our latest", "call_to_consume", _PITCH, 0.6), ("look out for", "call_to_consume", _PITCH, 0.8),
    ("stay tuned", "call_to_consume", _PITCH, 0.8), ("see what we", "call_to_consume", _PITCH, 1.0),
    ("vote for us", "call_to_consume", _PITCH, 1.4), ("support us", "call_to_consume", _PITCH, 1.0),
    # -- promoting others: thanks, praise, credit, amplification
    ("thanks", "thanks", _OTHERS, 1.5), ("thank", "thanks", _OTHERS, 1.5), ("thx", "thanks", _OTHERS, 1.5),
    ("thanks to our", "credits_own", _PITCH, 0.4), ("thanks to us", "credits_own", _PITCH, 0.4),
    ("big thanks", "thanks", _OTHERS, 0.5), ("huge thanks", "thanks", _OTHERS, 0.6),
    ("special thanks", "thanks", _OTHERS, 0.6), ("grateful to", "thanks", _OTHERS, 1.0),
    ("congrats", "congratulations", _OTHERS, 1.8), ("congratulations", "congratulations", _OTHERS, 1.8),
    ("congratulate", "congratulations", _OTHERS, 1.4), ("kudos", "praise", _OTHERS, 1.8),
    ("shout out", "shout_out", _OTHERS, 2.0), ("shoutout", "shout_out", _OTHERS, 2.0), ("props to", "praise", _OTHERS, 1.6),
    ("hats off", "praise", _OTHERS, 1.6), ("big up", "praise", _OTHERS, 1.2), ("bravo", "praise", _OTHERS, 1.4),
    ("well done", "praise", _OTHERS, 1.6), ("great job", "praise", _OTHERS, 1.6), ("great work", "praise", _OTHERS, 1.6),
    ("good work", "praise", _OTHERS, 1.4), ("nice work", "praise", _OTHERS, 1.6), ("amazing work", "praise", _OTHERS, 1.6),
    ("good job", "praise", _OTHERS, 1.4), ("keep up", "praise", _OTHERS, 0.8), ("great photo", "praise", _OTHERS, 1.6),
    ("nice pic", "praise", _OTHERS, 1.6), ("great pic", "praise", _OTHERS, 1.6), ("love this", "praise", _OTHERS, 1.0),
    ("what a team", "praise", _OTHERS, 1.6), ("applaud", "praise", _OTHERS, 1.6), ("proud of", "praise", _OTHERS, 1.4),
    ("so proud of", "praise", _OTHERS, 0.4), ("highly recommend", "endorsing", _OTHERS, 2.0),
    ("recommend", "endorsing", _OTHERS, 1.2), ("go check out", "endorsing", _OTHERS, 1.4),
    ("support local", "endorsing", _OTHERS, 1.4), ("shop local", "endorsing", _OTHERS, 1.2),
    ("see how", "sharing_others_work", _OTHERS, 0.8), ("meet", "sharing_others_work", _OTHERS, 0.5),
    ("help", "sharing_others_work", _OTHERS, 0.3), ("h t", "credit", _OTHERS, 1.4), ("hat tip", "credit", _OTHERS, 1.4),
    ("courtesy of", "credit", _OTHERS, 1.2), ("photo by", "credit", _OTHERS, 1.4), ("ff", "shout_out", _OTHERS, 1.6),
    ("followfriday", "shout_out", _OTHERS, 2.0), ("giving back", "praise", _OTHERS, 0.6),
    # -- conversation: direct exchange, customer care, social talk
    ("sorry to hear", "care", _TALK, 2.0), ("so sorry", "care", _TALK, 1.2), ("sorry", "care", _TALK, 1.0),
    ("apologies", "care", _TALK, 1.4), ("apologise", "care", _TALK, 1.4), ("apologize", "care", _TALK, 1.4),
    ("dm us", "care", _TALK, 1.8), ("dm me", "care", _TALK, 1.6), ("please dm", "care", _TALK, 1.6),
    ("email us", "care", _TALK, 1.0), ("send us", "care", _TALK, 0.8), ("let us know", "care", _TALK, 1.0),
    ("let me know", "care", _TALK, 1.0), ("we ll sort", "care", _TALK, 1.4), ("look into", "care", _TALK, 1.0),
    ("reaching out", "care", _TALK, 1.0), ("get back to you", "care", _TALK, 1.4), ("hope", "social", _TALK, 0.5),
    ("glad", "social", _TALK, 0.6), ("lol", "social", _TALK, 1.4), ("haha", "social", _TALK, 1.4),
    ("hahaha", "social", _TALK, 1.4), ("omg", "social", _TALK, 1.0), ("you re welcome", "social", _TALK, 1.6),
    ("no problem", "social", _TALK, 1.2), ("good morning", "social", _TALK, 1.2), ("good night", "social", _TALK, 1.2),
    ("happy birthday", "social", _TALK, 1.4), ("how are you", "social", _TALK, 1.6), ("miss you", "social", _TALK, 1.4),
    ("what s your", "question_to_reader", _TALK, 1.0), ("what do you", "question_to_reader", _TALK, 1.0),
    ("do you", "question_to_reader", _TALK, 0.6), ("have you", "question_to_reader", _TALK, 0.6),
    ("did you", "question_to_reader", _TALK, 0.8), ("are you", "question_to_reader", _TALK, 0.6),
    ("anyone", "question_to_reader", _TALK, 0.6),
    # -- information: news, reports, studies, tips, statements
    ("says", "reported_speech", _INFO, 0.9), ("said", "reported_speech", _INFO, 0.6),
    ("according to", "reported_speech", _INFO, 1.0), ("asks", "reported_speech", _INFO, 0.8), ("report", "report", _INFO, 0.6), ("reports", "report", _INFO, 0.6),
    ("study", "report", _INFO, 0.9), ("survey", "report", _INFO, 0.7), ("research", "report", _INFO, 0.6),
    ("data", "report", _INFO, 0.4), ("statistics", "report", _INFO, 0.6), ("analysis", "report", _INFO, 0.6),
    ("news", "news", _INFO, 0.6), ("breaking", "news", _INFO, 0.8), ("update", "news", _INFO, 0.4),
    ("announces", "news", _INFO, 0.5), ("appointed", "news", _INFO, 0.8), ("appointment", "news", _INFO, 0.5),
    ("council", "news", _INFO, 0.8), ("votes", "news", _INFO, 0.5), ("police", "news", _INFO, 0.8),
    ("election", "news", _INFO, 0.6), ("closed", "news", _INFO, 0.5), ("closure", "news", _INFO, 0.8),
    ("warning", "news", _INFO, 0.6), ("alert", "news", _INFO, 0.6), ("weather", "news", _INFO, 0.6),
    ("traffic", "news", _INFO, 0.5), ("market", "news", _INFO, 0.4), ("markets", "news", _INFO, 0.5),
    ("economy", "news", _INFO, 0.6), ("economic", "news", _INFO, 0.5), ("percent", "news", _INFO, 0.4),
    ("tip", "tips", _INFO, 1.0), ("tips", "tips", _INFO, 1.2), ("how to", "tips", _INFO, 1.0),
    ("guide", "tips", _INFO, 0.6), ("advice", "tips", _INFO, 0.8), ("fact", "tips", _INFO, 0.6),
    ("facts", "tips", _INFO, 0.6), ("ways to", "tips", _INFO, 0.8), ("must read", "tips", _INFO, 0.8),
    ("explores", "commentary", _INFO, 0.8), ("examines", "commentary", _INFO, 0.8), ("looks at", "commentary", _INFO, 0.8),
    ("talks about", "commentary", _INFO, 0.6), ("talking about", "commentary", _INFO, 0.6), ("blog", "commentary", _INFO, 0.4),
)

_WE = frozenset({"we", "our", "us", "ours"})
_GREETINGS = frozenset({"hi", "hey", "hello", "dear", "hiya", "morning", "evening"})
_REPOST_MARKS = frozenset({"rt", "mt"})
# Pointing readers at another party's handle: sharing, thanking or recommending them.
_PRESENTING = tuple(f" {verb} @" for verb in (
    "see how", "meet", "help", "support", "thanks", "thank you", "thank you to", "thanks to", "congrats",
    "congratulations to", "congratulations", "check out", "go check out", "follow", "shout out to", "shoutout to",
    "kudos to", "props to", "welcome", "well done", "love", "recommend"))


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().translate(_SEPARATORS).split())


def _build() -> tuple[dict[str, list[tuple[str, str, PostKind, float]]], frozenset[str]]:
    """Index the lexicon by first word: a word's own entry and the phrases that start with it."""
    by_first: dict[str, list[tuple[str, str, PostKind, float]]] = {}
    for phrase, name, kind, weight in _LEXICON:
        words = _norm(phrase)
        by_first.setdefault(words.split()[0], []).append((f" {words} ", name, kind, weight))
    return by_first, frozenset(by_first)


_BY_FIRST, _TRIGGERS = _build()


def classify_kind(
    text: str, *, is_reply: bool = False, is_repost: bool = False, author: str | None = None,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """The kind of ``text``, a score in [0, 1] and the cues that decided it.

    ``is_reply``/``is_repost`` come from the platform when known; a leading
    @handle (or ".@handle", or "RT @handle") is read as the same thing when they
    are not. ``author`` (a handle or name) lets a repost of praise for the
    author itself count as a pitch.
    """
    stripped = text.strip()
    lower = stripped.lower()
    has_link = "http" in lower or "www." in lower
    body = _URL.sub(" ", lower) if has_link else lower
    tokens = body.translate(_SEPARATORS).split()
    norm = " " + " ".join(tokens) + " "
    evidence: list[Cue] = []
    kinds: list[PostKind] = []

    def add(kind: PostKind, name: str, shown: str, weight: float) -> None:
        kinds.append(kind)
        evidence.append(Cue(name, shown, weight))

    # -- structure: replies, reposts, greetings, self-reference
    leading = stripped.startswith(("@", ".@")) and not _POSSESSIVE.match(stripped)
    reply = is_reply or leading
    first = tokens[0] if tokens else ""
    repost = is_repost or first in _REPOST_MARKS or " rt @" in norm or " mt @" in norm
    if reply and not repost:
        add(_TALK, "reply" if is_reply else "leading_mention", stripped.split(None, 1)[0] if stripped else "", 2.2)
    if repost:
        own = author is not None and author.lower().lstrip("@") in norm
        if own:
            add(_PITCH, "repost_praising_author", author or "", 2.0)
        else:
            add(_OTHERS, "repost_of_others", "RT" if not is_repost else "repost", 1.8)
    if first in _GREETINGS and len(tokens) > 1:
        add(_TALK, "greeting", first, 1.2)

    # -- lexicon: one set intersection, then phrase checks for the few words present
    found = [entry for word in _TRIGGERS.intersection(tokens) for entry in _BY_FIRST[word] if entry[0] in norm]
    if len(found) > 1:  # a phrase shadows the shorter phrases inside it ("sorry to hear" over "sorry")
        found = [entry for entry in found if not any(entry[0] in other[0] and entry is not other for other in found)]
    for phrase, name, kind, weight in found:
        add(kind, name, phrase.strip(), weight)

    if "?" in stripped and not has_link and _WE.isdisjoint(tokens):
        add(_TALK, "question", "?", 0.6)
    price = _PRICE.search(body)
    if price is not None:
        add(_PITCH, "price_or_discount", price.group(0), 1.6)
    elif _PERCENT.search(body):
        add(_INFO, "figure", "%", 0.5)
    if not _WE.isdisjoint(tokens):
        add(_PITCH, "self_reference", "we/our", 0.5)
    if ":" in stripped and not leading and _SPEAKER.match(stripped):
        add(_INFO, "quoted_speaker", stripped.split(":", 1)[0], 1.0)
    if "@" in norm and not reply:
        for verb in _PRESENTING:
            if verb in norm:
                add(_OTHERS, "presenting_someone", verb.strip(), 1.2)
                break
    if " via @" in norm or (" by @" in norm and not repost):
        add(_OTHERS, "credit", "via @", 0.5)
    if has_link:
        add(_INFO, "link", "link", 0.3)

    return _decide(stripped, tokens, evidence, kinds, reply, repost)


def _decide(
    stripped: str, tokens: list[str], evidence: list[Cue], kinds: list[PostKind], reply: bool, repost: bool,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """The kind with the most evidence, its softmax share, and the cues behind it."""
    totals = dict(_PRIOR)
    has_praise = False
    for kind, cue in zip(kinds, evidence, strict=True):
        weight = cue.weight
        if reply and kind is not _TALK:
            # In a reply, selling and thanking are usually part of the exchange.
            weight *= 0.5 if kind is _OTHERS else 0.6
        elif repost and kind is _TALK:
            weight *= 0.3
        totals[kind] += weight
        has_praise = has_praise or cue.name in ("thanks", "congratulations", "praise", "shout_out")
    if has_praise and not reply:
        # Thanking or praising others outweighs the self-promotional words around it ("our", "award").
        totals[_PITCH] -= 0.6
    if not evidence and _content_words(tokens) < 2:
        totals[_OTHER] += 1.5
    best = max(totals, key=totals.__getitem__)
    top = totals[best]
    share = 1.0 / sum(math.exp(value - top) for value in totals.values())
    cues = tuple(sorted((c for k, c in zip(kinds, evidence, strict=True) if k is best), key=lambda c: -c.weight))
    if not cues:
        cues = (Cue("no_cue" if best is _OTHER else "plain_statement", stripped[:40], 0.0),)
    return best, round(share, 4), cues


def _content_words(tokens: list[str]) -> int:
    return sum(1 for token in tokens if not token.startswith("@") and token not in _REPOST_MARKS)
