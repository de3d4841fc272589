"""The one error of the sign-in: light to import (the CLI catches it before anything runs)."""

from __future__ import annotations

from console.domain.errors import UserFacingError


class SignInError(UserFacingError):
    """Signing in failed; ``message`` is Dutch: what is wrong and whom to ask."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline  # the provider could not be reached at all
