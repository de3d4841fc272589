"""Versioned schema migrations, tracked in ``PRAGMA user_version``.

Each migration runs once, in order, inside one transaction with the version bump, so a crash
half-way leaves the previous version intact. Append new migrations; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from offline_cache import quarantine
from offline_cache.tx import immediate, reading


def _run(conn: Connection, statements: tuple[str, ...]) -> None:
    for statement in statements:
        conn.exec_driver_sql(statement)


# Released migrations are literal DDL: they once built their tables from the live model classes
# (offline_cache.schema), so a later change to a class would have changed what an old release's
# migration creates (issue 11). These are the statements those classes produced at release.
_V1_TABLES = (
    "CREATE TABLE interaction (seq INTEGER NOT NULL, id VARCHAR NOT NULL, "
    "channel VARCHAR NOT NULL, direction VARCHAR NOT NULL, subject VARCHAR NOT NULL, "
    "question VARCHAR NOT NULL, received_at VARCHAR NOT NULL, owner_kind VARCHAR NOT NULL, "
    "owner_id VARCHAR NOT NULL, desk_id VARCHAR NOT NULL, status VARCHAR NOT NULL, "
    "is_open INTEGER NOT NULL, resident_id VARCHAR, resident_name VARCHAR, "
    "question_kind VARCHAR NOT NULL, priority INTEGER NOT NULL, deadline VARCHAR NOT NULL, "
    "outcome VARCHAR, transfers INTEGER NOT NULL, updated_at VARCHAR, closed_at VARCHAR, "
    "created_by VARCHAR, PRIMARY KEY (seq))",
    "CREATE UNIQUE INDEX ix_interaction_id ON interaction (id)",
    "CREATE INDEX ix_interaction_resident_id ON interaction (resident_id)",
    "CREATE TABLE status_change (seq INTEGER NOT NULL, interaction_id VARCHAR NOT NULL, "
    'at VARCHAR NOT NULL, "by" VARCHAR NOT NULL, old VARCHAR, new VARCHAR NOT NULL, '
    "PRIMARY KEY (seq))",
    "CREATE INDEX ix_status_change_interaction_id ON status_change (interaction_id)",
    "CREATE TABLE timeline (seq INTEGER NOT NULL, interaction_id VARCHAR NOT NULL, "
    "at VARCHAR NOT NULL, actor VARCHAR NOT NULL, kind VARCHAR NOT NULL, "
    "text VARCHAR NOT NULL, PRIMARY KEY (seq))",
    "CREATE INDEX ix_timeline_interaction_id ON timeline (interaction_id)",
    "CREATE TABLE resident (id VARCHAR NOT NULL, name VARCHAR NOT NULL, phone VARCHAR, "
    "phone2 VARCHAR, email VARCHAR, village VARCHAR, address VARCHAR, PRIMARY KEY (id))",
    "CREATE INDEX ix_resident_phone ON resident (phone)",
    "CREATE INDEX ix_resident_phone2 ON resident (phone2)",
)


def _v1_inbox(conn: Connection) -> None:
    _run(conn, _V1_TABLES)
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


_V3_TABLES = (
    "CREATE TABLE callback_note (id VARCHAR NOT NULL, resident_name VARCHAR NOT NULL, "
    "resident_id VARCHAR, phone VARCHAR NOT NULL, phone2 VARCHAR, email VARCHAR NOT NULL, "
    "summary VARCHAR NOT NULL, best_time VARCHAR NOT NULL, creator VARCHAR NOT NULL, "
    "source_interaction_id VARCHAR, advice VARCHAR NOT NULL, override_reason VARCHAR NOT NULL, "
    "follow_up VARCHAR NOT NULL, outcome_text VARCHAR NOT NULL, PRIMARY KEY (id))",
    "CREATE INDEX ix_callback_note_phone2 ON callback_note (phone2)",
    "CREATE INDEX ix_callback_note_phone ON callback_note (phone)",
    "CREATE INDEX ix_callback_note_creator ON callback_note (creator)",
    "CREATE INDEX ix_callback_note_resident_id ON callback_note (resident_id)",
    "CREATE TABLE callback_attempt (seq INTEGER NOT NULL, note_id VARCHAR NOT NULL, "
    'at VARCHAR NOT NULL, "by" VARCHAR NOT NULL, outcome VARCHAR NOT NULL, '
    "remark VARCHAR NOT NULL, PRIMARY KEY (seq))",
    "CREATE INDEX ix_callback_attempt_note_id ON callback_attempt (note_id)",
    'CREATE TABLE callback_draft ("key" VARCHAR NOT NULL, body VARCHAR NOT NULL, '
    'updated_at VARCHAR NOT NULL, PRIMARY KEY ("key"))',
)


def _v3_callback_notes(conn: Connection) -> None:
    _run(conn, _V3_TABLES)
    # "Mijn terugbelnotities" and the creator's N3 check read these in deadline order.
    conn.exec_driver_sql(
        "CREATE INDEX ix_interaction_callback ON interaction (channel, is_open, deadline)"
    )


def _v4_call_records(conn: Connection) -> None:
    """Issue 4: a side table for phone calls (timings, wrap-up outcome, satisfaction 1–10)."""
    conn.exec_driver_sql(
        "CREATE TABLE call_record (interaction_id VARCHAR NOT NULL, number VARCHAR NOT NULL, "
        "rang_at VARCHAR NOT NULL, answered_at VARCHAR, ended_at VARCHAR, outcome VARCHAR, "
        "satisfaction INTEGER, PRIMARY KEY (interaction_id))"
    )


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


def _v6_call_result(conn: Connection) -> None:
    """Issue 18: how each call ended (answered, missed, abandoned, refused) as its own column.

    Records from before get their result from what they knew: answered when answered_at is
    set, otherwise missed. Tolerates a table that already has the column (a v4 built from the
    live model class).
    """
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(call_record)")}
    if "result" not in columns:
        conn.exec_driver_sql("ALTER TABLE call_record ADD COLUMN result TEXT")
    conn.exec_driver_sql(
        "UPDATE call_record SET result = CASE WHEN answered_at IS NOT NULL THEN 'answered' "
        "ELSE 'missed' END WHERE result IS NULL"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_call_record_rang ON call_record (rang_at)")


def _v7_audit_log(conn: Connection) -> None:
    """Issue 11: the privacy audit trail (AVG), append-only in SQLite itself."""
    conn.exec_driver_sql(
        "CREATE TABLE audit_log ("
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "at TEXT NOT NULL, "
        "actor TEXT NOT NULL, "  # colleague id, or 'system'
        "action TEXT NOT NULL, "  # opened | trail_viewed | trail_exported | retention_purge
        "screen TEXT NOT NULL, "
        "record_id TEXT, "
        "resident_id TEXT, "
        "detail TEXT NOT NULL DEFAULT '')"
    )
    conn.exec_driver_sql("CREATE INDEX ix_audit_resident ON audit_log (resident_id, seq)")
    # No code path may rewrite history: the store itself refuses it.
    for verb in ("UPDATE", "DELETE"):
        conn.exec_driver_sql(
            f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log BEGIN "
            "SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def _v8_folded_search(conn: Connection) -> None:
    """Issue 11: one folded search index (Yıldız, Kılıç, ĳ, Greek, NFD; numbers, e-mail, postcode).

    Replaces v1's interaction_fts, which folded with SQLite's own rules (no Turkish ı, no ĳ) and
    held no phone numbers, e-mail addresses or postcodes. The triggers call kcc_search_text
    (offline_cache.search), registered on every connection the console opens. Rebuilding the
    index reads every interaction once: 30–100 µs of Python folding each, so a store of 10⁶
    contacts takes one to two minutes, once, at its first start after the update.
    """
    from offline_cache.search import reindex_sql

    for name in ("interaction_ai", "interaction_ad", "interaction_au"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS interaction_fts")
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE interaction_search USING fts5("
        "body, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.exec_driver_sql(reindex_sql("1"))
    one = "i.seq = new.seq"
    conn.exec_driver_sql(
        f"CREATE TRIGGER interaction_search_ai AFTER INSERT ON interaction BEGIN "
        f"{reindex_sql(one)}; END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER interaction_search_ad AFTER DELETE ON interaction BEGIN "
        "DELETE FROM interaction_search WHERE rowid = old.seq; END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER interaction_search_au AFTER UPDATE OF subject, question, "
        "resident_name, resident_id ON interaction BEGIN "
        "DELETE FROM interaction_search WHERE rowid = old.seq; "
        f"{reindex_sql(one)}; END"
    )
    # A note's numbers and e-mail, and a resident's, are searchable on their contacts too.
    note = "i.id = new.id"
    for event in ("INSERT", "UPDATE OF phone, phone2, email"):
        suffix = "ai" if event == "INSERT" else "au"
        conn.exec_driver_sql(
            f"CREATE TRIGGER callback_note_search_{suffix} AFTER {event} ON callback_note BEGIN "
            "DELETE FROM interaction_search WHERE rowid = "
            "(SELECT seq FROM interaction WHERE id = new.id); "
            f"{reindex_sql(note)}; END"
        )
    resident = "i.resident_id = new.id"
    conn.exec_driver_sql(
        "CREATE TRIGGER resident_search_ai AFTER INSERT ON resident BEGIN "
        "DELETE FROM interaction_search WHERE rowid IN "
        "(SELECT seq FROM interaction WHERE resident_id = new.id); "
        f"{reindex_sql(resident)}; END"
    )
    # Only a real change re-indexes: the demo upserts every resident at each start.
    conn.exec_driver_sql(
        "CREATE TRIGGER resident_search_au AFTER UPDATE ON resident "
        "WHEN old.phone IS NOT new.phone OR old.phone2 IS NOT new.phone2 "
        "OR old.email IS NOT new.email OR old.address IS NOT new.address BEGIN "
        "DELETE FROM interaction_search WHERE rowid IN "
        "(SELECT seq FROM interaction WHERE resident_id = new.id); "
        f"{reindex_sql(resident)}; END"
    )


def _v10_channels(conn: Connection) -> None:
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


def _v11_timeline_data(conn: Connection) -> None:
    """Issue 16: a timeline line keeps its sentence as data (JSON of ``Text.as_data()``).

    The UI shows history in the chosen language from it; ``text`` stays the Dutch rendering
    (search, older readers); rows written before this version have no data and show ``text``.
    """
    conn.exec_driver_sql("ALTER TABLE timeline ADD COLUMN data TEXT")


# Numbered by position: supervision, callback notes, call records and the outbox were built
# side by side;
# all are additive, so their order does not matter beyond being fixed from now on.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_inbox,
    _v2_supervision,
    _v3_callback_notes,
    _v4_call_records,
    _v5_outbox,
    _v6_call_result,
    _v7_audit_log,
    _v8_folded_search,
    quarantine.v9_quarantine,  # issue 10: unreadable answers kept aside
    # Issue 14 (channels), appended.
    _v10_channels,
    # Issue 16 (history as data), appended.
    _v11_timeline_data,
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
