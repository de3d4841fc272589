"""B5: the GUI thread while the console syncs from the Klantinteracties test server.

Like the console after start-up, the long-lived objects are frozen (``gc.freeze``) before the
sync, so full garbage collections scan only what the sync creates.

The spec-checking test server (``tests/klantinteracties_server.py``) runs in a child process
of its own, seeded with callback notes for one desk, so its request handling does not compete
for this process's GIL: what is measured is the console's own work. In this process the real
sync engine pulls every note into a fresh store on the qasync loop of the Qt harness, while a
10 ms heartbeat ``QTimer`` records how late each tick fires. A sample is one tick's lateness;
the figure is judged on the worst one (the longest stall the user could have felt).
"""

from __future__ import annotations

import gc
import multiprocessing
import time
from types import SimpleNamespace

from benchmarks.core import Context, Figure, benchmark

HEARTBEAT_MS = 10


def _serve(count: int, pipe) -> None:  # runs in the child process
    from tests.klantinteracties_server import KlantinteractiesServer
    from tests.klantinteracties_sync import seed_server

    server = KlantinteractiesServer(seed=5, validate=False).start()
    try:
        seed_server(server, count)
        pipe.send(server.root)
        pipe.recv()  # until the parent is done
    finally:
        server.stop()


@benchmark(
    "B5",
    what="longest GUI-thread stall (10 ms heartbeat lateness) while syncing from the "
    "Klantinteracties test server",
    budget="≤ 50 ms",
)
def b5_sync_stall(ctx: Context) -> list[Figure]:
    from PySide6.QtCore import QTimer

    from tests.klantinteracties_sync import connected

    count = ctx.sizes.sync
    spawn = multiprocessing.get_context("spawn")
    parent, child = spawn.Pipe()
    process = spawn.Process(target=_serve, args=(count, child), daemon=True)
    process.start()
    lateness: list[float] = []
    try:
        deadline = time.monotonic() + 600
        while not parent.poll(1):  # seeding 10^5 notes takes a while; a crash must not
            if not process.is_alive():
                raise RuntimeError(
                    f"the Klantinteracties test server stopped (exit code {process.exitcode})"
                )
            if time.monotonic() > deadline:
                raise RuntimeError("the Klantinteracties test server did not start")
        server = SimpleNamespace(root=parent.recv())
        qt = ctx.qt
        path = ctx.scratch / "b5" / "sync.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        expected = [0.0]

        def beat() -> None:
            now = time.perf_counter()
            lateness.append(max(0.0, (now - expected[0]) * 1000.0))
            expected[0] = now + HEARTBEAT_MS / 1000.0

        async def scenario():
            # Setting up (opening the store, building the HTTP client with its TLS context)
            # happens once at start-up in the console; the heartbeat covers the sync itself.
            async with connected(path, server, timeout=30.0) as c:
                gc.freeze()  # as the console does once its window is up (console/__main__.py)
                timer = QTimer()
                timer.setInterval(HEARTBEAT_MS)
                timer.timeout.connect(beat)
                expected[0] = time.perf_counter() + HEARTBEAT_MS / 1000.0
                timer.start()
                try:
                    report = await c.engine.sync_once()
                finally:
                    timer.stop()
                    gc.unfreeze()
            return report

        started = time.perf_counter()
        report = qt.run(scenario())
        seconds = time.perf_counter() - started
    finally:
        parent.send("stop")
        process.join(30)
    pulled = getattr(report, "pulled", None)
    return [
        Figure(
            "B5",
            "GUI-thread stall during a first sync",
            lateness,
            size=count,
            budget=50.0,
            judge="max",
            notes=f"{count} notes pulled in {seconds:.1f} s; heartbeat {HEARTBEAT_MS} ms",
            extra={"sync_seconds": round(seconds, 2), "pulled": pulled},
        )
    ]
