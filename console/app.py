"""The composition root: config → store → adapters → services → window, torn down in reverse.

The one place where modes are chosen and concrete adapters are named. ``build_app`` pushes every
resource onto the caller's ``AsyncExitStack``; closing the stack undoes everything in reverse
order. Event-loop (GUI) thread only; the Qt application must exist before ``build_app`` is called
with ``with_window=True``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from console.channels import ChannelContext, ChannelFactory, ChannelRegistration
from console.clock import SystemClock
from console.config import Config, KlantinteractiesConfig
from console.config_speech import SpeechConfig  # issue 16: [speech]
from console.demo.availability import DemoAvailabilitySource
from console.demo.organisation import (
    DemoData,
    build_demo,
    read_demo_file,
)
from console.demo.simulator import DemoChannel, DemoReplySender, TrafficSimulator
from console.domain.audit import RETENTION_DAYS_DEFAULT
from console.domain.calendar import WorkingCalendar
from console.domain.errors import DomainError
from console.domain.model import Owner
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text  # issue 16: sentences shown in the UI
from console.ports import (
    AvailabilitySource,
    Clock,
    SecretMissing,
    SecretStore,
    Speech,
    Telephony,
    TelephonyError,
)
from console.services.alert_watch import OverdueNotesWatch, chat_waiting_rule
from console.services.callbacks import CallbackService
from console.services.calls import CallService
from console.services.chat_hours import ChatOutsideHours
from console.services.inbox import InboxService
from console.services.intake import Backoff, IntakeService
from console.services.privacy import AuditService, RetentionService
from console.services.read_aloud import ReadAloud
from console.services.session import Session
from console.services.spoken_alerts import SpokenAlerts
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
    # The sign-in's delegated Microsoft Graph token (async () -> str) for [availability] graph;
    # None: the token is read from the keyring.
    availability_token: Callable[[], Awaitable[str]] | None = None
    telephony: Telephony | None = None  # tests inject a phone; else chosen by config
    secrets: SecretStore | None = None  # connected mode; None: the OS keyring
    # The retention purge's first run, seconds after start (then daily): not in the start-up
    # rush, where it would compete with the first page for the one database thread.
    retention_delay: float = 600.0
    # Sign-in (issue 12): how the system browser is opened; tests pass an HTTP-driven one.
    open_browser: Callable[[str], object] | None = None
    channel_backoff: Backoff | None = None  # channel restarts and outbox retries (tests: short)
    speech: Speech | None = None  # issue 16; None: pyttsx3 with the [speech] settings


@dataclass
class KccApp:
    """Everything the composition root built; attributes are for the CLI and tests."""

    options: AppOptions
    db: Database
    session: Session
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
    audit: AuditService | None = None  # the privacy audit trail (issue 11)
    retention: RetentionService | None = None
    audit_screen: object | None = None  # widgets.audit_trail.AuditTrailScreen when built
    sign_in: object | None = None  # integrations.oidc.SignInResult in connected mode
    sign_out: Callable[[], Awaitable[None]] | None = None  # forget the sign-in, end the session
    intake: IntakeService | None = None  # every channel's contacts in, replies out (issue 14)
    spoken_alerts: SpokenAlerts | None = None  # issue 16: ringing, chat waiting, note late
    read_aloud: ReadAloud | None = None  # issue 16: "Lees voor" under the text boxes


async def _mail_channels(context: ChannelContext) -> list[ChannelRegistration]:
    from integrations.mail import mail_channels  # imported only when the registry runs

    return await mail_channels(context)


async def _matrix_channels(context: ChannelContext) -> list[ChannelRegistration]:
    from integrations.matrix import matrix_channels  # imported only when the registry runs

    return await matrix_channels(context)


# The channel registry: a new incoming channel is its own package plus one line here.
CHANNELS: dict[str, ChannelFactory] = {
    "mail": _mail_channels,
    "matrix": _matrix_channels,
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
    # The organisation from its file (issue 12): checked first, it is local and cheap.
    org_file = _organisation_file(config)
    token: str | None = None
    if connected:
        assert config.klantinteracties is not None
        # Before anything else: without its token the adapter must not start (and the user
        # hears which command fixes that).
        token = await _token(options, config.klantinteracties.secret)

    # Connected mode works as the person the identity provider signed in (issue 12).
    signed: tuple | None = None
    if connected:
        signed = await _sign_in(options, config, org_file, clock, stack)

    db = await Database.open(options.data_dir / STORE_FILE)
    stack.push_async_callback(db.close)
    outbox = Outbox() if connected else None
    interactions = SqlInteractionRepository(db, outbox=outbox)
    residents = SqlResidentRepository(db)

    if connected:  # no demo residents, subjects or agendas in a real municipality's store
        demo = DemoData(org_file.organisation, (), {}, dict(org_file.closing_days))
    else:  # the file read above (the shipped demo file without one): parsed once (B6)
        demo = build_demo(read_demo_file(), now=clock.now(), organisation=org_file)
    organisation = demo.organisation
    calendar = WorkingCalendar(
        holidays=DutchHolidays(include_good_friday=config.include_good_friday),
        closing_days=demo.closing_days,
    )
    user = signed[0] if signed else organisation.colleague(config.demo_user)
    if user is None:
        raise DomainError(f"De demogebruiker '{config.demo_user}' bestaat niet.")

    # The ONE session every service reads (issue 12); the simulator's inbox for the other
    # colleagues keeps a private one, so its switching never touches the signed-in user.
    session = Session(user, organisation=organisation)
    if signed:
        session.sign_in(user, **signed[2])

    def inbox_for(own: Session) -> InboxService:
        return InboxService(
            interactions=interactions,
            residents=residents,
            changes=db,
            organisation=organisation,
            calendar=calendar,
            clock=clock,
            session=own,
        )

    inbox = inbox_for(session)
    stack.push_async_callback(inbox.aclose)
    others = inbox_for(Session(user, organisation=organisation))
    stack.push_async_callback(others.aclose)
    # The simulator's failures (and the other colleagues') reach the same message bar.
    others.tasks.on_error(inbox.tasks.notify)

    if not connected:
        await residents.upsert_many(demo.residents)
    from resources.templates import chat_templates, mail_templates

    channel_store = SqlChannelStore(db, outbox=outbox)
    intake = IntakeService(
        store=channel_store,
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
        availability=options.availability
        or await _availability(options, organisation, clock, stack),
        phones=DutchPhoneNumbers(),
        changes=db,
        organisation=organisation,
        calendar=calendar,
        clock=clock,
        session=session,
        availability_timeout=options.availability_timeout,
    )
    stack.push_async_callback(callbacks.aclose)
    callbacks.tasks.on_error(inbox.tasks.notify)

    app = KccApp(
        options=options,
        db=db,
        session=session,
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

    app.audit, app.retention = _start_privacy(config, db, clock, inbox, callbacks, stack)

    if signed:
        app.sign_in = signed[1]
        app.sign_out = _sign_out_for(signed[3], session)
    if connected:
        assert config.klantinteracties is not None and token is not None
        app.sync_engine, app.sync = await _start_sync(
            config.klantinteracties,
            token,
            db=db,
            clock=clock,
            inbox=inbox,
            stack=stack,
            organisation=organisation,
            deadline_for=callbacks.deadline,
        )

    app.intake = intake
    if not connected:
        demo_channel = ChannelRegistration(DemoChannel(simulator), sender=DemoReplySender())
        intake.register(demo_channel, run=options.simulate)
    context = ChannelContext(
        config_source=config.source,
        secrets=options.secrets or _KeyringOnFirstUse(),
        organisation=organisation,
        clock=clock,
    )
    for factory in CHANNELS.values():
        for registration in await factory(context):
            intake.register(registration)
    # N11: chat and "bel me" outside opening hours get the automatic reply and a callback task.
    outside_hours = ChatOutsideHours(
        store=channel_store,
        notes=callback_notes,
        phones=DutchPhoneNumbers(),
        organisation=organisation,
        calendar=calendar,
        clock=clock,
        template=chat_templates().get("outside_hours"),
    )
    intake.after_delivery.append(outside_hours.after_delivery)
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

    app.spoken_alerts, app.read_aloud = _start_speech(options, clock, inbox, callbacks, stack)
    intake.after_delivery.append(chat_waiting_rule(app.spoken_alerts))

    if options.with_window:
        from PySide6.QtCore import QCoreApplication

        from widgets.i18n import install_language
        from widgets.text_tools import use_read_aloud

        # Before any widget is made: every "Lees voor" button under a text box uses it.
        use_read_aloud(app.read_aloud)
        stack.callback(use_read_aloud, None)
        from widgets.main_window import MainWindow

        language = ui_language(config, options.data_dir)
        install_language(language)  # before any widget: every tr() reads the active language

        window = MainWindow(inbox, demo=config.mode == "demo")
        app.window = window
        window.detail.attach_channels(intake)
        if app.sync is not None:
            from widgets.sync_status import SyncStatusLabel

            status = SyncStatusLabel(app.sync, clock=clock)
            window.statusBar().addPermanentWidget(status)
            window.sync_status = status  # type: ignore[attr-defined]
            stack.callback(status.cleanup)
            from widgets.sync_problems import install_sync_menu

            problems = install_sync_menu(window, app.sync)  # issue 10: Niet verzonden & co
            stack.callback(problems.cleanup)

        def close_window() -> None:
            window.cleanup()
            window.close()
            window.deleteLater()

        stack.callback(close_window)

        from console.domain.roles import Screen
        from widgets.dashboard import DashboardScreen
        from widgets.roles import RoleController

        dashboard = DashboardScreen(supervision)
        dashboard_action = window.add_screen(
            dashboard, QCoreApplication.translate("app", "Dashboard"), "Ctrl+B"
        )
        dashboard.drill_down_requested.connect(window.show_drilldown)
        saved = QCoreApplication.translate("app", "Opgeslagen: {path}")
        dashboard.exported.connect(lambda path: window.messages.show_info(saved.format(path=path)))
        stack.callback(dashboard.cleanup)  # runs before the window closes
        audit_screen, audit_action = _audit_screen(app, window)
        stack.callback(audit_screen.cleanup)
        roles = RoleController(
            window,
            inbox,
            tabs=window.screens,
            screens={
                Screen.INBOX: window.inbox_screen,
                Screen.DASHBOARD: dashboard,
                Screen.AUDIT: audit_screen,
            },
            actions={Screen.DASHBOARD: dashboard_action, Screen.AUDIT: audit_action},
        )
        if config.mode == "demo":
            roles.build_menu()
        roles.apply_role(user.role)
        window.user_switched()
        app.dashboard, app.roles = dashboard, roles
        from widgets.callback_screen import CallbackUi

        app.callback_ui = CallbackUi(window=window, service=callbacks, inbox=inbox)
        stack.callback(app.callback_ui.cleanup)
        # Another person now: their callback lists at once, not at the next store change.
        stack.callback(session.subscribe(lambda _state: app.callback_ui.screen.reload()))
        from widgets.call_panel import install_call_panel

        panel = install_call_panel(window, calls, transfers)
        app.call_panel = panel
        stack.callback(panel.cleanup)
        _wire_spoken_alerts(window, panel, app.spoken_alerts)
        from widgets.session_ui import install_session_ui

        window.session_ui = session_ui = install_session_ui(  # type: ignore[attr-defined]
            window, session, sign_out=app.sign_out, notice=_grace_notice(app.sign_in)
        )
        stack.callback(session_ui.cleanup)
        from widgets.settings_dialog import install_settings

        install_settings(window, language, lambda lang: save_ui_language(options.data_dir, lang))
        if phone_error:
            window.messages.show_error(phone_error)
        _load_store_tables_after_first_page(window, db, inbox)
    elif phone_error:
        inbox.tasks.notify(phone_error)
    app.retention.start(delay=options.retention_delay)
    return app


def _load_store_tables_after_first_page(window, db: Database, inbox: InboxService) -> None:
    """Import the sqlmodel tables on the database thread once the first page is drawn.

    They are left out of the start (B6); loading them here keeps that ~0.3 s out of the first
    call, save or detail view, which would otherwise pay it in the middle of their work.
    """
    from offline_cache.repositories import STORE_TABLES

    def load() -> None:
        window.model.refreshed.disconnect(load)
        inbox.tasks.spawn(
            db.read(lambda _conn: STORE_TABLES.interaction), what="opslag voorbereiden"
        )

    window.model.refreshed.connect(load)


def _start_speech(
    options: AppOptions, clock: Clock, inbox: InboxService, callbacks: CallbackService, stack
) -> tuple[SpokenAlerts, ReadAloud]:
    """Issue 16: one speech engine for "Lees voor" and the spoken alerts ([speech])."""
    from integrations.speech import Pyttsx3Speech

    settings: SpeechConfig = options.config.section("speech") or SpeechConfig()
    speech = options.speech or Pyttsx3Speech(voice=settings.voice, rate=settings.rate)
    tasks = TaskGroup()
    tasks.on_error(inbox.tasks.notify)
    stack.push_async_callback(tasks.aclose)
    alerts = SpokenAlerts(
        speech,
        clock,
        tasks=tasks,
        enabled=settings.alerts,
        per_kind=timedelta(seconds=settings.alert_gap_seconds),
        per_minute=settings.alerts_per_minute,
    )
    read_aloud = ReadAloud(speech, tasks=TaskGroup())
    read_aloud.tasks.on_error(inbox.tasks.notify)
    stack.push_async_callback(read_aloud.aclose)
    # Runs for the whole session (its own group: never drained); checks once a minute.
    watch = OverdueNotesWatch(callbacks.my_notes, alerts, clock)
    tasks.spawn(watch.run(60.0), what="te late terugbelnotities")
    return alerts, read_aloud


def _wire_spoken_alerts(window, panel, alerts: SpokenAlerts) -> None:
    """A ringing call asks for its spoken alert; Beeld → Gesproken meldingen switches them."""
    from console.services.spoken_alerts import AlertKind
    from widgets.speech_ui import add_spoken_alerts_toggle

    panel.desk.on_ringing.append(lambda _state: alerts.alert(AlertKind.CALL_RINGING))
    window.spoken_alerts_action = add_spoken_alerts_toggle(window, alerts)


def _start_privacy(
    config: Config,
    db: Database,
    clock: Clock,
    inbox: InboxService,
    callbacks: CallbackService,
    stack: AsyncExitStack,
) -> tuple[AuditService, RetentionService]:
    """Issue 11 (AVG): the audit trail of opened records, and the retention job (running)."""
    from offline_cache.privacy import SqlAuditTrail, SqlRetention

    trail = SqlAuditTrail(db)
    organisation = inbox.organisation

    def name_of(colleague_id: str) -> str:
        colleague = organisation.colleague(colleague_id)
        return colleague.name if colleague else colleague_id

    audit = AuditService(store=trail, clock=clock, user=lambda: inbox.user, names=name_of)
    inbox.audit = audit
    callbacks.audit = audit  # type: ignore[attr-defined]
    retention = RetentionService(
        store=SqlRetention(db), audit=trail, clock=clock, days=_retention_days(config)
    )
    retention.tasks.on_error(inbox.tasks.notify)
    stack.push_async_callback(retention.aclose)
    return audit, retention  # started by build_app once the window can show its report


UI_LANGUAGE_FILE = "ui_language"  # in the data directory: this user's choice in Instellingen


def ui_language(config: Config, data_dir: Path) -> str:
    """The screens' language: the user's choice (Instellingen), else ``[ui] language``."""
    from console.config_ui import LANGUAGES

    try:
        chosen = (data_dir / UI_LANGUAGE_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        chosen = ""
    if chosen in LANGUAGES:
        return chosen
    ui = config.section("ui")
    return ui.language if ui is not None else "nl"


def save_ui_language(data_dir: Path, language: str) -> None:
    """Store the user's choice; it takes effect at the next start."""
    (data_dir / UI_LANGUAGE_FILE).write_text(language + "\n", encoding="utf-8")


