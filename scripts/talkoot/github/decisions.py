"""Who may decide on a proposal: every `hyväksytty` and `hylätty` label is checked against
the role of the account that added it.

The account is the sender of the `labeled` event when the run handles that event, and
otherwise (a sync, an edit, a run whose pending `labeled` run was cancelled) the actor
of the issue's last `labeled` event for that label. A label whose adder cannot be found
or has no editor role (triage, write, maintain, admin) is removed: it never counts.
GitHub Apps have no role in a repository; an App the city uses to decide is listed in
`TALKOOT_APPROVER_APPS` (comma- or space-separated App names, e.g. `kaupungin-botti`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from talkoot.github import rest
from talkoot.github.session import Repo
from talkoot.vocabulary import names

log = logging.getLogger("talkoot.github")

APPROVER_APPS_ENV = "TALKOOT_APPROVER_APPS"
#: Labels whose adding is a decision by the editors.
DECISION_LABELS = frozenset({names.APPROVED_LABEL, names.REJECTED_LABEL})


def approver_apps(env: Mapping[str, str]) -> frozenset[str]:
    """The App logins (`<name>[bot]`, lower case) listed in `TALKOOT_APPROVER_APPS`."""
    raw = env.get(APPROVER_APPS_ENV, "")
    found = (item.strip().lower() for item in raw.replace(",", " ").split())
    return frozenset(item if item.endswith("[bot]") else f"{item}[bot]" for item in found if item)


def label_actor(repo: Repo, number: int, label: str) -> str | None:
    """The login that last added `label` to issue `number` (its events), or None."""
    actor = None
    for event in rest.pages(repo, rest.url(repo, "issues", str(number), "events")):
        if event.get("event") != "labeled":
            continue
        if str((event.get("label") or {}).get("name") or "").lower() == label.lower():
            actor = (event.get("actor") or {}).get("login")
    return str(actor) if actor else None


class Decisions:
    """Checks the decision labels of proposal issues, caching roles for one run."""

    def __init__(self, repo: Repo, apps: frozenset[str] = frozenset()) -> None:
        self.repo = repo
        self.apps = apps
        self._allowed: dict[str, bool] = {}

    def may_decide(self, login: str) -> bool:
        key = login.lower()
        if key not in self._allowed:
            self._allowed[key] = key in self.apps or self.repo.is_editor(login)
        return self._allowed[key]

    def refuse_unauthorised(self, issue: Any, known: Mapping[str, str]) -> list[str]:
        """Remove every decision label that its adder had no right to add; returns them.

        `known` maps a label to the sender of the `labeled` event this run handles.
        """
        refused = []
        for label in sorted(self.repo.labels_of(issue) & DECISION_LABELS):
            actor = known.get(label) or label_actor(self.repo, int(issue.number), label)
            if actor is not None and self.may_decide(actor):
                continue
            log.info("#%d: tunnisteen %s lisäsi %s ilman oikeutta", issue.number, label, actor)
            self.repo.remove_label(issue, label)
            refused.append(label)
        return refused
