"""Users on MongoDB."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from interviewai_tui.domain.common import Role, UserStatus, normalize_email
from interviewai_tui.domain.stats import UserOverview
from interviewai_tui.domain.users import User
from interviewai_tui.store.base import Changes, Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.mongo.client import (
    DESCENDING,
    ReturnDocument,
    errors,
    literal_regex,
    oid,
)
from interviewai_tui.store.mongo.collection import MongoCollection

__all__ = ["MongoUsers"]


class MongoUsers(MongoCollection[User]):
    label = "user"
    omit_if_none = ("googleId",)

    async def create(self, *, user: User) -> User:
        return await self._insert(user)

    async def get(self, *, user_id: str) -> User | None:
        return await self._get(user_id)

    async def get_by_email(self, *, email: str) -> User | None:
        try:
            email = normalize_email(email)
        except ValueError:
            return None
        return await self._find_one({"email": email})

    async def get_by_google_id(self, *, google_id: str) -> User | None:
        return await self._find_one({"googleId": str(google_id)})

    async def update(self, *, user_id: str, changes: Changes) -> User:
        return await self._update(user_id, changes)

    async def delete(self, *, user_id: str) -> bool:
        return await self._delete(user_id)

    def _query(
        self, role: Role | None, status: UserStatus | None, search: str | None = None
    ) -> dict[str, Any]:
        query: dict[str, Any] = {}
        if role is not None:
            query["role"] = str(role)
        if status is not None:
            query["status"] = str(status)
        if search:
            query["$or"] = [{"name": literal_regex(search)}, {"email": literal_regex(search)}]
        return query

    async def list(
        self,
        *,
        role: Role | None = None,
        status: UserStatus | None = None,
        search: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[User]:
        query = self._query(role, status, search)
        return await self._page(
            query, [("createdAt", DESCENDING), ("_id", DESCENDING)], offset, limit
        )

    async def count(self, *, role: Role | None = None, status: UserStatus | None = None) -> int:
        with errors(self.where):
            return int(await self.coll.count_documents(self._query(role, status)))

    async def increment_login_attempts(self, *, user_id: str) -> int:
        with errors(self.where):
            raw = await self.coll.find_one_and_update(
                {"_id": oid(user_id)},
                {"$inc": {"loginAttempts": 1}},
                projection={"loginAttempts": 1},
                return_document=ReturnDocument.AFTER,
            )
        if raw is None:
            raise NotFoundError(self.label, user_id)
        return int(raw["loginAttempts"])

    async def _set(self, user_id: str, values: dict[str, Any]) -> None:
        if not await self._update_one({"_id": oid(user_id)}, {"$set": values}):
            raise NotFoundError(self.label, user_id)

    async def reset_login_attempts(self, *, user_id: str) -> None:
        await self._set(user_id, {"loginAttempts": 0})

    async def set_lock(self, *, user_id: str, until: datetime | None) -> None:
        await self._set(user_id, {"lockUntil": until, "updatedAt": self.clock.now()})

    async def record_login(self, *, user_id: str, at: datetime) -> None:
        await self._set(
            user_id,
            {"lastLogin": at, "loginAttempts": 0, "lockUntil": None, "stats.lastActivityAt": at},
        )

    async def add_to_stats(
        self,
        *,
        user_id: str,
        total_interviews: int = 0,
        completed_interviews: int = 0,
        total_chat_messages: int = 0,
        last_activity_at: datetime | None = None,
    ) -> None:
        update: dict[str, Any] = {
            "$inc": {
                "stats.totalInterviews": total_interviews,
                "stats.completedInterviews": completed_interviews,
                "stats.totalChatMessages": total_chat_messages,
            }
        }
        if last_activity_at is not None:
            update["$set"] = {"stats.lastActivityAt": last_activity_at}
        if not await self._update_one({"_id": oid(user_id)}, update):
            raise NotFoundError(self.label, user_id)

    async def overview(self, *, since: datetime) -> UserOverview:
        by_role = await self._aggregate([{"$group": {"_id": "$role", "n": {"$sum": 1}}}])
        by_status = await self._aggregate([{"$group": {"_id": "$status", "n": {"$sum": 1}}}])
        with errors(self.where):
            total = await self.coll.count_documents({})
            new = await self.coll.count_documents({"createdAt": {"$gte": since}})
            active = await self.coll.count_documents({"stats.lastActivityAt": {"$gte": since}})
        return UserOverview(
            total=int(total),
            by_role={r["_id"]: r["n"] for r in by_role},
            by_status={r["_id"]: r["n"] for r in by_status},
            new_since=int(new),
            active_since=int(active),
        )
