"""The list of calls ringing at the phone: who waits, how long, and which one Opnemen answers.

Shown in the call panel when more than one call rings (or calls wait behind the current one).
The top row with the arrow is the call F9/Opnemen answers; choosing another row (click, or the
arrow keys and Enter) makes that call the one to answer (``CallService.choose``). Wait times tick
every second. GUI thread only; talks to the call service, never to the phone directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from console.domain.errors import DomainError
from console.i18n import QT_TRANSLATE_NOOP
from console.services.calls import CallPhase, CallService, CallState

TITLE = QT_TRANSLATE_NOOP("ringing_calls", "Oproepen die overgaan")
HINT = QT_TRANSLATE_NOOP("ringing_calls", "Kies met de pijltjes en Enter welke oproep u opneemt.")
WAITS = QT_TRANSLATE_NOOP("ringing_calls", "wacht {wait}")
ANSWERS = QT_TRANSLATE_NOOP("ringing_calls", "  ← Opnemen (F9)")
WAITING_BEHIND = QT_TRANSLATE_NOOP("ringing_calls", "  (na uw gesprek)")


def _wait_text(since: datetime | None, now: datetime) -> str:
    seconds = max(int((now - since).total_seconds()), 0) if since is not None else 0
    return _tr(WAITS).format(wait=f"{seconds // 60}:{seconds % 60:02d}")


class RingingCallsList(QWidget):
    """See the module docstring. ``unsubscribe`` must be called when the panel is cleaned up."""

    def __init__(self, calls: CallService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calls = calls
        self.title = QLabel(_tr(TITLE))
        self.title.setObjectName("ringingTitle")
        self.list = QListWidget()
        self.list.setObjectName("ringingCalls")
        self.list.setAccessibleName(_tr(TITLE))
        self.list.setToolTip(_tr(HINT))
        self.list.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._ticker.start()
        self.unsubscribe: Callable[[], None] = calls.subscribe(self._on_calls_state_changed)
        self.render(calls.state)

    # -- service → UI -----------------------------------------------------------------------

    def _on_calls_state_changed(self, state: CallState) -> None:
        self.render(state)

    def _on_ticker_timeout(self) -> None:
        if self.isVisible():
            self.render(self._calls.state)

    def rows(self, state: CallState) -> list[tuple[str, str]]:
        """(call id, text) per row: the call Opnemen answers first, then the waiting ones."""
        now = self._calls.clock.now()
        rows: list[tuple[str, str]] = []
        if state.phase is CallPhase.RINGING:
            rows.append(
                (state.call_id, f"{state.number} — {_wait_text(state.rang_at, now)}{_tr(ANSWERS)}")
            )
        behind = "" if state.phase is CallPhase.RINGING else _tr(WAITING_BEHIND)
        rows += [
            (w.call_id, f"{w.number} — {_wait_text(w.rang_at, now)}{behind}") for w in state.waiting
        ]
        return rows

    def render(self, state: CallState) -> None:
        rows = self.rows(state)
        self.setVisible(bool(state.waiting))
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())] != [
            call_id for call_id, _ in rows
        ]:
            self.list.clear()
            for call_id, text in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, call_id)
                self.list.addItem(item)
        else:
            for i, (_call_id, text) in enumerate(rows):
                self.list.item(i).setText(text)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == keep:
                self.list.setCurrentRow(i)

    # -- UI → service -----------------------------------------------------------------------

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        call_id = item.data(Qt.ItemDataRole.UserRole)
        state = self._calls.state
        if state.phase is not CallPhase.RINGING or call_id == state.call_id:
            return
        try:
            self._calls.choose(call_id)
        except DomainError as exc:
            self._calls.tell(exc.message)


def _tr(source: str) -> str:
    """``source`` (marked above with QT_TRANSLATE_NOOP) in the active language."""
    return QCoreApplication.translate("ringing_calls", source)
