"""The cue tables of referral requests: the asks, the hard negatives and the word lists they use.

Kept apart from the logic in ``requests.py`` so each reads on its own; every weight is a log-odds
contribution to the request score (see ``requests.py``).
"""

from __future__ import annotations

import re

from .text import wordset

# ---------------------------------------------------------------- asks
# (name, weight, must be asked, strong, pattern). "must be asked": the cue counts only inside a
# question or a plea ("?" later in its sentence, or "can/could/does/anyone/please ..." before it, or
# an explicit request for names anywhere), so "I know a few songs" and "I recommend it" do not.
# "strong": the ask itself says the author wants to use, buy or hire what it names ("where can I buy
# X", "recommend a X"); a weak ask ("looking for X", "what's the best X", "any good X") counts only
# when X is provider-like (a taxonomy term or a general provider head such as shop, app, company).
ART = (r"(?:(?:a|an|any|some|the|good|great|decent|reliable|nice|reputable|trustworthy|really good|new|and|"
        r"cheapest|affordable|reasonable|resonable|quality|best|professional|of the|of these)\s+)*")
OBJ = r"(?P<obj>[a-z0-9#@&'/+-]+(?:[ -][a-z0-9#&'/+-]+){0,6})"
OBJ3 = r"(?P<obj>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,2})"
WHO = r"(?:anyone|anybody|any1|any one|someone|somebody|you|u|ya|y'all|yall|you guys|u guys|people|ppl|folks)"
NAMES = r"(?:recommendations?|recomendations?|reccomendations?|recs|suggestions?|suggestion)"
RECS = r"(?:recommendations?|recomendations?|reccomendations?|recs|suggestions?|ideas|advice|advise|tips|pointers)"
GET = (r"(?:go|find|get|buy|purchase|order|rent|hire|eat|stay|take|have|repair|fix|try|shop|see|watch|visit"
        r"|download|learn|play)")
