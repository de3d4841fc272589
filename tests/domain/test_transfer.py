"""The warm-transfer state machine: every transition and every refusal (N4–N6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from console.demo.organisation import DemoOrganisationSource
from console.domain.calendar import WorkingCalendar
from console.domain.errors import InvalidTransition, RuleViolation
from console.domain.model import (
    Channel,
    Direction,
    Interaction,
    Outcome,
    Owner,
    OwnerKind,
    Status,
    TimelineKind,
)
from console.domain.routing import route, search
from console.domain.transfer import (
    FallbackKind,
    HandoverSummary,
    TargetKind,
    TransferRefused,
    TransferState,
    TransferTarget,
    cancel,
    complete,
    fallback,
    fallback_for_refusal,
    prepare,
    referral_mail,
    resident_left,
    start_consult,
)

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_10 = datetime(2026, 12, 1, 10, 0, tzinfo=AMS)
TUESDAY_14 = datetime(2026, 12, 1, 14, 0, tzinfo=AMS)
CAL = WorkingCalendar()
ORG = DemoOrganisationSource().data(now=TUESDAY_10).organisation

SUMMARY = HandoverSummary(
    who="mevrouw L. Pellegrom",
    what="Paspoort kwijt, wil weten of ze een noodpaspoort kan krijgen",
    tried="Website met haar doorgelopen",
    callback_number="+31418678513",
)


def call(**changes) -> Interaction:
    item = Interaction(
        id="call-1",
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        subject="Telefoon",
        question="Paspoort kwijt",
        received_at=TUESDAY_10,
        owner=Owner.colleague("c01"),
        desk_id="kcc",
        status=Status.IN_PROGRESS,
    )
    return replace(item, **changes)


def desk(desk_id: str) -> TransferTarget:
    return TransferTarget.of_desk(ORG.desk(desk_id))


def partner(partner_id: str) -> TransferTarget:
    return TransferTarget.of_partner(ORG.partner(partner_id))


def prepared(target=None, item=None):
    return prepare(
        item or call(),
        target=target or desk("vk_burgerzaken"),
        summary=SUMMARY,
        at=TUESDAY_10,
        calendar=CAL,
    )


# -- prepare ---------------------------------------------------------------------------------


def test_prepare_keeps_target_and_summary_without_warning_on_a_first_transfer():
    transfer = prepared()
    assert transfer.state is TransferState.PREPARED
    assert transfer.target.id == "vk_burgerzaken"
    assert transfer.summary == SUMMARY
    assert transfer.warning is None


def test_second_transfer_of_the_same_question_warns_n5():
    transfer = prepared(item=call(transfers=1))
    assert transfer.warning is not None
    assert "al 1 keer doorverbonden" in transfer.warning


def test_closed_partner_is_refused_with_next_opening_and_referral_offered():
    item = call(received_at=TUESDAY_14)
    with pytest.raises(TransferRefused) as caught:
        prepare(item, target=partner("p_werk"), summary=SUMMARY, at=TUESDAY_14, calendar=CAL)
    refused = caught.value
    assert refused.rule == "N6"
    assert refused.next_open == datetime(2026, 12, 2, 9, 0, tzinfo=AMS)
    assert refused.alternative is FallbackKind.PARTNER_REFERRAL
    assert refused.message == (
        "Werkbedrijf Linge-Waal (demo) is nu gesloten. Weer bereikbaar: morgen om 09:00. "
        "Stuur een doorverwijzing per e-mail met de samenvatting."
    )
    # The alternative is pre-filled with the same summary: nothing is typed twice.
    request = fallback_for_refusal(refused, interaction_id=item.id, summary=SUMMARY)
    assert request.summary == SUMMARY and request.kind is FallbackKind.PARTNER_REFERRAL


def test_closed_desk_is_refused_with_a_callback_note_offered():
    evening = datetime(2026, 12, 1, 18, 0, tzinfo=AMS)
    with pytest.raises(TransferRefused) as caught:
        prepare(call(), target=desk("vk_sociaal"), summary=SUMMARY, at=evening, calendar=CAL)
    assert caught.value.alternative is FallbackKind.CALLBACK_NOTE
    assert "Maak een terugbelnotitie" in caught.value.message


def test_lunch_break_of_a_desk_is_closed_too():
    lunch = datetime(2026, 12, 1, 13, 0, tzinfo=AMS)
    with pytest.raises(TransferRefused) as caught:
        prepare(call(), target=desk("vk_belastingen"), summary=SUMMARY, at=lunch, calendar=CAL)
    assert caught.value.next_open == datetime(2026, 12, 1, 13, 30, tzinfo=AMS)
    assert "vandaag om 13:30" in caught.value.message


def test_prepare_refuses_a_summary_without_question_or_with_a_short_number():
    with pytest.raises(RuleViolation) as caught:
        prepare(
            call(),
            target=desk("vk_burgerzaken"),
            summary=replace(SUMMARY, what="  "),
            at=TUESDAY_10,
            calendar=CAL,
        )
    assert caught.value.message == "Schrijf kort waar de vraag over gaat."
    with pytest.raises(RuleViolation, match="terugbelnummer is te kort"):
        prepare(
            call(),
            target=desk("vk_burgerzaken"),
            summary=replace(SUMMARY, callback_number="0612"),
            at=TUESDAY_10,
            calendar=CAL,
        )


def test_prepare_refuses_a_closed_question():
    with pytest.raises(InvalidTransition):
        prepared(item=call(status=Status.DONE))


def test_colleague_outside_working_hours_is_refused_with_a_callback_note():
    target = TransferTarget.of_colleague(ORG.colleague("c17"))
    with pytest.raises(TransferRefused) as caught:
        prepare(call(), target=target, summary=SUMMARY, at=TUESDAY_10, calendar=CAL)
    assert caught.value.message.startswith("Joke van der Linden werkt nu niet.")
    assert caught.value.alternative is FallbackKind.CALLBACK_NOTE


def test_colleague_without_working_hours_is_always_reachable():
    target = replace(TransferTarget.of_colleague(ORG.colleague("c17")), opening_hours=None)
    evening = datetime(2026, 12, 1, 20, 0, tzinfo=AMS)
    assert prepare(call(), target=target, summary=SUMMARY, at=evening, calendar=CAL).state is (
        TransferState.PREPARED
    )


# -- consult, complete, cancel, resident left, fallback --------------------------------------


def test_consult_then_complete_to_a_desk_moves_ownership_and_counts_the_transfer():
    consulting = start_consult(prepared())
    assert consulting.state is TransferState.CONSULTING
    done, change = complete(consulting, call(), by="c01", at=TUESDAY_10)
    assert done.state is TransferState.COMPLETED and done.is_finished
    moved = change.interaction
    assert moved.owner == Owner.desk("vk_burgerzaken")
    assert moved.desk_id == "vk_burgerzaken"
    assert moved.status is Status.TRANSFERRED
    assert moved.transfers == 1
    assert [(c.old, c.new) for c in change.status_changes] == [
        (Status.IN_PROGRESS, Status.TRANSFERRED)
    ]
    assert change.timeline[0].kind is TimelineKind.TRANSFERRED
    assert "Wie: mevrouw L. Pellegrom" in change.timeline[0].text


def test_complete_to_a_colleague_makes_the_colleague_owner():
    target = TransferTarget.of_colleague(ORG.colleague("c18"))
    consulting = start_consult(prepared(target=target))
    _, change = complete(consulting, call(transfers=1), by="c01", at=TUESDAY_10)
    assert change.interaction.owner == Owner.colleague("c18")
    assert change.interaction.owner.kind is OwnerKind.COLLEAGUE
    assert change.interaction.transfers == 2


def test_complete_to_a_partner_closes_as_referred_by_the_agent():
    consulting = start_consult(prepared(target=partner("p_afval")))
    _, change = complete(consulting, call(), by="c01", at=TUESDAY_10)
    assert change.interaction.status is Status.DONE
    assert change.interaction.outcome is Outcome.REFERRED_TO_PARTNER
    assert change.interaction.owner == Owner.colleague("c01")


def test_complete_without_consult_is_refused():
    with pytest.raises(InvalidTransition, match="Doorverbinden kan nu niet"):
        complete(prepared(), call(), by="c01", at=TUESDAY_10)


def test_complete_refuses_another_or_closed_question():
    consulting = start_consult(prepared())
    with pytest.raises(InvalidTransition):
        complete(consulting, call(status=Status.DONE), by="c01", at=TUESDAY_10)
    with pytest.raises(Exception, match="andere vraag"):
        complete(consulting, call(id="other"), by="c01", at=TUESDAY_10)


def test_cancel_goes_back_to_the_resident_and_may_consult_again():
    cancelled = cancel(start_consult(prepared()), reason="Niet opgenomen")
    assert cancelled.state is TransferState.CANCELLED and cancelled.reason == "Niet opgenomen"
    assert start_consult(cancelled).state is TransferState.CONSULTING
    assert cancel(prepared()).state is TransferState.CANCELLED


def test_cancel_twice_or_after_completion_is_refused():
    cancelled = cancel(start_consult(prepared()))
    with pytest.raises(InvalidTransition):
        cancel(cancelled)
    done, _ = complete(start_consult(prepared()), call(), by="c01", at=TUESDAY_10)
    with pytest.raises(InvalidTransition):
        cancel(done)
    with pytest.raises(InvalidTransition):
        start_consult(done)


def test_fallback_after_cancel_prefills_a_callback_note_with_the_summary():
    cancelled = cancel(start_consult(prepared()), reason="Niet opgenomen")
    finished, request = fallback(cancelled, reason="Niet opgenomen")
    assert finished.state is TransferState.FALLBACK and finished.is_finished
    assert request.kind is FallbackKind.CALLBACK_NOTE
    assert request.summary == SUMMARY
    assert request.desk_id == "vk_burgerzaken"
    assert request.interaction_id == "call-1"
    with pytest.raises(InvalidTransition):
        fallback(finished, reason="again")


def test_fallback_for_a_partner_is_a_referral_mail_in_plain_dutch():
    _, request = fallback(start_consult(prepared(target=partner("p_afval"))), reason="bezet")
    mail = referral_mail(request, agent_name="Sanne de Boer")
    assert mail.to == "klantenservice@afvalservice-lingeland.example"
    assert "Wilt u deze inwoner zelf bellen?" in mail.body
    assert SUMMARY.text() in mail.body
    _, note = fallback(prepared(), reason="x")
    with pytest.raises(Exception, match="alleen voor partnerorganisaties"):
        referral_mail(note, agent_name="Sanne de Boer")


def test_resident_hanging_up_during_consult_allows_only_fallback():
    left = resident_left(start_consult(prepared()))
    assert left.state is TransferState.RESIDENT_LEFT
    with pytest.raises(InvalidTransition):
        complete(left, call(), by="c01", at=TUESDAY_10)
    with pytest.raises(InvalidTransition):
        cancel(left)
    with pytest.raises(InvalidTransition):
        start_consult(left)
    finished, request = fallback(left, reason=left.reason)
    assert finished.state is TransferState.FALLBACK and request.summary == SUMMARY
    done, _ = complete(start_consult(prepared()), call(), by="c01", at=TUESDAY_10)
    with pytest.raises(InvalidTransition):
        resident_left(done)


def test_summary_text_has_who_what_tried_and_number():
    assert SUMMARY.text().splitlines() == [
        "Wie: mevrouw L. Pellegrom",
        "Vraag: Paspoort kwijt, wil weten of ze een noodpaspoort kan krijgen",
        "Al geprobeerd: Website met haar doorgelopen",
        "Terugbelnummer: +31418678513",
    ]
    assert "Terugbelnummer: onbekend" in replace(SUMMARY, callback_number="").text()


# -- routing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paspoort", "vk_burgerzaken"),
        ("pasp", "vk_burgerzaken"),
        ("bijstand", "vk_sociaal"),
        ("afval", "p_afval"),
        ("Grofvuil", "p_afval"),
        ("kapvergunning", "vk_omgeving"),
    ],
)
def test_router_sends_topics_to_the_right_desk_or_partner(text, expected):
    assert route(ORG, text).id == expected


def test_type_ahead_finds_people_by_name_and_ignores_accents():
    found = search(ORG, "yildiz")
    assert found[0].target.kind is TargetKind.COLLEAGUE and found[0].target.id == "c05"
    assert search(ORG, "werkbedrijf")[0].target.id == "p_werk"
    assert search(ORG, "zzzz-nothing") == []
    assert len(search(ORG, "")) == len(ORG.desks) + len(ORG.partners) + len(ORG.colleagues)


def test_open_now_per_target():
    werk = partner("p_werk")
    assert werk.open_at(TUESDAY_10, CAL)
    assert not werk.open_at(TUESDAY_14, CAL)
    assert werk.next_open(TUESDAY_14, CAL).time() == time(9, 0)
