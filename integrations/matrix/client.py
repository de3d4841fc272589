"""The Matrix client-server API, as much as a contact-centre desk needs: sync, join, send.

Built on httpx directly rather than matrix-nio or mautrix: the console needs four endpoints
(``/sync`` long-poll, ``/join``, ``/send`` with a transaction id, ``/whoami``), it already has
one HTTP stack with timeouts and TLS settings everywhere (httpx), and matrix-nio would bring
aiohttp as a second one. Sending with a transaction id chosen by the console makes a retry
after a lost answer safe: the homeserver answers a repeated txn id with the first event id.

Event-loop thread only; one long-lived ``httpx.AsyncClient`` per client, closed by ``aclose``.
Errors reach callers as ``MatrixUnavailable`` (try later) or ``MatrixRejected`` (this request
will not succeed as it is); both carry a Dutch ``user_message`` and no personal data.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from console.domain.errors import UserFacingError
from console.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CLIENT_PATH = "/_matrix/client/v3"
# A sync long-poll waits this long on the server when nothing happens; the HTTP read timeout is
# longer, so a quiet room is not mistaken for a dead server.
LONG_POLL_MS = 25_000
# One sync answer may not hold more than this many timeline events per room (bounded memory);
# a room with more has ``limited`` set and the rest comes with the next sync.
TIMELINE_LIMIT = 100
# The website's "bel me" button marks its message with this content key (our own convention).
BEL_ME_KEY = "nl.westbetuwe.bel_me"
MAX_BODY = 64_000
# Only what the desk reads: messages, who is in the room, its name. No presence, no receipts.
SYNC_FILTER = {
    "room": {
        "timeline": {
            "limit": TIMELINE_LIMIT,
            "types": ["m.room.message", "m.room.member", "m.room.name"],
        },
        "state": {"types": ["m.room.member", "m.room.name"], "lazy_load_members": True},
    },
    "presence": {"types": []},
    "account_data": {"types": []},
}  # characters of one message body kept; the rest is cut with a note


class MatrixUnavailable(UserFacingError):
    """The homeserver is away, slow, or answered nonsense; the caller tries again later."""

    default_message = (
        QT_TRANSLATE_NOOP(
            "errors",
            "De chatserver is niet bereikbaar. Berichten worden later opgehaald en verstuurd.",
        )
    )

    def __init__(self, detail: str = "") -> None:
        super().__init__()
        self.detail = detail  # technical, for the log; never personal data


class MatrixRejected(UserFacingError):
    """The homeserver refused this request (no access to the room, bad token)."""

    default_message = (
        QT_TRANSLATE_NOOP(
            "errors",
            "De chatserver weigert dit verzoek. Vraag de beheerder de chatkoppeling na te kijken.",
        )
    )

    def __init__(self, detail: str = "") -> None:
        super().__init__()
        self.detail = detail  # technical, for the log; never personal data


@dataclass(frozen=True, slots=True)
class RoomMessage:
    """One ``m.room.message`` event from a room's timeline."""

    room_id: str
    event_id: str
    sender: str
    body: str
    msgtype: str
    timestamp_ms: int
    sender_name: str = ""
    bel_me: bool = False  # sent by the website's "bel me" button (content key below)


@dataclass(frozen=True, slots=True)
class SyncBatch:
    next_batch: str
    messages: list[RoomMessage] = field(default_factory=list)
    invites: list[str] = field(default_factory=list)
    room_names: dict[str, str] = field(default_factory=dict)


def _text(value: Any, limit: int = MAX_BODY) -> str:
    if not isinstance(value, str):
        return ""
    return value if len(value) <= limit else value[:limit] + " […]"


