"""The call panel and transfer guide in demo mode: the whole flow without SIP software.

Real composition root, real SQLite store, the demo phone (deterministic: its chances are set
here), the keyboard shortcuts a user presses. Waits end on state changes, never on time.
"""

from __future__ import annotations

import gc
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.domain.model import Channel, Outcome, Owner, Status
from console.domain.transfer import TransferState
from console.services.calls import RESIDENT_HUNG_UP, CallPhase
from tests.conftest import AMS
from tests.helpers import running_app
from tests.test_sip_transfer import until
from widgets.call_panel import GuideTableModel

CALLER = "+31418678513"
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    """Free this test's Qt wrappers here, on the GUI thread.

    Otherwise a later test's allocations can trigger the cyclic collector on the database
    thread, which then destroys Qt wrappers there (a segfault in PySide).
    """
    yield
    gc.collect()


async def ring_and_answer(app):
    window, calls = app.window, app.calls
    app.phone.ring(CALLER)
    await until(
        lambda: calls.state.pop is not None and calls.state.pop.resident is not None,
        calls.subscribe,
    )
    assert app.call_panel.actions["answer"].isEnabled()
    QTest.keyClick(window, Qt.Key.Key_F9)
    await until(lambda: calls.state.interaction is not None, calls.subscribe)
    app.call_panel.notes.setPlainText("Paspoort kwijt op vakantie.")


