"""Start-up failures a user can meet, and no personal data in logs."""

from __future__ import annotations

import asyncio
import logging

import pytest

from console.__main__ import missing_library_message
from console.logsetup import PersonalDataFilter, mask
from console.ports import StoreError
from tests.helpers import running_app


def test_missing_qt_library_names_the_debian_package():
    error = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    message = missing_library_message(error)
    assert "sudo apt-get install libegl1" in message


def test_second_console_on_the_same_data_dir_is_refused_in_dutch(tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock, with_window=False):
            with pytest.raises(StoreError) as info:
                async with running_app(tmp_path, clock, with_window=False):
                    pass
            return info.value.message

    assert "draait al met deze gegevensmap" in asyncio.run(scenario())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gebeld naar +31612345678", "gebeld naar [nummer]"),
        ("nummer 06-12345678 klopt niet", "nummer [nummer] klopt niet"),
        ("mail j.devries@example.nl", "mail [e-mail]"),
        ("woont op 4153 AB Beesd", "woont op [postcode] Beesd"),
        ("bsn 123456782", "bsn [nummer]"),
        ("store opened in 12 ms", "store opened in 12 ms"),
    ],
)
def test_log_filter_masks_personal_data(text, expected):
    assert mask(text) == expected


def test_filter_masks_arguments_too(caplog):
    logger = logging.getLogger("kcc.test")
    logger.addFilter(PersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="kcc.test"):
        logger.info("resident %s called", "+31612345678")
    assert "+31612345678" not in caplog.text and "[nummer]" in caplog.text
