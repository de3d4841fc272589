"""Which process is at the other end of a loopback TCP connection (Linux ``/proc``).

Used to prove that the console talks to the baresip it started, not to whatever grabbed the
control port first. Pure reads of ``/proc``; no threads; call from any thread.
"""

from __future__ import annotations

import os
from pathlib import Path

_TABLES = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(fd_dir / fd)
        except OSError:
            continue  # closed in the meantime
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _port(address: str) -> int:
    return int(address.rsplit(":", 1)[1], 16)


def connection_owned_by(pid: int, *, server_port: int, client_port: int) -> bool | None:
    """Whether the server side of our connection ``client_port → server_port`` belongs to ``pid``.

    Returns None when this system cannot tell (no ``/proc``, or the entry is not visible), so
    the caller decides what an unknown means.
    """
    try:
        inodes = _socket_inodes(pid)
    except OSError:
        return None
    for table in _TABLES:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10:
                continue
            if _port(fields[1]) == server_port and _port(fields[2]) == client_port:
                return fields[9] in inodes
    return None
