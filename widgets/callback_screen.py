"""The "Terugbelnotities" screen for the back office, and how callback notes join the window.

GUI thread only. ``CallbacksScreen`` lists my notes, my desk's notes or the notes I wrote, the
earliest deadline (so the overdue ones) first; it logs attempts, reassigns (availability checked
again), closes, and copies the number (telephony comes later). ``CallbackUi`` adds the screen and
the Inbox action "Terugbelnotitie maken" (Ctrl+T) to the main window, opens the dialog pre-filled
from the selected item, and asks the creator about overdue notes (N3). Other panels (the call
panel) open the dialog through ``CallbackUi.open_callback_dialog(prefill)``. ``cleanup()``
unsubscribes from the store before the services close.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.audit import AuditScreen
from console.domain.callbacks import (
    AttemptOutcome,
    CallbackDraft,
    CallbackNote,
    FollowUp,
    follow_up_question,
)
from console.domain.model import TimelineEntry
from console.services.callbacks import CallbackFieldErrors, CallbackService, FollowUpPrompt
from console.services.inbox import InboxService
from console.services.tasks import user_message
from console.services.types import ChangeNotice
from widgets import callback_texts as words
from widgets import texts
from widgets.callback_dialog import CARD_STYLE, CallbackNoteDialog, TargetPicker, is_ctrl_enter
from widgets.i18n import plural, render
from widgets.text_tools import TextTools
from widgets.ui_op import message_for, run_op

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COL_DEADLINE, COL_RESIDENT, COL_PHONE, COL_SUMMARY, COL_ASSIGNEE, COL_ATTEMPTS, COL_STATUS = range(
    7
)
LATE = QColor("#b00020")
_Index = QModelIndex | QPersistentModelIndex


class CallbackNoteTableModel(QAbstractTableModel):
    """A list of callback notes (replaced whole on each load; lists are short per person)."""

    def __init__(self, service: CallbackService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._notes: list[CallbackNote] = []
        self._now: datetime = service.clock.now()

    def set_notes(self, notes: list[CallbackNote], now: datetime) -> None:
        self.beginResetModel()
        self._notes = list(notes)
        self._now = now
        self.endResetModel()

    def note_at(self, row: int) -> CallbackNote:
        return self._notes[row]

    def row_of(self, note_id: str) -> int | None:
        return next((r for r, n in enumerate(self._notes) if n.id == note_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(words.NOTE_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(words.NOTE_COLUMNS)
        ):
            return words.NOTE_COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._notes)):
            return None
        note = self._notes[index.row()]
        if role == NOTE_ID_ROLE:
            return note.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(note, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (COL_DEADLINE, COL_STATUS):
            return QBrush(LATE) if note.is_overdue(self._now) else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SUMMARY:
            return note.summary
        return None

    def _display(self, note: CallbackNote, column: int) -> str:
        if column == COL_DEADLINE:
            return texts.moment(note.deadline, self._now)
        if column == COL_RESIDENT:
            return note.resident_name
        if column == COL_PHONE:
            return self._service.phones.display(note.phones[0]) if note.phones else ""
        if column == COL_SUMMARY:
            return note.summary.replace("\n", " ")[:120]
        if column == COL_ASSIGNEE:
            return self._service.target_name(note.assignee)
        if column == COL_ATTEMPTS:
            return str(note.attempt_count)
        if column == COL_STATUS:
            state = words.OVERDUE if note.is_overdue(self._now) else words.STATUS[note.status]
            if note.is_open and note.attempts:
                return f"{state} · {words.ATTEMPT[note.attempts[-1].outcome].lower()}"
            return state
        return ""


def _tr(source: str) -> str:
    return QCoreApplication.translate("callback_screen", source)


def _history_text(
    note: CallbackNote, history: list[TimelineEntry], service: CallbackService
) -> str:
    now = service.clock.now()
    org = service.organisation
    phones = ", ".join(service.phones.display(p) for p in note.phones)
    lines = [
        f"{note.resident_name} — {phones}",
        _tr("Beste tijd: {time}").format(time=note.best_time or _tr("niet opgegeven")),
        _tr("Uiterlijk terugbellen: {deadline}").format(deadline=texts.moment(note.deadline, now)),
        _tr("Gemaakt door {name}, {moment}").format(
            name=org.actor_name(note.creator), moment=texts.moment(note.created, now)
        ),
        "",
        note.summary,
        "",
        _tr("Geschiedenis:"),
    ]
    for entry in history:
        # The sentence as data, in the chosen language (old rows: their stored text).
        what = render(entry.sentence) if entry.text else words.HISTORY.get(entry.kind, "")
        lines.append(f"  {texts.moment(entry.at, now)}  {org.actor_name(entry.actor)}: {what}")
    return "\n".join(lines)


class AttemptDialog(QDialog):
    """Log a call attempt: keys 1–4 choose the outcome, Ctrl+Enter saves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Belpoging vastleggen"))
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        for number, outcome in enumerate(words.ATTEMPT_CHOICES, start=1):
            button = QRadioButton(f"&{number}  {words.ATTEMPT[outcome]}")
            self.group.addButton(button, number)
            layout.addWidget(button)
        self.group.button(2).setChecked(True)  # "niet bereikt" is the common case
        self.remark = QLineEdit()
        self.remark.setAccessibleName(self.tr("Opmerking bij de belpoging"))
        self.remark.setPlaceholderText(self.tr("Opmerking (mag leeg blijven)"))
        layout.addWidget(self.remark)
        save = QPushButton(self.tr("Vastleggen (Ctrl+Enter)"))
        save.setAutoDefault(False)
        save.clicked.connect(self.accept)
        layout.addWidget(save)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):
            self.accept()
            return
        text = event.text()
        if (
            text.isdigit()
            and self.group.button(int(text)) is not None
            and not self.remark.hasFocus()
        ):
            self.group.button(int(text)).setChecked(True)
            return
        super().keyPressEvent(event)

    def outcome(self) -> AttemptOutcome:
        return words.ATTEMPT_CHOICES[self.group.checkedId() - 1]


