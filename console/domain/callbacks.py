"""Callback notes (terugbelnotities): the draft a creator types, the note, its attempts (N1–N3).

A note is also an ``Interaction`` with channel ``CALLBACK_NOTE`` (so it sits in the unified inbox
with its owner = assignee, N4, and its N1 deadline); this module holds what only a note has:
callback numbers, best time, creator, attempts and the creator's follow-up (N3). Pure values and
checks; phone numbers arrive already normalised to E.164 by an adapter. Thread-safe.
"""

from __future__ import annotations

import enum
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from console.domain.errors import InvalidTransition
from console.domain.lifecycle import NOTE_MAX_LENGTH, Change
from console.domain.model import Interaction, Owner, OwnerKind, TimelineEntry, TimelineKind
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text

SUMMARY_MAX_LENGTH = NOTE_MAX_LENGTH  # the Klantinteracties API's limit
NAME_MAX_LENGTH = 200

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AttemptOutcome(enum.StrEnum):
    REACHED = "bereikt"
    NOT_REACHED = "niet_bereikt"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "verkeerd_nummer"


ATTEMPT_WORDS = {
    AttemptOutcome.REACHED: "Bereikt",
    AttemptOutcome.NOT_REACHED: "Niet bereikt",
    AttemptOutcome.VOICEMAIL: "Voicemail ingesproken",
    AttemptOutcome.WRONG_NUMBER: "Verkeerd nummer",
}


class NoteStatus(enum.StrEnum):
    """Stored status. "Overdue" is not stored: it is an open note past its deadline."""

    OPEN = "open"
    DONE = "done"


class FollowUp(enum.StrEnum):
    """The creator's answer to the N3 prompt."""

    NONE = "none"  # not asked yet (or deadline not passed)
    CONFIRMED = "confirmed"  # the creator checked: the resident was called back
    ESCALATED = "escalated"  # the creator sent the note to the desk
    SELF = "self"  # the creator calls the resident themselves (owns it now)


@dataclass(frozen=True, slots=True)
class Attempt:
    at: datetime
    by: str
    outcome: AttemptOutcome
    remark: str = ""


@dataclass(frozen=True, slots=True)
class CallbackDraft:
    """What the creator typed, exactly as typed (saved as a draft; validated on save)."""

    resident_name: str = ""
    phone: str = ""
    phone2: str = ""
    email: str = ""
    summary: str = ""
    best_time: str = ""
    target_kind: str = ""  # "colleague" | "desk" | ""
    target_id: str = ""
    override_reason: str = ""
    resident_id: str | None = None
    source_interaction_id: str | None = None

    @property
    def target(self) -> Owner | None:
        if not self.target_id or self.target_kind not in ("colleague", "desk"):
            return None
        return Owner(OwnerKind(self.target_kind), self.target_id)

    @property
    def is_empty(self) -> bool:
        typed = (
            self.resident_name,
            self.phone,
            self.phone2,
            self.email,
            self.summary,
            self.best_time,
            self.override_reason,
        )
        return not any(t.strip() for t in typed) and not self.target_id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> CallbackDraft:
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def check_draft_text(draft: CallbackDraft) -> dict[str, str]:
    """Field-level Dutch messages for what can be checked without adapters (empty: all fine).

    Phone numbers are checked by the phone adapter; the target by the organisation.
    """
    errors: dict[str, str] = {}
    name = draft.resident_name.strip()
    if not name:
        errors["resident_name"] = QT_TRANSLATE_NOOP("errors", "Vul de naam van de inwoner in.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["resident_name"] = Sentence.of(
            Text(
                "errors",
                QT_TRANSLATE_NOOP("errors", "Een naam is maximaal {limit} tekens."),
                {"limit": NAME_MAX_LENGTH},
            )
        )
    summary = draft.summary.strip()
    if not summary:
        errors["summary"] = QT_TRANSLATE_NOOP("errors", "Schrijf kort op wat de vraag is.")
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = Sentence.of(
            Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors", "De vraag is maximaal {limit} tekens (nu {length}). Maak hem korter."
                ),
                {"limit": SUMMARY_MAX_LENGTH, "length": len(summary)},
            )
        )
    if not draft.phone.strip():
        errors["phone"] = QT_TRANSLATE_NOOP(
            "errors", "Vul een telefoonnummer in om terug te bellen."
        )
    email = draft.email.strip()
    if email and not _EMAIL.match(email):
        errors["email"] = QT_TRANSLATE_NOOP(
            "errors", "Dit e-mailadres klopt niet. Voorbeeld: naam@voorbeeld.nl"
        )
    if draft.target is None:
        errors["target"] = QT_TRANSLATE_NOOP(
            "errors", "Kies wie terugbelt: een collega of een afdeling."
        )
    return errors


