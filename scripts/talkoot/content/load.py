"""Load and validate `content/`: YAML text in, a `Content` and every problem out.

The core is `load(files)`, which takes the files as a mapping of relative path to text and
never touches the disk; `read_content_dir` is the filesystem edge.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError

from talkoot.content.model import (
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
from talkoot.content.validation import describe, line_of
from talkoot.exceptions import ContentError, Problem
from talkoot.vocabulary import names

try:  # libyaml is about 9x faster than the pure-Python loader
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - libyaml is in PyYAML's wheels
    from yaml import SafeLoader  # type: ignore[assignment]

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


class _Dumper(yaml.SafeDumper):
    """`yaml.safe_dump` with multi-line text as literal blocks, for readable diffs."""


# Line breaks other than LF, and CR, survive only in double quotes (escaped).
_BLOCK_UNSAFE = re.compile("[\r\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if _BLOCK_UNSAFE.search(value):
        style = '"'  # escaped: plain or single-quoted text would turn NEL, LS, PS into spaces
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(relative_path: str, data: Mapping[str, Any] | Strict) -> str:
    """A content file's text: the schema line, then YAML from an emitter (never from
    string formatting, so no value can break out of its field)."""
    kind = PurePosixPath(relative_path).parts[0]
    if isinstance(data, Strict):
        data = data.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(
        dict(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return f"{schema_line(kind, relative_path)}\n{body}"


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
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(path, line, "", f"YAML-virhe: {reason}"))
        return None


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


def load(files: Mapping[str, str], *, display_root: str = "content") -> Content:
    """Validate every file and the references between them; raise `ContentError` with all
    problems at once, or return the content."""
    problems: list[Problem] = []
    failed: set[str] = set()
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
            failed.add(rel)
            if not any(p.path == path for p in problems):
                problems.append(Problem(path, 1, "", "tiedosto on tyhjä"))
            continue
        try:
            item = model_of(kind).model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc, message = describe(detail)
                problems.append(Problem(path, line_of(text, loc), ".".join(map(str, loc)), message))
            failed.add(rel)
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


def _check_references(
    content: Content, files: Mapping[str, str], failed: set[str], root: str
) -> Iterable[Problem]:
    def problem(item: Strict, field: str, message: str) -> Problem:
        rel = content.source_of(item)
        return Problem(f"{root}/{rel}", line_of(files[rel], (field,)), field, message)

    # An edition with a broken workshop file would make every proposal's workshop look
    # unknown; that file's own error says enough.
    uncertain = {
        int(PurePosixPath(rel).parts[1])
        for rel in failed
        if rel.startswith("workshops/") and PurePosixPath(rel).parts[1].isdigit()
    }
    broken_events = {
        int(PurePosixPath(rel).stem)
        for rel in failed
        if rel.startswith("events/") and PurePosixPath(rel).stem.isdigit()
    }
    known_years = set(content.events) | broken_events
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
        for entry in registrations.workshops:
            registered_in = content.workshop(year, entry.workshop)
            if registered_in is None and year not in uncertain:
                yield problem(
                    registrations, "workshops", f"työpajaa '{entry.workshop}' ei ole vuonna {year}"
                )
            elif (
                registered_in
                and registered_in.capacity
                and entry.participants > registered_in.capacity
            ):
                yield problem(
                    registrations,
                    "workshops",
                    f"työpajaan '{entry.workshop}' on vahvistettu {entry.participants} "
                    f"paikkaa, mutta siihen mahtuu {registered_in.capacity}",
                )
    proposal_ids = {p.id for p in content.proposals}
    packaged: set[int] = set()
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
            for slug in package.workshops:
                if content.workshop(year, slug) is None and year not in uncertain:
                    yield problem(package, "workshops", f"työpajaa '{slug}' ei ole vuonna {year}")
            for number in package.proposals:
                if number not in proposal_ids:
                    yield problem(package, "proposals", f"ehdotusta {number} ei ole")
            origin = package.carried_from
            if origin and content.package(origin.edition, origin.slug) is None:
                yield problem(
                    package,
                    "carried_from",
                    f"vuoden {origin.edition} kokonaisuutta '{origin.slug}' ei ole",
                )
    for year, workshops in content.workshops.items():
        for workshop in workshops:
            for goal in workshop.outcomes.goals if workshop.outcomes else []:
                for number in goal.proposals:
                    if number not in proposal_ids:
                        yield problem(
                            workshop,
                            "outcomes",
                            f"tavoite '{goal.title}': ehdotusta {number} ei ole",
                        )
                for slug in goal.packages:
                    if content.package(year, slug) is None:
                        yield problem(
                            workshop,
                            "outcomes",
                            f"tavoite '{goal.title}': kokonaisuutta '{slug}' ei ole vuonna {year}",
                        )
    seen: dict[int, Proposal] = {}
    for proposal in content.proposals:
        if proposal.status in PACKAGED_STATUSES and proposal.id not in packaged:
            yield problem(
                proposal,
                "history",
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
            yield problem(
                proposal,
                "workshop",
                f"työpajaa '{proposal.workshop}' ei ole vuonna {proposal.edition}",
            )


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
