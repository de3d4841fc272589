"""Dutch (B1) words of the inbox screen, in one place so they can be reviewed and translated."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from console.domain.calendar import AMSTERDAM
from console.domain.model import Channel, Outcome, Presence, Status
from console.i18n import QT_TRANSLATE_NOOP
from widgets import i18n
from widgets.i18n import translating_module

CHANNEL = {
    Channel.PHONE: QT_TRANSLATE_NOOP("texts", "Telefoon"),
    Channel.CHAT: QT_TRANSLATE_NOOP("texts", "Chat"),
    Channel.MAIL: QT_TRANSLATE_NOOP("texts", "E-mail"),
    Channel.POST: QT_TRANSLATE_NOOP("texts", "Post"),
    Channel.COUNTER: QT_TRANSLATE_NOOP("texts", "Balie"),
    Channel.SOCIAL: QT_TRANSLATE_NOOP("texts", "Social media"),
    Channel.CALL_ME: QT_TRANSLATE_NOOP("texts", "Bel-me"),
    Channel.CALLBACK_NOTE: QT_TRANSLATE_NOOP("texts", "Terugbelnotitie"),
}

STATUS = {
    Status.NEW: QT_TRANSLATE_NOOP("texts", "Nieuw"),
    Status.IN_PROGRESS: QT_TRANSLATE_NOOP("texts", "In behandeling"),
    Status.WAITING: QT_TRANSLATE_NOOP("texts", "Wacht op inwoner"),
    Status.TRANSFERRED: QT_TRANSLATE_NOOP("texts", "Doorverbonden"),
    Status.CALLBACK_REQUESTED: QT_TRANSLATE_NOOP("texts", "Terugbelverzoek"),
    Status.DONE: QT_TRANSLATE_NOOP("texts", "Afgehandeld"),
}

OUTCOME = {
    Outcome.ANSWERED: QT_TRANSLATE_NOOP("texts", "Beantwoord"),
    Outcome.CALLBACK_NOTE_MADE: QT_TRANSLATE_NOOP("texts", "Terugbelnotitie gemaakt"),
    Outcome.TRANSFERRED: QT_TRANSLATE_NOOP("texts", "Doorverbonden"),
    Outcome.REFERRED_TO_PARTNER: QT_TRANSLATE_NOOP("texts", "Doorverwezen naar partner"),
    Outcome.NO_ANSWER_NEEDED: QT_TRANSLATE_NOOP("texts", "Geen antwoord nodig"),
}

PRESENCE = {
    Presence.AVAILABLE: QT_TRANSLATE_NOOP("texts", "Beschikbaar"),
    Presence.BUSY: QT_TRANSLATE_NOOP("texts", "Bezet"),
    Presence.IN_CALL: QT_TRANSLATE_NOOP("texts", "In gesprek"),
    Presence.IN_MEETING: QT_TRANSLATE_NOOP("texts", "In overleg"),
    Presence.AWAY: QT_TRANSLATE_NOOP("texts", "Afwezig"),
    Presence.OFFLINE: QT_TRANSLATE_NOOP("texts", "Niet aangemeld"),
    Presence.UNKNOWN: QT_TRANSLATE_NOOP("texts", "Onbekend"),
}

WEEKDAY_SHORT = (
    QT_TRANSLATE_NOOP("texts", "ma"),
    QT_TRANSLATE_NOOP("texts", "di"),
    QT_TRANSLATE_NOOP("texts", "wo"),
    QT_TRANSLATE_NOOP("texts", "do"),
    QT_TRANSLATE_NOOP("texts", "vr"),
    QT_TRANSLATE_NOOP("texts", "za"),
    QT_TRANSLATE_NOOP("texts", "zo"),
)

INBOX_COLUMNS = (
    QT_TRANSLATE_NOOP("texts", "Kanaal"),
    QT_TRANSLATE_NOOP("texts", "Inwoner"),
    QT_TRANSLATE_NOOP("texts", "Onderwerp"),
    QT_TRANSLATE_NOOP("texts", "Wacht / uiterlijk"),
    QT_TRANSLATE_NOOP("texts", "Eigenaar"),
    QT_TRANSLATE_NOOP("texts", "Afdeling"),
    QT_TRANSLATE_NOOP("texts", "Status"),
)

DEMO_BANNER = QT_TRANSLATE_NOOP(
    "texts", "Demo — oefenomgeving met verzonnen inwoners. Niets gaat naar echte systemen."
)


def duration(delta: timedelta) -> str:
    """A short duration: '45 sec', '3 min', '2 uur 5 min', '3 dagen' (translated)."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return QCoreApplication.translate("texts", "{n} sec").format(n=max(seconds, 0))
    minutes = seconds // 60
    if minutes < 60:
        return QCoreApplication.translate("texts", "{n} min").format(n=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes:
            return QCoreApplication.translate("texts", "{hours} uur {minutes} min").format(
                hours=hours, minutes=minutes
            )
        return QCoreApplication.translate("texts", "{hours} uur").format(hours=hours)
    days = hours // 24
    if days == 1:
        return QCoreApplication.translate("texts", "1 dag")
    return QCoreApplication.translate("texts", "{n} dagen").format(n=days)


def moment(at: datetime, now: datetime) -> str:
    """'vandaag 17:00', 'morgen 17:00', 'ma 1 dec 17:00' (translated)."""
    local = at.astimezone(AMSTERDAM)
    today = now.astimezone(AMSTERDAM).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return QCoreApplication.translate("texts", "vandaag {clock}").format(clock=clock)
    if local.date() == today + timedelta(days=1):
        return QCoreApplication.translate("texts", "morgen {clock}").format(clock=clock)
    if local.date() == today - timedelta(days=1):
        return QCoreApplication.translate("texts", "gisteren {clock}").format(clock=clock)
    return f"{day(local)} {clock}"


def day(local: datetime) -> str:
    """'ma 1 dec' (translated weekday and month)."""
    weekday = QCoreApplication.translate("texts", WEEKDAY_SHORT[local.weekday()])
    month = QCoreApplication.translate("texts", MONTH_SHORT[local.month - 1])
    return f"{weekday} {local.day} {month}"


MONTH_SHORT = (
    QT_TRANSLATE_NOOP("texts", "jan"),
    QT_TRANSLATE_NOOP("texts", "feb"),
    QT_TRANSLATE_NOOP("texts", "mrt"),
    QT_TRANSLATE_NOOP("texts", "apr"),
    QT_TRANSLATE_NOOP("texts", "mei"),
    QT_TRANSLATE_NOOP("texts", "jun"),
    QT_TRANSLATE_NOOP("texts", "jul"),
    QT_TRANSLATE_NOOP("texts", "aug"),
    QT_TRANSLATE_NOOP("texts", "sep"),
    QT_TRANSLATE_NOOP("texts", "okt"),
    QT_TRANSLATE_NOOP("texts", "nov"),
    QT_TRANSLATE_NOOP("texts", "dec"),
)


def urgency_text(*, priority: int, received_at: datetime, deadline: datetime, now: datetime) -> str:
    if priority == 0:
        return QCoreApplication.translate("texts", "wacht {duration}").format(
            duration=duration(now - received_at)
        )
    if deadline < now:
        return QCoreApplication.translate("texts", "te laat: {duration}").format(
            duration=duration(now - deadline)
        )
    return QCoreApplication.translate("texts", "uiterlijk {moment}").format(
        moment=moment(deadline, now)
    )


# -- sync status (status bar) ------------------------------------------------------------------
SYNC_ACCESSIBLE = QT_TRANSLATE_NOOP("texts", "Verbinding met het klantcontactsysteem")
SYNC_STARTING = QT_TRANSLATE_NOOP("texts", "Verbinden…")
SYNC_ONLINE = QT_TRANSLATE_NOOP("texts", "Verbonden")
SYNC_OFFLINE = QT_TRANSLATE_NOOP("texts", "Geen verbinding")
SYNC_WAITING = QT_TRANSLATE_NOOP("texts", "{n} wachten op verzenden")
SYNC_CONFLICTS = QT_TRANSLATE_NOOP("texts", "{n} conflict(en) om te bekijken")
SYNC_FAILED = QT_TRANSLATE_NOOP("texts", "{n} niet verzonden (zie Verbinding)")
SYNC_ASIDE = QT_TRANSLATE_NOOP("texts", "{n} apart gezet (zie Verbinding)")
SYNC_LAST = QT_TRANSLATE_NOOP("texts", "laatst bijgewerkt {time}")
SYNC_NEVER = QT_TRANSLATE_NOOP("texts", "nog niet bijgewerkt")


def decimal(value: float, places: int) -> str:
    """A number in the active language: decimal comma in Dutch ('0,25'), never '0.25'."""
    return i18n.decimal(value, places)


def plural(count: int, one: str, many: str) -> str:
    """'1 notitie', '2 notities': the count with the right Dutch form (untranslated)."""
    return f"{count} {one if count == 1 else many}"


I18N_CONTEXT = "texts"  # lupdate context of every QT_TRANSLATE_NOOP above
translating_module(__name__)  # constants read from other modules come back translated
