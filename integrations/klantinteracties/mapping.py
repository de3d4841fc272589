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
from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import InternalTask, RemoteLink, RemoteNote, RemoteState
from integrations.klantinteracties.errors import LimitExceeded, Malformed

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
    Channel.CALLBACK_NOTE: "telefoon",  # a note is no channel: the resident phoned (KISS)
}
KANAAL_TO_CHANNEL = {v: k for k, v in CHANNEL_TO_KANAAL.items() if k is not Channel.CALLBACK_NOTE}
KANAAL_TO_CHANNEL["terugbelnotitie"] = Channel.CALLBACK_NOTE  # consoles before issue 10
ACTION = "Contact opnemen met betrokkene"  # gevraagdeHandeling of a contactverzoek (KISS)
TUSSENVOEGSELS = (
    "van der", "van den", "van de", "van 't", "in 't", "in de", "op de", "uit de", "van",
    "de", "den", "der", "het", "'t", "ter", "ten", "te", "op", "in", "la", "le", "du", "von",
)

FIELD_WORDS = {
    "onderwerp": QT_TRANSLATE_NOOP("errors", "Het onderwerp"),
    "inhoud": QT_TRANSLATE_NOOP("errors", "De vraag"),
    "gevraagdeHandeling": QT_TRANSLATE_NOOP("errors", "De gevraagde actie"),
    "toelichting": QT_TRANSLATE_NOOP("errors", "De toelichting"),
}


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise LimitExceeded(
            Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "{field} is te lang: maximaal {limit} tekens (nu {length}). "
                    "Maak de tekst korter.",
                ),
                {
                    "field": Text("errors", FIELD_WORDS[field]) if field in FIELD_WORDS else field,
                    "limit": limit,
                    "length": len(value),
                },
            ),
            field=field,
        )


def check_phone(number: str) -> str:
    """Return ``number`` without spaces if the API will take it; else LimitExceeded."""
    compact = re.sub(r"[\s-]", "", number)
    if not PHONE.match(compact):
        raise LimitExceeded(
            QT_TRANSLATE_NOOP(
                "errors",
                "Dit telefoonnummer kan het klantcontactsysteem niet opslaan. Gebruik 10 cijfers "
                "(bijvoorbeeld 0612345678) of +31…; 0800-, 0900- en 14-nummers kunnen niet.",
            ),
            field="adres",
        )
    return compact


def check_reference(reference: str) -> None:
    if not REFERENCE.match(reference):
        raise ValueError("a client reference is 1 to 10 digits")


def owner_text(owner: Owner) -> str:
    return f"{owner.kind.value}:{owner.id}"


def owner_from(text: str | None, fallback: Owner | None) -> Owner | None:
    """The owner our metadata names; else ``fallback`` (never an owner with an empty id)."""
    if text and ":" in text:
        kind, _, ident = text.partition(":")
        if ident.strip():
            try:
                return Owner(OwnerKind(kind), ident)
            except ValueError:
                pass
    return fallback


def whole_words(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with …)."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


def contactnaam(name: str) -> dict[str, str]:
    """A name as typed, split the way Open Klant stores it (voornaam, voorvoegsel, achternaam).

    The server joins the parts back into ``volledigeNaam``; only the split is a guess.
    """
    words = name.split()
    parts = {"voorletters": "", "voornaam": "", "voorvoegselAchternaam": "", "achternaam": ""}
    if not words:
        return parts
    if len(words) == 1:
        parts["achternaam"] = words[0][:200]
        return parts
    lowered = [w.lower() for w in words]
    # The voorvoegsel starts at the first tussenvoegsel after the first word.
    for start in range(1, len(words) - 1):
        for prefix in TUSSENVOEGSELS:
            size = len(prefix.split())
            if " ".join(lowered[start : start + size]) == prefix and start + size < len(words):
                parts["voornaam"] = " ".join(words[:start])[:200]
                parts["voorvoegselAchternaam"] = " ".join(words[start : start + size])[:10]
                parts["achternaam"] = " ".join(words[start + size :])[:200]
                return parts
    parts["voornaam"] = " ".join(words[:-1])[:200]
    parts["achternaam"] = words[-1][:200]
    return parts


