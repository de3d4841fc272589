"""Which process listens on a loopback TCP port (Linux ``/proc``).

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


def listener_owned_by(pid: int, port: int) -> bool | None:
    """Whether the TCP socket listening on ``port`` belongs to process ``pid``.

    The listener, not our accepted connection, is checked: a connection waiting in the backlog
    belongs to no process until it is accepted. Only one process can listen on a port (baresip
    does not share it), so the listener's owner is the one our connection reaches. Returns None
    when this system cannot tell (no ``/proc``, or no listener visible).
    """
    try:
        inodes = _socket_inodes(pid)
    except OSError:
        return None
    seen = False
    for table in _TABLES:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] != "0A":  # 0A: LISTEN
                continue
            if _port(fields[1]) == port:
                seen = True
                if fields[9] in inodes:
                    return True
    return False if seen else None
