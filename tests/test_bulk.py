"""The bulk path of X v2 ingest (``sources/x_v2_columns.py``) and the set-based write path.

The bulk path reads twarc2 pages straight into columns; the record path turns every
payload into record objects. Whatever the input, both must leave the store in the
same state, and so must any choice of batch size (the batch boundaries) and any
interruption followed by a resume.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared
from referral_engine import Store
from referral_engine.sources import base, x_v2, x_v2_columns

TABLES = ("accounts", "posts", "interactions", "snapshots", "deletions", "quarantine")

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every record table, ordered, without ingest-time columns."""
    return {
        table: store.query(f"SELECT {'source, line, reason, raw' if table == 'quarantine' else '*'} "
                           f"FROM {table} ORDER BY ALL")
        for table in TABLES
    }


@contextmanager
def record_path() -> Iterator[None]:
    """Ingest X v2 through the record path only (the bulk path switched off)."""
    with mock.patch.object(x_v2.XV2, "iter_columns", None):
        yield


def ingest(path: Path, folder: Path, name: str, *, bulk: bool = True, batch_size: int = 1_000_000,
           **constants: int) -> dict[str, list[tuple[object, ...]]]:
    """A fresh store with ``path`` ingested; its rows. ``constants`` override x_v2_columns' (block sizes).

    The store is a file in ``folder``, or in memory when ``folder`` is ``Path()``.
    """
    with Store(folder / f"{name}.duckdb" if folder.name else ":memory:") as store, contextlib.ExitStack() as patches:
        for constant, value in constants.items():
            patches.enter_context(mock.patch.object(x_v2_columns, constant, value))
        if not bulk:
            patches.enter_context(record_path())
        store.ingest(path, format="x-v2", understand=False, batch_size=batch_size)
        return snapshot(store)


# -- the real samples -------------------------------------------------------------------------


def test_every_sample_gives_the_same_store_by_both_paths(tmp_path: Path) -> None:
    folder = shared("formats", "x-v2-twarc")
    lines = b"".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in sorted(folder.glob("*.jsonl")))
    path = tmp_path / "all.jsonl"
    path.write_bytes(lines)
    bulk = ingest(path, tmp_path, "bulk")
    assert bulk["posts"] and bulk["quarantine"]  # the broken stream line is in there
    assert bulk == ingest(path, tmp_path, "records", bulk=False)
    # and in small blocks and batches, which cut the file at other places
    assert bulk == ingest(path, tmp_path, "small", batch_size=300, ROWS=50, BLOCK=4096)


# -- generated pages ----------------------------------------------------------------------------

USERS = ["Ann", "bob", "Carla", "dave", "Eve", "frank"]
STAMP = "@stamp@"  # a page's retrieval time, filled in file order (see the property below)


def stamps(n: int) -> Iterator[str]:
    """Retrieval times seven hours apart (a file spans days), every other one written at UTC-5."""
    start = datetime(2023, 1, 9, 6, tzinfo=UTC)
    for i in range(n):
        moment = start + timedelta(hours=7 * i)
        yield (moment.astimezone(timezone(timedelta(hours=-5))) if i % 2 else moment).isoformat()


def user(draw: st.DrawFn) -> dict[str, Any]:
    i = draw(st.integers(0, len(USERS) - 1), label="user")
    variant = draw(st.integers(0, 3), label="variant")  # the same account, seen differently
    found: dict[str, Any] = {"id": str(100 + i), "username": USERS[i] if variant != 3 else USERS[i].upper(),
                             "name": f"{USERS[i]} {variant % 2}", "url": "" if variant else "https://t.co/u"}
    if variant != 1:
        found["public_metrics"] = {"followers_count": 10 * variant + i, "following_count": i, "tweet_count": 5}
    if variant in (0, 2):
        found["description"] = f"about {USERS[i]}"
    if variant == 2:
        found["location"] = "Austin"
    if variant == 0:
        found["created_at"] = "2015-05-01T00:00:00.000Z"
    return found


