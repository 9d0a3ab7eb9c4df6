"""Name extraction for endorsements: which words of a post could name a provider.

Names are @handles, web domains, capitalised (multi)word names, "Dr X", lowercase
phrases ending in a place-type word ("al khulood nursery") and, in a request thread,
a word or two after a recommendation verb or a bare terse answer. A name needs a
distinctive word: not a stopword, generic place (Doha), business word alone ("bank")
or asked-for word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# -- vocabulary ---------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


COMMON = _wordset("""
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
places thing things stuff people person persons guy guys friend friends time times day days week weeks month months
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
jan feb mar apr jun jul aug sep sept oct nov dec yourself myself himself herself ourselves themselves
name named called seems seem looks look sounds means none due
opp nr below above towards female male ladies gents landline mobile tel fax qrs aed usd bhp hp kms kg
""")
# Words that end (or, for souq/al, start) a provider's or place's name.
BUSINESS = _wordset("""
bank clinic hospital centre center center's club school academy institute college university nursery
salon spa garage workshop showroom shop store stores mall market supermarket hypermarket pharmacy
restaurant cafe café hotel resort park beach gym studio gallery agency company co trading services
service consultancy consultants firm bookstore bookshop library cinema theatre theater airline airlines
airways press printing motors cars rental dealer dealership medical dental plaza complex tower towers
souq souk road rd street st area avenue lab laboratory kennel kennels insurance telecom travels travel
tours courier cargo federation ministry embassy
""")
# Business words strong enough to make a lowercase name ("commercial bank", "al khulood nursery").
PLACE_TYPES = _wordset("""
bank clinic hospital centre center club school academy institute nursery salon spa garage workshop showroom
shop store mall market supermarket hypermarket pharmacy restaurant cafe hotel resort park gym studio
""")
# Places too broad to be a provider on their own.
GENERIC = _wordset("""
doha qatar ql qatarliving dubai uae dhabi saudi ksa bahrain kuwait oman india pakistan philippines
lanka nepal bangladesh egypt uk usa us america europe germany london gcc asia africa god allah
inshallah mashallah eid ramadan christmas english arabic indian filipino filipina pinoy american british
syrian lebanese egyptian pakistani european korean japanese chinese german french italian arab arabs
qatari qataris expat expats internet online website net web google facebook twitter youtube wikipedia
sri lankan srilankan nepali nepalese bangladeshi sudanese jordanian iranian turkish russian spanish african asian
western australian canadian kenyan nigerian malaysian indonesian singaporean malayali keralite tamil states
""")
CONNECTORS = _wordset("of the de du la le al el bin bint abu and & 'n' n r")
_SITE_SKIP = ("qatarliving.", "google.", "wikipedia.", "youtube.", "facebook.", "wikimapia.", "twitter.")

_F = re.IGNORECASE
# Capitalised words that never continue a name (clause words, pronouns, sentence adverbs).
_NEVER_INSIDE = _wordset("i is are was were be it its it's they he she we you if but so then also just please thanks "
                         "thank hope try go call check visit after before near opposite opp behind towards below "
                         "beside between via")
# After a sentence-initial capitalised word: an ordinary next word (not a locative that places a name).
_ORDINARY_NEXT = re.compile(
    r"\s+(?:I\b|@|[A-Z]{1,3}\d|\d|(?!(?:in|at|near|behind|opposite|on|beside|next|off)\b|(?:or|and)\s+[A-Z])[a-z])"
)
# "a shop called Party Mania", "a place named x": the words after introduce a name, whatever their case.
_CALLED = re.compile(r"\b(?:called|named|name)\s+(?:\"|')?([A-Za-z0-9][\w'&\-]*(?:[ \t]+(?!(?:in|at|near|on|and|or|"
                     r"which|that|but|for|is|are|was)\b)[A-Za-z0-9][\w'&\-]*){0,2})", _F)
# A quoted name after the kind of place it is: 'the shop "Party Mania"', "the restaurant ''Zaatar''".
_QUOTED_AFTER_PLACE = re.compile(r"\b(?:" + "|".join(sorted(PLACE_TYPES, key=len, reverse=True)) + r")s?[ \t]+"
                                 r"(?:''|\"|'|\u201c)([A-Za-z0-9][\w&\-]*(?:[ \t][\w&\-]+){0,3})(?:''|\"|'|\u201d)", _F)
# A product model: a word and a model number ("iphone 5", "galaxy s3", "Honda City 2008" is not one).
_MODEL = re.compile(
    r"\b((?![a-z]+(?:ing|ed|s)\b)[a-z][a-z\-]{2,}[ \t]?(?:[a-z]?\d{1,2}[a-z]{0,2}|\d[a-z]{1,3}))\b(?![.,]?\d|\s*%)"
    r"(?!\s*(?:euros?|dollars?|qr|riyals?|rs|years?|yrs|months?|days?|hours?|mins?|minutes?|kms?|kg|seats?|seater|"
    r"thousand|k|people|persons?)\b)", _F)
_HANDLE = re.compile(r"(?<![\w@.])@(\w{1,30})(?![\w.]*\.\w)")
DOMAIN = re.compile(
    r"(?:https?://)?(?:[\w\-]+@)?((?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
    r"\.(?:com|net|org|qa|co\.uk|org\.uk|ws|de|info|biz|io|co|ae|in|me))\b(?:/\S*)?", _F)
_TOKEN = re.compile(r"[A-Za-z][\w'&\-]*(?:\.[A-Za-z]+)*\.?|&|\(|\)")
_DR = re.compile(r"\b(?:[Dd][Rr]\b\.?|[Dd]octor\b)[ \t]*([A-Za-z][A-Za-z\-']+(?:[ \t]+[A-Z][A-Za-z\-']+)?)")
_PLACE_WORD = re.compile(r"\b(?:" + "|".join(sorted(PLACE_TYPES, key=len, reverse=True)) + r")\b", _F)
_WORDS_BEFORE = re.compile(r"((?:[A-Za-z0-9][\w'&\-]*\.?[ \t]+){1,3})$")
_OBJECT = re.compile(
    # "check with gulf color" names a provider; "check with the traffic department" an office
    r"\b(?i:try|go\s+to|go\s+for|visit|call|check(?:\s+out|\s+with(?!\s+(?:the|a|an|your|my|our|his|her|their)\b))?|"
    r"recommend|suggest|"
    r"(?:saw|found|bought|got)\s+(?:one|it|them|mine)\s+(?:in|at|from))\s+(?i:the\s+|a\s+|mr\.?\s+|ms\.?\s+)?"
    r"([a-z][\w'&\-]*(?:\s+[a-z0-9][\w'&\-]*)?)")
_SUBJECT = re.compile(
    r"(?:^|[.!?\n|,;]\s*|\b(?:and|but|think|say)\s+)([a-z][\w'&\-]+(?:[ \t]+[a-z][\w'&\-]+)?)\s+(?:is|are|was)\s+"
    r"(?:always\s+|very\s+|really\s+|so\s+|also\s+|the\s+|quite\s+|pretty\s+)*(?:good|great|best|excellent|nice|"
    r"lovely|safe|cheap|reasonable|amazing|awesome|better|worst|terrible|horrible|bad|overpriced)\b")
# Before a lowercase phrase: a description of some place, not its name ("a mobile shop", "my fav hotel").
_DESCRIBED = re.compile(r"\b(?:a|an|any|some|many|such|several|few|one|my|your|our|their|his|her)\s+(?:\w+\s+)?$", _F)
# "a birthday supply shop in villagio": a described shop, but placed, answers where to go.
_PLACED_AFTER = re.compile(r"[ \t]+(?:in|at|near|behind|opposite|on)[ \t]+\w", _F)
_VERB_OBJECT = re.compile(r"[ \t]+(?:it|them|him|her|one|out|up|for|to)\b", _F)
# A lowercase sibling after a name in a list ("gulf air or ettihad", "Carrefour and lulu"), then the list's end.
_SIBLING = re.compile(r"[ \t]*(?:,|/|&|\bor\b|\band\b)[ \t]*(?:the[ \t]+)?([a-z][a-z'\-]{2,})\b"
                      r"(?=[ \t]*(?:$|[.,;:!?)\n]|(?:or|and|in|at|there|for|etc|too|also|both)\b))")
_INTERJECTION = re.compile(r"(?:u+m+|h+m+|e+r+m*|a+h+|o+h+|a+w+|y+a+|o+k+)$")


@dataclass(slots=True)
class Name:
    text: str
    start: int
    end: int
    kind: str



# -- names --------------------------------------------------------------------------------------
def words_of(name: str) -> list[str]:
    return [w.strip("'-") for w in re.findall(r"[a-z0-9][a-z0-9'\-]*", name.lower())]


def distinct(name: str, avoid: frozenset[str]) -> set[str]:
    """The distinctive words of ``name``: not common, business, generic, connector or asked-for words."""
    return {w for w in words_of(name) if len(w) > 1 and not w.isdigit() and w not in COMMON and w not in BUSINESS
            and w not in GENERIC and w not in CONNECTORS and w not in avoid and _singular(w) not in BUSINESS
            and _singular(w) not in avoid}


def _singular(word: str) -> str:
    """"schools" -> "school": enough to see a plural business or asked-for word."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _cap_names(text: str) -> list[Name]:
    """Runs of capitalised words (connectors allowed inside), common words split off."""
    names: list[Name] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and (run[-1].group().lower().strip(".") in CONNECTORS or run[-1].group() in "()"
                       or run[-1].group().lower().strip(".") in COMMON):
            run.pop()
        while run and (run[0].group().lower().strip(".") in CONNECTORS - {"al", "el", "the"}
                       or run[0].group() in "()"):
            run.pop(0)
        if run:
            start, end = run[0].start(), run[-1].end()
            kind = "name" if len(run) > 1 or run[0].group().rstrip(".").isupper() else "word"
            if kind == "word" and _sentence_start(text, start) and _ORDINARY_NEXT.match(text, end):
                kind = "initial"  # "Jogging track at ..." is an ordinary word at a sentence's start
            names.append(Name(text[start:end].strip(" .('"), start, end, kind))  # a closing quote is no part
        run.clear()

    previous_end = 0
    tokens = list(_TOKEN.finditer(text))
    for at, match in enumerate(tokens):
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
        common = lower.split("'")[0].rstrip("0123456789,") in COMMON or _INTERJECTION.match(lower) is not None
        # inside a name, a capitalised ordinary word still belongs to it ("Bright Kids Nursery")
        extends = run and (lower in CONNECTORS or lower in BUSINESS
                           or (token[:1].isupper() and token[1:2].islower() and lower not in _NEVER_INSIDE))
        if extends or (capital and not common and not (token.isupper() and len(token) <= 2) and (
                lower not in GENERIC or _names_on(text, tokens, at))) or (
                common and token[:1].isupper() and _business_on(text, tokens, at)):
            run.append(match)
        else:
            flush()
    flush()
    return names


