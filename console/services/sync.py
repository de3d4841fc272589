"""The sync use case: keeps the local store and the system of record in step, in the background.

Event-loop thread only; Qt-free. ``SyncService`` owns one loop task (through ``TaskGroup``) that
runs ``engine.sync_once`` when something was written (an ``outbox`` change notice), on an
interval, or when asked (``sync_now``). Offline is normal: failures back off (injected
``sleep``) and show in the status (online / offline, waiting entries, last success); the user
keeps working from the local store, which never waits on the network.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from console.domain.model import Interaction
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import (
    ChangeFeed,
    ChangeNotice,
    Clock,
    RemoteAuthFailed,
    RemoteError,
    RemoteUnavailable,
    SyncStatus,
)
from console.services.tasks import TaskGroup

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
SLOW_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Het klantcontactsysteem antwoordt te traag. Uw werk is bewaard; de console probeert het "
    "straks opnieuw.",
)


class SyncEngineLike(Protocol):
    """What the service needs of the engine (``offline_cache.sync.SyncEngine``)."""

    async def sync_once(self) -> Any: ...

    async def status(self, *, online: bool | None, message: str | None = None) -> SyncStatus: ...

    async def conflicts(self) -> list[tuple[Interaction, dict[str, Any]]]: ...

    async def resolve(self, interaction_id: str, *, keep_local: bool) -> None: ...

    async def not_sent(self) -> list[Any]: ...

    async def retry(self, entity_id: str) -> None: ...

    async def quarantined(self) -> list[Any]: ...

    async def dismiss(self, key: str) -> None: ...


class SyncService:
    """See the module docstring. ``start()`` once; ``aclose()`` at teardown."""

    def __init__(
        self,
        *,
        engine: SyncEngineLike,
        changes: ChangeFeed,
        clock: Clock,
        interval: float = 30.0,
        max_backoff: float = 300.0,
        sleep: Sleep | None = None,
        round_deadline: float = 120.0,
        peek_interval: float | None = 3.0,
    ) -> None:
        self._engine = engine
        self._changes = changes
        self._clock = clock
        self._interval = interval
        self._max_backoff = max_backoff
        # Every round ends: a server that answers too slowly never holds the loop (issue 10).
        self._round_deadline = round_deadline
        self._sleep = sleep
        self._wake = asyncio.Event()
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self.tasks = TaskGroup()
        self.status = SyncStatus(online=None, waiting=0)
        self.rounds = 0
        # Between rounds a cheap look every few seconds (B13: a colleague's note within 5 s,
        # at most one request a second when nothing changes); None: rounds only.
        self._peek_interval = peek_interval
        self._delivering: asyncio.Task[None] | None = None
        self._deliver_again = False

    # -- listeners ---------------------------------------------------------------------------

    def on_status(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        listener(self.status)
        return lambda: self._listeners.remove(listener)

    def _publish(self, status: SyncStatus) -> None:
        self.status = status
        for listener in list(self._listeners):
            listener(status)

    # -- the loop ----------------------------------------------------------------------------

    def start(self) -> None:
        self._unsubscribe = self._changes.subscribe(self._on_store_changed)
        self.tasks.spawn(self._run(), what="synchroniseren")

    def _on_store_changed(self, notice: ChangeNotice) -> None:
        if notice.entity == "outbox" and notice.initiator != "sync":
            if getattr(self._engine, "deliver_new", None) is None:
                self._wake.set()
            else:
                # The save goes out first and alone; the round (pull, then updates) after it,
                # so the pull neither holds the save back nor competes with it (B10).
                self._deliver_soon()

    # -- a save goes out at once (B10) -----------------------------------------------------

    def _deliver_soon(self) -> None:
        """Send new records now, beside a pull that may be running; the round does the rest.

        Coalesced: saves made while a delivery runs go out in one more pass after it.
        """
        if self._delivering is not None and not self._delivering.done():
            self._deliver_again = True
            return
        self._delivering = self.tasks.spawn(self._deliver(), what="versturen")

    async def _deliver(self) -> None:
        try:
            while True:
                self._deliver_again = False
                try:
                    async with asyncio.timeout(self._round_deadline):
                        await self._engine.deliver_new()  # type: ignore[attr-defined]
                except (TimeoutError, RemoteError):
                    return  # the round tries again, shows the status and backs off
                if not self._deliver_again:
                    return
        finally:
            self._wake.set()  # then a round: updates, the pull, the status

    def sync_now(self) -> None:
        self._wake.set()

    async def _pause(self, seconds: float) -> None:
        if self._sleep is not None:
            await self._sleep(seconds)
            return
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation that
        # arrives as the event is set, and teardown would then wait forever.
        try:
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        except TimeoutError:
            pass

    async def _run(self) -> None:
        failures = 0
        self._publish(await self._engine.status(online=None))
        while True:
            self._wake.clear()
            try:
                async with asyncio.timeout(self._round_deadline):
                    await self._engine.sync_once()
            except TimeoutError:
                failures += 1
                self._publish(await self._engine.status(online=False, message=SLOW_MESSAGE))
            except RemoteAuthFailed as exc:
                failures += 1
                self._publish(await self._engine.status(online=False, message=exc.message))
            except RemoteUnavailable as exc:
                failures += 1
                self._publish(await self._engine.status(online=False, message=exc.message))
            except RemoteError as exc:
                failures += 1
                self._publish(await self._engine.status(online=True, message=exc.message))
            else:
                failures = 0
                self._publish(await self._engine.status(online=True))
            self.rounds += 1
            if failures:
                delay = min(self._max_backoff, self._interval * 2 ** min(failures - 1, 6) / 4)
            else:
                delay = self._interval
            if failures:
                await self._pause(delay)
            else:
                await self._until_next_round(delay)

    async def _until_next_round(self, delay: float) -> None:
        """Wait ``delay`` or until woken, looking every ``peek_interval`` for news (B13)."""
        anything_new = getattr(self._engine, "anything_new", None)
        if anything_new is None or self._peek_interval is None or self._sleep is not None:
            await self._pause(delay)
            return
        loop = asyncio.get_running_loop()
        end = loop.time() + delay
        while (left := end - loop.time()) > 0:
            await self._pause(min(self._peek_interval, left))
            if self._wake.is_set() or loop.time() >= end:
                return
            try:
                if await anything_new():
                    return
            except RemoteError:
                return  # the round finds out, reports it and backs off

    # -- conflicts (a local edit to something that changed on the server) ----------------------

    async def conflicts(self) -> list[tuple[Interaction, dict[str, Any]]]:
        """Each conflict: our version, and what the server holds (``remote["state"]``)."""
        return await self._engine.conflicts()

    async def resolve(self, interaction_id: str, *, keep_local: bool) -> None:
        """Send our version anyway (``keep_local``) or take the server's; then sync again."""
        await self._engine.resolve(interaction_id, keep_local=keep_local)
        self.sync_now()

    # -- "Niet verzonden" and quarantine (issue 10) ----------------------------------------

    async def not_sent(self) -> list[Any]:
        """Refused writes: ``entity_id``, ``subject``, ``reason`` (the server's, in Dutch)."""
        return await self._engine.not_sent()

    async def retry(self, entity_id: str) -> None:
        """"Opnieuw proberen": send the refused writes of one item again, now."""
        await self._engine.retry(entity_id)
        self.sync_now()

    async def quarantined(self) -> list[Any]:
        """Answers that could not be read: ``message``, ``raw``, ``first_seen``, ``times``."""
        return await self._engine.quarantined()

    async def dismiss(self, key: str) -> None:
        await self._engine.dismiss(key)
        self._publish(await self._engine.status(online=self.status.online))

    async def aclose(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        await self.tasks.aclose()
