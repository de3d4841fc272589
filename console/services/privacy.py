"""Privacy use cases (AVG): the audit trail of who opened which record, and the retention job.

Event-loop thread only; Qt-free. The store side is two small ports defined here
(``AuditStore``, ``RetentionStore``), implemented on SQLite in ``offline_cache.privacy``.

- ``AuditService.opened`` is called by the screens that show a resident's data (the inbox's
  detail pane, the callback list, the callback dialog's prefill). A failure to record does not
  hide the record from the agent, but it is reported, never swallowed.
- Only a supervisor may read or export the trail, and every read and export is itself recorded
  before the entries are handed out.
- ``RetentionService`` removes personal data of contacts closed longer than the retention
  period ago (default 30 days) and says what it removed, in the message bar and in the trail.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from console.domain.audit import (
    RETENTION_DAYS_DEFAULT,
    AuditAction,
    AuditEntry,
    AuditScreen,
    PurgeReport,
    retention_cutoff,
    trail_csv,
)
from console.domain.errors import DomainError
from console.domain.model import Colleague, Role
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import Clock
from console.privatefiles import write_private_text
from console.services.tasks import TaskGroup

log = logging.getLogger(__name__)

NOT_A_SUPERVISOR = QT_TRANSLATE_NOOP(
    "errors", "Alleen een teamleider mag het inzagelogboek bekijken of opslaan."
)
TRAIL_LIMIT = 10_000  # the newest entries on screen; the export has them all


class AuditStore(Protocol):
    async def append(self, entry: AuditEntry) -> None:
        """Add one entry (append-only: the store refuses updates and deletes).

        Raises:
            StoreError: the store could not be written.
        """
        ...

    async def entries(self, *, limit: int | None = None) -> list[AuditEntry]:
        """Entries oldest first; with ``limit``, only the newest ``limit`` of them."""
        ...


class RetentionStore(Protocol):
    async def purge_closed_before(self, cutoff: datetime) -> PurgeReport:
        """Remove personal data of contacts closed before ``cutoff`` (one transaction)."""
        ...


class AuditService:
    def __init__(
        self,
        *,
        store: AuditStore,
        clock: Clock,
        user: Callable[[], Colleague],
        names: Callable[[str], str] = lambda colleague_id: colleague_id,
    ) -> None:
        self._store = store
        self.clock = clock
        self._user = user  # the colleague working now (the demo can switch)
        self._names = names

    async def opened(self, record_id: str, resident_id: str | None, screen: AuditScreen) -> None:
        """Record that the current user opened a record with a resident's data."""
        await self._store.append(
            AuditEntry(
                at=self.clock.now(),
                actor=self._user().id,
                action=AuditAction.OPENED,
                screen=screen,
                record_id=record_id,
                resident_id=resident_id,
            )
        )

    def _require_supervisor(self) -> Colleague:
        user = self._user()
        if user.role is not Role.SUPERVISOR:
            raise DomainError(NOT_A_SUPERVISOR)
        return user

    async def view(self, *, limit: int = TRAIL_LIMIT) -> list[AuditEntry]:
        """The trail for a supervisor's screen (newest ``limit``); the look itself is recorded.

        Raises:
            DomainError: the current user is not a supervisor.
        """
        user = self._require_supervisor()
        await self._record(user, AuditAction.TRAIL_VIEWED)
        return await self._store.entries(limit=limit)

    async def export(self, path: Path, *, moment: Callable[[datetime], str]) -> Path:
        """Write the whole trail as CSV (owner-only file); the export itself is recorded.

        Raises:
            DomainError: the current user is not a supervisor.
            OSError: the file could not be written.
        """
        user = self._require_supervisor()
        await self._record(user, AuditAction.TRAIL_EXPORTED, detail=path.name)
        entries = await self._store.entries()
        text = trail_csv(entries, names=self._names, moment=moment)
        return write_private_text(path, text, encoding="utf-8-sig")

    async def _record(self, user: Colleague, action: AuditAction, detail: str = "") -> None:
        await self._store.append(
            AuditEntry(
                at=self.clock.now(),
                actor=user.id,
                action=action,
                screen=AuditScreen.AUDIT_TRAIL,
                detail=detail,
            )
        )


class RetentionService:
    """Runs the retention purge at start and then once a day (see module docstring)."""

    def __init__(
        self,
        *,
        store: RetentionStore,
        audit: AuditStore,
        clock: Clock,
        days: int = RETENTION_DAYS_DEFAULT,
        every: float = 24 * 3600.0,
    ) -> None:
        if days < 1:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "De bewaartermijn is minstens 1 dag."))
        self._store = store
        self._audit = audit
        self.clock = clock
        self.days = days
        self._every = every
        self.tasks = TaskGroup()
        self._info: list[Callable[[str], None]] = []
        self.last: PurgeReport | None = None
        self.first_done = asyncio.Event()  # the start-up purge has run (tests wait on it)

    def on_report(self, listener: Callable[[str], None]) -> None:
        """Hear the Dutch summary of each purge that removed something."""
        self._info.append(listener)

    async def purge_now(self) -> PurgeReport:
        now = self.clock.now()
        report = await self._store.purge_closed_before(retention_cutoff(now, self.days))
        self.last = report
        # Counts only: the log and the trail never hold personal data.
        log.info("retention purge: %s", report.detail())
        if report.removed_anything:
            await self._audit.append(
                AuditEntry(
                    at=now,
                    actor="system",
                    action=AuditAction.RETENTION_PURGE,
                    screen=AuditScreen.RETENTION_JOB,
                    detail=report.detail(),
                )
            )
            for listener in list(self._info):
                listener(report.summary())
        return report

    def start(self, *, delay: float = 0.0) -> None:
        """Purge after ``delay`` seconds, then every day."""
        self.tasks.spawn(self._run(delay), what="bewaartermijn")

    async def _run(self, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        while True:
            try:
                await self.purge_now()
            except Exception as exc:  # reported; the next day's run tries again
                self.tasks.report(exc, what="bewaartermijn")
            self.first_done.set()
            await asyncio.sleep(self._every)

    async def aclose(self) -> None:
        await self.tasks.aclose()
