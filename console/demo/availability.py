"""The demo's availability source: presence, out-of-office and agendas from the demo organisation.

Implements ``console.ports.AvailabilitySource`` over the ``Organisation`` snapshot the demo file
built. ``slow`` lists colleague ids whose check never answers in time (to show the timeout path
in demos and tests). Event-loop thread; answers at once otherwise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime

from console.domain.availability import Availability
from console.domain.organisation import Organisation


class DemoAvailabilitySource:
    def __init__(self, organisation: Organisation, *, slow: Iterable[str] = ()) -> None:
        self._organisation = organisation
        self.slow = set(slow)
        self.calls = 0

    async def availability(
        self, colleague_id: str, *, start: datetime, end: datetime
    ) -> Availability | None:
        self.calls += 1
        if colleague_id in self.slow:
            await asyncio.Event().wait()  # like a server that never answers
        colleague = self._organisation.colleague(colleague_id)
        if colleague is None:
            return None
        facts = Availability.of(colleague)
        return Availability(
            colleague_id=facts.colleague_id,
            presence=facts.presence,
            working_hours=facts.working_hours,
            busy=tuple(a for a in facts.busy if a.end > start and a.start < end),
            out_of_office=tuple(o for o in facts.out_of_office if o.end > start),
            source="demobestand",
        )
