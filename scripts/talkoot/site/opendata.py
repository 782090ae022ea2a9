"""Open data: every published proposal and package as JSON and CSV, with JSON Schemas.

The records are pydantic models, so the schemas and the field table on the open-data page
come from the same definition as the files. Built from the published view of the content,
so nothing under embargo is in them.

Both formats carry the same text, without the characters no output may carry
(`talkoot.vocabulary.characters`). The CSV is meant to be opened in a spreadsheet, so a text cell
that a spreadsheet would read as a formula (one starting with `=`, `+`, `-`, `@`, a tab or
a carriage return) starts with an apostrophe, as OWASP recommends against CSV injection;
numbers are never prefixed, and the JSON keeps the exact text. `CSV_NOTE` tells the
data's users so, on the open-data page and in the schemas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

from talkoot.vocabulary import names
from talkoot.vocabulary.characters import clean_data

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.fi"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class ProposalRecord(Record):
    id: int = Field(description="Ehdotuksen numero (GitHub-issuen numero)")
    edition: int = Field(description="Vuosi, jonka talkoisiin ehdotus kuuluu")
    workshop: str = Field(description="Työpajan tunniste, esim. teollisuus")
    workshop_name: str = Field(description="Työpajan nimi")
    title: str = Field(description="Otsikko")
    challenge: str = Field(description="Haaste tai pullonkaula")
    action: str = Field(description="Ehdotettu toimenpide")
    impact: str | None = Field(description="Odotettu vaikutus")
    city_role: str = Field(description="Kaupungin rooli: suora, edunvalvonta tai ei-tiedossa")
    organisation: str | None = Field(description="Ehdottava organisaatio, jos se on kerrottu")
    status: str = Field(description="Nykyinen tila")
    status_date: dt.date = Field(description="Päivä, jona nykyinen tila alkoi")
    submitted: dt.date = Field(description="Lähetyspäivä")
    packages: list[str] = Field(description="Toimenpidekokonaisuudet, joihin ehdotus kuuluu")
    url: str = Field(description="Ehdotuksen sivu")


class PackageRecord(Record):
    edition: int = Field(description="Vuosi, jonka talkoista kokonaisuus syntyi")
    slug: str = Field(description="Kokonaisuuden tunniste")
    title: str = Field(description="Nimi")
    description: str = Field(description="Kuvaus")
    workshops: list[str] = Field(description="Työpajat, joista kokonaisuus syntyi")
    proposals: list[int] = Field(description="Ehdotukset, joista kokonaisuus kasvoi")
    city_role: str = Field(
        description="suora = kaupunki toimii itse, edunvalvonta = kaupunki edunvalvojana"
    )
    responsible_unit: str = Field(description="Vastuuyksikkö")
    status: str = Field(description="Tila")
    progress: int = Field(description="Edistyminen prosentteina (0–100)")
    completed: dt.date | None = Field(description="Valmistumispäivä")
    carried_from: str | None = Field(
        description="Edellisen vuoden kokonaisuus, jota tämä jatkaa (vuosi/tunniste)"
    )
    url: str = Field(description="Kokonaisuuden sivu")


DATASETS: dict[str, tuple[str, type[Record]]] = {
    "ehdotukset": ("Kehittämisehdotukset", ProposalRecord),
    "toimenpidekokonaisuudet": ("Toimenpidekokonaisuudet", PackageRecord),
}


#: First characters that make a spreadsheet read a cell as a formula (OWASP: CSV Injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
CSV_NOTE: Final = (
    "CSV-tiedostossa tekstisolun alkuun on lisätty heittomerkki ('), jos teksti alkaisi"
    " merkillä =, +, -, @, sarkaimella tai rivinvaihdolla (CR), jotta taulukkolaskentaohjelma"
    " ei tulkitse sitä kaavaksi. Numerosoluihin heittomerkkiä ei lisätä. JSON-tiedostossa"
    " tekstit ovat sellaisinaan."
)


def neutralise_formula(cell: str) -> str:
    """A text cell that no spreadsheet reads as a formula: `'` before a formula start."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _csv_value(value: Any) -> str:
    """One cell from a JSON value: numbers as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, list):
        joined = "; ".join(str(v) for v in value)
        return neutralise_formula(joined) if any(isinstance(v, str) for v in value) else joined
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)  # int, float: a negative number is a number, not a formula


def to_csv(records: Sequence[Record], model: type[Record]) -> bytes:
    """UTF-8 CSV with a header row; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    fields = list(model.model_fields)
    writer.writerow(fields)
    for record in records:
        data = clean_data(record.model_dump(mode="json"))
        writer.writerow([_csv_value(data[name]) for name in fields])
    return buffer.getvalue().encode("utf-8")


def to_json(name: str, records: Sequence[Record], *, schema_url: str, updated: dt.date) -> bytes:
    document = {
        "$schema": schema_url,
        "name": name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "updated": updated.isoformat(),
        "items": [clean_data(record.model_dump(mode="json")) for record in records],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def json_schema(name: str, title: str, model: type[Record]) -> bytes:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": title,
        "description": f"{title} avoimena datana ({LICENCE}). {CSV_NOTE}",
        "type": "object",
        "required": ["name", "licence", "licence_url", "updated", "items"],
        "properties": {
            "$schema": {"type": "string"},
            "name": {"type": "string"},
            "licence": {"const": LICENCE},
            "licence_url": {"type": "string", "format": "uri"},
            "updated": {"type": "string", "format": "date"},
            "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
        },
        "$defs": {"item": model.model_json_schema(mode="serialization")},
    }
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def field_table(model: type[Record]) -> list[tuple[str, str]]:
    """(field, Finnish description) for the open-data page."""
    return [(name, info.description or "") for name, info in model.model_fields.items()]


def dataset_files(
    name: str,
    records: Iterable[Record],
    *,
    base_url: str,
    updated: dt.date,
    sort_key: Callable[[Record], Any],
) -> dict[str, bytes]:
    title, model = DATASETS[name]
    ordered = sorted(records, key=sort_key)
    schema = names.dataset(name, ".schema.json")
    return {
        names.dataset(name, ".json"): to_json(
            title, ordered, schema_url=base_url + schema, updated=updated
        ),
        names.dataset(name, ".csv"): to_csv(ordered, model),
        schema: json_schema(name, title, model),
    }
