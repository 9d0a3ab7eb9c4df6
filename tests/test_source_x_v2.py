"""X API v2 (twarc2 raw pages, flattened tweets, stream lines) against counts derived from the raw files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared
from referral_engine import Store, detect
from referral_engine.sources.x_v2 import records_from_line

SAMPLES = "formats", "x-v2-twarc"


def expected(path: Path) -> dict[str, object]:
    """What a file holds, counted with plain json: the spec of the source, written independently."""
    tweets: dict[str, dict] = {}
    users: set[str] = set()
    bad_lines: list[int] = []
    deletions = 0
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            bad_lines.append(number)
            continue
        if "data" in obj:
            items = obj["data"] if isinstance(obj["data"], list) else [obj["data"]]
            includes = obj.get("includes", {})
            for tweet in [i for i in items if "text" in i] + includes.get("tweets", []):
                tweets.setdefault(tweet["id"], tweet)
            users.update(u["id"] for u in includes.get("users", []))
            users.update(i["id"] for i in items if "username" in i and "text" not in i)
        elif "text" in obj:  # flattened
            tweets.setdefault(obj["id"], obj)
            for ref in obj.get("referenced_tweets", []):
                if "text" in ref:
                    tweets.setdefault(ref["id"], ref)
                    if "author" in ref:
                        users.add(ref["author"]["id"])
            for key in ("author", "in_reply_to_user"):
                if key in obj:
                    users.add(obj[key]["id"])
            users.update(m["id"] for m in obj.get("entities", {}).get("mentions", []) if "id" in m)
        elif obj.get("action") == "delete":
            deletions += 1
    kinds: dict[str, int] = {}
    for tweet in tweets.values():
        refs = {r["type"] for r in tweet.get("referenced_tweets", [])}
        acts: list[str] = []
        if "retweeted" in refs:
            acts = ["repost"]
        else:
            if "replied_to" in refs or "in_reply_to_user_id" in tweet:
                acts.append("reply")
            if "quoted" in refs:
                acts.append("quote")
            names = {m["username"].lower() for m in tweet.get("entities", {}).get("mentions", []) if m.get("username")}
            acts += ["mention"] * len(names)
        for act in acts:
            kinds[act] = kinds.get(act, 0) + 1
    return {"posts": len(tweets), "accounts": len(users), "kinds": kinds, "bad_lines": bad_lines,
            "deletions": deletions}


def sample_files() -> list[Path]:
    return sorted(p for p in shared(*SAMPLES).iterdir() if p.suffix in (".jsonl", ".json"))


@pytest.mark.parametrize("name", [
    "noflat.jsonl", "flat.jsonl", "streaming_output_with_error.jsonl", "2sets.jsonl", "withheld.jsonl",
    "users.jsonl", "entities_test.jsonl", "mentions_tweet.jsonl", "edited.jsonl", "quoted_edit.jsonl",
    "geo_tweets.jsonl", "kpop.jsonl", "brexit.jsonl", "media_policy_violation_on.jsonl", "tweets_compliance.jsonl",
])
def test_each_sample_matches_its_independent_count(store: Store, name: str) -> None:
    path = shared(*SAMPLES, name)
    want = expected(path)
    summary = store.ingest(path)
    assert summary.sources[0].format == "x-v2"
    stats = store.stats()
    assert stats["posts"] == want["posts"]
    assert stats["accounts"] == want["accounts"]
    assert stats["interactions_by_kind"] == want["kinds"]
    assert stats["deletions"] == want["deletions"]
    lines = [row[0] for row in store.query("SELECT line FROM quarantine ORDER BY line")]
    assert lines == want["bad_lines"]


def test_the_broken_stream_line_is_quarantined_with_its_number(store: Store) -> None:
    path = shared(*SAMPLES, "streaming_output_with_error.jsonl")
    store.ingest(path)
    (source, line, reason, raw), = store.query("SELECT source, line, reason, raw FROM quarantine")
    marker = '{"data": {"author_id": "1021159080151404544"'
    broken = [n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith(marker)]
    assert source == str(path) and [line] == broken and line == 8
    assert "invalid JSON" in reason
    assert raw == path.read_text().splitlines()[7]
    assert store.stats()["posts"] == expected(path)["posts"]


def test_every_sample_at_once_twice_gives_the_same_store(store: Store) -> None:
    files = sample_files()
    store.ingest(*files)
    first = store.stats()
    store.ingest(*files, force=True)
    assert store.stats() == first
    assert first["quarantined"] == 1


def test_every_sample_is_detected_as_x_v2() -> None:
    for path in sample_files():
        head = path.read_bytes()[:65536]
        if head.strip():
            assert detect(head) == "x-v2", path.name


def test_mentions_resolve_to_the_mentioned_account(store: Store) -> None:
    store.ingest(shared(*SAMPLES, "noflat.jsonl"))
    unresolved, total = store.query(
        "SELECT count(*) FILTER (target_id IS NULL), count(*) FROM interactions WHERE kind = 'mention'")[0]
    assert total > 0 and unresolved / total < 0.1  # only users the API could not return (suspended)
    author_of_retweeted = store.query(
        """SELECT count(*) FROM interactions i JOIN posts p ON p.platform = i.platform AND p.id = i.target_post_id
           WHERE i.kind = 'repost' AND i.target_id <> p.author_id""")[0][0]
    assert author_of_retweeted == 0


def test_a_bad_tweet_in_a_page_is_quarantined_alone() -> None:
    page = json.loads(shared(*SAMPLES, "noflat.jsonl").read_text().splitlines()[0])
    page["data"][3]["id"] = {"not": "an id"}
    page["data"][5].pop("author_id")
    records = records_from_line(12, json.dumps(page).encode())
    rejected = [r for r in records if type(r).__name__ == "Rejected"]
    assert [r.line for r in rejected] == [12, 12]
    assert any("bad tweet" in r.reason for r in rejected) and any("author_id" in r.reason for r in rejected)
    posts = {r.id for r in records if type(r).__name__ == "Post"}
    good = {t["id"] for i, t in enumerate(page["data"]) if i not in (3, 5)}
    assert good <= posts


def test_snapshots_come_from_account_counts(store: Store) -> None:
    store.ingest(shared(*SAMPLES, "noflat.jsonl"))
    row = store.query("SELECT followers, following, posts_count, observed_at FROM snapshots "
                      "WHERE account_id = '2718660392'")
    assert row and row[0][0] == 28341 and row[0][1] == 600


def test_compact_pages_longer_than_the_sniff_window_are_detected() -> None:
    page = json.loads(shared(*SAMPLES, "noflat.jsonl").read_text().splitlines()[0])
    compact = json.dumps(page, separators=(",", ":")).encode()
    assert len(compact) > 65536
    assert detect(compact[:65536]) == "x-v2"
