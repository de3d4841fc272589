"""The config file's ``[privacy]`` section: how long the local store keeps personal data (AVG).

Registered with the one config schema (``console.config``) when that module loads; read with
``config.section("privacy")`` (built from its defaults when the file has no ``[privacy]``)::

    [privacy]
    retention_days = 30   # days after closing; then the retention job removes the contact

Pure; read once at start; values are immutable.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.config import Key, Section, register_section
from console.domain.audit import RETENTION_DAYS_DEFAULT


@dataclass(frozen=True)
class PrivacyConfig:
    retention_days: int = RETENTION_DAYS_DEFAULT


register_section(
    Section(
        name="privacy",
        what="hoe lang de console persoonsgegevens lokaal bewaart",
        # At least a day (a contact closed today is still worked on); at most ten years.
        keys={"retention_days": Key("int", RETENTION_DAYS_DEFAULT, low=1, high=3650)},
        build=lambda values: PrivacyConfig(**values),
        when_absent=True,
    )
)
