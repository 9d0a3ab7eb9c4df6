"""The kind of a post: pitch, promoting others, conversation, information, other.

A transparent cue-weighted scorer. Each kind gathers evidence from small
lexicons of words and phrases taken from the labelling guideline (calls to buy,
book, sign up or attend, offers and prices, self-congratulation; thanks,
congratulations, shout-outs, reposts and credits; replies, greetings, apologies,
questions to a person; news, reports, studies, tips, quotes, links without a
sell) and from the post's shape (a leading @handle is a reply, "RT @x" a
repost). The kind with the most evidence wins; its score is its softmax share of
the evidence, and its cues are the evidence that decided it.

Cost: one lower-casing, one whitespace split, one set intersection against a
table of every cue word (with the punctuation and hashtag forms it appears in),
and a handful of substring tests; regular expressions run only when a cheap test
says they can match. A few microseconds per post.
"""

from __future__ import annotations

import math
import operator
import re

from .model import Cue, PostKind

_PITCH = PostKind.PITCH
_OTHERS = PostKind.PROMOTING_OTHERS
_TALK = PostKind.CONVERSATION
_INFO = PostKind.INFORMATION
_OTHER = PostKind.OTHER
_KINDS = (_PITCH, _OTHERS, _TALK, _INFO, _OTHER)
_INDEX = {kind: index for index, kind in enumerate(_KINDS)}
_PI, _PO, _CO, _IN, _OT = range(5)  # indices into _KINDS

# Evidence every kind starts with: a plain statement is information; ``other``
# wins only when a post holds almost nothing.
_PRIOR = (0.0, 0.0, 0.0, 0.5, -0.5)

_PRICE = re.compile(r"[$£€¥₹]\s?\d+|\d+\s?%\s?off\b")
_PERCENT = re.compile(r"\d\s?%")
_POSSESSIVE = re.compile(r"\.?@\w+['’]s\b")
_SPEAKER = re.compile(r"^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}\s?:\s")
# A call to act: an imperative that opens the post or a sentence ("Watch…", "Join us…", "Order now").
_CTA_VERBS = (
    "watch", "find", "join", "discover", "read", "follow", "take", "check", "learn", "explore", "tune", "visit",
    "grab", "don't", "register", "sign", "book", "order", "shop", "buy", "download", "apply", "vote", "enter",
    "save", "reserve", "subscribe", "treat")
