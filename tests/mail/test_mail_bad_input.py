"""Hostile and broken mail through the real Dovecot: shown harmlessly, kept, never crashing.

A hostile HTML mail (scripts, remote images, CSS ``url()``, style sheets, frames, a huge inline
``data:`` image) is rendered in the detail pane while a local socket named in every remote URL
listens: it must see no connection, and the text browser's resource loader must never be asked.
Broken MIME, a 10 MB inline image, an unknown charset, an attachment-only mail, auto-responders
(one answering our acknowledgement: the loop), and spoofed senders are all kept and shown; no
machine gets an acknowledgement; the intake keeps reading the mail after them.
"""

from __future__ import annotations

import asyncio
import base64
import select
import socket
from email.message import EmailMessage

import pytest

from console.domain.model import Channel
from integrations.mail.parse import parse_mail
from tests.helpers import running_app
from tests.mail.test_mail_channel import _ack, interactions, mail, send, until
from tests.mail_servers import DESK, RESIDENT
from widgets.mail_body import safe_html

pytestmark = [pytest.mark.imap, pytest.mark.slow]


def _hostile_html(port: int) -> str:
    remote = f"http://127.0.0.1:{port}"
    huge = base64.b64encode(b"\x89PNG" + b"\0" * 900_000).decode()  # 1.2 MB inline
    return f"""<html><head>
<link rel="stylesheet" href="{remote}/style.css">
<style>body {{ background: url({remote}/bg.png) }} @import url({remote}/import.css);</style>
<script src="{remote}/evil.js"></script>
<script>document.write('GEHACKT')</script>
</head>
<body style="background-image: url('{remote}/body.png')" onload="alert('GEHACKT')">
<p>Beste gemeente, mijn <b>vraag</b> gaat over de <a href="{remote}/klik">stoep</a>.</p>
<img src="{remote}/pixel.gif" width="1" height="1">
<img src="data:image/png;base64,{huge}">
<img srcset="{remote}/set.png 2x">
<iframe src="{remote}/frame"></iframe>
<object data="{remote}/object"></object>
<embed src="{remote}/embed">
<form action="{remote}/form"><input name="bsn"></form>
<div style="background:url(//127.0.0.1:{port}/div.png)">Met vriendelijke groet, Jan</div>
<table background="{remote}/table.png"><tr><td background="{remote}/td.png">cel</td></tr></table>
<svg><image href="{remote}/svg.png"/></svg>
<video src="{remote}/video.mp4" poster="{remote}/poster.png"></video>
</body></html>"""


def test_hostile_html_is_shown_without_running_or_fetching_anything(
    qloop, tmp_path, mail_servers, app_options
):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    html = _hostile_html(port)

    cleaned = safe_html(html)
    assert f"127.0.0.1:{port}/klik" in cleaned  # a link keeps its address to read
    for bad in ("<script", "<img", "<iframe", "<object", "<style", "url(", "data:", "onload",
                "GEHACKT", "pixel.gif", "<form", "background="):  # fmt: skip
        assert bad not in cleaned, bad

    async def scenario():
        async with running_app(tmp_path / "data", None, **app_options) as app:
            window = app.window
            window.show()
            msg = EmailMessage()
            msg["From"] = f"Jan Jansen <{RESIDENT.address}>"
            msg["To"] = DESK.address
            msg["Subject"] = "Een vraag over de stoep"
            msg["Message-ID"] = "<hostile1@example.nl>"
            msg.set_content("Beste gemeente, mijn vraag gaat over de stoep.")
            msg.add_alternative(html, subtype="html")
            # Straight into the desk's mailbox through Dovecot's delivery agent (2 MB of HTML).
            await asyncio.to_thread(
                mail_servers.dovecot.deliver, DESK.address, msg.as_bytes(), sender=RESIDENT.address
            )
            rows = await until(
                lambda: _with_subject(app, "Een vraag over de stoep"), what="the hostile mail"
            )
            window.detail.show_interaction(rows[0].id)
            panel = window.detail.conversation
            await until(lambda: panel.messages, what="the conversation")
            view = panel.body
            view.grab()  # lay out and paint everything: any resource load would happen now
            await asyncio.sleep(0)  # and let queued events run
            shown = view.toPlainText()
            assert "stoep" in shown and "Met vriendelijke groet, Jan" in shown
            assert "GEHACKT" not in shown and "document.write" not in shown
            assert "niet geladen" in panel.warnings.text()  # the user hears why images are gone
            assert view.resource_requests == []
            readable, _, _ = select.select([listener], [], [], 0)
            assert not readable, "the console connected to a remote URL from the mail"

    try:
        qloop.run_until_complete(scenario())
    finally:
        listener.close()


