"""Where the capabilities meet: a failed transfer becomes a real callback note (issue 3 + 4),
and a caller's score at wrap-up reaches the supervisor's N16 figure (issue 4 + 5)."""

from __future__ import annotations

import asyncio
import random

from console.demo.telephony import DemoTelephony
from console.domain.model import Channel, Outcome, Owner
from console.domain.supervision import PeriodKind
from console.domain.transfer import HandoverSummary, TransferTarget
from tests.helpers import running_app
from tests.test_sip_transfer import until

CALLER = "+31418678513"


def demo_app(tmp_path, clock, **phone):
    return running_app(
        tmp_path, clock, with_window=False, telephony=DemoTelephony(rng=random.Random(1), **phone)
    )


async def answered(app):
    app.phone.ring(CALLER)
    await until(
        lambda: app.calls.state.pop is not None and app.calls.state.pop.resident is not None,
        app.calls.subscribe,
    )
    return await app.calls.answer()


def test_failed_transfer_to_an_absent_colleague_becomes_a_note_for_the_replacement(tmp_path, clock):
    async def scenario():
        async with demo_app(tmp_path, clock, pick_up_chance=0.0) as app:
            await answered(app)
            org = app.inbox.organisation
            # c02 is out of office with c22 as replacement in the demo organisation.
            target = TransferTarget.of_colleague(org.colleague("c02"))
            summary = HandoverSummary(
                "mevrouw L. Pellegrom", "Vraagt naar de traplift", "Website bekeken", CALLER
            )
            app.transfers.prepare(target, summary)
            await app.transfers.consult()
            await app.transfers.fallback(reason="Collega neemt niet op")
            created = app.transfers.last_fallback
            note = await app.callbacks.get(created.id)
            mine = await app.callbacks.created_notes()
            return created, note, mine, summary

    created, note, mine, summary = asyncio.run(scenario())
    assert created.channel is Channel.CALLBACK_NOTE
    assert created.owner == Owner.colleague("c22")  # N2: the replacement, not the absent one
    assert created.question == summary.text()  # nothing retyped
    assert note is not None and note.phones[0] == CALLER
    assert [n.id for n in mine] == [created.id]  # the creator sees it in "Door mij gemaakt"


def test_score_given_at_wrap_up_counts_for_n16(tmp_path, clock):
    async def scenario():
        async with demo_app(tmp_path, clock) as app:
            await answered(app)
            app.calls.set_notes("Uitgelegd.")
            await app.calls.hang_up()
            await app.calls.wrap_up(Outcome.ANSWERED, satisfaction=6)
            figures = await app.supervision.figures(app.supervision.period(PeriodKind.TODAY))
            return figures

    figures = asyncio.run(scenario())
    assert figures.total.period.scored == 1
    assert figures.total.period.satisfaction == 6.0
