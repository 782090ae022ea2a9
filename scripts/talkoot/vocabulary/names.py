"""Every name the outside world sees, defined once.

Page paths (the Markdown source of each page, relative to the docs folder) and their URLs,
content files, issue-form files, labels and branches. Pages, templates, submissions,
forms, new editions, demo content, the bench and the edges all ask here; changing a
folder's name is a one-line change.
"""

from __future__ import annotations

import posixpath
from typing import Final

# -- page folders and pages (Finnish: the public sees them in URLs) ---------------------

WORKSHOPS: Final = "tyopajat"
PROPOSALS: Final = "ehdotukset"
PACKAGES: Final = "toimenpiteet"
PROGRAMME: Final = "ohjelma"
REGISTRATION: Final = "ilmoittautuminen"
RESULTS: Final = "tulokset"
ARCHIVE: Final = "arkisto"
CONTACT: Final = "yhteystiedot"
OPEN_DATA: Final = "avoin-data"
FEEDS: Final = "syotteet"
DATA: Final = "data"
# Hand-written pages under docs/.
ACCESSIBILITY: Final = "saavutettavuusseloste"
PRIVACY: Final = "tietosuojaseloste"
EDITORS_GUIDE: Final = "toimittajan-opas"

# Feeds: the site-wide ones and each workshop's, by kind.
FEED_NEW: Final = "ehdotukset"
FEED_CHANGES: Final = "tilamuutokset"


def home() -> str:
    return "index.md"


def edition(year: int) -> str:
    return f"{year}/index.md"


def programme(year: int) -> str:
    return f"{year}/{PROGRAMME}.md"


def registration(year: int) -> str:
    return f"{year}/{REGISTRATION}.md"


def workshops(year: int) -> str:
    return f"{year}/{WORKSHOPS}/index.md"


def workshop(year: int, slug: str) -> str:
    return f"{year}/{WORKSHOPS}/{slug}.md"


def workshop_calendar(year: int, slug: str) -> str:
    return f"{year}/{WORKSHOPS}/{slug}.ics"


def workshop_feed(year: int, slug: str, kind: str) -> str:
    return f"{year}/{WORKSHOPS}/{slug}-{kind}.xml"


def proposals(year: int) -> str:
    return f"{year}/{PROPOSALS}/index.md"


def proposal(year: int, number: int) -> str:
    return f"{year}/{PROPOSALS}/{number}.md"


def packages(year: int) -> str:
    return f"{year}/{PACKAGES}/index.md"


def package(year: int, slug: str) -> str:
    return f"{year}/{PACKAGES}/{slug}.md"


def results(year: int) -> str:
    return f"{year}/{RESULTS}.md"


def edition_calendar(year: int) -> str:
    return f"{year}/talkoot-{year}.ics"


def archive() -> str:
    return f"{ARCHIVE}.md"


def contact() -> str:
    return f"{CONTACT}.md"


def open_data() -> str:
    return f"{OPEN_DATA}.md"


def accessibility() -> str:
    return f"{ACCESSIBILITY}.md"


def privacy() -> str:
    return f"{PRIVACY}.md"


def editors_guide() -> str:
    return f"{EDITORS_GUIDE}.md"


def feed(kind: str) -> str:
    return f"{FEEDS}/{kind}.xml"


def dataset(name: str, suffix: str) -> str:
    """An open-data file: `dataset("ehdotukset", ".csv")`."""
    return f"{DATA}/{name}{suffix}"


# -- files the core makes for the theme (brand and sharing images) --------------------


def logo() -> str:
    return "assets/talkoot/logo.svg"


def favicon() -> str:
    return "assets/talkoot/favicon.svg"


def brand_stylesheet() -> str:
    return "assets/talkoot/brand.css"


def share_image(kind: str) -> str:
    """The Open Graph image of a page kind (`talkoot.site.share.KINDS`)."""
    return f"assets/talkoot/jako-{kind}.png"


def url(path: str) -> str:
    """The URL of a page relative to the site root, as MkDocs and Zensical give it with
    directory URLs: `a/b.md` -> `a/b/`, `a/index.md` -> `a/`; other files keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_dir(path: str) -> str:
    """The folder a page's links are relative to."""
    return posixpath.dirname(path)


# -- content files (under the content folder) -------------------------------------------

#: The site's own settings (name, colours, who handles proposals): one file at the top.
SETTINGS_FILE: Final = "site.yml"
SETTINGS_KIND: Final = "site"

CONTENT_KINDS: Final = ("events", "workshops", "proposals", "packages", "registrations")


def event_file(year: int) -> str:
    return f"events/{year}.yml"


def workshop_file(year: int, slug: str) -> str:
    return f"workshops/{year}/{slug}.yml"


def proposals_dir(year: int) -> str:
    return f"proposals/{year}"


def proposal_file(year: int, number: int, slug: str) -> str:
    """`proposals/2023/42-osaajien-saatavuus.yml`; without a slug `proposals/2023/42.yml`."""
    return (
        f"{proposals_dir(year)}/{number}-{slug}.yml"
        if slug
        else f"{proposals_dir(year)}/{number}.yml"
    )


def package_file(year: int, slug: str) -> str:
    return f"packages/{year}/{slug}.yml"


def registrations_file(year: int) -> str:
    return f"registrations/{year}.yml"


# -- issue forms, labels and branches (GitHub) -------------------------------------------

FORMS_DIR: Final = ".github/ISSUE_TEMPLATE"
PROPOSAL_FORM: Final = "ehdotus.yml"
REGISTRATION_FORM: Final = "ilmoittautuminen.yml"
FORMS_CONFIG: Final = "config.yml"

PROPOSAL_LABEL: Final = "ehdotus"
REGISTRATION_LABEL: Final = "ilmoittautuminen"
APPROVED_LABEL: Final = "hyväksytty"
REJECTED_LABEL: Final = "hylätty"
NEEDS_FIX_LABEL: Final = "tarvitsee-korjausta"


def proposal_branch(number: int) -> str:
    return f"ehdotus/{number}"


def registrations_branch(year: int) -> str:
    return f"ilmoittautumiset/{year}"
