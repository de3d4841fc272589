"""``console.ports.Speech`` on pyttsx3 (eSpeak NG on Linux, SAPI5 on Windows, NSSpeech on macOS).

Threading: the pyttsx3 engine is not thread-safe and its ``runAndWait`` blocks, so one private
thread ("kcc-speech") owns it: it is created there on first use and every call runs there. The
event loop only awaits. eSpeak NG is process-global (pyttsx3 initialises it once and a second
engine's clean-up unhooks the first one's audio), so there is ONE engine and one thread per
process, shared by every ``Pyttsx3Speech`` and kept until the process ends.

Playback is a separate step (``aplay``/``afplay`` as a subprocess, ``winsound`` on Windows),
so a missing sound card is reported instead of swallowed: pyttsx3's own eSpeak playback ignores
a failing ``aplay``.

No engine (libespeak-ng1 missing), no Dutch voice, or no sound output → ``SpeechUnavailable``
with a Dutch reason; ``status()`` reports the same without raising. Nothing spoken is logged
(it may hold personal data).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sys
import tempfile
import threading
import wave
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from console.i18n import QT_TRANSLATE_NOOP
from console.ports import SpeechStatus, SpeechUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

DUTCH_VOICE = "gmw/nl"  # eSpeak NG's Dutch voice
NO_ENGINE = QT_TRANSLATE_NOOP(
    "errors",
    "Voorlezen kan niet: er is geen spraakprogramma op deze computer. Vraag de servicedesk om "
    "eSpeak NG te installeren (Debian: sudo apt-get install libespeak-ng1).",
)
NO_DUTCH_VOICE = QT_TRANSLATE_NOOP(
    "errors",
    "Voorlezen kan niet: er is geen Nederlandse stem op deze computer. Vraag de servicedesk om "
    "een Nederlandse stem te installeren.",
)
NO_SOUND = QT_TRANSLATE_NOOP(
    "errors",
    "Voorlezen kan niet: deze computer heeft geen geluid (geen geluidskaart of luidspreker "
    "gevonden). Controleer of de koptelefoon is aangesloten.",
)
NO_PLAYER = QT_TRANSLATE_NOOP(
    "errors",
    "Voorlezen kan niet: het programma om geluid af te spelen ontbreekt (Debian: sudo apt-get "
    "install alsa-utils).",
)
FAILED = QT_TRANSLATE_NOOP("errors", "Voorlezen is niet gelukt. Probeer het opnieuw.")
RENDER_ATTEMPTS = 4
RENDER_DEADLINE_S = 60.0  # a failure guard only: 5000 characters render in about a second
MAX_CHARACTERS = 5000  # a long mail is read in parts by the caller; this bounds one call


def _default_player() -> tuple[str, ...] | None:
    if sys.platform == "darwin":
        return ("afplay",)
    if sys.platform.startswith("win"):
        return None  # winsound
    return ("aplay", "-q")


class _EngineHost:
    """The process's one engine per pyttsx3 driver and the thread that owns it."""

    _hosts: ClassVar[dict[str | None, _EngineHost]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, driver: str | None) -> None:
        self.driver = driver
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kcc-speech")
        self.engine: Any = None
        self.voices: list[Any] = []
        self.failure: str | None = None

    @classmethod
    def get(cls, driver: str | None) -> _EngineHost:
        with cls._lock:
            host = cls._hosts.get(driver)
            if host is None:
                host = cls._hosts[driver] = cls(driver)
            return host

    def open(self) -> bool:
        """Create the engine (engine thread, once); False when there is none."""
        if self.engine is not None or self.failure is not None:
            return self.engine is not None
        try:
            import pyttsx3

            engine = pyttsx3.init(self.driver) if self.driver else pyttsx3.init()
            self.voices = list(engine.getProperty("voices") or [])
        except Exception as exc:  # ImportError, OSError (no libespeak-ng), RuntimeError …
            log.warning("no speech engine: %s", type(exc).__name__)
            self.failure = NO_ENGINE
            return False
        # pyttsx3's eSpeak driver prints "Audio saved to <path>" on stdout after each file;
        # the CLI's stdout carries JSON. Silence that one module's print (no global swap of
        # sys.stdout, which would hide other threads' output too).
        driver_module = sys.modules.get("pyttsx3.drivers.espeak")
        if driver_module is not None:
            driver_module.print = lambda *args, **kwargs: None  # type: ignore[attr-defined]
        self.engine = engine
        return True


