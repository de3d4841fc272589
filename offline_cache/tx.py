"""Explicit SQLite transactions on a SQLAlchemy connection in driver-autocommit mode.

pysqlite's implicit transactions start late and SQLAlchemy's autobegin would wrap reads too, so
the store runs the driver in autocommit mode and says BEGIN IMMEDIATE itself for writes: the
write lock is taken up front and a second process fails fast instead of half-way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection


@contextmanager
def immediate(conn: Connection) -> Iterator[Connection]:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@contextmanager
def reading(conn: Connection) -> Iterator[Connection]:
    """End SQLAlchemy's autobegun bookkeeping after a read (no SQL transaction is held)."""
    try:
        yield conn
    finally:
        conn.rollback()
