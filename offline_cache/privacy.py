"""The audit trail and the retention purge on the local store (ports of console.services.privacy).

Database thread through ``Database``. ``audit_log`` is append-only in SQLite itself (triggers
refuse UPDATE and DELETE), so no code path of the console can rewrite history. The purge is one
transaction; with ``secure_delete`` on (see ``Database``) SQLite overwrites the removed rows, and
a checkpoint afterwards moves that into the file, so the personal data is gone from the disk, not
only from the tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from console.domain.audit import AuditAction, AuditEntry, AuditScreen, PurgeReport
from console.ports import ChangeNotice
from offline_cache.database import Database
from offline_cache.timefmt import from_db, to_db

_COLUMNS = "seq, at, actor, action, screen, record_id, resident_id, detail"


def _entry(row) -> AuditEntry:
    return AuditEntry(
        seq=row[0],
        at=from_db(row[1]),  # type: ignore[arg-type]
        actor=row[2],
        action=AuditAction(row[3]),
        screen=AuditScreen(row[4]),
        record_id=row[5],
        resident_id=row[6],
        detail=row[7] or "",
    )


class SqlAuditTrail:
    """``AuditStore`` on the ``audit_log`` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def append(self, entry: AuditEntry) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "INSERT INTO audit_log (at, actor, action, screen, record_id, resident_id, "
                "detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    to_db(entry.at),
                    entry.actor,
                    entry.action.value,
                    entry.screen.value,
                    entry.record_id,
                    entry.resident_id,
                    entry.detail,
                ),
            )
            return [ChangeNotice("audit", (), "insert")]

        await self._db.write(work)

    async def entries(self, *, limit: int | None = None) -> list[AuditEntry]:
        def work(conn: Connection) -> list[AuditEntry]:
            if limit is None:
                rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq")
            else:
                rows = conn.exec_driver_sql(
                    f"SELECT * FROM (SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC "
                    "LIMIT ?) ORDER BY seq",
                    (limit,),
                )
            return [_entry(r) for r in rows]

        return await self._db.read(work)


class SqlRetention:
    """``RetentionStore``: removes closed contacts past their period, with all that hangs on them.

    Kept: contacts whose changes still wait in the outbox (removing them would lose work the
    system of record has not heard of) and unresolved sync conflicts. The resident table is the
    organisation's directory copy (re-read at every start), not contact history; it stays.
    """

    BATCH = 500  # contacts per transaction: other reads and writes get turns in between

    def __init__(self, db: Database) -> None:
        self._db = db

    async def purge_closed_before(self, cutoff: datetime) -> PurgeReport:
        moment = to_db(cutoff)
        totals = dict.fromkeys(
            ("interactions", "callback_notes", "timeline_entries", "call_records", "drafts"), 0
        )
        first = True
        while True:
            batch = await self._purge_batch(moment, drafts=first)
            first = False
            for key, count in batch.items():
                totals[key] += count
            if batch["interactions"] < self.BATCH:
                break

        def unsent(conn: Connection) -> int:
            return int(
                conn.exec_driver_sql(
                    f"SELECT count(*) FROM interaction WHERE {_OLD_CLOSED} AND NOT ({_PURGEABLE})",
                    (moment,),
                ).scalar_one()
            )

        kept = await self._db.read(unsent)
        if totals["interactions"] or totals["drafts"]:
            await self._db.checkpoint()  # the overwritten pages into the file, the log emptied
        return PurgeReport(cutoff=cutoff, kept_unsent=kept, **totals)

    async def _purge_batch(self, moment: str, *, drafts: bool) -> dict[str, int]:
        result: dict[str, int] = {}

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql("DROP TABLE IF EXISTS temp.purge_ids")
            conn.exec_driver_sql(
                "CREATE TEMP TABLE purge_ids AS SELECT id FROM interaction "
                f"WHERE {_OLD_CLOSED} AND {_PURGEABLE} ORDER BY closed_at LIMIT ?",
                (moment, self.BATCH),
            )
            ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM temp.purge_ids")]

            def delete(sql: str) -> int:
                return conn.exec_driver_sql(sql).rowcount

            result["timeline_entries"] = delete(
                "DELETE FROM timeline WHERE interaction_id IN (SELECT id FROM temp.purge_ids)"
            )
            delete(
                "DELETE FROM status_change WHERE interaction_id IN (SELECT id FROM temp.purge_ids)"
            )
            delete("DELETE FROM callback_attempt WHERE note_id IN (SELECT id FROM temp.purge_ids)")
            result["callback_notes"] = delete(
                "DELETE FROM callback_note WHERE id IN (SELECT id FROM temp.purge_ids)"
            )
            result["call_records"] = delete(
                "DELETE FROM call_record WHERE interaction_id IN (SELECT id FROM temp.purge_ids)"
            )
            # Delivered copies in the outbox hold the same personal data.
            delete("DELETE FROM outbox WHERE entity_id IN (SELECT id FROM temp.purge_ids)")
            # The link stays (so the sync does not fetch the contact back), its copy goes.
            delete(
                "UPDATE remote_link SET base = NULL "
                "WHERE interaction_id IN (SELECT id FROM temp.purge_ids)"
            )
            result["drafts"] = (
                conn.exec_driver_sql(
                    "DELETE FROM callback_draft WHERE updated_at < ?", (moment,)
                ).rowcount
                if drafts
                else 0
            )
            result["interactions"] = delete(
                "DELETE FROM interaction WHERE id IN (SELECT id FROM temp.purge_ids)"
            )
            conn.exec_driver_sql("DROP TABLE temp.purge_ids")
            return [ChangeNotice("interaction", tuple(ids), "delete")] if ids else []

        await self._db.write(work)
        return result


# Closed before the cut-off (one parameter); the closed list's index serves it.
_OLD_CLOSED = "is_open = 0 AND closed_at IS NOT NULL AND closed_at < ?"
# Not waiting in the outbox for the system of record, and no unresolved sync conflict.
_PURGEABLE = (
    "id NOT IN (SELECT entity_id FROM outbox WHERE state NOT IN ('delivered', 'superseded')) "
    "AND id NOT IN (SELECT interaction_id FROM sync_conflict)"
)
