"""One console per data directory: an OS file lock that dies with the process.

A stale lock file after a crash must not block the next start, so this uses ``flock`` (POSIX)
or ``msvcrt.locking`` (Windows), which the OS releases when the holder dies.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import StoreError


class DataDirLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "console.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock.

        Raises:
            StoreError: another console uses this directory, or it cannot be written.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "De console kan de map {folder} niet gebruiken. "
                        "Kies een map waar u mag schrijven (--data-dir).",
                    ),
                    {"folder": str(self.path.parent)},
                )
            ) from exc
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "De KCC-console draait al met deze gegevensmap. Gebruik dat venster, "
                    "of sluit het eerst.",
                )
            ) from exc
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
