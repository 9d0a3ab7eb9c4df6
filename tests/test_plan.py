"""The plan: a week of actions with reasons, by the rules, on the small community (``coach_community``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach_community import UNTIL, build, check_plan_rules
from referral_engine import Store
from referral_engine.cli import app
from referral_engine.coach.plan import PER_DAY, PER_WEEK, Action, InteractionTrust, plan, schedule
from referral_engine.coach.profiles import add_profile
from referral_engine.refer.circle import StoreTrust

runner = CliRunner()
START = date(2026, 10, 26)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    with Store(folder / "plan.duckdb") as store:
        build(store, folder)
        add_profile(store, "Joe", ["@joe"], categories=["plumber"])
    return folder / "plan.duckdb"


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def test_a_week_of_actions_each_with_its_reason(store: Store) -> None:
    week = plan(store, "Joe", now=UNTIL, trust=InteractionTrust(store))
    check_plan_rules(week, store, START)
    by_kind = {a.kind: a for a in week.actions}
    assert set(by_kind) == {"answer", "thank", "engage", "promote", "share"}
    answers = [a for a in week.actions if a.kind == "answer"]
    # r1 was already answered by Joe; r2 is a dentist's; r3 (a plumber) is his trade, r4 (an electrician) is not
    assert [(a.post, a.pitch) for a in answers] == [("r3", True), ("r4", False)]
    assert "mention your service once" in answers[0].reason and "no pitch" in answers[1].reason
    thanks = [a for a in week.actions if a.kind == "thank"]
    # Rosa endorsed him after his last act towards her; Ana reposted him; Ben and Eve he engaged with since
    assert [a.target for a in thanks] == ["@rosa", "@ana"]
    assert "Recommended you on 2026-10-20" in thanks[0].reason
    # Ben and Eve, whom Joe deals with, vouch for a dentist
    assert by_kind["promote"].target == "@drsmile" and "2 people you deal with vouch" in by_kind["promote"].reason
    assert by_kind["engage"].target == "@fay" and "2 people you deal with" in by_kind["engage"].reason
    shares = [a.target for a in week.actions if a.kind == "share"]
    assert shares == ["@ben", "tip:plumber"]  # Ben's well-received tip; what his trade is asked for


def test_trust_from_interactions_alone(store: Store) -> None:
    trust = InteractionTrust(store)
    # Fay: liked by Ben and Eve; the spammer: nobody deals with it; Joe: Ana, Ben, Cat, Dan, Eve, Rosa, spam
    assert trust.global_("plain", ["fay", "spam", "joe"]) == {"fay": 1.0, "spam": 0.0, "joe": 3.5}
    assert trust.personal("plain", "joe") == {}  # the plan then takes the partners' partners


def test_the_trust_layer_only_narrows_the_plan(store: Store) -> None:
    week = plan(store, "Joe", now=UNTIL, trust=StoreTrust(store))
    check_plan_rules(week, store, START)
    assert {a.kind for a in week.actions} >= {"answer", "thank", "share"}
    assert "@spam" not in {a.target for a in week.actions}
    default = plan(store, "Joe", now=UNTIL)
    assert default.as_list() == week.as_list()  # the trust layer is the default


def test_schedule_caps_days_and_kinds() -> None:
    many = {kind: [Action(date.min, kind, f"do {kind} {n}", f"@{kind}{n}", "why") for n in range(10)]
            for kind in PER_WEEK}
    many["thank"].append(Action(date.min, "thank", "again", "@answer0", "a target already used"))
    out = schedule(many, START)
    assert len(out) == min(7 * PER_DAY, sum(PER_WEEK.values()))
    assert Counter(a.kind for a in out) == Counter({k: v for k, v in PER_WEEK.items()})
    assert all(n <= PER_DAY for n in Counter(a.day for a in out).values())
    assert [a.kind for a in out[:3]] == ["answer", "thank", "engage"]  # a day mixes kinds
    assert len({a.target for a in out}) == len(out)


def test_cli_plan_json(db: Path) -> None:
    result = runner.invoke(app, ["plan", "Joe", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    actions = json.loads(result.stdout)
    assert actions and all({"day", "action", "target", "reason"} <= set(a) for a in actions)
    shown = runner.invoke(app, ["plan", "@joe", "--db", str(db)])
    assert shown.exit_code == 0 and "A week for @joe" in shown.stdout
