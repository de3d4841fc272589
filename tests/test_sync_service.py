"""The sync service on plain asyncio: offline is shown, it backs off, it comes back online."""

from __future__ import annotations

import asyncio

from console.ports import RemoteUnavailable, SyncStatus


class FakeFeed:
    def __init__(self) -> None:
        self.callbacks = []

    def subscribe(self, callback):
        self.callbacks.append(callback)
        return lambda: self.callbacks.remove(callback)


class ScriptedEngine:
    """Fails while ``down``; reports what it was asked."""

    def __init__(self) -> None:
        self.down = True
        self.calls = 0
        self.last_online = None

    async def sync_once(self):
        self.calls += 1
        if self.down:
            raise RemoteUnavailable("Het klantcontactsysteem is nu niet bereikbaar.")
        return None

    async def status(self, *, online, message=None):
        return SyncStatus(online=online, waiting=0 if online else 3, message=message)


def test_offline_is_shown_with_backoff_and_online_after_recovery(clock):
    from console.services.sync import SyncService

    async def scenario():
        engine = ScriptedEngine()
        pauses = []
        seen = []
        recovered = asyncio.Event()

        async def sleep(seconds):
            pauses.append(seconds)
            if len(pauses) == 3:
                engine.down = False
            await asyncio.sleep(0)

        service = SyncService(
            engine=engine, changes=FakeFeed(), clock=clock, interval=20, sleep=sleep
        )

        def listen(status):
            seen.append(status)
            if status.online:
                recovered.set()

        service.on_status(listen)
        service.start()
        async with asyncio.timeout(5):
            await recovered.wait()
        await service.aclose()
        return pauses, seen

    pauses, seen = asyncio.run(scenario())
    offline = [s for s in seen if s.online is False]
    assert offline and offline[0].waiting == 3 and "niet bereikbaar" in offline[0].message
    assert pauses[:3] == [5.0, 10.0, 20.0]  # growing pauses while offline
    assert seen[-1].online is True


def test_a_round_that_hangs_ends_at_its_deadline_and_the_next_one_runs(clock):
    """A server that never finishes answering must not hold the sync loop (issue 10)."""
    from console.services.sync import SyncService

    class HangingOnce(ScriptedEngine):
        async def sync_once(self):
            self.calls += 1
            if self.calls == 1:
                await asyncio.Event().wait()  # never answers
            return None

    async def scenario():
        engine = HangingOnce()
        seen = []
        recovered = asyncio.Event()

        async def sleep(seconds):
            await asyncio.sleep(0)

        service = SyncService(
            engine=engine,
            changes=FakeFeed(),
            clock=clock,
            interval=20,
            sleep=sleep,
            round_deadline=0.05,
        )

        def listen(status):
            seen.append(status)
            if status.online:
                recovered.set()

        service.on_status(listen)
        service.start()
        async with asyncio.timeout(5):
            await recovered.wait()
        await service.aclose()
        return engine.calls, seen

    calls, seen = asyncio.run(scenario())
    slow = [s for s in seen if s.online is False]
    assert slow and "te traag" in slow[0].message
    assert calls >= 2 and seen[-1].online is True
