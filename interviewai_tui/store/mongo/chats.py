"""Chat sessions on MongoDB."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from interviewai_tui.domain.chats import ChatMessage, ChatSession, MessageFeedback
from interviewai_tui.store._shared import check_page
from interviewai_tui.store.base import Changes, Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.mongo.client import DESCENDING, literal_regex, oid, to_bson
from interviewai_tui.store.mongo.collection import MongoCollection

__all__ = ["MongoChats"]


class MongoChats(MongoCollection[ChatSession]):
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
        query: dict[str, Any] = {"userId": oid(user_id)}
        if active_only:
            query["isActive"] = True
        if search:
            query["$or"] = [
                {"title": literal_regex(search)},
                {"messages.content": literal_regex(search)},
            ]
        order = [("lastMessageAt", DESCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]
        return await self._page(query, order, offset, limit)

    async def append_message(self, *, chat_id: str, message: ChatMessage) -> None:
        tokens = message.tokens.total if message.tokens is not None else 0
        update = {
            "$push": {"messages": to_bson(message.model_dump(by_alias=True))},
            "$inc": {
                "messageCount": 1,
                "analytics.totalTokens": tokens,
                "analytics.totalCost": float(message.cost or 0.0),
            },
            "$set": {"lastMessageAt": message.timestamp, "updatedAt": self.clock.now()},
        }
        if not await self._update_one({"_id": oid(chat_id)}, update):
            raise NotFoundError(self.label, chat_id)

    async def update_message_feedback(
        self, *, chat_id: str, message_id: str, feedback: MessageFeedback
    ) -> None:
        query = {"_id": oid(chat_id), "messages._id": oid(message_id)}
        update = {
            "$set": {
                "messages.$.feedback": to_bson(feedback.model_dump(by_alias=True)),
                "updatedAt": self.clock.now(),
            }
        }
        if not await self._update_one(query, update):
            raise NotFoundError("chat message", f"{chat_id}/{message_id}")

    async def update(self, *, chat_id: str, changes: Changes) -> ChatSession:
        return await self._update(chat_id, changes)

    async def delete(self, *, chat_id: str) -> bool:
        return await self._delete(chat_id)

    async def delete_older_than(self, *, before: datetime) -> int:
        return await self._delete_many(_older_than(before))

    async def list_older_than(self, *, before: datetime, limit: int = 500) -> list[ChatSession]:
        _, limit = check_page(0, limit)
        if limit == 0:
            return []
        rows = await self._aggregate(
            [
                {"$match": _older_than(before)},
                {"$addFields": {_ACTIVITY: {"$ifNull": ["$lastMessageAt", "$createdAt"]}}},
                {"$sort": {_ACTIVITY: 1, "_id": 1}},
                {"$limit": limit},
                {"$project": {_ACTIVITY: 0}},
            ]
        )
        return [self.model.model_validate(r) for r in rows]

    async def count_older_than(self, *, before: datetime) -> int:
        return await self._count(_older_than(before))


_ACTIVITY = "_lastActivity"  # a pipeline-only field, never stored


def _older_than(before: datetime) -> dict[str, Any]:
    """Last activity (lastMessageAt, else createdAt) before `before`."""
    return {
        "$or": [
            {"lastMessageAt": {"$lt": before}},
            {"lastMessageAt": None, "createdAt": {"$lt": before}},
        ]
    }
