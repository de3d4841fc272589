"""An in-memory keyring backend for tests (select it with ``keyring.set_keyring`` or
``PYTHON_KEYRING_BACKEND=tests.memory_keyring.MemoryKeyring``).

A child process started by a test gets its secrets from ``KCC_TEST_SECRETS`` (JSON: ``{"name":
"value"}`` for the service ``kcc-console``), since memory is not shared between processes.
"""

from __future__ import annotations

import json
import os

import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}
        seeded = os.environ.get("KCC_TEST_SECRETS")
        if seeded:
            for name, value in json.loads(seeded).items():
                self.values[("kcc-console", name)] = value

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.values:
            raise keyring.errors.PasswordDeleteError(username)
        del self.values[(service, username)]
