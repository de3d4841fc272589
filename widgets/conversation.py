"""The conversation of a written contact in the detail pane: its messages, attachments, replies.

Shows every message of the interaction (incoming and our own replies with their state: waiting
in the outbox, sent, failed), the chosen message's body through ``MailBodyView`` (sanitised,
nothing fetched), its warnings (broken mail, unsure sender) and its attachments. An attachment is
only read from the store when the user asks to save it, and the console never opens or runs it.
Replies start from a B1 template that the colleague edits in ``ReplyDialog``.

GUI thread only. Work goes through ``IntakeService`` tasks (latest wins per panel), so errors
reach the message bar; ``cleanup()`` before the service goes away.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.errors import DomainError
from console.i18n import QT_TRANSLATE_NOOP
from console.services.intake import IntakeService, ReplyKind, StoredMessage
from widgets.i18n import show
from widgets.mail_body import REMOTE_NOTE, MailBodyView, had_images
from widgets.text_tools import TextTools
from widgets.ui_op import message_for

STATE_WORDS = {
    "waiting": QT_TRANSLATE_NOOP("conversation", "wacht op de mailserver"),
    "sent": QT_TRANSLATE_NOOP("conversation", "verstuurd"),
    "failed": QT_TRANSLATE_NOOP("conversation", "niet verstuurd"),
}
REPLY_CHOICES = (
    (
        ReplyKind.NAMED_ACKNOWLEDGEMENT,
        QT_TRANSLATE_NOOP("conversation", "Ontvangstbevestiging met uw naam"),
    ),
    (ReplyKind.ANSWER, QT_TRANSLATE_NOOP("conversation", "Antwoord")),
    (
        ReplyKind.LATE,
        QT_TRANSLATE_NOOP("conversation", "Het duurt langer (afspraak is afspraak)"),
    ),
)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, n // 1024)} kB"


def message_title(message: StoredMessage, moment: str) -> str:
    if message.incoming:
        sender = message.sender or QCoreApplication.translate("conversation", "onbekende afzender")
        return QCoreApplication.translate("conversation", "{moment} — van {sender}").format(
            moment=moment, sender=sender
        )
    state = STATE_WORDS.get(message.state.value if message.state else "", "")
    template = QCoreApplication.translate("conversation", "{moment} — aan {recipient} ({state})")
    return template.format(
        moment=moment,
        recipient=message.recipient,
        state=QCoreApplication.translate("conversation", state) if state else "",
    )


class ReplyDialog(QDialog):
    """Edit and send one reply; what was typed stays when sending is refused."""

    sent = Signal()

    def __init__(
        self,
        intake: IntakeService,
        interaction_id: str,
        kind: ReplyKind,
        *,
        to: str,
        subject: str,
        text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bericht aan de inwoner"))
        self._intake = intake
        self._interaction_id = interaction_id
        self._kind = kind
        self.to = QLabel(to)
        self.to.setTextFormat(Qt.TextFormat.PlainText)
        self.subject = QLineEdit(subject)
        self.body = QPlainTextEdit(text)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("error")
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(
            self.tr("Versturen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.send_button.clicked.connect(self._on_send_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Aan:"), self.to)
        form.addRow(self.tr("Onderwerp:"), self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(TextTools(self.body))  # issue 16: B1 hints, "Lees voor"
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _on_send_clicked(self) -> None:
        self.send_button.setEnabled(False)
        self._intake.tasks.spawn(self._send(), what="bericht versturen")

    async def _send(self) -> None:
        try:
            await self._intake.reply(
                self._interaction_id,
                kind=self._kind,
                subject=self.subject.text(),
                text=self.body.toPlainText(),
            )
        except DomainError as exc:
            self.error.setText(message_for(exc))
            self.send_button.setEnabled(True)
            return
        except Exception:
            self.send_button.setEnabled(True)
            raise
        self.sent.emit()
        self.accept()


class ConversationPanel(QWidget):
    """See the module docstring."""

    def __init__(self, intake: IntakeService, *, moment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._intake = intake
        self._moment = moment  # datetime -> Dutch text (the detail pane's own formatting)
        self._interaction_id: str | None = None
        self.messages: list[StoredMessage] = []
        self.dialog: ReplyDialog | None = None

        self.picker = QComboBox()
        self.picker.setAccessibleName(self.tr("Berichten"))
        self.picker.currentIndexChanged.connect(self._on_picker_changed)
        self.warnings = QLabel("")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setObjectName("warning")
        self.body = MailBodyView()
        self.attachments = QListWidget()
        self.attachments.setAccessibleName(self.tr("Bijlagen"))
        self.attachments.setMaximumHeight(80)
        self.save_button = QPushButton(self.tr("Bijlage opslaan…"))
        self.save_button.setToolTip(
            self.tr(
                "De console opent een bijlage nooit zelf. Sla hem op en open hem met een "
                "programma dat u vertrouwt."
            )
        )
        self.save_button.clicked.connect(self._on_save_clicked)
        self.reply_kind = QComboBox()
        for kind, label in REPLY_CHOICES:
            self.reply_kind.addItem(QCoreApplication.translate("conversation", label), kind.value)
        self.reply_button = QPushButton(self.tr("Bericht schrijven…"))
        self.reply_button.clicked.connect(self._on_reply_clicked)

        attachment_row = QHBoxLayout()
        attachment_row.addWidget(self.attachments, 1)
        attachment_row.addWidget(self.save_button)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_kind, 1)
        reply_row.addWidget(self.reply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Berichten:")))
        layout.addWidget(self.picker)
        layout.addWidget(self.warnings)
        layout.addWidget(self.body, 1)
        layout.addWidget(TextTools(self.body, hints=False))  # issue 16: "Lees voor" the mail
        layout.addLayout(attachment_row)
        layout.addLayout(reply_row)
        self.setVisible(False)

    # -- loading ----------------------------------------------------------------------------

    def show_interaction(self, interaction_id: str | None) -> None:
        self._interaction_id = interaction_id
        if interaction_id is None:
            self._set_messages([], can_reply=False)
            return
        self._intake.tasks.spawn(
            self._load(interaction_id), what="berichten laden", latest=f"conv{id(self)}"
        )

    async def _load(self, interaction_id: str) -> None:
        messages = await self._intake.messages(interaction_id)
        can_reply = await self._intake.can_reply(interaction_id) if messages else False
        if not shiboken6.isValid(self.picker):
            return  # the window closed while the store answered: nobody to show it to
        if interaction_id == self._interaction_id:
            self._set_messages(messages, can_reply=can_reply)

    def _set_messages(self, messages: list[StoredMessage], *, can_reply: bool) -> None:
        keep = self.picker.currentIndex()
        same = [m.reference for m in messages[: len(self.messages)]] == [
            m.reference for m in self.messages
        ]
        self.messages = messages
        self.picker.blockSignals(True)
        self.picker.clear()
        for message in messages:
            self.picker.addItem(message_title(message, self._moment(message.at)))
        self.picker.blockSignals(False)
        self.setVisible(bool(messages))
        self.reply_button.setEnabled(can_reply)
        self.reply_kind.setEnabled(can_reply)
        if messages:
            # The first incoming message when a new item is shown; the same one on a refresh.
            self.picker.setCurrentIndex(keep if same and 0 <= keep < len(messages) else 0)
            self._show(self.picker.currentIndex())
        else:
            self.body.clear()
            self.attachments.clear()
            self.warnings.setText("")

    def _on_picker_changed(self, index: int) -> None:
        self._show(index)

    def _show(self, index: int) -> None:
        if not (0 <= index < len(self.messages)):
            return
        message = self.messages[index]
        self.body.show_message(text=message.text, html=message.html)
        notes = [show(w) for w in message.warnings]  # stored Dutch, shown translated
        if message.html and had_images(message.html):
            notes.append(QCoreApplication.translate("mail_body", REMOTE_NOTE))
        if message.automatic and message.incoming:
            notes.append(
                self.tr(
                    "Dit bericht is automatisch verstuurd (bijvoorbeeld een afwezigheidsbericht)."
                )
            )
        self.warnings.setText("\n".join(notes))
        self.warnings.setVisible(bool(notes))
        self.attachments.clear()
        for a in message.attachments:
            self.attachments.addItem(f"{a.filename} ({a.content_type}, {_size(a.size)})")
        self.save_button.setEnabled(bool(message.attachments))

    # -- attachments ------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        index, row = self.picker.currentIndex(), self.attachments.currentRow()
        if not (0 <= index < len(self.messages)):
            return
        message = self.messages[index]
        row = row if row >= 0 else 0
        if row >= len(message.attachments):
            return
        name = message.attachments[row].filename
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Bijlage opslaan"), name)
        if path:
            self.save_attachment(message.reference, row, Path(path))

    def save_attachment(self, reference: str, index: int, path: Path) -> None:
        """Write the attachment to ``path`` (never opened or run by the console)."""
        self._intake.tasks.spawn(self._save(reference, index, path), what="bijlage opslaan")

    async def _save(self, reference: str, index: int, path: Path) -> None:
        attachment = await self._intake.attachment(reference, index)
        if attachment is None or (not attachment.data and attachment.size):
            raise DomainError(
                self.tr("Deze bijlage is niet in de console bewaard. Hij staat nog in de mailbox.")
            )
        try:
            # Off the GUI thread: a big attachment on a slow network drive must not freeze it.
            await asyncio.to_thread(path.write_bytes, attachment.data)
        except OSError as exc:
            raise DomainError(
                self.tr(
                    "De bijlage kon niet worden opgeslagen in {folder}. Kies een andere map."
                ).format(folder=path.parent)
            ) from exc

    # -- replies ----------------------------------------------------------------------------

    def _on_reply_clicked(self) -> None:
        if self._interaction_id is None:
            return
        kind = ReplyKind(self.reply_kind.currentData())
        self._intake.tasks.spawn(
            self.open_reply(self._interaction_id, kind), what="bericht voorbereiden"
        )

    async def open_reply(self, interaction_id: str, kind: ReplyKind) -> ReplyDialog:
        """Fill in the template for ``kind`` and show the dialog (not modal)."""
        draft = await self._intake.draft(interaction_id, kind)
        dialog = ReplyDialog(
            self._intake,
            interaction_id,
            kind,
            to=draft.to,
            subject=draft.subject,
            text=draft.text,
            parent=self,
        )
        self.dialog = dialog
        dialog.show()
        return dialog

    def cleanup(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
