"""The demo organisation: an organisation file plus the demo's residents and agendas.

The organisation (desks, colleagues, partners) is ``resources/demo/organisation.toml``, read by
the same loader as a municipality's own file; residents, subjects and agendas are the demo's
own, in ``resources/demo/demo.json``.

Agendas and out-of-office periods in the file are relative (weekly appointments, days from
today), so the demo looks alive on any day; ``load`` turns them into moments around ``now``.
Implements ``console.ports.OrganisationSource``. Reading the file is quick and done once at start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from console.domain.calendar import AMSTERDAM
from console.domain.model import (
    AgendaItem,
    OutOfOffice,
    Presence,
    Resident,
)
from console.domain.organisation import Organisation
from integrations.organisation_file import OrganisationFile, load_organisation

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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


DEMO_ORGANISATION = "demo/organisation.toml"  # the organisation file, as a municipality has one
DEMO_EXTRAS = "demo/demo.json"  # what only the demo has: residents, subjects, agendas


def demo_organisation_path() -> Path:
    """The shipped demo organisation file (also an example for functional administrators)."""
    return Path(str(resources.files("resources").joinpath(DEMO_ORGANISATION)))


def read_demo_file() -> dict[str, Any]:
    text = resources.files("resources").joinpath(DEMO_EXTRAS).read_text("utf-8")
    return json.loads(text)


def build_demo(
    raw: dict[str, Any], *, now: datetime, organisation: OrganisationFile | None = None
) -> DemoData:
    """The demo: the organisation file plus the demo's residents, subjects and agendas.

    ``raw`` is ``demo.json``: per colleague id a weekly agenda, out-of-office periods in days
    from today and a presence, so availability looks alive on any day.
    """
    today = now.astimezone(AMSTERDAM).date()
    org_file = organisation or load_organisation(demo_organisation_path())
    extras = raw.get("availability", {})
    colleagues = []
    for colleague in org_file.organisation.colleagues:
        extra = extras.get(colleague.id, {})
        absences = tuple(
            o if o.replacement_id else replace(o, replacement_id=colleague.replacement_id)
            for o in _out_of_office(extra.get("out_of_office", []), today)
        )
        colleagues.append(
            replace(
                colleague,
                agenda=_agenda(extra.get("agenda", []), today),
                out_of_office=absences,
                presence=Presence(extra.get("presence", "unknown")),
            )
        )
    org = replace(org_file.organisation, colleagues=tuple(colleagues))
    org = Organisation(org.name, org.desks, org.colleagues, org.partners)  # fresh indexes
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
    return DemoData(org, residents, raw["subjects"], dict(org_file.closing_days))


class DemoOrganisationSource:
    """``OrganisationSource`` for demo mode (reads the shipped files)."""

    def __init__(self, raw: dict[str, Any] | None = None) -> None:
        self._raw = raw

    async def load(self, *, now: datetime) -> Organisation:
        return self.data(now=now).organisation

    def data(self, *, now: datetime) -> DemoData:
        return build_demo(self._raw or read_demo_file(), now=now)
