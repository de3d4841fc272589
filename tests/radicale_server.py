"""A real Radicale CalDAV server for tests, in a child process on 127.0.0.1 (a free port).

htpasswd authentication (plain passwords in a temporary file) and rights ``from_file``:

- every user has full rights on their own collections;
- colleagues have only the free-busy right (``f``) on each other's ``agenda``;
- colleagues may read each other's ``afwezig`` calendar (the out-of-office convention).

``RadicaleServer.start()`` returns when Radicale answers; ``stop()`` ends it. Seeding goes over
CalDAV as each owner (MKCALENDAR, PUT), like a calendar app would. Synchronous (httpx.Client):
used from fixtures, outside the event loop.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

RIGHTS = """
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[own-calendars]
user: .+
collection: {user}/[^/]+
permissions: rw

[colleague-agenda-free-busy-only]
user: .+
collection: [^/]+/agenda
permissions: f

[colleague-absences-readable]
user: .+
collection: [^/]+/afwezig
permissions: r
"""

MKCALENDAR = """<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><D:displayname>{name}</D:displayname></D:prop></D:set>
</C:mkcalendar>"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RadicaleServer:
    def __init__(self, folder: Path, users: dict[str, str]) -> None:
        self.folder = folder
        self.users = dict(users)
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> RadicaleServer:
        try:
            import radicale  # noqa: F401
        except ImportError as exc:  # pragma: no cover - the test extra installs it
            raise RuntimeError(
                "Radicale is not installed: run `bash .ci/setup` (it is in the test extra)"
            ) from exc
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "users").write_text(
            "".join(f"{user}:{password}\n" for user, password in self.users.items())
        )
        (self.folder / "rights").write_text(RIGHTS)
        config = self.folder / "config"
        config.write_text(
            f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {self.folder / "users"}
htpasswd_encryption = plain
delay = 0.01
[rights]
type = from_file
file = {self.folder / "rights"}
[storage]
filesystem_folder = {self.folder / "collections"}
[logging]
level = warning
"""
        )
        self.log = open(self.folder / "radicale.log", "w")  # closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    "Radicale stopped at start: "
                    + (self.folder / "radicale.log").read_text()[-2000:]
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("Radicale did not start within 30 s") from None
                time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None
            self.log.close()

    # -- seeding as the owner -----------------------------------------------------------------

    def client(self, user: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, auth=(user, self.users[user]), timeout=10)

    def calendar(self, user: str, name: str) -> str:
        with self.client(user) as http:
            answer = http.request(
                "MKCALENDAR", f"/{user}/{name}/", content=MKCALENDAR.format(name=name)
            )
            assert answer.status_code in (201, 405), answer.text  # 405: it already exists
        return f"{self.url}/{user}/{name}/"

    def event(
        self,
        user: str,
        calendar: str,
        *,
        start: datetime | date,
        end: datetime | date,
        summary: str,
        status: str = "",
        transparent: bool = False,
        categories: str = "",
        description: str = "",
    ) -> str:
        uid = str(uuid.uuid4())

        def stamp(value: datetime | date) -> str:
            if isinstance(value, datetime):
                return ":" + value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            return ";VALUE=DATE:" + value.strftime("%Y%m%d")

        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//kcc-console tests//NL",
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20261201T080000Z",
            "DTSTART" + stamp(start),
            "DTEND" + stamp(end),
            f"SUMMARY:{summary}",
            "TRANSP:" + ("TRANSPARENT" if transparent else "OPAQUE"),
        ]
        if status:
            lines.append(f"STATUS:{status}")
        if categories:
            lines.append(f"CATEGORIES:{categories}")
        if description:
            lines.append("DESCRIPTION:" + description.replace(",", "\\,"))
        lines += ["END:VEVENT", "END:VCALENDAR", ""]
        path = f"/{user}/{calendar}/{uid}.ics"
        with self.client(user) as http:
            answer = http.put(
                path, content="\r\n".join(lines), headers={"Content-Type": "text/calendar"}
            )
            assert answer.status_code in (201, 204), answer.text
        return path
