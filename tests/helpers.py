"""Helpers for tests: build the app through the real composition root; wait on Qt signals."""

from __future__ import annotations

from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from console.app import AppOptions, KccApp, build_app
from widgets.waiting import until_signal


@asynccontextmanager
async def running_app(data_dir: Path, clock, *, with_window: bool = True, **options):
    async with AsyncExitStack() as stack:
        app: KccApp = await build_app(
            AppOptions(
                data_dir=data_dir,
                clock=clock,
                simulate=options.pop("simulate", False),
                seed_backlog=options.pop("seed_backlog", False),
                with_window=with_window,
                **options,
            ),
            stack,
        )
        yield app
        await app.inbox.tasks.drain()


signal_until = until_signal
