"""What every page of an edition is rendered with, and the links between pages: the
site's page context, computed once per edition from the published content.

`SiteContext` is what the templates know as `site`: links (`absolute`, the issue-form and
email links), the edition's phase, and the indexes between proposals and packages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from talkoot.content import sessions
from talkoot.content.load import Content
from talkoot.content.model import Event, Package, ProposalStatus
from talkoot.content.publication import PUBLIC_STATUSES
from talkoot.site import jsonld, render
from talkoot.site.phase import Phase, phase_of
from talkoot.submissions import email
from talkoot.submissions.issueform import prefill_url
from talkoot.vocabulary import fi, names


@dataclass(frozen=True)
class SiteInfo:
    site_url: str  # ends with "/"
    repo_url: str | None  # GitHub repository of the issue forms
    now: dt.datetime


def map_url(event: Event) -> str:
    """A plain link to the place on OpenStreetMap: no embedded map, no third-party request."""
    place = event.place
    query = f"{place.street_address}, {place.postal_code} {place.locality}"
    return "https://www.openstreetmap.org/search?query=" + quote(query, safe="")


class SiteContext:
    """The published content (`talkoot.content.publication.published`) with the build's
    settings, as the templates and the page generation use it."""

    def __init__(self, content: Content, info: SiteInfo) -> None:
        self.content = content
        self.info = info
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

    # -- links (relative to the site root, for links between pages) ----------------------

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

    # -- where the edition is ------------------------------------------------------------

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

    # -- the page context -----------------------------------------------------------------

    def edition(self, year: int) -> dict[str, Any]:
        """The same for every page of a year, so computed once per year."""
        if year not in self._contexts:
            self._contexts[year] = self._resolve_edition(year)
        return self._contexts[year]

    def _resolve_edition(self, year: int) -> dict[str, Any]:
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
            "json_ld": render.json_ld(jsonld.event_json_ld(event, resolved, self.absolute)),
            "registrations": self.registrations_by_workshop(year),
            "packages": self.content.packages.get(year, []),
            # sessions: the workshops with their own or inherited time, place and registration
            "sessions": resolved,
            "session_of": {s.workshop.slug: s for s in resolved},
            "own_days": sessions.own_days(resolved),
            "shared_registration": all(w.registration is None for w in workshops),
            "shared_place": all(s.place == event.place and s.online is None for s in resolved),
            "today": self.info.now.date(),
        }

    def registrations_by_workshop(self, year: int) -> dict[str, Any]:
        registrations = self.content.registrations.get(year)
        if registrations is None:
            return {}
        return {entry.workshop: entry for entry in registrations.workshops}

    def edition_summary(self, event: Event) -> str:
        context = self.edition(event.year)
        if context["own_days"] or not context["shared_place"]:
            return (
                f"{event.name}: {len(context['sessions'])} toimialojen tilaisuutta "
                f"{fi.span(event.start, event.end)}. {event.audience}"
            )
        return (
            f"{event.name} {fi.when(event.start, event.end)}, {event.place.name}, "
            f"{event.place.locality}. {event.audience}"
        )

    def editions_newest_first(self) -> list[dict[str, Any]]:
        return [
            {
                "event": self.content.events[year],
                "workshops": self.content.workshops.get(year, []),
                "own_days": self.edition(year)["own_days"],
                "shared_place": self.edition(year)["shared_place"],
                "proposal_count": len(self.content.proposals_of(year)),
                "is_current": year == self.content.current_year,
            }
            for year in sorted(self.content.events, reverse=True)
        ]

    def proposal_groups(self, year: int) -> list[dict[str, Any]]:
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
