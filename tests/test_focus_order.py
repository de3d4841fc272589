"""Every screen's focus order: names for screen readers, Tab leaves everything, Shift+Tab back.

For each screen and dialog the test presses Tab from the first widget until the focus comes
back to it. Every widget that can take the focus must be met on the way (none is skipped, none
traps the key), each must have a name a screen reader reads (QAccessible), and Shift+Tab from
each widget must return to the one before. Real composition root; keys go to the focused
widget as real keys do.
"""

from __future__ import annotations

import gc
import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers import running_app
from tests.test_keyboard_desk import until_focus
from tests.test_sip_transfer import until
from widgets.dialogs import CloseDialog, NoteDialog

LIMIT = 120


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    yield
    gc.collect()


def label(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def focusable(window: QWidget) -> set[QWidget]:
    found = set()
    for widget in window.findChildren(QWidget):
        if (
            widget.window() is window
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            found.add(widget)
    return found


async def walk(window: QWidget, first: QWidget) -> list[str]:
    """Problems found walking ``window``'s focus chain from ``first`` (empty: all fine)."""
    problems = []
    window.activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    await until_focus(first)
    chain = [QApplication.focusWidget()]
    for _ in range(LIMIT):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None:
            problems.append(f"Tab from {label(chain[-1])} leaves the window")
            break
        if now is chain[-1]:
            problems.append(f"Tab does not leave {label(now)}")
            break
        if now is chain[0]:
            break
        chain.append(now)
    else:
        problems.append("Tab never came back to the first widget")
    for widget in chain:
        if not spoken_name(widget):
            problems.append(f"no accessible name: {label(widget)}")
    missed = focusable(window) - set(chain)
    problems += [f"never reached by Tab: {label(w)}" for w in missed]
    for before, widget in itertools.pairwise(chain):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(widget, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if QApplication.focusWidget() is not before:
            problems.append(f"Shift+Tab from {label(widget)} does not go back to {label(before)}")
    return problems


def test_every_screen_and_dialog_has_one_focus_order_without_traps(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, seed_backlog=True) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.resize(1366, 768)
            window.show()
            window.activateWindow()
            await window.model.refresh()
            problems: dict[str, list[str]] = {}
            window.show_screen(window.inbox_screen)
            problems["inbox"] = await walk(window, window.search)
            window.show_screen(app.callback_ui.screen)
            problems["terugbelnotities"] = await walk(window, app.callback_ui.screen.table)

            app.phone.pick_up_chance = 1.0
            app.phone.ring("+31418678513")
            await until(lambda: calls.state.pop is not None, calls.subscribe)
            await calls.answer()
            await until(lambda: calls.state.interaction is not None, calls.subscribe)
            window.show_screen(window.inbox_screen)
            problems["inbox during a call"] = await walk(window, window.search)
            panel.open_guide()
            await until_focus(panel.guide.search)
            problems["guide"] = await walk(panel.guide, panel.guide.search)
            panel.guide.reject()

            note, close = NoteDialog(window), CloseDialog(window)
            for name, dialog, first in (
                ("note", note, note.editor),
                ("close", close, close.group.button(1)),
            ):
                dialog.open()
                problems[name] = await walk(dialog, first)
                dialog.reject()

            ui = app.callback_ui
            dialog = ui.open_callback_dialog()
            await app.callbacks.tasks.drain()
            problems["callback dialog"] = await walk(dialog, dialog.focusWidget() or dialog.name)
            dialog.reject()
            await app.callbacks.tasks.drain()

            supervisor = next(c for c in app.demo.organisation.colleagues if c.role == "supervisor")
            app.roles.switch_to(supervisor.id)
            window.show_screen(app.dashboard)
            await app.dashboard.refresh()
            problems["dashboard"] = await walk(window, app.dashboard.period)
            return {k: v for k, v in problems.items() if v}

    problems = qloop.run_until_complete(scenario())
    assert not problems, "\n".join(f"{k}: {p}" for k, v in problems.items() for p in v)
