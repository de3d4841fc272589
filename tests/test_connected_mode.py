"""Connected mode as a user meets it: config, secrets in the keyring, the app syncing, the UI
never waiting on the network, and the token nowhere but in the keyring."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from console.__main__ import run_secrets
from console.config import ConfigError, load_config
from console.domain.model import Channel, Outcome
from console.ports import StoreError
from console.services.inbox import NewInteraction
from integrations.secrets_keyring import KeyringSecretStore
from tests.helpers import running_app, signal_until
from tests.klantinteracties_server import TOKEN
from tests.memory_keyring import MemoryKeyring
from tests.oidc_fixture import Browser, connected_config_file

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.klantinteracties


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def write_config(
    tmp_path: Path, url: str, *, issuer: str = "http://127.0.0.1:9", **extra: str
) -> Path:
    """Connected mode: Open Klant, the organisation file and sign-in (issue 12)."""
    path = connected_config_file(tmp_path, openklant=url, issuer=issuer)
    text = path.read_text(encoding="utf-8").replace(
        "timeout = 2\n", "timeout = 2\n" + "".join(f'{k} = "{v}"\n' for k, v in extra.items()), 1
    )
    path.write_text(text, encoding="utf-8")
    return path


# -- config and secrets ------------------------------------------------------------------------


def test_the_config_switches_to_connected_mode_without_secrets(tmp_path):
    config = load_config(write_config(tmp_path, "https://openklant.example.nl", actor_id="a1"))
    assert config.mode == "connected"
    assert config.klantinteracties.base_url == "https://openklant.example.nl"
    assert config.klantinteracties.timeout == 2.0 and config.klantinteracties.actor_id == "a1"
    with pytest.raises(ConfigError, match="kcc-console secrets set klantinteracties"):
        load_config(write_config(tmp_path, "https://openklant.example.nl", token="abc"))
    with pytest.raises(ConfigError, match="https://"):
        load_config(write_config(tmp_path, "http://openklant.example.nl"))


def test_secrets_set_list_and_delete_use_the_keyring(memory_keyring, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("geheim-token-123\n"))
    assert run_secrets(["set", "klantinteracties"]) == 0
    assert memory_keyring.values[("kcc-console", "klantinteracties")] == "geheim-token-123"
    assert run_secrets(["list"]) == 0
    out = capsys.readouterr().out
    assert "klantinteracties" in out and "geheim-token-123" not in out
    assert run_secrets(["delete", "klantinteracties"]) == 0
    assert run_secrets(["list"]) == 0
    assert "nog geen sleutels" in capsys.readouterr().out
    assert run_secrets(["bogus"]) == 2


def test_a_plaintext_keyring_is_refused(monkeypatch):
    class PlainFile(MemoryKeyring):
        pass

    PlainFile.__module__ = "keyrings.alt.file"
    previous = keyring.get_keyring()
    keyring.set_keyring(PlainFile())
    try:
        with pytest.raises(StoreError, match=r"keyrings\.alt"):
            asyncio.run(KeyringSecretStore().set("klantinteracties", "x"))
    finally:
        keyring.set_keyring(previous)


def test_the_console_refuses_to_start_without_its_token(tmp_path, klantinteracties_server):
    config = write_config(tmp_path, klantinteracties_server.root)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "tests.memory_keyring.MemoryKeyring",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "console", "--config", str(config), "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "kcc-console secrets set klantinteracties" in result.stderr
    assert "Traceback" not in result.stderr
    assert klantinteracties_server.counters.requests == 0


# -- the app in connected mode ---------------------------------------------------------------


def _connected_options(tmp_path, server, secrets, provider):
    config = load_config(write_config(tmp_path, server.root, issuer=provider.issuer))
    browser = Browser("s.deboer@westbetuwe.example")  # Sanne de Boer (c01) signs in
    return {"config": config, "secrets": secrets, "open_browser": browser.open}


async def _wait_synced(app):
    done = asyncio.Event()
    errors = []
    app.sync.tasks.on_error(errors.append)

    def check(status):
        if status.online and status.waiting == 0 and status.last_success is not None:
            done.set()

    unsubscribe = app.sync.on_status(check)
    try:
        app.sync.sync_now()
        async with asyncio.timeout(10):
            await done.wait()
    except TimeoutError:
        raise AssertionError(f"not synced: {app.sync.status} {errors}") from None
    finally:
        unsubscribe()


def test_the_token_is_nowhere_but_in_the_keyring(
    qloop, tmp_path, clock, klantinteracties_server, memory_keyring, oidc_provider, caplog
):
    server = klantinteracties_server
    caplog.set_level(logging.DEBUG)
    secrets = KeyringSecretStore()
    keyring.set_password("kcc-console", "klantinteracties", TOKEN)
    data = tmp_path / "data"

    async def scenario():
        options = _connected_options(tmp_path, server, secrets, oidc_provider)
        async with running_app(data, clock, **options) as app:
            user = app.inbox.user
            note = await app.inbox.receive(
                NewInteraction(
                    channel=Channel.CALLBACK_NOTE,
                    subject="Terugbellen over de WOZ",
                    question="Mevrouw wil uitleg over de aanslag",
                    desk_id=user.desk_id,
                    created_by=user.id,
                )
            )
            await app.inbox.take(note.id)
            await app.inbox.close(note.id, Outcome.ANSWERED, "Uitgelegd")
            await _wait_synced(app)
            label = app.window.sync_status.text()
            return note, label

    note, label = qloop.run_until_complete(scenario())
    [contact] = server.all("klantcontacten")
    assert contact["metadata"]["kccId"] == note.id
    assert server.all("internetaken")[0]["status"] == "verwerkt"
    assert label.startswith("Verbonden") and "laatst bijgewerkt" in label
    # The scan: the token is in the keyring and nowhere else.
    assert memory_keyring.values[("kcc-console", "klantinteracties")] == TOKEN
    haystacks = {"config": (tmp_path / "kcc.toml").read_bytes(), "logs": caplog.text.encode()}
    assert caplog.records, "the logs were captured"
    for file in data.iterdir():
        if file.is_file():
            haystacks[file.name] = file.read_bytes()
    assert any(name.startswith("kcc-console.sqlite3") for name in haystacks)
    for name, content in haystacks.items():
        assert TOKEN.encode() not in content, f"the token leaked into {name}"


def test_the_ui_never_waits_on_a_slow_server(
    qloop, tmp_path, clock, klantinteracties_server, memory_keyring, oidc_provider
):
    server = klantinteracties_server
    server.faults.delay = 5.0  # every answer takes five seconds
    secrets = KeyringSecretStore()
    keyring.set_password("kcc-console", "klantinteracties", TOKEN)

    async def scenario():
        options = _connected_options(tmp_path, server, secrets, oidc_provider)
        async with running_app(tmp_path / "data", clock, **options) as app:
            window = app.window
            window.show()
            ticks = 0

            def tick():
                nonlocal ticks
                ticks += 1

            timer = QTimer(interval=5)
            timer.timeout.connect(tick)
            timer.start()
            # The sync round is waiting on the server now.
            await signal_until(timer.timeout, lambda: server.counters.requests >= 1)
            start = ticks
            user = app.inbox.user
            note = await app.inbox.receive(
                NewInteraction(
                    channel=Channel.CALLBACK_NOTE,
                    subject="Lantaarnpaal kapot",
                    question="Bij de kerk in Beesd",
                    desk_id=user.desk_id,
                    created_by=user.id,
                )
            )
            model = window.model
            await signal_until(model.refreshed, lambda: model.row_of(note.id) is not None)
            window.select_id(note.id)
            await signal_until(
                window.detail.timeline_model.modelReset,
                lambda: window.detail.shown_id == note.id,
            )
            window.table.setFocus()
            QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
            dialog_shown = window.close_dialog.isVisible()
            window.close_dialog.reject()
            # The callback note dialog opens on the same item from local data, and its
            # availability card is filled, while the server still has not answered.
            from console.domain.model import Owner

            prefill = await app.callback_ui.prefill_for(note.id)
            callback = app.callback_ui.open_callback_dialog(prefill)
            await signal_until(callback.restored, lambda: callback.summary.toPlainText() != "")
            callback.picker.set_target(Owner.colleague("c02"))
            await signal_until(callback.picker.checked, lambda: callback.picker.check is not None)
            callback_state = (callback.isVisible(), callback.summary.toPlainText())
            callback.reject()
            await signal_until(timer.timeout, lambda: ticks >= start + 20)
            timer.stop()
            status = app.window.sync_status.text()
            return dialog_shown, callback_state, ticks - start, app.sync.rounds, status

    dialog_shown, callback_state, events, rounds, status = qloop.run_until_complete(scenario())
    assert dialog_shown
    assert callback_state == (True, "Bij de kerk in Beesd")
    assert events >= 20  # the event loop kept turning while the server had not answered
    assert rounds == 0  # ... and it really had not: no sync round finished
    assert "wachten op verzenden" in status or status.startswith("Verbinden")


def test_a_callback_note_from_the_dialog_service_reaches_open_klant(
    qloop, tmp_path, clock, klantinteracties_server, memory_keyring, oidc_provider
):
    """Issue 3 meets issue 6: the note and its internetaak go out through the outbox."""
    from console.domain.callbacks import CallbackDraft

    server = klantinteracties_server
    keyring.set_password("kcc-console", "klantinteracties", TOKEN)

    async def scenario():
        options = _connected_options(tmp_path, server, KeyringSecretStore(), oidc_provider)
        async with running_app(tmp_path / "data", clock, **options) as app:
            draft = CallbackDraft(
                resident_name="mevrouw J. de Vries",
                phone="06 12345678",
                summary="Vraagt of de traplift al besteld is.",
                best_time="na 14:00",
                target_kind="colleague",
                target_id="c10",
            )
            note = await app.callbacks.create(draft, check=None, confirm_duplicates=True)
            await _wait_synced(app)
            return note

    note = qloop.run_until_complete(scenario())
    [contact] = server.all("klantcontacten")
    assert contact["metadata"]["kccId"] == note.id
    # As KISS writes a contactverzoek (issue 10): the question as onderwerp, the way the
    # resident reached us as kanaal, KISS's fixed action, the best time in the toelichting.
    assert contact["onderwerp"] == "Vraagt of de traplift al besteld is."
    assert contact["kanaal"] == "telefoon"
    [task] = server.all("internetaken")
    assert task["status"] == "te_verwerken"
    assert task["gevraagdeHandeling"] == "Contact opnemen met betrokkene"
    assert "Beste tijd om te bellen: na 14:00." in task["toelichting"]
    [person] = server.all("betrokkenen")
    assert person["volledigeNaam"] == "mevrouw J. de Vries" and person["initiator"] is True
    addresses = [a["adres"] for a in server.all("digitaleadressen")]
    assert "+31612345678" in addresses
    # The colleague and the colleague's team, by KISS/ITA's identificators and real names.
    actors = {a["uuid"]: a for a in server.all("actoren")}
    assigned = [actors[r["uuid"]] for r in task["toegewezenAanActoren"]]
    kinds = sorted(
        (a["actoridentificator"]["codeObjecttype"], a["actoridentificator"]["codeRegister"])
        for a in assigned
    )
    assert kinds == [("grp", "obj"), ("mdw", "msei")]
    colleague = next(a for a in assigned if a["soortActor"] == "medewerker")
    assert colleague["actoridentificator"]["codeSoortObjectId"] == "email"
    assert "@" in colleague["actoridentificator"]["objectId"]
    assert colleague["naam"] != "c10"
