"""``AvailabilitySource`` over Microsoft Graph: a whole desk's presence, agendas and absences.

Asked about one colleague, the adapter looks at the colleague's whole desk at once (the
replacement and the next colleague asked about are usually on it) and keeps the answers for a
minute (``cache_seconds``), so a second look costs no request at all. One look is:

- presence of every colleague with a Graph object id in one ``getPresencesByUserId`` request
  (at most 650 ids each), with ``outOfOfficeSettings`` (the cheapest out-of-office signal);
- the agendas of the whole desk in ``getSchedule`` requests of 20 colleagues each:
  busy and tentative items, ``oof`` items as absences, working hours (any time zone);
- both in one ``$batch`` when there is more than one request (at most 20 per batch, and at
  most 4 schedule requests per batch: they all run in the signed-in user's mailbox).

A schedule with an ``error`` makes only that colleague's answer "onbekend" (with the reason);
the others are still used. Event-loop thread only; ``aclose`` stops running looks and the client.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from console.domain.availability import Availability
from console.domain.model import Colleague, OutOfOffice, Presence
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP, Text
from integrations.availability_shared import (
    Answer,
    DeskCache,
    DeskLookSource,
    replacement_in,
    standing_replacement,
    unknown,
)
from integrations.graph.client import GraphClient, GraphError, ItemAnswer
from integrations.graph.mapping import (
    PREFERRED_ZONE,
    presence_of,
    presence_out_of_office,
    schedule_items,
    split_items,
    wire_moment,
    working_hours,
)

log = logging.getLogger(__name__)

SOURCE_NAME = "Microsoft 365"
# Why a colleague's agenda is unknown; the callback dialog shows it in the chosen language.
_AGENDA_ERROR = QT_TRANSLATE_NOOP(
    "errors", "Microsoft 365 gaf een fout bij de agenda (code {code})."
)
_NO_AGENDA = QT_TRANSLATE_NOOP("errors", "Microsoft 365 gaf geen agenda van deze collega.")
_AGENDA_WITHHELD = QT_TRANSLATE_NOOP(
    "errors", "Microsoft 365 geeft de agenda van deze collega niet."
)
PRESENCE_IDS_PER_REQUEST = 650
# The documented limit ("up to 20 entities at once"; Exchange itself refuses only above 100).
SCHEDULES_PER_REQUEST = 20
LONGEST_LOOK = timedelta(days=41)  # "the time period to look up must be less than 42 days"
SCHEDULES_PER_BATCH = 4  # Outlook: 4 concurrent requests per mailbox, batch items included
INTERVAL_MINUTES = 15


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _values(body: Any) -> list[Any]:
    """The ``value`` list of an answer; anything else (a broken body) reads as empty."""
    value = body.get("value") if isinstance(body, dict) else None
    return value if isinstance(value, list) else []


class GraphAvailabilitySource(DeskLookSource):
    """See the module docstring.

    Args:
        organisation: colleagues (their ``email``) and desks (who is looked at together).
        client: the Graph client (token, throttling, concurrency).
        object_ids: colleague id → Graph object id (GUID), from the organisation file;
            a colleague without one has presence "onbekend" but still an agenda.
        now: the clock for the cache and for "how fresh".
        zone: the console's calendar zone (working hours are shown in it).
        mailbox: whose ``/calendar/getSchedule`` is used: ``"me"`` or a user id.
    """

    name = SOURCE_NAME

    def __init__(
        self,
        organisation: Organisation,
        client: GraphClient,
        *,
        object_ids: Mapping[str, str] | None = None,
        now: Callable[[], datetime],
        zone: tzinfo | None = None,
        mailbox: str = "me",
        cache_seconds: float = 60.0,
    ) -> None:
        self.organisation = organisation
        self.client = client
        self.object_ids = dict(object_ids or {})
        self._now = now
        self.zone = zone or ZoneInfo("Europe/Amsterdam")
        self._schedule_path = (
            "/me/calendar/getSchedule"
            if mailbox == "me"
            else f"/users/{mailbox}/calendar/getSchedule"
        )
        self.cache = DeskCache(now=now, ttl=timedelta(seconds=cache_seconds))

    async def aclose(self) -> None:
        await self.cache.aclose()
        await self.client.aclose()

    # -- the port -----------------------------------------------------------------------------

    # availability() and desk() come from DeskLookSource: one look per desk, cached a minute.
    not_listed = QT_TRANSLATE_NOOP(
        "errors", "deze collega staat niet in de lijst van Microsoft 365."
    )

    # -- one look -----------------------------------------------------------------------------

    def _requests(
        self, members: tuple[Colleague, ...], start: datetime, end: datetime
    ) -> list[dict[str, Any]]:
        json_headers = {"Content-Type": "application/json"}
        requests: list[dict[str, Any]] = []
        ids = [self.object_ids[c.id] for c in members if c.id in self.object_ids]
        for n, chunk in enumerate(_chunks(ids, PRESENCE_IDS_PER_REQUEST)):
            requests.append(
                {
                    "id": f"presence-{n}",
                    "method": "POST",
                    "url": "/communications/getPresencesByUserId",
                    "body": {"ids": chunk},
                    "headers": json_headers,
                }
            )
        end = min(end, start + LONGEST_LOOK)
        mails = [c.email for c in members if c.email]
        for n, chunk in enumerate(_chunks(mails, SCHEDULES_PER_REQUEST)):
            requests.append(
                {
                    "id": f"schedule-{n}",
                    "method": "POST",
                    "url": self._schedule_path,
                    "body": {
                        "schedules": chunk,
                        "startTime": wire_moment(start, self.zone),
                        "endTime": wire_moment(end, self.zone),
                        "availabilityViewInterval": INTERVAL_MINUTES,
                    },
                    "headers": {
                        **json_headers,
                        "Prefer": f'outlook.timezone="{PREFERRED_ZONE}"',
                    },
                }
            )
        return requests

    async def _send(self, requests: list[dict[str, Any]]) -> dict[str, ItemAnswer]:
        """One request alone; more in as few batches as the limits allow (run together)."""
        if len(requests) == 1:
            (only,) = requests
            answer = await self.client.post(only["url"], only["body"], only["headers"])
            return {only["id"]: answer}
        batches: list[list[dict[str, Any]]] = []
        current: list[dict[str, Any]] = []
        schedules = 0
        for request in requests:
            is_schedule = request["id"].startswith("schedule")
            if len(current) == 20 or (is_schedule and schedules == SCHEDULES_PER_BATCH):
                batches.append(current)
                current, schedules = [], 0
            current.append(request)
            schedules += is_schedule
        batches.append(current)
        results = await asyncio.gather(*(self.client.batch(b) for b in batches))
        merged: dict[str, ItemAnswer] = {}
        for result in results:
            merged.update(result)
        return merged

    async def _look(
        self, members: tuple[Colleague, ...], *, start: datetime, end: datetime
    ) -> dict[str, Answer]:
        if not members:
            return {}
        try:
            answers = await self._send(self._requests(members, start, end))
        except GraphError as exc:
            failure = unknown(exc.reason)
            return {c.id: failure for c in members}
        fetched_at = self._now()
        presences: dict[str, dict[str, Any]] = {}
        for key, answer in answers.items():
            if key.startswith("presence") and answer.status == 200:
                for item in _values(answer.body):
                    if isinstance(item, dict) and item.get("id"):
                        presences[str(item["id"]).lower()] = item
            elif key.startswith("presence"):
                log.info("Graph presence failed with status %s", answer.status)
        schedules: dict[str, dict[str, Any]] = {}
        failed: dict[str, str | Text] = {}
        for key, answer in answers.items():
            if not key.startswith("schedule"):
                continue
            if answer.status != 200:
                failed[key] = (
                    QT_TRANSLATE_NOOP("errors", "Microsoft 365 is nu te druk.")
                    if answer.status == 429
                    else Text("errors", _AGENDA_ERROR, {"code": answer.status})
                )
                continue
            for item in _values(answer.body):
                if isinstance(item, dict) and isinstance(item.get("scheduleId"), str):
                    schedules[item["scheduleId"].strip().lower()] = item
        result: dict[str, Answer] = {}
        failure_reason: str | Text = next(iter(failed.values()), "")
        for colleague in members:
            object_id = self.object_ids.get(colleague.id, "").lower()
            presence = presences.get(object_id) if object_id else None
            schedule = schedules.get((colleague.email or "").lower())
            if schedule is None:
                result[colleague.id] = unknown(
                    failure_reason or _NO_AGENDA
                )
                continue
            error = schedule.get("error")
            if isinstance(error, dict) and (error.get("message") or error.get("responseCode")):
                # The code (e.g. ErrorNoFreeBusyAccess) helps the administrator, not the agent.
                log.info("Graph schedule error %s", error.get("responseCode") or "without code")
                result[colleague.id] = unknown(
                    _AGENDA_WITHHELD
                )
                continue
            result[colleague.id] = self._facts(
                colleague, presence, schedule, start=start, end=end, fetched_at=fetched_at
            )
        return result

    def _facts(
        self,
        colleague: Colleague,
        presence: dict[str, Any] | None,
        schedule: dict[str, Any],
        *,
        start: datetime,
        end: datetime,
        fetched_at: datetime,
    ) -> Availability:
        away_now, message = presence_out_of_office(presence) if presence else (False, "")
        items = schedule_items(schedule, start=start, interval=INTERVAL_MINUTES, fallback=self.zone)
        busy, absences = split_items(items, message=message)
        if away_now and not any(a.active_at(start) for a in absences):
            # Automatic replies on without an agenda item: away for as far as we can see.
            absences = (OutOfOffice(start, end, message), *absences)
        named = (
            replacement_in(message, self.organisation, absent_id=colleague.id) if message else None
        )
        replacement = named or standing_replacement(colleague)
        if replacement:
            absences = tuple(OutOfOffice(a.start, a.end, a.message, replacement) for a in absences)
        hours = working_hours(
            schedule.get("workingHours"), local=self.zone, around=start.astimezone(self.zone).date()
        )
        return Availability(
            colleague_id=colleague.id,
            presence=presence_of(presence) if presence else Presence.UNKNOWN,
            working_hours=hours if hours is not None else colleague.working_hours,
            busy=tuple(b for b in busy if b.end > start and b.start < end),
            out_of_office=tuple(a for a in absences if a.end > start),
            source=SOURCE_NAME,
            as_of=fetched_at,
        )
