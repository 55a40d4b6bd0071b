"""The one error family of the chat service: a sentence a user can act on."""

from __future__ import annotations

__all__ = ["AttachmentError", "BusyError", "ChatError", "ChatNotFound", "ContextFullError"]


class ChatError(Exception):
    """A problem the user caused or can fix; ``message`` (and ``str()``) is one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ChatNotFound(ChatError):
    """The conversation does not exist or belongs to someone else (told apart by no one)."""


class AttachmentError(ChatError):
    """A file cannot be attached: too large, binary, unreadable, or an image the provider
    does not accept."""


class ContextFullError(ChatError):
    """Even the newest message alone does not fit the model's context window."""


class BusyError(ChatError):
    """A reply is still being written in this conversation."""
