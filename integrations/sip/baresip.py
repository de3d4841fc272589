"""The ``Telephony`` port over a baresip user agent's ``ctrl_tcp`` control port.

baresip 1.0.0 (Debian) is driven with netstring-framed JSON commands (dial, accept, hangup,
hold, resume, transfer, line, listcalls) and reports events (CALL_INCOMING, CALL_ESTABLISHED,
CALL_CLOSED, ...). Its commands act on the *current* call, so before acting on a call this
adapter selects the call's line (``listcalls`` + ``line N``). It has no attended transfer with
Replaces: a warm transfer is hold → dial the target → talk → hang up the consult line → resume →
transfer (SIP REFER), which is what ``complete_transfer`` does.

Answering with several calls ringing: baresip 1.0.0's ``accept`` answers the *current* call
(``callfind <call-id>`` makes a call current) but first puts the previous call on hold; when that
one is still ringing the hold fails and ``accept`` silently answers nobody (its reply is still
"ok"). ``answer`` therefore marks the other ringing calls as held first (the hold fails at the
SIP level but sets baresip's flag, so ``accept`` goes on), answers, waits for CALL_ESTABLISHED
(an answer that does not connect within ``answer_timeout`` is an error, never a success) and
then clears the marks, so those callers keep ringing and can be answered normally later.

The simultaneous-call limit (``max_calls``) is enforced here, not by baresip's silent 486:
a call over the limit is announced as ``REFUSED`` and rejected (486), so the console can keep a
record of it. baresip's own ``call_max_calls`` is set well above it as a backstop only.

``BaresipProcess`` starts baresip with its own generated config directory (no sound card:
``aubridge`` as source and player, which works at 8 kHz (PCMU/PCMA) and 48 kHz (opus) alike);
``BaresipTelephony`` connects to its control port (or to an already running one).

Trust: before starting its own baresip the adapter proves the control port free, and after
connecting it checks (Linux ``/proc``) that the process listening on the control port is the
child it started; anything else is refused with ``STRANGER``. Hostile frames (too big, too
deeply nested, not JSON) are skipped and reported; a lost connection is re-established with
backoff (restarting the owned baresip when it died) and announced with ``LINE_UP``.

Event-loop thread only: events reach subscribers on the loop. Socket, process and parse errors
become ``console.ports`` telephony errors with Dutch messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import signal
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import (
    CallDropped,
    CallEvent,
    CallEventKind,
    TelephonyError,
    TelephonyProtocolError,
    TelephonyUnavailable,
)
from integrations.sip.netstring import Decoder, FrameError, decode_json, encode
from integrations.sip.owner import listener_owned_by

log = logging.getLogger(__name__)

MISSING = QT_TRANSLATE_NOOP(
    "errors",
    "Het telefoonprogramma baresip is niet gevonden. Installeer baresip of zet de telefoon "
    "in de instellingen op demo.",
)
CRASHED = QT_TRANSLATE_NOOP(
    "errors",
    "Het telefoonprogramma (baresip) is gestopt. Lopende gesprekken zijn verbroken; "
    "uw notities zijn bewaard.",
)
SILENT = QT_TRANSLATE_NOOP(
    "errors",
    "Het telefoonprogramma (baresip) reageert niet. Probeer het opnieuw of start de console "
    "opnieuw.",
)
NO_CONNECT = QT_TRANSLATE_NOOP(
    "errors", "De console kan het telefoonprogramma (baresip) niet bereiken."
)
MALFORMED = QT_TRANSLATE_NOOP(
    "errors", "Het telefoonprogramma stuurde een bericht dat de console niet kan lezen."
)
# Whole sentences, each marked once, so the widgets can show them in the chosen language.
MALFORMED_CLOSED = QT_TRANSLATE_NOOP(
    "errors",
    "Het telefoonprogramma stuurde een bericht dat de console niet kan lezen. "
    "De verbinding is verbroken.",
)
MALFORMED_SKIPPED = QT_TRANSLATE_NOOP(
    "errors",
    "Het telefoonprogramma stuurde een bericht dat de console niet kan lezen. "
    "Het bericht is overgeslagen.",
)
DROPPED = QT_TRANSLATE_NOOP("errors", "Het gesprek is al beëindigd.")
REFUSED = QT_TRANSLATE_NOOP("errors", "Het telefoonprogramma weigerde dit. Probeer het opnieuw.")
TRANSFER_FAILED = QT_TRANSLATE_NOOP(
    "errors", "Doorverbinden is niet gelukt. De inwoner is nog bij u aan de lijn."
)
ANSWER_FAILED = QT_TRANSLATE_NOOP(
    "errors",
    "Opnemen is niet gelukt: de verbinding met de beller kwam niet tot stand. De oproep gaat "
    "nog over; probeer het opnieuw.",
)
STRANGER = QT_TRANSLATE_NOOP(
    "errors",
    "Een ander programma gebruikt poort {port} van de telefoon. Dat is niet de baresip van de "
    "console. De console maakt er geen verbinding mee. Stop dat programma, of kies een andere "
    "ctrl_port in de instellingen.",
)
TOO_BIG = QT_TRANSLATE_NOOP(
    "errors", "De telefoon stuurde een veel te groot bericht. De console slaat het over."
)
LINE_BACK = QT_TRANSLATE_NOOP("errors", "De telefoon werkt weer. U krijgt weer oproepen.")

ANSWER_RETRY = 1.0  # seconds before an answer that did not connect is tried again

# baresip's own limit only catches what the console's max_calls let through by mistake; calls
# it refuses leave no trace, so it sits well above the console's limit.
BACKSTOP_CALLS = 16


@dataclass(frozen=True)
class BaresipSettings:
    """How to reach (or start) one baresip user agent.

    ``account`` is the agent's address of record, e.g. ``sip:2101@127.0.0.1:5080``.
    ``start`` False attaches to a baresip already listening on ``ctrl_port``.
    """

    ctrl_port: int
    account: str = ""
    sip_listen: str = ""
    ctrl_host: str = "127.0.0.1"
    start: bool = True
    executable: str = "baresip"
    config_dir: Path | None = None
    # Headless defaults (tests, servers): aubridge in and out, no sound card. It runs at any
    # sample rate, so PCMU/PCMA (8 kHz) and opus (48 kHz) callers are both answered; ausine
    # only does 48 kHz and silently fails a PCMU call. An agent at a desk sets e.g.
    # audio_source/audio_player "alsa,default" and audio_modules ("alsa.so",).
    audio_source: str = "aubridge,kcc-in"
    audio_player: str = ""  # "" → aubridge (no sound card)
    audio_modules: tuple[str, ...] = ("aubridge.so",)
    command_timeout: float = 5.0
    start_timeout: float = 10.0
    extra_account_params: str = ""
    max_calls: int = 4  # simultaneous calls at this phone; more are refused (486) and recorded
    answer_timeout: float = 4.0  # an answer not established by then has failed
    reconnect: bool = True
    reconnect_max_delay: float = 5.0


def write_config(settings: BaresipSettings, directory: Path, *, device: str = "kcc") -> None:
    """A minimal config dir: loopback SIP, ctrl_tcp, no sound card, manual answer."""
    directory.mkdir(parents=True, exist_ok=True)
    player = settings.audio_player or f"aubridge,{device}-out"
    audio_modules = "".join(f"module {name}\n" for name in settings.audio_modules)
    config = f"""poll_method epoll
