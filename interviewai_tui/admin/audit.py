"""The admin audit trail: the gate every admin operation passes, and the entry it leaves."""

from __future__ import annotations

from typing import Protocol

from pydantic import JsonValue

from interviewai_tui.admin.activity import ActivityLog
from interviewai_tui.clock import Clock
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.store.base import Page, Store

__all__ = ["AdminGate", "Auditor"]


class AdminGate(Protocol):
    """What checks the role: `auth.service.AuthService.require_admin` (active admins only)."""

    async def require_admin(self, user_id: str) -> None: ...


class Auditor:
    """Checks the admin role and records who did what to whom, and when."""

    def __init__(
        self, store: Store, clock: Clock, gate: AdminGate, activity: ActivityLog | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.gate = gate
        self.activity = activity

    async def check(self, actor_id: str) -> None:
        """Raise PermissionDenied unless `actor_id` is an active admin (asked every time, so a
        demoted or blocked admin loses access at once)."""
        await self.gate.require_admin(actor_id)

    async def record(
        self,
        actor_id: str,
        action: str,
        target_id: str | None,
        details: dict[str, JsonValue] | None = None,
    ) -> AuditEntry:
        entry = AuditEntry(
            actor_id=actor_id,
            action=action,
            target_id=target_id,
            details=details or {},
            timestamp=self.clock.now(),
        )
        if self.activity is not None:
            self.activity.note("admin_actions")
        return await self.store.audit.add(entry=entry)

    async def trail(
        self,
        actor_id: str,
        *,
        target_id: str | None = None,
        by: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[AuditEntry]:
        """Entries newest first, optionally about one record or by one admin."""
        await self.check(actor_id)
        return await self.store.audit.list(
            actor_id=by, target_id=target_id, offset=offset, limit=limit
        )
