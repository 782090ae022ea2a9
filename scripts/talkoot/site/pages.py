"""Turn content into pages: a path and its Markdown (or bytes), nothing else.

This is the core of the site. It knows nothing of MkDocs: the MkDocs hook adds these pages
to a build today, and another edge could write them to a folder tomorrow.

Everything taken from content is shown as text. The templates' `finalize` escapes every
interpolated value for HTML *and* Markdown, and multi-line text is written as one-line HTML
blocks, so no Markdown, HTML, snippet or template syntax in a submission is interpreted.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from talkoot.site import calendar

from talkoot.site import charts

from talkoot.site import feeds

from talkoot.vocabulary import characters, fi, names, words

from talkoot.site import opendata
from talkoot.content import sessions
from talkoot.content.load import Content
from talkoot.content.publication import PUBLIC_STATUSES
from talkoot.site import brand
from talkoot.site.share import TITLES as SHARE_TITLES
from talkoot.site.share import ShareKind
from talkoot.site.share import image as share_image
from talkoot.site.phase import Phase, phase_of
from talkoot.submissions import email
from talkoot.submissions.issueform import prefill_url
from talkoot.content.model import (
    Attendance,
    CityRole,
    Event,
    EventStatus,
    Package,
    PackageStatus,
    Place,
    Proposal,
    ProposalStatus,
    Workshop,
)

TEMPLATES = Path(__file__).parent / "templates" / "pages"

PROPOSAL_META = {"search": {"exclude": True}}

# Invisible controls are dropped (talkoot.vocabulary.characters), markup characters escaped.
_HTML_TABLE = {
    **characters.DROP_TABLE,
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&#34;",
    ord("'"): "&#39;",
}
# Characters with a meaning in Markdown or its extensions (emphasis, links, tables,
# snippets `--8<--`, attribute lists `{: }`) become entities. Syntax that only works at
# the start of a line (lists, headings) cannot occur: templates never start a line with a value.
_MARKDOWN_TABLE = {
    **_HTML_TABLE,
    **{ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~^"},
}


# Pages with fewer sections than this show no table of contents.
TOC_MIN_SECTIONS = 5
_SECTION_HEADINGS = re.compile(r"^(?:## |<h2[ >])", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def html_text(value: object) -> str:
    """HTML-escape, without the invisible controls."""
    return str(value).translate(_HTML_TABLE)


def text(value: object) -> Markup:
    """HTML- and Markdown-escape a value for one line of output."""
    if isinstance(value, Markup):
        return value
    # Joining on single spaces: no newline may start a Markdown block.
    return Markup(" ".join(str(value).translate(_MARKDOWN_TABLE).split()))


def paragraphs(value: str | None) -> Markup:
    """Multi-line text as `<p>` elements, each on one physical line.

    A line that starts with `<p>` opens a raw HTML block, which Markdown passes through
    untouched and no line-based extension (snippets, admonitions) can match inside, so
    HTML escaping is enough here.
    """
    if not value:
        return Markup("")
    blocks = _BLANK_LINES.split(html_text(value.replace("\r\n", "\n").replace("\r", "\n")).strip())
    return Markup(
        "\n".join(
            "<p>" + "<br>".join(line.strip() for line in block.split("\n")) + "</p>"
            for block in blocks
        )
    )


def map_url(event: Event) -> str:
    """A plain link to the place on OpenStreetMap: no embedded map, no third-party request."""
    place = event.place
    query = f"{place.street_address}, {place.postal_code} {place.locality}"
    return "https://www.openstreetmap.org/search?query=" + quote(query, safe="")


_SHARE_KINDS = {
    "edition.md.j2": ShareKind.EDITION,
    "workshop.md.j2": ShareKind.WORKSHOP,
    "proposal.md.j2": ShareKind.PROPOSAL,
    "package.md.j2": ShareKind.PACKAGE,
    "results.md.j2": ShareKind.RESULTS,
}


def _share_kind(path: str, template: str) -> ShareKind:
    if path == names.home():
        return ShareKind.HOME
    return _SHARE_KINDS.get(template, ShareKind.OTHER)


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site's docs, e.g. "2023/tyopajat/teollisuus.md"
    content: str | bytes


@dataclass(frozen=True)
class SiteInfo:
    site_url: str  # ends with "/"
    repo_url: str | None  # GitHub repository of the issue forms
    now: dt.datetime


def _front_matter(title: str, description: str, **extra: Any) -> str:
    # Material writes page.meta values into the HTML unescaped, so they are escaped here.
    # JSON scalars are YAML too, and much cheaper to emit than with a YAML emitter.
    meta = {"title": str(text(title)), "description": str(text(description)), **extra}
    lines = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
    )
    return f"---\n{lines}---\n\n"


def _json_ld(data: dict[str, Any]) -> Markup:
    # "<" as \u003c keeps "</script>" and "<!--" in values from ending the block.
    payload = json.dumps(characters.clean_data(data), ensure_ascii=False, indent=None)
    payload = payload.replace("<", "\\u003c")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(payload))


@lru_cache(maxsize=4096)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> Markup:
    """A Markdown link target relative to the current file (MkDocs checks and rewrites it)."""
    here = posixpath.dirname(context["page_path"])
    return Markup(_relative(target, here or "."))


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> Markup:
    """A URL for raw HTML, relative to the current page's URL."""
    here = names.url(context["page_path"])
    url = names.url(target)
    relative = _relative(url or ".", here or ".")
    if url.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return Markup(escape(relative))


