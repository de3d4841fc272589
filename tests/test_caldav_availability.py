"""The CalDAV availability adapter against a real Radicale (htpasswd, rights from_file).

Colleagues have only the free-busy right on each other's agenda: busy, tentative and
out-of-office periods must still become the right verdicts (N2), and an event's details must
stay unreadable. Radicale is started once for this module; it is never skipped (a missing
Radicale fails with what to install).
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta

import pytest

from console.domain.availability import Candidate, VerdictKind, verdict_for
from console.domain.calendar import AMSTERDAM, WorkingCalendar
from console.domain.model import Colleague, Desk, DeskKind, Owner, Presence, Role
from console.domain.organisation import Organisation
from console.ports import AvailabilityTimeout
from integrations.caldav.adapter import CalDavAvailabilitySource
from tests.radicale_server import RadicaleServer

pytestmark = pytest.mark.caldav

TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
DEADLINE = datetime(2026, 12, 2, 17, 0, tzinfo=AMSTERDAM)
HOURS = {d: ((time(8, 30), time(17, 0)),) for d in range(5)}
USERS = ("agent", "a.bezet", "t.onder", "o.afwezig", "r.vervanger", "h.vakantie", "z.geen")
NAMES = {
    "a.bezet": "Anouk Bezet",
    "t.onder": "Tim Ondervoorbehoud",
    "o.afwezig": "Olga Afwezig",
    "r.vervanger": "Rob Vervanger",
    "h.vakantie": "Hans Vakantie",
    "z.geen": "Zoë Zonderagenda",
}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), AMSTERDAM)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server = RadicaleServer(
        tmp_path_factory.mktemp("radicale"), {u: f"wachtwoord-{u}" for u in USERS}
    ).start()
    try:
        tue, wed = TUESDAY.date(), DEADLINE.date()
        for user in USERS[1:-1]:
            server.calendar(user, "agenda")
            server.calendar(user, "afwezig")
        for day in (tue, wed):  # busy all working hours, in a meeting nobody else may read
            server.secret = server.event(
                "a.bezet",
                "agenda",
                start=at(day, 8),
                end=at(day, 18),
                summary="Geheim overleg over dossier 123",
            )
            server.event(
                "t.onder",
                "agenda",
                start=at(day, 8),
                end=at(day, 18),
                summary="Misschien",
                status="TENTATIVE",
            )
        server.event(
            "t.onder",
            "agenda",
            start=at(tue, 11),
            end=at(tue, 12),
            summary="Vrij",
            transparent=True,
        )
        # The convention: an all-day opaque event with CATEGORIES:AFWEZIG, the replacement named
        # in the description; in the agenda too, as people do (it shows as busy whole days).
        monday, saturday = date(2026, 11, 30), date(2026, 12, 5)
        for calendar in ("afwezig", "agenda"):
            server.event(
                "o.afwezig",
                calendar,
                start=monday,
                end=saturday,
                summary="Vakantie",
                categories="AFWEZIG",
                description="Ik ben weg. Vervanger: r.vervanger@westbetuwe.example, bel gerust.",
            )
        server.event("r.vervanger", "agenda", start=at(tue, 13), end=at(tue, 14), summary="Overleg")
        server.event("h.vakantie", "agenda", start=tue, end=date(2026, 12, 3), summary="Vrij")
        yield server
    finally:
        server.stop()


def organisation() -> Organisation:
    desk = Desk("d1", "Team Vergunningen", DeskKind.BACK_OFFICE, opening_hours=HOURS)
    colleagues = tuple(
        Colleague(
            id=user,
            name=name,
            role=Role.BACK_OFFICE,
            desk_id="d1",
            email=f"{user}@westbetuwe.example",
            working_hours=HOURS,
        )
        for user, name in NAMES.items()
    )
    return Organisation("Test", (desk,), colleagues)


def source_for(server: RadicaleServer, org: Organisation, **kw) -> CalDavAvailabilitySource:
    async def credentials() -> tuple[str, str]:
        return "agent", server.users["agent"]

    return CalDavAvailabilitySource(
        org,
        credentials=credentials,
        now=lambda: TUESDAY,
        agenda_url=server.url + "/{user}/agenda/",
        absence_url=server.url + "/{user}/afwezig/",
        **kw,
    )


def test_busy_tentative_and_absent_colleagues_get_the_right_verdicts(radicale):
    org = organisation()
    calendar = WorkingCalendar()
    desk = org.desk("d1")

    async def scenario():
        source = source_for(radicale, org)
        try:
            answers = await source.desk("d1", start=TUESDAY, end=DEADLINE)
            requests = source.requests
            await source.availability("t.onder", start=TUESDAY, end=DEADLINE)  # cached
            return answers, requests, source.requests
        finally:
            await source.aclose()

    answers, requests, after = asyncio.run(scenario())
    assert after == requests  # the second look at the desk cost nothing

    def verdict(user: str, replacement: str | None = None):
        facts = answers[user]
        return verdict_for(
            target=Owner.colleague(user),
            now=TUESDAY,
            deadline=DEADLINE,
            calendar=calendar,
            desk=desk,
            candidate=Candidate(org.colleague(user), facts),
            replacement=Candidate(org.colleague(replacement), answers[replacement])
            if replacement
            else None,
        )

    busy = verdict("a.bezet")
    assert busy.kind is VerdictKind.ROUTE_TO_DESK
    assert "geen tijd vrij" in busy.reason

    tentative = answers["t.onder"]
    assert {b.status for b in tentative.busy} == {"tentative"}  # the transparent one is left out
    assert verdict("t.onder").kind is VerdictKind.CAN_CALL_BACK  # tentative counts as free

    absent = answers["o.afwezig"]
    (absence,) = absent.out_of_office
    assert absence.replacement_id == "r.vervanger"
    assert absence.start == at(date(2026, 11, 30), 0) and absence.end == at(date(2026, 12, 5), 0)
    assert absent.busy == ()  # its whole-day busy block is the absence itself
    routed = verdict("o.afwezig", "r.vervanger")
    assert routed.kind is VerdictKind.ROUTE_TO_REPLACEMENT
    assert routed.target == Owner.colleague("r.vervanger")
    assert "tot en met 4 december" in routed.reason

    holiday = verdict("h.vakantie")  # whole busy days in the agenda only: absent, no replacement
    assert holiday.kind is VerdictKind.ROUTE_TO_DESK
    assert "Er is geen vervanger genoemd." in holiday.reason

    assert all(answers[u].presence is Presence.UNKNOWN for u in ("a.bezet", "t.onder"))
    assert answers["a.bezet"].source == "agenda (CalDAV)" and answers["a.bezet"].as_of == TUESDAY
    missing = answers["z.geen"]
    assert isinstance(missing, AvailabilityTimeout)
    assert missing.message.startswith("Agenda onbekend: de agenda van deze collega")


def test_free_busy_right_does_not_show_event_details(radicale):
    window = '<C:time-range start="20261201T000000Z" end="20261203T000000Z"/>'
    free_busy = (
        '<?xml version="1.0"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f"{window}</C:free-busy-query>"
    )
    query = (
        '<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop>'
        '<C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>'
    )
    event_path = radicale.secret
    with radicale.client("a.bezet") as owner:
        assert "Geheim" in owner.get(event_path).text  # the owner reads it; the check below is real
    with radicale.client("agent") as agent:
        busy = agent.request(
            "REPORT", "/a.bezet/agenda/", content=free_busy, headers={"Depth": "1"}
        )
        read = agent.get(event_path)
        queried = agent.request("REPORT", "/a.bezet/agenda/", content=query, headers={"Depth": "1"})
        listed = agent.request("PROPFIND", "/a.bezet/agenda/", headers={"Depth": "1"})
    assert busy.status_code == 200 and "FREEBUSY" in busy.text
    assert "Geheim" not in busy.text and "dossier" not in busy.text
    assert read.status_code == 403
    assert queried.status_code == 403
    assert listed.status_code == 403 or ".ics" not in listed.text


def test_wrong_password_and_a_server_that_is_down_say_onbekend_with_the_reason(radicale):
    org = organisation()

    async def wrong() -> tuple[str, str]:
        return "agent", "fout"

    async def scenario():
        refused = CalDavAvailabilitySource(
            org,
            credentials=wrong,
            now=lambda: TUESDAY,
            agenda_url=radicale.url + "/{user}/agenda/",
        )
        down = source_for(radicale, org)
        down.agenda_url = "http://127.0.0.1:9/{user}/agenda/"  # nothing listens on port 9
        try:
            results = []
            for source in (refused, down):
                with pytest.raises(AvailabilityTimeout) as failure:
                    await source.availability("a.bezet", start=TUESDAY, end=DEADLINE)
                results.append(failure.value.message)
            return results
        finally:
            await refused.aclose()
            await down.aclose()

    refused, down = asyncio.run(scenario())
    assert "weigert de aanmelding" in refused
    assert "niet bereikbaar" in down
    assert "wachtwoord-" not in refused + down


def test_raw_free_busy_answer_is_read_with_tentative_periods(radicale):
    with radicale.client("agent") as agent:
        answer = agent.request(
            "REPORT",
            "/t.onder/agenda/",
            content=(
                '<?xml version="1.0"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">'
                '<C:time-range start="20261201T000000Z" end="20261202T000000Z"/>'
                "</C:free-busy-query>"
            ),
            headers={"Depth": "1"},
        )
    from integrations.caldav.adapter import free_busy_periods

    periods = free_busy_periods(answer.text)
    assert periods and {kind for kind, _, _ in periods} == {"BUSY-TENTATIVE"}
    assert periods[0][1] == at(TUESDAY.date(), 8)
    assert periods[0][2] - periods[0][1] == timedelta(hours=10)
