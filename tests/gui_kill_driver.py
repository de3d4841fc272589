"""The whole GUI console in its own process, making a burst of notes while it syncs.

Run as ``python -m tests.gui_kill_driver --fork CONFIG DATA_DIR``. It imports everything once;
then for every line on stdin (``burst RUN`` or ``final``) it forks a fresh console process
(printing ``pid N``, and ``exit N`` when that child ends). The child builds the console through
the composition root with its main window on an offscreen Qt platform and a qasync loop, as
``kcc-console`` does, and

- ``burst RUN``: prints ``ready``, then makes notes ``Kill RUN-n`` one after the other through
  the inbox service, closing every third, waking the sync after each, and prints
  ``saved SUBJECT`` once each note's write has returned; it runs until it is killed.
- ``final``: waits until the outbox is empty and the sync has succeeded, prints ``done``, and
  closes normally.

The Open Klant token and the last verified sign-in come from an in-memory keyring
(``PYTHON_KEYRING_BACKEND``), as in the other tests.
The kill test SIGKILLs the burst children at random moments; nothing here tries to be tidy.
"""

from __future__ import annotations

import asyncio
import os
import sys
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

import keyring
import qasync
from PySide6.QtWidgets import QApplication

from console.app import AppOptions, build_app
from console.config import load_config
from console.domain.model import Channel, Outcome
from console.services.inbox import NewInteraction
from integrations.oidc.client import IDENTITY_SECRET, VerifiedIdentity
from offline_cache import schema  # noqa: F401  (the console loads it after start; once, here)
from tests.klantinteracties_server import TOKEN


async def _burst(app, run: str) -> None:
    user = app.inbox.user
    for n in range(10_000):
        subject = f"Kill {run}-{n}"
        note = await app.inbox.receive(
            NewInteraction(
                channel=Channel.CALLBACK_NOTE,
                subject=subject,
                question=f"Inwoner vraagt om terugbellen ({run}-{n})",
                desk_id=user.desk_id,
                created_by=user.id,
            )
        )
        print(f"saved {subject}", flush=True)
        if n % 3 == 2:
            await app.inbox.take(note.id)
            await app.inbox.close(note.id, Outcome.ANSWERED, "Teruggebeld")
            print(f"closed {subject}", flush=True)
        app.sync.sync_now()


async def _final(app) -> None:
    done = asyncio.Event()

    def check(status) -> None:
        if status.online and status.waiting == 0 and status.last_success is not None:
            done.set()

    unsubscribe = app.sync.on_status(check)
    try:
        app.sync.sync_now()
        async with asyncio.timeout(120):
            await done.wait()
    finally:
        unsubscribe()
    print("done", flush=True)


# Sanne de Boer (c01, agent) as the identity provider last verified her. The config names a
# provider on a port nobody listens on, so every start signs in offline within the grace
# period (issue 12): fifty browser sign-ins would test the provider, not the store.
SANNE = dict(
    subject="sanne",
    email="s.deboer@westbetuwe.example",
    name="Sanne de Boer",
    claim_values=("KCC-Agenten",),
)


async def child(config: Path, data_dir: Path, command: list[str]) -> int:
    settings = load_config(config)
    identity = VerifiedIdentity(
        **SANNE,  # type: ignore[arg-type]
        issuer=settings.section("identity").issuer,
        verified_at=datetime.now(UTC),
    )
    keyring.set_password("kcc-console", "klantinteracties", TOKEN)
    keyring.set_password("kcc-console", IDENTITY_SECRET, identity.to_json())
    async with AsyncExitStack() as stack:
        app = await build_app(AppOptions(data_dir=data_dir, config=settings, simulate=False), stack)
        app.window.show()  # type: ignore[union-attr]
        print("ready", flush=True)
        if command[0] == "burst":
            await _burst(app, command[1])
        else:
            await _final(app)
    return 0


def fork_server(config: Path, data_dir: Path) -> int:
    for line in sys.stdin:
        command = line.split()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                QApplication([]).setQuitOnLastWindowClosed(False)
                code = qasync.run(child(config, data_dir, command))
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)
    return 0


if __name__ == "__main__":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.exit(fork_server(Path(sys.argv[2]), Path(sys.argv[3])))
