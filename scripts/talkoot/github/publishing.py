"""Publishing a content file through a pull request: the one path by which submissions
reach the default branch.

Written against `ContentRepo`, the few repository operations it needs, so that its
decisions (update the open pull request, leave a published file alone, reopen a branch
left without a pull request, respect a pull request editors closed) are tested without
HTTP (tests/test_publishing.py); `talkoot.github.session.Repo` is the real one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from talkoot.github.session import FileState, GitHubError

log = logging.getLogger("talkoot.ingest")


@runtime_checkable
class ContentRepo(Protocol):
    """What publishing needs of a repository. Pull requests are opaque but for `number`."""

    default_branch: str

    def read_file(self, path: str, ref: str) -> FileState | None: ...
    def branch_sha(self, branch: str) -> str | None: ...
    def create_branch(self, branch: str, sha: str) -> None: ...
    def reset_branch(self, branch: str, sha: str) -> None: ...
    def put_file_if_changed(
        self,
        branch: str,
        path: str,
        text: str,
        message: str,
        *,
        known: bool = False,
        current: FileState | None = None,
    ) -> bool: ...
    def open_pull(self, branch: str) -> Any | None: ...
    def closed_unmerged_pull(self, branch: str, head_sha: str) -> Any | None: ...
    def create_pull(self, branch: str, title: str, body: str) -> Any: ...
    def update_pull(self, pull: Any, title: str, body: str) -> bool: ...


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
    #: The pull request's body, given the published text (None: not published) and the
    #: text the pull request writes.
    body: Callable[[str | None, str], str]
    #: The default branch is known not to have the file (no need to read it).
    unpublished: bool = False


def _text(state: FileState | None) -> str | None:
    return None if state is None else state.text


def publish(repo: ContentRepo, target: Target, *, may_change_published: bool) -> Published:
    """Get `target`'s file into a pull request, or find it published.

    An open pull request of the branch is updated. A file that is already on the
    default branch is changed only when `may_change_published` (an edit by the sender),
    so that editors' later changes to a published file are not reverted by a re-run.
    Without an open pull request, a branch that already carries the wanted file (a run
    that failed before opening the pull request) gets its pull request, unless editors
    closed one without merging at that very commit; otherwise the branch is
    (re)started from the default branch and the file committed.
    """
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
        repo.update_pull(pull, target.title, target.body(_text(published), wanted))
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
        pull = repo.create_pull(target.branch, target.title, target.body(_text(published), wanted))
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
    pull = repo.create_pull(target.branch, target.title, target.body(_text(published), wanted))
    return Published("pull", pull, change=published is not None)
