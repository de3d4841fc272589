"""Await a condition that a Qt signal announces (the self-test, screenshots and tests use it).

Event-loop (GUI) thread only, on a running qasync loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import SignalInstance


async def until_signal(
    signal: SignalInstance, predicate: Callable[[], bool], *, seconds: float = 10.0
) -> None:
    """Wait until ``predicate()`` holds, checking it now and each time ``signal`` fires.

    Raises:
        TimeoutError: it did not hold within ``seconds``.
    """
    reached = asyncio.Event()

    def check(*_args: object) -> None:
        if predicate():
            reached.set()

    signal.connect(check)
    try:
        check()
        async with asyncio.timeout(seconds):
            await reached.wait()
    finally:
        signal.disconnect(check)
