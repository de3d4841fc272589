"""Generated stores for the benchmarks: real schema, realistic rows, fixed seeds, cached on disk.

A store is made in three steps:

1. ``Database.open`` on a new file runs the real migrations, so tables, indexes and FTS5
   triggers are exactly the console's.
2. Raw ``sqlite3.executemany`` inserts every interaction inside one transaction (the FTS5
   index is filled by the real triggers). Going through the repository costs ~100 s per 10⁶
   rows, most of it per-row Python; this costs a fraction and yields the same file contents.
3. A short session through the real repository (the inbox's usual page queries), then
   ``Database.close``: its ``PRAGMA optimize`` runs ANALYZE for the indexes those queries used,
   so the planner statistics are the ones every store has after its first day of use (they
   change the plans of text searches; a store without them would flatter B2/B3).

Rows: ~5 % open, the rest done; channel mix, complaint share and desk routing as the demo
traffic simulator has them; subjects and questions from the demo organisation's ``subjects``
(so text searches hit realistic counts); priority and deadline from the real
``urgency_for`` and working calendar. Status changes and timeline entries are not generated:
no benchmarked path reads them in bulk (the detail pane reads one item's, by index).

Stores are cached under ``cache_dir`` keyed by size, seed, schema version and generator
version; a cached store is never written to — benchmarks work on copies (``working_copy``).
Single-threaded; no Qt.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from console.app import STORE_FILE
from console.demo.organisation import DemoOrganisationSource
from console.demo.simulator import CHANNEL_MIX, COMPLAINT_SHARE, LIVE_CHANNELS
from console.domain.calendar import WorkingCalendar
from console.domain.deadlines import urgency_for
from console.domain.model import Channel, DeskKind, Outcome, QuestionKind, Role, Status
from integrations.calendar_nl import DutchHolidays
from offline_cache.database import Database
from offline_cache.migrations import MIGRATIONS
from offline_cache.repositories import INTERACTION_FIELDS
from offline_cache.search import register as register_search
from offline_cache.timefmt import to_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The moment every benchmark lives in (the tests' Tuesday morning): data is generated relative
# to it and the app runs on a FakeClock set to it, so urgency texts are the same every run.
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
OPEN_SHARE = 0.05
HISTORY_DAYS = 3 * 365
GENERATOR_VERSION = 2  # bump when the stores generated change (2: planner statistics)

_FIELDS = INTERACTION_FIELDS
_INSERT = f"INSERT INTO interaction ({', '.join(_FIELDS)}) VALUES ({', '.join('?' * len(_FIELDS))})"
_OPEN_STATUSES = (
    (Status.NEW, 0.55),
    (Status.IN_PROGRESS, 0.2),
    (Status.WAITING, 0.1),
    (Status.CALLBACK_REQUESTED, 0.1),
    (Status.TRANSFERRED, 0.05),
)


def schema_version() -> int:
    return len(MIGRATIONS)


def store_key(size: int, seed: int) -> str:
    return f"store-n{size}-s{seed}-schema{schema_version()}-gen{GENERATOR_VERSION}"


class _RowMaker:
    """Makes interaction rows (tuples in ``_FIELDS`` order) from one seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        demo = DemoOrganisationSource().data(now=NOW)
        self.demo = demo
        self.calendar = WorkingCalendar(
            holidays=DutchHolidays(include_good_friday=False), closing_days=demo.closing_days
        )
        org = demo.organisation
        self.desks = {d.id: d for d in org.desks}
        self.general = next(d.id for d in org.desks if d.kind is DeskKind.GENERAL)
        self.desk_for_topic = {t: d.id for d in org.desks for t in d.topics}
        agents = [c for c in org.colleagues if c.role is not Role.SUPERVISOR]
        self.agents_by_desk: dict[str, list[str]] = {}
        for c in agents:
            self.agents_by_desk.setdefault(c.desk_id, []).append(c.id)
        self.all_agents = [c.id for c in agents]
        self.channels = list(CHANNEL_MIX)
        self.weights = list(CHANNEL_MIX.values())
        self.outcomes = list(Outcome)
        self.open_statuses = [s for s, _ in _OPEN_STATUSES]
        self.open_weights = [w for _, w in _OPEN_STATUSES]
        self.live_open = 0

    def _desk_for(self, topic: str | None, channel: Channel) -> str:
        desk = self.desk_for_topic.get(topic or "")
        if desk is None or channel in (Channel.PHONE, Channel.CHAT, Channel.COUNTER):
            return self.general
        return desk

    def row(self) -> tuple:
        rng = self.rng
        channel = rng.choices(self.channels, weights=self.weights)[0]
        complaint = rng.random() < COMPLAINT_SHARE
        pool = self.demo.subjects.get("complaint" if complaint else channel.value)
        template = rng.choice(pool or self.demo.subjects["phone"])
        resident = rng.choice(self.demo.residents)
        desk_id = self._desk_for(template.get("topic"), channel)
        is_open = rng.random() < OPEN_SHARE
        live = channel in LIVE_CHANNELS
        if is_open and live and self.live_open >= 8:
            # Nobody waits on the line for days: only a handful of live contacts are open.
            channel, live = Channel.MAIL, False
            desk_id = self._desk_for(template.get("topic"), channel)
        if is_open:
            if live:
                self.live_open += 1
                received = NOW - timedelta(minutes=rng.uniform(0.2, 4))
            else:
                received = NOW - timedelta(minutes=rng.uniform(1, 60 * 24 * 14))
        else:
            received = NOW - timedelta(minutes=rng.uniform(60, 60 * 24 * HISTORY_DAYS))
        kind = QuestionKind.COMPLAINT if complaint else QuestionKind.GENERAL
        urgency = urgency_for(
            channel=channel,
            received_at=received,
            calendar=self.calendar,
            desk_hours=self.desks[desk_id].opening_hours,
            question_kind=kind,
        )
        desk_agents = self.agents_by_desk.get(desk_id) or self.all_agents
        if is_open:
            status = rng.choices(self.open_statuses, weights=self.open_weights)[0]
            if status is Status.NEW:
                owner_kind, owner_id = "desk", desk_id
            else:
                owner_kind, owner_id = "colleague", rng.choice(desk_agents)
            closed_at = None
            outcome = None
            updated = received
        else:
            status = Status.DONE
            owner_kind, owner_id = "colleague", rng.choice(desk_agents)
            closed = received + timedelta(minutes=rng.uniform(1, 60 * 24 * 3))
            closed_at = to_db(min(closed, NOW))
            outcome = rng.choice(self.outcomes).value
            updated = min(closed, NOW)
        return (
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            channel.value,
            "inbound",
            template["subject"],
            template["question"],
            to_db(received),
            owner_kind,
            owner_id,
            desk_id,
            status.value,
            int(is_open),
            resident.id,
            resident.name,
            kind.value,
            urgency.priority,
            to_db(urgency.deadline),
            outcome,
            int(rng.random() < 0.08),
            to_db(updated),
            closed_at,
            "benchmark",
        )


