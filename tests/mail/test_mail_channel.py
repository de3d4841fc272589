"""The mail channel against a real Dovecot (IMAP IDLE) and a real SMTP server delivering into it.

What a resident and an agent notice: a mail to the desk shows in the inbox at once, the resident
gets the automatic acknowledgement (N9) saying what happens next, a reply in the same thread stays
one question, a reply written in the console arrives in the resident's mailbox, post from the post
room counts as post (N10), nothing is lost or doubled over a restart, and a reply written while
the mail server is away goes out exactly once when it is back.
"""

from __future__ import annotations

import asyncio
import email
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

import aioimaplib
import aiosmtplib
import pytest

from console.channels import ReplyKind, ReplyState
from console.domain.deadlines import ACKNOWLEDGEMENT_WORKING_DAYS
from console.domain.inbox import Scope, StateFilter
from console.domain.model import Channel, TimelineKind
from tests.helpers import running_app, signal_until, until
from tests.mail_servers import DESK, POST_ROOM, RESIDENT, Account, MailServers

pytestmark = [pytest.mark.imap, pytest.mark.slow]

ARRIVAL_DEADLINE = 2.0  # seconds from the SMTP server's "250 OK" to the row in the inbox


# -- helpers -----------------------------------------------------------------------------------


def mail(
    *,
    subject: str,
    body: str,
    sender: Account = RESIDENT,
    to: Account = DESK,
    message_id: str,
    in_reply_to: str = "",
    name: str = "Jan Jansen",
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{name} <{sender.address}>"
    msg["To"] = to.address
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    msg.set_content(body)
    return msg


async def send(servers: MailServers, msg: EmailMessage | bytes, *, sender: str, to: str) -> None:
    await aiosmtplib.send(
        msg, hostname="127.0.0.1", port=servers.smtp.port, sender=sender, recipients=[to]
    )


async def mailbox(servers: MailServers, account: Account) -> list[EmailMessage]:
    """Every message in ``account``'s INBOX, read back from Dovecot over IMAP."""
    client = aioimaplib.IMAP4(host="127.0.0.1", port=servers.dovecot.port, timeout=5)
    await client.wait_hello_from_server()
    await client.login(account.address, account.password)
    await client.select("INBOX")
    response = await client.fetch("1:*", "(BODY.PEEK[])")
    await client.logout()
    raws = [bytes(x) for x in response.lines if isinstance(x, bytearray)]
    return [email.message_from_bytes(r, policy=policy.default) for r in raws]  # type: ignore


async def interactions(app, channel: Channel) -> list:
    query = app.inbox.query(scope=Scope.ALL, channel=channel, state=StateFilter.ALL)
    return await app.inbox.page(query, limit=100)


def addressed_to(messages: list[EmailMessage], in_reply_to: str) -> list[EmailMessage]:
    return [m for m in messages if in_reply_to in str(m.get("In-Reply-To", ""))]


# -- the whole path ---------------------------------------------------------------------------


def test_mail_arrives_is_acknowledged_answered_and_survives_a_restart(
    qloop, tmp_path, mail_servers, app_options
):
    servers = mail_servers
    data = tmp_path / "data"

    async def scenario():
        before = len(await mailbox(servers, RESIDENT))
        async with running_app(data, None, **app_options) as app:
            window = app.window
            window.show()
            assert set(app.intake.sources) >= {f"mail:{DESK.address}", f"mail:{POST_ROOM.address}"}
            await asyncio.sleep(0)  # let the sources log in and enter IDLE
            await until(lambda: app.intake.delivered >= 0 and _idling(app), what="IDLE")

            # 1. A mail to the general mailbox shows in the inbox within two seconds (IDLE).
            first = mail(subject="Vraag over mijn paspoort", body="Mijn paspoort is verlopen.",
                         message_id="m1@example.nl")  # fmt: skip
            await send(servers, first, sender=RESIDENT.address, to=DESK.address)
            sent_at = time.monotonic()
            await signal_until(
                window.model.refreshed,
                lambda: any(
                    window.model.row_at(r).subject == "Vraag over mijn paspoort"
                    for r in range(window.model.rowCount())
                ),
                seconds=ARRIVAL_DEADLINE,
            )
            arrival = time.monotonic() - sent_at
            rows = await interactions(app, Channel.MAIL)
            assert len(rows) == 1
            item = (await app.inbox.detail(rows[0].id)).interaction
            assert item.desk_id == "kcc" and item.resident_name == "Jan Jansen"

            # 2. The named-contact acknowledgement is due within one working day (N9).
            calendar = app.inbox.calendar
            assert item.deadline == calendar.deadline_after_working_days(
                item.received_at, ACKNOWLEDGEMENT_WORKING_DAYS
            )

            # 3. The resident receives the automatic acknowledgement, read back from Dovecot.
            acks = await until(
                lambda: _ack(servers, "m1@example.nl"), what="the acknowledgement"
            )
            ack = acks[0]
            assert ack["Subject"] == "Wij hebben uw e-mail ontvangen"
            assert ack["Auto-Submitted"] == "auto-replied"
            body = ack.get_content()
            assert "Beste Jan Jansen" in body and "Wat gebeurt er nu?" in body
            assert "Algemeen KCC" in body and "Uiterlijk" in body

            # 4. The resident answers the acknowledgement: still one question.
            ack_id = str(ack["Message-ID"]).strip("<>")
            again = mail(subject="Re: Wij hebben uw e-mail ontvangen",
                         body="Ik heb ook een nieuwe pasfoto.", message_id="m2@example.nl",
                         in_reply_to=ack_id)  # fmt: skip
            await send(servers, again, sender=RESIDENT.address, to=DESK.address)
            conversation = await until(
                lambda: _messages_at_least(app, item.id, 3), what="the second mail"
            )
            assert [m.incoming for m in conversation] == [True, False, True]
            assert len(await interactions(app, Channel.MAIL)) == 1
            timeline = await app.inbox._interactions.timeline(item.id)
            assert [e.kind for e in timeline].count(TimelineKind.RECEIVED) == 2

            # 5. A reply from the console, from the B1 template, arrives at the resident.
            window.detail.show_interaction(item.id)
            panel = window.detail.conversation
            await until(lambda: len(panel.messages) == 3, what="the conversation panel")
            assert panel.isVisibleTo(window) and panel.reply_button.isEnabled()
            dialog = await panel.open_reply(item.id, ReplyKind.NAMED_ACKNOWLEDGEMENT)
            assert "Sanne de Boer" in dialog.subject.text()
            assert "[datum]" in dialog.body.toPlainText()
            dialog.send_button.click()  # the placeholder is still there: refused, text kept
            await until(lambda: dialog.error.text(), what="the refusal")
            assert "[datum]" in dialog.body.toPlainText()
            dialog.body.setPlainText(
                dialog.body.toPlainText().replace("[datum]", "dinsdag 8 december")
            )
            dialog.send_button.click()
            named = await until(
                lambda: _in_reply_to(servers, "m2@example.nl"), what="the console's reply"
            )
            assert "Mijn naam is Sanne de Boer" in named[0].get_content()
            assert "dinsdag 8 december" in named[0].get_content()
            assert "Auto-Submitted" not in named[0]
            notes = [e for e in await app.inbox._interactions.timeline(item.id)
                     if e.kind is TimelineKind.NOTE]  # fmt: skip
            assert notes and "Ontvangstbevestiging met naam" in notes[0].text  # first handling

            # 6. Post scanned by the post room counts as post and gets no acknowledgement.
            scan = mail(subject="Brief over kapvergunning", body="Gescande brief, zie bijlage.",
                        sender=POST_ROOM, to=POST_ROOM, message_id="scan1@westbetuwe.example",
                        name="Postkamer")  # fmt: skip
            await send(servers, scan, sender=POST_ROOM.address, to=POST_ROOM.address)
            posts = await until(lambda: interactions(app, Channel.POST), what="the post item")
            assert posts[0].subject == "Brief over kapvergunning"
            counts = await app.intake._store.reply_counts()
            assert counts[ReplyState.SENT] == 2 and counts[ReplyState.WAITING] == 0

        # 7. While the console is closed, another mail comes in; after the restart it shows,
        # and nothing from before shows twice or is acknowledged twice.
        later = mail(subject="Vraag over de afvalpas", body="Waar haal ik een afvalpas?",
                     message_id="m3@example.nl")  # fmt: skip
        await send(servers, later, sender=RESIDENT.address, to=DESK.address)
        # The sender's server did not hear our "250 OK" and sends it again (same Message-ID).
        await send(servers, later, sender=RESIDENT.address, to=DESK.address)
        async with running_app(data, None, **app_options) as app:
            await until(
                lambda: _subjects(app, "Vraag over de afvalpas"), what="the mail sent while closed"
            )
            await until(lambda: _ack(servers, "m3@example.nl"), what="its acknowledgement")
            # The intake read past the second copy and keeps going.
            newest = mail(subject="Nog een vraag", body="Wanneer is het gemeentehuis open?",
                          message_id="m4@example.nl")  # fmt: skip
            await send(servers, newest, sender=RESIDENT.address, to=DESK.address)
            await until(lambda: _subjects(app, "Nog een vraag"), what="the mail after the copy")
            await until(lambda: _ack(servers, "m4@example.nl"), what="its acknowledgement")
            rows = await interactions(app, Channel.MAIL)
            assert sorted(r.subject for r in rows) == [
                "Nog een vraag",
                "Vraag over de afvalpas",
                "Vraag over mijn paspoort",
            ]
            assert len(await interactions(app, Channel.POST)) == 1
            assert len(await app.intake.messages(item.id)) == 4  # 2 in, ack, named reply
        resident_mail = (await mailbox(servers, RESIDENT))[before:]
        assert len(resident_mail) == 4  # three acknowledgements, one reply: nothing doubled
        return arrival

    arrival = qloop.run_until_complete(scenario())
    print(f"mail arrival in the inbox: {arrival:.2f} s")


def _idling(app) -> bool:
    tasks = app.intake.source_tasks
    return all(not t.done() for t in tasks.values())


async def _ack(servers, reference: str):
    return [
        m
        for m in addressed_to(await mailbox(servers, RESIDENT), reference)
        if m["Auto-Submitted"]
    ]


async def _in_reply_to(servers, reference: str):
    return addressed_to(await mailbox(servers, RESIDENT), reference)


async def _messages_at_least(app, interaction_id: str, count: int):
    messages = await app.intake.messages(interaction_id)
    return messages if len(messages) >= count else None


async def _subjects(app, subject: str):
    return [r for r in await interactions(app, Channel.MAIL) if r.subject == subject]


# -- the server away -------------------------------------------------------------------------


def test_a_reply_waits_while_the_server_is_away_and_goes_out_exactly_once(
    qloop, tmp_path, mail_servers, app_options
):
    servers = mail_servers

    async def scenario():
        async with running_app(tmp_path / "data", None, with_window=False, **app_options) as app:
            question = mail(subject="Vraag over parkeren", body="Mag ik hier parkeren?",
                            message_id="away1@example.nl")  # fmt: skip
            await send(servers, question, sender=RESIDENT.address, to=DESK.address)
            await until(lambda: _ack(servers, "away1@example.nl"), what="the acknowledgement")
            rows = [r for r in await interactions(app, Channel.MAIL)
                    if r.subject == "Vraag over parkeren"]  # fmt: skip
            servers.smtp.stop()
            try:
                reply = await app.intake.reply(
                    rows[0].id,
                    kind=ReplyKind.ANSWER,
                    subject="Antwoord op uw vraag",
                    text="Beste Jan Jansen,\n\nJa, dat mag. Met vriendelijke groet.",
                )
                assert not await app.intake.flush_outbox()  # the server is away
                waiting = await app.intake._store.waiting_replies()
                assert [w.id for w in waiting] == [reply.id]
                assert not await _in_reply_to(servers, "away1@example.nl") or all(
                    m["Auto-Submitted"] for m in await _in_reply_to(servers, "away1@example.nl")
                )
            finally:
                servers.smtp.start()
            app.intake.wake_outbox()
            await until(lambda: _answers(servers, reply.message_id), what="the reply")
            await app.intake.flush_outbox()  # a second pass sends nothing again
            assert len(await _answers(servers, reply.message_id)) == 1
            assert await app.intake._store.waiting_replies() == []

    qloop.run_until_complete(scenario())


async def _answers(servers, message_id: str):
    return [
        m
        for m in await mailbox(servers, RESIDENT)
        if str(m.get("Message-ID", "")).strip("<>") == message_id
    ]


def test_the_config_refuses_a_password_and_plain_text_to_another_computer(tmp_path):
    from integrations.mail.config import MailConfigError, read_mail_settings

    path = tmp_path / "kcc.toml"
    path.write_text('[mail]\nimap_host = "imap.example.nl"\nimap_security = "none"\n')
    with pytest.raises(MailConfigError, match="zonder versleuteling"):
        read_mail_settings(path, desk_mailboxes={})
    path.write_text('[mail]\nimap_host = "imap.example.nl"\npassword = "x"\n')
    with pytest.raises(MailConfigError, match="secrets set"):
        read_mail_settings(path, desk_mailboxes={})
    assert read_mail_settings(Path(tmp_path / "none.toml"), desk_mailboxes={}) is None
