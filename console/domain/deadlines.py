"""Deadlines and priority of a new interaction, per channel (N1, N8–N11).

The inbox sorts by priority, then deadline, then waiting time, so these numbers decide what an
agent sees on top: live contacts first ("the resident always has right of way"), then promises
by their deadline. Pure functions; the moment is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from console.domain.calendar import WorkingCalendar, is_open
from console.domain.model import Channel, OpeningHours, QuestionKind

PRIORITY_LIVE = 0
PRIORITY_PROMISE = 1

# How long a live contact may wait before it counts as late (answer the phone, reply in chat).
LIVE_TARGETS = {
    Channel.PHONE: timedelta(seconds=30),
    Channel.CHAT: timedelta(minutes=1),
    Channel.COUNTER: timedelta(minutes=5),
}

CALLBACK_WORKING_DAYS = 1  # N1
COMPLAINT_WORKING_DAYS = 5  # N8
ACKNOWLEDGEMENT_WORKING_DAYS = 1  # N9, N10


@dataclass(frozen=True, slots=True)
class Urgency:
    priority: int
    deadline: datetime
    rule: str  # the norm that sets the deadline, e.g. "N1"


def urgency_for(
    *,
    channel: Channel,
    received_at: datetime,
    calendar: WorkingCalendar,
    desk_hours: OpeningHours,
    question_kind: QuestionKind = QuestionKind.GENERAL,
) -> Urgency:
    """The priority and deadline of a new interaction."""
    if channel in (Channel.CHAT, Channel.CALL_ME) and not is_open(
        desk_hours, received_at, calendar
    ):
        # Outside opening hours the resident is promised a call on the next working day
        # (or later today, when the request comes in before opening on a working day).
        return Urgency(PRIORITY_PROMISE, calendar.same_day_target(received_at), "N11")
    if channel in LIVE_TARGETS:
        # A resident on the line comes first, complaint or not: the contact is personal now.
        return Urgency(PRIORITY_LIVE, received_at + LIVE_TARGETS[channel], "N11")
    if channel is Channel.CALL_ME:
        return Urgency(PRIORITY_LIVE, received_at + timedelta(minutes=15), "N11")
    if question_kind is QuestionKind.COMPLAINT:
        return Urgency(
            PRIORITY_PROMISE,
            calendar.deadline_after_working_days(received_at, COMPLAINT_WORKING_DAYS),
            "N8",
        )
    if channel is Channel.CALLBACK_NOTE:
        return Urgency(
            PRIORITY_PROMISE,
            calendar.deadline_after_working_days(received_at, CALLBACK_WORKING_DAYS),
            "N1",
        )
    if channel is Channel.POST:
        return Urgency(
            PRIORITY_PROMISE,
            calendar.deadline_after_working_days(received_at, ACKNOWLEDGEMENT_WORKING_DAYS),
            "N10",
        )
    # Mail and social media: an acknowledgement with a contact person within one working day.
    return Urgency(
        PRIORITY_PROMISE,
        calendar.deadline_after_working_days(received_at, ACKNOWLEDGEMENT_WORKING_DAYS),
        "N9",
    )