def _url(value: object) -> Markup:
    """An http(s) URL for an attribute or a Markdown link target; anything else is refused."""
    url = str(value)
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return Markup(escape(quote(url, safe=":/?#@!$&'*+,;=%~")))


_EVENT_STATUS: dict[EventStatus | None, str] = {
    None: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}
_ATTENDANCE: dict[Attendance, str] = {
    Attendance.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def _place_json_ld(place: Place) -> dict[str, Any]:
    return {
        "@type": "Place",
        "name": place.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.street_address,
            "postalCode": place.postal_code,
            "addressLocality": place.locality,
            "addressCountry": "FI",
        },
    }


def _capitalize_first(value: str) -> Markup:
    """`Verkossa (Microsoft Teams)`: the first letter only, the rest as it was."""
    markup = value if isinstance(value, Markup) else text(value)
    return Markup(markup[:1].upper() + markup[1:])


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # finalize escapes every value for HTML and Markdown; autoescape then leaves the
        # resulting Markup alone and keeps macro output from being escaped twice.
        autoescape=True,
        finalize=text,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(link=_link, href=_href, names=names, Phase=Phase)
    env.filters.update(
        paragraphs=paragraphs,
        url=_url,
        date=fi.date,
        weekday_date=fi.weekday_date,
        long_date=fi.long_date,
        month=fi.month,
        when=fi.when,
        time_range=fi.time_range,
        status_label=words.PROPOSAL_STATUS.__getitem__,
        package_status_label=words.PACKAGE_STATUS.__getitem__,
        event_status_label=words.EVENT_STATUS.__getitem__,
        span=fi.span,
        capitalize_first=_capitalize_first,
        city_role_label=words.CITY_ROLE.__getitem__,
    )
    return env


