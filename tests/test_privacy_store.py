"""Privacy (AVG) in the local store: the audit trail, the retention purge, owner-only files.

Through the real composition root and window where a user would notice; each test fails when
its protection is removed (checked once by removing it).
"""

from __future__ import annotations

import asyncio
import csv
import sqlite3
import stat
from datetime import timedelta

import pytest

from console.app import STORE_FILE
from console.domain import lifecycle
from console.domain.audit import AuditAction, AuditScreen
from console.domain.errors import DomainError
from console.domain.model import Channel, Outcome
from tests.helpers import running_app, signal_until
from tests.test_store import make

SUPERVISOR = "c03"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def _open_in_detail_pane(app, item_id: str) -> None:
    window = app.window
    await signal_until(window.model.refreshed, lambda: window.model.row_of(item_id) is not None)
    window.select_id(item_id)
    await signal_until(
        window.detail.timeline_model.modelReset, lambda: window.detail.shown_id == item_id
    )
    await app.inbox.tasks.drain()


def test_opening_five_records_is_in_the_trail_a_supervisor_sees_exports_and_is_seen_doing(
    qloop, tmp_path, clock
):
    async def scenario():
        seen = {}
        async with running_app(tmp_path / "data", clock) as app:
            app.window.show()
            agent = app.inbox.user
            items = [await app.simulator.produce_one(channel=Channel.MAIL) for _ in range(5)]
            for item in items:
                await _open_in_detail_pane(app, item.id)
            with pytest.raises(DomainError):  # an agent may not read the trail
                await app.audit.view()

            app.roles.switch_to(SUPERVISOR)
            screen = app.audit_screen
            app.window.show_screen(screen)  # the tab shown: loaded, and the look recorded
            await signal_until(screen.loaded, lambda: screen.table.rowCount() >= 6)
            await app.inbox.tasks.drain()
            seen["rows"] = [
                [screen.table.item(r, c).text() for c in range(screen.table.columnCount())]
                for r in range(screen.table.rowCount())
            ]
            export = tmp_path / "inzage.csv"
            await screen.export_to(export)
            seen["trail"] = await app.audit._store.entries()
            seen["export_mode"] = mode(export)
            with export.open(encoding="utf-8-sig", newline="") as handle:
                seen["csv"] = list(csv.reader(handle, delimiter=";"))
        return agent, items, seen

    agent, items, seen = qloop.run_until_complete(scenario())
    # After the switch the supervisor's own window shows a record too: that is logged as theirs.
    opened = [e for e in seen["trail"] if e.action is AuditAction.OPENED and e.actor == agent.id]
    # The window may show its first row by itself: that is an opening too. Ours are all there,
    # each once (selecting the row already shown is not a second opening).
    pairs = [(e.record_id, e.resident_id) for e in opened]
    for item in items:
        assert pairs.count((item.id, item.resident_id)) == 1, item.id
    assert all(e.screen is AuditScreen.INBOX_DETAIL for e in opened)
    assert all(i.resident_id for i in items)
    looks = [
        e for e in seen["trail"] if e.actor == SUPERVISOR and e.action is not AuditAction.OPENED
    ]
    assert [e.action for e in looks] == [AuditAction.TRAIL_VIEWED, AuditAction.TRAIL_EXPORTED]
    # On screen, newest first: the supervisor's own look on top, then the five openings.
    assert "inzagelogboek bekeken" in seen["rows"][0]
    assert {r[4] for r in seen["rows"] if r[2] == "geopend"} >= {i.id for i in items}
    header, *lines = seen["csv"]
    assert header[:4] == ["Moment", "Medewerker", "Handeling", "Scherm"]
    assert {line[4] for line in lines if line[2] == "geopend"} >= {i.id for i in items}
    assert lines[-1][2] == "inzagelogboek opgeslagen"  # the export is in its own file
    assert seen["export_mode"] == 0o600


