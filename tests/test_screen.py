"""The compiled first pass of classify (understand/_screen.c, understand/screen.py): built by the install, and
exactly what the Python judges decide, post for post, on every real text of the dev data and on generated
texts full of the cues it reads.

For each ASCII post the pass gives the post kind (``kinds.kind_of``) and two flags, which must be the Python
prefilters exactly: ``requests._might`` and ``endorsements._quick``. ``refer classify`` then judges in Python
only the flagged posts, so its output must be byte for byte the pure-Python output (``batch.judge``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared
from referral_engine.understand import batch, endorsement_cues, kinds, requests, screen
from referral_engine.understand.endorsements import _quick
from referral_engine.understand.requests import _might

# Where the pass is not built, test_the_extension_is_built fails; the others have nothing to check.
built = pytest.mark.skipif(not screen.AVAILABLE, reason="the compiled first pass is not built")


LEFT = frozenset(screen.LEFT_TO_PYTHON)


def expected_code(text: str) -> int:
    """What the pass must answer for ``text``, from the Python judges."""
    if any(char in text for char in "\v\f\x1c\x1d\x1e\x1f") or any(ord(char) in LEFT for char in text):
        return screen.UNHANDLED
    low = text.lower()
    kind = kinds._KINDS.index(kinds.kind_of(text.strip(), low.strip(), low.split(), with_cues=False)[0])
    return kind | (screen.MAY_REQUEST if _might(text, low) else 0) | (screen.MAY_ENDORSE if _quick(text) else 0)


def mismatches(texts: list[str]) -> list[tuple[str, int, int]]:
    """(text, expected, got) for every text the pass answers otherwise (the repost bit aside)."""
    codes = screen.screen(texts)
    return [(text, want, got & ~screen.REPOST) for text, got in zip(texts, codes, strict=True)
            if (want := expected_code(text)) != got & ~screen.REPOST]


def dev_texts() -> Iterator[str]:
    """Every real post text of the dev data: tweets, corporate messages, Qatar Living questions and comments."""
    for name in ("tweets_sentiment140_2009.jsonl", "corporate_messaging_kinds_dev.jsonl"):
        yield from (json.loads(line)["text"] for line in shared("dev", name).read_text().splitlines() if line)
    rows = csv.DictReader(io.StringIO(shared("dev", "corporate_messaging_dev.csv").read_text(encoding="latin-1")))
    yield from (row["text"] for row in rows if row.get("text"))
    for xml in sorted(shared("dev", "qatarliving_2015").glob("*.xml")):
        for body in re.findall(r"<(?:QSubject|QBody|CSubject|CBody)>(.*?)</", xml.read_text(), re.S):
            yield html.unescape(body)


def test_the_extension_is_built() -> None:
    """CI installs with a C compiler: the pass must be there, or classify silently runs 3x slower."""
    assert screen.AVAILABLE, "understand/_screen*.c did not build, or screen.py switched it off (see its warning)"
    from referral_engine.understand import _screen  # type: ignore[attr-defined]

    assert _screen.screen(["hello"]) == bytes([kinds._KINDS.index(kinds.PostKind.OTHER)])


@built
def test_every_dev_text_gets_the_python_decisions() -> None:
    texts = list(dev_texts())
    assert len(texts) > 60_000
    assert mismatches(texts) == []
    codes = screen.screen(texts)
    # the pass does decide most posts, and its flags do fire (the test above cannot pass vacuously)
    assert sum(code == screen.UNHANDLED for code in codes) < len(texts) * 0.05
    assert sum(bool(code & screen.MAY_REQUEST) for code in codes) > 1_000
    assert sum(bool(code & screen.MAY_ENDORSE) for code in codes) > 1_000
    assert {code & screen.KIND_BITS for code in codes} >= {0, 1, 2, 3, 4}  # every kind
    beyond_ascii = [code for text, code in zip(texts, codes, strict=True) if not text.isascii()]
    assert len(beyond_ascii) > 1_000 and all(code != screen.UNHANDLED for code in beyond_ascii)


# Words and marks the judges react to, with the characters their patterns turn on.
CUES = [
    *(phrase.strip() for phrase in kinds._PHRASES), *kinds._CTA_VERBS, *kinds._WE_WORDS, *kinds._I_WORDS,
    *kinds._GREETINGS, "RT", "MT", "rt", "via", "by", "who", "which", "where", "wer", "where's", "where're", "know",
    "need", "needs", "want", "wants", "any", "anyone", "any one", "anybody", "here", "doing", "selling", "looking",
    "lookin'", "lookig", "4", "for", "rec", "recs", "recommend", "reccomend", "suggest", "ideas", "tips", "seeking",
    "hmu", "should", "is there", "are there", "fav", "favourite", "good", "best", "Best", "BEST", "in", "near",
    "around", "can", "could", "a", "an", "some", "that", "to", "buy", "find", "go", "Go", "GO TO", "try", "Try",
    "Mary", "Joe's", "Kudos", "kudos", "shout out", "shoutout", "avoid", "worst", "stay away", "never again",
    "overpriced", "rip off", "ripoff", "rip", "off", "hout", "shout", "ut", "out", "thanks to", "check out",
    "the best", "in town", "go-to", "sent you", "'d call", "would call", "customers to", "clients to", "friends to",
    "patients to", "highly", "$5", "$ 5", "20%", "20 % off", "50%off", "5%", "\"quoted\"", "Mr. Smith Jones:",
    "Ann Lee :", "A B C D E:", "@joe", ".@joe", "@joe's", "@shop's", "http://x.co", "www.x.com", "#deals", "(thanks",
    "thanks!", "thx.", "ty", "tia", "?", "!", ":", ".", ",", "...", "'", "-", "s",
    "@joe’s", ".@shop’s", "we’re", "let’s", "don’t miss", "“thanks", "“quoted”", "«citation»", "£5", "€ 5",
    "¥20", "₹100", "٣٠%", "20\xa0% off", "café", "Ünïcödé Speaker:", "naïve", "😀", "—", "…",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", "\r\n", ", ", ". ", "! ", "? ", ": ", ""]
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cue_texts(draw: st.DrawFn) -> str:
    """A text of cue words and marks, joined by assorted whitespace and punctuation, some words capitalised."""
    parts = draw(st.lists(st.tuples(st.sampled_from(CUES), st.sampled_from(SEPARATORS), st.booleans()), max_size=14))
    text = "".join((word.upper() if shout else word) + separator for word, separator, shout in parts)
    return draw(st.sampled_from(["", " ", "\n"])) + text


@built
@SETTINGS
@given(st.lists(cue_texts(), min_size=1, max_size=20))
def test_generated_texts_get_the_python_decisions(texts: list[str]) -> None:
    assert mismatches(texts) == []


@built
@SETTINGS
@given(st.lists(st.text(st.characters(codec="ascii"), max_size=60), max_size=10))
def test_any_ascii_text_gets_the_python_decisions(texts: list[str]) -> None:
    """Control characters, odd whitespace and punctuation included: answered as Python would, or left to it."""
    assert mismatches(texts) == []


# Characters beyond ASCII that the judges' patterns single out, or that look like what they single out.
SPECIAL = "’‘“”«»£€¥₹$¢\xa0\u2003\u3000\x85\u2028٣²ⅫéÉß\u0130\u0131\u017f\u212a\u212b…–—😀"


@built
@SETTINGS
@given(st.lists(st.builds("".join, st.lists(st.one_of(st.sampled_from(CUES), st.sampled_from(SEPARATORS),
                                                      st.sampled_from(SPECIAL), st.characters()), max_size=16)),
                min_size=1, max_size=20))
def test_any_text_gets_the_python_decisions(texts: list[str]) -> None:
    """Cue words among any characters of Unicode: letters and digits of every script, other spaces, curly
    quotes, currency signs, emoji, and the characters whose case Python reads specially."""
    assert mismatches(texts) == []


@built
def test_other_whitespace_and_case_special_characters_are_left_to_python() -> None:
    texts = ["thanks\vall", "a\x1cb", "İstanbul kebab", "the Kelvin sign: 5 \u212a", "café is great", "we’re open",
             "“quoted”", "£5 off today", "plain words here"]
    assert [code & screen.KIND_BITS == screen.UNHANDLED for code in screen.screen(texts)] == [True] * 4 + [False] * 5
    assert mismatches(texts) == []


def test_the_characters_left_to_python_are_exactly_those_python_reads_specially() -> None:
    """Over the whole of Unicode: a character beyond ASCII is left to Python when its lower or upper case holds
    ASCII or its lower case is longer; for every other, re's case-free match finds no ASCII letter in it, and
    its lower case is one character of the same class (so that lower-casing the one byte it is read as is
    lower-casing it)."""
    letter = re.compile(r"(?i:[a-z])")

    def reading(char: str) -> tuple[bool, ...]:
        return (char.isspace(), char.isdecimal(), char.isalnum(), char in "’“«£€¥₹")

    derived = []
    for code in range(0x80, 0x110000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1 or not lower[0:1] or any(ord(c) < 128 for c in lower + char.upper()):
            derived.append(code)
            continue
        assert letter.fullmatch(char) is None, hex(code)
        assert reading(lower) == reading(char), hex(code)
    assert tuple(derived) == screen.LEFT_TO_PYTHON


def test_classify_output_is_the_pure_python_output_whatever_the_posts(tmp_path: Path) -> None:
    """Replies (whose parents are in the input or not), reposts, authors, numeric ids, non-ASCII posts,
    requests and endorsements: the output of ``classify_stream`` is the reference judge's, byte for byte."""
    texts = [text for text, _ in zip(dev_texts(), range(6_000), strict=False)]
    texts += ["Does anyone know a good plumber in Leeds?", "Joe's Plumbing, they fixed our leak in an hour!",
              "RT @ana: we love our new menu", "RT @joesplumbing: @joesplumbing saved our day, thanks!",
              "We send all our clients to @lakeside_law.", "Café Nero is the best in town ☕", "Kudos to @ben!"]
    rows = []
    for number, text in enumerate(texts):
        row: dict[str, object] = {"id": number if number % 7 == 0 else f"p{number}", "text": text}
        if number % 11 == 3:
            row["reply_to"] = f"p{number - 1}" if number % 2 else "missing"
        if number % 13 == 5 or text.startswith("RT @joesplumbing"):
            row["author"] = "joesplumbing"
        rows.append(row)
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    items = [item for block in batch.read_blocks(io.BytesIO(data)) for item in block]
    got = b"".join(batch.classify_stream([items], chunk=500))
    texts_by_id = {item.id: item.text for item in items}
    expected = b"".join(msgspec.json.encode(batch.as_output(item, judgement)) + b"\n"
                        for item, judgement in batch.judge(items, texts_by_id.get))
    assert got == expected
    lines = [json.loads(line) for line in got.splitlines()]
    assert sum(line["request"] is not None for line in lines) >= 1
    assert sum(bool(line["endorsements"]) for line in lines) >= 2
    assert lines[-3]["endorsements"][0]["target"] == "@lakeside_law"


