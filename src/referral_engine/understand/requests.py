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
- a pronoun object ("where can I get one?") takes its antecedent from the post's other asks, its
  provider terms or a forum post's subject line.
"""

from __future__ import annotations

import math
import re

from .model import Cue, Request
from .places import find_location
from .taxonomy import lookup
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


def might_be_request(text: str) -> bool:
    """A cheap test that every request passes (most posts fail it in well under a microsecond)."""
    low = text.lower()
    if "?" in text and _QUESTION_GATE.search(low) is not None:
        return True
    if not ("rec" in low or "need" in low or "look" in low or "know" in low or "sugg" in low
            or "where" in low or "idea" in low or "advi" in low or "search" in low or "seek" in low
            or "tips" in low or "hmu" in low or "hunt" in low or "point me" in low or "to find" in low
            or "tell me" in low or "any" in low or "want" in low or "to buy" in low or "wer " in low
            or "inform" in low):
        return False
    return any(stem in low and gate.search(low) is not None for stem, gate in _STEM_GATES)


# ---------------------------------------------------------------- asks
# (name, weight, must be asked, strong, pattern). "must be asked": the cue counts only inside a
# question or a plea ("?" later in its sentence, or "can/could/does/anyone/please ..." before it, or
# an explicit request for names anywhere), so "I know a few songs" and "I recommend it" do not.
# "strong": the ask itself says the author wants to use, buy or hire what it names ("where can I buy
# X", "recommend a X"); a weak ask ("looking for X", "what's the best X", "any good X") counts only
# when X is provider-like (a taxonomy term or a general provider head such as shop, app, company).
_ART = (r"(?:(?:a|an|any|some|the|good|great|decent|reliable|nice|reputable|trustworthy|really good|new|and|"
        r"cheapest|affordable|reasonable|resonable|quality|best|professional|of the|of these)\s+)*")
_OBJ = r"(?P<obj>[a-z0-9#@&'/+-]+(?:[ -][a-z0-9#&'/+-]+){0,6})"
_OBJ3 = r"(?P<obj>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,2})"
_WHO = r"(?:anyone|anybody|any1|any one|someone|somebody|you|u|ya|y'all|yall|you guys|u guys|people|ppl|folks)"
_NAMES = r"(?:recommendations?|recomendations?|reccomendations?|recs|suggestions?|suggestion)"
_RECS = r"(?:recommendations?|recomendations?|reccomendations?|recs|suggestions?|ideas|advice|advise|tips|pointers)"
_GET = (r"(?:go|find|get|buy|purchase|order|rent|hire|eat|stay|take|have|repair|fix|try|shop|see|watch|visit"
        r"|download|learn|play)")
_ASKS: tuple[tuple[str, float, bool, bool, re.Pattern[str]], ...] = tuple(
    (n, w, q, st, re.compile(p)) for n, w, q, st, p in (
        ("who_do_you_use", 4.0, False, True, r"\bwho (?:do|does|did|should|would|can) " + _WHO
         + r" (?:use|recommend|suggest|go to|see|trust|call)(?: (?:for|as))? " + _ART + _OBJ),
        ("who_can", 3.0, True, True, r"\b(?:(?:who|someone who|somebody who|anyone who|company who|company that"
         r"|place that|shop that) (?:can|could|will|would|is able to) (?:install|fix|repair|rebuild|make|do|deliver"
         r"|provide|sell|supply|teach|clean|service|paint|build|design|print|translate|move|ship|tailor|stitch"
         r"|cater|remove|tint)|(?:someone|somebody|anyone|company|place|shop) (?:who|that) (?:does|sells|repairs"
         r"|fixes|installs|makes|teaches|delivers))\s+" + _ART + _OBJ),
        ("where_to_get", 3.5, False, True, r"\b(?:where|wer) (?:can|could|do|does|should|would|is|are|r|to|i can"
         r"|we can|one can|i could|we could)(?: (?:i|we|you|u|one|someone|a person|people))?"
         r"(?: " + _GET + r")+(?: (?:or|and|/) " + _GET + r")?(?: (?:to|for|a good|the best))?\s+" + _ART + _OBJ),
        ("where_passive", 3.0, True, True, r"\bwhere (?:i can |we can |to )?(?:get |have )?"
         r"(?P<obj>[a-z0-9&'/+()-]+(?: [a-z0-9&'/+()-]+){0,4})"
         + r" (?:can|could) (?:be |get )?(?:done|fixed|repaired|bought|found|purchased|made|serviced)\b"),
        ("where_best", 3.5, False, False, r"\bwhere(?:'s| is| are|'re)? (?:the |a )?(?:best|good|nearest|cheapest) "
         + _OBJ),
        ("know_where", 3.0, True, True, r"\bknows? (?:where|wer|were)(?: (?:can|could|should|do))? (?:i|we|you|u|one"
         r"|to)(?: can| could| should)?(?: " + _GET + r")+(?: (?:or|and|/) " + _GET + r")?(?: (?:for|a))?\s+"
         + _ART + _OBJ),
        ("available", 3.0, True, True, r"\b(?:know if|know whether|wondering if|is|are) " + _OBJ3
         + r" (?:is |are )?(?:available|sold)\b(?= (?:here|in|at|anywhere|locally)|\s*\?)"),
        ("know_a", 3.5, True, False, r"\bknows? (?:(?:of|about) (?:a |an |any |some |come |good |decent |reliable )"
         r"|(?:of )?(?:a|an|any|some) |if (?:there(?: is| are|'s) )?(?:a|an|any|some) )" + _ART + _OBJ),
        ("tell_me_best", 3.0, True, False, r"\b(?:tell|let) me (?:know )?(?:(?:of |about )?(?:the |a |an |any |some )?"
         r"(?:best|good|nice|decent|reliable|reputable|cheap|cheapest|affordable|reasonable)\s+|about )" + _ART + _OBJ),
        ("recommend_x", 3.0, True, True, r"\b(?:recomm?end|recc?omm?end|suggest)\s+(?:me\s+|us\s+)?(?:as |for )?"
         r"(?:(?:a|an|any|some)\s+)" + _ART + _OBJ),
        ("recs_for", 3.0, True, True, r"\b" + _NAMES + r"\s+(?:for|on|of|about|regarding)\s+"
         r"(?:a |an |some |the |good )*" + _OBJ),
        ("x_recs", 3.0, True, True, r"(?P<obj>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,2}) " + _NAMES + r"\b"),
        ("ideas_for", 2.0, True, False, r"\b(?:ideas|advice|advise|tips|pointers|help)\s+(?:for|on|of|about|"
         r"regarding|with)\s+(?:a |an |some |the |good )*" + _OBJ),
        ("what_should_i", 3.0, True, False, r"\b(?:what|which)(?: kind of| type of| sort of| brand of| make of)? "
         + _OBJ3 + r" (?:should|shall|can|could|would|do) (?:i|we) (?:buy|get|watch|read|play|listen to|use|try"
         r"|choose|go for|visit|hire|download|see)\b"),
        ("best_q", 2.5, True, False, r"\b(?:which|what)(?:'s| is| are|'re| r)? (?:the |ur |your )?(?:best|good|"
         r"top|fav|favou?rite|cheapest|nicest|most reliable)\s+" + _OBJ),
        # a forum subject or a terse tweet: "best place for shawarma in doha?", "cheapest gym near uni?"
        ("best_x", 2.5, True, False, r"(?:^|[.!?\n]\s*)(?:the )?(?:best|cheapest|nearest|good|decent|reliable) "
         + _OBJ),
        ("which_x", 2.0, True, False, r"\bwhich " + _OBJ3 + r" (?:is|are|do|does|should|would|will|can|has|have"
         r"|to)\b(?! (?:not|n't|down|broken|working|closed|missing|wrong|better than)\b)"),
        ("any_good", 3.0, True, False, r"\bany (?:good|decent|nice|reliable|recommended|cheap|reasonable|"
         r"affordable|private|cheaper) " + _OBJ),
        ("is_there", 2.5, True, False, r"\b(?:(?:is|are) there|there (?:is|are)) (?:a|an|any|some)\s+(?!more )"
         + _ART + _OBJ),
        ("any_x_in", 2.0, True, False, r"\bany (?!other |more |of )" + _OBJ3 + r" (?=(?:in|near|around) )"),
        ("anyone_doing", 2.5, False, False, r"\b(?:anyone|anybody|any ?one|any1) (?:here )?(?:doing|offering|"
         r"selling|teaching|providing|that does|who does|who sells)\s+" + _ART + _OBJ),
        ("plan_to_buy", 1.5, False, True, r"\b(?:planning|plan|want|wanting|going|hoping|thinking of|decided|"
         r"need|like) to (?:buy|purchase|rent|hire|order)\s+" + _ART + _OBJ),
        ("looking_for", 1.5, False, False, r"\b(?:looking|lookin'?|lookig|searching|hunting) (?:for|4)\s+"
         + _ART + _OBJ),
        ("seeking", 1.5, False, False, r"\b(?:seeking|in search of|on the hunt for|(?:trying|need|want|wanting|"
         r"hoping) to find)\s+" + _ART + _OBJ),
        ("need_a", 1.0, False, False, r"\bneeds? (?:(?:a|an|some|new|good|another|cheap|free),?\s+)"
         r"(?:(?:or|and) \w+,?\s+)?" + _ART + _OBJ),
        ("want_a", 1.0, True, False, r"\bwants? (?:(?:a|an|some|another)\s+)" + _ART + _OBJ),
        ("need_x_in", 1.0, False, False, r"\bneeds? " + _OBJ3 + r" (?=in |near |around )"),
    ))
# the literal text each ask needs (a pattern runs only on posts holding one: most hold none)
_ASK_STEMS: dict[str, tuple[str, ...]] = {
    "who_do_you_use": ("who",), "who_can": ("who", "that"), "where_to_get": ("where", "wer "),
    "where_passive": ("where",), "where_best": ("where",), "know_where": ("know",), "available": ("availab", "sold"),
    "know_a": ("know",), "tell_me_best": ("tell me", "let me"), "recommend_x": ("recom", "recc", "sugg"),
    "recs_for": ("recom", "recc", "recs", "sugg"), "x_recs": ("recom", "recc", "recs", "sugg"),
    "ideas_for": ("idea", "advi", "tips", "pointers", "help"), "what_should_i": ("what", "which"),
    "best_q": ("what", "which"),
    "best_x": ("best", "cheapest", "nearest", "good", "decent", "reliable"),
    "which_x": ("which",), "any_good": ("any ",), "is_there": ("there",),
    "any_x_in": ("any ",), "anyone_doing": ("any",), "plan_to_buy": (" to ",),
    "looking_for": ("look", "search", "hunt"),
    "seeking": ("seek", "search", "hunt", "find"), "need_a": ("need",), "want_a": ("want",), "need_x_in": ("need",),
}
_WEAK_STATEMENT = frozenset({"looking_for", "seeking", "need_a", "need_x_in", "plan_to_buy"})
_ASKED_BEFORE = re.compile(r"\b(?:can|could|would|will|does|do|did|anyone|anybody|any1|any one|someone|somebody|"
                           r"please|pls|plz|if|y'?all|guys|u|you|any|who)\W+(?:[a-z']+\W+){0,2}$")
# an explicit request for names ("any suggestions?", "recommendations welcome", "can anyone suggest")
_SOLICIT = re.compile(
    r"\b(?:(?:any|need|want|wanted|looking for|welcome|open to|appreciate|love|like)\s+(?:\w+\s+)?" + _NAMES
    + r"|" + _NAMES + r"\s*(?:\?|please|pls|plz|welcome|wanted|appreciated|needed|anyone)"
    r"|(?:can|could|would|will|pls|please|plz|should) (?:\w+ )?(?:recomm?end|recomend|suggest|advi[cs]e|point me)"
    r"|(?:tell|let) me (?:know )?(?:of |about )?(?:a |an |any |some |the best |good |the (?:\w+ )?(?:names?|number|"
    r"contact)|where (?:i|we|to|can)|"
    r"which (?:one|shop|store|place|company|brand)|who (?:can|does|sells))"
    r"|(?:what|which|where|who) (?:\w+ ){0,2}(?:recomm?end|suggest)|(?:any|some) (?:one|body) (?:\w+ )?(?:recomm?end|"
    r"suggest)"
    r"|recomm?end (?:me|us)\b|help me (?:find|choose|pick|locate)|(?:tweet|hit) me(?: up)?\b|hmu\b|please inform"
    r"|pls inform)")
# asking for advice, ideas or help rather than names: weaker, and they name no provider by themselves
_ADVICE = re.compile(r"\b(?:any|need|want)\s+(?:\w+\s+)?(?:ideas|tips|advice|advise|thoughts|help|feedback)\b"
                     r"|\b(?:ideas|tips|advice|thoughts|help|feedback)\s*[?!]"
                     r"|\b(?:can|could|would) (?:any ?one|any ?body|some ?one|some ?body|you|u|anyone) "
                     r"(?:pls |please |plz )?(?:help|advi[cs]e|guide)"
                     r"|\b(?:pls|please|plz|kindly) (?:help|advi[cs]e|guide|share|inform|(?:dm|pm|message) me)")
_REACT = re.compile(r"\b(?:thanks?|thx|ty|cheers) (?:\w+ )?(?:for|4) (?:[\w']+ ){0,4}" + _RECS
                    + r"|\b(?:i|we)(?:'d| would)? (?:highly |totally |definitely |strongly |really )?"
                    r"(?:recomm?end|suggest)s?\b(?! (?:any|a good))|\bmy advice\b|\brecommended by\b"
                    r"|\b(?:your|ur|his|her|their)\s+(?:\w+\s+)?(?:recommendation|suggestion)s?\b")
# "Need a plumber? ..." and "anyone looking for a ..." address people who need something: offers
_OFFER = re.compile(r"\b(?:anyone|anybody|any1|who(?:'s| is)?|if (?:you|u)(?:'re| are| r)?|for those)\s+"
                    r"(?:[a-z']+\s+){0,4}(?:looking for|in need of|needs?|wants?)\b"
                    r"|\b(?:are|r) (?:you|u|ya) (?:\w+ )?(?:looking for|in need of|needing)\b"
                    r"|\b(?:you|u|ya) (?:need|needs)\b"
                    r"|(?:^|[.!?\n]\s*)(?:need|needs|looking for|searching for|want)\b[^.?!\n,]{1,60}\?"
                    r"\s*(?:\.{2,}\s*)?"
                    r"(?!\s*(?:any|anyone|anybody|please|pls|help|suggestions|recommendations|i |i'|we |my |#|@))"
                    r"|\bif not,? i know (?:someone|somebody|a guy|a good)")
_AUDIENCE = re.compile(r"\b(?:anyone|anybody|any1|any one|someone|somebody|y'?all|you guys|u guys|guys|"
                       r"friends|tweeps|twitter|peeps|folks|everyone|everybody|people|ppl|community|members)\b")
_QUALITY = re.compile(r"\b(?:good|great|nice|decent|reliable|reputable|trustworthy|honest|cheap|affordable|"
                      r"reasonable|best|recommended|professional|qualified|experienced|quality)\b")
# intent to use what is asked about (turns a poll into a request)
_INTENT = re.compile(r"\b(?:(?:looking for|need|needs|want) (?:a|an|some|new|good|more)|(?:want|planning|going|gonna|"
                     r"need) to (?:buy|get|watch|read|try|see|listen to|hear|use|play|download))\b")

# ---------------------------------------------------------------- hard negatives: (name, weight, pattern)
_NEGATIVES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple((n, w, re.compile(p)) for n, w, p in (
    # a question addressed to the reader ("Need a plumber?", "Looking for X?") answered by the author
    ("ad_question", -5.0, r"(?:^|[.!?\n]\s*)(?:need|needs|looking|searching|want|tired of|in need of|are you|"
     r"do you|got|having|have you|thinking of)\b[^.?!\n]{0,60}\?\s*(?:[!.]\s*)?(?:call|contact|visit|dm|email|"
     r"e-mail|text|whatsapp|book|click|check out|look no further|(?:call|contact|email|text|message) me|"
     r"we(?:'ve| have| are|'re| can| do| offer)?|our|let us|try us|get in touch|come to|stop by|shop|order|"
     r"hire us|ask us|talk to us|give us)\b"
     r"|\?\s*(?:[!.]\s*)?(?:call us|contact us|visit us|visit our|dm us|email us|check out our|we offer|"
     r"we provide|look no further|get in touch)\b"),
    ("ad_offer", -4.0, r"\b(?:we offer|we provide|we specialise|we specialize|call us|contact us|book now|"
     r"book today|free quote|free estimate|our (?:services|team|company|shop|store|prices|rates|clients)|"
     r"\d+% off|on sale now|discount code|promo code|limited offer|sign up now|visit our|"
     r"check out our|dm us|message us|inbox us|whatsapp us|we deliver|serving the|free (?:delivery|shipping)"
     r"|orders over)\b"),
    ("selling", -3.0, r"\b(?:i am selling|i'm selling|im selling|selling my|have (?:a|an|some) \w+ for sale)\b"
     r"|\bfor sale\b(?![^.!\n]*\?)"),
    ("hiring", -5.0, r"\b(?:hiring|join (?:our|the|my) team|vacanc(?:y|ies)|job opening|positions? (?:available|open)|"
     r"apply (?:now|today|here|online)|send (?:your|ur|in your) (?:cv|resume)|recruiting|applicants|"
     r"candidates?|salary|full[- ]time|part[- ]time)\b"),
    ("we_are_looking", -1.5, r"\bwe(?:'re| are) (?:currently )?(?:looking|seeking)\b"),
    ("job_seeking", -5.0, r"\b(?:looking for|seeking|need|searching for|find) (?:a |an )?(?:new |good |better |"
     r"part[- ]time |full[- ]time |\w+ )?(?:job|work|employment|internship|career|position|opportunit\w*|vacancy)"
     r"\b(?! (?:website|site|board|agency|agencies|portal)s?)|\bjob (?:hunting|search(?:ing)?)\b|\bmy (?:cv|resume)\b"
     r"|\bany (?:job )?openings\b|\bthe resume\b"),
    ("factual_question", -2.0, r"\b(?:when (?:is|are|does|do|will|did)|what time"
     r"|how (?:much|many|long|do|does|can|is|far|often|would)|how to (?!find|get|buy|locate|choose|contact)"
     r"|why (?:is|are|does|do|did|would)|is it (?:true|possible|safe|legal|allowed|ok)|"
     r"what (?:is|are|'s) the (?:\w+ ){0,2}(?:price|cost|fee|rate|procedure|process|requirements?|rules?|laws?|"
     r"timings?|hours?|number|date|deadline|difference|trend|name)|know (?:if|when|how|why|whether|what time|"
     r"the (?:number|price|date|time|name))(?! there)(?! (?:any|a|an|some) )"
     r"|do (?:i|we) need|opening hours|is there any (?:law|rule))\b"),
    # errands at an office, not a provider to choose ("where can I pay a parking ticket")
    ("errand", -5.0, r"\bwhere (?:(?:can|do|should|could|to|would) (?:i |we |one )?|(?:i|we) (?:can|could|should) )"
     r"(?:go (?:and |to )?)?(?:pay|renew|"
     r"apply|register|report|complain|submit|collect|cancel|vote|file)\b"),
    # a question to a vendor about its own range ("do you sell ...?")
    ("asks_vendor", -3.0, r"\b(?:do|does) (?:you|u|ya|they) (?:do|sell|stock|carry|make|offer|ship|deliver)\b"),
    ("customer_service", -4.0, r"^@\w+.{0,80}\b(?:your|ur) (?:service|app|store|shop|site|website|support|customer|"
     r"order|delivery|flight|staff|product|company|team|network|system|account|update|prices|stores)\b"
     r"|^@\w+.{0,60}\b(?:where is|where's|when will|why (?:is|does|did|can't|won't|isn't)) my\b"
     r"|^@\w+.{0,60}\bmy (?:order|bag|luggage|package|parcel|refund|bill|booking|delivery|internet|connection)\b"),
    ("rhetorical", -4.0, r"\b(?:who needs (?:a |an )?\w+(?: \w+)? (?:when|if|anyway)|why would (?:anyone|anybody|you)|"
     r"what(?:'s| is) the point|who does that|do i look like|who (?:the hell|cares)|of all time|\bever\?|"
     r"am i the only|isn'?t it\?|right\?$|did (?:you|u|ya) know"
     r"|(?:do|does|did) (?:i|we|the world|anyone|anybody|you|u|he|she|they) really need)"),
    ("joke", -1.0, r"\b(?:lol+|lmao+|rofl|haha\w*|hehe\w*|jk|j/k|kidding|joking)\b|[:;]p\b|;\)"),
    ("company_or_date", -4.0, r"\b(?:(?:anyone|anybody|who) (?:want|wants|wanna) (?:to )?(?:go|come|join|hang|meet|"
     r"grab|see|watch|play)|join me|come with me|wanna hang|looking for (?:a |an )?(?:girlfriend|boyfriend|"
     r"date|husband|wife|partner in crime|friend|friends|buddy|roommate|roomie|someone to (?:talk|hang|love|"
     r"cuddle|date|chat)))\b"),
    ("lost_item", -3.0, r"\b(?:looking|searching) for (?:my|his|her|our|the) (?:keys?|phone|wallet|glasses|"
     r"remote|charger|bag|cat|dog|passport|shoe)s?\b"),
    ("opinion_poll", -1.5, r"\b(?:do you (?:like|prefer|think)|what do you think (?:of|about)|who (?:would|will) win|"
     r"which is better|vote for|poll:?)\b"),
    # "what's your favourite song?" asks for taste, not for something to use (unless they want it: _INTENT)
    ("favourite_poll", -2.5, r"\b(?:what|which)(?:'s| is| are|'re| r)? (?:ur|your|yr|ya|you guys'?) "
     r"(?:fav\w*|favou?rite|best|top)\b"),
))
_CANCELLED_BY_INTENT = frozenset({"opinion_poll", "favourite_poll"})
# heads no provider answers: jokes, company, states of mind, information
_ABSURD = wordset(
    "hitman exorcist unicorn miracle life brain clue hug hugs nap sleep girlfriend boyfriend husband wife date "
    "wizard genie clone cuddle kiss break vacation motivation inspiration luck job jobs work money cash "
    "shark dragon zombie vampire ghost soul soulmate lover man woman guy girl reason excuse answer answers "
    "rest laugh laughs joke jokes plan plans day days night nights weekend topic topics name names fact facts "
    "lyric lyrics energy block "
    "information info detail details price prices cost costs fee fees rate rates law laws rule rules procedure "
    "procedures requirement requirements number numbers address email link links list schedule timing timings "
    "result results contest news update updates opinion opinions thought thoughts feedback review reviews "
    "word words idea ideas tip tips advice help clue meaning question questions problem problems story stories "
    "weather time way ways ad ads advert adverts recipe recipes style styles color colour colors colours "
    "craft crafts")
_ABSURD_PHRASES = frozenset({"time machine", "hit man", "sugar daddy", "day off", "miracle cure", "soul mate",
                             "break from", "drink", "drinks", "beer", "shower", "bath", "lunch", "dinner",
                             "breakfast"})
_GENERIC = wordset(
    "one ones it this that these those something anything someone somebody anyone anybody thing things stuff "
    "them few lot ppl people folks suggestion suggestions idea ideas recommendation recommendations advice "
    "help info information tips way ways good more other others new")
# words that end no noun phrase ("kindly give suggestions", "any more suggestions")
_NOT_NOUN = wordset("give get need want have any some no more other your my our the for and kindly please pls plz "
                    "good great few")
_BARE_PLACES = wordset("place places shop shops store stores somewhere anywhere outlet outlets spot spots")
_PRONOUNS = wordset("one ones it this these those them some any that")
_CUT = wordset(
    "its it's im i'm is in near around at that which who whom where when while if please pls plz thanks thx tia "
    "asap so "
    "because but i we my you u it is are was were can could would will should anyone anybody any1 here "
    "there lol lmao haha and or too as also? like than from on what how now today tonight this "
    "these those since till until before after with she he they him them their "
    "offered offering doing going available needed required wanted selling located based that's have has had been "
    "be does do did budget")
_KEEP_AFTER = wordset("place places somewhere spot spots someone somebody company companies shop shops "
                      "store stores service services one people person guy firm agency website site app "
                      "thing things clinic center centre school")
# general provider heads beyond the taxonomy: what one uses, hires, buys from, visits, reads or watches
_PROVIDER_HEADS = wordset(
    "shop shops store stores place places spot spots somewhere company companies service services app apps "
    "site sites website websites book books software program programs restaurant restaurants doctor doctors "
    "someone somebody person people agency agencies firm firms provider providers supplier suppliers "
    "dealer dealers centre center centres centers clinic clinics school schools brand brands product products "
    "outlet outlets vendor vendors seller sellers shop brand model models make tool tools device devices "
    "course courses class classes teacher teachers source sources option options item items field fields "
    "ground grounds court courts channel channels station stations activity activities lesson lessons club clubs")
_AGENT_SUFFIXES = ("ist", "ists", "ian", "ians", "maker", "makers", "smith")
# a thing sought "for" or "to" something: a "place to buy tyres" seeks tyres, a "place to eat" a place
_VIA_PLACE = re.compile(r"^(?:a |an |any |some |the |good |nice |best |cheap )*(?:place|places|shop|shops|store|"
                        r"stores|somewhere|anywhere|outlet|outlets|one|someone|somebody|company|companies|"
                        r"where|supplier|suppliers|agency)\s+(?:to|that|which|who|where|for|selling|"
                        r"offering|doing)\s+(?:(?:i|we|you|one) )?(?:can |could )?(?:buy|get|find|purchase|order|"
                        r"sells?|selling|offers?|offering|provides?|providing|does|do|doing|has|have|stocks?|"
                        r"makes?|teach(?:es)?)\s+(?P<rest>.+)$")
_GERUND_LEAD = re.compile(r"^(?:buying|purchasing|getting|hiring|finding|renting|ordering)\s+")
_WORDS_SPLIT = re.compile(r"[ ]+")
_QUOTED = re.compile(r'"[^"\n]{12,280}"')
_OWN = re.compile(r"\b(?:my|our|your|ur|his|her|their) (?:own |new |old |little )?[a-z'-]+")
_POSSESSIVE = frozenset({"your", "ur", "yr", "his", "her", "their", "ya"})


def _refine(obj: str) -> tuple[str, bool]:
    """What ``obj`` seeks, and whether it came through a place or person to get it from ("place to buy X")."""
    via = _VIA_PLACE.match(obj)
    if via is not None and via.group("rest").split()[0] not in _PRONOUNS:
        return _trim(via.group("rest")), True
    return _trim(obj), False


def _trim(obj: str) -> str:
    """The shortest phrase of ``obj`` that names what is sought."""
    obj = _GERUND_LEAD.sub("", obj)
    toks = [t.removesuffix("/s").strip("'\"-/") for t in _WORDS_SPLIT.split(obj.strip())]
    toks = [t for t in toks if t]
    out: list[str] = []
    for i, tok in enumerate(toks):
        if i and tok in ("for", "to") and out[-1] in _KEEP_AFTER and i + 1 < len(toks):
            out.append(tok)
            continue
        if i and (tok in _CUT or (tok in ("for", "to", "of") and out[-1] not in _KEEP_AFTER)):
            break
        if tok.startswith(("#", "@", "(")) and i:
            break
        out.append(tok)
        if len(out) >= 6:
            break
    while len(out) > 1 and out[-1] in ("a", "an", "the", "for", "to", "of", "some", "any", "good", "my"):
        out.pop()
    return norm_phrase(" ".join(out))


_WANTING = wordset("need needs want wants looking searching seeking any which good best decent cheap "
                   "recommend suggest buy recommended reliable")
_VERBS = wordset("need want buy get find watch read play listen try use hire visit see recommend suggest "
                 "good new another other better best great")
_BAD_START = STOPWORDS | _CUT | wordset("of for to and or about up out into")
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
        toks = words(_OWN.sub(" ", piece))
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
                    if w in STOPWORDS or w in _CUT or w in _GENERIC or w in _VERBS or not w.isalpha():
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
    return (0 <= q <= end) or _ASKED_BEFORE.search(low[start + 1:at]) is not None


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
    return last in _PROVIDER_HEADS or last.endswith(_AGENT_SUFFIXES) or (found is not None and len(head) == 1)


def _absurd(sought: str) -> str | None:
    head = _head(sought)
    if not head:
        return None
    phrase = " ".join(head)
    if phrase in _ABSURD_PHRASES or ((head[-1] in _ABSURD or singular(head[-1]) in _ABSURD)
                                     and lookup(phrase) is None):
        return phrase
    return None


def _kind(sought: str, low: str, term_kind: str | None, ask: str) -> str:
    if ask == "who_can":
        return "service"  # "who can fix a cracked screen": someone to do it
    if term_kind is not None:
        return term_kind
    if ask in ("where_to_get", "know_where", "plan_to_buy", "available", "where_passive") and re.search(
            r"\b(?:buy|purchase|order|get hold of|for sale|find|sell|sells|selling)\b", low):
        return "product"
    if re.search(r"\b(?:buy|purchase|order|get hold of|for sale)\b", low):
        return "product"
    if re.search(r"\b(?:place|spot|where to (?:go|eat|stay)|somewhere)\b", sought):
        return "place"
    if re.search(r"\b(?:someone|somebody|company|service|person|guy|firm|agency|provider|who can)\b", sought) \
            or sought.split()[-1].endswith(_AGENT_SUFFIXES) or ask == "who_can":
        return "service"
    return "other"


def detect_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The request in ``text``, or ``None``: what is sought, its category, location, kind, score and cues."""
    if not might_be_request(text):
        return None
    found = _judge(text, fast=True)
    return found if found is not None and found.score >= THRESHOLD else None