def name_of(betrokkene: dict[str, Any]) -> str:
    """The resident's name as a betrokkene carries it (volledigeNaam, else the parts)."""
    full = str(betrokkene.get("volledigeNaam") or "").strip()
    if full:
        return full
    parts = betrokkene.get("contactnaam") or {}
    if not isinstance(parts, dict):
        return ""
    words = [parts.get(k) for k in ("voornaam", "voorvoegselAchternaam", "achternaam")]
    return " ".join(str(w) for w in words if w).strip()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_moment(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def metadata_for(item: Interaction, *, closer_name: str = "") -> dict[str, str]:
    meta = {
        "kccId": item.id,
        "kccStatus": item.status.value,
        "kccOwner": owner_text(item.owner),
        "kccDesk": item.desk_id,
        "kccChannel": item.channel.value,
    }
    if item.status is Status.DONE:
        meta["kccClosedBy"] = item.owner.id
        if closer_name:
            meta["kccClosedByName"] = closer_name[:255]
        if item.outcome:
            meta["kccOutcome"] = item.outcome.value
        if item.closed_at:
            meta["kccClosedAt"] = _iso(item.closed_at)
    return meta


def klantcontact_body(
    item: Interaction, *, reference: str | None, kanaal: str | None = None
) -> dict[str, Any]:
    """The POST body for ``item``; raises LimitExceeded before anything is sent."""
    _check_length("onderwerp", item.subject, SUBJECT_MAX)
    _check_length("inhoud", item.question, TEXT_MAX)
    body: dict[str, Any] = {
        "kanaal": kanaal or CHANNEL_TO_KANAAL[item.channel],
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


def klantcontact_patch(item: Interaction, *, closer_name: str = "") -> dict[str, Any]:
    _check_length("onderwerp", item.subject, SUBJECT_MAX)
    _check_length("inhoud", item.question, TEXT_MAX)
    return {
        "onderwerp": item.subject,
        "inhoud": item.question,
        "metadata": metadata_for(item, closer_name=closer_name),
    }


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
    """The task of a callback note when the caller gave none: contact the resident (KISS)."""
    return InternalTask(action=ACTION, contact_name=item.resident_name or "")


def betrokkene_body(klantcontact: str, task: InternalTask) -> dict[str, Any]:
    """The resident as KISS registers them: always one betrokkene, also when anonymous."""
    return {
        "hadKlantcontact": {"uuid": klantcontact},
        "wasPartij": None,  # no partij known to the console (yet)
        "rol": "klant",
        "initiator": True,
        "organisatienaam": "",
        "contactnaam": contactnaam(task.contact_name),
    }


def address_body(betrokkene: str, adres: str, *, soort: str, omschrijving: str) -> dict[str, Any]:
    """A digitaal adres on the betrokkene.

    ``verstrektDoorPartij`` is always sent: Open Klant 2.18 refuses the body without the key
    (400 required) although the spec marks it optional; ``null`` is accepted.
    """
    return {
        "verstrektDoorBetrokkene": {"uuid": betrokkene},
        "verstrektDoorPartij": None,
        "adres": adres,
        "soortDigitaalAdres": soort,
        "omschrijving": omschrijving,
    }


def chained_contact_body(
    *, kanaal: str, subject: str, text: str, reached: bool, at: datetime
) -> dict[str, Any]:
    """One call-back attempt (or the closing outcome) as its own klantcontact, as ITA does."""
    return {
        "kanaal": kanaal,
        "onderwerp": whole_words(subject, SUBJECT_MAX),
        "inhoud": text[:TEXT_MAX],
        "taal": "nld",
        "vertrouwelijk": False,
        "indicatieContactGelukt": reached,
        "plaatsgevondenOp": _iso(at),
    }


def onderwerpobject_body(new: str, original: str) -> dict[str, Any]:
    """Chains klantcontact ``new`` to the ``original`` note (ITA's convention)."""
    return {
        "klantcontact": {"uuid": new},
        "wasKlantcontact": {"uuid": original},
        "onderwerpobjectidentificator": {
            "objectId": original,
            "codeObjecttype": "klantcontact",
            "codeRegister": "openklant",
            "codeSoortObjectId": "uuid",
        },
    }


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
    fallback_owner: Owner | None = None,
    fallback_desk: str = "",
    note: RemoteNote | None = None,
    closed_by: str | None = None,
) -> RemoteState:
    """What the server holds, in our terms. Tolerates the singular actor without ``url``.

    A klantcontact made by KISS, ITA or anyone else has none of our metadata: its owner is
    ``fallback_owner`` (the first of our actors it is assigned to). ``closed_by`` is the
    closer's display name found on the server (the actor of the last chained klantcontact).

    Raises:
        Malformed: the record lacks what every klantcontact has (uuid), a date cannot be read,
            or nobody we know owns it.
    """
    if not isinstance(klantcontact, dict) or not isinstance(klantcontact.get("uuid"), str):
        raise Malformed(
            QT_TRANSLATE_NOOP("errors", "Een klantcontact zonder uuid."), raw=klantcontact
        )
    if internetaak is not None and (
        not isinstance(internetaak, dict) or not isinstance(internetaak.get("uuid"), str)
    ):
        raise Malformed(
            QT_TRANSLATE_NOOP("errors", "Een interne taak zonder uuid."), raw=internetaak
        )
    meta = klantcontact.get("metadata") or {}
    if not isinstance(meta, dict):
        meta = {}
    desk = str(meta.get("kccDesk") or "") or fallback_desk
    status_text = meta.get("kccStatus")
    try:
        status = Status(status_text) if status_text else Status.NEW
    except ValueError:
        status = Status.NEW
    try:
        closed_at = _parse_moment(meta.get("kccClosedAt"))
        received = _parse_moment(klantcontact.get("plaatsgevondenOp"))
        handled = _parse_moment(internetaak.get("afgehandeldOp")) if internetaak else None
    except (TypeError, ValueError) as exc:
        raise Malformed(
            QT_TRANSLATE_NOOP("errors", "Een datum die niet te lezen is."), raw=klantcontact
        ) from exc
    if internetaak is not None:
        # The task is the shared truth about open or handled (ITA only changes the task).
        if internetaak.get("status") == "verwerkt":
            status = Status.DONE
            closed_at = closed_at or handled
        elif status is Status.DONE:
            status = Status.IN_PROGRESS  # reopened elsewhere
            closed_at = None
    closer = closed_by or meta.get("kccClosedByName") or meta.get("kccClosedBy")
    channel_text = meta.get("kccChannel")
    try:
        channel = Channel(channel_text) if channel_text else None
    except ValueError:
        channel = None
    if channel is None:
        channel = (
            Channel.CALLBACK_NOTE
            if internetaak is not None
            else KANAAL_TO_CHANNEL.get(str(klantcontact.get("kanaal", "")), Channel.PHONE)
        )
    outcome_text = meta.get("kccOutcome")
    try:
        outcome = Outcome(outcome_text) if outcome_text else None
    except ValueError:
        outcome = None
    if status is Status.DONE and outcome is None and internetaak is not None:
        outcome = Outcome.ANSWERED
    owner = owner_from(meta.get("kccOwner"), fallback_owner)
    if owner is None:
        raise Malformed(
            QT_TRANSLATE_NOOP("errors", "Een klantcontact zonder bekende eigenaar."),
            raw=klantcontact,
        )
    if not desk:
        desk = owner.id if owner.kind is OwnerKind.DESK else ""
    return RemoteState(
        interaction_id=str(meta.get("kccId") or klantcontact["uuid"]),
        link=RemoteLink(
            klantcontact=klantcontact["uuid"],
            internetaak=internetaak["uuid"] if internetaak else None,
        ),
        channel=channel,
        subject=str(klantcontact.get("onderwerp") or ""),
        question=str(klantcontact.get("inhoud") or ""),
        received_at=received or datetime.now(UTC),
        status=status,
        owner=owner,
        desk_id=desk,
        closed_by=closer if status is Status.DONE else None,
        closed_at=closed_at if status is Status.DONE else None,
        outcome=outcome if status is Status.DONE else None,
        assignees=assignees,
        version=task_version(internetaak),
        note=note,
        reference=klantcontact.get("referentienummer"),
    )