def _retention_days(config: Config) -> int:
    """Days a closed contact's personal data stays: ``[privacy] retention_days`` (30)."""
    privacy = config.section("privacy")
    return privacy.retention_days if privacy is not None else RETENTION_DAYS_DEFAULT


def _audit_screen(app: KccApp, window):
    """The supervisor's audit trail tab (hidden for other roles by the RoleController)."""
    from PySide6.QtCore import QCoreApplication

    from widgets.audit_trail import TITLE, AuditTrailScreen

    assert app.audit is not None
    screen = AuditTrailScreen(
        app.audit,
        names=lambda cid: getattr(app.demo.organisation.colleague(cid), "name", cid),
        tasks=app.inbox.tasks,
    )
    action = window.add_screen(
        screen, QCoreApplication.translate("AuditTrailScreen", TITLE), "Ctrl+Shift+L"
    )
    saved = QCoreApplication.translate("app", "Opgeslagen: {path}")
    screen.exported.connect(lambda path: window.messages.show_info(saved.format(path=path)))
    assert app.retention is not None
    app.retention.on_report(window.messages.show_info)  # what the purge removed
    app.audit_screen = screen
    return screen, action


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
            max_calls=settings.max_calls,
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


class _KeyringOnFirstUse:
    """The OS keyring, imported and opened only when a secret is first asked for.

    The channel registry gets a secret store whether or not a channel is configured; importing
    ``keyring`` (and its backends) costs ~50 ms of the start (B6) that a console without mail or
    chat never needs.
    """

    def __init__(self) -> None:
        self._store: SecretStore | None = None

    def _real(self) -> SecretStore:
        if self._store is None:
            self._store = _keyring()
        return self._store

    async def get(self, name: str) -> str | None:
        return await self._real().get(name)

    async def set(self, name: str, value: str) -> None:
        await self._real().set(name, value)

    async def delete(self, name: str) -> bool:
        return await self._real().delete(name)

    async def names(self) -> list[str]:
        return await self._real().names()


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
    organisation: Organisation | None = None,
    deadline_for=None,
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
        ca_file=settings.ca_file,
    )
    stack.push_async_callback(client.aclose)
    # Actors follow KISS/ITA's conventions from the organisation (colleague by e-mail, desk as
    # group): issue 10. Notes made elsewhere get their N1 deadline from when they were made.
    adapter = KlantinteractiesAdapter(
        client,
        agent_actor=settings.actor_id,
        agent_id=inbox.user.id,
        organisation=organisation,
    )
    engine = SyncEngine(
        db,
        adapter,
        clock=clock,
        owners=lambda: [Owner.colleague(inbox.user.id), Owner.desk(inbox.user.desk_id)],
        **({"deadline_for": deadline_for} if deadline_for else {}),
    )
    sync = SyncService(engine=engine, changes=db, clock=clock, interval=settings.sync_interval)
    sync.start()
    stack.push_async_callback(sync.aclose)
    sync.tasks.on_error(inbox.tasks.notify)
    return engine, sync


