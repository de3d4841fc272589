"""Callback note use cases: check availability (N2), create, clear, reassign, follow up (N3).

Event-loop thread only. Writes go to the local store first, in one transaction each (the note is
an interaction too, so the inbox hears of it). An availability source that does not answer in
time never blocks a note: the check comes back with a Dutch message and saving then needs an
override reason. Failures raise ``DomainError`` (``CallbackFieldErrors`` names the fields),
``StoreError`` or ``ConflictError`` with Dutch messages.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from console.domain import lifecycle
from console.domain.audit import AuditScreen
from console.domain.availability import (
    Availability,
    Candidate,
    Slot,
    Verdict,
    decide,
    plain_text,
    verdict_for,
)
from console.domain.calendar import WorkingCalendar, is_open, next_opening
from console.domain.callbacks import (
    Attempt,
    AttemptOutcome,
    CallbackDraft,
    CallbackNote,
    FollowUp,
    NoteStatus,
    assign,
    attempt_line,
    check_draft_text,
    touched,
)
from console.domain.deadlines import CALLBACK_WORKING_DAYS, PRIORITY_PROMISE
from console.domain.errors import DomainError, RuleViolation
from console.domain.model import (
    Channel,
    Colleague,
    Desk,
    Direction,
    Interaction,
    Outcome,
    OutOfOffice,
    Owner,
    OwnerKind,
    TimelineEntry,
    TimelineKind,
)
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import (
    AvailabilitySource,
    AvailabilityTimeout,
    CallbackNoteRepository,
    ChangeFeed,
    ChangeNotice,
    Clock,
    InteractionRepository,
    PhoneNumberError,
    PhoneNumbers,
)
from console.services.session import Session
from console.services.tasks import TaskGroup

# Timeline sentences this service writes, as data (rendered per language by the widgets).
ADVICE_LINE = QT_TRANSLATE_NOOP("Timeline", "Advies: {advice}")
OVERRIDE_LINE = QT_TRANSLATE_NOOP("Timeline", "Afgeweken van het advies: {reason}")
NOTE_MADE_LINE = QT_TRANSLATE_NOOP("Timeline", "Terugbelnotitie gemaakt voor {target}.")
REASSIGNED_LINE = QT_TRANSLATE_NOOP("Timeline", "Doorgezet naar {target}.")
REASSIGNED_OVERRIDE_LINE = QT_TRANSLATE_NOOP(
    "Timeline", "Doorgezet naar {target}. Afgeweken van het advies: {reason}"
)
LATE_ESCALATED_LINE = QT_TRANSLATE_NOOP("Timeline", "Te laat: door de maker doorgezet naar {desk}.")
LATE_SELF_LINE = QT_TRANSLATE_NOOP("Timeline", "Te laat: de maker belt de inwoner zelf terug.")
LATE_CONFIRMED_LINE = QT_TRANSLATE_NOOP(
    "Timeline", "Te laat: de maker heeft nagevraagd hoe het staat."
)

TARGET_GONE = QT_TRANSLATE_NOOP(
    "errors", "Deze collega of afdeling bestaat niet (meer). Kies een ander."
)


SUBJECT_MAX = 200  # klantcontact.onderwerp


def subject_of(summary: str) -> str:
    """The question in at most 200 characters, cut between words (what KISS shows as onderwerp)."""
    line = " ".join(summary.split())
    if len(line) <= SUBJECT_MAX:
        return line
    cut = line[: SUBJECT_MAX - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


class CallbackFieldErrors(DomainError):
    """Input that cannot be saved; ``errors`` maps a field name to its Dutch message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


class DuplicateNotes(DomainError):
    """Open notes exist for the same resident or number; save again to confirm."""

    def __init__(self, notes: list[CallbackNote]) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "Er is al een open terugbelnotitie voor deze inwoner of dit nummer. "
                "Bekijk die eerst; sla opnieuw op om toch een nieuwe te maken.",
            )
        )
        self.notes = notes


@dataclass(frozen=True, slots=True)
class Target:
    """A colleague or desk the type-ahead offers."""

    owner: Owner
    name: str
    detail: str  # the colleague's desk, or "afdeling"

    @property
    def label(self) -> str:
        return f"{self.name} — {self.detail}"


