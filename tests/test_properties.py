"""Property-based tests: truncated, corrupted and wrongly-typed records of every format.

Seeds are real records from ``../shared/data/formats`` (one per line or array
element). Each example builds two files from them, with every record's position
known: an *exact* file (good records and records broken as JSON: truncated,
corrupted with control bytes, non-UTF-8 bytes) and a *mixed* one (also
wrongly-typed and deleted fields at any depth). Both are read directly through
``SOURCE.iter_records`` and through the real ingest into a fresh DuckDB store:

* nothing raises;
* every Rejected carries a non-empty reason, at the position of its record;
* a good record is never quarantined and all its posts (by id) are stored;
* a record that is broken JSON, or lacks / mistypes a post's id, author or text,
  is quarantined at its position (broken JSON: exactly one row, nothing else);
* the exact file stores exactly the good records' posts, and quarantines
  exactly one row per broken record, at its line.

Which post ids a seed carries is computed in ``format_specs.py``, the simple way, per format.
Bugs these properties found are kept as plain regression tests at the end of the file.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FORMATS
from format_specs import (
    CONTROL,
    INVALID_UTF8,
    JSON_REASON,
    KINDS,
    SENTINEL,
    SPECS,
    WRONG,
    Path_,
    Spec,
    at,
    dumps,
    has,
    is_json,
    masto_posts,
    plain_posts,
    plain_rows,
    seeds,
    v2_posts,
    walk,
)
from referral_engine import Store
from referral_engine.ingest import FolderContainer
from referral_engine.model import Post, Record, Rejected
from referral_engine.sources import get_source, x_archive

pytestmark = pytest.mark.skipif(not FORMATS.exists(), reason=f"shared data not found: {FORMATS}")

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# -- mutated records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One record of a built file and what must become of it."""

    raw: bytes = field(repr=False)
    what: str
    good: bool = False
    posts: frozenset[str] = frozenset()  # what a good record stores
    broken_json: bool = False  # must be exactly one Rejected, nothing else
    must_reject: bool = False
    keep: frozenset[str] = frozenset()  # posts that must survive the mutation (the rest of a page)


def _string_paths(value: Any) -> list[Path_]:
    return [p for p in walk(value) if isinstance(at(value, p), str)]


@st.composite
def good_item(draw: st.DrawFn, spec: Spec) -> Item:
    pool = seeds(spec.id)
    value, raw = pool[draw(st.integers(0, len(pool) - 1), label="seed")]
    return Item(raw, "good", good=True, posts=frozenset(spec.posts(value)))


