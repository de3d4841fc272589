"""Callback notes end to end on a real qasync loop, through the real composition root.

The agent opens the dialog on an inbox item with Ctrl+T, picks a colleague who is out of office,
sees the availability card, takes the advice (the replacement) with F4 and saves with Ctrl+Enter;
the replacement's list shows the note with N1's deadline; "niet bereikt" keeps it open; after the
deadline the creator is asked (N3).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.demo.availability import DemoAvailabilitySource
from console.demo.organisation import DemoOrganisationSource
from console.domain.calendar import AMSTERDAM
from console.domain.callbacks import AttemptOutcome, CallbackDraft, NoteStatus
from console.domain.model import Channel, Owner
from tests.helpers import running_app, signal_until
from widgets.callback_screen import COL_ATTEMPTS, COL_DEADLINE, COL_STATUS

WED_FIVE = datetime(2026, 12, 2, 17, 0, tzinfo=AMSTERDAM)
CTRL = Qt.KeyboardModifier.ControlModifier


async def _dialog_on_new_item(app):
    window = app.window
    window.show()
    item = await app.simulator.produce_one(channel=Channel.MAIL)
    await signal_until(window.model.refreshed, lambda: window.model.row_of(item.id) is not None)
    window.select_id(item.id)
    QTest.keyClick(window, Qt.Key.Key_T, CTRL)
    await app.callbacks.tasks.drain()
    dialog = app.callback_ui.dialog
    await signal_until(dialog.restored, lambda: dialog.name.text() != "")
    return item, dialog


async def _pick(dialog, typed: str) -> None:
    dialog.picker.edit.setFocus()
    QTest.keyClicks(dialog.picker.edit, typed)
    dialog.picker.completer.popup().hide()
    QTest.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
    await signal_until(dialog.picker.checked, lambda: dialog.picker.check is not None)


def test_agent_routes_a_note_to_the_replacement_and_the_creator_is_asked_after_the_deadline(
    qloop, tmp_path, clock
):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            item, dialog = await _dialog_on_new_item(app)
            resident = await app.residents.get(item.resident_id)
            seen = {"name": dialog.name.text(), "phone": dialog.phone.text()}

            await _pick(dialog, "Bram Verh")
            card = dialog.picker.card
            seen["picked"] = dialog.picker.target
            seen["card"] = (
                card.title.text(),
                card.presence.text(),
                card.absence.text(),
                card.absence_message.text(),
                card.replacement.text(),
                card.verdict.text(),
                card.hint.text(),
            )
            dialog.summary.setFocus()
            QTest.keyClick(dialog.summary, Qt.Key.Key_F4)  # one keystroke: take the advice
            await signal_until(
                dialog.picker.checked,
                lambda: (
                    dialog.picker.check is not None
                    and dialog.picker.check.target == Owner.colleague("c22")
                ),
            )
            seen["after_advice"] = (dialog.picker.target, card.title.text(), card.verdict.text())
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            seen["closed"] = not dialog.isVisible() and dialog.result() == 1
            note = dialog.saved_note
            seen["message"] = app.window.messages.text()

            # The replacement's own list ("Mijn terugbelnotities").
            ui = app.callback_ui
            screen = ui.screen
            app.session.switch_to("c22")
            app.window.show_screen(screen)
            screen.set_scope("mine")
            await app.callbacks.tasks.drain()
            model = screen.model
            seen["list"] = [model.note_at(r).id for r in range(model.rowCount())]
            seen["deadline_cell"] = model.index(0, COL_DEADLINE).data()
            seen["deadline"] = model.note_at(0).deadline

            # "Niet bereikt" keeps it open, with the attempt counted.
            clock.advance(timedelta(hours=3))
            screen.table.selectRow(0)
            screen.table.setFocus()
            QTest.keyClick(screen.table, Qt.Key.Key_P, CTRL)
            attempt = screen.attempt_dialog
            QTest.keyClick(attempt, Qt.Key.Key_2)
            QTest.keyClick(attempt, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: model.index(0, COL_ATTEMPTS).data() == "1")
            seen["after_attempt"] = (
                model.index(0, COL_STATUS).data(),
                model.note_at(0).attempts[0].outcome,
                model.note_at(0).status,
            )

            # After the deadline the creator is asked, with the history.
            app.session.switch_to("c01")
            clock.set(WED_FIVE + timedelta(minutes=1))
            follow_up = await ui.check_follow_ups()
            seen["prompt"] = (follow_up.isVisible(), follow_up.question.text())
            seen["history"] = follow_up.history.toPlainText()
            QTest.keyClick(follow_up, Qt.Key.Key_1)  # escalate to the desk
            await app.callbacks.tasks.drain()
            stored = await app.callbacks.get(note.id)
            return resident, seen, note, stored, app.window.messages.text()

    resident, seen, note, stored, message = qloop.run_until_complete(scenario())
    assert seen["name"] == resident.name and seen["phone"].startswith("06")
    assert seen["picked"] == Owner.colleague("c02")
    title, presence, absence, ooo, replacement, verdict, hint = seen["card"]
    assert title == "Bram Verhoeven"
    assert presence == "Status: Afwezig"
    assert absence == "Afwezig tot en met do 3 dec"
    assert ooo.startswith("Afwezigheidsbericht: Ik ben afwezig tot en met overmorgen")
    assert replacement == "Vervanger: Hanneke Blom"
    assert "Bram Verhoeven is afwezig tot en met 3 december. Vervanger Hanneke Blom kan" in verdict
    assert hint == "Druk op F4 om de notitie naar Hanneke Blom te sturen."
    assert seen["after_advice"][0] == Owner.colleague("c22")
    assert seen["after_advice"][1] == "Hanneke Blom"
    assert seen["after_advice"][2].startswith("Kan op tijd terugbellen")
    assert seen["closed"]
    assert seen["message"] == "De terugbelnotitie is opgeslagen voor Hanneke Blom."
    assert seen["list"] == [note.id]
    assert seen["deadline"] == WED_FIVE and seen["deadline_cell"] == "morgen 17:00"
    assert seen["after_attempt"] == (
        "Open · niet bereikt",
        AttemptOutcome.NOT_REACHED,
        NoteStatus.OPEN,
    )
    assert seen["prompt"] == (True, f"Is {resident.name} al teruggebeld?")
    assert "Niet bereikt" in seen["history"]
    assert stored.assignee == Owner.desk("bo_wmo")
    assert message == "De notitie is doorgezet naar de afdeling."


def test_bad_phone_number_is_shown_at_the_field_and_nothing_typed_is_lost(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            _item, dialog = await _dialog_on_new_item(app)
            dialog.phone.setText("+32 2 123 45 67")
            dialog.summary.setPlainText("x" * 1001)
            await _pick(dialog, "Hanneke")
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            return (
                dialog.isVisible(),
                dialog.error_text("phone"),
                dialog.error_text("summary"),
                dialog.phone.text(),
                len(dialog.summary.toPlainText()),
                await app.callbacks.created_notes(),
            )

    visible, phone_error, summary_error, phone, length, stored = qloop.run_until_complete(
        scenario()
    )
    assert visible
    assert phone_error == (
        "Dit is een buitenlands nummer (+32). Terugbellen kan alleen naar een Nederlands nummer."
    )
    assert summary_error.startswith("De vraag is maximaal 1000 tekens (nu 1001).")
    assert phone == "+32 2 123 45 67" and length == 1001
    assert stored == []


def test_a_target_that_does_not_exist_is_refused_at_the_target_field(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            dialog = app.callback_ui.open_callback_dialog(
                CallbackDraft(resident_name="Piet", phone="0612345678", summary="Vraag")
            )
            await signal_until(dialog.restored, lambda: True)
            dialog.picker.set_target(Owner.colleague("c99"))
            await signal_until(dialog.picker.checked, lambda: not dialog.picker.error.isHidden())
            return dialog.error_text("target"), dialog.picker.card.verdict.text()

    error, card = qloop.run_until_complete(scenario())
    assert error == "Deze collega of afdeling bestaat niet (meer). Kies een ander."
    assert card == error


def test_availability_timeout_shows_on_the_card_and_saving_needs_a_reason(qloop, tmp_path, clock):
    organisation = DemoOrganisationSource().data(now=clock.now()).organisation
    slow = DemoAvailabilitySource(organisation, slow={"c22"})

    async def scenario():
        async with running_app(
            tmp_path, clock, availability=slow, availability_timeout=0.05
        ) as app:
            _item, dialog = await _dialog_on_new_item(app)
            await _pick(dialog, "Hanneke")
            card = dialog.picker.card.verdict.text()
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            refused = dialog.error_text("override_reason")
            dialog.picker.override.setText("Hanneke zit naast mij, ze belt vandaag")
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            return card, refused, dialog.saved_note

    card, refused, note = qloop.run_until_complete(scenario())
    assert card.startswith("De agenda van deze collega is nu niet op te vragen")
    assert refused.startswith("De agenda kon niet worden gecontroleerd.")
    assert note is not None and note.override_reason.startswith("Hanneke zit naast mij")


def test_the_draft_survives_closing_the_dialog_and_a_restart(qloop, tmp_path, clock):
    async def first_session():
        async with running_app(tmp_path, clock) as app:
            item, dialog = await _dialog_on_new_item(app)
            dialog.summary.setPlainText("Half getypte vraag over de Wmo")
            dialog.best_time.setText("na drieën")
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            await app.callbacks.tasks.drain()
            closed = not dialog.isVisible()
            # Reopen in the same session on the same item (the menu action: offscreen Qt does
            # not give the main window back its activation, which window shortcuts need).
            app.window.select_id(item.id)
            app.callback_ui.act_new.trigger()
            await app.callbacks.tasks.drain()
            again = app.callback_ui.dialog
            await signal_until(again.restored, lambda: again.summary.toPlainText() != "")
            reopened = (again.summary.toPlainText(), again.notice.text())
            QTest.keyClick(again, Qt.Key.Key_Escape)
            return item.id, closed, reopened

    item_id, closed, reopened = qloop.run_until_complete(first_session())

    async def second_session():
        async with running_app(tmp_path, clock) as app:
            prefill = await app.callback_ui.prefill_for(item_id)
            dialog = app.callback_ui.open_callback_dialog(prefill)
            await signal_until(dialog.restored, lambda: dialog.summary.toPlainText() != "")
            return dialog.summary.toPlainText(), dialog.best_time.text()

    restored = qloop.run_until_complete(second_session())
    assert closed
    assert reopened == ("Half getypte vraag over de Wmo", "Uw eerdere concept is teruggezet.")
    assert restored == ("Half getypte vraag over de Wmo", "na drieën")


def test_an_open_note_for_the_same_resident_is_shown_before_saving(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            _item, dialog = await _dialog_on_new_item(app)
            first = await app.callbacks.create(
                CallbackDraft(
                    resident_name=dialog.name.text(),
                    phone="0612345678",
                    summary="Eerdere vraag",
                    target_kind="colleague",
                    target_id="c22",
                ),
                check=None,
            )
            await _pick(dialog, "Hanneke")
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            shown = (dialog.isVisible(), dialog.duplicates.text())
            QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)  # confirm: save anyway
            await app.callbacks.tasks.drain()
            return first, shown, dialog.saved_note, dialog.isVisible()

    first, (visible, text), second, still_open = qloop.run_until_complete(scenario())
    assert visible
    assert text.startswith("Let op: er is al een open terugbelnotitie voor deze inwoner")
    assert "Eerdere vraag — bij Hanneke Blom, uiterlijk morgen 17:00" in text
    assert second is not None and second.id != first.id and not still_open


def test_an_overdue_note_is_asked_about_right_after_start(qloop, tmp_path, clock):
    async def first_session():
        async with running_app(tmp_path, clock, with_window=False) as app:
            await app.callbacks.create(
                CallbackDraft(
                    resident_name="mevrouw De Vries",
                    phone="0612345678",
                    summary="Vraag",
                    target_kind="colleague",
                    target_id="c22",
                ),
                check=None,
            )

    qloop.run_until_complete(first_session())
    clock.set(WED_FIVE + timedelta(hours=17))  # Thursday morning: the console starts again

    async def next_morning():
        async with running_app(tmp_path, clock) as app:
            ui = app.callback_ui
            await signal_until(ui.follow_up_shown, lambda: ui.follow_up_dialog is not None)
            return ui.follow_up_dialog.question.text()

    assert qloop.run_until_complete(next_morning()) == "Is mevrouw De Vries al teruggebeld?"


def test_one_key_copies_the_number_to_call(qloop, tmp_path, clock):
    from PySide6.QtGui import QGuiApplication

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            await app.callbacks.create(
                CallbackDraft(
                    resident_name="Piet Jansen",
                    phone="0345 581 234",
                    summary="Vraag",
                    target_kind="colleague",
                    target_id="c22",
                ),
                check=None,
            )
            screen = app.callback_ui.screen
            app.window.show_screen(screen)
            screen.set_scope("created")
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: screen.model.rowCount() == 1)
            screen.table.selectRow(0)
            QTest.keyClick(screen.table, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
            return QGuiApplication.clipboard().text(), app.window.messages.text()

    copied, message = qloop.run_until_complete(scenario())
    assert copied == "+31345581234"
    assert message.startswith("Het nummer 0345 581 234 staat klaar om te plakken")


def test_back_office_reassigns_with_a_fresh_check_and_closes_with_an_outcome(
    qloop, tmp_path, clock
):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            note = await app.callbacks.create(
                CallbackDraft(
                    resident_name="Piet Jansen",
                    phone="0612345678",
                    summary="Vraag over een dakkapel",
                    target_kind="colleague",
                    target_id="c22",
                ),
                check=None,
            )
            app.session.switch_to("c22")
            screen = app.callback_ui.screen
            app.window.show_screen(screen)
            screen.set_scope("mine")
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: screen.model.rowCount() == 1)
            screen.table.selectRow(0)
            QTest.keyClick(screen.table, Qt.Key.Key_R, CTRL)
            dialog = screen.reassign_dialog
            dialog.picker.edit.setFocus()
            QTest.keyClicks(dialog.picker.edit, "Wim Brouwer")
            dialog.picker.completer.popup().hide()
            QTest.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
            await signal_until(dialog.picker.checked, lambda: dialog.picker.check is not None)
            advice = dialog.picker.card.verdict.text()
            QTest.keyClick(dialog.picker.edit, Qt.Key.Key_F4)
            await signal_until(
                dialog.picker.checked,
                lambda: (
                    dialog.picker.check is not None
                    and dialog.picker.check.target.id == "bo_vergunningen"
                ),
            )
            QTest.keyClick(dialog.picker.edit, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            moved = await app.callbacks.get(note.id)

            # The desk's list now has it; close it there with an outcome.
            app.session.switch_to("c36")
            screen.set_scope("desk")
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: screen.model.rowCount() == 1)
            screen.table.selectRow(0)
            QTest.keyClick(screen.table, Qt.Key.Key_E, CTRL)
            closing = screen.close_dialog
            QTest.keyClick(closing.text, Qt.Key.Key_Return, CTRL)  # empty: refused
            await app.callbacks.tasks.drain()
            refused = closing.error.text()
            closing.text.setPlainText("Uitgelegd dat een dakkapel vergunningvrij kan zijn")
            QTest.keyClick(closing.text, Qt.Key.Key_Return, CTRL)
            await app.callbacks.tasks.drain()
            await signal_until(screen.refreshed, lambda: screen.model.rowCount() == 0)
            return advice, moved, refused, await app.callbacks.get(note.id)

    advice, moved, refused, closed = qloop.run_until_complete(scenario())
    assert "Wim Brouwer is afwezig" in advice and "Er is geen vervanger genoemd." in advice
    assert moved.assignee == Owner.desk("bo_vergunningen")
    assert refused == "Schrijf kort wat er is afgesproken."
    assert closed.status is NoteStatus.DONE
    assert closed.outcome_text == "Uitgelegd dat een dakkapel vergunningvrij kan zijn"


def test_models_pass_the_model_tester(qloop, tmp_path, clock, qtmodeltester):
    from widgets.callback_dialog import TargetListModel

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            for target in ("c22", "c10"):
                await app.callbacks.create(
                    CallbackDraft(
                        resident_name="Piet Jansen",
                        phone="0612345678",
                        summary="Vraag",
                        target_kind="colleague",
                        target_id=target,
                    ),
                    check=None,
                    confirm_duplicates=True,
                )
            screen = app.callback_ui.screen
            screen.set_scope("created")
            await app.callbacks.tasks.drain()
            qtmodeltester.check(screen.model, force_py=True)
            qtmodeltester.check(TargetListModel(app.callbacks.targets()), force_py=True)
            return screen.model.rowCount()

    assert qloop.run_until_complete(scenario()) == 2
