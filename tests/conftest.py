"""Shared fixtures: real stores on disk, and the shared real data beside the repository."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from referral_engine import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REFERRAL_ENGINE_SHARED", ROOT.parent / "shared")) / "data"
FORMATS = SHARED / "formats"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store in a real DuckDB file."""
    with Store(tmp_path / "test.duckdb") as fresh:
        yield fresh


def shared(*parts: str) -> Path:
    """A path under ../shared/data; skips the test when the shared data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path
