"""The one session: who is signed in, in which role and desk, and as which actors.

Every service that acts "as the user" (inbox, callback notes, calls, transfers, sync) reads
``Session.user`` at the moment it acts, never a copy taken at start, so a sign-in, a sign-out
or the demo's user switch changes them all at once. Listeners hear about each change (the
title bar, the role's screens, the sync's owners).

Threading: event-loop (GUI) thread only, like the services that read it. Qt-free.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from console.domain.errors import DomainError
from console.domain.model import Colleague, Role
from console.domain.organisation import Organisation
from console.i18n import QT_TRANSLATE_NOOP


class SignInKind(enum.StrEnum):
    DEMO = "demo"  # picked in the demo's menu; nobody verified it
    OIDC = "oidc"  # verified by the identity provider just now
    GRACE = "grace"  # the last verified identity, used offline within the grace period
    SIGNED_OUT = "signed_out"


@dataclass(frozen=True, slots=True)
class Actors:
    """The user's identificators in the system of record (Open Klant, KISS/ITA conventions).

    ``colleague`` is the e-mail address (KISS ``mdw``/``msei``/``email``); ``desk`` the desk's
    group identificator (``grp``/``obj``/``idf``), which is the desk's id in the organisation.
    """

    colleague: str
    desk: str


@dataclass(frozen=True, slots=True)
class SessionState:
    """One snapshot: who, how signed in, and until when offline use is allowed."""

    user: Colleague
    kind: SignInKind
    verified_at: datetime | None = None
    offline_until: datetime | None = None  # GRACE only: the last moment it is still allowed

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def actors(self) -> Actors:
        return Actors(colleague=(self.user.email or self.user.id).lower(), desk=self.user.desk_id)


Listener = Callable[[SessionState], None]


class Session:
    """See the module docstring. Lives as long as the app; built by the composition root."""

    def __init__(
        self,
        user: Colleague,
        *,
        organisation: Organisation | None = None,
        kind: SignInKind = SignInKind.DEMO,
        verified_at: datetime | None = None,
        offline_until: datetime | None = None,
    ) -> None:
        self.organisation = organisation
        self._state = SessionState(user, kind, verified_at, offline_until)
        self._listeners: list[Listener] = []

    # -- reads ------------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def user(self) -> Colleague:
        return self._state.user

    @property
    def role(self) -> Role:
        return self._state.user.role

    @property
    def desk_id(self) -> str:
        return self._state.user.desk_id

    @property
    def actors(self) -> Actors:
        return self._state.actors

    @property
    def signed_in(self) -> bool:
        return self._state.kind is not SignInKind.SIGNED_OUT

    # -- changes ----------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change; returns the function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def switch_to(self, colleague_id: str) -> Colleague:
        """The demo's switch: work as another colleague of the organisation.

        Raises:
            DomainError: the colleague is not (or no longer) in the organisation.
        """
        found = self.organisation.colleague(colleague_id) if self.organisation else None
        if found is None:
            raise DomainError(QT_TRANSLATE_NOOP("errors", "Deze medewerker bestaat niet (meer)."))
        self._set(SessionState(found, SignInKind.DEMO))
        return found

    def sign_in(
        self,
        user: Colleague,
        *,
        kind: SignInKind = SignInKind.OIDC,
        verified_at: datetime | None = None,
        offline_until: datetime | None = None,
    ) -> None:
        self._set(SessionState(user, kind, verified_at, offline_until))

    def sign_out(self) -> None:
        """Nobody works here any more; the user stays readable so teardown can finish."""
        self._set(SessionState(self._state.user, SignInKind.SIGNED_OUT))

    def _set(self, state: SessionState) -> None:
        self._state = state
        for listener in list(self._listeners):
            listener(state)
