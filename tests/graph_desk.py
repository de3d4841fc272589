"""A desk of colleagues mirrored in the local Graph test server (tests and benchmark B8 share it).

``desk_organisation(n)`` builds an organisation with one desk of ``n`` colleagues (and, with
``desks``, more desks of that size); ``seed_graph`` gives each colleague a Graph person with an
agenda around ``now``; ``graph_source`` builds the real adapter against the server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta

from console.domain.calendar import AMSTERDAM
from console.domain.model import Colleague, Desk, DeskKind, Role
from console.domain.organisation import Organisation
from integrations.graph.adapter import GraphAvailabilitySource
from integrations.graph.client import GraphClient
from tests.graph_server import TOKEN, GraphServer, Person

HOURS = {d: ((time(8, 30), time(17, 0)),) for d in range(5)}


def object_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def desk_organisation(size: int, *, desks: int = 1) -> Organisation:
    desk_list = tuple(
        Desk(f"d{d}", f"Team {d}", DeskKind.BACK_OFFICE, opening_hours=HOURS) for d in range(desks)
    )
    colleagues = tuple(
        Colleague(
            id=f"m{d * size + i:03d}",
            name=f"Collega {d * size + i:03d}",
            role=Role.BACK_OFFICE,
            desk_id=f"d{d}",
            email=f"collega{d * size + i:03d}@westbetuwe.example",
            working_hours=HOURS,
        )
        for d in range(desks)
        for i in range(size)
    )
    return Organisation("Test", desk_list, colleagues)


def seed_graph(server: GraphServer, organisation: Organisation, now: datetime) -> None:
    """Every colleague: available, a busy hour and a tentative hour today, working 08:30–17:00."""
    day = now.astimezone(AMSTERDAM).date()
    for n, colleague in enumerate(organisation.colleagues):
        assert colleague.email
        at = datetime.combine(day, time(11, 0), AMSTERDAM)
        server.add(
            Person(
                object_id=object_id(n),
                email=colleague.email,
                items=[
                    ("busy", at, at + timedelta(hours=1), ""),
                    ("tentative", at + timedelta(hours=3), at + timedelta(hours=4), ""),
                ],
            )
        )


def object_ids(organisation: Organisation) -> dict[str, str]:
    return {c.id: object_id(n) for n, c in enumerate(organisation.colleagues)}


def graph_source(
    server: GraphServer,
    organisation: Organisation,
    *,
    now: Callable[[], datetime],
    sleep: Callable[[float], Awaitable[None]] | None = None,
    token: str = TOKEN,
    max_concurrent: int = 4,
    timeout: float = 10.0,
) -> GraphAvailabilitySource:
    async def provide() -> str:
        return token

    async def no_wait(_seconds: float) -> None:
        return None

    client = GraphClient(
        base_url=server.url,
        token=provide,
        sleep=sleep or no_wait,
        max_concurrent=max_concurrent,
        timeout=timeout,
    )
    return GraphAvailabilitySource(
        organisation, client, object_ids=object_ids(organisation), now=now
    )
