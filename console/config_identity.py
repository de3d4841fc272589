"""The config file's ``[identity]`` section (OpenID Connect sign-in) and ``organisation`` path.

Registered with the one config schema (``console.config``) when that module loads; read with
``config.section("identity")`` (None without an ``[identity]`` table) and
``config.organisation``. Example::

    organisation = "C:/KCC/organisatie.toml"   # relative: next to the config file

    [identity]
    issuer = "https://login.microsoftonline.com/<tenant>/v2.0"
    client_id = "8f1c…"                      # a public client: no secret on the desktop
    scopes = ["openid", "profile", "email", "offline_access"]
    role_claim = "groups"                    # or "roles" (Entra ID app roles)
    offline_grace_hours = 8
    [identity.roles]                         # claim value → role
    "KCC-Agenten" = "agent"
    "KCC-Backoffice" = "back_office"
    "KCC-Teamleiders" = "supervisor"

Pure; read once at start; values are immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.config import (
    REQUIRED,
    TOP_LEVEL,
    ConfigError,
    Key,
    Section,
    register_section,
)

ROLE_NAMES = ("agent", "back_office", "supervisor")
DEFAULT_SCOPES = ("openid", "profile", "email", "offline_access")


@dataclass(frozen=True)
class IdentityConfig:
    """Where and how the console signs its user in (public client, PKCE, loopback redirect)."""

    issuer: str
    client_id: str
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    role_claim: str = "groups"
    roles: dict[str, str] = field(default_factory=dict)  # claim value → agent|back_office|…
    email_claim: str = "email"  # Entra ID: "preferred_username" when e-mail is not released
    offline_grace_hours: float = 8.0
    timeout: float = 10.0  # per request to the provider
    sign_in_timeout: float = 300.0  # how long the browser step may take
    # "consent" where the provider hands out a refresh token only then (OIDC core 11);
    # "" for Entra ID, which gives one for offline_access without asking again.
    prompt: str = ""
    help_contact: str = "de functioneel beheerder"  # whom the messages tell the user to ask
    secret: str = "oidc-refresh-token"  # the keyring name of the refresh token


def _build(values: dict[str, Any]) -> IdentityConfig:
    roles = dict(values["roles"])
    for claim, role in roles.items():
        if role not in ROLE_NAMES:
            raise ConfigError(
                f"Instelling 'identity.roles' ('{claim}'): de rol bestaat niet. Kies uit: "
                f"{', '.join(ROLE_NAMES)}.",
                key=f"identity.roles.{claim}",
            )
    return IdentityConfig(
        issuer=values["issuer"].rstrip("/"),
        client_id=values["client_id"],
        scopes=tuple(values["scopes"]),
        role_claim=values["role_claim"],
        roles=roles,
        email_claim=values["email_claim"],
        offline_grace_hours=values["offline_grace_hours"],
        timeout=values["timeout"],
        sign_in_timeout=values["sign_in_timeout"],
        prompt=values["prompt"],
        help_contact=values["help_contact"],
        secret=values["secret"],
    )


_CLAIM = r"[A-Za-z0-9_.:/-]+"
register_section(
    Section(
        name="identity",
        what="het aanmelden met het account van de gemeente (OpenID Connect)",
        keys={
            "issuer": Key(
                "url", REQUIRED, hint='issuer = "https://login.microsoftonline.com/<id>/v2.0"'
            ),
            "client_id": Key("str", REQUIRED, pattern=r"[A-Za-z0-9._:-]+", max_length=200),
            "scopes": Key("str_list", DEFAULT_SCOPES),
            "role_claim": Key("str", "groups", pattern=_CLAIM, max_length=100),
            "roles": Key("str_table", {}),
            "email_claim": Key("str", "email", pattern=_CLAIM, max_length=100),
            "offline_grace_hours": Key("float", 8.0, low=0.0, high=24.0 * 30),
            "timeout": Key("float", 10.0, low=0.5, high=120.0),
            "sign_in_timeout": Key("float", 300.0, low=5.0, high=3600.0),
            "prompt": Key("choice", "", choices=("", "consent", "login", "select_account")),
            "help_contact": Key("str", "de functioneel beheerder", max_length=200),
            "secret": Key("keyring_name", "oidc-refresh-token"),
        },
        build=_build,
    )
)
TOP_LEVEL["organisation"] = Key(
    "str", None, max_length=1000, hint='organisation = "organisatie.toml"'
)


def organisation_path(value: str | None, config_path: Path) -> Path | None:
    """The top-level ``organisation`` path; a relative one is next to the config file."""
    if not value:
        return None
    found = Path(value).expanduser()
    return found if found.is_absolute() else config_path.parent / found
