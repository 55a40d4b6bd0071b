"""Users: accounts, profiles, preferences and per-user stats (the seed's `users` collection)."""

from __future__ import annotations

from pydantic import Field, field_validator

from interviewai_tui.domain.common import (
    Document,
    Email,
    Experience,
    Model,
    Role,
    Score,
    Theme,
    UserStatus,
    UtcDateTime,
    utcnow,
)

__all__ = ["Preferences", "Profile", "PublicUser", "Resume", "User", "UserStats"]

# Fields that hold secrets or their hashes: present on `User` only, never on `PublicUser`.
SECRET_FIELDS = frozenset(
    {"password_hash", "two_factor_secret", "recovery_codes", "two_factor_last_step"}
)


class Preferences(Model):
    theme: Theme = Theme.LIGHT
    notifications: bool = True
    language: str = "en"
    timezone: str = "UTC"


class Resume(Model):
    filename: str | None = None
    url: str | None = None
    uploaded_at: UtcDateTime | None = None


class Profile(Model):
    bio: str | None = None
    location: str | None = None
    website: str | None = None
    skills: list[str] = Field(default_factory=list)
    experience: Experience | None = None
    resume: Resume | None = None


class UserStats(Model):
    total_interviews: int = Field(default=0, ge=0)
    completed_interviews: int = Field(default=0, ge=0)
    average_score: Score = 0
    total_chat_messages: int = Field(default=0, ge=0)
    last_activity_at: UtcDateTime | None = None


class _UserFields(Document):
    email: Email
    name: str = Field(min_length=1, max_length=200)
    role: Role = Role.USER
    status: UserStatus = UserStatus.ACTIVE
    google_id: str | None = None
    avatar: str | None = None
    email_verified: bool = False
    two_factor_enabled: bool = False
    last_login: UtcDateTime | None = None
    login_attempts: int = Field(default=0, ge=0)
    lock_until: UtcDateTime | None = None
    preferences: Preferences = Field(default_factory=Preferences)
    profile: Profile = Field(default_factory=Profile)
    created_at: UtcDateTime = Field(default_factory=utcnow)
    updated_at: UtcDateTime = Field(default_factory=utcnow)
    stats: UserStats = Field(default_factory=UserStats)

    @field_validator("name", mode="before")
    @classmethod
    def _strip_name(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class PublicUser(_UserFields):
    """What screens and services outside auth receive: no password hash, no 2FA secrets."""


class User(_UserFields):
    """The stored user, including the bcrypt hash (stored as `password`) and 2FA secrets."""

    password_hash: str | None = Field(default=None, alias="password", repr=False)
    two_factor_secret: str | None = Field(default=None, repr=False)
    # Hashes of the one-time recovery codes, never the codes themselves.
    recovery_codes: list[str] = Field(default_factory=list, repr=False)
    # The last TOTP time step accepted, so a code cannot be replayed (even across processes).
    two_factor_last_step: int | None = Field(default=None, repr=False)

    def public(self) -> PublicUser:
        """The same user without secrets."""
        return PublicUser.model_validate(self.model_dump(exclude=set(SECRET_FIELDS)))
