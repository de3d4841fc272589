"""A store's schema as plain data (tables, columns, indexes, triggers), for comparing versions.

Used by the migration tests and to write ``tests/data/released_schemas.json`` (run this module:
``python -m tests.schema_snapshot``) when a NEW migration is released; released entries never
change.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "data" / "released_schemas.json"


def snapshot(conn: sqlite3.Connection) -> dict:
    tables = {}
    for name, kind, sql in conn.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'trigger') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        if kind == "trigger" or (sql or "").startswith("CREATE VIRTUAL"):
            tables[name] = " ".join(sql.split())
            continue
        tables[name] = {
            "columns": [
                f"{c[1]} {c[2].upper()}{' NOT NULL' if c[3] else ''}"
                f"{f' DEFAULT {c[4]}' if c[4] is not None else ''}{' PK' if c[5] else ''}"
                for c in conn.execute(f"PRAGMA table_xinfo('{name}')")
            ],
            "indexes": sorted(
                f"{idx[1]}{' UNIQUE' if idx[2] else ''} ("
                + ", ".join(c[2] or "?" for c in conn.execute(f"PRAGMA index_info('{idx[1]}')"))
                + ")"
                for idx in conn.execute(f"PRAGMA index_list('{name}')")
            ),
        }
    return tables


def released(count: int) -> dict[str, dict]:
    """The schema after each of the first ``count`` migrations, built from the migrations."""
    from sqlalchemy import create_engine

    from offline_cache.migrations import MIGRATIONS
    from offline_cache.tx import immediate

    out = {}
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.isolation_level = None  # type: ignore[union-attr]
        for number, step in enumerate(MIGRATIONS[:count], start=1):
            with immediate(conn):
                step(conn)
            out[str(number)] = snapshot(raw)  # type: ignore[arg-type]
    engine.dispose()
    return out


if __name__ == "__main__":
    count = int(sys.argv[1])
    SNAPSHOTS.write_text(json.dumps(released(count), indent=1, ensure_ascii=False) + "\n")
