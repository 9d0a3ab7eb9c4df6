"""The ingest driver and the store's one write path: idempotency, resumption, quarantine, inputs."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builders import plain_lines
from referral_engine import IngestError, Store, UnknownFormat

TABLES = ("accounts", "posts", "interactions", "snapshots", "deletions", "quarantine")


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every record table, ordered, without ingest-time columns."""
    result = {}
    for table in TABLES:
        columns = "source, line, reason, raw" if table == "quarantine" else "*"
        result[table] = store.query(f"SELECT {columns} FROM {table} ORDER BY ALL")
    return result


def test_plain_ingest_counts_match_the_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "community.jsonl"
    lines = plain_lines(200)
    path.write_text("\n".join(lines) + "\n")
    summary = store.ingest(path)
    rows = [json.loads(line) for line in lines]
    posts = [r for r in rows if r.get("type", "post") == "post"]
    mentions = sum(1 for r in posts if "@" in r["text"])
    stats = store.stats()
    assert stats["posts"] == len(posts)
    assert stats["accounts"] == len({r["author"] for r in rows} | {r["target"] for r in rows if "target" in r})
    assert stats["interactions_by_kind"] == {
        "follow": sum(1 for r in rows if r.get("type") == "follow"),
        "like": sum(1 for r in rows if r.get("type") == "like"),
        "mention": mentions,
        "reply": sum(1 for r in posts if "reply_to" in r),
    }
    assert summary.quarantined == 0
    # replies and likes point at posts in the file: their targets resolve to the parent's author
    unresolved = store.query("SELECT count(*) FROM interactions WHERE target_id IS NULL")[0][0]
    assert unresolved == 0


def test_ingesting_twice_or_overlapping_files_stores_nothing_twice(store: Store, tmp_path: Path) -> None:
    lines = plain_lines(300)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(lines[:250]) + "\n")
    second.write_text("\n".join(lines[150:]) + "\n")  # overlaps the first
    store.ingest(first, second)
    once = snapshot(store)
    store.ingest(first, second, force=True)  # re-read everything
    assert snapshot(store) == once
    whole = tmp_path / "whole.jsonl"
    whole.write_text("\n".join(lines) + "\n")
    with Store(tmp_path / "other.duckdb") as other:
        other.ingest(whole)
        assert snapshot(other)["posts"] == once["posts"]
        assert snapshot(other)["interactions"] == once["interactions"]


def test_a_complete_input_is_skipped_the_second_time(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(plain_lines(20)) + "\n")
    assert store.ingest(path).sources[0].status == "ingested"
    assert store.ingest(path).sources[0].status == "skipped"
    assert store.ingest(path, force=True).sources[0].status == "ingested"


def test_bad_lines_are_quarantined_with_their_line_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    lines = plain_lines(50, bad_every=10)
    lines.insert(3, json.dumps({"id": "x1", "author": "someone", "text": "no date"}))
    lines.insert(5, json.dumps({"id": "x2", "author": ["not", "text"], "text": "hi", "created_at": "2026-01-01"}))
    lines.insert(7, json.dumps({"id": "x3", "author": "a", "text": "hi", "created_at": "yesterday"}))
    path.write_text("\n".join(lines) + "\n")
    summary = store.ingest(path)
    rows = store.query("SELECT line, reason, raw FROM quarantine ORDER BY line")
    expected_bad = [n for n, line in enumerate(lines, 1)
                    if line.startswith('{"id": "broken"') or '"x1"' in line or '"x2"' in line or '"x3"' in line]
    assert [r[0] for r in rows] == expected_bad
    reasons = {r[2]: r[1] for r in rows}
    assert "missing field 'created_at'" in reasons[lines[3]]
    assert "'author' must be text" in reasons[lines[5]]
    assert "yesterday" in reasons[lines[7]]
    assert summary.quarantined == len(expected_bad)
    good_posts = sum(1 for line in lines if '"text"' in line and line not in reasons)
    assert store.stats()["posts"] == good_posts


