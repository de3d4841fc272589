"""Beeld → "Gesproken meldingen": the user's switch for spoken alerts (issue 16).

The composition root connects the ringing call (``PhoneDesk.on_ringing``), a new chat and an
overdue note to ``SpokenAlerts``; this menu item only turns them on and off for the session
(the ``[speech] alerts`` setting gives the start value). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from console.services.spoken_alerts import SpokenAlerts


def add_spoken_alerts_toggle(window: QMainWindow, alerts: SpokenAlerts) -> QAction:
    """A checkable action in the Beeld menu (or the window's own actions when it has none)."""
    action = QAction(QCoreApplication.translate("SpeechUi", "&Gesproken meldingen"), window)
    action.setCheckable(True)
    action.setChecked(alerts.enabled)
    action.setToolTip(
        QCoreApplication.translate(
            "SpeechUi",
            "Zeg hardop dat er iemand belt, dat er een chat wacht of dat een terugbelnotitie "
            "te laat is.",
        )
    )
    action.toggled.connect(alerts.set_enabled)
    menu = getattr(window, "view_menu", None)
    if menu is not None:
        menu.addAction(action)
    window.addAction(action)
    return action
