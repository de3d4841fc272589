"""The working calendar: working days, opening hours and the deadlines of N1 and N8–N11.

A working day is Monday to Friday, minus public holidays and local closing days. Both are passed
in as mappings from date to a Dutch name (the app builds the holiday table with the ``holidays``
package; the domain stays standard-library only). Pure and thread-safe: no clock is read here.

Times are timezone-aware; the calendar works in the local zone it is given (Europe/Amsterdam).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from console.domain.model import OpeningHours
from console.i18n import QT_TRANSLATE_NOOP, Text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Dutch names for dates in messages (B1: written out, no abbreviations).
WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("calendar", "maandag"),
    QT_TRANSLATE_NOOP("calendar", "dinsdag"),
    QT_TRANSLATE_NOOP("calendar", "woensdag"),
    QT_TRANSLATE_NOOP("calendar", "donderdag"),
    QT_TRANSLATE_NOOP("calendar", "vrijdag"),
    QT_TRANSLATE_NOOP("calendar", "zaterdag"),
    QT_TRANSLATE_NOOP("calendar", "zondag"),
)
MONTH_NAMES = (
    QT_TRANSLATE_NOOP("calendar", "januari"),
    QT_TRANSLATE_NOOP("calendar", "februari"),
    QT_TRANSLATE_NOOP("calendar", "maart"),
    QT_TRANSLATE_NOOP("calendar", "april"),
    QT_TRANSLATE_NOOP("calendar", "mei"),
    QT_TRANSLATE_NOOP("calendar", "juni"),
    QT_TRANSLATE_NOOP("calendar", "juli"),
    QT_TRANSLATE_NOOP("calendar", "augustus"),
    QT_TRANSLATE_NOOP("calendar", "september"),
    QT_TRANSLATE_NOOP("calendar", "oktober"),
    QT_TRANSLATE_NOOP("calendar", "november"),
    QT_TRANSLATE_NOOP("calendar", "december"),
)


def date_text(day: date) -> Text:
    """'2 december' as translatable data (the month name is translated, context "calendar")."""
    return Text(
        "calendar",
        QT_TRANSLATE_NOOP("calendar", "{day} {month}"),
        {"day": day.day, "month": Text("calendar", MONTH_NAMES[day.month - 1])},
    )


def weekday_date_text(day: date) -> Text:
    """'woensdag 2 december' as translatable data."""
    return Text(
        "calendar",
        QT_TRANSLATE_NOOP("calendar", "{weekday} {day} {month}"),
        {
            "weekday": Text("calendar", WEEKDAY_NAMES[day.weekday()]),
            "day": day.day,
            "month": Text("calendar", MONTH_NAMES[day.month - 1]),
        },
    )


# Office hours that define "the working day" when a deadline says "end of the working day".
DEFAULT_DAY_START = time(8, 30)
DEFAULT_DAY_END = time(17, 0)


class _HolidayLookup:
    """Adapts any ``Mapping[date, str]``-like (including ``holidays.HolidayBase``)."""

    def __init__(self, table: Mapping[date, str] | None) -> None:
        self._table = table if table is not None else {}

    def name(self, day: date) -> str | None:
        return self._table.get(day)


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days and working-day arithmetic.

    Args:
        holidays: public holidays, date → Dutch name (e.g. ``holidays.NL(language="nl")``).
        closing_days: local closing days of the municipality, date → reason.
        day_start: when the working day starts (for moments before it).
        day_end: when the working day ends; deadlines fall at this time.
        zone: the local time zone.
    """

    holidays: Mapping[date, str] | None = None
    closing_days: Mapping[date, str] = field(default_factory=dict)
    day_start: time = DEFAULT_DAY_START
    day_end: time = DEFAULT_DAY_END
    zone: tzinfo = AMSTERDAM

    # -- days -------------------------------------------------------------------------------

    def closed_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day, in Dutch, or None when it is one."""
        if day.weekday() == 5:
            return "zaterdag"
        if day.weekday() == 6:
            return "zondag"
        return self.holiday_or_closing(day)

    def holiday_or_closing(self, day: date) -> str | None:
        """The public holiday or local closing day on ``day`` (whatever weekday), or None.

        This closes even desks that open at weekends (a counter on King's Day on a Saturday).
        """
        return _HolidayLookup(self.holidays).name(day) or self.closing_days.get(day)

    def is_working_day(self, day: date) -> bool:
        return self.closed_reason(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += timedelta(days=1)
        return candidate

    def working_day_on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``count`` ≥ 0; 0 means ``day`` itself)."""
        result = day
        for _ in range(count):
            result = self.next_working_day(result)
        return result

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end ≤ start)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # -- moments ----------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("WorkingCalendar needs timezone-aware moments")
        return moment.astimezone(self.zone)

    def end_of_day(self, day: date) -> datetime:
        return datetime.combine(day, self.day_end, tzinfo=self.zone)

    def start_of_day(self, day: date) -> datetime:
        return datetime.combine(day, self.day_start, tzinfo=self.zone)

    def effective_day(self, moment: datetime) -> date:
        """The working day a request made at ``moment`` counts for.

        During a working day before closing time it is that day; after closing time, or on a
        day off, it is the next working day (a note written on Friday at 17:05 counts for Monday).
        """
        local = self.local(moment)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.day_end:
            return day
        return self.next_working_day(day)

    def deadline_after_working_days(self, moment: datetime, working_days: int) -> datetime:
        """End of the ``working_days``-th working day after the calendar day of ``moment``.

        N1's default read literally: "end of the next working day after creation". A note
        written on Friday at 16:55 or at 17:05, or on Sunday, is due Monday at closing time.
        """
        return self.end_of_day(self.add_working_days(self.local(moment).date(), working_days))

    def same_day_target(self, moment: datetime) -> datetime:
        """When a request made at ``moment`` would be handled "the same working day".

        Before closing on a working day that is today's closing time; otherwise the next
        working day's (the preferred callback moment of N1, the promise of N11).
        """
        return self.end_of_day(self.effective_day(moment))

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Working hours (day_start–day_end on working days) between two moments."""
        if end <= start:
            return 0.0
        total = 0.0
        day = self.local(start).date()
        last = self.local(end).date()
        while day <= last:
            if self.is_working_day(day):
                lo = max(self.start_of_day(day), start)
                hi = min(self.end_of_day(day), end)
                if hi > lo:
                    total += (hi - lo).total_seconds() / 3600
            day += timedelta(days=1)
        return total


def is_open(hours: OpeningHours, moment: datetime, calendar: WorkingCalendar) -> bool:
    """Whether a desk or partner with ``hours`` is open at ``moment`` (closed on days off)."""
    local = calendar.local(moment)
    if calendar.holiday_or_closing(local.date()):
        return False  # public holidays and closing days close everything
    now = local.time()
    return any(start <= now < end for start, end in hours.get(local.weekday(), ()))


def next_opening(
    hours: OpeningHours, moment: datetime, calendar: WorkingCalendar, *, horizon_days: int = 21
) -> datetime | None:
    """The next moment at or after ``moment`` when ``hours`` are open, or None within horizon."""
    local = calendar.local(moment)
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        if calendar.holiday_or_closing(day):
            continue
        for start, end in sorted(hours.get(day.weekday(), ())):
            opening = datetime.combine(day, start, tzinfo=calendar.zone)
            closing = datetime.combine(day, end, tzinfo=calendar.zone)
            if closing <= local:
                continue
            return max(opening, local)
    return None
