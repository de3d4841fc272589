"""The ports: one small Protocol per capability that an adapter implements.

Services depend on these, never on a concrete adapter; ``console.app`` picks the adapters. Every
async method is awaited on the GUI thread's event loop; implementations do their own blocking
work elsewhere (the store on its database thread, network calls through an async client).
Errors raised are listed per method; adapters translate library errors into these.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from console.domain.availability import Availability
from console.domain.callbacks import Attempt, CallbackDraft, CallbackNote
from console.domain.errors import UserFacingError
from console.domain.inbox import InboxCursor, InboxQuery, InboxRow
from console.domain.lifecycle import Change
from console.domain.model import (
    Channel,
    Interaction,
    Outcome,
    Owner,
    Resident,
    Status,
    StatusChange,
    TimelineEntry,
)
from console.domain.organisation import Organisation
from console.domain.supervision import (
    Drill,
    HourLoad,
    LoadCounts,
    Moments,
    PeriodCounts,
)
from console.i18n import QT_TRANSLATE_NOOP, Text


class StoreError(UserFacingError):
    """The local store failed (disk full, corrupt file, locked by another program).

    ``message`` is Dutch for the user; no personal data in it.
    """

    def __init__(self, message: str | Text) -> None:
        super().__init__(message)
        self.message = message


class ConflictError(StoreError):
    """Someone else changed the record since it was read; reload and try again."""


class Clock(Protocol):
    """The time source. The domain never reads a clock; services ask this one."""

    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    """What a committed transaction changed: entity kind, ids, and who caused it."""

    entity: str  # "interaction", "resident", "callback_note", ...
    ids: tuple[str, ...]
    kind: str  # "insert" | "update" | "delete"
    initiator: str | None = None
    fields: tuple[str, ...] = field(default=())


class ChangeFeed(Protocol):
    def subscribe(self, callback: Callable[[ChangeNotice], None]) -> Callable[[], None]:
        """Call ``callback`` on the event loop thread after each commit; returns unsubscribe."""
        ...


class InteractionRepository(Protocol):
    """Interactions, their status history and timeline, in the local store.

    Raises:
        StoreError: the store could not be read or written.
        ConflictError: ``save`` found the record changed since ``expected_updated_at``.
    """

    async def add(self, change: Change, *, initiator: str | None = None) -> None: ...

    async def add_many(
        self, changes: Sequence[Change], *, initiator: str | None = None
    ) -> None: ...

    async def save(
        self, change: Change, *, expected_updated_at: datetime | None, initiator: str | None = None
    ) -> None: ...

    async def get(self, interaction_id: str) -> Interaction | None: ...

    async def page(
        self, query: InboxQuery, *, after: InboxCursor | None = None, limit: int = 200
    ) -> list[InboxRow]: ...

    async def count(self, query: InboxQuery) -> int: ...

    async def timeline(self, interaction_id: str) -> list[TimelineEntry]: ...

    async def status_changes(self, interaction_id: str) -> list[StatusChange]: ...


class ResidentRepository(Protocol):
    """Residents known to the local store (personal data: purged after the retention period).

    Raises:
        StoreError: the store could not be read or written.
    """

    async def upsert_many(self, residents: Sequence[Resident]) -> None: ...

    async def get(self, resident_id: str) -> Resident | None: ...

    async def find_by_phone(self, e164: str) -> list[Resident]: ...


class OrganisationSource(Protocol):
    """Desks, colleagues and partner organisations (the demo file, or a directory service).

    Raises:
        StoreError: the source could not be read.
    """

    async def load(self, *, now: datetime) -> Organisation: ...


class SupervisionRepository(Protocol):
    """Aggregate counts for the supervisor's dashboard, computed in the store.

    Never row by row in Python: groups are keyed by (channel, desk id); the service adds them up.

    Raises:
        StoreError: the store could not be read or written.
        LookupError: ``record_satisfaction`` found no such interaction.
    """

    async def load_by_group(self, moments: Moments) -> list[tuple[str, str, LoadCounts]]:
        """Waiting, handled today and callback-note deadlines per (channel, desk)."""
        ...

    async def period_by_group(self, moments: Moments) -> list[tuple[str, str, PeriodCounts]]:
        """Transfers, satisfaction and norm compliance of contacts arrived in the period."""
        ...

    async def hourly(self, hours: Sequence[tuple[int, datetime, datetime]]) -> list[HourLoad]:
        """Items received and handled per (hour, start, end) window."""
        ...

    async def drill_ids(self, drill: Drill, moments: Moments, *, limit: int) -> list[str]:
        """The ids of the items behind ``drill`` (oldest first, at most ``limit``)."""
        ...

    async def record_satisfaction(self, interaction_id: str, score: int) -> None:
        """Store a resident's satisfaction score (1–10) for a contact."""
        ...

    async def call_results(self, start: datetime, end: datetime) -> dict[str, int]:
        """Calls that rang in [start, end) per ``CallResult`` value (issue 18)."""
        ...


