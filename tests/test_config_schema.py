"""The config file as a user gets it wrong: each bad case ends in a Dutch message naming the
key and line, exit code 2, no traceback, and a secret put in the file is never echoed."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from console.config import (
    SECTIONS,
    ConfigError,
    Key,
    Section,
    is_keyring_name,
    is_loopback_host,
    load_config,
    register_section,
)

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a"  # what an Open Klant token looks like
CONNECTED = 'mode = "connected"\n[klantinteracties]\nbase_url = "https://openklant.example.nl"\n'


def run_cli(*args: str, env: dict[str, str] | None = None, drop: tuple[str, ...] = ()):
    full_env = {k: v for k, v in os.environ.items() if k not in drop}
    full_env.update({"QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# (id, file text, key named in the message, its line, a Dutch phrase the message must carry)
BAD_CONFIGS = [
    ("demo_not_a_table", 'demo = "x"\n', "demo", 1, "moet een tabel zijn"),
    ("seed_inf", "[demo]\nseed = inf\n", "demo.seed", 2, "heel getal"),
    ("seed_float", "[demo]\nseed = 1.5\n", "demo.seed", 2, "heel getal"),
    ("pace_negative", "[demo]\npace_per_minute = -1\n", "demo.pace_per_minute", 2, "getal"),
    ("pace_nan", "[demo]\npace_per_minute = nan\n", "demo.pace_per_minute", 2, "getal"),
    ("port_too_big", "[telephony]\nctrl_port = 99999\n", "telephony.ctrl_port", 2, "65535"),
    ("port_text", '[telephony]\nctrl_port = "4444"\n', "telephony.ctrl_port", 2, "heel getal"),
    ("false_as_text", '[telephony]\nstart = "false"\n', "telephony.start", 2, "true of false"),
    (
        "good_friday_text",
        '[calendar]\ngood_friday_closed = "false"\n',
        "calendar.good_friday_closed",
        2,
        "zonder aanhalingstekens",
    ),
    (
        "bool_as_number",
        "[calendar]\ngood_friday_closed = 0\n",
        "calendar.good_friday_closed",
        2,
        "true of false",
    ),
    (
        "sync_interval_zero",
        CONNECTED + "sync_interval = 0\n",
        "klantinteracties.sync_interval",
        4,
        "van 5 tot en met 3600",
    ),
    ("timeout_text", CONNECTED + 'timeout = "tien"\n', "klantinteracties.timeout", 4, "getal"),
    ("unknown_top_key", 'mode = "demo"\nkleur = "blauw"\n', "kleur", 2, "bestaat niet"),
    ("unknown_section_key", "[demo]\nspeed = 3\n", "demo.speed", 2, "bestaat niet"),
    ("unknown_mode", 'mode = "live"\n', "mode", 1, "kies demo of connected"),
    (
        "unknown_phone_kind",
        '[telephony]\nkind = "asterisk"\n',
        "telephony.kind",
        2,
        "kies demo of baresip",
    ),
    (
        "directory_not_text",
        "[telephony.directory]\nc18 = 5\n",
        "telephony.directory.c18",
        2,
        "tekst",
    ),
    (
        "missing_base_url",
        'mode = "connected"\n[klantinteracties]\ntimeout = 3\n',
        "klantinteracties",
        2,
        "base_url",
    ),
    (
        "http_lookalike_host",
        CONNECTED.replace("https://openklant.example.nl", "http://localhost.evil.example"),
        "klantinteracties.base_url",
        3,
        "https://",
    ),
    (
        "http_ip_lookalike",
        CONNECTED.replace("https://openklant.example.nl", "http://127.0.0.1.nip.io:8000"),
        "klantinteracties.base_url",
        3,
        "https://",
    ),
    (
        "http_remote",
        CONNECTED.replace("https://", "http://"),
        "klantinteracties.base_url",
        3,
        "https://",
    ),
    (
        "ftp_url",
        CONNECTED.replace("https://", "ftp://"),
        "klantinteracties.base_url",
        3,
        "internetadres",
    ),
    (
        "url_bad_port",
        CONNECTED.replace(".nl", ".nl:99999"),
        "klantinteracties.base_url",
        3,
        "internetadres",
    ),
]


@pytest.mark.parametrize(
    ("text", "key", "line", "phrase"),
    [case[1:] for case in BAD_CONFIGS],
    ids=[case[0] for case in BAD_CONFIGS],
)
def test_a_bad_config_is_refused_in_dutch_with_exit_code_2(tmp_path, text, key, line, phrase):
    path = tmp_path / "kcc.toml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("--config", str(path), "--data-dir", str(tmp_path / "d"), "--self-test")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"Instelling '{key}'" in result.stderr or f"[{key}]" in result.stderr
    assert f"regel {line} " in result.stderr
    assert phrase in result.stderr
    assert not (tmp_path / "d").exists()  # refused before anything was created


# (id, file text, the secret that must never be printed, keyring name in the advice)
SECRETS_IN_FILE = [
    ("secret_holds_token", CONNECTED + f'secret = "{TOKEN}"\n', TOKEN, "klantinteracties"),
    (
        "secret_holds_jwt",
        CONNECTED + 'secret = "eyJhbGciOiJIUzI1NiJ9.e30.x"\n',
        "eyJhbGciOiJIUzI1NiJ9",
        "klantinteracties",
    ),
    ("auth_token", CONNECTED + f'auth_token = "{TOKEN}"\n', TOKEN, "klantinteracties"),
    ("top_level_token", f'token = "{TOKEN}"\n' + CONNECTED, TOKEN, "klantinteracties"),
    ("password", f'[telephony]\npassword = "{TOKEN}"\n', TOKEN, "secrets set"),
    (
        "credentials_in_url",
        CONNECTED.replace("https://", f"https://agent:{TOKEN}@"),
        TOKEN,
        "klantinteracties",
    ),
    (
        "token_in_query",
        CONNECTED.replace('.nl"', f'.nl/?access_token={TOKEN}"'),
        TOKEN,
        "klantinteracties",
    ),
    (
        "password_in_sip_account",
        f'[telephony]\naccount = "sip:2101:{TOKEN}@pbx.example"\n',
        TOKEN,
        "secrets set",
    ),
    (
        "token_in_unknown_section",
        f'[extra]\nurl = "https://x:{TOKEN}@a.example"\n',
        TOKEN,
        "secrets set",
    ),
]


@pytest.mark.parametrize(
    ("text", "secret", "name"),
    [case[1:] for case in SECRETS_IN_FILE],
    ids=[case[0] for case in SECRETS_IN_FILE],
)
def test_a_secret_in_the_file_is_refused_and_never_printed(tmp_path, text, secret, name):
    path = tmp_path / "kcc.toml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("--config", str(path), "--data-dir", str(tmp_path / "d"), "--self-test")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "kcc-console secrets set" in result.stderr and name in result.stderr
    assert secret not in result.stderr and secret not in result.stdout
    assert "regel " in result.stderr


def test_a_keyring_without_dbus_is_explained_without_traceback(tmp_path):
    # A SecretService keyring named explicitly, on a machine without a D-Bus session: the
    # backend itself raises RuntimeError, which used to escape as a traceback.
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}
    drop = ("DBUS_SESSION_BUS_ADDRESS",)
    listing = run_cli("secrets", "list", env=env, drop=drop)
    path = tmp_path / "kcc.toml"
    # Connected mode needs its organisation file and sign-in settings before the keyring.
    demo_org = ROOT / "resources" / "demo" / "organisation.toml"
    identity = '[identity]\nissuer = "https://login.example.nl"\nclient_id = "kcc"\n'
    path.write_text(f'organisation = "{demo_org}"\n' + CONNECTED + identity, encoding="utf-8")
    start = run_cli(
        "--config",
        str(path),
        "--data-dir",
        str(tmp_path / "d"),
        "--self-test",
        env=env,
        drop=drop,
    )
    for result in (listing, start):
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "geen veilige sleutelopslag" in result.stderr


# -- in-process: what is accepted, and how another adapter adds its section ---------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost.evil.example", False),
        ("LOCALHOST.evil.example", False),
        ("127.0.0.1.nip.io", False),
        ("evil-localhost", False),
        ("10.0.0.1", False),
        ("::ffff:8.8.8.8", False),
    ],
)
def test_only_literal_loopback_counts_as_loopback(host, loopback):
    assert is_loopback_host(host) is loopback


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://[::1]:8000/", "http://localhost:9", "https://x.nl"]
)
def test_http_is_allowed_to_literal_loopback_only(tmp_path, url):
    path = tmp_path / "kcc.toml"
    path.write_text(CONNECTED.replace("https://openklant.example.nl", url), encoding="utf-8")
    assert load_config(path).klantinteracties.base_url == url


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("klantinteracties", True),
        ("graph-prod", True),
        ("oidc.client2", True),
        ("KCC_Mail", True),
        (TOKEN, False),
        ("eyJhbGciOiJIUzI1NiJ9", False),
        ("a8Kd93jDk20dkLq", False),
        ("", False),
        ("x" * 65, False),
    ],
)
def test_keyring_names_are_told_from_tokens(name, ok):
    assert is_keyring_name(name) is ok


def test_a_full_valid_file_keeps_its_meaning(tmp_path):
    path = tmp_path / "kcc.toml"
    path.write_text(
        'mode = "connected"\n'
        '[demo]\npace_per_minute = 4\nseed = 11\nuser = "c02"\n'
        "[calendar]\ngood_friday_closed = true\n"
        '[telephony]\nkind = "baresip"\nctrl_port = 4555\nstart = false\n'
        'audio_modules = ["ausine.so"]\n'
        '[telephony.directory]\nc18 = "sip:wendy@pbx.example"\n'
        '[klantinteracties]\nbase_url = "https://ok.example.nl"\ntimeout = 2\n'
        'sync_interval = 5\nsecret = "ok-prod"\nactor_id = "3fa85f64-5717-4562"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.mode, config.demo_pace_per_minute, config.demo_seed) == ("connected", 4.0, 11)
    assert config.demo_user == "c02" and config.include_good_friday is True
    assert config.telephony.ctrl_port == 4555 and config.telephony.start is False
    assert config.telephony.audio_modules == ("ausine.so",)
    assert config.telephony.directory == {"c18": "sip:wendy@pbx.example"}
    ki = config.klantinteracties
    assert (ki.timeout, ki.sync_interval, ki.secret) == (2.0, 5.0, "ok-prod")
    assert isinstance(ki.timeout, float)


def test_another_adapter_adds_its_section_with_one_table(tmp_path):
    @dataclass(frozen=True)
    class MailConfig:
        server: str
        port: int = 993

    register_section(
        Section(
            name="mail_test",
            what="de mailbox",
            keys={
                "server": Key("url", hint='server = "https://mail.example"'),
                "port": Key("int", 993, low=1, high=65535),
            },
            build=lambda values: MailConfig(**values),
        )
    )
    try:
        path = tmp_path / "kcc.toml"
        path.write_text('[mail_test]\nserver = "https://mail.example"\n', encoding="utf-8")
        assert load_config(path).section("mail_test") == MailConfig("https://mail.example")
        path.write_text("[mail_test]\nport = 993\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="'server' ontbreekt in \\[mail_test\\]"):
            load_config(path)
        assert load_config(None).section("mail_test") is None
    finally:
        del SECTIONS["mail_test"]


@pytest.mark.parametrize("pace", ["-1", "inf", "nan", "veel", "0"])
def test_a_bad_demo_pace_on_the_command_line_is_refused(tmp_path, pace):
    result = run_cli("--demo-pace", pace, "--data-dir", str(tmp_path / "d"), "--self-test")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--demo-pace" in result.stderr and "kies een getal van 0,1 tot en met 6000" in (
        result.stderr
    )


def test_screenshots_to_a_folder_that_cannot_be_written_is_told_in_dutch(tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    result = run_cli("--screenshots", str(blocker / "schermen"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "kan de console niets opslaan" in result.stderr