def parse_sync(body: Any) -> SyncBatch:
    """Turn a ``/sync`` answer into messages; anything malformed is skipped, never fatal.

    Raises:
        MatrixUnavailable: the answer has no ``next_batch`` (it cannot be a sync answer).
    """
    if not isinstance(body, dict) or not isinstance(body.get("next_batch"), str):
        raise MatrixUnavailable("sync answer without next_batch")
    batch = SyncBatch(next_batch=body["next_batch"])
    rooms = body.get("rooms") if isinstance(body.get("rooms"), dict) else {}
    invited = rooms.get("invite") if isinstance(rooms.get("invite"), dict) else {}
    batch.invites.extend(room for room in invited if isinstance(room, str))
    joined = rooms.get("join") if isinstance(rooms.get("join"), dict) else {}
    for room_id, room in joined.items():
        if not isinstance(room, dict):
            continue
        names: dict[str, str] = {}
        timeline = room.get("timeline") if isinstance(room.get("timeline"), dict) else {}
        state_events = (room.get("state") or {}).get("events") if isinstance(
            room.get("state"), dict
        ) else []
        events = timeline.get("events") if isinstance(timeline.get("events"), list) else []
        for event in [*(state_events or []), *events]:
            if not isinstance(event, dict):
                continue
            content = event.get("content") if isinstance(event.get("content"), dict) else {}
            kind = event.get("type")
            if kind == "m.room.member" and isinstance(event.get("state_key"), str):
                names[event["state_key"]] = _text(content.get("displayname"), 200)
            elif kind == "m.room.name":
                batch.room_names[room_id] = _text(content.get("name"), 200)
        for event in events:
            if not isinstance(event, dict) or event.get("type") != "m.room.message":
                continue
            content = event.get("content") if isinstance(event.get("content"), dict) else {}
            event_id, sender = event.get("event_id"), event.get("sender")
            if not isinstance(event_id, str) or not isinstance(sender, str):
                continue
            stamp = event.get("origin_server_ts")
            batch.messages.append(
                RoomMessage(
                    room_id=room_id,
                    event_id=event_id,
                    sender=sender,
                    body=_text(content.get("body")),
                    msgtype=_text(content.get("msgtype"), 100),
                    timestamp_ms=stamp if isinstance(stamp, int) else 0,
                    sender_name=names.get(sender, ""),
                    bel_me=bool(content.get(BEL_ME_KEY)),
                )
            )
    return batch


class MatrixClient:
    """A logged-in Matrix user (the desk's account) on one homeserver."""

    def __init__(
        self,
        base_url: str,
        access_token: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._timeout = timeout
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + CLIENT_PATH,
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _request(
        self, method: str, path: str, *, read_timeout: float | None = None, **kwargs: Any
    ) -> Any:
        timeout = httpx.Timeout(self._timeout, read=read_timeout or self._timeout)
        try:
            answer = await self._http.request(method, path, timeout=timeout, **kwargs)
        except httpx.HTTPError as error:
            raise MatrixUnavailable(type(error).__name__) from error
        if answer.status_code in (401, 403):
            raise MatrixRejected(f"HTTP {answer.status_code}")
        if answer.status_code == 429 or answer.status_code >= 500:
            raise MatrixUnavailable(f"HTTP {answer.status_code}")
        if answer.status_code >= 400:
            raise MatrixRejected(f"HTTP {answer.status_code}")
        try:
            return answer.json()
        except ValueError as error:
            raise MatrixUnavailable("answer is not JSON") from error

    async def whoami(self) -> str:
        body = await self._request("GET", "/account/whoami")
        if not isinstance(body, dict) or not isinstance(body.get("user_id"), str):
            raise MatrixUnavailable("whoami answer without user_id")
        return body["user_id"]

    async def sync(self, since: str | None, *, timeout_ms: int = LONG_POLL_MS) -> SyncBatch:
        """One ``/sync``: at once when ``since`` is None, else a long-poll for what is new."""
        params: dict[str, Any] = {
            "timeout": timeout_ms if since else 0,
            "filter": json.dumps(SYNC_FILTER, separators=(",", ":")),
        }
        if since:
            params["since"] = since
        body = await self._request(
            "GET", "/sync", params=params, read_timeout=timeout_ms / 1000 + self._timeout
        )
        return parse_sync(body)

    async def join(self, room_id: str) -> None:
        await self._request("POST", f"/join/{quote(room_id, safe='')}", json={})

    async def send_text(self, room_id: str, text: str, *, txn_id: str) -> str:
        """Send a text message once; repeating the same ``txn_id`` never sends it twice."""
        body = await self._request(
            "PUT",
            f"/rooms/{quote(room_id, safe='')}/send/m.room.message/{quote(txn_id, safe='')}",
            json={"msgtype": "m.text", "body": text},
        )
        if not isinstance(body, dict) or not isinstance(body.get("event_id"), str):
            raise MatrixUnavailable("send answer without event_id")
        return body["event_id"]

    async def recent_event_ids(self, room_id: str, *, limit: int = 30) -> list[str]:
        """The ids of the room's latest events, oldest first (to rejoin a conversation)."""
        body = await self._request(
            "GET",
            f"/rooms/{quote(room_id, safe='')}/messages",
            params={"dir": "b", "limit": limit},
        )
        chunk = body.get("chunk") if isinstance(body, dict) else None
        if not isinstance(chunk, list):
            return []
        ids = [
            event["event_id"]
            for event in chunk
            if isinstance(event, dict) and isinstance(event.get("event_id"), str)
        ]
        return list(reversed(ids))
