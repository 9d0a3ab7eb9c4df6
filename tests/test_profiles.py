"""Profiles: a business's accounts, categories and area, stored; given or inferred."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach_community import build
from referral_engine import NoSuchAccount, Store, StoreError
from referral_engine.cli import app
from referral_engine.coach.profiles import (
    UnknownCategory,
    add_profile,
    list_profiles,
    remove_profile,
    resolve,
    show_profile,
)
from referral_engine.store.profiles import ProfileExists

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The coach's small community in a fresh store."""
    with Store(tmp_path / "profiles.duckdb") as opened:
        build(opened, tmp_path)
        yield opened


def test_given_categories_and_area_are_stored_as_taxonomy_keys_and_trade_words(store: Store) -> None:
    joe = add_profile(store, "Joe's Plumbing", ["@joe"], categories=["plumber", "trades"], area="Hyde Park")
    assert joe.categories == ("trades",) and joe.services == ("plumber",) and joe.area == "Hyde Park"
    assert joe.inferred == {"categories": False, "area": False}
    assert joe.accounts == (("plain", "joe", "joe"),)
    assert show_profile(store, "Joe's Plumbing") == joe
    assert "profiles" in store.migrations


def test_categories_area_and_trade_are_inferred_when_not_given(store: Store) -> None:
    joe = add_profile(store, "Joe", ["@joe"])
    assert joe.categories[0] == "trades" and joe.inferred == {"categories": True, "area": True}
    assert joe.area == "Hyde Park, Austin, TX"  # the account's location, as written
    assert {"plumbing", "plumber"} & set(joe.services)
    dentist = add_profile(store, "Smile", ["drsmile"], area="Austin")
    assert dentist.categories == ("health",) and dentist.area == "Austin"
    assert dentist.inferred == {"categories": True, "area": False}


def test_trade_words_tell_a_trade_from_its_category(store: Store) -> None:
    joe = add_profile(store, "Joe", ["@joe"], categories=["plumbing"])
    assert joe.in_trade("emergency plumber") is True
    assert joe.in_trade("licensed electrician") is False
    assert resolve(store, "@rosa").in_trade("electrician") is True  # inferred from "Electrician in Mueller"
    bare = add_profile(store, "Someone", ["@ana"], categories=["trades"])
    assert bare.services == () and bare.in_trade("plumber") is None


def test_a_profile_holds_accounts_on_several_platforms(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "bsky.jsonl"
    other.write_text(json.dumps({"id": "b1", "author": "joe", "text": "hello", "created_at": "2026-10-01T00:00:00Z",
                                 "platform": "bluesky"}) + "\n")
    store.ingest(other, format="plain-jsonl", understand=False)
    with pytest.raises(StoreError, match="ambiguous"):
        add_profile(store, "Joe", ["@joe"], categories=["plumber"])  # joe on plain and on bluesky
    joe = add_profile(store, "Joe", ["plain:joe", "bluesky:joe"], categories=["plumber"])
    assert {a[0] for a in joe.accounts} == {"plain", "bluesky"}
    assert [p.label for p in list_profiles(store)] == ["Joe"]
    assert resolve(store, "Joe").keys == [("bluesky", "joe"), ("plain", "joe")]


def test_errors(store: Store) -> None:
    add_profile(store, "Joe", ["@joe"], categories=["plumber"])
    with pytest.raises(ProfileExists):
        add_profile(store, "Joe", ["@rosa"], categories=["electrician"])
    with pytest.raises(NoSuchAccount):
        add_profile(store, "Ghost", ["@nobody"], categories=["plumber"])
    with pytest.raises(UnknownCategory, match="unknown category"):
        add_profile(store, "Odd", ["@ana"], categories=["zorbing instructor"])
    with pytest.raises(NoSuchAccount):
        show_profile(store, "Ghost")
    with pytest.raises(NoSuchAccount):
        remove_profile(store, "Ghost")
    remove_profile(store, "Joe")
    assert list_profiles(store) == []
    assert store.query("SELECT count(*) FROM profile_accounts") == [(0,)]
    assert store.query("SELECT count(*) FROM posts WHERE author_id = 'joe'")[0][0] > 0  # its data stays


def test_forgetting_an_account_takes_it_out_of_its_profiles(store: Store) -> None:
    add_profile(store, "Pair", ["@joe", "@rosa"], categories=["plumber"])
    store.forget("@rosa")
    assert [a[1] for a in show_profile(store, "Pair").accounts] == ["joe"]


def test_profile_commands(tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    with Store(db) as store:
        build(store, tmp_path)
    added = runner.invoke(app, ["profile", "add", "Joe", "--account", "@joe", "--category", "plumber", "--area",
                                "Austin", "--db", str(db), "--json"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["categories"] == ["trades"]
    shown = runner.invoke(app, ["profile", "add", "Rosa", "-a", "@rosa", "--db", str(db)])
    assert shown.exit_code == 0 and "inferred" in shown.stdout
    listed = json.loads(runner.invoke(app, ["profile", "list", "--db", str(db), "--json"]).stdout)
    assert [p["account"] for p in listed] == ["Joe", "Rosa"]
    one = json.loads(runner.invoke(app, ["profile", "show", "Joe", "--db", str(db), "--json"]).stdout)
    assert one["accounts"] == [{"platform": "plain", "id": "joe", "handle": "joe"}] and one["area"] == "Austin"
    again = runner.invoke(app, ["profile", "add", "Joe", "--account", "@joe", "--db", str(db)])
    assert again.exit_code == 1 and "already exists" in again.output
    assert runner.invoke(app, ["profile", "add", "X", "--account", "@nobody", "--db", str(db)]).exit_code == 3
    assert runner.invoke(app, ["profile", "add", "X", "-a", "@ana", "-c", "zorbing", "--db", str(db)]).exit_code == 1
    assert runner.invoke(app, ["profile", "remove", "Joe", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["profile", "show", "Joe", "--db", str(db)]).exit_code == 3
