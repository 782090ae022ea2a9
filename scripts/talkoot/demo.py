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

import yaml

from . import fi
from .content import schema_line
from .model import CityRole, ProposalStatus

WORKSHOPS = [
    ("Kauppa, matkailu, ravintola-ala ja vapaa-ajan palvelut",
     "matkailijoiden ja asiakkaiden saamiseen keskustaan ja tapahtumiin"),
    ("Liike-elämän palvelut", "osaajien saatavuuteen ja yritysten väliseen yhteistyöhön"),
    ("Kulttuuri ja luovat alat", "tiloihin, tapahtumiin ja luovan osaamisen käyttöön"),
    ("Rakentaminen", "kaavoitukseen, luvitukseen ja julkisiin hankintoihin"),
    ("Sote-ala", "hyvinvointialueen ja yritysten yhteistyöhön"),
    ("Teollisuus", "energiaan, logistiikkaan ja investointeihin"),
]
SUBJECTS = ["Lupakäsittely", "Osaajien saatavuus", "Tonttitarjonta", "Joukkoliikenne",
            "Keskustan saavutettavuus", "Julkisten hankintojen kilpailutus", "Yritysneuvonta",
            "Tapahtumakalenteri", "Harjoittelupaikkojen tarjonta", "Energian hinta",
            "Kansainvälisten opiskelijoiden työllistyminen", "Sataman logistiikka", "Pysäköinti",
            "Toimitilojen saatavuus", "Matkailumarkkinointi", "Kiertotalous",
            "Digitaalinen asiointi", "Yrittäjien verkostoituminen"]
PROBLEMS = ["ei vastaa yritysten tarpeita", "hajautuu monelle eri taholle",
            "on jäänyt jälkeen muista kaupungeista", "ei toimi yhtä hyvin koko alueella",
            "vie pieniltä yrityksiltä kohtuuttomasti aikaa", "puuttuu kokonaan osalta aluetta"]
ACTIONS = ["Kaupunki kokoaa yhden yhteyshenkilön palvelun", "Perustetaan yhteinen työryhmä",
           "Sujuvoitetaan käsittelyä sähköisellä asioinnilla", "Järjestetään kahdesti vuodessa "
           "yritysaamu", "Laaditaan yhteinen tiekartta seuraavalle kolmelle vuodelle",
           "Kokeillaan uutta toimintamallia yhdellä alueella"]
EFFECTS = ["Yritysten aikaa säästyy ja investoinnit nopeutuvat.",
           "Alueelle syntyy uusia työpaikkoja.", "Yritykset löytävät osaajia helpommin.",
           "Asiakasmäärät kasvavat myös hiljaisina kuukausina."]
ORGANISATIONS = ["Saimaan Matkailu Oy", "Lappeenrannan Rakennus ja Remontti Oy",
                 "Etelä-Karjalan Yrittäjät ry", "Kaakon Konepaja Oy", "Ateljee Ääni ja Kuva",
                 "Hoivapalvelut Kotisatama Oy", "Öljynvaihto Örn Ky", None, None]
STATUS_PATHS: list[list[ProposalStatus]] = [
    [ProposalStatus.RECEIVED],
    [ProposalStatus.PUBLISHED],
    [ProposalStatus.PUBLISHED, ProposalStatus.PRIORITISED],
    [ProposalStatus.PUBLISHED, ProposalStatus.PRIORITISED, ProposalStatus.IN_PACKAGE],
    [ProposalStatus.PUBLISHED, ProposalStatus.PRIORITISED, ProposalStatus.IN_PACKAGE,
     ProposalStatus.IN_PROGRESS],
    [ProposalStatus.PUBLISHED, ProposalStatus.PRIORITISED, ProposalStatus.IN_PACKAGE,
     ProposalStatus.IN_PROGRESS, ProposalStatus.DONE],
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


def _dump(kind: str, relative: str, data: dict[str, Any]) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"{schema_line(kind, relative)}\n{body}"


def _event(year: int) -> dict[str, Any]:
    day = dt.date(year, 11, 30) - dt.timedelta(days=(dt.date(year, 11, 30).weekday() - 3) % 7)
    start = dt.datetime.combine(day, dt.time(13, 0))
    return {
        "year": year,
        "name": f"Tulevaisuuden suunnittelutalkoot {year}",
        "start": start.isoformat(),
        "end": start.replace(hour=16).isoformat(),
        "place": {"name": "Lappeenrannan kaupungintalo", "street_address": "Villimiehenkatu 1",
                  "postal_code": "53100", "locality": "Lappeenranta"},
        "organiser": {"name": "Lappeenrannan kaupunki", "unit": "Elinkeinopalvelut Wirma"},
        "contact": {"role": "yrityspalvelupäällikkö", "organisation": "Lappeenrannan kaupunki",
                    "email": "kirjaamo@lappeenranta.fi"},
        "audience": "Kaikki alueen yritykset ja yrittäjät. Osallistuminen on maksutonta.",
        "description": f"Kaupunki ja alueen yritykset suunnittelevat yhdessä vuotta {year + 1}: "
        "mikä vahvistaa kasvua ja mitkä pullonkaulat pitää purkaa.",
        "programme": [
            {"start": start.isoformat(), "end": start.replace(minute=30).isoformat(),
             "title": "Yhteinen avaus"},
            {"start": start.replace(minute=30).isoformat(),
             "end": start.replace(hour=16).isoformat(), "title": "Toimialakohtaiset työpajat"},
        ],
        "registration": {"deadline": (day - dt.timedelta(days=3)).isoformat()},
        "results_event": {"name": f"Boost Your Business Lappeenranta {year + 1}",
                          "month": f"{year + 1}-01"},
    }


def _workshop(year: int, order: int, name: str, topic: str) -> dict[str, Any]:
    return {
        "edition": year,
        "name": name,
        "slug": fi.slug(name),
        "order": order,
        "description": f"Toimialan yritysten työpaja, jossa keskitytään {topic}.",
        "questions": ["Mitkä ovat alan vahvuudet?", "Mitkä pullonkaulat hidastavat kasvua?",
                      f"Mitä vuonna {year + 1} pitäisi tehdä ensimmäisenä?"],
        "capacity": 30,
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


def demo_files(*, editions: int, proposals: int, seed: int = 2023,
               last_year: int = 2025) -> Iterator[tuple[str, str]]:
    """(relative path, YAML text) for a whole content set."""
    rng = random.Random(seed)
    years = list(range(last_year - editions + 1, last_year + 1))
    for year in years:
        rel = f"events/{year}.yml"
        yield rel, _dump("events", rel, _event(year))
        for order, (name, topic) in enumerate(WORKSHOPS, start=1):
            data = _workshop(year, order, name, topic)
            rel = f"workshops/{year}/{data['slug']}.yml"
            yield rel, _dump("workshops", rel, data)
    for number in range(1, proposals + 1):
        year = years[(number - 1) * len(years) // max(proposals, 1)]
        data = _proposal(rng, number, year)
        rel = f"proposals/{year}/{number}-{fi.slug(data['title'], max_length=40)}.yml"
        yield rel, _dump("proposals", rel, data)


def write_demo_content(out: Path, *, editions: int, proposals: int, seed: int = 2023) -> int:
    count = 0
    for rel, text in demo_files(editions=editions, proposals=proposals, seed=seed):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1
    return count
