"""The SQLite database: one file, one connection, one dedicated thread, change notices.

Threading: every statement runs on the single worker thread ``kcc-db`` (SQLite connections are
not shared between threads, and one writer avoids lock fights). Callers await ``read``/``write``
from the event loop. After a write commits, its change notices are handed to subscribers on the
event loop thread with ``call_soon_threadsafe``, never from the database thread.

Lifetime: ``await Database.open(path)`` … ``await db.close()``; the app pushes close onto its exit
stack.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import ChangeNotice, StoreError
from console.privatefiles import companions, private_dir, private_file
from offline_cache.migrations import migrate
from offline_cache.search import register as register_search
from offline_cache.tx import immediate, reading

log = logging.getLogger(__name__)
T = TypeVar("T")


def _store_error(exc: BaseException, path: Path) -> StoreError:
    """A Dutch message that says what to do; the file name, never its contents."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Het gegevensbestand {file} is in gebruik door een ander programma. "
                    "Sluit de andere KCC-console en probeer het opnieuw.",
                ),
                {"file": path.name},
            )
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Het gegevensbestand {file} is beschadigd. Er is niets verwijderd. "
                    "Start de console met een andere map (--data-dir) en neem contact op met "
                    "de servicedesk om het bestand te laten herstellen.",
                ),
                {"file": str(path)},
            )
        )
    if ("disk" in text and "full" in text) or "no space" in text:
        return StoreError(
            QT_TRANSLATE_NOOP(
                "errors",
                "De schijf is vol. Wat u net wilde opslaan is NIET opgeslagen; wat u typte staat "
                "nog in het venster. Maak ruimte vrij op de schijf en probeer het opnieuw.",
            )
        )
    if "readonly" in text or "permission" in text or "unable to open" in text:
        return StoreError(_cannot_write(path.parent))
    return StoreError(
        QT_TRANSLATE_NOOP("errors", "Het lokale gegevensbestand gaf een fout. Probeer het opnieuw.")
    )


def _cannot_write(folder: Path) -> Text:
    return Text(
        "errors",
        QT_TRANSLATE_NOOP(
            "errors",
            "De console kan niet schrijven in {folder}. "
            "Kies een map waar u mag schrijven (--data-dir).",
        ),
        {"folder": str(folder)},
    )


