"""What the feeds and the open data say of each proposal and package, made from content.
`absolute` turns a page path (`vocabulary.names`) into its URL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from talkoot.content.load import Content
from talkoot.content.model import Package, Proposal
from talkoot.content.publication import PUBLIC_STATUSES
from talkoot.site import feeds, opendata
from talkoot.vocabulary import names, words


def feed_entries(
    proposals: Sequence[Proposal], site_url: str, absolute: Callable[[str], str]
) -> tuple[list[feeds.Entry], list[feeds.Entry]]:
    """The feeds' entries: each proposal when it became public, then each later change."""
    host = urlsplit(site_url).hostname or "talkoot.invalid"
    published, changes = [], []
    for proposal in proposals:
        url = absolute(names.proposal(proposal.edition, proposal.id))
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


def open_data_records(
    content: Content,
    packages_of_proposal: dict[int, list[Package]],
    absolute: Callable[[str], str],
) -> tuple[list[opendata.ProposalRecord], list[opendata.PackageRecord]]:
    """Every published proposal and package as an open-data record."""
    proposals = [
        opendata.ProposalRecord(
            id=p.id,
            edition=p.edition,
            workshop=p.workshop,
            workshop_name=w.name if (w := content.workshop(p.edition, p.workshop)) else "",
            title=p.title,
            challenge=p.challenge,
            action=p.action,
            impact=p.impact,
            city_role=p.city_role.value,
            organisation=p.organisation,
            status=p.status.value,
            status_date=p.updated,
            submitted=p.submitted,
            packages=[f"{k.edition}/{k.slug}" for k in packages_of_proposal.get(p.id, [])],
            url=absolute(names.proposal(p.edition, p.id)),
        )
        for p in content.proposals
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
            url=absolute(names.package(k.edition, k.slug)),
        )
        for packages in content.packages.values()
        for k in packages
    ]
    return proposals, packages
