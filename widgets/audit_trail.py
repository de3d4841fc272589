"""The supervisor's view of the privacy audit trail: who opened which record, and an export.

GUI thread only. The screen is a tab that only supervisors see (``console.domain.roles``); the
service refuses anyone else as well. Every time the tab is shown or refreshed, and every export,
is itself written to the trail by the service before the entries arrive here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.domain.audit import ACTION_NAMES, CSV_HEADER, SCREEN_NAMES, AuditEntry
from console.domain.calendar import AMSTERDAM
from console.i18n import QT_TRANSLATE_NOOP
from console.services.privacy import AuditService
from console.services.tasks import TaskGroup

TITLE = QT_TRANSLATE_NOOP("AuditTrailScreen", "Inzagelogboek")
INTRO = QT_TRANSLATE_NOOP(
    "AuditTrailScreen",
    "Wie welk dossier van een inwoner opende, wanneer en vanuit welk scherm. Ook wie dit "
    "logboek bekeek of opsloeg staat erin. Niets in dit logboek kan worden gewijzigd.",
)
REFRESH = QT_TRANSLATE_NOOP("AuditTrailScreen", "Vernieuwen (F5)")
EXPORT = QT_TRANSLATE_NOOP("AuditTrailScreen", "Opslaan als CSV… (Ctrl+Shift+E)")
EXPORT_DIALOG = QT_TRANSLATE_NOOP("AuditTrailScreen", "Inzagelogboek opslaan")
EXPORTED = QT_TRANSLATE_NOOP("AuditTrailScreen", "Inzagelogboek opgeslagen: {path}")
COUNT = QT_TRANSLATE_NOOP("AuditTrailScreen", "{count} regels (de nieuwste eerst)")


def exact_moment(at: datetime) -> str:
    """A moment for the trail: always the full date and time (Amsterdam)."""
    return at.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M:%S")


class AuditTrailScreen(QWidget):
    loaded = Signal()
    exported = Signal(str)

    def __init__(
        self, service: AuditService, *, names, tasks: TaskGroup, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._names = names  # colleague id -> name
        self._tasks = tasks  # errors reach the window's message bar through this group
        self.entries: list[AuditEntry] = []
        self.file_dialog: QFileDialog | None = None
        self.setObjectName("audit_trail")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr(REFRESH))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr(EXPORT))
        self.export_button.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.count = QLabel("")
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, len(CSV_HEADER) - 1)
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("audit", name) for name in CSV_HEADER[:-1]]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._tasks.spawn(self.load(), what="inzagelogboek laden", latest="audit-trail")

    async def load(self) -> None:
        entries = await self._service.view()
        self.entries = entries
        newest_first = list(reversed(entries))
        self.table.setRowCount(len(newest_first))
        for row, e in enumerate(newest_first):
            cells = (
                exact_moment(e.at),
                f"{self._names(e.actor)} ({e.actor})",
                QCoreApplication.translate("audit", ACTION_NAMES[e.action]),
                QCoreApplication.translate("audit", SCREEN_NAMES[e.screen]),
                e.record_id or "",
                e.resident_id or "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.count.setText(self.tr(COUNT).format(count=len(entries)))
        self.loaded.emit()

    async def export_to(self, path: Path) -> Path:
        """Write the whole trail to ``path`` (CSV, owner-only); the export is recorded."""
        written = await self._service.export(path, moment=exact_moment)
        self.exported.emit(str(written))
        return written

    def _on_export_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr(EXPORT_DIALOG), "inzagelogboek.csv", "CSV (*.csv)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(
            lambda name: self._tasks.spawn(self._export(Path(name)), what="inzagelogboek opslaan")
        )
        dialog.open()
        self.file_dialog = dialog

    async def _export(self, path: Path) -> None:
        try:
            await self.export_to(path)
        except OSError:
            self._tasks.notify(
                self.tr("Het bestand {name} kon niet worden opgeslagen.").format(name=path.name)
            )

    def cleanup(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.close()