_IMPERATIVE = re.compile(
    r"(?:^|[.!?:]\s+)(watch|find out|join|discover|read|follow|take a look|check out|learn|explore|tune in|"
    r"visit|grab|don'?t miss|register|sign up|book|order|shop|buy|download|apply|vote|enter|"
    r"save|reserve|subscribe|treat yourself)\b")

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
    ("order", "call_to_buy", _PITCH, 0.8), ("orders", "call_to_buy", _PITCH, 0.5),
    ("preorder", "call_to_buy", _PITCH, 1.2),
    ("pre-order", "call_to_buy", _PITCH, 1.2), ("order now", "call_to_buy", _PITCH, 1.0),
    ("buy", "call_to_buy", _PITCH, 0.8), ("shop", "call_to_buy", _PITCH, 0.7), ("shop now", "call_to_buy", _PITCH, 1.0),
    ("book", "call_to_book", _PITCH, 0.5), ("book now", "call_to_book", _PITCH, 1.2),
    ("booking", "call_to_book", _PITCH, 1.0),
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
    ("don't miss", "call_to_attend", _PITCH, 1.0), ("see you there", "call_to_attend", _PITCH, 1.0),
    ("call us", "call_to_buy", _PITCH, 1.0), ("call now", "call_to_buy", _PITCH, 1.2),
    ("link in bio", "call_to_buy", _PITCH, 1.2), ("dm to order", "call_to_buy", _PITCH, 1.5),
    ("check out our", "own_offer", _PITCH, 1.2), ("try our", "own_offer", _PITCH, 1.2),
    ("our new", "own_offer", _PITCH, 0.8),
    ("now open", "own_offer", _PITCH, 1.2), ("grand opening", "own_offer", _PITCH, 1.2),
    ("we're open", "own_offer", _PITCH, 1.2), ("we are open", "own_offer", _PITCH, 1.2),
    ("open today", "own_offer", _PITCH, 0.8), ("available now", "own_offer", _PITCH, 1.0),
    ("now available", "own_offer", _PITCH, 1.0), ("in stock", "own_offer", _PITCH, 1.0),
    ("back in stock", "own_offer", _PITCH, 0.5), ("new menu", "own_offer", _PITCH, 1.0),
    ("specials", "own_offer", _PITCH, 0.8), ("menu", "own_offer", _PITCH, 0.5),
    ("launch", "own_launch", _PITCH, 0.6), ("launches", "own_launch", _PITCH, 0.8),
    ("launched", "own_launch", _PITCH, 0.6),
    ("launching", "own_launch", _PITCH, 0.8), ("introducing", "own_launch", _PITCH, 1.0),
    ("we're hiring", "jobs", _PITCH, 1.4), ("now hiring", "jobs", _PITCH, 1.4), ("hiring", "jobs", _PITCH, 0.8),
    ("join our team", "jobs", _PITCH, 1.4), ("vacancies", "jobs", _PITCH, 1.0), ("vacancy", "jobs", _PITCH, 1.0),
    ("career", "jobs", _PITCH, 0.5), ("careers", "jobs", _PITCH, 0.7), ("opportunities", "jobs", _PITCH, 0.4),
    ("proud to", "self_congratulation", _PITCH, 1.2), ("proud", "self_congratulation", _PITCH, 0.8),
    ("proudly", "self_congratulation", _PITCH, 1.0),
    ("we're proud", "self_congratulation", _PITCH, 0.6), ("we are proud", "self_congratulation", _PITCH, 0.6),
    ("honored to", "self_congratulation", _PITCH, 1.2), ("honoured to", "self_congratulation", _PITCH, 1.2),
    ("delighted to", "self_congratulation", _PITCH, 1.0), ("thrilled to", "self_congratulation", _PITCH, 1.0),
    ("excited to", "self_congratulation", _PITCH, 1.0), ("pleased to", "self_congratulation", _PITCH, 0.8),
    ("happy to announce", "self_congratulation", _PITCH, 1.0),
    ("wins", "award", _PITCH, 1.0), ("won", "award", _PITCH, 0.8), ("win", "award", _PITCH, 0.5),
    ("award", "award", _PITCH, 0.8), ("awards", "award", _PITCH, 0.8), ("awarded", "award", _PITCH, 0.6),
    ("winner", "award", _PITCH, 0.3),
    ("voted", "award", _PITCH, 0.5), ("best in", "award", _PITCH, 0.5), ("named best", "award", _PITCH, 1.0),
    ("sponsor", "sponsorship", _PITCH, 0.6), ("sponsors", "sponsorship", _PITCH, 0.6),
    ("sponsored", "sponsorship", _PITCH, 0.5), ("sponsoring", "sponsorship", _PITCH, 0.7),
    ("sponsorship", "sponsorship", _PITCH, 0.6), ("exclusive", "offer", _PITCH, 0.6),
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
    ("shout out", "shout_out", _OTHERS, 2.0), ("shoutout", "shout_out", _OTHERS, 2.0),
    ("props to", "praise", _OTHERS, 1.6),
    ("hats off", "praise", _OTHERS, 1.6), ("big up", "praise", _OTHERS, 1.2), ("bravo", "praise", _OTHERS, 1.4),
    ("well done", "praise", _OTHERS, 1.6), ("great job", "praise", _OTHERS, 1.6),
    ("great work", "praise", _OTHERS, 1.6),
    ("good work", "praise", _OTHERS, 1.4), ("nice work", "praise", _OTHERS, 1.6),
    ("amazing work", "praise", _OTHERS, 1.6),
    ("good job", "praise", _OTHERS, 1.4), ("keep up", "praise", _OTHERS, 0.8), ("great photo", "praise", _OTHERS, 1.6),
    ("nice pic", "praise", _OTHERS, 1.6), ("great pic", "praise", _OTHERS, 1.6), ("love this", "praise", _OTHERS, 1.0),
    ("what a team", "praise", _OTHERS, 1.6), ("good luck", "praise", _OTHERS, 1.2), ("applaud", "praise", _OTHERS, 1.6),
    ("proud of", "praise", _OTHERS, 1.4),
    ("so proud of", "praise", _OTHERS, 0.4), ("highly recommend", "endorsing", _OTHERS, 2.0),
    ("recommend", "endorsing", _OTHERS, 1.2), ("go check out", "endorsing", _OTHERS, 1.4),
    ("support local", "endorsing", _OTHERS, 1.4), ("shop local", "endorsing", _OTHERS, 1.2),
    ("see how", "sharing_others_work", _OTHERS, 1.0), ("meet", "sharing_others_work", _OTHERS, 0.5),
    ("help", "sharing_others_work", _OTHERS, 0.3), ("h/t", "credit", _OTHERS, 1.4), ("hat tip", "credit", _OTHERS, 1.4),
    ("courtesy of", "credit", _OTHERS, 1.2), ("photo by", "credit", _OTHERS, 1.4), ("ff", "shout_out", _OTHERS, 1.6),
    ("followfriday", "shout_out", _OTHERS, 2.0), ("giving back", "praise", _OTHERS, 0.6),
    # -- conversation: direct exchange, customer care, social talk
    ("sorry to hear", "care", _TALK, 2.0), ("so sorry", "care", _TALK, 1.2), ("sorry", "care", _TALK, 1.0),
    ("apologies", "care", _TALK, 1.4), ("apologise", "care", _TALK, 1.4), ("apologize", "care", _TALK, 1.4),
    ("dm us", "care", _TALK, 1.8), ("dm me", "care", _TALK, 1.6), ("please dm", "care", _TALK, 1.6),
    ("email us", "care", _TALK, 1.0), ("send us", "care", _TALK, 0.8), ("let us know", "care", _TALK, 1.0),
    ("let me know", "care", _TALK, 1.0), ("we'll sort", "care", _TALK, 1.4), ("look into", "care", _TALK, 1.0),
    ("reaching out", "care", _TALK, 1.0), ("get back to you", "care", _TALK, 1.4), ("hope", "social", _TALK, 0.5),
    ("glad", "social", _TALK, 0.6), ("lol", "social", _TALK, 1.4), ("haha", "social", _TALK, 1.4),
    ("hahaha", "social", _TALK, 1.4), ("omg", "social", _TALK, 1.0), ("you're welcome", "social", _TALK, 1.6),
    ("no problem", "social", _TALK, 1.2), ("good morning", "social", _TALK, 1.2), ("good night", "social", _TALK, 1.2),
    ("happy birthday", "social", _TALK, 1.4), ("how are you", "social", _TALK, 1.6), ("miss you", "social", _TALK, 1.4),
    ("what's your", "question_to_reader", _TALK, 1.0), ("what do you", "question_to_reader", _TALK, 1.0),
    ("do you", "question_to_reader", _TALK, 0.6), ("have you", "question_to_reader", _TALK, 0.6),
    ("did you", "question_to_reader", _TALK, 0.8), ("are you", "question_to_reader", _TALK, 0.6),
    ("anyone", "question_to_reader", _TALK, 0.6),
    # -- information: news, reports, studies, tips, statements
    ("says", "reported_speech", _INFO, 0.9), ("said", "reported_speech", _INFO, 0.6),
    ("according to", "reported_speech", _INFO, 1.0), ("asks", "reported_speech", _INFO, 0.8),
    ("report", "report", _INFO, 0.6), ("reports", "report", _INFO, 0.6),
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
    ("explores", "commentary", _INFO, 0.8), ("examines", "commentary", _INFO, 0.8),
    ("looks at", "commentary", _INFO, 0.8),
    ("talks about", "commentary", _INFO, 0.6), ("talking about", "commentary", _INFO, 0.6),
    ("blog", "commentary", _INFO, 0.4),
)

