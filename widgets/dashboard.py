"""The supervisor's dashboard: live queue load and whether the promises hold.

GUI thread only. Tiles show the figures of ``SupervisionService.figures`` with a colour AND a
word when a norm is at risk (amber) or broken (red); the load per hour is drawn with QPainter
(PySide6-Essentials has no QtCharts); two tables give the figures per channel and per desk.
Every number drills down: a click (or Enter on a focused number) asks the service for the ids
behind it and emits ``drill_down_requested(InboxQuery, title)``; the main window shows them.

Updates: store change notices (through the service) start a short throttle timer, so a burst
of changes costs one refresh and a single change shows within a second; a slow timer also
refreshes as time passes (deadlines move on without any change in the store). ``refresh()`` is
the awaitable refresh the benchmark suite times. Lifetime: call ``cleanup()`` before the service
closes; it unsubscribes and drops refreshes still under way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.domain.inbox import InboxQuery
from console.domain.model import Channel
from console.domain.supervision import (
    AgentState,
    Dashboard,
    Drill,
    GroupFigures,
    HourLoad,
    Level,
    Measure,
    Norm,
    PeriodKind,
    satisfaction_level,
    transfer_level,
)
from console.services.supervision import DRILL_LIMIT, SupervisionService, export_csv
from console.services.types import ChangeNotice
from widgets import dashboard_texts as t
from widgets import texts
from widgets.tile_grid import TileGrid
from widgets.ui_op import run_op

THROTTLE_MS = 250  # a burst of changes → one refresh; one change → on screen well within 1 s
CLOCK_REFRESH_MS = 30_000  # deadlines pass without a store change

LEVEL_COLOURS = {
    Level.OK: ("#e6f4ea", "#1e6b34"),
    Level.AT_RISK: ("#fff4d6", "#8a5a00"),
    Level.BROKEN: ("#fde7e9", "#a4001d"),
    Level.NEUTRAL: ("#f4f6f8", "#1a1a1a"),
}

STYLE = """
DashboardScreen QLabel#dashTitle { font-size: 15pt; font-weight: bold; }
DashboardScreen QLabel#section { font-weight: bold; color: #37474f; margin-top: 4px; }
FigureTile { border: 1px solid #c5ccd3; border-radius: 6px; }
FigureTile:focus { border: 2px solid #1f5fa8; }
FigureTile QLabel#tileValue { font-size: 16pt; font-weight: bold; }
FigureTile QLabel#tileTitle { font-weight: bold; }
FigureTile QLabel#tileLevel { font-weight: bold; }
FigureTile QLabel#tileDetail { font-size: 8pt; }
"""

LEVEL_SIGNS = {Level.OK: "✓ ", Level.AT_RISK: "! ", Level.BROKEN: "✗ ", Level.NEUTRAL: ""}

DRILL_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def _dur(delta: timedelta | None) -> str:
    return t.NO_ITEMS if delta is None else texts.duration(delta)


def _pct(value: float | None) -> str:
    return t.NO_ITEMS if value is None else f"{value:.0f}%"


class FigureTile(QFrame):
    """One figure: title, big value, a line of detail (links drill down), and its level.

    The whole tile is focusable; a click or Enter drills to ``drill``; each link in the detail
    line drills to its own measure.
    """

    drill_requested = Signal(object, str)  # Drill, title

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(150)
        self.title_text = title
        self.drill: Drill | None = None
        self.links: dict[str, Drill] = {}
        self.title = QLabel(title)
        self.title.setObjectName("tileTitle")
        self.title.setWordWrap(True)
        self.value = QLabel(t.NO_ITEMS)
        self.value.setObjectName("tileValue")
        self.level_label = QLabel()
        self.level_label.setObjectName("tileLevel")
        self.detail = QLabel()
        self.detail.setObjectName("tileDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        # Links by mouse; by keyboard the focused tile takes keys 1–9 for its links (Tab
        # through a label's links would trap Tab inside the tile).
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.detail.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.detail.linkActivated.connect(self._on_detail_link_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.level_label)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.level = Level.NEUTRAL
        self.set_level(Level.NEUTRAL, "")

    def set_figure(
        self,
        value: str,
        *,
        drill: Drill | None,
        detail: str = "",
        links: dict[str, Drill] | None = None,
    ) -> None:
        self.value.setText(value)
        self.drill = drill
        self.links = links or {}
        self.detail.setText(detail)
        self.setCursor(Qt.CursorShape.PointingHandCursor if drill else Qt.CursorShape.ArrowCursor)
        self.setAccessibleName(f"{self.title_text}: {value}")
        if self.links:
            keys = ", ".join(f"{n}: {name}" for n, name in enumerate(self.links, start=1))
            self.setAccessibleDescription(f"{t.TILE_KEYS} {keys}")
            self.setToolTip(f"{t.TILE_KEYS} {keys}")

    def set_level(self, level: Level, words: str) -> None:
        self.level = level
        background, foreground = LEVEL_COLOURS[level]
        self.setStyleSheet(
            f"FigureTile {{ background: {background}; }} "
            f"QLabel#tileLevel {{ color: {foreground}; }}"
        )
        self.level_label.setText(words)
        self.level_label.setVisible(bool(words))

    def request_drill(self) -> None:
        if self.drill is not None:
            self.drill_requested.emit(self.drill, self.title_text)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.request_drill()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.request_drill()
            return
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self.links):
            self._on_detail_link_activated(list(self.links)[int(text) - 1])
            return
        super().keyPressEvent(event)

    def _on_detail_link_activated(self, href: str) -> None:
        drill = self.links.get(href)
        if drill is not None:
            self.drill_requested.emit(drill, f"{self.title_text}: {href}")


class HourlyLoadChart(QWidget):
    """Bars per hour of today: received (blue) and handled (grey), drawn with QPainter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours: list[HourLoad] = []
        self.setMinimumHeight(170)
        self.setAccessibleName(t.CHART_TITLE)

    def set_hours(self, hours: list[HourLoad]) -> None:
        self.hours = hours
        total = sum(h.received for h in hours)
        busiest = max(hours, key=lambda h: h.received, default=None)
        summary = f"{t.CHART_TITLE}: {total} {t.CHART_RECEIVED}"
        if busiest and busiest.received:
            summary += self.tr(", drukste uur {hour}:00 ({received})").format(
                hour=busiest.hour, received=busiest.received
            )
        self.setToolTip(summary)
        self.setAccessibleDescription(summary)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(34, 40, -8, -22)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QColor("#1a1a1a"))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(8, 16, t.CHART_TITLE)
        painter.setFont(self.font())
        # Legend, in words as well as colours.
        x = 8
        for colour, word in (("#1f5fa8", t.CHART_RECEIVED), ("#9aa5b1", t.CHART_HANDLED)):
            painter.fillRect(x, 22, 10, 10, QColor(colour))
            painter.drawText(x + 14, 32, word)
            x += 130
        if not self.hours or rect.width() <= 0 or rect.height() <= 0:
            painter.end()
            return
        peak = max(1, *(max(h.received, h.handled) for h in self.hours))
        painter.setPen(QPen(QColor("#c5ccd3")))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(QColor("#37474f"))
        painter.drawText(QRectF(0, rect.top() - 6, 30, 14), Qt.AlignmentFlag.AlignRight, str(peak))
        painter.drawText(QRectF(0, rect.bottom() - 12, 30, 14), Qt.AlignmentFlag.AlignRight, "0")
        slot = rect.width() / len(self.hours)
        bar = max(2.0, slot * 0.38)
        for n, hour in enumerate(self.hours):
            left = rect.left() + n * slot + (slot - 2 * bar) / 2
            for offset, value, colour in (
                (0.0, hour.received, "#1f5fa8"),
                (bar, hour.handled, "#9aa5b1"),
            ):
                height = rect.height() * value / peak
                painter.fillRect(
                    QRectF(left + offset, rect.bottom() - height, bar, height), QColor(colour)
                )
            if hour.hour % 2 == 0:
                painter.setPen(QColor("#37474f"))
                painter.drawText(
                    QRectF(rect.left() + n * slot - 6, rect.bottom() + 3, slot + 12, 16),
                    Qt.AlignmentFlag.AlignHCenter,
                    f"{hour.hour}",
                )
        painter.end()


# Columns of the group tables: (header, measure to drill to or None).
_COLUMN_DRILLS: tuple[tuple[Measure | None, Norm | None], ...] = (
    (None, None),
    (Measure.WAITING, None),
    (Measure.WAITING, None),
    (Measure.HANDLED_TODAY, None),
    (Measure.HANDLED_TODAY, None),
    (Measure.NOTES_DUE_TODAY, None),
    (Measure.NOTES_AT_RISK, None),
    (Measure.NOTES_OVERDUE, None),
    (Measure.NORM_BROKEN, Norm.N1),
    (Measure.CONTACTS, None),
    (Measure.TRANSFERRED_TWICE, None),
    (Measure.SATISFACTION_BELOW_TARGET, None),
    (None, None),
)


class GroupTableModel(QAbstractTableModel):
    """Figures per channel or per desk, one row per group. Holds the last refresh only."""

    def __init__(self, names: Callable[[GroupFigures], str], parent: QObject | None = None):
        super().__init__(parent)
        self._names = names
        self._groups: list[GroupFigures] = []
        self._now: datetime | None = None

    def set_groups(self, groups: list[GroupFigures], now: datetime) -> None:
        if len(groups) == len(self._groups) and [g.key for g in groups] == [
            g.key for g in self._groups
        ]:
            self._groups, self._now = groups, now
            if groups:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(groups) - 1, len(t.COLUMNS) - 1)
                )
            return
        self.beginResetModel()
        self._groups, self._now = groups, now
        self.endResetModel()

    def group_at(self, row: int) -> GroupFigures:
        return self._groups[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(t.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(t.COLUMNS)
        ):
            return t.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._groups)):
            return None
        group = self._groups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # A sign in front of a coloured number, so the state never rests on colour alone.
            return LEVEL_SIGNS[self._level(group, column)] + self._display(group, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DRILL_ROLE:
            measure, norm = _COLUMN_DRILLS[column]
            return group.drill(measure, norm) if measure is not None else None
        level = self._level(group, column)
        if role == LEVEL_ROLE:
            return level.value
        if role == Qt.ItemDataRole.BackgroundRole and level is not Level.NEUTRAL:
            return QBrush(QColor(LEVEL_COLOURS[level][0]))
        if role == Qt.ItemDataRole.ForegroundRole and level is not Level.NEUTRAL:
            return QBrush(QColor(LEVEL_COLOURS[level][1]))
        if role == Qt.ItemDataRole.ToolTipRole and level is not Level.NEUTRAL:
            return t.LEVEL[level]
        return None

    def _display(self, g: GroupFigures, column: int) -> str:
        load, period = g.load, g.period
        n1 = period.norms[Norm.N1]
        values = (
            self._names(g),
            str(load.waiting),
            _dur(g.longest_wait(self._now)) if self._now else t.NO_ITEMS,
            str(load.handled_today),
            _dur(g.average_handling),
            str(load.notes_due_today),
            str(load.notes_at_risk),
            str(load.notes_overdue),
            f"{_pct(n1.percent)} ({n1.broken} {t.NORM_BROKEN})" if n1.decided else t.NO_ITEMS,
            str(period.contacts),
            str(period.transferred_twice),
            t.NO_ITEMS if period.satisfaction is None else texts.decimal(period.satisfaction, 1),
            t.NO_ITEMS
            if g.kind == "channel"
            else f"{g.agents[AgentState.AVAILABLE]} / {sum(g.agents.values())}",
        )
        return values[column]

    @staticmethod
    def _level(g: GroupFigures, column: int) -> Level:
        if column == 6 and g.load.notes_at_risk:
            return Level.AT_RISK
        if column == 7 and g.load.notes_overdue:
            return Level.BROKEN
        if column == 8 and g.period.norms[Norm.N1].decided:
            return g.period.norms[Norm.N1].level
        if column == 10 and g.period.transferred_twice:
            return Level.AT_RISK
        if column == 11:
            return satisfaction_level(g.period.satisfaction)
        return Level.NEUTRAL


class DashboardScreen(QWidget):
    """See the module docstring."""

    refreshed = Signal()  # after a refresh has reached every tile and table
    drill_down_requested = Signal(object, str)  # InboxQuery, title

    def __init__(
        self,
        supervision: SupervisionService,
        *,
        names: Callable[[GroupFigures], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = supervision
        self._names = names or self._default_name
        self._closed = False
        self._refreshing = False
        self._stale = False
        self._missed = True  # nothing shown yet: refresh when first shown
        self.dashboard: Dashboard | None = None
        self.setStyleSheet(STYLE)

        self.heading = QLabel(t.TITLE)
        self.heading.setObjectName("dashTitle")
        self.updated = QLabel()
        self.period = QComboBox()
        for kind, label in t.PERIODS.items():
            self.period.addItem(label, kind.value)
        self.period.setCurrentIndex(1)
        self.period.setAccessibleName(t.PERIOD_LABEL)
        self.csv_button = QPushButton(t.EXPORT_CSV)
        self.png_button = QPushButton(t.EXPORT_PNG)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addSpacing(12)
        header.addWidget(self.updated)
        header.addStretch(1)
        period_label = QLabel(t.PERIOD_LABEL)
        period_label.setBuddy(self.period)
        header.addWidget(period_label)
        header.addWidget(self.period)
        header.addWidget(self.csv_button)
        header.addWidget(self.png_button)

        self.tiles: dict[str, FigureTile] = {}
        now_grid = TileGrid()
        self.tile_grids = [now_grid]
        for key, title in (
            ("waiting", t.WAITING),
            ("longest", t.LONGEST),
            ("handled", t.HANDLED),
            ("average", t.AVERAGE),
            ("notes_today", t.NOTES_TODAY),
            ("notes_risk", t.NOTES_RISK),
            ("notes_late", t.NOTES_LATE),
            ("agents", t.AGENTS),
        ):
            now_grid.add_tile(self._tile(key, title))
        period_grid = TileGrid()
        self.tile_grids.append(period_grid)
        for key, title in (
            *((norm.value, t.NORM_TITLE[norm]) for norm in Norm),
            ("transfers", t.TRANSFERS),
            ("transfers_twice", t.TRANSFERS_TWICE),
            ("satisfaction", t.SATISFACTION),
        ):
            period_grid.add_tile(self._tile(key, title))

        self.chart = HourlyLoadChart()
        self.channel_model = GroupTableModel(self._names, self)
        self.desk_model = GroupTableModel(self._names, self)
        self.channel_table = self._table(self.channel_model, t.CHANNEL_TABLE)
        self.desk_table = self._table(self.desk_model, t.DESK_TABLE)
        self.channel_table.setColumnHidden(len(t.COLUMNS) - 1, True)  # agents are per desk

        # In a scroll area: on a 768-pixel-high laptop the tiles wrap to more rows and the
        # tables below may need scrolling, but nothing is squeezed or cut.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scroll = scroll
        self.desk_table.setMinimumHeight(140)
        self.channel_table.setMinimumHeight(180)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(header)
        layout.addWidget(self._section(t.NOW_SECTION))
        layout.addWidget(now_grid)
        layout.addWidget(self._section(t.PERIOD_SECTION))
        layout.addWidget(period_grid)
        self.calls_line = QLabel()  # how the period's calls ended (issue 18)
        self.calls_line.setObjectName("dashboardCalls")
        layout.addWidget(self.calls_line)
        middle = QHBoxLayout()
        middle.addWidget(self.chart, 2)
        middle.addWidget(self.channel_table, 5)
        layout.addLayout(middle, 4)
        layout.addWidget(self.desk_table, 5)

        self._throttle = QTimer(self, singleShot=True, interval=THROTTLE_MS)
        self._throttle.timeout.connect(self._on_throttle_timeout)
        self._clock_timer = QTimer(self, interval=CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.schedule_refresh)
        self._clock_timer.start()
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.png_button.clicked.connect(self._on_png_button_clicked)
        self._unsubscribe = supervision.subscribe(self._on_store_changed)
        self.schedule_refresh()

    # -- building ---------------------------------------------------------------------------

    def _tile(self, key: str, title: str) -> FigureTile:
        tile = FigureTile(title)
        tile.drill_requested.connect(self._on_tile_drill_requested)
        self.tiles[key] = tile
        return tile

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("section")
        return label

    def _table(self, model: GroupTableModel, title: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(title)
        view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        view.setToolTip(
            self.tr("{title}: klik op een getal voor de vragen erachter").format(title=title)
        )
        view.verticalHeader().hide()
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        # Every column as wide as its contents, the name first: on a narrow screen the
        # figures on the right scroll, the names are never cut to "T…".
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        view.verticalHeader().setDefaultSectionSize(20)
        view.clicked.connect(self._on_table_clicked)
        view.activated.connect(self._on_table_clicked)
        return view

    def _default_name(self, group: GroupFigures) -> str:
        if group.kind == "total":
            return t.TOTAL
        if group.kind == "channel":
            return texts.CHANNEL[Channel(group.key)]
        desk = self._service.organisation.desk(group.key)
        return desk.name if desk else group.key

    # -- refreshing -------------------------------------------------------------------------

    @property
    def period_kind(self) -> PeriodKind:
        return PeriodKind(self.period.currentData())

    def schedule_refresh(self) -> None:
        """Refresh soon; calls within the throttle window share one refresh.

        While a refresh is reading the store, further calls only mark the figures stale, so a
        stream of changes never queues refreshes faster than the store can answer them.
        """
        if self._closed:
            return
        if not self.isVisible():
            # Hidden (another tab, or a role without the dashboard): its aggregate queries
            # would queue on the one database thread ahead of the inbox the user is looking
            # at (benchmark B4: p95 3.7 s at 10^6). Catch up once when shown again.
            self._missed = True
            return
        if self._refreshing:
            self._stale = True
        elif not self._throttle.isActive():
            self._throttle.start()

    def _on_throttle_timeout(self) -> None:
        self._service.tasks.spawn(
            self._throttled_refresh(), what="dashboard", latest=f"dashboard{id(self)}"
        )

    async def _throttled_refresh(self) -> None:
        self._refreshing = True
        self._stale = False
        try:
            await self.refresh()
        finally:
            self._refreshing = False
            if self._stale:
                self.schedule_refresh()

    def _on_store_changed(self, _notice: ChangeNotice) -> None:
        self.schedule_refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._missed:
            self._missed = False
            self.schedule_refresh()

    def _on_period_changed(self, _index: int) -> None:
        self.schedule_refresh()

    async def refresh(self) -> Dashboard | None:
        """Read every figure from the store and show it (benchmark B9 times this call)."""
        period = self._service.period(self.period_kind)
        dashboard = await self._service.figures(period)
        calls = await self._service.call_results(period)
        if self._closed:
            return None
        self.calls_line.setText(t.CALLS_LINE.format(**{r.value: n for r, n in calls.items()}))
        self.show_figures(dashboard)
        return dashboard

    def show_figures(self, d: Dashboard) -> None:
        self.dashboard = d
        now = d.now
        total = d.total
        load, period = total.load, total.period
        self.updated.setText(t.UPDATED.format(time=texts.moment(now, now)))

        def tile(key: str) -> FigureTile:
            return self.tiles[key]

        tile("waiting").set_figure(
            str(load.waiting), drill=Drill(Measure.WAITING), detail=t.WAITING_SUB
        )
        tile("longest").set_figure(_dur(total.longest_wait(now)), drill=Drill(Measure.WAITING))
        tile("handled").set_figure(str(load.handled_today), drill=Drill(Measure.HANDLED_TODAY))
        tile("average").set_figure(
            _dur(total.average_handling), drill=Drill(Measure.HANDLED_TODAY), detail=t.AVERAGE_SUB
        )
        tile("notes_today").set_figure(
            str(load.notes_due_today),
            drill=Drill(Measure.NOTES_DUE_TODAY),
            detail=t.NOTES_TODAY_SUB,
        )
        risk = tile("notes_risk")
        risk.set_figure(
            str(load.notes_at_risk), drill=Drill(Measure.NOTES_AT_RISK), detail=t.NOTES_RISK_SUB
        )
        risk.set_level(
            Level.AT_RISK if load.notes_at_risk else Level.OK,
            t.LEVEL[Level.AT_RISK if load.notes_at_risk else Level.OK],
        )
        late = tile("notes_late")
        late.set_figure(
            str(load.notes_overdue), drill=Drill(Measure.NOTES_OVERDUE), detail=t.NOTES_LATE_SUB
        )
        late.set_level(
            Level.BROKEN if load.notes_overdue else Level.OK,
            t.LEVEL[Level.BROKEN if load.notes_overdue else Level.OK],
        )
        agents = total.agents
        tile("agents").set_figure(
            f"{agents[AgentState.AVAILABLE]} {t.AGENT_STATE[AgentState.AVAILABLE]}",
            drill=None,
            detail=" · ".join(f"{agents[s]} {t.AGENT_STATE[s]}" for s in AgentState),
        )

        for norm in Norm:
            counts = period.norms[norm]
            links = {
                t.NORM_MET: Drill(Measure.NORM_MET, norm),
                t.NORM_BROKEN: Drill(Measure.NORM_BROKEN, norm),
                t.NORM_AT_RISK: Drill(Measure.NORM_AT_RISK, norm),
                t.NORM_PENDING: Drill(Measure.NORM_PENDING, norm),
            }
            detail = " · ".join(
                f'<a href="{word}">{number} {word}</a>'
                for word, number in (
                    (t.NORM_MET, counts.met),
                    (t.NORM_BROKEN, counts.broken),
                    (t.NORM_AT_RISK, counts.at_risk),
                    (t.NORM_PENDING, counts.pending),
                )
            )
            main = (
                Measure.NORM_BROKEN
                if counts.broken
                else Measure.NORM_AT_RISK
                if counts.at_risk
                else Measure.NORM_MET
            )
            norm_tile = tile(norm.value)
            norm_tile.set_figure(
                _pct(counts.percent), drill=Drill(main, norm), detail=detail, links=links
            )
            norm_tile.set_level(counts.level, t.LEVEL[counts.level])

        tile("transfers").set_figure(
            t.NO_ITEMS
            if period.transfers_per_contact is None
            else texts.decimal(period.transfers_per_contact, 2),
            drill=Drill(Measure.CONTACTS),
            detail=f"{period.transfers} / {period.contacts} {t.CONTACTS}",
        )
        twice = tile("transfers_twice")
        twice.set_figure(
            _pct(period.share_transferred_twice),
            drill=Drill(Measure.TRANSFERRED_TWICE),
            detail=f"{period.transferred_twice} {t.CONTACTS}",
        )
        level = transfer_level(period)
        twice.set_level(level, t.LEVEL_TRANSFERS[level])
        satisfaction = tile("satisfaction")
        satisfaction.set_figure(
            t.NO_ITEMS if period.satisfaction is None else texts.decimal(period.satisfaction, 1),
            drill=Drill(Measure.SATISFACTION_BELOW_TARGET),
            detail=t.SATISFACTION_SUB.format(n=period.scored, below=period.below_target),
        )
        level = satisfaction_level(period.satisfaction)
        satisfaction.set_level(level, t.LEVEL_SATISFACTION[level])

        self.chart.set_hours(d.hours)
        self.channel_model.set_groups(d.channels, now)
        self.desk_model.set_groups(d.desks, now)
        for grid in self.tile_grids:
            grid.relayout()  # a longer value may need a wider column
        self.refreshed.emit()

    # -- drill-down -------------------------------------------------------------------------

    def _on_tile_drill_requested(self, drill: Drill, title: str) -> None:
        self.request_drill(drill, title)

    def _on_table_clicked(self, index: QModelIndex) -> None:
        drill = index.data(DRILL_ROLE)
        if drill is None:
            return
        model = index.model()
        group_name = model.index(index.row(), 0).data()
        column = model.headerData(index.column(), Qt.Orientation.Horizontal)
        self.request_drill(drill, f"{group_name}: {column}")

    def request_drill(self, drill: Drill, title: str) -> None:
        """Look up the items behind ``drill`` and hand them to the inbox."""
        run_op(self._service.tasks, self._drill(drill, title), what="dashboard doorklikken")

    async def _drill(self, drill: Drill, title: str) -> InboxQuery:
        query = await self._service.drill_query(drill, self._service.period(self.period_kind))
        count = len(query.ids or ())
        text = t.DRILL_TITLE.format(title=title, count=count)
        if count >= DRILL_LIMIT:
            text += t.DRILL_TRUNCATED.format(count=DRILL_LIMIT)
        if not self._closed:
            self.drill_down_requested.emit(query, text)
        return query

    # -- export -----------------------------------------------------------------------------

    def export_csv(self, path: Path) -> Path:
        """Write the figures now on screen (their period) to ``path`` as CSV."""
        if self.dashboard is None:
            raise RuntimeError("the dashboard has not been filled yet")
        return export_csv(self.dashboard, path, names=self._names)

    def export_png(self, path: Path) -> Path:
        """Write the dashboard as it looks now to ``path`` as PNG."""
        if not self.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def _on_csv_button_clicked(self) -> None:
        dialog = QFileDialog(self, t.EXPORT_CSV_DIALOG, "kcc-cijfers.csv", "CSV (*.csv)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self._export(self.export_csv, name))
        dialog.open()
        self.file_dialog = dialog

    def _on_png_button_clicked(self) -> None:
        dialog = QFileDialog(self, t.EXPORT_PNG_DIALOG, "kcc-dashboard.png", "PNG (*.png)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self._export(self.export_png, name))
        dialog.open()
        self.file_dialog = dialog

    def _export(self, write: Callable[[Path], Path], name: str) -> None:
        try:
            path = write(Path(name))
        except (OSError, RuntimeError):
            self._service.tasks.notify(t.EXPORT_FAILED)
            return
        self.exported.emit(str(path))

    exported = Signal(str)

    def cleanup(self) -> None:
        self._closed = True
        self._throttle.stop()
        self._clock_timer.stop()
        self._unsubscribe()
