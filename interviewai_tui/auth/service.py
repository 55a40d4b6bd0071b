"""The account service: register, sign in (lockout, status, 2FA), remembered sessions, roles.

Every sign-in failure a stranger could cause gives the same message and costs one bcrypt
check, whether the email is unknown, the password wrong, or the account locked or blocked
(OWASP authentication cheat sheet). bcrypt runs in a thread; the event loop never waits on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewai_tui.auth.errors import AuthError, PermissionDenied
from interviewai_tui.auth.google import GoogleDeviceFlow, GoogleIdentity
from interviewai_tui.auth.lockout import Lockout, prove_password
from interviewai_tui.auth.passwords import PasswordHasher, password_problem
from interviewai_tui.auth.profile import ProfileService
from interviewai_tui.auth.sessions import RememberedSessions
from interviewai_tui.auth.twofactor import TwoFactorService
from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import Role, UserStatus, normalize_email
from interviewai_tui.domain.users import PublicUser, User
from interviewai_tui.secrets import SecretStore, SecretStoreError
from interviewai_tui.store.base import Store
from interviewai_tui.store.errors import DuplicateError

GENERIC_FAILURE = "Email or password is not correct, or the account cannot sign in right now."
WRONG_CODE = "That code is not correct; check your authenticator app and try again."
ALREADY_REGISTERED = "An account with this email already exists; sign in instead."

__all__ = ["AuthError", "AuthService", "LoginResult", "PermissionDenied"]


@dataclass
class LoginResult:
    user: PublicUser | None  # set when signed in
    needs_totp: bool = False  # password proven: ask for the code, call login again with it
    pending_approval: bool = False  # password proven, but an admin has not approved yet
    needs_link_password: bool = False  # Google: an account has this email; prove its password
    remember_note: str | None = None  # where "remember me" kept the token, if asked


class AuthService:
    """Accounts on top of a `Store`. See the module docstring for the rules."""

    def __init__(
        self,
        store: Store,
        secrets: SecretStore,
        clock: Clock,
        *,
        bcrypt_cost: int = 12,
        lockout_threshold: int = 5,
        lockout_minutes: int = 15,
        require_approval: bool = False,
        session_days: int = 30,
        google: GoogleDeviceFlow | None = None,
        _hash_rounds_for_tests: int | None = None,
    ) -> None:
        self.store = store
        self.secrets = secrets
        self.clock = clock
        self.require_approval = require_approval
        self.hasher = PasswordHasher(bcrypt_cost, _rounds_for_tests=_hash_rounds_for_tests)
        self.lockout = Lockout(store, clock, threshold=lockout_threshold, minutes=lockout_minutes)
        self.sessions = RememberedSessions(store, secrets, clock, days=session_days)
        self.two_factor = TwoFactorService(store, clock, self.hasher, self.lockout)
        self.profile = ProfileService(store, clock)
        # The device-flow client (start/wait_for_identity); unconfigured it explains how.
        self.google = google or GoogleDeviceFlow(None, None, clock=clock)

    # --- policy ------------------------------------------------------------------------

    def password_problem(self, email: str, password: str) -> str | None:
        """Why the password would be refused at registration (cheap; for live hints)."""
        return password_problem(email, password)

    # --- registration ----------------------------------------------------------------

    async def register(self, *, email: str, name: str, password: str) -> PublicUser:
        """Create an account; raises AuthError with the reason when refused."""
        address = _email_or_error(email)
        clean_name = " ".join(name.split())
        if not clean_name:
            raise AuthError("Enter your name.")
        if len(clean_name) > 200:
            raise AuthError("Name is too long (at most 200 characters).")
        problem = password_problem(address, password)
        if problem:
            raise AuthError(problem)
        if await self.store.users.get_by_email(email=address) is not None:
            raise AuthError(ALREADY_REGISTERED)
        password_hash = await self.hasher.hash_async(password)
        user = await self.create_account(
            User(email=address, name=clean_name, password_hash=password_hash)
        )
        return user.public()

    async def create_account(self, user: User) -> User:
        """Insert with the role and status rules for new accounts."""
        now = self.clock.now()
        first_embedded = self.store.engine == "sqlite" and await self.store.users.count() == 0
        user.created_at = now
        user.updated_at = now
        if first_embedded:
            # The embedded store has nobody to approve or promote its first user.
            user.role = Role.ADMIN
            user.status = UserStatus.ACTIVE
        elif self.require_approval:
            user.status = UserStatus.PENDING
        try:
            created = await self.store.users.create(user=user)
        except DuplicateError:
            raise AuthError(ALREADY_REGISTERED) from None
        if first_embedded:
            created = await self._settle_first_admin(created)
        return created

    async def _settle_first_admin(self, user: User) -> User:
        """Two first registrations at once (two terminals on one file) both saw an empty
        store; the one with the smallest id stays admin, the others become what a later
        account would be. Every racer compares the same ids, so exactly one admin remains."""
        others = await self.store.users.list(limit=50)
        if min(u.id for u in others.items) == user.id:
            return user
        changes: dict[str, object] = {"role": Role.USER.value}
        if self.require_approval:
            changes["status"] = UserStatus.PENDING.value
        return await self.store.users.update(user_id=user.id, changes=changes)

    # --- sign-in -----------------------------------------------------------------------

    async def login(
        self,
        *,
        email: str,
        password: str,
        totp_code: str | None = None,
        remember: bool = False,
    ) -> LoginResult:
        """Sign in with email and password (and the 2FA code when asked for it)."""
        try:
            address = normalize_email(email)
        except ValueError:
            await self.hasher.burn_async()
            raise AuthError(GENERIC_FAILURE) from None
        user = await self.store.users.get_by_email(email=address)
        if user is None or self.lockout.is_locked(user):
            await self.hasher.burn_async()
            raise AuthError(GENERIC_FAILURE)
        password_ok = await self.hasher.verify_async(password, user.password_hash)
        if user.status == UserStatus.BLOCKED:
            raise AuthError(GENERIC_FAILURE)
        if not password_ok:
            await self.lockout.record_failure(user)
            raise AuthError(GENERIC_FAILURE)
        return await self.complete_sign_in(user, totp_code=totp_code, remember=remember)

    async def complete_sign_in(
        self, user: User, *, totp_code: str | None, remember: bool
    ) -> LoginResult:
        """After the first factor is proven: approval, second factor, bookkeeping."""
        if user.status == UserStatus.BLOCKED:
            raise AuthError(GENERIC_FAILURE)
        if user.status == UserStatus.PENDING:
            return LoginResult(user=None, pending_approval=True)
        if user.two_factor_enabled:
            if not totp_code or not totp_code.strip():
                return LoginResult(user=None, needs_totp=True)
            if not await self.two_factor.check_sign_in_code(user, totp_code):
                await self.lockout.record_failure(user)
                raise AuthError(WRONG_CODE)
        now = self.clock.now()
        await self.store.users.record_login(user_id=user.id, at=now)
        note = None
        if remember:
            try:
                note = f"Remember me: {(await self.sessions.remember(user)).message}"
            except SecretStoreError as exc:
                note = f"Could not remember this sign-in: {exc}"
        fresh = await self.store.users.get(user_id=user.id)
        return LoginResult(user=(fresh or user).public(), remember_note=note)

    async def google_sign_in(
        self,
        identity: GoogleIdentity,
        *,
        password: str | None = None,
        totp_code: str | None = None,
        remember: bool = False,
    ) -> LoginResult:
        """Sign in with an identity from `self.google`; see auth.google_link."""
        from interviewai_tui.auth.google_link import google_sign_in

        return await google_sign_in(
            self, identity, password=password, totp_code=totp_code, remember=remember
        )

    login_with_google = google_sign_in  # the name the sign-in screens call

    async def resume_session(self) -> PublicUser | None:
        """The user of this machine's remembered sign-in, if it is still valid."""
        user = await self.sessions.resume()
        if user is None:
            return None
        now = self.clock.now()
        await self.store.users.update(user_id=user.id, changes={"lastLogin": now})
        await self.store.users.add_to_stats(user_id=user.id, last_activity_at=now)
        fresh = await self.store.users.get(user_id=user.id)
        return (fresh or user).public()

    async def logout(self, user_id: str) -> None:
        """Sign out: the local token and its stored hash are removed."""
        owner = await self.sessions.current_user_id()
        if owner is None or owner == user_id:
            await self.sessions.forget()

    # --- account changes --------------------------------------------------------------

    async def change_password(self, *, user_id: str, current: str, new: str) -> None:
        """Needs the current password; other remembered sign-ins of the user end."""
        user = await self._user(user_id)
        if not await prove_password(self.hasher, self.lockout, user, current):
            raise AuthError("The current password is not correct.")
        problem = password_problem(user.email, new)
        if problem:
            raise AuthError(problem)
        if await self.hasher.verify_async(new, user.password_hash):
            raise AuthError("The new password must differ from the current one.")
        password_hash = await self.hasher.hash_async(new)
        await self.store.users.update(user_id=user.id, changes={"password": password_hash})
        await self.sessions.forget_user_everywhere(user.id)

    async def verify_password(self, user: User, password: str) -> bool:
        """Prove the password of a known user (counts toward lockout when wrong)."""
        return await prove_password(self.hasher, self.lockout, user, password)

    async def require_admin(self, user_id: str) -> None:
        """Raise PermissionDenied unless `user_id` is an active admin."""
        user = await self.store.users.get(user_id=user_id)
        if user is None or user.role != Role.ADMIN or user.status != UserStatus.ACTIVE:
            raise PermissionDenied("This action needs an administrator account.")

    async def get_user(self, user_id: str) -> PublicUser | None:
        user = await self.store.users.get(user_id=user_id)
        return user.public() if user else None

    async def _user(self, user_id: str) -> User:
        user = await self.store.users.get(user_id=user_id)
        if user is None:
            raise AuthError("This account no longer exists.")
        return user


def _email_or_error(email: str) -> str:
    try:
        return normalize_email(email)
    except ValueError as exc:
        raise AuthError(str(exc)) from None
