"""``InteractionRemote`` on the Klantinteracties API: create, update and pull interactions.

Event-loop thread only. Every create is idempotent under its client reference
(``referentienummer``): with ``resume=True`` the adapter first looks the klantcontact up, checks
it is really ours (the ``kccId`` in its metadata; ten random digits do collide), and then only
adds the links (actorklantcontact, internetaak) that are missing. Actors for colleagues and
desks are found by their identificator before one is created (duplicates are allowed by the
server, so never create blindly).

Callback notes are written and read as KISS and ITA do (INTEGRATIONS.md): a contactverzoek is a
klantcontact, the agent's actorklantcontact, one betrokkene with numbers and e-mail, and an
internetaak for the colleague and their team (``actors.actor_identity``); attempts and the
outcome are klantcontacten chained to it. The pull turns any open task for our actors into a
``RemoteState`` with a ``RemoteNote`` (name, numbers, toelichting, closer, outcome), whoever
made it, and returns what it cannot read as ``RemoteUnreadable`` instead of stopping.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Iterable, Mapping, Sequence
from typing import Any

from console.domain.callbacks import ATTEMPT_WORDS, AttemptOutcome
from console.domain.model import Channel, Interaction, Owner, OwnerKind, Status
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import InternalTask, RemoteLink, RemoteNote, RemoteState, RemoteUnreadable
from integrations.klantinteracties import mapping
from integrations.klantinteracties.actors import actor_identity, owner_for_actor
from integrations.klantinteracties.client import KlantinteractiesClient
from integrations.klantinteracties.errors import Malformed, NotFound, ReferenceTaken

# What a note needs of its klantcontact: the resident and their numbers. Not the tasks (we have
# them from the task list) and not the partij: on the real Open Klant 2.18 expanding
# leiddeTotInterneTaken on a list of 500 takes about a minute (one query per row), the resident
# a few seconds.
EXPAND = "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"
SCAN_EXPAND = EXPAND
# Shown in the window's list of answers put aside (widgets/sync_problems.py translates them).
_TASK_WITHOUT_UUID = QT_TRANSLATE_NOOP("errors", "Een interne taak zonder uuid.")
_KC_GONE = QT_TRANSLATE_NOOP("errors", "Het klantcontact van deze taak bestaat niet meer.")
_TASK_GONE = QT_TRANSLATE_NOOP("errors", "Deze taak is verwijderd uit het klantcontactsysteem.")


class ActorDirectory:
    """Our colleagues and desks ↔ actor uuids, looked up once and remembered.

    Identities come from ``actors.actor_identity`` (KISS/ITA conventions); actors are found by
    the four identificator filters before one is created (the server allows duplicates).
    """

    def __init__(self, client: KlantinteractiesClient, organisation: Organisation) -> None:
        self._client = client
        self.organisation = organisation
        self._by_owner: dict[Owner, str] = {}
        self._by_uuid: dict[str, Owner | None] = {}
        self._names: dict[str, str] = {}
        self._lock = asyncio.Lock()

    def remember(self, owner: Owner, uuid: str) -> None:
        self._by_owner[owner] = uuid
        self._by_uuid[uuid] = owner

    def name_of(self, uuid: str) -> str:
        return self._names.get(uuid, "")

    async def uuid_for(self, owner: Owner) -> str:
        if owner in self._by_owner:
            return self._by_owner[owner]
        async with self._lock:
            if owner in self._by_owner:
                return self._by_owner[owner]
            identity = actor_identity(owner, self.organisation)
            found = await self._client.list_all("/actoren", params=identity.query())
            found = [a for a in found if isinstance(a, dict) and isinstance(a.get("uuid"), str)]
            if found:
                uuid = found[0]["uuid"]
            else:
                created = await self._client.request("POST", "/actoren", json=identity.body())
                uuid = _uuid_of(created)
            self._names[uuid] = identity.naam
            self.remember(owner, uuid)
            return uuid

    async def owner_for(self, uuid: str | None) -> Owner | None:
        if not uuid:
            return None
        if uuid in self._by_uuid:
            return self._by_uuid[uuid]
        actor = await self._client.request("GET", f"/actoren/{uuid}")
        return self.learn(actor)

    def learn(self, actor: Any) -> Owner | None:
        """Remember an actor read from the server (expanded or fetched); its owner or None."""
        if not isinstance(actor, dict) or not isinstance(actor.get("uuid"), str):
            return None
        uuid = actor["uuid"]
        self._names[uuid] = str(actor.get("naam") or "")
        owner = owner_for_actor(actor, self.organisation)
        if owner is not None:
            self._by_owner.setdefault(owner, uuid)
        self._by_uuid[uuid] = owner
        return owner


async def _together(*steps: Awaitable[Any]) -> list[Any]:
    """Run independent requests at once; wait for all, then raise the first failure.

    Unlike a bare ``gather`` nothing is left running when one fails: the resume of the next
    attempt then sees every request that did land.
    """
    results = await asyncio.gather(*steps, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _uuid_of(record: Any) -> str:
    if not isinstance(record, dict) or not isinstance(record.get("uuid"), str):
        raise Malformed(
            QT_TRANSLATE_NOOP("errors", "Het antwoord van de server mist een uuid."), raw=record
        )
    return record["uuid"]


class KlantinteractiesAdapter:
    """See the module docstring. ``agent_actor`` is this console user's actor uuid."""

    #: Fewer new tasks than this are read one klantcontact each; more: one scan of the
    #: klantcontacten with their tasks expanded, 500 a page (a first sync).
    SCAN_FROM = 40

    def __init__(
        self,
        client: KlantinteractiesClient,
        *,
        agent_actor: str | None,
        agent_id: str,
        organisation: Organisation | None = None,
    ) -> None:
        self.client = client
        self.organisation = organisation or Organisation(name="")
        self.actors = ActorDirectory(client, self.organisation)
        # Per owner, the ``peek`` signature of the last full listing (``iter_changes``).
        self.listed: dict[Owner, tuple[Any, ...]] = {}
        self._agent = Owner.colleague(agent_id)
        if agent_actor:
            self.actors.remember(self._agent, agent_actor)

    async def aclose(self) -> None:
        await self.client.aclose()

    def _name(self, owner: Owner) -> str:
        return self.organisation.owner_name(owner)

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

        A callback note is written as KISS writes a contactverzoek: klantcontact, the agent's
        actorklantcontact, one betrokkene with the numbers and e-mail, then the internetaak. A
        new note's klantcontact and betrokkene go in one ``POST /maak-klantcontact``; a resumed
        one is completed link by link after looking up what is there.

        Raises:
            LimitExceeded: a field breaks the spec's limits (nothing was sent).
            ReferenceTaken: another klantcontact holds ``reference``; choose a new one.
            Unavailable, AmbiguousWrite, Rejected, AuthenticationFailed: see ``errors``.
        """
        is_note = item.channel is Channel.CALLBACK_NOTE or task is not None
        if is_note:
            task = task or mapping.default_task(item)
            mapping.check_task(task)
        kanaal = mapping.CHANNEL_TO_KANAAL.get(task.channel) if task and task.channel else None
        body = mapping.klantcontact_body(item, reference=reference, kanaal=kanaal)
        check = resume
        klantcontact = await self.find_by_reference(reference) if resume else None
        if klantcontact is not None and not self._is_ours(klantcontact, item):
            raise ReferenceTaken(
                QT_TRANSLATE_NOOP("errors", "Dit referentienummer is al in gebruik."),
                field="referentienummer",
            )
        betrokkene: dict[str, Any] | None = None
        combined = False
        if klantcontact is None:
            try:
                if is_note:
                    assert task is not None
                    klantcontact, betrokkene = await self._create_with_betrokkene(
                        body, task, assignees=task.assignees or (item.owner,)
                    )
                    combined = True
                else:
                    klantcontact = await self.client.request("POST", "/klantcontacten", json=body)
            except ReferenceTaken:
                # Our earlier attempt may have landed after all, or it is a real collision.
                klantcontact = await self.find_by_reference(reference)
                if klantcontact is None or not self._is_ours(klantcontact, item):
                    raise
                check = True
        else:
            check = True
        kc_uuid = _uuid_of(klantcontact)
        internetaak = None
        assignees: tuple[Owner, ...] = ()
        if is_note:
            assert task is not None
            assignees = task.assignees or (item.owner,)
            # Independent requests go together (B10: a new note reaches the server in three
            # round trips instead of seven: klantcontact with betrokkene, then agent link and
            # addresses, then the task). The internetaak still goes last: a colleague who
            # sees the task must find the resident and the numbers already there.
            await _together(
                self._ensure_agent_link(kc_uuid, check=check),
                self._ensure_betrokkene(
                    kc_uuid,
                    task,
                    # An answer without its betrokkene: look it up rather than make a second.
                    check=check or (combined and betrokkene is None),
                    created=betrokkene,
                ),
                *(self.actors.uuid_for(a) for a in assignees),
            )
            internetaak = await self._ensure_task(
                kc_uuid, task, assignees=assignees, done=not item.is_open, check=check
            )
        else:
            await self._ensure_agent_link(kc_uuid, check=check)
        return mapping.state_from(klantcontact, internetaak, assignees=assignees)

    async def _create_with_betrokkene(
        self, body: dict[str, Any], task: InternalTask, *, assignees: tuple[Owner, ...]
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The klantcontact and its betrokkene in one request (``POST /maak-klantcontact``).

        Open Klant checks both parts before it stores either (a refused betrokkene leaves no
        klantcontact), so a resume finds both or neither. The actors the next step needs are
        looked up meanwhile.
        """
        betrokkene = mapping.betrokkene_body("", task)
        del betrokkene["hadKlantcontact"]  # the server links it to the new klantcontact
        wanted = dict.fromkeys((self._agent, *assignees))
        created, *_ = await _together(
            self.client.request(
                "POST", "/maak-klantcontact", json={"klantcontact": body, "betrokkene": betrokkene}
            ),
            *(self.actors.uuid_for(a) for a in wanted),
        )
        klantcontact = created.get("klantcontact")
        person = created.get("betrokkene")
        if not isinstance(person, dict) or not isinstance(person.get("uuid"), str):
            person = None
        return klantcontact, person

    @staticmethod
    def _is_ours(klantcontact: dict[str, Any], item: Interaction) -> bool:
        meta = klantcontact.get("metadata") or {}
        return meta.get("kccId") == item.id

    async def _link_actor(self, kc_uuid: str, actor: str, *, check: bool) -> None:
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

    async def _ensure_agent_link(self, kc_uuid: str, *, check: bool) -> None:
        await self._link_actor(kc_uuid, await self.actors.uuid_for(self._agent), check=check)

    async def _ensure_betrokkene(
        self,
        kc_uuid: str,
        task: InternalTask,
        *,
        check: bool,
        created: dict[str, Any] | None = None,
    ) -> None:
        """The resident as betrokkene (klant, initiator) with numbers and e-mail on it.

        ``created``: the betrokkene ``/maak-klantcontact`` made a moment ago (no addresses yet).
        """
        numbers = [mapping.check_phone(n) for n in task.callback_numbers]
        betrokkene = created
        if betrokkene is None and check:
            found = await self.client.list_all(
                "/betrokkenen", params={"hadKlantcontact__uuid": kc_uuid}
            )
            betrokkene = found[0] if found else None
        if betrokkene is None:
            betrokkene = await self.client.request(
                "POST", "/betrokkenen", json=mapping.betrokkene_body(kc_uuid, task)
            )
            check = False
        b_uuid = _uuid_of(betrokkene)
        present: set[str] = set()
        if check:
            existing = await self.client.list_all(
                "/digitaleadressen", params={"verstrektDoorBetrokkene__uuid": b_uuid}
            )
            present = {a.get("adres") for a in existing if isinstance(a, dict)}
        wanted = [(n, "telefoonnummer", "Terugbelnummer") for n in numbers]
        if task.email.strip():
            wanted.append((task.email.strip(), "email", "E-mailadres"))
        missing = {adres: (soort, omschrijving) for adres, soort, omschrijving in wanted}
        for adres in present:
            missing.pop(adres, None)
        # The addresses do not depend on each other: sent together.
        await _together(
            *(
                self.client.request(
                    "POST",
                    "/digitaleadressen",
                    json=mapping.address_body(
                        b_uuid, adres, soort=soort, omschrijving=omschrijving
                    ),
                )
                for adres, (soort, omschrijving) in missing.items()
            )
        )

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
        """Bring the server in line with ``item`` (PATCH and chained contacts: safe to repeat).

        Call attempts and the closing outcome go out first as klantcontacten chained to the
        note (ITA's way), so whoever sees the task handled also finds what came of it.
        """
        closer = self._name(item.owner) if not item.is_open else ""
        klantcontact = await self.client.request(
            "PATCH",
            f"/klantcontacten/{link.klantcontact}",
            json=mapping.klantcontact_patch(item, closer_name=closer),
        )
        internetaak = None
        assignees: tuple[Owner, ...] = ()
        if link.internetaak:
            if task is not None:
                await self._ensure_chain(link.klantcontact, item, task)
            patch: dict[str, Any] = {
                "status": "te_verwerken" if item.is_open else "verwerkt",
            }
            # gevraagdeHandeling and toelichting are written once, at creation: a note made in
            # KISS keeps what its colleague wrote there.
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
        return mapping.state_from(
            klantcontact,
            internetaak,
            assignees=assignees,
            fallback_owner=item.owner,
            fallback_desk=item.desk_id,
        )

    async def _ensure_chain(self, original: str, item: Interaction, task: InternalTask) -> None:
        wanted: list[tuple[str, str, bool, Any, str]] = []
        for attempt in task.attempts:
            words = ATTEMPT_WORDS.get(attempt.outcome, str(attempt.outcome))
            text = f"{words}: {attempt.remark}" if attempt.remark else words
            reached = attempt.outcome is AttemptOutcome.REACHED
            wanted.append((f"Terugbelpoging: {words}", text, reached, attempt.at, attempt.by))
        if not item.is_open and task.outcome_text.strip():
            wanted.append(
                (
                    "Afgehandeld",
                    task.outcome_text.strip(),
                    True,
                    item.closed_at or item.updated_at or item.received_at,
                    item.owner.id,
                )
            )
        if not wanted:
            return
        existing = await self.client.list_all(
            "/onderwerpobjecten", params={"wasKlantcontact__uuid": original}
        )
        kanaal = mapping.CHANNEL_TO_KANAAL.get(task.channel or Channel.PHONE, "telefoon")
        for subject, text, reached, at, by in wanted[len(existing) :]:
            contact = await self.client.request(
                "POST",
                "/klantcontacten",
                json=mapping.chained_contact_body(
                    kanaal=kanaal, subject=subject, text=text, reached=reached, at=at
                ),
            )
            contact_uuid = _uuid_of(contact)
            actor = await self.actors.uuid_for(Owner.colleague(by))
            await self._link_actor(contact_uuid, actor, check=False)
            await self.client.request(
                "POST",
                "/onderwerpobjecten",
                json=mapping.onderwerpobject_body(contact_uuid, original),
            )

    async def _assignees_of(self, internetaak: dict[str, Any]) -> tuple[Owner, ...]:
        owners = []
        for ref in internetaak.get("toegewezenAanActoren") or []:
            owner = await self.actors.owner_for((ref or {}).get("uuid"))
            if owner is not None:
                owners.append(owner)
        return tuple(owners)

    # -- pull -------------------------------------------------------------------------------

    async def peek(self, owners: Sequence[Owner]) -> tuple[tuple[Any, ...], ...]:
        """A cheap "anything new?": per owner the number of open tasks and the newest one.

        One request per owner (``pageSize=1``; the server lists the newest assignment first),
        so a console can look every few seconds without re-reading its lists (B13). A new,
        closed or reassigned task changes the count or the newest task.
        """

        async def one(owner: Owner) -> tuple[Any, ...]:
            actor = await self.actors.uuid_for(owner)
            page = await self.client.request(
                "GET",
                "/internetaken",
                params={"toegewezenAanActor__uuid": actor, "status": "te_verwerken", "pageSize": 1},
            )
            if not isinstance(page, dict):
                return (None,)
            results = page.get("results") or [None]
            return _signature(page.get("count"), results[0])

        return tuple(await _together(*(one(o) for o in owners)))

    async def changes(
        self, owners: Sequence[Owner], *, known: Mapping[str, str] | None = None
    ) -> list[RemoteState]:
        """Internetaken assigned to ``owners`` (all pages) with their klantcontact, as a list."""
        return [
            state
            async for batch in self.iter_changes(owners, known=known)
            for state in batch
            if isinstance(state, RemoteState)
        ]

    async def iter_changes(
        self, owners: Sequence[Owner], *, known: Mapping[str, str] | None = None
    ) -> AsyncIterator[list[RemoteState | RemoteUnreadable]]:
        """Open tasks of ``owners`` that are new or changed, a batch at a time.

        Asks only for open tasks (``status=te_verwerken``), 500 a page. A task in ``known``
        (task uuid → version) that was open and is no longer in the lists was closed,
        reassigned or deleted: only those are read one by one. Records that cannot be read
        come back as ``RemoteUnreadable`` in the batch (the sync engine quarantines them);
        the rest goes on.
        """
        known = known or {}
        seen: set[str] = set()
        fresh: dict[str, tuple[Slim, Owner]] = {}
        for owner in owners:
            actor = await self.actors.uuid_for(owner)
            listed, newest = 0, None
            async for page in self.client.pages(
                "/internetaken",
                params={"toegewezenAanActor__uuid": actor, "status": "te_verwerken"},
                page_size=500,
                prefetch=True,
            ):
                bad: list[RemoteState | RemoteUnreadable] = []
                listed += len(page)
                if newest is None and page:
                    newest = page[0]
                for task in page:
                    kc = _kc_uuid(task)
                    if kc is None:
                        bad.append(_unreadable(_TASK_WITHOUT_UUID, task))
                        continue
                    uuid = task["uuid"]
                    if uuid in seen:
                        continue
                    seen.add(uuid)
                    if known.get(uuid) != mapping.task_version(task):
                        # Kept as a tuple of strings (untracked by the garbage collector): a
                        # first sync of 10⁵ holds them until their contacts are read.
                        fresh[uuid] = (_slim(task), owner)
                if bad:
                    yield bad
            # What ``peek`` would have seen at the start of this listing (no extra request).
            self.listed[owner] = _signature(listed, newest)
        if fresh:
            if len(fresh) >= self.SCAN_FROM and await self._scan_pays(len(fresh)):
                async for batch in self._scan(fresh):
                    yield batch
            else:
                items = list(fresh.values())
                for start in range(0, len(items), 500):
                    chunk = items[start : start + 500]
                    yield await self._states_for((_task(t), o) for t, o in chunk)
        gone = [u for u, v in known.items() if u not in seen and v.startswith("te_verwerken")]
        if gone:
            yield await self._gone(gone, owners, known=known)

    async def _states_for(
        self, tasks: Iterable[tuple[dict[str, Any], Owner]]
    ) -> list[RemoteState | RemoteUnreadable]:
        limit = asyncio.Semaphore(6)

        async def one(task: dict[str, Any], owner: Owner) -> RemoteState | RemoteUnreadable:
            async with limit:
                try:
                    kc = await self.client.request(
                        "GET", f"/klantcontacten/{_kc_uuid(task)}", params={"expand": EXPAND}
                    )
                    return await self._state_of(kc, task, owner)
                except Malformed as exc:
                    return _unreadable(exc.message, exc.raw)
                except NotFound:
                    return _unreadable(
                        _KC_GONE, task, gone=True
                    )

        return list(await asyncio.gather(*(one(t, o) for t, o in tasks)))

    async def _scan_pays(self, wanted: int) -> bool:
        """Is one pass over every klantcontact with a task cheaper than one read per task?

        A page of 500 costs the server about what 50 single reads cost (measured on Open Klant
        2.18: ~7 s against ~0.15 s), so the scan pays when we want more than a tenth of them:
        a first sync, not forty new notes in a municipality with a million old ones.
        """
        probe = await self.client.request(
            "GET", "/klantcontacten", params={"leiddeTotInterneTaken": "true", "pageSize": 1}
        )
        total = probe.get("count") if isinstance(probe, dict) else None
        if not isinstance(total, int):
            return False
        return wanted * 10 >= total

    async def _scan(
        self, wanted: dict[str, tuple[Slim, Owner]]
    ) -> AsyncIterator[list[RemoteState | RemoteUnreadable]]:
        """Every klantcontact that led to a task, expanded, until all ``wanted`` are found.

        Tasks are matched to their klantcontact by its uuid (the task list gave it).
        """
        by_contact: dict[str, list[str]] = {}
        for uuid, (slim, _owner) in wanted.items():
            by_contact.setdefault(slim[1], []).append(uuid)
        async for page in self.client.pages(
            "/klantcontacten",
            params={"leiddeTotInterneTaken": "true", "expand": SCAN_EXPAND},
            page_size=500,
            prefetch=True,
        ):
            batch: list[RemoteState | RemoteUnreadable] = []
            for kc in page:
                uuid = kc.get("uuid") if isinstance(kc, dict) else None
                for task_uuid in by_contact.pop(uuid, ()) if isinstance(uuid, str) else ():
                    slim, owner = wanted.pop(task_uuid)
                    try:
                        batch.append(await self._state_of(kc, _task(slim), owner))
                    except Malformed as exc:
                        batch.append(_unreadable(exc.message, exc.raw, internetaak=task_uuid))
            if batch:
                yield batch
            if not wanted:
                return
        if wanted:
            # Not found by the scan (made while it ran): read them one by one.
            yield await self._states_for((_task(t), o) for t, o in wanted.values())

    async def _gone(
        self,
        uuids: list[str],
        owners: Sequence[Owner],
        *,
        known: Mapping[str, str] | None = None,
    ) -> list[RemoteState | RemoteUnreadable]:
        """Tasks we knew as open that left our lists: handled, moved on or deleted.

        Our notes for other desks are never in our lists: one request each tells whether they
        changed; only a changed one is read in full (N3: the creator sees the outcome).
        """
        known = known or {}
        found: list[RemoteState | RemoteUnreadable] = []
        for uuid in uuids:
            try:
                task = await self.client.request("GET", f"/internetaken/{uuid}")
            except NotFound:
                found.append(
                    RemoteUnreadable(
                        message=_TASK_GONE,
                        raw=json.dumps({"uuid": uuid}),
                        internetaak=uuid,
                        gone=True,
                    )
                )
                continue
            except Malformed as exc:
                found.append(_unreadable(exc.message, exc.raw, internetaak=uuid))
                continue
            if _kc_uuid(task) is None:
                found.append(_unreadable(_TASK_WITHOUT_UUID, task, internetaak=uuid))
                continue
            if uuid in known and known[uuid] == mapping.task_version(task):
                continue
            found.extend(await self._states_for([(task, owners[0])]))
        return found

    async def _state_of(
        self, kc: dict[str, Any], task: dict[str, Any], owner: Owner
    ) -> RemoteState:
        """One note from its expanded klantcontact and its task."""
        if not isinstance(kc, dict):
            raise Malformed(
                QT_TRANSLATE_NOOP("errors", "Een klantcontact dat niet te lezen is."), raw=kc
            )
        assignees = await self._assignees_of(task)
        fallback = self._fallback_owner(assignees, owner)
        desk = fallback.id if fallback.kind is OwnerKind.DESK else ""
        if fallback.kind is OwnerKind.COLLEAGUE:
            colleague = self.organisation.colleague(fallback.id)
            desk = colleague.desk_id if colleague else ""
        if not desk:
            desk = next((a.id for a in assignees if a.kind is OwnerKind.DESK), "")
        expanded = kc.get("_expand") or {}
        people = [b for b in expanded.get("hadBetrokkenen") or [] if isinstance(b, dict)]
        resident = next((b for b in people if b.get("initiator")), people[0] if people else {})
        addresses = (resident.get("_expand") or {}).get("digitaleAdressen") or []
        phones = tuple(
            a["adres"]
            for a in addresses
            if isinstance(a, dict) and a.get("soortDigitaalAdres") == "telefoonnummer"
        )
        emails = [
            a["adres"]
            for a in addresses
            if isinstance(a, dict) and a.get("soortDigitaalAdres") == "email"
        ]
        actors = [a for a in kc.get("hadBetrokkenActoren") or [] if isinstance(a, dict)]
        closer_name = outcome_text = ""
        if task.get("status") == "verwerkt":
            closer_name, outcome_text = await self._closing_of(kc["uuid"])
        note = RemoteNote(
            contact_name=mapping.name_of(resident) if resident else "",
            phones=phones[:2],
            email=emails[0] if emails else "",
            explanation=str(task.get("toelichting") or ""),
            action=str(task.get("gevraagdeHandeling") or ""),
            created_by=str(actors[0].get("naam") or "") if actors else "",
            closed_by_name=closer_name,
            outcome_text=outcome_text,
        )
        return mapping.state_from(
            kc,
            task,
            assignees=assignees,
            fallback_owner=fallback,
            fallback_desk=desk,
            note=note,
            closed_by=closer_name or None,
        )

    def _fallback_owner(self, assignees: tuple[Owner, ...], listed_for: Owner) -> Owner:
        """The owner of a note made without our metadata: the colleague first, else the desk."""
        for owner in assignees:
            if owner.kind is OwnerKind.COLLEAGUE and owner == self._agent:
                return owner
        for owner in assignees:
            if owner.kind is OwnerKind.COLLEAGUE and self.organisation.colleague(owner.id):
                return owner
        for owner in assignees:
            if owner.kind is OwnerKind.DESK and self.organisation.desk(owner.id):
                return owner
        return assignees[0] if assignees else listed_for

    async def _closing_of(self, original: str) -> tuple[str, str]:
        """(closer's name, outcome) from the latest klantcontact chained to ``original``.

        The server does not list onderwerpobjecten in creation order: the latest is the one
        that took place last (``plaatsgevondenOp``).
        """
        chained = await self.client.list_all(
            "/onderwerpobjecten", params={"wasKlantcontact__uuid": original}
        )
        refs = [(o.get("klantcontact") or {}).get("uuid") for o in chained if isinstance(o, dict)]
        contacts = []
        for ref in refs:
            if not ref:
                continue
            contact = await self.client.request("GET", f"/klantcontacten/{ref}")
            if isinstance(contact, dict):
                contacts.append(contact)
        if not contacts:
            return "", ""
        last = max(contacts, key=lambda c: str(c.get("plaatsgevondenOp") or ""))
        actors = [a for a in last.get("hadBetrokkenActoren") or [] if isinstance(a, dict)]
        name = str(actors[0].get("naam") or "") if actors else ""
        return name, str(last.get("inhoud") or "")


