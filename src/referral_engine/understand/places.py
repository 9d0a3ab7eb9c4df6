"""Where a request wants its provider: "in Doha", "near Nathan campus", "around here", "#Montreal".

``find_location(text)`` returns the location as written (lowercased), or ``None``. It reads a
preposition (in, near, around, at, close to, within reach of) followed by either a known place
name (a small gazetteer of countries, regions, states and large cities), a capitalised name, or a
place-like noun phrase ("the city centre", "nathan campus", "industrial area"); and hashtags that
name a known place or are capitalised names at the end of a post.
"""

from __future__ import annotations

import re

from .text import wordset

_GAZETTEER = wordset("""
afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belgium
bolivia bosnia brazil bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia
denmark dubai ecuador egypt england estonia ethiopia europe finland france georgia germany ghana greece
hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kenya korea kuwait
lebanon libya lithuania malaysia malta mexico morocco nepal netherlands holland nigeria norway oman
pakistan palestine panama peru philippines poland portugal qatar romania russia scotland serbia
singapore slovakia slovenia somalia spain sri lanka sudan sweden switzerland syria taiwan tanzania
thailand tunisia turkey uae uganda uk ukraine usa us uruguay venezuela vietnam wales yemen zambia
zimbabwe africa asia america scandinavia
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
washington wisconsin wyoming ontario quebec alberta manitoba saskatchewan queensland victoria tasmania
doha london manchester leeds liverpool birmingham bristol glasgow edinburgh cardiff belfast dublin cork
paris lyon marseille berlin munich hamburg frankfurt amsterdam rotterdam brussels antwerp madrid
barcelona valencia seville lisbon porto rome milan naples venice florence vienna prague budapest warsaw
krakow copenhagen stockholm oslo helsinki zurich geneva athens istanbul ankara moscow kiev kyiv cairo
alexandria riyadh jeddah muscat manama beirut amman baghdad tehran karachi lahore islamabad delhi
mumbai bombay bangalore bengaluru chennai kolkata hyderabad pune goa kathmandu dhaka colombo bangkok
phuket hanoi saigon manila cebu jakarta bali kuala lumpur singapore hong kong shanghai beijing
shenzhen taipei tokyo osaka kyoto seoul sydney melbourne brisbane perth adelaide auckland wellington
nairobi lagos accra johannesburg joburg durban casablanca marrakech toronto montreal vancouver ottawa
calgary edmonton winnipeg halifax nyc brooklyn manhattan queens bronx boston chicago philly
philadelphia pittsburgh baltimore dc atlanta miami orlando tampa jacksonville houston dallas austin
san antonio denver phoenix tucson vegas las vegas seattle portland sf san francisco oakland san jose
la los angeles hollywood san diego sacramento detroit cleveland columbus cincinnati indianapolis
nashville memphis louisville charlotte raleigh richmond minneapolis milwaukee st louis kansas city
omaha salt lake city honolulu anchorage new orleans new york new jersey new mexico new hampshire
north carolina south carolina north dakota south dakota west virginia rhode island new england
mexico city cancun havana bogota lima santiago buenos aires rio sao paulo caracas quito montevideo
wakra al wakra lusail al khor al rayyan west bay the pearl abu dhabi sharjah ajman
bay area silicon valley midtown downtown uptown soho greenville leicester nottingham sheffield newcastle
brighton oxford cambridge bath york reading southampton portsmouth coventry aberdeen dundee
""")
# Words that appear in the list above only as parts of longer names ("north carolina", "salt lake
# city"): alone they name no place ("near North Loop" is not "north"), so a single word must not match.
_FRAGMENTS = wordset(
    "north south west east new san los las salt lake st al the bay sri lanka city kuala lumpur hong kong "
    "abu dhabi buenos aires sao paulo rhode island carolina dakota hampshire angeles francisco diego jose "
    "antonio orleans louis pearl khor rayyan silicon valley area")
_GAZETTEER = _GAZETTEER - _FRAGMENTS
_MULTI = frozenset(re.split(r"\|",
    "sri lanka|kuala lumpur|hong kong|san antonio|las vegas|san francisco|san jose|los angeles|san diego|"
    "st louis|kansas city|salt lake city|new orleans|new york|new jersey|new mexico|new hampshire|"
    "north carolina|south carolina|north dakota|south dakota|west virginia|rhode island|new england|"
    "mexico city|buenos aires|sao paulo|al wakra|al khor|al rayyan|west bay|the pearl|abu dhabi|bay area|"
    "silicon valley|saudi arabia|united states|united kingdom|south africa|new zealand|costa rica|"
    "puerto rico|hong kong|washington dc|the uk|the us|the usa|the states|the city|the area"))
