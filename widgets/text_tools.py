"""Under a text box: live plain-Dutch (B1) hints and "Lees voor" (issue 16, N13).

``TextTools(box)`` is one small row to put under any text box a resident or colleague reads or
a person writes (replies, templates, the transfer summary, a callback note's question):

- a hint label that re-checks the text a short pause after typing stops (debounced, so typing is
  never slowed) with ``console.plain_language``: the reading level and score, officialese words
  with their plain alternative, sentences over 15 words, the passive voice. Advice only: it
  never blocks typing or sending, and it is empty while the text reads easily.
- a "Lees voor" button (and Ctrl+Shift+V while the box has focus) that reads the box's text
  (or the selected part) aloud through the console's one ``ReadAloud``; pressed again it stops.
  Without a speech engine the button is disabled and its tooltip says why.

The composition root hands the console's ``ReadAloud`` to ``use_read_aloud`` once; every row
made after that uses it (dialogs are made later, by code that does not know the speech
service). Every visible text goes through ``tr``.

GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

from console import plain_language
from console.plain_language import FindingKind
from console.services.read_aloud import ReadAloud
from widgets.i18n import show

HINT_DELAY_MS = 400  # after the last key: long enough not to flicker while typing
READ_KEY = "Ctrl+Shift+V"  # V: voorlezen (Ctrl+Shift+L is the audit screen)
HINT_STYLE = "color: #5a4a00; font-size: 9pt;"

TextBox = QPlainTextEdit | QTextEdit | QLineEdit

_service: ReadAloud | None = None


def use_read_aloud(service: ReadAloud | None) -> None:
    """The console's ``ReadAloud`` for every ``TextTools`` made from now on (None: none)."""
    global _service
    _service = service


def text_of(box: TextBox) -> str:
    if isinstance(box, QLineEdit):
        return box.selectedText() or box.text()
    selected = box.textCursor().selectedText().replace("\u2029", "\n")
    return selected or box.toPlainText()


def hint_for(text: str) -> str:
    """The hint line for ``text`` (empty when it reads easily), in the chosen language."""
    return _hint_line(plain_language.check(text))


def details_for(report: plain_language.Report, *, limit: int = 5) -> str:
    """Each finding's full advice (the checker's own sentences), one a line, translated.

    Shown as the hint's tooltip: the line under the box stays short, the details are a hover
    away. Empty when the text reads easily.
    """
    if not report.words or (report.passes and not report.findings):
        return ""
    lines: list[str] = []
    for finding in report.findings:
        line = show(finding.hint)  # a Sentence from the checker: rendered with its parameters
        if line not in lines:
            lines.append(line)
        if len(lines) == limit:
            break
    return "\n".join(lines)


def _hint_line(report: plain_language.Report) -> str:
    if not report.words or (report.passes and not report.findings):
        return ""
    parts = [
        QCoreApplication.translate("TextTools", "Taalniveau: {level} (score {score}).").format(
            level=_level(report.score), score=round(report.score)
        )
    ]
    seen: set[str] = set()
    for finding in report.of_kind(FindingKind.OFFICIALESE):
        if finding.text.lower() in seen:
            continue
        seen.add(finding.text.lower())
        parts.append(
            QCoreApplication.translate(
                "TextTools", "'{word}' is ambtelijk; schrijf liever: {alternative}."
            ).format(word=finding.text, alternative=finding.alternative)
        )
        if len(seen) == 3:
            break
    long_sentences = len(report.of_kind(FindingKind.LONG_SENTENCE))
    if long_sentences:
        parts.append(
            QCoreApplication.translate(
                "TextTools", "Zinnen met meer dan 15 woorden: {count}."
            ).format(count=long_sentences)
        )
    if report.of_kind(FindingKind.PASSIVE):
        parts.append(
            QCoreApplication.translate("TextTools", "Lijdende vorm: zeg liever wie het doet.")
        )
    if report.of_kind(FindingKind.LONG_WORD) and len(parts) == 1:
        parts.append(
            QCoreApplication.translate(
                "TextTools", "Lange woorden: kies een korter woord als dat kan."
            )
        )
    return " ".join(parts)