def _signature(count: Any, newest: Any) -> tuple[Any, ...]:
    """What ``peek`` compares: the number of open tasks and the newest one's uuid and version."""
    newest = newest if isinstance(newest, dict) else {}
    return (count, newest.get("uuid"), mapping.task_version(newest))


Slim = tuple[str, str, str, tuple[str, ...], str, str, str]


def _slim(task: dict[str, Any]) -> Slim:
    """What a note needs of a listed task, as strings only (see ``iter_changes``)."""
    actors = tuple(
        r["uuid"]
        for r in task.get("toegewezenAanActoren") or []
        if isinstance(r, dict) and isinstance(r.get("uuid"), str)
    )
    return (
        task["uuid"],
        _kc_uuid(task) or "",
        str(task.get("status") or ""),
        actors,
        str(task.get("toelichting") or ""),
        str(task.get("gevraagdeHandeling") or ""),
        str(task.get("afgehandeldOp") or ""),
    )


def _task(slim: Slim) -> dict[str, Any]:
    uuid, kc, status, actors, explanation, action, handled = slim
    return {
        "uuid": uuid,
        "aanleidinggevendKlantcontact": {"uuid": kc},
        "status": status,
        "toegewezenAanActoren": [{"uuid": a} for a in actors],
        "toelichting": explanation,
        "gevraagdeHandeling": action,
        "afgehandeldOp": handled or None,
    }


def _kc_uuid(task: Any) -> str | None:
    if not isinstance(task, dict) or not isinstance(task.get("uuid"), str):
        return None
    ref = task.get("aanleidinggevendKlantcontact")
    uuid = ref.get("uuid") if isinstance(ref, dict) else None
    return uuid if isinstance(uuid, str) and uuid else None


def _unreadable(
    message: str, raw: Any, *, internetaak: str | None = None, gone: bool = False
) -> RemoteUnreadable:
    if internetaak is None and isinstance(raw, dict) and isinstance(raw.get("uuid"), str):
        internetaak = raw["uuid"]
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    return RemoteUnreadable(message=message, raw=text[:20000], internetaak=internetaak, gone=gone)


def is_done(state: RemoteState) -> bool:
    return state.status is Status.DONE