@built
def test_pattern_branches_are_read_or_refused() -> None:
    """``screen.branches`` reads what QUICK and PREFILTER are written in, and refuses anything else (the pass
    then stays off rather than answer wrongly)."""
    lowercase = "abcdefghijklmnopqrstuvwxyz"
    assert screen.branches(re.compile(r"ab.?cd|(?i:X(?:y|z) q)|est [a-z]+ in|ry [A-C@]"), "lit") == [
        (True, "ab", ((screen._ANY_OPT, ""), (screen._LITERAL, "cd"))),
        (False, "xy q", ()), (False, "xz q", ()),
        (True, "est ", ((screen._CLASS_PLUS, lowercase), (screen._LITERAL, " in"))),
        (True, "ry ", ((screen._CLASS, "ABC@"),)),
        (True, "lit", ()),
    ]
    for bad in (r"a\d", r"ab*", r"(?:a|b)+c", r"[A-Z]x", r"x", r"(?i:[a-z]b)", r"^ab"):
        with pytest.raises(ValueError):
            screen.branches(re.compile(bad))
    assert len(screen.branches(endorsement_cues.QUICK)) > 30 and len(screen.branches(endorsement_cues.PREFILTER)) > 25


@built
def test_configure_refuses_stems_the_gates_do_not_know() -> None:
    from referral_engine.understand import _screen  # type: ignore[attr-defined]

    try:
        with pytest.raises(ValueError, match="gates"):
            _configure_with(_screen, ask_hints=("rec", "sugg"))
    finally:
        screen._configure(_screen)  # the module's tables are process-wide: put them back
    assert mismatches(["Can anyone recommend a dentist?", "we are hiring!"]) == []


