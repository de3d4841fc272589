"""The availability card with a real source: Microsoft Graph (the local Graph test server).

Through the real composition root and the callback dialog, as an agent uses it: the card says
which source answered and how fresh it is; with the source down or stalled the card says
"onbekend" with the reason within the dialog's time limit, and the note can still be saved —
to the desk as advised, or to the colleague with a reason.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.demo.organisation import DemoOrganisationSource
from console.domain.model import Channel, Owner
from integrations.graph.adapter import GraphAvailabilitySource
from integrations.graph.client import GraphClient
from tests.graph_server import TOKEN, GraphServer, Person
from tests.helpers import running_app, signal_until

CTRL = Qt.KeyboardModifier.ControlModifier


def _object_id(n: int) -> str:
    return f"10000000-0000-4000-8000-{n:012d}"


@pytest.fixture
def demo_graph(clock):
    """A Graph server that knows every demo colleague; Bram Verhoeven (c02) is out of office."""
    organisation = DemoOrganisationSource().data(now=clock.now()).organisation
    server = GraphServer().start()
    for n, colleague in enumerate(organisation.colleagues):
        if not colleague.email:
            continue
        person = server.add(Person(object_id=_object_id(n), email=colleague.email))
        if colleague.id == "c02":
            person.availability, person.activity = "Away", "OutOfOffice"
            person.out_of_office = True
            person.message = (
                "<p>Ik ben afwezig.</p><p>Dringend? Mail mijn collega "
                "<a href='mailto:h.blom@westbetuwe.example'>Hanneke Blom</a> "
                "(h.blom@westbetuwe.example).</p>"
            )
    yield server, organisation
    server.stop()
    assert not server.violations, server.violations


def _source(server: GraphServer, organisation, clock, url: str | None = None):
    async def token() -> str:
        return TOKEN

    client = GraphClient(base_url=url or server.url, token=token, timeout=5.0)
    return GraphAvailabilitySource(
        organisation,
        client,
        object_ids={c.id: _object_id(n) for n, c in enumerate(organisation.colleagues)},
        now=clock.now,
    )


async def _dialog(app):
    window = app.window
    window.show()
    item = await app.simulator.produce_one(channel=Channel.MAIL)
    await signal_until(window.model.refreshed, lambda: window.model.row_of(item.id) is not None)
    window.select_id(item.id)
    QTest.keyClick(window, Qt.Key.Key_T, CTRL)
    await app.callbacks.tasks.drain()
    dialog = app.callback_ui.dialog
    await signal_until(dialog.restored, lambda: dialog.name.text() != "")
    dialog.summary.setPlainText("Vraag over de Wmo-aanvraag, graag terugbellen.")
    return dialog


async def _pick(dialog, typed: str, expected: Owner) -> None:
    dialog.picker.edit.setFocus()
    dialog.picker.edit.clear()
    QTest.keyClicks(dialog.picker.edit, typed)
    dialog.picker.completer.popup().hide()
    QTest.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
    await signal_until(
        dialog.picker.checked,
        lambda: dialog.picker.check is not None and dialog.picker.check.target == expected,
    )


async def _save(app, dialog) -> None:
    QTest.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
    await app.callbacks.tasks.drain()


def _card(dialog) -> dict[str, str]:
    card = dialog.picker.card
    return {
        name: getattr(card, name).text() if getattr(card, name).isVisibleTo(card) else ""
        for name in ("title", "presence", "absence", "replacement", "verdict", "source")
    }


def test_the_card_names_microsoft_365_and_when_it_answered(qloop, tmp_path, clock, demo_graph):
    server, organisation = demo_graph
    source = _source(server, organisation, clock)

    async def scenario():
        async with running_app(tmp_path, clock, availability=source) as app:
            try:
                dialog = await _dialog(app)
                await _pick(dialog, "Bram Verh", Owner.colleague("c02"))
                first = _card(dialog)
                trips = server.round_trips
                clock.advance(timedelta(seconds=40))
                QTest.keyClick(dialog.summary, Qt.Key.Key_F4)  # the advice: the replacement
                await signal_until(
                    dialog.picker.checked,
                    lambda: (
                        dialog.picker.check is not None
                        and dialog.picker.check.target == Owner.colleague("c22")
                    ),
                )
                second = _card(dialog)
                await _save(app, dialog)
                return first, second, trips, server.round_trips, dialog.saved_note
            finally:
                await source.aclose()

    first, second, trips, later_trips, note = qloop.run_until_complete(scenario())
    assert first["presence"] == "Status: Afwezig"
    assert first["replacement"] == "Vervanger: Hanneke Blom"
    # Automatic replies on, no agenda item: away for as far as the look went (the deadline).
    assert first["absence"] == "Afwezig tot en met wo 2 dec"
    assert first["verdict"].startswith(
        "Advies: stuur naar de vervanger\nBram Verhoeven is afwezig tot en met 2 december. "
        "Vervanger Hanneke Blom kan vandaag nog terugbellen."
    )
    assert first["source"] == "Bron: Microsoft 365, bijgewerkt om 10:00"
    assert trips == 1  # Bram's whole desk (Hanneke too) in one request
    assert later_trips == 1  # the second look, 40 s later, came from the cache
    assert second["source"] == "Bron: Microsoft 365, bijgewerkt om 10:00"  # and says so
    assert note is not None and note.assignee == Owner.colleague("c22")


def test_with_graph_down_the_card_says_onbekend_and_the_note_goes_to_the_desk(
    qloop, tmp_path, clock, demo_graph
):
    server, organisation = demo_graph
    url = server.url
    server.stop()  # nothing listens there any more: connection refused
    source = _source(server, organisation, clock, url=url)

    async def scenario():
        async with running_app(tmp_path, clock, availability=source) as app:
            try:
                dialog = await _dialog(app)
                await _pick(dialog, "Hanneke", Owner.colleague("c22"))
                card = _card(dialog)
                await _save(app, dialog)
                refused = dialog.error_text("override_reason")
                await _pick(dialog, "Team Wmo", Owner.desk("bo_wmo"))
                await _save(app, dialog)
                return card, refused, dialog.saved_note
            finally:
                await source.aclose()

    card, refused, note = qloop.run_until_complete(scenario())
    assert card["title"] == "Hanneke Blom"
    assert card["presence"] == "Status: onbekend"
    assert card["verdict"].startswith(
        "Agenda onbekend: Microsoft 365 is nu niet bereikbaar. U kunt de notitie toch"
    )
    assert card["source"] == ""  # no answer, so no source to name
    assert refused.startswith("De agenda kon niet worden gecontroleerd.")
    assert note is not None and note.assignee == Owner.desk("bo_wmo")


def test_with_graph_stalling_the_card_says_onbekend_in_time_and_a_reason_saves_it(
    qloop, tmp_path, clock, demo_graph
):
    server, organisation = demo_graph
    server.stall = True  # accepts the request, never answers
    source = _source(server, organisation, clock)

    async def scenario():
        async with running_app(
            tmp_path, clock, availability=source, availability_timeout=0.3
        ) as app:
            try:
                dialog = await _dialog(app)
                await _pick(dialog, "Hanneke", Owner.colleague("c22"))
                card = _card(dialog)
                dialog.picker.override.setText("Hanneke zit naast mij en belt vandaag terug")
                await _save(app, dialog)
                return card, dialog.saved_note
            finally:
                await source.aclose()

    card, note = qloop.run_until_complete(scenario())
    assert card["presence"] == "Status: onbekend"
    assert card["verdict"].startswith("De agenda van deze collega is nu niet op te vragen")
    assert note is not None and note.assignee == Owner.colleague("c22")
    assert note.override_reason.startswith("Hanneke zit naast mij")
