"""Speech through the real engine (pyttsx3 on eSpeak NG): Dutch WAV files that hold speech,
playback errors told in Dutch, and spoken alerts that keep to their rate limit.

Playback goes to ALSA's null device (``aplay -D null``), a real player on a machine without a
sound card. Without eSpeak NG the tests skip on a developer's machine and fail under CI=true
(``.ci/setup`` installs libespeak-ng1 and alsa-utils).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import wave
from array import array
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.clock import FakeClock
from console.ports import SpeechUnavailable
from console.services.spoken_alerts import AlertKind, SpokenAlerts
from console.services.tasks import TaskGroup
from integrations.speech import Pyttsx3Speech
from integrations.speech.pyttsx3_speech import NO_ENGINE, NO_PLAYER, NO_SOUND

pytestmark = pytest.mark.speech
NULL_PLAYER = ("aplay", "-q", "-D", "null")
START = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def engine_here():
    """The real engine, or a skip (a failure under CI=true) saying what is missing."""

    async def probe():
        speech = Pyttsx3Speech(player=NULL_PLAYER)
        try:
            return await speech.status()
        finally:
            await speech.aclose()

    status = run(probe())
    if not status.available:
        message = f"speech tests need eSpeak NG with a Dutch voice and aplay: {status.reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return status


def wav_facts(path: Path) -> tuple[float, float, int]:
    """(seconds, RMS of the samples, sample rate) of a 16-bit mono WAV."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        frames = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    samples = array("h", frames)
    rms = (sum(s * s for s in samples) / max(len(samples), 1)) ** 0.5
    return len(samples) / rate, rms, rate


def render(text: str, path: Path, **options) -> None:
    async def go():
        speech = Pyttsx3Speech(player=NULL_PLAYER, **options)
        try:
            await speech.render_to_file(text, path)
        finally:
            await speech.aclose()

    run(go())


def test_the_dutch_voice_is_chosen(engine_here):
    assert engine_here.voice == "gmw/nl"


def test_speech_renders_to_a_wav_file_that_holds_speech_of_plausible_length(engine_here, tmp_path):
    short, long = tmp_path / "kort.wav", tmp_path / "lang.wav"
    render("Er belt iemand. Neem de telefoon op.", short)
    render(
        "Er belt iemand. Neem de telefoon op. Uw paspoort ligt klaar bij de balie in "
        "Geldermalsen. Neem uw oude paspoort mee als u het komt ophalen.",
        long,
    )
    seconds, rms, rate = wav_facts(short)
    assert rate >= 8000
    # Seven words at a calm pace: between one and six seconds, not a click, not a minute.
    assert 1.0 <= seconds <= 6.0, seconds
    assert rms > 500, rms  # speech, not silence (silence is 0; 16-bit full scale is 32767)
    long_seconds, long_rms, _ = wav_facts(long)
    assert long_seconds > 2 * seconds and long_rms > 500


def test_speaking_plays_the_speech_and_returns(engine_here):
    async def go():
        speech = Pyttsx3Speech(player=NULL_PLAYER)
        try:
            await speech.speak("Er wacht een chat.")
        finally:
            await speech.aclose()

    run(go())


@pytest.mark.skipif(shutil.which("false") is None, reason="needs the 'false' program")
def test_no_sound_output_is_told_in_dutch(engine_here):
    async def go():
        speech = Pyttsx3Speech(player=("false",))  # a player that fails, like aplay without card
        try:
            with pytest.raises(SpeechUnavailable) as failed:
                await speech.speak("Hallo")
            return failed.value.user_message
        finally:
            await speech.aclose()

    assert run(go()) == NO_SOUND


def test_no_speech_engine_is_reported_unavailable_with_the_reason(tmp_path):
    async def go():
        speech = Pyttsx3Speech(driver="geen_spraakprogramma", player=NULL_PLAYER)
        try:
            status = await speech.status()
            with pytest.raises(SpeechUnavailable) as failed:
                await speech.render_to_file("Hallo", tmp_path / "x.wav")
            return status, failed.value.user_message
        finally:
            await speech.aclose()

    status, message = run(go())
    assert status.available is False and status.reason == NO_ENGINE == message
    assert "Voorlezen kan niet" in message
    assert not (tmp_path / "x.wav").exists()


def test_a_missing_player_is_reported_unavailable(engine_here):
    async def go():
        speech = Pyttsx3Speech(player=("kcc-geen-speler",))
        try:
            return await speech.status()
        finally:
            await speech.aclose()

    status = run(go())
    assert status.available is False and status.reason == NO_PLAYER


# -- spoken alerts -------------------------------------------------------------------------------


def test_spoken_alerts_keep_to_their_rate_limit(engine_here):
    async def go():
        clock = FakeClock(START)
        speech = Pyttsx3Speech(player=NULL_PLAYER)
        alerts = SpokenAlerts(
            speech, clock, tasks=TaskGroup(), per_kind=timedelta(seconds=30), per_minute=3
        )
        said = []
        try:
            said.append(alerts.alert(AlertKind.CALL_RINGING))  # off by default
            alerts.set_enabled(True)
            said.append(alerts.alert(AlertKind.CALL_RINGING))  # said
            said.append(alerts.alert(AlertKind.CHAT_WAITING))  # dropped: one is being said
            await alerts.wait_idle()
            clock.advance(timedelta(seconds=10))
            said.append(alerts.alert(AlertKind.CALL_RINGING))  # dropped: same kind within 30 s
            said.append(alerts.alert(AlertKind.CHAT_WAITING))  # said
            await alerts.wait_idle()
            clock.advance(timedelta(seconds=25))
            said.append(alerts.alert(AlertKind.CALL_RINGING))  # said (35 s after the first)
            await alerts.wait_idle()
            clock.advance(timedelta(seconds=5))
            said.append(alerts.alert(AlertKind.NOTE_OVERDUE))  # dropped: 3 within a minute
            clock.advance(timedelta(seconds=21))
            said.append(alerts.alert(AlertKind.NOTE_OVERDUE))  # said: the first left the minute
            await alerts.wait_idle()
            return said, alerts.spoken
        finally:
            await alerts.tasks.aclose()
            await speech.aclose()

    said, spoken = run(go())
    assert said == [False, True, False, False, True, True, False, True]
    assert spoken == 4


def test_alerts_without_speech_tell_the_reason_once_and_stop():
    async def go():
        clock = FakeClock(START)
        speech = Pyttsx3Speech(driver="geen_spraakprogramma", player=NULL_PLAYER)
        tasks = TaskGroup()
        told: list[str] = []
        tasks.on_error(told.append)
        alerts = SpokenAlerts(speech, clock, tasks=tasks, enabled=True)
        try:
            first = alerts.alert(AlertKind.CALL_RINGING)
            await alerts.wait_idle()  # the task group's done-callback ran first
            clock.advance(timedelta(minutes=5))
            later = alerts.alert(AlertKind.CALL_RINGING)
            return first, later, told, alerts.unavailable_reason
        finally:
            await tasks.aclose()
            await speech.aclose()

    first, later, told, reason = run(go())
    assert first is True and later is False
    assert told == [NO_ENGINE] and reason == NO_ENGINE
