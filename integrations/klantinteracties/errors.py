"""The Klantinteracties adapter's own errors: what the rest of the console may catch.

Hierarchy (every class carries ``message``, Dutch for the user, without personal data)::

    KlantinteractiesError
    ├── Unavailable          the server cannot be reached now (down, timeouts, 5xx, 429 after
    │   │                    the retries); safe to try again later
    │   ├── AmbiguousWrite   a write may or may not have landed (timeout or lost answer after
    │   │                    sending it): look it up before sending it again
    │   └── CertificateRefused  reachable, but its certificate is not trusted (set ca_file)
    ├── AuthenticationFailed the token is missing, wrong or lacks the rights (401/403)
    ├── NotFound             the record does not exist (404)
    ├── Malformed            a 2xx answer that cannot be read; ``raw`` keeps it (quarantine)
    └── Rejected             the server (or our own check before sending) refused the content;
        │                    ``field`` names the field, retrying the same request will not help
        ├── LimitExceeded    refused before sending: a spec limit (length, phone pattern)
        └── ReferenceTaken   ``referentienummer`` is already in use (400 ``unique``)

httpx errors never leave the adapter; they become one of these at the boundary. Each also
subclasses the matching port error (``console.ports.Remote*``), which is what the sync engine
and services catch.
"""

from __future__ import annotations

from console.i18n import QT_TRANSLATE_NOOP
from console.ports import (
    RemoteAmbiguous,
    RemoteAuthFailed,
    RemoteError,
    RemoteMalformed,
    RemoteReferenceTaken,
    RemoteRejected,
    RemoteUnavailable,
)


class KlantinteractiesError(RemoteError):
    """Base class; ``message`` is the Dutch sentence to show."""


class Unavailable(KlantinteractiesError, RemoteUnavailable):
    """The server is unreachable or overloaded now; the outbox keeps the work."""


class CertificateRefused(Unavailable):
    """The server answers but its TLS certificate is not trusted (wrong or missing CA)."""


class AmbiguousWrite(Unavailable, RemoteAmbiguous):
    """A write was sent but its answer was lost: it may have been stored."""


class AuthenticationFailed(KlantinteractiesError, RemoteAuthFailed):
    """401/403: the token is wrong or lacks rights."""


class NotFound(KlantinteractiesError):
    """404: the record does not exist on the server."""


class Rejected(KlantinteractiesError, RemoteRejected):
    """400: the server refused the content; sending it again unchanged will not help."""


class Malformed(KlantinteractiesError, RemoteMalformed):
    """A 200 answer we cannot read (HTML, not a list, a record without uuid, a bad date)."""


class LimitExceeded(Rejected):
    """Refused by our own check before sending (length limit or phone pattern)."""


class ReferenceTaken(Rejected, RemoteReferenceTaken):
    """The client reference (``referentienummer``) is already used by another klantcontact."""


UNAVAILABLE_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Het klantcontactsysteem is nu niet bereikbaar. Uw werk is bewaard en wordt later verstuurd.",
)
AMBIGUOUS_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Het klantcontactsysteem antwoordde niet op tijd. De console controleert straks of het "
    "bericht is aangekomen; er gaat niets verloren en niets wordt dubbel verstuurd.",
)
AUTH_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Het klantcontactsysteem weigert de toegangssleutel. Zet een nieuwe sleutel met: "
    "kcc-console secrets set klantinteracties",
)
NOT_FOUND_MESSAGE = QT_TRANSLATE_NOOP(
    "errors", "Dit contact bestaat niet (meer) in het klantcontactsysteem."
)
REDIRECT_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Het klantcontactsysteem stuurt de console door naar een andere pagina (misschien een "
    "inlogpagina). Uw werk is bewaard; de console probeert het later opnieuw.",
)
CERTIFICATE_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Het klantcontactsysteem is bereikbaar, maar zijn certificaat wordt niet vertrouwd. Vraag de "
    "beheerder het certificaat van de gemeente (ca_file) in te stellen. Uw werk is bewaard.",
)
