"""A raw mail (RFC 5322 bytes) as an ``IncomingContact``: tolerant, never raising, never dropping.

Mail from outside is often broken: MIME without boundaries, unknown or wrong charsets, a ten
megabyte inline image, only an attachment, an auto-responder answering our acknowledgement, a
forged sender. Everything is kept and shown as well as it can be: what could not be read becomes
a Dutch warning with the message, the original bytes stay available as an attachment when the
structure could not be read at all. Machine-made mail is marked ``automatic`` so it is never
acknowledged (no mail loops). HTML is kept as it came (capped): it is sanitised where it is shown,
and never rendered with remote content. Pure functions; any thread.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import logging
import re
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

from console.channels import Attachment, IncomingContact
from console.domain.model import Channel
from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text

log = logging.getLogger(__name__)

TEXT_MAX = 1_000_000  # characters of text kept per message
HTML_MAX = 2_000_000
ATTACHMENT_MAX = 25 * 1024 * 1024  # bytes kept per attachment; bigger ones stay on the server
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")

# Warnings shown above a mail in the window; stored with the message as sentences that still
# carry their Text (offline_cache/channels.py), so they are shown in the chosen language.
BROKEN = QT_TRANSLATE_NOOP(
    "errors",
    "Dit bericht is niet helemaal volgens de regels opgebouwd. De console toont wat te lezen "
    "is; misschien ontbreekt een deel.",
)
UNREADABLE = QT_TRANSLATE_NOOP(
    "errors",
    "De opbouw van dit bericht is niet te lezen. Het originele bericht staat als bijlage "
    "'origineel.eml' bij deze vraag.",
)
TOO_LONG = QT_TRANSLATE_NOOP("errors", "Dit bericht is erg lang. De console toont het begin.")
OWN_ADDRESS = QT_TRANSLATE_NOOP(
    "errors",
    "Let op: dit bericht gebruikt het adres van de gemeente als afzender. Het komt "
    "misschien niet van de gemeente. Er is geen automatische bevestiging verstuurd.",
)
SPOOFED = QT_TRANSLATE_NOOP(
    "errors",
    "Let op: de afzender is misschien niet echt. Het bericht zegt dat het van {address} "
    "komt, maar het is verstuurd via {domain}. Vraag niet om persoonlijke gegevens via dit "
    "adres.",
)
REPLY_TO = QT_TRANSLATE_NOOP(
    "errors",
    "Let op: antwoorden op dit bericht gaan naar {address}, niet naar het antwoordadres in "
    "het bericht ({reply_to}).",
)
CHARSET = QT_TRANSLATE_NOOP(
    "errors",
    "De tekenset van dit bericht ({charset}) is onbekend of klopt niet. Sommige letters "
    "kunnen verkeerd op het scherm staan.",
)
ATTACHMENT_TOO_BIG = QT_TRANSLATE_NOOP(
    "errors",
    "De bijlage '{name}' is te groot om in de console te bewaren ({megabytes} MB). Hij staat "
    "nog in de mailbox.",
)


def _warning(template: str, **params: object) -> str:
    """A warning with parameters: Dutch text that still carries its Text (a Sentence)."""
    return Sentence.of(Text("errors", template, params))


def normalise_id(value: str) -> str:
    """A Message-ID without angle brackets and spaces ("" when there is none)."""
    found = _MESSAGE_ID.search(value or "")
    return found.group(1) if found else (value or "").strip().strip("<>")


def thread_ids(*values: str) -> tuple[str, ...]:
    """Every Message-ID named in In-Reply-To / References, oldest first, without repeats."""
    seen: list[str] = []
    for value in values:
        for found in _MESSAGE_ID.findall(value or ""):
            if found not in seen:
                seen.append(found)
    return tuple(seen)


class _TextOnly(HTMLParser):
    """HTML to plain text for the inbox list and search (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOnly()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; this is a last resort
        return html_lib.unescape(re.sub(r"<[^>]*>", " ", markup))
    text = "".join(parser.parts)
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text)).strip()


