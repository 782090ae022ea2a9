"""The I/O edge with GitHub: github3.py 4.0.1 with timeouts, retries and idempotent helpers.

Everything the Action does to GitHub goes through `Repo`. Its helpers read before they
write and write only what differs, so running the same work twice changes nothing the
second time, and a run that failed half-way can simply be run again.

Failures are handled in two places:

* `RetryingSession` (every request): a spent *primary* rate limit is waited out when it
  resets within `Settings.max_rate_limit_wait` seconds, otherwise `RateLimitExhausted`
  ends the run; a *secondary* rate limit is retried after `Retry-After`; connection errors,
  timeouts and 5xx answers are retried with exponential backoff - but only for requests
  that are safe to repeat (GET, PATCH, DELETE, or a request that never reached GitHub).
* `Repo._write` (POST and PUT, which are not safe to repeat blindly): after an ambiguous
  failure it first checks whether the write happened after all (the comment, branch,
  file or pull request is there), and only then tries again.

The sleep function and the clock are injectable, so tests never wait.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import github3
import requests
from github3 import exceptions as gh_errors
from github3.session import GitHubSession

from talkoot.content.model import HELSINKI
from talkoot.exceptions import TalkootError

log = logging.getLogger("talkoot.github")

T = TypeVar("T")
Sleep = Callable[[float], None]
Clock = Callable[[], float]

BOT_MARKER = "<!-- talkoot:bot -->"
#: Roles that may approve or reject a submission (`role_name` of the permission API; its
#: legacy `permission` field says "read" for triage).
EDITOR_ROLES = frozenset({"triage", "write", "maintain", "admin"})
_EDITOR_PERMISSIONS = ("triage", "push", "maintain", "admin")
#: Methods whose repetition cannot do anything twice.
_SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS", "PATCH", "DELETE"})
_WRITE_ERRORS = (gh_errors.ServerError, gh_errors.TransportError)


def default_sleep(seconds: float) -> None:
    """The sleep used when none is injected (tests replace it)."""
    time.sleep(seconds)


class GitHubError(TalkootError):
    """GitHub did not do what was asked, even after retries; the message says what failed."""


class RateLimitExhausted(GitHubError):
    """The primary rate limit is spent and does not reset soon enough to wait for it."""


@dataclass(frozen=True)
class Settings:
    """Timeouts and retry policy; `from_env` reads overrides (tests use tiny values)."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 60.0
    #: Longest wait for a primary rate limit to reset (or for a secondary one's
    #: Retry-After) before giving up with `RateLimitExhausted`.
    max_rate_limit_wait: float = 60.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        def number(name: str, default: float) -> float:
            raw = env.get(name, "").strip()
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise TalkootError(f"{name}: odotettiin lukua, saatiin {raw!r}.") from None
            if value < 0:
                raise TalkootError(f"{name}: luku ei voi olla negatiivinen.")
            return value

        defaults = cls()
        timeout = number("TALKOOT_GITHUB_TIMEOUT", defaults.read_timeout)
        return cls(
            connect_timeout=min(defaults.connect_timeout, timeout),
            read_timeout=timeout,
            attempts=max(1, int(number("TALKOOT_GITHUB_ATTEMPTS", defaults.attempts))),
            base_delay=number("TALKOOT_GITHUB_RETRY_DELAY", defaults.base_delay),
            max_delay=number("TALKOOT_GITHUB_MAX_DELAY", defaults.max_delay),
            max_rate_limit_wait=number(
                "TALKOOT_GITHUB_MAX_RATE_LIMIT_WAIT", defaults.max_rate_limit_wait
            ),
        )

    def backoff(self, attempt: int) -> float:
        """Delay before retry number `attempt` (1, 2, ...): base, 2 x base, 4 x base, ..."""
        return float(min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


def _short(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _never_sent(error: requests.RequestException) -> bool:
    """Whether the request surely did not reach the server (safe to send again)."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return type(reason).__name__ == "NewConnectionError" or isinstance(
        reason, ConnectionRefusedError
    )


class RetryingSession(GitHubSession):  # type: ignore[misc]
    """github3's session with timeouts, rate-limit handling and retries (see module doc)."""

    def __init__(self, settings: Settings, sleep: Sleep, clock: Clock) -> None:
        super().__init__(
            default_connect_timeout=settings.connect_timeout,
            default_read_timeout=settings.read_timeout,
        )
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.trust_env = False  # no proxies or .netrc from the environment
        #: `X-RateLimit-Remaining` of the last answer (None before any).
        self.rate_remaining: int | None = None

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        method = method.upper()
        attempts = self.settings.attempts
        attempt = 0
        while True:
            attempt += 1
            try:
                response = super().request(method, url, *args, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as error:
                repeatable = method in _SAFE_TO_REPEAT or _never_sent(error)
                if attempt >= attempts or not repeatable:
                    log.warning("GitHub %s %s: %s", method, _short(url), _describe(error))
                    raise
                delay = self.settings.backoff(attempt)
                log.warning(
                    "GitHub %s %s: %s; uusi yritys %.1f s kuluttua (%d/%d)",
                    method, _short(url), _describe(error), delay, attempt + 1, attempts,
                )  # fmt: skip
                self.sleep(delay)
                continue
            log.debug("GitHub %s %s -> %s", method, _short(url), response.status_code)
            self.rate_remaining = _int(response.headers.get("X-RateLimit-Remaining"))
            wait = self._retry_delay(method, url, response, attempt)
            if wait is None:
                return response
            self.sleep(wait)

    def _retry_delay(self, method: str, url: str, response: Any, attempt: int) -> float | None:
        """Seconds to wait before sending the request again, or None to return `response`."""
        status = response.status_code
        headers = response.headers
        last = attempt >= self.settings.attempts
        where = f"GitHub {method} {_short(url)}"
        if status in (403, 429) and headers.get("X-RateLimit-Remaining") == "0":
            reset = _int(headers.get("X-RateLimit-Reset"))
            wait = max(0.0, reset - self.clock()) + 1.0 if reset else self.settings.max_delay
            if wait > self.settings.max_rate_limit_wait or last:
                when = (
                    dt.datetime.fromtimestamp(reset, HELSINKI).strftime("klo %H.%M (%d.%m.)")
                    if reset
                    else "myöhemmin"
                )
                message = (
                    f"GitHubin API-kutsujen raja on käytetty loppuun ({where} -> {status}). "
                    f"Raja palautuu {when}, noin {max(1, round(wait / 60))} min kuluttua; aja"
                    " komento uudelleen sen jälkeen. Mitään jo tehtyä ei menetetty."
                )
                raise RateLimitExhausted(message)
            log.warning("%s: API-kutsujen raja täynnä; odotetaan %.1f s", where, wait)
            return wait
        if status in (403, 429) and (
            "Retry-After" in headers or "secondary rate limit" in response.text.lower()
        ):
            after = _int(headers.get("Retry-After"))
            wait = float(after) if after is not None else max(60.0, self.settings.backoff(attempt))
            if wait > self.settings.max_rate_limit_wait:
                message = (
                    f"GitHub pyysi odottamaan {wait:.0f} s ({where} -> {status}, toissijainen "
                    "kutsuraja); aja komento uudelleen myöhemmin. Mitään jo tehtyä ei menetetty."
                )
                raise RateLimitExhausted(message)
            if last:
                return None
            log.warning(
                "%s: toissijainen kutsuraja; odotetaan %.1f s (Retry-After) ja yritetään uudelleen",
                where, wait,
            )  # fmt: skip
            return wait
        if status >= 500 and method in _SAFE_TO_REPEAT and not last:
            delay = self.settings.backoff(attempt)
            log.warning("%s -> %s; uusi yritys %.1f s kuluttua", where, status, delay)
            return delay
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _describe(error: BaseException) -> str:
    if isinstance(error, requests.Timeout):
        return "aikakatkaisu"
    if isinstance(error, requests.ConnectionError):
        return "yhteysvirhe"
    return type(error).__name__


def describe_error(error: Exception) -> str:
    """One line for a github3 error: status, GitHub's message and the request."""
    response = getattr(error, "response", None)
    if response is not None and getattr(response, "request", None) is not None:
        request = response.request
        message = getattr(error, "msg", None) or ""
        if isinstance(message, bytes) or "json" not in response.headers.get("Content-Type", ""):
            message = response.reason or ""  # an HTML error page says nothing useful
        first = str(message).splitlines()[0] if message else ""
        return f"{request.method} {_short(request.url)} -> {response.status_code} {first}".strip()
    cause = getattr(error, "exception", None) or error  # github3 wraps requests' errors
    request = getattr(cause, "request", None)
    where = f"{request.method} {_short(request.url)}: " if request is not None else ""
    return f"{where}{_describe(cause)} ({type(cause).__name__})"


def is_bot(login: str | None) -> bool:
    """A GitHub App or Actions bot (`github-actions[bot]`, `<app>[bot]`)."""
    return bool(login) and str(login).endswith("[bot]")


@dataclass(frozen=True)
class FileState:
    text: str
    sha: str


class Repo:
    """One repository, with the idempotent operations the Action needs."""

    def __init__(
        self,
        gh: Any,
        owner: str,
        name: str,
        *,
        settings: Settings,
        sleep: Sleep = default_sleep,
    ) -> None:
        self.gh = gh
        self.settings = settings
        self.sleep = sleep
        self.repository: Any = gh.repository(owner, name)
        self.owner: str = owner
        self.default_branch: str = self.repository.default_branch

    # -- construction --------------------------------------------------------------------

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        sleep: Sleep | None = None,
        clock: Clock = time.time,
        settings: Settings | None = None,
    ) -> Repo:
        """`GITHUB_API_URL`, `GITHUB_TOKEN`, `GITHUB_REPOSITORY` as in a workflow run."""
        env = os.environ if env is None else env
        token = env.get("GITHUB_TOKEN", "").strip()
        repository = env.get("GITHUB_REPOSITORY", "").strip()
        if not token:
            raise TalkootError("GITHUB_TOKEN puuttuu: komento tarvitsee GitHub-tunnisteen.")
        if repository.count("/") != 1 or not all(repository.split("/")):
            raise TalkootError("GITHUB_REPOSITORY puuttuu tai ei ole muotoa omistaja/nimi.")
        settings = settings or Settings.from_env(env)
        sleep = sleep or default_sleep
        session = RetryingSession(settings, sleep, clock)
        gh = github3.GitHub(token=token, session=session)
        # github3.GitHubEnterprise would append /api/v3; GITHUB_API_URL is already the API.
        gh.session.base_url = (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
        owner, name = repository.split("/")
        log.info("GitHub: %s (%s)", repository, gh.session.base_url)
        try:
            return cls(gh, owner, name, settings=settings, sleep=sleep)
        except gh_errors.GitHubException as error:
            message = f"Repositoriota {repository} ei saatu: {describe_error(error)}"
            raise GitHubError(message) from None

    # -- the write wrapper ---------------------------------------------------------------

    def _write(self, what: str, write: Callable[[], T], done: Callable[[], T | None]) -> T:
        """Do a write that is not safe to repeat blindly (POST, PUT).

        After an ambiguous failure (5xx, timeout, dropped connection) `done()` looks whether
        the write happened after all; if not, the write is tried again with backoff. A 409
        or 422 answer is also checked with `done()`, since it is what a repeated write
        that had already succeeded gets.
        """
        attempts = self.settings.attempts
        for attempt in range(1, attempts + 1):
            try:
                return write()
            except _WRITE_ERRORS as error:
                if attempt >= attempts:
                    raise
                delay = self.settings.backoff(attempt)
                log.warning(
                    "%s epäonnistui (%s); tarkistetaan ja yritetään %.1f s kuluttua uudelleen",
                    what, describe_error(error), delay,
                )  # fmt: skip
                self.sleep(delay)
                found = done()
                if found is not None:
                    log.info("%s: oli jo tehty", what)
                    return found
            except (gh_errors.UnprocessableEntity, gh_errors.Conflict):
                found = done()
                if found is not None:
                    log.info("%s: oli jo tehty", what)
                    return found
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    # -- issues --------------------------------------------------------------------------

    def issue(self, number: int) -> Any:
        return self.repository.issue(number)

    def issues(self, label: str, *, state: str = "all", since: str | None = None) -> list[Any]:
        """Every issue (not pull request) with `label`, oldest first, all pages."""
        found = [
            issue
            for issue in self.repository.issues(
                labels=label, state=state, sort="created", direction="asc", since=since
            )
            if not issue.pull_request_urls
        ]
        log.info("Issueita tunnisteella %s: %d", label, len(found))
        return found

    def open_issues(self) -> list[Any]:
        """Every open issue (not pull request), whatever its labels, oldest first."""
        return [
            issue
            for issue in self.repository.issues(state="open", sort="created", direction="asc")
            if not issue.pull_request_urls
        ]

    @staticmethod
    def labels_of(issue: Any) -> set[str]:
        return {label.name for label in issue.original_labels}

    def _labels_if(self, issue: Any, name: str) -> list[Any] | None:
        labels = list(issue.labels())
        return labels if any(label.name == name for label in labels) else None

    def add_label(self, issue: Any, name: str) -> bool:
        """Add `name` unless the issue has it; True if it was added."""
        if name in self.labels_of(issue):
            return False
        issue.original_labels = self._write(
            f"#{issue.number}: tunniste {name}",
            lambda: issue.add_labels(name),
            lambda: self._labels_if(issue, name),
        )
        log.info("#%d: lisättiin tunniste %s", issue.number, name)
        return True

    def remove_label(self, issue: Any, name: str) -> bool:
        """Remove `name` if the issue has it; True if it was removed."""
        if name not in self.labels_of(issue):
            return False
        try:
            issue.original_labels = issue.remove_label(name)
        except gh_errors.NotFoundError:  # already gone (a retried DELETE that had succeeded)
            issue.original_labels = [x for x in issue.original_labels if x.name != name]
            return False
        log.info("#%d: poistettiin tunniste %s", issue.number, name)
        return True

    def close_issue(self, issue: Any, reason: str) -> bool:
        """Close with `state_reason` (completed, not_planned), leaving labels alone.

        github3's `Issue.close()` re-sends the labels as loaded and would wipe labels
        added since, so the PATCH carries only the state.
        """
        if issue.state == "closed":
            return False
        response = issue._patch(
            issue._api, data=json.dumps({"state": "closed", "state_reason": reason})
        )
        issue._json(response, 200)
        log.info("#%d: suljettiin (%s)", issue.number, reason)
        return True

    # -- the bot comment -----------------------------------------------------------------

    def bot_comment(self, issue: Any, marker: str = BOT_MARKER) -> Any | None:
        """The Action's own comment: written by a bot and starting with the hidden marker."""
        for comment in issue.comments():
            if (comment.body or "").startswith(marker) and is_bot(comment.user.login):
                return comment
        return None

    def comment_once(self, issue: Any, marker: str, text: str) -> bool:
        """A one-off bot comment that starts with `marker` (another marker than the bot
        comment's), unless the issue has it; True if it was made. Never edited later."""
        if self.bot_comment(issue, marker) is not None:
            return False
        self._write(
            f"#{issue.number}: kommentti {marker}",
            lambda: issue.create_comment(f"{marker}\n{text}"),
            lambda: self.bot_comment(issue, marker),
        )
        log.info("#%d: kommentoitiin (%s)", issue.number, marker)
        return True

    # -- people --------------------------------------------------------------------------

    def role_of(self, login: str) -> str | None:
        """The user's role in the repository (`role_name`), or None for no access."""
        repo = self.repository
        who = quote(login, safe="")
        url = repo._build_url("collaborators", who, "permission", base_url=repo._api)
        try:
            data = repo._json(repo._get(url), 200)
        except gh_errors.NotFoundError:
            return None
        role = str(data.get("role_name") or data.get("permission") or "none")
        permissions = (data.get("user") or {}).get("permissions") or {}
        if role not in EDITOR_ROLES and any(permissions.get(p) for p in _EDITOR_PERMISSIONS):
            role = "write"  # a custom role with at least triage rights
        return None if role == "none" else role

    def is_editor(self, login: str) -> bool:
        role = self.role_of(login)
        log.info("Käyttäjän %s rooli: %s", login, role or "ei oikeuksia")
        return role in EDITOR_ROLES

    # -- labels of the repository --------------------------------------------------------

    def label_names(self) -> set[str]:
        """The repository's labels, lower-cased (GitHub compares them case-insensitively)."""
        return {label.name.lower() for label in self.repository.labels()}

    def ensure_label(self, name: str, color: str, description: str) -> str:
        """Create the label or bring its colour and description up to date."""
        try:
            label = self.repository.label(name)
        except gh_errors.NotFoundError:
            label = None
        if label is None:
            self._write(
                f"tunniste {name}",
                lambda: self.repository.create_label(name, color, description),
                lambda: self._label_or_none(name),
            )
            log.info("Luotiin tunniste %s", name)
            return "created"
        if label.color.lower() == color.lower() and (label.description or "") == description:
            return "unchanged"
        label.update(label.name, color, description)
        log.info("Päivitettiin tunniste %s", name)
        return "updated"

    def _label_or_none(self, name: str) -> Any | None:
        try:
            return self.repository.label(name)
        except gh_errors.NotFoundError:
            return None

    # -- branches and files --------------------------------------------------------------

    def branch_sha(self, branch: str) -> str | None:
        try:
            ref = self.repository.ref(f"heads/{branch}")
        except gh_errors.NotFoundError:
            return None
        return None if ref is None else str(ref.object.sha)

    def create_branch(self, branch: str, sha: str) -> None:
        self._write(
            f"haara {branch}",
            lambda: self.repository.create_ref(f"refs/heads/{branch}", sha),
            lambda: True if self.branch_sha(branch) is not None else None,
        )
        log.info("Luotiin haara %s", branch)

    def reset_branch(self, branch: str, sha: str) -> None:
        """Point an existing branch at `sha` (a forced update: the old commits are left)."""
        repo = self.repository
        url = repo._build_url("git", "refs", "heads", *branch.split("/"), base_url=repo._api)
        repo._json(repo._patch(url, data=json.dumps({"sha": sha, "force": True})), 200)
        log.info("Haara %s aloitettiin alusta oletushaarasta", branch)

    def read_file(self, path: str, ref: str) -> FileState | None:
        try:
            contents = self.repository.file_contents(path, ref=ref)
        except gh_errors.NotFoundError:
            return None
        if contents is None or getattr(contents, "type", "file") != "file":
            return None
        return FileState(contents.decoded.decode("utf-8"), str(contents.sha))

    def list_dir(self, path: str, ref: str) -> list[str]:
        """Names in a directory (empty when it does not exist)."""
        try:
            entries = self.repository.directory_contents(path, ref=ref)
        except (gh_errors.NotFoundError, gh_errors.UnprocessableResponseBody):
            return []
        return sorted(name for name, _ in entries)

    def put_file_if_changed(
        self,
        branch: str,
        path: str,
        text: str,
        message: str,
        *,
        known: bool = False,
        current: FileState | None = None,
    ) -> bool:
        """Commit `text` to `path` on `branch` unless it is already there; True if committed.

        The Contents API makes a commit even for identical content, so compare first; with
        `known`, `current` is what the branch has (None: no file) and is not read again.
        """
        if not known:
            current = self.read_file(path, branch)
        if current is not None and current.text == text:
            return False
        repo = self.repository
        url = repo._build_url("contents", *path.split("/"), base_url=repo._api)
        data: dict[str, Any] = {
            "message": message,
            "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
            "branch": branch,
        }
        if current is not None:
            data["sha"] = current.sha

        def write() -> bool:
            response = repo._put(url, data=json.dumps(data))
            if response.status_code not in (200, 201):
                raise gh_errors.error_for(response)
            return True

        def done() -> bool | None:
            now = self.read_file(path, branch)
            return True if now is not None and now.text == text else None

        self._write(f"{branch}:{path}", write, done)
        log.info("Kirjoitettiin %s haaraan %s", path, branch)
        return True

    # -- pull requests -------------------------------------------------------------------

    def open_pull(self, branch: str) -> Any | None:
        for pull in self.repository.pull_requests(state="open", head=f"{self.owner}:{branch}"):
            return pull
        return None

    def closed_unmerged_pull(self, branch: str, head_sha: str) -> Any | None:
        """A pull request of `branch` that editors closed without merging at `head_sha`."""
        for pull in self.repository.pull_requests(state="closed", head=f"{self.owner}:{branch}"):
            if pull.merged_at is None and pull.head.sha == head_sha:
                return pull
        return None

    def create_pull(self, branch: str, title: str, body: str) -> Any:
        pull = self._write(
            f"pull request {branch}",
            lambda: self.repository.create_pull(title, self.default_branch, branch, body=body),
            lambda: self.open_pull(branch),
        )
        log.info("Avattiin pull request #%d %s", pull.number, pull.html_url)
        return pull

    def update_pull(self, pull: Any, title: str, body: str) -> bool:
        changes = {
            key: value
            for key, value in (("title", title), ("body", body))
            if (getattr(pull, key) or "") != value
        }
        if not changes:
            return False
        pull.update(**changes)
        log.info("Päivitettiin pull request #%d (%s)", pull.number, ", ".join(changes))
        return True


def with_repo(
    work: Callable[[Repo], object],
    env: Mapping[str, str] | None = None,
    *,
    sleep: Sleep | None = None,
    clock_fn: Callable[[], float] = time.time,
) -> int:
    """Run `work` against the repository of the environment (`GITHUB_TOKEN`,
    `GITHUB_REPOSITORY`, `GITHUB_API_URL`): a GitHub failure becomes one Finnish
    `GitHubError`, and the calls made are logged either way. Returns the exit code, 0."""
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
