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

from .model import Cue, Endorsement, Request
from .names import BUSINESS, COMMON, PLACE_TYPES, Name, candidates, distinct, proper, words_of
from .taxonomy import TERMS, category_of
from .text import singular, wordset

MIN_SCORE = 0.5
_BIAS = -2.0


# -- patterns -----------------------------------------------------------------------------------

_F = re.IGNORECASE
# A fast test for posts outside a request thread (case variants as they occur): no cue, no endorsement.
# Its first stage: keys that start with rarer letters, so the scan skips most positions (~1 µs a tweet).
_QUICK = re.compile(
    r"mend|MEND|ghly|GHLY|ut.?out|kudos|Kudos|KUDOS|void|VOID|worst|Worst|WORST|y away|ver again|verpriced|p.?off|"
    r"ks to|go to |Go to |GO TO |y [A-HJ-Z@]|Y [A-HJ-Z@]|k out|best|BEST|Best|go-to|'d call|would call|ustomers to|"
    r"patients to|guests to")  # ("sent you", "clients to", "friends to" are tested apart: no rare first letter)
_PREFILTER = re.compile(
    r"mmend|omend|MMEND|ighly|hout.?out|udos|void|orst|tay away|ever again|verpriced|ip.?off|hanks to|"
    r"o to [A-Z@]|ry [A-HJ-Z@]|heck out|he best|est [a-z]+ in town|go-to|(?i:sent you|'d call|would call|"
    r"(?:customers|clients|patients|guests|friends) to)")
_REC_VERB = re.compile(
    r"\b(?:(?:highly\s+|would\s+|i\s+)?recomm?end(?:ed)?|reccomm?end|suggest(?:\s+(?:you|u))?(?:\s+(?:buy|get|try|go\s+to|use))?|"
    r"try|go\s+to|goto|go\s+for|went\s+to|visit(?:ed)?|call|contact|check(?:\s+out|\s+with|\s+in|\s+at)?|use|using|"
    r"ask\s+for|look\s+for|head\s+to|prefer|shout\s*-?\s*out\s+to|thanks?\s+to|kudos\s+to|props\s+to|buy|"
    r"stick\s+with|book\s+with|stay\s+(?:at|in)|take\s+(?:\w+\s+){0,2}to|put\s+my\s+money\s+on|"
    r"delivered\s+(?:at|in)|(?:be\s+)?found\s+(?:in|at)|bought\s+(?:it\s+|mine\s+|one\s+)?(?:from|at|in)|got\s+(?:it\s+|mine\s+|one\s+|my\s+\w+\s+)?"
    r"(?:from|at)|available\s+(?:at|in)|sold\s+(?:at|in)|find\s+(?:it|them|one)?\s*(?:at|in)|get\s+(?:it|them|one)"
    r"\s+(?:at|in|from)|order\s+(?:\w+\s+)?(?:from|at|on))\s+"
    r"(?:the\s+|a\s+|an\s+|at\s+|to\s+|with\s+|in\s+|out\s+|(?:mr|mrs|ms|dr)\.?\s+)?$", _F)
_NOT_ADVICE = re.compile(
    r"\b(?:how|where|when|want|wanted|need|going|trying|plan(?:ning)?|used|like|love|wish|hope|hoping)\s+to\s+\S+"
    r"(?:\s+to)?\s*$", _F)
_LANDMARK = re.compile(
    r"\b(?:near(?:\s+to)?|nr|behind|opposite(?:\s+to)?|opp|next\s+(?:door\s+)?to|beside|besides|after|before|"
    r"towards|in\s+front\s+of|along|down|off|across(?:\s+from)?|close\s+to|facing|adjacent\s+to|between|"
    r"coming\s+from|on\s+the\s+way\s+to|on|by)\s+(?:the\s+)?$", _F)
_STRONG_VERB = re.compile(r"recomm?end|suggest|thank|shout|kudos|props|check\s+out|avoid|prefer|"
                          r"(?:customers|clients|patients|guests|friends)\s+to", _F)
_CLAUSE_START = re.compile(
    r"(?:^|[.!?,;:\n|]|\b(?:just|definitely|defs|def|pls|please|plz|should|must|gotta|then|and|so|always|really))\s*$",
    _F)
