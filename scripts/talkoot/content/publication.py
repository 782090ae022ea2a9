"""What may be published on a given day: the one visibility filter.

A proposal is public once the editors have moved it past `vastaanotettu`. A package, a
proposal's status change or a package update can carry `publish_from` (the embargo). The
build filters the content once, here, before anything is rendered, so pages, feeds, data
files, the search index and the sitemap all see the same published view and nothing
unpublished can leak into any of them.
"""

from __future__ import annotations

import datetime as dt

from talkoot.content.load import Content
from talkoot.content.model import Package, Proposal, ProposalStatus

#: Received proposals wait for the editors; every later status is public.
PUBLIC_STATUSES = frozenset(ProposalStatus) - {ProposalStatus.RECEIVED}


def _visible(publish_from: dt.date | None, today: dt.date) -> bool:
    return publish_from is None or publish_from <= today


def _proposal(proposal: Proposal, today: dt.date) -> Proposal | None:
    history = [change for change in proposal.history if _visible(change.publish_from, today)]
    if not history or history[-1].status not in PUBLIC_STATUSES:
        return None
    if len(history) == len(proposal.history):
        return proposal
    return proposal.model_copy(update={"history": history})


def _package(package: Package, today: dt.date) -> Package | None:
    if not _visible(package.publish_from, today):
        return None
    updates = [u for u in package.updates if _visible(u.publish_from, today)]
    if len(updates) == len(package.updates):
        return package
    return package.model_copy(update={"updates": updates})


def published(content: Content, today: dt.date) -> Content:
    """The content as the public may see it on `today`."""
    view = Content(
        events=content.events,
        workshops=content.workshops,
        registrations=content.registrations,
        sources=dict(content.sources),
        settings=content.settings,
    )
    for proposal in content.proposals:
        visible = _proposal(proposal, today)
        if visible is not None:
            view.proposals.append(visible)
            view.sources[id(visible)] = content.sources[id(proposal)]
    for year, packages in content.packages.items():
        kept = []
        for package in packages:
            visible_package = _package(package, today)
            if visible_package is not None:
                kept.append(visible_package)
                view.sources[id(visible_package)] = content.sources[id(package)]
        if kept:
            view.packages[year] = kept
    return view
