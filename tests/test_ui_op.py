"""run_op: busy while running, one run at a time, Dutch success and failure messages.

A real TaskGroup on a real qasync loop; the service calls are small coroutines written here.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QPushButton

from console.domain.errors import DomainError
from console.services.tasks import GENERIC_FAILURE, TaskGroup
from widgets.ui_op import run_op


class FriendlyError(Exception):
    """Shaped like the coming UserFacingError: a Dutch ``user_message`` attribute."""

    user_message = "De collega is nu niet bereikbaar. Probeer het over een paar minuten."


def test_busy_success_failure_and_no_double_run(qloop, qapp):
    async def scenario():
        tasks = TaskGroup()
        shown: dict[str, list[str]] = {"info": [], "error": [], "group": []}
        tasks.on_error(shown["group"].append)
        button = QPushButton("Opslaan")
        release = asyncio.Event()

        async def save() -> str:
            await release.wait()
            return "mevrouw De Vries"

        first = run_op(
            tasks,
            save(),
            what="opslaan",
            busy=[button],
            success=lambda who: f"Opgeslagen voor {who}.",
            info=shown["info"].append,
            error=shown["error"].append,
        )
        busy_while_running = not button.isEnabled()
        second = run_op(tasks, save(), what="opslaan", info=shown["info"].append)
        release.set()
        await first
        enabled_after = button.isEnabled()

        async def fails(exc: Exception) -> None:
            raise exc

        for exc in (FriendlyError(), DomainError("Dit nummer bestaat niet."), KeyError("x")):
            await run_op(tasks, fails(exc), what="mislukt", error=shown["error"].append)
        await run_op(tasks, fails(FriendlyError()), what="zonder foutregel")  # to the group
        await tasks.drain()
        return busy_while_running, second, enabled_after, shown

    busy, second, enabled_after, shown = qloop.run_until_complete(scenario())
    assert busy and enabled_after
    assert second is None  # pressed again while saving: ignored
    assert shown["info"] == ["Opgeslagen voor mevrouw De Vries."]
    assert shown["error"] == [
        FriendlyError.user_message,
        "Dit nummer bestaat niet.",
        GENERIC_FAILURE,
    ]
    assert shown["group"] == [FriendlyError.user_message]
