"""A user's archived conversations: read from the archive store, never changed there.

``interviewai archive`` moves conversations idle for a year to the archive store (same
schema). They stay readable: the chat screen lists and shows them read-only, and export
finds them.
"""

from __future__ import annotations

from interviewai_tui.chat.errors import ChatNotFound
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import is_object_id
from interviewai_tui.store.base import ArchiveSource, Store

__all__ = ["ArchivedChats"]

GONE = "That conversation does not exist (it may have been deleted)."


class ArchivedChats:
    def __init__(self, source: ArchiveSource | None) -> None:
        self.source = source

    async def _store(self) -> Store | None:
        return await self.source.archive_store() if self.source is not None else None

    async def sessions(self, user_id: str, *, limit: int = 200) -> list[ChatSession]:
        """The user's archived conversations, most recent first (empty without an archive)."""
        store = await self._store()
        if store is None:
            return []
        return (await store.chats.list_for_user(user_id=user_id, limit=limit)).items

    async def get(self, chat_id: str, *, user_id: str | None) -> ChatSession:
        """One archived conversation of ``user_id`` (any user's for ``None``: local tools)."""
        store = await self._store()
        chat = None
        if store is not None and is_object_id(chat_id):
            chat = await store.chats.get(chat_id=chat_id)
        if chat is None or (user_id is not None and chat.user_id != user_id):
            raise ChatNotFound(GONE)
        return chat
