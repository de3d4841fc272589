"""Instellingen: the language of the screens (Dutch or English), chosen by keyboard.

Reached from the menu Beeld → Instellingen… (Ctrl+,). The choice is handed to ``save`` (the
composition root stores it per user) and takes effect at the next start: the dialog says so.
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from console.i18n import QT_TRANSLATE_NOOP

# Each language in its own name, so a user who cannot read the current one finds theirs.
LANGUAGE_NAMES = {
    "nl": QT_TRANSLATE_NOOP("SettingsDialog", "Nederlands (Dutch)"),
    "en": QT_TRANSLATE_NOOP("SettingsDialog", "English (Engels)"),
}


class SettingsDialog(QDialog):
    """Choose the language; Enter saves, Esc closes without a change."""

    def __init__(
        self, current: str, save: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Instellingen"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(self.tr(name), code)
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.language.setAccessibleName(self.tr("Taal van de schermen"))
        label = QLabel(self.tr("&Taal van de schermen"))
        label.setBuddy(self.language)
        note = QLabel(self.tr("Een andere taal ziet u na een herstart van de console."))
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(label, self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Sluiten (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.language.setFocus()

    def accept(self) -> None:
        self._save(str(self.language.currentData()))
        super().accept()


def install_settings(window: QMainWindow, current: str, save: Callable[[str], None]) -> QAction:
    """Beeld → Instellingen… (Ctrl+,) opens the dialog; returns the action."""
    action = QAction(QCoreApplication.translate("SettingsDialog", "&Instellingen…"), window)
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def open_dialog() -> None:
        dialog = SettingsDialog(current, save, window)
        window.settings_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    action.triggered.connect(open_dialog)
    menu = window.view_menu  # type: ignore[attr-defined]
    menu.addSeparator()
    menu.addAction(action)
    window.addAction(action)
    return action
