"""Building blocks for tests and benchmarks of connected mode: a store with an outbox, the
adapter pointed at the local test server, and the sync engine, all real.

``sync_from_test_server(n, data_dir)`` is the benchmark entry point (B5): it puts ``n``
callback notes for one desk on a test server and pulls them into a fresh store.
"""

from __future__ import annotations

import random
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.clock import FakeClock
from console.domain import lifecycle
from console.domain.model import Channel, Direction, Interaction, Owner
from console.domain.organisation import Organisation
from integrations.klantinteracties.actors import actor_identity
from integrations.klantinteracties.adapter import KlantinteractiesAdapter
from integrations.klantinteracties.client import KlantinteractiesClient, RetryPolicy
from offline_cache.database import Database
from offline_cache.outbox import Outbox
from offline_cache.repositories import SqlInteractionRepository
from offline_cache.sync import SyncEngine, SyncReport
from tests.klantinteracties_server import TOKEN, KlantinteractiesServer

DESK = "d-kcc"
AGENT = "c01"


def test_organisation(
    *, desk: str = DESK, agents: tuple[tuple[str, str, str], ...] = ()
) -> Organisation:
    """A small organisation: one desk and its colleagues (id, name, e-mail)."""
    from console.domain.model import Colleague, Desk, DeskKind, Role

    people = agents or (
        (AGENT, "Anna Jansen", "anna.jansen@westbetuwe.example"),
        ("c03", "Chris de Boer", "chris.deboer@westbetuwe.example"),
    )
    return Organisation(
        name="Test",
        desks=(Desk(desk, "Team Terugbellen", DeskKind.GENERAL),),
        colleagues=tuple(
            Colleague(cid, name, Role.AGENT, desk, email=email) for cid, name, email in people
        ),
    )


class NoSleep:
    """An injected sleep that records the delays asked for and never waits."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        import asyncio

        self.delays.append(seconds)
        await asyncio.sleep(0)


@dataclass
class Connected:
    db: Database
    repo: SqlInteractionRepository
    client: KlantinteractiesClient
    adapter: KlantinteractiesAdapter
    engine: SyncEngine
    sleep: NoSleep


def make_note(n: int, *, at: datetime | None = None, desk: str = DESK) -> Interaction:
    at = at or datetime(2026, 12, 1, 9, 0, tzinfo=UTC) + timedelta(seconds=n)
    return Interaction(
        id=str(uuid.UUID(int=random.Random(n).getrandbits(128))),
        channel=Channel.CALLBACK_NOTE,
        direction=Direction.INBOUND,
        subject=f"Terugbelverzoek {n}",
        question=f"Inwoner vraagt om terugbellen over melding {n}",
        received_at=at,
        owner=Owner.desk(desk),
        desk_id=desk,
        updated_at=at,
        created_by=AGENT,
    )


@asynccontextmanager
async def connected(
    path: Path,
    server: KlantinteractiesServer,
    *,
    clock=None,
    timeout: float = 2.0,  # noqa: ASYNC109 - the HTTP client's timeout, passed on
    attempts: int = 6,
    seed: int = 3,
    owners=None,
    organisation=None,
    agent: str = AGENT,
):
    clock = clock or FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    rng = random.Random(seed)
    db = await Database.open(path)
    sleep = NoSleep()
    client = KlantinteractiesClient(
        base_url=server.root,
        token=getattr(server, "token", TOKEN),
        timeout=timeout,
        connect_timeout=timeout,
        retry=RetryPolicy(attempts=attempts),
        sleep=sleep,
        rng=rng,
    )
    try:
        outbox = Outbox(new_reference=lambda: f"{rng.randrange(10**10):010d}")
        repo = SqlInteractionRepository(db, outbox=outbox)
        adapter = KlantinteractiesAdapter(
            client,
            agent_actor=None,
            agent_id=agent,
            organisation=organisation or test_organisation(),
        )
        engine = SyncEngine(
            db,
            adapter,
            clock=clock,
            owners=lambda: list(owners or (Owner.desk(DESK),)),
            new_reference=outbox.new_reference,
            sleep=sleep,
        )
        yield Connected(db, repo, client, adapter, engine, sleep)
    finally:
        await client.aclose()
        await db.close()


async def add_notes(repo: SqlInteractionRepository, count: int, *, start: int = 0) -> list[str]:
    items = [make_note(n) for n in range(start, start + count)]
    for item in items:
        await repo.add(lifecycle.received(item), initiator=AGENT)
    return [i.id for i in items]


def seed_server(server: KlantinteractiesServer, count: int, *, desk: str = DESK) -> None:
    """Put ``count`` callback notes for ``desk`` on the server directly (fast, no HTTP)."""
    actor = server.insert("actoren", actor_identity(Owner.desk(desk), test_organisation()).body())
    for n in range(count):
        item = make_note(100_000_000 + n, desk=desk)
        kc = server.insert(
            "klantcontacten",
            {
                "kanaal": "terugbelnotitie",
                "onderwerp": item.subject,
                "inhoud": item.question,
                "taal": "nld",
                "vertrouwelijk": False,
                "plaatsgevondenOp": item.received_at.isoformat(),
                "metadata": {
                    "kccId": item.id,
                    "kccStatus": "new",
                    "kccOwner": f"desk:{desk}",
                    "kccDesk": desk,
                    "kccChannel": "callback_note",
                },
            },
        )
        server.insert(
            "internetaken",
            {
                "gevraagdeHandeling": "Terugbellen",
                "aanleidinggevendKlantcontact": {"uuid": kc["uuid"]},
                "toegewezenAanActoren": [{"uuid": actor["uuid"]}],
                "status": "te_verwerken",
            },
        )


async def sync_from_test_server(n: int, data_dir: Path, *, validate: bool = False) -> SyncReport:
    """Benchmark B5: pull ``n`` callback notes for one desk from a fresh test server.

    Runs on the current event loop (use a qasync loop to measure GUI stalls). ``validate``
    turns the server's spec checks on (slow at 10⁵: about 5 ms per request).
    """
    server = KlantinteractiesServer(seed=5, validate=validate).start()
    try:
        seed_server(server, n)
        async with connected(data_dir / "bench.sqlite3", server) as c:
            return await c.engine.sync_once()
    finally:
        server.stop()