def _header(msg: Message, name: str) -> str:
    """A header as text; a header the parser cannot decode comes back raw rather than lost."""
    try:
        value = msg.get(name)
        return "" if value is None else str(value)
    except Exception:
        for key, raw in msg.raw_items():
            if key.lower() == name.lower():
                return str(raw)
        return ""


def is_automatic(msg: Message, sender: str) -> bool:
    """Mail made by a machine: auto-responders, bulk and list mail, bounces (RFC 3834)."""
    auto = _header(msg, "Auto-Submitted").strip().lower()
    if auto and auto != "no":
        return True
    if _header(msg, "Precedence").strip().lower() in ("bulk", "junk", "list", "auto_reply"):
        return True
    for name in ("X-Autoreply", "X-Autorespond", "X-Autogenerated", "List-Id", "List-Unsubscribe"):
        if _header(msg, name).strip():
            return True
    if _header(msg, "X-Auto-Response-Suppress").strip().lower() in ("all", "oof"):
        return True
    if _header(msg, "Return-Path").strip() == "<>":
        return True
    local = sender.partition("@")[0].lower()
    if local in ("mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply"):
        return True
    return msg.get_content_type() == "multipart/report"


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower().strip()


def _sender_warnings(msg: Message, address: str, own_addresses: frozenset[str]) -> list[str]:
    warnings: list[str] = []
    return_path = parseaddr(_header(msg, "Return-Path"))[1]
    if address.lower() in own_addresses:
        warnings.append(OWN_ADDRESS)
    elif return_path and address and _domain(return_path) != _domain(address):
        warnings.append(_warning(SPOOFED, address=address, domain=_domain(return_path)))
    reply_to = [a for _, a in getaddresses([_header(msg, "Reply-To")]) if a]
    if reply_to and address and any(a.lower() != address.lower() for a in reply_to):
        warnings.append(_warning(REPLY_TO, address=address, reply_to=", ".join(reply_to)))
    return warnings


def _decode_text(part: Message, warnings: list[str]) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except Exception:  # unknown charset, broken transfer encoding
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes | bytearray):
        payload = str(part.get_payload()).encode("utf-8", "replace")
    charset = part.get_content_charset() or "utf-8"
    try:
        return bytes(payload).decode(charset)
    except (LookupError, UnicodeDecodeError):
        warnings.append(_warning(CHARSET, charset=charset))
        try:
            return bytes(payload).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(payload).decode("cp1252", "replace")


def _filename(part: Message, index: int) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if name:
        # Only the name: a path in it must never decide where a file goes on save.
        return re.sub(r"[\x00-\x1f]", "", name.replace("\\", "/").rpartition("/")[2])[:200]
    subtype = part.get_content_subtype() if part.get_content_maintype() != "multipart" else "bin"
    return f"bijlage-{index}.{re.sub(r'[^a-z0-9]', '', subtype.lower())[:8] or 'bin'}"