async def _availability(
    options: AppOptions, organisation, clock: Clock, stack: AsyncExitStack
) -> AvailabilitySource:
    """The source chosen by ``[availability]`` (issue 13); the demo agendas by default."""
    from console.availability_setup import availability_config, build_availability

    def secrets() -> SecretStore:
        if options.secrets is not None:
            return options.secrets
        from integrations.secrets_keyring import KeyringSecretStore

        return KeyringSecretStore()

    settings = availability_config(options.config)
    source = build_availability(
        settings,
        organisation,
        now=clock.now,
        secrets=secrets,
        token=options.availability_token,
    )
    if source is None:
        return DemoAvailabilitySource(organisation)
    stack.push_async_callback(source.aclose)  # type: ignore[attr-defined]
    return source


# -- who is signed in, and the organisation (issue 12) ----------------------------------------

NO_ORGANISATION = (
    "Voor de verbonden modus heeft de console het organisatiebestand van de gemeente nodig. "
    'Zet in {config} deze regel: organisation = "pad/naar/organisatie.toml". Controleer het '
    "bestand met: kcc-console org check pad/naar/organisatie.toml. U krijgt het bestand van de "
    "functioneel beheerder."
)
NO_IDENTITY = (
    "In de verbonden modus meldt u zich aan met uw account van de gemeente. Zet daarvoor in "
    "{config} een blok [identity] met issuer en client_id. Die gegevens krijgt u van de "
    "functioneel beheerder. Kijk ook in de README."
)


