"""Small keyboard-first dialogs of the inbox: add a note, close with an outcome, shortcuts.

GUI thread only. The dialogs only gather input; the main window calls the service. They open
window-modal with ``open()`` (never a nested ``exec()`` loop, which would stall asyncio).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.lifecycle import NOTE_MAX_LENGTH
from console.domain.model import Outcome
from widgets import texts
from widgets.text_tools import TextTools


def _is_ctrl_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


class NoteDialog(QDialog):
    """Type a note; Ctrl+Enter saves, Esc cancels."""

    def __init__(self, parent: QWidget | None = None, *, title: str | None = None) -> None:
        super().__init__(parent)
        title = title or self.tr("Notitie toevoegen")
        self.setWindowTitle(title)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Wat is er besproken of afgesproken?"))
        self.editor.setAccessibleName(title)
        self.editor.setTabChangesFocus(True)
        self.counter = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Opslaan (Ctrl+Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(TextTools(self.editor))  # issue 16: B1 hints, "Lees voor"
        layout.addWidget(self.counter)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._on_editor_text_changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_ctrl_enter(event):
            self.accept()
            return
        super().keyPressEvent(event)

    def _on_editor_text_changed(self) -> None:
        length = len(self.editor.toPlainText())
        self.counter.setText(
            self.tr("{length} van {limit} tekens").format(length=length, limit=NOTE_MAX_LENGTH)
        )

    def text(self) -> str:
        return self.editor.toPlainText()


class CloseDialog(QDialog):
    """Choose an outcome (keys 1–5), add an optional note; Ctrl+Enter closes the question."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vraag afhandelen"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Hoe is de vraag afgehandeld?")))
        self.group = QButtonGroup(self)
        self._outcomes = list(Outcome)
        for number, outcome in enumerate(self._outcomes, start=1):
            button = QRadioButton(f"&{number}  {texts.OUTCOME[outcome]}")
            self.group.addButton(button, number)
            layout.addWidget(button)
        self.group.button(1).setChecked(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Toelichting (mag leeg blijven)"))
        self.note.setAccessibleName(self.tr("Toelichting"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        layout.addWidget(self.note)
        layout.addWidget(TextTools(self.note))  # issue 16: B1 hints, "Lees voor"
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Afhandelen (Ctrl+Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys, not QShortcuts: they work wherever the focus is inside the dialog, also before
        # the window manager has made the dialog the active window.
        if _is_ctrl_enter(event):
            self.accept()
            return
        text = event.text()
        if text.isdigit() and self.group.button(int(text)) is not None:
            self.group.button(int(text)).setChecked(True)
            return
        super().keyPressEvent(event)

    def outcome(self) -> Outcome:
        return self._outcomes[self.group.checkedId() - 1]

    def set_outcome(self, outcome: Outcome) -> None:
        self.group.button(self._outcomes.index(outcome) + 1).setChecked(True)


class ShortcutsDialog(QDialog):
    """F1: every shortcut of the main window, read from its actions (never out of date)."""

    def __init__(
        self,
        rows: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        dialog_rows: list[tuple[str, str]] = (),  # type: ignore[assignment]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sneltoetsen"))
        layout = QVBoxLayout(self)
        lines = [f"{keys:<18} {what}" for what, keys in rows]
        if dialog_rows:
            lines += ["", self.tr("In een venster:")]
            lines += [f"{keys:<18} {what}" for what, keys in dialog_rows]
        text = "\n".join(lines)
        self.text = text
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("font-family: monospace;")
        layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten (Esc)"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
