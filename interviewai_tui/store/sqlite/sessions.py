"""Remembered-login sessions and the audit trail on SQLite."""

from __future__ import annotations

from datetime import datetime

from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.sessions import Session
from interviewai_tui.store.base import Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.sqlite.table import Table, Where

__all__ = ["SqliteAudit", "SqliteSessions"]


class SqliteSessions(Table[Session]):
    name = "sessions"
    label = "session"
    has_updated_at = False

    async def create(self, *, session: Session) -> Session:
        return await self._insert(session)

    async def get_by_token_hash(self, *, token_hash: str) -> Session | None:
        where = Where().add("token_hash = ?", token_hash).add("expires_at > ?", self.now_iso())
        return await self._get_where(where)

    async def touch(
        self, *, session_id: str, at: datetime, expires_at: datetime | None = None
    ) -> None:
        values: dict[str, object] = {"$.lastUsedAt": at}
        if expires_at is not None:
            values["$.expiresAt"] = expires_at
        try:
            await self._set_paths(session_id, values)
        except NotFoundError:
            raise NotFoundError(self.label, session_id) from None

    async def delete(self, *, session_id: str) -> bool:
        return await self._delete(session_id)

    async def delete_for_user(self, *, user_id: str) -> int:
        return await self._delete_where(Where().add("user_id = ?", user_id))

    async def purge_expired(self) -> int:
        return await self._delete_where(Where().add("expires_at <= ?", self.now_iso()))

    async def count_expired(self) -> int:
        return await self._count(Where().add("expires_at <= ?", self.now_iso()))


class SqliteAudit(Table[AuditEntry]):
    name = "auditLog"
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
        where = Where()
        if actor_id is not None:
            where.add("actor_id = ?", actor_id)
        if target_id is not None:
            where.add("target_id = ?", target_id)
        if action is not None:
            where.add("action = ?", action)
        return await self._page(where, "timestamp DESC, id DESC", offset, limit)
