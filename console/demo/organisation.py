"""The demo organisation: desks, colleagues, partners and residents from ``resources/demo``.

Agendas and out-of-office periods in the file are relative (weekly appointments, days from
today), so the demo looks alive on any day; ``load`` turns them into moments around ``now``.
Implements ``console.ports.OrganisationSource``. Reading the file is quick and done once at start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any

from console.domain.calendar import AMSTERDAM
from console.domain.model import (
    AgendaItem,
    Colleague,
    Desk,
    DeskKind,
    OpeningHours,
    OutOfOffice,
    PartnerOrganisation,
    Presence,
    Resident,
    Role,
)
from console.domain.organisation import Organisation

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _hours(raw: dict[str, list[list[str]]]) -> OpeningHours:
    return {
        WEEKDAYS.index(day): tuple(
            (time.fromisoformat(start), time.fromisoformat(end)) for start, end in periods
        )
        for day, periods in raw.items()
        if periods
    }


def _agenda(raw: list[dict[str, Any]], today: date, weeks: int = 2) -> tuple[AgendaItem, ...]:
    """Weekly appointments from the start of this week for ``weeks`` weeks."""
    monday = today - timedelta(days=today.weekday())
    items = []
    for week in range(weeks):
        for entry in raw:
            day = monday + timedelta(days=7 * week + WEEKDAYS.index(entry["weekday"]))
            items.append(
                AgendaItem(
                    start=datetime.combine(day, time.fromisoformat(entry["start"]), AMSTERDAM),
                    end=datetime.combine(day, time.fromisoformat(entry["end"]), AMSTERDAM),
                    title=entry["title"],
                    status=entry.get("status", "busy"),
                )
            )
    return tuple(sorted(items, key=lambda a: a.start))


def _out_of_office(raw: list[dict[str, Any]], today: date) -> tuple[OutOfOffice, ...]:
    periods = []
    for entry in raw:
        first = today + timedelta(days=int(entry["start_day"]))
        last = today + timedelta(days=int(entry["end_day"]))
        periods.append(
            OutOfOffice(
                start=datetime.combine(first, time(0, 0), AMSTERDAM),
                end=datetime.combine(last + timedelta(days=1), time(0, 0), AMSTERDAM),
                message=entry["message"],
                replacement_id=entry.get("replacement"),
            )
        )
    return tuple(periods)


@dataclass(frozen=True)
class DemoData:
    organisation: Organisation
    residents: tuple[Resident, ...]
    subjects: dict[str, list[dict[str, str]]]
    closing_days: dict[date, str]


def read_demo_file() -> dict[str, Any]:
    text = resources.files("resources").joinpath("demo/organisation.json").read_text("utf-8")
    return json.loads(text)


def build_demo(raw: dict[str, Any], *, now: datetime) -> DemoData:
    today = now.astimezone(AMSTERDAM).date()
    desks = tuple(
        Desk(
            id=d["id"],
            name=d["name"],
            kind=DeskKind(d["kind"]),
            phone=d.get("phone"),
            mailbox=d.get("mailbox"),
            topics=tuple(d.get("topics", ())),
            opening_hours=_hours(d["opening_hours"]),
        )
        for d in raw["desks"]
    )
    colleagues = tuple(
        Colleague(
            id=c["id"],
            name=c["name"],
            role=Role(c["role"]),
            desk_id=c["desk"],
            extension=c.get("extension"),
            phone=c.get("phone"),
            email=c.get("email"),
            working_hours=_hours(c.get("working_hours", {})),
            agenda=_agenda(c.get("agenda", []), today),
            out_of_office=_out_of_office(c.get("out_of_office", []), today),
            presence=Presence(c.get("presence", "unknown")),
        )
        for c in raw["colleagues"]
    )
    partners = tuple(
        PartnerOrganisation(
            id=p["id"],
            name=p["name"],
            kind=p["kind"],
            phone=p.get("phone"),
            email=p.get("email"),
            topics=tuple(p.get("topics", ())),
            opening_hours=_hours(p["opening_hours"]),
        )
        for p in raw["partners"]
    )
    residents = tuple(
        Resident(
            id=r["id"],
            name=r["name"],
            phone=r.get("phone"),
            phone2=r.get("phone2"),
            email=r.get("email"),
            village=r.get("village"),
            address=f"{r.get('street', '')} {r.get('house_number', '')}, "
            f"{r.get('postcode', '')} {r.get('village', '')}".strip(", "),
        )
        for r in raw["residents"]
    )
    closing = {
        date.fromisoformat(d): "sluitingsdag van de gemeente"
        for d in raw.get("local_closing_days", [])
    }
    org = Organisation(raw["municipality"], desks, colleagues, partners)
    return DemoData(org, residents, raw["subjects"], closing)


class DemoOrganisationSource:
    """``OrganisationSource`` for demo mode (reads the shipped file)."""

    def __init__(self, raw: dict[str, Any] | None = None) -> None:
        self._raw = raw

    async def load(self, *, now: datetime) -> Organisation:
        return self.data(now=now).organisation

    def data(self, *, now: datetime) -> DemoData:
        return build_demo(self._raw or read_demo_file(), now=now)
