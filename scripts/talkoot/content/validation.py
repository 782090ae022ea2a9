"""Turn pydantic's validation errors into Finnish messages and find their YAML lines."""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from talkoot.content.model import EMAIL_PATTERN, NO_MARKUP_PATTERN, PACKAGE_STATUS_SPELLINGS
from talkoot.content.yamlsyntax import SafeLoader

Loc = tuple[str | int, ...]
_AS_WRITTEN = {status.value: spelling for status, spelling in PACKAGE_STATUS_SPELLINGS.items()}

# Cross-field checks raised by model validators: which field they concern, and what to say.
_CUSTOM: dict[str, tuple[str | None, str]] = {
    "end_before_start": ("end", "päättyy ennen alkamistaan"),
    "history_order": ("history", "muutokset eivät ole aikajärjestyksessä (vanhin ensin)"),
    "history_first": ("history", "ensimmäisen tilan pitää olla vastaanotettu tai julkaistu"),
    "history_transition": (
        "history.{index}.status",
        "tilasta {before} ei voi siirtyä tilaan {after}",
    ),
    "not_https": (None, "osoitteen pitää alkaa https://"),
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
    r"^\d{4}-\d{2}$": "pitää olla muotoa VVVV-KK{example}",
    r"^#[0-9a-fA-F]{6}$": "pitää olla väri muodossa #rrggbb (esim. #00507a)",
    NO_MARKUP_PATTERN: 'ei saa sisältää merkkejä <, > eikä "',
    EMAIL_PATTERN: "pitää olla pelkkä sähköpostiosoite, esim. kirjaamo@lappeenranta.fi",
}
# Options are listed in a message when there are at most this many.
SHORT_LIST = 6


def field_name(loc: Sequence[str | int]) -> str:
    """A field's name as an editor counts: `programme[2].title` for the second item."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else part
    return name


def did_you_mean(value: object, options: Iterable[str], *, list_short: bool = True) -> str:
    """`; tarkoititko 'x'?` for a near miss, else the options when there are few."""
    choices = sorted(set(options))
    close = closest(value, choices)
    if close:
        return f"; tarkoititko '{close}'?"
    if list_short and 0 < len(choices) <= SHORT_LIST:
        return "; vaihtoehdot: " + ", ".join(f"'{choice}'" for choice in choices)
    return ""


def closest(value: object, options: Iterable[str]) -> str | None:
    """The option nearest to a misspelt value, if one is near enough."""
    close = difflib.get_close_matches(str(value), sorted(set(options)), n=1, cutoff=0.6)
    return close[0] if close else None


def describe(
    error: ErrorDetails, *, model: type[BaseModel] | None = None, year: int | None = None
) -> tuple[Loc, str]:
    """The location and Finnish message of one pydantic error. `model` (the file's) lets
    an unknown key be matched to the known ones; `year` (the file's) fits the examples."""
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
    message = _message(kind, ctx, year)
    if kind == "extra_forbidden" and model is not None and loc:
        hint = did_you_mean(loc[-1], _fields_at(model, loc[:-1]))
        if hint:
            message = "tuntematon kenttä" + hint
    elif kind in ("enum", "literal_error"):
        message += did_you_mean(error.get("input"), _expected(ctx), list_short=False)
    return loc, message


def describe_all(
    errors: Iterable[ErrorDetails], *, model: type[BaseModel], year: int | None = None
) -> list[tuple[Loc, str]]:
    """Every error of one file, described; a misspelt key that names a missing field is one
    problem (`nmae: tarkoititko 'name'?`), not also `name: puuttuu`."""
    errors = list(errors)
    meant = set()
    for error in errors:
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        if error["type"] == "extra_forbidden" and loc:
            near = closest(loc[-1], _fields_at(model, loc[:-1]))
            if near:
                meant.add((*loc[:-1], near))
    described = []
    for error in errors:
        loc, message = describe(error, model=model, year=year)
        if not (error["type"] == "missing" and loc in meant):
            described.append((loc, message))
    return described


def _expected(ctx: dict[str, Any]) -> list[str]:
    """The allowed values, as editors write them (`käynnissä`, not `kaynnissa`)."""
    return [
        _AS_WRITTEN.get(value, value)
        for value in re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    ]


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at `loc` inside `model`, if it is one."""
    current: Any = model
    for part in loc:
        current = _item_type(current, part)
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _item_type(annotation: Any, part: str | int) -> Any:
    """The type at `part` (a field name or a list index) inside `annotation`."""
    for candidate in _unwrap(annotation):
        if isinstance(part, str) and _is_model(candidate) and part in candidate.model_fields:
            return candidate.model_fields[part].annotation
        if isinstance(part, int) and get_origin(candidate) is list:
            return get_args(candidate)[0]
    return None


def _unwrap(annotation: Any) -> list[Any]:
    """The alternatives of an Optional/Union, with Annotated stripped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [t for arg in get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds the member type of an Optional/Union to the location, e.g. 'function-after[...]'
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "date", "datetime"))


def _message(kind: str, ctx: dict[str, Any], year: int | None) -> str:
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
    if kind == "one_line":
        return "pitää olla yhdellä rivillä; poista rivinvaihto"
    if kind == "tab":
        return "sisältää sarkainmerkin; korvaa se välilyönnillä"
    if kind == "control_character":
        return f"sisältää näkymättömän ohjausmerkin ({ctx.get('code')}); poista se"
    if kind == "invalid_character":
        return f"sisältää merkin {ctx.get('code')}, joka ei ole tekstiä; poista se"
    if kind == "string_pattern_mismatch":
        pattern = _PATTERNS.get(str(ctx.get("pattern")), "ei ole oikeassa muodossa")
        # the month of the results event: January after the edition
        return pattern.format(example=f" (esim. {year + 1}-01)" if year else "")
    if kind in ("enum", "literal_error"):
        allowed = [f"'{value}'" for value in _expected(ctx)]
        if len(allowed) < 2:
            return f"pitää olla {''.join(allowed)}"
        return f"pitää olla jokin seuraavista: {', '.join(allowed[:-1])} tai {allowed[-1]}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"pitää olla vähintään {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"saa olla enintään {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("int_"):
        return "pitää olla kokonaisluku"
    if kind.startswith("bool_"):
        return "pitää olla true tai false"
    if kind.startswith("datetime_"):
        example = f"{year}-11-23T13:00" if year else "VVVV-KK-PPTHH:MM"
        return f"pitää olla päivä ja kellonaika muodossa {example}"
    if kind.startswith("date_"):
        return f"pitää olla päivämäärä muodossa {f'{year}-11-20' if year else 'VVVV-KK-PP'}"
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
