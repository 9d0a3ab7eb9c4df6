"""X API v1.1 statuses: the recorded samples in every shape, checked against counts derived here."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import shared
from referral_engine import Deletion, Interaction, Post, Rejected, Store, detect
from referral_engine.sources import x_v1
from referral_engine.sources.x_v1 import SOURCE, parse_v1_time

STATUSES = ("formats", "x-v1.1", "extracted", "statuses.json")
V1_TIME = "%a %b %d %H:%M:%S %z %Y"


def _statuses() -> list[dict[str, Any]]:
    return json.loads(shared(*STATUSES).read_text())


def _is_status(value: object) -> bool:
    return isinstance(value, dict) and "id_str" in value and "user" in value and (
        "text" in value or "full_text" in value)


def expected(statuses: list[dict[str, Any]]) -> dict[str, Any]:
    """What ingesting ``statuses`` must store, by the conventions, derived with plain json code."""
    posts: set[str] = set()
    accounts: set[str] = set()
    snapshots: set[tuple[str, str]] = set()
    kinds: dict[str, set[str]] = {k: set() for k in ("reply", "mention", "repost", "quote")}

    def walk(status: dict[str, Any], carried_at: str) -> None:
        sid = status["id_str"]
        posts.add(sid)
        accounts.add(status["user"]["id_str"])
        # the store keeps one snapshot per account per day
        snapshots.add((status["user"]["id_str"], datetime.strptime(carried_at, V1_TIME).date().isoformat()))
        if status.get("retweeted_status"):
            kinds["repost"].add(sid)
            walk(status["retweeted_status"], carried_at)
            return
        if status.get("in_reply_to_status_id_str") or status.get("in_reply_to_user_id_str"):
            kinds["reply"].add(sid)
            if status.get("in_reply_to_user_id_str"):
                accounts.add(status["in_reply_to_user_id_str"])
        if status.get("quoted_status"):
            walk(status["quoted_status"], carried_at)
        if status.get("quoted_status_id_str"):
            kinds["quote"].add(sid)
        for mention in status["entities"]["user_mentions"]:
            kinds["mention"].add(f"{sid}:{mention['screen_name'].lower()}")
            accounts.add(mention["id_str"])

    for status in statuses:
        walk(status, status["created_at"])
    return {
        "posts": len(posts), "accounts": len(accounts), "snapshots": len(snapshots),
        "interactions": sum(len(v) for v in kinds.values()),
        "by_kind": {k: len(v) for k, v in kinds.items() if v},
    }


def _check(store: Store, want: dict[str, Any]) -> None:
    stats = store.stats()
    assert stats["quarantined"] == 0
    for key in ("posts", "accounts", "snapshots", "interactions"):
        assert stats[key] == want[key], key
    assert stats["interactions_by_kind"] == want["by_kind"]
    assert set(stats["platforms"]) == {"x"}


def test_statuses_json_array(store: Store) -> None:
    statuses = _statuses()
    want = expected(statuses)
    assert want["by_kind"]["repost"] > 0 and want["by_kind"]["reply"] > 0 and want["by_kind"]["mention"] > 0
    summary = store.ingest(shared(*STATUSES))
    assert summary.sources[0].format == "x-v1.1"
    _check(store, want)
    retweet = next(s for s in statuses if s.get("retweeted_status"))
    original = retweet["retweeted_status"]
    rows = store.query("SELECT author_id, repost_of_id, text FROM posts WHERE id = ?", [retweet["id_str"]])
    assert rows == [(retweet["user"]["id_str"], original["id_str"], retweet["text"])]
    rows = store.query(
        "SELECT source_id, target_id, target_post_id FROM interactions WHERE id = ?",
        [f"repost:{retweet['id_str']}::"],
    )
    assert rows == [(retweet["user"]["id_str"], original["user"]["id_str"], original["id_str"])]
    # a retweet's mentions are the original's: none hang off the retweet itself
    assert store.query("SELECT count(*) FROM interactions WHERE post_id = ? AND kind = 'mention'",
                       [retweet["id_str"]]) == [(0,)]
    user = statuses[0]["user"]
    row = store.query("SELECT handle, name, followers, following, posts_count FROM accounts WHERE id = ?",
                      [user["id_str"]])
    assert row[0][:2] == (user["screen_name"], user["name"])
    created = store.query("SELECT created_at FROM posts WHERE id = ?", [statuses[0]["id_str"]])[0][0]
    assert created == datetime.strptime(statuses[0]["created_at"], V1_TIME)


def test_jsonl_gives_the_same_store_as_the_array(tmp_path: Path) -> None:
    statuses = _statuses()
    jsonl = tmp_path / "statuses.jsonl"
    jsonl.write_text("".join(json.dumps(s) + "\n" for s in statuses))
    with Store(tmp_path / "a.duckdb") as from_array, Store(tmp_path / "b.duckdb") as from_lines:
        from_array.ingest(shared(*STATUSES))
        from_lines.ingest(jsonl)
        _check(from_lines, expected(statuses))
        for table in ("posts", "interactions", "accounts"):
            query = f"SELECT * EXCLUDE (platform) FROM {table} ORDER BY id"
            assert from_array.query(query) == from_lines.query(query), table


def test_ingest_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    jsonl = tmp_path / "statuses.jsonl"
    jsonl.write_text("".join(json.dumps(s) + "\n" for s in _statuses()))
    store.ingest(shared(*STATUSES), jsonl)
    first = store.stats()
    store.ingest(shared(*STATUSES), jsonl)
    store.ingest(shared(*STATUSES), jsonl, force=True)
    assert store.stats() == first


def test_bad_lines_are_quarantined_and_good_ones_kept(store: Store, tmp_path: Path) -> None:
    statuses = _statuses()
    good, other = statuses[0], statuses[1]
    wrong_user = dict(other, id_str="1", user="not an object")
    no_id = {k: v for k, v in other.items() if k not in ("id", "id_str")}
    bad_text = dict(other, id_str="2", text=12)
    lines = [
        json.dumps(good),
        json.dumps(other)[:120],  # truncated
        json.dumps(wrong_user),
        "",
        json.dumps(no_id),
        json.dumps(bad_text),
        json.dumps({"statuses": [good, {"id_str": "3", "text": "x", "user": {"id_str": []}}],
                    "search_metadata": {}}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    store.ingest(path)
    assert store.query("SELECT id FROM posts") == [(good["id_str"],)]
    rows = store.query("SELECT line, reason, format FROM quarantine ORDER BY line")
    assert [r[0] for r in rows] == [2, 3, 5, 6, 7]
    reasons = {line: reason for line, reason, _f in rows}
    assert reasons[2].startswith("invalid JSON")
    assert reasons[3] == "field 'user' must be an object"
    assert reasons[5] == "missing field 'id_str'"
    assert reasons[6] == "field 'text' must be text"
    assert reasons[7] == "field 'user.id_str' must be an id (text or integer)"
    assert {r[2] for r in rows} == {"x-v1.1"}


def test_truncated_array_keeps_the_whole_elements(store: Store, tmp_path: Path) -> None:
    raw = shared(*STATUSES).read_bytes()
    cut = raw[: len(raw) // 2]
    whole = len(json.loads(cut[: cut.rindex(b"}, {") + 1] + b"]"))
    path = tmp_path / "cut.json"
    path.write_bytes(cut)
    store.ingest(path)
    rows = store.query("SELECT line, reason FROM quarantine")
    assert rows == [(whole + 1, "truncated: the input ends inside this element")]
    assert store.stats()["posts"] == expected(_statuses()[:whole])["posts"]


def test_statuses_from_the_recorded_http_sessions(store: Store, tmp_path: Path) -> None:
    """The cassettes' response bodies (timelines, search, retweets...) hold the same distinct statuses."""
    folder = shared("formats", "x-v1.1")
    bodies: list[str] = []
    found: dict[str, dict[str, Any]] = {}
    for cassette in sorted(folder.glob("test*.json")):
        for exchange in json.loads(cassette.read_text())["interactions"]:
            text = (exchange["response"].get("body") or {}).get("string")
            try:
                body = json.loads(text) if text else None
            except ValueError:
                continue
            items = body if isinstance(body, list) else (body or {}).get("statuses") if isinstance(body, dict) \
                and "statuses" in body else [body]
            statuses = [s for s in items if _is_status(s)]
            if statuses:
                bodies.append(text.replace("\n", " ") if text else "")
                found.update((s["id_str"], s) for s in statuses)
    extracted = {s["id_str"] for s in _statuses()}
    assert set(found) == extracted and len(found) == 99
    # one body per line: timeline pages, search responses and single statuses side by side
    path = tmp_path / "bodies.jsonl"
    path.write_text("\n".join(bodies) + "\n")
    store.ingest(path)
    with Store(tmp_path / "extracted.duckdb") as reference:
        reference.ingest(shared(*STATUSES))
        assert store.stats()["posts"] == reference.stats()["posts"]
        assert store.query("SELECT id FROM posts ORDER BY id") == reference.query("SELECT id FROM posts ORDER BY id")
        query = "SELECT id, kind, source_id, target_id FROM interactions ORDER BY id"
        assert store.query(query) == reference.query(query)
    assert store.stats()["quarantined"] == 0


