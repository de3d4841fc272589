"""A real OpenID Connect provider (npm ``oidc-provider``) on loopback, and a "browser" for it.

``oidc_provider`` starts ``tests/oidc/provider.mjs`` once per test session on a free port
(installed by ``.ci/setup`` with ``npm ci`` into ``tests/oidc/node_modules``). ``Browser`` plays
the system browser: it follows the authorization URL, fills in the provider's sign-in and
consent forms (devInteractions: any password) and follows the redirect to the console's
loopback address, exactly as a person clicking through would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

from console.config_identity import IdentityConfig

OIDC_DIR = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "kcc-console"
ROLES = {"KCC-Agenten": "agent", "KCC-Backoffice": "back_office", "KCC-Teamleiders": "supervisor"}


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen

    def settings(self, **changes) -> IdentityConfig:
        values = dict(
            issuer=self.issuer,
            client_id=CLIENT_ID,
            scopes=("openid", "profile", "email", "groups", "offline_access"),
            role_claim="groups",
            roles=dict(ROLES),
            offline_grace_hours=8.0,
            prompt="consent",
            sign_in_timeout=30.0,
            timeout=5.0,
        )
        values.update(changes)
        return IdentityConfig(**values)


def _missing(what: str) -> None:
    message = f"The OIDC tests need {what}. Run: bash .ci/setup (it runs npm ci in tests/oidc)."
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def start_provider(**env: str) -> Provider:
    node = shutil.which("node")
    if node is None:
        _missing("Node.js (node)")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        _missing("the npm package oidc-provider in tests/oidc/node_modules")
    # Its warnings go to a file, not a pipe nobody reads (a full pipe would stall it).
    errors = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(
        [node, str(OIDC_DIR / "provider.mjs")],
        cwd=OIDC_DIR,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    line = process.stdout.readline()  # the provider prints its issuer once it listens
    if not line:
        process.kill()
        process.wait()
        errors.seek(0)
        raise RuntimeError(f"oidc-provider did not start: {errors.read()[-2000:]}")
    errors.close()  # the process keeps its own handle
    return Provider(json.loads(line)["issuer"], process)


def stop_provider(provider: Provider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        provider.process.wait()
    if provider.process.stdout:
        provider.process.stdout.close()


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    provider = start_provider()
    yield provider
    stop_provider(provider)


_FORM = re.compile(r'<form[^>]*action="([^"]+)"', re.I)
_HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', re.I)


class Browser:
    """Plays the system browser for one person: ``open`` is the console's ``open_browser``."""

    def __init__(self, login: str) -> None:
        self.login = login
        self.opened: list[str] = []
        self.pages: list[str] = []

    async def open(self, url: str) -> None:
        self.opened.append(url)
        async with httpx.AsyncClient(follow_redirects=True, timeout=10) as client:
            response = await client.get(url)
            for _ in range(4):  # sign-in form, then consent form
                form = _FORM.search(response.text)
                if form is None:
                    break
                fields = {name: unescape(value) for name, value in _HIDDEN.findall(response.text)}
                if fields.get("prompt") == "login":
                    fields.update(login=self.login, password="welkom")
                action = urljoin(str(response.url), unescape(form.group(1)))
                response = await client.post(action, data=fields)
            self.pages.append(response.text)


DEMO_ORGANISATION = Path(__file__).resolve().parent.parent / "resources/demo/organisation.toml"


def connected_config_file(
    tmp_path: Path, *, openklant: str, issuer: str, roles: dict[str, str] | None = None, **extra
) -> Path:
    """A connected-mode config: Open Klant, the organisation file and [identity] for ``issuer``."""
    lines = [
        'mode = "connected"',
        f'organisation = "{extra.pop("organisation", DEMO_ORGANISATION)}"',
        "[klantinteracties]",
        f'base_url = "{openklant}"',
        "timeout = 2",
        "[identity]",
        f'issuer = "{issuer}"',
        f'client_id = "{CLIENT_ID}"',
        'scopes = ["openid", "profile", "email", "groups", "offline_access"]',
        'role_claim = "groups"',
        'prompt = "consent"',
        "sign_in_timeout = 30",
        "timeout = 5",
        *(f"{k} = {json.dumps(v)}" for k, v in extra.items()),
        "[identity.roles]",
        *(f'"{claim}" = "{role}"' for claim, role in (roles or ROLES).items()),
    ]
    path = tmp_path / "kcc.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def oidc_keyring():
    """An in-memory keyring holding the Open Klant token, as ``kcc-console secrets set`` would."""
    import keyring

    from tests.klantinteracties_server import TOKEN
    from tests.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    keyring.set_password("kcc-console", "klantinteracties", TOKEN)
    yield backend
    keyring.set_keyring(previous)