def _names_on(text: str, tokens: list[re.Match[str]], at: int) -> bool:
    """Does a place or nationality word at ``at`` open a name ("Doha City", "Qatar Airways", "Indian School")?

    Only when a capitalised word of its own follows it directly; alone it names no provider.
    """
    if at + 1 >= len(tokens):
        return False
    after = tokens[at + 1]
    following = after.group()
    lower = following.lower().strip(".")
    return text[tokens[at].end():after.start()] == " " and following[:1].isupper() and following[1:2].islower() \
        and lower not in COMMON and lower not in GENERIC and lower not in _NEVER_INSIDE


def _business_on(text: str, tokens: list[re.Match[str]], at: int) -> bool:
    """Does an ordinary capitalised word open a business's name ("try Home Center", "at City Mall")?

    Only inside a sentence (where its capital is no sentence's), and only before a capitalised business word.
    """
    if at + 1 >= len(tokens) or _sentence_start(text, tokens[at].start()):
        return False
    after = tokens[at + 1]
    following = after.group()
    return text[tokens[at].end():after.start()] == " " and following[:1].isupper() and following[1:2].islower() \
        and following.lower() in BUSINESS


def proper(name: str) -> bool:
    """A capitalised name of two or more words with a word of its own ("Doha Clinic", not "Qatar Living")."""
    words = name.split()
    if len(words) < 2 or name.lower() in ("qatar living", "middle east", "good luck"):
        return False
    return all(w[:1].isupper() or w.lower() in CONNECTORS for w in words) and any(
        w.lower() not in COMMON and w.lower() not in CONNECTORS and w.lower() not in GENERIC for w in words)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n|:"


