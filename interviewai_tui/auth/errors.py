"""Errors of the account services. Each `message` is one sentence that is safe to show."""

from __future__ import annotations


class AuthError(Exception):
    """A refusal the user caused; `message` is one sentence that is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(AuthError):
    """The signed-in user's role does not allow the operation."""


class TwoFactorError(AuthError):
    """Enrolling or turning off two-factor sign-in was refused."""


class ProfileError(AuthError):
    """A profile or preference value was refused; `field` names the input at fault."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field
