"""The ``refer`` command line, run in-process against real stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import plain_lines
from referral_engine.cli import app

runner = CliRunner()


@pytest.fixture
def community(tmp_path: Path) -> Path:
    path = tmp_path / "community.jsonl"
    path.write_text("\n".join(plain_lines(120, bad_every=50)) + "\n")
    return path


def test_ingest_then_stats_json(tmp_path: Path, community: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(app, ["ingest", str(community), "--db", db])
    assert result.exit_code == 0, result.output
    assert "quarantined" in result.output
    stats = runner.invoke(app, ["stats", "--db", db, "--json"])
    assert stats.exit_code == 0
    data = json.loads(stats.stdout)
    assert {"posts", "accounts", "interactions", "quarantined"} <= set(data)
    assert data["posts"] == 120 and data["quarantined"] == 2


def test_ingest_json_summary_and_env_db(tmp_path: Path, community: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERRAL_ENGINE_DB", str(tmp_path / "env.duckdb"))
    result = runner.invoke(app, ["ingest", str(community), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"]["posts"] == 120
    assert summary["sources"][0]["format"] == "plain-jsonl"
    assert (tmp_path / "env.duckdb").exists()


def test_clean_errors_and_exit_codes(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.jsonl"), "--db", db])
    assert missing.exit_code == 1
    assert "nope.jsonl: no such file" in missing.output and "Traceback" not in missing.output
    odd = tmp_path / "odd.txt"
    odd.write_text("hello\n")
    unknown = runner.invoke(app, ["ingest", str(odd), "--db", db])
    assert unknown.exit_code == 1 and "unknown format" in unknown.output
    bad_format = runner.invoke(app, ["ingest", str(odd), "--db", db, "--format", "nonsense"])
    assert bad_format.exit_code == 1 and "unknown format 'nonsense'" in bad_format.output
    nobody = runner.invoke(app, ["forget", "@nobody", "--db", db])
    assert nobody.exit_code == 3 and "no account" in nobody.output


def test_export_parquet_and_csv(tmp_path: Path, community: Path) -> None:
    import pyarrow.parquet as pq

    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(community), "--db", db])
    parquet = tmp_path / "posts.parquet"
    result = runner.invoke(app, ["export", "posts", "--format", "parquet", "-o", str(parquet), "--db", db])
    assert result.exit_code == 0, result.output
    assert pq.read_table(parquet).num_rows == 120
    csv_path = tmp_path / "q.csv"
    result = runner.invoke(app, ["export", "quarantine", "--format", "csv", "-o", str(csv_path), "--db", db])
    assert result.exit_code == 0
    assert csv_path.read_text().count("\n") == 3  # header + two bad lines
    wrong = runner.invoke(app, ["export", "secrets", "--db", db])
    assert wrong.exit_code == 1 and "no table 'secrets'" in wrong.output


def test_forget_command(tmp_path: Path, community: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(community), "--db", db])
    result = runner.invoke(app, ["forget", "user5", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["erased"]["accounts"] == 1


def test_every_command_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__, command.name
        name = command.name or command.callback.__name__
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_demo_builds_its_own_store_and_shows_the_first_look(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    look = json.loads(result.stdout)
    assert look["totals"]["posts"] > 5000 and look["totals"]["quarantined"] == 0
    assert look["recent_requests"] and look["most_recommended"]
    example = look["example"]
    assert example["request"]["decision"] == "request" and example["request"]["cues"]
    assert example["answers"] and all(a["target"] for a in example["answers"])
    assert (tmp_path / "demo-data" / "community.jsonl").exists()
    again = runner.invoke(app, ["demo", "--db", str(db), "--json"])  # rebuilt, not appended
    assert json.loads(again.stdout)["totals"] == look["totals"]
    shown = runner.invoke(app, ["demo", "--db", str(db)])
    assert "Who the community vouches for" in shown.stdout and "One request, explained" in shown.stdout