def tweet(draw: st.DrawFn) -> dict[str, Any]:
    post = draw(st.integers(0, 14), label="tweet")  # few ids: tweets recur across pages, not always alike
    author = draw(st.integers(0, len(USERS) - 1), label="author")
    found: dict[str, Any] = {"id": str(1000 + post), "author_id": str(100 + author),
                             "text": draw(st.sampled_from(["hi there", "¿dónde? 🚀", "ok"]), label="text"),
                             "conversation_id": str(1000 + post), "lang": "en"}
    if draw(st.booleans(), label="dated"):
        found["created_at"] = draw(st.sampled_from(["2023-01-09T08:00:00.000Z", "2023-01-08T08:00:00.000Z"]))
    kind = draw(st.sampled_from(["plain", "reply", "quote", "retweet", "reply+quote"]), label="kind")
    other = str(1000 + draw(st.integers(0, 14), label="other"))
    refs = []
    if "reply" in kind:
        refs.append({"type": "replied_to", "id": other})
        if draw(st.booleans(), label="to user"):
            found["in_reply_to_user_id"] = str(100 + draw(st.integers(0, 5)))
    if "quote" in kind:
        refs.append({"type": "quoted", "id": other})
    if kind == "retweet":
        refs.append({"type": "retweeted", "id": other})
        found["text"] = f"RT @{draw(st.sampled_from(USERS))}: {found['text']}"
    if refs:
        found["referenced_tweets"] = refs
    mentions = draw(st.lists(st.tuples(st.sampled_from([*USERS, "ANN", "", "nobody"]), st.booleans()),
                             max_size=3), label="mentions")
    if mentions:
        found["entities"] = {"mentions": [
            {"username": name, **({"id": str(100 + USERS.index(name))} if known and name in USERS else {})}
            for name, known in mentions]}
    if draw(st.integers(0, 5), label="note") == 0:
        found["note_tweet"] = {"text": "a longer text " * 5}
    return found


@st.composite
def line(draw: st.DrawFn) -> bytes:
    """One line of a twarc2 file: mostly pages and stream lines, sometimes something the bulk path leaves."""
    kind = draw(st.sampled_from(["page"] * 6 + ["stream", "broken", "no text", "users page", "compliance",
                                                "blank", "not utf-8", "bad user", "odd item"]), label="line")
    data = [tweet(draw) for _ in range(draw(st.integers(0, 4), label="tweets"))]
    page: dict[str, Any] = {"data": data, "includes": {
        "users": [user(draw) for _ in range(draw(st.integers(0, 4), label="users"))],
        "tweets": [tweet(draw) for _ in range(draw(st.integers(0, 2), label="referenced"))]}}
    page["__twarc"] = {"retrieved_at": STAMP}  # (pages without one: test_a_page_mixing_times...)
    if kind == "stream":
        page["data"] = tweet(draw)
        page["matching_rules"] = [{"id": "1", "tag": "x"}]
    elif kind == "no text" and data:
        del data[0]["text"]
    elif kind == "users page":
        page = {"data": [user(draw) for _ in range(2)], "includes": {"tweets": [tweet(draw)]},
                "__twarc": {"retrieved_at": STAMP}}
    elif kind == "compliance":
        page = {"id": str(1000 + draw(st.integers(0, 14))), "action": "delete"}
    elif kind == "bad user":
        page["includes"]["users"].append({"id": "7", "public_metrics": {"followers_count": "many"}})
    elif kind == "odd item":
        data.append({"id": "55"})  # neither tweet nor user: the record path skips it
    raw = json.dumps(page).encode()
    if kind == "broken":
        raw = raw[: draw(st.integers(1, len(raw) - 1), label="cut")]
    elif kind == "blank":
        raw = b"   "
    elif kind == "not utf-8":
        raw = raw.replace(b'"en"', b'"e\xff"', 1) if b'"en"' in raw else raw + b"\xff"
    return raw


@pytest.mark.slow
@SETTINGS
@given(lines=st.lists(line(), min_size=1, max_size=14), batch=st.integers(1, 120), rows=st.integers(1, 40),
       block=st.sampled_from([16, 300, 1 << 16]))
