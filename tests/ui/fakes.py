"""A small in-memory container and auth service with the real interface, for UI tests.

Screens talk to ``container.auth`` exactly as to ``auth.service.AuthService``; these fakes
keep the same method names and keyword arguments, and raise AuthError with the same generic
message, so the screens are tested against the behaviour rather than a mock of calls.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from interviewai_tui.auth.google import GoogleDeviceFlow, GoogleIdentity
from interviewai_tui.domain.common import Role, Theme, UserStatus, new_id
from interviewai_tui.domain.users import Preferences, PublicUser, UserStats

GENERIC_FAILURE = "The email or password is incorrect, or the account cannot sign in right now."
FROZEN = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


class FakeAuthError(Exception):
    """Stands in for auth.service.AuthError (a one-sentence `message`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class FakeLoginResult:
    user: PublicUser | None
    needs_totp: bool = False
    pending_approval: bool = False
    needs_link_password: bool = False
    remember_note: str | None = None


@dataclass
class _Account:
    user: PublicUser
    password: str
    totp: str | None = None
    failures: int = 0


@dataclass
class FakeSettings:
    theme: str = "dark"
    google_client_id: str | None = None
    google_client_secret: str | None = None


def make_user(
    *,
    name: str = "Ada Lovelace",
    email: str = "ada@example.com",
    role: Role = Role.USER,
    theme: Theme = Theme.DARK,
    status: UserStatus = UserStatus.ACTIVE,
    **stats: Any,
) -> PublicUser:
    return PublicUser(
        id=new_id(),
        email=email,
        name=name,
        role=role,
        status=status,
        preferences=Preferences(theme=theme),
        stats=UserStats(**stats),
        created_at=FROZEN,
        updated_at=FROZEN,
    )


class FakeProfile:
    """auth.profile: only what the shell calls."""

    def __init__(self, auth: FakeAuth) -> None:
        self.auth = auth

    async def set_theme(self, user_id: str, theme: str) -> PublicUser:
        for account in self.auth.accounts.values():
            if account.user.id == user_id:
                prefs = account.user.preferences.model_copy(update={"theme": Theme(theme)})
                account.user = account.user.model_copy(update={"preferences": prefs})
                return account.user
        raise FakeAuthError("This account no longer exists.")


class FakeAuth:
    """The AuthService interface over a dict; lockout after `threshold` failures."""

    def __init__(self, *, threshold: int = 5, delay: float = 0.0) -> None:
        self.accounts: dict[str, _Account] = {}
        self.threshold = threshold
        self.delay = delay
        self.remembered: PublicUser | None = None
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.logged_out: list[str] = []
        self.google = GoogleDeviceFlow(None, None)  # unconfigured unless a test sets one
        self.google_links: dict[str, str] = {}  # google sub -> email of the linked account
        self.profile = FakeProfile(self)

    def add(self, user: PublicUser, password: str, *, totp: str | None = None) -> PublicUser:
        self.accounts[str(user.email)] = _Account(user, password, totp)
        return user

    def password_problem(self, email: str, password: str) -> str | None:
        if len(password) < 8:
            return "The password needs at least 8 characters."
        if not any(c.isupper() for c in password) or not any(c.islower() for c in password):
            return "The password needs an upper-case and a lower-case letter."
        if not any(c.isdigit() for c in password):
            return "The password needs a digit."
        local = email.split("@", 1)[0].lower()
        if len(local) >= 3 and local in password.lower():
            return "The password must not contain the first part of your email address."
        return None

    async def register(self, *, email: str, name: str, password: str) -> PublicUser:
        self.calls.append(("register", {"email": email, "name": name}))
        await asyncio.sleep(self.delay)
        email = email.strip().lower()
        if email in self.accounts:
            raise FakeAuthError("An account with this email already exists.")
        problem = self.password_problem(email, password)
        if problem:
            raise FakeAuthError(problem)
        return self.add(make_user(name=name, email=email), password)

    async def login(
        self,
        *,
        email: str,
        password: str,
        totp_code: str | None = None,
        remember: bool = False,
    ) -> FakeLoginResult:
        self.calls.append(("login", {"email": email, "totp": totp_code, "remember": remember}))
        await asyncio.sleep(self.delay)
        account = self.accounts.get(email.strip().lower())
        if account is None:
            raise FakeAuthError(GENERIC_FAILURE)
        if account.failures >= self.threshold or account.password != password:
            account.failures += 1
            raise FakeAuthError(GENERIC_FAILURE)
        if account.user.status == UserStatus.PENDING:
            return FakeLoginResult(None, pending_approval=True)
        if account.totp is not None:
            if totp_code is None:
                return FakeLoginResult(None, needs_totp=True)
            if totp_code != account.totp:
                account.failures += 1
                raise FakeAuthError("The code is not valid.")
        account.failures = 0
        note = None
        if remember:
            self.remembered = account.user
            note = "This sign-in is remembered in the system keyring."
        return FakeLoginResult(account.user, remember_note=note)

    async def login_with_google(
        self,
        identity: GoogleIdentity,
        *,
        password: str | None = None,
        totp_code: str | None = None,
        remember: bool = False,
    ) -> FakeLoginResult:
        self.calls.append(("google", {"sub": identity.sub, "password": password is not None}))
        email = self.google_links.get(identity.sub, identity.email.lower())
        account = self.accounts.get(email)
        if account is None:
            user = self.add(make_user(name=identity.name or email, email=email), "")
            self.google_links[identity.sub] = email
            return FakeLoginResult(user)
        if identity.sub not in self.google_links:
            if password is None:
                return FakeLoginResult(None, needs_link_password=True)
            if password != account.password:
                raise FakeAuthError(GENERIC_FAILURE)
            self.google_links[identity.sub] = email
        if account.totp is not None and totp_code != account.totp:
            if totp_code is None:
                return FakeLoginResult(None, needs_totp=True)
            raise FakeAuthError("The code is not valid.")
        return FakeLoginResult(account.user)

    async def resume_session(self) -> PublicUser | None:
        return self.remembered

    async def get_user(self, user_id: str) -> PublicUser | None:
        return next((a.user for a in self.accounts.values() if a.user.id == user_id), None)

    async def logout(self, user_id: str) -> None:
        self.logged_out.append(user_id)
        self.remembered = None


@dataclass
class FakeContainer:
    auth: FakeAuth = field(default_factory=FakeAuth)
    settings: FakeSettings = field(default_factory=FakeSettings)
    open_error: BaseException | None = None
    open_delay: float = 0.0
    opened: int = 0
    closed: int = 0

    async def open(self) -> None:
        await asyncio.sleep(self.open_delay)
        if self.open_error is not None:
            raise self.open_error
        self.opened += 1

    async def close(self) -> None:
        self.closed += 1