# -- callback notes (issue 3) -----------------------------------------------------------------


class AvailabilityTimeout(UserFacingError):
    """The availability source did not answer in time; ``message`` is Dutch for the user."""

    def __init__(self, message: str = "") -> None:
        message = message or QT_TRANSLATE_NOOP(
            "errors",
            "De agenda van deze collega is nu niet op te vragen (geen antwoord op tijd). "
            "U kunt de notitie toch opslaan: schrijf dan waarom.",
        )
        super().__init__(message)
        self.message = message


class AvailabilitySource(Protocol):
    """Presence, out-of-office and agenda of colleagues (Graph, CalDAV, or the demo file).

    Raises:
        AvailabilityTimeout: the source did not answer in time (also for any network failure:
            the caller treats every unanswered check alike).
    """

    async def availability(
        self, colleague_id: str, *, start: datetime, end: datetime
    ) -> Availability | None:
        """Facts about ``colleague_id`` between ``start`` and ``end``; None: unknown colleague."""
        ...


class PhoneNumberError(UserFacingError):
    """A phone number that cannot be used to call back; ``message`` is Dutch for the field."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(message)
        self.message = message


class PhoneNumbers(Protocol):
    """Turns what a user typed into a callable Dutch number."""

    def to_e164(self, text: str) -> str:
        """The number in E.164 (``+31…``).

        Raises:
            PhoneNumberError: not a valid number, or not a Dutch one.
        """
        ...

    def display(self, e164: str) -> str:
        """A stored number the way people read it (national format)."""
        ...


class CallbackNoteRepository(Protocol):
    """Callback notes, their attempts and drafts in the local store.

    Every write commits the interaction and the note's own rows in one transaction.

    Raises:
        StoreError: the store could not be read or written.
        ConflictError: the note changed since it was read.
    """

    async def add(
        self, note: CallbackNote, change: Change, *, source: TimelineEntry | None
    ) -> None: ...

    async def get(self, note_id: str) -> CallbackNote | None: ...

    async def open_for_owner(self, owner: Owner) -> list[CallbackNote]: ...

    async def open_for_desk(self, desk_id: str) -> list[CallbackNote]: ...

    async def created_by(self, colleague_id: str, *, open_only: bool) -> list[CallbackNote]: ...

    async def open_duplicates(
        self, *, resident_id: str | None, resident_name: str, phones: Sequence[str]
    ) -> list[CallbackNote]: ...

    async def record(
        self,
        note: CallbackNote,
        change: Change,
        *,
        expected_updated_at: datetime | None,
        attempt: Attempt | None = None,
    ) -> None:
        """Store the note's new state with its interaction change (and a new attempt)."""
        ...

    async def save_draft(self, key: str, draft: CallbackDraft, *, at: datetime) -> None: ...

    async def load_draft(self, key: str) -> CallbackDraft | None: ...

    async def delete_draft(self, key: str) -> None: ...


# -- telephony ----------------------------------------------------------------------------------


class TelephonyError(UserFacingError):
    """The phone line failed; ``message`` is Dutch for the user (no phone numbers in it).

    Subclasses say what failed, so the call panel can choose how to recover. Adapters turn
    socket, process and parsing errors into these at the boundary.
    """

    def __init__(self, message: str | Text) -> None:
        super().__init__(message)
        self.message = message


