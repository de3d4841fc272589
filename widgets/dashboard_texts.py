"""Dutch (B1) words of the supervisor's dashboard, in one place for review and translation."""

from __future__ import annotations

from console.domain.supervision import AgentState, Level, Norm, PeriodKind

TITLE = "Dashboard"
UPDATED = "Stand van {time}"
PERIOD_LABEL = "Normen over:"
PERIODS = {
    PeriodKind.TODAY: "Vandaag",
    PeriodKind.LAST_7_DAYS: "Laatste 7 dagen",
    PeriodKind.LAST_30_DAYS: "Laatste 30 dagen",
}
EXPORT_CSV = "Cijfers opslaan (CSV)"
EXPORT_PNG = "Dashboard opslaan (PNG)"
EXPORT_CSV_DIALOG = "Cijfers opslaan als CSV"
EXPORT_PNG_DIALOG = "Dashboard opslaan als afbeelding"
EXPORTED = "Opgeslagen: {path}"
EXPORT_FAILED = "Opslaan is niet gelukt. Kies een andere map en probeer het opnieuw."

NOW_SECTION = "Nu"
PERIOD_SECTION = "Afspraken over de gekozen periode"

LEVEL = {
    Level.OK: "✓ Op schema",
    Level.AT_RISK: "! Dreigt te laat",
    Level.BROKEN: "✗ Niet gehaald",
    Level.NEUTRAL: "",
}
LEVEL_SATISFACTION = {
    Level.OK: "✓ Doel gehaald",
    Level.AT_RISK: "! Net onder doel",
    Level.BROKEN: "✗ Onder doel",
    Level.NEUTRAL: "Nog geen cijfers",
}
LEVEL_TRANSFERS = {
    Level.OK: "✓ Niemand 2× doorverbonden",
    Level.AT_RISK: "! Inwoners 2× of vaker doorverbonden",
    Level.BROKEN: "",
    Level.NEUTRAL: "",
}

WAITING = "Wachtend nu"
WAITING_SUB = "nog door niemand opgepakt"
LONGEST = "Langst wachtend"
HANDLED = "Afgehandeld vandaag"
AVERAGE = "Gem. doorlooptijd"
AVERAGE_SUB = "van binnenkomst tot afgehandeld, vandaag"
NOTES_TODAY = "Terugbellen vandaag"
NOTES_TODAY_SUB = "open terugbelnotities met deadline vandaag"
NOTES_RISK = "Dreigt te laat"
NOTES_RISK_SUB = "terugbelnotities, deadline binnen 2 werkuren"
NOTES_LATE = "Te laat"
NOTES_LATE_SUB = "terugbelnotities over de deadline"
AGENTS = "Medewerkers"
AGENT_STATE = {
    AgentState.AVAILABLE: "beschikbaar",
    AgentState.IN_CALL: "in gesprek",
    AgentState.WRAP_UP: "nawerk",
    AgentState.AWAY: "afwezig",
}

NORM_TITLE = {
    Norm.N1: "N1 Terugbellen op tijd",
    Norm.N8: "N8 Klacht: contact ≤ 5 werkdagen",
    Norm.N9: "N9 E-mail: reactie ≤ 1 werkdag",
    Norm.N10: "N10 Post: reactie ≤ 1 werkdag",
    Norm.N11: "N11 Buiten openingstijd: volgende werkdag",
}
NORM_MET = "op tijd"
NORM_BROKEN = "te laat"
NORM_AT_RISK = "dreigt"
NORM_PENDING = "nog open"
NO_ITEMS = "—"

TRANSFERS = "N5 Doorverbonden per contact"
TRANSFERS_TWICE = "2× of vaker doorverbonden"
CONTACTS = "contacten"
SATISFACTION = "N16 Tevredenheid (doel 9)"
SATISFACTION_SUB = "{n} cijfers, {below} onder 9"

CHART_TITLE = "Drukte per uur vandaag"
CHART_RECEIVED = "binnengekomen"
CHART_HANDLED = "afgehandeld"
CHART_NOTE = "getekend met QPainter"

CHANNEL_TABLE = "Per kanaal"
DESK_TABLE = "Per afdeling"
TOTAL = "Totaal"

COLUMNS = (
    "Naam",
    "Wachtend",
    "Langst\nwachtend",
    "Afgehan-\ndeld",
    "Gem. door-\nlooptijd",
    "Terugbellen\nvandaag",
    "Dreigt\nte laat",
    "Te laat",
    "N1 op tijd",
    "Contac-\nten",
    "2× door-\nverbonden",
    "Tevre-\ndenheid",
    "Medewerkers\nbeschikbaar",
)

DRILL_TITLE = "Selectie uit het dashboard: {title} ({count})"
DRILL_CLEAR = "Toon alles"
DRILL_TRUNCATED = " — de eerste {count} getoond"

SWITCH_MENU = "Gebr&uiker"
SWITCH_SUBMENU = "Demo-gebruiker wisselen"
ROLE = {"agent": "Medewerker KCC", "back_office": "Backoffice", "supervisor": "Teamleider"}
SWITCHED = "U werkt nu als {name} ({role})."

# Calls at the agents' phones in the period (issue 18): every call that rang has a record.
CALLS_LINE = (
    "Telefoon in deze periode: {answered} opgenomen · {missed} gemist · "
    "{abandoned} opgehangen tijdens het wachten · {refused} bezet (te veel tegelijk)"
)
TILE_KEYS = "Enter toont de vragen; cijfertoetsen tonen de delen:"