def test_bulk_and_record_paths_and_any_batches_give_one_store(
    lines: list[bytes], batch: int, rows: int, block: int
) -> None:
    # Pages come in the order they were retrieved: with sightings out of time order, an account's field
    # may depend on which sightings share a batch (docs/architecture.md, Store), by design.
    times = stamps(len(lines))
    lines = [line.replace(STAMP.encode(), next(times).encode()) for line in lines]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "in.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        whole = ingest(path, Path(), "whole")
        assert whole == ingest(path, Path(), "records", bulk=False, batch_size=batch)
        assert whole == ingest(path, Path(), "cut", batch_size=batch, ROWS=rows, BLOCK=block)


# -- reading lines -------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(data=st.lists(st.sampled_from([b"a", b"{}", b"\n", b" ", b"\r\n", b"\t\n", b"xyz" * 9, b"\xff"]),
                     max_size=40).map(b"".join),
       start=st.integers(1, 8), block=st.integers(1, 40))
def test_lines_are_read_as_base_reads_them(data: bytes, start: int, block: int) -> None:
    expected = [(n, bytes(line)) for n, line in base.iter_lines(io.BytesIO(data), start)]
    with mock.patch.object(x_v2_columns, "BLOCK", block):
        found = [(n, bytes(view), ascii_) for n, view, ascii_ in x_v2_columns._lines(io.BytesIO(data), start)]
    assert [(n, line) for n, line, _ in found] == expected
    assert all(line.isascii() for _, line, ascii_ in found if ascii_)


# -- accounts: the latest sighting wins, field by field, whatever the order of batches ----------------


def test_account_fields_come_from_their_latest_sighting_and_a_second_ingest_changes_nothing(
    tmp_path: Path,
) -> None:
    def page(time: str, **fields: Any) -> bytes:
        account = {"id": "9", "username": "joe", **fields}
        return json.dumps({"data": [{"id": f"t{time[11:13]}", "author_id": "9", "text": "hi"}],
                           "includes": {"users": [account]}, "__twarc": {"retrieved_at": time}}).encode()

    pages = [
        page("2023-01-05T12:00:00+00:00", name="Joe", description="Plumber", public_metrics={"followers_count": 5}),
        page("2023-01-09T12:00:00+00:00", name="Joe's Plumbing", public_metrics={"followers_count": 9}),
        page("2023-01-02T12:00:00+00:00", name="Joe Old", location="Austin",  # older, out of order
             public_metrics={"followers_count": 1}),
        page("2023-01-09T18:00:00+00:00", username="joe_plumbing"),
    ]
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\n".join(pages) + b"\n")
    for batch in (1, 2, 1_000_000):
        with Store(tmp_path / f"store{batch}.duckdb") as store:
            store.ingest(path, understand=False, batch_size=batch)
            rows = store.query("SELECT handle, name, description, location, followers, seen_at FROM accounts")
            handle, name, description, location, followers, seen = rows[0]
            assert (handle, name, description, location, followers) == (
                "joe_plumbing", "Joe's Plumbing", "Plumber", "Austin", 9)
            assert seen.isoformat().startswith("2023-01-09T18:00")
            days = store.query("SELECT strftime(observed_at AT TIME ZONE 'UTC', '%d'), followers FROM snapshots "
                               "ORDER BY 1")
            assert days == [("02", 1), ("05", 5), ("09", 9)]
            once = snapshot(store)
            store.ingest(path, understand=False, batch_size=batch, force=True)
            assert snapshot(store) == once


# -- interruption ----------------------------------------------------------------------------------

KILLER = """
import os, signal, sys
from referral_engine import Store
from referral_engine.sources import x_v2_columns
x_v2_columns.ROWS = 300  # several blocks, so several batches
flushes = 0
def progress(source, done, total):
    global flushes
    flushes += 1
    if flushes == 3:
        os.kill(os.getpid(), signal.SIGKILL)
Store(sys.argv[1]).ingest(sys.argv[2], batch_size=400, progress=progress, understand=False)
"""


