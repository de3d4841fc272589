"""``kcc-console --screenshots DIR``: a PNG of each main screen, for docs and review.

Builds the app through the composition root on a temporary demo store, fills it with the
simulator's backlog, puts each screen in a typical state and grabs it. Offscreen Qt; GUI thread.
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from pathlib import Path

from console.app import AppOptions, build_app


async def write_screenshots(options: AppOptions, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - once, before the loop is busy
    written: list[Path] = []
    async with AsyncExitStack() as stack:
        app = await build_app(options, stack)
        window = app.window
        window.resize(1500, 860)  # type: ignore[union-attr]
        window.show()  # type: ignore[union-attr]
        await app.inbox.tasks.drain()
        await window.model.refresh()  # type: ignore[union-attr]
        window.table.selectRow(2)  # type: ignore[union-attr]
        await app.inbox.tasks.drain()
        path = directory / "inbox.png"
        if not window.grab().save(str(path)):  # type: ignore[union-attr]
            raise RuntimeError(f"could not write {path}")
        written.append(path)

        # The supervisor's dashboard over the same demo traffic, as a supervisor sees it.
        supervisor = next(c for c in app.demo.organisation.colleagues if c.role == "supervisor")
        app.roles.switch_to(supervisor.id)  # type: ignore[union-attr]
        await app.dashboard.refresh()  # type: ignore[union-attr]
        await app.inbox.tasks.drain()
        window.messages.hide()  # type: ignore[union-attr]
        window.centralWidget().layout().activate()  # type: ignore[union-attr]
        path = directory / "dashboard.png"
        if not window.grab().save(str(path)):  # type: ignore[union-attr]
            raise RuntimeError(f"could not write {path}")
        written.append(path)
    return written
