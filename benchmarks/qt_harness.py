"""One offscreen QApplication and one qasync loop for the in-process Qt benchmarks.

Main thread only. ``open_app`` builds the console through the real composition root
(``console.app.build_app``) on a FakeClock set to the moment the data was generated for, without
the demo simulator, so nothing but the benchmark writes to the store.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def _quiet_offscreen_warnings(_kind, _context, message: str) -> None:
    # The offscreen platform cannot honour window size hints and says so for every window.
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


class QtHarness:
    def __init__(self) -> None:
        import qasync
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        qInstallMessageHandler(_quiet_offscreen_warnings)
        self.app = QApplication.instance() or QApplication(["kcc-benchmarks"])
        self.app.setQuitOnLastWindowClosed(False)
        self.loop = qasync.QEventLoop(self.app)
        asyncio.set_event_loop(self.loop)

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def process_events(self) -> None:
        self.app.processEvents()

    def close(self) -> None:
        pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()
        asyncio.set_event_loop(None)


@asynccontextmanager
async def open_app(data_dir: Path, *, with_window: bool) -> AsyncIterator:
    """The console on ``data_dir`` (built by the composition root), torn down on exit."""
    from benchmarks.data import NOW
    from console.app import AppOptions, build_app
    from console.clock import FakeClock

    async with AsyncExitStack() as stack:
        app = await build_app(
            AppOptions(
                data_dir=data_dir,
                clock=FakeClock(NOW),
                simulate=False,
                seed_backlog=False,
                with_window=with_window,
            ),
            stack,
        )
        try:
            yield app
        finally:
            await app.inbox.tasks.drain()


async def first_refresh(model, *, seconds: float = 120.0) -> None:
    """Wait for the model's next ``refreshed`` signal (connect before anything awaits)."""
    from widgets.waiting import until_signal

    seen: list[bool] = []

    def on_refreshed() -> None:
        seen.append(True)

    model.refreshed.connect(on_refreshed)
    try:
        await until_signal(model.refreshed, lambda: bool(seen), seconds=seconds)
    finally:
        model.refreshed.disconnect(on_refreshed)


class RefreshWatch:
    """Counts a model's ``refreshed`` signals from creation on, with the moment of the last."""

    def __init__(self, model) -> None:
        self.model = model
        self.count = 0
        self.at = 0.0
        model.refreshed.connect(self._on_model_refreshed)

    def _on_model_refreshed(self) -> None:
        self.count += 1
        self.at = time.perf_counter()

    async def until(self, predicate, *, seconds: float = 120.0) -> None:
        from widgets.waiting import until_signal

        await until_signal(self.model.refreshed, predicate, seconds=seconds)

    def close(self) -> None:
        self.model.refreshed.disconnect(self._on_model_refreshed)
