"""What did not go well with the system of record, for a person to see and settle.

One dialog, three tabs (Dutch, B1):

- "Niet verzonden": writes the server refused, with the server's reason and "Opnieuw proberen";
- "Apart gezet": answers that could not be read (quarantine), with the raw answer to look at;
- "Conflicten": a local edit to something that changed elsewhere, both versions side by side,
  "Mijn versie versturen" or "Versie van de server nemen".

GUI thread only. Everything goes through ``SyncService`` (never the store or the network);
its coroutines run on the service's ``TaskGroup`` so failures reach the message bar. The dialog
reloads itself when the service publishes a new status; ``cleanup()`` stops listening.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.i18n import QT_TRANSLATE_NOOP
from console.services.sync import SyncService
from console.services.types import SyncStatus
from widgets.i18n import show

TITLE = QT_TRANSLATE_NOOP("sync_problems", "Problemen met het klantcontactsysteem")
NOT_SENT = QT_TRANSLATE_NOOP("sync_problems", "Niet verzonden")
ASIDE = QT_TRANSLATE_NOOP("sync_problems", "Apart gezet")
CONFLICTS = QT_TRANSLATE_NOOP("sync_problems", "Conflicten")
RETRY = QT_TRANSLATE_NOOP("sync_problems", "Opnieuw proberen")
DISMISS = QT_TRANSLATE_NOOP("sync_problems", "Weghalen uit de lijst")
KEEP_MINE = QT_TRANSLATE_NOOP("sync_problems", "Mijn versie versturen")
TAKE_THEIRS = QT_TRANSLATE_NOOP("sync_problems", "Versie van de server nemen")
NOTHING_NOT_SENT = QT_TRANSLATE_NOOP("sync_problems", "Alles is verzonden.")
NOTHING_ASIDE = QT_TRANSLATE_NOOP("sync_problems", "Er is niets apart gezet.")
NOTHING_CONFLICTS = QT_TRANSLATE_NOOP("sync_problems", "Er zijn geen conflicten.")
ASIDE_HELP = QT_TRANSLATE_NOOP(
    "sync_problems",
    "Deze antwoorden van het klantcontactsysteem kon de console niet lezen. De rest is gewoon "
    "verwerkt. Geef de tekst hieronder aan de beheerder als het vaker gebeurt.",
)
MINE = QT_TRANSLATE_NOOP("sync_problems", "Mijn versie")
THEIRS = QT_TRANSLATE_NOOP("sync_problems", "Versie op de server")
ROLE_KEY = Qt.ItemDataRole.UserRole

_FIELDS = (
    ("status", QT_TRANSLATE_NOOP("sync_problems", "Status")),
    ("owner_id", QT_TRANSLATE_NOOP("sync_problems", "Eigenaar")),
    ("closed_by", QT_TRANSLATE_NOOP("sync_problems", "Afgehandeld door")),
    ("outcome", QT_TRANSLATE_NOOP("sync_problems", "Uitkomst")),
    ("subject", QT_TRANSLATE_NOOP("sync_problems", "Onderwerp")),
    ("question", QT_TRANSLATE_NOOP("sync_problems", "Vraag")),
)


def _lines(values: dict[str, Any]) -> str:
    return "\n".join(f"{_tr(label)}: {values.get(key) or '—'}" for key, label in _FIELDS)


class SyncProblemsDialog(QDialog):
    """See the module docstring."""

    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr(TITLE))
        self.setObjectName("syncProblems")
        self._sync = sync
        self.tabs = QTabWidget()
        self.not_sent = QListWidget()
        self.not_sent.setAccessibleName(_tr(NOT_SENT))
        self.retry_button = QPushButton(_tr(RETRY))
        self.aside = QListWidget()
        self.aside.setAccessibleName(_tr(ASIDE))
        self.raw = QPlainTextEdit()
        self.raw.setReadOnly(True)
        self.raw.setAccessibleName(self.tr("Het antwoord zoals het kwam"))
        self.dismiss_button = QPushButton(_tr(DISMISS))
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName(_tr(CONFLICTS))
        self.mine = QPlainTextEdit()
        self.mine.setReadOnly(True)
        self.theirs = QPlainTextEdit()
        self.theirs.setReadOnly(True)
        self.keep_button = QPushButton(_tr(KEEP_MINE))
        self.take_button = QPushButton(_tr(TAKE_THEIRS))
        self._build()
        self._unsubscribe = sync.on_status(self._on_sync_status)

    def _build(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.not_sent)
        box.addWidget(self.retry_button)
        self.tabs.addTab(page, _tr(NOT_SENT))

        page = QWidget()
        box = QVBoxLayout(page)
        help_text = QLabel(_tr(ASIDE_HELP))
        help_text.setWordWrap(True)
        box.addWidget(help_text)
        box.addWidget(self.aside)
        box.addWidget(self.raw)
        box.addWidget(self.dismiss_button)
        self.tabs.addTab(page, _tr(ASIDE))

        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.conflicts)
        sides = QHBoxLayout()
        for title, edit in ((_tr(MINE), self.mine), (_tr(THEIRS), self.theirs)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(edit)
            sides.addLayout(column)
        box.addLayout(sides)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        box.addLayout(buttons)
        self.tabs.addTab(page, _tr(CONFLICTS))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(720, 520)

        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        self.keep_button.clicked.connect(lambda: self._on_resolve_clicked(keep_local=True))
        self.take_button.clicked.connect(lambda: self._on_resolve_clicked(keep_local=False))
        self.aside.currentItemChanged.connect(self._on_aside_current_changed)
        self.conflicts.currentItemChanged.connect(self._on_conflict_current_changed)
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------------

    def _on_sync_status(self, _status: SyncStatus) -> None:
        if self.isVisible():  # hidden, it reads nothing; opening it reloads
            self.reload()

    def reload(self) -> None:
        import asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # not running yet: the first status after start-up reloads
        self._sync.tasks.spawn(self.load(), what="problemen laden", latest="sync-problems")

    async def load(self) -> None:
        """Fill the three lists from the service (also called directly by tests)."""
        not_sent = await self._sync.not_sent()
        aside = await self._sync.quarantined()
        conflicts = await self._sync.conflicts()
        self._fill(
            self.not_sent,
            [(f"{n.subject or n.entity_id} — {n.reason}", n.entity_id) for n in not_sent],
            _tr(NOTHING_NOT_SENT),
        )
        self._fill(
            self.aside,
            [
                (
                    self.tr("{message} ({times}×, laatst {moment})").format(
                        message=show(a.message), times=a.times, moment=a.last_seen[:16]
                    ),
                    a,
                )
                for a in aside
            ],
            _tr(NOTHING_ASIDE),
        )
        self._fill(
            self.conflicts,
            [(f"{local.subject}", (local, remote)) for local, remote in conflicts],
            _tr(NOTHING_CONFLICTS),
        )
        self.tabs.setTabText(0, f"{_tr(NOT_SENT)} ({len(not_sent)})")
        self.tabs.setTabText(1, f"{_tr(ASIDE)} ({len(aside)})")
        self.tabs.setTabText(2, f"{_tr(CONFLICTS)} ({len(conflicts)})")
        self._update_buttons()

    @staticmethod
    def _fill(widget: QListWidget, rows: list[tuple[str, Any]], empty: str) -> None:
        widget.clear()
        for text, key in rows:
            item = QListWidgetItem(text)
            item.setData(ROLE_KEY, key)
            widget.addItem(item)
        if not rows:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(placeholder)
        elif widget.currentRow() < 0:
            widget.setCurrentRow(0)

    def _current(self, widget: QListWidget) -> Any:
        item = widget.currentItem()
        return item.data(ROLE_KEY) if item is not None else None

    def _update_buttons(self) -> None:
        self.retry_button.setEnabled(self._current(self.not_sent) is not None)
        self.dismiss_button.setEnabled(self._current(self.aside) is not None)
        chosen = self._current(self.conflicts) is not None
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    # -- handlers ---------------------------------------------------------------------------

    def _on_aside_current_changed(self, *_args: Any) -> None:
        item = self._current(self.aside)
        self.raw.setPlainText(item.raw if item is not None else "")
        self._update_buttons()

    def _on_conflict_current_changed(self, *_args: Any) -> None:
        chosen = self._current(self.conflicts)
        if chosen is None:
            self.mine.setPlainText("")
            self.theirs.setPlainText("")
        else:
            local, remote = chosen
            self.mine.setPlainText(
                _lines(
                    {
                        "status": local.status.value,
                        "owner_id": local.owner.id,
                        "outcome": local.outcome.value if local.outcome else None,
                        "subject": local.subject,
                        "question": local.question,
                    }
                )
            )
            self.theirs.setPlainText(_lines(remote.get("state") or {}))
        self._update_buttons()

    def _on_retry_clicked(self) -> None:
        entity_id = self._current(self.not_sent)
        if entity_id is not None:
            self._sync.tasks.spawn(self._then_reload(self._sync.retry(entity_id)), what=_tr(RETRY))

    def _on_dismiss_clicked(self) -> None:
        item = self._current(self.aside)
        if item is not None:
            self._sync.tasks.spawn(
                self._then_reload(self._sync.dismiss(item.key)), what=_tr(DISMISS)
            )

    def _on_resolve_clicked(self, *, keep_local: bool) -> None:
        chosen = self._current(self.conflicts)
        if chosen is not None:
            local, _remote = chosen
            work = self._sync.resolve(local.id, keep_local=keep_local)
            self._sync.tasks.spawn(self._then_reload(work), what="conflict oplossen")

    async def _then_reload(self, work: Any) -> None:
        await work
        await self.load()

    def cleanup(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def install_sync_menu(window: QMainWindow, sync: SyncService) -> SyncProblemsDialog:
    """A "Verbinding" menu with the problems dialog (Ctrl+Shift+P); returns the dialog."""
    from PySide6.QtGui import QAction, QKeySequence

    dialog = SyncProblemsDialog(sync, window)
    menu = window.menuBar().addMenu(QCoreApplication.translate("sync_problems", "&Verbinding"))
    action = QAction(
        QCoreApplication.translate("sync_problems", "&Problemen met verzenden…"), window
    )
    action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    action.setToolTip(f"{_tr(TITLE)} (Ctrl+Shift+P)")
    action.triggered.connect(dialog.open)
    action.triggered.connect(dialog.reload)
    menu.addAction(action)
    window.addAction(action)
    window.sync_problems = dialog  # type: ignore[attr-defined]
    return dialog


def _tr(source: str) -> str:
    """``source`` (marked above with QT_TRANSLATE_NOOP) in the active language."""
    return QCoreApplication.translate("sync_problems", source)