def _configure_with(module: object, **changes: object) -> None:
    """``screen._configure`` with some of its arguments changed."""
    calls: list[tuple[object, ...]] = []

    class Recorder:
        def configure(self, *args: object) -> None:
            calls.append(args)

    screen._configure(Recorder())  # type: ignore[arg-type]
    args = list(calls[0])
    if "ask_hints" in changes:
        args[15] = changes["ask_hints"]
    module.configure(*args)  # type: ignore[attr-defined]


def test_judging_the_store_is_the_pure_python_judging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an ingest, original posts take the compiled pass (``pipeline.judge_store``); replies, reposts and
    non-ASCII posts Python: every table of judgements is what pure Python writes. Real records of every
    platform's format (reposts, replies, authors) and real texts of the dev data in the plain format."""
    from referral_engine import Store

    texts = [text for text, _ in zip(dev_texts(), range(4_000), strict=False)]
    texts += ["We send all our clients to @lakeside_law.", "Does anyone know a good plumber in Leeds?",
              "RT @joesplumbing: thanks to @joesplumbing, the best plumbers!"]
    rows = [{"id": f"p{number}", "author": f"user{number % 50}", "text": text,
             "created_at": f"2026-03-{1 + number % 28:02d}T10:00:00Z",
             **({"reply_to": f"p{number - 1}"} if number % 9 == 4 else {})} for number, text in enumerate(texts)]
    plain = tmp_path / "posts.jsonl"
    plain.write_text("".join(json.dumps(row) + "\n" for row in rows))
    formats = shared("formats")
    sources = [plain, formats / "x-v2-twarc", formats / "bluesky-jetstream", formats / "x-archive"]
    queries = ("SELECT * EXCLUDE (judged_at) FROM judgements ORDER BY ALL", "SELECT * FROM requests ORDER BY ALL",
               "SELECT * FROM endorsements ORDER BY ALL")
    tables = []
    for available in (True, False):
        monkeypatch.setattr(screen, "AVAILABLE", available)
        with Store(tmp_path / f"pass-{available}.duckdb") as store:
            store.ingest(*sources)
            tables.append([store.query(query) for query in queries])
    compiled, python = tables
    assert compiled == python
    assert len(compiled[0]) > 5_000 and len(compiled[1]) >= 3 and len(compiled[2]) >= 10


