"""The console's configuration file (TOML): which mode, which adapters, their URLs.

No secrets in it: those live in the OS keyring. Absent file → demo mode with defaults. Read once
at start by the composition root; the values are plain and immutable.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(Exception):
    """The configuration file cannot be used; ``message`` says in Dutch what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TelephonyConfig:
    """``[telephony]``: ``kind = "demo"`` (default) or ``"baresip"`` with its control port.

    ``start = true`` starts baresip with a generated config (``account``, ``sip_listen``);
    false attaches to a running one. ``dial_domain`` turns an extension or number into
    ``sip:<number>@<dial_domain>``; ``[telephony.directory]`` maps target ids to SIP addresses.
    """

    kind: str = "demo"
    ctrl_port: int = 4444
    start: bool = True
    account: str = "sip:agent@127.0.0.1:5080"
    sip_listen: str = "127.0.0.1:5080"
    executable: str = "baresip"
    dial_domain: str = ""
    directory: dict[str, str] = field(default_factory=dict)
    audio_source: str = "ausine,440"  # headless default; "alsa,default" at a desk
    audio_player: str = ""  # "" → no sound card (aubridge)
    audio_modules: tuple[str, ...] = ("ausine.so", "aubridge.so")


@dataclass(frozen=True)
class KlantinteractiesConfig:
    """Where the shared system of record (Open Klant) is; its token is in the keyring."""

    base_url: str
    timeout: float = 10.0
    connect_timeout: float = 5.0
    actor_id: str | None = None  # this agent's actor uuid; looked up by user id when absent
    sync_interval: float = 30.0
    secret: str = "klantinteracties"  # the keyring name of the token
    ca_file: str | None = None  # PEM of the municipality's own CA; else the OS trust store


MODES = ("demo", "connected")
# Keys that would put a secret in the file: refused, with the command that stores it safely.
SECRET_KEYS = ("token", "api_key", "apikey", "password", "secret_value", "key")


@dataclass(frozen=True)
class Config:
    mode: str = "demo"
    demo_pace_per_minute: float = 2.0
    demo_seed: int = 7
    demo_user: str = "c01"
    include_good_friday: bool = False
    source: Path | None = None
    telephony: TelephonyConfig = field(default_factory=TelephonyConfig)
    klantinteracties: KlantinteractiesConfig | None = None


def _klantinteracties(raw: dict, path: Path) -> KlantinteractiesConfig:
    table = raw.get("klantinteracties")
    if not isinstance(table, dict) or not table.get("base_url"):
        raise ConfigError(
            f"In {path} ontbreekt [klantinteracties] met base_url (het adres van Open Klant)."
        )
    secret = str(table.get("secret", "klantinteracties"))
    for key in table:
        if key.lower() in SECRET_KEYS:
            raise ConfigError(
                f"Zet geen toegangssleutel in {path} (gevonden: '{key}'). Haal die regel weg "
                f"en bewaar de sleutel veilig met: kcc-console secrets set {secret}"
            )
    base_url = str(table["base_url"])
    if not base_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ConfigError(
            f"Het adres {base_url} in {path} moet met https:// beginnen (alleen een test op "
            "deze computer mag http gebruiken)."
        )
    return KlantinteractiesConfig(
        base_url=base_url,
        timeout=float(table.get("timeout", 10.0)),
        connect_timeout=float(table.get("connect_timeout", 5.0)),
        actor_id=str(table["actor_id"]) if table.get("actor_id") else None,
        sync_interval=float(table.get("sync_interval", 30.0)),
        secret=secret,
        ca_file=str(table["ca_file"]) if table.get("ca_file") else None,
    )


def load_config(path: Path | None) -> Config:
    """Read ``path``; None means demo mode with defaults.

    Raises:
        ConfigError: unreadable file, not TOML, or values of the wrong kind.
    """
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"Het instellingenbestand {path} bestaat niet.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Het instellingenbestand {path} is niet te lezen.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"Het instellingenbestand {path} bevat een fout ({exc}). Herstel het bestand "
            "of start zonder --config voor de demo."
        ) from exc
    mode = raw.get("mode", "demo")
    if mode not in MODES:
        raise ConfigError(
            f"De modus '{mode}' in {path} bestaat niet. Gebruik mode = \"demo\" of "
            'mode = "connected".'
        )
    demo = raw.get("demo", {})
    try:
        klantinteracties = _klantinteracties(raw, path) if mode == "connected" else None
        return Config(
            klantinteracties=klantinteracties,
            mode=mode,
            demo_pace_per_minute=float(demo.get("pace_per_minute", 2.0)),
            demo_seed=int(demo.get("seed", 7)),
            demo_user=str(demo.get("user", "c01")),
            include_good_friday=bool(raw.get("calendar", {}).get("good_friday_closed", False)),
            source=path,
            telephony=_telephony(raw.get("telephony", {})),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Een waarde in {path} heeft de verkeerde vorm: {exc}.") from exc


def _telephony(raw: dict) -> TelephonyConfig:
    kind = str(raw.get("kind", "demo"))
    if kind not in ("demo", "baresip"):
        raise ValueError(f"telephony.kind '{kind}' (kies demo of baresip)")
    defaults = TelephonyConfig()
    return TelephonyConfig(
        kind=kind,
        ctrl_port=int(raw.get("ctrl_port", defaults.ctrl_port)),
        start=bool(raw.get("start", defaults.start)),
        account=str(raw.get("account", defaults.account)),
        sip_listen=str(raw.get("sip_listen", defaults.sip_listen)),
        executable=str(raw.get("executable", defaults.executable)),
        dial_domain=str(raw.get("dial_domain", "")),
        directory={str(k): str(v) for k, v in dict(raw.get("directory", {})).items()},
        audio_source=str(raw.get("audio_source", defaults.audio_source)),
        audio_player=str(raw.get("audio_player", defaults.audio_player)),
        audio_modules=tuple(str(m) for m in raw.get("audio_modules", defaults.audio_modules)),
    )
