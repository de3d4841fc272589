"""Who is who in Open Klant: our colleagues and desks as actors, the way KISS and ITA write them.

Pure functions; no I/O; thread-safe. ``actor_identity`` is the ONE place that turns a colleague
or a desk into an actor identificator (sign-in and the organisation file feed it through the
``Organisation``); ``owner_for_actor`` reads any actor back, also ones KISS, ITA or an older
console made. Conventions (INTEGRATIONS.md, "Working together with KISS and ITA"):

=================  ==========================  ====  =========  ======  ==============
who                soortActor                  type  register   soort   objectId
=================  ==========================  ====  =========  ======  ==============
a colleague        medewerker                  mdw   msei       email   e-mail address
(no e-mail known)  medewerker                  mdw   obj        idf     staff id
a desk / team      organisatorische_eenheid    grp   obj        idf     desk id
=================  ==========================  ====  =========  ======  ==============

``naam`` is the display name. ITA finds "my" tasks by the colleague's e-mail, so a colleague
without an e-mail address in the organisation cannot be found by ITA: that is logged once by
the adapter, not guessed around.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.domain.model import Colleague, Owner, OwnerKind
from console.domain.organisation import Organisation

MEDEWERKER = "medewerker"
EENHEID = "organisatorische_eenheid"
LEGACY_REGISTER = "kcc-console"  # how consoles before issue 10 named their actors
NAME_MAX = 200


@dataclass(frozen=True, slots=True)
class ActorIdentity:
    """An actor's identificator and display name, as sent to and looked up in Open Klant."""

    soort_actor: str
    code_objecttype: str
    code_register: str
    code_soort_object_id: str
    object_id: str
    naam: str

    def query(self) -> dict[str, str]:
        """The four ``actoridentificator…`` filters of ``GET /actoren`` (and the kind)."""
        return {
            "actoridentificatorCodeObjecttype": self.code_objecttype,
            "actoridentificatorCodeRegister": self.code_register,
            "actoridentificatorCodeSoortObjectId": self.code_soort_object_id,
            "actoridentificatorObjectId": self.object_id,
            "soortActor": self.soort_actor,
        }

    def body(self) -> dict[str, Any]:
        """The ``POST /actoren`` body."""
        return {
            "naam": self.naam[:NAME_MAX],
            "soortActor": self.soort_actor,
            "indicatieActief": True,
            "actoridentificator": {
                "objectId": self.object_id,
                "codeObjecttype": self.code_objecttype,
                "codeRegister": self.code_register,
                "codeSoortObjectId": self.code_soort_object_id,
            },
        }


def actor_identity(owner: Owner, organisation: Organisation) -> ActorIdentity:
    """The actor for a colleague (by e-mail) or a desk (as a group), named as people know them.

    An owner the organisation does not know keeps its id as object id and as name, so a note
    for it is still delivered and still found again by the same identificator.
    """
    if owner.kind is OwnerKind.COLLEAGUE:
        colleague = organisation.colleague(owner.id)
        name = colleague.name if colleague else owner.id
        email = (colleague.email or "").strip().lower() if colleague else ""
        if email:
            return ActorIdentity(MEDEWERKER, "mdw", "msei", "email", email, name)
        return ActorIdentity(MEDEWERKER, "mdw", "obj", "idf", owner.id, name)
    desk = organisation.desk(owner.id)
    return ActorIdentity(EENHEID, "grp", "obj", "idf", owner.id, desk.name if desk else owner.id)


def owner_for_actor(actor: dict[str, Any], organisation: Organisation) -> Owner | None:
    """Which of our colleagues or desks ``actor`` is; None when it is nobody we know.

    Accepts every convention of the table above (KISS's ``msei`` and ITA's ``handmatig``
    e-mail registers alike), departments (``afd``) matched to a desk id, and the old
    ``kcc-console`` register. Never builds an owner from an empty id.
    """
    if not isinstance(actor, dict):
        return None
    ident = actor.get("actoridentificator")
    if not isinstance(ident, dict):
        return None
    object_id = str(ident.get("objectId") or "").strip()
    if not object_id:
        return None
    soort = actor.get("soortActor")
    kind_of_id = str(ident.get("codeSoortObjectId") or "").lower()
    register = ident.get("codeRegister")
    if soort == MEDEWERKER:
        if kind_of_id == "email":
            found = colleague_by_email(organisation, object_id)
            return Owner.colleague(found.id) if found else None
        if kind_of_id in ("idf", "id") or register == LEGACY_REGISTER:
            # A staff id is an id even when this organisation file does not list it (yet).
            return Owner.colleague(object_id)
        return None
    if soort == EENHEID and (kind_of_id in ("idf", "id") or register == LEGACY_REGISTER):
        return Owner.desk(object_id)
    return None


def colleague_by_email(organisation: Organisation, email: str) -> Colleague | None:
    """The colleague with this e-mail address (case-insensitive), or None."""
    wanted = email.strip().lower()
    for colleague in organisation.colleagues:
        if (colleague.email or "").strip().lower() == wanted:
            return colleague
    return None
