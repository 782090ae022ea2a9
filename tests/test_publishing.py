"""Publishing a content file through a pull request, decided without HTTP: `publish`
against an in-memory repository that keeps to `ContentRepo`. The fake GitHub over real
HTTP covers the edge itself (tests/test_ingest.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import pytest

from talkoot.github.publishing import ContentRepo, Target, publish
from talkoot.github.session import FileState, GitHubError

PATH = "proposals/2023/7-osaajat.yml"
BRANCH = "ehdotus/7"


@dataclass
class Pull:
    number: int
    branch: str
    title: str
    body: str
    head: str
    state: str = "open"


@dataclass
class MemoryRepo:
    """Branches as {path: text} snapshots with a commit id each; pull requests by branch."""

    default_branch: str = "main"
    branches: dict[str, dict[str, str]] = field(default_factory=lambda: {"main": {}})
    tips: dict[str, str] = field(default_factory=lambda: {"main": "c0"})
    pulls: list[Pull] = field(default_factory=list)
    commits: int = 0
    writes: list[str] = field(default_factory=list)

    def _commit(self, branch: str) -> None:
        self.commits += 1
        self.tips[branch] = f"c{self.commits}"

    def read_file(self, path: str, ref: str) -> FileState | None:
        text = self.branches.get(ref, {}).get(path)
        if text is None:
            return None
        return FileState(text, hashlib.sha1(text.encode()).hexdigest())

    def branch_sha(self, branch: str) -> str | None:
        return self.tips.get(branch)

    def create_branch(self, branch: str, sha: str) -> None:
        assert branch not in self.branches
        source = next(b for b, tip in self.tips.items() if tip == sha)
        self.branches[branch] = dict(self.branches[source])
        self.tips[branch] = sha
        self.writes.append(f"create {branch}")

    def reset_branch(self, branch: str, sha: str) -> None:
        source = next(b for b, tip in self.tips.items() if tip == sha and b != branch)
        self.branches[branch] = dict(self.branches[source])
        self.tips[branch] = sha
        self.writes.append(f"reset {branch}")

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
        if self.branches[branch].get(path) == text:
            return False
        self.branches[branch][path] = text
        self._commit(branch)
        self.writes.append(f"put {branch}")
        return True

    def open_pull(self, branch: str) -> Any | None:
        return next((p for p in self.pulls if p.branch == branch and p.state == "open"), None)

    def closed_unmerged_pull(self, branch: str, head_sha: str) -> Any | None:
        return next(
            (
                p
                for p in self.pulls
                if p.branch == branch and p.state == "closed" and p.head == head_sha
            ),
            None,
        )

    def create_pull(self, branch: str, title: str, body: str) -> Any:
        pull = Pull(len(self.pulls) + 100, branch, title, body, self.tips[branch])
        self.pulls.append(pull)
        self.writes.append(f"pull {branch}")
        return pull

    def update_pull(self, pull: Any, title: str, body: str) -> bool:
        if (pull.title, pull.body) == (title, body):
            return False
        pull.title, pull.body = title, body
        self.writes.append(f"update pull {pull.number}")
        return True

    def merge(self, pull: Pull) -> None:
        self.branches["main"] = dict(self.branches[pull.branch])
        self._commit("main")
        pull.state = "merged"


def target(text: str, **changes: Any) -> Target:
    return Target(
        branch=BRANCH,
        path=PATH,
        render=lambda base: text,
        message="Ehdotus #7",
        title="Ehdotus #7: `Osaajat`",
        body=lambda published, wanted: f"{'muutos' if published else 'uusi'}: {wanted}",
        **changes,
    )


def test_the_memory_repo_and_the_real_one_keep_to_the_port() -> None:
    from talkoot.github.session import Repo

    assert isinstance(MemoryRepo(), ContentRepo)
    port = {name for name in dir(ContentRepo) if not name.startswith("_")}
    assert port <= set(dir(Repo)) | {"default_branch"}  # an attribute set in __init__


def test_a_new_file_gets_a_branch_a_commit_and_a_pull_request() -> None:
    repo = MemoryRepo()
    result = publish(repo, target("a: 1\n"), may_change_published=False)
    assert result.state == "pull" and not result.change
    assert repo.writes == ["create ehdotus/7", "put ehdotus/7", "pull ehdotus/7"]
    assert repo.pulls[0].body == "uusi: a: 1\n"
    # The same run again changes nothing.
    repo.writes.clear()
    again = publish(repo, target("a: 1\n"), may_change_published=False)
    assert again.state == "pull" and again.pull is result.pull
    assert repo.writes == []


def test_an_open_pull_request_is_updated_in_place() -> None:
    repo = MemoryRepo()
    publish(repo, target("a: 1\n"), may_change_published=False)
    repo.writes.clear()
    publish(repo, target("a: 2\n"), may_change_published=False)
    assert repo.writes == ["put ehdotus/7", f"update pull {repo.pulls[0].number}"]
    assert len(repo.pulls) == 1


def test_a_published_file_changes_only_by_the_senders_edit() -> None:
    repo = MemoryRepo()
    first = publish(repo, target("a: 1\n"), may_change_published=False)
    repo.merge(first.pull)
    repo.writes.clear()
    # Editors' later change to the published file is not undone by a re-run ...
    assert publish(repo, target("a: 2\n"), may_change_published=False).state == "published"
    assert repo.writes == []
    # ... but the sender's edit opens a change pull request from the published file.
    edit = publish(repo, target("a: 2\n"), may_change_published=True)
    assert edit.state == "pull" and edit.change
    assert repo.writes[0] == "reset ehdotus/7"
    assert edit.pull.body == "muutos: a: 2\n"


def test_unchanged_published_file_needs_nothing() -> None:
    repo = MemoryRepo()
    repo.merge(publish(repo, target("a: 1\n"), may_change_published=False).pull)
    repo.writes.clear()
    assert publish(repo, target("a: 1\n"), may_change_published=True).state == "published"
    assert repo.writes == []


def test_a_branch_left_without_a_pull_request_gets_one_without_a_new_commit() -> None:
    repo = MemoryRepo()
    repo.create_branch(BRANCH, "c0")
    repo.put_file_if_changed(BRANCH, PATH, "a: 1\n", "Ehdotus #7")
    repo.writes.clear()
    result = publish(repo, target("a: 1\n"), may_change_published=False)
    assert result.state == "pull"
    assert repo.writes == ["pull ehdotus/7"]


def test_a_pull_request_editors_closed_is_respected() -> None:
    repo = MemoryRepo()
    first = publish(repo, target("a: 1\n"), may_change_published=False)
    first.pull.state = "closed"
    repo.writes.clear()
    result = publish(repo, target("a: 1\n"), may_change_published=False)
    assert result.state == "closed" and result.pull is first.pull
    assert repo.writes == []
    # A different text (the sender edited) starts over from the default branch.
    again = publish(repo, target("a: 3\n"), may_change_published=False)
    assert again.state == "pull" and again.pull is not first.pull
    assert repo.writes[0] == "reset ehdotus/7"


def test_a_missing_default_branch_is_a_clear_error() -> None:
    repo = MemoryRepo(tips={})
    with pytest.raises(GitHubError, match="Oletushaaraa main ei löytynyt"):
        publish(repo, target("a: 1\n"), may_change_published=False)
