"""``ChannelSource`` and ``ReplySender`` for a desk's Matrix account: every room is a conversation.

The website chat widget and the bridges for WhatsApp, Facebook/Instagram, Telegram and SMS all
deliver conversations as Matrix rooms in which the resident (or the bridge's puppet of them) and
the desk's account meet. The source long-polls ``/sync`` and delivers each message from someone
else as an ``IncomingContact``:

- ``reference`` is the event id (the store keeps each event once, whatever is delivered twice);
- ``thread`` names earlier events of the same room, so a room stays one interaction while it is
  open; after a restart the room's recent events are asked once from the homeserver;
- ``cursor`` is the sync token from *before* the batch for every message but the batch's last,
  which carries the new token: a stop halfway through a batch re-reads it (and the store skips
  what it has), it never skips the rest;
- ``sender_address`` is the room id: that is where a reply goes.

The channel is chat, social (a bridged puppet: ``@whatsapp_…``, ``@facebook_…``, ``@instagram_…``,
``@telegram_…``, ``@sms_…``, or as configured) or "bel me" (a message from the website's button,
marked ``nl.westbetuwe.bel_me`` in its content, or text starting with "Bel mij"/"Bel me").

Replies go out as ``m.text`` with the outbox entry's own id as transaction id: sent again after a
lost answer, the homeserver keeps one message. Each run and each send opens its own HTTP client
and closes it again, so nothing outlives the intake's tasks. Event-loop thread only.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Mapping
from urllib.parse import quote

from console.channels import (
    ChannelRejected,
    ChannelUnavailable,
    Deliver,
    IncomingContact,
    OutgoingReply,
)
from console.domain.model import Channel
from console.i18n import QT_TRANSLATE_NOOP
from integrations.matrix.client import (
    BEL_ME_KEY,
    MatrixClient,
    MatrixRejected,
    MatrixUnavailable,
    RoomMessage,
    SyncBatch,
)

log = logging.getLogger(__name__)

__all__ = ["BEL_ME_KEY", "MatrixReplySender", "MatrixRoomSource"]
DEFAULT_BRIDGES: Mapping[str, Channel] = {
    "@whatsapp_": Channel.SOCIAL,
    "@facebook_": Channel.SOCIAL,
    "@instagram_": Channel.SOCIAL,
    "@telegram_": Channel.SOCIAL,
    "@sms_": Channel.SOCIAL,
}
THREAD_MEMORY = 30  # earlier events of a room kept to join its next message to the conversation


def is_bel_me(body: str) -> bool:
    start = body.strip().lower()
    return start.startswith(("bel mij", "bel me", "[bel me]"))


class MatrixRoomSource:
    """The rooms of one desk account (see the module docstring)."""

    def __init__(
        self,
        make_client: Callable[[], MatrixClient],
        *,
        user_id: str,
        desk_id: str,
        bridges: Mapping[str, Channel] = DEFAULT_BRIDGES,
        long_poll_ms: int = 25_000,
    ) -> None:
        self.name = f"matrix:{user_id}"
        self._make_client = make_client
        self._client: MatrixClient | None = None
        self._user_id = user_id
        self._desk_id = desk_id
        self._bridges = dict(bridges)
        self._long_poll_ms = long_poll_ms
        self._recent: dict[str, deque[str]] = {}

    def channel_of(self, message: RoomMessage) -> Channel:
        if message.bel_me or is_bel_me(message.body):
            return Channel.CALL_ME
        for prefix, channel in self._bridges.items():
            if message.sender.startswith(prefix):
                return channel
        return Channel.CHAT

    async def run(self, deliver: Deliver, *, cursor: str | None) -> None:
        since = cursor or None
        client = self._client = self._make_client()
        try:
            while True:
                batch = await client.sync(since, timeout_ms=self._long_poll_ms)
                for room_id in batch.invites:
                    await client.join(room_id)
                await self._deliver_batch(batch, since, deliver)
                since = batch.next_batch
        except (MatrixRejected, MatrixUnavailable) as exc:
            raise ChannelUnavailable(exc.user_message) from exc
        finally:
            self._client = None
            await client.aclose()

    async def _deliver_batch(self, batch: SyncBatch, since: str | None, deliver: Deliver) -> None:
        mine = [m for m in batch.messages if m.sender != self._user_id]
        for index, message in enumerate(mine):
            last = index == len(mine) - 1
            thread = await self._thread(message.room_id)
            contact = IncomingContact(
                source=self.name,
                channel=self.channel_of(message),
                desk_id=self._desk_id,
                reference=message.event_id,
                cursor=batch.next_batch if last else (since or ""),
                thread=tuple(thread),
                sender_address=message.room_id,
                sender_name=message.sender_name or message.sender,
                subject=batch.room_names.get(message.room_id, "")
                or f"Chat met {message.sender_name or message.sender}",
                text=message.body,
                # received_at stays None: the console's clock stamps the contact, so opening
                # hours (N11) are judged by the same clock as everything else in the console.
            )
            await deliver(contact)
            self._remember(message.room_id, message.event_id)

    def _remember(self, room_id: str, event_id: str) -> None:
        self._recent.setdefault(room_id, deque(maxlen=THREAD_MEMORY)).append(event_id)

    async def _thread(self, room_id: str) -> list[str]:
        if room_id not in self._recent:
            # First message of this room since the start: ask for its recent events once, so a
            # conversation that was open before a restart stays one interaction.
            assert self._client is not None
            self._recent[room_id] = deque(
                await self._client.recent_event_ids(room_id, limit=THREAD_MEMORY),
                maxlen=THREAD_MEMORY,
            )
        return list(self._recent[room_id])


class MatrixReplySender:
    """Sends the console's replies into the room they answer."""

    def __init__(self, make_client: Callable[[], MatrixClient]) -> None:
        self._make_client = make_client

    async def send(self, reply: OutgoingReply) -> None:
        room_id = reply.to_address
        if not room_id.startswith("!"):
            raise ChannelRejected(
                QT_TRANSLATE_NOOP(
                    "errors", "Dit antwoord heeft geen chatgesprek om naartoe te gaan."
                )
            )
        client = self._make_client()
        try:
            await client.send_text(room_id, reply.text, txn_id=quote(reply.id, safe=""))
        except MatrixRejected as exc:
            raise ChannelRejected(exc.user_message) from exc
        except MatrixUnavailable as exc:
            raise ChannelUnavailable(exc.user_message) from exc
        finally:
            await client.aclose()
