"""The X personal archive: the mock archive as a folder, a zip and a lone tweets.js, checked against its raw files."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from conftest import shared
from referral_engine import Store, detect
from referral_engine.ingest import FolderContainer
from referral_engine.sources import x_archive

OWNER = "322603863"


def _archive() -> Path:
    return shared("formats", "x-archive", "mock-archive")


def load_js(path: Path) -> list[Any]:
    """A ``window.YTD.x.partN = [...]`` file's array, read the simple way."""
    text = path.read_text(encoding="utf-8-sig")
    return json.loads(text[text.index("=") + 1:])


def expected(data: Path) -> dict[str, Any]:
    """What the archive in ``data`` must store, derived from its raw files by the conventions."""
    account = load_js(data / "account.js")[0]["account"]
    tweets = [e["tweet"] for e in load_js(data / "tweets.js")]
    followers = [e["follower"]["accountId"] for e in load_js(data / "follower.js")]
    following = [e["following"]["accountId"] for e in load_js(data / "following.js")]
    accounts = {account["accountId"], *followers, *following}
    kinds = {"reply": 0, "mention": 0, "repost": 0, "follow": len(followers) + len(following)}
    for tweet in tweets:
        mentions = tweet["entities"]["user_mentions"]
        accounts.update(m["id_str"] for m in mentions)
        if tweet["full_text"].startswith("RT @"):
            kinds["repost"] += 1
            continue
        if tweet.get("in_reply_to_status_id_str"):
            kinds["reply"] += 1
            accounts.add(tweet["in_reply_to_user_id_str"])
        kinds["mention"] += len({m["screen_name"].lower() for m in mentions})
    return {
        "owner": account, "posts": len(tweets), "accounts": len(accounts),
        "by_kind": {k: n for k, n in kinds.items() if n}, "interactions": sum(kinds.values()),
    }


def _check(store: Store, want: dict[str, Any]) -> None:
    stats = store.stats()
    assert stats["quarantined"] == 0
    assert (stats["posts"], stats["accounts"], stats["interactions"]) == (
        want["posts"], want["accounts"], want["interactions"])
    assert stats["interactions_by_kind"] == want["by_kind"]
    assert store.query("SELECT DISTINCT author_id FROM posts") == [(want["owner"]["accountId"],)]


def test_folder(store: Store) -> None:
    want = expected(_archive() / "data")
    assert want["by_kind"]["reply"] and want["by_kind"]["mention"] and want["by_kind"]["follow"]
    summary = store.ingest(_archive())
    assert [s.format for s in summary.sources] == ["x-archive"]
    _check(store, want)
    owner = want["owner"]
    profile = load_js(_archive() / "data" / "profile.js")[0]["profile"]["description"]
    row = store.query("SELECT handle, name, description, location, url, created_at::VARCHAR FROM accounts "
                      "WHERE id = ?", [owner["accountId"]])
    assert row == [(owner["username"], owner["accountDisplayName"], profile["bio"], profile["location"].strip(),
                    profile["website"], "2011-06-23 13:04:14+00")]
    follows = store.query("SELECT source_id, target_id FROM interactions WHERE kind = 'follow' ORDER BY 1, 2")
    followers = [e["follower"]["accountId"] for e in load_js(_archive() / "data" / "follower.js")]
    following = [e["following"]["accountId"] for e in load_js(_archive() / "data" / "following.js")]
    assert follows == sorted([(f, OWNER) for f in followers] + [(OWNER, f) for f in following])
    # a self-reply in a thread and a reply to another user, with their targets
    tweets = {e["tweet"]["id_str"]: e["tweet"] for e in load_js(_archive() / "data" / "tweets.js")}
    for post_id, reply_to, target in store.query(
        "SELECT post_id, target_post_id, target_id FROM interactions WHERE kind = 'reply'"
    ):
        assert (reply_to, target) == (tweets[post_id]["in_reply_to_status_id_str"],
                                       tweets[post_id]["in_reply_to_user_id_str"])


def _zip(source: Path, target: Path, top: str) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}{path.relative_to(source).as_posix()}")
    return target


