"""The cue tables of endorsements: the patterns that find recommendations, verdicts, warnings and
the shapes of names, and the word lists they use.

Kept apart from the logic in ``endorsements.py`` (the prefilters, the standalone reader, the
scoring of names in a thread) so each reads on its own.
"""

from __future__ import annotations

import re

from .text import wordset

F = re.IGNORECASE
# A fast test for posts outside a request thread (case variants as they occur): no cue, no endorsement.
# The compiled first pass of classify (understand/screen.py) reads QUICK and PREFILTER branch by branch: keep
# them to literals, ".?", classes ("[A-Z@]", "[a-z]+"), "(?i:...)" and "(?:a|b) c" (it refuses anything else).
# Its first stage: keys that start with rarer letters, so the scan skips most positions (~1 µs a tweet).
QUICK = re.compile(
    r"mend|MEND|ghly|GHLY|ut.?out|kudos|Kudos|KUDOS|void|VOID|worst|Worst|WORST|y away|ver again|verpriced|p.?off|"
    r"ks to|go to |Go to |GO TO |y [A-HJ-Z@]|Y [A-HJ-Z@]|k out|best|BEST|Best|go-to|'d call|would call|ustomers to|"
    r"patients to|guests to")  # ("sent you", "clients to", "friends to" are tested apart: no rare first letter)
PREFILTER = re.compile(
    r"mmend|omend|MMEND|ighly|hout.?out|udos|void|orst|tay away|ever again|verpriced|ip.?off|hanks to|"
    r"o to [A-Z@]|ry [A-HJ-Z@]|heck out|he best|est [a-z]+ in town|go-to|(?i:sent you|'d call|would call|"
    r"(?:customers|clients|patients|guests|friends) to)")
REC_VERB = re.compile(
    r"\b(?:(?:highly\s+|would\s+|i\s+)?recomm?end(?:ed)?|reccomm?end|suggest(?:\s+(?:you|u))?(?:\s+(?:buy|get|try|go\s+to|use))?|"
    r"try|go\s+to|goto|go\s+for|went\s+to|visit(?:ed)?|call|contact|check(?:\s+out|\s+with|\s+in|\s+at)?|use|using|"
    r"ask\s+for|look\s+for|head\s+to|prefer|shout\s*-?\s*out\s+to|thanks?\s+to|kudos\s+to|props\s+to|buy|"
    r"stick\s+with|book\s+with|stay\s+(?:at|in)|take\s+(?:\w+\s+){0,2}to|put\s+my\s+money\s+on|"
    r"delivered\s+(?:at|in)|(?:be\s+)?found\s+(?:in|at)|bought\s+(?:it\s+|mine\s+|one\s+)?(?:from|at|in)|got\s+(?:it\s+|mine\s+|one\s+|my\s+\w+\s+)?"
    r"(?:from|at)|available\s+(?:at|in)|sold\s+(?:at|in)|find\s+(?:it|them|one)?\s*(?:at|in)|get\s+(?:it|them|one)"
    r"\s+(?:at|in|from)|order\s+(?:\w+\s+)?(?:from|at|on))\s+"
    r"(?:the\s+|a\s+|an\s+|at\s+|to\s+|with\s+|in\s+|out\s+|(?:mr|mrs|ms|dr)\.?\s+)?$", F)
NOT_ADVICE = re.compile(
    r"\b(?:how|where|when|want|wanted|need|going|trying|plan(?:ning)?|used|like|love|wish|hope|hoping)\s+to\s+\S+"
    r"(?:\s+to)?\s*$", F)
LANDMARK = re.compile(
    r"\b(?:near(?:\s+to)?|nr|behind|opposite(?:\s+to)?|opp|next\s+(?:door\s+)?to|beside|besides|after|before|"
    r"towards|in\s+front\s+of|along|down|off|across(?:\s+from)?|close\s+to|facing|adjacent\s+to|between|"
    r"coming\s+from|on\s+the\s+way\s+to|on|by)\s+(?:the\s+)?$", F)
STRONG_VERB = re.compile(r"recomm?end|suggest|thank|shout|kudos|props|check\s+out|avoid|prefer|"
                          r"(?:customers|clients|patients|guests|friends)\s+to", F)
