"""Judgements in the store: classification after ingest, the public classify shape, requests and endorsements."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from referral_engine import Store
from referral_engine.cli import app

runner = CliRunner()

THREAD = [
    {"type": "account", "id": "joesplumbing", "name": "Joe's Plumbing", "created_at": "2025-01-01T00:00:00Z"},
    {"id": "q1", "author": "maria", "text": "Does anyone know a good plumber near Hyde Park?",
     "created_at": "2026-03-01T09:30:00Z"},
    {"id": "a1", "author": "ben", "text": "@joesplumbing fixed our leak in an hour, highly recommend them!",
     "created_at": "2026-03-01T10:00:00Z", "reply_to": "q1"},
    {"id": "p1", "author": "joesplumbing", "text": "Spring special: 20% off drain cleaning this week, book now!",
     "created_at": "2026-03-02T08:00:00Z"},
    {"id": "t1", "author": "ben", "text": "Huge thanks to @joesplumbing for the rescue last night",
     "created_at": "2026-03-03T08:00:00Z"},
    {"id": "x1", "author": "carl", "text": "Looking for a plumber? Call us today at 555-1234!",
     "created_at": "2026-03-04T08:00:00Z"},
]


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_ingest_judges_every_post_and_credits_the_endorsed_account(store: Store, tmp_path: Path) -> None:
    store.ingest(write(tmp_path / "t.jsonl", THREAD))
    judged = dict(store.query("SELECT post_id, post_kind FROM judgements"))
    assert set(judged) == {"q1", "a1", "p1", "t1", "x1"}
    assert judged["p1"] == "pitch"
    requests = store.requests()
    assert [(r["post_id"], r["sought"], r["location"]) for r in requests] == [("q1", "plumber", "hyde park")]
    assert requests[0]["replies"] == 1
    endorsed = store.endorsements(target="@joesplumbing")
    assert {e["post_id"] for e in endorsed} >= {"a1"}
    answer = next(e for e in endorsed if e["post_id"] == "a1")
    assert answer["target_account"] == "joesplumbing" and answer["polarity"] == "positive"
    assert answer["for"] == "plumber" and answer["in_reply_to"] == "q1"


def test_judging_is_idempotent_and_forget_removes_judgements(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "t.jsonl", THREAD)
    store.ingest(path)
    before = store.query("SELECT count(*) FROM judgements")[0][0]
    store.ingest(path, force=True)
    assert store.query("SELECT count(*) FROM judgements")[0][0] == before
    store.forget("maria")
    assert store.requests() == []
    store.forget("ben")
    assert store.endorsements() == []


def test_classify_prints_the_public_shape_in_input_order(tmp_path: Path) -> None:
    rows = [{"id": r["id"], "text": r["text"], **({"reply_to": r["reply_to"]} if "reply_to" in r else {})}
            for r in THREAD if "text" in r]
    path = write(tmp_path / "in.jsonl", rows)
    result = runner.invoke(app, ["classify", str(path), "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]
    for o in out:
        assert set(o) == {"id", "request", "endorsements", "post_kind"}
        assert o["post_kind"] in {"pitch", "promoting_others", "conversation", "information", "other"}
        for e in o["endorsements"]:
            assert set(e) == {"target", "for", "polarity", "score"} and e["polarity"] in {"positive", "negative"}
    by_id = {o["id"]: o for o in out}
    assert set(by_id["q1"]["request"]) == {"sought", "category", "location", "kind", "score"}
    assert by_id["q1"]["request"]["sought"] == "plumber" and by_id["q1"]["request"]["kind"] == "service"
    assert by_id["x1"]["request"] is None  # an advertisement phrased as a question
    assert by_id["a1"]["endorsements"][0]["for"] == "plumber"  # from the parent in the input


def test_classify_reads_other_formats_and_rejects_bad_lines(tmp_path: Path) -> None:
    from conftest import shared

    sample = shared("formats", "x-v2-twarc", "flat.jsonl")
    result = runner.invoke(app, ["classify", str(sample), "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) >= 100
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": \n')
    broken = runner.invoke(app, ["classify", str(bad), "--db", str(tmp_path / "none.duckdb")])
    assert broken.exit_code == 1 and "line 2" in broken.output
    assert json.loads(broken.stdout.splitlines()[0])["id"] == "1"  # the lines before it were answered


def test_requests_endorsements_and_explain_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(write(tmp_path / "t.jsonl", THREAD)), "--db", db])
    listed = runner.invoke(app, ["requests", "--db", db, "--json", "--near", "hyde park"])
    assert listed.exit_code == 0 and [r["post_id"] for r in json.loads(listed.stdout)] == ["q1"]
    assert json.loads(runner.invoke(app, ["requests", "--db", db, "--json", "--category", "legal"]).stdout) == []
    endorsed = runner.invoke(app, ["endorsements", "--db", db, "--json", "--target", "joesplumbing"])
    assert endorsed.exit_code == 0 and json.loads(endorsed.stdout)
    why = runner.invoke(app, ["explain", "q1", "--db", db, "--json"])
    assert why.exit_code == 0
    explained = json.loads(why.stdout)
    assert explained["request"]["decision"] == "request" and explained["request"]["cues"]
    rejected = json.loads(runner.invoke(app, ["explain", "x1", "--db", db, "--json"]).stdout)
    assert rejected["request"]["decision"] == "not a request"
    assert any(c["weight"] < 0 for c in rejected["request"].get("cues", []))
    shown = runner.invoke(app, ["explain", "x1", "--db", db])
    assert "Not a referral request" in shown.stdout
    missing = runner.invoke(app, ["explain", "nope", "--db", db])
    assert missing.exit_code == 3


def test_judging_streams_in_batches_and_judges_each_post_once(tmp_path: Path) -> None:
    from builders import plain_lines
    from referral_engine.understand.pipeline import judge_store

    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(plain_lines(500)) + "\n")
    with Store(tmp_path / "s.duckdb") as store:
        store.ingest(path, understand=False)
        assert judge_store(store, batch_size=37) == 500
        assert store.query("SELECT count(*), count(DISTINCT post_id) FROM judgements") == [(500, 500)]
        assert judge_store(store, batch_size=37) == 0


def test_classify_lines_writes_as_output_shape_chunk_by_chunk() -> None:
    import io

    import msgspec

    from referral_engine.understand.batch import as_output, classify_lines, judge, read_items

    rows = [*THREAD[1:], {"id": 7, "text": "Nooo ... not Acme Bank! Slow transfers.", "reply_to": "q1"}]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    items = list(read_items(io.BytesIO(data)))
    texts = {item.id: item.text for item in items}
    expected = b"".join(msgspec.json.encode(as_output(item, judgement)) + b"\n"
                        for item, judgement in judge(items, texts.get))
    assert b"".join(classify_lines(items, texts.get, chunk=2)) == expected
    lines = [json.loads(line) for line in expected.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "a1", "p1", "t1", "x1", "7"]
    assert lines[0]["request"]["sought"] == "plumber" and lines[1]["endorsements"]


def test_plain_rows_are_read_a_block_at_a_time_with_exact_line_numbers() -> None:
    import io

    import pytest

    from referral_engine.understand.batch import _plain_blocks

    def _plain_rows(stream: io.BytesIO, name: str, block: int) -> list[Any]:
        return [row for rows in _plain_blocks(stream, name, block) for row in rows]

    data = b'{"id": 1, "text": "a"}\n\n{"id": "b", "text": "b"}\r\n   \n{"id": 3, "text": "c"}'
    assert [row.id for row in _plain_rows(io.BytesIO(data), "x", block=7)] == ["1", "b", "3"]
    for bad, line in ((b'{"id": 1, "text": "a"}\n\n{"id": 2, "text": \n', 3),
                      (b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"} {"id": 3, "text": "c"}\n', 2)):
        with pytest.raises(ValueError, match=f"x, line {line}:"):
            list(_plain_rows(io.BytesIO(bad), "x", block=5))


def _reply_for(outputs: list[bytes], post_id: str) -> str | None:
    """What ``post_id``'s first endorsement is for, in ``classify``'s output lines."""
    for line in b"".join(outputs).splitlines():
        row = json.loads(line)
        if row["id"] == post_id:
            return row["endorsements"][0]["for"] if row["endorsements"] else None
    raise AssertionError(f"no output for {post_id}")


def test_classify_stream_finds_parents_in_the_chunk_and_the_recent_posts_only() -> None:
    """A reply's context comes from its own chunk (even a parent after it), the last ``keep`` posts, or the
    store; memory holds no more than that, whatever the input's length."""
    from referral_engine.understand.batch import Item, RecentTexts, classify_stream

    question = Item("q1", "Does anyone know a good plumber near Hyde Park?")
    answer = Item("a1", "Joe's Plumbing, they fixed our leak in an hour!", reply_to="q1")
    filler = [Item(f"f{i}", f"Lovely morning number {i}") for i in range(40)]
    assert _reply_for(list(classify_stream([[answer, question]], chunk=8)), "a1") == "plumber"  # parent after it
    assert _reply_for(list(classify_stream([[question, *filler[:20], answer]], chunk=8, keep=30)), "a1") == "plumber"
    # 40 posts later, with 30 kept, the question is forgotten; the store is asked instead
    lost = [[question, *filler, answer]]
    assert _reply_for(list(classify_stream(lost, chunk=8, keep=30)), "a1") != "plumber"
    asked: list[str] = []
    found = classify_stream(lost, lambda post_id: asked.append(post_id) or question.text, chunk=8, keep=30)
    assert _reply_for(list(found), "a1") == "plumber" and asked == ["q1"]
    recent = RecentTexts(keep=30)
    for start in range(0, 1000, 7):
        recent.add([Item(str(i), "x") for i in range(start, start + 7)])
        assert 30 <= len(recent) < 30 + 7 or len(recent) == start + 7  # the last 30 at least, one batch more at most
        if start == 490:
            assert recent.get("470") == "x"  # the index, built at the first look-up, follows what is added and dropped
    assert recent.get("999") == "x" and recent.get("0") is None and recent.get("470") is None


