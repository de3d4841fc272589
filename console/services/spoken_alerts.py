"""Spoken alerts (a call ringing, a chat waiting, a note overdue) with a rate limit.

A spoken alert helps an agent who looks away from the screen; too many make the console
unbearable and drown the caller. So: off unless the user turns it on, never two at once
(an alert that comes while one is spoken is dropped, not queued), the same kind at most once
per ``per_kind`` interval, and at most ``per_minute`` alerts in any minute. When speech is not
available the reason (Dutch) is told once through the task group and alerts stop until the
user turns them on again.

Event-loop thread only; time comes from the injected clock.
"""

from __future__ import annotations

import asyncio
import enum
from collections import deque
from datetime import datetime, timedelta

from console.ports import Clock, Speech, SpeechUnavailable
from console.services.tasks import TaskGroup


class AlertKind(enum.StrEnum):
    CALL_RINGING = "call_ringing"
    CHAT_WAITING = "chat_waiting"
    NOTE_OVERDUE = "note_overdue"


# What is said: short, no names or numbers (a headset may be overheard).
ALERT_TEXTS = {
    AlertKind.CALL_RINGING: "Er belt iemand.",
    AlertKind.CHAT_WAITING: "Er wacht een chat.",
    AlertKind.NOTE_OVERDUE: "Een terugbelnotitie is te laat.",
}


class SpokenAlerts:
    """See the module docstring."""

    def __init__(
        self,
        speech: Speech,
        clock: Clock,
        *,
        tasks: TaskGroup,
        enabled: bool = False,
        per_kind: timedelta = timedelta(seconds=30),
        per_minute: int = 4,
    ) -> None:
        self._speech = speech
        self._clock = clock
        self.tasks = tasks
        self._enabled = enabled
        self._per_kind = per_kind
        self._per_minute = per_minute
        self._last: dict[AlertKind, datetime] = {}
        self._recent: deque[datetime] = deque()
        self._speaking: asyncio.Task[None] | None = None
        self.spoken = 0  # alerts said to the end
        self.unavailable_reason = ""

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """The user's setting; turning it on again retries a speech engine that failed."""
        self._enabled = enabled
        if enabled:
            self.unavailable_reason = ""

    def alert(self, kind: AlertKind) -> bool:
        """Say the alert for ``kind`` unless the limits say no; True when it is being said."""
        if not self._enabled or self.unavailable_reason:
            return False
        if self._speaking is not None and not self._speaking.done():
            return False
        now = self._clock.now()
        last = self._last.get(kind)
        if last is not None and now - last < self._per_kind:
            return False
        while self._recent and now - self._recent[0] >= timedelta(minutes=1):
            self._recent.popleft()
        if len(self._recent) >= self._per_minute:
            return False
        self._last[kind] = now
        self._recent.append(now)
        self._speaking = self.tasks.spawn(self._say(ALERT_TEXTS[kind]), what="gesproken melding")
        return True

    async def _say(self, text: str) -> None:
        try:
            await self._speech.speak(text)
        except SpeechUnavailable as exc:
            self.unavailable_reason = exc.user_message
            raise  # the task group tells the user, once: later alerts are not tried
        self.spoken += 1

    async def wait_idle(self) -> None:
        """Wait until the alert being said (if any) is done (teardown and tests)."""
        if self._speaking is not None:
            await asyncio.gather(self._speaking, return_exceptions=True)
