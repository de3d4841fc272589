"""The call use cases: ring with a screen pop, answer, hold, notes, hang up, wrap-up.

One agent, one resident call at a time: the panel shows one ringing call (the one "Opnemen"
answers); other calls ringing at the same time wait in ``CallState.waiting`` with when they
started ringing, and the agent may ``choose`` one of them instead. A call is "in gesprek" only
once the phone says it is established: ``answer`` waits for that, and a failed answer leaves
the call ringing with a Dutch message, never an answered record. The service keeps a
``CallState`` value and tells listeners about every new value; notes typed during a call live
in that state and survive a dropped call, a crashed phone and a failed command. When the
resident is answered the call becomes an interaction in the inbox (owned by the agent, N4);
wrap-up closes it with an outcome and stores the call record with the optional satisfaction
score. Every call that reaches the phone leaves a record (``CallResult``): answered, missed (it
rang on the panel), abandoned (the caller hung up while waiting behind another call) or refused
(over the phone's simultaneous-call limit); the unanswered ones also become a "Gemiste oproep"
in the inbox so someone calls back.

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
from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import (
    CallDropped,
    CallEvent,
    CallEventKind,
    CallRecord,
    CallRecords,
    CallResult,
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
class WaitingCall:
    """A call ringing at the phone besides the one the panel shows."""

    call_id: str
    number: str
    rang_at: datetime


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
    waiting: tuple[WaitingCall, ...] = ()  # other calls ringing, oldest first

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


RESIDENT_HUNG_UP = QT_TRANSLATE_NOOP(
    "errors", "De inwoner heeft opgehangen. Uw notities zijn bewaard."
)
MISSED = QT_TRANSLATE_NOOP("errors", "Gemiste oproep: de beller heeft opgehangen voordat u opnam.")
AGENT_HUNG_UP = QT_TRANSLATE_NOOP("errors", "U heeft opgehangen.")
ABANDONED = QT_TRANSLATE_NOOP(
    "errors",
    "Een wachtende beller heeft opgehangen. Hij staat als gemiste oproep in de inbox.",
)
REFUSED_TOLD = QT_TRANSLATE_NOOP(
    "errors",
    "Een beller kreeg de bezettoon: er gingen al te veel oproepen tegelijk over. Hij staat als "
    "gemiste oproep in de inbox.",
)
_UNANSWERED_QUESTION = {
    CallResult.MISSED: "Gemiste oproep van {number}.",
    CallResult.ABANDONED: "Gemiste oproep van {number}: opgehangen tijdens het wachten.",
    CallResult.REFUSED: "Gemiste oproep van {number}: bezet (te veel oproepen tegelijk).",
}


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
        self._arrival: dict[str, int] = {}  # call id → order of ringing (clocks may tie)
        self._answering = ""  # the call an answer is in flight for
        self._hanging_up = ""  # the call the agent is hanging up (its CLOSED is no news)

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
        state = replace(
            state,
            waiting=tuple(WaitingCall(i, n, at) for i, (n, at) in self._waiting.items()),
        )
        self.state = state
        for listener in list(self._listeners):
            listener(state)
        if state.phase is CallPhase.IDLE and self._waiting:
            call_id = next(iter(self._waiting))
            number, rang_at = self._waiting.pop(call_id)
            self._ring(call_id, number, rang_at)

    def choose(self, call_id: str) -> None:
        """Show ``call_id`` (one of ``state.waiting``) as the call "Opnemen" answers.

        The call shown so far goes back to the waiting calls, in order of ringing.
        """
        state = self.state
        if call_id == state.call_id and state.phase is CallPhase.RINGING:
            return
        if state.phase is not CallPhase.RINGING or call_id not in self._waiting:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Kies een oproep die nog overgaat, voordat u opneemt.")
            )
        if self._answering:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Er wordt al opgenomen. Een ogenblik."))
        number, rang_at = self._waiting.pop(call_id)
        self._waiting[state.call_id] = (state.number, state.rang_at or self.clock.now())
        self._waiting = dict(
            sorted(self._waiting.items(), key=lambda item: self._arrival.get(item[0], 0))
        )
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
            self._arrival = {
                i: n for i, n in self._arrival.items() if i in self._waiting or i == state.call_id
            }
            self._arrival[event.call_id] = max(self._arrival.values(), default=0) + 1
            if state.phase is CallPhase.IDLE:
                self._ring(event.call_id, event.number, self.clock.now())
            else:
                # Busy: the next caller waits at the phone and is shown when this call is done.
                self._waiting[event.call_id] = (event.number, self.clock.now())
                self.update()
        elif event.kind is CallEventKind.REFUSED:
            now = self.clock.now()
            self.tell(REFUSED_TOLD)
            self.tasks.spawn(
                self._record_unanswered(event.number, now, None, now, CallResult.REFUSED),
                what="geweigerde oproep",
            )
        elif event.kind is CallEventKind.LINE_UP:
            self.tell(event.reason or QT_TRANSLATE_NOOP("errors", "De telefoon werkt weer."))
        elif event.kind is CallEventKind.CLOSED and event.call_id in self._waiting:
            number, rang_at = self._waiting.pop(event.call_id)
            self.update()
            self.tell(ABANDONED)
            self.tasks.spawn(
                self._record_unanswered(
                    number, rang_at, None, self.clock.now(), CallResult.ABANDONED
                ),
                what="gemiste oproep",
            )
        elif event.kind is CallEventKind.ESTABLISHED and event.call_id == state.call_id:
            if state.phase is CallPhase.RINGING:
                self.update(phase=CallPhase.TALKING, answered_at=self.clock.now())
                if self._answering != event.call_id:
                    # Connected after an answer that had already been given up on (a late
                    # ACK): the agent is talking, so the call is answered after all.
                    self.tasks.spawn(self._record_answered(state), what="opnemen")
        elif event.kind is CallEventKind.HELD and event.call_id == state.call_id:
            if state.phase is CallPhase.TALKING:
                self.update(phase=CallPhase.ON_HOLD)
        elif event.kind is CallEventKind.RESUMED and event.call_id == state.call_id:
            self.update(phase=CallPhase.TALKING, consult_id="")
        elif event.kind is CallEventKind.TRANSFERRED and event.call_id == state.call_id:
            self.update(
                phase=CallPhase.WRAP_UP,
                ended_at=self.clock.now(),
                ended_reason=QT_TRANSLATE_NOOP("errors", "Doorverbonden."),
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
            resident = state.pop.resident if state.pop else None
            self.tasks.spawn(
                self._record_unanswered(
                    state.number, state.rang_at or now, resident, now, CallResult.MISSED
                ),
                what="gemiste oproep",
            )
            self.set_state(CallState())
            return
        if state.phase is CallPhase.WRAP_UP or state.phase is CallPhase.IDLE:
            return
        if self._hanging_up and self._hanging_up == event.call_id:
            self._to_wrap_up(AGENT_HUNG_UP)  # the agent hung up: not news, not the resident
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

    async def _record_unanswered(
        self,
        number: str,
        rang_at: datetime,
        resident: Resident | None,
        now: datetime,
        result: CallResult,
    ) -> None:
        """A call nobody answered: a "Gemiste oproep" in the inbox and its call record."""
        if resident is None and number:  # hung up before (or without) a screen pop
            found = await self._residents.find_by_phone(normalise_number(number))
            resident = found[0] if len(found) == 1 else None
        question = _UNANSWERED_QUESTION[result].format(number=number or "onbekend nummer")
        item = await self.inbox.receive(
            NewInteraction(
                channel=Channel.PHONE,
                subject="Gemiste oproep",
                question=question,
                desk_id=self.desk_id,
                resident=resident,
                received_at=rang_at,
                created_by=self.inbox.user.id,
            )
        )
        await self._records.save(CallRecord(item.id, number, rang_at, ended_at=now, result=result))

    # -- commands ---------------------------------------------------------------------------

    async def answer(self, call_id: str | None = None) -> Interaction:
        """Answer the shown call (or ``call_id``, chosen first); N4: the agent owns it.

        Returns once the call is established. An answer that does not connect raises
        ``TelephonyError`` with a Dutch message and the call keeps ringing on the panel;
        nothing is stored as answered.
        """
        if call_id is not None and call_id != self.state.call_id:
            self.choose(call_id)
        state = self.state
        if state.phase is not CallPhase.RINGING:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Er gaat geen telefoon over."))
        if self._answering:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Er wordt al opgenomen. Een ogenblik."))
        self._answering = state.call_id
        try:
            await self.telephony.answer(state.call_id)
        except CallDropped:
            self._on_resident_gone(CallEvent(CallEventKind.CLOSED, state.call_id))
            raise
        finally:
            self._answering = ""
        return await self._record_answered(state)

    async def _record_answered(self, state: CallState) -> Interaction:
        """The established call becomes an interaction taken by the agent, with its record."""
        now = self.clock.now()
        if self.state.call_id == state.call_id and self.state.phase is CallPhase.RINGING:
            self.update(phase=CallPhase.TALKING, answered_at=now)
        if self.state.call_id == state.call_id:
            state = self.state  # the screen pop may have arrived while answering
            now = state.answered_at or now
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
            CallRecord(
                item.id,
                state.number,
                state.rang_at or now,
                answered_at=now,
                result=CallResult.ANSWERED,
            )
        )
        if self.state.call_id == state.call_id:
            self.update(interaction=item, answered_at=self.state.answered_at or now)
        return item

    async def hold(self) -> None:
        state = self.state
        if state.phase is not CallPhase.TALKING:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "In de wacht zetten kan alleen tijdens een gesprek.")
            )
        await self._guard(self.telephony.hold(state.call_id))
        if self.state.phase is CallPhase.TALKING:
            self.update(phase=CallPhase.ON_HOLD)

    async def resume(self) -> None:
        state = self.state
        if state.phase is not CallPhase.ON_HOLD:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Er staat niemand in de wacht."))
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
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Neem eerst op, of laat de telefoon overgaan.")
            )
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
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Er is geen gesprek om op te hangen."))
        if state.consult_id:
            await self._guard(self.telephony.hangup(state.consult_id))
        self._hanging_up = state.call_id
        try:
            await self.telephony.hangup(state.call_id)
        except CallDropped:
            pass
        except TelephonyError:
            self._to_wrap_up(QT_TRANSLATE_NOOP("errors", "De verbinding is verbroken."))
            raise
        finally:
            self._hanging_up = ""
        self._to_wrap_up(AGENT_HUNG_UP)

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
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Afronden kan pas als het gesprek is afgelopen.")
            )
        if state.transfer is not None and state.transfer.state is TransferState.CONSULTING:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Het doorverbinden is nog bezig. Rond daarna af.")
            )
        if satisfaction is not None and not 1 <= satisfaction <= 10:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Het cijfer is een heel getal van 1 tot en met 10.")
            )
        notes = state.notes.strip()
        if len(notes) > NOTE_MAX_LENGTH:
            raise DomainError(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "De notities zijn maximaal {limit} tekens (nu {length}). Maak ze korter.",
                    ),
                    {"limit": NOTE_MAX_LENGTH, "length": len(notes)},
                )
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
                result=CallResult.ANSWERED,
            )
        )
        self.set_state(CallState())
        return item

    def discard(self) -> None:
        """Clear the panel after a call that never became an interaction."""
        if self.state.phase is CallPhase.WRAP_UP and self.state.interaction is None:
            self.set_state(CallState())
