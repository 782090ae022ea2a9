"""Read one content file's YAML, and explain every slip in it in Finnish.

PyYAML's messages are English and name the parser's state, not the editor's mistake. This
module recognises the usual slips from where the parser stopped and what the line there
says, and names them with a hint: a tab, a colon or `#` in an unquoted value, indentation
that does not match the line above, an unclosed quote or bracket. It also finds what PyYAML
accepts silently but an editor never means: a key given twice (the later value would win)
and a value cut short by ` #` (the rest of the line would be a comment).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

# The one YAML loader of the project (content, issue forms): libyaml's safe loader when it
# is there, about 9x faster than the pure-Python one, which reads the same.
try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - libyaml is in PyYAML's wheels
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["SafeLoader", "SyntaxSlip", "explain", "parse"]

QUOTE_HINT = "laita arvo lainausmerkkeihin"
INDENT_HINT = "sisennys ei täsmää edelliseen riviin"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class SyntaxSlip:
    """One YAML problem: its 1-based line and the Finnish message (with a hint)."""

    line: int
    message: str


def parse(text: str) -> tuple[Any, list[SyntaxSlip]]:
    """The document's data, or None and every slip found. A file with a slip is not
    validated further: its data would not be what the editor meant."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        return None, [explain(text, error)]
    except yaml.YAMLError:  # pragma: no cover - every parser error carries a mark
        return None, [SyntaxSlip(1, "YAML-virhe: tiedostoa ei voi lukea")]
    if node is None:
        return None, []
    lines = text.splitlines()
    slips = [*_duplicate_keys(node), *_cut_by_comment(node, lines)]
    if slips:
        return None, sorted(slips, key=lambda s: s.line)
    try:  # from the node already composed: the text is parsed once
        return yaml.constructor.SafeConstructor().construct_document(node), []
    except ValueError:  # a date that does not exist, such as 2023-02-30
        return None, list(_impossible_dates(node))


def _column(mark: yaml.Mark | None) -> int:
    return mark.column + 1 if mark is not None else 1


