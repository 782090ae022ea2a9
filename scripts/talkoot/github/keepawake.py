"""`talkoot keep-awake`: turns the scheduled workflows back on after GitHub disabled them.

GitHub disables a public repository's scheduled workflows after 60 days without activity
in the repository (their state becomes `disabled_inactivity`), and a disabled workflow runs
for none of its triggers. So the schedules live in workflows of their own, and the workflows
that run on pushes and issue events run this command in a job of its own (the only one with
`permissions: actions: write`): it lists the repository's workflows and enables each one
that GitHub disabled for inactivity. A workflow that someone disabled by hand
(`disabled_manually`) is left as it is.

github3.py 4.0.1 has no workflows API, so the calls go through the repository's session
(the retrying one of `talkoot.github`, wrapped by github3 so that transport failures are
github3 errors) to the repository's URL: `GET {repo}/actions/workflows` and
`PUT {repo}/actions/workflows/{id}/enable` (204).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from github3 import exceptions as gh_errors

from talkoot.github.session import GitHubError, Repo, Sleep, describe_error, with_repo

log = logging.getLogger("talkoot.keepawake")

#: The state GitHub gives a scheduled workflow after 60 days without repository activity.
DISABLED_INACTIVITY = "disabled_inactivity"
_STATES = {
    "active": "käytössä",
    DISABLED_INACTIVITY: (
        "GitHub on pysäyttänyt sen, koska repositoriossa ei ole ollut toimintaa 60 päivään"
    ),
    "disabled_manually": "poistettu käytöstä käsin; jätetään ennalleen",
    "disabled_fork": "poistettu käytöstä, koska repositorio on fork; jätetään ennalleen",
    "deleted": "poistettu",
}


@dataclass(frozen=True)
class Workflow:
    id: int
    name: str
    path: str
    state: str

    @property
    def file(self) -> str:
        return PurePosixPath(self.path).name

    def __str__(self) -> str:
        return f"{self.name} ({self.file})"


def _workflows_url(repo: Repo) -> str:
    repository = repo.repository
    return str(repository._build_url("actions", "workflows", base_url=repository._api))


def _checked(response: Any, status: int) -> Any:
    if response.status_code != status:
        raise gh_errors.error_for(response)
    return response


def list_workflows(repo: Repo) -> list[Workflow]:
    """Every workflow of the repository with its state, all pages."""
    url: str | None = _workflows_url(repo)
    params: dict[str, Any] | None = {"per_page": 100}
    found: list[Workflow] = []
    while url:
        response = _checked(repo.repository._get(url, params=params), 200)
        found += [
            Workflow(int(w["id"]), str(w["name"]), str(w["path"]), str(w["state"]))
            for w in response.json()["workflows"]
        ]
        url = response.links.get("next", {}).get("url")
        params = None  # the next link carries them
    return found


def _state_of(repo: Repo, workflow: Workflow) -> str | None:
    response = repo.repository._get(f"{_workflows_url(repo)}/{workflow.id}")
    return str(_checked(response, 200).json()["state"])


def enable(repo: Repo, workflow: Workflow) -> None:
    """Enable `workflow`. A PUT, so an ambiguous failure is checked before a retry."""
    url = f"{_workflows_url(repo)}/{workflow.id}/enable"

    def write() -> bool:
        response = repo.repository._put(url)
        if response.status_code == 403 and "rate limit" not in response.text.lower():
            raise GitHubError(
                f"Työnkulkua {workflow} ei voitu ottaa uudelleen käyttöön: GitHub vastasi 403"
                f" ({describe_error(gh_errors.error_for(response))}). Työnkulun jobilla pitää"
                " olla oikeus `permissions: actions: write`."
            )
        _checked(response, 204)
        return True

    def done() -> bool | None:
        return True if _state_of(repo, workflow) == "active" else None

    repo._write(f"työnkulku {workflow.file}", write, done)


def keep_awake(repo: Repo) -> list[Workflow]:
    """Enable every workflow GitHub disabled for inactivity; returns those enabled."""
    enabled = []
    for workflow in list_workflows(repo):
        state = _STATES.get(workflow.state, workflow.state)
        if workflow.state != DISABLED_INACTIVITY:
            log.info("Työnkulku %s: %s.", workflow, state)
            continue
        log.warning("Työnkulku %s: %s.", workflow, state)
        enable(repo, workflow)
        log.warning("Työnkulku %s otettiin uudelleen käyttöön.", workflow)
        enabled.append(workflow)
    if not enabled:
        log.info("Yhtään työnkulkua ei ollut pysäytetty toiminnan puutteen vuoksi.")
    return enabled


def run_keep_awake(
    env: Mapping[str, str] | None = None,
    *,
    sleep: Sleep | None = None,
    clock_fn: Callable[[], float] = time.time,
) -> int:
    """`talkoot keep-awake`: reads `GITHUB_TOKEN`, `GITHUB_REPOSITORY`, `GITHUB_API_URL`."""
    return with_repo(keep_awake, env, sleep=sleep, clock_fn=clock_fn)
