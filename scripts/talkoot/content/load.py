"""Load and validate `content/`: YAML text in, a `Content` and every problem out.

The core is `load(files)`, which takes the files as a mapping of relative path to text and
never touches the disk; `read_content_dir` is the filesystem edge.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import AnyUrl, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver

from talkoot.content import sessions, yamlsyntax
from talkoot.content.model import (
    HELSINKI,
    KINDS,
    Event,
    Package,
    Proposal,
    ProposalStatus,
    Registrations,
    SiteSettings,
    Strict,
    Workshop,
)
from talkoot.content.validation import describe_all, did_you_mean, field_name, line_of
from talkoot.exceptions import ContentError, Problem
from talkoot.vocabulary import names

CONTENT_DIR_ENV = "TALKOOT_CONTENT_DIR"
# A proposal in one of these statuses is carried by an action package.
PACKAGED_STATUSES = frozenset(
    {ProposalStatus.IN_PACKAGE, ProposalStatus.IN_PROGRESS, ProposalStatus.DONE}
)
SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


def model_of(kind: str) -> type[Strict]:
    """The model of a content kind, the site settings (`names.SETTINGS_KIND`) included."""
    return SiteSettings if kind == names.SETTINGS_KIND else KINDS[kind]


def schema_line(kind: str, relative_path: str) -> str:
    """The first line every content file carries, pointing at its committed schema."""
    depth = len(PurePosixPath(relative_path).parts)
    return f"{SCHEMA_LINE_PREFIX}{'../' * depth}schemas/{schema_name(model_of(kind))}.schema.json"


def schema_name(model: type[Strict]) -> str:
    return model.__name__.lower()


class _Yaml11Resolver(VersionedResolver):
    """YAML 1.1 rules, as the loader (PyYAML) reads them, without a `%YAML` directive:
    text such as `yes`, `on` or `1:20` is quoted so that it stays text."""

    @property
    def processing_version(self) -> Any:
        return (1, 1)


class _Representer(RoundTripRepresenter):
    """Multi-line text as literal blocks for readable diffs; times as editors write them."""


# Line breaks other than LF, CR, the byte-order mark and characters YAML does not allow
# unescaped survive only in double quotes (escaped).
_BLOCK_UNSAFE = re.compile(
    "[\r\x85\u2028\u2029\ufeff]|[^\x09\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _represent_str(representer: RoundTripRepresenter, value: str) -> Any:
    style: str | None = None
    if _BLOCK_UNSAFE.search(value):
        style = '"'  # escaped: plain or single-quoted text would turn NEL, LS, PS into spaces
    elif "\n" in value:
        style = "|"
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_datetime(representer: RoundTripRepresenter, value: dt.datetime) -> Any:
    """`2024-11-21T13:00:00`: Helsinki local time without an offset, as editors write it
    (the model reads a time without an offset as Helsinki time)."""
    if value.tzinfo is not None:
        value = value.astimezone(HELSINKI).replace(tzinfo=None)
    text = value.isoformat(timespec="seconds")
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", text)


_Representer.add_representer(str, _represent_str)
_Representer.add_representer(dt.datetime, _represent_datetime)


def _yaml() -> YAML:
    """The one YAML writer of content files: ruamel.yaml's round-trip mode, so a file that
    is read with `round_trip` and written again keeps its comments, key order, quotes and
    block styles; new values follow the project's style (two-space mappings, lists
    indented under their key, lines up to 100 characters)."""
    writer = YAML(typ="rt")
    writer.Resolver = _Yaml11Resolver
    writer.Representer = _Representer
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = 100
    writer.allow_unicode = True
    writer.preserve_quotes = True
    return writer


def _plain(value: Any) -> Any:
    """A model dump's values as the writer knows them: enums as their values, URLs as text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, AnyUrl):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def round_trip(text: str) -> Any:
    """A content file's data with its comments and layout (a ruamel `CommentedMap`), to
    change and write again with `dump`. The schema line is left to `dump`."""
    body = text.split("\n", 1)[1] if text.startswith(SCHEMA_LINE_PREFIX) else text
    return _yaml().load(body)