@dataclass(frozen=True, slots=True)
class AvailabilityCheck:
    """Everything the availability card shows for one proposed target."""

    target: Owner
    target_name: str
    now: datetime
    deadline: datetime
    desk: Desk
    desk_open_now: bool
    desk_next_opening: datetime | None
    colleague: Colleague | None = None
    availability: Availability | None = None
    free_slots: tuple[Slot, ...] = ()
    absence: OutOfOffice | None = None  # current, or starting before the deadline
    absence_message: str = ""
    replacement: Colleague | None = None
    verdict: Verdict | None = None
    failure: str = ""  # Dutch: why there is no verdict (the source timed out)


@dataclass(frozen=True, slots=True)
class FollowUpPrompt:
    note: CallbackNote
    history: list[TimelineEntry]


class CallbackService:
    """Callback notes for the signed-in colleague (``user``); see the module docstring."""

    def __init__(
        self,
        *,
        notes: CallbackNoteRepository,
        interactions: InteractionRepository,
        availability: AvailabilitySource,
        phones: PhoneNumbers,
        changes: ChangeFeed,
        organisation: Organisation,
        calendar: WorkingCalendar,
        clock: Clock,
        session: Session | None = None,
        user: Colleague | None = None,
        availability_timeout: float = 3.0,
    ) -> None:
        if session is None:  # a private session (tests); the app passes the shared one
            if user is None:
                raise TypeError("CallbackService needs a session or a user")
            session = Session(user, organisation=organisation)
        self.session = session
        self._notes = notes
        self._interactions = interactions
        self._availability = availability
        self.phones = phones
        self._changes = changes
        self.organisation = organisation
        self.calendar = calendar
        self.clock = clock
        self.availability_timeout = availability_timeout
        self.tasks = TaskGroup()

    @property
    def user(self) -> Colleague:
        """Who acts now: read from the session at each use, so a switch reaches every note."""
        return self.session.user

    @user.setter
    def user(self, colleague: Colleague) -> None:
        """Work as ``colleague``: a switch of the shared session, so every service follows."""
        self.session.sign_in(colleague, kind=self.session.state.kind)

    # -- targets and availability -----------------------------------------------------------

    def targets(self, text: str = "") -> list[Target]:
        """Colleagues and desks whose name (or desk) contains every typed word."""
        words = text.lower().split()
        found = []
        for desk in self.organisation.desks:
            found.append(Target(Owner.desk(desk.id), desk.name, "afdeling"))
        for colleague in self.organisation.colleagues:
            desk = self.organisation.desk(colleague.desk_id)
            found.append(
                Target(Owner.colleague(colleague.id), colleague.name, desk.name if desk else "")
            )
        return [t for t in found if all(w in t.label.lower() for w in words)]

    def target_name(self, owner: Owner) -> str:
        return self.organisation.owner_name(owner)

    def deadline(self, now: datetime | None = None) -> datetime:
        """N1: the end of the next working day after ``now``."""
        return self.calendar.deadline_after_working_days(
            now or self.clock.now(), CALLBACK_WORKING_DAYS
        )

    async def _facts(self, colleague_id: str, now: datetime, end: datetime) -> Availability | None:
        """The source's answer; AvailabilityTimeout when it does not come in time."""
        try:
            async with asyncio.timeout(self.availability_timeout):
                return await self._availability.availability(colleague_id, start=now, end=end)
        except TimeoutError as exc:
            raise AvailabilityTimeout() from exc

    async def check(self, target: Owner) -> AvailabilityCheck:
        """The availability card's facts and the verdict for a note to ``target`` (N2).

        Raises:
            DomainError: the target does not exist (any more).
        """
        now = self.clock.now()
        deadline = self.deadline(now)
        if target.kind is OwnerKind.DESK:
            desk = self.organisation.desk(target.id)
            if desk is None:
                raise DomainError(TARGET_GONE)
            return AvailabilityCheck(
                target=target,
                target_name=desk.name,
                now=now,
                deadline=deadline,
                desk=desk,
                desk_open_now=is_open(desk.opening_hours, now, self.calendar),
                desk_next_opening=next_opening(desk.opening_hours, now, self.calendar),
                verdict=verdict_for(
                    target=target, now=now, deadline=deadline, calendar=self.calendar, desk=desk
                ),
            )
        colleague = self.organisation.colleague(target.id)
        desk = self.organisation.desk(colleague.desk_id) if colleague else None
        if colleague is None or desk is None:
            raise DomainError(TARGET_GONE)
        base = AvailabilityCheck(
            target=target,
            target_name=colleague.name,
            now=now,
            deadline=deadline,
            desk=desk,
            desk_open_now=is_open(desk.opening_hours, now, self.calendar),
            desk_next_opening=next_opening(desk.opening_hours, now, self.calendar),
            colleague=colleague,
        )
        try:
            facts = await self._facts(colleague.id, now, deadline)
        except AvailabilityTimeout as exc:
            return replace(base, failure=exc.message)
        if facts is None:
            raise DomainError(TARGET_GONE)
        absence = facts.absence_at(now) or facts.absence_starting(now, deadline)
        replacement = replacement_candidate = None
        if absence is not None and absence.replacement_id:
            replacement = self.organisation.colleague(absence.replacement_id)
            if replacement is not None:
                try:
                    spare = await self._facts(replacement.id, now, deadline)
                except AvailabilityTimeout:
                    spare = None  # unknown: the policy then advises the desk
                if spare is not None:
                    replacement_candidate = Candidate(replacement, spare)
        verdict = verdict_for(
            target=target,
            now=now,
            deadline=deadline,
            calendar=self.calendar,
            desk=desk,
            candidate=Candidate(colleague, facts),
            replacement=replacement_candidate,
        )
        return replace(
            base,
            availability=facts,
            free_slots=facts.free_slots(start=now, end=deadline, calendar=self.calendar),
            absence=absence,
            absence_message=plain_text(absence.message) if absence else "",
            replacement=replacement,
            verdict=verdict,
        )

    # -- drafts ----------------------------------------------------------------------------

    def _draft_key(self, source_interaction_id: str | None) -> str:
        return f"{self.user.id}:{source_interaction_id or ''}"

    async def save_draft(self, draft: CallbackDraft) -> None:
        key = self._draft_key(draft.source_interaction_id)
        if draft.is_empty:
            await self._notes.delete_draft(key)
        else:
            await self._notes.save_draft(key, draft, at=self.clock.now())

    async def load_draft(self, source_interaction_id: str | None = None) -> CallbackDraft | None:
        return await self._notes.load_draft(self._draft_key(source_interaction_id))

    async def discard_draft(self, source_interaction_id: str | None = None) -> None:
        await self._notes.delete_draft(self._draft_key(source_interaction_id))

    # -- creating ----------------------------------------------------------------------------

    def validate(self, draft: CallbackDraft) -> tuple[dict[str, str], tuple[str, ...]]:
        """Field errors (Dutch) and the numbers in E.164 that passed."""
        errors = check_draft_text(draft)
        phones: list[str] = []
        for field_name in ("phone", "phone2"):
            typed = getattr(draft, field_name).strip()
            if not typed:
                continue
            try:
                phones.append(self.phones.to_e164(typed))
            except PhoneNumberError as exc:
                errors[field_name] = exc.message
        if len(phones) == 2 and phones[0] == phones[1]:
            errors["phone2"] = QT_TRANSLATE_NOOP(
                "errors", "Dit is hetzelfde nummer als het eerste."
            )
        target = draft.target
        if target is not None and not self._exists(target):
            errors["target"] = TARGET_GONE
        return errors, tuple(phones)

    def _exists(self, owner: Owner) -> bool:
        if owner.kind is OwnerKind.DESK:
            return self.organisation.desk(owner.id) is not None
        return self.organisation.colleague(owner.id) is not None

    async def duplicates(self, draft: CallbackDraft) -> list[CallbackNote]:
        _errors, phones = self.validate(draft)
        if not draft.resident_name.strip() and not phones:
            return []
        return await self._notes.open_duplicates(
            resident_id=draft.resident_id,
            resident_name=draft.resident_name.strip(),
            phones=phones,
        )

    async def create(
        self,
        draft: CallbackDraft,
        *,
        check: AvailabilityCheck | None,
        confirm_duplicates: bool = False,
    ) -> CallbackNote:
        """Save the note: durable locally in one transaction, with the draft removed.

        ``check`` is the availability check the creator saw; it is redone when it was for
        another target.

        Raises:
            CallbackFieldErrors: a field is wrong (also: an override without a reason).
            DuplicateNotes: an open note exists and ``confirm_duplicates`` is False.
        """
        errors, phones = self.validate(draft)
        if errors:
            raise CallbackFieldErrors(errors)
        target = draft.target
        assert target is not None
        if check is None or check.target != target:
            check = await self.check(target)
        try:
            routing = decide(check.verdict, target, draft.override_reason)
        except RuleViolation as exc:
            raise CallbackFieldErrors({"override_reason": exc.message}) from exc
        if not confirm_duplicates:
            found = await self.duplicates(draft)
            if found:
                raise DuplicateNotes(found)

        now = self.clock.now()
        desk_id = (
            target.id
            if target.kind is OwnerKind.DESK
            else self.organisation.colleague(target.id).desk_id  # type: ignore[union-attr]
        )
        summary = draft.summary.strip()
        item = Interaction(
            id=str(uuid.uuid4()),
            channel=Channel.CALLBACK_NOTE,
            direction=Direction.OUTBOUND,
            subject=subject_of(summary),
            question=summary,
            received_at=now,
            owner=target,
            desk_id=desk_id,
            resident_id=draft.resident_id,
            resident_name=draft.resident_name.strip(),
            priority=PRIORITY_PROMISE,
            deadline=self.deadline(now),
            updated_at=now,
            created_by=self.user.id,
        )
        advice = check.verdict.reason if check.verdict else check.failure
        extra = [
            TimelineEntry.said(
                item.id,
                now,
                self.user.id,
                TimelineKind.NOTE,
                Text("Timeline", ADVICE_LINE, {"advice": advice}),
            )
        ]
        if routing.override_reason:
            extra.append(
                TimelineEntry.said(
                    item.id,
                    now,
                    self.user.id,
                    TimelineKind.NOTE,
                    Text("Timeline", OVERRIDE_LINE, {"reason": routing.override_reason}),
                )
            )
        received = lifecycle.received(item)
        change = replace(received, timeline=received.timeline + tuple(extra))
        note = CallbackNote(
            id=item.id,
            resident_name=item.resident_name or "",
            phones=phones,
            summary=summary,
            assignee=target,
            desk_id=desk_id,
            creator=self.user.id,
            created=now,
            deadline=item.deadline,  # type: ignore[arg-type]
            email=draft.email.strip(),
            best_time=draft.best_time.strip(),
            resident_id=draft.resident_id,
            source_interaction_id=draft.source_interaction_id,
            advice=advice,
            override_reason=routing.override_reason,
        )
        source = None
        if draft.source_interaction_id:
            source = TimelineEntry.said(
                draft.source_interaction_id,
                now,
                self.user.id,
                TimelineKind.NOTE,
                Text("Timeline", NOTE_MADE_LINE, {"target": self.target_name(target)}),
            )
        await self._notes.add(note, change, source=source)
        await self._notes.delete_draft(self._draft_key(draft.source_interaction_id))
        return note

    # -- lists -----------------------------------------------------------------------------

    async def my_notes(self) -> list[CallbackNote]:
        """'Mijn terugbelnotities': open notes I own, earliest deadline (overdue) first."""
        return await self._notes.open_for_owner(Owner.colleague(self.user.id))

    async def desk_notes(self) -> list[CallbackNote]:
        """Open notes of my desk (owned by the desk or a member), earliest deadline first."""
        return await self._notes.open_for_desk(self.user.desk_id)

    async def created_notes(self) -> list[CallbackNote]:
        """Notes I wrote, open or done: the creator sees whether the resident was called."""
        return await self._notes.created_by(self.user.id, open_only=False)

    async def notes_for(self, owner: Owner) -> list[CallbackNote]:
        return await self._notes.open_for_owner(owner)

    async def get(self, note_id: str) -> CallbackNote | None:
        return await self._notes.get(note_id)

    async def history(self, note_id: str) -> list[TimelineEntry]:
        return await self._interactions.timeline(note_id)

    async def opened(self, note: CallbackNote) -> None:
        """The user opens a note in the callback list: the audit trail hears of it first."""
        audit = getattr(self, "audit", None)  # console.services.privacy.AuditService
        if audit is not None:
            await audit.opened(note.id, note.resident_id, AuditScreen.CALLBACK_LIST)

    def subscribe(self, callback: Callable[[ChangeNotice], None]) -> Callable[[], None]:
        def only_notes(notice: ChangeNotice) -> None:
            if notice.entity == "callback_note":
                callback(notice)

        return self._changes.subscribe(only_notes)

    # -- clearing ----------------------------------------------------------------------------

    async def _load(self, note_id: str) -> tuple[CallbackNote, Interaction]:
        note = await self._notes.get(note_id)
        item = await self._interactions.get(note_id)
        if note is None or item is None:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Deze terugbelnotitie bestaat niet meer.")
            )
        if not note.is_open:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Deze terugbelnotitie is al afgehandeld.")
            )
        return note, item

    async def log_attempt(
        self, note_id: str, outcome: AttemptOutcome, remark: str = ""
    ) -> CallbackNote:
        """Record a call attempt; the note stays open until it is closed with an outcome."""
        note, item = await self._load(note_id)
        now = self.clock.now()
        attempt = Attempt(now, self.user.id, outcome, remark.strip())
        change = touched(
            item,
            by=self.user.id,
            at=now,
            kind=TimelineKind.CALLBACK_ATTEMPT,
            text=attempt_line(attempt),
        )
        updated = replace(note, attempts=(*note.attempts, attempt))
        await self._notes.record(
            updated, change, expected_updated_at=item.updated_at, attempt=attempt
        )
        return updated

    async def reassign(
        self, note_id: str, target: Owner, override_reason: str = ""
    ) -> tuple[CallbackNote, AvailabilityCheck]:
        """Give the note to someone else; their availability is checked again (N2).

        Raises:
            CallbackFieldErrors: going against the advice without a reason ("override_reason").
        """
        note, item = await self._load(note_id)
        check = await self.check(target)
        try:
            routing = decide(check.verdict, target, override_reason)
        except RuleViolation as exc:
            raise CallbackFieldErrors({"override_reason": exc.message}) from exc
        desk_id = check.desk.id
        text = (
            Text(
                "Timeline",
                REASSIGNED_OVERRIDE_LINE,
                {"target": check.target_name, "reason": routing.override_reason},
            )
            if routing.override_reason
            else Text("Timeline", REASSIGNED_LINE, {"target": check.target_name})
        )
        now = self.clock.now()
        change = assign(item, to=target, desk_id=desk_id, by=self.user.id, at=now, text=text)
        updated = replace(
            note,
            assignee=target,
            desk_id=desk_id,
            advice=check.verdict.reason if check.verdict else check.failure,
            override_reason=routing.override_reason,
        )
        await self._notes.record(updated, change, expected_updated_at=item.updated_at)
        return updated, check

    async def close(self, note_id: str, outcome_text: str) -> CallbackNote:
        """Close the note with what came of it (the resident was called back)."""
        note, item = await self._load(note_id)
        text = outcome_text.strip()
        if not text:
            raise CallbackFieldErrors(
                {"outcome": QT_TRANSLATE_NOOP("errors", "Schrijf kort wat er is afgesproken.")}
            )
        change = lifecycle.close(
            item,
            colleague_id=self.user.id,
            outcome=Outcome.ANSWERED,
            at=self.clock.now(),
            note=text,
        )
        updated = replace(
            note,
            status=NoteStatus.DONE,
            outcome_text=text,
            closed_at=change.interaction.closed_at,
            assignee=change.interaction.owner,
        )
        await self._notes.record(updated, change, expected_updated_at=item.updated_at)
        return updated

    # -- warm handover (N3) -----------------------------------------------------------------

    async def follow_ups_due(self) -> list[FollowUpPrompt]:
        """Notes I wrote whose deadline passed while still open, not yet answered."""
        now = self.clock.now()
        notes = await self._notes.created_by(self.user.id, open_only=True)
        return [
            FollowUpPrompt(n, await self.history(n.id)) for n in notes if n.needs_follow_up(now)
        ]

    async def answer_follow_up(self, note_id: str, answer: FollowUp) -> CallbackNote:
        """The creator's answer: checked, escalate to the desk, or call the resident myself."""
        note, item = await self._load(note_id)
        now = self.clock.now()
        if answer is FollowUp.ESCALATED:
            desk = self.organisation.desk(note.desk_id)
            if desk is None:
                raise DomainError(TARGET_GONE)
            change = assign(
                item,
                to=Owner.desk(desk.id),
                desk_id=desk.id,
                by=self.user.id,
                at=now,
                text=Text("Timeline", LATE_ESCALATED_LINE, {"desk": desk.name}),
            )
        elif answer is FollowUp.SELF:
            change = assign(
                item,
                to=Owner.colleague(self.user.id),
                desk_id=self.user.desk_id,
                by=self.user.id,
                at=now,
                text=Text("Timeline", LATE_SELF_LINE),
            )
        elif answer is FollowUp.CONFIRMED:
            change = touched(
                item,
                by=self.user.id,
                at=now,
                kind=TimelineKind.NOTE,
                text=Text("Timeline", LATE_CONFIRMED_LINE),
            )
        else:
            raise DomainError(
                QT_TRANSLATE_NOOP("errors", "Kies wat u met deze terugbelnotitie doet.")
            )
        updated = replace(
            note,
            follow_up=answer,
            assignee=change.interaction.owner,
            desk_id=change.interaction.desk_id,
        )
        await self._notes.record(updated, change, expected_updated_at=item.updated_at)
        return updated

    async def aclose(self) -> None:
        await self.tasks.aclose()
