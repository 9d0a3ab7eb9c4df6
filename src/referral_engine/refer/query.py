"""What a referral query seeks: a bare phrase ("a good dentist") or a whole request post.

A request post goes through the same understanding as every stored post (the request
detector): its ``sought``, ``category``, ``kind`` and ``location``. A phrase the detector does
not read as a request is still a query: what it names is sought, its category comes from the
taxonomy, its place from the place finder ("plumber near Hyde Park").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..understand.names import COMMON
from ..understand.places import _GAZETTEER as PLACE_NAMES
from ..understand.places import find_location
from ..understand.requests import detect_request
from ..understand.taxonomy import lookup, terms_in
from ..understand.text import DETERMINERS, STOPWORDS, clean, norm_phrase, singular, words, wordset

# Words that say how an answer should be, not what it is ("a good, cheap dentist").
_QUALITY = wordset("""
good great best nice decent reliable cheap cheaper cheapest affordable reasonable reputable recommended trusted
trustworthy excellent top quality honest professional experienced local new old any some anyone someone
recommend recommendation recommendations suggest suggestion suggestions know looking find where which who
what how help advice please thanks hi hello dear friends guys people one place places thing things buy get
""")


@dataclass(frozen=True)
class Query:
    """What is sought, as the scorer reads it.

    ``words``: the sought phrase's content words (singular); ``context``: other content words of the
    query (a request's body), a weaker sign of topic; ``terms``: taxonomy ``(category, kind)`` pairs
    named anywhere in the sought phrase.
    """

    text: str
    sought: str
    category: str | None
    kind: str
    location: str | None
    words: frozenset[str]
    context: frozenset[str]
    terms: frozenset[tuple[str, str]]
    is_request: bool

    @property
    def categories(self) -> frozenset[str]:
        """Every category the sought phrase names ("kickboxing class": fitness and education)."""
        named = {c for c, _ in self.terms}
        return frozenset(named | {self.category}) if self.category else frozenset(named)

    @property
    def head(self) -> str:
        """The sought phrase's taxonomy term ("hospital for baby vaccinations" -> "hospital"), else ''."""
        found = lookup(self.sought)
        return found[0] if found else ""


# Words that say how a request is asked, not what it seeks ("urgent", "kindly advise", "thanks in advance").
# Rare enough in a forum to weigh much in TF-IDF, they would make two questions alike that share only
# their manner ("plz help, it's urgent" and "the best restaurant? this is urgent!").
_ASKING = wordset("""
urgent urgently asap plz plzz pls kindly tnx thanx thnx thankyou advance advise advice advices idea ideas info
information anybody somebody everyone everybody question questions query require required requirement wanted
needed looking search searching tell let guide inform informed appreciate appreciated regards hello hey hai
dear sir madam guy friend forum member members help helpful share suggest suggested wondering wonder possible
possibly seems think thought try tried trying lot lots much many really thing stuff
""")

# Words that name no topic: function words, how an answer should be or a request is asked, places (a
# place is where, not what).
_NOT_TOPIC = STOPWORDS | DETERMINERS | _QUALITY | _ASKING | PLACE_NAMES | wordset("ql qatarliving")


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Singular content words of ``text``: no function, quality or place words, no digits.

    Nationalities and business words stay ("british school", "indian restaurant"): they say what;
    so does a taxonomy term that is also a place's name ("turkey"). Words of asking ("urgent",
    "kindly", "information") go, unless a taxonomy term.
    """
    found = set()
    for token in words(text):
        token = token.strip("'&-")
        if len(token) < 3 or token.isdigit() or token in STOPWORDS or token in DETERMINERS or token in _QUALITY:
            continue
        word = singular(token)
        if (word in _NOT_TOPIC or token in _NOT_TOPIC or word in COMMON) and lookup(word) is None:
            continue
        found.add(word)
    return frozenset(found)


_LEAD = re.compile(r"^(?:i\s+(?:need|want)|looking\s+for|need|want|find(?:\s+me)?)\s+", re.IGNORECASE)


def parse_query(text: str, *, near: str | None = None) -> Query:
    """Read ``text`` as a referral query; ``near`` overrides the place it names."""
    body = clean(text)
    request = detect_request(body)
    if request is not None:
        sought, category, kind, location = request.sought, request.category, request.kind, request.location
    else:
        location = find_location(body)
        phrase = body.split("\n", 1)[0]
        if location:
            # "plumber near Hyde Park": the place is where, not what
            cut = re.search(r"\b(?:in|near|around|at|close to)\s+" + re.escape(location.split()[0]), phrase, re.I)
            if cut is not None:
                phrase = phrase[:cut.start()]
        sought = norm_phrase(_LEAD.sub("", phrase.strip())) or norm_phrase(body)
        found = lookup(sought)
        category, kind = (found[1], found[2]) if found else (None, "other")
    if near:
        location = near.strip().lower()
    own = content_words(sought)
    return Query(
        text=body, sought=sought, category=category, kind=kind, location=location, words=own,
        context=content_words(body) - own, terms=terms_in(sought), is_request=request is not None,
    )
