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
phrase tests only for the phrase openers present, and a handful of substring
tests; regular expressions run only when a cheap test says they can match. The
kind totals are summed as the evidence is found (cues are shared objects built
once, and a post's own cues are made only when its kind wins), the softmax score
of each set of totals is remembered, and ``with_cues=False`` skips the cues.
About 4 µs per post, dominated by the split and the table look-ups.
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
_IMPERATIVES = (
    r"(watch|find out|join|discover|read|follow|take a look|check out|learn|explore|tune in|"
    r"visit|grab|don'?t miss|register|sign up|book|order|shop|buy|download|apply|vote|enter|"
    r"save|reserve|subscribe|treat yourself)\b")
# Two patterns, the first anchored, so that the search can skip ahead to the punctuation.
_IMPERATIVE_FIRST = re.compile(_IMPERATIVES)
_IMPERATIVE = re.compile(r"[.!?:]\s+" + _IMPERATIVES)

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


# Flags set by a token, beside the lexicon's words.
_WE_FLAG, _I_FLAG, _CTA_FLAG = 1, 2, 4

# The lexicon in the order its evidence is counted: longer phrases first (a phrase shadows the words inside it),
# then lexicon order. An entry's number is its place in that order, so sorting numbers sorts entries.
_ORDERED = sorted(range(len(_LEXICON)), key=lambda at: (-len(_LEXICON[at][0]), at))
_PHRASES = tuple(" " + _LEXICON[at][0] for at in _ORDERED)
# Each entry's evidence (cue built once); after them, the courtesy that closing thanks becomes.
_EVIDENCE = (*((_INDEX[kind], Cue(name, phrase, weight)) for phrase, name, kind, weight in
                (_LEXICON[at] for at in _ORDERED)), (_CO, Cue("courtesy", "thanks", 0.6)))
_COURTESY_AT = len(_EVIDENCE) - 1
_PRAISE = frozenset({"thanks", "congratulations", "praise", "shout_out"})
_PRAISING = tuple(kind == _PO and cue.name in _PRAISE for kind, cue in _EVIDENCE)
_THANKS = frozenset(number for number, (_, cue) in enumerate(_EVIDENCE) if cue.name == "thanks")
# The entries that shadow each entry (the longer phrases that hold it), and the entries some phrase can shadow.
# (_PHRASES runs longest first, and no phrase is there twice: only the entries before one can hold it.)
_SHADOWS = tuple(frozenset(other for other in range(number) if phrase in _PHRASES[other])
                 for number, phrase in enumerate(_PHRASES))
_SHADOWED = frozenset(number for number, longer in enumerate(_SHADOWS) if longer)
# Weights by kind: none, in a reply (where selling and thanking are usually part of the exchange), in a repost.
# Kinds a penalty leaves at 1.0 take their weights as they are.
_PENALTIES = ((1.0, 1.0, 1.0, 1.0, 1.0), (0.6, 0.5, 1.0, 1.0, 1.0), (1.0, 1.0, 0.3, 1.0, 1.0))
# Each entry's weight under each penalty, multiplied once here rather than per post.
_WEIGHTS = tuple(tuple(cue.weight * penalty[kind] for kind, cue in _EVIDENCE) for penalty in _PENALTIES)

# A token form's flags, the one-word entries it is, and the phrases it may open (entry number, " phrase").
Found = tuple[int, tuple[int, ...], tuple[tuple[int, str], ...]]


def _build() -> dict[str, Found]:
    """Map every token form to its flags, the one-word entries it is, and the phrases it may open.

    A phrase " a b" can only be in the padded text when the bare token "a" is, so phrases hang on the bare form.
    All forms of a word share one value (built once: this runs at every start); forms of two words that
    coincide add up.
    """
    flags: dict[str, int] = {}
    singles: dict[str, list[int]] = {}
    phrases: dict[str, list[tuple[int, str]]] = {}
    for number, phrase in enumerate(_PHRASES):
        words = phrase.split()
        if len(words) > 1:
            phrases.setdefault(words[0], []).append((number, phrase))
        else:
            singles.setdefault(words[0], []).append(number)
    for flag, group in ((_WE_FLAG, _WE_WORDS), (_I_FLAG, _I_WORDS), (_CTA_FLAG, _CTA_VERBS)):
        for word in group:
            flags[word] = flags.get(word, 0) | flag
    table: dict[str, Found] = {}
    for word in sorted(flags.keys() | singles.keys()):
        value: Found = (flags.get(word, 0), tuple(sorted(singles.get(word, ()))), ())
        for form in _forms(word):
            known = table.get(form)
            table[form] = value if known is None else (
                known[0] | value[0], tuple(sorted({*known[1], *value[1]})), ())
    for word, opened in phrases.items():
        known = table.get(word, (0, (), ()))
        table[word] = (known[0], known[1], tuple(opened))
    return table


_FORMS = _build()
_TOKENS = frozenset(_FORMS)
_LEADING = ("@", ".@")
_SIGN_OFFS = tuple(f"{word}{mark}" for word in ("thanks", "thank you", "thx", "ty", "tia", "thanks in advance")
                   for mark in ("", "!", ".", "!!", " :)", "!!!"))
_QUESTION = (_CO, Cue("question", "?", 0.6))
_PERSONAL = (_CO, Cue("personal_talk", "I/my", 0.6))
_FIGURE = (_IN, Cue("figure", "%", 0.5))
_QUOTATION = (_IN, Cue("quotation", "quote", 0.6))  # someone else's words: what "we" say inside is theirs
_SELF = (_PI, Cue("self_reference", "we/our", 0.4))
_SELF_SELLING = (_PI, Cue("self_reference", "we/our", 0.9))
_VIA = (_PO, Cue("credit", "via @", 0.5))
_LINK = (_IN, Cue("link", "link", 0.3))
_REPOSTED = {mark: Cue("repost_of_others", mark, 2.2) for mark in ("repost", "RT", "MT", "RT:", "MT:")}
_GREETED = {word: (_CO, Cue("greeting", word.rstrip(","), 1.2)) for word in _GREETINGS}
_PRESENTED = {verb: (_PO, Cue("presenting_someone", verb.strip(), 1.2)) for verb in _PRESENTING}
_CURRENCY = re.compile(r"[£€¥₹]")
_WEIGHT = operator.attrgetter("weight")

Evidence = tuple[int, Cue]


def classify_kind(
    text: str, *, is_reply: bool = False, is_repost: bool = False, author: str | None = None,
    with_cues: bool = True,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """The kind of ``text``, a score in [0, 1] and the cues that decided it.

    ``is_reply``/``is_repost`` come from the platform when known; a leading
    @handle (or ".@handle"), or "RT @handle", is read as the same thing when they
    are not. ``author`` (a handle or name) lets a repost of praise for the author
    itself count as a pitch. ``with_cues=False`` returns no cues (an empty tuple),
    for callers that need only the kind and its score; the decision is the same.
    """
    stripped = text.strip()
    lower = stripped.lower()
    return kind_of(stripped, lower, lower.split(), is_reply=is_reply, is_repost=is_repost, author=author,
                   with_cues=with_cues)


def kind_of(
    stripped: str, lower: str, words: list[str], *, is_reply: bool = False, is_repost: bool = False,
    author: str | None = None, with_cues: bool = True,
) -> tuple[PostKind, float, tuple[Cue, ...]]:
    """``classify_kind`` of a text already stripped (``stripped``), lowercased (``lower``) and split (``words``).

    For callers that lowercase and split a post once for several judges.
    """
    ascii_only = lower.isascii()  # O(1): lets the tests for curly quotes and currency signs be skipped
    if not ascii_only and "’" in lower:
        lower = lower.replace("’", "'")
        words = lower.split()
    padded = f" {lower} "
    evidence: list[Evidence] = []
    add = evidence.append

    # -- shape: replies, reposts, greetings. The shape's cue, built only if its kind wins, always leads.
    first = words[0] if words else ""
    leading = first.startswith(_LEADING)
    if leading and "'" in first:
        leading = _POSSESSIVE.match(stripped) is None  # "@shop's new menu…" names, it does not address
    reply = is_reply or leading
    repost = is_repost or first in _REPOST_MARKS or ("t @" in lower and (" rt @" in padded or " mt @" in padded))
    regime = 1 if reply else 2 if repost else 0
    penalty = _PENALTIES[regime]
    totals = [0.0, 0.0, 0.0, 0.5, -0.5]  # the prior: a plain statement is information, "other" needs emptiness
    shape = -1
    own = pitched = False
    if repost:
        handle = author.lower().lstrip("@") if author else ""
        own = bool(handle) and handle in lower
        if own:
            shape = _PI
            totals[_PI] += 2.0 * penalty[_PI]
            pitched = True
        else:
            shape = _PO
            totals[_PO] += 2.2 * penalty[_PO]
    elif reply:
        shape = _CO
        totals[_CO] += 2.2
    if first in _GREETINGS and len(words) > 1:
        add(_GREETED[first])
        totals[_CO] += 1.2 * penalty[_CO]

    # -- lexicon: one set intersection, then phrase checks for the few words present
    flags = 0
    praise = False
    hits = _TOKENS.intersection(words)
    if hits:
        found: list[int] = []
        for form in hits:
            flag, singles, phrases = _FORMS[form]
            flags |= flag
            if singles:
                found += singles
            for number, phrase in phrases:
                if phrase in padded:
                    found.append(number)
        if found:
            if len(found) > 1:  # a phrase shadows the words inside it, and a word seen twice counts once
                found = sorted(set(found))
                if not _SHADOWED.isdisjoint(found):
                    found = [number for number in found if _SHADOWS[number].isdisjoint(found)]
                if not _THANKS.isdisjoint(found) and lower.endswith(_SIGN_OFFS):
                    # "…any ideas? Thanks!": thanks that closes a post is courtesy, not credit
                    found = [number for number in found if number not in _THANKS]
                    found.append(_COURTESY_AT)
            elif found[0] in _THANKS and lower.endswith(_SIGN_OFFS):
                found[0] = _COURTESY_AT
            weights = _WEIGHTS[regime]
            for number in found:
                item = _EVIDENCE[number]
                add(item)
                kind = item[0]
                totals[kind] += weights[number]
                if kind == _PI:
                    pitched = True
                elif _PRAISING[number]:
                    praise = True

    # -- the rest: questions, talk about oneself, prices, calls to act, quotes, speakers, credits, links
    has_link = "http" in lower or "www." in lower
    if "?" in lower and not has_link and not flags & _WE_FLAG:
        add(_QUESTION)
        totals[_CO] += 0.6 * penalty[_CO]
    if flags & _I_FLAG and not has_link:
        add(_PERSONAL)
        totals[_CO] += 0.6 * penalty[_CO]
    if "%" in lower or "$" in lower or (not ascii_only and _CURRENCY.search(lower) is not None):
        price = _PRICE.search(lower)
        if price is not None:
            add((_PI, Cue("price_or_discount", price.group(0), 1.6)))
            totals[_PI] += 1.6 * penalty[_PI]
            pitched = True
        elif "%" in lower and _PERCENT.search(lower):
            add(_FIGURE)
            totals[_IN] += 0.5
    if flags & _CTA_FLAG and not reply:
        imperative = _IMPERATIVE_FIRST.match(lower) or _IMPERATIVE.search(lower)
        if imperative is not None:
            add((_PI, Cue("call_to_action", imperative.group(1), 0.8)))
            totals[_PI] += 0.8 * penalty[_PI]
            pitched = True
    if '"' in lower or (not ascii_only and ("“" in lower or "«" in lower)):
        add(_QUOTATION)
        totals[_IN] += 0.6
    elif flags & _WE_FLAG:
        if pitched:
            add(_SELF_SELLING)
            totals[_PI] += 0.9 * penalty[_PI]
        else:
            add(_SELF)
            totals[_PI] += 0.4 * penalty[_PI]
    if not leading and ":" in stripped and _SPEAKER.match(stripped):
        add((_IN, Cue("quoted_speaker", stripped.split(":", 1)[0], 1.0)))
        totals[_IN] += 1.0
    if " @" in padded:
        if hits and not reply and _presents(padded):
            add(_PRESENTED[next(verb for verb in _PRESENTING if verb in padded)])
            totals[_PO] += 1.2 * penalty[_PO]
        if " via @" in padded or (" by @" in padded and not repost):
            add(_VIA)
            totals[_PO] += 0.5 * penalty[_PO]
    if has_link:
        add(_LINK)
        totals[_IN] += 0.3

    # -- decision: the kind with the most evidence, its softmax share, and the cues behind it
    if own:  # sharing praise of oneself is self-promotion
        totals[_PI] += totals[_PO]
        totals[_PO] = 0.0
    elif praise and not reply:
        totals[_PI] -= 1.0  # thanking or praising others outweighs the self-promotional words around it
    if not evidence and shape < 0 and not _two_content_words(words):
        totals[_OT] += 1.5
    key = tuple(totals)
    decided = _DECIDED.get(key)
    if decided is None:
        decided = _decide(key)
    if not with_cues:
        return decided[0], decided[1], ()
    best = decided[2]
    winners = [cue for kind, cue in evidence if kind == best]
    if len(winners) > 1:
        winners.sort(key=_WEIGHT, reverse=True)
    if shape == best:  # the shape outweighs every other cue
        if shape == _CO:
            winners.insert(0, Cue("reply" if is_reply else "leading_mention", first, 2.2))
        elif shape == _PI:
            winners.insert(0, Cue("repost_praising_author", author or "", 2.0))
        else:
            winners.insert(0, _REPOSTED["repost" if is_repost else first.upper() if first in _REPOST_MARKS else "RT"])
    elif not winners:
        winners.append(Cue("nothing_else" if best == _OT else "plain_statement", stripped[:40], 0.0))
    return decided[0], decided[1], tuple(winners)


# (kind, rounded score, kind index) for each set of totals seen: a few thousand sets cover almost every post.
_DECIDED: dict[tuple[float, ...], tuple[PostKind, float, int]] = {}


def _decide(totals: tuple[float, ...]) -> tuple[PostKind, float, int]:
    """The kind with the most evidence and its softmax share, remembered for the next post with these totals."""
    top = max(totals)
    exp = math.exp
    share = 1.0 / (exp(totals[0] - top) + exp(totals[1] - top) + exp(totals[2] - top) + exp(totals[3] - top)
                   + exp(totals[4] - top))
    best = totals.index(top)
    decided = _KINDS[best], round(share, 4), best
    if len(_DECIDED) >= 8192:
        _DECIDED.clear()
    _DECIDED[totals] = decided
    return decided


def _presents(padded: str) -> bool:
    """Whether a presenting verb ("thanks", "meet", "go check out", …) comes right before an @handle."""
    at = padded.find(" @")
    while at >= 0:
        if padded.endswith(_PRESENTING, 0, at + 2):
            return True
        at = padded.find(" @", at + 2)
    return False


def _two_content_words(words: list[str]) -> bool:
    """Whether at least two words are neither handles, hashtags nor links."""
    seen = False
    for word in words:
        if word[:1] not in "@#" and not word.startswith("http"):
            if seen:
                return True
            seen = True
    return False
