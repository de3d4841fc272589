"""Never miss a call: the ringing banner, title, taskbar alert and sound; phone keys everywhere.

Three pieces, installed once by ``install_phone_desk`` (from ``install_call_panel``):

- ``RingingBanner``: a frameless always-on-top tool window over the top of the main window, so
  it shows above every screen AND every dialog while the phone rings. It never takes focus.
- ``PhoneKeys``: an application-wide event filter. The phone keys (F9, F10, F8, Alt+C, ...) act
  from anywhere in the main window and in its dialogs, and they never type into a field: the
  filter takes the key before the focused widget sees it (Alt+C in a search box used to type
  "c"). Inside the transfer guide Alt+C means "overleggen met de gekozen collega" and Alt+T the
  alternative after a refusal, so the guide gets those first.
- ``CallFollower``: the inbox selection follows the active call and stays there (pinned) until
  the call is wrapped up, so Ctrl+N or Ctrl+D never hit another resident mid-call.

GUI thread only. ``cleanup()`` removes the filter and unsubscribes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolBar,
    QWidget,
)

from console.services.calls import CallPhase, CallState
from widgets import call_texts as t

if TYPE_CHECKING:
    from widgets.call_panel import CallPanel

BANNER_STYLE = """
#ringingBanner { background: #1f5fa8; border: 2px solid #0b2f5c; }
#ringingBanner QLabel { color: white; font-size: 13pt; font-weight: bold; padding: 6px 12px; }
"""


class RingingBanner(QWidget):
    """See the module docstring."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(
            window,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self._window = window
        self.setObjectName("ringingBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(BANNER_STYLE)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.setAccessibleName(t.RINGING_BANNER_NAME)
        self.space = _space_for_banner(window)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self._reserve()
        self.place()
        self.show()
        self.raise_()
        # Screen readers announce an alert event at once, wherever the focus is.
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def place(self) -> None:
        """Across the top of the main window, just under the menu bar, over its own space."""
        window = self._window
        if self.space.isVisible():
            top_left = self.space.mapToGlobal(QPoint(0, 0))
            height = self.space.height()
        else:
            top_left = window.mapToGlobal(QPoint(0, window.menuBar().height()))
            height = self.sizeHint().height()
        self.setGeometry(top_left.x(), top_left.y(), window.width(), height)

    def _reserve(self) -> None:
        """Make room under the menu bar so the banner covers nothing.

        Not the phone dock's top line, not the tabs: on a 768-pixel screen every line counts.
        """
        actions = self.space.actions()
        filler = self.space.widgetForAction(actions[0]) if actions else None
        if filler is not None:
            filler.setFixedHeight(self.sizeHint().height())
        if not self.space.isVisible():
            self.space.show()
            layout = self._window.layout()
            if layout is not None:
                layout.activate()  # the toolbar's place now, not at the next paint

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.space.hide()  # the window gets its lines back when the phone stops ringing


def _space_for_banner(window: QMainWindow) -> QToolBar:
    """An empty, fixed top tool bar the banner lies on while it shows (hidden otherwise).

    A tool bar sits between the menu bar and both the central widget and the docks, so
    showing it moves the inbox AND the phone dock down instead of the banner covering them.
    """
    space = QToolBar(window)
    space.setObjectName("ringingBannerSpace")
    space.setMovable(False)
    space.setFloatable(False)
    space.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    space.setContentsMargins(0, 0, 0, 0)
    space.setStyleSheet("QToolBar { border: 0; padding: 0; margin: 0; spacing: 0; }")
    space.toggleViewAction().setVisible(False)  # not in the tool bar menu: it is no choice
    filler = QWidget()
    filler.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    space.addWidget(filler)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, space)
    space.hide()
    return space


def ringing_text(state: CallState) -> str:
    pop = state.pop
    if pop is not None and pop.resident is not None:
        who = pop.resident.name
    else:
        who = state.number or t.UNKNOWN_NUMBER_SHORT
    return t.RINGING_BANNER.format(who=who)


