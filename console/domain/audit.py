"""The privacy audit trail (AVG): who opened which resident's record, when, from which screen.

Pure values and rules; stdlib only. The trail is append-only (the store refuses changes); every
look at the trail is itself an entry, so a supervisor's reading is as visible as an agent's.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text

RETENTION_DAYS_DEFAULT = 30  # personal data of a closed contact stays this long (issue 11)


class AuditAction(enum.StrEnum):
    OPENED = "opened"  # a record with a resident's data was shown
    TRAIL_VIEWED = "trail_viewed"  # someone looked at this trail
    TRAIL_EXPORTED = "trail_exported"
    RETENTION_PURGE = "retention_purge"  # the retention job removed personal data


class AuditScreen(enum.StrEnum):
    INBOX_DETAIL = "inbox_detail"
    CALLBACK_LIST = "callback_list"
    CALLBACK_DIALOG = "callback_dialog"
    AUDIT_TRAIL = "audit_trail"
    RETENTION_JOB = "retention_job"


SCREEN_NAMES = {
    AuditScreen.INBOX_DETAIL: QT_TRANSLATE_NOOP("audit", "Inbox, details"),
    AuditScreen.CALLBACK_LIST: QT_TRANSLATE_NOOP("audit", "Terugbelnotities"),
    AuditScreen.CALLBACK_DIALOG: QT_TRANSLATE_NOOP("audit", "Terugbelnotitie maken"),
    AuditScreen.AUDIT_TRAIL: QT_TRANSLATE_NOOP("audit", "Inzagelogboek"),
    AuditScreen.RETENTION_JOB: QT_TRANSLATE_NOOP("audit", "Bewaartermijn (automatisch)"),
}
ACTION_NAMES = {
    AuditAction.OPENED: QT_TRANSLATE_NOOP("audit", "geopend"),
    AuditAction.TRAIL_VIEWED: QT_TRANSLATE_NOOP("audit", "inzagelogboek bekeken"),
    AuditAction.TRAIL_EXPORTED: QT_TRANSLATE_NOOP("audit", "inzagelogboek opgeslagen"),
    AuditAction.RETENTION_PURGE: QT_TRANSLATE_NOOP("audit", "gegevens verwijderd"),
}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str  # colleague id, or "system" for the retention job
    action: AuditAction
    screen: AuditScreen
    record_id: str | None = None  # the interaction (or note) opened
    resident_id: str | None = None
    detail: str = ""  # counts only; never personal data
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What the retention job removed: counts per kind, and the cut-off moment."""

    cutoff: datetime
    interactions: int = 0
    callback_notes: int = 0
    timeline_entries: int = 0
    call_records: int = 0
    drafts: int = 0
    kept_unsent: int = 0  # old enough, but not yet delivered to the system of record

    @property
    def removed_anything(self) -> bool:
        return any(
            (
                self.interactions,
                self.callback_notes,
                self.timeline_entries,
                self.call_records,
                self.drafts,
            )
        )

    def summary(self) -> str:
        """One Dutch (B1) sentence for the user; counts only.

        A ``Sentence``: Dutch as a string, translated by the widget that shows it.
        """
        day = self.cutoff.strftime("%d-%m-%Y")
        if not self.removed_anything:
            text = Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Bewaartermijn: er waren geen gegevens van vóór {day} om te verwijderen.",
                ),
                {"day": day},
            )
        else:
            text = Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Bewaartermijn: gegevens van vóór {day} verwijderd: "
                    "{interactions} afgesloten contacten, "
                    "{callback_notes} terugbelnotities, "
                    "{timeline_entries} regels geschiedenis, "
                    "{call_records} gespreksgegevens en {drafts} concepten.",
                ),
                {
                    "day": day,
                    "interactions": self.interactions,
                    "callback_notes": self.callback_notes,
                    "timeline_entries": self.timeline_entries,
                    "call_records": self.call_records,
                    "drafts": self.drafts,
                },
            )
        if self.kept_unsent:
            text = Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "{removed} {kept} contacten zijn nog niet naar het klantcontactsysteem "
                    "verstuurd en blijven daarom nog staan.",
                ),
                {"removed": text, "kept": self.kept_unsent},
            )
        return Sentence.of(text)

    def detail(self) -> str:
        return (
            f"contacten={self.interactions}; notities={self.callback_notes}; "
            f"geschiedenis={self.timeline_entries}; gesprekken={self.call_records}; "
            f"concepten={self.drafts}; niet_verstuurd={self.kept_unsent}"
        )


def retention_cutoff(now: datetime, days: int) -> datetime:
    """Contacts closed before this moment have had their retention period."""
    if days < 1:
        raise ValueError("a retention period is at least one day")
    return now - timedelta(days=days)


# Marked for the trail's table header; the CSV file itself stays Dutch (it is a record).
CSV_HEADER = (
    QT_TRANSLATE_NOOP("audit", "Moment"),
    QT_TRANSLATE_NOOP("audit", "Medewerker"),
    QT_TRANSLATE_NOOP("audit", "Handeling"),
    QT_TRANSLATE_NOOP("audit", "Scherm"),
    QT_TRANSLATE_NOOP("audit", "Contact"),
    QT_TRANSLATE_NOOP("audit", "Inwoner"),
    QT_TRANSLATE_NOOP("audit", "Toelichting"),
)


def trail_csv(
    entries: Iterable[AuditEntry],
    *,
    names: Callable[[str], str],
    moment: Callable[[datetime], str],
) -> str:
    """The trail as CSV for Dutch Excel (";"), oldest first; ``names`` maps colleague ids."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow(
            (
                moment(e.at),
                f"{names(e.actor)} ({e.actor})",
                ACTION_NAMES[e.action],
                SCREEN_NAMES[e.screen],
                e.record_id or "",
                e.resident_id or "",
                e.detail,
            )
        )
    return out.getvalue()