async def _open_and_close(path: Path) -> None:
    db = await Database.open(path)
    await db.close()


async def _settle(path: Path) -> None:
    """A session of the inbox's usual queries, closed as the console closes (see step 3)."""
    from console.domain.inbox import InboxQuery, Scope, StateFilter
    from offline_cache.repositories import SqlInteractionRepository

    db = await Database.open(path)
    try:
        repo = SqlInteractionRepository(db)
        for query in (
            InboxQuery(),
            InboxQuery(scope=Scope.MINE, colleague_id="c01"),
            InboxQuery(scope=Scope.MY_DESK, desk_id="kcc"),
            InboxQuery(state=StateFilter.CLOSED),
            InboxQuery(text="paspoort"),
        ):
            await repo.page(query, limit=200)
    finally:
        await db.close()


def generate_store(path: Path, *, size: int, seed: int, batch: int = 50_000) -> None:
    """Write a new store with ``size`` interactions to ``path`` (see the module docstring)."""
    asyncio.run(_open_and_close(path))  # the real schema, indexes and FTS5 triggers
    maker = _RowMaker(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    register_search(conn)  # the search index's triggers fold text in Python
    try:
        conn.execute("PRAGMA synchronous=OFF")
        # A page cache big enough for the whole build: the default 8 MB spilled the FTS5 index's
        # pages into the -wal again and again (gigabytes written for a 10⁶ store). The file's
        # contents are the same either way.
        conn.execute("PRAGMA cache_size=-1500000")
        conn.execute("BEGIN")
        left = size
        while left > 0:
            n = min(batch, left)
            conn.executemany(_INSERT, [maker.row() for _ in range(n)])
            left -= n
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    asyncio.run(_settle(path))


def cached_store(cache_dir: Path, *, size: int, seed: int) -> Path:
    """The data directory of a generated store (made once, then reused). Never write to it."""
    final = cache_dir / store_key(size, seed)
    if (final / STORE_FILE).exists() and (final / "complete").exists():
        return final
    cache_dir.mkdir(parents=True, exist_ok=True)
    building = cache_dir / f"{final.name}.building"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    generate_store(building / STORE_FILE, size=size, seed=seed)
    (building / "complete").write_text(datetime.now(UTC).isoformat())
    shutil.rmtree(final, ignore_errors=True)
    building.rename(final)
    return final


def working_copy(source: Path, target: Path) -> Path:
    """Copy a cached store's data directory (the store file only) to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / STORE_FILE, target / STORE_FILE)
    return target
