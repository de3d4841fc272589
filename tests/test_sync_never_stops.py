"""Sync that never stops: odd answers are put aside, the rest is delivered exactly once.

Against the fake (the real server cannot be made to answer HTML or drip): each odd answer is
forged by the server's ``tamper`` hook or by changing its stored records, then taken away again;
the next round must deliver what waited, once.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode

import pytest

from console.ports import RemoteError
from tests.klantinteracties_server import BASE, KlantinteractiesServer
from tests.klantinteracties_sync import DESK, add_notes, connected, seed_server

pytestmark = pytest.mark.klantinteracties


@pytest.fixture
def loose_server():
    """The fake without spec checks: these tests make it break the spec on purpose."""
    server = KlantinteractiesServer(seed=17, validate=False).start()
    yield server
    server.stop()


def run(coro):
    return asyncio.run(coro)


def on_task_list(answer):
    def tamper(method, path, query):
        if method == "GET" and path == f"{BASE}/internetaken" and "status" in query:
            return answer(query)
        return None

    return tamper


def page(query, results, next_url=None):
    return json.dumps({"count": 1, "next": next_url, "previous": None, "results": results})


ODD_LISTS = {
    "html login page": lambda q: (200, b"<html><body>Log in</body></html>", "text/html", ()),
    "empty list": lambda q: (200, b"[]", "application/json", ()),
    "null": lambda q: (200, b"null", "application/json", ()),
    "task without uuid": lambda q: (
        200,
        page(q, [{"status": "te_verwerken"}]).encode(),
        "application/json",
        (),
    ),
    "next points at itself": lambda q: (
        200,
        page(q, [], f"http://127.0.0.1{BASE}/internetaken?{urlencode(q)}").encode(),
        "application/json",
        (),
    ),
}


def ours(server, note_id):
    return [k for k in server.all("klantcontacten") if k["metadata"].get("kccId") == note_id]


@pytest.mark.parametrize("kind", list(ODD_LISTS))
def test_an_unreadable_list_is_put_aside_and_the_rest_is_delivered_once(
    tmp_path, loose_server, kind
):
    server = loose_server
    seed_server(server, 2)

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            [note_id] = await add_notes(c.repo, 1)
            server.tamper = on_task_list(ODD_LISTS[kind])
            try:
                await c.engine.sync_once()  # a whole list unreadable: the round says so
            except RemoteError:
                pass
            delivered_during = len(ours(server, note_id))
            status = await c.engine.status(online=True)
            aside = await c.engine.quarantined()
            server.tamper = None
            report = await c.engine.sync_once()
            count = await c.db.read(
                lambda conn: conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar_one()
            )
            return note_id, delivered_during, status, aside, report, count

    note_id, delivered_during, status, aside, report, count = run(scenario())
    assert delivered_during == 1 and len(ours(server, note_id)) == 1  # once, not twice
    assert status.quarantined == 1 and aside and aside[0].raw  # a person can see what came
    assert report.pulled == 2 and count == 3  # after the fix the pull catches up


def test_one_unreadable_record_does_not_hold_up_the_others(tmp_path, loose_server):
    server = loose_server
    seed_server(server, 3)
    [bad, *_] = server.all("klantcontacten")
    bad["plaatsgevondenOp"] = "gisteren"  # a date nobody can read

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            report = await c.engine.sync_once()
            return report, await c.engine.quarantined()

    report, aside = run(scenario())
    assert report.pulled == 2
    assert [a.message for a in aside] == ["Een datum die niet te lezen is."]
    assert "gisteren" in aside[0].raw


def test_a_task_deleted_on_the_server_is_noticed_once(tmp_path, loose_server):
    server = loose_server
    seed_server(server, 2)

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            await c.engine.sync_once()
            gone = server.all("internetaken")[0]["uuid"]
            with server.lock:
                del server.data["internetaken"][gone]
                server.generation += 1
                server.order["internetaken"].remove(gone)
            await c.engine.sync_once()
            before = server.counters.requests
            await c.engine.sync_once()
            again = server.counters.requests - before
            return await c.engine.quarantined(), again

    aside, again = run(scenario())
    assert [a.message for a in aside] == ["Deze taak is verwijderd uit het klantcontactsysteem."]
    assert again <= 3  # not asked for again every round


def test_a_redirect_waits_and_the_note_goes_out_once_afterwards(tmp_path, loose_server):
    server = loose_server

    def redirect(method, path, query):
        if method == "POST":
            return (302, b"", "text/html", (("Location", "http://127.0.0.1/login"),))
        return None

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server, attempts=2) as c:
            [note_id] = await add_notes(c.repo, 1)
            server.tamper = redirect
            with pytest.raises(RemoteError) as caught:
                await c.engine.sync_once()
            failed = (await c.engine.status(online=False)).failed
            server.tamper = None
            await c.engine.sync_once()
            return note_id, caught.value, failed, await c.engine.waiting()

    note_id, error, failed, waiting = run(scenario())
    assert "door naar een andere pagina" in error.message
    assert failed == 0  # a redirect is no refusal: the note is not marked failed for ever
    assert waiting == 0 and len(ours(server, note_id)) == 1


def test_a_dripping_server_ends_the_round_at_its_deadline(tmp_path, loose_server):
    server = loose_server
    seed_server(server, 1)
    server.tamper = on_task_list(lambda q: (-1, page(q, []).encode(), "application/json", ()))

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server, timeout=0.5, attempts=1) as c:
            with pytest.raises(RemoteError):
                await c.engine.sync_once()
            server.tamper = None
            return await c.engine.sync_once()

    report = run(scenario())
    assert report.pulled == 1


def test_a_refused_note_shows_the_servers_reason_and_goes_out_after_a_retry(tmp_path, loose_server):
    server = loose_server
    refuse = {"on": True}

    def tamper(method, path, query):
        # A new note's klantcontact goes out with its betrokkene (/maak-klantcontact), which
        # names a refused field inside its part, as Open Klant does.
        combined = path == f"{BASE}/maak-klantcontact"
        if method == "POST" and (combined or path == f"{BASE}/klantcontacten") and refuse["on"]:
            field = "klantcontact.kanaal" if combined else "kanaal"
            body = {
                "type": "x",
                "code": "invalid",
                "title": "Ongeldige invoerwaarde.",
                "status": 400,
                "detail": "Ongeldige invoerwaarde.",
                "instance": "urn:x",
                "invalidParams": [
                    {"name": field, "code": "invalid", "reason": "Dit kanaal kennen we niet."}
                ],
            }
            return (400, json.dumps(body).encode(), "application/problem+json", ())
        return None

    server.tamper = tamper

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            [note_id] = await add_notes(c.repo, 1)
            report = await c.engine.sync_once()
            listed = await c.engine.not_sent()
            refuse["on"] = False
            await c.engine.retry(note_id)
            await c.engine.sync_once()
            await c.engine.sync_once()
            return note_id, report, listed, await c.engine.not_sent()

    note_id, report, listed, after = run(scenario())
    assert report.failed == 1
    [entry] = listed
    assert entry.entity_id == note_id and "Dit kanaal kennen we niet." in entry.reason
    assert after == [] and len(ours(server, note_id)) == 1


def test_a_contact_carrying_our_id_does_not_take_over_our_note(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    seed_server(server, 0)

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            [note_id] = await add_notes(c.repo, 1)
            await c.engine.sync_once()
            [mine] = ours(server, note_id)
            # Someone copies our metadata onto a contact of their own, with a task for our desk.
            desk_actor = server.all("actoren")[0]["uuid"]
            copy = server.insert(
                "klantcontacten",
                {
                    "kanaal": "telefoon",
                    "onderwerp": "Iets anders",
                    "taal": "nld",
                    "vertrouwelijk": False,
                    "metadata": {"kccId": note_id, "kccOwner": f"desk:{DESK}"},
                },
            )
            server.insert(
                "internetaken",
                {
                    "gevraagdeHandeling": "x",
                    "aanleidinggevendKlantcontact": {"uuid": copy["uuid"]},
                    "toegewezenAanActoren": [{"uuid": desk_actor}],
                    "status": "te_verwerken",
                },
            )
            await c.engine.sync_once()
            link = await c.db.read(
                lambda conn: conn.exec_driver_sql(
                    "SELECT klantcontact FROM remote_link WHERE interaction_id = ?", (note_id,)
                ).scalar_one()
            )
            subject = await c.db.read(
                lambda conn: conn.exec_driver_sql(
                    "SELECT subject FROM interaction WHERE id = ?", (note_id,)
                ).scalar_one()
            )
            return mine, link, subject

    mine, link, subject = run(scenario())
    assert link == mine["uuid"] and subject != "Iets anders"


def test_an_unreadable_answer_to_a_write_is_looked_up_next_round_not_sent_twice(
    tmp_path, loose_server
):
    server = loose_server
    html_once = {"left": 1}

    def tamper(method, path, query):
        if method == "POST" and path == f"{BASE}/maak-klantcontact" and html_once["left"]:
            html_once["left"] -= 1
            # The write is stored, but the answer is a login page (a proxy in between).
            server.handle("POST", path, {}, json.loads(tamper.body))
            return (200, b"<html>Inloggen</html>", "text/html", ())
        return None

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            [note_id] = await add_notes(c.repo, 1)
            payload = await c.db.read(
                lambda conn: conn.exec_driver_sql("SELECT payload, reference FROM outbox").first()
            )
            from integrations.klantinteracties import mapping
            from offline_cache.outbox import interaction_from_json

            item = interaction_from_json(json.loads(payload[0])["interaction"])
            person = mapping.betrokkene_body("", mapping.default_task(item))
            del person["hadKlantcontact"]
            tamper.body = json.dumps(
                {
                    "klantcontact": mapping.klantcontact_body(item, reference=payload[1]),
                    "betrokkene": person,
                }
            )
            server.tamper = tamper
            await c.engine.sync_once()
            first = await c.engine.status(online=True)
            await c.engine.sync_once()
            return note_id, first, await c.engine.status(online=True)

    note_id, first, final = run(scenario())
    assert first.quarantined == 1 and first.failed == 0 and first.waiting == 1
    assert final.waiting == 0 and len(ours(server, note_id)) == 1


def test_records_sharing_a_contact_or_an_id_in_one_pull_are_each_stored_once(
    tmp_path, klantinteracties_server
):
    """A first pull merges a page in bulk; records that share an id must not break the page.

    One klantcontact with two open tasks for our desk (KISS allows it) is one note; two contacts
    carrying the same ``kccId`` (one copied) are two records. The other notes arrive too.
    """
    server = klantinteracties_server
    seed_server(server, 3)
    desk_actor = server.all("actoren")[0]["uuid"]
    first = server.all("klantcontacten")[0]
    server.insert(
        "internetaken",
        {
            "gevraagdeHandeling": "Nog een keer bellen",
            "aanleidinggevendKlantcontact": {"uuid": first["uuid"]},
            "toegewezenAanActoren": [{"uuid": desk_actor}],
            "status": "te_verwerken",
        },
    )
    copy = server.insert(
        "klantcontacten",
        {
            **{k: first[k] for k in ("kanaal", "taal", "vertrouwelijk", "plaatsgevondenOp")},
            "onderwerp": "Een kopie",
            "inhoud": "Gekopieerd",
            "metadata": dict(first["metadata"]),
        },
    )
    server.insert(
        "internetaken",
        {
            "gevraagdeHandeling": "Terugbellen",
            "aanleidinggevendKlantcontact": {"uuid": copy["uuid"]},
            "toegewezenAanActoren": [{"uuid": desk_actor}],
            "status": "te_verwerken",
        },
    )

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            report = await c.engine.sync_once()
            again = await c.engine.sync_once()
            rows = await c.db.read(
                lambda conn: conn.exec_driver_sql(
                    "SELECT i.subject, l.klantcontact FROM interaction i "
                    "JOIN remote_link l ON l.interaction_id = i.id ORDER BY i.subject"
                ).all()
            )
            return report, again, rows, await c.engine.quarantined()

    report, again, rows, aside = run(scenario())
    assert aside == []
    assert report.pulled == 5 and again.merged == 0
    contacts = [kc for _, kc in rows]
    assert len(rows) == 4 and len(set(contacts)) == 4
    assert copy["uuid"] in contacts and first["uuid"] in contacts
    assert "Een kopie" in [subject for subject, _ in rows]
