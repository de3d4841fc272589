"""The inbox model and view on a real store and a real qasync loop.

Shows: the model passes Qt's model tester; new items appear without losing the selection or the
scroll position; a big store is paged, never loaded whole.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from console.domain import lifecycle
from console.domain.model import Channel, Direction, Interaction, Outcome, Owner
from console.services.inbox import NewInteraction
from tests.conftest import TUESDAY_MORNING
from tests.helpers import running_app, signal_until
from widgets.detail_pane import TimelineListModel
from widgets.inbox_model import COL_SUBJECT, COL_URGENCY, ROW_ID_ROLE, InboxTableModel


def bulk(n: int, *, start: int = 0) -> list:
    changes = []
    for k in range(start, start + n):
        at = TUESDAY_MORNING - timedelta(minutes=k % 5000, seconds=k % 60)
        changes.append(
            lifecycle.received(
                Interaction(
                    id=f"b{k:07d}",
                    channel=Channel.MAIL,
                    direction=Direction.INBOUND,
                    subject=f"Vraag {k}",
                    question="Tekst",
                    received_at=at,
                    owner=Owner.desk("kcc"),
                    desk_id="kcc",
                    priority=1,
                    deadline=at + timedelta(days=2),
                    updated_at=at,
                )
            )
        )
    return changes


def test_model_passes_qt_model_tester(qloop, qtmodeltester, tmp_path, clock):
    # Models of our own (not the window's): the tester disconnects from them after the test,
    # when the window and its children are gone.
    models = {}

    async def scenario():
        async with running_app(tmp_path, clock, seed_backlog=True, with_window=False) as app:
            model = InboxTableModel(app.inbox)
            models["inbox"] = model
            await model.set_query(app.inbox.query())
            assert model.rowCount() == 60
            qtmodeltester.check(model, force_py=True)
            await app.simulator.produce_one(channel=Channel.CHAT)
            await app.inbox.tasks.drain()
            assert model.rowCount() == 61
            qtmodeltester.check(model, force_py=True)
            timeline = TimelineListModel(app.inbox)
            models["timeline"] = timeline
            detail = await app.inbox.detail(model.row_at(0).id)
            timeline.set_entries(detail.timeline)
            assert timeline.rowCount() >= 1
            qtmodeltester.check(timeline, force_py=True)
            model.cleanup()

    qloop.run_until_complete(scenario())


def test_new_item_keeps_selection_and_scroll(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            await app.interactions.add_many(bulk(150))
            window = app.window
            window.resize(1200, 500)
            window.show()
            await app.inbox.tasks.drain()
            table, model = window.table, window.model
            bar = table.verticalScrollBar()
            bar.setValue(40)
            selected = model.row_at(45).id
            window.select_id(selected)
            top_before = model.index(table.top_row(), 0).data(ROW_ID_ROLE)
            # A live chat arrives: it sorts above everything.
            chat = await app.simulator.produce_one(channel=Channel.CHAT)
            await signal_until(model.refreshed, lambda: model.row_of(chat.id) is not None)
            top_after = model.index(table.top_row(), 0).data(ROW_ID_ROLE)
            return model.row_of(chat.id), selected, window.selected_id(), top_before, top_after

    chat_row, selected, still_selected, top_before, top_after = qloop.run_until_complete(scenario())
    assert chat_row == 0  # the resident in the chat has right of way
    assert still_selected == selected
    assert top_after == top_before  # the rows under the user's eyes did not move


def test_closed_item_leaves_open_list_and_status_updates_in_place(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            inbox, model = app.inbox, app.window.model
            a = await inbox.receive(NewInteraction(Channel.MAIL, "A", "a", "kcc"))
            b = await inbox.receive(NewInteraction(Channel.MAIL, "B", "b", "kcc"))
            await app.inbox.tasks.drain()
            await inbox.take(a.id)
            await app.inbox.tasks.drain()
            owner_text = model.index(model.row_of(a.id), 4).data()
            await inbox.close(b.id, Outcome.ANSWERED)
            await app.inbox.tasks.drain()
            return owner_text, model.row_of(b.id), model.rowCount(), inbox.user.name

    owner_text, b_row, rows, user_name = qloop.run_until_complete(scenario())
    assert owner_text == user_name
    assert b_row is None and rows == 1


def test_big_inbox_is_paged_not_loaded(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            await app.interactions.add_many(bulk(100_000))
            app.interactions.rows_fetched = 0
            window = app.window
            window.resize(1200, 600)
            window.show()
            await app.inbox.tasks.drain()
            opened = app.interactions.rows_fetched
            # Scroll to the end of what is loaded, twice: each time one more page comes in.
            for _ in range(2):
                window.table.scrollToBottom()
                window.model.fetchMore(window.table.rootIndex())
                await app.inbox.tasks.drain()
            return opened, app.interactions.rows_fetched, window.model.rowCount()

    opened, after_scroll, rows = qloop.run_until_complete(scenario())
    print("fetched", opened, after_scroll, rows)
    assert opened <= 400  # the first page, and at most one more the view asked for
    assert rows == 600
    assert after_scroll <= 1000  # of 100,000: pages only


def test_urgency_column_shows_waiting_and_late(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            chat = await app.inbox.receive(NewInteraction(Channel.CHAT, "Chat", "Hallo", "kcc"))
            mail = await app.inbox.receive(NewInteraction(Channel.MAIL, "Mail", "Hoi", "kcc"))
            await app.inbox.tasks.drain()
            model = app.window.model
            clock.advance(timedelta(minutes=3))
            model.tick()
            chat_text = model.index(model.row_of(chat.id), COL_URGENCY).data()
            chat_colour = model.index(model.row_of(chat.id), COL_URGENCY).data(
                Qt.ItemDataRole.ForegroundRole
            )
            mail_text = model.index(model.row_of(mail.id), COL_URGENCY).data()
            subject = model.index(model.row_of(mail.id), COL_SUBJECT).data()
            return chat_text, chat_colour, mail_text, subject

    chat_text, chat_colour, mail_text, subject = qloop.run_until_complete(scenario())
    assert chat_text == "wacht 3 min"
    assert chat_colour is not None  # past its one-minute target: shown in the late colour
    assert mail_text == "uiterlijk morgen 17:00"
    assert subject == "Mail"
