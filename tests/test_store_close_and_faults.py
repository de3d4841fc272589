"""The store is whole after every exit, and survives a full disk and corruption while running.

Real SQLite files on real file systems: the full-disk test mounts a small tmpfs of its own
(root only; CI runs as root and the test fails there instead of skipping).
"""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.app import STORE_FILE
from console.domain import lifecycle
from console.domain.model import Owner
from console.ports import StoreError
from offline_cache.database import Database
from offline_cache.repositories import SqlInteractionRepository
from tests.helpers import running_app, signal_until
from tests.test_store import make

CTRL = Qt.KeyboardModifier.ControlModifier


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


def test_a_read_asked_while_the_store_closes_is_dropped_not_failed(tmp_path):
    """A screen refreshing as the window closes: its read ends quietly (cancelled), and the
    store still closes with the file whole — no "failed: RuntimeError" from a stopped thread."""

    async def scenario():
        db = await Database.open(tmp_path / STORE_FILE)
        closing = asyncio.ensure_future(db.close())
        await asyncio.sleep(0)  # close() has begun
        with pytest.raises(asyncio.CancelledError):
            await db.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar_one())
        await closing
        with pytest.raises(asyncio.CancelledError):
            await db.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar_one())

    asyncio.run(scenario())
    with sqlite3.connect(tmp_path / STORE_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs of the test's own, unmounted afterwards: a disk that can really fill."""
    mount = tmp_path / "disk"
    mount.mkdir()
    reason = None
    if os.geteuid() != 0:
        reason = "mounting a tmpfs needs root"
    else:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(mount)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            reason = f"mount failed: {done.stderr.strip()}"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the full-disk test needs its own tmpfs in CI: {reason}")
        pytest.skip(reason)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(directory: Path) -> Path:
    """Take every free byte of ``directory``'s file system; returns the file to delete."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        block = b"\0" * 65536
        while True:
            try:
                os.write(fd, block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_keeps_the_typed_note_says_so_and_saving_works_once_space_is_free(
    qloop, small_disk, clock
):
    from tests.test_callback_e2e import _dialog_on_new_item, _pick

    summary = "Inwoner vraagt of de container morgen wordt geleegd"

    async def scenario():
        seen = {}
        async with running_app(small_disk, clock) as app:
            item, dialog = await _dialog_on_new_item(app)
            await _pick(dialog, "Bram Verh")  # out of office: take the advice (F4)
            dialog.summary.setFocus()
            QTest.keyClick(dialog.summary, Qt.Key.Key_F4)
            await signal_until(
                dialog.picker.checked,
                lambda: (
                    dialog.picker.check is not None
                    and dialog.picker.check.target == Owner.colleague("c22")
                ),
            )
            dialog.summary.setPlainText(summary)
            await app.db.checkpoint()  # an empty -wal: the next commit must grow a file
            filler = fill(small_disk)

            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            seen["open_while_full"] = dialog.isVisible()
            seen["notice"] = dialog.notice.text()
            seen["message"] = app.window.messages.text()
            seen["kept"] = (dialog.summary.toPlainText(), dialog.name.text())
            # Reading goes on while the disk is full: the inbox still answers.
            seen["readable"] = await app.interactions.get(item.id) is not None

            filler.unlink()  # the user frees space; no restart
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            seen["closed_after"] = not dialog.isVisible() and dialog.saved_note is not None
            note_id = dialog.saved_note.id if dialog.saved_note else None
            seen["stored"] = await app.db.read(
                lambda conn: conn.exec_driver_sql(
                    "SELECT count(*) FROM interaction WHERE id = ? AND question LIKE ?",
                    (note_id, f"%{summary}%"),
                ).scalar_one()
            )
        return seen

    seen = qloop.run_until_complete(scenario())
    assert seen["open_while_full"], "the dialog closed while nothing was saved"
    assert "schijf is vol" in seen["notice"] and "NIET opgeslagen" in seen["notice"]
    for text in (seen["notice"], seen["message"]):
        assert "bewaard" not in text, f"a false promise: {text!r}"
    assert seen["kept"][0] == summary and seen["kept"][1]
    assert seen["readable"]
    assert seen["closed_after"], "saving again after freeing space did not work"
    assert seen["stored"] == 1


def test_damage_found_while_running_stops_writes_keeps_a_copy_and_reads_go_on(tmp_path):
    path = tmp_path / STORE_FILE

    async def scenario():
        db = await Database.open(path)
        repo = SqlInteractionRepository(db)
        try:
            await repo.add_many([lifecycle.received(make(n)) for n in range(1, 21)])
            # Another program damages the file under the running console: the urgency index
            # now points at the timeline table's pages.
            with sqlite3.connect(path) as other:
                other.execute("PRAGMA writable_schema=ON")
                timeline_root = other.execute(
                    "SELECT rootpage FROM sqlite_master WHERE name = 'timeline'"
                ).fetchone()[0]
                other.execute(
                    "UPDATE sqlite_master SET rootpage = ? WHERE name = 'ix_inbox_open'",
                    (timeline_root,),
                )
                version = other.execute("PRAGMA schema_version").fetchone()[0]
                other.execute(f"PRAGMA schema_version = {version + 1}")  # others reload it
            errors = []
            for n in (21, 22):  # the second write is refused before it touches the file
                with pytest.raises(StoreError) as info:
                    await repo.add(lifecycle.received(make(n)))
                errors.append(info.value.message)
            with pytest.raises(StoreError):  # a write elsewhere is refused too
                await db.write(lambda conn: conn.exec_driver_sql("DELETE FROM resident") and [])
            readable = await repo.get("i000003")
            return errors, readable
        finally:
            await db.close()

    errors, readable = asyncio.run(scenario())
    assert "beschadigd" in errors[0] and "NIET opgeslagen" in errors[0]
    assert errors[1] == errors[0]
    copies = sorted(tmp_path.glob(f"{STORE_FILE}.beschadigd-*"))
    assert copies, "no copy of the damaged file was kept"
    assert str(copies[0].name) in errors[0]
    assert readable is not None and readable.subject == "Onderwerp 3"
