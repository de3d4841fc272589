"""The ``[mail]`` section of the console's config file: servers and desk mailboxes.

The mail channel reads its own section (the console's config module stays unaware of it, so a
new channel adds no field there). Passwords are never in the file: each mailbox names its
keyring entry (``secret``, default ``mail:<address>``). Plain connections without TLS are only
allowed to this computer (tests, a local relay).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from console.channels import ChannelUnavailable, channel_section

_LOCAL = ("127.0.0.1", "localhost", "::1")
SECRET_KEYS = ("password", "wachtwoord", "token", "secret_value")


class MailConfigError(ChannelUnavailable):
    """The ``[mail]`` section cannot be used; ``message`` says in Dutch what to fix."""


@dataclass(frozen=True, slots=True)
class MailboxSettings:
    desk: str
    address: str
    user: str
    secret: str
    folder: str = "INBOX"
    post: bool = False  # the post room's mailbox: contacts count as post (N10)


@dataclass(frozen=True, slots=True)
class MailSettings:
    imap_host: str
    imap_port: int
    imap_security: str  # "tls" | "none"
    smtp_host: str
    smtp_port: int
    smtp_security: str  # "tls" | "starttls" | "none"
    smtp_login: bool
    timeout: float
    idle_seconds: float
    mailboxes: tuple[MailboxSettings, ...]


def read_mail_settings(path: Path | None, *, desk_mailboxes: dict[str, str]) -> MailSettings | None:
    """The ``[mail]`` section of ``path``; None when there is none (no mail channel).

    ``desk_mailboxes`` maps a desk id to its mailbox address from the organisation, the
    default for a mailbox that names only its desk.

    Raises:
        MailConfigError: the section is there but cannot be used.
    """
    try:
        table = channel_section(
            path, "mail", secret_keys=SECRET_KEYS, advice="kcc-console secrets set mail:<adres>"
        )
    except ChannelUnavailable as exc:
        raise MailConfigError(exc.message) from exc
    if table is None:
        return None
    assert path is not None
    where = f"[mail] in {path}"
    try:
        imap_host = str(table.get("imap_host", ""))
        smtp_host = str(table.get("smtp_host", imap_host))
        imap_security = str(table.get("imap_security", "tls"))
        smtp_security = str(table.get("smtp_security", "starttls"))
        settings = MailSettings(
            imap_host=imap_host,
            imap_port=int(table.get("imap_port", 993 if imap_security == "tls" else 143)),
            imap_security=imap_security,
            smtp_host=smtp_host,
            smtp_port=int(table.get("smtp_port", 465 if smtp_security == "tls" else 587)),
            smtp_security=smtp_security,
            smtp_login=bool(table.get("smtp_login", True)),
            timeout=float(table.get("timeout", 20.0)),
            idle_seconds=float(table.get("idle_seconds", 600.0)),
            mailboxes=tuple(_mailbox(m, desk_mailboxes, path) for m in table.get("mailbox", [])),
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise MailConfigError(f"Een waarde in {where} heeft de verkeerde vorm: {exc}.") from exc
    if not settings.imap_host:
        raise MailConfigError(f"In {where} ontbreekt imap_host (het adres van de mailserver).")
    for host, security, allowed in (
        (settings.imap_host, settings.imap_security, ("tls", "none")),
        (settings.smtp_host, settings.smtp_security, ("tls", "starttls", "none")),
    ):
        if security not in allowed:
            raise MailConfigError(f"In {where}: kies voor de beveiliging een van {allowed}.")
        if security == "none" and host not in _LOCAL:
            raise MailConfigError(
                f"In {where}: een verbinding zonder versleuteling mag alleen naar deze computer "
                f"(niet naar {host}). Gebruik tls of starttls."
            )
    return settings


def _mailbox(raw: dict, desk_mailboxes: dict[str, str], path: Path) -> MailboxSettings:
    desk = str(raw["desk"])
    address = str(raw.get("address") or desk_mailboxes.get(desk) or "")
    if "@" not in address:
        raise ValueError(f"mailbox voor afdeling '{desk}' heeft geen adres")
    for key in raw:
        if key.lower() in SECRET_KEYS:
            raise ValueError(f"zet geen wachtwoord in {path}; gebruik kcc-console secrets set")
    return MailboxSettings(
        desk=desk,
        address=address,
        user=str(raw.get("user", address)),
        secret=str(raw.get("secret", f"mail:{address}")),
        folder=str(raw.get("folder", "INBOX")),
        post=bool(raw.get("post", False)),
    )
