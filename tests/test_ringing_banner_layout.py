"""The ringing banner covers nothing at 1366×768 (issue 16): it lies on space made for it.

Real composition root, demo phone, offscreen Qt. While the phone rings, the banner's rectangle
(on screen) must not touch the phone dock or the central widget (tabs, inbox); when the phone
stops ringing the space goes away again.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QPoint, QRect

from console.services.calls import CallPhase
from tests.helpers import running_app
from tests.test_desk_layout import until_laid_out
from tests.test_sip_transfer import until

CALLER = "+31418678513"


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    yield
    gc.collect()


def on_screen(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_ringing_banner_covers_neither_the_phone_dock_nor_the_inbox(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.resize(1366, 768)
            window.show()
            await until_laid_out()
            top_before = on_screen(window.centralWidget()).top()
            app.phone.pick_up_chance = 1.0
            app.phone.ring(CALLER)
            await until(lambda: calls.state.phase is CallPhase.RINGING, calls.subscribe)
            await until_laid_out()
            banner = panel.desk.banner
            assert banner.isVisible()
            covered = {
                "phone dock": on_screen(banner).intersects(on_screen(panel.dock)),
                "inbox and tabs": on_screen(banner).intersects(on_screen(window.centralWidget())),
                "menu bar": on_screen(banner).intersects(on_screen(window.menuBar())),
            }
            width = banner.width()
            await calls.answer()
            await until(lambda: calls.state.phase is not CallPhase.RINGING, calls.subscribe)
            await until_laid_out()
            top_after = on_screen(window.centralWidget()).top()
            return covered, width, top_before, top_after, banner.isVisible()

    covered, width, top_before, top_after, still_shown = qloop.run_until_complete(scenario())
    assert covered == {"phone dock": False, "inbox and tabs": False, "menu bar": False}
    assert width == 1366
    assert not still_shown and top_after == top_before  # the space is given back