_WE_WORDS = ("we", "our", "us", "ours", "we're", "we've", "we'll", "we'd", "let's")
_I_WORDS = ("i", "i'm", "im", "my", "me", "i've", "i'll", "i'd", "mine")
_GREETINGS = frozenset({"hi", "hey", "hello", "dear", "hiya", "hi,", "hey,", "hello,", "dear,"})
_REPOST_MARKS = frozenset({"rt", "mt", "rt:", "mt:"})
# Pointing readers at another party's handle: sharing, thanking or recommending them.
_PRESENTING = tuple(f" {verb} @" for verb in (
    "see how", "meet", "help", "support", "thanks", "thank you", "thank you to", "thanks to", "congrats",
    "congratulations to", "congratulations", "check out", "go check out", "follow", "shout out to", "shoutout to",
    "kudos to", "props to", "welcome", "well done", "love", "recommend", "go see"))
_PUNCT = ("", ",", ".", "!", "?", ":", ";", "!!", "!!!", "...", ")", "'", '"', "'s", "’s", "-")


def _forms(word: str) -> list[str]:
    """The whitespace-split tokens in which ``word`` shows: bare, hashtag, quoted, with trailing punctuation."""
    stems = (word, "#" + word, "(" + word, '"' + word, "'" + word, "“" + word)
    return [stem + mark for stem in stems for mark in _PUNCT]


