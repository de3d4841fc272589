"""Callback notes shared with KISS, ITA and other consoles, on the fake AND the real Open Klant.

Each scenario runs twice (``peer`` ids ``fake`` and ``real``); the real run is marked
``openklant``. What is asserted is what a colleague would see: ITA finding the note under their
e-mail with name, numbers and question; a KISS contactverzoek in the callback list with number
and deadline; a close on either side showing on the other with the closer's name.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta

import httpx
import pytest

from console.clock import FakeClock
from console.domain.callbacks import AttemptOutcome, CallbackDraft
from console.domain.model import Owner
from tests.conftest import TUESDAY_MORNING
from tests.klantinteracties_peers import (
    Http,
    console,
    email_ident,
    group_ident,
    ita_close,
    kiss_contactverzoek,
    organisation,
    peer,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.klantinteracties
EXPAND = (
    "leiddeTotInterneTaken,gingOverOnderwerpobjecten,hadBetrokkenen,"
    "hadBetrokkenen.digitaleAdressen,hadBetrokkenen.wasPartij"
)


def run(coro):
    return asyncio.run(coro)


def timeline_texts(entries) -> list[str]:
    return [e.text for e in entries]


def test_ita_finds_a_console_note_under_the_colleagues_email(tmp_path, peer):  # noqa: F811
    org = organisation()
    bram = org.colleague("c02")
    clock = FakeClock(TUESDAY_MORNING)

    async def scenario():
        async with console(tmp_path / "a.sqlite3", peer, org, "c01", clock=clock) as a:
            draft = CallbackDraft(
                resident_name="Jan de Vries",
                phone="06 12345678",
                email="jan@example.nl",
                summary="Wil weten of zijn aanvraag voor een scootmobiel al is goedgekeurd.",
                best_time="na 14:00",
                target_kind="colleague",
                target_id="c02",
            )
            note = await a.callbacks.create(draft, check=None, confirm_duplicates=True)
            await a.engine.sync_once()
            return note, await a.engine.waiting()

    note, waiting = run(scenario())
    assert waiting == 0
    http = Http(peer)
    try:
        # ITA: "my" actors by e-mail, then my open tasks, then the contact with expand.
        actors = http.get(
            "/actoren",
            actoridentificatorObjectId=bram.email,
            actoridentificatorCodeObjecttype="mdw",
            actoridentificatorCodeRegister="msei",
            actoridentificatorCodeSoortObjectId="email",
        )["results"]
        assert [a["naam"] for a in actors] == ["Bram de Wit"]
        tasks = http.get(
            "/internetaken", toegewezenAanActor__uuid=actors[0]["uuid"], status="te_verwerken"
        )["results"]
        assert len(tasks) == 1
        [task] = tasks
        contact = http.get(
            f"/klantcontacten/{task['aanleidinggevendKlantcontact']['uuid']}", expand=EXPAND
        )
        # The team sees it too: the colleague's desk is the second actor.
        team = http.get(
            "/actoren",
            actoridentificatorObjectId=org.colleague("c02").desk_id,
            actoridentificatorCodeObjecttype="grp",
            actoridentificatorCodeRegister="obj",
            actoridentificatorCodeSoortObjectId="idf",
        )["results"]
    finally:
        http.close()
    assert {r["uuid"] for r in task["toegewezenAanActoren"]} == {
        actors[0]["uuid"],
        team[0]["uuid"],
    }
    assert team[0]["naam"] == org.desk(bram.desk_id).name
    assert task["gevraagdeHandeling"] == "Contact opnemen met betrokkene"
    assert "Beste tijd om te bellen: na 14:00." in task["toelichting"]
    assert contact["onderwerp"] == note.summary  # the question, whole
    assert contact["kanaal"] == "telefoon"
    [person] = contact["_expand"]["hadBetrokkenen"]
    assert person["volledigeNaam"] == "Jan de Vries"
    addresses = {
        (a["soortDigitaalAdres"], a["adres"]) for a in person["_expand"]["digitaleAdressen"]
    }
    assert addresses == {("telefoonnummer", "+31612345678"), ("email", "jan@example.nl")}
    # Who made it, by name (KISS shows the agent of the contact).
    assert [a["naam"] for a in contact["hadBetrokkenActoren"]] == ["Anna Jansen"]


def test_kiss_contactverzoeken_for_me_and_my_team_become_callback_notes(tmp_path, peer):  # noqa: F811
    org = organisation()
    anna = org.colleague("c01")
    clock = FakeClock(TUESDAY_MORNING)
    made = TUESDAY_MORNING.astimezone(UTC).isoformat().replace("+00:00", "Z")
    http = Http(peer)
    try:
        kiss_agent = http.actor(
            email_ident(f"kiss-{anna.email}"), soort="medewerker", naam="Karin KISS"
        )
        me = http.actor(email_ident(anna.email), soort="medewerker", naam="Anna Jansen")
        team = http.actor(group_ident(anna.desk_id), soort="organisatorische_eenheid", naam="KCC")
        ita = http.actor(
            email_ident(anna.email, "handmatig"), soort="medewerker", naam="Anna Jansen (ITA)"
        )
        mine = kiss_contactverzoek(
            http,
            agent_actor=kiss_agent,
            targets=[me],
            question="Vraag over de afvalpas",
            name={"voornaam": "Piet", "achternaam": "Bakker"},
            phone="0612345678",
            explanation="Inwoner is zijn afvalpas kwijt, wil een nieuwe.",
            at=made,
        )
        ours = kiss_contactverzoek(
            http,
            agent_actor=kiss_agent,
            targets=[team],
            question="Vraag over de parkeervergunning",
            name={"voornaam": "Els", "achternaam": "Smit"},
            phone="0687654321",
            explanation="Bel liefst in de ochtend.",
            at=made,
        )
    except BaseException:
        http.close()
        raise

    async def scenario():
        async with console(tmp_path / "a.sqlite3", peer, org, "c01", clock=clock) as a:
            heard = []
            unsubscribe = a.callbacks.subscribe(heard.append)
            await a.engine.sync_once()
            my_notes = await a.callbacks.my_notes()
            desk_notes = await a.callbacks.desk_notes()
            # ITA closes mine; the console closes the team's.
            ita_close(
                http, original=mine[0], task=mine[1], actor=ita, text="Nieuwe pas besteld.", at=made
            )
            team_note = next(n for n in desk_notes if n.assignee == Owner.desk(anna.desk_id))
            await a.callbacks.close(team_note.id, "Vergunning verlengd.")
            await a.engine.sync_once()
            await a.engine.sync_once()
            closed_mine = await a.callbacks.get(my_notes[0].id)
            history = await a.callbacks.history(my_notes[0].id)
            unsubscribe()
            return my_notes, desk_notes, heard, closed_mine, history, team_note

    try:
        my_notes, desk_notes, heard, closed_mine, history, team_note = run(scenario())
        team_task = http.get(f"/internetaken/{ours[1]}")
        chained = http.get("/onderwerpobjecten", wasKlantcontact__uuid=ours[0])["results"]
        outcome = http.get(f"/klantcontacten/{chained[-1]['klantcontact']['uuid']}")
    finally:
        http.close()
    [note] = my_notes
    assert note.resident_name == "Piet Bakker" and note.phones == ("0612345678",)
    assert "Vraag over de afvalpas" in note.summary
    assert "afvalpas kwijt" in note.summary  # the toelichting reaches the colleague
    # N1 from when it was made (Tuesday): the end of Wednesday, not "overdue at once".
    assert note.deadline > TUESDAY_MORNING and note.deadline.date().isoformat() == "2026-12-02"
    assert {n.resident_name for n in desk_notes} >= {"Els Smit"}
    assert any(n.entity == "callback_note" for n in heard)  # the callback list hears of it
    # Closed in ITA → closed here, with the closer's name and the outcome.
    assert not closed_mine.is_open and closed_mine.outcome_text == "Nieuwe pas besteld."
    assert any("Anna Jansen (ITA)" in t for t in timeline_texts(history))
    # Closed here → closed in Open Klant, with an ITA-style chained contact by our colleague.
    assert team_task["status"] == "verwerkt" and team_task["afgehandeldOp"]
    assert team_task["toelichting"] == "Bel liefst in de ochtend."  # KISS's text kept
    assert outcome["inhoud"] == "Vergunning verlengd."
    assert [a["naam"] for a in outcome["hadBetrokkenActoren"]] == ["Anna Jansen"]
    assert team_note.phones == ("0687654321",)


def test_two_consoles_share_a_note_across_desks(tmp_path, peer):  # noqa: F811
    """N3 across desks: A makes a note for B's team; B calls, closes; A sees who and what."""
    org = organisation()
    bram = org.colleague("c02")
    clock = FakeClock(TUESDAY_MORNING)

    async def scenario():
        async with (
            console(tmp_path / "a.sqlite3", peer, org, "c01", clock=clock, seed=1) as a,
            console(tmp_path / "b.sqlite3", peer, org, "c02", clock=clock, seed=2) as b,
        ):
            draft = CallbackDraft(
                resident_name="Fatima El Amrani",
                phone="0612312312",
                summary="Vraagt hoe het staat met haar Wmo-aanvraag.",
                target_kind="desk",
                target_id=bram.desk_id,
            )
            made = await a.callbacks.create(draft, check=None, confirm_duplicates=True)
            await a.engine.sync_once()
            await b.engine.sync_once()
            seen_by_b = await b.callbacks.desk_notes()
            clock.advance(timedelta(minutes=30))
            await b.callbacks.log_attempt(made.id, AttemptOutcome.NOT_REACHED, "geen gehoor")
            clock.advance(timedelta(minutes=30))
            await b.callbacks.close(made.id, "Aanvraag is goedgekeurd, inwoner geïnformeerd.")
            await b.engine.sync_once()
            await a.engine.sync_once()
            at_a = await a.callbacks.get(made.id)
            history = await a.callbacks.history(made.id)
            return made, seen_by_b, at_a, history

    made, seen_by_b, at_a, history = run(scenario())
    assert [n.id for n in seen_by_b] == [made.id]
    assert seen_by_b[0].resident_name == "Fatima El Amrani"
    assert seen_by_b[0].phones == ("+31612312312",)
    assert not at_a.is_open
    assert at_a.outcome_text == "Aanvraag is goedgekeurd, inwoner geïnformeerd."
    closed = [t for t in timeline_texts(history) if t.startswith("Afgehandeld door")]
    assert closed and "Bram de Wit" in closed[-1]


