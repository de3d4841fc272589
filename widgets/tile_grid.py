"""A grid of tiles that wraps to more rows when the window is narrow (a 1366×768 laptop).

GUI thread only. The number of columns follows the width: as many as fit at each tile's own
minimum width (its value never clipped), at most all tiles on one row. Call ``relayout()``
after the tiles' texts change, since a longer value can need a wider column.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

SPACING = 6


class TileGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tiles: list[QWidget] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self._columns = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def add_tile(self, tile: QWidget) -> None:
        self._tiles.append(tile)
        self._columns = 0
        self.relayout()

    def tile_width(self) -> int:
        return max((t.minimumSizeHint().width() for t in self._tiles), default=0)

    def columns_for(self, width: int) -> int:
        each = self.tile_width() + SPACING
        return max(1, min(len(self._tiles), (width + SPACING) // max(each, 1)))

    def relayout(self) -> None:
        columns = self.columns_for(self.width() if self.isVisible() else 10_000)
        if columns == self._columns:
            self.updateGeometry()
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for column in range(len(self._tiles)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for number, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, number // columns, number % columns)
        self.updateGeometry()

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setWidth(self.tile_width())
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()
