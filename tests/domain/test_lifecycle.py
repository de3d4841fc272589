"""Take, hand back, note and close an interaction, keeping one owner at all times (N4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from console.domain.errors import InvalidTransition, RuleViolation
from console.domain.lifecycle import add_note, close, hand_back, received, take
from console.domain.model import (
    ALLOWED_TRANSITIONS,
    OPEN_STATUSES,
    Channel,
    Direction,
    Interaction,
    Outcome,
    Owner,
    OwnerKind,
    Status,
    StatusChange,
    TimelineEntry,
    TimelineKind,
)

AMS = ZoneInfo("Europe/Amsterdam")
RECEIVED = datetime(2026, 12, 1, 9, 0, tzinfo=AMS)
LATER = datetime(2026, 12, 1, 9, 5, tzinfo=AMS)
LATEST = datetime(2026, 12, 1, 9, 20, tzinfo=AMS)


def new_item(**changes) -> Interaction:
    item = Interaction(
        id="int-1",
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        subject="Paspoort aanvragen",
        question="Wanneer kan ik mijn paspoort ophalen?",
        received_at=RECEIVED,
        owner=Owner.desk("kcc"),
        desk_id="kcc",
        created_by="anouk",
    )
    return replace(item, **changes)


def taken_by(colleague_id: str) -> Interaction:
    return take(new_item(), colleague_id=colleague_id, at=LATER).interaction


# -- N4: exactly one owner ---------------------------------------------------------------------


@pytest.mark.parametrize("make", [Owner.desk, Owner.colleague, lambda i: Owner(OwnerKind.DESK, i)])
def test_an_owner_without_an_id_is_refused(make):
    with pytest.raises(RuleViolation, match="precies één eigenaar") as raised:
        make("")
    assert raised.value.rule == "N4"


def test_an_interaction_cannot_be_made_without_an_owner():
    with pytest.raises(TypeError):
        Interaction(  # type: ignore[call-arg]
            id="int-1",
            channel=Channel.PHONE,
            direction=Direction.INBOUND,
            subject="",
            question="",
            received_at=RECEIVED,
            desk_id="kcc",
        )


# -- received ----------------------------------------------------------------------------------


def test_received_records_the_first_status_and_a_received_entry():
    change = received(new_item())
    assert change.status_changes == (StatusChange(RECEIVED, "anouk", None, Status.NEW),)
    assert change.timeline == (TimelineEntry("int-1", RECEIVED, "anouk", TimelineKind.RECEIVED),)


def test_received_without_a_creator_is_recorded_by_the_system():
    change = received(new_item(created_by=None))
    assert change.status_changes[0].by == "systeem"
    assert change.timeline[0].actor == "systeem"


# -- take --------------------------------------------------------------------------------------


def test_take_makes_the_colleague_owner_and_starts_the_work():
    change = take(new_item(), colleague_id="bram", at=LATER)
    assert change.interaction.owner == Owner.colleague("bram")
    assert change.interaction.status is Status.IN_PROGRESS
    assert change.interaction.updated_at == LATER
    assert change.status_changes == (StatusChange(LATER, "bram", Status.NEW, Status.IN_PROGRESS),)
    assert change.timeline == (TimelineEntry("int-1", LATER, "bram", TimelineKind.TAKEN),)


def test_taking_twice_by_the_same_colleague_changes_nothing():
    item = taken_by("bram")
    change = take(item, colleague_id="bram", at=LATEST)
    assert change.interaction == item
    assert change.status_changes == ()
    assert change.timeline == ()


def test_another_colleague_can_take_over_without_a_status_change():
    change = take(taken_by("bram"), colleague_id="carla", at=LATEST)
    assert change.interaction.owner == Owner.colleague("carla")
    assert change.status_changes == ()
    assert change.timeline == (TimelineEntry("int-1", LATEST, "carla", TimelineKind.TAKEN),)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES - {Status.IN_PROGRESS}))
def test_take_from_any_other_open_status_moves_to_in_progress(status):
    change = take(new_item(status=status), colleague_id="bram", at=LATER)
    assert change.status_changes == (StatusChange(LATER, "bram", status, Status.IN_PROGRESS),)


def test_a_closed_question_cannot_be_taken():
    with pytest.raises(InvalidTransition, match="al afgehandeld"):
        take(new_item(status=Status.DONE), colleague_id="bram", at=LATER)


# -- hand back ---------------------------------------------------------------------------------


def test_hand_back_by_the_owner_returns_the_question_to_the_desk():
    change = hand_back(taken_by("bram"), colleague_id="bram", at=LATEST, reason="  geen tijd ")
    assert change.interaction.owner == Owner.desk("kcc")
    assert change.interaction.status is Status.NEW
    assert change.status_changes == (StatusChange(LATEST, "bram", Status.IN_PROGRESS, Status.NEW),)
    assert change.timeline == (
        TimelineEntry("int-1", LATEST, "bram", TimelineKind.HANDED_BACK, "geen tijd"),
    )


def test_hand_back_by_someone_who_is_not_the_owner_is_refused():
    with pytest.raises(RuleViolation, match="Alleen de eigenaar") as raised:
        hand_back(taken_by("bram"), colleague_id="carla", at=LATEST)
    assert raised.value.rule == "N4"


def test_a_question_the_desk_owns_cannot_be_handed_back():
    with pytest.raises(RuleViolation) as raised:
        hand_back(new_item(), colleague_id="bram", at=LATEST)
    assert raised.value.rule == "N4"


def test_a_closed_question_cannot_be_handed_back():
    item = replace(taken_by("bram"), status=Status.DONE)
    with pytest.raises(InvalidTransition):
        hand_back(item, colleague_id="bram", at=LATEST)


# -- notes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_note_is_refused(text):
    with pytest.raises(RuleViolation) as raised:
        add_note(new_item(), colleague_id="bram", text=text, at=LATER)
    assert raised.value.message == "Schrijf eerst een notitie."


def test_a_note_over_1000_characters_is_refused_with_its_length():
    with pytest.raises(RuleViolation) as raised:
        add_note(new_item(), colleague_id="bram", text="a" * 1001, at=LATER)
    assert raised.value.message == "Een notitie is maximaal 1000 tekens (nu 1001)."


def test_a_note_of_exactly_1000_characters_is_accepted():
    change = add_note(new_item(), colleague_id="bram", text="a" * 1000, at=LATER)
    assert change.timeline == (
        TimelineEntry("int-1", LATER, "bram", TimelineKind.NOTE, "a" * 1000),
    )


def test_a_note_is_trimmed_and_leaves_owner_and_status_alone():
    item = new_item()
    change = add_note(item, colleague_id="bram", text="  Belt morgen terug.  ", at=LATER)
    assert change.timeline[0].text == "Belt morgen terug."
    assert change.interaction == replace(item, updated_at=LATER)
    assert change.status_changes == ()


# -- close -------------------------------------------------------------------------------------


def test_closing_a_desk_owned_question_records_taken_then_closed():
    change = close(
        new_item(), colleague_id="bram", outcome=Outcome.ANSWERED, at=LATER, note=" Uitgelegd "
    )
    assert change.status_changes == (
        StatusChange(LATER, "bram", Status.NEW, Status.IN_PROGRESS),
        StatusChange(LATER, "bram", Status.IN_PROGRESS, Status.DONE),
    )
    assert change.timeline == (
        TimelineEntry("int-1", LATER, "bram", TimelineKind.TAKEN),
        TimelineEntry("int-1", LATER, "bram", TimelineKind.CLOSED, "Beantwoord: Uitgelegd"),
    )


def test_closing_sets_outcome_closed_at_and_the_closer_as_owner():
    done = close(new_item(), colleague_id="bram", outcome=Outcome.TRANSFERRED, at=LATER).interaction
    assert done.status is Status.DONE
    assert done.outcome is Outcome.TRANSFERRED
    assert done.closed_at == LATER
    assert done.owner == Owner.colleague("bram")
    assert not done.is_open


def test_the_owner_closes_without_a_second_taken_entry():
    change = close(taken_by("bram"), colleague_id="bram", outcome=Outcome.ANSWERED, at=LATEST)
    assert change.status_changes == (StatusChange(LATEST, "bram", Status.IN_PROGRESS, Status.DONE),)
    assert change.timeline == (
        TimelineEntry("int-1", LATEST, "bram", TimelineKind.CLOSED, "Beantwoord"),
    )


def test_closing_someone_elses_question_takes_it_over_first():
    change = close(taken_by("bram"), colleague_id="carla", outcome=Outcome.ANSWERED, at=LATEST)
    assert [e.kind for e in change.timeline] == [TimelineKind.TAKEN, TimelineKind.CLOSED]
    assert change.interaction.owner == Owner.colleague("carla")


def test_closing_a_closed_question_is_refused():
    done = close(new_item(), colleague_id="bram", outcome=Outcome.ANSWERED, at=LATER).interaction
    with pytest.raises(InvalidTransition) as raised:
        close(done, colleague_id="bram", outcome=Outcome.ANSWERED, at=LATEST)
    assert raised.value.message == "Deze vraag is al afgehandeld."


# -- allowed transitions -----------------------------------------------------------------------


def test_every_status_has_an_entry_in_allowed_transitions():
    assert set(ALLOWED_TRANSITIONS) == set(Status)


def test_done_is_final():
    assert ALLOWED_TRANSITIONS[Status.DONE] == frozenset()
    assert OPEN_STATUSES == set(Status) - {Status.DONE}


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_every_open_status_can_be_closed_and_never_moves_to_itself(status):
    assert Status.DONE in ALLOWED_TRANSITIONS[status]
    assert status not in ALLOWED_TRANSITIONS[status]


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES - {Status.NEW}))
def test_every_open_status_but_new_can_be_handed_back_to_new(status):
    assert Status.NEW in ALLOWED_TRANSITIONS[status]
    item = new_item(status=status, owner=Owner.colleague("bram"))
    change = hand_back(item, colleague_id="bram", at=LATER)
    assert change.status_changes == (StatusChange(LATER, "bram", status, Status.NEW),)
