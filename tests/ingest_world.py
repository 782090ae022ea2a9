"""A project checkout, the fake GitHub and helpers to act as senders, editors and the
Action: shared by the ingest tests and the end-to-end test of hostile input on the site.
Registered as a pytest plugin in conftest.py for its `world` fixture."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from fakegithub import BOT_LOGIN, FakeGitHub
from talkoot.cli.main import main as cli_main
from talkoot.content.load import Content, load
from talkoot.github import session as talkoot_github
from talkoot.submissions import forms
from talkoot.submissions.issueform import Form, load_form, render
from talkoot.submissions.values import LABELS
from talkoot.vocabulary import names

CASES = Path(__file__).with_name("ingest_cases")
PROJECT = yaml.safe_load((CASES / "project.yml").read_text(encoding="utf-8"))
FILES: dict[str, str] = PROJECT["files"]
SITE: str = PROJECT["site_url"]
#: project.yml's files with the current edition as sessions of their own.
SESSIONS_FILES: dict[str, str] = {
    **FILES,
    **yaml.safe_load((CASES / "sessions.yml").read_text(encoding="utf-8"))["files"],
}
EDITOR = "toimittaja"
SENDER = "yrittaja"
MARKER = "<!-- talkoot:bot -->"
#: Opened (4 calls + 1 to look for unanswered proposals) + labeled `hyväksytty` by an
#: editor (13 calls + the same look + the new comment that tells of the approval).
APPROVED_PROPOSAL_CALLS = 20
# 5.3.2025 12.00 Helsinki: the build clock of these runs (SOURCE_DATE_EPOCH).
EPOCH = int(dt.datetime(2025, 3, 5, 10, 0, tzinfo=dt.UTC).timestamp())


def proposal_values(form: Form, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "workshop": "Teollisuus",
        "challenge": "Osaajia on vaikea löytää.",
        "action": "Yhteinen rekrytointitapahtuma keväällä.",
        "city_role": "Kaupunki voi toimia suoraan",
        "impact": "Yritykset voivat kasvaa.",
        "organisation": "Esimerkki Oy",
        "business_id": "0737546-2",
        "consent": [forms.CONSENT_OPTION],
        "privacy": list(form.element("privacy").options),
    }
    values.update(changes)
    return values


def registration_values(form: Form, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "organisation": "Esimerkki Oy",
        "business_id": "",
        "workshop": "Teollisuus",
        "participants": "2",
        "show_name": "Kyllä",
        "privacy": list(form.element("privacy").options),
    }
    values.update(changes)
    return values


@dataclass
class World:
    """A project checkout, the fake GitHub and helpers to act as users and as the Action."""

    fake: FakeGitHub
    root: Path
    monkeypatch: pytest.MonkeyPatch
    sleeps: list[float]
    proposal_form: Form
    registration_form: Form
    count: int = 0
    registrants: int = 0
    last: Path | None = None
    exit_codes: list[int] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=lambda: dict(FILES))

    # -- running the Action --------------------------------------------------------

    def env(self, path: Path | None = None, name: str = "issues") -> dict[str, str]:
        return self.fake.env(path, name)

    def cli(self, *args: str, event: Path | None = None) -> int:
        for key, value in self.env(event).items():
            self.monkeypatch.setenv(key, value)
        code = cli_main(list(args))
        self.exit_codes.append(code)
        return code

    def event(self, action: str, number: int, **kwargs: Any) -> int:
        self.count += 1
        self.last = self.root.parent / f"event-{self.count}.json"
        self.fake.write_event(self.last, action, number, **kwargs)
        return self.cli("ingest", event=self.last)

    def again(self) -> int:
        return self.cli("ingest", event=self.last)

    def assert_rerun_changes_nothing(self, *args: str) -> None:
        before = self.fake.snapshot()
        self.fake.clear_requests()
        code = self.cli(*args) if args else self.again()
        assert code == 0
        assert self.fake.writes() == []
        assert self.fake.snapshot() == before

    def fresh_repository(self) -> None:
        """No labels at all, as in a repository where nobody ran `talkoot labels`."""
        for name in self.fake.labels():
            self.fake.delete_label(name)

    # -- acting as people ----------------------------------------------------------

    def propose(self, title: str = "Osaajien saatavuus", **values: Any) -> int:
        body = render(proposal_values(self.proposal_form, **values), self.proposal_form)
        return self.fake.add_issue(title=title, body=body, labels=["ehdotus"], user=SENDER)

    def register(
        self, created_at: str | None = None, user: str | None = None, **values: Any
    ) -> int:
        """A registration; each by its own account unless `user` is given."""
        self.registrants += 1
        user = user or f"yritys-{self.registrants}"
        body = render(
            registration_values(self.registration_form, **values),
            self.registration_form,
            validate=False,
        )
        return self.fake.add_issue(
            title="Ilmoittautuminen: ",
            body=body,
            labels=["ilmoittautuminen"],
            user=user,
            created_at=created_at,
        )

    def edit(self, number: int, *, title: str | None = None, **values: Any) -> int:
        """The sender edits the body (and title): new values over the form's defaults."""
        old = self.fake.issue(number)
        is_proposal = "ehdotus" in old["labels"]
        form = self.proposal_form if is_proposal else self.registration_form
        make = proposal_values if is_proposal else registration_values
        body = render(make(form, **values), form, validate=False)
        changes: dict[str, Any] = {"body": {"from": old["body"]}}
        fields: dict[str, Any] = {"body": body}
        if title is not None:
            changes["title"] = {"from": old["title"]}
            fields["title"] = title
        self.fake.update_issue(number, by=old["user"], **fields)
        return self.event("edited", number, changes=changes, sender=old["user"])

    def label(self, number: int, name: str, by: str = EDITOR) -> int:
        self.fake.update_issue(number, labels=[*self.fake.labels(number), name], by=by)
        return self.event("labeled", number, sender=by, label=name)

    # -- looking --------------------------------------------------------------------

    def bot_comment(self, number: int) -> str:
        mine = [
            c
            for c in self.fake.comments(number)
            if c["user"] == BOT_LOGIN and c["body"].startswith(MARKER)
        ]
        assert len(mine) == 1, mine
        body: str = mine[0]["body"]
        assert body.startswith(MARKER + "\n")
        return re.sub(
            r"\n\n<!-- talkoot:tila=[a-z0-9-]+ -->\Z", "", body.removeprefix(MARKER + "\n")
        )

    def notices(self, number: int) -> list[str]:
        """The bot's notice comments (each a new comment that notifies), oldest first."""
        return [
            re.sub(r"\A<!-- talkoot:ilmoitus=[a-z0-9-]+ -->\n", "", c["body"])
            for c in self.fake.comments(number)
            if c["user"] == BOT_LOGIN and c["body"].startswith("<!-- talkoot:ilmoitus=")
        ]

    def content_with(self, branch: str, path: str) -> Content:
        text = self.fake.file_text(branch, path)
        assert text is not None, f"{path} not on {branch}"
        return load({**self.files, path.removeprefix("content/"): text})