def test_zip_with_and_without_a_top_folder(tmp_path: Path) -> None:
    want = expected(_archive() / "data")
    for top in ("", "twitter-2023-02-19/"):
        path = _zip(_archive(), tmp_path / f"archive{len(top)}.zip", top)
        with Store(tmp_path / f"{len(top)}.duckdb") as store:
            summary = store.ingest(path)
            assert [s.format for s in summary.sources] == ["x-archive"]
            _check(store, want)


def test_a_lone_tweets_js(store: Store, tmp_path: Path) -> None:
    """Inside its archive a tweets.js brings the archive; alone, its owner is read from the tweets."""
    want = expected(_archive() / "data")
    store.ingest(_archive() / "data" / "tweets.js")
    _check(store, want)
    alone = tmp_path / "export" / "tweets.js"
    alone.parent.mkdir()
    shutil.copy(_archive() / "data" / "tweets.js", alone)
    with Store(tmp_path / "alone.duckdb") as lone:
        lone.ingest(alone)
        stats = lone.stats()
        assert stats["posts"] == want["posts"] and stats["quarantined"] == 0
        assert lone.query("SELECT DISTINCT author_id FROM posts") == [(OWNER,)]
        assert stats["interactions_by_kind"] == {k: n for k, n in want["by_kind"].items() if k != "follow"}


def test_ingest_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = _zip(_archive(), tmp_path / "archive.zip", "")
    store.ingest(_archive(), path)
    first = store.stats()
    store.ingest(_archive(), path)
    store.ingest(_archive() / "data" / "tweets.js", force=True)
    assert store.stats() == first


def _with_extras(tmp_path: Path) -> Path:
    """The mock archive plus a like.js, a second tweets part holding bad elements, and a cut follower file."""
    root = tmp_path / "archive"
    shutil.copytree(_archive(), root)
    data = root / "data"
    likes = [{"like": {"tweetId": str(1627038980352147458 + i), "fullText": "x"}} for i in range(3)]
    (data / "like.js").write_text("window.YTD.like.part0 = " + json.dumps(likes, indent=2))
    retweet = {"id_str": "900", "created_at": "Sun Feb 19 10:00:00 +0000 2023", "full_text": "RT @Carl_C: hello",
               "entities": {"user_mentions": [{"screen_name": "Carl_C", "id_str": "31", "name": "Carl"}]}}
    quote = {"id_str": "901", "created_at": "Sun Feb 19 11:00:00 +0000 2023", "full_text": "so true https://t.co/x",
             "entities": {"user_mentions": [], "urls": [
                 {"expanded_url": "https://twitter.com/dana/status/777", "url": "https://t.co/x"}]}}
    part = [{"tweet": retweet}, {"tweet": "not an object"}, {"tweet": {"id_str": "902", "full_text": 5}},
            {"tweet": quote}, {"tweet": {"full_text": "no id"}}]
    (data / "tweets-part1.js").write_text("window.YTD.tweets.part1 = " + json.dumps(part, indent=2))
    follower = (data / "follower.js").read_bytes()
    (data / "follower.js").write_bytes(follower[: follower.index(b"1265789414023651328")])
    return root


def test_likes_retweets_quotes_and_quarantine(store: Store, tmp_path: Path) -> None:
    root = _with_extras(tmp_path)
    store.ingest(root)
    rows = store.query("SELECT source, line, reason FROM quarantine ORDER BY source, line")
    assert rows == [
        (f"{root}!data/follower.js", 3, "truncated: the input ends inside this element"),
        (f"{root}!data/tweets-part1.js", 2, "a status must be an object, not str"),
        (f"{root}!data/tweets-part1.js", 3, "field 'full_text' must be text"),
        (f"{root}!data/tweets-part1.js", 5, "missing field 'id_str'"),
    ]
    likes = store.query("SELECT id, source_id, target_post_id FROM interactions WHERE kind = 'like' ORDER BY 3")
    assert likes == [(f"like:{OWNER}::{p}", OWNER, p) for p in ("1627038980352147458", "1627038980352147459",
                                                                  "1627038980352147460")]
    assert store.query("SELECT id, target_id, target_handle, target_post_id FROM interactions "
                       "WHERE kind = 'repost'") == [("repost:900::", "31", "Carl_C", None)]
    assert store.query("SELECT count(*) FROM interactions WHERE post_id = '900' AND kind = 'mention'") == [(0,)]
    assert store.query("SELECT target_handle, target_post_id FROM interactions WHERE kind = 'quote'") == [
        ("dana", "777")]
    assert store.query("SELECT quote_of_id FROM posts WHERE id = '901'") == [("777",)]
    want = expected(_archive() / "data")
    stats = store.stats()
    assert stats["posts"] == want["posts"] + 2
    assert stats["interactions_by_kind"]["follow"] == want["by_kind"]["follow"] - 1


