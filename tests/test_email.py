"""The email fallback: a mailto: link with the form's questions, in the form's order."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from talkoot.submissions import email
from talkoot.vocabulary import names

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("form", [names.PROPOSAL_FORM, names.REGISTRATION_FORM])
def test_body_has_the_forms_questions_in_order(form: str) -> None:
    """The headings are the committed issue form's labels, in its order: what the handler
    pastes into the form lines up with it."""
    issue_form = yaml.safe_load((ROOT / names.FORMS_DIR / form).read_text(encoding="utf-8"))
    labels = [e["attributes"]["label"] for e in issue_form["body"] if e["type"] != "markdown"]
    url = email.mailto_url("kirjaamo@lappeenranta.fi", form)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "kirjaamo@lappeenranta.fi"
    query = parse_qs(parts.query)
    assert query["subject"][0].endswith(": ")
    body = query["body"][0]
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")
    headings = [line[4:] for line in body.split("\r\n") if line.startswith("### ")]
    assert headings == labels
    assert " " not in url and "\n" not in unquote(parts.path)


@pytest.mark.build
def test_registration_and_proposal_pages_offer_email(demo_site: Path) -> None:
    year = max(int(p.name) for p in demo_site.iterdir() if p.name.isdigit())
    for page in (names.proposals(year), names.contact()):
        html = (demo_site / names.url(page) / "index.html").read_text(encoding="utf-8")
        assert 'href="mailto:' in html and "subject=Kehitt%C3%A4mis" in html, page
        assert "body=Kirjoita%20vastauksesi" in html
    registration = names.url(names.registration(year))
    html = (demo_site / registration / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:' in html and "subject=Ilmoittautuminen%3A%20" in html


@pytest.mark.build
def test_proposal_pages_name_the_handler(demo_site: Path) -> None:
    page = next(demo_site.glob("*/ehdotukset/*/index.html"))
    html = page.read_text(encoding="utf-8")
    # demo content has no site.yml: the model's default handler
    assert "<dt>Käsittelijä</dt><dd>kaupungin elinkeinopalvelut</dd>" in html
