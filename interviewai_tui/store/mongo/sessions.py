"""Remembered-login sessions and the audit trail on MongoDB."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.sessions import Session
from interviewai_tui.store.base import Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.mongo.client import DESCENDING, oid, value_for
from interviewai_tui.store.mongo.collection import MongoCollection

__all__ = ["MongoAudit", "MongoSessions"]


class MongoSessions(MongoCollection[Session]):
    """Expired sessions are also removed by the server's TTL index on expiresAt."""

    label = "session"
    has_updated_at = False

    async def create(self, *, session: Session) -> Session:
        return await self._insert(session)

    async def get_by_token_hash(self, *, token_hash: str) -> Session | None:
        # The TTL monitor runs about once a minute, so expiry is also checked here.
        return await self._find_one(
            {"tokenHash": str(token_hash), "expiresAt": {"$gt": self.clock.now()}}
        )

    async def touch(
        self, *, session_id: str, at: datetime, expires_at: datetime | None = None
    ) -> None:
        values: dict[str, Any] = {"lastUsedAt": at}
        if expires_at is not None:
            values["expiresAt"] = expires_at
        if not await self._update_one({"_id": oid(session_id)}, {"$set": values}):
            raise NotFoundError(self.label, session_id)

    async def delete(self, *, session_id: str) -> bool:
        return await self._delete(session_id)

    async def delete_for_user(self, *, user_id: str) -> int:
        return await self._delete_many({"userId": oid(user_id)})

    async def purge_expired(self) -> int:
        return await self._delete_many({"expiresAt": {"$lte": self.clock.now()}})

    async def count_expired(self) -> int:
        return await self._count({"expiresAt": {"$lte": self.clock.now()}})


class MongoAudit(MongoCollection[AuditEntry]):
    label = "audit entry"
    has_updated_at = False

    async def add(self, *, entry: AuditEntry) -> AuditEntry:
        return await self._insert(entry)

    async def list(
        self,
        *,
        actor_id: str | None = None,
        target_id: str | None = None,
        action: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[AuditEntry]:
        query: dict[str, Any] = {}
        if actor_id is not None:
            query["actorId"] = oid(actor_id)
        if target_id is not None:
            query["targetId"] = value_for("targetId", str(target_id))
        if action is not None:
            query["action"] = str(action)
        order = [("timestamp", DESCENDING), ("_id", DESCENDING)]
        return await self._page(query, order, offset, limit)
