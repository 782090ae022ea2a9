"""The Action: `talkoot ingest` (one issue event), `talkoot sync` and `talkoot labels`.

`ingest` reads `GITHUB_EVENT_NAME` and the payload at `GITHUB_EVENT_PATH`, loads the
forms from `.github/ISSUE_TEMPLATE/` and the content of the checked-out project, and
brings the one issue (for a registration: the edition's registrations) in line:

* A proposal (label `ehdotus`) is checked; problems get the label `tarvitsee-korjausta`
  and a list in the bot comment. An editor's `hyväksytty` writes the proposal's content
  file on branch `ehdotus/<n>` and opens a pull request; `hylätty` closes the issue as not
  planned. Only triage, write, maintain or admin may add those labels.
* A registration (label `ilmoittautuminen`) is checked, and the edition's
  `registrations/<year>.yml` is recomputed from all registration issues and kept in one
  rolling pull request on branch `ilmoittautumiset/<year>`.

Every step reads before it writes (see `talkoot.github`), so a second run of the same
event changes nothing and a run that failed can be repeated. `sync` does the same for
every submission issue, e.g. daily. Exit codes: 0 done or ignored, 1 an error that the
log line explains (a spent rate limit, an API error that retries did not cure).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from github3 import exceptions as gh_errors

from talkoot.content import clock
from talkoot.content.load import Content
from talkoot.content.project import Project, find_project
from talkoot.exceptions import TalkootError
from talkoot.github.session import (
    GitHubError,
    Repo,
    Sleep,
    describe_error,
    is_bot,
)
from talkoot.submissions.issueform import Form, load_form, parse
from talkoot.submissions.submission import (
    LABELS,
    IssueData,
    Outcome,
    ProposalSubmission,
    Reconciliation,
    check_proposal,
    existing_proposal_name,
    local_date,
    new_proposal_name,
    parse_timestamp,
    proposal_needs_fixing_comment,
    proposal_page_url,
    proposal_published_comment,
    proposal_pull_body,
    proposal_pull_closed_comment,
    proposal_pull_comment,
    proposal_pull_title,
    proposal_received_comment,
    proposal_rejected_comment,
    proposal_text,
    reconcile_registrations,
    refused_note,
    registration_comment,
    registrations_pull_body,
    registrations_pull_title,
    registrations_text,
)
from talkoot.vocabulary import names

log = logging.getLogger("talkoot.ingest")

#: `issues` actions that can change a submission.
HANDLED_ACTIONS = frozenset({"opened", "edited", "reopened", "closed", "labeled"})
#: Labels whose adding is a decision by the editors.
DECISION_LABELS = frozenset({names.APPROVED_LABEL, names.REJECTED_LABEL})


# --- setup ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """The checked-out project: content, forms and where content lives in the repository."""

    project: Project
    content: Content
    #: Issue label -> its form (a missing form file is left out).
    forms: dict[str, Form]
    #: The content directory relative to the repository root, e.g. "content".
    content_root: str

    @classmethod
    def load(cls, project: Project | None = None) -> Setup:
        project = project or find_project()
        content = project.load_content()
        forms: dict[str, Form] = {}
        files = (
            (names.PROPOSAL_LABEL, names.PROPOSAL_FORM),
            (names.REGISTRATION_LABEL, names.REGISTRATION_FORM),
        )
        for label, name in files:
            path = project.forms_dir / name
            if path.is_file():
                forms[label] = load_form(path.read_text(encoding="utf-8"))
            else:
                log.warning("Lomaketta %s ei ole; sen issuet ohitetaan", path)
        try:
            root = project.content_dir.resolve().relative_to(project.root.resolve()).as_posix()
        except ValueError:
            root = "content"
        return cls(project, content, forms, root)


def issue_data(issue: Any) -> IssueData:
    """`IssueData` of a github3 issue (full or from a list)."""
    raw = issue.as_dict()
    return IssueData(
        number=int(issue.number),
        title=issue.title or "",
        body=issue.body,
        created_at=issue.created_at,
        state=issue.state,
        state_reason=raw.get("state_reason"),
        closed_at=issue.closed_at,
        labels=tuple(sorted(label.name for label in issue.original_labels)),
    )


@dataclass(frozen=True)
class Published:
    """What `publish` found or did: "pull" (open PR), "published" (on the default branch
    as wanted, or a published file that this run may not change), "closed" (editors
    closed the PR without merging)."""

    state: str
    pull: Any = None
    change: bool = False


@dataclass(frozen=True)
class Target:
    """A content file that reaches the default branch through a pull request."""

    branch: str
    path: str
    #: The file's text, given the current text (branch or default branch) or None.
    render: Callable[[str | None], str]
    message: str
    title: str
    #: The pull request's body, given whether the file is already published.
    body: Callable[[bool], str]
    #: The default branch is known not to have the file (no need to read it).
    unpublished: bool = False


@dataclass(frozen=True)
class Event:
    """An `issues` event that concerns a submission."""

    kind: str  # names.PROPOSAL_LABEL or names.REGISTRATION_LABEL
    action: str
    number: int
    sender: str
    label: str  # the label added, for `labeled`
    payload: Mapping[str, Any]


def triage(name: str, payload: Mapping[str, Any], forms: Mapping[str, Form]) -> Event | str:
    """The event to handle, or why it is ignored (decided without any API call)."""
    if name != "issues":
        return f"tapahtuma {name} ei koske issueita"
    action = str(payload.get("action") or "")
    data = payload.get("issue") or {}
    number = data.get("number")
    sender = str((payload.get("sender") or {}).get("login") or "")
    labels = {label.get("name") for label in data.get("labels") or [] if isinstance(label, dict)}
    if not isinstance(number, int) or "pull_request" in data:
        return "tapahtuma ei koske issueta"
    if names.PROPOSAL_LABEL in labels:
        kind = names.PROPOSAL_LABEL
    elif names.REGISTRATION_LABEL in labels:
        kind = names.REGISTRATION_LABEL
    else:
        return f"#{number}: ei lomakkeen tunnistetta"
    if action not in HANDLED_ACTIONS:
        return f"#{number}: toiminto {action} ei muuta lähetystä"
    label = str((payload.get("label") or {}).get("name") or "")
    if action == "labeled" and (kind != names.PROPOSAL_LABEL or label not in DECISION_LABELS):
        return f"#{number}: tunniste {label} ei vaadi toimia"
    if action != "opened" and is_bot(sender):
        # The Action's own changes (labels, closing) must not start it again.
        return f"#{number}: {action} on botin {sender} tekemä"
    if kind not in forms:
        return f"#{number}: lomaketta ei ole"
    return Event(kind, action, number, sender, label, payload)


# --- the Action ----------------------------------------------------------------------------


class Action:
    def __init__(self, repo: Repo, setup: Setup, *, today: dt.date) -> None:
        self.repo = repo
        self.setup = setup
        self.content = setup.content
        self.today = today

    # -- events ------------------------------------------------------------------------

    def handle_event(self, event: Event) -> None:
        log.info("#%d: %s (%s, lähettäjä %s)", event.number, event.action, event.kind, event.sender)
        if event.kind == names.PROPOSAL_LABEL:
            self._proposal_event(
                event.number, event.action, event.label, event.sender, event.payload
            )
        else:
            self._registration_event(event.number, event.action, event.payload)

    def _proposal_event(
        self, number: int, action: str, label: str, sender: str, payload: Mapping[str, Any]
    ) -> None:
        issue = self.repo.issue(number)
        note = None
        if action == "labeled" and not self.repo.is_editor(sender):
            self.repo.remove_label(issue, label)
            note = refused_note(label, self.content.settings.handler)
        updated = (payload.get("issue") or {}).get("updated_at")
        decided = local_date(parse_timestamp(updated)) if isinstance(updated, str) else None
        self.proposal(issue, note=note, decided=decided, may_change_published=action == "edited")

    def _registration_event(self, number: int, action: str, payload: Mapping[str, Any]) -> None:
        previous: set[str] = set()
        every_workshop = False
        changes = payload.get("changes")
        if action == "edited":
            old_body = ((changes or {}).get("body") or {}).get("from")
            if isinstance(old_body, str):
                old = parse(old_body, self.setup.forms[names.REGISTRATION_LABEL]).values.get(
                    "workshop"
                )
                previous = {old} if isinstance(old, str) else set()
            elif not changes:
                every_workshop = True  # no old text: any workshop's queue may have moved
        self.registrations(focus=number, previous=previous, every_workshop=every_workshop)

    # -- proposals ---------------------------------------------------------------------

    def proposal(
        self,
        issue: Any,
        *,
        note: str | None = None,
        decided: dt.date | None = None,
        may_change_published: bool = False,
    ) -> None:
        """Bring one proposal issue's labels, comment and pull request up to date."""
        repo = self.repo
        labels = repo.labels_of(issue)
        number = int(issue.number)
        if issue.state == "closed" and not labels & DECISION_LABELS and note is None:
            log.info("#%d: suljettu eikä käsitelty; ohitetaan.", number)
            return
        data = issue_data(issue)
        known = next((p for p in self.content.proposals if p.id == number), None)
        checked = check_proposal(
            data,
            self.setup.forms[names.PROPOSAL_LABEL],
            self.content,
            edition=known.edition if known else None,
        )
        if names.REJECTED_LABEL in labels:
            repo.upsert_bot_comment(issue, proposal_rejected_comment(note))
            repo.close_issue(issue, "not_planned")
            return
        approved = names.APPROVED_LABEL in labels
        if checked.value is None:
            log.info("#%d: korjattavaa %d kohdassa", number, len(checked.problems))
            repo.add_label(issue, names.NEEDS_FIX_LABEL)
            text = proposal_needs_fixing_comment(checked.problems, approved=approved, note=note)
            repo.upsert_bot_comment(issue, text)
            return
        repo.remove_label(issue, names.NEEDS_FIX_LABEL)
        if not approved:
            repo.upsert_bot_comment(
                issue, proposal_received_comment(self.content.settings.handler, note)
            )
            return
        submission = checked.value
        result = self.publish(
            self._proposal_target(submission, decided or self.today),
            may_change_published=may_change_published,
        )
        page = proposal_page_url(self.setup.project.site_url, submission.edition, number)
        if result.state == "pull":
            text = proposal_pull_comment(
                result.pull.number, result.pull.html_url, page, change=result.change, note=note
            )
        elif result.state == "closed":
            text = proposal_pull_closed_comment(result.pull.number, result.pull.html_url, note)
        else:
            text = proposal_published_comment(page, note)
        repo.upsert_bot_comment(issue, text)

    def _proposal_target(self, submission: ProposalSubmission, approved: dt.date) -> Target:
        repo = self.repo
        number = submission.number
        branch = names.proposal_branch(number)
        folder = names.proposals_dir(submission.edition)
        name = existing_proposal_name(
            number, repo.list_dir(f"{self.setup.content_root}/{folder}", repo.default_branch)
        )
        unpublished = name is None
        if name is None:  # not published yet: a pull request may already have written it
            name = existing_proposal_name(
                number, repo.list_dir(f"{self.setup.content_root}/{folder}", branch)
            )
        rel = f"{folder}/{name or new_proposal_name(number, submission.title)}"
        path = f"{self.setup.content_root}/{rel}"
        return Target(
            branch=branch,
            path=path,
            render=lambda base: proposal_text(submission, rel, approved=approved, base=base),
            message=f"Ehdotus #{number}: {'päivitä' if name else 'lisää'} sivustolle",
            title=proposal_pull_title(number, submission.title),
            body=lambda change: proposal_pull_body(number, path, submission.title, change=change),
            unpublished=unpublished,
        )

    # -- publishing through a pull request ---------------------------------------------

    def publish(self, target: Target, *, may_change_published: bool) -> Published:
        """Get `target`'s file into a pull request, or find it published.

        An open pull request of the branch is updated. A file that is already on the
        default branch is changed only when `may_change_published` (an edit by the sender),
        so that editors' later changes to a published file are not reverted by a re-run.
        Without an open pull request, a branch that already carries the wanted file (a run
        that failed before opening the pull request) gets its pull request, unless editors
        closed one without merging at that very commit; otherwise the branch is
        (re)started from the default branch and the file committed.
        """
        repo = self.repo
        default = repo.default_branch
        published = None if target.unpublished else repo.read_file(target.path, default)
        pull = repo.open_pull(target.branch)
        if pull is not None:
            on_branch = repo.read_file(target.path, target.branch)
            base = on_branch or published
            wanted = target.render(base.text if base else None)
            repo.put_file_if_changed(
                target.branch, target.path, wanted, target.message, known=True, current=on_branch
            )
            repo.update_pull(pull, target.title, target.body(published is not None))
            return Published("pull", pull, change=published is not None)
        if published is not None:
            wanted = target.render(published.text)
            if published.text == wanted:
                log.info("%s on jo oletushaarassa sellaisenaan", target.path)
                return Published("published")
            if not may_change_published:
                # e.g. editors fixed the published file: only the sender's edit reopens it
                log.info("%s on julkaistu; muutos vain lähettäjän muokkauksesta", target.path)
                return Published("published")
        tip = repo.branch_sha(target.branch)
        on_branch = repo.read_file(target.path, target.branch) if tip is not None else None
        if published is None:
            # Not published: a branch left without a pull request holds the history.
            wanted = target.render(on_branch.text if on_branch else None)
        if tip is not None and on_branch is not None and on_branch.text == wanted:
            closed = repo.closed_unmerged_pull(target.branch, tip)
            if closed is not None:
                log.info("Pull request #%d suljettiin yhdistämättä", closed.number)
                return Published("closed", closed)
            pull = repo.create_pull(target.branch, target.title, target.body(published is not None))
            return Published("pull", pull, change=published is not None)
        start = repo.branch_sha(default)
        if start is None:
            raise GitHubError(f"Oletushaaraa {default} ei löytynyt.")
        if tip is None:
            repo.create_branch(target.branch, start)
        elif tip != start:
            repo.reset_branch(target.branch, start)
        # The branch now is the default branch: its file is the published one.
        repo.put_file_if_changed(
            target.branch, target.path, wanted, target.message, known=True, current=published
        )
        pull = repo.create_pull(target.branch, target.title, target.body(published is not None))
        return Published("pull", pull, change=published is not None)

    # -- registrations -----------------------------------------------------------------

    def registrations(
        self,
        *,
        focus: int | None = None,
        previous: Iterable[str] = (),
        every_workshop: bool = False,
    ) -> Reconciliation | None:
        """Recompute the edition's registrations from all registration issues.

        With `focus` (the issue of an event), comments are brought up to date for that
        issue and for the later registrations whose place it may have changed: those in
        its workshop (or `previous` workshop names, before an edit) when that workshop has
        a capacity. Without `focus`, every issue of the edition.
        """
        form = self.setup.forms.get(names.REGISTRATION_LABEL)
        if form is None:
            return None
        repo = self.repo
        year = self.content.current_year
        issues = {int(issue.number): issue for issue in repo.issues(names.REGISTRATION_LABEL)}
        data = [issue_data(issue) for issue in issues.values()]
        result = reconcile_registrations(data, form, self.content, year=year)
        numbers = list(result.results)
        if focus is not None:
            if focus not in result.results:
                log.info("#%d ei kuulu vuoden %d ilmoittautumisiin", focus, year)
                numbers = []
            else:
                numbers = self._affected(result, focus, previous, every_workshop)
        for number in numbers:
            outcome = result.results[number]
            issue = issues[number]
            if outcome.outcome is Outcome.INVALID:
                repo.add_label(issue, names.NEEDS_FIX_LABEL)
            else:
                repo.remove_label(issue, names.NEEDS_FIX_LABEL)
            text = registration_comment(outcome, self.content, year, self.setup.project.site_url)
            repo.upsert_bot_comment(issue, text)
        if result.registrations is not None:
            registrations = result.registrations
            text = registrations_text(registrations)
            path = f"{self.setup.content_root}/{names.registrations_file(year)}"
            self.publish(
                Target(
                    branch=names.registrations_branch(year),
                    path=path,
                    render=lambda _base: text,
                    message=f"Ilmoittautumiset {year}: päivitä tilanne",
                    title=registrations_pull_title(year),
                    body=lambda _change: registrations_pull_body(year, path),
                ),
                may_change_published=True,
            )
        return result

    def _affected(
        self, result: Reconciliation, focus: int, previous: Iterable[str], every_workshop: bool
    ) -> list[int]:
        year = result.year
        workshops = self.content.workshops.get(year, [])
        limited = {w.slug for w in workshops if w.capacity is not None}
        by_name = {w.name: w.slug for w in workshops}
        entry = result.results[focus].entry
        touched = {by_name[name] for name in previous if name in by_name}
        if entry is not None:
            touched.add(entry.workshop)
        if every_workshop:
            touched = {w.slug for w in workshops}
        touched &= limited
        order = list(result.results)
        after = order[order.index(focus) + 1 :]
        moving = (Outcome.CONFIRMED, Outcome.WAITING)
        return [focus] + [
            number
            for number in after
            if (r := result.results[number]).entry is not None
            and r.entry.workshop in touched
            and r.outcome in moving
        ]

    # -- sync --------------------------------------------------------------------------

    def sync(self, *, days: int | None) -> None:
        """Every open submission issue, closed ones updated in the last `days` days (all
        with None), and the current edition's registrations once."""
        repo = self.repo
        if names.PROPOSAL_LABEL in self.setup.forms:
            for issue in repo.issues(names.PROPOSAL_LABEL, state="open"):
                self.proposal(issue)
            since = None
            if days is not None:
                start = clock.now().astimezone(dt.UTC) - dt.timedelta(days=days)
                since = start.strftime("%Y-%m-%dT%H:%M:%SZ")
            for issue in repo.issues(names.PROPOSAL_LABEL, state="closed", since=since):
                if repo.labels_of(issue) & DECISION_LABELS:
                    self.proposal(issue)
        self.registrations()


