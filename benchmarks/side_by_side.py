"""B10, side by side: saving a callback note in the console vs the KISS request sequence.

On the real Open Klant 2.18.0 (``OPENKLANT_URL``/``OPENKLANT_TOKEN``, else the tool, as the
tests find it) behind a loopback ``LatencyProxy`` adding 15 ms each way (+30 ms round trip), in
one run, per sample:

- **console wait**: what the agent waits for after "Opslaan" — ``CallbackService.create`` (the
  duplicate check and the local commit), with the availability check already shown (as in the
  dialog). A ``SyncService`` runs as in the app: the save wakes it.
- **delivery**: from the same moment until the sync engine has committed the note as delivered
  (klantcontact, agent link, betrokkene, addresses and internetaak all on the server).
- **KISS**: the contactverzoek as KISS writes it (INTEGRATIONS.md), seven requests one after
  another with one ``httpx.AsyncClient``: find the colleague's actor, klantcontact,
  actorklantcontact, betrokkene, two digitale adressen (phone, e-mail), internetaak.

Budgets: KISS ÷ console wait ≥ 100× (judged as console ÷ KISS ≤ 0.01); delivery ≤ 0.5 × KISS.
The run uses an organisation of its own (unique desk ids and e-mail addresses): the shared
server is never emptied. Without the server the figures are reported as not measured.
"""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from benchmarks.core import Context, Figure, benchmark

TUESDAY_MORNING = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _server():
    from tests.openklant import find_or_start

    found = find_or_start()
    if isinstance(found, str):
        if os.environ.get("CI", "").lower() == "true":
            # The real peer must run in CI: its absence is a failure there, not a skip.
            raise RuntimeError(f"the real Open Klant is required in CI: {found}")
        print(f"B10/B13: not measured ({found})", flush=True)
        return None
    return found


def proxied(server, delay: float = 0.015):
    """(proxy, Peer) for the real server behind a loopback latency proxy."""
    from benchmarks.latency_proxy import LatencyProxy
    from tests.klantinteracties_peers import Peer

    port = urlsplit(server.root).port or 80
    proxy = LatencyProxy(port, delay=delay).start()
    return proxy, Peer("real", f"http://127.0.0.1:{proxy.port}", server.token)


def draft(n: int, target_id: str):
    from console.domain.callbacks import CallbackDraft

    return CallbackDraft(
        resident_name=f"Jan de Vries {n}",
        phone=f"06{20_000_001 + n:08d}",  # a number of its own: no duplicate warning
        email=f"jan{n}@example.nl",
        summary=f"Wil weten of zijn aanvraag {n} voor een scootmobiel al is goedgekeurd.",
        best_time="na 14:00",
        target_kind="colleague",
        target_id=target_id,
    )