def test_demo_call_answer_consult_complete_and_wrap_up_with_keyboard(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.show()
            app.phone.pick_up_chance = 1.0
            await ring_and_answer(app)
            caller_text = panel.caller.text()
            QTest.keyClick(window, Qt.Key.Key_F8)
            guide = panel.guide
            assert guide.isVisible()
            QTest.keyClicks(guide.search, "paspoort")
            first = guide.model.entry(0).target.id
            guide.what.setPlainText("Kan ze een noodpaspoort krijgen?")
            QTest.keyClick(guide, Qt.Key.Key_C, ALT)
            await until(lambda: calls.state.phase is CallPhase.CONSULTING, calls.subscribe)
            await until(lambda: bool(calls.state.consult_id), calls.subscribe)
            summary_on_screen = panel.summary.text()
            QTest.keyClick(window, Qt.Key.Key_V, ALT)
            await until(
                lambda: calls.state.transfer.state is TransferState.COMPLETED, calls.subscribe
            )
            assert calls.state.phase is CallPhase.WRAP_UP
            item = calls.state.interaction
            assert panel.outcome.currentData() == Outcome.TRANSFERRED.value
            panel.score.setValue(9)
            QTest.keyClick(window, Qt.Key.Key_R, ALT)
            await until(lambda: calls.state.phase is CallPhase.IDLE, calls.subscribe)
            await app.inbox.tasks.drain()
            record = await calls._records.get(item.id)
            stored = await app.interactions.get(item.id)
            await window.model.refresh()
            in_inbox = window.model.row_of(item.id) is not None
            return caller_text, first, summary_on_screen, stored, record, in_inbox

    caller_text, first, summary, stored, record, in_inbox = qloop.run_until_complete(scenario())
    assert caller_text.startswith("mevrouw L. Pellegrom")  # screen pop
    assert first == "vk_burgerzaken"  # "paspoort" routes to Burgerzaken
    assert "Vraag: Kan ze een noodpaspoort krijgen?" in summary
    assert "Al geprobeerd: Paspoort kwijt op vakantie." in summary
    assert stored.owner == Owner.desk("vk_burgerzaken") and stored.transfers == 1
    assert stored.status is Status.TRANSFERRED and stored.channel is Channel.PHONE
    assert record.outcome is Outcome.TRANSFERRED and record.satisfaction == 9
    assert in_inbox  # the call is an interaction in the inbox


def test_demo_target_does_not_pick_up_cancel_and_fallback_note(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.show()
            app.phone.pick_up_chance = 0.0
            await ring_and_answer(app)
            QTest.keyClick(window, Qt.Key.Key_F8)
            panel.guide.search.setText("afval")
            panel.guide.what.setPlainText("Container niet geleegd")
            panel.guide.try_consult()
            await until(lambda: bool(calls.state.consult_id), calls.subscribe)
            QTest.keyClick(window, Qt.Key.Key_A, ALT)
            await until(lambda: calls.state.phase is CallPhase.TALKING, calls.subscribe)
            QTest.keyClick(window, Qt.Key.Key_T, ALT)
            await until(
                lambda: calls.state.transfer.state is TransferState.FALLBACK, calls.subscribe
            )
            return app.transfers.referral, panel.mail.toPlainText(), window.messages.text()

    mail, shown, message = qloop.run_until_complete(scenario())
    # The waste partner: a referral mail, pre-filled with the same summary, shown to copy.
    assert mail.to == "klantenservice@afvalservice-lingeland.example"
    assert "Vraag: Container niet geleegd" in shown
    assert message.startswith("De doorverwijzing aan Afvalservice")


def test_demo_caller_hangs_up_during_consult_keeps_notes(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.show()
            app.phone.pick_up_chance = 1.0
            await ring_and_answer(app)
            QTest.keyClick(window, Qt.Key.Key_F8)
            panel.guide.search.setText("bijstand")
            first = panel.guide.model.entry(0).target.id
            panel.guide.what.setPlainText("Vraag over bijstand")
            panel.guide.try_consult()
            await until(lambda: bool(calls.state.consult_id), calls.subscribe)
            app.phone.caller_hangs_up(calls.state.call_id)
            await until(lambda: calls.state.phase is CallPhase.WRAP_UP, calls.subscribe)
            enabled = {k: a.isEnabled() for k, a in panel.actions.items()}
            QTest.keyClick(window, Qt.Key.Key_T, ALT)  # fallback: a callback note
            await until(lambda: app.transfers.last_fallback is not None, calls.subscribe)
            note = await app.interactions.get(app.transfers.last_fallback.id)
            return first, panel.notes.toPlainText(), window.messages.text(), enabled, note

    first, notes, message, enabled, note = qloop.run_until_complete(scenario())
    assert first == "vk_sociaal"
    assert notes == "Paspoort kwijt op vakantie."
    assert message == RESIDENT_HUNG_UP or message.startswith(
        "Terugbelnotitie gemaakt voor Vak-KCC Sociaal Domein: Terugbellen mevrouw L. Pellegrom"
    )
    assert enabled["complete"] is False and enabled["wrap_up"] and enabled["hang_up"]
    assert note.channel is Channel.CALLBACK_NOTE and note.desk_id == "vk_sociaal"
    assert note.question.startswith("Wie: mevrouw L. Pellegrom\nVraag: Vraag over bijstand")


def test_unanswered_call_is_a_missed_call_in_the_inbox(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            calls = app.calls
            call_id = app.phone.ring(CALLER)
            await until(lambda: calls.state.phase is CallPhase.RINGING, calls.subscribe)
            app.phone.caller_hangs_up(call_id)
            await until(lambda: calls.state.phase is CallPhase.IDLE, calls.subscribe)
            await calls.tasks.drain()
            history = await calls._records.history("r0001")
            return history, app.window.messages.text()

    history, message = qloop.run_until_complete(scenario())
    assert history[0].subject == "Gemiste oproep" and history[0].channel is Channel.PHONE
    assert message.startswith("Gemiste oproep")


def test_guide_refuses_a_closed_partner_and_offers_the_referral(qloop, tmp_path, clock):
    clock.set(datetime(2026, 12, 1, 14, 0, tzinfo=AMS))

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, panel = app.window, app.call_panel
            window.show()
            await ring_and_answer(app)
            panel.open_guide()
            guide = panel.guide
            guide.search.setText("werk")
            assert guide.select_target("p_werk")
            row = guide.table.currentIndex().row()
            open_text = guide.model.index(row, 3).data()
            guide.what.setPlainText("Zoekt werk")
            consulted = guide.try_consult()
            return consulted, open_text, guide.refusal.text(), guide.alternative.text()

    consulted, open_text, refusal, alternative = qloop.run_until_complete(scenario())
    assert not consulted
    assert open_text == "Gesloten — open morgen om 09:00"
    assert refusal.startswith("Werkbedrijf Linge-Waal (demo) is nu gesloten.")
    assert alternative.startswith("Doorverwijzing per e-mail maken")


def test_guide_model_passes_qtmodeltester(qapp, qtmodeltester, tmp_path, clock):
    from console.demo.organisation import DemoOrganisationSource
    from console.domain.calendar import WorkingCalendar
    from console.domain.routing import search
    from console.services.transfer import GuideEntry

    org = DemoOrganisationSource().data(now=clock.now()).organisation
    cal = WorkingCalendar()
    model = GuideTableModel()
    entries = [
        GuideEntry(m.target, m.because, m.target.open_at(clock.now(), cal), None, "")
        for m in search(org, "")
    ]
    model.set_entries(entries)
    qtmodeltester.check(model, force_py=True)
    model.set_entries([])
    qtmodeltester.check(model, force_py=True)


def test_phone_shortcuts_are_in_the_menu_and_clash_with_nothing(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            return app.window.shortcut_rows()

    rows = qloop.run_until_complete(scenario())
    keys = [key for _text, key in rows]
    assert len(keys) == len(set(keys)), f"shortcut used twice: {keys}"
    shown = dict((key, text) for text, key in rows)
    for key in ("F9", "F10", "F8", "Alt+C", "Alt+V", "Alt+A", "Alt+T", "Alt+O", "Alt+R"):
        assert key in shown, f"{key} missing from the shortcut list"