def _lower_names(text: str, avoid: frozenset[str]) -> list[Name]:
    """Lowercase names: words before a place-type word ("commercial bank"), "Dr X", "X is the best"."""
    names: list[Name] = []
    for place in _PLACE_WORD.finditer(text):
        match = _WORDS_BEFORE.search(text, max(0, place.start() - 60), place.start())
        if match is None:
            continue
        spans = [(m.start() + match.start(1), m.group()) for m in re.finditer(r"\S+", match.group(1))]
        kept: list[tuple[int, str]] = []
        for position, word in reversed(spans):
            bare = word.lower().strip(".,")
            if bare in COMMON or bare in PLACE_TYPES or not bare[:1].isalnum():
                break
            kept.insert(0, (position, word))
        if kept:
            start, end = kept[0][0], place.end()
            capital = any(w[:1].isupper() for _, w in kept)
            if not capital and _DESCRIBED.search(text, max(0, start - 12), start) \
                    and not _PLACED_AFTER.match(text, end):
                continue  # "a mobile shop", "many small homelike school": a description, not a name
            names.append(Name(text[start:end], start, end, "business" if capital else "lower"))
    for match in _DR.finditer(text):
        if match.group(1).lower() not in COMMON:
            end = match.end(1) if match.group(1)[:1].isupper() else match.start(1) + len(match.group(1).split()[0])
            names.append(Name(text[match.start():end], match.start(), end, "doctor"))
    for match in _SUBJECT.finditer(text):
        if match.group(1).split()[0].lower() not in COMMON:  # "your suggestion is good", "their work is good"
            names.append(Name(match.group(1), match.start(1), match.end(1), "subject"))
    for match in _CALLED.finditer(text):
        words = match.group(1).split()
        while words and words[-1].lower() in COMMON:
            words.pop()
        if words:
            phrase = " ".join(words)
            names.append(Name(phrase, match.start(1), match.start(1) + len(phrase), "called"))
    for match in _QUOTED_AFTER_PLACE.finditer(text):
        names.append(Name(match.group(1), match.start(1), match.end(1), "called"))
    for match in _MODEL.finditer(text):
        head = match.group(1).split()[0].lower().rstrip("0123456789")
        if head not in COMMON and head not in GENERIC and head not in BUSINESS:
            names.append(Name(match.group(1), match.start(1), match.end(1), "model"))
    return names


