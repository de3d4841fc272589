"""Working days, opening hours and deadline arithmetic of the working calendar (N1, N8–N11)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from console.domain.calendar import WorkingCalendar, is_open, next_opening
from integrations.calendar_nl import DutchHolidays, dutch_working_calendar

AMS = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")

NL = dutch_working_calendar()
NL_WITH_GOOD_FRIDAY = dutch_working_calendar(include_good_friday=True)
NL_CLOSED_ON_CHRISTMAS_EVE = dutch_working_calendar({date(2026, 12, 24): "Kerstavond"})

OFFICE = ((time(8, 30), time(17, 0)),)
# The desk: weekdays 08:30–17:00, plus a Wednesday evening.
DESK_HOURS = {0: OFFICE, 1: OFFICE, 2: (*OFFICE, (time(18, 0), time(20, 0))), 3: OFFICE, 4: OFFICE}
# A partner organisation that closes on Friday at noon.
MORNING_AND_AFTERNOON = ((time(9, 0), time(17, 0)),)
PARTNER_HOURS = {d: MORNING_AND_AFTERNOON for d in range(4)} | {4: ((time(9, 0), time(12, 0)),)}
# A counter that is also open on Saturday morning.
SATURDAY_COUNTER_HOURS = DESK_HOURS | {5: ((time(10, 0), time(12, 0)),)}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


# -- working days ------------------------------------------------------------------------------


def test_saturday_and_sunday_are_not_working_days():
    assert NL.closed_reason(date(2026, 11, 28)) == "zaterdag"
    assert NL.closed_reason(date(2026, 11, 29)) == "zondag"
    assert NL.is_working_day(date(2026, 11, 27))
    assert NL.is_working_day(date(2026, 11, 30))


def test_easter_monday_is_closed():
    assert NL.closed_reason(date(2026, 4, 6)) == "Tweede paasdag"


def test_good_friday_is_a_working_day_by_default():
    assert NL.is_working_day(date(2026, 4, 3))
    assert NL.next_working_day(date(2026, 4, 2)) == date(2026, 4, 3)


def test_good_friday_is_closed_when_included():
    assert NL_WITH_GOOD_FRIDAY.closed_reason(date(2026, 4, 3)) == "Goede vrijdag"
    assert NL_WITH_GOOD_FRIDAY.next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)


def test_kings_day_on_a_monday_is_closed():
    assert NL.closed_reason(date(2026, 4, 27)) == "Koningsdag"
    assert NL.next_working_day(date(2026, 4, 24)) == date(2026, 4, 28)


def test_kings_day_on_a_sunday_moves_to_saturday_and_monday_stays_a_working_day():
    assert DutchHolidays().get(date(2025, 4, 26)) == "Koningsdag"
    assert DutchHolidays().get(date(2025, 4, 27)) is None
    assert NL.is_working_day(date(2025, 4, 28))
    assert NL.next_working_day(date(2025, 4, 25)) == date(2025, 4, 28)


def test_liberation_day_is_closed_only_in_a_lustrum_year():
    assert NL.closed_reason(date(2025, 5, 5)) == "Bevrijdingsdag"
    assert NL.is_working_day(date(2026, 5, 5))


def test_ascension_day_is_closed():
    assert NL.closed_reason(date(2026, 5, 14)) == "Hemelvaartsdag"
    assert NL.next_working_day(date(2026, 5, 13)) == date(2026, 5, 15)


def test_whit_monday_is_closed():
    assert NL.closed_reason(date(2026, 5, 25)) == "Tweede pinksterdag"
    assert NL.next_working_day(date(2026, 5, 22)) == date(2026, 5, 26)


def test_christmas_days_are_closed():
    assert NL.closed_reason(date(2025, 12, 25)) == "Eerste kerstdag"
    assert NL.closed_reason(date(2025, 12, 26)) == "Tweede kerstdag"
    assert NL.next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)


def test_after_a_christmas_eve_closing_day_the_next_working_day_is_monday_28_december():
    assert NL_CLOSED_ON_CHRISTMAS_EVE.closed_reason(date(2026, 12, 24)) == "Kerstavond"
    assert NL_CLOSED_ON_CHRISTMAS_EVE.closed_reason(date(2026, 12, 25)) == "Eerste kerstdag"
    assert NL_CLOSED_ON_CHRISTMAS_EVE.next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert NL_CLOSED_ON_CHRISTMAS_EVE.next_working_day(date(2026, 12, 23)) == date(2026, 12, 28)


def test_a_callback_note_on_the_christmas_eve_closing_day_is_due_monday_28_december():
    note_made = at(2026, 12, 24, 10, 0)
    assert NL_CLOSED_ON_CHRISTMAS_EVE.effective_day(note_made) == date(2026, 12, 28)
    assert NL_CLOSED_ON_CHRISTMAS_EVE.deadline_after_working_days(note_made, 1) == at(
        2026, 12, 28, 17, 0
    )


def test_new_years_day_is_closed():
    assert NL.closed_reason(date(2027, 1, 1)) == "Nieuwjaarsdag"
    assert NL.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


def test_a_configured_local_closing_day_is_closed_with_its_reason():
    calendar = dutch_working_calendar({date(2026, 6, 12): "Personeelsdag"})
    assert calendar.closed_reason(date(2026, 6, 12)) == "Personeelsdag"
    assert calendar.next_working_day(date(2026, 6, 11)) == date(2026, 6, 15)


def test_closing_days_given_as_dates_get_a_default_reason():
    calendar = dutch_working_calendar([date(2026, 6, 12)])
    assert calendar.closed_reason(date(2026, 6, 12)) == "sluitingsdag van de gemeente"


def test_a_hand_made_holiday_table_is_honoured():
    calendar = WorkingCalendar(holidays={date(2026, 6, 1): "Testdag"})
    assert calendar.closed_reason(date(2026, 6, 1)) == "Testdag"
    assert calendar.next_working_day(date(2026, 5, 29)) == date(2026, 6, 2)


# -- working-day arithmetic --------------------------------------------------------------------


def test_next_working_day_is_strictly_after_the_day():
    assert NL.next_working_day(date(2026, 11, 30)) == date(2026, 12, 1)
    assert NL.next_working_day(date(2026, 11, 28)) == date(2026, 11, 30)


def test_add_zero_working_days_is_the_day_itself():
    assert NL.add_working_days(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_add_one_working_day_from_friday_is_monday():
    assert NL.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)


def test_add_working_days_skips_easter_monday_but_not_good_friday():
    assert NL.add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 7)
    assert NL_WITH_GOOD_FRIDAY.add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)


def test_add_working_days_skips_a_hand_made_holiday():
    calendar = WorkingCalendar(holidays={date(2026, 6, 1): "Testdag"})
    assert calendar.add_working_days(date(2026, 5, 29), 2) == date(2026, 6, 3)


def test_working_days_between_counts_days_after_start_up_to_end():
    assert NL.working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1
    assert NL.working_days_between(date(2026, 11, 30), date(2026, 12, 7)) == 5


def test_working_days_between_is_zero_when_end_is_not_after_start():
    assert NL.working_days_between(date(2026, 11, 30), date(2026, 11, 30)) == 0
    assert NL.working_days_between(date(2026, 12, 7), date(2026, 11, 30)) == 0


def test_working_days_between_over_christmas():
    # 23 Dec → 31 Dec 2026: 24, 28, 29, 30, 31 (25 Christmas, 26–27 weekend).
    assert NL.working_days_between(date(2026, 12, 23), date(2026, 12, 31)) == 5
    assert (
        NL_CLOSED_ON_CHRISTMAS_EVE.working_days_between(date(2026, 12, 23), date(2026, 12, 31)) == 4
    )


# -- moments -----------------------------------------------------------------------------------


def test_effective_day_before_closing_time_is_today():
    assert NL.effective_day(at(2026, 11, 27, 16, 59)) == date(2026, 11, 27)


def test_effective_day_before_opening_time_is_today():
    assert NL.effective_day(at(2026, 12, 1, 7, 0)) == date(2026, 12, 1)


def test_effective_day_at_or_after_closing_time_is_the_next_working_day():
    assert NL.effective_day(at(2026, 11, 27, 17, 0)) == date(2026, 11, 30)
    assert NL.effective_day(at(2026, 11, 27, 17, 5)) == date(2026, 11, 30)


def test_effective_day_on_a_weekend_is_monday():
    assert NL.effective_day(at(2026, 11, 28, 10, 0)) == date(2026, 11, 30)
    assert NL.effective_day(at(2026, 11, 29, 10, 0)) == date(2026, 11, 30)


def test_effective_day_reads_a_utc_moment_in_amsterdam_time():
    # 16:30 UTC is 17:30 in Amsterdam in November (CET, UTC+1): after closing.
    friday_utc = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)
    assert NL.effective_day(friday_utc) == date(2026, 11, 30)


def test_same_day_target_before_closing_on_friday_is_friday_at_five():
    assert NL.same_day_target(at(2026, 11, 27, 16, 55)) == at(2026, 11, 27, 17, 0)


def test_same_day_target_after_closing_on_friday_is_monday_at_five():
    assert NL.same_day_target(at(2026, 11, 27, 17, 5)) == at(2026, 11, 30, 17, 0)


def test_a_note_just_before_closing_on_friday_is_due_monday_at_five():
    assert NL.deadline_after_working_days(at(2026, 11, 27, 16, 55), 1) == at(2026, 11, 30, 17, 0)


def test_a_note_just_after_closing_on_friday_is_due_monday_at_five():
    assert NL.deadline_after_working_days(at(2026, 11, 27, 17, 5), 1) == at(2026, 11, 30, 17, 0)


def test_a_note_on_sunday_is_due_monday_at_five():
    assert NL.deadline_after_working_days(at(2026, 11, 29, 11, 0), 1) == at(2026, 11, 30, 17, 0)


def test_working_hours_between_friday_afternoon_and_monday_morning():
    # Friday 16:00–17:00 and Monday 08:30–09:30.
    assert NL.working_hours_between(at(2026, 11, 27, 16, 0), at(2026, 11, 30, 9, 30)) == 2.0


def test_working_hours_between_over_easter():
    start, end = at(2026, 4, 2, 16, 0), at(2026, 4, 7, 9, 0)
    # Thursday 1 h + Good Friday 8.5 h + Tuesday 0.5 h; Easter Monday counts nothing.
    assert NL.working_hours_between(start, end) == 10.0
    assert NL_WITH_GOOD_FRIDAY.working_hours_between(start, end) == 1.5


def test_working_hours_between_over_the_switch_to_summer_time():
    # Summer time starts Sunday 29 March 2026; office hours are untouched.
    assert NL.working_hours_between(at(2026, 3, 27, 16, 0), at(2026, 3, 30, 9, 30)) == 2.0


def test_working_hours_between_is_zero_when_end_is_not_after_start():
    assert NL.working_hours_between(at(2026, 11, 30, 12, 0), at(2026, 11, 30, 10, 0)) == 0.0


@pytest.mark.parametrize(
    "ask",
    [
        lambda moment: NL.effective_day(moment),
        lambda moment: NL.same_day_target(moment),
        lambda moment: NL.deadline_after_working_days(moment, 1),
        lambda moment: is_open(DESK_HOURS, moment, NL),
        lambda moment: next_opening(DESK_HOURS, moment, NL),
    ],
    ids=["effective_day", "same_day_target", "deadline", "is_open", "next_opening"],
)
def test_a_naive_moment_is_refused(ask):
    with pytest.raises(ValueError, match="timezone-aware"):
        ask(datetime(2026, 11, 27, 10, 0))


# -- opening hours -----------------------------------------------------------------------------


def test_desk_is_open_during_office_hours():
    assert is_open(DESK_HOURS, at(2026, 11, 30, 10, 0), NL)


def test_desk_is_closed_before_opening_and_from_closing_time():
    assert not is_open(DESK_HOURS, at(2026, 11, 30, 8, 29), NL)
    assert not is_open(DESK_HOURS, at(2026, 11, 30, 17, 0), NL)


def test_desk_is_closed_on_saturday():
    assert not is_open(DESK_HOURS, at(2026, 11, 28, 10, 0), NL)


def test_desk_is_closed_on_easter_monday():
    assert not is_open(DESK_HOURS, at(2026, 4, 6, 10, 0), NL)


def test_desk_is_closed_on_a_local_closing_day():
    assert not is_open(DESK_HOURS, at(2026, 12, 24, 10, 0), NL_CLOSED_ON_CHRISTMAS_EVE)
    assert is_open(DESK_HOURS, at(2026, 12, 24, 10, 0), NL)


def test_desk_is_open_on_wednesday_evening_but_not_between_the_periods():
    assert is_open(DESK_HOURS, at(2026, 12, 2, 19, 0), NL)
    assert not is_open(DESK_HOURS, at(2026, 12, 2, 17, 30), NL)


def test_partner_closes_on_friday_at_noon():
    assert is_open(PARTNER_HOURS, at(2026, 11, 27, 11, 59), NL)
    assert not is_open(PARTNER_HOURS, at(2026, 11, 27, 12, 0), NL)
    assert is_open(PARTNER_HOURS, at(2026, 11, 26, 15, 0), NL)


def test_next_opening_while_open_is_now():
    now = at(2026, 11, 30, 10, 15)
    assert next_opening(DESK_HOURS, now, NL) == now


def test_next_opening_after_friday_closing_is_monday_morning():
    assert next_opening(DESK_HOURS, at(2026, 11, 27, 17, 5), NL) == at(2026, 11, 30, 8, 30)


def test_next_opening_before_opening_is_the_same_morning():
    assert next_opening(DESK_HOURS, at(2026, 12, 1, 7, 0), NL) == at(2026, 12, 1, 8, 30)


def test_next_opening_between_periods_is_the_evening_period():
    assert next_opening(DESK_HOURS, at(2026, 12, 2, 17, 30), NL) == at(2026, 12, 2, 18, 0)


def test_next_opening_of_partner_on_friday_afternoon_is_monday_morning():
    assert next_opening(PARTNER_HOURS, at(2026, 11, 27, 13, 0), NL) == at(2026, 11, 30, 9, 0)


def test_next_opening_of_partner_after_good_friday_noon_skips_easter_monday():
    assert next_opening(PARTNER_HOURS, at(2026, 4, 3, 12, 30), NL) == at(2026, 4, 7, 9, 0)


def test_next_opening_skips_good_friday_when_it_is_closed():
    thursday_evening = at(2026, 4, 2, 17, 30)
    assert next_opening(DESK_HOURS, thursday_evening, NL) == at(2026, 4, 3, 8, 30)
    assert next_opening(DESK_HOURS, thursday_evening, NL_WITH_GOOD_FRIDAY) == at(2026, 4, 7, 8, 30)


def test_next_opening_skips_a_hand_made_holiday():
    calendar = WorkingCalendar(holidays={date(2026, 11, 30): "Testdag"})
    assert next_opening(DESK_HOURS, at(2026, 11, 27, 17, 5), calendar) == at(2026, 12, 1, 8, 30)


def test_next_opening_without_any_hours_is_none():
    assert next_opening({}, at(2026, 11, 30, 10, 0), NL) is None


def test_counter_with_saturday_hours_is_open_on_an_ordinary_saturday():
    assert is_open(SATURDAY_COUNTER_HOURS, at(2026, 11, 28, 10, 30), NL)


def test_counter_with_saturday_hours_is_closed_on_kings_day_on_a_saturday():
    assert not is_open(SATURDAY_COUNTER_HOURS, at(2025, 4, 26, 10, 30), NL)


def test_next_opening_skips_a_closing_day_on_a_saturday():
    calendar = dutch_working_calendar({date(2026, 11, 28): "Sinterklaasintocht"})
    friday_evening = at(2026, 11, 27, 17, 5)
    assert next_opening(SATURDAY_COUNTER_HOURS, friday_evening, calendar) == at(2026, 11, 30, 8, 30)
