"""``AvailabilitySource`` over CalDAV free-busy (Nextcloud, Radicale, SOGo, …).

Why httpx and not the ``caldav`` library: one REPORT with a six-line XML body per calendar is all
that is needed; ``caldav`` is synchronous (it would need a thread per call on our event loop) and
brings ``lxml``, ``icalendar`` and ``requests``; the console already speaks async HTTP with httpx.

Per colleague (a whole desk at once, at most ``max_concurrent`` requests in flight):

1. ``free-busy-query`` REPORT on the colleague's agenda (RFC 4791 §7.10). Colleagues have only
   the free-busy right there: busy and tentative periods, never titles or details.
   ``BUSY``/``BUSY-UNAVAILABLE`` block the time, ``BUSY-TENTATIVE`` is tentative (free for the
   policy). A busy block of whole days reads as out of office (without a replacement).
2. The out-of-office convention (CalDAV has no such flag): an all-day, opaque ("bezet") event
   with ``CATEGORIES:AFWEZIG`` in the colleague's absence calendar (``absence_url``, colleagues
   may read it), the replacement named in ``DESCRIPTION`` by e-mail address or full name. It
   is read with a ``calendar-query`` REPORT; no absence calendar (404) means no absences.

Presence is not something CalDAV knows: it is always "onbekend". Working hours come from the
organisation file. Event-loop thread only; ``aclose`` stops running looks and the client.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import httpx

from console.domain.availability import Availability
from console.domain.model import AgendaItem, Colleague, OutOfOffice, Presence
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP, Text
from integrations.availability_shared import (
    NO_AGENDA_KNOWN,
    Answer,
    DeskCache,
    DeskLookSource,
    replacement_in,
    standing_replacement,
    unknown,
)

log = logging.getLogger(__name__)

SOURCE_NAME = "agenda (CalDAV)"
ABSENCE_CATEGORY = "AFWEZIG"
# Why a colleague's agenda is unknown; the callback dialog shows it in the chosen language.
_REFUSED = QT_TRANSLATE_NOOP(
    "errors", "de agendaserver weigert de aanmelding of het recht om te kijken."
)
_GONE = QT_TRANSLATE_NOOP("errors", "de agenda van deze collega bestaat niet (meer).")
_SERVER_ERROR = QT_TRANSLATE_NOOP("errors", "de agendaserver gaf een fout (code {code}).")
Credentials = Callable[[], Awaitable[tuple[str, str]]]

FREE_BUSY_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
  <C:time-range start="{start}" end="{end}"/>
</C:free-busy-query>"""

ABSENCE_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start}" end="{end}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""


