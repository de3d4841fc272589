"""The intake: every channel's contacts into the inbox, and replies out through the outbox.

One loop per registered source: it asks the store where the source stands, runs the source, and
when the source fails (server away, bad answer, a bug) says so once and restarts it with
exponential backoff. Each delivered contact becomes an interaction of its desk, or joins the
open interaction of its thread; the store checks the outside reference in the same transaction,
so a restart or a repeated delivery never shows a contact twice. The automatic acknowledgement
(N9) is queued in that same transaction, never for a machine-made mail (auto-responders, bulk)
and never to one of our own mailboxes, so two robots cannot answer each other forever.

Replies (acknowledgements, answers from the console with B1 templates, "it will be late" N15)
wait in the outbox until their channel's sender accepts them; a server that is away only delays
them. One outbox loop sends them in order, each exactly once as far as the store knows.

Event-loop thread only; Qt-free. Failures reach the user through ``tasks`` in Dutch.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import string
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from console.channels import (
    Attachment,
    ChannelRegistration,
    ChannelRejected,
    ChannelStore,
    ChannelUnavailable,
    IncomingContact,
    IntakeResult,
    OutgoingReply,
    ReplyKind,
    StoredMessage,
)
from console.domain import lifecycle
from console.domain.calendar import MONTH_NAMES, WEEKDAY_NAMES
from console.domain.errors import DomainError
from console.domain.model import Channel, DeskKind, Interaction
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text
from console.ports import Clock, StoreError
from console.services.inbox import InboxService, NewInteraction
from console.services.tasks import TaskGroup

log = logging.getLogger(__name__)

QUESTION_MAX = 4000  # what the inbox list and its search hold of a message
# An automatic acknowledgement promises "at once": a mail found days later (the console's first
# start on a mailbox full of old mail) gets none, or residents would get a flood of stale ones.
ACKNOWLEDGE_WITHIN = timedelta(days=2)
NO_SUBJECT = "(geen onderwerp)"
NO_TEXT = "(Dit bericht heeft geen tekst. Bekijk de bijlagen.)"
MUNICIPALITY = "Gemeente West Betuwe"

# Text in square brackets that a template leaves for the colleague to write.
_TO_FILL_IN = re.compile(r"\[(Schrijf|datum)[^\]]*\]")

# How a reply went out, for the timeline ("Antwoord verstuurd (e-mail): …").
CHANNEL_WORDS = {
    Channel.MAIL: "e-mail",
    Channel.POST: "e-mail",
    Channel.CHAT: "chat",
    Channel.SOCIAL: "chat",
    Channel.CALL_ME: "chat",
}

# The timeline note of a sent reply, per kind and per channel word, as data (whole sentences so a
# translation can reorder them; the subject is typed text, a parameter).
_SENT_LINES = {
    (ReplyKind.ACKNOWLEDGEMENT, "e-mail"): QT_TRANSLATE_NOOP(
        "Timeline", "Automatische ontvangstbevestiging verstuurd (e-mail): {subject}"),
    (ReplyKind.ACKNOWLEDGEMENT, "chat"): QT_TRANSLATE_NOOP(
        "Timeline", "Automatische ontvangstbevestiging verstuurd (chat): {subject}"),
    (ReplyKind.ACKNOWLEDGEMENT, "bericht"): QT_TRANSLATE_NOOP(
        "Timeline", "Automatische ontvangstbevestiging verstuurd (bericht): {subject}"),
    (ReplyKind.NAMED_ACKNOWLEDGEMENT, "e-mail"): QT_TRANSLATE_NOOP(
        "Timeline", "Ontvangstbevestiging met naam verstuurd (e-mail): {subject}"),
    (ReplyKind.NAMED_ACKNOWLEDGEMENT, "chat"): QT_TRANSLATE_NOOP(
        "Timeline", "Ontvangstbevestiging met naam verstuurd (chat): {subject}"),
    (ReplyKind.NAMED_ACKNOWLEDGEMENT, "bericht"): QT_TRANSLATE_NOOP(
        "Timeline", "Ontvangstbevestiging met naam verstuurd (bericht): {subject}"),
    (ReplyKind.ANSWER, "e-mail"): QT_TRANSLATE_NOOP(
        "Timeline", "Antwoord verstuurd (e-mail): {subject}"),
    (ReplyKind.ANSWER, "chat"): QT_TRANSLATE_NOOP(
        "Timeline", "Antwoord verstuurd (chat): {subject}"),
    (ReplyKind.ANSWER, "bericht"): QT_TRANSLATE_NOOP(
        "Timeline", "Antwoord verstuurd (bericht): {subject}"),
    (ReplyKind.LATE, "e-mail"): QT_TRANSLATE_NOOP(
        "Timeline", "Bericht dat het langer duurt verstuurd (e-mail): {subject}"),
    (ReplyKind.LATE, "chat"): QT_TRANSLATE_NOOP(
        "Timeline", "Bericht dat het langer duurt verstuurd (chat): {subject}"),
    (ReplyKind.LATE, "bericht"): QT_TRANSLATE_NOOP(
        "Timeline", "Bericht dat het langer duurt verstuurd (bericht): {subject}"),
}
JOINED_LINE = QT_TRANSLATE_NOOP("Timeline", "Nieuw bericht in dit gesprek: {subject}")

KIND_WORDS = {
    ReplyKind.ACKNOWLEDGEMENT: QT_TRANSLATE_NOOP("errors", "Automatische ontvangstbevestiging"),
    ReplyKind.NAMED_ACKNOWLEDGEMENT: QT_TRANSLATE_NOOP("errors", "Ontvangstbevestiging met naam"),
    ReplyKind.ANSWER: QT_TRANSLATE_NOOP("errors", "Antwoord"),
    ReplyKind.LATE: QT_TRANSLATE_NOOP("errors", "Bericht dat het langer duurt"),
}


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds between tries: ``first``, doubled each failure up to ``limit``, with jitter."""

    first: float = 1.0
    limit: float = 60.0

    def next(self, delay: float) -> float:
        return min(self.limit, delay * 2)

    def jittered(self, delay: float) -> float:
        return delay * random.uniform(0.8, 1.2)