def dump(relative_path: str, data: Mapping[str, Any] | Strict) -> str:
    """A content file's text: the schema line, then YAML from an emitter (never from
    string formatting, so no value can break out of its field). `data` is a model, a
    mapping, or what `round_trip` read (then comments and layout are kept)."""
    kind = PurePosixPath(relative_path).parts[0]
    if isinstance(data, Strict):
        data = _plain(data.model_dump(mode="python", exclude_defaults=True))
    assert isinstance(data, Mapping)
    return f"{schema_line(kind, relative_path)}\n{dump_yaml(data)}"


def dump_yaml(data: Mapping[str, Any], *, width: int | None = None) -> str:
    """YAML text from the one writer: content files (through `dump`) and the issue forms
    (`talkoot.submissions.forms`, which keep long lines whole: `width`) alike."""
    if not isinstance(data, CommentedMap):
        data = dict(data)
    writer = _yaml()
    if width is not None:
        writer.width = width
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


@dataclass
class Content:
    """All content, indexed the ways the pages and the Action need it."""

    events: dict[int, Event] = field(default_factory=dict)
    workshops: dict[int, list[Workshop]] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)
    registrations: dict[int, Registrations] = field(default_factory=dict)
    packages: dict[int, list[Package]] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)  # id(model) -> relative path
    settings: SiteSettings = field(default_factory=SiteSettings)  # content/site.yml

    def source_of(self, item: Strict) -> str:
        return self.sources[id(item)]

    @property
    def current_year(self) -> int:
        return max(self.events)

    @property
    def current(self) -> Event:
        return self.events[self.current_year]

    def workshop(self, year: int, slug: str) -> Workshop | None:
        return next((w for w in self.workshops.get(year, []) if w.slug == slug), None)

    def package(self, year: int, slug: str) -> Package | None:
        return next((p for p in self.packages.get(year, []) if p.slug == slug), None)

    # Indexes for the pages, built on first use: by then loading has finished.
    @cached_property
    def _by_id(self) -> dict[int, Proposal]:
        return {p.id: p for p in self.proposals}

    @cached_property
    def _by_edition(self) -> dict[tuple[int, str | None], list[Proposal]]:
        index: dict[tuple[int, str | None], list[Proposal]] = defaultdict(list)
        for p in self.proposals:
            index[(p.edition, None)].append(p)
            index[(p.edition, p.workshop)].append(p)
        return index

    def proposal(self, number: int) -> Proposal | None:
        return self._by_id.get(number)

    def proposals_of(self, year: int, workshop: str | None = None) -> list[Proposal]:
        return list(self._by_edition.get((year, workshop), []))


def _kind_of(path: str) -> str | None:
    if path == names.SETTINGS_FILE:
        return names.SETTINGS_KIND
    top = PurePosixPath(path).parts[0]
    return top if top in KINDS else None


def _parse_yaml(path: str, text: str, problems: list[Problem]) -> Any:
    data, slips = yamlsyntax.parse(text)
    problems.extend(Problem(path, slip.line, "", slip.message) for slip in slips)
    return data


def _check_location(
    kind: str, rel: str, path: str, item: Strict, text: str, problems: list[Problem]
) -> None:
    """File names carry the identity the site's URLs are built from; they must agree."""

    def add(field: str, message: str) -> None:
        problems.append(Problem(path, line_of(text, (field,)), field, message))

    parts = PurePosixPath(rel).parts
    stem = PurePosixPath(rel).stem
    if isinstance(item, Event | Registrations):
        # one file per edition: <kind>/<year>.yml
        year = item.year if isinstance(item, Event) else item.edition
        field = "year" if isinstance(item, Event) else "edition"
        if stem != str(year):
            add(field, f"vuosi {year} ei vastaa tiedoston nimeä {stem}.yml")
        return
    # one folder per edition: <kind>/<year>/<name>.yml
    edition = getattr(item, "edition", None)
    if len(parts) != 3 or parts[1] != str(edition):
        add("edition", f"tiedoston pitää olla kansiossa {kind}/{edition}/")
    if isinstance(item, Proposal):
        if not stem.startswith(f"{item.id}-") and stem != str(item.id):
            add("id", f"tiedoston nimen pitää alkaa numerolla {item.id}-")
    elif isinstance(item, Workshop | Package) and stem != item.slug:
        add("slug", f"'{item.slug}' ei vastaa tiedoston nimeä {stem}.yml")


