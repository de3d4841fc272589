"""The baresip adapter and the call service when the phone misbehaves.

Missing baresip and a crashed baresip use the real program; a silent control port and
malformed messages use a real TCP server on loopback that speaks (or breaks) the netstring
framing, because baresip itself never sends garbage on purpose. Every case ends with a Dutch
message, the call panel state back to something sane, and the notes kept.
"""

from __future__ import annotations

import asyncio
import signal

import pytest

from console.config import Config, TelephonyConfig
from console.ports import (
    CallEventKind,
    TelephonyProtocolError,
    TelephonyUnavailable,
)
from console.services.calls import CallPhase
from integrations.sip import baresip as adapter
from integrations.sip.baresip import BaresipProcess, BaresipSettings, BaresipTelephony
from integrations.sip.netstring import Decoder, FrameError, encode
from tests.helpers import running_app
from tests.sip_agents import (
    HAVE_BARESIP,
    WAIT,
    agents,
    attach_config,
    console_phone,
    free_tcp_port,
)
from tests.test_sip_transfer import CALLER, answered_call, until


def test_netstring_round_trip_and_partial_frames():
    frame = encode({"command": "dial", "params": "sip:x@y", "token": "1"})
    decoder = Decoder()
    assert decoder.feed(frame[:5]) == []
    assert decoder.feed(frame[5:] + frame) == [frame[frame.index(b":") + 1 : -1]] * 2
    with pytest.raises(FrameError):
        Decoder().feed(b"3:abcX")
    with pytest.raises(FrameError):
        Decoder().feed(b"hello:")


def test_missing_baresip_is_told_in_dutch_and_the_console_still_starts(tmp_path, clock, qloop):
    settings = BaresipSettings(ctrl_port=free_tcp_port(), executable="baresip-is-not-here")
    phone = BaresipTelephony(settings, process=BaresipProcess(settings, config_dir=tmp_path / "b"))

    async def scenario():
        async with running_app(
            tmp_path / "app",
            clock,
            config=Config(telephony=TelephonyConfig(kind="baresip")),
            telephony=phone,
        ) as app:
            return app.window.messages.text(), app.calls.state.phase

    text, phase = qloop.run_until_complete(scenario())
    assert text == adapter.MISSING
    assert phase is CallPhase.IDLE


