"""B9: the supervisor dashboard's refresh over a generated store.

Runs on a plain asyncio loop of its own (no Qt): ``SupervisionService.figures`` is the whole
refresh minus painting (the aggregate SQL on the database thread, the sums in Python). The
clock is fixed at the generator's ``NOW`` so "today" holds the generated day's traffic.
"""

from __future__ import annotations

import asyncio
import time

from benchmarks.core import Context, Figure, benchmark
from benchmarks.data import NOW
from console.app import STORE_FILE
from console.clock import FakeClock
from console.demo.organisation import DemoOrganisationSource
from console.domain.calendar import WorkingCalendar
from console.domain.supervision import PeriodKind
from console.services.supervision import SupervisionService
from integrations.calendar_nl import DutchHolidays
from offline_cache.database import Database
from offline_cache.supervision import SqlSupervisionRepository


@benchmark("B9", what="supervisor dashboard refresh (figures for a period)", budget="≤ 200 ms")
def b9_dashboard_refresh(ctx: Context) -> list[Figure]:
    """Per period (today, last 7 days): ``figures()`` awaited from the event loop, warm."""
    size = ctx.sizes.dashboard
    path = ctx.store(size) / STORE_FILE
    runs = ctx.sizes.runs
    samples: dict[PeriodKind, list[float]] = {PeriodKind.TODAY: [], PeriodKind.LAST_7_DAYS: []}

    async def scenario() -> None:
        db = await Database.open(path)
        demo = DemoOrganisationSource().data(now=NOW)
        service = SupervisionService(
            store=SqlSupervisionRepository(db),
            changes=db,
            organisation=demo.organisation,
            calendar=WorkingCalendar(holidays=DutchHolidays(), closing_days=demo.closing_days),
            clock=FakeClock(NOW),
        )
        try:
            for kind, found in samples.items():
                period = service.period(kind)
                for number in range(runs + 1):
                    start = time.perf_counter()
                    await service.figures(period)
                    if number:  # the first run warms the page cache
                        found.append((time.perf_counter() - start) * 1000.0)
        finally:
            await service.aclose()
            await db.close()

    asyncio.run(scenario())
    return [
        Figure(
            "B9",
            f"dashboard refresh, {kind.value.replace('_', ' ')}",
            found,
            size=size,
            budget=200.0,
        )
        for kind, found in samples.items()
    ]
