"""Account lockout from `loginAttempts` and `lockUntil` (counter per account, not per address)."""

from __future__ import annotations

from datetime import datetime, timedelta

from interviewai_tui.auth.passwords import PasswordHasher
from interviewai_tui.clock import Clock
from interviewai_tui.domain.users import User
from interviewai_tui.store.base import Store


class Lockout:
    """After `threshold` consecutive failures the account is locked for `minutes`."""

    def __init__(self, store: Store, clock: Clock, *, threshold: int, minutes: int) -> None:
        if threshold < 1 or minutes < 1:
            raise ValueError("lockout threshold and minutes must be at least 1")
        self.store = store
        self.clock = clock
        self.threshold = threshold
        self.duration = timedelta(minutes=minutes)
        self.failures_seen = 0  # failed sign-ins since start, for the admin metrics

    def is_locked(self, user: User, now: datetime | None = None) -> bool:
        now = now or self.clock.now()
        return user.lock_until is not None and user.lock_until > now

    async def record_failure(self, user: User) -> int:
        """Count one failure atomically and lock when the threshold is reached.

        Returns the new count. A lock that has run out starts a fresh count, so one more
        mistake after the lock expires does not lock the account again at once.
        """
        self.failures_seen += 1
        now = self.clock.now()
        users = self.store.users
        expired_lock = user.lock_until is not None and user.lock_until <= now
        if expired_lock and user.login_attempts >= self.threshold:
            await users.reset_login_attempts(user_id=user.id)
            await users.set_lock(user_id=user.id, until=None)
        count = await users.increment_login_attempts(user_id=user.id)
        if count >= self.threshold:
            # Every concurrent failure past the threshold sets the same kind of lock; the
            # latest one wins, which only ever extends it by the time between them.
            await users.set_lock(user_id=user.id, until=now + self.duration)
        return count


async def prove_password(
    hasher: PasswordHasher, lockout: Lockout, user: User, password: str
) -> bool:
    """Check the password of a known user: refused while locked, failures counted."""
    if lockout.is_locked(user):
        await hasher.burn_async()
        return False
    if await hasher.verify_async(password, user.password_hash):
        return True
    await lockout.record_failure(user)
    return False