class TelephonyUnavailable(TelephonyError):
    """The softphone is missing, crashed, or does not answer on its control port."""


class TelephonyProtocolError(TelephonyError):
    """The softphone sent something we cannot read (a malformed control message)."""


class CallDropped(TelephonyError):
    """The call is gone (hung up, or the line dropped) before the command could run."""


class CallEventKind(enum.StrEnum):
    INCOMING = "incoming"  # a call rings for us; ``number`` is the caller's
    RINGING = "ringing"  # a call we dialled rings at the other side
    ESTABLISHED = "established"  # talking
    HELD = "held"
    RESUMED = "resumed"
    TRANSFERRED = "transferred"  # the call left us towards ``number`` (SIP REFER accepted)
    CLOSED = "closed"  # gone; ``reason`` says why
    FAILED = "failed"  # the phone line itself failed; ``error`` says how (not a call)
    REFUSED = "refused"  # a caller was turned away (busy: ``reason`` "limit"); no CLOSED follows
    LINE_UP = "line_up"  # the phone line is back after a failure; new calls arrive again


@dataclass(frozen=True, slots=True)
class CallEvent:
    kind: CallEventKind
    call_id: str = ""
    number: str = ""  # the other side: a phone number, extension or SIP user
    outgoing: bool = False
    reason: str = ""
    error: TelephonyError | None = None


class Telephony(Protocol):
    """One agent's phone line: at most one resident call plus one consult line.

    Events reach ``subscribe``'s callback on the event-loop thread, in the order the phone
    sends them. Every command raises ``TelephonyUnavailable`` when the phone is gone or silent,
    ``CallDropped`` when the call no longer exists, ``TelephonyError`` for a refused command.
    """

    def subscribe(self, callback: Callable[[CallEvent], None]) -> Callable[[], None]: ...

    async def start(self) -> None:
        """Connect (and start the softphone when configured to)."""
        ...

    async def aclose(self) -> None: ...

    async def answer(self, call_id: str) -> None:
        """Answer exactly ``call_id`` (others keep ringing); returns once it is established.

        Raises ``TelephonyError`` when it did not connect in time (the call keeps ringing).
        """
        ...

    async def hold(self, call_id: str) -> None: ...

    async def resume(self, call_id: str) -> None: ...

    async def dial(self, address: str) -> str:
        """Call ``address``; returns the new call's id as soon as it exists (ringing)."""
        ...

    async def consult(self, call_id: str, address: str) -> str:
        """Hold ``call_id`` and call ``address`` on a second line; returns the consult call id."""
        ...

    async def cancel_consult(self, call_id: str, consult_id: str) -> None:
        """Hang up the consult line (if still there) and resume ``call_id``."""
        ...

    async def complete_transfer(self, call_id: str, consult_id: str, address: str) -> None:
        """Hang up the consult line, resume ``call_id`` and transfer it to ``address``."""
        ...

    async def hangup(self, call_id: str) -> None: ...


class CallResult(enum.StrEnum):
    """How a call that reached the agent's phone ended up (every such call has a record)."""

    ANSWERED = "answered"  # established with the agent
    MISSED = "missed"  # rang at the agent's panel; the caller hung up first
    ABANDONED = "abandoned"  # waited behind another call; the caller hung up while waiting
    REFUSED = "refused"  # turned away: the simultaneous-call limit (busy)


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One phone call's facts next to its interaction: timings, wrap-up outcome, score."""

    interaction_id: str
    number: str
    rang_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    outcome: Outcome | None = None
    satisfaction: int | None = None  # 1–10 (N16), optional
    result: CallResult | None = None  # None: answered when answered_at is set, else missed


class CallRecords(Protocol):
    """A resident's history for the screen pop, and the call side table.

    Raises:
        StoreError: the store could not be read or written.
    """

    async def history(
        self, resident_id: str, *, channel: Channel | None = None, open_only: bool = False
    ) -> list[Interaction]: ...

    async def save(self, record: CallRecord) -> None: ...

    async def get(self, interaction_id: str) -> CallRecord | None: ...


# -- connected mode: secrets and the shared system of record ---------------------------------


