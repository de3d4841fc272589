"""The mail channel: desk mailboxes over IMAP (IDLE) in, replies over SMTP out.

``mail_channels`` is the factory the composition root's channel registry calls: it reads the
``[mail]`` section of the config file, takes each mailbox's password from the keyring and
returns one registration per mailbox. A mailbox marked ``post`` is the post room's: its
contacts count as post (N10) and get no automatic acknowledgement (the sender is the post room).
"""

from __future__ import annotations

from console.channels import ChannelContext, ChannelRegistration
from console.ports import SecretMissing


async def mail_channels(context: ChannelContext) -> list[ChannelRegistration]:
    """One registration per configured mailbox; none without a ``[mail]`` section.

    Raises:
        MailConfigError: the section cannot be used (Dutch message).
        SecretMissing: a mailbox's password is not in the keyring.
    """
    from integrations.mail.config import read_mail_settings

    org = context.organisation
    settings = read_mail_settings(
        context.config_source,
        desk_mailboxes={d.id: d.mailbox for d in org.desks if d.mailbox},
    )
    if settings is None:
        return []
    # The IMAP and SMTP clients only when a [mail] section is there (B6: start time).
    from integrations.mail.imap import ImapMailboxSource
    from integrations.mail.smtp import SmtpReplySender

    own = frozenset(m.address.lower() for m in settings.mailboxes)
    registrations = []
    for mailbox in settings.mailboxes:
        password = await context.secrets.get(mailbox.secret)
        if not password:
            raise SecretMissing(mailbox.secret)
        desk = org.desk(mailbox.desk)
        source = ImapMailboxSource(
            settings, mailbox, password=password, own_addresses=own, desk_id=mailbox.desk
        )
        sender = SmtpReplySender(
            settings,
            address=mailbox.address,
            display_name=f"Gemeente West Betuwe, {desk.name}" if desk else "Gemeente West Betuwe",
            username=mailbox.user,
            password=password,
        )
        registrations.append(
            ChannelRegistration(
                source=source, sender=sender, address=mailbox.address, acknowledge=not mailbox.post
            )
        )
    return registrations
