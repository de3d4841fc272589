"""The config file's [identity] section and organisation path (issue 12)."""

from __future__ import annotations

import pytest

from console.config import ConfigError, load_config

BASE = 'organisation = "org/organisatie.toml"\n[identity]\nissuer = "https://login.example.nl/"\n'


def _load(tmp_path, text: str):
    path = tmp_path / "kcc.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_identity_and_organisation_are_read_with_defaults(tmp_path):
    config = _load(
        tmp_path, BASE + 'client_id = "kcc"\n[identity.roles]\n"KCC-Agenten" = "agent"\n'
    )
    identity = config.section("identity")
    assert identity.issuer == "https://login.example.nl"  # compared without the last slash
    assert identity.client_id == "kcc"
    assert identity.scopes == ("openid", "profile", "email", "offline_access")
    assert identity.role_claim == "groups" and identity.roles == {"KCC-Agenten": "agent"}
    assert identity.offline_grace_hours == 8.0
    assert config.organisation == tmp_path / "org" / "organisatie.toml"  # next to the config


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("", "'client_id' ontbreekt in [identity]"),
        ('client_id = "kcc"\nclient_secret = "geheim"\n', "kcc-console secrets set"),
        ('client_id = "kcc"\n[identity.roles]\n"KCC" = "baas"\n', "de rol bestaat niet"),
        ('client_id = "kcc"\noffline_grace_hours = -1\n', "identity.offline_grace_hours"),
    ],
    ids=["no client id", "a client secret", "unknown role", "negative grace"],
)
def test_bad_identity_settings_are_refused_in_dutch(tmp_path, extra, words):
    with pytest.raises(ConfigError) as refused:
        _load(tmp_path, BASE + extra)
    assert words in refused.value.message
    assert "geheim" not in refused.value.message


def test_the_issuer_must_use_https_outside_this_computer(tmp_path):
    with pytest.raises(ConfigError, match="https://"):
        _load(tmp_path, BASE.replace("https://", "http://") + 'client_id = "kcc"\n')