def test_classify_answers_a_pipe_post_by_post(tmp_path: Path) -> None:
    """``refer classify -`` writes each post's line as soon as the post is read, while the input is still open."""
    import subprocess
    import sys
    import threading

    cli = "from referral_engine.cli import main; import sys; sys.argv[0] = 'refer'; main()"
    child = subprocess.Popen([sys.executable, "-c", cli, "classify", "-", "--db", str(tmp_path / "none.duckdb")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    watchdog = threading.Timer(30, child.kill)  # a classify that waits for the end of its input fails here
    watchdog.start()
    try:
        for number, text in enumerate(["Does anyone know a good plumber near Hyde Park?",
                                       "Today only: 2-for-1 pizzas at our place!"]):
            child.stdin.write((json.dumps({"id": number, "text": text}) + "\n").encode())
            child.stdin.flush()
            line = child.stdout.readline()
            assert line, "no answer before the input ended"
            assert json.loads(line)["id"] == str(number)
        child.stdin.close()
        assert child.wait(timeout=60) == 0
    finally:
        watchdog.cancel()
        child.kill()
        child.wait()
        child.stdout.close()
        if not child.stdin.closed:
            child.stdin.close()


def test_streaming_gives_what_reading_everything_first_gives() -> None:
    """Whatever the blocks and chunks, while the parents are within reach (earlier in the input, at most
    ``keep`` posts back) the streamed output is the output of judging the whole input with every parent
    known (the way ``refer classify`` worked before it streamed)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from referral_engine.understand.batch import Item, classify_lines, classify_stream

    texts = ["Does anyone know a good plumber near Hyde Park?", "Joe's Plumbing, they fixed our leak in an hour!",
             "Commercial Bank", "Today only: 2-for-1 pizzas!", "Huge thanks to @joesplumbing for the rescue",
             "Which is a good bank in Doha?", "lol same", "Avoid Acme Bank, worst service ever."]

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(texts), st.integers(-1, 30)), min_size=1, max_size=30),
           st.lists(st.integers(1, 7), min_size=1, max_size=10), st.integers(1, 9))
    def check(posts: list[tuple[str, int]], cuts: list[int], chunk: int) -> None:
        # a reply's parent comes before it (a parent after it is found only in the same chunk: tested above)
        items = [Item(f"p{i}", text, f"p{parent}" if 0 <= parent < i else None)
                 for i, (text, parent) in enumerate(posts)]
        blocks, at = [], 0
        for size in cuts * len(items):  # the input as it might arrive: blocks of varying sizes
            if at >= len(items):
                break
            blocks.append(items[at:at + size])
            at += size
        known = {item.id: item.text for item in items}
        expected = b"".join(classify_lines(items, known.get))
        assert b"".join(classify_stream(blocks, chunk=chunk, keep=len(items))) == expected

    check()


def test_the_store_judges_with_the_authors_handle_not_the_platforms_id(store: Store, tmp_path: Path) -> None:
    """X gives an author as a number: "RT @acme: thanks @acme…" by @acme (id 100) praises its own author, a
    pitch, and its unasked "we send all our clients to @acme" vouches for itself, no one else."""
    users = [{"id": "100", "username": "acme", "name": "Acme Plumbing"},
             {"id": "200", "username": "ben", "name": "Ben"}, {"id": "300", "username": "cara", "name": "Cara"}]
    page = {
        "data": [
            {"id": "2", "author_id": "100", "text": "RT @ben: Huge thanks to @acme for the rescue last night!",
             "created_at": "2026-03-02T08:00:00.000Z", "referenced_tweets": [{"type": "retweeted", "id": "1"}]},
            {"id": "3", "author_id": "300", "text": "RT @ben: Huge thanks to @acme for the rescue last night!",
             "created_at": "2026-03-02T09:00:00.000Z", "referenced_tweets": [{"type": "retweeted", "id": "1"}]},
            {"id": "4", "author_id": "100", "text": "We send all our clients to @acme.",
             "created_at": "2026-03-03T08:00:00.000Z"},
        ],
        "includes": {"users": users, "tweets": [
            {"id": "1", "author_id": "200", "text": "Huge thanks to @acme for the rescue last night!",
             "created_at": "2026-03-01T08:00:00.000Z"}]},
        "meta": {"result_count": 3},
    }
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps(page) + "\n")
    store.ingest(path, format="x-v2")
    kinds = dict(store.query("SELECT post_id, post_kind FROM judgements"))
    assert kinds["2"] == "pitch"  # acme sharing praise of acme
    assert kinds["3"] == "promoting_others"  # cara sharing the same praise of acme
    assert kinds["4"] != "promoting_others"  # acme pointing at itself promotes no one else
