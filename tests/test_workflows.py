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

# The official actions and the commits their release tags point to (actions-pins.md).
PINS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
    "actions/create-github-app-token": ("1b10c78c7865c340bc4f6099eb2f838309f1e8c3", "v3.1.1"),
}
WRITE_SCOPES_ALLOWED = {
    "submissions.yml": {"contents", "issues", "pull-requests"},
    "site.yml": {"pages", "id-token"},
    "poista-ilmoittautumiset.yml": set(),
}


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); BaseLoader keeps every key a string.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows() -> None:
    assert {path.name for path in FILES} == {
        "submissions.yml",
        "site.yml",
        "poista-ilmoittautumiset.yml",
    }


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "json", str(WORKFLOWS)],
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


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines, "no actions used"
    for line in lines:
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
        assert "timeout-minutes" in job, f"{name} has no timeout"


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
    assert set(workflow["on"]["issues"]["types"]) == {
        "opened",
        "edited",
        "labeled",
        "closed",
        "reopened",
    }
    assert {"schedule", "workflow_dispatch"} <= set(workflow["on"])
    ingest = workflow["jobs"]["ingest"]
    assert "github.event.issue.number" in ingest["concurrency"]["group"]
    assert ingest["concurrency"]["cancel-in-progress"] == "false"
    for label in ("ehdotus", "ilmoittautuminen"):
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in ingest["if"]
    sync = workflow["jobs"]["sync"]
    assert sync["concurrency"]["group"] == "submissions-sync"
    commands = {step.get("run") for job in (ingest, sync) for step in job["steps"]}
    assert {"talkoot ingest", "talkoot sync"} <= commands
    for job in (ingest, sync):
        for step in job["steps"]:
            if step.get("run", "").startswith("talkoot "):
                token = step["env"]["GITHUB_TOKEN"]
                assert token == "${{ steps.app-token.outputs.token || github.token }}"


def test_site_deploys_to_pages() -> None:
    workflow = load(WORKFLOWS / "site.yml")
    assert {"pull_request", "push", "schedule", "workflow_dispatch"} <= set(workflow["on"])
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert "make test" in {step.get("run") for step in jobs["check"]["steps"]}
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    upload = [s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site"


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
