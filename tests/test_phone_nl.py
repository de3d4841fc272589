"""Dutch phone numbers: typed text becomes E.164; foreign and invalid ones get Dutch text."""

from __future__ import annotations

import pytest

from console.ports import PhoneNumberError
from integrations.phone_nl import DutchPhoneNumbers

PHONES = DutchPhoneNumbers()


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12345678", "+31612345678"),
        ("06-12 34 56 78", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+31 345 581 100", "+31345581100"),
        ("0418 123456", "+31418123456"),
    ],
)
def test_dutch_numbers_become_e164(typed, e164):
    assert PHONES.to_e164(typed) == e164


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12345", "Dit is geen geldig Nederlands telefoonnummer."),
        ("06 1234", "Dit is geen geldig Nederlands telefoonnummer."),
        ("bel me", "Dit is geen geldig Nederlands telefoonnummer."),
        ("+32 2 123 45 67", "Dit is een buitenlands nummer (+32)."),
        ("+49 30 1234567", "Dit is een buitenlands nummer (+49)."),
        ("  ", "Vul een telefoonnummer in."),
    ],
)
def test_invalid_and_foreign_numbers_are_refused_in_dutch(typed, message):
    with pytest.raises(PhoneNumberError) as refused:
        PHONES.to_e164(typed)
    assert refused.value.message.startswith(message)


def test_display_is_the_national_format():
    assert PHONES.display("+31612345678") == "06 12345678"
    assert PHONES.display("+31345581100") == "0345 581 100"
