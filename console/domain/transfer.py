"""The guided warm transfer (N4–N6): prepare → consult → complete | cancel | fallback.

A ``WarmTransfer`` is an immutable value; every function here takes the current value and returns
the next one (or raises ``TransferRefused``/``InvalidTransition`` with a Dutch message), so the
service can keep the old value when a step fails. Pure: the moment and the calendar are passed
in, no clock is read. Safe to share between threads.

- prepare: a target is chosen and a handover summary written (who, what, what was already tried,
  best callback number). A target outside its opening hours is refused, with the alternative
  (its next opening and a fallback) in the refusal. A question that was transferred before gets a
  warning (N5: more than one transfer for the same question is a visible failure).
- consult: the resident is on hold, the agent talks to the target with the summary on screen.
- complete: the resident is connected; the target becomes the owner of the question (N4) and the
  interaction's transfer count goes up (N5). A partner organisation is not a desk of ours: the
  question is closed as "referred to partner" by the agent, who owned it until then (N6).
- cancel: back to the resident; the transfer can be prepared again or fall back.
- fallback: target unreachable or closed → a callback note (desk or colleague) or a referral mail
  (partner), pre-filled with the same summary so nothing is typed twice.
- resident_left: the resident hung up during the consult; only a fallback is possible now.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from console.domain.calendar import (
    WorkingCalendar,
    is_open,
    next_opening,
    weekday_date_text,
)
from console.domain.errors import DomainError, InvalidTransition, RuleViolation
from console.domain.lifecycle import Change
from console.domain.model import (
    Colleague,
    Desk,
    Interaction,
    OpeningHours,
    Outcome,
    Owner,
    OwnerKind,
    PartnerOrganisation,
    Status,
    StatusChange,
    TimelineEntry,
    TimelineKind,
)
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text

SUMMARY_MAX_LENGTH = 1000  # the Klantinteracties API's limit for free text


class TargetKind(enum.StrEnum):
    DESK = "desk"
    COLLEAGUE = "colleague"
    PARTNER = "partner"


class TransferState(enum.StrEnum):
    PREPARED = "prepared"
    CONSULTING = "consulting"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    RESIDENT_LEFT = "resident_left"
    FALLBACK = "fallback"


class FallbackKind(enum.StrEnum):
    CALLBACK_NOTE = "callback_note"
    PARTNER_REFERRAL = "partner_referral"


STATE_WORDS = {
    TransferState.PREPARED: QT_TRANSLATE_NOOP("errors", "klaar om te overleggen"),
    TransferState.CONSULTING: QT_TRANSLATE_NOOP("errors", "in overleg (inwoner in de wacht)"),
    TransferState.COMPLETED: QT_TRANSLATE_NOOP("errors", "doorverbonden"),
    TransferState.CANCELLED: QT_TRANSLATE_NOOP("errors", "terug bij de inwoner"),
    TransferState.RESIDENT_LEFT: QT_TRANSLATE_NOOP("errors", "de inwoner heeft opgehangen"),
    TransferState.FALLBACK: QT_TRANSLATE_NOOP(
        "errors", "omgezet naar terugbelnotitie of doorverwijzing"
    ),
}


@dataclass(frozen=True, slots=True)
class TransferTarget:
    """Who the resident can be transferred to: a desk, a colleague or a partner organisation.

    ``opening_hours`` are the desk's or partner's hours, a colleague's working hours; empty
    means "no hours known" and is treated as always reachable. ``desk_id`` is the colleague's
    desk (the owner of a callback note when the colleague cannot be reached).
    """

    kind: TargetKind
    id: str
    name: str
    phone: str | None = None
    email: str | None = None
    topics: tuple[str, ...] = ()
    opening_hours: OpeningHours | None = None
    desk_id: str | None = None
    extension: str | None = None
    presence: str | None = None

    @classmethod
    def of_desk(cls, desk: Desk) -> TransferTarget:
        return cls(
            kind=TargetKind.DESK,
            id=desk.id,
            name=desk.name,
            phone=desk.phone,
            email=desk.mailbox,
            topics=desk.topics,
            opening_hours=desk.opening_hours,
            desk_id=desk.id,
        )

    @classmethod
    def of_colleague(cls, colleague: Colleague) -> TransferTarget:
        return cls(
            kind=TargetKind.COLLEAGUE,
            id=colleague.id,
            name=colleague.name,
            phone=colleague.phone,
            email=colleague.email,
            opening_hours=colleague.working_hours or None,
            desk_id=colleague.desk_id,
            extension=colleague.extension,
            presence=colleague.presence.value,
        )

    @classmethod
    def of_partner(cls, partner: PartnerOrganisation) -> TransferTarget:
        return cls(
            kind=TargetKind.PARTNER,
            id=partner.id,
            name=partner.name,
            phone=partner.phone,
            email=partner.email,
            topics=partner.topics,
            opening_hours=partner.opening_hours,
        )

    @property
    def owner(self) -> Owner | None:
        """The new owner after a completed transfer (N4); a partner is not one of ours."""
        if self.kind is TargetKind.DESK:
            return Owner.desk(self.id)
        if self.kind is TargetKind.COLLEAGUE:
            return Owner.colleague(self.id)
        return None

    def open_at(self, moment: datetime, calendar: WorkingCalendar) -> bool:
        if not self.opening_hours:
            return True
        return is_open(self.opening_hours, moment, calendar)

    def next_open(self, moment: datetime, calendar: WorkingCalendar) -> datetime | None:
        if not self.opening_hours:
            return moment
        return next_opening(self.opening_hours, moment, calendar)


@dataclass(frozen=True, slots=True)
class HandoverSummary:
    """What the receiving side hears before the resident is connected (N6), kept as data.

    The same value pre-fills the callback note or the referral mail when the transfer falls
    back, so nothing is typed twice.
    """

    who: str
    what: str
    tried: str = ""
    callback_number: str = ""

    def problems(self) -> dict[str, str]:
        """Field name → Dutch message for what is missing or too long; empty when fine."""
        found: dict[str, str] = {}
        if not self.who.strip():
            found["who"] = QT_TRANSLATE_NOOP(
                "errors", "Schrijf wie er belt (naam of 'onbekende beller')."
            )
        if not self.what.strip():
            found["what"] = QT_TRANSLATE_NOOP("errors", "Schrijf kort waar de vraag over gaat.")
        if len(self.text()) > SUMMARY_MAX_LENGTH:
            found["what"] = Sentence.of(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "De samenvatting is maximaal {maximum} tekens (nu {length}). "
                        "Maak hem korter.",
                    ),
                    {"maximum": SUMMARY_MAX_LENGTH, "length": len(self.text())},
                )
            )
        number = self.callback_number.strip()
        if number and sum(ch.isdigit() for ch in number) < 8:
            found["callback_number"] = QT_TRANSLATE_NOOP(
                "errors", "Dit terugbelnummer is te kort. Controleer het nummer."
            )
        return found

    def text(self) -> str:
        """The summary as plain Dutch lines (B1), for the screen, the note and the mail."""
        lines = [f"Wie: {self.who.strip()}", f"Vraag: {self.what.strip()}"]
        if self.tried.strip():
            lines.append(f"Al geprobeerd: {self.tried.strip()}")
        lines.append(f"Terugbelnummer: {self.callback_number.strip() or 'onbekend'}")
        return "\n".join(lines)


class TransferRefused(RuleViolation):
    """The target cannot take the resident now; ``next_open`` and ``alternative`` say what can."""

    def __init__(
        self,
        message: str | Text,
        *,
        target: TransferTarget,
        next_open: datetime | None,
        alternative: FallbackKind,
    ) -> None:
        super().__init__("N6", message)
        self.target = target
        self.next_open = next_open
        self.alternative = alternative


@dataclass(frozen=True, slots=True)
class FallbackRequest:
    """What the fallback must create, pre-filled with the transfer's summary."""

    kind: FallbackKind
    interaction_id: str
    target: TransferTarget
    summary: HandoverSummary
    reason: str

    @property
    def subject(self) -> str:
        if self.kind is FallbackKind.PARTNER_REFERRAL:
            return f"Doorverwijzing naar {self.target.name}"
        # Who to call back and about what, so the list of notes says it at a glance.
        what = (self.summary.what.strip().splitlines() or [""])[0][:80]
        who = self.summary.who.strip()
        return f"Terugbellen {who}: {what}" if who else f"Terugbellen: {what}"

    @property
    def desk_id(self) -> str | None:
        """The desk that owns the callback note: the target desk or the colleague's desk."""
        return self.target.desk_id


