"""Several calls at once at the console's real baresip: the chosen one connects, every call
leaves a record, a PCMU-only caller is answered with the default configuration.

Callers are real baresip agents (each its own number, so the test knows who got through) and
SIPp (Debian sip-tester) with a PCMU-only scenario, as a PBX would hand calls over. The
console side is the real app (composition root, SQLite store). Every wait ends on an event.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import pytest

from console.config import Config, TelephonyConfig
from console.domain.model import Outcome
from console.ports import CallEventKind, CallResult, TelephonyError
from console.services.calls import AGENT_HUNG_UP, RESIDENT_HUNG_UP, CallPhase
from integrations.sip import baresip as adapter
from tests.helpers import running_app
from tests.sip_agents import (
    HAVE_BARESIP,
    HAVE_SIPP,
    WAIT,
    agents,
    console_phone,
    sipp_calls,
)
from tests.test_sip_transfer import until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(not (HAVE_BARESIP and HAVE_SIPP), reason="baresip/sipp not installed"),
]

CALLERS = ["+31418678513", "+31418600002", "+31418600003", "+31418600004", "+31418600005"]


@asynccontextmanager
async def console(tmp_path, clock, *, callers=(), **phone_settings):
    async with agents(tmp_path, *callers) as peers:
        phone = console_phone(tmp_path, **phone_settings)
        try:
            async with running_app(
                tmp_path / "console",
                clock,
                with_window=False,
                config=Config(telephony=TelephonyConfig(kind="baresip")),
                telephony=phone,
            ) as app:
                messages: list[str] = []
                app.calls.on_message(messages.append)
                yield app, peers, messages
                await app.calls.tasks.drain()
        finally:
            phone._process.stop()


async def ring_all(app, peers, numbers) -> None:
    """Each caller dials in turn; wait until the console knows every one of them."""
    for number in numbers:
        await peers[number].phone.dial(app.phone.settings.account)
        await until(lambda n=number: n in ringing_numbers(app.calls.state), app.calls.subscribe)


def ringing_numbers(state) -> list[str]:
    shown = [state.number] if state.phase is CallPhase.RINGING else []
    return shown + [w.number for w in state.waiting]


async def records(app) -> list[tuple[str, str, str | None]]:
    def work(conn):
        return [
            tuple(row)
            for row in conn.exec_driver_sql(
                "SELECT number, result, answered_at FROM call_record ORDER BY rang_at, number"
            )
        ]

    return await app.db.read(work)


def established(peer) -> bool:
    return any(e.kind is CallEventKind.ESTABLISHED for e in peer.seen)


def test_two_ringing_answer_connects_the_shown_caller_not_the_newest(tmp_path, clock):
    first, second = CALLERS[:2]

    async def scenario():
        async with console(tmp_path, clock, callers=(first, second)) as (app, peers, messages):
            await ring_all(app, peers, [first, second])
            shown = app.calls.state
            # baresip's own accept would pick the newest call (the second caller).
            await app.calls.answer()
            await peers[first].wait(CallEventKind.ESTABLISHED)
            talking = app.calls.state
            second_connected = established(peers[second])
            stored = await records(app)
            # The agent hangs up: the panel must not blame the resident.
            await app.calls.hang_up()
            await peers[first].wait(CallEventKind.CLOSED)
            after_hangup = app.calls.state
            await app.calls.wrap_up(Outcome.ANSWERED)
            # The second caller, waiting all along, is now shown and can be answered.
            await until(lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe)
            next_shown = app.calls.state
            await app.calls.answer()
            await peers[second].wait(CallEventKind.ESTABLISHED)
            final = await records(app)
            return (
                shown,
                talking,
                second_connected,
                stored,
                after_hangup,
                next_shown,
                final,
                messages,
            )

    shown, talking, second_connected, stored, after, next_shown, final, messages = asyncio.run(
        scenario()
    )
    assert shown.number == first and [w.number for w in shown.waiting] == [second]
    assert talking.phase is CallPhase.TALKING and talking.number == first
    assert not second_connected  # exactly the chosen caller got its 200 OK
    assert [w.number for w in talking.waiting] == [second]  # still ringing, visibly waiting
    assert stored == [(first, "answered", stored[0][2])] and stored[0][2] is not None
    assert after.ended_reason == AGENT_HUNG_UP
    assert RESIDENT_HUNG_UP not in messages
    assert next_shown.number == second
    assert sorted((n, r) for n, r, _ in final) == sorted(
        [(first, "answered"), (second, "answered")]
    )


def test_five_ringing_answer_the_one_chosen_from_the_list(tmp_path, clock):
    async def scenario():
        async with console(tmp_path, clock, callers=CALLERS, max_calls=5) as (app, peers, _m):
            await ring_all(app, peers, CALLERS)
            listed = app.calls.state
            chosen = listed.waiting[2]  # the fourth caller: neither the first nor the newest
            await app.calls.answer(chosen.call_id)
            await peers[chosen.number].wait(CallEventKind.ESTABLISHED)
            state = app.calls.state
            connected = [n for n in CALLERS if established(peers[n])]
            return listed, chosen, state, connected, await records(app)

    listed, chosen, state, connected, stored = asyncio.run(scenario())
    assert ringing_numbers(listed) == CALLERS
    assert chosen.number == CALLERS[3]
    assert state.phase is CallPhase.TALKING and state.number == CALLERS[3]
    assert connected == [CALLERS[3]]
    # The others keep ringing, in the order they called.
    assert [w.number for w in state.waiting] == [n for n in CALLERS if n != CALLERS[3]]
    assert [(n, r) for n, r, _ in stored] == [(CALLERS[3], "answered")]


def test_every_call_leaves_a_record_and_the_dashboard_counts_them(tmp_path, clock):
    a, b, c, d, e = CALLERS

    async def scenario():
        async with console(tmp_path, clock, callers=CALLERS) as (app, peers, messages):
            await ring_all(app, peers, [a, b, c, d])
            # The fifth caller is over the default limit of 4: busy, and a record.
            await peers[e].phone.dial(app.phone.settings.account)
            refused = await peers[e].wait(CallEventKind.CLOSED)
            # B gives up while waiting behind A.
            b_call = next(x for x in peers[b].seen if x.kind is CallEventKind.RINGING)
            await peers[b].phone.hangup(b_call.call_id)
            await until(lambda: b not in ringing_numbers(app.calls.state), app.calls.subscribe)
            # A is answered, talked to and wrapped up.
            await app.calls.answer()
            await peers[a].wait(CallEventKind.ESTABLISHED)
            await app.calls.hang_up()
            await app.calls.wrap_up(Outcome.ANSWERED)
            # C and D ring on the panel in turn and hang up before anyone answers: missed.
            for number in (c, d):
                await until(
                    lambda n=number: (
                        app.calls.state.phase is CallPhase.RINGING and app.calls.state.number == n
                    ),
                    app.calls.subscribe,
                )
                ringing = next(x for x in peers[number].seen if x.kind is CallEventKind.RINGING)
                await peers[number].phone.hangup(ringing.call_id)
                await until(lambda n=number: app.calls.state.number != n, app.calls.subscribe)
            await app.calls.tasks.drain()
            stored = await records(app)
            period = app.supervision.period(PeriodKind.TODAY)
            counts = await app.supervision.call_results(period)
            return refused, stored, counts, messages

    from console.domain.supervision import PeriodKind

    refused, stored, counts, messages = asyncio.run(scenario())
    assert "486" in refused.reason or "busy" in refused.reason.lower()
    assert sorted((n, r) for n, r, _ in stored) == sorted(
        [(a, "answered"), (b, "abandoned"), (c, "missed"), (d, "missed"), (e, "refused")]
    )
    assert counts == {
        CallResult.ANSWERED: 1,
        CallResult.MISSED: 2,
        CallResult.ABANDONED: 1,
        CallResult.REFUSED: 1,
    }
    assert any("bezettoon" in m for m in messages)


def test_pcmu_only_caller_is_answered_with_the_default_configuration(tmp_path, clock):
    async def scenario():
        # The phone exactly as the app builds it from a config that only says "baresip".
        from tests.sip_agents import agent_settings

        settings = agent_settings("agent")
        config = Config(
            telephony=TelephonyConfig(
                kind="baresip",
                ctrl_port=settings.ctrl_port,
                account=settings.account,
                sip_listen=settings.sip_listen,
            )
        )
        async with running_app(
            tmp_path / "console", clock, with_window=False, config=config
        ) as app:
            try:
                run = asyncio.create_task(
                    sipp_calls(app.phone.settings.sip_listen, tmp_path / "sipp", answer_ms=8000)
                )
                await until(lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe)
                await app.calls.answer()
                await app.calls.hang_up()
                result = await asyncio.wait_for(run, WAIT + 10)
                return result, await records(app)
            finally:
                await app.phone.aclose()

    result, stored = asyncio.run(scenario())
    assert (result.successful, result.failed) == (1, 0), result.output[-2000:]
    assert [r for _, r, _ in stored] == ["answered"]


def test_answer_that_does_not_connect_is_reported_and_never_stored(tmp_path, clock):
    # The old default audio source (ausine, 48 kHz only) cannot answer a PCMU-only caller.
    async def scenario():
        async with console(
            tmp_path,
            clock,
            audio_source="ausine,440",
            audio_modules=("ausine.so", "aubridge.so"),
            answer_timeout=1.5,
        ) as (app, _peers, _messages):
            run = asyncio.create_task(
                sipp_calls(app.phone.settings.sip_listen, tmp_path / "sipp", answer_ms=6000)
            )
            await until(lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe)
            with pytest.raises(TelephonyError) as failed:
                await app.calls.answer()
            state = app.calls.state
            stored_while_ringing = await records(app)
            result = await asyncio.wait_for(run, WAIT + 10)
            await until(lambda: app.calls.state.phase is CallPhase.IDLE, app.calls.subscribe)
            await app.calls.tasks.drain()
            return failed.value.message, state, stored_while_ringing, result, await records(app)

    message, state, while_ringing, result, stored = asyncio.run(scenario())
    assert message == adapter.ANSWER_FAILED
    assert state.phase is CallPhase.RINGING and state.answered_at is None
    assert while_ringing == []
    assert result.successful == 0
    assert [r for _, r, _ in stored] == ["missed"]  # the caller gave up: missed, not answered


def test_sipp_burst_of_five_four_connect_in_turn_and_the_fifth_is_busy_and_recorded(
    tmp_path, clock
):
    async def scenario():
        async with console(tmp_path, clock) as (app, _peers, _messages):
            calls = app.calls
            run = asyncio.create_task(
                sipp_calls(app.phone.settings.sip_listen, tmp_path / "sipp", calls=5)
            )
            # The agent answers whatever the panel shows, one call after another.
            for _ in range(4):
                await until(lambda: calls.state.phase is CallPhase.RINGING, calls.subscribe)
                await calls.answer()
                await calls.hang_up()
                await calls.wrap_up(Outcome.ANSWERED)
            result = await asyncio.wait_for(run, WAIT + 20)
            await calls.tasks.drain()
            return result, await records(app)

    result, stored = asyncio.run(scenario())
    assert (result.successful, result.failed) == (4, 1), result.output[-2000:]
    assert sorted(r for _, r, _ in stored) == ["answered"] * 4 + ["refused"]
