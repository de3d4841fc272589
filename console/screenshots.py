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
        written.extend(await _callback_screens(app, directory))

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


async def _callback_screens(app, directory: Path) -> list[Path]:
    """The note dialog with the card of an out-of-office colleague (c02), and the list screen."""
    from console.domain.callbacks import CallbackDraft
    from console.domain.model import Owner
    from widgets.waiting import until_signal

    ui = app.callback_ui
    window = app.window
    prefill = await ui.prefill_for(window.selected_id())
    dialog = ui.open_callback_dialog(prefill)
    await until_signal(dialog.restored, lambda: True)
    await app.callbacks.tasks.drain()
    dialog.best_time.setText("na 14:00")
    dialog.picker.set_target(Owner.colleague("c02"))
    await until_signal(dialog.picker.checked, lambda: dialog.picker.check is not None)
    dialog.resize(1100, 640)
    await app.callbacks.tasks.drain()
    written = [directory / "callback_dialog.png"]
    if not dialog.grab().save(str(written[0])):
        raise RuntimeError(f"could not write {written[0]}")
    dialog.reject()
    await app.callbacks.tasks.drain()
    await app.callbacks.discard_draft(prefill.source_interaction_id)

    # A few notes written by the signed-in agent, so "Door mij gemaakt" shows their state.
    samples = [
        ("mevrouw De Vries", "06 12345678", "Vraagt of de scootmobiel al besteld is.", "c22"),
        ("de heer Jansen", "0345 581 234", "Wil weten wanneer de kapvergunning klaar is.", "c30"),
        (
            "mevrouw Bakker",
            "06 87654321",
            "Heeft een vraag over de aanslag afvalstoffenheffing.",
            "kcc",
        ),
    ]
    from console.domain.callbacks import AttemptOutcome

    for number, (name, phone, summary, target) in enumerate(samples):
        kind = "desk" if app.demo.organisation.desk(target) else "colleague"
        draft = CallbackDraft(
            resident_name=name,
            phone=phone,
            summary=summary,
            best_time="ochtend",
            target_kind=kind,
            target_id=target,
            override_reason="Afgesproken met de collega",
        )
        note = await app.callbacks.create(draft, check=None, confirm_duplicates=True)
        if number == 1:
            await app.callbacks.log_attempt(note.id, AttemptOutcome.NOT_REACHED)
    screen = ui.screen
    window.show_screen(screen)
    screen.set_scope("created")
    await app.callbacks.tasks.drain()
    await until_signal(screen.refreshed, lambda: screen.model.rowCount() >= 3)
    await app.callbacks.tasks.drain()
    path = directory / "callbacks.png"
    if not window.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    written.append(path)
    return written
