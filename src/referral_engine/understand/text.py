"""Shared text helpers for the detectors: cleaning, tokens, noun-phrase trimming, head nouns.

Stable API (other detectors import these; change only by adding):

- ``clean(text) -> str``: HTML entities unescaped, URLs removed, whitespace collapsed (newlines kept
  as one newline, a sentence break); case kept.
- ``strip_leading_mentions(text) -> str``: ``text`` without the ``@handle`` run it starts with.
- ``words(text) -> list[str]``: lowercased word tokens (letters, digits, ``'``, ``&``, ``-``).
- ``sentences(text) -> list[str]``: pieces ending at ``.``, ``!``, ``?``, ``;`` or a newline (kept).
- ``singular(word) -> str``: a naive singular of an English noun ("dentists" -> "dentist").
- ``norm_phrase(phrase) -> str``: lowercased, leading determiners and trailing punctuation off,
  whitespace collapsed ("A good Thai restaurant!" -> "good thai restaurant").
- ``head_noun(phrase) -> str``: the singular last word before the first preposition or clause
  word ("hospital for baby vaccinations" -> "hospital", "thai restaurants" -> "restaurant").
- ``wordset(text) -> frozenset[str]``: the whitespace-separated words of ``text`` (for lexicons).
- ``DETERMINERS``, ``PREPOSITIONS``, ``STOPWORDS``: frozensets of lowercased words.
- ``URL_RE``, ``MENTION_RE``, ``HASHTAG_RE``: compiled patterns.
"""

from __future__ import annotations

import html
import re

URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
MENTION_RE = re.compile(r"@\w{1,30}")
HASHTAG_RE = re.compile(r"#(\w{2,60})")
_SPACE_RE = re.compile(r"\s+")
_BLANK_RE = re.compile(r"[^\S\n]+")
_ODD_BLANKS = re.compile(r"[\t\r\x0b\x0c\x1c-\x1f]|  ")  # in ASCII text, what _BLANK_RE would change
_NEWLINE_RE = re.compile(r"\s*\n\s*")
_LEADING_MENTIONS_RE = re.compile(r"^(?:\s*(?:RT\s+)?@\w{1,30}:?)+\s*")
_WORD_RE = re.compile(r"[a-z0-9][a-z0-9'&\-]*")
_SENTENCE_RE = re.compile(r"[^.!?;\n]+(?:[.!?;]+|\n|$)")



def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a frozenset (to write lexicons compactly)."""
    return frozenset(text.split())


DETERMINERS = wordset(
    "a an the some any another other my our your his her their this that these those one "
    "good great decent reliable nice trustworthy reputable recommended best")
PREPOSITIONS = wordset(
    "for in near around at to from with within by on of about like that which who whom where "
    "when while if so because as than into onto since until")
STOPWORDS = wordset(
    "i me my we us our you your he she it they them a an the and or but if then so to of in on at "
    "for with by from is are was were be been am do does did have has had can could would should "
    "will shall may might must this that these those there here what which who whom where when why "
    "how any some anyone anybody someone somebody all not no just really very too also please pls "
    "thanks thank know get got need want like")

_IRREGULAR = {"children": "child", "people": "person", "men": "man", "women": "woman", "teeth": "tooth",
              "feet": "foot", "mice": "mouse", "geese": "goose", "knives": "knife", "wives": "wife",
              "lives": "life", "leaves": "leaf", "shelves": "shelf", "series": "series", "news": "news"}
_NO_S = ("ss", "us", "is", "ics", "ws")


def clean(text: str) -> str:
    """``text`` with HTML entities unescaped, URLs removed, whitespace collapsed (newlines kept as one)."""
    if "&" in text:
        text = html.unescape(text)
    if "://" in text or "www." in text:
        text = URL_RE.sub(" ", text)
    if "\n" in text:
        text = _NEWLINE_RE.sub("\n", text)
    if text.isascii() and _ODD_BLANKS.search(text) is None:
        return text.strip()  # every blank is one space already: the substitution would change nothing
    return _BLANK_RE.sub(" ", text).strip()


def strip_leading_mentions(text: str) -> str:
    """``text`` without the run of ``@handle`` (and ``RT``) it starts with."""
    return _LEADING_MENTIONS_RE.sub("", text) if text.lstrip()[:1] in ("@", "R") else text


def words(text: str) -> list[str]:
    """Lowercased word tokens of ``text``."""
    return _WORD_RE.findall(text.lower())


def sentences(text: str) -> list[str]:
    """The sentence-like pieces of ``text``, each with its ending punctuation."""
    return [s.strip() for s in _SENTENCE_RE.findall(text) if s.strip()]


def singular(word: str) -> str:
    """A naive singular of an English noun."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(_NO_S):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


def norm_phrase(phrase: str) -> str:
    """``phrase`` lowercased, without leading determiners or trailing punctuation, spaces collapsed."""
    toks = _SPACE_RE.sub(" ", phrase.lower()).strip(" .,!?;:'\"()[]").split(" ")
    while len(toks) > 1 and toks[0] in DETERMINERS:
        toks.pop(0)
    return " ".join(toks).strip(" .,!?;:'\"()[]")


def head_noun(phrase: str) -> str:
    """The singular last word of ``phrase`` before its first preposition or clause word."""
    toks = [t for t in words(phrase)]
    head: list[str] = []
    for tok in toks:
        if tok in PREPOSITIONS and head:
            break
        head.append(tok)
    while head and head[-1] in STOPWORDS:
        head.pop()
    return singular(head[-1]) if head else ""
