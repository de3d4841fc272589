"""The domain's own errors: a broken rule carries the norm id and a plain Dutch message."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises; ``message`` is Dutch (B1) for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RuleViolation(DomainError):
    """A service norm (``rule``, e.g. "N4") or a domain rule would be broken."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


class InvalidTransition(DomainError):
    """A status change that the life cycle does not allow."""