# Flags set by a token, beside the lexicon's words (which are tagged by themselves).
_WE_FLAG, _I_FLAG, _CTA_FLAG = "<we>", "<i>", "<cta>"


Entry = tuple[str, int, Cue, bool]  # " phrase", kind index, its cue, whether it is several words


def _build() -> tuple[dict[str, tuple[str, ...]], dict[str, list[Entry]]]:
    """Map every token form to its tags; index lexicon entries (cues built once) by their first word."""
    tags: dict[str, set[str]] = {}
    by_first: dict[str, list[Entry]] = {}
    for phrase, name, kind, weight in _LEXICON:
        first = phrase.split()[0]
        by_first.setdefault(first, []).append((" " + phrase, _INDEX[kind], Cue(name, phrase, weight), " " in phrase))
        for form in _forms(first):
            tags.setdefault(form, set()).add(first)
    for flag, words in ((_WE_FLAG, _WE_WORDS), (_I_FLAG, _I_WORDS), (_CTA_FLAG, _CTA_VERBS)):
        for word in words:
            for form in _forms(word):
                tags.setdefault(form, set()).add(flag)
    for entries in by_first.values():  # longer phrases first: a phrase shadows the words inside it
        entries.sort(key=lambda entry: -len(entry[0]))
    return {form: tuple(sorted(found)) for form, found in tags.items()}, by_first


_TAGS, _BY_FIRST = _build()
_TOKENS = frozenset(_TAGS)
_REPLY_PENALTY = (0.6, 0.5, 1.0, 1.0, 1.0)  # in a reply, selling and thanking are usually part of the exchange
_REPOST_PENALTY = (1.0, 1.0, 0.3, 1.0, 1.0)
_NO_PENALTY = (1.0, 1.0, 1.0, 1.0, 1.0)
_WEIGHT = operator.attrgetter("weight")
_SIGN_OFFS = tuple(f"{word}{mark}" for word in ("thanks", "thank you", "thx", "ty", "tia", "thanks in advance")
                   for mark in ("", "!", ".", "!!", " :)", "!!!"))
_COURTESY = Cue("courtesy", "thanks", 0.6)
_PRAISE = frozenset({"thanks", "congratulations", "praise", "shout_out"})
_QUESTION = Cue("question", "?", 0.6)
_PERSONAL = Cue("personal_talk", "I/my", 0.6)
_FIGURE = Cue("figure", "%", 0.5)
_QUOTATION = Cue("quotation", "quote", 0.6)  # someone else's words: what "we" say inside is theirs
_SELF = Cue("self_reference", "we/our", 0.4)
_SELF_SELLING = Cue("self_reference", "we/our", 0.9)
_VIA = Cue("credit", "via @", 0.5)
_LINK = Cue("link", "link", 0.3)
_PRESENTING_CUES = {verb: Cue("presenting_someone", verb.strip(), 1.2) for verb in _PRESENTING}

Evidence = tuple[int, Cue]


