"""Issues made with a form that lost the form's label, and what the bot says about them.

GitHub adds an issue form's `labels` only if they already exist in the repository, so
on a repository whose labels were never created, proposals and registrations arrive
without `ehdotus` or `ilmoittautuminen` and the submissions workflow never runs for
them. `recognise` tells such an issue by its body alone, strictly: the body must have
every `### ` heading of exactly one form, in the form's order, and nothing before the
first heading. The answers themselves are not judged here (an invalid answer is for
the normal checks to report), only the structure, so an ordinary issue that happens to
use a heading or two is never taken for a submission.

Pure: bodies and forms in, a label or Finnish text out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Final

from talkoot.submissions.issueform import Form, parse
from talkoot.vocabulary import names

#: What the bot calls each kind of submission in its notice.
_KINDS: Final = {
    names.PROPOSAL_LABEL: "ehdotus",
    names.REGISTRATION_LABEL: "ilmoittautuminen",
}


def structure_only(form: Form) -> Form:
    """The form with every section as an optional free-text answer: parsing it reports
    only problems of structure (a heading missing, out of order or doubled, text before
    the first heading), never of the answers."""
    elements = tuple(
        dataclasses.replace(
            element,
            type="textarea",
            options=(),
            multiple=False,
            required=False,
            required_options=(),
            render=None,
        )
        if element.is_section
        else element
        for element in form.elements
    )
    return dataclasses.replace(form, elements=elements)


def has_structure_of(body: str | None, form: Form) -> bool:
    """Whether `body` is laid out as `form` lays out a submitted issue."""
    if not body or not form.sections:
        return False
    return parse(body, structure_only(form)).ok


def recognise(body: str | None, forms: Mapping[str, Form]) -> str | None:
    """The label of the one form whose structure `body` has, or None (no form, or more
    than one: never a guess)."""
    matches = [label for label, form in forms.items() if has_structure_of(body, form)]
    return matches[0] if len(matches) == 1 else None


def missing_label_notice(label: str, form_name: str) -> str:
    """The bot's note on an issue that was made with a form but came without its label."""
    kind = _KINDS.get(label, "lähetys")
    text = (
        f"Tämä issue on tehty lomakkeella *{form_name}*, mutta siltä puuttui tunniste"
        f" `{label}`, joten automaatio ei käsitellyt sitä heti. GitHub lisää lomakkeen"
        " tunnisteen vain, jos tunniste on jo olemassa repositoriossa, ja sitä ei"
        " todennäköisesti silloin vielä ollut. Automaatio lisäsi tunnisteen nyt, ja"
        f" {kind} käsitellään tavalliseen tapaan: vastaus tulee tähän keskusteluun."
        " Pahoittelemme viivettä."
    )
    if label == names.REGISTRATION_LABEL:
        text += (
            "\n\nIlmoittautumiset otetaan huomioon siinä järjestyksessä, jossa issuet tehtiin,"
            " joten viive ei siirrä ilmoittautumistasi jonossa eikä tee siitä myöhästynyttä."
        )
    return text
