"""The demo community: deterministic, realistic in shape, ingestible, and what ``first_look`` shows."""

from __future__ import annotations

import itertools
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from referral_engine import Store
from referral_engine.demo import DemoCommunity, first_look, generate
from referral_engine.demo.categories import CATEGORIES

SMALL = {"residents": 40, "businesses": 30, "months": 1}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoCommunity:
    """The full-size demo, generated once for the module."""
    return generate(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def rows(demo: DemoCommunity) -> list[dict[str, Any]]:
    return [json.loads(line) for line in demo.community.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def truth(demo: DemoCommunity) -> dict[str, Any]:
    return dict(demo.load_truth())


@pytest.fixture(scope="module")
def posts(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in rows if "type" not in r}


@pytest.fixture(scope="module")
def loaded(demo: DemoCommunity, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Any]]:
    """A real DuckDB store with the demo ingested, and the ingest summary."""
    with Store(tmp_path_factory.mktemp("store") / "demo.duckdb") as store:
        yield store, demo.ingest(store)


def _of(rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in rows if r.get("type", "post") == kind]


# -- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", seed=11, **SMALL)
    second = generate(tmp_path / "b", seed=11, **SMALL)
    other = generate(tmp_path / "c", seed=12, **SMALL)
    assert first.community.read_bytes() == second.community.read_bytes()
    assert first.truth.read_bytes() == second.truth.read_bytes()
    assert first.counts == second.counts
    assert first.community.read_bytes() != other.community.read_bytes()


def test_rejects_a_community_too_small_for_the_audit(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="businesses"):
        generate(tmp_path, businesses=len(CATEGORIES))


def test_a_naive_now_is_taken_as_utc(tmp_path: Path) -> None:
    small = generate(tmp_path, now=datetime(2025, 3, 1), **SMALL)
    assert small.load_truth()["now"] == "2025-03-01T00:00:00Z"


# -- shape ---------------------------------------------------------------------------------------


def test_accounts_and_businesses(demo: DemoCommunity, truth: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    assert demo.counts["residents"] == len(truth["residents"]) == 300
    assert demo.counts["businesses"] == len(truth["businesses"]) == 90
    per_category = Counter(b["category"] for b in truth["businesses"].values())
    assert set(per_category) == {c.key for c in CATEGORIES}
    assert set(per_category.values()) == {90 // len(CATEGORIES)}
    for category in per_category:
        kinds = Counter(b["behaviour"] for b in truth["businesses"].values() if b["category"] == category)
        assert kinds["good_citizen"] >= 2 and kinds["broadcaster"] >= 2, category
    assert {b["area"] for b in truth["businesses"].values()} <= set(truth["areas"])
    profiles = {r["id"] for r in _of(rows, "account")}
    assert set(truth["residents"]) | set(truth["businesses"]) <= profiles
    assert len(profiles) == demo.counts["accounts"]
    for group in ("bulk_mention_spammers", "follow_churners", "new_accounts", "pitch_only"):
        assert truth["inorganic"][group], group
        assert set(truth["inorganic"][group]) <= profiles


def test_posts_replies_and_mentions_link_to_what_exists(
    rows: list[dict[str, Any]], posts: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    handles = {r["id"] for r in _of(rows, "account")}
    seen: set[str] = set()
    start, now = truth["start"], truth["now"]
    for row in rows:
        stamp = row.get("observed_at") or row["created_at"]
        assert start <= stamp < now
        if "type" in row:
            continue
        assert row["platform"] == "demo" and row["author"] in handles and row["text"]
        if "reply_to" in row:
            assert row["reply_to"] in seen  # the parent exists and comes first
            assert posts[row["reply_to"]]["created_at"] <= row["created_at"]
        assert set(row.get("mentions", ())) <= handles
        for handle in row.get("mentions", ()):
            assert f"@{handle}" in row["text"]
        seen.add(row["id"])
    for row in _of(rows, "like") + _of(rows, "repost"):
        assert row["post"] in posts and row["author"] != posts[row["post"]]["author"]
        assert row["created_at"] >= posts[row["post"]]["created_at"]
    follows = [(r["author"], r["target"]) for r in _of(rows, "follow")]
    assert len(follows) == len(set(follows)) and all(a in handles and b in handles for a, b in follows)


def test_volume_and_variety(demo: DemoCommunity, posts: dict[str, dict[str, Any]], truth: dict[str, Any]) -> None:
    c = demo.counts
    assert 15_000 <= c["posts"] + demo.expected_interactions <= 35_000
    assert c["likes"] > 5_000 and c["follows"] > 2_000 and c["reposts"] > 300
    kinds = Counter(label["kind"] for label in truth["posts"].values())
    assert set(kinds) == {"request", "endorsement", "pitch", "promoting_others", "conversation", "information"}
    assert kinds["request"] == c["requests"] > 300
    requests = [posts[i]["text"] for i, label in truth["posts"].items() if label["kind"] == "request"]
    assert len(set(requests)) / len(requests) > 0.9  # phrasings vary, not one template
    labels = [label["request"] for label in truth["posts"].values() if "request" in label]
    assert {r["category"] for r in labels} == {c.key for c in CATEGORIES}
    assert {r["location"] for r in labels} - {None, "Austin"} == set(truth["areas"])
    endorsements = [e for label in truth["posts"].values() for e in label.get("endorsements", ())]
    assert len(endorsements) == c["endorsements"]
    assert {e["target"] for e in endorsements} <= set(truth["businesses"])
    assert {e["polarity"] for e in endorsements} == {"positive", "negative"}
    assert {e["by"] for e in endorsements} == {"handle", "name"}
    for e in endorsements:  # named by @handle or by name, as the label says
        assert e["by"] == "handle" or truth["businesses"][e["target"]]["name"]


def test_behaviours_leave_the_traces_trust_will_read(
    rows: list[dict[str, Any]], posts: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    businesses = truth["businesses"]
    praise: dict[str, int] = Counter()
    for post_id, label in truth["posts"].items():
        for e in label.get("endorsements", ()):
            if posts[post_id]["author"] not in truth["inorganic"]["new_accounts"]:
                praise[e["target"]] += 1 if e["polarity"] == "positive" else -1
    for category in {b["category"] for b in businesses.values()}:
        good = [praise[h] for h, b in businesses.items() if b["category"] == category
                and b["behaviour"] == "good_citizen"]
        loud = [praise[h] for h, b in businesses.items() if b["category"] == category
                and b["behaviour"] == "broadcaster"]
        assert min(good) > max(loud), category
    by_author = defaultdict(list)
    for label_id, label in truth["posts"].items():
        by_author[posts[label_id]["author"]].append(label["kind"])
    share = {behaviour: statistics.mean(
        by_author[h].count("pitch") / max(1, len(by_author[h])) for h, b in businesses.items()
        if b["behaviour"] == behaviour) for behaviour in ("good_citizen", "broadcaster")}
    assert share["broadcaster"] > 0.8 > 0.3 > share["good_citizen"]
    for spam_id in truth["posts"]:
        if posts[spam_id]["author"] in truth["inorganic"]["bulk_mention_spammers"]:
            assert len(posts[spam_id]["mentions"]) == 20
    snapshots = defaultdict(list)
    for row in _of(rows, "account"):
        snapshots[row["id"]].append(row)
    churner = snapshots[truth["inorganic"]["follow_churners"][0]]
    swings = [abs(a["following"] - b["following"]) for a, b in itertools.pairwise(churner)]
    assert len(churner) >= 20 and max(swings) > 100

    def growth(behaviour: str) -> float:
        ratios = [snapshots[h][-1]["followers"] / snapshots[h][0]["followers"]
                  for h, b in businesses.items() if b["behaviour"] == behaviour]
        return float(statistics.median(ratios))

    assert growth("good_citizen") > growth("broadcaster") > 1.0


# -- ingest and first look --------------------------------------------------------------------------


def test_ingest_gives_exactly_the_records_in_the_file(
    loaded: tuple[Store, Any], demo: DemoCommunity, rows: list[dict[str, Any]]
) -> None:
    store, summary = loaded
    assert summary.quarantined == 0
    post_rows = _of(rows, "post")
    expected = {
        "reply": sum(1 for r in post_rows if "reply_to" in r),
        "mention": sum(len(set(r.get("mentions", ()))) for r in post_rows),
        "like": len(_of(rows, "like")),
        "repost": len(_of(rows, "repost")),
        "follow": len(_of(rows, "follow")),
    }
    stats = store.stats()
    assert stats["posts"] == len(post_rows) == demo.counts["posts"]
    assert stats["interactions_by_kind"] == expected
    assert stats["interactions"] == sum(expected.values()) == demo.expected_interactions
    assert stats["accounts"] == demo.counts["accounts"]
    # Every profile observation in the file is kept (the store may add its own, one a day at most).
    assert len(_of(rows, "account")) == demo.counts["snapshots"]
    observed = {(r["id"], r["observed_at"][:10]) for r in _of(rows, "account")}
    kept = store.query("SELECT account_id, strftime(observed_at AT TIME ZONE 'UTC', '%Y-%m-%d') FROM snapshots")
    assert observed <= set(kept)
    assert store.query("SELECT count(*) FROM interactions WHERE target_id IS NULL") == [(0,)]


def test_first_look_shows_the_requests_and_recommendations_in_the_data(
    loaded: tuple[Store, Any], posts: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    store, _ = loaded
    look = first_look(store, platform="demo", limit=10)
    assert json.loads(json.dumps(look)) == look  # plain data, ready for --json
    found = {row[0]: row[1] for row in store.query("SELECT post_id, created_at FROM requests")}
    assert look["totals"]["requests"] == len(found)
    assert look["totals"]["posts"] == len(posts) == sum(m["posts"] for m in look["by_month"])
    # The classifier's requests are, by the generator's ground truth, nearly all real requests.
    real = [p for p in found if truth["posts"][p]["kind"] == "request"]
    assert len(real) / len(found) > 0.9
    latest = sorted(found, key=lambda p: (found[p], p), reverse=True)[:10]
    assert [r["post_id"] for r in look["recent_requests"]] == latest
    # Who the community vouches for: the good citizens, by the ground truth.
    top = look["most_recommended"]
    assert top and all(r["endorsements"] >= r["requests"] for r in top)
    assert all(truth["businesses"].get(r["handle"] or "", {}).get("behaviour") == "good_citizen" for r in top[:5])

    # The busiest thread, counted by walking replies up to their root.
    def root(post_id: str) -> str:
        while "reply_to" in posts[post_id]:
            post_id = posts[post_id]["reply_to"]
        return post_id

    sizes = Counter(root(p["id"]) for p in posts.values() if "reply_to" in p)
    threads = look["busiest_conversations"]
    assert [t["replies"] for t in threads] == sorted(sizes.values(), reverse=True)[:10]
    assert all(sizes[t["post_id"]] == t["replies"] for t in threads)
    assert look["most_active"][0]["posts"] >= look["most_active"][-1]["posts"]
    assert look["most_engaged"][0]["total"] >= look["most_engaged"][-1]["total"]
