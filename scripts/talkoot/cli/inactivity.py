"""GitHub's 60 days: warnings about embargoes that a quiet repository could miss.

GitHub disables a public repository's scheduled workflows after 60 days without activity
in the repository. Embargoed content (`publish_from`) appears through the daily scheduled
deploy, and the workflows of pushes and issue events enable it again (`talkoot
keep-awake`) - but only when something happens. So a `publish_from` date more than 60 days
after the latest commit may pass with the daily deploy disabled. `talkoot validate` warns
about such dates; without git history it says nothing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

from talkoot.content.load import Content
from talkoot.content.model import HELSINKI, Strict
from talkoot.content.validation import line_of
from talkoot.exceptions import Problem
from talkoot.vocabulary import fi

#: Days without repository activity after which GitHub disables scheduled workflows.
INACTIVITY_DAYS = 60
ADVICE = (
    f"GitHub pysäyttää ajastetut työnkulut, jos repositoriossa ei ole toimintaa "
    f"{INACTIVITY_DAYS} päivään, eikä päivittäinen julkaisu silloin tuo sisältöä sivustolle "
    "ajallaan. Katso toimittajan oppaasta kohta Ajastetut julkaisut ja GitHubin 60 päivää."
)


def last_commit_date(directory: Path) -> dt.date | None:
    """The date (in Helsinki) of the latest commit of the git repository around `directory`;
    None when there is no git or no history."""
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(stamp), HELSINKI).date()


def embargoes(content: Content) -> Iterator[tuple[Strict, tuple[str | int, ...], dt.date]]:
    """Every `publish_from`: the item whose file has it, where in the file, the date."""
    for packages in content.packages.values():
        for package in packages:
            if package.publish_from is not None:
                yield package, ("publish_from",), package.publish_from
            for index, update in enumerate(package.updates):
                if update.publish_from is not None:
                    yield package, ("updates", index, "publish_from"), update.publish_from
    for proposal in content.proposals:
        for index, change in enumerate(proposal.history):
            if change.publish_from is not None:
                yield proposal, ("history", index, "publish_from"), change.publish_from


def late_embargoes(content: Content, directory: Path, last_commit: dt.date) -> list[Problem]:
    """A warning for each `publish_from` more than `INACTIVITY_DAYS` after `last_commit`."""
    display = _display(directory)
    texts: dict[str, str] = {}
    warnings = []
    for item, loc, date in embargoes(content):
        if (date - last_commit).days <= INACTIVITY_DAYS:
            continue
        rel = content.source_of(item)
        if rel not in texts:
            texts[rel] = (directory / rel).read_text(encoding="utf-8")
        message = (
            f"varoitus: julkaisupäivä {fi.date(date)} on yli {INACTIVITY_DAYS} päivää "
            f"viimeisimmän commitin ({fi.date(last_commit)}) jälkeen"
        )
        path = f"{display}/{rel}"
        warnings.append(Problem(path, line_of(texts[rel], loc), ".".join(map(str, loc)), message))
    return sorted(warnings)


def check(content: Content, directory: Path) -> list[Problem]:
    """The warnings for the content in `directory`; none without git history."""
    last_commit = last_commit_date(directory)
    if last_commit is None:
        return []
    return late_embargoes(content, directory, last_commit)


def _display(directory: Path) -> str:
    try:
        return directory.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(directory)