class Delivered:
    """Waits on the store's change feed for the sync engine's "delivered" notice of an id."""

    def __init__(self, db) -> None:
        self._waiting: dict[str, asyncio.Future[float]] = {}
        self._unsubscribe = db.subscribe(self._notice)

    def expect(self, entity_id: str) -> asyncio.Future[float]:
        future = asyncio.get_running_loop().create_future()
        self._waiting[entity_id] = future
        return future

    def _notice(self, notice) -> None:
        if notice.entity != "outbox" or notice.initiator != "sync":
            return
        for entity_id in notice.ids:
            future = self._waiting.pop(entity_id, None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    def close(self) -> None:
        self._unsubscribe()


async def kiss_sequence(http, *, agent_actor: str, colleague_email: str, n: int) -> float:
    """Seconds for the seven requests KISS sends for one contactverzoek, one after another."""

    async def call(method: str, path: str, **kwargs):
        response = await http.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    started = time.perf_counter()
    found = await call(
        "GET",
        "/actoren",
        params={
            "actoridentificatorObjectId": colleague_email,
            "actoridentificatorCodeObjecttype": "mdw",
            "actoridentificatorCodeRegister": "msei",
            "actoridentificatorCodeSoortObjectId": "email",
        },
    )
    target = found["results"][0]["uuid"]
    kc = await call(
        "POST",
        "/klantcontacten",
        json={
            "kanaal": "telefoon",
            "onderwerp": f"Wil weten of zijn aanvraag {n} al is goedgekeurd.",
            "inhoud": "Inwoner belde, wil teruggebeld worden.",
            "taal": "nld",
            "vertrouwelijk": False,
            "indicatieContactGelukt": True,
            "plaatsgevondenOp": TUESDAY_MORNING.isoformat(),
        },
    )
    await call(
        "POST",
        "/actorklantcontacten",
        json={"actor": {"uuid": agent_actor}, "klantcontact": {"uuid": kc["uuid"]}},
    )
    person = await call(
        "POST",
        "/betrokkenen",
        json={
            "hadKlantcontact": {"uuid": kc["uuid"]},
            "wasPartij": None,
            "rol": "klant",
            "initiator": True,
            "organisatienaam": "",
            "contactnaam": {
                "voornaam": "Jan",
                "voorletters": "",
                "voorvoegselAchternaam": "de",
                "achternaam": f"Vries {n}",
            },
        },
    )
    for adres, soort in (
        (f"06{30_000_001 + n:08d}", "telefoonnummer"),
        (f"jan{n}@example.nl", "email"),
    ):
        await call(
            "POST",
            "/digitaleadressen",
            json={
                "verstrektDoorBetrokkene": {"uuid": person["uuid"]},
                "verstrektDoorPartij": None,
                "adres": adres,
                "soortDigitaalAdres": soort,
                "omschrijving": soort,
            },
        )
    await call(
        "POST",
        "/internetaken",
        json={
            "gevraagdeHandeling": "Contact opnemen met betrokkene",
            "aanleidinggevendKlantcontact": {"uuid": kc["uuid"]},
            "toegewezenAanActoren": [{"uuid": target}],
            "toelichting": "Beste tijd om te bellen: na 14:00.",
            "status": "te_verwerken",
        },
    )
    return time.perf_counter() - started


async def _side_by_side(ctx: Context, peer, runs: int) -> dict[str, list[float]]:
    import httpx

    from console.clock import FakeClock
    from console.domain.model import Owner
    from console.services.sync import SyncService
    from tests.klantinteracties_peers import console, organisation

    org = organisation()
    anna, bram = org.colleague("c01"), org.colleague("c02")
    assert anna is not None and bram is not None
    clock = FakeClock(TUESDAY_MORNING)
    path = ctx.scratch / "b10" / "a.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[float]] = {"wait": [], "delivery": [], "kiss": []}
    async with console(path, peer, org, "c01", clock=clock) as a:
        sync = SyncService(engine=a.engine, changes=a.db, clock=clock)
        delivered = Delivered(a.db)
        sync.start()
        http = httpx.AsyncClient(
            base_url=peer.root + "/klantinteracties/api/v1",
            headers={"Authorization": f"Token {peer.token}"},
            timeout=30,
        )
        try:
            check = await a.callbacks.check(Owner.colleague("c02"))
            agent_actor = await a.adapter.actors.uuid_for(Owner.colleague("c01"))
            for n in range(-1, runs):  # -1: warm-up (actors looked up, connections open)
                started = time.perf_counter()
                note = await a.callbacks.create(draft(n, "c02"), check=check)
                waited = time.perf_counter() - started
                # No await since the save returned: the notice cannot have come yet.
                arrived = delivered.expect(note.id)
                at = await asyncio.wait_for(arrived, 60)
                # Let the round the save woke finish, so KISS does not compete with its pull.
                await asyncio.sleep(1.0)
                kiss = await kiss_sequence(
                    http, agent_actor=agent_actor, colleague_email=bram.email, n=n
                )
                if n >= 0:
                    out["wait"].append(waited * 1000)
                    out["delivery"].append((at - started) * 1000)
                    out["kiss"].append(kiss * 1000)
                await asyncio.sleep(0.5)
        finally:
            await http.aclose()
            delivered.close()
            await sync.aclose()
    return out


@benchmark(
    "B10",
    what="saving a callback note, side by side with KISS, real Open Klant at +30 ms round trip",
    budget="KISS ÷ console wait ≥ 100×; delivery ≤ 0.5 × the KISS sequence",
)
def b10_side_by_side(ctx: Context) -> list[Figure]:
    server = _server()
    if server is None:
        return []
    proxy, peer = proxied(server)
    runs = 3 if ctx.quick else 20
    try:
        got = asyncio.run(_side_by_side(ctx, peer, runs))
    finally:
        proxy.stop()
    wait, delivery, kiss = got["wait"], got["delivery"], got["kiss"]
    ratio = [w / k for w, k in zip(wait, kiss, strict=True)]
    share = [d / k for d, k in zip(delivery, kiss, strict=True)]
    times = [k / w for w, k in zip(wait, kiss, strict=True)]
    common = {"size": runs}
    return [
        Figure("B10", "console: agent's wait to save a note", wait, **common),
        Figure("B10", "KISS: the contactverzoek's 7 requests one after another", kiss, **common),
        Figure("B10", "console: save → note on the server", delivery, **common),
        Figure(
            "B10",
            "console wait ÷ KISS sequence (≥ 100× faster)",
            ratio,
            unit="×",
            budget=0.01,
            notes=f"KISS takes {sorted(times)[len(times) // 2]:.0f}× the console's wait (median)",
            **common,
        ),
        Figure(
            "B10",
            "delivery ÷ KISS sequence",
            share,
            unit="×",
            budget=0.5,
            **common,
        ),
    ]