class FakeCtrl:
    """A real TCP server on loopback standing in for ctrl_tcp: answers, stays silent, or breaks."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.port = 0
        self.writers: list[asyncio.StreamWriter] = []
        self.connected = asyncio.Event()

    async def __aenter__(self):
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc):
        for writer in self.writers:
            writer.close()
        self.server.close()
        await self.server.wait_closed()

    def send(self, data: bytes) -> None:
        for writer in self.writers:
            writer.write(data)

    async def _client(self, reader, writer) -> None:
        self.writers.append(writer)
        self.connected.set()
        decoder = Decoder()
        try:
            while data := await reader.read(4096):
                decoder.feed(data)  # "silent": read commands, never answer
        except (ConnectionError, asyncio.CancelledError):
            pass


def test_silent_control_port_gives_a_dutch_message(tmp_path):
    async def scenario():
        async with FakeCtrl("silent") as ctrl:
            phone = BaresipTelephony(
                BaresipSettings(ctrl_port=ctrl.port, start=False, command_timeout=0.3)
            )
            await phone.start()
            try:
                with pytest.raises(TelephonyUnavailable) as caught:
                    await phone.dial("sip:someone@127.0.0.1")
            finally:
                await phone.aclose()
            return caught.value.message

    assert asyncio.run(scenario()) == adapter.SILENT


def test_malformed_message_is_skipped_and_reported_then_framing_garbage_disconnects(tmp_path):
    async def scenario():
        async with FakeCtrl("silent") as ctrl:
            phone = BaresipTelephony(
                BaresipSettings(ctrl_port=ctrl.port, start=False, reconnect=False)
            )
            seen = []
            failed = asyncio.Event()

            def on_event(event):
                seen.append(event)
                if event.kind is CallEventKind.FAILED:
                    failed.set()

            phone.subscribe(on_event)
            await phone.start()
            await asyncio.wait_for(ctrl.connected.wait(), WAIT)
            ctrl.send(b"5:{bad},")  # a frame, but not JSON
            await asyncio.wait_for(failed.wait(), WAIT)
            first = seen[-1]
            failed.clear()
            ctrl.send(
                encode(
                    {
                        "event": True,
                        "class": "call",
                        "type": "CALL_INCOMING",
                        "id": "a1",
                        "peeruri": "sip:+31418678513@127.0.0.1",
                    }
                )
            )
            ctrl.send(b"garbage without length")
            await asyncio.wait_for(failed.wait(), WAIT)
            await phone.aclose()
            return first, seen

    first, seen = asyncio.run(scenario())
    assert isinstance(first.error, TelephonyProtocolError)
    assert first.error.message.startswith(adapter.MALFORMED)
    kinds = [e.kind for e in seen]
    # The good message still got through; the garbage closed the line and the call with it.
    assert kinds[1:] == [CallEventKind.INCOMING, CallEventKind.CLOSED, CallEventKind.FAILED]
    assert seen[1].number == "+31418678513"
    assert "verbinding is verbroken" in seen[-1].error.message


@pytest.mark.sip
@pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed")
def test_baresip_crash_during_a_call_keeps_notes_and_tells_the_agent(tmp_path, clock):
    async def scenario():
        async with agents(tmp_path, CALLER) as peers:
            phone = console_phone(tmp_path, reconnect=False)  # this test is about the loss
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
                    await answered_call(app, peers)
                    phone._process.process.send_signal(signal.SIGKILL)
                    await until(
                        lambda: app.calls.state.phase is CallPhase.WRAP_UP, app.calls.subscribe
                    )
                    state = app.calls.state
                    with pytest.raises(TelephonyUnavailable):
                        await app.phone.dial("sip:x@127.0.0.1")
                    await app.calls.wrap_up(adapter_outcome())
                    return state, messages, app.calls.state
            finally:
                phone._process.stop()

    state, messages, after = asyncio.run(scenario())
    assert state.notes == "Mevrouw is haar paspoort kwijt. Website doorgelopen."
    assert adapter.CRASHED in messages
    assert after.phase is CallPhase.IDLE


def adapter_outcome():
    from console.domain.model import Outcome

    return Outcome.ANSWERED


def test_config_without_baresip_installed_still_starts_with_a_message(tmp_path, clock, qloop):
    config = Config(telephony=TelephonyConfig(kind="baresip", executable="baresip-is-not-here"))

    async def scenario():
        async with running_app(tmp_path, clock, config=config) as app:
            return type(app.phone).__name__, app.window.messages.text()

    kind, text = qloop.run_until_complete(scenario())
    assert kind == "BaresipTelephony" and text == adapter.MISSING


@pytest.mark.sip
@pytest.mark.skipif(not HAVE_BARESIP, reason="baresip is not installed")
def test_attaching_to_a_running_baresip_by_config(tmp_path, clock):
    from tests.sip_agents import agent_settings

    settings = agent_settings("agent")
    running = BaresipProcess(settings, config_dir=tmp_path / "running-baresip")
    running.start()
    config = attach_config(settings)

    async def scenario():
        async with agents(tmp_path, CALLER) as peers:
            async with running_app(
                tmp_path / "console", clock, with_window=False, config=config
            ) as app:
                await peers[CALLER].phone.dial(settings.account)
                await until(lambda: app.calls.state.phase is CallPhase.RINGING, app.calls.subscribe)
                await app.calls.answer()
                await peers[CALLER].wait(CallEventKind.ESTABLISHED)
                return app.calls.state.phase

    try:
        assert asyncio.run(scenario()) is CallPhase.TALKING
        assert running.running  # attached, not owned: the console leaves it running
    finally:
        running.stop()
