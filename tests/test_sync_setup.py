"""`talkoot sync` on a repository whose labels were never created: it creates them, and it
finds the proposals and registrations that came without their label (GitHub applies an
issue form's labels only if they exist), labels them, tells their senders and handles
them. github3.py over real HTTP to the fake GitHub, as in tests/test_ingest.py."""

from __future__ import annotations

from typing import Any

from fakegithub import BOT_LOGIN
from ingest_world import MARKER, SENDER, World, proposal_values, pulls_of, registration_values
from talkoot.github.labelling import NOTICE_MARKER
from talkoot.submissions.issueform import render
from talkoot.submissions.values import LABELS


def from_form(world: World, kind: str, state: str = "open", **values: Any) -> int:
    """An issue as GitHub makes it from the form: labels that do not exist are dropped."""
    if kind == "ehdotus":
        form, title = world.proposal_form, "Osaajien saatavuus"
        body = render(proposal_values(form, **values), form)
    else:
        form, title = world.registration_form, "Ilmoittautuminen: Esimerkki Oy"
        body = render(registration_values(form, **values), form, validate=False)
    created = "2025-03-02T10:00:00Z" if kind == "ilmoittautuminen" else None
    return world.fake.add_issue(
        title=title,
        body=body,
        labels=[kind],
        user=SENDER,
        state=state,
        created_at=created,
        form=True,
    )


def notices(world: World, number: int) -> list[str]:
    return [
        c["body"].removeprefix(NOTICE_MARKER + "\n")
        for c in world.fake.comments(number)
        if c["user"] == BOT_LOGIN and c["body"].startswith(NOTICE_MARKER)
    ]


def answer(world: World, number: int) -> str:
    """The one bot comment (the notice is another comment)."""
    (text,) = [
        c["body"].removeprefix(MARKER + "\n")
        for c in world.fake.comments(number)
        if c["user"] == BOT_LOGIN and c["body"].startswith(MARKER + "\n")
    ]
    return text


def test_sync_on_a_fresh_repository_labels_and_handles_form_issues(world: World) -> None:
    fake = world.fake
    world.fresh_repository()
    proposal = from_form(world, "ehdotus")
    registration = from_form(world, "ilmoittautuminen")
    assert fake.labels(proposal) == [] and fake.labels(registration) == []
    ordinary = fake.add_issue(
        title="Sivu ei toimi",
        body="### Työpaja\n\nTeollisuus\n\n### Haaste tai pullonkaula\n\nLinkki ei aukea.",
        user="naapuri",
    )
    pasted = fake.add_issue(
        title="Lomake ei toiminut",
        body="Lomake ei toiminut, joten liitän tähän:\n\n" + fake.issue(proposal)["body"],
        user="naapuri",
    )
    closed = from_form(world, "ehdotus", state="closed")
    handled = from_form(world, "ehdotus")  # handled before; an editor removed its label
    fake.add_comment(handled, f"{MARKER}\nKiitos ehdotuksestasi!", user=BOT_LOGIN)

    assert world.cli("sync") == 0

    assert sorted(fake.labels()) == sorted(spec.name for spec in LABELS)
    for spec in LABELS:
        label = fake.label(spec.name)
        assert label is not None
        assert (label["color"], label["description"]) == (spec.color, spec.description)
    assert fake.labels(proposal) == ["ehdotus"]
    (notice,) = notices(world, proposal)
    assert notice.startswith("Tämä issue on tehty lomakkeella *Kehittämisehdotus*, mutta siltä")
    assert "puuttui tunniste `ehdotus`" in notice
    assert answer(world, proposal).startswith(
        "Kiitos ehdotuksestasi! Ehdotuksessa on kaikki tarvittavat tiedot"
    )
    assert fake.comments(proposal)[0]["body"].startswith(NOTICE_MARKER)  # the notice first

    assert fake.labels(registration) == ["ilmoittautuminen"]
    (notice,) = notices(world, registration)
    assert "viive ei siirrä ilmoittautumistasi jonossa" in notice
    assert "**Ilmoittautumisesi on vahvistettu**: 2 henkilöä työpajaan Teollisuus." in (
        answer(world, registration)
    )
    (pull,) = pulls_of(fake, "ilmoittautumiset/2025")
    assert pull["state"] == "open"

    for number in (ordinary, pasted, closed, handled):
        assert fake.labels(number) == [], number
        assert notices(world, number) == [], number
    assert fake.comments(ordinary) == [] and fake.comments(closed) == []
    world.assert_rerun_changes_nothing("sync")


def test_existing_labels_are_left_as_they_are(world: World) -> None:
    fake = world.fake
    world.fresh_repository()
    fake.add_label("ehdotus", "ffffff", "Oma kuvaus")
    proposal = from_form(world, "ehdotus")
    assert fake.labels(proposal) == ["ehdotus"]  # it existed: GitHub applied it
    assert world.cli("sync") == 0
    assert fake.label("ehdotus") == {
        "name": "ehdotus",
        "color": "ffffff",
        "description": "Oma kuvaus",
        "default": False,
    }
    assert len(fake.calls("POST", r"/labels$")) == len(LABELS) - 1
    assert notices(world, proposal) == []  # it had its label: nothing to say
    assert answer(world, proposal).startswith("Kiitos ehdotuksestasi!")


def test_a_sync_that_fails_after_the_notice_finishes_the_work_when_run_again(
    world: World,
) -> None:
    fake = world.fake
    world.fresh_repository()
    proposal = from_form(world, "ehdotus", impact=None)
    fake.fail_server_error("POST", rf"/issues/{proposal}/labels$", times=4)  # every attempt
    assert world.cli("sync") == 1
    assert len(notices(world, proposal)) == 1 and fake.labels(proposal) == []
    assert world.cli("sync") == 0
    assert len(notices(world, proposal)) == 1
    assert fake.labels(proposal) == ["ehdotus", "tarvitsee-korjausta"]
    assert "**Odotettu vaikutus**: kohta on pakollinen" in answer(world, proposal)
    world.assert_rerun_changes_nothing("sync")