# --- entry points --------------------------------------------------------------------------


class _StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is at the time (pytest swaps it per test)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # pragma: no cover - logging must never fail the run
            self.handleError(record)


def configure_logging() -> None:
    logger = logging.getLogger("talkoot")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _run(
    work: Callable[[Repo], None],
    env: Mapping[str, str] | None,
    sleep: Sleep | None,
    clock_fn: Callable[[], float],
) -> int:
    env = os.environ if env is None else env
    repo = None
    try:
        repo = Repo.from_env(env, sleep=sleep, clock=clock_fn)
        work(repo)
    except (gh_errors.GitHubException, requests.RequestException) as error:
        raise GitHubError(f"GitHub-kutsu epäonnistui: {describe_error(error)}") from None
    finally:
        if repo is not None:
            log.info("GitHub API -kutsuja: %d", repo.gh.session.request_counter)
    return 0


def run_ingest(
    env: Mapping[str, str] | None = None,
    *,
    sleep: Sleep | None = None,
    clock_fn: Callable[[], float] = time.time,
    project: Project | None = None,
) -> int:
    """`talkoot ingest`: handle the workflow's event."""
    env = os.environ if env is None else env
    name = env.get("GITHUB_EVENT_NAME", "")
    path = env.get("GITHUB_EVENT_PATH", "")
    if not name or not path:
        raise TalkootError(
            "GITHUB_EVENT_NAME ja GITHUB_EVENT_PATH puuttuvat: komento ajetaan Actionissa."
        )
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TalkootError(f"Tapahtumaa ei voitu lukea tiedostosta {path}: {error}") from None
    if not isinstance(payload, dict):
        raise TalkootError(f"Tapahtuma tiedostossa {path} ei ole JSON-olio.")
    if name != "issues":
        log.info("Ohitetaan: tapahtuma %s ei koske issueita.", name)
        return 0
    setup = Setup.load(project)
    event = triage(name, payload, setup.forms)
    if isinstance(event, str):
        log.info("Ohitetaan: %s.", event)
        return 0
    return _run(
        lambda repo: Action(repo, setup, today=clock.today()).handle_event(event),
        env,
        sleep,
        clock_fn,
    )


def run_sync(
    env: Mapping[str, str] | None = None,
    *,
    days: int | None = 14,
    sleep: Sleep | None = None,
    clock_fn: Callable[[], float] = time.time,
    project: Project | None = None,
) -> int:
    """`talkoot sync`: reconcile every submission issue."""
    setup = Setup.load(project)
    return _run(
        lambda repo: Action(repo, setup, today=clock.today()).sync(days=days),
        env,
        sleep,
        clock_fn,
    )


def run_labels(
    env: Mapping[str, str] | None = None,
    *,
    sleep: Sleep | None = None,
    clock_fn: Callable[[], float] = time.time,
) -> int:
    """`talkoot labels`: create the project's labels with Finnish descriptions."""

    def work(repo: Repo) -> None:
        for spec in LABELS:
            state = repo.ensure_label(spec.name, spec.color, spec.description)
            log.info("Tunniste %s: %s", spec.name, state)

    return _run(work, env, sleep, clock_fn)