async def _with_subject(app, subject: str, channel: Channel = Channel.MAIL):
    return [r for r in await interactions(app, channel) if r.subject == subject]


# -- broken and machine-made mail -------------------------------------------------------------


def _raw(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n" + body


def _bad_mails() -> dict[str, bytes]:
    broken = _raw(
        f"From: Jan Jansen <{RESIDENT.address}>\nTo: {DESK.address}\nSubject: Kapotte mail\n"
        "Message-ID: <broken1@example.nl>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="zzz"\nDit is geen header\n',
        b"--zzz\r\nContent-Type: text/plain\r\n\r\nHallo, mijn vraag over de afvalbak\r\n"
        b"--zzz\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64"
        b"\r\n\r\n!!!geen base64!!!\r\n",  # no closing boundary
    )
    unknown_charset = _raw(
        f"From: Jan Jansen <{RESIDENT.address}>\nTo: {DESK.address}\nSubject: Vreemde letters\n"
        "Message-ID: <charset1@example.nl>\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=x-klingon-42\nContent-Transfer-Encoding: 8bit\n",
        "Vraag over het caf\u00e9 op de hoek".encode("latin-1") + b"\r\n",
    )
    big = EmailMessage()
    big["From"] = f"Jan Jansen <{RESIDENT.address}>"
    big["To"] = DESK.address
    big["Subject"] = "Foto van de lantaarnpaal"
    big["Message-ID"] = "<big1@example.nl>"
    big.set_content("Zie de foto.")
    big.add_alternative('<p>Zie de foto.</p><img src="cid:foto1">', subtype="html")
    big.get_payload()[1].add_related(
        b"\x89PNG" + bytes(range(256)) * 40960, "image", "png", cid="<foto1>",
        disposition="inline", filename="lantaarnpaal.png",
    )  # fmt: skip  (10 MB)
    only_attachment = EmailMessage()
    only_attachment["From"] = f"Jan Jansen <{RESIDENT.address}>"
    only_attachment["To"] = DESK.address
    only_attachment["Message-ID"] = "<attach1@example.nl>"
    only_attachment.add_attachment(
        b"%PDF-1.4 formulier", maintype="application", subtype="pdf", filename="../../formulier.pdf"
    )
    responder = _raw(
        f"From: Jan Jansen <{RESIDENT.address}>\nTo: {DESK.address}\n"
        "Subject: Afwezig: Wij hebben uw e-mail ontvangen\nMessage-ID: <auto1@example.nl>\n"
        "Auto-Submitted: auto-replied\nX-Autoreply: yes\nPrecedence: auto_reply\n",
        b"Ik ben tot maandag afwezig.\r\n",
    )
    own_address = _raw(
        f"From: Gemeente <{DESK.address}>\nTo: {DESK.address}\nSubject: Betaal nu uw aanslag\n"
        "Message-ID: <spoof1@evil.test>\n",
        b"Klik hier om te betalen.\r\n",
    )
    spoofed = _raw(
        f"From: Jan Jansen <{RESIDENT.address}>\nTo: {DESK.address}\n"
        "Subject: Nieuw rekeningnummer\nMessage-ID: <spoof2@evil.test>\n"
        "Reply-To: oplichter@evil.test\n",
        b"Wilt u mijn toeslag op een ander rekeningnummer zetten?\r\n",
    )
    return {
        "broken": broken,
        "charset": unknown_charset,
        "big": big.as_bytes(),
        "attachment": only_attachment.as_bytes(),
        "responder": responder,
        "own_address": own_address,
        "spoofed": spoofed,
    }


def test_bad_input_is_kept_shown_and_never_acknowledged_to_machines(
    qloop, tmp_path, mail_servers, app_options
):
    servers = mail_servers
    mails = _bad_mails()

    async def scenario():
        async with running_app(tmp_path / "data", None, **app_options) as app:
            window = app.window
            # A normal mail first, so the auto-responder can answer our acknowledgement.
            first = mail(subject="Vraag over de stoep", body="Er zit een gat in de stoep.",
                         message_id="loop0@example.nl")  # fmt: skip
            await send(servers, first, sender=RESIDENT.address, to=DESK.address)
            ack = (await until(lambda: _ack(servers, "loop0@example.nl"), what="ack"))[0]
            loop_reply = _raw(
                f"From: Jan Jansen <{RESIDENT.address}>\nTo: {DESK.address}\n"
                "Subject: Automatisch antwoord: Wij hebben uw e-mail ontvangen\n"
                f"Message-ID: <loop1@example.nl>\nIn-Reply-To: {ack['Message-ID']}\n"
                "Auto-Submitted: auto-replied\n",
                b"Ik ben op vakantie.\r\n",
            )
            for raw in (*mails.values(), loop_reply):
                # Straight into the desk's mailbox (Dovecot's delivery agent), as any MTA would.
                await asyncio.to_thread(
                    servers.dovecot.deliver, DESK.address, raw, sender="bounce@spoof.test"
                )
            last = mail(subject="Gewone vraag na alles", body="Werkt de console nog?",
                        message_id="after1@example.nl")  # fmt: skip
            await send(servers, last, sender=RESIDENT.address, to=DESK.address)
            await until(lambda: _with_subject(app, "Gewone vraag na alles"), seconds=30,
                        what="the mail after the bad ones")  # fmt: skip

            rows = {r.subject: r for r in await interactions(app, Channel.MAIL)}
            for subject in ("Kapotte mail", "Vreemde letters", "Foto van de lantaarnpaal",
                            "(geen onderwerp)", "Afwezig: Wij hebben uw e-mail ontvangen",
                            "Betaal nu uw aanslag", "Nieuw rekeningnummer"):  # fmt: skip
                assert subject in rows, subject
            # The auto-responder's answer to our acknowledgement joined the thread.
            assert "Automatisch antwoord: Wij hebben uw e-mail ontvangen" not in rows
            thread = await app.intake.messages(rows["Vraag over de stoep"].id)
            assert [m.incoming for m in thread] == [True, False, True] and thread[2].automatic

            async def first_message(subject):
                return (await app.intake.messages(rows[subject].id))[0]

            broken = await first_message("Kapotte mail")
            assert "afvalbak" in broken.text and broken.warnings
            charset = await first_message("Vreemde letters")
            assert "caf" in charset.text and any("tekenset" in w for w in charset.warnings)
            big = await first_message("Foto van de lantaarnpaal")
            assert [a.filename for a in big.attachments] == ["lantaarnpaal.png"]
            assert big.attachments[0].size > 10_000_000
            attachment = await first_message("(geen onderwerp)")
            assert [a.filename for a in attachment.attachments] == ["formulier.pdf"]
            only_file = (await app.inbox.detail(rows["(geen onderwerp)"].id)).interaction
            assert "Bekijk de bijlagen" in only_file.question
            own = await first_message("Betaal nu uw aanslag")
            assert any("adres van de gemeente" in w for w in own.warnings)
            spoofed = await first_message("Nieuw rekeningnummer")
            assert any("misschien niet echt" in w for w in spoofed.warnings)
            assert any("oplichter@evil.test" in w for w in spoofed.warnings)

            # The attachment is saved only on request, under its own name only.
            window.detail.show_interaction(rows["(geen onderwerp)"].id)
            panel = window.detail.conversation
            await until(lambda: panel.messages, what="the conversation")
            target = tmp_path / "opgeslagen.pdf"
            panel.save_attachment(attachment.reference, 0, target)
            await until(lambda: target.exists(), what="the saved attachment")
            assert target.read_bytes() == b"%PDF-1.4 formulier"
            window.detail.show_interaction(rows["Foto van de lantaarnpaal"].id)
            await until(lambda: panel.messages and panel.messages[0].reference == big.reference,
                        what="the big mail shown")  # fmt: skip
            assert "Zie de foto" in panel.body.toPlainText()

            # Machines and our own address got no acknowledgement; people did, once each.
            for person in ("broken1@example.nl", "charset1@example.nl", "big1@example.nl",
                           "attach1@example.nl", "after1@example.nl"):  # fmt: skip
                acks = await until(lambda p=person: _ack(servers, p), what=f"ack of {person}")
                assert len(acks) == 1, person
            # Sent in order: the acknowledgements above were queued after these mails.
            for machine in ("auto1@example.nl", "loop1@example.nl", "spoof1@evil.test"):
                assert not await _ack(servers, machine), machine
            assert all(not t.done() for t in app.intake.source_tasks.values())

    qloop.run_until_complete(scenario())


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe garbage \x80\x81",
        b"Subject: =?x-unknown?B?AAAA?=\r\nFrom: =?utf-8?Q?broken\r\n\r\nbody",
        b"Content-Type: multipart/mixed\r\n\r\nno boundary at all",
        b"From: a@b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n",
    ],
)
def test_the_parser_never_raises_and_always_keeps_something(raw):
    contact = parse_mail(raw, source="mail:x", desk_id="kcc")
    assert contact.reference
    assert contact.text or contact.attachments or contact.subject or raw == b""
