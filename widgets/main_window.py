"""The main window: the unified inbox, its filters, the detail pane, and the actions.

GUI thread only. Every action is a ``QAction`` with a shortcut (shown in menus and tooltips);
its handler is one line that hands the work to the service's task group, which reports any
failure back here as a Dutch message in the message bar. ``cleanup()`` unsubscribes the models
and panes from the store before the services close.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.inbox import InboxQuery, Scope, StateFilter
from console.domain.model import Channel
from console.domain.textfold import TRUNCATED_HINT, parse_query
from console.services.inbox import InboxService
from widgets import texts
from widgets.detail_pane import DetailPane
from widgets.dialogs import CloseDialog, NoteDialog, ShortcutsDialog
from widgets.i18n import show
from widgets.inbox_model import ROW_ID_ROLE, InboxTableModel
from widgets.inbox_view import InboxTableView

STYLE = """
#demoBanner { background: #ffd54f; color: #1a1a1a; padding: 4px 8px; font-weight: bold; }
#messageBar { background: #fde7e9; color: #7a0012; padding: 6px 8px; border: 1px solid #b00020; }
#messageBar[kind="info"] { background: #e6f4ea; color: #0b5b26; border-color: #2e7d32; }
#drilldownBar { background: #e3f2fd; border: 1px solid #1f5fa8; }
#detailTitle { font-size: 15pt; font-weight: bold; }
#question { padding: 6px; background: #fafafa; }
QToolButton:checked { background: #1f5fa8; color: white; }
"""


def key_text(sequence: QKeySequence) -> str:
    """A shortcut as the buttons write it: 'Ctrl+Enter', never Qt's 'Ctrl+Return'."""
    return sequence.toString(QKeySequence.SequenceFormat.NativeText).replace("Return", "Enter")


class MessageBar(QLabel):
    """A one-line message above the list; errors stay until the next action, info fades."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()
        self._timer = QTimer(self, singleShot=True, interval=6000)
        self._timer.timeout.connect(self.hide)

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")
        self._timer.start()

    def _show(self, text: str, kind: str) -> None:
        # Sentences from Qt-free layers arrive in Dutch; marked ones are translated here.
        text = show(text)  # a Sentence carrying a Text is rendered with its parameters
        self._timer.stop()
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()


class MainWindow(QMainWindow):
    """See the module docstring."""

    selection_changed = Signal(str)  # interaction id, "" when nothing is selected

    def __init__(self, inbox: InboxService, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inbox = inbox
        # The application display name ("KCC-console") is added by Qt; not repeated here.
        self.setWindowTitle(self.tr("Gemeente West Betuwe"))
        # Keys that dialogs handle in keyPressEvent (no QAction), shown by F1 as well.
        self.dialog_keys: list[tuple[str, str]] = [
            (self.tr("Opslaan of afhandelen in een venster"), "Ctrl+Enter"),
            (self.tr("Venster sluiten"), "Esc"),
            (self.tr("Uitkomst kiezen bij afhandelen"), "1–5"),
        ]
        self.pinned_id: str | None = None  # the active call's item: the selection stays on it
        self._pin_shown = False
        self.setStyleSheet(STYLE)
        # Never larger than the screen (a 1366×768 laptop): the window manager would cut it.
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(
            min(1400, room.width()) if room else 1400, min(820, room.height()) if room else 820
        )

        self.model = InboxTableModel(inbox, parent=self)
        self.table = InboxTableView()
        self.table.setModel(self.model)
        self.detail = DetailPane(inbox)
        self.messages = MessageBar()

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Zoek op onderwerp, vraag, naam, telefoon, e-mail of postcode (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Zoeken"))
        self.channel = QComboBox()
        self.channel.addItem(self.tr("Alle kanalen"), None)
        for channel in Channel:
            self.channel.addItem(texts.CHANNEL[channel], channel.value)
        self.channel.setToolTip(self.tr("Kanaal (Ctrl+K)"))
        self.state = QComboBox()
        self.state.addItem(self.tr("Open"), StateFilter.OPEN.value)
        self.state.addItem(self.tr("Afgehandeld"), StateFilter.CLOSED.value)
        self.state.setToolTip(self.tr("Open of afgehandeld (Ctrl+H)"))

        self.scope_group = QButtonGroup(self)
        scope_bar = QHBoxLayout()
        for number, (scope, label) in enumerate(
            (
                (Scope.MINE, self.tr("Mijn vragen")),
                (Scope.MY_DESK, self.tr("Mijn afdeling")),
                (Scope.ALL, self.tr("Alles")),
            ),
            start=1,
        ):
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setToolTip(f"{label} (Ctrl+{number})")
            button.setProperty("scope", scope.value)
            self.scope_group.addButton(button, number)
            scope_bar.addWidget(button)
        self.scope_group.button(3).setChecked(True)

        filters = QHBoxLayout()
        filters.addLayout(scope_bar)
        filters.addWidget(self.channel)
        filters.addWidget(self.state)
        filters.addWidget(self.search, 1)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(240)

        # A drill-down from another screen (the dashboard) shows here until a filter changes.
        self.drilldown_label = QLabel()
        self.drilldown_clear = QToolButton()
        self.drilldown_clear.setText(self.tr("Toon alles"))
        self.drilldown_clear.clicked.connect(self._apply_filters)
        self.drilldown_bar = QWidget()
        self.drilldown_bar.setObjectName("drilldownBar")
        drilldown_layout = QHBoxLayout(self.drilldown_bar)
        drilldown_layout.setContentsMargins(6, 2, 6, 2)
        drilldown_layout.addWidget(self.drilldown_label, 1)
        drilldown_layout.addWidget(self.drilldown_clear)
        self.drilldown_bar.hide()

        inbox_screen = QWidget()
        self.inbox_screen = inbox_screen
        inbox_layout = QVBoxLayout(inbox_screen)
        inbox_layout.setContentsMargins(0, 4, 0, 0)
        inbox_layout.addWidget(self.drilldown_bar)
        inbox_layout.addLayout(filters)
        inbox_layout.addWidget(splitter, 1)
        # Every main screen is a tab; other capabilities add theirs with add_screen().
        self.screens = QTabWidget()
        self.screens.setDocumentMode(True)
        self.screens.addTab(inbox_screen, self.tr("Inbox"))
        self.screens.setTabToolTip(0, self.tr("Inbox (Ctrl+I)"))

        central = QWidget()
        layout = QVBoxLayout(central)
        if demo:
            banner = QLabel(texts.DEMO_BANNER)
            banner.setObjectName("demoBanner")
            layout.addWidget(banner)
        layout.addWidget(self.messages)
        layout.addWidget(self.screens, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._update_user_label()

        self._build_actions()
        self._connect()
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self._unsubscribe_errors = inbox.tasks.on_error(self.messages.show_error)
        self._apply_filters()

    # -- actions ----------------------------------------------------------------------------

    def _action(
        self, text: str, shortcut: str, handler: Callable[[], None], *, menu: Any
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text.replace('&', '')} ({key_text(action.shortcut())})")
        action.triggered.connect(handler)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        inbox_menu = bar.addMenu(self.tr("&Inbox"))
        self.inbox_menu = inbox_menu  # other capabilities add their actions here
        self.act_take = self._action(
            self.tr("&Oppakken"), "Ctrl+Return", self.take_selected, menu=inbox_menu
        )
        self.act_hand_back = self._action(
            self.tr("&Teruggeven aan afdeling"), "Ctrl+G", self.hand_back_selected, menu=inbox_menu
        )
        self.act_note = self._action(
            self.tr("&Notitie toevoegen"), "Ctrl+N", self.note_selected, menu=inbox_menu
        )
        self.act_close = self._action(
            self.tr("&Afhandelen"), "Ctrl+D", self.close_selected, menu=inbox_menu
        )
        inbox_menu.addSeparator()
        self.act_refresh = self._action(
            self.tr("&Vernieuwen"), "F5", self._apply_filters, menu=inbox_menu
        )

        view_menu = bar.addMenu(self.tr("&Beeld"))
        for number in (1, 2, 3):
            button = self.scope_group.button(number)
            self._action(button.text(), f"Ctrl+{number}", button.click, menu=view_menu)
        view_menu.addSeparator()
        self._action(self.tr("&Zoeken"), "Ctrl+F", self._focus_search, menu=view_menu)
        self._action(self.tr("&Kanaal kiezen"), "Ctrl+K", self._focus_channel, menu=view_menu)
        self._action(self.tr("Open of &afgehandeld"), "Ctrl+H", self._toggle_state, menu=view_menu)
        self._action(self.tr("Naar de &lijst"), "Ctrl+L", self.table.setFocus, menu=view_menu)

        self.view_menu = view_menu
        view_menu.addSeparator()
        self._action(
            self.tr("&Inbox"), "Ctrl+I", lambda: self.screens.setCurrentIndex(0), menu=view_menu
        )
        self._build_theme_action(view_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(self.tr("&Sneltoetsen"), "F1", self.show_shortcuts, menu=help_menu)

        for action, button_text in (
            (self.act_take, self.tr("Oppakken")),
            (self.act_hand_back, self.tr("Teruggeven")),
            (self.act_note, self.tr("Notitie")),
            (self.act_close, self.tr("Afhandelen")),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(button_text)
            self.detail.layout().addWidget(button)
        self._update_actions()

    def _build_theme_action(self, menu: Any) -> None:
        """Beeld → Hoog contrast (Ctrl+Shift+K); the focus is always visible."""
        from widgets.themes import apply_theme

        self.act_contrast = self._action(
            self.tr("Hoog &contrast"), "Ctrl+Shift+K", lambda: None, menu=menu
        )
        self.act_contrast.setCheckable(True)
        self.act_contrast.toggled.connect(self._on_contrast_toggled)
        apply_theme(high_contrast=False)

    def _on_contrast_toggled(self, on: bool) -> None:
        from widgets.themes import apply_theme

        # The window's own colours would win over the application's theme: drop them.
        self.setStyleSheet("" if on else STYLE)
        apply_theme(high_contrast=on)

    def add_screen(self, widget: QWidget, title: str, shortcut: str) -> QAction:
        """Add a main screen as a tab, with a menu entry and shortcut that open it."""
        index = self.screens.addTab(widget, title)
        action = self._action(
            f"&{title}", shortcut, lambda: self.screens.setCurrentIndex(index), menu=self.view_menu
        )
        self.screens.setTabToolTip(index, action.toolTip())
        return action

    def show_screen(self, widget: QWidget) -> None:
        self.screens.setCurrentWidget(widget)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every shortcut of the window, from its real actions (window and screens).

        Read at the moment F1 is pressed, so the list is never out of date.
        """
        rows: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        sources = [self, *self.findChildren(QWidget)]
        for source in sources:
            for action in QWidget.actions(source):  # CallPanel shadows actions()
                if action.shortcut().isEmpty():
                    continue
                row = (action.text().replace("&", ""), key_text(action.shortcut()))
                if row not in seen:
                    seen.add(row)
                    rows.append(row)
        return rows

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.shortcut_rows(), self, dialog_rows=self.dialog_keys)
        dialog.open()
        self.shortcuts_dialog = dialog

    # -- wiring -----------------------------------------------------------------------------

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.channel.currentIndexChanged.connect(self._on_filter_changed)
        self.state.currentIndexChanged.connect(self._on_filter_changed)
        self.scope_group.idClicked.connect(self._on_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.refreshed.connect(self._on_model_refreshed)
        self.table.activated.connect(lambda _index: self.detail.timeline.setFocus())

    def _on_search_text_changed(self, text: str) -> None:
        if parse_query(text).truncated:  # a pasted page: say that only its start is searched
            self.messages.show_info(TRUNCATED_HINT)
        self._apply_filters()

    def _on_filter_changed(self, *_args: object) -> None:
        self._apply_filters()

    def _apply_filters(self) -> None:
        scope_button = self.scope_group.checkedButton()
        channel = self.channel.currentData()
        query = self._inbox.query(
            scope=Scope(scope_button.property("scope")),
            channel=Channel(channel) if channel else None,
            text=self.search.text(),
            state=StateFilter(self.state.currentData()),
        )
        self.drilldown_bar.hide()
        self.model.set_query(query)

    def show_drilldown(self, query: InboxQuery, title: str) -> None:
        """Show exactly the items of ``query`` (ids from a drill-down) on the inbox tab."""
        self.drilldown_label.setText(title)
        self.drilldown_bar.show()
        self.screens.setCurrentWidget(self.inbox_screen)
        self.model.set_query(query)

    def user_switched(self) -> None:
        """The signed-in (demo) user changed: new name in the status bar, their lists."""
        self._update_user_label()
        self._apply_filters()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_channel(self) -> None:
        self.channel.setFocus()
        self.channel.showPopup()

    def _toggle_state(self) -> None:
        self.state.setCurrentIndex(1 - self.state.currentIndex())

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        item_id = self.selected_id()
        self.detail.show_interaction(item_id)
        self._update_actions()
        self.selection_changed.emit(item_id or "")

    def pin(self, interaction_id: str | None) -> None:
        """Keep the selection on ``interaction_id`` (the active call) until unpinned."""
        if interaction_id != self.pinned_id:
            self._pin_shown = False
        self.pinned_id = interaction_id
        self._show_pinned()

    def _show_pinned(self) -> bool:
        """Select the pinned item once it is in the list (and again if the selection is lost)."""
        if self.pinned_id is None:
            return False
        if self._pin_shown and self.selected_id() is not None:
            return True
        if self.select_id(self.pinned_id):
            self._pin_shown = True
            return True
        return False

    def _on_model_reset(self) -> None:
        # A new filter: select the most urgent item so the keyboard can act at once.
        self._pin_shown = False
        if self._show_pinned():
            return
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self.detail.show_interaction(None)
            self._update_actions()

    def _on_model_refreshed(self) -> None:
        self._show_pinned()
        if self.selected_id() is None and self.model.rowCount() > 0 and not self.search.hasFocus():
            self.table.selectRow(0)
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore(self.table.rootIndex()) else ""
        self.count_label.setText(
            self.tr("{shown}{more} vragen in deze lijst").format(shown=shown, more=more)
        )
        self._update_actions()

    def _update_user_label(self) -> None:
        user = self._inbox.user
        desk = self._inbox.organisation.desk(user.desk_id)
        self.user_label.setText(
            self.tr("Ingelogd als {name} — {desk}").format(
                name=user.name, desk=desk.name if desk else ""
            )
        )

    def _update_actions(self) -> None:
        has = self.selected_id() is not None
        for action in (self.act_take, self.act_hand_back, self.act_note, self.act_close):
            action.setEnabled(has)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROW_ID_ROLE)

    def select_id(self, interaction_id: str) -> bool:
        row = self.model.row_of(interaction_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    # -- commands ---------------------------------------------------------------------------

    def _run(self, coro: Coroutine[Any, Any, Any], what: str, done: str) -> None:
        from widgets.ui_op import run_op

        self.messages.hide()
        run_op(self._inbox.tasks, coro, what=what, success=done, info=self.messages.show_info)

    def take_selected(self) -> None:
        if item_id := self.selected_id():
            self._run(
                self._inbox.take(item_id), "oppakken", self.tr("U bent nu eigenaar van deze vraag.")
            )

    def hand_back_selected(self) -> None:
        if item_id := self.selected_id():
            self._run(
                self._inbox.hand_back(item_id),
                "teruggeven",
                self.tr("De vraag is teruggegeven aan de afdeling."),
            )

    def note_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        dialog = NoteDialog(self)
        dialog.accepted.connect(
            lambda: self._run(
                self._inbox.add_note(item_id, dialog.text()),
                "notitie",
                self.tr("Notitie opgeslagen."),
            )
        )
        dialog.open()
        self.note_dialog = dialog

    def close_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        dialog = CloseDialog(self)
        dialog.accepted.connect(
            lambda: self._run(
                self._inbox.close(item_id, dialog.outcome(), dialog.note.toPlainText()),
                "afhandelen",
                self.tr("De vraag is afgehandeld."),
            )
        )
        dialog.open()
        self.close_dialog = dialog

    def cleanup(self) -> None:
        self._ticker.stop()
        self._unsubscribe_errors()
        self.model.cleanup()
        self.detail.cleanup()
