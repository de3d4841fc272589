"""Role-based screens and the demo-user switch ("Demo-gebruiker wisselen").

GUI thread only. ``RoleController`` applies ``console.domain.roles`` to the main window: which
tabs (and their menu actions) exist for the signed-in colleague's role, which screen opens
first, and the inbox scope a role starts with. In demo mode a menu lists colleagues of every
role; picking one switches the inbox service's user and re-applies the role.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QTabWidget, QToolButton, QWidget

from console.domain.model import Role
from console.domain.roles import DEFAULT_SCOPE, DEFAULT_SCREEN, Screen, can_see
from console.services.inbox import InboxService
from widgets import dashboard_texts as t

_ROLE_ORDER = (Role.AGENT, Role.BACK_OFFICE, Role.SUPERVISOR)


class RoleController(QObject):
    """See the module docstring. Lives as long as the window (its parent)."""

    user_changed = Signal(str)  # colleague id

    def __init__(
        self,
        window: QMainWindow,
        inbox: InboxService,
        *,
        tabs: QTabWidget,
        screens: dict[Screen, QWidget],
        actions: dict[Screen, QAction],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._inbox = inbox
        self._tabs = tabs
        self._screens = screens
        self._actions = actions
        self.switch_actions: dict[str, QAction] = {}

    def build_menu(self) -> None:
        """The menu that lists colleagues of every role, grouped by role."""
        menu = self._window.menuBar().addMenu(t.SWITCH_MENU)
        submenu = menu.addMenu(t.SWITCH_SUBMENU)
        group = QActionGroup(self)
        group.setExclusive(True)
        org = self._inbox.organisation
        for role in _ROLE_ORDER:
            submenu.addSection(t.ROLE[role.value])
            for colleague in (c for c in org.colleagues if c.role is role):
                desk = org.desk(colleague.desk_id)
                action = QAction(f"{colleague.name} — {desk.name if desk else ''}", self)
                action.setCheckable(True)
                action.setChecked(colleague.id == self._inbox.user.id)
                action.setData(colleague.id)
                action.triggered.connect(
                    lambda _checked=False, cid=colleague.id: self.switch_to(cid)
                )
                group.addAction(action)
                submenu.addAction(action)
                self.switch_actions[colleague.id] = action

    def switch_to(self, colleague_id: str) -> None:
        """Work as another colleague: their role's screens and lists."""
        user = self._inbox.switch_user(colleague_id)
        if colleague_id in self.switch_actions:
            self.switch_actions[colleague_id].setChecked(True)
        self.apply_role(user.role)
        self._window.user_switched()  # type: ignore[attr-defined]
        self._window.messages.show_info(  # type: ignore[attr-defined]
            t.SWITCHED.format(name=user.name, role=t.ROLE[user.role.value])
        )
        self.user_changed.emit(colleague_id)

    def apply_role(self, role: Role) -> None:
        """Show the role's screens only, open its default screen, set its inbox scope."""
        for screen, widget in self._screens.items():
            visible = can_see(role, screen)
            index = self._tabs.indexOf(widget)
            if index >= 0:
                self._tabs.setTabVisible(index, visible)
            action = self._actions.get(screen)
            if action is not None:
                action.setEnabled(visible)
                action.setVisible(visible)
        default = self._screens.get(DEFAULT_SCREEN[role])
        if default is not None:
            self._tabs.setCurrentWidget(default)
        scope = DEFAULT_SCOPE[role]
        for button in self._window.scope_group.buttons():  # type: ignore[attr-defined]
            if button.property("scope") == scope.value:
                assert isinstance(button, QToolButton)
                button.setChecked(True)

    def visible_screens(self) -> list[Screen]:
        return [
            s for s, w in self._screens.items() if self._tabs.isTabVisible(self._tabs.indexOf(w))
        ]
