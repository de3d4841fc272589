"""Who is signed in, on screen: the title bar, the sign-out action, the offline notice.

GUI thread only. ``SessionUi`` follows the one ``Session`` (issue 12): the window title names
the signed-in person and their role (and "demo" in demo mode); "Afmelden" (menu "Account")
forgets the sign-in through the callable the composition root gives and closes the window.
``cleanup()`` unsubscribes from the session. ``SignInWaiting`` tells the user, while the browser
is open, where to sign in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from console.i18n import QT_TRANSLATE_NOOP
from console.services.session import Session, SessionState, SignInKind
from widgets import dashboard_texts

MENU = QT_TRANSLATE_NOOP("session_ui", "Accou&nt")  # Alt+A is the phone's cancel-consult key
SIGN_OUT = QT_TRANSLATE_NOOP("session_ui", "&Afmelden")
SIGNED_OUT = QT_TRANSLATE_NOOP(
    "session_ui", "U bent afgemeld. Bij de volgende start meldt u zich opnieuw aan."
)
# Qt adds the application name "KCC-console" once.
TITLE = QT_TRANSLATE_NOOP("session_ui", "{org} — {name} ({role})")
DEMO = QT_TRANSLATE_NOOP("session_ui", " — demo")
OFFLINE = QT_TRANSLATE_NOOP("session_ui", " — zonder verbinding met de aanmeldserver")


class SessionUi:
    """See the module docstring. Lives as long as the window."""

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        *,
        sign_out: Callable[[], Awaitable[None]] | None,
        spawn: Callable[..., object],
    ) -> None:
        self._window = window
        self._session = session
        self._sign_out = sign_out
        self._spawn = spawn
        self.sign_out_action: QAction | None = None
        if sign_out is not None:
            menu = window.menuBar().addMenu(_tr(MENU))
            action = QAction(_tr(SIGN_OUT), window)
            action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
            action.triggered.connect(self._on_sign_out_triggered)
            menu.addAction(action)
            self.sign_out_action = action
        self._unsubscribe = session.subscribe(self._on_session_changed)
        self._on_session_changed(session.state)

    def title(self, state: SessionState) -> str:
        org = self._session.organisation
        role = dashboard_texts.ROLE[state.role.value]
        text = _tr(TITLE).format(org=org.name if org else "", name=state.user.name, role=role)
        if state.kind is SignInKind.DEMO:
            text += _tr(DEMO)
        elif state.kind is SignInKind.GRACE:
            text += _tr(OFFLINE)
        return text

    def _on_session_changed(self, state: SessionState) -> None:
        if state.kind is SignInKind.SIGNED_OUT:
            self._window.messages.show_info(_tr(SIGNED_OUT))  # type: ignore[attr-defined]
            self._window.close()
            return
        self._window.setWindowTitle(self.title(state))

    def _on_sign_out_triggered(self) -> None:
        if self._sign_out is not None:
            self._spawn(self._sign_out(), what="afmelden")

    def cleanup(self) -> None:
        self._unsubscribe()


def install_session_ui(
    window: QMainWindow,
    session: Session,
    *,
    sign_out: Callable[[], Awaitable[None]] | None,
    notice: str | None,
) -> SessionUi:
    """Title bar and sign-out for ``window``; ``notice`` (offline start) is shown once."""
    inbox = window._inbox  # type: ignore[attr-defined]
    ui = SessionUi(window, session, sign_out=sign_out, spawn=inbox.tasks.spawn)
    if notice:
        window.messages.show_info(notice)  # type: ignore[attr-defined]
    return ui


WAITING_TITLE = QT_TRANSLATE_NOOP("session_ui", "Aanmelden")
WAITING_TEXT = QT_TRANSLATE_NOOP(
    "session_ui",
    "Meld u aan in het browservenster dat nu opent. Daarna start de console vanzelf.\n\n"
    "Opent er geen venster? Kopieer dan dit adres naar uw browser:",
)


class SignInWaiting(QDialog):
    """Says where the sign-in happens while the browser is open (RFC 8252: the system browser).

    ``open_browser`` is what the composition root calls with the authorization URL: it shows
    this dialog with the address (to copy when no browser window appears) and then asks
    ``opener`` to open it. Not modal: the event loop keeps running for the loopback answer.
    """

    def __init__(self, opener: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self.setWindowTitle(_tr(WAITING_TITLE))
        layout = QVBoxLayout(self)
        text = QLabel(_tr(WAITING_TEXT))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.address = QLineEdit()
        self.address.setReadOnly(True)
        layout.addWidget(self.address)

    def open_browser(self, url: str) -> object:
        self.address.setText(url)
        self.show()
        return self._opener(url)


def _tr(source: str) -> str:
    """``source`` (marked above with QT_TRANSLATE_NOOP) in the active language."""
    return QCoreApplication.translate("session_ui", source)