CLAUSE_START = re.compile(
    r"(?:^|[.!?,;:\n|]|\b(?:just|definitely|defs|def|pls|please|plz|should|must|gotta|then|and|so|always|really))\s*$",
    F)
CAP_WORD = r"(?:[A-Z][\w'&\-]*|[0-9]+)"
NAME_RE = r"(@\w{1,30}|" + CAP_WORD + r"(?:[ \t]+(?:(?:of|the|de|al|and|&|n)[ \t]+)?" + CAP_WORD + r")*)"
VERB_NAME = re.compile(
    r"\b((?i:(?:highly\s+)?recomm?end(?:ed|ing)?|reccomm?end|suggest|try|go\s+to|check\s+out|visit|use|call|thanks?\s+to|"
    r"shout\s*-?\s*out\s+to|kudos\s+to|props\s+to|avoid|stay\s+away\s+from|never\s+(?:again\s+)?(?:use|go\s+to)|"
    # sending one's own customers somewhere is a standing referral: "we send all our customers to @x"
    r"(?:send|refer)\s+(?:all\s+)?(?:of\s+)?(?:our|my)\s+(?:customers|clients|patients|guests|friends)\s+to))"
    # the people behind a provider, between the verb and its name: "shout-out to our neighbors at @x"
    r"\s+(?i:(?:our|my)\s+(?:\w+\s+)?(?:neighbou?rs|friends|pals|mates)\s+(?:over\s+)?(?:at|from)\s+|"
    r"the\s+(?:\w+\s+)?(?:folks|team|crew|people|gang)\s+(?:over\s+)?(?:at|from)\s+)?"
    r"(?:(?i:the)\s+)?" + NAME_RE)
# Where VERB_NAME may start (in the lowercased text): literal keys, so a scan is cheap.
VERB_AT = re.compile(
    r"highly|rec|suggest|try|go|check|visit|use|call|thank|shout|kudos|props|avoid|stay|never|send|refer")
NAME_VERDICT = re.compile(
    NAME_RE + r"\s+(?:is|are|was|were)\s+(?:(?:so|really|truly|simply|just|by\s+far)\s+)?((?:the\s+)?(?:best|worst|"
    r"awesome|amazing|excellent|fantastic|outstanding|terrible|horrible|awful|a\s+rip\s*-?off|overpriced)\b|"
    # whom the writer would send you to: "@x is who we'd call", "Y's is who I'd use"
    r"(?i:who\s+(?:i|we)(?:'d|\s+would)\s+(?:call|use|go\s+to|hire|book|send\s+you\s+to|recommend)))")
# A referral said outright ("tell them we sent you"): then a mild verdict on a name vouches for it too.
REFERRED = re.compile(r"\b(?:tell|let)\s+(?:them|him|her)\s+(?:know\s+)?(?:i|we)\s+sent\s+you\b", F)
NAME_MILD = re.compile(
    NAME_RE + r"\s+(?:is|are)\s+(?:(?:so|really|truly|just)\s+)?((?i:great|good|brilliant|wonderful|lovely|terrific"
    r"|the\s+real\s+deal)\b)")
# What a provider is recommended for, said before it: "If you need taxes, @x is who we'd call."
IF_NEED = re.compile(
    r"\bif\s+(?:you|u)(?:'re|\s+are)?\s+(?:ever\s+)?(?:need|want|looking\s+for)\s+(?:(?:a|an|some|the)\s+)?"
    r"([a-z][a-z' -]{1,40}?)\s*[,.;:]", F)
PRONOUNS = wordset("i im you we he she it they my our your his her their this that these those there")
STRONG_EXTRA = re.compile(r"highly|recomm?end|can'?t\s+recommend|go-to|10/10|five\s+stars|5\s+stars|thanks?\s+to", F)
BAD_VERDICT = re.compile(r"worst|terrible|horrible|awful|bad|overpriced|suck", F)
JOKING = re.compile(
    r"\b(?:lol|a?(?:ha){2,}\w*|he+h+e+\w*|(?:hi){2,}|lmao|rofl)\b|(?<!not )(?<!no )\b(?:kidding|joking|jk)\b|"
    r"[:;]-?[0o]?p\b|;-?\)", F)
