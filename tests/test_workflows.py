"""The GitHub workflows are valid, pinned, least-privilege and free of script injection."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = ROOT / ".venv" / "bin"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"

# The official actions and the commits their release tags point to (actions-pins.md).
PINS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
    "actions/create-github-app-token": ("1b10c78c7865c340bc4f6099eb2f838309f1e8c3", "v3.1.1"),
}
PAGES = {"pages", "id-token"}
SUBMISSIONS = {"contents", "issues", "pull-requests"}
WRITE_SCOPES_ALLOWED = {
    "vuoden-tyot.yml": {"contents", "pull-requests"},
    "submissions.yml": SUBMISSIONS | {"actions"},
    "ajastettu-synkronointi.yml": SUBMISSIONS,
    "site.yml": PAGES | {"actions"},
    "julkaisu.yml": PAGES,
    "ajastettu-julkaisu.yml": PAGES,
    "ajastukset-kayntiin.yml": {"actions"},
    "poista-ilmoittautumiset.yml": set(),
}
# Local reusable workflows are called with GitHub's self-repository syntax.
LOCAL = "$/.github/workflows/"
KEEP_AWAKE = LOCAL + "ajastukset-kayntiin.yml"


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); BaseLoader keeps every key a string.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow["on"]
    return set(on) if isinstance(on, dict) else {on}


def called(job: dict[str, Any]) -> dict[str, Any] | None:
    """The local reusable workflow a job calls, or None."""
    uses = job.get("uses")
    if uses is None:
        return None
    assert uses.startswith(LOCAL), uses
    return load(WORKFLOWS / uses.removeprefix(LOCAL))


def test_there_are_workflows() -> None:
    assert {path.name for path in FILES} == set(WRITE_SCOPES_ALLOWED)


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_finds_nothing(persona: str) -> None:
    # The whole .github folder: the workflows and dependabot.yml.
    result = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--no-progress",
            "--persona",
            persona,
            "--format",
            "json",
            str(ROOT / ".github"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # 0: no findings; 10-14: findings by highest severity; 1 and others: zizmor failed.
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"]
)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema(path: Path, schema: str) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_is_valid() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(DEPENDABOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_updates_weekly_and_leaves_deliberate_pins() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
    ignored = {
        entry["dependency-name"]
        for entry in updates["pip"]["ignore"]
        if "update-types" not in entry and "versions" not in entry
    }
    assert {"zensical", "github3.py"} <= ignored


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines, "no actions used"
    for line in lines:
        if line.startswith(f"uses: {LOCAL}"):  # a reusable workflow of this repository
            assert (WORKFLOWS / line.removeprefix(f"uses: {LOCAL}")).is_file(), line
            continue
        match = re.fullmatch(r"(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (\S+)", line)
        assert match, f"{path.name}: not pinned to a commit with its tag: {line}"
        action, sha, tag = match.groups()
        assert PINS.get(action) == (sha, tag), f"{path.name}: {line}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    workflow = load(path)
    top = workflow.get("permissions")
    assert (
        top == {}
        or top == "read-all"
        or (isinstance(top, dict) and set(top.values()) <= {"read", "none"})
    ), f"top-level permissions: {top!r}"
    allowed = WRITE_SCOPES_ALLOWED[path.name]
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{name} declares no permissions of its own"
        written = {scope for scope, level in permissions.items() if level == "write"}
        assert written <= allowed, f"{name}: {written - allowed}"
        # A job that calls a reusable workflow has no timeout; the called jobs have one.
        assert "timeout-minutes" in job or "uses" in job, f"{name} has no timeout"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_callers_grant_what_called_jobs_need(path: Path) -> None:
    """GitHub refuses to start a called job that asks for more than its caller has."""
    rank = {"none": 0, "read": 1, "write": 2}
    for name, job in load(path)["jobs"].items():
        workflow = called(job)
        if workflow is None:
            continue
        assert "workflow_call" in triggers(workflow)
        granted = job["permissions"]
        for inner_name, inner in workflow["jobs"].items():
            for scope, level in inner["permissions"].items():
                have = granted.get(scope, "none")
                assert rank[have] >= rank[level], f"{name} -> {inner_name}: {scope}: {level}"


def test_actions_write_only_to_keep_awake() -> None:
    """Only the keep-awake job may change workflows, and it may write nothing else."""
    for path in FILES:
        for name, job in load(path)["jobs"].items():
            permissions = job["permissions"]
            if permissions.get("actions") != "write":
                continue
            assert path.name == "ajastukset-kayntiin.yml" or job.get("uses") == KEEP_AWAKE, (
                f"{path.name}: {name}"
            )
            assert permissions == {"actions": "write", "contents": "read"}, f"{path.name}: {name}"
    keep_awake = load(WORKFLOWS / "ajastukset-kayntiin.yml")["jobs"]["keep-awake"]
    commands = [step["run"] for step in keep_awake["steps"] if "run" in step]
    assert commands[-1] == "talkoot keep-awake"
    assert keep_awake["steps"][-1]["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}


def test_schedules_have_workflows_of_their_own() -> None:
    """A workflow with a schedule that GitHub disabled for inactivity runs for none of its
    triggers, so schedules never share a workflow with pushes or issue events, and the
    workflows of pushes and issue events enable the scheduled ones again."""
    scheduled = set()
    for path in FILES:
        workflow = load(path)
        on = triggers(workflow)
        if "schedule" in on:
            assert on == {"schedule", "workflow_dispatch"}, path.name
            scheduled.add(path.name)
        if on & {"push", "issues"}:
            callers = [job for job in workflow["jobs"].values() if job.get("uses") == KEEP_AWAKE]
            assert len(callers) == 1, f"{path.name} does not keep the schedules awake"
            # It runs on every push and issue event: at most pull requests are left out.
            assert callers[0].get("if") in (None, "github.event_name != 'pull_request'")
    assert scheduled == {"ajastettu-julkaisu.yml", "ajastettu-synkronointi.yml"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_event_data_in_run(path: Path) -> None:
    for step in steps(load(path)):
        script = step.get("run", "")
        assert not re.search(r"\$\{\{[^}]*github\.event", script), f"{path.name}: {script}"
        assert "${{" not in script, f"{path.name}: pass values through env: {script}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path: Path) -> None:
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") == "false"


def test_submissions_run_one_at_a_time_per_issue() -> None:
    workflow = load(WORKFLOWS / "submissions.yml")
    assert triggers(workflow) == {"issues"}
    assert set(workflow["on"]["issues"]["types"]) == {
        "opened",
        "edited",
        "labeled",
        "closed",
        "reopened",
    }
    ingest = workflow["jobs"]["ingest"]
    assert "github.event.issue.number" in ingest["concurrency"]["group"]
    assert ingest["concurrency"]["cancel-in-progress"] == "false"
    for label in ("ehdotus", "ilmoittautuminen"):
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in ingest["if"]
    sync = load(WORKFLOWS / "ajastettu-synkronointi.yml")["jobs"]["sync"]
    assert sync["concurrency"]["group"] == "submissions-sync"
    commands = {step.get("run") for job in (ingest, sync) for step in job["steps"]}
    assert {"talkoot ingest", "talkoot sync"} <= commands
    for job in (ingest, sync):
        for step in job["steps"]:
            if step.get("run", "").startswith("talkoot "):
                token = step["env"]["GITHUB_TOKEN"]
                assert token == "${{ steps.app-token.outputs.token || github.token }}"


def test_site_deploys_to_pages() -> None:
    site = load(WORKFLOWS / "site.yml")
    assert triggers(site) == {"pull_request", "push", "workflow_dispatch"}
    assert site["on"]["push"]["branches"] == ["main"]
    assert "make test" in {step.get("run") for step in site["jobs"]["check"]["steps"]}
    daily = load(WORKFLOWS / "ajastettu-julkaisu.yml")
    assert daily["on"]["schedule"] == [{"cron": "5 6 * * *"}]
    for caller in (site["jobs"]["publish"], daily["jobs"]["publish"]):
        assert caller["uses"] == LOCAL + "julkaisu.yml"
    jobs = load(WORKFLOWS / "julkaisu.yml")["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    upload = [s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site"


def _chore_step(name: str) -> str:
    workflow = load(WORKFLOWS / "vuoden-tyot.yml")
    return next(s["run"] for s in steps(workflow) if s.get("name") == name)


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    import shutil

    for part in ("content", "schemas", ".github", "docs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _run_chore(project: Path, task: str, year: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "TEHTAVA": task, "VUOSI": year, "HOME": str(project)}
    return subprocess.run(
        ["bash", "-e", "-c", _chore_step("Tee muutos")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_yearly_chore_makes_the_next_edition(project_copy: Path) -> None:
    result = _run_chore(project_copy, "Uusi vuosi", "2024")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project_copy / "content" / "events" / "2024.yml").is_file()


@pytest.mark.parametrize("year", ["", "24", "2024; touch pwned", "$(touch pwned)", "2024\n"])
def test_the_yearly_chore_refuses_a_year_that_is_not_one(project_copy: Path, year: str) -> None:
    result = _run_chore(project_copy, "Uusi vuosi", year)
    assert result.returncode == 1
    assert "Anna uuden tapahtuman vuosi neljällä numerolla" in result.stdout
    assert not (project_copy / "pwned").exists()
    assert not list((project_copy / "content" / "events").glob("2024*"))


def test_registrations_are_purged_by_hand_with_the_admin_token() -> None:
    workflow = load(WORKFLOWS / "poista-ilmoittautumiset.yml")
    assert set(workflow["on"]) == {"workflow_dispatch"}
    inputs = workflow["on"]["workflow_dispatch"]["inputs"]
    assert inputs["vuosi"]["required"] == "true"
    assert inputs["poista"]["default"] == "false"  # a dry run unless asked
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["concurrency"]["group"] == "poista-ilmoittautumiset"
    (step,) = [s for s in job["steps"] if "talkoot purge-registrations" in s.get("run", "")]
    assert step["env"]["GITHUB_TOKEN"] == "${{ secrets.TALKOOT_ADMIN_TOKEN }}"
    assert step["env"]["VUOSI"] == "${{ inputs.vuosi }}"
