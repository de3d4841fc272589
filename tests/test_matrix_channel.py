"""Chat over Matrix against a real Synapse homeserver, through the whole console (marker matrix).

What a resident and an agent notice: a chat message shows in the inbox at once and the agent's
answer arrives in the resident's room; nothing is missed or doubled over a restart; outside
opening hours the resident gets the automatic reply at once and a phone number becomes a
callback task for the next working day (N11); an answer written while the homeserver is away
arrives exactly once when it is back.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

import httpx
import keyring
import pytest

from console.channels import ReplyKind, ReplyState
from console.clock import FakeClock
from console.config import load_config
from console.domain.inbox import Scope, StateFilter
from console.domain.model import Channel, Owner
from console.services.chat_hours import note_id_for
from console.services.intake import Backoff
from integrations.secrets_keyring import KeyringSecretStore
from tests.conftest import AMS, TUESDAY_MORNING
from tests.helpers import running_app, signal_until, until
from tests.memory_keyring import MemoryKeyring
from tests.synapse_server import SynapseServer, require_synapse

pytestmark = [pytest.mark.matrix, pytest.mark.slow]

ARRIVAL_DEADLINE = 2.0  # seconds from the homeserver's answer to the send, to the inbox row
SATURDAY_MORNING = datetime(2026, 12, 5, 10, 0, tzinfo=AMS)  # every desk is closed


def _auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {user.access_token}"}


def open_room(server, resident, desk) -> str:
    answer = httpx.post(
        f"{server.url}/_matrix/client/v3/createRoom",
        headers=_auth(resident),
        json={"invite": [desk.user_id], "preset": "private_chat", "name": "Chat via de website"},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["room_id"]


def say(server, user, room_id: str, text: str) -> str:
    txn = f"t{time.monotonic_ns()}"
    answer = httpx.put(
        f"{server.url}/_matrix/client/v3/rooms/{room_id}/send/m.room.message/{txn}",
        headers=_auth(user),
        json={"msgtype": "m.text", "body": text},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["event_id"]


def room_texts(server, user, room_id: str, *, sender: str) -> list[str]:
    """What ``sender`` wrote in the room, oldest first, as the resident's app shows it."""
    answer = httpx.get(
        f"{server.url}/_matrix/client/v3/rooms/{room_id}/messages",
        headers=_auth(user),
        params={"dir": "b", "limit": 100},
        timeout=30,
    )
    answer.raise_for_status()
    return [
        e["content"].get("body", "")
        for e in reversed(answer.json()["chunk"])
        if e["type"] == "m.room.message" and e["sender"] == sender
    ]


def joined(server, resident, room_id: str, user_id: str) -> bool:
    answer = httpx.get(
        f"{server.url}/_matrix/client/v3/rooms/{room_id}/joined_members",
        headers=_auth(resident),
        timeout=30,
    )
    return answer.status_code == 200 and user_id in answer.json().get("joined", {})


async def blocking(function, *args, **kwargs):
    return await asyncio.to_thread(function, *args, **kwargs)


async def desk_texts(server, resident, room_id: str, desk) -> list[str]:
    return await blocking(room_texts, server, resident, room_id, sender=desk.user_id)


async def has_joined(server, resident, room_id: str, desk) -> bool:
    return await blocking(joined, server, resident, room_id, desk.user_id)


async def chats(app) -> list:
    query = app.inbox.query(scope=Scope.ALL, channel=Channel.CHAT, state=StateFilter.ALL)
    return await app.inbox.page(query, limit=100)


@pytest.fixture
def desk_and_resident(synapse, unique):
    return synapse.register(f"kcc{unique}"), synapse.register(f"inwoner{unique}")


def options_for(server, desk, tmp_path, clock):
    backend = MemoryKeyring()
    backend.set_password("kcc-console", "matrix", desk.access_token)
    keyring.set_keyring(backend)
    path = tmp_path / "kcc.toml"
    path.write_text(
        "[matrix]\n"
        f'homeserver = "{server.url}"\n'
        f'user_id = "{desk.user_id}"\n'
        'desk = "kcc"\n'
        "long_poll_seconds = 1\n"
        "timeout = 3\n",
        encoding="utf-8",
    )
    return {
        "config": load_config(path),
        "secrets": KeyringSecretStore(),
        "channel_backoff": Backoff(first=0.05, limit=0.5),
    }


