"""A simulated working day for the supervisor's figures, with every value worked out by hand.

"Now" is Tuesday 29 December 2026, 15:15 in Amsterdam. Christmas (Friday 25 December) and the
weekend lie in the period, so a callback note crosses a weekend (Fri 18 → Mon 21) and a
complaint crosses the holiday (5 working days from Mon 21 end on Tue 29, not Mon 28).
"""

from __future__ import annotations

from datetime import date, datetime, time

from console.domain import lifecycle
from console.domain.calendar import WorkingCalendar
from console.domain.deadlines import urgency_for
from console.domain.model import (
    Channel,
    Colleague,
    Desk,
    DeskKind,
    Direction,
    Interaction,
    Outcome,
    Owner,
    Presence,
    QuestionKind,
    Role,
)
from console.domain.organisation import Organisation
from console.domain.supervision import Period
from integrations.calendar_nl import DutchHolidays
from tests.conftest import AMS

NOW = datetime(2026, 12, 29, 15, 15, tzinfo=AMS)
PERIOD = Period(date(2026, 12, 14), date(2026, 12, 29))
WEEKDAY_HOURS = {d: ((time(8, 30), time(17, 0)),) for d in range(5)}

CALENDAR = WorkingCalendar(holidays=DutchHolidays())
ORGANISATION = Organisation(
    "Testgemeente",
    desks=(
        Desk("kcc", "Algemeen KCC", DeskKind.GENERAL, opening_hours=WEEKDAY_HOURS),
        Desk("bo", "Backoffice", DeskKind.BACK_OFFICE, opening_hours=WEEKDAY_HOURS),
    ),
    colleagues=(
        Colleague("a1", "Anna", Role.AGENT, "kcc", presence=Presence.AVAILABLE),
        Colleague("a2", "Bert", Role.AGENT, "kcc", presence=Presence.IN_CALL),
        Colleague("a3", "Cor", Role.AGENT, "kcc", presence=Presence.BUSY),  # wrap-up
        Colleague("a4", "Dina", Role.BACK_OFFICE, "bo", presence=Presence.AWAY),
        Colleague("a5", "Eef", Role.BACK_OFFICE, "bo", presence=Presence.IN_MEETING),  # away
        Colleague("a6", "Fien", Role.BACK_OFFICE, "bo", presence=Presence.OFFLINE),  # not counted
        Colleague("s1", "Sara", Role.SUPERVISOR, "kcc", presence=Presence.AVAILABLE),  # watches
    ),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=AMS)


def _new(
    item_id: str,
    channel: Channel,
    received: datetime,
    desk: str,
    *,
    complaint: bool = False,
    transfers: int = 0,
) -> Interaction:
    kind = QuestionKind.COMPLAINT if complaint else QuestionKind.GENERAL
    urgency = urgency_for(
        channel=channel,
        received_at=received,
        calendar=CALENDAR,
        desk_hours=WEEKDAY_HOURS,
        question_kind=kind,
    )
    return Interaction(
        id=item_id,
        channel=channel,
        direction=Direction.INBOUND,
        subject=item_id,
        question="",
        received_at=received,
        owner=Owner.desk(desk),
        desk_id=desk,
        question_kind=kind,
        priority=urgency.priority,
        deadline=urgency.deadline,
        transfers=transfers,
        updated_at=received,
        created_by="test",
    )


def _history(
    item: Interaction,
    *,
    taken: tuple[str, datetime] | None = None,
    closed: tuple[str, datetime] | None = None,
) -> lifecycle.Change:
    change = lifecycle.received(item)
    current, statuses, entries = change.interaction, change.status_changes, change.timeline
    if taken:
        step = lifecycle.take(current, colleague_id=taken[0], at=taken[1])
        current = step.interaction
        statuses, entries = statuses + step.status_changes, entries + step.timeline
    if closed:
        step = lifecycle.close(
            current, colleague_id=closed[0], outcome=Outcome.ANSWERED, at=closed[1]
        )
        current = step.interaction
        statuses, entries = statuses + step.status_changes, entries + step.timeline
    return lifecycle.Change(current, statuses, entries)


