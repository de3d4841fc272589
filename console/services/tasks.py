"""Background tasks owned by services: kept alive, "latest wins", errors reach the user.

qasync's ``asyncSlot`` is fire-and-forget, so a service never leaves a task to the slot: it
spawns it here, where a reference is kept until it ends and every failure is turned into a
Dutch message for the listeners (the main window shows them). Event-loop thread only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from console.domain.errors import UserFacingError

log = logging.getLogger(__name__)

GENERIC_FAILURE = UserFacingError.default_message


def user_message(exc: BaseException) -> str:
    """The Dutch sentence to show for a failure; never a traceback, never personal data."""
    if isinstance(exc, UserFacingError):
        return exc.user_message
    message = getattr(exc, "user_message", None)
    if isinstance(message, str) and message:
        return message
    return GENERIC_FAILURE


class TaskGroup:
    """Owns the service's tasks; see the module docstring."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._latest: dict[str, asyncio.Task[Any]] = {}
        self._error_listeners: list[Callable[[str], None]] = []

    def on_error(self, listener: Callable[[str], None]) -> Callable[[], None]:
        self._error_listeners.append(listener)
        return lambda: self._error_listeners.remove(listener)

    def report(self, exc: BaseException, *, what: str) -> None:
        # The log gets the exception type only: messages may carry personal data.
        log.error("%s failed: %s", what, type(exc).__name__)
        self.notify(user_message(exc))

    def notify(self, text: str) -> None:
        """Show ``text`` (Dutch) to the user through every listener."""
        for listener in list(self._error_listeners):
            listener(text)

    def spawn(
        self, coro: Coroutine[Any, Any, Any], *, what: str, latest: str | None = None
    ) -> asyncio.Task[Any]:
        """Run ``coro``; with ``latest``, cancel the earlier task of that key first."""
        if latest is not None:
            previous = self._latest.get(latest)
            if previous is not None and not previous.done():
                previous.cancel()
        task = asyncio.get_running_loop().create_task(coro, name=what)
        self._tasks.add(task)
        if latest is not None:
            self._latest[latest] = task
        task.add_done_callback(lambda t: self._finished(t, what=what, latest=latest))
        return task

    def _finished(self, task: asyncio.Task[Any], *, what: str, latest: str | None) -> None:
        self._tasks.discard(task)
        if latest is not None and self._latest.get(latest) is task:
            del self._latest[latest]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            self.report(exc, what=what)

    async def aclose(self) -> None:
        """Cancel what is still running and wait for it (teardown)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def drain(self) -> None:
        """Wait until no task is left, including tasks spawned while waiting."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    @property
    def pending(self) -> int:
        return len(self._tasks)
