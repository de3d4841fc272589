"""Fault tests: the outbox delivers every note exactly once, whatever the server does.

The server is the spec-validating test server; its faults are switched on by the test. No test
sleeps for backoff: the client and the engine get an injected sleep that only records delays.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from console.domain import lifecycle
from console.domain.model import Outcome, Owner, Status
from console.ports import RemoteUnavailable
from tests.klantinteracties_sync import AGENT, add_notes, connected

pytestmark = pytest.mark.klantinteracties


def run(coro):
    return asyncio.run(coro)


def assert_exactly_once(server, ids, *, closed=()):
    """Each note is on the server once: one klantcontact, one agent link, one task."""
    contacts = Counter(k["metadata"].get("kccId") for k in server.all("klantcontacten"))
    assert set(contacts) == set(ids), "lost or foreign contacts"
    assert max(contacts.values()) == 1, "duplicated contacts"
    by_uuid = {k["uuid"]: k["metadata"]["kccId"] for k in server.all("klantcontacten")}
    tasks = Counter(
        by_uuid[t["aanleidinggevendKlantcontact"]["uuid"]] for t in server.all("internetaken")
    )
    assert set(tasks) == set(ids) and max(tasks.values()) == 1, "lost or duplicated tasks"
    links = Counter(by_uuid[a["klantcontact"]["uuid"]] for a in server.all("actorklantcontacten"))
    assert set(links) == set(ids) and max(links.values()) == 1, "lost or duplicated agent links"
    status = {
        by_uuid[t["aanleidinggevendKlantcontact"]["uuid"]]: t["status"]
        for t in server.all("internetaken")
    }
    for note_id in closed:
        assert status[note_id] == "verwerkt"


async def sync_until_done(engine, *, rounds: int = 200) -> int:
    failures = 0
    for _ in range(rounds):
        try:
            await engine.sync_once()
        except RemoteUnavailable:
            failures += 1
            continue
        if await engine.waiting() == 0:
            return failures
    raise AssertionError("the outbox did not empty")


async def close_some(repo, ids):
    for note_id in ids:
        item = await repo.get(note_id)
        change = lifecycle.close(
            item, colleague_id=AGENT, outcome=Outcome.ANSWERED, at=item.received_at
        )
        await repo.save(change, expected_updated_at=item.updated_at, initiator=AGENT)


def test_1000_notes_made_while_the_server_is_down_arrive_exactly_once(
    tmp_path, klantinteracties_server
):
    server = klantinteracties_server

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            server.down()
            ids = await add_notes(c.repo, 1000)
            with pytest.raises(RemoteUnavailable):
                await c.engine.sync_once()
            waiting_while_down = await c.engine.waiting()
            asked_to_wait = list(c.sleep.delays)
            server.up()
            failures = await sync_until_done(c.engine)
            return (
                ids,
                waiting_while_down,
                asked_to_wait,
                failures,
                await c.engine.status(online=True),
            )

    ids, waiting_while_down, asked_to_wait, failures, status = run(scenario())
    assert waiting_while_down == 1000
    assert asked_to_wait, "the client should back off (injected sleep) while the server is down"
    assert failures == 0
    assert_exactly_once(server, ids)
    assert status.waiting == 0 and status.last_success is not None


@pytest.mark.parametrize("kinds", [("500", "timeout", "429")], ids=["5xx-timeouts-429"])
def test_with_30_percent_of_requests_failing_every_note_arrives_once(
    tmp_path, klantinteracties_server, kinds
):
    server = klantinteracties_server
    server.faults.fail_rate = 0.3
    server.faults.fail_kinds = kinds
    server.faults.stall_seconds = 0.2
    server.faults.retry_after = "7"

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server, timeout=0.1) as c:
            ids = await add_notes(c.repo, 100)
            await close_some(c.repo, ids[:40])
            await sync_until_done(c.engine)
            return ids, c.sleep.delays

    ids, delays = run(scenario())
    assert server.counters.failed > 40
    assert 7.0 in delays, "Retry-After of a 429 must be honoured (through the injected sleep)"
    assert_exactly_once(server, ids, closed=ids[:40])


def test_with_answers_lost_after_commit_every_note_arrives_once(tmp_path, klantinteracties_server):
    server = klantinteracties_server
    server.faults.lose_rate = 0.3

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            ids = await add_notes(c.repo, 150)
            await close_some(c.repo, ids[:50])
            await sync_until_done(c.engine)
            return ids

    ids = run(scenario())
    assert server.counters.lost > 30
    assert_exactly_once(server, ids, closed=ids[:50])


def test_a_note_closed_elsewhere_shows_closed_with_who_closed_it(tmp_path, klantinteracties_server):
    server = klantinteracties_server

    async def scenario():
        async with (
            connected(tmp_path / "a.sqlite3", server) as mine,
            connected(tmp_path / "b.sqlite3", server) as theirs,
        ):
            [note_id] = await add_notes(mine.repo, 1)
            await mine.engine.sync_once()
            # The colleague's console learns of the note and closes it there.
            await theirs.engine.sync_once()
            item = await theirs.repo.get(note_id)
            change = lifecycle.close(
                item, colleague_id="c09", outcome=Outcome.ANSWERED, at=item.received_at
            )
            await theirs.repo.save(change, expected_updated_at=item.updated_at)
            await theirs.engine.sync_once()
            await mine.engine.sync_once()
            return (
                await mine.repo.get(note_id),
                await mine.repo.timeline(note_id),
                await theirs.engine.waiting(),
            )

    mine_now, timeline, theirs_waiting = run(scenario())
    assert theirs_waiting == 0
    assert mine_now.status is Status.DONE and mine_now.outcome is Outcome.ANSWERED
    assert timeline[-1].actor == "c09" and "Afgehandeld door c09" in timeline[-1].text


def test_a_local_edit_to_a_note_changed_on_the_server_becomes_a_conflict(
    tmp_path, klantinteracties_server
):
    server = klantinteracties_server

    async def scenario():
        async with (
            connected(tmp_path / "a.sqlite3", server) as mine,
            connected(tmp_path / "b.sqlite3", server) as theirs,
        ):
            [note_id] = await add_notes(mine.repo, 1)
            await mine.engine.sync_once()
            await theirs.engine.sync_once()
            # They close it; meanwhile (offline) I take it.
            item = await theirs.repo.get(note_id)
            change = lifecycle.close(
                item, colleague_id="c09", outcome=Outcome.ANSWERED, at=item.received_at
            )
            await theirs.repo.save(change, expected_updated_at=item.updated_at)
            await theirs.engine.sync_once()
            local = await mine.repo.get(note_id)
            taken = lifecycle.take(local, colleague_id=AGENT, at=local.received_at)
            await mine.repo.save(taken, expected_updated_at=local.updated_at)
            # My next sync must not overwrite their close, nor drop my edit.
            await mine.engine.pull()
            status = await mine.engine.status(online=True)
            conflicts = await mine.engine.conflicts()
            server_status = server.all("internetaken")[0]["status"]
            await mine.engine.sync_once()  # the held edit is not sent
            still = server.all("internetaken")[0]["status"]
            await mine.engine.resolve(note_id, keep_local=False)
            after = await mine.repo.get(note_id)
            return (
                status,
                conflicts,
                server_status,
                still,
                after,
                await mine.engine.status(online=True),
            )

    status, conflicts, server_status, still, after, final = run(scenario())
    assert status.conflicts == 1 and status.waiting == 1
    local, remote = conflicts[0]
    assert local.owner == Owner.colleague(AGENT)
    assert remote["state"]["status"] == "done" and remote["state"]["closed_by"] == "c09"
    assert server_status == still == "verwerkt"
    assert after.status is Status.DONE and final.conflicts == 0 and final.waiting == 0


def test_keeping_the_local_version_of_a_conflict_sends_it(tmp_path, klantinteracties_server):
    server = klantinteracties_server

    async def scenario():
        async with (
            connected(tmp_path / "a.sqlite3", server) as mine,
            connected(tmp_path / "b.sqlite3", server) as theirs,
        ):
            [note_id] = await add_notes(mine.repo, 1)
            await mine.engine.sync_once()
            await theirs.engine.sync_once()
            item = await theirs.repo.get(note_id)
            moved = lifecycle.take(item, colleague_id="c09", at=item.received_at)
            await theirs.repo.save(moved, expected_updated_at=item.updated_at)
            await theirs.engine.sync_once()
            local = await mine.repo.get(note_id)
            closed = lifecycle.close(
                local, colleague_id=AGENT, outcome=Outcome.ANSWERED, at=local.received_at
            )
            await mine.repo.save(closed, expected_updated_at=local.updated_at)
            await mine.engine.pull()
            await mine.engine.resolve(note_id, keep_local=True)
            await mine.engine.sync_once()
            return await mine.engine.status(online=True)

    final = run(scenario())
    assert final.conflicts == 0 and final.waiting == 0
    kc = server.all("klantcontacten")[0]
    assert kc["metadata"]["kccClosedBy"] == AGENT
    assert server.all("internetaken")[0]["status"] == "verwerkt"


def test_killing_the_console_during_sync_20_times_loses_and_duplicates_nothing(
    tmp_path, klantinteracties_server
):
    import os
    import random
    import signal
    import sqlite3
    import subprocess
    import sys
    import time
    from pathlib import Path

    server = klantinteracties_server
    # Slow answers keep the driver busy long enough to be killed mid-delivery.
    server.faults.delay = 0.004
    store = tmp_path / "store.sqlite3"

    async def prepare():
        async with connected(store, server) as c:
            ids = await add_notes(c.repo, 200)
            await close_some(c.repo, ids[:60])
            return ids

    ids = run(prepare())
    rng = random.Random(20261201)
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-m", "tests.klantinteracties_sync_driver", str(store), server.root]
    forker = subprocess.Popen(
        [*command[:3], "--fork", *command[3:]],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    kills = 0
    progress = []
    try:
        while kills < 20:
            forker.stdin.write("run\n")
            forker.stdin.flush()
            lines = [forker.stdout.readline().strip() for _ in range(2)]
            pid = int(next(line for line in lines if line.startswith("pid "))[4:])
            assert "syncing" in lines
            # A random moment during delivery (this wait only places the kill; nothing is timed).
            time.sleep(rng.uniform(0.0, 0.2))
            os.kill(pid, signal.SIGKILL)
            ended = forker.stdout.readline().strip()
            if ended == "done":
                break  # finished before the kill: the rest is checked below
            assert ended.startswith("exit "), ended
            kills += 1
            progress.append(len(server.all("klantcontacten")))
    finally:
        forker.stdin.close()
        forker.wait(timeout=30)
    assert kills == 20, f"the driver finished after {kills} kills: make the sync slower"
    assert progress[0] < len(ids) and progress[-1] < len(ids), progress
    final = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)
    assert final.stdout.split() == ["syncing", "done"], final.stderr[-2000:]
    assert_exactly_once(server, ids, closed=ids[:60])
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        waiting = conn.execute("SELECT count(*) FROM outbox WHERE state != 'delivered'").fetchone()[
            0
        ]
    assert waiting == 0