def histories() -> list[lifecycle.Change]:
    """The 15 items of the scenario (numbers match the comments in the test)."""
    n = _new
    return [
        # 1 note crossing a weekend: Fri 18 16:00 → due Mon 21 17:00, closed Mon 16:00 (N1 met).
        _history(
            n("note-weekend", Channel.CALLBACK_NOTE, at(18, 16), "kcc"), closed=("a1", at(21, 16))
        ),
        # 2 note due Thu 24 17:00, closed Mon 28 9:00 (N1 broken).
        _history(n("note-late", Channel.CALLBACK_NOTE, at(23, 10), "bo"), closed=("a4", at(28, 9))),
        # 3 note Thu 24 → due Mon 28 17:00 (Christmas + weekend), still open: overdue.
        _history(n("note-overdue", Channel.CALLBACK_NOTE, at(24, 11), "bo")),
        # 4 note Mon 28 → due today 17:00, open, with the desk: due today, at risk, waiting.
        _history(n("note-at-risk", Channel.CALLBACK_NOTE, at(28, 11), "kcc")),
        # 5 note today 9:00 → due Wed 30 17:00, taken 9:30: pending, not waiting.
        _history(
            n("note-tomorrow", Channel.CALLBACK_NOTE, at(29, 9), "kcc"), taken=("a1", at(29, 9, 30))
        ),
        # 6 complaint by mail Mon 21: N8 due Tue 29 17:00 thanks to Christmas; first handled
        #   today 10:00 (N8 met); N9 was due Tue 22 (broken).
        _history(
            n("complaint-holiday", Channel.MAIL, at(21, 10), "bo", complaint=True),
            taken=("a4", at(29, 10)),
        ),
        # 7 complaint by phone Mon 14 → N8 due Mon 21 17:00, closed Tue 22 9:00 (broken).
        _history(
            n("complaint-late", Channel.PHONE, at(14, 10), "kcc", complaint=True),
            closed=("a2", at(22, 9)),
        ),
        # 8 mail today 8:00, closed 11:00 (N9 met; handled today, 3 h).
        _history(n("mail-ok", Channel.MAIL, at(29, 8), "kcc"), closed=("a1", at(29, 11))),
        # 9 post Mon 28 12:00 → N10 due today 17:00, untouched: pending and at risk, waiting.
        _history(n("post-open", Channel.POST, at(28, 12), "bo")),
        # 10 chat Mon 20:00 (closed desk) → N11 due today 17:00; handled 9:00–9:10 (met).
        _history(
            n("chat-ooh", Channel.CHAT, at(28, 20), "kcc"),
            taken=("a2", at(29, 9)),
            closed=("a2", at(29, 9, 10)),
        ),
        # 11 bel-me Saturday 26 11:00 → N11 due Mon 28 17:00, handled today 9:30 (broken).
        _history(n("callme-ooh", Channel.CALL_ME, at(26, 11), "kcc"), closed=("a3", at(29, 9, 30))),
        # 12 phone call waiting since 15:10.
        _history(n("phone-live", Channel.PHONE, at(29, 15, 10), "kcc")),
        # 13 phone today 10:00, transferred twice, closed 10:05 (score 6).
        _history(
            n("phone-2x", Channel.PHONE, at(29, 10), "kcc", transfers=2),
            closed=("a2", at(29, 10, 5)),
        ),
        # 14 counter today 11:00, one transfer, closed 11:20 (score 10).
        _history(
            n("counter-1x", Channel.COUNTER, at(29, 11), "kcc", transfers=1),
            closed=("a1", at(29, 11, 20)),
        ),
        # 15 before the period (1 Dec): counts nowhere in the period (score 2).
        _history(n("old-mail", Channel.MAIL, at(1, 10), "kcc"), closed=("a1", at(1, 12))),
    ]


SCORES = {"phone-2x": 6, "counter-1x": 10, "mail-ok": 9, "old-mail": 2}