@dataclass(frozen=True, slots=True)
class CallbackNote:
    """A callback note with its interaction's key facts (id is the interaction's id)."""

    id: str
    resident_name: str
    phones: tuple[str, ...]
    summary: str
    assignee: Owner
    desk_id: str
    creator: str
    created: datetime
    deadline: datetime
    status: NoteStatus = NoteStatus.OPEN
    email: str = ""
    best_time: str = ""
    resident_id: str | None = None
    source_interaction_id: str | None = None
    advice: str = ""
    override_reason: str = ""
    attempts: tuple[Attempt, ...] = field(default=())
    follow_up: FollowUp = FollowUp.NONE
    closed_at: datetime | None = None
    outcome_text: str = ""

    @property
    def is_open(self) -> bool:
        return self.status is NoteStatus.OPEN

    def is_overdue(self, now: datetime) -> bool:
        return self.is_open and self.deadline < now

    def needs_follow_up(self, now: datetime) -> bool:
        """N3: the deadline passed with the note still open and the creator was not heard."""
        return self.is_overdue(now) and self.follow_up is FollowUp.NONE

    @property
    def attempt_count(self) -> int:
        return len(self.attempts)


# The timeline line of an attempt, without and with the caller's typed remark.
_ATTEMPT_LINES = {
    AttemptOutcome.REACHED: (
        QT_TRANSLATE_NOOP("Timeline", "Bereikt"),
        QT_TRANSLATE_NOOP("Timeline", "Bereikt: {remark}"),
    ),
    AttemptOutcome.NOT_REACHED: (
        QT_TRANSLATE_NOOP("Timeline", "Niet bereikt"),
        QT_TRANSLATE_NOOP("Timeline", "Niet bereikt: {remark}"),
    ),
    AttemptOutcome.VOICEMAIL: (
        QT_TRANSLATE_NOOP("Timeline", "Voicemail ingesproken"),
        QT_TRANSLATE_NOOP("Timeline", "Voicemail ingesproken: {remark}"),
    ),
    AttemptOutcome.WRONG_NUMBER: (
        QT_TRANSLATE_NOOP("Timeline", "Verkeerd nummer"),
        QT_TRANSLATE_NOOP("Timeline", "Verkeerd nummer: {remark}"),
    ),
}


def attempt_line(attempt: Attempt) -> Text:
    """The attempt as a timeline sentence (data; the remark is typed text, a parameter)."""
    plain, with_remark = _ATTEMPT_LINES[attempt.outcome]
    if attempt.remark:
        return Text("Timeline", with_remark, {"remark": attempt.remark})
    return Text("Timeline", plain)


def attempt_text(attempt: Attempt) -> str:
    return attempt_line(attempt).dutch()


def follow_up_question(resident_name: str) -> str:
    """The N3 prompt: 'Is mevrouw De Vries al teruggebeld?'."""
    return f"Is {resident_name.strip() or 'de inwoner'} al teruggebeld?"


def _entry(
    item: Interaction, at: datetime, by: str, kind: TimelineKind, text: str | Text
) -> TimelineEntry:
    if isinstance(text, Text):
        return TimelineEntry.said(item.id, at, by, kind, text)
    return TimelineEntry(item.id, at, by, kind, text)


def assign(
    item: Interaction, *, to: Owner, desk_id: str, by: str, at: datetime, text: str | Text
) -> Change:
    """Hand the note's interaction to a new owner, explicitly and on the record (N4)."""
    if not item.is_open:
        raise InvalidTransition(
            QT_TRANSLATE_NOOP("errors", "Deze terugbelnotitie is al afgehandeld.")
        )
    moved = replace(item, owner=to, desk_id=desk_id, updated_at=at)
    entry = _entry(item, at, by, TimelineKind.TRANSFERRED, text)
    return Change(moved, (), (entry,))


def touched(
    item: Interaction, *, by: str, at: datetime, kind: TimelineKind, text: str | Text
) -> Change:
    """A timeline entry on the note's interaction (an attempt, a follow-up answer)."""
    if not item.is_open:
        raise InvalidTransition(
            QT_TRANSLATE_NOOP("errors", "Deze terugbelnotitie is al afgehandeld.")
        )
    entry = _entry(item, at, by, kind, text)
    return Change(replace(item, updated_at=at), (), (entry,))
