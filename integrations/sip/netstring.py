"""Netstring framing (``<len>:<bytes>,``) as baresip's ctrl_tcp speaks it. Pure, no I/O."""

from __future__ import annotations

import json
from typing import Any

MAX_FRAME = 1 << 20  # a control message is small; anything bigger is garbage


class FrameError(ValueError):
    """The byte stream is not netstrings; the connection cannot be resynchronised."""


def encode(message: dict[str, Any]) -> bytes:
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    return str(len(body)).encode("ascii") + b":" + body + b","


class Decoder:
    """Feed bytes, get whole frames back; keeps the partial tail between feeds."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._error: FrameError | None = None

    def feed(self, data: bytes) -> list[bytes]:
        """Whole frames so far; garbage raises ``FrameError`` only after the good frames.

        The error behind good frames is raised at the next ``feed`` or ``check``, so no good
        message before the garbage is lost.
        """
        self.check()
        self._buffer += data
        frames: list[bytes] = []
        try:
            self._parse(frames)
        except FrameError as exc:
            if not frames:
                raise
            self._error = exc
        return frames

    def check(self) -> None:
        """Raise the ``FrameError`` found behind the last good frames, if any."""
        if self._error is not None:
            raise self._error

    def _parse(self, frames: list[bytes]) -> None:
        while True:
            colon = self._buffer.find(b":")
            if colon < 0:
                if len(self._buffer) > 20 or (not self._buffer.isdigit() and self._buffer):
                    raise FrameError("no length prefix")
                return
            length_text = bytes(self._buffer[:colon])
            if not length_text.isdigit() or len(length_text) > 8:
                raise FrameError("bad length prefix")
            length = int(length_text)
            if length > MAX_FRAME:
                raise FrameError("frame too large")
            end = colon + 1 + length
            if len(self._buffer) < end + 1:
                return
            if self._buffer[end : end + 1] != b",":
                raise FrameError("missing comma")
            frames.append(bytes(self._buffer[colon + 1 : end]))
            del self._buffer[: end + 1]


def decode_json(frame: bytes) -> dict[str, Any]:
    """One frame as a JSON object; raises ``ValueError`` when it is not one."""
    value = json.loads(frame.decode("utf-8"))
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value
