"""When to say a spoken alert: a new chat waiting, a callback note of mine that became overdue.

``SpokenAlerts`` decides whether an alert is said (setting, rate limit); this module decides
when there is something to say. The ringing call needs no watcher: the phone desk calls its
``on_ringing`` hook once per new call. Here:

- ``chat_waiting_rule``: an ``IntakeService.after_delivery`` rule; a NEW live written contact
  (chat, "bel me") means someone is waiting at the keyboard.
- ``OverdueNotesWatch``: checks my open callback notes every ``interval`` and alerts once per
  note when its deadline passes (a note that was already late at start counts once too).

Event-loop thread only; time from the injected clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from console.channels import IncomingContact, IntakeResult
from console.domain.callbacks import CallbackNote
from console.domain.model import Channel
from console.ports import Clock, StoreError
from console.services.spoken_alerts import AlertKind, SpokenAlerts

LIVE_WRITTEN = frozenset({Channel.CHAT, Channel.CALL_ME, Channel.SOCIAL})


def chat_waiting_rule(
    alerts: SpokenAlerts,
) -> Callable[[IncomingContact, IntakeResult], Awaitable[None]]:
    """The ``after_delivery`` rule that says "Er wacht een chat." for a new live contact."""

    async def rule(contact: IncomingContact, result: IntakeResult) -> None:
        if result.created and not result.duplicate and contact.channel in LIVE_WRITTEN:
            alerts.alert(AlertKind.CHAT_WAITING)

    return rule


class OverdueNotesWatch:
    """See the module docstring. ``notes()`` gives my open notes (``CallbackService.my_notes``)."""

    def __init__(
        self,
        notes: Callable[[], Awaitable[Sequence[CallbackNote]]],
        alerts: SpokenAlerts,
        clock: Clock,
    ) -> None:
        self._notes = notes
        self._alerts = alerts
        self._clock = clock
        self._told: set[str] = set()

    async def check(self) -> list[str]:
        """Alert for notes that became overdue since the last check; returns their ids."""
        now: datetime = self._clock.now()
        late = [n.id for n in await self._notes() if n.is_overdue(now) and n.id not in self._told]
        if late:
            self._told.update(late)
            self._alerts.alert(AlertKind.NOTE_OVERDUE)  # one alert for all that became late
        return late

    async def run(self, interval: float = 60.0) -> None:
        """Check every ``interval`` seconds until cancelled (a periodic job, not a wait)."""
        while True:
            try:
                await self.check()
            except StoreError:
                pass  # the store is busy or closing: the next round tries again; nothing lost
            await asyncio.sleep(interval)
