"""A sessions-shaped edition (2021, 2024): sector sessions on days of their own, one online
only, one hybrid, one cancelled. Every page, calendar and JSON-LD says what the content
says of each session, and nothing it does not."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import icalendar
import markdown
import pytest

from talkoot.content.load import Content, load, read_content_dir
from talkoot.content.model import HELSINKI
from talkoot.site.context import SiteInfo
from talkoot.site.pages import Site
from talkoot.vocabulary import names

SESSIONS = Path(__file__).parent / "sessions_content"
SHIPPED = Path(__file__).resolve().parent.parent / "content"
SITE_URL = "https://example.org/talkoot/"
NOW = dt.datetime(2024, 11, 20, 12, 0, tzinfo=HELSINKI)

CULTURE = "kulttuuri-ja-luovat-alat"
ONLINE = "liike-elaman-palvelut"
HYBRID = "rakentaminen"
CANCELLED = "sote-ala"
ICS = "2024/talkoot-2024.ics"
TEAMS_URL = "https://teams.microsoft.com/l/meetup-join/rakentaminen-2024"
# (slug, weekday and date) in time order
ORDER = [
    ("kauppa-matkailu-ravintola-ala-ja-vapaa-ajan-palvelut", "ti 26.11.2024"),
    (ONLINE, "ke 27.11.2024"),
    (CULTURE, "to 28.11.2024"),
    (HYBRID, "ti 3.12.2024"),
    (CANCELLED, "ke 4.12.2024"),
    ("teollisuus", "ti 10.12.2024"),
]


def _pages(files: dict[str, str], now: dt.datetime = NOW) -> dict[str, str | bytes]:
    site = Site(load(files), SiteInfo(SITE_URL, "https://github.com/o/r", now))
    return {page.path: page.content for page in site.generate()}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return read_content_dir(SESSIONS)


@pytest.fixture(scope="module")
def pages(files: dict[str, str]) -> dict[str, str | bytes]:
    return _pages(files)


def _html(pages: dict[str, str | bytes], path: str) -> str:
    source = pages[path]
    assert isinstance(source, str)
    body = source.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "def_list", "tables"])


def _text(pages: dict[str, str | bytes], path: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    visible = re.sub(r"<script.*?</script>", "", _html(pages, path), flags=re.S)
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", visible)).split())
    return re.sub(r" (?=[,.;:])", "", words)


def _calendar(pages: dict[str, str | bytes], path: str) -> list[icalendar.Event]:
    data = pages[path]
    assert isinstance(data, bytes)
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def _json_ld(pages: dict[str, str | bytes], path: str) -> dict[str, object]:
    source = pages[path]
    assert isinstance(source, str)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', source)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_a_session_page_shows_its_own_day_time_place_and_deadline(pages: dict) -> None:
    text = _text(pages, f"2024/tyopajat/{CULTURE}.md")
    assert "to 28.11.2024 klo 13.00–15.40" in text
    assert "Lappeenrannan pääkirjasto, Valtakatu 47, 53100 Lappeenranta" in text
    assert "Ilmoittautuminen on auki to 21.11.2024 asti." in text
    # nothing of the edition's own afternoon or place is claimed for the session
    assert "Villimiehenkatu" not in text and "26.11.2024 klo" not in text
    assert "(26.11.–10.12.2024)" in text


def test_an_online_session_says_where_the_link_comes_from(pages: dict) -> None:
    text = _text(pages, f"2024/tyopajat/{ONLINE}.md")
    assert "Verkossa (Microsoft Teams). Linkki kerrotaan ilmoittautuneille" in text
    assert "Villimiehenkatu" not in text
    assert "Ilmoittautuminen on auki ma 25.11.2024 asti." in text


def test_a_hybrid_session_gives_its_place_and_link(pages: dict) -> None:
    page = _html(pages, f"2024/tyopajat/{HYBRID}.md")
    assert f'href="{TEAMS_URL}"' in page
    text = _text(pages, f"2024/tyopajat/{HYBRID}.md")
    assert (
        "Lappeenrannan kaupungintalo, Villimiehenkatu 1, 53100 Lappeenranta; myös verkossa" in text
    )


def test_a_cancelled_session_is_marked_and_takes_no_registrations(pages: dict) -> None:
    text = _text(pages, f"2024/tyopajat/{CANCELLED}.md")
    assert text.startswith("Tilaisuus on peruttu.")
    assert "Tilaisuus on peruttu, eikä siihen voi ilmoittautua." in text
    assert "Ilmoittautuminen on auki" not in text
    assert "Tilaisuus peruttiin vähäisen ilmoittautumismäärän vuoksi." in text
    for path in ("2024/index.md", "2024/ohjelma.md", "2024/ilmoittautuminen.md"):
        assert "Sote-ala Peruttu" in _text(pages, path), path
    registration = pages["2024/ilmoittautuminen.md"]
    assert isinstance(registration, str)
    assert "workshop=Sote-ala" not in registration


def test_the_edition_page_lists_the_sessions_in_time_order(pages: dict) -> None:
    text = _text(pages, "2024/index.md")
    # The first screen: the span, and where each session's place is told.
    # six sessions, one of them cancelled
    assert text.startswith("26.11.–10.12.2024, 5 tilaisuutta omina päivinään (1 peruttu tai")
    assert "Kunkin tilaisuuden päivä, paikka tai verkkoalusta on ohjelmassa." in text
    programme = text[text.index("Ohjelma ") : text.index("Koko ohjelma")]
    positions = [programme.index(day) for _, day in ORDER]
    assert positions == sorted(positions)
    assert "to 28.11.2024 klo 13.00–15.40 Kulttuuri ja luovat alat, Lappeenrannan pääkirjasto" in (
        programme
    )
    assert "ilmoittautuminen to 21.11.2024 mennessä" in programme


def test_the_programme_lists_the_sessions_with_day_time_and_place(pages: dict) -> None:
    page = _html(pages, "2024/ohjelma.md")
    rows = re.findall(r"<tr><td>(.*?)</td><td>.*?</td><td>(.*?)</td>", page)
    assert [html.unescape(when).split(" klo")[0] for when, _ in rows] == [d for _, d in ORDER]
    assert html.unescape(rows[1][1]) == "Verkossa (Microsoft Teams)"
    assert html.unescape(rows[2][1]).startswith("Lappeenrannan pääkirjasto")


def test_no_page_claims_parallel_workshops_or_a_joint_opening(pages: dict) -> None:
    for path in pages:
        if path.startswith("2024/") and path.endswith(".md"):
            text = _text(pages, path)
            assert "rinnakkain" not in text and "yhteisellä avauksella" not in text, path


def test_the_registration_page_links_the_open_sessions_with_their_day(pages: dict) -> None:
    page = pages["2024/ilmoittautuminen.md"]
    assert isinstance(page, str)
    links = re.findall(r"workshop=([^)&]+)\)", page)
    assert [html.unescape(link).replace("%20", " ") for link in links] == [
        "Liike-el%C3%A4m%C3%A4n palvelut %28ke 27.11.2024%29",
        "Kulttuuri ja luovat alat %28to 28.11.2024%29",
        "Rakentaminen %28ti 3.12.2024%29",
        "Teollisuus %28ti 10.12.2024%29",
    ]
    text = _text(pages, "2024/ilmoittautuminen.md")
    assert "Ilmoittautuminen päättyi ti 19.11.2024." in text  # the first session's (inherited)
    assert "Kullakin tilaisuudella on oma ilmoittautumisaikansa." in text


def test_each_session_calendar_has_its_own_time_place_and_status(pages: dict) -> None:
    (culture,) = _calendar(pages, f"2024/tyopajat/{CULTURE}.ics")
    assert culture.decoded("dtstart") == dt.datetime(2024, 11, 28, 13, 0, tzinfo=HELSINKI)
    assert culture.decoded("dtend") == dt.datetime(2024, 11, 28, 15, 40, tzinfo=HELSINKI)
    assert str(culture["location"]).startswith("Lappeenrannan pääkirjasto, Valtakatu 47")
    assert "status" not in culture and "sequence" not in culture
    (online,) = _calendar(pages, f"2024/tyopajat/{ONLINE}.ics")
    assert str(online["location"]) == "Microsoft Teams (linkki kerrotaan ilmoittautuneille)"
    (hybrid,) = _calendar(pages, f"2024/tyopajat/{HYBRID}.ics")
    assert str(hybrid["location"]).startswith("Lappeenrannan kaupungintalo")
    assert str(hybrid["location"]).endswith(f"Microsoft Teams: {TEAMS_URL}")
    assert hybrid["location"].params["ALTREP"] == TEAMS_URL
    assert str(hybrid["conference"]) == TEAMS_URL
    assert str(hybrid["url"]) == f"{SITE_URL}2024/tyopajat/{HYBRID}/"
    (cancelled,) = _calendar(pages, f"2024/tyopajat/{CANCELLED}.ics")
    assert str(cancelled["status"]) == "CANCELLED"
    assert cancelled.decoded("sequence") == 1


def test_the_edition_calendar_holds_one_event_per_session(pages: dict) -> None:
    events = _calendar(pages, "2024/talkoot-2024.ics")
    assert [str(e["uid"]) for e in events] == [
        f"talkoot-2024-{slug}@example.org" for slug, _ in ORDER
    ]
    by_uid = {str(e["uid"]): e for e in events}
    culture = by_uid[f"talkoot-2024-{CULTURE}@example.org"]
    assert culture.decoded("dtstart") == dt.datetime(2024, 11, 28, 13, 0, tzinfo=HELSINKI)
    assert str(by_uid[f"talkoot-2024-{CANCELLED}@example.org"]["status"]) == "CANCELLED"


def test_a_changed_session_keeps_its_uid_and_raises_its_sequence(files: dict[str, str]) -> None:
    path = f"workshops/2024/{CULTURE}.yml"
    moved = dict(files)
    moved[path] = (
        files[path].replace("13:00:00", "14:00:00").replace("15:40:00", "16:00:00")
        + "changes:\n  - date: 2024-11-18\n    note: Alkaa tuntia myöhemmin.\n"
    )
    before = _calendar(_pages(files), f"2024/tyopajat/{CULTURE}.ics")[0]
    after = _calendar(_pages(moved), f"2024/tyopajat/{CULTURE}.ics")[0]
    assert str(after["uid"]) == str(before["uid"])
    assert after.decoded("sequence") == 1 > before.get("sequence", 0)
    assert after.decoded("dtstart") == dt.datetime(2024, 11, 28, 14, 0, tzinfo=HELSINKI)


def test_json_ld_has_a_sub_event_per_session(pages: dict) -> None:
    data = _json_ld(pages, "2024/index.md")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    subs = data["subEvent"]
    assert isinstance(subs, list) and len(subs) == 6
    by_url = {s["url"].rsplit("/", 2)[-2]: s for s in subs}
    culture = by_url[CULTURE]
    assert culture["startDate"] == "2024-11-28T13:00:00+02:00"
    assert culture["endDate"] == "2024-11-28T15:40:00+02:00"
    assert culture["location"]["@type"] == "Place"
    assert culture["location"]["address"]["streetAddress"] == "Valtakatu 47"
    assert by_url[ONLINE]["location"] == {"@type": "VirtualLocation", "name": "Microsoft Teams"}
    assert by_url[ONLINE]["eventAttendanceMode"].endswith("/OnlineEventAttendanceMode")
    hybrid = by_url[HYBRID]
    assert [loc["@type"] for loc in hybrid["location"]] == ["Place", "VirtualLocation"]
    assert hybrid["location"][1]["url"] == TEAMS_URL
    assert hybrid["eventAttendanceMode"].endswith("/MixedEventAttendanceMode")
    assert by_url[CANCELLED]["eventStatus"] == "https://schema.org/EventCancelled"
    assert by_url["teollisuus"]["eventStatus"] == "https://schema.org/EventScheduled"


def test_a_postponed_edition_is_marked_everywhere(files: dict[str, str]) -> None:
    postponed = dict(files)
    postponed["events/2024.yml"] += (
        "status: lykätty\nchanges:\n  - date: 2024-11-10\n    note: Lykätty kevääseen.\n"
    )
    pages = _pages(postponed)
    assert _text(pages, "2024/index.md").startswith(
        "Tapahtuma on lykätty. Uusi ajankohta ilmoitetaan myöhemmin."
    )
    assert "workshop=" not in str(pages["2024/ilmoittautuminen.md"])
    assert _json_ld(pages, "2024/index.md")["eventStatus"] == "https://schema.org/EventPostponed"
    before = {str(e["uid"]): e.get("sequence", 0) for e in _calendar(_pages(files), ICS)}
    for event in _calendar(pages, ICS):
        cancelled = str(event["uid"]).startswith(f"talkoot-2024-{CANCELLED}@")
        assert str(event["status"]) == ("CANCELLED" if cancelled else "TENTATIVE")
        assert event.decoded("sequence") == before[str(event["uid"])] + 1


def test_the_one_afternoon_edition_stays_one_event() -> None:
    pages = _pages(read_content_dir(SHIPPED), dt.datetime(2023, 11, 10, 12, tzinfo=HELSINKI))
    assert "subEvent" not in _json_ld(pages, "2023/index.md")
    (event,) = _calendar(pages, "2023/talkoot-2023.ics")
    assert event.decoded("dtstart") == dt.datetime(2023, 11, 23, 13, 0, tzinfo=HELSINKI)
    assert "Työpajat pidetään rinnakkain." in _text(pages, "2023/ohjelma.md")


def test_content_fixture_is_the_sessions_shape(files: dict[str, str]) -> None:
    content: Content = load(files)
    assert len(content.workshops[2024]) == 6


def test_a_cancelled_workshop_of_one_afternoon_is_marked_and_left_out() -> None:
    from talkoot.submissions import forms

    files = read_content_dir(SHIPPED)
    rel = "workshops/2023/sote-ala.yml"
    files[rel] += "status: peruttu\nchanges:\n  - date: 2023-11-15\n    note: Peruttu.\n"
    pages = _pages(files, dt.datetime(2023, 11, 10, 12, tzinfo=HELSINKI))
    assert _text(pages, "2023/tyopajat/sote-ala.md").startswith("Tilaisuus on peruttu.")
    assert "Sote-ala Peruttu" in _text(pages, "2023/index.md")
    assert "Sote-ala Peruttu" in _text(pages, "2023/ohjelma.md")
    subs = {s["url"].rsplit("/", 2)[-2]: s for s in _json_ld(pages, "2023/index.md")["subEvent"]}
    assert subs["sote-ala"]["eventStatus"] == "https://schema.org/EventCancelled"
    assert subs["teollisuus"]["startDate"] == "2023-11-23T13:00:00+02:00"  # the edition's
    (event,) = _calendar(pages, "2023/tyopajat/sote-ala.ics")
    assert str(event["status"]) == "CANCELLED" and event.decoded("sequence") == 1
    edition = forms.edition_from_content(load(files), SITE_URL)
    rendered = forms.render_forms(edition)[names.REGISTRATION_FORM]
    assert "- Sote-ala\n" not in rendered and "- Teollisuus\n" in rendered
    assert "- Sote-ala\n" in forms.render_forms(edition)[names.PROPOSAL_FORM]  # proposals still


def test_a_cancelled_edition_of_one_afternoon_takes_no_registrations() -> None:
    from talkoot.submissions import forms

    files = read_content_dir(SHIPPED)
    files["events/2023.yml"] += "status: peruttu\n"
    content = load(files)
    pages = _pages(files, dt.datetime(2023, 11, 10, 12, tzinfo=HELSINKI))
    for path in ("2023/index.md", "2023/ilmoittautuminen.md", "2023/ohjelma.md"):
        assert _text(pages, path).startswith("Tapahtuma on peruttu."), path
    home = _text(pages, "2023/index.md")
    assert home.startswith("Tapahtuma on peruttu. Siihen ei voi ilmoittautua.")
    assert home.count("ilmoittautua") == 1  # said once, and no registration button
    assert ">Ilmoittaudu<" not in str(pages["2023/index.md"])
    assert "Siirry ilmoittautumaan" not in str(pages["2023/ilmoittautuminen.md"])
    assert _text(pages, "2023/tyopajat/teollisuus.md").startswith("Tilaisuus on peruttu.")
    (event,) = _calendar(pages, "2023/talkoot-2023.ics")
    assert str(event["status"]) == "CANCELLED"
    rendered = forms.render_forms(forms.edition_from_content(content, SITE_URL))
    assert names.REGISTRATION_FORM not in rendered and names.PROPOSAL_FORM in rendered
