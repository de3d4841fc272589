"""Logging for the console: a rotating file in the user log directory, personal data masked.

Privacy by default (AVG): code logs exception types and ids, never names or numbers, and as a
safety net every record passes a filter that masks phone numbers, e-mail addresses, BSN-like
numbers and postcodes before it is written. Set up once by the CLI, on the main thread.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from console.privatefiles import private_dir, private_file

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"(?<!\w)(\+|00)?\d[\d \-]{7,}\d(?!\w)"), "[nummer]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), "[postcode]"),
)


def mask(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Masks personal data in the formatted message (arguments included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = mask(message)
        record.args = ()
        return True


def setup_logging(*, verbose: bool, log_dir: Path | None) -> Path | None:
    """Log to stderr and, when ``log_dir`` is writable, to ``console.log`` there."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stream = logging.StreamHandler()
    stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stream.setFormatter(formatter)
    stream.addFilter(PersonalDataFilter())
    root.addHandler(stream)
    if log_dir is None:
        return None
    try:
        # Owner-only, like the store: masked or not, the log is about residents' contacts.
        private_dir(log_dir)
        path = log_dir / "console.log"
        private_file(path)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None  # no log file is no reason not to start
    handler.setFormatter(formatter)
    handler.addFilter(PersonalDataFilter())
    root.addHandler(handler)
    return path
