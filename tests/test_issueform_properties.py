"""Property tests: `render` then `parse` gives the values back, or says why it cannot.

Random forms (through their YAML, so `load_form` is exercised too) and random answers
full of the things that trouble a parser: `### ` lines, `_No response_`, `- [X]` lines,
code fences, CRLF, tabs, bidi and zero-width characters.

What cannot round-trip, exactly (`expected` below computes it):
* Surrounding whitespace: blank lines before a textarea answer and whitespace after it
  are dropped, inputs and dropdown answers are stripped on both sides.
* An empty or whitespace-only answer, and an unfenced answer that is `_No response_`
  after stripping, come back as None.
* Text is generated without `\\r`: values come back with `\\n` line ends.
* Checkbox values come back in form order without duplicates.
* A multiple-dropdown answer can be split in more than one way only when an option
  contains ", "; then the split into the fewest options wins, which may differ from
  what was rendered (`test_multiple_dropdown_split_is_always_valid`).
* A line that is exactly some label's heading may make the body ambiguous. Then parse
  either still gets every value right or reports that the heading occurs more than once;
  it never returns wrong values without a problem.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkoot.submissions.formproblems import FormProblem, ProblemKind, finnish
from talkoot.submissions.issueform import NO_RESPONSE, Element, Form, load_form, parse, render

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def flagged_as_ambiguous(problems: list[FormProblem]) -> bool:
    return any(p.kind is ProblemKind.HEADING_REPEATED for p in problems)


# Labels and options: printable, one line, no surrounding whitespace (load_form's rules).
_label_chars = st.characters(
    exclude_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"],
)
_labelish = st.text(_label_chars, min_size=1, max_size=12).map(str.strip).filter(bool)
_specials = [
    "### ",
    "\n",
    "\n\n",
    NO_RESPONSE,
    "- [X] ",
    "- [ ] ",
    "* [x] ",
    "```",
    "```shell\n",
    "  ",
    "\t",
    ", ",
    "\u202e",
    "\u200b",
    "\u00a0",
    "ä",
    "😀",
]
_free = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r"), max_size=8)


@st.composite
def forms(draw: st.DrawFn) -> Form:
    count = draw(st.integers(1, 6))
    labels = draw(st.lists(_labelish, min_size=count, max_size=count, unique=True))
    body: list[dict[str, Any]] = []
    for number, label in enumerate(labels):
        kind = draw(st.sampled_from(["input", "textarea", "textarea", "dropdown", "checkboxes"]))
        element: dict[str, Any] = {"type": kind, "id": f"e{number}", "attributes": {"label": label}}
        attributes = element["attributes"]
        if draw(st.booleans()):
            body.append({"type": "markdown", "attributes": {"value": "Ohje"}})
        if kind == "textarea" and draw(st.booleans()):
            attributes["render"] = draw(st.sampled_from(["shell", "console", "text"]))
        if kind in ("dropdown", "checkboxes"):
            options = draw(
                st.lists(
                    st.one_of(_labelish, st.sampled_from(["a", "b", "a, b", "### " + label])),
                    min_size=1,
                    max_size=5,
                    unique=True,
                ).filter(lambda o: NO_RESPONSE not in o)
            )
            if kind == "dropdown":
                attributes["options"] = options
                attributes["multiple"] = draw(st.booleans())
            else:
                attributes["options"] = [
                    {"label": o, "required": draw(st.booleans())} for o in options
                ]
        if kind != "checkboxes":
            element["validations"] = {"required": draw(st.booleans())}
        body.append(element)
    data = {"name": "Lomake", "description": "Satunnainen", "body": body}
    return load_form(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True))


def _text(draw: st.DrawFn, form: Form, *, one_line: bool) -> str:
    headings = [s.heading for s in form.sections]
    if draw(st.integers(0, 9)) == 0:  # a whole answer that is a label's heading
        return draw(st.sampled_from(headings))
    heading_lines = [f"\n{h}\n" for h in headings]
    pieces = draw(
        st.lists(
            st.one_of(_free, st.sampled_from(_specials + headings + heading_lines)), max_size=8
        )
    )
    text = "".join(pieces)
    return text.replace("\n", " ") if one_line else text


@st.composite
def form_and_values(draw: st.DrawFn) -> tuple[Form, dict[str, Any]]:
    form = draw(forms())
    values: dict[str, Any] = {}
    for section in form.sections:
        if section.type == "checkboxes":
            values[section.id] = draw(st.lists(st.sampled_from(section.options), max_size=4))
        elif section.type == "dropdown" and section.multiple:
            values[section.id] = draw(
                st.lists(st.sampled_from(section.options), max_size=3, unique=True)
            )
        elif section.type == "dropdown":
            values[section.id] = draw(st.one_of(st.none(), st.sampled_from(section.options)))
        else:
            kind = draw(st.sampled_from(["none", "empty", "text", "text", "text"]))
            text = _text(draw, form, one_line=section.type == "input")
            values[section.id] = {"none": None, "empty": ""}.get(kind, text)
    return form, values


def _trimmed(text: str) -> str:
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


def expected(section: Element, value: Any) -> Any:
    """What parse(render(value)) must give for one section (see the module docstring)."""
    if section.type == "checkboxes":
        return [o for o in section.options if o in value]
    if section.type == "dropdown" and section.multiple:
        return list(value)
    if section.type == "dropdown":
        return value
    if value is None or not value.strip():
        return None
    if section.type == "input":
        stripped = value.strip()
        return None if stripped == NO_RESPONSE else stripped
    text = _trimmed(value)
    if section.render is not None:
        return text or None
    return None if text.strip() == NO_RESPONSE else text


def required_problems(form: Form, values: dict[str, Any]) -> list[str]:
    problems = []
    for section in form.sections:
        quoted = f'Kohta "{section.label}"'
        value = expected(section, values.get(section.id))
        if section.type == "checkboxes":
            problems += [
                f'{quoted}: vaihtoehto "{" ".join(o.split())}" on pakollinen, mutta sitä ei ole'
                " valittu."
                for o in section.required_options
                if o not in value
            ]
        elif section.required and not value:
            problems.append(f"{quoted} on pakollinen, mutta siihen ei ole vastattu.")
    return problems


def _has_ambiguous_split(form: Form) -> bool:
    return any(s.multiple and any(", " in o for o in s.options) for s in form.sections)


def check_round_trip(form: Form, values: dict[str, Any], body: str) -> None:
    result = parse(body, form)
    want = {s.id: expected(s, values.get(s.id)) for s in form.sections}
    flagged = flagged_as_ambiguous(result.problems)
    if not flagged:
        if _has_ambiguous_split(form):
            for s in form.sections:
                if s.multiple:
                    got = result.values[s.id]
                    assert isinstance(got, list)
                    assert ", ".join(got) == ", ".join(want[s.id])
                    want[s.id] = got
        assert result.values == want
        assert [finnish(p) for p in result.problems] == required_problems(form, values)
    else:
        # Flagged as ambiguous: allowed only if some label's heading really occurs twice.
        assert _heading_lines(body, form) > len(form.sections)


def _heading_lines(body: str, form: Form) -> int:
    headings = {s.heading for s in form.sections}
    return sum(line.rstrip(" \t\r") in headings for line in body.split("\n"))


@SETTINGS
@given(form_and_values(), st.sampled_from(["x", "X"]))
def test_round_trip(case: tuple[Form, dict[str, Any]], mark: str) -> None:
    """As submitted (LF scaffolding, CRLF typed), all LF, and edited on the web (all CRLF)."""
    form, values = case
    check_round_trip(form, values, render(values, form, checkbox_mark=mark))
    all_lf = render(values, form, crlf_typed=False, checkbox_mark=mark)
    check_round_trip(form, values, all_lf)
    check_round_trip(form, values, all_lf.replace("\n", "\r\n"))


@SETTINGS
@given(form_and_values())
def test_unambiguous_bodies_and_stable_rendering(case: tuple[Form, dict[str, Any]]) -> None:
    """Without a label's heading inside the answers nothing is flagged; and rendering the
    parsed values again gives the same values (a fixed point)."""
    form, values = case
    body = render(values, form)
    first = parse(body, form)
    flagged = flagged_as_ambiguous(first.problems)
    if _heading_lines(body, form) == len(form.sections):
        assert not flagged
    if not flagged:  # (a flagged reading may put anything anywhere)
        second = parse(render(first.values, form), form)
        # Stripping can turn "### X\u00a0" into the heading line "### X": then flagged.
        assert second.values == first.values or flagged_as_ambiguous(second.problems)


@SETTINGS
@given(forms(), st.data())
def test_multiple_dropdown_split_is_always_valid(form: Form, data: st.DataObject) -> None:
    for section in form.sections:
        if section.type != "dropdown" or not section.multiple:
            continue
        picks = data.draw(st.lists(st.sampled_from(section.options), min_size=1, unique=True))
        result = parse(render({section.id: picks}, form), form)
        got = result.values[section.id]
        assert isinstance(got, list)
        assert ", ".join(got) == ", ".join(picks)
        assert set(got) <= set(section.options)
        assert len(got) <= len(picks)


_any_body = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(["### ", "\r\n", "\n", "- [x] ", "```", NO_RESPONSE, ", "]),
    ),
    max_size=30,
).map("".join)


@SETTINGS
@given(forms(), st.data())
def test_parse_never_fails_on_any_text(form: Form, data: st.DataObject) -> None:
    headings = [s.heading + "\n" for s in form.sections]
    pieces = data.draw(st.lists(st.one_of(_any_body, st.sampled_from(headings)), max_size=12))
    result = parse("".join(pieces), form)
    assert list(result.values) == [s.id for s in form.sections]
    for section in form.sections:
        value = result.values[section.id]
        if section.type == "checkboxes" or section.multiple:
            assert value is None or (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            )
        else:
            assert value is None or (isinstance(value, str) and value.strip())
    assert all(isinstance(p, FormProblem) and finnish(p) for p in result.problems)
