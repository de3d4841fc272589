"""What each role sees: its screens and the screen it starts on.

ARCHITECTURE: each role sees what it needs. Pure policy; the window applies it when the (demo)
user changes.
"""

from __future__ import annotations

import enum

from console.domain.inbox import Scope
from console.domain.model import Role


class Screen(enum.StrEnum):
    INBOX = "inbox"
    DASHBOARD = "dashboard"
    AUDIT = "audit"  # the privacy audit trail (issue 11)


VISIBLE_SCREENS: dict[Role, frozenset[Screen]] = {
    Role.AGENT: frozenset({Screen.INBOX}),
    Role.BACK_OFFICE: frozenset({Screen.INBOX}),
    Role.SUPERVISOR: frozenset({Screen.INBOX, Screen.DASHBOARD, Screen.AUDIT}),
}

DEFAULT_SCREEN: dict[Role, Screen] = {
    Role.AGENT: Screen.INBOX,
    Role.BACK_OFFICE: Screen.INBOX,
    Role.SUPERVISOR: Screen.DASHBOARD,
}

# Agents serve the whole front line; back office works its own desk's queue first.
DEFAULT_SCOPE: dict[Role, Scope] = {
    Role.AGENT: Scope.ALL,
    Role.BACK_OFFICE: Scope.MY_DESK,
    Role.SUPERVISOR: Scope.ALL,
}


def can_see(role: Role, screen: Screen) -> bool:
    return screen in VISIBLE_SCREENS[role]
