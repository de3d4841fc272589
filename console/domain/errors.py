"""The errors a user can meet, and the domain's own errors.

``UserFacingError`` is the one base of every error whose text reaches the user: each layer
(domain, ports, config, integrations) derives its errors from it, so the UI shows
``user_message`` — a plain Dutch (B1) sentence that says what happened and what to do, without
personal data — instead of a generic "something went wrong". It lives here, in the stdlib-only
domain, so every layer may import it. A broken domain rule carries the norm id too.
"""

from __future__ import annotations

from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text


class UserFacingError(Exception):
    """Base of every error whose ``user_message`` (Dutch, B1, no personal data) is shown.

    Subclasses either pass their message or set ``default_message``. ``message`` is the same
    text (older code reads that name). Translation: a fixed sentence is marked with
    ``QT_TRANSLATE_NOOP("errors", ...)`` where it is written and translated where the widgets
    show it; a sentence with parameters is passed as a :class:`console.i18n.Text` (kept in
    ``text``), and ``message``/``user_message`` stay its Dutch rendering.
    """

    default_message = QT_TRANSLATE_NOOP(
        "errors", "Er ging iets mis. Uw werk is bewaard; probeer het opnieuw."
    )

    def __init__(self, message: str | Text = "") -> None:
        self.text: Text | None = None
        self.message = message or self.default_message
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The Dutch sentence (the rendering of ``text`` when the error carries one)."""
        return self._message

    @message.setter
    def message(self, value: str | Text) -> None:
        # Subclasses assign ``self.message = message`` after super().__init__: a Text there
        # must stay translatable (kept in ``text``) while ``message`` stays the Dutch string.
        if isinstance(value, Text):
            self.text = value
            value = Sentence.of(value)
        elif isinstance(value, Sentence):
            self.text = value.text
        self._message = value

    @property
    def user_message(self) -> str:
        """What the user is told."""
        return self.message or self.default_message


class DomainError(UserFacingError):
    """Base of every error the domain raises; ``message`` is Dutch (B1) for the user."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(message)
        self.message = message


class RuleViolation(DomainError):
    """A service norm (``rule``, e.g. "N4") or a domain rule would be broken."""

    def __init__(self, rule: str, message: str | Text) -> None:
        super().__init__(message)
        self.rule = rule


class InvalidTransition(DomainError):
    """A status change that the life cycle does not allow."""
