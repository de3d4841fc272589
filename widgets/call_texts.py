"""Dutch (B1) words of the call panel and the transfer guide, in one place."""

from __future__ import annotations

from console.domain.model import Outcome
from console.domain.transfer import TargetKind, TransferState
from console.i18n import QT_TRANSLATE_NOOP
from console.services.calls import CallPhase
from widgets.i18n import translating_module

PANEL_TITLE = QT_TRANSLATE_NOOP("call_texts", "Telefoon")
MENU = QT_TRANSLATE_NOOP("call_texts", "Tele&foon")

PHASE = {
    CallPhase.IDLE: QT_TRANSLATE_NOOP("call_texts", "Geen gesprek"),
    CallPhase.RINGING: QT_TRANSLATE_NOOP("call_texts", "De telefoon gaat over"),
    CallPhase.TALKING: QT_TRANSLATE_NOOP("call_texts", "In gesprek"),
    CallPhase.ON_HOLD: QT_TRANSLATE_NOOP("call_texts", "Inwoner in de wacht"),
    CallPhase.CONSULTING: QT_TRANSLATE_NOOP("call_texts", "Overleg — inwoner in de wacht"),
    CallPhase.WRAP_UP: QT_TRANSLATE_NOOP("call_texts", "Gesprek afgelopen — rond af"),
}

TRANSFER_STATE = {
    TransferState.PREPARED: QT_TRANSLATE_NOOP("call_texts", "Klaar om te overleggen"),
    TransferState.CONSULTING: QT_TRANSLATE_NOOP("call_texts", "U overlegt nu"),
    TransferState.COMPLETED: QT_TRANSLATE_NOOP("call_texts", "Doorverbonden"),
    TransferState.CANCELLED: QT_TRANSLATE_NOOP("call_texts", "Terug bij de inwoner"),
    TransferState.RESIDENT_LEFT: QT_TRANSLATE_NOOP("call_texts", "De inwoner heeft opgehangen"),
    TransferState.FALLBACK: QT_TRANSLATE_NOOP(
        "call_texts", "Terugbelnotitie of doorverwijzing gemaakt"
    ),
}

KIND = {
    TargetKind.DESK: QT_TRANSLATE_NOOP("call_texts", "Afdeling"),
    TargetKind.COLLEAGUE: QT_TRANSLATE_NOOP("call_texts", "Collega"),
    TargetKind.PARTNER: QT_TRANSLATE_NOOP("call_texts", "Partner"),
}

WRAP_UP_OUTCOMES = (
    Outcome.ANSWERED,
    Outcome.CALLBACK_NOTE_MADE,
    Outcome.TRANSFERRED,
    Outcome.REFERRED_TO_PARTNER,
)

ACT_ANSWER = QT_TRANSLATE_NOOP("call_texts", "Op&nemen")
ACT_HOLD = QT_TRANSLATE_NOOP("call_texts", "In de &wacht / hervatten")
ACT_HANG_UP = QT_TRANSLATE_NOOP("call_texts", "O&phangen")
ACT_GUIDE = QT_TRANSLATE_NOOP("call_texts", "&Doorverbinden: wie kan helpen?")
ACT_CONSULT = QT_TRANSLATE_NOOP("call_texts", "Over&leggen (inwoner in de wacht)")
ACT_COMPLETE = QT_TRANSLATE_NOOP("call_texts", "Door&verbinden voltooien")
ACT_CANCEL = QT_TRANSLATE_NOOP("call_texts", "Overleg &annuleren, terug naar inwoner")
ACT_WRAP_UP = QT_TRANSLATE_NOOP("call_texts", "Gesprek af&ronden")
ACT_NOTES = QT_TRANSLATE_NOOP("call_texts", "Naar de gespreks&notities")
ACT_TOGGLE_PANEL = QT_TRANSLATE_NOOP("call_texts", "Telefoonpaneel tonen of verbergen")
ACT_FALLBACK = QT_TRANSLATE_NOOP("call_texts", "&Terugbelnotitie of doorverwijzing maken")