def test_a_task_for_an_unknown_actor_and_my_team_arrives_and_the_sync_goes_on(tmp_path, peer):  # noqa: F811
    """An actor without identificator (four empty strings) used to build Owner.desk("")."""
    org = organisation()
    anna = org.colleague("c01")
    clock = FakeClock(TUESDAY_MORNING)
    made = TUESDAY_MORNING.astimezone(UTC).isoformat().replace("+00:00", "Z")
    http = Http(peer)
    try:
        nobody = http.post(
            "/actoren", {"naam": "Balie", "soortActor": "medewerker", "indicatieActief": True}
        )["uuid"]
        team = http.actor(group_ident(anna.desk_id), soort="organisatorische_eenheid", naam="KCC")
        kiss_contactverzoek(
            http,
            agent_actor=nobody,
            targets=[nobody, team],
            question="Vraag over de hondenbelasting",
            name={"voornaam": "Kees", "achternaam": "Mol"},
            phone="0611122233",
            explanation="Terugbellen graag.",
            at=made,
        )
    finally:
        http.close()

    async def scenario():
        async with console(tmp_path / "a.sqlite3", peer, org, "c01", clock=clock) as a:
            first = await a.engine.sync_once()
            second = await a.engine.sync_once()
            return first, second, await a.callbacks.desk_notes()

    first, second, notes = run(scenario())
    assert first.pulled == 1 and second.pulled == 0
    [note] = notes
    assert note.assignee == Owner.desk(anna.desk_id) and note.resident_name == "Kees Mol"


