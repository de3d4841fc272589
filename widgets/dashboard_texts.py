"""Dutch (B1) words of the supervisor's dashboard, in one place for review and translation."""

from __future__ import annotations

from console.domain.supervision import AgentState, Level, Norm, PeriodKind
from console.i18n import QT_TRANSLATE_NOOP
from widgets.i18n import translating_module

TITLE = QT_TRANSLATE_NOOP("dashboard_texts", "Dashboard")
UPDATED = QT_TRANSLATE_NOOP("dashboard_texts", "Stand van {time}")
PERIOD_LABEL = QT_TRANSLATE_NOOP("dashboard_texts", "Normen over:")
PERIODS = {
    PeriodKind.TODAY: QT_TRANSLATE_NOOP("dashboard_texts", "Vandaag"),
    PeriodKind.LAST_7_DAYS: QT_TRANSLATE_NOOP("dashboard_texts", "Laatste 7 dagen"),
    PeriodKind.LAST_30_DAYS: QT_TRANSLATE_NOOP("dashboard_texts", "Laatste 30 dagen"),
}
EXPORT_CSV = QT_TRANSLATE_NOOP("dashboard_texts", "Cijfers opslaan (CSV)")
EXPORT_PNG = QT_TRANSLATE_NOOP("dashboard_texts", "Dashboard opslaan (PNG)")
EXPORT_CSV_DIALOG = QT_TRANSLATE_NOOP("dashboard_texts", "Cijfers opslaan als CSV")
EXPORT_PNG_DIALOG = QT_TRANSLATE_NOOP("dashboard_texts", "Dashboard opslaan als afbeelding")
EXPORTED = QT_TRANSLATE_NOOP("dashboard_texts", "Opgeslagen: {path}")
EXPORT_FAILED = QT_TRANSLATE_NOOP(
    "dashboard_texts", "Opslaan is niet gelukt. Kies een andere map en probeer het opnieuw."
)

NOW_SECTION = QT_TRANSLATE_NOOP("dashboard_texts", "Nu")
PERIOD_SECTION = QT_TRANSLATE_NOOP("dashboard_texts", "Afspraken over de gekozen periode")

LEVEL = {
    Level.OK: QT_TRANSLATE_NOOP("dashboard_texts", "✓ Op schema"),
    Level.AT_RISK: QT_TRANSLATE_NOOP("dashboard_texts", "! Dreigt te laat"),
    Level.BROKEN: QT_TRANSLATE_NOOP("dashboard_texts", "✗ Niet gehaald"),
    Level.NEUTRAL: "",
}
LEVEL_SATISFACTION = {
    Level.OK: QT_TRANSLATE_NOOP("dashboard_texts", "✓ Doel gehaald"),
    Level.AT_RISK: QT_TRANSLATE_NOOP("dashboard_texts", "! Net onder doel"),
    Level.BROKEN: QT_TRANSLATE_NOOP("dashboard_texts", "✗ Onder doel"),
    Level.NEUTRAL: QT_TRANSLATE_NOOP("dashboard_texts", "Nog geen cijfers"),
}
LEVEL_TRANSFERS = {
    Level.OK: QT_TRANSLATE_NOOP("dashboard_texts", "✓ Niemand 2× doorverbonden"),
    Level.AT_RISK: QT_TRANSLATE_NOOP("dashboard_texts", "! Inwoners 2× of vaker doorverbonden"),
    Level.BROKEN: "",
    Level.NEUTRAL: "",
}

WAITING = QT_TRANSLATE_NOOP("dashboard_texts", "Wachtend nu")
WAITING_SUB = QT_TRANSLATE_NOOP("dashboard_texts", "nog door niemand opgepakt")
LONGEST = QT_TRANSLATE_NOOP("dashboard_texts", "Langst wachtend")
HANDLED = QT_TRANSLATE_NOOP("dashboard_texts", "Afgehandeld vandaag")
AVERAGE = QT_TRANSLATE_NOOP("dashboard_texts", "Gem. doorlooptijd")
AVERAGE_SUB = QT_TRANSLATE_NOOP("dashboard_texts", "van binnenkomst tot afgehandeld, vandaag")
NOTES_TODAY = QT_TRANSLATE_NOOP("dashboard_texts", "Terugbellen vandaag")
NOTES_TODAY_SUB = QT_TRANSLATE_NOOP("dashboard_texts", "open terugbelnotities met deadline vandaag")
NOTES_RISK = QT_TRANSLATE_NOOP("dashboard_texts", "Dreigt te laat")
NOTES_RISK_SUB = QT_TRANSLATE_NOOP(
    "dashboard_texts", "terugbelnotities, deadline binnen 2 werkuren"
)
NOTES_LATE = QT_TRANSLATE_NOOP("dashboard_texts", "Te laat")
NOTES_LATE_SUB = QT_TRANSLATE_NOOP("dashboard_texts", "terugbelnotities over de deadline")
AGENTS = QT_TRANSLATE_NOOP("dashboard_texts", "Medewerkers")
AGENT_STATE = {
    AgentState.AVAILABLE: QT_TRANSLATE_NOOP("dashboard_texts", "beschikbaar"),
    AgentState.IN_CALL: QT_TRANSLATE_NOOP("dashboard_texts", "in gesprek"),
    AgentState.WRAP_UP: QT_TRANSLATE_NOOP("dashboard_texts", "nawerk"),
    AgentState.AWAY: QT_TRANSLATE_NOOP("dashboard_texts", "afwezig"),
}