@dataclass(frozen=True, slots=True)
class ReplyDraft:
    """A template filled in for one conversation; the colleague edits it before sending."""

    to: str
    subject: str
    text: str


def dutch_moment(local: datetime) -> str:
    """A local moment as "dinsdag 1 december om 17.00 uur" (B1: written out)."""
    return (
        f"{WEEKDAY_NAMES[local.weekday()]} {local.day} {MONTH_NAMES[local.month - 1]} "
        f"om {local.hour}.{local.minute:02d} uur"
    )


def split_template(template: str) -> tuple[str, str]:
    """(subject template, body template) from a template file's text."""
    first, _, body = template.partition("\n")
    subject = first.removeprefix("Onderwerp:").strip()
    return subject, body.lstrip("\n")


class IntakeService:
    """See the module docstring. ``start()`` … ``await aclose()``."""

    def __init__(
        self,
        *,
        store: ChannelStore,
        inbox: InboxService,
        clock: Clock,
        templates: Mapping[str, str],
        backoff: Backoff | None = None,
    ) -> None:
        self._store = store
        self._inbox = inbox
        self._clock = clock
        self._templates = dict(templates)
        self._backoff = backoff or Backoff()
        self._registrations: dict[str, ChannelRegistration] = {}
        self._to_run: list[str] = []
        self.source_tasks: dict[str, asyncio.Task] = {}
        self._outbox_task: asyncio.Task | None = None
        self._wake = asyncio.Event()
        self._outbox_lock = asyncio.Lock()
        self._down: dict[str, str] = {}  # source → the message shown when it went away
        self._senders_down: dict[str, str] = {}  # the same for the sending side
        self.tasks = TaskGroup()
        self.delivered = 0  # contacts stored (new, joined or duplicate) since start
        # Rules that act on a contact once it is stored (N11's chat reply and callback task).
        # A failing rule is reported; the contact stays stored and the source goes on.
        self.after_delivery: list[
            Callable[[IncomingContact, IntakeResult], Awaitable[object]]
        ] = []
        self.started = False

    # -- registry ---------------------------------------------------------------------------

    def register(self, registration: ChannelRegistration, *, run: bool = True) -> None:
        """Add a source; with ``run`` False it only takes contacts pushed through ``deliver``."""
        name = registration.source.name
        if name in self._registrations:
            raise ValueError(f"channel source {name!r} registered twice")
        self._registrations[name] = registration
        if run:
            self._to_run.append(name)
            if self.started:
                self._spawn_source(registration)

    def _spawn_source(self, registration: ChannelRegistration) -> None:
        name = registration.source.name
        self.source_tasks[name] = self.tasks.spawn(
            self._run_source(registration), what=f"kanaal {name}"
        )

    @property
    def sources(self) -> list[str]:
        return list(self._registrations)

    def _own_addresses(self) -> set[str]:
        return {r.address.lower() for r in self._registrations.values() if r.address}

    def start(self) -> None:
        self.started = True
        for name in self._to_run:
            self._spawn_source(self._registrations[name])
        self._outbox_task = self.tasks.spawn(self._run_outbox(), what="uitgaande berichten")

    async def aclose(self) -> None:
        # Cancel until they are gone: a library's wait_for (aioimaplib uses it throughout) can
        # swallow one cancellation on Python 3.11, and teardown must never hang on that.
        mine = [*self.source_tasks.values(), *([self._outbox_task] if self._outbox_task else [])]
        while any(not t.done() for t in mine):
            for task in mine:
                task.cancel()
            await asyncio.wait(mine, timeout=0.5)
        await self.tasks.aclose()

    # -- intake -----------------------------------------------------------------------------

    async def _run_source(self, registration: ChannelRegistration) -> None:
        name = registration.source.name
        delay = self._backoff.first
        while True:
            try:
                cursor = await self._store.cursor(name)
                await registration.source.run(
                    lambda contact: self._deliver(registration, contact), cursor=cursor
                )
                return  # a source that ends by itself is done (a finite demo script)
            except asyncio.CancelledError:
                raise
            except (ChannelUnavailable, StoreError) as exc:
                message = exc.message
            except Exception as exc:  # a bug in one channel must not stop the others
                log.error("channel %s failed: %s", name, type(exc).__name__)
                message = Sentence.of(
                    Text(
                        "errors",
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "Het kanaal '{name}' gaf een onverwachte fout. Er gaat niets "
                            "verloren; de console probeert het opnieuw.",
                        ),
                        {"name": name},
                    )
                )
            if name not in self._down:
                self._down[name] = message
                self.tasks.notify(message)
            await asyncio.sleep(self._backoff.jittered(delay))
            delay = self._backoff.next(delay)

    async def _deliver(self, registration: ChannelRegistration, contact: IncomingContact) -> None:
        if self._down.pop(contact.source, None) is not None:
            log.info("channel %s is back", contact.source)
        await self.deliver(registration.source.name, contact)

    async def deliver(self, source: str, contact: IncomingContact) -> IntakeResult:
        """Store one contact of ``source`` now (the source loop, and sources that push)."""
        registration = self._registrations[source]
        item = await self._interaction_for(contact)
        acknowledgement = self._acknowledgement(registration, contact, item)
        result = await self._store.receive(
            contact,
            lifecycle.received(item),
            acknowledgement=acknowledgement,
            joined_text=Text("Timeline", JOINED_LINE, {"subject": contact.subject or NO_SUBJECT}),
        )
        self.delivered += 1
        for rule in self.after_delivery:
            try:
                await rule(contact, result)
            except (DomainError, StoreError) as exc:
                self.tasks.notify(exc.message)
        if (acknowledgement is not None and result.created) or self.after_delivery:
            self._wake.set()
        return result

    async def _interaction_for(self, contact: IncomingContact) -> Interaction:
        resident = contact.resident
        if resident is None and contact.sender_address:
            resident = await self._store.resident_by_address(contact.sender_address)
        text = contact.text.strip() or (NO_TEXT if contact.attachments else "(leeg bericht)")
        new = NewInteraction(
            channel=contact.channel,
            subject=(contact.subject.strip() or NO_SUBJECT)[:200],
            question=text[:QUESTION_MAX],
            desk_id=contact.desk_id,
            resident=resident,
            question_kind=contact.question_kind,
            received_at=contact.received_at or self._clock.now(),
            created_by=contact.source,
        )
        org = self._inbox.organisation
        if org.desk(new.desk_id) is None:
            # A mailbox configured for a desk that no longer exists: the general KCC owns it
            # (N4: never nobody) rather than losing the contact.
            general = next(d.id for d in org.desks if d.kind is DeskKind.GENERAL)
            new = replace(new, desk_id=general)
        item = self._inbox.build(new)
        if resident is None and (contact.sender_name or contact.sender_address):
            item = replace(item, resident_name=contact.sender_name or contact.sender_address)
        return item

    def _acknowledgement(
        self, registration: ChannelRegistration, contact: IncomingContact, item: Interaction
    ) -> OutgoingReply | None:
        """The N9 acknowledgement for a new mail, or None when none may be sent."""
        address = contact.sender_address.strip()
        if (
            registration.sender is None
            or not registration.acknowledge
            or contact.channel is not Channel.MAIL
            or contact.automatic
            or "@" not in address
            or address.lower() in self._own_addresses()
            or self._clock.now() - item.received_at > ACKNOWLEDGE_WITHIN
        ):
            return None
        template = self._templates.get(ReplyKind.ACKNOWLEDGEMENT.value)
        if template is None:
            return None
        subject, text = self._render(template, item=item, name=contact.sender_name)
        return OutgoingReply(
            id=str(uuid.uuid4()),
            source=contact.source,
            interaction_id=item.id,
            kind=ReplyKind.ACKNOWLEDGEMENT,
            to_address=address,
            to_name=contact.sender_name,
            subject=subject,
            text=text,
            message_id=self._message_id(registration),
            in_reply_to=contact.reference,
            references=(*contact.thread, contact.reference),
            automatic=True,
            created_at=item.received_at,
        )

    def _render(
        self, template: str, *, item: Interaction, name: str, subject: str | None = None
    ) -> tuple[str, str]:
        org = self._inbox.organisation
        desk = org.desk(item.desk_id)
        user = self._inbox.user
        values = {
            "naam": name.strip() or "heer, mevrouw",
            "afdeling": desk.name if desk else MUNICIPALITY,
            "uiterlijk": dutch_moment(
                self._inbox.calendar.local(item.deadline or item.received_at)
            ),
            "medewerker": user.name,
            "onderwerp": subject if subject is not None else item.subject,
            "gemeente": MUNICIPALITY,
        }
        subject_template, body = split_template(template)
        return (
            string.Template(subject_template).safe_substitute(values),
            string.Template(body).safe_substitute(values),
        )

    @staticmethod
    def _message_id(registration: ChannelRegistration) -> str:
        domain = registration.address.rpartition("@")[2] or "kcc-console.invalid"
        return f"{uuid.uuid4()}@{domain}"

    # -- conversations (for the detail pane) ------------------------------------------------

    async def messages(self, interaction_id: str) -> list[StoredMessage]:
        return await self._store.messages(interaction_id)

    async def attachment(self, reference: str, index: int) -> Attachment | None:
        return await self._store.attachment(reference, index)

    async def can_reply(self, interaction_id: str) -> bool:
        facts = await self._store.thread(interaction_id)
        if facts is None or not facts.address:
            return False
        registration = self._registrations.get(facts.source)
        return registration is not None and registration.sender is not None

    async def draft(self, interaction_id: str, kind: ReplyKind) -> ReplyDraft:
        """The template for ``kind`` filled in for this conversation.

        Raises:
            DomainError: no conversation to answer, or no template for ``kind``.
        """
        facts = await self._store.thread(interaction_id)
        if facts is None or not facts.address:
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Deze vraag kwam niet per e-mail of chat binnen. Er is geen adres om naar "
                    "te antwoorden.",
                )
            )
        detail = await self._inbox.detail(interaction_id)
        if detail is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze vraag bestaat niet meer."))
        template = self._templates.get(kind.value)
        if template is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Er is geen sjabloon voor dit bericht."))
        subject, text = self._render(
            template, item=detail.interaction, name=facts.name, subject=facts.subject or None
        )
        return ReplyDraft(to=facts.address, subject=subject, text=text)

    async def reply(
        self, interaction_id: str, *, kind: ReplyKind, subject: str, text: str
    ) -> OutgoingReply:
        """Queue a reply from the signed-in colleague; it goes out as soon as the server can.

        The interaction's timeline records it (for the N9 named acknowledgement this is the
        first handling the dashboard measures).

        Raises:
            DomainError: nothing to answer, no sender for this channel, or an empty text.
            StoreError: the store could not be written.
        """
        text = text.strip()
        if not text:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Schrijf eerst een tekst."))
        if _TO_FILL_IN.search(text):
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Vul eerst de tekst tussen [ en ] in."))
        facts = await self._store.thread(interaction_id)
        if facts is None or not facts.address:
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Deze vraag kwam niet per e-mail of chat binnen. Er is geen adres om naar "
                    "te antwoorden.",
                )
            )
        registration = self._registrations.get(facts.source)
        if registration is None or registration.sender is None:
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Via dit kanaal kan de console geen berichten versturen. Neem contact op "
                    "met de functioneel beheerder.",
                )
            )
        detail = await self._inbox.detail(interaction_id)
        if detail is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze vraag bestaat niet meer."))
        now = self._clock.now()
        subject = subject.strip() or f"Re: {facts.subject or NO_SUBJECT}"
        how = CHANNEL_WORDS.get(detail.interaction.channel, "bericht")
        change = lifecycle.add_note(
            detail.interaction,
            colleague_id=self._inbox.user.id,
            text=Text("Timeline", _SENT_LINES[kind, how], {"subject": subject}),
            at=now,
        )
        reply = OutgoingReply(
            id=str(uuid.uuid4()),
            source=facts.source,
            interaction_id=interaction_id,
            kind=kind,
            to_address=facts.address,
            to_name=facts.name,
            subject=subject,
            text=text,
            message_id=self._message_id(registration),
            in_reply_to=facts.last_reference,
            references=facts.references,
            created_at=now,
        )
        await self._store.queue_reply(reply, change)
        self._wake.set()
        return reply

    # -- outbox -----------------------------------------------------------------------------

    async def _run_outbox(self) -> None:
        delay = self._backoff.first
        while True:
            # Cleared before the flush: a reply queued while it runs sets it again, so the
            # loop comes straight back for it instead of sleeping on it.
            self._wake.clear()
            try:
                blocked = not await self.flush_outbox()
            except asyncio.CancelledError:
                raise
            except StoreError as exc:
                self.tasks.notify(exc.message)
                blocked = True
            if blocked:
                await self._woken_or_after(self._backoff.jittered(delay))
                delay = self._backoff.next(delay)
            else:
                delay = self._backoff.first
                await self._wake.wait()

    async def _woken_or_after(self, seconds: float) -> None:
        # Not asyncio.wait_for: on Python 3.11 it swallows a cancellation that arrives as the
        # event is set, and this loop would then outlive the service's teardown.
        woken = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({woken}, timeout=seconds)
        finally:
            woken.cancel()

    def wake_outbox(self) -> None:
        """Try the waiting replies now (after the user hears the server is back)."""
        self._wake.set()

    async def flush_outbox(self) -> bool:
        """Send what waits; True when nothing is left waiting for a server that is away."""
        async with self._outbox_lock:
            away: set[str] = set()
            for reply in await self._store.waiting_replies():
                registration = self._registrations.get(reply.source)
                if registration is None or registration.sender is None or reply.source in away:
                    continue  # not configured now: it keeps waiting, nothing is dropped
                try:
                    await registration.sender.send(reply)
                except asyncio.CancelledError:
                    raise
                except ChannelRejected as exc:
                    await self._store.reply_failed(reply.id, error=exc.message, final=True)
                    self.tasks.notify(
                        Sentence.of(
                            Text(
                                "errors",
                                QT_TRANSLATE_NOOP(
                                    "errors", "{kind} kon niet worden verstuurd: {why}"
                                ),
                                {
                                    "kind": Text("errors", KIND_WORDS[reply.kind]),
                                    "why": exc.text or Text("errors", exc.message),
                                },
                            )
                        )
                    )
                except ChannelUnavailable as exc:
                    await self._store.reply_failed(reply.id, error=exc.message, final=False)
                    away.add(reply.source)
                    if reply.source not in self._senders_down:
                        self._senders_down[reply.source] = exc.message
                        self.tasks.notify(exc.message)
                else:
                    self._senders_down.pop(reply.source, None)
                    await self._store.reply_sent(reply.id, at=self._clock.now())
            return not away