@dataclass(frozen=True, slots=True)
class ReferralMail:
    """A referral e-mail to a partner, pre-filled in plain Dutch (B1). Sending is not ours yet."""

    to: str
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class WarmTransfer:
    interaction_id: str
    target: TransferTarget
    summary: HandoverSummary
    state: TransferState = TransferState.PREPARED
    warning: str | None = None
    reason: str = ""

    @property
    def is_finished(self) -> bool:
        return self.state in (TransferState.COMPLETED, TransferState.FALLBACK)


def fallback_kind_for(target: TransferTarget) -> FallbackKind:
    if target.kind is TargetKind.PARTNER:
        return FallbackKind.PARTNER_REFERRAL
    return FallbackKind.CALLBACK_NOTE


def describe_moment(moment: datetime, now: datetime, calendar: WorkingCalendar) -> str:
    """'vandaag om 13:30', 'morgen om 09:00' or 'woensdag 2 december om 09:00'."""
    return moment_text(moment, now, calendar).dutch()


def moment_text(moment: datetime, now: datetime, calendar: WorkingCalendar) -> Text:
    """:func:`describe_moment` as translatable data."""
    local, today = calendar.local(moment), calendar.local(now).date()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return Text(
            "calendar", QT_TRANSLATE_NOOP("calendar", "vandaag om {clock}"), {"clock": clock}
        )
    if days == 1:
        return Text(
            "calendar", QT_TRANSLATE_NOOP("calendar", "morgen om {clock}"), {"clock": clock}
        )
    return Text(
        "calendar",
        QT_TRANSLATE_NOOP("calendar", "{date} om {clock}"),
        {"date": weekday_date_text(local.date()), "clock": clock},
    )


