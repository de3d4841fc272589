"""A save goes out at once, and a colleague's console notices news between rounds (issue 17).

Against the spec-checking Klantinteracties test server with two real consoles (store, services,
adapter, sync engine and ``SyncService``). What the user notices: a note saved while a pull
hangs still reaches the server (B10: a save is never queued behind a pull), and a note made for
a colleague's team shows in their list long before the next full round (B13) — while, with
nothing new, the console only looks and does not re-read its lists. Speed itself is judged in
``benchmarks/`` (B10, B13), never here.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace

from console.clock import FakeClock
from console.domain.callbacks import CallbackDraft
from console.services.sync import SyncService
from tests.conftest import TUESDAY_MORNING
from tests.klantinteracties_peers import Peer, console, organisation
from tests.klantinteracties_server import TOKEN, KlantinteractiesServer

DRAFT = CallbackDraft(
    resident_name="Jan de Vries",
    phone="06 12345678",
    email="jan@example.nl",
    summary="Wil weten of zijn aanvraag voor een scootmobiel al is goedgekeurd.",
    target_kind="colleague",
    target_id="c02",
)


async def until(condition, *, seconds: float = 10.0, what: str) -> None:
    """Wait for ``condition()`` (sync or async) with a bounded deadline."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        assert loop.time() < end, f"not within {seconds} s: {what}"
        await asyncio.sleep(0.02)


def test_a_note_saved_while_a_pull_hangs_reaches_the_server(tmp_path):
    server = KlantinteractiesServer(seed=17).start()
    gate = threading.Event()

    def hang_task_lists(method, path, query):
        # The pull reads the open task lists first: hold those (and only those) back.
        if method == "GET" and path.endswith("/internetaken"):
            gate.wait(30)
        return None

    server.tamper = hang_task_lists
    peer = Peer("fake", server.root, TOKEN, server)
    org = organisation()

    async def scenario():
        async with console(
            tmp_path / "a.sqlite3", peer, org, "c01", clock=FakeClock(TUESDAY_MORNING)
        ) as a:
            sync = SyncService(
                engine=a.engine, changes=a.db, clock=FakeClock(TUESDAY_MORNING), peek_interval=None
            )
            sync.start()
            try:
                await until(lambda: server.counters.requests > 0, what="the first round started")
                await a.callbacks.create(DRAFT, check=None, confirm_duplicates=True)
                await until(
                    lambda: len(server.all("internetaken")) == 1,
                    what="the note's task on the server while the pull hangs",
                )
                assert not gate.is_set()
                [contact] = server.all("klantcontacten")
                assert contact["onderwerp"] == DRAFT.summary
                assert {a["adres"] for a in server.all("digitaleadressen")} == {
                    "+31612345678",
                    "jan@example.nl",
                }
            finally:
                gate.set()
                await sync.aclose()

    try:
        asyncio.run(scenario())
    finally:
        gate.set()
        server.stop()
    assert not server.violations, server.violations[:5]


def test_a_colleague_sees_a_new_team_note_before_the_next_round(tmp_path):
    server = KlantinteractiesServer(seed=18).start()
    peer = Peer("fake", server.root, TOKEN, server)
    org = organisation()
    bram = org.colleague("c02")
    assert bram is not None
    clock = FakeClock(TUESDAY_MORNING)

    async def scenario():
        async with (
            console(tmp_path / "a.sqlite3", peer, org, "c01", clock=clock, seed=1) as a,
            console(tmp_path / "b.sqlite3", peer, org, "c02", clock=clock, seed=2) as b,
        ):
            # Bram's rounds are an hour apart: only the cheap look can bring the note in time.
            sync = SyncService(
                engine=b.engine, changes=b.db, clock=clock, interval=3600, peek_interval=0.1
            )
            sync.start()
            try:
                await until(lambda: sync.rounds == 1, what="Bram's first round")
                looked_from = b.client.requests_sent
                await until(
                    lambda: b.client.requests_sent >= looked_from + 6,
                    what="three looks at Bram's two lists",
                )
                assert sync.rounds == 1  # nothing new: looking did not start a round

                draft = replace(DRAFT, target_kind="desk", target_id=bram.desk_id)
                note = await a.callbacks.create(draft, check=None, confirm_duplicates=True)
                await a.engine.sync_once()

                async def in_team_list():
                    return any(n.id == note.id for n in await b.callbacks.desk_notes())

                await until(in_team_list, what="the note in Bram's team list")
                # The note shows once its merge commits; the round is counted after its push.
                await until(lambda: sync.rounds >= 2, what="the round the look started")
                assert sync.rounds == 2
            finally:
                await sync.aclose()

    try:
        asyncio.run(scenario())
    finally:
        server.stop()
    assert not server.violations, server.violations[:5]