sip_listen {settings.sip_listen}
audio_player {player}
audio_source {settings.audio_source}
audio_alert {player}
module_path /usr/lib/baresip/modules
module opus.so
module g711.so
{audio_modules}module_app account.so
module_app menu.so
module_app ctrl_tcp.so
ctrl_tcp_listen {settings.ctrl_host}:{settings.ctrl_port}
call_max_calls {settings.max_calls + BACKSTOP_CALLS}
"""
    (directory / "config").write_text(config, encoding="utf-8")
    account = f"<{settings.account};transport=udp>;regint=0;answermode=manual"
    if settings.extra_account_params:
        account += ";" + settings.extra_account_params.lstrip(";")
    (directory / "accounts").write_text(account + "\n", encoding="utf-8")


class BaresipProcess:
    """One baresip child process with its own config dir; ``stop`` never leaves it running."""

    def __init__(self, settings: BaresipSettings, *, config_dir: Path) -> None:
        self.settings = settings
        self.config_dir = config_dir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Write the config and start baresip (non-blocking).

        Raises:
            TelephonyUnavailable: baresip is not installed or cannot be started.
        """
        executable = shutil.which(self.settings.executable)
        if executable is None:
            raise TelephonyUnavailable(MISSING)
        write_config(self.settings, self.config_dir)
        log_file = (self.config_dir / "baresip.log").open("wb")
        try:
            self.process = subprocess.Popen(
                [executable, "-f", str(self.config_dir)],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            raise TelephonyUnavailable(MISSING) from exc
        finally:
            log_file.close()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.running and self.process is not None else None

    def stop(self, *, grace: float = 3.0) -> None:
        """SIGTERM (baresip hangs up its calls), then SIGKILL after ``grace`` seconds."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@dataclass
class _Call:
    id: str
    peer: str
    outgoing: bool
    established: bool = False


@dataclass
class _Pending:
    future: asyncio.Future[CallEvent]
    predicate: Callable[[CallEvent], bool]
    done: bool = field(default=False)


def number_of(uri: str) -> str:
    """The user part of a SIP URI: 'sip:+31418678513@pbx;transport=udp' → '+31418678513'."""
    rest = uri.split(":", 1)[1] if ":" in uri else uri
    return rest.split("@", 1)[0] if "@" in rest else rest.split(";", 1)[0]


def _bare(uri: str) -> str:
    return uri.split(";", 1)[0].strip("<>")


def port_is_free(host: str, port: int) -> bool:
    """Whether a TCP listener could bind ``host:port`` now (as baresip's ctrl_tcp would)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


class BaresipTelephony:
    """``console.ports.Telephony`` over baresip's ctrl_tcp; see the module docstring."""

    def __init__(self, settings: BaresipSettings, *, process: BaresipProcess | None = None) -> None:
        self.settings = settings
        self._process = process
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._read_task: asyncio.Task[None] | None = None
        self._reconnect_task: asyncio.Task[None] | None = None
        self._listeners: list[Callable[[CallEvent], None]] = []
        self._responses: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._waiters: list[_Pending] = []
        self._calls: dict[str, _Call] = {}
        self._refused: set[str] = set()  # announced as REFUSED; their CLOSED is not news
        self._chores: set[asyncio.Task[None]] = set()
        self._token = 0
        self._lock = asyncio.Lock()
        self._lost: TelephonyError | None = None
        self._closing = False
        self.reconnects = 0  # how often the line came back (for tests and the benchmark)

    # -- lifetime ---------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[CallEvent], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    async def start(self) -> None:
        """Start baresip when configured to, then connect to its control port.

        Raises:
            TelephonyUnavailable: missing, died at start, the port never accepted, or another
                program holds the control port (``STRANGER``).
        """
        self._closing = False
        await self._connect(self.settings.start_timeout)

    async def _connect(self, within: float) -> None:
        stranger = Text("errors", STRANGER, {"port": self.settings.ctrl_port})
        if self._process is not None and not self._process.running:
            # Prove the port free first: baresip would start anyway without its control port
            # and the console would be talking to whoever holds it.
            if not port_is_free(self.settings.ctrl_host, self.settings.ctrl_port):
                log.warning("baresip control port is held by another program; not connecting")
                raise TelephonyUnavailable(stranger)
            self._process.start()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        delay = 0.01
        while True:
            try:
                reader, writer = await asyncio.open_connection(
                    self.settings.ctrl_host, self.settings.ctrl_port
                )
                break
            except OSError as exc:
                if self._process is not None and not self._process.running:
                    raise TelephonyUnavailable(CRASHED) from exc
                if loop.time() >= deadline:
                    raise TelephonyUnavailable(NO_CONNECT) from exc
                # baresip opens its port a few ms after start; back off briefly.
                await asyncio.sleep(delay)
                delay = min(delay * 2, 0.2)
        if self._process is not None and not self._owned():
            writer.close()
            self._process.stop(grace=0.5)  # it could not open its control port: useless
            raise TelephonyUnavailable(stranger)
        self._reader, self._writer = reader, writer
        self._lost = None
        self._read_task = loop.create_task(self._read_loop(reader), name="baresip ctrl_tcp")

    def _owned(self) -> bool:
        pid = self._process.pid if self._process is not None else None
        if pid is None:
            return False
        owned = listener_owned_by(pid, self.settings.ctrl_port)
        if owned is None:
            log.info("cannot tell who holds the baresip control port on this system")
            return True
        return owned

    async def aclose(self) -> None:
        self._closing = True
        for task in (self._reconnect_task, *self._chores):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await self._writer.wait_closed()
        if self._read_task is not None:
            self._read_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._read_task
        if self._process is not None:
            self._process.stop()

    # -- reading ----------------------------------------------------------------------------

    async def _read_loop(self, reader: asyncio.StreamReader) -> None:
        decoder = Decoder()
        error: TelephonyError = TelephonyUnavailable(CRASHED)
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                skipped = decoder.skipped
                frames = decoder.feed(data)
                for frame in frames:
                    self._on_frame(frame)
                if decoder.skipped != skipped:
                    log.warning("oversized baresip control message skipped")
                    self._report(TOO_BIG)
                decoder.check()
        except FrameError:
            log.warning("baresip control stream is not netstrings; disconnecting")
            error = TelephonyProtocolError(MALFORMED_CLOSED)
        except OSError:
            pass
        if not self._closing:
            self._connection_lost(error)

    def _report(self, text: str) -> None:
        self._emit(CallEvent(CallEventKind.FAILED, error=TelephonyProtocolError(text)))

    def _on_frame(self, frame: bytes) -> None:
        try:
            message = decode_json(frame)
        except ValueError:
            log.warning("malformed baresip control message skipped")
            self._report(MALFORMED_SKIPPED)
            return
        try:
            if message.get("response"):
                future = self._responses.pop(str(message.get("token")), None)
                if future is not None and not future.done():
                    future.set_result(message)
            elif message.get("event"):
                self._on_event(message)
        except Exception:  # a bad field or a listener's bug must not stop incoming calls
            log.exception("baresip control message could not be handled; skipped")
            self._report(MALFORMED_SKIPPED)

    def _on_event(self, message: dict[str, Any]) -> None:
        if message.get("class") != "call":
            return
        kind, call_id = message.get("type"), str(message.get("id") or "")
        peer = str(message.get("peeruri") or "")
        outgoing = message.get("direction") == "outgoing"
        if not call_id:
            return
        event: CallEvent | None = None
        if kind == "CALL_INCOMING":
            if len(self._calls) >= self.settings.max_calls:
                self._refuse(call_id, peer)
                return
            self._calls[call_id] = _Call(call_id, peer, outgoing=False)
            event = CallEvent(CallEventKind.INCOMING, call_id, number_of(peer))
        elif call_id in self._refused:
            if kind == "CALL_CLOSED":
                self._refused.discard(call_id)
            return
        elif kind == "CALL_RINGING":
            self._calls.setdefault(call_id, _Call(call_id, peer, outgoing=True))
            event = CallEvent(CallEventKind.RINGING, call_id, number_of(peer), outgoing=True)
        elif kind == "CALL_ESTABLISHED":
            call = self._calls.setdefault(call_id, _Call(call_id, peer, outgoing))
            call.established = True
            event = CallEvent(CallEventKind.ESTABLISHED, call_id, number_of(peer), outgoing)
        elif kind == "CALL_CLOSED":
            self._calls.pop(call_id, None)
            reason = str(message.get("param") or "")
            transferred = "transfer" in reason.lower()
            event = CallEvent(
                CallEventKind.TRANSFERRED if transferred else CallEventKind.CLOSED,
                call_id,
                number_of(peer),
                outgoing,
                reason=reason,
            )
        elif kind == "CALL_PROGRESS" or kind == "CALL_ANSWERED":
            self._calls.setdefault(call_id, _Call(call_id, peer, outgoing))
        if event is not None:
            self._emit(event)
        elif outgoing and call_id not in self._calls:
            self._calls[call_id] = _Call(call_id, peer, outgoing=True)
        # Outgoing calls are known by their id only once an event names them.
        if outgoing:
            self._notify_waiters(CallEvent(CallEventKind.RINGING, call_id, peer, True))

    def _refuse(self, call_id: str, peer: str) -> None:
        """Over the limit: tell the console now, reject the call (486) in the background."""
        self._refused.add(call_id)
        self._emit(CallEvent(CallEventKind.REFUSED, call_id, number_of(peer), reason="limit"))

        async def reject() -> None:
            async with self._lock:
                with contextlib.suppress(TelephonyError):
                    await self._command("callfind", call_id)
                    await self._command("hangup")

        task = asyncio.get_running_loop().create_task(reject(), name="refuse call")
        self._chores.add(task)
        task.add_done_callback(self._chores.discard)

    def _emit(self, event: CallEvent) -> None:
        self._notify_waiters(event)
        for listener in list(self._listeners):
            listener(event)

    def _notify_waiters(self, event: CallEvent) -> None:
        for waiter in list(self._waiters):
            if not waiter.future.done() and waiter.predicate(event):
                waiter.future.set_result(event)

    def _connection_lost(self, error: TelephonyError) -> None:
        self._lost = error
        for future in self._responses.values():
            if not future.done():
                future.set_exception(error)
        self._responses.clear()
        for waiter in self._waiters:
            if not waiter.future.done():
                waiter.future.set_exception(error)
        for call in list(self._calls.values()):
            self._emit(
                CallEvent(
                    CallEventKind.CLOSED,
                    call.id,
                    number_of(call.peer),
                    call.outgoing,
                    reason="lijn weggevallen",
                )
            )
        self._calls.clear()
        self._refused.clear()
        self._emit(CallEvent(CallEventKind.FAILED, error=error))
        if self.settings.reconnect and not self._closing:
            self._reconnect_task = asyncio.get_running_loop().create_task(
                self._reconnect(), name="baresip reconnect"
            )

    async def _reconnect(self) -> None:
        """Try again with growing pauses until baresip answers (restarting our own if it died)."""
        delay = 0.2
        told = ""
        while not self._closing:
            await asyncio.sleep(delay)  # backoff between attempts, not a wait for an event
            delay = min(delay * 2, self.settings.reconnect_max_delay)
            if self._writer is not None:
                self._writer.close()
            try:
                await self._connect(min(self.settings.start_timeout, 2.0))
            except TelephonyUnavailable as exc:
                if exc.message != told and exc.message != self._lost_message():
                    told = exc.message
                    self._emit(CallEvent(CallEventKind.FAILED, error=exc))
                continue
            self.reconnects += 1
            log.info("baresip control connection is back")
            self._emit(CallEvent(CallEventKind.LINE_UP, reason=LINE_BACK))
            return

    def _lost_message(self) -> str:
        return self._lost.message if self._lost is not None else ""

    # -- commands ---------------------------------------------------------------------------

    async def _send(self, command: str, params: str = "") -> dict[str, Any]:
        return (await self._send_batch([(command, params)]))[0]

    async def _send_batch(self, commands: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """Send commands in one write and return their replies in order.

        One write lands in one read at baresip, which runs the commands back to back with no
        SIP message handled in between (so no new call can slip between select and accept).
        """
        if self._lost is not None:
            raise self._lost
        if self._writer is None:
            raise TelephonyUnavailable(NO_CONNECT)
        loop = asyncio.get_running_loop()
        tokens: list[str] = []
        data = b""
        for command, params in commands:
            self._token += 1
            token = str(self._token)
            tokens.append(token)
            self._responses[token] = loop.create_future()
            data += encode({"command": command, "params": params, "token": token})
        futures = [self._responses[token] for token in tokens]
        try:
            self._writer.write(data)
            await self._writer.drain()
            async with asyncio.timeout(self.settings.command_timeout):
                return [await future for future in futures]
        except TimeoutError as exc:
            raise TelephonyUnavailable(SILENT) from exc
        except OSError as exc:
            raise TelephonyUnavailable(CRASHED) from exc
        finally:
            for token in tokens:
                self._responses.pop(token, None)

    async def _command(self, command: str, params: str = "") -> str:
        response = await self._send(command, params)
        if not response.get("ok", False):
            raise TelephonyError(REFUSED)
        return str(response.get("data") or "")

    async def _wait_for(
        self,
        predicate: Callable[[CallEvent], bool],
        send,
        *,
        within: float | None = None,
        timeout_error: TelephonyError | None = None,
    ) -> CallEvent:
        """Register a waiter, run ``send``, and wait for the first event that matches."""
        waiter = _Pending(asyncio.get_running_loop().create_future(), predicate)
        self._waiters.append(waiter)
        try:
            await send()
            return await asyncio.wait_for(
                waiter.future, within if within is not None else self.settings.command_timeout
            )
        except TimeoutError as exc:
            raise timeout_error or TelephonyUnavailable(SILENT) from exc
        finally:
            self._waiters.remove(waiter)

    async def _select(self, call_id: str) -> None:
        """Make ``call_id`` baresip's current call (its commands act on the current call)."""
        if call_id not in self._calls:
            raise CallDropped(DROPPED)
        response = await self._send("callfind", call_id)
        if not response.get("ok", False) or "not found" in str(response.get("data") or ""):
            raise CallDropped(DROPPED)

    async def answer(self, call_id: str) -> None:
        async with self._lock:
            call = self._calls.get(call_id)
            if call is None:
                raise CallDropped(DROPPED)
            if call.established:
                return
            loop = asyncio.get_running_loop()
            waiter = _Pending(
                loop.create_future(),
                lambda e: (
                    e.call_id == call_id
                    and e.kind in (CallEventKind.ESTABLISHED, CallEventKind.CLOSED)
                ),
            )
            self._waiters.append(waiter)
            deadline = loop.time() + self.settings.answer_timeout
            try:
                while True:
                    await self._accept(call_id)
                    # A call that reached baresip but not yet us was not marked and can stop
                    # this accept (baresip then answers nobody). Try again with it marked.
                    remaining = deadline - loop.time()
                    try:
                        event = await asyncio.wait_for(
                            asyncio.shield(waiter.future), max(min(ANSWER_RETRY, remaining), 0)
                        )
                        break
                    except TimeoutError:
                        if loop.time() >= deadline:
                            raise TelephonyError(ANSWER_FAILED) from None
            finally:
                self._waiters.remove(waiter)
                if self._lost is None:
                    await self._unmark(call_id)
            if event.kind is CallEventKind.CLOSED:
                raise CallDropped(DROPPED)

    async def _accept(self, call_id: str) -> None:
        """Mark the other ringing calls held, select ``call_id`` and accept, in one write.

        ``accept`` first holds the previous call; a ringing one cannot be held and the answer
        is silently dropped. Holding them first sets baresip's flag (the SIP part fails
        harmlessly), so accept goes on; ``_unmark`` clears the flags afterwards.
        """
        batch = [
            (command, params)
            for other in self._ringing_others(call_id)
            for command, params in (("callfind", other), ("hold", ""))
        ]
        batch += [("callfind", call_id), ("accept", "")]
        replies = await self._send_batch(batch)
        found, accepted = replies[-2], replies[-1]
        if not found.get("ok", False) or "not found" in str(found.get("data") or ""):
            raise CallDropped(DROPPED)
        if not accepted.get("ok", False):
            raise TelephonyError(REFUSED)

    def _ringing_others(self, call_id: str) -> list[str]:
        return [
            c.id
            for c in self._calls.values()
            if c.id != call_id and not c.established and not c.outgoing
        ]

    async def _unmark(self, current: str) -> None:
        with contextlib.suppress(TelephonyError):
            for other in self._ringing_others(current):
                with contextlib.suppress(CallDropped):
                    await self._select(other)
                    await self._send("resume")  # a no-op for a call that was never marked
            if current in self._calls:
                await self._select(current)

    async def hold(self, call_id: str) -> None:
        async with self._lock:
            await self._hold(call_id)

    async def _hold(self, call_id: str) -> None:
        await self._select(call_id)
        await self._command("hold")
        self._emit(CallEvent(CallEventKind.HELD, call_id))

    async def resume(self, call_id: str) -> None:
        async with self._lock:
            await self._resume(call_id)

    async def _resume(self, call_id: str) -> None:
        await self._select(call_id)
        await self._command("resume")
        self._emit(CallEvent(CallEventKind.RESUMED, call_id))

    async def dial(self, address: str) -> str:
        async with self._lock:
            return await self._dial(address)

    async def _dial(self, address: str) -> str:
        known = set(self._calls)
        event = await self._wait_for(
            lambda e: e.outgoing and e.call_id not in known and _bare(e.number) == _bare(address),
            lambda: self._command("dial", address),
        )
        return event.call_id

    async def consult(self, call_id: str, address: str) -> str:
        async with self._lock:
            await self._hold(call_id)
            return await self._dial(address)

    async def _hangup_if_present(self, call_id: str) -> None:
        if call_id not in self._calls:
            return
        await self._select(call_id)
        await self._wait_for(
            lambda e: (
                e.call_id == call_id and e.kind in (CallEventKind.CLOSED, CallEventKind.TRANSFERRED)
            ),
            lambda: self._command("hangup"),
        )

    async def cancel_consult(self, call_id: str, consult_id: str) -> None:
        async with self._lock:
            await self._hangup_if_present(consult_id)
            await self._resume(call_id)

    async def complete_transfer(self, call_id: str, consult_id: str, address: str) -> None:
        async with self._lock:
            await self._hangup_if_present(consult_id)
            await self._resume(call_id)
            await self._select(call_id)
            event = await self._wait_for(
                lambda e: (
                    e.call_id == call_id
                    and e.kind in (CallEventKind.CLOSED, CallEventKind.TRANSFERRED)
                ),
                lambda: self._command("transfer", address),
            )
            if event.kind is not CallEventKind.TRANSFERRED:
                raise CallDropped(DROPPED)

    async def hangup(self, call_id: str) -> None:
        async with self._lock:
            await self._hangup_if_present(call_id)
