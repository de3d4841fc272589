"""The composition root: config → store → adapters → services → window, torn down in reverse.

The one place where modes are chosen and concrete adapters are named. ``build_app`` pushes every
resource onto the caller's ``AsyncExitStack``; closing the stack undoes everything in reverse
order. Event-loop (GUI) thread only; the Qt application must exist before ``build_app`` is called
with ``with_window=True``.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from console.channels import ChannelContext, ChannelFactory, ChannelRegistration
from console.clock import SystemClock
from console.config import Config, KlantinteractiesConfig
from console.demo.availability import DemoAvailabilitySource
from console.demo.organisation import DemoData, DemoOrganisationSource
from console.demo.simulator import DemoChannel, DemoReplySender, TrafficSimulator
from console.domain.calendar import WorkingCalendar
from console.domain.errors import DomainError
from console.domain.model import Owner
from console.ports import (
    AvailabilitySource,
    Clock,
    SecretMissing,
    SecretStore,
    Telephony,
    TelephonyError,
)
from console.services.callbacks import CallbackService
from console.services.calls import CallService
from console.services.inbox import InboxService
from console.services.intake import Backoff, IntakeService
from console.services.supervision import SupervisionService
from console.services.sync import SyncService
from console.services.tasks import TaskGroup
from console.services.transfer import TransferService, callback_note_fallback
from integrations.calendar_nl import DutchHolidays
from integrations.phone_nl import DutchPhoneNumbers
from offline_cache.callback_notes import SqlCallbackNoteRepository
from offline_cache.calls import SqlCallRecords
from offline_cache.channels import SqlChannelStore
from offline_cache.database import Database
from offline_cache.lock import DataDirLock
from offline_cache.outbox import Outbox
from offline_cache.repositories import SqlInteractionRepository, SqlResidentRepository
from offline_cache.supervision import SqlSupervisionRepository

log = logging.getLogger(__name__)

STORE_FILE = "kcc-console.sqlite3"


@dataclass
class AppOptions:
    data_dir: Path
    config: Config = field(default_factory=Config)
    clock: Clock | None = None
    simulate: bool = True  # run the demo traffic simulator
    seed_backlog: bool = True  # fill an empty demo store with a morning's traffic
    with_window: bool = True
    # Colleague availability (N2); None: the demo organisation's agendas and out-of-office.
    availability: AvailabilitySource | None = None
    availability_timeout: float = 3.0
    telephony: Telephony | None = None  # tests inject a phone; else chosen by config
    secrets: SecretStore | None = None  # connected mode; None: the OS keyring
    channel_backoff: Backoff | None = None  # channel restarts and outbox retries (tests: short)


@dataclass
class KccApp:
    """Everything the composition root built; attributes are for the CLI and tests."""

    options: AppOptions
    db: Database
    interactions: SqlInteractionRepository
    residents: SqlResidentRepository
    inbox: InboxService
    demo: DemoData
    simulator: TrafficSimulator
    calendar: WorkingCalendar
    callbacks: CallbackService | None = None
    callback_notes: SqlCallbackNoteRepository | None = None
    window: object | None = None  # widgets.main_window.MainWindow when built
    callback_ui: object | None = None  # widgets.callback_screen.CallbackUi when built
    simulator_task: asyncio.Task | None = None
    supervision: SupervisionService | None = None
    dashboard: object | None = None  # widgets.dashboard.DashboardScreen when built
    roles: object | None = None  # widgets.roles.RoleController when built
    calls: CallService | None = None
    transfers: TransferService | None = None
    phone: Telephony | None = None
    call_panel: object | None = None  # widgets.call_panel.CallPanel when built
    sync: SyncService | None = None  # connected mode only
    sync_engine: object | None = None  # offline_cache.sync.SyncEngine in connected mode
    intake: IntakeService | None = None  # every channel's contacts in, replies out (issue 14)


async def _mail_channels(context: ChannelContext) -> list[ChannelRegistration]:
    from integrations.mail import mail_channels  # imported only when the registry runs

    return await mail_channels(context)


# The channel registry: a new incoming channel is its own package plus one line here.
CHANNELS: dict[str, ChannelFactory] = {
    "mail": _mail_channels,
}


async def build_app(options: AppOptions, stack: AsyncExitStack) -> KccApp:
    """Build the whole console; see the module docstring.

    Raises:
        StoreError: the data directory is locked, corrupt or not writable.
        DomainError: the configuration names something the organisation does not have.
    """
    clock = options.clock or SystemClock()
    config = options.config

    lock = DataDirLock(options.data_dir)
    lock.acquire()
    stack.callback(lock.release)

    connected = config.mode == "connected" and config.klantinteracties is not None
    token: str | None = None
    if connected:
        assert config.klantinteracties is not None
        # Before anything else: without its token the adapter must not start (and the user
        # hears which command fixes that).
        token = await _token(options, config.klantinteracties.secret)

    db = await Database.open(options.data_dir / STORE_FILE)
    stack.push_async_callback(db.close)
    outbox = Outbox() if connected else None
    interactions = SqlInteractionRepository(db, outbox=outbox)
    residents = SqlResidentRepository(db)

    demo = DemoOrganisationSource().data(now=clock.now())
    organisation = demo.organisation
    calendar = WorkingCalendar(
        holidays=DutchHolidays(include_good_friday=config.include_good_friday),
        closing_days=demo.closing_days,
    )
    user = organisation.colleague(config.demo_user)
    if user is None:
        raise DomainError(f"De demogebruiker '{config.demo_user}' bestaat niet.")

    def inbox_for(colleague_id: str) -> InboxService:
        return InboxService(
            interactions=interactions,
            residents=residents,
            changes=db,
            organisation=organisation,
            calendar=calendar,
            clock=clock,
            user=organisation.colleague(colleague_id) or user,
        )

    inbox = inbox_for(user.id)
    stack.push_async_callback(inbox.aclose)
    others = inbox_for(user.id)
    stack.push_async_callback(others.aclose)
    # The simulator's failures (and the other colleagues') reach the same message bar.
    others.tasks.on_error(inbox.tasks.notify)

    await residents.upsert_many(demo.residents)
    from resources.templates import mail_templates

    intake = IntakeService(
        store=SqlChannelStore(db, outbox=outbox),
        inbox=inbox,
        clock=clock,
        templates=mail_templates(),
        backoff=options.channel_backoff,
    )
    stack.push_async_callback(intake.aclose)
    intake.tasks.on_error(inbox.tasks.notify)
    simulator = TrafficSimulator(
        inbox=inbox,
        colleagues_inbox=others,
        data=demo,
        seed=config.demo_seed,
        pace_per_minute=config.demo_pace_per_minute,
        intake=intake,
    )
    supervision = SupervisionService(
        store=SqlSupervisionRepository(db),
        changes=db,
        organisation=organisation,
        calendar=calendar,
        clock=clock,
    )
    stack.push_async_callback(supervision.aclose)
    supervision.tasks.on_error(inbox.tasks.notify)

    if options.seed_backlog and not connected:
        seeded = await simulator.seed_backlog()
        if seeded:
            from console.demo.scores import seed_satisfaction

            await seed_satisfaction(inbox, supervision, seed=config.demo_seed)

    callback_notes = SqlCallbackNoteRepository(db, outbox=outbox)
    callbacks = CallbackService(
        notes=callback_notes,
        interactions=interactions,
        availability=options.availability or DemoAvailabilitySource(organisation),
        phones=DutchPhoneNumbers(),
        changes=db,
        organisation=organisation,
        calendar=calendar,
        clock=clock,
        user=user,
        availability_timeout=options.availability_timeout,
    )
    stack.push_async_callback(callbacks.aclose)
    callbacks.tasks.on_error(inbox.tasks.notify)

    app = KccApp(
        options=options,
        db=db,
        interactions=interactions,
        residents=residents,
        inbox=inbox,
        demo=demo,
        simulator=simulator,
        calendar=calendar,
        supervision=supervision,
        callbacks=callbacks,
        callback_notes=callback_notes,
    )

    if connected:
        assert config.klantinteracties is not None and token is not None
        app.sync_engine, app.sync = await _start_sync(
            config.klantinteracties, token, db=db, clock=clock, inbox=inbox, stack=stack
        )

    app.intake = intake
    if not connected:
        demo_channel = ChannelRegistration(DemoChannel(simulator), sender=DemoReplySender())
        intake.register(demo_channel, run=options.simulate)
    context = ChannelContext(
        config_source=config.source,
        secrets=options.secrets or _keyring(),
        organisation=organisation,
        clock=clock,
    )
    for factory in CHANNELS.values():
        for registration in await factory(context):
            intake.register(registration)
    intake.start()
    app.simulator_task = intake.source_tasks.get("demo")

    phone = options.telephony or _build_phone(config, options.data_dir, demo)
    calls = CallService(
        telephony=phone,
        inbox=inbox,
        records=SqlCallRecords(db),
        residents=residents,
        clock=clock,
    )
    stack.push_async_callback(calls.aclose)
    transfers = TransferService(
        calls=calls,
        interactions=interactions,
        organisation=organisation,
        calendar=calendar,
        clock=clock,
        fallback=callback_note_fallback(callbacks, interactions),
        address_of=_addresses(config),
    )
    app.calls, app.transfers, app.phone = calls, transfers, phone
    phone_error: str | None = None
    try:
        await calls.start()
    except TelephonyError as exc:
        phone_error = exc.message  # the console works without a phone; say so
    if options.simulate and hasattr(phone, "run"):
        # Its own group: the demo phone runs forever, so it must not be in a drained group.
        phone_tasks = TaskGroup()
        phone_tasks.on_error(inbox.tasks.notify)
        stack.push_async_callback(phone_tasks.aclose)
        phone_tasks.spawn(phone.run(), what="demotelefoon")

    if options.with_window:
        from widgets.main_window import MainWindow

        window = MainWindow(inbox, demo=config.mode == "demo")
        app.window = window
        window.detail.attach_channels(intake)
        if app.sync is not None:
            from widgets.sync_status import SyncStatusLabel

            status = SyncStatusLabel(app.sync, clock=clock)
            window.statusBar().addPermanentWidget(status)
            window.sync_status = status  # type: ignore[attr-defined]
            stack.callback(status.cleanup)

        def close_window() -> None:
            window.cleanup()
            window.close()
            window.deleteLater()

        stack.callback(close_window)

        from console.domain.roles import Screen
        from widgets.dashboard import DashboardScreen
        from widgets.roles import RoleController

        dashboard = DashboardScreen(supervision)
        dashboard_action = window.add_screen(dashboard, "Dashboard", "Ctrl+B")
        dashboard.drill_down_requested.connect(window.show_drilldown)
        dashboard.exported.connect(lambda path: window.messages.show_info(f"Opgeslagen: {path}"))
        stack.callback(dashboard.cleanup)  # runs before the window closes
        roles = RoleController(
            window,
            inbox,
            tabs=window.screens,
            screens={Screen.INBOX: window.inbox_screen, Screen.DASHBOARD: dashboard},
            actions={Screen.DASHBOARD: dashboard_action},
        )
        if config.mode == "demo":
            roles.build_menu()
        roles.apply_role(user.role)
        window.user_switched()
        app.dashboard, app.roles = dashboard, roles
        from widgets.callback_screen import CallbackUi

        app.callback_ui = CallbackUi(window=window, service=callbacks, inbox=inbox)
        stack.callback(app.callback_ui.cleanup)
        from widgets.call_panel import install_call_panel

        panel = install_call_panel(window, calls, transfers)
        app.call_panel = panel
        stack.callback(panel.cleanup)
        if phone_error:
            window.messages.show_error(phone_error)
    elif phone_error:
        inbox.tasks.notify(phone_error)
    return app


def _build_phone(config: Config, data_dir: Path, demo: DemoData) -> Telephony:
    """The demo phone by default; baresip when the config asks for it."""
    settings = config.telephony
    if settings.kind == "baresip":
        from integrations.sip.baresip import BaresipProcess, BaresipSettings, BaresipTelephony

        sip = BaresipSettings(
            ctrl_port=settings.ctrl_port,
            account=settings.account,
            sip_listen=settings.sip_listen,
            start=settings.start,
            executable=settings.executable,
            audio_source=settings.audio_source,
            audio_player=settings.audio_player,
            audio_modules=settings.audio_modules,
        )
        process = BaresipProcess(sip, config_dir=data_dir / "baresip") if settings.start else None
        return BaresipTelephony(sip, process=process)
    from console.demo.telephony import DemoTelephony

    return DemoTelephony(numbers=[r.phone for r in demo.residents if r.phone])


def _addresses(config: Config):
    settings = config.telephony

    def address_of(target) -> str | None:
        if target.id in settings.directory:
            return settings.directory[target.id]
        number = target.extension or target.phone
        if number and settings.dial_domain:
            return f"sip:{number}@{settings.dial_domain}"
        return number

    return address_of


def _keyring() -> SecretStore:
    from integrations.secrets_keyring import KeyringSecretStore

    return KeyringSecretStore()


async def _token(options: AppOptions, name: str) -> str:
    """The adapter's token from the secret store; SecretMissing names the fixing command."""
    store = options.secrets if options.secrets is not None else _keyring()
    token = await store.get(name)
    if not token:
        raise SecretMissing(name)
    return token


async def _start_sync(
    settings: KlantinteractiesConfig,
    token: str,
    *,
    db: Database,
    clock: Clock,
    inbox: InboxService,
    stack: AsyncExitStack,
):
    """The Klantinteracties adapter, the sync engine and the sync service, started."""
    from integrations.klantinteracties.adapter import KlantinteractiesAdapter
    from integrations.klantinteracties.client import KlantinteractiesClient
    from offline_cache.sync import SyncEngine

    client = KlantinteractiesClient(
        base_url=settings.base_url,
        token=token,
        timeout=settings.timeout,
        connect_timeout=settings.connect_timeout,
    )
    stack.push_async_callback(client.aclose)
    adapter = KlantinteractiesAdapter(client, agent_actor=settings.actor_id, agent_id=inbox.user.id)
    engine = SyncEngine(
        db,
        adapter,
        clock=clock,
        owners=lambda: [Owner.colleague(inbox.user.id), Owner.desk(inbox.user.desk_id)],
    )
    sync = SyncService(engine=engine, changes=db, clock=clock, interval=settings.sync_interval)
    sync.start()
    stack.push_async_callback(sync.aclose)
    sync.tasks.on_error(inbox.tasks.notify)
    return engine, sync