POSITIVE = re.compile(
    # "best" in a wish or a sign-off ("all the best", "hope for the best", "best of luck") judges nothing
    r"(?<!all the )(?<!for the )(?<!do my )(?<!do your )\bbest(?! of luck| regards| wishes)\b|"
    r"\b(?:excellent|great|good|nice|lovely|amazing|awesome|fantastic|brilliant|superb|"
    r"professional|reliable|trusted|helpful|friendly|recommend\w*|reasonable|cheap(?:est)?|happy|"
    r"satisfied|love(?:d)?|liked|perfect|wonderful|safe|fav(?:ou?rite)?|worth|prefer|rocks?|kind)\b"
    r"|\b(?:i|we|they|kids|everyone|everybody)\s+(?:really\s+|also\s+|all\s+|just\s+)?like\b", F)
NEGATIVE = re.compile(
    r"\b(?:worst|avoid|stay\s+away|never\s+(?:again|go|use|went|trust)|don'?t\s+(?:go|use|trust|bother)|"
    r"horrible|horrendous|terrible|awful|sucks?|rip(?:ped)?\s*-?off|overpriced|scam\w*|"
    r"not\s+(?:recommended|good|worth)|(?:wouldn'?t|would\s+not|do\s+not|don'?t)\s+recommend|"
    r"hopeless|pathetic|rude|disappoint\w*|waste\s+of|unprofessional|cheated|fraud)\b", F)
EVAL_AFTER = re.compile(
    r"^[\s,\-:]*(?:\(.*?\)\s*)?(?:is|are|was|were|has|have|'s|=)?\s*(?:always\s+|also\s+|really\s+|very\s+|so\s+|"
    r"quite\s+|the\s+|a\s+|too\s+|pretty\s+|just\s+|simply\s+|one\s+of\s+the\s+)*"
    r"(?:best|excellent|great|good|nice|lovely|amazing|awesome|fantastic|brilliant|superb|cheap|reasonable|"
    r"safe|reliable|professional|perfect|cool|worst|terrible|horrible|awful|bad|overpriced|rocks?|sucks?)\b", F)
EXPERIENCE = re.compile(
    r"\b(?:i|we|my\s+\w+)\s+(?:have\s+|had\s+|always\s+|also\s+|just\s+)?(?:use|used|go|went|bought|got|get|"
    r"stayed|delivered|took|take|tried|been|liked?|loved?|graduated|saw|seen|found)\b|\bi'?ve\s+(?:been|used|tried|seen)\b",
    F)
AVAILABLE = re.compile(
    r"\b(?:(?:you|u)\s+(?:can|could|will|may|might|should)\s+(?:get|find|buy|try|go|visit|call|see|check)|available|"
    r"sells?|they\s+(?:have|sell|do|offer|carry|are)|there\s+(?:is|are)|offers?(?!\s*\d)|located|i\s+saw)\b", F)
SELF_PROMO = re.compile(
    r"\b(?:(?:contact|call|pm|email|e-mail|message|whatsapp|inbox|text)\s+me|we\s+(?:offers?|provide|sell|deliver|"
    r"specialize|specialise|can\s+arrange|arrange)|(?:our|my)\s+(?:company|shop|store|showroom|services?|team|clinic|"
    r"products?|instructors|rates|prices|website|site|blog|channel|office)|make\s+a\s+website|i\s+(?:can|will)\s+(?:teach|provide|arrange|sell|"
    r"give(?!\s+(?:you|u)\s+(?:the\s+)?(?:\w+\s+)?(?:location|address|directions?|number|contact|details|name|link))|"
    r"take\s+care))\b", F)
ASK_BACK = re.compile(
    r"\b(?:(?:please|pls|plz|pl|kindly)\s+(?:guide|tell|help|advise|let\s+me\s+know)|(?:some|any)\s*(?:one|body)\s+"
    r"(?:advise|tell|know)|any\s+(?:feedback|idea|info)|how\s+(?:to|do|can)\s+i|(?:guide|tell|help)\s+me|"
    r"how\s+(?:to|can\s+i|do\s+i)\s+(?:contact|reach|find|get\s+to))\b", F)
VOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:hi|hello|hey|dear|thanks?|thank\s+you|thx|sorry|ok|lol|let\s+me\s+know|ignore|happy\s+to\s+help"
    r"|glad\s+to\s+help|good\s+luck|welcome|no\s+problem|of\s+course|great\s+question)"
    r"(?:\s+(?:a\s+lot|so\s+much|again|very\s+much))?\s*,?\s*)$", F)
