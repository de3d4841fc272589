"""The supervisor's figures on a real SQLite store, checked against a day worked out by hand.

See ``tests/supervision_scenario.py`` for the 15 items and why each counts where it does.
"""

from __future__ import annotations

import asyncio
import csv
import io
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest

from console.clock import FakeClock
from console.domain.errors import DomainError
from console.domain.inbox import StateFilter
from console.domain.model import Channel, Outcome
from console.domain.supervision import (
    AgentState,
    Drill,
    Level,
    Measure,
    Norm,
    NormCounts,
    add_working_hours,
)
from console.services.supervision import SupervisionService, figures_csv
from offline_cache.database import Database
from offline_cache.repositories import SqlInteractionRepository
from offline_cache.supervision import SqlSupervisionRepository
from tests.conftest import AMS
from tests.supervision_scenario import (
    CALENDAR,
    NOW,
    ORGANISATION,
    PERIOD,
    SCORES,
    at,
    histories,
)


@asynccontextmanager
async def scenario_store(tmp_path, *, with_items: bool = True):
    db = await Database.open(tmp_path / "store.sqlite3")
    try:
        interactions = SqlInteractionRepository(db)
        service = SupervisionService(
            store=SqlSupervisionRepository(db),
            changes=db,
            organisation=ORGANISATION,
            calendar=CALENDAR,
            clock=FakeClock(NOW),
        )
        if with_items:
            await interactions.add_many(histories())
            for item_id, score in SCORES.items():
                await service.record_satisfaction(item_id, score)
        yield service, interactions
        await service.aclose()
    finally:
        await db.close()


def figures_of(tmp_path):
    async def run():
        async with scenario_store(tmp_path) as (service, _):
            return await service.figures(PERIOD)

    return asyncio.run(run())


def test_two_working_hours_later_skips_the_evening_and_the_weekend():
    friday = at(18, 16)
    assert add_working_hours(CALENDAR, friday, 2) == at(21, 9, 30)
    assert add_working_hours(CALENDAR, NOW, 2) == at(30, 8, 45)
    # Christmas Eve afternoon: Friday 25 is a holiday, so it ends on Monday 28.
    assert add_working_hours(CALENDAR, at(24, 16, 30), 2) == at(28, 10)


def test_queue_load_in_total_per_channel_and_per_desk(tmp_path):
    d = figures_of(tmp_path)
    total = d.total
    # Waiting with a desk: 3 note-overdue, 4 note-at-risk, 9 post-open, 12 phone-live.
    assert total.load.waiting == 4
    # The oldest waiting is note 3 (Thu 24 11:00).
    assert total.longest_wait(NOW) == NOW - at(24, 11)
    # Handled today: 8 (3 h), 10 (13 h 10), 11 (Sat 11:00 → Tue 9:30), 13 (5 min), 14 (20 min).
    assert total.load.handled_today == 5
    expected = (10800 + 47400 + (72 * 3600 - 5400) + 300 + 1200) / 5
    assert total.average_handling == timedelta(seconds=expected)
    # Callback notes: 4 is due today and at risk; 3 is overdue.
    assert (total.load.notes_due_today, total.load.notes_at_risk, total.load.notes_overdue) == (
        1,
        1,
        1,
    )

    channels = {g.key: g for g in d.channels}
    assert channels["callback_note"].load.waiting == 2
    assert channels["phone"].load.waiting == 1
    assert channels["phone"].longest_wait(NOW) == timedelta(minutes=5)
    assert channels["post"].load.waiting == 1
    assert channels["mail"].load.handled_today == 1
    assert channels["mail"].average_handling == timedelta(hours=3)
    assert channels["counter"].load.waiting == 0 and channels["counter"].longest_wait(NOW) is None
    assert [g.key for g in d.channels] == [c.value for c in Channel]

    desks = {g.key: g for g in d.desks}
    assert desks["kcc"].load.waiting == 2 and desks["bo"].load.waiting == 2
    assert desks["kcc"].load.handled_today == 5 and desks["bo"].load.handled_today == 0
    assert desks["bo"].load.notes_overdue == 1 and desks["kcc"].load.notes_at_risk == 1


