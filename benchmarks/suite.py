"""Every benchmark of issue 7, in order: the built ones imported, the rest listed as not yet.

To add one (e.g. B5 when the Klantinteracties sync lands): put ``@benchmark("B5", ...)`` on a
function ``b5_...(ctx) -> list[Figure]`` in a new module, import that module below, and delete
its ``not_yet`` line. The runner, the table, the JSON and the CI check pick it up.
"""

from __future__ import annotations

from benchmarks import (  # noqa: F401  (registers B1–B9, B11, B12)
    availability,
    colleague,
    dashboard,
    first_sync,
    inbox,
    phone,
    process,
    search,
    side_by_side,
    store,
    sync,
)
from benchmarks.core import REGISTRY, Benchmark, not_yet  # noqa: F401  (for the next one)

ORDER = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12", "B13")


def all_benchmarks() -> list[Benchmark]:
    known = [REGISTRY[i] for i in ORDER if i in REGISTRY]
    return known + [b for i, b in sorted(REGISTRY.items()) if i not in ORDER]
