"""The admin audit trail: who did what to whom, and when."""

from __future__ import annotations

from pydantic import Field, JsonValue

from interviewai_tui.domain.common import Document, ObjectIdStr, UtcDateTime, utcnow

__all__ = ["AuditEntry"]


class AuditEntry(Document):
    actor_id: ObjectIdStr | None = None  # None for actions by the system itself
    action: str = Field(min_length=1)  # e.g. "user.block", "question.update"
    target_id: str | None = None
    details: dict[str, JsonValue] = Field(default_factory=dict)
    timestamp: UtcDateTime = Field(default_factory=utcnow)
