"""B8: the availability of a 50-person desk from the local Graph test server.

The server (``tests/graph_server.py``) answers in the documented shapes and adds 50 ms to every
request, like a round trip to Microsoft 365 from a town hall. A sample is one cold look at the
whole desk through the real adapter (``GraphAvailabilitySource.desk``: presence and agendas in
one ``$batch``), cache emptied before each; the second figure is the number of HTTP requests
one look costs, as the server counted them. The server runs in this process on its own threads:
it only sleeps and serialises JSON, so it hardly competes with the adapter for the GIL.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta

from benchmarks.core import Context, Figure, benchmark

DESK_SIZE = 50
LATENCY = 0.050


@benchmark(
    "B8",
    what="availability of a 50-person desk (Graph test server, 50 ms latency)",
    budget="≤ 3 round trips, ≤ 400 ms",
)
def b8_desk_availability(ctx: Context) -> list[Figure]:
    from console.domain.calendar import AMSTERDAM
    from tests.graph_desk import desk_organisation, graph_source, seed_graph
    from tests.graph_server import GraphServer

    now = datetime(2026, 11, 30, 9, 0, tzinfo=AMSTERDAM)
    deadline = now + timedelta(days=1, hours=8)
    organisation = desk_organisation(DESK_SIZE)
    server = GraphServer(latency=LATENCY).start()
    seed_graph(server, organisation, now)
    runs = ctx.sizes.runs
    timings: list[float] = []
    trips: list[float] = []

    async def measure() -> None:
        source = graph_source(server, organisation, now=lambda: now)
        try:
            await source.desk("d0", start=now, end=deadline)  # warm-up: connection, imports
            for _ in range(runs):
                source.cache.clear()
                before = server.round_trips
                started = time.perf_counter()
                answers = await source.desk("d0", start=now, end=deadline)
                timings.append((time.perf_counter() - started) * 1000.0)
                trips.append(float(server.round_trips - before))
                assert len(answers) == DESK_SIZE
                assert all(a.source == "Microsoft 365" for a in answers.values())
        finally:
            await source.aclose()

    try:
        asyncio.run(measure())
    finally:
        server.stop()
    return [
        Figure(
            "B8",
            "availability of a 50-person desk (Graph test server, 50 ms latency)",
            timings,
            size=DESK_SIZE,
            budget=400.0,
            notes="cold look (cache emptied), presence and agendas of the whole desk",
            extra={"latency_ms": LATENCY * 1000},
        ),
        Figure(
            "B8",
            "HTTP round trips for one look at a 50-person desk",
            trips,
            unit="requests",
            size=DESK_SIZE,
            budget=3.0,
            judge="max",
        ),
    ]
