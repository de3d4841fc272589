"""What a supervisor sees: queue load, norm compliance (N1, N5, N8–N11, N16) and agent states.

Plain values and small policies, no I/O and no clock reads: the store counts, the service adds
the groups up, these types carry the result and decide the colour of a tile (``Level``). Every
number carries a ``Drill``: what to ask the store for to list the items behind it.

Definitions (the issue left these open; they are decided here, in one place):

- *waiting now*: open items that no colleague has taken (the owner is still a desk);
  *longest wait* is the age of the oldest of them.
- *handled today*: items closed since local midnight; *average handling time* is the mean of
  closed − received over those (throughput time: the store has no talk/wrap-up times yet).
- *callback notes due today*: open notes whose deadline is today; *at risk*: open notes whose
  deadline is within the next 2 working hours; *overdue*: open notes past their deadline.
  A note can be both due today and at risk.
- *first handling* (N8–N11): the first timeline entry by a colleague of kind taken, note,
  callback attempt, transferred or closed. Taking a complaint is when a colleague starts the
  personal contact; closing without taking records a take at the same moment.
- N1: a callback note is met when closed by its stored deadline (end of next working day).
- N8: a complaint (any channel) is met when first handled by the end of the 5th working day
  after the day it arrived (so Christmas and weekends do not count).
- N9 (mail) and N10 (post): met when first handled by the end of the next working day.
- N11: chat and bel-me requests that arrived outside opening hours (stored with promise
  priority 1 by ``deadlines.urgency_for``) are met when first handled by their deadline (the
  end of the next working day, or of today when they came in before opening).
- Norm compliance counts items that *arrived* in the chosen period. Met and broken are final;
  an item not yet handled whose due moment has not passed is pending (and at risk when due
  within 2 working hours). Percent = met / (met + broken).
- N5: transfers per contact = transfers / contacts arrived in the period; share with ≥ 2.
- N16: mean satisfaction score (1–10) of contacts in the period against the target 9.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from console.domain.calendar import WorkingCalendar
from console.domain.model import Channel, Presence

SATISFACTION_TARGET = 9.0
AT_RISK_WORKING_HOURS = 2.0


class Norm(enum.StrEnum):
    N1 = "N1"
    N8 = "N8"
    N9 = "N9"
    N10 = "N10"
    N11 = "N11"


class Level(enum.StrEnum):
    """How a figure stands; the dashboard shows it as colour AND words."""

    OK = "ok"
    AT_RISK = "at_risk"
    BROKEN = "broken"
    NEUTRAL = "neutral"  # a count without a norm


class AgentState(enum.StrEnum):
    AVAILABLE = "available"
    IN_CALL = "in_call"
    WRAP_UP = "wrap_up"
    AWAY = "away"


# Presence (Graph/Teams words) → contact-centre states. "Busy" outside a call is how the
# presence feed shows after-call work, so it counts as wrap-up; offline and unknown are not
# signed in and are not counted.
AGENT_STATE_OF_PRESENCE: dict[Presence, AgentState | None] = {
    Presence.AVAILABLE: AgentState.AVAILABLE,
    Presence.IN_CALL: AgentState.IN_CALL,
    Presence.BUSY: AgentState.WRAP_UP,
    Presence.IN_MEETING: AgentState.AWAY,
    Presence.AWAY: AgentState.AWAY,
    Presence.OFFLINE: None,
    Presence.UNKNOWN: None,
}


class Measure(enum.StrEnum):
    """What a number counts; the store turns it into SQL for counting and for drill-down."""

    WAITING = "waiting"
    HANDLED_TODAY = "handled_today"
    NOTES_DUE_TODAY = "notes_due_today"
    NOTES_AT_RISK = "notes_at_risk"
    NOTES_OVERDUE = "notes_overdue"
    CONTACTS = "contacts"  # arrived in the period
    TRANSFERRED_TWICE = "transferred_twice"
    SATISFACTION_BELOW_TARGET = "satisfaction_below_target"
    NORM_MET = "norm_met"
    NORM_BROKEN = "norm_broken"
    NORM_AT_RISK = "norm_at_risk"
    NORM_PENDING = "norm_pending"


PERIOD_MEASURES = frozenset(
    {
        Measure.CONTACTS,
        Measure.TRANSFERRED_TWICE,
        Measure.SATISFACTION_BELOW_TARGET,
        Measure.NORM_MET,
        Measure.NORM_BROKEN,
        Measure.NORM_AT_RISK,
        Measure.NORM_PENDING,
    }
)


@dataclass(frozen=True, slots=True)
class Drill:
    """The items behind one number: a measure, narrowed to a channel and/or a desk."""

    measure: Measure
    norm: Norm | None = None
    channel: Channel | None = None
    desk_id: str | None = None


class PeriodKind(enum.StrEnum):
    TODAY = "today"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"


@dataclass(frozen=True, slots=True)
class Period:
    """Local calendar days ``first`` up to and including ``last``."""

    first: date
    last: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass(frozen=True, slots=True)
class Moments:
    """The moments a count depends on, computed once per refresh by the service."""

    now: datetime
    today_start: datetime
    today_end: datetime
    risk_until: datetime  # now + 2 working hours
    period_start: datetime
    period_end: datetime
    # Per local day of the period: (day start, next day start, due after 1 wd, due after 5 wd).
    windows: tuple[tuple[datetime, datetime, datetime, datetime], ...] = ()


@dataclass(slots=True)
class LoadCounts:
    """Queue load of one (channel, desk) group, or a sum of groups."""

    waiting: int = 0
    oldest_waiting: datetime | None = None
    handled_today: int = 0
    handling_seconds: float = 0.0
    notes_due_today: int = 0
    notes_at_risk: int = 0
    notes_overdue: int = 0

    def add(self, other: LoadCounts) -> None:
        self.waiting += other.waiting
        if other.oldest_waiting is not None and (
            self.oldest_waiting is None or other.oldest_waiting < self.oldest_waiting
        ):
            self.oldest_waiting = other.oldest_waiting
        self.handled_today += other.handled_today
        self.handling_seconds += other.handling_seconds
        self.notes_due_today += other.notes_due_today
        self.notes_at_risk += other.notes_at_risk
        self.notes_overdue += other.notes_overdue


@dataclass(slots=True)
class NormCounts:
    met: int = 0
    broken: int = 0
    at_risk: int = 0
    pending: int = 0

    def add(self, other: NormCounts) -> None:
        self.met += other.met
        self.broken += other.broken
        self.at_risk += other.at_risk
        self.pending += other.pending

    @property
    def decided(self) -> int:
        return self.met + self.broken

    @property
    def percent(self) -> float | None:
        return 100.0 * self.met / self.decided if self.decided else None

    @property
    def level(self) -> Level:
        """Red when a promise was broken (N15: afspraak is afspraak), amber when one is close."""
        if self.broken:
            return Level.BROKEN
        if self.at_risk:
            return Level.AT_RISK
        return Level.OK


@dataclass(slots=True)
class PeriodCounts:
    """Counts over contacts that arrived in the period, for one group or a sum."""

    contacts: int = 0
    transfers: int = 0
    transferred_twice: int = 0
    scored: int = 0
    score_sum: int = 0
    below_target: int = 0
    norms: dict[Norm, NormCounts] = field(default_factory=lambda: {n: NormCounts() for n in Norm})

    def add(self, other: PeriodCounts) -> None:
        self.contacts += other.contacts
        self.transfers += other.transfers
        self.transferred_twice += other.transferred_twice
        self.scored += other.scored
        self.score_sum += other.score_sum
        self.below_target += other.below_target
        for norm, counts in other.norms.items():
            self.norms[norm].add(counts)

    @property
    def transfers_per_contact(self) -> float | None:
        return self.transfers / self.contacts if self.contacts else None

    @property
    def share_transferred_twice(self) -> float | None:
        return 100.0 * self.transferred_twice / self.contacts if self.contacts else None

    @property
    def satisfaction(self) -> float | None:
        return self.score_sum / self.scored if self.scored else None


def satisfaction_level(score: float | None) -> Level:
    """At or above 9 is on target; from 8 it is close (amber); below 8 it is missed (red)."""
    if score is None:
        return Level.NEUTRAL
    if score >= SATISFACTION_TARGET:
        return Level.OK
    if score >= SATISFACTION_TARGET - 1:
        return Level.AT_RISK
    return Level.BROKEN


def transfer_level(counts: PeriodCounts) -> Level:
    """N5: one transfer is fine, a second one is a failure to be made visible (amber)."""
    return Level.AT_RISK if counts.transferred_twice else Level.OK


@dataclass(slots=True)
class GroupFigures:
    """Everything shown for one channel, one desk, or the whole centre (``key`` "")."""

    key: str
    kind: str  # "channel" | "desk" | "total"
    load: LoadCounts = field(default_factory=LoadCounts)
    period: PeriodCounts = field(default_factory=PeriodCounts)
    agents: dict[AgentState, int] = field(default_factory=lambda: dict.fromkeys(AgentState, 0))

    def longest_wait(self, now: datetime) -> timedelta | None:
        oldest = self.load.oldest_waiting
        return max(now - oldest, timedelta(0)) if oldest is not None else None

    @property
    def average_handling(self) -> timedelta | None:
        if not self.load.handled_today:
            return None
        # Whole seconds: the store's julianday arithmetic is exact to about a millisecond.
        return timedelta(seconds=round(self.load.handling_seconds / self.load.handled_today))

    def drill(self, measure: Measure, norm: Norm | None = None) -> Drill:
        return Drill(
            measure,
            norm,
            channel=Channel(self.key) if self.kind == "channel" else None,
            desk_id=self.key if self.kind == "desk" else None,
        )


@dataclass(frozen=True, slots=True)
class HourLoad:
    hour: int  # local hour of the day, 0–23
    received: int
    handled: int


@dataclass(slots=True)
class Dashboard:
    """One refresh of the supervisor's figures."""

    moments: Moments
    period: Period
    total: GroupFigures
    channels: list[GroupFigures]
    desks: list[GroupFigures]
    hours: list[HourLoad]

    @property
    def now(self) -> datetime:
        return self.moments.now


def add_working_hours(calendar: WorkingCalendar, start: datetime, hours: float) -> datetime:
    """The moment at which ``hours`` working hours have passed since ``start``.

    The inverse of ``WorkingCalendar.working_hours_between``: at 16:00 on a Friday, two
    working hours later is Monday 9:30 (day 8:30–17:00).
    """
    remaining = timedelta(hours=hours)
    day = calendar.local(start).date()
    for _ in range(400):
        if calendar.is_working_day(day):
            lo = max(calendar.start_of_day(day), start)
            hi = calendar.end_of_day(day)
            if hi > lo:
                if hi - lo >= remaining:
                    return lo + remaining
                remaining -= hi - lo
        day += timedelta(days=1)
    raise ValueError("no working day within 400 days")


def agents_by_state(states: Iterable[Presence]) -> dict[AgentState, int]:
    result = dict.fromkeys(AgentState, 0)
    for presence in states:
        state = AGENT_STATE_OF_PRESENCE.get(presence)
        if state is not None:
            result[state] += 1
    return result
