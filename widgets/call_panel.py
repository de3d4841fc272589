"""The call panel (a dock in the main window) and the transfer guide dialog.

The panel shows the phone's state from ``CallService``: the incoming call with its screen pop,
the call timer, notes (kept by the service, whatever happens to the call), the warm transfer
with its handover summary, and the wrap-up. The guide lists desks, colleagues and partners
(type-ahead by name and topic) with open-now, refuses closed targets and offers the alternative.

GUI thread only. Every action is a ``QAction`` on the main window with a shortcut (F9 answer,
F10 hold, F8 guide, Alt+C consult, Alt+V complete, Alt+A cancel, Alt+T fallback,
Alt+O hang up, Alt+R wrap up; Alt+B is taken by the Beeld menu); handlers hand the work
to the services' task group, whose failures come back as Dutch messages. ``cleanup()``
unsubscribes from the services.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.domain.calendar import AMSTERDAM
from console.domain.errors import DomainError
from console.domain.model import Interaction
from console.domain.transfer import (
    FallbackKind,
    FallbackRequest,
    HandoverSummary,
    TransferRefused,
    TransferState,
)
from console.i18n import QT_TRANSLATE_NOOP
from console.services.calls import CallPhase, CallService, CallState
from console.services.transfer import GuideEntry, TransferService
from widgets import call_texts as t
from widgets import texts
from widgets.i18n import show
from widgets.ringing_calls import RingingCallsList
from widgets.text_tools import TextTools
from widgets.ui_op import message_for, run_op

PANEL_WIDTH = 380  # the inbox keeps most of the window (1366×768 laptops)
PANEL_MIN_WIDTH = 330
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
OPEN_ROLE = Qt.ItemDataRole.UserRole + 2

# Idle: the panel may be closed to give the inbox room. During a call it cannot be closed.
DOCK_IDLE_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetMovable
    | QDockWidget.DockWidgetFeature.DockWidgetClosable
)
DOCK_CALL_FEATURES = QDockWidget.DockWidgetFeature.DockWidgetMovable

PANEL_STYLE = """
#callPhase { font-size: 13pt; font-weight: bold; }
#callTimer { font-size: 13pt; font-family: monospace; }
#callCaller { font-size: 12pt; }
#callWarning { background: #fff4ce; color: #5c4400; padding: 4px; border: 1px solid #c19c00; }
#callSummary { background: #eef4fb; padding: 6px; border: 1px solid #1f5fa8; }
#guideRefusal { background: #fde7e9; color: #7a0012; padding: 6px; border: 1px solid #b00020; }
"""


def fallback_message(request: FallbackRequest) -> str:
    """Tell the agent what was made and who gets it (a success: shown as information)."""
    if request.kind is FallbackKind.PARTNER_REFERRAL:
        return t.MAIL_MADE.format(target=request.target.name)
    return t.NOTE_MADE.format(target=request.target.name, subject=request.subject)


def _info_nowhere(_text: str) -> None:
    """Until the panel is installed in a window there is no message bar."""


def _when(item: Interaction) -> str:
    return item.received_at.astimezone(AMSTERDAM).strftime("%d-%m %H:%M")


class GuideTableModel(QAbstractTableModel):
    """The guide's entries (a small, complete list: the organisation's directory)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[GuideEntry] = []

    def set_entries(self, entries: list[GuideEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> GuideEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(t.GUIDE_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(t.GUIDE_COLUMNS)
        ):
            return t.GUIDE_COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        target = entry.target
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return target.name
            if column == 1:
                return t.KIND[target.kind]
            if column == 2:
                return entry.because
            if column == 3:
                if entry.open_now:
                    presence = (
                        f" · {texts.PRESENCE.get(target.presence, '')}"  # type: ignore[call-overload]
                        if target.presence
                        else ""
                    )
                    return t.OPEN_NOW + presence
                if entry.next_open_text:
                    return t.CLOSED_UNTIL.format(when=entry.next_open_text)
                return t.CLOSED
            if column == 4:
                return target.extension or target.phone or ""
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            from PySide6.QtGui import QColor

            return QColor("#0b5b26") if entry.open_now else QColor("#b00020")
        if role == TARGET_ROLE:
            return target.id
        if role == OPEN_ROLE:
            return entry.open_now
        return None


class TransferGuideDialog(QDialog):
    """Choose a target by topic or name, write the summary, consult; closed → alternative."""

    def __init__(self, transfers: TransferService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transfers = transfers
        self.setWindowTitle(t.GUIDE_TITLE)
        self.setStyleSheet(PANEL_STYLE)
        self.resize(900, 640)
        self.search = QLineEdit()
        self.search.setPlaceholderText(t.GUIDE_SEARCH)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(t.GUIDE_SEARCH_NAME)
        self.model = GuideTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setAccessibleName(t.GUIDE_TABLE_NAME)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 80)
        self.table.setColumnWidth(2, 150)
        self.table.setColumnWidth(3, 230)
        self.who = QLineEdit()
        self.what = QPlainTextEdit()
        self.what.setFixedHeight(60)
        self.tried = QPlainTextEdit()
        self.tried.setFixedHeight(60)
        self.number = QLineEdit()
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        # The question first: "who" and the number come pre-filled from the call. Tab moves
        # through the boxes in the order they are shown and leaves every text box.
        for key, label, field in (
            ("what", t.WHAT, self.what),
            ("tried", t.TRIED, self.tried),
            ("who", t.WHO, self.who),
            ("callback_number", t.CALLBACK_NUMBER, self.number),
        ):
            field.setAccessibleName(label)
            if isinstance(field, QPlainTextEdit):
                field.setTabChangesFocus(True)
            box = QVBoxLayout()
            box.addWidget(field)
            if isinstance(field, QPlainTextEdit):  # issue 16: the summary's B1 hints, Lees voor
                box.addWidget(TextTools(field))
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            form.addRow(label, box)
        self.refusal = QLabel()
        self.refusal.setObjectName("guideRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.alternative = QPushButton()
        self.alternative.hide()
        self.consult_button = QPushButton(t.CONSULT_BUTTON)
        self.consult_button.setDefault(True)
        self._call_id = ""  # the call the typed summary belongs to (kept when reopened)
        self.info: Callable[[str], None] = _info_nowhere  # success messages (not red)
        buttons = QHBoxLayout()
        buttons.addWidget(self.alternative)
        buttons.addStretch(1)
        buttons.addWidget(self.consult_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.consult_button.clicked.connect(self._on_consult_clicked)
        self.alternative.clicked.connect(self._on_alternative_clicked)
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.what)
        QWidget.setTabOrder(self.what, self.tried)
        QWidget.setTabOrder(self.tried, self.who)
        QWidget.setTabOrder(self.who, self.number)
        QWidget.setTabOrder(self.number, self.alternative)
        QWidget.setTabOrder(self.alternative, self.consult_button)

    # -- life -------------------------------------------------------------------------------

    def start(self) -> None:
        """Fill from the current call: summary pre-filled, full directory listed.

        Reopened during the same call, the guide keeps what was typed (search and summary).
        """
        call_id = self._transfers.calls.state.call_id
        if call_id != self._call_id:
            self._call_id = call_id
            summary = self._transfers.suggested_summary()
            self.who.setText(summary.who)
            self.what.setPlainText(summary.what)
            self.tried.setPlainText(summary.tried)
            self.number.setText(summary.callback_number)
            self.search.clear()
        self._refresh()
        self._clear_feedback()
        self.search.setFocus()
        self.search.selectAll()

    def done(self, result: int) -> None:
        # Back to the main window, so its shortcuts (Alt+V, Alt+A, ...) work at once. Not in
        # hideEvent: that also runs while the window is being destroyed.
        # A dialog that was open before the call (the callback note) gets the keys back;
        # activating the main window under it would leave the keyboard nowhere.
        super().done(result)
        modal = QApplication.activeModalWidget()
        parent = self.parentWidget()
        if modal is not None and modal is not self:
            modal.activateWindow()
        elif parent is not None:
            parent.window().activateWindow()

    def summary(self) -> HandoverSummary:
        return HandoverSummary(
            who=self.who.text(),
            what=self.what.toPlainText(),
            tried=self.tried.toPlainText(),
            callback_number=self.number.text(),
        )

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
            or self.focusWidget() in (self.search, self.table, self.who, self.number)
        ):
            self._on_consult_clicked()
            return
        if event.key() == Qt.Key.Key_Down and self.focusWidget() is self.search:
            self.table.setFocus()
            if self.model.rowCount():
                self.table.selectRow(max(self.table.currentIndex().row(), 0))
            return
        super().keyPressEvent(event)

    def handle_phone_key(self, pressed: QKeySequence) -> bool:
        """The guide's own meaning of a phone key while it is open (PhoneKeys asks first).

        Alt+C consults the chosen target with the summary typed here; Alt+T after a refusal
        makes the offered alternative (referral mail or callback note).
        """
        if not self.isVisible():
            return False
        if pressed == QKeySequence("Alt+C"):
            self.try_consult()
            return True
        if pressed == QKeySequence("Alt+T") and self.alternative.isVisible():
            self._on_alternative_clicked()
            return True
        return False

    # -- handlers ---------------------------------------------------------------------------

    def _on_search_text_changed(self, _text: str) -> None:
        self._refresh()

    def _refresh(self) -> None:
        self.model.set_entries(self._transfers.guide(self.search.text()))
        if self.model.rowCount():
            # The current index, not only the selection: Tab into the list and the arrows
            # start at the first match.
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _on_table_current_changed(self, *_args: object) -> None:
        self._clear_feedback()

    def _clear_feedback(self) -> None:
        self.refusal.hide()
        self.alternative.hide()
        for label in self.errors.values():
            label.hide()

    def select_target(self, target_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(TARGET_ROLE) == target_id:
                self.table.selectRow(row)
                return True
        return False

    def _on_consult_clicked(self) -> None:
        self.try_consult()

    def try_consult(self) -> bool:
        """Prepare the transfer (refusals shown here), then consult. True when consulting."""
        self._clear_feedback()
        entry = self.model.entry(self.table.currentIndex().row())
        if entry is None:
            self._show_refusal(t.CHOOSE_TARGET)
            return False
        summary = self.summary()
        problems = summary.problems()
        if problems:
            for key, text in problems.items():
                self.errors[key].setText(show(text))  # Dutch from the domain, translated
                self.errors[key].show()
            return False
        try:
            self._transfers.prepare(entry.target, summary)
        except TransferRefused as refused:
            self._show_refusal(message_for(refused))
            self.alternative.setText(
                (
                    t.ALTERNATIVE_MAIL
                    if refused.alternative is FallbackKind.PARTNER_REFERRAL
                    else t.ALTERNATIVE_NOTE
                )
                + " (Alt+T)"
            )
            self.alternative.show()
            self.alternative.setFocus()  # Enter or Alt+T makes it; reachable by Tab too
            return False
        except DomainError as exc:
            self._show_refusal(message_for(exc))
            return False
        run_op(self._transfers.calls.tasks, self._transfers.consult(), what="overleggen")
        self.accept()
        return True

    def _show_refusal(self, text: str) -> None:
        self.refusal.setText(text)
        self.refusal.show()

    def _on_alternative_clicked(self) -> None:
        summary = self.summary()

        run_op(
            self._transfers.calls.tasks,
            self._transfers.fallback_after_refusal(summary),
            what="terugvallen",
            success=fallback_message,
            info=self.info,
        )
        self.accept()


class CallPanel(QWidget):
    """The content of the phone dock; see the module docstring."""

    def __init__(
        self, calls: CallService, transfers: TransferService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self._transfers = transfers
        self.setStyleSheet(PANEL_STYLE)
        self.setMinimumWidth(PANEL_MIN_WIDTH)
        self.phase = QLabel()
        self.phase.setObjectName("callPhase")
        self.timer_label = QLabel("0:00")
        self.timer_label.setObjectName("callTimer")
        self.caller = QLabel()
        self.caller.setObjectName("callCaller")
        self.caller.setWordWrap(True)
        self.caller.setTextFormat(Qt.TextFormat.PlainText)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: dict[str, QPushButton] = {}
        self.warning = QLabel()
        self.warning.setObjectName("callWarning")
        self.warning.setWordWrap(True)
        self.transfer_box = QGroupBox(t.SUMMARY)
        self.transfer_state = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("callSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self.transfer_box)
        box.addWidget(self.transfer_state)
        box.addWidget(self.warning)
        box.addWidget(self.summary)
        self.mail_box = QGroupBox(t.MAIL_PREVIEW)
        self.mail = QPlainTextEdit()
        self.mail.setReadOnly(True)
        self.mail.setAccessibleName(t.MAIL_PREVIEW_SHORT)
        self.mail.setTabChangesFocus(True)
        self.mail.setMaximumHeight(140)  # the notes and wrap-up stay on a 768-pixel screen
        QVBoxLayout(self.mail_box).addWidget(self.mail)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(t.NOTES_HINT)
        self.notes.setAccessibleName(t.NOTES)
        self.notes.setTabChangesFocus(True)  # Tab leaves the box; a tab character is never needed
        self.notes.setMinimumHeight(70)
        self.wrap_box = QGroupBox(t.WRAP_UP)
        self.outcome = QComboBox()
        for outcome in t.WRAP_UP_OUTCOMES:
            self.outcome.addItem(texts.OUTCOME[outcome], outcome.value)
        self.outcome.setAccessibleName(t.OUTCOME)
        self.score = QSpinBox()
        self.score.setAccessibleName(t.SCORE)
        self.score.setRange(0, 10)
        self.score.setSpecialValueText(t.SCORE_NONE)
        self.wrap_button = QPushButton(t.WRAP_UP_BUTTON)
        wrap = QFormLayout(self.wrap_box)
        wrap.addRow(t.OUTCOME, self.outcome)
        wrap.addRow(t.SCORE, self.score)
        wrap.addRow(self.wrap_button)

        top = QHBoxLayout()
        top.addWidget(self.phase, 1)
        top.addWidget(self.timer_label)
        self.button_grid = QGridLayout()
        self.button_grid.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caller)
        self.ringing = RingingCallsList(calls, self)  # several calls at once (issue 18)
        layout.addWidget(self.ringing)
        layout.addWidget(self.history)
        layout.addLayout(self.button_grid)
        layout.addWidget(self.transfer_box)
        layout.addWidget(self.mail_box)
        layout.addWidget(QLabel(t.NOTES))
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.wrap_box)

        self.guide = TransferGuideDialog(transfers, self)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._ticker.start()
        self.notes.textChanged.connect(self._on_notes_text_changed)
        self.wrap_button.clicked.connect(self._on_wrap_button_clicked)
        # Unsubscribed in cleanup(): the services outlive the widgets at teardown.
        self.subscriptions: list[Callable[[], None]] = [
            calls.subscribe(self._on_calls_state_changed),
            self.ringing.unsubscribe,
        ]
        self.actions: dict[str, QAction] = {}
        self.toggle_action: QAction | None = None  # show/hide the dock (idle only)
        self.info: Callable[[str], None] = _info_nowhere  # success messages (not red)
        self.after_wrap_up: Callable[[], None] = lambda: None  # where the focus goes next

    def add_button(self, key: str, action: QAction) -> None:
        """A button for ``action`` in a grid of two columns (labels with their keys fit)."""
        button = QPushButton(action.text().replace("&", ""))
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        count = len(self.buttons)
        self.buttons[key] = button
        self.actions[key] = action
        self.button_grid.addWidget(button, count // 2, count % 2)

    # -- service → UI -----------------------------------------------------------------------

    def _on_calls_state_changed(self, state: CallState) -> None:
        self.render(state)

    def render(self, state: CallState | None = None) -> None:
        state = state or self._calls.state
        self._keep_dock_open(state)
        self.phase.setText(t.PHASE[state.phase])
        self.caller.setText(self._caller_text(state))
        self.history.setText(self._history_text(state))
        self.history.setVisible(state.pop is not None and state.phase is not CallPhase.IDLE)
        if self.notes.toPlainText() != state.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(state.notes)
            self.notes.blockSignals(False)
        self.notes.setEnabled(state.phase is not CallPhase.IDLE)
        transfer = state.transfer
        self.transfer_box.setVisible(transfer is not None)
        if transfer is not None:
            self.transfer_box.setTitle(f"{t.SUMMARY}: {transfer.target.name}")
            self.transfer_state.setText(t.TRANSFER_STATE[transfer.state])
            self.summary.setText(transfer.summary.text())
            self.warning.setText(show(transfer.warning) if transfer.warning else "")
            self.warning.setVisible(bool(transfer.warning))
        mail = self._transfers.referral
        self.mail_box.setVisible(mail is not None and state.phase is not CallPhase.IDLE)
        if mail is not None:
            self.mail.setPlainText(
                self.tr("Aan: {to}\nOnderwerp: {subject}").format(to=mail.to, subject=mail.subject)
                + f"\n\n{mail.body}"
            )
        self.wrap_box.setVisible(state.phase is CallPhase.WRAP_UP)
        if state.phase is CallPhase.WRAP_UP and state.suggested_outcome is not None:
            self.outcome.setCurrentIndex(
                max(self.outcome.findData(state.suggested_outcome.value), 0)
            )
        self._update_actions(state)
        self._on_ticker_timeout()

    def _keep_dock_open(self, state: CallState) -> None:
        """During a call the panel is always shown and cannot be closed; idle it may be."""
        dock = getattr(self, "dock", None)
        if dock is None:
            return
        in_call = state.phase is not CallPhase.IDLE
        dock.setFeatures(DOCK_CALL_FEATURES if in_call else DOCK_IDLE_FEATURES)
        if in_call and not dock.isVisible():
            dock.show()
        if self.toggle_action is not None:
            self.toggle_action.setEnabled(not in_call)

    def _caller_text(self, state: CallState) -> str:
        if state.phase is CallPhase.IDLE:
            return ""
        pop = state.pop
        lines = [state.number]
        if pop is not None and pop.resident is not None:
            resident = pop.resident
            lines = [resident.name, resident.address or "", state.number]
        elif pop is not None and pop.other_matches > 1:
            lines.append(t.SEVERAL_CALLERS.format(count=pop.other_matches))
        else:
            lines.append(t.UNKNOWN_CALLER)
        if state.ended_reason:
            # A sentence from the call service (Dutch, marked): in the active language.
            lines.append(QCoreApplication.translate("errors", state.ended_reason))
        return "\n".join(line for line in lines if line)

    def _history_text(self, state: CallState) -> str:
        pop = state.pop
        if pop is None or pop.resident is None:
            return ""
        recent = [
            f"• {_when(i)} {texts.CHANNEL[i.channel]}: {i.subject} ({texts.STATUS[i.status]})"
            for i in pop.recent
        ] or [t.NO_RECENT]
        notes = [f"• {_when(i)} {i.subject}" for i in pop.open_callback_notes] or [t.NO_NOTES]
        return "\n".join([f"{t.RECENT}:", *recent, f"{t.OPEN_NOTES}:", *notes])

    def _update_actions(self, state: CallState) -> None:
        transfer = state.transfer
        consulting = transfer is not None and transfer.state is TransferState.CONSULTING
        enabled = {
            "answer": state.phase is CallPhase.RINGING,
            "hold": state.phase in (CallPhase.TALKING, CallPhase.ON_HOLD),
            "hang_up": state.live or bool(state.consult_id),
            "guide": state.phase in (CallPhase.TALKING, CallPhase.ON_HOLD),
            "consult": transfer is not None
            and transfer.state in (TransferState.PREPARED, TransferState.CANCELLED)
            and state.phase in (CallPhase.TALKING, CallPhase.ON_HOLD),
            "complete": consulting and state.phase is CallPhase.CONSULTING,
            "cancel": consulting and state.phase is CallPhase.CONSULTING,
            "fallback": transfer is not None and not transfer.is_finished,
            "wrap_up": state.phase is CallPhase.WRAP_UP,
        }
        for key, on in enabled.items():
            if key in self.actions:
                self.actions[key].setEnabled(on)
            if key in self.buttons:
                self.buttons[key].setEnabled(on)
        self.wrap_button.setEnabled(enabled["wrap_up"])

    def _on_ticker_timeout(self) -> None:
        seconds = int(self._calls.elapsed().total_seconds())
        self.timer_label.setText(f"{seconds // 60}:{seconds % 60:02d}")

    # -- UI → service -----------------------------------------------------------------------

    def _on_notes_text_changed(self) -> None:
        self._calls.set_notes(self.notes.toPlainText())

    def _op(self, coro: Coroutine[Any, Any, Any], what: str, key: str, **kwargs: Any) -> None:
        """Every phone command runs through ``run_op``: busy button, Dutch messages."""
        busy = [self.buttons[key]] if key in self.buttons else []
        run_op(self._calls.tasks, coro, what=what, busy=busy, info=self.info, **kwargs)

    def answer(self) -> None:
        self._op(self._calls.answer(), "opnemen", "answer")

    def toggle_hold(self) -> None:
        self._op(self._calls.toggle_hold(), "wacht", "hold")

    def hang_up(self) -> None:
        self._op(self._calls.hang_up(), "ophangen", "hang_up")

    def focus_notes(self) -> None:
        """F7: type the call notes (the panel is shown first if it was hidden)."""
        dock = getattr(self, "dock", None)
        if dock is not None and not dock.isVisible():
            dock.show()
        self.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.notes.moveCursor(QTextCursor.MoveOperation.End)

    def open_guide(self) -> None:
        if not self.actions["guide"].isEnabled():
            return
        self.guide.start()
        self.guide.open()

    def consult(self) -> None:
        self._op(self._transfers.consult(), "overleggen", "consult")

    def complete(self) -> None:
        self._op(self._transfers.complete(), "doorverbinden", "complete")

    def cancel(self) -> None:
        self._op(self._transfers.cancel(reason="Geannuleerd"), "annuleren", "cancel")

    def fallback(self) -> None:
        self._op(
            self._transfers.fallback(),
            "terugvallen",
            "fallback",
            success=fallback_message,
            on_success=lambda _request: self.render(),
        )

    def wrap_up(self) -> None:
        from console.domain.model import Outcome

        outcome = Outcome(self.outcome.currentData())
        score = self.score.value() or None

        def done(_result: object) -> None:
            self._transfers.referral = None
            self.score.setValue(0)
            self.render()
            self.after_wrap_up()

        run_op(
            self._calls.tasks,
            self._calls.wrap_up(outcome, satisfaction=score),
            what="afronden",
            busy=[self.wrap_button],
            success=t.WRAPPED_UP,
            on_success=done,
            info=self.info,
        )

    def _on_wrap_button_clicked(self) -> None:
        self.wrap_up()

    def cleanup(self) -> None:
        self._ticker.stop()
        for unsubscribe in self.subscriptions:
            unsubscribe()
        self.subscriptions.clear()


def _add_action(
    window: QMainWindow, menu: Any, text: str, shortcut: str, handler: Callable[[], None]
) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text.replace('&', '')} ({native})")
    action.triggered.connect(handler)
    menu.addAction(action)
    window.addAction(action)
    return action


def install_call_panel(
    window: QMainWindow, calls: CallService, transfers: TransferService
) -> CallPanel:
    """Dock the call panel on the right, add the Telefoon menu and its shortcuts."""
    panel = CallPanel(calls, transfers)
    dock = QDockWidget(t.PANEL_TITLE, window)
    dock.setObjectName("callDock")
    # A scroll area only as a safety net: at 1366×768 everything fits without scrolling.
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(panel)
    scroll.setMinimumWidth(PANEL_MIN_WIDTH + scroll.verticalScrollBar().sizeHint().width())
    dock.setWidget(scroll)
    dock.setFeatures(DOCK_IDLE_FEATURES)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
    panel.dock = dock  # type: ignore[attr-defined]
    menu = window.menuBar().addMenu(t.MENU)
    toggle = dock.toggleViewAction()
    toggle.setText(t.ACT_TOGGLE_PANEL)
    toggle.setShortcut(QKeySequence("Ctrl+Shift+F"))
    toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    menu.addAction(toggle)
    window.addAction(toggle)
    panel.toggle_action = toggle
    for key, text, shortcut, handler in (
        ("answer", t.ACT_ANSWER, "F9", panel.answer),
        ("hold", t.ACT_HOLD, "F10", panel.toggle_hold),
        ("hang_up", t.ACT_HANG_UP, "Alt+O", panel.hang_up),
        ("guide", t.ACT_GUIDE, "F8", panel.open_guide),
        ("consult", t.ACT_CONSULT, "Alt+C", panel.consult),
        ("complete", t.ACT_COMPLETE, "Alt+V", panel.complete),
        ("cancel", t.ACT_CANCEL, "Alt+A", panel.cancel),
        ("fallback", t.ACT_FALLBACK, "Alt+T", panel.fallback),
        ("wrap_up", t.ACT_WRAP_UP, "Alt+R", panel.wrap_up),
    ):
        action = _add_action(window, menu, text, shortcut, handler)
        if key != "wrap_up":
            panel.add_button(key, action)
        else:
            panel.actions[key] = action
    short = {
        "answer": QT_TRANSLATE_NOOP("call_panel", "Opnemen"),
        "hold": QT_TRANSLATE_NOOP("call_panel", "Wacht"),
        "hang_up": QT_TRANSLATE_NOOP("call_panel", "Ophangen"),
        "guide": QT_TRANSLATE_NOOP("call_panel", "Doorverbinden…"),
        "consult": QT_TRANSLATE_NOOP("call_panel", "Overleggen"),
        "complete": QT_TRANSLATE_NOOP("call_panel", "Voltooien"),
        "cancel": QT_TRANSLATE_NOOP("call_panel", "Annuleren"),
        "fallback": QT_TRANSLATE_NOOP("call_panel", "Notitie/mail"),
    }
    for key, label in short.items():
        native = panel.actions[key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        label = QCoreApplication.translate("call_panel", label)
        panel.buttons[key].setText(f"{label} ({native})")
    panel.subscriptions += [
        calls.tasks.on_error(window.messages.show_error),  # type: ignore[attr-defined]
        calls.on_message(window.messages.show_error),  # type: ignore[attr-defined]
    ]
    notes_action = _add_action(window, menu, t.ACT_NOTES, "F7", panel.focus_notes)
    panel.notes_action = notes_action
    panel.info = panel.guide.info = window.messages.show_info  # type: ignore[attr-defined]
    panel.after_wrap_up = window.table.setFocus  # type: ignore[attr-defined]
    panel.render()
    from widgets.phone_desk import PhoneDesk

    panel.desk = PhoneDesk(window, panel)
    panel.subscriptions.append(panel.desk.cleanup)
    return panel
