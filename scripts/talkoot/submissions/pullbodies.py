"""The bodies of the Action's own pull requests: what merging them changes on the site.

Pull requests opened with the default `GITHUB_TOKEN` start no workflows, so unless the
city set up the GitHub App they get no checks and no preview; their body shows what
will change instead. A proposal's body shows the proposal as its page will read (title,
status, workshop, city's role, organisation, the texts); the registrations' body the
figures per workshop before (the file on the default branch) and after (the file of
the pull request).

Text from a submission stays inert in a body: single lines go through `code_span`,
longer texts into fenced code blocks whose fence is longer than any run of backticks in
the text, so no @mention, #reference, image, link or HTML in them comes alive and none
can end the block early. Invisible and direction-changing characters are dropped, as
`plain` drops them. Pure: content file texts in, Markdown out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

import yaml
from pydantic import ValidationError

from talkoot.content.load import Content
from talkoot.content.model import Proposal, Registrations
from talkoot.submissions.forms import ORGANISATION_MAX, TITLE_MAX
from talkoot.submissions.wording import code_span
from talkoot.vocabulary import fi, words

#: Characters dropped from a fenced text (line breaks are kept): controls, format
#: characters (bidi overrides, zero-width), private use and lone surrogates.
_DROPPED: Final = frozenset({"Cc", "Cf", "Co", "Cs"})
#: At most this many organisation names are listed per workshop and direction.
NAMES_MAX: Final = 30

_SECTIONS: Final = (
    ("challenge", "Haaste tai pullonkaula"),
    ("action", "Ehdotettu toimenpide"),
    ("impact", "Odotettu vaikutus"),
)


def fenced(text: str) -> str:
    """User text as a fenced code block that nothing in the text can close or escape."""
    flat = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        "\n" if unicodedata.category(c) in ("Zl", "Zp") else c
        for c in flat
        if c in "\n\t" or unicodedata.category(c) not in _DROPPED
    ).strip("\n")
    if not kept.strip():
        return "(tyhjä)"
    longest = max((len(run) for run in re.findall(r"`+", kept)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{kept}\n{fence}"


def _load(text: str | None, model: type[Proposal] | type[Registrations]) -> object | None:
    if text is None:
        return None
    try:
        return model.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError, TypeError):
        return None


def _proposal(text: str | None) -> Proposal | None:
    found = _load(text, Proposal)
    return found if isinstance(found, Proposal) else None


def _registrations(text: str | None) -> Registrations | None:
    found = _load(text, Registrations)
    return found if isinstance(found, Registrations) else None


def _workshop_names(content: Content, year: int) -> dict[str, str]:
    return {w.slug: w.name for w in content.workshops.get(year, [])}


def _changed_fields(old: Proposal, new: Proposal) -> list[str]:
    fields = (
        ("title", "Otsikko"),
        ("workshop", "Työpaja"),
        ("city_role", "Kaupungin rooli"),
        ("organisation", "Ehdottaja"),
        *_SECTIONS,
    )
    return [label for key, label in fields if getattr(old, key) != getattr(new, key)]


# --- proposals -------------------------------------------------------------------------------


def proposal_pull_body(
    number: int, path: str, wanted: str, published: str | None, content: Content
) -> str:
    """The body of a proposal's pull request; `wanted` is the content file it writes and
    `published` the file on the default branch (None: a new proposal)."""
    proposal = _proposal(wanted)
    if proposal is None:  # pragma: no cover - `proposal_text` validates what it writes
        raise ValueError(f"{path}: not a proposal")
    before = _proposal(published)
    if published is not None:
        intro = (
            f"Tämä pull request päivittää sivustolla julkaistun kehittämisehdotuksen #{number}"
            " tekstit, koska lähettäjä on muokannut ehdotusta. Tilahistoria ja toimittajien"
            " merkinnät säilyvät ennallaan."
        )
    else:
        intro = (
            f"Tämä pull request lisää sivustolle kehittämisehdotuksen #{number}, jonka"
            " toimittajat ovat hyväksyneet julkaistavaksi."
        )
    facts = [f"- Tiedosto: `{path}`"]
    if before is not None:
        changed = _changed_fields(before, proposal)
        facts.append(f"- Muuttuneet kohdat: {', '.join(changed) if changed else 'ei mitään'}")
    workshop = _workshop_names(content, proposal.edition).get(proposal.workshop)
    page = [
        f"**Otsikko:** {code_span(proposal.title, TITLE_MAX)}",
        "",
        f"- **Tila:** {words.PROPOSAL_STATUS[proposal.status]} ({fi.date(proposal.updated)})",
        f"- **Työpaja:** {code_span(workshop or proposal.workshop, TITLE_MAX)}",
        f"- **Kaupungin rooli:** {words.CITY_ROLE[proposal.city_role]}",
    ]
    if proposal.organisation:
        page.append(f"- **Ehdottaja:** {code_span(proposal.organisation, ORGANISATION_MAX)}")
    page.append(f"- **Lähetetty:** {fi.date(proposal.submitted)}")
    for key, label in _SECTIONS:
        text = getattr(proposal, key)
        if text:
            page += ["", f"### {label}", "", fenced(text)]
    return "\n".join(
        [
            intro,
            "",
            *facts,
            "",
            "## Näin ehdotus näkyy sivustolla",
            "",
            *page,
            "",
            "Tiedostossa ovat lähettäjän vastaukset sellaisinaan. Tarkista ne ennen"
            " yhdistämistä. Action päivittää tätä pull requestia, jos lähettäjä muokkaa"
            " ehdotusta.",
            "",
            f"Closes #{number}",
        ]
    )


# --- registrations ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Editors' text in a table cell: a `|` would end the cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _figure(before: int | None, after: int) -> str:
    if before is None or before == after:
        return str(after) if before is not None else f"– → {after}"
    return f"{before} → {after}"


def _names(heading: str, rows: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
    lines: list[str] = []
    for workshop, names in rows:
        if not names:
            continue
        shown = ", ".join(code_span(name, ORGANISATION_MAX) for name in names[:NAMES_MAX])
        if len(names) > NAMES_MAX:
            shown += f" ja {len(names) - NAMES_MAX} muuta"
        lines.append(f"- {workshop}: {shown}")
    return [heading, "", *lines, ""] if lines else []


def registrations_pull_body(
    year: int, path: str, wanted: str, published: str | None, content: Content
) -> str:
    """The body of the registrations' pull request: the figures per workshop on the site
    now (`published`, the default branch's file or None) and after merging (`wanted`)."""
    after = _registrations(wanted)
    if after is None:  # pragma: no cover - `registrations_text` validates what it writes
        raise ValueError(f"{path}: not registrations")
    before = _registrations(published)
    names = _workshop_names(content, year)
    old = {w.workshop: w for w in before.workshops} if before else {}
    new = {w.workshop: w for w in after.workshops}
    slugs = [*names, *(s for s in (*new, *old) if s not in names)]
    slugs = list(dict.fromkeys(s for s in slugs if s in new or s in old))
    if before is not None:
        now = f"Sivustolla on nyt tilanne {fi.date(before.updated)}"
        if after.updated != before.updated:
            now += f"; tämä pull request vaihtaa sen tilanteeseen {fi.date(after.updated)}"
        now += "."
    elif published is not None:
        now = "Sivustolla olevaa tiedostoa ei voitu lukea, joten sen lukuja ei näytetä."
    else:
        now = f"Sivustolla ei vielä ole vuoden {year} ilmoittautumistilannetta."
    rows = [
        "| Työpaja | Vahvistetut paikat | Jonossa | Nimiä näkyvissä |",
        "| --- | ---: | ---: | ---: |",
    ]
    totals = [0, 0, 0, 0, 0, 0]
    added: list[tuple[str, list[str]]] = []
    removed: list[tuple[str, list[str]]] = []
    for slug in slugs:
        o, n = old.get(slug), new.get(slug)
        name = names.get(slug, slug)
        values = (
            (o.participants if o else 0, n.participants if n else 0),
            (o.waiting if o else 0, n.waiting if n else 0),
            (len(o.organisations) if o else 0, len(n.organisations) if n else 0),
        )
        for index, (a, b) in enumerate(values):
            totals[2 * index] += a
            totals[2 * index + 1] += b
        cells = [_figure(a if before else None, b) for a, b in values]
        rows.append(f"| {_cell(name)} | {' | '.join(cells)} |")
        old_names = list(o.organisations) if o else []
        new_names = list(n.organisations) if n else []
        added.append((name, [x for x in new_names if x not in old_names]))
        removed.append((name, [x for x in old_names if x not in new_names]))
    pairs = zip(totals[0::2], totals[1::2], strict=True)
    total_cells = [_figure(a if before else None, b) for a, b in pairs]
    rows.append(f"| **Yhteensä** | {' | '.join(f'**{c}**' for c in total_cells)} |")
    return "\n".join(
        [
            f"Tämä pull request päivittää vuoden {year} ilmoittautumistilanteen sivustolle"
            f" (`{path}`): vahvistetut paikat, jonossa olevat ja ne organisaatiot, jotka"
            " antoivat luvan näyttää nimensä.",
            "",
            "## Mitä muuttuu",
            "",
            now,
            "",
            *rows,
            "",
            *_names("Nimet, jotka tulevat sivustolle:", added),
            *_names("Nimet, jotka poistuvat sivustolta:", removed),
            "Action laskee tiedoston kaikista ilmoittautumis-issueista ja päivittää tätä pull"
            " requestia aina, kun ilmoittautumisia tulee, muuttuu tai perutaan. Yhdistä pull"
            " request, kun haluat julkaista tilanteen sivustolla. Älä muokkaa tiedostoa"
            " käsin: Action kirjoittaa sen uudelleen.",
        ]
    )
