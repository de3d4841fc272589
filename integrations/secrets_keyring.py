"""``SecretStore`` on the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service).

Every keyring call runs in the default executor: a locked keychain may show a dialog or block,
and the event loop must not wait on it. ``keyrings.alt`` (plaintext files) is refused: a secret
must never end up in a readable file. The keyring has no "list" call, so the names (never the
values) are kept in one extra keyring entry.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import keyring
import keyring.errors

from console.i18n import QT_TRANSLATE_NOOP
from console.ports import StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")

SERVICE = "kcc-console"
_NAMES = "__names__"

NO_KEYRING = (
    "Er is geen veilige sleutelopslag (sleutelbos) op deze computer. Start de console in een "
    "bureaubladsessie met een sleutelbos (Windows Referentiebeheer, macOS Sleutelhanger of "
    "GNOME Keyring) en probeer het opnieuw."
)


def _check_backend() -> None:
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith("keyrings.alt"):
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "errors",
                "De sleutelopslag is een gewoon bestand (keyrings.alt); daarin bewaart de console "
                "geen sleutels. Verwijder het pakket keyrings.alt.",
            )
        )
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        raise StoreError(NO_KEYRING)


class _Sealed:
    """A value that never shows itself in a log.

    Executors and loops may log results at DEBUG (qasync logs "Setting Future result: …"), so
    a secret crosses threads only inside this.
    """

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<sealed>"

    __str__ = __repr__


class KeyringSecretStore:
    """See the module docstring; safe to use from the event loop.

    Blocking work goes to one private thread, not the loop's default executor (which may log
    results).
    """

    def __init__(self, *, service: str = SERVICE) -> None:
        self._service = service
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kcc-keyring")

    async def _run(self, fn: Callable[[], T]) -> T:
        def guarded() -> _Sealed:
            try:
                _check_backend()
                return _Sealed(fn())
            except StoreError:
                raise
            except Exception as exc:
                # KeyringError, but also what a backend raises itself when it cannot reach its
                # service: a SecretService backend named in PYTHON_KEYRING_BACKEND or the keyring
                # config without a D-Bus session raises RuntimeError, a dead bus OSError.
                # The exception text may echo what was passed in: log the type only.
                log.error("keyring call failed: %s", type(exc).__name__)
                raise StoreError(NO_KEYRING) from None

        sealed = await asyncio.wrap_future(self._executor.submit(guarded))
        return sealed.value  # type: ignore[no-any-return]

    def _names_now(self) -> list[str]:
        raw = keyring.get_password(self._service, _NAMES) or ""
        return [n for n in raw.split("\n") if n]

    async def get(self, name: str) -> str | None:
        return await self._run(lambda: keyring.get_password(self._service, name))

    async def set(self, name: str, value: str) -> None:
        if not name or name == _NAMES or "\n" in name:
            raise StoreError(f"'{name}' kan geen naam van een sleutel zijn.")

        def work() -> None:
            keyring.set_password(self._service, name, value)
            names = self._names_now()
            if name not in names:
                keyring.set_password(self._service, _NAMES, "\n".join([*names, name]))

        await self._run(work)

    async def delete(self, name: str) -> bool:
        def work() -> bool:
            try:
                keyring.delete_password(self._service, name)
                found = True
            except keyring.errors.PasswordDeleteError:
                found = False
            names = self._names_now()
            if name in names:
                keyring.set_password(
                    self._service, _NAMES, "\n".join(n for n in names if n != name)
                )
            return found

        return await self._run(work)

    async def names(self) -> list[str]:
        def work() -> list[str]:
            return [n for n in self._names_now() if keyring.get_password(self._service, n)]

        return await self._run(work)
