"""End to end on a real qasync loop: the simulator delivers a chat, the agent takes and closes it.

Everything is real: the composition root, the SQLite store on disk, the Qt window offscreen, the
actions the user triggers with the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.domain.model import Channel, Outcome, OwnerKind, Status
from tests.helpers import running_app, signal_until


def test_chat_arrives_is_taken_and_closed_and_the_store_agrees(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, seed_backlog=True) as app:
            window = app.window
            window.show()
            model = window.model
            await signal_until(model.refreshed, lambda: model.rowCount() == 60)

            chat = await app.simulator.produce_one(channel=Channel.CHAT)
            await signal_until(model.refreshed, lambda: model.row_of(chat.id) is not None)
            # Live contacts come first, the longest waiting on top; the new chat joins them
            # above every written promise.
            row = model.row_of(chat.id)
            first_promise = next(
                r for r in range(model.rowCount()) if model.row_at(r).priority == 1
            )
            assert row < first_promise

            window.select_id(chat.id)
            await signal_until(
                window.detail.timeline_model.modelReset,
                lambda: window.detail.shown_id == chat.id and window.detail.detail is not None,
            )
            # Oppakken with the keyboard.
            window.table.setFocus()
            QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            await app.inbox.tasks.drain()
            taken = await app.interactions.get(chat.id)

            # Afhandelen: Ctrl+D opens the dialog, "2" picks the second outcome, Ctrl+Enter.
            QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
            dialog = window.close_dialog
            assert dialog.isVisible()
            QTest.keyClick(dialog, Qt.Key.Key_2)
            dialog.note.setPlainText("Teruggebeld en uitgelegd")
            QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            await app.inbox.tasks.drain()
            await signal_until(model.refreshed, lambda: model.row_of(chat.id) is None)

            stored = await app.interactions.get(chat.id)
            timeline = await app.interactions.timeline(chat.id)
            return taken, stored, timeline, app.inbox.user.id, window.messages.text()

    taken, stored, timeline, user, message = qloop.run_until_complete(scenario())
    assert taken.owner.kind is OwnerKind.COLLEAGUE and taken.owner.id == user
    assert stored.status is Status.DONE
    assert stored.outcome is Outcome.CALLBACK_NOTE_MADE
    assert timeline[-1].text == "Terugbelnotitie gemaakt: Teruggebeld en uitgelegd"
    assert message == "De vraag is afgehandeld."


def test_error_reaches_the_user_in_dutch_and_keeps_the_item(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            item = await app.simulator.produce_one(channel=Channel.MAIL)
            await signal_until(
                window.model.refreshed, lambda: window.model.row_of(item.id) is not None
            )
            window.select_id(item.id)
            window.hand_back_selected()  # not the owner: N4 refuses
            await app.inbox.tasks.drain()
            return (
                window.messages.text(),
                window.messages.isVisible(),
                await app.interactions.get(item.id),
                item,
            )

    text, visible, stored, item = qloop.run_until_complete(scenario())
    assert visible and text == "Alleen de eigenaar van de vraag kan hem teruggeven."
    assert stored == item
