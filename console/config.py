"""The console's configuration file (TOML): which mode, which adapters, their URLs.

One declarative schema checks the whole file before anything starts: every section is a small
table of ``Key`` entries (type, default, range) registered with ``register_section``. Unknown
keys, wrong types, values out of range, secrets and plain-http URLs are refused with a Dutch
message that names the key and, when it can be found, the line; the CLI turns that into exit
code 2 without a traceback. A value from the file is never repeated in a message (it might be a
secret typed in the wrong place).

No secrets in the file: those live in the OS keyring (``kcc-console secrets set NAME``). Absent
file → demo mode with defaults. Read once at start by the composition root; the values are
plain and immutable. Pure functions, any thread.

Adding a section (other adapters)::

    register_section(Section(
        name="graph",
        what="Microsoft Graph (agenda's van collega's)",
        keys={
            "base_url": Key("url", REQUIRED),
            "timeout": Key("float", 10.0, low=0.5, high=120.0),
            "secret": Key("keyring_name", "graph"),
        },
        build=lambda values: GraphConfig(**values),
    ))

and read it with ``config.section("graph")`` (None when the file has no ``[graph]``).
"""

from __future__ import annotations

import ipaddress
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from console.domain.errors import UserFacingError
from console.i18n import QT_TRANSLATE_NOOP


