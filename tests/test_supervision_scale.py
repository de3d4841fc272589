"""The supervisor's figures stay correct with 100,000 interactions in a real SQLite store.

The hand-worked day of ``supervision_scenario`` is mixed into 100,000 phone contacts of the
last six weeks. The expected numbers are the scenario's plus what a plain Python count over the
generated contacts gives; the norms (which phone contacts do not touch) must not move at all.
No timing here: the benchmark suite times ``SupervisionService.figures`` (B9).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from console.domain import lifecycle
from console.domain.model import Channel, Direction, Interaction, Owner, Status
from console.domain.supervision import Drill, Measure, Norm, NormCounts
from console.services.supervision import DRILL_LIMIT
from tests.supervision_scenario import NOW, PERIOD
from tests.test_supervision_service import scenario_store

COUNT = 100_000


def background() -> list[Interaction]:
    items = []
    for k in range(COUNT):
        received = NOW - timedelta(seconds=37 * (k + 1))
        is_open = k % 10 == 0
        items.append(
            Interaction(
                id=f"bg-{k}",
                channel=Channel.PHONE,
                direction=Direction.INBOUND,
                subject="Vraag",
                question="",
                received_at=received,
                owner=Owner.desk("kcc") if is_open else Owner.colleague("a1"),
                desk_id="kcc",
                status=Status.NEW if is_open else Status.DONE,
                priority=0,
                deadline=received + timedelta(seconds=30),
                transfers=k % 3,
                updated_at=received,
                closed_at=None if is_open else received + timedelta(seconds=60),
            )
        )
    return items


@pytest.mark.slow
def test_figures_with_100_000_interactions(tmp_path):
    items = background()

    async def run():
        async with scenario_store(tmp_path) as (service, interactions):
            for start in range(0, COUNT, 25_000):
                await interactions.add_many(
                    [lifecycle.Change(i) for i in items[start : start + 25_000]]
                )
            figures = await service.figures(PERIOD)
            waiting = await service.drill_query(Drill(Measure.WAITING), PERIOD)
            overdue = await service.drill_query(Drill(Measure.NOTES_OVERDUE), PERIOD)
            return figures, service.moments(PERIOD), waiting, overdue

    d, m, waiting_query, overdue_query = asyncio.run(run())

    # Plain Python counts over the generated contacts.
    open_items = [i for i in items if i.is_open]
    handled = [i for i in items if i.closed_at and m.today_start <= i.closed_at < m.today_end]
    in_period = [i for i in items if m.period_start <= i.received_at < m.period_end]
    oldest = min(i.received_at for i in open_items)
    today_by_hour: dict[int, int] = {}
    for i in items:
        if m.today_start <= i.received_at < m.today_end:
            hour = i.received_at.astimezone(m.today_start.tzinfo).hour
            today_by_hour[hour] = today_by_hour.get(hour, 0) + 1

    total = d.total
    assert total.load.waiting == 4 + len(open_items)
    assert total.longest_wait(NOW) == NOW - oldest
    assert total.load.handled_today == 5 + len(handled)
    assert total.average_handling == timedelta(
        seconds=round((313500 + 60 * len(handled)) / (5 + len(handled)))
    )
    assert (total.load.notes_due_today, total.load.notes_at_risk, total.load.notes_overdue) == (
        1,
        1,
        1,
    )
    p = total.period
    assert p.contacts == 14 + len(in_period)
    assert p.transfers == 3 + sum(i.transfers for i in in_period)
    assert p.transferred_twice == 1 + sum(1 for i in in_period if i.transfers >= 2)
    assert p.satisfaction == pytest.approx(25 / 3)
    # The norms are exactly the hand-worked day's.
    assert p.norms[Norm.N1] == NormCounts(met=1, broken=2, at_risk=1, pending=2)
    assert p.norms[Norm.N8] == NormCounts(met=1, broken=1, at_risk=0, pending=0)
    assert p.norms[Norm.N9] == NormCounts(met=1, broken=1, at_risk=0, pending=0)
    assert p.norms[Norm.N10] == NormCounts(met=0, broken=0, at_risk=1, pending=1)
    assert p.norms[Norm.N11] == NormCounts(met=1, broken=1, at_risk=0, pending=0)
    channels = {g.key: g for g in d.channels}
    assert channels["phone"].load.waiting == 1 + len(open_items)
    hours = {h.hour: h.received for h in d.hours}
    scenario_hours = {8: 1, 9: 1, 10: 1, 11: 1, 15: 1}
    for hour in range(24):
        assert hours[hour] == today_by_hour.get(hour, 0) + scenario_hours.get(hour, 0)

    # Drill-down: a huge set is capped (oldest first), a small one is exact.
    assert len(waiting_query.ids) == DRILL_LIMIT
    assert waiting_query.ids[0] == f"bg-{max(k for k in range(COUNT) if k % 10 == 0)}"
    assert overdue_query.ids == ("note-overdue",)
