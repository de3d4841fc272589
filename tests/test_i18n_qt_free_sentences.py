"""Sentences built in the Qt-free layers reach the screen in the chosen language (issue 16).

The committed English file gets these templates when the lead merges translations, so the test
compiles its own small translation (real ``lrelease``, real ``QTranslator``) with the exact
templates the domain and services mark, and checks what the widgets show: the B1 hint row's
tooltip, the message bar (retention report, search limit, sign-in grace notice), the transfer
warning and a field error. Without the marking these stay Dutch.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QPlainTextEdit

from console import i18n_update, plain_language
from console.domain.audit import PurgeReport
from console.domain.textfold import TRUNCATED_HINT
from console.domain.transfer import HandoverSummary, second_transfer_warning
from console.ports import SecretMissing
from tests.domain.test_transfer import call
from widgets.i18n import show
from widgets.text_tools import TextTools, details_for
from widgets.ui_op import message_for

ENGLISH = {
    ("TextTools", "Deze zin heeft {count} woorden. Maak er twee zinnen van "
     "(hoogstens {maximum} woorden per zin)."):
        "This sentence has {count} words. Make it two sentences (at most {maximum} words).",
    ("TextTools", "'{word}' is ambtelijke taal. Schrijf liever: {alternative}."):
        "'{word}' is officialese. Better write: {alternative}.",
    ("errors", "Bewaartermijn: er waren geen gegevens van vóór {day} om te verwijderen."):
        "Retention period: there was no data from before {day} to remove.",
    ("errors", "Uw zoekvraag is lang: alleen de eerste {terms} woorden (of {chars} tekens) "
     "zijn gebruikt."):
        "Your search is long: only the first {terms} words (or {chars} characters) were used.",
    ("errors", "Let op: deze vraag is al {count} keer doorverbonden. Nog een keer doorverbinden is "
     "vervelend voor de inwoner. Kan deze collega de vraag echt beantwoorden?"):
        "Note: this question has already been transferred {count} times.",
    ("errors", "Schrijf kort waar de vraag over gaat."):
        "Write briefly what the question is about.",
    ("errors", "De toegangssleutel '{name}' ontbreekt. Zet hem met: kcc-console secrets set "
     "{name}"):
        "The access key '{name}' is missing. Set it with: kcc-console secrets set {name}",
}  # fmt: skip

LONG_OFFICIAL = (
    "Derhalve verzoeken wij u om het formulier dat u van ons heeft ontvangen zo snel als "
    "mogelijk ingevuld en ondertekend aan ons te retourneren."
)


@pytest.fixture
def english(qapp, tmp_path):
    contexts: dict[str, list[str]] = {}
    for (context, source), target in ENGLISH.items():
        contexts.setdefault(context, []).append(
            f"<message><source>{escape(source)}</source>"
            f"<translation>{escape(target)}</translation></message>"
        )
    ts = tmp_path / "kcc_test.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en">'
        + "".join(f"<context><name>{c}</name>{''.join(m)}</context>" for c, m in contexts.items())
        + "</TS>",
        encoding="utf-8",
    )
    qm = tmp_path / "kcc_test.qm"
    i18n_update.lrelease(ts, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_b1_hint_details_are_shown_in_english(english):
    report = plain_language.check(LONG_OFFICIAL)
    details = details_for(report)
    assert "'Derhalve' is officialese. Better write: daarom." in details
    assert "This sentence has 24 words. Make it two sentences (at most 15 words)." in details
    assert "ambtelijke taal" not in details and "Deze zin heeft" not in details

    box = QPlainTextEdit()
    tools = TextTools(box, read_aloud=False)
    box.setPlainText(LONG_OFFICIAL)
    tools.recheck()
    assert "'verzoeken' is officialese. Better write: vragen." in tools.hint.toolTip()
    tools.deleteLater()
    box.deleteLater()


def test_the_checker_itself_stays_dutch_for_logs_and_tests(qapp):
    report = plain_language.check(LONG_OFFICIAL)
    hints = [f.hint for f in report.findings]
    assert "'Derhalve' is ambtelijke taal. Schrijf liever: daarom." in hints
    assert (
        "Deze zin heeft 24 woorden. Maak er twee zinnen van (hoogstens 15 woorden per zin)."
    ) in hints


def test_messages_from_domain_and_ports_are_shown_in_english(english):
    nothing = PurgeReport(cutoff=datetime(2026, 6, 7, tzinfo=UTC))
    assert nothing.summary().startswith("Bewaartermijn:")  # Dutch for logs and tests
    assert show(nothing.summary()) == (
        "Retention period: there was no data from before 07-06-2026 to remove."
    )
    assert show(TRUNCATED_HINT).startswith("Your search is long: only the first ")
    warning = second_transfer_warning(call(transfers=2))
    assert warning is not None and "al 2 keer doorverbonden" in warning
    assert show(warning) == "Note: this question has already been transferred 2 times."
    problems = HandoverSummary(who="mevrouw Jansen", what="").problems()
    assert show(problems["what"]) == "Write briefly what the question is about."
    missing = SecretMissing("openklant_token")
    assert "kcc-console secrets set openklant_token" in missing.user_message
    assert message_for(missing) == (
        "The access key 'openklant_token' is missing. "
        "Set it with: kcc-console secrets set openklant_token"
    )
