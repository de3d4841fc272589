"""History is stored as data and shown in the chosen language (issue 16).

A timeline line keeps its sentence as data (Dutch template + parameters, ``console.i18n.Text``)
next to the Dutch rendering; the detail pane renders it with the installed Qt translator. Rows
written before the data column existed show their stored text. Everything real: the SQLite
store on disk, the composition root, the window offscreen, a Qt translator compiled from a
``.ts`` file by ``pyside6-lrelease``.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from sqlalchemy import create_engine

from console.app import STORE_FILE
from console.domain import lifecycle
from console.domain.callbacks import AttemptOutcome
from console.domain.model import Channel, Direction, Interaction, Outcome, Owner, TimelineKind
from offline_cache import search
from offline_cache.database import Database
from offline_cache.migrations import MIGRATIONS
from offline_cache.repositories import SqlInteractionRepository
from offline_cache.tx import immediate
from tests.helpers import note_for_myself, running_app, signal_until

NOTE = "Teruggebeld en uitgelegd"  # typed by a person: never translated
_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
<context>
    <name>Timeline</name>
    <message>
        <source>Beantwoord: {note}</source>
        <translation>Answered: {note}</translation>
    </message>
    <message>
        <source>Niet bereikt: {remark}</source>
        <translation>Not reached: {remark}</translation>
    </message>
    <message>
        <source>Terugbelnotitie gemaakt: {note}</source>
        <translation>Callback note made: {note}</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def english(tmp_path) -> Path:
    """A tiny English ``.qm`` for the Timeline context, compiled by the real lrelease."""
    ts = tmp_path / "kcc_en.ts"
    ts.write_text(_TS, encoding="utf-8")
    qm = tmp_path / "kcc_en.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def _passport_question(item_id: str, clock) -> Interaction:
    return Interaction(
        id=item_id,
        channel=Channel.MAIL,
        direction=Direction.INBOUND,
        subject="Paspoort kwijt",
        question="Waar vraag ik een nieuw aan?",
        received_at=clock.now(),
        owner=Owner.desk("kcc"),
        desk_id="kcc",
        updated_at=clock.now(),
    )


def test_an_entry_round_trips_through_the_store_as_data(tmp_path, clock):
    item = _passport_question("i16-1", clock)

    async def scenario():
        db = await Database.open(tmp_path / "s.sqlite3")
        try:
            repo = SqlInteractionRepository(db)
            change = lifecycle.close(
                item, colleague_id="c01", outcome=Outcome.ANSWERED, at=clock.now(), note=NOTE
            )
            await repo.add(lifecycle.received(item))
            await repo.save(change, expected_updated_at=item.updated_at)
            return change.timeline[-1], (await repo.timeline(item.id))[-1]
        finally:
            await db.close()

    written, read = asyncio.run(scenario())
    assert read.kind is TimelineKind.CLOSED
    assert read.text == "Beantwoord: Teruggebeld en uitgelegd"  # search and older readers
    assert read.message is not None
    assert read.message.as_data() == written.message.as_data() == {
        "context": "Timeline",
        "source": "Beantwoord: {note}",
        "params": {"note": NOTE},
        "n": -1,
    }


def _timeline_lines(window) -> list[str]:
    model = window.detail.timeline_model
    return [
        str(model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount())
    ]


def test_the_detail_pane_shows_history_in_the_installed_language(
    qloop, qapp, tmp_path, clock, english
):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            item = await app.simulator.produce_one(channel=Channel.MAIL)
            await signal_until(
                window.model.refreshed, lambda: window.model.row_of(item.id) is not None
            )
            await app.inbox.close(item.id, Outcome.CALLBACK_NOTE_MADE, NOTE)
            await app.inbox.tasks.drain()
            window.detail.show_interaction(item.id)
            await signal_until(
                window.detail.timeline_model.modelReset,
                lambda: window.detail.shown_id == item.id
                and window.detail.timeline_model.rowCount() >= 2,
            )
            dutch = _timeline_lines(window)
            translator = QTranslator()
            assert translator.load(str(english))
            QCoreApplication.installTranslator(translator)
            try:
                english_lines = _timeline_lines(window)
            finally:
                QCoreApplication.removeTranslator(translator)
            return dutch, english_lines, _timeline_lines(window)

    dutch, english_lines, dutch_again = qloop.run_until_complete(scenario())
    assert dutch[-1].endswith("\nTerugbelnotitie gemaakt: Teruggebeld en uitgelegd")
    assert english_lines[-1].endswith("\nCallback note made: Teruggebeld en uitgelegd")
    assert dutch_again == dutch


def _store_before_v11(path: Path) -> None:
    """A store as the release before issue 16 left it, with one closed item's history."""
    before = len(MIGRATIONS) - 1
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.isolation_level = None  # type: ignore[union-attr]
        search.register(raw)  # the search triggers (v8) call it, as in the real store
        for number, step in enumerate(MIGRATIONS[:before], start=1):
            with immediate(conn):
                step(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {number}")
        columns = {row[1] for row in raw.execute("PRAGMA table_info('timeline')")}
        assert "data" not in columns  # really the previous version
        raw.execute(
            "INSERT INTO interaction (id, channel, direction, subject, question, received_at, "
            "owner_kind, owner_id, desk_id, status, is_open, resident_name, question_kind, "
            "priority, deadline, transfers, updated_at) VALUES ('old-1', 'mail', 'inbound', "
            "'Paspoort kwijt', 'Waar vraag ik een nieuw aan?', '2026-12-01T09:00:00Z', "
            "'colleague', 'c01', 'kcc', 'in_progress', 1, 'Ayşe Yıldız', 'general', 1, "
            "'2026-12-09T09:00:00Z', 0, '2026-12-01T09:00:00Z')"
        )
        raw.execute(
            "INSERT INTO timeline (interaction_id, at, actor, kind, text) VALUES "
            "('old-1', '2026-12-01T09:30:00Z', 'c01', 'note', "
            "'Advies: bel na 14 uur (oud bewaard)')"
        )
    engine.dispose()


def test_a_store_of_the_previous_version_upgrades_and_its_old_history_still_shows(
    qloop, tmp_path, clock, english
):
    _store_before_v11(tmp_path / STORE_FILE)

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            window.detail.show_interaction("old-1")
            await signal_until(
                window.detail.timeline_model.modelReset,
                lambda: window.detail.shown_id == "old-1"
                and window.detail.timeline_model.rowCount() == 1,
            )
            stored = await app.interactions.timeline("old-1")
            translator = QTranslator()
            assert translator.load(str(english))
            QCoreApplication.installTranslator(translator)
            try:
                return stored, _timeline_lines(window)
            finally:
                QCoreApplication.removeTranslator(translator)

    stored, lines = qloop.run_until_complete(scenario())
    assert stored[0].message is None and stored[0].text == "Advies: bel na 14 uur (oud bewaard)"
    # No data to translate: the stored Dutch sentence shows as it was written.
    assert lines[0].endswith("\nAdvies: bel na 14 uur (oud bewaard)")


def test_the_callback_history_shows_in_the_installed_language(qloop, tmp_path, clock, english):
    from widgets.callback_screen import _history_text

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            note = await note_for_myself(app)
            await app.callbacks.log_attempt(note.id, AttemptOutcome.NOT_REACHED, "ging over")
            history = await app.callbacks.history(note.id)
            dutch = _history_text(note, history, app.callbacks)
            translator = QTranslator()
            assert translator.load(str(english))
            QCoreApplication.installTranslator(translator)
            try:
                return dutch, _history_text(note, history, app.callbacks)
            finally:
                QCoreApplication.removeTranslator(translator)

    dutch, english_text = qloop.run_until_complete(scenario())
    assert "Niet bereikt: ging over" in dutch
    assert "Not reached: ging over" in english_text  # the typed remark stays as typed
    assert "Not reached: ging over" not in dutch


def test_the_shipped_english_translation_renders_stored_history(qapp, clock):
    from widgets.i18n import render

    shipped = Path(__file__).parent.parent / "resources" / "i18n" / "kcc_en.qm"
    item = _passport_question("i16-2", clock)
    closed = lifecycle.close(
        item, colleague_id="c01", outcome=Outcome.NO_ANSWER_NEEDED, at=clock.now(), note=NOTE
    ).timeline[-1]
    translator = QTranslator()
    assert translator.load(str(shipped))
    QCoreApplication.installTranslator(translator)
    try:
        english = render(closed.sentence)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert english == "No answer needed: Teruggebeld en uitgelegd"
    assert render(closed.sentence) == closed.text == "Geen antwoord nodig: Teruggebeld en uitgelegd"
