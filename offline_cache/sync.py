"""The sync engine: delivers the outbox exactly once, pulls what changed, merges it.

Event-loop thread; all SQL runs on the database thread through ``Database``. One engine per
store; ``sync_once`` must not run twice at the same time (the sync service owns the only loop).

Delivery (``push``): entries go out in ``seq`` order, so per interaction the create comes
before its updates. Before a create is sent the entry is marked ``sent`` in its own committed
transaction; a later attempt of a ``sent`` entry (after a lost answer, a timeout or a killed
process) asks the remote to *resume*: look the record up by its client reference first and only
add what is missing. Delivery and the link to the remote record are committed together.

Pull (``pull``): what the server holds for this agent and desks is compared with the merge base
(the server state we saw last). Unchanged: nothing. Changed and no local edit waiting: the local
record follows (a note closed elsewhere shows as closed, with who closed it, in the timeline).
Changed while a local edit waits: a conflict is recorded and the local edit is held until the
user chooses; nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from console.domain.deadlines import PRIORITY_PROMISE
from console.domain.model import Direction, Interaction, Owner, Status, TimelineEntry, TimelineKind
from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import (
    ChangeNotice,
    Clock,
    InteractionRemote,
    RemoteAmbiguous,
    RemoteLink,
    RemoteMalformed,
    RemoteReferenceTaken,
    RemoteRejected,
    RemoteState,
    RemoteUnavailable,
    RemoteUnreadable,
    SyncStatus,
)
from offline_cache import quarantine
from offline_cache.database import Database
from offline_cache.outbox import (
    interaction_from_json,
    interaction_to_json,
    random_reference,
    task_from_json,
)
from offline_cache.repositories import (
    INSERT_INTERACTION,
    INSERT_STATUS,
    INSERT_TIMELINE,
    timeline_values,
)
from offline_cache.timefmt import to_db

# Timeline sentences of the pull paths, as data (rendered per language by the widgets).
_CLOSED_ELSEWHERE = QT_TRANSLATE_NOOP("Timeline", "Afgehandeld door {actor} op een andere werkplek")
_CLOSED_ELSEWHERE_NOTE = QT_TRANSLATE_NOOP(
    "Timeline", "Afgehandeld door {actor} op een andere werkplek: {note}"
)
_CHANGED_ELSEWHERE = QT_TRANSLATE_NOOP("Timeline", "Gewijzigd op een andere werkplek")
_FROM_SYSTEM = QT_TRANSLATE_NOOP(
    "Timeline", "Ontvangen uit het klantcontactsysteem (gemaakt door {maker})"
)

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
WAITING_STATES = ("pending", "held")


@dataclass(frozen=True)
class Entry:
    seq: int
    entity_id: str
    op: str
    payload: dict[str, Any]
    reference: str | None
    sent: bool
    attempts: int


@dataclass
class SyncReport:
    delivered: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: int = 0
    failed: int = 0
    quarantined: int = 0


@dataclass(frozen=True)
class NotSent:
    """An outbox entry the server refused: shown in "Niet verzonden" with its reason."""

    entity_id: str
    subject: str
    reason: str  # the server's reason, in Dutch
    attempts: int


def _default_deadline(moment: datetime) -> datetime:
    from datetime import timedelta

    return moment + timedelta(days=1)


class SyncEngine:
    """See the module docstring."""

    def __init__(
        self,
        db: Database,
        remote: InteractionRemote,
        *,
        clock: Clock,
        owners: Callable[[], Sequence[Owner]],
        new_reference: Callable[[], str] = random_reference,
        sleep: Sleep = asyncio.sleep,
        ambiguous_retries: int = 8,
        batch: int = 100,
        deadline_for: Callable[[datetime], datetime] = _default_deadline,
    ) -> None:
        self._db = db
        self._remote = remote
        self._clock = clock
        self._owners = owners
        self._new_reference = new_reference
        self._sleep = sleep
        self._ambiguous_retries = ambiguous_retries
        self._batch = batch
        self._flush_every = 25
        self._mark_every = 10
        self._merge_every = 500
        # Two rounds at once could send the same entry twice: one round at a time.
        self._round = asyncio.Lock()
        # One delivery at a time (a round's push, or ``deliver_new`` beside a pull).
        self._pushing = asyncio.Lock()
        self._delivered: list[tuple[int, str, RemoteState, str | None]] = []
        self._pending_links: dict[str, RemoteLink] = {}
        # N1 for notes made elsewhere: the deadline counts from when the note was made.
        self._deadline_for = deadline_for
        self._deferred: set[str] = set()  # entities whose answer was unreadable this round
        self._peeked: Any = None  # what ``anything_new`` saw last (the remote's ``peek``)

    # -- status ----------------------------------------------------------------------------

    async def status(self, *, online: bool | None, message: str | None = None) -> SyncStatus:
        def work(conn: Connection) -> SyncStatus:
            counts = dict(
                conn.exec_driver_sql(
                    "SELECT state, count(*) FROM outbox WHERE state IN "
                    "('pending', 'held', 'failed') GROUP BY state"
                ).all()
            )
            conflicts = conn.exec_driver_sql("SELECT count(*) FROM sync_conflict").scalar_one()
            aside = quarantine.count(conn)
            last = conn.exec_driver_sql(
                "SELECT value FROM sync_meta WHERE key = 'last_success'"
            ).scalar_one_or_none()
            return SyncStatus(
                online=online,
                waiting=int(counts.get("pending", 0) + counts.get("held", 0)),
                conflicts=int(conflicts),
                failed=int(counts.get("failed", 0)),
                last_success=datetime.fromisoformat(last) if last else None,
                message=message,
                quarantined=aside,
            )

        return await self._db.read(work)

    async def waiting(self) -> int:
        return (await self.status(online=None)).waiting

    # -- one round ---------------------------------------------------------------------------

    async def sync_once(self) -> SyncReport:
        """Pull and merge, then push everything deliverable.

        Raises:
            RemoteUnavailable: the server could not be reached (the outbox keeps everything).
            RemoteAuthFailed: the token was refused.
        """
        async with self._round:
            return await self._sync_once()

    async def _sync_once(self) -> SyncReport:
        report = SyncReport()
        self._deferred.clear()
        # Pull first: a change made elsewhere since we last looked becomes a conflict that
        # holds our waiting edit, instead of being overwritten by it (a lost update).
        unreadable: RemoteMalformed | None = None
        try:
            pulled, merged, conflicts = await self.pull()
            report.pulled, report.merged, report.conflicts = pulled, merged, conflicts
        except RemoteMalformed as exc:
            # A whole list could not be read: keep it aside; what was merged stays merged,
            # and our own writes still go out below.
            await self.put_aside([RemoteUnreadable(exc.message, exc.raw)])
            report.quarantined += 1
            unreadable = exc
        report.delivered, report.failed = await self.push()
        if unreadable is not None:
            raise unreadable
        moment = self._clock.now().isoformat()

        def mark(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "INSERT INTO sync_meta (key, value) VALUES ('last_success', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (moment,),
            )
            return []

        await self._db.write(mark)
        return report

    # -- push --------------------------------------------------------------------------------

    async def _next_entries(self, *, creates_only: bool = False) -> list[Entry]:
        limit = self._batch + len(self._deferred)
        deferred = set(self._deferred)
        only = "AND op = 'create' " if creates_only else ""

        def work(conn: Connection) -> list[Entry]:
            # An interaction whose earlier entry failed or is held waits as a whole: its
            # updates must never overtake what came before.
            rows = conn.exec_driver_sql(
                "SELECT seq, entity_id, op, payload, reference, sent, attempts FROM outbox o "
                f"WHERE state = 'pending' {only}AND NOT EXISTS (SELECT 1 FROM outbox b WHERE "
                "b.entity_id = o.entity_id AND b.seq < o.seq AND b.state IN ('failed', 'held')) "
                "ORDER BY seq LIMIT ?",
                (limit,),
            ).all()
            return [
                Entry(r[0], r[1], r[2], json.loads(r[3]), r[4], bool(r[5]), r[6])
                for r in rows
                if r[1] not in deferred
            ]

        return await self._db.read(work)

    async def deliver_new(self) -> tuple[int, int]:
        """Deliver waiting creates now, beside a pull that may be running (B10).

        A new record has nothing on the server to conflict with, so it need not wait for the
        pull that protects updates from lost updates; a save is never queued behind a slow
        pull. Updates still go out in the next round, after its pull.

        Raises:
            RemoteUnavailable: stopped because the server is unreachable.
        """
        return await self.push(creates_only=True)

    async def push(self, *, creates_only: bool = False) -> tuple[int, int]:
        """Deliver the outbox; returns (delivered, refused).

        Raises:
            RemoteUnavailable: stopped because the server is unreachable.
        """
        async with self._pushing:
            return await self._push(creates_only=creates_only)

    async def _push(self, *, creates_only: bool) -> tuple[int, int]:
        delivered = failed = 0
        while True:
            entries = await self._next_entries(creates_only=creates_only)
            if not entries:
                return delivered, failed
            try:
                for start in range(0, len(entries), self._mark_every):
                    chunk = entries[start : start + self._mark_every]
                    # One commit marks a few creates as possibly sent before any goes out: a
                    # kill at any later moment makes the next attempt look each one up first.
                    # ``entry.sent`` keeps what was known before: only those resume now.
                    await self._mark_sent([e for e in chunk if e.op == "create" and not e.sent])
                    refused = False
                    for entry in chunk:
                        outcome = await self._deliver_with_retries(entry)
                        if outcome == "delivered":
                            delivered += 1
                        elif outcome in ("failed", "deferred"):
                            failed += outcome == "failed"
                            refused = True
                            break
                    if refused:
                        # Later entries of that interaction wait now: re-read the queue.
                        break
            finally:
                await self._flush_delivered()

    async def _deliver_with_retries(self, entry: Entry) -> str:
        ambiguous = 0
        while True:
            try:
                await self._deliver(entry)
                return "delivered"
            except RemoteAmbiguous:
                # It may have landed; the next attempt resumes (looks it up first).
                ambiguous += 1
                entry = replace(entry, sent=True)
                if ambiguous >= self._ambiguous_retries:
                    raise
                await self._sleep(min(30.0, 0.5 * 2**ambiguous))
            except RemoteReferenceTaken:
                # Ten random digits collide now and then: take another reference.
                entry = replace(entry, reference=self._new_reference(), sent=False)
                await self._set_reference(entry)
            except RemoteUnavailable:
                raise
            except RemoteMalformed as exc:
                # The server answered something we cannot read: it may have stored the write.
                # Keep the answer aside, look it up next round (resume), go on with the rest.
                await self.put_aside([RemoteUnreadable(exc.message, exc.raw)])
                await self._defer(entry, exc.message)
                return "deferred"
            except RemoteRejected as exc:
                log.warning("outbox entry %d refused: %s", entry.seq, type(exc).__name__)
                await self._mark_failed(entry, exc.message)
                return "failed"

    async def _defer(self, entry: Entry, message: str) -> None:
        self._deferred.add(entry.entity_id)

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "UPDATE outbox SET sent = 1, last_error = ? WHERE seq = ?", (message, entry.seq)
            )
            return []

        await self._db.write(work)

    async def put_aside(self, unreadable: Sequence[RemoteUnreadable]) -> int:
        """Keep unreadable answers in the quarantine list; returns how many were new."""
        if not unreadable:
            return 0
        moment = to_db(self._clock.now())
        new = 0

        def work(conn: Connection) -> list[ChangeNotice]:
            nonlocal new
            for item in unreadable:
                new += quarantine.put_aside(
                    conn,
                    message=item.message,
                    raw=item.raw,
                    internetaak=item.internetaak,
                    at=moment,  # type: ignore[arg-type]
                )
                if item.gone and item.internetaak:
                    # Deleted on the server: never ask for it again; the local note stays.
                    conn.exec_driver_sql(
                        "UPDATE remote_link SET version = 'verwijderd' WHERE internetaak = ?",
                        (item.internetaak,),
                    )
            return [ChangeNotice("quarantine", (), "insert", "sync")] if new else []

        await self._db.write(work)
        return new

    async def quarantined(self) -> list[quarantine.QuarantineItem]:
        return await self._db.read(quarantine.items)

    async def dismiss(self, key: str) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            quarantine.dismiss(conn, key)
            return [ChangeNotice("quarantine", (key,), "delete", "sync")]

        await self._db.write(work)

    async def not_sent(self) -> list[NotSent]:
        """Entries the server refused, with its reason: the "Niet verzonden" list."""

        def work(conn: Connection) -> list[NotSent]:
            rows = conn.exec_driver_sql(
                "SELECT o.entity_id, coalesce(i.subject, ''), coalesce(o.last_error, ''), "
                "o.attempts FROM outbox o LEFT JOIN interaction i ON i.id = o.entity_id "
                "WHERE o.state = 'failed' ORDER BY o.seq"
            ).all()
            return [NotSent(r[0], r[1], r[2], r[3]) for r in rows]

        return await self._db.read(work)

    async def retry(self, entity_id: str) -> None:
        """"Opnieuw proberen": the refused entries of ``entity_id`` go out again."""

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "UPDATE outbox SET state = 'pending' WHERE entity_id = ? AND state = 'failed'",
                (entity_id,),
            )
            return [ChangeNotice("outbox", (entity_id,), "update")]

        await self._db.write(work)

    async def _set_reference(self, entry: Entry) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            # Marked as possibly sent: the new reference goes out right after this commit.
            conn.exec_driver_sql(
                "UPDATE outbox SET reference = ?, sent = 1 WHERE seq = ?",
                (entry.reference, entry.seq),
            )
            return []

        await self._db.write(work)

    async def _mark_sent(self, entries: Sequence[Entry]) -> None:
        if not entries:
            return

        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "UPDATE outbox SET sent = 1, attempts = attempts + 1 WHERE seq = ?",
                [(e.seq,) for e in entries],
            )
            return []

        await self._db.write(work)

    async def _flush_delivered(self) -> None:
        """Commit the deliveries made so far (with their links) in one transaction."""
        done, self._delivered = self._delivered, []
        if not done:
            return

        def work(conn: Connection) -> list[ChangeNotice]:
            for seq, entity_id, state, moment in done:
                conn.exec_driver_sql(
                    "UPDATE outbox SET state = 'delivered', delivered_at = ? WHERE seq = ?",
                    (moment, seq),
                )
                _save_link(conn, entity_id, state, moment)
            return [ChangeNotice("outbox", tuple(d[1] for d in done), "update", "sync")]

        await self._db.write(work)
        self._pending_links.clear()

    async def _mark_failed(self, entry: Entry, message: str) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            conn.exec_driver_sql(
                "UPDATE outbox SET state = 'failed', last_error = ? WHERE seq = ?",
                (message, entry.seq),
            )
            return [ChangeNotice("outbox", (entry.entity_id,), "update")]

        await self._db.write(work)

    async def _link(self, entity_id: str) -> RemoteLink | None:
        def work(conn: Connection) -> RemoteLink | None:
            row = conn.exec_driver_sql(
                "SELECT klantcontact, internetaak FROM remote_link WHERE interaction_id = ?",
                (entity_id,),
            ).first()
            return RemoteLink(row[0], row[1]) if row else None

        return await self._db.read(work)

    async def _deliver(self, entry: Entry) -> None:
        item = interaction_from_json(entry.payload["interaction"])
        task = task_from_json(entry.payload.get("task"))
        if entry.op == "create":
            assert entry.reference is not None
            state = await self._remote.create(
                item, reference=entry.reference, task=task, resume=entry.sent
            )
        else:
            link = self._pending_links.get(entry.entity_id) or await self._link(entry.entity_id)
            if link is None:
                # The create was refused earlier and the user removed it: nothing to update.
                raise RemoteRejected(
                    QT_TRANSLATE_NOOP(
                        "errors", "Dit contact staat niet in het klantcontactsysteem."
                    )
                )
            state = await self._remote.update(link, item, task=task)
        # Marked delivered in batches: a kill before the flush only costs a look-up (resume)
        # or a repeated PATCH, never a duplicate.
        self._delivered.append((entry.seq, entry.entity_id, state, to_db(self._clock.now())))
        self._pending_links[entry.entity_id] = state.link
        if len(self._delivered) >= self._flush_every:
            await self._flush_delivered()

    # -- pull --------------------------------------------------------------------------------

    async def anything_new(self) -> bool:
        """Did our open task lists change on the server since the last look or pull (B13)?

        One cheap request per owner (the remote's ``peek``); False when the remote has none.

        Raises:
            RemoteUnavailable, RemoteAuthFailed: as a round would.
        """
        peek = getattr(self._remote, "peek", None)
        if peek is None:
            return False
        seen = await peek(list(self._owners()))
        changed = self._peeked is not None and seen != self._peeked
        self._peeked = seen
        return changed

    async def pull(self) -> tuple[int, int, int]:
        """Fetch what the server holds for our owners and merge it; (seen, merged, conflicts)."""

        def versions(conn: Connection) -> dict[str, str]:
            rows = conn.exec_driver_sql(
                "SELECT internetaak, version FROM remote_link WHERE internetaak IS NOT NULL"
            )
            return {r[0]: r[1] for r in rows}

        known = await self._db.read(versions)
        moment = self._clock.now()
        merged = conflicts = 0

        deadline_for = self._deadline_for

        def merge(chunk: list[RemoteState]) -> Callable[[Connection], list[ChangeNotice]]:
            def work(conn: Connection) -> list[ChangeNotice]:
                nonlocal merged, conflicts
                touched: list[str] = []
                notes: list[str] = []
                found = 0
                # The common cases in bulk (a first sync: all new; a poll: all unchanged),
                # a few statements per chunk; anything else one by one, in order, as before.
                fresh, unchanged, rest = _sort_out(conn, chunk)
                _insert_remotes(conn, fresh, moment, deadline_for)
                if unchanged:
                    conn.exec_driver_sql(
                        "UPDATE remote_link SET version = ? WHERE interaction_id = ?",
                        [(state.version, local_id) for state, local_id in unchanged],
                    )
                for state in fresh:
                    touched.append(state.interaction_id)
                    if state.note is not None:
                        notes.append(state.interaction_id)
                for state in rest:
                    result, local_id = _merge(conn, state, moment, deadline_for)
                    if result == "conflict":
                        found += 1
                    if result in ("merged", "inserted"):
                        touched.append(local_id)
                        if state.note is not None or _is_note(conn, local_id):
                            notes.append(local_id)
                merged += len(touched)
                conflicts += found
                notices = []
                if touched:
                    notices.append(ChangeNotice("interaction", tuple(touched), "update", "sync"))
                if notes:
                    # The callback list listens to these (not to "interaction").
                    notices.append(ChangeNotice("callback_note", tuple(notes), "update", "sync"))
                if found:
                    notices.append(ChangeNotice("outbox", (), "update", "sync"))
                return notices

            return work

        # Small transactions, merged as the pages arrive: the lists on screen hear of a few
        # hundred rows at a time, and nothing holds a whole first sync in memory.
        pending: list[RemoteState] = []
        # One merge may run on the database thread while the next page is read and parsed
        # here: the two threads overlap (a first sync of 10⁵ is half merging). Merges stay in
        # order: the next one is handed over only after the previous one committed.
        writing: asyncio.Future[Any] | None = None

        async def hand_over(chunk: list[RemoteState]) -> None:
            nonlocal writing
            if writing is not None:
                done, writing = writing, None
                await done
            writing = asyncio.ensure_future(self._db.write(merge(chunk)))

        try:
            with _fewer_full_collections():
                owners = list(self._owners())
                await self._pull_pages(owners, known, pending, hand_over)
            listed = getattr(self._remote, "listed", None)
            if isinstance(listed, dict):
                # The lists just read are the baseline of the next cheap look: a task added
                # after they were read shows as a change (``anything_new``), at no extra request.
                self._peeked = tuple(listed.get(o) for o in owners)
        finally:
            if writing is not None:
                # Committed or failed, it finishes before the round reports (or raises).
                await asyncio.shield(writing)
        return self._seen, merged, conflicts

    async def _pull_pages(self, owners, known, pending: list[RemoteState], hand_over) -> None:
        """Read every changed page and hand full chunks to the merge (see ``pull``)."""
        self._seen = 0
        async for batch in self._remote.iter_changes(owners, known=known):
            readable = [s for s in batch if isinstance(s, RemoteState)]
            unreadable = [s for s in batch if isinstance(s, RemoteUnreadable)]
            if unreadable:
                await self.put_aside(unreadable)
            self._seen += len(readable)
            pending.extend(readable)
            while len(pending) >= self._merge_every:
                chunk = pending[: self._merge_every]
                del pending[: self._merge_every]
                await hand_over(chunk)
        if pending:
            chunk = list(pending)
            pending.clear()
            await hand_over(chunk)

    # -- conflicts ---------------------------------------------------------------------------

    async def conflicts(self) -> list[tuple[Interaction, dict[str, Any]]]:
        """Each conflict: our local version and what the server holds (its signature)."""

        def work(conn: Connection) -> list[tuple[Interaction, dict[str, Any]]]:
            rows = conn.exec_driver_sql(
                "SELECT local, remote FROM sync_conflict ORDER BY detected_at"
            ).all()
            return [(interaction_from_json(json.loads(r[0])), json.loads(r[1])) for r in rows]

        return await self._db.read(work)

    async def resolve(self, interaction_id: str, *, keep_local: bool) -> None:
        """Settle a conflict: send our version anyway, or take the server's."""

        def work(conn: Connection) -> list[ChangeNotice]:
            row = conn.exec_driver_sql(
                "SELECT remote FROM sync_conflict WHERE interaction_id = ?", (interaction_id,)
            ).first()
            if row is None:
                return []
            remote = json.loads(row[0])
            conn.exec_driver_sql(
                "UPDATE remote_link SET base = ? WHERE interaction_id = ?",
                (json.dumps(remote["signature"]), interaction_id),
            )
            if keep_local:
                conn.exec_driver_sql(
                    "UPDATE outbox SET state = 'pending' WHERE entity_id = ? AND state = 'held'",
                    (interaction_id,),
                )
            else:
                conn.exec_driver_sql(
                    "UPDATE outbox SET state = 'superseded' WHERE entity_id = ? AND state = 'held'",
                    (interaction_id,),
                )
                _apply_remote(conn, interaction_id, remote["state"], self._clock.now())
            conn.exec_driver_sql(
                "DELETE FROM sync_conflict WHERE interaction_id = ?", (interaction_id,)
            )
            return [
                ChangeNotice("interaction", (interaction_id,), "update", "sync"),
                ChangeNotice("outbox", (interaction_id,), "update", "sync"),
            ]

        await self._db.write(work)


# -- merging, on the database thread ---------------------------------------------------------


def _state_json(state: RemoteState) -> dict[str, Any]:
    return {
        "status": state.status.value,
        "owner_kind": state.owner.kind.value,
        "owner_id": state.owner.id,
        "closed_by": state.closed_by,
        "closed_at": to_db(state.closed_at),
        "outcome": state.outcome.value if state.outcome else None,
        "subject": state.subject,
        "question": state.question,
        "outcome_text": state.note.outcome_text if state.note else "",
    }


SAVE_LINK = (
    "INSERT INTO remote_link "
    "(interaction_id, klantcontact, internetaak, base, version, synced_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(interaction_id) DO UPDATE SET "
    "klantcontact = excluded.klantcontact, "
    "internetaak = coalesce(excluded.internetaak, remote_link.internetaak), "
    "base = excluded.base, version = excluded.version, synced_at = excluded.synced_at"
)


def _save_link(conn: Connection, interaction_id: str, state: RemoteState, moment: str) -> None:
    conn.exec_driver_sql(
        SAVE_LINK,
        (
            interaction_id,
            state.link.klantcontact,
            state.link.internetaak,
            json.dumps(state.signature()),
            state.version,
            moment,
        ),
    )


def _is_note(conn: Connection, interaction_id: str) -> bool:
    return (
        conn.exec_driver_sql(
            "SELECT 1 FROM callback_note WHERE id = ?", (interaction_id,)
        ).first()
        is not None
    )


def _ours(conn: Connection, state: RemoteState) -> bool:
    """Is this klantcontact the one our create made? Both the id and the reference must match.

    A klantcontact that merely carries our note's ``kccId`` (copied, or forged) is somebody
    else's; one whose referentienummer is that of our create for the same id is ours.
    """
    linked = conn.exec_driver_sql(
        "SELECT klantcontact FROM remote_link WHERE interaction_id = ?", (state.interaction_id,)
    ).first()
    if linked is not None:
        return linked[0] == state.link.klantcontact
    if not state.reference:
        return False
    return (
        conn.exec_driver_sql(
            "SELECT 1 FROM outbox WHERE entity_id = ? AND op = 'create' AND reference = ?",
            (state.interaction_id, state.reference),
        ).first()
        is not None
    )


def _in_chunks(values: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _sort_out(
    conn: Connection, chunk: Sequence[RemoteState]
) -> tuple[list[RemoteState], list[tuple[RemoteState, str]], list[RemoteState]]:
    """Split a chunk: (new to us, unchanged since we saw it, the rest), in chunk order.

    Two queries for the whole chunk instead of two or three per state. "New" means: no link
    to its klantcontact, no local record with its id, and neither id used by another state of
    the chunk (those, and every changed, conflicting or linked-by-reference one, go through
    ``_merge`` one by one, which sees what the earlier ones wrote).
    """
    contacts = [s.link.klantcontact for s in chunk]
    linked: dict[str, tuple[str, str | None]] = {}
    for part in _in_chunks(contacts):
        marks = ", ".join("?" * len(part))
        for kc, local_id, base in conn.exec_driver_sql(
            "SELECT klantcontact, interaction_id, base FROM remote_link "
            f"WHERE klantcontact IN ({marks})",
            tuple(part),
        ):
            linked[kc] = (local_id, base)
    ids = [s.interaction_id for s in chunk]
    existing: set[str] = set()
    for part in _in_chunks(ids):
        marks = ", ".join("?" * len(part))
        existing.update(
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT id FROM interaction WHERE id IN ({marks})", tuple(part)
            )
        )
    uses: dict[str, int] = {}
    for state in chunk:
        for key in {state.interaction_id, state.link.klantcontact}:
            uses[key] = uses.get(key, 0) + 1
    fresh: list[RemoteState] = []
    unchanged: list[tuple[RemoteState, str]] = []
    rest: list[RemoteState] = []
    for state in chunk:
        if uses[state.interaction_id] > 1 or uses[state.link.klantcontact] > 1:
            rest.append(state)
        elif state.link.klantcontact in linked:
            local_id, base = linked[state.link.klantcontact]
            if base and json.loads(base) == state.signature():
                unchanged.append((state, local_id))
            else:
                rest.append(state)
        elif state.interaction_id in existing:
            rest.append(state)
        else:
            fresh.append(state)
    return fresh, unchanged, rest


def _merge(
    conn: Connection,
    state: RemoteState,
    moment: datetime,
    deadline_for: Callable[[datetime], datetime],
) -> tuple[str, str]:
    """Merge one server state; returns (what happened, the local interaction id)."""
    row = conn.exec_driver_sql(
        "SELECT interaction_id, base FROM remote_link WHERE klantcontact = ?",
        (state.link.klantcontact,),
    ).first()
    signature = state.signature()
    if row is None:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM interaction WHERE id = ?", (state.interaction_id,)
        ).first()
        if exists and _ours(conn, state):
            _save_link(conn, state.interaction_id, state, to_db(moment))  # type: ignore[arg-type]
            return "linked", state.interaction_id
        if exists:
            # Someone else's klantcontact with our id in it: it becomes its own record.
            state = replace(state, interaction_id=state.link.klantcontact)
            if conn.exec_driver_sql(
                "SELECT 1 FROM interaction WHERE id = ?", (state.interaction_id,)
            ).first():
                return "same", state.interaction_id
        _insert_remotes(conn, [state], moment, deadline_for)
        return "inserted", state.interaction_id
    interaction_id, base = row[0], json.loads(row[1]) if row[1] else None
    if base == signature:
        conn.exec_driver_sql(
            "UPDATE remote_link SET version = ? WHERE interaction_id = ?",
            (state.version, interaction_id),
        )
        return "same", interaction_id
    waiting = conn.exec_driver_sql(
        "SELECT count(*) FROM outbox WHERE entity_id = ? AND state IN ('pending', 'held')",
        (interaction_id,),
    ).scalar_one()
    if waiting:
        # Changed on the server while our edit waits: the user decides (never drop either).
        local = conn.exec_driver_sql(
            "SELECT * FROM interaction WHERE id = ?", (interaction_id,)
        ).first()
        local_json = {k: local._mapping[k] for k in local._mapping if k not in ("seq", "is_open")}
        conn.exec_driver_sql(
            "INSERT INTO sync_conflict (interaction_id, local, remote, detected_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(interaction_id) DO UPDATE SET "
            "local = excluded.local, remote = excluded.remote",
            (
                interaction_id,
                json.dumps(local_json),
                json.dumps({"signature": signature, "state": _state_json(state)}),
                to_db(moment),
            ),
        )
        conn.exec_driver_sql(
            "UPDATE outbox SET state = 'held' WHERE entity_id = ? AND state = 'pending'",
            (interaction_id,),
        )
        conn.exec_driver_sql(
            "UPDATE remote_link SET version = ? WHERE interaction_id = ?",
            (state.version, interaction_id),
        )
        return "conflict", interaction_id
    _apply_remote(conn, interaction_id, _state_json(state), moment)
    conn.exec_driver_sql(
        "UPDATE remote_link SET base = ?, version = ?, synced_at = ? WHERE interaction_id = ?",
        (json.dumps(signature), state.version, to_db(moment), interaction_id),
    )
    return "merged", interaction_id


