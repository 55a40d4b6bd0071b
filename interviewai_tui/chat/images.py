"""Images sent in a conversation, kept in memory for this run of the app only.

The store keeps a line saying an image was attached, never the bytes (a chat document must
stay small); keeping the recent images here lets a regenerated reply, or a follow-up question
about the picture, still send it to the model while the app runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from interviewai_tui.ai.base import ImagePart

__all__ = ["SentImages"]

Images = tuple[ImagePart, ...]


class SentImages:
    """Per conversation, the images of its newest messages (at most ``per_chat`` images)."""

    def __init__(self, per_chat: int = 4) -> None:
        self.per_chat = per_chat
        self._chats: dict[str, dict[str, Images]] = {}

    def remember(self, chat_id: str, message_id: str, images: Images) -> None:
        if not images:
            return
        kept = self._chats.setdefault(chat_id, {})
        kept[message_id] = images[-self.per_chat :]
        while sum(len(v) for v in kept.values()) > self.per_chat:
            del kept[next(iter(kept))]  # the oldest message's images go first

    def of(self, chat_id: str) -> Mapping[str, Images]:
        return dict(self._chats.get(chat_id, {}))

    def forget(self, chat_id: str) -> None:
        self._chats.pop(chat_id, None)