def second_transfer_warning(interaction: Interaction) -> str | None:
    """N5: a warning when this question was transferred before."""
    if interaction.transfers < 1:
        return None
    # A Sentence: Dutch as a string; the call panel renders it in the chosen language.
    return Sentence.of(
        Text(
            "errors",
            QT_TRANSLATE_NOOP(
                "errors",
                "Let op: deze vraag is al {count} keer doorverbonden. Nog een keer "
                "doorverbinden is vervelend voor de inwoner. Kan deze collega de vraag echt "
                "beantwoorden?",
            ),
            {"count": interaction.transfers},  # not ``n``: lupdate marks a NOOP non-plural
        )
    )


def check_open(target: TransferTarget, *, at: datetime, calendar: WorkingCalendar) -> None:
    """Raise ``TransferRefused`` when ``target`` is closed at ``at``, offering the alternative."""
    if target.open_at(at, calendar):
        return
    following = target.next_open(at, calendar)
    alternative = fallback_kind_for(target)
    when = (
        Text(
            "errors",
            QT_TRANSLATE_NOOP("errors", "Weer bereikbaar: {moment}."),
            {"moment": moment_text(following, at, calendar)},
        )
        if following
        else Text("errors", QT_TRANSLATE_NOOP("errors", "Er zijn geen openingstijden bekend."))
    )
    offer = (
        QT_TRANSLATE_NOOP("errors", "Stuur een doorverwijzing per e-mail met de samenvatting.")
        if alternative is FallbackKind.PARTNER_REFERRAL
        else QT_TRANSLATE_NOOP("errors", "Maak een terugbelnotitie met de samenvatting.")
    )
    closed = (
        QT_TRANSLATE_NOOP("errors", "{name} werkt nu niet. {when} {offer}")
        if target.kind is TargetKind.COLLEAGUE
        else QT_TRANSLATE_NOOP("errors", "{name} is nu gesloten. {when} {offer}")
    )
    raise TransferRefused(
        Text("errors", closed, {"name": target.name, "when": when, "offer": Text("errors", offer)}),
        target=target,
        next_open=following,
        alternative=alternative,
    )


