"""``[availability]`` chooses the source: demo by default, Microsoft Graph or CalDAV.

Through the real composition root: a config file naming the local Graph test server makes the
callback check come from Graph, with the token from the (in-memory) keyring or from the
sign-in's provider; a missing token says "niet aangemeld" on the card instead of failing start.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from console.availability_setup import availability_config
from console.config import ConfigError, load_config
from console.domain.model import Owner
from integrations.secrets_keyring import KeyringSecretStore
from tests.graph_server import TOKEN, GraphServer, Person
from tests.helpers import running_app
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kcc.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sections_are_checked_with_plain_dutch_messages(tmp_path):
    assert availability_config(load_config(None)).source == "demo"
    settings = availability_config(
        load_config(
            _write(
                tmp_path,
                """
[availability]
source = "graph"
cache_seconds = 30
[graph.object_ids]
c01 = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3"
""",
            )
        )
    )
    assert settings.source == "graph" and settings.cache_seconds == 30
    assert settings.graph.base_url == "https://graph.microsoft.com/v1.0"
    assert settings.graph.object_ids == {"c01": "fa8bf3dc-eca7-46b7-bad1-db199b62afc3"}
    bad = {
        "unknown source": ('[availability]\nsource = "exchange"\n', "availability.source"),
        "plain http": ('[graph]\nbase_url = "http://graph.example"\n', "https://"),
        "a token in the file": ('[graph]\ntoken = "x"\n', "kcc-console secrets set graph"),
        "caldav without a url": ('[caldav]\nusername = "u"\n', "'agenda_url' ontbreekt"),
        "a password in the file": (
            '[caldav]\nagenda_url = "https://a.example/{user}/"\nusername = "u"\n'
            'password = "geheim"\n',
            "kcc-console secrets set caldav",
        ),
    }
    for case, (text, words) in bad.items():
        with pytest.raises(ConfigError) as error:
            load_config(_write(tmp_path, text))
        assert words in error.value.message, case
        assert "geheim" not in error.value.message
    with pytest.raises(ConfigError) as error:
        availability_config(load_config(_write(tmp_path, '[availability]\nsource = "caldav"\n')))
    assert "[caldav] met agenda_url en username ontbreekt" in error.value.message


def test_the_config_file_switches_the_callback_check_to_graph(
    qloop, tmp_path, clock, memory_keyring
):
    server = GraphServer().start()
    server.add(Person(object_id="guid-c22", email="h.blom@westbetuwe.example"))
    path = _write(
        tmp_path,
        f"""
[availability]
source = "graph"
[graph]
base_url = "{server.url}"
[graph.object_ids]
c22 = "guid-c22"
""",
    )
    secrets = KeyringSecretStore()

    async def scenario():
        config = load_config(path)
        async with running_app(
            tmp_path / "no-token", clock, config=config, secrets=secrets, with_window=False
        ) as app:
            without = await app.callbacks.check(Owner.colleague("c22"))
        await secrets.set("graph", TOKEN)
        async with running_app(
            tmp_path / "keyring", clock, config=config, secrets=secrets, with_window=False
        ) as app:
            from_keyring = await app.callbacks.check(Owner.colleague("c22"))

        async def signed_in() -> str:
            return TOKEN

        await secrets.delete("graph")
        async with running_app(
            tmp_path / "sign-in",
            clock,
            config=config,
            secrets=secrets,
            availability_token=signed_in,
            with_window=False,
        ) as app:
            from_sign_in = await app.callbacks.check(Owner.colleague("c22"))
        return without, from_keyring, from_sign_in

    try:
        without, from_keyring, from_sign_in = qloop.run_until_complete(scenario())
    finally:
        server.stop()
    assert without.verdict is None
    assert without.failure.startswith("Agenda onbekend: U bent niet aangemeld bij Microsoft")
    for check in (from_keyring, from_sign_in):
        assert check.availability is not None
        assert check.availability.source == "Microsoft 365"
        assert check.verdict is not None
    assert [r.path for r in server.log] == ["/v1.0/$batch", "/v1.0/$batch"]
