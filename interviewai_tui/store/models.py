"""Which domain model each stored collection holds."""

from __future__ import annotations

from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import Document
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.metrics import SystemMetric
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.users import User

__all__ = ["MODELS"]

MODELS: dict[str, type[Document]] = {
    "users": User,
    "interviews": Interview,
    "chatSessions": ChatSession,
    "questions": Question,
    "analytics": Analytics,
    "systemMetrics": SystemMetric,
    "sessions": Session,
    "auditLog": AuditEntry,
}
