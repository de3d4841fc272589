"""Can a colleague call back by the deadline? Availability facts and the verdict policy (N2).

The facts (presence, out-of-office periods, busy agenda items, working hours) come from an
``AvailabilitySource`` adapter; this module turns them into free time up to the deadline and a
``Verdict``: call back yourself, send the note to the replacement, or send it to the desk, with the
reason in one plain Dutch sentence. Pure and thread-safe: the moment is always passed in.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser

from console.domain.calendar import (
    WorkingCalendar,
    date_text,
    is_open,
    next_opening,
    weekday_date_text,
)
from console.domain.errors import RuleViolation
from console.domain.model import (
    AgendaItem,
    Colleague,
    Desk,
    OpeningHours,
    OutOfOffice,
    Owner,
    OwnerKind,
    Presence,
)
from console.i18n import QT_TRANSLATE_NOOP, Text

# A callback needs at least this much free time in one piece (dialling, talking, a note).
MIN_CALLBACK_SLOT = timedelta(minutes=15)


PRESENCE_WORDS = {
    Presence.AVAILABLE: QT_TRANSLATE_NOOP("availability", "beschikbaar"),
    Presence.BUSY: QT_TRANSLATE_NOOP("availability", "bezet"),
    Presence.IN_CALL: QT_TRANSLATE_NOOP("availability", "in gesprek"),
    Presence.IN_MEETING: QT_TRANSLATE_NOOP("availability", "in overleg"),
    Presence.AWAY: QT_TRANSLATE_NOOP("availability", "afwezig"),
    Presence.OFFLINE: QT_TRANSLATE_NOOP("availability", "offline"),
    Presence.UNKNOWN: QT_TRANSLATE_NOOP("availability", "onbekend"),
}


@dataclass(frozen=True, slots=True)
class Slot:
    """A stretch of free working time."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Availability:
    """What an availability source knows about one colleague around a moment.

    ``busy`` holds agenda items (tentative ones count as free: the colleague can move them);
    ``out_of_office`` every known period, current or scheduled; ``source`` and ``as_of`` say
    where the facts come from and how fresh they are.
    """

    colleague_id: str
    presence: Presence
    working_hours: OpeningHours
    busy: tuple[AgendaItem, ...] = ()
    out_of_office: tuple[OutOfOffice, ...] = ()
    # Which source answered ("Microsoft 365", "agenda (CalDAV)", "demobestand") and when it
    # did (None: just now). The card shows both; the policy never reads them.
    source: str = ""
    as_of: datetime | None = None

    @classmethod
    def of(cls, colleague: Colleague) -> Availability:
        return cls(
            colleague_id=colleague.id,
            presence=colleague.presence,
            working_hours=colleague.working_hours,
            busy=colleague.agenda,
            out_of_office=colleague.out_of_office,
        )

    def absence_at(self, moment: datetime) -> OutOfOffice | None:
        """The out-of-office period active at ``moment``, the one lasting longest if several."""
        active = [o for o in self.out_of_office if o.active_at(moment)]
        return max(active, key=lambda o: o.end) if active else None

    def absence_starting(self, after: datetime, before: datetime) -> OutOfOffice | None:
        """The first out-of-office period that starts after ``after`` and before ``before``."""
        coming = [o for o in self.out_of_office if after < o.start < before]
        return min(coming, key=lambda o: o.start) if coming else None

    def free_slots(
        self, *, start: datetime, end: datetime, calendar: WorkingCalendar
    ) -> tuple[Slot, ...]:
        """Working hours on working days minus busy agenda items minus out-of-office."""
        if end <= start:
            return ()
        blocked = [(a.start, a.end) for a in self.busy if a.status != "tentative" and a.end > start]
        blocked += [(o.start, o.end) for o in self.out_of_office if o.end > start]
        slots: list[Slot] = []
        day = calendar.local(start).date()
        last = calendar.local(end).date()
        while day <= last:
            if calendar.is_working_day(day):
                for open_at, close_at in sorted(self.working_hours.get(day.weekday(), ())):
                    lo = max(datetime.combine(day, open_at, tzinfo=calendar.zone), start)
                    hi = min(datetime.combine(day, close_at, tzinfo=calendar.zone), end)
                    if hi > lo:
                        slots.extend(_subtract(Slot(lo, hi), blocked))
            day += timedelta(days=1)
        return tuple(slots)


def _subtract(slot: Slot, blocked: list[tuple[datetime, datetime]]) -> list[Slot]:
    pieces = [slot]
    for b_start, b_end in sorted(blocked):
        next_pieces = []
        for piece in pieces:
            if b_end <= piece.start or b_start >= piece.end:
                next_pieces.append(piece)
                continue
            if b_start > piece.start:
                next_pieces.append(Slot(piece.start, b_start))
            if b_end < piece.end:
                next_pieces.append(Slot(b_end, piece.end))
        pieces = next_pieces
    return pieces


