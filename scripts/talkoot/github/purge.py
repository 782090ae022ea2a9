"""`talkoot purge-registrations YEAR`: delete an edition's registration issues once the
retention time is over (`talkoot.submissions.retention`).

Without `--yes` it only lists them. Deleting goes through GitHub's GraphQL mutation
`deleteIssue` (REST has none), at `GITHUB_GRAPHQL_URL` as Actions sets it, or
`{GITHUB_API_URL}/graphql`; it needs a token of a repository admin. Only issues with
the registration label (and not the proposal label) created for that edition go.
Registrations are frozen once the event is over, so the published figures stay.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Mapping

from github3 import exceptions as gh_errors

from talkoot.content import clock
from talkoot.content.load import Content
from talkoot.content.project import Project, find_project
from talkoot.exceptions import TalkootError
from talkoot.github.session import GitHubError, Repo, Sleep, with_repo
from talkoot.submissions.registrations import edition_of
from talkoot.submissions.retention import retention_end
from talkoot.submissions.values import local_date
from talkoot.vocabulary import fi, names

log = logging.getLogger("talkoot.purge")

DELETE_ISSUE = (
    "mutation($id: ID!) { deleteIssue(input: {issueId: $id}) { repository { nameWithOwner } } }"
)
FORBIDDEN_MESSAGE = (
    "Pääsytunnuksella ei ole oikeutta poistaa issueita (GitHub vastasi FORBIDDEN). Issueita"
    " voi poistaa vain repositorion ylläpitäjä (admin): aja komento ylläpitäjän pääsytunnuksella"
    " (työnkulussa salaisuus TALKOOT_ADMIN_TOKEN)."
)


def graphql_url(env: Mapping[str, str]) -> str:
    given = env.get("GITHUB_GRAPHQL_URL", "").strip()
    if given:
        return given
    return (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/") + "/graphql"


def delete_issue(repo: Repo, url: str, node_id: str) -> bool:
    """Delete one issue; False if it was gone already. FORBIDDEN ends the run."""
    response = repo.gh.session.post(url, json={"query": DELETE_ISSUE, "variables": {"id": node_id}})
    if response.status_code != 200:
        raise gh_errors.error_for(response)
    errors = (response.json() or {}).get("errors") or []
    kinds = {str(error.get("type")) for error in errors if isinstance(error, dict)}
    if "FORBIDDEN" in kinds:
        raise GitHubError(FORBIDDEN_MESSAGE)
    if kinds == {"NOT_FOUND"}:
        return False
    if errors:
        first = errors[0].get("message") if isinstance(errors[0], dict) else errors[0]
        raise GitHubError(f"GitHub ei poistanut issueta: {first}")
    return True


def run_purge(
    year: int,
    *,
    yes: bool = False,
    env: Mapping[str, str] | None = None,
    sleep: Sleep | None = None,
    clock_fn: Callable[[], float] = time.time,
    project: Project | None = None,
) -> int:
    env = os.environ if env is None else env
    content = (project or find_project()).load_content()
    event = content.events.get(year)
    if event is None:
        raise TalkootError(
            f"{names.event_file(year)}: vuoden {year} tapahtumaa ei ole, joten sen"
            " ilmoittautumisia ei voi poistaa."
        )
    start = retention_end(event)
    if clock.now() < start:
        raise TalkootError(
            f"Vuoden {year} ilmoittautumisia ei voi vielä poistaa: ne säilytetään"
            f" {fi.date(start.date() - dt.timedelta(days=1))} asti"
            " (tulostilaisuuden kuukauden loppuun tai, jos sitä ei ole, seuraavan vuoden"
            f" loppuun). Aja komento {fi.date(start.date())} tai myöhemmin."
        )
    url = graphql_url(env)
    return with_repo(
        lambda repo: _purge(repo, year, content, yes=yes, url=url),
        env,
        sleep=sleep,
        clock_fn=clock_fn,
    )


def _purge(repo: Repo, year: int, content: Content, *, yes: bool, url: str) -> None:
    found = [
        issue
        for issue in repo.issues(names.REGISTRATION_LABEL)
        if names.PROPOSAL_LABEL not in repo.labels_of(issue)
        and edition_of(local_date(issue.created_at), content) == year
    ]
    for issue in found:
        log.info("#%d (avattu %s)", issue.number, fi.date(local_date(issue.created_at)))
    if not yes:
        log.info(
            "Vuoden %d ilmoittautumis-issueita on %d. Mitään ei poistettu; poista ne"
            " valinnalla --yes.",
            year, len(found),
        )  # fmt: skip
        return
    deleted = 0
    try:
        for issue in found:
            node_id = str(issue.as_dict().get("node_id") or "")
            if delete_issue(repo, url, node_id):
                deleted += 1
                log.info("Poistettiin #%d", issue.number)
            else:
                log.info("#%d oli jo poistettu", issue.number)
    finally:
        log.info("Vuoden %d ilmoittautumis-issueita poistettiin %d.", year, deleted)
