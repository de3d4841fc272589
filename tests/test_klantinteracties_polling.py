"""Cheap polling: open tasks only, 500 a page, expanded contacts; closes noticed one by one.

Request counts, not timings (speed is benchmark B11's business): what the server is asked is
what every console on the municipality's Open Klant costs it, every 30 seconds.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.klantinteracties_server import BASE
from tests.klantinteracties_sync import connected, seed_server

pytestmark = [pytest.mark.klantinteracties, pytest.mark.slow]


def test_a_first_sync_costs_about_two_requests_per_page_and_a_poll_one(
    tmp_path, klantinteracties_server
):
    server = klantinteracties_server
    seed_server(server, 600)  # two pages of 500
    asked: list[tuple[str, str, dict]] = []

    def record(method, path, query):
        asked.append((method, path[len(BASE) :], query))
        return None

    server.tamper = record

    async def scenario():
        async with connected(tmp_path / "s.sqlite3", server) as c:
            first = await c.engine.sync_once()
            first_asked = list(asked)
            asked.clear()
            await c.engine.sync_once()
            poll_asked = list(asked)
            # Someone closes one task elsewhere.
            task = server.all("internetaken")[7]
            server.handle(
                "PATCH", f"{BASE}/internetaken/{task['uuid']}", {}, {"status": "verwerkt"}
            )
            asked.clear()
            after_close = await c.engine.sync_once()
            close_asked = list(asked)
            closed = await c.db.read(
                lambda conn: conn.exec_driver_sql(
                    "SELECT count(*) FROM interaction WHERE is_open = 0"
                ).scalar_one()
            )
            return first, first_asked, poll_asked, after_close, close_asked, closed

    first, first_asked, poll_asked, after_close, close_asked, closed = asyncio.run(scenario())
    assert first.pulled == 600
    task_lists = [q for m, p, q in first_asked if p == "/internetaken"]
    assert task_lists and all(q.get("status") == "te_verwerken" for q in task_lists)
    assert all(q.get("pageSize") == "500" for q in task_lists)
    contact_lists = [
        q for m, p, q in first_asked if p == "/klantcontacten" and q.get("pageSize") == "500"
    ]
    assert len(contact_lists) == 2 and all("expand" in q for q in contact_lists)
    # 2 pages of tasks + 2 pages of expanded contacts (+ a count probe, the actor look-up).
    assert len(first_asked) <= 2 + 2 + 3
    # A poll with nothing new: the task pages only.
    assert [p for m, p, q in poll_asked] == ["/internetaken"] * 2
    # A close elsewhere: the pages, then only that task and its contact.
    assert after_close.merged == 1 and closed == 1
    assert len(close_asked) <= 2 + 4
