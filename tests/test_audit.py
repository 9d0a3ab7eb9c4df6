"""The audit's figures on a small community where each is known by construction (``coach_community``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach_community import EXPECTED, SINCE, UNTIL, build
from referral_engine import Store
from referral_engine.cli import app
from referral_engine.coach.audit import audit, citizenship_scores
from referral_engine.coach.charts import ChartError, render
from referral_engine.coach.citizenship import Inputs, score
from referral_engine.coach.profiles import add_profile

runner = CliRunner()


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store file, built once: Joe, Rosa and Dr Smile have profiles."""
    folder = tmp_path_factory.mktemp("audit")
    with Store(folder / "coach.duckdb") as store:
        build(store, folder)
        add_profile(store, "Joe", ["@joe"], categories=["plumber"])
        add_profile(store, "Rosa", ["@rosa"], categories=["electrician"])
        add_profile(store, "Dr Smile", ["@drsmile"], categories=["dentist"])
    return folder / "coach.duckdb"


@pytest.fixture(scope="module")
def joe(community: Path) -> dict[str, Any]:
    with Store(community) as store:
        return audit(store, "Joe", since=SINCE, now=UNTIL).as_dict()


def test_the_mix_of_its_own_posts_by_kind(joe: dict[str, Any]) -> None:
    assert joe["account"] == "Joe" and joe["posts"] == EXPECTED["posts"] == joe["judged"]
    assert joe["kinds"] == pytest.approx(EXPECTED["kinds"], abs=1e-4)
    assert sum(joe["kinds"].values()) == pytest.approx(1.0, abs=1e-3)
    # j5 was judged information, but it endorses Rosa: promoting others, and an example of it
    assert {e["id"] for e in joe["examples"]["promoting_others"]} == {"j4", "j5"}
    assert {e["id"] for e in joe["examples"]["pitch"]} == {"j1", "j3", "j7"}
    assert all(e["text"] for kind in joe["examples"].values() for e in kind)
    by_week = {w["week"]: (w["posts"], w["pitch"], w["promoting_others"]) for w in joe["kinds_by_week"]}
    assert by_week == {"2026-10-05": (3, 2, 0), "2026-10-12": (2, 0, 2), "2026-10-19": (2, 1, 0)}


def test_pitches_asked_for_and_unsolicited(joe: dict[str, Any]) -> None:
    pitches = joe["pitches"]
    assert {k: pitches[k] for k in ("total", "asked_for", "unsolicited")} == EXPECTED["pitches"]
    assert [p["id"] for p in pitches["asked_for_examples"]] == ["j3"]  # the reply to the plumbing request


def test_reciprocity(joe: dict[str, Any]) -> None:
    r = joe["reciprocity"]
    assert (r["addressed"], r["answered"], r["questions"], r["questions_answered"]) == (
        EXPECTED["addressed"], EXPECTED["answered"], EXPECTED["questions"], EXPECTED["questions_answered"])
    assert r["answered_share"] == pytest.approx(1 / 8) and r["questions_answered_share"] == pytest.approx(0.5)
    assert r["median_hours_to_answer"] == EXPECTED["median_hours"]
    assert [w["people"] for w in r["new_people_by_week"]] == EXPECTED["new_people_by_week"]
    assert r["new_people"] == 3
    gave = {p["account"]: (p["endorsements"], p["reposts"], p["quotes"]) for p in r["promotes"]}
    got = {p["account"]: (p["endorsements"], p["reposts"], p["quotes"]) for p in r["promoted_by"]}
    assert gave == EXPECTED["promotes"] and got == EXPECTED["promoted_by"]
    assert r["mutual"] == ["@rosa"]


def test_sweet_spot_week_by_week(joe: dict[str, Any]) -> None:
    assert joe["sweet_spot"] == EXPECTED["sweet_spot"]
    halves = joe["halves"]
    assert halves["first"]["weeks"] == 1 and halves["second"]["weeks"] == 2
    assert halves["first"]["referral_mentions_per_week"] == 2.0
    assert halves["second"]["referral_mentions_per_week"] == 1.0


def test_citizenship_score_and_its_parts(joe: dict[str, Any]) -> None:
    assert joe["citizenship"] == pytest.approx(EXPECTED["citizenship"], abs=1e-4)
    parts = {c["name"]: c for c in joe["citizenship_components"]}
    assert parts["restraint"]["value"] == pytest.approx(5 / 7, abs=1e-3)
    assert parts["promotes"]["value"] == 1.0 and parts["answers"]["value"] == 0.125
    assert parts["reaches_out"]["value"] == 0.5
    assert sum(c["weight"] for c in parts.values()) == pytest.approx(1.0)
    assert "2 unsolicited pitches in 7 posts" in parts["restraint"]["measured"]


def test_standing_among_peers_of_its_category(joe: dict[str, Any], community: Path) -> None:
    peers = joe["peers"]
    assert peers["categories"] == ["trades"] and peers["peers"] == 1  # Rosa; Dr Smile is in health
    assert peers["rank"] == 2 and peers["of"] == 2
    assert [row["name"] for row in peers["table"]] == ["Rosa", "Joe"]
    assert peers["table"][0]["citizenship"] == pytest.approx(EXPECTED["rosa"], abs=1e-4)
    with Store(community) as store:
        scores = citizenship_scores(store, since=SINCE, now=UNTIL)
        rosa = audit(store, "Rosa", since=SINCE, now=UNTIL)
    assert scores["Joe"].score == joe["citizenship"] and scores["Rosa"].score == rosa.citizenship.score
    # Dr Smile never posted: only what it answered (neither of Ben's and Eve's shout-outs) and whom it reached
    assert scores["Dr Smile"].inputs.posts == 0 and scores["Dr Smile"].inputs.addressed == 2
    assert scores["Dr Smile"].score == 0.0
    assert rosa.peers is not None and rosa.peers["rank"] == 1


