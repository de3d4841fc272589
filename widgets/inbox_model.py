"""The unified inbox as a Qt table model over SQL pages.

GUI thread only. The model holds the rows loaded so far (a page at a time, keyset paging through
``InboxService.page``), never the whole store. A change notice schedules one refresh that reloads
the loaded window and applies the difference as row removals, moves (a layout change with
persistent indexes kept), insertions and ``dataChanged`` — so the user's selection follows its
item and nothing flickers. ``data()`` never does I/O. Lifetime: call ``cleanup()`` before the
service goes away (it unsubscribes from change notices).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from console.domain.inbox import InboxQuery, InboxRow
from console.services.inbox import InboxService
from console.services.types import ChangeNotice
from widgets import texts

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2  # "live", "late", "soon", "normal"

COL_CHANNEL, COL_RESIDENT, COL_SUBJECT, COL_URGENCY, COL_OWNER, COL_DESK, COL_STATUS = range(7)

LATE_COLOUR = QColor("#b00020")
SOON_COLOUR = QColor("#8a4b00")

_Index = QModelIndex | QPersistentModelIndex


def _runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """Group sorted positions into (first, last) runs of consecutive numbers."""
    result = []
    for _, group in itertools.groupby(enumerate(positions), lambda p: p[1] - p[0]):
        items = [p for _, p in group]
        result.append((items[0], items[-1]))
    return result


class InboxTableModel(QAbstractTableModel):
    """See the module docstring."""

    refreshed = Signal()  # after every load or refresh has been applied
    loading_changed = Signal(bool)

    def __init__(
        self, inbox: InboxService, *, page_size: int = 200, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._page_size = page_size
        self._rows: list[InboxRow] = []
        self._query = inbox.query()
        self._has_more = True
        self._reloading = False
        self._generation = 0
        self._lock = asyncio.Lock()
        self._dirty = False
        self._refresh_task: asyncio.Task | None = None
        self._fetch_task: asyncio.Task | None = None
        self._unsubscribe = inbox.subscribe(self._on_store_changed)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- public -----------------------------------------------------------------------------

    @property
    def query(self) -> InboxQuery:
        return self._query

    def set_query(self, query: InboxQuery) -> asyncio.Task:
        """Show ``query``'s items; an earlier load still under way is dropped (latest wins)."""
        self._query = query
        self._generation += 1
        self._reloading = True
        return self._inbox.tasks.spawn(
            self._reload(), what="inbox laden", latest=f"inbox{id(self)}"
        )

    def row_at(self, row: int) -> InboxRow:
        return self._rows[row]

    def row_of(self, interaction_id: str) -> int | None:
        for position, item in enumerate(self._rows):
            if item.id == interaction_id:
                return position
        return None

    def tick(self) -> None:
        """Waiting times move on: repaint the urgency column only."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_URGENCY),
                self.index(len(self._rows) - 1, COL_URGENCY),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, URGENCY_ROLE],
            )

    def cleanup(self) -> None:
        self._unsubscribe()

    @property
    def busy(self) -> bool:
        return self._lock.locked() or bool(self._refresh_task and not self._refresh_task.done())

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(texts.INBOX_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(texts.INBOX_COLUMNS)
        ):
            return texts.INBOX_COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == ROW_ID_ROLE:
            return item.id
        if role == URGENCY_ROLE:
            return self._urgency(item)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_URGENCY:
            urgency = self._urgency(item)
            if urgency == "late":
                return QBrush(LATE_COLOUR)
            if urgency == "soon":
                return QBrush(SOON_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and item.priority == 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_URGENCY:
            now = self._inbox.clock.now()
            return self.tr("Binnengekomen {received}; uiterlijk {deadline}").format(
                received=texts.moment(item.received_at, now),
                deadline=texts.moment(item.deadline, now),
            )
        return None

    def _display(self, item: InboxRow, column: int) -> str:
        org = self._inbox.organisation
        if column == COL_CHANNEL:
            return texts.CHANNEL[item.channel]
        if column == COL_RESIDENT:
            return item.resident_name or self.tr("Onbekend")
        if column == COL_SUBJECT:
            return item.subject
        if column == COL_URGENCY:
            return texts.urgency_text(
                priority=item.priority,
                received_at=item.received_at,
                deadline=item.deadline,
                now=self._inbox.clock.now(),
            )
        if column == COL_OWNER:
            return org.owner_name(item.owner)
        if column == COL_DESK:
            desk = org.desk(item.desk_id)
            return desk.name if desk else item.desk_id
        if column == COL_STATUS:
            return texts.STATUS[item.status]
        return ""

    def _urgency(self, item: InboxRow) -> str:
        if not item.is_open_row:
            return "normal"
        now = self._inbox.clock.now()
        if item.deadline < now:
            return "late"
        if item.priority == 0:
            return "live"
        if (item.deadline - now).total_seconds() < 2 * 3600:
            return "soon"
        return "normal"

    def canFetchMore(self, parent: _Index) -> bool:
        # While a new query loads, the view must not ask for "more" of the old, empty list.
        return (
            not parent.isValid() and self._has_more and not self._fetching and not self._reloading
        )

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetch_task = self._inbox.tasks.spawn(
            self._fetch_next(len(self._rows)), what="inbox verder laden"
        )

    @property
    def _fetching(self) -> bool:
        return self._fetch_task is not None and not self._fetch_task.done()

    # -- loading ----------------------------------------------------------------------------

    async def _reload(self) -> None:
        generation = self._generation
        self.loading_changed.emit(True)
        try:
            async with self._lock:
                rows = await self._inbox.page(self._query, limit=self._page_size)
                if generation != self._generation:
                    return
                self.beginResetModel()
                self._rows = rows
                self._has_more = len(rows) == self._page_size
                self._reloading = False
                self.endResetModel()
        finally:
            if generation == self._generation:
                self._reloading = False
            self.loading_changed.emit(False)
        self.refreshed.emit()

    async def _fetch_next(self, requested_at_rows: int) -> None:
        generation = self._generation
        async with self._lock:
            if not self._rows or not self._has_more or len(self._rows) != requested_at_rows:
                return  # the list changed since the view asked; it will ask again if needed
            rows = await self._inbox.page(
                self._query, after=self._rows[-1].cursor, limit=self._page_size
            )
            if generation != self._generation:
                return
            known = {r.id for r in self._rows}
            rows = [r for r in rows if r.id not in known]
            self._has_more = len(rows) == self._page_size
            if rows:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
        self.refreshed.emit()

    def _on_store_changed(self, _notice: ChangeNotice) -> None:
        self._dirty = True
        if self._refresh_task is None or self._refresh_task.done():
            self._refresh_task = self._inbox.tasks.spawn(
                self._refresh_until_clean(), what="inbox bijwerken"
            )

    async def _refresh_until_clean(self) -> None:
        # Notices that arrive during a refresh are folded into one more pass, not one each.
        while self._dirty:
            self._dirty = False
            await self._refresh()

    async def refresh(self) -> None:
        """Reload the loaded window now and apply the differences (tests and benchmarks)."""
        await self._refresh()

    async def _refresh(self) -> None:
        generation = self._generation
        async with self._lock:
            window = max(len(self._rows), self._page_size)
            rows = await self._inbox.page(self._query, limit=window)
            if generation != self._generation:
                return
            self._apply(rows)
            self._has_more = len(rows) == window
        self.refreshed.emit()

    def _apply(self, new: Sequence[InboxRow]) -> None:
        wanted = {r.id for r in new}
        # 1. Rows that left the window (closed, filtered out, pushed below it).
        gone = [i for i, r in enumerate(self._rows) if r.id not in wanted]
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        # 2. Rows that stayed but changed place: one layout change keeps persistent indexes
        # (and so the selection) on their items.
        present = {r.id for r in self._rows}
        target = [r.id for r in new if r.id in present]
        if [r.id for r in self._rows] != target:
            position = {item_id: i for i, item_id in enumerate(target)}
            self.layoutAboutToBeChanged.emit()
            before = self.persistentIndexList()
            after = [self.index(position[self._rows[p.row()].id], p.column()) for p in before]
            self._rows.sort(key=lambda r: position[r.id])
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
        # 3. New rows, in runs, at their place in the new order.
        position = 0
        while position < len(new):
            if new[position].id in present:
                position += 1
                continue
            end = position
            while end < len(new) and new[end].id not in present:
                end += 1
            self.beginInsertRows(QModelIndex(), position, end - 1)
            self._rows[position:position] = new[position:end]
            self.endInsertRows()
            position = end
        # 4. Rows whose content changed (status, owner, deadline).
        changed = [i for i, r in enumerate(new) if self._rows[i] != r]
        for i in changed:
            self._rows[i] = new[i]
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
