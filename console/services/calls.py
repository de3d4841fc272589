"""The call use cases: ring with a screen pop, answer, hold, notes, hang up, wrap-up.

One agent, one resident call at a time: a second incoming call while busy keeps ringing at the
phone and is shown (with its screen pop) as soon as the current call is wrapped up. The
service keeps a ``CallState`` value and tells listeners about every new value; notes typed
during a call live in that state and survive a dropped call, a crashed phone and a failed
command. When the resident is answered the call becomes an interaction in the inbox (owned by
the agent, N4); wrap-up closes it with an outcome and stores the call record with the optional
satisfaction score.

Event-loop thread only. Phone events arrive through the ``Telephony`` port's callback; commands
are awaited and their failures raise ``TelephonyError``/``DomainError`` with Dutch messages,
after the state has been put back to something sane.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from console.domain.errors import DomainError
from console.domain.lifecycle import NOTE_MAX_LENGTH
from console.domain.model import Channel, Interaction, Outcome, Resident, Status
from console.domain.transfer import TransferState, WarmTransfer
from console.ports import (
    CallDropped,
    CallEvent,
    CallEventKind,
    CallRecord,
    CallRecords,
    Clock,
    ResidentRepository,
    Telephony,
    TelephonyError,
    TelephonyProtocolError,
)
from console.services.inbox import InboxService, NewInteraction
from console.services.tasks import TaskGroup


class CallPhase(enum.StrEnum):
    IDLE = "idle"
    RINGING = "ringing"
    TALKING = "talking"
    ON_HOLD = "on_hold"
    CONSULTING = "consulting"  # resident on hold, agent on the consult line
    WRAP_UP = "wrap_up"  # the call is over; outcome and score still to give


@dataclass(frozen=True, slots=True)
class ScreenPop:
    """Who is calling, as far as the store knows, and what is still open for them."""

    number: str
    resident: Resident | None = None
    other_matches: int = 0  # more residents share this number: the agent must ask
    recent: tuple[Interaction, ...] = ()
    open_callback_notes: tuple[Interaction, ...] = ()


@dataclass(frozen=True, slots=True)
class CallState:
    phase: CallPhase = CallPhase.IDLE
    call_id: str = ""
    number: str = ""
    pop: ScreenPop | None = None
    rang_at: datetime | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    interaction: Interaction | None = None
    notes: str = ""
    consult_id: str = ""
    transfer: WarmTransfer | None = None
    ended_reason: str = ""
    suggested_outcome: Outcome | None = None

    @property
    def live(self) -> bool:
        return self.phase in (CallPhase.TALKING, CallPhase.ON_HOLD, CallPhase.CONSULTING)


def normalise_number(number: str) -> str:
    """A Dutch number in E.164 (+31…) as the store keeps it; other text unchanged."""
    digits = re.sub(r"[\s\-().]", "", number)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0") and digits[1:].isdigit():
        digits = "+31" + digits[1:]
    return digits


RESIDENT_HUNG_UP = "De inwoner heeft opgehangen. Uw notities zijn bewaard."
MISSED = "Gemiste oproep: de beller heeft opgehangen voordat u opnam."


class CallService:
    """See the module docstring. ``desk_id`` is the desk that owns new calls (N4)."""

    def __init__(
        self,
        *,
        telephony: Telephony,
        inbox: InboxService,
        records: CallRecords,
        residents: ResidentRepository,
        clock: Clock,
        desk_id: str | None = None,
    ) -> None:
        self.telephony = telephony
        self.inbox = inbox
        self._records = records
        self._residents = residents
        self.clock = clock
        self._desk_id = desk_id  # fixed desk for new calls; None: the signed-in user's desk
        self.state = CallState()
        self.tasks = TaskGroup()
        self._listeners: list[Callable[[CallState], None]] = []
        self._message_listeners: list[Callable[[str], None]] = []
        self._event_hooks: list[Callable[[CallEvent], None]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._waiting: dict[str, tuple[str, datetime]] = {}  # call id → number, rang at

    @property
    def desk_id(self) -> str:
        """The desk that owns new calls: read from the session now, so a switch follows."""
        return self._desk_id or self.inbox.user.desk_id

    # -- wiring -----------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[CallState], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def on_message(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Hear Dutch messages for the agent (hung up, phone failed, ...)."""
        self._message_listeners.append(listener)
        return lambda: self._message_listeners.remove(listener)

    def on_phone_event(self, hook: Callable[[CallEvent], None]) -> None:
        """For the transfer service: every phone event, after this service handled it."""
        self._event_hooks.append(hook)

    async def start(self) -> None:
        """Listen to the phone and start it. Raises ``TelephonyUnavailable``."""
        if self._unsubscribe is None:
            self._unsubscribe = self.telephony.subscribe(self._on_phone_event)
        await self.telephony.start()

    async def aclose(self) -> None:
        await self.tasks.aclose()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        await self.telephony.aclose()

    def set_state(self, state: CallState) -> None:
        self.state = state
        for listener in list(self._listeners):
            listener(state)
        if state.phase is CallPhase.IDLE and self._waiting:
            call_id = next(iter(self._waiting))
            number, rang_at = self._waiting.pop(call_id)
            self._ring(call_id, number, rang_at)

    def _ring(self, call_id: str, number: str, rang_at: datetime) -> None:
        self.set_state(
            CallState(
                phase=CallPhase.RINGING,
                call_id=call_id,
                number=number,
                rang_at=rang_at,
                pop=ScreenPop(number=number),
            )
        )
        self.tasks.spawn(self._screen_pop(call_id, number), what="schermpop")

    def update(self, **changes: object) -> CallState:
        self.set_state(replace(self.state, **changes))  # type: ignore[arg-type]
        return self.state

    def tell(self, text: str) -> None:
        for listener in list(self._message_listeners):
            listener(text)

    # -- phone events -----------------------------------------------------------------------

    def _on_phone_event(self, event: CallEvent) -> None:
        state = self.state
        if event.kind is CallEventKind.INCOMING:
            if state.phase is CallPhase.IDLE:
                self._ring(event.call_id, event.number, self.clock.now())
            else:
                # Busy: the next caller waits at the phone and is shown when this call is done.
                self._waiting[event.call_id] = (event.number, self.clock.now())
        elif event.kind is CallEventKind.CLOSED and event.call_id in self._waiting:
            del self._waiting[event.call_id]
        elif event.kind is CallEventKind.ESTABLISHED and event.call_id == state.call_id:
            if state.phase is CallPhase.RINGING:
                self.update(phase=CallPhase.TALKING, answered_at=self.clock.now())
        elif event.kind is CallEventKind.HELD and event.call_id == state.call_id:
            if state.phase is CallPhase.TALKING:
                self.update(phase=CallPhase.ON_HOLD)
        elif event.kind is CallEventKind.RESUMED and event.call_id == state.call_id:
            self.update(phase=CallPhase.TALKING, consult_id="")
        elif event.kind is CallEventKind.TRANSFERRED and event.call_id == state.call_id:
            self.update(
                phase=CallPhase.WRAP_UP,
                ended_at=self.clock.now(),
                ended_reason="Doorverbonden.",
                suggested_outcome=Outcome.TRANSFERRED,
                consult_id="",
            )
        elif event.kind is CallEventKind.CLOSED and event.call_id == state.call_id:
            self._on_resident_gone(event)
        elif event.kind is CallEventKind.FAILED and event.error is not None:
            self.tell(event.error.message)
            if not isinstance(event.error, TelephonyProtocolError) and state.phase in (
                CallPhase.RINGING,
                CallPhase.TALKING,
                CallPhase.ON_HOLD,
                CallPhase.CONSULTING,
            ):
                self._on_resident_gone(CallEvent(CallEventKind.CLOSED, state.call_id))
        for hook in list(self._event_hooks):
            hook(event)

    def _on_resident_gone(self, event: CallEvent) -> None:
        state = self.state
        now = self.clock.now()
        if state.phase is CallPhase.RINGING:
            self.tell(MISSED)
            self.tasks.spawn(self._record_missed(state, now), what="gemiste oproep")
            self.set_state(CallState())
            return
        if state.phase is CallPhase.WRAP_UP or state.phase is CallPhase.IDLE:
            return
        self.update(
            phase=CallPhase.WRAP_UP,
            ended_at=now,
            ended_reason=RESIDENT_HUNG_UP,
            consult_id=state.consult_id,
        )
        self.tell(RESIDENT_HUNG_UP)

    async def _screen_pop(self, call_id: str, number: str) -> None:
        found = await self._residents.find_by_phone(normalise_number(number))
        resident = found[0] if len(found) == 1 else None
        recent: tuple[Interaction, ...] = ()
        notes: tuple[Interaction, ...] = ()
        if resident is not None:
            recent = tuple(await self._records.history(resident.id))[:5]
            notes = tuple(
                await self._records.history(
                    resident.id, channel=Channel.CALLBACK_NOTE, open_only=True
                )
            )
        if self.state.call_id == call_id:
            pop = ScreenPop(
                number=number,
                resident=resident,
                other_matches=max(len(found) - 1, 0) if resident is None else 0,
                recent=recent,
                open_callback_notes=notes,
            )
            if resident is None and len(found) > 1:
                pop = replace(pop, other_matches=len(found))
            self.update(pop=pop)

    async def _record_missed(self, state: CallState, now: datetime) -> None:
        resident = state.pop.resident if state.pop else None
        if resident is None and state.number:  # hung up before the screen pop was ready
            found = await self._residents.find_by_phone(normalise_number(state.number))
            resident = found[0] if len(found) == 1 else None
        item = await self.inbox.receive(
            NewInteraction(
                channel=Channel.PHONE,
                subject="Gemiste oproep",
                question=f"Gemiste oproep van {state.number or 'onbekend nummer'}.",
                desk_id=self.desk_id,
                resident=resident,
                received_at=state.rang_at or now,
                created_by=self.inbox.user.id,
            )
        )
        await self._records.save(
            CallRecord(item.id, state.number, state.rang_at or now, ended_at=now)
        )

    # -- commands ---------------------------------------------------------------------------

    async def answer(self) -> Interaction:
        """Answer the ringing call; it becomes an interaction owned by the agent (N4)."""
        state = self.state
        if state.phase is not CallPhase.RINGING:
            raise DomainError("Er gaat geen telefoon over.")
        try:
            await self.telephony.answer(state.call_id)
        except CallDropped:
            self._on_resident_gone(CallEvent(CallEventKind.CLOSED, state.call_id))
            raise
        now = self.clock.now()
        if self.state.call_id == state.call_id and self.state.phase is CallPhase.RINGING:
            self.update(phase=CallPhase.TALKING, answered_at=now)
        resident = state.pop.resident if state.pop else None
        item = await self.inbox.receive(
            NewInteraction(
                channel=Channel.PHONE,
                subject="Telefoongesprek",
                question=f"Telefoongesprek met {resident.name if resident else state.number}.",
                desk_id=self.desk_id,
                resident=resident,
                received_at=state.rang_at or now,
                created_by=self.inbox.user.id,
            )
        )
        item = await self.inbox.take(item.id)
        await self._records.save(
            CallRecord(item.id, state.number, state.rang_at or now, answered_at=now)
        )
        if self.state.call_id == state.call_id:
            self.update(interaction=item, answered_at=self.state.answered_at or now)
        return item

    async def hold(self) -> None:
        state = self.state
        if state.phase is not CallPhase.TALKING:
            raise DomainError("In de wacht zetten kan alleen tijdens een gesprek.")
        await self._guard(self.telephony.hold(state.call_id))
        if self.state.phase is CallPhase.TALKING:
            self.update(phase=CallPhase.ON_HOLD)

    async def resume(self) -> None:
        state = self.state
        if state.phase is not CallPhase.ON_HOLD:
            raise DomainError("Er staat niemand in de wacht.")
        await self._guard(self.telephony.resume(state.call_id))
        if self.state.phase is CallPhase.ON_HOLD:
            self.update(phase=CallPhase.TALKING)

    async def toggle_hold(self) -> None:
        if self.state.phase is CallPhase.ON_HOLD:
            await self.resume()
        else:
            await self.hold()

    async def hang_up(self) -> None:
        state = self.state
        if state.phase is CallPhase.RINGING:
            raise DomainError("Neem eerst op, of laat de telefoon overgaan.")
        if state.phase is CallPhase.WRAP_UP and state.consult_id:
            # The resident left during a consult: this ends the line to the colleague.
            try:
                await self.telephony.hangup(state.consult_id)
            except CallDropped:
                pass
            finally:
                self.update(consult_id="")
            return
        if not state.live:
            raise DomainError("Er is geen gesprek om op te hangen.")
        if state.consult_id:
            await self._guard(self.telephony.hangup(state.consult_id))
        try:
            await self.telephony.hangup(state.call_id)
        except CallDropped:
            pass
        except TelephonyError:
            self._to_wrap_up("De verbinding is verbroken.")
            raise
        self._to_wrap_up("U heeft opgehangen.")

    def _to_wrap_up(self, reason: str) -> None:
        if self.state.phase is not CallPhase.WRAP_UP and self.state.phase is not CallPhase.IDLE:
            self.update(phase=CallPhase.WRAP_UP, ended_at=self.clock.now(), ended_reason=reason)

    async def _guard(self, command) -> None:
        """Run a phone command; a vanished call moves the panel to wrap-up, notes kept."""
        try:
            await command
        except CallDropped:
            self._on_resident_gone(CallEvent(CallEventKind.CLOSED, self.state.call_id))
            raise

    def set_notes(self, text: str) -> None:
        """Keep what the agent types (no store write per keystroke; kept on any failure)."""
        if text != self.state.notes:
            self.state = replace(self.state, notes=text)

    def elapsed(self) -> timedelta:
        """The call timer: since answering (or ringing), until it ended."""
        state = self.state
        start = state.answered_at or state.rang_at
        if start is None:
            return timedelta(0)
        return (state.ended_at or self.clock.now()) - start

    async def wrap_up(self, outcome: Outcome, *, satisfaction: int | None = None) -> Interaction:
        """Close the call: notes to the timeline, the outcome, the record with the score.

        A transferred question is not closed here: its new owner has it (N4).
        """
        state = self.state
        if state.phase is not CallPhase.WRAP_UP or state.interaction is None:
            raise DomainError("Afronden kan pas als het gesprek is afgelopen.")
        if state.transfer is not None and state.transfer.state is TransferState.CONSULTING:
            raise DomainError("Het doorverbinden is nog bezig. Rond daarna af.")
        if satisfaction is not None and not 1 <= satisfaction <= 10:
            raise DomainError("Het cijfer is een heel getal van 1 tot en met 10.")
        notes = state.notes.strip()
        if len(notes) > NOTE_MAX_LENGTH:
            raise DomainError(
                f"De notities zijn maximaal {NOTE_MAX_LENGTH} tekens (nu {len(notes)}). "
                "Maak ze korter."
            )
        item_id = state.interaction.id
        if notes:
            await self.inbox.add_note(item_id, notes)
        current = await self.inbox.detail(item_id)
        item = current.interaction if current else state.interaction
        if item.is_open and item.status is not Status.TRANSFERRED:
            item = await self.inbox.close(item_id, outcome)
        await self._records.save(
            CallRecord(
                interaction_id=item_id,
                number=state.number,
                rang_at=state.rang_at or self.clock.now(),
                answered_at=state.answered_at,
                ended_at=state.ended_at or self.clock.now(),
                outcome=outcome,
                satisfaction=satisfaction,
            )
        )
        self.set_state(CallState())
        return item

    def discard(self) -> None:
        """Clear the panel after a call that never became an interaction."""
        if self.state.phase is CallPhase.WRAP_UP and self.state.interaction is None:
            self.set_state(CallState())
