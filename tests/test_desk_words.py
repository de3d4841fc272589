"""Dutch details a user notices: F1 from the real actions, unique Alt keys, plurals, commas.

Real composition root; F1 is pressed as a key.
"""

from __future__ import annotations

import gc
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

from tests.helpers import running_app
from tests.test_keyboard_desk import press, until_focus
from widgets import texts
from widgets.callback_dialog import CallbackNoteDialog

PHONE_ALT_KEYS = set("OCVATR")


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    yield
    gc.collect()


def mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter keys that labels, buttons, group boxes and menu titles of ``window`` use."""
    found = []
    texts_of = [a.text() for a in window.menuBar().actions()] if hasattr(window, "menuBar") else []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            texts_of.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts_of.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts_of.append(widget.title())
    for text in texts_of:
        found += [m.upper() for m in re.findall(r"&([^&\s])", text)]
    return found


def test_f1_lists_the_real_keys_and_alt_keys_are_unique(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            window.activateWindow()
            window.table.setFocus()
            await until_focus(window.table)
            press(Qt.Key.Key_F1)
            f1 = window.shortcuts_dialog.text
            window.shortcuts_dialog.reject()
            per_window = {"hoofdvenster": mnemonics(window)}
            for name, screen in (
                ("terugbelnotities", app.callback_ui.screen),
                ("inbox", window.inbox_screen),
            ):
                window.show_screen(screen)
                per_window[f"hoofdvenster/{name}"] = mnemonics(window)
            dialog = app.callback_ui.open_callback_dialog()
            await app.callbacks.tasks.drain()
            assert isinstance(dialog, CallbackNoteDialog)
            per_window["terugbelnotitie"] = mnemonics(dialog)
            dialog.reject()
            await app.callbacks.tasks.drain()
            return f1, per_window, window.windowTitle()

    f1, per_window, title = qloop.run_until_complete(scenario())
    for key in ("F9", "F10", "F8", "F7", "Alt+C", "Alt+V", "Alt+A", "Alt+T", "Alt+R", "Alt+O"):
        assert re.search(rf"^{re.escape(key)}\s", f1, re.M), f"{key} missing from F1"
    assert "Ctrl+Enter" in f1 and "Return" not in f1
    assert "F4" in f1  # the callback dialog's advice key
    assert "Ctrl+P" in f1 and "Ctrl+E" in f1  # the callback list's keys
    for where, keys in per_window.items():
        assert len(keys) == len(set(keys)), f"{where}: Alt key used twice: {sorted(keys)}"
        assert not set(keys) & PHONE_ALT_KEYS, f"{where}: takes a phone key: {sorted(keys)}"
    assert "KCC-console" not in title  # Qt adds the application name once


def test_high_contrast_theme_reaches_every_window_and_focus_is_always_visible(
    qloop, tmp_path, clock
):
    from PySide6.QtWidgets import QApplication

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            default = QApplication.instance().styleSheet()
            window.act_contrast.trigger()
            contrast = QApplication.instance().styleSheet()
            window.act_contrast.trigger()
            return default, contrast, QApplication.instance().styleSheet()

    default, contrast, back = qloop.run_until_complete(scenario())
    assert ":focus" in default  # the focus shows in the default theme too
    assert "#ffff00" in contrast and "#ffff00" not in default
    assert back == default


def test_counts_and_numbers_read_as_dutch():
    assert texts.plural(1, "notitie", "notities") == "1 notitie"
    assert texts.plural(2, "notitie", "notities") == "2 notities"
    assert texts.plural(1, "poging", "pogingen") == "1 poging"
    assert texts.decimal(0, 2) == "0,00"
    assert texts.decimal(8.04, 1) == "8,0"


def test_first_enter_in_the_colleague_search_picks_the_top_match(qloop, tmp_path, clock):
    from widgets.waiting import until_signal as wait_for

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            dialog = app.callback_ui.open_callback_dialog()
            await app.callbacks.tasks.drain()
            picker = dialog.picker
            picker.edit.setFocus()
            await until_focus(picker.edit)
            type_text_into = picker.edit
            for char in "burgerz":
                QTest.keyClick(type_text_into, char)
            popup = picker.completer.popup()
            await wait_for(picker.completer.completionModel().modelReset, popup.isVisible)
            press(Qt.Key.Key_Return)  # once
            chosen = picker.target
            dialog.reject()
            await app.callbacks.tasks.drain()
            return chosen, popup.isVisible()

    chosen, popup_open = qloop.run_until_complete(scenario())
    assert chosen is not None and chosen.id == "vk_burgerzaken"
    assert not popup_open
