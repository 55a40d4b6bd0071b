"""Two-factor enrolment and checks: TOTP enabled only after a correct code, recovery codes."""

from __future__ import annotations

from dataclasses import dataclass

from interviewai_tui.auth import totp
from interviewai_tui.auth.errors import TwoFactorError
from interviewai_tui.auth.lockout import Lockout, prove_password
from interviewai_tui.auth.passwords import PasswordHasher
from interviewai_tui.clock import Clock
from interviewai_tui.domain.users import User
from interviewai_tui.store.base import Store

# Until the User model has a field for it, the last accepted step lives in memory, which
# still stops a code being replayed within this process (the window is 90 seconds).
_LAST_STEP_FIELD = "two_factor_last_step"
_LAST_STEP_STORED = "twoFactorLastStep"


@dataclass(frozen=True)
class Enrolment:
    """A secret offered to the user; nothing is stored until `confirm` gets a right code."""

    secret: str
    uri: str
    account: str

    def qr(self, *, dark_on_light: bool = False) -> str:
        return totp.qr_text(self.uri, dark_on_light=dark_on_light)

    @property
    def grouped_secret(self) -> str:
        """The secret in groups of 4, for typing it by hand."""
        return " ".join(self.secret[i : i + 4] for i in range(0, len(self.secret), 4))


class TwoFactorService:
    def __init__(
        self, store: Store, clock: Clock, hasher: PasswordHasher, lockout: Lockout
    ) -> None:
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.lockout = lockout
        self._last_steps: dict[str, int] = {}
        self._persist_step = _LAST_STEP_FIELD in User.model_fields

    async def begin(self, user_id: str) -> Enrolment:
        user = await self._user(user_id)
        if user.two_factor_enabled:
            raise TwoFactorError("Two-factor sign-in is already on; turn it off first.")
        secret = totp.new_secret()
        return Enrolment(secret, totp.provisioning_uri(secret, user.email), user.email)

    async def confirm(self, user_id: str, enrolment: Enrolment, code: str) -> list[str]:
        """Turn 2FA on if `code` is right; returns the recovery codes to show once."""
        user = await self._user(user_id)
        step = totp.verify(enrolment.secret, code, self.clock.now())
        if step is None:
            raise TwoFactorError(
                "That code is not correct; check that your phone's clock is right and retry."
            )
        codes = totp.new_recovery_codes()
        changes: dict[str, object] = {
            "twoFactorSecret": enrolment.secret,
            "twoFactorEnabled": True,
            "recoveryCodes": codes.hashes,
        }
        if self._persist_step:
            changes[_LAST_STEP_STORED] = step
        await self.store.users.update(user_id=user.id, changes=changes)
        self._last_steps[user.id] = step
        return codes.codes

    async def disable(self, user_id: str, password: str) -> None:
        """Turn 2FA off; needs the account password (wrong ones count toward lockout)."""
        user = await self._user(user_id)
        if user.password_hash is not None and not await prove_password(
            self.hasher, self.lockout, user, password
        ):
            raise TwoFactorError("The password is not correct.")
        changes: dict[str, object] = {
            "twoFactorSecret": None,
            "twoFactorEnabled": False,
            "recoveryCodes": [],
        }
        await self.store.users.update(user_id=user.id, changes=changes)
        self._last_steps.pop(user.id, None)

    async def check_sign_in_code(self, user: User, code: str) -> bool:
        """A TOTP code (not reused) or an unused recovery code, which is then spent."""
        if user.two_factor_secret is None:
            return False
        if totp.looks_like_recovery_code(code):
            used = totp.match_recovery_code(code, user.recovery_codes)
            if used is None:
                return False
            remaining = [h for h in user.recovery_codes if h != used]
            await self.store.users.update(user_id=user.id, changes={"recoveryCodes": remaining})
            return True
        stored_step = getattr(user, _LAST_STEP_FIELD, None) if self._persist_step else None
        last = max(
            (s for s in (stored_step, self._last_steps.get(user.id)) if s is not None),
            default=None,
        )
        step = totp.verify(user.two_factor_secret, code, self.clock.now(), last_step=last)
        if step is None:
            return False
        self._last_steps[user.id] = step
        if self._persist_step:
            await self.store.users.update(user_id=user.id, changes={_LAST_STEP_STORED: step})
        return True

    async def recovery_codes_left(self, user_id: str) -> int:
        return len((await self._user(user_id)).recovery_codes)

    async def _user(self, user_id: str) -> User:
        user = await self.store.users.get(user_id=user_id)
        if user is None:
            raise TwoFactorError("This account no longer exists.")
        return user