def test_since_narrows_the_period(community: Path) -> None:
    with Store(community) as store:
        later = audit(store, "Joe", since=datetime(2026, 10, 12, tzinfo=UTC), now=UNTIL).as_dict()
    assert later["posts"] == 4  # j4..j7
    assert [w["week"] for w in later["sweet_spot"]] == ["2026-10-12", "2026-10-19"]
    assert later["reciprocity"]["addressed"] == 5  # c1, e1, b1, ro2, d2


def test_a_bare_account_is_audited_with_inferred_categories(community: Path) -> None:
    with Store(community) as store:
        alone = audit(store, "@joe", since=SINCE, now=UNTIL).as_dict()
    assert alone["account"] == "@joe" and alone["profile"] is None
    assert alone["categories"][0] == "trades" and alone["inferred"]["categories"]
    assert alone["posts"] == 7 and alone["citizenship"] == pytest.approx(EXPECTED["citizenship"], abs=1e-4)
    assert [row["name"] for row in alone["peers"]["table"]] == ["Rosa", "@joe"]  # its own profile is not a peer


def test_a_profile_combines_its_accounts(tmp_path: Path) -> None:
    from referral_engine.understand import CLASSIFIER_VERSION

    with Store(tmp_path / "s.duckdb") as store:
        build(store, tmp_path)
        second = tmp_path / "second.jsonl"
        second.write_text("\n".join(json.dumps(r) for r in (
            {"id": "m1", "author": "joe@mastodon.example", "text": "Tip: insulate your pipes before the freeze.",
             "created_at": "2026-10-13T10:00:00Z", "platform": "mastodon"},
            {"id": "m2", "author": "ann@mastodon.example", "text": "Thanks, very useful?",
             "created_at": "2026-10-13T11:00:00Z", "platform": "mastodon", "reply_to": "m1"},
            {"id": "m3", "author": "joe@mastodon.example", "text": "Any time!", "created_at": "2026-10-13T12:30:00Z",
             "platform": "mastodon", "reply_to": "m2"},
        )) + "\n")
        store.ingest(second, format="plain-jsonl", understand=False)
        store.write_judgements([("mastodon", "m1", "information", 0.9, False, 0),
                                ("mastodon", "m3", "conversation", 0.9, False, 0)], [], [], version=CLASSIFIER_VERSION)
        add_profile(store, "Joe everywhere", ["plain:joe", "joe@mastodon.example"], categories=["plumber"])
        both = audit(store, "Joe everywhere", since=SINCE, now=UNTIL).as_dict()
    assert {a["platform"] for a in both["accounts"]} == {"plain", "mastodon"}
    assert both["posts"] == 7 + 2
    assert both["reciprocity"]["addressed"] == 8 + 1 and both["reciprocity"]["answered"] == 1 + 1
    assert both["reciprocity"]["questions"] == 2 + 1
    assert both["reciprocity"]["new_people"] == 3 + 1  # ann, on mastodon


def test_score_leaves_out_what_cannot_be_measured() -> None:
    silent = score(Inputs())
    assert silent.score is None
    only_answers = score(Inputs(addressed=4, answered=3, weeks=2.0))
    # no own posts: restraint and promotes are left out, the other weights scale up
    assert only_answers.score == pytest.approx((0.25 * 0.75 + 0.15 * 0.0) / 0.40, abs=1e-4)
    perfect = score(Inputs(posts=10, promoting=2, addressed=1, answered=1, new_people=4, weeks=2.0))
    assert perfect.score == 1.0


def test_chart_png_and_svg(joe: dict[str, Any], tmp_path: Path) -> None:
    png = render(joe, tmp_path / "audit.png")
    svg = render(joe, tmp_path / "charts" / "audit.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    text = svg.read_text()
    assert "<svg" in text and "citizenship 0.61" in text and "referral mentions" in text
    with pytest.raises(ChartError, match=r"png or \.svg"):
        render(joe, tmp_path / "audit.pdf")


def test_cli_audit_json_and_chart(community: Path, tmp_path: Path) -> None:
    chart = tmp_path / "joe.svg"
    result = runner.invoke(app, ["audit", "Joe", "--db", str(community), "--since", "2026-10-05", "--json",
                                 "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert {"account", "posts", "kinds", "citizenship", "sweet_spot"} <= set(found)
    assert found["account"] == "Joe" and found["posts"] == 7
    assert sum(found["kinds"].values()) == pytest.approx(1.0, abs=1e-3)
    assert [w["week"] for w in found["sweet_spot"]] == ["2026-10-05", "2026-10-12", "2026-10-19"]
    assert chart.exists()
    shown = runner.invoke(app, ["audit", "@joe", "--db", str(community)])
    assert shown.exit_code == 0, shown.output
    assert "Citizenship" in shown.stdout and "sweet spot" in shown.stdout
    missing = runner.invoke(app, ["audit", "@nobody", "--db", str(community)])
    assert missing.exit_code == 3
    bad = runner.invoke(app, ["audit", "Joe", "--db", str(community), "--chart", str(tmp_path / "x.gif")])
    assert bad.exit_code == 1 and "png" in bad.output
