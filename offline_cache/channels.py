"""``ChannelStore`` on SQLite: incoming messages, threads, source cursors and the reply outbox.

One table holds every message of a conversation, incoming and outgoing, keyed by its outside
reference (a mail's Message-ID): de-duplication is the primary key, checked in the same
transaction that writes the interaction, and a reply from the resident finds its thread by the
Message-ID of our own acknowledgement as well as of their first mail. Outgoing rows are the
outbox (``state`` waiting → sent | failed). Attachments sit in their own table and are read only
when a user asks for one. Runs on the database thread through ``Database``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection

from console.channels import (
    Attachment,
    IncomingContact,
    IntakeResult,
    OutgoingReply,
    ReplyKind,
    ReplyState,
    StoredMessage,
    ThreadFacts,
)
from console.domain.lifecycle import Change
from console.domain.model import Resident, TimelineEntry, TimelineKind
from console.i18n import Sentence, Text
from console.ports import ChangeNotice
from offline_cache.database import Database
from offline_cache.outbox import Outbox
from offline_cache.repositories import apply_change, insert_changes
from offline_cache.rows import interaction_from_mapping
from offline_cache.timefmt import from_db, to_db

# The inbox list and search see at most this much of a message; the message keeps it all.
QUESTION_MAX = 4000


_MESSAGE_COLUMNS = (
    "reference, interaction_id, source, incoming, at, sender, sender_name, recipient, "
    "recipient_name, subject, body_text, body_html, warnings, automatic, thread, reply_id, kind, "
    "state"
)
_INSERT_MESSAGE = (
    f"INSERT INTO channel_message ({_MESSAGE_COLUMNS}) VALUES "
    "(:reference, :interaction_id, :source, :incoming, :at, :sender, :sender_name, :recipient, "
    ":recipient_name, :subject, :body_text, :body_html, :warnings, :automatic, :thread, "
    ":reply_id, :kind, :state)"
)


def _reply_values(reply: OutgoingReply, at: datetime) -> dict[str, object]:
    return {
        "reference": reply.message_id,
        "interaction_id": reply.interaction_id,
        "source": reply.source,
        "incoming": 0,
        "at": to_db(reply.created_at or at),
        "sender": "",
        "sender_name": "",
        "recipient": reply.to_address,
        "recipient_name": reply.to_name,
        "subject": reply.subject,
        "body_text": reply.text,
        "body_html": "",
        "warnings": "[]",
        "automatic": int(reply.automatic),
        "thread": json.dumps([reply.in_reply_to, *reply.references] if reply.in_reply_to else []),
        "reply_id": reply.id,
        "kind": reply.kind.value,
        "state": ReplyState.WAITING.value,
    }


class SqlChannelStore:
    """``ChannelStore`` on the local store (see the module docstring)."""

    def __init__(self, db: Database, *, outbox: Outbox | None = None) -> None:
        self._db = db
        # Connected mode: a new interaction is also written for the system of record.
        self._outbox = outbox

    async def cursor(self, source: str) -> str | None:
        def work(conn: Connection) -> str | None:
            return conn.exec_driver_sql(
                "SELECT cursor FROM channel_cursor WHERE source = ?", (source,)
            ).scalar_one_or_none()

        return await self._db.read(work)

    async def receive(
        self,
        contact: IncomingContact,
        new: Change,
        *,
        acknowledgement: OutgoingReply | None,
        joined_text: str | Text = "",
    ) -> IntakeResult:
        at = new.interaction.received_at

        def work(conn: Connection) -> list[ChangeNotice]:
            if contact.cursor:
                conn.exec_driver_sql(
                    "INSERT INTO channel_cursor (source, cursor) VALUES (?, ?) "
                    "ON CONFLICT(source) DO UPDATE SET cursor = excluded.cursor",
                    (contact.source, contact.cursor),
                )
            known = conn.exec_driver_sql(
                "SELECT interaction_id FROM channel_message WHERE reference = ?",
                (contact.reference,),
            ).scalar_one_or_none()
            if known is not None:
                result.append(IntakeResult(known, created=False, duplicate=True))
                return []
            thread_of = self._open_thread(conn, contact.thread)
            interaction_id = thread_of or new.interaction.id
            self._insert_incoming(conn, contact, interaction_id, at)
            if thread_of is not None:
                # The resident wrote again in a conversation that is still open: one
                # interaction, one owner; the timeline says a new message came in.
                entry = (
                    TimelineEntry.said(
                        thread_of, at, contact.source, TimelineKind.RECEIVED, joined_text
                    )
                    if isinstance(joined_text, Text)
                    else TimelineEntry(
                        thread_of, at, contact.source, TimelineKind.RECEIVED, joined_text
                    )
                )
                row = conn.exec_driver_sql(
                    "SELECT * FROM interaction WHERE id = ?", (thread_of,)
                ).first()
                assert row is not None
                item = interaction_from_mapping(row._mapping)
                apply_change(conn, Change(item, (), (entry,)))
                result.append(IntakeResult(thread_of, created=False))
                return [ChangeNotice("interaction", (thread_of,), "update", contact.source)]
            insert_changes(conn, [new])
            notices = [ChangeNotice("interaction", (interaction_id,), "insert", contact.source)]
            if self._outbox is not None:
                self._outbox.record(conn, "create", [new.interaction])
                notices.append(ChangeNotice("outbox", (interaction_id,), "insert"))
            if acknowledgement is not None:
                conn.exec_driver_sql(_INSERT_MESSAGE, _reply_values(acknowledgement, at))
                notices.append(ChangeNotice("channel_reply", (acknowledgement.id,), "insert"))
            result.append(IntakeResult(interaction_id, created=True))
            return notices

        result: list[IntakeResult] = []
        await self._db.write(work)
        return result[0]

    @staticmethod
    def _open_thread(conn: Connection, thread: Sequence[str]) -> str | None:
        if not thread:
            return None
        marks = ",".join("?" * len(thread))
        return conn.exec_driver_sql(
            "SELECT m.interaction_id FROM channel_message m "
            "JOIN interaction i ON i.id = m.interaction_id "
            f"WHERE m.reference IN ({marks}) AND i.is_open = 1 "
            "ORDER BY m.at DESC LIMIT 1",
            tuple(thread),
        ).scalar_one_or_none()

    @staticmethod
    def _insert_incoming(
        conn: Connection, contact: IncomingContact, interaction_id: str, at: datetime
    ) -> None:
        conn.exec_driver_sql(
            _INSERT_MESSAGE,
            {
                "reference": contact.reference,
                "interaction_id": interaction_id,
                "source": contact.source,
                "incoming": 1,
                "at": to_db(at),
                "sender": contact.sender_address,
                "sender_name": contact.sender_name,
                "recipient": "",
                "recipient_name": "",
                "subject": contact.subject,
                "body_text": contact.text,
                "body_html": contact.html,
                "warnings": warnings_to_json(contact.warnings),
                "automatic": int(contact.automatic),
                "thread": json.dumps(list(contact.thread)),
                "reply_id": None,
                "kind": None,
                "state": None,
            },
        )
        if contact.attachments:
            conn.exec_driver_sql(
                "INSERT INTO channel_attachment "
                "(reference, idx, filename, content_type, size, inline, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        contact.reference,
                        index,
                        a.filename,
                        a.content_type,
                        a.size,
                        int(a.inline),
                        a.data,
                    )
                    for index, a in enumerate(contact.attachments)
                ],
            )

    async def resident_by_address(self, address: str) -> Resident | None:
        if not address:
            return None

        def work(conn: Connection) -> Resident | None:
            row = conn.exec_driver_sql(
                "SELECT id, name, phone, phone2, email, village, address FROM resident "
                "WHERE lower(email) = lower(?) LIMIT 1",
                (address,),
            ).first()
            return Resident(*row) if row else None

        return await self._db.read(work)

    async def messages(self, interaction_id: str) -> list[StoredMessage]:
        def work(conn: Connection) -> list[StoredMessage]:
            attachments: dict[str, list[Attachment]] = {}
            for r in conn.exec_driver_sql(
                "SELECT a.reference, a.filename, a.content_type, a.size, a.inline "
                "FROM channel_attachment a JOIN channel_message m ON m.reference = a.reference "
                "WHERE m.interaction_id = ? ORDER BY a.reference, a.idx",
                (interaction_id,),
            ):
                attachments.setdefault(r[0], []).append(
                    Attachment(r[1], r[2], r[3], inline=bool(r[4]))
                )
            rows = conn.exec_driver_sql(
                "SELECT reference, interaction_id, incoming, at, sender, sender_name, recipient, "
                "recipient_name, subject, body_text, body_html, warnings, automatic, state, kind "
                "FROM channel_message WHERE interaction_id = ? ORDER BY at, rowid",
                (interaction_id,),
            )
            return [
                StoredMessage(
                    reference=r[0],
                    interaction_id=r[1],
                    incoming=bool(r[2]),
                    at=from_db(r[3]),  # type: ignore[arg-type]
                    sender=f"{r[5]} <{r[4]}>" if r[5] and r[4] else (r[4] or r[5]),
                    recipient=f"{r[7]} <{r[6]}>" if r[7] and r[6] else r[6],
                    subject=r[8],
                    text=r[9],
                    html=r[10],
                    attachments=tuple(attachments.get(r[0], ())),
                    warnings=warnings_from_json(r[11]),
                    automatic=bool(r[12]),
                    state=ReplyState(r[13]) if r[13] else None,
                    kind=ReplyKind(r[14]) if r[14] else None,
                )
                for r in rows
            ]

        return await self._db.read(work)

    async def attachment(self, reference: str, index: int) -> Attachment | None:
        def work(conn: Connection) -> Attachment | None:
            r = conn.exec_driver_sql(
                "SELECT filename, content_type, size, data, inline FROM channel_attachment "
                "WHERE reference = ? AND idx = ?",
                (reference, index),
            ).first()
            return Attachment(r[0], r[1], r[2], bytes(r[3] or b""), bool(r[4])) if r else None

        return await self._db.read(work)

    async def thread(self, interaction_id: str) -> ThreadFacts | None:
        def work(conn: Connection) -> ThreadFacts | None:
            rows = conn.exec_driver_sql(
                "SELECT reference, source, sender, sender_name, subject, incoming, automatic "
                "FROM channel_message WHERE interaction_id = ? ORDER BY at, rowid",
                (interaction_id,),
            ).all()
            incoming = [r for r in rows if r[5]]
            if not incoming:
                return None
            # Answer the resident, not an auto-responder that joined the thread.
            first = next((r for r in incoming if not r[6]), incoming[0])
            last = incoming[-1]
            return ThreadFacts(
                source=first[1],
                address=first[2],
                name=first[3],
                subject=first[4],
                last_reference=last[0],
                references=tuple(r[0] for r in rows),
            )

        return await self._db.read(work)

    async def queue_reply(self, reply: OutgoingReply, change: Change | None) -> None:
        if reply.created_at is None:
            raise ValueError("a queued reply needs its creation moment")
        at = reply.created_at
        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(_INSERT_MESSAGE, _reply_values(reply, at))
            if change is not None:
                apply_change(conn, change)
                if self._outbox is not None:
                    self._outbox.record(conn, "update", [change.interaction])
            ids = (reply.interaction_id,)
            return [
                ChangeNotice("interaction", ids, "update", fields=("messages",)),
                ChangeNotice("channel_reply", (reply.id,), "insert"),
            ]

        await self._db.write(work)

    async def waiting_replies(self, *, limit: int = 50) -> list[OutgoingReply]:
        def work(conn: Connection) -> list[OutgoingReply]:
            rows = conn.exec_driver_sql(
                "SELECT reply_id, source, interaction_id, kind, recipient, subject, body_text, "
                "reference, recipient_name, thread, automatic, at FROM channel_message "
                "WHERE state = 'waiting' ORDER BY at, rowid LIMIT ?",
                (limit,),
            )
            replies = []
            for r in rows:
                thread = json.loads(r[9])
                replies.append(
                    OutgoingReply(
                        id=r[0],
                        source=r[1],
                        interaction_id=r[2],
                        kind=ReplyKind(r[3]),
                        to_address=r[4],
                        subject=r[5],
                        text=r[6],
                        message_id=r[7],
                        to_name=r[8],
                        in_reply_to=thread[0] if thread else "",
                        references=tuple(thread[1:]),
                        automatic=bool(r[10]),
                        created_at=from_db(r[11]),
                    )
                )
            return replies

        return await self._db.read(work)

    async def _set_state(self, reply_id: str, sql: str, params: tuple) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            interaction_id = conn.exec_driver_sql(
                "SELECT interaction_id FROM channel_message WHERE reply_id = ?", (reply_id,)
            ).scalar_one_or_none()
            conn.exec_driver_sql(sql, params)
            if interaction_id is None:
                return []
            return [
                ChangeNotice("interaction", (interaction_id,), "update", fields=("messages",)),
                ChangeNotice("channel_reply", (reply_id,), "update"),
            ]

        await self._db.write(work)

    async def reply_sent(self, reply_id: str, *, at: datetime) -> None:
        await self._set_state(
            reply_id,
            "UPDATE channel_message SET state = 'sent', sent_at = ?, attempts = attempts + 1 "
            "WHERE reply_id = ? AND state = 'waiting'",
            (to_db(at), reply_id),
        )

    async def reply_failed(self, reply_id: str, *, error: str, final: bool) -> None:
        await self._set_state(
            reply_id,
            "UPDATE channel_message SET attempts = attempts + 1, last_error = ?, "
            "state = CASE WHEN ? THEN 'failed' ELSE state END WHERE reply_id = ?",
            (error, int(final), reply_id),
        )

    async def reply_counts(self) -> dict[ReplyState, int]:
        def work(conn: Connection) -> dict[ReplyState, int]:
            rows = conn.exec_driver_sql(
                "SELECT state, count(*) FROM channel_message WHERE state IS NOT NULL "
                "GROUP BY state"
            )
            counts = dict.fromkeys(ReplyState, 0)
            counts.update({ReplyState(s): n for s, n in rows})
            return counts

        return await self._db.read(work)


def warnings_to_json(warnings: Sequence[str]) -> str:
    """A message's warnings as stored: a warning with parameters keeps its Text as data.

    So the window can show it in the chosen language later (a plain marked sentence is
    looked up as it is); the Dutch rendering is what older rows hold.
    """
    kept: list[object] = []
    for warning in warnings:
        text = getattr(warning, "text", None)
        kept.append({"__text__": text.as_data()} if isinstance(text, Text) else str(warning))
    return json.dumps(kept, ensure_ascii=False)


def warnings_from_json(stored: str) -> tuple[str, ...]:
    """The warnings back: plain Dutch strings, or Sentences that still carry their Text."""
    found: list[str] = []
    for item in json.loads(stored or "[]"):
        if isinstance(item, dict) and isinstance(item.get("__text__"), dict):
            found.append(Sentence.of(Text.from_data(item["__text__"])))
        else:
            found.append(str(item))
    return tuple(found)
