"""The ports: one small Protocol per capability that an adapter implements.

Services depend on these, never on a concrete adapter; ``console.app`` picks the adapters. Every
async method is awaited on the GUI thread's event loop; implementations do their own blocking
work elsewhere (the store on its database thread, network calls through an async client).
Errors raised are listed per method; adapters translate library errors into these.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from console.domain.inbox import InboxCursor, InboxQuery, InboxRow
from console.domain.lifecycle import Change
from console.domain.model import (
    Channel,
    Interaction,
    Outcome,
    Resident,
    StatusChange,
    TimelineEntry,
)
from console.domain.organisation import Organisation


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


# -- telephony ----------------------------------------------------------------------------------


class TelephonyError(Exception):
    """The phone line failed; ``message`` is Dutch for the user (no phone numbers in it).

    Subclasses say what failed, so the call panel can choose how to recover. Adapters turn
    socket, process and parsing errors into these at the boundary.
    """

    def __init__(self, message: str) -> None:
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

    async def answer(self, call_id: str) -> None: ...

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