def _organisation_file(config: Config):
    """The configured organisation file; the shipped demo file in demo mode without one.

    Raises:
        ConfigError: connected mode without an organisation file.
        OrganisationFileError: the file has mistakes (each named with its line).
    """
    from console.config import ConfigError
    from console.demo.organisation import demo_organisation_path
    from integrations.organisation_file import load_organisation

    if config.organisation is None:
        if config.mode == "connected":
            raise ConfigError(NO_ORGANISATION.format(config=config.source or "de instellingen"))
        return load_organisation(demo_organisation_path())
    if config.mode == "connected" and config.section("identity") is None:
        raise ConfigError(NO_IDENTITY.format(config=config.source or "de instellingen"))
    return load_organisation(config.organisation)


async def _sign_in(options: AppOptions, config: Config, org_file, clock: Clock, stack):
    """Sign the user in with OpenID Connect; returns (colleague, result, session kwargs, oidc).

    Raises:
        ConfigError: no [identity] in the config.
        SignInError: the provider refused, is unreachable past the grace period, or the person
            has no known role or is not in the organisation file.
    """
    from dataclasses import replace

    from console.config import ConfigError
    from console.domain.model import Role
    from console.services.session import SignInKind
    from integrations.oidc.client import OidcSignIn, SignInError, role_for

    settings = config.section("identity")
    if settings is None:
        raise ConfigError(NO_IDENTITY.format(config=config.source or "de instellingen"))
    if options.secrets is not None:
        secrets = options.secrets
    else:
        from integrations.secrets_keyring import KeyringSecretStore

        secrets = KeyringSecretStore()
    if options.open_browser is not None:
        open_browser = options.open_browser
    else:
        import webbrowser

        open_browser = webbrowser.open
    oidc = OidcSignIn(settings, secrets=secrets, clock=clock, open_browser=open_browser)
    stack.push_async_callback(oidc.aclose)
    result = await oidc.start()
    identity = result.identity
    colleague = org_file.colleague_by_email(identity.email)
    if colleague is None:
        await oidc.sign_out()  # the next start asks again (perhaps someone else, or after a fix)
        raise SignInError(
            f"U bent aangemeld als {identity.email}, maar dat adres staat niet in het "
            "organisatiebestand. Vraag de functioneel beheerder u toe te voegen.",
        )
    role = role_for(identity, settings.roles)
    if role is None:
        await oidc.sign_out()
        raise SignInError(
            f"Uw account ({identity.email}) heeft geen rol voor de KCC-console (agent, backoffice "
            f"of teamleider). Vraag {settings.help_contact} u in de juiste groep te zetten.",
        )
    user = replace(colleague, role=Role(role))
    kind = SignInKind.GRACE if result.offline else SignInKind.OIDC
    session_kwargs = {
        "kind": kind,
        "verified_at": identity.verified_at,
        "offline_until": result.offline_until,
    }
    log.info("signed in (%s, role %s)", kind.value, role.value)
    return user, result, session_kwargs, oidc


def _sign_out_for(oidc, session: Session) -> Callable[[], Awaitable[None]]:
    async def sign_out() -> None:
        await oidc.sign_out()
        session.sign_out()

    return sign_out


def _grace_notice(result) -> str | None:
    if result is None or not result.offline or result.offline_until is None:
        return None
    from console.domain.calendar import AMSTERDAM

    verified = result.identity.verified_at.astimezone(AMSTERDAM)
    until = result.offline_until.astimezone(AMSTERDAM)
    # A Sentence: the message bar shows it in the chosen language (installed by then, unlike
    # the sign-in refusals above, which end the start on the terminal and so stay Dutch).
    return Sentence.of(
        Text(
            "errors",
            QT_TRANSLATE_NOOP(
                "errors",
                "De aanmeldserver is niet bereikbaar. U werkt met uw laatste aanmelding van "
                "{verified}; dat kan tot {until}. Daarna moet het netwerk terug zijn om aan te "
                "melden.",
            ),
            {"verified": f"{verified:%d-%m %H:%M}", "until": f"{until:%d-%m %H:%M}"},
        )
    )
