"""The coach on the demo community, where the generator knows each business's behaviour (``truth.json``).

The audit never sees the generator's labels: it reads the posts, judgements and interactions
like any store's. The labels only say who should come out on top.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coach_community import check_plan_rules
from referral_engine import Store
from referral_engine.cli.show import render_first_look
from referral_engine.coach.audit import audit, citizenship_scores
from referral_engine.coach.plan import plan
from referral_engine.demo.run import run_demo

pytestmark = pytest.mark.slow  # builds the demo store (a few seconds), once for the module


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``refer demo``'s result, built once: every business of the demo has a profile."""
    return run_demo(tmp_path_factory.mktemp("coach-demo") / "demo.duckdb")


@pytest.fixture(scope="module")
def truth(demo: dict[str, Any]) -> dict[str, Any]:
    return dict(json.loads((Path(demo["data"]).parent / "truth.json").read_text()))


@pytest.fixture(scope="module")
def store(demo: dict[str, Any]) -> Iterator[Store]:
    with Store(demo["store"]) as opened:
        yield opened


def test_every_good_citizen_ranks_above_every_broadcaster_of_its_category(
    store: Store, truth: dict[str, Any]
) -> None:
    scores = citizenship_scores(store)
    businesses = truth["businesses"]
    assert set(scores) == {b["name"] for b in businesses.values()}
    by_category: dict[str, dict[str, list[float]]] = {}
    for business in businesses.values():
        value = scores[business["name"]].score
        assert value is not None, business["name"]
        by_category.setdefault(business["category"], {}).setdefault(business["behaviour"], []).append(value)
    for category, found in by_category.items():
        assert min(found["good_citizen"]) > max(found["broadcaster"]), category
    # the batch scores are the audit's own
    plumbers = [b["name"] for b in businesses.values() if b["category"] == "plumber"]
    for name in plumbers:
        assert audit(store, name, peers=False).citizenship.score == scores[name].score


def test_the_audit_sees_the_behaviours(store: Store, truth: dict[str, Any]) -> None:
    good = next(b for b in truth["businesses"].values() if b["behaviour"] == "good_citizen")
    loud = next(b for b in truth["businesses"].values() if b["behaviour"] == "broadcaster"
                and b["category"] == good["category"])
    mine, theirs = audit(store, good["name"]).as_dict(), audit(store, loud["name"]).as_dict()
    assert theirs["kinds"]["pitch"] > 0.8 > 0.3 > mine["kinds"]["pitch"]
    assert mine["reciprocity"]["answered_share"] > (theirs["reciprocity"]["answered_share"] or 0.0)
    assert mine["reciprocity"]["new_people"] > theirs["reciprocity"]["new_people"]
    assert mine["peers"]["rank"] < theirs["peers"]["rank"]
    assert sum(w["referral_mentions"] for w in mine["sweet_spot"]) > sum(w["referral_mentions"]
                                                                         for w in theirs["sweet_spot"])


def test_no_broadcaster_is_told_to_pitch_unasked(store: Store, truth: dict[str, Any]) -> None:
    broadcasters = [b["name"] for b in truth["businesses"].values() if b["behaviour"] == "broadcaster"]
    assert len(broadcasters) >= 30
    kinds: set[str] = set()
    for name in broadcasters:
        week = plan(store, name)
        check_plan_rules(week, store, week.start)
        assert week.actions, name
        kinds |= {a.kind for a in week.actions}
        for action in week.actions:
            if action.pitch:  # an answer to a request in its own trade, which it has not answered yet
                assert week.subject.in_trade(store.query("SELECT sought FROM requests WHERE post_id = ?",
                                                         [action.post])[0][0]) is not False
    assert kinds == {"answer", "thank", "engage", "promote", "share"}


def test_refer_demo_ends_with_the_coach(demo: dict[str, Any]) -> None:
    coach = demo["coach"]
    assert json.loads(json.dumps(demo, default=str))["coach"]["category"] == coach["category"]
    good, loud = coach["audits"]
    assert (good["behaviour"], loud["behaviour"]) == ("good_citizen", "broadcaster")
    assert good["citizenship"] > loud["citizenship"]
    actions = coach["plan"]["actions"]
    assert coach["plan"]["account"] == loud["account"] and 3 <= len(actions) <= coach["plan"]["total"]
    assert len({a["kind"] for a in actions}) == len(actions)  # one of each kind
    console = Console(record=True, width=120)
    render_first_look(console, demo)
    shown = console.export_text()
    assert "Who the community vouches for" in shown and "One request, explained" in shown  # as before
    tail = shown[shown.index("The coach"):]
    assert good["account"] in tail and loud["account"] in tail and "A week for" in tail
    assert "refer audit" in tail and "refer plan" in tail


def test_refer_demo_asks_who_the_network_would_refer(demo: dict[str, Any], truth: dict[str, Any]) -> None:
    referral = demo["referral"]
    answers = referral["answers"]
    assert answers and all(a["reasons"] and a["endorsers"] for a in answers)
    # the demo asks for a plumber: every answer is one of the demo's plumbers, vouched for in the data
    plumbers = {f"@{h}" for h, b in truth["businesses"].items() if b["category"] == "plumber"}
    assert {a["name"] for a in answers} <= plumbers
    # and no broadcaster comes first: the community vouches for those who help it
    first = truth["businesses"][answers[0]["name"].lstrip("@")]
    assert first["behaviour"] != "broadcaster"
    console = Console(record=True, width=120)
    render_first_look(console, demo)
    shown = console.export_text()
    assert f"{referral['asker']} asks:" in shown and answers[0]["name"] in shown and "refer who" in shown