def test_detection() -> None:
    raw = shared(*STATUSES).read_bytes()
    statuses = json.loads(raw)
    assert detect(raw[:64 * 1024]) == "x-v1.1"
    assert detect(raw[:300]) == "x-v1.1"  # cut inside the first status
    assert detect(b"\xef\xbb\xbf" + raw[:5000]) == "x-v1.1"
    assert detect(json.dumps(statuses[:3], indent=2).encode()[:2000]) == "x-v1.1"
    assert detect((json.dumps(statuses[0]) + "\n").encode() * 2) == "x-v1.1"
    assert detect(json.dumps({"statuses": statuses[:2], "search_metadata": {}}).encode()) == "x-v1.1"
    assert not SOURCE.sniff(b'{"id": "1", "author": "ann", "text": "hi", "created_at": "2024-01-01"}\n')
    assert not SOURCE.sniff(b'{"data": [{"id": "1", "text": "hi", "author_id": "2"}]}\n')
    assert not SOURCE.sniff(b"id,author,text\n1,ann,hi\n")


def test_positions_and_resuming() -> None:
    statuses = _statuses()[:5]
    jsonl = "".join(json.dumps(s) + "\n" for s in statuses).encode()
    assert [p for p, _r in SOURCE.iter_records(io.BytesIO(jsonl), start_line=4)] == [4, 5]
    array = json.dumps(statuses, indent=1).encode()
    assert [p for p, _r in SOURCE.iter_records(io.BytesIO(array))] == [1, 2, 3, 4, 5]
    assert [p for p, _r in SOURCE.iter_records(io.BytesIO(array), start_line=3)] == [3, 4, 5]


