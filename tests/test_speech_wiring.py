"""Speech wired into the console (issue 16): spoken alerts and "Lees voor", with the real engine.

The console is built by the composition root with the real pyttsx3 engine on eSpeak NG,
playing to ALSA's null device. A ringing call, a new chat and an overdue callback note each
get their spoken alert when the user has alerts on (``[speech] alerts``, default off); the
"Lees voor" button under a text box reads it, and without a speech engine it is disabled with
the reason as its tooltip. Without eSpeak NG the engine tests skip here and fail under CI=true.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from console.channels import IncomingContact
from console.config import load_config
from console.config_speech import SpeechConfig
from console.domain.model import Channel
from console.services.alert_watch import OverdueNotesWatch
from console.services.read_aloud import ReadAloud
from integrations.speech import Pyttsx3Speech
from integrations.speech.pyttsx3_speech import NO_ENGINE
from tests.helpers import note_for_myself, running_app, until
from widgets import text_tools
from widgets.dialogs import NoteDialog
from widgets.text_tools import READ_KEY, TextTools

NULL_PLAYER = ("aplay", "-q", "-D", "null")
CALLER = "+31418678513"


@pytest.fixture(scope="module")
def engine_here():
    """The real engine, or a skip (a failure under CI=true) saying what is missing."""
    import asyncio

    async def probe():
        return await Pyttsx3Speech(player=NULL_PLAYER).status()

    status = asyncio.run(probe())
    if not status.available:
        message = f"speech tests need eSpeak NG with a Dutch voice and aplay: {status.reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return status


def test_spoken_alerts_are_off_unless_the_config_turns_them_on(tmp_path):
    path = tmp_path / "kcc.toml"
    path.write_text('mode = "demo"\n', encoding="utf-8")
    assert load_config(path).section("speech") == SpeechConfig(alerts=False)
    path.write_text("[speech]\nalerts = true\nalerts_per_minute = 2\n", encoding="utf-8")
    settings = load_config(path).section("speech")
    assert settings.alerts is True and settings.alerts_per_minute == 2


@pytest.mark.speech
def test_a_ringing_call_a_new_chat_and_a_late_note_are_said(qloop, tmp_path, clock, engine_here):
    async def scenario():
        speech = Pyttsx3Speech(player=NULL_PLAYER)
        async with running_app(tmp_path, clock, speech=speech) as app:
            alerts = app.spoken_alerts
            window = app.window
            window.show()
            toggle = window.spoken_alerts_action
            off = (toggle.isChecked(), alerts.enabled)
            toggle.trigger()  # Beeld → Gesproken meldingen: on
            app.phone.ring(CALLER)
            await until(lambda: alerts.spoken == 1, what="the ringing alert is said")

            clock.advance(timedelta(minutes=2))  # out of the rate limit's window
            await app.intake.deliver(
                "demo",
                IncomingContact(
                    source="demo",
                    channel=Channel.CHAT,
                    desk_id="kcc",
                    reference="chat-speech-1",
                    sender_name="Ayşe",
                    subject="Vraag over afval",
                    text="Wanneer komt de container?",
                ),
            )
            await until(lambda: alerts.spoken == 2, what="the chat alert is said")

            # A note of mine whose deadline passes: said once, not again at the next check.
            await note_for_myself(app)
            watch = OverdueNotesWatch(app.callbacks.my_notes, alerts, clock)
            before = await watch.check()
            clock.advance(timedelta(days=10))
            late = await watch.check()
            await until(lambda: alerts.spoken == 3, what="the late-note alert is said")
            clock.advance(timedelta(minutes=2))
            again = await watch.check()
            return off, alerts.spoken, (before, len(late), again)

    off, spoken, checks = qloop.run_until_complete(scenario())
    assert off == (False, False)  # the default: off
    assert spoken == 3
    assert checks == ([], 1, [])


def _box_with_tools(parent: QWidget) -> tuple[QPlainTextEdit, TextTools]:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    tools = TextTools(box)
    layout = QVBoxLayout(parent)
    layout.addWidget(box)
    layout.addWidget(tools)
    return box, tools


@pytest.mark.speech
def test_lees_voor_reads_the_box_by_keyboard(qloop, tmp_path, clock, engine_here):
    async def scenario():
        speech = Pyttsx3Speech(player=NULL_PLAYER)
        async with running_app(tmp_path, clock, speech=speech) as app:
            window = app.window
            window.show()
            dialog = NoteDialog(window)  # a real dialog over the real window: no key clash
            dialog.show()
            tools = dialog.findChildren(TextTools)[0]
            await until(lambda: tools.read_button.isEnabled(), what="speech is found")
            dialog.editor.setFocus()
            QTest.keyClicks(dialog.editor, "Uw paspoort ligt klaar.")
            QTest.keyClick(
                dialog.editor,
                Qt.Key.Key_V,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )
            started = app.read_aloud.started
            await until(lambda: not app.read_aloud.reading, what="the reading ends")
            await app.read_aloud.tasks.drain()
            tip = tools.read_button.toolTip()
            text = dialog.editor.toPlainText()
            dialog.reject()
            dialog.deleteLater()
            return started, tip, text

    started, tip, text = qloop.run_until_complete(scenario())
    assert started == 1
    assert READ_KEY in tip
    assert text == "Uw paspoort ligt klaar."  # the key typed nothing; reading changes nothing


def test_without_a_speech_engine_lees_voor_is_disabled_with_the_reason(qloop):
    async def scenario():
        service = ReadAloud(Pyttsx3Speech(driver="geen_spraakprogramma", player=NULL_PLAYER))
        text_tools.use_read_aloud(service)
        try:
            parent = QWidget()
            _box, tools = _box_with_tools(parent)
            parent.show()
            await until(lambda: service.known_status is not None, what="speech is checked")
            await until(lambda: NO_ENGINE in tools.read_button.toolTip(), what="the reason")
            enabled = tools.read_button.isEnabled()
            parent.close()
            parent.deleteLater()
            return enabled, tools.read_button.toolTip()
        finally:
            text_tools.use_read_aloud(None)
            await service.aclose()

    enabled, tip = qloop.run_until_complete(scenario())
    assert enabled is False
    assert tip == NO_ENGINE
