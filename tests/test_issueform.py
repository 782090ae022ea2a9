"""Issue-form templates, bodies and links: golden cases plus the edges around them.

Each file in tests/issueform_cases/ is one body as GitHub would store it, with the values
and Finnish problems `parse` must give. Bodies are double-quoted YAML so that every `\\r\\n`
is visible. Keys: `description`, `form` (a file in forms/) or `form_yaml` (inline),
`body` or `body_parts` (strings and `{repeat, times}` for long texts), `values`,
`problems`, and optionally `render` (keyword arguments with which `render(values)` must
give the body back byte for byte).
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from talkoot.exceptions import TalkootError
from talkoot.submissions.formproblems import FormProblem, ProblemKind, finnish
from talkoot.submissions.issueform import (
    MAX_BODY_CHARS,
    NO_RESPONSE,
    Form,
    FormError,
    ParseResult,
    load_form,
    parse,
    parse_issue_main,
    prefill_url,
    render,
)

CASES = Path(__file__).parent / "issueform_cases"
FORMS = CASES / "forms"
CASE_KEYS = {
    "description",
    "form",
    "form_yaml",
    "body",
    "body_parts",
    "render",
    "values",
    "problems",
}


def _expand(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"repeat", "times"}:
        return value["repeat"] * value["times"]
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value


def _case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict)
    return case


def _case_form(case: dict[str, Any]) -> Form:
    if "form_yaml" in case:
        return load_form(case["form_yaml"])
    return load_form((FORMS / case["form"]).read_text(encoding="utf-8"))


def _case_body(case: dict[str, Any]) -> str | None:
    if "body_parts" in case:
        return "".join(_expand(part) for part in case["body_parts"])
    body = case["body"]
    assert body is None or isinstance(body, str)
    return body


def messages(result: ParseResult) -> list[str]:
    """The problems as `talkoot parse-issue` words them."""
    return [finnish(problem) for problem in result.problems]


def form(name: str) -> Form:
    return load_form((FORMS / name).read_text(encoding="utf-8"))


CASE_FILES = sorted(CASES.glob("*.yml"))


# --- golden cases --------------------------------------------------------------------------


def test_golden_cases_exist_and_are_well_formed() -> None:
    assert len(CASE_FILES) >= 25
    for path in CASE_FILES:
        case = _case(path)
        assert set(case) <= CASE_KEYS, path.name
        assert case["description"].strip(), path.name
        assert ("form" in case) != ("form_yaml" in case), path.name
        assert ("body" in case) != ("body_parts" in case), path.name


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_golden_case(path: Path) -> None:
    case = _case(path)
    the_form = _case_form(case)
    body = _case_body(case)
    expected = {key: _expand(value) for key, value in case["values"].items()}

    result = parse(body, the_form)

    assert result.values == expected
    assert messages(result) == case["problems"]
    assert result.ok == (not case["problems"])
    assert list(result.values) == [s.id for s in the_form.sections]
    if "render" in case:
        assert render(expected, the_form, **case["render"]) == body


def test_golden_long_cases_are_really_long() -> None:
    long_body = _case_body(_case(CASES / "long_answer_60000.yml"))
    assert long_body is not None and 60_000 < len(long_body) <= MAX_BODY_CHARS
    too_long = _case_body(_case(CASES / "over_limit.yml"))
    assert too_long is not None and len(too_long) > MAX_BODY_CHARS


def test_golden_crlf_cases_really_have_crlf() -> None:
    edited = _case_body(_case(CASES / "web_edited_all_crlf.yml"))
    assert edited is not None and "\n" not in edited.replace("\r\n", "")
    typed = _case_body(_case(CASES / "typed_crlf.yml"))
    assert typed is not None and "\r\n" in typed and "\n\n### " in typed


# --- templates -----------------------------------------------------------------------------


def test_load_form_reads_the_model() -> None:
    proposal = form("ehdotus.yml")
    assert proposal.name == "Kehittämisehdotus"
    assert proposal.title == "Ehdotus: "
    assert proposal.labels == ("ehdotus",)
    assert proposal.elements[0].type == "markdown"
    assert not proposal.elements[0].is_section
    assert proposal.elements[0].value is not None
    assert [s.id for s in proposal.sections] == [
        "workshop",
        "challenge",
        "action",
        "city_role",
        "impact",
        "organisation",
        "business_id",
        "consent",
        "privacy",
    ]
    workshop = proposal.element("workshop")
    assert workshop.label == "Työpaja"
    assert workshop.heading == "### Työpaja"
    assert workshop.options[0] == "Kauppa, matkailu ja vapaa-ajan palvelut"
    assert workshop.required and not workshop.multiple
    assert not proposal.element("organisation").required
    privacy = proposal.element("privacy")
    assert privacy.required
    assert privacy.required_options == (privacy.options[0],)
    with pytest.raises(KeyError):
        proposal.element("nope")


def test_load_form_labels_as_string_and_render_language() -> None:
    bug = form("virheilmoitus.yml")
    assert bug.labels == ("virhe", "sivusto")
    assert bug.element("console").render == "shell"
    assert bug.element("sections").multiple


def test_form_is_frozen() -> None:
    proposal = form("ehdotus.yml")
    with pytest.raises(AttributeError):
        proposal.name = "x"  # type: ignore[misc]


MINIMAL = """
name: Lomake
description: Testi.
body:
  - type: input
    id: nimi
    attributes:
      label: Nimi
