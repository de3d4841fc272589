"""The port values that widgets hold (change notices, the clock, the sync status).

Re-exported here so that widgets depend on services only and never on ``console.ports``, whose
Protocols are for adapters. Pure names; no behaviour.
"""

from __future__ import annotations

from console.ports import ChangeNotice, Clock, SyncStatus

__all__ = ["ChangeNotice", "Clock", "SyncStatus"]
