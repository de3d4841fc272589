"""Microsoft Graph shapes → domain facts: presence, schedule items, working hours, time zones.

Pure functions, any thread. Graph's enums are open and their casing varies, so every enum is
compared case-insensitively and anything unknown maps to "unknown" (never an error). Time zones
come as Windows names, IANA names or a ``customTimeZone`` with its own transition rules.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.domain.model import AgendaItem, OpeningHours, OutOfOffice, Presence

# The Windows zone names Dutch tenants and their neighbours use (Graph sends these by default).
WINDOWS_ZONES = {
    "w. europe standard time": "Europe/Amsterdam",
    "romance standard time": "Europe/Paris",
    "central europe standard time": "Europe/Budapest",
    "central european standard time": "Europe/Warsaw",
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "utc": "UTC",
    "coordinated universal time": "UTC",
    "pacific standard time": "America/Los_Angeles",
    "eastern standard time": "America/New_York",
    "turkey standard time": "Europe/Istanbul",
    "morocco standard time": "Africa/Casablanca",
    "sa eastern standard time": "America/Cayenne",
    "suriname standard time": "America/Paramaribo",
}
PREFERRED_ZONE = "W. Europe Standard Time"

# availability, then activity (the finer one wins when it is known)
_AVAILABILITY = {
    "available": Presence.AVAILABLE,
    "availableidle": Presence.AVAILABLE,
    "busy": Presence.BUSY,
    "busyidle": Presence.BUSY,
    "donotdisturb": Presence.BUSY,
    "away": Presence.AWAY,
    "berightback": Presence.AWAY,
    "offline": Presence.OFFLINE,
    "presenceunknown": Presence.UNKNOWN,
}
_ACTIVITY = {
    "inacall": Presence.IN_CALL,
    "inaconferencecall": Presence.IN_CALL,
    "inameeting": Presence.IN_MEETING,
    "presenting": Presence.IN_MEETING,
    "outofoffice": Presence.AWAY,
    "offwork": Presence.OFFLINE,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _word(value: Any) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def presence_of(item: dict[str, Any]) -> Presence:
    """A presence item's state: unknown values (or casing) never fail, they read as unknown."""
    base = _AVAILABILITY.get(_word(item.get("availability")), Presence.UNKNOWN)
    if base in (Presence.UNKNOWN, Presence.OFFLINE):
        return base
    return _ACTIVITY.get(_word(item.get("activity")), base)


def presence_out_of_office(item: dict[str, Any]) -> tuple[bool, str]:
    """(is out of office now, the automatic-reply message) from ``outOfOfficeSettings``."""
    settings = item.get("outOfOfficeSettings") or {}
    message = settings.get("message") or ""
    if isinstance(message, dict):  # some tenants send {"content": ...}
        message = message.get("content") or ""
    flag = settings.get("isOutOfOffice")
    away = flag is True or _word(flag) == "true" or _word(item.get("activity")) == "outofoffice"
    return away, message if isinstance(message, str) else ""


# -- time zones --------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, occurrence: int) -> date:
    """The ``occurrence``-th weekday of a month; 5 (or more) means the last one."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    hits = []
    while day.month == month:
        hits.append(day)
        day += timedelta(days=7)
    return hits[min(max(occurrence, 1), len(hits)) - 1]


class CustomZone(tzinfo):
    """A Graph ``customTimeZone``: a bias and yearly standard/daylight transitions.

    ``bias`` follows the wire examples of ``getSchedule`` (Pacific time is 480): minutes to add
    to local time to get UTC, as in Windows. The daylight offset adds ``daylightBias``.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.name = str(raw.get("name") or "custom")
        self.bias = int(raw.get("bias") or 0)
        self.standard = raw.get("standardOffset") or {}
        self.daylight = raw.get("daylightOffset") or {}

    def _switch(self, rule: dict[str, Any], year: int) -> datetime | None:
        month = int(rule.get("month") or 0)
        if not 1 <= month <= 12:
            return None
        weekday_name = _word(rule.get("dayOfWeek"))
        weekday = WEEKDAYS.index(weekday_name) if weekday_name in WEEKDAYS else 6
        day = _nth_weekday(year, month, weekday, int(rule.get("dayOccurrence") or 1))
        return datetime.combine(day, _time_of(rule.get("time")) or time(0, 0))

    def _is_daylight(self, local: datetime) -> bool:
        begins = self._switch(self.daylight, local.year)
        ends = self._switch(self.standard, local.year)
        if begins is None or ends is None:
            return False
        naive = local.replace(tzinfo=None)
        if begins < ends:
            return begins <= naive < ends
        return not (ends <= naive < begins)  # southern hemisphere

    def utcoffset(self, dt: datetime | None) -> timedelta:
        minutes = self.bias
        if dt is not None and self._is_daylight(dt):
            minutes += int(self.daylight.get("daylightBias") or 0)
        else:
            minutes += int(self.standard.get("bias") or 0)
        return timedelta(minutes=-minutes)

    def dst(self, dt: datetime | None) -> timedelta:
        if dt is not None and self._is_daylight(dt):
            return timedelta(minutes=-int(self.daylight.get("daylightBias") or 0))
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return self.name


