"""The status bar's sync label: online / offline, items waiting, last successful sync.

GUI thread only. It listens to ``SyncService.on_status`` (called on the event loop, which is the
GUI thread under qasync) and never asks the network anything itself; ``cleanup()`` stops
listening before the service closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from console.services.sync import SyncService
from console.services.types import Clock, SyncStatus
from widgets import texts
from widgets.i18n import show


def sync_status_text(status: SyncStatus, *, clock: Clock) -> str:
    """The label's Dutch text (B1) for ``status``."""
    if status.online is None:
        state = texts.SYNC_STARTING
    elif status.online:
        state = texts.SYNC_ONLINE
    else:
        state = texts.SYNC_OFFLINE
    parts = [state]
    if status.waiting:
        parts.append(texts.SYNC_WAITING.format(n=status.waiting))
    if status.conflicts:
        parts.append(texts.SYNC_CONFLICTS.format(n=status.conflicts))
    if status.failed:
        parts.append(texts.SYNC_FAILED.format(n=status.failed))
    if status.quarantined:
        parts.append(texts.SYNC_ASIDE.format(n=status.quarantined))
    if status.last_success is not None:
        local = status.last_success.astimezone(clock.now().tzinfo)
        parts.append(texts.SYNC_LAST.format(time=local.strftime("%H:%M")))
    else:
        parts.append(texts.SYNC_NEVER)
    return " · ".join(parts)


class SyncStatusLabel(QLabel):
    """See the module docstring."""

    def __init__(self, sync: SyncService, *, clock: Clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAccessibleName(texts.SYNC_ACCESSIBLE)
        # Apart from the row count next to it in the status bar.
        self.setContentsMargins(16, 0, 4, 0)
        self._clock = clock
        self._unsubscribe = sync.on_status(self._on_sync_status)

    def _on_sync_status(self, status: SyncStatus) -> None:
        self.setText(sync_status_text(status, clock=self._clock))
        self.setToolTip(show(status.message) if status.message else "")

    def cleanup(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
