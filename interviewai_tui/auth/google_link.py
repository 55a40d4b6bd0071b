"""Turning a Google identity into a signed-in account: find, link (after proof) or create.

An account that already uses the Google address is linked only after its password is
proven: anyone can create a Google account, and the email claim alone must not hand over
an existing account.
"""

from __future__ import annotations

from interviewai_tui.auth.google import GoogleIdentity
from interviewai_tui.auth.service import GENERIC_FAILURE, AuthError, AuthService, LoginResult
from interviewai_tui.domain.common import normalize_email
from interviewai_tui.domain.users import User

LINKED_ELSEWHERE = "This email's account is already linked to a different Google account."


async def google_sign_in(
    auth: AuthService,
    identity: GoogleIdentity,
    *,
    password: str | None = None,
    totp_code: str | None = None,
    remember: bool = False,
) -> LoginResult:
    """Sign in with a Google identity from the device flow.

    Returns `needs_link_password=True` when an existing password account has the same email
    and `password` was not given; call again with it.
    """
    users = auth.store.users
    user = await users.get_by_google_id(google_id=identity.sub)
    if user is None:
        try:
            address = normalize_email(identity.email)
        except ValueError:
            raise AuthError("Google shared an email address this app cannot use.") from None
        existing = await users.get_by_email(email=address)
        if existing is None:
            user = await auth.create_account(_new_user(identity, address))
        else:
            if existing.google_id and existing.google_id != identity.sub:
                raise AuthError(LINKED_ELSEWHERE)
            if existing.password_hash is not None:
                if password is None:
                    return LoginResult(user=None, needs_link_password=True)
                if not await auth.verify_password(existing, password):
                    raise AuthError(GENERIC_FAILURE)
            user = await _link(auth, existing, identity)
    elif auth.lockout.is_locked(user):
        raise AuthError(GENERIC_FAILURE)
    return await auth.complete_sign_in(user, totp_code=totp_code, remember=remember)


def _new_user(identity: GoogleIdentity, address: str) -> User:
    return User(
        email=address,
        name=(identity.name or address.split("@", 1)[0])[:200],
        google_id=identity.sub,
        avatar=identity.picture,
        email_verified=identity.email_verified,
    )


async def _link(auth: AuthService, user: User, identity: GoogleIdentity) -> User:
    changes: dict[str, object] = {"googleId": identity.sub}
    if identity.picture and not user.avatar:
        changes["avatar"] = identity.picture
    if identity.email_verified:
        changes["emailVerified"] = True
    return await auth.store.users.update(user_id=user.id, changes=changes)