RINGING_BANNER = QT_TRANSLATE_NOOP("call_texts", "De telefoon gaat over: {who} — opnemen met F9")
RINGING_BANNER_NAME = QT_TRANSLATE_NOOP("call_texts", "Inkomend gesprek")
UNKNOWN_NUMBER_SHORT = QT_TRANSLATE_NOOP("call_texts", "onbekend nummer")
UNKNOWN_CALLER = QT_TRANSLATE_NOOP("call_texts", "Onbekend nummer: vraag naam en adres.")
SEVERAL_CALLERS = QT_TRANSLATE_NOOP(
    "call_texts", "{count} inwoners hebben dit nummer: vraag wie er belt."
)
NO_RECENT = QT_TRANSLATE_NOOP("call_texts", "Geen eerdere contacten.")
NO_NOTES = QT_TRANSLATE_NOOP("call_texts", "Geen open terugbelnotities.")
RECENT = QT_TRANSLATE_NOOP("call_texts", "Eerdere contacten")
OPEN_NOTES = QT_TRANSLATE_NOOP("call_texts", "Open terugbelnotities")
NOTES = QT_TRANSLATE_NOOP("call_texts", "Notities tijdens het gesprek (blijven bewaard)")
NOTES_HINT = QT_TRANSLATE_NOOP(
    "call_texts", "Typ hier wat de inwoner vraagt en wat u al heeft geprobeerd."
)
SUMMARY = QT_TRANSLATE_NOOP("call_texts", "Samenvatting voor de collega")
WRAP_UP = QT_TRANSLATE_NOOP("call_texts", "Afronden")
OUTCOME = QT_TRANSLATE_NOOP("call_texts", "Uitkomst")
SCORE = QT_TRANSLATE_NOOP("call_texts", "Tevredenheid (1–10, mag leeg)")
SCORE_NONE = QT_TRANSLATE_NOOP("call_texts", "geen cijfer")
WRAP_UP_BUTTON = QT_TRANSLATE_NOOP("call_texts", "Afronden (Alt+R)")
MAIL_PREVIEW = QT_TRANSLATE_NOOP(
    "call_texts",
    "Doorverwijzing per e-mail (nog niet verstuurd: versturen kan de console nog niet; "
    "kopieer de tekst naar uw mailprogramma)",
)

MAIL_PREVIEW_SHORT = QT_TRANSLATE_NOOP("call_texts", "Doorverwijzing per e-mail")

GUIDE_TITLE = QT_TRANSLATE_NOOP("call_texts", "Doorverbinden — wie kan helpen?")
GUIDE_SEARCH = QT_TRANSLATE_NOOP(
    "call_texts", "Zoek op onderwerp of naam, bijvoorbeeld paspoort, bijstand of afval"
)
GUIDE_SEARCH_NAME = QT_TRANSLATE_NOOP("call_texts", "Zoek een afdeling, collega of partner")
GUIDE_TABLE_NAME = QT_TRANSLATE_NOOP("call_texts", "Wie kan helpen")
GUIDE_COLUMNS = (
    QT_TRANSLATE_NOOP("call_texts", "Naam"),
    QT_TRANSLATE_NOOP("call_texts", "Soort"),
    QT_TRANSLATE_NOOP("call_texts", "Past bij"),
    QT_TRANSLATE_NOOP("call_texts", "Nu"),
    QT_TRANSLATE_NOOP("call_texts", "Telefoon"),
)
OPEN_NOW = QT_TRANSLATE_NOOP("call_texts", "Open")
CLOSED_UNTIL = QT_TRANSLATE_NOOP("call_texts", "Gesloten — open {when}")
CLOSED = QT_TRANSLATE_NOOP("call_texts", "Gesloten")
WHO = QT_TRANSLATE_NOOP("call_texts", "Wie belt er?")
WHAT = QT_TRANSLATE_NOOP("call_texts", "Waar gaat de vraag over?")
TRIED = QT_TRANSLATE_NOOP("call_texts", "Wat is al geprobeerd?")
CALLBACK_NUMBER = QT_TRANSLATE_NOOP("call_texts", "Beste terugbelnummer")
CONSULT_BUTTON = QT_TRANSLATE_NOOP("call_texts", "Overleggen (Alt+C)")
ALTERNATIVE_NOTE = QT_TRANSLATE_NOOP("call_texts", "Terugbelnotitie maken")
ALTERNATIVE_MAIL = QT_TRANSLATE_NOOP("call_texts", "Doorverwijzing per e-mail maken")
CHOOSE_TARGET = QT_TRANSLATE_NOOP(
    "call_texts", "Kies eerst een afdeling, collega of partner in de lijst."
)
NOTE_MADE = QT_TRANSLATE_NOOP("call_texts", "Terugbelnotitie gemaakt voor {target}: {subject}")
MAIL_MADE = QT_TRANSLATE_NOOP(
    "call_texts",
    "De doorverwijzing aan {target} staat klaar in het telefoonpaneel. Kopieer en verstuur hem.",
)
WRAPPED_UP = QT_TRANSLATE_NOOP("call_texts", "Gesprek afgerond en opgeslagen.")


I18N_CONTEXT = "call_texts"  # lupdate context of every QT_TRANSLATE_NOOP above
translating_module(__name__)  # constants read from other modules come back translated
