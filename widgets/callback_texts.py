"""Dutch (B1) words of the callback note dialog and the "Terugbelnotities" screen, in one place."""

from __future__ import annotations

from console.domain.availability import VerdictKind
from console.domain.callbacks import AttemptOutcome, FollowUp, NoteStatus
from console.domain.model import TimelineKind
from console.i18n import QT_TRANSLATE_NOOP
from widgets.i18n import translating_module

DIALOG_TITLE = QT_TRANSLATE_NOOP("callback_texts", "Terugbelnotitie maken")
REASSIGN_TITLE = QT_TRANSLATE_NOOP("callback_texts", "Terugbelnotitie doorzetten")
SCREEN_TITLE = QT_TRANSLATE_NOOP("callback_texts", "Terugbelnotities")

LABEL_NAME = QT_TRANSLATE_NOOP("callback_texts", "&Naam inwoner")
LABEL_PHONE = QT_TRANSLATE_NOOP("callback_texts", "T&elefoon")
LABEL_PHONE2 = QT_TRANSLATE_NOOP("callback_texts", "Tweede n&ummer")
LABEL_EMAIL = QT_TRANSLATE_NOOP("callback_texts", "E-&mail")
LABEL_SUMMARY = QT_TRANSLATE_NOOP("callback_texts", "Vraag in het &kort")
LABEL_BEST_TIME = QT_TRANSLATE_NOOP("callback_texts", "Beste tij&d om te bellen")
LABEL_TARGET = QT_TRANSLATE_NOOP("callback_texts", "Wie &belt terug?")
LABEL_OVERRIDE = QT_TRANSLATE_NOOP("callback_texts", "Reden om af te &wijken")

PLACEHOLDER_PHONE = QT_TRANSLATE_NOOP("callback_texts", "06 12345678 of 0345 123456")
PLACEHOLDER_TARGET = QT_TRANSLATE_NOOP(
    "callback_texts", "Typ een naam of afdeling en kies met Enter"
)
PLACEHOLDER_OVERRIDE = QT_TRANSLATE_NOOP(
    "callback_texts", "Alleen nodig als u het advies niet volgt"
)
PLACEHOLDER_BEST_TIME = QT_TRANSLATE_NOOP(
    "callback_texts", "bijvoorbeeld: na 14:00, of morgenochtend"
)

BUTTON_SAVE = QT_TRANSLATE_NOOP("callback_texts", "Opslaan (Ctrl+Enter)")
BUTTON_CANCEL = QT_TRANSLATE_NOOP("callback_texts", "Sluiten (Esc) — concept blijft bewaard")
BUTTON_ADVICE = QT_TRANSLATE_NOOP("callback_texts", "Advies overnemen (F4)")

CHECKING = QT_TRANSLATE_NOOP("callback_texts", "De agenda wordt bekeken…")
CHOOSE_TARGET = QT_TRANSLATE_NOOP(
    "callback_texts", "Kies wie terugbelt. Dan ziet u hier of die collega op tijd kan terugbellen."
)
DRAFT_RESTORED = QT_TRANSLATE_NOOP("callback_texts", "Uw eerdere concept is teruggezet.")
OVERRIDE_NEEDED = QT_TRANSLATE_NOOP(
    "callback_texts", "U volgt het advies niet. Schrijf bij 'Reden om af te wijken' waarom."
)
DUPLICATES_FOUND = QT_TRANSLATE_NOOP(
    "callback_texts",
    "Let op: er is al een open terugbelnotitie voor deze inwoner of dit nummer. "
    "Druk nog eens op Ctrl+Enter om toch een nieuwe op te slaan.",
)
SAVED = QT_TRANSLATE_NOOP("callback_texts", "De terugbelnotitie is opgeslagen voor {name}.")

VERDICT_TITLE = {
    VerdictKind.CAN_CALL_BACK: QT_TRANSLATE_NOOP("callback_texts", "Kan op tijd terugbellen"),
    VerdictKind.ROUTE_TO_REPLACEMENT: QT_TRANSLATE_NOOP(
        "callback_texts", "Advies: stuur naar de vervanger"
    ),
    VerdictKind.ROUTE_TO_DESK: QT_TRANSLATE_NOOP(
        "callback_texts", "Advies: stuur naar de afdeling"
    ),
}

NOTE_COLUMNS = (
    QT_TRANSLATE_NOOP("callback_texts", "Uiterlijk"),
    QT_TRANSLATE_NOOP("callback_texts", "Inwoner"),
    QT_TRANSLATE_NOOP("callback_texts", "Telefoon"),
    QT_TRANSLATE_NOOP("callback_texts", "Vraag"),
    QT_TRANSLATE_NOOP("callback_texts", "Terugbeller"),
    QT_TRANSLATE_NOOP("callback_texts", "Pogingen"),
    QT_TRANSLATE_NOOP("callback_texts", "Status"),
)

STATUS = {
    NoteStatus.OPEN: QT_TRANSLATE_NOOP("callback_texts", "Open"),
    NoteStatus.DONE: QT_TRANSLATE_NOOP("callback_texts", "Teruggebeld"),
}
OVERDUE = QT_TRANSLATE_NOOP("callback_texts", "Te laat")

