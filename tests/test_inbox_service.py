"""Inbox use cases on plain asyncio with a real store and the demo organisation."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from console.domain.errors import DomainError, RuleViolation
from console.domain.model import Channel, Outcome, Owner, QuestionKind, Status, TimelineKind
from console.services.inbox import NewInteraction
from tests.conftest import AMS
from tests.helpers import running_app


def test_receive_take_note_close_round_trip(tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False) as app:
            inbox = app.inbox
            item = await inbox.receive(
                NewInteraction(Channel.CALLBACK_NOTE, "Paspoort", "Wanneer klaar?", "kcc")
            )
            assert item.owner == Owner.desk("kcc")  # N4: the desk owns it until someone takes it
            taken = await inbox.take(item.id)
            await inbox.add_note(item.id, "Inwoner gebeld, voicemail ingesproken.")
            closed = await inbox.close(item.id, Outcome.ANSWERED, "Uitgelegd")
            detail = await inbox.detail(item.id)
            return item, taken, closed, detail, app.inbox.user.id

    item, taken, closed, detail, user = asyncio.run(scenario())
    # Created Tuesday 10:00: N1 says end of the next working day, Wednesday 17:00.
    assert item.deadline == datetime(2026, 12, 2, 17, 0, tzinfo=AMS)
    assert taken.owner == Owner.colleague(user) and taken.status is Status.IN_PROGRESS
    assert closed.status is Status.DONE and closed.outcome is Outcome.ANSWERED
    kinds = [e.kind for e in detail.timeline]
    assert kinds == [
        TimelineKind.RECEIVED,
        TimelineKind.TAKEN,
        TimelineKind.NOTE,
        TimelineKind.CLOSED,
    ]
    assert [c.new for c in detail.status_changes] == [Status.NEW, Status.IN_PROGRESS, Status.DONE]


def test_complaint_gets_five_working_days(tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False) as app:
            return await app.inbox.receive(
                NewInteraction(
                    Channel.MAIL,
                    "Klacht",
                    "Niet teruggebeld",
                    "kcc",
                    question_kind=QuestionKind.COMPLAINT,
                )
            )

    item = asyncio.run(scenario())
    assert item.deadline == datetime(2026, 12, 8, 17, 0, tzinfo=AMS)  # N8


def test_bad_requests_fail_with_dutch_messages_and_change_nothing(tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False) as app:
            inbox = app.inbox
            item = await inbox.receive(NewInteraction(Channel.MAIL, "Vraag", "Tekst", "kcc"))
            errors = []
            for call in (
                inbox.add_note(item.id, "   "),
                inbox.add_note(item.id, "x" * 1001),
                inbox.hand_back(item.id),
                inbox.take("bestaat-niet"),
            ):
                with pytest.raises(DomainError) as info:
                    await call
                errors.append(info.value)
            unchanged = await app.interactions.get(item.id)
            return item, unchanged, errors

    item, unchanged, errors = asyncio.run(scenario())
    assert unchanged == item
    assert [e.message for e in errors] == [
        "Schrijf eerst een notitie.",
        "Een notitie is maximaal 1000 tekens (nu 1001).",
        "Alleen de eigenaar van de vraag kan hem teruggeven.",
        "Deze vraag bestaat niet meer.",
    ]
    assert isinstance(errors[2], RuleViolation) and errors[2].rule == "N4"


def test_demo_backlog_is_realistic(tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False, seed_backlog=True) as app:
            rows = await app.inbox.page(app.inbox.query(), limit=500)
            closed = await app.inbox.count(app.inbox.query(state="closed"))
            return rows, closed

    rows, closed = asyncio.run(scenario())
    assert len(rows) == 60 and closed == 240
    live = [r for r in rows if r.priority == 0]
    assert 0 < len(live) <= 4
    # Nobody waits on the line for hours: live contacts are minutes old.
    now = datetime(2026, 12, 1, 10, 0, tzinfo=AMS)
    assert all((now - r.received_at).total_seconds() < 5 * 60 for r in live)
    assert {r.channel for r in rows} >= {Channel.MAIL, Channel.POST, Channel.CALLBACK_NOTE}


def test_demo_backlog_is_seeded_once(tmp_path, clock):
    async def start() -> tuple[int, int]:
        async with running_app(tmp_path, clock, with_window=False, seed_backlog=True) as app:
            open_rows = await app.inbox.count(app.inbox.query())
            closed = await app.inbox.count(app.inbox.query(state="closed"))
            return open_rows, closed

    assert asyncio.run(start()) == (60, 240)
    assert asyncio.run(start()) == (60, 240)  # a store in use is not seeded again
