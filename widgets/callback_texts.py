"""Dutch (B1) words of the callback note dialog and the "Terugbelnotities" screen, in one place."""

from __future__ import annotations

from console.domain.availability import VerdictKind
from console.domain.callbacks import ATTEMPT_WORDS, AttemptOutcome, FollowUp, NoteStatus
from console.domain.model import TimelineKind

DIALOG_TITLE = "Terugbelnotitie maken"
REASSIGN_TITLE = "Terugbelnotitie doorzetten"
SCREEN_TITLE = "Terugbelnotities"

LABEL_NAME = "&Naam inwoner"
LABEL_PHONE = "T&elefoon"
LABEL_PHONE2 = "Tweede n&ummer"
LABEL_EMAIL = "E-&mail"
LABEL_SUMMARY = "Vraag in het &kort"
LABEL_BEST_TIME = "Beste tij&d om te bellen"
LABEL_TARGET = "Wie &belt terug?"
LABEL_OVERRIDE = "Reden om af te &wijken"

PLACEHOLDER_PHONE = "06 12345678 of 0345 123456"
PLACEHOLDER_TARGET = "Typ een naam of afdeling en kies met Enter"
PLACEHOLDER_OVERRIDE = "Alleen nodig als u het advies niet volgt"
PLACEHOLDER_BEST_TIME = "bijvoorbeeld: na 14:00, of morgenochtend"

BUTTON_SAVE = "Opslaan (Ctrl+Enter)"
BUTTON_CANCEL = "Sluiten (Esc) — concept blijft bewaard"
BUTTON_ADVICE = "Advies overnemen (F4)"

CHECKING = "De agenda wordt bekeken…"
CHOOSE_TARGET = "Kies wie terugbelt. Dan ziet u hier of die collega op tijd kan terugbellen."
DRAFT_RESTORED = "Uw eerdere concept is teruggezet."
OVERRIDE_NEEDED = "U volgt het advies niet. Schrijf bij 'Reden om af te wijken' waarom."
DUPLICATES_FOUND = (
    "Let op: er is al een open terugbelnotitie voor deze inwoner of dit nummer. "
    "Druk nog eens op Ctrl+Enter om toch een nieuwe op te slaan."
)
SAVED = "De terugbelnotitie is opgeslagen voor {name}."

VERDICT_TITLE = {
    VerdictKind.CAN_CALL_BACK: "Kan op tijd terugbellen",
    VerdictKind.ROUTE_TO_REPLACEMENT: "Advies: stuur naar de vervanger",
    VerdictKind.ROUTE_TO_DESK: "Advies: stuur naar de afdeling",
}

NOTE_COLUMNS = ("Uiterlijk", "Inwoner", "Telefoon", "Vraag", "Terugbeller", "Pogingen", "Status")

STATUS = {NoteStatus.OPEN: "Open", NoteStatus.DONE: "Teruggebeld"}
OVERDUE = "Te laat"

SCOPES = (
    ("mine", "&Mijn terugbelnotities"),
    ("desk", "Mijn af&deling"),
    ("created", "Door mij &gemaakt"),
)

ATTEMPT_CHOICES = tuple(AttemptOutcome)
ATTEMPT = ATTEMPT_WORDS
ACTION_COPY = "Nummer kopiëren (Ctrl+Shift+C)"
ACTION_ATTEMPT = "Poging vastleggen (Ctrl+P)"
ACTION_REASSIGN = "Doorzetten (Ctrl+R)"
ACTION_CLOSE = "Afronden (Ctrl+E)"
COPIED = "Het nummer {number} staat klaar om te plakken (bellen kan nog niet vanuit de console)."
ATTEMPT_SAVED = "Poging vastgelegd. De notitie blijft open ({count})."
CLOSED = "De terugbelnotitie is afgerond."
REASSIGNED = "De terugbelnotitie is doorgezet naar {name}."
NOTHING_SELECTED = "Kies eerst een terugbelnotitie in de lijst."

FOLLOW_UP_TITLE = "Warme overdracht"
FOLLOW_UP_EXPLAIN = (
    "De uiterste terugbeltijd ({deadline}) is voorbij en de notitie staat nog open bij {owner}."
)
FOLLOW_UP_ANSWERS = (
    (FollowUp.ESCALATED, "&1  Doorzetten naar de afdeling"),
    (FollowUp.SELF, "&2  Ik bel de inwoner zelf"),
    (FollowUp.CONFIRMED, "&3  Ik heb nagevraagd, het is geregeld"),
)
FOLLOW_UP_DONE = {
    FollowUp.ESCALATED: "De notitie is doorgezet naar de afdeling.",
    FollowUp.SELF: "U bent nu eigenaar van de notitie. Bel de inwoner zelf terug.",
    FollowUp.CONFIRMED: "Vastgelegd dat u het hebt nagevraagd.",
}

HISTORY = {
    TimelineKind.RECEIVED: "terugbelnotitie gemaakt",
    TimelineKind.TAKEN: "opgepakt",
    TimelineKind.HANDED_BACK: "teruggegeven aan de afdeling",
    TimelineKind.CLOSED: "afgerond",
    TimelineKind.TRANSFERRED: "doorgezet",
}

DETAIL_NAME = "Gegevens van de gekozen terugbelnotitie"
PRESENCE_NOW = "Status: {presence}"
F1_ADVICE = "Terugbelnotitie: advies overnemen"
F1_SAVE_NOTE = "Terugbelnotitie opslaan"