@pytest.fixture(autouse=True)
def _restore_keyring():
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_chat_shows_at_once_is_answered_and_survives_a_restart(
    qloop, tmp_path, synapse, desk_and_resident
):
    desk, resident = desk_and_resident
    clock = FakeClock(TUESDAY_MORNING)  # the general KCC is open: a live chat
    options = options_for(synapse, desk, tmp_path, clock)
    data = tmp_path / "data"

    async def scenario():
        async with running_app(data, clock, **options) as app:
            window = app.window
            window.show()
            assert f"matrix:{desk.user_id}" in app.intake.sources
            room = await blocking(open_room, synapse, resident, desk)
            await until(lambda: has_joined(synapse, resident, room, desk), what="the join")

            # 1. A message from the resident shows in the inbox within two seconds.
            await blocking(say, synapse, resident, room, "Mijn container is niet geleegd.")
            sent = time.monotonic()
            await signal_until(
                window.model.refreshed,
                lambda: any(
                    window.model.row_at(r).channel is Channel.CHAT
                    for r in range(window.model.rowCount())
                ),
                seconds=ARRIVAL_DEADLINE,
            )
            assert time.monotonic() - sent <= ARRIVAL_DEADLINE
            rows = await chats(app)
            assert len(rows) == 1
            item = (await app.inbox.detail(rows[0].id)).interaction
            assert item.desk_id == "kcc" and item.question == "Mijn container is niet geleegd."

            # 2. The agent answers from the console; the answer arrives in the room, once.
            assert await app.intake.can_reply(item.id)
            await app.intake.reply(
                item.id, kind=ReplyKind.ANSWER, subject="", text="We komen maandag langs."
            )
            answers = await until(
                lambda: desk_texts(synapse, resident, room, desk), what="the answer in the room"
            )
            assert answers == ["We komen maandag langs."]
            # The console's own answer comes back in its sync: it is not a new question.
            await until(lambda: app.intake.delivered >= 1, what="the sync after the answer")

        # 3. While the console is closed the resident writes again; after the restart the
        # message shows in the same conversation, and nothing from before shows twice.
        await blocking(say, synapse, resident, room, "Het gaat om de groene container.")
        async with running_app(data, clock, **options) as app:
            await until(
                lambda: _incoming_texts(app, item.id, 2), what="the message sent while closed"
            )
            texts = await _incoming_texts(app, item.id, 2)
            assert texts == ["Mijn container is niet geleegd.", "Het gaat om de groene container."]
            assert len(await chats(app)) == 1
            counts = await app.intake._store.reply_counts()
            assert counts[ReplyState.SENT] == 1 and counts[ReplyState.WAITING] == 0
        # The room saw exactly one answer, after the restart too.
        assert room_texts(synapse, resident, room, sender=desk.user_id) == [
            "We komen maandag langs."
        ]

    qloop.run_until_complete(scenario())


async def _incoming_texts(app, interaction_id: str, at_least: int) -> list[str] | None:
    messages = [m for m in await app.intake.messages(interaction_id) if m.incoming]
    return [m.text for m in messages] if len(messages) >= at_least else None


def test_outside_opening_hours_the_reply_is_sent_and_a_number_becomes_a_callback_task(
    qloop, tmp_path, synapse, desk_and_resident
):
    desk, resident = desk_and_resident
    clock = FakeClock(SATURDAY_MORNING)
    options = options_for(synapse, desk, tmp_path, clock)

    async def scenario():
        async with running_app(tmp_path / "data", clock, **options) as app:
            room = await blocking(open_room, synapse, resident, desk)
            await until(lambda: has_joined(synapse, resident, room, desk), what="the join")
            await blocking(say, synapse, resident, room, "Hallo, is er iemand?")

            # The automatic reply (N11) arrives at once, in plain Dutch.
            replies = await until(
                lambda: desk_texts(synapse, resident, room, desk), what="the automatic reply"
            )
            assert len(replies) == 1
            assert "We zijn nu gesloten" in replies[0]
            assert "volgende werkdag" in replies[0]

            # The resident leaves a number: a callback task for the desk, due Monday.
            await blocking(say, synapse, resident, room, "Bel mij maar op 06-12 34 56 78.")
            rows = await until(lambda: chats(app), what="the chat")
            note_id = note_id_for(rows[0].id)
            note = await until(lambda: app.callbacks.get(note_id), what="the callback task")
            assert note.phones == ("+31612345678",)
            assert note.assignee == Owner.desk("kcc")
            monday = app.inbox.calendar.end_of_day(datetime(2026, 12, 7).date())
            assert note.deadline == monday
            assert note in await app.callbacks.desk_notes()  # in the desk's callback list

            # A further message neither repeats the reply nor makes a second task.
            await blocking(say, synapse, resident, room, "Mijn nummer is 06 12345678.")
            await until(lambda: _incoming_texts(app, rows[0].id, 3), what="the third message")
            assert len(await desk_texts(synapse, resident, room, desk)) == 1
            assert len([n for n in await app.callbacks.desk_notes() if n.id == note_id]) == 1

    qloop.run_until_complete(scenario())


