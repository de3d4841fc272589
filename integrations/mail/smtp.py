"""``ReplySender`` over SMTP with ``aiosmtplib`` (async: sending never blocks the event loop).

One connection per reply: replies are few and a desk's outbox is short, so a long-lived
connection would only add reconnect logic. Library errors become ``ChannelUnavailable`` (the
server is away or busy: the reply waits in the outbox) or ``ChannelRejected`` (the server refused
this reply for good: a 5xx answer). Event-loop thread only.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import aiosmtplib

from console.channels import ChannelRejected, ChannelUnavailable, OutgoingReply
from console.i18n import QT_TRANSLATE_NOOP, Text
from integrations.mail.config import MailSettings
from integrations.mail.parse import build_reply

log = logging.getLogger(__name__)

AWAY = QT_TRANSLATE_NOOP(
    "errors",
    "De mailserver is nu niet bereikbaar. Uw bericht wacht in de console en gaat vanzelf weg "
    "zodra de server terug is.",
)


class SmtpReplySender:
    """Sends replies from one desk mailbox (``address``, shown as ``display_name``)."""

    def __init__(
        self,
        settings: MailSettings,
        *,
        address: str,
        display_name: str,
        username: str,
        password: str,
    ) -> None:
        self._settings = settings
        self._address = address
        self._display_name = display_name
        self._username = username
        self._password = password
        self.sent = 0

    async def send(self, reply: OutgoingReply) -> None:
        s = self._settings
        message = build_reply(
            sender_address=self._address,
            sender_name=self._display_name,
            to_address=reply.to_address,
            to_name=reply.to_name,
            subject=reply.subject,
            text=reply.text,
            message_id=reply.message_id,
            in_reply_to=reply.in_reply_to,
            references=reply.references,
            automatic=reply.automatic,
            date=reply.created_at or datetime.now(UTC),
        )
        login = s.smtp_login and bool(self._password)
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=self._username if login else None,
                password=self._password if login else None,
                use_tls=s.smtp_security == "tls",
                start_tls=True if s.smtp_security == "starttls" else False,
                timeout=s.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [e.code for e in exc.recipients]
            if all(400 <= c < 500 for c in codes):
                raise ChannelUnavailable(AWAY) from exc
            raise ChannelRejected(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors", "De mailserver weigert het adres {address}. Controleer het adres."
                    ),
                    {"address": reply.to_address},
                )
            ) from exc
        except aiosmtplib.SMTPAuthenticationError as exc:
            raise ChannelUnavailable(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "De mailserver weigert de inlog van {address}. Zet het wachtwoord "
                        "opnieuw met: kcc-console secrets set mail:{address}",
                    ),
                    {"address": self._address},
                )
            ) from exc
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600:
                raise ChannelRejected(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "De mailserver weigert dit bericht. Pas het aan of neem contact op met de "
                        "servicedesk.",
                    )
                ) from exc
            raise ChannelUnavailable(AWAY) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            log.info("smtp unavailable: %s", type(exc).__name__)
            raise ChannelUnavailable(AWAY) from exc
        self.sent += 1
