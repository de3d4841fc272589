"""Every error a user can meet reaches the message bar with its own Dutch sentence.

A phone error, an availability time-out, a bad phone number and a missing secret used to all
show "Er ging iets mis". Here each comes from its real producer where one exists (the demo
phone, the Dutch phone-number parser), runs as a service task like every user action, and must
appear on the real main window with its own text.
"""

from __future__ import annotations

import gc

import pytest

from console.domain.errors import DomainError, UserFacingError
from console.ports import (
    AvailabilityTimeout,
    CallDropped,
    PhoneNumberError,
    RemoteError,
    SecretMissing,
    StoreError,
    TelephonyError,
)
from console.services.tasks import GENERIC_FAILURE, user_message
from integrations.phone_nl import DutchPhoneNumbers
from tests.helpers import running_app
from tests.test_sip_transfer import until


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_this_thread():
    yield
    gc.collect()


async def _phone_error(app):
    await app.phone.hold("een-gesprek-dat-er-niet-meer-is")  # the demo phone: CallDropped


async def _availability_timeout(app):
    raise AvailabilityTimeout()


async def _bad_phone_number(app):
    DutchPhoneNumbers().to_e164("12")


async def _missing_secret(app):
    raise SecretMissing("klantinteracties")


CASES = [
    ("phone", _phone_error, CallDropped, "beëindigd"),
    ("availability", _availability_timeout, AvailabilityTimeout, "agenda"),
    ("phone_number", _bad_phone_number, PhoneNumberError, "telefoonnummer"),
    ("secret", _missing_secret, SecretMissing, "kcc-console secrets set klantinteracties"),
]


@pytest.mark.parametrize(
    ("produce", "kind", "phrase"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_error_reaches_the_user_with_its_own_message(
    qloop, tmp_path, clock, produce, kind, phrase
):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            app.window.show()
            task = app.calls.tasks.spawn(produce(app), what="test")
            await until(lambda: app.window.messages.text() != "", app.calls.tasks.on_error)
            assert isinstance(task.exception(), kind)
            shown = app.window.messages.text()
            assert shown == task.exception().user_message
            assert phrase in shown and shown != GENERIC_FAILURE
            assert app.window.messages.isVisible()

    qloop.run_until_complete(scenario())


@pytest.mark.parametrize(
    "error",
    [
        DomainError("Domein."),
        StoreError("Opslag."),
        AvailabilityTimeout(),
        PhoneNumberError("Nummer."),
        TelephonyError("Telefoon."),
        SecretMissing("x"),
        RemoteError("Server."),
    ],
    ids=lambda e: type(e).__name__,
)
def test_every_user_facing_error_has_one_base_and_its_own_text(error):
    assert isinstance(error, UserFacingError)
    assert user_message(error) == error.user_message == error.message != GENERIC_FAILURE


def test_an_unknown_error_gets_the_generic_text_without_its_details():
    assert user_message(RuntimeError("/home/x secret")) == GENERIC_FAILURE


# Errors that never reach a user: each is turned into a user-facing one at its module's edge.
INTERNAL_ERRORS = {
    "integrations.sip.netstring.FrameError": "the baresip adapter reports TelephonyProtocolError",
    "integrations.caldav.adapter._Failure": "the CalDAV adapter turns it into its Dutch reason",
}


def test_every_error_class_of_ours_is_user_facing_or_known_internal():
    """A new error class must derive from UserFacingError (own Dutch text) or be listed above.

    Guards against the old state: 14 error classes without a common base, all shown as
    "Er ging iets mis".
    """
    import importlib
    import inspect
    import pkgutil

    strays = []
    for package in ("console", "integrations", "offline_cache"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if (
                    inspect.isclass(value)
                    and issubclass(value, BaseException)
                    and value.__module__ == module.__name__
                    and not issubclass(value, UserFacingError)
                    and f"{module.__name__}.{name}" not in INTERNAL_ERRORS
                ):
                    strays.append(f"{module.__name__}.{name}")
    assert strays == []