_CAP_WORD = r"(?:[A-Z][\w'&\-]*|[0-9]+)"
_NAME_RE = r"(@\w{1,30}|" + _CAP_WORD + r"(?:[ \t]+(?:(?:of|the|de|al|and|&|n)[ \t]+)?" + _CAP_WORD + r")*)"
_VERB_NAME = re.compile(
    r"\b((?i:(?:highly\s+)?recomm?end(?:ed|ing)?|reccomm?end|suggest|try|go\s+to|check\s+out|visit|use|call|thanks?\s+to|"
    r"shout\s*-?\s*out\s+to|kudos\s+to|props\s+to|avoid|stay\s+away\s+from|never\s+(?:again\s+)?(?:use|go\s+to)|"
    # sending one's own customers somewhere is a standing referral: "we send all our customers to @x"
    r"(?:send|refer)\s+(?:all\s+)?(?:of\s+)?(?:our|my)\s+(?:customers|clients|patients|guests|friends)\s+to))"
    # the people behind a provider, between the verb and its name: "shout-out to our neighbors at @x"
    r"\s+(?i:(?:our|my)\s+(?:\w+\s+)?(?:neighbou?rs|friends|pals|mates)\s+(?:over\s+)?(?:at|from)\s+|"
    r"the\s+(?:\w+\s+)?(?:folks|team|crew|people|gang)\s+(?:over\s+)?(?:at|from)\s+)?"
    r"(?:(?i:the)\s+)?" + _NAME_RE)
# Where _VERB_NAME may start (in the lowercased text): literal keys, so a scan is cheap.
_VERB_AT = re.compile(
    r"highly|rec|suggest|try|go|check|visit|use|call|thank|shout|kudos|props|avoid|stay|never|send|refer")
_NAME_VERDICT = re.compile(
    _NAME_RE + r"\s+(?:is|are|was|were)\s+(?:(?:so|really|truly|simply|just|by\s+far)\s+)?((?:the\s+)?(?:best|worst|"
    r"awesome|amazing|excellent|fantastic|outstanding|terrible|horrible|awful|a\s+rip\s*-?off|overpriced)\b|"
    # whom the writer would send you to: "@x is who we'd call", "Y's is who I'd use"
    r"(?i:who\s+(?:i|we)(?:'d|\s+would)\s+(?:call|use|go\s+to|hire|book|send\s+you\s+to|recommend)))")
# A referral said outright ("tell them we sent you"): then a mild verdict on a name vouches for it too.
_REFERRED = re.compile(r"\b(?:tell|let)\s+(?:them|him|her)\s+(?:know\s+)?(?:i|we)\s+sent\s+you\b", _F)
_NAME_MILD = re.compile(
    _NAME_RE + r"\s+(?:is|are)\s+(?:(?:so|really|truly|just)\s+)?((?i:great|good|brilliant|wonderful|lovely|terrific"
    r"|the\s+real\s+deal)\b)")
# What a provider is recommended for, said before it: "If you need taxes, @x is who we'd call."
_IF_NEED = re.compile(
    r"\bif\s+(?:you|u)(?:'re|\s+are)?\s+(?:ever\s+)?(?:need|want|looking\s+for)\s+(?:(?:a|an|some|the)\s+)?"
    r"([a-z][a-z' -]{1,40}?)\s*[,.;:]", _F)
_PRONOUNS = wordset("i im you we he she it they my our your his her their this that these those there")
_STRONG_EXTRA = re.compile(r"highly|recomm?end|can'?t\s+recommend|go-to|10/10|five\s+stars|5\s+stars|thanks?\s+to", _F)
_BAD_VERDICT = re.compile(r"worst|terrible|horrible|awful|bad|overpriced|suck", _F)
_JOKING = re.compile(
    r"\b(?:lol|a?(?:ha){2,}\w*|he+h+e+\w*|(?:hi){2,}|lmao|rofl)\b|(?<!not )(?<!no )\b(?:kidding|joking|jk)\b|"
    r"[:;]-?[0o]?p\b|;-?\)", _F)
