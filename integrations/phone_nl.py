"""Dutch phone numbers for callbacks: validate with ``phonenumbers`` and store as E.164.

Implements ``console.ports.PhoneNumbers``. Pure and thread-safe (the library's metadata is read
once); cheap enough to call on the event-loop thread.
"""

from __future__ import annotations

import re

import phonenumbers

from console.i18n import QT_TRANSLATE_NOOP, Text
from console.ports import PhoneNumberError

_INVALID = QT_TRANSLATE_NOOP(
    "errors",
    "Dit is geen geldig Nederlands telefoonnummer. Typ bijvoorbeeld 06 12345678 of 0345 123456.",
)

# What people type around the digits. Anything else (letters, "x12" or "ext. 3" for an extension,
# "*", "#") is refused: phonenumbers would silently drop an extension or turn letters into
# digits ("0800-FLOWERS"), and a callback to a number nobody typed is worse than a question.
# \d also matches other scripts' digits (Arabic-Indic, full-width), which phonenumbers reads.
_TYPED = re.compile(r"\+?[\d\s\-./()\u00a0]+")
_TEL_LINK = re.compile(r"^tel:\s*", re.IGNORECASE)
_NOT_ONLY_DIGITS = QT_TRANSLATE_NOOP(
    "errors",
    "Dit is geen geldig Nederlands telefoonnummer. Typ alleen cijfers, met spaties of "
    "streepjes als u wilt, bijvoorbeeld 06 12345678. Een toestelnummer of tekst kan er niet bij.",
)


class DutchPhoneNumbers:
    """Accepts what people type (spaces, dashes, 0031, +31) and returns ``+31…``."""

    region = "NL"

    def to_e164(self, text: str) -> str:
        raw = text.strip()
        if not raw:
            raise PhoneNumberError(QT_TRANSLATE_NOOP("errors", "Vul een telefoonnummer in."))
        raw = _TEL_LINK.sub("", raw)  # a number pasted from a web page's tel: link
        if not _TYPED.fullmatch(raw):
            raise PhoneNumberError(_NOT_ONLY_DIGITS)
        try:
            number = phonenumbers.parse(raw, self.region)
        except phonenumbers.NumberParseException as exc:
            raise PhoneNumberError(_INVALID) from exc
        if number.country_code != 31:
            raise PhoneNumberError(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Dit is een buitenlands nummer (+{code}). "
                        "Terugbellen kan alleen naar een Nederlands nummer.",
                    ),
                    {"code": number.country_code},
                )
            )
        if not phonenumbers.is_valid_number(number):
            raise PhoneNumberError(_INVALID)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def display(self, e164: str) -> str:
        """A stored E.164 number as Dutch people read it: '06 12345678', '0345 581 100'."""
        try:
            number = phonenumbers.parse(e164, self.region)
        except phonenumbers.NumberParseException:
            return e164
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
