"""What the Graph and CalDAV availability adapters share.

Dutch failure messages, the replacement named in an out-of-office text, and a short per-desk
cache with one fetch in flight per desk.

Event-loop thread only. The cache runs each desk's fetch as a task of its own, so a caller that
gives up (the dialog's time limit) does not cancel it: the answer still lands in the cache and
the next look within the cache time costs nothing. ``aclose`` cancels fetches still running.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta

from console.domain.availability import Availability, plain_text
from console.domain.model import Colleague
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text
from console.ports import AvailabilityTimeout

SAVE_ANYWAY = QT_TRANSLATE_NOOP("errors", "U kunt de notitie toch opslaan: schrijf dan waarom.")

# What an adapter gets for each colleague it asked about: the facts, or why they are unknown.
Answer = Availability | AvailabilityTimeout

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


AGENDA_UNKNOWN = QT_TRANSLATE_NOOP("errors", "Agenda onbekend: {reason} {what_now}")
NO_AGENDA_KNOWN = QT_TRANSLATE_NOOP("errors", "van deze collega is geen agenda bekend.")


def unknown(reason: str | Text) -> AvailabilityTimeout:
    """An 'onbekend' answer: ``reason`` (plain Dutch, no personal data) plus what to do now.

    ``reason`` is a sentence marked in context "errors" or a Text (a Sentence counts as its
    Text), so the callback dialog shows the whole answer in the chosen language.
    """
    text = Text(
        "errors",
        AGENDA_UNKNOWN,
        {"reason": _as_text(reason), "what_now": Text("errors", SAVE_ANYWAY)},
    )
    return AvailabilityTimeout(Sentence.of(text))


def _as_text(reason: str | Text) -> Text:
    if isinstance(reason, Text):
        return reason
    carried = getattr(reason, "text", None)
    return carried if isinstance(carried, Text) else Text("errors", reason)


def replacement_in(text: str, organisation: Organisation, *, absent_id: str) -> str | None:
    """The colleague an out-of-office text names as replacement, by e-mail address or full name.

    The first e-mail address of a known colleague wins; else the first colleague whose full name
    appears in the text. The absent colleague is never their own replacement.
    """
    words = plain_text(text)
    if not words:
        return None
    by_mail = {c.email.lower(): c.id for c in organisation.colleagues if c.email}
    for found in _EMAIL.findall(words):
        colleague_id = by_mail.get(found.lower())
        if colleague_id and colleague_id != absent_id:
            return colleague_id
    lowered = words.lower()
    hits = [
        (lowered.find(c.name.lower()), c.id)
        for c in organisation.colleagues
        if c.id != absent_id and c.name and c.name.lower() in lowered
    ]
    return min(hits)[1] if hits else None


def standing_replacement(colleague: Colleague) -> str | None:
    """The colleague's standing replacement from the organisation file (issue 12), if any.

    Used when an out-of-office text names nobody.
    """
    value = colleague.replacement_id
    return value if value and value != colleague.id else None


@dataclass
class _Entry:
    start: datetime
    end: datetime
    fetched_at: datetime
    answers: dict[str, Answer]


class DeskCache:
    """Answers per desk for ``ttl``; concurrent looks at one desk share a single fetch."""

    def __init__(self, *, now: Callable[[], datetime], ttl: timedelta) -> None:
        self._now = now
        self.ttl = ttl
        self._entries: dict[Hashable, _Entry] = {}
        self._running: dict[Hashable, asyncio.Task[dict[str, Answer]]] = {}

    def fresh(self, key: Hashable, start: datetime, end: datetime) -> dict[str, Answer] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        age = self._now() - entry.fetched_at
        if age >= self.ttl or age < -self.ttl:
            return None
        if entry.start > start or entry.end < end:
            return None  # a longer window (a later deadline) needs a new look
        return entry.answers

    async def get(
        self,
        key: Hashable,
        start: datetime,
        end: datetime,
        fetch: Callable[[], Awaitable[dict[str, Answer]]],
    ) -> dict[str, Answer]:
        cached = self.fresh(key, start, end)
        if cached is not None:
            return cached
        task = self._running.get(key)
        if task is None:
            task = asyncio.ensure_future(self._fill(key, start, end, fetch))
            # Nobody may be waiting any more when it fails: retrieve its error so it is not
            # reported as "never retrieved"; the waiting callers get it through the shield.
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
            self._running[key] = task
        # shield: the caller's time limit must not cancel the fetch other callers wait for
        return await asyncio.shield(task)

    async def _fill(
        self,
        key: Hashable,
        start: datetime,
        end: datetime,
        fetch: Callable[[], Awaitable[dict[str, Answer]]],
    ) -> dict[str, Answer]:
        try:
            answers = await fetch()
            # Only whole answers are kept: a desk whose source failed is asked again next time.
            if not all(isinstance(a, AvailabilityTimeout) for a in answers.values()):
                self._entries[key] = _Entry(start, end, self._now(), answers)
            return answers
        finally:
            self._running.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()

    async def aclose(self) -> None:
        running = list(self._running.values())
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        self._running.clear()


class DeskLookSource:
    """The ``AvailabilitySource`` port for sources that look at a whole desk at once.

    A subclass sets ``organisation``, ``cache`` (a ``DeskCache``) and ``not_listed`` (the Dutch
    reason for a colleague the source has no answer for), and implements ``_look(members, *,
    start, end) -> dict[colleague id, Answer]``. One look serves every colleague of the desk
    for a minute. Event-loop thread only.
    """

    organisation: Organisation
    cache: DeskCache
    not_listed: str | Text = NO_AGENDA_KNOWN

    async def availability(
        self, colleague_id: str, *, start: datetime, end: datetime
    ) -> Availability | None:
        colleague = self.organisation.colleague(colleague_id)
        if colleague is None:
            return None
        answers = await self.desk(colleague.desk_id, start=start, end=end)
        answer = answers.get(colleague_id)
        if answer is None:
            raise unknown(self.not_listed)
        if isinstance(answer, AvailabilityTimeout):
            raise answer
        return answer

    async def desk(self, desk_id: str, *, start: datetime, end: datetime) -> dict[str, Answer]:
        """Every member of ``desk_id``: facts, or why they are unknown (cached a minute)."""
        members = tuple(self.organisation.members(desk_id))
        return await self.cache.get(
            desk_id, start, end, lambda: self._look(members, start=start, end=end)
        )

    async def _look(
        self, members: tuple[Colleague, ...], *, start: datetime, end: datetime
    ) -> dict[str, Answer]:
        raise NotImplementedError