def zone_of(raw: Any, *, fallback: tzinfo) -> tzinfo:
    """A zone from a name (Windows or IANA) or a ``timeZoneBase``/``customTimeZone`` object."""
    if isinstance(raw, dict):
        if "bias" in raw or "custom" in _word(raw.get("@odata.type")):
            return CustomZone(raw)
        raw = raw.get("name")
    name = _word(raw)
    if not name:
        return fallback
    if name in WINDOWS_ZONES:
        return ZoneInfo(WINDOWS_ZONES[name])
    try:
        return ZoneInfo(str(raw).strip())
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def _time_of(value: Any) -> time | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().split(".")[0]
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None


def moment(raw: Any, *, fallback: tzinfo) -> datetime | None:
    """A ``dateTimeTimeZone`` (seven fraction digits, zone by name) as an aware datetime."""
    if not isinstance(raw, dict) or not isinstance(raw.get("dateTime"), str):
        return None
    text = raw["dateTime"].strip()
    if "." in text:
        head, fraction = text.split(".", 1)
        digits = "".join(ch for ch in fraction if ch.isdigit())[:6]
        text = f"{head}.{digits}" if digits else head
    try:
        value = datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        return None
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone_of(raw.get("timeZone"), fallback=fallback))


def wire_moment(value: datetime, zone: tzinfo) -> dict[str, str]:
    """A request's ``dateTimeTimeZone`` in the preferred zone."""
    local = value.astimezone(zone).replace(tzinfo=None)
    return {"dateTime": local.isoformat(timespec="seconds"), "timeZone": PREFERRED_ZONE}


def working_hours(raw: Any, *, local: tzinfo, around: date) -> OpeningHours | None:
    """``workingHours`` as opening hours in ``local`` time (the console's calendar zone).

    A colleague abroad or with a custom zone works 08:00–17:00 *there*; the policy needs those
    hours as they fall here, on the days around ``around``. None when Graph sent none.
    """
    if not isinstance(raw, dict):
        return None
    begin, finish = _time_of(raw.get("startTime")), _time_of(raw.get("endTime"))
    days = [_word(d) for d in raw.get("daysOfWeek") or []]
    if begin is None or finish is None or not days:
        return None
    source = zone_of(raw.get("timeZone"), fallback=local)
    monday = around - timedelta(days=around.weekday())
    hours: OpeningHours = {}
    for name in days:
        if name not in WEEKDAYS:
            continue
        day = monday + timedelta(days=WEEKDAYS.index(name))
        opens = datetime.combine(day, begin, tzinfo=source).astimezone(local)
        closes = datetime.combine(day, finish, tzinfo=source).astimezone(local)
        if closes.date() > opens.date():
            closes = datetime.combine(opens.date(), time(23, 59), tzinfo=local)
        if closes <= opens:
            continue
        weekday = opens.weekday()
        hours[weekday] = (*hours.get(weekday, ()), (opens.time(), closes.time()))
    return hours


# -- schedules ---------------------------------------------------------------------------------

_BUSY_DIGITS = {"1": "tentative", "2": "busy", "3": "oof"}


def schedule_items(
    schedule: dict[str, Any], *, start: datetime, interval: int, fallback: tzinfo
) -> list[tuple[str, datetime, datetime, str]]:
    """(status, start, end, subject) per item; from ``availabilityView`` when items are absent.

    Statuses are lower case; ``free`` and ``workingElsewhere`` are left out (the time is free).
    """
    found: list[tuple[str, datetime, datetime, str]] = []
    items = schedule.get("scheduleItems")
    if isinstance(items, list):
        for item in items:
            if not isinstance(item, dict):
                continue
            status = _word(item.get("status")) or "unknown"
            if status in ("free", "workingelsewhere"):
                continue
            begin = moment(item.get("start"), fallback=fallback)
            finish = moment(item.get("end"), fallback=fallback)
            if begin is None or finish is None or finish <= begin:
                continue
            subject = item.get("subject") if isinstance(item.get("subject"), str) else ""
            found.append((status, begin, finish, subject))
        return found
    view = schedule.get("availabilityView")
    if isinstance(view, str):
        step = timedelta(minutes=interval)
        for index, digit in enumerate(view):
            if digit in _BUSY_DIGITS or not digit.isdigit():
                status = _BUSY_DIGITS.get(digit, "unknown")
                found.append((status, start + index * step, start + (index + 1) * step, ""))
    return found


def split_items(
    items: list[tuple[str, datetime, datetime, str]], *, message: str
) -> tuple[tuple[AgendaItem, ...], tuple[OutOfOffice, ...]]:
    """Busy/tentative agenda items and out-of-office periods.

    An unknown status blocks the time like ``busy``: promising a callback in a slot the source
    could not describe is worse than sending the note to the desk.
    """
    busy: list[AgendaItem] = []
    away: list[OutOfOffice] = []
    for status, begin, finish, subject in items:
        if status == "oof":
            away.append(OutOfOffice(begin, finish, message))
        else:
            kind = "tentative" if status == "tentative" else "busy"
            busy.append(AgendaItem(begin, finish, subject or "Bezet", kind))
    return tuple(busy), tuple(away)