class ConfigError(UserFacingError):
    """The configuration file cannot be used; ``message`` says in Dutch what to fix.

    ``key`` is the dotted name of the setting at fault (``telephony.ctrl_port``) when there is
    one, ``line`` its line in the file when it could be found.
    """

    default_message = QT_TRANSLATE_NOOP("errors", "Het instellingenbestand is niet te gebruiken.")

    def __init__(self, message: str, *, key: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.line = line


# -- the typed results ---------------------------------------------------------------------------


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
    # Headless default that answers PCMU/PCMA and opus alike; "alsa,default" at a desk.
    audio_source: str = "aubridge,kcc-in"
    audio_player: str = ""  # "" → no sound card (aubridge)
    audio_modules: tuple[str, ...] = ("aubridge.so",)
    max_calls: int = 4  # calls ringing or connected at once; more get "bezet" and a record


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
    organisation: Path | None = None  # the organisation file (issue 12; console/config_identity)
    # Sections registered by other adapters (name → their built value); see ``section``.
    sections: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def section(self, name: str) -> Any:
        """The built value of a registered section, or None when the file does not have it."""
        return self.sections.get(name)


# -- the schema ----------------------------------------------------------------------------------


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""Default of a key that must be in its section."""


@dataclass(frozen=True)
class Key:
    """One setting: its ``kind``, default and allowed values.

    Kinds: ``bool``, ``int``, ``float`` (finite; ``low``/``high`` bound both numbers), ``str``
    (``pattern`` optional), ``choice`` (one of ``choices``), ``url`` (parsed; https, or http to a
    literal loopback address), ``keyring_name`` (the name of a secret in the keyring, never the
    secret itself), ``str_list`` and ``str_table`` (a nested table of text → text).
    """

    kind: str
    default: Any = REQUIRED
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    max_length: int = 500
    hint: str = ""  # Dutch: an example of a good value, added to the message


@dataclass(frozen=True)
class Section:
    """A ``[name]`` table: its keys and how to build the typed value from the checked values.

    ``build`` gets every key (defaults filled in). With ``when_absent`` the section is built
    from its defaults when the file does not have it; otherwise it is None.
    """

    name: str
    what: str  # Dutch: what the section is for
    keys: Mapping[str, Key]
    build: Callable[[dict[str, Any]], object] = dict
    when_absent: bool = False


SECTIONS: dict[str, Section] = {}
TOP_LEVEL: dict[str, Key] = {"mode": Key("choice", "demo", choices=MODES)}
# Channel sections whose keys their own package checks when the channel starts (issue 14: a new
# channel adds no field here). The schema lets them through; secrets in them are still refused.
CHANNEL_SECTIONS: frozenset[str] = frozenset({"mail", "matrix"})


def register_section(section: Section) -> Section:
    """Add ``section`` to the schema (at import time of the module that defines it)."""
    if section.name in SECTIONS or section.name in TOP_LEVEL:
        raise ValueError(f"config section {section.name!r} is registered twice")
    SECTIONS[section.name] = section
    return section


_NAME = r"[A-Za-z0-9_.:@+-]+"
register_section(
    Section(
        name="demo",
        what="het gesimuleerde verkeer van de demo",
        keys={
            "pace_per_minute": Key("float", 2.0, low=0.1, high=6000.0),
            "seed": Key("int", 7, low=0, high=2**31 - 1),
            "user": Key("str", "c01", pattern=_NAME, max_length=64, hint='user = "c01"'),
        },
        when_absent=True,
    )
)
register_section(
    Section(
        name="calendar",
        what="de werkdagen",
        keys={"good_friday_closed": Key("bool", False)},
        when_absent=True,
    )
)
register_section(
    Section(
        name="telephony",
        what="de telefoon (baresip)",
        keys={
            "kind": Key("choice", "demo", choices=("demo", "baresip")),
            "ctrl_port": Key("int", 4444, low=1, high=65535),
            "start": Key("bool", True),
            "account": Key(
                "str",
                TelephonyConfig.account,
                pattern=r"sips?:\S+",
                max_length=200,
                hint='account = "sip:2101@pbx.example"',
            ),
            "sip_listen": Key(
                "str",
                TelephonyConfig.sip_listen,
                pattern=r"\S+:\d{1,5}",
                max_length=200,
                hint='sip_listen = "0.0.0.0:5080"',
            ),
            "executable": Key("str", TelephonyConfig.executable, max_length=1000),
            "dial_domain": Key("str", "", pattern=r"[A-Za-z0-9.:\[\]-]*", max_length=200),
            "directory": Key("str_table", {}),
            "audio_source": Key("str", TelephonyConfig.audio_source, max_length=200),
            "audio_player": Key("str", TelephonyConfig.audio_player, max_length=200),
            "audio_modules": Key("str_list", TelephonyConfig.audio_modules),
            "max_calls": Key("int", TelephonyConfig.max_calls, low=1, high=32),
        },
        build=lambda values: TelephonyConfig(**values),
        when_absent=True,
    )
)
register_section(
    Section(
        name="klantinteracties",
        what="Open Klant (het gedeelde klantbeeld)",
        keys={
            "base_url": Key("url", REQUIRED, hint='base_url = "https://openklant.example.nl"'),
            "timeout": Key("float", 10.0, low=0.5, high=300.0),
            "connect_timeout": Key("float", 5.0, low=0.5, high=120.0),
            "actor_id": Key("str", None, pattern=r"[A-Za-z0-9-]+", max_length=64),
            # Polling more often than every 5 s floods the shared server for no gain.
            "sync_interval": Key("float", 30.0, low=5.0, high=3600.0),
            "secret": Key("keyring_name", "klantinteracties"),
            # The municipality's own CA (PEM file); without it the OS trust store decides.
            "ca_file": Key("str", None, max_length=1000),
        },
        build=lambda values: KlantinteractiesConfig(**values),
    )
)

# -- secrets in the file -------------------------------------------------------------------------

# Key names that would put a secret in the file, whatever section they are in.
SECRET_KEYS = frozenset(
    {
        "token",
        "api_key",
        "apikey",
        "password",
        "passwd",
        "pwd",
        "secret_value",
        "key",
        "client_secret",
        "credentials",
        "credential",
        "bearer",
        "authorization",
        "private_key",
        "passphrase",
        "access_key",
        "secret_key",
    }
)
SECRET_SUFFIXES = ("_token", "_password", "_secret", "_apikey", "_api_key", "_passphrase")
URL_SECRET_PARAMS = frozenset(
    {"token", "access_token", "api_key", "apikey", "key", "password", "secret", "sig", "code"}
)
# A keyring name is made of short words joined by . _ -, each a word with at most a few digits
# ("klantinteracties", "graph-prod", "oidc.client2"); a token is a long mix of letters and
# digits ("3f9a…", "eyJhbGci…").
_KEYRING_PART = re.compile(r"(?:[a-z]{1,24}|[A-Z]{1,24}|[A-Z][a-z]{1,23})[0-9]{0,4}|[0-9]{1,4}")
_LOOKS_LIKE_TOKEN = re.compile(r"^(?:eyJ|Bearer\s|Basic\s|gh[pousr]_|xox[abp]-)", re.I)


def is_keyring_name(value: str) -> bool:
    """True for a plausible keyring name, False for anything that looks like a secret value."""
    if not 1 <= len(value) <= 64 or _LOOKS_LIKE_TOKEN.match(value):
        return False
    return all(_KEYRING_PART.fullmatch(part) for part in re.split(r"[._-]", value))


def _is_secret_key(key: str) -> bool:
    name = key.strip().lower().replace("-", "_")
    return name in SECRET_KEYS or name.endswith(SECRET_SUFFIXES)


# -- finding a key's line ------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(_unquote(p) for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', text))


def find_line(text: str, path: tuple[str, ...]) -> int | None:
    """The 1-based line where the key (or table) at ``path`` is set, if it can be found."""
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            if table == path:
                return number
            continue
        if "=" not in line or line.lstrip().startswith("#"):
            continue
        key = _dotted(line.split("=", 1)[0].strip())
        full = table + key
        if full == path or (len(full) < len(path) and path[: len(full)] == full):
            return number
    return None


# -- checking ------------------------------------------------------------------------------------


class _Checker:
    """Checks one parsed file against the schema; every failure is a ``ConfigError``."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, keypath: tuple[str, ...], problem: str) -> ConfigError:
        line = find_line(self.text, keypath)
        dotted = ".".join(keypath)
        where = f"regel {line} van {self.path}" if line else f"{self.path}"
        return ConfigError(f"Instelling '{dotted}' ({where}): {problem}", key=dotted, line=line)

    # secrets first: a secret must be refused as a secret, not as an unknown key
    def refuse_secrets(self, table: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> None:
        for key, value in table.items():
            keypath = (*prefix, key)
            if _is_secret_key(key):
                raise self.fail(
                    keypath,
                    "zet geen wachtwoord of toegangssleutel in dit bestand. Haal deze regel weg "
                    "en bewaar de sleutel veilig in de sleutelbos met: "
                    f"kcc-console secrets set {self._secret_name(prefix)}",
                )
            if isinstance(value, dict):
                self.refuse_secrets(value, keypath)
            elif isinstance(value, str):
                if key.strip().lower() == "secret" and not is_keyring_name(value):
                    # "secret" names a keyring entry; anything else there is the secret itself.
                    raise self.fail(
                        keypath,
                        "hier hoort de naam van een sleutel in de sleutelbos, niet de sleutel "
                        "zelf. Haal de waarde weg en bewaar de sleutel veilig met: "
                        f"kcc-console secrets set {self._secret_name(prefix)}",
                    )
                self._refuse_secret_value(keypath, value, prefix)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, str):
                        self._refuse_secret_value(keypath, item, prefix)

    def _refuse_secret_value(self, keypath: tuple[str, ...], value: str, prefix) -> None:
        command = f"kcc-console secrets set {self._secret_name(prefix)}"
        if _LOOKS_LIKE_TOKEN.match(value.strip()):
            raise self.fail(
                keypath,
                "dit lijkt een toegangssleutel. Die hoort niet in dit bestand. Haal de waarde "
                f"weg en bewaar de sleutel veilig met: {command}",
            )
        sip = re.match(r"sips?:([^@;?]*)@", value.strip(), re.IGNORECASE)
        if sip and ":" in sip.group(1):  # sip:user:password@host (RFC 3261 allows, we don't)
            raise self.fail(
                keypath,
                "dit SIP-adres bevat een wachtwoord. Zet alleen sip:gebruiker@server hier en "
                f"bewaar het wachtwoord veilig met: {command}",
            )
        if "://" in value:
            try:
                parts = urlsplit(value.strip())
                has_userinfo = bool(parts.username or parts.password)
                query = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
            except ValueError:
                return  # a broken URL is reported by the type check, without its text
            # Any "@" may carry a user name or password, also where urlsplit does not look
            # for one ("https://host?:pw@other").
            if has_userinfo or "@" in value or query & URL_SECRET_PARAMS:
                raise self.fail(
                    keypath,
                    "dit adres bevat een gebruikersnaam, wachtwoord of sleutel. Zet alleen het "
                    f"adres hier en bewaar de sleutel veilig met: {command}",
                )

    def _secret_name(self, prefix: tuple[str, ...]) -> str:
        section = SECTIONS.get(prefix[0]) if prefix else None
        if section is None:
            return "klantinteracties" if not prefix else prefix[0]
        secret = section.keys.get("secret")
        if secret is not None and isinstance(secret.default, str):
            return secret.default
        return section.name

    def value(self, keypath: tuple[str, ...], key: Key, value: Any) -> Any:
        kind = key.kind
        if kind == "bool":
            if not isinstance(value, bool):
                extra = " (zonder aanhalingstekens)" if isinstance(value, str) else ""
                raise self.fail(keypath, f"kies true of false{extra}.")
            return value
        if kind in ("int", "float"):
            whole = kind == "int"
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(keypath, f"hier hoort {self._range_text(key, whole)}.")
            if whole and not isinstance(value, int):
                raise self.fail(keypath, f"hier hoort {self._range_text(key, whole)}.")
            if isinstance(value, float) and not math.isfinite(value):
                raise self.fail(keypath, f"hier hoort {self._range_text(key, whole)}.")
            if (key.low is not None and value < key.low) or (
                key.high is not None and value > key.high
            ):
                raise self.fail(keypath, f"hier hoort {self._range_text(key, whole)}.")
            return int(value) if whole else float(value)
        if kind == "choice":
            if not isinstance(value, str) or value not in key.choices:
                options = " of ".join(key.choices)
                raise self.fail(keypath, f"kies {options} (tussen aanhalingstekens).")
            return value
        if kind == "str":
            return self._text(keypath, key, value)
        if kind == "keyring_name":
            if not isinstance(value, str) or not is_keyring_name(value):
                default = key.default if isinstance(key.default, str) else "naam"
                raise self.fail(
                    keypath,
                    "hier hoort de naam van een sleutel in de sleutelbos, niet de sleutel zelf. "
                    f'Zet bijvoorbeeld secret = "{default}" en bewaar de sleutel veilig met: '
                    f"kcc-console secrets set {default}",
                )
            return value
        if kind == "url":
            return self._url(keypath, key, value)
        if kind == "str_list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.fail(keypath, 'hier hoort een lijst met tekst, zoals ["a", "b"].')
            return tuple(value)
        if kind == "str_table":
            if not isinstance(value, dict):
                raise self.fail(keypath, f"hier hoort een tabel [{'.'.join(keypath)}].")
            for k, v in value.items():
                if not isinstance(v, str) or not v.strip():
                    raise self.fail((*keypath, k), "hier hoort tekst tussen aanhalingstekens.")
            return dict(value)
        raise ValueError(f"unknown key kind {kind!r}")  # a schema bug, not a user error

    @staticmethod
    def _range_text(key: Key, whole: bool) -> str:
        noun = "een heel getal" if whole else "een getal"
        fmt = (lambda x: f"{int(x)}") if whole else (lambda x: f"{x:g}".replace(".", ","))
        if key.low is not None and key.high is not None:
            return f"{noun} van {fmt(key.low)} tot en met {fmt(key.high)}"
        if key.low is not None:
            return f"{noun} van minstens {fmt(key.low)}"
        if key.high is not None:
            return f"{noun} van hoogstens {fmt(key.high)}"
        return noun

    def _text(self, keypath: tuple[str, ...], key: Key, value: Any) -> str:
        example = f" Bijvoorbeeld: {key.hint}" if key.hint else ""
        if not isinstance(value, str):
            raise self.fail(keypath, f"hier hoort tekst tussen aanhalingstekens.{example}")
        if len(value) > key.max_length or any(ord(c) < 32 for c in value):
            raise self.fail(keypath, f"deze tekst is te lang of bevat vreemde tekens.{example}")
        if key.pattern is not None and value and not re.fullmatch(key.pattern, value):
            raise self.fail(keypath, f"deze waarde heeft niet de goede vorm.{example}")
        return value

    def _url(self, keypath: tuple[str, ...], key: Key, value: Any) -> str:
        example = f" Bijvoorbeeld: {key.hint}" if key.hint else ""
        if not isinstance(value, str) or not value or len(value) > 2000:
            raise self.fail(keypath, f"hier hoort een internetadres.{example}")
        try:
            parts = urlsplit(value)
            host = parts.hostname
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError:
            raise self.fail(keypath, f"dit is geen geldig internetadres.{example}") from None
        if (
            parts.scheme not in ("https", "http")
            or not host
            or any(c.isspace() for c in value)
            or parts.fragment
        ):
            raise self.fail(keypath, f"dit is geen geldig internetadres.{example}")
        if parts.scheme == "http" and not is_loopback_host(host):
            raise self.fail(
                keypath,
                "het adres moet met https:// beginnen. Alleen een test op deze computer "
                "(127.0.0.1, ::1 of localhost) mag http:// gebruiken.",
            )
        return value


def is_loopback_host(host: str) -> bool:
    """True for "localhost" exactly and literal loopback addresses (127.0.0.0/8, ::1).

    Names that merely start with them (``localhost.evil.example``, ``127.0.0.1.nip.io``) are
    not loopback: they resolve wherever their owner wants.
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check(raw: Mapping[str, Any], *, path: Path, text: str) -> dict[str, Any]:
    """Check a parsed file against the schema; the checked values per section.

    Returns ``{"": top-level values, section name: values or None}``, defaults filled in.

    Raises:
        ConfigError: the first problem found, naming the key and line.
    """
    checker = _Checker(path, text)
    checker.refuse_secrets(raw)
    result: dict[str, Any] = {"": {}}
    for name, value in raw.items():
        if name in TOP_LEVEL or name in CHANNEL_SECTIONS:
            continue
        if name not in SECTIONS:
            known = ", ".join(
                sorted([*TOP_LEVEL, *(f"[{s}]" for s in [*SECTIONS, *CHANNEL_SECTIONS])])
            )
            raise checker.fail((name,), f"deze instelling bestaat niet. Wel bekend: {known}.")
        if not isinstance(value, dict):
            raise checker.fail(
                (name,), f"dit moet een tabel zijn: zet de instellingen onder een regel [{name}]."
            )
    for name, key in TOP_LEVEL.items():
        result[""][name] = checker.value((name,), key, raw[name]) if name in raw else key.default
    for name, section in SECTIONS.items():
        table = raw.get(name)
        if table is None:
            result[name] = _defaults(section) if section.when_absent else None
            if result[name] is None and section.when_absent:
                raise checker.fail((name,), "deze tabel ontbreekt.")
            continue
        values: dict[str, Any] = {}
        for key_name in table:
            if key_name not in section.keys:
                known = ", ".join(sorted(section.keys))
                raise checker.fail(
                    (name, key_name),
                    f"deze instelling bestaat niet in [{name}] ({section.what}). "
                    f"Wel bekend: {known}.",
                )
        for key_name, key in section.keys.items():
            if key_name in table:
                values[key_name] = checker.value((name, key_name), key, table[key_name])
            elif key.default is REQUIRED:
                example = f" Bijvoorbeeld: {key.hint}" if key.hint else ""
                raise checker.fail(
                    (name,),
                    f"'{key_name}' ontbreekt in [{name}] ({section.what}).{example}",
                )
            else:
                values[key_name] = _copy(key.default)
        result[name] = values
    return result


def _copy(default: Any) -> Any:
    return dict(default) if isinstance(default, dict) else default


def _defaults(section: Section) -> dict[str, Any] | None:
    if any(k.default is REQUIRED for k in section.keys.values()):
        return None
    return {name: _copy(key.default) for name, key in section.keys.items()}


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"Het instellingenbestand {path} bestaat niet.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Het instellingenbestand {path} is niet te lezen.") from exc
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's text names the position ("at line 3, column 9"), never the value.
        position = re.search(r"line (\d+)", str(exc))
        line = int(position.group(1)) if position else None
        where = f" op regel {line}" if line else ""
        raise ConfigError(
            f"Het instellingenbestand {path} bevat een fout{where} ({exc}). Herstel het "
            "bestand of start zonder --config voor de demo.",
            line=line,
        ) from None


def load_config(path: Path | None) -> Config:
    """Read and check ``path``; None means demo mode with defaults.

    Raises:
        ConfigError: unreadable file, not TOML, an unknown key, a value of the wrong kind or
            out of range, a secret in the file, or a URL that is not https.
    """
    if path is None:
        return Config()
    text, raw = _read(path)
    values = check(raw, path=path, text=text)
    mode = values[""]["mode"]
    klantinteracties = None
    if mode == "connected":
        if values["klantinteracties"] is None:
            raise ConfigError(
                f"In {path} ontbreekt [klantinteracties] met base_url (het adres van Open "
                'Klant). Zet die erin, of kies mode = "demo".',
                key="klantinteracties",
            )
        klantinteracties = SECTIONS["klantinteracties"].build(values["klantinteracties"])
    demo, calendar = values["demo"], values["calendar"]
    builtin = {"demo", "calendar", "telephony", "klantinteracties"}
    sections = {
        name: SECTIONS[name].build(v)
        for name, v in values.items()
        if name and name not in builtin and v is not None
    }
    return Config(
        mode=mode,
        demo_pace_per_minute=demo["pace_per_minute"],
        demo_seed=demo["seed"],
        demo_user=demo["user"],
        include_good_friday=calendar["good_friday_closed"],
        source=path,
        telephony=SECTIONS["telephony"].build(values["telephony"]),  # type: ignore[arg-type]
        klantinteracties=klantinteracties,  # type: ignore[arg-type]
        organisation=_identity.organisation_path(values[""].get("organisation"), path),
        sections=MappingProxyType(sections),
    )


# Sections registered by other modules of the console; imported last, when the schema exists.
import console.config_identity as _identity  # noqa: E402 - issue 12: [identity], organisation
from console import availability_setup as _availability_setup  # noqa: E402, F401
from console import config_privacy as _privacy  # noqa: E402, F401 - issue 11: [privacy]
from console import config_speech as _speech  # noqa: E402, F401 - issue 16: [speech]
from console import config_ui as _ui  # noqa: E402, F401 - issue 16: [ui] language
