"""Atom feeds (RFC 4287) of newly published proposals and of status changes, so that
anyone can follow without an account. ElementTree writes the XML and escapes every value;
it does not drop characters that XML 1.0 forbids, so every text goes through
`talkoot.vocabulary.characters` first."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from talkoot.content.model import HELSINKI
from talkoot.vocabulary.characters import clean

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 100  # entries per feed: readers want what is new, the archive has the rest


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: dt.date
    summary: str


def _timestamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=HELSINKI).isoformat()


def atom(
    *, feed_id: str, title: str, url: str, self_url: str, author: str, entries: Iterable[Entry]
) -> bytes:
    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LIMIT]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "fi"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = clean(title)
    updated = max((e.updated for e in ordered), default=dt.date(2000, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
    ET.SubElement(
        feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_url}
    )
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = clean(author)
    for entry in ordered:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(item, f"{{{ATOM}}}title").text = clean(entry.title)
        ET.SubElement(
            item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": entry.url}
        )
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(entry.updated)
        ET.SubElement(item, f"{{{ATOM}}}summary", {"type": "text"}).text = clean(entry.summary)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
