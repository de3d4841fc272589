"""The list of ringing calls in the call panel (demo phone): who waits, how long, and which
call Opnemen answers; the agent picks another with the keyboard. Waits end on state changes."""

from __future__ import annotations

import gc
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.services.calls import CallPhase
from tests.helpers import running_app
from tests.test_sip_transfer import until
from widgets.ringing_calls import ANSWERS, WAITING_BEHIND

NUMBERS = ["+31418678513", "+31418600002", "+31418600003"]


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    yield
    gc.collect()


def test_ringing_list_shows_waits_and_the_agent_chooses_which_call_to_answer(
    qloop, tmp_path, clock
):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, calls, panel = app.window, app.calls, app.call_panel
            window.show()
            app.phone.ring(NUMBERS[0])
            await until(lambda: calls.state.phase is CallPhase.RINGING, calls.subscribe)
            alone_visible = panel.ringing.isVisible()
            clock.advance(timedelta(seconds=65))
            for number in NUMBERS[1:]:
                app.phone.ring(number)
            await until(lambda: len(calls.state.waiting) == 2, calls.subscribe)
            before = [panel.ringing.list.item(i).text() for i in range(panel.ringing.list.count())]
            shown = panel.ringing.isVisible()
            # Keyboard: into the list, two rows down, Enter: that call is the one to answer.
            panel.ringing.list.setFocus()
            panel.ringing.list.setCurrentRow(0)
            QTest.keyClick(panel.ringing.list, Qt.Key.Key_Down)
            QTest.keyClick(panel.ringing.list, Qt.Key.Key_Down)
            QTest.keyClick(panel.ringing.list, Qt.Key.Key_Return)
            await until(lambda: calls.state.number == NUMBERS[2], calls.subscribe)
            chosen = [panel.ringing.list.item(i).text() for i in range(panel.ringing.list.count())]
            QTest.keyClick(window, Qt.Key.Key_F9)
            await until(lambda: calls.state.interaction is not None, calls.subscribe)
            talking = [panel.ringing.list.item(i).text() for i in range(panel.ringing.list.count())]
            return alone_visible, before, shown, chosen, calls.state, talking

    alone, before, shown, chosen, state, talking = qloop.run_until_complete(scenario())
    assert not alone  # one call: the panel itself says it all
    assert shown and len(before) == 3
    assert before[0] == f"{NUMBERS[0]} — wacht 1:05{ANSWERS}"
    assert before[1] == f"{NUMBERS[1]} — wacht 0:00"
    assert chosen[0].startswith(NUMBERS[2]) and chosen[0].endswith(ANSWERS)
    assert [c.split(" ")[0] for c in chosen[1:]] == NUMBERS[:2]  # back in order of ringing
    assert state.phase is CallPhase.TALKING and state.number == NUMBERS[2]
    assert talking == [
        f"{NUMBERS[0]} — wacht 1:05{WAITING_BEHIND}",
        f"{NUMBERS[1]} — wacht 0:00{WAITING_BEHIND}",
    ]
