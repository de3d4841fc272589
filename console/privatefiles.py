"""Private files on POSIX: the data directory 0700, the store and everything beside it 0600.

The store holds residents' names, phone numbers and questions (AVG): other accounts on the same
machine must not read it. SQLite creates its ``-wal`` and ``-shm`` files with the mode of the
database file, so creating that file 0600 before SQLite opens it covers all three. On Windows the
user's profile directory already keeps other users out; these calls do nothing there.

Any thread; plain file system calls.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
_POSIX = sys.platform != "win32"


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if missing; make it (and its SQLite companions) owner-only."""
    if _POSIX:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
        os.close(fd)
        for companion in (path, *companions(path)):
            if companion.exists():
                os.chmod(companion, FILE_MODE)
    return path


def companions(path: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory files beside ``path``."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def write_private_text(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write an export that holds personal data: created 0600 on POSIX, never world-readable."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags, FILE_MODE)
    if _POSIX:
        os.fchmod(fd, FILE_MODE)  # an existing file keeps its old mode through O_CREAT
    with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
    return path
