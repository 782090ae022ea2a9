"""An approved proposal as a content file: its name, its YAML (written by the project's
one YAML writer and re-validated with the model) and its pull request's title."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable
from typing import Any

import yaml
from pydantic import ValidationError

from talkoot.content.load import dump
from talkoot.content.model import (
    SLUG_PATTERN,
    Proposal,
    ProposalStatus,
    StatusChange,
)
from talkoot.submissions.values import ProposalSubmission
from talkoot.submissions.wording import code_span
from talkoot.vocabulary import fi, names


def proposal_slug(title: str) -> str:
    """ASCII letters, digits and hyphens from the title (never user text otherwise)."""
    slug = fi.slug(title, max_length=40)
    return slug if re.fullmatch(SLUG_PATTERN, slug) else ""


def new_proposal_name(number: int, title: str) -> str:
    return posixpath.basename(names.proposal_file(0, number, proposal_slug(title)))


def existing_proposal_name(number: int, names: Iterable[str]) -> str | None:
    """The file of proposal `number` among a directory's names (`12-otsikko.yml`)."""
    pattern = re.compile(rf"{number}(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?\.yml")
    return next((name for name in sorted(names) if pattern.fullmatch(name)), None)


def _base_proposal(text: str | None) -> Proposal | None:
    if text is None:
        return None
    try:
        return Proposal.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError, TypeError):
        return None


def _change_data(change: StatusChange) -> dict[str, Any]:
    data: dict[str, Any] = {"date": change.date, "status": change.status.value}
    if change.note is not None:
        data["note"] = change.note
    return data


def proposal_text(
    submission: ProposalSubmission, rel: str, *, approved: dt.date, base: str | None = None
) -> str:
    """The content file of an approved proposal.

    Without `base` the history is one `julkaistu` entry dated `approved`. With `base` (the
    file as it is on the branch or the default branch) its id, edition, submission date
    and history are kept, since editors may have added statuses, and only the submitted
    answers are replaced; if they are unchanged, `base` is returned as it is.
    """
    old = _base_proposal(base)
    history = (
        list(old.history)
        if old is not None
        else [
            StatusChange(date=max(approved, submission.submitted), status=ProposalStatus.PUBLISHED)
        ]
    )
    data: dict[str, Any] = {
        "id": old.id if old else submission.number,
        "edition": old.edition if old else submission.edition,
        "workshop": submission.workshop,
        "title": submission.title,
        "challenge": submission.challenge,
        "action": submission.action,
    }
    if submission.impact is not None:
        data["impact"] = submission.impact
    data["city_role"] = submission.city_role.value
    if submission.organisation is not None:
        data["organisation"] = submission.organisation
    data["submitted"] = old.submitted if old else submission.submitted
    data["history"] = [_change_data(change) for change in history]
    model = Proposal.model_validate(data)  # a file the loader would refuse is never written
    if old is not None and base is not None and model == old:
        return base
    return dump(rel, data)


def proposal_page_url(site_url: str, edition: int, number: int) -> str:
    return site_url.rstrip("/") + "/" + names.url(names.proposal(edition, number))


def proposal_pull_title(number: int, title: str) -> str:
    """`Ehdotus #12: `otsikko``: the title as inline code, so that a `@mention` or `#1` in
    it stays text (GitHub renders code spans in pull request titles)."""
    return f"Ehdotus #{number}: {code_span(title)}"
