"""Our domain ↔ Klantinteracties bodies, and the spec's limits checked before sending.

Pure functions; no I/O. An interaction is a ``klantcontact``; the console's own facts that the
API has no field for (our id, status, owner, who closed it) travel in the klantcontact's
``metadata`` (strings of at most 255 characters), so every console reads the same truth.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from console.domain.model import Channel, Interaction, Outcome, Owner, OwnerKind, Status
from console.ports import InternalTask, RemoteLink, RemoteState
from integrations.klantinteracties.errors import LimitExceeded

SUBJECT_MAX = 200  # klantcontact.onderwerp, internetaak.gevraagdeHandeling
TEXT_MAX = 1000  # klantcontact.inhoud, internetaak.toelichting
CHANNEL_MAX = 50  # klantcontact.kanaal
REFERENCE = re.compile(r"^[0-9]{1,10}$")  # what Open Klant 2.18 accepts, beyond the spec
PHONE = re.compile(r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$")

CHANNEL_TO_KANAAL = {
    Channel.PHONE: "telefoon",
    Channel.CHAT: "chat",
    Channel.MAIL: "e-mail",
    Channel.POST: "post",
    Channel.COUNTER: "balie",
    Channel.SOCIAL: "sociale media",
    Channel.CALL_ME: "bel-me-verzoek",
    Channel.CALLBACK_NOTE: "terugbelnotitie",
}
KANAAL_TO_CHANNEL = {v: k for k, v in CHANNEL_TO_KANAAL.items()}

FIELD_WORDS = {
    "onderwerp": "Het onderwerp",
    "inhoud": "De vraag",
    "gevraagdeHandeling": "De gevraagde actie",
    "toelichting": "De toelichting",
}


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise LimitExceeded(
            f"{FIELD_WORDS.get(field, field)} is te lang: maximaal {limit} tekens "
            f"(nu {len(value)}). Maak de tekst korter.",
            field=field,
        )


def check_phone(number: str) -> str:
    """Return ``number`` without spaces if the API will take it; else LimitExceeded."""
    compact = re.sub(r"[\s-]", "", number)
    if not PHONE.match(compact):
        raise LimitExceeded(
            "Dit telefoonnummer kan het klantcontactsysteem niet opslaan. Gebruik 10 cijfers "
            "(bijvoorbeeld 0612345678) of +31…; 0800-, 0900- en 14-nummers kunnen niet.",
            field="adres",
        )
    return compact


def check_reference(reference: str) -> None:
    if not REFERENCE.match(reference):
        raise ValueError("a client reference is 1 to 10 digits")


def owner_text(owner: Owner) -> str:
    return f"{owner.kind.value}:{owner.id}"


def owner_from(text: str | None, default_desk: str) -> Owner:
    if text and ":" in text:
        kind, _, ident = text.partition(":")
        try:
            return Owner(OwnerKind(kind), ident)
        except ValueError:
            pass
    return Owner.desk(default_desk)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_moment(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def metadata_for(item: Interaction) -> dict[str, str]:
    meta = {
        "kccId": item.id,
        "kccStatus": item.status.value,
        "kccOwner": owner_text(item.owner),
        "kccDesk": item.desk_id,
        "kccChannel": item.channel.value,
    }
    if item.status is Status.DONE:
        meta["kccClosedBy"] = item.owner.id
        if item.outcome:
            meta["kccOutcome"] = item.outcome.value
        if item.closed_at:
            meta["kccClosedAt"] = _iso(item.closed_at)
    return meta


def klantcontact_body(item: Interaction, *, reference: str | None) -> dict[str, Any]:
    """The POST body for ``item``; raises LimitExceeded before anything is sent."""
    _check_length("onderwerp", item.subject, SUBJECT_MAX)
    _check_length("inhoud", item.question, TEXT_MAX)
    body: dict[str, Any] = {
        "kanaal": CHANNEL_TO_KANAAL[item.channel],
        "onderwerp": item.subject,
        "inhoud": item.question,
        "taal": "nld",
        "vertrouwelijk": False,
        "indicatieContactGelukt": True,
        "plaatsgevondenOp": _iso(item.received_at),
        "metadata": metadata_for(item),
    }
    if reference is not None:
        check_reference(reference)
        body["referentienummer"] = reference
    return body


def klantcontact_patch(item: Interaction) -> dict[str, Any]:
    _check_length("onderwerp", item.subject, SUBJECT_MAX)
    _check_length("inhoud", item.question, TEXT_MAX)
    return {"onderwerp": item.subject, "inhoud": item.question, "metadata": metadata_for(item)}


def check_task(task: InternalTask) -> None:
    _check_length("gevraagdeHandeling", task.action, SUBJECT_MAX)
    _check_length("toelichting", task.explanation, TEXT_MAX)
    for number in task.callback_numbers:
        check_phone(number)


def internetaak_body(
    task: InternalTask, *, klantcontact: str, actors: list[str], done: bool
) -> dict[str, Any]:
    check_task(task)
    body: dict[str, Any] = {
        "gevraagdeHandeling": task.action,
        "aanleidinggevendKlantcontact": {"uuid": klantcontact},
        "toegewezenAanActoren": [{"uuid": a} for a in actors],
        "status": "verwerkt" if done else "te_verwerken",
    }
    if task.explanation:
        body["toelichting"] = task.explanation
    return body


def default_task(item: Interaction) -> InternalTask:
    """The task of a callback note when the caller gave none: call the resident back."""
    return InternalTask(action=f"Terugbellen: {item.subject}"[:SUBJECT_MAX])


def task_version(internetaak: dict[str, Any] | None) -> str:
    if internetaak is None:
        return ""
    actors = sorted(
        (a or {}).get("uuid") or "" for a in internetaak.get("toegewezenAanActoren") or []
    )
    return "|".join(
        [internetaak.get("status", ""), ",".join(actors), internetaak.get("afgehandeldOp") or ""]
    )


def state_from(
    klantcontact: dict[str, Any],
    internetaak: dict[str, Any] | None,
    *,
    assignees: tuple[Owner, ...] = (),
) -> RemoteState:
    """What the server holds, in our terms. Tolerates the singular actor without ``url``."""
    meta = klantcontact.get("metadata") or {}
    desk = meta.get("kccDesk") or ""
    status_text = meta.get("kccStatus")
    try:
        status = Status(status_text) if status_text else Status.NEW
    except ValueError:
        status = Status.NEW
    closed_by = meta.get("kccClosedBy")
    closed_at = _parse_moment(meta.get("kccClosedAt"))
    if internetaak is not None and internetaak.get("status") == "verwerkt":
        status = Status.DONE
        closed_at = closed_at or _parse_moment(internetaak.get("afgehandeldOp"))
    channel_text = meta.get("kccChannel")
    try:
        channel = Channel(channel_text) if channel_text else None
    except ValueError:
        channel = None
    if channel is None:
        channel = KANAAL_TO_CHANNEL.get(klantcontact.get("kanaal", ""), Channel.PHONE)
    outcome_text = meta.get("kccOutcome")
    try:
        outcome = Outcome(outcome_text) if outcome_text else None
    except ValueError:
        outcome = None
    received = _parse_moment(klantcontact.get("plaatsgevondenOp")) or datetime.now(UTC)
    return RemoteState(
        interaction_id=meta.get("kccId") or klantcontact["uuid"],
        link=RemoteLink(
            klantcontact=klantcontact["uuid"],
            internetaak=internetaak["uuid"] if internetaak else None,
        ),
        channel=channel,
        subject=klantcontact.get("onderwerp", ""),
        question=klantcontact.get("inhoud", ""),
        received_at=received,
        status=status,
        owner=owner_from(meta.get("kccOwner"), desk),
        desk_id=desk,
        closed_by=closed_by,
        closed_at=closed_at if status is Status.DONE else None,
        outcome=outcome,
        assignees=assignees,
        version=task_version(internetaak),
    )
