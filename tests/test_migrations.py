"""Migrations are frozen, and a store of every released version upgrades to today's.

``tests/data/released_schemas.json`` holds the schema after each released migration, as built
at its release. A released migration that changes (or builds from a model class that changed)
fails the first test; the last test upgrades a store made at each released version, with data in
it, through the real ``Database.open``.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import offline_cache.callback_notes  # noqa: F401 - registers the callback tables' classes
from offline_cache import schema
from offline_cache.database import Database
from offline_cache.migrations import MIGRATIONS
from offline_cache.repositories import SqlInteractionRepository
from offline_cache.tx import immediate
from tests.schema_snapshot import SNAPSHOTS, released, snapshot

RELEASED = json.loads(SNAPSHOTS.read_text())


def test_released_migrations_still_build_exactly_the_released_schemas():
    assert released(len(RELEASED)) == RELEASED


def test_the_model_classes_describe_the_real_tables(tmp_path):
    asyncio.run(_open_and_close(tmp_path / "s.sqlite3"))
    with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
        for table in SQLModel.metadata.sorted_tables:
            real = {c[1] for c in conn.execute(f"PRAGMA table_info('{table.name}')")}
            assert real, f"{table.name} has a model class but no table"
            assert {c.name for c in table.columns} == real, table.name
    assert "satisfaction" in schema.InteractionRow.__table__.columns


async def _open_and_close(path):
    db = await Database.open(path)
    await db.close()
    return db.schema_version


# One row per table that exists at each version, written with that version's columns.
_ROWS = {
    1: [
        "INSERT INTO interaction (id, channel, direction, subject, question, received_at, "
        "owner_kind, owner_id, desk_id, status, is_open, resident_id, resident_name, "
        "question_kind, priority, deadline, transfers, updated_at) VALUES ('old-1', 'mail', "
        "'inbound', 'Paspoort kwijt', 'Waar vraag ik een nieuw aan?', '2026-01-05T09:00:00Z', "
        "'desk', 'kcc', 'kcc', 'new', 1, 'r1', 'Ayşe Yıldız', 'general', 1, "
        "'2026-01-06T09:00:00Z', 0, '2026-01-05T09:00:00Z')",
        "INSERT INTO timeline (interaction_id, at, actor, kind, text) VALUES "
        "('old-1', '2026-01-05T09:00:00Z', 'system', 'received', '')",
        "INSERT INTO resident (id, name, phone) VALUES ('r1', 'Ayşe Yıldız', '+31612345678')",
    ],
    3: [
        "INSERT INTO callback_note (id, resident_name, phone, email, summary, best_time, "
        "creator, advice, override_reason, follow_up, outcome_text) VALUES ('old-1', "
        "'Ayşe Yıldız', '+31612345678', '', 'Terugbellen', '', 'c01', '', '', 'none', '')",
    ],
    4: [
        "INSERT INTO call_record (interaction_id, number, rang_at) VALUES "
        "('old-1', '+31612345678', '2026-01-05T09:00:00Z')",
    ],
    5: [
        "INSERT INTO sync_meta (key, value) VALUES ('cursor', 'x')",
    ],
}


def _store_at(path, version: int) -> None:
    """A store as the release with ``version`` left it: its migrations, then its data."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.isolation_level = None  # type: ignore[union-attr]
        for number, step in enumerate(MIGRATIONS[:version], start=1):
            with immediate(conn):
                step(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {number}")
        for number, statements in _ROWS.items():
            if number <= version:
                for statement in statements:
                    raw.execute(statement)  # type: ignore[union-attr]
    engine.dispose()


@pytest.mark.parametrize("version", sorted(int(v) for v in RELEASED))
def test_a_store_of_every_released_version_upgrades_to_today_with_its_data(tmp_path, version):
    old = tmp_path / "old.sqlite3"
    _store_at(old, version)
    with sqlite3.connect(old) as conn:
        assert snapshot(conn) == RELEASED[str(version)]  # really that release's store

    async def upgrade():
        db = await Database.open(old)
        try:
            repo = SqlInteractionRepository(db)
            return db.schema_version, await repo.get("old-1")
        finally:
            await db.close()

    version_now, item = asyncio.run(upgrade())
    fresh = tmp_path / "fresh.sqlite3"
    asyncio.run(_open_and_close(fresh))
    assert version_now == len(MIGRATIONS)
    with sqlite3.connect(old) as upgraded, sqlite3.connect(fresh) as new:
        assert snapshot(upgraded) == snapshot(new)
        assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = {
            table: upgraded.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("interaction", "timeline", "resident")
        }
    assert item is not None and item.subject == "Paspoort kwijt"
    assert item.resident_name == "Ayşe Yıldız"
    assert kept == {"interaction": 1, "timeline": 1, "resident": 1}
