"""Turn pydantic's validation errors into Finnish messages and find their YAML lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
from pydantic_core import ErrorDetails

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

Loc = tuple[str | int, ...]

# Cross-field checks raised by model validators: which field they concern, and what to say.
_CUSTOM: dict[str, tuple[str | None, str]] = {
    "end_before_start": ("end", "päättyy ennen alkamistaan"),
    "history_order": ("history", "muutokset eivät ole aikajärjestyksessä (vanhin ensin)"),
    "history_first": ("history", "ensimmäisen tilan pitää olla vastaanotettu tai julkaistu"),
    "history_transition": (
        "history.{index}.status",
        "tilasta {before} ei voi siirtyä tilaan {after}",
    ),
    "done_without_date": ("completed", "valmiilla kokonaisuudella pitää olla valmistumispäivä"),
    "done_not_complete": ("progress", "valmiin kokonaisuuden edistymisen pitää olla 100"),
    "low_contrast": (
        "{field}",
        "väri erottuu valkoisesta liian heikosti: kontrasti {ratio}:1, "
        "vähintään 4,5:1 (WCAG 2.1 AA)",
    ),
}

_PATTERNS: dict[str, str] = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "saa sisältää vain pieniä kirjaimia a–z, numeroita ja "
    "väliviivoja (esim. liike-elaman-palvelut)",
    r"^\d{5}$": "pitää olla viisi numeroa",
    r"^\d{4}-\d{2}$": "pitää olla muotoa VVVV-KK (esim. 2024-01)",
    r"^#[0-9a-fA-F]{6}$": "pitää olla väri muodossa #rrggbb (esim. #00507a)",
}


def describe(error: ErrorDetails) -> tuple[Loc, str]:
    """The location and Finnish message of one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    loc: Loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    if kind in _CUSTOM:
        field, message = _CUSTOM[kind]
        parts = (
            tuple(int(part) if part.isdigit() else part for part in field.format(**ctx).split("."))
            if field
            else ()
        )
        return (*loc, *parts), message.format(**ctx)
    return loc, _message(kind, ctx)


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds the member type of an Optional/Union to the location, e.g. 'function-after[...]'
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "date", "datetime"))


def _message(kind: str, ctx: dict[str, Any]) -> str:
    if kind == "missing":
        return "puuttuu"
    if kind == "extra_forbidden":
        return "tuntematon kenttä (kirjoitusvirhe?)"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "ei saa olla tyhjä" if n == 1 else f"liian lyhyt (vähintään {n} merkkiä)"
    if kind == "string_too_long":
        return f"liian pitkä (enintään {ctx.get('max_length')} merkkiä)"
    if kind == "too_short":
        return f"pitää sisältää vähintään {ctx.get('min_length')} kohta(a)"
    if kind == "too_long":
        return f"saa sisältää enintään {ctx.get('max_length')} kohtaa"
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(str(ctx.get("pattern")), "ei ole oikeassa muodossa")
    if kind in ("enum", "literal_error"):
        expected = re.sub(r"<\w+\.\w+: ('[^']*')>", r"\1", str(ctx.get("expected", "")))
        expected = expected.replace(" or ", " tai ")
        return f"pitää olla jokin seuraavista: {expected}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"pitää olla vähintään {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"saa olla enintään {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("int_"):
        return "pitää olla kokonaisluku"
    if kind.startswith("bool_"):
        return "pitää olla true tai false"
    if kind.startswith("datetime_"):
        return "pitää olla päivä ja kellonaika muodossa 2023-11-23T13:00"
    if kind.startswith("date_"):
        return "pitää olla päivämäärä muodossa 2023-11-20"
    if kind.startswith("url_"):
        return "pitää olla verkko-osoite, joka alkaa https://"
    if kind in ("string_type", "string_unicode"):
        return "pitää olla tekstiä"
    if kind == "list_type":
        return "pitää olla luettelo (rivit alkavat '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "pitää olla kenttiä muodossa avain: arvo"
    return "virheellinen arvo"


def line_of(text: str, loc: Sequence[str | int]) -> int:
    """The 1-based line of `loc` in the YAML text; the nearest existing parent if the field
    is missing. Composes the document again, which is fine: this runs only on errors."""
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return 1
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    line = key.start_mark.line + 1
                    child = value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
