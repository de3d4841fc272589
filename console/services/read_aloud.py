""""Lees voor": read a text box aloud, one text at a time (issue 16).

The widgets' "Lees voor" buttons share one ``ReadAloud``: pressing it while something is read
stops that reading (the same key starts and stops, so nobody waits for a long mail to end);
reading another text stops the first. Whether speech works here is asked once
(``status()``) so a button can be shown disabled with the reason. Failures while reading reach
the user through the task group, in Dutch. Nothing read is logged (it may hold personal data).

Event-loop thread only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from console.ports import Speech, SpeechStatus
from console.services.tasks import TaskGroup


class ReadAloud:
    """See the module docstring."""

    def __init__(self, speech: Speech, *, tasks: TaskGroup | None = None) -> None:
        self._speech = speech
        self.tasks = tasks or TaskGroup()
        self._status: SpeechStatus | None = None
        self._checking: asyncio.Task[SpeechStatus] | None = None
        self._reading: asyncio.Task[None] | None = None
        self._listeners: list[Callable[[bool], None]] = []
        self.started = 0  # readings started (what a test can observe)

    @property
    def known_status(self) -> SpeechStatus | None:
        """The status once it was asked (None before)."""
        return self._status

    async def status(self) -> SpeechStatus:
        """Whether reading aloud works here (asked once, shared by every caller)."""
        if self._status is not None:
            return self._status
        if self._checking is None:
            self._checking = asyncio.ensure_future(self._speech.status())
        self._status = await asyncio.shield(self._checking)
        return self._status

    @property
    def reading(self) -> bool:
        return self._reading is not None and not self._reading.done()

    def subscribe(self, listener: Callable[[bool], None]) -> Callable[[], None]:
        """``listener(reading)`` when a reading starts or ends; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def toggle(self, text: str) -> bool:
        """Read ``text``, or stop the reading going on; True when a reading started."""
        if self.reading:
            self.stop()
            return False
        if not text.strip():
            return False
        self._reading = self.tasks.spawn(self._read(text), what="voorlezen", latest="read")
        self.started += 1
        self._tell(True)
        return True

    def stop(self) -> None:
        if self._reading is not None and not self._reading.done():
            self._reading.cancel()

    async def _read(self, text: str) -> None:
        try:
            await self._speech.speak(text)
        finally:
            self._tell(False)

    def _tell(self, reading: bool) -> None:
        for listener in list(self._listeners):
            listener(reading)

    async def aclose(self) -> None:
        self.stop()
        await self.tasks.aclose()
        if self._checking is not None and not self._checking.done():
            self._checking.cancel()
