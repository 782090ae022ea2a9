"""`talkoot validate` warns about `publish_from` dates more than 60 days after the latest
commit (GitHub disables scheduled workflows after 60 quiet days), and only with git."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_talkoot as talkoot
from talkoot.cli.inactivity import INACTIVITY_DAYS, last_commit_date, late_embargoes
from talkoot.content.demo import embargo_day, write_demo_content
from talkoot.content.load import load_dir

# The demo content's newest edition is 2025; its embargo is the January event after it.
EMBARGO = embargo_day(2025)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Demo content in a folder that is no git repository (git looks no further up)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "project"
    write_demo_content(root / "content", editions=2, proposals=30, seed=7)
    return root


def commit(root: Path, day: dt.date) -> None:
    stamp = f"{day.isoformat()}T12:00:00+02:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=Toimittaja", "-c", "user.email=t@example.invalid", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", "-C", str(root), *args], env=env, check=True, timeout=60)


def test_late_embargoes_are_warned_about_with_their_lines(project: Path) -> None:
    commit(project, EMBARGO - dt.timedelta(days=INACTIVITY_DAYS + 1))
    result = talkoot("validate", "--content", "content", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Sisältö on kunnossa" in result.stdout
    lines = result.stderr.splitlines()
    warning = (
        f"varoitus: julkaisupäivä 15.1.2026 on yli {INACTIVITY_DAYS} päivää viimeisimmän "
        "commitin (15.11.2025) jälkeen"
    )
    package = next(line for line in lines if line.startswith("content/packages/"))
    assert package.startswith("content/packages/2025/tapahtumat.yml:")
    assert package.endswith(f": publish_from: {warning}")
    line = int(package.split(":")[1])
    text = (project / "content/packages/2025/tapahtumat.yml").read_text(encoding="utf-8")
    assert text.splitlines()[line - 1].startswith("publish_from: ")
    assert any(
        line.startswith("content/proposals/2025/") and f".publish_from: {warning}" in line
        for line in lines
    )
    assert lines[-1].startswith("GitHub pysäyttää ajastetut työnkulut")
    assert "toimittajan oppaasta" in lines[-1]


def test_embargoes_within_60_days_of_the_latest_commit_are_fine(project: Path) -> None:
    commit(project, EMBARGO - dt.timedelta(days=INACTIVITY_DAYS))
    result = talkoot("validate", "--content", "content", cwd=project)
    assert result.returncode == 0 and result.stderr == ""


def test_silent_without_git(project: Path) -> None:
    assert last_commit_date(project / "content") is None
    result = talkoot("validate", "--content", "content", cwd=project)
    assert result.returncode == 0 and result.stderr == ""


def test_silent_without_a_git_command(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(project, EMBARGO - dt.timedelta(days=365))
    assert last_commit_date(project / "content") == EMBARGO - dt.timedelta(days=365)
    monkeypatch.setenv("PATH", str(project))  # no git on it
    assert last_commit_date(project / "content") is None


def test_every_kind_of_embargo_is_checked(project: Path) -> None:
    directory = project / "content"
    package = directory / "packages/2024/osaaminen.yml"
    text = package.read_text(encoding="utf-8")
    package.write_text(
        text.replace(
            "    text: Kokonaisuus jatkuu seuraavana vuonna.\n",
            "    text: Kokonaisuus jatkuu seuraavana vuonna.\n    publish_from: 2026-02-01\n",
        ),
        encoding="utf-8",
    )
    content = load_dir(directory)
    warnings = late_embargoes(content, directory, EMBARGO - dt.timedelta(days=61))
    fields = {(w.path.rsplit("/", 2)[-2], w.field.split(".")[0]) for w in warnings}
    assert fields == {("2024", "updates"), ("2025", "publish_from"), ("2025", "history")}
    assert late_embargoes(content, directory, EMBARGO) == []
