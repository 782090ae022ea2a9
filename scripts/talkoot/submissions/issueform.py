"""GitHub issue forms: read a template, parse an issue body against it, render a body.

GitHub stores a submitted issue form as Markdown in `issue.body`: one `### <label>`
section per input, textarea, dropdown and checkboxes element, in template order (the
`markdown` elements leave nothing). After submission the body is free text that its
author may edit, so everything here is defensive: sections are found by the template's
own labels, and whatever does not fit is reported as a problem (a `FormProblem` value
naming the section; `formproblems.finnish` words it).

Everything in this module is pure (strings in, values out) except `parse_issue_main`,
the body of `talkoot parse-issue`.

How `parse` reads a body (the golden cases in tests/issueform_cases/ pin each rule):

* Line endings. GitHub's own scaffolding uses LF, typed text keeps the browser's CRLF
  and a body edited on the web is CRLF throughout. Values always use `\\n`; a lone `\\r`
  that is not part of a CRLF is kept as data.
* Sections. A line is a section heading only if it is `### <label>` of a section of the
  form (trailing spaces and tabs ignored); any other `### ` line is answer text. The
  headings used are the longest run that follows the form's order, so a `### ` line that
  repeats a label inside an answer normally stays in that answer. Of equally long runs,
  the one with more headings written by GitHub (LF on both sides) beats lines typed in
  a textarea (CRLF next to them), and then the earlier lines win. If another reading of
  the body would be just as good, a problem says that the heading occurs more than once
  (this needs a label's heading as a line of an answer, either as a whole one-line
  answer or in a body whose typed text has no CRLF: edited on the web, or created
  through the API). So a body rendered from values either parses back to them or
  carries that problem; it is never misread silently.
* A section whose heading is absent is reported missing (value `None`); one whose heading
  occurs only out of the form's order is reported as moved (value `None`). Non-blank text
  before the first heading is reported.
* Answers. Blank lines before an answer and whitespace after it are dropped (they are
  GitHub's scaffolding or typing noise); the indentation of the first line and everything
  inside are kept. Inputs and dropdown answers are stripped on both sides. An answer that
  is `_No response_` or empty is `None` (a multiple dropdown gives `[]`): a user who types
  exactly `_No response_` cannot be told apart from one who left the field empty. Inside
  the code fence of a `render:` textarea the text is the user's own, so there a literal
  `_No response_` stays a string.
* Dropdowns. A single pick must be one of the options. A multiple dropdown is split on
  `", "` by matching the options themselves, so an option that contains `", "` still
  works; when the text can be split in several ways, the split with the fewest (that is,
  the longest) options wins.
* Checkboxes. Lines `- [X] label`, `- [x] label` and `- [ ] label` (also with `*` or `+`
  as the bullet). The value lists the ticked options in form order. Unknown lines,
  missing option lines and unticked required options are problems.
* Required fields that are empty are problems; GitHub enforces them only on submission.
* Answers are data: Unicode controls such as U+202E or zero-width characters are kept as
  they are. Whoever shows a value (a page, a comment) must escape it.
* A body longer than `MAX_BODY_CHARS` characters (GitHub's own limit; counted as Python
  code points) is refused with a problem before any other work. Parsing is linear in the
  body apart from a factor of the number of sections; no regular expression here can
  backtrack.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

import yaml

from talkoot.content.yamlsyntax import SafeLoader
from talkoot.exceptions import TalkootError
from talkoot.submissions.formproblems import FormProblem, ProblemKind, excerpt, finnish

NO_RESPONSE: Final = "_No response_"
#: GitHub refuses issue bodies longer than this; so does `parse`.
MAX_BODY_CHARS: Final = 65_536
SECTION_TYPES: Final = ("input", "textarea", "dropdown", "checkboxes")
ELEMENT_TYPES: Final = ("markdown", *SECTION_TYPES)
#: Query parameters of GitHub's new-issue URL that an element id must not shadow.
RESERVED_QUERY_KEYS: Final = frozenset(
    {"template", "title", "body", "labels", "assignees", "milestone", "projects", "type"}
)

_ID = re.compile(r"[A-Za-z0-9_-]+")
_RENDER = re.compile(r"[A-Za-z0-9_+#.-]+")
_BLANKS: Final = " \t"

Value = str | list[str] | None


class FormError(TalkootError, ValueError):
    """An issue-form template that cannot be used; the message is Finnish and names the spot."""


@dataclass(frozen=True)
class Element:
    """One element of a form's `body`. Only non-markdown elements give a body section."""

    type: str
    #: The element id ("" for a markdown element without one); values are keyed by it.
    id: str
    #: The `### ` heading text ("" for markdown).
    label: str
    #: Dropdown options or checkbox option labels, in form order.
    options: tuple[str, ...] = ()
    multiple: bool = False
    #: `validations.required`; for checkboxes, whether any option is required.
    required: bool = False
    #: Checkbox options that must be ticked.
    required_options: tuple[str, ...] = ()
    #: A textarea's `render:` language: its answer is wrapped in a code fence.
    render: str | None = None
    #: A markdown element's text, or an input/textarea's prefilled `value`.
    value: str | None = None

    @property
    def is_section(self) -> bool:
        return self.type != "markdown"

    @property
    def heading(self) -> str:
        return f"### {self.label}"


