"""What the UI needs from the container and the auth service, as small protocols.

The app is typed against these rather than the concrete classes so tests can hand it fakes,
and so importing the UI never imports the services (they load after the first frame).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from interviewai_tui.auth.google import GoogleDeviceFlow, GoogleIdentity
    from interviewai_tui.config import Settings
    from interviewai_tui.domain.users import PublicUser


class LoginOutcome(Protocol):
    """The result of one sign-in attempt (auth.service.LoginResult)."""

    @property
    def user(self) -> PublicUser | None: ...
    @property
    def needs_totp(self) -> bool: ...
    @property
    def pending_approval(self) -> bool: ...
    @property
    def remember_note(self) -> str | None: ...
    @property
    def needs_link_password(self) -> bool: ...


class ThemePort(Protocol):
    """The profile service's theme setter (auth.profile.ProfileService)."""

    async def set_theme(self, user_id: str, theme: str) -> PublicUser: ...


class AuthPort(Protocol):
    """The part of auth.service.AuthService the sign-in and register screens call."""

    async def register(self, *, email: str, name: str, password: str) -> PublicUser: ...

    async def login(
        self,
        *,
        email: str,
        password: str,
        totp_code: str | None = None,
        remember: bool = False,
    ) -> LoginOutcome: ...

    async def login_with_google(
        self,
        identity: GoogleIdentity,
        *,
        password: str | None = None,
        totp_code: str | None = None,
        remember: bool = False,
    ) -> LoginOutcome: ...

    @property
    def google(self) -> GoogleDeviceFlow: ...

    @property
    def profile(self) -> ThemePort: ...

    async def resume_session(self) -> PublicUser | None: ...

    async def get_user(self, user_id: str) -> PublicUser | None: ...

    async def logout(self, user_id: str) -> None: ...

    def password_problem(self, email: str, password: str) -> str | None: ...


class ServicesPort(Protocol):
    """The container as the app sees it: opened in a worker, closed on unmount."""

    @property
    def settings(self) -> Settings: ...

    @property
    def auth(self) -> AuthPort: ...

    async def open(self) -> None: ...

    async def close(self) -> None: ...
