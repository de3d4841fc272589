"""The inbox table view: keeps the user's place when rows arrive above it.

GUI thread only. Qt leaves the scroll bar where it is when rows are inserted above the visible
area, so the list would jump under the user's eyes; when the user has scrolled down, this view
shifts the scroll bar by the rows inserted or removed above the top row. At the very top the
newest urgent item simply appears (the resident has right of way).

Columns say what matters first: channel, resident, subject, deadline. Owner, desk and status
(also in the detail pane) show only when the list is wide enough, so a 1366×768 laptop never
cuts "te laat: 4 uur 26 min".
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from widgets.inbox_model import COL_CHANNEL, COL_RESIDENT, COL_SUBJECT, COL_URGENCY

# Sample texts that size the columns (bold: unread rows are bold).
COLUMN_SAMPLES = {
    COL_CHANNEL: "Terugbelnotitie",
    COL_RESIDENT: "mevrouw N. Tjin-A-Kwie",
    COL_URGENCY: "te laat: 23 uur 59 min",
}
OPTIONAL_SAMPLES = {4: "Sanne de Boer", 5: "Vergunningen en handhaving", 6: "Wacht op inwoner"}
MIN_SUBJECT = 150


class InboxTableView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(False)  # the order is urgency, decided in SQL
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.setAccessibleName(self.tr("Inbox"))
        self._top_id: str | None = None

    def setModel(self, model) -> None:
        super().setModel(model)
        self.horizontalHeader().setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()
        model.rowsInserted.connect(self._on_model_rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._on_model_rows_about_to_be_removed)
        model.layoutAboutToBeChanged.connect(self._on_model_layout_about_to_change)
        model.layoutChanged.connect(self._on_model_layout_changed)

    def _width_of(self, sample: str) -> int:
        font = QFont(self.font())
        font.setBold(True)
        return QFontMetrics(font).horizontalAdvance(sample) + 20

    def fit_columns(self) -> None:
        """Size the main columns to their texts; show the optional ones only when they fit."""
        if self.model() is None:
            return
        used = MIN_SUBJECT
        for column, sample in COLUMN_SAMPLES.items():
            width = self._width_of(sample)
            self.setColumnWidth(column, width)
            used += width
        scroll = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        self.setMinimumWidth(used + scroll)
        available = self.viewport().width()
        for column, sample in OPTIONAL_SAMPLES.items():
            width = self._width_of(sample)
            fits = used + width <= available
            self.setColumnHidden(column, not fits)
            if fits:
                self.setColumnWidth(column, width)
                used += width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def top_row(self) -> int:
        return self.rowAt(0)

    def _scrolled(self) -> bool:
        return self.verticalScrollBar().value() > 0

    def _on_model_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid() or not self._scrolled():
            return
        bar = self.verticalScrollBar()
        if first <= bar.value():
            # The scroll range grows only after the layout pass; extend it now.
            bar.setMaximum(bar.maximum() + (last - first + 1))
            bar.setValue(bar.value() + (last - first + 1))

    def _on_model_rows_about_to_be_removed(
        self, parent: QModelIndex, first: int, last: int
    ) -> None:
        if parent.isValid() or not self._scrolled():
            return
        bar = self.verticalScrollBar()
        if last < bar.value():
            bar.setValue(bar.value() - (last - first + 1))

    def _on_model_layout_about_to_change(self) -> None:
        top = self.top_row()
        self._top_id = (
            self.model().index(top, 0).data(Qt.ItemDataRole.UserRole + 1)
            if top >= 0 and self._scrolled()
            else None
        )

    def _on_model_layout_changed(self) -> None:
        if self._top_id is None:
            return
        row = self.model().row_of(self._top_id)
        if row is not None:
            self.verticalScrollBar().setValue(row)
        self._top_id = None
