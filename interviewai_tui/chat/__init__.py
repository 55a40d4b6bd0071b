"""The chat assistant: conversations, streamed replies, ratings, attachments and export.

Plain async Python over the store and the AI router; the Textual screen only renders what
``ChatService`` hands it.
"""

from interviewai_tui.chat.errors import ChatError

__all__ = ["ChatError"]
