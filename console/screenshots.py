"""``kcc-console --screenshots DIR``: a PNG of each main screen, for docs and review.

Builds the app through the composition root on a temporary demo store, fills it with the
simulator's backlog, puts each screen in a typical state and grabs it. Offscreen Qt; GUI thread.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from console.app import AppOptions, build_app
from console.clock import FakeClock
from console.domain.calendar import AMSTERDAM
from console.domain.transfer import TransferTarget

# The window as on a 1366×768 laptop at 100 %; at another scale (QT_SCALE_FACTOR=1.25 on a
# 1920×1080 screen) the logical size of that screen, and file names say the scale.
LAPTOP = (1366, 768)


def _window_size() -> tuple[tuple[int, int], str]:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    if abs(ratio - 1.0) < 0.01:
        return LAPTOP, ""
    return (round(1920 / ratio), round(1080 / ratio)), f"_{round(ratio * 100)}pct"


async def write_screenshots(options: AppOptions, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - once, before the loop is busy
    written: list[Path] = []
    async with AsyncExitStack() as stack:
        app = await build_app(options, stack)
        await app.read_aloud.status()  # type: ignore[union-attr] # "Lees voor" as it will be
        window = app.window
        size, suffix = _window_size()
        window.resize(*size)  # type: ignore[union-attr]
        window.show()  # type: ignore[union-attr]
        await app.inbox.tasks.drain()
        await window.model.refresh()  # type: ignore[union-attr]
        window.table.selectRow(2)  # type: ignore[union-attr]
        await app.inbox.tasks.drain()
        path = directory / f"inbox{suffix}.png"
        if not window.grab().save(str(path)):  # type: ignore[union-attr]
            raise RuntimeError(f"could not write {path}")
        written.append(path)
        if not suffix:  # the high-contrast theme (Beeld → Hoog contrast), once
            window.act_contrast.trigger()  # type: ignore[union-attr]
            await asyncio.sleep(0)
            path = directory / "inbox_high_contrast.png"
            if not window.grab().save(str(path)):  # type: ignore[union-attr]
                raise RuntimeError(f"could not write {path}")
            written.append(path)
            window.act_contrast.trigger()  # type: ignore[union-attr]
        written.extend(await _callback_screens(app, directory))

        # The supervisor's dashboard over the same demo traffic, as a supervisor sees it.
        supervisor = next(c for c in app.demo.organisation.colleagues if c.role == "supervisor")
        app.roles.switch_to(supervisor.id)  # type: ignore[union-attr]
        await app.dashboard.refresh()  # type: ignore[union-attr]
        await app.inbox.tasks.drain()
        window.messages.hide()  # type: ignore[union-attr]
        window.centralWidget().layout().activate()  # type: ignore[union-attr]
        await asyncio.sleep(0)  # the tile grid's layout pass
        path = directory / f"dashboard{suffix}.png"
        if not window.grab().save(str(path)):  # type: ignore[union-attr]
            raise RuntimeError(f"could not write {path}")
        written.append(path)
    written += await _call_screenshots(options, directory)
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
    suffix = _window_size()[1]
    written = [directory / f"callback_dialog{suffix}.png"]
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
    path = directory / f"callbacks{suffix}.png"
    if not window.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    written.append(path)
    return written


# A Tuesday afternoon: the desks are open, the Werkbedrijf (mornings only) is closed.
TUESDAY_AFTERNOON = datetime(2026, 12, 1, 14, 0, tzinfo=AMSTERDAM)


def _save_with_banner(window, banner, path: Path) -> None:
    """The window with the ringing banner (its own top-level window) painted where it shows."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    image = window.grab()
    if banner.isVisible():
        painter = QPainter(image)
        at = window.mapFromGlobal(banner.mapToGlobal(QPoint(0, 0)))
        painter.drawPixmap(at, banner.grab())
        painter.end()
    if not image.save(str(path)):
        raise RuntimeError(f"could not write {path}")


async def _until_state(calls, predicate) -> None:
    reached = asyncio.Event()
    unsubscribe = calls.subscribe(lambda _s: reached.set() if predicate() else None)
    try:
        async with asyncio.timeout(10):
            while not predicate():
                reached.clear()
                await reached.wait()
    finally:
        unsubscribe()


async def _call_screenshots(options: AppOptions, directory: Path) -> list[Path]:
    """The call panel during a consult, and the transfer guide refusing a closed partner."""
    written = []
    options = replace(
        options,
        clock=FakeClock(TUESDAY_AFTERNOON),
        simulate=False,
        data_dir=options.data_dir / "calls",  # a backlog of its own, on the same Tuesday
    )
    async with AsyncExitStack() as stack:
        app = await build_app(options, stack)
        await app.read_aloud.status()  # type: ignore[union-attr] # "Lees voor" as it will be
        window, calls, transfers, panel = app.window, app.calls, app.transfers, app.call_panel
        size, suffix = _window_size()
        window.resize(*size)  # type: ignore[union-attr]
        window.show()  # type: ignore[union-attr]
        app.phone.pick_up_chance = 1.0  # type: ignore[union-attr]
        app.phone.ring("+31418678513")  # type: ignore[union-attr]
        await _until_state(calls, lambda: calls.state.pop and calls.state.pop.resident)
        await asyncio.sleep(0)
        path = directory / f"call_ringing{suffix}.png"
        _save_with_banner(window, panel.desk.banner, path)  # type: ignore[union-attr]
        written.append(path)
        await calls.answer()  # type: ignore[union-attr]
        panel.notes.setPlainText(  # type: ignore[union-attr]
            "Paspoort verloren op vakantie. Wil weten of ze een noodpaspoort kan krijgen. "
            "Website met haar doorgelopen."
        )
        target = TransferTarget.of_desk(app.inbox.organisation.desk("vk_burgerzaken"))
        summary = transfers.suggested_summary()  # type: ignore[union-attr]
        summary = replace(summary, what="Paspoort kwijt; kan ze een noodpaspoort krijgen?")
        transfers.prepare(target, summary)  # type: ignore[union-attr]
        await transfers.consult()  # type: ignore[union-attr]
        await asyncio.sleep(0)  # let the demo phone's events arrive (call_soon)
        panel.render()  # type: ignore[union-attr]
        await app.inbox.tasks.drain()  # the detail pane of the call's item (it follows the call)
        await asyncio.sleep(0.2)
        path = directory / f"call_panel_consult{suffix}.png"
        if not window.grab().save(str(path)):  # type: ignore[union-attr]
            raise RuntimeError(f"could not write {path}")
        written.append(path)

        await transfers.cancel(reason="Screenshot")  # type: ignore[union-attr]
        panel.open_guide()  # type: ignore[union-attr]
        guide = panel.guide  # type: ignore[union-attr]
        guide.search.setText("werk")
        guide.select_target("p_werk")
        guide.try_consult()
        path = directory / f"transfer_guide_closed_partner{suffix}.png"
        if not guide.grab().save(str(path)):
            raise RuntimeError(f"could not write {path}")
        written.append(path)
        guide.reject()
    return written
