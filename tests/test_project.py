"""The project's promises about itself: README commands, CI, public API."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import referral_engine

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_exactly_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    install, tests = blocks[0].strip(), blocks[1].strip()
    assert "refer demo" in install and "pip install" in install
    assert "pytest" in tests
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert install in ci and tests in ci


def test_public_api_is_exactly_all() -> None:
    import types

    loaded = {name: getattr(referral_engine, name) for name in referral_engine.__all__}  # each one resolves
    assert loaded["Store"].__module__ == "referral_engine.store"
    public = {
        name for name in dir(referral_engine)
        if not name.startswith("_") and not isinstance(getattr(referral_engine, name), types.ModuleType)
        and name != "annotations"
    }
    assert public == set(referral_engine.__all__) - {"__version__"}
    with pytest.raises(AttributeError, match="no attribute 'Stor'"):
        referral_engine.Stor  # noqa: B018


@pytest.mark.parametrize("code", [
    "import referral_engine",
    "from referral_engine.cli.app import app",  # what `refer --help` and `refer classify` load
    "import referral_engine.understand",
])
def test_light_imports_leave_the_heavy_libraries_unloaded(code: str) -> None:
    """The package and the CLI load DuckDB, Arrow and scipy only for the commands that use them."""
    probe = code + "; import sys; print(sorted({'duckdb', 'pyarrow', 'scipy'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_category_of_the_taxonomy_is_documented() -> None:
    from referral_engine.understand.taxonomy import CATEGORIES

    text = (ROOT / "docs" / "understanding.md").read_text()
    assert all(f"`{name}`" in text for name in CATEGORIES if name != "other")