def _apply_remote(
    conn: Connection, interaction_id: str, remote: dict[str, Any], moment: datetime
) -> None:
    """Make the local record follow the server, with a timeline entry saying who did what."""
    row = conn.exec_driver_sql(
        "SELECT status, owner_kind, owner_id FROM interaction WHERE id = ?", (interaction_id,)
    ).first()
    if row is None:
        return
    old_status = row[0]
    new_status = remote["status"]
    closed = new_status == Status.DONE.value
    conn.exec_driver_sql(
        "UPDATE interaction SET status = ?, is_open = ?, owner_kind = ?, owner_id = ?, "
        "outcome = ?, closed_at = ?, subject = ?, question = ?, updated_at = ? WHERE id = ?",
        (
            new_status,
            0 if closed else 1,
            remote["owner_kind"],
            remote["owner_id"],
            remote["outcome"],
            remote["closed_at"] or (to_db(moment) if closed else None),
            remote["subject"],
            remote["question"],
            to_db(moment),
            interaction_id,
        ),
    )
    actor = remote["closed_by"] or remote["owner_id"] or "klantcontactsysteem"
    outcome_text = remote.get("outcome_text") or ""
    if closed and outcome_text:
        conn.exec_driver_sql(
            "UPDATE callback_note SET outcome_text = ? WHERE id = ?",
            (outcome_text, interaction_id),
        )
    if old_status != new_status:
        conn.exec_driver_sql(
            INSERT_STATUS,
            {
                "interaction_id": interaction_id,
                "at": to_db(moment),
                "by": actor,
                "old": old_status,
                "new": new_status,
            },
        )
    if closed and old_status != new_status:
        line = (
            Text("Timeline", _CLOSED_ELSEWHERE_NOTE, {"actor": actor, "note": outcome_text})
            if outcome_text
            else Text("Timeline", _CLOSED_ELSEWHERE, {"actor": actor})
        )
        kind = TimelineKind.CLOSED
    else:
        line = Text("Timeline", _CHANGED_ELSEWHERE)
        kind = TimelineKind.STATUS
    entry = TimelineEntry.said(interaction_id, moment, actor, kind, line)
    conn.exec_driver_sql(INSERT_TIMELINE, timeline_values(entry))


