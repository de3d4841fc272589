"""Fixtures of the imap tests: the real mail servers once per session, the keyring, the config."""

from __future__ import annotations

import keyring
import pytest

from console.config import load_config
from console.services.intake import Backoff
from integrations.secrets_keyring import KeyringSecretStore
from tests.mail_servers import start_mail_servers
from tests.memory_keyring import MemoryKeyring


@pytest.fixture(scope="session")
def mail_servers():
    """Dovecot and the SMTP server, once per test session (import this fixture by name)."""
    servers = start_mail_servers()
    yield servers
    servers.smtp.stop()
    servers.dovecot.stop()


@pytest.fixture
def mail_keyring(mail_servers):
    """An in-memory keyring holding the desk mailboxes' passwords."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    for name, value in mail_servers.secrets().items():
        backend.set_password("kcc-console", name, value)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def app_options(mail_servers, mail_keyring, tmp_path):
    """``running_app`` options: the mail config, the keyring secret store, short backoff."""
    for address in mail_servers.dovecot.accounts:
        mail_servers.dovecot.empty(address)
    path = tmp_path / "kcc.toml"
    path.write_text(mail_servers.config_text(), encoding="utf-8")
    return {
        "config": load_config(path),
        "secrets": KeyringSecretStore(),
        "channel_backoff": Backoff(first=0.05, limit=0.5),
    }