class Killed(BaseException):
    """The console process dies here (nothing in the console catches a BaseException)."""


class KillAfterCombinedCreate(httpx.AsyncHTTPTransport):
    """Real HTTP; the console "dies" the moment ``/maak-klantcontact`` has been answered."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        if request.url.path.endswith("/maak-klantcontact"):
            await response.aread()
            raise Killed  # the klantcontact and betrokkene are on the server; nothing else is
        return response


def test_a_note_killed_after_its_combined_create_is_completed_once(tmp_path, peer):  # noqa: F811
    """A new note's klantcontact and betrokkene go out in one request; a console killed right
    after it (before the agent link, numbers and task) finishes the note on its next start,
    and the colleague finds everything exactly once."""
    org = organisation()
    bram = org.colleague("c02")
    clock = FakeClock(TUESDAY_MORNING)
    store = tmp_path / "a.sqlite3"

    async def scenario():
        async with console(
            store, peer, org, "c01", clock=clock, transport=KillAfterCombinedCreate()
        ) as a:
            draft = CallbackDraft(
                resident_name="Kees van Dijk",
                phone="0612312312",
                phone2="0345123456",
                email="kees@example.nl",
                summary="Wil weten wanneer de container wordt geleegd.",
                target_kind="desk",
                target_id=bram.desk_id,
            )
            made = await a.callbacks.create(draft, check=None, confirm_duplicates=True)
            reference = await a.db.read(
                lambda conn: conn.exec_driver_sql("SELECT reference FROM outbox").scalar_one()
            )
            with pytest.raises(Killed):
                await a.engine.sync_once()
        async with console(store, peer, org, "c01", clock=clock) as again:  # the next start
            await again.engine.sync_once()
            waiting = await again.engine.waiting()
        async with console(tmp_path / "b.sqlite3", peer, org, "c02", clock=clock) as b:
            await b.engine.sync_once()
            seen_by_b = await b.callbacks.desk_notes()
        return made, reference, waiting, seen_by_b

    made, reference, waiting, seen_by_b = run(scenario())
    assert waiting == 0
    assert [n.id for n in seen_by_b] == [made.id]
    # Both numbers (their order on the server follows the parallel writes; see RESULTS.md B10).
    assert sorted(seen_by_b[0].phones) == ["+31345123456", "+31612312312"]
    assert seen_by_b[0].email == "kees@example.nl"
    http = Http(peer)
    try:
        found = http.get("/klantcontacten", referentienummer=reference)["results"]
        assert len(found) == 1 and found[0]["metadata"]["kccId"] == made.id
        uuid = found[0]["uuid"]
        people = http.get("/betrokkenen", hadKlantcontact__uuid=uuid)["results"]
        assert len(people) == 1, "one betrokkene, not one per attempt"
        addresses = http.get("/digitaleadressen", verstrektDoorBetrokkene__uuid=people[0]["uuid"])[
            "results"
        ]
        assert sorted(a["adres"] for a in addresses) == sorted(
            ["+31612312312", "+31345123456", "kees@example.nl"]
        )
        assert (
            len(http.get("/internetaken", aanleidinggevendKlantcontact__uuid=uuid)["results"]) == 1
        )
        links = http.get("/actorklantcontacten", klantcontact__uuid=uuid)["results"]
        assert len(links) == 1, "the agent linked once"
    finally:
        http.close()