@st.composite
def broken_item(draw: st.DrawFn, spec: Spec, *, whole_line: bool) -> Item:
    """A record that is no longer JSON: truncated, a control byte, or non-UTF-8 bytes in a string.

    ``whole_line`` allows cutting anywhere in the line (a JSONL line stands alone);
    otherwise the damage stays inside one string, so an array keeps its structure.
    """
    pool = seeds(spec.id)
    index = draw(st.integers(0, len(pool) - 1), label="seed")
    value, raw = pool[index]
    how = draw(st.sampled_from(["truncate", "control", "non-utf8"] if whole_line else ["control", "non-utf8"]))
    if how == "truncate":
        cut = draw(st.integers(1, len(raw) - 1), label="cut")
        return Item(raw[:cut], f"seed {index} truncated at byte {cut}", broken_json=True, must_reject=True)
    if how == "control" and whole_line:
        # any ASCII byte replaced by a control byte (other bytes would also break UTF-8)
        ascii_at = [i for i in range(0, len(raw), max(1, len(raw) // 512)) if raw[i] < 0x80]
        pos = draw(st.sampled_from(ascii_at), label="pos")
        byte = draw(st.sampled_from(CONTROL), label="byte")
        bad = raw[:pos] + bytes([byte]) + raw[pos + 1:]
        return Item(bad, f"seed {index} byte {pos} -> {byte:#x}", broken_json=True, must_reject=True)
    paths = _string_paths(value)
    path = draw(st.sampled_from(paths), label="path")
    junk = bytes([draw(st.sampled_from(CONTROL))]) if how == "control" else draw(st.sampled_from(INVALID_UTF8))
    mutated = copy.deepcopy(value)
    original = at(mutated, path)
    at(mutated, path[:-1])[path[-1]] = SENTINEL
    text = dumps(original)[1:-1]  # the string as serialized, without its quotes
    split = draw(st.integers(0, len(text)), label="split")
    bad = dumps(mutated).replace(SENTINEL.encode(), text[:split] + junk + text[split:])
    return Item(bad, f"seed {index} {junk!r} in {path}", broken_json=True, must_reject=True)


@st.composite
def field_item(draw: st.DrawFn, spec: Spec) -> Item:
    """A record with one field, at any depth, replaced by a wrongly-typed value or deleted."""
    pool = seeds(spec.id)
    index = draw(st.integers(0, len(pool) - 1), label="seed")
    value, _raw = pool[index]
    required = {p: k for p, k in spec.required(value).items() if has(value, p)}
    if required and draw(st.booleans(), label="required"):
        path = draw(st.sampled_from(sorted(required, key=repr)), label="path")
    else:
        paths = walk(value)
        path = paths[draw(st.integers(0, len(paths) - 1), label="path")]
    kind = draw(st.sampled_from(KINDS), label="kind")
    mutated = copy.deepcopy(value)
    parent = at(mutated, path[:-1])
    if kind == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = copy.deepcopy(WRONG[kind])
    must = kind in required.get(path, frozenset())
    keep = frozenset(spec.salvage(value, path)) if must and spec.salvage is not None else frozenset()
    return Item(dumps(mutated), f"seed {index} {path} -> {kind}", must_reject=must, keep=keep)


@st.composite
def exact_items(draw: st.DrawFn, spec: Spec, *, whole_line: bool) -> list[Item]:
    """Good records mixed with records broken as JSON."""
    n = draw(st.integers(2, 7), label="records")
    out = []
    for _ in range(n):
        good = draw(st.booleans(), label="good")
        out.append(draw(good_item(spec)) if good else draw(broken_item(spec, whole_line=whole_line)))
    return out


@st.composite
def mixed_items(draw: st.DrawFn, spec: Spec) -> list[Item]:
    """Good records mixed with every kind of mutation."""
    n = draw(st.integers(2, 7), label="records")
    whole_line = spec.layout == "jsonl"
    out = []
    for _ in range(n):
        what = draw(st.sampled_from(["good", "field", "field", "broken"]), label="mutation")
        if what == "good":
            out.append(draw(good_item(spec)))
        elif what == "field":
            out.append(draw(field_item(spec)))
        else:
            out.append(draw(broken_item(spec, whole_line=whole_line)))
    return out


# -- files and reading ----------------------------------------------------------------------------


def build(spec: Spec, items: list[Item]) -> bytes:
    """The file's bytes: one record per line, or per element of an array (1-based positions)."""
    if spec.layout == "jsonl":
        return b"".join(item.raw + b"\n" for item in items)
    body = b"[\n" + b",\n".join(item.raw for item in items) + b"\n]\n"
    return b"window.YTD.tweets.part0 = " + body if spec.layout == "archive" else body


def make_input(spec: Spec, data: bytes, folder: Path) -> tuple[Path, str]:
    """Write ``data`` where the ingest reads it; return the path to ingest and its quarantine source."""
    if spec.layout != "archive":
        path = folder / "input.jsonl"
        path.write_bytes(data)
        return path, str(path)
    real = FORMATS / "x-archive" / "mock-archive" / "data"
    (folder / "data").mkdir(parents=True)
    for name in ("account.js", "profile.js"):  # follower.js and following.js would share the positions
        shutil.copyfile(real / name, folder / "data" / name)
    (folder / "data" / "tweets.js").write_bytes(data)
    return folder, f"{folder}!data/tweets.js"


def read_direct(spec: Spec, data: bytes, folder: Path) -> Iterator[tuple[int, list[Record]]]:
    """The source's own output for ``data`` (must not raise)."""
    if spec.layout == "archive":
        path, _ = make_input(spec, data, folder)
        yield from x_archive.iter_archive(FolderContainer(path))
    else:
        yield from get_source(spec.format).iter_records(io.BytesIO(data))


def by_position(spec: Spec, batches: Iterator[tuple[int, list[Record]]]) -> dict[int, list[Record]]:
    found: dict[int, list[Record]] = defaultdict(list)
    for position, records in batches:
        for record in records:
            if isinstance(record, Rejected):
                assert record.reason.strip(), f"empty reason at {position}: {record!r}"
                assert record.line == position, f"Rejected line {record.line} yielded at {position}"
                if spec.layout == "archive":
                    assert record.origin == "data/tweets.js", record
        found[position].extend(records)
    return found


def posts_in(records: list[Record]) -> set[str]:
    return {r.id for r in records if isinstance(r, Post)}


def check_direct(spec: Spec, items: list[Item], found: dict[int, list[Record]]) -> None:
    """Per record: good ones stored whole and never quarantined, bad ones quarantined at their position."""
    if spec.layout != "archive":  # the archive's other files number their own elements
        extra = set(found) - set(range(1, len(items) + 1))
        assert not extra, f"records at positions {sorted(extra)} beyond the {len(items)} written"
    for position, item in enumerate(items, 1):
        records = found.get(position, [])
        rejected = [r for r in records if isinstance(r, Rejected)]
        seen = [(type(r).__name__, getattr(r, "reason", "")) for r in records][:6]
        context = f"position {position} ({item.what}): {seen}"
        if item.good:
            assert not rejected, f"good record quarantined at {context}"
            assert item.posts <= posts_in(records), f"good posts missing at {context}"
        if item.must_reject:
            assert rejected, f"bad record not quarantined at {context}"
        if item.broken_json:
            assert len(records) == 1 and len(rejected) == 1, f"broken JSON must be one Rejected at {context}"
            assert JSON_REASON.search(rejected[0].reason), f"reason does not say the JSON is broken at {context}"
        if item.keep:
            assert item.keep <= posts_in(records), f"rest of the page lost at {context}"


def good_posts(items: list[Item]) -> set[str]:
    return set().union(*(item.posts for item in items if item.good))


def ingest(store: Store, spec: Spec, path: Path) -> None:
    store.ingest(path, format=None if spec.layout == "archive" else spec.format)


def stored_posts(store: Store) -> set[str]:
    return {row[0] for row in store.query("SELECT id FROM posts")}


def quarantined(store: Store, source: str) -> list[tuple[int, str]]:
    return [(int(line), reason) for line, reason in store.query(
        "SELECT line, reason FROM quarantine WHERE source = ? ORDER BY line", [source])]


def run_spec(spec: Spec, exact: list[Item], mixed: list[Item]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        exact_data, mixed_data = build(spec, exact), build(spec, mixed)
        # straight from the source
        check_direct(spec, exact, by_position(spec, read_direct(spec, exact_data, root / "direct-exact")))
        check_direct(spec, mixed, by_position(spec, read_direct(spec, mixed_data, root / "direct-mixed")))
        # through the real ingest into a fresh store
        (root / "exact").mkdir()
        (root / "mixed").mkdir()
        exact_path, exact_source = make_input(spec, exact_data, root / "exact")
        mixed_path, mixed_source = make_input(spec, mixed_data, root / "mixed")
        with Store(root / "store.duckdb") as store:
            ingest(store, spec, exact_path)
            assert stored_posts(store) == good_posts(exact)
            rows = quarantined(store, exact_source)
            bad = [position for position, item in enumerate(exact, 1) if not item.good]
            assert [line for line, _ in rows] == bad, rows
            assert all(reason.strip() for _, reason in rows)
            ingest(store, spec, mixed_path)
            stored = stored_posts(store)
            assert good_posts(mixed) <= stored
            assert set().union(*(item.keep for item in mixed)) <= stored
            lines = {line for line, _ in quarantined(store, mixed_source)}
            must = {position for position, item in enumerate(mixed, 1) if item.must_reject}
            assert must <= lines, f"not quarantined: {sorted(must - lines)}"
            good = {position for position, item in enumerate(mixed, 1) if item.good}
            assert not good & lines, f"good records quarantined: {sorted(good & lines)}"


def spec_case(spec: Spec) -> st.SearchStrategy[tuple[list[Item], list[Item]]]:
    whole_line = spec.layout == "jsonl"
    exact = exact_items(spec, whole_line=whole_line)
    return st.tuples(exact, mixed_items(spec))


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_mutated_records_never_crash_and_are_quarantined(spec: Spec) -> None:
    @SETTINGS
    @given(case=spec_case(spec))
    def check(case: tuple[list[Item], list[Item]]) -> None:
        run_spec(spec, *case)

    check()


# -- truncated files of a JSON array ------------------------------------------------------------


def complete_before(data: bytes, items: list[Item], cut: int, offset: int) -> tuple[set[str], int]:
    """Posts of the elements whose separating comma lies before ``cut``, and how many there are."""
    done: set[str] = set()
    position = offset
    count = 0
    for item in items[:-1]:
        position += len(item.raw)
        if position >= cut:  # its comma is at ``position``
            break
        done |= item.posts
        count += 1
        position += 2  # ",\n"
    return done, count


@pytest.mark.parametrize("spec", [s for s in SPECS if s.layout in ("array", "archive")],
                         ids=lambda s: s.id)
def test_truncated_array_keeps_every_complete_element(spec: Spec) -> None:
    """A JSON array cut short: every complete element stored, exactly one Rejected for the cut."""

    @SETTINGS
    @given(items=st.lists(good_item(spec), min_size=1, max_size=6), fraction=st.floats(0, 1))
    def check(items: list[Item], fraction: float) -> None:
        data = build(spec, items)
        start = data.index(b"[") + 1
        cut = start + int(fraction * (len(data.rstrip()) - 1 - start))
        truncated = data[:cut]
        expected, complete = complete_before(data, items, cut, start + 1)
        with tempfile.TemporaryDirectory() as tmp:
            found = by_position(spec, read_direct(spec, truncated, Path(tmp) / "direct"))
            rejected = [(p, r) for p, rs in found.items() for r in rs if isinstance(r, Rejected)]
            assert len(rejected) == 1 and rejected[0][0] == complete + 1, (complete, rejected)
            assert "truncated" in rejected[0][1].reason
            (Path(tmp) / "in").mkdir()
            path, source = make_input(spec, truncated, Path(tmp) / "in")
            with Store(Path(tmp) / "store.duckdb") as store:
                ingest(store, spec, path)
                stored = stored_posts(store)
                assert expected <= stored
                assert stored <= expected | items[min(complete, len(items) - 1)].posts
                assert len(quarantined(store, source)) == 1

    check()


# -- plain CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = ("type", "id", "author", "post", "created_at", "text", "reply_to", "lang")
CSV_REQUIRED = ("id", "author", "text")
CSV_SAFE = bytes(b for b in range(0x20, 0x7F) if b not in b'",\r\n')


def csv_row(row: dict[str, Any]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(["" if row.get(c) is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()


def csv_prefix(row: dict[str, Any], columns: int) -> str:
    """The serialized first ``columns`` cells of ``row``."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(["" if row.get(c) is None else row[c] for c in CSV_COLUMNS[:columns]])
    return out.getvalue()


@cache
def csv_seeds() -> list[tuple[dict[str, Any], str]]:
    return [(row, csv_row(row)) for row in plain_rows() if "\r" not in row.get("text", "")]


@st.composite
def csv_file(draw: st.DrawFn, *, exact: bool) -> tuple[bytes, list[tuple[int, Item]]]:
    """A plain CSV file of real rows, some damaged; each item with the line its row ends on.

    ``exact`` files hold good rows and, maybe, a last row cut before its text (a
    truncated file); others also rows with a field emptied or not a timestamp,
    a surplus cell, or corrupted bytes that keep the row's shape.
    """
    pool = csv_seeds()
    chunks = [(",".join(CSV_COLUMNS) + "\n").encode()]
    line = 1
    items: list[tuple[int, Item]] = []
    n = draw(st.integers(2, 7), label="rows")
    for position in range(n):
        row, text = pool[draw(st.integers(0, len(pool) - 1), label="seed")]
        how = draw(st.sampled_from(["good"] if exact else ["good", "field", "field", "extra", "bytes"]))
        if position == n - 1 and draw(st.booleans(), label="truncate"):
            how = "truncate"
        item = Item(text.encode(), how, good=True, posts=frozenset(plain_posts(row)))
        post = row.get("type", "post") == "post"
        if how == "field":
            name = draw(st.sampled_from(CSV_COLUMNS[1:]), label="column")
            value = draw(st.sampled_from(["", "not a time", "x" * 30_000, "[1, 2]", "{}"]), label="value")
            text = csv_row({**row, name: value})
            if post:
                must = (name in ("id", "author", "text") and value == "") or name == "created_at"
            else:
                must = (name in ("author", "post") and value == "") or (name == "created_at" and value != "")
            item = Item(text.encode(), f"{name} -> {value[:10]!r}", must_reject=must)
        elif how == "extra":
            text = text[:-1] + ",surplus\n"
            item = Item(text.encode(), "extra cell", must_reject=True)
        elif how == "bytes":
            # bytes other than quotes and separators: the row keeps its shape, its text changes
            raw = bytearray(text.encode())
            for _ in range(draw(st.integers(1, 3), label="corruptions")):
                pos = draw(st.integers(0, len(raw) - 2), label="pos")
                if raw[pos] in b'",\r\n' or raw[pos] >= 0x80:
                    continue
                raw[pos] = draw(st.sampled_from([*CSV_SAFE, 0xFF, 0x80]), label="byte")
            item = Item(bytes(raw), "bytes corrupted")
        elif how == "truncate":
            # the file ends inside the row, before its text: it cannot be a whole post (nor a repost)
            # (a post's text, a repost's post: what comes after is not required)
            before = len(csv_prefix(row, 5 if post else 3))
            cut = draw(st.integers(1, before), label="cut")
            text = text[:cut]
            item = Item(text.encode(), f"truncated at {cut}", must_reject=True)
        line += text.count("\n") if text.endswith("\n") else text.count("\n") + 1
        chunks.append(item.raw)
        items.append((line, item))
    return b"".join(chunks), items


def test_plain_csv_mutations() -> None:
    @SETTINGS
    @given(exact=csv_file(exact=True), mixed=csv_file(exact=False))
    def check(exact: tuple[bytes, list[tuple[int, Item]]], mixed: tuple[bytes, list[tuple[int, Item]]]) -> None:
        source = get_source("plain-csv")
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "store.duckdb") as store:
            for n, (data, items) in enumerate((exact, mixed)):
                found: dict[int, list[Record]] = defaultdict(list)
                for line, records in source.iter_records(io.BytesIO(data)):
                    for record in records:
                        if isinstance(record, Rejected):
                            assert record.reason.strip() and record.line == line, record
                    found[line].extend(records)
                assert set(found) <= {line for line, _ in items}, (sorted(found), items)
                for line, item in items:
                    rejected = [r for r in found.get(line, []) if isinstance(r, Rejected)]
                    if item.good:
                        assert not rejected and item.posts <= posts_in(found[line]), (line, item.what, rejected)
                    if item.must_reject:
                        assert rejected, (line, item.what, found.get(line))
                path = Path(tmp) / f"input{n}.csv"
                path.write_bytes(data)
                store.ingest(path, format="plain-csv")
                stored = stored_posts(store)
                good = set().union(*(i.posts for _, i in items if i.good))
                rows = quarantined(store, str(path))
                assert all(reason.strip() for _, reason in rows)
                if n == 0:
                    assert stored == good
                    assert [line for line, _ in rows] == [line for line, i in items if not i.good]
                else:
                    assert good <= stored
                    assert {line for line, i in items if i.must_reject} <= {line for line, _ in rows}

    check()


# -- a real broken line ---------------------------------------------------------------------------


def test_real_broken_stream_line() -> None:
    """twarc's own broken stream line is quarantined at its line; the six before it are stored whole."""
    path = FORMATS / "x-v2-twarc" / "streaming_output_with_error.jsonl"
    good = [json.loads(line) for line in path.read_bytes().splitlines() if is_json(line)]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "store.duckdb") as store:
        store.ingest(path, format="x-v2")
        assert stored_posts(store) == set().union(*map(v2_posts, good))
        rows = quarantined(store, str(path))
        bad = [n for n, line in enumerate(path.read_bytes().splitlines(), 1) if line.strip() and not is_json(line)]
        assert [line for line, _ in rows] == bad and JSON_REASON.search(rows[0][1])


# -- regressions: bugs these properties found, kept as plain tests ------------------------------------


def _records(fmt: str, data: bytes) -> list[tuple[int, list[Record]]]:
    return list(get_source(fmt).iter_records(io.BytesIO(data)))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_non_utf8_never_crashes(spec: Spec) -> None:
    value, raw = seeds(spec.id)[0]
    path = _string_paths(value)[0]
    mutated = copy.deepcopy(value)
    at(mutated, path[:-1])[path[-1]] = SENTINEL
    bad = dumps(mutated).replace(SENTINEL.encode(), b"\xff")
    items = [Item(raw, "good", good=True, posts=frozenset(spec.posts(value))),
             Item(bad, "non-UTF-8", broken_json=True, must_reject=True)]
    with tempfile.TemporaryDirectory() as tmp:
        found = by_position(spec, read_direct(spec, build(spec, items), Path(tmp)))
    check_direct(spec, items, found)


@pytest.mark.parametrize("shape", ["flat", "stream", "page"])
def test_v2_tweet_without_text_is_quarantined(shape: str) -> None:
    if shape == "flat":
        line = seeds("x-v2-flat")[0][0]
        tweet = copy.deepcopy(line)
        del tweet["text"]
    else:
        tweet = copy.deepcopy(seeds("x-v2-stream")[0][0] if shape == "stream" else seeds("x-v2-pages")[1][0])
        del (tweet["data"] if shape == "stream" else tweet["data"][0])["text"]
    [(_, records)] = _records("x-v2", dumps(tweet))
    assert any(isinstance(r, Rejected) for r in records), records


def test_v2_bad_referenced_tweet_spares_the_page() -> None:
    page = copy.deepcopy(seeds("x-v2-pages")[0][0])  # noflat: 100 tweets, 66 referenced
    del page["includes"]["tweets"][0]["text"]
    [(_, records)] = _records("x-v2", dumps(page))
    assert {t["id"] for t in page["data"]} <= posts_in(records)


def test_mastodon_jsonl_broken_first_line() -> None:
    pool = seeds("mastodon-jsonl")
    lines = [pool[0][1][:40], *(raw for _, raw in pool[1:4])]
    found = _records("mastodon", b"\n".join(lines) + b"\n")
    posts = set().union(*(posts_in(r) for _, r in found))
    assert set().union(*(masto_posts(v) for v, _ in pool[1:4])) <= posts
    assert [line for line, records in found if any(isinstance(r, Rejected) for r in records)] == [1]


@pytest.mark.parametrize("damage", ["truncated", "control-byte"])
def test_mastodon_array_keeps_good_elements(damage: str) -> None:
    pool = seeds("mastodon-array")
    raws = [raw for _, raw in pool[:4]]
    if damage == "truncated":
        data = b"[\n" + b",\n".join(raws) + b"\n]"
        data = data[: len(data) - len(raws[-1]) // 2]
    else:
        raws[2] = raws[2].replace(b'"uri": "', b'"uri": "\x01', 1)
        data = b"[\n" + b",\n".join(raws) + b"\n]"
    found = _records("mastodon", data)
    posts = set().union(*(posts_in(r) for _, r in found))
    assert set().union(*(masto_posts(v) for v, _ in pool[:2])) <= posts


@pytest.mark.parametrize("layout", ["array", "jsonl"])
def test_mastodon_mentions_not_a_list_is_quarantined(layout: str) -> None:
    pool = seeds("mastodon-array")
    status = copy.deepcopy(pool[0][0])
    status["mentions"] = 7
    raws = [dumps(status), pool[1][1]]
    data = b"[" + b",".join(raws) + b"]" if layout == "array" else b"\n".join(raws) + b"\n"
    found = dict(_records("mastodon", data))
    assert any(isinstance(r, Rejected) for r in found[1])
    assert masto_posts(pool[1][0]) <= posts_in(found[2])