@dataclass(frozen=True)
class Calendars:
    """Where one colleague's agenda (free-busy) and absence calendar are."""

    agenda: str
    absences: str | None = None


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text with folding undone (RFC 5545 §3.1)."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """(NAME, params, value) of a content line; quoted parameter values are kept whole."""
    head, value = line, ""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            break
    name, *params = head.split(";")
    parsed = {}
    for param in params:
        key, _, val = param.partition("=")
        parsed[key.upper()] = val.strip('"')
    return name.upper(), parsed, value


def _ical_moment(value: str, params: dict[str, str], zone: tzinfo) -> tuple[datetime, bool] | None:
    """(moment, is a whole day). Floating and TZID times are read in their zone (else ``zone``)."""
    value = value.strip()
    try:
        if params.get("VALUE", "").upper() == "DATE" or re.fullmatch(r"\d{8}", value):
            day = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
            return datetime.combine(day, time(0, 0), zone), True
        moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        return None
    if value.endswith("Z"):
        return moment.replace(tzinfo=UTC), False
    try:
        local = ZoneInfo(params["TZID"]) if "TZID" in params else zone
    except (KeyError, ValueError, OSError):
        local = zone
    return moment.replace(tzinfo=local), False


_DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def _duration(text: str) -> timedelta | None:
    match = _DURATION.match(text.strip())
    if not match:
        return None
    sign, weeks, days, hours, minutes, seconds = match.groups()
    delta = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )
    return -delta if sign == "-" else delta


def free_busy_periods(text: str) -> list[tuple[str, datetime, datetime]]:
    """(FBTYPE, start, end) for every ``FREEBUSY`` period of a VFREEBUSY answer."""
    periods = []
    for line in unfold(text):
        name, params, value = _split(line)
        if name != "FREEBUSY":
            continue
        kind = params.get("FBTYPE", "BUSY").upper()
        for period in value.split(","):
            first, _, second = period.partition("/")
            begin = _ical_moment(first, {}, UTC)
            if begin is None or not second:
                continue
            if second.startswith(("P", "+P", "-P")):
                length = _duration(second)
                finish = begin[0] + length if length is not None else None
            else:
                parsed = _ical_moment(second, {}, UTC)
                finish = parsed[0] if parsed else None
            if finish is not None and finish > begin[0]:
                periods.append((kind, begin[0], finish))
    return periods


def _unescape(value: str) -> str:
    return (
        value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")
    ).replace("\\\\", "\\")


def absence_events(text: str, zone: tzinfo) -> list[tuple[datetime, datetime, str]]:
    """(start, end, description) of the events following the out-of-office convention."""
    found = []
    event: dict[str, tuple[dict[str, str], str]] | None = None
    categories: list[str] = []
    for line in unfold(text):
        name, params, value = _split(line)
        if name == "BEGIN" and value.upper() == "VEVENT":
            event, categories = {}, []
        elif name == "END" and value.upper() == "VEVENT" and event is not None:
            transparent = event.get("TRANSP", ({}, "OPAQUE"))[1].strip().upper() == "TRANSPARENT"
            tagged = ABSENCE_CATEGORY in {c.strip().upper() for c in categories}
            begin = _ical_moment(*reversed(event["DTSTART"]), zone) if "DTSTART" in event else None
            if tagged and not transparent and begin is not None:
                finish = _ical_moment(*reversed(event["DTEND"]), zone) if "DTEND" in event else None
                end = finish[0] if finish else begin[0] + timedelta(days=1)
                description = _unescape(event.get("DESCRIPTION", ({}, ""))[1])
                found.append((begin[0], end, description))
            event = None
        elif event is not None:
            if name == "CATEGORIES":
                categories.extend(value.split(","))
            else:
                event[name] = (params, value)
    return found


def _whole_days(begin: datetime, finish: datetime) -> bool:
    """A busy block of a day or more: an all-day event (possibly clipped at the window's edge)."""
    return finish - begin >= timedelta(hours=23)


def _local_midnight(value: datetime, zone: tzinfo) -> datetime:
    """All-day (floating) dates come back at midnight UTC; they mean midnight here."""
    if value.astimezone(UTC).time() == time(0, 0):
        return datetime.combine(value.astimezone(UTC).date(), time(0, 0), zone)
    return value


class CalDavAvailabilitySource(DeskLookSource):
    """See the module docstring.

    Args:
        organisation: colleagues and desks (a desk is looked at together).
        credentials: ``async () -> (user, password)`` of the signed-in user (from the keyring).
        calendars: colleague id → their calendars; colleagues not in it use ``agenda_url`` and
            ``absence_url`` templates with ``{user}`` (e-mail before the @), ``{email}``, ``{id}``.
        now: the clock for the cache and for "how fresh".
    """

    name = SOURCE_NAME

    def __init__(
        self,
        organisation: Organisation,
        *,
        credentials: Credentials,
        now: Callable[[], datetime],
        calendars: Mapping[str, Calendars] | None = None,
        agenda_url: str = "",
        absence_url: str = "",
        zone: tzinfo | None = None,
        cache_seconds: float = 60.0,
        timeout: float = 10.0,
        max_concurrent: int = 4,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.organisation = organisation
        self._credentials = credentials
        self._now = now
        self.calendars = dict(calendars or {})
        self.agenda_url = agenda_url
        self.absence_url = absence_url
        self.zone = zone or ZoneInfo("Europe/Amsterdam")
        self.cache = DeskCache(now=now, ttl=timedelta(seconds=cache_seconds))
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), transport=transport
        )
        self._slots = asyncio.Semaphore(max_concurrent)
        self.requests = 0

    async def aclose(self) -> None:
        await self.cache.aclose()
        await self._http.aclose()

    def calendars_of(self, colleague: Colleague) -> Calendars | None:
        if colleague.id in self.calendars:
            return self.calendars[colleague.id]
        if not self.agenda_url or ("{" in self.agenda_url and not colleague.email):
            return None
        email = colleague.email or ""
        values = {"user": email.split("@")[0], "email": email, "id": colleague.id}
        return Calendars(
            self.agenda_url.format(**values),
            self.absence_url.format(**values) if self.absence_url else None,
        )

    # -- the port -----------------------------------------------------------------------------

    # availability() and desk() come from DeskLookSource: one look per desk, cached a minute.

    # -- one look -----------------------------------------------------------------------------

    async def _report(self, url: str, body: str, depth: str) -> httpx.Response:
        try:
            user, password = await self._credentials()
        except Exception as exc:
            raise _Failure(
                QT_TRANSLATE_NOOP("errors", "er is geen wachtwoord voor de agendaserver bewaard.")
            ) from exc
        async with self._slots:
            self.requests += 1
            try:
                return await self._http.request(
                    "REPORT",
                    url,
                    content=body.encode(),
                    auth=(user, password),
                    headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"},
                )
            except httpx.TimeoutException as exc:
                raise _Failure(
                    QT_TRANSLATE_NOOP("errors", "de agendaserver gaf geen antwoord op tijd.")
                ) from exc
            except httpx.HTTPError as exc:
                raise _Failure(
                    QT_TRANSLATE_NOOP("errors", "de agendaserver is nu niet bereikbaar.")
                ) from exc

    async def _look(
        self, members: tuple[Colleague, ...], *, start: datetime, end: datetime
    ) -> dict[str, Answer]:
        fetched = await asyncio.gather(*(self._one(c, start, end) for c in members))
        return dict(zip((c.id for c in members), fetched, strict=True))

    async def _one(self, colleague: Colleague, start: datetime, end: datetime) -> Answer:
        where = self.calendars_of(colleague)
        if where is None:
            return unknown(NO_AGENDA_KNOWN)
        # Whole local days, so an all-day event comes back whole (Radicale clips at the range).
        first = datetime.combine(start.astimezone(self.zone).date(), time(0, 0), self.zone)
        last = datetime.combine(end.astimezone(self.zone).date(), time(0, 0), self.zone)
        window = {"start": _stamp(first), "end": _stamp(last + timedelta(days=1))}
        try:
            answer = await self._report(where.agenda, FREE_BUSY_QUERY.format(**window), "1")
            if answer.status_code in (401, 403):
                return unknown(_REFUSED)
            if answer.status_code == 404:
                return unknown(_GONE)
            if answer.status_code != 200:
                return unknown(Text("errors", _SERVER_ERROR, {"code": answer.status_code}))
            periods = free_busy_periods(answer.text)
            absences: list[tuple[datetime, datetime, str]] = []
            if where.absences:
                found = await self._report(where.absences, ABSENCE_QUERY.format(**window), "1")
                if found.status_code == 207:
                    absences = absence_events(_calendar_data(found.text), self.zone)
                elif found.status_code != 404:
                    log.info("absence calendar answered %s", found.status_code)
        except _Failure as exc:
            return unknown(exc.reason)
        return self._facts(colleague, periods, absences, start=start, end=end)

    def _facts(
        self,
        colleague: Colleague,
        periods: list[tuple[str, datetime, datetime]],
        absences: list[tuple[datetime, datetime, str]],
        *,
        start: datetime,
        end: datetime,
    ) -> Availability:
        busy: list[AgendaItem] = []
        away: list[OutOfOffice] = []
        for begin, finish, description in absences:
            if finish > start and begin < end:
                replacement = replacement_in(
                    description, self.organisation, absent_id=colleague.id
                ) or standing_replacement(colleague)
                away.append(OutOfOffice(begin, finish, description, replacement))
        for kind, begin, finish in periods:
            if kind == "FREE":
                continue
            covered = any(
                a.start <= _local_midnight(begin, self.zone)
                and _local_midnight(finish, self.zone) <= a.end
                for a in away
            )
            if covered:
                continue  # the absence itself, already known with its replacement
            if kind == "BUSY" and _whole_days(begin, finish):
                away.append(
                    OutOfOffice(
                        _local_midnight(begin, self.zone), _local_midnight(finish, self.zone), ""
                    )
                )
                continue
            status = "tentative" if kind == "BUSY-TENTATIVE" else "busy"
            busy.append(AgendaItem(begin, finish, "Bezet", status))
        return Availability(
            colleague_id=colleague.id,
            presence=Presence.UNKNOWN,
            working_hours=colleague.working_hours,
            busy=tuple(sorted(busy, key=lambda b: b.start)),
            out_of_office=tuple(sorted(away, key=lambda a: a.start)),
            source=SOURCE_NAME,
            as_of=self._now(),
        )


class _Failure(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _calendar_data(multistatus: str) -> str:
    """The iCalendar texts of a multistatus answer, joined; unreadable XML gives none."""
    try:
        root = ElementTree.fromstring(multistatus)
    except ElementTree.ParseError:
        log.info("unreadable multistatus from the absence calendar")
        return ""
    return "\n".join(
        element.text or ""
        for element in root.iter()
        if element.tag.endswith("}calendar-data") or element.tag == "calendar-data"
    )