def classify_kind(
    text: str, *, is_reply: bool = False, is_repost: bool = False, author: str | None = None,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """The kind of ``text``, a score in [0, 1] and the cues that decided it.

    ``is_reply``/``is_repost`` come from the platform when known; a leading
    @handle (or ".@handle"), or "RT @handle", is read as the same thing when they
    are not. ``author`` (a handle or name) lets a repost of praise for the author
    itself count as a pitch.
    """
    stripped = text.strip()
    lower = stripped.lower()
    if "’" in lower:
        lower = lower.replace("’", "'")
    words = lower.split()
    padded = f" {lower} "
    evidence: list[Evidence] = []
    add = evidence.append

    # -- shape: replies, reposts, greetings
    first = words[0] if words else ""
    leading = first[:1] == "@" or first[:2] == ".@"
    if leading and "'" in first:
        leading = _POSSESSIVE.match(stripped) is None  # "@shop's new menu…" names, it does not address
    reply = is_reply or leading
    repost = is_repost or first in _REPOST_MARKS or " rt @" in padded or " mt @" in padded
    own = False
    if repost:
        handle = author.lower().lstrip("@") if author else ""
        own = bool(handle) and handle in lower
        if own:
            add((_PI, Cue("repost_praising_author", author or "", 2.0)))
        else:
            mark = "repost" if is_repost else first.upper() if first in _REPOST_MARKS else "RT"
            add((_PO, Cue("repost_of_others", mark, 2.2)))
    elif reply:
        add((_CO, Cue("reply" if is_reply else "leading_mention", first, 2.2)))
    if first in _GREETINGS and len(words) > 1:
        add((_CO, Cue("greeting", first.rstrip(","), 1.2)))

    # -- lexicon: one set intersection, then phrase checks for the few words present
    we = i = cta = False
    hits = _TOKENS.intersection(words)
    if hits:
        found: list[Entry] = []
        for form in hits:
            for tag in _TAGS[form]:
                if tag == _WE_FLAG:
                    we = True
                elif tag == _I_FLAG:
                    i = True
                elif tag == _CTA_FLAG:
                    cta = True
                else:
                    for entry in _BY_FIRST[tag]:
                        if not entry[3] or entry[0] in padded:
                            found.append(entry)
        if len(found) > 1:  # a phrase shadows the words inside it, and a word seen twice counts once
            found.sort(key=_phrase_length, reverse=True)
            kept: list[str] = []
            for phrase, kind, cue, _ in found:
                if not any(phrase in longer for longer in kept):
                    kept.append(phrase)
                    add((kind, cue))
        elif found:
            add((found[0][1], found[0][2]))
        if lower.endswith(_SIGN_OFFS) and any(cue.name == "thanks" for _, cue in evidence):
            # "…any ideas? Thanks!": thanks that closes a post is courtesy, not credit
            evidence[:] = [item for item in evidence if item[1].name != "thanks"]
            add((_CO, _COURTESY))

    has_link = "http" in lower or "www." in lower
    if "?" in lower and not has_link and not we:
        add((_CO, _QUESTION))
    if i and not has_link:
        add((_CO, _PERSONAL))
    if "$" in lower or "£" in lower or "€" in lower or "%" in lower or "¥" in lower or "₹" in lower:
        price = _PRICE.search(lower)
        if price is not None:
            add((_PI, Cue("price_or_discount", price.group(0), 1.6)))
        elif _PERCENT.search(lower):
            add((_IN, _FIGURE))
    if cta and not reply:
        imperative = _IMPERATIVE.search(lower)
        if imperative is not None:
            add((_PI, Cue("call_to_action", imperative.group(1), 0.8)))
    if '"' in lower or "“" in lower or "«" in lower:
        add((_IN, _QUOTATION))
    elif we:
        pitched = False
        for item in evidence:
            if item[0] == _PI:
                pitched = True
                break
        add((_PI, _SELF_SELLING if pitched else _SELF))
    if not leading and ":" in stripped and _SPEAKER.match(stripped):
        add((_IN, Cue("quoted_speaker", stripped.split(":", 1)[0], 1.0)))
    if hits and not reply and "@" in lower:
        for verb in _PRESENTING:
            if verb in padded:
                add((_PO, _PRESENTING_CUES[verb]))
                break
    if " via @" in padded or (" by @" in padded and not repost):
        add((_PO, _VIA))
    if has_link:
        add((_IN, _LINK))
    return _decide(stripped, words, evidence, reply, repost, own)


def _decide(
    stripped: str, words: list[str], evidence: list[Evidence], reply: bool, repost: bool, own: bool = False,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """The kind with the most evidence, its softmax share, and the cues behind it."""
    totals = list(_PRIOR)
    penalty = _REPLY_PENALTY if reply else _REPOST_PENALTY if repost else _NO_PENALTY
    praise = False
    for kind, cue in evidence:
        totals[kind] += cue.weight * penalty[kind]
        if kind == _PO and cue.name in _PRAISE:
            praise = True
    if own:  # sharing praise of oneself is self-promotion
        totals[_PI] += totals[_PO]
        totals[_PO] = 0.0
    elif praise and not reply:
        totals[_PI] -= 1.0  # thanking or praising others outweighs the self-promotional words around it
    if not evidence and _content_words(words) < 2:
        totals[_OT] += 1.5
    top = max(totals)
    best = totals.index(top)
    exp = math.exp
    share = 1.0 / (exp(totals[0] - top) + exp(totals[1] - top) + exp(totals[2] - top) + exp(totals[3] - top)
                   + exp(totals[4] - top))
    winners = [cue for kind, cue in evidence if kind == best]
    if len(winners) > 1:
        winners.sort(key=_WEIGHT, reverse=True)
    elif not winners:
        winners.append(Cue("nothing_else" if best == _OT else "plain_statement", stripped[:40], 0.0))
    return _KINDS[best], round(share, 4), tuple(winners)


def _phrase_length(entry: Entry) -> int:
    return len(entry[0])


def _content_words(words: list[str]) -> int:
    return sum(1 for word in words if word[:1] not in "@#" and not word.startswith("http"))
