"""The channel port: how incoming contacts (mail, post, chat, the demo's traffic) reach the console.

A channel is a package that implements ``ChannelSource`` (contacts in) and, when it can answer,
``ReplySender`` (replies out). The intake service (``console.services.intake``) owns the loop
around them: restarts with backoff, de-duplication by the contact's outside reference in the same
transaction as the write (``ChannelStore``), and the outbox of replies. The composition root keeps
a registry of channel factories; a new channel adds its own package and one registry line.

Every async method is awaited on the event-loop thread. Sources and senders do their network I/O
with async clients; the store runs on its database thread.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from console.domain.errors import UserFacingError
from console.domain.lifecycle import Change
from console.domain.model import Channel, QuestionKind, Resident
from console.domain.organisation import Organisation
from console.i18n import Text
from console.ports import Clock, SecretStore


class ChannelUnavailable(UserFacingError):
    """The outside system is away (refused, timed out, logged out); try again later.

    ``message`` (= ``user_message``) is Dutch for the user; no personal data in it.
    """

    def __init__(self, message: str | Text) -> None:
        super().__init__(message)


def channel_section(
    path: Path | None, name: str, *, secret_keys: Sequence[str], advice: str
) -> dict | None:
    """The raw ``[name]`` table of the config file, for a channel package to check itself.

    None without a file or without the section (no such channel). The console's own config
    reader has already refused a broken file, so an unreadable one is "no section" here.

    Raises:
        ChannelUnavailable: a key in the section looks like a secret; ``advice`` names the
            ``kcc-console secrets set`` command to use instead.
    """
    if path is None:
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = raw.get(name)
    if not isinstance(table, dict):
        return None
    for key in table:
        if key.lower() in secret_keys:
            raise ChannelUnavailable(
                f"Zet geen wachtwoord of sleutel in {path} (gevonden: '{key}' in [{name}]). "
                f"Bewaar het veilig met: {advice}"
            )
    return table


class ChannelRejected(ChannelUnavailable):
    """The outside system refused this one item (an address that does not exist); no retry."""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that came with a contact. ``data`` is kept so it can be saved on request."""

    filename: str
    content_type: str
    size: int
    data: bytes = b""
    inline: bool = False


@dataclass(frozen=True, slots=True)
class IncomingContact:
    """One contact as a channel delivers it, before the console gives it an owner and deadline.

    ``reference`` is the contact's identity outside (a mail's Message-ID, a room event id): the
    same reference delivered twice is stored once. ``thread`` lists the references this contact
    answers (In-Reply-To, References): a contact in a known thread joins that interaction.
    ``cursor`` is where the source stands once this contact is stored; it is committed with it,
    so after a restart the source resumes right after the last stored contact.
    """

    source: str
    channel: Channel
    desk_id: str
    reference: str
    cursor: str = ""
    thread: tuple[str, ...] = ()
    sender_address: str = ""
    sender_name: str = ""
    subject: str = ""
    text: str = ""
    html: str = ""
    attachments: tuple[Attachment, ...] = ()
    received_at: datetime | None = None
    # Sent by a machine (auto-responder, bulk, bounce): stored, never acknowledged.
    automatic: bool = False
    # What could not be read or trusted, in Dutch, shown with the message.
    warnings: tuple[str, ...] = ()
    resident: Resident | None = None
    question_kind: QuestionKind = QuestionKind.GENERAL


Deliver = Callable[[IncomingContact], Awaitable[None]]


class ChannelSource(Protocol):
    """Contacts from one outside source (one mailbox, one chat server, the demo traffic).

    ``name`` is unique in the registry and names the source in the store (cursor, replies).
    """

    name: str

    async def run(self, deliver: Deliver, *, cursor: str | None) -> None:
        """Deliver every contact after ``cursor``, then new ones as they come, until cancelled.

        ``deliver`` returns once the contact is stored; when it raises, stop and let it
        propagate (the intake restarts the source from the last stored cursor).

        Raises:
            ChannelUnavailable: the outside system is away; the intake tries again later.
        """
        ...