@dataclass(frozen=True)
class Form:
    """An issue-form template, reduced to what parsing, rendering and prefilling need."""

    name: str
    description: str
    #: The default issue title (GitHub prefills it), or None.
    title: str | None
    labels: tuple[str, ...]
    elements: tuple[Element, ...]

    @property
    def sections(self) -> tuple[Element, ...]:
        """The elements that give a `### ` section, in body order."""
        return tuple(e for e in self.elements if e.is_section)

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id and element.is_section:
                return element
        raise KeyError(element_id)


@dataclass(frozen=True)
class ParseResult:
    """Values keyed by element id (every section's id is present) and the problems, in
    body order."""

    values: dict[str, Value]
    problems: list[FormProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- templates -----------------------------------------------------------------------------


def load_form(text: str) -> Form:
    """Read an issue-form template (YAML text); raise `FormError` if it is not usable here.

    Stricter than GitHub where parsing needs it: every section element needs an `id`
    (values are keyed by it), labels must be unique and single-line, and labels and
    options may not begin or end with whitespace (the body would not show it).
    """
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - the safe loader (libyaml)
    except yaml.YAMLError as error:
        raise FormError(f"Lomakepohja ei ole kelvollista YAMLia: {error}") from error
    if not isinstance(data, dict):
        raise FormError("Lomakepohjan pitää olla YAML-sanakirja (avaimet name, description, body).")
    name = _text(data, "name", "Lomakepohja")
    description = _text(data, "description", "Lomakepohja")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise FormError("Lomakepohja: title-kentän pitää olla tekstiä.")
    labels = _labels(data.get("labels"))
    body = data.get("body")
    if not isinstance(body, list) or not body:
        raise FormError("Lomakepohja: body-luettelo puuttuu tai on tyhjä.")
    elements = tuple(_element(raw, number) for number, raw in enumerate(body, start=1))
    _check_unique(elements)
    if not any(e.is_section for e in elements):
        raise FormError("Lomakepohjassa ei ole yhtään kysymystä, johon voisi vastata.")
    return Form(name, description, title, labels, elements)


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FormError(f"{where}: {key}-kenttä puuttuu tai ei ole tekstiä.")
    return value


def _labels(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):  # GitHub also takes a comma-separated string
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    if isinstance(raw, list) and all(isinstance(label, str) for label in raw):
        return tuple(raw)
    raise FormError("Lomakepohja: labels-kentän pitää olla luettelo tekstejä.")


def _single_line(value: str, what: str, where: str) -> str:
    if "\n" in value or "\r" in value:
        raise FormError(f"{where}: {what} ei saa jakautua usealle riville.")
    if value != value.strip():
        raise FormError(f"{where}: {what} ei saa alkaa eikä päättyä välilyöntiin.")
    return value


def _element(raw: object, number: int) -> Element:
    where = f"Lomakepohjan osa {number}"
    if not isinstance(raw, dict):
        raise FormError(f"{where}: osan pitää olla sanakirja (type, id, attributes).")
    kind = raw.get("type")
    if kind not in ELEMENT_TYPES:
        allowed = ", ".join(ELEMENT_TYPES)
        raise FormError(f"{where}: tuntematon tyyppi {kind!r} (sallitut: {allowed}).")
    element_id = raw.get("id", "")
    if not isinstance(element_id, str) or (element_id and not _ID.fullmatch(element_id)):
        raise FormError(f"{where}: id saa sisältää vain kirjaimia a–z, numeroita, - ja _.")
    if element_id:
        where = f'{where} ("{element_id}")'
    attributes = raw.get("attributes")
    if not isinstance(attributes, dict):
        raise FormError(f"{where}: attributes-kenttä puuttuu.")
    if kind == "markdown":
        return Element("markdown", element_id, "", value=_text(attributes, "value", where))
    if not element_id:
        raise FormError(
            f"{where}: id-kenttä puuttuu; lomakkeen arvot tunnistetaan sen perusteella."
        )
    label = _single_line(_text(attributes, "label", where), "label-kenttä", where)
    validations = raw.get("validations") or {}
    if not isinstance(validations, dict):
        raise FormError(f"{where}: validations-kentän pitää olla sanakirja.")
    required = _flag(validations, "required", where)
    value = attributes.get("value")
    if value is not None and not isinstance(value, str):
        raise FormError(f"{where}: value-kentän pitää olla tekstiä.")
    if kind == "input":
        return Element("input", element_id, label, required=required, value=value)
    if kind == "textarea":
        render = attributes.get("render")
        if render is not None and not (isinstance(render, str) and _RENDER.fullmatch(render)):
            raise FormError(f"{where}: render-kentän pitää olla kielen nimi, esimerkiksi shell.")
        return Element("textarea", element_id, label, required=required, render=render, value=value)
    if kind == "dropdown":
        options = attributes.get("options")
        if not isinstance(options, list) or not options:
            raise FormError(f"{where}: vaihtoehdot (options) puuttuvat.")
        checked = tuple(_option(option, where) for option in options)
        if NO_RESPONSE in checked:
            raise FormError(f"{where}: vaihtoehto {NO_RESPONSE} näyttäisi tyhjältä vastaukselta.")
        _check_unique_options(checked, where)
        return Element(
            "dropdown",
            element_id,
            label,
            options=checked,
            multiple=_flag(attributes, "multiple", where),
            required=required,
        )
    return _checkboxes(element_id, label, attributes, where)


def _checkboxes(element_id: str, label: str, attributes: Mapping[str, Any], where: str) -> Element:
    options = attributes.get("options")
    if not isinstance(options, list) or not options:
        raise FormError(f"{where}: vaihtoehdot (options) puuttuvat.")
    labels: list[str] = []
    required: list[str] = []
    for option in options:
        if not isinstance(option, dict):
            raise FormError(f"{where}: jokaisella valintaruudulla pitää olla label.")
        text = _option(option.get("label"), where)
        labels.append(text)
        if _flag(option, "required", where):
            required.append(text)
    _check_unique_options(labels, where)
    return Element(
        "checkboxes",
        element_id,
        label,
        options=tuple(labels),
        required=bool(required),
        required_options=tuple(required),
    )


def _option(option: object, where: str) -> str:
    if not isinstance(option, str) or not option.strip():
        raise FormError(
            f"{where}: vaihtoehdon pitää olla tekstiä (lainausmerkit numeroiden ympärille)."
        )
    return _single_line(option, f'vaihtoehto "{option.strip()}"', where)


def _flag(data: Mapping[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise FormError(f"{where}: {key}-kentän pitää olla true tai false.")
    return value


def _check_unique_options(options: Sequence[str], where: str) -> None:
    seen: set[str] = set()
    for option in options:
        if option in seen:
            raise FormError(f'{where}: vaihtoehto "{option}" on kahdesti.')
        seen.add(option)


def _check_unique(elements: Iterable[Element]) -> None:
    ids: set[str] = set()
    labels: set[str] = set()
    for element in elements:
        if element.id in ids:
            raise FormError(f'Lomakepohja: id "{element.id}" on kahdesti.')
        if element.id:
            ids.add(element.id)
        if element.label in labels:
            raise FormError(f'Lomakepohja: otsikko "{element.label}" on kahdesti.')
        if element.label:
            labels.add(element.label)


# --- parsing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A line that is the heading of one of the form's sections."""

    line: int
    section: int
    #: LF on both sides, as GitHub writes its headings (typed text has CRLF).
    strong: bool


def parse(body: str | None, form: Form) -> ParseResult:
    """Split an issue body into the form's values; see the module docstring for the rules."""
    sections = form.sections
    values: dict[str, Value] = {section.id: None for section in sections}
    problems: list[FormProblem] = []
    if body is not None and len(body) > MAX_BODY_CHARS:
        problems.append(
            FormProblem(ProblemKind.BODY_TOO_LONG, count=len(body), limit=MAX_BODY_CHARS)
        )
        return ParseResult(values, problems)

    lines, strong = _split_lines(body or "")
    headings = {section.heading: number for number, section in enumerate(sections)}
    candidates = [
        _Candidate(n, headings[key], strong[n])
        for n, line in enumerate(lines)
        if line.startswith("### ") and (key := line.rstrip(_BLANKS)) in headings
    ]
    chain, optimal = _choose(candidates, len(sections))
    chosen = [candidates[index] for index in chain]
    first = chosen[0].line if chosen else len(lines)
    before = "\n".join(lines[:first]).strip()
    if before:
        problems.append(FormProblem(ProblemKind.TEXT_BEFORE_SECTIONS, excerpt=excerpt(before)))
    starts = {c.section: c.line for c in chosen}
    bounds = [c.line for c in chosen[1:]] + [len(lines)] if chosen else []
    ends = {c.section: end for c, end in zip(chosen, bounds, strict=True)}
    present = {c.section for c in candidates}
    # A line that is not used but would do as well as the one used: an alternative
    # reading of the body that is just as good.
    doubtful = {
        c.section
        for index, c in enumerate(candidates)
        if optimal[index] and c.line != starts.get(c.section, c.line)
    }

    for number, section in enumerate(sections):
        if number not in starts:
            moved = number in present
            kind = ProblemKind.SECTION_MOVED if moved else ProblemKind.SECTION_MISSING
            problems.append(_problem(section, kind))
            continue
        start = starts[number]
        if number in doubtful:
            problems.append(_problem(section, ProblemKind.HEADING_REPEATED))
        value, value_problems = _answer(section, lines[start + 1 : ends[number]])
        values[section.id] = value
        problems.extend(value_problems)
    return ParseResult(values, problems)


def _problem(section: Element, kind: ProblemKind, text: str = "") -> FormProblem:
    """A problem of one section; `text` (user text or an option) is quoted as an excerpt."""
    options = section.options if kind is ProblemKind.NOT_AN_OPTION else ()
    return FormProblem(kind, section.id, section.label, excerpt(text), options)


def _split_lines(body: str) -> tuple[list[str], list[bool]]:
    """Lines without their LF/CRLF, and whether each is LF-only on both sides."""
    if not body:
        return [], []
    raw = body.split("\n")
    crlf = [line.endswith("\r") for line in raw]
    lines = [line[:-1] if ends else line for line, ends in zip(raw, crlf, strict=True)]
    strong = [not crlf[n] and (n == 0 or not crlf[n - 1]) for n in range(len(raw))]
    return lines, strong


def _choose(candidates: Sequence[_Candidate], count: int) -> tuple[list[int], list[bool]]:
    """Pick the section headings: the chain of candidates (indexes) in form order with the
    most sections, then the most GitHub-written headings, then the earliest lines; and for
    every candidate, whether some chain that good runs through it.

    Two passes of dynamic programming over the candidates, O(candidates x sections):
    `forward[i]` scores the best chain ending at candidate i, `backward[i]` the best one
    starting there, so i lies on an optimal chain iff the two add up to the optimum.
    """
    size = len(candidates)
    forward: list[tuple[int, int]] = [(0, 0)] * size
    back = [-1] * size
    best: list[tuple[int, int] | None] = [None] * count
    best_at = [-1] * count
    for index, candidate in enumerate(candidates):
        base, base_at = (0, 0), -1
        for section in range(candidate.section):
            score = best[section]
            if score is not None and score > base:
                base, base_at = score, best_at[section]
        forward[index] = (base[0] + 1, base[1] + candidate.strong)
        back[index] = base_at
        current = best[candidate.section]
        if current is None or forward[index] > current:
            best[candidate.section], best_at[candidate.section] = forward[index], index

    backward: list[tuple[int, int]] = [(0, 0)] * size
    best = [None] * count
    for index in range(size - 1, -1, -1):
        candidate = candidates[index]
        base = (0, 0)
        for section in range(candidate.section + 1, count):
            score = best[section]
            if score is not None and score > base:
                base = score
        backward[index] = (base[0] + 1, base[1] + candidate.strong)
        current = best[candidate.section]
        if current is None or backward[index] > current:
            best[candidate.section] = backward[index]

    top, top_at = (0, 0), -1
    for index in range(size):
        if forward[index] > top:
            top, top_at = forward[index], index
    chain: list[int] = []
    while top_at != -1:
        chain.append(top_at)
        top_at = back[top_at]
    chain.reverse()
    optimal = [
        (f[0] + b[0] - 1, f[1] + b[1] - c.strong) == top
        for f, b, c in zip(forward, backward, candidates, strict=True)
    ]
    return chain, optimal


def _answer(section: Element, lines: list[str]) -> tuple[Value, list[FormProblem]]:
    """The value of one section and its problems."""
    if section.type == "checkboxes":
        return _checkbox_answer(section, lines)
    text = _trim(lines)
    if section.type == "textarea":
        fenced = False
        if section.render is not None:
            text, fenced = _unfence(text)
        value: Value = (
            None if not text.strip() or (text.strip() == NO_RESPONSE and not fenced) else text
        )
    elif section.type == "input":
        value = _scalar(text)
    elif section.multiple:
        return _multiple_answer(section, _scalar(text))
    else:
        value = _scalar(text)
        if value is not None and value not in section.options:
            return value, [_problem(section, ProblemKind.NOT_AN_OPTION, value)]
    if value is None and section.required:
        return None, [_problem(section, ProblemKind.REQUIRED_UNANSWERED)]
    return value, []


def _trim(lines: Sequence[str]) -> str:
    """Drop blank lines before the text and whitespace after it."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    return "\n".join(lines[start:]).rstrip()


def _scalar(text: str) -> str | None:
    text = text.strip()
    return None if not text or text == NO_RESPONSE else text


def _unfence(text: str) -> tuple[str, bool]:
    """The text inside a ```lang ... ``` fence, and whether there was one."""
    lines = text.split("\n")
    opens = len(lines) >= 2 and lines[0].lstrip(_BLANKS).startswith("```")
    if opens and lines[-1].strip(_BLANKS) == "```":
        return _trim(lines[1:-1]), True
    return text, False


def _multiple_answer(section: Element, text: str | None) -> tuple[Value, list[FormProblem]]:
    if text is None:
        required = section.required
        return [], [_problem(section, ProblemKind.REQUIRED_UNANSWERED)] if required else []
    picks = _split_options(text, section.options)
    if picks is not None:
        return picks, []
    picks = [part.strip() for part in text.split(", ") if part.strip()]
    unknown = [p for p in picks if p not in section.options]
    return picks, [_problem(section, ProblemKind.NOT_AN_OPTION, p) for p in unknown]


def _split_options(text: str, options: Sequence[str]) -> list[str] | None:
    """Split `a, b, c` into known options; None if impossible. Fewest pieces wins.

    Only offsets after a `", "` can start an option, so the work is
    O(separators x options) string comparisons.
    """
    starts = [0]
    at = text.find(", ")
    while at != -1:
        starts.append(at + 2)
        at = text.find(", ", at + 2)
    longest_first = sorted(options, key=len, reverse=True)
    # offset -> (pieces in the best split of text[offset:], the option taken there)
    best: dict[int, tuple[int, str]] = {}
    for start in reversed(starts):
        choice: tuple[int, str] | None = None
        for option in longest_first:
            if not text.startswith(option, start):
                continue
            end = start + len(option)
            if end == len(text):
                pieces = 1
            elif text.startswith(", ", end) and end + 2 in best:
                pieces = best[end + 2][0] + 1
            else:
                continue
            if choice is None or pieces < choice[0]:
                choice = (pieces, option)
        if choice is not None:
            best[start] = choice
    if 0 not in best:
        return None
    picks: list[str] = []
    offset = 0
    while offset < len(text):
        option = best[offset][1]
        picks.append(option)
        offset += len(option) + 2
    return picks


def _checkbox_answer(section: Element, lines: Sequence[str]) -> tuple[Value, list[FormProblem]]:
    ticked: set[str] = set()
    seen: set[str] = set()
    problems: list[FormProblem] = []
    for line in lines:
        stripped = line.strip(_BLANKS)
        if not stripped.strip():
            continue
        parsed = _checkbox_line(stripped)
        if parsed is None or parsed[1] not in section.options:
            problems.append(_problem(section, ProblemKind.UNKNOWN_CHECKBOX_LINE, stripped))
            continue
        mark, label = parsed
        seen.add(label)
        if mark:
            ticked.add(label)
    for option in section.options:
        if option not in seen:
            problems.append(_problem(section, ProblemKind.CHECKBOX_MISSING, option))
        elif option in section.required_options and option not in ticked:
            problems.append(_problem(section, ProblemKind.CHECKBOX_NOT_TICKED, option))
    return [option for option in section.options if option in ticked], problems


def _checkbox_line(line: str) -> tuple[bool, str] | None:
    """`- [X] label` -> (True, "label"); None if the line is not a task-list item."""
    if len(line) < 6 or line[0] not in "-*+" or line[1:3] != " [" or line[4:6] != "] ":
        return None
    if line[3] not in " xX":
        return None
    return line[3] != " ", line[6:].strip(_BLANKS)


# --- rendering -----------------------------------------------------------------------------


def render(
    values: Mapping[str, str | Sequence[str] | None],
    form: Form,
    *,
    crlf_typed: bool = True,
    checkbox_mark: str = "X",
    validate: bool = True,
) -> str:
    """The issue body GitHub would store for these values (the fake GitHub uses it too).

    Missing ids are unanswered. Textarea text gets CRLF line ends when `crlf_typed`, like
    a browser's. An input or plain textarea that is only whitespace counts as unanswered;
    a `render:` textarea of only whitespace gives an empty fence, as seen on GitHub. With
    `validate` (default), unknown ids, options and multi-line inputs raise `ValueError`;
    turn it off to build bodies that do not fit the form.
    """
    if checkbox_mark not in ("x", "X"):
        raise ValueError("checkbox_mark must be 'x' or 'X'")
    sections = form.sections
    unknown = set(values) - {section.id for section in sections}
    if validate and unknown:
        raise ValueError(f"no such element ids in the form: {sorted(unknown)}")
    parts = [
        f"{section.heading}\n\n"
        + _render_answer(section, values.get(section.id), crlf_typed, checkbox_mark, validate)
        for section in sections
    ]
    return "\n\n".join(parts)


def _render_answer(
    section: Element,
    value: str | Sequence[str] | None,
    crlf_typed: bool,
    mark: str,
    validate: bool,
) -> str:
    if section.type == "checkboxes":
        ticked = _as_list(section, value)
        if validate:
            _check_options(section, ticked)
        return "\n".join(
            f"- [{mark if option in ticked else ' '}] {option}" for option in section.options
        )
    if section.type == "dropdown":
        if not section.multiple:  # a single pick must be a string; "" is no pick
            value = _as_scalar(section, value) or None
        chosen = _as_list(section, value)
        if validate:
            _check_options(section, chosen)
        return ", ".join(chosen) if chosen else NO_RESPONSE
    text = _as_scalar(section, value)
    if text is None or text == "":
        return NO_RESPONSE
    if section.type == "input":
        if validate and ("\n" in text or "\r" in text):
            raise ValueError(f"input {section.id!r} cannot hold a line break")
        return text if text.strip() else NO_RESPONSE
    text = text.replace("\r\n", "\n")
    if crlf_typed:
        text = text.replace("\n", "\r\n")
    if section.render is None:
        return text if text.strip() else NO_RESPONSE
    inner = text if text.strip() else ""
    return f"```{section.render}\n{inner}\n```"


def _as_scalar(section: Element, value: str | Sequence[str] | None) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{section.id!r} takes a string, not {type(value).__name__}")
    return value


def _as_list(section: Element, value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _check_options(section: Element, chosen: Iterable[str]) -> None:
    for option in chosen:
        if option not in section.options:
            raise ValueError(f"{option!r} is not an option of {section.id!r}")


# --- prefilled links -----------------------------------------------------------------------


def prefill_url(
    base_issue_url: str,
    template_filename: str,
    values: Mapping[str, str],
    title: str | None = None,
    *,
    form: Form | None = None,
) -> str:
    """A link that opens the issue form with answers filled in.

    GitHub reads `?template=<file>&title=...&<element id>=<value>`; only inputs,
    textareas and dropdowns (by option text) can be prefilled. `base_issue_url` is the
    repository's `.../issues` or `.../issues/new`. Everything is percent-encoded as UTF-8
    (spaces as %20). With `form`, ids, element types and options are checked.
    """
    base = base_issue_url.rstrip("/")
    if base.endswith("/issues"):
        base += "/new"
    if not base.endswith("/issues/new") or not base.startswith(("https://", "http://")):
        raise ValueError(f"not an issues URL: {base_issue_url!r}")
    for key, value in values.items():
        if key in RESERVED_QUERY_KEYS:
            raise ValueError(f"{key!r} is a reserved query parameter of the new-issue URL")
        if not isinstance(value, str):
            raise TypeError(f"{key!r}: prefilled values are strings")
        if form is not None:
            _check_prefill(form, key, value)
    query = [("template", template_filename)]
    if title is not None:
        query.append(("title", title))
    query.extend(values.items())
    return base + "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in query)


def _check_prefill(form: Form, key: str, value: str) -> None:
    try:
        element = form.element(key)
    except KeyError:
        raise ValueError(f"{key!r} is not an element id of the form") from None
    if element.type == "checkboxes":
        raise ValueError(f"{key!r}: GitHub cannot prefill checkboxes")
    if element.type == "dropdown" and value not in element.options:
        raise ValueError(f"{key!r}: {value!r} is not one of the options")


# --- command line --------------------------------------------------------------------------


def parse_issue_main(form_path: str, body_path: str) -> int:
    """`talkoot parse-issue --form FORM.yml [BODY.md|-]`.

    Prints the values as JSON and returns 0; prints the problems to stderr and returns 1
    if the body does not fit the form; returns 2 if a file cannot be read or the form is
    not valid. Files are read as bytes so that CRLF reaches the parser unchanged.
    """
    try:
        form = load_form(_read(form_path))
        body = _read(body_path)
    except FormError as error:
        print(f"{form_path}: {error}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print("Tiedosto ei ole UTF-8-tekstiä.", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"Tiedostoa ei löydy: {error.filename}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Tiedostoa ei voi lukea: {error.filename} ({error.strerror})", file=sys.stderr)
        return 2
    result = parse(body, form)
    if result.problems:
        for problem in result.problems:
            print(finnish(problem), file=sys.stderr)
        return 1
    print(json.dumps(result.values, ensure_ascii=False, indent=2))
    return 0


def _read(path: str) -> str:
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a test's StringIO
            return sys.stdin.read()
        data: bytes = buffer.read()
    else:
        data = Path(path).read_bytes()
    return data.decode("utf-8-sig")
