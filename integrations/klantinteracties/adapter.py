"""``InteractionRemote`` on the Klantinteracties API: create, update and pull interactions.

Event-loop thread only. Every create is idempotent under its client reference
(``referentienummer``): with ``resume=True`` the adapter first looks the klantcontact up, checks
it is really ours (the ``kccId`` in its metadata; ten random digits do collide), and then only
adds the links (actorklantcontact, internetaak) that are missing. Actors for colleagues and
desks are found by their identificator before one is created (duplicates are allowed by the
server, so never create blindly).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from console.domain.model import Channel, Interaction, Owner, OwnerKind, Status
from console.ports import InternalTask, RemoteLink, RemoteState
from integrations.klantinteracties import mapping
from integrations.klantinteracties.client import KlantinteractiesClient
from integrations.klantinteracties.errors import ReferenceTaken

ACTOR_REGISTER = "kcc-console"
_SOORT = {OwnerKind.COLLEAGUE: "medewerker", OwnerKind.DESK: "organisatorische_eenheid"}


class ActorDirectory:
    """Our colleagues and desks ↔ actor uuids, looked up once and remembered."""

    def __init__(self, client: KlantinteractiesClient) -> None:
        self._client = client
        self._by_owner: dict[Owner, str] = {}
        self._by_uuid: dict[str, Owner | None] = {}
        self._lock = asyncio.Lock()

    def remember(self, owner: Owner, uuid: str) -> None:
        self._by_owner[owner] = uuid
        self._by_uuid[uuid] = owner

    async def uuid_for(self, owner: Owner, *, name: str | None = None) -> str:
        if owner in self._by_owner:
            return self._by_owner[owner]
        async with self._lock:
            if owner in self._by_owner:
                return self._by_owner[owner]
            found = await self._client.list_all(
                "/actoren",
                params={
                    "actoridentificatorObjectId": owner.id,
                    "actoridentificatorCodeRegister": ACTOR_REGISTER,
                    "soortActor": _SOORT[owner.kind],
                },
            )
            if found:
                uuid = found[0]["uuid"]
            else:
                created = await self._client.request(
                    "POST",
                    "/actoren",
                    json={
                        "naam": (name or owner.id)[:200],
                        "soortActor": _SOORT[owner.kind],
                        "indicatieActief": True,
                        "actoridentificator": {
                            "objectId": owner.id,
                            "codeObjecttype": _SOORT[owner.kind],
                            "codeRegister": ACTOR_REGISTER,
                            "codeSoortObjectId": "id",
                        },
                    },
                )
                uuid = created["uuid"]
            self.remember(owner, uuid)
            return uuid

    async def owner_for(self, uuid: str | None) -> Owner | None:
        if not uuid:
            return None
        if uuid in self._by_uuid:
            return self._by_uuid[uuid]
        actor = await self._client.request("GET", f"/actoren/{uuid}")
        ident = actor.get("actoridentificator") or {}
        owner: Owner | None = None
        if ident.get("codeRegister") == ACTOR_REGISTER and ident.get("objectId"):
            kind = (
                OwnerKind.COLLEAGUE if actor.get("soortActor") == "medewerker" else OwnerKind.DESK
            )
            owner = Owner(kind, ident["objectId"])
            self._by_owner.setdefault(owner, uuid)
        self._by_uuid[uuid] = owner
        return owner


class KlantinteractiesAdapter:
    """See the module docstring. ``agent_actor`` is this console user's actor uuid."""

    def __init__(
        self, client: KlantinteractiesClient, *, agent_actor: str | None, agent_id: str
    ) -> None:
        self.client = client
        self.actors = ActorDirectory(client)
        self._agent = Owner.colleague(agent_id)
        if agent_actor:
            self.actors.remember(self._agent, agent_actor)

    async def aclose(self) -> None:
        await self.client.aclose()

    # -- create -----------------------------------------------------------------------------

    async def find_by_reference(self, reference: str) -> dict[str, Any] | None:
        found = await self.client.list_all(
            "/klantcontacten", params={"referentienummer": reference}
        )
        return found[0] if found else None

    async def create(
        self,
        item: Interaction,
        *,
        reference: str,
        task: InternalTask | None,
        resume: bool,
    ) -> RemoteState:
        """Create (or finish creating) ``item``; see the module docstring.

        Raises:
            LimitExceeded: a field breaks the spec's limits (nothing was sent).
            ReferenceTaken: another klantcontact holds ``reference``; choose a new one.
            Unavailable, AmbiguousWrite, Rejected, AuthenticationFailed: see ``errors``.
        """
        is_note = item.channel is Channel.CALLBACK_NOTE or task is not None
        if is_note:
            task = task or mapping.default_task(item)
            mapping.check_task(task)
        body = mapping.klantcontact_body(item, reference=reference)
        check = resume
        klantcontact = await self.find_by_reference(reference) if resume else None
        if klantcontact is not None and not self._is_ours(klantcontact, item):
            raise ReferenceTaken("Dit referentienummer is al in gebruik.", field="referentienummer")
        if klantcontact is None:
            try:
                klantcontact = await self.client.request("POST", "/klantcontacten", json=body)
            except ReferenceTaken:
                # Our earlier attempt may have landed after all, or it is a real collision.
                klantcontact = await self.find_by_reference(reference)
                if klantcontact is None or not self._is_ours(klantcontact, item):
                    raise
                check = True
        else:
            check = True
        kc_uuid = klantcontact["uuid"]
        await self._ensure_agent_link(kc_uuid, check=check)
        internetaak = None
        assignees: tuple[Owner, ...] = ()
        if is_note:
            assert task is not None
            assignees = task.assignees or (item.owner,)
            if task.callback_numbers:
                await self._ensure_callback_numbers(kc_uuid, task, check=check)
            internetaak = await self._ensure_task(
                kc_uuid, task, assignees=assignees, done=not item.is_open, check=check
            )
        return mapping.state_from(klantcontact, internetaak, assignees=assignees)

    @staticmethod
    def _is_ours(klantcontact: dict[str, Any], item: Interaction) -> bool:
        meta = klantcontact.get("metadata") or {}
        return meta.get("kccId") == item.id

    async def _ensure_agent_link(self, kc_uuid: str, *, check: bool) -> None:
        actor = await self.actors.uuid_for(self._agent)
        if check:
            links = await self.client.list_all(
                "/actorklantcontacten", params={"klantcontact__uuid": kc_uuid}
            )
            if any((link.get("actor") or {}).get("uuid") == actor for link in links):
                return
        await self.client.request(
            "POST",
            "/actorklantcontacten",
            json={"actor": {"uuid": actor}, "klantcontact": {"uuid": kc_uuid}},
        )

    async def _ensure_callback_numbers(
        self, kc_uuid: str, task: InternalTask, *, check: bool
    ) -> None:
        """The resident as betrokkene (klant, initiator) with the callback numbers on it."""
        numbers = [mapping.check_phone(n) for n in task.callback_numbers]
        betrokkene = None
        if check:
            found = await self.client.list_all(
                "/betrokkenen", params={"hadKlantcontact__uuid": kc_uuid}
            )
            betrokkene = found[0] if found else None
        if betrokkene is None:
            betrokkene = await self.client.request(
                "POST",
                "/betrokkenen",
                json={
                    "hadKlantcontact": {"uuid": kc_uuid},
                    "rol": "klant",
                    "initiator": True,
                    "organisatienaam": "",
                },
            )
            check = False
        present: set[str] = set()
        if check:
            existing = await self.client.list_all(
                "/digitaleadressen", params={"verstrektDoorBetrokkene__uuid": betrokkene["uuid"]}
            )
            present = {a["adres"] for a in existing}
        for number in numbers:
            if number in present:
                continue
            await self.client.request(
                "POST",
                "/digitaleadressen",
                json={
                    "verstrektDoorBetrokkene": {"uuid": betrokkene["uuid"]},
                    "adres": number,
                    "soortDigitaalAdres": "telefoonnummer",
                    "omschrijving": "Terugbelnummer",
                },
            )
            present.add(number)

    async def _ensure_task(
        self,
        kc_uuid: str,
        task: InternalTask,
        *,
        assignees: tuple[Owner, ...],
        done: bool,
        check: bool,
    ) -> dict[str, Any]:
        if check:
            tasks = await self.client.list_all(
                "/internetaken", params={"aanleidinggevendKlantcontact__uuid": kc_uuid}
            )
            if tasks:
                return tasks[0]
        actors = [await self.actors.uuid_for(a) for a in assignees]
        return await self.client.request(
            "POST",
            "/internetaken",
            json=mapping.internetaak_body(task, klantcontact=kc_uuid, actors=actors, done=done),
        )

    # -- update -----------------------------------------------------------------------------

    async def update(
        self, link: RemoteLink, item: Interaction, *, task: InternalTask | None
    ) -> RemoteState:
        """Bring the server in line with ``item`` (PATCH: safe to repeat)."""
        klantcontact = await self.client.request(
            "PATCH", f"/klantcontacten/{link.klantcontact}", json=mapping.klantcontact_patch(item)
        )
        internetaak = None
        assignees: tuple[Owner, ...] = ()
        if link.internetaak:
            patch: dict[str, Any] = {
                "status": "te_verwerken" if item.is_open else "verwerkt",
            }
            if task is not None:
                mapping.check_task(task)
                patch["gevraagdeHandeling"] = task.action
                if task.explanation:
                    patch["toelichting"] = task.explanation
            assignees = (task.assignees if task and task.assignees else ()) or (item.owner,)
            if item.is_open:
                # Reassigning: the task follows the question's owner (N4).
                patch["toegewezenAanActoren"] = [
                    {"uuid": await self.actors.uuid_for(a)} for a in assignees
                ]
            internetaak = await self.client.request(
                "PATCH", f"/internetaken/{link.internetaak}", json=patch
            )
            assignees = await self._assignees_of(internetaak)
        return mapping.state_from(klantcontact, internetaak, assignees=assignees)

    async def _assignees_of(self, internetaak: dict[str, Any]) -> tuple[Owner, ...]:
        owners = []
        for ref in internetaak.get("toegewezenAanActoren") or []:
            owner = await self.actors.owner_for(ref.get("uuid"))
            if owner is not None:
                owners.append(owner)
        return tuple(owners)

    # -- pull -------------------------------------------------------------------------------

    async def changes(
        self, owners: Sequence[Owner], *, known: Mapping[str, str] | None = None
    ) -> list[RemoteState]:
        """Internetaken assigned to ``owners`` (all pages) with their klantcontact, as a list."""
        return [state async for batch in self.iter_changes(owners, known=known) for state in batch]

    async def iter_changes(
        self, owners: Sequence[Owner], *, known: Mapping[str, str] | None = None
    ) -> AsyncIterator[list[RemoteState]]:
        """The same, one page of tasks at a time, merged by the caller as they arrive.

        A first sync of 10⁵ notes then never holds them all in memory: a heap of 10⁵ parsed
        contacts made each full garbage collection stall the GUI thread for up to 0.3 s (B5).

        A task whose version (status, assignees, handling time) is in ``known`` unchanged is
        skipped, so a poll costs one request per page plus one per changed task.
        """
        known = known or {}
        seen: set[str] = set()
        for owner in owners:
            actor = await self.actors.uuid_for(owner)
            async for page in self.client.pages(
                "/internetaken", params={"toegewezenAanActor__uuid": actor}, page_size=500
            ):
                todo = [
                    t
                    for t in page
                    if t["uuid"] not in seen and known.get(t["uuid"]) != mapping.task_version(t)
                ]
                seen.update(t["uuid"] for t in todo)
                if todo:
                    yield await self._states_for(todo)

    async def _states_for(self, tasks: list[dict[str, Any]]) -> list[RemoteState]:
        limit = asyncio.Semaphore(4)

        async def one(task: dict[str, Any]) -> RemoteState:
            async with limit:
                kc = await self.client.request(
                    "GET", f"/klantcontacten/{task['aanleidinggevendKlantcontact']['uuid']}"
                )
                assignees = await self._assignees_of(task)
            return mapping.state_from(kc, task, assignees=assignees)

        return list(await asyncio.gather(*(one(t) for t in tasks)))


def is_done(state: RemoteState) -> bool:
    return state.status is Status.DONE
