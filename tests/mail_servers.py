"""Real mail servers for the ``imap`` tests: a private Dovecot, and aiosmtpd delivering into it.

Dovecot (Debian ``dovecot-imapd``) runs with its own config and passwd-file, bound to 127.0.0.1
on a free port. ``imap-login`` refuses to run as root, so under root the login processes run as
``dovenull``, the internal ones as ``dovecot`` and the mailboxes belong to ``dovecot``; as an
ordinary user everything runs as that user. The SMTP server (``aiosmtpd``, in its own thread)
hands every accepted message to ``dovecot-lda``, Dovecot's own delivery agent, so a message sent
by the console lands in the recipient's Maildir exactly as a real MTA would put it there. The SMTP
server can be stopped and started again on the same port ("the mail server is away").
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
LDA = "/usr/lib/dovecot/dovecot-lda"
MISSING = (
    "The imap tests need Dovecot (Debian package dovecot-imapd, installed by .ci/setup) and "
    "aiosmtpd (pip, test extra)."
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail_available() -> bool:
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        return False
    return Path(DOVECOT).exists() and Path(LDA).exists()


@dataclass(frozen=True)
class Account:
    address: str
    password: str


class DovecotServer:
    """A private Dovecot instance; ``start()`` … ``stop()``."""

    def __init__(self, accounts: list[Account]) -> None:
        self.accounts = {a.address: a for a in accounts}
        self.dir = Path(tempfile.mkdtemp(prefix="kcc-dovecot-"))
        # Login and mail processes run as other users: they must reach their files.
        self.dir.chmod(0o755)
        self.port = free_port()
        self.config = self.dir / "dovecot.conf"
        self._root = os.geteuid() == 0
        me = pwd.getpwuid(os.geteuid()).pw_name
        self.mail_user = "dovecot" if self._root else me
        self._login_user = "dovenull" if self._root else me
        self._internal_user = "dovecot" if self._root else me

    def _write_config(self) -> None:
        owner = pwd.getpwnam(self.mail_user)
        lines = []
        for account in self.accounts.values():
            home = self.dir / "mail" / account.address
            (home / "Maildir").mkdir(parents=True, exist_ok=True)
            lines.append(
                f"{account.address}:{{PLAIN}}{account.password}:{owner.pw_uid}:{owner.pw_gid}"
                f"::{home}::"
            )
        (self.dir / "passwd").write_text("\n".join(lines) + "\n")
        for path in (self.dir / "mail").rglob("*"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        os.chown(self.dir / "mail", owner.pw_uid, owner.pw_gid)
        (self.dir / "run").mkdir(exist_ok=True)
        (self.dir / "state").mkdir(exist_ok=True)
        self.config.write_text(
            f"""
