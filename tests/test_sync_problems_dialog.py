"""The "Verbinding" dialog: what was not sent (with the server's reason), what was put aside
(with the raw answer), and conflicts with both versions, each settled with one button."""

from __future__ import annotations

import json

import pytest

from console.domain import lifecycle
from console.domain.model import Outcome
from console.services.sync import SyncService
from tests.klantinteracties_server import BASE
from tests.klantinteracties_sync import AGENT, add_notes, connected
from widgets.sync_problems import KEEP_MINE, TAKE_THEIRS, SyncProblemsDialog

pytestmark = pytest.mark.klantinteracties


def refusal(reason: str) -> bytes:
    return json.dumps(
        {
            "type": "x",
            "code": "invalid",
            "title": "Ongeldige invoerwaarde.",
            "status": 400,
            "detail": "Ongeldige invoerwaarde.",
            "instance": "urn:x",
            "invalidParams": [{"name": "onderwerp", "code": "invalid", "reason": reason}],
        }
    ).encode()


def test_the_dialog_shows_every_problem_and_settles_it(qloop, qtbot, tmp_path, clock):
    from tests.klantinteracties_server import KlantinteractiesServer

    server = KlantinteractiesServer(seed=3, validate=False).start()
    refuse = {"on": False}

    def tamper(method, path, query):
        if refuse["on"] and method == "POST" and path == f"{BASE}/maak-klantcontact":
            return (400, refusal("Dit onderwerp mag niet."), "application/problem+json", ())
        return None

    server.tamper = tamper

    async def scenario():
        async with (
            connected(tmp_path / "a.sqlite3", server, seed=1) as mine,
            connected(tmp_path / "b.sqlite3", server, seed=2) as theirs,
        ):
            # A conflict: they close a note while I (offline) take it.
            [note_id] = await add_notes(mine.repo, 1)
            await mine.engine.sync_once()
            await theirs.engine.sync_once()
            item = await theirs.repo.get(note_id)
            closed = lifecycle.close(
                item, colleague_id="c09", outcome=Outcome.ANSWERED, at=item.received_at
            )
            await theirs.repo.save(closed, expected_updated_at=item.updated_at)
            await theirs.engine.sync_once()
            local = await mine.repo.get(note_id)
            taken = lifecycle.take(local, colleague_id=AGENT, at=local.received_at)
            await mine.repo.save(taken, expected_updated_at=local.updated_at)
            # A refused note, and an answer that could not be read.
            refuse["on"] = True
            [refused_id] = await add_notes(mine.repo, 1, start=5)
            await mine.engine.sync_once()
            server.tamper = lambda m, p, q: (
                (200, b"<html>Inloggen</html>", "text/html", ())
                if m == "GET" and p == f"{BASE}/internetaken"
                else None
            )
            try:
                await mine.engine.sync_once()
            except Exception:
                pass
            server.tamper = tamper
            refuse["on"] = False

            service = SyncService(engine=mine.engine, changes=mine.db, clock=clock)
            dialog = SyncProblemsDialog(service)
            qtbot.addWidget(dialog)
            await dialog.load()
            shown = {
                "not_sent": [
                    dialog.not_sent.item(i).text() for i in range(dialog.not_sent.count())
                ],
                "raw": dialog.raw.toPlainText(),
                "mine": dialog.mine.toPlainText(),
                "theirs": dialog.theirs.toPlainText(),
                "tabs": [dialog.tabs.tabText(i) for i in range(3)],
                "buttons": (dialog.keep_button.text(), dialog.take_button.text()),
            }
            dialog.take_button.click()
            dialog.retry_button.click()
            await service.tasks.drain()
            await mine.engine.sync_once()
            after = await mine.engine.status(online=True)
            settled = await mine.repo.get(note_id)
            dialog.cleanup()
            await service.aclose()
            return shown, after, settled, refused_id

    try:
        shown, after, settled, refused_id = qloop.run_until_complete(scenario())
    finally:
        server.stop()
    assert any("Dit onderwerp mag niet." in line for line in shown["not_sent"])
    assert "Inloggen" in shown["raw"]  # the raw answer, for a person to look at
    assert "Eigenaar: c01" in shown["mine"] and "Afgehandeld door: c09" in shown["theirs"]
    assert shown["tabs"] == ["Niet verzonden (1)", "Apart gezet (1)", "Conflicten (1)"]
    assert shown["buttons"] == (KEEP_MINE, TAKE_THEIRS)
    assert after.conflicts == 0 and after.failed == 0 and after.waiting == 0
    assert settled.outcome is Outcome.ANSWERED  # the server's version was taken
    ours = [k for k in server.all("klantcontacten") if k["metadata"].get("kccId") == refused_id]
    assert len(ours) == 1  # "Opnieuw proberen" delivered it, once