_POSITIVE = re.compile(
    # "best" in a wish or a sign-off ("all the best", "hope for the best", "best of luck") judges nothing
    r"(?<!all the )(?<!for the )(?<!do my )(?<!do your )\bbest(?! of luck| regards| wishes)\b|"
    r"\b(?:excellent|great|good|nice|lovely|amazing|awesome|fantastic|brilliant|superb|"
    r"professional|reliable|trusted|helpful|friendly|recommend\w*|reasonable|cheap(?:est)?|happy|"
    r"satisfied|love(?:d)?|liked|perfect|wonderful|safe|fav(?:ou?rite)?|worth|prefer|rocks?|kind)\b"
    r"|\b(?:i|we|they|kids|everyone|everybody)\s+(?:really\s+|also\s+|all\s+|just\s+)?like\b", _F)
_NEGATIVE = re.compile(
    r"\b(?:worst|avoid|stay\s+away|never\s+(?:again|go|use|went|trust)|don'?t\s+(?:go|use|trust|bother)|"
    r"horrible|horrendous|terrible|awful|sucks?|rip(?:ped)?\s*-?off|overpriced|scam\w*|"
    r"not\s+(?:recommended|good|worth)|(?:wouldn'?t|would\s+not|do\s+not|don'?t)\s+recommend|"
    r"hopeless|pathetic|rude|disappoint\w*|waste\s+of|unprofessional|cheated|fraud)\b", _F)
_EVAL_AFTER = re.compile(
    r"^[\s,\-:]*(?:\(.*?\)\s*)?(?:is|are|was|were|has|have|'s|=)?\s*(?:always\s+|also\s+|really\s+|very\s+|so\s+|"
    r"quite\s+|the\s+|a\s+|too\s+|pretty\s+|just\s+|simply\s+|one\s+of\s+the\s+)*"
    r"(?:best|excellent|great|good|nice|lovely|amazing|awesome|fantastic|brilliant|superb|cheap|reasonable|"
    r"safe|reliable|professional|perfect|cool|worst|terrible|horrible|awful|bad|overpriced|rocks?|sucks?)\b", _F)
_EXPERIENCE = re.compile(
    r"\b(?:i|we|my\s+\w+)\s+(?:have\s+|had\s+|always\s+|also\s+|just\s+)?(?:use|used|go|went|bought|got|get|"
    r"stayed|delivered|took|take|tried|been|liked?|loved?|graduated|saw|seen|found)\b|\bi'?ve\s+(?:been|used|tried|seen)\b",
    _F)
_AVAILABLE = re.compile(
    r"\b(?:(?:you|u)\s+(?:can|could|will|may|might|should)\s+(?:get|find|buy|try|go|visit|call|see|check)|available|"
    r"sells?|they\s+(?:have|sell|do|offer|carry|are)|there\s+(?:is|are)|offers?(?!\s*\d)|located|i\s+saw)\b", _F)
_SELF_PROMO = re.compile(
    r"\b(?:(?:contact|call|pm|email|e-mail|message|whatsapp|inbox|text)\s+me|we\s+(?:offers?|provide|sell|deliver|"
    r"specialize|specialise|can\s+arrange|arrange)|(?:our|my)\s+(?:company|shop|store|showroom|services?|team|clinic|"
    r"products?|instructors|rates|prices|website|site|blog|channel|office)|make\s+a\s+website|i\s+(?:can|will)\s+(?:teach|provide|arrange|sell|"
    r"give(?!\s+(?:you|u)\s+(?:the\s+)?(?:\w+\s+)?(?:location|address|directions?|number|contact|details|name|link))|"
    r"take\s+care))\b", _F)
_ASK_BACK = re.compile(
    r"\b(?:(?:please|pls|plz|pl|kindly)\s+(?:guide|tell|help|advise|let\s+me\s+know)|(?:some|any)\s*(?:one|body)\s+"
    r"(?:advise|tell|know)|any\s+(?:feedback|idea|info)|how\s+(?:to|do|can)\s+i|(?:guide|tell|help)\s+me|"
    r"how\s+(?:to|can\s+i|do\s+i)\s+(?:contact|reach|find|get\s+to))\b", _F)
_VOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:hi|hello|hey|dear|thanks?|thank\s+you|thx|sorry|ok|lol|let\s+me\s+know|ignore|happy\s+to\s+help"
    r"|glad\s+to\s+help|good\s+luck|welcome|no\s+problem|of\s+course|great\s+question)"
    r"(?:\s+(?:a\s+lot|so\s+much|again|very\s+much))?\s*,?\s*)$", _F)
