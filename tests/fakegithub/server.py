"""A fake GitHub REST API for tests: one repository, real HTTP on 127.0.0.1.

The fake keeps issues, pull requests (sharing the issue numbers, as on GitHub),
comments, labels, collaborator roles, git refs, commits, file trees and Actions workflows
(their state: active or disabled) in memory and answers with GitHub's response shapes
(templates in ``fixtures/``, copied from real recordings and GitHub's docs). Every ``url``
in a body points back at the fake, so github3.py can follow it. It never contacts GitHub.

Start it::

    from fakegithub import FakeGitHub

    with FakeGitHub(owner="lappeenranta", repo="talkoot") as fake:
        number = fake.add_issue(title="Uusi tapahtuma", body="...", labels=["tapahtuma"])
        ...

or use the ``fake_github`` pytest fixture from ``fakegithub.pytest_plugin``.

Pointing github3.py 4.0.1 at it (the Action needs the same code for ``GITHUB_API_URL``):
``github3.GitHubEnterprise(url)`` appends ``/api/v3`` to ``url``, which is wrong for
``GITHUB_API_URL`` (on github.com it is ``https://api.github.com``; on GitHub Enterprise
Server it already ends in ``/api/v3``). Create a plain ``GitHub`` and set the session's
``base_url`` instead::

    import os
    import github3
    from github3.session import GitHubSession

    session = GitHubSession(default_connect_timeout=5, default_read_timeout=20)
    gh = github3.GitHub(token=os.environ["GITHUB_TOKEN"], session=session)
    gh.session.base_url = os.environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    owner, name = os.environ["GITHUB_REPOSITORY"].split("/", 1)
    repo = gh.repository(owner, name)

``fake.env(event_path)`` gives those environment variables for the fake, and
``fake.client()`` returns a ``github3.GitHub`` set up exactly like this. The fake also
answers under ``/api/v3/…`` (bodies then use ``http://127.0.0.1:PORT/api/v3`` as their
base), so ``GitHubEnterprise(fake.url)`` works as well.

github3.py has no call for the collaborator-permission endpoint; use its helpers::

    url = repo._build_url("collaborators", login, "permission", base_url=repo._api)
    data = repo._json(repo._get(url), 200)  # {"permission": "write", "role_name": ...}

github3.py 4.0.1 has no calls for Actions workflows; send them through its session::

    url = repo._build_url("actions", "workflows", base_url=repo._api)
    data = gh.session.get(url, params={"per_page": 100}).json()  # total_count, workflows
    gh.session.put(f"{url}/{workflow_id}/enable")  # 204; workflow_id or the file name

Seed them with ``add_workflow(path, name, state=...)``; GitHub's states are ``active``,
``disabled_inactivity`` (a scheduled workflow after 60 days without repository activity),
``disabled_manually``, ``disabled_fork`` and ``deleted``. ``actions_permission`` ("write",
"read" or "none") is what the token may do with them, as a workflow's ``permissions:``.

Label changes and closing/reopening are recorded as issue events with their actor
(``update_issue(..., by=login)`` acts as that person, API calls as ``actor``), served at
``GET …/issues/{n}/events`` and ``…/timeline`` in GitHub's issue-event shape (``event``,
``actor``, ``label: {name, color}``). ``GET …/issues/comments?since=`` lists the comments
of every issue. ``POST /graphql`` (and ``/api/graphql``, as on GHES) answers the
``deleteIssue`` mutation for an issue's ``node_id``; with ``token_is_admin = False`` it
answers as GitHub does for a token without the admin right (status 200, an error of type
``FORBIDDEN``).

Faults (for retry tests) are queued with ``fail_server_error``, ``fail_timeout``,
``fail_disconnect``, ``fail_secondary_rate_limit`` and ``fail_rate_limit``; each takes a
method and a path regex (``re.search`` on the decoded path, e.g. ``r"/issues/7/labels$"``)
and applies to the next ``times`` matching requests without changing any state.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import hashlib
import html
import json
import math
import re
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

FIXTURES = Path(__file__).with_name("fixtures")
_TEMPLATES: dict[str, Any] = {
    name: json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    for name in (
        "user",
        "repository",
        "webhook-repository",
        "issue",
        "comment",
        "label",
        "pull",
        "contents",
        "commit",
        "ref",
        "workflow",
    )
}
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")

DOCS = "https://docs.github.com/rest"
BOT_LOGIN = "github-actions[bot]"
BOT_ID = 41898282
ROLES = ("admin", "maintain", "write", "triage", "read")
WORKFLOW_STATES = (
    "active",
    "deleted",
    "disabled_fork",
    "disabled_inactivity",
    "disabled_manually",
)
_NOT_ACCESSIBLE = "Resource not accessible by integration"
_WORKFLOWS_DOCS = "https://docs.github.com/rest/actions/workflows"
_ROLE_ALIASES = {"push": "write", "pull": "read"}
# GET /collaborators/{user}/permission: `permission` is the legacy level, `role_name` the role.
_ROLE_PERMISSION = {
    "admin": "admin",
    "maintain": "write",
    "write": "write",
    "triage": "read",
    "read": "read",
    "none": "none",
}
_ROLE_RANK = {"none": 0, "read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}
# Keys of a full pull request that the list endpoint leaves out.
_PULL_DETAIL_KEYS = (
    "merged",
    "mergeable",
    "rebaseable",
    "mergeable_state",
    "merged_by",
    "comments",
    "review_comments",
    "maintainer_can_modify",
    "commits",
    "additions",
    "deletions",
    "changed_files",
)
# Keys of the full repository that a pull request's head/base repository leaves out.
_REPO_DETAIL_KEYS = (
    "web_commit_signoff_required",
    "permissions",
    "temp_clone_token",
    "allow_squash_merge",
    "allow_merge_commit",
    "allow_rebase_merge",
    "allow_auto_merge",
    "delete_branch_on_merge",
    "allow_update_branch",
    "use_squash_pr_title_as_default",
    "organization",
    "network_count",
    "subscribers_count",
)
_CLOSING_KEYWORD = re.compile(
    r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b", re.IGNORECASE
)
_SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
    "again. If you reach out to GitHub Support for help, please include the request ID {rid}."
)
_SECONDARY_DOCS = (
    "https://docs.github.com/free-pro-team@latest/rest/overview/"
    "rate-limits-for-the-rest-api#about-secondary-rate-limits"
)
_PRIMARY_MESSAGE = (
    "API rate limit exceeded for installation ID 48213467. If you reach out to GitHub "
    "Support for help, please include the request ID {rid}."
)
_PRIMARY_DOCS = (
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"
)
_UNICORN_502 = (
    '<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" '
    'content="text/html; charset=utf-8">\n    <title>Unicorn! &middot; GitHub</title>\n'
    "  </head>\n  <body>\n    <p><strong>We couldn't respond to your request in time.</strong>"
    "</p>\n    <p>Sorry about that. Please try refreshing and contact us if the problem "
    "persists.</p>\n  </body>\n</html>\n"
)
FAULT_KINDS = ("server_error", "timeout", "disconnect", "secondary_rate_limit", "rate_limit")


def _render(template: Any, values: dict[str, Any]) -> Any:
    """Deep-copy a template, replacing ``${name}`` in strings."""
    if isinstance(template, dict):
        return {key: _render(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [_render(value, values) for value in template]
    if isinstance(template, str) and "${" in template:
        return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)
    return template


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _epoch(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())


def _node_id(prefix: str, number: int) -> str:
    return prefix + base64.b64encode(f"fake{number:012d}".encode()).decode().rstrip("=")


def user_id(login: str) -> int:
    """Deterministic numeric id of a login (the bot gets its real id)."""
    if login == BOT_LOGIN:
        return BOT_ID
    return 1_000_000 + int(hashlib.sha1(login.lower().encode()).hexdigest()[:7], 16)


def git_blob_sha(data: bytes) -> str:
    """The git blob SHA-1 of ``data`` (what GitHub shows as a file's ``sha``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _b64_lines(data: bytes) -> str:
    """Base64 the way GitHub sends file contents: lines of 60 characters, each ending in \\n."""
    encoded = base64.b64encode(data).decode("ascii")
    return "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))


def _markdown_html(text: str | None) -> str:
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"(?:\r?\n){2,}", text.strip()) if p.strip()]
    return "\n".join(
        "<p>" + html.escape(p).replace("\r\n", "<br>\n").replace("\n", "<br>\n") + "</p>"
        for p in paragraphs
    )


def _as_bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


