"""Dutch (B1) words of the inbox screen, in one place so they can be reviewed and translated."""

from __future__ import annotations

from datetime import datetime, timedelta

from console.domain.calendar import AMSTERDAM
from console.domain.model import Channel, Outcome, Presence, Status

CHANNEL = {
    Channel.PHONE: "Telefoon",
    Channel.CHAT: "Chat",
    Channel.MAIL: "E-mail",
    Channel.POST: "Post",
    Channel.COUNTER: "Balie",
    Channel.SOCIAL: "Social media",
    Channel.CALL_ME: "Bel-me",
    Channel.CALLBACK_NOTE: "Terugbelnotitie",
}

STATUS = {
    Status.NEW: "Nieuw",
    Status.IN_PROGRESS: "In behandeling",
    Status.WAITING: "Wacht op inwoner",
    Status.TRANSFERRED: "Doorverbonden",
    Status.CALLBACK_REQUESTED: "Terugbelverzoek",
    Status.DONE: "Afgehandeld",
}

OUTCOME = {
    Outcome.ANSWERED: "Beantwoord",
    Outcome.CALLBACK_NOTE_MADE: "Terugbelnotitie gemaakt",
    Outcome.TRANSFERRED: "Doorverbonden",
    Outcome.REFERRED_TO_PARTNER: "Doorverwezen naar partner",
    Outcome.NO_ANSWER_NEEDED: "Geen antwoord nodig",
}

PRESENCE = {
    Presence.AVAILABLE: "Beschikbaar",
    Presence.BUSY: "Bezet",
    Presence.IN_CALL: "In gesprek",
    Presence.IN_MEETING: "In overleg",
    Presence.AWAY: "Afwezig",
    Presence.OFFLINE: "Niet aangemeld",
    Presence.UNKNOWN: "Onbekend",
}

WEEKDAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")

INBOX_COLUMNS = (
    "Kanaal",
    "Inwoner",
    "Onderwerp",
    "Wacht / uiterlijk",
    "Eigenaar",
    "Afdeling",
    "Status",
)

DEMO_BANNER = "Demo — oefenomgeving met verzonnen inwoners. Niets gaat naar echte systemen."


def duration(delta: timedelta) -> str:
    """A short Dutch duration: '45 sec', '3 min', '2 uur 5 min', '3 dagen'."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{max(seconds, 0)} sec"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} uur" + (f" {minutes} min" if minutes else "")
    days = hours // 24
    return "1 dag" if days == 1 else f"{days} dagen"


def moment(at: datetime, now: datetime) -> str:
    """'vandaag 17:00', 'morgen 17:00', 'ma 1 dec 17:00'."""
    local = at.astimezone(AMSTERDAM)
    today = now.astimezone(AMSTERDAM).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"vandaag {clock}"
    if local.date() == today + timedelta(days=1):
        return f"morgen {clock}"
    if local.date() == today - timedelta(days=1):
        return f"gisteren {clock}"
    return f"{WEEKDAY_SHORT[local.weekday()]} {local.day} {MONTH_SHORT[local.month - 1]} {clock}"


MONTH_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def urgency_text(*, priority: int, received_at: datetime, deadline: datetime, now: datetime) -> str:
    if priority == 0:
        return f"wacht {duration(now - received_at)}"
    if deadline < now:
        return f"te laat: {duration(now - deadline)}"
    return f"uiterlijk {moment(deadline, now)}"


# -- sync status (status bar) ------------------------------------------------------------------
SYNC_ACCESSIBLE = "Verbinding met het klantcontactsysteem"
SYNC_STARTING = "Verbinden…"
SYNC_ONLINE = "Verbonden"
SYNC_OFFLINE = "Geen verbinding"
SYNC_WAITING = "{n} wachten op verzenden"
SYNC_CONFLICTS = "{n} conflict(en) om te bekijken"
SYNC_FAILED = "{n} niet verzonden (zie Verbinding)"
SYNC_ASIDE = "{n} apart gezet (zie Verbinding)"
SYNC_LAST = "laatst bijgewerkt {time}"
SYNC_NEVER = "nog niet bijgewerkt"


def decimal(value: float, places: int) -> str:
    """A number the Dutch way: decimal comma ('0,25'), never '0.25'."""
    return f"{value:.{places}f}".replace(".", ",")


def plural(count: int, one: str, many: str) -> str:
    """'1 notitie', '2 notities': the count with the right form."""
    return f"{count} {one if count == 1 else many}"