_ASK = re.compile(
    r"\b(?:any(?:one|body)?\s+(?:know|recommend|suggest|idea|ideas|good|decent|suggestions?|recommendations?)|"
    r"looking\s+for|recomm?end|suggest|advi[sc]e|where\s+(?:can|to|do|should|is|are|could)|"
    r"which\s+(?:is|one|are|\w+\s+(?:is|are|would|should))|need\s+(?:a|an|some)|please\s+(?:help|tell|let)|"
    r"know\s+(?:of\s+)?(?:a|an|any)|wh?at(?:\s+is|'s)\s+(?:the\s+best|a\s+good)|who\s+(?:do|does|can|is))\b", _F)
_SOUGHT = re.compile(
    r"\b(?:(?:know|recommend|suggest)\s+(?:of\s+)?(?:(?:a|an|any|some|the)\b)?|looking\s+for\s+(?:(?:a|an|some|the)\b)?|"
    r"need\s+(?:a|an|some)|(?:where|how)\s+(?:can|could|do|should)\s+(?:i|we|you)\s+(?:buy|find|get|go\s+for)"
    r"\s+(?:(?:a|an|some|the)\b)?|which\s+(?:is|are)\s+the|any\b)\s*((?:(?:good|best|decent|reliable|nice|cheap|"
    r"reasonable|affordable)\s+)?[a-z][\w'\-]*(?:\s+[a-z][\w'\-]*){0,3})", _F)
# A sentence that opens like a question. "can go to X" (an elided "you") suggests; it does not ask.
_QUESTION_WORDS = re.compile(
    r"^\s*(?:what|which|where|who|how|why|when|is|are|do|does|did|any|(?:can|could)(?!\s+(?:also\s+)?(?:go|try|visit|"
    r"check|get|buy|find|call|ask|contact|use|see|look|order)\b))\b", _F)
_SIGNATURE = re.compile(r"\n\s*(?:-{3,}|_{3,}|<b>\s*-{2,}).*", re.S)
_TAG = re.compile(r"<[^>]{1,200}>")
# A provider as the subject of an offering verb: "The Sheraton has ballet lessons", "aspire club is conducting ...".
_OFFERS_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:has|have|offers?|provides?|runs?|sells?|teaches|conducts?|organi[sz]es|"
    r"(?:is|are)\s+(?:conducting|offering|running|holding|organi[sz]ing|selling|giving))\b(?!\s*\d)", _F)
# What may open a line before a name that answers on its own ("Al Shouf Garage in ...", "2. Karwa"): bullets only.
_FRAGMENT_LEAD = re.compile(r"[\s\-*>~]*(?:\d{1,2}[.)][ \t]*)?")
# Endings of ordinary English words, not of names: "Inexpensive", "Jogging", "Availability".
_WORD_SUFFIX = re.compile(r"(?:ing|ive|ous|able|ible|ful|less|ness|ment|tion|sion|ity|ly)$", _F)
# Identifying the provider: "It is Jujitsu Club", "it's called X".
_IDENTIFIED = re.compile(r"\b(?:it\s+is|it'?s|this\s+is|that\s+is|is\s+called|are\s+called)\s+(?:the\s+)?$", _F)
# Prepositions that only place a name (a landmark), not those (on, by, after) that may introduce a provider.
_STRONG_LANDMARK = re.compile(r"\b(?:near|nr|behind|opposite|opp|next\s+(?:door\s+)?to|beside|in\s+front\s+of|"
                              r"across\s+from|close\s+to|facing|adjacent\s+to)\s+(?:to\s+)?(?:the\s+)?$", _F)
# What follows a name that answers on its own: the line's end, punctuation, where it is, or what it is.
_FRAGMENT_NEXT = re.compile(
    r"[ \t]*(?:$|[\n.,;:!(\-@/&]|(?:in|at|near|behind|opposite|on|beside|next|off|located|is|are|was|has|have|"
    r"offers?(?!\s*\d)|or|and|for|they|it)\b)", _F)
