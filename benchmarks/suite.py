"""Every benchmark of issue 7, in order: the built ones imported, the rest listed as not yet.

To add one (e.g. B5 when the Klantinteracties sync lands): put ``@benchmark("B5", ...)`` on a
function ``b5_...(ctx) -> list[Figure]`` in a new module, import that module below, and delete
its ``not_yet`` line. The runner, the table, the JSON and the CI check pick it up.
"""

from __future__ import annotations

from benchmarks import (  # noqa: F401  (registers B1–B7, B9)
    dashboard,
    first_sync,
    inbox,
    process,
    store,
    sync,
)
from benchmarks.core import REGISTRY, Benchmark, not_yet

not_yet(
    "B8",
    what="availability of a 50-person desk (Graph test server, 50 ms latency)",
    budget="≤ 3 round trips, ≤ 400 ms",
    reason="availability via Microsoft Graph (adapter and Graph test server) is not built yet",
)

ORDER = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B11")


def all_benchmarks() -> list[Benchmark]:
    known = [REGISTRY[i] for i in ORDER if i in REGISTRY]
    return known + [b for i, b in sorted(REGISTRY.items()) if i not in ORDER]
