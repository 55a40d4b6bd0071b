"""Remembered logins. Only a hash of the token is stored; the token lives in the keyring."""

from __future__ import annotations

from pydantic import Field

from interviewai_tui.domain.common import Document, ObjectIdStr, UtcDateTime, utcnow

__all__ = ["Session"]


class Session(Document):
    user_id: ObjectIdStr
    token_hash: str = Field(min_length=1, repr=False)
    created_at: UtcDateTime = Field(default_factory=utcnow)
    expires_at: UtcDateTime
    last_used_at: UtcDateTime | None = None
