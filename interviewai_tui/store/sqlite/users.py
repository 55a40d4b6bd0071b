"""Users on SQLite."""

from __future__ import annotations

from datetime import datetime

from interviewai_tui.domain.common import Role, UserStatus, normalize_email
from interviewai_tui.domain.stats import UserOverview
from interviewai_tui.domain.users import User
from interviewai_tui.store._shared import iso
from interviewai_tui.store.base import Changes, Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.sqlite.table import Table, Where

__all__ = ["SqliteUsers"]


class SqliteUsers(Table[User]):
    name = "users"
    label = "user"

    async def create(self, *, user: User) -> User:
        return await self._insert(user)

    async def get(self, *, user_id: str) -> User | None:
        return await self._get(user_id)

    async def get_by_email(self, *, email: str) -> User | None:
        try:
            email = normalize_email(email)
        except ValueError:
            return None
        return await self._get_where(Where().add("email = ?", email))

    async def get_by_google_id(self, *, google_id: str) -> User | None:
        return await self._get_where(Where().add("google_id = ?", google_id))

    async def update(self, *, user_id: str, changes: Changes) -> User:
        return await self._update(user_id, changes)

    async def delete(self, *, user_id: str) -> bool:
        return await self._delete(user_id)

    def _filters(self, role: Role | None, status: UserStatus | None) -> Where:
        where = Where()
        if role is not None:
            where.add("role = ?", str(role))
        if status is not None:
            where.add("status = ?", str(status))
        return where

    async def list(
        self,
        *,
        role: Role | None = None,
        status: UserStatus | None = None,
        search: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[User]:
        where = self._filters(role, status).contains(("name", "email"), search)
        return await self._page(where, "created_at DESC, id DESC", offset, limit)

    async def count(self, *, role: Role | None = None, status: UserStatus | None = None) -> int:
        where = self._filters(role, status)
        return int(await self.db.scalar(f"SELECT count(*) FROM users{where.sql}", where.params))

    async def increment_login_attempts(self, *, user_id: str) -> int:
        row = await self.db.write_returning(
            "UPDATE users SET doc = json_set(doc, '$.loginAttempts',"
            " ifnull(json_extract(doc, '$.loginAttempts'), 0) + 1)"
            " WHERE id = ? RETURNING json_extract(doc, '$.loginAttempts')",
            (user_id,),
        )
        if row is None:
            raise NotFoundError(self.label, user_id)
        return int(row[0])

    async def reset_login_attempts(self, *, user_id: str) -> None:
        await self._set_paths(user_id, {"$.loginAttempts": 0})

    async def set_lock(self, *, user_id: str, until: datetime | None) -> None:
        await self._set_paths(user_id, {"$.lockUntil": until, "$.updatedAt": self.clock.now()})

    async def record_login(self, *, user_id: str, at: datetime) -> None:
        await self._set_paths(
            user_id,
            {
                "$.lastLogin": at,
                "$.loginAttempts": 0,
                "$.lockUntil": None,
                "$.stats.lastActivityAt": at,
            },
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
        # One statement, so concurrent increments cannot lose updates.
        sql = (
            "UPDATE users SET doc = json_set(doc,"
            " '$.stats.totalInterviews',"
            " ifnull(json_extract(doc, '$.stats.totalInterviews'), 0) + ?,"
            " '$.stats.completedInterviews',"
            " ifnull(json_extract(doc, '$.stats.completedInterviews'), 0) + ?,"
            " '$.stats.totalChatMessages',"
            " ifnull(json_extract(doc, '$.stats.totalChatMessages'), 0) + ?,"
            " '$.stats.lastActivityAt', ifnull(?, json_extract(doc, '$.stats.lastActivityAt')))"
            " WHERE id = ?"
        )
        at = iso(last_activity_at) if last_activity_at is not None else None
        params = (total_interviews, completed_interviews, total_chat_messages, at, user_id)
        if not await self.db.execute(sql, params):
            raise NotFoundError(self.label, user_id)

    async def overview(self, *, since: datetime) -> UserOverview:
        by_role = {
            r[0]: r[1]
            for r in await self.db.fetchall("SELECT role, count(*) FROM users GROUP BY role")
        }
        by_status = {
            r[0]: r[1]
            for r in await self.db.fetchall("SELECT status, count(*) FROM users GROUP BY status")
        }
        row = await self.db.fetchone(
            "SELECT count(*), ifnull(sum(created_at >= ?), 0),"
            " ifnull(sum(last_activity_at >= ?), 0) FROM users",
            (iso(since), iso(since)),
        )
        total, new, active = row if row is not None else (0, 0, 0)
        return UserOverview(
            total=total, by_role=by_role, by_status=by_status, new_since=new, active_since=active
        )
