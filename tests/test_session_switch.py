"""One session for every service (issue 12): switching the demo user changes them all at once.

Before, the switch reached only the inbox: callback notes said "Gemaakt door Sanne de Boer"
after switching to Fatima, "Door mij gemaakt" listed Sanne's notes, and calls were made for
Sanne's desk. This drives the real window through the composition root.
"""

from __future__ import annotations

import random

from console.demo.telephony import DemoTelephony
from console.domain.callbacks import CallbackDraft
from console.domain.model import Owner, Role, TimelineKind
from tests.helpers import running_app, signal_until
from tests.test_sip_transfer import until

CALLER = "+31418678513"


def _draft(**changes) -> CallbackDraft:
    values = dict(
        resident_name="mevrouw De Vries",
        phone="06 12345678",
        summary="Vraagt of de scootmobiel al besteld is.",
        target_kind="colleague",
        target_id="c22",
    )
    values.update(changes)
    return CallbackDraft(**values)


def test_switching_the_demo_user_changes_notes_calls_and_title_at_once(qloop, tmp_path, clock):
    async def scenario():
        phone = DemoTelephony(rng=random.Random(1))
        async with running_app(tmp_path, clock, telephony=phone) as app:
            window = app.window
            window.show()
            seen: dict[str, object] = {}
            sanne_note = await app.callbacks.create(_draft(), check=None)

            # Sanne's "Door mij gemaakt" is on screen when she hands over to Fatima.
            screen = app.callback_ui.screen
            window.show_screen(screen)
            screen.set_scope("created")
            await app.callbacks.tasks.drain()
            seen["before"] = [screen.model.note_at(r).id for r in range(screen.model.rowCount())]
            app.roles.switch_to("c03")  # Fatima Bouzid, supervisor at the general KCC
            await app.callbacks.tasks.drain()
            seen["after switch"] = screen.model.rowCount()
            seen["label"] = window.user_label.text()
            seen["role"] = app.session.role
            fatima_note = await app.callbacks.create(
                _draft(resident_name="de heer Jansen", phone="06 87654321"), check=None
            )

            # "Door mij gemaakt" on the callback screen: Fatima's note only.
            screen = app.callback_ui.screen
            window.show_screen(screen)
            screen.set_scope("created")
            await app.callbacks.tasks.drain()
            model = screen.model
            await signal_until(screen.refreshed, lambda: model.rowCount() >= 1)
            seen["created_list"] = [model.note_at(r).id for r in range(model.rowCount())]
            screen.table.selectRow(seen["created_list"].index(fatima_note.id))
            await app.callbacks.tasks.drain()
            seen["detail"] = screen.detail.toPlainText()

            # A call answered now is Fatima's, for her desk.
            phone.ring(CALLER)
            await until(lambda: app.calls.state.pop is not None, app.calls.subscribe)
            call = await app.calls.answer()
            seen["call"] = (call.owner, call.created_by, call.desk_id)
            timeline = await app.interactions.timeline(call.id)
            seen["taken_by"] = [e.actor for e in timeline if e.kind is TimelineKind.TAKEN]
            return sanne_note, fatima_note, seen

    sanne_note, fatima_note, seen = qloop.run_until_complete(scenario())
    assert "Fatima Bouzid" in seen["label"]
    assert seen["role"] is Role.SUPERVISOR
    assert sanne_note.creator == "c01"
    assert seen["before"] == [sanne_note.id]
    assert seen["after switch"] == 0  # the list followed the switch: Fatima made none yet
    assert fatima_note.creator == "c03"
    assert seen["created_list"] == [fatima_note.id]  # not Sanne's note
    assert "Gemaakt door Fatima Bouzid" in seen["detail"]
    assert seen["call"] == (Owner.colleague("c03"), "c03", "kcc")
    assert seen["taken_by"] == ["c03"]


def test_a_switch_to_someone_on_another_desk_moves_new_calls_to_their_desk(tmp_path, clock):
    import asyncio

    async def scenario():
        phone = DemoTelephony(rng=random.Random(1))
        async with running_app(tmp_path, clock, with_window=False, telephony=phone) as app:
            heard = []
            app.session.subscribe(lambda state: heard.append(state.user.id))
            app.inbox.switch_user("c13")  # Daan Molenaar, Vak-KCC Vergunningen en Omgeving
            phone.ring(CALLER)
            await until(lambda: app.calls.state.pop is not None, app.calls.subscribe)
            call = await app.calls.answer()
            return heard, call, app.callbacks.user.id, app.session.actors

    heard, call, callbacks_user, actors = asyncio.run(scenario())
    assert heard == ["c13"]
    assert call.desk_id == "vk_omgeving"
    assert call.owner == Owner.colleague("c13")
    assert callbacks_user == "c13"
    assert actors.colleague == "d.molenaar@westbetuwe.example"
    assert actors.desk == "vk_omgeving"
