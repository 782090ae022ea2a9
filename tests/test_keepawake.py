"""`talkoot keep-awake` end to end: github3.py's session over real HTTP to the fake GitHub's
Actions workflows API on 127.0.0.1, with tiny timeouts and a recording sleep."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakegithub import FakeGitHub
from talkoot.cli.main import main as cli_main
from talkoot.github import session as talkoot_github

DAILY = ".github/workflows/ajastettu-julkaisu.yml"
SYNC = ".github/workflows/ajastettu-synkronointi.yml"
SITE = ".github/workflows/site.yml"
OWN = ".github/workflows/oma.yml"
ENABLE = r"/actions/workflows/[^/]+/enable$"


@pytest.fixture
def fake(fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    for key, value in fake_github.env(None, "push").items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("TALKOOT_GITHUB_TIMEOUT", "1")
    monkeypatch.setenv("TALKOOT_GITHUB_RETRY_DELAY", "0.01")
    monkeypatch.setenv("TALKOOT_GITHUB_ATTEMPTS", "3")
    monkeypatch.setattr(talkoot_github, "default_sleep", lambda seconds: None)
    fake_github.add_workflow(SITE, "Sivusto")
    fake_github.add_workflow(DAILY, "Ajastettu julkaisu", "disabled_inactivity")
    fake_github.add_workflow(SYNC, "Ajastettu täsmäytys", "disabled_inactivity")
    fake_github.add_workflow(OWN, "Oma kokeilu", "disabled_manually")
    fake_github.clear_requests()
    return fake_github


def test_workflows_disabled_for_inactivity_are_enabled(
    fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["keep-awake"]) == 0
    assert fake.workflows() == {
        SITE: "active",
        DAILY: "active",
        SYNC: "active",
        OWN: "disabled_manually",  # someone chose that: left alone
    }
    enabled = [r.path for r in fake.calls("PUT", ENABLE)]
    assert enabled == [
        f"/repos/{fake.full_name}/actions/workflows/{n}/enable" for n in (98_000_002, 98_000_003)
    ]
    err = capsys.readouterr().err
    assert (
        "Työnkulku Ajastettu julkaisu (ajastettu-julkaisu.yml) otettiin uudelleen käyttöön." in err
    )
    assert "Työnkulku Oma kokeilu (oma.yml): poistettu käytöstä käsin; jätetään ennalleen." in err
    assert "GitHub API -kutsuja: 4" in err  # the repository, the list and two enables

    before = fake.snapshot()
    fake.clear_requests()
    assert cli_main(["keep-awake"]) == 0
    assert fake.writes() == [] and fake.snapshot() == before
    err = capsys.readouterr().err
    assert "Yhtään työnkulkua ei ollut pysäytetty toiminnan puutteen vuoksi." in err
    assert "GitHub API -kutsuja: 2" in err


@pytest.mark.fakegithub(actions_permission="read")
def test_without_actions_write_the_run_fails_clearly(
    fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["keep-awake"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Työnkulkua Ajastettu julkaisu (ajastettu-julkaisu.yml) ei voitu ottaa" in err
    assert "-> 403 Resource not accessible by integration" in err
    assert "`permissions: actions: write`" in err
    assert fake.workflows()[DAILY] == "disabled_inactivity"


def test_a_lost_answer_is_checked_before_enabling_again(fake: FakeGitHub) -> None:
    fake.fail_server_error("PUT", ENABLE, apply=True)  # enabled, but the answer is a 502
    fake.fail_timeout("PUT", ENABLE, hold=2.0)  # the next one never reaches the state
    assert cli_main(["keep-awake"]) == 0
    assert fake.workflows()[DAILY] == fake.workflows()[SYNC] == "active"
    puts = [(r.path.split("/")[-2], r.fault) for r in fake.calls("PUT", ENABLE)]
    assert puts == [
        ("98000002", "server_error"),  # the first one: checked, found active, not sent again
        ("98000003", "timeout"),
        ("98000003", None),  # checked, still disabled, so sent again
    ]


def test_every_page_of_workflows_is_read(fake: FakeGitHub) -> None:
    for n in range(100):
        fake.add_workflow(f".github/workflows/muu-{n:03}.yml", f"Muu {n}")
    fake.add_workflow(".github/workflows/viimeinen.yml", "Viimeinen", "disabled_inactivity")
    assert cli_main(["keep-awake"]) == 0
    assert set(fake.workflows().values()) == {"active", "disabled_manually"}
    assert len(fake.calls("GET", r"/actions/workflows$")) == 2


def test_the_console_command_runs_as_a_subprocess(fake: FakeGitHub, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("talkoot")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    env.update(fake.env(None, "issues"))
    result = subprocess.run(
        [str(command), "keep-awake"],
        cwd=tmp_path,  # needs no project files
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Työnkulku Ajastettu täsmäytys (ajastettu-synkronointi.yml): GitHub on pysäyttänyt" in (
        result.stderr
    )
    assert fake.workflows()[SYNC] == "active"
