"""Bluesky Jetstream v1: real recorded events and hand-built ones following the lexicons."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import referral_engine
from conftest import shared
from referral_engine import Store
from referral_engine.model import Deletion, Interaction, Post, Rejected, interaction_id
from referral_engine.sources.bluesky import SOURCE, did_of

FOLDER = ("formats", "bluesky-jetstream")
SAMPLES = ("expected_v1.jsonl", "golden_v1.jsonl")
HANDLED = {"app.bsky.feed.post", "app.bsky.feed.like", "app.bsky.feed.repost", "app.bsky.graph.follow"}
ACT_KINDS = {"app.bsky.feed.like": "like", "app.bsky.feed.repost": "repost", "app.bsky.graph.follow": "follow"}
T0 = 1_783_175_888_000_000  # time_us of the recorded window


# -- independent expectations from the raw events ------------------------------------------------


def expected(path: Path) -> dict[str, Any]:
    """What the store should hold after ingesting ``path``, counted straight from the JSON lines."""
    posts: set[str] = set()
    accounts: set[str] = set()
    kinds: dict[str, set[str]] = {k: set() for k in ("like", "repost", "follow", "reply", "mention", "quote")}
    deleted: set[str] = set()
    for line in path.read_text().splitlines():
        event = json.loads(line)
        did = event["did"]
        if event["kind"] in ("identity", "account"):
            accounts.add(did)
            continue
        commit = event["commit"]
        uri = f"at://{did}/{commit['collection']}/{commit['rkey']}"
        if commit["collection"] not in HANDLED and commit["collection"] != "app.bsky.actor.profile":
            continue
        accounts.add(did)
        if commit["operation"] == "delete":
            deleted.add(uri)
        elif commit["collection"] == "app.bsky.feed.post":
            record = commit["record"]
            posts.add(uri)
            if "reply" in record:
                kinds["reply"].add(uri)
            for facet in record.get("facets", []):
                for feature in facet["features"]:
                    if feature["$type"].endswith("#mention"):
                        kinds["mention"].add(uri + feature["did"])
                        accounts.add(feature["did"])
            if record.get("embed", {}).get("$type", "").startswith("app.bsky.embed.record"):
                kinds["quote"].add(uri)
        elif commit["collection"] in ACT_KINDS:
            kinds[ACT_KINDS[commit["collection"]]].add(uri)
    return {
        "posts": len(posts - deleted),
        "accounts": len(accounts),
        "deletions": len(deleted),
        "kinds": {k: len(v - deleted) for k, v in kinds.items() if v - deleted},
    }


def kinds_in(store: Store) -> dict[str, int]:
    return {str(k): int(n) for k, n in store.query("SELECT kind, count(*) FROM interactions GROUP BY 1")}


# -- the recorded samples ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_counts_match_the_raw_events(store: Store, name: str) -> None:
    path = shared(*FOLDER, name)
    want = expected(path)
    store.ingest(path)
    stats = store.stats()
    assert stats["quarantined"] == 0
    assert stats["posts"] == want["posts"]
    assert stats["accounts"] == want["accounts"]
    assert stats["deletions"] == want["deletions"]
    assert kinds_in(store) == want["kinds"]
    assert store.query("SELECT DISTINCT platform FROM accounts") == [("bluesky",)]


def test_expected_sample_has_every_kind_it_claims(store: Store) -> None:
    store.ingest(shared(*FOLDER, "expected_v1.jsonl"))
    # Figures from the recorded window (README_corpus.md, manifest): guards against a vacuous pass.
    assert store.stats()["posts"] == 17
    assert kinds_in(store) == {"like": 105, "repost": 15, "follow": 6, "reply": 8}
    assert store.query("SELECT kind, count(*) FROM deletions GROUP BY 1 ORDER BY 1") == [
        ("interaction", 3), ("post", 1),
    ]


def test_ingesting_twice_changes_nothing(store: Store) -> None:
    paths = [shared(*FOLDER, name) for name in SAMPLES]
    store.ingest(*paths)
    first = store.stats()
    store.ingest(*paths, force=True)
    assert store.stats() == first


def test_post_fields_from_a_real_reply(store: Store) -> None:
    store.ingest(shared(*FOLDER, "golden_v1.jsonl"))
    uri = "at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223"
    parent = "at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26"
    row = store.query(
        "SELECT author_id, text, lang, reply_to_id, reply_to_account_id, conversation_id, "
        "strftime(created_at, '%Y-%m-%dT%H:%M:%S') FROM posts WHERE id = ?", [uri])
    assert row == [("did:plc:q235v55g5unth4zjjdpacfdr", "Try RSV for a good time !!", "en", parent,
                    "did:plc:j76trmiofvaxxpvx2vnb2vwf", parent, "2026-05-25T14:23:28")]
    reply = store.query("SELECT source_id, target_id, target_post_id FROM interactions WHERE id = ?",
                        [interaction_id("reply", uri, None)])
    assert reply == [("did:plc:q235v55g5unth4zjjdpacfdr", "did:plc:j76trmiofvaxxpvx2vnb2vwf", parent)]
    like = store.query("SELECT kind, target_id FROM interactions WHERE id = ?",
                       ["at://did:plc:mcc5yghbk7tixqryac2yxku7/app.bsky.feed.like/3mmoojp7etg2g"])
    assert like == [("like", "did:plc:vfnmgxg2yscfliemmcxzyfyh")]


@pytest.mark.parametrize("name", SAMPLES)
def test_detect_recognises_jetstream(name: str) -> None:
    head = shared(*FOLDER, name).read_bytes()[:64 * 1024]
    assert referral_engine.detect(head) == "bluesky-jetstream"
    assert SOURCE.sniff(head)


def test_sniff_survives_a_truncated_first_line() -> None:
    line = shared(*FOLDER, "expected_v1.jsonl").read_bytes().splitlines()[1]
    assert SOURCE.sniff(line[: len(line) // 2])
    assert not SOURCE.sniff(b'{"id": "1", "author": "a", "text": "hi", "created_at": "2024-01-01"}\n')


# -- hand-built events following the lexicons ------------------------------------------------------


def commit(did: str, collection: str, rkey: str, record: dict[str, Any] | None = None, *,
           operation: str = "create", at: int = 0) -> dict[str, Any]:
    body: dict[str, Any] = {"rev": "3x", "operation": operation, "collection": collection, "rkey": rkey}
    if record is not None:
        body["record"] = {"$type": collection, **record}
        body["cid"] = "bafyfake"
    return {"did": did, "time_us": T0 + at, "kind": "commit", "commit": body}


def account_event(did: str, *, active: bool, status: str | None = None, at: int = 0) -> dict[str, Any]:
    payload: dict[str, Any] = {"active": active, "did": did, "seq": 1, "time": "2026-07-04T14:38:07.877Z"}
    if status:
        payload["status"] = status
    return {"did": did, "time_us": T0 + at, "kind": "account", "account": payload}


def write(path: Path, events: list[Any]) -> Path:
    path.write_text("".join((e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)) + "\n" for e in events))
    return path


ALICE, BOB, CAROL = "did:plc:alice", "did:plc:bob", "did:plc:carol"
BOB_POST = f"at://{BOB}/app.bsky.feed.post/3bob"


def post_with_mention_and_quote() -> tuple[str, dict[str, Any]]:
    text = "🎉 thanks @bob.bsky.social for this"
    start = len("🎉 thanks ".encode())
    record = {
        "text": text, "createdAt": "2026-07-04T10:00:00.000Z", "langs": ["en"],
        "facets": [
            {"index": {"byteStart": start, "byteEnd": start + len("@bob.bsky.social")},
             "features": [{"$type": "app.bsky.richtext.facet#mention", "did": BOB}]},
            {"index": {"byteStart": 0, "byteEnd": 4},
             "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "party"}]},
        ],
        "embed": {"$type": "app.bsky.embed.record", "record": {"uri": BOB_POST, "cid": "bafyq"}},
    }
    return text, record


def records_of(events: list[Any]) -> list[Any]:
    import io

    data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events).encode()
    return [r for _, batch in SOURCE.iter_records(io.BytesIO(data)) for r in batch]


def test_mention_facet_is_cut_by_utf8_bytes() -> None:
    text, record = post_with_mention_and_quote()
    records = records_of([commit(ALICE, "app.bsky.feed.post", "3a", record)])
    uri = f"at://{ALICE}/app.bsky.feed.post/3a"
    mention = next(r for r in records if isinstance(r, Interaction) and r.kind == "mention")
    assert mention.id == interaction_id("mention", uri, BOB)
    assert (mention.source_id, mention.target_id, mention.target_handle) == (ALICE, BOB, "bob.bsky.social")
    assert mention.post_id == uri
    post = next(r for r in records if isinstance(r, Post))
    assert post.text == text and post.quote_of_id == BOB_POST and post.conversation_id == uri
    quote = next(r for r in records if isinstance(r, Interaction) and r.kind == "quote")
    assert quote.id == interaction_id("quote", uri, None)
    assert (quote.target_id, quote.target_post_id) == (BOB, BOB_POST)


def test_record_with_media_is_a_quote_but_a_quoted_list_is_not() -> None:
    with_media = {"text": "look", "createdAt": "2026-07-04T10:00:00Z", "embed": {
        "$type": "app.bsky.embed.recordWithMedia",
        "record": {"$type": "app.bsky.embed.record", "record": {"uri": BOB_POST, "cid": "bafyq"}},
        "media": {"$type": "app.bsky.embed.images", "images": []}}}
    a_list = {"text": "my list", "createdAt": "2026-07-04T10:00:00Z", "embed": {
        "$type": "app.bsky.embed.record", "record": {"uri": f"at://{BOB}/app.bsky.graph.list/3l", "cid": "c"}}}
    records = records_of([commit(ALICE, "app.bsky.feed.post", "3m", with_media),
                          commit(ALICE, "app.bsky.feed.post", "3n", a_list)])
    posts = {r.id.rsplit("/", 1)[1]: r for r in records if isinstance(r, Post)}
    assert posts["3m"].quote_of_id == BOB_POST
    assert posts["3n"].quote_of_id is None
    assert [r.post_id for r in records if isinstance(r, Interaction)] == [posts["3m"].id]


def test_hand_built_interactions_are_stored(store: Store, tmp_path: Path) -> None:
    _, record = post_with_mention_and_quote()
    path = write(tmp_path / "events.jsonl", [
        commit(BOB, "app.bsky.feed.post", "3bob", {"text": "hello", "createdAt": "2026-07-04T09:00:00Z"}),
        commit(ALICE, "app.bsky.feed.post", "3a", record),
        {"did": BOB, "time_us": T0, "kind": "identity", "identity": {"did": BOB, "handle": "bob.example"}},
    ])
    store.ingest(path)
    assert kinds_in(store) == {"mention": 1, "quote": 1}
    assert store.query("SELECT handle FROM accounts WHERE id = ?", [BOB]) == [("bob.example",)]


def test_post_delete_removes_the_post_and_records_the_deletion(store: Store, tmp_path: Path) -> None:
    _, record = post_with_mention_and_quote()
    uri = f"at://{ALICE}/app.bsky.feed.post/3a"
    created = write(tmp_path / "created.jsonl", [
        commit(ALICE, "app.bsky.feed.post", "3a", record),
        commit(CAROL, "app.bsky.feed.like", "3l", {"subject": {"uri": uri, "cid": "c"},
                                                  "createdAt": "2026-07-04T10:01:00Z"}),
    ])
    store.ingest(created)
    assert store.query("SELECT count(*) FROM posts WHERE id = ?", [uri]) == [(1,)]
    deleted = write(tmp_path / "deleted.jsonl", [commit(ALICE, "app.bsky.feed.post", "3a", operation="delete", at=5)])
    store.ingest(deleted)
    assert store.query("SELECT count(*) FROM posts WHERE id = ?", [uri]) == [(0,)]
    # The post's own mention and quote go with it; Carol's like of it was her act and stays.
    assert store.query("SELECT kind FROM interactions ORDER BY 1") == [("like",)]
    assert store.query("SELECT kind, id, account_id, epoch_us(deleted_at) FROM deletions") == [
        ("post", uri, ALICE, T0 + 5)]
    store.ingest(created, force=True)  # an old copy of the post does not come back
    assert store.query("SELECT count(*) FROM posts WHERE id = ?", [uri]) == [(0,)]


def test_the_recorded_post_delete_is_recorded(store: Store) -> None:
    store.ingest(shared(*FOLDER, "expected_v1.jsonl"))
    uri = "at://did:plc:4smmjsqf6l5jkzczvw6vsrqc/app.bsky.feed.post/3mpt73z3ejc2p"
    assert store.query("SELECT account_id FROM deletions WHERE kind = 'post' AND id = ?", [uri]) == [
        ("did:plc:4smmjsqf6l5jkzczvw6vsrqc",)]


def test_like_delete_removes_the_like(tmp_path: Path, store: Store) -> None:
    like = commit(CAROL, "app.bsky.feed.like", "3l", {"subject": {"uri": BOB_POST, "cid": "c"},
                                                     "createdAt": "2026-07-04T10:01:00Z"})
    store.ingest(write(tmp_path / "a.jsonl", [like, commit(CAROL, "app.bsky.feed.like", "3l", operation="delete")]))
    assert store.stats()["interactions"] == 0
    assert store.query("SELECT kind, id FROM deletions") == [("interaction", f"at://{CAROL}/app.bsky.feed.like/3l")]


def test_account_deletion_erases_its_posts_and_interactions(store: Store, tmp_path: Path) -> None:
    activity = write(tmp_path / "activity.jsonl", [
        commit(ALICE, "app.bsky.feed.post", "3a", {"text": "hi", "createdAt": "2026-07-04T10:00:00Z"}),
        commit(BOB, "app.bsky.feed.post", "3bob", {"text": "yo", "createdAt": "2026-07-04T10:00:00Z"}),
        commit(ALICE, "app.bsky.feed.like", "3l", {"subject": {"uri": BOB_POST, "cid": "c"},
                                                  "createdAt": "2026-07-04T10:01:00Z"}),
        commit(BOB, "app.bsky.graph.follow", "3f", {"subject": ALICE, "createdAt": "2026-07-04T10:02:00Z"}),
        commit(CAROL, "app.bsky.graph.follow", "3g", {"subject": BOB, "createdAt": "2026-07-04T10:02:00Z"}),
    ])
    store.ingest(activity)
    assert store.stats()["interactions"] == 3
    store.ingest(write(tmp_path / "gone.jsonl", [
        account_event(BOB, active=False, status="takendown", at=9),  # reversible: erases nothing
        account_event(ALICE, active=False, status="deleted", at=10),
    ]))
    assert store.query("SELECT author_id FROM posts") == [(BOB,)]
    assert store.query("SELECT source_id, target_id FROM interactions") == [(CAROL, BOB)]
    assert sorted(r[0] for r in store.query("SELECT id FROM accounts")) == [BOB, CAROL]
    assert store.query("SELECT kind, id FROM deletions") == [("account", ALICE)]
    store.ingest(activity, force=True)  # re-reading old files does not bring her back
    assert store.query("SELECT count(*) FROM posts WHERE author_id = ?", [ALICE]) == [(0,)]
    assert store.query("SELECT count(*) FROM accounts WHERE id = ?", [ALICE]) == [(0,)]


def test_other_collections_are_skipped_silently() -> None:
    events = [
        commit(ALICE, "app.bsky.graph.block", "3b", {"subject": BOB, "createdAt": "2026-07-04T10:00:00Z"}),
        commit(ALICE, "fm.teal.alpha.actor.status", "self", {"time": "1"}, operation="update"),
        commit(ALICE, "org.hypercerts.claim.activity", "3h", operation="delete"),
    ]
    assert records_of(events) == []


def test_malformed_events_are_quarantined_with_their_line(store: Store, tmp_path: Path) -> None:
    good = commit(ALICE, "app.bsky.feed.post", "3a", {"text": "fine", "createdAt": "2026-07-04T10:00:00Z"})
    bad_commit = commit(ALICE, "app.bsky.feed.post", "3b", {"createdAt": "2026-07-04T10:00:00Z"})
    del bad_commit["commit"]["collection"]
    path = write(tmp_path / "mixed.jsonl", [
        good,
        '{"did": "did:plc:x", "kind": "commit", ',  # 2: cut off
        {"kind": "identity", "time_us": T0, "identity": {}},  # 3: no did
        bad_commit,  # 4: commit without collection
        commit(ALICE, "app.bsky.feed.post", "3c", {"text": 42}),  # 5: text of the wrong type
        {"did": ALICE, "time_us": "soon", "kind": "identity", "identity": {}},  # 6: time_us not a number
        {"did": ALICE, "time_us": T0, "kind": "commit"},  # 7: no commit
        commit(BOB, "app.bsky.feed.like", "3l", {"subject": "nope"}),  # 8: like without subject.uri
        commit(BOB, "app.bsky.graph.follow", "3f", {"subject": BOB_POST, "createdAt": "2026-07-04T10:00:00Z"}),  # 9
        "",
        commit(CAROL, "app.bsky.feed.repost", "3r", {"subject": {"uri": BOB_POST}, "createdAt": "bad date"}),
    ])
    store.ingest(path)
    rows = store.query("SELECT line, reason FROM quarantine ORDER BY line")
    assert [line for line, _ in rows] == [2, 3, 4, 5, 6, 7, 8, 9]
    reasons = dict(rows)
    assert "did" in reasons[3] and "collection" in reasons[4] and "text" in reasons[5]
    assert "time_us" in reasons[6] and "commit" in reasons[7] and "subject" in reasons[8]
    assert store.query("SELECT id FROM posts") == [(f"at://{ALICE}/app.bsky.feed.post/3a",)]
    # A repost with an unreadable createdAt keeps the relay's time.
    assert store.query("SELECT kind, epoch_us(created_at) FROM interactions") == [("repost", T0)]


def test_resuming_skips_earlier_lines() -> None:
    import io

    data = shared(*FOLDER, "golden_v1.jsonl").read_bytes()
    full = list(SOURCE.iter_records(io.BytesIO(data)))
    resumed = list(SOURCE.iter_records(io.BytesIO(data), start_line=4))
    assert [line for line, _ in full] == list(range(1, 11))
    assert resumed == full[3:]


def test_deleted_account_event_becomes_a_deletion() -> None:
    records = records_of([account_event(ALICE, active=False, status="deleted")])
    assert records == [Deletion("bluesky", "account", ALICE, account_id=ALICE, deleted_at=records[0].deleted_at)]
    assert not any(isinstance(r, Rejected) for r in records_of([account_event(ALICE, active=False,
                                                                              status="deactivated")]))


def test_did_of_an_at_uri() -> None:
    assert did_of(BOB_POST) == BOB
    with pytest.raises(ValueError):
        did_of("https://bsky.app/profile/bob")


def test_counts_per_kind_are_what_the_events_say() -> None:
    path = shared(*FOLDER, "expected_v1.jsonl")
    with path.open("rb") as stream:
        produced = Counter(r.kind for _, batch in SOURCE.iter_records(stream) for r in batch
                           if isinstance(r, Interaction))
    assert produced == Counter({"like": 105, "repost": 15, "reply": 8, "follow": 6})
