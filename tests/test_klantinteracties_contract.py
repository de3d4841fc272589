"""Contract tests: the adapter against the spec-validating Klantinteracties server.

Every request and response in these tests is checked against the official spec by the server;
the ``klantinteracties_server`` fixture fails the test on any violation.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from console.domain.model import Channel, Outcome, Owner, Status
from console.ports import InternalTask
from integrations.klantinteracties import mapping
from integrations.klantinteracties.client import KlantinteractiesClient
from integrations.klantinteracties.errors import (
    AuthenticationFailed,
    LimitExceeded,
    NotFound,
    Rejected,
)
from tests.klantinteracties_server import spec_path
from tests.klantinteracties_sync import DESK, connected, make_note, seed_server

pytestmark = pytest.mark.klantinteracties


def run(coro):
    return asyncio.run(coro)


def test_the_spec_is_required_and_a_missing_file_fails(monkeypatch, tmp_path):
    monkeypatch.setenv("KCC_KLANTINTERACTIES_SPEC", str(tmp_path / "missing.yaml"))
    with pytest.raises(FileNotFoundError, match="KCC_KLANTINTERACTIES_SPEC"):
        spec_path()


def test_an_interaction_is_created_read_and_updated(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    item = replace(make_note(1), channel=Channel.PHONE, subject="Paspoort aanvragen")

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            created = await c.adapter.create(item, reference="0000000001", task=None, resume=False)
            read = await c.client.request("GET", f"/klantcontacten/{created.link.klantcontact}")
            closed = replace(
                item,
                status=Status.DONE,
                owner=Owner.colleague("c07"),
                outcome=Outcome.ANSWERED,
                closed_at=item.received_at,
            )
            updated = await c.adapter.update(created.link, closed, task=None)
            return created, read, updated

    created, read, updated = run(scenario())
    assert created.link.internetaak is None  # a plain interaction has no task
    assert read["kanaal"] == "telefoon" and read["onderwerp"] == "Paspoort aanvragen"
    assert read["referentienummer"] == "0000000001" and read["metadata"]["kccId"] == item.id
    # The agent is linked to the contact (actorklantcontact).
    assert len(read["hadBetrokkenActoren"]) == 1
    assert updated.status is Status.DONE and updated.closed_by == "c07"
    assert updated.outcome is Outcome.ANSWERED


def test_a_callback_note_is_created_reassigned_and_closed(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    item = make_note(2)
    task = InternalTask(action="Terugbellen over de container", explanation="Na 14:00 bellen")

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            created = await c.adapter.create(item, reference="0000000002", task=task, resume=False)
            open_for_desk = await c.adapter.changes([Owner.desk(DESK)])
            moved = replace(item, owner=Owner.colleague("c03"))
            reassigned = await c.adapter.update(created.link, moved, task=None)
            for_colleague = await c.adapter.changes([Owner.colleague("c03")])
            for_desk_after = await c.adapter.changes([Owner.desk(DESK)])
            done = replace(moved, status=Status.DONE, outcome=Outcome.ANSWERED)
            closed = await c.adapter.update(created.link, done, task=None)
            return created, open_for_desk, reassigned, for_colleague, for_desk_after, closed

    created, open_for_desk, reassigned, for_colleague, for_desk_after, closed = run(scenario())
    assert created.link.internetaak is not None
    assert [s.interaction_id for s in open_for_desk] == [item.id]
    assert open_for_desk[0].assignees == (Owner.desk(DESK),)
    assert reassigned.assignees == (Owner.colleague("c03"),)
    assert [s.interaction_id for s in for_colleague] == [item.id] and for_desk_after == []
    task_row = server.all("internetaken")[0]
    assert task_row["status"] == "verwerkt" and task_row["afgehandeldOp"]
    assert task_row["gevraagdeHandeling"] == "Terugbellen over de container"
    # Who closed it, by name (as KISS and ITA show it), not by the console's internal id.
    assert closed.status is Status.DONE and closed.closed_by == "Chris de Boer"


def test_every_page_of_a_list_is_fetched(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    seed_server(server, 250)

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            before = server.counters.requests
            tasks = await c.client.list_all("/internetaken", page_size=100)
            pages = server.counters.requests - before
            states = await c.adapter.changes([Owner.desk(DESK)])
            return tasks, pages, states

    tasks, pages, states = run(scenario())
    assert len({t["uuid"] for t in tasks}) == 250 and pages == 3
    assert len({s.interaction_id for s in states}) == 250


def test_expand_puts_the_tasks_under_expand(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    seed_server(server, 3)

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            return await c.client.list_all(
                "/klantcontacten", params={"expand": "leiddeTotInterneTaken,hadBetrokkenen"}
            )

    contacts = run(scenario())
    assert len(contacts) == 3
    for contact in contacts:
        expanded = contact["_expand"]["leiddeTotInterneTaken"]
        assert [t["uuid"] for t in expanded] == [
            r["uuid"] for r in contact["leiddeTotInterneTaken"]
        ]
        assert expanded[0]["status"] == "te_verwerken"


def test_the_limits_are_checked_before_anything_is_sent(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    long_subject = replace(make_note(3), subject="x" * 201)
    long_question = replace(make_note(4), question="y" * 1001)
    long_explanation = InternalTask(action="Terugbellen", explanation="z" * 1001)

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            errors = []
            for item, task in (
                (long_subject, None),
                (long_question, None),
                (make_note(5), long_explanation),
            ):
                with pytest.raises(LimitExceeded) as caught:
                    await c.adapter.create(item, reference="0000000003", task=task, resume=False)
                errors.append(caught.value)
            return errors

    errors = run(scenario())
    assert server.counters.requests == 0
    assert [e.field for e in errors] == ["onderwerp", "inhoud", "toelichting"]
    assert "maximaal 200 tekens" in errors[0].message
    # The exact limits themselves are fine.
    mapping.klantcontact_body(replace(make_note(6), subject="x" * 200), reference="1")
    # The phone pattern of the API: 06, +31 and 00 numbers; never 0800/0900/14-numbers.
    assert mapping.check_phone("06 1234 5678") == "0612345678"
    assert mapping.check_phone("+31612345678") == "+31612345678"
    for bad in ("0800-1234", "0900 1234567", "14 0345", "12345"):
        with pytest.raises(LimitExceeded, match="telefoonnummer"):
            mapping.check_phone(bad)


def test_the_server_behaves_like_open_klant_beyond_the_spec(tmp_path, klantinteracties_server):
    server = klantinteracties_server

    async def scenario():
        outcomes = {}
        async with connected(tmp_path / "s.sqlite3", server) as c:
            with pytest.raises(Rejected) as caught:
                await c.client.request("GET", "/klantcontacten", params={"bestaatNiet": "1"})
            outcomes["unknown parameter"] = caught.value
            with pytest.raises(NotFound):
                await c.client.request(
                    "GET", "/klantcontacten/00000000-0000-4000-8000-000000000000"
                )
            with pytest.raises(Rejected) as caught:
                await c.client.request(
                    "POST",
                    "/klantcontacten",
                    json={
                        "kanaal": "telefoon",
                        "onderwerp": "x",
                        "taal": "nld",
                        "vertrouwelijk": False,
                        "referentienummer": "AB12",
                    },
                )
            outcomes["letters in referentienummer"] = caught.value
        bearer = KlantinteractiesClient(base_url=server.root, token="wrong")
        try:
            with pytest.raises(AuthenticationFailed) as caught:
                await bearer.request("GET", "/klantcontacten")
            outcomes["wrong token"] = caught.value
        finally:
            await bearer.aclose()
        return outcomes

    outcomes = run(scenario())
    assert outcomes["letters in referentienummer"].field == "referentienummer"
    assert "kcc-console secrets set klantinteracties" in outcomes["wrong token"].message


def test_a_taken_reference_gets_a_new_one_and_the_note_arrives_once(
    tmp_path, klantinteracties_server
):
    server = klantinteracties_server

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server, seed=9) as c:
            from tests.klantinteracties_sync import add_notes

            [note_id] = await add_notes(c.repo, 1)
            reference = await c.db.read(
                lambda conn: conn.exec_driver_sql("SELECT reference FROM outbox").scalar_one()
            )
            # Someone else's contact already holds the same ten digits (a random collision).
            server.insert(
                "klantcontacten",
                {
                    "kanaal": "balie",
                    "onderwerp": "Iets anders",
                    "taal": "nld",
                    "vertrouwelijk": False,
                    "referentienummer": reference,
                },
            )
            await c.engine.sync_once()
            return note_id, reference, await c.engine.waiting()

    note_id, reference, waiting = run(scenario())
    ours = [k for k in server.all("klantcontacten") if k["metadata"].get("kccId") == note_id]
    assert len(ours) == 1 and ours[0]["referentienummer"] != reference
    assert len(server.all("klantcontacten")) == 2 and waiting == 0


def test_callback_numbers_become_digital_addresses_of_the_resident(
    tmp_path, klantinteracties_server
):
    server = klantinteracties_server
    item = make_note(7)
    task = InternalTask(action="Terugbellen", callback_numbers=("06 1234 5678", "+31345123456"))

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            created = await c.adapter.create(item, reference="0000000007", task=task, resume=False)
            # A retry after a lost answer adds nothing twice.
            again = await c.adapter.create(item, reference="0000000007", task=task, resume=True)
            expanded = await c.client.request(
                "GET",
                f"/klantcontacten/{created.link.klantcontact}",
                params={"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"},
            )
            bad = InternalTask(action="Terugbellen", callback_numbers=("0900-1234567",))
            with pytest.raises(LimitExceeded):
                await c.adapter.create(make_note(8), reference="0000000008", task=bad, resume=False)
            return created, again, expanded

    created, again, expanded = run(scenario())
    assert again.link == created.link
    [betrokkene] = server.all("betrokkenen")
    assert betrokkene["rol"] == "klant" and betrokkene["initiator"] is True
    numbers = sorted(a["adres"] for a in server.all("digitaleadressen"))
    assert numbers == ["+31345123456", "0612345678"]
    assert [b["uuid"] for b in expanded["_expand"]["hadBetrokkenen"]] == [betrokkene["uuid"]]
    assert len(server.all("klantcontacten")) == 1  # the refused note sent nothing
