"""The Matrix client against a real Synapse homeserver on loopback (marker ``matrix``)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from integrations.matrix.client import MatrixClient, MatrixRejected, MatrixUnavailable, parse_sync

pytestmark = pytest.mark.matrix


def _create_room(server, resident, desk_user_id: str) -> str:
    answer = httpx.post(
        f"{server.url}/_matrix/client/v3/createRoom",
        headers={"Authorization": f"Bearer {resident.access_token}"},
        json={"invite": [desk_user_id], "name": "Vraag over afval", "preset": "private_chat"},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["room_id"]


def _send_as(server, user, room_id: str, text: str, txn: str) -> str:
    answer = httpx.put(
        f"{server.url}/_matrix/client/v3/rooms/{room_id}/send/m.room.message/{txn}",
        headers={"Authorization": f"Bearer {user.access_token}"},
        json={"msgtype": "m.text", "body": text},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["event_id"]


def _messages(server, user, room_id: str) -> list[str]:
    answer = httpx.get(
        f"{server.url}/_matrix/client/v3/rooms/{room_id}/messages",
        headers={"Authorization": f"Bearer {user.access_token}"},
        params={"dir": "b", "limit": 50},
        timeout=30,
    )
    answer.raise_for_status()
    return [
        event["content"]["body"]
        for event in answer.json()["chunk"]
        if event["type"] == "m.room.message"
    ]


def test_desk_joins_reads_and_answers_exactly_once(synapse, unique):
    resident = synapse.register(f"inwoner{unique}")
    desk = synapse.register(f"balie{unique}")

    async def scenario():
        client = MatrixClient(synapse.url, desk.access_token)
        try:
            assert await client.whoami() == desk.user_id
            first = await client.sync(None)
            room_id = _create_room(synapse, resident, desk.user_id)
            batch = await client.sync(first.next_batch, timeout_ms=5000)
            while room_id not in batch.invites:
                batch = await client.sync(batch.next_batch, timeout_ms=5000)
            await client.join(room_id)
            sent = _send_as(synapse, resident, room_id, "Mijn container is niet geleegd", "t1")
            seen: list = []
            since = batch.next_batch
            while not any(m.event_id == sent for m in seen):
                batch = await client.sync(since, timeout_ms=5000)
                since = batch.next_batch
                seen.extend(batch.messages)
            message = next(m for m in seen if m.event_id == sent)
            assert message.body == "Mijn container is niet geleegd"
            assert message.sender == resident.user_id
            assert message.room_id == room_id
            # The same transaction id twice (a retry after a lost answer) is one message.
            first_id = await client.send_text(room_id, "We kijken ernaar.", txn_id="reply-1")
            again_id = await client.send_text(room_id, "We kijken ernaar.", txn_id="reply-1")
            assert first_id == again_id
        finally:
            await client.aclose()
        return room_id

    room_id = asyncio.run(scenario())
    assert _messages(synapse, resident, room_id).count("We kijken ernaar.") == 1


def test_bad_token_is_refused_in_dutch(synapse):
    async def scenario():
        client = MatrixClient(synapse.url, "syt_not_a_token")
        try:
            await client.whoami()
        finally:
            await client.aclose()

    with pytest.raises(MatrixRejected) as caught:
        asyncio.run(scenario())
    assert "chatserver" in caught.value.user_message


def test_server_away_is_unavailable_not_a_crash():
    async def scenario():
        client = MatrixClient("http://127.0.0.1:9", "token", timeout=2)
        try:
            await client.sync(None)
        finally:
            await client.aclose()

    with pytest.raises(MatrixUnavailable) as caught:
        asyncio.run(scenario())
    assert "niet bereikbaar" in caught.value.user_message


@pytest.mark.parametrize(
    "body",
    [None, [], "html", {"next_batch": 5}, {}],
)
def test_malformed_sync_answers_are_unavailable(body):
    with pytest.raises(MatrixUnavailable):
        parse_sync(body)


def test_malformed_events_are_skipped_not_fatal():
    batch = parse_sync(
        {
            "next_batch": "s1",
            "rooms": {
                "join": {
                    "!r:x": {
                        "timeline": {
                            "events": [
                                None,
                                {"type": "m.room.message"},
                                {"type": "m.room.message", "event_id": "$a", "sender": "@u:x",
                                 "content": {"body": 5}},
                                {"type": "m.room.message", "event_id": "$b", "sender": "@u:x",
                                 "content": {"body": "hallo", "msgtype": "m.text"},
                                 "origin_server_ts": 1},
                            ]
                        }
                    },
                    "!bad:x": "nonsense",
                },
                "invite": {"!i:x": {}},
            },
        }
    )
    assert [m.event_id for m in batch.messages] == ["$a", "$b"]
    assert batch.messages[0].body == ""
    assert batch.messages[1].body == "hallo"
    assert batch.invites == ["!i:x"]
