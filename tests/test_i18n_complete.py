"""The English translation is complete, compiled, and really shown; Dutch plurals and numbers.

- ``lupdate`` runs over the sources into a copy of the committed ``kcc_en.ts``: a source text
  without a finished, non-empty English translation (new, unfinished, or gone from the code)
  fails the test by name. So does a committed ``.qm`` that is not what ``lrelease`` makes of
  the committed ``.ts`` (a developer forgot ``python -m console.i18n_update``).
- The real window (composition root, demo backlog, a call in progress, the main dialogs) built
  in English shows no Dutch source text that has an English translation.
- Dutch plural forms and decimal commas come out right, with and without the Dutch file.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from console import i18n_update
from widgets import i18n as ui_i18n

I18N = i18n_update.I18N


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def _translation(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    assert tr is not None
    forms = [f.text or "" for f in tr.findall("numerusform")]
    return forms if forms else [tr.text or ""]


def missing_translations(ts: Path) -> list[str]:
    """Messages of ``ts`` that are unfinished, obsolete/vanished, or empty."""
    problems = []
    for message in _messages(ts):
        source = message.findtext("source") or ""
        kind = message.find("translation").get("type")  # type: ignore[union-attr]
        if kind in {"unfinished", "obsolete", "vanished"}:
            problems.append(f"{kind}: {source!r}")
        elif not all(form.strip() for form in _translation(message)):
            problems.append(f"empty: {source!r}")
    return problems


def test_every_source_text_has_a_finished_english_translation(tmp_path):
    ts = tmp_path / "kcc_en.ts"
    shutil.copy(I18N / "kcc_en.ts", ts)
    # Keep obsolete messages so a text removed from the code shows up as "vanished".
    i18n_update.lupdate(ts, language="en", keep_obsolete=True)
    assert len(_messages(ts)) > 400  # lupdate found the sources (not an empty scan)
    assert missing_translations(ts) == []


def test_the_check_finds_a_removed_translation(tmp_path):
    """The completeness check can fail: one translation taken out is reported by its text."""
    ts = tmp_path / "kcc_en.ts"
    text = (I18N / "kcc_en.ts").read_text(encoding="utf-8")
    ts.write_text(
        text.replace("<translation>Choose a question in the list</translation>",
                     '<translation type="unfinished"></translation>'),
        encoding="utf-8",
    )  # fmt: skip
    i18n_update.lupdate(ts, language="en", keep_obsolete=True)
    assert missing_translations(ts) == ["unfinished: 'Kies een vraag in de lijst'"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_committed_qm_is_what_lrelease_makes_of_the_committed_ts(tmp_path, lang):
    qm = tmp_path / f"kcc_{lang}.qm"
    i18n_update.lrelease(I18N / f"kcc_{lang}.ts", qm)
    assert qm.read_bytes() == (I18N / f"kcc_{lang}.qm").read_bytes(), (
        "run: python -m console.i18n_update"
    )


def test_lupdate_is_the_tool_of_this_environment():
    out = subprocess.run([i18n_update.tool("pyside6-lupdate"), "-version"], capture_output=True,
                         text=True, check=False)  # fmt: skip
    assert "lupdate" in (out.stdout + out.stderr)


# -- Dutch plurals and numbers -------------------------------------------------------------------


@pytest.fixture
def language(qapp):
    """Switch the UI language for one test; always back to Dutch afterwards."""
    yield ui_i18n.install_language
    ui_i18n.install_language("nl")


def _notes(n: int) -> str:
    return ui_i18n.plural(
        QCoreApplication.translate("CallbacksScreen", "%n notitie|%n notities", None, n), n
    )


def test_dutch_plurals_and_decimal_comma(language):
    from widgets import texts

    # Without any translation file (as most tests run) the Dutch form is still right.
    assert [_notes(n) for n in (0, 1, 2)] == ["0 notities", "1 notitie", "2 notities"]
    assert language("nl")  # the Dutch plural file loads
    assert [_notes(n) for n in (0, 1, 2)] == ["0 notities", "1 notitie", "2 notities"]
    attempts = QCoreApplication.translate("CallbacksScreen", "%n poging|%n pogingen", None, 1)
    assert ui_i18n.plural(attempts, 1) == "1 poging"
    assert texts.decimal(0, 2) == "0,00"
    assert texts.decimal(1234.5, 2) == "1.234,50"
    assert language("en")
    assert [_notes(n) for n in (1, 2)] == ["1 note", "2 notes"]
    assert texts.decimal(0, 2) == "0.00"
    assert texts.CHANNEL[next(iter(texts.CHANNEL))] == "Phone"  # tables follow the language
    assert texts.duration(__import__("datetime").timedelta(days=3)) == "3 days"


# -- the window in English -----------------------------------------------------------------------


def translated_sources() -> set[str]:
    """Dutch source texts whose English differs (so showing the Dutch one is a fault)."""
    found = set()
    for message in _messages(I18N / "kcc_en.ts"):
        source = message.findtext("source") or ""
        english = _translation(message)
        if source and source not in english and len(source.replace("&", "")) > 2:
            found.add(source.replace("&", ""))
    return found


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a user sees or hears in ``root`` and its visible children."""
    texts: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        where = f"{type(w).__name__}({w.objectName()})"
        texts += [(where + " name", w.accessibleName()), (where + " tip", w.toolTip())]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append((where, w.text()))
        if isinstance(w, QLineEdit | QPlainTextEdit):
            texts.append((where + " placeholder", w.placeholderText()))
        if isinstance(w, QGroupBox):
            texts.append((where, w.title()))
        if isinstance(w, QComboBox):
            texts += [(where + " item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [(where + " tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            texts += [
                (where + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount(QModelIndex()))
            ]
        for action in QWidget.actions(w):
            texts += [(where + " action", action.text()), (where + " action tip", action.toolTip())]
    return texts


def dutch_left(root: QWidget, sources: set[str]) -> list[str]:
    return sorted(
        {f"{where}: {text!r}" for where, text in shown_texts(root)
         if text and text.replace("&", "") in sources}
    )  # fmt: skip


@pytest.fixture(autouse=False)
def _collect_qt_garbage():
    yield
    gc.collect()


def test_window_and_dialogs_in_english_show_no_dutch_source_text(
    qloop, tmp_path, clock, language, _collect_qt_garbage
):
    from tests.helpers import running_app, until
    from widgets.dialogs import CloseDialog, NoteDialog, ShortcutsDialog
    from widgets.settings_dialog import SettingsDialog

    (tmp_path / "ui_language").write_text("en\n", encoding="utf-8")  # the user's choice
    sources = translated_sources()

    async def scenario():
        async with running_app(tmp_path, clock, seed_backlog=True) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.resize(1366, 768)
            window.show()
            await window.model.refresh()
            found: dict[str, list[str]] = {"inbox": dutch_left(window, sources)}
            window.show_screen(app.callback_ui.screen)
            app.callback_ui.screen.reload()
            await app.callbacks.tasks.drain()
            found["callback notes"] = dutch_left(window, sources)

            app.phone.pick_up_chance = 1.0
            app.phone.ring("+31418678513")
            await until(lambda: calls.state.pop is not None, what="ringing")
            found["ringing"] = dutch_left(window, sources)
            await calls.answer()
            await until(lambda: calls.state.interaction is not None, what="answered")
            window.show_screen(window.inbox_screen)
            found["in a call"] = dutch_left(window, sources)
            panel.open_guide()
            found["guide"] = dutch_left(panel.guide, sources)
            panel.guide.reject()

            for name, dialog in (
                ("note", NoteDialog(window)),
                ("close", CloseDialog(window)),
                ("shortcuts", ShortcutsDialog(window.shortcut_rows(), window,
                                              dialog_rows=window.dialog_keys)),
                ("settings", SettingsDialog("en", lambda _lang: None, window)),
            ):  # fmt: skip
                dialog.open()
                found[name] = dutch_left(dialog, sources)
                dialog.reject()
            dialog = app.callback_ui.open_callback_dialog()
            await app.callbacks.tasks.drain()
            found["callback dialog"] = dutch_left(dialog, sources)
            dialog.reject()
            await app.callbacks.tasks.drain()

            supervisor = next(c for c in app.demo.organisation.colleagues if c.role == "supervisor")
            app.roles.switch_to(supervisor.id)
            window.show_screen(app.dashboard)
            await app.dashboard.refresh()
            found["dashboard"] = dutch_left(window, sources)
            assert window.act_take.text() == "&Take"  # really in English, not just "no Dutch"
            window.grab().save(str(tmp_path / "english.png"))
            return {k: v for k, v in found.items() if v}

    assert qloop.run_until_complete(scenario()) == {}


def test_errors_from_qt_free_layers_reach_the_user_in_the_chosen_language(language):
    """The one place errors reach the user translates marked sentences and Text errors."""
    from console.domain.errors import DomainError, UserFacingError
    from console.i18n import QT_TRANSLATE_NOOP, Text
    from widgets.ui_op import message_for

    fixed = DomainError(QT_TRANSLATE_NOOP("errors", "Deze vraag bestaat niet meer."))
    with_params = UserFacingError(Text("InboxTexts", "{n} min", {"n": 5}))
    assert with_params.user_message == "5 min"  # Dutch for logs, tests and the CLI
    assert message_for(fixed) == "Deze vraag bestaat niet meer."
    assert message_for(UserFacingError()).startswith("Er ging iets mis")
    assert language("en")
    assert message_for(fixed) == "This question no longer exists."
    assert message_for(UserFacingError()).startswith("Something went wrong")
    assert message_for(DomainError("Niet gemarkeerd.")) == "Niet gemarkeerd."  # stays Dutch


# -- choosing the language -----------------------------------------------------------------------


def test_language_from_the_config_file_and_the_users_choice(tmp_path):
    from console.app import save_ui_language, ui_language
    from console.config import ConfigError, load_config

    path = tmp_path / "config.toml"
    path.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    assert ui_language(load_config(path), tmp_path) == "en"
    assert ui_language(load_config(None), tmp_path) == "nl"  # no file: Dutch
    save_ui_language(tmp_path, "nl")  # the user's choice wins over the file
    assert ui_language(load_config(path), tmp_path) == "nl"
    path.write_text('[ui]\nlanguage = "fr"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    assert refused.value.key == "ui.language"


def test_settings_dialog_is_reached_by_keyboard_and_stores_the_choice(qloop, tmp_path, clock):
    from PySide6.QtTest import QTest

    from console.app import ui_language
    from console.config import load_config
    from tests.helpers import running_app, until
    from tests.test_keyboard_desk import until_focus

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            window.activateWindow()
            window.table.setFocus()
            await until_focus(window.table)
            QTest.keyClick(window.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: getattr(window, "settings_dialog", None) is not None,
                        what="Instellingen open")  # fmt: skip
            dialog = window.settings_dialog
            assert "herstart" in " ".join(label.text() for label in dialog.findChildren(QLabel))
            dialog.language.setCurrentIndex(dialog.language.findData("en"))
            QTest.keyClick(dialog.language, Qt.Key.Key_Return)
            await until(lambda: not dialog.isVisible(), what="dialog closed")

    qloop.run_until_complete(scenario())
    assert ui_language(load_config(None), tmp_path) == "en"
