"""The real Open Klant 2.18.0 for tests: a session fixture that finds or starts it.

Order of preference:
1. ``OPENKLANT_URL`` and ``OPENKLANT_TOKEN`` in the environment (a server someone started);
2. the tool ``KCC_OPENKLANT_TOOL`` (default ``../shared/tools/openklant-up.sh`` beside the
   repository) run once per session; its output ends with ``OPENKLANT_URL=…`` and
   ``OPENKLANT_TOKEN=…``.

Without either, tests marked ``openklant`` are skipped with a reason that says what is missing,
except under ``CI=true``, where they fail: the real peer must run in CI.

The server is shared with other test sessions on this machine: never ``--fresh``, never drop the
database. Tests isolate themselves by unique identificators (e-mail addresses, desk ids,
referentienummers) made by ``unique()``.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TOOL = REPO_ROOT / "../shared/tools/openklant-up.sh"
API = "/klantinteracties/api/v1"


@dataclass(frozen=True)
class OpenKlant:
    """Where the real server is: ``root`` (without the API path) and its token."""

    root: str
    token: str

    @property
    def url(self) -> str:
        return self.root.rstrip("/") + API


def unique(prefix: str = "t") -> str:
    """A short identificator nobody else on the shared server uses."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the real Open Klant is required in CI: {reason}", pytrace=False)
    pytest.skip(f"real Open Klant not available: {reason}")


def _parse(output: str) -> tuple[str | None, str | None]:
    url = token = None
    for line in output.splitlines():
        if line.startswith("OPENKLANT_URL="):
            url = line.split("=", 1)[1].strip()
        elif line.startswith("OPENKLANT_TOKEN="):
            token = line.split("=", 1)[1].strip()
    return url, token


def _answers(server: OpenKlant) -> bool:
    try:
        response = httpx.get(
            server.url + "/actoren",
            params={"pageSize": 1},
            headers={"Authorization": f"Token {server.token}"},
            timeout=5,
        )
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def find_or_start() -> OpenKlant | str:
    """The running server, or a sentence saying what is missing."""
    url, token = os.environ.get("OPENKLANT_URL"), os.environ.get("OPENKLANT_TOKEN")
    if url and token:
        server = OpenKlant(url, token)
        return server if _answers(server) else f"OPENKLANT_URL={url} does not answer"
    tool = Path(os.environ.get("KCC_OPENKLANT_TOOL") or DEFAULT_TOOL).resolve()
    if not tool.is_file():
        return (
            f"set OPENKLANT_URL and OPENKLANT_TOKEN, or provide the tool {tool} "
            "(KCC_OPENKLANT_TOOL overrides its path)"
        )
    try:
        result = subprocess.run(
            ["bash", str(tool)], capture_output=True, text=True, timeout=900, check=False
        )
    except subprocess.TimeoutExpired:
        return f"{tool} did not finish within 15 minutes"
    url, token = _parse(result.stdout)
    if result.returncode != 0 or not url or not token:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        return f"{tool} failed (exit {result.returncode}): " + " | ".join(tail)
    server = OpenKlant(url, token)
    # Later sessions (and child processes) reuse it without running the tool again.
    os.environ["OPENKLANT_URL"], os.environ["OPENKLANT_TOKEN"] = url, token
    return server if _answers(server) else f"{url} does not answer after {tool} ran"


_found: OpenKlant | str | None = None


@pytest.fixture(scope="session")
def openklant() -> OpenKlant:
    """The real Open Klant 2.18.0 (see the module docstring)."""
    global _found
    if _found is None:
        _found = find_or_start()
    if isinstance(_found, str):
        _missing(_found)
    assert isinstance(_found, OpenKlant)
    return _found