ASK = re.compile(
    r"\b(?:any(?:one|body)?\s+(?:know|recommend|suggest|idea|ideas|good|decent|suggestions?|recommendations?)|"
    r"looking\s+for|recomm?end|suggest|advi[sc]e|where\s+(?:can|to|do|should|is|are|could)|"
    r"which\s+(?:is|one|are|\w+\s+(?:is|are|would|should))|need\s+(?:a|an|some)|please\s+(?:help|tell|let)|"
    r"know\s+(?:of\s+)?(?:a|an|any)|wh?at(?:\s+is|'s)\s+(?:the\s+best|a\s+good)|who\s+(?:do|does|can|is))\b", F)
SOUGHT = re.compile(
    r"\b(?:(?:know|recommend|suggest)\s+(?:of\s+)?(?:(?:a|an|any|some|the)\b)?|looking\s+for\s+(?:(?:a|an|some|the)\b)?|"
    r"need\s+(?:a|an|some)|(?:where|how)\s+(?:can|could|do|should)\s+(?:i|we|you)\s+(?:buy|find|get|go\s+for)"
    r"\s+(?:(?:a|an|some|the)\b)?|which\s+(?:is|are)\s+the|any\b)\s*((?:(?:good|best|decent|reliable|nice|cheap|"
    r"reasonable|affordable)\s+)?[a-z][\w'\-]*(?:\s+[a-z][\w'\-]*){0,3})", F)
# A sentence that opens like a question. "can go to X" (an elided "you") suggests; it does not ask.
QUESTION_WORDS = re.compile(
    r"^\s*(?:what|which|where|who|how|why|when|is|are|do|does|did|any|(?:can|could)(?!\s+(?:also\s+)?(?:go|try|visit|"
    r"check|get|buy|find|call|ask|contact|use|see|look|order)\b))\b", F)
SIGNATURE = re.compile(r"\n\s*(?:-{3,}|_{3,}|<b>\s*-{2,}).*", re.S)
TAG = re.compile(r"<[^>]{1,200}>")
# A provider as the subject of an offering verb: "The Sheraton has ballet lessons", "aspire club is conducting ...".
OFFERS_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:has|have|offers?|provides?|runs?|sells?|teaches|conducts?|organi[sz]es|"
    r"(?:is|are)\s+(?:conducting|offering|running|holding|organi[sz]ing|selling|giving))\b(?!\s*\d)", F)
# What may open a line before a name that answers on its own ("Al Shouf Garage in ...", "2. Karwa"): bullets only.
FRAGMENT_LEAD = re.compile(r"[\s\-*>~]*(?:\d{1,2}[.)][ \t]*)?")
# Endings of ordinary English words, not of names: "Inexpensive", "Jogging", "Availability".
WORD_SUFFIX = re.compile(r"(?:ing|ive|ous|able|ible|ful|less|ness|ment|tion|sion|ity|ly)$", F)
# Identifying the provider: "It is Jujitsu Club", "it's called X".
IDENTIFIED = re.compile(r"\b(?:it\s+is|it'?s|this\s+is|that\s+is|is\s+called|are\s+called)\s+(?:the\s+)?$", F)
# Prepositions that only place a name (a landmark), not those (on, by, after) that may introduce a provider.
STRONG_LANDMARK = re.compile(r"\b(?:near|nr|behind|opposite|opp|next\s+(?:door\s+)?to|beside|in\s+front\s+of|"
                              r"across\s+from|close\s+to|facing|adjacent\s+to)\s+(?:to\s+)?(?:the\s+)?$", F)
# What follows a name that answers on its own: the line's end, punctuation, where it is, or what it is.
FRAGMENT_NEXT = re.compile(
    r"[ \t]*(?:$|[\n.,;:!(\-@/&]|(?:in|at|near|behind|opposite|on|beside|next|off|located|is|are|was|has|have|"
    r"offers?(?!\s*\d)|or|and|for|they|it)\b)", F)
