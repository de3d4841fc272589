"""The ports: one small Protocol per capability that an adapter implements.

Services depend on these, never on a concrete adapter; ``console.app`` picks the adapters. Every
async method is awaited on the GUI thread's event loop; implementations do their own blocking
work elsewhere (the store on its database thread, network calls through an async client).
Errors raised are listed per method; adapters translate library errors into these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

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


# -- connected mode: secrets and the shared system of record ---------------------------------


class SecretMissing(Exception):
    """A secret the configured adapter needs is not in the store.

    ``message`` is Dutch and names the command that fixes it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.message = (
            f"De toegangssleutel '{name}' ontbreekt. Zet hem met: kcc-console secrets set {name}"
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


class RemoteError(Exception):
    """A remote system of record failed; ``message`` is Dutch for the user."""

    def __init__(self, message: str, *, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.user_message = message
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


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows about the system of record."""

    online: bool | None  # None: not tried yet
    waiting: int  # outbox entries not yet delivered
    conflicts: int = 0
    failed: int = 0
    last_success: datetime | None = None
    message: str | None = None