def prepare(
    interaction: Interaction,
    *,
    target: TransferTarget,
    summary: HandoverSummary,
    at: datetime,
    calendar: WorkingCalendar,
) -> WarmTransfer:
    """Choose ``target`` and write the summary; refuses a closed target or a closed question.

    Raises:
        InvalidTransition: the question is already closed.
        RuleViolation: the summary is incomplete (``rule`` "summary"; first problem in message).
        TransferRefused: the target is closed now (with its next opening and the alternative).
    """
    if not interaction.is_open:
        raise InvalidTransition(
            QT_TRANSLATE_NOOP(
                "errors", "Deze vraag is al afgehandeld; doorverbinden kan niet meer."
            )
        )
    problems = summary.problems()
    if problems:
        raise RuleViolation("summary", next(iter(problems.values())))
    check_open(target, at=at, calendar=calendar)
    return WarmTransfer(
        interaction_id=interaction.id,
        target=target,
        summary=summary,
        warning=second_transfer_warning(interaction),
    )


def _require(transfer: WarmTransfer, allowed: tuple[TransferState, ...], action: str) -> None:
    if transfer.state not in allowed:
        raise InvalidTransition(
            Text(
                "errors",
                QT_TRANSLATE_NOOP("errors", "{action} kan nu niet: de doorverbinding is {state}."),
                {
                    "action": Text("errors", action),
                    "state": Text("errors", STATE_WORDS[transfer.state]),
                },
            )
        )


def start_consult(transfer: WarmTransfer) -> WarmTransfer:
    """The resident goes on hold and the target is called on a second line."""
    _require(
        transfer,
        (TransferState.PREPARED, TransferState.CANCELLED),
        QT_TRANSLATE_NOOP("errors", "Overleggen"),
    )
    return replace(transfer, state=TransferState.CONSULTING, reason="")


def cancel(transfer: WarmTransfer, *, reason: str = "") -> WarmTransfer:
    """Back to the resident (target did not answer, or cannot help)."""
    _require(
        transfer,
        (TransferState.PREPARED, TransferState.CONSULTING),
        QT_TRANSLATE_NOOP("errors", "Annuleren"),
    )
    return replace(transfer, state=TransferState.CANCELLED, reason=reason)


def resident_left(transfer: WarmTransfer) -> WarmTransfer:
    """The resident hung up while on hold: completing is impossible, the summary stays."""
    _require(
        transfer,
        (TransferState.PREPARED, TransferState.CONSULTING, TransferState.CANCELLED),
        "Ophangen verwerken",
    )
    return replace(
        transfer,
        state=TransferState.RESIDENT_LEFT,
        reason=QT_TRANSLATE_NOOP("errors", "De inwoner heeft opgehangen tijdens het overleg."),
    )