def _insert_remotes(
    conn: Connection,
    states: Sequence[RemoteState],
    moment: datetime,
    deadline_for: Callable[[datetime], datetime],
) -> None:
    """Notes made elsewhere for us or our desk, new to this store: link, record, note, timeline.

    One ``executemany`` per table for the whole batch. The callback notes go in before their
    interactions: the search index (migration v8's triggers, which fold text in Python) is then
    built once per note, by the interaction's insert, with the note's numbers already there,
    instead of once for the interaction and again for its note.
    """
    if not states:
        return
    synced_at = to_db(moment)
    links: list[tuple[Any, ...]] = []
    records: list[dict[str, Any]] = []
    timeline: list[dict[str, Any]] = []
    notes: list[tuple[Any, ...]] = []
    for state in states:
        links.append(
            (
                state.interaction_id,
                state.link.klantcontact,
                state.link.internetaak,
                json.dumps(state.signature()),
                state.version,
                synced_at,
            )
        )
        record, entry, note = _remote_rows(state, deadline_for)
        records.append(record)
        timeline.append(entry)
        if note is not None:
            notes.append(note)
    conn.exec_driver_sql(SAVE_LINK, links)
    if notes:
        conn.exec_driver_sql(INSERT_NOTE, notes)
    conn.exec_driver_sql(INSERT_INTERACTION, records)
    conn.exec_driver_sql(INSERT_TIMELINE, timeline)


