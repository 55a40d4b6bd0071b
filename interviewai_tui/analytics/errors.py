"""The one error family of the analytics and history services."""

from __future__ import annotations

__all__ = ["AnalyticsError"]


class AnalyticsError(Exception):
    """A problem the user can act on; ``str()`` (and ``message``) is one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
