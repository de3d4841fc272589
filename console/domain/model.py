"""Entities and value objects of the contact centre (names from GLOSSARY.md).

Everything is an immutable dataclass; a change produces a new value (``dataclasses.replace``).
Safe to share between threads.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, time

from console.domain.errors import RuleViolation
from console.i18n import QT_TRANSLATE_NOOP, Text


class Channel(enum.StrEnum):
    """The way a resident reached us (N12: the resident chooses)."""

    PHONE = "phone"
    CHAT = "chat"
    MAIL = "mail"
    POST = "post"
    COUNTER = "counter"
    SOCIAL = "social"
    CALL_ME = "call_me"
    CALLBACK_NOTE = "callback_note"


class Direction(enum.StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Status(enum.StrEnum):
    """Where an interaction is in its life; see ``ALLOWED_TRANSITIONS``."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    TRANSFERRED = "transferred"
    CALLBACK_REQUESTED = "callback_requested"
    DONE = "done"


OPEN_STATUSES = frozenset(s for s in Status if s is not Status.DONE)

ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.DONE}),
    Status.IN_PROGRESS: frozenset(
        {Status.NEW, Status.WAITING, Status.TRANSFERRED, Status.CALLBACK_REQUESTED, Status.DONE}
    ),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.NEW, Status.DONE}),
    Status.TRANSFERRED: frozenset({Status.IN_PROGRESS, Status.NEW, Status.DONE}),
    Status.CALLBACK_REQUESTED: frozenset({Status.IN_PROGRESS, Status.NEW, Status.DONE}),
    Status.DONE: frozenset(),
}


class Outcome(enum.StrEnum):
    """How a contact ended (afhandeling)."""

    ANSWERED = "answered"
    CALLBACK_NOTE_MADE = "callback_note_made"
    TRANSFERRED = "transferred"
    REFERRED_TO_PARTNER = "referred_to_partner"
    NO_ANSWER_NEEDED = "no_answer_needed"


class QuestionKind(enum.StrEnum):
    GENERAL = "general"
    COMPLAINT = "complaint"


class Role(enum.StrEnum):
    AGENT = "agent"
    BACK_OFFICE = "back_office"
    SUPERVISOR = "supervisor"


class DeskKind(enum.StrEnum):
    GENERAL = "general"
    DOMAIN = "domain"
    BACK_OFFICE = "back_office"


class Presence(enum.StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    IN_CALL = "in_call"
    IN_MEETING = "in_meeting"
    AWAY = "away"
    OFFLINE = "offline"
    UNKNOWN = "unknown"


class OwnerKind(enum.StrEnum):
    COLLEAGUE = "colleague"
    DESK = "desk"


@dataclass(frozen=True, slots=True)
class Owner:
    """The one owner of a question now (N4): a colleague or a whole desk, never nobody."""

    kind: OwnerKind
    id: str

    @classmethod
    def desk(cls, desk_id: str) -> Owner:
        return cls(OwnerKind.DESK, desk_id)

    @classmethod
    def colleague(cls, colleague_id: str) -> Owner:
        return cls(OwnerKind.COLLEAGUE, colleague_id)

    def __post_init__(self) -> None:
        if not self.id or not self.id.strip():
            raise RuleViolation(
                "N4", QT_TRANSLATE_NOOP("errors", "Een vraag heeft altijd precies één eigenaar.")
            )


# Opening hours: weekday (0 = Monday) -> list of (open, close) periods.
OpeningHours = dict[int, tuple[tuple[time, time], ...]]


@dataclass(frozen=True, slots=True)
class Resident:
    id: str
    name: str
    phone: str | None = None
    phone2: str | None = None
    email: str | None = None
    village: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Desk:
    id: str
    name: str
    kind: DeskKind
    phone: str | None = None
    mailbox: str | None = None
    topics: tuple[str, ...] = ()
    opening_hours: OpeningHours = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AgendaItem:
    start: datetime
    end: datetime
    title: str
    status: str = "busy"  # busy | tentative


@dataclass(frozen=True, slots=True)
class OutOfOffice:
    start: datetime
    end: datetime
    message: str
    replacement_id: str | None = None

    def active_at(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class Colleague:
    id: str
    name: str
    role: Role
    desk_id: str
    extension: str | None = None
    phone: str | None = None
    email: str | None = None
    working_hours: OpeningHours = field(default_factory=dict)
    agenda: tuple[AgendaItem, ...] = ()
    out_of_office: tuple[OutOfOffice, ...] = ()
    presence: Presence = Presence.UNKNOWN
    # The standing replacement (organisation file); an out-of-office may name another.
    replacement_id: str | None = None


@dataclass(frozen=True, slots=True)
class PartnerOrganisation:
    id: str
    name: str
    kind: str
    phone: str | None = None
    email: str | None = None
    topics: tuple[str, ...] = ()
    opening_hours: OpeningHours = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One recorded transition: who moved the interaction from what to what, and when."""

    at: datetime
    by: str
    old: Status | None
    new: Status


class TimelineKind(enum.StrEnum):
    RECEIVED = "received"
    TAKEN = "taken"
    HANDED_BACK = "handed_back"
    NOTE = "note"
    STATUS = "status"
    CLOSED = "closed"
    TRANSFERRED = "transferred"
    CALLBACK_ATTEMPT = "callback_attempt"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of an interaction's history.

    ``message`` is the sentence as data (a marked Dutch template and its parameters) so the UI
    can show it in the chosen language; ``text`` is always its Dutch rendering (search, logs,
    older readers of the store). Free text a person typed (a note, a reason) has no template:
    ``message`` stays ``None`` and ``text`` is shown as typed, never translated. ``message``
    does not take part in equality: two entries with the same Dutch text are the same entry.
    """

    interaction_id: str
    at: datetime
    actor: str
    kind: TimelineKind
    text: str = ""
    message: Text | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.message is not None and not self.text:
            object.__setattr__(self, "text", self.message.dutch())

    @property
    def sentence(self) -> Text:
        """What to show: the sentence as data, or the stored text verbatim (typed, or old)."""
        if self.message is not None:
            return self.message
        return Text("Timeline", "{text}", {"text": self.text})

    @classmethod
    def said(
        cls, interaction_id: str, at: datetime, actor: str, kind: TimelineKind, message: Text
    ) -> TimelineEntry:
        """An entry whose sentence is a template (``text`` becomes its Dutch rendering)."""
        return cls(interaction_id, at, actor, kind, message.dutch(), message)


@dataclass(frozen=True, slots=True)
class Interaction:
    """One contact of a resident through one channel (klantcontact).

    ``priority`` 0 is live (someone is waiting on the line or in the chat), 1 a promise with a
    deadline, 2 the rest; the inbox sorts by priority, then deadline, then waiting time.
    """

    id: str
    channel: Channel
    direction: Direction
    subject: str
    question: str
    received_at: datetime
    owner: Owner
    desk_id: str
    status: Status = Status.NEW
    resident_id: str | None = None
    resident_name: str | None = None
    question_kind: QuestionKind = QuestionKind.GENERAL
    priority: int = 1
    deadline: datetime | None = None
    outcome: Outcome | None = None
    transfers: int = 0
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    created_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status is not Status.DONE
