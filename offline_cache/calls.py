"""Calls in the local store: a resident's history for the screen pop, and call records.

A call record is a side table next to ``interaction`` (one row per phone interaction): when the
call rang, was answered and ended, its wrap-up outcome and the optional satisfaction score
(1–10, N16) and how the call ended (``CallResult``: answered, missed, abandoned, refused).
Implements ``console.ports.CallRecords``. Database thread via ``Database``.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from console.domain.model import Channel, Interaction
from console.ports import CallRecord, ChangeNotice
from offline_cache.database import Database
from offline_cache.repositories import STORE_TABLES, interaction_from_row
from offline_cache.timefmt import from_db, to_db


class SqlCallRecords:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def history(
        self, resident_id: str, *, channel: Channel | None = None, open_only: bool = False
    ) -> list[Interaction]:
        """The resident's interactions, newest first (at most 20)."""

        def work(conn: Connection) -> list[Interaction]:
            query = select(STORE_TABLES.interaction).where(
                STORE_TABLES.interaction.c.resident_id == resident_id
            )
            if channel is not None:
                query = query.where(STORE_TABLES.interaction.c.channel == channel.value)
            if open_only:
                query = query.where(STORE_TABLES.interaction.c.is_open == 1)
            rows = conn.execute(
                query.order_by(STORE_TABLES.interaction.c.received_at.desc()).limit(20)
            )
            return [interaction_from_row(r) for r in rows]

        return await self._db.read(work)

    async def save(self, record: CallRecord) -> None:
        values = {
            "interaction_id": record.interaction_id,
            "number": record.number,
            "rang_at": to_db(record.rang_at),
            "answered_at": to_db(record.answered_at),
            "ended_at": to_db(record.ended_at),
            "outcome": record.outcome.value if record.outcome else None,
            "satisfaction": record.satisfaction,
            "result": record.result.value if record.result else None,
        }

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "INSERT INTO call_record (interaction_id, number, rang_at, answered_at, "
                "ended_at, outcome, satisfaction, result) VALUES (:interaction_id, :number, "
                ":rang_at, :answered_at, :ended_at, :outcome, :satisfaction, :result) "
                "ON CONFLICT(interaction_id) DO UPDATE SET answered_at=excluded.answered_at, "
                "ended_at=excluded.ended_at, outcome=excluded.outcome, "
                "satisfaction=excluded.satisfaction, "
                "result=COALESCE(excluded.result, call_record.result)",
                values,
            )
            notices = [ChangeNotice("call_record", (record.interaction_id,), "update")]
            if record.satisfaction is not None:
                # The dashboard's N16 reads the score from the interaction: keep both in step,
                # in the same transaction.
                conn.exec_driver_sql(
                    "UPDATE interaction SET satisfaction = ? WHERE id = ?",
                    (record.satisfaction, record.interaction_id),
                )
                notices.append(
                    ChangeNotice(
                        "interaction", (record.interaction_id,), "update", fields=("satisfaction",)
                    )
                )
            return notices

        await self._db.write(work)

    async def get(self, interaction_id: str) -> CallRecord | None:
        from console.domain.model import Outcome
        from console.ports import CallResult

        def work(conn: Connection) -> CallRecord | None:
            row = conn.execute(
                select(STORE_TABLES.call_record).where(
                    STORE_TABLES.call_record.c.interaction_id == interaction_id
                )
            ).first()
            if row is None:
                return None
            m = row._mapping
            return CallRecord(
                interaction_id=m["interaction_id"],
                number=m["number"],
                rang_at=from_db(m["rang_at"]),  # type: ignore[arg-type]
                answered_at=from_db(m["answered_at"]),
                ended_at=from_db(m["ended_at"]),
                outcome=Outcome(m["outcome"]) if m["outcome"] else None,
                satisfaction=m["satisfaction"],
                result=CallResult(m["result"]) if m["result"] else None,
            )

        return await self._db.read(work)
