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


def attach_config(settings: BaresipSettings):
    """The console's config to attach to a baresip that already runs (start = false)."""
    from console.config import Config, TelephonyConfig

    return Config(
        telephony=TelephonyConfig(
            kind="baresip", ctrl_port=settings.ctrl_port, start=False, account=settings.account
        )
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


# -- SIPp callers (Debian sip-tester) ----------------------------------------------------------

HAVE_SIPP = shutil.which("sipp") is not None or bool(os.environ.get("KCC_REQUIRE_SIP"))
CALLER_SCENARIO = Path(__file__).with_name("sipp") / "caller_pcmu.xml"


@dataclass
class SippRun:
    """What one SIPp run reported: calls placed, answered (200 OK, then BYE) and failed."""

    placed: int
    successful: int
    failed: int
    returncode: int
    output: str


def _counter(output: str, name: str) -> int:
    # The final screen has rows like "Successful call    |  0   |  20" (periodic | cumulative).
    found = 0
    for line in output.splitlines():
        if line.strip().startswith(name):
            cells = [c.strip() for c in line.split("|")]
            if len(cells) >= 3 and cells[-1].isdigit():
                found = int(cells[-1])
    return found


def _scenario(workdir: Path, answer_ms: int) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    # SIPp reads a recv timeout only as a literal number: fill it in.
    scenario = workdir / CALLER_SCENARIO.name
    text = CALLER_SCENARIO.read_text(encoding="latin-1")
    scenario.write_text(text.replace("[$answer_ms]", str(answer_ms)), encoding="latin-1")
    return scenario


def _read(path: Path) -> str:
    return path.read_text(errors="replace")


async def sipp_calls(
    target: str,
    workdir: Path,
    *,
    caller: str = "+31418678513",
    calls: int = 1,
    every: float | None = None,
    limit: int | None = None,
    answer_ms: int = 20_000,
    started: asyncio.Event | None = None,
) -> SippRun:
    """Place ``calls`` PCMU calls at ``target`` (host:port) with SIPp and wait until it is done.

    ``every`` seconds between calls (default: all at once, ``limit`` at a time); a call not
    answered within ``answer_ms`` is cancelled and counted as failed. SIPp binds free ports.
    """
    if shutil.which("sipp") is None:  # in CI (KCC_REQUIRE_SIP) this fails the test, clearly
        raise RuntimeError("SIPp is not installed (Debian package sip-tester, see .ci/setup)")
    scenario = _scenario(workdir, answer_ms)
    args = [
        "sipp",
        target,
        "-sf",
        str(scenario),
        "-s",
        "agent",
        "-i",
        "127.0.0.1",
        "-p",
        str(free_sip_port()),
        "-mp",
        str(free_sip_port()),
        "-m",
        str(calls),
        "-set",
        "caller",
        caller,
        "-nostdin",  # (not -nd: a 486 must abort the call as a failure, not leave it hanging)
        "-timeout",
        f"{int(answer_ms / 1000 * calls + 60)}s",
        "-timeout_error",
    ]
    if every is not None:
        args += ["-r", "1", "-rp", str(int(every * 1000))]  # one call every `every` seconds
    else:
        args += ["-r", "1000", "-rp", "1000"]  # as fast as SIPp can: all at once
    # SIPp's own default limit (3 × rate × call length) would hold calls back: say it.
    args += ["-l", str(limit if limit is not None else calls)]
    log_path = workdir / "sipp.out"
    with open(log_path, "wb") as log:  # noqa: ASYNC230 - a local file, opened once
        process = await asyncio.create_subprocess_exec(
            *args, cwd=workdir, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log
        )
        if started is not None:
            started.set()
        try:
            returncode = await process.wait()
        except BaseException:
            process.kill()
            await process.wait()
            raise
    output = _read(log_path)
    return SippRun(
        placed=calls,
        successful=_counter(output, "Successful call"),
        failed=_counter(output, "Failed call"),
        returncode=returncode,
        output=output,
    )