def test_recognition() -> None:
    data = _archive() / "data"
    assert x_archive.is_archive(FolderContainer(_archive()).names())
    assert x_archive.is_archive(["x/data/tweets.js", "x/data/like.js"])
    assert x_archive.is_archive(["data/manifest.js"])
    assert not x_archive.is_archive(["tweets.js", "notes/data.txt", "a/b/data/account.js"])
    assert x_archive.is_archive_file(data / "tweets.js")
    assert not x_archive.is_archive_file(data / "README.txt")
    assert not x_archive.is_archive_file(shared("formats", "x-v1.1", "extracted", "statuses.json"))
    # an archive file is routed by the ingest before detection; no stream format may claim it
    assert detect((data / "tweets.js").read_bytes()[:64 * 1024]) is None


def test_owner_from_the_manifest_and_old_style_tweets(store: Store, tmp_path: Path) -> None:
    """Older archives name the file tweet.js with bare tweets; manifest.js can stand in for account.js."""
    data = tmp_path / "old" / "data"
    data.mkdir(parents=True)
    manifest = {"userInfo": {"accountId": "55", "userName": "old_one", "displayName": "Old"},
                "archiveInfo": {"generationDate": "2020-01-02T03:04:05.000Z"}}
    (data / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps(manifest, indent=2))
    tweets = [{"id_str": "1", "full_text": "@bo hi", "created_at": "Wed Jan 01 00:00:00 +0000 2020",
               "entities": {"user_mentions": [{"screen_name": "bo", "id_str": "66"}]}}]
    (data / "tweet.js").write_text("\ufeffwindow.YTD.tweet.part0 = " + json.dumps(tweets))
    store.ingest(tmp_path / "old")
    assert store.query("SELECT id, author_id FROM posts") == [("1", "55")]
    assert store.query("SELECT kind, source_id, target_id FROM interactions") == [("mention", "55", "66")]
    assert store.stats()["quarantined"] == 0


def test_invalid_utf8_quarantines_only_its_element(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 inside a string (msgspec raises UnicodeDecodeError) cost one element."""
    data = tmp_path / "archive" / "data"
    data.mkdir(parents=True)
    (data / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(
        [{"account": {"accountId": "55", "username": "me"}}]))
    tweets = [{"tweet": {"id_str": str(n), "full_text": f"tweet {n}", "created_at": "Wed Jan 01 00:00:00 +0000 2020",
                         "entities": {"user_mentions": []}}} for n in (1, 2, 3)]
    raw = json.dumps(tweets).encode().replace(b"tweet 2", b"tweet \xff2")
    (data / "tweets.js").write_bytes(b"window.YTD.tweets.part0 = " + raw)
    (data / "like.js").write_bytes(b'window.YTD.like.part0 = [{"like": {"tweetId": "7", "fullText": "\xfe"}}]')
    with Store(tmp_path / "s.duckdb") as store:
        store.ingest(tmp_path / "archive")
        assert sorted(store.query("SELECT id FROM posts")) == [("1",), ("3",)]
        rows = store.query("SELECT source, line, reason FROM quarantine ORDER BY source")
        assert [(source.rsplit("!", 1)[1], line) for source, line, _ in rows] == [
            ("data/like.js", 1), ("data/tweets.js", 2)]
        assert all("utf-8" in reason for _, _, reason in rows)
