"""The bodies of the Action's own pull requests (`talkoot.submissions.pullbodies`): a
proposal as its page will read, the registration figures before and after, and text from
submissions kept inert.

Inertness is checked the way GitHub reads Markdown (CommonMark): with the fenced code
blocks and code spans taken out, a body made from hostile values is the same text as a
body made from harmless ones. So nothing a sender typed reaches the Markdown outside code,
where an @mention, #reference, link, image or HTML would come alive, and nothing in it
ends a code block or span early.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hostile_corpus import HOSTILE_VALUES, as_input, as_title
from ingest_world import EDITOR, FILES, World, pulls_of
from talkoot.content.load import Content, load
from talkoot.content.model import CityRole, Registrations, WorkshopRegistrations
from talkoot.submissions.proposals import proposal_text
from talkoot.submissions.pullbodies import fenced, proposal_pull_body, registrations_pull_body
from talkoot.submissions.registrations import registrations_text
from talkoot.submissions.values import ProposalSubmission
from talkoot.submissions.wording import code_span

CONTENT: Content = load(FILES)
PATH = "content/proposals/2025/7-x.yml"
HARMLESS = "Tavallinen teksti."
_FENCE_OPEN = re.compile(r" {0,3}(`{3,})[^`]*")


def outside_code(markdown: str) -> str:
    """`markdown` with every fenced code block and code span replaced by a placeholder,
    following CommonMark: a backtick fence closes at a line of at least as many backticks
    (up to three spaces before, only blanks after), or at the end of the text; a code span
    closes at the next run of exactly as many backticks, and without one its backticks are
    literal."""
    lines = markdown.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        opening = _FENCE_OPEN.fullmatch(lines[index])
        if opening is None:
            kept.append(lines[index])
            index += 1
            continue
        closing = re.compile(rf" {{0,3}}`{{{len(opening.group(1))},}}[ \t]*")
        index += 1
        while index < len(lines) and not closing.fullmatch(lines[index]):
            index += 1
        kept.append("<BLOCK>")
        index += 1
    text = "\n".join(kept)
    out: list[str] = []
    at = 0
    while at < len(text):
        if text[at] != "`":
            out.append(text[at])
            at += 1
            continue
        end = at
        while end < len(text) and text[end] == "`":
            end += 1
        run = end - at
        close = next(
            (m.start() for m in re.finditer(r"`+", text[end:]) if len(m.group()) == run), None
        )
        if close is None:
            out.append(text[at:end])
            at = end
        else:
            out.append("<CODE>")
            at = end + close + run
    return "".join(out)


def proposal_file(
    title: str,
    text: str,
    organisation: str | None,
    impact: str | None = None,
    *,
    with_impact: bool = True,
) -> str:
    submission = ProposalSubmission(
        number=7,
        edition=2025,
        workshop="teollisuus",
        title=title,
        challenge=text,
        action=text,
        impact=(impact or text) if with_impact else None,
        city_role=CityRole.ADVOCACY,
        organisation=organisation,
        business_id=None,
        submitted=dt.date(2025, 3, 1),
    )
    return proposal_text(submission, "proposals/2025/7-x.yml", approved=dt.date(2025, 3, 5))


def registrations_file(names: list[str], participants: int = 3) -> str:
    return registrations_text(
        Registrations(
            edition=2025,
            updated=dt.date(2025, 3, 4),
            workshops=[
                WorkshopRegistrations(
                    workshop="teollisuus",
                    participants=participants,
                    waiting=1,
                    organisations=names,
                ),
                WorkshopRegistrations(workshop="kauppa-ja-matkailu", participants=2),
            ],
        )
    )


# ---------------------------------------------------------------------------- pure


def test_the_scanner_sees_what_github_would_render() -> None:
    assert outside_code("a `@x` b") == "a <CODE> b"
    assert outside_code("a `` ` `` b") == "a <CODE> b"
    assert outside_code("a ` b") == "a ` b"  # no closing run: literal
    assert outside_code("x\n```text\n@x\n```\ny") == "x\n<BLOCK>\ny"
    assert outside_code("```\n@x\n``\n@y") == "<BLOCK>"  # a shorter run does not close
    assert outside_code("````\n```\n````\n@y") == "<BLOCK>\n@y"


@pytest.mark.parametrize("value", [*HOSTILE_VALUES, "````\n@x ``` `` `"])
def test_a_proposal_body_keeps_hostile_values_inert(value: str) -> None:
    title = as_title(value) or "Vihamielinen syöte"
    organisation = as_input(value) or "Esimerkki Oy"
    body = proposal_pull_body(7, PATH, proposal_file(title, value, organisation), None, CONTENT)
    harmless = proposal_pull_body(7, PATH, proposal_file("Otsikko", HARMLESS, "Oy"), None, CONTENT)
    assert outside_code(body) == outside_code(harmless)
    assert body.count(fenced(value.strip())) == 3  # challenge, action, impact
    assert f"**Otsikko:** {code_span(title.strip(), 120)}" in body
    assert f"- **Ehdottaja:** {code_span(organisation.strip(), 120)}" in body
    assert "\u202e" not in body and "\u200b" not in body


@pytest.mark.parametrize("name", [v for v in HOSTILE_VALUES if as_input(v)])
def test_a_registrations_body_keeps_hostile_names_inert(name: str) -> None:
    before = registrations_file(["Alfa Oy"])
    body = registrations_pull_body(
        2025, "x.yml", registrations_file(["Alfa Oy", name.strip()]), before, CONTENT
    )
    harmless = registrations_pull_body(
        2025, "x.yml", registrations_file(["Alfa Oy", "Beta Oy"]), before, CONTENT
    )
    assert outside_code(body) == outside_code(harmless)
    assert f"- Teollisuus: {code_span(name.strip(), 120)}" in body


def test_the_proposal_body_reads_as_the_page() -> None:
    text = proposal_file("Osaajien saatavuus", "Rivi 1.\n\nRivi 2.", None, with_impact=False)
    body = proposal_pull_body(7, PATH, text, None, CONTENT)
    assert body.startswith("Tämä pull request lisää sivustolle kehittämisehdotuksen #7")
    assert "## Näin ehdotus näkyy sivustolla\n\n**Otsikko:** `Osaajien saatavuus`\n" in body
    assert "- **Tila:** Julkaistu (5.3.2025)\n" in body
    assert "- **Työpaja:** `Teollisuus`\n" in body
    assert "- **Kaupungin rooli:** Kaupunki voi toimia edunvalvojana\n" in body
    assert "- **Lähetetty:** 1.3.2025\n" in body
    assert "Ehdottaja" not in body  # no organisation given
    assert "### Haaste tai pullonkaula\n\n```text\nRivi 1.\n\nRivi 2.\n```\n" in body
    assert "### Ehdotettu toimenpide\n\n```text\nRivi 1." in body
    assert "Odotettu vaikutus" not in body
    assert f"- Tiedosto: `{PATH}`" in body and body.endswith("Closes #7")


def test_a_change_body_names_the_changed_parts() -> None:
    published = proposal_file("Osaajien saatavuus", "Vanha.", "Oy")
    wanted = proposal_file("Osaajien saatavuus", "Uusi.", "Oy", impact="Vanha.")
    body = proposal_pull_body(7, PATH, wanted, published, CONTENT)
    assert body.startswith("Tämä pull request päivittää sivustolla julkaistun")
    assert "- Muuttuneet kohdat: Haaste tai pullonkaula, Ehdotettu toimenpide\n" in body


def test_fenced_drops_invisible_characters_and_outruns_backticks() -> None:
    assert fenced("a\u202eb\u200bc\r\nd\u2028e") == "```text\nabc\nd\ne\n```"
    assert fenced("x ```` y") == "`````text\nx ```` y\n`````"
    assert fenced("\u200b\n") == "(tyhjä)"


# ---------------------------------------------------------------------------- the Action


def test_the_registrations_pull_request_shows_figures_before_and_after(world: World) -> None:
    fake = world.fake
    a = world.register("2025-03-01T10:00:00Z", participants="3", organisation="Öljy Oy")
    k = world.register("2025-03-02T10:00:00Z", workshop="Kauppa ja matkailu", show_name="Ei")
    for number in (a, k):
        assert world.event("opened", number) == 0
    (pull,) = pulls_of(fake, "ilmoittautumiset/2025")
    body = pull["body"]
    assert "Sivustolla ei vielä ole vuoden 2025 ilmoittautumistilannetta." in body
    assert "| Teollisuus | – → 3 | – → 0 | – → 1 |" in body
    assert "| Kauppa ja matkailu | – → 2 | – → 0 | – → 0 |" in body
    assert "| **Yhteensä** | **– → 5** | **– → 0** | **– → 1** |" in body
    assert "Nimet, jotka tulevat sivustolle:\n\n- Teollisuus: `Öljy Oy`\n" in body

    fake.merge_pull(pull["number"], by=EDITOR)
    b = world.register("2025-03-03T10:00:00Z", participants="2", organisation="<b>@kaikki</b>")
    c = world.register("2025-03-04T10:00:00Z", participants="1", organisation="Alfa Oy")
    for number in (b, c):
        assert world.event("opened", number) == 0
    (second,) = [p for p in pulls_of(fake, "ilmoittautumiset/2025") if p["state"] == "open"]
    body = second["body"]
    assert "Sivustolla on nyt tilanne 2.3.2025; tämä pull request vaihtaa sen tilanteeseen" in (
        body
    )
    assert "| Teollisuus | 3 → 5 | 0 → 1 | 1 → 2 |" in body  # 3 + 2 fill it; Alfa Oy waits
    assert "| Kauppa ja matkailu | 2 | 0 | 0 |" in body
    assert "- Teollisuus: `<b>@kaikki</b>`\n" in body
    assert "Nimet, jotka poistuvat sivustolta" not in body
    assert outside_code(body).count("@") == 0 and "<b>" not in outside_code(body)


def test_the_proposal_pull_request_shows_the_page_and_the_change(world: World) -> None:
    fake = world.fake
    number = world.propose(title="Osaajien saatavuus", organisation="@kaikki <img src=x>")
    world.event("opened", number)
    world.label(number, "hyväksytty")
    (pull,) = fake.pulls()
    body = pull["body"]
    assert "**Otsikko:** `Osaajien saatavuus`" in body
    assert "- **Tila:** Julkaistu (1.3.2025)" in body  # the day of the approval
    assert "- **Ehdottaja:** `@kaikki <img src=x>`" in body
    assert "### Haaste tai pullonkaula\n\n```text\nOsaajia on vaikea löytää.\n```" in body
    assert "@" not in outside_code(body) and "<img" not in outside_code(body)
    assert world.edit(number, challenge="Osaajia puuttuu.") == 0
    (same,) = fake.pulls()
    assert "```text\nOsaajia puuttuu.\n```" in same["body"]
    assert "Muuttuneet kohdat" not in same["body"]  # nothing published yet to compare with
