"""Which source tells the colleagues' availability (N2): the ``[availability]`` config section.

A helper of the composition root, kept apart from ``console.config`` so that section can be read
and changed on its own. It reads the section from the same TOML file, checks it (plain Dutch
``ConfigError``), and builds the chosen ``AvailabilitySource``:

```toml
[availability]
source = "graph"          # "demo" (default), "graph" or "caldav"
cache_seconds = 60        # a second look at the same desk within this time costs nothing
timeout = 10              # seconds per HTTP request

[availability.graph]      # Microsoft 365, with the signed-in user's delegated token
base_url = "https://graph.microsoft.com/v1.0"
mailbox = "me"            # whose calendar runs getSchedule ("me" or a user id)
token_secret = "graph"    # keyring name of the token, when the sign-in does not provide one
[availability.graph.object_ids]   # colleague id -> Graph object id (for presence)
c01 = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3"

[availability.caldav]     # CalDAV free-busy (Nextcloud, Radicale, ...)
agenda_url = "https://agenda.example.nl/{user}/agenda/"    # {user}, {email}, {id}
absence_url = "https://agenda.example.nl/{user}/afwezig/"  # optional: the AFWEZIG convention
username = "kcc-agent"
secret = "caldav"         # keyring name of the password
```

No secrets in the file: tokens and passwords live in the OS keyring. Event-loop thread (the
composition root's); building opens no connection, the first look does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from console.config import SECRET_KEYS, ConfigError
from console.domain.organisation import Organisation
from console.ports import AvailabilitySource, SecretStore

SOURCES = ("demo", "graph", "caldav")
TokenProvider = Callable[[], Awaitable[str]]


@dataclass(frozen=True)
class GraphSettings:
    base_url: str = "https://graph.microsoft.com/v1.0"
    mailbox: str = "me"
    token_secret: str = "graph"
    object_ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CalDavSettings:
    agenda_url: str = ""
    absence_url: str = ""
    username: str = ""
    secret: str = "caldav"


@dataclass(frozen=True)
class AvailabilityConfig:
    source: str = "demo"
    cache_seconds: float = 60.0
    timeout: float = 10.0
    graph: GraphSettings = field(default_factory=GraphSettings)
    caldav: CalDavSettings = field(default_factory=CalDavSettings)


def _url(value: Any, where: str, path: Path) -> str:
    url = str(value or "")
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ConfigError(
            f"Het adres bij {where} in {path} moet met https:// beginnen (alleen een test op "
            "deze computer mag http gebruiken)."
        )
    return url


def _no_secrets(table: dict[str, Any], where: str, path: Path, name: str) -> None:
    for key in table:
        if key.lower() in SECRET_KEYS:
            raise ConfigError(
                f"Zet geen wachtwoord of sleutel in {path} (gevonden: '{key}' bij {where}). "
                f"Haal die regel weg en bewaar het veilig met: kcc-console secrets set {name}"
            )


def parse_availability(raw: dict[str, Any], path: Path) -> AvailabilityConfig:
    """The ``[availability]`` table of an already parsed config file."""
    table = raw.get("availability") or {}
    if not isinstance(table, dict):
        raise ConfigError(f"[availability] in {path} moet een tabel zijn.")
    source = str(table.get("source", "demo")).lower()
    if source not in SOURCES:
        raise ConfigError(
            f"De bron '{source}' bij [availability] in {path} bestaat niet. Kies demo, graph "
            "of caldav."
        )
    try:
        cache_seconds = float(table.get("cache_seconds", 60.0))
        timeout = float(table.get("timeout", 10.0))
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"cache_seconds en timeout bij [availability] in {path} moeten getallen zijn."
        ) from exc
    graph = GraphSettings()
    caldav = CalDavSettings()
    if source == "graph":
        g = table.get("graph") or {}
        _no_secrets(g, "[availability.graph]", path, str(g.get("token_secret", "graph")))
        graph = GraphSettings(
            base_url=_url(g.get("base_url", graph.base_url), "[availability.graph]", path),
            mailbox=str(g.get("mailbox", "me")),
            token_secret=str(g.get("token_secret", "graph")),
            object_ids={str(k): str(v) for k, v in dict(g.get("object_ids") or {}).items()},
        )
    if source == "caldav":
        c = table.get("caldav") or {}
        _no_secrets(c, "[availability.caldav]", path, str(c.get("secret", "caldav")))
        if not c.get("agenda_url") or not c.get("username"):
            raise ConfigError(
                f"Bij [availability.caldav] in {path} ontbreken agenda_url of username."
            )
        caldav = CalDavSettings(
            agenda_url=_url(c["agenda_url"], "[availability.caldav]", path),
            absence_url=_url(c["absence_url"], "[availability.caldav]", path)
            if c.get("absence_url")
            else "",
            username=str(c["username"]),
            secret=str(c.get("secret", "caldav")),
        )
    return AvailabilityConfig(source, cache_seconds, timeout, graph, caldav)


def read_availability(path: Path | None) -> AvailabilityConfig:
    """The section from the config file at ``path``; None (no file) means the demo source."""
    if path is None:
        return AvailabilityConfig()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Het instellingenbestand {path} is niet te lezen.") from exc
    return parse_availability(raw, path)


def _secret(secrets: SecretStore, name: str, missing: str) -> TokenProvider:
    async def value() -> str:
        found = await secrets.get(name)
        if not found:
            raise LookupError(missing)  # the adapter says "not signed in" on the card
        return found

    return value


def build_availability(
    settings: AvailabilityConfig,
    organisation: Organisation,
    *,
    now: Callable[[], datetime],
    secrets: Callable[[], SecretStore],
    token: TokenProvider | None = None,
) -> AvailabilitySource | None:
    """The configured source; None for the demo (the caller builds that one).

    ``token`` is the sign-in's delegated Graph token provider; without it the token is read
    from the keyring (``token_secret``). The caller closes the result (``aclose``).
    """
    if settings.source == "graph":
        from integrations.graph.adapter import GraphAvailabilitySource
        from integrations.graph.client import GraphClient

        graph = settings.graph
        provider = token or _secret(secrets(), graph.token_secret, "graph token")
        client = GraphClient(base_url=graph.base_url, token=provider, timeout=settings.timeout)
        return GraphAvailabilitySource(
            organisation,
            client,
            object_ids=graph.object_ids,
            now=now,
            mailbox=graph.mailbox,
            cache_seconds=settings.cache_seconds,
        )
    if settings.source == "caldav":
        from integrations.caldav.adapter import CalDavAvailabilitySource

        dav = settings.caldav
        password = _secret(secrets(), dav.secret, "caldav password")

        async def credentials() -> tuple[str, str]:
            return dav.username, await password()

        return CalDavAvailabilitySource(
            organisation,
            credentials=credentials,
            now=now,
            agenda_url=dav.agenda_url,
            absence_url=dav.absence_url,
            cache_seconds=settings.cache_seconds,
            timeout=settings.timeout,
        )
    return None