# "lemon, i am fine": a name opening the post, then a comma and a pronoun, addresses someone.
# A name alone on the first line, closed by a comma, is a letter's salutation ("Dottymum,\nSorry for ...").
# A business answering someone by name: "Happy to help, Ben!", "on Thursday, Rachel." (one word
# after a comma, ending the sentence, in a sentence where the writer speaks as "we").
_WE = re.compile(r"\b(?:we|we'd|we're|we've|we'll|us|our)\b", _F)
_ADDRESS_AFTER = re.compile(r"[ \t]*(?:[.!?]|$)")
# Where the writer is, not whom it recommends: "We're just down the road in Hyde Park", "our shop on
# South Lamar", "we are based in Crestview".
_SELF_PLACE = re.compile(r"\b(?:we're|we are|we've moved|based|located|our (?:shop|office|store|studio|clinic|salon"
                         r"|garage|bakery|cafe|kitchen)(?: is)?)\b[^.!?\n]{0,30}?\b(?:in|at|on|near)\s+$", _F)
_VOCATIVE_AFTER = re.compile(r"\s*(?:,|\.{2,})\s*(?:i|i'm|im|you|u|we|how|are|did|do|same\s+here|me\s+too|yes|no|yeah|"
                             r"lol|thanks?)\b|[ \t]*,[ \t]*\n", _F)
# Cues that advise or judge: without one (or a terse answer), a named provider is only mentioned.
_ADVICE = frozenset({"recommendation_verb", "evaluated", "positive_words", "negative_words", "experience", "identified",
                     "listed", "name:called"})
# Someone else's story: "one of my friends hired", "my colleague bought".
_ANECDOTE = re.compile(
    r"\b(?:(?:one\s+of\s+)?my\s+(?:friends?|colleagues?|brother|sister|cousin|neighbou?rs?|boss)|a\s+friend(?:\s+of\s+mine)?|"
    r"someone|somebody|he|she)\s+(?:\w+\s+)?(?:has\s+|have\s+|had\s+)?(?:hired|rented|bought|got|took|leased|booked)\b",
    _F)
# Between a provider and a place name that only says where it is: "Elder Tree at Markhiyah".
_WHERE_GAP = re.compile(r"[ \t]+(?:at|in|to)[ \t]+(?:the[ \t]+)?", _F)
# A location rather than a provider: "many such places in Duhail".
_PLACES_IN = re.compile(
    r"\b(?:places|shops|stores|ones|lots|many|plenty|several)\s+(?:\w+\s+)?(?:in|at|around)\s+$", _F)
# The asker's own follow-up: thanking for the advice given.
_FOLLOW_UP = re.compile(
    r"\bthanks?\s+(?:you\s+)?(?:all\s+|guys\s+|a\s+lot\s+)?for\s+(?:the|your|all\s+the|all\s+your)\s+(?:advice|advise|info|"
    r"information|repl(?:y|ies)|suggestions?|help|answers?|inputs?|feedback|responses?)", _F)
# A definition, not a recommendation: "TENS means Transcutaneous ...".
_DEFINES = re.compile(r"\b(?:means|stands\s+for|short\s+for)\s+$", _F)
# Names of locations rather than providers: a road, street, area, roundabout.
_LOCATION_WORDS = wordset("road rd street st area avenue ave roundabout r/a signal flyover interchange district")
# Where the named provider is, said of it: "Aqua Art is off the first slip road", "X is located behind Y".
_LOCATED_AFTER = re.compile(r"^[ \t]+(?:is|are)[ \t]+(?:just[ \t]+|now[ \t]+)?(?:located[ \t]+|situated[ \t]+)?"
                            r"(?:off|on|in|at|near|opposite|behind|beside|inside|next[ \t]+to|across[ \t]+from)[ \t]+"
                            r"(?:the[ \t]+)?\w", _F)
# Likewise, after a verdict: "the Ford Edge is pretty cool...so is the GMC Acadia".
_LIKEWISE = re.compile(r"\bso\s+(?:is|are|was|were)\s+(?:the\s+)?$", _F)
# Warning off a provider by name, as an exclamation of its own: "Nooo ... not HSBC!" (not "I have NOT WON YET!")
_WARNED_BEFORE = re.compile(r"(?:^|[.!?,;:\n\-])\s*(?:not|never)\s+(?:the\s+)?$", _F)
_PRONOUN_START = re.compile(r"^\W*(?:it|its|it's|they|their|theyre|they're|he|she|both|them|there)\b", _F)



