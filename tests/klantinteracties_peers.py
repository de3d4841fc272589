"""Two peers for the same scenarios: the spec-validating fake and the real Open Klant 2.18.0.

``peer`` (parametrised fixture, ids ``fake`` and ``real``) gives a ``Peer`` with ``root`` and
``token``. ``console_for`` builds one console's connected core as the app does (store,
outbox, callback repository and service, adapter, sync engine), all real. ``kiss_*`` and
``ita_*`` write what KISS and ITA write, in their request order (INTEGRATIONS.md), with plain
HTTP, so the tests see the server exactly as those programs leave it.

Every scenario makes its own organisation with unique desk ids and e-mail addresses
(``unique``): the real server is shared with other sessions and never emptied.
"""

from __future__ import annotations

import random
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.domain.calendar import WorkingCalendar
from console.domain.model import Colleague, Desk, DeskKind, Role
from console.domain.organisation import Organisation
from console.services.callbacks import CallbackService
from integrations.calendar_nl import DutchHolidays
from integrations.klantinteracties.adapter import KlantinteractiesAdapter
from integrations.klantinteracties.client import KlantinteractiesClient, RetryPolicy
from integrations.phone_nl import DutchPhoneNumbers
from offline_cache.callback_notes import SqlCallbackNoteRepository
from offline_cache.database import Database
from offline_cache.outbox import Outbox
from offline_cache.repositories import SqlInteractionRepository
from offline_cache.sync import SyncEngine
from tests.klantinteracties_server import TOKEN, KlantinteractiesServer
from tests.klantinteracties_sync import NoSleep
from tests.openklant import unique

WEEKDAYS = {d: ((time(8, 0), time(17, 0)),) for d in range(5)}


@dataclass
class Peer:
    kind: str  # "fake" | "real"
    root: str
    token: str
    fake: KlantinteractiesServer | None = None


@pytest.fixture(params=["fake", pytest.param("real", marks=pytest.mark.openklant)])
def peer(request):
    """The same scenario against the fake and against the real Open Klant."""
    if request.param == "real":
        server = request.getfixturevalue("openklant")
        yield Peer("real", server.root, server.token)
        return
    fake = KlantinteractiesServer(seed=13).start()
    try:
        yield Peer("fake", fake.root, TOKEN, fake)
    finally:
        fake.stop()
    assert not fake.violations, "spec violations:\n" + "\n".join(fake.violations[:20])


def organisation(tag: str | None = None) -> Organisation:
    """Two desks with one colleague each; unique ids and e-mail addresses."""
    tag = tag or unique("")
    desks = (
        Desk(f"kcc-{tag}", f"Algemeen KCC {tag}", DeskKind.GENERAL, opening_hours=WEEKDAYS),
        Desk(f"wmo-{tag}", f"Team Wmo {tag}", DeskKind.DOMAIN, opening_hours=WEEKDAYS),
    )
    people = (
        Colleague("c01", "Anna Jansen", Role.AGENT, desks[0].id, email=f"anna.{tag}@wb.example"),
        Colleague("c02", "Bram de Wit", Role.AGENT, desks[1].id, email=f"bram.{tag}@wb.example"),
    )
    for person in people:
        person.working_hours.update(WEEKDAYS)
    return Organisation(name="Test", desks=desks, colleagues=people)


@dataclass
class Console:
    db: Database
    notes: SqlCallbackNoteRepository
    interactions: SqlInteractionRepository
    callbacks: CallbackService
    client: KlantinteractiesClient
    adapter: KlantinteractiesAdapter
    engine: SyncEngine


def calendar() -> WorkingCalendar:
    return WorkingCalendar(holidays=DutchHolidays())


@asynccontextmanager
async def console(
    path: Path, peer: Peer, org: Organisation, user_id: str, *, clock, seed=1, transport=None
):
    """One console (store + services + sync) for ``user_id``, as the composition root builds it.

    ``transport``: an httpx transport under the client (a test that kills the console mid-send).
    """
    from console.demo.availability import DemoAvailabilitySource
    from console.domain.model import Owner

    rng = random.Random(seed)
    db = await Database.open(path)
    client = KlantinteractiesClient(
        base_url=peer.root,
        token=peer.token,
        timeout=10,
        retry=RetryPolicy(attempts=3),
        sleep=NoSleep(),
        rng=rng,
        transport=transport,
    )
    try:
        outbox = Outbox()
        interactions = SqlInteractionRepository(db, outbox=outbox)
        notes = SqlCallbackNoteRepository(db, outbox=outbox)
        user = org.colleague(user_id)
        assert user is not None
        cal = calendar()
        callbacks = CallbackService(
            notes=notes,
            interactions=interactions,
            availability=DemoAvailabilitySource(org),
            phones=DutchPhoneNumbers(),
            changes=db,
            organisation=org,
            calendar=cal,
            clock=clock,
            user=user,
        )
        adapter = KlantinteractiesAdapter(
            client, agent_actor=None, agent_id=user_id, organisation=org
        )
        engine = SyncEngine(
            db,
            adapter,
            clock=clock,
            owners=lambda: [Owner.colleague(user.id), Owner.desk(user.desk_id)],
            new_reference=outbox.new_reference,
            sleep=NoSleep(),
            deadline_for=callbacks.deadline,
        )
        yield Console(db, notes, interactions, callbacks, client, adapter, engine)
        await callbacks.aclose()
    finally:
        await client.aclose()
        await db.close()


