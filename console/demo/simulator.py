"""The traffic simulator: residents reaching the municipality on every channel, at a set pace.

It is a channel on the channel port (``DemoChannel``): each simulated contact goes through the
intake service exactly as a mail from a real mailbox does (de-duplication, threads, the N9
acknowledgement to a ``DemoReplySender``). It also plays the other colleagues (they take and
close questions now and then), so demo mode shows a live inbox without any server. Event-loop
thread only; randomness is seeded, so a run can be repeated.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections import deque
from dataclasses import replace
from datetime import datetime, timedelta

from console.channels import Deliver, IncomingContact, OutgoingReply
from console.demo.organisation import DemoData
from console.domain import lifecycle
from console.domain.inbox import Scope
from console.domain.model import (
    Channel,
    DeskKind,
    Interaction,
    Outcome,
    OwnerKind,
    QuestionKind,
    Role,
)
from console.services.inbox import InboxService, NewInteraction
from console.services.intake import IntakeService

log = logging.getLogger(__name__)

# Share of contacts per channel in a municipal KCC (phone still leads).
CHANNEL_MIX: dict[Channel, float] = {
    Channel.PHONE: 0.34,
    Channel.MAIL: 0.2,
    Channel.CHAT: 0.14,
    Channel.CALL_ME: 0.08,
    Channel.POST: 0.07,
    Channel.SOCIAL: 0.07,
    Channel.COUNTER: 0.05,
    Channel.CALLBACK_NOTE: 0.05,
}
COMPLAINT_SHARE = 0.05
LIVE_CHANNELS = frozenset({Channel.PHONE, Channel.CHAT, Channel.COUNTER, Channel.CALL_ME})
WRITTEN_CHANNELS = frozenset({Channel.MAIL, Channel.POST, Channel.SOCIAL})
DEMO_SOURCE = "demo"
DEFAULT_PACE_PER_MINUTE = 2.0


class TrafficSimulator:
    """See the module docstring. ``pace_per_minute`` is the mean arrival rate."""

    def __init__(
        self,
        *,
        inbox: InboxService,
        colleagues_inbox: InboxService,
        data: DemoData,
        seed: int = 7,
        pace_per_minute: float = DEFAULT_PACE_PER_MINUTE,
        intake: IntakeService | None = None,
    ) -> None:
        self._inbox = inbox
        self._intake = intake  # None: straight into the inbox (benchmarks, old tests)
        self._others = colleagues_inbox
        self._data = data
        self._rng = random.Random(seed)
        self.pace_per_minute = pace_per_minute
        self.produced = 0
        org = data.organisation
        self._desk_for_topic: dict[str, str] = {}
        for desk in org.desks:
            for topic in desk.topics:
                self._desk_for_topic[topic] = desk.id
        self._general = next(d.id for d in org.desks if d.kind is DeskKind.GENERAL)
        self._agents = [c for c in org.colleagues if c.role is not Role.SUPERVISOR]

    # -- making contacts --------------------------------------------------------------------

    def _desk_for(self, topic: str | None, channel: Channel) -> str:
        desk = self._desk_for_topic.get(topic or "")
        # Phone, chat and the counter reach the general KCC first; written contact and callback
        # notes land at the desk that knows the topic.
        if desk is None or channel in (Channel.PHONE, Channel.CHAT, Channel.COUNTER):
            return self._general
        return desk

    def new_contact(
        self, *, at: datetime | None = None, channel: Channel | None = None
    ) -> NewInteraction:
        rng = self._rng
        if channel is None:
            channel = rng.choices(list(CHANNEL_MIX), weights=list(CHANNEL_MIX.values()))[0]
        complaint = rng.random() < COMPLAINT_SHARE
        pool_name = "complaint" if complaint else channel.value
        pool = self._data.subjects.get(pool_name) or self._data.subjects["phone"]
        template = rng.choice(pool)
        resident = rng.choice(self._data.residents)
        return NewInteraction(
            channel=channel,
            subject=template["subject"],
            question=template["question"],
            desk_id=self._desk_for(template.get("topic"), channel),
            resident=resident,
            question_kind=QuestionKind.COMPLAINT if complaint else QuestionKind.GENERAL,
            received_at=at,
            created_by="simulator",
        )

    def to_contact(self, new: NewInteraction) -> IncomingContact:
        """A simulated contact as a channel delivers it (a fresh outside reference each)."""
        written = new.channel in WRITTEN_CHANNELS
        resident = new.resident
        return IncomingContact(
            source=DEMO_SOURCE,
            channel=new.channel,
            desk_id=new.desk_id,
            reference=f"demo:{uuid.uuid4()}",
            sender_address=(resident.email or "") if written and resident else "",
            sender_name=resident.name if resident else "",
            subject=new.subject,
            text=new.question,
            received_at=new.received_at,
            resident=resident,
            question_kind=new.question_kind,
        )

    async def produce_one(
        self, *, channel: Channel | None = None, deliver: Deliver | None = None
    ) -> Interaction | None:
        """One new contact; through the channel port when the intake is there."""
        new = self.new_contact(channel=channel)
        if self._intake is None:
            item = await self._inbox.receive(new)
            self.produced += 1
            return item
        contact = self.to_contact(new)
        if deliver is not None:
            await deliver(contact)
            self.produced += 1
            return None
        result = await self._intake.deliver(DEMO_SOURCE, contact)
        self.produced += 1
        detail = await self._inbox.detail(result.interaction_id)
        return detail.interaction if detail else None

    async def seed_backlog(self, *, open_count: int = 60, closed_count: int = 240) -> int:
        """Fill an empty store with the last day's traffic; returns how many were added.

        Live contacts (phone, chat, counter) in the open backlog are a few minutes old at most
        and only a handful: nobody waits on the line for hours. The rest of the open backlog is
        written contact and callback notes, spread over the last 30 hours.
        """
        # One row tells whether the store is in use; a count would walk every open item
        # (a third of a second at 10⁶ interactions, on every start: benchmark B6/B7).
        if await self._inbox.page(self._inbox.query(), limit=1):
            return 0
        now = self._inbox.clock.now()
        open_items: list[Interaction] = []
        closed_items: list[Interaction] = []
        live_open = 0
        while len(open_items) < open_count or len(closed_items) < closed_count:
            contact = self.new_contact()
            live = contact.channel in LIVE_CHANNELS
            keep_open = len(open_items) < open_count and (not live or live_open < 4)
            if keep_open and live:
                minutes_ago = self._rng.uniform(0.2, 4)
                live_open += 1
            else:
                minutes_ago = self._rng.uniform(1, 60 * 30)
            if not keep_open and len(closed_items) >= closed_count:
                continue
            item = self._inbox.build(
                replace(contact, received_at=now - timedelta(minutes=minutes_ago))
            )
            (open_items if keep_open else closed_items).append(item)
        await self._inbox.receive_many(open_items)
        histories = []
        for item in closed_items:
            arrived = lifecycle.received(item)
            handled_at = min(now, item.received_at + timedelta(minutes=self._rng.uniform(1, 90)))
            closed = lifecycle.close(
                item,
                colleague_id=self._rng.choice(self._agents).id,
                outcome=self._rng.choice(list(Outcome)),
                at=handled_at,
            )
            histories.append(
                lifecycle.Change(
                    closed.interaction,
                    arrived.status_changes + closed.status_changes,
                    arrived.timeline + closed.timeline,
                )
            )
        # One transaction for the whole history: 240 single commits would stall the start.
        await self._inbox.import_history(histories)
        return len(open_items) + len(closed_items)

    # -- colleagues at work ----------------------------------------------------------------

    async def colleague_step(self) -> None:
        """Another colleague takes or closes an open question of their own desk."""
        me = self._inbox.user.id
        # Never play the signed-in user: a colleague acting in her name would close her own
        # items (even the one of the call she is on) and move her selection mid-call.
        agents = [c for c in self._agents if c.id != me]
        if not agents:
            return
        colleague = self._rng.choice(agents)
        self._others.switch_user(colleague.id)
        query = self._others.query(scope=Scope.MY_DESK)
        rows = await self._others.page(query, limit=20)
        # Only unowned desk items or the colleague's own: never the signed-in user's items,
        # never another colleague's.
        rows = [r for r in rows if r.owner.kind is OwnerKind.DESK or r.owner.id == colleague.id]
        if not rows:
            return
        row = rows[0]
        if row.owner.id == colleague.id or self._rng.random() < 0.5:
            await self._others.close(row.id, Outcome.ANSWERED)
        else:
            await self._others.take(row.id)

    # -- running ----------------------------------------------------------------------------

    async def run(self, deliver: Deliver | None = None) -> None:
        """Produce contacts until cancelled (exponential gaps around the pace)."""
        while True:
            gap = self._rng.expovariate(self.pace_per_minute / 60.0)
            await asyncio.sleep(min(gap, 120.0))
            try:
                await self.produce_one(deliver=deliver)
                if self._rng.random() < 0.6:
                    await self.colleague_step()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the demo keeps going; the user sees the error once
                self._inbox.tasks.report(exc, what="demo traffic")


class DemoChannel:
    """The simulator on the channel port (``console.channels.ChannelSource``)."""

    name = DEMO_SOURCE

    def __init__(self, simulator: TrafficSimulator) -> None:
        self._simulator = simulator

    async def run(self, deliver: Deliver, *, cursor: str | None) -> None:
        # Every simulated contact is new: there is nothing to resume after a restart.
        await self._simulator.run(deliver)


class DemoReplySender:
    """Accepts every reply in demo mode (nothing leaves the computer); keeps the last ones."""

    def __init__(self) -> None:
        self.sent: deque[OutgoingReply] = deque(maxlen=200)

    async def send(self, reply: OutgoingReply) -> None:
        self.sent.append(reply)