ASKS: tuple[tuple[str, float, bool, bool, re.Pattern[str]], ...] = tuple(
    (n, w, q, st, re.compile(p)) for n, w, q, st, p in (
        ("who_do_you_use", 4.0, False, True, r"\bwho (?:do|does|did|should|would|can) " + WHO
         + r" (?:use|recommend|suggest|go to|see|trust|call)(?: (?:for|as))? " + ART + OBJ),
        ("who_can", 3.0, True, True, r"\b(?:(?:who|someone who|somebody who|anyone who|company who|company that"
         r"|place that|shop that) (?:can|could|will|would|is able to) (?:install|fix|repair|rebuild|make|do|deliver"
         r"|provide|sell|supply|teach|clean|service|paint|build|design|print|translate|move|ship|tailor|stitch"
         r"|cater|remove|tint)|(?:someone|somebody|anyone|company|place|shop) (?:who|that) (?:does|sells|repairs"
         r"|fixes|installs|makes|teaches|delivers))\s+" + ART + OBJ),
        ("where_to_get", 3.5, False, True, r"\b(?:where|wer) (?:can|could|do|does|should|would|is|are|r|to|i can"
         r"|we can|one can|i could|we could)(?: (?:i|we|you|u|one|someone|a person|people))?"
         r"(?: " + GET + r")+(?: (?:or|and|/) " + GET + r")?(?: (?:to|for|a good|the best))?\s+" + ART + OBJ),
        ("where_passive", 3.0, True, True, r"\bwhere (?:i can |we can |to )?(?:get |have )?"
         r"(?P<obj>[a-z0-9&'/+()-]+(?: [a-z0-9&'/+()-]+){0,4})"
         + r" (?:can|could) (?:be |get )?(?:done|fixed|repaired|bought|found|purchased|made|serviced)\b"),
        ("where_best", 3.5, False, False, r"\bwhere(?:'s| is| are|'re)? (?:the |a )?(?:best|good|nearest|cheapest) "
         + OBJ),
        ("know_where", 3.0, True, True, r"\bknows? (?:where|wer|were)(?: (?:can|could|should|do))? (?:i|we|you|u|one"
         r"|to)(?: can| could| should)?(?: " + GET + r")+(?: (?:or|and|/) " + GET + r")?(?: (?:for|a))?\s+"
         + ART + OBJ),
        ("available", 3.0, True, True, r"\b(?:know if|know whether|wondering if|is|are) " + OBJ3
         + r" (?:is |are )?(?:available|sold)\b(?= (?:here|in|at|anywhere|locally)|\s*\?)"),
        ("know_a", 3.5, True, False, r"\bknows? (?:(?:of|about) (?:a |an |any |some |come |good |decent |reliable )"
         r"|(?:of )?(?:a|an|any|some) |if (?:there(?: is| are|'s) )?(?:a|an|any|some) )" + ART + OBJ),
        ("tell_me_best", 3.0, True, False, r"\b(?:tell|let) me (?:know )?(?:(?:of |about )?(?:the |a |an |any |some )?"
         r"(?:best|good|nice|decent|reliable|reputable|cheap|cheapest|affordable|reasonable)\s+|about )" + ART + OBJ),
        ("recommend_x", 3.0, True, True, r"\b(?:recomm?end|recc?omm?end|suggest)\s+(?:me\s+|us\s+)?(?:as |for )?"
         r"(?:(?:a|an|any|some)\s+)" + ART + OBJ),
        ("recs_for", 3.0, True, True, r"\b" + NAMES + r"\s+(?:for|on|of|about|regarding)\s+"
         r"(?:a |an |some |the |good )*" + OBJ),
        # "any dentist you can recommend?", "a good gym you'd suggest"
        ("x_you_recommend", 3.0, True, True, r"\b(?:any|a|an|some)\s+" + ART + OBJ3 + r" (?:that |which |who )?"
         r"(?:you|u|anyone|anybody|you guys|people|y'?all)(?: can| could| would| will|'d| might)? "
         r"(?:recomm?end|suggest)\b"),
        ("x_recs", 3.0, True, True, r"(?P<obj>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,2}) " + NAMES + r"\b"),
        ("ideas_for", 2.0, True, False, r"\b(?:ideas|advice|advise|tips|pointers|help)\s+(?:for|on|of|about|"
         r"regarding|with)\s+(?:a |an |some |the |good )*" + OBJ),
        ("what_should_i", 3.0, True, False, r"\b(?:what|which)(?: kind of| type of| sort of| brand of| make of)? "
         + OBJ3 + r" (?:should|shall|can|could|would|do) (?:i|we) (?:buy|get|watch|read|play|listen to|use|try"
         r"|choose|go for|visit|hire|download|see)\b"),
        ("best_q", 2.5, True, False, r"\b(?:which|what)(?:'s| is| are|'re| r)? (?:the |ur |your )?(?:best|good|"
         r"top|fav|favou?rite|cheapest|nicest|most reliable)\s+" + OBJ),
        # a forum subject or a terse tweet: "best place for shawarma in doha?", "cheapest gym near uni?"
        ("best_x", 2.5, True, False, r"(?:^|[.!?\n]\s*)(?:the )?(?:best|cheapest|nearest|good|decent|reliable) "
         + OBJ),
        ("which_x", 2.0, True, False, r"\bwhich " + OBJ3 + r" (?:is|are|do|does|should|would|will|can|has|have"
         r"|to|gives|offers|sells|provides|serves|makes|teaches|delivers|stocks|carries|charges)\b"
         r"(?! (?:not|n't|down|broken|working|closed|missing|wrong|better than)\b)"),
        ("any_good", 3.0, True, False, r"\bany (?:good|decent|nice|reliable|recommended|cheap|reasonable|"
         r"affordable|private|cheaper) " + OBJ),
        ("is_there", 2.5, True, False, r"\b(?:(?:is|are) there|there (?:is|are)) (?:a|an|any|some)\s+(?!more )"
         + ART + OBJ),
        ("any_x_in", 2.0, True, False, r"\bany (?!other |more |of )" + OBJ3 + r" (?=(?:in|near|around) )"),
        ("anyone_doing", 2.5, False, False, r"\b(?:anyone|anybody|any ?one|any1) (?:here )?(?:doing|offering|"
         r"selling|teaching|providing|that does|who does|who sells)\s+" + ART + OBJ),
        ("plan_to_buy", 1.5, False, True, r"\b(?:planning|plan|want|wanting|going|hoping|thinking of|decided|"
         r"need|like) to (?:buy|purchase|rent|hire|order)\s+" + ART + OBJ),
        ("looking_for", 1.5, False, False, r"\b(?:looking|lookin'?|lookig|searching|hunting) (?:for|4)\s+"
         + ART + OBJ),
        ("seeking", 1.5, False, False, r"\b(?:seeking|in search of|on the hunt for|(?:trying|need|want|wanting|"
         r"hoping) to find)\s+" + ART + OBJ),
        ("need_a", 1.0, False, False, r"\bneeds? (?:(?:a|an|some|new|good|another|cheap|free),?\s+)"
         r"(?:(?:or|and) \w+,?\s+)?" + ART + OBJ),
        ("want_a", 1.0, True, False, r"\bwants? (?:(?:a|an|some|another)\s+)" + ART + OBJ),
        ("need_x_in", 1.0, False, False, r"\bneeds? " + OBJ3 + r" (?=in |near |around )"),
    ))