class ApiError(Exception):
    """An error answer in GitHub's shape: message, errors[], documentation_url, status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        doc: str = DOCS,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
        self.errors = errors
        self.doc = doc
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        body["documentation_url"] = self.doc
        body["status"] = str(self.status)
        return body


def _not_found(doc: str = DOCS) -> ApiError:
    return ApiError(404, "Not Found", doc=doc)


def _invalid(resource: str, code: str, field_name: str | None = None, **extra: Any) -> ApiError:
    error: dict[str, Any] = {"resource": resource, "code": code}
    if field_name is not None:
        error["field"] = field_name
    error.update(extra)
    return ApiError(422, "Validation Failed", errors=[error])


def _not_supplied(name: str) -> ApiError:
    return ApiError(422, f'Invalid request.\n\n"{name}" wasn\'t supplied.')


@dataclass
class Fault:
    """A queued fault: applies to the next ``times`` requests matching method and path."""

    kind: str
    method: str | None
    path: re.Pattern[str] | None
    times: int
    params: dict[str, Any]
    hits: int = 0

    @property
    def remaining(self) -> int:
        return self.times - self.hits

    def matches(self, method: str, path: str) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        return self.path is None or self.path.search(path) is not None


@dataclass(frozen=True)
class LoggedRequest:
    """One request the fake received."""

    method: str
    path: str  # percent-decoded, without the query string and without an /api/v3 prefix
    query: dict[str, str]
    json: Any
    status: int | None  # None when a fault dropped the connection
    fault: str | None = None
    raw_path: str = ""

    @property
    def is_write(self) -> bool:
        return self.method != "GET"


@dataclass
class _Response:
    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop_after: float | None = None  # close the connection without answering


@dataclass
class _Ctx:
    method: str
    path: str
    raw_path: str
    query: dict[str, str]
    json: Any
    headers: Message
    base: str
    media: frozenset[str]


_BAD_JSON = object()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server_version = "GitHub.com"
    sys_version = ""
    fake: FakeGitHub

    def version_string(self) -> str:
        return "GitHub.com"

    def setup(self) -> None:
        super().setup()
        with self.fake._lock:
            self.fake._connections.add(self.connection)

    def finish(self) -> None:
        with self.fake._lock:
            self.fake._connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        response = self.fake._handle(self.command, self.path, self.headers, raw)
        if response.drop_after is not None:
            if response.drop_after > 0:
                self.fake._stopping.wait(response.drop_after)
            self.close_connection = True
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.body is not None:
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if response.body:
            self.wfile.write(response.body)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve


_REPO_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (method, re.compile(pattern), name)
    for method, pattern, name in [
        ("GET", r"", "_get_repo"),
        ("GET", r"/issues", "_list_issues"),
        ("POST", r"/issues", "_create_issue"),
        ("GET", r"/issues/comments", "_list_repo_comments"),
        ("GET", r"/issues/comments/(\d+)", "_get_comment"),
        ("PATCH", r"/issues/comments/(\d+)", "_edit_comment"),
        ("DELETE", r"/issues/comments/(\d+)", "_delete_comment"),
        ("GET", r"/issues/(\d+)", "_get_issue"),
        ("PATCH", r"/issues/(\d+)", "_edit_issue"),
        ("GET", r"/issues/(\d+)/comments", "_list_comments"),
        ("POST", r"/issues/(\d+)/comments", "_create_comment"),
        ("GET", r"/issues/(\d+)/events", "_list_issue_events"),
        ("GET", r"/issues/(\d+)/timeline", "_list_issue_events"),
        ("GET", r"/issues/(\d+)/labels", "_list_issue_labels"),
        ("POST", r"/issues/(\d+)/labels", "_add_issue_labels"),
        ("PUT", r"/issues/(\d+)/labels", "_set_issue_labels"),
        ("DELETE", r"/issues/(\d+)/labels", "_clear_issue_labels"),
        ("DELETE", r"/issues/(\d+)/labels/(.+)", "_remove_issue_label"),
        ("GET", r"/labels", "_list_labels"),
        ("POST", r"/labels", "_create_label"),
        ("GET", r"/labels/(.+)", "_get_label"),
        ("PATCH", r"/labels/(.+)", "_edit_label"),
        ("DELETE", r"/labels/(.+)", "_delete_label"),
        ("GET", r"/collaborators/([^/]+)/permission", "_get_permission"),
        ("GET", r"/collaborators/([^/]+)", "_check_collaborator"),
        ("GET", r"/git/ref/(.+)", "_get_ref"),
        ("GET", r"/git/refs/?", "_list_refs"),
        ("GET", r"/git/refs/(.+)", "_get_refs_legacy"),
        ("GET", r"/git/matching-refs/(.*)", "_matching_refs"),
        ("POST", r"/git/refs", "_create_ref"),
        ("PATCH", r"/git/refs/(.+)", "_update_ref"),
        ("DELETE", r"/git/refs/(.+)", "_delete_ref"),
        ("GET", r"/contents/?", "_get_contents"),
        ("GET", r"/contents/(.+)", "_get_contents"),
        ("PUT", r"/contents/(.+)", "_put_contents"),
        ("DELETE", r"/contents/(.+)", "_delete_contents"),
        ("GET", r"/pulls", "_list_pulls"),
        ("POST", r"/pulls", "_create_pull"),
        ("GET", r"/pulls/(\d+)", "_get_pull"),
        ("PATCH", r"/pulls/(\d+)", "_edit_pull"),
        ("GET", r"/actions/workflows", "_list_workflows"),
        ("GET", r"/actions/workflows/([^/]+)", "_get_workflow"),
        ("PUT", r"/actions/workflows/([^/]+)/enable", "_enable_workflow"),
        ("PUT", r"/actions/workflows/([^/]+)/disable", "_disable_workflow"),
    ]
]

_Result = tuple[int, Any] | tuple[int, Any, dict[str, str]]


class FakeGitHub:
    """A stateful in-memory GitHub for one repository, served on 127.0.0.1.

    Use as a context manager (or call :meth:`start` / :meth:`stop`). All public
    helpers are thread-safe and do not show up in the request log.
    """

    def __init__(
        self,
        owner: str = "lappeenranta",
        repo: str = "talkoot",
        *,
        default_branch: str = "main",
        token: str = "ghs_fakeGitHubToken0123456789abcdefABCDEF",
        actor: str = BOT_LOGIN,
        owner_type: str = "Organization",
        initial_files: dict[str, str | bytes] | None = None,
        non_collaborator: str | int = "none",
        rate_limit: int = 5000,
        web_url: str = "https://github.com",
        start_time: str = "2025-03-01T09:00:00Z",
        repo_id: int = 812345678,
        github_default_labels: bool = False,
        actions_permission: str = "write",
    ) -> None:
        self.owner = owner
        self.repo = repo
        self.full_name = f"{owner}/{repo}"
        self.default_branch = default_branch
        self.token = token
        self.actor = actor
        self.owner_type = owner_type
        self.web_url = web_url.rstrip("/")
        self.repo_id = repo_id
        #: Answer for users without a role: "none" or "read" (200), or 404.
        self.non_collaborator: str | int = non_collaborator
        #: What the token may do with Actions workflows: "write", "read" or "none".
        self.actions_permission = actions_permission
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._clock = _epoch(start_time)
        self._created_at = _iso(self._clock)
        self._rate_limit = rate_limit
        self._rate_remaining = rate_limit
        self._rate_reset = int(time.time()) + 3600
        self._request_counter = 0
        self._faults: list[Fault] = []
        self._log: list[LoggedRequest] = []
        # state
        self._issues: dict[int, dict[str, Any]] = {}
        self._comments: dict[int, dict[str, Any]] = {}
        #: Issue events (labeled, unlabeled, closed, reopened), oldest first.
        self._events: list[dict[str, Any]] = []
        self._next_event_id = 15_900_000_001
        #: Whether the token may delete issues (GraphQL `deleteIssue` needs an admin).
        self.token_is_admin = True
        self._labels: dict[int, dict[str, Any]] = {}
        self._permissions: dict[str, str] = {}
        self._refs: dict[str, str] = {}
        self._commits: dict[str, dict[str, Any]] = {}
        self._blobs: dict[str, bytes] = {}
        self._next_comment_id = 2_400_000_001
        self._next_label_id = 7_100_000_001
        self._workflows: dict[int, dict[str, Any]] = {}
        self._next_workflow_id = 98_000_001
        if github_default_labels:
            for name, color, description in _GITHUB_DEFAULT_LABELS:
                self._new_label(name, color, description, default=True)
        files = {"README.md": f"# {repo}\n"} if initial_files is None else initial_files
        root = self._commit(
            None,
            {path: _as_bytes(text) for path, text in files.items()},
            "Initial commit",
            {"name": owner, "email": f"{owner}@users.noreply.github.com"},
        )
        self._refs[f"refs/heads/{default_branch}"] = root

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FakeGitHub:
        handler = type("FakeGitHubHandler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="fake-github",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:  # idle keep-alive connections of the clients
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake GitHub is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base API URL, e.g. ``http://127.0.0.1:41234`` (use as ``GITHUB_API_URL``)."""
        return f"http://127.0.0.1:{self.port}"

    def env(
        self, event_path: str | Path | None = None, event_name: str = "issues"
    ) -> dict[str, str]:
        """Environment variables an Action run against this fake would see."""
        env = {
            "GITHUB_API_URL": self.url,
            "GITHUB_SERVER_URL": self.web_url,
            "GITHUB_TOKEN": self.token,
            "GITHUB_REPOSITORY": self.full_name,
            "GITHUB_REPOSITORY_OWNER": self.owner,
            "GITHUB_EVENT_NAME": event_name,
        }
        if event_path is not None:
            env["GITHUB_EVENT_PATH"] = str(event_path)
        return env

    def client(self, *, read_timeout: float = 10.0, connect_timeout: float = 5.0) -> Any:
        """A ``github3.GitHub`` pointed at this fake (see the module docstring)."""
        import github3
        from github3.session import GitHubSession

        session = GitHubSession(
            default_connect_timeout=connect_timeout, default_read_timeout=read_timeout
        )
        session.trust_env = False  # never send 127.0.0.1 through an HTTP(S)_PROXY
        gh = github3.GitHub(token=self.token, session=session)
        gh.session.base_url = self.url
        return gh

    # ------------------------------------------------------------------ seeding helpers
    def add_issue(
        self,
        number: int | None = None,
        title: str = "Test issue",
        body: str | None = "",
        labels: Iterable[str] = (),
        user: str = "osallistuja",
        state: str = "open",
        state_reason: str | None = None,
        created_at: str | None = None,
        *,
        author_association: str | None = None,
        assignees: Iterable[str] = (),
        form: bool = False,
    ) -> int:
        """Create an issue as if a person had opened it; returns its number.

        Unknown labels are created (colour ``ededed``), as GitHub does for labels given
        through the API. With ``form`` the issue comes from an issue form, whose labels
        GitHub applies only if they exist: unknown ones are dropped ("If a label does not
        already exist in the repository, it will not be automatically added to the
        issue", docs.github.com, syntax for issue forms).
        """
        with self._lock:
            if number is None:
                number = self._next_number()
            if number in self._issues:
                raise ValueError(f"issue #{number} already exists")
            stamp = created_at or self._tick()
            # GitHub's clock never runs behind an issue's creation: what happens later
            # (comments, labels, closing) gets a later time.
            self._clock = max(self._clock, _epoch(stamp))
            issue = self._new_issue(number, title, body, user, stamp, author_association)
            if form:
                found = (self._find_label(name) for name in labels)
                issue["labels"] = [label["id"] for label in found if label is not None]
            else:
                issue["labels"] = [self._label_for(name)["id"] for name in labels]
            issue["assignees"] = list(assignees)
            if state == "closed":
                issue.update(
                    state="closed",
                    state_reason=state_reason or "completed",
                    closed_at=stamp,
                    closed_by=user,
                )
            elif state_reason is not None:
                issue["state_reason"] = state_reason
            self._issues[number] = issue
            self._record_events(issue, [], "open", user)
            return number

    def update_issue(self, number: int, *, by: str | None = None, **fields: Any) -> None:
        """Change an issue as a person on the web would (title, body, state, labels, …)."""
        with self._lock:
            self._apply_issue_edit(self._issue(number), fields, by or self.owner)

    def add_comment(self, number: int, body: str, user: str = "osallistuja") -> int:
        """Add a comment as ``user``; returns the comment id."""
        with self._lock:
            return self._new_comment(self._issue(number), body, user)["id"]

    def update_comment(self, comment_id: int, body: str) -> None:
        """Change a comment's text, as its author would on the web."""
        with self._lock:
            comment = self._comments[comment_id]
            comment["body"] = body
            comment["updated_at"] = self._tick()

    def add_label(self, name: str, color: str = "ededed", description: str | None = None) -> None:
        """Create a repository label."""
        with self._lock:
            if self._find_label(name) is not None:
                raise ValueError(f"label {name!r} already exists")
            self._new_label(name, color, description)

    def delete_label(self, name: str) -> None:
        """Delete a repository label (and take it off every issue), as on the web."""
        with self._lock:
            label = self._find_label(name)
            if label is None:
                raise ValueError(f"no label {name!r}")
            del self._labels[label["id"]]
            for issue in self._issues.values():
                if label["id"] in issue["labels"]:
                    issue["labels"].remove(label["id"])

    def add_workflow(self, path: str, name: str | None = None, state: str = "active") -> int:
        """Add an Actions workflow file (``.github/workflows/x.yml``); returns its id.

        ``name`` is the workflow's ``name:`` (GitHub shows the path when there is none).
        """
        if state not in WORKFLOW_STATES:
            raise ValueError(f"unknown workflow state {state!r}")
        with self._lock:
            if any(w["path"] == path for w in self._workflows.values()):
                raise ValueError(f"workflow {path!r} already exists")
            stamp = self._tick()
            workflow = {
                "id": self._next_workflow_id,
                "name": name or path,
                "path": path,
                "state": state,
                "created_at": stamp,
                "updated_at": stamp,
            }
            self._next_workflow_id += 1
            self._workflows[workflow["id"]] = workflow
            return int(workflow["id"])

    def set_workflow_state(self, path: str, state: str) -> None:
        """Change a workflow's state as GitHub or a person on the web would."""
        if state not in WORKFLOW_STATES:
            raise ValueError(f"unknown workflow state {state!r}")
        with self._lock:
            workflow = self._workflow_by_path(path)
            if workflow["state"] != state:
                workflow.update(state=state, updated_at=self._tick())

    def set_permission(self, user: str, role: str | None) -> None:
        """Give ``user`` a role: admin, maintain, write, triage, read (or None/"none")."""
        role = _ROLE_ALIASES.get(role or "none", role or "none")
        if role not in (*ROLES, "none"):
            raise ValueError(f"unknown role {role!r}")
        with self._lock:
            if role == "none":
                self._permissions.pop(user.lower(), None)
            else:
                self._permissions[user.lower()] = role

    def set_file(
        self, branch: str, path: str, text: str | bytes | None, message: str | None = None
    ) -> str:
        """Commit ``text`` to ``path`` on ``branch`` (None deletes); returns the commit sha.

        A missing branch is created from the default branch first.
        """
        with self._lock:
            ref = f"refs/heads/{branch}"
            if ref not in self._refs:
                self._refs[ref] = self._refs[f"refs/heads/{self.default_branch}"]
            parent = self._refs[ref]
            tree = dict(self._tree(parent))
            if text is None:
                tree.pop(path, None)
            else:
                tree[path] = _as_bytes(text)
            sha = self._commit(
                parent,
                tree,
                message or f"Update {path}",
                {"name": self.owner, "email": f"{self.owner}@users.noreply.github.com"},
            )
            self._refs[ref] = sha
            return sha

    def create_branch(self, branch: str, from_branch: str | None = None) -> str:
        """Create ``branch`` at the tip of ``from_branch`` (default branch); returns the sha."""
        with self._lock:
            sha = self._refs[f"refs/heads/{from_branch or self.default_branch}"]
            self._refs[f"refs/heads/{branch}"] = sha
            return sha

    def delete_branch(self, branch: str) -> None:
        with self._lock:
            self._drop_branch(f"refs/heads/{branch}")

    def merge_pull(self, number: int, by: str | None = None) -> str:
        """Merge a pull request as a maintainer would on the web; returns the merge commit.

        Applies the head's changes (since the merge base) onto the base branch, closes the
        pull request, and closes issues referenced with closing keywords (``Closes #7``)
        when the base is the default branch.
        """
        with self._lock:
            issue = self._issue(number)
            pull = issue["pull"]
            if pull is None or issue["state"] != "open":
                raise ValueError(f"#{number} is not an open pull request")
            by = by or self.owner
            base_ref = f"refs/heads/{pull['base']}"
            head_sha = self._refs.get(f"refs/heads/{pull['head']}", pull["head_sha"])
            base_sha = self._refs[base_ref]
            merge_base = self._merge_base(base_sha, head_sha)
            old = self._commits[merge_base]["tree"] if merge_base else {}
            new = self._commits[head_sha]["tree"]
            tree = self._tree(base_sha)
            for path in set(old) | set(new):
                if old.get(path) != new.get(path):
                    if path in new:
                        tree[path] = self._blobs[new[path]]
                    else:
                        tree.pop(path, None)
            sha = self._commit(
                base_sha,
                tree,
                f"Merge pull request #{number} from {self.owner}/{pull['head']}"
                f"\n\n{issue['title']}",
                {"name": by, "email": f"{by}@users.noreply.github.com"},
                extra_parents=[head_sha],
            )
            self._refs[base_ref] = sha
            now = self._tick()
            pull.update(merged=True, merged_at=now, merged_by=by, merge_commit_sha=sha)
            pull["head_sha"] = head_sha
            issue.update(state="closed", closed_at=now, closed_by=by, updated_at=now)
            if pull["base"] == self.default_branch:
                for match in _CLOSING_KEYWORD.finditer(issue["body"] or ""):
                    target = self._issues.get(int(match.group(1)))
                    if target is not None and target["pull"] is None and target["state"] == "open":
                        target.update(
                            state="closed",
                            state_reason="completed",
                            closed_at=now,
                            closed_by=by,
                            updated_at=now,
                        )
            return sha

    def set_rate_limit(self, *, remaining: int | None = None, limit: int | None = None) -> None:
        """Set the primary rate limit; at 0 remaining every request gets GitHub's 403."""
        with self._lock:
            if limit is not None:
                self._rate_limit = limit
            if remaining is not None:
                self._rate_remaining = remaining

    # ------------------------------------------------------------------ inspection helpers
    def issue(self, number: int) -> dict[str, Any]:
        """Plain view of an issue (or pull request) as stored."""
        with self._lock:
            issue = self._issue(number)
            return {
                "number": number,
                "title": issue["title"],
                "body": issue["body"],
                "user": issue["user"],
                "labels": [self._labels[i]["name"] for i in issue["labels"]],
                "assignees": list(issue["assignees"]),
                "state": issue["state"],
                "state_reason": issue["state_reason"],
                "created_at": issue["created_at"],
                "updated_at": issue["updated_at"],
                "closed_at": issue["closed_at"],
                "closed_by": issue["closed_by"],
                "comments": len(self._comments_of(number)),
                "is_pull_request": issue["pull"] is not None,
            }

    def events(self, number: int) -> list[dict[str, Any]]:
        """Events of an issue, oldest first: event, actor, label (name or None)."""
        with self._lock:
            return [
                {
                    "event": e["event"],
                    "actor": e["actor"],
                    "label": e["label"][0] if e["label"] else None,
                }
                for e in self._events
                if e["issue"] == number
            ]

    def issues(self) -> list[int]:
        """Numbers of all issues and pull requests."""
        with self._lock:
            return sorted(self._issues)

    def comments(self, number: int) -> list[dict[str, Any]]:
        """Comments of an issue, oldest first: id, body, user, created_at, updated_at."""
        with self._lock:
            return [
                {key: c[key] for key in ("id", "body", "user", "created_at", "updated_at")}
                for c in self._comments_of(number)
            ]

    def labels(self, number: int | None = None) -> list[str]:
        """Label names on issue ``number``, or all repository labels when None."""
        with self._lock:
            if number is None:
                return [label["name"] for label in self._labels.values()]
            return [self._labels[i]["name"] for i in self._issue(number)["labels"]]

    def label(self, name: str) -> dict[str, Any] | None:
        """A repository label (name, color, description, default) or None."""
        with self._lock:
            found = self._find_label(name)
            return None if found is None else {k: v for k, v in found.items() if k != "id"}

    def permission(self, user: str) -> str:
        """The role of ``user`` ("none" when it has none)."""
        with self._lock:
            return self._permissions.get(user.lower(), "none")

    def workflows(self) -> dict[str, str]:
        """Workflow path → state."""
        with self._lock:
            return {w["path"]: w["state"] for w in self._workflows.values()}

    def pulls(self) -> list[dict[str, Any]]:
        """All pull requests, oldest first."""
        with self._lock:
            return [self.pull(n) for n, i in sorted(self._issues.items()) if i["pull"]]

    def pull(self, number: int) -> dict[str, Any]:
        with self._lock:
            issue = self._issue(number)
            pull = issue["pull"]
            if pull is None:
                raise KeyError(f"#{number} is an issue, not a pull request")
            return {
                "number": number,
                "title": issue["title"],
                "body": issue["body"],
                "user": issue["user"],
                "state": issue["state"],
                "head": pull["head"],
                "base": pull["base"],
                "head_sha": self._refs.get(f"refs/heads/{pull['head']}", pull["head_sha"]),
                "merged": pull["merged"],
                "draft": pull["draft"],
                "labels": [self._labels[i]["name"] for i in issue["labels"]],
            }

    def branches(self) -> dict[str, str]:
        """Branch name → commit sha."""
        with self._lock:
            return {
                ref.removeprefix("refs/heads/"): sha
                for ref, sha in sorted(self._refs.items())
                if ref.startswith("refs/heads/")
            }

    def files(self, branch: str | None = None) -> dict[str, bytes]:
        """All files on a branch (default branch when None)."""
        with self._lock:
            sha = self._refs[f"refs/heads/{branch or self.default_branch}"]
            return dict(self._tree(sha))

    def file_text(self, branch: str, path: str) -> str | None:
        """Text of ``path`` on ``branch``; None when the file or the branch does not exist."""
        with self._lock:
            sha = self._refs.get(f"refs/heads/{branch}")
            if sha is None:
                return None
            data = self._tree(sha).get(path)
            return None if data is None else data.decode("utf-8")

    def commit(self, sha: str) -> dict[str, Any]:
        """Message, parents, author and changed-file view of a commit."""
        with self._lock:
            commit = self._commits[sha]
            return {
                "sha": sha,
                "message": commit["message"],
                "parents": list(commit["parents"]),
                "author": dict(commit["author"]),
                "files": sorted(commit["tree"]),
            }

    def snapshot(self) -> dict[str, Any]:
        """Deep copy of all repository state (not the request log or rate-limit counters)."""
        with self._lock:
            return copy.deepcopy(
                {
                    "issues": self._issues,
                    "comments": self._comments,
                    "events": self._events,
                    "labels": self._labels,
                    "permissions": self._permissions,
                    "refs": self._refs,
                    "commits": self._commits,
                    "blobs": self._blobs,
                    "workflows": self._workflows,
                }
            )

    # ------------------------------------------------------------------ request log
    @property
    def requests(self) -> list[LoggedRequest]:
        """Every request received so far, in order."""
        with self._lock:
            return list(self._log)

    def calls(
        self, method: str | None = None, path: str | None = None, *, include_faults: bool = True
    ) -> list[LoggedRequest]:
        """Logged requests filtered by method and a path regex (``re.search``)."""
        pattern = re.compile(path) if path is not None else None
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper())
            and (pattern is None or pattern.search(r.path))
            and (include_faults or r.fault is None)
        ]

    def writes(self) -> list[LoggedRequest]:
        """Non-GET requests that reached the state (no fault, status below 400)."""
        return [
            r
            for r in self.requests
            if r.is_write and r.fault is None and r.status is not None and r.status < 400
        ]

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()

    # ------------------------------------------------------------------ faults
    def add_fault(
        self,
        kind: str,
        method: str | None = None,
        path: str | None = None,
        *,
        times: int = 1,
        **params: Any,
    ) -> Fault:
        """Queue a fault for the next ``times`` requests matching ``method`` and ``path``."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; use one of {FAULT_KINDS}")
        fault = Fault(kind, method, re.compile(path) if path else None, times, params)
        with self._lock:
            self._faults.append(fault)
        return fault

    def fail_server_error(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        times: int = 1,
        status: int = 502,
        html: bool = False,
        apply: bool = False,
    ) -> Fault:
        """Answer 5xx (``{"message": "Server Error"}`` or GitHub's HTML page when ``html``).

        ``apply=True`` performs the request first (the change happens, the answer is lost).
        """
        return self.add_fault(
            "server_error", method, path, times=times, status=status, html=html, apply=apply
        )

    def fail_timeout(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        times: int = 1,
        hold: float = 3.0,
        apply: bool = False,
    ) -> Fault:
        """Hold the connection ``hold`` seconds without answering, then close it."""
        return self.add_fault("timeout", method, path, times=times, hold=hold, apply=apply)

    def fail_disconnect(
        self, method: str | None = None, path: str | None = None, *, times: int = 1
    ) -> Fault:
        """Close the connection at once without answering."""
        return self.add_fault("disconnect", method, path, times=times)

    def fail_secondary_rate_limit(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        times: int = 1,
        retry_after: int | None = 1,
        status: int = 403,
    ) -> Fault:
        """403 (or 429) "You have exceeded a secondary rate limit" with ``Retry-After``.

        ``retry_after=None`` leaves the header out (GitHub then expects a wait of at least
        a minute).
        """
        return self.add_fault(
            "secondary_rate_limit",
            method,
            path,
            times=times,
            retry_after=retry_after,
            status=status,
        )

    def fail_rate_limit(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        times: int = 1,
        status: int = 403,
        reset_in: int = 1,
    ) -> Fault:
        """403 (or 429) "API rate limit exceeded" with X-RateLimit-Remaining 0 and a reset."""
        return self.add_fault(
            "rate_limit", method, path, times=times, status=status, reset_in=reset_in
        )

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return [f for f in self._faults if f.remaining > 0]

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # ------------------------------------------------------------------ webhook payloads
    def make_event(
        self,
        action: str,
        number: int,
        *,
        sender: str | None = None,
        label: str | None = None,
        changes: dict[str, Any] | None = None,
        **overrides: Any,
    ) -> dict[str, Any]:
        """An ``issues`` webhook payload (``github.event``) for the issue's current state.

        ``label`` (required for unlabeled) defaults to the issue's last label; ``changes``
        (edited) defaults to ``{}``, e.g. ``{"body": {"from": "old text"}}``. ``sender``
        defaults to the issue's author. Each keyword in ``overrides`` replaces that top-level
        key; a dict is merged into an existing dict (``issue={"body": None}``).
        """
        with self._lock:
            ctx = self._event_ctx()
            issue = self._issue(number)
            payload: dict[str, Any] = {"action": action, "issue": self._webhook_issue(ctx, issue)}
            if label is None and action == "labeled" and issue["labels"]:
                label = self._labels[issue["labels"][-1]]["name"]
            if label is None and action in ("labeled", "unlabeled"):
                raise ValueError(f"pass label= for an {action!r} event")
            if label is not None:
                found = self._find_label(label) or {  # a deleted label: not stored again
                    "id": 7_000_000_000 + user_id(label) % 100_000_000,
                    "name": label,
                    "color": "ededed",
                    "description": None,
                    "default": False,
                }
                payload["label"] = self._label_json(ctx, found)
            if action == "edited" or changes is not None:
                payload["changes"] = changes or {}
            payload["repository"] = self._webhook_repo(ctx)
            payload["sender"] = self._user_json(ctx, sender or issue["user"])
            return _merge(payload, overrides)

    def make_comment_event(
        self, action: str, comment_id: int, *, sender: str | None = None, **overrides: Any
    ) -> dict[str, Any]:
        """An ``issue_comment`` webhook payload for a stored comment."""
        with self._lock:
            ctx = self._event_ctx()
            comment = self._comments[comment_id]
            issue = self._issue(comment["issue"])
            comment_json = self._comment_json(ctx, comment)
            payload = {
                "action": action,
                "issue": self._webhook_issue(ctx, issue),
                "comment": comment_json,
                "repository": self._webhook_repo(ctx),
                "sender": self._user_json(ctx, sender or comment["user"]),
            }
            return _merge(payload, overrides)

    def write_event(self, path: str | Path, action: str, number: int, **kwargs: Any) -> Path:
        """Write :meth:`make_event` to ``path`` (for ``GITHUB_EVENT_PATH``)."""
        target = Path(path)
        payload = self.make_event(action, number, **kwargs)
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        return target

    # ================================================================== internals: state
    def _tick(self) -> str:
        self._clock += 1
        return _iso(self._clock)

    def _now(self) -> str:
        return _iso(self._clock)

    def _next_number(self) -> int:
        return max(self._issues, default=0) + 1

    def _issue(self, number: int) -> dict[str, Any]:
        try:
            return self._issues[number]
        except KeyError:
            raise KeyError(f"no issue #{number}") from None

    def _association(self, login: str) -> str:
        if login.lower() == self.owner.lower():
            return "OWNER"
        role = self._permissions.get(login.lower())
        if role is None:
            return "NONE"
        return "MEMBER" if self.owner_type == "Organization" else "COLLABORATOR"

    def _new_issue(
        self,
        number: int,
        title: str,
        body: str | None,
        user: str,
        stamp: str,
        association: str | None = None,
    ) -> dict[str, Any]:
        return {
            "number": number,
            "title": title,
            "body": body,
            "user": user,
            "labels": [],
            "assignees": [],
            "state": "open",
            "state_reason": None,
            "locked": False,
            "created_at": stamp,
            "updated_at": stamp,
            "closed_at": None,
            "closed_by": None,
            "author_association": association or self._association(user),
            "pull": None,
        }

    def _new_comment(self, issue: dict[str, Any], body: str, user: str) -> dict[str, Any]:
        stamp = self._tick()
        comment = {
            "id": self._next_comment_id,
            "issue": issue["number"],
            "body": body,
            "user": user,
            "created_at": stamp,
            "updated_at": stamp,
            "author_association": self._association(user),
        }
        self._next_comment_id += 1
        self._comments[comment["id"]] = comment
        issue["updated_at"] = stamp
        return comment

    def _record_events(
        self, issue: dict[str, Any], labels_before: list[int], state_before: str, actor: str
    ) -> None:
        """Issue events as GitHub records them: one per label added or removed, and a
        closed or reopened event when the state changed."""
        stamp = self._now()
        found: list[tuple[str, dict[str, Any] | None]] = []
        found += [
            ("unlabeled", self._labels.get(i)) for i in labels_before if i not in issue["labels"]
        ]
        found += [("labeled", self._labels[i]) for i in issue["labels"] if i not in labels_before]
        if issue["state"] != state_before:
            found.append(("closed" if issue["state"] == "closed" else "reopened", None))
        for kind, label in found:
            self._events.append(
                {
                    "id": self._next_event_id,
                    "issue": issue["number"],
                    "event": kind,
                    "actor": actor,
                    "label": None if label is None else (label["name"], label["color"]),
                    "state_reason": issue["state_reason"] if kind == "closed" else None,
                    "created_at": stamp,
                }
            )
            self._next_event_id += 1

    def _comments_of(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self._comments.values() if c["issue"] == number]

    def _find_label(self, name: str) -> dict[str, Any] | None:
        wanted = name.lower()
        for label in self._labels.values():
            if label["name"].lower() == wanted:
                return label
        return None

    def _new_label(
        self,
        name: str,
        color: str = "ededed",
        description: str | None = None,
        default: bool = False,
    ) -> dict[str, Any]:
        label = {
            "id": self._next_label_id,
            "name": name,
            "color": color.lower(),
            "description": description,
            "default": default,
        }
        self._next_label_id += 1
        self._labels[label["id"]] = label
        return label

    def _label_for(self, name: str) -> dict[str, Any]:
        """The label called ``name`` (case-insensitive), created with colour ededed if new."""
        return self._find_label(name) or self._new_label(name)

    def _apply_issue_edit(self, issue: dict[str, Any], data: dict[str, Any], by: str) -> bool:
        before = copy.deepcopy(issue)
        try:
            self._edit_fields(issue, data, by)
        except ApiError:
            issue.clear()
            issue.update(before)
            raise
        changed = issue != before
        if changed:
            stamp = self._tick()
            issue["updated_at"] = stamp
            if issue["closed_at"] is not None and before["closed_at"] is None:
                issue["closed_at"] = stamp
            self._record_events(issue, before["labels"], before["state"], by)
        return changed

    def _edit_fields(self, issue: dict[str, Any], data: dict[str, Any], by: str) -> None:
        if "title" in data:
            title = data["title"]
            if not isinstance(title, str | int) or str(title) == "":
                raise _invalid("Issue", "missing_field", "title")
            issue["title"] = str(title)
        if "body" in data:
            issue["body"] = data["body"]
        if "labels" in data:
            names = _label_names(data["labels"])
            issue["labels"] = _unique([self._label_for(name)["id"] for name in names])
        if "assignees" in data and data["assignees"] is not None:
            issue["assignees"] = [a for a in data["assignees"] if a]
        elif "assignee" in data:
            issue["assignees"] = [data["assignee"]] if data["assignee"] else []
        state = data.get("state")
        reason = data.get("state_reason")
        if state is not None and state not in ("open", "closed"):
            raise _invalid("Issue", "invalid", "state")
        if reason is not None and reason not in ("completed", "not_planned", "reopened"):
            raise _invalid("Issue", "invalid", "state_reason")
        if state == "closed" and issue["state"] != "closed":
            issue.update(
                state="closed",
                state_reason=reason or "completed",
                closed_at=self._now(),
                closed_by=by,
            )
        elif state == "open" and issue["state"] != "open":
            if (
                issue["pull"] is not None
                and f"refs/heads/{issue['pull']['head']}" not in self._refs
            ):
                raise _invalid(
                    "PullRequest",
                    "custom",
                    "state",
                    message="state cannot be changed. The head branch has been deleted.",
                )
            issue.update(state="open", state_reason="reopened", closed_at=None, closed_by=None)
        elif "state_reason" in data and issue["state"] == "closed" and reason != "reopened":
            issue["state_reason"] = reason or "completed"

    # git -----------------------------------------------------------------
    def _tree(self, sha: str) -> dict[str, bytes]:
        return {path: self._blobs[blob] for path, blob in self._commits[sha]["tree"].items()}

    def _commit(
        self,
        parent: str | None,
        files: dict[str, bytes],
        message: str,
        author: dict[str, str],
        *,
        extra_parents: Iterable[str] = (),
    ) -> str:
        tree: dict[str, str] = {}
        for path, data in sorted(files.items()):
            blob = git_blob_sha(data)
            self._blobs[blob] = data
            tree[path] = blob
        tree_sha = hashlib.sha1(
            "".join(f"{path}\0{blob}\n" for path, blob in tree.items()).encode()
        ).hexdigest()
        parents = ([parent] if parent else []) + list(extra_parents)
        stamp = self._tick()
        person = {"name": author["name"], "email": author["email"], "date": stamp}
        text = f"tree {tree_sha}\n" + "".join(f"parent {p}\n" for p in parents)
        ident = f"{person['name']} <{person['email']}> {_epoch(stamp)} +0000"
        text += f"author {ident}\ncommitter {ident}\n\n{message}"
        raw = text.encode()
        sha = hashlib.sha1(b"commit %d\0" % len(raw) + raw).hexdigest()
        self._commits[sha] = {
            "tree": tree,
            "tree_sha": tree_sha,
            "parents": parents,
            "message": message,
            "author": person,
            "committer": dict(person),
        }
        return sha

    def _ancestors(self, sha: str) -> set[str]:
        seen: set[str] = set()
        stack = [sha]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(self._commits[current]["parents"])
        return seen

    def _merge_base(self, a: str, b: str) -> str | None:
        ancestors = self._ancestors(a)
        queue = [b]
        seen: set[str] = set()
        while queue:
            current = queue.pop(0)
            if current in ancestors:
                return current
            if current in seen:
                continue
            seen.add(current)
            queue.extend(self._commits[current]["parents"])
        return None

    def _resolve_ref(self, ref: str | None) -> tuple[str, str] | None:
        """(commit sha, name used in URLs) for a branch, tag, full ref or commit sha."""
        name = ref or self.default_branch
        for candidate in (name, f"refs/heads/{name}", f"refs/tags/{name}"):
            if candidate in self._refs and candidate.startswith("refs/"):
                return self._refs[candidate], name
        if name in self._commits:
            return name, name
        return None

    def _drop_branch(self, ref: str) -> None:
        sha = self._refs.pop(ref)
        branch = ref.removeprefix("refs/heads/")
        stamp = None
        for issue in self._issues.values():
            pull = issue["pull"]
            if pull and pull["head"] == branch and issue["state"] == "open":
                pull["head_sha"] = sha
                stamp = stamp or self._tick()
                issue.update(
                    state="closed", closed_at=stamp, closed_by=self.actor, updated_at=stamp
                )

    # ================================================================== internals: HTTP
    def _handle(self, method: str, target: str, headers: Message, raw: bytes) -> _Response:
        split = urlsplit(target)
        raw_path = split.path
        prefix = ""
        if raw_path == "/api/v3" or raw_path.startswith("/api/v3/"):
            prefix = "/api/v3"
            raw_path = raw_path[len(prefix) :] or "/"
        path = unquote(raw_path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        body: Any = None
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                body = _BAD_JSON
        accept = headers.get("Accept", "")
        media = frozenset(
            kind
            for kind, marks in (
                ("html", ("full+json", "html+json")),
                ("text", ("full+json", "text+json")),
            )
            if any(mark in accept for mark in marks)
        )
        ctx = _Ctx(method, path, raw_path, query, body, headers, self.url + prefix, media)
        with self._lock:
            self._request_counter += 1
            fault = next((f for f in self._faults if f.matches(method, path)), None)
            if fault is not None:
                fault.hits += 1
        if fault is None:
            response = self._process(ctx)
        else:
            if fault.params.get("apply"):
                self._process(ctx)
            response = self._fault_response(ctx, fault)
        with self._lock:
            self._log.append(
                LoggedRequest(
                    method=method,
                    path=path,
                    query=query,
                    json=None if body is _BAD_JSON else body,
                    status=None if response.drop_after is not None else response.status,
                    fault=fault.kind if fault is not None else None,
                    raw_path=raw_path,
                )
            )
        return response

    def _process(self, ctx: _Ctx) -> _Response:
        with self._lock:
            try:
                self._check_auth(ctx)
                if ctx.path != "/rate_limit":
                    if self._rate_remaining <= 0:
                        raise self._primary_limit_error(self._rate_reset)
                    self._rate_remaining -= 1
                if ctx.json is _BAD_JSON:
                    raise ApiError(400, "Problems parsing JSON")
                result = self._route(ctx)
            except ApiError as err:
                return self._json_response(ctx, err.status, err.body(), err.headers)
            status, payload = result[0], result[1]
            extra = result[2] if len(result) > 2 else {}
            return self._json_response(ctx, status, payload, extra)

    def _check_auth(self, ctx: _Ctx) -> None:
        header = ctx.headers.get("Authorization")
        if not header:
            raise ApiError(401, "Requires authentication")
        scheme, _, credential = header.partition(" ")
        if scheme.lower() not in ("token", "bearer") or credential.strip() != self.token:
            raise ApiError(401, "Bad credentials")

    def _primary_limit_error(self, reset: int, status: int = 403) -> ApiError:
        return ApiError(
            status,
            _PRIMARY_MESSAGE.format(rid=self._request_id()),
            doc=_PRIMARY_DOCS,
            headers={
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(reset),
                "X-RateLimit-Used": str(self._rate_limit),
            },
        )

    def _request_id(self) -> str:
        return f"FA4E:{self._request_counter:05X}:1C0DE:2B1F00:67C2D3E4"

    def _rate_headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self._rate_limit),
            "X-RateLimit-Remaining": str(max(self._rate_remaining, 0)),
            "X-RateLimit-Reset": str(self._rate_reset),
            "X-RateLimit-Used": str(self._rate_limit - max(self._rate_remaining, 0)),
            "X-RateLimit-Resource": "core",
        }

    def _json_response(
        self, ctx: _Ctx, status: int, payload: Any, extra: dict[str, str] | None = None
    ) -> _Response:
        with self._lock:
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "X-GitHub-Media-Type": "github.v3; param=full; format=json"
                if "full+json" in ctx.headers.get("Accept", "")
                else "github.v3; format=json",
                "X-GitHub-Api-Version-Selected": "2022-11-28",
                **self._rate_headers(),
                "X-GitHub-Request-Id": self._request_id(),
            }
        headers.update(extra or {})
        if status == 204 or payload is None:
            return _Response(status, None, headers)
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if ctx.method == "GET" and status == 200:
            etag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            headers["ETag"] = etag
            if ctx.headers.get("If-None-Match") == etag:
                return _Response(304, None, headers)
        return _Response(status, body, headers)

    def _fault_response(self, ctx: _Ctx, fault: Fault) -> _Response:
        params = fault.params
        if fault.kind == "timeout":
            return _Response(drop_after=float(params.get("hold", 3.0)))
        if fault.kind == "disconnect":
            return _Response(drop_after=0.0)
        if fault.kind == "server_error":
            status = int(params.get("status", 502))
            if params.get("html"):
                with self._lock:
                    headers = {"Content-Type": "text/html; charset=utf-8", **self._rate_headers()}
                return _Response(status, _UNICORN_502.encode(), headers)
            return self._json_response(ctx, status, {"message": "Server Error"})
        if fault.kind == "secondary_rate_limit":
            with self._lock:
                body = {
                    "message": _SECONDARY_MESSAGE.format(rid=self._request_id()),
                    "documentation_url": _SECONDARY_DOCS,
                }
            extra = {}
            if params.get("retry_after") is not None:
                extra["Retry-After"] = str(params["retry_after"])
            return self._json_response(ctx, int(params.get("status", 403)), body, extra)
        # primary rate limit spent
        reset = int(time.time()) + int(params.get("reset_in", 1))
        with self._lock:
            err = self._primary_limit_error(reset, int(params.get("status", 403)))
        return self._json_response(ctx, err.status, err.body(), err.headers)

    def _route(self, ctx: _Ctx) -> _Result:
        path = ctx.path
        if path.rstrip("/") == "/rate_limit" and ctx.method == "GET":
            return 200, self._rate_limit_json()
        if path in ("/graphql", "/api/graphql") and ctx.method == "POST":
            return self._graphql(ctx)
        rest: str | None = None
        match = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", path)
        if match:
            if (match.group(1).lower(), match.group(2).lower()) != (
                self.owner.lower(),
                self.repo.lower(),
            ):
                raise _not_found()
            rest = match.group(3) or ""
        else:
            match = re.fullmatch(r"/repositories/(\d+)(/.*)?", path)
            if match and int(match.group(1)) == self.repo_id:
                rest = match.group(2) or ""
        if rest is None:
            raise _not_found()
        rest = rest.rstrip("/")
        for method, pattern, name in _REPO_ROUTES:
            if method != ctx.method:
                continue
            found = pattern.fullmatch(rest)
            if found:
                handler = getattr(self, name)
                result: _Result = handler(ctx, *found.groups())
                return result
        raise _not_found()

    # ------------------------------------------------------------------ JSON builders
    def _values(self, ctx: _Ctx, **more: Any) -> dict[str, Any]:
        return {
            "api": ctx.base,
            "web": self.web_url,
            "web_host": urlsplit(self.web_url).netloc,
            "full_name": self.full_name,
            "name": self.repo,
            "owner": self.owner,
            **more,
        }

    def _event_ctx(self) -> _Ctx:
        base = self.url if self._server is not None else "https://api.github.com"
        return _Ctx("GET", "", "", {}, None, Message(), base, frozenset())

    def _user_json(self, ctx: _Ctx, login: str) -> dict[str, Any]:
        uid = user_id(login)
        data: dict[str, Any] = _render(
            _TEMPLATES["user"],
            self._values(
                ctx,
                login=login,
                login_path=quote(login, safe=""),
                user_id=uid,
                user_node_id=_node_id("U_kgDO", uid),
            ),
        )
        data["id"] = uid
        if login.endswith("[bot]"):
            data["type"] = "Bot"
            data["html_url"] = f"{self.web_url}/apps/{login.removesuffix('[bot]')}"
            data["avatar_url"] = "https://avatars.githubusercontent.com/in/15368?v=4"
        elif login.lower() == self.owner.lower():
            data["type"] = self.owner_type
        return data

    def _repo_json(self, ctx: _Ctx) -> dict[str, Any]:
        data: dict[str, Any] = _render(
            _TEMPLATES["repository"],
            self._values(ctx, repo_node_id=_node_id("R_kgDO", self.repo_id)),
        )
        owner = self._user_json(ctx, self.owner)
        open_count = sum(1 for i in self._issues.values() if i["state"] == "open")
        pushed = max(_epoch(c["committer"]["date"]) for c in self._commits.values())
        data.update(
            id=self.repo_id,
            owner=owner,
            default_branch=self.default_branch,
            open_issues_count=open_count,
            open_issues=open_count,
            created_at=self._created_at,
            updated_at=self._created_at,
            pushed_at=_iso(pushed),
        )
        if self.owner_type == "Organization":
            data["organization"] = owner
        else:
            del data["organization"]
        return data

    def _short_repo_json(self, ctx: _Ctx) -> dict[str, Any]:
        data = self._repo_json(ctx)
        for key in _REPO_DETAIL_KEYS:
            data.pop(key, None)
        return data

    def _webhook_repo(self, ctx: _Ctx) -> dict[str, Any]:
        data: dict[str, Any] = _render(
            _TEMPLATES["webhook-repository"],
            self._values(ctx, repo_node_id=_node_id("R_kgDO", self.repo_id)),
        )
        full = self._repo_json(ctx)
        for key in ("id", "owner", "default_branch", "open_issues_count", "open_issues"):
            data[key] = full[key]
        for key in ("created_at", "updated_at", "pushed_at"):
            data[key] = full[key]
        return data

    def _label_json(self, ctx: _Ctx, label: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = _render(
            _TEMPLATES["label"],
            self._values(
                ctx,
                label_path=quote(label["name"], safe=""),
                label_name="",
                label_node_id=_node_id("LA_kwDO", label["id"]),
            ),
        )
        data.update(
            id=label["id"],
            name=label["name"],
            color=label["color"],
            default=label["default"],
            description=label["description"],
        )
        return data

    def _with_media(self, ctx: _Ctx, data: dict[str, Any], body: str | None) -> dict[str, Any]:
        data.pop("body_html", None)
        data.pop("body_text", None)
        if "html" in ctx.media:
            data["body_html"] = _markdown_html(body)
        if "text" in ctx.media:
            data["body_text"] = body or ""
        return data

    def _issue_json(self, ctx: _Ctx, issue: dict[str, Any]) -> dict[str, Any]:
        number = issue["number"]
        data: dict[str, Any] = _render(
            _TEMPLATES["issue"],
            self._values(ctx, number=number, issue_node_id=_node_id("I_kwDO", number)),
        )
        assignees = [self._user_json(ctx, login) for login in issue["assignees"]]
        data.update(
            id=2_600_000_000 + number,
            number=number,
            title=issue["title"],
            user=self._user_json(ctx, issue["user"]),
            labels=[self._label_json(ctx, self._labels[i]) for i in issue["labels"]],
            state=issue["state"],
            locked=issue["locked"],
            assignee=assignees[0] if assignees else None,
            assignees=assignees,
            comments=len(self._comments_of(number)),
            created_at=issue["created_at"],
            updated_at=issue["updated_at"],
            closed_at=issue["closed_at"],
            author_association=issue["author_association"],
            body=issue["body"],
            closed_by=self._user_json(ctx, issue["closed_by"]) if issue["closed_by"] else None,
            state_reason=issue["state_reason"],
        )
        pull = issue["pull"]
        if pull is not None:
            data["draft"] = pull["draft"]
            data["pull_request"] = {
                "url": f"{ctx.base}/repos/{self.full_name}/pulls/{number}",
                "html_url": f"{self.web_url}/{self.full_name}/pull/{number}",
                "diff_url": f"{self.web_url}/{self.full_name}/pull/{number}.diff",
                "patch_url": f"{self.web_url}/{self.full_name}/pull/{number}.patch",
                "merged_at": pull["merged_at"],
            }
        return self._with_media(ctx, data, issue["body"])

    def _webhook_issue(self, ctx: _Ctx, issue: dict[str, Any]) -> dict[str, Any]:
        data = self._issue_json(ctx, issue)
        data.pop("closed_by", None)
        return data

    def _comment_json(self, ctx: _Ctx, comment: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = _render(
            _TEMPLATES["comment"],
            self._values(
                ctx,
                comment_id=comment["id"],
                number=comment["issue"],
                comment_node_id=_node_id("IC_kwDO", comment["id"]),
            ),
        )
        data.update(
            id=comment["id"],
            user=self._user_json(ctx, comment["user"]),
            created_at=comment["created_at"],
            updated_at=comment["updated_at"],
            author_association=comment["author_association"],
            body=comment["body"],
        )
        return self._with_media(ctx, data, comment["body"])

    def _pull_json(self, ctx: _Ctx, issue: dict[str, Any], *, full: bool) -> dict[str, Any]:
        number = issue["number"]
        pull = issue["pull"]
        head_sha = self._refs.get(f"refs/heads/{pull['head']}", pull["head_sha"])
        base_sha = self._refs.get(f"refs/heads/{pull['base']}", pull["base_sha"])
        data: dict[str, Any] = _render(
            _TEMPLATES["pull"],
            self._values(
                ctx,
                number=number,
                pull_node_id=_node_id("PR_kwDO", number),
                head_label=f"{self.owner}:{pull['head']}",
                head_ref=pull["head"],
                head_sha=head_sha,
                base_label=f"{self.owner}:{pull['base']}",
                base_ref=pull["base"],
                base_sha=base_sha,
            ),
        )
        owner = self._user_json(ctx, self.owner)
        short_repo = self._short_repo_json(ctx)
        for side in ("head", "base"):
            data[side]["user"] = owner
            data[side]["repo"] = short_repo
        assignees = [self._user_json(ctx, login) for login in issue["assignees"]]
        data.update(
            id=1_900_000_000 + number,
            number=number,
            state=issue["state"],
            locked=issue["locked"],
            title=issue["title"],
            user=self._user_json(ctx, issue["user"]),
            body=issue["body"],
            created_at=issue["created_at"],
            updated_at=issue["updated_at"],
            closed_at=issue["closed_at"],
            merged_at=pull["merged_at"],
            merge_commit_sha=pull["merge_commit_sha"],
            assignee=assignees[0] if assignees else None,
            assignees=assignees,
            labels=[self._label_json(ctx, self._labels[i]) for i in issue["labels"]],
            draft=pull["draft"],
            author_association=issue["author_association"],
            merged=pull["merged"],
            mergeable=None if pull["merged"] or issue["state"] != "open" else True,
            mergeable_state="clean" if issue["state"] == "open" else "unknown",
            merged_by=self._user_json(ctx, pull["merged_by"]) if pull["merged_by"] else None,
            comments=len(self._comments_of(number)),
            maintainer_can_modify=pull["maintainer_can_modify"],
        )
        changed = self._changed_files(base_sha, head_sha)
        data.update(
            commits=max(len(self._ancestors(head_sha) - self._ancestors(base_sha)), 0),
            changed_files=len(changed),
        )
        if not full:
            for key in _PULL_DETAIL_KEYS:
                data.pop(key, None)
        return self._with_media(ctx, data, issue["body"])

    def _changed_files(self, base_sha: str, head_sha: str) -> list[str]:
        merge_base = self._merge_base(base_sha, head_sha)
        old = self._commits[merge_base]["tree"] if merge_base else {}
        new = self._commits[head_sha]["tree"]
        return sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))

    def _contents_json(
        self, ctx: _Ctx, path: str, ref_name: str, data: bytes | None, *, with_content: bool
    ) -> dict[str, Any]:
        """A file entry (``data`` given) or a directory entry (``data`` None)."""
        sha = git_blob_sha(data) if data is not None else hashlib.sha1(path.encode()).hexdigest()
        result: dict[str, Any] = _render(
            _TEMPLATES["contents"],
            self._values(
                ctx,
                file_name=path.rsplit("/", 1)[-1],
                path=path,
                path_url=quote(path, safe="/"),
                ref_url=quote(ref_name, safe="/"),
                sha=sha,
            ),
        )
        result["name"] = path.rsplit("/", 1)[-1]
        result["path"] = path
        if data is None:
            result.update(type="dir", size=0, download_url=None)
            tree_url = f"{ctx.base}/repos/{self.full_name}/git/trees/{sha}"
            result["git_url"] = tree_url
            result["_links"]["git"] = tree_url
            result["html_url"] = result["html_url"].replace("/blob/", "/tree/", 1)
            result["_links"]["html"] = result["html_url"]
        else:
            result["size"] = len(data)
        if with_content and data is not None:
            result["content"] = _b64_lines(data)
            result["encoding"] = "base64"
        else:
            result.pop("content", None)
            result.pop("encoding", None)
        return result

    def _commit_json(self, ctx: _Ctx, sha: str) -> dict[str, Any]:
        commit = self._commits[sha]
        data: dict[str, Any] = _render(
            _TEMPLATES["commit"],
            self._values(
                ctx,
                sha=sha,
                tree_sha=commit["tree_sha"],
                commit_node_id="C_kwDO" + sha[:20],
            ),
        )
        data.update(
            author=dict(commit["author"]),
            committer=dict(commit["committer"]),
            message=commit["message"],
            parents=[
                {
                    "sha": parent,
                    "url": f"{ctx.base}/repos/{self.full_name}/git/commits/{parent}",
                    "html_url": f"{self.web_url}/{self.full_name}/commit/{parent}",
                }
                for parent in commit["parents"]
            ],
        )
        return data

    def _ref_json(self, ctx: _Ctx, ref: str) -> dict[str, Any]:
        data: dict[str, Any] = _render(
            _TEMPLATES["ref"],
            self._values(
                ctx,
                ref=ref,
                sha=self._refs[ref],
                ref_node_id="REF_kwDO" + base64.b64encode(ref.encode()).decode().rstrip("="),
            ),
        )
        return data

    def _rate_limit_json(self) -> dict[str, Any]:
        core = {
            "limit": self._rate_limit,
            "used": self._rate_limit - max(self._rate_remaining, 0),
            "remaining": max(self._rate_remaining, 0),
            "reset": self._rate_reset,
        }
        return {"resources": {"core": core}, "rate": core}

    # ------------------------------------------------------------------ request helpers
    def _paginate(self, ctx: _Ctx, items: list[Any], rest: str) -> tuple[list[Any], dict[str, str]]:
        try:
            per_page = min(max(int(ctx.query.get("per_page", 30)), 1), 100)
        except ValueError:
            per_page = 30
        try:
            page = max(int(ctx.query.get("page", 1)), 1)
        except ValueError:
            page = 1
        last = max(math.ceil(len(items) / per_page), 1)
        chunk = items[(page - 1) * per_page : page * per_page]
        links = []

        def link(target: int, rel: str) -> str:
            query = {k: v for k, v in ctx.query.items() if k != "page"}
            query["page"] = str(target)
            url = f"{ctx.base}/repositories/{self.repo_id}{rest}?{urlencode(query)}"
            return f'<{url}>; rel="{rel}"'

        if page > 1:
            links.append(link(min(page - 1, last), "prev"))
        if page < last:
            links.append(link(page + 1, "next"))
            links.append(link(last, "last"))
        if page > 1:
            links.append(link(1, "first"))
        return chunk, ({"Link": ", ".join(links)} if links else {})

    @staticmethod
    def _body(ctx: _Ctx) -> dict[str, Any]:
        if ctx.json is None:
            return {}
        if not isinstance(ctx.json, dict):
            raise ApiError(422, "Invalid request.\n\nInvalid input: object is expected.")
        return ctx.json

    def _issue_or_404(self, number: str | int) -> dict[str, Any]:
        issue = self._issues.get(int(number))
        if issue is None:
            raise _not_found("https://docs.github.com/rest/issues/issues#get-an-issue")
        return issue

    def _label_or_404(self, name: str) -> dict[str, Any]:
        label = self._find_label(name)
        if label is None:
            raise _not_found("https://docs.github.com/rest/issues/labels#get-a-label")
        return label

    # ------------------------------------------------------------------ endpoints: repo
    def _get_repo(self, ctx: _Ctx) -> _Result:
        return 200, self._repo_json(ctx)

    # ------------------------------------------------------------------ endpoints: issues
    def _list_issues(self, ctx: _Ctx) -> _Result:
        state = ctx.query.get("state", "open")
        items = [i for i in self._issues.values() if state == "all" or i["state"] == state]
        wanted = [n.strip().lower() for n in ctx.query.get("labels", "").split(",") if n.strip()]
        if wanted:
            items = [
                i
                for i in items
                if set(wanted) <= {self._labels[x]["name"].lower() for x in i["labels"]}
            ]
        if "creator" in ctx.query:
            items = [i for i in items if i["user"].lower() == ctx.query["creator"].lower()]
        if "assignee" in ctx.query:
            who = ctx.query["assignee"].lower()
            if who == "none":
                items = [i for i in items if not i["assignees"]]
            elif who != "*":
                items = [i for i in items if who in (a.lower() for a in i["assignees"])]
        if "since" in ctx.query:
            since = _epoch(ctx.query["since"])
            items = [i for i in items if _epoch(i["updated_at"]) >= since]
        sort = ctx.query.get("sort", "created")
        keys = {
            "created": lambda i: (i["created_at"], i["number"]),
            "updated": lambda i: (i["updated_at"], i["number"]),
            "comments": lambda i: (len(self._comments_of(i["number"])), i["number"]),
        }
        items.sort(key=keys.get(sort, keys["created"]), reverse=ctx.query.get("direction") != "asc")
        chunk, headers = self._paginate(ctx, items, "/issues")
        return 200, [self._issue_json(ctx, i) for i in chunk], headers

    def _create_issue(self, ctx: _Ctx) -> _Result:
        data = self._body(ctx)
        title = data.get("title")
        if title is None or str(title) == "":
            raise _invalid("Issue", "missing_field", "title")
        issue = self._new_issue(
            self._next_number(), str(title), data.get("body"), self.actor, self._tick()
        )
        issue["labels"] = _unique(
            [self._label_for(name)["id"] for name in _label_names(data.get("labels") or [])]
        )
        assignees = data.get("assignees") or ([data["assignee"]] if data.get("assignee") else [])
        issue["assignees"] = [a for a in assignees if isinstance(a, str) and a]
        self._issues[issue["number"]] = issue
        self._record_events(issue, [], "open", self.actor)
        body = self._issue_json(ctx, issue)
        return 201, body, {"Location": body["url"]}

    def _get_issue(self, ctx: _Ctx, number: str) -> _Result:
        return 200, self._issue_json(ctx, self._issue_or_404(number))

    def _edit_issue(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        self._apply_issue_edit(issue, self._body(ctx), self.actor)
        return 200, self._issue_json(ctx, issue)

    # ------------------------------------------------------------------ endpoints: comments
    def _comment_or_404(self, comment_id: str) -> dict[str, Any]:
        comment = self._comments.get(int(comment_id))
        if comment is None:
            raise _not_found("https://docs.github.com/rest/issues/comments#get-an-issue-comment")
        return comment

    def _list_comments(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        items = sorted(self._comments_of(issue["number"]), key=lambda c: (c["created_at"], c["id"]))
        if "since" in ctx.query:
            since = _epoch(ctx.query["since"])
            items = [c for c in items if _epoch(c["updated_at"]) >= since]
        chunk, headers = self._paginate(ctx, items, f"/issues/{issue['number']}/comments")
        return 200, [self._comment_json(ctx, c) for c in chunk], headers

    def _create_comment(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        body = self._body(ctx).get("body")
        if not isinstance(body, str) or body == "":
            raise _not_supplied("body")
        comment = self._new_comment(issue, body, self.actor)
        data = self._comment_json(ctx, comment)
        return 201, data, {"Location": data["url"]}

    def _list_repo_comments(self, ctx: _Ctx) -> _Result:
        """GET /repos/{o}/{r}/issues/comments: the comments of every issue and pull request,
        by `created` (default) or `updated`, `since` compared with `updated_at`."""
        items = list(self._comments.values())
        if "since" in ctx.query:
            since = _epoch(ctx.query["since"])
            items = [c for c in items if _epoch(c["updated_at"]) >= since]
        key = "updated_at" if ctx.query.get("sort") == "updated" else "created_at"
        items.sort(key=lambda c: (c[key], c["id"]), reverse=ctx.query.get("direction") == "desc")
        chunk, headers = self._paginate(ctx, items, "/issues/comments")
        return 200, [self._comment_json(ctx, c) for c in chunk], headers

    def _event_json(self, ctx: _Ctx, event: dict[str, Any]) -> dict[str, Any]:
        """An issue event as `GET /repos/{o}/{r}/issues/{n}/events` gives it."""
        data: dict[str, Any] = {
            "id": event["id"],
            "node_id": _node_id(
                {"labeled": "LE_lADO", "unlabeled": "UNLE_lADO"}.get(event["event"], "CE_lADO"),
                event["id"],
            ),
            "url": f"{ctx.base}/repos/{self.full_name}/issues/events/{event['id']}",
            "actor": self._user_json(ctx, event["actor"]),
            "event": event["event"],
            "commit_id": None,
            "commit_url": None,
            "created_at": event["created_at"],
            "performed_via_github_app": None,
        }
        if event["label"] is not None:
            data["label"] = {"name": event["label"][0], "color": event["label"][1]}
        if event["event"] == "closed":
            data["state_reason"] = event["state_reason"]
        return data

    def _list_issue_events(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        items = [e for e in self._events if e["issue"] == issue["number"]]
        rest = ctx.path.rsplit("/", 1)[-1]
        chunk, headers = self._paginate(ctx, items, f"/issues/{issue['number']}/{rest}")
        return 200, [self._event_json(ctx, e) for e in chunk], headers

    def _graphql(self, ctx: _Ctx) -> _Result:
        """POST /graphql: only the `deleteIssue` mutation, with the issue's node id in the
        variable `id`. Errors come as GitHub sends them: status 200, `errors[]` with a
        `type` (FORBIDDEN without the admin right, NOT_FOUND for an unknown id)."""
        data = self._body(ctx)
        query = str(data.get("query") or "")
        variables = data.get("variables") or {}
        if "deleteIssue" not in query or not isinstance(variables, dict):
            raise ApiError(400, "Problems parsing JSON")
        node = str(variables.get("id") or "")
        location = [{"line": 1, "column": 30}]
        issue = next(
            (
                i
                for n, i in self._issues.items()
                if i["pull"] is None and _node_id("I_kwDO", n) == node
            ),
            None,
        )
        if issue is None:
            error = {
                "type": "NOT_FOUND",
                "path": ["deleteIssue"],
                "locations": location,
                "message": f"Could not resolve to a node with the global id of '{node}'",
            }
            return 200, {"data": {"deleteIssue": None}, "errors": [error]}
        if not self.token_is_admin:
            error = {
                "type": "FORBIDDEN",
                "path": ["deleteIssue"],
                "extensions": {"saml_failure": False},
                "locations": location,
                "message": (
                    f"{self.actor} does not have the correct permissions to execute `DeleteIssue`"
                ),
            }
            return 200, {"data": {"deleteIssue": None}, "errors": [error]}
        number = issue["number"]
        del self._issues[number]
        for comment_id in [c["id"] for c in self._comments_of(number)]:
            del self._comments[comment_id]
        self._events = [e for e in self._events if e["issue"] != number]
        repository = {"nameWithOwner": self.full_name}
        return 200, {"data": {"deleteIssue": {"repository": repository}}}

    def _get_comment(self, ctx: _Ctx, comment_id: str) -> _Result:
        return 200, self._comment_json(ctx, self._comment_or_404(comment_id))

    def _edit_comment(self, ctx: _Ctx, comment_id: str) -> _Result:
        comment = self._comment_or_404(comment_id)
        body = self._body(ctx).get("body")
        if not isinstance(body, str) or body == "":
            raise _not_supplied("body")
        if body != comment["body"]:
            comment["body"] = body
            comment["updated_at"] = self._tick()
        return 200, self._comment_json(ctx, comment)

    def _delete_comment(self, ctx: _Ctx, comment_id: str) -> _Result:
        comment = self._comment_or_404(comment_id)
        del self._comments[comment["id"]]
        return 204, None

    # ------------------------------------------------------------------ endpoints: labels
    def _issue_labels_json(self, ctx: _Ctx, issue: dict[str, Any]) -> list[dict[str, Any]]:
        return [self._label_json(ctx, self._labels[i]) for i in issue["labels"]]

    def _list_issue_labels(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        chunk, headers = self._paginate(
            ctx, self._issue_labels_json(ctx, issue), f"/issues/{issue['number']}/labels"
        )
        return 200, chunk, headers

    def _requested_labels(self, ctx: _Ctx) -> list[str]:
        data = ctx.json
        if isinstance(data, dict):
            data = data.get("labels")
        if not isinstance(data, list):
            raise _not_supplied("labels")
        names = _label_names(data)
        if any(not name.strip() for name in names):
            raise _invalid("Label", "invalid", "name")
        return names

    def _add_issue_labels(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        ids = [self._label_for(name)["id"] for name in self._requested_labels(ctx)]
        new = [i for i in _unique(ids) if i not in issue["labels"]]
        if new:
            before = list(issue["labels"])
            issue["labels"].extend(new)
            issue["updated_at"] = self._tick()
            self._record_events(issue, before, issue["state"], self.actor)
        return 200, self._issue_labels_json(ctx, issue)

    def _set_issue_labels(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        ids = _unique([self._label_for(name)["id"] for name in self._requested_labels(ctx)])
        if ids != issue["labels"]:
            before = issue["labels"]
            issue["labels"] = ids
            issue["updated_at"] = self._tick()
            self._record_events(issue, before, issue["state"], self.actor)
        return 200, self._issue_labels_json(ctx, issue)

    def _clear_issue_labels(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._issue_or_404(number)
        if issue["labels"]:
            before = issue["labels"]
            issue["labels"] = []
            issue["updated_at"] = self._tick()
            self._record_events(issue, before, issue["state"], self.actor)
        return 204, None

    def _remove_issue_label(self, ctx: _Ctx, number: str, name: str) -> _Result:
        issue = self._issue_or_404(number)
        label = self._find_label(name)
        if label is None or label["id"] not in issue["labels"]:
            raise ApiError(
                404,
                "Label does not exist",
                doc="https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue",
            )
        before = list(issue["labels"])
        issue["labels"].remove(label["id"])
        issue["updated_at"] = self._tick()
        self._record_events(issue, before, issue["state"], self.actor)
        return 200, self._issue_labels_json(ctx, issue)

    def _list_labels(self, ctx: _Ctx) -> _Result:
        chunk, headers = self._paginate(ctx, list(self._labels.values()), "/labels")
        return 200, [self._label_json(ctx, label) for label in chunk], headers

    def _get_label(self, ctx: _Ctx, name: str) -> _Result:
        return 200, self._label_json(ctx, self._label_or_404(name))

    @staticmethod
    def _check_color(color: Any) -> str:
        if not isinstance(color, str) or not re.fullmatch(r"#?[0-9a-fA-F]{6}", color):
            raise ApiError(
                422,
                "Validation Failed",
                errors=[{"resource": "Label", "code": "invalid", "field": "color"}],
                doc="https://docs.github.com/rest/issues/labels#create-a-label",
            )
        return color.lstrip("#").lower()

    def _create_label(self, ctx: _Ctx) -> _Result:
        data = self._body(ctx)
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _invalid("Label", "missing_field", "name")
        color = self._check_color(data.get("color", "ededed"))
        if self._find_label(name) is not None:
            raise ApiError(
                422,
                "Validation Failed",
                errors=[{"resource": "Label", "code": "already_exists", "field": "name"}],
                doc="https://docs.github.com/rest/issues/labels#create-a-label",
            )
        label = self._new_label(name, color, data.get("description"))
        body = self._label_json(ctx, label)
        return 201, body, {"Location": body["url"]}

    def _edit_label(self, ctx: _Ctx, name: str) -> _Result:
        label = self._label_or_404(name)
        data = self._body(ctx)
        new_name = data.get("new_name") or data.get("name")
        if new_name and new_name != label["name"]:
            other = self._find_label(new_name)
            if other is not None and other is not label:
                raise _invalid("Label", "already_exists", "name")
            label["name"] = new_name
        if "color" in data:
            label["color"] = self._check_color(data["color"])
        if "description" in data:
            label["description"] = data["description"]
        return 200, self._label_json(ctx, label)

    def _delete_label(self, ctx: _Ctx, name: str) -> _Result:
        label = self._label_or_404(name)
        del self._labels[label["id"]]
        for issue in self._issues.values():
            if label["id"] in issue["labels"]:
                issue["labels"].remove(label["id"])
        return 204, None

    # ------------------------------------------------------------------ endpoints: people
    def _get_permission(self, ctx: _Ctx, login: str) -> _Result:
        role = self._permissions.get(login.lower())
        if role is None:
            if self.non_collaborator == 404:
                raise _not_found(
                    "https://docs.github.com/rest/collaborators/collaborators"
                    "#get-repository-permissions-for-a-user"
                )
            role = str(self.non_collaborator)
        rank = _ROLE_RANK[role]
        user = self._user_json(ctx, login)
        user["permissions"] = {
            "admin": rank >= _ROLE_RANK["admin"],
            "maintain": rank >= _ROLE_RANK["maintain"],
            "push": rank >= _ROLE_RANK["write"],
            "triage": rank >= _ROLE_RANK["triage"],
            "pull": rank >= _ROLE_RANK["read"],
        }
        user["role_name"] = role
        return 200, {"permission": _ROLE_PERMISSION[role], "role_name": role, "user": user}

    def _check_collaborator(self, ctx: _Ctx, login: str) -> _Result:
        if login.lower() in self._permissions:
            return 204, None
        raise _not_found()

    # ------------------------------------------------------------------ endpoints: git refs
    def _get_ref(self, ctx: _Ctx, ref: str) -> _Result:
        full = f"refs/{ref}"
        if full not in self._refs:
            raise _not_found("https://docs.github.com/rest/git/refs#get-a-reference")
        return 200, self._ref_json(ctx, full)

    def _list_refs(self, ctx: _Ctx) -> _Result:
        chunk, headers = self._paginate(ctx, sorted(self._refs), "/git/refs")
        return 200, [self._ref_json(ctx, ref) for ref in chunk], headers

    def _get_refs_legacy(self, ctx: _Ctx, ref: str) -> _Result:
        full = f"refs/{ref}"
        if full in self._refs:
            return 200, self._ref_json(ctx, full)
        prefix = full.rstrip("/") + "/"
        matching = [r for r in sorted(self._refs) if r.startswith(prefix)]
        if not matching:
            raise _not_found("https://docs.github.com/rest/git/refs#get-a-reference")
        return 200, [self._ref_json(ctx, r) for r in matching]

    def _matching_refs(self, ctx: _Ctx, ref: str) -> _Result:
        prefix = f"refs/{ref}"
        matching = [r for r in sorted(self._refs) if r.startswith(prefix)]
        chunk, headers = self._paginate(ctx, matching, f"/git/matching-refs/{ref}")
        return 200, [self._ref_json(ctx, r) for r in chunk], headers

    def _create_ref(self, ctx: _Ctx) -> _Result:
        data = self._body(ctx)
        ref, sha = data.get("ref"), data.get("sha")
        doc = "https://docs.github.com/rest/git/refs#create-a-reference"
        if not isinstance(ref, str):
            raise _not_supplied("ref")
        if not isinstance(sha, str):
            raise _not_supplied("sha")
        if not ref.startswith("refs/") or ref.count("/") < 2 or ref.endswith("/"):
            raise ApiError(422, f"{ref} is not a valid ref name.", doc=doc)
        if sha not in self._commits:
            raise ApiError(422, "Object does not exist", doc=doc)
        if ref in self._refs:
            raise ApiError(422, "Reference already exists", doc=doc)
        self._refs[ref] = sha
        body = self._ref_json(ctx, ref)
        return 201, body, {"Location": body["url"]}

    def _update_ref(self, ctx: _Ctx, ref: str) -> _Result:
        full = f"refs/{ref}"
        data = self._body(ctx)
        sha = data.get("sha")
        doc = "https://docs.github.com/rest/git/refs#update-a-reference"
        if not isinstance(sha, str):
            raise _not_supplied("sha")
        if full not in self._refs:
            raise ApiError(422, "Reference does not exist", doc=doc)
        if sha not in self._commits:
            raise ApiError(422, "Object does not exist", doc=doc)
        if not data.get("force") and self._refs[full] not in self._ancestors(sha):
            raise ApiError(422, "Update is not a fast forward", doc=doc)
        self._refs[full] = sha
        return 200, self._ref_json(ctx, full)

    def _delete_ref(self, ctx: _Ctx, ref: str) -> _Result:
        full = f"refs/{ref}"
        if full not in self._refs:
            raise ApiError(
                422,
                "Reference does not exist",
                doc="https://docs.github.com/rest/git/refs#delete-a-reference",
            )
        self._drop_branch(full)
        return 204, None

    # ------------------------------------------------------------------ endpoints: contents
    def _get_contents(self, ctx: _Ctx, path: str = "") -> _Result:
        doc = "https://docs.github.com/rest/repos/contents#get-repository-content"
        path = path.strip("/")
        resolved = self._resolve_ref(ctx.query.get("ref") or None)
        if resolved is None:
            raise ApiError(404, f"No commit found for the ref {ctx.query.get('ref')}", doc=doc)
        sha, ref_name = resolved
        tree = self._tree(sha)
        if path in tree:
            return 200, self._contents_json(ctx, path, ref_name, tree[path], with_content=True)
        prefix = f"{path}/" if path else ""
        children: dict[str, bytes | None] = {}
        for file_path, data in tree.items():
            if file_path.startswith(prefix):
                head, sep, _ = file_path[len(prefix) :].partition("/")
                children[prefix + head] = None if sep else data
        if not children:
            raise _not_found(doc)
        listing = [
            self._contents_json(ctx, child, ref_name, children[child], with_content=False)
            for child in sorted(children)
        ]
        return 200, listing

    def _write_target(self, data: dict[str, Any]) -> tuple[str, str]:
        branch = data.get("branch") or self.default_branch
        ref = f"refs/heads/{branch}"
        if ref not in self._refs:
            raise ApiError(
                404,
                f"Branch {branch} not found",
                doc="https://docs.github.com/rest/repos/contents#create-or-update-file-contents",
            )
        return branch, ref

    def _author(self, data: dict[str, Any]) -> dict[str, str]:
        for key in ("author", "committer"):
            person = data.get(key)
            if isinstance(person, dict) and person.get("name") and person.get("email"):
                return {"name": person["name"], "email": person["email"]}
        if self.actor == BOT_LOGIN:
            return {"name": BOT_LOGIN, "email": f"{BOT_ID}+{BOT_LOGIN}@users.noreply.github.com"}
        return {"name": self.actor, "email": f"{self.actor}@users.noreply.github.com"}

    def _check_sha(self, path: str, current: bytes | None, sha: Any, *, required: bool) -> None:
        if current is not None or required:
            if sha is None:
                raise _not_supplied("sha")
            if current is None or sha != git_blob_sha(current):
                raise ApiError(
                    409,
                    f"{path} does not match {sha}",
                    doc="https://docs.github.com/rest/repos/contents#create-or-update-file-contents",
                )
        elif sha is not None:
            raise ApiError(
                409,
                f"{path} does not match {sha}",
                doc="https://docs.github.com/rest/repos/contents#create-or-update-file-contents",
            )

    def _put_contents(self, ctx: _Ctx, path: str) -> _Result:
        data = self._body(ctx)
        path = path.strip("/")
        if not data.get("message"):
            raise _not_supplied("message")
        if "content" not in data or not isinstance(data["content"], str):
            raise _not_supplied("content")
        try:
            content = base64.b64decode(data["content"], validate=False)
        except (binascii.Error, ValueError):
            raise ApiError(422, "content is not valid Base64") from None
        _, ref = self._write_target(data)
        parent = self._refs[ref]
        tree = self._tree(parent)
        self._check_sha(path, tree.get(path), data.get("sha"), required=False)
        created = path not in tree
        tree[path] = content
        commit = self._commit(parent, tree, str(data["message"]), self._author(data))
        self._refs[ref] = commit
        branch = ref.removeprefix("refs/heads/")
        return (201 if created else 200), {
            "content": self._contents_json(ctx, path, branch, content, with_content=False),
            "commit": self._commit_json(ctx, commit),
        }

    def _delete_contents(self, ctx: _Ctx, path: str) -> _Result:
        data = self._body(ctx)
        path = path.strip("/")
        if not data.get("message"):
            raise _not_supplied("message")
        _, ref = self._write_target(data)
        parent = self._refs[ref]
        tree = self._tree(parent)
        if path not in tree:
            raise _not_found("https://docs.github.com/rest/repos/contents#delete-a-file")
        self._check_sha(path, tree[path], data.get("sha"), required=True)
        del tree[path]
        commit = self._commit(parent, tree, str(data["message"]), self._author(data))
        self._refs[ref] = commit
        return 200, {"content": None, "commit": self._commit_json(ctx, commit)}

    # ------------------------------------------------------------------ endpoints: actions
    def _workflow_by_path(self, path: str) -> dict[str, Any]:
        for workflow in self._workflows.values():
            if workflow["path"] == path:
                return workflow
        raise KeyError(f"no workflow {path!r}")

    def _workflow_or_404(self, workflow_id: str, doc: str) -> dict[str, Any]:
        """A workflow by its id or its file name, as GitHub accepts either."""
        for workflow in self._workflows.values():
            if workflow_id in (str(workflow["id"]), PurePosixPath(workflow["path"]).name):
                return workflow
        raise _not_found(doc)

    def _actions_allowed(self, level: str, doc: str) -> None:
        if _ROLE_RANK.get(self.actions_permission, 0) < _ROLE_RANK[level]:
            raise ApiError(403, _NOT_ACCESSIBLE, doc=doc)

    def _workflow_json(self, ctx: _Ctx, workflow: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = _render(
            _TEMPLATES["workflow"],
            self._values(
                ctx,
                default_branch=self.default_branch,
                workflow_id=workflow["id"],
                workflow_path=workflow["path"],
                workflow_badge_name=quote(workflow["name"], safe=""),
                workflow_node_id=_node_id("W_kwDO", workflow["id"]),
            ),
        )
        data.update(
            id=workflow["id"],
            name=workflow["name"],
            state=workflow["state"],
            created_at=workflow["created_at"].replace("Z", ".000+00:00"),
            updated_at=workflow["updated_at"].replace("Z", ".000+00:00"),
        )
        return data

    def _list_workflows(self, ctx: _Ctx) -> _Result:
        self._actions_allowed("read", f"{_WORKFLOWS_DOCS}#list-repository-workflows")
        items = sorted(self._workflows.values(), key=lambda w: w["id"])
        chunk, headers = self._paginate(ctx, items, "/actions/workflows")
        body = {
            "total_count": len(items),
            "workflows": [self._workflow_json(ctx, w) for w in chunk],
        }
        return 200, body, headers

    def _get_workflow(self, ctx: _Ctx, workflow_id: str) -> _Result:
        doc = f"{_WORKFLOWS_DOCS}#get-a-workflow"
        self._actions_allowed("read", doc)
        return 200, self._workflow_json(ctx, self._workflow_or_404(workflow_id, doc))

    def _set_workflow_state(self, workflow_id: str, state: str, doc: str) -> _Result:
        self._actions_allowed("write", doc)
        workflow = self._workflow_or_404(workflow_id, doc)
        if workflow["state"] != state:
            workflow.update(state=state, updated_at=self._tick())
        return 204, None

    def _enable_workflow(self, ctx: _Ctx, workflow_id: str) -> _Result:
        return self._set_workflow_state(
            workflow_id, "active", f"{_WORKFLOWS_DOCS}#enable-a-workflow"
        )

    def _disable_workflow(self, ctx: _Ctx, workflow_id: str) -> _Result:
        return self._set_workflow_state(
            workflow_id, "disabled_manually", f"{_WORKFLOWS_DOCS}#disable-a-workflow"
        )

    # ------------------------------------------------------------------ endpoints: pulls
    def _pull_or_404(self, number: str) -> dict[str, Any]:
        issue = self._issues.get(int(number))
        if issue is None or issue["pull"] is None:
            raise _not_found("https://docs.github.com/rest/pulls/pulls#get-a-pull-request")
        return issue

    def _list_pulls(self, ctx: _Ctx) -> _Result:
        state = ctx.query.get("state", "open")
        items = [
            i
            for i in self._issues.values()
            if i["pull"] is not None and (state == "all" or i["state"] == state)
        ]
        head = ctx.query.get("head")
        if head and ":" in head:  # GitHub ignores a head filter without "owner:"
            owner, _, branch = head.partition(":")
            items = [
                i
                for i in items
                if owner.lower() == self.owner.lower() and i["pull"]["head"] == branch
            ]
        if ctx.query.get("base"):
            items = [i for i in items if i["pull"]["base"] == ctx.query["base"]]
        sort = ctx.query.get("sort", "created")
        default_direction = "desc" if sort == "created" else "asc"
        keys = {
            "created": lambda i: (i["created_at"], i["number"]),
            "updated": lambda i: (i["updated_at"], i["number"]),
            "popularity": lambda i: (len(self._comments_of(i["number"])), i["number"]),
            "long-running": lambda i: (i["created_at"], i["number"]),
        }
        items.sort(
            key=keys.get(sort, keys["created"]),
            reverse=ctx.query.get("direction", default_direction) == "desc",
        )
        chunk, headers = self._paginate(ctx, items, "/pulls")
        return 200, [self._pull_json(ctx, i, full=False) for i in chunk], headers

    def _create_pull(self, ctx: _Ctx) -> _Result:
        data = self._body(ctx)
        head, base = data.get("head"), data.get("base")
        if not isinstance(head, str) or not head:
            raise _invalid("PullRequest", "missing_field", "head")
        if not isinstance(base, str) or not base:
            raise _invalid("PullRequest", "missing_field", "base")
        owner, sep, branch = head.rpartition(":")
        if sep and owner.lower() != self.owner.lower():
            raise _invalid("PullRequest", "invalid", "head")
        source = self._issues.get(int(data["issue"])) if data.get("issue") else None
        title = data.get("title") if source is None else source["title"]
        if not title:
            raise _invalid("PullRequest", "missing_field", "title")
        if f"refs/heads/{base}" not in self._refs:
            raise _invalid("PullRequest", "invalid", "base")
        if f"refs/heads/{branch}" not in self._refs:
            raise _invalid("PullRequest", "invalid", "head")
        for issue in self._issues.values():
            pull = issue["pull"]
            if (
                pull
                and issue["state"] == "open"
                and pull["head"] == branch
                and pull["base"] == base
            ):
                raise _invalid(
                    "PullRequest",
                    "custom",
                    message=f"A pull request already exists for {self.owner}:{branch}.",
                )
        head_sha = self._refs[f"refs/heads/{branch}"]
        base_sha = self._refs[f"refs/heads/{base}"]
        if head_sha in self._ancestors(base_sha):
            raise _invalid(
                "PullRequest", "custom", message=f"No commits between {base} and {branch}"
            )
        if source is not None:
            issue = source
            if issue["pull"] is not None:
                raise _invalid("PullRequest", "invalid", "issue")
            issue["updated_at"] = self._tick()
        else:
            issue = self._new_issue(
                self._next_number(), str(title), data.get("body"), self.actor, self._tick()
            )
            self._issues[issue["number"]] = issue
        issue["pull"] = {
            "head": branch,
            "base": base,
            "head_sha": head_sha,
            "base_sha": base_sha,
            "merged": False,
            "merged_at": None,
            "merged_by": None,
            "merge_commit_sha": None,
            "draft": bool(data.get("draft", False)),
            "maintainer_can_modify": bool(data.get("maintainer_can_modify", False)),
        }
        body = self._pull_json(ctx, issue, full=True)
        body.update(mergeable=None, mergeable_state="unknown")
        return 201, body, {"Location": body["url"]}

    def _get_pull(self, ctx: _Ctx, number: str) -> _Result:
        return 200, self._pull_json(ctx, self._pull_or_404(number), full=True)

    def _edit_pull(self, ctx: _Ctx, number: str) -> _Result:
        issue = self._pull_or_404(number)
        pull = issue["pull"]
        data = self._body(ctx)
        if pull["merged"] and data.get("state") == "open":
            raise _invalid(
                "PullRequest",
                "custom",
                "state",
                message="state cannot be changed. The pull request has been merged.",
            )
        base = data.get("base")
        if base is not None and f"refs/heads/{base}" not in self._refs:
            raise _invalid("PullRequest", "invalid", "base")
        edit = {k: data[k] for k in ("title", "body", "state") if k in data}
        self._apply_issue_edit(issue, edit, self.actor)
        if base is not None and base != pull["base"]:
            pull["base"] = base
            issue["updated_at"] = self._tick()
        if "maintainer_can_modify" in data:
            pull["maintainer_can_modify"] = bool(data["maintainer_can_modify"])
        return 200, self._pull_json(ctx, issue, full=True)


_GITHUB_DEFAULT_LABELS = (
    ("bug", "d73a4a", "Something isn't working"),
    ("documentation", "0075ca", "Improvements or additions to documentation"),
    ("duplicate", "cfd3d7", "This issue or pull request already exists"),
    ("enhancement", "a2eeef", "New feature or request"),
    ("good first issue", "7057ff", "Good for newcomers"),
    ("help wanted", "008672", "Extra attention is needed"),
    ("invalid", "e4e669", "This doesn't seem right"),
    ("question", "d876e3", "Further information is requested"),
    ("wontfix", "ffffff", "This will not be worked on"),
)


def _label_names(items: Iterable[Any]) -> list[str]:
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str):
            names.append(item)
    return names


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _merge(payload: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(payload.get(key), dict):
            payload[key] = {**payload[key], **value}
        else:
            payload[key] = value
    return payload
