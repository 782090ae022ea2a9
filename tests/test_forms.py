"""The issue forms under .github/ISSUE_TEMPLATE/ are generated, valid and ask nothing personal."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from talkoot.content.load import load_dir
from talkoot.submissions import forms
from talkoot.submissions.forms import FormEdition, render_forms, write_or_check
from talkoot.vocabulary import names, words

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
CHECK_JSONSCHEMA = ROOT / ".venv" / "bin" / "check-jsonschema"

SITE = "https://lappeenranta.github.io/talkoot/"
WORKSHOPS_2023 = [
    (
        "kauppa-matkailu-ravintola-ala-ja-vapaa-ajan-palvelut",
        "Kauppa, matkailu, ravintola-ala ja vapaa-ajan palvelut",
    ),
    ("liike-elaman-palvelut", "Liike-elämän palvelut"),
    ("kulttuuri-ja-luovat-alat", "Kulttuuri ja luovat alat"),
    ("rakentaminen", "Rakentaminen"),
    ("sote-ala", "Sote-ala"),
    ("teollisuus", "Teollisuus"),
]
EDITION_2023 = FormEdition(
    year=2023,
    workshops=WORKSHOPS_2023,
    site_url=SITE,
    privacy_url=SITE + "tietosuojaseloste/",
    contact_url=SITE + "yhteystiedot/",
    # the shipped content/site.yml's, as `talkoot forms --write` reads them
    site_name=load_dir(ROOT / "content").settings.name,
    handler=load_dir(ROOT / "content").settings.handler,
)
ISSUE_FORMS = {names.PROPOSAL_FORM: "ehdotus", names.REGISTRATION_FORM: "ilmoittautuminen"}

# Words that would ask a person for their name or contact details, in labels and ids.
PERSONAL = re.compile(
    r"sähköpost|puhelin|osoite|yhteyshenkilö|etunimi|sukunimi|nimesi|henkilön nimi|"
    r"email|e-mail|phone|address|person|first.?name|last.?name|full.?name",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_forms(EDITION_2023)


def load(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_committed_forms_are_generated(rendered: dict[str, str]) -> None:
    assert sorted(rendered) == sorted(forms.FORM_FILES)
    assert write_or_check(rendered, TEMPLATES, check=True) == []
    for name, text in rendered.items():
        assert (TEMPLATES / name).read_text(encoding="utf-8") == text


def test_files_start_with_the_generated_header(rendered: dict[str, str]) -> None:
    for text in rendered.values():
        first = text.splitlines()[0]
        assert first.startswith("# ") and "talkoot forms" in first


@pytest.mark.parametrize(
    ("schema", "names"),
    [
        ("vendor.github-issue-forms", [names.PROPOSAL_FORM, names.REGISTRATION_FORM]),
        ("vendor.github-issue-config", [names.FORMS_CONFIG]),
    ],
)
def test_schema(schema: str, names: list[str]) -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *(str(TEMPLATES / n) for n in names)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(ISSUE_FORMS))
def test_elements(rendered: dict[str, str], name: str) -> None:
    form = load(rendered[name])
    label = ISSUE_FORMS[name]
    assert form["labels"] == [label]
    body = form["body"]
    fields = [element for element in body if element["type"] != "markdown"]
    ids = [element["id"] for element in fields]
    labels = [element["attributes"]["label"] for element in fields]
    assert len(set(ids)) == len(ids)
    # The Action splits the issue body on these headings: they must be unique and known.
    assert len(set(labels)) == len(labels)
    assert tuple(ids) == forms.FORM_IDS[label]
    assert dict(zip(ids, labels, strict=True)) == dict(forms.FORM_FIELDS[label])
    for element in fields:
        texts = [element["id"], element["attributes"]["label"]]
        texts.append(element["attributes"].get("placeholder", ""))
        for text in texts:
            assert not PERSONAL.search(text), f"{name}: {text!r} asks for personal data"


@pytest.mark.parametrize("name", sorted(ISSUE_FORMS))
def test_intro_warns_that_the_issue_is_public(rendered: dict[str, str], name: str) -> None:
    first = load(rendered[name])["body"][0]
    assert first["type"] == "markdown"
    intro = first["attributes"]["value"]
    assert "julkinen" in intro
    assert f"[tietosuojaselosteesta]({EDITION_2023.privacy_url})" in intro
    assert EDITION_2023.contact_url in intro


def by_id(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in form["body"] if "id" in e}


def required(element: dict[str, Any]) -> bool:
    if element["type"] == "checkboxes":
        return all(option["required"] for option in element["attributes"]["options"])
    return bool(element["validations"]["required"])


def test_proposal(rendered: dict[str, str]) -> None:
    form = load(rendered[names.PROPOSAL_FORM])
    assert form["name"] == "Kehittämisehdotus"
    assert "title" not in form
    elements = by_id(form)
    kinds = {key: e["type"] for key, e in elements.items()}
    assert kinds == {
        "workshop": "dropdown",
        "challenge": "textarea",
        "action": "textarea",
        "city_role": "dropdown",
        "impact": "textarea",
        "organisation": "input",
        "business_id": "input",
        "consent": "checkboxes",
        "privacy": "checkboxes",
    }
    optional = {key for key, e in elements.items() if not required(e)}
    assert optional == {"organisation", "business_id"}
    assert elements["workshop"]["attributes"]["options"] == [n for _, n in WORKSHOPS_2023]
    assert elements["city_role"]["attributes"]["options"] == [
        "Kaupunki voi toimia suoraan",
        "Kaupunki voi toimia edunvalvojana",
        "Ei vielä tiedossa",
    ]
    for key in ("challenge", "action", "impact"):
        assert "Enintään 3000 merkkiä" in elements[key]["attributes"]["description"]
    assert "Enintään 120 merkkiä" in elements["organisation"]["attributes"]["description"]
    assert "enintään 120 merkkiä" in form["body"][0]["attributes"]["value"]
    for key in ("consent", "privacy"):
        assert len(elements[key]["attributes"]["options"]) == 1
    privacy = elements["privacy"]["attributes"]["options"][0]["label"]
    assert privacy == f"Olen lukenut [tietosuojaselosteen]({EDITION_2023.privacy_url})."


def test_registration(rendered: dict[str, str]) -> None:
    form = load(rendered[names.REGISTRATION_FORM])
    assert form["name"] == "Ilmoittautuminen"
    assert form["title"] == "Ilmoittautuminen: "
    elements = by_id(form)
    kinds = {key: e["type"] for key, e in elements.items()}
    assert kinds == {
        "organisation": "input",
        "business_id": "input",
        "workshop": "dropdown",
        "participants": "dropdown",
        "show_name": "dropdown",
        "privacy": "checkboxes",
    }
    optional = {key for key, e in elements.items() if not required(e)}
    assert optional == {"business_id"}
    assert elements["workshop"]["attributes"]["options"] == [n for _, n in WORKSHOPS_2023]
    assert elements["participants"]["attributes"]["options"] == ["1", "2", "3", "4", "5"]
    assert elements["show_name"]["attributes"]["options"] == ["Kyllä", "Ei"]


def test_config(rendered: dict[str, str]) -> None:
    config = load(rendered[names.FORMS_CONFIG])
    assert config["blank_issues_enabled"] is False
    urls = [link["url"] for link in config["contact_links"]]
    assert urls == [EDITION_2023.contact_url, EDITION_2023.site_url]
    assert all(url.startswith("https://") for url in urls)
    assert "GitHub-tunnus" in config["contact_links"][0]["name"]


def test_option_tables_match_the_forms(rendered: dict[str, str]) -> None:
    proposal = by_id(load(rendered[names.PROPOSAL_FORM]))
    registration = by_id(load(rendered[names.REGISTRATION_FORM]))
    assert proposal["city_role"]["attributes"]["options"] == list(words.CITY_ROLE.values())
    assert proposal["consent"]["attributes"]["options"][0]["label"] == forms.CONSENT_OPTION
    assert registration["show_name"]["attributes"]["options"] == list(words.YES_NO.values())


def test_write_leaves_other_files_alone(tmp_path: Path) -> None:
    (tmp_path / "muu.yml").write_text("name: käsin\n", encoding="utf-8")
    messages = write_or_check(render_forms(EDITION_2023), tmp_path, check=False)
    assert len(messages) == len(forms.FORM_FILES)
    assert (tmp_path / "muu.yml").read_text(encoding="utf-8") == "name: käsin\n"


def test_missing_file_is_reported(tmp_path: Path) -> None:
    messages = write_or_check(render_forms(EDITION_2023), tmp_path / "puuttuu", check=True)
    assert len(messages) == len(forms.FORM_FILES)
    assert all("puuttuu" in message for message in messages)


@pytest.mark.parametrize(
    "changes",
    [
        {"site_url": "http://example.org/"},
        {"privacy_url": "/tietosuojaseloste/"},
        {"workshops": []},
        {"workshops": [("a", "Sama"), ("b", "Sama")]},
    ],
)
def test_bad_edition_is_refused(changes: dict[str, Any]) -> None:
    values: dict[str, Any] = {
        "year": 2023,
        "workshops": WORKSHOPS_2023,
        "site_url": SITE,
        "privacy_url": EDITION_2023.privacy_url,
        "contact_url": EDITION_2023.contact_url,
    }
    with pytest.raises(ValueError):
        FormEdition(**(values | changes))


def test_forms_name_who_handles_proposals(rendered: dict[str, str]) -> None:
    """Companies read who handles their proposal, from content/site.yml, and never
    "toimittajat" (to a company: journalists or suppliers)."""
    handler = EDITION_2023.handler
    assert f"Ehdotuksesi käsittelijä on {handler}." in rendered[names.PROPOSAL_FORM]
    assert f"Käsittelijä on {handler}." in rendered[names.FORMS_CONFIG]
    for text in rendered.values():
        assert "oimittaj" not in text