def test_norm_compliance_over_the_period(tmp_path):
    norms = figures_of(tmp_path).total.period.norms
    # N1: 1 met (weekend note), 2 and 3 broken, 4 (at risk) and 5 pending.
    assert norms[Norm.N1] == NormCounts(met=1, broken=2, at_risk=1, pending=2)
    assert norms[Norm.N1].percent == pytest.approx(100 / 3)
    assert norms[Norm.N1].level is Level.BROKEN
    # N8: 6 met only because Christmas does not count; 7 broken.
    assert norms[Norm.N8] == NormCounts(met=1, broken=1, at_risk=0, pending=0)
    # N9: 6 acknowledged a week late, 8 on time.
    assert norms[Norm.N9] == NormCounts(met=1, broken=1, at_risk=0, pending=0)
    # N10: the post of Monday is due at 17:00 today and nobody has touched it.
    assert norms[Norm.N10] == NormCounts(met=0, broken=0, at_risk=1, pending=1)
    assert norms[Norm.N10].percent is None and norms[Norm.N10].level is Level.AT_RISK
    # N11: the Monday-evening chat was called in time, the Saturday bel-me was not.
    assert norms[Norm.N11] == NormCounts(met=1, broken=1, at_risk=0, pending=0)


def test_norms_per_desk_add_up(tmp_path):
    d = figures_of(tmp_path)
    desks = {g.key: g for g in d.desks}
    assert desks["kcc"].period.norms[Norm.N1] == NormCounts(met=1, broken=0, at_risk=1, pending=2)
    assert desks["bo"].period.norms[Norm.N1] == NormCounts(met=0, broken=2, at_risk=0, pending=0)
    assert desks["bo"].period.norms[Norm.N8].met == 1
    assert desks["kcc"].period.norms[Norm.N8].broken == 1


def test_transfers_satisfaction_and_agents(tmp_path):
    d = figures_of(tmp_path)
    p = d.total.period
    # 14 contacts arrived in the period (the 1 December mail is outside it).
    assert p.contacts == 14
    assert p.transfers == 3 and p.transfers_per_contact == pytest.approx(3 / 14)
    assert p.transferred_twice == 1 and p.share_transferred_twice == pytest.approx(100 / 14)
    # Scores 6, 10, 9 in the period (the 2 of 1 December is not): 8.33 against 9.
    assert p.satisfaction == pytest.approx(25 / 3) and p.below_target == 1
    assert d.total.agents == {
        AgentState.AVAILABLE: 1,
        AgentState.IN_CALL: 1,
        AgentState.WRAP_UP: 1,
        AgentState.AWAY: 2,
    }
    desks = {g.key: g for g in d.desks}
    assert (
        desks["bo"].agents[AgentState.AWAY] == 2 and desks["bo"].agents[AgentState.AVAILABLE] == 0
    )


def test_load_per_hour_of_today(tmp_path):
    hours = {h.hour: h for h in figures_of(tmp_path).hours}
    assert len(hours) == 24
    assert {h: v.received for h, v in hours.items() if v.received} == {
        8: 1,
        9: 1,
        10: 1,
        11: 1,
        15: 1,
    }
    assert {h: v.handled for h, v in hours.items() if v.handled} == {9: 2, 10: 1, 11: 2}


