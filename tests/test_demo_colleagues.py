"""The demo's simulated colleagues never touch the signed-in user's items.

Real composition root and store; the simulator's colleagues step many times over a desk where
the signed-in agent owns a few questions. Her items must stay hers and open.
"""

from __future__ import annotations

from console.domain.model import Channel, OwnerKind, Status
from tests.helpers import running_app


def test_simulated_colleagues_leave_the_signed_in_users_items_alone(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False) as app:
            inbox, sim = app.inbox, app.simulator
            mine = []
            for _ in range(6):
                item = await sim.produce_one(channel=Channel.PHONE)  # lands at the user's desk
                mine.append((await inbox.take(item.id)).id)
            desk_items = [(await sim.produce_one(channel=Channel.CHAT)).id for _ in range(6)]
            for _ in range(80):
                await sim.colleague_step()
            await inbox.tasks.drain()
            stored = [await app.interactions.get(i) for i in mine]
            others = [await app.interactions.get(i) for i in desk_items]
            return inbox.user.id, stored, others

    user, stored, others = qloop.run_until_complete(scenario())
    for item in stored:
        assert item.owner.kind is OwnerKind.COLLEAGUE and item.owner.id == user
        assert item.status is not Status.DONE
    # The colleagues did work meanwhile: they took or closed the desk's other items.
    assert any(r.owner.kind is OwnerKind.COLLEAGUE or r.status is Status.DONE for r in others)