SCOPES = (
    ("mine", QT_TRANSLATE_NOOP("callback_texts", "&Mijn terugbelnotities")),
    ("desk", QT_TRANSLATE_NOOP("callback_texts", "Mijn af&deling")),
    ("created", QT_TRANSLATE_NOOP("callback_texts", "Door mij &gemaakt")),
)

ATTEMPT_CHOICES = tuple(AttemptOutcome)
# The domain's ATTEMPT_WORDS, marked for translation here (the domain is stdlib only).
ATTEMPT = {
    AttemptOutcome.REACHED: QT_TRANSLATE_NOOP("callback_texts", "Bereikt"),
    AttemptOutcome.NOT_REACHED: QT_TRANSLATE_NOOP("callback_texts", "Niet bereikt"),
    AttemptOutcome.VOICEMAIL: QT_TRANSLATE_NOOP("callback_texts", "Voicemail ingesproken"),
    AttemptOutcome.WRONG_NUMBER: QT_TRANSLATE_NOOP("callback_texts", "Verkeerd nummer"),
}
ACTION_COPY = QT_TRANSLATE_NOOP("callback_texts", "Nummer kopiëren (Ctrl+Shift+C)")
ACTION_ATTEMPT = QT_TRANSLATE_NOOP("callback_texts", "Poging vastleggen (Ctrl+P)")
ACTION_REASSIGN = QT_TRANSLATE_NOOP("callback_texts", "Doorzetten (Ctrl+R)")
ACTION_CLOSE = QT_TRANSLATE_NOOP("callback_texts", "Afronden (Ctrl+E)")
COPIED = QT_TRANSLATE_NOOP(
    "callback_texts",
    "Het nummer {number} staat klaar om te plakken (bellen kan nog niet vanuit de console).",
)
ATTEMPT_SAVED = QT_TRANSLATE_NOOP(
    "callback_texts", "Poging vastgelegd. De notitie blijft open ({count})."
)
CLOSED = QT_TRANSLATE_NOOP("callback_texts", "De terugbelnotitie is afgerond.")
REASSIGNED = QT_TRANSLATE_NOOP("callback_texts", "De terugbelnotitie is doorgezet naar {name}.")
NOTHING_SELECTED = QT_TRANSLATE_NOOP(
    "callback_texts", "Kies eerst een terugbelnotitie in de lijst."
)

FOLLOW_UP_TITLE = QT_TRANSLATE_NOOP("callback_texts", "Warme overdracht")
FOLLOW_UP_EXPLAIN = QT_TRANSLATE_NOOP(
    "callback_texts",
    "De uiterste terugbeltijd ({deadline}) is voorbij en de notitie staat nog open bij {owner}.",
)
FOLLOW_UP_ANSWERS = (
    (FollowUp.ESCALATED, QT_TRANSLATE_NOOP("callback_texts", "&1  Doorzetten naar de afdeling")),
    (FollowUp.SELF, QT_TRANSLATE_NOOP("callback_texts", "&2  Ik bel de inwoner zelf")),
    (
        FollowUp.CONFIRMED,
        QT_TRANSLATE_NOOP("callback_texts", "&3  Ik heb nagevraagd, het is geregeld"),
    ),
)
FOLLOW_UP_DONE = {
    FollowUp.ESCALATED: QT_TRANSLATE_NOOP(
        "callback_texts", "De notitie is doorgezet naar de afdeling."
    ),
    FollowUp.SELF: QT_TRANSLATE_NOOP(
        "callback_texts", "U bent nu eigenaar van de notitie. Bel de inwoner zelf terug."
    ),
    FollowUp.CONFIRMED: QT_TRANSLATE_NOOP(
        "callback_texts", "Vastgelegd dat u het hebt nagevraagd."
    ),
}

HISTORY = {
    TimelineKind.RECEIVED: QT_TRANSLATE_NOOP("callback_texts", "terugbelnotitie gemaakt"),
    TimelineKind.TAKEN: QT_TRANSLATE_NOOP("callback_texts", "opgepakt"),
    TimelineKind.HANDED_BACK: QT_TRANSLATE_NOOP("callback_texts", "teruggegeven aan de afdeling"),
    TimelineKind.CLOSED: QT_TRANSLATE_NOOP("callback_texts", "afgerond"),
    TimelineKind.TRANSFERRED: QT_TRANSLATE_NOOP("callback_texts", "doorgezet"),
}

DETAIL_NAME = QT_TRANSLATE_NOOP("callback_texts", "Gegevens van de gekozen terugbelnotitie")
PRESENCE_NOW = QT_TRANSLATE_NOOP("callback_texts", "Status: {presence}")
F1_ADVICE = QT_TRANSLATE_NOOP("callback_texts", "Terugbelnotitie: advies overnemen")
F1_SAVE_NOTE = QT_TRANSLATE_NOOP("callback_texts", "Terugbelnotitie opslaan")


I18N_CONTEXT = "callback_texts"  # lupdate context of every QT_TRANSLATE_NOOP above
translating_module(__name__)  # constants read from other modules come back translated