class CloseNoteDialog(QDialog):
    """Close a note with what came of it; Ctrl+Enter closes it."""

    def __init__(self, service: CallbackService, note_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._note_id = note_id
        self.setWindowTitle(self.tr("Terugbelnotitie afronden"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Wat is er met de inwoner afgesproken?")))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.windowTitle())
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text)
        layout.addWidget(TextTools(self.text))  # issue 16: B1 hints, "Lees voor"
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        save = QPushButton(self.tr("Afronden (Ctrl+Enter)"))
        save.setAutoDefault(False)
        save.clicked.connect(self.save)
        layout.addWidget(save)
        self.text.installEventFilter(self)

    def eventFilter(self, watched: QObject, event) -> bool:  # type: ignore[override]
        if watched is self.text and event.type() == event.Type.KeyPress and is_ctrl_enter(event):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):
            self.save()
            return
        super().keyPressEvent(event)

    def save(self) -> None:
        run_op(self._service.tasks, self._save(), what="terugbelnotitie afronden")

    async def _save(self) -> None:
        try:
            await self._service.close(self._note_id, self.text.toPlainText())
        except CallbackFieldErrors as exc:
            self.error.setText(message_for(exc))
            self.error.show()
            return
        self.accept()


class ReassignDialog(QDialog):
    """Give a note to someone else: search, see the card, F4 takes the advice, Ctrl+Enter."""

    reassigned = Signal(str)  # the new assignee's name

    def __init__(self, service: CallbackService, note_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._note_id = note_id
        self.setWindowTitle(words.REASSIGN_TITLE)
        self.setStyleSheet(CARD_STYLE)
        self.picker = TargetPicker(service, self)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        label = QLabel(words.LABEL_TARGET)
        label.setBuddy(self.picker.edit)
        left.addWidget(label)
        left.addWidget(self.picker.edit)
        left.addWidget(self.picker.error)
        override = QLabel(words.LABEL_OVERRIDE)
        override.setBuddy(self.picker.override)
        left.addWidget(override)
        left.addWidget(self.picker.override)
        left.addWidget(self.picker.override_hint)
        left.addWidget(self.picker.override_error)
        left.addStretch(1)
        save = QPushButton(self.tr("Doorzetten (Ctrl+Enter)"))
        save.setAutoDefault(False)
        save.clicked.connect(self.save)
        left.addWidget(save)
        layout.addLayout(left, 1)
        layout.addWidget(self.picker.card, 1)
        self.resize(820, 420)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):
            self.save()
            return
        if event.key() == Qt.Key.Key_F4:
            self.picker.accept_advice()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)

    def save(self) -> None:
        run_op(self._service.tasks, self._save(), what="doorzetten")

    async def _save(self) -> None:
        if self.picker.target is None:
            self.picker.show_error(self.tr("Kies wie terugbelt: een collega of een afdeling."))
            return
        try:
            _note, check = await self._service.reassign(
                self._note_id, self.picker.target, self.picker.override.text()
            )
        except CallbackFieldErrors as exc:
            self.picker.show_override_error(message_for(exc))
            return
        self.reassigned.emit(check.target_name)
        self.accept()


