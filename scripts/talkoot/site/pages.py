"""Turn content into pages: a path and its Markdown (or bytes), nothing else.

This is the core of the site. It knows nothing of MkDocs: the MkDocs plugin adds these
pages to a build, and `talkoot export` writes them to a folder for another engine. The
seams: names and URLs are `talkoot.vocabulary.names`, the page context is
`talkoot.site.context`, assembly and escaping are `talkoot.site.render`; this module
decides which pages there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from talkoot.content.load import Content
from talkoot.content.model import Proposal, ProposalStatus
from talkoot.content.publication import PUBLIC_STATUSES
from talkoot.site import brand, calendar, charts, feeds, opendata, records, render
from talkoot.site.context import SiteContext, SiteInfo
from talkoot.site.render import Page
from talkoot.site.share import TITLES as SHARE_TITLES
from talkoot.site.share import ShareKind
from talkoot.site.share import image as share_image
from talkoot.vocabulary import fi, names, words

PROPOSAL_META = {"search": {"exclude": True}}
# Pages with fewer sections than this show no table of contents.
TOC_MIN_SECTIONS = 5
_SECTION_HEADINGS = re.compile(r"^(?:## |<h2[ >])", re.MULTILINE)

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


class Site:
    """Renders every page of the site from the published content."""

    def __init__(self, content: Content, info: SiteInfo) -> None:
        """`content` is what may be published (`talkoot.content.publication.published`)."""
        self.content = content
        self.info = info
        self.context = SiteContext(content, info)
        self.env = render.environment()

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
            editions=self.context.editions_newest_first(),
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
            self.context.edition_summary(self.content.current),
            is_home=True,
            **self.context.edition(year),
        )

    def _generate_edition(self, year: int) -> Iterator[Page]:
        event = self.content.events[year]
        context = self.context.edition(year)
        yield self._render(
            names.edition(year),
            "edition.md.j2",
            event.name,
            self.context.edition_summary(event),
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
                    url=self.context.absolute(names.workshop(year, workshop.slug)),
                    stamp=self.info.now,
                ),
            )
        yield self._render(
            names.proposals(year),
            "proposals.md.j2",
            f"Kehittämisehdotukset {year}",
            f"Yritysten kehittämisehdotukset {year} työpajoittain ja tiloittain.",
            groups=self.context.proposal_groups(year),
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
                proposal_packages=self.context.packages_of_proposal.get(proposal.id, []),
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
                url=self.context.absolute(names.edition(year)),
                stamp=self.info.now,
                session_urls={
                    w.slug: self.context.absolute(names.workshop(year, w.slug))
                    for w in context["workshops"]
                },
            ),
        )

    def _generate_packages(self, year: int) -> Iterator[Page]:
        context = self.context.edition(year)
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
                    p for n in package.proposals if (p := self.content.proposal(n)) is not None
                ],
                origin=self.content.package(origin.edition, origin.slug) if origin else None,
                successor=self.context.carried_forward.get((year, package.slug)),
                **context,
            )

    def _generate_results(self, year: int) -> Page:
        context = self.context.edition(year)
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

    def _feeds(self, proposals: list[Proposal]) -> tuple[list[feeds.Entry], list[feeds.Entry]]:
        return records.feed_entries(proposals, self.info.site_url, self.context.absolute)

    def _generate_feeds(self) -> Iterator[Page]:
        proposals = self.content.proposals
        author = self.content.current.organiser.name
        new, changes = self._feeds(proposals)
        for path, title, entries in (
            (names.feed(names.FEED_NEW), "Uudet kehittämisehdotukset", new),
            (names.feed(names.FEED_CHANGES), "Kehittämisehdotusten tilamuutokset", changes),
        ):
            yield Page(
                path,
                feeds.atom(
                    feed_id=self.context.absolute(path),
                    title=f"{title} – {self.content.settings.name}",
                    url=self.info.site_url,
                    self_url=self.context.absolute(path),
                    author=author,
                    entries=entries,
                ),
            )
        for year, workshops in self.content.workshops.items():
            for workshop in workshops:
                mine = [p for p in proposals if p.edition == year and p.workshop == workshop.slug]
                new, changes = self._feeds(mine)
                for kind, title, entries in (
                    (names.FEED_NEW, "Uudet ehdotukset", new),
                    (names.FEED_CHANGES, "Tilamuutokset", changes),
                ):
                    path = names.workshop_feed(year, workshop.slug, kind)
                    yield Page(
                        path,
                        feeds.atom(
                            feed_id=self.context.absolute(path),
                            title=f"{title}: {workshop.name} {year} – {self.content.settings.name}",
                            url=self.context.absolute(names.workshop(year, workshop.slug)),
                            self_url=self.context.absolute(path),
                            author=author,
                            entries=entries,
                        ),
                    )

    def _generate_open_data(self) -> Iterator[Page]:
        updated = self.info.now.date()
        proposals, packages = records.open_data_records(
            self.content, self.context.packages_of_proposal, self.context.absolute
        )
        for name, dataset, key in (
            ("ehdotukset", proposals, lambda r: (r.edition, r.id)),
            ("toimenpidekokonaisuudet", packages, lambda r: (r.edition, r.slug)),
        ):
            for path, data in opendata.dataset_files(
                name, dataset, base_url=self.info.site_url, updated=updated, sort_key=key
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
        context.setdefault("site", self.context)
        body = self.env.get_template(template).render(page_path=path, **context)
        meta = dict(meta or {})
        kind = _share_kind(path, template)
        meta["share_image"] = names.share_image(kind)
        meta["share_image_alt"] = str(
            render.text(f"{SHARE_TITLES[kind]} – {self.content.settings.name}")
        )
        if len(_SECTION_HEADINGS.findall(body)) < TOC_MIN_SECTIONS:
            # A short page needs no table of contents beside it
            meta["hide"] = ["toc"]
        return Page(path, render.front_matter(title, description, **meta) + body)

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