# "lemon, i am fine": a name opening the post, then a comma and a pronoun, addresses someone.
# A name alone on the first line, closed by a comma, is a letter's salutation ("Dottymum,\nSorry for ...").
# A business answering someone by name: "Happy to help, Ben!", "on Thursday, Rachel." (one word
# after a comma, ending the sentence, in a sentence where the writer speaks as "we").
WE = re.compile(r"\b(?:we|we'd|we're|we've|we'll|us|our)\b", F)
ADDRESS_AFTER = re.compile(r"[ \t]*(?:[.!?]|$)")
# Where the writer is, not whom it recommends: "We're just down the road in Hyde Park", "our shop on
# South Lamar", "we are based in Crestview".
SELF_PLACE = re.compile(r"\b(?:we're|we are|we've moved|based|located|our (?:shop|office|store|studio|clinic|salon"
                         r"|garage|bakery|cafe|kitchen)(?: is)?)\b[^.!?\n]{0,30}?\b(?:in|at|on|near)\s+$", F)
VOCATIVE_AFTER = re.compile(r"\s*(?:,|\.{2,})\s*(?:i|i'm|im|you|u|we|how|are|did|do|same\s+here|me\s+too|yes|no|yeah|"
                             r"lol|thanks?)\b|[ \t]*,[ \t]*\n", F)
# Cues that advise or judge: without one (or a terse answer), a named provider is only mentioned.
ADVICE = frozenset({"recommendation_verb", "evaluated", "positive_words", "negative_words", "experience", "identified",
                     "listed", "name:called"})
# Someone else's story: "one of my friends hired", "my colleague bought".
ANECDOTE = re.compile(
    r"\b(?:(?:one\s+of\s+)?my\s+(?:friends?|colleagues?|brother|sister|cousin|neighbou?rs?|boss)|a\s+friend(?:\s+of\s+mine)?|"
    r"someone|somebody|he|she)\s+(?:\w+\s+)?(?:has\s+|have\s+|had\s+)?(?:hired|rented|bought|got|took|leased|booked)\b",
    F)
# Between a provider and a place name that only says where it is: "Elder Tree at Markhiyah".
WHERE_GAP = re.compile(r"[ \t]+(?:at|in|to)[ \t]+(?:the[ \t]+)?", F)
# A location rather than a provider: "many such places in Duhail".
PLACES_IN = re.compile(
    r"\b(?:places|shops|stores|ones|lots|many|plenty|several)\s+(?:\w+\s+)?(?:in|at|around)\s+$", F)
# The asker's own follow-up: thanking for the advice given.
FOLLOW_UP = re.compile(
    r"\bthanks?\s+(?:you\s+)?(?:all\s+|guys\s+|a\s+lot\s+)?for\s+(?:the|your|all\s+the|all\s+your)\s+(?:advice|advise|info|"
    r"information|repl(?:y|ies)|suggestions?|help|answers?|inputs?|feedback|responses?)", F)
# A definition, not a recommendation: "TENS means Transcutaneous ...".
DEFINES = re.compile(r"\b(?:means|stands\s+for|short\s+for)\s+$", F)
# Names of locations rather than providers: a road, street, area, roundabout.
LOCATION_WORDS = wordset("road rd street st area avenue ave roundabout r/a signal flyover interchange district")
# Where the named provider is, said of it: "Aqua Art is off the first slip road", "X is located behind Y".
LOCATED_AFTER = re.compile(r"^[ \t]+(?:is|are)[ \t]+(?:just[ \t]+|now[ \t]+)?(?:located[ \t]+|situated[ \t]+)?"
                            r"(?:off|on|in|at|near|opposite|behind|beside|inside|next[ \t]+to|across[ \t]+from)[ \t]+"
                            r"(?:the[ \t]+)?\w", F)
# Likewise, after a verdict: "the Ford Edge is pretty cool...so is the GMC Acadia".
LIKEWISE = re.compile(r"\bso\s+(?:is|are|was|were)\s+(?:the\s+)?$", F)
# Warning off a provider by name, as an exclamation of its own: "Nooo ... not HSBC!" (not "I have NOT WON YET!")
WARNED_BEFORE = re.compile(r"(?:^|[.!?,;:\n\-])\s*(?:not|never)\s+(?:the\s+)?$", F)
PRONOUN_START = re.compile(r"^\W*(?:it|its|it's|they|their|theyre|they're|he|she|both|them|there)\b", F)
