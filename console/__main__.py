"""The command line: ``kcc-console`` (and ``python -m console``).

Starts the console (demo mode without a config file), or runs ``--self-test`` or
``--screenshots DIR`` offscreen. Every failure a user can meet ends in a Dutch sentence on
stderr (and the log) saying what to do, with exit code 2, never a traceback. Main thread only.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path

from console.domain.errors import UserFacingError

log = logging.getLogger("console")

# Shared libraries Qt needs on Linux, and the Debian package that brings each.
DEBIAN_PACKAGES = {
    "libEGL": "libegl1",
    "libGL": "libgl1",
    "libxkbcommon": "libxkbcommon0",
    "libfontconfig": "libfontconfig1",
    "libdbus": "libdbus-1-3",
    "libxcb-cursor": "libxcb-cursor0",
    "libxcb-icccm": "libxcb-icccm4",
    "libxcb-keysyms": "libxcb-keysyms1",
    "libespeak": "libespeak-ng1",
}


def missing_library_message(exc: ImportError) -> str:
    text = str(exc)
    for lib, package in DEBIAN_PACKAGES.items():
        if lib in text:
            return (
                f"Er ontbreekt een systeembibliotheek ({lib}). Installeer die met: "
                f"sudo apt-get install {package}"
            )
    return f"Er ontbreekt een onderdeel van de console ({text}). Installeer de console opnieuw."


def _demo_pace(text: str) -> float:
    """``--demo-pace``: the same range as ``[demo] pace_per_minute`` in the config file."""
    try:
        pace = float(text.replace(",", "."))
    except ValueError:
        pace = float("nan")
    if not 0.1 <= pace <= 6000:  # also false for nan
        raise argparse.ArgumentTypeError("kies een getal van 0,1 tot en met 6000")
    return pace


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kcc-console",
        description="KCC-console: de werkplek van het Klant Contact Centrum.",
    )
    parser.add_argument("--config", type=Path, help="instellingenbestand (TOML); zonder: demo")
    parser.add_argument("--data-dir", type=Path, help="map voor de lokale gegevens")
    parser.add_argument("--self-test", action="store_true", help="test de hele console en stop")
    parser.add_argument("--screenshots", type=Path, metavar="MAP", help="schermafdrukken maken")
    parser.add_argument(
        "--demo-pace", type=_demo_pace, help="demoverkeer: contacten per minuut (0,1 tot 6000)"
    )
    parser.add_argument("--verbose", action="store_true", help="meer meldingen in het logboek")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="start, toon de eerste pagina van de inbox, meld de starttijd (JSON) en stop",
    )
    return parser.parse_args(argv)


def default_log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("kcc-console", "KCC"))


def ms_since_process_start() -> float:
    """Milliseconds since this process was started (Linux: from /proc; else since import).

    Includes the interpreter's own start-up and every import, which a timer started inside the
    program cannot see.
    """
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return (uptime - ticks / os.sysconf("SC_CLK_TCK")) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.monotonic() - _IMPORTED_AT) * 1000.0


_IMPORTED_AT = time.monotonic()


async def report_when_ready(window) -> dict[str, object]:
    """Wait until the inbox's first page is applied and drawn; say how long the start took.

    Used by ``--exit-when-ready``: a start-up check for installers and support (does the
    console come up on this machine, with this data, and how fast?) and the cold-start
    benchmark.
    """
    from widgets.waiting import until_signal

    loaded: list[bool] = []
    window.model.refreshed.connect(lambda: loaded.append(True))
    await until_signal(window.model.refreshed, lambda: bool(loaded), seconds=120)
    window.repaint()  # the first page drawn, not only loaded
    return {
        "ready_ms": round(ms_since_process_start(), 1),
        "rows": window.model.rowCount(),
        "peak_rss_mb": _peak_rss_mb(),
    }


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("kcc-console", "KCC"))


def _qt_application(offscreen: bool):
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    ):
        raise UserFacingError(
            "Er is geen beeldscherm gevonden (DISPLAY is leeg). Start de console op een "
            "bureaublad, of probeer hem zonder scherm met: kcc-console --self-test"
        )
        # The offscreen plugin warns about window hints it cannot honour; that is expected.
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise UserFacingError(missing_library_message(exc)) from exc
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The event loop ends when our main coroutine ends, not when Qt decides: closing the window
    # at teardown must not stop the loop under the rest of the teardown.
    app.setQuitOnLastWindowClosed(False)
    app.setApplicationName("kcc-console")
    app.setApplicationDisplayName("KCC-console")
    return app


def _options(args: argparse.Namespace, data_dir: Path, **overrides):
    from console.app import AppOptions
    from console.config import load_config

    config = load_config(args.config)
    if args.demo_pace is not None:
        from dataclasses import replace

        config = replace(config, demo_pace_per_minute=args.demo_pace)
    return AppOptions(data_dir=data_dir, config=config, **overrides)


def install_excepthook(notify) -> None:
    """An unexpected error in a Qt slot: log its type, tell the user, keep running.

    Without this, PySide6 prints a traceback and carries on silently; the user would never know
    that their action did not happen.
    """

    def hook(exc_type, exc, tb) -> None:
        log.error("unexpected error: %s", exc_type.__name__, exc_info=(exc_type, exc, tb))
        if isinstance(exc, UserFacingError):
            notify(exc.user_message)
            return
        notify(
            "Er ging iets mis in de console. Uw werk is bewaard; probeer het opnieuw. "
            "Blijft dit gebeuren, meld het dan bij de servicedesk."
        )

    sys.excepthook = hook


async def run_gui(args: argparse.Namespace) -> int:
    from console.app import build_app

    qt = _qt_application(offscreen=False)
    data_dir = args.data_dir or default_data_dir()
    closed = asyncio.Event()
    qt.aboutToQuit.connect(closed.set)
    async with AsyncExitStack() as stack:
        options = _options(args, data_dir)
        waiting = None
        if options.config.mode == "connected":  # issue 12: say where to sign in meanwhile
            import webbrowser

            from widgets.session_ui import SignInWaiting

            waiting = SignInWaiting(webbrowser.open)
            options.open_browser = waiting.open_browser
        try:
            app = await build_app(options, stack)
        finally:
            if waiting is not None:
                waiting.close()
                waiting.deleteLater()
        install_excepthook(app.inbox.tasks.notify)
        app.window.show()  # type: ignore[union-attr]
        app.window.table.setFocus()  # type: ignore[union-attr]
        qt.lastWindowClosed.connect(closed.set)
        # Everything built so far (modules, Qt wrappers, the ORM's metadata) lives as long as
        # the window: keep it out of the garbage collector's full passes, which otherwise scan
        # it every time and stall the GUI thread by 50-90 ms during a sync (benchmark B5).
        gc.freeze()
        if args.exit_when_ready:
            print(json.dumps(await report_when_ready(app.window)), flush=True)
            return 0
        await closed.wait()
    return 0


async def run_self_test(args: argparse.Namespace) -> int:
    """Build the app offscreen on a temporary store and exercise it; print one JSON line.

    The simulator delivers items, one is taken and closed, and the store must agree.
    """
    from console.app import build_app
    from console.domain.model import Outcome, OwnerKind, Status
    from widgets.waiting import until_signal

    _qt_application(offscreen=True)
    started = time.monotonic()
    summary: dict[str, object] = {"ok": False}
    with tempfile.TemporaryDirectory(prefix="kcc-self-test-") as tmp:
        async with AsyncExitStack() as stack:
            options = _options(args, Path(tmp), seed_backlog=False)
            options.config = type(options.config)(
                **{**options.config.__dict__, "demo_pace_per_minute": 600.0}
            )
            app = await build_app(options, stack)
            window = app.window
            window.show()  # type: ignore[union-attr]
            model = window.model  # type: ignore[union-attr]
            await until_signal(model.refreshed, lambda: model.rowCount() >= 5, seconds=30)
            app.simulator_task.cancel()  # type: ignore[union-attr]
            await app.inbox.tasks.drain()
            item_id = window.model.row_at(0).id  # type: ignore[union-attr]
            taken = await app.inbox.take(item_id)
            closed = await app.inbox.close(item_id, Outcome.ANSWERED, "zelftest")
            stored = await app.interactions.get(item_id)
            await app.inbox.tasks.drain()
            await window.model.refresh()  # type: ignore[union-attr]
            checks = {
                "items_delivered": app.simulator.produced,
                "inbox_rows": window.model.rowCount(),  # type: ignore[union-attr]
                "taken_by_user": taken.owner.kind is OwnerKind.COLLEAGUE
                and taken.owner.id == app.inbox.user.id,
                "closed_in_store": stored is not None and stored.status is Status.DONE,
                "closed_left_inbox": window.model.row_of(item_id) is None,  # type: ignore[union-attr]
                "outcome": closed.outcome.value if closed.outcome else None,
            }
            summary.update(checks)
            summary["ok"] = bool(
                checks["items_delivered"]
                and checks["taken_by_user"]
                and checks["closed_in_store"]
                and checks["closed_left_inbox"]
            )
    summary["seconds"] = round(time.monotonic() - started, 2)
    print(json.dumps(summary))
    return 0 if summary["ok"] else 1


def _writable_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) and check that files can be written there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".kcc-schrijftest"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UserFacingError(
            f"In de map {folder} kan de console niets opslaan. Kies een map waarin u mag "
            "schrijven, bijvoorbeeld in uw eigen map."
        ) from exc


async def run_screenshots(args: argparse.Namespace) -> int:
    from console.screenshots import write_screenshots

    _qt_application(offscreen=True)
    _writable_folder(args.screenshots)
    with tempfile.TemporaryDirectory(prefix="kcc-shots-") as tmp:
        options = _options(args, Path(tmp), simulate=False)
        written = await write_screenshots(options, args.screenshots)
    for path in written:
        print(path)
    return 0


def default_config_path() -> Path | None:
    """The config file in the user config directory, if there is one."""
    import platformdirs

    path = Path(platformdirs.user_config_dir("kcc-console", "KCC")) / "config.toml"
    return path if path.is_file() else None


SECRETS_USAGE = (
    "Gebruik: kcc-console secrets set NAAM | secrets delete NAAM | secrets list\n"
    "Voorbeeld: kcc-console secrets set klantinteracties"
)


def run_secrets(argv: list[str], *, store=None) -> int:
    """``kcc-console secrets set NAME`` / ``delete NAME`` / ``list`` (names only, no values).

    ``set`` asks for the value without showing it (or reads one line from a pipe).
    """
    import getpass

    from console.ports import StoreError

    if store is None:
        from integrations.secrets_keyring import KeyringSecretStore

        store = KeyringSecretStore()
    command, names = (argv[0], argv[1:]) if argv else ("", [])
    try:
        if command == "list" and not names:
            found = asyncio.run(store.names())
            print("\n".join(found) if found else "Er zijn nog geen sleutels opgeslagen.")
            return 0
        if command in ("set", "delete") and len(names) == 1:
            name = names[0]
            if command == "delete":
                removed = asyncio.run(store.delete(name))
                print(
                    f"Sleutel '{name}' verwijderd."
                    if removed
                    else f"Sleutel '{name}' bestond niet."
                )
                return 0
            if sys.stdin.isatty():
                value = getpass.getpass(f"Waarde voor '{name}' (wordt niet getoond): ")
            else:
                value = sys.stdin.readline().rstrip("\r\n")
            if not value.strip():
                print(
                    "kcc-console: er is geen waarde ingevoerd; er is niets opgeslagen.",
                    file=sys.stderr,
                )
                return 2
            asyncio.run(store.set(name, value.strip()))
            print(f"Sleutel '{name}' is veilig opgeslagen in de sleutelbos.")
            return 0
    except StoreError as exc:
        print(f"kcc-console: {exc.message}", file=sys.stderr)
        return 2
    print(SECRETS_USAGE, file=sys.stderr)
    return 2


ORG_USAGE = "Gebruik: kcc-console org check BESTAND  (controleert een organisatiebestand)"


def run_org(argv: list[str]) -> int:
    """``kcc-console org check FILE``: name each mistake in the organisation file (exit 2)."""
    if len(argv) != 2 or argv[0] != "check":
        print(ORG_USAGE, file=sys.stderr)
        return 2
    from integrations.organisation_file import OrganisationFileError, load_organisation

    try:
        found = load_organisation(Path(argv[1]))
    except OrganisationFileError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    org = found.organisation
    print(
        f"Het organisatiebestand is in orde: {org.name}, {len(org.desks)} afdelingen en teams, "
        f"{len(org.colleagues)} collega's, {len(org.partners)} partners, "
        f"{len(found.closing_days)} sluitingsdagen."
    )
    return 0


SERVE_USAGE = (
    "Gebruik: kcc-console serve --auto-replies [--config BESTAND] [--data-dir MAP]  "
    "(automatische antwoorden voor chat en bel-me, ook als geen console open staat)"
)


def run_serve(argv: list[str]) -> int:
    """``kcc-console serve --auto-replies``: the channels and N11's rules without a window.

    A desktop is not always on; a municipality runs this on a server so a chat in the night still
    gets its automatic reply and its callback task (N11). It runs until SIGTERM or Ctrl+C.
    """
    parser = argparse.ArgumentParser(prog="kcc-console serve", add_help=True)
    parser.add_argument("--auto-replies", action="store_true", required=False)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--data-dir", type=Path)
    try:
        args = parser.parse_args(argv)
    except SystemExit:
        print(SERVE_USAGE, file=sys.stderr)
        return 2
    if not args.auto_replies:
        print(SERVE_USAGE, file=sys.stderr)
        return 2
    from console.logsetup import setup_logging

    setup_logging(verbose=False, log_dir=default_log_dir())
    try:
        from console.config import load_config

        config = load_config(args.config or default_config_path())
        return asyncio.run(_serve(config, args.data_dir or default_data_dir()))
    except UserFacingError as exc:
        print(f"kcc-console: {exc.user_message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _serve(config, data_dir: Path) -> int:
    import signal

    from console.app import AppOptions, build_app

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with AsyncExitStack() as stack:
        app = await build_app(
            AppOptions(
                data_dir=data_dir,
                config=config,
                simulate=False,
                seed_backlog=False,
                with_window=False,
            ),
            stack,
        )
        assert app.intake is not None
        sources = [s for s in app.intake.sources if s != "demo"]
        print(
            "kcc-console serve: automatische antwoorden staan aan voor "
            + (", ".join(sources) or "geen kanaal (zet [matrix] of [mail] in de instellingen)"),
            flush=True,
        )
        await stop.wait()
    print("kcc-console serve: gestopt", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["secrets"]:
        return run_secrets(argv[1:])
    if argv[:1] == ["serve"]:
        return run_serve(argv[1:])
    if argv[:1] == ["org"]:
        return run_org(argv[1:])
    args = parse_args(argv)
    if args.config is None and not (args.self_test or args.screenshots):
        args.config = default_config_path()
    from console.logsetup import setup_logging

    setup_logging(verbose=args.verbose, log_dir=None if args.self_test else default_log_dir())
    if args.self_test:
        runner = run_self_test
    elif args.screenshots:
        runner = run_screenshots
    else:
        runner = run_gui
    try:
        from console.config import load_config

        load_config(args.config)  # a bad file is refused before Qt starts: fast and clear
        if runner is run_gui:
            # B6: the store's libraries before PySide6, whose import hook inspects every
            # module imported after it (SQLAlchemy and sqlmodel are ~400 modules).
            import offline_cache.callback_notes  # noqa: F401
        import qasync

        _qt_application(offscreen=bool(args.self_test or args.screenshots))
        return qasync.run(runner(args))
    except UserFacingError as exc:
        message = exc.user_message
        log.error("start failed: %s", type(exc).__name__)
        print(f"kcc-console: {message}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"kcc-console: {missing_library_message(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
