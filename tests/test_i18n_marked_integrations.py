"""Sentences born in the adapters reach the window in English when English is chosen (issue 16).

The English ``.qm`` is merged by the lead later, so these tests install a translator that
knows just these templates (a real ``QTranslator``, asked by Qt like the one from the file) and
check the user-visible result: the whole sentence translated, the parameters filled in. In
Dutch nothing changes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from integrations.availability_shared import unknown
from integrations.caldav import adapter as caldav_adapter
from integrations.mail.parse import parse_mail
from offline_cache.channels import warnings_from_json, warnings_to_json

ENGLISH = {
    "Agenda onbekend: {reason} {what_now}": "Agenda unknown: {reason} {what_now}",
    "de agendaserver gaf een fout (code {code}).": "the agenda server gave an error (code {code}).",
    "U kunt de notitie toch opslaan: schrijf dan waarom.": "You can still save the note: "
    "then write why.",
    "Let op: de afzender is misschien niet echt. Het bericht zegt dat het van {address} "
    "komt, maar het is verstuurd via {domain}. Vraag niet om persoonlijke gegevens via dit "
    "adres.": "Note: the sender may not be genuine. It says it comes from {address}, but it "
    "was sent via {domain}.",
    "Dit bericht is erg lang. De console toont het begin.": "This message is very long.",
}


class _Known(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return ENGLISH.get(source, "") if context == "errors" else ""


@pytest.fixture
def english(qapp):
    translator = _Known()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


SPOOFED = (
    b"From: Gemeente Helpdesk <helpdesk@westbetuwe.nl>\r\n"
    b"Return-Path: <bounce@elders.example>\r\n"
    b"To: kcc@westbetuwe.nl\r\n"
    b"Subject: Uw paspoort\r\n"
    b"Message-ID: <a1@elders.example>\r\n"
    b"\r\n"
    b"Klik hier.\r\n"
)


def test_a_stored_sender_warning_is_shown_in_english_with_the_addresses(english):
    from widgets.i18n import show

    contact = parse_mail(SPOOFED, source="mail", desk_id="kcc")
    stored = warnings_from_json(warnings_to_json(contact.warnings))

    shown = [show(w) for w in stored]
    assert (
        "Note: the sender may not be genuine. It says it comes from helpdesk@westbetuwe.nl, "
        "but it was sent via elders.example." in shown
    )


def test_stored_warnings_stay_the_same_dutch_and_old_rows_still_read(qapp):
    contact = parse_mail(SPOOFED, source="mail", desk_id="kcc")
    stored = warnings_from_json(warnings_to_json(contact.warnings))
    assert list(stored) == list(contact.warnings)
    assert any("via elders.example" in w for w in stored)
    # A row written before warnings kept their Text: plain Dutch strings come back as they are.
    assert warnings_from_json('["Dit bericht is erg lang. De console toont het begin."]') == (
        "Dit bericht is erg lang. De console toont het begin.",
    )


def test_an_unknown_agenda_with_a_server_code_is_one_english_sentence(english):
    from widgets.ui_op import message_for

    failure = unknown(caldav_adapter.Text("errors", caldav_adapter._SERVER_ERROR, {"code": 502}))

    assert message_for(failure) == (
        "Agenda unknown: the agenda server gave an error (code 502). "
        "You can still save the note: then write why."
    )


def test_an_unknown_agenda_stays_dutch_in_dutch(qapp):
    failure = unknown(caldav_adapter._GONE)
    assert failure.message == (
        "Agenda onbekend: de agenda van deze collega bestaat niet (meer). "
        "U kunt de notitie toch opslaan: schrijf dan waarom."
    )