"""


def _with_body(body_yaml: str) -> str:
    return "name: Lomake\ndescription: Testi.\nbody:\n" + body_yaml


def _one(element: str) -> str:
    """A form whose body is one element written as flow YAML."""
    return _with_body(f"  - {element}\n")


TWO_INPUTS = (
    "  - {type: input, id: a, attributes: {label: A}}\n"
    "  - {type: input, id: %s, attributes: {label: %s}}\n"
)
BAD_FORMS = [
    ("name: [", "ei ole kelvollista YAMLia"),
    ("- a\n- b\n", "YAML-sanakirja"),
    ("description: x\nbody: []\n", "name-kenttä puuttuu"),
    ("name: x\nbody:\n  - type: input\n", "description-kenttä puuttuu"),
    ("name: x\ndescription: y\n", "body-luettelo puuttuu"),
    ("name: x\ndescription: y\ntitle: [1]\nbody: [x]\n", "title-kentän pitää olla tekstiä"),
    ("name: x\ndescription: y\nlabels: {a: 1}\nbody: [x]\n", "labels-kentän pitää olla"),
    (_one("just text"), "osa 1: osan pitää olla sanakirja"),
    (_one("{type: radio, id: a, attributes: {label: A}}"), "tuntematon tyyppi"),
    (_one("{type: input, attributes: {label: A}}"), "osa 1: id-kenttä puuttuu"),
    (_one("{type: input, id: työ, attributes: {label: A}}"), "id saa sisältää"),
    (_one("{type: input, id: a}"), '("a"): attributes-kenttä puuttuu'),
    (_one("{type: input, id: a, attributes: {description: x}}"), "label-kenttä puuttuu"),
    (_one("{type: input, id: a, attributes: {label: 'A\n\n      B'}}"), "usealle riville"),
    (_one("{type: input, id: a, attributes: {label: ' A'}}"), "välilyöntiin"),
    (_with_body(TWO_INPUTS % ("a", "B")), 'id "a" on kahdesti'),
    (_with_body(TWO_INPUTS % ("b", "A")), 'otsikko "A" on kahdesti'),
    (_one("{type: dropdown, id: a, attributes: {label: A}}"), "options"),
    (_one("{type: dropdown, id: a, attributes: {label: A, options: [1, 2]}}"), "tekstiä"),
    (_one("{type: dropdown, id: a, attributes: {label: A, options: [b, b]}}"), '"b" on kahdesti'),
    (
        _one("{type: dropdown, id: a, attributes: {label: A, options: [_No response_]}}"),
        "tyhjältä vastaukselta",
    ),
    (
        _one("{type: dropdown, id: a, attributes: {label: A, options: [b], multiple: kyllä}}"),
        "multiple-kentän pitää olla true tai false",
    ),
    (
        _one("{type: input, id: a, attributes: {label: A}, validations: {required: 1}}"),
        "required-kentän pitää olla true tai false",
    ),
    (_one("{type: input, id: a, attributes: {label: A}, validations: [x]}"), "validations"),
    (_one("{type: textarea, id: a, attributes: {label: A, render: 'a b'}}"), "render"),
    (_one("{type: textarea, id: a, attributes: {label: A, value: [1]}}"), "value"),
    (_one("{type: checkboxes, id: a, attributes: {label: A, options: [x]}}"), "label"),
    (_one("{type: checkboxes, id: a, attributes: {label: A}}"), "options"),
    (_one("{type: markdown, attributes: {}}"), "value-kenttä puuttuu"),
    (_one("{type: markdown, attributes: {value: Hei}}"), "yhtään kysymystä"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD_FORMS)
def test_load_form_rejects_malformed_templates(text: str, fragment: str) -> None:
    with pytest.raises(FormError) as caught:
        load_form(text)
    assert fragment in str(caught.value)


def test_form_error_is_a_value_error_and_a_talkoot_error() -> None:
    assert issubclass(FormError, ValueError)
    assert issubclass(FormError, TalkootError)


def test_markdown_elements_give_no_section_and_may_have_an_id() -> None:
    text = _with_body(
        "  - type: markdown\n    id: intro\n    attributes: {value: Hei}\n"
        "  - type: input\n    id: a\n    attributes: {label: A}\n"
        "  - type: markdown\n    attributes: {value: Väliotsikko}\n"
        "  - type: input\n    id: b\n    attributes: {label: B}\n"
    )
    the_form = load_form(text)
    assert [s.id for s in the_form.sections] == ["a", "b"]
    assert parse("### A\n\nyks\n\n### B\n\nkaks", the_form).values == {"a": "yks", "b": "kaks"}


# --- parsing details -----------------------------------------------------------------------


def test_body_at_exactly_the_limit_is_parsed_and_one_more_is_refused() -> None:
    the_form = load_form(MINIMAL)
    head = "### Nimi\n\n"
    at_limit = head + "a" * (MAX_BODY_CHARS - len(head))
    assert parse(at_limit, the_form).values == {"nimi": "a" * (MAX_BODY_CHARS - len(head))}
    refused = parse(at_limit + "a", the_form)
    assert refused.values == {"nimi": None}
    assert refused.problems == [
        FormProblem(ProblemKind.BODY_TOO_LONG, count=MAX_BODY_CHARS + 1, limit=MAX_BODY_CHARS)
    ]
    assert messages(refused) == [
        "Lomakkeen teksti on liian pitkä: 65\u00a0537 merkkiä, kun enintään 65\u00a0536 merkkiä"
        " on sallittu."
    ]


def test_headings_must_be_exact() -> None:
    the_form = load_form(MINIMAL)
    assert parse("### Nimi\t \n\nx", the_form).values == {"nimi": "x"}
    for wrong in ("#### Nimi", "## Nimi", "###Nimi", "### nimi", " ### Nimi", "### Nimi\u200b"):
        result = parse(f"{wrong}\n\nx", the_form)
        assert result.values == {"nimi": None}, wrong
        assert FormProblem(ProblemKind.SECTION_MISSING, "nimi", "Nimi") in result.problems
        assert 'Kohta "Nimi" puuttuu lomakkeelta.' in messages(result)


def test_checkbox_bullets_and_spacing() -> None:
    text = _with_body(
        "  - type: checkboxes\n    id: c\n    attributes:\n      label: C\n"
        "      options: [{label: Yksi}, {label: Kaksi}, {label: Kolme}]\n"
    )
    the_form = load_form(text)
    body = "### C\n\n* [x] Yksi\n  + [ ] Kaksi  \n\n- [X] Kolme\t"
    assert parse(body, the_form).values == {"c": ["Yksi", "Kolme"]}
    assert parse("### C\n\n- [X] Kolme\n- [x] Yksi\n- [ ] Kaksi", the_form).values == {
        "c": ["Yksi", "Kolme"]  # form order, not body order
    }
    odd = parse("### C\n\n- [v] Yksi\n-[x] Kaksi\n- [x] Kolme", the_form)
    assert odd.values == {"c": ["Kolme"]}
    assert [(p.kind, p.element_id, p.excerpt) for p in odd.problems] == [
        (ProblemKind.UNKNOWN_CHECKBOX_LINE, "c", "- [v] Yksi"),
        (ProblemKind.UNKNOWN_CHECKBOX_LINE, "c", "-[x] Kaksi"),
        (ProblemKind.CHECKBOX_MISSING, "c", "Yksi"),
        (ProblemKind.CHECKBOX_MISSING, "c", "Kaksi"),
    ]
    assert messages(odd) == [
        'Kohta "C": rivi "- [v] Yksi" ei ole mikään lomakkeen vaihtoehdoista.',
        'Kohta "C": rivi "-[x] Kaksi" ei ole mikään lomakkeen vaihtoehdoista.',
        'Kohta "C": vaihtoehto "Yksi" puuttuu.',
        'Kohta "C": vaihtoehto "Kaksi" puuttuu.',
    ]


def test_lone_carriage_return_is_data_and_crlf_is_newline() -> None:
    the_form = load_form(_with_body("  - type: textarea\n    id: t\n    attributes: {label: T}\n"))
    assert parse("### T\r\n\r\na\rb\r\nc", the_form).values == {"t": "a\rb\nc"}


def test_first_line_indentation_is_kept() -> None:
    the_form = load_form(_with_body("  - type: textarea\n    id: t\n    attributes: {label: T}\n"))
    assert parse("### T\n\n\n    koodia\n  lisää  \n\n", the_form).values == {
        "t": "    koodia\n  lisää"
    }


def test_long_user_text_in_problems_is_shortened() -> None:
    the_form = form("ehdotus.yml")
    result = parse("x" * 500 + "\n\n### Työpaja\n\n" + "y" * 500, the_form)
    assert all(len(problem) < 200 for problem in messages(result))
    assert any(problem.endswith('…"') for problem in messages(result))


def test_multiple_dropdown_prefers_fewest_options() -> None:
    text = _with_body(
        "  - type: dropdown\n    id: d\n    attributes:\n      label: D\n      multiple: true\n"
        "      options: [a, b, 'a, b', 'b, c']\n"
    )
    the_form = load_form(text)
    assert parse("### D\n\na, b", the_form).values == {"d": ["a, b"]}
    assert parse("### D\n\na, b, c", the_form).values == {"d": ["a", "b, c"]}
    assert parse("### D\n\nb, a", the_form).values == {"d": ["b", "a"]}
    assert parse("### D\n\nb, a, b", the_form).values == {"d": ["b", "a, b"]}


PATHOLOGICAL = {
    "headings in reverse order": "".join(f"### Kohta {9 - i % 10}\n" for i in range(6000)),
    "one heading repeated": "### Kohta 5\n" * 5400,
    "only CRLF": "\r\n" * 32_000,
    "only hashes": "#" * MAX_BODY_CHARS,
    "many separators": "### M\n\n" + "a, " * 21_000,
    "many separators, unknown last": "### M\n\n" + "a, " * 21_000 + "x",
    "many checkbox lines": "### C\n\n" + "- [x] x\n" * 8000,
    "spaces": " " * MAX_BODY_CHARS,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_parse_is_fast_on_hostile_bodies(name: str) -> None:
    text = _with_body(
        "".join(
            f"  - type: textarea\n    id: t{i}\n    attributes: {{label: Kohta {i}}}\n"
            for i in range(10)
        )
        + "  - type: dropdown\n    id: m\n    attributes:\n      label: M\n      multiple: true\n"
        "      options: [a, 'a, a', 'a, a, a', b]\n"
        "  - type: checkboxes\n    id: c\n"
        "    attributes:\n      label: C\n      options: [{label: x}]\n"
    )
    the_form = load_form(text)
    body = PATHOLOGICAL[name][:MAX_BODY_CHARS]
    started = time.perf_counter()
    result = parse(body, the_form)
    assert time.perf_counter() - started < 1.0
    assert set(result.values) == {s.id for s in the_form.sections}


# --- rendering -----------------------------------------------------------------------------


SMALL = _with_body(
    "  - type: input\n    id: org\n    attributes: {label: Organisaatio}\n"
    "  - type: markdown\n    attributes: {value: Väli}\n"
    "  - type: textarea\n    id: text\n    attributes: {label: Teksti}\n"
    "  - type: textarea\n    id: log\n    attributes: {label: Loki, render: console}\n"
    "  - type: dropdown\n    id: many\n"
    "    attributes: {label: Monta, multiple: true, options: [a, 'b, c', d]}\n"
    "  - type: dropdown\n    id: one\n    attributes: {label: Yksi, options: [a, b]}\n"
    "  - type: checkboxes\n    id: boxes\n    attributes:\n      label: Ruudut\n"
    "      options: [{label: Eka}, {label: Toka}]\n"
)


def test_render_exact_body() -> None:
    the_form = load_form(SMALL)
    values = {
        "org": "Esimerkki Oy",
        "text": "rivi 1\nrivi 2\n",
        "log": "$ make\nok",
        "many": ["b, c", "a"],
        "one": None,
        "boxes": ["Toka"],
    }
    assert render(values, the_form) == (
        "### Organisaatio\n\nEsimerkki Oy\n\n"
        "### Teksti\n\nrivi 1\r\nrivi 2\r\n\n\n"
        "### Loki\n\n```console\n$ make\r\nok\n```\n\n"
        "### Monta\n\nb, c, a\n\n"
        "### Yksi\n\n_No response_\n\n"
        "### Ruudut\n\n- [ ] Eka\n- [X] Toka"
    )
    assert render(values, the_form, crlf_typed=False, checkbox_mark="x").endswith(
        "rivi 1\nrivi 2\n\n\n### Loki\n\n```console\n$ make\nok\n```"
        "\n\n### Monta\n\nb, c, a\n\n### Yksi\n\n_No response_"
        "\n\n### Ruudut\n\n- [ ] Eka\n- [x] Toka"
    )


def test_render_unanswered_and_whitespace() -> None:
    the_form = load_form(SMALL)
    body = render({"org": "  ", "text": " \n ", "log": " \n"}, the_form, crlf_typed=False)
    assert body.startswith(
        f"### Organisaatio\n\n{NO_RESPONSE}\n\n### Teksti\n\n{NO_RESPONSE}"
        "\n\n### Loki\n\n```console\n\n```"
    )
    assert "### Monta\n\n_No response_" in body
    assert body.endswith("- [ ] Eka\n- [ ] Toka")
    assert parse(body, the_form).values == {
        "org": None,
        "text": None,
        "log": None,
        "many": [],
        "one": None,
        "boxes": [],
    }


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"nope": "x"}, ValueError),
        ({"one": "c"}, ValueError),
        ({"many": ["a", "x"]}, ValueError),
        ({"boxes": ["Kolmas"]}, ValueError),
        ({"org": "kaksi\nriviä"}, ValueError),
        ({"org": ["lista"]}, TypeError),
        ({"one": ["a"]}, TypeError),
    ],
)
def test_render_validates(values: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        render(values, load_form(SMALL))


def test_render_without_validation_builds_bodies_that_do_not_fit() -> None:
    the_form = load_form(SMALL)
    body = render({"one": "c", "boxes": ["Kolmas"]}, the_form, validate=False)
    result = parse(body, the_form)
    assert result.problems == [
        FormProblem(ProblemKind.NOT_AN_OPTION, "one", "Yksi", "c", ("a", "b")),
    ]
    assert messages(result) == [
        'Kohta "Yksi": "c" ei ole yksi vaihtoehdoista.',
    ]
    with pytest.raises(ValueError, match="checkbox_mark"):
        render({}, the_form, checkbox_mark="v")


# --- prefilled links -----------------------------------------------------------------------


def test_prefill_url_encodes_everything() -> None:
    url = prefill_url(
        "https://github.com/kaupunki/talkoot/issues",
        "ehdotus.yml",
        {"workshop": "Kauppa, matkailu ja vapaa-ajan palvelut", "challenge": "Rivi 1\nä & ?#=+"},
        title="Ehdotus: ",
    )
    assert url == (
        "https://github.com/kaupunki/talkoot/issues/new?template=ehdotus.yml"
        "&title=Ehdotus%3A%20"
        "&workshop=Kauppa%2C%20matkailu%20ja%20vapaa-ajan%20palvelut"
        "&challenge=Rivi%201%0A%C3%A4%20%26%20%3F%23%3D%2B"
    )
    query = dict(parse_qsl(urlsplit(url).query))
    assert query["challenge"] == "Rivi 1\nä & ?#=+"


@pytest.mark.parametrize(
    "base",
    [
        "https://github.com/kaupunki/talkoot/issues",
        "https://github.com/kaupunki/talkoot/issues/",
        "https://github.com/kaupunki/talkoot/issues/new",
    ],
)
def test_prefill_url_base_forms(base: str) -> None:
    assert prefill_url(base, "x.yml", {}) == (
        "https://github.com/kaupunki/talkoot/issues/new?template=x.yml"
    )


def test_prefill_url_checks() -> None:
    the_form = form("ehdotus.yml")
    base = "https://github.com/kaupunki/talkoot/issues"
    for bad_base in ("https://github.com/kaupunki/talkoot", "ftp://x/issues", "issues"):
        with pytest.raises(ValueError):
            prefill_url(bad_base, "x.yml", {})
    with pytest.raises(ValueError, match="reserved"):
        prefill_url(base, "x.yml", {"title": "x"})
    for values in ({"nope": "x"}, {"consent": "x"}, {"workshop": "Matkailu"}):
        with pytest.raises(ValueError):
            prefill_url(base, "ehdotus.yml", values, form=the_form)
    ok = prefill_url(base, "ehdotus.yml", {"workshop": "Teollisuus"}, form=the_form)
    assert ok.endswith("&workshop=Teollisuus")


# --- command line --------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _case_files(tmp_path: Path, case_name: str) -> tuple[str, str, dict[str, Any]]:
    case = _case(CASES / case_name)
    body = _case_body(case)
    assert body is not None
    form_path = str(FORMS / case["form"])
    return form_path, _write(tmp_path, "body.md", body.encode()), case


def test_cli_prints_values_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form_path, body_path, case = _case_files(tmp_path, "typed_crlf.yml")
    assert parse_issue_main(form_path, body_path) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == case["values"]
    assert "Työpaja" not in out and "ä" in out  # ids as keys, no \\u escapes
    assert out.startswith('{\n  "workshop": ')


def test_cli_prints_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form_path, body_path, case = _case_files(tmp_path, "no_boxes_ticked.yml")
    assert parse_issue_main(form_path, body_path) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == case["problems"]


def test_cli_reads_stdin_as_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the CRLF next to the typed heading tells it apart from GitHub's: text-mode
    # reading would turn it into LF and the body would become ambiguous.
    form_path, body_path, case = _case_files(tmp_path, "later_label_in_answer_unedited.yml")
    stdin = io.TextIOWrapper(io.BytesIO(Path(body_path).read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert parse_issue_main(form_path, "-") == 0
    assert json.loads(capsys.readouterr().out) == case["values"]


def test_cli_stdin_without_buffer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("### Nimi\n\nMaija"))
    form_path = str(FORMS.parent / "forms" / "ehdotus.yml")
    assert parse_issue_main(form_path, "-") == 1
    assert 'Kohta "Työpaja" puuttuu lomakkeelta.' in capsys.readouterr().err


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good_form = str(FORMS / "ehdotus.yml")
    body = _write(tmp_path, "body.md", b"### Ty\xc3\xb6paja\n\nTeollisuus")
    assert parse_issue_main(str(tmp_path / "missing.yml"), body) == 2
    assert "Tiedostoa ei löydy" in capsys.readouterr().err
    assert parse_issue_main(good_form, str(tmp_path)) == 2  # a directory
    assert "Tiedostoa ei voi lukea" in capsys.readouterr().err
    bad_form = _write(tmp_path, "bad.yml", b"name: x\n")
    assert parse_issue_main(bad_form, body) == 2
    assert "description" in capsys.readouterr().err
    latin1 = _write(tmp_path, "latin1.md", "### Työpaja".encode("latin-1"))
    assert parse_issue_main(good_form, latin1) == 2
    assert "UTF-8" in capsys.readouterr().err
    with_bom = _write(tmp_path, "bom.md", b"\xef\xbb\xbf" + Path(body).read_bytes())
    assert parse_issue_main(good_form, with_bom) == 1
    assert "Lomakkeen alussa" not in capsys.readouterr().err
