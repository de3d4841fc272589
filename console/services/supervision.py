"""Supervision: live queue load and whether the promises hold, per channel and per desk.

Event-loop thread only; Qt-free. The store counts (``SupervisionRepository``, in SQL, grouped
by channel and desk); this service picks the moments (today, the period, "at risk" = within 2
working hours, per-day working-day deadlines from the ``WorkingCalendar``), adds the groups up
per channel, per desk and in total, and adds agent states from the organisation's presence.
``figures()`` is the one refresh call (benchmark B9 times it). Definitions of every figure are
in ``console.domain.supervision``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from console.domain.calendar import WorkingCalendar
from console.domain.errors import DomainError
from console.domain.inbox import InboxQuery, StateFilter
from console.domain.model import Channel, Colleague, Role
from console.domain.organisation import Organisation
from console.domain.supervision import (
    AT_RISK_WORKING_HOURS,
    AgentState,
    Dashboard,
    Drill,
    GroupFigures,
    Moments,
    Norm,
    Period,
    PeriodKind,
    add_working_hours,
    agents_by_state,
)
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import CallResult, ChangeFeed, ChangeNotice, Clock, SupervisionRepository
from console.services.tasks import TaskGroup

DRILL_LIMIT = 5000  # more than a person can read; keeps the id list within SQLite's limits


class SupervisionService:
    """See the module docstring."""

    def __init__(
        self,
        *,
        store: SupervisionRepository,
        changes: ChangeFeed,
        organisation: Organisation,
        calendar: WorkingCalendar,
        clock: Clock,
        colleagues: Callable[[], Iterable[Colleague]] | None = None,
    ) -> None:
        self._store = store
        self._changes = changes
        self.organisation = organisation
        self.calendar = calendar
        self.clock = clock
        # Where presence comes from: the organisation snapshot unless a live feed is given.
        self._colleagues = colleagues or (lambda: organisation.colleagues)
        self.tasks = TaskGroup()

    # -- moments ----------------------------------------------------------------------------

    def period(self, kind: PeriodKind, *, now: datetime | None = None) -> Period:
        today = self.calendar.local(now or self.clock.now()).date()
        back = {PeriodKind.TODAY: 0, PeriodKind.LAST_7_DAYS: 6, PeriodKind.LAST_30_DAYS: 29}[kind]
        return Period(today - timedelta(days=back), today)

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0, 0), tzinfo=self.calendar.zone)

    def moments(self, period: Period, *, now: datetime | None = None) -> Moments:
        now = now or self.clock.now()
        cal = self.calendar
        today = cal.local(now).date()
        windows = tuple(
            (
                self._midnight(day),
                self._midnight(day + timedelta(days=1)),
                cal.end_of_day(cal.add_working_days(day, 1)),
                cal.end_of_day(cal.add_working_days(day, 5)),
            )
            for day in period.days
        )
        return Moments(
            now=now,
            today_start=self._midnight(today),
            today_end=self._midnight(today + timedelta(days=1)),
            risk_until=add_working_hours(cal, now, AT_RISK_WORKING_HOURS),
            period_start=self._midnight(period.first),
            period_end=self._midnight(period.last + timedelta(days=1)),
            windows=windows,
        )

    # -- the refresh ------------------------------------------------------------------------

    async def figures(self, period: Period) -> Dashboard:
        """All figures for ``period`` as of now (the dashboard's refresh; benchmark B9).

        Raises:
            StoreError: the store could not be read.
        """
        moments = self.moments(period)
        load = await self._store.load_by_group(moments)
        per_period = await self._store.period_by_group(moments)
        today = moments.today_start.date()
        hours = [
            (
                h,
                self._midnight(today) + timedelta(hours=h),
                self._midnight(today) + timedelta(hours=h + 1),
            )
            for h in range(24)
        ]
        hourly = await self._store.hourly(hours)

        total = GroupFigures("", "total")
        channels = {c.value: GroupFigures(c.value, "channel") for c in Channel}
        desks = {d.id: GroupFigures(d.id, "desk") for d in self.organisation.desks}

        def desk(desk_id: str) -> GroupFigures:
            return desks.setdefault(desk_id, GroupFigures(desk_id, "desk"))

        for channel, desk_id, counts in load:
            for group in (
                total,
                channels.setdefault(channel, GroupFigures(channel, "channel")),
                desk(desk_id),
            ):
                group.load.add(counts)
        for channel, desk_id, counts in per_period:
            for group in (
                total,
                channels.setdefault(channel, GroupFigures(channel, "channel")),
                desk(desk_id),
            ):
                group.period.add(counts)

        # Agents by state: everyone who takes contacts (supervisors watch, they are not counted).
        working = [c for c in self._colleagues() if c.role is not Role.SUPERVISOR]
        total.agents = agents_by_state(c.presence for c in working)
        for desk_id, group in desks.items():
            group.agents = agents_by_state(c.presence for c in working if c.desk_id == desk_id)

        return Dashboard(
            moments=moments,
            period=period,
            total=total,
            channels=[channels[c.value] for c in Channel],
            desks=list(desks.values()),
            hours=hourly,
        )

    async def drill_query(self, drill: Drill, period: Period) -> InboxQuery:
        """The inbox filter that lists exactly the items behind one number.

        Raises:
            StoreError: the store could not be read.
        """
        ids = await self._store.drill_ids(drill, self.moments(period), limit=DRILL_LIMIT)
        return InboxQuery(state=StateFilter.ALL, ids=tuple(ids))

    def subscribe(self, callback: Callable[[ChangeNotice], None]) -> Callable[[], None]:
        """Hear of every committed change to interactions (event-loop thread)."""

        def only_interactions(notice: ChangeNotice) -> None:
            if notice.entity == "interaction":
                callback(notice)

        return self._changes.subscribe(only_interactions)

    async def record_satisfaction(self, interaction_id: str, score: int) -> None:
        """Keep the resident's score (1–10) for a contact (N16).

        Raises:
            DomainError: the score is not 1–10, or the contact does not exist.
            StoreError: the store could not be written.
        """
        if not isinstance(score, int) or not 1 <= score <= 10:
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "errors", "Een cijfer voor tevredenheid is een heel getal van 1 tot en met 10."
                )
            )
        try:
            await self._store.record_satisfaction(interaction_id, score)
        except LookupError as exc:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze vraag bestaat niet meer.")) from exc

    async def call_results(self, period: Period) -> dict[CallResult, int]:
        """How the calls that reached the agents' phones in ``period`` ended (issue 18).

        Every result is present (0 when none), so the dashboard shows all four.

        Raises:
            StoreError: the store could not be read.
        """
        moments = self.moments(period)
        counts = await self._store.call_results(moments.period_start, moments.period_end)
        return {result: counts.get(result.value, 0) for result in CallResult}

    async def aclose(self) -> None:
        await self.tasks.aclose()


# -- export ---------------------------------------------------------------------------------

CSV_HEADER = (
    "groep",
    "naam",
    "wachtend",
    "langst_wachtend_sec",
    "afgehandeld_vandaag",
    "gem_doorlooptijd_sec",
    "terugbel_vandaag",
    "terugbel_dreigend",
    "terugbel_te_laat",
    "contacten_periode",
    "doorverbindingen_per_contact",
    "aandeel_2plus_doorverbonden_pct",
    "tevredenheid_gem",
    "tevredenheid_doel",
    *(
        f"{n.value}_{k}"
        for n in Norm
        for k in ("gehaald", "niet_gehaald", "dreigend", "open", "pct")
    ),
    *(f"medewerkers_{s.value}" for s in AgentState),
)


def _num(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def figures_rows(dashboard: Dashboard, *, names: Callable[[GroupFigures], str]) -> list[list[str]]:
    """The figures as CSV rows (header first): total, per channel, per desk."""
    rows: list[list[str]] = [list(CSV_HEADER)]
    now = dashboard.now
    for group in (dashboard.total, *dashboard.channels, *dashboard.desks):
        wait = group.longest_wait(now)
        handling = group.average_handling
        p = group.period
        row = [
            {"total": "totaal", "channel": "kanaal", "desk": "afdeling"}[group.kind],
            names(group),
            str(group.load.waiting),
            "" if wait is None else str(int(wait.total_seconds())),
            str(group.load.handled_today),
            "" if handling is None else str(int(handling.total_seconds())),
            str(group.load.notes_due_today),
            str(group.load.notes_at_risk),
            str(group.load.notes_overdue),
            str(p.contacts),
            _num(p.transfers_per_contact, 2),
            _num(p.share_transferred_twice),
            _num(p.satisfaction),
            "9",
        ]
        for norm in Norm:
            c = p.norms[norm]
            row += [str(c.met), str(c.broken), str(c.at_risk), str(c.pending), _num(c.percent)]
        row += [str(group.agents[s]) if group.kind != "channel" else "" for s in AgentState]
        rows.append(row)
    return rows


def figures_csv(dashboard: Dashboard, *, names: Callable[[GroupFigures], str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # Dutch Excel reads ";"
    writer.writerows(figures_rows(dashboard, names=names))
    return out.getvalue()


def export_csv(dashboard: Dashboard, path: Path, *, names: Callable[[GroupFigures], str]) -> Path:
    """Write the figures of the dashboard's period to ``path`` (UTF-8 with BOM for Excel)."""
    path.write_text(figures_csv(dashboard, names=names), encoding="utf-8-sig")
    return path