class Pyttsx3Speech:
    """See the module docstring. Event-loop thread only; ``aclose`` at teardown.

    ``player`` is the command that plays a WAV file (the file name is appended); ``("aplay",
    "-q", "-D", "null")`` plays to ALSA's null device, for tests on machines without sound.
    ``driver`` picks a pyttsx3 driver (None: the platform's default).
    """

    def __init__(
        self,
        *,
        voice: str = DUTCH_VOICE,
        rate: int = 160,
        player: Sequence[str] | None = ...,  # type: ignore[assignment]
        driver: str | None = None,
    ) -> None:
        self._voice = voice
        self._rate = rate
        self._player = _default_player() if player is ... else (tuple(player) if player else None)
        self._host = _EngineHost.get(driver)
        self._status: SpeechStatus | None = None

    async def _run(self, fn: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self._host.executor.submit(fn))

    # -- engine thread ------------------------------------------------------------------------

    def _open(self) -> SpeechStatus:
        """The engine with this instance's Dutch voice and rate (engine thread)."""
        if self._status is not None and not self._status.available:
            return self._status
        if not self._host.open():
            self._status = SpeechStatus(False, self._host.failure or NO_ENGINE)
            return self._status
        voice = _dutch_voice(self._host.voices, self._voice)
        if voice is None:
            self._status = SpeechStatus(False, NO_DUTCH_VOICE)
            return self._status
        try:
            # Set on every use: other instances share the engine and may have changed them.
            self._host.engine.setProperty("voice", voice)
            self._host.engine.setProperty("rate", self._rate)
        except Exception as exc:
            log.warning("speech voice refused: %s", type(exc).__name__)
            self._status = SpeechStatus(False, NO_DUTCH_VOICE)
            return self._status
        self._status = SpeechStatus(True, "", voice)
        return self._status

    def _render(self, text: str, path: Path) -> None:
        status = self._open()
        if not status.available:
            raise SpeechUnavailable(status.reason)
        # pyttsx3's eSpeak driver races with eSpeak's own thread: now and then (4 in 300 on a
        # loaded machine) a file comes out with a header and no sound. Try again a few times
        # rather than hand the user silence.
        for _attempt in range(RENDER_ATTEMPTS):
            self._render_once(text, path)
            if _is_wav_with_frames(path):
                return
            log.warning("speech synthesis gave an empty file; trying again")
        raise SpeechUnavailable(FAILED)

    def _render_once(self, text: str, path: Path) -> None:
        engine = self._host.engine
        # eSpeak's retrieval mode synthesises on its own thread: runAndWait can return before
        # the file is written. The driver announces "finished-utterance" after writing it, so
        # wait for that, with a bound.
        finished = threading.Event()
        token = engine.connect("finished-utterance", lambda **_: finished.set())
        try:
            engine.save_to_file(text, str(path))
            engine.runAndWait()
            if not finished.wait(timeout=RENDER_DEADLINE_S):
                log.error("speech synthesis did not finish in %s s", RENDER_DEADLINE_S)
                raise SpeechUnavailable(FAILED)
        except SpeechUnavailable:
            raise
        except Exception as exc:
            log.error("speech synthesis failed: %s", type(exc).__name__)
            raise SpeechUnavailable(FAILED) from None
        finally:
            engine.disconnect(token)

    # -- the port ---------------------------------------------------------------------------

    async def status(self) -> SpeechStatus:
        status = await self._run(self._open)
        if status.available and self._player is not None and not shutil.which(self._player[0]):
            return SpeechStatus(False, NO_PLAYER, status.voice)
        return status

    async def render_to_file(self, text: str, path: Path) -> None:
        await self._run(lambda: self._render(_bounded(text), Path(path)))

    async def speak(self, text: str) -> None:
        text = _bounded(text)
        if not text.strip():
            return
        with tempfile.TemporaryDirectory(prefix="kcc-speech-") as folder:
            wav = Path(folder) / "zin.wav"
            await self.render_to_file(text, wav)
            await self._play(wav)

    async def _play(self, wav: Path) -> None:
        if self._player is None:
            await self._run(lambda: _winsound_play(wav))
            return
        if not shutil.which(self._player[0]):
            raise SpeechUnavailable(NO_PLAYER)
        process = await asyncio.create_subprocess_exec(
            *self._player,
            str(wav),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            code = await process.wait()
        except asyncio.CancelledError:
            process.kill()  # "stop reading" means silence now, not at the end of the sentence
            await process.wait()
            raise
        if code != 0:
            raise SpeechUnavailable(NO_SOUND)

    async def aclose(self) -> None:
        """Nothing to free: the engine and its thread are shared and live with the process."""


def _dutch_voice(voices: Sequence[Any], wanted: str) -> str | None:
    """The id of ``wanted`` if installed, else of any Dutch voice, else None."""
    ids = [str(getattr(v, "id", "")) for v in voices]
    if wanted in ids:
        return wanted
    for voice, voice_id in zip(voices, ids, strict=True):
        languages = [str(lang).lower() for lang in (getattr(voice, "languages", None) or [])]
        name = str(getattr(voice, "name", "")).lower()
        if (
            voice_id.endswith(("/nl", "nl-nl", "nl_nl"))
            or any(lang.startswith(("nl", "\x05nl")) for lang in languages)
            or "dutch" in name
            or "nederlands" in name
        ):
            return voice_id
    return None


def _bounded(text: str) -> str:
    return text[:MAX_CHARACTERS]


def _is_wav_with_frames(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() > 0
    except (OSError, wave.Error, EOFError):
        return False


def _winsound_play(wav: Path) -> None:
    try:
        import winsound

        winsound.PlaySound(str(wav), winsound.SND_FILENAME)
    except (ImportError, RuntimeError) as exc:
        raise SpeechUnavailable(NO_SOUND) from exc
