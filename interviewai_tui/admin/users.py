"""User management for admins: search, profile and stats, block/unblock, approve, role, unlock,
reset two-factor. Each operation checks the admin role and leaves an audit entry.

Search text is handed to the store as literal text (the store's `search` contract); it is
never a pattern or an operator, so `.*` or `{"$gt": ""}` only find users named that way.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewai_tui.admin.audit import Auditor
from interviewai_tui.admin.errors import AdminError
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.domain.stats import UserInterviewStats
from interviewai_tui.domain.users import PublicUser, User
from interviewai_tui.store.base import Page, Store

__all__ = ["MAX_SEARCH", "TrailRow", "UserAdmin", "UserProfile"]

MAX_SEARCH = 200  # characters; longer text cannot match a name or an address anyway
LAST_ADMIN = "Refused: this is the last active admin account."


@dataclass(frozen=True)
class TrailRow:
    """An audit entry with readable names for who acted and on whom."""

    entry: AuditEntry
    actor: str
    target: str


@dataclass(frozen=True)
class UserProfile:
    user: PublicUser
    interviews: UserInterviewStats
    locked: bool
    trail: list[AuditEntry]


class UserAdmin:
    def __init__(self, store: Store, auditor: Auditor) -> None:
        self.store = store
        self.auditor = auditor

    async def search(
        self,
        actor_id: str,
        *,
        text: str = "",
        role: Role | None = None,
        status: UserStatus | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[PublicUser]:
        """Users newest first; `text` matches name or email literally, case-insensitively."""
        await self.auditor.check(actor_id)
        needle = " ".join(text.split())[:MAX_SEARCH] or None
        page = await self.store.users.list(
            role=role, status=status, search=needle, offset=offset, limit=limit
        )
        return Page([u.public() for u in page.items], page.total, page.offset, page.limit)

    def is_locked(self, user: PublicUser | User) -> bool:
        """Whether sign-in is refused right now because of failed attempts."""
        return user.lock_until is not None and user.lock_until > self.auditor.clock.now()

    async def profile(self, actor_id: str, user_id: str) -> UserProfile:
        await self.auditor.check(actor_id)
        user = await self._user(user_id)
        stats = await self.store.interviews.user_stats(user_id=user.id)
        trail = await self.store.audit.list(target_id=user.id, limit=20)
        return UserProfile(user.public(), stats, self.is_locked(user), trail.items)

    async def trail(
        self, actor_id: str, *, target_id: str | None = None, limit: int = 100
    ) -> Page[TrailRow]:
        """The audit trail, newest first (about one record when `target_id` is given), with
        the e-mail addresses of the accounts involved."""
        page = await self.auditor.trail(actor_id, target_id=target_id, limit=limit)
        ids = {e.actor_id for e in page.items if e.actor_id}
        ids |= {e.target_id for e in page.items if e.target_id}
        names: dict[str, str] = {}
        for user_id in ids:
            user = await self.store.users.get(user_id=user_id)
            if user is not None:
                names[user_id] = user.email
        rows = [
            TrailRow(
                e,
                names.get(e.actor_id or "", "system" if e.actor_id is None else e.actor_id),
                names.get(e.target_id or "", e.target_id or ""),
            )
            for e in page.items
        ]
        return Page(rows, page.total, page.offset, page.limit)

    async def set_status(self, actor_id: str, user_id: str, status: UserStatus) -> PublicUser:
        """Block, unblock or approve. Blocking ends the user's remembered sign-ins."""
        await self.auditor.check(actor_id)
        user = await self._user(user_id)
        if status != UserStatus.ACTIVE:
            if user.id == actor_id:
                raise AdminError("You cannot block your own account.")
            await self._refuse_last_admin(user)
        if user.status == status:
            return user.public()
        updated = await self.store.users.update(user_id=user.id, changes={"status": status})
        if status == UserStatus.BLOCKED:
            await self.store.sessions.delete_for_user(user_id=user.id)
        action = {
            UserStatus.BLOCKED: "user.block",
            UserStatus.ACTIVE: "user.unblock"
            if user.status == UserStatus.BLOCKED
            else "user.approve",
            UserStatus.PENDING: "user.pending",
        }[status]
        await self.auditor.record(
            actor_id, action, user.id, {"from": user.status.value, "to": status.value}
        )
        return updated.public()

    async def block(self, actor_id: str, user_id: str) -> PublicUser:
        return await self.set_status(actor_id, user_id, UserStatus.BLOCKED)

    async def unblock(self, actor_id: str, user_id: str) -> PublicUser:
        return await self.set_status(actor_id, user_id, UserStatus.ACTIVE)

    async def set_role(self, actor_id: str, user_id: str, role: Role) -> PublicUser:
        await self.auditor.check(actor_id)
        user = await self._user(user_id)
        if role != Role.ADMIN:
            await self._refuse_last_admin(user)
        if user.role == role:
            return user.public()
        updated = await self.store.users.update(user_id=user.id, changes={"role": role})
        await self.auditor.record(
            actor_id, "user.role", user.id, {"from": user.role.value, "to": role.value}
        )
        return updated.public()

    async def unlock(self, actor_id: str, user_id: str) -> PublicUser:
        """Clear failed sign-in attempts and any lock."""
        await self.auditor.check(actor_id)
        user = await self._user(user_id)
        await self.store.users.reset_login_attempts(user_id=user.id)
        await self.store.users.set_lock(user_id=user.id, until=None)
        await self.auditor.record(
            actor_id, "user.unlock", user.id, {"attempts": user.login_attempts}
        )
        return await self._public(user.id)

    async def reset_two_factor(self, actor_id: str, user_id: str) -> PublicUser:
        """Turn two-factor sign-in off (lost phone); the user can enrol again after signing in."""
        await self.auditor.check(actor_id)
        user = await self._user(user_id)
        changes: dict[str, object] = {
            "twoFactorSecret": None,
            "twoFactorEnabled": False,
            "recoveryCodes": [],
        }
        updated = await self.store.users.update(user_id=user.id, changes=changes)
        await self.auditor.record(
            actor_id, "user.reset_2fa", user.id, {"wasEnabled": user.two_factor_enabled}
        )
        return updated.public()

    async def _user(self, user_id: str) -> User:
        user = await self.store.users.get(user_id=user_id)
        if user is None:
            raise AdminError("This account no longer exists.")
        return user

    async def _public(self, user_id: str) -> PublicUser:
        return (await self._user(user_id)).public()

    async def _refuse_last_admin(self, user: User) -> None:
        if user.role != Role.ADMIN or user.status != UserStatus.ACTIVE:
            return
        if await self.store.users.count(role=Role.ADMIN, status=UserStatus.ACTIVE) <= 1:
            raise AdminError(LAST_ADMIN)
