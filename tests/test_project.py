"""The project's promises about itself: README commands, CI, public API."""

from __future__ import annotations

import re
from pathlib import Path

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

    public = {
        name for name, value in vars(referral_engine).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert public == set(referral_engine.__all__) - {"__version__"}


def test_every_category_of_the_taxonomy_is_documented() -> None:
    from referral_engine.understand.taxonomy import CATEGORIES

    text = (ROOT / "docs" / "understanding.md").read_text()
    assert all(f"`{name}`" in text for name in CATEGORIES if name != "other")
