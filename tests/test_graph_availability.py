"""The Graph availability adapter against the local Graph test server (documented shapes).

A 50-person desk in at most 3 round trips even with a throttled call and a throttled batch item;
``Retry-After`` waited as told (an injected sleeper records the waits, the server's log shows the
retry came after them); never more than 4 requests at once (the server counts); a schedule's own
``error`` makes only that colleague "onbekend"; custom time zones; open enums; the token check;
the one-minute cache. No wall-clock assertions: waits go through the injected sleeper.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta

import pytest

from console.clock import FakeClock
from console.domain.availability import (
    Candidate,
    VerdictKind,
    verdict_for,
)
from console.domain.calendar import AMSTERDAM, WorkingCalendar
from console.domain.model import Owner, Presence
from console.ports import AvailabilityTimeout
from tests.graph_desk import desk_organisation, graph_source, object_id, seed_graph
from tests.graph_server import GraphServer, custom_zone_hours

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=AMSTERDAM)
DEADLINE = datetime(2026, 12, 1, 17, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def graph_server():
    server = GraphServer().start()
    yield server
    server.stop()
    assert not server.violations, server.violations


class Sleeper:
    """Records each wait together with how many requests the server had seen by then."""

    def __init__(self, server: GraphServer) -> None:
        self.server = server
        self.waits: list[tuple[float, int]] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append((seconds, self.server.round_trips))


def run(coro):
    return asyncio.run(coro)


def test_a_50_person_desk_in_at_most_3_round_trips_despite_throttling(graph_server):
    organisation = desk_organisation(50)
    clock = FakeClock(MONDAY)
    seed_graph(graph_server, organisation, MONDAY)
    people = list(graph_server.people.values())
    people[3].error = {"message": "No free/busy access.", "responseCode": "ErrorNoFreeBusyAccess"}
    people[4].working_hours = custom_zone_hours()
    people[5].availability, people[5].activity = "BUSY", "inameeting"  # casing varies
    people[6].availability, people[6].activity = "Focusing", "SomethingNew"  # not documented
    graph_server.throttle_first = 2
    graph_server.throttle_item = ("getSchedule", 3)
    sleeper = Sleeper(graph_server)

    async def scenario():
        source = graph_source(graph_server, organisation, now=clock.now, sleep=sleeper)
        try:
            first = await source.desk("d0", start=MONDAY, end=DEADLINE)
            after_first = graph_server.round_trips
            clock.advance(timedelta(seconds=50))  # a second look within the minute: free
            again = await source.availability(
                "m010", start=MONDAY + timedelta(seconds=50), end=DEADLINE
            )
            after_second = graph_server.round_trips
            clock.advance(timedelta(seconds=15))  # older than a minute: asked again
            await source.availability("m010", start=MONDAY + timedelta(seconds=65), end=DEADLINE)
            return first, again, after_first, after_second, graph_server.round_trips
        finally:
            await source.aclose()

    first, again, after_first, after_second, after_third = run(scenario())
    assert after_first <= 3
    # 429 on the whole call (Retry-After 2), then the batch with its schedule item throttled
    # (Retry-After 3): each wait came after the answer that asked for it, before the retry.
    assert sleeper.waits == [(2.0, 1), (3.0, 2)]
    assert [r.path for r in graph_server.log[:3]] == ["/v1.0/$batch"] * 3
    sent = graph_server.log[1].body["requests"]
    assert sorted(r["id"] for r in sent) == ["presence-0", "schedule-0", "schedule-1", "schedule-2"]
    assert [len(r["body"]["schedules"]) for r in sent if "schedules" in r["body"]] == [20, 20, 10]
    retried = graph_server.log[2].body["requests"]
    assert [r["id"] for r in retried] == ["schedule-0"]  # only the throttled item again
    assert after_second == after_first
    assert after_third == after_first + 1

    assert len(first) == 50
    facts = first["m000"]
    assert facts.presence is Presence.AVAILABLE
    assert facts.source == "Microsoft 365" and facts.as_of == MONDAY
    assert [(b.start.hour, b.status) for b in facts.busy] == [(11, "busy"), (14, "tentative")]
    assert facts.working_hours[0] == ((time(8, 30), time(17, 0)),)
    failed = first["m003"]
    assert isinstance(failed, AvailabilityTimeout)
    assert failed.message.startswith("Agenda onbekend: Microsoft 365 geeft de agenda van deze")
    # 08:00 in the custom (Pacific, UTC-8 in winter) zone is 17:00 in Amsterdam.
    assert first["m004"].working_hours[0][0][0] == time(17, 0)
    assert first["m005"].presence is Presence.IN_MEETING
    assert first["m006"].presence is Presence.UNKNOWN
    assert again.colleague_id == "m010" and again.as_of == MONDAY


def test_a_schedule_error_reaches_the_caller_as_onbekend(graph_server):
    organisation = desk_organisation(3)
    seed_graph(graph_server, organisation, MONDAY)
    graph_server.people["collega001@westbetuwe.example"].error = {
        "message": "Mailbox not found.",
        "responseCode": "ErrorMailRecipientNotFound",
    }

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY)
        try:
            ok = await source.availability("m000", start=MONDAY, end=DEADLINE)
            with pytest.raises(AvailabilityTimeout) as failure:
                await source.availability("m001", start=MONDAY, end=DEADLINE)
            return ok, failure.value.message
        finally:
            await source.aclose()

    ok, message = run(scenario())
    assert ok.busy
    assert message.startswith("Agenda onbekend: Microsoft 365 geeft de agenda")
    assert graph_server.round_trips == 1  # the failed colleague did not cost a second request


def _many_desks(server: GraphServer, *, max_concurrent: int, size: int = 3):
    organisation = desk_organisation(size, desks=12)
    seed_graph(server, organisation, MONDAY)
    server.latency = 0.05
    sleeper = Sleeper(server)

    async def scenario():
        source = graph_source(
            server, organisation, now=lambda: MONDAY, sleep=sleeper, max_concurrent=max_concurrent
        )
        try:
            return await asyncio.gather(
                *(
                    source.availability(f"m{d * size:03d}", start=MONDAY, end=DEADLINE)
                    for d in range(12)
                ),
                return_exceptions=True,
            )
        finally:
            await source.aclose()

    return run(scenario()), sleeper


def test_never_more_than_four_requests_at_once(graph_server):
    answers, sleeper = _many_desks(graph_server, max_concurrent=4)
    assert all(a.source == "Microsoft 365" for a in answers)
    assert graph_server.max_in_flight <= 4
    assert graph_server.mailbox_rejections == 0
    assert graph_server.round_trips == 12 and sleeper.waits == []


def test_a_batch_of_three_schedule_requests_takes_three_of_the_four_slots(graph_server):
    # 12 desks of 50: each look is one batch with three getSchedule items, which Graph runs
    # side by side against the mailbox; two such batches at once would be six.
    answers, sleeper = _many_desks(graph_server, max_concurrent=4, size=50)
    assert all(a.source == "Microsoft 365" for a in answers)
    assert graph_server.max_in_flight <= 4
    assert graph_server.mailbox_rejections == 0 and sleeper.waits == []


def test_without_the_limit_the_mailbox_refuses_the_fifth_request(graph_server):
    # The protection's check: with the limit lifted the server sees more than 4 at once and
    # answers 429 (its MailboxConcurrency rule); the adapter then has to wait and retry.
    _answers, sleeper = _many_desks(graph_server, max_concurrent=100)
    assert graph_server.max_in_flight > 4
    assert graph_server.mailbox_rejections > 0
    assert sleeper.waits and all(seconds == 1.0 for seconds, _ in sleeper.waits)


def test_a_wrong_token_is_refused_and_said_plainly(graph_server):
    organisation = desk_organisation(2)
    seed_graph(graph_server, organisation, MONDAY)

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY, token="stolen")
        try:
            with pytest.raises(AvailabilityTimeout) as failure:
                await source.availability("m000", start=MONDAY, end=DEADLINE)
            return failure.value.message
        finally:
            await source.aclose()

    message = run(scenario())
    assert "Microsoft 365 weigert de aanmelding" in message
    assert "stolen" not in message


def test_a_wait_longer_than_allowed_gives_up_at_once(graph_server):
    organisation = desk_organisation(2)
    seed_graph(graph_server, organisation, MONDAY)
    graph_server.throttle_first = 120
    sleeper = Sleeper(graph_server)

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY, sleep=sleeper)
        try:
            with pytest.raises(AvailabilityTimeout) as failure:
                await source.availability("m000", start=MONDAY, end=DEADLINE)
            return failure.value.message
        finally:
            await source.aclose()

    message = run(scenario())
    assert "120 seconden" in message
    assert sleeper.waits == [] and graph_server.round_trips == 1


def test_out_of_office_with_a_named_replacement_routes_the_note_to_them(graph_server):
    organisation = desk_organisation(3)
    seed_graph(graph_server, organisation, MONDAY)
    absent = graph_server.people["collega000@westbetuwe.example"]
    absent.availability, absent.activity = "Away", "OutOfOffice"
    absent.out_of_office = True
    absent.message = (
        "<p>Ik ben afwezig tot en met woensdag.</p><p>Vragen? Mail "
        "<a href='mailto:collega002@westbetuwe.example'>collega002@westbetuwe.example</a></p>"
    )
    start_day = datetime.combine(MONDAY.date(), time(0, 0), AMSTERDAM)
    absent.items = [("oof", start_day, start_day + timedelta(days=3), "")]

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY)
        try:
            return (
                await source.availability("m000", start=MONDAY, end=DEADLINE),
                await source.availability("m002", start=MONDAY, end=DEADLINE),
            )
        finally:
            await source.aclose()

    facts, spare = run(scenario())
    assert facts.presence is Presence.AWAY
    (absence,) = facts.out_of_office
    assert absence.replacement_id == "m002"
    assert graph_server.round_trips == 1  # the replacement came from the same look
    calendar = WorkingCalendar()
    verdict = verdict_for(
        target=Owner.colleague("m000"),
        now=MONDAY,
        deadline=DEADLINE,
        calendar=calendar,
        desk=organisation.desk("d0"),
        candidate=Candidate(organisation.colleague("m000"), facts),
        replacement=Candidate(organisation.colleague("m002"), spare),
    )
    assert verdict.kind is VerdictKind.ROUTE_TO_REPLACEMENT
    assert verdict.target == Owner.colleague("m002")


def test_presence_out_of_office_without_an_agenda_item_still_counts(graph_server):
    organisation = desk_organisation(2)
    seed_graph(graph_server, organisation, MONDAY)
    person = graph_server.people["collega001@westbetuwe.example"]
    person.out_of_office, person.message = True, "Met vakantie."

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY)
        try:
            return await source.availability("m001", start=MONDAY, end=DEADLINE)
        finally:
            await source.aclose()

    facts = run(scenario())
    (absence,) = facts.out_of_office
    assert absence.active_at(MONDAY) and absence.message == "Met vakantie."
    assert absence.replacement_id is None
    assert object_id(1) in graph_server.log[0].body["requests"][0]["body"]["ids"]


def test_retry_after_is_read_in_seconds_or_as_an_http_date():
    from datetime import UTC

    from integrations.graph.client import retry_after

    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert retry_after({"Retry-After": "7"}) == 7.0
    assert retry_after({"retry-after": "Fri, 04 Dec 2026 10:00:30 GMT"}, now=now) == 30.0
    assert retry_after({"Retry-After": "soon"}) is None
    assert retry_after({}) is None


def test_an_answer_of_another_shape_is_onbekend_not_a_crash(graph_server):
    organisation = desk_organisation(2)
    seed_graph(graph_server, organisation, MONDAY)
    graph_server.broken_schedules = True

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY)
        try:
            with pytest.raises(AvailabilityTimeout) as failure:
                await source.availability("m000", start=MONDAY, end=DEADLINE)
            return failure.value.message
        finally:
            await source.aclose()

    assert run(scenario()).startswith("Agenda onbekend: Microsoft 365 gaf geen agenda")


def test_a_look_that_outlasts_the_dialog_still_fills_the_cache_for_the_next_one(graph_server):
    # Throttled for longer than the dialog waits: the caller gives up, the look goes on, and
    # the next look within the minute is answered from it without a new request.
    organisation = desk_organisation(3)
    seed_graph(graph_server, organisation, MONDAY)
    graph_server.throttle_first = 5
    gate = asyncio.Event()

    async def held_sleeper(_seconds: float) -> None:
        await gate.wait()  # the Retry-After wait, released by the test

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY, sleep=held_sleeper)
        try:
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.05):  # the dialog's limit, shortened
                    await source.availability("m000", start=MONDAY, end=DEADLINE)
            gate.set()
            deadline = asyncio.get_running_loop().time() + 10
            while source.cache.fresh("d0", MONDAY, DEADLINE) is None:
                assert asyncio.get_running_loop().time() < deadline, "the look never finished"
                await asyncio.sleep(0.01)
            trips = graph_server.round_trips
            facts = await source.availability("m001", start=MONDAY, end=DEADLINE)
            return trips, graph_server.round_trips, facts
        finally:
            await source.aclose()

    trips, after, facts = run(scenario())
    assert trips == 2 and after == 2  # the 429, the retry; nothing for the second look
    assert facts.source == "Microsoft 365"


def test_a_desk_of_700_is_split_as_graph_documents(graph_server):
    # ≤ 650 ids per presence request, ≤ 20 schedules per getSchedule, ≤ 20 requests and
    # ≤ 4 schedule requests per batch: the server records any breach as a violation.
    organisation = desk_organisation(700)
    seed_graph(graph_server, organisation, MONDAY)

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY)
        try:
            return await source.desk("d0", start=MONDAY, end=DEADLINE)
        finally:
            await source.aclose()

    answers = run(scenario())
    assert len(answers) == 700
    assert all(a.presence is Presence.AVAILABLE for a in answers.values())
    requests = [r for entry in graph_server.log for r in entry.body["requests"]]
    presence = [r for r in requests if "ids" in r["body"]]
    assert sorted(len(r["body"]["ids"]) for r in presence) == [50, 650]
    assert len(requests) == 2 + 35  # 700 agendas in 35 getSchedule requests of 20
    assert graph_server.max_in_flight <= 4 and graph_server.mailbox_rejections == 0


def test_an_automatic_reply_naming_nobody_falls_back_to_the_standing_replacement(graph_server):
    from dataclasses import replace

    from console.domain.organisation import Organisation

    base = desk_organisation(3)
    colleagues = tuple(
        replace(c, replacement_id="m002") if c.id == "m001" else c for c in base.colleagues
    )
    organisation = Organisation(base.name, base.desks, colleagues)
    seed_graph(graph_server, organisation, MONDAY)
    person = graph_server.people["collega001@westbetuwe.example"]
    person.out_of_office, person.message = True, "Ik ben er deze week niet."

    async def scenario():
        source = graph_source(graph_server, organisation, now=lambda: MONDAY)
        try:
            return await source.availability("m001", start=MONDAY, end=DEADLINE)
        finally:
            await source.aclose()

    (absence,) = run(scenario()).out_of_office
    assert absence.replacement_id == "m002"  # from the organisation file
