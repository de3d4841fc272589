"""The inbox use cases: list, search, receive, take, hand back, note, close.

Event-loop thread only. Every write goes to the local store first (it is the screen's only
source); change notices then update every open list. Failures raise ``DomainError`` or
``StoreError`` with a Dutch message; callers that fire and forget go through ``tasks``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.domain import lifecycle
from console.domain.audit import AuditScreen
from console.domain.calendar import WorkingCalendar
from console.domain.deadlines import urgency_for
from console.domain.errors import DomainError
from console.domain.inbox import InboxCursor, InboxQuery, InboxRow
from console.domain.model import (
    Channel,
    Colleague,
    Direction,
    Interaction,
    Outcome,
    Owner,
    QuestionKind,
    Resident,
    StatusChange,
    TimelineEntry,
)
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import ChangeFeed, ChangeNotice, Clock, InteractionRepository, ResidentRepository
from console.services.session import Session
from console.services.tasks import TaskGroup


@dataclass(frozen=True, slots=True)
class NewInteraction:
    """What arrives from a channel, before the console gives it an owner and a deadline."""

    channel: Channel
    subject: str
    question: str
    desk_id: str
    direction: Direction = Direction.INBOUND
    resident: Resident | None = None
    question_kind: QuestionKind = QuestionKind.GENERAL
    received_at: datetime | None = None
    created_by: str | None = None


@dataclass(frozen=True, slots=True)
class InteractionDetail:
    interaction: Interaction
    timeline: list[TimelineEntry]
    status_changes: list[StatusChange]
    resident: Resident | None


class InboxService:
    """Inbox use cases for the signed-in colleague (``user``)."""

    def __init__(
        self,
        *,
        interactions: InteractionRepository,
        residents: ResidentRepository,
        changes: ChangeFeed,
        organisation: Organisation,
        calendar: WorkingCalendar,
        clock: Clock,
        session: Session | None = None,
        user: Colleague | None = None,
    ) -> None:
        # One session for every service; ``user`` alone gives this service a private one
        # (tests, and the demo simulator acting as the other colleagues).
        if session is None:
            if user is None:
                raise TypeError("InboxService needs a session or a user")
            session = Session(user, organisation=organisation)
        self.session = session
        self._interactions = interactions
        self._residents = residents
        self._changes = changes
        self.organisation = organisation
        self.calendar = calendar
        self.clock = clock
        self.tasks = TaskGroup()
        # The privacy audit trail (console.services.privacy.AuditService), set by the
        # composition root; every record opened from a screen is written there first.
        self.audit: Any = None

    # -- identity ---------------------------------------------------------------------------

    @property
    def user(self) -> Colleague:
        return self.session.user

    def switch_user(self, colleague_id: str) -> Colleague:
        """Work as another colleague; every service sharing this session follows."""
        if self.session.organisation is None:
            self.session.organisation = self.organisation
        return self.session.switch_to(colleague_id)

    def query(self, **changes: object) -> InboxQuery:
        """A query for this user ("mine" and "my desk" mean the signed-in colleague)."""
        return InboxQuery(colleague_id=self.user.id, desk_id=self.user.desk_id, **changes)

    # -- reads ------------------------------------------------------------------------------

    async def page(
        self, query: InboxQuery, *, after: InboxCursor | None = None, limit: int = 200
    ) -> list[InboxRow]:
        return await self._interactions.page(query, after=after, limit=limit)

    async def count(self, query: InboxQuery) -> int:
        return await self._interactions.count(query)

    async def detail(
        self, interaction_id: str, *, opened_from: AuditScreen | None = None
    ) -> InteractionDetail | None:
        """The item with its history and resident.

        With ``opened_from`` the user is opening the record on that screen: the audit trail
        gets an entry before any of it is returned (no entry, no record shown).
        """
        item = await self._interactions.get(interaction_id)
        if item is None:
            return None
        if opened_from is not None and self.audit is not None:
            await self.audit.opened(item.id, item.resident_id, opened_from)
        timeline = await self._interactions.timeline(interaction_id)
        changes = await self._interactions.status_changes(interaction_id)
        resident = await self._residents.get(item.resident_id) if item.resident_id else None
        return InteractionDetail(item, timeline, changes, resident)

    def subscribe(self, callback: Callable[[ChangeNotice], None]) -> Callable[[], None]:
        """Hear of every committed change to interactions (event-loop thread)."""

        def only_interactions(notice: ChangeNotice) -> None:
            if notice.entity == "interaction":
                callback(notice)

        return self._changes.subscribe(only_interactions)

    # -- writes -----------------------------------------------------------------------------

    def build(self, new: NewInteraction) -> Interaction:
        """Give an arriving contact its owner (the desk, N4), priority and deadline."""
        received_at = new.received_at or self.clock.now()
        desk = self.organisation.desk(new.desk_id)
        if desk is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze afdeling bestaat niet (meer)."))
        urgency = urgency_for(
            channel=new.channel,
            received_at=received_at,
            calendar=self.calendar,
            desk_hours=desk.opening_hours,
            question_kind=new.question_kind,
        )
        return Interaction(
            id=str(uuid.uuid4()),
            channel=new.channel,
            direction=new.direction,
            subject=new.subject,
            question=new.question,
            received_at=received_at,
            owner=Owner.desk(desk.id),
            desk_id=desk.id,
            resident_id=new.resident.id if new.resident else None,
            resident_name=new.resident.name if new.resident else None,
            question_kind=new.question_kind,
            priority=urgency.priority,
            deadline=urgency.deadline,
            updated_at=received_at,
            created_by=new.created_by,
        )

    async def receive(self, new: NewInteraction) -> Interaction:
        item = self.build(new)
        await self._interactions.add(lifecycle.received(item), initiator=new.created_by)
        return item

    async def receive_many(self, items: list[Interaction]) -> None:
        await self._interactions.add_many([lifecycle.received(i) for i in items])

    async def import_history(self, changes: list[lifecycle.Change]) -> None:
        """Store finished histories in one transaction (demo backlog, imports)."""
        await self._interactions.add_many(changes)

    async def _apply(
        self, interaction_id: str, step: Callable[[Interaction, datetime], lifecycle.Change]
    ) -> Interaction:
        current = await self._interactions.get(interaction_id)
        if current is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze vraag bestaat niet meer."))
        change = step(current, self.clock.now())
        if change.interaction is not current:
            await self._interactions.save(
                change, expected_updated_at=current.updated_at, initiator=self.user.id
            )
        return change.interaction

    async def take(self, interaction_id: str) -> Interaction:
        return await self._apply(
            interaction_id, lambda i, at: lifecycle.take(i, colleague_id=self.user.id, at=at)
        )

    async def hand_back(self, interaction_id: str, reason: str = "") -> Interaction:
        return await self._apply(
            interaction_id,
            lambda i, at: lifecycle.hand_back(i, colleague_id=self.user.id, at=at, reason=reason),
        )

    async def add_note(self, interaction_id: str, text: str) -> Interaction:
        return await self._apply(
            interaction_id,
            lambda i, at: lifecycle.add_note(i, colleague_id=self.user.id, text=text, at=at),
        )

    async def close(self, interaction_id: str, outcome: Outcome, note: str = "") -> Interaction:
        return await self._apply(
            interaction_id,
            lambda i, at: lifecycle.close(
                i, colleague_id=self.user.id, outcome=outcome, at=at, note=note
            ),
        )

    async def aclose(self) -> None:
        await self.tasks.aclose()
