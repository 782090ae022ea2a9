"""JSON Schemas for content files, generated from the model and committed under `schemas/`,
so that editors' editors can complete and check YAML (`# yaml-language-server: $schema=`)."""

from __future__ import annotations

import json
from pathlib import Path

from talkoot.content.load import schema_name
from talkoot.content.model import KINDS, SiteSettings, Strict

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, for every content kind."""
    rendered: dict[str, str] = {}
    models: list[type[Strict]] = [*KINDS.values(), SiteSettings]
    for model in models:
        name = schema_name(model)
        schema = {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{name}.schema.json",
            **model.model_json_schema(mode="validation"),
        }
        rendered[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return rendered


def write_or_check(directory: Path, *, check: bool) -> list[str]:
    """Write the schemas, or list (in Finnish) the committed ones that drifted."""
    messages: list[str] = []
    for name, text in render_schemas().items():
        path = directory / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            messages.append(f"{path}: ei vastaa sisältömallia. Aja `make schemas`.")
        else:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            messages.append(f"{path}: päivitetty.")
    return messages