INSERT_NOTE = (
    "INSERT INTO callback_note (id, resident_name, resident_id, phone, phone2, email, "
    "summary, best_time, creator, source_interaction_id, advice, override_reason, "
    "follow_up, outcome_text) VALUES (?, ?, NULL, ?, ?, ?, ?, '', ?, NULL, '', '', "
    "'none', ?)"
)


def _remote_rows(
    state: RemoteState, deadline_for: Callable[[datetime], datetime]
) -> tuple[dict[str, Any], dict[str, Any], tuple[Any, ...] | None]:
    """(interaction values, its "received" timeline entry, callback_note values or None)."""
    note = state.note
    deadline = deadline_for(state.received_at) if note is not None else None
    item = Interaction(
        id=state.interaction_id,
        channel=state.channel,
        direction=Direction.INBOUND,
        subject=state.subject,
        question=state.question,
        received_at=state.received_at,
        owner=state.owner,
        desk_id=state.desk_id or state.owner.id,
        status=state.status,
        resident_name=(note.contact_name or None) if note else None,
        priority=PRIORITY_PROMISE if note is not None else 2,
        deadline=deadline,
        outcome=state.outcome,
        updated_at=state.received_at,
        closed_at=state.closed_at,
        created_by="klantcontactsysteem",
    )
    values = interaction_to_json(item)
    values["deadline"] = values["deadline"] or values["received_at"]
    values["is_open"] = int(item.is_open)
    maker = (note.created_by if note else "") or "klantcontactsysteem"
    # One dict per row: _insert_remotes writes a whole batch in one executemany (B14).
    entry = timeline_values(
        TimelineEntry.said(
            item.id,
            item.received_at,
            maker,
            TimelineKind.RECEIVED,
            Text("Timeline", _FROM_SYSTEM, {"maker": maker}),
        )
    )
    if note is None:
        return values, entry, None
    # What KISS shows: the question (onderwerp), the notes (inhoud), the toelichting.
    summary = state.subject.strip()
    if state.question.strip() and state.question.strip() != summary:
        summary = f"{summary}\n{state.question.strip()}" if summary else state.question.strip()
    if note.explanation and note.explanation.strip() != summary.strip():
        summary = f"{summary}\n\nToelichting: {note.explanation}"
    return (
        values,
        entry,
        (
            item.id,
            note.contact_name,
            note.phones[0] if note.phones else "",
            note.phones[1] if len(note.phones) > 1 else None,
            note.email,
            summary,
            maker,
            note.outcome_text,
        ),
    )


_PAUSED = 0  # pulls running with fewer full collections (the setting is process-wide)


@contextlib.contextmanager
def _fewer_full_collections():
    """No full (generation 2) garbage collection while a pull runs, unless it is very long.

    A full collection scans every live object and holds the event loop 50–70 ms at 10⁵ notes
    (B5: 19 of them in a first sync, the worst ticks of the run); the pull's own garbage is
    almost all freed by reference counting, and the young generations are still collected.
    The old setting comes back when the last pull ends.
    """
    global _PAUSED
    before = gc.get_threshold()
    _PAUSED += 1
    if _PAUSED == 1:
        gc.set_threshold(before[0], before[1], max(before[2], 1000))
    try:
        yield
    finally:
        _PAUSED -= 1
        if _PAUSED == 0:
            gc.set_threshold(*before)
