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
"""

from __future__ import annotations

import math
import re

from .model import Cue, Request
from .places import find_location
from .taxonomy import lookup
from .text import STOPWORDS, clean, norm_phrase, singular, strip_leading_mentions, words, wordset

THRESHOLD = 0.5
_BIAS = -2.5

# ---------------------------------------------------------------- prefilter
# stage 1: a few substring tests; stage 2: one small pattern per stem found (a pattern only runs
# on the few posts holding its stem, so the average cost stays a few hundred nanoseconds)
_STEM_GATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rec", re.compile(r"recomm?end|recc?om|\brecs?\b")),
    ("sugg", re.compile(r"sugg?est")),
    ("advi", re.compile(r"advi[cs]e")),
    ("idea", re.compile(r"\bideas?\b")),
    ("tips", re.compile(r"\btips\b")),
    ("look", re.compile(r"look(?:ing|in'?) (?:for|4)")),
    ("search", re.compile(r"search(?:ing)? for|in search of")),
    ("seek", re.compile(r"\bseeking\b")),
    ("hunt", re.compile(r"hunt(?:ing)? for|on the hunt")),
    ("need", re.compile(r"\bneeds? (?:a|an|some|new|good|\w+ (?:in|near))\b|in need of")),
    ("know", re.compile(r"know (?:a|an|any|of|where|who|some|if there)\b|let me know")),
    ("where", re.compile(r"\bwhere(?:'s| is| are|'re)? (?:can|could|do|does|should|would|to|is|are|r|i|we|the best|"
                         r"a good)\b")),
    ("hmu", re.compile(r"\bhmu\b")),
    ("point me", re.compile(r"point me")),
    ("trying to find", re.compile(r"trying to find")),
)
_QUESTION_GATE = re.compile(r"\b(?:which|best|good|any|anyone|anybody|can|who|fav\w*|top|nearest|cheapest)\b")


def might_be_request(text: str) -> bool:
    """A cheap test that every request passes (most posts fail it in a few hundred nanoseconds)."""
    low = text.lower()
    if not ("?" in text or "rec" in low or "need" in low or "look" in low or "know" in low or "sugg" in low
            or "where" in low or "idea" in low or "advi" in low or "search" in low or "seek" in low
            or "tips" in low or "hmu" in low or "hunt" in low or "point me" in low or "trying to find" in low):
        return False
    for stem, gate in _STEM_GATES:
        if stem in low and gate.search(low) is not None:
            return True
    return "?" in text and _QUESTION_GATE.search(low) is not None


# ---------------------------------------------------------------- asks: (name, weight, must be asked, pattern)
# "must be asked": the cue counts only inside a question or a plea ("?" later in its sentence, or
# "can/could/does/anyone/please ..." before it), so "I know a few songs" and "I recommend it" do not.
_ART = r"(?:(?:a|an|any|some|the|good|great|decent|reliable|nice|reputable|trustworthy|really good|new)\s+)*"
_OBJ = r"(?P<obj>[a-z0-9#@&'/+-]+(?:[ -][a-z0-9#&'/+-]+){0,6})"
_WHO = r"(?:anyone|anybody|any1|any one|someone|somebody|you|u|ya|y'all|yall|you guys|u guys|people|ppl|folks)"
_RECS = r"(?:recommendations?|recomendations?|reccomendations?|recs|suggestions?|ideas|advice|tips|pointers)"
_ASKS: tuple[tuple[str, float, bool, re.Pattern[str]], ...] = tuple((n, w, q, re.compile(p)) for n, w, q, p in (
    ("who_do_you_use", 4.0, False, r"\bwho (?:do|does|did|should|would|can) " + _WHO
     + r" (?:use|recommend|suggest|go to|see|trust|call)(?: (?:for|as))? " + _ART + _OBJ),
    ("where_to_get", 3.5, False, r"\bwhere (?:can|could|do|does|should|would|is|are|r|to|i can|we can|one can)"
     r"(?: (?:i|we|you|u|one|someone|a person|people))?(?: (?:go|find|get|buy|purchase|order|rent|hire|eat|"
     r"stay|take|have|repair|fix|try|shop))+(?: (?:to|for|a good|the best))?\s+" + _ART + _OBJ),
    ("where_best", 3.5, False, r"\bwhere(?:'s| is| are|'re)? (?:the |a )?(?:best|good|nearest|cheapest) " + _OBJ),
    ("know_where", 3.0, True, r"\bknows? (?:where|wer) (?:i|we|you|u|one|to)(?: can| could| should)?"
     r"(?: (?:go|find|get|buy|purchase|order|rent|hire|eat|stay|take|try|shop))+(?: (?:for|a))?\s+"
     + _ART + _OBJ),
    ("know_a", 3.5, True, r"\bknows? (?:of )?(?:a|an|any|some)\s+" + _ART + _OBJ),
    ("recommend_x", 3.0, True, r"\b(?:recomm?end|recc?omm?end|suggest)\s+(?:me\s+|us\s+)?(?:(?:a|an|any|some)\s+)"
     + _ART + _OBJ),
    ("recs_for", 3.0, True, r"\b" + _RECS + r"\s+(?:for|on|of|about|regarding)\s+(?:a |an |some |the |good )*" + _OBJ),
    ("x_recs", 3.0, True, r"(?P<obj>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,2}) (?:recommendations?|recomendations?|"
     r"reccomendations?|recs|suggestions?)\b"),
    ("best_q", 2.5, True, r"\b(?:which|what)(?:'s| is| are|'re| r)? (?:the |ur |your )?(?:best|good|top|fav|"
     r"favou?rite|cheapest|nicest|most reliable)\s+" + _OBJ),
    ("which_x", 2.0, True, r"\bwhich (?P<obj>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,2}) (?:is|are|do|does|should|would|"
     r"can|has|have|to)\b"),
    ("any_good", 3.0, True, r"\bany (?:good|decent|nice|reliable|recommended|cheap|reasonable|affordable) " + _OBJ),
    ("looking_for", 1.5, False, r"\b(?:looking|lookin'?|searching|hunting) (?:for|4)\s+" + _ART + _OBJ),
    ("seeking", 1.5, False, r"\b(?:seeking|in search of|on the hunt for|trying to find)\s+" + _ART + _OBJ),
    ("need_a", 1.0, False, r"\bneeds? (?:(?:a|an|some|new|good|another)\s+)" + _ART + _OBJ),
    ("need_x_in", 1.0, False, r"\bneeds? " + _OBJ.replace("{0,6}", "{0,2}") + r" (?=in |near |around )"),
))
_ASKED_BEFORE = re.compile(r"\b(?:can|could|would|will|does|do|did|anyone|anybody|any1|any one|someone|somebody|"
                           r"please|pls|plz|if|y'?all|guys|u|you|any|who)\W+(?:[a-z']+\W+){0,2}$")
# an explicit request for names ("any suggestions?", "recommendations welcome", "can anyone suggest")
_SOLICIT = re.compile(
    r"\b(?:(?:any|some|got|have|need|want|wanted|looking for|welcome|open to|appreciate)\s+(?:\w+\s+)?" + _RECS
    + r"|" + _RECS + r"\s*(?:\?|please|pls|plz|welcome|wanted|appreciated|needed|anyone)"
    r"|(?:can|could|would|will|pls|please|plz) (?:\w+ )?(?:recomm?end|suggest|advi[cs]e|point me|tell me)"
    r"|recomm?end (?:me|us)\b|help me (?:find|choose|pick|out)|(?:tweet|dm|hit) me up?|hmu\b"
    r"|(?:anyone|any1|anybody|someone)[?!]+)")
# asking for advice or ideas rather than names: weaker
_ADVICE = re.compile(r"\b(?:any|need|want)\s+(?:\w+\s+)?(?:ideas|tips|advice|thoughts|help)\b"
                     r"|\b(?:ideas|tips|advice|thoughts|help)\s*[?!]")
_REACT = re.compile(r"\b(?:thanks?|thx|ty|cheers) (?:\w+ )?(?:for|4) (?:[\w']+ ){0,4}" + _RECS
                    + r"|\b(?:i|we)(?:'d| would)? (?:highly |totally |definitely |strongly |really )?"
                    r"(?:recomm?end|suggest)s?\b(?! (?:any|a good))|\bmy advice\b|\brecommended by\b"
                    r"|\b(?:your|ur|his|her|their)\s+(?:\w+\s+)?(?:recommendation|suggestion)s?\b")
_OFFER = re.compile(r"\b(?:anyone|anybody|any1|who(?:'s| is)?|if (?:you|u)(?:'re| are| r)?|for those)\s+"
                    r"(?:[a-z']+\s+){0,4}(?:looking for|in need of|needs?|wants?)\b"
                    r"|\b(?:are|r) (?:you|u|ya) (?:\w+ )?(?:looking for|in need of|needing)\b"
                    r"|\b(?:you|u|ya) (?:need|needs)\b"
                    r"|(?:^|[.!?\n]\s*)(?:need|needs|looking for|searching for|want)\b[^.?!\n,]{1,60}\?"
                    r"\s*(?:\.{2,}\s*)?"
                    r"(?!\s*(?:any|anyone|anybody|please|pls|help|suggestions|recommendations|i |we |#|@|$))")
_AUDIENCE = re.compile(r"\b(?:anyone|anybody|any1|any one|someone|somebody|y'?all|you guys|u guys|guys|"
                       r"friends|tweeps|twitter|peeps|folks|everyone|everybody|people|ppl|community)\b")
_QUALITY = re.compile(r"\b(?:good|great|decent|reliable|reputable|trustworthy|honest|cheap|affordable|"
                      r"reasonable|best|recommended|professional|qualified|experienced|quality)\b")

# ---------------------------------------------------------------- hard negatives: (name, weight, pattern)
_NEGATIVES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple((n, w, re.compile(p)) for n, w, p in (
    ("ad_question", -5.0, r"\?\s*(?:[!.]\s*)?(?:call|contact|visit|dm|email|e-mail|text|whatsapp|book|click|check out|"
     r"look no further|(?:call|contact|email|text|message) me|we(?:'ve| have| are|'re| can| do| offer)?|our|"
     r"let us|try us|get in touch|come to|"
     r"stop by|shop|order|hire us|ask us|talk to us|give us)\b"),
    ("ad_offer", -4.0, r"\b(?:we offer|we provide|we specialise|we specialize|call us|contact us|book now|"
     r"book today|free quote|free estimate|our (?:services|team|company|shop|store|prices|rates|clients)|"
     r"\d+% off|for sale|on sale now|discount code|promo code|limited offer|sign up now|visit our|"
     r"check out our|dm us|message us|inbox us|whatsapp us|we deliver|serving the)\b"),
    ("selling", -3.0, r"\b(?:i am selling|i'm selling|im selling|selling my|have (?:a|an|some) \w+ for sale)\b"),
    ("hiring", -5.0, r"\b(?:hiring|join (?:our|the|my) team|vacanc(?:y|ies)|job opening|positions? (?:available|open)|"
     r"apply (?:now|today|here|online)|send (?:your|ur|in your) (?:cv|resume)|recruiting|applicants|"
     r"candidates?|salary|full[- ]time|part[- ]time)\b"),
    ("we_are_looking", -1.5, r"\bwe(?:'re| are) (?:currently )?(?:looking|seeking)\b"),
    ("job_seeking", -5.0, r"\b(?:looking for|seeking|need|searching for|find) (?:a |an )?(?:new |good |better |"
     r"part[- ]time |full[- ]time |\w+ )?(?:job|work|employment|internship|career|position|opportunit\w*|vacancy)"
     r"\b(?! (?:website|site|board|agency|agencies|portal)s?)|\bjob (?:hunting|search(?:ing)?)\b|\bmy (?:cv|resume)\b"),
    ("factual_question", -2.0, r"\b(?:when (?:is|are|does|do|will|did)|what time"
     r"|how (?:much|many|long|do|does|can|to|is|"
     r"far|often|would)|why (?:is|are|does|do|did|would)|is it (?:true|possible|safe|legal|allowed|ok)|"
     r"what (?:is|are|'s) the (?:price|cost|fee|rate|procedure|process|requirements?|rules?|laws?|timings?|hours?|"
     r"number|date|deadline|difference)|know (?:if|when|how|why|whether|what time|the (?:number|price|date|time))"
     r"|do (?:i|we) need|opening hours|is there any (?:law|rule))\b"),
    ("customer_service", -4.0, r"^@\w+.{0,80}\b(?:your|ur) (?:service|app|store|shop|site|website|support|customer|"
     r"order|delivery|flight|staff|product|company|team|network|system|account|update|prices|stores)\b"
     r"|^@\w+.{0,60}\b(?:where is|where's|when will|why (?:is|does|did|can't|won't|isn't)) my\b"
     r"|^@\w+.{0,60}\bmy (?:order|bag|luggage|package|parcel|refund|bill|booking|delivery|internet|connection)\b"),
    ("rhetorical", -4.0, r"\b(?:who needs (?:a |an )?\w+(?: \w+)? (?:when|if|anyway)|why would (?:anyone|anybody|you)|"
     r"what(?:'s| is) the point|who does that|do i look like|who (?:the hell|cares)|of all time|\bever\?|"
     r"am i the only|isn'?t it\?|right\?$)"),
    ("joke", -1.0, r"\b(?:lol+|lmao+|rofl|haha\w*|hehe\w*|jk|j/k|kidding|joking)\b|:p\b|;\)"),
    ("company_or_date", -4.0, r"\b(?:(?:anyone|anybody|who) (?:want|wants|wanna) (?:to )?(?:go|come|join|hang|meet|"
     r"grab|see|watch|play)|join me|come with me|wanna hang|looking for (?:a |an )?(?:girlfriend|boyfriend|"
     r"date|husband|wife|partner in crime|friend|friends|buddy|roommate|roomie|someone to (?:talk|hang|love|"
     r"cuddle|date|chat)))\b"),
    ("lost_item", -3.0, r"\b(?:looking|searching) for (?:my|his|her|our|the) (?:keys?|phone|wallet|glasses|"
     r"remote|charger|bag|cat|dog|passport|shoe)s?\b"),
    ("opinion_poll", -1.5, r"\b(?:do you (?:like|prefer|think)|what do you think (?:of|about)|who (?:would|will) win|"
     r"which is better|vote for|poll:?)\b"),
))
# sought heads no provider answers: jokes, company, states of mind
_ABSURD = wordset(
    "hitman hit man exorcist time machine unicorn miracle life brain clue hug hugs nap sleep girlfriend "
    "boyfriend husband wife date sugar daddy wizard genie clone cuddle kiss break day off vacation from "
    "miracle cure friend friends hero superhero motivation inspiration luck job jobs work money cash loan "
    "shark dragon zombie vampire ghost soul mate soulmate lover man woman guy girl reason excuse answer "
    "answers drink drinks beer shower bath rest laugh laughs joke jokes plan plans day days night nights "
    "weekend lunch dinner breakfast topic name names fact facts lyric lyrics energy block")
_GENERIC = wordset(
    "one ones it this that something anything someone somebody anyone anybody thing things stuff them few lot "
    "ppl people folks "
    "place places somewhere suggestion suggestions idea ideas recommendation recommendations advice help "
    "info information tips way ways good more other others new")
_CUT = wordset(
    "in near around at that which who whom where when while if please pls plz thanks thx tia asap so "
    "because but i we my you u it is are was were can could would will should anyone anybody any1 here "
    "there lol lmao haha and or too as also? like than from on what how now today tonight this "
    "these those since till until before after with")
_KEEP_AFTER = wordset("place places somewhere spot spots someone somebody company companies shop shops "
                        "store stores service services one people person guy firm agency website site app "
                        "thing things clinic center centre school")
_WORDS_SPLIT = re.compile(r"[ ]+")


def _trim(obj: str) -> str:
    """The shortest phrase of ``obj`` that names what is sought."""
    toks = [t.strip("'\"-/") for t in _WORDS_SPLIT.split(obj.strip())]
    toks = [t for t in toks if t]
    out: list[str] = []
    for i, tok in enumerate(toks):
        if i and tok in ("for", "to") and out[-1] in _KEEP_AFTER and i + 1 < len(toks):
            out.append(tok)
            continue
        if i and (tok in _CUT or (tok in ("for", "to", "of") and out[-1] not in _KEEP_AFTER)):
            break
        if tok.startswith(("#", "@")) and i:
            break
        out.append(tok)
        if len(out) >= 6:
            break
    while len(out) > 1 and out[-1] in ("a", "an", "the", "for", "to", "of", "some", "any", "good", "my"):
        out.pop()
    return norm_phrase(" ".join(out))


def _context_sought(low: str) -> str | None:
    """A provider/product/place/media term named anywhere in ``low``, with up to two modifiers before it."""
    toks = words(low)
    found = lookup(" ".join(toks))
    if found is None:
        return None
    term = found[0].split()
    sing = [singular(t) for t in toks]
    for i in range(len(sing) - len(term), -1, -1):
        if sing[i:i + len(term)] == term:
            mods: list[str] = []
            for w in reversed(toks[max(0, i - 2):i]):
                if w in STOPWORDS or w in _CUT or w in _GENERIC or w in _VERBS or not w.isalpha():
                    break
                mods.insert(0, w)
            return norm_phrase(" ".join([*mods, *toks[i:i + len(term)]]))
    return found[0]


_VERBS = wordset("need want buy get find watch read play listen try use hire visit see recommend suggest "
                   "good new another other better best great")
_BAD_START = STOPWORDS | _CUT | wordset("of for to and or about up out into")


def _asked(low: str, at: int) -> bool:
    """Whether the sentence around ``at`` is a question or a plea."""
    start = max(low.rfind(c, 0, at) for c in ".!?\n")
    ends = [i for i in (low.find(c, at) for c in ".!\n") if i >= 0]
    end = min(ends) if ends else len(low)
    q = low.find("?", at)
    return (0 <= q <= end) or _ASKED_BEFORE.search(low[start + 1:at]) is not None


def _kind(sought: str, low: str, term_kind: str | None) -> str:
    if term_kind is not None:
        return term_kind
    if re.search(r"\b(?:buy|purchase|order|get hold of|for sale)\b", low):
        return "product"
    if re.search(r"\b(?:place|spot|where to (?:go|eat|stay)|somewhere)\b", sought):
        return "place"
    if re.search(r"\b(?:someone|somebody|company|service|person|guy|firm|agency|provider|who can)\b", sought):
        return "service"
    return "other"


def detect_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The request in ``text``, or ``None``: what is sought, its category, location, kind, score and cues."""
    if not might_be_request(text):
        return None
    found = judge_request(text, is_reply=is_reply)
    return found if found is not None and found.score >= THRESHOLD else None