def _level(score: float) -> str:
    if score >= 70:
        return QCoreApplication.translate("TextTools", "makkelijk")
    if score >= plain_language.PLAIN_SCORE:
        return QCoreApplication.translate("TextTools", "redelijk makkelijk (B1)")
    if score >= 40:
        return QCoreApplication.translate("TextTools", "moeilijk")
    return QCoreApplication.translate("TextTools", "erg moeilijk")


class TextTools(QWidget):
    """See the module docstring. Put it in the layout right under ``box``."""

    def __init__(
        self,
        box: TextBox,
        *,
        hints: bool = True,
        read_aloud: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.box = box
        self._service = _service
        self.hint = QLabel()
        self.hint.setObjectName("b1Hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.hint.setAccessibleName(self.tr("Taaltip"))
        self.read_button = QToolButton()
        self.read_button.setText(self.tr("Lees voor"))
        self.read_button.setAccessibleName(self.tr("Lees voor"))
        self.read_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hint.setVisible(hints)
        self.read_button.setVisible(read_aloud)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HINT_DELAY_MS)
        self._timer.timeout.connect(self.recheck)
        if hints:
            box.textChanged.connect(self._on_text_changed)
            if text_of(box):
                self._timer.start()

        if read_aloud:
            self.read_button.clicked.connect(self.read)
            self.shortcut = QShortcut(QKeySequence(READ_KEY), box)
            self.shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            self.shortcut.activated.connect(self.read)
            self._set_available(None)
            if self._service is not None:
                unsubscribe = self._service.subscribe(self._on_reading)
                self.destroyed.connect(lambda *_: unsubscribe())
                if self._service.known_status is not None:
                    self._set_available(self._service.known_status)
        self._asked = False

    def showEvent(self, event) -> None:
        # Asked when first shown, not when made: starting the speech engine is not part of
        # the console's start-up.
        super().showEvent(event)
        if not self._asked and self._service is not None and self.read_button.isVisibleTo(self):
            self._asked = True
            if self._service.known_status is None:
                self._service.tasks.spawn(self._ask_status(), what="spraak controleren")
            else:
                self._set_available(self._service.known_status)

    # -- hints ------------------------------------------------------------------------------

    def _on_text_changed(self, *_args: object) -> None:
        self._timer.start()  # restarts: the check runs once typing pauses

    def recheck(self) -> None:
        """Check the box's text now (the debounce timer calls this)."""
        report = plain_language.check(text_of(self.box))
        self.hint.setText(_hint_line(report))
        self.hint.setToolTip(details_for(report))

    # -- read aloud -------------------------------------------------------------------------

    async def _ask_status(self) -> None:
        assert self._service is not None
        status = await self._service.status()
        if isValid(self) and isValid(self.read_button):
            self._set_available(status)

    def _set_available(self, status: Any) -> None:
        """``status``: the speech port's ``SpeechStatus``, or None while it is asked."""
        if self._service is None:
            reason = self.tr("Voorlezen kan niet: er is geen spraakprogramma ingesteld.")
        elif status is None:
            reason = self.tr("Even geduld: de spraak wordt gecontroleerd.")
        elif not status.available:
            reason = show(status.reason)  # marked Dutch from the speech adapter
        else:
            reason = ""
        self.read_button.setEnabled(not reason)
        if reason:
            self.read_button.setToolTip(reason)
            self.read_button.setAccessibleDescription(reason)
        else:
            tip = self.tr("Lees de tekst voor ({key}); nog een keer drukken stopt.").format(
                key=READ_KEY
            )
            self.read_button.setToolTip(tip)
            self.read_button.setAccessibleDescription(tip)

    def read(self) -> None:
        """Read the box's text (or its selection) aloud; stop when a reading goes on."""
        if self._service is None or not self.read_button.isEnabled():
            return
        self._service.toggle(text_of(self.box))

    def _on_reading(self, reading: bool) -> None:
        if not isValid(self.read_button):
            return
        self.read_button.setText(self.tr("Stop voorlezen") if reading else self.tr("Lees voor"))
