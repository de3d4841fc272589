"""The N2 policy: who can call back by the deadline, and the reason in one Dutch sentence."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from console.domain.availability import (
    Availability,
    Candidate,
    VerdictKind,
    decide,
    plain_text,
    verdict_for,
)
from console.domain.calendar import AMSTERDAM, WorkingCalendar
from console.domain.errors import RuleViolation
from console.domain.model import (
    AgendaItem,
    Colleague,
    Desk,
    DeskKind,
    OutOfOffice,
    Owner,
    Presence,
    Role,
)
from integrations.calendar_nl import DutchHolidays

CAL = WorkingCalendar(holidays=DutchHolidays())
OFFICE = {d: ((time(8, 30), time(17, 0)),) for d in range(5)}
DESK = Desk("bo_wmo", "Team Wmo", DeskKind.BACK_OFFICE, opening_hours=OFFICE)
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)  # Tuesday
DEADLINE = CAL.deadline_after_working_days(NOW, 1)  # Wednesday 17:00


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM)


def person(
    cid: str = "c1",
    name: str = "Jan de Boer",
    *,
    presence: Presence = Presence.AVAILABLE,
    agenda: tuple[AgendaItem, ...] = (),
    away: tuple[OutOfOffice, ...] = (),
) -> Candidate:
    colleague = Colleague(
        cid,
        name,
        Role.BACK_OFFICE,
        DESK.id,
        working_hours=OFFICE,
        agenda=agenda,
        out_of_office=away,
        presence=presence,
    )
    return Candidate(colleague, Availability.of(colleague))


FATIMA = person("c2", "Fatima El Amrani")


def verdict(candidate: Candidate, *, replacement: Candidate | None = None, now=NOW, deadline=None):
    return verdict_for(
        target=Owner.colleague(candidate.colleague.id),
        now=now,
        deadline=deadline or CAL.deadline_after_working_days(now, 1),
        calendar=CAL,
        desk=DESK,
        candidate=candidate,
        replacement=replacement,
    )


def test_available_colleague_can_call_back_today():
    v = verdict(person())
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.target == Owner.colleague("c1")
    assert v.reason == "Jan de Boer is beschikbaar en kan vandaag nog terugbellen."
    assert v.first_free == NOW


def test_busy_now_but_free_later_today_can_call_back():
    meeting = AgendaItem(at(1, 9), at(1, 12, 30), "Overleg")
    v = verdict(person(presence=Presence.IN_MEETING, agenda=(meeting,)))
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.first_free == at(1, 12, 30)
    assert v.reason == "Jan de Boer is nu in overleg, maar kan vandaag vanaf 12:30 terugbellen."


def test_a_tentative_appointment_counts_as_free_time():
    maybe = AgendaItem(at(1, 9), at(1, 17), "Misschien", status="tentative")
    v = verdict(person(agenda=(maybe,)))
    assert v.kind is VerdictKind.CAN_CALL_BACK and v.first_free == NOW


def test_out_of_office_with_replacement_routes_to_the_replacement():
    leave = OutOfOffice(at(28, 0).replace(month=11), at(4, 0), "Met verlof", replacement_id="c2")
    v = verdict(person(presence=Presence.AWAY, away=(leave,)), replacement=FATIMA)
    assert v.kind is VerdictKind.ROUTE_TO_REPLACEMENT
    assert v.target == Owner.colleague("c2")
    assert v.reason == (
        "Jan de Boer is afwezig tot en met 3 december. "
        "Vervanger Fatima El Amrani kan vandaag nog terugbellen."
    )


def test_out_of_office_without_replacement_routes_to_the_desk():
    leave = OutOfOffice(at(1, 0), at(8, 0), "Met verlof")
    v = verdict(person(presence=Presence.AWAY, away=(leave,)))
    assert v.kind is VerdictKind.ROUTE_TO_DESK
    assert v.target == Owner.desk(DESK.id)
    assert v.reason == (
        "Jan de Boer is afwezig tot en met 7 december. Er is geen vervanger genoemd. "
        "Stuur de notitie naar Team Wmo."
    )


def test_a_replacement_who_cannot_make_it_either_routes_to_the_desk():
    leave = OutOfOffice(at(1, 0), at(8, 0), "Met verlof", replacement_id="c2")
    also_away = person("c2", "Fatima El Amrani", away=(OutOfOffice(at(1, 0), at(3, 0), "Ziek"),))
    v = verdict(person(away=(leave,)), replacement=also_away)
    assert v.kind is VerdictKind.ROUTE_TO_DESK
    assert "Vervanger Fatima El Amrani kan ook niet op tijd terugbellen." in v.reason


def test_scheduled_out_of_office_before_the_deadline_with_time_left_today():
    leave = OutOfOffice(at(2, 0), at(5, 0), "Cursus", replacement_id="c2")
    v = verdict(person(away=(leave,)), replacement=FATIMA)
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.reason == "Jan de Boer is afwezig vanaf 2 december, maar kan vandaag nog terugbellen."


def test_scheduled_out_of_office_before_the_deadline_without_time_left_routes_away():
    leave = OutOfOffice(at(2, 0), at(5, 0), "Cursus", replacement_id="c2")
    full_day = AgendaItem(at(1, 8), at(1, 18), "Training")
    v = verdict(person(agenda=(full_day,), away=(leave,)), replacement=FATIMA)
    assert v.kind is VerdictKind.ROUTE_TO_REPLACEMENT
    assert v.reason == (
        "Jan de Boer is afwezig van 2 december tot en met 4 december. "
        "Vervanger Fatima El Amrani kan vandaag nog terugbellen."
    )


def test_unknown_presence_relies_on_the_agenda_and_says_so():
    v = verdict(person(presence=Presence.UNKNOWN))
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.reason.startswith("Van Jan de Boer is niet bekend of die er nu is")


def test_fully_booked_without_absence_routes_to_the_desk():
    busy = (AgendaItem(at(1, 8), at(1, 18), "Cursus"), AgendaItem(at(2, 8), at(2, 18), "Cursus"))
    v = verdict(person(agenda=busy))
    assert v.kind is VerdictKind.ROUTE_TO_DESK
    assert "geen tijd vrij in de agenda" in v.reason


def test_less_than_a_quarter_free_does_not_count():
    busy = (
        AgendaItem(at(1, 10, 10), at(1, 18), "Cursus"),
        AgendaItem(at(2, 8), at(2, 18), "Cursus"),
    )
    v = verdict(person(agenda=busy))
    assert v.kind is VerdictKind.ROUTE_TO_DESK


def test_a_note_just_before_closing_on_friday_is_called_back_monday_morning():
    friday = datetime(2026, 12, 4, 16, 50, tzinfo=AMSTERDAM)
    v = verdict(person(), now=friday)
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.first_free == datetime(2026, 12, 7, 8, 30, tzinfo=AMSTERDAM)
    assert "op maandag 7 december vanaf 08:30" in v.reason


def test_a_note_just_after_closing_is_called_back_the_next_working_morning():
    evening = datetime(2026, 12, 1, 17, 5, tzinfo=AMSTERDAM)
    v = verdict(person(), now=evening)
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.reason == "Jan de Boer is nu beschikbaar, maar kan morgen vanaf 08:30 terugbellen."


def test_a_note_before_christmas_skips_the_holidays():
    eve = datetime(2026, 12, 23, 16, 55, tzinfo=AMSTERDAM)
    cal = WorkingCalendar(holidays=DutchHolidays(), closing_days={at(24, 0).date(): "sluiting"})
    deadline = cal.deadline_after_working_days(eve, 1)
    assert deadline == datetime(2026, 12, 28, 17, 0, tzinfo=AMSTERDAM)
    v = verdict_for(
        target=Owner.colleague("c1"),
        now=eve,
        deadline=deadline,
        calendar=cal,
        desk=DESK,
        candidate=person(),
    )
    assert v.first_free == datetime(2026, 12, 28, 8, 30, tzinfo=AMSTERDAM)


def test_a_desk_target_gets_the_desk_hours_in_the_reason():
    v = verdict_for(target=Owner.desk(DESK.id), now=NOW, deadline=DEADLINE, calendar=CAL, desk=DESK)
    assert v.kind is VerdictKind.CAN_CALL_BACK
    assert v.reason == "Team Wmo is nu open en belt terug."
    evening = at(1, 18)
    v = verdict_for(
        target=Owner.desk(DESK.id), now=evening, deadline=at(2, 17), calendar=CAL, desk=DESK
    )
    assert v.reason == "Team Wmo belt terug morgen vanaf 08:30."


def test_following_the_advice_needs_no_reason():
    v = verdict(person())
    assert decide(v, Owner.colleague("c1")).followed_advice


def test_override_without_a_reason_is_refused():
    leave = OutOfOffice(at(1, 0), at(8, 0), "Met verlof")
    v = verdict(person(away=(leave,)))
    with pytest.raises(RuleViolation) as raised:
        decide(v, Owner.colleague("c1"), "   ")
    assert raised.value.rule == "N2"
    assert raised.value.message == "U wijkt af van het advies. Schrijf waarom."


def test_override_with_a_reason_is_kept():
    leave = OutOfOffice(at(1, 0), at(8, 0), "Met verlof")
    v = verdict(person(away=(leave,)))
    routing = decide(v, Owner.colleague("c1"), " Inwoner wil alleen Jan spreken ")
    assert not routing.followed_advice
    assert routing.override_reason == "Inwoner wil alleen Jan spreken"


def test_without_a_verdict_saving_needs_a_reason():
    with pytest.raises(RuleViolation, match="kon niet worden gecontroleerd"):
        decide(None, Owner.colleague("c1"))
    assert decide(None, Owner.colleague("c1"), "Afgesproken met Jan").target.id == "c1"


def test_free_slots_skip_weekends_and_absences():
    leave = OutOfOffice(at(4, 12), at(7, 12), "Weg")
    slots = person(away=(leave,)).availability.free_slots(
        start=at(4, 9), end=at(7, 17), calendar=CAL
    )
    assert [(s.start, s.end) for s in slots] == [(at(4, 9), at(4, 12)), (at(7, 12), at(7, 17))]
    assert sum((s.length for s in slots), timedelta()) == timedelta(hours=8)


def test_out_of_office_html_becomes_plain_text():
    raw = (
        "<html><body><p>Ik ben <b>afwezig</b>.</p><script>alert(1)</script>"
        '<img src="https://tracker.example/x.png">Bel &amp; mail Hanneke.<br>Groet</body></html>'
    )
    assert plain_text(raw) == "Ik ben afwezig.\nBel & mail Hanneke.\nGroet"
