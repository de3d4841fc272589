"""N11: chat and "bel me" outside opening hours — the automatic reply and the callback task.

During the desk's opening hours a chat is live work: it stands on top of the inbox and the agent
answers it. Outside them the resident must not wait in silence (N11, N15): the first message of
a conversation gets the automatic reply at once (B1 text ``chat_buiten_openingstijden`` from
``resources/templates``), saying the municipality calls back on the next working day when a
phone number is left. A phone number in the resident's messages then becomes a real callback
note for the desk, due when N11 promises it (the next working day's closing time), so the
promise is kept by the software and not by memory. A "bel me" request is a callback task at
once, in or out of hours, as soon as it carries a number.

One conversation gets one reply and one note: the note's id is derived from the conversation's
interaction id, so a second message, a redelivery after a restart or a second console running
the same rules (``kcc-console serve --auto-replies`` on a server) never makes a second one.

Event-loop thread only; Qt-free. The intake calls ``after_delivery`` once a contact is stored.
"""

from __future__ import annotations

import logging
import re
import string
import uuid
from dataclasses import dataclass

from console.channels import (
    ChannelStore,
    IncomingContact,
    IntakeResult,
    OutgoingReply,
    ReplyKind,
)
from console.domain import lifecycle
from console.domain.calendar import WorkingCalendar, is_open
from console.domain.callbacks import CallbackNote
from console.domain.deadlines import PRIORITY_PROMISE
from console.domain.model import Channel, Direction, Interaction, Owner
from console.domain.organisation import Organisation
from console.ports import CallbackNoteRepository, Clock, PhoneNumberError, PhoneNumbers

log = logging.getLogger(__name__)

CHAT_CHANNELS = (Channel.CHAT, Channel.SOCIAL, Channel.CALL_ME)
TEMPLATE = "chat_buiten_openingstijden"
AUTOMATON = "automaat"  # the creator of notes made by these rules (no colleague made them)
_NOTES = uuid.UUID("6f1d2c55-6c1e-4a53-9a55-4e11c0ba5e11")
# Runs of digits with the separators people type in a phone number: "06-12 34 56 78",
# "+31 (0)6 1234 5678", "0345 58 11 00". phonenumbers decides what really is one.
_CANDIDATE = re.compile(r"(?:\+|00)?[0-9][0-9 ().\-/]{7,20}[0-9]")


def note_id_for(interaction_id: str) -> str:
    """The one callback note a conversation can get from these rules."""
    return str(uuid.uuid5(_NOTES, interaction_id))


def phone_in(text: str, phones: PhoneNumbers) -> str | None:
    """The first Dutch phone number in ``text`` (E.164), or None."""
    for match in _CANDIDATE.finditer(text):
        try:
            return phones.to_e164(match.group(0))
        except PhoneNumberError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class N11Outcome:
    replied: bool = False
    note: CallbackNote | None = None


class ChatOutsideHours:
    """See the module docstring."""

    def __init__(
        self,
        *,
        store: ChannelStore,
        notes: CallbackNoteRepository,
        phones: PhoneNumbers,
        organisation: Organisation,
        calendar: WorkingCalendar,
        clock: Clock,
        template: str | None,
    ) -> None:
        self._store = store
        self._notes = notes
        self._phones = phones
        self._organisation = organisation
        self._calendar = calendar
        self._clock = clock
        self._template = template
        self.replies_queued = 0
        self.notes_made = 0

    def desk_open(self, desk_id: str) -> bool:
        desk = self._organisation.desk(desk_id)
        if desk is None:
            return False
        return is_open(desk.opening_hours, self._clock.now(), self._calendar)

    async def after_delivery(self, contact: IncomingContact, result: IntakeResult) -> N11Outcome:
        """Apply N11 to one stored chat message (other channels pass untouched)."""
        if contact.channel not in CHAT_CHANNELS or result.duplicate:
            return N11Outcome()
        open_now = self.desk_open(contact.desk_id)
        if open_now and contact.channel is not Channel.CALL_ME:
            return N11Outcome()  # live: the agent answers at once
        replied = False
        if not open_now and result.created and contact.sender_address:
            replied = await self._reply(contact, result.interaction_id)
        phone = phone_in(contact.text, self._phones)
        note = None
        if phone is not None:
            note = await self._note(contact, result.interaction_id, phone)
        return N11Outcome(replied=replied, note=note)

    async def _reply(self, contact: IncomingContact, interaction_id: str) -> bool:
        if self._template is None:
            log.warning("no N11 template: no automatic chat reply")
            return False
        subject_line, _, body = self._template.partition("\n")
        desk = self._organisation.desk(contact.desk_id)
        text = string.Template(body.lstrip("\n")).safe_substitute(
            afdeling=desk.name if desk else "de gemeente",
            naam=contact.sender_name or "",
        )
        reply = OutgoingReply(
            id=str(uuid.uuid4()),
            source=contact.source,
            interaction_id=interaction_id,
            kind=ReplyKind.ACKNOWLEDGEMENT,
            to_address=contact.sender_address,
            to_name=contact.sender_name,
            subject=subject_line.removeprefix("Onderwerp:").strip(),
            text=text.strip(),
            message_id=f"n11-{interaction_id}",
            automatic=True,
            created_at=self._clock.now(),
        )
        await self._store.queue_reply(reply, None)
        self.replies_queued += 1
        return True

    async def _note(
        self, contact: IncomingContact, interaction_id: str, phone: str
    ) -> CallbackNote | None:
        note_id = note_id_for(interaction_id)
        if await self._notes.get(note_id) is not None:
            return None  # this conversation has its callback task already
        now = self._clock.now()
        deadline = self._calendar.same_day_target(now)  # N11: the next working day
        owner = Owner.desk(contact.desk_id)
        bel_me = contact.channel is Channel.CALL_ME
        kind = "Bel-me-verzoek" if bel_me else "Chat buiten openingstijd"
        summary = f"{kind}: {contact.text.strip()}"[:1000]
        name = contact.sender_name.strip()
        item = Interaction(
            id=note_id,
            channel=Channel.CALLBACK_NOTE,
            direction=Direction.OUTBOUND,
            subject=f"Terugbellen: {name or 'inwoner'} ({kind.lower()})",
            question=summary,
            received_at=now,
            owner=owner,
            desk_id=contact.desk_id,
            resident_name=name,
            priority=PRIORITY_PROMISE,
            deadline=deadline,
            updated_at=now,
            created_by=AUTOMATON,
        )
        note = CallbackNote(
            id=note_id,
            resident_name=name,
            phones=(phone,),
            summary=summary,
            assignee=owner,
            desk_id=contact.desk_id,
            creator=AUTOMATON,
            created=now,
            deadline=deadline,
            source_interaction_id=interaction_id,
            advice="Automatisch gemaakt (N11): de inwoner liet een telefoonnummer achter.",
        )
        await self._notes.add(note, lifecycle.received(item), source=None)
        self.notes_made += 1
        return note