def first_usable(slots: tuple[Slot, ...], *, minimum: timedelta = MIN_CALLBACK_SLOT) -> Slot | None:
    return next((s for s in slots if s.length >= minimum), None)


class VerdictKind(enum.StrEnum):
    CAN_CALL_BACK = "can_call_back"
    ROUTE_TO_REPLACEMENT = "route_to_replacement"
    ROUTE_TO_DESK = "route_to_desk"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The policy's advice for a proposed note: who should get it, and why (one sentence)."""

    kind: VerdictKind
    target: Owner
    reason: str
    first_free: datetime | None = None
    # The same sentence as data, so the card shows it in the active language (issue 16).
    reason_text: Text | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A colleague with the facts the policy needs."""

    colleague: Colleague
    availability: Availability


def _t(source: str, **params: object) -> Text:
    return Text("availability", source, params)


def day_words(moment: datetime, now: datetime, calendar: WorkingCalendar) -> str:
    """'vandaag', 'morgen' or 'op donderdag 3 december' (local dates)."""
    return day_text(moment, now, calendar).dutch()


def day_text(moment: datetime, now: datetime, calendar: WorkingCalendar) -> Text:
    """:func:`day_words` as translatable data."""
    day = calendar.local(moment).date()
    today = calendar.local(now).date()
    if day == today:
        return _t(QT_TRANSLATE_NOOP("availability", "vandaag"))
    if day == today + timedelta(days=1):
        return _t(QT_TRANSLATE_NOOP("availability", "morgen"))
    return _t(QT_TRANSLATE_NOOP("availability", "op {date}"), date=weekday_date_text(day))


def last_day_of(absence: OutOfOffice, calendar: WorkingCalendar) -> date:
    """The last day of an absence: an end at midnight means the day before ("tot en met")."""
    end = calendar.local(absence.end)
    return end.date() - timedelta(days=1) if end.time() == time(0, 0) else end.date()


def date_words(day: date) -> str:
    return date_text(day).dutch()


def _when(slot: Slot, now: datetime, calendar: WorkingCalendar) -> Text:
    if slot.start <= now:
        return _t(QT_TRANSLATE_NOOP("availability", "vandaag nog"))
    clock = calendar.local(slot.start).strftime("%H:%M")
    if calendar.local(slot.start).date() == calendar.local(now).date():
        return _t(QT_TRANSLATE_NOOP("availability", "vandaag vanaf {clock}"), clock=clock)
    return _t(
        QT_TRANSLATE_NOOP("availability", "{day} vanaf {clock}"),
        day=day_text(slot.start, now, calendar),
        clock=clock,
    )


def _desk_sentence(desk: Desk, *, now: datetime, deadline: datetime, cal: WorkingCalendar) -> Text:
    if is_open(desk.opening_hours, now, cal):
        return _t(
            QT_TRANSLATE_NOOP("availability", "{desk} is nu open en belt terug."), desk=desk.name
        )
    opening = next_opening(desk.opening_hours, now, cal)
    if opening is not None and opening < deadline:
        clock = cal.local(opening).strftime("%H:%M")
        return _t(
            QT_TRANSLATE_NOOP("availability", "{desk} belt terug {day} vanaf {clock}."),
            desk=desk.name,
            day=day_text(opening, now, cal),
            clock=clock,
        )
    return _t(
        QT_TRANSLATE_NOOP("availability", "{desk} belt terug zodra de afdeling open is."),
        desk=desk.name,
    )


def _verdict(
    kind: VerdictKind, target: Owner, reason: Text, first_free: datetime | None = None
) -> Verdict:
    return Verdict(kind, target, reason.dutch(), first_free, reason)


def verdict_for(
    *,
    target: Owner,
    now: datetime,
    deadline: datetime,
    calendar: WorkingCalendar,
    desk: Desk,
    candidate: Candidate | None = None,
    replacement: Candidate | None = None,
) -> Verdict:
    """Advice for a note to ``target`` due at ``deadline`` (N2).

    Args:
        target: the colleague or desk the creator proposes.
        now: when the note is written.
        deadline: N1's deadline for the note.
        calendar: working days and the local zone.
        desk: the proposed desk, or the colleague's own desk (the fallback).
        candidate: the proposed colleague with availability facts (None for a desk).
        replacement: the replacement named in the colleague's out-of-office, when there is one.
    """
    if target.kind is OwnerKind.DESK or candidate is None:
        return _verdict(
            VerdictKind.CAN_CALL_BACK,
            Owner.desk(desk.id),
            _desk_sentence(desk, now=now, deadline=deadline, cal=calendar),
        )
    person = candidate.colleague
    name = person.name
    facts = candidate.availability
    slots = facts.free_slots(start=now, end=deadline, calendar=calendar)
    usable = first_usable(slots)
    absent = facts.absence_at(now)
    coming = facts.absence_starting(now, deadline)
    if usable is not None:
        when = _when(usable, now, calendar)
        if facts.presence is Presence.UNKNOWN:
            reason = _t(
                QT_TRANSLATE_NOOP(
                    "availability",
                    "Van {name} is niet bekend of die er nu is; volgens de agenda kan "
                    "{name} {when} terugbellen.",
                ),
                name=name,
                when=when,
            )
        elif coming is not None:
            reason = _t(
                QT_TRANSLATE_NOOP(
                    "availability", "{name} is afwezig vanaf {date}, maar kan {when} terugbellen."
                ),
                name=name,
                date=date_text(calendar.local(coming.start).date()),
                when=when,
            )
        elif usable.start <= now and facts.presence is Presence.AVAILABLE:
            reason = _t(
                QT_TRANSLATE_NOOP(
                    "availability", "{name} is beschikbaar en kan vandaag nog terugbellen."
                ),
                name=name,
            )
        else:
            reason = _t(
                QT_TRANSLATE_NOOP(
                    "availability", "{name} is nu {presence}, maar kan {when} terugbellen."
                ),
                name=name,
                presence=_t(PRESENCE_WORDS[facts.presence]),
                when=when,
            )
        return _verdict(VerdictKind.CAN_CALL_BACK, target, reason, usable.start)

    # The colleague cannot make it: say why, then who can.
    absence = absent or coming
    if absence is not None:
        last = date_text(last_day_of(absence, calendar))
        if absent is not None:
            why = _t(
                QT_TRANSLATE_NOOP("availability", "{name} is afwezig tot en met {last}."),
                name=name,
                last=last,
            )
        else:
            why = _t(
                QT_TRANSLATE_NOOP(
                    "availability", "{name} is afwezig van {start} tot en met {last}."
                ),
                name=name,
                start=date_text(calendar.local(absence.start).date()),
                last=last,
            )
    else:
        why = _t(
            QT_TRANSLATE_NOOP(
                "availability",
                "{name} heeft tot de uiterste terugbeltijd geen tijd vrij in de agenda.",
            ),
            name=name,
        )
    replacement_id = absence.replacement_id if absence is not None else None
    if replacement is not None and replacement_id == replacement.colleague.id:
        spare = first_usable(
            replacement.availability.free_slots(start=now, end=deadline, calendar=calendar)
        )
        if spare is not None:
            return _verdict(
                VerdictKind.ROUTE_TO_REPLACEMENT,
                Owner.colleague(replacement.colleague.id),
                _t(
                    QT_TRANSLATE_NOOP(
                        "availability", "{why} Vervanger {replacement} kan {when} terugbellen."
                    ),
                    why=why,
                    replacement=replacement.colleague.name,
                    when=_when(spare, now, calendar),
                ),
                spare.start,
            )
        why = _t(
            QT_TRANSLATE_NOOP(
                "availability", "{why} Vervanger {replacement} kan ook niet op tijd terugbellen."
            ),
            why=why,
            replacement=replacement.colleague.name,
        )
    elif absence is not None and replacement_id is None:
        why = _t(QT_TRANSLATE_NOOP("availability", "{why} Er is geen vervanger genoemd."), why=why)
    return _verdict(
        VerdictKind.ROUTE_TO_DESK,
        Owner.desk(desk.id),
        _t(
            QT_TRANSLATE_NOOP("availability", "{why} Stuur de notitie naar {desk}."),
            why=why,
            desk=desk.name,
        ),
    )


@dataclass(frozen=True, slots=True)
class Routing:
    """Who gets the note, and the reason when that goes against the advice."""

    target: Owner
    followed_advice: bool
    override_reason: str = ""


def decide(verdict: Verdict | None, chosen: Owner, override_reason: str = "") -> Routing:
    """Accept ``chosen`` as the note's assignee (N2).

    Following the verdict needs nothing more. Going against it, or saving without a verdict (the
    availability check failed), needs a reason in words.

    Raises:
        RuleViolation: rule "N2" when an override has no reason.
    """
    if verdict is not None and verdict.target == chosen:
        return Routing(chosen, followed_advice=True)
    reason = override_reason.strip()
    if not reason:
        if verdict is None:
            message = QT_TRANSLATE_NOOP(
                "errors",
                "De agenda kon niet worden gecontroleerd. Schrijf waarom u de notitie toch "
                "voor deze collega opslaat.",
            )
        else:
            message = QT_TRANSLATE_NOOP("errors", "U wijkt af van het advies. Schrijf waarom.")
        raise RuleViolation("N2", message)
    return Routing(chosen, followed_advice=False, override_reason=reason)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in ("p", "div", "li"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(message: str, *, limit: int = 600) -> str:
    """An out-of-office message as plain text: tags, scripts and control characters removed.

    Graph returns automatic replies as HTML; the card shows only their words, never remote
    content, so nothing in the message can fetch or run anything.
    """
    parser = _TextOnly()
    parser.feed(message)
    parser.close()
    text = _CONTROL.sub("", "".join(parser.parts))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= limit else text[: limit - 1] + "…"
