"""Explicit SQLite transactions on a SQLAlchemy connection in driver-autocommit mode.

pysqlite's implicit transactions start late and SQLAlchemy's autobegin would wrap reads too, so
the store runs the driver in autocommit mode and says BEGIN IMMEDIATE itself for writes: the
write lock is taken up front and a second process fails fast instead of half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError


@contextmanager
def immediate(conn: Connection) -> Iterator[Connection]:
    """One write transaction; on any failure, the commit's included, it is rolled back whole.

    A failed COMMIT (a full disk) used to leave SQLAlchemy's connection in "invalid
    transaction" state, so every later read and write of the session failed with
    PendingRollbackError, even after space was freed (issue 11).
    """
    conn.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.commit()
    except BaseException:
        rollback(conn)
        raise


def rollback(conn: Connection) -> None:
    """Roll back in SQLite and in SQLAlchemy's bookkeeping, whatever state either is in."""
    try:
        raw = conn.connection.dbapi_connection
    except SQLAlchemyError:  # already invalidated: SQLAlchemy's rollback below is all there is
        raw = None
    # SQLite may already have rolled back itself (SQLITE_FULL does); then ROLLBACK would fail.
    if isinstance(raw, sqlite3.Connection) and raw.in_transaction:
        with suppress(sqlite3.Error):
            raw.execute("ROLLBACK")
    with suppress(SQLAlchemyError, sqlite3.Error):
        conn.rollback()


@contextmanager
def reading(conn: Connection) -> Iterator[Connection]:
    """End SQLAlchemy's autobegun bookkeeping after a read (no SQL transaction is held)."""
    try:
        yield conn
    finally:
        conn.rollback()
