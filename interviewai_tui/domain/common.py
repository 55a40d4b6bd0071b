"""Shared building blocks of the domain: ids, scores, datetimes, e-mail, enums and model bases.

Datetime policy: every datetime in a domain model is timezone-aware UTC. A naive datetime is
*assumed to be UTC* (documents restored from old backups and drivers without tz support produce
naive values); an aware one in another zone is converted to UTC. Values are truncated to whole
milliseconds because that is what MongoDB stores, so a document reads back equal on every engine.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
import time
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic.alias_generators import to_camel

__all__ = [
    "AlertType",
    "AnalyticsType",
    "AttachmentType",
    "Category",
    "ChatRole",
    "Difficulty",
    "Document",
    "Email",
    "Experience",
    "HealthStatus",
    "InputModel",
    "InterviewStatus",
    "Model",
    "ObjectIdStr",
    "PeriodType",
    "ProviderStatus",
    "QuestionStatus",
    "QuestionType",
    "Role",
    "Score",
    "Theme",
    "UserStatus",
    "UtcDateTime",
    "is_object_id",
    "new_id",
    "normalize_email",
    "to_utc",
    "utcnow",
]

# --- ids ---------------------------------------------------------------------------------

_OBJECT_ID_RE = re.compile(r"^[0-9a-f]{24}$")
# Same layout as bson.ObjectId: 4-byte seconds, 5-byte per-process random, 3-byte counter.
_PROCESS_RANDOM = os.urandom(5)
_PROCESS_PID = os.getpid()
_COUNTER = itertools.count(int.from_bytes(os.urandom(3), "big"))
_ID_LOCK = threading.Lock()


def new_id(at: datetime | None = None) -> str:
    """A fresh id in ObjectId layout: 24 lowercase hex chars, roughly sortable by creation time.

    Args:
        at: the time to encode in the first 4 bytes (defaults to now).
    """
    global _PROCESS_RANDOM, _PROCESS_PID
    seconds = int(at.timestamp()) if at is not None else int(time.time())
    with _ID_LOCK:
        if os.getpid() != _PROCESS_PID:  # a forked child must not repeat its parent's ids
            _PROCESS_PID = os.getpid()
            _PROCESS_RANDOM = os.urandom(5)
        count = next(_COUNTER) & 0xFFFFFF
        rand = _PROCESS_RANDOM
    raw = (seconds & 0xFFFFFFFF).to_bytes(4, "big") + rand + count.to_bytes(3, "big")
    return raw.hex()


def is_object_id(value: object) -> bool:
    """True when `value` is a 24-char lowercase hex string."""
    return isinstance(value, str) and _OBJECT_ID_RE.match(value) is not None


def _lower_if_str(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


ObjectIdStr = Annotated[
    str,
    BeforeValidator(_lower_if_str),
    StringConstraints(pattern=r"^[0-9a-f]{24}$"),
]
"""An id in ObjectId form (24 hex chars; upper case is accepted and lowered)."""

# --- scores ------------------------------------------------------------------------------

Score = Annotated[int, Field(ge=0, le=100)]
"""An integer score 0..100 (the seed: "stored as integers", default 0 — give it `= 0`)."""

# --- datetimes ---------------------------------------------------------------------------


def utcnow() -> datetime:
    """Now, aware UTC, at millisecond precision. Services should prefer their injected Clock."""
    return to_utc(datetime.now(UTC))


def to_utc(value: datetime) -> datetime:
    """Normalise to aware UTC at millisecond precision (naive is taken as UTC)."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


UtcDateTime = Annotated[datetime, AfterValidator(to_utc)]
"""An aware UTC datetime (see the module docstring for the policy)."""

# --- e-mail ------------------------------------------------------------------------------

# A deliberately conservative subset of RFC 5321/5322: dot-atom local part, LDH domain
# labels and an alphabetic TLD. No quoted local parts, no IP literals.
_EMAIL_RE = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)


def normalize_email(value: str) -> str:
    """Trim and lowercase an e-mail address and check its form.

    Raises:
        ValueError: with a one-sentence message when the address is not valid.
    """
    email = value.strip().lower()
    if len(email) > 254:
        raise ValueError("E-mail address is too long.")
    local, _, domain = email.partition("@")
    if not local or len(local) > 64 or not domain or len(domain) > 253:
        raise ValueError("Enter a valid e-mail address.")
    if _EMAIL_RE.match(email) is None:
        raise ValueError("Enter a valid e-mail address.")
    return email


def _email_before(value: object) -> object:
    return normalize_email(value) if isinstance(value, str) else value


Email = Annotated[str, BeforeValidator(_email_before)]
"""An e-mail address, stored trimmed and lowercased."""

# --- enums -------------------------------------------------------------------------------


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"


class UserStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    PENDING = "pending"


class InterviewStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class QuestionType(StrEnum):
    TECHNICAL = "technical"
    BEHAVIORAL = "behavioral"
    CODING = "coding"
    SYSTEM_DESIGN = "system_design"


class QuestionStatus(StrEnum):
    """Where a question of a running interview stands."""

    UNANSWERED = "unanswered"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SKIPPED = "skipped"


class Category(StrEnum):
    FRONTEND = "frontend"
    BACKEND = "backend"
    FULLSTACK = "fullstack"
    MOBILE = "mobile"


class Experience(StrEnum):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"


class Theme(StrEnum):
    LIGHT = "light"
    DARK = "dark"


class ChatRole(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"


class AttachmentType(StrEnum):
    FILE = "file"
    IMAGE = "image"
    CODE = "code"


class AnalyticsType(StrEnum):
    USER = "user"
    INTERVIEW = "interview"
    CHAT = "chat"
    SYSTEM = "system"


class PeriodType(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"


class HealthStatus(StrEnum):
    HEALTHY = "healthy"
    WARNING = "warning"
    CRITICAL = "critical"


class ProviderStatus(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    DEGRADED = "degraded"


class AlertType(StrEnum):
    WARNING = "warning"
    ERROR = "error"
    CRITICAL = "critical"


# --- model bases -------------------------------------------------------------------------


class Model(BaseModel):
    """Base of every domain model: snake_case attributes, the seed's camelCase names stored.

    Unknown fields are ignored so that a document written by a newer version still loads.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        validate_assignment=True,
        use_enum_values=False,
    )

    @classmethod
    def validate_input(cls, data: object) -> Self:
        """Validate data from a user or a file: unknown fields anywhere are rejected."""
        return cls.model_validate(data, extra="forbid")

    def stored(self) -> dict[str, Any]:
        """The stored form: camelCase keys, `_id`, JSON-compatible values except datetimes."""
        return self.model_dump(by_alias=True)


class InputModel(Model):
    """Base for data from a user or a file: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Document(Model):
    """A stored top-level document with its `_id`."""

    id: ObjectIdStr = Field(alias="_id", default_factory=new_id)