base_dir = {self.dir}/run
state_dir = {self.dir}/state
instance_name = kcc-dovecot-{self.port}
log_path = {self.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {self._login_user}
default_internal_user = {self._internal_user}
mail_location = maildir:~/Maildir
first_valid_uid = {owner.pw_uid}
last_valid_uid = {owner.pw_uid}
postmaster_address = postmaster@westbetuwe.test
lda_mailbox_autocreate = yes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.dir}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
service lmtp {{
  unix_listener lmtp {{
    mode = 0600
  }}
}}
"""
        )

    def start(self) -> DovecotServer:
        self._write_config()
        # Dovecot forks into the background: its children must not hold our pipes open.
        errors = self.dir / "start.err"
        with errors.open("wb") as err:
            result = subprocess.run(
                [DOVECOT, "-c", str(self.config)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                check=False,
            )
        if result.returncode != 0:
            raise RuntimeError(f"dovecot did not start: {errors.read_text(errors='replace')}")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def deliver(self, recipient: str, message: bytes, *, sender: str = "") -> None:
        """Put ``message`` into ``recipient``'s INBOX through Dovecot's delivery agent."""
        args = [LDA, "-c", str(self.config), "-d", recipient]
        if sender:
            args += ["-f", sender]
            # The final delivery records the envelope sender (RFC 5321 4.4), as Postfix does;
            # dovecot-lda itself leaves that to the MTA.
            message = f"Return-Path: <{sender}>\r\n".encode() + message
        result = subprocess.run(args, input=message, capture_output=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"dovecot-lda failed ({result.returncode}): {result.stderr!r}")

    def empty(self, address: str) -> None:
        """Expunge every message of ``address`` over IMAP (tests start from empty mailboxes)."""
        import imaplib

        account = self.accounts[address]
        with imaplib.IMAP4("127.0.0.1", self.port, timeout=10) as client:
            client.login(account.address, account.password)
            _, data = client.select("INBOX")
            if int(data[0] or 0):
                client.store("1:*", "+FLAGS", "(\\Deleted)")
                client.expunge()
            client.logout()

    def maildir_count(self, address: str) -> int:
        """How many messages ``address`` holds (new and cur), read from disk."""
        base = self.dir / "mail" / address / "Maildir"
        return sum(
            1 for sub in ("new", "cur") if (base / sub).exists() for _ in (base / sub).iterdir()
        )

    def messages(self, address: str) -> list[bytes]:
        base = self.dir / "mail" / address / "Maildir"
        files = [
            p for sub in ("new", "cur") if (base / sub).exists() for p in (base / sub).iterdir()
        ]
        return [p.read_bytes() for p in sorted(files, key=lambda p: p.stat().st_mtime_ns)]

    def stop(self) -> None:
        subprocess.run(
            ["doveadm", "-c", str(self.config), "stop"], capture_output=True, check=False
        )
        pid_file = self.dir / "run" / "master.pid"
        deadline = time.monotonic() + 10
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(self.dir, ignore_errors=True)


class SmtpToDovecot:
    """An aiosmtpd server on 127.0.0.1 that delivers every recipient into ``dovecot``.

    Runs in aiosmtpd's own thread. ``stop()`` and ``start()`` again keep the port, so a test can
    take the mail server away and bring it back. ``received`` counts accepted messages.
    """

    def __init__(self, dovecot: DovecotServer) -> None:
        self.dovecot = dovecot
        self.port = free_port()
        self.received = 0
        self._controller = None

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        for recipient in envelope.rcpt_tos:
            if recipient not in self.dovecot.accounts:
                return "550 no such mailbox"
        for recipient in envelope.rcpt_tos:
            await asyncio.to_thread(
                self.dovecot.deliver,
                recipient,
                envelope.original_content or envelope.content,
                sender=envelope.mail_from or "",
            )
        self.received += 1
        return "250 OK delivered"

    def start(self) -> SmtpToDovecot:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None


# -- the pytest fixture (imported by the imap test modules) -----------------------------------

DESK = Account("info@westbetuwe.example", "desk-secret")  # the general KCC's mailbox (demo org)
POST_ROOM = Account("post@westbetuwe.example", "post-secret")  # the post room's scans (N10)
RESIDENT = Account("jan.jansen@example.nl", "resident-secret")
OTHER_DESK = Account("vergunningen@westbetuwe.example", "vk-secret")


@dataclass
class MailServers:
    dovecot: DovecotServer
    smtp: SmtpToDovecot

    def config_text(self) -> str:
        return f"""
mode = "demo"

[mail]
imap_host = "127.0.0.1"
imap_port = {self.dovecot.port}
imap_security = "none"
smtp_host = "127.0.0.1"
smtp_port = {self.smtp.port}
smtp_security = "none"
smtp_login = false
timeout = 5

[[mail.mailbox]]
desk = "kcc"

[[mail.mailbox]]
desk = "kcc"
address = "{POST_ROOM.address}"
post = true
"""

    def secrets(self) -> dict[str, str]:
        return {f"mail:{a.address}": a.password for a in (DESK, POST_ROOM)}


def start_mail_servers() -> MailServers:
    import pytest

    if not mail_available():
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    dovecot = DovecotServer([DESK, POST_ROOM, RESIDENT, OTHER_DESK]).start()
    smtp = SmtpToDovecot(dovecot).start()
    return MailServers(dovecot, smtp)
