"""Errors of the admin services; each `message` is one sentence that is safe to show.

They derive from the account errors so the UI's failure reporting already treats them as
user-facing (a toast with the message, never a traceback).
"""

from __future__ import annotations

from interviewai_tui.auth.errors import AuthError, PermissionDenied

__all__ = ["AdminError", "PermissionDenied"]


class AdminError(AuthError):
    """An admin operation was refused (bad input, last admin, unknown record)."""
