"""The console trusts only its own baresip, survives hostile control frames, and gets its
phone back when baresip goes away and returns (issue 11, "the phone connection").

The stranger is a real TCP server holding the control port; hostile frames come from a real
TCP server speaking netstrings (baresip itself never sends them); restarts use real baresip
processes. Every wait ends on an event.
"""

from __future__ import annotations

import asyncio
import os
import signal
from dataclasses import replace

import pytest

from console.config import Config, TelephonyConfig
from console.ports import CallEventKind, TelephonyProtocolError, TelephonyUnavailable
from console.services.calls import CallPhase
from integrations.sip import baresip as adapter
from integrations.sip.baresip import BaresipProcess, BaresipSettings, BaresipTelephony
from integrations.sip.netstring import encode
from integrations.sip.owner import listener_owned_by
from tests.helpers import running_app
from tests.sip_agents import (
    HAVE_BARESIP,
    WAIT,
    agent_settings,
    agents,
    attach_config,
    console_phone,
)
from tests.test_sip_bad_input import FakeCtrl
from tests.test_sip_transfer import CALLER, until


def incoming(call_id: str) -> bytes:
    return encode(
        {
            "event": True,
            "class": "call",
            "type": "CALL_INCOMING",
            "id": call_id,
            "peeruri": f"sip:{CALLER}@127.0.0.1",
        }
    )


@pytest.mark.sip
@pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed")
def test_stranger_on_the_control_port_is_refused_and_never_driven(tmp_path):
    async def scenario():
        async with FakeCtrl("silent") as stranger:
            settings = replace(agent_settings("agent"), ctrl_port=stranger.port)
            phone = BaresipTelephony(
                settings, process=BaresipProcess(settings, config_dir=tmp_path / "own")
            )
            started = False
            try:
                with pytest.raises(TelephonyUnavailable) as refused:
                    await phone.start()
                started = phone._process.process is not None
            finally:
                await phone.aclose()  # stops our baresip too, should the check ever let it run
            expected = adapter.STRANGER.format(port=stranger.port)
            return refused.value.message, expected, stranger.connected.is_set(), started

    message, expected, stranger_contacted, own_started = asyncio.run(scenario())
    assert message == expected and "ander programma" in message
    assert not stranger_contacted  # no command, no connection: it is not driven
    assert not own_started  # the port was taken: our baresip is not even started


@pytest.mark.sip
@pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed")
def test_the_listener_on_the_control_port_is_traced_to_its_process(tmp_path):
    settings = agent_settings("agent")
    own = BaresipProcess(settings, config_dir=tmp_path / "b")

    async def scenario():
        own.start()
        phone = BaresipTelephony(settings, process=None)
        await phone.start()  # attach: waits until baresip listens
        await phone.aclose()
        async with FakeCtrl("silent") as stranger:
            return (
                listener_owned_by(own.process.pid, settings.ctrl_port),
                listener_owned_by(os.getpid(), settings.ctrl_port),
                listener_owned_by(os.getpid(), stranger.port),
                listener_owned_by(own.process.pid, stranger.port),
            )

    try:
        assert asyncio.run(scenario()) == (True, False, True, False)
    finally:
        own.stop()


def test_hostile_frames_are_skipped_and_reported_and_calls_still_arrive(tmp_path):
    async def scenario():
        async with FakeCtrl("silent") as ctrl:
            phone = BaresipTelephony(BaresipSettings(ctrl_port=ctrl.port, start=False))
            seen = []
            arrived = asyncio.Event()

            def on_event(event):
                seen.append(event)
                if event.kind is CallEventKind.INCOMING:
                    arrived.set()

            phone.subscribe(on_event)
            await phone.start()
            await asyncio.wait_for(ctrl.connected.wait(), WAIT)
            deep = b"[" * 200_000 + b"]" * 200_000
            ctrl.send(str(len(deep)).encode() + b":" + deep + b",")  # oversized and deep
            nested = b'{"event":true,"x":' + b"[" * 5_000 + b"]" * 5_000 + b"}"
            ctrl.send(str(len(nested)).encode() + b":" + nested + b",")  # deep, small
            ctrl.send(encode({"event": True, "class": "call", "type": 7, "id": ["x"]}))
            ctrl.send(incoming("after-the-garbage"))
            await asyncio.wait_for(arrived.wait(), WAIT)
            await phone.aclose()
            return seen

    seen = asyncio.run(scenario())
    failures = [e.error for e in seen if e.kind is CallEventKind.FAILED]
    assert [type(f) for f in failures] == [TelephonyProtocolError, TelephonyProtocolError]
    assert failures[0].message == adapter.TOO_BIG
    assert failures[1].message.startswith(adapter.MALFORMED)
    assert [e.call_id for e in seen if e.kind is CallEventKind.INCOMING] == ["after-the-garbage"]
    assert not any(e.kind is CallEventKind.CLOSED for e in seen)  # the line stayed up


@pytest.mark.sip
@pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed")
def test_attached_baresip_restarted_calls_arrive_again(tmp_path, clock):
    settings = agent_settings("agent")
    external = BaresipProcess(settings, config_dir=tmp_path / "external")
    external.start()
    config = attach_config(settings)

    async def scenario():
        async with agents(tmp_path, CALLER) as peers:
            async with running_app(
                tmp_path / "console", clock, with_window=False, config=config
            ) as app:
                messages: list[str] = []
                app.calls.on_message(messages.append)
                external.process.send_signal(signal.SIGKILL)
                await until(lambda: adapter.CRASHED in messages, app.calls.on_message)
                external.process.wait()
                external.start()  # baresip comes back (as a service manager would restart it)
                await until(lambda: adapter.LINE_BACK in messages, app.calls.on_message)
                await peers[CALLER].phone.dial(settings.account)
                await until(lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe)
                await app.calls.answer()
                await peers[CALLER].wait(CallEventKind.ESTABLISHED)
                return app.calls.state, messages, app.phone.reconnects

    try:
        state, messages, reconnects = asyncio.run(scenario())
    finally:
        external.stop()
    assert state.phase is CallPhase.TALKING and state.number == CALLER
    assert reconnects == 1
    assert messages.index(adapter.CRASHED) < messages.index(adapter.LINE_BACK)


@pytest.mark.sip
@pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed")
def test_own_baresip_killed_is_restarted_and_calls_arrive_again(tmp_path, clock):
    async def scenario():
        async with agents(tmp_path, CALLER) as peers:
            phone = console_phone(tmp_path)
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
                    first_pid = phone._process.process.pid
                    phone._process.process.send_signal(signal.SIGKILL)
                    await until(lambda: adapter.LINE_BACK in messages, app.calls.on_message)
                    await peers[CALLER].phone.dial(phone.settings.account)
                    await until(
                        lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe
                    )
                    return first_pid, phone._process.process.pid, messages
            finally:
                phone._process.stop()

    first_pid, second_pid, messages = asyncio.run(scenario())
    assert first_pid != second_pid
    assert adapter.CRASHED in messages and adapter.LINE_BACK in messages


@pytest.mark.parametrize("value", ["0", "33", '"vier"', "true"])
def test_max_calls_out_of_range_is_a_dutch_config_error(tmp_path, value):
    from console.config import ConfigError, load_config

    path = tmp_path / "kcc.toml"
    path.write_text(f'[telephony]\nkind = "baresip"\nmax_calls = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert "max_calls" in str(error.value) and "heel getal" in str(error.value)
