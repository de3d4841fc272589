"""Priority and deadline of a new interaction per channel (N1, N8–N11)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from console.domain.deadlines import Urgency, urgency_for
from console.domain.model import Channel, QuestionKind
from integrations.calendar_nl import dutch_working_calendar

AMS = ZoneInfo("Europe/Amsterdam")

NL = dutch_working_calendar()
NL_CLOSED_ON_CHRISTMAS_EVE = dutch_working_calendar({date(2026, 12, 24): "Kerstavond"})
OFFICE = ((time(8, 30), time(17, 0)),)
DESK_HOURS = {d: OFFICE for d in range(5)}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    return datetime(year, month, day, hour, minute, second, tzinfo=AMS)


def urgency(channel: Channel, received_at: datetime, calendar=NL, **kwargs) -> Urgency:
    return urgency_for(
        channel=channel,
        received_at=received_at,
        calendar=calendar,
        desk_hours=DESK_HOURS,
        **kwargs,
    )


MONDAY_TEN = at(2026, 11, 30, 10, 0)


# -- live contacts during opening hours --------------------------------------------------------


def test_phone_during_opening_hours_is_live_and_late_after_30_seconds():
    assert urgency(Channel.PHONE, MONDAY_TEN) == Urgency(0, at(2026, 11, 30, 10, 0, 30), "N11")


def test_chat_during_opening_hours_is_live_and_late_after_one_minute():
    assert urgency(Channel.CHAT, MONDAY_TEN) == Urgency(0, at(2026, 11, 30, 10, 1), "N11")


def test_counter_during_opening_hours_is_live_and_late_after_five_minutes():
    assert urgency(Channel.COUNTER, MONDAY_TEN) == Urgency(0, at(2026, 11, 30, 10, 5), "N11")


def test_call_me_during_opening_hours_is_live_and_late_after_fifteen_minutes():
    assert urgency(Channel.CALL_ME, MONDAY_TEN) == Urgency(0, at(2026, 11, 30, 10, 15), "N11")


# -- chat and call me outside opening hours (N11) ----------------------------------------------


@pytest.mark.parametrize("channel", [Channel.CHAT, Channel.CALL_ME])
def test_friday_evening_request_is_promised_for_monday_at_five(channel):
    assert urgency(channel, at(2026, 11, 27, 20, 0)) == Urgency(1, at(2026, 11, 30, 17, 0), "N11")


@pytest.mark.parametrize("channel", [Channel.CHAT, Channel.CALL_ME])
def test_early_tuesday_request_is_promised_for_the_same_tuesday_at_five(channel):
    assert urgency(channel, at(2026, 12, 1, 7, 0)) == Urgency(1, at(2026, 12, 1, 17, 0), "N11")


def test_chat_on_easter_monday_is_promised_for_tuesday_at_five():
    assert urgency(Channel.CHAT, at(2026, 4, 6, 10, 0)) == Urgency(1, at(2026, 4, 7, 17, 0), "N11")


def test_chat_at_closing_time_is_promised_for_the_next_working_day():
    assert urgency(Channel.CHAT, at(2026, 12, 1, 17, 0)) == Urgency(
        1, at(2026, 12, 2, 17, 0), "N11"
    )


# -- written channels and callback notes -------------------------------------------------------


def test_callback_note_is_due_at_the_end_of_the_next_working_day():
    assert urgency(Channel.CALLBACK_NOTE, MONDAY_TEN) == Urgency(1, at(2026, 12, 1, 17, 0), "N1")


@pytest.mark.parametrize("minute", [(16, 55), (17, 5)], ids=["16:55", "17:05"])
def test_friday_callback_note_around_closing_time_is_due_monday_at_five(minute):
    made = at(2026, 11, 27, *minute)
    assert urgency(Channel.CALLBACK_NOTE, made) == Urgency(1, at(2026, 11, 30, 17, 0), "N1")


def test_post_is_acknowledged_by_the_end_of_the_next_working_day():
    assert urgency(Channel.POST, MONDAY_TEN) == Urgency(1, at(2026, 12, 1, 17, 0), "N10")


def test_post_received_the_day_before_ascension_is_due_friday():
    assert urgency(Channel.POST, at(2026, 5, 13, 9, 0)) == Urgency(1, at(2026, 5, 15, 17, 0), "N10")


@pytest.mark.parametrize("channel", [Channel.MAIL, Channel.SOCIAL])
def test_mail_and_social_are_acknowledged_by_the_end_of_the_next_working_day(channel):
    assert urgency(channel, MONDAY_TEN) == Urgency(1, at(2026, 12, 1, 17, 0), "N9")


def test_mail_on_the_friday_before_kings_day_is_due_tuesday():
    assert urgency(Channel.MAIL, at(2026, 4, 24, 11, 0)) == Urgency(1, at(2026, 4, 28, 17, 0), "N9")


# -- complaints (N8) ---------------------------------------------------------------------------


WRITTEN = [
    c for c in Channel if c not in (Channel.PHONE, Channel.CHAT, Channel.COUNTER, Channel.CALL_ME)
]


@pytest.mark.parametrize("channel", WRITTEN)
def test_written_complaint_gets_personal_contact_within_five_working_days(channel):
    # Monday 30 Nov 2026 + 5 working days: 1, 2, 3, 4, 7 December.
    result = urgency(channel, MONDAY_TEN, question_kind=QuestionKind.COMPLAINT)
    assert (result.rule, result.deadline) == ("N8", at(2026, 12, 7, 17, 0))


@pytest.mark.parametrize("channel", [Channel.PHONE, Channel.CHAT, Channel.COUNTER])
def test_live_complaint_keeps_right_of_way(channel):
    # The resident is on the line now: the contact is personal already, so it stays on top.
    result = urgency(channel, MONDAY_TEN, question_kind=QuestionKind.COMPLAINT)
    assert result.priority == 0


def test_complaint_by_mail_is_a_promise():
    result = urgency(Channel.MAIL, MONDAY_TEN, question_kind=QuestionKind.COMPLAINT)
    assert result == Urgency(1, at(2026, 12, 7, 17, 0), "N8")


def test_complaint_before_christmas_counts_christmas_eve_when_it_is_a_working_day():
    # Wednesday 23 Dec 2026: 24, 28, 29, 30, 31 December (25 Christmas, 26–27 weekend).
    made = at(2026, 12, 23, 10, 0)
    result = urgency(Channel.MAIL, made, question_kind=QuestionKind.COMPLAINT)
    assert result.deadline == at(2026, 12, 31, 17, 0)


def test_complaint_before_christmas_with_christmas_eve_closed_is_due_4_january():
    # Wednesday 23 Dec 2026: 28, 29, 30, 31 December, 4 January (1 Jan New Year, 2–3 weekend).
    made = at(2026, 12, 23, 10, 0)
    result = urgency(
        Channel.MAIL,
        made,
        calendar=NL_CLOSED_ON_CHRISTMAS_EVE,
        question_kind=QuestionKind.COMPLAINT,
    )
    assert result.deadline == at(2027, 1, 4, 17, 0)
