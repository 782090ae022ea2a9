"""The `talkoot` command line, run as editors run it."""

from __future__ import annotations

from pathlib import Path

from conftest import run_talkoot as talkoot


def test_validate_shipped_content() -> None:
    result = talkoot("validate")
    assert result.returncode == 0, result.stderr
    assert "Sisältö on kunnossa" in result.stdout


def test_validate_reports_every_problem_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "2023.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/event.schema.json\nyear: 2023\n",
        encoding="utf-8",
    )
    result = talkoot("validate", "--content", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.endswith("2023.yml:2: name: puuttuu") for line in lines)
    assert any(line.endswith("2023.yml:2: place: puuttuu") for line in lines)
    assert lines[-1].startswith("Sisällössä on ")


def test_committed_schemas_match_the_model() -> None:
    result = talkoot("schemas", "--check")
    assert result.returncode == 0, result.stderr


def test_committed_forms_match_the_current_edition() -> None:
    result = talkoot("forms", "--check")
    assert result.returncode == 0, result.stderr


def test_schema_drift_is_caught(tmp_path: Path) -> None:
    from talkoot.content.schemas import write_or_check

    assert write_or_check(tmp_path, check=False)
    (tmp_path / "event.schema.json").write_text("{}", encoding="utf-8")
    assert write_or_check(tmp_path, check=True) == [
        f"{tmp_path / 'event.schema.json'}: ei vastaa sisältömallia. Aja `make schemas`."
    ]


def test_demo_content_command_writes_valid_content(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = talkoot("demo-content", "--out", str(out), "--editions", "2", "--proposals", "15")
    assert result.returncode == 0, result.stderr
    assert talkoot("validate", "--content", str(out)).returncode == 0
    assert len(list((out / "proposals").rglob("*.yml"))) == 15


def test_usage_errors_are_finnish() -> None:
    result = talkoot("demo-content")
    assert result.returncode == 2
    assert "virhe: nämä puuttuvat: --out" in result.stderr
    assert "käyttö: talkoot demo-content" in result.stderr
    assert "tuntematon komento 'bogus'" in talkoot("bogus").stderr
