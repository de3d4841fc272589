"""The detail pane: one interaction, its resident, and its timeline.

GUI thread only. Loads the detail through ``InboxService.detail`` (latest wins when the selection
moves fast) and reloads when a change notice names the shown item. All text from residents is
shown as plain text, never as rich text, so markup in a question cannot run or load anything;
a written contact's messages (mail bodies, attachments, replies) show in a ``ConversationPanel``
once ``attach_channels`` gave the pane the intake service.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from console.domain.audit import AuditScreen
from console.domain.model import TimelineEntry, TimelineKind
from console.i18n import QT_TRANSLATE_NOOP
from console.services.inbox import InboxService, InteractionDetail
from console.services.types import ChangeNotice
from widgets import texts
from widgets.conversation import ConversationPanel
from widgets.i18n import render

TIMELINE_WORDS = {
    TimelineKind.RECEIVED: QT_TRANSLATE_NOOP("detail_pane", "Binnengekomen"),
    TimelineKind.TAKEN: QT_TRANSLATE_NOOP("detail_pane", "Opgepakt door"),
    TimelineKind.HANDED_BACK: QT_TRANSLATE_NOOP("detail_pane", "Teruggegeven door"),
    TimelineKind.NOTE: QT_TRANSLATE_NOOP("detail_pane", "Notitie van"),
    TimelineKind.STATUS: QT_TRANSLATE_NOOP("detail_pane", "Status gewijzigd door"),
    TimelineKind.CLOSED: QT_TRANSLATE_NOOP("detail_pane", "Afgehandeld door"),
    TimelineKind.TRANSFERRED: QT_TRANSLATE_NOOP("detail_pane", "Doorverbonden door"),
    TimelineKind.CALLBACK_ATTEMPT: QT_TRANSLATE_NOOP("detail_pane", "Belpoging door"),
}

_Index = QModelIndex | QPersistentModelIndex


class TimelineListModel(QAbstractListModel):
    """The timeline of one interaction, oldest first (a plain list model, replaced whole)."""

    def __init__(self, inbox: InboxService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._entries: list[TimelineEntry] = []

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self._entries[index.row()]
        now = self._inbox.clock.now()
        who = (
            ""
            if entry.kind is TimelineKind.RECEIVED
            else " " + self._inbox.organisation.actor_name(entry.actor)
        )
        words = QCoreApplication.translate("detail_pane", TIMELINE_WORDS[entry.kind])
        line = f"{texts.moment(entry.at, now)} — {words}{who}"
        # The sentence as data, in the chosen language (old rows: their stored text).
        said = render(entry.sentence) if entry.text else ""
        return f"{line}\n{said}" if said else line


class DetailPane(QWidget):
    """See the module docstring. Call ``cleanup()`` before the service goes away."""

    def __init__(self, inbox: InboxService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._shown_id: str | None = None
        self.detail: InteractionDetail | None = None
        # (record, colleague) whose opening is in the privacy audit trail: a refresh of the
        # same record for the same person is not a new opening, anything else is.
        self._audited: tuple[str, str] | None = None

        self.title = QLabel(self.tr("Kies een vraag in de lijst"))
        self.title.setObjectName("detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)

        self._fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("channel", self.tr("Kanaal")),
            ("resident", self.tr("Inwoner")),
            ("contact", self.tr("Telefoon / e-mail")),
            ("received", self.tr("Binnengekomen")),
            ("deadline", self.tr("Uiterlijk")),
            ("owner", self.tr("Eigenaar")),
            ("desk", self.tr("Afdeling")),
            ("status", self.tr("Status")),
        ):
            value = QLabel("—")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._fields[key] = value
            form.addRow(label + ":", value)

        self.question = QLabel("")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.question.setFrameShape(QFrame.Shape.StyledPanel)
        self.question.setObjectName("question")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.timeline_model = TimelineListModel(inbox, self)
        self.timeline = QListView()
        self.timeline.setModel(self.timeline_model)
        self.timeline.setWordWrap(True)
        self.timeline.setAccessibleName(self.tr("Tijdlijn"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Vraag:")))
        layout.addWidget(self.question)
        layout.addWidget(QLabel(self.tr("Tijdlijn:")))
        layout.addWidget(self.timeline, 1)

        self.conversation: ConversationPanel | None = None
        self._unsubscribe = inbox.subscribe(self._on_store_changed)

    def attach_channels(self, intake) -> None:
        """Show the messages of written contacts (``IntakeService``) above the timeline."""
        self.conversation = ConversationPanel(
            intake, moment=lambda at: texts.moment(at, self._inbox.clock.now())
        )
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.timeline) - 1, self.conversation, 2)

    @property
    def shown_id(self) -> str | None:
        return self._shown_id

    def show_interaction(self, interaction_id: str | None) -> None:
        self._shown_id = interaction_id
        if self.conversation is not None:
            self.conversation.show_interaction(interaction_id)
        if interaction_id is None:
            self._clear()
            return
        self._spawn_load(interaction_id)

    def _spawn_load(self, interaction_id: str) -> None:
        self._inbox.tasks.spawn(
            self._load(interaction_id),
            what="details laden",
            latest=f"detail{id(self)}",
        )

    async def _load(self, interaction_id: str) -> None:
        # Opening a record is written to the privacy audit trail first. Decided here, when the
        # load runs, not when it was asked for: a load cancelled by a newer one (latest wins)
        # must not leave the record shown later without its entry.
        who = (interaction_id, self._inbox.user.id)
        opened = who != self._audited
        detail = await self._inbox.detail(
            interaction_id, opened_from=AuditScreen.INBOX_DETAIL if opened else None
        )
        if opened and detail is not None:
            self._audited = who
        if interaction_id != self._shown_id:
            return
        if detail is None:
            self._clear()
            return
        self._fill(detail)

    def _on_store_changed(self, notice: ChangeNotice) -> None:
        if self._shown_id is not None and self._shown_id in notice.ids:
            self._spawn_load(self._shown_id)

    def _clear(self) -> None:
        self.detail = None
        self.title.setText(self.tr("Kies een vraag in de lijst"))
        for value in self._fields.values():
            value.setText("—")
        self.question.setText("")
        self.timeline_model.set_entries([])

    def _fill(self, detail: InteractionDetail) -> None:
        self.detail = detail
        item = detail.interaction
        org = self._inbox.organisation
        now = self._inbox.clock.now()
        self.title.setText(item.subject)
        resident = detail.resident
        f = self._fields
        f["channel"].setText(texts.CHANNEL[item.channel])
        if resident:
            f["resident"].setText(
                resident.name + (f" ({resident.village})" if resident.village else "")
            )
            f["contact"].setText(
                " / ".join(x for x in (resident.phone, resident.phone2, resident.email) if x) or "—"
            )
        else:
            f["resident"].setText(item.resident_name or "Onbekend")
            f["contact"].setText("—")
        f["received"].setText(texts.moment(item.received_at, now))
        f["deadline"].setText(
            texts.urgency_text(
                priority=item.priority,
                received_at=item.received_at,
                deadline=item.deadline or item.received_at,
                now=now,
            )
            if item.is_open
            else "—"
        )
        f["owner"].setText(org.owner_name(item.owner))
        desk = org.desk(item.desk_id)
        f["desk"].setText(desk.name if desk else item.desk_id)
        f["status"].setText(
            texts.STATUS[item.status]
            + (f" — {texts.OUTCOME[item.outcome]}" if item.outcome else "")
        )
        self.question.setText(item.question)
        self.timeline_model.set_entries(detail.timeline)

    def cleanup(self) -> None:
        self._unsubscribe()
        if self.conversation is not None:
            self.conversation.cleanup()
