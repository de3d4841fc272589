"""``ChannelSource`` for one desk mailbox over IMAP, with IDLE (``aioimaplib``: async, IDLE).

On (re)connect it reads every message after the cursor (``<uidvalidity>:<uid>``, committed by the
intake with the last stored contact), one message at a time so a 10 MB mail never sits in memory
twice, then waits in IDLE for the server's push (new mail shows within about half a second). A
new UIDVALIDITY means the server renumbered the mailbox: everything is read again and the store's
de-duplication by Message-ID keeps it from showing twice. The mailbox is only read
(``BODY.PEEK``): flags stay as colleagues in other programs set them. Any network or protocol
failure becomes ``ChannelUnavailable``; the intake restarts the source. Event-loop thread only.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime

import aioimaplib

from console.channels import ChannelUnavailable, Deliver
from console.domain.model import Channel
from console.i18n import QT_TRANSLATE_NOOP, Text
from integrations.mail.config import MailboxSettings, MailSettings
from integrations.mail.parse import parse_mail

log = logging.getLogger(__name__)

_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')


def _away(address: str) -> Text:
    return Text(
        "errors",
        QT_TRANSLATE_NOOP(
            "errors",
            "De mailbox {address} is nu niet bereikbaar. Er gaat geen mail verloren: de console "
            "haalt alles op zodra de server terug is.",
        ),
        {"address": address},
    )


class ImapMailboxSource:
    """One desk mailbox (see the module docstring)."""

    def __init__(
        self,
        settings: MailSettings,
        mailbox: MailboxSettings,
        *,
        password: str,
        own_addresses: frozenset[str],
        desk_id: str,
    ) -> None:
        self.name = f"mail:{mailbox.address}"
        self._settings = settings
        self._mailbox = mailbox
        self._password = password
        self._own = own_addresses
        self._desk_id = desk_id
        self._channel = Channel.POST if mailbox.post else Channel.MAIL

    async def run(self, deliver: Deliver, *, cursor: str | None) -> None:
        s = self._settings
        validity, _, last = (cursor or "").partition(":")
        last_uid = int(last) if last.isdigit() else 0
        lost = asyncio.Event()
        try:
            if s.imap_security == "tls":
                client = aioimaplib.IMAP4_SSL(
                    host=s.imap_host, port=s.imap_port, timeout=s.timeout
                )
            else:
                client = aioimaplib.IMAP4(
                    host=s.imap_host,
                    port=s.imap_port,
                    timeout=s.timeout,
                    conn_lost_cb=lambda _exc: lost.set(),
                )
            await client.wait_hello_from_server()
        except (OSError, TimeoutError, aioimaplib.Abort) as exc:
            raise ChannelUnavailable(_away(self._mailbox.address)) from exc
        try:
            await self._session(client, deliver, validity, last_uid, lost)
        except (OSError, TimeoutError, aioimaplib.Abort, aioimaplib.CommandTimeout) as exc:
            raise ChannelUnavailable(_away(self._mailbox.address)) from exc
        finally:
            await self._close(client)

    async def _session(
        self,
        client: aioimaplib.IMAP4,
        deliver: Deliver,
        validity: str,
        last_uid: int,
        lost: asyncio.Event,
    ) -> None:
        response = await client.login(self._mailbox.user, self._password)
        if response.result != "OK":
            raise ChannelUnavailable(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "De console kan niet inloggen op de mailbox {address}. Zet het "
                        "wachtwoord opnieuw met: kcc-console secrets set {secret}",
                    ),
                    {"address": self._mailbox.address, "secret": self._mailbox.secret},
                )
            )
        response = await client.select(self._mailbox.folder)
        if response.result != "OK":
            raise ChannelUnavailable(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP("errors", "De map {folder} van {address} bestaat niet."),
                    {"folder": self._mailbox.folder, "address": self._mailbox.address},
                )
            )
        found = next(
            (m.group(1).decode() for line in response.lines if (m := _UIDVALIDITY.search(line))),
            "",
        )
        if found != validity:
            last_uid = 0  # renumbered (or first run): read all, de-duplication does the rest
        while True:
            last_uid = await self._read_new(client, deliver, found, last_uid)
            idle = await client.idle_start(timeout=self._settings.idle_seconds)
            push = asyncio.ensure_future(client.wait_server_push(self._settings.idle_seconds + 5))
            gone = asyncio.ensure_future(lost.wait())
            try:
                await asyncio.wait({push, gone}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                push.cancel()
                gone.cancel()
            if lost.is_set():
                raise ChannelUnavailable(_away(self._mailbox.address))
            client.idle_done()
            await asyncio.wait_for(idle, self._settings.timeout)

    async def _read_new(
        self, client: aioimaplib.IMAP4, deliver: Deliver, validity: str, last_uid: int
    ) -> int:
        response = await client.uid_search(f"UID {last_uid + 1}:*")
        if response.result != "OK":
            raise ChannelUnavailable(_away(self._mailbox.address))
        uids = sorted(
            int(n) for line in response.lines[:-1] for n in line.split() if n.isdigit()
        )
        for uid in (u for u in uids if u > last_uid):
            fetched = await client.uid("fetch", str(uid), "(UID INTERNALDATE BODY.PEEK[])")
            if fetched.result != "OK":
                raise ChannelUnavailable(_away(self._mailbox.address))
            raw = next((bytes(x) for x in fetched.lines if isinstance(x, bytearray)), None)
            if raw is None:
                last_uid = uid  # expunged meanwhile: nothing to keep
                continue
            header = next(
                (x for x in fetched.lines if isinstance(x, bytes) and b"FETCH" in x), b""
            )
            contact = parse_mail(
                raw,
                source=self.name,
                desk_id=self._desk_id,
                channel=self._channel,
                cursor=f"{validity}:{uid}",
                received_at=_internal_date(header),
                own_addresses=self._own,
            )
            await deliver(contact)  # stored (and the cursor with it) before the next one
            last_uid = uid
        return last_uid

    @staticmethod
    async def _close(client: aioimaplib.IMAP4) -> None:
        try:
            if client.has_pending_idle():
                client.idle_done()
            await asyncio.wait_for(client.logout(), 2)
        except Exception:  # closing a broken connection: nothing left to save
            pass


def _internal_date(line: bytes) -> datetime | None:
    found = _INTERNALDATE.search(line)
    if not found:
        return None
    try:
        return datetime.strptime(found.group(1).decode().strip(), "%d-%b-%Y %H:%M:%S %z")
    except ValueError:
        return None
