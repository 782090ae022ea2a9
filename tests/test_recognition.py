"""Telling an issue made with a form from an ordinary one by its body alone
(`talkoot.submissions.recognition`), against the committed forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest_world import proposal_values, registration_values
from talkoot.submissions.issueform import Form, load_form, render
from talkoot.submissions.recognition import has_structure_of, missing_label_notice, recognise
from talkoot.vocabulary import names

TEMPLATES = Path(__file__).resolve().parents[1] / ".github" / "ISSUE_TEMPLATE"
PROPOSAL = load_form((TEMPLATES / names.PROPOSAL_FORM).read_text(encoding="utf-8"))
REGISTRATION = load_form((TEMPLATES / names.REGISTRATION_FORM).read_text(encoding="utf-8"))
FORMS: dict[str, Form] = {
    names.PROPOSAL_LABEL: PROPOSAL,
    names.REGISTRATION_LABEL: REGISTRATION,
}


def proposal_body(**changes: object) -> str:
    return render(proposal_values(PROPOSAL, **changes), PROPOSAL, validate=False)


def registration_body(**changes: object) -> str:
    return render(registration_values(REGISTRATION, **changes), REGISTRATION, validate=False)


def test_a_body_made_by_each_form_is_recognised() -> None:
    assert recognise(proposal_body(), FORMS) == "ehdotus"
    assert recognise(registration_body(), FORMS) == "ilmoittautuminen"


def test_invalid_answers_do_not_matter_only_the_structure() -> None:
    body = proposal_body(
        workshop="Ei tällaista työpajaa", challenge=None, city_role=None, consent=[], impact=""
    )
    assert recognise(body, FORMS) == "ehdotus"
    assert recognise(registration_body(participants="999", privacy=[]), FORMS) == (
        "ilmoittautuminen"
    )


def test_a_body_edited_on_the_web_with_crlf_is_recognised() -> None:
    assert recognise(proposal_body().replace("\n", "\r\n"), FORMS) == "ehdotus"


def test_the_answers_may_hold_headings_of_the_other_form() -> None:
    other = "\n".join(section.heading for section in REGISTRATION.sections)
    assert recognise(proposal_body(challenge=f"Lainaus:\n{other}"), FORMS) == "ehdotus"


@pytest.mark.parametrize(
    "body",
    [
        None,
        "",
        "Sivu ei toimi puhelimella.",
        "### Työpaja\n\nTeollisuus\n\n### Haaste tai pullonkaula\n\nKuvaus",
        "Hei! Tässä ehdotukseni:\n\n" + proposal_body(),
        proposal_body() + "\n\n" + registration_body(),
    ],
    ids=["none", "empty", "prose", "two-headings", "text-before", "both-forms"],
)
def test_ordinary_issues_are_never_taken_for_submissions(body: str | None) -> None:
    assert recognise(body, FORMS) is None


def test_a_missing_or_moved_heading_is_not_the_form() -> None:
    sections = proposal_body().split("\n\n### ")
    without_impact = "\n\n### ".join(s for s in sections if not s.startswith("Odotettu vaikutus"))
    assert recognise(without_impact, FORMS) is None
    moved = "\n\n### ".join([sections[0], sections[2], sections[1], *sections[3:]])
    assert recognise(moved, FORMS) is None
    assert has_structure_of(proposal_body(), PROPOSAL)
    assert not has_structure_of(proposal_body(), REGISTRATION)


def test_a_body_with_the_structure_of_both_forms_is_not_guessed() -> None:
    twice = {"a": PROPOSAL, "b": PROPOSAL}
    assert recognise(proposal_body(), twice) is None


def test_the_notice_says_what_happened_in_finnish() -> None:
    text = missing_label_notice("ehdotus", "Kehittämisehdotus")
    assert "lomakkeella *Kehittämisehdotus*" in text and "tunniste `ehdotus`" in text
    assert "vain, jos tunniste on jo olemassa repositoriossa" in text
    assert "ehdotus käsitellään tavalliseen tapaan" in text
    registration = missing_label_notice("ilmoittautuminen", "Ilmoittautuminen")
    assert "viive ei siirrä ilmoittautumistasi jonossa" in registration
    assert "jonossa" not in text
