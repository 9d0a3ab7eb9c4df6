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

Each judgement's score is a logistic of its cues' weights; only those scoring at
least :data:`MIN_SCORE` are returned, with their cues (explainable).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Cue, Endorsement, Request

MIN_SCORE = 0.5
_BIAS = -2.0

# -- vocabulary ---------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_COMMON = _wordset("""
a an the and or but if then so to of in on at for with by from as into onto about over under after before
is are was were be been being am do does did done have has had having can could would should will shall
may might must i me my mine we us our you your yours u ur he him his she her it its they them their this
that these those there here what which who whom where when why how any some anyone anybody someone
somebody everyone all not no yes just really very too also please pls plz thanks thank thx know get got
need want like one ones other another more most much many few lot lots such same own only even still
again ever never always sometimes maybe ok okay hi hello hey dear regards cheers sorry welcome good great
best better nice excellent bad worse worst cheap cheaper expensive new old big small little reasonable
affordable decent reliable well fine sure nearest near around near by out up down off go going went gone
try tried trying call called check visit use used using recommend recommended suggest prefer see saw
seen find found buy bought give gave take took make made let tell told ask asked say said think thought
hope wish read look looking search google mention mentioned help info information idea ideas place
places thing things stuff people guy guys friend friends time times day days week weeks month months
year years today tomorrow yesterday now later soon first last next price prices cost fee fees money
number phone contact address location way side right left straight opposite behind beside next front
back inside outside between area areas road street st rd here's there's it's i'm i've i'd you're don't
dont can't cant won't isn't doesn't didn't lol haha hehe wow oh ah yeah yup nope am pm qr qar rs riyal
riyals dollar dollars mr mrs ms dr doctor sir madam brother sister bro sis man woman men women kids
kid child children baby wife husband family everybody nobody nothing something anything everything
definitely probably actually exactly basically usually already enough quite rather almost both each
every either neither whether while because since until though although unless also etc eg ie via per
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december morning evening night afternoon weekend luck asap beware avoid
congrats congratulations regards greetings salam salaam bye goodbye awesome amazing fantastic terrible horrible
lovely happy sad funny cool wonderful brilliant perfect additionally however anyway anyways finally
unfortunately fortunately honestly personally seriously generally tonight note ps btw fyi imho imo omg
lol wtf uncle aunty auntie home pr rp dl id qid sms please
""")
# Words that end (or, for souq/al, start) a provider's or place's name.
_BUSINESS = _wordset("""
bank clinic hospital centre center center's club school academy institute college university nursery
salon spa garage workshop showroom shop store stores mall market supermarket hypermarket pharmacy
restaurant cafe café hotel resort park beach gym studio gallery agency company co trading services
service consultancy consultants firm bookstore bookshop library cinema theatre theater airline airlines
airways press printing motors cars rental dealer dealership medical dental plaza complex tower towers
souq souk road rd street st area avenue lab laboratory kennel kennels insurance telecom travels travel
tours courier cargo federation ministry embassy
""")
# Business words strong enough to make a lowercase name ("commercial bank", "al khulood nursery").
_PLACE_TYPES = _wordset("""
bank clinic hospital centre center club school academy institute nursery salon spa garage workshop showroom
shop store mall market supermarket hypermarket pharmacy restaurant cafe hotel resort park gym studio
""")
# Places too broad to be a provider on their own.
_GENERIC = _wordset("""
doha qatar ql qatarliving dubai uae dhabi saudi ksa bahrain kuwait oman india pakistan philippines
lanka nepal bangladesh egypt uk usa us america europe germany london gcc asia africa god allah
inshallah mashallah eid ramadan christmas english arabic indian filipino filipina pinoy american british
syrian lebanese egyptian pakistani european korean japanese chinese german french italian arab arabs
qatari qataris expat expats internet online website net web google facebook twitter youtube wikipedia
""")
_CONNECTORS = _wordset("of the de du la le al el bin bint abu and & 'n' n r")
_SITE_SKIP = ("qatarliving.", "google.", "wikipedia.", "youtube.", "facebook.", "wikimapia.", "twitter.")

# -- patterns -----------------------------------------------------------------------------------

_F = re.IGNORECASE
# A fast test for posts outside a request thread (case variants as they occur): no cue, no endorsement.
_PREFILTER = re.compile(
    r"mmend|omend|MMEND|ighly|hout.?out|udos|void|orst|tay away|ever again|verpriced|ip.?off|hanks to|"
    r"o to [A-Z@]|ry [A-HJ-Z@]|heck out|he best|est [a-z]+ in town|go-to")
_HANDLE = re.compile(r"(?<![\w@.])@(\w{1,30})(?![\w.]*\.\w)")
_DOMAIN = re.compile(
    r"(?:https?://)?(?:[\w\-]+@)?((?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
    r"\.(?:com|net|org|qa|co\.uk|org\.uk|ws|de|info|biz|io|co|ae|in|me))\b(?:/\S*)?", _F)
_TOKEN = re.compile(r"[A-Za-z][\w'&\-]*(?:\.[A-Za-z]+)*\.?|&|\(|\)")
_DR = re.compile(r"\b(?:[Dd][Rr]|[Dd]octor)\b\.?[ \t]*([A-Za-z][A-Za-z\-']+(?:[ \t]+[A-Z][A-Za-z\-']+)?)")
_PLACE_WORD = re.compile(r"\b(?:" + "|".join(sorted(_PLACE_TYPES, key=len, reverse=True)) + r")\b", _F)
_WORDS_BEFORE = re.compile(r"((?:[A-Za-z][\w'&\-]*\.?[ \t]+){1,3})$")
_OBJECT = re.compile(
    r"\b(?:try|go\s+to|go\s+for|visit|call|check(?:\s+out)?|recommend|suggest)\s+(?:the\s+|a\s+|mr\.?\s+|ms\.?\s+)?"
    r"([a-z][\w'&\-]*(?:\s+[a-z0-9][\w'&\-]*)?)")
_SUBJECT = re.compile(
    r"(?:^|[.!?\n|,;]\s*|\b(?:and|but|think|say)\s+)([a-z][\w'&\-]+(?:[ \t]+[a-z][\w'&\-]+)?)\s+(?:is|are|was)\s+"
    r"(?:always\s+|very\s+|really\s+|so\s+|also\s+|the\s+|quite\s+|pretty\s+)*(?:good|great|best|excellent|nice|"
    r"lovely|safe|cheap|reasonable|amazing|awesome|better|worst|terrible|horrible|bad|overpriced)\b")
_REC_VERB = re.compile(
    r"\b(?:(?:highly\s+|would\s+|i\s+)?recomm?end(?:ed)?|reccomm?end|suggest(?:\s+(?:you|u))?(?:\s+(?:buy|get|try|go\s+to|use))?|"
    r"try|go\s+to|goto|go\s+for|went\s+to|visit(?:ed)?|call|contact|check(?:\s+out|\s+with|\s+in|\s+at)?|use|using|"
    r"ask\s+for|look\s+for|head\s+to|prefer|shout\s*-?\s*out\s+to|thanks?\s+to|kudos\s+to|props\s+to|buy|"
    r"stick\s+with|book\s+with|stay\s+(?:at|in)|take\s+(?:\w+\s+){0,2}to|put\s+my\s+money\s+on|"
    r"delivered\s+(?:at|in)|bought\s+(?:it\s+|mine\s+|one\s+)?(?:from|at|in)|got\s+(?:it\s+|mine\s+|one\s+|my\s+\w+\s+)?"
    r"(?:from|at)|available\s+(?:at|in)|sold\s+(?:at|in)|find\s+(?:it|them|one)?\s*(?:at|in)|get\s+(?:it|them|one)"
    r"\s+(?:at|in|from)|order\s+(?:\w+\s+)?(?:from|at|on))\s+"
    r"(?:the\s+|a\s+|an\s+|at\s+|to\s+|with\s+|in\s+|out\s+)?$", _F)
_NOT_ADVICE = re.compile(
    r"\b(?:how|where|when|want|wanted|need|going|trying|plan(?:ning)?|used)\s+to\s+\S+(?:\s+to)?\s*$", _F)
_LANDMARK = re.compile(
    r"\b(?:near(?:\s+to)?|nr|behind|opposite(?:\s+to)?|opp|next\s+(?:door\s+)?to|beside|besides|after|before|"
    r"towards|in\s+front\s+of|along|down|off|across(?:\s+from)?|close\s+to|facing|adjacent\s+to|between|"
    r"coming\s+from|on\s+the\s+way\s+to|on|by)\s+(?:the\s+)?$", _F)
_STRONG_VERB = re.compile(r"recomm?end|suggest|thank|shout|kudos|props|check\s+out|avoid|prefer", _F)
_CLAUSE_START = re.compile(
    r"(?:^|[.!?,;:\n|]|\b(?:just|definitely|defs|def|pls|please|plz|should|must|gotta|then|and|so|always|really))\s*$",
    _F)
_CAP_WORD = r"(?:[A-Z][\w'&\-]*|[0-9]+)"
_NAME_RE = r"(@\w{1,30}|" + _CAP_WORD + r"(?:[ \t]+(?:(?:of|the|de|al|and|&|n)[ \t]+)?" + _CAP_WORD + r")*)"
_VERB_NAME = re.compile(
    r"\b((?i:(?:highly\s+)?recomm?end(?:ed|ing)?|reccomm?end|suggest|try|go\s+to|check\s+out|visit|use|call|thanks?\s+to|"
    r"shout\s*-?\s*out\s+to|kudos\s+to|props\s+to|avoid|stay\s+away\s+from|never\s+(?:again\s+)?(?:use|go\s+to)))"
    r"\s+(?:(?i:the)\s+)?" + _NAME_RE)
_NAME_VERDICT = re.compile(
    _NAME_RE + r"\s+(?:is|are|was|were)\s+(?:(?:so|really|truly|simply|just|by\s+far)\s+)?((?:the\s+)?(?:best|worst|"
    r"awesome|amazing|excellent|fantastic|outstanding|terrible|horrible|awful|a\s+rip\s*-?off|overpriced)\b)")
_PRONOUNS = _wordset("i im you we he she it they my our your his her their this that these those there")
_STRONG_EXTRA = re.compile(r"highly|recomm?end|can'?t\s+recommend|go-to|10/10|five\s+stars|5\s+stars|thanks?\s+to", _F)
_BAD_VERDICT = re.compile(r"worst|terrible|horrible|awful|bad|overpriced|suck", _F)
_JOKING = re.compile(r"\b(?:lol|haha\w*|hehe\w*|lmao|rofl|kidding|joking|jk)\b|:p\b|;-?\)", _F)
_INTERJECTION = re.compile(r"(?:u+m+|h+m+|e+r+m*|a+h+|o+h+|a+w+|y+a+|o+k+)$")
_POSITIVE = re.compile(
    r"\b(?:best|excellent|great|good|nice|lovely|amazing|awesome|fantastic|brilliant|superb|"
    r"professional|reliable|trusted|helpful|friendly|recommend\w*|reasonable|cheap(?:est)?|happy|"
    r"satisfied|love(?:d)?|liked?|perfect|wonderful|safe|fav(?:ou?rite)?|worth|prefer|rocks?|kind)\b", _F)
_NEGATIVE = re.compile(
    r"\b(?:worst|avoid|stay\s+away|never\s+(?:again|go|use|went|trust)|don'?t\s+(?:go|use|trust|bother)|"
    r"horrible|horrendous|terrible|awful|sucks?|rip(?:ped)?\s*-?off|overpriced|scam\w*|"
    r"not\s+(?:recommended|good|worth)|(?:wouldn'?t|would\s+not|do\s+not|don'?t)\s+recommend|"
    r"hopeless|pathetic|rude|disappoint\w*|waste\s+of|unprofessional|cheated|fraud)\b", _F)
_EVAL_AFTER = re.compile(
    r"^[\s,\-:]*(?:\(.*?\)\s*)?(?:is|are|was|were|has|have|'s|=)?\s*(?:always\s+|also\s+|really\s+|very\s+|so\s+|"
    r"quite\s+|the\s+|a\s+|too\s+|pretty\s+|just\s+|simply\s+|one\s+of\s+the\s+)*"
    r"(?:best|excellent|great|good|nice|lovely|amazing|awesome|fantastic|brilliant|superb|cheap|reasonable|"
    r"safe|reliable|professional|perfect|worst|terrible|horrible|awful|bad|overpriced|rocks?|sucks?)\b", _F)
_EXPERIENCE = re.compile(
    r"\b(?:i|we|my\s+\w+)\s+(?:have\s+|had\s+|always\s+|also\s+|just\s+)?(?:use|used|go|went|bought|got|get|"
    r"stayed|delivered|took|take|tried|been|liked?|loved?|graduated|saw|seen|found)\b|\bi'?ve\s+(?:been|used|tried|seen)\b",
    _F)
_AVAILABLE = re.compile(
    r"\b(?:(?:you|u)\s+(?:can|could|will|may|might|should)\s+(?:get|find|buy|try|go|visit|call|see|check)|available|"
    r"sells?|they\s+(?:have|sell|do|offer|carry|are)|there\s+(?:is|are)|offers?|located|i\s+saw)\b", _F)
_SELF_PROMO = re.compile(
    r"\b(?:(?:contact|call|pm|email|e-mail|message|whatsapp|inbox|text)\s+me|we\s+(?:offers?|provide|sell|deliver|"
    r"specialize|specialise|can\s+arrange|arrange)|our\s+(?:company|shop|store|showroom|services?|team|clinic|"
    r"products?|instructors|rates|prices|website|office)|i\s+(?:can|will)\s+(?:teach|provide|arrange|sell|give|"
    r"take\s+care))\b", _F)
_ASK_BACK = re.compile(
    r"\b(?:(?:please|pls|plz|pl|kindly)\s+(?:guide|tell|help|advise|let\s+me\s+know)|(?:some|any)\s*(?:one|body)\s+"
    r"(?:advise|tell|know)|any\s+(?:feedback|idea|info)|how\s+(?:to|do|can)\s+i)\b", _F)
_VOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:hi|hello|hey|dear|thanks?|thank\s+you|thx|sorry|ok|lol)(?:\s+(?:a\s+lot|so\s+much|again|very\s+much))?"
    r"\s*,?\s*)$", _F)
_ASK = re.compile(
    r"\b(?:any(?:one|body)?\s+(?:know|recommend|suggest|idea|ideas|good|decent|suggestions?|recommendations?)|"
    r"looking\s+for|recomm?end|suggest|advi[sc]e|where\s+(?:can|to|do|should|is|are|could)|"
    r"which\s+(?:is|one|are|\w+\s+(?:is|are|would|should))|need\s+(?:a|an|some)|please\s+(?:help|tell|let)|"
    r"know\s+(?:of\s+)?(?:a|an|any)|wh?at(?:\s+is|'s)\s+(?:the\s+best|a\s+good)|who\s+(?:do|does|can|is))\b", _F)
_SOUGHT = re.compile(
    r"\b(?:(?:know|recommend|suggest)\s+(?:of\s+)?(?:a|an|any|some|the)?|looking\s+for\s+(?:a|an|some|the)?|"
    r"need\s+(?:a|an|some)|(?:where|how)\s+(?:can|could|do|should)\s+(?:i|we|you)\s+(?:buy|find|get|go\s+for)"
    r"\s+(?:a|an|some|the)?|which\s+(?:is|are)\s+the|any)\s*((?:(?:good|best|decent|reliable|nice|cheap|"
    r"reasonable|affordable)\s+)?[a-z][\w'\-]*(?:\s+[a-z][\w'\-]*){0,3})", _F)
_QUESTION_WORDS = re.compile(r"^\s*(?:what|which|where|who|how|why|when|is|are|do|does|did|can|could|any)\b", _F)
_SIGNATURE = re.compile(r"\n\s*(?:-{3,}|_{3,}|<b>\s*-{2,}).*", re.S)
_TAG = re.compile(r"<[^>]{1,200}>")
_PRONOUN_START = re.compile(r"^\W*(?:it|its|it's|they|their|theyre|they're|he|she|both|them|there)\b", _F)


@dataclass(slots=True)
class _Name:
    text: str
    start: int
    end: int
    kind: str


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
        while words and words[0] in _COMMON and words[0] not in _BUSINESS:
            words.pop(0)
        kept: list[str] = []
        for word in words:
            if word in _COMMON and word not in _BUSINESS:
                break
            kept.append(word)
        sought = " ".join(kept) or None
    if sought is None:
        subject = parent_text.split("\n", 1)[0].strip(" ?!.:").lower()
        if 0 < len(subject.split()) <= 3:
            sought = subject
    return True, sought


def _context(parent_text: str | None, parent_request: Request | None) -> tuple[bool, str | None, float]:
    """(in a request thread, what is sought, weight of that evidence)."""
    if parent_request is not None:
        return True, parent_request.sought or None, 1.2
    if parent_text:
        asks, sought = _parent_ask(parent_text)
        if asks:
            return True, sought, 1.0
    return False, None, 0.0


# -- names --------------------------------------------------------------------------------------
def _words_of(name: str) -> list[str]:
    return [w.strip("'-") for w in re.findall(r"[a-z0-9][a-z0-9'\-]*", name.lower())]


def _distinct(name: str, avoid: frozenset[str]) -> set[str]:
    """The distinctive words of ``name``: not common, business, generic, connector or asked-for words."""
    return {w for w in _words_of(name) if len(w) > 1 and not w.isdigit() and w not in _COMMON and w not in _BUSINESS
            and w not in _GENERIC and w not in _CONNECTORS and w not in avoid}


def _cap_names(text: str) -> list[_Name]:
    """Runs of capitalised words (connectors allowed inside), common words split off."""
    names: list[_Name] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and (run[-1].group().lower().strip(".") in _CONNECTORS or run[-1].group() in "()"):
            run.pop()
        while run and (run[0].group().lower().strip(".") in _CONNECTORS - {"al", "el", "the"}
                       or run[0].group() in "()"):
            run.pop(0)
        if run:
            start, end = run[0].start(), run[-1].end()
            kind = "name" if len(run) > 1 or run[0].group().rstrip(".").isupper() else "word"
            if kind == "word" and _sentence_start(text, start) and re.match(r"\s+[a-z]", text[end:end + 2]):
                kind = "initial"  # "Jogging track at ..." is an ordinary word at a sentence's start
            names.append(_Name(text[start:end].strip(" .("), start, end, kind))
        run.clear()

    previous_end = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        gap = text[previous_end:match.start()]
        previous_end = match.end()
        if run and (any(c in gap for c in ",;:!?|\n\"0123456789") or ".." in gap or "  " in gap
                    or (gap == "" and token not in "()")):
            flush()
        if run and run[-1].group().endswith(".") and run[-1].group().lower().rstrip(".") not in ("dr", "mr", "st"):
            flush()
        lower = token.lower().strip(".")
        capital = token[0].isupper() or token in "()"
        common = lower.split("'")[0].rstrip("0123456789,") in _COMMON or _INTERJECTION.match(lower) is not None
        extends = run and (lower in _CONNECTORS or lower in _BUSINESS)
        if extends or (capital and not common and lower not in _GENERIC and not (token.isupper() and len(token) <= 2)):
            run.append(match)
        else:
            flush()
    flush()
    return names


def _proper(name: str) -> bool:
    """A capitalised name of two or more words with a word of its own ("Doha Clinic", not "Qatar Living")."""
    words = name.split()
    if len(words) < 2 or name.lower() in ("qatar living", "middle east", "good luck"):
        return False
    return all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words) and any(
        w.lower() not in _COMMON and w.lower() not in _CONNECTORS for w in words)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n|:"


def _lower_names(text: str, avoid: frozenset[str]) -> list[_Name]:
    """Lowercase names: words before a place-type word ("commercial bank"), "Dr X", "X is the best"."""
    names: list[_Name] = []
    for place in _PLACE_WORD.finditer(text):
        match = _WORDS_BEFORE.search(text, max(0, place.start() - 60), place.start())
        if match is None:
            continue
        spans = [(m.start() + match.start(1), m.group()) for m in re.finditer(r"\S+", match.group(1))]
        kept: list[tuple[int, str]] = []
        for position, word in reversed(spans):
            bare = word.lower().strip(".,")
            if bare in _COMMON or bare in avoid or bare in _PLACE_TYPES or not bare[:1].isalpha():
                break
            kept.insert(0, (position, word))
        if kept:
            start, end = kept[0][0], place.end()
            capital = any(w[:1].isupper() for _, w in kept)
            names.append(_Name(text[start:end], start, end, "business" if capital else "lower"))
    for match in _DR.finditer(text):
        if match.group(1).lower() not in _COMMON:
            end = match.end(1) if match.group(1)[:1].isupper() else match.start(1) + len(match.group(1).split()[0])
            names.append(_Name(text[match.start():end], match.start(), end, "doctor"))
    for match in _SUBJECT.finditer(text):
        names.append(_Name(match.group(1), match.start(1), match.end(1), "subject"))
    return names


def _object_names(text: str) -> list[_Name]:
    """A lowercase word or two right after a recommendation verb ("call karwa", "try lulu")."""
    names: list[_Name] = []
    for match in _OBJECT.finditer(text):
        words = match.group(1).split()
        while words and words[-1].lower() in _COMMON:
            words.pop()
        if words and all(w.lower() not in _COMMON for w in words):
            phrase = " ".join(words)
            names.append(_Name(phrase, match.start(1), match.start(1) + len(phrase), "object"))
    return names


def _candidates(text: str, avoid: frozenset[str], mentions: Sequence[str], in_thread: bool,
                terse: bool) -> list[_Name]:
    found: list[_Name] = []
    for match in _HANDLE.finditer(text):
        found.append(_Name("@" + match.group(1), match.start(), match.end(), "handle"))
    for match in _DOMAIN.finditer(text):
        domain = match.group(1)
        if not any(s in domain.lower() for s in _SITE_SKIP):
            found.append(_Name(domain, match.start(), match.end(), "domain"))
    scrubbed = _DOMAIN.sub(lambda m: " " * len(m.group()), text)
    upper = sum(map(str.isupper, scrubbed))
    if upper > 12 and upper > 2.3 * sum(map(str.islower, scrubbed)):
        scrubbed = scrubbed.lower()  # shouting: capitals say nothing
    found.extend(_cap_names(scrubbed))
    if in_thread:
        found.extend(_lower_names(scrubbed, avoid))
        found.extend(_object_names(scrubbed))
        if terse:
            bare = scrubbed.strip().split("\n", 1)[0]
            bare = re.split(r"\.{2,}|[!,;:(]", bare, maxsplit=1)[0].strip(" .-~*\"'")
            words = _words_of(bare)
            if bare and len(words) <= 4 and not any(w in _COMMON and w not in _CONNECTORS for w in words):
                start = scrubbed.find(bare)
                found.append(_Name(bare, start, start + len(bare), "bare"))
    # the longest name wins where they overlap; a name must have a distinctive word
    found.sort(key=lambda n: (-(n.end - n.start), n.start))
    chosen: list[_Name] = []
    taken: set[str] = set()
    for name in found:
        distinct = _distinct(name.text, avoid)
        if not distinct and _proper(name.text):
            distinct = {name.text.lower()}  # "Doha Clinic": generic words, but a proper name
        if not distinct or distinct <= taken:
            continue
        if any(name.start < c.end and c.start < name.end for c in chosen):
            continue
        chosen.append(name)
        taken |= distinct
    handles = {m.lower().lstrip("@"): m.lstrip("@") for m in mentions}
    for name in chosen:
        key = re.sub(r"\W", "", name.text.lower())
        if name.kind != "handle" and key in handles:
            name.text, name.kind = "@" + handles[key], "handle"
    chosen.sort(key=lambda n: n.start)
    return chosen


# -- scoring ------------------------------------------------------------------------------------
_SHAPE = {"handle": 1.0, "business": 0.9, "doctor": 0.9, "name": 0.7, "domain": 0.6, "bare": 0.9,
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
    in_thread, sought, thread_weight = _context(parent_text, parent_request)
    if not in_thread:
        return _detect_standalone(text, mentions) if _PREFILTER.search(text) else []
    return _detect(text, in_thread, sought, thread_weight, mentions)


def _detect_standalone(text: str, mentions: Sequence[str]) -> list[Endorsement]:
    """Outside a request thread: a name right after a recommendation verb, or right before a verdict."""
    text = _clean(text)
    found: list[tuple[int, str, str, bool]] = []  # (position, name, cue, negative)
    for match in _VERB_NAME.finditer(text):
        verb, name = match.group(1), match.group(2)
        strong = _STRONG_VERB.search(verb) is not None
        imperative = _CLAUSE_START.search(text, 0, match.start()) and not _NOT_ADVICE.search(text, 0, match.end(1) + 1)
        if not strong and not imperative:
            continue
        found.append((match.start(2), name, verb, bool(_NEGATIVE.match(verb))))
    for match in _NAME_VERDICT.finditer(text):
        found.append((match.start(1), match.group(1), match.group(2), bool(_NEGATIVE.search(match.group(2)))))
    results: list[Endorsement] = []
    seen: set[str] = set()
    handles = {m.lower().lstrip("@"): m.lstrip("@") for m in mentions}
    for position, name, cue, negative in sorted(found):
        name = name.strip(" .,'")
        words = name.split()
        while words and words[0].lower() in _COMMON:
            words.pop(0)
        for index, word in enumerate(words):
            if word.lower().split("'")[0] in _PRONOUNS:
                words = words[:index]
                break
        name = " ".join(words)
        if not name or (not name.startswith("@") and not _distinct(name, frozenset()) and not _proper(name)):
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
        if _JOKING.search(text) or text.rstrip().endswith("?"):
            cues.append(Cue("joking_or_question", "", -0.8))
        score = _score(cues)
        if score >= MIN_SCORE:
            results.append(Endorsement(name, _for(None, name), "negative" if negative else "positive",
                                       round(score, 4), None, tuple(cues)))
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


def _detect(text: str, in_thread: bool, sought: str | None, thread_weight: float,
            mentions: Sequence[str]) -> list[Endorsement]:
    text = _clean(text)
    avoid = frozenset(re.findall(r"[a-z0-9]+", sought.lower())) if sought else frozenset()
    n_words = len(text.split())
    names = _candidates(text, avoid, mentions, in_thread, terse=n_words <= 6)
    if not names:
        return []
    promo = _SELF_PROMO.search(text)
    ask_back = _ASK_BACK.search(text)
    joking = _JOKING.search(text)
    name_words = sum(len(n.text.split()) for n in names)
    alone = len(names) == 1
    results: list[Endorsement] = []
    for name in names:
        before = text[max(0, name.start - 60):name.start]
        if name.kind not in ("handle", "bare") and _VOCATIVE_BEFORE.search(before):
            continue  # "thanks a lot Iqbal", "hi Kidi"
        if name.kind != "handle" and name.start <= 2 and re.match(r"\s*,\s*(?!and\b|or\b)[a-z]", text[name.end:]) \
                and len(names) > 1 and names[1].start > name.end + 3:
            continue  # "Kidi, if you ..." addresses a person
        cues: list[Cue] = []
        if in_thread:
            cues.append(Cue("reply_to_request", sought or "", thread_weight))
        weight = _SHAPE.get(name.kind, 0.5)
        if name.kind == "handle" and not in_thread and not text[:name.start].strip():
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
        if sentence.rstrip().endswith("?") or _QUESTION_WORDS.match(sentence):
            cues.append(Cue("question", sentence.strip()[:40], -1.6))
        if ask_back:
            cues.append(Cue("asks_back", ask_back.group(), -1.6))
        if promo:
            cues.append(Cue("self_promotion", promo.group(), -2.5))
        if joking:
            cues.append(Cue("joking", joking.group(), -0.8))
        score = _score(cues)
        if score < MIN_SCORE:
            continue
        negative_here = _NEGATIVE.search(sentence)
        verdict_bad = evaluated is not None and _BAD_VERDICT.search(evaluated.group()) is not None
        overruled = evaluated is not None and not verdict_bad
        polarity = "negative" if (negative_here and not overruled) or verdict_bad else "positive"
        results.append(Endorsement(name.text, _for(sought, name.text), polarity, round(score, 4), None,
                                   tuple(cues)))
    return results


def _listed(text: str, names: list[_Name], name: _Name) -> bool:
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
    if len(words) > 1 and words[-1] in _PLACE_TYPES:
        return words[-1]
    return None