# the literal text each ask needs (a pattern runs only on posts holding one: most hold none)
ASK_STEMS: dict[str, tuple[str, ...]] = {
    "who_do_you_use": ("who",), "who_can": ("who", "that"), "where_to_get": ("where", "wer "),
    "where_passive": ("where",), "where_best": ("where",), "know_where": ("know",), "available": ("availab", "sold"),
    "know_a": ("know",), "tell_me_best": ("tell me", "let me"), "recommend_x": ("recom", "recc", "sugg"),
    # NAMES words only: "recommendation", "recs", "suggestion" (not "recommend")
    "recs_for": ("recommendation", "recomendation", "reccomendation", "recs", "suggestion"),
    "x_you_recommend": ("recom", "recc", "sugg"),
    "x_recs": ("recommendation", "recomendation", "reccomendation", "recs", "suggestion"),
    "ideas_for": ("idea", "advi", "tips", "pointers", "help"), "what_should_i": ("what", "which"),
    "best_q": ("what", "which"),
    "best_x": ("best", "cheapest", "nearest", "good", "decent", "reliable"),
    "which_x": ("which",), "any_good": ("any ",), "is_there": ("there",),
    "any_x_in": ("any ",), "anyone_doing": ("any",),
    "plan_to_buy": ("to buy", "to purchase", "to rent", "to hire", "to order"),
    "looking_for": ("look", "search", "hunt"),
    "seeking": ("seek", "search", "hunt", "find"), "need_a": ("need",), "want_a": ("want",), "need_x_in": ("need",),
}
WEAK_STATEMENT = frozenset({"looking_for", "seeking", "need_a", "need_x_in", "plan_to_buy"})
ASKED_BEFORE = re.compile(r"\b(?:can|could|would|will|does|do|did|anyone|anybody|any1|any one|someone|somebody|"
                           r"please|pls|plz|if|y'?all|guys|u|you|any|who)\W+(?:[a-z']+\W+){0,2}$")
# an explicit request for names ("any suggestions?", "recommendations welcome", "can anyone suggest")
SOLICIT = re.compile(
    r"\b(?:(?:any|need|want|wanted|looking for|welcome|open to|appreciate|love|like)\s+(?:\w+\s+)?" + NAMES
    + r"|" + NAMES + r"\s*(?:\?|please|pls|plz|welcome|wanted|appreciated|needed|anyone)"
    r"|(?:can|could|would|will|pls|please|plz|should) (?:\w+ )?(?:recomm?end|recomend|suggest|advi[cs]e|point me)"
    r"|(?:tell|let) me (?:know )?(?:of |about )?(?:a |an |any |some |the best |good |the (?:\w+ )?(?:names?|number|"
    r"contact)|where (?:i|we|to|can)|"
    r"which (?:one|shop|store|place|company|brand)|who (?:can|does|sells))"
    r"|(?:what|which|where|who) (?:\w+ ){0,2}(?:recomm?end|suggest)|(?:any|some) (?:one|body) (?:\w+ )?(?:recomm?end|"
    r"suggest)"
    r"|recomm?end (?:me|us)\b|help me (?:find|choose|pick|locate)|(?:tweet|hit) me(?: up)?\b|hmu\b|please inform"
    r"|pls inform)")