def test_extended_quote_and_delete(store: Store, tmp_path: Path) -> None:
    user = {"id_str": "10", "screen_name": "Ann", "followers_count": 5, "friends_count": 2, "statuses_count": 9}
    quoted = {"id_str": "100", "text": "original", "created_at": "Mon Jan 01 10:00:00 +0000 2024",
              "user": {"id_str": "20", "screen_name": "Bob"}, "entities": {"user_mentions": []}}
    quote = {
        "id_str": "101", "text": "short…", "truncated": True, "created_at": "Mon Jan 01 12:00:00 +0100 2024",
        "user": user, "quoted_status_id_str": "100", "quoted_status": quoted,
        "extended_tweet": {"full_text": "the whole text @carl", "entities": {
            "user_mentions": [{"screen_name": "Carl", "id_str": "30"}]}},
    }
    gone = dict(quote, id_str="102", quoted_status=None, quoted_status_id_str=None)
    lines = [quote, gone, {"limit": {"track": 3}}, {"delete": {"status": {"id_str": "102", "user_id_str": "10"},
                                                              "timestamp_ms": "1704110400000"}}]
    path = tmp_path / "stream.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store.ingest(path)
    assert store.query("SELECT id, text, quote_of_id FROM posts ORDER BY id") == [
        ("100", "original", None), ("101", "the whole text @carl", "100")]
    assert store.query("SELECT kind, target_id, target_handle FROM interactions ORDER BY kind") == [
        ("mention", "30", "Carl"), ("quote", "20", None)]
    assert store.query("SELECT observed_at, followers FROM snapshots WHERE account_id = '10'") == [
        (datetime(2024, 1, 1, 11, tzinfo=UTC), 5)]
    assert store.stats()["deletions"] == 1 and store.stats()["quarantined"] == 0