def explain(text: str, error: yaml.MarkedYAMLError) -> SyntaxSlip:
    """The Finnish reading of one PyYAML error."""
    lines = text.splitlines()
    mark = error.problem_mark
    line_index = mark.line if mark is not None else 0
    problem = error.problem or ""
    context = error.context or ""

    def line_text(index: int) -> str:
        return lines[index] if 0 <= index < len(lines) else ""

    # A tab in the indentation, on the line where parsing stopped or above it.
    for index in range(min(line_index, len(lines) - 1), -1, -1):
        indent = re.match(r"[ \t]*", line_text(index))
        if indent and "\t" in indent.group():
            column = indent.group().index("\t") + 1
            return SyntaxSlip(
                index + 1,
                f"YAML-virhe: sarkain (tab) sarakkeessa {column}: sisennä välilyönneillä",
            )
    # A quote opened on an earlier line and never closed there: the parser reads on into
    # the next lines and stops somewhere unrelated.
    for index in range(min(line_index, len(lines)) - 1, -1, -1):
        start = _value_start(line_text(index))
        if start is None or line_text(index)[start] not in "\"'":
            continue
        quote = line_text(index)[start]
        if line_text(index).count(quote, start + 1) == 0:
            return SyntaxSlip(
                index + 1,
                f"YAML-virhe: lainausmerkki {quote} sarakkeessa {start + 1} jää "
                f"sulkematta: lisää arvon loppuun toinen {quote}",
            )
        break
    # `name:Teollisuus`: without a space after the colon YAML reads no key at all.
    for index in (line_index - 1, line_index):
        glued = re.match(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?=[^\s/])", line_text(index))
        if glued:
            return SyntaxSlip(
                index + 1,
                f"YAML-virhe: kaksoispisteen jälkeen puuttuu välilyönti (sarake {glued.end()})",
            )
    here = line_text(line_index)
    column = _column(mark)
    char = here[mark.column] if mark is not None and mark.column < len(here) else ""
    if char == "\t":
        return SyntaxSlip(
            line_index + 1, f"YAML-virhe: sarkain (tab) sarakkeessa {column}: käytä välilyöntejä"
        )
    value_start = _value_start(here)

    if "quoted scalar" in context and error.context_mark is not None:
        opened = error.context_mark
        quote = line_text(opened.line)[opened.column : opened.column + 1] or '"'
        return SyntaxSlip(
            opened.line + 1,
            f"YAML-virhe: lainausmerkki {quote} sarakkeessa {opened.column + 1} jää "
            f"sulkematta: lisää arvon loppuun toinen {quote}",
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        where = error.context_mark or mark
        return SyntaxSlip(
            (where.line if where is not None else 0) + 1,
            f"YAML-virhe: sulku {bracket} sarakkeessa {_column(where)} jää sulkematta: lisää "
            f"{closing} tai, jos sulku kuuluu tekstiin, {QUOTE_HINT}",
        )
    if value_start is not None and mark is not None and mark.column > value_start:
        if "mapping values are not allowed" in problem:
            return SyntaxSlip(
                line_index + 1,
                f"YAML-virhe: arvossa on kaksoispiste sarakkeessa {column}: {QUOTE_HINT}",
            )
        if here[value_start] in "\"'" and ("expected key" in problem or "<block end>" in problem):
            return SyntaxSlip(
                line_index + 1,
                "YAML-virhe: arvo jatkuu lainausmerkkien jälkeen sarakkeessa "
                f"{column}: laita koko arvo lainausmerkkeihin",
            )
    if (
        value_start is not None
        and mark is not None
        and mark.column == value_start
        and char
        and any(
            sign in problem
            for sign in ("cannot start any token", "undefined alias", "sequence entries")
        )
    ):
        return SyntaxSlip(
            line_index + 1,
            f"YAML-virhe: arvo ei voi alkaa merkillä {char}: {QUOTE_HINT}",
        )
    if any(
        sign in problem
        for sign in (
            "mapping values are not allowed",
            "expected key",
            "expected <block end>",
            "sequence entries are not allowed",
            "expected '-' indicator",
        )
    ):
        return SyntaxSlip(line_index + 1, f"YAML-virhe: {INDENT_HINT} (sarake {column})")
    if "cannot start any token" in problem and char:
        return SyntaxSlip(
            line_index + 1,
            f"YAML-virhe: merkki {char} sarakkeessa {column} ei kelpaa tässä: {QUOTE_HINT}",
        )
    return SyntaxSlip(
        line_index + 1,
        f"YAML-virhe: tiedostoa ei voi lukea sarakkeesta {column} eteenpäin: tarkista "
        "sisennys, kaksoispisteet ja lainausmerkit",
    )


def _value_start(line: str) -> int | None:
    """Where the value of a `key: value` or `- value` line starts, if it has one."""
    found = re.match(r"^\s*(?:-\s+)*(?:[^\s:#'\"][^:#]*?:\s+|-\s+)(?=\S)", line)
    return found.end() if found else None


def _mappings(node: yaml.Node) -> Iterator[yaml.MappingNode]:
    if isinstance(node, yaml.MappingNode):
        yield node
        for key, value in node.value:
            yield from _mappings(key)
            yield from _mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _mappings(item)


def _values(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every scalar that is a value (not a key)."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _values(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _values(item)


def _impossible_dates(root: yaml.Node) -> Iterator[SyntaxSlip]:
    constructor = yaml.constructor.SafeConstructor()
    for scalar in _values(root):
        if scalar.tag != _TIMESTAMP:
            continue
        try:
            constructor.construct_yaml_timestamp(scalar)
        except ValueError:
            yield SyntaxSlip(
                scalar.start_mark.line + 1,
                f"päivämäärää {scalar.value} ei ole olemassa: tarkista päivä ja kuukausi",
            )


def _duplicate_keys(root: yaml.Node) -> Iterator[SyntaxSlip]:
    for mapping in _mappings(root):
        first: dict[str, int] = {}
        for key, _value in mapping.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            if key.value in first:
                yield SyntaxSlip(
                    line,
                    f"YAML-virhe: kenttä {key.value} on jo rivillä {first[key.value]}: "
                    "poista toinen tai yhdistä ne",
                )
            else:
                first[key.value] = line


def _cut_by_comment(root: yaml.Node, lines: list[str]) -> Iterator[SyntaxSlip]:
    """A plain text value followed by ` #`: YAML reads the rest of the line as a comment,
    so `title: Hanke #2` would silently become `Hanke`. Numbers, dates and true/false may
    carry a comment; text the editor typed may not."""
    for scalar in _values(root):
        if scalar.style not in (None, "") or scalar.tag not in (_STR, _NULL):
            continue
        end = scalar.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        pattern = r"^[ \t]*#" if scalar.tag == _NULL else r"^[ \t]+#"
        found = re.match(pattern, rest)
        if found:
            column = end.column + found.end()
            yield SyntaxSlip(
                end.line + 1,
                f"YAML-virhe: merkin # (sarake {column}) jälkeen teksti luetaan kommentiksi "
                f"ja arvo katkeaa: {QUOTE_HINT}",
            )
