"""Callback note use cases on the real store: availability verdicts, bad input, clearing, N3."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from console.demo.availability import DemoAvailabilitySource
from console.demo.organisation import DemoOrganisationSource
from console.domain.availability import VerdictKind
from console.domain.calendar import AMSTERDAM
from console.domain.callbacks import AttemptOutcome, CallbackDraft, FollowUp, NoteStatus
from console.domain.errors import DomainError
from console.domain.model import Channel, Owner, OwnerKind
from console.services.callbacks import CallbackFieldErrors, DuplicateNotes
from tests.helpers import running_app

WED_FIVE = datetime(2026, 12, 2, 17, 0, tzinfo=AMSTERDAM)


def draft(**changes) -> CallbackDraft:
    values = dict(
        resident_name="mevrouw De Vries",
        phone="06 12345678",
        summary="Vraagt of de scootmobiel al besteld is.",
        best_time="na 14:00",
        target_kind="colleague",
        target_id="c02",
    )
    values.update(changes)
    return CallbackDraft(**values)


def run(tmp_path, clock, scenario, **options):
    async def main():
        async with running_app(tmp_path, clock, with_window=False, **options) as app:
            return await scenario(app)

    return asyncio.run(main())


def test_out_of_office_colleague_with_replacement_is_routed_to_the_replacement(tmp_path, clock):
    check = run(tmp_path, clock, lambda app: app.callbacks.check(Owner.colleague("c02")))
    assert check.verdict.kind is VerdictKind.ROUTE_TO_REPLACEMENT
    assert check.verdict.target == Owner.colleague("c22")
    assert check.verdict.reason == (
        "Bram Verhoeven is afwezig tot en met 3 december. "
        "Vervanger Hanneke Blom kan vandaag nog terugbellen."
    )
    assert check.replacement.name == "Hanneke Blom"
    assert "Hanneke Blom" in check.absence_message
    assert check.deadline == WED_FIVE


def test_out_of_office_without_replacement_goes_to_the_desk(tmp_path, clock):
    check = run(tmp_path, clock, lambda app: app.callbacks.check(Owner.colleague("c36")))
    assert check.verdict.kind is VerdictKind.ROUTE_TO_DESK
    assert check.verdict.target == Owner.desk(check.desk.id)


def test_absence_starting_tomorrow_still_leaves_today(tmp_path, clock):
    check = run(tmp_path, clock, lambda app: app.callbacks.check(Owner.colleague("c39")))
    assert check.verdict.kind is VerdictKind.CAN_CALL_BACK
    assert "afwezig vanaf 2 december" in check.verdict.reason


def test_a_note_for_the_replacement_lands_in_her_list_and_the_inbox(tmp_path, clock):
    async def scenario(app):
        check = await app.callbacks.check(Owner.colleague("c02"))
        note = await app.callbacks.create(draft(target_id="c22"), check=None)
        listed = await app.callbacks.notes_for(Owner.colleague("c22"))
        item = await app.interactions.get(note.id)
        return check, note, listed, item

    _check, note, listed, item = run(tmp_path, clock, scenario)
    assert [n.id for n in listed] == [note.id]
    assert listed[0].deadline == WED_FIVE
    assert listed[0].phones == ("+31612345678",)
    assert listed[0].advice.startswith("Hanneke Blom is beschikbaar")
    assert item.channel is Channel.CALLBACK_NOTE
    assert item.owner == Owner.colleague("c22") and item.deadline == WED_FIVE


def test_saving_against_the_advice_needs_a_reason(tmp_path, clock):
    async def scenario(app):
        with pytest.raises(CallbackFieldErrors) as refused:
            await app.callbacks.create(draft(), check=None)
        saved = await app.callbacks.create(
            draft(override_reason="Inwoner wil alleen Bram spreken"), check=None
        )
        history = await app.callbacks.history(saved.id)
        return refused.value.errors, saved, history

    errors, saved, history = run(tmp_path, clock, scenario)
    assert errors == {"override_reason": "U wijkt af van het advies. Schrijf waarom."}
    assert saved.assignee == Owner.colleague("c02")
    assert saved.override_reason == "Inwoner wil alleen Bram spreken"
    assert history[-1].text == "Afgeweken van het advies: Inwoner wil alleen Bram spreken"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"phone": "12345"}, "phone", "Dit is geen geldig Nederlands telefoonnummer."),
        ({"phone": "+32 2 123 45 67"}, "phone", "Dit is een buitenlands nummer (+32)."),
        ({"phone2": "0612"}, "phone2", "Dit is geen geldig Nederlands telefoonnummer."),
        ({"phone": ""}, "phone", "Vul een telefoonnummer in om terug te bellen."),
        ({"summary": "  "}, "summary", "Schrijf kort op wat de vraag is."),
        ({"summary": "x" * 1001}, "summary", "De vraag is maximaal 1000 tekens (nu 1001)."),
        ({"resident_name": ""}, "resident_name", "Vul de naam van de inwoner in."),
        ({"email": "geen-adres"}, "email", "Dit e-mailadres klopt niet."),
        ({"target_id": "c99"}, "target", "Deze collega of afdeling bestaat niet (meer)."),
        ({"target_id": ""}, "target", "Kies wie terugbelt"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field_and_stores_nothing(
    tmp_path, clock, changes, field, message
):
    async def scenario(app):
        with pytest.raises(CallbackFieldErrors) as refused:
            await app.callbacks.create(draft(**{"target_id": "c22", **changes}), check=None)
        return refused.value.errors, await app.callbacks.created_notes()

    errors, stored = run(tmp_path, clock, scenario)
    assert errors[field].startswith(message)
    assert stored == []


def test_exactly_1000_characters_is_allowed(tmp_path, clock):
    async def scenario(app):
        return await app.callbacks.create(draft(target_id="c22", summary="x" * 1000), check=None)

    assert len(run(tmp_path, clock, scenario).summary) == 1000


def test_a_target_that_no_longer_exists_is_refused_by_the_check(tmp_path, clock):
    async def scenario(app):
        with pytest.raises(DomainError) as refused:
            await app.callbacks.check(Owner.colleague("c99"))
        return refused.value.message

    assert run(tmp_path, clock, scenario) == (
        "Deze collega of afdeling bestaat niet (meer). Kies een ander."
    )


def test_an_availability_source_that_times_out_still_lets_the_note_be_saved(tmp_path, clock):
    organisation = DemoOrganisationSource().data(now=clock.now()).organisation
    slow = DemoAvailabilitySource(organisation, slow={"c22"})

    async def scenario(app):
        check = await app.callbacks.check(Owner.colleague("c22"))
        with pytest.raises(CallbackFieldErrors) as refused:
            await app.callbacks.create(draft(target_id="c22"), check=check)
        note = await app.callbacks.create(
            draft(target_id="c22", override_reason="Hanneke is op kantoor, gezien"), check=check
        )
        return check, refused.value.errors, note

    check, errors, note = run(
        tmp_path, clock, scenario, availability=slow, availability_timeout=0.05
    )
    assert check.verdict is None
    assert check.failure.startswith("De agenda van deze collega is nu niet op te vragen")
    assert errors["override_reason"].startswith("De agenda kon niet worden gecontroleerd.")
    assert note.advice == check.failure


def test_an_open_note_for_the_same_number_is_shown_before_saving(tmp_path, clock):
    async def scenario(app):
        first = await app.callbacks.create(draft(target_id="c22"), check=None)
        again = draft(target_id="c22", resident_name="Anja de Vries", phone="+31 6 1234 5678")
        with pytest.raises(DuplicateNotes) as dup:
            await app.callbacks.create(again, check=None)
        second = await app.callbacks.create(again, check=None, confirm_duplicates=True)
        return first, dup.value.notes, second

    first, found, second = run(tmp_path, clock, scenario)
    assert [n.id for n in found] == [first.id]
    assert second.id != first.id


def test_not_reached_keeps_the_note_open_and_closing_ends_it(tmp_path, clock):
    async def scenario(app):
        note = await app.callbacks.create(draft(target_id="c22"), check=None)
        app.session.switch_to("c22")
        clock.advance(timedelta(hours=2))
        await app.callbacks.log_attempt(note.id, AttemptOutcome.NOT_REACHED)
        after_attempt = await app.callbacks.my_notes()
        await app.callbacks.log_attempt(note.id, AttemptOutcome.REACHED, "Uitgelegd")
        closed = await app.callbacks.close(note.id, "Scootmobiel komt vrijdag")
        app.session.switch_to("c01")
        created = await app.callbacks.created_notes()
        return after_attempt, closed, created, await app.callbacks.notes_for(closed.assignee)

    after_attempt, closed, created, still_open = run(tmp_path, clock, scenario)
    assert after_attempt[0].status is NoteStatus.OPEN
    assert after_attempt[0].attempt_count == 1
    assert after_attempt[0].attempts[0].outcome is AttemptOutcome.NOT_REACHED
    assert closed.status is NoteStatus.DONE
    assert still_open == []
    # The creator sees that the resident was called back.
    assert created[0].status is NoteStatus.DONE and created[0].attempt_count == 2


def test_reassigning_checks_availability_again(tmp_path, clock):
    async def scenario(app):
        note = await app.callbacks.create(draft(target_id="c22"), check=None)
        with pytest.raises(CallbackFieldErrors):
            await app.callbacks.reassign(note.id, Owner.colleague("c36"))
        moved, check = await app.callbacks.reassign(note.id, Owner.desk("bo_wmo"))
        item = await app.interactions.get(note.id)
        return moved, check, item

    moved, check, item = run(tmp_path, clock, scenario)
    assert moved.assignee == Owner.desk("bo_wmo") and item.owner == Owner.desk("bo_wmo")
    assert check.verdict.kind is VerdictKind.CAN_CALL_BACK


def test_the_creator_is_prompted_when_the_deadline_passes_and_can_escalate(tmp_path, clock):
    async def scenario(app):
        note = await app.callbacks.create(draft(target_id="c22"), check=None)
        before = await app.callbacks.follow_ups_due()
        clock.set(WED_FIVE + timedelta(minutes=1))
        due = await app.callbacks.follow_ups_due()
        escalated = await app.callbacks.answer_follow_up(note.id, FollowUp.ESCALATED)
        after = await app.callbacks.follow_ups_due()
        return note, before, due, escalated, after

    note, before, due, escalated, after = run(tmp_path, clock, scenario)
    assert before == []
    assert [p.note.id for p in due] == [note.id]
    assert due[0].history[0].kind.value == "received"
    assert escalated.assignee.kind is OwnerKind.DESK and escalated.assignee.id == "bo_wmo"
    assert after == []


def test_calling_back_yourself_makes_the_creator_the_owner(tmp_path, clock):
    async def scenario(app):
        note = await app.callbacks.create(draft(target_id="c22"), check=None)
        clock.set(WED_FIVE + timedelta(hours=16))
        return await app.callbacks.answer_follow_up(note.id, FollowUp.SELF), app.inbox.user

    note, user = run(tmp_path, clock, scenario)
    assert note.assignee == Owner.colleague(user.id)


def test_a_draft_survives_a_restart_on_the_same_data_dir(tmp_path, clock):
    typed = draft(summary="Half getypt", source_interaction_id="i-1")
    run(tmp_path, clock, lambda app: app.callbacks.save_draft(typed))
    restored = run(tmp_path, clock, lambda app: app.callbacks.load_draft("i-1"))
    other = run(tmp_path, clock, lambda app: app.callbacks.load_draft(None))
    assert restored == typed
    assert other is None


def test_saving_the_note_removes_its_draft(tmp_path, clock):
    typed = draft(target_id="c22", source_interaction_id=None)

    async def scenario(app):
        await app.callbacks.save_draft(typed)
        await app.callbacks.create(typed, check=None)
        return await app.callbacks.load_draft(None)

    assert run(tmp_path, clock, scenario) is None
