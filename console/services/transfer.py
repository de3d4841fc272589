"""The guided warm transfer over the ``Telephony`` port (N4–N6).

Drives ``console.domain.transfer``: the guide lists targets with open-now; ``prepare`` checks the
target and the summary (refusal → the alternative, pre-filled); ``consult`` holds the resident
and rings the target on a second line; ``complete`` hands the resident over and records the new
owner; ``cancel`` goes back to the resident; ``fallback`` turns the same summary into a callback
note (through the ``CallbackFallback`` seam) or a referral mail for a partner (shown to copy;
sending mail is not part of this service).

Event-loop thread only. Phone events come through ``CallService.on_phone_event``: a consult line
that closes sends the agent back to the resident; a resident who hangs up during the consult
leaves the transfer in "resident left", with the summary ready for a fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from console.domain import transfer as wt
from console.domain.calendar import WorkingCalendar
from console.domain.callbacks import CallbackDraft
from console.domain.errors import DomainError, InvalidTransition
from console.domain.model import Channel, Interaction, Outcome, Owner, Resident
from console.domain.organisation import Organisation
from console.domain.routing import Match, search
from console.domain.transfer import (
    FallbackKind,
    FallbackRequest,
    HandoverSummary,
    ReferralMail,
    TargetKind,
    TransferRefused,
    TransferState,
    TransferTarget,
    WarmTransfer,
)
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text
from console.ports import (
    CallDropped,
    CallEvent,
    CallEventKind,
    Clock,
    InteractionRepository,
    TelephonyError,
)
from console.services.callbacks import CallbackService
from console.services.calls import CallPhase, CallService
from console.services.inbox import InboxService, NewInteraction


class CallbackFallback(Protocol):
    """Creates the callback note for a failed transfer (``callback_note_fallback`` in the app)."""

    async def __call__(
        self, request: FallbackRequest, *, resident: Resident | None
    ) -> Interaction | None: ...


def inbox_callback_fallback(inbox: InboxService) -> CallbackFallback:
    """The default seam: a callback-note interaction in the inbox with the handover summary."""

    async def create(request: FallbackRequest, *, resident: Resident | None) -> Interaction:
        return await inbox.receive(
            NewInteraction(
                channel=Channel.CALLBACK_NOTE,
                subject=request.subject,
                question=request.summary.text(),
                desk_id=request.desk_id or inbox.user.desk_id,
                resident=resident,
                created_by=inbox.user.id,
            )
        )

    return create


def callback_note_fallback(
    callbacks: CallbackService, interactions: InteractionRepository
) -> CallbackFallback:
    """The fallback as a real callback note (issue 3): availability checked, N1 deadline.

    The note goes to the colleague who was to take the call, or, when the availability check
    says they cannot call back in time (N2), to the replacement or the desk it names, with the
    reason recorded. The handover summary becomes the note's question: nothing is retyped.
    The note lands in the back office's list and the creator's "Door mij gemaakt".
    """

    async def create(request: FallbackRequest, *, resident: Resident | None) -> Interaction:
        target = request.target
        if target.kind is TargetKind.COLLEAGUE:
            wanted = Owner.colleague(target.id)
        else:
            wanted = Owner.desk(request.desk_id or callbacks.user.desk_id)
        check = await callbacks.check(wanted)
        advised = check.verdict.target if check.verdict else wanted
        number = request.summary.callback_number or (resident.phone if resident else "") or ""
        draft = CallbackDraft(
            resident_name=(resident.name if resident else request.summary.who) or "Onbekend",
            phone=number,
            phone2=(resident.phone2 or "") if resident else "",
            email=(resident.email or "") if resident else "",
            summary=request.summary.text(),
            target_kind=advised.kind.value,
            target_id=advised.id,
            resident_id=resident.id if resident else None,
            source_interaction_id=request.interaction_id,
        )
        note = await callbacks.create(draft, check=check, confirm_duplicates=True)
        created = await interactions.get(note.id)
        if created is None:  # pragma: no cover - created in the same transaction
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "De terugbelnotitie is niet gevonden na opslaan.")
            )
        return created

    return create


@dataclass(frozen=True, slots=True)
class GuideEntry:
    """One line of the transfer guide."""

    target: TransferTarget
    because: str  # the topic or name that matched
    open_now: bool
    next_open: datetime | None
    next_open_text: str  # "morgen om 09:00", "" when open now


def default_address(target: TransferTarget) -> str | None:
    """What to dial for a target: the colleague's extension, else the phone number."""
    return target.extension or target.phone


