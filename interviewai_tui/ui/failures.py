"""Turn a failure into one readable, safe line -- the only place the UI does so.

Workers run with ``exit_on_error=False``; when one fails its screen calls ``report_failure``,
which shows a toast (never a traceback, never parsed as markup) and logs the details.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any, Final

from interviewai_tui.ui.safe import one_line

if TYPE_CHECKING:
    from textual.app import App

log = logging.getLogger("interviewai.ui")

#: Exception families whose message is written for users (module, class). They are looked up
#: only in modules already imported: an exception cannot be an instance of a class that was
#: never loaded, and the first screen must not pay for importing the services.
USER_FACING: Final[list[tuple[str, str]]] = [
    ("interviewai_tui.auth.errors", "AuthError"),
    ("interviewai_tui.auth.service", "AuthError"),
    ("interviewai_tui.auth.google", "GoogleSignInError"),
    ("interviewai_tui.store.errors", "StoreError"),
    ("interviewai_tui.ai.errors", "ProviderError"),
    ("interviewai_tui.secrets.store", "SecretStoreError"),
    ("interviewai_tui.interviews.session", "SessionError"),
    ("interviewai_tui.config", "SettingsError"),
    ("interviewai_tui.analytics.errors", "AnalyticsError"),
    ("interviewai_tui.chat.errors", "ChatError"),
]


def _user_facing_classes() -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = []
    for module_name, class_name in USER_FACING:
        module = sys.modules.get(module_name)
        cls = getattr(module, class_name, None) if module is not None else None
        if isinstance(cls, type) and issubclass(cls, BaseException):
            found.append(cls)
    return tuple(found)


def user_message(error: BaseException) -> str | None:
    """The one-line message of an error meant for users, else None."""
    if not isinstance(error, _user_facing_classes()):
        return None
    message = getattr(error, "message", None)
    text = message if isinstance(message, str) and message else str(error)
    return one_line(text, limit=300) or None


def describe_failure(error: BaseException) -> str:
    """One safe line for any failure: the user-facing message, or a short generic one."""
    message = user_message(error)
    if message is not None:
        return message
    if isinstance(error, TimeoutError):
        return "The operation timed out; please try again."
    if isinstance(error, PermissionError):
        return "Permission denied while reading or writing a file."
    if isinstance(error, OSError) and error.strerror:
        return one_line(f"A system error occurred: {error.strerror}.")
    return f"Something went wrong ({type(error).__name__}); the details are in the log."


def report_failure(app: App[Any], error: BaseException, *, title: str = "") -> str:
    """Log ``error`` and show it as an error toast; returns the line shown."""
    if user_message(error) is None:
        log.error("unexpected failure in the UI", exc_info=error)
    line = describe_failure(error)
    app.notify(line, title=title, severity="error", markup=False, timeout=8)
    return line
