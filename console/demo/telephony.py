"""The demo phone: the ``Telephony`` port without SIP software, behaving like the real thing.

Calls ring (``ring``), may be given up by the caller (``caller_hangs_up``), consult targets may
not pick up (``pick_up_chance`` with an injectable ``random.Random``), transfers connect. Events
are delivered on the event loop with ``call_soon``, like a real phone's, never inside the
command that caused them. ``run`` is the traffic loop for the running demo (real time); tests
call ``ring`` and friends directly and are deterministic. Event-loop thread only.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from console.i18n import QT_TRANSLATE_NOOP
from console.ports import CallDropped, CallEvent, CallEventKind, TelephonyError


@dataclass
class _DemoCall:
    id: str
    number: str
    outgoing: bool
    state: str = "ringing"  # ringing | established | held


class DemoTelephony:
    """See the module docstring."""

    def __init__(
        self,
        *,
        rng: random.Random | None = None,
        pick_up_chance: float = 0.8,
        numbers: Sequence[str] = (),
        ring_seconds: float = 25.0,
    ) -> None:
        self.rng = rng or random.Random(7)
        self.pick_up_chance = pick_up_chance
        self.numbers = list(numbers)
        self.ring_seconds = ring_seconds
        self.calls: dict[str, _DemoCall] = {}
        self.transferred_to: dict[str, str] = {}
        self._listeners: list[Callable[[CallEvent], None]] = []
        self._ids = itertools.count(1)
        self.started = False

    # -- port -------------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[CallEvent], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    async def start(self) -> None:
        self.started = True

    async def aclose(self) -> None:
        self.started = False

    def _emit(self, event: CallEvent) -> None:
        def deliver() -> None:
            for listener in list(self._listeners):
                listener(event)

        asyncio.get_running_loop().call_soon(deliver)

    def _call(self, call_id: str) -> _DemoCall:
        call = self.calls.get(call_id)
        if call is None:
            raise CallDropped(QT_TRANSLATE_NOOP("errors", "Het gesprek is al beëindigd."))
        return call

    async def answer(self, call_id: str) -> None:
        call = self._call(call_id)
        call.state = "established"
        self._emit(CallEvent(CallEventKind.ESTABLISHED, call_id, call.number))

    async def hold(self, call_id: str) -> None:
        self._call(call_id).state = "held"
        self._emit(CallEvent(CallEventKind.HELD, call_id))

    async def resume(self, call_id: str) -> None:
        self._call(call_id).state = "established"
        self._emit(CallEvent(CallEventKind.RESUMED, call_id))

    async def dial(self, address: str) -> str:
        call = _DemoCall(f"demo-out-{next(self._ids)}", address, outgoing=True)
        self.calls[call.id] = call
        self._emit(CallEvent(CallEventKind.RINGING, call.id, address, outgoing=True))
        if self.rng.random() < self.pick_up_chance:
            call.state = "established"
            self._emit(CallEvent(CallEventKind.ESTABLISHED, call.id, address, outgoing=True))
        return call.id

    async def consult(self, call_id: str, address: str) -> str:
        await self.hold(call_id)
        return await self.dial(address)

    async def cancel_consult(self, call_id: str, consult_id: str) -> None:
        if consult_id in self.calls:
            await self.hangup(consult_id)
        await self.resume(call_id)

    async def complete_transfer(self, call_id: str, consult_id: str, address: str) -> None:
        if consult_id in self.calls:
            await self.hangup(consult_id)
        call = self._call(call_id)
        if not address:
            raise TelephonyError(
                QT_TRANSLATE_NOOP("errors", "Doorverbinden is niet gelukt: geen nummer.")
            )
        del self.calls[call_id]
        self.transferred_to[call_id] = address
        self._emit(CallEvent(CallEventKind.TRANSFERRED, call_id, call.number, reason=address))

    async def hangup(self, call_id: str) -> None:
        call = self.calls.pop(call_id, None)
        if call is not None:
            self._emit(CallEvent(CallEventKind.CLOSED, call_id, call.number, call.outgoing))

    # -- the simulated other side -----------------------------------------------------------

    def ring(self, number: str | None = None) -> str:
        """A resident calls; returns the call id."""
        if number is None:
            number = self.rng.choice(self.numbers) if self.numbers else "+31345000000"
        call = _DemoCall(f"demo-in-{next(self._ids)}", number, outgoing=False)
        self.calls[call.id] = call
        self._emit(CallEvent(CallEventKind.INCOMING, call.id, number))
        return call.id

    def caller_hangs_up(self, call_id: str) -> None:
        call = self.calls.pop(call_id, None)
        if call is not None:
            self._emit(CallEvent(CallEventKind.CLOSED, call_id, call.number, reason="opgehangen"))

    def target_answers(self, call_id: str) -> None:
        call = self.calls.get(call_id)
        if call is not None and call.state == "ringing":
            call.state = "established"
            self._emit(CallEvent(CallEventKind.ESTABLISHED, call_id, call.number, True))

    async def run(self, *, every_seconds: float = 90.0) -> None:
        """The running demo: a call now and then; unanswered calls are given up."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(every_seconds * (0.5 + self.rng.random()))
            if any(not c.outgoing for c in self.calls.values()):
                continue  # one resident at a time in the demo
            call_id = self.ring()
            loop.call_later(self.ring_seconds, self._give_up_if_ringing, call_id)

    def _give_up_if_ringing(self, call_id: str) -> None:
        call = self.calls.get(call_id)
        if call is not None and call.state == "ringing":
            self.caller_hangs_up(call_id)
