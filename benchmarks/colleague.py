"""B13, a colleague sees it: two consoles on one real Open Klant, a note from A in B's list.

Two consoles (two stores, two users of two teams, each with its own ``SyncService`` as the app
runs it: rounds every 30 s, a cheap look between them) on the real Open Klant 2.18.0 behind the
loopback latency proxy (+30 ms round trip, as B10). Anna (console A) saves callback notes for
Bram's team; per note, from the moment she presses "Opslaan" until the note is in the team list
of Bram's console (``CallbackService.desk_notes``). Notes are spaced at random (1.3–3.7 s) so
they fall anywhere between two looks.

Second figure: HTTP requests per second of each console while nothing changes (counted by its
client over a quiet window that includes a full round).

Budgets: p95 ≤ 5 s; ≤ 1 request per second per console when nothing changes. Without the
server the figures are reported as not measured.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import replace

from benchmarks.core import Context, Figure, benchmark
from benchmarks.side_by_side import TUESDAY_MORNING, _server, draft, proxied


async def _sees(ctx: Context, peer, runs: int, quiet: float) -> dict[str, list[float]]:
    from console.clock import FakeClock
    from console.services.sync import SyncService
    from tests.klantinteracties_peers import console, organisation

    org = organisation()
    bram = org.colleague("c02")
    assert bram is not None
    clock = FakeClock(TUESDAY_MORNING)
    folder = ctx.scratch / "b13"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)
    out: dict[str, list[float]] = {"seen": [], "rate_a": [], "rate_b": []}
    async with (
        console(folder / "a.sqlite3", peer, org, "c01", clock=clock, seed=1) as a,
        console(folder / "b.sqlite3", peer, org, "c02", clock=clock, seed=2) as b,
    ):
        services = [SyncService(engine=c.engine, changes=c.db, clock=clock) for c in (a, b)]
        news = asyncio.Event()

        def heard(notice) -> None:
            if notice.entity == "callback_note" and notice.initiator == "sync":
                news.set()

        unsubscribe = b.db.subscribe(heard)
        for service in services:
            service.start()
        try:
            # Both first rounds done, then a quiet window.
            while min(s.rounds for s in services) < 1:  # noqa: ASYNC110 - a few polls
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)
            before = [a.client.requests_sent, b.client.requests_sent]
            started = time.perf_counter()
            await asyncio.sleep(quiet)
            seconds = time.perf_counter() - started
            out["rate_a"].append((a.client.requests_sent - before[0]) / seconds)
            out["rate_b"].append((b.client.requests_sent - before[1]) / seconds)

            for n in range(runs):
                await asyncio.sleep(rng.uniform(1.3, 3.7))
                note_draft = replace(draft(n, ""), target_kind="desk", target_id=bram.desk_id)
                news.clear()
                saved_at = time.perf_counter()
                note = await a.callbacks.create(note_draft, check=None, confirm_duplicates=True)
                deadline = saved_at + 60
                while True:
                    left = deadline - time.perf_counter()
                    if left <= 0:
                        raise RuntimeError("the note did not reach the colleague within 60 s")
                    try:
                        await asyncio.wait_for(news.wait(), left)
                    except TimeoutError:
                        continue
                    seen_at = time.perf_counter()
                    news.clear()
                    if any(x.id == note.id for x in await b.callbacks.desk_notes()):
                        out["seen"].append((seen_at - saved_at) * 1000)
                        break
        finally:
            unsubscribe()
            for service in services:
                await service.aclose()
    return out


@benchmark(
    "B13",
    what="a note made on console A for B's team, in B's callback list (real Open Klant)",
    budget="p95 ≤ 5 s; ≤ 1 request/s per console when nothing changes",
)
def b13_colleague_sees_it(ctx: Context) -> list[Figure]:
    server = _server()
    if server is None:
        return []
    proxy, peer = proxied(server)
    runs, quiet = (2, 7.0) if ctx.quick else (20, 35.0)
    try:
        got = asyncio.run(_sees(ctx, peer, runs, quiet))
    finally:
        proxy.stop()
    return [
        Figure(
            "B13",
            "note saved on A → in B's team list",
            got["seen"],
            size=runs,
            budget=5000.0,
            judge="p95",
        ),
        Figure(
            "B13",
            f"requests/s of console A, nothing changing ({quiet:.0f} s)",
            got["rate_a"],
            unit="req/s",
            budget=1.0,
            judge="max",
        ),
        Figure(
            "B13",
            f"requests/s of console B, nothing changing ({quiet:.0f} s)",
            got["rate_b"],
            unit="req/s",
            budget=1.0,
            judge="max",
        ),
    ]