_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _is_corrupt(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlite_errorcode", None) in _CORRUPT_CODES:
        return True
    text = str(orig).lower()
    return "malformed" in text or "not a database" in text


SEARCH_TOO_SLOW = QT_TRANSLATE_NOOP(
    "errors",
    "Deze zoekvraag kost te veel tijd. Maak hem korter of preciezer, bijvoorbeeld met een "
    "langer woord, een naam of een telefoonnummer.",
)


class _ReadState:
    """Whether the read's awaiting task was cancelled (set on the loop, read on the db thread).

    ``deadline`` (monotonic seconds): past it the statement is interrupted as well, so one
    search never holds the database thread longer than its budget.
    """

    def __init__(self, budget: float | None = None) -> None:
        self.cancelled = False
        self.budget = budget
        self.deadline: float | None = None
        self.overrun = False


class Database:
    """The local store's connection and thread (see module docstring for threading rules)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kcc-db")
        self._conn: Connection | None = None
        self._engine: Engine | None = None
        self._active: _ReadState | None = None  # the read running on the database thread
        self._closing = False  # set by close(): late reads are dropped, not failed
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscribers: list[Callable[[ChangeNotice], None]] = []
        self.schema_version = 0
        # Set once corruption is found while running: writes stop, reads go on (see _failed).
        self.broken: StoreError | None = None

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open (and create or migrate) the store at ``path``.

        Raises:
            StoreError: the file is corrupt, locked, unreadable or from a newer console.
        """
        db = cls(path)
        db._loop = asyncio.get_running_loop()
        try:
            db.schema_version = await db._call(db._connect)
        except BaseException:
            db._executor.shutdown(wait=True)
            raise
        return db

    def _connect(self) -> int:
        # Owner-only before SQLite creates anything: -wal and -shm take the file's mode.
        try:
            private_dir(self.path.parent)
            private_file(self.path)
        except OSError as exc:
            raise StoreError(_cannot_write(self.path.parent)) from exc
        engine = self._engine = create_engine(
            f"sqlite:///{self.path}",
            poolclass=StaticPool,
            connect_args={"check_same_thread": False, "timeout": 5.0},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            # Let us emit BEGIN ourselves: pysqlite's implicit transactions would not make
            # a read-then-write sequence atomic.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # 32 MB of page cache instead of SQLite's 2 MB: the indexes of a store with 10⁵
            # notes (random uuid keys) no longer fit in 2 MB, and a first sync then re-reads
            # index pages for every insert (B14: 39 s → 34 s for 10⁵). Grows only as used.
            cursor.execute("PRAGMA cache_size=-32768")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            # Deleted rows are overwritten, not left in free pages: the retention purge must
            # remove personal data from the disk, not only from the tables (issue 11).
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()
            # The search index's triggers fold text with this (offline_cache.search).
            register_search(dbapi_conn)

        try:
            self._conn = engine.connect()
            raw: sqlite3.Connection = self._conn.connection.dbapi_connection  # type: ignore
            # Abort the running read once its task is cancelled (latest-wins searches).
            raw.set_progress_handler(self._abort_cancelled, 2000)
            # A cheap look at the schema finds a file that is not a database at all; a full
            # quick_check reads the whole file (2.6 s at a million contacts, benchmark B6), so
            # it runs on request (check_integrity), not at every start.
            with reading(self._conn):
                self._conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
            version = migrate(self._conn)
        except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
            log.error("opening the store failed: %s", type(exc).__name__)
            self._dispose()
            raise _store_error(exc, self.path) from exc
        except RuntimeError as exc:
            self._dispose()
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Dit gegevensbestand is gemaakt door een nieuwere versie van de console. "
                    "Werk de console bij.",
                )
            ) from exc
        return version

    def _abort_cancelled(self) -> int:
        active = self._active
        if active is None:
            return 0
        if active.cancelled:
            return 1
        if active.deadline is not None and time.monotonic() > active.deadline:
            active.overrun = True
            return 1
        return 0

    async def _call(self, fn: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn)

    async def read(self, fn: Callable[[Connection], T], *, budget: float | None = None) -> T:
        """Run ``fn(connection)`` on the database thread, outside any write transaction.

        When the awaiting task is cancelled (a newer search replaced it), the statement is
        interrupted if it is running and skipped if it has not started, so a stale query never
        keeps the one database thread busy for the next one. With ``budget`` (seconds) it is
        also interrupted once it has run that long, and the caller gets a StoreError saying
        the search was too heavy.
        """
        if self._closing:
            # The console is shutting down: a screen that asks for data now (a detail pane
            # refreshing as the window closes) will never show the answer. Cancelled, the
            # caller's task ends quietly instead of logging a failure of the closed thread.
            raise asyncio.CancelledError
        state = _ReadState(budget)

        def work() -> T:
            assert self._conn is not None, "database is closed"
            if state.cancelled:
                raise asyncio.CancelledError
            if state.budget is not None:
                state.deadline = time.monotonic() + state.budget
            self._active = state
            try:
                with reading(self._conn):
                    return fn(self._conn)
            except (SQLAlchemyError, sqlite3.Error) as exc:
                if state.cancelled:
                    raise asyncio.CancelledError from exc
                if state.overrun:
                    raise StoreError(SEARCH_TOO_SLOW) from exc
                raise self._failed(exc) from exc
            finally:
                self._active = None

        try:
            return await self._call(work)
        except asyncio.CancelledError:
            # Seen by the progress handler within a few thousand SQLite steps, whether the
            # statement is running already or about to start (an interrupt() sent just before
            # a statement begins is lost; this flag is not).
            state.cancelled = True
            raise

    async def check_integrity(self) -> bool:
        """Run SQLite's quick_check over the whole file (slow on big stores; on request)."""

        def work(conn: Connection) -> bool:
            return conn.exec_driver_sql("PRAGMA quick_check(1)").scalar_one() == "ok"

        return await self.read(work)

    async def checkpoint(self) -> None:
        """Move everything from the ``-wal`` file into the store file and empty the log."""

        def work(conn: Connection) -> None:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

        await self.read(work)

    async def write(self, fn: Callable[[Connection], Sequence[ChangeNotice]]) -> None:
        """Run ``fn`` in one transaction; after the commit, publish the notices it returns."""
        loop = asyncio.get_running_loop()

        def work() -> None:
            assert self._conn is not None, "database is closed"
            if self.broken is not None:
                raise self.broken  # never write into a file known to be damaged
            try:
                with immediate(self._conn):
                    notices = fn(self._conn)
            except (SQLAlchemyError, sqlite3.Error) as exc:
                raise self._failed(exc) from exc
            # Scheduled from here, right after the commit, so a caller that is cancelled while
            # awaiting still lets every subscriber hear of the change.
            for notice in notices:
                loop.call_soon_threadsafe(self._publish, notice)

        await self._call(work)

    def _failed(self, exc: BaseException) -> StoreError:
        """The user's message for a failed statement; corruption also stops all writes.

        Database thread only. A damaged file that keeps taking writes spreads the damage, so the
        first sign of it copies the files aside (for the servicedesk) and refuses every later
        write with the same message; reading goes on, so the agent can still look things up.
        """
        if not _is_corrupt(exc):
            return _store_error(exc, self.path)
        if self.broken is None:
            log.error("store found damaged while running: %s", type(exc).__name__)
            copy = self._keep_copy()
            where = (
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP("errors", "Een kopie van het bestand staat in {copy}."),
                    {"copy": str(copy)},
                )
                if copy is not None
                else Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors", "Er kon geen kopie gemaakt worden; verwijder het bestand niet."
                    ),
                )
            )
            self.broken = StoreError(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Het gegevensbestand is beschadigd. Om verdere schade te voorkomen "
                        "slaat de console niets meer op; u kunt nog wel lezen. {where} Wat u "
                        "nu typt, wordt NIET opgeslagen: noteer het ergens anders. Sluit de "
                        "console en bel de servicedesk.",
                    ),
                    {"where": where},
                )
            )
        return self.broken

    def _keep_copy(self) -> Path | None:
        """Copy the damaged file and its -wal aside, untouched; None when that fails."""
        stamp = datetime.now(ZoneInfo("Europe/Amsterdam")).strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.name}.beschadigd-{stamp}")
        try:
            for source, target in zip(
                (self.path, *companions(self.path)),
                (copy, *companions(copy)),
                strict=True,
            ):
                if source.exists():
                    shutil.copy2(source, target)
        except OSError as exc:
            log.error("could not copy the damaged store: %s", type(exc).__name__)
            return None
        return copy

    def _publish(self, notice: ChangeNotice) -> None:
        for callback in list(self._subscribers):
            try:
                callback(notice)
            except Exception:  # a broken subscriber must not stop the others
                log.exception("change subscriber failed")

    def subscribe(self, callback: Callable[[ChangeNotice], None]) -> Callable[[], None]:
        """Get every change notice on the event loop thread; returns the unsubscribe call."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _dispose(self) -> None:
        """Really close the SQLite connection (the pool would otherwise keep it open)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    async def close(self) -> None:
        """Checkpoint and close: after this the ``.sqlite3`` file alone holds everything.

        ``Connection.close`` only hands the connection back to the pool; without disposing the
        engine SQLite never sees its last connection go, never checkpoints, and every change
        of the session would live only in the ``-wal`` file (issue 11).
        """
        self._closing = True
        if self._conn is not None:

            def shut() -> None:
                assert self._conn is not None
                try:
                    if self.broken is None:  # a damaged file is left exactly as it is
                        with reading(self._conn):
                            self._conn.exec_driver_sql("PRAGMA optimize")
                            self._conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                except (DatabaseError, OperationalError) as exc:
                    # Closing still goes on: SQLite checkpoints at the last close if it can.
                    log.warning("checkpoint at close failed: %s", type(exc).__name__)
                finally:
                    self._dispose()

            await self._call(shut)
        self._executor.shutdown(wait=True)