class FollowUpDialog(QDialog):
    """N3: "Is mevrouw De Vries al teruggebeld?" with the note's history and three answers."""

    answered = Signal(object)  # FollowUp

    def __init__(
        self, service: CallbackService, prompt: FollowUpPrompt, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.prompt = prompt
        note = prompt.note
        self.setWindowTitle(words.FOLLOW_UP_TITLE)
        layout = QVBoxLayout(self)
        self.question = QLabel(follow_up_question(note.resident_name))
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.question)
        explain = QLabel(
            words.FOLLOW_UP_EXPLAIN.format(
                deadline=texts.moment(note.deadline, service.clock.now()),
                owner=service.target_name(note.assignee),
            )
        )
        explain.setTextFormat(Qt.TextFormat.PlainText)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.history = QPlainTextEdit(_history_text(note, prompt.history, service))
        self.history.setReadOnly(True)
        layout.addWidget(self.history, 1)
        self._answers: dict[int, FollowUp] = {}
        for number, (answer, text) in enumerate(words.FOLLOW_UP_ANSWERS, start=1):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=answer: self.answer(a))
            self._answers[number] = answer
            layout.addWidget(button)
        later = QPushButton(self.tr("Later (Esc)"))
        later.setAutoDefault(False)
        later.clicked.connect(self.reject)
        layout.addWidget(later)
        self.resize(620, 480)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and int(text) in self._answers:
            self.answer(self._answers[int(text)])
            return
        super().keyPressEvent(event)

    def answer(self, answer: FollowUp) -> None:
        run_op(self._service.tasks, self._answer(answer), what="warme overdracht beantwoorden")

    async def _answer(self, answer: FollowUp) -> None:
        await self._service.answer_follow_up(self.prompt.note.id, answer)
        self.answered.emit(answer)
        self.accept()