def test_unknown_format_and_unreadable_inputs_are_clear_errors(store: Store, tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("just some notes\nnothing to see\n")
    with pytest.raises(UnknownFormat, match=r"notes\.txt: unknown format"):
        store.ingest(odd)
    with pytest.raises(IngestError, match=r"missing\.jsonl: no such file"):
        store.ingest(tmp_path / "missing.jsonl")
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(gzip.compress(("\n".join(plain_lines(500)) + "\n").encode())[:-200])
    with pytest.raises(IngestError, match=r"cut\.jsonl\.gz: read failed"):
        store.ingest(truncated)


def test_gzip_zip_folders_and_stdin(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = plain_lines(60)
    text = "\n".join(lines) + "\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    with zipfile.ZipFile(folder / "b.zip", "w") as archive:
        archive.writestr("inner/b.jsonl", text)
    store.ingest(folder)
    posts = store.stats()["posts"]
    assert posts == sum(1 for line in lines if '"text"' in line)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    summary = store.ingest("-")
    assert summary.sources[0].source == "<stdin>"
    assert store.stats()["posts"] == posts


def test_forget_erases_an_account_and_keeps_it_out(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(plain_lines(100)) + "\n")
    store.ingest(path)
    erased = store.forget("@user3")
    assert erased["posts"] > 0 and erased["accounts"] == 1
    assert store.query("SELECT count(*) FROM posts WHERE author_id = 'user3'")[0][0] == 0
    assert store.query(
        "SELECT count(*) FROM interactions WHERE source_id = 'user3' OR target_id = 'user3'")[0][0] == 0
    store.ingest(path, force=True)  # the old file does not bring the account back
    assert store.query("SELECT count(*) FROM posts WHERE author_id = 'user3'")[0][0] == 0
    assert store.query("SELECT count(*) FROM accounts WHERE id = 'user3'")[0][0] == 0


KILLER = """
import os, signal, sys
from referral_engine import Store
store = Store(sys.argv[1])
flushes = 0
def progress(source, done, total):
    global flushes
    flushes += 1
    if flushes == int(sys.argv[3]):
        os.kill(os.getpid(), getattr(signal, sys.argv[4]))
store.ingest(sys.argv[2], batch_size=500, progress=progress)
"""


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGINT"])
def test_an_interrupted_ingest_resumes_to_the_same_store(tmp_path: Path, signal_name: str) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(plain_lines(3000, bad_every=400)) + "\n")
    killed = tmp_path / "killed.duckdb"
    run = subprocess.run([sys.executable, "-c", KILLER, str(killed), str(path), "3", signal_name],
                         capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert run.returncode != 0, run.stderr  # it really was interrupted
    with Store(killed) as store:
        partial = store.stats()["posts"]
        assert 0 < partial < 3000
        summary = store.ingest(path, batch_size=500)
        assert summary.sources[0].status == "resumed"
        resumed = snapshot(store)
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.ingest(path, batch_size=500)
        assert resumed == snapshot(whole)


def test_a_kill_at_any_moment_leaves_a_consistent_store(tmp_path: Path) -> None:
    """SIGKILL from outside, mid-transaction: the store opens and a re-run completes it exactly."""
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(plain_lines(20000)) + "\n")
    killed = tmp_path / "killed.duckdb"
    script = "import sys; from referral_engine import Store; Store(sys.argv[1]).ingest(sys.argv[2], batch_size=700)"
    child = subprocess.Popen([sys.executable, "-c", script, str(killed), str(path)])
    try:
        child.wait(timeout=1.5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    with Store(killed) as store:
        store.ingest(path, batch_size=700)
        resumed = snapshot(store)
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.ingest(path, batch_size=700)
        assert resumed == snapshot(whole)


def test_account_sightings_merge_newest_first_and_fill_gaps(store: Store, tmp_path: Path) -> None:
    rows = [
        {"type": "account", "id": "joe", "name": "Joe", "description": "Plumber in Austin", "followers": 10,
         "observed_at": "2026-01-01T00:00:00Z"},
        {"type": "account", "id": "joe", "name": "Joe's Plumbing", "followers": 25,
         "observed_at": "2026-02-01T00:00:00Z"},
        {"type": "account", "id": "joe", "name": "Joe Old Name", "followers": 5, "observed_at": "2025-12-01T00:00:00Z"},
    ]
    for i, row in enumerate(rows):  # one file per sighting: each is its own batch
        path = tmp_path / f"a{i}.jsonl"
        path.write_text(json.dumps(row) + "\n")
        store.ingest(path)
    [(name, description, followers)] = store.query("SELECT name, description, followers FROM accounts")
    assert (name, description, followers) == ("Joe's Plumbing", "Plumber in Austin", 25)
    days = store.query("SELECT strftime(observed_at, '%Y-%m-%d'), followers FROM snapshots ORDER BY 1")
    assert days == [("2025-12-01", 5), ("2026-01-01", 10), ("2026-02-01", 25)]


def test_a_folder_skips_files_of_no_known_format_and_says_so(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "README.md").write_text("# My export\nSome notes.\n")
    (folder / "posts.jsonl").write_text("\n".join(plain_lines(10)) + "\n")
    summary = store.ingest(folder)
    statuses = {Path(s.source).name: s.status for s in summary.sources}
    assert statuses == {"README.md": "skipped: unknown format", "posts.jsonl": "ingested"}
    assert store.stats()["posts"] == 10
    with pytest.raises(UnknownFormat):  # named explicitly, it is still an error
        store.ingest(folder / "README.md")