def _year_of(rel: str, data: Any) -> int | None:
    """The edition a file belongs to, for examples in its messages."""
    parts = PurePosixPath(rel).parts
    for candidate in (parts[1] if len(parts) > 2 else "", PurePosixPath(rel).stem):
        if candidate.isdigit() and len(candidate) == 4:
            return int(candidate)
    if isinstance(data, dict):
        for key in ("edition", "year"):
            if isinstance(data.get(key), int):
                return int(data[key])
    return None


def load(files: Mapping[str, str], *, display_root: str = "content") -> Content:
    """Validate every file and the references between them; raise `ContentError` with all
    problems at once, or return the content."""
    problems: list[Problem] = []
    # Files that did not load, with their data when the YAML itself was readable: the
    # checks between files skip what such a file may have held, so one slip is one error.
    failed: dict[str, Any] = {}
    content = Content()
    for rel in sorted(files):
        text = files[rel]
        path = f"{display_root}/{rel}"
        kind = _kind_of(rel)
        if kind is None:
            problems.append(
                Problem(
                    path,
                    0,
                    "",
                    "tuntematon kansio: sisältö kuuluu kansioihin "
                    + ", ".join(sorted(KINDS))
                    + f" ja asetukset tiedostoon {names.SETTINGS_FILE}",
                )
            )
            continue
        expected = schema_line(kind, rel)
        if not text.startswith(expected):
            problems.append(Problem(path, 1, "", f"ensimmäisen rivin pitää olla: {expected}"))
        data = _parse_yaml(path, text, problems)
        if data is None:
            failed[rel] = None
            if not any(p.path == path for p in problems):
                problems.append(Problem(path, 1, "", "tiedosto on tyhjä"))
            continue
        try:
            item = model_of(kind).model_validate(data)
        except ValidationError as error:
            year = _year_of(rel, data)
            for loc, message in describe_all(error.errors(), model=model_of(kind), year=year):
                problems.append(Problem(path, line_of(text, loc), field_name(loc), message))
            failed[rel] = data
            continue
        content.sources[id(item)] = rel
        if isinstance(item, SiteSettings):
            content.settings = item
            continue
        _check_location(kind, rel, path, item, text, problems)
        if isinstance(item, Event):
            content.events[item.year] = item
        elif isinstance(item, Workshop):
            content.workshops.setdefault(item.edition, []).append(item)
        elif isinstance(item, Proposal):
            content.proposals.append(item)
        elif isinstance(item, Registrations):
            content.registrations[item.edition] = item
        elif isinstance(item, Package):
            content.packages.setdefault(item.edition, []).append(item)
    problems.extend(_check_references(content, files, failed, display_root))
    problems.extend(_check_sessions(content, files, display_root))
    if not content.events and not problems:
        problems.append(Problem(f"{display_root}/events", 0, "", "yhtään tapahtumaa ei löytynyt"))
    if problems:
        raise ContentError(problems)
    for workshops in content.workshops.values():
        workshops.sort(key=lambda w: (w.order, w.slug))
    content.proposals.sort(key=lambda p: (p.edition, p.id))
    for packages in content.packages.values():
        packages.sort(key=lambda p: p.slug)
    return content


