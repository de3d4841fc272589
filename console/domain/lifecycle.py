"""The life of an interaction: take, hand back, note, close — with N4 ownership kept.

Each function takes the current value and returns a ``Change``: the new value plus the status
changes and timeline entries to record with it, so the store can commit all of it at once.
Pure; the moment and the actor are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from console.domain.errors import InvalidTransition, RuleViolation
from console.domain.model import (
    ALLOWED_TRANSITIONS,
    Interaction,
    Outcome,
    Owner,
    OwnerKind,
    Status,
    StatusChange,
    TimelineEntry,
    TimelineKind,
)
from console.i18n import QT_TRANSLATE_NOOP, Text

NOTE_MAX_LENGTH = 1000  # the Klantinteracties API's limit for free text


@dataclass(frozen=True, slots=True)
class Change:
    interaction: Interaction
    status_changes: tuple[StatusChange, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()


# Marked so a widget that shows an outcome can translate it (context "Timeline").
OUTCOME_LABELS = {
    Outcome.ANSWERED: QT_TRANSLATE_NOOP("Timeline", "Beantwoord"),
    Outcome.CALLBACK_NOTE_MADE: QT_TRANSLATE_NOOP("Timeline", "Terugbelnotitie gemaakt"),
    Outcome.TRANSFERRED: QT_TRANSLATE_NOOP("Timeline", "Doorverbonden"),
    Outcome.REFERRED_TO_PARTNER: QT_TRANSLATE_NOOP("Timeline", "Doorverwezen naar partner"),
    Outcome.NO_ANSWER_NEEDED: QT_TRANSLATE_NOOP("Timeline", "Geen antwoord nodig"),
}


# The closing line of the timeline per outcome, without and with the closer's note (the note is
# typed text: a parameter, never translated). Whole sentences so a translation can reorder them.
_CLOSED_LINES = {
    Outcome.ANSWERED: (
        QT_TRANSLATE_NOOP("Timeline", "Beantwoord"),
        QT_TRANSLATE_NOOP("Timeline", "Beantwoord: {note}"),
    ),
    Outcome.CALLBACK_NOTE_MADE: (
        QT_TRANSLATE_NOOP("Timeline", "Terugbelnotitie gemaakt"),
        QT_TRANSLATE_NOOP("Timeline", "Terugbelnotitie gemaakt: {note}"),
    ),
    Outcome.TRANSFERRED: (
        QT_TRANSLATE_NOOP("Timeline", "Doorverbonden"),
        QT_TRANSLATE_NOOP("Timeline", "Doorverbonden: {note}"),
    ),
    Outcome.REFERRED_TO_PARTNER: (
        QT_TRANSLATE_NOOP("Timeline", "Doorverwezen naar partner"),
        QT_TRANSLATE_NOOP("Timeline", "Doorverwezen naar partner: {note}"),
    ),
    Outcome.NO_ANSWER_NEEDED: (
        QT_TRANSLATE_NOOP("Timeline", "Geen antwoord nodig"),
        QT_TRANSLATE_NOOP("Timeline", "Geen antwoord nodig: {note}"),
    ),
}


def closed_line(outcome: Outcome, note: str = "") -> Text:
    """The timeline sentence for closing with ``outcome`` (and the closer's typed note)."""
    plain, with_note = _CLOSED_LINES[outcome]
    note = note.strip()
    return Text("Timeline", with_note, {"note": note}) if note else Text("Timeline", plain)


def _move(item: Interaction, to: Status, *, by: str, at: datetime) -> tuple[Interaction, tuple]:
    if item.status is to:
        return item, ()
    if to not in ALLOWED_TRANSITIONS[item.status]:
        raise InvalidTransition(
            Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors", "Deze vraag is al {status}; dat kan niet meer veranderen."
                ),
                {"status": Text("errors", _STATUS_WORDS[item.status])},
            )
        )
    change = StatusChange(at=at, by=by, old=item.status, new=to)
    return replace(item, status=to, updated_at=at), (change,)


_STATUS_WORDS = {
    Status.NEW: QT_TRANSLATE_NOOP("errors", "nieuw"),
    Status.IN_PROGRESS: QT_TRANSLATE_NOOP("errors", "in behandeling"),
    Status.WAITING: QT_TRANSLATE_NOOP("errors", "in afwachting"),
    Status.TRANSFERRED: QT_TRANSLATE_NOOP("errors", "doorverbonden"),
    Status.CALLBACK_REQUESTED: QT_TRANSLATE_NOOP("errors", "doorgezet als terugbelverzoek"),
    Status.DONE: QT_TRANSLATE_NOOP("errors", "afgehandeld"),
}


