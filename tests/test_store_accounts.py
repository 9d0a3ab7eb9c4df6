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
