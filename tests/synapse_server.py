"""A real Synapse homeserver on loopback for the Matrix tests (marker ``matrix``).

Synapse runs from its own virtual environment (``.venv-synapse``, made by ``.ci/setup``): its
dependency tree (Twisted and friends) is large and pinned differently from the console's, so it
is kept apart. The server uses SQLite in a temporary folder, binds 127.0.0.1 on a free port and
has rate limits lifted so a test can send as fast as a person never would. Users are registered
through the shared-secret admin API (HMAC-SHA1 over nonce, user, password and admin flag), as
``register_new_matrix_user`` does.

``SynapseServer.stop()`` and ``start()`` may be called again on the same data folder: that is how
tests take the homeserver away and bring it back.

Threading: plain blocking code for fixtures; nothing here runs on the event loop.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SYNAPSE_VENV = Path(os.environ.get("KCC_SYNAPSE_VENV", REPO / ".venv-synapse"))
SERVER_NAME = "kcc.test"


def synapse_python() -> Path | None:
    """The interpreter of Synapse's own venv, or None when Synapse is not installed."""
    python = SYNAPSE_VENV / "bin" / "python"
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "import synapse"], capture_output=True, timeout=60, check=False
    )
    return python if probe.returncode == 0 else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class MatrixUser:
    user_id: str
    password: str
    access_token: str


class SynapseServer:
    """One Synapse process with its config and SQLite database in ``folder``."""

    def __init__(self, folder: Path, python: Path) -> None:
        self.folder = folder
        self.python = python
        self.port = free_port()
        self.shared_secret = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen | None = None
        self._log = None
        self._write_config()

    def _write_config(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        signing_key = self.folder / "signing.key"
        if not signing_key.exists():
            subprocess.run(
                [
                    str(self.python), "-m", "synapse._scripts.generate_signing_key",
                    "-o", str(signing_key),
                ],
                check=True, capture_output=True, timeout=120,
            )
        # Only what a loopback test server needs; everything federating is off.
        unlimited = {"per_second": 10000, "burst_count": 10000}
        config = {
            "server_name": SERVER_NAME,
            "pid_file": str(self.folder / "homeserver.pid"),
            "listeners": [
                {
                    "port": self.port,
                    "bind_addresses": ["127.0.0.1"],
                    "type": "http",
                    "tls": False,
                    "x_forwarded": False,
                    "resources": [{"names": ["client"], "compress": False}],
                }
            ],
            "database": {
                "name": "sqlite3",
                "args": {"database": str(self.folder / "homeserver.db")},
            },
            "log_config": str(self.folder / "log.yaml"),
            "media_store_path": str(self.folder / "media"),
            "signing_key_path": str(signing_key),
            "registration_shared_secret": self.shared_secret,
            "report_stats": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "enable_metrics": False,
            "url_preview_enabled": False,
            "presence": {"enabled": False},
            "rc_message": unlimited,
            "rc_login": {
                "address": unlimited, "account": unlimited, "failed_attempts": unlimited,
            },
            "rc_registration": unlimited,
            "rc_joins": {"local": unlimited, "remote": unlimited},
            "rc_invites": {"per_room": unlimited, "per_user": unlimited, "per_issuer": unlimited},
            "rc_admin_redaction": unlimited,
        }
        import json

        # JSON is valid YAML, so no YAML writer is needed here.
        (self.folder / "homeserver.yaml").write_text(json.dumps(config, indent=1))
        (self.folder / "log.yaml").write_text(
            "version: 1\n"
            "formatters: {plain: {format: '%(asctime)s %(levelname)s %(name)s %(message)s'}}\n"
            "handlers: {file: {class: logging.FileHandler, formatter: plain, "
            f"filename: '{self.folder / 'homeserver.log'}'}}}}\n"
            "root: {level: WARNING, handlers: [file]}\n"
            "disable_existing_loggers: false\n"
        )

    def start(self, timeout: float = 90.0) -> SynapseServer:
        self._log = open(self.folder / "stdout.log", "ab")
        self._process = subprocess.Popen(
            [
                str(self.python), "-m", "synapse.app.homeserver",
                "--config-path", str(self.folder / "homeserver.yaml"),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    "Synapse stopped at start:\n" + (self.folder / "stdout.log").read_text()[-3000:]
                )
            try:
                if httpx.get(f"{self.url}/_matrix/client/versions", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)  # polling a starting process; not a timing assumption
        self.stop()
        raise RuntimeError(f"Synapse did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def register(self, localpart: str, *, password: str | None = None) -> MatrixUser:
        """Register a user with the shared secret (admin API) and return its login."""
        password = password or secrets.token_hex(8)
        nonce = httpx.get(f"{self.url}/_synapse/admin/v1/register", timeout=10).json()["nonce"]
        mac = hmac.new(self.shared_secret.encode(), digestmod=hashlib.sha1)
        parts = [nonce.encode(), localpart.encode(), password.encode(), b"notadmin"]
        mac.update(b"\x00".join(parts))
        answer = httpx.post(
            f"{self.url}/_synapse/admin/v1/register",
            json={
                "nonce": nonce,
                "username": localpart,
                "password": password,
                "admin": False,
                "mac": mac.hexdigest(),
            },
            timeout=30,
        )
        answer.raise_for_status()
        body = answer.json()
        return MatrixUser(body["user_id"], password, body["access_token"])

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def require_synapse() -> Path:
    """Synapse's interpreter; outside CI a missing Synapse skips, in CI it fails."""
    import pytest

    python = synapse_python()
    if python is None:
        message = (
            f"Synapse is not installed in {SYNAPSE_VENV} (run bash .ci/setup, which installs "
            "matrix-synapse into its own venv)"
        )
        if os.environ.get("CI") == "true" or os.environ.get("KCC_REQUIRE_MATRIX") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return python


if __name__ == "__main__":  # a manual check: start, register, print, stop
    import tempfile

    server = SynapseServer(Path(tempfile.mkdtemp()), synapse_python() or Path(sys.executable))
    server.start()
    print(server.url, server.register("inwoner"))
    server.remove()
