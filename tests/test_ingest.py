"""`talkoot ingest`, `sync` and `labels` end to end: github3.py 4.0.1 over real HTTP to the
fake GitHub on 127.0.0.1, run in-process through `talkoot.cli.main` (and once as the
installed console command), with tiny timeouts and a recording sleep.

One approved proposal (opened, then labeled `hyväksytty` by an editor) costs
`APPROVED_PROPOSAL_CALLS` API calls; `test_one_approved_proposal_costs` pins the number.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakegithub import BOT_LOGIN
from hostile_corpus import HOSTILE_VALUES, LONG_TEXT, as_input, as_title
from ingest_world import (
    APPROVED_PROPOSAL_CALLS,
    EDITOR,
    MARKER,
    SENDER,
    SITE,
    World,
    pulls_of,
)
from talkoot.content.model import ProposalStatus

# ---------------------------------------------------------------------------- proposals


def test_valid_proposal_is_thanked_once(world: World) -> None:
    fake = world.fake
    number = world.propose()
    spoof = fake.add_comment(number, f"{MARKER}\nHyväksytty!", user=SENDER)
    assert world.event("opened", number) == 0
    text = world.bot_comment(number)
    assert text.startswith("Kiitos ehdotuksestasi! Ehdotuksessa on kaikki tarvittavat tiedot")
    assert "**Mitä seuraavaksi tapahtuu?**" in text and "pull request" not in text
    assert fake.labels(number) == ["ehdotus"]
    assert next(c for c in fake.comments(number) if c["id"] == spoof)["body"].endswith(
        "Hyväksytty!"
    )  # a user's comment with the marker is not the bot's
    world.assert_rerun_changes_nothing()


def test_invalid_proposal_then_edited_to_valid(world: World) -> None:
    fake = world.fake
    number = world.propose(
        title="Ok",
        challenge="x" * 4210,
        action="Soittakaa 040 123 4567",
        consent=[],
    )
    assert world.event("opened", number) == 0
    text = world.bot_comment(number)
    assert "**Otsikko**: otsikko on liian lyhyt (2 merkkiä, vähintään 3)." in text
    assert (
        "**Haaste tai pullonkaula**: teksti on liian pitkä (4\u00a0210 merkkiä, enintään"
        " 3\u00a0000)." in text
    )
    assert "**Ehdotettu toimenpide**: tekstissä näyttää olevan puhelinnumero." in text
    assert "**Julkaisulupa**: rastita julkaisulupa" in text
    assert "040 123 4567" not in text
    assert fake.labels(number) == ["ehdotus", "tarvitsee-korjausta"]
    comment_id = fake.comments(number)[0]["id"]
    world.assert_rerun_changes_nothing()

    assert world.edit(number, title="Osaajien saatavuus") == 0
    assert fake.labels(number) == ["ehdotus"]
    assert world.bot_comment(number).startswith("Kiitos ehdotuksestasi! Ehdotuksessa on kaikki")
    assert [c["id"] for c in fake.comments(number)] == [comment_id]  # edited, not a second one
    world.assert_rerun_changes_nothing()


def test_approval_by_an_editor_opens_a_pull_request(world: World) -> None:
    fake = world.fake
    number = world.propose(title="Osaajien saatavuus")
    world.event("opened", number)
    assert world.label(number, "hyväksytty") == 0
    (pull,) = fake.pulls()
    path = f"content/proposals/2025/{number}-osaajien-saatavuus.yml"
    assert (pull["head"], pull["base"], pull["state"]) == (f"ehdotus/{number}", "main", "open")
    assert pull["title"] == f"Ehdotus #{number}: `Osaajien saatavuus`"
    assert pull["body"].endswith(f"Closes #{number}") and f"`{path}`" in pull["body"]
    assert fake.file_text("main", path) is None
    (proposal,) = world.content_with(pull["head"], path).proposals
    assert (proposal.id, proposal.edition, proposal.workshop) == (number, 2025, "teollisuus")
    assert (proposal.title, proposal.challenge) == (
        "Osaajien saatavuus",
        "Osaajia on vaikea löytää.",
    )
    assert proposal.submitted == dt.date(2025, 3, 1)
    assert [(c.date, c.status) for c in proposal.history] == [
        (dt.date(2025, 3, 1), ProposalStatus.PUBLISHED)
    ]
    text = world.bot_comment(number)
    assert f"Pull request #{pull['number']} lisää sen tapahtuman sivustolle" in text
    assert f"https://github.com/lappeenranta/talkoot/pull/{pull['number']}" in text
    assert f"{SITE}2025/ehdotukset/{number}/" in text
    assert fake.labels(number) == ["ehdotus", "hyväksytty"]
    assert world.notices(number) == [
        "**Ehdotuksesi on hyväksytty** julkaistavaksi – kiitos! Ylempänä olevassa"
        " viestissä kerrotaan, mitä seuraavaksi tapahtuu."
    ]
    world.assert_rerun_changes_nothing()
    world.assert_rerun_changes_nothing("sync")
    fake.merge_pull(pull["number"], by=EDITOR)
    assert world.event("closed", number, sender=EDITOR) == 0
    assert world.notices(number)[1:] == [
        f"Ehdotuksesi on nyt **julkaistu** tapahtuman sivustolla: {SITE}2025/ehdotukset/{number}/"
    ]
    world.assert_rerun_changes_nothing()


def test_one_approved_proposal_costs(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    opened = len(fake.requests)
    world.label(number, "hyväksytty")
    calls = [(r.method, r.path.rsplit("/talkoot", 1)[-1], r.status) for r in fake.requests]
    print(f"\nAPI calls for one approved proposal: {len(calls)} (opened {opened})")
    for call in calls:
        print("  ", *call)
    assert opened == 5
    assert len(calls) == APPROVED_PROPOSAL_CALLS
    assert sum(1 for method, _, _ in calls if method != "GET") == 6


def test_approval_by_a_non_editor_is_refused(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    assert world.label(number, "hyväksytty", by="naapuri") == 0
    assert fake.labels(number) == ["ehdotus"]
    text = world.bot_comment(number)
    # who handles proposals comes from content/site.yml, in words a company understands
    assert text.startswith(
        "Merkinnän **hyväksytty** voi lisätä vain ehdotusten käsittelijä"
        " (kaupungin elinkeinopalvelut), joten se poistettiin."
    )
    assert "odottaa nyt käsittelyä. Ehdotuksesi käsittelijä on kaupungin elinkeinopalvelut." in text
    assert "oimittaj" not in text
    assert fake.pulls() == [] and list(fake.branches()) == ["main"]
    world.assert_rerun_changes_nothing()


def test_approval_by_any_bot_is_checked_and_refused(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    assert world.label(number, "hyväksytty", by="some-app[bot]") == 0
    assert fake.labels(number) == ["ehdotus"]
    assert world.bot_comment(number).startswith("Merkinnän **hyväksytty** voi lisätä vain")
    assert world.edit(number, challenge="Uusi teksti.") == 0  # the author's later edit
    assert fake.pulls() == [] and list(fake.branches()) == ["main"]
    assert world.fake.calls("GET", r"/collaborators/some-app\[bot\]/permission")


def test_an_app_listed_as_approver_may_approve(world: World) -> None:
    world.monkeypatch.setenv("TALKOOT_APPROVER_APPS", "muu-botti, kaupungin-botti")
    number = world.propose()
    world.event("opened", number)
    assert world.label(number, "hyväksytty", by="kaupungin-botti[bot]") == 0
    assert world.fake.labels(number) == ["ehdotus", "hyväksytty"]
    (pull,) = world.fake.pulls()
    assert pull["head"] == f"ehdotus/{number}"


def test_a_label_whose_run_was_cancelled_is_checked_from_the_events(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    # a non-editor's label, and its pending run was cancelled: the edit's run checks it
    fake.update_issue(number, labels=["ehdotus", "hyväksytty"], by="naapuri")
    assert world.edit(number, challenge="Uusi teksti.") == 0
    assert fake.labels(number) == ["ehdotus"]
    assert fake.pulls() == []
    assert world.bot_comment(number).startswith("Merkinnän **hyväksytty** voi lisätä vain")
    assert fake.calls("GET", rf"/issues/{number}/events$")
    # an editor's label seen only by the daily sync counts
    fake.update_issue(number, labels=["ehdotus", "hyväksytty"], by=EDITOR)
    assert world.cli("sync") == 0
    assert fake.labels(number) == ["ehdotus", "hyväksytty"]
    assert len(fake.pulls()) == 1
    # re-added later by someone without the right: the last adder is the one checked
    fake.update_issue(number, labels=["ehdotus"], by=EDITOR)
    fake.update_issue(number, labels=["ehdotus", "hyväksytty"], by="naapuri")
    assert world.cli("sync") == 0
    assert fake.labels(number) == ["ehdotus"]


@pytest.mark.fakegithub(non_collaborator=404)
def test_a_stranger_without_any_role_is_refused(world: World) -> None:
    number = world.propose()
    assert world.label(number, "hylätty", by="naapuri") == 0
    assert world.fake.labels(number) == ["ehdotus"]
    assert world.fake.issue(number)["state"] == "open"
    assert world.bot_comment(number).startswith("Merkinnän **hylätty** voi lisätä vain")


def test_approval_of_an_invalid_proposal_waits_for_the_fix(world: World) -> None:
    fake = world.fake
    number = world.propose(impact=None)
    world.event("opened", number)
    assert world.label(number, "hyväksytty") == 0
    assert fake.pulls() == [] and list(fake.branches()) == ["main"]
    text = world.bot_comment(number)
    assert text.startswith("Ehdotus on hyväksytty, mutta siinä on vielä")
    assert "**Odotettu vaikutus**: kohta on pakollinen" in text
    assert fake.labels(number) == ["ehdotus", "tarvitsee-korjausta", "hyväksytty"]
    assert world.edit(number, impact="Kasvua.") == 0
    assert fake.labels(number) == ["ehdotus", "hyväksytty"]
    (pull,) = fake.pulls()
    assert f"Pull request #{pull['number']}" in world.bot_comment(number)


def test_edit_after_approval_updates_the_pull_request(world: World) -> None:
    fake = world.fake
    number = world.propose(title="Osaajien saatavuus")
    world.event("opened", number)
    world.label(number, "hyväksytty")
    (pull,) = fake.pulls()
    branch = pull["head"]
    first_tip = fake.branches()[branch]
    path = f"content/proposals/2025/{number}-osaajien-saatavuus.yml"
    assert world.edit(number, title="Osaajat ja koulutus", challenge="Koulutusta puuttuu.") == 0
    (same,) = fake.pulls()
    assert same["number"] == pull["number"]
    assert same["title"] == f"Ehdotus #{number}: `Osaajat ja koulutus`"
    assert fake.commit(fake.branches()[branch])["parents"] == [first_tip]
    (proposal,) = world.content_with(branch, path).proposals  # the path keeps the first slug
    assert (proposal.title, proposal.challenge) == ("Osaajat ja koulutus", "Koulutusta puuttuu.")
    assert [p for p in fake.files(branch) if p.startswith("content/proposals/")] == [path]
    world.assert_rerun_changes_nothing()


def test_edit_after_merge_opens_a_change_pull_request_that_keeps_history(world: World) -> None:
    fake = world.fake
    number = world.propose(title="Osaajien saatavuus")
    world.event("opened", number)
    world.label(number, "hyväksytty")
    (pull,) = fake.pulls()
    path = f"content/proposals/2025/{number}-osaajien-saatavuus.yml"
    fake.merge_pull(pull["number"], by=EDITOR)
    assert fake.issue(number)["state"] == "closed"  # Closes #n
    assert world.event("closed", number, sender=EDITOR) == 0
    assert world.bot_comment(number).startswith(
        f"Ehdotus on julkaistu tapahtuman sivustolla – kiitos! Se näkyy osoitteessa {SITE}2025/"
    )
    # an editor adds a status and fixes a word on the default branch
    published = fake.file_text("main", path)
    assert published is not None
    fixed = published.replace("tapahtuma keväällä.", "tapahtuma keväällä 2025.")
    fake.set_file(
        "main",
        path,
        fixed + "  - date: 2025-03-20\n    status: priorisoitu\n    note: Mukana ohjelmassa.\n",
    )
    world.assert_rerun_changes_nothing()  # the closed event again: no revert of the fix
    world.assert_rerun_changes_nothing("sync")

    fake.fail_server_error("POST", r"/pulls$", times=4)
    assert world.edit(number, challenge="Osaajia puuttuu yhä.") == 1
    assert world.again() == 0  # the re-run opens the pull request the failed run could not
    change = [p for p in fake.pulls() if p["state"] == "open"]
    assert len(change) == 1 and change[0]["number"] != pull["number"]
    assert change[0]["head"] == f"ehdotus/{number}"
    main_tip = fake.branches()["main"]
    assert fake.commit(fake.branches()[f"ehdotus/{number}"])["parents"] == [main_tip]
    assert "päivittää sivustolla julkaistun kehittämisehdotuksen" in change[0]["body"]
    (proposal,) = world.content_with(f"ehdotus/{number}", path).proposals
    assert proposal.challenge == "Osaajia puuttuu yhä."
    assert [c.status for c in proposal.history] == [
        ProposalStatus.PUBLISHED,
        ProposalStatus.PRIORITISED,
    ]
    assert proposal.answer == "Mukana ohjelmassa."
    assert world.bot_comment(number).startswith(
        f"Muokkasit jo julkaistua ehdotusta. Pull request #{change[0]['number']}"
    )
    world.assert_rerun_changes_nothing()


def test_a_pull_request_closed_without_merging_is_not_reopened(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    world.label(number, "hyväksytty")
    (pull,) = fake.pulls()
    fake.update_issue(pull["number"], state="closed", by=EDITOR)
    assert world.cli("sync") == 0
    assert [p["state"] for p in fake.pulls()] == ["closed"]
    assert world.bot_comment(number).startswith(
        f"Ehdotus on hyväksytty, mutta sen pull request #{pull['number']}"
    )
    world.assert_rerun_changes_nothing("sync")
    assert world.edit(number, challenge="Uusi versio.") == 0  # new text: a new pull request
    assert [p["state"] for p in fake.pulls()] == ["closed", "open"]


def test_rejection_closes_as_not_planned_and_keeps_labels(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    assert world.label(number, "hylätty") == 0
    issue = fake.issue(number)
    assert (issue["state"], issue["state_reason"]) == ("closed", "not_planned")
    assert fake.labels(number) == ["ehdotus", "hylätty"]
    assert world.bot_comment(number).startswith(
        "Kiitos ehdotuksestasi ja vaivannäöstäsi! Ehdotus on käsitelty"
    )
    (notice,) = world.notices(number)
    assert notice.startswith("Ehdotuksesi on käsitelty, eikä sitä tällä kertaa julkaista.")
    closes = [r for r in fake.calls("PATCH", rf"/issues/{number}$")]
    assert [r.json for r in closes] == [{"state": "closed", "state_reason": "not_planned"}]
    world.assert_rerun_changes_nothing()


def test_ignored_events_make_no_api_calls(world: World) -> None:
    fake = world.fake
    other = fake.add_issue(title="Bugi", body="Sivu ei toimi", labels=["bug"])
    assert world.event("opened", other) == 0
    number = world.propose()
    fake.update_issue(number, labels=["ehdotus", "tarvitsee-korjausta"], by=BOT_LOGIN)
    assert world.event("labeled", number, sender=BOT_LOGIN, label="tarvitsee-korjausta") == 0
    assert world.event("assigned", number) == 0
    assert fake.requests == []


def test_a_proposal_run_answers_proposals_left_unanswered(world: World) -> None:
    fake = world.fake
    missed = [world.propose(), world.propose(title="Ok")]
    number = world.propose()
    assert world.event("opened", number) == 0
    assert world.bot_comment(missed[0]).startswith("Kiitos ehdotuksestasi! Ehdotuksessa on")
    assert fake.labels(missed[1]) == ["ehdotus", "tarvitsee-korjausta"]
    assert world.notices(missed[0]) == []
    world.assert_rerun_changes_nothing()
    # one opened minutes ago may have its own run under way: it is left to that run
    recent = world.propose()
    opened = dt.datetime.fromisoformat(fake.issue(recent)["updated_at"].replace("Z", "+00:00"))
    world.monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(opened.timestamp()) + 9 * 60))
    assert world.event("opened", number) == 0
    assert fake.comments(recent) == []
    world.monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(opened.timestamp()) + 11 * 60))
    assert world.event("opened", number) == 0
    assert world.bot_comment(recent).startswith("Kiitos ehdotuksestasi!")


# ---------------------------------------------------------------------------- registrations


def test_registrations_capacity_waiting_list_cancellation_and_late(world: World) -> None:
    fake = world.fake
    a = world.register("2025-03-01T10:00:00Z", participants="3", organisation="Öljy Oy")
    b = world.register("2025-03-02T10:00:00Z", participants="3", organisation="Alfa Oy")
    c = world.register("2025-03-03T10:00:00Z", participants="1", show_name="Ei")
    k = world.register(
        "2025-03-04T10:00:00Z", workshop="Kauppa ja matkailu", organisation="Ääni Oy"
    )
    late = world.register("2025-03-10T22:00:00Z")  # 11.3. 00.00 in Helsinki
    bad = world.register("2025-03-05T10:00:00Z", organisation=None)
    for number in (a, b, c, k, late, bad):
        assert world.event("opened", number) == 0
    confirmed = "**Ilmoittautumisesi on vahvistettu**:"
    assert f"{confirmed} 3 henkilöä työpajaan Teollisuus." in world.bot_comment(a)
    assert "**jonossa sijalla 1**" in world.bot_comment(b)
    assert "**jonossa sijalla 2**" in world.bot_comment(c)
    assert "**Ilmoittautumisesi on vahvistettu**: 2 henkilöä työpajaan Kauppa ja matkailu" in (
        world.bot_comment(k)
    )
    assert "**ilmoittautuminen saapui määräajan jälkeen**" in world.bot_comment(late)
    assert "**Organisaatio**: kohta on pakollinen" in world.bot_comment(bad)
    assert fake.labels(bad) == ["ilmoittautuminen", "tarvitsee-korjausta"]
    assert fake.labels(late) == ["ilmoittautuminen"]

    (pull,) = pulls_of(fake, "ilmoittautumiset/2025")
    assert pull["title"] == "Ilmoittautumiset 2025" and pull["state"] == "open"
    path = "content/registrations/2025.yml"
    teollisuus, kauppa = world.content_with(pull["head"], path).registrations[2025].workshops
    assert (teollisuus.participants, teollisuus.waiting, teollisuus.organisations) == (
        3,
        4,
        ["Öljy Oy"],
    )
    assert (kauppa.participants, kauppa.organisations) == (2, ["Ääni Oy"])
    world.assert_rerun_changes_nothing()

    fake.update_issue(a, state="closed", state_reason="not_planned", by=SENDER)
    assert world.event("closed", a, sender=SENDER) == 0
    assert "**peruttu**" in world.bot_comment(a)
    assert "**Ilmoittautumisesi on vahvistettu**: 3 henkilöä" in world.bot_comment(b)
    assert "**Ilmoittautumisesi on vahvistettu**: 1 henkilö" in world.bot_comment(c)
    # the summary was edited, which notifies nobody: a new comment tells the news
    assert world.notices(b) == [
        "Hyviä uutisia! Työpajaan Teollisuus vapautui tilaa, ja **paikkasi on nyt"
        " vahvistettu** (3 henkilöä). Tapahtuman tiedot ovat ylempänä olevassa viestissä."
    ]
    assert len(world.notices(c)) == 1
    assert world.notices(a) == [] and world.notices(k) == []
    (same,) = pulls_of(fake, "ilmoittautumiset/2025")
    assert same["number"] == pull["number"]
    registrations = world.content_with(pull["head"], path).registrations[2025]
    teollisuus, kauppa = registrations.workshops
    assert (teollisuus.participants, teollisuus.waiting, teollisuus.organisations) == (
        4,
        0,
        ["Alfa Oy"],
    )
    assert registrations.updated == dt.date(2025, 3, 11)  # the cancellation (after the late one)
    world.assert_rerun_changes_nothing()

    assert world.edit(bad, organisation="Beta Oy") == 0
    assert fake.labels(bad) == ["ilmoittautuminen"]
    assert "**jonossa sijalla 1**" in world.bot_comment(bad)  # 4 + 2 > 5
    world.assert_rerun_changes_nothing("sync")

    fake.merge_pull(pull["number"], by=EDITOR)
    new = world.register("2025-03-06T10:00:00Z", workshop="Kauppa ja matkailu")
    assert world.event("opened", new) == 0
    open_pulls = [p for p in pulls_of(fake, "ilmoittautumiset/2025") if p["state"] == "open"]
    assert len(open_pulls) == 1 and open_pulls[0]["number"] != pull["number"]
    kauppa = world.content_with("ilmoittautumiset/2025", path).registrations[2025].workshops[1]
    assert kauppa.participants == 4


def test_a_run_answers_every_registration_whose_run_was_cancelled(world: World) -> None:
    fake = world.fake
    numbers = [world.register(f"2025-03-0{day}T10:00:00Z") for day in range(1, 6)]
    # the first four runs were pending and got cancelled: only the fifth runs
    assert world.event("opened", numbers[-1]) == 0
    assert "**Ilmoittautumisesi on vahvistettu**: 2 henkilöä" in world.bot_comment(numbers[0])
    assert "**Ilmoittautumisesi on vahvistettu**: 2 henkilöä" in world.bot_comment(numbers[1])
    for number in numbers[2:]:
        assert "**jonossa sijalla" in world.bot_comment(number)
    # the bot's comments came from one list of the repository's comments
    (listing,) = fake.calls("GET", r"/issues/comments$")
    assert listing.query["since"] == "2025-03-01T10:00:00Z"  # the edition's first registration
    assert fake.calls("GET", r"/issues/\d+/comments$") == []
    world.assert_rerun_changes_nothing()
    # an answer that is out of date (e.g. a run that failed half-way) is corrected too
    comment = next(c for c in fake.comments(numbers[0]) if c["body"].startswith(MARKER))
    fake.update_comment(comment["id"], f"{MARKER}\nVanha vastaus")
    assert world.event("opened", numbers[-1]) == 0
    assert "**Ilmoittautumisesi on vahvistettu**" in world.bot_comment(numbers[0])


def test_a_run_answers_at_most_the_bound_besides_its_own(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("talkoot.github.action.CATCH_UP_LIMIT", 2)
    numbers = [world.register(f"2025-03-0{day}T10:00:00Z") for day in range(1, 6)]
    assert world.event("opened", numbers[-1]) == 0
    answered = [n for n in numbers if world.fake.comments(n)]
    assert answered == [numbers[0], numbers[1], numbers[-1]]
    assert world.cli("sync") == 0  # the daily sync has no bound
    assert all(world.fake.comments(n) for n in numbers)


def test_catching_up_leaves_a_reserve_of_the_rate_limit(world: World) -> None:
    numbers = [world.register(f"2025-03-0{day}T10:00:00Z") for day in range(1, 6)]
    world.fake.set_rate_limit(remaining=103)  # 3 calls, and the reserve is reached
    assert world.event("opened", numbers[-1]) == 0
    assert [n for n in numbers if world.fake.comments(n)] == [numbers[-1]]
    assert world.fake.pulls()  # the run's own work is done


def test_one_registration_per_account_and_workshop(world: World) -> None:
    fake = world.fake
    first = world.register("2025-03-01T10:00:00Z", user="yritys", participants="1")
    second = world.register("2025-03-02T10:00:00Z", user="yritys", participants="3")
    other = world.register("2025-03-03T10:00:00Z", user="yritys", workshop="Kauppa ja matkailu")
    assert world.event("opened", second) == 0
    assert "**Ilmoittautumisesi on vahvistettu**: 1 henkilö" in world.bot_comment(first)
    text = world.bot_comment(second)
    assert text.startswith(
        "Kiitos ilmoittautumisesta! Olet jo ilmoittautunut työpajaan Teollisuus"
        f" ilmoittautumisella #{first}, joten tätä **toista ilmoittautumista ei oteta mukaan**."
    )
    assert f"muokkaa ilmoittautumista #{first}" in text
    assert "**Ilmoittautumisesi on vahvistettu**: 2 henkilöä työpajaan Kauppa ja matkailu" in (
        world.bot_comment(other)
    )
    path = "content/registrations/2025.yml"
    teollisuus, kauppa = (
        world.content_with("ilmoittautumiset/2025", path).registrations[2025].workshops
    )
    assert (teollisuus.participants, teollisuus.waiting, kauppa.participants) == (1, 0, 2)
    world.assert_rerun_changes_nothing()
    # the first one cancelled: the account's second registration counts
    fake.update_issue(first, state="closed", state_reason="not_planned", by="yritys")
    assert world.event("closed", first, sender="yritys") == 0
    assert "**Ilmoittautumisesi on vahvistettu**: 3 henkilöä työpajaan Teollisuus" in (
        world.bot_comment(second)
    )
    teollisuus = world.content_with("ilmoittautumiset/2025", path).registrations[2025].workshops[0]
    assert teollisuus.participants == 3


def test_an_editor_may_register_several_companies(world: World) -> None:
    first = world.register("2025-03-01T10:00:00Z", user=EDITOR, organisation="Alfa Oy")
    second = world.register("2025-03-02T10:00:00Z", user=EDITOR, organisation="Beta Oy")
    assert world.event("opened", second) == 0
    assert "**Ilmoittautumisesi on vahvistettu**" in world.bot_comment(first)
    assert "**Ilmoittautumisesi on vahvistettu**" in world.bot_comment(second)


def test_registrations_are_frozen_after_the_event(world: World) -> None:
    number = world.register("2025-03-01T10:00:00Z")
    after = int(dt.datetime(2025, 4, 11, 10, 0, tzinfo=dt.UTC).timestamp())
    world.monkeypatch.setenv("SOURCE_DATE_EPOCH", str(after))
    assert world.event("opened", number) == 0
    assert world.fake.comments(number) == [] and world.fake.pulls() == []
    assert world.cli("sync") == 0
    assert world.fake.comments(number) == [] and world.fake.pulls() == []


# ---------------------------------------------------------------------------- sync, labels


def test_sync_catches_up_on_missed_events(world: World) -> None:
    fake = world.fake
    valid = world.propose()
    invalid = world.propose(title="Ok")
    approved = world.propose(title="Hyväksytty jo")
    fake.update_issue(approved, labels=["ehdotus", "hyväksytty"], by=EDITOR)
    registration = world.register("2025-03-02T10:00:00Z")
    for _ in range(3):  # more than one page of comments on the valid one
        fake.add_comment(valid, "Hyvä idea!", user="naapuri")
    assert world.cli("sync") == 0
    assert world.bot_comment(valid).startswith("Kiitos ehdotuksestasi! Ehdotuksessa on kaikki")
    assert fake.labels(invalid) == ["ehdotus", "tarvitsee-korjausta"]
    (proposal_pull,) = pulls_of(fake, f"ehdotus/{approved}")
    path = f"content/proposals/2025/{approved}-hyvaksytty-jo.yml"
    (proposal,) = world.content_with(f"ehdotus/{approved}", path).proposals
    assert proposal.history[0].date == dt.date(2025, 3, 5)  # the sync's day
    assert "**Ilmoittautumisesi on vahvistettu**" in world.bot_comment(registration)
    assert len(pulls_of(fake, "ilmoittautumiset/2025")) == 1
    assert proposal_pull["state"] == "open"
    world.assert_rerun_changes_nothing("sync")
    world.assert_rerun_changes_nothing("sync", "--all")


def test_labels_command(world: World) -> None:
    fake = world.fake
    world.fresh_repository()
    fake.add_label("tarvitsee-korjausta")  # made grey by an earlier add_labels
    assert world.cli("labels") == 0
    assert fake.label("hyväksytty") == {
        "name": "hyväksytty",
        "color": "0e8a16",
        "description": "Ehdotus on hyväksytty julkaistavaksi",
        "default": False,
    }
    fix = fake.label("tarvitsee-korjausta")
    assert fix is not None and fix["color"] == "d93f0b"
    assert sorted(fake.labels()) == sorted(
        ["ehdotus", "ilmoittautuminen", "tarvitsee-korjausta", "hyväksytty", "hylätty"]
    )
    world.assert_rerun_changes_nothing("labels")


# ---------------------------------------------------------------------------- faults


def test_server_errors_are_retried(world: World) -> None:
    fake = world.fake
    number = world.propose()
    fake.fail_server_error("GET", rf"/issues/{number}$", times=2, html=True)
    fake.fail_server_error("POST", rf"/issues/{number}/comments$", times=2)
    assert world.event("opened", number) == 0
    assert world.bot_comment(number)  # exactly one comment
    assert fake.pending_faults() == []
    assert world.sleeps == [0.01, 0.02, 0.01, 0.02]
    world.assert_rerun_changes_nothing()


def test_a_timeout_after_the_comment_was_made_does_not_duplicate_it(world: World) -> None:
    fake = world.fake
    number = world.propose()
    fake.fail_timeout("POST", rf"/issues/{number}/comments$", hold=2.5, apply=True)
    fake.fail_timeout("GET", r"/pulls$", hold=2.5)
    fake.fail_disconnect("GET", rf"/issues/{number}$")
    assert world.event("opened", number) == 0
    assert world.bot_comment(number)
    assert len(fake.calls("POST", rf"/issues/{number}/comments$")) == 1
    assert world.label(number, "hyväksytty") == 0
    assert fake.pending_faults() == []
    assert len(fake.pulls()) == 1


def test_secondary_rate_limit_honours_retry_after(world: World) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    fake.fail_secondary_rate_limit("PUT", r"/contents/", retry_after=3)
    fake.fail_secondary_rate_limit("GET", r"/pulls$", retry_after=None, status=429)
    assert world.label(number, "hyväksytty") == 0
    assert 3.0 in world.sleeps and 60.0 in world.sleeps
    assert len(fake.pulls()) == 1


def test_a_short_primary_rate_limit_is_waited_out(world: World) -> None:
    fake = world.fake
    number = world.propose()
    fake.fail_rate_limit("GET", rf"/issues/{number}/comments$", reset_in=2)
    assert world.event("opened", number) == 0
    assert len(world.sleeps) == 1 and 1.0 < world.sleeps[0] <= 4.0
    assert world.bot_comment(number)


def test_a_long_primary_rate_limit_exits_1_with_a_clear_message(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = world.fake
    number = world.propose()
    fake.fail_rate_limit("GET", rf"/issues/{number}$", reset_in=3600)
    assert world.event("opened", number) == 1
    err = capsys.readouterr().err
    assert "GitHubin API-kutsujen raja on käytetty loppuun" in err
    assert f"/issues/{number} -> 403" in err and "aja komento uudelleen" in err
    assert "Traceback" not in err
    assert world.sleeps == [] and fake.comments(number) == []
    assert world.again() == 0  # the limit has "reset": the re-run does the work
    assert world.bot_comment(number)


def test_a_lasting_connection_failure_exits_1_without_a_traceback(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    number = world.propose()
    world.fake.fail_disconnect("GET", rf"/issues/{number}/comments$", times=4)
    assert world.event("opened", number) == 1
    err = capsys.readouterr().err
    assert (
        f"GitHub-kutsu epäonnistui: GET /repos/lappeenranta/talkoot/issues/{number}/comments" in err
    )
    assert "yhteysvirhe" in err and "Traceback" not in err
    assert world.again() == 0
    assert world.bot_comment(number)


@pytest.mark.parametrize("failing", ["PUT", "POST"])
def test_a_rerun_after_a_failure_mid_flow_completes_the_work(
    world: World, capsys: pytest.CaptureFixture[str], failing: str
) -> None:
    fake = world.fake
    number = world.propose()
    world.event("opened", number)
    target = r"/contents/" if failing == "PUT" else r"/pulls$"
    fake.fail_server_error(failing, target, times=4)  # every attempt
    assert world.label(number, "hyväksytty") == 1
    err = capsys.readouterr().err
    assert f"GitHub-kutsu epäonnistui: {failing} " in err and "-> 502" in err
    assert "Traceback" not in err
    branch = f"ehdotus/{number}"
    assert branch in fake.branches() and fake.pulls() == []
    assert world.again() == 0
    (pull,) = fake.pulls()
    assert pull["head"] == branch
    tip = fake.branches()[branch]
    assert fake.commit(tip)["parents"] == [fake.branches()["main"]]  # one commit, not two
    assert f"Pull request #{pull['number']}" in world.bot_comment(number)
    world.assert_rerun_changes_nothing()


# ---------------------------------------------------------------------------- console entry


def test_the_console_command_runs_as_a_subprocess(world: World, tmp_path: Path) -> None:
    fake = world.fake
    number = world.propose()
    event = fake.write_event(tmp_path / "event.json", "opened", number)
    command = Path(sys.executable).with_name("talkoot")
    assert command.is_file()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    env.update(fake.env(event))
    result = subprocess.run(
        [str(command), "ingest"],
        cwd=world.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"#{number}: opened" in result.stderr
    assert "GitHub API -kutsuja: 5" in result.stderr
    assert world.bot_comment(number).startswith("Kiitos ehdotuksestasi!")


# ---------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_travel_unchanged_into_the_content_file(world: World, value: str) -> None:
    fake = world.fake
    title = as_title(value) or "Vihamielinen syöte"
    organisation = as_input(value) or "Esimerkki Oy"
    number = world.propose(
        title=title, challenge=value, action=value, impact=value, organisation=organisation
    )
    assert world.event("opened", number) == 0
    assert world.label(number, "hyväksytty") == 0
    (pull,) = fake.pulls()
    (path,) = [p for p in fake.files(pull["head"]) if p.startswith("content/proposals/")]
    assert path.startswith(f"content/proposals/2025/{number}")
    assert all(c.isascii() and (c.isalnum() or c in "-.") for c in path.rsplit("/", 1)[1])
    (proposal,) = world.content_with(pull["head"], path).proposals
    assert (proposal.title, proposal.challenge, proposal.action, proposal.impact) == (
        title,
        value,
        value,
        value,
    )
    assert proposal.organisation == organisation
    comment = world.bot_comment(number)
    if len(value) > 3:
        assert value not in comment  # user text is never echoed
    assert "@mention" not in comment and "<script" not in comment
    if "@" in title:
        assert pull["title"].startswith(f"Ehdotus #{number}: `")


def test_a_60000_character_text_is_refused_with_the_bound(world: World) -> None:
    number = world.propose(challenge=LONG_TEXT)
    assert world.event("opened", number) == 0
    assert (
        "**Haaste tai pullonkaula**: teksti on liian pitkä (60\u00a0000 merkkiä, enintään"
        " 3\u00a0000)." in world.bot_comment(number)
    )
    assert world.label(number, "hyväksytty") == 0
    assert world.fake.pulls() == []


def test_registrations_for_sessions_with_their_own_days_and_deadlines(
    sessions_world: World,
) -> None:
    world, fake = sessions_world, sessions_world.fake
    # the form lists the sessions that take registrations, in time order, with their day
    assert world.registration_form.element("workshop").options == (
        "Kauppa ja matkailu (ke 2.4.2025)",
        "Teollisuus (ti 8.4.2025)",
    )
    today = world.register("2025-03-01T10:00:00Z", workshop="Teollisuus (ti 8.4.2025)")
    bare = world.register("2025-03-02T10:00:00Z", workshop="Teollisuus", participants="1")
    moved = world.register(
        "2025-03-02T11:00:00Z", workshop="Teollisuus (ti 1.4.2025)", participants="1"
    )  # an earlier form, before the session moved
    late = world.register("2025-03-08T10:00:00Z", workshop="Teollisuus (ti 8.4.2025)")
    in_time = world.register("2025-03-08T10:00:00Z", workshop="Kauppa ja matkailu (ke 2.4.2025)")
    cancelled = world.register("2025-03-02T10:00:00Z", workshop="Sote-ala (to 3.4.2025)")
    unknown = world.register("2025-03-02T10:00:00Z", workshop="Rakentaminen (ti 8.4.2025)")
    for number in (today, bare, moved, late, in_time, cancelled, unknown):
        assert world.event("opened", number) == 0
    assert "**Ilmoittautumisesi on vahvistettu**: 2 henkilöä työpajaan Teollisuus." in (
        world.bot_comment(today)
    )
    assert "Teollisuus ti 8.4.2025 klo 13.00–15.00, Lappeenrannan kaupungintalo" in (
        world.bot_comment(today)
    )
    confirmed = "**Ilmoittautumisesi on vahvistettu**: 1 henkilö työpajaan Teollisuus."
    assert confirmed in world.bot_comment(bare)
    assert confirmed in world.bot_comment(moved)
    # the session's own deadline (7.3.), not the edition's (10.3.)
    assert (
        "**ilmoittautuminen saapui määräajan jälkeen**: työpajan Teollisuus"
        " ilmoittautumisaika päättyi 7.3.2025" in world.bot_comment(late)
    )
    assert "verkossa, Microsoft Teams: linkki kerrotaan tässä keskustelussa" in (
        world.bot_comment(in_time)
    )
    assert "**työpaja Sote-ala on peruttu**" in world.bot_comment(cancelled)
    assert fake.labels(cancelled) == ["ilmoittautuminen"]
    assert "valitse jokin lomakkeen vaihtoehdoista (Kauppa ja matkailu (ke 2.4.2025)," in (
        world.bot_comment(unknown)
    )
    path = "content/registrations/2025.yml"
    registrations = world.content_with("ilmoittautumiset/2025", path).registrations[2025]
    counts = {w.workshop: (w.participants, w.waiting) for w in registrations.workshops}
    assert counts == {"teollisuus": (4, 0), "kauppa-ja-matkailu": (2, 0), "sote-ala": (0, 0)}
    world.assert_rerun_changes_nothing("sync")