def test_an_answer_waits_while_the_homeserver_is_away_and_arrives_once(
    qloop, tmp_path_factory, tmp_path
):
    server = SynapseServer(tmp_path_factory.mktemp("synapse-away"), require_synapse()).start()
    try:
        desk, resident = server.register("kcc"), server.register("inwoner")
        clock = FakeClock(TUESDAY_MORNING)
        options = options_for(server, desk, tmp_path, clock)

        async def scenario():
            async with running_app(tmp_path / "data", clock, **options) as app:
                room = await blocking(open_room, server, resident, desk)
                await until(lambda: has_joined(server, resident, room, desk), what="the join")
                await blocking(say, server, resident, room, "Wanneer is het stadhuis open?")
                rows = await until(lambda: chats(app), what="the chat")

                await blocking(server.stop)  # the homeserver goes away
                await app.intake.reply(
                    rows[0].id, kind=ReplyKind.ANSWER, subject="", text="Van 8.30 tot 17.00 uur."
                )
                counts = await app.intake._store.reply_counts()
                assert counts[ReplyState.WAITING] == 1  # kept in the outbox, not lost

                await blocking(server.start)  # back on the same port and database
                await until(
                    lambda: desk_texts(server, resident, room, desk),
                    seconds=30,
                    what="the answer after the homeserver came back",
                )
                await until(
                    lambda: _sent(app), seconds=10, what="the outbox to mark the answer sent"
                )
            assert room_texts(server, resident, room, sender=desk.user_id) == [
                "Van 8.30 tot 17.00 uur."
            ]

        qloop.run_until_complete(scenario())
    finally:
        server.remove()


async def _sent(app) -> bool:
    counts = await app.intake._store.reply_counts()
    return counts[ReplyState.SENT] == 1 and counts[ReplyState.WAITING] == 0


def test_serve_mode_takes_chats_without_a_window_and_stops_cleanly(
    tmp_path, synapse, desk_and_resident
):
    """``kcc-console serve --auto-replies``: the intake and N11 run on a server, headless."""
    import json
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    desk, resident = desk_and_resident
    config = tmp_path / "kcc.toml"
    config.write_text(
        f'[matrix]\nhomeserver = "{synapse.url}"\nuser_id = "{desk.user_id}"\ndesk = "kcc"\n'
        "long_poll_seconds = 1\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.memory_keyring.MemoryKeyring",
        "KCC_TEST_SECRETS": json.dumps({"matrix": desk.access_token}),
        "HOME": str(tmp_path),  # its log folder
    }
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "console", "serve", "--auto-replies",
         "--config", str(config), "--data-dir", str(data)],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        first = process.stdout.readline()
        assert "automatische antwoorden staan aan" in first and desk.user_id in first, first
        room = open_room(synapse, resident, desk)
        deadline = time.monotonic() + 20
        while not joined(synapse, resident, room, desk.user_id):
            assert time.monotonic() < deadline, "the serve process never joined the room"
            time.sleep(0.1)  # polling another process's progress
        say(synapse, resident, room, "Bel mij op 0612345678 over mijn vergunning.")
        store = data / "kcc-console.sqlite3"

        def stored() -> int:
            conn = sqlite3.connect(store)
            try:
                return conn.execute(
                    "SELECT count(*) FROM channel_message WHERE incoming = 1 AND body_text LIKE ?",
                    ("%vergunning%",),
                ).fetchone()[0]
            except sqlite3.Error:
                return 0
            finally:
                conn.close()

        deadline = time.monotonic() + 20
        while stored() != 1:
            assert time.monotonic() < deadline, "the chat was not stored by the serve process"
            time.sleep(0.1)
        # "Bel mij" with a number is a callback task at once, in or out of opening hours.
        conn = sqlite3.connect(store)
        phones = conn.execute("SELECT phone FROM callback_note").fetchall()
        conn.close()
        assert phones == [("+31612345678",)]
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, out
    assert "gestopt" in out
    assert not (data / "kcc-console.sqlite3-wal").exists()  # closed properly