# the literals SOLICIT needs, one at least (a cheap test before the pattern): every branch holds one
SOLICIT_KEYS = ("rec", "sugg", "advi", "point me", "tell me", "let me", "help me", "tweet me", "hit me", "hmu",
                "inform")
# asking for advice, ideas or help rather than names: weaker, and they name no provider by themselves
ADVICE = re.compile(r"\b(?:any|need|want)\s+(?:\w+\s+)?(?:ideas|tips|advice|advise|thoughts|help|feedback)\b"
                     r"|\b(?:ideas|tips|advice|thoughts|help|feedback)\s*[?!]"
                     r"|\b(?:can|could|would) (?:any ?one|any ?body|some ?one|some ?body|you|u|anyone) "
                     r"(?:pls |please |plz )?(?:help|advi[cs]e|guide)"
                     r"|\b(?:pls|please|plz|kindly) (?:help|advi[cs]e|guide|share|inform|(?:dm|pm|message) me)")
ADVICE_KEYS = ("idea", "tips", "advi", "thought", "help", "feedback", "guide", "share", "inform", "dm me", "pm me",
               "message me")
REACT = re.compile(r"\b(?:thanks?|thx|ty|cheers) (?:\w+ )?(?:for|4) (?:[\w']+ ){0,4}" + RECS
                    + r"|\b(?:i|we)(?:'d| would)? (?:highly |totally |definitely |strongly |really )?"
                    r"(?:recomm?end|suggest)s?\b(?! (?:any|a good))|\bmy advice\b|\brecommended by\b"
                    r"|\b(?:your|ur|his|her|their)\s+(?:\w+\s+)?(?:recommendation|suggestion)s?\b")
# "Need a plumber? ..." and "anyone looking for a ..." address people who need something: offers
OFFER = re.compile(r"\b(?:anyone|anybody|any1|who(?:'s| is)?|if (?:you|u)(?:'re| are| r)?|for those)\s+"
                    r"(?:[a-z']+\s+){0,4}(?:looking for|in need of|needs?|wants?)\b"
                    r"|\b(?:are|r) (?:you|u|ya) (?:\w+ )?(?:looking for|in need of|needing)\b"
                    r"|\b(?:you|u|ya) (?:need|needs)\b"
                    r"|(?:^|[.!?\n]\s*)(?:need|needs|looking for|searching for|want)\b[^.?!\n,]{1,60}\?"
                    r"\s*(?:\.{2,}\s*)?"
                    r"(?!\s*(?:any|anyone|anybody|please|pls|help|suggestions|recommendations|i |i'|we |my |#|@))"
                    r"|\bif not,? i know (?:someone|somebody|a guy|a good)")
AUDIENCE = re.compile(r"\b(?:anyone|anybody|any1|any one|someone|somebody|y'?all|you guys|u guys|guys|"
                       r"friends|tweeps|twitter|peeps|folks|everyone|everybody|people|ppl|community|members)\b")
QUALITY = re.compile(r"\b(?:good|great|nice|decent|reliable|reputable|trustworthy|honest|cheap|affordable|"
                      r"reasonable|best|recommended|professional|qualified|experienced|quality)\b")
# intent to use what is asked about (turns a poll into a request)
INTENT = re.compile(r"\b(?:(?:looking for|need|needs|want) (?:a|an|some|new|good|more)|(?:want|planning|going|gonna|"
                     r"need) to (?:buy|get|watch|read|try|see|listen to|hear|use|play|download))\b")