def received(item: Interaction) -> Change:
    """The first record of a new interaction."""
    entry = TimelineEntry(
        item.id, item.received_at, item.created_by or "systeem", TimelineKind.RECEIVED, ""
    )
    change = StatusChange(
        at=item.received_at, by=item.created_by or "systeem", old=None, new=item.status
    )
    return Change(item, (change,), (entry,))


def take(item: Interaction, *, colleague_id: str, at: datetime) -> Change:
    """The colleague becomes the owner (Oppakken); N4: ownership moves explicitly."""
    if not item.is_open:
        raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Deze vraag is al afgehandeld."))
    if item.owner == Owner.colleague(colleague_id):
        return Change(item)
    moved, changes = _move(item, Status.IN_PROGRESS, by=colleague_id, at=at)
    moved = replace(moved, owner=Owner.colleague(colleague_id), updated_at=at)
    entry = TimelineEntry(item.id, at, colleague_id, TimelineKind.TAKEN, "")
    return Change(moved, changes, (entry,))


def hand_back(item: Interaction, *, colleague_id: str, at: datetime, reason: str = "") -> Change:
    """The owner gives the question back to its desk; the desk owns it from now on (N4)."""
    if not item.is_open:
        raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Deze vraag is al afgehandeld."))
    if item.owner != Owner.colleague(colleague_id):
        raise RuleViolation(
            "N4", QT_TRANSLATE_NOOP("errors", "Alleen de eigenaar van de vraag kan hem teruggeven.")
        )
    moved, changes = _move(item, Status.NEW, by=colleague_id, at=at)
    moved = replace(moved, owner=Owner.desk(item.desk_id), updated_at=at)
    entry = TimelineEntry(item.id, at, colleague_id, TimelineKind.HANDED_BACK, reason.strip())
    return Change(moved, changes, (entry,))


def add_note(item: Interaction, *, colleague_id: str, text: str | Text, at: datetime) -> Change:
    """A note on the timeline: typed text as typed, or a sentence as data (``Text``)."""
    if isinstance(text, Text):
        # The Dutch rendering obeys the API's limit; the data keeps the whole sentence.
        entry = TimelineEntry(
            item.id, at, colleague_id, TimelineKind.NOTE, text.dutch()[:NOTE_MAX_LENGTH], text
        )
        return Change(replace(item, updated_at=at), (), (entry,))
    text = text.strip()
    if not text:
        raise RuleViolation("note", QT_TRANSLATE_NOOP("errors", "Schrijf eerst een notitie."))
    if len(text) > NOTE_MAX_LENGTH:
        raise RuleViolation(
            "note",
            Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors", "Een notitie is maximaal {limit} tekens (nu {length})."
                ),
                {"limit": NOTE_MAX_LENGTH, "length": len(text)},
            ),
        )
    entry = TimelineEntry(item.id, at, colleague_id, TimelineKind.NOTE, text)
    return Change(replace(item, updated_at=at), (), (entry,))


def close(
    item: Interaction, *, colleague_id: str, outcome: Outcome, at: datetime, note: str = ""
) -> Change:
    """Close with an outcome. Whoever closes owns the question at that moment (N4).

    Closing a question the desk still owns first records that this colleague took it, so the
    timeline never shows an answer without an owner.
    """
    if not item.is_open:
        raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Deze vraag is al afgehandeld."))
    status_changes: tuple[StatusChange, ...] = ()
    entries: tuple[TimelineEntry, ...] = ()
    if item.owner.kind is OwnerKind.DESK or item.owner.id != colleague_id:
        taken = take(item, colleague_id=colleague_id, at=at)
        item, status_changes, entries = taken.interaction, taken.status_changes, taken.timeline
    moved, changes = _move(item, Status.DONE, by=colleague_id, at=at)
    moved = replace(moved, outcome=outcome, closed_at=at, updated_at=at)
    entry = TimelineEntry.said(
        item.id, at, colleague_id, TimelineKind.CLOSED, closed_line(outcome, note)
    )
    return Change(moved, status_changes + changes, (*entries, entry))
