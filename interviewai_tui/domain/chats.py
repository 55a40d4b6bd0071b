"""AI-assistant conversations (the seed's `chatSessions` collection)."""

from __future__ import annotations

from pydantic import Field

from interviewai_tui.domain.common import (
    AttachmentType,
    ChatRole,
    Document,
    Model,
    ObjectIdStr,
    UtcDateTime,
    new_id,
    utcnow,
)

__all__ = ["Attachment", "ChatAnalytics", "ChatMessage", "ChatSession", "MessageFeedback", "Tokens"]


class Tokens(Model):
    input: int = Field(default=0, ge=0)
    output: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)


class Attachment(Model):
    type: AttachmentType
    url: str | None = None
    filename: str | None = None
    size: int | None = Field(default=None, ge=0)


class MessageFeedback(Model):
    rating: int | None = Field(default=None, ge=1, le=5)
    helpful: bool | None = None
    comment: str | None = None
    submitted_at: UtcDateTime | None = None


class ChatMessage(Model):
    id: ObjectIdStr = Field(alias="_id", default_factory=new_id)
    role: ChatRole
    content: str
    timestamp: UtcDateTime = Field(default_factory=utcnow)
    provider: str | None = None
    model: str | None = None
    tokens: Tokens | None = None
    cost: float | None = None
    response_time: float | None = None  # milliseconds
    attachments: list[Attachment] = Field(default_factory=list)
    feedback: MessageFeedback | None = None


class ChatAnalytics(Model):
    total_tokens: int = 0
    total_cost: float = 0.0
    average_response_time: float = 0.0
    user_satisfaction: float | None = None  # average rating 1..5


class ChatSession(Document):
    user_id: ObjectIdStr
    title: str = ""
    provider: str | None = None
    messages: list[ChatMessage] = Field(default_factory=list)
    message_count: int = Field(default=0, ge=0)
    last_message_at: UtcDateTime | None = None
    is_active: bool = True
    analytics: ChatAnalytics = Field(default_factory=ChatAnalytics)
    created_at: UtcDateTime = Field(default_factory=utcnow)
    updated_at: UtcDateTime = Field(default_factory=utcnow)