def judge_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The best reading of ``text`` as a request, *whatever its score* (``None`` when nothing is asked for).

    ``detect_request`` keeps it when ``score >= THRESHOLD``; this shows why a post was rejected.
    """
    body = clean(strip_leading_mentions(text))
    low = body.lower()
    cues: list[Cue] = []
    sought: str | None = None
    z = _BIAS
    ask_weight = 0.0
    solicit = _SOLICIT.search(low)
    for name, weight, must_ask, pattern in _ASKS:
        for m in pattern.finditer(low):
            if must_ask and not solicit and not _asked(low, m.start()):
                continue
            cand = _trim(m.group("obj"))
            first = cand.split()[0] if cand else ""
            if not cand or first in _BAD_START or (first in _GENERIC and " " not in cand):
                continue
            sought, ask_weight = cand, weight
            cues.append(Cue(name, m.group(0)[:80], weight))
            break
        if sought is not None:
            break
    if solicit:
        w = 1.0 if ask_weight else 2.5
        cues.append(Cue("solicits_names", solicit.group(0), w))
        z += w
    else:
        solicit = _ADVICE.search(low)
        if solicit is not None:
            w = 0.5 if ask_weight else 1.5
            cues.append(Cue("asks_advice", solicit.group(0), w))
            z += w
    if sought is None and solicit:
        sought = _context_sought(low)
        if sought:
            cues.append(Cue("sought_from_context", sought, 0.0))
    if sought is None:
        return None
    z += ask_weight
    found = lookup(sought)
    if found is not None:
        cues.append(Cue("provider_term", f"{found[0]} ({found[1]})", 1.0))
        z += 1.0
    else:
        cues.append(Cue("no_provider_term", sought, -0.7))
        z -= 0.7
    if "?" in body:
        cues.append(Cue("question", "?", 0.5))
        z += 0.5
    audience = _AUDIENCE.search(low)
    if audience:
        cues.append(Cue("asks_audience", audience.group(0), 0.7))
        z += 0.7
    quality = _QUALITY.search(low)
    if quality:
        cues.append(Cue("quality_wanted", quality.group(0), 0.5))
        z += 0.5
    location = find_location(body)
    if location:
        cues.append(Cue("location", location, 0.5))
        z += 0.5
    for name, weight, pattern in (("reacts_to_advice", -3.0, _REACT), ("offer_to_seekers", -3.0, _OFFER),
                                  *_NEGATIVES):
        target = text.lower() if name == "customer_service" else low
        hit = pattern.search(target)
        if hit is not None:
            if name == "factual_question" and ask_weight >= 3.0:
                weight = -0.5
            cues.append(Cue(name, hit.group(0)[:80], weight))
            z += weight
    head = sought.split(" for ")[0].split(" to ")[0]
    if head in _ABSURD or head.split()[-1] in _ABSURD:
        cues.append(Cue("absurd_or_personal_object", head, -4.0))
        z -= 4.0
    score = 1.0 / (1.0 + math.exp(-z))
    return Request(sought=sought, category=found[1] if found else None, location=location,
                   kind=_kind(sought, low, found[2] if found else None), score=score, cues=tuple(cues))
