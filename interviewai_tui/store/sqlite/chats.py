"""Chat sessions on SQLite."""

from __future__ import annotations

from datetime import datetime

from interviewai_tui.domain.chats import ChatMessage, ChatSession, MessageFeedback
from interviewai_tui.store._shared import check_page, iso
from interviewai_tui.store.base import Changes, Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.sqlite.codec import decode, dumps
from interviewai_tui.store.sqlite.table import Table, Where

__all__ = ["SqliteChats"]


class SqliteChats(Table[ChatSession]):
    name = "chatSessions"
    label = "chat"

    async def create(self, *, chat: ChatSession) -> ChatSession:
        return await self._insert(chat)

    async def get(self, *, chat_id: str) -> ChatSession | None:
        return await self._get(chat_id)

    async def list_for_user(
        self,
        *,
        user_id: str,
        search: str | None = None,
        active_only: bool = False,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[ChatSession]:
        where = Where().add("user_id = ?", user_id)
        if active_only:
            where.add("is_active = 1")
        if search:
            where.add(
                "(instr(casefold(title), casefold(?)) > 0 OR EXISTS (SELECT 1 FROM"
                " json_each(doc, '$.messages') AS m"
                " WHERE instr(casefold(json_extract(m.value, '$.content')), casefold(?)) > 0))",
                search,
                search,
            )
        order = "last_message_at DESC, created_at DESC, id DESC"
        return await self._page(where, order, offset, limit)

    async def append_message(self, *, chat_id: str, message: ChatMessage) -> None:
        tokens = message.tokens.total if message.tokens is not None else 0
        sql = (
            "UPDATE chatSessions SET doc = json_set(doc,"
            " '$.messages[#]', json(?),"
            " '$.messageCount', ifnull(json_extract(doc, '$.messageCount'), 0) + 1,"
            " '$.lastMessageAt', ?,"
            " '$.updatedAt', ?,"
            " '$.analytics.totalTokens',"
            " ifnull(json_extract(doc, '$.analytics.totalTokens'), 0) + ?,"
            " '$.analytics.totalCost', ifnull(json_extract(doc, '$.analytics.totalCost'), 0) + ?)"
            " WHERE id = ?"
        )
        params = (
            dumps(message.model_dump(by_alias=True)),
            iso(message.timestamp),
            self.now_iso(),
            tokens,
            float(message.cost or 0.0),
            chat_id,
        )
        if not await self.db.execute(sql, params):
            raise NotFoundError(self.label, chat_id)

    async def update_message_feedback(
        self, *, chat_id: str, message_id: str, feedback: MessageFeedback
    ) -> None:
        path = (
            "(SELECT '$.messages[' || key || '].feedback' FROM json_each(doc, '$.messages')"
            " WHERE json_extract(value, '$._id') = ?)"
        )
        sql = (
            f"UPDATE chatSessions SET doc = json_set(doc, {path}, json(?), '$.updatedAt', ?)"
            f" WHERE id = ? AND {path} IS NOT NULL"
        )
        params = (
            message_id,
            dumps(feedback.model_dump(by_alias=True)),
            self.now_iso(),
            chat_id,
            message_id,
        )
        if not await self.db.execute(sql, params):
            raise NotFoundError("chat message", f"{chat_id}/{message_id}")

    async def update(self, *, chat_id: str, changes: Changes) -> ChatSession:
        return await self._update(chat_id, changes)

    async def delete(self, *, chat_id: str) -> bool:
        return await self._delete(chat_id)

    async def delete_older_than(self, *, before: datetime) -> int:
        return await self._delete_where(self._older_than(before))

    async def list_older_than(self, *, before: datetime, limit: int = 500) -> list[ChatSession]:
        _, limit = check_page(0, limit)
        rows = await self.db.fetchall(
            "SELECT doc FROM chatSessions"
            f"{self._older_than(before).sql}"
            " ORDER BY ifnull(last_message_at, created_at), id LIMIT ?",
            (iso(before), limit),
        )
        return [decode(self.model, r[0]) for r in rows]

    async def count_older_than(self, *, before: datetime) -> int:
        return await self._count(self._older_than(before))

    @staticmethod
    def _older_than(before: datetime) -> Where:
        return Where().add("ifnull(last_message_at, created_at) < ?", iso(before))