def test_opening_a_note_in_the_callback_list_is_in_the_trail(qloop, tmp_path, clock):
    from console.domain.callbacks import AttemptOutcome, CallbackDraft

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            draft = CallbackDraft(
                resident_name="mevrouw A. Yıldız",
                phone="06 12345678",
                summary="Vraagt naar de afvalpas.",
                target_kind="colleague",
                target_id="c10",
            )
            note = await app.callbacks.create(draft, check=None, confirm_duplicates=True)
            screen = app.callback_ui.screen
            app.session.switch_to("c10")
            app.window.show()
            app.window.show_screen(screen)
            screen.set_scope("mine")
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: screen.model.rowCount() == 1)
            screen.table.selectRow(0)
            await app.callbacks.tasks.drain()
            # Changes reload the list with the same note selected: not new openings.
            await app.callbacks.log_attempt(note.id, AttemptOutcome.NOT_REACHED, "")
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: True)
            await app.callbacks.tasks.drain()
            return note, await app.audit._store.entries()

    note, trail = qloop.run_until_complete(scenario())
    [entry] = [e for e in trail if e.screen is AuditScreen.CALLBACK_LIST]
    assert entry.record_id == note.id and entry.actor == "c10"


def test_the_trail_is_append_only_in_the_store_itself(tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False) as app:
            item = await app.simulator.produce_one()
            await app.inbox.detail(item.id, opened_from=AuditScreen.INBOX_DETAIL)

    asyncio.run(scenario())
    with sqlite3.connect(tmp_path / STORE_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1


def _closed(n: int, *, days_ago: int, clock, resident_name: str):
    item = make(n, resident_name=resident_name, resident_id=f"r-{n}")
    at = clock.now() - timedelta(days=days_ago)
    return lifecycle.close(item, colleague_id="c01", outcome=Outcome.ANSWERED, at=at)


def test_the_retention_job_removes_old_closed_contacts_from_the_disk_and_says_so(
    qloop, tmp_path, clock
):
    data = tmp_path / "data"
    old_name = "Kılıçdaroğlu-Verwijderd"
    young_name = "Jansen-Blijft"

    async def first_session():
        async with running_app(data, clock, with_window=False, retention_delay=0) as app:
            await asyncio.wait_for(app.retention.first_done.wait(), 10)  # today's, done
            await app.interactions.add_many(
                [
                    _closed(1, days_ago=31, clock=clock, resident_name=old_name),
                    _closed(2, days_ago=45, clock=clock, resident_name=old_name),
                    _closed(3, days_ago=29, clock=clock, resident_name=young_name),
                    lifecycle.received(make(4, resident_name=young_name)),  # still open
                ]
            )

    async def next_morning():
        clock.advance(timedelta(hours=20))
        async with running_app(data, clock, retention_delay=0) as app:
            await asyncio.wait_for(app.retention.first_done.wait(), 10)
            left = await app.db.read(
                lambda c: sorted(r[0] for r in c.exec_driver_sql("SELECT id FROM interaction"))
            )
            trail = await app.audit._store.entries()
            return app.window.messages.text(), left, trail, app.retention.last

    qloop.run_until_complete(first_session())
    message, left, trail, report = qloop.run_until_complete(next_morning())
    assert left == ["i000003", "i000004"]
    assert report.interactions == 2 and report.timeline_entries >= 2
    assert "2 afgesloten contacten" in message
    [purge] = [e for e in trail if e.action is AuditAction.RETENTION_PURGE]
    assert "contacten=2" in purge.detail and old_name not in purge.detail
    # Gone from the disk, not only from the tables (secure_delete, then a checkpoint).
    for path in data.glob(f"{STORE_FILE}*"):
        content = path.read_bytes()
        assert old_name.encode() not in content, f"{path.name} still holds the purged name"
    assert young_name.encode() in (data / STORE_FILE).read_bytes()


def test_a_contact_not_yet_sent_to_the_system_of_record_is_kept_past_its_period(tmp_path, clock):
    from console.services.privacy import RetentionService
    from offline_cache.database import Database
    from offline_cache.outbox import Outbox
    from offline_cache.privacy import SqlAuditTrail, SqlRetention
    from offline_cache.repositories import SqlInteractionRepository

    async def scenario():
        db = await Database.open(tmp_path / STORE_FILE)
        try:
            repo = SqlInteractionRepository(db, outbox=Outbox())
            await repo.add(_closed(1, days_ago=60, clock=clock, resident_name="Wacht Nog"))
            service = RetentionService(
                store=SqlRetention(db), audit=SqlAuditTrail(db), clock=clock, days=30
            )
            report = await service.purge_now()
            return report, await repo.get("i000001")
        finally:
            await db.close()

    report, item = asyncio.run(scenario())
    assert item is not None and report.interactions == 0 and report.kept_unsent == 1
    assert "nog niet naar het klantcontactsysteem verstuurd" in report.summary()


def test_the_data_directory_is_0700_and_the_store_files_0600_while_running(tmp_path, clock):
    data = tmp_path / "data"

    async def scenario():
        async with running_app(data, clock, with_window=False) as app:
            await app.simulator.produce_one()
            files = [*sorted(data.glob(f"{STORE_FILE}*")), data / "console.lock"]
            return {p.name: mode(p) for p in files if p.exists()}, mode(data)

    files, directory = asyncio.run(scenario())
    assert directory == 0o700
    assert {f"{STORE_FILE}-wal", f"{STORE_FILE}-shm", STORE_FILE} <= set(files)
    assert set(files.values()) == {0o600}, files


def test_an_existing_world_readable_store_is_made_private_at_start(tmp_path, clock):
    data = tmp_path / "data"

    async def scenario():
        async with running_app(data, clock, with_window=False):
            pass

    asyncio.run(scenario())
    data.chmod(0o755)
    (data / STORE_FILE).chmod(0o644)
    asyncio.run(scenario())
    assert mode(data) == 0o700 and mode(data / STORE_FILE) == 0o600


def test_the_log_directory_and_file_are_owner_only(tmp_path):
    import logging

    from console.logsetup import setup_logging

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(verbose=False, log_dir=tmp_path / "logs")
    finally:
        for handler in root.handlers[len(before) :]:
            handler.close()
        root.handlers[:] = before
    assert mode(tmp_path / "logs") == 0o700 and mode(path) == 0o600


def test_a_large_purge_goes_in_small_transactions_and_counts_them_all(tmp_path, clock):
    from offline_cache.database import Database
    from offline_cache.privacy import SqlRetention
    from offline_cache.repositories import SqlInteractionRepository

    async def scenario():
        db = await Database.open(tmp_path / STORE_FILE)
        try:
            await SqlInteractionRepository(db).add_many(
                [_closed(n, days_ago=40, clock=clock, resident_name="Oud") for n in range(1, 1201)]
            )
            notices = []
            db.subscribe(notices.append)
            report = await SqlRetention(db).purge_closed_before(clock.now() - timedelta(days=30))
            await asyncio.sleep(0)
            left = await db.read(
                lambda c: c.exec_driver_sql("SELECT count(*) FROM interaction").scalar_one()
            )
            return report, [len(n.ids) for n in notices if n.kind == "delete"], left
        finally:
            await db.close()

    report, batches, left = asyncio.run(scenario())
    assert report.interactions == 1200 and left == 0
    assert batches == [500, 500, 200]


def test_the_retention_period_comes_from_the_config_and_bad_values_are_refused(tmp_path, clock):
    from console.config import ConfigError, load_config

    path = tmp_path / "kcc.toml"
    path.write_text("[privacy]\nretention_days = 7\n", encoding="utf-8")
    config = load_config(path)

    async def scenario(config):
        async with running_app(tmp_path / "data", clock, with_window=False, config=config) as app:
            return app.retention.days

    assert asyncio.run(scenario(config)) == 7
    path.write_text("", encoding="utf-8")
    assert asyncio.run(scenario(load_config(path))) == 30  # the default
    for bad in ("0", "-3", '"30"', "36500"):
        path.write_text(f"[privacy]\nretention_days = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="retention_days"):
            load_config(path)
