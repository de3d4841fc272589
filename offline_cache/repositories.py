"""Repositories: the ports ``InteractionRepository`` and ``ResidentRepository`` on SQLite.

Every method hops onto the database thread through ``Database``; rows become domain values
there, so the event loop only receives finished objects. The inbox page query is plain SQL on the
urgency indexes (keyset paging, FTS5 for text), because it is the hottest path of the app.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from console.domain.inbox import InboxCursor, InboxQuery, InboxRow, Scope, StateFilter
from console.domain.lifecycle import Change
from console.domain.model import (
    Channel,
    Interaction,
    Owner,
    OwnerKind,
    Resident,
    Status,
    StatusChange,
    TimelineEntry,
    TimelineKind,
)
from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import ChangeNotice, ConflictError
from offline_cache.database import Database
from offline_cache.outbox import Outbox
from offline_cache.rows import interaction_from_mapping
from offline_cache.search import fts_match_expression
from offline_cache.timefmt import from_db, to_db


class _StoreTables:
    """The sqlmodel tables, imported on first use (on the database thread, where they are used).

    sqlmodel and the ORM it brings (pydantic, ``sqlalchemy.orm``) are ~0.2 s of the console's
    start (B6); the first inbox page is plain SQL (``inbox_sql``) and needs none of them.
    """

    def __getattr__(self, name: str):
        from offline_cache import schema

        tables = {
            "interaction": schema.InteractionRow.__table__,
            "status_change": schema.StatusChangeRow.__table__,
            "timeline": schema.TimelineRow.__table__,
            "resident": schema.ResidentRow.__table__,
            "call_record": schema.CallRecordRow.__table__,
        }
        if name not in tables:
            raise AttributeError(name)
        self.__dict__.update(tables)  # later look-ups are plain attributes
        return tables[name]


STORE_TABLES = _StoreTables()

_INBOX_COLUMNS = (
    "seq, id, channel, subject, resident_name, received_at, deadline, priority, "
    "owner_kind, owner_id, desk_id, status, closed_at"
)
# The search: one folding for stored text and queries (console.domain.textfold), bounded
# input, and a time budget on the database thread (issue 11).
# The budget is 100 ms held; the stop comes earlier because FTS5 finishes its current
# posting list before SQLite can interrupt it (up to ~30 ms at 10⁶, benchmark B11).
SEARCH_BUDGET_SECONDS = 0.075


def _interaction_values(item: Interaction) -> dict[str, object]:
    return {
        "id": item.id,
        "channel": item.channel.value,
        "direction": item.direction.value,
        "subject": item.subject,
        "question": item.question,
        "received_at": to_db(item.received_at),
        "owner_kind": item.owner.kind.value,
        "owner_id": item.owner.id,
        "desk_id": item.desk_id,
        "status": item.status.value,
        "is_open": int(item.is_open),
        "resident_id": item.resident_id,
        "resident_name": item.resident_name,
        "question_kind": item.question_kind.value,
        "priority": item.priority,
        "deadline": to_db(item.deadline or item.received_at),
        "outcome": item.outcome.value if item.outcome else None,
        "transfers": item.transfers,
        "updated_at": to_db(item.updated_at),
        "closed_at": to_db(item.closed_at),
        "created_by": item.created_by,
    }


# The interaction table's columns in insert order (the benchmark generator writes the same).
INTERACTION_FIELDS = (
    "id",
    "channel",
    "direction",
    "subject",
    "question",
    "received_at",
    "owner_kind",
    "owner_id",
    "desk_id",
    "status",
    "is_open",
    "resident_id",
    "resident_name",
    "question_kind",
    "priority",
    "deadline",
    "outcome",
    "transfers",
    "updated_at",
    "closed_at",
    "created_by",
)
_INSERT_INTERACTION = (
    f"INSERT INTO interaction ({', '.join(INTERACTION_FIELDS)}) "
    f"VALUES ({', '.join(':' + f for f in INTERACTION_FIELDS)})"
)
_INSERT_STATUS = (
    "INSERT INTO status_change (interaction_id, at, by, old, new) "
    "VALUES (:interaction_id, :at, :by, :old, :new)"
)
_INSERT_TIMELINE = (
    "INSERT INTO timeline (interaction_id, at, actor, kind, text, data) "
    "VALUES (:interaction_id, :at, :actor, :kind, :text, :data)"
)


def _status_values(interaction_id: str, change: StatusChange) -> dict[str, object]:
    return {
        "interaction_id": interaction_id,
        "at": to_db(change.at),
        "by": change.by,
        "old": change.old.value if change.old else None,
        "new": change.new.value,
    }


def _timeline_values(entry: TimelineEntry) -> dict[str, object]:
    return {
        "interaction_id": entry.interaction_id,
        "at": to_db(entry.at),
        "actor": entry.actor,
        "kind": entry.kind.value,
        "text": entry.text,
        "data": json.dumps(entry.message.as_data()) if entry.message is not None else None,
    }


def timeline_entry_from(row: Any) -> TimelineEntry:
    """The one mapping from a stored timeline row to an entry.

    A row written before v11 (or a typed note) has no data: its stored text is shown as is.
    Data that cannot be read (hand-edited, a newer console's shape) falls back to the text too,
    so a history line is never lost.
    """
    message = None
    raw = getattr(row, "data", None)
    if raw:
        try:
            message = Text.from_data(json.loads(raw))
        except (ValueError, TypeError, KeyError, AttributeError):
            message = None
    return TimelineEntry(
        row.interaction_id, from_db(row.at), row.actor, TimelineKind(row.kind), row.text or "",
        message,
    )


def _interaction_from(row: object) -> Interaction:
    return interaction_from_mapping(row._mapping)  # type: ignore[attr-defined]


# Public names for the other stores that write or read the interaction table in their own
# transactions (modules never import each other's private names).
interaction_from_row = _interaction_from
INSERT_INTERACTION = _INSERT_INTERACTION
INSERT_STATUS = _INSERT_STATUS
INSERT_TIMELINE = _INSERT_TIMELINE
interaction_values = _interaction_values
timeline_values = _timeline_values


def inbox_sql(query: InboxQuery, after: InboxCursor | None, limit: int) -> tuple[str, list]:
    """The page query for ``query``: SQL text and parameters (also used by the benchmarks)."""
    where: list[str] = []
    params: list[object] = []
    if query.state is StateFilter.OPEN:
        where.append("is_open = 1")
    elif query.state == StateFilter.CLOSED:  # == : callers may pass the plain string
        where.append("is_open = 0")
    else:
        where.append("1")  # StateFilter.ALL: a drill-down list, in urgency order
    if query.scope is Scope.MINE and query.colleague_id:
        where.append("owner_id = ?")
        params.append(query.colleague_id)
    elif query.scope is Scope.MY_DESK and query.desk_id:
        where.append("desk_id = ?")
        params.append(query.desk_id)
    if query.channel is not None:
        where.append("channel = ?")
        params.append(query.channel.value)
    if query.ids is not None:
        where.append(f"id IN ({','.join('?' * len(query.ids))})" if query.ids else "0")
        params.extend(query.ids)
    match = fts_match_expression(query.text)
    if match:
        # Open items are a few percent of the store: walking the open list's index in inbox
        # order and keeping the matches stops after one page. With the statistics every store
        # has after its first session, SQLite would rather look up every match by rowid and
        # sort them all (4x slower at 10⁶, benchmark B2); the unary plus rules that plan out.
        # Closed lists keep SQLite's choice: walking most of the store for a rare word is worse.
        column = "+seq" if query.state is StateFilter.OPEN else "seq"
        where.append(
            f"{column} IN (SELECT rowid FROM interaction_search WHERE interaction_search MATCH ?)"
        )
        params.append(match)
    if query.state != StateFilter.CLOSED:
        order = "priority, deadline, received_at, seq"
        if after is not None:
            where.append("(priority, deadline, received_at, seq) > (?, ?, ?, ?)")
            params.extend(
                [after.priority, to_db(after.deadline), to_db(after.received_at), after.seq]
            )
    else:
        # Closed items: the most recently closed first.
        order = "closed_at DESC, seq DESC"
        if after is not None:
            where.append("seq < ?")
            params.append(after.seq)
    sql = f"SELECT {_INBOX_COLUMNS} FROM interaction WHERE {' AND '.join(where)} ORDER BY {order}"
    sql += " LIMIT ?"
    params.append(limit)
    return sql, params


def _budget(query: InboxQuery) -> float | None:
    """A text search may hold the one database thread this long at most; else no limit."""
    return SEARCH_BUDGET_SECONDS if fts_match_expression(query.text) else None


def insert_changes(conn: Connection, changes: Sequence[Change]) -> None:
    """Insert new interactions with their history, inside the caller's write transaction.

    For other stores that must write an interaction together with their own rows (the channel
    intake writes a contact and its de-duplication key in one transaction).
    """
    conn.execute(
        insert(STORE_TABLES.interaction), [_interaction_values(c.interaction) for c in changes]
    )
    for change in changes:
        SqlInteractionRepository._record(conn, change)


def apply_change(conn: Connection, change: Change) -> None:
    """Write an interaction's new state and its history, inside the caller's transaction."""
    values = _interaction_values(change.interaction)
    values.pop("id")
    conn.execute(
        update(STORE_TABLES.interaction)
        .where(STORE_TABLES.interaction.c.id == change.interaction.id)
        .values(values)
    )
    SqlInteractionRepository._record(conn, change)


# Enum members by stored value: a dict lookup per row instead of an Enum call (benchmark B3).
_CHANNELS = {c.value: c for c in Channel}
_OWNER_KINDS = {k.value: k for k in OwnerKind}
_STATUSES = {s.value: s for s in Status}


@functools.lru_cache(maxsize=4096)
def _owner(kind: str, owner_id: str) -> Owner:
    # Owners repeat on every page (a few desks and colleagues): build each value once.
    return Owner(_OWNER_KINDS[kind], owner_id)


def _row_from(r: Sequence) -> InboxRow:
    return InboxRow(
        r[1],
        r[0],
        _CHANNELS[r[2]],
        r[3],
        r[4],
        from_db(r[5]),  # type: ignore[arg-type]
        from_db(r[6]),  # type: ignore[arg-type]
        r[7],
        _owner(r[8], r[9]),
        r[10],
        _STATUSES[r[11]],
        from_db(r[12]),
    )


class SqlInteractionRepository:
    """``InteractionRepository`` on the local store.

    ``rows_fetched`` counts inbox rows read so far: tests use it to show that a big inbox is
    never loaded whole.
    """

    def __init__(self, db: Database, *, outbox: Outbox | None = None) -> None:
        self._db = db
        # Connected mode: every write also records what the system of record must hear, in
        # the same transaction (see ``offline_cache.outbox``).
        self._outbox = outbox
        self.rows_fetched = 0

    def _notices(
        self, notice: ChangeNotice, ids: tuple[str, ...], initiator: str | None
    ) -> list[ChangeNotice]:
        if self._outbox is None:
            return [notice]
        return [notice, ChangeNotice("outbox", ids, "insert", initiator)]

    # -- writes -----------------------------------------------------------------------------

    @staticmethod
    def _record(conn: Connection, change: Change) -> None:
        if change.status_changes:
            conn.exec_driver_sql(
                _INSERT_STATUS,
                [_status_values(change.interaction.id, s) for s in change.status_changes],
            )
        if change.timeline:
            conn.exec_driver_sql(_INSERT_TIMELINE, [_timeline_values(e) for e in change.timeline])

    async def add(self, change: Change, *, initiator: str | None = None) -> None:
        await self.add_many([change], initiator=initiator)

    async def add_many(self, changes: Sequence[Change], *, initiator: str | None = None) -> None:
        if not changes:
            return

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.execute(
                insert(STORE_TABLES.interaction),
                [_interaction_values(c.interaction) for c in changes],
            )
            for change in changes:
                self._record(conn, change)
            ids = tuple(c.interaction.id for c in changes)
            if self._outbox is not None:
                self._outbox.record(conn, "create", [c.interaction for c in changes])
            return self._notices(
                ChangeNotice("interaction", ids, "insert", initiator), ids, initiator
            )

        await self._db.write(work)

    async def save(
        self, change: Change, *, expected_updated_at: datetime | None, initiator: str | None = None
    ) -> None:
        item = change.interaction

        def work(conn: Connection) -> list[ChangeNotice]:
            current = conn.execute(
                select(STORE_TABLES.interaction.c.updated_at).where(
                    STORE_TABLES.interaction.c.id == item.id
                )
            ).scalar_one_or_none()
            if current != to_db(expected_updated_at):
                raise ConflictError(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Iemand anders heeft deze vraag net gewijzigd. Bekijk de nieuwe stand en "
                        "probeer het opnieuw.",
                    )
                )
            values = _interaction_values(item)
            values.pop("id")
            conn.execute(
                update(STORE_TABLES.interaction)
                .where(STORE_TABLES.interaction.c.id == item.id)
                .values(values)
            )
            self._record(conn, change)
            if self._outbox is not None:
                self._outbox.record(conn, "update", [item])
            return self._notices(
                ChangeNotice("interaction", (item.id,), "update", initiator), (item.id,), initiator
            )

        await self._db.write(work)

    # -- reads ------------------------------------------------------------------------------

    async def get(self, interaction_id: str) -> Interaction | None:
        def work(conn: Connection) -> Interaction | None:
            # Plain SQL: the detail pane opens the first row while the console starts, and
            # building the statement would import the sqlmodel tables then (B6).
            row = conn.exec_driver_sql(
                "SELECT * FROM interaction WHERE id = ?", (interaction_id,)
            ).first()
            return _interaction_from(row) if row else None

        return await self._db.read(work)

    async def page(
        self, query: InboxQuery, *, after: InboxCursor | None = None, limit: int = 200
    ) -> list[InboxRow]:
        sql, params = inbox_sql(query, after, limit)

        def work(conn: Connection) -> list[InboxRow]:
            rows = [_row_from(r) for r in conn.exec_driver_sql(sql, tuple(params))]
            self.rows_fetched += len(rows)
            return rows

        return await self._db.read(work, budget=_budget(query))

    async def count(self, query: InboxQuery) -> int:
        sql, params = inbox_sql(query, None, -1)
        count_sql = f"SELECT count(*) FROM ({sql})"

        def work(conn: Connection) -> int:
            return int(conn.exec_driver_sql(count_sql, tuple(params)).scalar_one())

        return await self._db.read(work, budget=_budget(query))

    async def timeline(self, interaction_id: str) -> list[TimelineEntry]:
        def work(conn: Connection) -> list[TimelineEntry]:
            rows = conn.execute(
                select(STORE_TABLES.timeline)
                .where(STORE_TABLES.timeline.c.interaction_id == interaction_id)
                .order_by(STORE_TABLES.timeline.c.at, STORE_TABLES.timeline.c.seq)
            )
            return [timeline_entry_from(r) for r in rows]

        return await self._db.read(work)

    async def status_changes(self, interaction_id: str) -> list[StatusChange]:
        def work(conn: Connection) -> list[StatusChange]:
            rows = conn.execute(
                select(STORE_TABLES.status_change)
                .where(STORE_TABLES.status_change.c.interaction_id == interaction_id)
                .order_by(STORE_TABLES.status_change.c.at, STORE_TABLES.status_change.c.seq)
            )
            return [
                StatusChange(
                    at=from_db(r.at),  # type: ignore[arg-type]
                    by=r.by,
                    old=Status(r.old) if r.old else None,
                    new=Status(r.new),
                )
                for r in rows
            ]

        return await self._db.read(work)


class SqlResidentRepository:
    """``ResidentRepository`` on the local store."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert_many(self, residents: Sequence[Resident]) -> None:
        rows = [
            {
                "id": r.id,
                "name": r.name,
                "phone": r.phone,
                "phone2": r.phone2,
                "email": r.email,
                "village": r.village,
                "address": r.address,
            }
            for r in residents
        ]

        def work(conn: Connection) -> list[ChangeNotice]:
            if rows:
                conn.exec_driver_sql(
                    "INSERT INTO resident (id, name, phone, phone2, email, village, address) "
                    "VALUES (:id, :name, :phone, :phone2, :email, :village, :address) "
                    "ON CONFLICT(id) DO UPDATE SET name=excluded.name, phone=excluded.phone, "
                    "phone2=excluded.phone2, email=excluded.email, village=excluded.village, "
                    "address=excluded.address",
                    rows,
                )
            return [ChangeNotice("resident", tuple(r["id"] for r in rows), "update")]

        await self._db.write(work)

    @staticmethod
    def _from(r: object) -> Resident:
        m = r._mapping  # type: ignore[attr-defined]
        return Resident(
            id=m["id"],
            name=m["name"],
            phone=m["phone"],
            phone2=m["phone2"],
            email=m["email"],
            village=m["village"],
            address=m["address"],
        )

    async def get(self, resident_id: str) -> Resident | None:
        def work(conn: Connection) -> Resident | None:
            row = conn.execute(
                select(STORE_TABLES.resident).where(STORE_TABLES.resident.c.id == resident_id)
            ).first()
            return self._from(row) if row else None

        return await self._db.read(work)

    async def find_by_phone(self, e164: str) -> list[Resident]:
        def work(conn: Connection) -> list[Resident]:
            rows = conn.execute(
                select(STORE_TABLES.resident).where(
                    (STORE_TABLES.resident.c.phone == e164)
                    | (STORE_TABLES.resident.c.phone2 == e164)
                )
            )
            return [self._from(r) for r in rows]

        return await self._db.read(work)


def __getattr__(name: str):
    # ``INTERACTION_TABLE`` loads sqlmodel only when someone asks for it (see _StoreTables).
    if name == "INTERACTION_TABLE":
        return STORE_TABLES.interaction
    raise AttributeError(name)