class SecretMissing(UserFacingError):
    """A secret the configured adapter needs is not in the store.

    ``message`` is Dutch and names the command that fixes it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        # A Text: the message bar translates it; the CLI prints its Dutch rendering.
        self.message = Text(
            "errors",
            QT_TRANSLATE_NOOP(
                "errors",
                "De toegangssleutel '{name}' ontbreekt. "
                "Zet hem met: kcc-console secrets set {name}",
            ),
            {"name": name},
        )
        super().__init__(self.message)


class SecretStore(Protocol):
    """Named secrets (API tokens) in the OS keyring; values never reach logs or files.

    Raises:
        StoreError: the keyring cannot be used (no backend, locked, refused).
    """

    async def get(self, name: str) -> str | None: ...

    async def set(self, name: str, value: str) -> None: ...

    async def delete(self, name: str) -> bool:
        """Remove ``name``; False when it was not there."""
        ...

    async def names(self) -> list[str]:
        """The names that have a value (never the values)."""
        ...


class RemoteError(UserFacingError):
    """A remote system of record failed; ``message`` is Dutch for the user."""

    def __init__(
        self, message: str | Text, *, field: str | None = None, status: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class RemoteUnavailable(RemoteError):
    """Unreachable, too slow or overloaded now; try again later (nothing is lost)."""


class RemoteAmbiguous(RemoteUnavailable):
    """A write was sent but its answer was lost: it may have landed; look it up first."""


class RemoteRejected(RemoteError):
    """The content was refused (``field`` names where); sending it unchanged will not help."""


class RemoteReferenceTaken(RemoteRejected):
    """The client reference is used by another record; choose another reference."""


class RemoteMalformed(RemoteError):
    """An answer that cannot be read; ``raw`` keeps it (as text) for the quarantine list."""

    def __init__(self, message: str, *, raw: object = None, status: int | None = None):
        super().__init__(message, status=status)
        self.raw = raw if isinstance(raw, str) else _raw_text(raw)


def _raw_text(raw: object) -> str:
    import json

    try:
        return json.dumps(raw, ensure_ascii=False)[:20000]
    except (TypeError, ValueError):
        return repr(raw)[:20000]


class RemoteAuthFailed(RemoteError):
    """The stored token is wrong or lacks rights."""


@dataclass(frozen=True, slots=True)
class InternalTask:
    """What a callback note asks of its assignees (an ``internetaak``), in plain values.

    The callback-note feature fills this; new fields (callback numbers, e-mail) get a default so
    existing callers keep working.
    """

    action: str  # gevraagdeHandeling, at most 200 characters
    explanation: str = ""  # toelichting, at most 1000 characters
    assignees: tuple[Owner, ...] = ()  # colleagues or desks; empty: the interaction's owner
    callback_numbers: tuple[str, ...] = ()
    # What KISS and ITA show (issue 10): the resident as betrokkene, how the contact came in,
    # the call attempts and the outcome (as klantcontacten chained to the note).
    contact_name: str = ""
    email: str = ""
    channel: Channel | None = None  # how the resident reached us; None: by phone
    attempts: tuple[Attempt, ...] = ()
    outcome_text: str = ""


@dataclass(frozen=True, slots=True)
class RemoteNote:
    """What a callback note made anywhere (KISS, ITA, another console) carries for ours."""

    contact_name: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""
    explanation: str = ""  # the internetaak's toelichting
    action: str = ""  # gevraagdeHandeling
    created_by: str = ""  # the display name of who registered it
    closed_by_name: str = ""  # who closed it, by name (ITA or a console)
    outcome_text: str = ""  # what came of it (the last chained klantcontact)


@dataclass(frozen=True, slots=True)
class RemoteLink:
    """Where an interaction lives in the system of record."""

    klantcontact: str
    internetaak: str | None = None


@dataclass(frozen=True, slots=True)
class RemoteState:
    """What the system of record holds for one interaction (the base of a three-way merge)."""

    interaction_id: str
    link: RemoteLink
    channel: Channel
    subject: str
    question: str
    received_at: datetime
    status: Status
    owner: Owner
    desk_id: str
    closed_by: str | None = None
    closed_at: datetime | None = None
    outcome: Outcome | None = None
    assignees: tuple[Owner, ...] = ()
    version: str = ""  # the task's status, assignees and handling time: changes when they do
    note: RemoteNote | None = None  # set for callback notes (a klantcontact with a task)
    reference: str | None = None  # the klantcontact's referentienummer

    def signature(self) -> dict[str, str | None]:
        """The fields another desk can change, as plain text (stored as the merge base)."""
        return {
            "status": self.status.value,
            "owner": f"{self.owner.kind.value}:{self.owner.id}",
            "closed_by": self.closed_by,
            "outcome": self.outcome.value if self.outcome else None,
            "subject": self.subject,
            "question": self.question,
            "assignees": ",".join(f"{a.kind.value}:{a.id}" for a in self.assignees),
        }


@dataclass(frozen=True, slots=True)
class RemoteUnreadable:
    """A record the pull could not read (or that is gone): put aside, the rest goes on."""

    message: str  # Dutch, for the quarantine list
    raw: str  # the answer as received (kept so a person can look at it)
    internetaak: str | None = None
    gone: bool = False  # deleted on the server


class InteractionRemote(Protocol):
    """The shared system of record for interactions and callback notes (Klantinteracties).

    Every method may raise ``Unavailable`` (try later), ``AmbiguousWrite`` (a write may have
    landed: call ``create`` again with ``resume=True``), ``Rejected`` (refused content),
    ``ReferenceTaken`` (choose another reference) or ``AuthenticationFailed``; all carry a Dutch
    ``message``.
    """

    async def create(
        self,
        item: Interaction,
        *,
        reference: str,
        task: InternalTask | None,
        resume: bool,
    ) -> RemoteState:
        """Create ``item`` under the client reference; with ``resume`` look it up first."""
        ...

    async def update(
        self, link: RemoteLink, item: Interaction, *, task: InternalTask | None
    ) -> RemoteState: ...

    async def changes(
        self, owners: Sequence[Owner], *, known: Mapping[str, str] | None = None
    ) -> list[RemoteState]:
        """What is assigned to ``owners`` (every page), as the server holds it now.

        ``known`` maps a task id to the ``version`` last seen: unchanged tasks are left out.
        """
        ...

    def iter_changes(
        self, owners: Sequence[Owner], *, known: Mapping[str, str] | None = None
    ) -> AsyncIterator[list[RemoteState | RemoteUnreadable]]:
        """The same as ``changes``, a batch at a time (the sync engine merges as they come).

        Records that cannot be read come as ``RemoteUnreadable`` in the batch.
        """
        ...


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows about the system of record."""

    online: bool | None  # None: not tried yet
    waiting: int  # outbox entries not yet delivered
    conflicts: int = 0
    failed: int = 0
    last_success: datetime | None = None
    message: str | None = None
    quarantined: int = 0  # answers that could not be read, kept aside for a person to see


# -- speech (issue 16): "Lees voor" and spoken alerts -------------------------------------------


class SpeechUnavailable(UserFacingError):
    """No speech: no engine, no Dutch voice, or no sound output; ``message`` says which (Dutch)."""

    default_message = QT_TRANSLATE_NOOP("errors", "Voorlezen kan nu niet op deze computer.")


@dataclass(frozen=True, slots=True)
class SpeechStatus:
    """Whether speech works here; ``reason`` (Dutch) says why not, for the settings screen."""

    available: bool
    reason: str = ""
    voice: str = ""  # the voice in use, e.g. "gmw/nl"


class Speech(Protocol):
    """Text to speech in Dutch. Never blocks the event loop (the engine runs in a thread).

    Raises:
        SpeechUnavailable: no engine, no Dutch voice, or (``speak``) no sound output.
    """

    async def status(self) -> SpeechStatus:
        """Whether speech works here (checked once, then remembered); never raises."""
        ...

    async def speak(self, text: str) -> None:
        """Say ``text`` aloud; returns when it has been said."""
        ...

    async def render_to_file(self, text: str, path: Path) -> None:
        """Write ``text`` as speech to a WAV file at ``path``."""
        ...
