"""Submissions, pure: checks and their Finnish problems, content files, registrations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest_world
from hostile_corpus import HOSTILE_VALUES, LONG_TEXT, as_input, as_title
from talkoot.content.load import Content, dump, load
from talkoot.content.model import CityRole, ProposalStatus
from talkoot.submissions import forms, notices
from talkoot.submissions.checks import check_proposal, check_registration
from talkoot.submissions.duplicates import repeat_authors
from talkoot.submissions.issueform import Form, load_form, render
from talkoot.submissions.messages import proposal_needs_fixing_comment, registration_comment
from talkoot.submissions.notices import proposal_notice, registration_notice, registration_state
from talkoot.submissions.proposals import (
    existing_proposal_name,
    new_proposal_name,
    proposal_pull_title,
    proposal_text,
)
from talkoot.submissions.registrations import (
    Outcome,
    edition_of,
    reconcile_registrations,
    registrations_text,
)
from talkoot.submissions.values import LABELS, IssueData
from talkoot.submissions.wording import code_span, plain
from talkoot.vocabulary import names

CASES = Path(__file__).with_name("ingest_cases")
PROJECT = yaml.safe_load((CASES / "project.yml").read_text(encoding="utf-8"))
FILES: dict[str, str] = PROJECT["files"]
SITE = PROJECT["site_url"]
CONTENT = load(FILES)
FORMS = forms.render_forms(forms.edition_from_content(CONTENT, SITE))
PROPOSAL_FORM = load_form(FORMS[names.PROPOSAL_FORM])
REGISTRATION_FORM = load_form(FORMS[names.REGISTRATION_FORM])
PRIVACY = PROPOSAL_FORM.element("privacy").options[0]
NBSP = "\u00a0"
CREATED = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
KAUPPA = "Kauppa ja matkailu"


def proposal_values(**changes: Any) -> dict[str, Any]:
    return ingest_world.proposal_values(PROPOSAL_FORM, **{"business_id": "", **changes})


def registration_values(**changes: Any) -> dict[str, Any]:
    return ingest_world.registration_values(REGISTRATION_FORM, **changes)


def issue(
    number: int = 7,
    title: str = "Osaajien saatavuus",
    body: str | None = None,
    form: Form = PROPOSAL_FORM,
    **fields: Any,
) -> IssueData:
    if body is None:
        body = render(proposal_values() if form is PROPOSAL_FORM else registration_values(), form)
    return IssueData(number=number, title=title, body=body, created_at=CREATED, **fields)


def registration(
    number: int,
    created: str,
    *,
    state: str = "open",
    reason: str | None = None,
    closed: str | None = None,
    author: str = "",
    **values: Any,
) -> IssueData:
    return IssueData(
        number=number,
        title="Ilmoittautuminen: x",
        body=render(registration_values(**values), REGISTRATION_FORM, validate=False),
        created_at=dt.datetime.fromisoformat(created),
        state=state,
        state_reason=reason,
        closed_at=dt.datetime.fromisoformat(closed) if closed else None,
        author=author,
    )


# ---------------------------------------------------------------------------- proposals


def test_valid_proposal() -> None:
    checked = check_proposal(issue(), PROPOSAL_FORM, CONTENT)
    assert checked.ok and checked.problems == ()
    sub = checked.value
    assert sub is not None
    assert (sub.number, sub.edition, sub.workshop) == (7, 2025, "teollisuus")
    assert (sub.title, sub.city_role, sub.organisation) == (
        "Osaajien saatavuus",
        CityRole.DIRECT,
        "Esimerkki Oy",
    )
    assert sub.submitted == dt.date(2025, 3, 1)


def test_every_problem_at_once_with_the_label_and_the_bound() -> None:
    body = render(
        proposal_values(
            workshop="Rakentaminen",
            challenge="x" * 4210,
            action="Soita numeroon 040 123 4567 tai kirjoita matti.meikalainen@example.fi.",
            impact=None,
            organisation="O" * 121,
            business_id="1234567-8",
            consent=[],
            privacy=[],
        ),
        PROPOSAL_FORM,
        validate=False,
    )
    checked = check_proposal(issue(title="Ok", body=body), PROPOSAL_FORM, CONTENT)
    assert checked.value is None
    assert list(checked.problems) == [
        "**Otsikko**: otsikko on liian lyhyt (2 merkkiä, vähintään 3). Kirjoita otsikoksi"
        " ehdotuksen nimi muutamalla sanalla.",
        "**Työpaja**: valitse jokin lomakkeen vaihtoehdoista (Teollisuus, Kauppa ja matkailu).",
        f"**Haaste tai pullonkaula**: teksti on liian pitkä (4{NBSP}210 merkkiä, enintään"
        f" 3{NBSP}000).",
        "**Ehdotettu toimenpide**: tekstissä näyttää olevan puhelinnumero ja"
        " sähköpostiosoite. Poista ne, sillä ehdotus on julkinen.",
        "**Odotettu vaikutus**: kohta on pakollinen, mutta siihen ei ole vastattu.",
        "**Ehdottava organisaatio**: teksti on liian pitkä (121 merkkiä, enintään 120).",
        "**Y-tunnus**: Y-tunnuksen tarkistusnumero ei täsmää. Tarkista, että tunnus on"
        " kirjoitettu oikein.",
        "**Julkaisulupa**: rastita julkaisulupa; ilman sitä ehdotusta ei voi julkaista sivustolla.",
        "**Tietosuoja**: rastita, että olet lukenut tietosuojaselosteen.",
    ]


def test_title_bounds_and_contact_data_in_the_title() -> None:
    long = check_proposal(issue(title="x" * 121), PROPOSAL_FORM, CONTENT)
    assert long.problems == ("**Otsikko**: otsikko on liian pitkä (121 merkkiä, enintään 120).",)
    one = check_proposal(issue(title=" a "), PROPOSAL_FORM, CONTENT)
    assert "(1 merkki, vähintään 3)" in one.problems[0]
    mail = check_proposal(issue(title="Kysy info@firma.fi"), PROPOSAL_FORM, CONTENT)
    assert mail.problems == (
        "**Otsikko**: tekstissä näyttää olevan sähköpostiosoite. Poista se, sillä ehdotus on"
        " julkinen.",
    )
    assert check_proposal(issue(title="x" * 120), PROPOSAL_FORM, CONTENT).ok


HISTORY = (
    "Poista sen jälkeen myös aiempi versio muokkaushistoriasta (tekstin yläpuolelta *edited*,"
    " valitse versio ja *Delete revision from history*)."
)


def test_a_personal_identity_code_gets_its_own_message() -> None:
    body = render(
        proposal_values(
            challenge="Yhteyshenkilö Matti, hetu 131052-308T, puh. 040.123.4567.",
            action="Kirjoita matti.meikalainen at firma.fi tai matti＠firma.fi.",
            impact="Tunnus 010101A123N.",
        ),
        PROPOSAL_FORM,
    )
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    assert checked.value is None
    assert list(checked.problems) == [
        "**Haaste tai pullonkaula**: tekstissä näyttää olevan henkilötunnus. Henkilötunnusta ei"
        f" saa lähettää: poista se heti, sillä ehdotus on julkinen. {HISTORY}",
        "**Haaste tai pullonkaula**: tekstissä näyttää olevan puhelinnumero. Poista se, sillä"
        " ehdotus on julkinen.",
        "**Ehdotettu toimenpide**: tekstissä näyttää olevan sähköpostiosoite. Poista se, sillä"
        " ehdotus on julkinen.",
        "**Odotettu vaikutus**: tekstissä näyttää olevan henkilötunnus. Henkilötunnusta ei saa"
        f" lähettää: poista se heti, sillä ehdotus on julkinen. {HISTORY}",
    ]
    body = render(registration_values(organisation="Oy 131052-308T"), REGISTRATION_FORM)
    registration = check_registration(
        issue(body=body, form=REGISTRATION_FORM), REGISTRATION_FORM, CONTENT
    )
    assert registration.problems[0].startswith(
        "**Organisaatio**: tekstissä näyttää olevan henkilötunnus. Henkilötunnusta ei saa"
        " lähettää: poista se heti, sillä ilmoittautuminen on julkinen."
    )


def test_controls_and_line_breaks_the_model_refuses_are_problems() -> None:
    """What the content model would refuse is a Finnish problem on the issue, never a
    failed approval."""
    body = render(
        proposal_values(challenge="Haaste\x1b[31m punaisella", action="Rivi 1\nRivi\t2"),
        PROPOSAL_FORM,
    )
    # an input holds one line, but a body edited by hand can break it
    body = body.replace("Esimerkki Oy", "Esimerkki\r\nOy")
    checked = check_proposal(
        issue(title="Osaajien\x0bsaatavuus", body=body), PROPOSAL_FORM, CONTENT
    )
    assert checked.value is None
    assert list(checked.problems) == [
        "**Otsikko**: tekstissä on näkymätön ohjausmerkki, jota ei voi julkaista. Kirjoita kohta"
        " uudelleen tai liitä teksti ilman muotoilua.",
        "**Haaste tai pullonkaula**: tekstissä on näkymätön ohjausmerkki, jota ei voi julkaista."
        " Kirjoita kohta uudelleen tai liitä teksti ilman muotoilua.",
        "**Ehdottava organisaatio**: vastauksen pitää olla yhdellä rivillä. Poista rivinvaihdot.",
    ]
    tab = check_proposal(issue(title="Osaajien\tsaatavuus"), PROPOSAL_FORM, CONTENT)
    assert tab.problems == ("**Otsikko**: vastauksessa on sarkainmerkki. Korvaa se välilyönnillä.",)


def test_business_id_is_normalised() -> None:
    body = render(proposal_values(business_id=" 0737546\u20132 "), PROPOSAL_FORM)
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    assert checked.value is not None and checked.value.business_id == "0737546-2"


def test_a_long_text_is_refused_with_the_bound() -> None:
    body = render(proposal_values(challenge=LONG_TEXT), PROPOSAL_FORM)
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    assert checked.problems == (
        f"**Haaste tai pullonkaula**: teksti on liian pitkä (60{NBSP}000 merkkiä, enintään"
        f" 3{NBSP}000).",
    )


def test_a_body_over_githubs_limit_gives_one_problem() -> None:
    checked = check_proposal(issue(body="x" * 70_000), PROPOSAL_FORM, CONTENT)
    assert checked.problems == (
        f"Lomakkeen teksti on liian pitkä (70{NBSP}000 merkkiä, enintään 65{NBSP}536)."
        " Lyhennä vastauksia.",
    )


def test_structure_problems_never_echo_user_text() -> None:
    evil = "@ylläpitäjä <img src=x onerror=alert(1)> #1 `x`"
    body = render(proposal_values(), PROPOSAL_FORM)
    body = f"{evil}\n\n" + body.replace("### Odotettu vaikutus\n\n", "")
    body = body.replace("Kaupunki voi toimia suoraan", evil)
    body = body.replace(f"- [X] {forms.CONSENT_OPTION}", f"- [X] {evil}")
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    text = "\n".join(checked.problems)
    for fragment in ("@", "<img", "#1", "onerror"):
        assert fragment not in text
    assert checked.problems == (
        "Tekstin alussa on jotakin, joka ei kuulu mihinkään lomakkeen kohtaan. Poista se tai"
        " siirrä se oikean kohdan alle.",
        "**Odotettu vaikutus**: kohta puuttuu. Palauta kohta otsikkoineen (`### Odotettu"
        " vaikutus`) ja vastaa siihen.",
        "**Julkaisulupa**: valintaruutujen rivejä on muutettu. Palauta rivit sellaisiksi kuin"
        " ne olivat lomakkeella.",
        "**Kaupungin rooli**: valitse jokin lomakkeen vaihtoehdoista (Kaupunki voi toimia"
        " suoraan, Kaupunki voi toimia edunvalvojana, Ei vielä tiedossa).",
        "**Julkaisulupa**: rastita julkaisulupa; ilman sitä ehdotusta ei voi julkaista sivustolla.",
    )


@pytest.mark.parametrize(
    "words",
    [
        "Kohta puuttuu lomakkeelta.",
        "Tämä on eri kohdassa kuin lomakkeella",
        "sama otsikko on tekstissä useammin kuin kerran",
        'Kohta "Tietosuoja" puuttuu lomakkeelta.',
        "Lomakkeen alussa on tekstiä",
    ],
)
def test_answers_with_the_parsers_words_are_not_misread(words: str) -> None:
    """The checker reads the kind of each problem, never its words: an edited checkbox line
    and a dropdown answer that say "puuttuu lomakkeelta" are just what they are."""
    body = render(proposal_values(), PROPOSAL_FORM)
    body = body.replace(f"- [X] {forms.CONSENT_OPTION}", f"- [X] {words}")
    body = body.replace("Kaupunki voi toimia suoraan", words)
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    assert checked.problems == (
        "**Julkaisulupa**: valintaruutujen rivejä on muutettu. Palauta rivit sellaisiksi kuin"
        " ne olivat lomakkeella.",
        "**Kaupungin rooli**: valitse jokin lomakkeen vaihtoehdoista (Kaupunki voi toimia"
        " suoraan, Kaupunki voi toimia edunvalvojana, Ei vielä tiedossa).",
        "**Julkaisulupa**: rastita julkaisulupa; ilman sitä ehdotusta ei voi julkaista sivustolla.",
    )


def test_a_missing_section_is_named_once() -> None:
    sections = render(proposal_values(), PROPOSAL_FORM).split("\n\n### ")
    body = "\n\n### ".join(s for s in sections if not s.startswith("Odotettu vaikutus"))
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    assert checked.problems == (
        "**Odotettu vaikutus**: kohta puuttuu. Palauta kohta otsikkoineen (`### Odotettu"
        " vaikutus`) ja vastaa siihen.",
    )


@pytest.mark.parametrize("body", [None, "", "Hei, tässä ehdotukseni: lisää pyöräteitä."])
def test_a_body_without_the_form_gives_one_problem(body: str | None) -> None:
    data = IssueData(number=7, title="Pyörätiet", body=body, created_at=CREATED)
    checked = check_proposal(data, PROPOSAL_FORM, CONTENT)
    assert checked.problems == (
        "Tekstistä puuttuvat lomakkeen kohdat. Tee ehdotus lomakkeella tai palauta kohtien"
        " otsikot (###) ja vastaa niiden alle.",
    )


def test_the_needs_fixing_comment_lists_everything() -> None:
    text = proposal_needs_fixing_comment(["**A**: a.", "**B**: b."])
    assert "- **A**: a.\n- **B**: b." in text
    assert "muokkaamalla tätä issueta" in text
    approved = proposal_needs_fixing_comment(["**A**: a."], approved=True)
    assert approved.startswith("Ehdotus on hyväksytty, mutta")


# ---------------------------------------------------------------------------- content files


def submission(**values: Any) -> Any:
    title = values.pop("title", "Osaajien saatavuus")
    body = render(proposal_values(**values), PROPOSAL_FORM)
    checked = check_proposal(issue(title=title, body=body), PROPOSAL_FORM, CONTENT)
    assert checked.value is not None, checked.problems
    return checked.value


def load_with(rel: str, text: str) -> Content:
    return load({**FILES, rel: text})


def test_proposal_file_loads_back() -> None:
    sub = submission()
    rel = f"proposals/2025/{new_proposal_name(7, sub.title)}"
    assert rel == "proposals/2025/7-osaajien-saatavuus.yml"
    text = proposal_text(sub, rel, approved=dt.date(2025, 3, 5))
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schemas/proposal.schema.json\n"
    )
    (loaded,) = load_with(rel, text).proposals
    assert (loaded.id, loaded.edition, loaded.workshop, loaded.title) == (
        7,
        2025,
        "teollisuus",
        "Osaajien saatavuus",
    )
    assert loaded.submitted == dt.date(2025, 3, 1)
    assert [(c.date, c.status) for c in loaded.history] == [
        (dt.date(2025, 3, 5), ProposalStatus.PUBLISHED)
    ]
    assert loaded.organisation == "Esimerkki Oy" and loaded.impact == "Yritykset voivat kasvaa."


def test_an_existing_file_keeps_its_history_and_stays_verbatim_when_unchanged() -> None:
    sub = submission()
    rel = "proposals/2025/7-osaajien-saatavuus.yml"
    first = proposal_text(sub, rel, approved=dt.date(2025, 3, 5))
    edited = first.replace(
        "    status: julkaistu\n",
        "    status: julkaistu\n  - date: 2025-03-20\n    status: priorisoitu\n    note: Hyvä!\n",
    ).replace("id: 7", "# toimittajan kommentti\nid: 7")
    assert proposal_text(sub, rel, approved=dt.date(2025, 4, 1), base=edited) == edited
    changed = proposal_text(
        submission(challenge="Uusi haaste."), rel, approved=dt.date(2025, 4, 1), base=edited
    )
    (loaded,) = load_with(rel, changed).proposals
    assert loaded.challenge == "Uusi haaste."
    assert [c.status for c in loaded.history] == [
        ProposalStatus.PUBLISHED,
        ProposalStatus.PRIORITISED,
    ]
    assert loaded.answer == "Hyvä!"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("../../etc/passwd", "7-etc-passwd.yml"),
        ("Yritysneuvonta yhdestä paikasta", "7-yritysneuvonta-yhdesta-paikasta.yml"),
        ("<script>alert(1)</script>", "7-script-alert-1-script.yml"),
        ("!!!", "7-x.yml"),
        ("\u202eRTL override", "7-rtl-override.yml"),
    ],
)
def test_file_names_are_ascii_slugs(title: str, name: str) -> None:
    assert new_proposal_name(7, title) == name
    assert existing_proposal_name(7, ["17-x.yml", "7.yml", name]) == name
    assert existing_proposal_name(7, ["70-x.yml", "7-x.yml.bak"]) is None


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_round_trip_through_the_file(value: str) -> None:
    title = as_title(value) or "Otsikko"
    organisation = as_input(value) or "Esimerkki Oy"
    sub = submission(
        title=title, challenge=value, action=value, impact=value, organisation=organisation
    )
    rel = f"proposals/2025/{new_proposal_name(7, title)}"
    assert "/" not in rel.removeprefix("proposals/2025/")
    (loaded,) = load_with(rel, proposal_text(sub, rel, approved=dt.date(2025, 3, 5))).proposals
    assert (loaded.title, loaded.challenge, loaded.action, loaded.impact) == (
        title,
        value,
        value,
        value,
    )
    assert loaded.organisation == organisation


# Characters that YAML treats specially, line breaks of every kind, controls and BOM.
_YAML_ALPHABET = st.sampled_from(
    list("ab \n\r\t#:-'\"|>`{}[]&*!%@,?\\\x85\u2028\u2029\ufeff\x00\x1b\u202eä😀")
)


@settings(max_examples=400, deadline=None)
@given(
    st.text(_YAML_ALPHABET, max_size=40)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
)
def test_the_yaml_emitter_round_trips_any_text(value: str) -> None:
    assert yaml.safe_load(dump("proposals/2025/1-x.yml", {"text": value})) == {"text": value}


def test_multi_line_text_is_a_literal_block() -> None:
    body = dump("proposals/2025/1-x.yml", {"a": "yksi\nkaksi"}).split("\n", 1)[1]
    assert body == "a: |-\n  yksi\n  kaksi\n"


def test_pull_request_title_keeps_user_text_inert() -> None:
    title = "@kaikki `koodi` <b>\u202e #1\n" + "x" * 200
    pr_title = proposal_pull_title(5, title)
    assert pr_title.startswith("Ehdotus #5: ``@kaikki `koodi` <b> #1 x")
    assert pr_title.endswith("x…``")
    assert len(pr_title) == len("Ehdotus #5: ````") + 80 and "\u202e" not in pr_title
    assert code_span("`") == "`` ` ``"
    assert code_span("") == "(tyhjä)"
    assert plain("a\u200b\tb\u2028c") == "a b c"


# ---------------------------------------------------------------------------- registrations


def test_registration_checks() -> None:
    ok = check_registration(issue(form=REGISTRATION_FORM), REGISTRATION_FORM, CONTENT)
    assert ok.value is not None and (ok.value.workshop, ok.value.participants) == ("teollisuus", 2)
    body = render(
        registration_values(
            organisation=None, participants="5", show_name=None, business_id="12345", privacy=[]
        ),
        REGISTRATION_FORM,
    )
    bad = check_registration(
        issue(title="Ilmoittautuminen: soita 040 123 4567", body=body, form=REGISTRATION_FORM),
        REGISTRATION_FORM,
        CONTENT,
    )
    assert list(bad.problems) == [
        "**Otsikko**: tekstissä näyttää olevan puhelinnumero. Poista se, sillä ilmoittautuminen"
        " on julkinen.",
        "**Organisaatio**: kohta on pakollinen, mutta siihen ei ole vastattu.",
        "**Y-tunnus**: Y-tunnuksen muoto on 1234567-8: seitsemän numeroa, väliviiva ja"
        " tarkistusnumero.",
        "**Saako organisaation nimen näyttää sivustolla?**: kohta on pakollinen, mutta siihen"
        " ei ole vastattu.",
        "**Tietosuoja**: rastita, että olet lukenut tietosuojaselosteen.",
    ]
    big = render(registration_values(participants="5"), REGISTRATION_FORM)
    assert check_registration(
        issue(body=big, form=REGISTRATION_FORM), REGISTRATION_FORM, CONTENT
    ).ok
    body = render(registration_values(participants="5"), REGISTRATION_FORM)
    small = CONTENT.workshops[2025][0].model_copy(update={"capacity": 4})
    content = Content(events=CONTENT.events, workshops={2025: [small, CONTENT.workshops[2025][1]]})
    over = check_registration(issue(body=body, form=REGISTRATION_FORM), REGISTRATION_FORM, content)
    assert over.problems == ("**Osallistujamäärä**: työpajaan mahtuu enintään 4 henkilöä.",)


def test_capacity_waiting_list_late_and_cancelled() -> None:
    issues = [
        registration(1, "2025-03-01T09:00:00+00:00", participants="3", organisation="Öljy Oy"),
        registration(2, "2025-03-02T09:00:00+00:00", participants="3", organisation="Alfa Oy"),
        registration(3, "2025-03-02T09:00:00+00:00", participants="1", show_name="Ei"),
        # 23.59.59 on the deadline day in Helsinki: in time
        registration(4, "2025-03-10T21:59:59+00:00", participants="1", organisation="Beta Oy"),
        # 00.00 the day after: late
        registration(5, "2025-03-10T22:00:00+00:00", participants="1"),
        registration(6, "2025-03-03T09:00:00+00:00", workshop=KAUPPA, organisation="Ääni Oy"),
        registration(7, "2025-03-03T10:00:00+00:00", workshop=KAUPPA, organisation="Zeta Oy"),
        registration(8, "2025-03-03T11:00:00+00:00", workshop=KAUPPA, organisation="Alfa Oy",
                     state="closed", reason="completed", closed="2025-03-04T10:00:00+00:00"),
        registration(9, "2025-03-03T12:00:00+00:00", organisation=None),
        registration(10, "2024-10-01T12:00:00+00:00"),  # the 2024 edition
    ]  # fmt: skip
    result = reconcile_registrations(issues, REGISTRATION_FORM, CONTENT)
    outcomes = {n: (r.outcome, r.position) for n, r in result.results.items()}
    assert outcomes == {
        1: (Outcome.CONFIRMED, None),
        2: (Outcome.WAITING, 1),
        3: (Outcome.WAITING, 2),  # one seat is free, but the queue is strictly in order
        6: (Outcome.CONFIRMED, None),
        7: (Outcome.CONFIRMED, None),
        8: (Outcome.CONFIRMED, None),
        9: (Outcome.INVALID, None),
        4: (Outcome.WAITING, 3),
        5: (Outcome.LATE, None),
    }
    assert list(result.results) == [1, 2, 3, 6, 7, 8, 9, 4, 5]
    registrations = result.registrations
    assert registrations is not None
    assert registrations.updated == dt.date(2025, 3, 10)
    teollisuus, kauppa = registrations.workshops
    assert (teollisuus.participants, teollisuus.waiting, teollisuus.organisations) == (
        3,
        5,
        ["Öljy Oy"],
    )
    assert kauppa.organisations == ["Alfa Oy", "Zeta Oy", "Ääni Oy"]  # å, ä, ö after z
    assert kauppa.participants == 6 and kauppa.waiting == 0

    cancelled = [
        registration(1, "2025-03-01T09:00:00+00:00", participants="3", state="closed",
                     reason="not_planned", closed="2025-03-12T08:00:00+00:00"),
        *issues[1:],
    ]  # fmt: skip
    moved = reconcile_registrations(cancelled, REGISTRATION_FORM, CONTENT)
    assert {n: (r.outcome, r.position) for n, r in moved.results.items() if n < 5} == {
        1: (Outcome.CANCELLED, None),
        2: (Outcome.CONFIRMED, None),
        3: (Outcome.CONFIRMED, None),
        4: (Outcome.CONFIRMED, None),
    }
    assert moved.registrations is not None
    assert moved.registrations.updated == dt.date(2025, 3, 12)
    assert moved.registrations.workshops[0].organisations == ["Alfa Oy", "Beta Oy"]
    text = registrations_text(moved.registrations)
    loaded = load({**FILES, "registrations/2025.yml": text})
    assert loaded.registrations[2025] == moved.registrations


def test_one_registration_per_account_and_workshop() -> None:
    issues = [
        registration(1, "2025-03-01T09:00:00+00:00", author="Yritys", participants="1"),
        registration(2, "2025-03-02T09:00:00+00:00", author="yritys", participants="4"),
        registration(3, "2025-03-02T10:00:00+00:00", author="yritys", workshop=KAUPPA),
        registration(4, "2025-03-02T11:00:00+00:00", author="toimittaja", organisation="A Oy"),
        registration(5, "2025-03-02T12:00:00+00:00", author="toimittaja", organisation="B Oy"),
        registration(6, "2025-03-02T13:00:00+00:00", author="muu", organisation=None),
        registration(7, "2025-03-02T14:00:00+00:00", author="muu"),
    ]
    result = reconcile_registrations(issues, REGISTRATION_FORM, CONTENT, unlimited={"Toimittaja"})
    outcomes = {n: (r.outcome, r.original) for n, r in result.results.items()}
    assert outcomes == {
        1: (Outcome.CONFIRMED, None),
        2: (Outcome.DUPLICATE, 1),  # the login's case does not matter
        3: (Outcome.CONFIRMED, None),  # another workshop
        4: (Outcome.CONFIRMED, None),  # editors are not limited
        5: (Outcome.CONFIRMED, None),
        6: (Outcome.INVALID, None),  # an invalid one does not count…
        7: (Outcome.WAITING, None),  # …so the account's next one does
    }
    assert result.registrations is not None
    assert result.registrations.workshops[0].participants == 5  # the duplicate's 4 not counted
    assert repeat_authors(issues) == {"yritys", "toimittaja", "muu"}
    cancelled = [
        registration(1, "2025-03-01T09:00:00+00:00", author="yritys", state="closed",
                     reason="not_planned", closed="2025-03-02T08:00:00+00:00"),
        issues[1],
    ]  # fmt: skip
    again = reconcile_registrations(cancelled, REGISTRATION_FORM, CONTENT)
    assert again.results[2].outcome is Outcome.CONFIRMED
    assert repeat_authors(cancelled) == set()


def test_notices_only_for_changes_that_matter() -> None:
    waiting, confirmed = "jonossa", "vahvistettu"
    entry = reconcile_registrations(
        [registration(1, "2025-03-01T09:00:00+00:00", participants="1")],
        REGISTRATION_FORM,
        CONTENT,
    ).results[1]
    names_ = {"teollisuus": "Teollisuus"}
    assert registration_state(entry) == confirmed
    assert "**paikkasi on nyt vahvistettu** (1 henkilö)" in str(
        registration_notice(waiting, entry, names_)
    )
    for old in (None, confirmed, "korjattavaa"):
        assert registration_notice(old, entry, names_) is None
    page = "https://example.test/2025/ehdotukset/7/"
    assert proposal_notice(notices.RECEIVED, notices.PULL, page) is not None
    assert proposal_notice(notices.NEEDS_FIX, notices.APPROVED_NEEDS_FIX, page) is not None
    assert proposal_notice(notices.APPROVED_NEEDS_FIX, notices.PULL, page) is None
    assert page in str(proposal_notice(notices.PULL, notices.PUBLISHED, page))
    assert proposal_notice(notices.CHANGE, notices.PUBLISHED, page) is None
    assert proposal_notice(notices.RECEIVED, notices.REJECTED, page) is not None
    assert proposal_notice(None, notices.REJECTED, page) is None  # no earlier answer
    assert proposal_notice(notices.REJECTED, notices.REJECTED, page) is None


def test_no_registrations_no_file() -> None:
    result = reconcile_registrations([], REGISTRATION_FORM, CONTENT)
    assert result.registrations is None and result.results == {}


def test_edition_window() -> None:
    assert edition_of(dt.date(2024, 11, 21), CONTENT) == 2024
    assert edition_of(dt.date(2024, 11, 22), CONTENT) == 2025
    assert edition_of(dt.date(2026, 1, 1), CONTENT) == 2025


def test_registration_comments_state_the_outcome() -> None:
    issues = [
        registration(1, "2025-03-01T09:00:00+00:00", participants="5"),
        registration(2, "2025-03-02T09:00:00+00:00", participants="1"),
        registration(3, "2025-03-12T09:00:00+00:00"),
        registration(4, "2025-03-02T10:00:00+00:00", state="closed", reason="not_planned"),
        registration(5, "2025-03-02T11:00:00+00:00", workshop="Rakentaminen"),
    ]
    result = reconcile_registrations(issues, REGISTRATION_FORM, CONTENT)
    texts = {n: registration_comment(r, CONTENT, 2025, SITE) for n, r in result.results.items()}
    assert "**Ilmoittautumisesi on vahvistettu**: 5 henkilöä työpajaan Teollisuus." in texts[1]
    assert "to 10.4.2025 klo 13.00–16.00" in texts[1]
    assert "**jonossa sijalla 1**" in texts[2] and "(1 henkilö)" in texts[2]
    assert "**ilmoittautuminen saapui määräajan jälkeen**" in texts[3]
    assert "päättyi 10.3.2025" in texts[3] and f"{SITE}yhteystiedot/" in texts[3]
    assert "**peruttu**" in texts[4]
    assert "- **Työpaja**: valitse jokin lomakkeen vaihtoehdoista" in texts[5]


def test_labels() -> None:
    names = [label.name for label in LABELS]
    assert names == ["ehdotus", "ilmoittautuminen", "tarvitsee-korjausta", "hyväksytty", "hylätty"]
    for label in LABELS:
        assert len(label.description) <= 100
        assert len(label.color) == 6 and int(label.color, 16) >= 0


def test_an_answer_with_an_earlier_option_text_is_understood() -> None:
    body = render(proposal_values(city_role="En osaa sanoa"), PROPOSAL_FORM, validate=False)
    checked = check_proposal(issue(body=body), PROPOSAL_FORM, CONTENT)
    assert checked.problems == ()
    assert checked.value is not None
    assert checked.value.city_role is CityRole.UNKNOWN
