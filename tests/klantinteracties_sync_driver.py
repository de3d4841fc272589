"""A small sync driver for the kill test: syncs one store against the test server, then exits.

Run as ``python -m tests.klantinteracties_sync_driver STORE URL``. Prints ``syncing`` when it
starts to deliver and ``done`` when the outbox is empty. The kill test SIGKILLs it at random
moments; nothing here tries to be tidy about that.

With ``--fork`` it imports everything once and then, for every line on stdin, forks a fresh
driver process (printing ``pid N``, and ``exit N`` when that child ends): the child is a whole
process with its own SQLite connection and sockets, started in milliseconds instead of the
second the imports take, so 20 kills stay fast.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from console.clock import FakeClock
from console.domain.model import Owner
from console.ports import RemoteUnavailable
from integrations.klantinteracties.adapter import KlantinteractiesAdapter
from integrations.klantinteracties.client import KlantinteractiesClient, RetryPolicy
from offline_cache.database import Database
from offline_cache.sync import SyncEngine
from tests.klantinteracties_server import TOKEN
from tests.klantinteracties_sync import AGENT, DESK, NoSleep


async def main(store: Path, url: str) -> int:
    db = await Database.open(store)
    sleep = NoSleep()
    client = KlantinteractiesClient(
        base_url=url, token=TOKEN, timeout=2.0, retry=RetryPolicy(attempts=4), sleep=sleep
    )
    adapter = KlantinteractiesAdapter(client, agent_actor=None, agent_id=AGENT)
    engine = SyncEngine(
        db,
        adapter,
        clock=FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)),
        owners=lambda: [Owner.desk(DESK)],
        sleep=sleep,
    )
    print("syncing", flush=True)
    try:
        for _ in range(50):
            try:
                await engine.sync_once()
            except RemoteUnavailable:
                continue
            if await engine.waiting() == 0:
                print("done", flush=True)
                return 0
        return 1
    finally:
        await client.aclose()
        await db.close()


def fork_server(store: Path, url: str) -> int:
    import os

    for _line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = asyncio.run(main(store, url))
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--fork":
        sys.exit(fork_server(Path(sys.argv[2]), sys.argv[3]))
    sys.exit(asyncio.run(main(Path(sys.argv[1]), sys.argv[2])))