@dataclass
class _Unloaded:
    """What the files that did not load may have held, read from their names and, where
    the YAML was readable, their data."""

    workshop_editions: set[int] = field(default_factory=set)
    event_years: set[int] = field(default_factory=set)
    packages: set[tuple[int, str]] = field(default_factory=set)
    packaged: set[int] = field(default_factory=set)
    any_package_unread: bool = False
    proposals: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, failed: Mapping[str, Any]) -> _Unloaded:
        unloaded = cls()
        for rel, data in failed.items():
            parts = PurePosixPath(rel).parts
            stem = PurePosixPath(rel).stem
            fields = data if isinstance(data, dict) else {}
            year = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None
            if parts[0] == "events" and stem.isdigit():
                unloaded.event_years.add(int(stem))
            elif parts[0] == "workshops" and year is not None:
                unloaded.workshop_editions.add(year)
            elif parts[0] == "packages":
                for slug in (stem, fields.get("slug")):
                    for edition in (year, fields.get("edition")):
                        if isinstance(slug, str) and isinstance(edition, int):
                            unloaded.packages.add((edition, slug))
                numbers = fields.get("proposals")
                if isinstance(numbers, list):
                    unloaded.packaged.update(n for n in numbers if isinstance(n, int))
                else:
                    unloaded.any_package_unread = True
            elif parts[0] == "proposals":
                number = re.match(r"\d+", stem)
                if number:
                    unloaded.proposals.add(int(number.group()))
                if isinstance(fields.get("id"), int):
                    unloaded.proposals.add(fields["id"])
        return unloaded


def _check_references(
    content: Content, files: Mapping[str, str], failed: Mapping[str, Any], root: str
) -> Iterable[Problem]:
    def problem(item: Strict, field: str | tuple[str | int, ...], message: str) -> Problem:
        rel = content.source_of(item)
        loc = (field,) if isinstance(field, str) else field
        return Problem(f"{root}/{rel}", line_of(files[rel], loc), field_name(loc), message)

    def no_workshop(slug: str, year: int) -> str:
        known = [w.slug for w in content.workshops.get(year, [])]
        return f"työpajaa '{slug}' ei ole vuonna {year}{did_you_mean(slug, known)}"

    def no_package(slug: str, year: int) -> str:
        known = [p.slug for p in content.packages.get(year, [])]
        return f"kokonaisuutta '{slug}' ei ole vuonna {year}{did_you_mean(slug, known)}"

    unloaded = _Unloaded.of(failed)
    # An edition with a broken workshop file would make every proposal's workshop look
    # unknown; that file's own error says enough.
    uncertain = unloaded.workshop_editions
    broken_events = unloaded.event_years
    known_years = set(content.events) | broken_events
    proposal_ids = {p.id for p in content.proposals} | unloaded.proposals

    def package_known(year: int, slug: str) -> bool:
        return content.package(year, slug) is not None or (year, slug) in unloaded.packages

    for year, workshops in content.workshops.items():
        by_slug: dict[str, list[Workshop]] = defaultdict(list)
        for workshop in workshops:
            by_slug[workshop.slug].append(workshop)
            if year not in known_years:
                yield problem(workshop, "edition", f"vuoden {year} tapahtumaa ei ole")
        for slug, same in by_slug.items():
            for duplicate in same[1:]:
                first = f"{root}/{content.source_of(same[0])}"
                yield problem(duplicate, "slug", f"'{slug}' on jo käytössä tiedostossa {first}")
    for year, registrations in content.registrations.items():
        if year not in known_years:
            yield problem(registrations, "edition", f"vuoden {year} tapahtumaa ei ole")
            continue
        for index, entry in enumerate(registrations.workshops):
            at = ("workshops", index, "workshop")
            registered_in = content.workshop(year, entry.workshop)
            if registered_in is None and year not in uncertain:
                yield problem(registrations, at, no_workshop(entry.workshop, year))
            elif (
                registered_in
                and registered_in.capacity
                and entry.participants > registered_in.capacity
            ):
                yield problem(
                    registrations,
                    ("workshops", index, "participants"),
                    f"työpajaan '{entry.workshop}' on vahvistettu {entry.participants} "
                    f"paikkaa, mutta siihen mahtuu {registered_in.capacity}",
                )
    packaged: set[int] = set(unloaded.packaged)
    for year, packages in content.packages.items():
        slugs: dict[str, Package] = {}
        for package in packages:
            if package.slug in slugs:
                first = f"{root}/{content.source_of(slugs[package.slug])}"
                yield problem(
                    package, "slug", f"'{package.slug}' on jo käytössä tiedostossa {first}"
                )
            slugs.setdefault(package.slug, package)
            packaged.update(package.proposals)
            if year not in known_years:
                yield problem(package, "edition", f"vuoden {year} tapahtumaa ei ole")
                continue
            for index, slug in enumerate(package.workshops):
                if content.workshop(year, slug) is None and year not in uncertain:
                    yield problem(package, ("workshops", index), no_workshop(slug, year))
            for index, number in enumerate(package.proposals):
                if number not in proposal_ids:
                    yield problem(package, ("proposals", index), f"ehdotusta {number} ei ole")
            origin = package.carried_from
            if origin and not package_known(origin.edition, origin.slug):
                yield problem(
                    package,
                    "carried_from",
                    f"vuoden {origin.edition} {no_package(origin.slug, origin.edition)}",
                )
    for year, workshops in content.workshops.items():
        for workshop in workshops:
            goals = workshop.outcomes.goals if workshop.outcomes else []
            for g, goal in enumerate(goals):
                for index, number in enumerate(goal.proposals):
                    if number not in proposal_ids:
                        yield problem(
                            workshop,
                            ("outcomes", "goals", g, "proposals", index),
                            f"tavoite '{goal.title}': ehdotusta {number} ei ole",
                        )
                for index, slug in enumerate(goal.packages):
                    if not package_known(year, slug):
                        yield problem(
                            workshop,
                            ("outcomes", "goals", g, "packages", index),
                            f"tavoite '{goal.title}': {no_package(slug, year)}",
                        )
    seen: dict[int, Proposal] = {}
    for proposal in content.proposals:
        if (
            proposal.status in PACKAGED_STATUSES
            and proposal.id not in packaged
            and not unloaded.any_package_unread
        ):
            yield problem(
                proposal,
                ("history", len(proposal.history) - 1, "status"),
                f"tila on '{proposal.status.value}', mutta "
                "mikään toimenpidekokonaisuus ei sisällä ehdotusta",
            )
        if proposal.id in seen:
            first = f"{root}/{content.source_of(seen[proposal.id])}"
            yield problem(
                proposal, "id", f"numero {proposal.id} on jo käytössä tiedostossa {first}"
            )
        seen.setdefault(proposal.id, proposal)
        if proposal.edition not in known_years:
            yield problem(proposal, "edition", f"vuoden {proposal.edition} tapahtumaa ei ole")
        elif (
            content.workshop(proposal.edition, proposal.workshop) is None
            and proposal.edition not in uncertain | broken_events
        ):
            yield problem(proposal, "workshop", no_workshop(proposal.workshop, proposal.edition))


