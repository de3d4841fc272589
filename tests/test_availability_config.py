"""``[availability]`` chooses the source: demo by default, Microsoft Graph or CalDAV.

Through the real composition root: a config file naming the local Graph test server makes the
callback check come from Graph, with the token from the (in-memory) keyring or from the
sign-in's provider; a missing token says "niet aangemeld" on the card instead of failing start.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from console.availability_setup import parse_availability, read_availability
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
    assert read_availability(None).source == "demo"
    settings = parse_availability(
        {
            "availability": {
                "source": "Graph",
                "cache_seconds": 30,
                "graph": {"object_ids": {"c01": "guid-1"}},
            }
        },
        tmp_path,
    )
    assert settings.source == "graph" and settings.cache_seconds == 30
    assert settings.graph.base_url == "https://graph.microsoft.com/v1.0"
    assert settings.graph.object_ids == {"c01": "guid-1"}
    bad = {
        "unknown source": ({"source": "exchange"}, "Kies demo, graph of caldav"),
        "plain http": (
            {"source": "graph", "graph": {"base_url": "http://graph.example"}},
            "moet met https:// beginnen",
        ),
        "a token in the file": (
            {"source": "graph", "graph": {"token": "eyJ..."}},
            "kcc-console secrets set graph",
        ),
        "caldav without a url": ({"source": "caldav", "caldav": {}}, "agenda_url"),
        "a password in the file": (
            {
                "source": "caldav",
                "caldav": {"agenda_url": "https://a/", "username": "u", "password": "x"},
            },
            "kcc-console secrets set caldav",
        ),
    }
    for case, (table, words) in bad.items():
        with pytest.raises(ConfigError) as error:
            parse_availability({"availability": table}, tmp_path)
        assert words in error.value.message, case


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
[availability.graph]
base_url = "{server.url}"
[availability.graph.object_ids]
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
    assert without.failure.startswith(
        "Bereikbaarheid onbekend: U bent niet aangemeld bij Microsoft"
    )
    for check in (from_keyring, from_sign_in):
        assert check.availability is not None
        assert check.availability.source == "Microsoft 365"
        assert check.verdict is not None
    assert [r.path for r in server.log] == ["/v1.0/$batch", "/v1.0/$batch"]
