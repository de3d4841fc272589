"""Dutch (B1) words of the call panel and the transfer guide, in one place."""

from __future__ import annotations

from console.domain.model import Outcome
from console.domain.transfer import TargetKind, TransferState
from console.services.calls import CallPhase

PANEL_TITLE = "Telefoon"
MENU = "Tele&foon"

PHASE = {
    CallPhase.IDLE: "Geen gesprek",
    CallPhase.RINGING: "De telefoon gaat over",
    CallPhase.TALKING: "In gesprek",
    CallPhase.ON_HOLD: "Inwoner in de wacht",
    CallPhase.CONSULTING: "Overleg — inwoner in de wacht",
    CallPhase.WRAP_UP: "Gesprek afgelopen — rond af",
}

TRANSFER_STATE = {
    TransferState.PREPARED: "Klaar om te overleggen",
    TransferState.CONSULTING: "U overlegt nu",
    TransferState.COMPLETED: "Doorverbonden",
    TransferState.CANCELLED: "Terug bij de inwoner",
    TransferState.RESIDENT_LEFT: "De inwoner heeft opgehangen",
    TransferState.FALLBACK: "Terugbelnotitie of doorverwijzing gemaakt",
}

KIND = {
    TargetKind.DESK: "Afdeling",
    TargetKind.COLLEAGUE: "Collega",
    TargetKind.PARTNER: "Partner",
}

WRAP_UP_OUTCOMES = (
    Outcome.ANSWERED,
    Outcome.CALLBACK_NOTE_MADE,
    Outcome.TRANSFERRED,
    Outcome.REFERRED_TO_PARTNER,
)

ACT_ANSWER = "Op&nemen"
ACT_HOLD = "In de &wacht / hervatten"
ACT_HANG_UP = "O&phangen"
ACT_GUIDE = "&Doorverbinden: wie kan helpen?"
ACT_CONSULT = "Over&leggen (inwoner in de wacht)"
ACT_COMPLETE = "Door&verbinden voltooien"
ACT_CANCEL = "Overleg &annuleren, terug naar inwoner"
ACT_WRAP_UP = "Gesprek af&ronden"
ACT_NOTES = "Naar de gespreks&notities"
ACT_TOGGLE_PANEL = "Telefoonpaneel tonen of verbergen"
ACT_FALLBACK = "&Terugbelnotitie of doorverwijzing maken"

RINGING_BANNER = "De telefoon gaat over: {who} — opnemen met F9"
RINGING_BANNER_NAME = "Inkomend gesprek"
UNKNOWN_NUMBER_SHORT = "onbekend nummer"
UNKNOWN_CALLER = "Onbekend nummer: vraag naam en adres."
SEVERAL_CALLERS = "{count} inwoners hebben dit nummer: vraag wie er belt."
NO_RECENT = "Geen eerdere contacten."
NO_NOTES = "Geen open terugbelnotities."
RECENT = "Eerdere contacten"
OPEN_NOTES = "Open terugbelnotities"
NOTES = "Notities tijdens het gesprek (blijven bewaard)"
NOTES_HINT = "Typ hier wat de inwoner vraagt en wat u al heeft geprobeerd."
SUMMARY = "Samenvatting voor de collega"
WRAP_UP = "Afronden"
OUTCOME = "Uitkomst"
SCORE = "Tevredenheid (1–10, mag leeg)"
SCORE_NONE = "geen cijfer"
WRAP_UP_BUTTON = "Afronden (Alt+R)"
MAIL_PREVIEW = (
    "Doorverwijzing per e-mail (nog niet verstuurd: versturen kan de console nog niet; "
    "kopieer de tekst naar uw mailprogramma)"
)

MAIL_PREVIEW_SHORT = "Doorverwijzing per e-mail"

GUIDE_TITLE = "Doorverbinden — wie kan helpen?"
GUIDE_SEARCH = "Zoek op onderwerp of naam, bijvoorbeeld paspoort, bijstand of afval"
GUIDE_SEARCH_NAME = "Zoek een afdeling, collega of partner"
GUIDE_TABLE_NAME = "Wie kan helpen"
GUIDE_COLUMNS = ("Naam", "Soort", "Past bij", "Nu", "Telefoon")
OPEN_NOW = "Open"
CLOSED_UNTIL = "Gesloten — open {when}"
CLOSED = "Gesloten"
WHO = "Wie belt er?"
WHAT = "Waar gaat de vraag over?"
TRIED = "Wat is al geprobeerd?"
CALLBACK_NUMBER = "Beste terugbelnummer"
CONSULT_BUTTON = "Overleggen (Alt+C)"
ALTERNATIVE_NOTE = "Terugbelnotitie maken"
ALTERNATIVE_MAIL = "Doorverwijzing per e-mail maken"
CHOOSE_TARGET = "Kies eerst een afdeling, collega of partner in de lijst."
NOTE_MADE = "Terugbelnotitie gemaakt voor {target}: {subject}"
MAIL_MADE = (
    "De doorverwijzing aan {target} staat klaar in het telefoonpaneel. Kopieer en verstuur hem."
)
WRAPPED_UP = "Gesprek afgerond en opgeslagen."
