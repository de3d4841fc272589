"""The callback note tables: an existing v1 store is upgraded, and a note is one transaction."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from sqlalchemy import create_engine

from console.domain import lifecycle
from console.domain.callbacks import CallbackNote
from console.domain.model import Channel, Direction, Interaction, Owner
from console.ports import StoreError
from offline_cache.callback_notes import SqlCallbackNoteRepository
from offline_cache.database import Database
from offline_cache.migrations import MIGRATIONS
from offline_cache.tx import immediate


def _note(clock, note_id: str = "n1") -> tuple[CallbackNote, lifecycle.Change]:
    now = clock.now()
    item = Interaction(
        id=note_id,
        channel=Channel.CALLBACK_NOTE,
        direction=Direction.OUTBOUND,
        subject="Terugbellen: vraag",
        question="vraag",
        received_at=now,
        owner=Owner.colleague("c22"),
        desk_id="bo_wmo",
        deadline=now,
        updated_at=now,
        created_by="c01",
    )
    note = CallbackNote(
        id=note_id,
        resident_name="Piet",
        phones=("+31612345678",),
        summary="vraag",
        assignee=item.owner,
        desk_id="bo_wmo",
        creator="c01",
        created=now,
        deadline=now,
    )
    return note, lifecycle.received(item)


def test_a_version_1_store_gets_the_callback_tables(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.connection.driver_connection.isolation_level = None
        with immediate(conn):
            MIGRATIONS[0](conn)
            conn.exec_driver_sql("PRAGMA user_version = 1")
    engine.dispose()

    async def scenario():
        db = await Database.open(path)
        try:
            notes = SqlCallbackNoteRepository(db)
            note, change = _note(clock)
            await notes.add(note, change, source=None)
            return db.schema_version, await notes.get("n1")
        finally:
            await db.close()

    version, stored = asyncio.run(scenario())
    assert version == len(MIGRATIONS)
    assert stored.phones == ("+31612345678",) and stored.assignee == Owner.colleague("c22")


def test_a_failed_note_write_leaves_neither_the_interaction_nor_the_note(tmp_path, clock):
    async def scenario():
        db = await Database.open(tmp_path / "s.sqlite3")
        try:
            notes = SqlCallbackNoteRepository(db)
            note, change = _note(clock)
            await notes.add(note, change, source=None)
            # Same note row again under a new interaction id: the note insert fails after the
            # interaction insert; the transaction must take both back.
            other = dataclasses.replace(change.interaction, id="n2")
            with pytest.raises(StoreError):
                await notes.add(note, dataclasses.replace(change, interaction=other), source=None)

            def count(conn):
                return conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar_one()

            return await db.read(count)
        finally:
            await db.close()

    assert asyncio.run(scenario()) == 1
