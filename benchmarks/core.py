"""The benchmark suite's frame: figures, statistics, the registry, the run context.

A benchmark is one function ``fn(ctx) -> list[Figure]`` registered with ``@benchmark(...)``;
a capability that is not built yet is one ``not_yet(...)`` line with the reason. To add a
benchmark later (B5, B8, B9), write its function in its own module, decorate it, import the
module in ``benchmarks/suite.py``, and delete its ``not_yet`` line there.

Single-threaded; the Qt benchmarks share one offscreen QApplication and qasync loop
(``ctx.qt``), created on first use.
"""

from __future__ import annotations

import math
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import data

Judge = str  # "median", "p95" or "max": which statistic the budget is held against


def p95(samples: list[float]) -> float:
    """The 95th percentile by nearest rank (with few samples this is the largest)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Figure:
    """One measured figure: repeated samples of one thing at one size."""

    id: str
    what: str
    samples: list[float]
    unit: str = "ms"
    size: int | None = None
    budget: float | None = None  # the figure must be ≤ budget
    judge: Judge = "median"
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return p95(self.samples)

    @property
    def judged(self) -> float:
        if self.judge == "p95":
            return self.p95
        if self.judge == "max":
            return max(self.samples)
        return self.median

    @property
    def met(self) -> bool | None:
        return None if self.budget is None else self.judged <= self.budget

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": "measured",
            "what": self.what,
            "size": self.size,
            "unit": self.unit,
            "runs": len(self.samples),
            "median": round(self.median, 3),
            "p95": round(self.p95, 3),
            "min": round(min(self.samples), 3),
            "max": round(max(self.samples), 3),
            "samples": [round(s, 3) for s in self.samples],
            "budget": self.budget,
            "judged_by": self.judge,
            "met": self.met,
            "notes": self.notes,
            "extra": self.extra,
        }


@dataclass(frozen=True)
class Benchmark:
    id: str
    what: str
    budget: str  # as the issue states it
    fn: Callable[[Context], list[Figure]] | None = None
    not_yet: str | None = None  # why it cannot be measured yet


REGISTRY: dict[str, Benchmark] = {}


def benchmark(id: str, *, what: str, budget: str):
    """Register ``fn(ctx) -> list[Figure]`` as benchmark ``id``."""

    def register(fn: Callable[[Context], list[Figure]]) -> Callable[[Context], list[Figure]]:
        REGISTRY[id] = Benchmark(id, what, budget, fn=fn)
        return fn

    return register


def not_yet(id: str, *, what: str, budget: str, reason: str) -> None:
    """List a benchmark whose feature is not built yet; it is reported, never faked."""
    REGISTRY.setdefault(id, Benchmark(id, what, budget, not_yet=reason))


@dataclass(frozen=True)
class Sizes:
    """Store sizes and repetitions for one mode (full or ``--quick``)."""

    b1: tuple[int, ...]
    search: int  # B2
    page: int  # B3
    live: int  # B4
    cold: int  # B6
    memory: int  # B7
    dashboard: int  # B9
    sync: int  # B5
    runs: int  # repetitions of a cheap in-process measurement
    process_runs: int  # repetitions of a whole-process measurement


FULL = Sizes(
    b1=(10_000, 100_000, 1_000_000),
    search=1_000_000,
    page=1_000_000,
    live=1_000_000,
    cold=100_000,
    memory=1_000_000,
    dashboard=100_000,
    sync=100_000,
    runs=30,
    process_runs=7,
)
QUICK = Sizes(
    b1=(2_000,),
    search=2_000,
    page=2_000,
    live=2_000,
    cold=2_000,
    memory=2_000,
    dashboard=2_000,
    sync=200,
    runs=5,
    process_runs=1,
)


class Context:
    """What a benchmark gets: sizes, a seed, generated stores, a scratch dir, the Qt loop."""

    def __init__(self, *, quick: bool, cache_dir: Path, seed: int = 1) -> None:
        self.quick = quick
        self.sizes = QUICK if quick else FULL
        self.cache_dir = cache_dir
        self.seed = seed
        self._scratch = tempfile.TemporaryDirectory(prefix="kcc-bench-")
        self.scratch = Path(self._scratch.name)
        self._copies: dict[int, Path] = {}
        self._qt = None

    def cached_store(self, size: int) -> Path:
        """The pristine generated store's data dir (read only: never open it with the app)."""
        return data.cached_store(self.cache_dir, size=size, seed=self.seed)

    def store(self, size: int) -> Path:
        """A data dir with a working copy of the generated store, shared within this run."""
        if size not in self._copies:
            self._copies[size] = data.working_copy(
                self.cached_store(size), self.scratch / f"data-{size}"
            )
        return self._copies[size]

    def fresh_store(self, size: int, name: str) -> Path:
        """A data dir with its own copy of the generated store."""
        return data.working_copy(self.cached_store(size), self.scratch / name)

    @property
    def qt(self):
        if self._qt is None:
            from benchmarks.qt_harness import QtHarness

            self._qt = QtHarness()
        return self._qt

    def close(self) -> None:
        if self._qt is not None:
            self._qt.close()
        self._scratch.cleanup()
