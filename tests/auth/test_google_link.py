from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from interviewai_tui.auth.google import GoogleDeviceFlow, GoogleIdentity
from interviewai_tui.auth.google_link import LINKED_ELSEWHERE
from interviewai_tui.auth.service import GENERIC_FAILURE, AuthError, AuthService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Role
from interviewai_tui.store import Store

from .conftest import GOOD_PASSWORD, NOW
from .fake_google import FakeGoogle, granted, pending

ID = GoogleIdentity(
    sub="109876543210987654321",
    email="jane@example.com",
    email_verified=True,
    name="Jane From Google",
    picture="https://lh3.googleusercontent.com/a/jane",
)


async def test_new_google_user_is_created_and_linked(auth: AuthService, store: Store):
    result = await auth.google_sign_in(ID)
    assert result.user is not None
    user = result.user
    assert (user.email, user.name, user.google_id) == (ID.email, ID.name, ID.sub)
    assert user.avatar == ID.picture and user.email_verified
    assert user.role == Role.ADMIN  # the first embedded account, as with passwords
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.password_hash is None
    again = await auth.google_sign_in(ID)
    assert again.user is not None and again.user.id == user.id
    # A Google-only account has no password: password sign-in fails without crashing.
    with pytest.raises(AuthError) as info:
        await auth.login(email=ID.email, password=GOOD_PASSWORD)
    assert info.value.message == GENERIC_FAILURE


async def test_existing_account_linked_only_after_its_password(auth: AuthService, store: Store):
    user = await auth.register(email=ID.email, name="Jane", password=GOOD_PASSWORD)
    asked = await auth.google_sign_in(ID)
    assert asked.needs_link_password and asked.user is None
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.google_id is None
    with pytest.raises(AuthError) as info:
        await auth.google_sign_in(ID, password="Wrong-Password-1")
    assert info.value.message == GENERIC_FAILURE
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.google_id is None and stored.login_attempts == 1
    linked = await auth.google_sign_in(ID, password=GOOD_PASSWORD)
    assert linked.user is not None and linked.user.id == user.id
    assert linked.user.google_id == ID.sub and linked.user.email_verified
    assert linked.user.avatar == ID.picture and linked.user.name == "Jane"
    # From now on Google alone signs in.
    assert (await auth.google_sign_in(ID)).user is not None


async def test_unverified_google_email_does_not_mark_ours_verified(auth: AuthService):
    await auth.register(email=ID.email, name="Jane", password=GOOD_PASSWORD)
    unverified = GoogleIdentity(sub=ID.sub, email=ID.email, email_verified=False)
    linked = await auth.google_sign_in(unverified, password=GOOD_PASSWORD)
    assert linked.user is not None and not linked.user.email_verified


async def test_account_linked_to_another_google_id_is_refused(auth: AuthService, store: Store):
    user = await auth.register(email=ID.email, name="Jane", password=GOOD_PASSWORD)
    await store.users.update(user_id=user.id, changes={"googleId": "999"})
    with pytest.raises(AuthError, match="different Google account") as info:
        await auth.google_sign_in(ID, password=GOOD_PASSWORD)
    assert info.value.message == LINKED_ELSEWHERE


async def test_blocked_google_user_refused(auth: AuthService, store: Store):
    user = (await auth.google_sign_in(ID)).user
    assert user is not None
    await store.users.update(user_id=user.id, changes={"status": "blocked"})
    with pytest.raises(AuthError) as info:
        await auth.google_sign_in(ID)
    assert info.value.message == GENERIC_FAILURE


async def test_device_flow_end_to_end_against_the_fake(
    make_auth: Callable[..., AuthService], store: Store, clock: FrozenClock
):
    claims = {
        "iss": "accounts.google.com",
        "aud": "cid",
        "sub": "123456789012345678901",
        "email": "a@b.co",
        "email_verified": True,
        "exp": int(NOW.timestamp()) + 600,
    }
    async with FakeGoogle(token_replies=[pending(), granted(claims)]) as fake:
        fake.device_reply.body["interval"] = 0
        flow = GoogleDeviceFlow("cid", "secret", endpoints=fake.endpoints, clock=clock)
        auth = make_auth(google=flow)
        device = await auth.google.start()
        identity = await asyncio.wait_for(auth.google.wait_for_identity(device), 10)
    result = await auth.google_sign_in(identity)
    assert result.user is not None and result.user.google_id == "123456789012345678901"
    assert await store.users.get_by_google_id(google_id="123456789012345678901") is not None
