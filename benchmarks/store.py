"""B3: the inbox page query through our repository against raw ``sqlite3`` on the same file.

Runs on a plain asyncio loop of its own (no Qt). The SQL is the repository's own
(``inbox_sql``), so both sides run the identical statement; the difference is the cost of the
database thread hop, SQLAlchemy's driver-SQL path and building ``InboxRow`` values.
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import time

from benchmarks.core import Context, Figure, benchmark
from console.app import STORE_FILE
from console.domain.inbox import InboxQuery, Scope, StateFilter
from offline_cache.database import Database
from offline_cache.repositories import SqlInteractionRepository, inbox_sql

PAGE = 200
QUERIES: dict[str, InboxQuery] = {
    "open, all": InboxQuery(),
    "open, my desk": InboxQuery(scope=Scope.MY_DESK, desk_id="kcc", colleague_id="c01"),
    "closed, all": InboxQuery(state=StateFilter.CLOSED),
    "open, text 'paspoort'": InboxQuery(text="paspoort"),
    "closed, text 'container'": InboxQuery(state=StateFilter.CLOSED, text="container"),
}


@benchmark(
    "B3",
    what="page query: repository vs raw sqlite3 on the same file (identical SQL)",
    budget="ratio ≤ 2",
)
def b3_repository_overhead(ctx: Context) -> list[Figure]:
    """Per query and run: one ``SqlInteractionRepository.page`` (awaited, from the event loop)
    and one raw ``sqlite3`` execute + fetchall of ``inbox_sql``'s text, alternating, both warm.
    A sample is the ratio repository/raw of one pair; the raw and repository times are in
    ``extra``.
    """
    size = ctx.sizes.page
    path = ctx.store(size) / STORE_FILE
    runs = ctx.sizes.runs
    results: dict[str, tuple[list[float], list[float]]] = {}

    async def scenario() -> None:
        db = await Database.open(path)
        raw = sqlite3.connect(path)
        try:
            repo = SqlInteractionRepository(db)
            for name, query in QUERIES.items():
                sql, params = inbox_sql(query, None, PAGE)
                ours, theirs = [], []
                for number in range(runs + 1):
                    start = time.perf_counter()
                    rows = await repo.page(query, limit=PAGE)
                    repo_ms = (time.perf_counter() - start) * 1000.0
                    start = time.perf_counter()
                    raw_rows = raw.execute(sql, params).fetchall()
                    raw_ms = (time.perf_counter() - start) * 1000.0
                    assert [r.id for r in rows] == [r[1] for r in raw_rows]
                    if number:  # the first pair warms the caches
                        ours.append(repo_ms)
                        theirs.append(raw_ms)
                results[name] = (ours, theirs)
        finally:
            raw.close()
            await db.close()

    asyncio.run(scenario())
    figures = []
    for name, (ours, theirs) in results.items():
        ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
        figures.append(
            Figure(
                "B3",
                f"page query {name}: repository/raw",
                ratios,
                unit="×",
                size=size,
                budget=2.0,
                judge="median",
                extra={
                    "repository_ms_median": round(statistics.median(ours), 3),
                    "repository_ms_p95": round(sorted(ours)[int(0.95 * (len(ours) - 1))], 3),
                    "raw_sqlite3_ms_median": round(statistics.median(theirs), 3),
                    "rows": PAGE,
                },
            )
        )
    return figures