class Site:
    """Resolves URLs and renders every page of the site from the content."""

    def __init__(self, content: Content, info: SiteInfo) -> None:
        """`content` is what may be published (`talkoot.publication.published`)."""
        self.content = content
        self.info = info
        self.env = _environment()
        self._contexts: dict[int, dict[str, Any]] = {}
        self.packages_of_proposal: dict[int, list[Package]] = {}
        self.carried_forward: dict[tuple[int, str], Package] = {}
        for packages in content.packages.values():
            for package in packages:
                for number in package.proposals:
                    self.packages_of_proposal.setdefault(number, []).append(package)
                if package.carried_from:
                    origin = package.carried_from
                    self.carried_forward[(origin.edition, origin.slug)] = package

    # -- URLs (relative to the site root, for links between pages) ----------------------

    def absolute(self, path: str) -> str:
        """The absolute URL of a page (`names.proposal(...)`) or file."""
        return self.info.site_url + names.url(path)

    def issue_form_url(self, template: str, title: str | None = None, **values: str) -> str | None:
        """A link to the issue form with what GitHub's URL parameters can prefill."""
        if not self.info.repo_url:
            return None
        return prefill_url(f"{self.info.repo_url.rstrip('/')}/issues", template, values, title)

    def email_url(self, form: str) -> Markup:
        """A `mailto:` link to the current edition's contact with the form's questions
        (`talkoot.submissions.email`): the fallback without a GitHub account."""
        return Markup(escape(email.mailto_url(self.content.current.contact.email, form)))

    # -- what is public: all of `content` (talkoot.content.publication) -----------------

    def phase(self, event: Event) -> Phase:
        """Where the edition is as of the build's now (`talkoot.site.phase`)."""
        return phase_of(
            event,
            self.info.now,
            results_published=bool(self.content.packages.get(event.year)),
            sessions=sessions.sessions(event, self.content.workshops.get(event.year, [])),
        )

    def registration_open(self, event: Event) -> bool:
        return event.status is None and self.phase(event) == Phase.REGISTRATION_OPEN

    # -- pages ------------------------------------------------------------------------

    def generate(self) -> Iterator[Page]:
        settings = self.content.settings
        yield Page(names.logo(), brand.logo_svg(settings))
        yield Page(names.favicon(), brand.favicon_svg(settings))
        yield Page(names.brand_stylesheet(), brand.stylesheet(settings))
        for kind in ShareKind:
            yield Page(names.share_image(kind), share_image(settings, kind))
        yield from self._generate_home()
        yield self._generate_contact()
        for year in sorted(self.content.events, reverse=True):
            yield from self._generate_edition(year)
            yield from self._generate_packages(year)
            yield self._generate_results(year)
        yield self._render(
            names.archive(),
            "archive.md.j2",
            "Arkisto",
            "Tulevaisuuden suunnittelutalkoiden aiemmat vuodet ja niiden tulokset.",
            editions=self._editions_newest_first(),
        )
        yield from self._generate_feeds()
        yield from self._generate_open_data()

    def _generate_contact(self) -> Page:
        event = self.content.current
        return self._render(
            names.contact(),
            "contact.md.j2",
            "Yhteystiedot",
            f"{event.name}: järjestäjän yhteystiedot ja ohjeet ilman GitHub-tunnusta.",
            event=event,
        )

    def _generate_home(self) -> Iterator[Page]:
        year = self.content.current_year
        yield self._render(
            names.home(),
            "edition.md.j2",
            self.content.current.name,
            self._edition_summary(self.content.current),
            is_home=True,
            **self._edition_context(year),
        )

    def _generate_edition(self, year: int) -> Iterator[Page]:
        event = self.content.events[year]
        context = self._edition_context(year)
        yield self._render(
            names.edition(year),
            "edition.md.j2",
            event.name,
            self._edition_summary(event),
            is_home=False,
            **context,
        )
        yield self._render(
            names.programme(year),
            "programme.md.j2",
            f"Ohjelma {year}",
            f"{event.name}: tilaisuudet {fi.span(event.start, event.end)}."
            if context["own_days"]
            else f"{event.name}: ohjelma {fi.weekday_date(event.start)}.",
            **context,
        )
        yield self._render(
            names.registration(year),
            "registration.md.j2",
            f"Ilmoittautuminen {year}",
            f"Näin ilmoittaudut: {event.name}, "
            + (
                f"ilmoittautuminen viimeistään {fi.date(event.registration.deadline)}."
                if context["shared_registration"]
                else "ilmoittautumisajat tilaisuuksittain."
            ),
            **context,
        )
        yield self._render(
            names.workshops(year),
            "workshops.md.j2",
            f"Työpajat {year}",
            f"{event.name}: {len(context['workshops'])} toimialakohtaista työpajaa.",
            **context,
        )
        for workshop in context["workshops"]:
            yield self._render(
                names.workshop(year, workshop.slug),
                "workshop.md.j2",
                f"{workshop.name} – työpaja {year}",
                workshop.description,
                workshop=workshop,
                workshop_proposals=self.content.proposals_of(year, workshop.slug),
                workshop_packages=[p for p in context["packages"] if workshop.slug in p.workshops],
                **context,
            )
            yield Page(
                names.workshop_calendar(year, workshop.slug),
                calendar.session_calendar(
                    context["session_of"][workshop.slug],
                    url=self.absolute(names.workshop(year, workshop.slug)),
                    stamp=self.info.now,
                ),
            )
        yield self._render(
            names.proposals(year),
            "proposals.md.j2",
            f"Kehittämisehdotukset {year}",
            f"Yritysten kehittämisehdotukset {year} työpajoittain ja tiloittain.",
            groups=self._proposal_groups(year),
            **context,
        )
        for proposal in context["proposals"]:
            yield self._render(
                names.proposal(year, proposal.id),
                "proposal.md.j2",
                proposal.title,
                f"Kehittämisehdotus {year}: {proposal.challenge[:140]}",
                proposal=proposal,
                workshop=self.content.workshop(year, proposal.workshop),
                proposal_packages=self.packages_of_proposal.get(proposal.id, []),
                # Every title is indexed on the proposals pages; indexing each proposal as
                # well would grow the search index (and the phone's download) with their
                # number, like the navigation used to.
                meta=PROPOSAL_META,
                **context,
            )
        yield Page(
            names.edition_calendar(year),
            calendar.edition_calendar(
                event,
                context["sessions"],
                url=self.absolute(names.edition(year)),
                stamp=self.info.now,
                session_urls={
                    w.slug: self.absolute(names.workshop(year, w.slug))
                    for w in context["workshops"]
                },
            ),
        )

    def _generate_packages(self, year: int) -> Iterator[Page]:
        context = self._edition_context(year)
        yield self._render(
            names.packages(year),
            "packages.md.j2",
            f"Toimenpidekokonaisuudet {year}",
            f"Vuoden {year} talkoiden toimenpidekokonaisuudet ja niiden edistyminen.",
            **context,
        )
        for package in context["packages"]:
            origin = package.carried_from
            yield self._render(
                names.package(year, package.slug),
                "package.md.j2",
                package.title,
                f"Toimenpidekokonaisuus {year}: {package.description[:140]}",
                package=package,
                package_workshops=[w for w in context["workshops"] if w.slug in package.workshops],
                package_proposals=[
                    p
                    for n in package.proposals
                    if (p := self.content.proposal(n)) is not None
                ],
                origin=self.content.package(origin.edition, origin.slug) if origin else None,
                successor=self.carried_forward.get((year, package.slug)),
                **context,
            )

    def _generate_results(self, year: int) -> Page:
        context = self._edition_context(year)
        statuses = [s for s in ProposalStatus if s in PUBLIC_STATUSES]
        series = [
            charts.Series(words.PROPOSAL_STATUS[s], charts.PALETTE[i % len(charts.PALETTE)])
            for i, s in enumerate(statuses)
        ]
        rows = []
        for workshop in context["workshops"]:
            proposals = self.content.proposals_of(year, workshop.slug)
            rows.append((workshop.name, [sum(p.status == s for p in proposals) for s in statuses]))
        total = sum(sum(values) for _, values in rows)
        proposals_chart = (
            charts.stacked_bars(
                f"ehdotukset-{year}",
                rows,
                series,
                title=f"Ehdotukset {year} työpajoittain ja tiloittain",
                description=f"{total} julkaistua ehdotusta; sama tieto on kaavion alla taulukkona.",
                caption="Ehdotusten määrät työpajoittain, väreinä tilat.",
            )
            if total
            else None
        )
        packages = context["packages"]
        progress_chart = (
            charts.progress_bars(
                f"kokonaisuudet-{year}",
                [(p.title, p.progress) for p in packages],
                title=f"Toimenpidekokonaisuuksien edistyminen {year}",
                description="Kunkin kokonaisuuden edistyminen prosentteina; sama tieto on kaavion "
                "alla taulukkona.",
                caption="Toimenpidekokonaisuuksien edistyminen.",
            )
            if packages
            else None
        )
        return self._render(
            names.results(year),
            "results.md.j2",
            f"Tulokset {year}",
            f"Vuoden {year} talkoiden tulokset yhdellä silmäyksellä: ehdotukset ja "
            "toimenpidekokonaisuudet.",
            statuses=statuses,
            status_rows=rows,
            total=total,
            proposals_chart=Markup(proposals_chart) if proposals_chart else None,
            progress_chart=Markup(progress_chart) if progress_chart else None,
            **context,
        )

    def _feed_entries(
        self, proposals: list[Proposal]
    ) -> tuple[list[feeds.Entry], list[feeds.Entry]]:
        host = urlsplit(self.info.site_url).hostname or "talkoot.invalid"
        published, changes = [], []
        for proposal in proposals:
            url = self.absolute(names.proposal(proposal.edition, proposal.id))
            tag = f"tag:{host},{proposal.edition}:ehdotus/{proposal.id}"
            public = [c for c in proposal.history if c.status in PUBLIC_STATUSES]
            if not public:
                continue
            published.append(
                feeds.Entry(tag, proposal.title, url, public[0].date, proposal.challenge[:400])
            )
            for index, change in enumerate(public[1:], start=1):
                changes.append(
                    feeds.Entry(
                        f"{tag}/{index}",
                        f"{proposal.title}: {words.PROPOSAL_STATUS[change.status]}",
                        url,
                        change.date,
                        change.note or words.PROPOSAL_STATUS[change.status],
                    )
                )
        return published, changes

    def _generate_feeds(self) -> Iterator[Page]:
        proposals = self.content.proposals
        author = self.content.current.organiser.name
        new, changes = self._feed_entries(proposals)
        for path, title, entries in (
            (names.feed(names.FEED_NEW), "Uudet kehittämisehdotukset", new),
            (names.feed(names.FEED_CHANGES), "Kehittämisehdotusten tilamuutokset", changes),
        ):
            yield Page(
                path,
                feeds.atom(
                    feed_id=self.absolute(path),
                    title=f"{title} – {self.content.settings.name}",
                    url=self.info.site_url,
                    self_url=self.absolute(path),
                    author=author,
                    entries=entries,
                ),
            )
        for year, workshops in self.content.workshops.items():
            for workshop in workshops:
                mine = [p for p in proposals if p.edition == year and p.workshop == workshop.slug]
                new, changes = self._feed_entries(mine)
                for kind, title, entries in (
                    (names.FEED_NEW, "Uudet ehdotukset", new),
                    (names.FEED_CHANGES, "Tilamuutokset", changes),
                ):
                    path = names.workshop_feed(year, workshop.slug, kind)
                    yield Page(
                        path,
                        feeds.atom(
                            feed_id=self.absolute(path),
                            title=f"{title}: {workshop.name} {year} – {self.content.settings.name}",
                            url=self.absolute(names.workshop(year, workshop.slug)),
                            self_url=self.absolute(path),
                            author=author,
                            entries=entries,
                        ),
                    )

    def _generate_open_data(self) -> Iterator[Page]:
        updated = self.info.now.date()
        proposals = [
            opendata.ProposalRecord(
                id=p.id,
                edition=p.edition,
                workshop=p.workshop,
                workshop_name=w.name if (w := self.content.workshop(p.edition, p.workshop)) else "",
                title=p.title,
                challenge=p.challenge,
                action=p.action,
                impact=p.impact,
                city_role=p.city_role.value,
                organisation=p.organisation,
                status=p.status.value,
                status_date=p.updated,
                submitted=p.submitted,
                packages=[f"{k.edition}/{k.slug}" for k in self.packages_of_proposal.get(p.id, [])],
                url=self.absolute(names.proposal(p.edition, p.id)),
            )
            for p in self.content.proposals
        ]
        packages = [
            opendata.PackageRecord(
                edition=k.edition,
                slug=k.slug,
                title=k.title,
                description=k.description,
                workshops=list(k.workshops),
                proposals=list(k.proposals),
                city_role=k.city_role.value,
                responsible_unit=k.responsible_unit,
                status=k.status.value,
                progress=k.progress,
                completed=k.completed,
                carried_from=f"{k.carried_from.edition}/{k.carried_from.slug}"
                if k.carried_from
                else None,
                url=self.absolute(names.package(k.edition, k.slug)),
            )
            for packages in self.content.packages.values()
            for k in packages
        ]
        for name, records, key in (
            ("ehdotukset", proposals, lambda r: (r.edition, r.id)),
            ("toimenpidekokonaisuudet", packages, lambda r: (r.edition, r.slug)),
        ):
            for path, data in opendata.dataset_files(
                name, records, base_url=self.info.site_url, updated=updated, sort_key=key
            ).items():
                yield Page(path, data)
        yield self._render(
            names.open_data(),
            "opendata.md.j2",
            "Avoin data",
            "Kehittämisehdotukset ja toimenpidekokonaisuudet avoimena datana (JSON ja CSV, "
            "CC BY 4.0).",
            datasets=[
                (name, title, opendata.field_table(model))
                for name, (title, model) in opendata.DATASETS.items()
            ],
            licence=opendata.LICENCE,
            licence_url=opendata.LICENCE_URL,
            csv_note=opendata.CSV_NOTE,
            proposal_count=len(proposals),
            package_count=len(packages),
        )

    # -- context ----------------------------------------------------------------------

    def _edition_context(self, year: int) -> dict[str, Any]:
        """The same for every page of a year, so computed once per year."""
        if year not in self._contexts:
            self._contexts[year] = self._resolve_edition_context(year)
        return self._contexts[year]

    def _resolve_edition_context(self, year: int) -> dict[str, Any]:
        event = self.content.events[year]
        proposals = self.content.proposals_of(year)
        latest = sorted(proposals, key=lambda p: (p.updated, p.id), reverse=True)[:5]
        workshops = self.content.workshops.get(year, [])
        resolved = sessions.sessions(event, workshops)
        return {
            "site": self,
            "event": event,
            "year": year,
            "is_current": year == self.content.current_year,
            "workshops": self.content.workshops.get(year, []),
            "proposals": proposals,
            "latest_proposals": latest,
            "registration_open": self.registration_open(event),
            "phase": self.phase(event),
            "map_url": map_url(event),
            "calendar_file": names.edition_calendar(year),
            "json_ld": _json_ld(self._event_json_ld(event, resolved)),
            "registrations": self._registrations_by_workshop(year),
            "packages": self.content.packages.get(year, []),
            # sessions: the workshops with their own or inherited time, place and registration
            "sessions": resolved,
            "session_of": {s.workshop.slug: s for s in resolved},
            "own_days": sessions.own_days(resolved),
            "shared_registration": all(w.registration is None for w in workshops),
            "shared_place": all(s.place == event.place and s.online is None for s in resolved),
            "today": self.info.now.date(),
        }

    def _registrations_by_workshop(self, year: int) -> dict[str, Any]:
        registrations = self.content.registrations.get(year)
        if registrations is None:
            return {}
        return {entry.workshop: entry for entry in registrations.workshops}

    def _edition_summary(self, event: Event) -> str:
        context = self._edition_context(event.year)
        if context["own_days"] or not context["shared_place"]:
            return (
                f"{event.name}: {len(context['sessions'])} toimialojen tilaisuutta "
                f"{fi.span(event.start, event.end)}. {event.audience}"
            )
        return (
            f"{event.name} {fi.when(event.start, event.end)}, {event.place.name}, "
            f"{event.place.locality}. {event.audience}"
        )

    def _editions_newest_first(self) -> list[dict[str, Any]]:
        return [
            {
                "event": self.content.events[year],
                "workshops": self.content.workshops.get(year, []),
                "own_days": self._edition_context(year)["own_days"],
                "shared_place": self._edition_context(year)["shared_place"],
                "proposal_count": len(self.content.proposals_of(year)),
                "is_current": year == self.content.current_year,
            }
            for year in sorted(self.content.events, reverse=True)
        ]

    def _proposal_groups(self, year: int) -> list[dict[str, Any]]:
        groups = []
        for workshop in self.content.workshops.get(year, []):
            proposals = self.content.proposals_of(year, workshop.slug)
            by_status = [
                (status, [p for p in proposals if p.status == status])
                for status in ProposalStatus
                if status in PUBLIC_STATUSES
            ]
            groups.append(
                {
                    "workshop": workshop,
                    "count": len(proposals),
                    "by_status": [(s, ps) for s, ps in by_status if ps],
                }
            )
        return groups

    def _event_json_ld(self, event: Event, resolved: list[sessions.Session]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.name,
            "description": event.description,
            "startDate": event.start.isoformat(),
            "endDate": event.end.isoformat(),
            "eventStatus": _EVENT_STATUS[event.status],
            "eventAttendanceMode": _ATTENDANCE[sessions.attendance(resolved)],
            "inLanguage": "fi",
            "isAccessibleForFree": True,
            "url": self.absolute(names.edition(event.year)),
            "location": _place_json_ld(event.place),
            "organizer": {"@type": "Organization", "name": event.organiser.name},
        }
        if event.organiser.url:
            data["organizer"]["url"] = str(event.organiser.url)
        # Sessions that differ from the edition in time, place or status are events of
        # their own; an afternoon of parallel workshops is described by the edition.
        if any(
            s.own_time or s.place != event.place or s.online or s.workshop.status
            for s in resolved
        ):
            data["subEvent"] = [self._session_json_ld(s) for s in resolved]
        return data

    def _session_json_ld(self, session: sessions.Session) -> dict[str, Any]:
        locations: list[dict[str, Any]] = []
        if session.place is not None:
            locations.append(_place_json_ld(session.place))
        if session.online is not None:
            virtual: dict[str, Any] = {"@type": "VirtualLocation", "name": session.online.platform}
            if session.online.url:
                virtual["url"] = str(session.online.url)
            locations.append(virtual)
        event = session.event
        return {
            "@type": "Event",
            "name": f"{session.workshop.name} – {event.name}",
            "startDate": session.start.isoformat(),
            "endDate": session.end.isoformat(),
            "eventStatus": _EVENT_STATUS[session.status],
            "eventAttendanceMode": _ATTENDANCE[session.attendance],
            "location": locations[0] if len(locations) == 1 else locations,
            "url": self.absolute(names.workshop(event.year, session.workshop.slug)),
        }

    def _render(
        self,
        path: str,
        template: str,
        title: str,
        description: str,
        *,
        meta: dict[str, Any] | None = None,
        **context: Any,
    ) -> Page:
        context.setdefault("settings", self.content.settings)
        context.setdefault("site", self)
        body = self.env.get_template(template).render(page_path=path, **context)
        meta = dict(meta or {})
        kind = _share_kind(path, template)
        meta["share_image"] = names.share_image(kind)
        meta["share_image_alt"] = str(text(f"{SHARE_TITLES[kind]} – {self.content.settings.name}"))
        if len(_SECTION_HEADINGS.findall(body)) < TOC_MIN_SECTIONS:
            # A short page needs no table of contents beside it
            meta["hide"] = ["toc"]
        return Page(path, _front_matter(title, description, **meta) + body)

    # -- navigation -------------------------------------------------------------------

    def nav(self) -> list[Any]:
        """The navigation: a handful of entries, whatever the number of proposals."""
        year = self.content.current_year
        return [
            {"Etusivu": names.home()},
            {"Ohjelma": names.programme(year)},
            {"Työpajat": names.workshops(year)},
            {"Ilmoittautuminen": names.registration(year)},
            {"Ehdotukset": names.proposals(year)},
            {"Toimenpiteet": names.packages(year)},
            {"Tulokset": names.results(year)},
            {"Arkisto": names.archive()},
            {"Avoin data": names.open_data()},
        ]