# ---------------------------------------------------------------- hard negatives: (name, weight, pattern)
NEGATIVES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple((n, w, re.compile(p)) for n, w, p in (
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
    # "what's your favourite song?" asks for taste, not for something to use (unless they want it: INTENT)
    ("favourite_poll", -2.5, r"\b(?:what|which)(?:'s| is| are|'re| r)? (?:ur|your|yr|ya|you guys'?) "
     r"(?:fav\w*|favou?rite|best|top)\b"),
))
CANCELLED_BY_INTENT = frozenset({"opinion_poll", "favourite_poll"})
# heads no provider answers: jokes, company, states of mind, information
ABSURD = wordset(
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
ABSURD_PHRASES = frozenset({"time machine", "hit man", "sugar daddy", "day off", "miracle cure", "soul mate",
                             "break from", "drink", "drinks", "beer", "shower", "bath", "lunch", "dinner",
                             "breakfast"})
GENERIC = wordset(
    "one ones it this that these those something anything someone somebody anyone anybody thing things stuff "
    "them few lot ppl people folks suggestion suggestions idea ideas recommendation recommendations advice "
    "help info information tips way ways good more other others new")
# words that end no noun phrase ("kindly give suggestions", "any more suggestions")
NOT_NOUN = wordset("give get need want have any some no more other your my our the for and kindly please pls plz "
                    "good great few")
BARE_PLACES = wordset("place places shop shops store stores somewhere anywhere outlet outlets spot spots")
PRONOUNS = wordset("one ones it this these those them some any that")
CUT = wordset(
    "its it's im i'm is in into onto near around at that which who whom where when while if please pls plz "
    "thanks thx tia asap so "
    "because but i we my you u it is are was were can could would will should anyone anybody any1 here "
    "there lol lmao haha and or too as also? like than from on what how now today tonight this "
    "these those since till until before after with she he they him them their "
    "offered offering doing going available needed required wanted selling located based that's have has had been "
    "be does do did budget")
KEEP_AFTER = wordset("place places somewhere spot spots someone somebody company companies shop shops "
                      "store stores service services one people person guy firm agency website site app "
                      "thing things clinic center centre school")
# general provider heads beyond the taxonomy: what one uses, hires, buys from, visits, reads or watches
PROVIDER_HEADS = wordset(
    "shop shops store stores place places spot spots somewhere company companies service services app apps "
    "site sites website websites book books software program programs restaurant restaurants doctor doctors "
    "someone somebody person people agency agencies firm firms provider providers supplier suppliers "
    "dealer dealers centre center centres centers clinic clinics school schools brand brands product products "
    "outlet outlets vendor vendors seller sellers shop brand model models make tool tools device devices "
    "course courses class classes teacher teachers source sources option options item items field fields "
    "ground grounds court courts channel channels station stations activity activities lesson lessons club clubs")
AGENT_SUFFIXES = ("ist", "ists", "ian", "ians", "maker", "makers", "smith")
# a thing sought "for" or "to" something: a "place to buy tyres" seeks tyres, a "place to eat" a place
VIA_PLACE = re.compile(r"^(?:a |an |any |some |the |good |nice |best |cheap )*(?:place|places|shop|shops|store|"
                        r"stores|somewhere|anywhere|outlet|outlets|one|someone|somebody|company|companies|"
                        r"where|supplier|suppliers|agency)\s+(?:to|that|which|who|where|for|selling|"
                        r"offering|doing)\s+(?:(?:i|we|you|one) )?(?:can |could )?(?:buy|get|find|purchase|order|"
                        r"sells?|selling|offers?|offering|provides?|providing|does|do|doing|has|have|stocks?|"
                        r"makes?|teach(?:es)?)\s+(?P<rest>.+)$")
# "shops selling soil", "a store that sells X", "somewhere offering X": the goods or service named after the verb
VIA_DIRECT = re.compile(r"^(?:a |an |any |some |the |good |nice |best |cheap )*(?:place|places|shop|shops|store|stores|"
                        r"somewhere|anywhere|outlet|outlets|supplier|suppliers|company|companies)\s+"
                        r"(?:selling|offering|stocking|providing"
                        r"|(?:that|which|who) (?:sells?|stocks?|offers?|provides?))"
                        r"\s+(?P<rest>.+)$")
# "somewhere to change them", "a place that can fix it": the object is a pronoun, named elsewhere
TO_PRONOUN = re.compile(r"^(?:(?:a|an|some|the|good|any) )*(?:somewhere|someplace|place|places|someone|somebody|one|"
                        r"shop|company|garage) (?:to|that can|who can|that could|who could) [a-z]+ "
                        r"(?:it|them|this|these|those|one|that)\b")
# "get my laptop fixed", "have tinted film removed": the service done to X, named as the author would search it
PARTICIPLES = {"removed": "removal", "fixed": "repair", "repaired": "repair", "done": "", "serviced": "service",
               "installed": "installation", "cleaned": "cleaning", "painted": "painting", "tinted": "tinting",
               "changed": "change", "replaced": "replacement", "altered": "alteration", "printed": "printing",
               "translated": "translation", "framed": "framing", "engraved": "engraving", "dyed": "dye",
               "washed": "wash", "polished": "polishing", "stitched": "stitching", "tailored": "tailoring",
               "delivered": "delivery", "checked": "check", "tested": "test", "shipped": "shipping",
               "rebuilt": "rebuild", "recovered": "recovery", "fitted": "fitting", "upholstered": "upholstery",
               "laminated": "lamination", "attested": "attestation", "notarized": "notarization",
               "notarised": "notarisation", "threaded": "threading", "waxed": "waxing", "pierced": "piercing"}
PARTICIPLE = re.compile(r"^(?:(?:my|our|the|a|an|this|these|some) )?(?P<x>[a-z0-9&'/+-]+(?: [a-z0-9&'/+-]+){0,3}?) "
                        r"(?P<v>" + "|".join(PARTICIPLES) + r")\b")
# "take our baby for swimming lessons": what the author takes someone or something for
TAKE_FOR = re.compile(r"^(?:my|our|his|her|their) [a-z'-]+(?: [a-z'-]+)? for (?:a |an |some |the )?"
                      r"(?P<rest>.+)$")
# agent and action nouns of the verbs in "someone who can <verb> X" ("install a dish" -> "dish installer");
# verbs not listed keep the author's words ("who can fix a cracked screen" -> "cracked screen")
AGENT_NOUNS = {"install": "installer", "teach": "teacher", "clean": "cleaner", "paint": "painter",
               "build": "builder", "design": "designer", "print": "printer", "translate": "translator",
               "move": "mover", "cater": "caterer", "tailor": "tailor", "stitch": "tailor", "rebuild": "rebuild",
               "remove": "removal", "tint": "tinting", "deliver": "delivery", "service": "servicing",
               "supply": "supplier", "ship": "shipping"}
# the action nouns above (and "repair"): a phrase ending in one seeks a service
ACTION_NOUNS = frozenset({*(v for v in PARTICIPLES.values() if v), *AGENT_NOUNS.values(), "repair", "repairs"})
# a bare generic provider ("company to use", "someone"): a forum subject line names it better
GENERIC_PROVIDER = re.compile(r"(?:company|companies|firm|service|services|one|someone|somebody|person|people|place"
                              r"|places|shop|shops|store|stores)(?: to (?:use|go to|go|try|call|contact|hire|visit"
                              r"|choose))?")
# a forum subject line is a title: a question without its "?" ("What is the best driving school in Qatar")
QUESTION_START = re.compile(r"\s*(?:what|which|where|who|any|anyone|anybody|does|do|can|could|is there|are there)\b")
GERUND_LEAD = re.compile(r"^(?:buying|purchasing|getting|hiring|finding|renting|ordering)\s+")
WORDS_SPLIT = re.compile(r"[ ]+")
QUOTED = re.compile(r'"[^"\n]{12,280}"')
OWN = re.compile(r"\b(?:my|our|your|ur|his|her|their) (?:own |new |old |little )?[a-z'-]+")
POSSESSIVE = frozenset({"your", "ur", "yr", "his", "her", "their", "ya"})