# -- the parent -----------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _parent_ask(parent_text: str) -> tuple[bool, str | None]:
    """Does ``parent_text`` ask for something, and what (a small fallback when no request was detected)?"""
    if not _ASK.search(parent_text):
        return False, None
    match = _SOUGHT.search(parent_text)
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


def _quick(text: str) -> bool:
    """The prefilter of posts outside a request thread: could a cue be there?"""
    return ((_QUICK.search(text) is not None or "sent you" in text or "clients to" in text or "friends to" in text)
            and _PREFILTER.search(text) is not None)


def _detect_standalone(text: str, mentions: Sequence[str]) -> list[Endorsement]:
    """Outside a request thread: a name right after a recommendation verb, or right before a verdict."""
    text = _clean(text)
    found: list[tuple[int, str, str, bool]] = []  # (position, name, cue, negative)
    lowered = text.lower()
    verb_matches = (_VERB_NAME.match(text, at.start()) for at in _VERB_AT.finditer(lowered))
    for match in filter(None, verb_matches):
        verb, name = match.group(1), match.group(2)
        strong = _STRONG_VERB.search(verb) is not None
        imperative = _CLAUSE_START.search(text, 0, match.start()) and not _NOT_ADVICE.search(text, 0, match.end(1) + 1)
        if not strong and not imperative:
            continue
        found.append((match.start(2), name, verb, bool(_NEGATIVE.match(verb))))
    verdicts = _NAME_VERDICT.finditer(text) if any(v in lowered for v in (" is ", " are ", " was ", " were ")) else ()
    for match in verdicts:
        found.append((match.start(1), match.group(1), match.group(2), bool(_NEGATIVE.search(match.group(2)))))
    referred = _REFERRED.search(text) if "sent you" in lowered else None
    if referred is not None:
        found.extend((match.start(1), match.group(1), match.group(2), False) for match in _NAME_MILD.finditer(text))
    need = _IF_NEED.search(text) if "if " in lowered else None
    results: list[Endorsement] = []
    seen: set[str] = set()
    handles = {m.lower().lstrip("@"): m.lstrip("@") for m in mentions}
    for position, name, cue, negative in sorted(found):
        name = name.strip(" .,'")
        words = name.split()
        while words and words[0].lower() in COMMON:
            words.pop(0)
        for index, word in enumerate(words):
            if word.lower().split("'")[0] in _PRONOUNS:
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
        extra = _STRONG_EXTRA.search(text)
        if extra:
            cues.append(Cue("strong_words", extra.group(), 0.6))
        if referred is not None:
            cues.append(Cue("referred", referred.group(), 0.6))
        if _JOKING.search(text) or text.rstrip().endswith("?"):
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
        text = _SIGNATURE.sub("", text)
        text = _TAG.sub(" ", text)
    elif "\n" in text:
        text = _SIGNATURE.sub("", text)
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
    promo = _SELF_PROMO.search(text)
    ask_back = _ASK_BACK.search(text)
    joking = _JOKING.search(text)
    name_words = sum(len(n.text.split()) for n in names)
    alone = len(names) == 1
    placed = [_placed(text, n) for n in names]
    provider_named = not all(placed)
    follow_up = _FOLLOW_UP.search(text)
    results: list[Endorsement] = []
    advised_end = -1  # where the last name advised by a verb ends ("try Dr Sonia| at Al Emadi Hospital")
    for index, name in enumerate(names):
        before = text[max(0, name.start - 60):name.start]
        leading = not text[:name.start].strip()
        addressed = name.kind == "handle" and leading and re.match(r"\s*(?:,|\.{2,}|:|-)", text[name.end:]) is not None
        if addressed and not alone:
            continue  # "@silkversion... W hotel": a leading @handle, then a pause, addresses the person replied to
        if placed[index] and provider_named and not _REC_VERB.search(before[-45:]):
            continue  # a landmark or location beside the provider named: "X near Al Ahli Hospital, Salwa Road"
        if index and name.kind in ("name", "word") and not set(words_of(name.text)) & BUSINESS \
                and _WHERE_GAP.fullmatch(text, names[index - 1].end, name.start):
            continue  # "Elder Tree at Markhiyah", "Air Arabia to Sharjah": where the provider is, or goes
        if name.kind != "handle" and _quoted_line(text, name):
            continue  # '"Real Love has no Enemies"': a quotation, most often a signature
        if name.kind in ("word", "name", "bare") and _signed_off(text, name):
            continue  # "...loses the signal upstairs.\nMandi": the writer's name under the post
        if leading and name.kind != "handle" and _VOCATIVE_AFTER.match(text, name.start + len(name.text)):
            continue  # "lemon, i am fine"
        if name.kind not in ("handle", "domain") and _SELF_PLACE.search(before):
            continue  # "We're just down the road in Hyde Park": the writer's own place
        if name.kind not in ("handle", "bare") and _VOCATIVE_BEFORE.search(before):
            continue  # "thanks a lot Iqbal", "hi Kidi"
        if name.kind != "handle" and " " not in name.text and before.rstrip().endswith(",") \
                and not set(words_of(name.text)) & BUSINESS \
                and _ADDRESS_AFTER.match(text, name.start + len(name.text)) \
                and _WE.search(text[_sentence_bounds(text, name.start, name.end)[0]:name.start]):
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
        if _PRONOUN_START.match(nxt):
            n_end = _sentence_bounds(text, s_end + 2, s_end + 2)[1] if s_end + 2 < len(text) else len(text)
            sentence = text[s_start:n_end]
        scope = text if alone and in_thread else sentence
        verb = _REC_VERB.search(before[-45:])
        if verb and not _NOT_ADVICE.search(before[-60:]):
            lead = before[:len(before) - len(verb.group())]
            imperative = in_thread or _STRONG_VERB.search(verb.group()) or _CLAUSE_START.search(lead)
            cues.append(Cue("recommendation_verb", verb.group().strip(), 1.6 if imperative else 0.6))
        after = text[name.end:name.end + 60]
        landmark = _LANDMARK.search(before[-30:]) if not alone else None
        if landmark and not verb:
            cues.append(Cue("landmark", landmark.group().strip(), -1.2))
        elif placed[index] and not verb and (_located(name) or
                                             _STRONG_LANDMARK.search(text, max(0, name.start - 30), name.start)):
            cues.append(Cue("location", name.text, -0.8))
        if _LIKEWISE.search(before[-20:]):
            cues.append(Cue("likewise", before[-20:].strip(), 1.2))
        if _IDENTIFIED.search(before[-20:]):
            cues.append(Cue("identified", before[-20:].strip(), 0.8))
        line_start = text.rfind("\n", 0, name.start) + 1
        if name.kind not in ("initial", "object", "subject", "model", "handle") and \
                _FRAGMENT_LEAD.fullmatch(text, line_start, name.start) and _FRAGMENT_NEXT.match(text, name.end):
            cues.append(Cue("answer_first", text[line_start:name.end].strip()[:40], 0.8))
        offers = _OFFERS_AFTER.match(after)
        if offers and in_thread:
            cues.append(Cue("offers", offers.group().strip(), 0.8))
        elif in_thread and not placed[index] and _LOCATED_AFTER.match(after):
            cues.append(Cue("located", after.strip()[:30], 0.6))  # telling where a provider is answers "where"
        common = singular(name.text.lower()) in TERMS or _WORD_SUFFIX.search(name.text)
        if name.kind in ("word", "initial", "object") and " " not in name.text and common:
            # "Turkeys", "Coach", "Consultants", "try swimming"
            cues.append(Cue("common_noun", name.text, -2.5 if name.kind == "object" else -1.5))
        if _DEFINES.search(before[-20:]):
            cues.append(Cue("definition", before[-20:].strip(), -1.5))
        warned = _WARNED_BEFORE.search(text, max(0, name.start - 20), name.start) is not None \
            and text[name.end:name.end + 3].lstrip()[:1] == "!"
        if warned:
            cues.append(Cue("warned_off", before[-12:].strip(), 1.2))
        if advised_end >= 0 and not verb and set(words_of(name.text)) & BUSINESS \
                and _WHERE_GAP.fullmatch(text, advised_end, name.start):
            # "try Dr Sonia at Al Emadi Hospital": where the advised provider works is advised with them
            cues.append(Cue("where_advised", text[advised_end:name.start].strip(), 0.8))
        evaluated = None if landmark and not verb else _EVAL_AFTER.match(after)
        negative = _NEGATIVE.search(scope)
        if evaluated:
            cues.append(Cue("evaluated", evaluated.group().strip(" ,-:"), 1.4))
        else:
            positive = _POSITIVE.search(scope)
            if positive:
                cues.append(Cue("positive_words", positive.group(), 0.8 if in_thread else 0.5))
        if negative:
            cues.append(Cue("negative_words", negative.group(), 1.2))
        experience = _EXPERIENCE.search(scope)
        if experience:
            cues.append(Cue("experience", experience.group(), 0.7))
        if in_thread:
            available = _AVAILABLE.search(scope)
            if available:
                cues.append(Cue("availability", available.group(), 0.6))
            if n_words <= 12:
                coverage = name_words / max(1, n_words)
                cues.append(Cue("terse_answer", f"{coverage:.0%} names", 0.9 if coverage >= 0.5 else 0.3))
            if _listed(text, names, name):
                cues.append(Cue("listed", "", 0.5))
        # the sentence ends where its "?" stands (bounds exclude the mark); a pronoun sentence joined on may end in one
        asked = text[s_end:s_end + 1] == "?" or sentence.rstrip().endswith("?")
        if asked or _QUESTION_WORDS.match(sentence):
            cues.append(Cue("question", sentence.strip()[:40], -1.6))
        if ask_back:
            cues.append(Cue("asks_back", ask_back.group(), -1.6))
        if promo:
            cues.append(Cue("self_promotion", promo.group(), -2.5))
        if joking and (n_words <= 30 or _JOKING.search(sentence)):
            cues.append(Cue("joking", joking.group(), -0.8))
        if follow_up and not experience:
            cues.append(Cue("asker_follow_up", follow_up.group(), -1.5))
        anecdote = _ANECDOTE.search(sentence)
        if anecdote and not any(c.name in _ADVICE for c in cues):
            # "One of my friends hired a Honda City": someone else's story, named but not advised
            cues.append(Cue("anecdote", anecdote.group(), -1.0))
        score = _score(cues)
        if score <= MIN_SCORE:  # even odds are no endorsement: a name in a thread with nothing said of it
            continue
        if verb:
            advised_end = name.end
        negative_here = _NEGATIVE.search(sentence) or warned
        verdict_bad = evaluated is not None and _BAD_VERDICT.search(evaluated.group()) is not None
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
        if len(gap) <= 6 and re.fullmatch(r"[\s,/&.]*(?:or|and|&)?[\s,/&.]*", gap, _F):
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
    return _LANDMARK.search(text, max(0, name.start - 30), name.start) is not None or \
        _PLACES_IN.search(text, max(0, name.start - 40), name.start) is not None


def _located(name: Name) -> bool:
    """Is ``name`` a location (a road, street, area, roundabout) or set among them?"""
    words = name.text.lower().replace("/", " ").split()
    return bool(words) and (words[-1] in _LOCATION_WORDS or words[-2:] == ["r", "a"])


def _signed_off(text: str, name: Name) -> bool:
    """Is ``name`` a signature: alone on the last line, under a line of prose that ends a sentence?"""
    line_start = text.rfind("\n", 0, name.start) + 1
    if text[line_start:name.start].strip() or text[name.end:].strip(" \t\n.!") or len(name.text.split()) > 2:
        return False
    previous = text[:line_start].rstrip().rsplit("\n", 1)[-1]
    return len(previous.split()) >= 6 and previous.rstrip()[-1:] in ".!?)" and not _REC_VERB.search(previous[-45:])


def _quoted_line(text: str, name: Name) -> bool:
    """Is ``name`` inside a line that is one quotation ('"He who dares wins"')?"""
    line_start = text.rfind("\n", 0, name.start) + 1
    line_end = text.find("\n", name.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    return len(line) > 2 and line[0] in "\"\u201c" and line[-1] in "\"\u201d" and line.count('"') <= 2