def complete(
    transfer: WarmTransfer, interaction: Interaction, *, by: str, at: datetime
) -> tuple[WarmTransfer, Change]:
    """The resident is connected: ownership moves to the target (N4), transfers + 1 (N5).

    A partner is not an owner inside the municipality: the question is closed by ``by`` with
    the outcome "referred to partner", after ``by`` took it (N4: whoever closes owns it).
    """
    _require(transfer, (TransferState.CONSULTING,), QT_TRANSLATE_NOOP("errors", "Doorverbinden"))
    if interaction.id != transfer.interaction_id:
        raise DomainError(
            QT_TRANSLATE_NOOP("errors", "Deze doorverbinding hoort bij een andere vraag.")
        )
    if not interaction.is_open:
        raise InvalidTransition(
            QT_TRANSLATE_NOOP(
                "errors", "Deze vraag is al afgehandeld; doorverbinden kan niet meer."
            )
        )
    # The summary is typed text: a parameter. The Dutch rendering obeys the API's limit.
    line = Text(
        "Timeline",
        QT_TRANSLATE_NOOP("Timeline", "Doorverbonden naar {target}.\n{summary}"),
        {"target": transfer.target.name, "summary": transfer.summary.text()},
    )
    entry = TimelineEntry(
        interaction.id, at, by, TimelineKind.TRANSFERRED, line.dutch()[:1000], line
    )
    owner = transfer.target.owner
    if owner is None:
        moved = replace(
            interaction,
            owner=Owner.colleague(by),
            status=Status.DONE,
            outcome=Outcome.REFERRED_TO_PARTNER,
            transfers=interaction.transfers + 1,
            closed_at=at,
            updated_at=at,
        )
        new_status = Status.DONE
    else:
        desk_id = transfer.target.desk_id or interaction.desk_id
        moved = replace(
            interaction,
            owner=owner,
            desk_id=desk_id if owner.kind is OwnerKind.DESK else interaction.desk_id,
            status=Status.TRANSFERRED,
            transfers=interaction.transfers + 1,
            updated_at=at,
        )
        new_status = Status.TRANSFERRED
    changes: tuple[StatusChange, ...] = ()
    if interaction.status is not new_status:
        changes = (StatusChange(at=at, by=by, old=interaction.status, new=new_status),)
    return replace(transfer, state=TransferState.COMPLETED), Change(moved, changes, (entry,))


def fallback(transfer: WarmTransfer, *, reason: str) -> tuple[WarmTransfer, FallbackRequest]:
    """Target unreachable or closed: a callback note or referral, with the same summary."""
    _require(
        transfer,
        (
            TransferState.PREPARED,
            TransferState.CONSULTING,
            TransferState.CANCELLED,
            TransferState.RESIDENT_LEFT,
        ),
        "Terugvallen",
    )
    request = FallbackRequest(
        kind=fallback_kind_for(transfer.target),
        interaction_id=transfer.interaction_id,
        target=transfer.target,
        summary=transfer.summary,
        reason=reason,
    )
    return replace(transfer, state=TransferState.FALLBACK, reason=reason), request


def fallback_for_refusal(
    refused: TransferRefused, *, interaction_id: str, summary: HandoverSummary
) -> FallbackRequest:
    """The alternative a refusal offers, pre-filled with the summary already written."""
    return FallbackRequest(
        kind=refused.alternative,
        interaction_id=interaction_id,
        target=refused.target,
        summary=summary,
        reason=refused.message,
    )


def referral_mail(request: FallbackRequest, *, agent_name: str) -> ReferralMail:
    """The referral e-mail to a partner in plain Dutch (B1), from the same summary."""
    if request.kind is not FallbackKind.PARTNER_REFERRAL:
        raise DomainError(
            QT_TRANSLATE_NOOP(
                "errors", "Een doorverwijzing per e-mail is alleen voor partnerorganisaties."
            )
        )
    summary = request.summary
    body = "\n".join(
        [
            "Beste collega's,",
            "",
            "Wij hebben een vraag van een inwoner die bij u hoort. "
            "Wilt u deze inwoner zelf bellen?",
            "",
            summary.text(),
            "",
            "Wij hebben de inwoner gezegd dat u contact opneemt. "
            "Lukt dat niet binnen 1 werkdag? Laat het ons dan weten.",
            "",
            "Met vriendelijke groet,",
            agent_name,
            "Klantcontactcentrum gemeente West Betuwe",
        ]
    )
    return ReferralMail(
        to=request.target.email or "",
        subject=f"Doorverwijzing: {summary.what.strip()[:80]}",
        body=body,
    )
