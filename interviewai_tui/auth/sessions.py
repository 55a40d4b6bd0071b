"""Remember me: a random token in the keyring, only its SHA-256 and expiry in the store.

The password is never kept. A stolen database yields hashes of tokens, which cannot be used to
sign in; a stolen token stops working after `session_days` or at sign-out.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import UserStatus
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.users import User
from interviewai_tui.secrets import Saved, SecretStore
from interviewai_tui.store.base import Store


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class RememberedSessions:
    """Create, resume and forget the one remembered sign-in of this machine and store."""

    def __init__(
        self, store: Store, secrets_store: SecretStore, clock: Clock, *, days: int = 30
    ) -> None:
        self.store = store
        self.secrets = secrets_store
        self.clock = clock
        self.lifetime = timedelta(days=days)
        # One token per database: a throwaway demo store must not overwrite (or, finding
        # the token unknown, delete) the remembered sign-in of the real one.
        where = hashlib.sha256(store.describe().encode("utf-8")).hexdigest()[:12]
        self.secret_name = f"session-token:{where}"

    async def remember(self, user: User) -> Saved:
        """Issue a token for `user`; the result says where the token was kept."""
        await self.forget()
        token = secrets.token_urlsafe(32)
        now = self.clock.now()
        session = Session(
            user_id=user.id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + self.lifetime,
            last_used_at=now,
        )
        await self.store.sessions.create(session=session)
        try:
            return await self.secrets.set(self.secret_name, token)
        except Exception:
            # The token could not be kept anywhere: do not leave a usable session behind.
            await self.store.sessions.delete(session_id=session.id)
            raise

    async def resume(self) -> User | None:
        """The active user of a valid remembered token, else None (bad tokens are removed)."""
        token = await self.secrets.get(self.secret_name)
        if not token:
            return None
        session = await self.store.sessions.get_by_token_hash(token_hash=token_hash(token))
        if session is None:  # expired or signed out elsewhere
            await self.secrets.delete(self.secret_name)
            return None
        user = await self.store.users.get(user_id=session.user_id)
        if user is None or user.status != UserStatus.ACTIVE:
            await self.store.sessions.delete(session_id=session.id)
            await self.secrets.delete(self.secret_name)
            return None
        await self.store.sessions.touch(session_id=session.id, at=self.clock.now())
        return user

    async def current_user_id(self) -> str | None:
        token = await self.secrets.get(self.secret_name)
        if not token:
            return None
        session = await self.store.sessions.get_by_token_hash(token_hash=token_hash(token))
        return session.user_id if session else None

    async def forget(self) -> None:
        """Remove the local token and its stored hash."""
        token = await self.secrets.get(self.secret_name)
        if token:
            session = await self.store.sessions.get_by_token_hash(token_hash=token_hash(token))
            if session is not None:
                await self.store.sessions.delete(session_id=session.id)
            await self.secrets.delete(self.secret_name)

    async def forget_user_everywhere(self, user_id: str) -> None:
        """Drop every remembered session of `user_id` (password change, block)."""
        local_owner = await self.current_user_id()
        await self.store.sessions.delete_for_user(user_id=user_id)
        if local_owner == user_id:
            await self.secrets.delete(self.secret_name)
