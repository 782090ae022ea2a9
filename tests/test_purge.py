"""`talkoot purge-registrations YEAR`: the retention point, the dry run, GraphQL
`deleteIssue` against the fake GitHub, and the Finnish answer to a token without the
admin right."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from ingest_world import World
from talkoot.content.model import HELSINKI, Event
from talkoot.submissions.retention import retention_end


def node_id(number: int) -> str:
    """The issue's `node_id` as the fake gives it in issue JSON."""
    return "I_kwDO" + base64.b64encode(f"fake{number:012d}".encode()).decode().rstrip("=")


def at(world: World, *when: int) -> None:
    stamp = dt.datetime(*when, tzinfo=HELSINKI)  # type: ignore[misc]
    world.monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(stamp.timestamp())))


def seeded(world: World) -> tuple[list[int], list[int]]:
    """Registrations of 2025 (to go), and what stays: a proposal and a 2024 registration."""
    gone = [world.register("2025-03-01T10:00:00Z"), world.register("2025-03-02T10:00:00Z")]
    stay = [world.propose(), world.register("2024-11-01T10:00:00Z")]
    return gone, stay


def test_retention_ends_after_the_results_month_or_the_following_year() -> None:
    base = {
        "year": 2025,
        "name": "Talkoot",
        "start": "2025-04-10T13:00:00",
        "end": "2025-04-10T16:00:00",
        "place": {
            "name": "Kaupungintalo",
            "street_address": "Villimiehenkatu 1",
            "postal_code": "53100",
            "locality": "Lappeenranta",
        },
        "organiser": {"name": "Lappeenrannan kaupunki"},
        "contact": {"role": "päällikkö", "organisation": "Kaupunki", "email": "a@b.fi"},
        "audience": "Yritykset.",
        "description": "Kuvaus.",
        "registration": {"deadline": "2025-03-10"},
    }
    plain = Event.model_validate(base)
    assert retention_end(plain) == dt.datetime(2027, 1, 1, tzinfo=HELSINKI)
    dated = Event.model_validate({**base, "results_event": {"name": "Tulos", "date": "2025-12-03"}})
    assert retention_end(dated) == dt.datetime(2026, 1, 1, tzinfo=HELSINKI)
    month = Event.model_validate({**base, "results_event": {"name": "Tulos", "month": "2025-10"}})
    assert retention_end(month) == dt.datetime(2025, 11, 1, tzinfo=HELSINKI)


def test_purge_is_refused_before_the_retention_point(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    gone, _ = seeded(world)
    at(world, 2026, 12, 31, 23, 59)
    assert world.cli("purge-registrations", "2025", "--yes") == 1
    err = capsys.readouterr().err
    assert (
        "Vuoden 2025 ilmoittautumisia ei voi vielä poistaa: ne säilytetään 31.12.2026 asti" in err
    )
    assert "Aja komento 1.1.2027 tai myöhemmin." in err
    assert world.fake.requests == [] and world.fake.issue(gone[0])
    assert world.cli("purge-registrations", "2031") == 1
    assert "vuoden 2031 tapahtumaa ei ole" in capsys.readouterr().err


def test_dry_run_lists_and_yes_deletes_only_the_editions_registrations(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = world.fake
    gone, stay = seeded(world)
    at(world, 2027, 1, 1, 0, 0)
    assert world.cli("purge-registrations", "2025") == 0
    err = capsys.readouterr().err
    assert f"#{gone[0]} (avattu 1.3.2025)" in err and f"#{gone[1]} (avattu 2.3.2025)" in err
    assert f"#{stay[1]} " not in err
    assert "Vuoden 2025 ilmoittautumis-issueita on 2. Mitään ei poistettu" in err
    assert [r for r in fake.requests if r.method != "GET"] == []

    assert world.cli("purge-registrations", "2025", "--yes") == 0
    assert "Vuoden 2025 ilmoittautumis-issueita poistettiin 2." in capsys.readouterr().err
    assert sorted(fake.issues()) == sorted(stay)
    deletes = fake.calls("POST", r"^/graphql$")
    assert [r.json["variables"]["id"] for r in deletes] == [node_id(n) for n in gone]
    assert all("deleteIssue(input: {issueId: $id})" in r.json["query"] for r in deletes)
    world.assert_rerun_changes_nothing("purge-registrations", "2025", "--yes")


def test_a_token_without_the_admin_right_gets_a_finnish_answer(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = world.fake
    gone, _ = seeded(world)
    at(world, 2027, 2, 1, 12, 0)
    fake.token_is_admin = False
    assert world.cli("purge-registrations", "2025", "--yes") == 1
    err = capsys.readouterr().err
    assert "Pääsytunnuksella ei ole oikeutta poistaa issueita (GitHub vastasi FORBIDDEN)" in err
    assert "ylläpitäjä (admin)" in err and "Traceback" not in err
    assert all(n in fake.issues() for n in gone)


def test_the_graphql_url_of_actions_is_used(world: World) -> None:
    fake = world.fake
    gone, _ = seeded(world)
    at(world, 2027, 2, 1, 12, 0)
    world.monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"{fake.url}/api/graphql")  # as on GHES
    assert world.cli("purge-registrations", "2025", "--yes") == 0
    assert len(fake.calls("POST", r"^/api/graphql$")) == 2
    assert all(n not in fake.issues() for n in gone)
