"""Demo satisfaction scores (N16): residents rate part of the closed demo backlog.

Real scores would come from a survey after the contact; the demo gives about a third of the
closed backlog a score around 8.5, so the dashboard's satisfaction tile has something to show.
Event-loop thread only; seeded, so a run can be repeated.
"""

from __future__ import annotations

import random

from console.domain.inbox import StateFilter
from console.services.inbox import InboxService
from console.services.supervision import SupervisionService

SCORES = (10, 10, 9, 9, 9, 9, 8, 8, 8, 7, 6, 4)


async def seed_satisfaction(
    inbox: InboxService, supervision: SupervisionService, *, seed: int = 7, share: float = 0.35
) -> int:
    """Score a share of the closed items; returns how many were scored."""
    rng = random.Random(seed)
    rows = await inbox.page(inbox.query(state=StateFilter.CLOSED), limit=500)
    scored = 0
    for row in rows:
        if rng.random() < share:
            await supervision.record_satisfaction(row.id, rng.choice(SCORES))
            scored += 1
    return scored