def _walk(msg: Message, warnings: list[str]) -> tuple[str, str, list[Attachment]]:
    text = html = ""
    attachments: list[Attachment] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            disposition = part.get_content_disposition()
        except Exception:
            disposition = None
        ctype = part.get_content_type()
        is_body_text = ctype in ("text/plain", "text/html") and disposition != "attachment"
        if is_body_text and ctype == "text/plain" and not text:
            text = _decode_text(part, warnings)
            continue
        if is_body_text and ctype == "text/html" and not html:
            html = _decode_text(part, warnings)
            continue
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:
            data = b""
        if not isinstance(data, bytes | bytearray):
            data = b""
        size = len(data)
        name = _filename(part, len(attachments) + 1)
        if size > ATTACHMENT_MAX:
            warnings.append(
                _warning(ATTACHMENT_TOO_BIG, name=name, megabytes=size // (1024 * 1024))
            )
            data = b""
        attachments.append(
            Attachment(
                filename=name,
                content_type=ctype,
                size=size,
                data=bytes(data),
                inline=disposition == "inline" or bool(part.get("Content-ID")),
            )
        )
    return text, html, attachments


def parse_mail(
    raw: bytes,
    *,
    source: str,
    desk_id: str,
    channel: Channel = Channel.MAIL,
    cursor: str = "",
    received_at: datetime | None = None,
    own_addresses: frozenset[str] = frozenset(),
) -> IncomingContact:
    """``raw`` as a contact of ``source``; never raises for bad content (see module docstring)."""
    reference = "sha256:" + hashlib.sha256(raw).hexdigest()  # stable when there is no Message-ID
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:
        log.warning("mail parsing failed: %s", type(exc).__name__)
        return IncomingContact(
            source=source,
            channel=channel,
            desk_id=desk_id,
            reference=reference,
            cursor=cursor,
            subject="(bericht niet te lezen)",
            text=raw[:TEXT_MAX].decode("utf-8", "replace"),
            attachments=(Attachment("origineel.eml", "message/rfc822", len(raw), raw),),
            received_at=received_at,
            warnings=(UNREADABLE,),
        )
    warnings: list[str] = []
    name, address = parseaddr(_header(msg, "From"))
    reference = normalise_id(_header(msg, "Message-ID")) or reference
    try:
        text, html, attachments = _walk(msg, warnings)
    except Exception as exc:  # the structure itself is unreadable: keep the original bytes
        log.warning("mail structure unreadable: %s", type(exc).__name__)
        text, html = "", ""
        attachments = [Attachment("origineel.eml", "message/rfc822", len(raw), raw)]
        warnings.append(UNREADABLE)
    if msg.defects or any(getattr(p, "defects", None) for p in _safe_parts(msg)):
        warnings.append(BROKEN)
    if not text and html:
        text = html_to_text(html)
    if len(text) > TEXT_MAX or len(html) > HTML_MAX:
        warnings.append(TOO_LONG)
        text, html = text[:TEXT_MAX], html[:HTML_MAX]
    if not text and not html and not attachments:
        text = ""
    automatic = is_automatic(msg, address)
    own = frozenset(a.lower() for a in own_addresses)
    warnings.extend(_sender_warnings(msg, address, own))
    if address.lower() in own:
        automatic = True  # never acknowledge our own address: that is how mail loops start
    return IncomingContact(
        source=source,
        channel=channel,
        desk_id=desk_id,
        reference=reference,
        cursor=cursor,
        thread=thread_ids(_header(msg, "References"), _header(msg, "In-Reply-To")),
        sender_address=address,
        sender_name=name,
        subject=" ".join(_header(msg, "Subject").split())[:500],
        text=text,
        html=html,
        attachments=tuple(attachments),
        received_at=received_at,
        automatic=automatic,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _safe_parts(msg: Message) -> list[Message]:
    try:
        return list(msg.walk())
    except Exception:
        return []


def build_reply(
    *,
    sender_address: str,
    sender_name: str,
    to_address: str,
    to_name: str,
    subject: str,
    text: str,
    message_id: str,
    in_reply_to: str,
    references: tuple[str, ...],
    automatic: bool,
    date: datetime,
) -> EmailMessage:
    """An outgoing plain-text reply with the headers that keep it in the resident's thread."""
    from email.headerregistry import Address
    from email.utils import format_datetime

    msg = EmailMessage()
    msg["From"] = Address(display_name=sender_name, addr_spec=sender_address)
    msg["To"] = Address(display_name=to_name, addr_spec=to_address) if to_name else to_address
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{message_id}>"
    msg["Date"] = format_datetime(date)
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
    if references:
        msg["References"] = " ".join(f"<{r}>" for r in references)
    if automatic:
        # RFC 3834: other robots must not answer this one (no acknowledgement ping-pong).
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(text)
    return msg