def _object_names(text: str) -> list[Name]:
    """A lowercase word or two right after a recommendation verb ("call karwa", "try lulu")."""
    names: list[Name] = []
    for match in _OBJECT.finditer(text):
        words = match.group(1).split()
        while words and words[-1].lower() in COMMON:
            words.pop()
        if words and _VERB_OBJECT.match(text, match.start(1) + len(words[0])):
            continue  # "try seek it", "try calling them": a verb, not a name
        if words and all(w.lower() not in COMMON for w in words):
            phrase = " ".join(words)
            names.append(Name(phrase, match.start(1), match.start(1) + len(phrase), "object"))
    return names


def candidates(text: str, avoid: frozenset[str], mentions: Sequence[str], in_thread: bool,
                terse: bool) -> list[Name]:
    found: list[Name] = []
    for match in _HANDLE.finditer(text):
        found.append(Name("@" + match.group(1), match.start(), match.end(), "handle"))
    for match in DOMAIN.finditer(text):
        domain = match.group(1)
        if not any(s in domain.lower() for s in _SITE_SKIP):
            found.append(Name(domain, match.start(), match.end(), "domain"))
    scrubbed = DOMAIN.sub(lambda m: " " * len(m.group()), text)
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
            words = words_of(bare)
            if bare and len(words) <= 4 and not any(w in COMMON and w not in CONNECTORS for w in words) \
                    and not scrubbed.rstrip().endswith("?"):
                start = scrubbed.find(bare)
                found.append(Name(bare, start, start + len(bare), "bare"))
    # the longest name wins where they overlap; a name must have a distinctive word
    found.sort(key=lambda n: (n.kind == "domain", -(n.end - n.start), n.start))
    chosen: list[Name] = []
    taken: set[str] = set()
    for name in found:
        own = distinct(name.text, avoid)
        if not own and proper(name.text) and not all(_singular(w) in avoid | BUSINESS for w in words_of(name.text)):
            own = {name.text.lower()}  # "Doha Clinic": generic words, but a proper name
        if not own or own <= taken:
            continue
        if any(name.start < c.end and c.start < name.end for c in chosen):
            continue
        chosen.append(name)
        taken |= own
    # a web address that spells a name already chosen ("Elder Tree" ... www.elder-tree.com) adds nothing
    spelled = [re.sub(r"[^a-z0-9]", "", n.text.lower()) for n in chosen if n.kind != "domain"]
    spelled += [w for n in chosen if n.kind != "domain" for w in distinct(n.text, avoid) if len(w) >= 4]
    chosen = [n for n in chosen if n.kind != "domain" or not any(
        len(w) >= 4 and (w.startswith(_site_label(n.text)) or _site_label(n.text).startswith(w)) for w in spelled)]
    chosen.extend(_siblings(text, chosen, avoid, taken))
    handles = {m.lower().lstrip("@"): m.lstrip("@") for m in mentions}
    for name in chosen:
        key = re.sub(r"\W", "", name.text.lower())
        if name.kind != "handle" and key in handles:
            name.text, name.kind = "@" + handles[key], "handle"
    chosen.sort(key=lambda n: n.start)
    return chosen



def _site_label(domain: str) -> str:
    """The name part of a web address: "www.elder-tree.com" -> "eldertree"."""
    labels = domain.lower().removeprefix("www.").split(".")
    return re.sub(r"[^a-z0-9]", "", labels[0])


def _siblings(text: str, chosen: list[Name], avoid: frozenset[str], taken: set[str]) -> list[Name]:
    """Lowercase or misspelt names listed after a name ("gulf air or ettihad", "Carrefour and lulu")."""
    found: list[Name] = []
    for name in chosen:
        if name.kind not in ("name", "word", "business", "handle", "domain", "object", "bare", "called"):
            continue
        match = _SIBLING.match(text, name.end)
        if match is None:
            continue
        word = match.group(1)
        own = distinct(word, avoid)
        if not own or own <= taken or re.search(r"(?:ing|ed|ly)$", word) or \
                any(match.start(1) < c.end and c.start < match.end(1) for c in chosen):
            continue
        found.append(Name(word, match.start(1), match.end(1), "sibling"))
        taken |= own
    return found