class ReplyKind(enum.StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"  # N9: automatic, at once, what happens next
    NAMED_ACKNOWLEDGEMENT = "named_acknowledgement"  # N9/N10: with a contact person's name
    ANSWER = "answer"
    LATE = "late"  # N15: a promise will be late


class ReplyState(enum.StrEnum):
    WAITING = "waiting"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class OutgoingReply:
    """A reply in the outbox; ``message_id`` is fixed when queued, so a retry is the same mail."""

    id: str
    source: str
    interaction_id: str
    kind: ReplyKind
    to_address: str
    subject: str
    text: str
    message_id: str
    to_name: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    automatic: bool = False
    created_at: datetime | None = None


class ReplySender(Protocol):
    """Sends replies for one source (SMTP for a mailbox)."""

    async def send(self, reply: OutgoingReply) -> None:
        """Send ``reply`` once.

        Raises:
            ChannelUnavailable: the server is away; the reply stays in the outbox.
            ChannelRejected: the server refused this reply; sending it again will not help.
        """
        ...


@dataclass(frozen=True, slots=True)
class ChannelRegistration:
    """One configured source and, when it can answer, its sender and own address."""

    source: ChannelSource
    sender: ReplySender | None = None
    address: str = ""  # the mailbox's own address: never acknowledged (mail loops)
    acknowledge: bool = True  # send the automatic N9 acknowledgement (not for the post room)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One message of an interaction's conversation, as the detail pane shows it."""

    reference: str
    interaction_id: str
    incoming: bool
    at: datetime
    sender: str
    recipient: str
    subject: str
    text: str
    html: str = ""
    attachments: tuple[Attachment, ...] = ()  # without data: ask ``attachment`` for it
    warnings: tuple[str, ...] = ()
    automatic: bool = False
    state: ReplyState | None = None  # outgoing only
    kind: ReplyKind | None = None  # outgoing only


@dataclass(frozen=True, slots=True)
class IntakeResult:
    interaction_id: str
    created: bool  # a new interaction (False: joined a thread, or a duplicate)
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class ThreadFacts:
    """What a reply needs to know about an interaction's conversation."""

    source: str
    address: str  # the resident's address (the first incoming message's sender)
    name: str
    subject: str
    last_reference: str
    references: tuple[str, ...] = ()


class ChannelStore(Protocol):
    """Incoming messages, threads, cursors and the reply outbox in the local store.

    Raises:
        StoreError: the store could not be read or written.
    """

    async def cursor(self, source: str) -> str | None: ...

    async def receive(
        self,
        contact: IncomingContact,
        new: Change,
        *,
        acknowledgement: OutgoingReply | None,
        joined: Callable[[str], Change | None],
    ) -> IntakeResult:
        """Store ``contact`` in one transaction with its cursor; known references are skipped.

        When ``contact.thread`` names a message of an open interaction, the contact joins it
        (``joined(interaction_id)`` may add a timeline change) and no acknowledgement is queued;
        otherwise ``new`` and the ``acknowledgement`` are written.
        """
        ...

    async def resident_by_address(self, address: str) -> Resident | None: ...

    async def messages(self, interaction_id: str) -> list[StoredMessage]: ...

    async def attachment(self, reference: str, index: int) -> Attachment | None: ...

    async def thread(self, interaction_id: str) -> ThreadFacts | None: ...

    async def queue_reply(self, reply: OutgoingReply, change: Change | None) -> None:
        """Put ``reply`` in the outbox, with ``change`` to its interaction, in one transaction."""
        ...

    async def waiting_replies(self, *, limit: int = 50) -> list[OutgoingReply]: ...

    async def reply_sent(self, reply_id: str, *, at: datetime) -> None: ...

    async def reply_failed(self, reply_id: str, *, error: str, final: bool) -> None: ...

    async def reply_counts(self) -> dict[ReplyState, int]: ...


@dataclass(frozen=True, slots=True)
class ChannelContext:
    """What a channel factory in the registry may use to build its sources."""

    config_source: Path | None  # the config file (a channel reads its own section of it)
    secrets: SecretStore
    organisation: Organisation
    clock: Clock
    extras: dict[str, object] = field(default_factory=dict)


ChannelFactory = Callable[[ChannelContext], Awaitable[Sequence[ChannelRegistration]]]
