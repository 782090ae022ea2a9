"""The fake GitHub answers github3.py 4.0.1 over real HTTP like GitHub does."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import github3
import pytest
import requests
from github3 import exceptions as gh_exc

from fakegithub import FakeGitHub, git_blob_sha

OWNER, NAME = "lappeenranta", "talkoot"


@pytest.fixture
def gh(fake_github: FakeGitHub) -> Any:
    return fake_github.client(read_timeout=5)


@pytest.fixture
def repo(gh: Any) -> Any:
    return gh.repository(OWNER, NAME)


def raw(fake: FakeGitHub, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": f"token {fake.token}", **kwargs.pop("headers", {})}
    return requests.request(method, fake.url + path, headers=headers, timeout=5, **kwargs)


def all_strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return [value] if isinstance(value, str) else []


# ---------------------------------------------------------------------------- basics


def test_repository_has_full_shape_and_self_urls(fake_github: FakeGitHub, repo: Any) -> None:
    assert repo.full_name == f"{OWNER}/{NAME}"
    assert repo.default_branch == "main"
    assert repo.owner.login == OWNER
    assert repo.url == f"{fake_github.url}/repos/{OWNER}/{NAME}"
    assert repo.network_count == 0 and repo.subscribers_count == 1
    body = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}").json()
    api_urls = [s for s in all_strings(body) if s.startswith("http") and "/repos/" in s]
    assert api_urls and all(u.startswith(fake_github.url) for u in api_urls)
    assert not any("api.github.com" in s for s in all_strings(body))


def test_unknown_repository_is_404(gh: Any) -> None:
    with pytest.raises(gh_exc.NotFoundError):
        gh.repository(OWNER, "other")


def test_requests_without_the_token_get_401(fake_github: FakeGitHub) -> None:
    anonymous = requests.get(f"{fake_github.url}/repos/{OWNER}/{NAME}", timeout=5)
    assert anonymous.status_code == 401
    assert anonymous.json()["message"] == "Requires authentication"
    wrong = github3.GitHub(token="ghp_wrong")
    wrong.session.base_url = fake_github.url
    with pytest.raises(gh_exc.AuthenticationFailed) as caught:
        wrong.repository(OWNER, NAME)
    assert caught.value.msg == "Bad credentials"
    assert [r.status for r in fake_github.requests] == [401, 401]


def test_every_response_has_rate_limit_headers(fake_github: FakeGitHub) -> None:
    first = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}")
    missing = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}/issues/5")
    assert missing.status_code == 404
    for response in (first, missing):
        for header in ("Limit", "Remaining", "Reset", "Used", "Resource"):
            assert f"X-RateLimit-{header}" in response.headers
    assert int(first.headers["X-RateLimit-Remaining"]) == 4999
    assert int(missing.headers["X-RateLimit-Remaining"]) == 4998
    assert int(missing.headers["X-RateLimit-Reset"]) > time.time()
    assert first.headers["Content-Type"] == "application/json; charset=utf-8"


def test_enterprise_style_api_v3_prefix_works(fake_github: FakeGitHub) -> None:
    ghe = github3.GitHubEnterprise(fake_github.url, token=fake_github.token)
    repo = ghe.repository(OWNER, NAME)
    assert repo.url == f"{fake_github.url}/api/v3/repos/{OWNER}/{NAME}"
    number = fake_github.add_issue(title="x")
    assert repo.issue(number).create_comment("hei").body == "hei"
    assert fake_github.comments(number)[0]["body"] == "hei"


def test_full_media_type_only_when_asked(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x", body="Hello *world*")
    assert repo.issue(number).body_text == "Hello *world*"
    plain = raw(
        fake_github,
        "GET",
        f"/repos/{OWNER}/{NAME}/issues/{number}",
        headers={"Accept": "application/vnd.github+json"},
    )
    assert "body_html" not in plain.json()
    assert plain.headers["X-GitHub-Media-Type"] == "github.v3; format=json"


# ---------------------------------------------------------------------------- issues


def test_issue_get_edit_and_close(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(
        7, title="Tapahtuma", body="### Nimi\n\nx", labels=["tapahtuma"], user="maija"
    )
    issue = repo.issue(7)
    assert (issue.number, issue.title, issue.user.login) == (7, "Tapahtuma", "maija")
    assert [lbl.name for lbl in issue.original_labels] == ["tapahtuma"]
    assert issue.edit(title="Uusi otsikko", body="uusi") is True
    assert fake_github.issue(number)["title"] == "Uusi otsikko"
    assert issue.close() is True
    stored = fake_github.issue(number)
    assert (stored["state"], stored["state_reason"]) == ("closed", "completed")
    assert stored["closed_by"] == "github-actions[bot]"
    assert issue.is_closed()
    assert issue.reopen() is True
    assert fake_github.issue(number)["state_reason"] == "reopened"
    assert fake_github.issue(number)["closed_at"] is None


def test_close_resends_labels_as_loaded(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x", labels=["tapahtuma"])
    issue = repo.issue(number)
    issue.add_labels("hyväksytty")
    assert fake_github.labels(number) == ["tapahtuma", "hyväksytty"]
    issue.close()  # github3.py 4.0.1 re-sends the labels it loaded
    assert fake_github.labels(number) == ["tapahtuma"]
    assert fake_github.calls("PATCH")[-1].json["labels"] == ["tapahtuma"]


def test_state_reason_not_planned(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x")
    issue = repo.issue(number)
    response = issue._patch(
        issue._api, data=json.dumps({"state": "closed", "state_reason": "not_planned"})
    )
    assert response.status_code == 200
    assert response.json()["state_reason"] == "not_planned"
    assert fake_github.issue(number)["state_reason"] == "not_planned"


def test_missing_issue_raises_not_found(repo: Any) -> None:
    with pytest.raises(gh_exc.NotFoundError):
        repo.issue(99)


def test_issue_list_paginates_250_issues(fake_github: FakeGitHub, repo: Any) -> None:
    for i in range(250):
        fake_github.add_issue(title=f"Issue {i}", state="closed" if i % 5 == 0 else "open")
    fake_github.clear_requests()
    issues = list(repo.issues(state="all"))
    assert [i.number for i in issues] == list(range(250, 0, -1))
    pages = fake_github.calls("GET", r"/issues$")
    assert len(pages) == 3
    assert pages[0].query == {"state": "all", "per_page": "100"}
    assert pages[1].path == "/repositories/812345678/issues"
    assert pages[2].query["page"] == "3"
    assert len(list(repo.issues())) == 200  # open only (the default)
    first = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}/issues", params={"state": "all"})
    assert len(first.json()) == 30
    assert 'rel="next"' in first.headers["Link"] and 'page=9>; rel="last"' in first.headers["Link"]
    last = requests.get(first.links["last"]["url"], headers=first.request.headers, timeout=5)
    assert len(last.json()) == 10 and "next" not in last.links and "first" in last.links


def test_issue_list_filters(fake_github: FakeGitHub, repo: Any) -> None:
    a = fake_github.add_issue(title="a", labels=["tapahtuma", "käsittelyssä"])
    fake_github.add_issue(title="b", labels=["tapahtuma"])
    c = fake_github.add_issue(title="c", labels=["tapahtuma"], state="closed")
    assert [i.number for i in repo.issues(labels="tapahtuma,käsittelyssä")] == [a]
    assert [i.number for i in repo.issues(state="closed")] == [c]
    assert [i.number for i in repo.issues(sort="created", direction="asc")] == [a, a + 1]


# ---------------------------------------------------------------------------- comments


def test_comments_create_list_edit(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x")
    for i in range(120):
        fake_github.add_comment(number, f"comment {i}", user="maija")
    issue = repo.issue(number)
    created = issue.create_comment("Kiitos!")
    assert created.user.login == "github-actions[bot]"
    post = raw(
        fake_github, "POST", f"/repos/{OWNER}/{NAME}/issues/{number}/comments", json={"body": "x"}
    )
    assert post.status_code == 201
    assert post.headers["Location"] == post.json()["url"]
    fake_github.clear_requests()
    comments = list(issue.comments())
    assert len(comments) == 122 and comments[-2].body == "Kiitos!"
    assert len(fake_github.calls("GET", "/comments$")) == 2
    assert created.edit("päivitetty") is True
    assert issue.comment(created.id).body == "päivitetty"
    assert fake_github.comments(number)[-2]["body"] == "päivitetty"
    empty = raw(fake_github, "POST", f"/repos/{OWNER}/{NAME}/issues/{number}/comments", json={})
    assert empty.status_code == 422


# ---------------------------------------------------------------------------- labels


def test_add_and_remove_issue_labels(fake_github: FakeGitHub, repo: Any) -> None:
    fake_github.add_label("tapahtuma", "0e8a16", "Tapahtumaehdotus")
    number = fake_github.add_issue(title="x")
    issue = repo.issue(number)
    added = issue.add_labels("tapahtuma", "käsittelyssä")
    assert [lbl.name for lbl in added] == ["tapahtuma", "käsittelyssä"]
    assert fake_github.calls("POST")[-1].json == ["tapahtuma", "käsittelyssä"]
    assert fake_github.label("käsittelyssä")["color"] == "ededed"
    assert fake_github.label("tapahtuma")["color"] == "0e8a16"
    remaining = issue.remove_label("käsittelyssä")
    assert [lbl.name for lbl in remaining] == ["tapahtuma"]
    assert fake_github.calls("DELETE")[-1].raw_path.endswith("/labels/k%C3%A4sittelyss%C3%A4")
    with pytest.raises(gh_exc.NotFoundError) as caught:
        issue.remove_label("käsittelyssä")
    assert caught.value.msg == "Label does not exist"
    as_object = raw(
        fake_github,
        "POST",
        f"/repos/{OWNER}/{NAME}/issues/{number}/labels",
        json={"labels": ["valmis"]},
    )
    assert [lbl["name"] for lbl in as_object.json()] == ["tapahtuma", "valmis"]
    assert [lbl.name for lbl in issue.labels()] == ["tapahtuma", "valmis"]
    assert fake_github.labels(number) == ["tapahtuma", "valmis"]


def test_repository_labels(fake_github: FakeGitHub, repo: Any) -> None:
    label = repo.create_label("hyväksytty", "#0E8A16", "Julkaistaan")
    assert (label.name, label.color, label.description) == ("hyväksytty", "0e8a16", "Julkaistaan")
    assert fake_github.calls("POST")[-1].status == 201
    with pytest.raises(gh_exc.UnprocessableEntity) as caught:
        repo.create_label("Hyväksytty", "ffffff")
    assert caught.value.msg == "Validation Failed"
    assert caught.value.errors == [{"resource": "Label", "code": "already_exists", "field": "name"}]
    with pytest.raises(gh_exc.UnprocessableEntity):
        repo.create_label("foo", "invalid")
    found = repo.label("HYVÄKSYTTY")
    assert found.name == "hyväksytty"
    assert found.update("julkaistu", "1d76db") is True
    assert fake_github.labels() == ["julkaistu"]
    for i in range(120):
        fake_github.add_label(f"l{i}")
    assert len(list(repo.labels())) == 121


def test_an_issue_from_a_form_gets_only_existing_labels(fake_github: FakeGitHub) -> None:
    fake_github.add_label("ehdotus", "1d76db")
    number = fake_github.add_issue(title="x", labels=["ehdotus", "uusi"], form=True)
    assert fake_github.labels(number) == ["ehdotus"]
    assert fake_github.labels() == ["ehdotus"]  # "uusi" was not created
    fake_github.add_issue(title="y", labels=["uusi"])  # through the API: created
    assert fake_github.labels() == ["ehdotus", "uusi"]
    fake_github.delete_label("ehdotus")
    assert fake_github.labels(number) == [] and fake_github.labels() == ["uusi"]
    with pytest.raises(ValueError):
        fake_github.delete_label("ehdotus")


# ---------------------------------------------------------------------------- permissions


def permission(repo: Any, login: str) -> dict[str, Any]:
    url = repo._build_url("collaborators", login, "permission", base_url=repo._api)
    data: dict[str, Any] = repo._json(repo._get(url), 200)
    return data


def test_collaborator_permission(fake_github: FakeGitHub, repo: Any) -> None:
    fake_github.set_permission("triager", "triage")
    fake_github.set_permission("maintainer", "maintain")
    fake_github.set_permission("boss", "admin")
    triage = permission(repo, "triager")
    assert (triage["permission"], triage["role_name"]) == ("read", "triage")
    assert triage["user"]["login"] == "triager"
    assert triage["user"]["permissions"]["triage"] is True
    assert triage["user"]["permissions"]["push"] is False
    assert (
        permission(repo, "maintainer")["permission"],
        permission(repo, "maintainer")["role_name"],
    ) == (
        "write",
        "maintain",
    )
    assert permission(repo, "boss")["permission"] == "admin"
    stranger = permission(repo, "stranger")
    assert (stranger["permission"], stranger["role_name"]) == ("none", "none")
    assert repo.is_collaborator("triager") and not repo.is_collaborator("stranger")


@pytest.mark.fakegithub(non_collaborator=404)
def test_non_collaborator_can_be_404(repo: Any) -> None:
    with pytest.raises(gh_exc.NotFoundError):
        permission(repo, "stranger")


# ---------------------------------------------------------------------------- git refs


def test_refs_get_create_update_delete(fake_github: FakeGitHub, repo: Any) -> None:
    main = repo.ref("heads/main")
    assert main.ref == "refs/heads/main"
    assert main.object.sha == fake_github.branches()["main"]
    created = repo.create_ref("refs/heads/lomake-7", main.object.sha)
    assert created.ref == "refs/heads/lomake-7"
    assert fake_github.calls("POST")[-1].status == 201
    with pytest.raises(gh_exc.UnprocessableEntity) as caught:
        repo.create_ref("refs/heads/lomake-7", main.object.sha)
    assert caught.value.msg == "Reference already exists"
    with pytest.raises(gh_exc.NotFoundError):
        repo.ref("heads/missing")
    newer = fake_github.set_file("main", "a.txt", "a\n")
    assert created.update(newer) is True  # fast forward
    assert fake_github.branches()["lomake-7"] == newer
    with pytest.raises(gh_exc.UnprocessableEntity) as caught:
        created.update(main.object.sha)
    assert caught.value.msg == "Update is not a fast forward"
    assert created.update(main.object.sha, force=True) is True
    assert sorted(r.ref for r in repo.refs("heads")) == ["refs/heads/lomake-7", "refs/heads/main"]
    assert created.delete() is True
    assert "lomake-7" not in fake_github.branches()


# ---------------------------------------------------------------------------- contents


def test_files_create_get_update_delete(fake_github: FakeGitHub, repo: Any) -> None:
    main = repo.ref("heads/main").object.sha
    repo.create_ref("refs/heads/lomake-7", main)
    result = repo.create_file(
        "content/tapahtumat/x.yml", "Lisää tapahtuma", b"nimi: x\n", branch="lomake-7"
    )
    assert fake_github.calls("PUT")[-1].status == 201
    assert result["content"].sha == git_blob_sha(b"nimi: x\n")
    assert result["commit"].message == "Lisää tapahtuma"
    assert fake_github.file_text("lomake-7", "content/tapahtumat/x.yml") == "nimi: x\n"
    assert fake_github.file_text("main", "content/tapahtumat/x.yml") is None
    contents = repo.file_contents("content/tapahtumat/x.yml", ref="lomake-7")
    stale = repo.file_contents("content/tapahtumat/x.yml", ref="lomake-7")
    assert contents.decoded == b"nimi: x\n" and contents.encoding == "base64"
    updated = contents.update("Päivitä", b"nimi: y\n", branch="lomake-7")
    assert fake_github.calls("PUT")[-1].status == 200
    assert updated["content"].sha == git_blob_sha(b"nimi: y\n")
    assert fake_github.file_text("lomake-7", "content/tapahtumat/x.yml") == "nimi: y\n"
    assert fake_github.commit(fake_github.branches()["lomake-7"])["author"]["name"] == (
        "github-actions[bot]"
    )
    with pytest.raises(gh_exc.Conflict) as conflict:
        stale.update("stale", b"nimi: z\n", branch="lomake-7")
    assert "does not match" in conflict.value.msg
    with pytest.raises(gh_exc.UnprocessableEntity) as missing_sha:
        repo.create_file("content/tapahtumat/x.yml", "again", b"z", branch="lomake-7")
    assert missing_sha.value.msg == 'Invalid request.\n\n"sha" wasn\'t supplied.'
    with pytest.raises(gh_exc.NotFoundError):
        repo.file_contents("content/tapahtumat/x.yml")  # not on main
    listing = repo.directory_contents("content/tapahtumat", ref="lomake-7")
    assert [name for name, _ in listing] == ["x.yml"]
    fresh = repo.file_contents("content/tapahtumat/x.yml", ref="lomake-7")
    deleted = fresh.delete("Poista", branch="lomake-7")
    assert deleted["content"] is None
    assert fake_github.file_text("lomake-7", "content/tapahtumat/x.yml") is None


def test_branches_are_snapshots(fake_github: FakeGitHub, repo: Any) -> None:
    fake_github.set_file("main", "data/a.yml", "a: 1\n")
    repo.create_ref("refs/heads/feature", repo.ref("heads/main").object.sha)
    fake_github.set_file("main", "data/a.yml", "a: 2\n")
    fake_github.set_file("main", "data/b.yml", "b: 1\n")
    assert fake_github.file_text("feature", "data/a.yml") == "a: 1\n"
    assert fake_github.file_text("feature", "data/b.yml") is None
    assert repo.file_contents("data/a.yml", ref="feature").decoded == b"a: 1\n"
    assert repo.file_contents("data/a.yml").decoded == b"a: 2\n"
    raw_content = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}/contents/README.md").json()
    assert raw_content["content"].endswith("\n")
    assert base64.b64decode(raw_content["content"]) == b"# talkoot\n"


# ---------------------------------------------------------------------------- pulls


def test_pull_create_list_update(fake_github: FakeGitHub, repo: Any) -> None:
    issue_number = fake_github.add_issue(title="Tapahtuma")
    repo.create_ref("refs/heads/lomake-1", repo.ref("heads/main").object.sha)
    with pytest.raises(gh_exc.UnprocessableEntity) as no_commits:
        repo.create_pull("Uusi", "main", "lomake-1")
    assert no_commits.value.errors[0]["message"] == "No commits between main and lomake-1"
    repo.create_file("content/x.yml", "Lisää", b"x: 1\n", branch="lomake-1")
    pull = repo.create_pull("Uusi tapahtuma", "main", "lomake-1", body=f"Closes #{issue_number}")
    assert pull.number == issue_number + 1  # pull requests share the issue numbers
    assert (pull.head.ref, pull.base.ref) == ("lomake-1", "main")
    assert pull.head.sha == fake_github.branches()["lomake-1"]
    assert fake_github.calls("POST", "/pulls$")[-1].status == 201
    found = list(repo.pull_requests(state="open", head=f"{OWNER}:lomake-1"))
    assert [p.number for p in found] == [pull.number]
    assert list(repo.pull_requests(state="open", head=f"{OWNER}:other")) == []
    assert len(list(repo.pull_requests(head="lomake-1"))) == 1  # no owner: filter ignored
    with pytest.raises(gh_exc.UnprocessableEntity) as duplicate:
        repo.create_pull("Again", "main", "lomake-1")
    assert duplicate.value.errors[0]["message"] == (
        f"A pull request already exists for {OWNER}:lomake-1."
    )
    as_issue = repo.issue(pull.number)
    assert as_issue.pull_request_urls["url"] == pull.url
    assert {i.number for i in repo.issues()} == {issue_number, pull.number}
    full = repo.pull_request(pull.number)
    assert full.mergeable is True and full.commits_count == 1
    assert full.update(title="Uusi otsikko") is True
    assert fake_github.pull(pull.number)["title"] == "Uusi otsikko"
    fake_github.merge_pull(pull.number)
    assert fake_github.file_text("main", "content/x.yml") == "x: 1\n"
    assert fake_github.issue(issue_number)["state"] == "closed"
    assert repo.pull_request(pull.number).merged is True


def test_deleting_the_head_branch_closes_the_pull(fake_github: FakeGitHub, repo: Any) -> None:
    fake_github.set_file("lomake-2", "x.txt", "x")
    pull = repo.create_pull("t", "main", "lomake-2")
    repo.ref("heads/lomake-2").delete()
    assert fake_github.pull(pull.number)["state"] == "closed"
    assert list(repo.pull_requests(state="open")) == []


# ---------------------------------------------------------------------------- faults


def test_server_error_fault_changes_nothing(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x")
    issue = repo.issue(number)
    fault = fake_github.fail_server_error("POST", r"/comments$")
    with pytest.raises(gh_exc.ServerError) as caught:
        issue.create_comment("first try")
    assert caught.value.code == 502 and caught.value.msg == "Server Error"
    assert fake_github.comments(number) == []
    assert fault.hits == 1 and fake_github.pending_faults() == []
    issue.create_comment("second try")
    assert [c["body"] for c in fake_github.comments(number)] == ["second try"]
    assert [(r.status, r.fault) for r in fake_github.calls("POST")] == [
        (502, "server_error"),
        (201, None),
    ]


def test_html_502_and_fault_matching(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x")
    issue = repo.issue(number)
    fake_github.fail_server_error("GET", r"/issues/\d+$", html=True, times=2)
    issue.edit(body="not matched: PATCH")
    for _ in range(2):
        with pytest.raises(gh_exc.ServerError) as caught:
            repo.issue(number)
        assert b"Unicorn" in caught.value.msg
    assert repo.issue(number).body == "not matched: PATCH"


def test_timeout_fault_really_times_out(fake_github: FakeGitHub) -> None:
    gh = fake_github.client(read_timeout=0.3)
    repo = gh.repository(OWNER, NAME)
    number = fake_github.add_issue(title="x")
    fake_github.fail_timeout("PATCH", hold=5)
    started = time.monotonic()
    with pytest.raises(gh_exc.ConnectionError):
        repo.issue(number).edit(title="changed")
    assert 0.25 < time.monotonic() - started < 2
    assert fake_github.issue(number)["title"] == "x"
    assert fake_github.calls("PATCH")[0].status is None
    assert repo.issue(number).edit(title="changed") is True


def test_timeout_after_applying(fake_github: FakeGitHub) -> None:
    repo = fake_github.client(read_timeout=0.3).repository(OWNER, NAME)
    number = fake_github.add_issue(title="x")
    fake_github.fail_timeout("POST", r"/comments$", hold=2, apply=True)
    with pytest.raises(gh_exc.ConnectionError):
        repo.issue(number).create_comment("lost answer")
    assert [c["body"] for c in fake_github.comments(number)] == ["lost answer"]


def test_disconnect_fault(fake_github: FakeGitHub, repo: Any) -> None:
    fake_github.fail_disconnect("GET", r"/git/ref/")
    with pytest.raises(gh_exc.ConnectionError):
        repo.ref("heads/main")
    assert repo.ref("heads/main").ref == "refs/heads/main"


def test_secondary_rate_limit_fault(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x")
    fake_github.fail_secondary_rate_limit("POST", retry_after=2)
    with pytest.raises(gh_exc.ForbiddenError) as caught:
        repo.issue(number).add_labels("a")
    assert caught.value.msg.startswith("You have exceeded a secondary rate limit")
    headers = caught.value.response.headers
    assert headers["Retry-After"] == "2"
    assert int(headers["X-RateLimit-Remaining"]) > 0
    assert "secondary-rate-limits" in caught.value.response.json()["documentation_url"]
    assert fake_github.labels(number) == []


@pytest.mark.parametrize(
    ("status", "error"), [(403, gh_exc.ForbiddenError), (429, gh_exc.ClientError)]
)
def test_primary_rate_limit_fault(
    fake_github: FakeGitHub, repo: Any, status: int, error: type[Exception]
) -> None:
    fake_github.fail_rate_limit(status=status, reset_in=30)
    with pytest.raises(error) as caught:
        repo.ref("heads/main")
    response = caught.value.response
    assert response.status_code == status
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert 0 < int(response.headers["X-RateLimit-Reset"]) - time.time() <= 31
    assert caught.value.msg.startswith("API rate limit exceeded for ")


def test_spent_rate_limit_blocks_every_request(fake_github: FakeGitHub, repo: Any) -> None:
    fake_github.set_rate_limit(remaining=1)
    repo.ref("heads/main")
    with pytest.raises(gh_exc.ForbiddenError) as caught:
        repo.ref("heads/main")
    assert caught.value.response.headers["X-RateLimit-Remaining"] == "0"


# ---------------------------------------------------------------------------- log, snapshot, events


def test_snapshot_and_request_log(fake_github: FakeGitHub, repo: Any) -> None:
    number = fake_github.add_issue(title="x", labels=["a"])
    before = fake_github.snapshot()
    issue = repo.issue(number)
    list(issue.comments())
    repo.file_contents("README.md")
    assert fake_github.snapshot() == before
    assert fake_github.writes() == []
    issue.add_labels("a")  # already there: GitHub changes nothing
    assert fake_github.snapshot() == before
    issue.add_labels("b")
    assert fake_github.snapshot() != before
    assert [(r.method, r.path) for r in fake_github.writes()] == [
        ("POST", f"/repos/{OWNER}/{NAME}/issues/{number}/labels"),
        ("POST", f"/repos/{OWNER}/{NAME}/issues/{number}/labels"),
    ]


LABELED_KEYS = {"action", "issue", "label", "repository", "sender"}
ISSUE_KEYS = {
    "url", "repository_url", "labels_url", "comments_url", "events_url", "html_url", "id",
    "node_id", "number", "title", "user", "labels", "state", "locked", "assignee", "assignees",
    "milestone", "comments", "created_at", "updated_at", "closed_at", "author_association",
    "active_lock_reason", "body", "reactions",
}  # fmt: skip


def test_make_event(fake_github: FakeGitHub, tmp_path: Any) -> None:
    number = fake_github.add_issue(title="Tapahtuma", body=None, labels=["tapahtuma"], user="maija")
    labeled = fake_github.make_event("labeled", number, sender="vastaava")
    assert set(labeled) == LABELED_KEYS
    assert set(labeled["issue"]) >= ISSUE_KEYS
    assert labeled["label"]["name"] == "tapahtuma"
    assert labeled["issue"]["body"] is None
    assert labeled["issue"]["user"]["login"] == "maija"
    assert labeled["sender"]["login"] == "vastaava"
    assert labeled["repository"]["full_name"] == f"{OWNER}/{NAME}"
    assert labeled["issue"]["url"].startswith(fake_github.url)
    edited = fake_github.make_event(
        "edited", number, changes={"body": {"from": "old"}}, issue={"author_association": "NONE"}
    )
    assert edited["changes"] == {"body": {"from": "old"}}
    assert edited["issue"]["author_association"] == "NONE"
    assert "label" not in fake_github.make_event("opened", number)
    path = fake_github.write_event(tmp_path / "event.json", "opened", number)
    env = fake_github.env(path)
    assert json.loads(path.read_text(encoding="utf-8"))["action"] == "opened"
    assert env["GITHUB_EVENT_PATH"] == str(path)
    assert env["GITHUB_API_URL"] == fake_github.url
    assert env["GITHUB_REPOSITORY"] == f"{OWNER}/{NAME}"


def test_create_issue_and_comment_event(fake_github: FakeGitHub, repo: Any) -> None:
    issue = repo.create_issue("Uusi", body="teksti", labels=["tapahtuma"])
    assert fake_github.calls("POST", "/issues$")[-1].status == 201
    assert fake_github.issue(issue.number)["labels"] == ["tapahtuma"]
    comment_id = fake_github.add_comment(issue.number, "/hyväksy", user="vastaava")
    event = fake_github.make_comment_event("created", comment_id)
    assert set(event) == {"action", "issue", "comment", "repository", "sender"}
    assert event["comment"]["body"] == "/hyväksy"
    assert event["sender"]["login"] == "vastaava"
    assert event["issue"]["comments"] == 1


@pytest.mark.fakegithub(owner="someone", repo="elsewhere", default_branch="trunk")
def test_marker_configures_the_fixture(fake_github: FakeGitHub) -> None:
    repo = fake_github.client().repository("someone", "elsewhere")
    assert repo.default_branch == "trunk"
    assert fake_github.branches() == {"trunk": repo.ref("heads/trunk").object.sha}


# ---------------------------------------------------------------------------- actions workflows

WORKFLOW_KEYS = [
    "id",
    "node_id",
    "name",
    "path",
    "state",
    "created_at",
    "updated_at",
    "url",
    "html_url",
    "badge_url",
]


def test_workflows_list_get_enable_disable(fake_github: FakeGitHub, gh: Any, repo: Any) -> None:
    daily = fake_github.add_workflow(
        ".github/workflows/ajastettu-julkaisu.yml", "Ajastettu julkaisu", "disabled_inactivity"
    )
    fake_github.add_workflow(".github/workflows/site.yml", "Sivusto")
    base = repo._build_url("actions", "workflows", base_url=repo._api)
    listed = gh.session.get(base, params={"per_page": 100})
    assert listed.status_code == 200
    body = listed.json()
    assert list(body) == ["total_count", "workflows"] and body["total_count"] == 2
    first = body["workflows"][0]
    assert list(first) == WORKFLOW_KEYS
    assert first["state"] == "disabled_inactivity" and first["id"] == daily
    assert first["url"] == f"{base}/{daily}"
    assert first["html_url"] == (
        f"https://github.com/{OWNER}/{NAME}/blob/main/.github/workflows/ajastettu-julkaisu.yml"
    )
    assert first["badge_url"].endswith("/workflows/Ajastettu%20julkaisu/badge.svg")
    assert first["created_at"].endswith(".000+00:00")

    enabled = gh.session.put(f"{base}/ajastettu-julkaisu.yml/enable")  # the file name works
    assert enabled.status_code == 204 and enabled.content == b""
    assert fake_github.workflows()[".github/workflows/ajastettu-julkaisu.yml"] == "active"
    assert gh.session.get(f"{base}/{daily}").json()["state"] == "active"
    assert gh.session.put(f"{base}/{daily}/disable").status_code == 204
    assert gh.session.get(f"{base}/{daily}").json()["state"] == "disabled_manually"
    missing = gh.session.put(f"{base}/puuttuu.yml/enable")
    assert missing.status_code == 404
    assert missing.json()["documentation_url"].endswith("#enable-a-workflow")


def test_workflows_paginate(fake_github: FakeGitHub, gh: Any, repo: Any) -> None:
    for n in range(3):
        fake_github.add_workflow(f".github/workflows/w{n}.yml")
    base = repo._build_url("actions", "workflows", base_url=repo._api)
    page = gh.session.get(base, params={"per_page": 2})
    assert [w["name"] for w in page.json()["workflows"]] == [
        ".github/workflows/w0.yml",
        ".github/workflows/w1.yml",
    ]
    assert page.json()["total_count"] == 3
    rest = gh.session.get(page.links["next"]["url"]).json()
    assert [w["path"] for w in rest["workflows"]] == [".github/workflows/w2.yml"]


@pytest.mark.fakegithub(actions_permission="read")
def test_enabling_needs_actions_write(fake_github: FakeGitHub, gh: Any, repo: Any) -> None:
    fake_github.add_workflow(".github/workflows/a.yml", "A", "disabled_inactivity")
    base = repo._build_url("actions", "workflows", base_url=repo._api)
    assert gh.session.get(base).status_code == 200
    answer = gh.session.put(f"{base}/a.yml/enable")
    assert answer.status_code == 403
    assert answer.json()["message"] == "Resource not accessible by integration"
    assert fake_github.workflows() == {".github/workflows/a.yml": "disabled_inactivity"}


def test_issue_events_record_who_labeled_and_parse_as_github3_events(
    fake_github: FakeGitHub, repo: Any
) -> None:
    number = fake_github.add_issue(title="Ehdotus", labels=["ehdotus"], user="yrittaja")
    fake_github.update_issue(number, labels=["ehdotus", "hyväksytty"], by="toimittaja")
    issue = repo.issue(number)
    issue.remove_label("hyväksytty")
    events = [(e.event, e.actor.login, e.label["name"]) for e in issue.events()]
    assert events == [
        ("labeled", "yrittaja", "ehdotus"),
        ("labeled", "toimittaja", "hyväksytty"),
        ("unlabeled", fake_github.actor, "hyväksytty"),
    ]
    timeline = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}/issues/{number}/timeline").json()
    assert [e["event"] for e in timeline] == ["labeled", "labeled", "unlabeled"]


def test_repository_comments_since_and_graphql_delete_issue(fake_github: FakeGitHub) -> None:
    first = fake_github.add_issue(title="A")
    second = fake_github.add_issue(title="B")
    fake_github.add_comment(first, "vanha")
    newer = fake_github.add_comment(second, "uusi")
    stamp = next(c for c in fake_github.comments(second) if c["id"] == newer)["updated_at"]
    listed = raw(
        fake_github, "GET", f"/repos/{OWNER}/{NAME}/issues/comments", params={"since": stamp}
    ).json()
    assert [(c["id"], c["issue_url"].rsplit("/", 1)[-1]) for c in listed] == [(newer, str(second))]
    node = raw(fake_github, "GET", f"/repos/{OWNER}/{NAME}/issues/{first}").json()["node_id"]
    query = "mutation($id: ID!) { deleteIssue(input: {issueId: $id}) { clientMutationId } }"
    fake_github.token_is_admin = False
    refused = raw(fake_github, "POST", "/graphql", json={"query": query, "variables": {"id": node}})
    assert refused.status_code == 200
    assert [e["type"] for e in refused.json()["errors"]] == ["FORBIDDEN"]
    fake_github.token_is_admin = True
    done = raw(fake_github, "POST", "/graphql", json={"query": query, "variables": {"id": node}})
    assert "errors" not in done.json() and fake_github.issues() == [second]
    again = raw(fake_github, "POST", "/graphql", json={"query": query, "variables": {"id": node}})
    assert [e["type"] for e in again.json()["errors"]] == ["NOT_FOUND"]