def test_records_and_times() -> None:
    assert parse_v1_time("Sat Feb 18 19:45:15 +0000 2023") == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    assert parse_v1_time("Sat Feb 18 19:45:15 -0130 2023") == datetime(2023, 2, 18, 21, 15, 15, tzinfo=UTC)
    assert parse_v1_time("2023-02-18T19:45:15.000Z") == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    assert parse_v1_time(None) is None
    records = x_v1.payload_records(7, {"id_str": "1", "text": "hi", "user": {"id_str": "2"},
                                       "created_at": "yesterday"})
    assert records == [Rejected(7, "field 'created_at' is not a timestamp: 'yesterday'", records[0].raw)]
    records = x_v1.payload_records(1, {"delete": {"status": {"id": 5, "user_id": 6}}})
    assert records == [Deletion("x", "post", "5", "6", None)]
    reply = x_v1.status_records({"id_str": "9", "text": "@a hi", "user": {"id_str": "2"},
                                 "in_reply_to_status_id_str": "8", "in_reply_to_user_id_str": "3",
                                 "in_reply_to_screen_name": "a",
                                 "entities": {"user_mentions": [{"screen_name": "a", "id_str": "3"}]}})
    kinds = {r.kind: r for r in reply if isinstance(r, Interaction)}
    assert kinds["reply"].id == "reply:9::" and kinds["reply"].target_post_id == "8"
    assert kinds["mention"].id == "mention:9:a:" and kinds["mention"].target_id == "3"
    assert next(r for r in reply if isinstance(r, Post)).reply_to_account_id == "3"


def _status(n: int) -> dict[str, Any]:
    return {"id_str": str(n), "text": f"status {n}", "created_at": "Mon Jan 01 10:00:00 +0000 2024",
            "user": {"id_str": "10", "screen_name": "ann"}, "entities": {"user_mentions": []}}


def _read(data: bytes) -> list[tuple[int, list[Any]]]:
    return list(SOURCE.iter_records(io.BytesIO(data)))


def _posts(batches: list[tuple[int, list[Any]]]) -> set[str]:
    return {r.id for _, records in batches for r in records if isinstance(r, Post)}


def _rejected(batches: list[tuple[int, list[Any]]]) -> list[tuple[int, str]]:
    return [(position, r.reason) for position, records in batches for r in records if isinstance(r, Rejected)]


def test_invalid_utf8_in_a_string_is_quarantined_not_raised() -> None:
    """msgspec raises UnicodeDecodeError (not a DecodeError) for such bytes: JSONL, array and object alike."""
    good = [json.dumps(_status(n)).encode() for n in (1, 2, 3)]
    bad = good[1].replace(b"status 2", b"status \xff2")
    jsonl = _read(b"\n".join([good[0], bad, good[2]]) + b"\n")
    assert _posts(jsonl) == {"1", "3"} and [p for p, _ in _rejected(jsonl)] == [2]
    array = _read(b"[" + b",\n".join([good[0], bad, good[2]]) + b"]")
    assert _posts(array) == {"1", "3"} and [p for p, _ in _rejected(array)] == [2]
    assert all("utf-8" in reason for _, reason in _rejected(jsonl) + _rejected(array))
    pretty = json.dumps(_status(4), indent=2).encode().replace(b"status 4", b"\xc3(")
    assert [p for p, _ in _rejected(_read(pretty))] == [1]
    assert SOURCE.sniff(bad + b"\n" + good[2])  # does not raise: judged by the keys of the first status
    assert SOURCE.sniff(b"[" + bad + b"]") is False


def test_a_jsonl_file_whose_first_line_is_cut_to_its_brace() -> None:
    """A first line of just "{" opens a pretty-printed object only when the next line is not an object."""
    good = [json.dumps(_status(n)).encode() for n in (2, 3)]
    batches = _read(b"{\n" + b"\n".join(good) + b"\n")
    assert _posts(batches) == {"2", "3"} and [p for p, _ in _rejected(batches)] == [1]
    pretty = _read(json.dumps(_status(4), indent=2).encode())
    assert pretty == [(1, x_v1.status_records(_status(4)))]


def test_json_array_helpers() -> None:
    """The shared reader of damaged top-level arrays: elements kept whole, the damage numbered."""
    from referral_engine.sources.json_array import iter_elements, split_array

    assert split_array(b'[{"a": "],{"}, 2, [3, 4]]') == ([b'{"a": "],{"}', b"2", b"[3, 4]"], None)
    assert split_array(b'[1, {"b": 2') == ([b"1"], b'{"b": 2')
    assert split_array(b"[1, 2,") == ([b"1", b"2"], b"")
    out = list(iter_elements(b'[1, {"x": "\x01"}, "\xff", {"y": 2}, {"z"'))
    assert [(i, v, e is None) for i, v, _raw, e in out] == [
        (1, 1, True), (2, None, False), (3, None, False), (4, {"y": 2}, True), (5, None, False)]
    assert out[4][2:] == (b'{"z"', "truncated: the input ends inside this element")
    assert list(iter_elements(b"[1, 2]")) == [(1, 1, b"1", None), (2, 2, b"2", None)]
