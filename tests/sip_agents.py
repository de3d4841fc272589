"""Real baresip user agents on loopback for the ``sip`` tests: free ports, own config dirs.

``agents(tmp_path, names)`` starts one baresip per name and guarantees they are stopped (and
reaped) when the block ends, even when the test fails. Each agent is driven through the same
``BaresipTelephony`` adapter the console uses; ``events`` is a queue of every event it saw.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from console.ports import CallEvent, CallEventKind
from integrations.sip.baresip import BaresipProcess, BaresipSettings, BaresipTelephony

# Skipped without baresip on a developer's machine; in CI (.ci/setup installs it) a missing
# baresip must fail the run instead of skipping silently.
HAVE_BARESIP = shutil.which("baresip") is not None or bool(os.environ.get("KCC_REQUIRE_SIP"))
WAIT = 10.0  # a failure guard only: every wait ends on an event


def _free(kind: int, port: int) -> bool:
    probe = socket.socket(socket.AF_INET, kind)
    try:
        probe.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def free_sip_port() -> int:
    """An even port with port and port+1 free for UDP and TCP (baresip takes PORT+1 for TLS)."""
    while True:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1] & ~1
        probe.close()
        if port < 1024 or port > 65000:
            continue
        if all(
            _free(k, p) for p in (port, port + 1) for k in (socket.SOCK_DGRAM, socket.SOCK_STREAM)
        ):
            return port


def free_tcp_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def agent_settings(user: str, **changes) -> BaresipSettings:
    sip = free_sip_port()
    return BaresipSettings(
        ctrl_port=free_tcp_port(),
        account=f"sip:{user}@127.0.0.1:{sip}",
        sip_listen=f"127.0.0.1:{sip}",
        **changes,
    )


@dataclass
class Agent:
    user: str
    phone: BaresipTelephony
    process: BaresipProcess
    events: asyncio.Queue[CallEvent] = field(default_factory=asyncio.Queue)
    seen: list[CallEvent] = field(default_factory=list)
    auto_answer: bool = False

    @property
    def uri(self) -> str:
        return self.phone.settings.account

    def _on_event(self, event: CallEvent) -> None:
        self.seen.append(event)
        self.events.put_nowait(event)
        if self.auto_answer and event.kind is CallEventKind.INCOMING:
            asyncio.get_running_loop().create_task(self.phone.answer(event.call_id))

    async def wait(self, kind: CallEventKind, *, number: str | None = None) -> CallEvent:
        async def scan() -> CallEvent:
            while True:
                event = await self.events.get()
                if event.kind is kind and (number is None or event.number == number):
                    return event

        return await asyncio.wait_for(scan(), WAIT)


def console_phone(tmp_path: Path, user: str = "agent", **changes) -> BaresipTelephony:
    settings = agent_settings(user, **changes)
    process = BaresipProcess(settings, config_dir=tmp_path / f"baresip-{user}")
    return BaresipTelephony(settings, process=process)


@asynccontextmanager
async def agents(tmp_path: Path, *users: str):
    """Start a baresip per user (peers of the console); stop them all on the way out."""
    async with AsyncExitStack() as stack:
        started: dict[str, Agent] = {}
        for user in users:
            settings = agent_settings(user)
            process = BaresipProcess(settings, config_dir=tmp_path / f"baresip-{user}")
            # Even if start fails half-way. Peers need no graceful goodbye: a BYE to a killed
            # console would keep baresip waiting for seconds.
            stack.callback(process.stop, grace=0.3)
            process.start()
            # The phone attaches; the fixture owns the process (stopped quickly above).
            phone = BaresipTelephony(settings)
            agent = Agent(user, phone, process)
            phone.subscribe(agent._on_event)
            stack.push_async_callback(phone.aclose)
            await phone.start()
            started[user] = agent
        yield started
        for agent in started.values():
            assert agent.process.running, f"baresip of {agent.user} died during the test"
