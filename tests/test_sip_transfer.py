"""Warm transfers with real baresip user agents on loopback: caller, console agent, colleague.

The console side is the real app (composition root, SQLite store) with the baresip adapter; the
caller and the colleague are baresip agents the test drives. Every wait ends on an event.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import pytest

from console.config import Config, TelephonyConfig
from console.domain.model import Channel, Outcome, Owner, Status
from console.domain.transfer import HandoverSummary, TransferState, TransferTarget
from console.ports import CallEventKind
from console.services.calls import RESIDENT_HUNG_UP, CallPhase
from tests.helpers import running_app
from tests.sip_agents import HAVE_BARESIP, WAIT, agents, console_phone

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed"),
]

CALLER = "+31418678513"  # mevrouw L. Pellegrom in the demo organisation
COLLEAGUE_ID = "c18"  # Wendy Kortenhoeven, Burgerzaken, working on Tuesday morning
SUMMARY = HandoverSummary(
    who="mevrouw L. Pellegrom",
    what="Paspoort kwijt; kan ze een noodpaspoort krijgen?",
    tried="Website doorgelopen",
    callback_number=CALLER,
)


async def until(predicate, changed) -> None:
    """Wait until ``predicate()`` holds, re-checking on each state change (no sleeps)."""
    event = asyncio.Event()
    unsubscribe = changed(lambda _state: event.set())
    try:
        async with asyncio.timeout(WAIT):
            while not predicate():
                event.clear()
                await event.wait()
    finally:
        unsubscribe()


@asynccontextmanager
async def scene(tmp_path, clock):
    async with agents(tmp_path, CALLER, "colleague") as peers:
        phone = console_phone(tmp_path)
        config = Config(
            telephony=TelephonyConfig(
                kind="baresip", directory={COLLEAGUE_ID: peers["colleague"].uri}
            )
        )
        try:
            async with running_app(
                tmp_path / "console", clock, with_window=False, config=config, telephony=phone
            ) as app:
                messages: list[str] = []
                app.calls.on_message(messages.append)
                yield app, peers, messages
                await app.calls.tasks.drain()
        finally:
            phone._process.stop()
            assert not phone._process.running


async def answered_call(app, peers):
    calls = app.calls
    caller = peers[CALLER]
    await caller.phone.dial(app.phone.settings.account)
    await until(
        lambda: (
            calls.state.phase is CallPhase.RINGING
            and calls.state.pop is not None
            and calls.state.pop.resident is not None
        ),
        calls.subscribe,
    )
    item = await calls.answer()
    await caller.wait(CallEventKind.ESTABLISHED)
    calls.set_notes("Mevrouw is haar paspoort kwijt. Website doorgelopen.")
    return item


def colleague_target(app) -> TransferTarget:
    return TransferTarget.of_colleague(app.inbox.organisation.colleague(COLLEAGUE_ID))


def test_consult_then_complete_connects_the_colleague_to_the_caller(tmp_path, clock):
    async def scenario():
        async with scene(tmp_path, clock) as (app, peers, messages):
            colleague, caller = peers["colleague"], peers[CALLER]
            colleague.auto_answer = True
            item = await answered_call(app, peers)
            pop = app.calls.state.pop
            app.transfers.prepare(colleague_target(app), SUMMARY)
            consult_id = await app.transfers.consult()
            await colleague.wait(CallEventKind.ESTABLISHED, number="agent")
            await until(
                lambda: (
                    app.calls.state.transfer.state is TransferState.CONSULTING
                    and app.calls.state.consult_id == consult_id
                ),
                app.calls.subscribe,
            )
            stored = await app.transfers.complete()
            # The colleague's agent now talks to the caller, the console is out of it.
            connected = await colleague.wait(CallEventKind.ESTABLISHED, number=CALLER)
            await caller.wait(CallEventKind.ESTABLISHED, number="colleague")
            state = app.calls.state
            await app.calls.wrap_up(Outcome.TRANSFERRED, satisfaction=9)
            record = await app.calls._records.get(item.id)
            final = await app.interactions.get(item.id)
            return pop, stored, connected, state, record, final, messages

    pop, stored, connected, state, record, final, messages = asyncio.run(scenario())
    assert pop.resident.name == "mevrouw L. Pellegrom"  # screen pop by number
    assert connected.number == CALLER
    assert stored.owner == Owner.colleague(COLLEAGUE_ID)  # N4: the colleague owns it now
    assert stored.status is Status.TRANSFERRED and stored.transfers == 1
    assert state.phase is CallPhase.WRAP_UP and state.transfer.state is TransferState.COMPLETED
    assert final.owner == Owner.colleague(COLLEAGUE_ID) and final.is_open
    assert record.outcome is Outcome.TRANSFERRED and record.satisfaction == 9
    assert messages == []


def test_colleague_does_not_answer_cancel_back_and_fallback_makes_a_callback_note(tmp_path, clock):
    async def scenario():
        async with scene(tmp_path, clock) as (app, peers, _messages):
            colleague, caller = peers["colleague"], peers[CALLER]
            item = await answered_call(app, peers)
            app.transfers.prepare(colleague_target(app), SUMMARY)
            await app.transfers.consult()
            await colleague.wait(CallEventKind.INCOMING)  # it rings; nobody picks up
            await app.transfers.cancel(reason="Niet opgenomen")
            await colleague.wait(CallEventKind.CLOSED)
            back = app.calls.state
            request = await app.transfers.fallback()
            note = app.transfers.last_fallback
            stored_note = await app.interactions.get(note.id)
            await app.calls.hang_up()
            await caller.wait(CallEventKind.CLOSED)
            await app.calls.wrap_up(Outcome.CALLBACK_NOTE_MADE)
            closed = await app.interactions.get(item.id)
            return back, request, stored_note, closed, app.calls.state

    back, request, note, closed, after = asyncio.run(scenario())
    assert back.phase is CallPhase.TALKING  # back with the resident
    assert back.transfer.state is TransferState.CANCELLED
    assert note.channel is Channel.CALLBACK_NOTE
    assert note.question == SUMMARY.text()  # the handover summary, not retyped
    assert note.resident_name == "mevrouw L. Pellegrom"
    assert note.desk_id == "vk_burgerzaken"
    assert request.summary == SUMMARY
    assert closed.status is Status.DONE and closed.outcome is Outcome.CALLBACK_NOTE_MADE
    assert after.phase is CallPhase.IDLE


def test_caller_hangs_up_during_consult_keeps_notes_and_a_sane_panel(tmp_path, clock):
    async def scenario():
        async with scene(tmp_path, clock) as (app, peers, messages):
            colleague, caller = peers["colleague"], peers[CALLER]
            colleague.auto_answer = True
            await answered_call(app, peers)
            app.transfers.prepare(colleague_target(app), SUMMARY)
            await app.transfers.consult()
            await colleague.wait(CallEventKind.ESTABLISHED)
            resident_call = next(e for e in caller.seen if e.kind is CallEventKind.ESTABLISHED)
            await caller.phone.hangup(resident_call.call_id)
            await until(lambda: app.calls.state.phase is CallPhase.WRAP_UP, app.calls.subscribe)
            during = app.calls.state
            # The agent still has the colleague on the line; hanging up ends that line.
            await app.calls.hang_up()
            await colleague.wait(CallEventKind.CLOSED)
            request = await app.transfers.fallback()
            return during, app.calls.state, request, messages

    during, after, request, messages = asyncio.run(scenario())
    assert during.phase is CallPhase.WRAP_UP
    assert during.transfer.state is TransferState.RESIDENT_LEFT
    assert during.notes == "Mevrouw is haar paspoort kwijt. Website doorgelopen."
    assert RESIDENT_HUNG_UP in messages
    assert after.consult_id == "" and after.notes == during.notes
    assert request.summary == SUMMARY