def _check_sessions(content: Content, files: Mapping[str, str], root: str) -> Iterable[Problem]:
    """Each edition's sessions against the edition (times, span, deadlines)."""
    for year, event in sorted(content.events.items()):
        for item, where, message in sessions.problems(event, content.workshops.get(year, [])):
            rel = content.source_of(item)
            loc = tuple(where.split("."))
            yield Problem(f"{root}/{rel}", line_of(files[rel], loc), where, message)


def read_content_dir(directory: Path) -> dict[str, str]:
    """The filesystem edge: every `*.yml` below `directory`, keyed by relative POSIX path."""
    files: dict[str, str] = {}
    for path in sorted(directory.rglob("*.y*ml")):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            files[path.relative_to(directory).as_posix()] = path.read_text(encoding="utf-8")
    return files


def resolve_content_dir(configured: str | os.PathLike[str], base: Path) -> Path:
    """The content directory: `TALKOOT_CONTENT_DIR` wins over the configured one."""
    chosen = os.environ.get(CONTENT_DIR_ENV) or configured
    path = Path(chosen)
    return path if path.is_absolute() else (base / path).resolve()


def load_dir(directory: Path, *, display_root: str | None = None) -> Content:
    if not directory.is_dir():
        raise ContentError([Problem(str(directory), 0, "", "sisältökansiota ei löydy")])
    return load(read_content_dir(directory), display_root=display_root or _display(directory))


def _display(directory: Path) -> str:
    try:
        return directory.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(directory)