def stems_in(low: str) -> set[str]:
    """The request reader's stems in ``low``, as its own loop finds them."""
    return {stem for stem in requests._ALL_STEMS if stem in low}


def stems_reported(low: str) -> set[str] | None:
    found = requests.stems_found(low)
    return None if found is None else {stem for at, stem in enumerate(requests._ALL_STEMS) if found >> at & 1}


@built
def test_the_request_reader_finds_its_stems_through_the_pass() -> None:
    """``requests.stems_found`` (the pass's ``stems``) reports exactly the stems each text holds, or ``None``
    where a character leaves the text to Python; the reader then tests them one by one, as before."""
    assert requests.stems_found is not requests._no_stems_found
    texts = [text.lower() for text, _ in zip(dev_texts(), range(20_000), strict=False)]
    assert [stems_reported(low) for low in texts] == [stems_in(low) for low in texts]
    assert sum(bool(stems_in(low)) for low in texts) > 5_000
    assert stems_reported("any good \u212a dentist?") is None


@built
@SETTINGS
@given(st.builds("".join, st.lists(st.one_of(st.sampled_from([*requests._ALL_STEMS, *SEPARATORS]),
                                             st.sampled_from(SPECIAL), st.characters()), max_size=20)))
def test_any_text_gets_its_stems_reported(text: str) -> None:
    low = text.lower()
    assert stems_reported(low) in (stems_in(low), None)
    assert stems_reported(low) is not None or any(ord(char) in LEFT for char in low)


AUTHORS = st.one_of(st.none(), st.sampled_from(["acme", "@Acme", "joe", "ben", "", "café", "@J\u212a"]))
TEXTS = st.builds("".join, st.lists(st.one_of(st.sampled_from(CUES), st.sampled_from(SEPARATORS),
                                              st.sampled_from(SPECIAL)), max_size=14))


@built
@SETTINGS
@given(st.lists(st.tuples(TEXTS, st.booleans(), st.booleans(), AUTHORS), min_size=1, max_size=20))
def test_the_kind_of_replies_and_reposts_is_pythons(posts: list[tuple[str, bool, bool, str | None]]) -> None:
    """Told that a post is a reply or a repost and who wrote it, the pass decides what ``kind_of`` does: a
    repost of praise that names its own author is a pitch ("RT @ben: thanks @acme", shared by acme)."""
    texts = [text for text, *_ in posts]
    codes = screen.screen(texts, replies=[reply for _, reply, _, _ in posts],
                          reposts=[repost for _, _, repost, _ in posts], authors=[author for *_, author in posts])
    for (text, reply, repost, author), code in zip(posts, codes, strict=True):
        if code & screen.KIND_BITS == screen.UNHANDLED:
            assert expected_code(text) == screen.UNHANDLED or any(ord(char) in LEFT for char in author or "")
            continue
        low = text.lower()
        kind = kinds.kind_of(text.strip(), low.strip(), low.split(), is_reply=reply, is_repost=repost,
                             author=author, with_cues=False)[0]
        assert kinds._KINDS[code & screen.KIND_BITS] == kind, (text, reply, repost, author)


@built
def test_a_repost_naming_its_author_is_a_pitch() -> None:
    texts = ["RT @ben: Huge thanks to @acme for the rescue!"] * 3
    codes = screen.screen(texts, reposts=[True] * 3, authors=["acme", "cara", None])
    assert [kinds._KINDS[code & screen.KIND_BITS].value for code in codes] == ["pitch", "promoting_others",
                                                                               "promoting_others"]
    assert [bool(code & screen.REPOST) for code in codes] == [False, False, True]  # no author to compare
