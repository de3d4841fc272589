"""Versioned schema migrations, tracked in ``PRAGMA user_version``.

Each migration runs once, in order, inside one transaction with the version bump, so a crash
half-way leaves the previous version intact. Append new migrations; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection
from sqlmodel import SQLModel

from offline_cache import schema
from offline_cache.tx import immediate, reading


def _v1_inbox(conn: Connection) -> None:
    SQLModel.metadata.create_all(
        conn,
        tables=[
            schema.InteractionRow.__table__,
            schema.StatusChangeRow.__table__,
            schema.TimelineRow.__table__,
            schema.ResidentRow.__table__,
        ],
    )
    # The inbox order is priority, deadline, waiting time: one index per state filter lets
    # SQLite walk rows in that order and stop after one page.
    conn.exec_driver_sql(
        "CREATE INDEX ix_inbox_open ON interaction (is_open, priority, deadline, received_at, seq)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_inbox_owner ON interaction "
        "(owner_id, is_open, priority, deadline, received_at, seq)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_inbox_desk ON interaction "
        "(desk_id, is_open, priority, deadline, received_at, seq)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_inbox_closed ON interaction (is_open, closed_at)")
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE interaction_fts USING fts5("
        "subject, question, resident_name, content='interaction', content_rowid='seq', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    # External-content FTS: triggers keep the index in step with the table.
    conn.exec_driver_sql(
        "CREATE TRIGGER interaction_ai AFTER INSERT ON interaction BEGIN "
        "INSERT INTO interaction_fts(rowid, subject, question, resident_name) "
        "VALUES (new.seq, new.subject, new.question, new.resident_name); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER interaction_ad AFTER DELETE ON interaction BEGIN "
        "INSERT INTO interaction_fts(interaction_fts, rowid, subject, question, resident_name) "
        "VALUES ('delete', old.seq, old.subject, old.question, old.resident_name); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER interaction_au AFTER UPDATE OF subject, question, resident_name "
        "ON interaction BEGIN "
        "INSERT INTO interaction_fts(interaction_fts, rowid, subject, question, resident_name) "
        "VALUES ('delete', old.seq, old.subject, old.question, old.resident_name); "
        "INSERT INTO interaction_fts(rowid, subject, question, resident_name) "
        "VALUES (new.seq, new.subject, new.question, new.resident_name); END"
    )


def _v2_supervision(conn: Connection) -> None:
    """The supervisor's dashboard: a satisfaction score per contact (N16), and indexes.

    The indexes serve its aggregate queries (period by arrival, first handling per item).
    """
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(interaction)")}
    if "satisfaction" not in columns:  # another branch may add the same column
        conn.exec_driver_sql(
            "ALTER TABLE interaction ADD COLUMN satisfaction INTEGER "
            "CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 10)"
        )
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_interaction_received ON interaction (received_at)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_timeline_first ON timeline (interaction_id, kind, at)"
    )


def _v3_callback_notes(conn: Connection) -> None:
    from offline_cache.callback_notes import TABLES

    SQLModel.metadata.create_all(conn, tables=list(TABLES))
    # "Mijn terugbelnotities" and the creator's N3 check read these in deadline order.
    conn.exec_driver_sql(
        "CREATE INDEX ix_interaction_callback ON interaction (channel, is_open, deadline)"
    )


def _v4_call_records(conn: Connection) -> None:
    """Issue 4: a side table for phone calls (timings, wrap-up outcome, satisfaction 1–10)."""
    SQLModel.metadata.create_all(conn, tables=[schema.CallRecordRow.__table__])


def _v5_outbox(conn: Connection) -> None:
    """The outbox of writes for the system of record, the links to it, and sync conflicts."""
    conn.exec_driver_sql(
        "CREATE TABLE outbox ("
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "entity_id TEXT NOT NULL, "
        "op TEXT NOT NULL, "  # create | update
        "payload TEXT NOT NULL, "  # JSON: the interaction as written (and a task, if any)
        "reference TEXT, "  # client reference of a create: the same over every retry
        "state TEXT NOT NULL, "  # pending | held | failed | delivered | superseded
        "sent INTEGER NOT NULL DEFAULT 0, "  # 1: an attempt may have reached the server
        "attempts INTEGER NOT NULL DEFAULT 0, "
        "created_at TEXT, "
        "delivered_at TEXT, "
        "last_error TEXT)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_outbox_state ON outbox (state, seq)")
    conn.exec_driver_sql("CREATE INDEX ix_outbox_entity ON outbox (entity_id, seq)")
    conn.exec_driver_sql(
        "CREATE TABLE remote_link ("
        "interaction_id TEXT PRIMARY KEY, "
        "klantcontact TEXT NOT NULL UNIQUE, "
        "internetaak TEXT, "
        "base TEXT, "  # JSON: the server's state when last seen (the merge base)
        "version TEXT, "  # the task's version when last seen: unchanged tasks are not fetched
        "synced_at TEXT)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_remote_link_task ON remote_link (internetaak)")
    conn.exec_driver_sql(
        "CREATE TABLE sync_conflict ("
        "interaction_id TEXT PRIMARY KEY, "
        "local TEXT NOT NULL, "
        "remote TEXT NOT NULL, "
        "detected_at TEXT)"
    )
    conn.exec_driver_sql("CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT)")


def _v6_channels(conn: Connection) -> None:
    """Issue 14: incoming channel messages (threads, de-duplication), cursors, reply outbox."""
    conn.exec_driver_sql(
        "CREATE TABLE channel_message ("
        "reference TEXT PRIMARY KEY, "  # outside reference: Message-ID, event id
        "interaction_id TEXT NOT NULL, "
        "source TEXT NOT NULL, "
        "incoming INTEGER NOT NULL, "
        "at TEXT NOT NULL, "
        "sender TEXT NOT NULL DEFAULT '', "
        "sender_name TEXT NOT NULL DEFAULT '', "
        "recipient TEXT NOT NULL DEFAULT '', "
        "recipient_name TEXT NOT NULL DEFAULT '', "
        "subject TEXT NOT NULL DEFAULT '', "
        "body_text TEXT NOT NULL DEFAULT '', "
        "body_html TEXT NOT NULL DEFAULT '', "
        "warnings TEXT NOT NULL DEFAULT '[]', "
        "automatic INTEGER NOT NULL DEFAULT 0, "
        "thread TEXT NOT NULL DEFAULT '[]', "  # references this message answers
        # Outgoing only: the reply outbox.
        "reply_id TEXT UNIQUE, "
        "kind TEXT, "
        "state TEXT, "  # waiting | sent | failed
        "attempts INTEGER NOT NULL DEFAULT 0, "
        "last_error TEXT, "
        "sent_at TEXT)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_channel_message_interaction ON channel_message (interaction_id, at)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_channel_message_waiting ON channel_message (state, at) "
        "WHERE state = 'waiting'"
    )
    conn.exec_driver_sql(
        "CREATE TABLE channel_attachment ("
        "reference TEXT NOT NULL, "
        "idx INTEGER NOT NULL, "
        "filename TEXT NOT NULL, "
        "content_type TEXT NOT NULL, "
        "size INTEGER NOT NULL, "
        "inline INTEGER NOT NULL DEFAULT 0, "
        "data BLOB, "
        "PRIMARY KEY (reference, idx))"
    )
    conn.exec_driver_sql(
        "CREATE TABLE channel_cursor (source TEXT PRIMARY KEY, cursor TEXT NOT NULL)"
    )


# Numbered by position: supervision, callback notes, call records and the outbox were built
# side by side;
# all are additive, so their order does not matter beyond being fixed from now on.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_inbox,
    _v2_supervision,
    _v3_callback_notes,
    _v4_call_records,
    _v5_outbox,
    # Issue 14 (channels), appended.
    _v6_channels,
]


def current_version(conn: Connection) -> int:
    with reading(conn):
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def migrate(conn: Connection) -> int:
    """Bring the schema to the latest version; returns that version.

    Raises:
        RuntimeError: the file was written by a newer console (its version is higher).
    """
    version = current_version(conn)
    if version > len(MIGRATIONS):
        raise RuntimeError(f"schema version {version} is newer than this console knows")
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        with immediate(conn):
            step(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)
