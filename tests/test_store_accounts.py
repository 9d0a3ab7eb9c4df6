"""``Store.account``: the one resolver of account names that every command uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referral_engine import NoSuchAccount, Store, StoreError


def _ingest(store: Store, tmp_path: Path, platform: str, author: str) -> None:
    path = tmp_path / f"{platform}.jsonl"
    path.write_text(json.dumps({"id": f"{platform}-1", "author": author, "text": "hello", "platform": platform,
                                "created_at": "2026-01-01T00:00:00Z"}) + "\n")
    store.ingest(path, understand=False)


def test_names_ids_handles_and_platform_ids(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "forum", "ana")
    _ingest(store, tmp_path, "board", "ana")
    _ingest(store, tmp_path, "forum", "ben")
    assert store.account("@ben")[:2] == ("forum", "ben")
    assert store.account("ana", platform="board")[:2] == ("board", "ana")
    assert store.account("board:ana")[:2] == ("board", "ana")
    with pytest.raises(StoreError, match="ambiguous"):
        store.account("ana")
    with pytest.raises(NoSuchAccount):
        store.account("@nobody")


def _tweet(post: str, day: str, handle: str) -> str:
    """An X API v2 line: a post by account 42, seen with ``handle`` on ``day``."""
    return json.dumps({"data": {"id": post, "text": "hi", "author_id": "42", "created_at": f"{day}T00:00:00Z"},
                       "includes": {"users": [{"id": "42", "username": handle, "name": "Joe"}]}}) + "\n"


def test_accounts_are_found_through_indexes(store: Store, tmp_path: Path) -> None:
    indexes = {r[0] for r in store.query("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'accounts'")}
    assert indexes == {"accounts_by_id", "accounts_by_handle"}
    path = tmp_path / "x.jsonl"
    path.write_text(_tweet("1", "2026-01-01", "JoesPlumbing"))
    store.ingest(path, understand=False)
    assert store.account("42")[:3] == ("x", "42", "JoesPlumbing")
    assert store.account("@joesplumbing")[:2] == ("x", "42")  # handles match case aside
    # a sighting that renames the handle moves it in the index too
    path.write_text(_tweet("2", "2026-02-01", "JoesHeating"))
    store.ingest(path, understand=False)
    assert store.account("@joesheating")[:2] == ("x", "42")
    with pytest.raises(NoSuchAccount):
        store.account("@joesplumbing")


def test_state_is_read_every_time_unless_the_store_is_read_only(tmp_path: Path) -> None:
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    path = tmp_path / "s.duckdb"
    with Store(path) as writable:
        assert [writable.state("k", read) for _ in range(3)] == [1, 2, 3]
    reads.clear()
    with Store(path, read_only=True) as frozen:  # nothing can write it while it is open
        assert [frozen.state("k", read) for _ in range(3)] == [1, 1, 1]
        assert frozen.state("other", read) == 2
