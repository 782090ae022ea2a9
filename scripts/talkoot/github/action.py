"""The Action: `talkoot ingest` (one issue event), `talkoot sync` and `talkoot labels`.

`ingest` reads `GITHUB_EVENT_NAME` and the payload at `GITHUB_EVENT_PATH`, loads the
forms from `.github/ISSUE_TEMPLATE/` and the content of the checked-out project, and
brings the one issue (for a registration: the edition's registrations) in line:

* A proposal (label `ehdotus`) is checked; problems get the label `tarvitsee-korjausta`
  and a list in the bot comment. An editor's `hyväksytty` writes the proposal's content
  file on branch `ehdotus/<n>` and opens a pull request; `hylätty` closes the issue as not
  planned. Only triage, write, maintain or admin (or an App in `TALKOOT_APPROVER_APPS`)
  may add those labels; every such label is checked (`talkoot.github.decisions`). A run
  also answers open proposals left without any answer.
* A registration (label `ilmoittautuminen`) is checked, and the edition's
  `registrations/<year>.yml` is recomputed from all registration issues and kept in one
  rolling pull request on branch `ilmoittautumiset/<year>`. One account counts once per
  workshop; every registration whose answer is missing or out of date is answered.
* The summary comment is edited in place; a decision on a proposal and a place confirmed
  from the waiting list also get a new comment, which notifies (`talkoot.github.answers`).

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
from functools import partial
from pathlib import Path
from typing import Any

from talkoot.content import clock, sessions
from talkoot.content.load import Content
from talkoot.content.project import Project, find_project
from talkoot.exceptions import TalkootError
from talkoot.github import answers
from talkoot.github.decisions import DECISION_LABELS, Decisions, approver_apps
from talkoot.github.labelling import prepare_repository
from talkoot.github.publishing import Published, Target, publish
from talkoot.github.session import (
    Repo,
    Sleep,
    is_bot,
    with_repo,
)
from talkoot.submissions import notices
from talkoot.submissions.checks import check_proposal
from talkoot.submissions.duplicates import repeat_authors
from talkoot.submissions.issueform import Form, load_form, parse
from talkoot.submissions.messages import (
    proposal_needs_fixing_comment,
    proposal_published_comment,
    proposal_pull_closed_comment,
    proposal_pull_comment,
    proposal_received_comment,
    proposal_rejected_comment,
    refused_note,
    registration_comment,
)
from talkoot.submissions.notices import registration_notice, registration_state
from talkoot.submissions.proposals import (
    existing_proposal_name,
    new_proposal_name,
    proposal_page_url,
    proposal_pull_title,
    proposal_text,
)
from talkoot.submissions.pullbodies import proposal_pull_body, registrations_pull_body
from talkoot.submissions.registrations import (
    Outcome,
    Reconciliation,
    edition_issues,
    reconcile_registrations,
    registrations_pull_title,
    registrations_text,
)
from talkoot.submissions.values import (
    LABELS,
    IssueData,
    ProposalSubmission,
    local_date,
    parse_timestamp,
)
from talkoot.vocabulary import names

log = logging.getLogger("talkoot.ingest")

#: The most issues a run answers besides its own and those whose place it changed; the
#: rest are left to the next run or the daily sync (each answer costs a few calls).
CATCH_UP_LIMIT = 30
#: API calls left untouched by catching up (the token's limit is shared by all runs).
RATE_RESERVE = 100
#: Minutes after its last change that a proposal is left to its own run.
QUIET_MINUTES = 10
#: `issues` actions that can change a submission.
HANDLED_ACTIONS = frozenset({"opened", "edited", "reopened", "closed", "labeled"})


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
        author=str(issue.user.login) if issue.user else "",
    )


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
    if action not in ("opened", "labeled") and is_bot(sender):
        # The Action's own changes (labels, closing) must not start it again; a decision
        # label added by any bot is checked like everyone's (`talkoot.github.decisions`).
        return f"#{number}: {action} on botin {sender} tekemä"
    if kind not in forms:
        return f"#{number}: lomaketta ei ole"
    return Event(kind, action, number, sender, label, payload)


# --- the Action ----------------------------------------------------------------------------


class Action:
    def __init__(
        self,
        repo: Repo,
        setup: Setup,
        *,
        today: dt.date,
        approver_apps: frozenset[str] = frozenset(),
    ) -> None:
        self.repo = repo
        self.setup = setup
        self.content = setup.content
        self.today = today
        self.decisions = Decisions(repo, approver_apps)
        self._roles: dict[str, bool] = {}

    # -- events ------------------------------------------------------------------------

    def handle_event(self, event: Event) -> None:
        log.info("#%d: %s (%s, lähettäjä %s)", event.number, event.action, event.kind, event.sender)
        if event.kind == names.PROPOSAL_LABEL:
            self._proposal_event(
                event.number, event.action, event.label, event.sender, event.payload
            )
            self.catch_up_proposals(handled=event.number)
        else:
            self._registration_event(event.number, event.action, event.payload)

    def _proposal_event(
        self, number: int, action: str, label: str, sender: str, payload: Mapping[str, Any]
    ) -> None:
        issue = self.repo.issue(number)
        known = {label: sender} if action == "labeled" else {}
        note = None
        if known and label not in self.repo.labels_of(issue):
            # gone already (e.g. this event's earlier run refused it): say so again
            note = (
                None
                if self.decisions.may_decide(sender)
                else refused_note(label, self.content.settings.handler)
            )
        updated = (payload.get("issue") or {}).get("updated_at")
        decided = local_date(parse_timestamp(updated)) if isinstance(updated, str) else None
        self.proposal(
            issue,
            note=note,
            known=known,
            decided=decided,
            may_change_published=action == "edited",
        )

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
        known: Mapping[str, str] | None = None,
    ) -> None:
        """Bring one proposal issue's labels, comment and pull request up to date.

        Decision labels are checked first (`known`: label -> the sender of the
        `labeled` event being handled); one added without the right is removed.
        """
        repo = self.repo
        refused = self.decisions.refuse_unauthorised(issue, known or {})
        if refused:
            note = "\n\n".join(
                [
                    *(refused_note(label, self.content.settings.handler) for label in refused),
                    *filter(None, [note]),
                ]
            )
        labels = repo.labels_of(issue)
        number = int(issue.number)
        if issue.state == "closed" and not labels & DECISION_LABELS and note is None:
            log.info("#%d: suljettu eikä käsitelty; ohitetaan.", number)
            return
        data = issue_data(issue)
        stored = next((p for p in self.content.proposals if p.id == number), None)
        checked = check_proposal(
            data,
            self.setup.forms[names.PROPOSAL_LABEL],
            self.content,
            edition=stored.edition if stored else None,
        )
        if names.REJECTED_LABEL in labels:
            self._answer(issue, proposal_rejected_comment(note), notices.REJECTED)
            repo.close_issue(issue, "not_planned")
            return
        approved = names.APPROVED_LABEL in labels
        if checked.value is None:
            log.info("#%d: korjattavaa %d kohdassa", number, len(checked.problems))
            repo.add_label(issue, names.NEEDS_FIX_LABEL)
            text = proposal_needs_fixing_comment(checked.problems, approved=approved, note=note)
            self._answer(issue, text, notices.APPROVED_NEEDS_FIX if approved else notices.NEEDS_FIX)
            return
        repo.remove_label(issue, names.NEEDS_FIX_LABEL)
        if not approved:
            self._answer(
                issue,
                proposal_received_comment(self.content.settings.handler, note),
                notices.RECEIVED,
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
            state = notices.CHANGE if result.change else notices.PULL
        elif result.state == "closed":
            text = proposal_pull_closed_comment(result.pull.number, result.pull.html_url, note)
            state = notices.PULL_CLOSED
        else:
            text = proposal_published_comment(page, note)
            state = notices.PUBLISHED
        self._answer(issue, text, state, page)

    def _answer(self, issue: Any, text: str, state: str, page: str = "") -> None:
        """The summary comment, and a new comment when the editors' decision changed."""
        answers.answer(
            self.repo,
            issue,
            text,
            state,
            notice=partial(notices.proposal_notice, new=state, page_url=page),
        )

    def catch_up_proposals(self, *, handled: int) -> None:
        """Answer open proposals that have no comment at all (their run failed or never
        ran), at most `CATCH_UP_LIMIT`; the issue list says how many comments each has.

        Proposals run in parallel (one concurrency group each), so one changed in the
        last `QUIET_MINUTES` is left to its own run, which may be under way."""
        quiet = clock.now() - dt.timedelta(minutes=QUIET_MINUTES)
        waiting = [
            issue
            for issue in self.repo.issues(names.PROPOSAL_LABEL, state="open")
            if int(issue.number) != handled
            and not issue.comments_count
            and issue.updated_at < quiet
        ]
        for answered, issue in enumerate(waiting):
            if not self._may_catch_up(answered):
                break
            log.info("#%d: ei vastausta; vastataan nyt", issue.number)
            self.proposal(issue)

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
            body=lambda published, wanted: proposal_pull_body(
                number, path, wanted, published, self.content
            ),
            unpublished=unpublished,
        )

    # -- publishing through a pull request ---------------------------------------------

    def publish(self, target: Target, *, may_change_published: bool) -> Published:
        return publish(self.repo, target, may_change_published=may_change_published)

    # -- registrations -----------------------------------------------------------------

    def registrations(
        self,
        *,
        focus: int | None = None,
        previous: Iterable[str] = (),
        every_workshop: bool = False,
    ) -> Reconciliation | None:
        """Recompute the edition's registrations from all registration issues.

        Every registration issue of the edition whose answer is missing or out of date is
        answered (a run may cancel another's pending run, so none is left to its own
        run); the bot's comments are read in one list of the repository's comments. With
        `focus` (the issue of an event), that issue and the later registrations whose
        place it may have changed (those in its workshop, or `previous` workshop names
        before an edit, when it has a capacity) come first, and at most
        `CATCH_UP_LIMIT` others are answered. Once the edition's event is over nothing is
        recomputed, so the published figures stay.
        """
        form = self.setup.forms.get(names.REGISTRATION_LABEL)
        if form is None:
            return None
        repo = self.repo
        year = self.content.current_year
        if clock.now() > self.content.events[year].end:
            # Frozen: the published figures stay as they were when the event was held.
            log.info("Vuoden %d tapahtuma on pidetty; ilmoittautumisia ei lasketa enää.", year)
            return None
        issues = {int(issue.number): issue for issue in repo.issues(names.REGISTRATION_LABEL)}
        data = [issue_data(issue) for issue in issues.values()]
        ordered = edition_issues(data, self.content, year)
        unlimited = {login for login in repeat_authors(ordered) if self._is_editor(login)}
        result = reconcile_registrations(data, form, self.content, year=year, unlimited=unlimited)
        first: list[int] = []
        if focus is not None:
            if focus not in result.results:
                log.info("#%d ei kuulu vuoden %d ilmoittautumisiin", focus, year)
            else:
                first = self._affected(result, focus, previous, every_workshop)
        order = first + [number for number in result.results if number not in first]
        # The bot answered after the edition's first registration was opened.
        since = min((issue.created_at for issue in ordered), default=None)
        comments = answers.of_repository(repo, since) if since is not None else {}
        workshops = {w.slug: w.name for w in self.content.workshops.get(year, [])}
        answered = 0
        for position, number in enumerate(order):
            if focus is not None and number not in first and not self._may_catch_up(answered):
                log.info(
                    "Vastattu %d ilmoittautumiseen; loput %d tarkistetaan seuraavalla ajolla.",
                    answered, len(order) - position,
                )  # fmt: skip
                break
            outcome = result.results[number]
            issue = issues[number]
            if outcome.outcome is Outcome.INVALID:
                changed = repo.add_label(issue, names.NEEDS_FIX_LABEL)
            else:
                changed = repo.remove_label(issue, names.NEEDS_FIX_LABEL)
            text = registration_comment(outcome, self.content, year, self.setup.project.site_url)
            if answers.answer(
                repo,
                issue,
                text,
                registration_state(outcome),
                notice=partial(registration_notice, result=outcome, workshop_names=workshops),
                known=comments.get(number, answers.IssueComments()),
            ):
                changed = True
            answered += changed and number not in first
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
                    body=lambda published, wanted: registrations_pull_body(
                        year, path, wanted, published, self.content
                    ),
                ),
                may_change_published=True,
            )
        return result

    def _may_catch_up(self, answered: int) -> bool:
        """Whether a run may answer one more issue besides its own: below the bound, and
        leaving `RATE_RESERVE` calls of the rate limit for the runs that follow."""
        remaining = self.repo.gh.session.rate_remaining
        low = remaining is not None and remaining < RATE_RESERVE
        return answered < CATCH_UP_LIMIT and not low

    def _is_editor(self, login: str) -> bool:
        if login not in self._roles:
            self._roles[login] = self.repo.is_editor(login)
        return self._roles[login]

    def _affected(
        self, result: Reconciliation, focus: int, previous: Iterable[str], every_workshop: bool
    ) -> list[int]:
        year = result.year
        workshops = self.content.workshops.get(year, [])
        limited = {w.slug for w in workshops if w.capacity is not None}
        entry = result.results[focus].entry
        touched = {w.slug for name in previous if (w := sessions.match_option(name, workshops))}
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
        with None), and the current edition's registrations once; first the missing
        labels and the form-made issues that lack theirs (`talkoot.github.labelling`)."""
        repo = self.repo
        prepare_repository(repo, self.setup.forms)
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
    apps = approver_apps(os.environ if env is None else env)
    return with_repo(
        lambda repo: Action(repo, setup, today=clock.today(), approver_apps=apps).handle_event(
            event
        ),
        env,
        sleep=sleep,
        clock_fn=clock_fn,
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
    apps = approver_apps(os.environ if env is None else env)
    return with_repo(
        lambda repo: Action(repo, setup, today=clock.today(), approver_apps=apps).sync(days=days),
        env,
        sleep=sleep,
        clock_fn=clock_fn,
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

    return with_repo(work, env, sleep=sleep, clock_fn=clock_fn)