# -- KISS and ITA, as plain HTTP ---------------------------------------------------------------


class Http:
    """A tiny synchronous client for writing what KISS and ITA write."""

    def __init__(self, peer: Peer) -> None:
        self._http = httpx.Client(
            base_url=peer.root.rstrip("/") + "/klantinteracties/api/v1",
            headers={"Authorization": f"Token {peer.token}"},
            timeout=15,
        )

    def close(self) -> None:
        self._http.close()

    def get(self, path: str, **params: Any) -> Any:
        response = self._http.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self._http.post(path, json=body)
        assert response.status_code == 201, response.text
        return response.json()

    def patch(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self._http.patch(path, json=body)
        assert response.status_code == 200, response.text
        return response.json()

    def actor(self, ident: dict[str, str], *, soort: str, naam: str) -> str:
        """Find or create an actor by the four identificator filters (as KISS does)."""
        found = self.get(
            "/actoren",
            actoridentificatorObjectId=ident["objectId"],
            actoridentificatorCodeObjecttype=ident["codeObjecttype"],
            actoridentificatorCodeRegister=ident["codeRegister"],
            actoridentificatorCodeSoortObjectId=ident["codeSoortObjectId"],
        )["results"]
        if found:
            return found[0]["uuid"]
        return self.post(
            "/actoren",
            {
                "naam": naam,
                "soortActor": soort,
                "indicatieActief": True,
                "actoridentificator": ident,
            },
        )["uuid"]


def email_ident(email: str, register: str = "msei") -> dict[str, str]:
    return {
        "objectId": email,
        "codeObjecttype": "mdw",
        "codeRegister": register,
        "codeSoortObjectId": "email",
    }


def group_ident(group: str) -> dict[str, str]:
    return {
        "objectId": group,
        "codeObjecttype": "grp",
        "codeRegister": "obj",
        "codeSoortObjectId": "idf",
    }


def kiss_contactverzoek(
    http: Http,
    *,
    agent_actor: str,
    targets: list[str],
    question: str,
    name: dict[str, str],
    phone: str,
    explanation: str,
    at: str,
) -> tuple[str, str]:
    """A contactverzoek in KISS's request order; returns (klantcontact uuid, internetaak uuid)."""
    kc = http.post(
        "/klantcontacten",
        {
            "kanaal": "telefoon",
            "onderwerp": question,
            "inhoud": "Inwoner belde, wil teruggebeld worden.",
            "taal": "nld",
            "vertrouwelijk": False,
            "indicatieContactGelukt": True,
            "plaatsgevondenOp": at,
        },
    )
    http.post(
        "/actorklantcontacten",
        {"actor": {"uuid": agent_actor}, "klantcontact": {"uuid": kc["uuid"]}},
    )
    person = http.post(
        "/betrokkenen",
        {
            "hadKlantcontact": {"uuid": kc["uuid"]},
            "wasPartij": None,
            "rol": "klant",
            "initiator": True,
            "organisatienaam": "",
            "contactnaam": {"voorletters": "", "voorvoegselAchternaam": "", **name},
        },
    )
    http.post(
        "/digitaleadressen",
        {
            "verstrektDoorBetrokkene": {"uuid": person["uuid"]},
            "verstrektDoorPartij": None,
            "adres": phone,
            "soortDigitaalAdres": "telefoonnummer",
            "omschrijving": "telefoonnummer",
        },
    )
    task = http.post(
        "/internetaken",
        {
            "gevraagdeHandeling": "Contact opnemen met betrokkene",
            "aanleidinggevendKlantcontact": {"uuid": kc["uuid"]},
            "toegewezenAanActoren": [{"uuid": t} for t in targets],
            "toelichting": explanation,
            "status": "te_verwerken",
        },
    )
    return kc["uuid"], task["uuid"]


def ita_close(http: Http, *, original: str, task: str, actor: str, text: str, at: str) -> None:
    """ITA's handling: a new klantcontact for the call, chained to the original; task verwerkt."""
    kc = http.post(
        "/klantcontacten",
        {
            "kanaal": "telefoon",
            "onderwerp": "Contactverzoek afgehandeld",
            "inhoud": text,
            "taal": "nld",
            "vertrouwelijk": False,
            "indicatieContactGelukt": True,
            "plaatsgevondenOp": at,
        },
    )
    http.post(
        "/actorklantcontacten", {"actor": {"uuid": actor}, "klantcontact": {"uuid": kc["uuid"]}}
    )
    http.post(
        "/onderwerpobjecten",
        {
            "klantcontact": {"uuid": kc["uuid"]},
            "wasKlantcontact": {"uuid": original},
            "onderwerpobjectidentificator": {
                "objectId": original,
                "codeObjecttype": "klantcontact",
                "codeRegister": "openklant",
                "codeSoortObjectId": "uuid",
            },
        },
    )
    http.patch(f"/internetaken/{task}", {"status": "verwerkt"})
