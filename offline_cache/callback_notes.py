"""Callback notes in the local store: their tables and the ``CallbackNoteRepository``.

A note is an ``interaction`` row (channel ``callback_note``: owner, desk, deadline and status live
there, so the inbox and this list never disagree about who owns it, N4) plus a ``callback_note``
row with what only a note has, its ``callback_attempt`` rows, and ``callback_draft`` rows with
what a creator typed but did not save yet. Every write is one transaction on the database
thread; change notices go out for both "interaction" and "callback_note".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection

from console.domain.callbacks import (
    Attempt,
    AttemptOutcome,
    CallbackDraft,
    CallbackNote,
    FollowUp,
    NoteStatus,
)
from console.domain.lifecycle import Change
from console.domain.model import Channel, Interaction, Owner, OwnerKind, TimelineEntry
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import ChangeNotice, ConflictError, InternalTask
from offline_cache.database import Database
from offline_cache.outbox import Outbox
from offline_cache.repositories import (
    INSERT_INTERACTION,
    INSERT_TIMELINE,
    SqlInteractionRepository,
    interaction_values,
    timeline_values,
)
from offline_cache.timefmt import from_db, to_db

_SELECT = (
    "SELECT n.id, n.resident_name, n.resident_id, n.phone, n.phone2, n.email, n.summary, "
    "n.best_time, n.creator, n.source_interaction_id, n.advice, n.override_reason, n.follow_up, "
    "n.outcome_text, i.owner_kind, i.owner_id, i.desk_id, i.received_at, i.deadline, i.is_open, "
    "i.closed_at FROM callback_note n JOIN interaction i ON i.id = n.id"
)
_ORDER = " ORDER BY i.deadline, i.received_at, i.seq"


def _note_values(note: CallbackNote) -> dict[str, object]:
    return {
        "id": note.id,
        "resident_name": note.resident_name,
        "resident_id": note.resident_id,
        "phone": note.phones[0],
        "phone2": note.phones[1] if len(note.phones) > 1 else None,
        "email": note.email,
        "summary": note.summary,
        "best_time": note.best_time,
        "creator": note.creator,
        "source_interaction_id": note.source_interaction_id,
        "advice": note.advice,
        "override_reason": note.override_reason,
        "follow_up": note.follow_up.value,
        "outcome_text": note.outcome_text,
    }


def _attempts(conn: Connection, ids: Sequence[str]) -> dict[str, list[Attempt]]:
    found: dict[str, list[Attempt]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ",".join("?" * len(ids))
    rows = conn.exec_driver_sql(
        f"SELECT note_id, at, by, outcome, remark FROM callback_attempt "
        f"WHERE note_id IN ({marks}) ORDER BY at, seq",
        tuple(ids),
    )
    for note_id, at, by, outcome, remark in rows:
        found[note_id].append(Attempt(from_db(at), by, AttemptOutcome(outcome), remark))  # type: ignore[arg-type]
    return found


def _notes(conn: Connection, where: str, params: tuple) -> list[CallbackNote]:
    rows = list(conn.exec_driver_sql(f"{_SELECT} WHERE {where}{_ORDER}", params))
    attempts = _attempts(conn, [r[0] for r in rows])
    notes = []
    for r in rows:
        phones = tuple(p for p in (r[3], r[4]) if p)
        notes.append(
            CallbackNote(
                id=r[0],
                resident_name=r[1],
                resident_id=r[2],
                phones=phones,
                email=r[5],
                summary=r[6],
                best_time=r[7],
                creator=r[8],
                source_interaction_id=r[9],
                advice=r[10],
                override_reason=r[11],
                follow_up=FollowUp(r[12]),
                outcome_text=r[13],
                assignee=Owner(OwnerKind(r[14]), r[15]),
                desk_id=r[16],
                created=from_db(r[17]),  # type: ignore[arg-type]
                deadline=from_db(r[18]),  # type: ignore[arg-type]
                status=NoteStatus.OPEN if r[19] else NoteStatus.DONE,
                closed_at=from_db(r[20]),
                attempts=tuple(attempts[r[0]]),
            )
        )
    return notes


def _notices(note_id: str, kind: str, initiator: str | None) -> list[ChangeNotice]:
    return [
        ChangeNotice("interaction", (note_id,), kind, initiator),
        ChangeNotice("callback_note", (note_id,), kind, initiator),
    ]


def note_task(conn: Connection, note: CallbackNote, item: Interaction) -> InternalTask:
    """The internetaak of a note as KISS and ITA read it (issue 10).

    ``gevraagdeHandeling`` is KISS's fixed text; ``toelichting`` is what the colleague must
    know beyond the question (best time to call, the deadline, the advice followed or not);
    a note for a colleague is also assigned to the colleague's desk, so the team sees it.
    """
    lines = []
    if note.best_time:
        lines.append(f"Beste tijd om te bellen: {note.best_time}.")
    lines.append(f"Uiterlijk terugbellen: {note.deadline.strftime('%d-%m-%Y %H:%M')}.")
    if note.override_reason:
        lines.append(f"Afgeweken van het advies: {note.override_reason}")
    elif note.advice:
        lines.append(f"Advies: {note.advice}")
    assignees: tuple[Owner, ...] = (note.assignee,)
    if note.assignee.kind is OwnerKind.COLLEAGUE and note.desk_id:
        assignees += (Owner.desk(note.desk_id),)
    channel = None
    if note.source_interaction_id:
        found = conn.exec_driver_sql(
            "SELECT channel FROM interaction WHERE id = ?", (note.source_interaction_id,)
        ).scalar_one_or_none()
        channel = Channel(found) if found else None
    return InternalTask(
        action="Contact opnemen met betrokkene",
        explanation=" ".join(lines)[:1000],
        assignees=assignees,
        callback_numbers=tuple(note.phones),
        contact_name=note.resident_name,
        email=note.email,
        channel=channel if channel is not Channel.CALLBACK_NOTE else None,
        attempts=note.attempts,
        outcome_text=note.outcome_text if not note.is_open else "",
    )


class SqlCallbackNoteRepository:
    """``CallbackNoteRepository`` on the local store (see the module docstring)."""

    def __init__(self, db: Database, *, outbox: Outbox | None = None) -> None:
        self._db = db
        # Connected mode: the note and its internetaak go out through the outbox, written in
        # the same transaction as the note itself (a promise to a resident is never lost).
        self._outbox = outbox

    def _send(self, conn: Connection, op: str, note: CallbackNote, item: Interaction) -> None:
        if self._outbox is None:
            return
        self._outbox.record(conn, op, [item], tasks={item.id: note_task(conn, note, item)})

    def _outbox_notice(self, note_id: str) -> list[ChangeNotice]:
        # Wakes the sync service at once instead of at its next poll.
        return [ChangeNotice("outbox", (note_id,), "insert")] if self._outbox else []

    async def add(
        self, note: CallbackNote, change: Change, *, source: TimelineEntry | None
    ) -> None:
        values = _note_values(note)

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(INSERT_INTERACTION, interaction_values(change.interaction))
            SqlInteractionRepository._record(conn, change)
            conn.exec_driver_sql(
                f"INSERT INTO callback_note ({', '.join(values)}) "
                f"VALUES ({', '.join(':' + k for k in values)})",
                values,
            )
            self._send(conn, "create", note, change.interaction)
            notices = _notices(note.id, "insert", note.creator) + self._outbox_notice(note.id)
            if source is not None:
                conn.exec_driver_sql(INSERT_TIMELINE, timeline_values(source))
                notices.append(
                    ChangeNotice("interaction", (source.interaction_id,), "update", note.creator)
                )
            return notices

        await self._db.write(work)

    async def record(
        self,
        note: CallbackNote,
        change: Change,
        *,
        expected_updated_at: datetime | None,
        attempt: Attempt | None = None,
    ) -> None:
        item = change.interaction
        values = _note_values(note)
        actor = attempt.by if attempt else None

        def work(conn: Connection) -> list[ChangeNotice]:
            current = conn.exec_driver_sql(
                "SELECT updated_at FROM interaction WHERE id = ?", (item.id,)
            ).scalar_one_or_none()
            if current != to_db(expected_updated_at):
                raise ConflictError(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Iemand anders heeft deze terugbelnotitie net gewijzigd. Bekijk de nieuwe "
                        "stand en probeer het opnieuw.",
                    )
                )
            row = interaction_values(item)
            row.pop("id")
            sets = ", ".join(f"{k} = :{k}" for k in row)
            conn.exec_driver_sql(
                f"UPDATE interaction SET {sets} WHERE id = :id", {**row, "id": item.id}
            )
            SqlInteractionRepository._record(conn, change)
            values.pop("id")
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.exec_driver_sql(
                f"UPDATE callback_note SET {sets} WHERE id = :id", {**values, "id": note.id}
            )
            if attempt is not None:
                conn.exec_driver_sql(
                    "INSERT INTO callback_attempt (note_id, at, by, outcome, remark) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (note.id, to_db(attempt.at), attempt.by, attempt.outcome.value, attempt.remark),
                )
            self._send(conn, "update", note, item)
            return _notices(note.id, "update", actor) + self._outbox_notice(note.id)

        await self._db.write(work)

    async def get(self, note_id: str) -> CallbackNote | None:
        found = await self._db.read(lambda conn: _notes(conn, "n.id = ?", (note_id,)))
        return found[0] if found else None

    async def open_for_owner(self, owner: Owner) -> list[CallbackNote]:
        return await self._db.read(
            lambda conn: _notes(
                conn,
                "i.is_open = 1 AND i.owner_kind = ? AND i.owner_id = ?",
                (owner.kind.value, owner.id),
            )
        )

    async def open_for_desk(self, desk_id: str) -> list[CallbackNote]:
        return await self._db.read(
            lambda conn: _notes(conn, "i.is_open = 1 AND i.desk_id = ?", (desk_id,))
        )

    async def created_by(self, colleague_id: str, *, open_only: bool) -> list[CallbackNote]:
        where = "n.creator = ?" + (" AND i.is_open = 1" if open_only else "")
        return await self._db.read(lambda conn: _notes(conn, where, (colleague_id,)))

    async def open_duplicates(
        self, *, resident_id: str | None, resident_name: str, phones: Sequence[str]
    ) -> list[CallbackNote]:
        clauses = ["lower(trim(n.resident_name)) = lower(trim(?))"]
        params: list[object] = [resident_name]
        if resident_id:
            clauses.append("n.resident_id = ?")
            params.append(resident_id)
        for phone in phones:
            clauses.append("n.phone = ? OR n.phone2 = ?")
            params.extend([phone, phone])
        where = f"i.is_open = 1 AND ({' OR '.join(f'({c})' for c in clauses)})"
        return await self._db.read(lambda conn: _notes(conn, where, tuple(params)))

    async def save_draft(self, key: str, draft: CallbackDraft, *, at: datetime) -> None:
        body = json.dumps(draft.to_dict(), ensure_ascii=False)

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "INSERT INTO callback_draft (key, body, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET body = excluded.body, "
                "updated_at = excluded.updated_at",
                (key, body, to_db(at)),
            )
            return []

        await self._db.write(work)

    async def load_draft(self, key: str) -> CallbackDraft | None:
        def work(conn: Connection) -> CallbackDraft | None:
            body = conn.exec_driver_sql(
                "SELECT body FROM callback_draft WHERE key = ?", (key,)
            ).scalar_one_or_none()
            return CallbackDraft.from_dict(json.loads(body)) if body else None

        return await self._db.read(work)

    async def delete_draft(self, key: str) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql("DELETE FROM callback_draft WHERE key = ?", (key,))
            return []

        await self._db.write(work)


def __getattr__(name: str):
    # The sqlmodel classes live in ``callback_schema``, imported on first use: sqlmodel is
    # ~0.2 s of the console's start (B6) and the repository below writes plain SQL.
    if name in ("CallbackNoteRow", "CallbackAttemptRow", "CallbackDraftRow", "TABLES"):
        from offline_cache import callback_schema

        return getattr(callback_schema, name)
    raise AttributeError(name)
