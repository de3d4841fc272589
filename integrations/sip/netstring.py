"""Netstring framing (``<len>:<bytes>,``) as baresip's ctrl_tcp speaks it. Pure, no I/O.

Hostile input is bounded: a frame longer than ``MAX_FRAME`` is skipped by its announced length
(counted in ``Decoder.skipped``) instead of buffered, and ``decode_json`` refuses nesting deeper
than ``MAX_DEPTH`` before the JSON parser can recurse into it.
"""

from __future__ import annotations

import json
from typing import Any

MAX_FRAME = 1 << 16  # a control message is small (listcalls of many calls: a few KB)
MAX_DEPTH = 32  # baresip's messages nest 2 deep


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
        self._skip = 0  # bytes of an oversized frame (and its comma) still to throw away
        self.skipped = 0  # oversized frames thrown away so far

    def feed(self, data: bytes) -> list[bytes]:
        """Whole frames so far; garbage raises ``FrameError`` only after the good frames.

        The error behind good frames is raised at the next ``feed`` or ``check``, so no good
        message before the garbage is lost.
        """
        self.check()
        if self._skip:
            dropped = min(self._skip, len(data))
            self._skip -= dropped
            data = data[dropped:]
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
            if not length_text.isdigit() or len(length_text) > 9:
                raise FrameError("bad length prefix")
            length = int(length_text)
            end = colon + 1 + length
            if length > MAX_FRAME:
                # Skip it by its length (the stream stays in step) rather than buffer it. The
                # comma is not checked: a liar is caught by the next frame's prefix.
                self.skipped += 1
                have = len(self._buffer)
                del self._buffer[: min(end + 1, have)]
                self._skip = max(end + 1 - have, 0)
                if self._skip:
                    return
                continue
            if len(self._buffer) < end + 1:
                return
            if self._buffer[end : end + 1] != b",":
                raise FrameError("missing comma")
            frames.append(bytes(self._buffer[colon + 1 : end]))
            del self._buffer[: end + 1]


def _too_deep(text: str) -> bool:
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def decode_json(frame: bytes) -> dict[str, Any]:
    """One frame as a JSON object; raises ``ValueError`` when it is not one (or too deep)."""
    text = frame.decode("utf-8")
    if _too_deep(text):
        raise ValueError("nested too deeply")
    try:
        value = json.loads(text)
    except RecursionError as exc:  # belt and braces: never let the parser's stack escape
        raise ValueError("nested too deeply") from exc
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value
