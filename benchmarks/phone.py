"""B12: the phone under load — SIPp places calls at the console's real baresip agent.

The console is built by the composition root with its window, the real baresip adapter and
a fresh store. An agent loop answers whatever rings through ``CallService.answer`` (as F9
does), talks, hangs up and wraps up. SIPp (Debian sip-tester) places PCMU calls with
``tests/sipp/caller_pcmu.xml``: first N calls one after another (talking ``TALK_S``), then N
calls one every 2 s while the agent talks 0.95 × that long, so with the answering and
wrap-up on top calls overlap now and then (the most seen at once is in ``extra``; a call over
the default limit of 4 is refused, recorded, and counted as not connected). A caller waits
up to 30 s for the answer. Figures per pattern: calls not connected (placed − SIPp's
successful calls, budget 0), calls without a record in the store (budget 0), and the worst
lateness of a 10 ms ``QTimer`` heartbeat on the GUI thread during the calls (budget 50 ms, as
B5).

``--quick`` places 3 calls per pattern (one every 0.5 s). A missing baresip or SIPp is a
crash (exit 1), never a skipped figure.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import shutil
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime

from benchmarks.core import Context, Figure, benchmark

HEARTBEAT_MS = 10
TALK_S = 0.5
ANSWER_MS = 30_000


async def _agent(app, stop: asyncio.Event, tally: dict[str, int], talk: float) -> None:
    """Answer what rings, talk briefly, hang up, wrap up; until ``stop``."""
    from console.domain.errors import DomainError
    from console.domain.model import Outcome
    from console.ports import TelephonyError
    from console.services.calls import CallPhase

    calls = app.calls
    changed = asyncio.Event()

    def on_state(state) -> None:
        at_once = len(state.waiting) + (state.phase is not CallPhase.IDLE)
        tally["most_at_once"] = max(tally["most_at_once"], at_once)
        changed.set()

    unsubscribe = calls.subscribe(on_state)
    try:
        while not stop.is_set():
            state = calls.state
            if state.phase is CallPhase.RINGING:
                try:
                    await calls.answer()
                except (TelephonyError, DomainError):
                    tally["answer_failed"] += 1
                    continue
                await asyncio.sleep(talk)  # the conversation
                with contextlib.suppress(TelephonyError, DomainError):
                    await calls.hang_up()
                if calls.state.phase is CallPhase.WRAP_UP:
                    await calls.wrap_up(Outcome.ANSWERED)
                continue
            if state.phase is CallPhase.WRAP_UP and state.interaction is not None:
                await calls.wrap_up(Outcome.ANSWERED)  # the caller hung up first
                continue
            changed.clear()
            waiter = asyncio.ensure_future(changed.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            stopper.cancel()
    finally:
        unsubscribe()


async def _records(app) -> dict[str, int]:
    def work(conn):
        rows = conn.exec_driver_sql("SELECT result, COUNT(*) FROM call_record GROUP BY result")
        return {str(result): int(count) for result, count in rows}

    return await app.db.read(work)


def _pattern(ctx: Context, name: str, calls: int, every: float | None) -> list[Figure]:
    from PySide6.QtCore import QTimer

    from console.app import AppOptions, build_app
    from console.clock import SystemClock
    from console.config import Config, TelephonyConfig
    from tests.sip_agents import console_phone, sipp_calls

    workdir = ctx.scratch / f"b12-{name}"
    lateness: list[float] = []
    expected = [0.0]

    def beat() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - expected[0]) * 1000.0))
        expected[0] = now + HEARTBEAT_MS / 1000.0

    async def scenario():
        phone = console_phone(workdir)
        async with AsyncExitStack() as stack:
            app = await build_app(
                AppOptions(
                    data_dir=workdir / "console",
                    config=Config(telephony=TelephonyConfig(kind="baresip")),
                    clock=SystemClock(),
                    simulate=False,
                    seed_backlog=False,
                    with_window=True,
                    telephony=phone,
                ),
                stack,
            )
            stack.callback(phone._process.stop)
            app.window.show()
            # The first paint and layout are start-up, not the calls: let them pass untimed.
            app.window.grab()
            await asyncio.sleep(0.2)
            gc.freeze()  # as the console does once its window is up (console/__main__.py)
            tally = {"answer_failed": 0, "most_at_once": 0}
            stop = asyncio.Event()
            talk = TALK_S if every is None else every * 0.95
            agent = asyncio.ensure_future(_agent(app, stop, tally, talk))
            timer = QTimer()
            timer.setInterval(HEARTBEAT_MS)
            timer.timeout.connect(beat)
            expected[0] = time.perf_counter() + HEARTBEAT_MS / 1000.0
            timer.start()
            try:
                run = await sipp_calls(
                    phone.settings.sip_listen,
                    workdir / "sipp",
                    calls=calls,
                    every=every,
                    limit=1 if every is None else None,
                    answer_ms=ANSWER_MS,
                )
            finally:
                timer.stop()
                gc.unfreeze()
                stop.set()
                await agent
            await app.calls.tasks.drain()
            await app.inbox.tasks.drain()
            return run, await _records(app), tally

    started = time.perf_counter()
    run, records, tally = ctx.qt.run(scenario())
    seconds = time.perf_counter() - started
    if run.successful + run.failed == 0:
        raise RuntimeError(f"SIPp placed no calls:\n{run.output[-2000:]}")
    recorded = sum(records.values())
    what = "in a row" if every is None else f"one every {every:g} s"
    extra = {
        "placed": run.placed,
        "connected": run.successful,
        "sipp_failed": run.failed,
        "records": records,
        "answer_failed": tally["answer_failed"],
        "most_at_once": tally["most_at_once"],
        "seconds": round(seconds, 1),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    notes = f"{run.successful} of {run.placed} connected; records {records}"
    return [
        Figure(
            "B12",
            f"calls not connected, {calls} calls {what}",
            [float(run.placed - run.successful)],
            unit="calls",
            size=calls,
            budget=0.0,
            judge="max",
            notes=notes,
            extra=extra,
        ),
        Figure(
            "B12",
            f"calls without a record, {calls} calls {what}",
            [float(max(run.placed - recorded, 0))],
            unit="calls",
            size=calls,
            budget=0.0,
            judge="max",
            notes=notes,
        ),
        Figure(
            "B12",
            f"GUI-thread stall while {calls} calls come in {what}",
            lateness,
            size=calls,
            budget=50.0,
            judge="max",
            notes=f"heartbeat {HEARTBEAT_MS} ms over {seconds:.1f} s",
        ),
    ]


@benchmark(
    "B12",
    what="phone under load: SIPp calls at the console's baresip agent, in a row and one "
    "every 2 s; calls connected of placed, none lost, worst GUI tick",
    budget="all connected, every call recorded, GUI tick ≤ 50 ms",
)
def b12_phone_under_load(ctx: Context) -> list[Figure]:
    for program in ("baresip", "sipp"):
        if shutil.which(program) is None:
            raise RuntimeError(f"B12 needs {program} (Debian packages baresip-core, sip-tester)")
    calls = 3 if ctx.quick else 20
    every = 0.5 if ctx.quick else 2.0
    return _pattern(ctx, "row", calls, None) + _pattern(ctx, "spaced", calls, every)
