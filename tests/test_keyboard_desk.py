"""Keyboard only, at a real desk: a call rings while a dialog is open; no mouse event anywhere.

Real composition root and store, the demo phone, a real qasync loop. Every key goes where a
real key goes: to the focused widget of the active window (a key sent to a window that a modal
dialog blocks would never arrive). Waits end on state changes, never on time.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from console.domain.transfer import TransferState
from console.services.calls import CallPhase
from tests.helpers import running_app
from tests.test_sip_transfer import until
from widgets.waiting import until_signal

CALLER = "+31418678513"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    yield
    gc.collect()


def focused() -> QWidget:
    # An open popup (a completer's list) gets the keys first, as with a real keyboard.
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    widget = widget or QApplication.activeModalWidget()
    widget = widget or QApplication.activeWindow()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def press(key: Qt.Key, modifiers=NONE) -> None:
    QTest.keyClick(focused(), key, modifiers)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


async def until_focus(widget: QWidget) -> None:
    """Wait until ``widget`` has the keyboard focus (a new dialog is activated by the loop)."""
    await until_signal(QApplication.instance().focusChanged, widget.hasFocus)


def tab_to(target: QWidget, *, limit: int = 20) -> None:
    """Press Tab until ``target`` has the focus, as a user would (bounded)."""
    for _ in range(limit):
        if target.hasFocus():
            return
        press(Qt.Key.Key_Tab)
    assert target.hasFocus(), f"Tab never reached {target.accessibleName() or target}"


async def open_callback_dialog_and_ring(app):
    window, calls = app.window, app.calls
    window.show()
    window.activateWindow()
    await window.model.refresh()
    window.table.setFocus()
    press(Qt.Key.Key_T, CTRL)  # Terugbelnotitie maken
    ui = app.callback_ui
    await app.callbacks.tasks.drain()
    dialog = ui.dialog
    assert dialog is not None and dialog.isVisible()
    await until_signal(dialog.restored, lambda: True)
    await app.callbacks.tasks.drain()
    type_text("Wil teruggebeld worden")
    app.phone.ring(CALLER)
    await until(
        lambda: calls.state.pop is not None and calls.state.pop.resident is not None,
        calls.subscribe,
    )
    return dialog


def test_keyboard_only_call_while_a_dialog_is_open_consult_complete_wrap_up(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            app.phone.pick_up_chance = 1.0
            heard = []
            panel.desk.on_ringing.append(lambda state: heard.append(state.call_id))
            dialog = await open_callback_dialog_and_ring(app)
            desk = panel.desk
            alert = {
                "banner": desk.banner.isVisible()
                and "mevrouw L. Pellegrom" in desk.banner.label.text(),
                "title": window.windowTitle().startswith("De telefoon gaat over"),
                "taskbar": desk.alerts == 1,
                "ringing hook (spoken alert)": len(heard) == 1,
                "dialog still open": dialog.isVisible(),
            }
            press(Qt.Key.Key_F9)  # the focus is in the callback dialog
            await until(lambda: calls.state.interaction is not None, calls.subscribe)
            await until_signal(window.model.refreshed, lambda: window.selected_id() is not None)
            caller_item = calls.state.interaction.id
            await until_signal(window.model.refreshed, lambda: window.selected_id() == caller_item)
            selections = [window.selected_id()]
            alert["banner gone"] = not desk.banner.isVisible()
            press(Qt.Key.Key_F8)
            guide = panel.guide
            assert guide.isVisible()
            await until_focus(guide.search)
            type_text("paspoort")
            first = guide.model.entry(0).target.id
            tab_to(guide.what)
            type_text("Kan ze een noodpaspoort krijgen?")
            press(Qt.Key.Key_C, ALT)
            await until(lambda: bool(calls.state.consult_id), calls.subscribe)
            typed_into_search = guide.search.text()
            app.simulator and await app.simulator.produce_one()  # traffic mid-call
            await window.model.refresh()
            selections.append(window.selected_id())
            press(Qt.Key.Key_V, ALT)
            await until(
                lambda: calls.state.transfer.state is TransferState.COMPLETED, calls.subscribe
            )
            selections.append(window.selected_id())
            press(Qt.Key.Key_R, ALT)
            await until(lambda: calls.state.phase is CallPhase.IDLE, calls.subscribe)
            await app.inbox.tasks.drain()
            message = (window.messages.text(), window.messages.property("kind"))
            return (
                alert,
                first,
                typed_into_search,
                caller_item,
                selections,
                message,
                dialog.isVisible(),
                dialog.summary.toPlainText() if hasattr(dialog, "summary") else "",
            )

    alert, first, search, caller_item, selections, message, dialog_open, _ = (
        qloop.run_until_complete(scenario())
    )
    assert all(alert.values()), alert
    assert first == "vk_burgerzaken"
    assert search == "paspoort"  # Alt+C did not type a "c" into the search box
    assert selections == [caller_item] * 3  # the inbox stayed on the caller
    assert message[1] == "info" and message[0].startswith("Gesprek afgerond")
    assert dialog_open  # the callback note being written was not thrown away


def test_keyboard_only_refused_consult_falls_back_with_alt_t(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            app.phone.pick_up_chance = 0.0  # the desk does not answer
            dialog = await open_callback_dialog_and_ring(app)
            press(Qt.Key.Key_F9)
            await until(lambda: calls.state.interaction is not None, calls.subscribe)
            caller_item = calls.state.interaction.id
            await until_signal(window.model.refreshed, lambda: window.selected_id() == caller_item)
            press(Qt.Key.Key_F8)
            await until_focus(panel.guide.search)
            type_text("afval")
            tab_to(panel.guide.what)
            type_text("Container niet geleegd")
            press(Qt.Key.Key_C, ALT)
            await until(lambda: bool(calls.state.consult_id), calls.subscribe)
            # Nobody answers. The agent closes the callback dialog (its draft is kept), goes
            # to the Terugbelnotities tab and cancels the consult from there.
            await until_focus(dialog.focusWidget() or dialog)
            press(Qt.Key.Key_Escape)
            await until_signal(
                QApplication.instance().focusChanged,
                lambda: (
                    QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is window
                ),
            )
            press(Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
            screen = app.callback_ui.screen
            on_callbacks_tab = window.screens.currentWidget() is screen
            press(Qt.Key.Key_A, ALT)
            await until(lambda: calls.state.phase is CallPhase.TALKING, calls.subscribe)
            press(Qt.Key.Key_G, ALT)  # Door mij gemaakt (a mnemonic clicks after a short flash)
            await until_signal(screen.scopes.idClicked, lambda: screen.scope == "created")
            scope = screen.scope
            press(Qt.Key.Key_F7)
            notes_focused = panel.notes.hasFocus()
            type_text(" Nog even nagevraagd.")
            press(Qt.Key.Key_T, ALT)
            await until(
                lambda: calls.state.transfer.state is TransferState.FALLBACK, calls.subscribe
            )
            return (
                app.transfers.referral,
                window.selected_id() == caller_item,
                (on_callbacks_tab, scope, notes_focused, calls.state.notes),
            )

    referral, stayed, (on_tab, scope, notes_focused, notes) = qloop.run_until_complete(scenario())
    assert on_tab and scope == "created"  # Alt+G works on the Terugbelnotities tab
    assert notes_focused and notes.endswith("Nog even nagevraagd.")  # F7: the call notes
    assert referral.to == "klantenservice@afvalservice-lingeland.example"
    assert "Vraag: Container niet geleegd" in referral.body
    assert stayed
