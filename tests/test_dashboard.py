"""The dashboard on a real qasync loop, built through the composition root.

A change in the store reaches a tile; a click on a number opens the inbox with exactly the items
behind it; roles decide who sees the dashboard; exports write real files; the table model
passes Qt's model tester.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.domain.inbox import Scope, StateFilter
from console.domain.model import Channel, Outcome, Role
from console.domain.roles import Screen
from console.domain.supervision import Level
from tests.conftest import AMS
from tests.helpers import running_app, signal_until
from widgets import dashboard_texts as t
from widgets.dashboard import GroupTableModel

SUPERVISOR = "c03"  # Fatima Bouzid, teamleider of the general KCC
BACK_OFFICE = "c02"


def _ids_in(model) -> set[str]:
    return {model.row_at(r).id for r in range(model.rowCount())}


def test_agents_do_not_see_the_dashboard_and_supervisors_land_on_it(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window, roles, dashboard = app.window, app.roles, app.dashboard
            tabs = window.screens
            seen = {}
            assert app.inbox.user.role is Role.AGENT
            seen["agent"] = (
                tabs.isTabVisible(tabs.indexOf(dashboard)),
                tabs.currentWidget() is window.inbox_screen,
                roles.visible_screens(),
            )
            roles.switch_actions[SUPERVISOR].trigger()  # "Demo-gebruiker wisselen" menu entry
            seen["supervisor"] = (
                tabs.isTabVisible(tabs.indexOf(dashboard)),
                tabs.currentWidget() is dashboard,
                window.user_label.text(),
            )
            roles.switch_to(BACK_OFFICE)
            seen["back_office"] = (
                tabs.isTabVisible(tabs.indexOf(dashboard)),
                tabs.currentWidget() is window.inbox_screen,
                window.model.query.scope,
                window.model.query.desk_id,
            )
            menu_roles = {app.demo.organisation.colleague(cid).role for cid in roles.switch_actions}
            return seen, menu_roles

    seen, menu_roles = qloop.run_until_complete(scenario())
    assert seen["agent"] == (False, True, [Screen.INBOX])
    assert seen["supervisor"][:2] == (True, True)
    assert "Fatima Bouzid" in seen["supervisor"][2]
    assert seen["back_office"] == (False, True, Scope.MY_DESK, "bo_wmo")
    assert menu_roles == {Role.AGENT, Role.BACK_OFFICE, Role.SUPERVISOR}


def test_a_change_in_the_store_reaches_the_tile(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            app.window.show()
            app.roles.switch_to(SUPERVISOR)
            dashboard = app.dashboard
            waiting = dashboard.tiles["waiting"]
            await signal_until(dashboard.refreshed, lambda: waiting.value.text() == "0")
            mail = await app.simulator.produce_one(channel=Channel.MAIL)
            # No manual refresh: the change notice alone must bring the tile up to date.
            await signal_until(dashboard.refreshed, lambda: waiting.value.text() == "1")
            await app.inbox.close(mail.id, Outcome.ANSWERED)
            handled = dashboard.tiles["handled"]
            await signal_until(
                dashboard.refreshed,
                lambda: waiting.value.text() == "0" and handled.value.text() == "1",
            )
            return waiting.value.text(), handled.value.text()

    assert qloop.run_until_complete(scenario()) == ("0", "1")


def test_overdue_note_turns_the_tile_red_with_words(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            app.window.show()  # a hidden dashboard does not refresh (it would slow the inbox)
            app.roles.switch_to(SUPERVISOR)
            dashboard = app.dashboard
            late = dashboard.tiles["notes_late"]
            await app.simulator.produce_one(channel=Channel.CALLBACK_NOTE)  # due Wed 17:00
            await signal_until(dashboard.refreshed, lambda: late.value.text() == "0")
            before = (late.level, late.level_label.text())
            clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=AMS))  # Thursday: past the deadline
            dashboard.schedule_refresh()
            await signal_until(dashboard.refreshed, lambda: late.value.text() == "1")
            n1 = dashboard.tiles["N1"]
            return before, (late.level, late.level_label.text()), (n1.level, n1.value.text())

    before, after, n1 = qloop.run_until_complete(scenario())
    assert before == (Level.OK, t.LEVEL[Level.OK])
    assert after == (Level.BROKEN, "✗ Niet gehaald")
    assert n1 == (Level.BROKEN, "0%")


def test_a_hidden_dashboard_waits_and_catches_up_when_shown(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            app.roles.switch_to(SUPERVISOR)
            dashboard = app.dashboard
            waiting = dashboard.tiles["waiting"]
            await signal_until(dashboard.refreshed, lambda: waiting.value.text() == "0")
            window.screens.setCurrentIndex(0)  # the supervisor looks at the inbox
            refreshes = []
            dashboard.refreshed.connect(lambda *_: refreshes.append(1))
            await app.simulator.produce_one(channel=Channel.MAIL)
            await app.inbox.tasks.drain()
            hidden_refreshes = len(refreshes)
            window.show_screen(dashboard)
            await signal_until(dashboard.refreshed, lambda: waiting.value.text() == "1")
            return hidden_refreshes

    assert qloop.run_until_complete(scenario()) == 0


def test_clicking_a_number_opens_the_inbox_with_the_items_behind_it(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            app.roles.switch_to(SUPERVISOR)
            dashboard = app.dashboard
            sim = app.simulator
            post = await sim.produce_one(channel=Channel.POST)
            mail = await sim.produce_one(channel=Channel.MAIL)
            phone = await sim.produce_one(channel=Channel.PHONE)
            clock.advance(timedelta(minutes=5))
            await app.inbox.close(phone.id, Outcome.ANSWERED)  # handled today, closed
            await signal_until(
                dashboard.refreshed, lambda: dashboard.tiles["handled"].value.text() == "1"
            )

            # A tile: the items waiting now, open ones only.
            QTest.mouseClick(dashboard.tiles["waiting"], Qt.MouseButton.LeftButton)
            await signal_until(
                window.model.refreshed,
                lambda: (
                    window.model.query.ids is not None
                    and _ids_in(window.model) == {post.id, mail.id}
                ),
            )
            waiting_view = (
                window.screens.currentWidget() is window.inbox_screen,
                window.drilldown_bar.isVisible(),
                window.drilldown_label.text(),
                window.model.query.ids,
            )

            # A table cell: handled today on the phone channel — a closed item in the list.
            window.screens.setCurrentWidget(dashboard)
            table = dashboard.channel_table
            row = [g.key for g in dashboard.channel_model._groups].index("phone")
            index = dashboard.channel_model.index(row, 3)
            table.scrollTo(index)
            QTest.mouseClick(
                table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
            )
            await signal_until(window.model.refreshed, lambda: _ids_in(window.model) == {phone.id})
            handled_view = (
                window.screens.currentWidget() is window.inbox_screen,
                window.model.query.state,
            )

            # Any ordinary filter leaves the drill-down.
            window.scope_group.button(3).click()
            await signal_until(window.model.refreshed, lambda: window.model.query.ids is None)
            return waiting_view, handled_view, window.drilldown_bar.isVisible()

    waiting_view, handled_view, bar_after = qloop.run_until_complete(scenario())
    on_inbox, bar_visible, title, ids = waiting_view
    assert on_inbox and bar_visible
    assert title == "Selectie uit het dashboard: Wachtend nu (2)"
    assert len(ids) == 2
    assert handled_view == (True, StateFilter.ALL)
    assert not bar_after


def test_exports_write_csv_and_png(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path / "store", clock) as app:
            app.window.show()
            app.roles.switch_to(SUPERVISOR)
            await app.simulator.produce_one(channel=Channel.MAIL)
            await app.dashboard.refresh()
            csv_path = app.dashboard.export_csv(tmp_path / "cijfers.csv")
            png_path = app.dashboard.export_png(tmp_path / "dashboard.png")
            return csv_path.read_text("utf-8-sig"), png_path.read_bytes()

    text, png = qloop.run_until_complete(scenario())
    lines = text.splitlines()
    assert lines[0].startswith("groep;naam;wachtend;")
    assert lines[1].startswith("totaal;Totaal;1;")
    assert any(line.startswith("kanaal;E-mail;1;") for line in lines)
    assert any(line.startswith("afdeling;Algemeen KCC;") for line in lines)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_group_table_model_passes_the_model_tester(qloop, qtmodeltester, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, seed_backlog=True) as app:
            dashboard = await app.supervision.figures(
                app.supervision.period(app.dashboard.period_kind)
            )
            model = GroupTableModel(lambda g: g.key)
            model.set_groups(dashboard.desks, dashboard.now)
            # Checked once, then watched while it changes (a reset, then dataChanged only).
            qtmodeltester.check(model, force_py=True)
            model.set_groups(dashboard.channels, dashboard.now)
            model.set_groups(dashboard.channels, dashboard.now)
            model.set_groups([], dashboard.now)
            model.set_groups(dashboard.channels, dashboard.now)
            return model.rowCount()

    assert qloop.run_until_complete(scenario()) == len(Channel)


def test_the_dashboard_counts_answered_and_missed_calls(qloop, tmp_path, clock):
    from console.services.calls import CallPhase
    from tests.test_sip_transfer import until

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            app.window.show()
            app.roles.switch_to(SUPERVISOR)
            dashboard, calls, phone = app.dashboard, app.calls, app.phone
            missed = phone.ring("+31418678513")
            await until(lambda: calls.state.phase is CallPhase.RINGING, calls.subscribe)
            phone.caller_hangs_up(missed)
            await until(lambda: calls.state.phase is CallPhase.IDLE, calls.subscribe)
            phone.ring("+31418678513")
            await until(lambda: calls.state.phase is CallPhase.RINGING, calls.subscribe)
            await calls.answer()
            await calls.hang_up()
            await calls.wrap_up(Outcome.ANSWERED)
            await calls.tasks.drain()
            await signal_until(
                dashboard.refreshed, lambda: "1 opgenomen · 1 gemist" in dashboard.calls_line.text()
            )
            return dashboard.calls_line.text()

    assert qloop.run_until_complete(scenario()) == t.CALLS_LINE.format(
        answered=1, missed=1, abandoned=0, refused=0
    )
