"""Answers from the system of record that could not be read: kept aside, never lost.

Database thread only (the functions take a ``Connection`` inside the caller's transaction).
A record that cannot be read (an HTML page instead of data, a task without uuid, a bad date)
or that was deleted on the server is stored here with the raw answer, so a person can open the
list and see what came; the sync goes on with the rest. The same answer seen again only bumps
``last_seen`` (one row per distinct answer).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    key: str
    message: str  # Dutch: what was wrong
    raw: str  # the answer as received
    internetaak: str | None
    first_seen: str
    last_seen: str
    times: int


def v9_quarantine(conn: Connection) -> None:
    """Migration: the quarantine table (issue 10). Idempotent, so merge order cannot hurt."""
    conn.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS sync_quarantine ("
        "key TEXT PRIMARY KEY, "
        "message TEXT NOT NULL, "
        "raw TEXT NOT NULL, "
        "internetaak TEXT, "
        "first_seen TEXT NOT NULL, "
        "last_seen TEXT NOT NULL, "
        "times INTEGER NOT NULL DEFAULT 1)"
    )


def put_aside(
    conn: Connection, *, message: str, raw: str, internetaak: str | None, at: str
) -> bool:
    """Store one unreadable answer; True when it is new (not seen before)."""
    key = hashlib.sha256(f"{internetaak}\n{message}\n{raw}".encode()).hexdigest()[:32]
    existing = conn.exec_driver_sql(
        "SELECT 1 FROM sync_quarantine WHERE key = ?", (key,)
    ).first()
    if existing:
        conn.exec_driver_sql(
            "UPDATE sync_quarantine SET last_seen = ?, times = times + 1 WHERE key = ?",
            (at, key),
        )
        return False
    conn.exec_driver_sql(
        "INSERT INTO sync_quarantine (key, message, raw, internetaak, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (key, message, raw[:20000], internetaak, at, at),
    )
    return True


def items(conn: Connection) -> list[QuarantineItem]:
    rows = conn.exec_driver_sql(
        "SELECT key, message, raw, internetaak, first_seen, last_seen, times "
        "FROM sync_quarantine ORDER BY last_seen DESC"
    ).all()
    return [QuarantineItem(*r) for r in rows]


def count(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT count(*) FROM sync_quarantine").scalar_one())


def dismiss(conn: Connection, key: str) -> None:
    conn.exec_driver_sql("DELETE FROM sync_quarantine WHERE key = ?", (key,))
