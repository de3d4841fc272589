"""The Matrix channel: website chat, bridged WhatsApp/Facebook/Instagram and "bel me" as rooms.

``matrix_channels`` is the factory the composition root's channel registry calls. It reads the
``[matrix]`` section of the config file (the console's config module only lets it through) and
returns one registration for the desk's Matrix account:

```toml
[matrix]
homeserver = "https://matrix.westbetuwe.nl"   # https, or http to this computer only
user_id = "@kcc:westbetuwe.nl"                 # the desk's account
desk = "kcc"                                   # the desk that owns its conversations
secret = "matrix"                              # keyring name of its access token (default)
```

The access token is never in the file: ``kcc-console secrets set matrix``.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlsplit

from console.channels import (
    ChannelContext,
    ChannelRegistration,
    ChannelUnavailable,
    channel_section,
)
from console.ports import SecretMissing

SECRET_KEYS = ("token", "access_token", "password", "wachtwoord")


class MatrixConfigError(ChannelUnavailable):
    """The ``[matrix]`` section cannot be used; ``message`` says in Dutch what to fix."""


@dataclass(frozen=True, slots=True)
class MatrixSettings:
    homeserver: str
    user_id: str
    desk: str
    secret: str = "matrix"
    timeout: float = 10.0
    long_poll_seconds: float = 25.0


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def read_matrix_settings(path: Path | None) -> MatrixSettings | None:
    """The ``[matrix]`` section of ``path``; None when there is none (no chat channel).

    Raises:
        MatrixConfigError: the section is there but cannot be used.
    """
    try:
        table = channel_section(
            path, "matrix", secret_keys=SECRET_KEYS, advice="kcc-console secrets set matrix"
        )
    except ChannelUnavailable as exc:
        raise MatrixConfigError(exc.message) from exc
    if table is None:
        return None
    where = f"[matrix] in {path}"
    try:
        settings = MatrixSettings(
            homeserver=str(table["homeserver"]).rstrip("/"),
            user_id=str(table["user_id"]),
            desk=str(table["desk"]),
            secret=str(table.get("secret", "matrix")),
            timeout=float(table.get("timeout", 10.0)),
            long_poll_seconds=float(table.get("long_poll_seconds", 25.0)),
        )
    except KeyError as exc:
        raise MatrixConfigError(f"In {where} ontbreekt {exc.args[0]}.") from exc
    except (TypeError, ValueError) as exc:
        raise MatrixConfigError(f"Een waarde in {where} heeft de verkeerde vorm.") from exc
    url = urlsplit(settings.homeserver)
    if url.scheme != "https" and not (url.scheme == "http" and _loopback(url.hostname or "")):
        raise MatrixConfigError(
            f"In {where}: het adres van de chatserver moet met https:// beginnen (alleen een "
            "server op deze computer mag http gebruiken)."
        )
    if not settings.user_id.startswith("@") or ":" not in settings.user_id:
        raise MatrixConfigError(f"In {where}: user_id moet de vorm @naam:server hebben.")
    if not 1 <= settings.long_poll_seconds <= 120 or not 1 <= settings.timeout <= 120:
        raise MatrixConfigError(f"In {where}: kies wachttijden tussen 1 en 120 seconden.")
    return settings


async def matrix_channels(context: ChannelContext) -> list[ChannelRegistration]:
    """One registration for the desk's Matrix account; none without a ``[matrix]`` section.

    Raises:
        MatrixConfigError: the section cannot be used (Dutch message).
        SecretMissing: the access token is not in the keyring.
    """
    settings = read_matrix_settings(context.config_source)
    if settings is None:
        return []
    # Imported only when a [matrix] section is there: httpx is a tenth of a second of the
    # console's start (B6), and a console without chat never needs it.
    from integrations.matrix.channel import MatrixReplySender, MatrixRoomSource
    from integrations.matrix.client import MatrixClient

    if context.organisation.desk(settings.desk) is None:
        raise MatrixConfigError(
            f"De afdeling '{settings.desk}' in [matrix] staat niet in het organisatiebestand."
        )
    token = await context.secrets.get(settings.secret)
    if not token:
        raise SecretMissing(settings.secret)

    def make_client() -> MatrixClient:
        return MatrixClient(settings.homeserver, token, timeout=settings.timeout)

    source = MatrixRoomSource(
        make_client,
        user_id=settings.user_id,
        desk_id=settings.desk,
        long_poll_ms=int(settings.long_poll_seconds * 1000),
    )
    return [
        ChannelRegistration(
            source=source,
            sender=MatrixReplySender(make_client),
            address=settings.user_id,
            acknowledge=False,  # N11's own reply, not the mail acknowledgement (N9)
        )
    ]
