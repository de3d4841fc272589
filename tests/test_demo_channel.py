"""The demo traffic runs on the channel port: the same intake, de-duplication and outbox as mail."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from console.channels import ReplyKind, ReplyState
from console.domain.inbox import Scope, StateFilter
from console.domain.model import Channel
from tests.helpers import running_app


async def _until(predicate, *, seconds: float = 10.0):
    async with asyncio.timeout(seconds):
        while not (value := await predicate()):  # noqa: ASYNC110 - the store has no event
            await asyncio.sleep(0.02)
    return value


def test_the_demo_simulator_delivers_through_the_intake(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False) as app:
            assert "demo" in app.intake.sources
            # A simulated mail goes through the channel port: stored with its outside
            # reference, acknowledged (N9) through the demo's reply sender.
            item = await app.simulator.produce_one(channel=Channel.MAIL)
            messages = await app.intake.messages(item.id)
            assert [m.incoming for m in messages] == [True, False]
            assert messages[0].reference.startswith("demo:")
            assert messages[1].kind is ReplyKind.ACKNOWLEDGEMENT
            counts = await _until(
                lambda: _sent(app, 1),
            )
            assert counts[ReplyState.WAITING] == 0

            # The same contact delivered twice is stored once (de-duplication by reference).
            contact = app.simulator.to_contact(app.simulator.new_contact(channel=Channel.POST))
            first = await app.intake.deliver("demo", contact)
            again = await app.intake.deliver("demo", replace(contact, subject="anders"))
            assert first.created and again.duplicate
            assert again.interaction_id == first.interaction_id
            query = app.inbox.query(scope=Scope.ALL, channel=Channel.POST, state=StateFilter.ALL)
            assert len(await app.inbox.page(query)) == 1

            # A mail found long after it came (a first start on an old mailbox) is stored and
            # tracked, but gets no stale "we received it just now".
            old = app.simulator.new_contact(channel=Channel.MAIL)
            old = replace(old, received_at=clock.now() - timedelta(days=5))
            result = await app.intake.deliver("demo", app.simulator.to_contact(old))
            assert [m.incoming for m in await app.intake.messages(result.interaction_id)] == [
                True
            ]

            # N15: the "it will be late" message names the promised moment.
            draft = await app.intake.draft(item.id, ReplyKind.LATE)
            # Received Tuesday 10:00: the promise was Wednesday's end of the working day.
            assert "uiterlijk woensdag 2 december om 17.00 uur" in draft.text
            assert "Uiterlijk [datum]." in draft.text
            assert "Het spijt ons" in draft.text

    qloop.run_until_complete(scenario())


def test_the_running_demo_produces_contacts_on_the_channel_port(qloop, tmp_path, clock):
    from console.config import Config

    async def scenario():
        config = Config(demo_pace_per_minute=3000.0)
        options = {"with_window": False, "simulate": True, "config": config}
        async with running_app(tmp_path, clock, **options) as app:
            task = app.intake.source_tasks["demo"]
            assert app.simulator_task is task
            await _until(lambda: _produced(app, 3))
            task.cancel()

    qloop.run_until_complete(scenario())


async def _sent(app, count: int):
    counts = await app.intake._store.reply_counts()
    return counts if counts[ReplyState.SENT] >= count else None


async def _produced(app, count: int):
    await asyncio.sleep(0)
    return app.simulator.produced >= count