def judge_request(text: str, *, is_reply: bool = False) -> Request | None:
    """The best reading of ``text`` as a request, *whatever its score* (``None`` when nothing is asked for).

    ``detect_request`` keeps it when ``score >= THRESHOLD``; this shows why a post was rejected.
    """
    return _judge(text, fast=False)


def _judge(text: str, *, fast: bool) -> Request | None:
    """``judge_request``; with ``fast``, ``None`` as soon as the score can no longer reach ``THRESHOLD``."""
    body = clean(strip_leading_mentions(text))
    low = body.lower()
    if '"' in low:
        # an ask inside quotation marks is someone else's ("needs a new app. any suggestions?" I love X)
        low = _QUOTED.sub(" ", low)
    cues: list[Cue] = []
    sought: str | None = None
    z = _BIAS
    ask_weight = 0.0
    ask_name = ""
    strong = False
    possessive = False
    statement = False
    solicit = _SOLICIT.search(low)
    plea = solicit is not None or _ADVICE.search(low) is not None
    pending: tuple[str, float, bool, str] | None = None  # an ask whose object is a pronoun ("where to buy one")
    best: tuple[int, int, str, float, str, bool, bool, bool, str] | None = None
    for order, (name, weight, must_ask, is_strong, pattern) in enumerate(_ASKS):
        if not any(stem in low for stem in _ASK_STEMS[name]):
            continue
        for m in pattern.finditer(low):
            asked = _asked(low, m.start())
            if must_ask and not solicit and not asked:
                continue
            raw = m.group("obj")
            cand, via = _refine(raw)
            first = cand.split()[0] if cand else ""
            if cand in _PRONOUNS or (cand and cand.split()[-1] in _PRONOUNS):
                if pending is None and is_strong and (asked or plea):
                    pending = (name, weight, False, m.group(0)[:80])
                continue
            if not cand or first in _BAD_START or (first in _GENERIC and " " not in cand) or (
                    name == "x_recs" and cand.split()[-1] in _NOT_NOUN):
                continue
            strong_here = is_strong or via
            # the earliest ask wins among those that seek something provider-like (a forum post's
            # subject line or a tweet's first ask is its main one); otherwise the first in _ASKS order
            rank = m.start() if strong_here or _provider_like(cand, None) else 10**6 + order
            if best is None or rank < best[0]:
                best = (rank, order, cand, weight, name, strong_here, raw.split()[0] in _POSSESSIVE,
                        name in _WEAK_STATEMENT, m.group(0)[:80])
            break
    if best is not None:
        _, _, sought, ask_weight, ask_name, strong, possessive, statement, matched = best
        if pending is not None and not strong:
            # "looking for Avery labels ... where could I buy them?": the strong ask names it by pronoun
            ask_name, ask_weight, strong, statement, matched = pending[0], max(ask_weight, pending[1]), True, \
                False, pending[3]
        cues.append(Cue(ask_name, matched, ask_weight))
    if sought is None and pending is not None:
        sought = _context_sought(low, wanted=False) or _subject_sought(body)
        if sought:
            name, ask_weight, statement, matched = pending
            ask_name, strong = name, True
            cues.append(Cue(name, matched, ask_weight))
            cues.append(Cue("sought_from_context", sought, 0.0))
    if sought in _BARE_PLACES:
        # "any places where I can find them?", "which store?": the subject line names what they want
        alt = _subject_sought(body)
        if alt and alt.split()[-1] not in _BARE_PLACES and (strong or _provider_like(alt, None)):
            sought = alt
            cues.append(Cue("sought_from_subject", alt, 0.0))
    names_wanted = solicit is not None
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
    intent = _INTENT.search(low) is not None
    for name, weight, pattern in (("reacts_to_advice", -3.0, _REACT), ("offer_to_seekers", -3.0, _OFFER),
                                  *_NEGATIVES):
        if name in _CANCELLED_BY_INTENT and intent:
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