def test_a_killed_bulk_ingest_resumes_to_the_same_store(tmp_path: Path) -> None:
    lines = list(itertools.islice(_pages(), 240))
    lines[100] = lines[100][:50]  # broken: quarantined whichever run reads it
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    killed = tmp_path / "killed.duckdb"
    run = subprocess.run([sys.executable, "-c", KILLER, str(killed), str(path)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert run.returncode != 0, run.stderr
    with Store(killed) as store:
        assert store.stats()["posts"] > 0
        summary = store.ingest(path, batch_size=400, understand=False)
        assert summary.sources[0].status == "resumed"
        resumed = snapshot(store)
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.ingest(path, understand=False)
        assert resumed == snapshot(whole)
    assert [row[1] for row in resumed["quarantine"]] == [101]


def _pages() -> Iterator[bytes]:
    """Pages of five tweets by twenty accounts, each page quoting and retweeting earlier ones."""
    for n in itertools.count():
        tweets = [{"id": str(10_000 + 5 * n + i), "author_id": str(n * 7 % 20 + i), "text": f"post {n} {i} @u{i}",
                   "created_at": f"2023-01-{1 + n // 100:02d}T00:00:00.000Z",
                   "entities": {"mentions": [{"username": f"u{i}", "id": str(i)}]}} for i in range(5)]
        if n:
            tweets[0]["referenced_tweets"] = [{"type": "quoted", "id": str(10_000 + 5 * n - 3)}]
            tweets[1]["referenced_tweets"] = [{"type": "retweeted", "id": str(10_000 + 5 * n - 4)}]
            tweets[1]["text"] = "RT @u1: post"
        users = [{"id": str(i), "username": f"u{i}", "public_metrics": {"followers_count": n + i}}
                 for i in range(20)]
        yield json.dumps({"data": tweets, "includes": {"users": users},
                          "__twarc": {"retrieved_at": f"2023-01-{1 + n // 100:02d}T00:{n % 60:02d}:00+00:00"}
                          }).encode()


# -- regressions and settings --------------------------------------------------------------------------


def test_a_tweet_given_twice_with_different_mentions_keeps_the_interactions_of_both(tmp_path: Path) -> None:
    """The first post of an id is kept, but a later copy's own interactions are new keys: both paths keep them."""
    first = {"id": "1000", "author_id": "100", "text": "hi"}
    again = {**first, "entities": {"mentions": [{"username": "Ann"}]}}
    path = tmp_path / "twice.jsonl"
    path.write_text(json.dumps({"data": [], "includes": {"tweets": [first, again]}}) + "\n")
    bulk = ingest(path, tmp_path, "bulk")
    assert [row[1] for row in bulk["interactions"]] == ["mention:1000:ann:"]
    assert bulk == ingest(path, tmp_path, "records", bulk=False)


def test_an_ingest_caps_duckdb_memory_on_a_file_store_only_while_it_writes(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\n".join(itertools.islice(_pages(), 3)) + b"\n")
    for where in (tmp_path / "file.duckdb", ":memory:"):
        with Store(where) as store:
            before = store.query("SELECT current_setting('memory_limit')")
            during: list[object] = []

            def progress(*_: object, store: Store = store, during: list[object] = during) -> None:
                during.extend(store.query("SELECT current_setting('memory_limit')")[0])

            store.ingest(path, understand=False, progress=progress)
            assert (during[0] == "256.0 MiB") is (where != ":memory:")
            assert store.query("SELECT current_setting('memory_limit')") == before


def test_a_page_mixing_times_with_and_without_a_zone_is_read_whole(tmp_path: Path) -> None:
    """With no __twarc stamp a page's sighting time is its latest tweet; one time lacking a zone is UTC."""
    tweets = [{"id": "1", "author_id": "9", "text": "a", "created_at": "2023-01-09T10:00:00"},
              {"id": "2", "author_id": "9", "text": "b", "created_at": "2023-01-09T09:00:00Z"}]
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"data": tweets, "includes": {"users": [
        {"id": "9", "username": "nine", "public_metrics": {"followers_count": 3}}]}}) + "\n")
    bulk = ingest(path, tmp_path, "bulk")
    assert len(bulk["posts"]) == 2 and not bulk["quarantine"]
    assert bulk["accounts"][0][-1].isoformat().startswith("2023-01-09T10:00:00")
    assert bulk == ingest(path, tmp_path, "records", bulk=False)
