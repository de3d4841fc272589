"""Call and transfer services on plain asyncio with the demo phone and a real store."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from console.config import ConfigError, load_config
from console.demo.telephony import DemoTelephony
from console.domain.errors import DomainError
from console.domain.model import Outcome, Owner
from console.domain.transfer import HandoverSummary, TransferRefused, TransferTarget
from console.ports import CallDropped
from console.services.calls import CallPhase, normalise_number
from tests.helpers import running_app
from tests.test_sip_transfer import until

CALLER = "+31418678513"
SUMMARY = HandoverSummary("mevrouw L. Pellegrom", "Paspoort kwijt", "", CALLER)


async def answered(app):
    app.phone.ring(CALLER)
    await until(
        lambda: app.calls.state.pop is not None and app.calls.state.pop.resident is not None,
        app.calls.subscribe,
    )
    return await app.calls.answer()


def demo_app(tmp_path, clock, **phone):
    return running_app(
        tmp_path, clock, with_window=False, telephony=DemoTelephony(rng=random.Random(1), **phone)
    )


def test_hold_resume_timer_and_wrap_up_validation(tmp_path, clock):
    async def scenario():
        async with demo_app(tmp_path, clock) as app:
            calls = app.calls
            item = await answered(app)
            await calls.hold()
            held = calls.state.phase
            await calls.toggle_hold()
            resumed = calls.state.phase
            from datetime import timedelta

            clock.advance(timedelta(minutes=3, seconds=5))
            timer = calls.elapsed()
            with pytest.raises(DomainError, match="pas als het gesprek is afgelopen"):
                await calls.wrap_up(Outcome.ANSWERED)
            calls.set_notes("Uitgelegd hoe je een paspoort aanvraagt.")
            await calls.hang_up()
            with pytest.raises(DomainError, match="1 tot en met 10"):
                await calls.wrap_up(Outcome.ANSWERED, satisfaction=11)
            kept = calls.state.notes
            await calls.wrap_up(Outcome.ANSWERED, satisfaction=10)
            detail = await app.inbox.detail(item.id)
            record = await calls._records.get(item.id)
            return held, resumed, timer, kept, detail, record

    held, resumed, timer, kept, detail, record = asyncio.run(scenario())
    assert held is CallPhase.ON_HOLD and resumed is CallPhase.TALKING
    assert timer.total_seconds() == 185
    assert kept == "Uitgelegd hoe je een paspoort aanvraagt."  # kept through a refused wrap-up
    assert detail.interaction.outcome is Outcome.ANSWERED
    assert detail.interaction.owner == Owner.colleague("c01")
    assert detail.timeline[-2].text == "Uitgelegd hoe je een paspoort aanvraagt."
    assert record.satisfaction == 10 and record.answered_at is not None


def test_call_that_drops_while_answering_is_a_missed_call_with_a_message(tmp_path, clock):
    async def scenario():
        async with demo_app(tmp_path, clock) as app:
            messages = []
            app.calls.on_message(messages.append)
            call_id = app.phone.ring(CALLER)
            await until(lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe)
            del app.phone.calls[call_id]  # the line drops under the agent's click
            with pytest.raises(CallDropped):
                await app.calls.answer()
            await app.calls.tasks.drain()
            return app.calls.state.phase, messages

    phase, messages = asyncio.run(scenario())
    assert phase is CallPhase.IDLE
    assert messages and messages[0].startswith("Gemiste oproep")


def test_second_transfer_warns_and_closed_target_offers_prefilled_note(tmp_path, clock):
    from datetime import datetime

    from tests.conftest import AMS

    clock.set(datetime(2026, 12, 1, 17, 30, tzinfo=AMS))  # after closing: desks closed

    async def scenario():
        async with demo_app(tmp_path, clock, pick_up_chance=1.0) as app:
            await answered(app)
            desk = TransferTarget.of_desk(app.inbox.organisation.desk("vk_sociaal"))
            with pytest.raises(TransferRefused) as caught:
                app.transfers.prepare(desk, SUMMARY)
            request = await app.transfers.fallback_after_refusal(SUMMARY)
            note = await app.interactions.get(app.transfers.last_fallback.id)
            return caught.value, request, note, app.calls.state.suggested_outcome

    refused, _request, note, outcome = asyncio.run(scenario())
    assert "Weer bereikbaar: morgen om 09:00" in refused.message
    assert note.question == SUMMARY.text() and note.desk_id == "vk_sociaal"
    assert outcome is Outcome.CALLBACK_NOTE_MADE


def test_prepare_outside_a_call_is_refused(tmp_path, clock):
    async def scenario():
        async with demo_app(tmp_path, clock) as app:
            desk = TransferTarget.of_desk(app.inbox.organisation.desk("vk_sociaal"))
            with pytest.raises(DomainError, match="alleen tijdens een gesprek"):
                app.transfers.prepare(desk, SUMMARY)
            with pytest.raises(DomainError, match="Kies eerst"):
                await app.transfers.consult()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0418 67 85 13", "+31418678513"), ("0031418678513", "+31418678513"), ("2101", "2101")],
)
def test_numbers_are_normalised_for_the_screen_pop(raw, expected):
    assert normalise_number(raw) == expected


def test_config_telephony_section(tmp_path: Path):
    path = tmp_path / "kcc.toml"
    path.write_text(
        '[telephony]\nkind = "baresip"\nctrl_port = 4555\nstart = false\n'
        'dial_domain = "pbx.example"\n[telephony.directory]\nc18 = "sip:wendy@pbx.example"\n'
    )
    config = load_config(path)
    assert config.telephony.kind == "baresip" and config.telephony.ctrl_port == 4555
    assert config.telephony.start is False
    assert config.telephony.directory == {"c18": "sip:wendy@pbx.example"}
    path.write_text('[telephony]\nkind = "asterisk"\n')
    with pytest.raises(ConfigError, match="kies demo of baresip"):
        load_config(path)


def test_a_second_caller_waits_and_rings_after_wrap_up(tmp_path, clock):
    async def scenario():
        async with demo_app(tmp_path, clock) as app:
            calls = app.calls
            await answered(app)
            second = app.phone.ring("+31345000001")
            third = app.phone.ring("+31345000002")
            await until(lambda: len(calls._waiting) == 2, app.phone.subscribe)
            app.phone.caller_hangs_up(third)  # gave up while waiting
            await until(lambda: len(calls._waiting) == 1, app.phone.subscribe)
            await calls.hang_up()
            await calls.wrap_up(Outcome.ANSWERED)
            return calls.state.phase, calls.state.call_id, second, dict(calls._waiting)

    phase, call_id, second, waiting = asyncio.run(scenario())
    assert phase is CallPhase.RINGING and call_id == second
    assert waiting == {}