@pytest.mark.parametrize(
    ("drill", "expected"),
    [
        (Drill(Measure.WAITING), ["note-overdue", "note-at-risk", "post-open", "phone-live"]),
        (Drill(Measure.WAITING, desk_id="bo"), ["note-overdue", "post-open"]),
        (Drill(Measure.NOTES_OVERDUE), ["note-overdue"]),
        (Drill(Measure.NOTES_AT_RISK), ["note-at-risk"]),
        (Drill(Measure.HANDLED_TODAY, channel=Channel.PHONE), ["phone-2x"]),
        (Drill(Measure.NORM_BROKEN, Norm.N1), ["note-late", "note-overdue"]),
        (Drill(Measure.NORM_BROKEN, Norm.N8), ["complaint-late"]),
        (Drill(Measure.NORM_MET, Norm.N8), ["complaint-holiday"]),
        (Drill(Measure.NORM_AT_RISK, Norm.N10), ["post-open"]),
        (Drill(Measure.NORM_BROKEN, Norm.N11), ["callme-ooh"]),
        (Drill(Measure.TRANSFERRED_TWICE), ["phone-2x"]),
        (Drill(Measure.SATISFACTION_BELOW_TARGET), ["phone-2x"]),
    ],
)
def test_every_number_drills_down_to_the_items_behind_it(tmp_path, drill, expected):
    async def run():
        async with scenario_store(tmp_path) as (service, interactions):
            query = await service.drill_query(drill, PERIOD)
            rows = await interactions.page(query)
            return query, {r.id for r in rows}

    query, shown = asyncio.run(run())
    assert list(query.ids) == expected
    assert query.state is StateFilter.ALL
    assert shown == set(expected)  # open and closed items together in the inbox list


def test_a_change_in_the_store_moves_the_figures(tmp_path):
    async def run():
        async with scenario_store(tmp_path) as (service, interactions):
            seen = []
            unsubscribe = service.subscribe(seen.append)
            before = await service.figures(PERIOD)
            changes = [h for h in histories() if h.interaction.id == "phone-live"]
            from console.domain import lifecycle

            closed = lifecycle.close(
                changes[0].interaction, colleague_id="a1", outcome=Outcome.ANSWERED, at=NOW
            )
            await interactions.save(closed, expected_updated_at=changes[0].interaction.updated_at)
            await asyncio.sleep(0)  # the notice is delivered on the loop after the commit
            after = await service.figures(PERIOD)
            unsubscribe()
            return before, after, seen

    before, after, seen = asyncio.run(run())
    assert before.total.load.waiting == 4 and after.total.load.waiting == 3
    assert after.total.load.handled_today == 6
    assert seen and seen[0].ids == ("phone-live",)


def test_satisfaction_score_must_be_one_to_ten(tmp_path):
    async def run():
        async with scenario_store(tmp_path) as (service, _):
            with pytest.raises(DomainError, match="1 tot en met 10"):
                await service.record_satisfaction("mail-ok", 11)
            with pytest.raises(DomainError, match="bestaat niet"):
                await service.record_satisfaction("nope", 8)

    asyncio.run(run())


def test_csv_export_has_a_row_per_group_with_the_numbers(tmp_path):
    d = figures_of(tmp_path)
    text = figures_csv(d, names=lambda g: g.key or "totaal")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, total = rows[0], rows[1]
    assert len(rows) == 1 + 1 + len(Channel) + 2
    record = dict(zip(header, total, strict=True))
    assert record["wachtend"] == "4"
    assert record["afgehandeld_vandaag"] == "5"
    assert record["N1_gehaald"] == "1" and record["N1_niet_gehaald"] == "2"
    assert record["N8_pct"] == "50.0"
    assert record["tevredenheid_gem"] == "8.3"
    assert record["medewerkers_away"] == "2"


def test_empty_store_gives_zeroes_not_errors(tmp_path):
    async def run():
        async with scenario_store(tmp_path, with_items=False) as (service, _):
            return await service.figures(service.period(service_period_today()))

    def service_period_today():
        from console.domain.supervision import PeriodKind

        return PeriodKind.TODAY

    d = asyncio.run(run())
    assert d.total.load.waiting == 0 and d.total.longest_wait(NOW) is None
    assert d.total.average_handling is None and d.total.period.satisfaction is None
    assert d.total.period.norms[Norm.N1].percent is None
    assert d.period.first == d.period.last == NOW.astimezone(AMS).date()
