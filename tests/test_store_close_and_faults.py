"""The store is whole after every exit, and survives a full disk and corruption while running.

Real SQLite files on real file systems: the full-disk test mounts a small tmpfs of its own
(root only; CI runs as root and the test fails there instead of skipping).
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3

from console.app import STORE_FILE
from console.domain import lifecycle
from tests.helpers import running_app
from tests.test_store import make


def test_after_a_normal_exit_the_sqlite3_file_alone_holds_every_note(tmp_path, clock):
    data = tmp_path / "data"

    async def scenario():
        async with running_app(data, clock, with_window=False, seed_backlog=True) as app:
            await app.interactions.add_many([lifecycle.received(make(n)) for n in range(1, 41)])
            rows = await app.db.read(
                lambda conn: [r[0] for r in conn.exec_driver_sql("SELECT id FROM interaction")]
            )
        return rows

    ids = asyncio.run(scenario())
    assert len(ids) > 40  # the morning's backlog and our own forty
    assert not (data / f"{STORE_FILE}-wal").exists(), "the -wal file was left behind"
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy2(data / STORE_FILE, backup / STORE_FILE)  # what a file-only backup takes
    with sqlite3.connect(backup / STORE_FILE) as conn:
        copied = {r[0] for r in conn.execute("SELECT id FROM interaction")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copied == set(ids)
