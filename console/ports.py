"""The ports: one small Protocol per capability that an adapter implements.

Services depend on these, never on a concrete adapter; ``console.app`` picks the adapters. Every
async method is awaited on the GUI thread's event loop; implementations do their own blocking
work elsewhere (the store on its database thread, network calls through an async client).
Errors raised are listed per method; adapters translate library errors into these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from console.domain.availability import Availability
from console.domain.callbacks import Attempt, CallbackDraft, CallbackNote
from console.domain.inbox import InboxCursor, InboxQuery, InboxRow
from console.domain.lifecycle import Change
from console.domain.model import Interaction, Owner, Resident, StatusChange, TimelineEntry
from console.domain.organisation import Organisation
from console.domain.supervision import (
    Drill,
    HourLoad,
    LoadCounts,
    Moments,
    PeriodCounts,
)


class StoreError(Exception):
    """The local store failed (disk full, corrupt file, locked by another program).

    ``message`` is Dutch for the user; no personal data in it.
    """

    def __init__(self, message: str) -> None:
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


# -- callback notes (issue 3) -----------------------------------------------------------------


class AvailabilityTimeout(Exception):
    """The availability source did not answer in time; ``message`` is Dutch for the user."""

    def __init__(self, message: str = "") -> None:
        message = message or (
            "De agenda van deze collega is nu niet op te vragen (geen antwoord op tijd). "
            "U kunt de notitie toch opslaan: schrijf dan waarom."
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


class PhoneNumberError(Exception):
    """A phone number that cannot be used to call back; ``message`` is Dutch for the field."""

    def __init__(self, message: str) -> None:
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
