"""Synthetic but realistic content for demos, tests and benchmarks: `talkoot demo-content`.

Deterministic for a seed. Every file is written with a YAML emitter and validates against
the model; every proposal status occurs once there are enough proposals.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from talkoot.content.load import dump
from talkoot.content.model import CityRole, PackageStatus, ProposalStatus
from talkoot.vocabulary import fi, names, words

WORKSHOPS = [
    (
        "Kauppa, matkailu, ravintola-ala ja vapaa-ajan palvelut",
        "matkailijoiden ja asiakkaiden saamiseen keskustaan ja tapahtumiin",
    ),
    ("Liike-elämän palvelut", "osaajien saatavuuteen ja yritysten väliseen yhteistyöhön"),
    ("Kulttuuri ja luovat alat", "tiloihin, tapahtumiin ja luovan osaamisen käyttöön"),
    ("Rakentaminen", "kaavoitukseen, luvitukseen ja julkisiin hankintoihin"),
    ("Sote-ala", "hyvinvointialueen ja yritysten yhteistyöhön"),
    ("Teollisuus", "energiaan, logistiikkaan ja investointeihin"),
]
SUBJECTS = [
    "Lupakäsittely",
    "Osaajien saatavuus",
    "Tonttitarjonta",
    "Joukkoliikenne",
    "Keskustan saavutettavuus",
    "Julkisten hankintojen kilpailutus",
    "Yritysneuvonta",
    "Tapahtumakalenteri",
    "Harjoittelupaikkojen tarjonta",
    "Energian hinta",
    "Kansainvälisten opiskelijoiden työllistyminen",
    "Sataman logistiikka",
    "Pysäköinti",
    "Toimitilojen saatavuus",
    "Matkailumarkkinointi",
    "Kiertotalous",
    "Digitaalinen asiointi",
    "Yrittäjien verkostoituminen",
]
PROBLEMS = [
    "ei vastaa yritysten tarpeita",
    "hajautuu monelle eri taholle",
    "on jäänyt jälkeen muista kaupungeista",
    "ei toimi yhtä hyvin koko alueella",
    "vie pieniltä yrityksiltä kohtuuttomasti aikaa",
    "puuttuu kokonaan osalta aluetta",
]
ACTIONS = [
    "Kaupunki kokoaa yhden yhteyshenkilön palvelun",
    "Perustetaan yhteinen työryhmä",
    "Sujuvoitetaan käsittelyä sähköisellä asioinnilla",
    "Järjestetään kahdesti vuodessa yritysaamu",
    "Laaditaan yhteinen tiekartta seuraavalle kolmelle vuodelle",
    "Kokeillaan uutta toimintamallia yhdellä alueella",
]
EFFECTS = [
    "Yritysten aikaa säästyy ja investoinnit nopeutuvat.",
    "Alueelle syntyy uusia työpaikkoja.",
    "Yritykset löytävät osaajia helpommin.",
    "Asiakasmäärät kasvavat myös hiljaisina kuukausina.",
]
ORGANISATIONS = [
    "Saimaan Matkailu Oy",
    "Lappeenrannan Rakennus ja Remontti Oy",
    "Etelä-Karjalan Yrittäjät ry",
    "Kaakon Konepaja Oy",
    "Ateljee Ääni ja Kuva",
    "Hoivapalvelut Kotisatama Oy",
    "Öljynvaihto Örn Ky",
    None,
    None,
]
STATUS_PATHS: list[list[ProposalStatus]] = [
    [ProposalStatus.RECEIVED],
    [ProposalStatus.PUBLISHED],
    [ProposalStatus.PUBLISHED, ProposalStatus.PRIORITISED],
    [ProposalStatus.PUBLISHED, ProposalStatus.PRIORITISED, ProposalStatus.IN_PACKAGE],
    [
        ProposalStatus.PUBLISHED,
        ProposalStatus.PRIORITISED,
        ProposalStatus.IN_PACKAGE,
        ProposalStatus.IN_PROGRESS,
    ],
    [
        ProposalStatus.PUBLISHED,
        ProposalStatus.PRIORITISED,
        ProposalStatus.IN_PACKAGE,
        ProposalStatus.IN_PROGRESS,
        ProposalStatus.DONE,
    ],
    [ProposalStatus.PUBLISHED, ProposalStatus.NOT_TAKEN_FORWARD],
]
NOTES = {
    ProposalStatus.PUBLISHED: "Ehdotus julkaistiin työpajan käsittelyyn.",
    ProposalStatus.PRIORITISED: "Työpaja nosti ehdotuksen tärkeimpien joukkoon.",
    ProposalStatus.IN_PACKAGE: "Ehdotus yhdistettiin toimenpidekokonaisuuteen.",
    ProposalStatus.IN_PROGRESS: "Valmistelu on alkanut kaupungin yrityspalveluissa.",
    ProposalStatus.DONE: "Toimenpide on toteutettu ja siitä kerrottiin tammikuun tilaisuudessa.",
    ProposalStatus.NOT_TAKEN_FORWARD: "Asia ei kuulu kaupungin päätösvaltaan; välitimme sen "
    "eteenpäin maakuntaliitolle.",
}


def _event(year: int) -> dict[str, Any]:
    day = dt.date(year, 11, 30) - dt.timedelta(days=(dt.date(year, 11, 30).weekday() - 3) % 7)
    start = dt.datetime.combine(day, dt.time(13, 0))
    return {
        "year": year,
        "name": f"{words.SITE_NAME} {year}",
        "start": start.isoformat(),
        "end": start.replace(hour=16).isoformat(),
        "place": {
            "name": "Lappeenrannan kaupungintalo",
            "street_address": "Villimiehenkatu 1",
            "postal_code": "53100",
            "locality": "Lappeenranta",
        },
        "organiser": {"name": "Lappeenrannan kaupunki", "unit": "Elinkeinopalvelut Wirma"},
        "contact": {
            "role": "yrityspalvelupäällikkö",
            "organisation": "Lappeenrannan kaupunki",
            "email": "kirjaamo@lappeenranta.fi",
        },
        "audience": "Kaikki alueen yritykset ja yrittäjät. Osallistuminen on maksutonta.",
        "description": f"Kaupunki ja alueen yritykset suunnittelevat yhdessä vuotta {year + 1}: "
        "mikä vahvistaa kasvua ja mitkä pullonkaulat pitää purkaa.",
        "programme": [
            {
                "start": start.isoformat(),
                "end": start.replace(minute=30).isoformat(),
                "title": "Yhteinen avaus",
            },
            {
                "start": start.replace(minute=30).isoformat(),
                "end": start.replace(hour=16).isoformat(),
                "title": "Toimialakohtaiset työpajat",
            },
        ],
        "registration": {"deadline": (day - dt.timedelta(days=3)).isoformat()},
        "results_event": {
            "name": f"Boost Your Business Lappeenranta {year + 1}",
            "month": f"{year + 1}-01",
        },
    }


def _workshop(year: int, order: int, name: str, topic: str) -> dict[str, Any]:
    return {
        "edition": year,
        "name": name,
        "slug": fi.slug(name),
        "order": order,
        "description": f"Toimialan yritysten työpaja, jossa keskitytään {topic}.",
        "questions": [
            "Mitkä ovat alan vahvuudet?",
            "Mitkä pullonkaulat hidastavat kasvua?",
            f"Mitä vuonna {year + 1} pitäisi tehdä ensimmäisenä?",
        ],
        "capacity": 30,
    }


def _outcomes(proposals: list[int]) -> dict[str, Any]:
    """What the workshop produced: filled in by editors after the day."""
    return {
        "strengths": ["Osaava henkilöstö", "Hyvä sijainti Venäjän rajan ja Saimaan äärellä"],
        "prerequisites": ["Toimiva joukkoliikenne", "Riittävästi toimitiloja"],
        "bottlenecks": ["Lupakäsittelyn kesto", "Osaajien saatavuus"],
        "goals": [
            {
                "title": "Lisää osaajia alueelle",
                "proposals": proposals[:2],
                "packages": ["osaaminen"],
            },
            {"title": "Nopeammat luvat", "packages": ["luvat"]},
        ],
    }


def _proposal(rng: random.Random, number: int, year: int) -> dict[str, Any]:
    name, _ = rng.choice(WORKSHOPS)
    subject = rng.choice(SUBJECTS)
    path = STATUS_PATHS[number % len(STATUS_PATHS)]
    submitted = dt.date(year, 11, 1) + dt.timedelta(days=rng.randrange(0, 25))
    history = []
    day = submitted
    for status in path:
        day += dt.timedelta(days=rng.randrange(1, 60))
        change: dict[str, Any] = {"date": day.isoformat(), "status": status.value}
        if status in NOTES:
            change["note"] = NOTES[status]
        history.append(change)
    data: dict[str, Any] = {
        "id": number,
        "edition": year,
        "workshop": fi.slug(name),
        "title": f"{subject}: {rng.choice(ACTIONS).split(' ', 1)[1][:60]}",
        "challenge": f"{subject} {rng.choice(PROBLEMS)}. Tämä hidastaa erityisesti pienten "
        f"yritysten kasvua.\n\nTyöpajassa asia nousi esiin usean yrityksen puheenvuorossa.",
        "action": f"{rng.choice(ACTIONS)}.",
        "impact": rng.choice(EFFECTS),
        "city_role": rng.choice(list(CityRole)).value,
        "submitted": submitted.isoformat(),
        "history": history,
    }
    organisation = rng.choice(ORGANISATIONS)
    if organisation:
        data["organisation"] = organisation
    return data


PACKAGES = [
    # slug, title, status for the newest edition, progress, city role
    ("osaaminen", "Osaajat ja työvoima alueelle", PackageStatus.IN_PROGRESS, 40, CityRole.DIRECT),
    ("luvat", "Sujuvammat luvat ja hankinnat", PackageStatus.DONE, 100, CityRole.DIRECT),
    ("tapahtumat", "Ympärivuotinen tapahtumakaupunki", PackageStatus.PLANNED, 0, CityRole.ADVOCACY),
]
# Which package carries a proposal that reached these statuses.
PACKAGE_FOR_STATUS = {
    ProposalStatus.DONE: "luvat",
    ProposalStatus.IN_PROGRESS: "osaaminen",
    ProposalStatus.IN_PACKAGE: "tapahtumat",
}


def embargo_day(last_year: int) -> dt.date:
    """The January results event after the newest edition: its packages wait for it."""
    return dt.date(last_year + 1, 1, 15)


def _package(
    year: int,
    years: list[int],
    slug: str,
    title: str,
    status: PackageStatus,
    progress: int,
    role: CityRole,
    proposals: list[dict[str, Any]],
) -> dict[str, Any]:
    newest = year == years[-1]
    if not newest and slug == "osaaminen":
        status, progress = PackageStatus.CARRIED_FORWARD, 30
    if not newest and slug == "tapahtumat":
        status, progress = PackageStatus.DONE, 100
    workshops = sorted({p["workshop"] for p in proposals}) or [fi.slug(WORKSHOPS[0][0])]
    data: dict[str, Any] = {
        "edition": year,
        "slug": slug,
        "title": title,
        "description": f"Vuoden {year} työpajojen tavoitteista koottu kokonaisuus, jota "
        f"kaupunki vie eteenpäin vuonna {year + 1}.",
        "workshops": workshops,
        "proposals": [p["id"] for p in proposals],
        "city_role": role.value,
        "responsible_unit": "Elinkeinopalvelut Wirma",
        "status": status.value,
        "progress": progress,
        "milestones": [
            {"title": "Työryhmä koottu", "due": f"{year + 1}-02-28", "done": f"{year + 1}-02-20"},
            {"title": "Ensimmäiset toimenpiteet käynnissä", "due": f"{year + 1}-06-30"},
        ],
        "updates": [
            {
                "date": f"{year + 1}-03-01",
                "text": "Työryhmä on aloittanut ja kokoontuu kuukausittain.",
            }
        ],
    }
    if status == PackageStatus.DONE:
        data["completed"] = f"{year + 1}-10-31"
        data["milestones"][1]["done"] = f"{year + 1}-06-15"
    if newest and slug == "tapahtumat":
        data["publish_from"] = embargo_day(year).isoformat()
        data["title"] = "Salainen kokonaisuus: ympärivuotinen tapahtumakaupunki"
    if not newest and slug == "osaaminen":
        data["updates"].append(
            {"date": f"{year + 1}-11-15", "text": "Kokonaisuus jatkuu seuraavana vuonna."}
        )
    previous = years.index(year) - 1
    if newest and slug == "osaaminen" and previous >= 0:
        data["carried_from"] = {"edition": years[previous], "slug": slug}
    return data


def demo_files(
    *, editions: int, proposals: int, seed: int = 2023, last_year: int = 2025
) -> Iterator[tuple[str, str]]:
    """(relative path, YAML text) for a whole content set."""
    rng = random.Random(seed)  # noqa: S311 - made-up text, not secrets
    years = list(range(last_year - editions + 1, last_year + 1))
    carried: dict[int, dict[str, list[dict[str, Any]]]] = {y: {} for y in years}
    by_workshop: dict[tuple[int, str], list[int]] = {}
    for number in range(1, proposals + 1):
        year = years[(number - 1) * len(years) // max(proposals, 1)]
        data = _proposal(rng, number, year)
        package = PACKAGE_FOR_STATUS.get(ProposalStatus(data["history"][-1]["status"]))
        if package:
            carried[year].setdefault(package, []).append(data)
            if year == years[-1] and package == "tapahtumat":
                # the decision to package it is published with the package
                for change in data["history"]:
                    if change["status"] == ProposalStatus.IN_PACKAGE.value:
                        change["publish_from"] = embargo_day(year).isoformat()
        by_workshop.setdefault((year, data["workshop"]), []).append(number)
        rel = names.proposal_file(year, number, fi.slug(data["title"], max_length=40))
        yield rel, dump(rel, data)
    for year in years:
        rel = names.event_file(year)
        yield rel, dump(rel, _event(year))
        for order, (name, topic) in enumerate(WORKSHOPS, start=1):
            data = _workshop(year, order, name, topic)
            data["outcomes"] = _outcomes(by_workshop.get((year, data["slug"]), []))
            rel = names.workshop_file(year, data["slug"])
            yield rel, dump(rel, data)
        for slug, title, status, progress, role in PACKAGES:
            data = _package(
                year, years, slug, title, status, progress, role, carried[year].get(slug, [])
            )
            rel = names.package_file(year, slug)
            yield rel, dump(rel, data)


def write_demo_content(out: Path, *, editions: int, proposals: int, seed: int = 2023) -> int:
    count = 0
    for rel, text in demo_files(editions=editions, proposals=proposals, seed=seed):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1
    return count
