"""Which source tells the colleagues' availability (N2): config sections and the source itself.

A helper of the composition root. It registers three sections with the config schema
(``console.config`` imports this module at its end, so the sections are known before any file
is checked) and builds the chosen ``AvailabilitySource``:

```toml
[availability]
source = "graph"          # "demo" (default), "graph" or "caldav"
cache_seconds = 60        # a second look at the same desk within this time costs nothing

[graph]                   # Microsoft 365, with the signed-in user's delegated token
base_url = "https://graph.microsoft.com/v1.0"
mailbox = "me"            # whose calendar runs getSchedule ("me" or a user id)
secret = "graph"          # keyring name of the token, when the sign-in does not provide one
timeout = 10
[graph.object_ids]        # colleague id -> Graph object id (for presence)
c01 = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3"

[caldav]                  # CalDAV free-busy (Nextcloud, Radicale, ...)
agenda_url = "https://agenda.example.nl/{user}/agenda/"    # {user}, {email}, {id}
absence_url = "https://agenda.example.nl/{user}/afwezig/"  # optional: the AFWEZIG convention
username = "kcc-agent"
secret = "caldav"         # keyring name of the password
```

No secrets in the file (the schema refuses them): tokens and passwords live in the OS keyring.
This module imports only the standard library and ``console``; the adapters are imported when
one is built. Event-loop thread (the composition root's); building opens no connection.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from console.config import REQUIRED, Config, ConfigError, Key, Section, register_section
from console.domain.organisation import Organisation
from console.ports import AvailabilitySource, SecretStore

SOURCES = ("demo", "graph", "caldav")
TokenProvider = Callable[[], Awaitable[str]]


@dataclass(frozen=True)
class GraphSettings:
    base_url: str = "https://graph.microsoft.com/v1.0"
    mailbox: str = "me"
    secret: str = "graph"
    timeout: float = 10.0
    object_ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CalDavSettings:
    agenda_url: str
    username: str
    absence_url: str | None = None
    secret: str = "caldav"
    timeout: float = 10.0


@dataclass(frozen=True)
class AvailabilityConfig:
    source: str = "demo"
    cache_seconds: float = 60.0
    graph: GraphSettings = field(default_factory=GraphSettings)
    caldav: CalDavSettings | None = None


def _build_availability(values: dict[str, Any]) -> AvailabilityConfig:
    return AvailabilityConfig(source=values["source"], cache_seconds=values["cache_seconds"])


register_section(
    Section(
        name="availability",
        what="waar de agenda's van collega's vandaan komen",
        keys={
            "source": Key("choice", "demo", choices=SOURCES),
            "cache_seconds": Key("float", 60.0, low=0.0, high=3600.0),
        },
        build=_build_availability,
        when_absent=True,
    )
)
register_section(
    Section(
        name="graph",
        what="Microsoft 365 (aanwezigheid en agenda's van collega's)",
        keys={
            "base_url": Key("url", GraphSettings.base_url),
            "mailbox": Key("str", "me", pattern=r"[A-Za-z0-9@._-]+", max_length=200),
            "secret": Key("keyring_name", "graph"),
            "timeout": Key("float", 10.0, low=0.5, high=120.0),
            "object_ids": Key("str_table", {}),
        },
        build=lambda values: GraphSettings(**values),
    )
)
register_section(
    Section(
        name="caldav",
        what="de agendaserver (CalDAV) van collega's",
        keys={
            "agenda_url": Key(
                "url", REQUIRED, hint='agenda_url = "https://agenda.example.nl/{user}/agenda/"'
            ),
            "absence_url": Key("url", None),
            "username": Key("str", REQUIRED, max_length=200, hint='username = "kcc-agent"'),
            "secret": Key("keyring_name", "caldav"),
            "timeout": Key("float", 10.0, low=0.5, high=120.0),
        },
        build=lambda values: CalDavSettings(**values),
    )
)


def availability_config(config: Config) -> AvailabilityConfig:
    """The three sections together; ``[caldav]`` must be there when it is the source.

    Raises:
        ConfigError: ``source = "caldav"`` without a ``[caldav]`` table.
    """
    chosen = config.section("availability") or AvailabilityConfig()
    graph = config.section("graph") or GraphSettings()
    caldav = config.section("caldav")
    if chosen.source == "caldav" and caldav is None:
        raise ConfigError(
            f'In {config.source} staat source = "caldav" bij [availability], maar [caldav] '
            "met agenda_url en username ontbreekt.",
            key="caldav",
        )
    return AvailabilityConfig(chosen.source, chosen.cache_seconds, graph, caldav)


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
        provider = token or _secret(secrets(), graph.secret, "graph token")
        client = GraphClient(base_url=graph.base_url, token=provider, timeout=graph.timeout)
        return GraphAvailabilitySource(
            organisation,
            client,
            object_ids=graph.object_ids,
            now=now,
            mailbox=graph.mailbox,
            cache_seconds=settings.cache_seconds,
        )
    if settings.source == "caldav" and settings.caldav is not None:
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
            absence_url=dav.absence_url or "",
            cache_seconds=settings.cache_seconds,
            timeout=dav.timeout,
        )
    return None