class TransferService:
    def __init__(
        self,
        *,
        calls: CallService,
        interactions: InteractionRepository,
        organisation: Organisation,
        calendar: WorkingCalendar,
        clock: Clock,
        fallback: CallbackFallback,
        address_of: Callable[[TransferTarget], str | None] = default_address,
    ) -> None:
        self.calls = calls
        self._interactions = interactions
        self.organisation = organisation
        self.calendar = calendar
        self.clock = clock
        self._fallback = fallback
        self._address_of = address_of
        self.referral: ReferralMail | None = None
        self.last_fallback: Interaction | None = None
        self.last_refusal: TransferRefused | None = None
        # Consult lines we hang up ourselves (complete/cancel): their CLOSED event is
        # expected, not "the target hung up" (it may arrive after the command returned).
        self._hung_up_by_us: set[str] = set()
        calls.on_phone_event(self._on_phone_event)

    @property
    def transfer(self) -> WarmTransfer | None:
        return self.calls.state.transfer

    def _set(self, transfer: WarmTransfer | None, **changes: object) -> None:
        self.calls.update(transfer=transfer, **changes)

    # -- the guide --------------------------------------------------------------------------

    def guide(self, text: str) -> list[GuideEntry]:
        now = self.clock.now()
        entries = []
        for match in search(self.organisation, text):
            entries.append(self._entry(match, now))
        return entries

    def _entry(self, match: Match, now: datetime) -> GuideEntry:
        target = match.target
        open_now = target.open_at(now, self.calendar)
        following = None if open_now else target.next_open(now, self.calendar)
        return GuideEntry(
            target=target,
            because=match.because,
            open_now=open_now,
            next_open=following,
            next_open_text=wt.describe_moment(following, now, self.calendar) if following else "",
        )

    def suggested_summary(self) -> HandoverSummary:
        """The summary to start from: the last attempt's, else who/number from the screen pop."""
        state = self.calls.state
        if state.transfer is not None:
            return state.transfer.summary  # a second attempt: nothing is typed twice
        resident = state.pop.resident if state.pop else None
        return HandoverSummary(
            who=resident.name if resident else "",
            what="",
            tried=state.notes.strip()[:300],
            callback_number=(resident.phone if resident and resident.phone else state.number),
        )

    # -- the flow ---------------------------------------------------------------------------

    def prepare(self, target: TransferTarget, summary: HandoverSummary) -> WarmTransfer:
        """Check target and summary. Raises ``TransferRefused`` (closed) or ``RuleViolation``."""
        state = self.calls.state
        if state.interaction is None or state.phase not in (
            CallPhase.TALKING,
            CallPhase.ON_HOLD,
        ):
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Doorverbinden kan alleen tijdens een gesprek.")
            )
        self.referral = None
        self.last_refusal = None
        try:
            prepared = wt.prepare(
                state.interaction,
                target=target,
                summary=summary,
                at=self.clock.now(),
                calendar=self.calendar,
            )
        except TransferRefused as refused:
            self.last_refusal = refused
            raise
        self._set(prepared)
        return prepared

    def refusal_fallback(self, summary: HandoverSummary) -> FallbackRequest | None:
        """The alternative the last refusal offered, pre-filled with ``summary``."""
        state = self.calls.state
        if self.last_refusal is None or state.interaction is None:
            return None
        return wt.fallback_for_refusal(
            self.last_refusal, interaction_id=state.interaction.id, summary=summary
        )

    async def consult(self) -> str:
        """Hold the resident and ring the target on a second line; returns the consult id."""
        current = self._require()
        consulting = wt.start_consult(current)
        address = self._address_of(current.target)
        if not address:
            raise DomainError(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP("errors", "Er is geen telefoonnummer van {name} bekend."),
                    {"name": current.target.name},
                )
            )
        state = self.calls.state
        self._set(consulting, phase=CallPhase.CONSULTING)
        try:
            consult_id = await self.calls.telephony.consult(state.call_id, address)
        except CallDropped:
            if self.calls.state.phase is CallPhase.CONSULTING:
                # The resident left while we dialled; the summary stays for the fallback.
                self._set(wt.resident_left(consulting), phase=CallPhase.WRAP_UP)
            raise
        except TelephonyError:
            self._set(replace(current), phase=CallPhase.TALKING)
            raise
        if self.calls.state.transfer is not None and self.calls.state.transfer.state is (
            TransferState.CONSULTING
        ):
            self.calls.update(consult_id=consult_id)
        return consult_id

    async def complete(self) -> Interaction:
        """Connect the resident to the target; the target owns the question now (N4)."""
        current = self._require()
        if current.state is not TransferState.CONSULTING:
            raise InvalidTransition(
                QT_TRANSLATE_NOOP(
                    "errors", "Doorverbinden kan pas als u met de collega overlegt (Alt+C)."
                )
            )
        state = self.calls.state
        address = self._address_of(current.target) or ""
        self._hung_up_by_us.add(state.consult_id)
        await self.calls.telephony.complete_transfer(state.call_id, state.consult_id, address)
        item = await self._interactions.get(current.interaction_id)
        if item is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze vraag bestaat niet meer."))
        done, change = wt.complete(current, item, by=self.calls.inbox.user.id, at=self.clock.now())
        await self._interactions.save(
            change, expected_updated_at=item.updated_at, initiator=self.calls.inbox.user.id
        )
        self._set(
            done,
            interaction=change.interaction,
            phase=CallPhase.WRAP_UP,
            consult_id="",
            ended_at=self.calls.state.ended_at or self.clock.now(),
            ended_reason=f"Doorverbonden met {current.target.name}.",
            suggested_outcome=Outcome.TRANSFERRED
            if done.target.owner
            else Outcome.REFERRED_TO_PARTNER,
        )
        return change.interaction

    async def cancel(self, *, reason: str = "") -> None:
        """Back to the resident: the consult line is hung up and the resident resumed."""
        current = self._require()
        cancelled = wt.cancel(current, reason=reason)
        state = self.calls.state
        if current.state is TransferState.CONSULTING:
            self._hung_up_by_us.add(state.consult_id)
            try:
                await self.calls.telephony.cancel_consult(state.call_id, state.consult_id)
            except CallDropped:
                self._set(wt.resident_left(current), phase=CallPhase.WRAP_UP, consult_id="")
                raise
        self._set(cancelled, phase=CallPhase.TALKING, consult_id="")

    async def fallback(self, *, reason: str = "") -> FallbackRequest:
        """The target cannot take it: callback note or referral mail, same summary."""
        current = self._require()
        finished, request = wt.fallback(current, reason=reason or current.reason)
        await self._apply_fallback(request)
        self._set(finished, suggested_outcome=self._outcome_for(request))
        return request

    async def fallback_after_refusal(self, summary: HandoverSummary) -> FallbackRequest:
        """Take the alternative a refusal offered, with the summary already written."""
        request = self.refusal_fallback(summary)
        if request is None:
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "errors", "Er is geen geweigerde doorverbinding om op terug te vallen."
                )
            )
        await self._apply_fallback(request)
        self.calls.update(suggested_outcome=self._outcome_for(request))
        return request

    async def _apply_fallback(self, request: FallbackRequest) -> None:
        state = self.calls.state
        resident = state.pop.resident if state.pop else None
        if request.kind is FallbackKind.PARTNER_REFERRAL:
            self.referral = wt.referral_mail(request, agent_name=self.calls.inbox.user.name)
        else:
            self.last_fallback = await self._fallback(request, resident=resident)

    @staticmethod
    def _outcome_for(request: FallbackRequest) -> Outcome:
        if request.kind is FallbackKind.PARTNER_REFERRAL:
            return Outcome.REFERRED_TO_PARTNER
        return Outcome.CALLBACK_NOTE_MADE

    def _require(self) -> WarmTransfer:
        current = self.transfer
        if current is None:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Kies eerst naar wie u wilt doorverbinden (F8).")
            )
        return current

    # -- phone events -----------------------------------------------------------------------

    def _on_phone_event(self, event: CallEvent) -> None:
        if event.kind is CallEventKind.CLOSED and event.call_id in self._hung_up_by_us:
            self._hung_up_by_us.discard(event.call_id)
            return
        state = self.calls.state
        current = state.transfer
        if current is None or current.is_finished:
            return
        if event.kind is CallEventKind.CLOSED and event.call_id == state.call_id:
            if current.state in (
                TransferState.PREPARED,
                TransferState.CONSULTING,
                TransferState.CANCELLED,
            ):
                self._set(wt.resident_left(current))
        elif (
            event.kind is CallEventKind.CLOSED
            and state.consult_id
            and event.call_id == state.consult_id
            and current.state is TransferState.CONSULTING
            and state.phase is CallPhase.CONSULTING
        ):
            # The target hung up or never answered: back to the resident, summary kept.
            self.calls.tell(
                Sentence.of(
                    Text(
                        "errors",
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "{name} is niet (meer) aan de lijn. U gaat terug naar de "
                            "inwoner. Maak zo nodig een terugbelnotitie.",
                        ),
                        {"name": current.target.name},
                    )
                )
            )
            self.calls.tasks.spawn(self.cancel(reason="Niet bereikt"), what="terug naar de inwoner")
