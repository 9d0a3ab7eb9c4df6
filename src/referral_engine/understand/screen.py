"""The compiled first pass of classification: each post's kind, and whether either judge could find anything.

``screen(texts)`` runs ``_screen.c`` over a batch of post texts and returns one code per text:

- the index of its post kind in :data:`KINDS`: exactly what :func:`kinds.kind_of` decides, told whether
  the post is a reply or a repost and who wrote it (:func:`screen`); or :data:`UNHANDLED`, for a text the
  compiled pass leaves to Python (one that holds a character of :data:`LEFT_TO_PYTHON`, or the rare ASCII
  whitespace ``\v \f \x1c-\x1f``);
- :data:`MAY_REQUEST`: exactly the request judge's prefilter (``requests.might_be_request``);
- :data:`MAY_ENDORSE`: exactly the endorsement judge's prefilter outside a thread (``endorsements._quick``);
- :data:`REPOST`: the text reads as a repost ("RT @x …") and no author was given for it, so its kind
  assumed none (with one, sharing praise of oneself is a pitch: pass ``authors``).

A post with neither flag holds no request and no endorsement (unless it replies in a request's thread,
where the endorsement reader reads it with the thread: ``understand_screened``), so its judgement is its
post kind alone; a flagged one goes straight to the judge its flag names. That is what makes ``refer
classify`` fast: about 1 µs a post here against about 8 µs for the post kind and the prefilters in Python
(docs/benchmarks.md).

What is written where: every table comes from the Python modules (built below), so the lexicon is written
once, and the endorsement prefilter's two patterns are translated branch by branch (:func:`branches`). The C
file mirrors ``kind_of``'s control flow with its five small patterns, and the request prefilter's question
gate and stem gates; ``tests/test_screen.py`` checks every decision against Python on the dev data (some
70,000 real texts) and on generated texts. When the extension is not built (no C compiler at install), or a
pattern uses syntax :func:`branches` cannot read, :data:`AVAILABLE` is false and every post is judged in Python.
"""

from __future__ import annotations

import re
import warnings
from array import array
from collections.abc import Sequence
from types import ModuleType

from . import endorsement_cues, endorsements, kinds, requests
from .model import PostKind

UNHANDLED = 7
MAY_REQUEST = 8
MAY_ENDORSE = 16
REPOST = 32
KIND_BITS = 7
#: The post kinds by the index a code carries (``code & KIND_BITS``).
KINDS: tuple[PostKind, ...] = kinds._KINDS


def _imperatives() -> tuple[str, ...]:
    """The literal alternatives of ``kinds._IMPERATIVES`` ("(watch|find out|…)\\b"), "don'?t" spelt both ways."""
    body = kinds._IMPERATIVES
    assert body.startswith("(") and body.endswith(r")\b"), body
    found: list[str] = []
    for branch in body[1:-3].split("|"):
        if branch == "don'?t miss":
            found += ["don't miss", "dont miss"]
        else:
            assert branch.replace(" ", "").replace("'", "").isalpha(), branch  # a literal: nothing for C to read
            found.append(branch)
    return tuple(found)


#: Characters beyond ASCII that leave a text to Python: those whose lower or upper case holds ASCII ("K",
#: the Kelvin sign, is "k" in lower case; "ſ" is "S" in upper), or whose lower case is two characters
#: ("İ"). ``re``'s case-free matching and ``str.lower`` see more in them than the one byte the compiled pass
#: reads every other character as (its class: a word character, a digit, a space, or none; and ’ “ « and
#: four currency signs, which the post kind reads). ``tests/test_screen.py`` derives the list again from
#: the whole of Unicode.
LEFT_TO_PYTHON = (0xDF, 0x130, 0x131, 0x149, 0x17F, 0x1F0, *range(0x1E96, 0x1E9B), 0x212A, *range(0xFB00, 0xFB07))

# The atoms of a pattern branch, as _screen.c reads them.
_LITERAL, _ANY_OPT, _CLASS, _CLASS_PLUS = range(4)
Branch = tuple[bool, str, tuple[tuple[int, str], ...]]  # cased, leading literal, the atoms after it


def _alternatives(source: str) -> list[str]:
    """``source`` split at its top-level ``|``."""
    found, depth, start, at = [], 0, 0, 0
    while at < len(source):
        char = source[at]
        if char == "[":
            at = source.index("]", at)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(source[start:at])
            start = at + 1
        at += 1
    return [*found, source[start:]]


def _closing(source: str, opening: int) -> int:
    """Where the group opened at ``opening`` closes."""
    depth = 0
    for at in range(opening, len(source)):
        depth += {"(": 1, ")": -1}.get(source[at], 0)
        if depth == 0:
            return at
    raise ValueError(f"unbalanced: {source!r}")


def _expanded(branch: str, cased: bool) -> list[tuple[bool, str]]:
    """A branch without groups: "(?i:a|b)" as case-free branches, "(?:a|b) c" as "a c" and "b c"."""
    if branch.startswith("(?i:") and _closing(branch, 0) == len(branch) - 1:
        return [found for alternative in _alternatives(branch[4:-1]) for found in _expanded(alternative, False)]
    group = branch.find("(?:")
    if group < 0:
        return [(cased, branch)]
    end = _closing(branch, group)
    head, body, tail = branch[:group], branch[group + 3:end], branch[end + 1:]
    if tail.startswith(("?", "*", "+", "{")):
        raise ValueError(f"unsupported: a repeated group in {branch!r}")
    return [found for alternative in _alternatives(body) for found in _expanded(head + alternative + tail, cased)]