@pytest.fixture
def world(
    fake_github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[World]:
    yield _world(fake_github, tmp_path, monkeypatch, FILES)


@pytest.fixture
def sessions_world(
    fake_github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[World]:
    """The world with the current edition as sessions on days of their own."""
    yield _world(fake_github, tmp_path, monkeypatch, SESSIONS_FILES)


def _world(
    fake_github: FakeGitHub,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
) -> World:
    root = tmp_path / "project"
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        fake_github.set_file("main", f"content/{rel}", text)
    (root / "mkdocs.yml").write_text(
        f"site_name: Talkoot\nsite_url: {SITE}\nplugins:\n  - talkoot:\n"
        "      content_dir: content\n",
        encoding="utf-8",
    )
    rendered = forms.render_forms(forms.edition_from_content(load(files), SITE))
    form_dir = root / ".github" / "ISSUE_TEMPLATE"
    form_dir.mkdir(parents=True)
    for name, text in rendered.items():
        (form_dir / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("TALKOOT_CONTENT_DIR", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.setenv("TALKOOT_GITHUB_TIMEOUT", "1")
    monkeypatch.setenv("TALKOOT_GITHUB_RETRY_DELAY", "0.01")
    monkeypatch.setenv("TALKOOT_GITHUB_ATTEMPTS", "4")
    sleeps: list[float] = []
    monkeypatch.setattr(talkoot_github, "default_sleep", sleeps.append)
    fake_github.set_permission(EDITOR, "triage")  # triage is enough to decide
    for spec in LABELS:  # a repository set up as the README says (`talkoot labels`)
        fake_github.add_label(spec.name, spec.color, spec.description)
    fake_github.clear_requests()
    return World(
        fake_github,
        root,
        monkeypatch,
        sleeps,
        load_form(rendered[names.PROPOSAL_FORM]),
        load_form(rendered[names.REGISTRATION_FORM]),
        files=dict(files),
    )


def pulls_of(fake: FakeGitHub, branch: str) -> list[dict[str, Any]]:
    return [p for p in fake.pulls() if p["head"] == branch]