class PhoneKeys(QObject):
    """See the module docstring. ``actions`` maps a key name to the phone's QAction."""

    def __init__(
        self,
        window: QMainWindow,
        actions: dict[str, QAction],
        *,
        guide_keys: Callable[[QKeySequence], bool] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions
        self._guide_keys = guide_keys

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions.values():
            if not action.shortcut().isEmpty() and action.shortcut() == pressed:
                return action
        return None

    def ours(self, receiver: QObject) -> bool:
        """True when the key goes to the main window or one of its dialogs."""
        if not isinstance(receiver, QWidget):
            return False
        widget: QWidget | None = receiver.window()
        while widget is not None:
            if widget is self._window:
                return True
            parent = widget.parentWidget()
            widget = parent.window() if parent is not None else None
        return False

    def eventFilter(self, receiver: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        action = self._action_for(event)
        if action is None or not self.ours(receiver):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # Claim the key: no widget types it and no other shortcut fires; the KeyPress
            # that follows is handled below.
            event.accept()
            return True
        if event.isAutoRepeat():
            return True
        pressed = QKeySequence(event.keyCombination())
        if self._guide_keys is not None and self._guide_keys(pressed):
            return True
        if action.isEnabled():
            action.trigger()
        return True


class FocusKeeper(QObject):
    """After a dialog closes with no window left active: activate the one under it.

    That is the dialog still open under it, or else the main window.

    Without a window manager (Xvfb, some kiosk set-ups) nothing is activated after a dialog
    closes, and every key, F9 included, would go nowhere.
    """

    def __init__(self, window: QMainWindow, keys: PhoneKeys) -> None:
        super().__init__(window)
        self._window = window
        self._keys = keys

    def eventFilter(self, receiver: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Hide
            and isinstance(receiver, QDialog)
            and receiver is not self._window
            and self._keys.ours(receiver)
        ):
            QTimer.singleShot(0, self._window, self._restore)
        return False

    def _restore(self) -> None:
        if QApplication.activeWindow() is not None:
            return
        modal = QApplication.activeModalWidget()
        target = modal if modal is not None else self._window
        if target.isVisible():
            target.activateWindow()


class CallFollower:
    """Keeps the inbox selection on the active call's item (see the module docstring)."""

    def __init__(self, window: Any) -> None:
        self._window = window

    def follow(self, state: CallState) -> None:
        item = state.interaction
        if state.phase is CallPhase.IDLE or item is None:
            self._window.pin(None)
        else:
            self._window.pin(item.id)


class PhoneDesk:
    """Wires the banner, title, alert, sound, keys and the follower to the call service."""

    def __init__(self, window: QMainWindow, panel: CallPanel) -> None:
        self.window = window
        self.panel = panel
        self.banner = RingingBanner(window)
        self.follower = CallFollower(window)
        self.keys = PhoneKeys(window, panel.actions, guide_keys=panel.guide.handle_phone_key)
        self._title = window.windowTitle()
        self._ringing_call = ""
        self.alerts = 0  # taskbar alerts raised (what a test can observe offscreen)
        # Called once per new ringing call, e.g. for a spoken alert (SpokenAlerts.alert with
        # AlertKind.CALL_RINGING); the composition root connects it when speech is on.
        self.on_ringing: list[Callable[[CallState], None]] = []
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.keys)
        self.focus_keeper = FocusKeeper(window, self.keys)
        app.installEventFilter(self.focus_keeper)
        self._unsubscribe = panel._calls.subscribe(self.on_state)
        self.on_state(panel._calls.state)

    def on_state(self, state: CallState) -> None:
        if state.phase is CallPhase.RINGING:
            if not self._ringing_call:
                self._title = self.window.windowTitle()  # it may have changed since (sign-in)
            text = ringing_text(state)
            self.window.setWindowTitle(f"{text} — {self._title}")
            self.banner.show_text(text)
            if self._ringing_call != state.call_id:
                self._ringing_call = state.call_id
                QApplication.alert(self.window, 0)  # taskbar flashes until the window is used
                QApplication.beep()
                self.alerts += 1
                for listener in list(self.on_ringing):
                    listener(state)
        elif self._ringing_call:
            self._ringing_call = ""
            self.banner.hide()
            self.window.setWindowTitle(self._title)
        self.follower.follow(state)

    def cleanup(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.keys)
            app.removeEventFilter(self.focus_keeper)
        self._unsubscribe()
        self.banner.hide()
        self.banner.deleteLater()
