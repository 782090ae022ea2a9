"""What can be wrong with an issue body, as values; and their Finnish wording.

`issueform.parse` reports a `FormProblem` for each thing that does not fit the form: its
`kind`, the section it concerns and the details (counts, an excerpt of the text, the
options). Whoever shows a problem decides the words: `finnish` is the wording of
`talkoot parse-issue`, and `submission._Checker` words them for the bot's comments.
Nothing decides anything by reading the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final, assert_never

from talkoot.vocabulary import fi

#: Excerpts of user text in problems are one line of at most this many characters.
EXCERPT_MAX: Final = 80


class ProblemKind(StrEnum):
    """The kinds of problems `parse` reports."""

    #: The body is longer than GitHub allows (`count` characters, at most `limit`).
    BODY_TOO_LONG = "body_too_long"
    #: Text before the first section heading (`excerpt`).
    TEXT_BEFORE_SECTIONS = "text_before_sections"
    #: The section's heading does not occur in the body.
    SECTION_MISSING = "section_missing"
    #: The section's heading occurs only out of the form's order.
    SECTION_MOVED = "section_moved"
    #: The section's heading occurs more than once and the choice between them is a guess.
    HEADING_REPEATED = "heading_repeated"
    #: A required section without an answer.
    REQUIRED_UNANSWERED = "required_unanswered"
    #: A dropdown answer (`excerpt`) that is none of the `options`.
    NOT_AN_OPTION = "not_an_option"
    #: A line (`excerpt`) in a checkboxes section that is none of its option lines.
    UNKNOWN_CHECKBOX_LINE = "unknown_checkbox_line"
    #: A checkbox option (`excerpt`) whose line is missing.
    CHECKBOX_MISSING = "checkbox_missing"
    #: A required checkbox option (`excerpt`) that is not ticked.
    CHECKBOX_NOT_TICKED = "checkbox_not_ticked"


#: The kinds that mean a section's place in the body is unknown: its value is None.
STRUCTURAL: Final = frozenset(
    {ProblemKind.SECTION_MISSING, ProblemKind.SECTION_MOVED, ProblemKind.HEADING_REPEATED}
)


@dataclass(frozen=True)
class FormProblem:
    """One problem of an issue body against its form."""

    kind: ProblemKind
    #: The id of the section it concerns ("" for the body as a whole).
    element_id: str = ""
    #: That section's label, as the form has it.
    label: str = ""
    #: User text (or an option) quoted by the problem: one line, shortened by `excerpt`.
    excerpt: str = ""
    #: The options the answer should have been one of.
    options: tuple[str, ...] = ()
    #: A count and its bound (characters of the body).
    count: int = 0
    limit: int = 0


def excerpt(text: str) -> str:
    """User text as one line of at most `EXCERPT_MAX` characters."""
    flat = " ".join(text.split())
    if len(flat) > EXCERPT_MAX:
        flat = flat[: EXCERPT_MAX - 1].rstrip() + "…"
    return flat


def finnish(problem: FormProblem) -> str:
    """The problem in Finnish, as `talkoot parse-issue` prints it (naming the label and
    quoting the text)."""
    kind = problem.kind
    if kind is ProblemKind.BODY_TOO_LONG:
        return (
            f"Lomakkeen teksti on liian pitkä: {fi.number(problem.count)} merkkiä, kun enintään"
            f" {fi.number(problem.limit)} merkkiä on sallittu."
        )
    quoted = f'"{problem.excerpt}"'
    if kind is ProblemKind.TEXT_BEFORE_SECTIONS:
        return f"Lomakkeen alussa on tekstiä, joka ei kuulu mihinkään kohtaan: {quoted}"
    section = f'Kohta "{problem.label}"'
    if kind is ProblemKind.SECTION_MISSING:
        return f"{section} puuttuu lomakkeelta."
    if kind is ProblemKind.SECTION_MOVED:
        return (
            f"{section} on eri kohdassa kuin lomakkeella: palauta kohdat lomakkeen järjestykseen."
        )
    if kind is ProblemKind.HEADING_REPEATED:
        return (
            f'{section}: otsikko "### {problem.label}" on tekstissä useammin kuin kerran, joten'
            " vastauksen alkua ei voi päätellä varmasti. Poista ylimääräinen otsikko."
        )
    if kind is ProblemKind.REQUIRED_UNANSWERED:
        return f"{section} on pakollinen, mutta siihen ei ole vastattu."
    if kind is ProblemKind.NOT_AN_OPTION:
        return f"{section}: {quoted} ei ole yksi vaihtoehdoista."
    if kind is ProblemKind.UNKNOWN_CHECKBOX_LINE:
        return f"{section}: rivi {quoted} ei ole mikään lomakkeen vaihtoehdoista."
    if kind is ProblemKind.CHECKBOX_MISSING:
        return f"{section}: vaihtoehto {quoted} puuttuu."
    if kind is ProblemKind.CHECKBOX_NOT_TICKED:
        return f"{section}: vaihtoehto {quoted} on pakollinen, mutta sitä ei ole valittu."
    assert_never(kind)