def _class(body: str) -> str:
    """The characters of a class body ("A-HJ-Z@")."""
    chars, at = [], 0
    while at < len(body):
        if at + 2 < len(body) and body[at + 1] == "-":
            chars += [chr(code) for code in range(ord(body[at]), ord(body[at + 2]) + 1)]
            at += 3
        else:
            if body[at] in "\\^":
                raise ValueError(f"unsupported class [{body}]")
            chars.append(body[at])
            at += 1
    return "".join(chars)


def _atoms(branch: str) -> list[tuple[int, str]]:
    """A branch's atoms: literals, ".?", "[..]" and "[..]+"."""
    atoms: list[tuple[int, str]] = []
    at = 0
    while at < len(branch):
        char = branch[at]
        if char == "." and branch[at + 1:at + 2] == "?":
            atoms.append((_ANY_OPT, ""))
            at += 2
        elif char == "[":
            end = branch.index("]", at)
            plus = branch[end + 1:end + 2] == "+"
            atoms.append((_CLASS_PLUS if plus else _CLASS, _class(branch[at + 1:end])))
            at = end + 1 + plus
        elif char in "\\.^$*+?{}()|":
            raise ValueError(f"unsupported: {char!r} in {branch!r}")
        else:
            if atoms and atoms[-1][0] == _LITERAL:
                atoms[-1] = (_LITERAL, atoms[-1][1] + char)
            else:
                atoms.append((_LITERAL, char))
            at += 1
    return atoms


def branches(pattern: re.Pattern[str], *literals: str) -> list[Branch]:
    """The branches of ``pattern`` (a search for any of them is a search for the pattern), and ``literals``
    (searched for as written) as branches too. ``ValueError`` for syntax beyond literals, ".?", classes,
    "(?i:...)" and "(?:a|b) c"; the compiled pass then stays off."""
    if pattern.flags & ~re.UNICODE:
        raise ValueError("flags beyond the default")
    found: list[Branch] = []
    for cased, branch in (expanded for top in _alternatives(pattern.pattern) for expanded in _expanded(top, True)):
        atoms = _atoms(branch if cased else branch.lower())
        if not atoms or atoms[0][0] != _LITERAL or (not cased and any(kind >= _CLASS for kind, _ in atoms)):
            raise ValueError(f"unsupported: {branch!r} (a literal first; no class where case is ignored)")
        if len(atoms[0][1]) < 2 and not any(kind in (_LITERAL, _CLASS, _CLASS_PLUS) for kind, _ in atoms[1:]):
            raise ValueError(f"unsupported: {branch!r} can match one character")
        found.append((cased, atoms[0][1], tuple(atoms[1:])))
    return [*found, *((True, literal, ()) for literal in literals)]


def _configure(module: ModuleType) -> None:
    evidence = kinds._EVIDENCE
    module.configure(
        kinds._FORMS,
        (*kinds._PHRASES, ""),  # the courtesy entry is no phrase
        bytes(kind for kind, _ in evidence),
        bytes(kinds._PRAISING),
        bytes(number in kinds._THANKS for number in range(len(evidence))),
        (*(tuple(shadows) for shadows in kinds._SHADOWS), ()),
        kinds._WEIGHTS,
        kinds._PENALTIES,
        kinds._COURTESY_AT,
        (kinds._WE_FLAG, kinds._I_FLAG, kinds._CTA_FLAG),
        kinds._SIGN_OFFS,
        tuple(kinds._GREETINGS),
        tuple(kinds._REPOST_MARKS),
        kinds._PRESENTING,
        _imperatives(),
        requests.ASK_HINTS,
        branches(endorsement_cues.QUICK, *endorsements.QUICK_LITERALS),
        branches(endorsement_cues.PREFILTER),
        LEFT_TO_PYTHON,
        tuple((False, stem, ()) for stem in requests._ALL_STEMS),
    )


def _load() -> ModuleType | None:
    try:
        from . import _screen  # type: ignore[attr-defined]  # built by setup.py; optional
    except ImportError:
        return None
    try:
        _configure(_screen)
    except ValueError as error:  # a pattern the compiled pass cannot read: Python judges every post
        warnings.warn(f"classify's compiled first pass is off: {error}", RuntimeWarning, stacklevel=2)
        return None
    requests.stems_found = _screen.stems  # the request reader finds its stems with one call, not 45 tests
    return _screen  # type: ignore[no-any-return]


_MODULE = _load()
#: Whether the compiled pass is built (``screen`` leaves every text to Python when it is not).
AVAILABLE = _MODULE is not None


def screen(
    texts: Sequence[str], scores: array[float] | None = None, *, replies: Sequence[bool] | None = None,
    reposts: Sequence[bool] | None = None, authors: Sequence[str | None] | None = None,
) -> bytes:
    """One code per text (see the module's docstring); :data:`UNHANDLED` for every text where the pass is not
    built (:data:`AVAILABLE`), so that callers judge those in Python.

    ``replies``, ``reposts`` and ``authors`` give, per text, what ``kinds.kind_of`` is told as ``is_reply``,
    ``is_repost`` and ``author`` (all false and ``None`` when not given). ``scores`` (an ``array("d")`` of one
    double per text) receives the post kind's score of each text judged here, unrounded: ``round(score, 4)``
    is what ``kinds.kind_of`` reports.
    """
    if not AVAILABLE or _MODULE is None:
        return bytes([UNHANDLED]) * len(texts)
    context = None
    if replies is not None or reposts is not None:
        context = bytes((bool(reply) | bool(repost) << 1)
                        for reply, repost in zip(replies or [False] * len(texts), reposts or [False] * len(texts),
                                                 strict=True))
    handles = None if authors is None else [author.lower().lstrip("@") if author else None for author in authors]
    return _MODULE.screen(texts, scores, context, handles)  # type: ignore[no-any-return]
