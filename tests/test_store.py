"""The local store on real SQLite files: schema, paging, search, conflicts, bad files."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import timedelta

import pytest

from console.domain import lifecycle
from console.domain.inbox import InboxQuery, Scope, StateFilter
from console.domain.model import (
    Channel,
    Direction,
    Interaction,
    Outcome,
    Owner,
    Status,
)
from console.ports import ConflictError, StoreError
from offline_cache.database import Database
from offline_cache.lock import DataDirLock
from offline_cache.migrations import MIGRATIONS
from offline_cache.repositories import SqlInteractionRepository, fts_match_expression
from tests.conftest import TUESDAY_MORNING


def make(n: int, *, priority: int = 1, channel: Channel = Channel.MAIL, **kw) -> Interaction:
    at = TUESDAY_MORNING - timedelta(minutes=n)
    return Interaction(
        id=f"i{n:06d}",
        channel=channel,
        direction=Direction.INBOUND,
        subject=kw.pop("subject", f"Onderwerp {n}"),
        question=kw.pop("question", "Een vraag"),
        received_at=at,
        owner=kw.pop("owner", Owner.desk("kcc")),
        desk_id=kw.pop("desk_id", "kcc"),
        priority=priority,
        deadline=kw.pop("deadline", at + timedelta(days=1)),
        updated_at=at,
        **kw,
    )


async def open_store(path):
    db = await Database.open(path)
    return db, SqlInteractionRepository(db)


def test_new_store_is_wal_with_latest_schema(tmp_path):
    async def scenario():
        db, _ = await open_store(tmp_path / "s.db")
        await db.close()

    asyncio.run(scenario())
    raw = sqlite3.connect(tmp_path / "s.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"interaction", "status_change", "timeline", "resident", "interaction_search"} <= tables


def test_reopening_keeps_data_and_does_not_migrate_twice(tmp_path):
    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        await repo.add(lifecycle.received(make(1)))
        await db.close()
        db, repo = await open_store(tmp_path / "s.db")
        try:
            return await repo.get("i000001")
        finally:
            await db.close()

    assert asyncio.run(scenario()).subject == "Onderwerp 1"


def test_pages_follow_urgency_and_join_without_gaps(tmp_path):
    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        items = [make(n, priority=0 if n % 7 == 0 else 1) for n in range(1, 251)]
        await repo.add_many([lifecycle.received(i) for i in items])
        query = InboxQuery()
        first = await repo.page(query, limit=100)
        rest = []
        after = first[-1].cursor
        while True:
            page = await repo.page(query, after=after, limit=100)
            if not page:
                break
            rest.extend(page)
            after = page[-1].cursor
        await db.close()
        return items, first + rest

    items, rows = asyncio.run(scenario())
    expected = sorted(items, key=lambda i: (i.priority, i.deadline, i.received_at))
    assert [r.id for r in rows] == [i.id for i in expected]
    assert rows[0].priority == 0  # live contacts first: the resident has right of way


def test_text_search_uses_words_as_prefixes_and_survives_operators(tmp_path):
    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        await repo.add_many(
            [
                lifecycle.received(make(1, subject="Paspoort verlopen")),
                lifecycle.received(make(2, subject="Container kapot", resident_name="Jänssen")),
                lifecycle.received(make(3, subject="Grofvuil")),
            ]
        )
        results = {}
        for text in ("pasp", "janssen", 'AND "NEAR(', "contain kap", ""):
            rows = await repo.page(InboxQuery(text=text))
            results[text] = sorted(r.subject for r in rows)
        await db.close()
        return results

    results = asyncio.run(scenario())
    assert results["pasp"] == ["Paspoort verlopen"]
    assert results["janssen"] == ["Container kapot"]  # accents do not matter
    assert results['AND "NEAR('] == []  # no FTS syntax error reaches the user
    assert results["contain kap"] == ["Container kapot"]
    assert len(results[""]) == 3
    assert fts_match_expression("  ") is None


def test_filters_scope_channel_and_closed(tmp_path):
    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        mine = make(1, owner=Owner.colleague("c01"), channel=Channel.CHAT)
        other_desk = make(2, desk_id="vk_sociaal", owner=Owner.desk("vk_sociaal"))
        done = lifecycle.close(
            make(3), colleague_id="c01", outcome=Outcome.ANSWERED, at=TUESDAY_MORNING
        )
        await repo.add_many([lifecycle.received(mine), lifecycle.received(other_desk), done])
        q = dict(colleague_id="c01", desk_id="kcc")
        out = {
            "mine": await repo.page(InboxQuery(scope=Scope.MINE, **q)),
            "desk": await repo.page(InboxQuery(scope=Scope.MY_DESK, **q)),
            "chat": await repo.page(InboxQuery(channel=Channel.CHAT)),
            "closed": await repo.page(InboxQuery(state=StateFilter.CLOSED)),
            "count": await repo.count(InboxQuery()),
            "ids": await repo.page(InboxQuery(ids=("i000002",))),
        }
        await db.close()
        return out

    out = asyncio.run(scenario())
    assert [r.id for r in out["mine"]] == ["i000001"]
    assert [r.id for r in out["desk"]] == ["i000001"]
    assert [r.id for r in out["chat"]] == ["i000001"]
    assert [r.id for r in out["closed"]] == ["i000003"]
    assert out["closed"][0].status is Status.DONE
    assert out["count"] == 2
    assert [r.id for r in out["ids"]] == ["i000002"]


def test_stale_save_is_refused_not_overwritten(tmp_path):
    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        item = make(1)
        await repo.add(lifecycle.received(item))
        first = lifecycle.take(item, colleague_id="c01", at=TUESDAY_MORNING)
        await repo.save(first, expected_updated_at=item.updated_at)
        second = lifecycle.take(item, colleague_id="c02", at=TUESDAY_MORNING)
        with pytest.raises(ConflictError) as info:
            await repo.save(second, expected_updated_at=item.updated_at)
        stored = await repo.get("i000001")
        await db.close()
        return stored, info.value

    stored, error = asyncio.run(scenario())
    assert stored.owner == Owner.colleague("c01")
    assert "Iemand anders" in error.message


def test_change_notices_arrive_after_commit_on_the_loop_thread(tmp_path):
    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        seen = []
        loop_thread = asyncio.get_running_loop()

        def on_change(notice):
            seen.append((notice, asyncio.get_running_loop() is loop_thread))

        db.subscribe(on_change)
        await repo.add(lifecycle.received(make(1)), initiator="c01")
        await asyncio.sleep(0)  # one loop turn: the notice is scheduled, not awaited
        await db.close()
        return seen

    seen = asyncio.run(scenario())
    assert len(seen) == 1
    notice, on_loop = seen[0]
    assert notice.entity == "interaction" and notice.ids == ("i000001",)
    assert notice.kind == "insert" and notice.initiator == "c01"
    assert on_loop


def test_corrupt_file_gives_dutch_message_and_is_left_alone(tmp_path):
    path = tmp_path / "s.db"
    garbage = b"dit is geen database " * 200
    path.write_bytes(garbage)

    async def scenario():
        with pytest.raises(StoreError) as info:
            await Database.open(path)
        return info.value

    error = asyncio.run(scenario())
    assert "beschadigd" in error.message and "--data-dir" in error.message
    assert path.read_bytes() == garbage  # nothing lost


def test_second_console_on_same_data_dir_is_refused(tmp_path):
    first = DataDirLock(tmp_path)
    first.acquire()
    try:
        with pytest.raises(StoreError) as info:
            DataDirLock(tmp_path).acquire()
        assert "draait al" in info.value.message
    finally:
        first.release()
    again = DataDirLock(tmp_path)
    again.acquire()  # free again once the first let go
    again.release()


def test_one_and_two_letter_words_match_whole_words_only():
    assert fts_match_expression("h") == '"h"'
    assert fts_match_expression("de vri") == '"de" "vri"*'


def test_cancelled_read_is_interrupted_and_frees_the_database_thread(tmp_path):
    import threading

    async def scenario():
        db, repo = await open_store(tmp_path / "s.db")
        started = threading.Event()

        def endless(conn):
            started.set()
            # Counts to 10^11: minutes of work unless SQLite is interrupted.
            return conn.exec_driver_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                "WHERE i < 100000000000) SELECT count(*) FROM n"
            ).scalar_one()

        slow = asyncio.ensure_future(db.read(endless))
        await asyncio.get_running_loop().run_in_executor(None, started.wait)
        slow.cancel()
        async with asyncio.timeout(30):  # the next read runs at once, not after minutes
            rows = await repo.page(InboxQuery())
        with pytest.raises(asyncio.CancelledError):
            await slow
        await db.close()
        return rows

    assert asyncio.run(scenario()) == []
