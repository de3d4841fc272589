"""Shared fixtures: offscreen Qt, a real qasync loop, the app built by the composition root.

Qt is set to offscreen before anything imports it. Tests fail when they leave database threads
or asyncio tasks behind.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import asyncio
import gc
import threading
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

AMS = ZoneInfo("Europe/Amsterdam")
# A Tuesday morning in a normal working week: desks open, nothing special.
TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=AMS)


# Garbage is collected on the GUI thread only, after each test. Left automatic, a collection
# may start on the database thread or an executor thread and finalise Qt objects there; the
# next Qt event processing then crashes (seen as a segfault inside pytest-qt's event
# processing, in a different test each time, only in long runs).
gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_leaked_database_threads() -> Iterator[None]:
    yield
    leaked = [t.name for t in threading.enumerate() if t.name.startswith("kcc-db")]
    assert not leaked, f"database threads left running: {leaked}"


@pytest.fixture
def qloop(qapp) -> Iterator[asyncio.AbstractEventLoop]:
    """A real qasync event loop on the Qt application (pytest-qt does not drive asyncio)."""
    import qasync

    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)
    del loop
    # qasync's timer object keeps Qt timers registered after close (a cancelled asyncio.timeout
    # still has its Qt timer). Free it here, on the GUI thread: left to a garbage collection that
    # happens to run on the database thread, its Qt timers outlive it and the next Qt event
    # processing crashes (seen as a random segfault in a later test).
    gc.collect()
    assert not pending, f"tasks left running: {[t.get_name() for t in pending]}"


@pytest.fixture
def clock():
    from console.clock import FakeClock

    return FakeClock(TUESDAY_MORNING)


@pytest.fixture
def klantinteracties_server():
    """A spec-validating Klantinteracties server; any spec violation fails the test."""
    from tests.klantinteracties_server import KlantinteractiesServer

    server = KlantinteractiesServer(seed=11).start()
    yield server
    server.stop()
    assert not server.violations, "spec violations:\n" + "\n".join(server.violations[:20])


# The real OpenID Connect provider and its keyring (issue 12), for every test module.
from tests.oidc_fixture import oidc_keyring, oidc_provider  # noqa: E402, F401
from tests.openklant import openklant  # noqa: E402, F401  (the real Open Klant, issue 10)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory):
    """A real Synapse homeserver on loopback for the whole session (marker ``matrix``)."""
    from tests.synapse_server import SynapseServer, require_synapse

    server = SynapseServer(tmp_path_factory.mktemp("synapse"), require_synapse()).start()
    yield server
    server.remove()


@pytest.fixture
def unique(request) -> str:
    """A short id unique to this test, for accounts and rooms on shared servers."""
    import uuid

    return uuid.uuid4().hex[:8]
