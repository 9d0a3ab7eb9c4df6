"""``refer opportunities``: the open requests a business could answer, in a small known community."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referral_engine import Store
from referral_engine.cli import app
from referral_engine.refer import ConfigError, NoTrust, StoreTrust, infer_business, opportunities
from referral_engine.refer.business import CONFIG_ENV
from test_who import Community


@pytest.fixture
def town() -> Community:
    c = Community()
    c.account("joesplumbing", name="Joe's Plumbing", description="Family plumber: leaks, boilers, drains",
              location="Austin, TX")
    c.account("quietshop", name="Quiet Shop", description="", location="Austin")
    c.post("joesplumbing", "Fixed a burst pipe downtown today, stay warm everyone", "2026-01-02T10:00:00Z")
    c.thread("maria", "2026-01-10", [("ana", "Highly recommend @joesplumbing")])  # vouched for as a plumber
    c.chat("joesplumbing", "ben", 4)  # the business and ben talk
    c.thread("cat", "2026-02-20", [], ask="Does anyone know a good plumber in Austin?")
    c.thread("ben", "2026-02-25", [], ask="Can anyone recommend a plumber? Our boiler died")
    c.thread("dan", "2026-02-27", [], ask="Does anyone know a good plumber in Denver?")
    c.thread("eve", "2026-02-26", [], ask="Can anyone recommend a dentist near Austin?")
    c.thread("fay", "2025-06-01", [], ask="Does anyone know a good electrician in Austin?")  # long closed
    answered = c.thread("gus", "2026-02-24", [], ask="Does anyone know a good plumber around Austin?")
    c.post("joesplumbing", "Happy to help, we can come by Monday", "2026-02-24T11:00:00Z", reply_to=answered)
    return c


def test_open_requests_newest_first(store: Store, tmp_path: Path, town: Community) -> None:
    store = town.ingest(store, tmp_path)
    business, found = opportunities(store, "@joesplumbing", trust=NoTrust(), config={})
    assert business.categories == ["trades"] and business.area == "Austin, TX" and business.source == "inferred"
    # newest first; not the Denver one (another area), not the dentist (another category), not the
    # electrician's (closed: older than 30 days), not gus's (already answered), not its own
    assert [o.asker for o in found] == ["ben", "cat"]
    assert found[0].created_at is not None and found[1].created_at is not None
    assert found[0].created_at > found[1].created_at
    assert all("Answer the question first" in o.guidance and "because it was asked" in o.guidance for o in found)


def test_closeness(store: Store, tmp_path: Path, town: Community) -> None:
    store = town.ingest(store, tmp_path)
    _, found = opportunities(store, "joesplumbing", trust=StoreTrust(store), config={})
    by_asker = {o.asker: o for o in found}
    ben, cat = by_asker["ben"], by_asker["cat"]
    assert ben.interactions >= 4 and cat.interactions == 0
    assert ben.closeness > cat.closeness
    assert "talk with each other" in ben.how_close and "not connected" in cat.how_close
    assert "write as a neighbour" in ben.guidance and "be brief" in cat.guidance


def test_config_overrides_categories_and_area(store: Store, tmp_path: Path, town: Community,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = town.ingest(store, tmp_path)
    config = tmp_path / "config.toml"
    config.write_text('[business."@joesplumbing"]\ncategories = ["trades", "health"]\narea = "Denver"\n')
    monkeypatch.setenv(CONFIG_ENV, str(config))
    business, found = opportunities(store, "@joesplumbing", trust=NoTrust())
    assert business.source == "config" and business.categories == ["trades", "health"]
    assert business.area == "Denver"
    # Denver's request and those with no place; Austin's are in another area now
    assert [o.asker for o in found] == ["dan", "ben"]
    config.write_text('[business.quietshop]\ncategories = ["plumbing"]\n')
    with pytest.raises(ConfigError, match="unknown category plumbing"):
        infer_business(store, "plain", "quietshop")


def test_a_business_with_no_known_category_gets_none(store: Store, tmp_path: Path, town: Community) -> None:
    store = town.ingest(store, tmp_path)
    business, found = opportunities(store, "quietshop", trust=NoTrust(), config={})
    assert business.categories == [] and found == []


def test_cli_json(store: Store, tmp_path: Path, town: Community, monkeypatch: pytest.MonkeyPatch) -> None:
    town.ingest(store, tmp_path)
    store.close()
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "none.toml"))
    runner = CliRunner()
    result = runner.invoke(app, ["opportunities", "@joesplumbing", "--json", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["asker"] for r in rows] == ["ben", "cat"]
    for row in rows:
        assert set(row) >= {"post_id", "asker", "text", "sought", "category", "location", "created_at", "closeness",
                            "guidance"}
        assert row["category"] == "trades" and isinstance(row["closeness"], float)
    human = runner.invoke(app, ["opportunities", "@joesplumbing", "--db", str(store.path)])
    assert human.exit_code == 0 and "Answer the question first" in human.stdout
    missing = runner.invoke(app, ["opportunities", "@nobody", "--db", str(store.path)])
    assert missing.exit_code == 3


def test_a_neighbouring_trade_is_a_chance_to_promote_others_not_to_pitch(store: Store, tmp_path: Path,
                                                                          town: Community) -> None:
    town.thread("hal", "2026-02-28", [], ask="Does anyone know a good electrician in Austin?")
    store = town.ingest(store, tmp_path)
    business, found = opportunities(store, "@joesplumbing", trust=NoTrust(), config={})
    assert "plumber" in business.services  # from its bio
    by_asker = {o.asker: o for o in found}
    assert by_asker["hal"].own_trade is False and by_asker["ben"].own_trade is True
    assert "Do not pitch" in by_asker["hal"].guidance and "because it was asked" not in by_asker["hal"].guidance
    assert "because it was asked" in by_asker["ben"].guidance


def test_a_profile_gets_the_opportunities_of_all_its_accounts(store: Store, tmp_path: Path,
                                                               town: Community) -> None:
    from referral_engine.coach.profiles import add_profile

    store = town.ingest(store, tmp_path)
    add_profile(store, "Joe's Plumbing", ["@joesplumbing"], categories=["plumber"], area="Austin")
    db = store.path
    store.close()
    result = CliRunner().invoke(app, ["opportunities", "--db", str(db), "Joe's Plumbing", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [o["asker"] for o in found] == ["ben", "cat"] and all(o["own_trade"] for o in found)
