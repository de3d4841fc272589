"""Helpers for tests: build the app through the real composition root; wait on Qt signals."""

from __future__ import annotations

import asyncio
import time
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


async def until(predicate, *, seconds: float = 15.0, what: str = "condition"):
    """Await ``predicate()`` (sync or async) until it is truthy; fail after ``seconds``.

    For outside servers that give no Qt signal to wait on (a mail server, a homeserver).
    """
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def note_for_myself(app):
    """A callback note the signed-in agent makes for herself (she calls back; override given)."""
    from console.domain.callbacks import CallbackDraft

    return await app.callbacks.create(
        CallbackDraft(
            resident_name="mevrouw De Vries",
            phone="0612345678",
            summary="Vraag over de container",
            target_kind="colleague",
            target_id=app.inbox.user.id,
            override_reason="Ik bel zelf terug",
        ),
        check=None,
    )