class CallbacksScreen(QWidget):
    """See the module docstring."""

    refreshed = Signal()
    message = Signal(str)  # info for the main window's message bar

    def __init__(self, service: CallbackService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.scope = "mine"
        self.model = CallbackNoteTableModel(service, self)
        self.table = QTableView()
        self.table.setAccessibleName(words.SCREEN_TITLE)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            COL_SUMMARY, QHeaderView.ResizeMode.Stretch
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        for column, width in (
            (COL_DEADLINE, 115),
            (COL_RESIDENT, 140),
            (COL_PHONE, 110),
            (COL_ASSIGNEE, 130),
            (COL_ATTEMPTS, 70),
            (COL_STATUS, 90),
        ):
            self.table.setColumnWidth(column, width)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(words.DETAIL_NAME)
        self.detail.setTabChangesFocus(True)
        self.detail.setPlaceholderText(words.NOTHING_SELECTED)

        self.scopes = QButtonGroup(self)
        bar = QHBoxLayout()
        for number, (key, label) in enumerate(words.SCOPES, start=1):
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setProperty("scope", key)
            self.scopes.addButton(button, number)
            bar.addWidget(button)
        self.scopes.button(1).setChecked(True)
        bar.addStretch(1)
        self.count = QLabel()
        bar.addWidget(self.count)

        self.actions_bar = QHBoxLayout()
        self.act_copy = self._action(words.ACTION_COPY, "Ctrl+Shift+C", self.copy_number)
        self.act_attempt = self._action(words.ACTION_ATTEMPT, "Ctrl+P", self.log_attempt)
        self.act_reassign = self._action(words.ACTION_REASSIGN, "Ctrl+R", self.reassign)
        self.act_close = self._action(words.ACTION_CLOSE, "Ctrl+E", self.close_note)
        self.actions_bar.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(self.actions_bar)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1050, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.scopes.idClicked.connect(self._on_scopes_id_clicked)
        self.table.doubleClicked.connect(lambda _index: self.copy_number())
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._unsubscribe = service.subscribe(self._on_store_changed)
        self.reload()

    def _action(self, text: str, shortcut: str, handler) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(handler)
        self.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        self.actions_bar.addWidget(button)
        return action

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The actions' shortcuts need an active window; keys reaching the screen act too.
        for action in (self.act_copy, self.act_attempt, self.act_reassign, self.act_close):
            if QKeySequence(event.keyCombination()) == action.shortcut():
                action.trigger()
                return
        super().keyPressEvent(event)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._service.tasks.spawn(self.load(), what="terugbelnotities laden", latest="notes")

    async def load(self) -> None:
        if self.scope == "mine":
            notes = await self._service.my_notes()
        elif self.scope == "desk":
            notes = await self._service.desk_notes()
        else:
            notes = await self._service.created_notes()
        selected = self.selected_id()
        self.model.set_notes(notes, self._service.clock.now())
        row = self.model.row_of(selected) if selected else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self.detail.clear()
            self._opened_id = None
        count = self.model.rowCount()
        self.count.setText(plural(self.tr("%n notitie|%n notities", "", count), count))
        self.refreshed.emit()

    def set_scope(self, scope: str) -> None:
        for button in self.scopes.buttons():
            button.setChecked(button.property("scope") == scope)
        self.scope = scope
        self.reload()

    def _on_scopes_id_clicked(self, number: int) -> None:
        self.set_scope(self.scopes.button(number).property("scope"))

    def _on_store_changed(self, _notice: ChangeNotice) -> None:
        self.reload()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(NOTE_ID_ROLE) if rows else None

    def selected_note(self) -> CallbackNote | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.note_at(rows[0].row()) if rows else None

    def _on_table_selection_changed(self, *_args: object) -> None:
        note = self.selected_note()
        if note is not None:
            self._service.tasks.spawn(self._show(note), what="notitie tonen", latest="note-detail")

    async def _show(self, note: CallbackNote) -> None:
        # The privacy audit trail first; a reload that keeps the same note selected is not a
        # new opening.
        if note.id != getattr(self, "_opened_id", None):
            await self._service.opened(note)
            self._opened_id = note.id
        history = await self._service.history(note.id)
        if self.selected_id() == note.id:
            self.detail.setPlainText(_history_text(note, history, self._service))

    # -- actions ----------------------------------------------------------------------------

    def copy_number(self) -> None:
        note = self.selected_note()
        if note is None or not note.phones:
            self.message.emit(words.NOTHING_SELECTED)
            return
        QGuiApplication.clipboard().setText(note.phones[0])
        self.message.emit(words.COPIED.format(number=self._service.phones.display(note.phones[0])))

    def log_attempt(self) -> AttemptDialog | None:
        note = self.selected_note()
        if note is None:
            self.message.emit(words.NOTHING_SELECTED)
            return None
        dialog = AttemptDialog(self)
        dialog.accepted.connect(
            lambda: run_op(
                self._service.tasks,
                self._log(note.id, dialog.outcome(), dialog.remark.text()),
                what="belpoging",
            )
        )
        dialog.open()
        self.attempt_dialog = dialog
        return dialog

    async def _log(self, note_id: str, outcome: AttemptOutcome, remark: str) -> None:
        note = await self._service.log_attempt(note_id, outcome, remark)
        self.message.emit(
            words.ATTEMPT_SAVED.format(
                count=plural(
                    self.tr("%n poging|%n pogingen", "", note.attempt_count), note.attempt_count
                )
            )
        )

    def reassign(self) -> ReassignDialog | None:
        note = self.selected_note()
        if note is None:
            self.message.emit(words.NOTHING_SELECTED)
            return None
        dialog = ReassignDialog(self._service, note.id, self)
        dialog.reassigned.connect(
            lambda name: self.message.emit(words.REASSIGNED.format(name=name))
        )
        dialog.open()
        self.reassign_dialog = dialog
        return dialog

    def close_note(self) -> CloseNoteDialog | None:
        note = self.selected_note()
        if note is None:
            self.message.emit(words.NOTHING_SELECTED)
            return None
        dialog = CloseNoteDialog(self._service, note.id, self)
        dialog.accepted.connect(lambda: self.message.emit(words.CLOSED))
        dialog.open()
        self.close_dialog = dialog
        return dialog

    def cleanup(self) -> None:
        self._unsubscribe()


class CallbackUi(QObject):
    """Joins callback notes to the main window; see the module docstring."""

    follow_up_shown = Signal(object)  # the FollowUpDialog that asks the creator (N3)

    def __init__(
        self,
        *,
        window: QWidget,
        service: CallbackService,
        inbox: InboxService,
        follow_up_interval_ms: int = 60_000,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._inbox = inbox
        self.dialog: CallbackNoteDialog | None = None
        self.follow_up_dialog: FollowUpDialog | None = None
        self.screen = CallbacksScreen(service)
        self.screen.message.connect(window.messages.show_info)  # type: ignore[attr-defined]
        self.screen_action = window.add_screen(  # type: ignore[attr-defined]
            self.screen, words.SCREEN_TITLE, "Ctrl+Shift+T"
        )
        self.act_new = QAction(self.tr("Terugbel&notitie maken"), window)
        self.act_new.setShortcut(QKeySequence("Ctrl+T"))
        self.act_new.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_new.setToolTip(self.tr("Terugbelnotitie maken (Ctrl+T)"))
        self.act_new.triggered.connect(self.open_for_selected)
        window.inbox_menu.addAction(self.act_new)  # type: ignore[attr-defined]
        window.addAction(self.act_new)
        dialog_keys = getattr(window, "dialog_keys", None)
        if dialog_keys is not None:
            dialog_keys += [
                (words.F1_ADVICE, "F4"),
                (words.F1_SAVE_NOTE, "Ctrl+Enter"),
            ]
        self._timer = QTimer(self, interval=follow_up_interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        self._asked: set[str] = set()
        # Also ask right after start: a note may have become overdue while the console was off.
        QTimer.singleShot(0, self, self._on_timer_timeout)

    # -- the dialog -------------------------------------------------------------------------

    def open_callback_dialog(self, prefill: CallbackDraft | None = None) -> CallbackNoteDialog:
        """Open the note dialog, pre-filled (from an inbox item, or by the call panel)."""
        dialog = CallbackNoteDialog(self._service, prefill=prefill, parent=self._window)
        dialog.note_saved.connect(self._on_dialog_note_saved)
        dialog.open()
        self._service.tasks.spawn(dialog.restore(), what="terugbelnotitie openen")
        self.dialog = dialog
        return dialog

    def open_for_selected(self) -> None:
        item_id = self._window.selected_id()  # type: ignore[attr-defined]
        self._service.tasks.spawn(self._open_for(item_id), what="terugbelnotitie openen")

    async def _open_for(self, item_id: str | None) -> None:
        self.open_callback_dialog(await self.prefill_for(item_id))

    async def prefill_for(self, item_id: str | None) -> CallbackDraft:
        """The dialog's starting values from an inbox item (its resident and question)."""
        if item_id is None:
            return CallbackDraft()
        detail = await self._inbox.detail(item_id, opened_from=AuditScreen.CALLBACK_DIALOG)
        if detail is None:
            return CallbackDraft()
        item, resident = detail.interaction, detail.resident
        phones = self._service.phones

        def shown(number: str | None) -> str:
            return phones.display(number) if number else ""

        return CallbackDraft(
            resident_name=(resident.name if resident else item.resident_name) or "",
            phone=shown(resident.phone if resident else None),
            phone2=shown(resident.phone2 if resident else None),
            email=(resident.email if resident else None) or "",
            summary=item.question[:1000],
            resident_id=item.resident_id,
            source_interaction_id=item.id,
        )

    def _on_dialog_note_saved(self, note: CallbackNote) -> None:
        name = self._service.target_name(note.assignee)
        self._window.messages.show_info(words.SAVED.format(name=name))  # type: ignore[attr-defined]

    # -- N3 -----------------------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        self._service.tasks.spawn(self.check_follow_ups(), what="warme overdracht", latest="n3")

    async def check_follow_ups(self) -> FollowUpDialog | None:
        """Ask the creator about the first overdue note not asked about in this session."""
        if self.follow_up_dialog is not None and self.follow_up_dialog.isVisible():
            return self.follow_up_dialog
        try:
            prompts = await self._service.follow_ups_due()
        except Exception as exc:
            self._window.messages.show_error(user_message(exc))  # type: ignore[attr-defined]
            return None
        waiting = [p for p in prompts if p.note.id not in self._asked]
        if not waiting:
            return None
        prompt = waiting[0]
        self._asked.add(prompt.note.id)
        dialog = FollowUpDialog(self._service, prompt, self._window)
        dialog.answered.connect(
            lambda answer: self._window.messages.show_info(  # type: ignore[attr-defined]
                words.FOLLOW_UP_DONE[answer]
            )
        )
        dialog.open()
        self.follow_up_dialog = dialog
        self.follow_up_shown.emit(dialog)
        return dialog

    def cleanup(self) -> None:
        self._timer.stop()
        self.screen.cleanup()