# nouns that make a lowercase phrase after "in"/"near" a place ("nathan campus", "industrial area")
_PLACE_NOUNS = wordset(
    "area campus city town village county district downtown centre center neighborhood neighbourhood "
    "suburb street road avenue ave st rd mall station airport region province state country island "
    "valley coast beach park square market souq souk compound zone quarter side borough estate")
_NOT_PLACE = wordset(
    "a an my your his her our their this that these those it them general time advance pain love "
    "trouble need mind case fact life town? bed order stock particular return person public "
    "touch charge luck front total short addition future past morning afternoon evening night "
    "weekend week month year summer winter spring fall autumn december january february march april "
    "may june july august september october november hurry rush budget cash bulk english arabic "
    "french spanish terms mind which what how good bad such store stores shop shops")
_PREP_RE = re.compile(
    r"(?i)\b(?:in|near|around|close to|nearby|based in|living in|located in|anywhere in|within reach of"
    r"|here in|over here in|out here in|in and around)\s+"
    r"((?:the\s+)?[#@]?[A-Za-z][\w'.&-]*(?:[ -][A-Za-z][\w'&-]*){0,3})")
_HERE_RE = re.compile(r"(?i)\b(around here|near me|nearby|in (?:this|my) (?:area|town|city|neighbou?rhood)"
                      r"|in town|locally|near (?:my|our) (?:house|home|place|office|work|school))\b")
# "at" names too many times and things ("at 5", "at the moment"): only a known place after it
_AT_RE = re.compile(r"(?i)\bat\s+([a-z]+(?: [a-z]+)?)")
_HASH_RE = re.compile(r"#([A-Za-z]\w{2,40})")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _place_prefix(tokens: list[str], raw: list[str]) -> str | None:
    """The leading part of ``tokens`` that names a place, or ``None``."""
    if not tokens:
        return None
    lead = 1 if tokens[0] == "the" else 0
    body = tokens[lead:]
    if not body or body[0] in _NOT_PLACE:
        return None
    for n in (3, 2):
        cand = " ".join(tokens[:lead + n])
        if cand in _MULTI or " ".join(body[:n]) in _MULTI:
            return cand
    if body[0] in _GAZETTEER:
        # "greenville sc", "doha qatar": a known name may be followed by a short state/country code
        if len(body) > 1 and (body[1] in _GAZETTEER or (len(body[1]) == 2 and raw[lead + 1].isupper())):
            return " ".join(tokens[:lead + 2])
        return " ".join(tokens[:lead + 1])
    for n in range(min(4, len(body)), 0, -1):
        if body[n - 1] in _PLACE_NOUNS and not any(t in _NOT_PLACE for t in body[:n]):
            return " ".join(tokens[:lead + n])
    # a capitalised name ("in Leeds", "near Nathan campus") if written capitalised in a mixed-case text
    caps = [r for r in raw[lead:] if r[:1].isupper()]
    if raw[lead:] and raw[lead][:1].isupper() and not raw[lead].isupper() and len(raw[lead]) > 2:
        n = 1
        while n < len(caps) and n < len(body) and raw[lead + n][:1].isupper():
            n += 1
        return " ".join(tokens[:lead + n])
    return None


def find_location(text: str, *, mixed_case: bool | None = None) -> str | None:
    """Where ``text`` wants its provider, lowercased as written, or ``None``."""
    if mixed_case is None:
        mixed_case = text != text.lower() and text != text.upper()
    for m in _PREP_RE.finditer(text):
        raw = []
        for w in m.group(1).lstrip("#@").split():
            head, dot, rest = w.partition(".")
            if head.strip("'"):
                raw.append(head.strip("'"))
            if dot and rest:
                break  # "Doha.How": a sentence ends inside the token
        if not mixed_case:
            raw = [w.lower() for w in raw]
        tokens = [w.lower() for w in raw]
        found = _place_prefix(tokens, raw)
        if found:
            return found
    for m in _AT_RE.finditer(text):
        toks = m.group(1).lower().split()
        for n in (2, 1):
            if " ".join(toks[:n]) in _MULTI or (n == 1 and toks[0] in _GAZETTEER):
                return " ".join(toks[:n])
    here = _HERE_RE.search(text)
    if here:
        return str(here.group(1)).lower()
    for tag in _HASH_RE.findall(text):
        spaced = _CAMEL_RE.sub(" ", tag).lower()
        if spaced in _GAZETTEER or spaced in _MULTI or tag.lower() in _GAZETTEER:
            return "#" + str(tag).lower()
    return None