NORM_TITLE = {
    Norm.N1: QT_TRANSLATE_NOOP("dashboard_texts", "N1 Terugbellen op tijd"),
    Norm.N8: QT_TRANSLATE_NOOP("dashboard_texts", "N8 Klacht: contact ≤ 5 werkdagen"),
    Norm.N9: QT_TRANSLATE_NOOP("dashboard_texts", "N9 E-mail: reactie ≤ 1 werkdag"),
    Norm.N10: QT_TRANSLATE_NOOP("dashboard_texts", "N10 Post: reactie ≤ 1 werkdag"),
    Norm.N11: QT_TRANSLATE_NOOP("dashboard_texts", "N11 Buiten openingstijd: volgende werkdag"),
}
NORM_MET = QT_TRANSLATE_NOOP("dashboard_texts", "op tijd")
NORM_BROKEN = QT_TRANSLATE_NOOP("dashboard_texts", "te laat")
NORM_AT_RISK = QT_TRANSLATE_NOOP("dashboard_texts", "dreigt")
NORM_PENDING = QT_TRANSLATE_NOOP("dashboard_texts", "nog open")
NO_ITEMS = QT_TRANSLATE_NOOP("dashboard_texts", "—")

TRANSFERS = QT_TRANSLATE_NOOP("dashboard_texts", "N5 Doorverbonden per contact")
TRANSFERS_TWICE = QT_TRANSLATE_NOOP("dashboard_texts", "2× of vaker doorverbonden")
CONTACTS = QT_TRANSLATE_NOOP("dashboard_texts", "contacten")
SATISFACTION = QT_TRANSLATE_NOOP("dashboard_texts", "N16 Tevredenheid (doel 9)")
SATISFACTION_SUB = QT_TRANSLATE_NOOP("dashboard_texts", "{n} cijfers, {below} onder 9")

CHART_TITLE = QT_TRANSLATE_NOOP("dashboard_texts", "Drukte per uur vandaag")
CHART_RECEIVED = QT_TRANSLATE_NOOP("dashboard_texts", "binnengekomen")
CHART_HANDLED = QT_TRANSLATE_NOOP("dashboard_texts", "afgehandeld")
CHART_NOTE = QT_TRANSLATE_NOOP("dashboard_texts", "getekend met QPainter")

CHANNEL_TABLE = QT_TRANSLATE_NOOP("dashboard_texts", "Per kanaal")
DESK_TABLE = QT_TRANSLATE_NOOP("dashboard_texts", "Per afdeling")
TOTAL = QT_TRANSLATE_NOOP("dashboard_texts", "Totaal")

COLUMNS = (
    QT_TRANSLATE_NOOP("dashboard_texts", "Naam"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Wachtend"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Langst\nwachtend"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Afgehan-\ndeld"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Gem. door-\nlooptijd"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Terugbellen\nvandaag"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Dreigt\nte laat"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Te laat"),
    QT_TRANSLATE_NOOP("dashboard_texts", "N1 op tijd"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Contac-\nten"),
    QT_TRANSLATE_NOOP("dashboard_texts", "2× door-\nverbonden"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Tevre-\ndenheid"),
    QT_TRANSLATE_NOOP("dashboard_texts", "Medewerkers\nbeschikbaar"),
)

DRILL_TITLE = QT_TRANSLATE_NOOP("dashboard_texts", "Selectie uit het dashboard: {title} ({count})")
DRILL_CLEAR = QT_TRANSLATE_NOOP("dashboard_texts", "Toon alles")
DRILL_TRUNCATED = QT_TRANSLATE_NOOP("dashboard_texts", " — de eerste {count} getoond")

SWITCH_MENU = QT_TRANSLATE_NOOP("dashboard_texts", "Gebr&uiker")
SWITCH_SUBMENU = QT_TRANSLATE_NOOP("dashboard_texts", "Demo-gebruiker wisselen")
ROLE = {
    "agent": QT_TRANSLATE_NOOP("dashboard_texts", "Medewerker KCC"),
    "back_office": QT_TRANSLATE_NOOP("dashboard_texts", "Backoffice"),
    "supervisor": QT_TRANSLATE_NOOP("dashboard_texts", "Teamleider"),
}
SWITCHED = QT_TRANSLATE_NOOP("dashboard_texts", "U werkt nu als {name} ({role}).")

# Calls at the agents' phones in the period (issue 18): every call that rang has a record.
CALLS_LINE = QT_TRANSLATE_NOOP(
    "dashboard_texts",
    "Telefoon in deze periode: {answered} opgenomen · {missed} gemist · "
    "{abandoned} opgehangen tijdens het wachten · {refused} bezet (te veel tegelijk)",
)
TILE_KEYS = QT_TRANSLATE_NOOP(
    "dashboard_texts", "Enter toont de vragen; cijfertoetsen tonen de delen:"
)


I18N_CONTEXT = "dashboard_texts"  # lupdate context of every QT_TRANSLATE_NOOP above
translating_module(__name__)  # constants read from other modules come back translated
