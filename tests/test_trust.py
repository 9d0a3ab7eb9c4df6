"""Trust on small hand-built communities where the right answer is known by construction."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from referral_engine import NoSuchAccount, Store
from referral_engine.cli import app
from referral_engine.trust import (
    WEIGHTS,
    find_account,
    global_trust,
    personal_trust,
    refresh_trust,
    trust_graph,
    trust_report,
)
from referral_engine.trust.scores import rank_graph
from referral_engine.understand import CLASSIFIER_VERSION

T0 = datetime(2026, 1, 1, tzinfo=UTC)


class Community:
    """Plain-format lines for a small community, written to a file and ingested."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []
        self.n = 0

    def at(self, day: float) -> str:
        return (T0 + timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def post(self, author: str, *, day: float = 0, text: str = "hello there", reply_to: str | None = None,
             mentions: list[str] | None = None) -> str:
        self.n += 1
        post_id = f"p{self.n}"
        row: dict[str, Any] = {"id": post_id, "author": author, "text": text, "created_at": self.at(day)}
        if reply_to:
            row["reply_to"] = reply_to
        if mentions is not None:
            row["mentions"] = mentions
        self.lines.append(row)
        return post_id

    def reply(self, author: str, to: str, *, day: float = 0) -> str:
        """``author`` replies to a fresh post of ``to``."""
        return self.post(author, day=day, text="thanks, good point", reply_to=self.post(to, day=day))

    def follow(self, author: str, target: str, *, day: float = 0) -> None:
        self.lines.append({"type": "follow", "author": author, "target": target, "created_at": self.at(day)})

    def account(self, account_id: str, **fields: Any) -> None:
        self.lines.append({"type": "account", "id": account_id, **fields})

    def ingest(self, store: Store, path: Path, **options: Any) -> None:
        path.write_text("\n".join(json.dumps(line) for line in self.lines) + "\n")
        store.ingest(path, **options)


def conversation(c: Community, people: list[str], *, day: float = 0, rounds: int = 1) -> None:
    """Everyone in ``people`` replies to everyone else (an organic circle)."""
    for r in range(rounds):
        for a in people:
            for b in people:
                if a != b:
                    c.reply(a, b, day=day + r)


RESIDENTS = [f"r{i}" for i in range(8)]


def test_reciprocity_beats_one_way_blasting(store: Store, tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS)
    for r in RESIDENTS[:6]:  # the same residents reply to both businesses ...
        c.reply(r, "answers", day=5)
        c.reply(r, "blaster", day=5)
        c.reply("answers", r, day=6)  # ... one answers them
    for i in range(20):  # the other tags strangers who never answer
        c.account(f"z{i}", handle=f"z{i}")
        c.post("blaster", day=6, text=f"deals for @z{i}", mentions=[f"z{i}"])
    c.ingest(store, tmp_path / "c.jsonl")

    graph = trust_graph(store, "plain")
    assert graph.weight("r0", "answers") > graph.weight("r0", "blaster") > 0  # answered in kind: stronger
    assert graph.weight("r0", "answers") == pytest.approx(graph.weight("r0", "blaster") * 1.5)
    trust = global_trust(store, "plain", ["answers", "blaster"])
    assert trust["answers"] > 1.5 * trust["blaster"]
    [blast] = [d for d in graph.discounts_of("blaster") if d.kind == "one_way"]
    assert "20 accounts; only 0 ever interacted back" in blast.reason
    assert graph.discounts_of("answers") == []


def test_bulk_mention_spammer_gains_and_gives_no_trust(store: Store, tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS)
    c.reply("r0", "target", day=2)
    c.reply("r0", "control", day=2)  # target and control get the same organic trust
    for i in range(10):
        c.post("spammer", day=3 + i, text="HOT DEALS", mentions=["target", *RESIDENTS[1:]])
    c.ingest(store, tmp_path / "c.jsonl")

    trust = global_trust(store, "plain")
    assert trust["target"] == pytest.approx(trust["control"], rel=0.01)  # the spam gave it nothing
    organic = [trust[a] for a in (*RESIDENTS, "target", "control")]
    assert trust["spammer"] < 0.1 * min(organic)  # and it gained nothing either
    kinds = {d.kind: d.reason for d in trust_graph(store, "plain").discounts_of("spammer")}
    assert kinds["bulk_mention"].startswith("10 of its 10 posts mention 5 or more accounts at once (up to 8)")


def test_decay_orders_old_and_recent_interactions(store: Store, tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS)
    c.reply("r0", "old", day=0)
    c.reply("r1", "recent", day=300)
    c.reply("r2", "halved", day=210)  # one half-life (90 days) before the latest interaction
    c.ingest(store, tmp_path / "c.jsonl")

    graph = trust_graph(store, "plain")
    assert graph.as_of == T0 + timedelta(days=300)
    assert graph.weight("r1", "recent") == pytest.approx(1.0)
    # A decayed count of 0.5 is worth R·c/(c+R−1) = 4·0.5/3.5 of one fresh reply.
    assert graph.weight("r2", "halved") == pytest.approx(2.0 / 3.5)
    assert graph.weight("r0", "old") < graph.weight("r2", "halved")
    trust = global_trust(store, "plain", ["old", "halved", "recent"])
    assert trust["recent"] > trust["halved"] > trust["old"]
    # Seen from an earlier date, the later interactions do not exist yet and the old one is fresh.
    earlier = trust_graph(store, "plain", as_of=T0)
    assert earlier.weight("r0", "old") == pytest.approx(1.0) and earlier.weight("r1", "recent") == 0


def test_repetition_grows_but_saturates(store: Store, tmp_path: Path) -> None:
    c = Community()
    for i in range(100):
        c.post("fan", text=f"@star {i}", mentions=["star"], day=1)
    for _ in range(5):
        c.reply("friend", "pal", day=1)
    c.reply("friend", "acquaintance", day=1)
    c.account("star", handle="star")
    c.ingest(store, tmp_path / "c.jsonl")

    graph = trust_graph(store, "plain")
    one_reply = graph.weight("friend", "acquaintance")
    assert graph.weight("friend", "pal") == pytest.approx(one_reply * 2.5)  # 4·5/(5+3)
    hundred = graph.weight("fan", "star")
    assert hundred < WEIGHTS.repetition_cap * WEIGHTS.kinds["mention"]
    assert hundred < graph.weight("friend", "pal")  # a hundred mentions are worth less than five replies


def test_personal_trust_differs_between_circles(store: Store, tmp_path: Path) -> None:
    c = Community()
    east, west = [f"e{i}" for i in range(6)], [f"w{i}" for i in range(6)]
    conversation(c, east, rounds=2)
    conversation(c, west, rounds=2)
    c.reply("e5", "w5", day=3)  # one thin bridge
    c.ingest(store, tmp_path / "c.jsonl")

    from_east = personal_trust(store, "plain", "e0")
    from_west = personal_trust(store, "plain", "w0")
    assert "e0" not in from_east and 0 < sum(from_east.values()) < 1
    assert set(list(from_east)[:5]) == set(east[1:])
    assert set(list(from_west)[:5]) == set(west[1:])
    assert from_east.get("w1", 0.0) < 0.1 * from_east["e1"]
    assert from_west.get("e1", 0.0) == 0.0  # nothing flows back over a one-way bridge
    assert len(personal_trust(store, "plain", "e0", limit=3)) == 3
    assert personal_trust(store, "plain", "nobody") == {}
    assert trust_graph(store, "plain") is trust_graph(store, "plain")  # built once per state of the store


def test_each_discount_fires_with_its_reason(store: Store, tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS)
    c.account("follower", handle="follower", following=5000, followers=40)
    c.follow("follower", "r0", day=10)
    for week, following in enumerate([100, 400, 100, 400, 100]):
        c.account("churner", handle="churner", following=following, followers=300, observed_at=c.at(week * 7))
    c.follow("churner", "r1", day=10)
    c.account("newbie", handle="newbie", created_at=c.at(9))
    c.reply("newbie", "r2", day=9)
    for day in range(6):
        c.post("pitcher", day=day, text="Buy now! 20% off this week only")
    c.ingest(store, tmp_path / "c.jsonl", understand=False)
    # The pitch rule reads the judgements: write them as the classifier would have.
    pitches = store.query("SELECT platform, id FROM posts WHERE author_id = 'pitcher'")
    store.write_judgements([(p, i, "pitch", 0.9, False, 0) for p, i in pitches], [], [], version=CLASSIFIER_VERSION)
    refresh_trust(store)

    graph = trust_graph(store, "plain")
    found = {(d.account_id, d.kind): d for d in graph.discounts}
    assert "follows 5,000 accounts but is followed by 40" in found["follower", "follow_ratio"].reason
    assert "unfollowed 600 accounts across 5 profile snapshots" in found["churner", "follow_churn"].reason
    assert found["newbie", "new_account"].reason == "created 1 day before the latest activity: a brand-new account"
    assert found["newbie", "new_account"].factor == pytest.approx(0.0645, abs=1e-3)  # ln(1 + 1/15)
    assert found["pitcher", "pitch_only"].reason == "6 of its 6 posts are pitches (100%)"
    assert found["pitcher", "pitch_only"].applies_to == "prior"
    assert not any(account.startswith("r") for account, _ in found)
    # A discount lowers the prior and/or keeps the outgoing trust on the edges to a share.
    assert graph.outgoing[graph.index("follower")] < 0.05 and graph.outgoing[graph.index("pitcher")] == 1.0
    # Persisted with their reasons.
    rows = store.query("SELECT account_id, kind, reason FROM trust_discounts ORDER BY 1, 2")
    assert ("pitcher", "pitch_only", "6 of its 6 posts are pitches (100%)") in rows
    report = trust_report(store, "plain", "follower")
    assert [d.kind for d in report.discounts] == ["follow_ratio"] and report.outgoing < 0.05


def test_refresh_after_second_ingest_changes_scores_and_warm_starts(store: Store, tmp_path: Path) -> None:
    rng = random.Random(4)
    c = Community()
    people = [f"u{i}" for i in range(60)]
    for a in people:
        for b in rng.sample(people, 4):
            if b != a:
                c.reply(a, b, day=rng.randrange(30))
    c.ingest(store, tmp_path / "first.jsonl")
    [first] = store.query("SELECT iterations, warm FROM trust_runs")
    before = global_trust(store, "plain")
    assert first[1] is False and sum(before.values()) == pytest.approx(60)  # 1.0 = average

    more = Community()
    more.n = c.n
    more.reply("u0", "u1", day=29)
    more.ingest(store, tmp_path / "second.jsonl")
    runs = store.query("SELECT iterations, warm FROM trust_runs ORDER BY computed_at")
    assert len(runs) == 2 and runs[1][1] is True
    after = global_trust(store, "plain")
    assert after["u1"] > before["u1"]
    # Started from the persisted scores, it converged in fewer steps than from the prior.
    cold = rank_graph(trust_graph(store, "plain"))
    assert runs[1][0] < cold.iterations
    assert after["u1"] == pytest.approx(cold.scores[trust_graph(store, "plain").index("u1")] * 60, rel=1e-6)

    store.ingest(tmp_path / "second.jsonl")  # nothing new: no recomputation
    assert len(store.query("SELECT * FROM trust_runs")) == 2
    posts = Community()
    posts.n = more.n
    posts.post("u2", day=30, text="a post that interacts with nobody")
    posts.ingest(store, tmp_path / "third.jsonl")  # no interaction changed: the refresh leaves it ...
    assert len(store.query("SELECT * FROM trust_runs")) == 2
    global_trust(store, "plain", ["u2"])  # ... to the next question, which sees the store changed
    assert len(store.query("SELECT * FROM trust_runs")) == 3


def test_a_platform_without_accounts_has_no_trust(store: Store) -> None:
    refresh_trust(store)
    assert global_trust(store, "x") == {} and personal_trust(store, "x", "a") == {}
    with pytest.raises(NoSuchAccount):
        trust_report(store, "x", "a")


def test_forget_removes_trust_rows(store: Store, tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS)
    for i in range(6):
        c.post("r0", day=1, text=f"look @r1 @r2 @r3 @r4 @r5 {i}")
    c.ingest(store, tmp_path / "c.jsonl")
    assert store.query("SELECT count(*) FROM trust_discounts WHERE account_id = 'r0'")[0][0] == 1
    store.forget("r0")
    assert store.query("SELECT count(*) FROM trust_scores WHERE account_id = 'r0'")[0][0] == 0
    assert store.query("SELECT count(*) FROM trust_discounts WHERE account_id = 'r0'")[0][0] == 0
    assert "r0" not in global_trust(store, "plain")  # recomputed without it (the data changed)
    assert store.query("SELECT count(*) FROM trust_scores")[0][0] == len(RESIDENTS) - 1


def test_read_only_store_computes_without_persisting(tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS)
    with Store(tmp_path / "s.duckdb") as store:
        c.ingest(store, tmp_path / "c.jsonl", understand=False)  # no trust computed yet
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        trust = global_trust(store, "plain")
        refresh_trust(store)  # does nothing, and does not fail
        assert store.query("SELECT count(*) FROM trust_scores")[0][0] == 0
    assert sum(trust.values()) == pytest.approx(len(RESIDENTS))


runner = CliRunner()


def test_refer_trust_text_and_json(tmp_path: Path) -> None:
    c = Community()
    conversation(c, RESIDENTS, rounds=2)
    for _ in range(4):
        c.post("spammer", day=3, text="HOT DEALS", mentions=RESIDENTS)
    db = str(tmp_path / "s.duckdb")
    with Store(db) as store:
        c.ingest(store, tmp_path / "c.jsonl")
        assert find_account(store, "@r1") == ("plain", "r1")

    text = runner.invoke(app, ["trust", "@r1", "--db", db])
    assert text.exit_code == 0, text.output
    assert "@r1 on plain: global trust" in text.output and "rank" in text.output
    assert "Trusted by" in text.output and "2 replies" in text.output and "No inorganic discount." in text.output

    spam = runner.invoke(app, ["trust", "spammer", "--db", db])
    assert "Discounted as inorganic" in spam.output and "bulk mentions" in spam.output

    data = json.loads(runner.invoke(app, ["trust", "spammer", "--db", db, "--json"]).stdout)
    assert data["account_id"] == "spammer" and data["accounts"] == len(RESIDENTS) + 1
    assert data["trust"] < 0.5 and data["rank"] == data["accounts"]
    assert {d["kind"] for d in data["discounts"]} >= {"bulk_mention"}
    assert {t["account_id"] for t in data["trusts"]} <= set(RESIDENTS) and data["trusted_by"] == []

    missing = runner.invoke(app, ["trust", "@nobody", "--db", db])
    assert missing.exit_code == 3 and "no account" in missing.output
